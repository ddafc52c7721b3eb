import Locks

/// What a message must hold for a flow's `claim` to return anything: one of these folded words,
/// a word opening with one of these prefixes, or one of these bytes anywhere in the clean text.
/// A necessary condition, never a sufficient one: the claim still runs its own checks. Every
/// message at the menu used to be offered to every flow; an index of the cues, built once per
/// catalog, leaves out the flows whose cues the message lacks without calling them.
///
/// Cues must over-approximate the claim's first checks: a word the claim may accept and the cues
/// miss would change behaviour. When in doubt, a flow keeps `.always`.
public struct ClaimCues: Sendable {
    public var words: [String]
    public var prefixes: [String]
    public var bytes: [UInt8]
    /// No cue: the claim is asked of every message.
    public var always: Bool

    public init(words: [String] = [], prefixes: [String] = [], bytes: [UInt8] = []) {
        self.words = words
        self.prefixes = prefixes
        self.bytes = bytes
        always = false
    }

    public static var always: ClaimCues {
        var c = ClaimCues()
        c.always = true
        return c
    }

    /// These cues and `other`'s: a claim with two ways in needs either's.
    public func or(_ other: ClaimCues) -> ClaimCues {
        var c = ClaimCues(words: words + other.words, prefixes: prefixes + other.prefixes, bytes: bytes + other.bytes)
        c.always = always || other.always
        return c
    }

    /// The ASCII digits, for claims that need a figure.
    public static let digits: [UInt8] = Array(UInt8(ascii: "0")...UInt8(ascii: "9"))
}

/// A catalog's flow extensions in its order, with their claim cues indexed: which flows a
/// message can be claimed by, found from its words and bytes at once (a bit per flow).
final class ClaimIndex: Sendable {
    let catalog: FlowCatalog
    /// A flow and its extension, boxed: the loop takes one reference per flow it asks, not a
    /// copy of the extension's existential.
    final class Entry: Sendable {
        let flow: FlowDefinition
        let ext: any FlowExtension

        init(flow: FlowDefinition, ext: any FlowExtension) {
            self.flow = flow
            self.ext = ext
        }
    }

    let entries: [Entry]
    /// False with more flows than bits: every flow is then asked, as before the index.
    private let indexed: Bool
    private let alwaysMask: UInt64
    private let wordMasks: WordTable<UInt64>
    /// Per first byte, bit k set when a cue word of k bytes (31 for more) opens with it: most
    /// words are not hashed.
    private let wordShapes: [UInt32]
    /// Per first byte, the prefixes opening with it and their flows.
    private let prefixes: [[(bytes: [UInt8], mask: UInt64)]]
    private let byteMasks: [UInt64]
    private let hasByteCues: Bool
    /// The entries whose claim states the network's standing data (`claimsAtAnyQuestion`, fixed
    /// per extension): the only ones `standingClaim` asks (every bit when not indexed).
    let standing: UInt64
    /// The cue words of the `standing` entries alone, with their shapes as `wordShapes`: asked at
    /// most questions, where the full look (every cue, prefix and byte) cost more than the claims.
    /// Nil when a standing entry has other cues (then `candidates` is asked).
    private let standingWords: (masks: WordTable<UInt64>, shapes: [UInt32], always: UInt64)?
    /// Every flow's `statementWords`, with their shapes as `wordShapes` (most words are not hashed).
    private let statementWords: (words: Set<String>, shapes: [UInt32])

