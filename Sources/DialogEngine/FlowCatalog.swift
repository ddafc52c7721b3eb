import Locks
import Synchronization
import Understanding

/// The loaded flows, indexed for intent matching. Built once per (re)load, never per turn; a
/// class, so the engine and the hooks share it instead of copying its tables.
///
/// The tables read from the triggers (`TriggerTables`) are built the first time a message is
/// matched, not when the catalog is: reading 400 triggers was the largest share of a process's
/// start-up, and the first reply of `minga chat` (the greeting) never matches a message.
public final class FlowCatalog: Sendable {
    public let flows: [FlowDefinition]
    /// By id: asked several times a turn (a table, not a SipHash dictionary).
    private let byID: IDTable<FlowDefinition>
    /// Per flow id: the flow, and its folded word stems each with the bits of the slots it may
    /// name (`DialogEngine.fieldMask`), kept as answers bring them: `mayNameField` asks it of each
    /// word of most answers, and the same few words come back turn after turn. (Here, not on the
    /// flow: a flow is plain data, compared and encoded field by field.)
    private let fieldStemCaches: IDTable<(flow: FlowDefinition, stems: PlainLock<WordCache<UInt64>>)>
    /// Per flow: its id's place among the ids in order (matches of equal score are put in id order).
    private let idRank: [Int]
    /// The trigger tables once built (`tables`), retained by the catalog: one atomic load a use,
    /// no lock (a turn reads them dozens of times).
    private let builtTables = Atomic<Unmanaged<TriggerTables>?>(nil)

    public init(_ flows: [FlowDefinition]) {
        self.flows = flows
        byID = IDTable(flows.map { ($0.id, $0) })
        fieldStemCaches = IDTable(flows.map { ($0.id, (flow: $0, stems: PlainLock(WordCache<UInt64>(limit: 2_048)))) })
        var rank = [Int](repeating: 0, count: flows.count)
        for (r, f) in flows.indices.sorted(by: { flows[$0].id < flows[$1].id }).enumerated() { rank[f] = r }
        idRank = rank
    }

    deinit {
        builtTables.load(ordering: .acquiring)?.release()
    }

    /// The tables read from the triggers, built at the first use. Two threads asking at once may
    /// both build them; the first one stored is kept by both.
    var tables: TriggerTables {
        if let built = builtTables.load(ordering: .acquiring) { return built.takeUnretainedValue() }
        return buildTables()
    }

    @inline(never)
    private func buildTables() -> TriggerTables {
        let made = Unmanaged.passRetained(TriggerTables(flows))
        let (stored, original) = builtTables.compareExchange(expected: nil, desired: made, ordering: .acquiringAndReleasing)
        if stored { return made.takeUnretainedValue() }
        made.release()
        return original!.takeUnretainedValue()
    }

    /// Each visible flow's triggers as tokens, read once (the engine compares a message's opening
    /// with them on every turn).
    public var triggerTokens: [(flow: FlowDefinition, tokens: [[String]])] { tables.triggerTokens }
    /// Every trigger's content words (stop words left out), of every flow: a message that says a
    /// trigger whole (`DialogEngine.wholeTrigger`) has exactly one of these as its own.
    var triggerContents: Set<[String]> { tables.triggerContents }
    /// The first of each trigger's content words, and (bit k) the counts k of content words a
    /// trigger has: a message's are looked at before its words are gathered for `triggerContents`.
    var triggerContentOpenings: WordSet { tables.triggerContentOpenings }
    var triggerContentCounts: UInt64 { tables.triggerContentCounts }

