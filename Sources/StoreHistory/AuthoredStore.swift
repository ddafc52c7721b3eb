import Domain
import FileStore
import Foundation
import Synchronization

/// A store as seen by one save of one member: the same store, whose writes are told to the
/// history with their author. This is the explicit path from `RecordWriter` (which knows who
/// the user is) to the history: the session builds one per save, and the underlying store's
/// write API stays as it is. Reads go straight through.
public final class AuthoredStore: MingaStore {
    public let base: any MingaStore
    let recorder: any ChangeRecorder
    let note: ChangeNote
    /// Tells one save's writes from another's: they become one commit.
    let group: UInt64
    private static let groups = Atomic<UInt64>(1)

    public init(base: any MingaStore, recorder: any ChangeRecorder, note: ChangeNote) {
        self.base = base
        self.recorder = recorder
        self.note = note
        group = Self.groups.wrappingAdd(1, ordering: .relaxed).oldValue
    }

    // MARK: Writes (each one noted)

    /// Runs a write of the file at `path` (relative to the root), then tells the recorder.
    private func noted<T>(_ path: @autoclosure () -> String?, after: ((T) -> String)? = nil, _ write: () throws -> T) throws -> T {
        let known = path()
        let before = known.flatMap { FileManager.default.contents(atPath: recorder.root.appendingPathComponent($0).path) }
        let value = try write()
        if let p = after?(value) ?? known { recorder.recorded(path: p, before: before, note: note, group: group) }
        return value
    }

    private func rel(_ network: String, _ folder: String, _ id: String) -> String {
        "redes/\(network)/\(folder)/\(id).md"
    }

    public func createNetwork(_ draft: Network, key: SaveKey?) throws -> Network {
        try noted(nil, after: { "redes/\($0.id)/red.md" }) { try base.createNetwork(draft, key: key) }
    }
    public func addAgreement(_ draft: Agreement, network: String, key: SaveKey?) throws -> Agreement {
        try noted(nil, after: { self.rel(network, "acuerdos", $0.id) }) { try base.addAgreement(draft, network: network, key: key) }
    }
    public func updateAgreement(_ agreement: Agreement, network: String) throws {
        try noted(rel(network, "acuerdos", agreement.id)) { try base.updateAgreement(agreement, network: network) }
    }
    public func saveMember(_ member: Member, network: String) throws {
        let id = Slug.make(member.id.isEmpty ? member.name : member.id)
        try noted(rel(network, "miembros", id)) { try base.saveMember(member, network: network) }
    }
    public func savePurpose(_ purpose: Purpose, network: String) throws {
        try noted("redes/\(network)/red.md") { try base.savePurpose(purpose, network: network) }
    }
    public func updateNetwork(_ network: Network) throws {
        try noted("redes/\(network.id)/red.md") { try base.updateNetwork(network) }
    }
    public func addMeeting(_ draft: Meeting, network: String, key: SaveKey?) throws -> Meeting {
        try noted(nil, after: { self.rel(network, "encuentros", $0.id) }) { try base.addMeeting(draft, network: network, key: key) }
    }
    public func updateMeeting(_ meeting: Meeting, network: String) throws {
        try noted(rel(network, "encuentros", meeting.id)) { try base.updateMeeting(meeting, network: network) }
    }
    public func addPoll(_ draft: Poll, network: String, key: SaveKey?) throws -> Poll {
        try noted(nil, after: { self.rel(network, "sondeos", $0.id) }) { try base.addPoll(draft, network: network, key: key) }
    }
    public func updatePoll(_ poll: Poll, network: String) throws {
        try noted(rel(network, "sondeos", poll.id)) { try base.updatePoll(poll, network: network) }
    }
    public func addReflection(_ draft: Reflection, network: String, key: SaveKey?) throws -> Reflection {
        try noted(nil, after: { self.rel(network, "reflexiones", $0.id) }) { try base.addReflection(draft, network: network, key: key) }
    }
    public func updateReflection(_ reflection: Reflection, network: String) throws {
        try noted(rel(network, "reflexiones", reflection.id)) { try base.updateReflection(reflection, network: network) }
    }
    public func addDiagnosis(_ draft: Diagnosis, network: String, key: SaveKey?) throws -> Diagnosis {
        try noted(nil, after: { self.rel(network, "diagnosticos", $0.id) }) { try base.addDiagnosis(draft, network: network, key: key) }
    }
    public func updateDiagnosis(_ diagnosis: Diagnosis, network: String) throws {
        try noted(rel(network, "diagnosticos", diagnosis.id)) { try base.updateDiagnosis(diagnosis, network: network) }
    }

