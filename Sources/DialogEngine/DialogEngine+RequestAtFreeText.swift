import Understanding

extension DialogEngine {
    /// Verbs a request opens with, said to Minga (imperative or first person plural), or news
    /// a flow starts from («publicaron los resultados…»). Infinitives are left out: «anotar las
    /// asistencias en la bitácora» may well be an adjustment or a lesson asked for.
    static let requestOpeners: WordSet = [
        "anota", "anote", "anotame", "anotalo", "anotala", "anotemos", "apunta", "apunte", "apuntame", "apuntemos",
        "registra", "registre", "registrame", "registremos", "agenda", "agendame", "agendemos", "programemos",
        "proponemos", "propongamos", "propongo", "publicaron",
    ]

    /// «proponemos el círculo de diálogo pal PEI» at «¿Qué aprendizaje…?»: a message opening with
    /// a request's verb (after its leads) that another flow claims (with values, or with words it
    /// reads as its request: an agreement's task) is that request, kept for right after this
    /// one; never this question's text (issue 12: it was stored as the aprendizaje). This flow's
    /// own claim counts only when it says another record (a value unlike this run's). Cheap
    /// gate: one word lookup. A request no flow claims, found only by its triggers («anota que
    /// Marta trae las fotos…» at «¿Por qué lo borramos?»), is not caught here yet.
    func requestOpenedAtFreeText(_ message: Utterance, run: FlowRun, flow: FlowDefinition, state: DialogState,
                                 context: EngineContext) -> FollowingRequest? {
        let phrase = message.phrase, t = phrase.tokens
        let verb = phrase.classes.prefix { $0.contains(.requestLead) }.count
        // «anota» is itself a request's lead: the opener is any word up to the first other one.
        guard verb < t.count, t.count - verb >= 2, t[...verb].contains(where: Self.requestOpeners.contains),
              let (claimed, said) = claim(message, context: context.after(state.lastSave)) else { return nil }
        if claimed == flow.id {
            // The same flow: another record only when what it says differs from this one.
            guard said.values.contains(where: { k, v in run.values[k].map { $0 != v } ?? false }) else { return nil }
        } else {
            // Another flow's: with values of its own, or words it reads as its request (a task).
            guard !said.values.isEmpty || said.reads != nil else { return nil }
            // …unless this flow reads it as its own (an acta's agreements, told at its notes).
            switch reading(message, run: run, flow: flow, context: context) {
            case .fillThen(_, _, let then)? where !then.isEmpty: return nil
            case .fill(let values, _, _)? where values.keys.contains(where: { $0 != run.currentSlot }): return nil
            default: break
            }
            if context.extensions[flow.id]?.claim(message, flow: flow, catalog: catalog, context: context) != nil { return nil }
        }
        return FollowingRequest(flow: claimed, request: message.clean, values: said.values, reads: said.reads == nil ? false : nil)
    }
}
