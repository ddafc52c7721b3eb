import CivilTime

/// One occurrence of an encuentro: the single date of a one-time meeting, or one date of a
/// series. Each keeps its own acta (who led it, who attended, notes, agreements taken).
public struct Occurrence: Hashable, Sendable, Codable {
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        /// Held, with its acta recorded.
        case realizada
        /// Called off.
        case suspendida
        /// Nothing recorded yet (coming, or its acta is missing).
        case pendiente
    }

    /// The occurrence's date in the series (its key, even if it was moved to another day).
    public var date: LocalDate
    /// When it starts; differs from the series' time when this one was moved.
    public var start: LocalDateTime
    /// Who led it (conduce), if recorded.
    public var ledBy: String?
    public var attendees: [String]
    /// Who was expected and did not come («faltó el director»), when the acta says so.
    public var absentees: [String] = []
    /// Where this date alone is held («la de marzo la hacemos en la biblioteca»), when it is
    /// not the meeting's place; nil: the meeting's.
    public var place: String?
    /// The acta's notes.
    public var notes: String?
    /// Agreement ids taken in it ("A-12").
    public var agreements: [String]
    public var status: Status
    /// Who recorded its acta or attendance (the session's user name); nil in files from before.
    public var registeredBy: String? = nil

    public init(date: LocalDate, start: LocalDateTime, ledBy: String? = nil, attendees: [String] = [], notes: String? = nil,
                agreements: [String] = [], status: Status = .pendiente) {
        self.date = date
        self.start = start
        self.ledBy = ledBy
        self.attendees = attendees
        self.notes = notes
        self.agreements = agreements
        self.status = status
    }

    private enum CodingKeys: String, CodingKey { case date, start, ledBy, attendees, absentees, place, notes, agreements, status, registeredBy }

    /// Values encoded before `absentees` (or `place`) existed decode with none.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(date: try c.decode(LocalDate.self, forKey: .date), start: try c.decode(LocalDateTime.self, forKey: .start),
                  ledBy: try c.decodeIfPresent(String.self, forKey: .ledBy), attendees: try c.decode([String].self, forKey: .attendees),
                  notes: try c.decodeIfPresent(String.self, forKey: .notes), agreements: try c.decode([String].self, forKey: .agreements),
                  status: try c.decode(Status.self, forKey: .status))
        absentees = try c.decodeIfPresent([String].self, forKey: .absentees) ?? []
        place = try c.decodeIfPresent(String.self, forKey: .place)
        registeredBy = try c.decodeIfPresent(String.self, forKey: .registeredBy)
    }

    /// Whether its acta was recorded.
    public var hasActa: Bool { status == .realizada }
}
