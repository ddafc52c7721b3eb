import CivilTime
import Understanding

/// The per-session state machine: `handle(text, state, context) -> Turn`. Pure: the time,
/// the members and the flows come in as values; saving and answering queries go out as effects.
///
/// Every flow gets, without authoring: the re-ask ladder, over-informing, corrections, the
/// repair verbs (ayuda, cancelar, atrás, repetir, resumen, saltar, pausar, seguir),
/// digressions (questions mid-flow) and a flow stack.
public struct DialogEngine: Sendable {
    public let catalog: FlowCatalog

    public init(catalog: FlowCatalog) {
        self.catalog = catalog
    }

    /// Starts `flowID` on top of the stack (used for the first-run network set-up).
    public func start(_ flowID: String, state: inout DialogState, context: EngineContext) -> Turn {
        guard let flow = catalog.flow(flowID) else { return Turn(effects: [], expects: nil) }
        var out: [Effect] = []
        begin(flow, remainder: nil, state: &state, context: context, out: &out)
        return Turn(effects: out, expects: expectation(state, context: context))
    }

    /// What to say when a session comes back: the question it was waiting on, if any.
    public func resume(state: inout DialogState, context: EngineContext) -> Turn {
        guard let run = state.current, let flow = catalog.flow(run.flowID) else {
            return Turn(effects: [], expects: nil)
        }
        var out: [Effect] = [.say(flow.resume ?? "Estábamos en «\(flow.title)».")]
        // Another day: what was already said, so the question makes sense again.
        if Self.isStale(state, context: context), let recap = recap(run, flow: flow, context: context) { out.append(.say(recap)) }
        // The offer left waiting («¿Dejamos … y empezamos …?») is what a yes or a no answers.
        if let offer = pendingOffer(state) {
            out.append(.say(offer))
            return Turn(effects: out, expects: expectation(state, context: context))
        }
        // One of several records said at once: which one the question is about.
        if run.batch != nil, let at = run.batchAt, run.phase != .confirming {
            out.append(.say(batchNaming(at, items: batchItems(run), flow: flow, context: context) + ":"))
        }
        reprompt(run, flow: flow, context: context, out: &out)
        return Turn(effects: out, expects: expectation(state, context: context))
    }

    /// One user message.
    public func handle(_ text: String, state: inout DialogState, context: EngineContext) -> Turn {
        handle(Utterance(text), state: &state, context: context)
    }

    /// One user message, already read (a caller that looked at it first need not read it twice).
    public func handle(_ message: Utterance, state: inout DialogState, context given: EngineContext) -> Turn {
        // «el martes 16, no espera, era el jueves 18»: read as said right the first time.
        var message = SelfCorrection.applied(message, context: given.temporal)
        // The message, for readings that need more of it than the value they read.
        let context = { var c = given; c.said = message; c.listed = state.listing?.records; return c }()
        guard !message.clean.isEmpty else { return Turn(effects: [], expects: expectation(state, context: context)) }
        migrate(&state)
        var out: [Effect] = []
        // Room for a turn's usual effects (an echo, a remark, the next question) at once: grown
        // from empty, the array was made anew at its first, second and third effect.
        out.reserveCapacity(4)
        if state.isIdle { message = Self.expandingShorthand(message) }
        // «no, ese son dos acuerdos distintos. el calendario… y las fotos…»: the record being asked
        // about (or reviewed) is several, each its own record in a batch.
        if state.pending == nil, let run = state.current, run.check == nil,
           splitRecordAgain(message, run: run, state: &state, context: context, out: &out) {
            if state.lastDay != context.today { state.lastDay = context.today }
            return Turn(effects: out, expects: expectation(state, context: context))
        }
        // Several records said at once: their shared review, and an answer for all of them, are
        // read by the batch first (one look at the run for every other turn).
        if state.pending == nil, let run = state.current, run.batch != nil, run.check == nil,
           batchTurn(message, run: run, state: &state, context: context, out: &out) {
            if state.lastDay != context.today { state.lastDay = context.today }
            return Turn(effects: out, expects: expectation(state, context: context))
        }
        // «sigamos, pero el plazo era el 12»: the paused flow back, and the change read in it.
        if !state.paused.isEmpty, let resumed = resumeWithChange(message, state: &state, context: context) {
            if state.lastDay != context.today { state.lastDay = context.today }
            return Turn(effects: resumed, expects: expectation(state, context: context))
        }
        // «se suma la marcela. y no, el plazo es el 7 de mayo» at a review: each change read.
        if let both = clauseAndFieldChange(message, state: &state, context: given) {
            if state.lastDay != context.today { state.lastDay = context.today }
            return both
        }
        // One command per message, read before anything changes, then carried out.
        let command = understand(message, state: state, context: context)
        execute(command, message: message, state: &state, context: context, out: &out)
        if state.lastDay != context.today { state.lastDay = context.today }
        return Turn(effects: out, expects: expectation(state, context: context))
    }

