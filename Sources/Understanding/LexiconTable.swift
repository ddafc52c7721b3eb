/// Every spelling the tokenizer looks up — lexicon words, number words, ordinal suffixes and
/// the words never typo-corrected — in one open-addressing table keyed by the folded bytes
/// packed into two integers. Built once from `Lexicon`'s dictionaries; a word is found with
/// one multiply and a compare or two, without making a `String` of it or hashing one (the
/// tokenizer did both, three times, for each word of each text it read).
struct LexiconTable: Sendable {
    /// What a spelling is. A spelling may be several things at once («do» is an ordinal
    /// suffix and nothing else; «primero» a word; «quince» a number).
    struct Entry: Sendable {
        var word: Word?
        var number: Int?
        var ordinalSuffix = false
        var notTypo = false
    }

    /// Folded words of at most this many bytes fit a key; longer ones are in no table.
    static let maxLength = 16

    private var keys: [ByteKey]
    private var entries: [Entry]
    private var used: [Bool]
    private let mask: Int

    init(words: [String: Word], numbers: [String: Int], ordinalSuffixes: some Sequence<String>, notTypos: some Sequence<String>) {
        var all: [String: Entry] = [:]
        for (s, w) in words { all[s, default: Entry()].word = w }
        for (s, n) in numbers { all[s, default: Entry()].number = n }
        for s in ordinalSuffixes { all[s, default: Entry()].ordinalSuffix = true }
        for s in notTypos { all[s, default: Entry()].notTypo = true }
        var size = 64
        while size < all.count * 4 { size *= 2 }
        mask = size - 1
        keys = Array(repeating: ByteKey.empty, count: size)
        entries = Array(repeating: Entry(), count: size)
        used = Array(repeating: false, count: size)
        for (s, e) in all {
            let bytes = Array(s.utf8)
            // A longer spelling could never be looked up by bytes: the table would silently
            // differ from the dictionaries it replaces.
            precondition(bytes.count <= Self.maxLength, "lexicon spelling longer than \(Self.maxLength) bytes: \(s)")
            let key = bytes.withUnsafeBufferPointer(ByteKey.init)
            var i = key.slot & mask
            while used[i] { i = (i + 1) & mask }
            used[i] = true
            keys[i] = key
            entries[i] = e
        }
    }

    /// The entry for folded `bytes`, or nil.
    @inline(__always)
    func entry(_ bytes: UnsafeBufferPointer<UInt8>) -> Entry? {
        guard bytes.count <= Self.maxLength, !bytes.isEmpty else { return nil }
        let key = ByteKey(bytes)
        var i = key.slot & mask
        while used[i] {
            if keys[i] == key { return entries[i] }
            i = (i + 1) & mask
        }
        return nil
    }
}
