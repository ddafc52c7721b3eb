import CivilTime

/// A practice the network proposes to institutionalise in the schools' PEI or PME, followed
/// until it is part of the document.
public struct Practice: Hashable, Sendable, Codable {
    public enum State: String, Hashable, Sendable, Codable, CaseIterable {
        /// `en_revision`: proposed and being looked at (by the council, the leadership team)
        /// before it is approved.
        case propuesta, enRevision = "en_revision", aprobada, incorporada

        public var label: String {
            switch self {
            case .propuesta: "propuesta"
            case .enRevision: "en revisión"
            case .aprobada: "aprobada"
            case .incorporada: "incorporada"
            }
        }
    }

    public enum Document: String, Hashable, Sendable, Codable, CaseIterable {
        case PEI, PME, otro
    }

    /// One state change: when, to which state, and what was said about it.
    public struct Change: Hashable, Sendable, Codable {
        public var date: LocalDate?
        public var state: State
        public var note: String?

        public init(date: LocalDate?, state: State, note: String? = nil) {
            self.date = date
            self.state = state
            self.note = note
        }
    }

    /// "P-1".
    public var id: String
    public var practice: String
    /// The reflection it came from ("R-4"), if any.
    public var reflection: String?
    public var state: State
    /// Where it goes; nil while nobody said.
    public var document: Document?
    public var evidence: String?
    public var history: [Change]

    public init(id: String, practice: String, reflection: String? = nil, state: State = .propuesta, document: Document? = nil,
                evidence: String? = nil, history: [Change] = []) {
        self.id = id
        self.practice = practice
        self.reflection = reflection
        self.state = state
        self.document = document
        self.evidence = evidence
        self.history = history
    }

    public var number: Int? { RecordNumber.of(id) }

    /// Proposed only by its reflection («¿proponen institucionalizarla?» — «sí»), not yet taken up
    /// as the network's own proposal («propongamos para el PME la de…»), which adds to its history.
    public var awaitsProposal: Bool {
        reflection != nil && state == .propuesta && history.count == 1 && history[0].note == Self.fromReflection
    }

    /// The note of the first change of a practice its reflection proposed (stored with it).
    public static let fromReflection = "propuesta en su reflexión"
}

extension NetworkSnapshot {
    /// Every practice proposed for the PEI or PME: those followed up, then the reflections marked
    /// to institutionalise that nobody followed up yet (as `propuesta`, without an id).
    public var institutionalPractices: [Practice] {
        let followed = Set(practices.compactMap(\.reflection))
        return practices + reflections.filter { $0.institutionalize && !followed.contains($0.id) }.map { r in
            Practice(id: "", practice: r.practice, reflection: r.id, state: .propuesta,
                     document: r.document.flatMap(Practice.Document.init(rawValue:)),
                     history: [Practice.Change(date: r.date, state: .propuesta, note: nil)])
        }
    }
}