    init(catalog: FlowCatalog, byFlow: [String: any FlowExtension]) {
        self.catalog = catalog
        entries = catalog.flows.compactMap { f in byFlow[f.id].map { Entry(flow: f, ext: $0) } }
        indexed = entries.count <= 64
        var always: UInt64 = 0
        var words: [String: UInt64] = [:]
        var shapes = [UInt32](repeating: 0, count: 256)
        var prefixes = [[(bytes: [UInt8], mask: UInt64)]](repeating: [], count: 256)
        var bytes = [UInt64](repeating: 0, count: 256)
        var hasBytes = false
        if indexed {
            for (i, e) in entries.enumerated() {
                let bit: UInt64 = 1 << UInt64(i)
                let cues = e.ext.claimCues(e.flow)
                // A claim with no cue at all can never be reached through one: asked always.
                if cues.always || (cues.words.isEmpty && cues.prefixes.isEmpty && cues.bytes.isEmpty) {
                    always |= bit
                    continue
                }
                for w in cues.words {
                    words[w, default: 0] |= bit
                    if let f = w.utf8.first { shapes[Int(f)] |= 1 << UInt32(Swift.min(w.utf8.count, 31)) }
                }
                for p in cues.prefixes {
                    let b = Array(p.utf8)
                    // An empty prefix opens every word: the flow is asked always.
                    guard let f = b.first else { always |= bit; continue }
                    if let k = prefixes[Int(f)].firstIndex(where: { $0.bytes == b }) {
                        prefixes[Int(f)][k].mask |= bit
                    } else {
                        prefixes[Int(f)].append((b, bit))
                    }
                }
                for b in cues.bytes {
                    bytes[Int(b)] |= bit
                    hasBytes = true
                }
            }
        }
        alwaysMask = always
        var standing: UInt64 = indexed ? 0 : ~0
        if indexed {
            for (i, e) in entries.enumerated() where e.ext.claimsAtAnyQuestion { standing |= 1 << UInt64(i) }
        }
        self.standing = standing
        // The standing entries' word cues, when words are all they have.
        var standingOnly: (masks: WordTable<UInt64>, shapes: [UInt32], always: UInt64)?
        if indexed {
            var sw: [String: UInt64] = [:]
            var ss = [UInt32](repeating: 0, count: 256)
            var salways: UInt64 = 0
            var wordsOnly = true
            for (i, e) in entries.enumerated() where standing & (1 << UInt64(i)) != 0 {
                let bit: UInt64 = 1 << UInt64(i)
                let cues = e.ext.claimCues(e.flow)
                if cues.always || (cues.words.isEmpty && cues.prefixes.isEmpty && cues.bytes.isEmpty) { salways |= bit; continue }
                guard cues.prefixes.isEmpty, cues.bytes.isEmpty else { wordsOnly = false; break }
                for w in cues.words {
                    sw[w, default: 0] |= bit
                    if let f = w.utf8.first { ss[Int(f)] |= 1 << UInt32(Swift.min(w.utf8.count, 31)) }
                }
            }
            if wordsOnly { standingOnly = (WordTable(sw), ss, salways) }
        }
        standingWords = standingOnly
        var statement = Set<String>()
        var statementShapes = [UInt32](repeating: 0, count: 256)
        for e in entries {
            for w in e.ext.statementWords {
                statement.insert(w)
                if let f = w.utf8.first { statementShapes[Int(f)] |= 1 << UInt32(Swift.min(w.utf8.count, 31)) }
            }
        }
        statementWords = (statement, statementShapes)
        wordMasks = WordTable(words)
        wordShapes = shapes
        self.prefixes = prefixes
        byteMasks = bytes
        hasByteCues = hasBytes
    }

    /// The flows (bits of `entries`' positions) `message` holds a cue of, plus those asked always.
    func candidates(_ message: Utterance) -> UInt64 {
        guard indexed else { return ~0 }
        var mask = alwaysMask
        for token in message.phrase.tokens {
            let u = token.utf8
            guard let f = u.first else { continue }
            if wordShapes[Int(f)] & (1 << UInt32(Swift.min(u.count, 31))) != 0, let m = wordMasks[token] { mask |= m }
            for p in prefixes[Int(f)] where mask & p.mask != p.mask && p.bytes.count <= u.count && u.starts(with: p.bytes) {
                mask |= p.mask
            }
        }
        if hasByteCues {
            // On the bytes in place (the `UTF8View` walk cost several times as much).
            let byteMasks = byteMasks
            func scan(_ bytes: some Sequence<UInt8>) -> UInt64 {
                var m: UInt64 = 0
                for b in bytes { m |= byteMasks[Int(b)] }
                return m
            }
            mask |= message.clean.utf8.withContiguousStorageIfAvailable(scan) ?? scan(message.clean.utf8)
        }
        return mask
    }

    /// `candidates(message) & standing`, from the standing entries' cue words alone when those
    /// are all their cues (most messages hold none, and no word is hashed).
    func standingCandidates(_ message: Utterance) -> UInt64 {
        guard let sw = standingWords else { return candidates(message) & standing }
        var mask = sw.always
        for token in message.phrase.tokens {
            let u = token.utf8
            guard let f = u.first else { continue }
            if sw.shapes[Int(f)] & (1 << UInt32(Swift.min(u.count, 31))) != 0, let m = sw.masks[token] { mask |= m }
        }
        assert(mask == candidates(message) & standing, "standingCandidates differs from candidates for «\(message.clean)»")
        return mask
    }

    /// True when `message` holds a word some flow says news about an existing record with
    /// (`FlowExtension.statementWords`).
    func holdsStatementWord(_ message: Utterance) -> Bool {
        let shapes = statementWords.shapes
        for token in message.phrase.tokens {
            let u = token.utf8
            guard let f = u.first, shapes[Int(f)] & (1 << UInt32(Swift.min(u.count, 31))) != 0 else { continue }
            if statementWords.words.contains(token) { return true }
        }
        return false
    }

    /// The first position from `start` on whose flow is to be asked, given `candidates`: the
    /// flows left out are skipped by their bits, never visited.
    @inline(__always)
    func firstAsked(_ candidates: UInt64, from start: Int) -> Int? {
        guard start < entries.count else { return nil }
        guard indexed else { return start }
        let left = candidates & (~UInt64(0) << UInt64(start))
        return left == 0 ? nil : left.trailingZeroBitCount
    }
}

/// The last catalog's index (a reload brings a new catalog, and a new index). Shared by the
/// copies a turn makes of the context.
final class ClaimIndexCache: Sendable {
    private let cache = PlainLock<ClaimIndex?>(nil)

    func index(for catalog: FlowCatalog, byFlow: [String: any FlowExtension]) -> ClaimIndex {
        if let hit = cache.withLock({ $0?.catalog === catalog ? $0 : nil }) { return hit }
        let index = ClaimIndex(catalog: catalog, byFlow: byFlow)
        cache.withLock { $0 = index }
        return index
    }
}
