import DialogEngine

extension EngineContext {
    /// The known people with the speaker last when not among them, each name once (a match among
    /// them is ambiguous otherwise). Nearly always the speaker is already there: the same array,
    /// not a copy, so the matcher finds its index of that list without comparing the names.
    var membersWithSpeaker: [String] {
        guard let me = userName, !members.contains(me) else { return members }
        return members + [me]
    }
}