    /// What the triggers of a catalog's flows say, read once: the lexicon of their stems and the
    /// tables intent matching walks.
    final class TriggerTables: Sendable {
        /// Each trigger's stems as indices into `lexicon`, precomputed.
        let triggerStems: [(flow: Int, stems: [Int])]
        /// Every trigger stem, for typo-tolerant lookups.
        let lexicon: FuzzyLexicon
        /// Lexicon word → the triggers that contain it: only triggers sharing a word are scored.
        let triggersByWord: [[Int]]
        /// Per lexicon word: an opening verb of the triggers that is not a request verb (`isAction`).
        let actionWord: [Bool]
        /// Per trigger: how many of its stems are request verbs (asked of every trigger a request meets).
        let requestVerbCounts: [Int]
        /// Per trigger (bit k: its k-th stem): the stems the trigger itself says as a complement
        /// («citar a reunión», «la hora de la reunión»), which a message's complement may meet.
        let complementStems: [UInt64]
        /// Each visible flow's triggers as tokens.
        let triggerTokens: [(flow: FlowDefinition, tokens: [[String]])]
        /// The triggers of two or more words by their first word, in flow order (`openings`): a
        /// message's opening word picks the few it may start with instead of walking them all.
        let triggersByOpening: WordTable<[(flow: FlowDefinition, words: [String])]>
        let triggerContents: Set<[String]>
        let triggerContentOpenings: WordSet
        let triggerContentCounts: UInt64

        init(_ flows: [FlowDefinition]) {
            // Each trigger read once (it was read four times, a visible share of start-up).
            let phrases = flows.map { $0.hidden ? [] : $0.triggers.map { Phrase($0) } }
            let stems = phrases.map { $0.map(\.stems) }
            let raw = flows.indices.filter { !flows[$0].hidden }.flatMap { f in
                stems[f].map { (f, $0) }.filter { !$0.1.isEmpty }
            }
            complementStems = flows.indices.filter { !flows[$0].hidden }.flatMap { f in
                phrases[f].filter { !$0.stems.isEmpty }.map { p in
                    FlowCatalog.complementBits(p.tokens, positions: p.tokens.indices.filter { !p.classes[$0].contains(.stop) })
                }
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
            actionWord = lexicon.words.map { action.contains($0) && !FlowCatalog.requestVerbs.contains($0) }
            requestVerbCounts = raw.map { t in t.1.count(where: FlowCatalog.requestVerbs.contains) }
            triggerTokens = flows.indices.filter { !flows[$0].hidden }.map { f in (flows[f], phrases[f].map(\.tokens)) }
            var openings: [String: [(flow: FlowDefinition, words: [String])]] = [:]
            for (flow, triggers) in triggerTokens {
                for words in triggers where words.count >= 2 { openings[words[0], default: []].append((flow, words)) }
            }
            triggersByOpening = WordTable(openings)
            // The phrases read above (a hidden flow's triggers are read here only): reading every
            // trigger again doubled the catalog's share of start-up.
            let contents = Set(flows.indices.flatMap { f in
                (flows[f].hidden ? flows[f].triggers.map { Phrase($0) } : phrases[f]).map { p in
                    p.tokens.indices.filter { !p.classes[$0].contains(.stop) }.map { p.tokens[$0] }
                }
            })
            triggerContents = contents
            triggerContentOpenings = WordSet(contents.compactMap(\.first))
            triggerContentCounts = contents.reduce(0) { $0 | 1 << UInt64(Swift.min($1.count, 63)) }
        }
    }

    public func flow(_ id: String) -> FlowDefinition? { byID[id] }

    /// The field stems kept for `flow` (`fieldStemCaches`), when `flow` is this catalog's own.
    func fieldStems(of flow: FlowDefinition) -> PlainLock<WordCache<UInt64>>? {
        guard let entry = fieldStemCaches[flow.id], entry.flow === flow else { return nil }
        return entry.stems
    }

    /// The triggers of two or more words that open with `word`, in flow order (a flow's own
    /// triggers in file order).
    public func triggers(openingWith word: String) -> [(flow: FlowDefinition, words: [String])] {
        tables.triggersByOpening[word] ?? []
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
            var used = Set<Int>(minimumCapacity: usedMask.nonzeroBitCount)
            var mask = usedMask
            while mask != 0 {
                used.insert(positions[mask.trailingZeroBitCount])
                mask &= mask - 1
            }
            return used
        }

        /// The one token of the message the trigger used, when it used one (`usedTokens` of a
        /// single element, without the set); nil otherwise.
        var onlyUsedToken: Int? {
            guard usedMask.nonzeroBitCount == 1 else { return nil }
            let i = positions[usedMask.trailingZeroBitCount]
            assert(usedTokens == [i], "onlyUsedToken read \(usedTokens) otherwise")
            return i
        }

