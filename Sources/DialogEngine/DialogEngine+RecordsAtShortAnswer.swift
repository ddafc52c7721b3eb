import Understanding

extension DialogEngine {
    /// The kinds of question answered in a few words (a day, an hour, an option, a yes or a no).
    static let shortAnswerKinds: Set<SlotType> = [.date, .time, .datetime, .daterange, .recurrence, .duration, .choice, .yesno, .number]

    /// Words that tell records were taken («acordamos», «quedaron varios acuerdos», «decidimos»).
    static let recordMarkers: WordSet = ["acordamos", "acordaron", "acuerdos", "compromisos", "quedamos", "quedaron",
                                         "decidimos", "decidieron", "comprometimos"]

    /// «tb acordamos 3 cosas: yo mando el acta el lunes, el Hernan consigue la sala… y la Rosa hace
    /// la planilla antes del 10» to «¿Para cuándo…?» (qa27 A2: «Anotado: jueves 10», three
    /// agreements lost): a message that tells several records (a marker word, and a flow that
    /// claims two or more records in it) is no short answer to a date, time or choice question.
    /// The records are kept for right after this flow's save, and the question is asked again.
    /// Gated on the kind of question, the length and a marker word before any flow reads it.
    func recordsAtShortAnswer(_ message: Utterance, run: FlowRun, flow: FlowDefinition, slot: SlotDefinition?,
                              state: DialogState?, context: EngineContext) -> Command? {
        guard let slot, Self.shortAnswerKinds.contains(slot.type), case .asking = run.phase, !run.hasCheck,
              message.phrase.tokens.count >= 8, message.phrase.tokens.contains(where: Self.recordMarkers.contains), let state,
              let (id, said) = claim(message, context: context.after(state.lastSave)), let first = said.reads,
              let other = catalog.flow(id) else { return nil }
        let records = [FollowingRequest(flow: id, request: first, values: said.values, reads: true)]
            + said.more.map { FollowingRequest(flow: id, request: $0, values: said.values, reads: true) } + said.then
        guard records.count >= 2 else { return nil }
        let what = records.allSatisfy({ $0.flow == id }) ? "\(records.count) registros de «\(other.title)»" : "\(records.count) registros"
        let remark = "Me guardo lo que me contaste (\(what)): apenas terminemos "
            + (id == flow.id ? "con este" : flowNoun(flow)) + ", seguimos con eso."
        return .setSlots(.fillThen([:], remark: remark, then: records))
    }
}
