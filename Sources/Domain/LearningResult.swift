import CivilTime

/// A learning result the network follows (resultados/L-n.md): a SIMCE figure for the network or
/// a school's own assessment. `school` nil means the whole network.
public struct LearningResult: Hashable, Sendable, Codable {
    /// One correction: when, which field, what it said before, and who made it. The file keeps
    /// them so a figure corrected by mistake can be traced back (as an agreement's history).
    public struct Change: Hashable, Sendable, Codable {
        /// RFC 3339 with the zone's offset, as written.
        public var at: String
        /// The field's store key («valor», «medicion»…).
        public var field: String
        public var before: String?
        public var note: String?

        public init(at: String, field: String, before: String?, note: String? = nil) {
            self.at = at
            self.field = field
            self.before = before
            self.note = note
        }
    }

    /// "L-1".
    public var id: String
    public var date: LocalDate?
    /// Which assessment: «SIMCE 2026», «prueba de velocidad lectora de marzo».
    public var measure: String
    public var subject: String?
    public var level: String?
    public var school: String?
    /// As said: «58% en nivel adecuado», «70% lee fluido».
    public var value: String
    /// The purpose objective it speaks to, when one matches.
    public var objective: String?
    public var source: String?
    /// Set when it was deleted (registered by mistake): when, by whom and why. The file keeps it;
    /// lists, answers and exports leave it out (`NetworkSnapshot.live`).
    public var deleted: String?
    /// Who registered it (the session's user name at save time); nil in files from before.
    public var registeredBy: String? = nil
    /// Corrections, oldest first.
    public var history: [Change] = []

    public init(id: String, date: LocalDate?, measure: String, subject: String? = nil, level: String? = nil, school: String? = nil,
                value: String, objective: String? = nil, source: String? = nil) {
        self.id = id
        self.date = date
        self.measure = measure
        self.subject = subject
        self.level = level
        self.school = school
        self.value = value
        self.objective = objective
        self.source = source
    }

    public var number: Int? { RecordNumber.of(id) }

    private enum CodingKeys: String, CodingKey { case id, date, measure, subject, level, school, value, objective, source, deleted, history, registeredBy }

    /// Values encoded before `deleted` and `history` existed (a cached index) still decode.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        date = try c.decodeIfPresent(LocalDate.self, forKey: .date)
        measure = try c.decode(String.self, forKey: .measure)
        subject = try c.decodeIfPresent(String.self, forKey: .subject)
        level = try c.decodeIfPresent(String.self, forKey: .level)
        school = try c.decodeIfPresent(String.self, forKey: .school)
        value = try c.decode(String.self, forKey: .value)
        objective = try c.decodeIfPresent(String.self, forKey: .objective)
        source = try c.decodeIfPresent(String.self, forKey: .source)
        deleted = try c.decodeIfPresent(String.self, forKey: .deleted)
        history = try c.decodeIfPresent([Change].self, forKey: .history) ?? []
        registeredBy = try c.decodeIfPresent(String.self, forKey: .registeredBy)
    }

    /// The first percentage or number in the value («58% en nivel adecuado» → 58), to compare checks.
    public var figure: Double? { Self.figure(in: value) }

    public static func figure(in text: String) -> Double? {
        var digits = ""
        for c in text {
            if c.isNumber || (c == "," || c == ".") && !digits.isEmpty { digits.append(c == "," ? "." : c) } else if !digits.isEmpty { break }
        }
        while digits.hasSuffix(".") { digits.removeLast() }
        return Double(digits)
    }
}
