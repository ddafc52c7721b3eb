import CivilTime
import Understanding

extension DialogEngine {
    /// Starts `flowID` with some values already known. `echo` lists what was understood, said
    /// before the first question.
    public func start(_ flowID: String, values: [String: SlotValue], echo: [String] = [],
                      state: inout DialogState, context: EngineContext) -> Turn {
        guard let flow = catalog.flow(flowID) else { return Turn(effects: [], expects: nil) }
        var out: [Effect] = []
        begin(flow, remainder: nil, given: values, echo: echo, state: &state, context: context, out: &out)
        return Turn(effects: out, expects: expectation(state))
    }

    /// A message at the menu that some flow's extension claims as its own request.
    func claimed(_ message: Utterance, state: inout DialogState, context: EngineContext, out: inout [Effect]) -> Bool {
        guard !context.extensions.byFlow.isEmpty else { return false }
        let matches = catalog.match(message.phrase)
        for flow in catalog.flows {
            guard let ext = context.extensions[flow.id], let claim = ext.claim(message, flow: flow, matches: matches, context: context) else { continue }
            begin(flow, remainder: nil, request: claim.values.isEmpty ? nil : message.clean, given: claim.values, echo: claim.echo,
                  state: &state, context: context, out: &out)
            return true
        }
        return false
    }

    /// An answer read by the flow's extension (or the readings every flow gets): its values are
    /// checked and stored, and the flow moves on; or the question is asked again with a reason.
    func interpreted(_ message: Utterance, run: FlowRun, flow: FlowDefinition, state: inout DialogState,
                     context: EngineContext, out: inout [Effect]) -> Bool {
        guard run.check == nil, case .asking(let name) = run.phase, let slot = flow.slot(named: name) else { return false }
        let ext = context.extensions[flow.id]
        guard let reading = ext?.interpret(message, slot: slot, run: run, context: context)
            ?? context.extensions.shared?.interpret(message, slot: slot, run: run, context: context) else { return false }
        switch reading {
        case .reask(let why):
            out.append(.say(why))
            ask(run, flow: flow, context: context, out: &out)
        case .fill(let values, let remark, let partials):
            var r = run
            var remarks: [String] = []
            for name in values.keys.sorted() {
                guard let value = values[name] else { continue }
                let verdict = flow.slot(named: name).flatMap { s in ext?.validate(value, slot: s, run: r, context: context) } ?? .accept
                remarks += verdict.remarks
                set(verdict.kept(value), for: name, in: &r)
                for (k, v) in verdict.others { set(v, for: k, in: &r) }
            }
            if !partials.isEmpty { r.partials = (r.partials ?? [:]).merging(partials) { $1 } }
            state.current = r
            if let remark { out.append(.say(remark)) }
            out += remarks.map(Effect.say)
            advance(state: &state, flow: flow, context: context, out: &out)
        }
        return true
    }
}
