import Understanding

/// A table from words to values built once (at catalog load) and then only read, looked up by
/// the word's bytes (`ByteKey`, open addressing): the lookups every message makes of its words
/// (claim cues, trigger openings) hashed each word with SipHash in a `String` dictionary, which
/// cost more than the rest of those checks.
struct WordTable<Value: Sendable>: Sendable {
    private let keys: [ByteKey]
    /// The word itself, compared only when it is longer than a key holds (16 bytes).
    private let words: [String]
    private let values: [Value?]
    private let mask: Int

    init(_ dictionary: [String: Value]) {
        var size = 16
        while size < 2 * dictionary.count { size *= 2 }
        var keys = [ByteKey](repeating: .empty, count: size)
        var words = [String](repeating: "", count: size)
        var values = [Value?](repeating: nil, count: size)
        for (word, value) in dictionary where !word.isEmpty {
            let key = Self.key(word)
            var i = key.slot & (size - 1)
            while keys[i] != .empty { i = (i + 1) & (size - 1) }
            keys[i] = key
            words[i] = word
            values[i] = value
        }
        self.keys = keys
        self.words = words
        self.values = values
        mask = size - 1
    }

    private static func key(_ word: String) -> ByteKey {
        if let key = word.utf8.withContiguousStorageIfAvailable({ ByteKey($0) }) { return key }
        var w = word
        return w.withUTF8 { ByteKey($0) }
    }

    subscript(_ word: String) -> Value? {
        guard !word.isEmpty else { return nil }
        let key = Self.key(word)
        let long = word.utf8.count > 16
        var i = key.slot & mask
        while keys[i] != .empty {
            if keys[i] == key, !long || words[i] == word { return values[i] }
            i = (i + 1) & mask
        }
        return nil
    }
}
