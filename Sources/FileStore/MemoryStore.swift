import Domain
import Foundation
import Synchronization

/// An in-memory store with the same contract as `FileStore`: for benchmarks and tests.
public final class MemoryStore: MingaStore {
    private struct State {
        var networks: [String: NetworkSnapshot] = [:]
        var sessions: [String: Data] = [:]
        var sessionValues: [String: any Sendable] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    public func networks() throws -> [Network] {
        state.withLock { $0.networks.values.map(\.network).sorted { $0.id < $1.id } }
    }

    public func snapshot(network id: String) throws -> StoreRead<NetworkSnapshot> {
        guard let s = state.withLock({ $0.networks[id] }) else { throw StoreError.notFound("la red «\(id)»") }
        return StoreRead(value: s)
    }

    public func createNetwork(_ draft: Network) throws -> Network {
        state.withLock { st in
            var n = draft
            let base = Slug.make(draft.id.isEmpty ? draft.name : draft.id)
            var id = base
            var k = 2
            while st.networks[id] != nil { id = "\(base)-\(k)"; k += 1 }
            n.id = id
            st.networks[id] = NetworkSnapshot(network: n)
            return n
        }
    }

    public func addAgreement(_ draft: Agreement, network: String) throws -> Agreement {
        try add(draft, \.agreements, "A", network: network)
    }

    public func updateAgreement(_ agreement: Agreement, network: String) throws {
        try replace(agreement, \.agreements, "el acuerdo", network: network)
    }

    public func saveMember(_ member: Member, network: String) throws {
        var m = member
        m.id = Slug.make(member.id.isEmpty ? member.name : member.id)
        try mutate(network) { s in
            s.members.removeAll { $0.id == m.id }
            s.members.append(m)
        }
    }

    private func mutate(_ network: String, _ body: (inout NetworkSnapshot) throws -> Void) throws {
        try state.withLock { st in
            guard st.networks[network] != nil else { throw StoreError.notFound("la red «\(network)»") }
            // In place: a copy would duplicate every record of the network on each write.
            try body(&st.networks[network]!)
        }
    }

    /// Appends a numbered record with the next id (A-1, A-2…).
    private func add<T: NumberedRecord>(_ draft: T, _ records: WritableKeyPath<NetworkSnapshot, [T]>, _ prefix: String,
                                        network: String) throws -> T {
        var r = draft
        try mutate(network) { s in
            r.id = "\(prefix)-\((s[keyPath: records].compactMap(\.number).max() ?? 0) + 1)"
            s[keyPath: records].append(r)
        }
        return r
    }

    /// Rewrites an existing record, found by id.
    private func replace<T: NumberedRecord>(_ record: T, _ records: WritableKeyPath<NetworkSnapshot, [T]>, _ noun: String,
                                            network: String) throws {
        try mutate(network) { s in
            guard let i = s[keyPath: records].firstIndex(where: { $0.id == record.id }) else {
                throw StoreError.notFound("\(noun) «\(record.id)»")
            }
            s[keyPath: records][i] = record
        }
    }

    public func savePurpose(_ purpose: Purpose, network: String) throws { try mutate(network) { $0.purpose = purpose } }

    public func addMeeting(_ draft: Meeting, network: String) throws -> Meeting {
        try add(draft, \.meetings, "E", network: network)
    }

    public func updateMeeting(_ meeting: Meeting, network: String) throws {
        try replace(meeting, \.meetings, "el encuentro", network: network)
    }

    public func addPoll(_ draft: Poll, network: String) throws -> Poll {
        try add(draft, \.polls, "S", network: network)
    }

    public func updatePoll(_ poll: Poll, network: String) throws {
        try replace(poll, \.polls, "el sondeo", network: network)
    }

    public func addReflection(_ draft: Reflection, network: String) throws -> Reflection {
        try add(draft, \.reflections, "R", network: network)
    }

    public func addDiagnosis(_ draft: Diagnosis, network: String) throws -> Diagnosis {
        try add(draft, \.diagnoses, "D", network: network)
    }

    public func loadSession(_ key: String) throws -> Data? { state.withLock { $0.sessions[key] } }

    public func saveSession(_ key: String, data: Data) throws { state.withLock { $0.sessions[key] = data } }

    public func saveSessionState<T: Codable & Sendable>(_ key: String, _ value: T) throws {
        state.withLock { $0.sessionValues[key] = value }
    }

    public func loadSessionState<T: Codable & Sendable>(_ key: String, as type: T.Type) throws -> T? {
        if let v = state.withLock({ $0.sessionValues[key] }) { return v as? T }
        guard let data = try loadSession(key) else { return nil }
        return try JSONDecoder().decode(T.self, from: data)
    }
}

/// The network's numbered records, as the in-memory store adds and rewrites them.
protocol NumberedRecord: Sendable {
    var id: String { get set }
    var number: Int? { get }
}

extension Agreement: NumberedRecord {}
extension Meeting: NumberedRecord {}
extension Poll: NumberedRecord {}
extension Reflection: NumberedRecord {}
extension Diagnosis: NumberedRecord {}
