import Understanding

/// Word → value, kept as words are met (what the catalog or a lexicon worked out for a message
/// token), looked up by the word's bytes (`ByteKey`, open addressing). A `String`-keyed
/// dictionary hashed every token of every message with SipHash, which cost more than the rest
/// of finding a word's reading. Not thread-safe: its owner keeps it behind a lock.
struct WordCache<Value> {
    private var keys: [ByteKey] = []
    /// The word itself, compared only when it is longer than a key holds (16 bytes).
    private var words: [String] = []
    private var values: [Value?] = []
    private(set) var count = 0
    /// The most words kept: reaching it starts over (a server meets many words; starting over
    /// costs one lookup per word).
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// The key of `word` and whether it is too long for the key alone to tell it from another.
    static func key(_ word: String) -> (key: ByteKey, long: Bool) {
        var w = word
        return (w.withUTF8 { ByteKey($0) }, w.utf8.count > 16)
    }

    func find(_ key: ByteKey, _ word: String, long: Bool) -> Value? {
        guard !keys.isEmpty else { return nil }
        let mask = keys.count - 1
        var i = key.slot & mask
        while keys[i] != .empty {
            if keys[i] == key, !long || words[i] == word { return values[i] }
            i = (i + 1) & mask
        }
        return nil
    }

    mutating func insert(_ key: ByteKey, _ word: String, long: Bool, _ value: Value) {
        if count >= limit { self = WordCache(limit: limit) }
        // At most half full: the table doubles as words come (an idle catalog holds none).
        if 2 * (count + 1) > keys.count { grow() }
        let mask = keys.count - 1
        var i = key.slot & mask
        while keys[i] != .empty {
            if keys[i] == key, !long || words[i] == word { return }
            i = (i + 1) & mask
        }
        keys[i] = key
        words[i] = long ? word : ""
        values[i] = value
        count += 1
    }

    private mutating func grow() {
        let size = Swift.max(64, 2 * keys.count)
        var bigger = WordCache(limit: limit)
        bigger.keys = [ByteKey](repeating: .empty, count: size)
        bigger.words = [String](repeating: "", count: size)
        bigger.values = [Value?](repeating: nil, count: size)
        for i in keys.indices where keys[i] != .empty {
            var j = keys[i].slot & (size - 1)
            while bigger.keys[j] != .empty { j = (j + 1) & (size - 1) }
            bigger.keys[j] = keys[i]
            bigger.words[j] = words[i]
            bigger.values[j] = values[i]
        }
        bigger.count = count
        self = bigger
    }
}

extension WordCache: Sendable where Value: Sendable {}
