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

    public init(id: String, date: LocalDate?, author: String? = nil, level: Level, scores: [String: Double],
                indicators: [String: Double], reasons: [String] = [], comments: [String] = []) {
        self.id = id
        self.date = date
        self.author = author
        self.level = level
        self.scores = scores
        self.indicators = indicators
        self.reasons = reasons
        self.comments = comments
    }

    private enum CodingKeys: String, CodingKey { case id, date, author, level, scores, indicators, reasons, comments }

    /// Values encoded before `comments` existed decode with none.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(String.self, forKey: .id), date: try c.decodeIfPresent(LocalDate.self, forKey: .date),
                  author: try c.decodeIfPresent(String.self, forKey: .author), level: try c.decode(Level.self, forKey: .level),
                  scores: try c.decode([String: Double].self, forKey: .scores), indicators: try c.decode([String: Double].self, forKey: .indicators),
                  reasons: try c.decode([String].self, forKey: .reasons),
                  comments: try c.decodeIfPresent([String].self, forKey: .comments) ?? [])
    }

    public var number: Int? { RecordNumber.of(id) }

    /// Indicator keys in the order they are shown and exported.
    public static let indicatorKeys = [
        "encuentros_realizados", "asistencia_promedio", "acuerdos_cumplidos_a_tiempo", "reflexiones_registradas",
        "miembros_que_lideraron", "cobertura_apropiacion",
    ]
}
