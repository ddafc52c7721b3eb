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
    /// verb and «que» (`requestAfterQue`); one found only by its trigger is read last
    /// (`requestByTriggerAtFreeText`).
    /// `list`: the question takes items (a tabla's points): there the request must also say a
    /// whole record (`saysWholeRecord`): «agendemos la próxima reunión» is a point of a tabla.
    func requestOpenedAtFreeText(_ message: Utterance, run: FlowRun, flow: FlowDefinition, state: DialogState,
                                 context: EngineContext, list: Bool = false) -> FollowingRequest? {
        guard let opener = Self.requestOpener(message.phrase, list: list) else { return nil }
        guard let (claimed, said) = claim(message, context: context.after(state.lastSave)) else {
            guard let later = requestAfterQue(message, opener: opener, run: run, flow: flow, state: state, context: context) else { return nil }
            return !list || saysWholeRecord(later, run: run, state: state, context: context) ? later : nil
        }
        if claimed == flow.id {
            // The same flow: another record only when what it says differs from this one.
            guard said.values.contains(where: { k, v in Self.differs(run.values[k], v) }) else { return nil }
        } else {
            // Another flow's: with values of its own, or words it reads as its request (a task).
            guard !said.values.isEmpty || said.reads != nil else { return nil }
            if readsAsItsOwn(message, run: run, flow: flow, context: context) { return nil }
        }
        // What the claim reads is the request, read whole, as `requestAfterQue` keeps it (a
        // claim of «anota que Marta manda la lista…» whole lost its task: the text was asked).
        let later = said.reads.map { FollowingRequest(flow: claimed, request: $0, values: said.values, reads: true) }
            ?? FollowingRequest(flow: claimed, request: message.clean, values: said.values, reads: false)
        return !list || saysWholeRecord(later, run: run, state: state, context: context) ? later : nil
    }

    /// The token of the verb a request opens with (after its leads), or nil: one word lookup.
    /// «anota» is itself a request's lead: the opener is any word up to the first other one.
    /// At a list, an infinitive opens it too («agendar reunión de directores el miércoles 23…»):
    /// the whole record it must say keeps a tabla's «agendar la próxima asamblea» a point.
    static func requestOpener(_ phrase: Phrase, list: Bool) -> Int? {
        let t = phrase.tokens
        let verb = phrase.classes.prefix { $0.contains(.requestLead) }.count
        guard verb < t.count, t.count - verb >= 2 else { return nil }
        return t[...verb].firstIndex(where: Self.requestOpeners.contains) ?? (list && phrase.classes[verb].contains(.action) ? verb : nil)
    }

    /// «anota que Marta manda la lista de asistencia el viernes» at «¿Por qué lo borramos?»: no
    /// flow claims the message whole, but one claims the clause after the verb and «que», as at
    /// the menu: an agreement's task (its words met the acta's trigger, which was offered).
    private func requestAfterQue(_ message: Utterance, opener: Int, run: FlowRun, flow: FlowDefinition, state: DialogState,
                                 context: EngineContext) -> FollowingRequest? {
        guard let rest = Self.clauseAfterQue(message, opener: opener),
              let (claimed, said) = claim(Utterance(rest), context: context.after(state.lastSave)), claimed != flow.id,
              !said.values.isEmpty || said.reads != nil, !readsAsItsOwn(message, run: run, flow: flow, context: context) else { return nil }
        // Begun as the menu begins a claim: what it reads is the request, read whole.
        return FollowingRequest(flow: claimed, request: said.reads ?? rest, values: said.values, reads: said.reads != nil ? true : false)
    }

    /// The words after the verb and «que» («anota que Marta…» → «Marta…»); nil without a «que».
    /// The tokens before them are one word each (leads, a request's verb, «que»), so as many
    /// words are dropped.
    static func clauseAfterQue(_ message: Utterance, opener: Int) -> String? {
        let t = message.phrase.tokens
        var from = opener + 1
        while from < t.count, Self.openerTails.contains(t[from]) { from += 1 }
        let words = message.clean.split(separator: " ")
        guard from > opener + 1, from < t.count, words.count > from,
              words.prefix(from).allSatisfy({ Phrase(String($0)).tokens.count == 1 }) else { return nil }
        return words.dropFirst(from).joined(separator: " ")
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

    /// «publicaron los resultados del simce de 4 básico» at «¿De dónde sale el dato?»,
    /// «agendar reunión de directores el miércoles 23…, 2 horas, en el liceo…» at a tabla,
    /// «anota que Marta trae las fotos el lunes, evidencia fotos» at «¿Por qué lo borramos?»: a
    /// request no flow claims, found only by its trigger, was stored as this question's value
    /// (issue 12). Read last, when nothing else took the message (an offer, a request kept
    /// for after the network is created): the best trigger that takes the verb and a word of
    /// what to record is that flow's request, kept for after this one and read as at the menu.
    /// `list`: read before the list's items are (they split it at its commas), and only a request
    /// that says a whole record (`saysWholeRecord`), of this flow another one; another flow's
    /// request said with its own words there is offered (`openedFlow`).
    func requestByTriggerAtFreeText(_ message: Utterance, run: FlowRun, flow: FlowDefinition, state: DialogState,
                                    context: EngineContext, list: Bool) -> FollowingRequest? {
        let phrase = message.phrase, clean = message.clean
        guard let opener = Self.requestOpener(phrase, list: list) else { return nil }
        // A request said with its label («anota la decisión: …») is offered (`labelledRequest`).
        guard let best = catalog.match(phrase).first, best.score >= 0.5, best.uses(token: opener),
              remainder(of: clean, phrase: phrase, used: best.usedTokens) != nil,
              labelledRequest(clean, excluding: flow.id) == nil else { return nil }
        let verbAlone = !best.usedTokens.contains(where: { $0 > opener })
        // At a list, another flow's request only when told after its verb alone, a whole record
        // (`saysWholeRecord` below): «anota que Marta trae las fotos el lunes, evidencia fotos»
        // at «¿Quiénes participan?» was offered, the meeting left for later.
        guard !list || best.flow == flow.id || verbAlone else { return nil }
        // A trigger that takes the verb alone («anota que») only when that flow claims the clause
        // after it up to a comma, as at the menu («Marta trae las fotos el lunes», then «,
        // evidencia fotos»): not «anota que fue un error», nor a past doing («anota que Marta y
        // Luis observaron clases el lunes», what happened).
        if verbAlone {
            guard let rest = Self.clauseAfterQue(message, opener: opener),
                  let head = rest.split(separator: ",", maxSplits: 1).first.map(String.init),
                  claim(Utterance(head), context: context.after(state.lastSave))?.0 == best.flow else { return nil }
        }
        // Kept whole, read as the menu reads it (`followingRemainder`): «reunión de directores»
        // is the meeting's name.
        // At a list another flow's is kept as the words after «que», as `requestAfterQue` keeps
        // them: kept with another request, both were read as a batch with «anota que» in the task.
        let told = list && verbAlone && best.flow != flow.id ? Self.clauseAfterQue(message, opener: opener) : nil
        let later = FollowingRequest(flow: best.flow, request: told ?? clean, values: [:], reads: true)
        if best.flow == flow.id {
            guard differsFrom(later, run: run, state: state, context: context) else { return nil }
        } else if readsAsItsOwn(message, run: run, flow: flow, context: context) {
            return nil
        }
        return !list || saysWholeRecord(later, run: run, state: state, context: context) ? later : nil
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
    /// this flow's request with a value unlike this run's is another record. Not when it also
    /// says the field asked («anota que Marta trae las fotos el lunes» at «¿Cuál es el
    /// acuerdo?»): that may well be the answer, with more said.
    private func differsFrom(_ later: FollowingRequest, run: FlowRun, state: DialogState, context: EngineContext) -> Bool {
        guard let values = valuesRead(later, state: state, context: context) else { return false }
        if let asked = run.currentSlot, values[asked] != nil { return false }
        return values.contains { k, v in Self.differs(run.values[k], v) }
    }

    /// At a list's question: the request says a whole record (three of its fields at least:
    /// when, how long, where…), and, of this flow, another one. «agendar la próxima asamblea de
    /// marzo» at a tabla says one at most: a point of it.
    private func saysWholeRecord(_ later: FollowingRequest, run: FlowRun, state: DialogState, context: EngineContext) -> Bool {
        guard let values = valuesRead(later, state: state, context: context), values.count >= 3 else { return false }
        return later.flow != run.flowID || values.contains { k, v in Self.differs(run.values[k], v) }
    }
}
