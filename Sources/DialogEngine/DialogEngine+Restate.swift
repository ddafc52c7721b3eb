import Understanding

/// «agenda la reunión de cierre el viernes 11 a las 11, dura 2 horas» at «¿Seguro que quieres
/// cancelar «Agendar un encuentro»?»: the same request said again in full. The flow starts over
/// from the new words, and what the old draft had that they do not say (a place) is kept and
/// said so (issue 12, qa25: the old draft's place was lost after «Se perderá lo que llevamos»).
extension DialogEngine {
    func restate(_ text: String, state: inout DialogState, context: EngineContext, out: inout [Effect]) {
        guard let old = state.current, let flow = catalog.flow(old.flowID) else { return }
        state.stack.removeLast()
        state.queued = nil
        state.following = nil
        let said = Utterance(text)
        let command = understand(said, state: state, context: context)
        // First as if nothing were kept: what the new words give.
        var fresh = state
        var freshOut: [Effect] = []
        execute(command, message: said, state: &fresh, context: context, out: &freshOut)
        if old.batch == nil, fresh.stack.count == state.stack.count + 1, let new = fresh.current, new.flowID == old.flowID, new.batch == nil,
           case .startFlow(let id, let request, let values, let echo, let used, let then) = command, id == old.flowID {
            // Only the values the person gave (answered), never a flow's own defaults. New words
            // that tell of another record («luis consigue el bus» after «la sofia manda el acta»)
            // are no restatement: nothing of the old draft goes into it.
            var kept = anotherRecord(old: old, said: new.values, flow: flow) ? [] : flow.slots.filter { slot in
                old.answered.contains(slot.name) && new.values[slot.name] == nil && old.values[slot.name] != nil
            }
            // A value asked only under another's value («avance» of a follow-up «en proceso») goes
            // when the new words change that value («el acuerdo 1 se cumplió, …»): the cancelled
            // draft's advance was shown and stored beside «Cumplido» (issue 12, qa34).
            if kept.contains(where: { $0.condition != nil }) {
                var merged = new
                for slot in kept { merged.values[slot.name] = old.values[slot.name] }
                kept.removeAll { !conditionHolds($0, run: merged) }
            }
            if !kept.isEmpty {
                var given = values
                for slot in kept { given[slot.name] = old.values[slot.name] }
                let shown = kept.map { slot in
                    "\(slot.label): \(old.values[slot.name]!.display(today: context.today, choices: slot.choices))"
                }
                out.append(.say("Bien, parto de nuevo con lo que me dices y mantengo lo que ya tenía: \(shown.joined(separator: "; "))."))
                // As `.startFlow` begins it, with the kept values given.
                let depth = state.stack.count
                if let request, used?.isEmpty == true || !values.isEmpty {
                    begin(flow, remainder: used?.isEmpty == true ? request : nil, request: request, given: given, echo: echo,
                          state: &state, context: context, out: &out)
                } else if let request {
                    let phrase = Phrase(request)
                    let used = used ?? catalog.match(phrase).first(where: { $0.flow == flow.id })?.usedTokens ?? []
                    begin(flow, remainder: remainder(of: request, phrase: phrase, used: used, members: context.members), request: request,
                          given: given, state: &state, context: context, out: &out)
                } else {
                    begin(flow, remainder: nil, request: nil, given: given, echo: echo, state: &state, context: context, out: &out)
                }
                if !then.isEmpty, state.stack.count > depth { state.following = then }
                return
            }
        }
        out.append(.say("Listo, cancelé \(flowNoun(flow)). No guardé nada."))
        state = fresh
        out += freshOut
    }

    /// Whether `said` tells of another record than the draft `old`: a text the person gave in the
    /// draft that the new words say with fewer than half of its content words («luis consigue el
    /// bus» after «la sofia manda el acta»). The same record said again keeps most of them («… el
    /// primer miércoles de cada mes» after «… el primer jueves de cada mes»).
    /// `reads`: words taken as the text when no value says it (the whole message, before it is read).
    func anotherRecord(old: FlowRun, said: SlotValues, reads: String? = nil, flow: FlowDefinition) -> Bool {
        flow.slots.contains { slot in
            guard slot.type == .text || slot.type == .longtext, old.answered.contains(slot.name),
                  let was = old.values[slot.name]?.textValue, let now = said[slot.name]?.textValue ?? reads else { return false }
            let before = Set(Phrase(was).stems)
            guard !before.isEmpty else { return false }
            return before.intersection(Phrase(now).stems).count * 2 < before.count
        }
    }
}
