import DialogEngine

/// What Minga answers to one turn: the messages, and what it waits for next. The same value
/// is printed by the terminal and encoded by the socket (protocol v1).
public struct Reply: Hashable, Sendable {
    public var messages: [String]
    public var expects: Expectation?

    public init(messages: [String], expects: Expectation?) {
        self.messages = messages
        self.expects = expects
    }

    /// Valid short answers (protocol v1 `choices`).
    public var choices: [String] { expects?.choices ?? [] }

    /// Plain-text lines for a terminal or a pipe: the messages, then the choices numbered when
    /// the user must pick one (yes/no questions need no numbers).
    public var plainLines: [String] {
        var lines = messages.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        if let e = expects, e.type == .choice, !e.choices.isEmpty {
            lines += e.choices.enumerated().map { "  \($0.offset + 1). \($0.element)" }
        }
        return lines
    }
}
