import Understanding

extension DialogEngine {
    /// Whether the conversation comes back on another day than its last message to a flow left
    /// open: the person may not remember the question, and their first message may well be
    /// about something else.
    static func isStale(_ state: DialogState, context: EngineContext) -> Bool {
        // The day first: on most turns it is today's, and the flow in progress (a copy of it) is
        // not looked at.
        guard let day = state.lastDay, day != context.today else { return false }
        return state.current != nil
    }

    /// The first message after such a pause, when it clearly is not the open question's answer:
    /// a command word («cancelar» is never a contact), a request another flow takes («me toca
    /// responder el diagnóstico», read as at the menu, the open flow waiting in pause), or a bare
    /// number where names or words are asked («2» is no school). Nil: read as usual.
    func readAfterPause(_ message: Utterance, run: FlowRun, flow: FlowDefinition, state: DialogState, context: EngineContext) -> Command? {
        let phrase = message.phrase
        if let verb = RepairVerb.recognize(phrase) { return .repair(verb) }
        if let (id, claimed) = claim(message, context: context.after(state.lastSave)), id != flow.id {
            return Self.start(id, claim: claimed, clean: message.clean)
        }
        if let other = strongIntent(phrase, excluding: flow.id, freeText: false) {
            return .startFlow(other.id, request: message.clean, values: [:], echo: [])
        }
        // «hola, pasamos lista de la reunión de hoy: …» the first thing on another day: a hello
        // and then news opens a new conversation, not the answer to a question asked days ago.
        // The rest is read as with nothing open (the old flow waits in pause); what no flow takes
        // only pauses the old one, so nothing of it lands in a field.
        // A flow that claims the news (even this one) is read as usual, after this.
        if phrase.classes.first?.contains(.greeting) == true, phrase.tokens.count >= 5,
           case let rest = Self.afterGreeting(message.clean), claim(Utterance(rest), context: context.after(state.lastSave)) == nil {
            var idle = state
            idle.stack = []
            idle.pending = nil
            switch readIdle(rest, phrase: Phrase(rest), state: idle, context: context) {
            // Only the words of this flow's request (no claim): no new answer to its question either.
            case .startFlow(let id, let request, let values, let echo, let used, let then) where id != flow.id:
                return .startFlow(id, request: request, values: values, echo: echo, used: used, then: then)
            case .answerQuery(let q): return .answerQuery(q)
            case .answerQueries(let qs): return .answerQueries(qs)
            // «holi, sigamos con el acuerdo de la feria»: the hello asks for this very flow back.
            case .repair(.resume): return .repair(.resume)
            default: return .repair(.pause)
            }
        }
        if run.check == nil, case .asking(let name) = run.phase, let slot = flow.slot(named: name),
           [.text, .longtext, .person, .people].contains(slot.type), !phrase.core.isEmpty, phrase.core.allSatisfy(\.isNumber) {
            return .setSlots(.reask("«\(message.clean)» no me calza como \(slot.label). Seguimos con \(flowNoun(flow)); si ya no va, escribe «cancelar»."))
        }
        return nil
    }

    /// Whether words declined as another flow's request could still be the answer to the
    /// free-text question underneath: only when the flow's own check keeps them (a meeting's name
    /// refuses «quiero registrar un acuerdo»), so Minga never offers to keep what it would refuse.
    func keepsAsAnswer(_ text: String, slot: SlotDefinition, run: FlowRun, flow: FlowDefinition, context: EngineContext) -> Bool {
        guard let ext = context.extensions[flow.id] else { return true }
        let verdict = ext.validate(.text(text), slot: slot, run: run, context: context)
        return !verdict.endsFlow && verdict.kept(.text(text)) != nil
    }

    /// The question Minga asked outside any slot and is still waiting on (a switch, «¿seguro que
    /// quieres cancelar…?», which of two flows, which paused one), asked again as it was: a
    /// session that comes back in a new process answers it, not the slot under it.
    public func pendingOffer(_ state: DialogState) -> String? {
        switch state.pending {
        case .pickFlowFor(let ids, _)?:
            return "¿Quieres \(flowOptions(ids))?"
        case .pickPaused?:
            return "Tienes varias cosas en pausa. ¿Cuál retomamos?"
        default:
            break
        }
        guard let run = state.current, let flow = catalog.flow(run.flowID) else { return nil }
        switch state.pending {
        // (A session saved before: a «no» keeps nothing there either.)
        case .switchFlow(let id, _)?, .switchOrAnswer(let id, _)?:
            guard let other = catalog.flow(id) else { return nil }
            return "¿Dejamos \(flowNoun(flow)) para después y empezamos «\(other.title)»?"
        case .cancel?:
            return "¿Seguro que quieres cancelar \(flowNoun(flow))? Se perderá lo que llevamos."
        default:
            return nil
        }
    }

    /// «Borrar un acuerdo» o «Sacar una organización»: the flows a pick offers, in words.
    func flowOptions(_ ids: [String]) -> String {
        let titles = ids.compactMap { catalog.flow($0)?.title }.map { "«\($0)»" }
        return titles.count > 1 ? titles.dropLast().joined(separator: ", ") + " o " + titles[titles.count - 1] : titles.joined()
    }
}
