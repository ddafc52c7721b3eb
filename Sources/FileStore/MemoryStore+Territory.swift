import Domain

/// The in-memory twins of `FileStore+Territory`.
extension MemoryStore {
    public func addOrganization(_ draft: Organization, network: String, key: SaveKey?) throws -> Organization {
        try add(draft, \.organizations, "O", network: network, key: key)
    }
    public func updateOrganization(_ organization: Organization, network: String) throws {
        try replace(organization, \.organizations, "la organización", network: network)
    }
    public func addNorm(_ draft: Norm, network: String, key: SaveKey?) throws -> Norm { try add(draft, \.norms, "N", network: network, key: key) }
    public func updateNorm(_ norm: Norm, network: String) throws { try replace(norm, \.norms, "la norma", network: network) }
    public func updateDecision(_ decision: Decision, network: String) throws {
        try replace(decision, \.decisions, "la decisión", network: network)
    }
    public func addDecision(_ draft: Decision, network: String, key: SaveKey?) throws -> Decision {
        try add(draft, \.decisions, "DC", network: network, key: key)
    }
    public func addPractice(_ draft: Practice, network: String, key: SaveKey?) throws -> Practice {
        try add(draft, \.practices, "P", network: network, key: key)
    }
    public func addResult(_ draft: LearningResult, network: String, key: SaveKey?) throws -> LearningResult {
        try add(draft, \.results, "L", network: network, key: key)
    }
    public func updateResult(_ result: LearningResult, network: String) throws {
        try replace(result, \.results, "el resultado", network: network)
    }
    public func saveIndicatorTargets(_ targets: [String: Double], network: String) throws {
        try mutate(network) { $0.network.indicatorTargets = targets }
    }
    public func updatePractice(_ practice: Practice, network: String) throws {
        try replace(practice, \.practices, "la práctica", network: network)
    }
}
