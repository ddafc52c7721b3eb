import CivilTime
import Understanding

/// Small additive entry points for the Assistant's per-flow hooks (values that depend on the
/// store: an agreement's number, a poll's options…). They reuse the engine's own asking and
/// advancing, so the conversation keeps one voice.
extension DialogEngine {
    /// Starts `flowID` with some values already known (e.g. "el acuerdo 3 está cumplido").
    /// `echo` lists what was understood, said before the first question.
    public func start(_ flowID: String, values: [String: SlotValue], echo: [String] = [],
                      state: inout DialogState, context: EngineContext) -> Turn {
        guard let flow = catalog.flow(flowID) else { return Turn(effects: [], expects: nil) }
        var out: [Effect] = []
        if let intro = flow.intro { out.append(.say(intro)) }
        if !echo.isEmpty { out.append(.say("Anoté: " + echo.joined(separator: "; ") + ".")) }
        var run = FlowRun(flowID: flow.id, phase: .confirming)
        run.started = context.turn
        for slot in flow.slots { if let v = values[slot.name] { run.values[slot.name] = v; run.answered.append(slot.name) } }
        state.stack.append(run)
        advance(state: &state, flow: flow, context: context, out: &out)
        return Turn(effects: out, expects: expectation(state))
    }

    /// What the engine says to ask the current question (to replace it after a hook changed values).
    public func questionEffects(_ state: DialogState, context: EngineContext) -> [Effect] {
        guard let run = state.current, let flow = catalog.flow(run.flowID) else { return [] }
        var out: [Effect] = []
        reprompt(run, flow: flow, context: context, out: &out)
        return out
    }

    /// Moves the current flow on after a hook changed its values: the next question, or the
    /// confirmation, or the save when the flow confirms nothing.
    public func proceed(state: inout DialogState, context: EngineContext) -> Turn {
        guard let run = state.current, let flow = catalog.flow(run.flowID) else { return Turn(effects: [], expects: nil) }
        var out: [Effect] = []
        var r = run
        r.returnToConfirm = false
        state.current = r
        advance(state: &state, flow: flow, context: context, out: &out)
        return Turn(effects: out, expects: expectation(state))
    }

    /// Ends the current flow without saving, saying `message` (a flow that cannot go on, e.g.
    /// an appropriation before the network wrote its purpose).
    public func abandon(_ message: String, state: inout DialogState) -> Turn {
        if !state.stack.isEmpty { state.stack.removeLast() }
        return Turn(effects: [.say(message)], expects: expectation(state))
    }
}
