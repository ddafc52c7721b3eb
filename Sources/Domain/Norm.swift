import CivilTime

/// A norm of how the network works together (normas de funcionamiento): proposed, agreed by
/// some members on a date, or later repealed.
public struct Norm: Hashable, Sendable, Codable {
    public enum State: String, Hashable, Sendable, Codable, CaseIterable {
        case propuesta, acordada, derogada

        public var label: String { rawValue }
    }

    /// "N-1".
    public var id: String
    public var text: String
    /// When it reached its current state (proposed, agreed or repealed).
    public var date: LocalDate?
    /// Who agreed it (member names).
    public var agreedBy: [String]
    public var state: State
    /// Why it was repealed («nadie la cumplía»), when it was said.
    public var reason: String?
    /// Who registered it (the session's user name at save time); nil in files from before.
    public var registeredBy: String? = nil

    public init(id: String, text: String, date: LocalDate?, agreedBy: [String] = [], state: State = .propuesta, reason: String? = nil) {
        self.id = id
        self.text = text
        self.date = date
        self.agreedBy = agreedBy
        self.state = state
        self.reason = reason
    }

    public var number: Int? { RecordNumber.of(id) }
}