        /// Whether token `i` of the message belongs to the trigger (`usedTokens.contains(i)`
        /// without building the set).
        public func uses(token i: Int) -> Bool {
            guard let k = positions.firstIndex(of: i) else { return false }
            return usedMask & (1 << UInt64(k)) != 0
        }
    }

    /// Words that ask to record something, said the same way: the object after them says what.
    /// Stems, as the lexicon keeps them.
    static let requestVerbs: WordSet = WordSet(["anotar", "anota", "anote", "anotemos", "registrar", "registra", "registremos",
                                                "agregar", "agrega", "agreguemos", "guardar", "guarda", "nuevo", "nueva",
                                                // «quiero dejar una reflexión», «ingresa un acuerdo», «apunta un compromiso»
                                                // («Marcela sube el PME», «Rosa deja las guías»: what an agreement does, no request)
                                                "dejar", "dejemos", "ingresar", "ingresa", "ingresemos", "apuntar", "apunta",
                                                "apuntemos",
                                                // «definimos normas de convivencia», «definir el propósito»: what is defined is asked
                                                // for (qa39 C: «definir» was read as the action of one flow, and its object lost).
                                                "definir", "definimos", "define", "definamos"].map(Phrase.stem))

    /// Folded words that are common Spanish words themselves, read only as they are (no typo
    /// allowed): the forms of «querer» one letter from «quedamos»; the school's nouns one letter
    /// from a trigger's word: «la ficha de la red» is no «fecha» to vote on (it started a poll,
    /// issue 12), «botar» no «votar», «la sala» no «saca».
    static let ownWords: Set<String> = ["queremos", "queria", "queriamos", "querer", "quiere", "quieren", "quisieramos",
                                        "ficha", "fichas", "botar", "bota", "botamos", "boten", "sala", "salas"]

    /// Tokens read as another word for matching: «otro acuerdo» asks for a new one.
    static let sameAs: [String: String] = ["otro": "nuevo", "otra": "nueva"]

    /// Words between a request verb and its object.
    static let articles: WordSet = ["un", "una", "unos", "unas", "el", "la", "los", "las", "mi", "mis", "nuestro", "nuestra",
                                        "otro", "otra", "nuevo", "nueva"]

    /// Words that open a complement: what follows them (articles aside) depends on a word said
    /// before, it is not what the message asks for.
    static let complementPrepositions: WordSet = ["de", "del", "en", "a", "al", "para", "pa", "pal", "por", "con", "sobre", "antes",
                                                  "despues", "desde", "hasta", "durante", "sin", "entre"]
    /// What may stand between a preposition and its noun.
    static let complementDeterminers: WordSet = ["el", "la", "los", "las", "un", "una", "unos", "unas", "mi", "mis", "su", "sus",
                                                 "nuestro", "nuestra", "nuestros", "nuestras", "esta", "este", "estas", "estos",
                                                 "esa", "ese", "esas", "esos", "aquella", "aquel", "proxima", "proximo", "ultima", "ultimo"]

    /// Bit k: the k-th content word (`positions[k]`) is a complement of a word said before it: a
    /// preposition, and only articles, between it and an earlier content word («normas de
    /// convivencia pa las reuniones», «hay q conversarlo en la reunión»). A message opening with
    /// its complement («pa la reunión del jueves, …») has no word before it: not one.
    static func complementBits(_ tokens: [String], positions: [Int]) -> UInt64 {
        guard let first = positions.first else { return 0 }
        var bits: UInt64 = 0
        for (k, i) in positions.enumerated().prefix(64) where i > first {
            // «se va a juntar», «para agendar»: an infinitive after its preposition is a verb still.
            if isInfinitive(tokens[i]) { continue }
            var j = i - 1
            while j > first, complementDeterminers.contains(tokens[j]) { j -= 1 }
            // «el nombre de la reunión», «la hora del encuentro»: a field of the record names the
            // record itself.
            guard j > first, complementPrepositions.contains(tokens[j]), !fieldNouns.contains(tokens[j - 1]) else { continue }
            bits |= 1 << UInt64(k)
        }
        return bits
    }