    /// Drops flows whose definition disappeared and values of slots that no longer exist, so a
    /// conversation survives a hot reload by slot name.
    func migrate(_ state: inout DialogState) {
        // Nearly always nothing changed: the arrays are left as they are (no new arrays of
        // copied runs on the turn path).
        if state.stack.allSatisfy(isCurrent), state.paused.allSatisfy(isCurrent) { return }
        state.stack = state.stack.compactMap(migrated)
        state.paused = state.paused.compactMap(migrated)
    }

    /// True when `run`'s flow and every slot it names still exist: `migrated` leaves it as it is.
    private func isCurrent(_ run: FlowRun) -> Bool {
        guard let flow = catalog.flow(run.flowID) else { return false }
        let current = run.currentSlot.map { flow.slot(named: $0) != nil } ?? true
        return current && run.values.keys.allSatisfy { flow.slot(named: $0) != nil }
    }

    private func migrated(_ run: FlowRun) -> FlowRun? {
        guard let flow = catalog.flow(run.flowID) else { return nil }
        // Nearly always nothing changed: leave the run untouched (no copies on the turn path).
        let current = run.currentSlot.map { flow.slot(named: $0) != nil } ?? true
        if current, run.values.keys.allSatisfy({ flow.slot(named: $0) != nil }) { return run }
        var r = run
        r.values = r.values.filter { flow.slot(named: $0.key) != nil }
        r.answered = r.answered.filter { flow.slot(named: $0) != nil }
        if let s = r.currentSlot, flow.slot(named: s) == nil {
            r.phase = nextPhase(r, flow: flow)
            r.check = nil
        }
        return r
    }

    /// Another flow the user clearly asks for. Inside a free-text question only a request led by
    /// its verb counts, since "coordinar la reunión de marzo" may well be an agreement's text.
    func strongIntent(_ phrase: Phrase, excluding id: String, freeText: Bool) -> FlowDefinition? {
        // Where a value is asked, a message opening with a flow's request phrase asks for it. In
        // free text it may well be the answer («acordamos que…» to «¿cómo lo resolvieron?»): there
        // it is offered only if the flow refuses it as an answer (`accept`).
        if !freeText, let opened = openedFlow(phrase, excluding: id) { return opened }
        // Inside free text either way below needs an action word: without one, no need to match.
        if freeText, !phrase.some(.action) { return nil }
        guard let best = catalog.match(phrase).first, best.flow != id else { return nil }
        guard best.score >= 0.8 else { return nil }
        // "programa de la jornada" as the evidence is not "programar una jornada": inside free
        // text, a request has its verb ("quiero", "agendemos", "nuevo"…), said first ("agendar
        // reunión el jueves") or in an unmistakable request.
        if freeText {
            let leads = phrase.classes.first?.contains(.action) ?? false
            guard leads || (best.score >= 0.95 && phrase.some(.action)) else { return nil }
        }
        return catalog.flow(best.flow)
    }

    /// «quedamos en que cada escuela…», «quiero registrar un acuerdo: …»: the flow whose own
    /// request phrase opens the message (after «quiero», «oye»…), however long the rest (which
    /// dilutes the match score).
    func openedFlow(_ phrase: Phrase, excluding id: String) -> FlowDefinition? {
        let lead = phrase.classes.prefix { $0.contains(.requestLead) }.count
        let asked = phrase.tokens.dropFirst(lead)
        // Only triggers opening with the message's first word can open it (indexed at load).
        guard let first = asked.first else { return nil }
        return catalog.triggers(openingWith: first).first { f, words in
            f.id != id && asked.count > words.count + 1 && asked.starts(with: words)
        }?.flow
    }

    /// Whether `phrase` opens with a verb of doing in general («hacer», «realizar»), no want
    /// before it: a list's item says what to do that way; a request to Minga says who wants it.
    static func opensWithDoing(_ phrase: Phrase) -> Bool {
        guard let first = phrase.tokens.first else { return false }
        return first == "hacer" || first == "realizar" || first == "hacemos" || first == "realizamos"
    }

    static let requestLeads: WordSet = ["quiero", "quisiera", "queria", "necesito", "podemos", "vamos", "a", "hola", "minga", "oye",
                                            // «kiero agendar…», typed on a phone.
                                            "kiero", "qiero", "kero", "nesesito", "nececito",
                                            "ya", "porfa", "me", "ayudas", "ayudai", "y", "ahora", "bueno", "mira", "tambien"]

    /// Chat shorthand at the start of a two-word request ("q aprendimos", "xq no hay reunion").
    static func expandingShorthand(_ message: Utterance) -> Utterance {
        guard let first = message.phrase.tokens.first, let long = shorthand[first] else { return message }
        let words = message.clean.split(separator: " ", maxSplits: 1).map(String.init)
        guard words.count == 2, Phrase(words[0]).tokens == [first] else { return message }
        return Utterance(long + " " + words[1])
    }

    static let shorthand: [String: String] = ["q": "qué", "k": "qué", "ke": "qué", "qe": "qué", "kien": "quién", "kienes": "quiénes",
                                              "xq": "por qué", "pq": "por qué", "cdo": "cuándo", "qn": "quién", "qnes": "quiénes"]

    /// "el acuerdo", "la red": how to refer to a flow in a sentence.
    func flowNoun(_ flow: FlowDefinition) -> String {
        "«\(flow.title)»"
    }
}
