import CivilTime

/// The network's propósito común: a statement, 1–5 objectives, who agreed and when; each
/// member's own reading of it (apropiación); and the earlier versions (historial).
public struct Purpose: Hashable, Sendable, Codable {
    /// One member's appropriation: what the purpose means for their school, and their commitment.
    public struct Appropriation: Hashable, Sendable, Codable {
        public var member: String
        public var text: String
        public var commitment: String?
        public var date: LocalDate?

        public init(member: String, text: String, commitment: String? = nil, date: LocalDate? = nil) {
            self.member = member
            self.text = text
            self.commitment = commitment
            self.date = date
        }
    }

    /// An earlier version, kept when the purpose is edited.
    public struct Version: Hashable, Sendable, Codable {
        public var date: LocalDate?
        public var statement: String
        public var objectives: [String]

        public init(date: LocalDate?, statement: String, objectives: [String]) {
            self.date = date
            self.statement = statement
            self.objectives = objectives
        }
    }

    public var statement: String
    public var objectives: [String]
    public var date: LocalDate?
    public var participants: [String]
    public var appropriations: [Appropriation]
    public var history: [Version]
    /// Metas and checks per objective (seguimiento de objetivos y metas); only objectives the
    /// network has tracked appear.
    public var details: [ObjectiveDetail]

    public init(statement: String, objectives: [String] = [], date: LocalDate? = nil, participants: [String] = [],
                appropriations: [Appropriation] = [], history: [Version] = [], details: [ObjectiveDetail] = []) {
        self.statement = statement
        self.objectives = objectives
        self.date = date
        self.participants = participants
        self.appropriations = appropriations
        self.history = history
        self.details = details
    }
}
