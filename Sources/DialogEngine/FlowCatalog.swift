import Locks
import Understanding

/// The loaded flows, indexed for intent matching. Built once per (re)load, never per turn; a
/// class, so the engine and the hooks share it instead of copying its tables.
public final class FlowCatalog: Sendable {
    public let flows: [FlowDefinition]
    /// By id: asked several times a turn (a table, not a SipHash dictionary).
    private let byID: IDTable<FlowDefinition>
    /// Each trigger's stems as indices into `lexicon`, precomputed.
    private let triggerStems: [(flow: Int, stems: [Int])]
    /// Every trigger stem, for typo-tolerant lookups.
    private let lexicon: FuzzyLexicon
    /// Stems of the verbs triggers open with: a message's verb binds the word after it.
    private let actionVerbs: Set<String>
    /// Lexicon word → the triggers that contain it: only triggers sharing a word are scored.
    private let triggersByWord: [[Int]]
    /// Per lexicon word: an opening verb of the triggers that is not a request verb (`isAction`).
    private let actionWord: [Bool]
    /// Per trigger: how many of its stems are request verbs (asked of every trigger a request meets).
    private let requestVerbCounts: [Int]
    /// Each visible flow's triggers as tokens, read once at load (the engine compares a
    /// message's opening with them on every turn).
    public let triggerTokens: [(flow: FlowDefinition, tokens: [[String]])]
    /// The triggers of two or more words by their first word, in flow order (`openings`): a
    /// message's opening word picks the few it may start with instead of walking them all.
    private let triggersByOpening: [String: [(flow: FlowDefinition, words: [String])]]

    public init(_ flows: [FlowDefinition]) {
        self.flows = flows
        byID = IDTable(flows.map { ($0.id, $0) })
        // Each trigger read once (it was read four times, a visible share of start-up).
        let phrases = flows.map { $0.hidden ? [] : $0.triggers.map { Phrase($0) } }
        let stems = phrases.map { $0.map(\.stems) }
        let raw = flows.indices.filter { !flows[$0].hidden }.flatMap { f in
            stems[f].map { (f, $0) }.filter { !$0.1.isEmpty }
        }
        let lexicon = FuzzyLexicon(raw.flatMap(\.1))
        var index: [String: Int] = [:]
        for (i, w) in lexicon.words.enumerated() { index[w] = i }
        self.lexicon = lexicon
        triggerStems = raw.map { ($0.0, $0.1.map { index[$0]! }) }
        var byWord = Array(repeating: [Int](), count: lexicon.words.count)
        for (t, trigger) in triggerStems.enumerated() {
            for w in Set(trigger.stems) { byWord[w].append(t) }
        }
        triggersByWord = byWord
        // A trigger's opening infinitive («eliminar el sondeo», «cerrar el sondeo») is an action
        // done to what follows it.
        // A stem that is also a noun elsewhere («reflexionar», «una reflexión») is not one.
        var verbs = Set<String>(), nouns = Set<String>()
        for f in flows.indices where !flows[f].hidden {
            for (t, phrase) in phrases[f].enumerated() {
                nouns.formUnion(stems[f][t].dropFirst())
                guard let first = phrase.tokens.first(where: { !Phrase.stopWords.contains($0) }), first.count > 4,
                      ["ar", "er", "ir"].contains(String(first.suffix(2))) else { continue }
                verbs.insert(Phrase.stem(first))
            }
        }
        let action = verbs.subtracting(nouns)
        actionVerbs = action
        actionWord = lexicon.words.map { action.contains($0) && !Self.requestVerbs.contains($0) }
        requestVerbCounts = raw.map { t in t.1.count(where: Self.requestVerbs.contains) }
        triggerTokens = flows.indices.filter { !flows[$0].hidden }.map { f in (flows[f], phrases[f].map(\.tokens)) }
        var openings: [String: [(flow: FlowDefinition, words: [String])]] = [:]
        for (flow, triggers) in triggerTokens {
            for words in triggers where words.count >= 2 { openings[words[0], default: []].append((flow, words)) }
        }
        triggersByOpening = openings
    }

    public func flow(_ id: String) -> FlowDefinition? { byID[id] }

    /// The triggers of two or more words that open with `word`, in flow order (a flow's own
    /// triggers in file order).
    public func triggers(openingWith word: String) -> [(flow: FlowDefinition, words: [String])] {
        triggersByOpening[word] ?? []
    }