    /// Nouns of a record's fields, and its acta: what follows them («el nombre de la reunión», «el
    /// acta de la reunión») is that record.
    static let fieldNouns: WordSet = ["nombre", "titulo", "fecha", "hora", "horario", "lugar", "tabla", "dia", "duracion", "tema", "temas", "acta"]

    /// «juntar», «reunirnos», «agendarla»: an infinitive, with a pronoun after it or not.
    static func isInfinitive(_ w: String) -> Bool {
        var v = Substring(w)
        for p in ["nos", "los", "las", "lo", "la", "le", "les", "se", "me"] where v.count > p.count + 3 && v.hasSuffix(p) {
            let stem = v.dropLast(p.count)
            if stem.hasSuffix("ar") || stem.hasSuffix("er") || stem.hasSuffix("ir") { v = stem; break }
        }
        return v.count > 3 && (v.hasSuffix("ar") || v.hasSuffix("er") || v.hasSuffix("ir"))
    }

    /// The scores a trigger met only through complements keeps (a tenth of one of 0.5 or more).
    public static let complementOnlyScores = 0.05..<0.1

    /// True when a message word is one of the triggers' opening verbs (not a request verb).
    func isAction(_ word: [Int]) -> Bool {
        let actionWord = tables.actionWord
        return word.contains { actionWord[$0] }
    }

    /// Flows the message asks for, best first. Scores weigh how much of a trigger the message
    /// contains (recall) over how much of the message the trigger explains (precision).
    /// Runs on most turns, so it works on small buffers and bit masks, not sets and dictionaries.
    public func match(_ phrase: Phrase) -> [Match] {
        // A turn asks about the same message several times (another flow's request? the same
        // request again? a question?): the last answers are kept, keyed by the folded text.
        if let hit = lastMatches.withLock({ $0.find(phrase.folded) }) { return hit }
        let matches = score(phrase)
        lastMatches.withLock { $0.keep(phrase.folded, matches) }
        return matches
    }

    /// The last few texts matched and their matches: a turn matches the message, the part after
    /// a refusal or a «sí,», a clause, in turns (one slot kept only the last, and they pushed
    /// each other out). A ring: keeping one never shifts the others.
    struct MatchMemo {
        var folded: [String] = []
        var matches: [[Match]] = []
        var next = 0

        func find(_ text: String) -> [Match]? {
            // Lengths first (`==` of strings does not stop at different byte counts).
            let n = text.utf8.count
            for i in folded.indices where folded[i].utf8.count == n && folded[i] == text { return matches[i] }
            return nil
        }

        mutating func keep(_ text: String, _ found: [Match]) {
            if folded.count < 4 {
                folded.append(text)
                matches.append(found)
            } else {
                folded[next] = text
                matches[next] = found
                next = (next + 1) & 3
            }
        }
    }

    private let lastMatches = PlainLock(MatchMemo())

    /// What the catalog makes of a content token, worked out the first time the token is met:
    /// the lexicon words it is (typos allowed), and whether it asks to record something or is
    /// an action verb. The same few words come back in message after message.
    final class TokenReading: Sendable {
        let words: [Int]
        /// One of `requestVerbs` (by its stem, as `sameAs` reads it).
        let request: Bool
        /// One of the triggers' opening verbs that is not a request verb (`isAction`).
        let action: Bool

        init(words: [Int], request: Bool, action: Bool) {
            self.words = words
            self.request = request
            self.action = action
        }
    }

    /// Token → reading (`WordCache`: by the token's bytes, not a SipHash of it).
    private let readings = PlainLock(WordCache<TokenReading>(limit: 4_096))

