/// A set of folded words for the checks every turn makes word by word («is it a stop word?»,
/// «a closing word?»). Most words asked about are not in the set, and a `Set<String>` hashes
/// each one to say so; this one first looks at the word's first byte and length, which rules
/// out nearly all of them, and hashes only the few that could be in it.
public struct WordSet: Sendable, Sequence, ExpressibleByArrayLiteral {
    public let words: Set<String>
    /// Per first byte: bit k set when a word of k bytes (31 for 31 or more) starts with it.
    @usableFromInline let shapes: [UInt32]

    public init(_ words: some Sequence<String>) {
        self.words = Set(words)
        var shapes = [UInt32](repeating: 0, count: 256)
        for w in self.words {
            guard let f = w.utf8.first else { continue }
            shapes[Int(f)] |= 1 << UInt32(Swift.min(w.utf8.count, 31))
        }
        self.shapes = shapes
    }

    public init(arrayLiteral words: String...) {
        self.init(words)
    }

    /// Inlinable: it is called across modules for nearly every word of every message.
    @inlinable
    public func contains(_ word: String) -> Bool {
        let u = word.utf8
        guard let f = u.first else { return words.contains(word) }
        guard shapes[Int(f)] & (1 << UInt32(Swift.min(u.count, 31))) != 0 else { return false }
        return words.contains(word)
    }

    public func makeIterator() -> Set<String>.Iterator { words.makeIterator() }

    public var count: Int { words.count }

    public func union(_ other: some Sequence<String>) -> WordSet { WordSet(words.union(other)) }
}

/// Word openings («borr», «elimin») for the checks every message at the menu makes on each of
/// its folded words: compared on bytes, where `hasPrefix` compares Characters (folded words are
/// ASCII, so the answers are the same).
public struct WordPrefixes: Sendable {
    @usableFromInline let prefixes: [[UInt8]]
    /// Bit b set when a prefix opens with byte b (of 0x60…0x7F, the lowercase letters): most
    /// words are ruled out by their first byte.
    @usableFromInline let firstBytes: UInt32

    public init(_ prefixes: [String]) {
        self.prefixes = prefixes.map { Array($0.utf8) }
        var bits: UInt32 = 0
        for p in self.prefixes {
            guard let f = p.first else { continue }
            // An empty or non-letter opening: no quick reject (every bit set).
            bits |= f >= 0x60 && f < 0x80 ? 1 << UInt32(f - 0x60) : ~0
        }
        firstBytes = prefixes.contains(where: \.isEmpty) ? ~0 : bits
    }

    /// True when `word` opens with one of the prefixes.
    @inlinable
    public func opens(_ word: String) -> Bool {
        let u = word.utf8
        guard let f = u.first else { return prefixes.contains(where: \.isEmpty) }
        if f >= 0x60, f < 0x80 {
            guard firstBytes & (1 << UInt32(f - 0x60)) != 0 else { return false }
        } else if firstBytes != ~0 {
            return false
        }
        return prefixes.contains { p in p.count <= u.count && u.starts(with: p) }
    }
}
