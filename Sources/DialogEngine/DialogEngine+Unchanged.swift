extension DialogEngine {
    /// A change to a value the record already has, with nothing else to change (`Verdict.unchanged`):
    /// there is nothing to save, and asking for «the new value» would take the person's next,
    /// unrelated line as one. The run ends unsaved (`pushed`: it is on the stack already), the
    /// flow's reason is said, and the conversation goes back to what was underneath.
    func endUnchanged(_ verdict: Verdict, pushed: Bool, state: inout DialogState, context: EngineContext, out: inout [Effect]) {
        if pushed { state.stack.removeLast() }
        if state.stack.isEmpty { state.queued = nil; state.following = nil }
        out += verdict.remarks.map(Effect.say)
        if !resumeOuter(state: state, context: context, out: &out) { remindPaused(state, out: &out) }
    }
}
