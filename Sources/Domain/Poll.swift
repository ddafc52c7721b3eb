import CivilTime

/// An availability poll (sondeo): 2–4 candidate slots, each member's answers, and the slot
/// the facilitator chose (which becomes a meeting).
public struct Poll: Hashable, Sendable, Codable {
    public struct Answer: Hashable, Sendable, Codable {
        public var member: String
        public var canAttend: [LocalDateTime]

        public init(member: String, canAttend: [LocalDateTime]) {
            self.member = member
            self.canAttend = canAttend
        }
    }

    /// "S-1".
    public var id: String
    public var title: String
    public var options: [LocalDateTime]
    public var durationMinutes: Int
    public var answers: [Answer]
    public var chosen: LocalDateTime?
    public var meeting: String?
    public var createdBy: String?
    /// Set when the record was deleted by mistake: when, by whom and why. The file keeps it
    /// (and its history); lists, answers and exports leave it out (`NetworkSnapshot.live`).
    public var deleted: String?
    /// Set when it was closed without choosing any option («ninguna sirve», «no hubo acuerdo»):
    /// when, by whom and why. No meeting comes of it, and it is no longer open.
    public var closedWithoutDate: String?

    public init(id: String, title: String, options: [LocalDateTime], durationMinutes: Int = 90, answers: [Answer] = [],
                chosen: LocalDateTime? = nil, meeting: String? = nil, createdBy: String? = nil) {
        self.id = id
        self.title = title
        self.options = options
        self.durationMinutes = durationMinutes
        self.answers = answers
        self.chosen = chosen
        self.meeting = meeting
        self.createdBy = createdBy
    }

    public var number: Int? { RecordNumber.of(id) }
    public var isOpen: Bool { chosen == nil && closedWithoutDate == nil }

    /// «abierto», «cerrado» (on an option) or «cerrado_sin_fecha», as the export says it.
    public var state: String { chosen != nil ? "cerrado" : closedWithoutDate != nil ? "cerrado_sin_fecha" : "abierto" }

    /// How many members can attend each option, in option order.
    public var tally: [(LocalDateTime, Int)] {
        options.map { o in (o, answers.filter { $0.canAttend.contains(o) }.count) }
    }

    /// The option most can attend (the earliest on a tie).
    public var best: LocalDateTime? {
        tally.max { a, b in a.1 < b.1 || (a.1 == b.1 && a.0 > b.0) }?.0
    }
}

extension Poll {
    /// Who has not answered yet, of `members` (names, in their order): the one place every summary
    /// reads it from (the status answer, «¿qué falta?» and the close told different people). The
    /// poll's creator proposed the options and is not waited for.
    public func waiting(among members: [String]) -> [String] {
        let answered = Set(answers.map { $0.member.lowercased() })
        let creator = createdBy?.lowercased()
        return members.filter { let k = $0.lowercased(); return !answered.contains(k) && k != creator }
    }
}
