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
        var a = draft
        try mutate(network) { s in a.id = Self.next(s.agreements.compactMap(\.number), "A"); s.agreements.append(a) }
        return a
    }

    public func updateAgreement(_ agreement: Agreement, network: String) throws {
        try mutate(network) { s in
            guard let i = s.agreements.firstIndex(where: { $0.id == agreement.id }) else { throw StoreError.notFound("el acuerdo «\(agreement.id)»") }
            s.agreements[i] = agreement
        }
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

    private static func next(_ numbers: [Int], _ prefix: String) -> String {
        "\(prefix)-\((numbers.max() ?? 0) + 1)"
    }

    public func savePurpose(_ purpose: Purpose, network: String) throws { try mutate(network) { $0.purpose = purpose } }

    public func addMeeting(_ draft: Meeting, network: String) throws -> Meeting {
        var m = draft
        try mutate(network) { s in m.id = Self.next(s.meetings.compactMap(\.number), "E"); s.meetings.append(m) }
        return m
    }

    public func updateMeeting(_ meeting: Meeting, network: String) throws {
        try mutate(network) { s in
            guard let i = s.meetings.firstIndex(where: { $0.id == meeting.id }) else { throw StoreError.notFound("el encuentro «\(meeting.id)»") }
            s.meetings[i] = meeting
        }
    }

    public func addPoll(_ draft: Poll, network: String) throws -> Poll {
        var p = draft
        try mutate(network) { s in p.id = Self.next(s.polls.compactMap(\.number), "S"); s.polls.append(p) }
        return p
    }

    public func updatePoll(_ poll: Poll, network: String) throws {
        try mutate(network) { s in
            guard let i = s.polls.firstIndex(where: { $0.id == poll.id }) else { throw StoreError.notFound("el sondeo «\(poll.id)»") }
            s.polls[i] = poll
        }
    }

    public func addReflection(_ draft: Reflection, network: String) throws -> Reflection {
        var r = draft
        try mutate(network) { s in r.id = Self.next(s.reflections.compactMap(\.number), "R"); s.reflections.append(r) }
        return r
    }

    public func addDiagnosis(_ draft: Diagnosis, network: String) throws -> Diagnosis {
        var d = draft
        try mutate(network) { s in d.id = Self.next(s.diagnoses.compactMap(\.number), "D"); s.diagnoses.append(d) }
        return d
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
