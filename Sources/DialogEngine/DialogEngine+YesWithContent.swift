import Understanding

/// «ok. en la reunión de hoy decidimos por votación cambiar…» as the yes to «¿Dejamos … y
/// empezamos «Registrar una decisión»?»: the yes, and what follows it is what the offered flow
/// records, read when it starts (issue 12, qa26 c2: the decisions said were dropped and
/// «¿Qué decidieron?» asked).
extension DialogEngine {
    /// The words after the yes, as the offered flow's request; nil when they add nothing to it
    /// («sí, dale», «ya, empecemos») or the offer's own request already said what to record.
    func contentAfterYes(_ clean: String, offered id: String, request: String, state: DialogState, context: EngineContext) -> String? {
        // Cheap first: a yes with words after it (a comma, a stop or a colon after the yes).
        guard let lead = YesNo.lead(clean), lead.yes else { return nil }
        let rest = lead.rest
        let said = Phrase(rest)
        // «sí, pal 31 de mayo» to «¿Le ponemos un plazo nuevo?»: a day alone after the yes
        // completes the offered request (the day was dropped, and asked again).
        if let day = dayForOffer(rest, phrase: said, offered: id, request: request, context: context) { return day }
        guard said.contentCount >= 3, RepairVerb.recognize(said) == nil, Self.closing(said) == nil, !Self.leaving(said) else { return nil }
        // The offer came from a request that says only which flow («quiero registrar una
        // decisión»), or from a question read as one: what follows the yes is the content.
        // (A request that carried its own content keeps it: the words after the yes may be about
        // the offer, not the record.)
        let asked = Phrase(request)
        let bare = bareRequest(request, flow: id) || TextFold.contains(request, byte: UInt8(ascii: "?"))
            || catalog.match(asked).first(where: { $0.flow == id }) == nil
        // …or the words after the yes are this flow's own request, said whole.
        let own = claim(Utterance(rest), context: context.after(state.lastSave)).map { $0.0 == id }
            ?? catalog.match(said).first.map { $0.flow == id && $0.score >= 0.5 } ?? false
        guard bare || own else { return nil }
        return rest
    }

    /// «pal 31 de mayo», «sí, el viernes 4» to an offer of a flow whose request names its record
    /// («reprogramar el acuerdo 1»): a day said alone completes that request. Nil when the words
    /// say more than a day, or the request names no record (a bare one).
    func dayForOffer(_ said: String, phrase: Phrase, offered id: String, request: String, context: EngineContext) -> String? {
        guard phrase.tokens.count <= 6, WhenCues.maySayWhen(folded: phrase.folded), !bareRequest(request, flow: id),
              !TextFold.contains(request, byte: UInt8(ascii: "?")),
              let when = TemporalParser.parse(said, context: context.temporal), ["date", "datetime"].contains(when.value.kind),
              Phrase(when.text).tokens.count + 2 >= phrase.tokens.count else { return nil }
        return request + " " + said
    }
}
