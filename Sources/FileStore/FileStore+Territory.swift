import Domain
import Foundation

/// The network's ties and governance: organizaciones/O-n.md, normas/N-n.md,
/// decisiones/DC-n.md, institucionalizacion/P-n.md.
extension FileStore {
    static var organizations: Kind<Organization> {
        Kind(folder: "organizaciones", prefix: "O", encode: RecordCodec.encode, decode: RecordCodec.decodeOrganization, id: \.id,
             setID: { $0.id = $1 }, records: \.organizations, ordered: { (RecordNumber.of($0.id) ?? 0) < (RecordNumber.of($1.id) ?? 0) })
    }
    static var norms: Kind<Norm> {
        Kind(folder: "normas", prefix: "N", encode: RecordCodec.encode, decode: RecordCodec.decodeNorm, id: \.id,
             setID: { $0.id = $1 }, records: \.norms, ordered: { (RecordNumber.of($0.id) ?? 0) < (RecordNumber.of($1.id) ?? 0) })
    }
    static var decisions: Kind<Decision> {
        Kind(folder: "decisiones", prefix: "DC", encode: RecordCodec.encode, decode: RecordCodec.decodeDecision, id: \.id,
             setID: { $0.id = $1 }, records: \.decisions, ordered: { (RecordNumber.of($0.id) ?? 0) < (RecordNumber.of($1.id) ?? 0) })
    }
    static var practices: Kind<Practice> {
        Kind(folder: "institucionalizacion", prefix: "P", encode: RecordCodec.encode, decode: RecordCodec.decodePractice, id: \.id,
             setID: { $0.id = $1 }, records: \.practices, ordered: { (RecordNumber.of($0.id) ?? 0) < (RecordNumber.of($1.id) ?? 0) })
    }

    static var results: Kind<LearningResult> {
        Kind(folder: "resultados", prefix: "L", encode: RecordCodec.encode, decode: RecordCodec.decodeResult, id: \.id,
             setID: { $0.id = $1 }, records: \.results, ordered: { (RecordNumber.of($0.id) ?? 0) < (RecordNumber.of($1.id) ?? 0) })
    }

    public func addOrganization(_ draft: Organization, network: String, key: SaveKey?) throws -> Organization {
        try add(draft, kind: Self.organizations, network: network, key: key)
    }
    public func updateOrganization(_ organization: Organization, network: String) throws {
        try update(organization, kind: Self.organizations, network: network)
    }
    public func addNorm(_ draft: Norm, network: String, key: SaveKey?) throws -> Norm {
        try add(draft, kind: Self.norms, network: network, key: key)
    }
    public func updateNorm(_ norm: Norm, network: String) throws { try update(norm, kind: Self.norms, network: network) }
    public func updateDecision(_ decision: Decision, network: String) throws { try update(decision, kind: Self.decisions, network: network) }
    public func addDecision(_ draft: Decision, network: String, key: SaveKey?) throws -> Decision {
        try add(draft, kind: Self.decisions, network: network, key: key)
    }
    public func addPractice(_ draft: Practice, network: String, key: SaveKey?) throws -> Practice {
        try add(draft, kind: Self.practices, network: network, key: key)
    }
    public func addResult(_ draft: LearningResult, network: String, key: SaveKey?) throws -> LearningResult {
        try add(draft, kind: Self.results, network: network, key: key)
    }
    public func updateResult(_ result: LearningResult, network: String) throws { try update(result, kind: Self.results, network: network) }
    public func saveIndicatorTargets(_ targets: [String: Double], network: String) throws {
        try lock.withLock {
            let url = networkDir(network).appendingPathComponent("red.md", isDirectory: false)
            let node = try readFrontMatter(url)
            var n = try RecordCodec.decodeNetwork(node, path: relative(url))
            let purpose = try RecordCodec.decodePurpose(node, path: relative(url))
            n.indicatorTargets = targets
            try write(RecordCodec.encode(n, purpose: purpose), to: url, network: network, values: [n])
        }
    }
    public func updatePractice(_ practice: Practice, network: String) throws { try update(practice, kind: Self.practices, network: network) }
}