    /// A content token's reading: found in `readings`, else worked out (stemming and the
    /// typo-tolerant lookup) and kept.
    private func reading(_ token: String, lexicon: FuzzyLexicon) -> TokenReading {
        let (key, long) = WordCache<TokenReading>.key(token)
        if let hit = readings.withLock({ $0.find(key, token, long: long) }) { return hit }
        let stem = Phrase.stem(Self.sameAs[token] ?? token)
        // A common word of its own is never a typo of a trigger's word: «queremos reflexionar…»
        // met «quedamos (en) que» one letter off, and every group wish became an agreement
        // (pass 10, qa16).
        // Nor is a month, a weekday or a first name: «y la de abril» is not «abrir» (issue 12).
        let exactOnly = Self.ownWords.contains(token) || NeverTypo.contains(token)
        let words = exactOnly ? lexicon.index(of: stem).map { [$0] } ?? [] : lexicon.lookup(stem)
        let read = TokenReading(words: words, request: Self.requestVerbs.contains(stem), action: isAction(words))
        readings.withLock { $0.insert(key, token, long: long, read) }
        return read
    }

    /// Each verb that asks to record something (or is an action) and the content word right
    /// after it, articles aside: «anotar una reflexión». None for «anota que…» (a clause
    /// follows). Indices into `positions`; `action`: the verb is an action, not a request.
    private func requestObjects(_ tokens: [String], positions: [Int], read: ContiguousArray<TokenReading>)
        -> [(verb: Int, object: Int, action: Bool)] {
        var out: [(verb: Int, object: Int, action: Bool)] = []
        for (k, i) in positions.enumerated() where read[k].request || read[k].action {
            var j = i + 1
            while j < tokens.count, Self.articles.contains(tokens[j]) { j += 1 }
            guard j < tokens.count, let o = positions.firstIndex(of: j), !read[o].words.isEmpty,
                  !read[o].request, !read[o].action else { continue }
            out.append((k, o, read[k].action))
        }
        return out
    }