    /// Visible flows, in file order: the menu.
    public var menu: [FlowDefinition] { flows.filter { !$0.hidden && $0.inMenu } }

    /// A flow match with its score (0…1) and the message words the trigger used.
    public struct Match: Hashable, Sendable {
        public var flow: String
        public var score: Double
        /// Which content words the trigger used (bit k: `positions[k]`): most matches are only
        /// compared by score, so the set below is built when asked for.
        var usedMask: UInt64
        /// Token index of each content word of the message (shared by a message's matches).
        var positions: [Int]

        /// Indices of `phrase.tokens` that belong to the trigger, so the rest can fill slots.
        public var usedTokens: Set<Int> {
            Set(positions.indices.filter { usedMask & (1 << UInt64($0)) != 0 }.map { positions[$0] })
        }
    }

    /// Words that ask to record something, said the same way: the object after them says what.
    /// Stems, as the lexicon keeps them.
    static let requestVerbs: WordSet = WordSet(["anotar", "anota", "anote", "anotemos", "registrar", "registra", "registremos",
                                                "agregar", "agrega", "agreguemos", "guardar", "guarda", "nuevo", "nueva"].map(Phrase.stem))

    /// Tokens read as another word for matching: «otro acuerdo» asks for a new one.
    static let sameAs: [String: String] = ["otro": "nuevo", "otra": "nueva"]

    /// Words between a request verb and its object.
    static let articles: WordSet = ["un", "una", "unos", "unas", "el", "la", "los", "las", "mi", "mis", "nuestro", "nuestra",
                                        "otro", "otra", "nuevo", "nueva"]

    /// Content positions (indices into `words`) of each request verb and the trigger word right
    /// after it, articles aside: «anotar una reflexión». None for «anota que…» (a clause follows).
    /// `stems[k]` is the stem of the content word at `positions[k]` (read as `sameAs` says),
    /// worked out once by `score`.
    func requestObjects(_ phrase: Phrase, positions: [Int], stems: [String], words: [[Int]]) -> [(verb: Int, object: Int)] {
        var out: [(verb: Int, object: Int)] = []
        let t = phrase.tokens
        for (k, i) in positions.enumerated() where Self.requestVerbs.contains(stems[k]) || isAction(words[k]) {
            var j = i + 1
            while j < t.count, Self.articles.contains(t[j]) { j += 1 }
            guard j < t.count, let o = positions.firstIndex(of: j), !words[o].isEmpty,
                  !Self.requestVerbs.contains(stems[o]), !isAction(words[o]) else { continue }
            out.append((k, o))
        }
        return out
    }

    /// True when a message word is one of the triggers' opening verbs (not a request verb).
    func isAction(_ word: [Int]) -> Bool {
        word.contains { actionWord[$0] }
    }

    /// Flows the message asks for, best first. Scores weigh how much of a trigger the message
    /// contains (recall) over how much of the message the trigger explains (precision).
    /// Runs on most turns, so it works on small arrays and a bit mask, not sets and dictionaries.
    public func match(_ phrase: Phrase) -> [Match] {
        // A turn asks about the same message several times (another flow's request? the same
        // request again? a question?): the last answer is kept, keyed by the folded text.
        if let hit = lastMatches.withLock({ $0.first { $0.folded == phrase.folded }?.matches }) { return hit }
        let matches = score(phrase)
        lastMatches.withLock { last in
            if last.count >= 4 { last.removeFirst() }
            last.append((phrase.folded, matches))
        }
        return matches
    }

    /// The last few texts matched and their matches: a turn matches the message, the part after
    /// a refusal or a «sí,», a clause, in turns (one slot kept only the last, and they pushed
    /// each other out).
    private let lastMatches = PlainLock<[(folded: String, matches: [Match])]>([])

    /// A content token's stem (read as `sameAs` says) and the lexicon words it is: the same few
    /// words come back in message after message, and stemming plus the typo-tolerant lookup
    /// cost more than finding them here.
    private func reading(_ token: String) -> (stem: String, words: [Int]) {
        if let hit = readings.withLock({ $0[token] }) { return hit }
        let stem = Phrase.stem(Self.sameAs[token] ?? token)
        let read = (stem: stem, words: lexicon.lookup(stem))
        readings.withLock { cache in
            // Bounded: a server reads many words; starting over costs one lookup per word.
            if cache.count >= 4_096 { cache.removeAll(keepingCapacity: true) }
            cache[token] = read
        }
        return read
    }

