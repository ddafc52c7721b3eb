import CivilTime

/// What the network tracks for one objective of its purpose: measurable metas and the checks
/// made over time («¿cómo vamos con los objetivos?»). Kept with the purpose, by the objective's
/// words, so rewording an objective elsewhere leaves its history readable.
public struct ObjectiveDetail: Hashable, Sendable, Codable {
    /// A measurable target: what is measured, where it started, where it should get, by when.
    public struct Goal: Hashable, Sendable, Codable {
        public var indicator: String
        public var baseline: String?
        public var target: String?
        public var date: LocalDate?

        public init(indicator: String, baseline: String? = nil, target: String? = nil, date: LocalDate? = nil) {
            self.indicator = indicator
            self.baseline = baseline
            self.target = target
            self.date = date
        }
    }

    public enum Progress: String, Hashable, Sendable, Codable, CaseIterable {
        case logrado, enCamino = "en_camino", sinAvance = "sin_avance"

        public var label: String {
            switch self {
            case .logrado: "logrado"
            case .enCamino: "en camino"
            case .sinAvance: "sin avance"
            }
        }
    }

    /// One look at the objective: what was done, its evidence, how far it got.
    public struct Check: Hashable, Sendable, Codable {
        public var date: LocalDate?
        public var progress: Progress
        public var value: String?
        public var evidence: String?
        public var note: String?

        public init(date: LocalDate?, progress: Progress, value: String? = nil, evidence: String? = nil, note: String? = nil) {
            self.date = date
            self.progress = progress
            self.value = value
            self.evidence = evidence
            self.note = note
        }
    }

    public var objective: String
    public var goals: [Goal]
    public var checks: [Check]

    public init(objective: String, goals: [Goal] = [], checks: [Check] = []) {
        self.objective = objective
        self.goals = goals
        self.checks = checks
    }
}

extension Purpose {
    /// The detail kept for `objective`, or an empty one.
    public func detail(for objective: String) -> ObjectiveDetail {
        details.first { $0.objective == objective } ?? ObjectiveDetail(objective: objective)
    }

    /// Replaces (or adds) the detail of its objective.
    public mutating func setDetail(_ d: ObjectiveDetail) {
        if let i = details.firstIndex(where: { $0.objective == d.objective }) { details[i] = d } else { details.append(d) }
    }
}