    private func score(_ phrase: Phrase) -> [Match] {
        let tables = self.tables
        let triggerStems = tables.triggerStems, triggersByWord = tables.triggersByWord
        let requestVerbCounts = tables.requestVerbCounts, complementStems = tables.complementStems
        // Content tokens (at most 64: the masks' width) and what each one is.
        let tokens = phrase.tokens, classes = phrase.classes
        let limit = Swift.min(tokens.count, 64)
        var positions: [Int] = []
        var read = ContiguousArray<TokenReading>()
        for i in 0..<limit where !classes[i].contains(.stop) {
            if positions.isEmpty {
                positions.reserveCapacity(limit - i)
                read.reserveCapacity(limit - i)
            }
            positions.append(i)
            read.append(reading(tokens[i], lexicon: tables.lexicon))
        }
        guard !positions.isEmpty else { return [] }
        // No content word is any trigger's («Ana Pérez», «el 15 de diciembre»): no trigger is
        // reached below, and the tables for the scores are not made.
        guard read.contains(where: { !$0.words.isEmpty }) else { return [] }
        // Each verb and its object, and whether the verb is an action (not a request to record).
        let objects = requestObjects(tokens, positions: positions, read: read)
        // The content words said as a complement of another («… pa las reuniones»).
        let complements = Self.complementBits(tokens, positions: positions)
        var verbs: UInt64 = 0, requestBits: UInt64 = 0
        for o in objects {
            verbs |= 1 << UInt64(o.verb)
            if !o.action { requestBits |= 1 << UInt64(o.verb) | 1 << UInt64(o.object) }
        }
        let content = Double(positions.count)
        let triggerCount = triggerStems.count
        let flowCount = flows.count
        var found: [(flow: Int, score: Double, used: UInt64)] = []
        // Per flow its best score so far (-1: none) and the words that trigger used.
        withUnsafeTemporaryAllocation(of: Double.self, capacity: flowCount) { bestScore in
          withUnsafeTemporaryAllocation(of: UInt64.self, capacity: flowCount) { bestUsed in
            bestScore.initialize(repeating: -1)
            // Each lexicon word the message holds and which content words are it (bit k: the
            // k-th): a trigger's stem finds its words in this short list.
            var entries = 0
            for r in read { entries += r.words.count }
            withUnsafeTemporaryAllocation(of: Int.self, capacity: Swift.max(1, entries)) { lexWord in
              withUnsafeTemporaryAllocation(of: UInt64.self, capacity: Swift.max(1, entries)) { lexMask in
                var distinct = 0
                for (k, r) in read.enumerated() {
                    for w in r.words {
                        var e = 0
                        while e < distinct, lexWord[e] != w { e += 1 }
                        if e == distinct { lexWord[e] = w; lexMask[e] = 0; distinct += 1 }
                        lexMask[e] |= 1 << UInt64(k)
                    }
                }
                // Triggers sharing a word with the message, marked once each and visited in
                // trigger order, so ties resolve the same way on every run.
                withUnsafeTemporaryAllocation(of: Bool.self, capacity: triggerCount) { marks in
                  withUnsafeTemporaryAllocation(of: Int.self, capacity: triggerCount) { list in
                    marks.initialize(repeating: false)
                    // A request verb counts for a trigger only with its object («registrar un acuerdo»:
                    // «registr» is worth nothing to a trigger without «acuerd», see below), so triggers
                    // are reached through the other words: ~100 triggers share «registr», few «acuerd».
                    // The marked triggers are listed as they are met and then put in trigger order:
                    // walking every mark would cost the whole catalog on each message.
                    var count = 0
                    for (k, r) in read.enumerated() where verbs & (1 << UInt64(k)) == 0 {
                        for word in r.words {
                            for t in triggersByWord[word] where !marks[t] { marks[t] = true; list[count] = t; count += 1 }
                        }
                    }
                    guard count > 0 else { return }
                    var marked = UnsafeMutableBufferPointer(rebasing: list[0..<count])
                    marked.sort()
                    for t in marked {
                        let (flow, stems) = triggerStems[t]
                        var used: UInt64 = 0, demoted: UInt64 = 0
                        var hits = 0
                        let ownComplements = complementStems[t]
                        // Each stem takes the first content word that is it and no other stem took.
                        for (k, s) in stems.enumerated() {
                            var e = 0
                            while e < distinct, lexWord[e] != s { e += 1 }
                            guard e < distinct else { continue }
                            let free = lexMask[e] & ~used
                            if free != 0 {
                                let bit = free & (0 &- free)
                                used |= bit
                                hits += 1
                                // A word the message says as a complement, where the trigger does not.
                                if complements & bit != 0, ownComplements & (1 << UInt64(k)) == 0 { demoted |= bit }
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
                                      requestVerbCounts[t] > (used & verbs).nonzeroBitCount {
                                used |= verbBit
                                hits += 1
                            }
                        }
                        guard hits > 0 else { continue }
                        // «definimos normas pa las reuniones», «hay q conversarlo en la reunión»: a
                        // trigger met only by words said as complements of another word is what the
                        // message talks about, not what it asks for (qa39 C: it scheduled a meeting).
                        // Kept only as a trace (a tenth of its score, `complementOnlyScores`): a
                        // question about it is still one about that thing.
                        var score = 0.75 * Double(hits) / Double(stems.count) + 0.25 * Double(hits) / content
                        if used & ~demoted == 0 { score *= 0.1 }
                        // «otro acuerdo: … de la reunión»: the message says what it asks for; a trigger
                        // that only meets a word further on (the meeting mentioned) asks for less.
                        if requestBits != 0, used & requestBits == 0 {
                            score *= 0.5
                        }
                        if score > bestScore[flow] {
                            bestScore[flow] = score
                            bestUsed[flow] = used
                        }
                    }
                  }
                }
              }
            }
            for f in 0..<flowCount where bestScore[f] >= 0 {
                if found.isEmpty { found.reserveCapacity(flowCount - f) }
                found.append((f, bestScore[f], bestUsed[f]))
            }
          }
        }
        // Best first; equal scores by flow id (`idRank`: the ids' order, worked out at load).
        found.sort { a, b in a.score != b.score ? a.score > b.score : idRank[a.flow] < idRank[b.flow] }
        return found.map { b in
            Match(flow: flows[b.flow].id, score: b.score, usedMask: b.used, positions: positions)
        }
    }
}
