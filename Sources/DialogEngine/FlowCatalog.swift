/// The loaded flows, indexed for intent matching. Built once per (re)load, never per turn.
public struct FlowCatalog: Sendable {
    public let flows: [FlowDefinition]
    private let byID: [String: FlowDefinition]
    /// Each trigger's stems as indices into `lexicon`, precomputed.
    private let triggerStems: [(flow: String, stems: [Int])]
    /// Every trigger stem, for typo-tolerant lookups.
    private let lexicon: FuzzyLexicon
    /// Lexicon word → the triggers that contain it: only triggers sharing a word are scored.
    private let triggersByWord: [[Int]]

    public init(_ flows: [FlowDefinition]) {
        self.flows = flows
        var map: [String: FlowDefinition] = [:]
        for f in flows { map[f.id] = f }
        byID = map
        let raw = flows.filter { !$0.hidden }.flatMap { f in
            f.triggers.map { (f.id, Phrase($0).stems) }.filter { !$0.1.isEmpty }
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
    }

    public func flow(_ id: String) -> FlowDefinition? { byID[id] }

    /// Visible flows, in file order: the menu.
    public var menu: [FlowDefinition] { flows.filter { !$0.hidden && $0.inMenu } }

    /// A flow match with its score (0…1) and the message words the trigger used.
    public struct Match: Hashable, Sendable {
        public var flow: String
        public var score: Double
        /// Indices of `phrase.tokens` that belong to the trigger, so the rest can fill slots.
        public var usedTokens: Set<Int>
    }

    /// Flows the message asks for, best first. Scores weigh how much of a trigger the message
    /// contains (recall) over how much of the message the trigger explains (precision).
    public func match(_ phrase: Phrase) -> [Match] {
        let content = phrase.tokens.enumerated().filter { !Phrase.stopWords.contains($0.element) }
            .map { (index: $0.offset, stems: Set(lexicon.lookup(Phrase.stem($0.element)))) }
        guard !content.isEmpty else { return [] }
        var candidates = Set<Int>()
        for c in content { for w in c.stems { candidates.formUnion(triggersByWord[w]) } }
        var best: [String: Match] = [:]
        // In trigger order, so ties resolve the same way on every run.
        for t in candidates.sorted() {
            let (flow, stems) = triggerStems[t]
            var used = Set<Int>()
            var hits = 0
            for s in stems {
                if let hit = content.first(where: { !used.contains($0.index) && $0.stems.contains(s) }) {
                    used.insert(hit.index)
                    hits += 1
                }
            }
            guard hits > 0 else { continue }
            let recall = Double(hits) / Double(stems.count)
            let precision = Double(hits) / Double(content.count)
            let score = 0.75 * recall + 0.25 * precision
            if score > (best[flow]?.score ?? 0) {
                best[flow] = Match(flow: flow, score: score, usedTokens: used)
            }
        }
        return best.values.sorted { ($0.score, $1.flow) > ($1.score, $0.flow) }
    }
}
