import Understanding

extension DialogEngine {
    /// «la 5 nomás, pero cambia el nombre a Club Deportivo Malalhue», «cambia el nombre a Club
    /// Deportivo Malalhue» at a choice, date or number question: a verb of changing and another
    /// field of this flow with its new value, after (or instead of) the answer. The field is
    /// changed and the answer taken, as at a free-text question (it offered to rename the
    /// network: «nombre» is a field of another flow too). Nil unless the change reads as this
    /// flow's other field, and whatever comes before it is an answer to this question.
    /// Cheap gates first: the kind of question and a verb of changing among a few words.
    func fieldChangedAtShortAnswer(_ message: Utterance, run: FlowRun, flow: FlowDefinition, slot: SlotDefinition?,
                                   context: EngineContext) -> Correction? {
        guard let slot, Self.requestFreeKinds.contains(slot.type), case .asking = run.phase, !run.hasCheck else { return nil }
        let t = message.phrase.tokens
        guard t.count <= 16, let v = t.firstIndex(where: Self.changeVerbs.contains), v + 3 <= t.count else { return nil }
        let clean = message.clean
        let change = originalTail(of: clean, words: t.count - v)
        guard !change.isEmpty, let c = readCorrection(change, phrase: Phrase(change), run: run, flow: flow, context: context) else { return nil }
        switch c {
        case .value(let name, _), .replace(let name, _, _):
            guard name != slot.name, flow.slot(named: name) != nil else { return nil }
        default:
            return nil
        }
        if v == 0 { return c }
        let answer = Self.saidBefore(clean, tail: change)
        guard !answer.isEmpty, case .value = SlotParser.parse(answer, slot: slot, context: context) else { return nil }
        return .thenRest(c, then: answer)
    }

    /// «es un club deportivo, cámbiale el tipo» at a review: a value said first, then a verb of
    /// changing and only the name of a field (`changedFieldWords`) that value is one of. That
    /// field takes it (it asked the field again, the value said lost). Only fields whose values
    /// are read by their kind (an option, a day, a number…): a free text would take any words.
    /// Cheap gate: a verb of changing after the first word.
    func valueThenNamedField(_ clean: String, phrase: Phrase, run: FlowRun, flow: FlowDefinition, context: EngineContext) -> Correction? {
        let t = phrase.tokens
        guard t.count >= 4, t.count <= 14, let v = t.lastIndex(where: Self.changeFieldVerbs.contains), v >= 2,
              let words = Self.changedFieldWords(Array(t[v...])), words.count <= 4 else { return nil }
        let hits = flow.slots.filter { s in
            guard s.type != .text, s.type != .longtext, run.values[s.name] != nil || run.skipped.contains(s.name), conditionHolds(s, run: run) else { return false }
            return ([s.label] + s.aliases).contains { Phrase($0).tokens.filter { !Self.fieldFillers.contains($0) } == words }
        }
        guard hits.count == 1 else { return nil }
        let named = hits[0]
        let said = Self.saidBefore(clean, tail: originalTail(of: clean, words: t.count - v))
        guard !said.isEmpty, case .value(let value) = SlotParser.parse(said, slot: named, context: context) else { return nil }
        return .value(slot: named.name, value)
    }

    /// `clean` without `tail` at its end, nor the marks, joining words («, pero», «y») and
    /// fillers («nomás», «po») before it: «la 5 nomás, pero cambia…» → «la 5».
    static func saidBefore(_ clean: String, tail: String) -> String {
        var head = Substring(clean.dropLast(tail.count))
        while true {
            head = head.drop(while: { $0 == " " })
            while let l = head.last, " ,;.:".contains(l) { head = head.dropLast() }
            let words = head.split(separator: " ")
            guard let last = words.last else { break }
            let folded = TextFold.fold(String(last))
            if folded == "mas", words.count >= 2, TextFold.fold(String(words[words.count - 2])) == "no" {
                head = head.dropLast(last.count).drop(while: { $0 == " " })
                while head.last == " " { head = head.dropLast() }
                head = head.dropLast(words[words.count - 2].count)
                continue
            }
            guard ["pero", "y", "e", "tambien", "ademas", "asi", "que", "nomas", "noma", "po", "pues"].contains(folded) else { break }
            head = head.dropLast(last.count)
        }
        return String(head)
    }
}
