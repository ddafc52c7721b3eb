import CivilTime
import Understanding

extension DialogEngine {
    /// Starts `flowID` with some values already known. `echo` lists what was understood, said
    /// before the first question.
    public func start(_ flowID: String, values: SlotValues, echo: [String] = [],
                      state: inout DialogState, context: EngineContext) -> Turn {
        guard let flow = catalog.flow(flowID) else { return Turn(effects: [], expects: nil) }
        var out: [Effect] = []
        begin(flow, remainder: nil, given: values, echo: echo, state: &state, context: context, out: &out)
        return Turn(effects: out, expects: expectation(state, context: context))
    }
}
