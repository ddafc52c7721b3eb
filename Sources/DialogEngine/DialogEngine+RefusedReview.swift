import Understanding

/// «ah no, si era para borrarlo. borra el 3 nomas», «no, mejor borra el acuerdo 2» at a review:
/// a «no» (alone or after an interjection) and then a request for another flow. The review is left
/// unsaved and the request runs (issue 12: it asked «¿Qué quieres cambiar?» again and again).
extension DialogEngine {
    /// Words said before the «no» of a refusal: «ah no», «uy no», «pucha no».
    static let refusalInterjections: WordSet = ["ah", "ahh", "aah", "oh", "uy", "uyy", "ay", "pucha", "chuta", "mm", "mmm", "eh", "ups", "oops", "nah"]

    /// Words that lead into the request said instead («mejor», «entonces», «solo»).
    static let requestLeadsAfterNo: WordSet = ["mejor", "entonces", "solo", "solamente", "pero", "y", "ya", "po", "sino", "altiro", "ahora", "mas", "bien"]

    /// The command for a «no» then another flow's request at this review, or nil.
    func refusedReviewThenRequest(_ clean: String, phrase: Phrase, run: FlowRun, flow: FlowDefinition,
                                  state: DialogState?, context: EngineContext) -> Command? {
        // Cheap gate first: a review, and a «no» as the first word or after one interjection.
        guard run.phase == .confirming || run.phase == .choosingEdit, !run.hasCheck, run.batch == nil else { return nil }
        let t = phrase.tokens
        guard t.count >= 3 else { return nil }
        let opensWithNo = Self.isNo(t[0]) || (Self.refusalInterjections.contains(t[0]) && Self.isNo(t[1]))
        guard opensWithNo else { return nil }
        // The words after that «no».
        var words = clean.split(separator: " ").map(String.init)[...]
        while let w = words.first, !Self.isNo(Phrase(w).tokens.joined(separator: " ")) { words = words.dropFirst() }
        words = words.dropFirst()
        let tail = words.joined(separator: " ")
        for clause in Self.clauses(tail) {
            // From this clause to the end: what the request says after a comma is its own
            // («registra una decisión: …, por consenso»).
            let whole = tail.range(of: clause).map { String(tail[$0.lowerBound...]) } ?? clause
            var said = whole.split(separator: " ").map(String.init)[...]
            while let w = said.first, Self.requestLeadsAfterNo.contains(Phrase(w).tokens.joined(separator: " ")) || Phrase(w).tokens.isEmpty {
                said = said.dropFirst()
            }
            let request = said.joined(separator: " ")
            let asked = Phrase(request)
            // «no, no lo saques», «no, no lo agendes todavía»: the action itself refused (read by
            // the review and the refusals), no request.
            if let first = asked.tokens.first, Self.isNo(first) || first == "nada" { return nil }
            // It opens with what to do («borra el 3», «agenda la reunión»), never with a thing
            // (a value corrected: «no, el plazo es el 5»).
            // («borra el 3 nomas»: the flow's own verb opens it, though the short request scores low.)
            let led = catalog.match(asked).first.flatMap { $0.uses(token: 0) && $0.score >= 0.4 ? $0.flow : nil }
            guard asked.tokens.count >= 2, let verb = asked.tokens.first,
                  led != nil || Self.actionWords.contains(verb) || Self.changeVerbs.contains(verb) || Self.isInfinitive(verb) else { continue }
            // A change to what is reviewed here is read by the review, as before.
            if !reviewEdits(request, run: run, flow: flow).isEmpty { return nil }
            let other: String? = if let state, let (claimed, _) = claim(Utterance(request), context: context.after(state.lastSave)) { claimed }
                else if let strong = strongIntent(asked, excluding: flow.id, freeText: false) { strong.id }
                else { led ?? catalog.match(asked).first.flatMap { $0.score >= 0.5 ? $0.flow : nil } }
            guard let other, other != flow.id else { continue }
            return .replaceFlow(other, request: request)
        }
        return nil
    }
}
