import CivilTime

/// A diagnosis of the network: Likert 1–4 scores per dimension, indicators computed from the
/// store, and the resulting level on the maturity ladder.
public struct Diagnosis: Hashable, Sendable, Codable {
    public enum Level: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
        case intercambio, coordinacion, colaboracion, comunidadDePractica = "comunidad_de_practica"

        public var label: String {
            switch self {
            case .intercambio: "intercambio"
            case .coordinacion: "coordinación"
            case .colaboracion: "colaboración"
            case .comunidadDePractica: "comunidad de práctica"
            }
        }

        public var rank: Int { Self.allCases.firstIndex(of: self)! }
        public static func < (a: Level, b: Level) -> Bool { a.rank < b.rank }
    }

    /// The Likert dimensions, in order, with how a person says them.
    public static let dimensions: [(key: String, label: String)] = [
        ("confianza", "confianza"), ("proposito_compartido", "propósito compartido"), ("colaboracion", "colaboración"),
        ("gestion_conocimiento", "gestión del conocimiento"), ("liderazgo_distribuido", "liderazgo distribuido"),
        ("vinculo_territorio", "vínculo con el territorio"),
    ]

    /// "D-1".
    public var id: String
    public var date: LocalDate?
    public var author: String?
    public var level: Level
    /// Likert averages by dimension key, in `dimensions` order.
    public var scores: [String: Double]
    /// Indicators by key (fractions 0…1 or counts).
    public var indicators: [String: Double]
    public var reasons: [String]
    /// What was said along with a score («Propósito compartido: les cuesta todavía»).
    public var comments: [String]
    /// The round the answers belong to: "2027-1" is the first semester of 2027. One record per
    /// round; `scores` are the means of `responses`.
    public var round: String?
    /// Each member's own answers in this round (one per member: answering again replaces).
    public var responses: [Response]
    /// Who opened the round explicitly (nil: it started with its first answer).
    public var openedBy: String?
    /// When, by whom and why it was deleted by mistake («2026-11-25T10:00:00-03:00 por Ana Pérez:
    /// …»): the file stays, out of answers and exports, and can be restored. nil: in force.
    public var deleted: String?

    /// One member's answers in a round.
    public struct Response: Hashable, Sendable, Codable {
        public var member: String?
        public var date: LocalDate?
        public var scores: [String: Double]
        public var comments: [String]

        public init(member: String?, date: LocalDate?, scores: [String: Double], comments: [String] = []) {
            self.member = member
            self.date = date
            self.scores = scores
            self.comments = comments
        }
    }

    public init(id: String, date: LocalDate?, author: String? = nil, level: Level, scores: [String: Double],
                indicators: [String: Double], reasons: [String] = [], comments: [String] = [],
                round: String? = nil, responses: [Response] = [], openedBy: String? = nil) {
        self.id = id
        self.date = date
        self.author = author
        self.level = level
        self.scores = scores
        self.indicators = indicators
        self.reasons = reasons
        self.comments = comments
        self.round = round
        self.responses = responses
        self.openedBy = openedBy
        // Every diagnosis is a round: one made the old way (scores for the whole network) is
        // the round of its semester with one response, the same in memory as read from a file.
        self = migrated()
    }

    private enum CodingKeys: String, CodingKey { case id, date, author, level, scores, indicators, reasons, comments, round, responses, openedBy }

    /// Values encoded before `comments` or rounds existed decode with none, then migrate.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(String.self, forKey: .id), date: try c.decodeIfPresent(LocalDate.self, forKey: .date),
                  author: try c.decodeIfPresent(String.self, forKey: .author), level: try c.decode(Level.self, forKey: .level),
                  scores: try c.decode([String: Double].self, forKey: .scores), indicators: try c.decode([String: Double].self, forKey: .indicators),
                  reasons: try c.decode([String].self, forKey: .reasons),
                  comments: try c.decodeIfPresent([String].self, forKey: .comments) ?? [],
                  round: try c.decodeIfPresent(String.self, forKey: .round),
                  responses: try c.decodeIfPresent([Response].self, forKey: .responses) ?? [],
                  openedBy: try c.decodeIfPresent(String.self, forKey: .openedBy))
    }

    /// A diagnosis written before rounds (one person answered for the whole network) read as a
    /// round with that one response, so old files keep loading and comparing.
    public func migrated() -> Diagnosis {
        var d = self
        if d.round == nil, let date { d.round = Self.round(of: date) }
        if d.responses.isEmpty, !d.scores.isEmpty {
            d.responses = [Response(member: author, date: date, scores: scores, comments: comments)]
        }
        return d
    }

    /// The semester round a date falls in: "2027-1" (January–June) or "2027-2".
    public static func round(of date: LocalDate) -> String { "\(date.year)-\(date.month <= 6 ? 1 : 2)" }

    /// Replaces `member`'s earlier answer or adds it; true when it replaced one.
    @discardableResult
    public mutating func record(_ response: Response) -> Bool {
        let key = response.member.map { Slug.make($0) }
        if let i = responses.firstIndex(where: { $0.member.map { Slug.make($0) } == key && key != nil }) {
            responses[i] = response
            return true
        }
        responses.append(response)
        return false
    }

    /// The spread of one dimension across the round's responses: mean, lowest, highest.
    public func spread(_ key: String) -> (mean: Double, min: Double, max: Double, count: Int)? {
        let values = responses.compactMap { $0.scores[key] }
        guard let lo = values.min(), let hi = values.max() else { return nil }
        return (values.reduce(0, +) / Double(values.count), lo, hi, values.count)
    }

    /// The means of the responses by dimension: the round's `scores`.
    public var meanScores: [String: Double] {
        var out: [String: Double] = [:]
        for key in Set(responses.flatMap(\.scores.keys)) { if let s = spread(key) { out[key] = s.mean } }
        return out
    }

    public var number: Int? { RecordNumber.of(id) }

    /// Indicator keys in the order they are shown and exported.
    public static let indicatorKeys = [
        "encuentros_realizados", "asistencia_promedio", "acuerdos_cumplidos_a_tiempo", "reflexiones_registradas",
        "miembros_que_lideraron", "cobertura_apropiacion",
        "acuerdos_conjuntos",
    ]
}

extension NetworkSnapshot {
    /// Rounds with at least one answer: a round just opened has no level to show yet.
    public var answeredDiagnoses: [Diagnosis] { diagnoses.filter { !$0.responses.isEmpty } }
}
