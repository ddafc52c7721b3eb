import Understanding

extension DialogEngine {
    /// «si», «no», «gracias» alone to a question asking for a value (a place, a duration, the
    /// people, a list): none of them is the value. Thanks keep the question; a «no» to a question
    /// that may stay blank leaves it blank, as «saltar» does; a «sí» is ready to give it, so the
    /// value is asked for with an example. Nil for anything longer or any other question.
    func bareAnswer(_ phrase: Phrase, clean: String, slot: SlotDefinition) -> Command? {
        let t = phrase.tokens
        // «nadie todavía», «todavía no hay nadie», «ninguno por ahora» to who takes part (or who
        // leads) when it may stay blank: no one yet, as «saltar» says (qa23: it became a person
        // «Nadie Todavia»). A bare «nadie» is left to the flows that read it.
        if slot.optional, slot.type == .people || slot.type == .person, t.count >= 2, t.count <= 5,
           t.contains(where: Self.nobodyWords.contains), t.contains(where: Self.yetWords.contains),
           t.allSatisfy({ Self.nobodyWords.contains($0) || Self.yetWords.contains($0) || Self.nobodyFiller.contains($0) }) {
            return .repair(.skip)
        }
        guard !t.isEmpty, t.count <= 3, slot.type != .yesno, slot.type != .confirm, slot.type != .choice else { return nil }
        if t.contains("gracias"), t.allSatisfy(Self.bareThanks.contains) { return .thank }
        if slot.optional, t.first == "no" || t == ["nop"], t.allSatisfy(Self.bareNo.contains) { return .repair(.skip) }
        // The words first, on their bits (a yes is read only of a bare acknowledgement).
        guard SlotParser.isBareAcknowledgement(phrase), YesNo.parse(clean) == true else { return nil }
        let free = slot.type == .text || slot.type == .longtext
        let which = free ? "Escríbemelo" : slot.type == .people ? "Escríbeme quiénes" : slot.type == .person ? "Escríbeme quién" : "Escríbeme cuál"
        if let example = slot.example ?? (free ? Self.quotedExample(slot.ask) ?? slot.help.flatMap(Self.quotedExample) : slot.type.example) {
            return .setSlots(.reask("¡Dale! \(which), por ejemplo \(example)."))
        }
        return .setSlots(.reask("¡Dale! Escríbemelo con tus palabras."))
    }

    /// «…, por ejemplo «Los Ríos» o «Metropolitana».» → «Los Ríos» o «Metropolitana»: the
    /// examples a question or its help already quote, joined as they were written.
    static func quotedExample(_ text: String) -> String? {
        guard let lead = text.range(of: "ejemplo", options: .caseInsensitive),
              let open = text[lead.upperBound...].firstIndex(of: "«") else { return nil }
        var end = open
        var i = open
        while let close = text[i...].firstIndex(of: "»") {
            end = text.index(after: close)
            let rest = text[end...]
            guard let next = [" o «", ", «", " y «"].first(where: rest.hasPrefix) else { break }
            i = text.index(end, offsetBy: next.count)
        }
        return end > open ? String(text[open..<end]) : nil
    }

    /// «mi apropiación del propósito» to «¿Qué lo respalda?»: another flow's own request phrase,
    /// said whole and nothing else (the trigger's very words), asks for that flow.
    /// Only short messages are matched; the switch is offered, and a «no» keeps it as the answer.
    func wholeTrigger(_ phrase: Phrase, excluding id: String?) -> String? {
        let t = phrase.tokens
        guard (2...6).contains(t.count) else { return nil }
        // The trigger's own words, not words that only share its stems («programa de la jornada»,
        // evidence, is no «programar una jornada»): the message's content words must be some
        // trigger's exactly (`triggerContents`), which most answers are not; only then is it matched.
        // Their count and first word first, on the bits: most answers stop there, no array made.
        let count = phrase.contentCount
        let first = phrase.classes.firstIndex { !$0.contains(.stop) }
        let words = catalog.triggerContentCounts & (1 << UInt64(Swift.min(count, 63))) != 0
            && (first.map({ catalog.triggerContentOpenings.contains(t[$0]) }) ?? true)
            ? t.indices.filter { !phrase.classes[$0].contains(.stop) }.map { t[$0] } : nil
        guard let words, catalog.triggerContents.contains(words) else {
            assert(wholeTriggerMatched(phrase, words: t.indices.filter { !phrase.classes[$0].contains(.stop) }.map { t[$0] }, excluding: id) == nil,
                   "triggerContents hides «\(phrase.folded)»")
            return nil
        }
        return wholeTriggerMatched(phrase, words: words, excluding: id)
    }

    /// `wholeTrigger` past its look-up of the words: the best match, said whole.
    private func wholeTriggerMatched(_ phrase: Phrase, words: [String], excluding id: String?) -> String? {
        // Some trigger must open with the message's first word or its first content word
        // (indexed at load), or no trigger can be the message whole.
        let t = phrase.tokens
        guard !catalog.triggers(openingWith: t[0]).isEmpty
                || t.first(where: { !Phrase.stopWords.contains($0) }).map({ !catalog.triggers(openingWith: $0).isEmpty }) == true,
              let best = catalog.match(phrase).first, best.flow != id, best.score >= 0.95,
              !best.positions.isEmpty, best.usedMask == (best.positions.count >= 64 ? UInt64.max : (1 << UInt64(best.positions.count)) - 1)
        else { return nil }
        guard let flow = catalog.flow(best.flow),
              flow.triggers.contains(where: { Phrase($0).tokens.filter { !Phrase.stopWords.contains($0) } == words }) else { return nil }
        return best.flow
    }

    /// Words that ask for one more record of a kind («otro acuerdo», «un acuerdo más»).
    static let anotherWords: WordSet = ["otro", "otra", "nuevo", "nueva", "mas"]
    /// Verbs that open a request to add someone or something («agrega a la Marta a la red»): such
    /// a request claimed by another flow, typed at a question that is not about people, is kept
    /// for after the flow in progress.
    static let addVerbs: WordSet = ["agrega", "agregar", "agregame", "agregala", "agregalo", "agreguemos", "agregue", "suma", "sumar",
                                    "sumemos", "incorpora", "incorporar", "incorporemos", "anade", "anadir"]
    static let bareThanks: WordSet = ["gracias", "muchas", "mil", "ok", "ya", "vale", "bueno", "listo", "po"]
    static let bareNo: WordSet = ["no", "nop", "gracias", "po", "todavia", "aun"]
    static let nobodyWords: WordSet = ["nadie", "ninguno", "ninguna"]
    static let yetWords: WordSet = ["todavia", "aun", "ahora", "momento", "tdv"]
    static let nobodyFiller: WordSet = ["no", "hay", "por", "el", "de", "po", "pues", "hasta"]
}
