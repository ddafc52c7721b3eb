import Domain
import Foundation
import Synchronization

/// An in-memory store with the same contract as `FileStore`: for benchmarks and tests.
public final class MemoryStore: MingaStore {
    private struct State {
        var networks: [String: NetworkSnapshot] = [:]
        var sessions: [String: Data] = [:]
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
        try state.withLock { st in
            guard var snap = st.networks[network] else { throw StoreError.notFound("la red «\(network)»") }
            var a = draft
            a.id = "A-\((snap.agreements.compactMap(\.number).max() ?? 0) + 1)"
            snap.agreements.append(a)
            st.networks[network] = snap
            return a
        }
    }

    public func updateAgreement(_ agreement: Agreement, network: String) throws {
        try state.withLock { st in
            guard var snap = st.networks[network], let i = snap.agreements.firstIndex(where: { $0.id == agreement.id }) else {
                throw StoreError.notFound("el acuerdo «\(agreement.id)»")
            }
            snap.agreements[i] = agreement
            st.networks[network] = snap
        }
    }

    public func saveMember(_ member: Member, network: String) throws {
        try state.withLock { st in
            guard var snap = st.networks[network] else { throw StoreError.notFound("la red «\(network)»") }
            var m = member
            m.id = Slug.make(member.id.isEmpty ? member.name : member.id)
            snap.members.removeAll { $0.id == m.id }
            snap.members.append(m)
            st.networks[network] = snap
        }
    }

    public func loadSession(_ key: String) throws -> Data? { state.withLock { $0.sessions[key] } }

    public func saveSession(_ key: String, data: Data) throws { state.withLock { $0.sessions[key] = data } }
}