    public func modifyAgreement(id: String, network: String, _ change: (inout Agreement) throws -> Void) throws -> Agreement {
        try noted(rel(network, "acuerdos", id)) { try base.modifyAgreement(id: id, network: network, change) }
    }
    public func modifyMeeting(id: String, network: String, _ change: (inout Meeting) throws -> Void) throws -> Meeting {
        try noted(rel(network, "encuentros", id)) { try base.modifyMeeting(id: id, network: network, change) }
    }
    public func modifyPoll(id: String, network: String, _ change: (inout Poll) throws -> Void) throws -> Poll {
        try noted(rel(network, "sondeos", id)) { try base.modifyPoll(id: id, network: network, change) }
    }
    public func modifyDiagnosis(id: String, network: String, _ change: (inout Diagnosis) throws -> Void) throws -> Diagnosis {
        try noted(rel(network, "diagnosticos", id)) { try base.modifyDiagnosis(id: id, network: network, change) }
    }

    public func addOrganization(_ draft: Organization, network: String, key: SaveKey?) throws -> Organization {
        try noted(nil, after: { self.rel(network, "organizaciones", $0.id) }) { try base.addOrganization(draft, network: network, key: key) }
    }
    public func updateOrganization(_ organization: Organization, network: String) throws {
        try noted(rel(network, "organizaciones", organization.id)) { try base.updateOrganization(organization, network: network) }
    }
    public func addNorm(_ draft: Norm, network: String, key: SaveKey?) throws -> Norm {
        try noted(nil, after: { self.rel(network, "normas", $0.id) }) { try base.addNorm(draft, network: network, key: key) }
    }
    public func updateNorm(_ norm: Norm, network: String) throws {
        try noted(rel(network, "normas", norm.id)) { try base.updateNorm(norm, network: network) }
    }
    public func updateDecision(_ decision: Decision, network: String) throws {
        try noted(rel(network, "decisiones", decision.id)) { try base.updateDecision(decision, network: network) }
    }
    public func addDecision(_ draft: Decision, network: String, key: SaveKey?) throws -> Decision {
        try noted(nil, after: { self.rel(network, "decisiones", $0.id) }) { try base.addDecision(draft, network: network, key: key) }
    }
    public func addPractice(_ draft: Practice, network: String, key: SaveKey?) throws -> Practice {
        try noted(nil, after: { self.rel(network, "institucionalizacion", $0.id) }) { try base.addPractice(draft, network: network, key: key) }
    }
    public func addResult(_ draft: LearningResult, network: String, key: SaveKey?) throws -> LearningResult {
        try noted(nil, after: { self.rel(network, "resultados", $0.id) }) { try base.addResult(draft, network: network, key: key) }
    }
    public func updateResult(_ result: LearningResult, network: String) throws {
        try noted(rel(network, "resultados", result.id)) { try base.updateResult(result, network: network) }
    }
    public func saveIndicatorTargets(_ targets: [String: Double], network: String) throws {
        try noted("redes/\(network)/red.md") { try base.saveIndicatorTargets(targets, network: network) }
    }
    public func updatePractice(_ practice: Practice, network: String) throws {
        try noted(rel(network, "institucionalizacion", practice.id)) { try base.updatePractice(practice, network: network) }
    }

    // MARK: Everything else, unchanged

    public func networks() throws -> [Network] { try base.networks() }
    public func snapshot(network id: String) throws -> StoreRead<NetworkSnapshot> { try base.snapshot(network: id) }
    public func forgetSave(_ key: SaveKey) { base.forgetSave(key) }
    public func commit() throws { try base.commit() }
    public var hasUncommittedWrites: Bool { base.hasUncommittedWrites }
    public func trackingWrites<T>(_ body: () throws -> T) rethrows -> (value: T, pending: Bool) {
        try base.trackingWrites(body)
    }
    public func sessionVersion(_ key: String) -> SessionVersion? { base.sessionVersion(key) }
    public func removeSessions(untouchedSince before: Date, where finished: (Data) -> Bool) -> Int {
        base.removeSessions(untouchedSince: before, where: finished)
    }
    public func loadSession(_ key: String) throws -> Data? { try base.loadSession(key) }
    public func saveSession(_ key: String, data: Data) throws { try base.saveSession(key, data: data) }
    public func unreadableNetworks() -> [StoreError] { base.unreadableNetworks() }
    public func saveSessionState<T: Codable & Sendable>(_ key: String, _ value: T) throws { try base.saveSessionState(key, value) }
    public func saveSessionState<T: Codable & Sendable>(_ key: String, _ value: T, forgetting keys: [SaveKey],
                                                        mayWait: Bool) throws -> SessionVersion? {
        try base.saveSessionState(key, value, forgetting: keys, mayWait: mayWait)
    }
    public func loadSessionState<T: Codable & Sendable>(_ key: String, as type: T.Type) throws -> T? {
        try base.loadSessionState(key, as: type)
    }
}
