import CivilTime

/// A school network: an RME, a microcentro rural, a territorial network or another kind.
public struct Network: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case rme, microcentro, territorial, otra

        /// How a person says it.
        public var label: String {
            switch self {
            case .rme: "Red de Mejoramiento Escolar"
            case .microcentro: "microcentro rural"
            case .territorial: "red territorial"
            case .otra: "otra red"
            }
        }
    }

    public var id: String
    public var name: String
    public var kind: Kind
    public var territory: String?
    public var region: String?
    public var sostenedor: String?
    public var created: LocalDate?
    /// Targets the network set for the diagnosis indicators (keys of `Diagnosis.indicatorKeys`,
    /// fractions 0…1 or counts, as the indicator is computed).
    public var indicatorTargets: [String: Double]

    public init(id: String, name: String, kind: Kind, territory: String? = nil, region: String? = nil,
                sostenedor: String? = nil, created: LocalDate? = nil, indicatorTargets: [String: Double] = [:]) {
        self.id = id
        self.name = name
        self.kind = kind
        self.territory = territory
        self.region = region
        self.sostenedor = sostenedor
        self.created = created
        self.indicatorTargets = indicatorTargets
    }
}

extension Network {
    /// ", región de Los Ríos", ", Región Metropolitana" (nobody says "región de Metropolitana").
    public var regionClause: String {
        guard let r = region else { return "" }
        return r == "Metropolitana" ? ", Región Metropolitana" : ", región de \(r)"
    }
}
