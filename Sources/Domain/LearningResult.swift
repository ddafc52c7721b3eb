import CivilTime

/// A learning result the network follows (resultados/L-n.md): a SIMCE figure for the network or
/// a school's own assessment. `school` nil means the whole network.
public struct LearningResult: Hashable, Sendable, Codable {
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