    private let readings = PlainLock<[String: (stem: String, words: [Int])]>([:])

    private func score(_ phrase: Phrase) -> [Match] {
        // Content tokens (at most 64: the mask's width) with the lexicon words each one is.
        var positions: [Int] = []
        var stems: [String] = []
        var words: [[Int]] = []
        for (i, token) in phrase.tokens.enumerated() where i < 64 && !phrase.classes[i].contains(.stop) {
            positions.append(i)
            let read = reading(token)
            stems.append(read.stem)
            words.append(read.words)
        }
        guard !positions.isEmpty else { return [] }
        // Each verb and its object, and whether the verb is an action (not a request to record).
        let objects = requestObjects(phrase, positions: positions, stems: stems, words: words).map { ($0.verb, $0.object, isAction(words[$0.verb])) }
        let requests = objects.filter { !$0.2 }
        // Triggers sharing a word with the message, marked once each and visited in trigger
        // order, so ties resolve the same way on every run.
        var best: [(flow: Int, score: Double, used: UInt64)] = []
        withUnsafeTemporaryAllocation(of: Bool.self, capacity: triggerStems.count) { marks in
            marks.initialize(repeating: false)
            // A request verb counts for a trigger only with its object («registrar un acuerdo»:
            // «registr» is worth nothing to a trigger without «acuerd», see below), so triggers
            // are reached through the other words: ~100 triggers share «registr», few «acuerd».
            var verbs: UInt64 = 0
            for o in objects { verbs |= 1 << UInt64(o.0) }
            // The marked triggers are listed as they are met and then put in trigger order:
            // walking every mark would cost the whole catalog on each message.
            withUnsafeTemporaryAllocation(of: Int.self, capacity: triggerStems.count) { list in
                var count = 0
                for (k, w) in words.enumerated() where verbs & (1 << UInt64(k)) == 0 {
                    for word in w {
                        for t in triggersByWord[word] where !marks[t] { marks[t] = true; list[count] = t; count += 1 }
                    }
                }
                guard count > 0 else { return }
                var marked = UnsafeMutableBufferPointer(rebasing: list[0..<count])
                marked.sort()
                for t in marked {
                    let (flow, stems) = triggerStems[t]
                    var used: UInt64 = 0
                    var hits = 0
                    for s in stems {
                        for (k, w) in words.enumerated() where used & (1 << UInt64(k)) == 0 && w.contains(s) {
                            used |= 1 << UInt64(k)
                            hits += 1
                            break
                        }
                    }
                    // A request verb goes with its object: «anotar una reflexión» is not «anota que»,
                    // and a trigger naming that object with another request verb («registrar una
                    // reflexión») is said in full.
                    for (verb, object, action) in objects {
                        let verbBit: UInt64 = 1 << UInt64(verb), objectBit: UInt64 = 1 << UInt64(object)
                        if used & verbBit != 0, used & objectBit == 0 {
                            used &= ~verbBit
                            hits -= 1
                        } else if used & verbBit == 0, used & objectBit != 0, action {
                            // «elimina el sondeo» is not «hacer un sondeo»: the object goes with its own action.
                            used &= ~objectBit
                            hits -= 1
                        } else if used & verbBit == 0, used & objectBit != 0,
                                  requestVerbCounts[t] > objects.count(where: { used & (1 << UInt64($0.0)) != 0 }) {
                            used |= verbBit
                            hits += 1
                        }
                    }
                    guard hits > 0 else { continue }
                    var score = 0.75 * Double(hits) / Double(stems.count) + 0.25 * Double(hits) / Double(positions.count)
                    // «otro acuerdo: … de la reunión»: the message says what it asks for; a trigger
                    // that only meets a word further on (the meeting mentioned) asks for less.
                    if !requests.isEmpty, !requests.contains(where: { used & (1 << UInt64($0.0) | 1 << UInt64($0.1)) != 0 }) {
                        score *= 0.5
                    }
                    if let i = best.firstIndex(where: { $0.flow == flow }) {
                        if score > best[i].score { best[i] = (flow, score, used) }
                    } else {
                        best.append((flow, score, used))
                    }
                }
            }
        }
        return best.map { b in
            Match(flow: flows[b.flow].id, score: b.score, usedMask: b.used, positions: positions)
        }.sorted { ($0.score, $1.flow) > ($1.score, $0.flow) }
    }
}
