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

    /// Words between a request's verb and what it asks to record («anota que…», «anota q…»).
    static let openerTails: WordSet = ["que", "q"]

    /// «proponemos el círculo de diálogo pal PEI» at «¿Qué aprendizaje…?»: a message opening with
    /// a request's verb (after its leads) that another flow claims (with values, or with words it
    /// reads as its request: an agreement's task) is that request, kept for right after this
    /// one; never this question's text (issue 12: it was stored as the aprendizaje). This flow's
    /// own claim counts only when it says another record (a value unlike this run's). Cheap
    /// gate: one word lookup. A request no flow claims whole is found from the words after its
    /// verb, or by its trigger (`requestNoFlowClaims`).
    /// `list`: the question takes items (a tabla's points): there the request must also say a
    /// whole record (`saysWholeRecord`): «agendemos la próxima reunión» is a point of a tabla.
    func requestOpenedAtFreeText(_ message: Utterance, run: FlowRun, flow: FlowDefinition, state: DialogState,
                                 context: EngineContext, list: Bool = false) -> FollowingRequest? {
        let phrase = message.phrase, t = phrase.tokens
        let verb = phrase.classes.prefix { $0.contains(.requestLead) }.count
        // «anota» is itself a request's lead: the opener is any word up to the first other one.
        // At a list, an infinitive opens it too («agendar reunión de directores el miércoles 23…»):
        // the whole record it must say keeps a tabla's «agendar la próxima asamblea» a point.
        guard verb < t.count, t.count - verb >= 2,
              let opener = t[...verb].firstIndex(where: Self.requestOpeners.contains)
                ?? (list && phrase.classes[verb].contains(.action) ? verb : nil) else { return nil }
        guard let (claimed, said) = claim(message, context: context.after(state.lastSave)) else {
            guard let later = requestNoFlowClaims(message, opener: opener, run: run, flow: flow, state: state, context: context) else { return nil }
            return !list || saysWholeRecord(later, run: run, state: state, context: context) ? later : nil
        }
        if claimed == flow.id {
            // The same flow: another record only when what it says differs from this one.
            guard said.values.contains(where: { k, v in run.values[k].map { $0 != v } ?? false }) else { return nil }
        } else {
            // Another flow's: with values of its own, or words it reads as its request (a task).
            guard !said.values.isEmpty || said.reads != nil else { return nil }
            if readsAsItsOwn(message, run: run, flow: flow, context: context) { return nil }
        }
        let later = FollowingRequest(flow: claimed, request: message.clean, values: said.values, reads: said.reads == nil ? false : nil)
        return !list || saysWholeRecord(later, run: run, state: state, context: context) ? later : nil
    }

    /// Whether the flow running reads `message` as its own answer (an acta's agreements, told
    /// at its notes), so another flow's request in it is no request.
    private func readsAsItsOwn(_ message: Utterance, run: FlowRun, flow: FlowDefinition, context: EngineContext) -> Bool {
        switch reading(message, run: run, flow: flow, context: context) {
        case .fillThen(_, _, let then)? where !then.isEmpty: return true
        case .fill(let values, _, _)? where values.keys.contains(where: { $0 != run.currentSlot }): return true
        default: break
        }
        return context.extensions[flow.id]?.claim(message, flow: flow, catalog: catalog, context: context) != nil
    }

    /// «anota que Marta manda la lista de asistencia el viernes» at «¿Por qué lo borramos?»: no
    /// flow claims the message whole, but a flow claims the words after its verb (and «que»),
    /// as at the menu: an agreement's task (its words met the acta's trigger, which was offered).
    /// Otherwise the best trigger, when it takes the verb and a word of what to record besides
    /// («publicaron los resultados del simce de 4 básico» at «¿De dónde sale el dato?»,
    /// «agendar reunión de directores…» at a tabla): that flow's request, read as at the menu.
    /// «anota que fue un error» (the verb alone meets «anota que») is the answer it seems.
    /// This flow's own request counts only when it says another record (`differsFrom`).
    private func requestNoFlowClaims(_ message: Utterance, opener: Int, run: FlowRun, flow: FlowDefinition, state: DialogState,
                                     context: EngineContext) -> FollowingRequest? {
        let phrase = message.phrase, t = phrase.tokens, clean = message.clean
        // The words after the verb and «que»: the tokens before them are one word each here
        // (leads, a request's verb, «que»), so as many words are dropped.
        var from = opener + 1
        while from < t.count, Self.openerTails.contains(t[from]) { from += 1 }
        let words = clean.split(separator: " ")
        if from < t.count, words.count > from,
           words.prefix(from).allSatisfy({ Phrase(String($0)).tokens.count == 1 }) {
            let rest = words.dropFirst(from).joined(separator: " ")
            if let (claimed, said) = claim(Utterance(rest), context: context.after(state.lastSave)), claimed != flow.id,
               !said.values.isEmpty || said.reads != nil, !readsAsItsOwn(message, run: run, flow: flow, context: context) {
                // Begun as the menu begins a claim: what it reads is the request, read whole.
                return FollowingRequest(flow: claimed, request: said.reads ?? rest, values: said.values, reads: said.reads != nil ? true : false)
            }
        }
        // Kept whole, read as the menu reads it (`followingRemainder`): «reunión de directores»
        // is the meeting's name.
        guard let best = catalog.match(phrase).first, best.score >= 0.5, best.uses(token: opener),
              remainder(of: clean, phrase: phrase, used: best.usedTokens) != nil else { return nil }
        let later = FollowingRequest(flow: best.flow, request: clean, values: [:], reads: true)
        // A trigger that takes the verb alone («anota que») only with a record said after it
        // (who and by when: «…Marta trae las fotos el lunes»), not «anota que fue un error».
        if !best.usedTokens.contains(where: { $0 > opener }) {
            guard let values = valuesRead(later, state: state, context: context), values.count >= 2 else { return nil }
        }
        if best.flow == flow.id {
            guard differsFrom(later, run: run, state: state, context: context) else { return nil }
        } else if readsAsItsOwn(message, run: run, flow: flow, context: context) {
            return nil
        }
        return later
    }

    /// What a request left for later is read from when its flow begins: without the flow's own
    /// trigger when it opens with it («agendar reunión de directores el miércoles 23…»), as the
    /// menu reads it (the flow's own reading still sees it whole); the words themselves otherwise.
    func followingRemainder(_ request: String, flow: FlowDefinition, context: EngineContext) -> String? {
        let phrase = Phrase(request)
        let leads = phrase.classes.prefix { $0.contains(.requestLead) }.count
        guard let best = catalog.match(phrase).first, best.flow == flow.id, best.score >= 0.5,
              let first = best.usedTokens.min(), first <= leads else { return request }
        return remainder(of: request, phrase: phrase, used: best.usedTokens, members: context.members)
    }

    /// The values `later` would start with, as its flow reads them when it begins (nothing said).
    private func valuesRead(_ later: FollowingRequest, state: DialogState, context: EngineContext) -> SlotValues? {
        guard let next = catalog.flow(later.flow) else { return nil }
        var scratch = state
        var said: [Effect] = []
        begin(next, remainder: later.reads == true ? followingRemainder(later.request, flow: next, context: context) : nil,
              request: later.request, given: later.values,
              state: &scratch, context: context.after(state.lastSave), out: &said, prepareOnly: true)
        guard scratch.stack.count == state.stack.count + 1, let started = scratch.stack.last else { return nil }
        // Only what the words said: a flow's defaults are no record's.
        return started.values.filter { started.answered.contains($0.key) }
    }

    /// «publicaron los resultados del simce de 8 básico» while a 4° básico result is recorded:
    /// this flow's request with a value unlike this run's is another record.
    private func differsFrom(_ later: FollowingRequest, run: FlowRun, state: DialogState, context: EngineContext) -> Bool {
        guard let values = valuesRead(later, state: state, context: context) else { return false }
        return values.contains { k, v in run.values[k].map { $0 != v } ?? false }
    }

    /// At a list's question: the request says a whole record (three of its fields at least:
    /// when, how long, where…), and, of this flow, another one. «agendar la próxima asamblea de
    /// marzo» at a tabla says one at most: a point of it.
    private func saysWholeRecord(_ later: FollowingRequest, run: FlowRun, state: DialogState, context: EngineContext) -> Bool {
        guard let values = valuesRead(later, state: state, context: context), values.count >= 3 else { return false }
        return later.flow != run.flowID || values.contains { k, v in run.values[k].map { $0 != v } ?? false }
    }
}
