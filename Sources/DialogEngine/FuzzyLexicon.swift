import Synchronization
import Understanding

/// A fixed vocabulary that finds the words a token is "similar" to (`Phrase.similar`: equal, or
/// one typo in words of 4+ letters, two in words of 8+). Built once per catalog; lookups of a
/// token already seen are a dictionary hit, so the per-turn cost stays flat as flows grow.
final class FuzzyLexicon: Sendable {
    let words: [String]
    private let bytes: [[UInt8]]
    private let exact: [String: Int]
    /// Per first byte: bit k set when a word of k bytes (k < 4) starts with it. A token shorter
    /// than four bytes can only be a word itself: most («el», «de», «ana») are ruled out here,
    /// before they are hashed for the cache and the table.
    private let shortShapes: [UInt8]
    /// Tokens already looked up, in shards by hash: every turn of every session reads it, and
    /// one lock for all of them made the server's turn threads wait on each other.
    private let shards = (0..<16).map { _ in Shard() }   // a power of two: `lookup` masks its spread
    private static let shardLimit = 4_000

    private final class Shard: Sendable {
        /// By the token's bytes (`WordCache`): hashing the token as a `String` cost more than
        /// the rest of a cached lookup.
        let map = Mutex(WordCache<[Int]>(limit: FuzzyLexicon.shardLimit))
    }

    init(_ words: [String]) {
        var unique: [String] = []
        var index: [String: Int] = [:]
        for w in words where index[w] == nil {
            index[w] = unique.count
            unique.append(w)
        }
        self.words = unique
        exact = index
        bytes = unique.map { Array($0.utf8) }
        var shapes = [UInt8](repeating: 0, count: 256)
        for b in bytes where b.count < 4 { if let f = b.first { shapes[Int(f)] |= 1 << UInt8(b.count) } }
        shortShapes = shapes
    }

    /// The index of `word` itself in the vocabulary (no typo allowed), or nil.
    func index(of word: String) -> Int? { exact[word] }

    /// Indices of the vocabulary words similar to `token`.
    func lookup(_ token: String) -> [Int] {
        let n = token.utf8.count
        if n < 4 {
            guard let f = token.utf8.first, shortShapes[Int(f)] & (1 << UInt8(n)) != 0 else { return [] }
        }
        // The shard by the token's first and last bytes and length: the dictionary hashes the
        // token anyway, a second full hash only to pick its shard cost as much again.
        let u = token.utf8
        let spread = Int(u.first ?? 0) &+ 31 &* n &+ 7 &* Int(u.last ?? 0)
        let shard = shards[spread & (shards.count - 1)]
        let (key, long) = WordCache<[Int]>.key(token)
        if let hit = shard.map.withLock({ $0.find(key, token, long: long) }) { return hit }
        var found: [Int] = []
        if let i = exact[token] { found.append(i) }
        let t = Array(token.utf8)
        // A month, a weekday or a first name is only ever itself (issue 12: «abril» is not «abrir»).
        if t.count >= 4, !NeverTypo.contains(token) {
            for (i, w) in bytes.enumerated() where i != exact[token] && FuzzyLexicon.similar(t, w) {
                found.append(i)
            }
        }
        shard.map.withLock { $0.insert(key, token, long: long, found) }
        return found
    }

    /// The typo rule on bytes, with an early exit as soon as the budget is exceeded.
    static func similar(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        if a == b { return true }
        let n = min(a.count, b.count)
        guard n >= 4, abs(a.count - b.count) <= 2 else { return false }
        // Four letters leave little to go on: a typo there must keep the first letter ("puedo"
        // is not "quedamos", though "pued" and "qued" are one letter apart).
        if n == 4, a[0] != b[0] { return false }
        let budget = n >= 8 ? 2 : 1
        guard abs(a.count - b.count) <= budget else { return false }
        if TextFold.boundedDistance(a, b, budget) <= budget { return true }
        // «acuredo» for «acuerdo»: two letters next to each other swapped are one slip of the
        // fingers, though two edits apart (longer words already allow two).
        return budget == 1 && n >= 5 && a.count == b.count && swappedOnce(a, b)
    }

    /// `a` is `b` with one pair of neighbouring letters swapped, the first letter kept in place
    /// (a word is recognised by how it starts).
    static func swappedOnce(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count, let i = a.indices.dropFirst().first(where: { a[$0] != b[$0] }), a[0] == b[0], i + 1 < a.count,
              a[i] == b[i + 1], a[i + 1] == b[i] else { return false }
        return a[(i + 2)...] == b[(i + 2)...]
    }
}
