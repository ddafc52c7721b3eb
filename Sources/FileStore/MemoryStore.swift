import Locks
import Domain
import Foundation
import Synchronization

/// An in-memory store with the same contract as `FileStore`: for benchmarks and tests.
public final class MemoryStore: MingaStore {
    fileprivate struct State {
        var networks: [String: NetworkSnapshot] = [:]
        /// `networks()` as last listed, until a network is created or changed: the same array is
        /// handed back, so callers keeping something per list compare it by identity.
        var list: [Network]?
        var sessions: [String: Data] = [:]
        var sessionValues: [String: any Sendable] = [:]
        /// Session states written, for the versions `saveSessionState` gives.
        var sessionWrites = 0
        /// Ids given to keyed saves, so a repeated save returns its record (as FileStore does).
        var saved: [String: String] = [:]
        /// Highest number given in each "network/prefix" (records are never removed).
        var highest: [String: Int] = [:]
    }

    private let state = PlainLock(State())

    public init() {}

    public func networks() throws -> [Network] {
        state.withLock { st in
            if let list = st.list { return list }
            let list = st.networks.values.map(\.network).sorted { $0.id < $1.id }
            st.list = list
            return list
        }
    }

    public func snapshot(network id: String) throws -> StoreRead<NetworkSnapshot> {
        guard let s = state.withLock({ $0.networks[id] }) else { throw StoreError.notFound("la red «\(id)»") }
        return StoreRead(value: s)
    }

    public func createNetwork(_ draft: Network, key: SaveKey?) throws -> Network {
        state.withLock { st in
            if let id = st.savedID(key), let existing = st.networks[id] { return existing.network }
            var n = draft
            n.id = Slug.unique(draft.id.isEmpty ? draft.name : draft.id) { st.networks[$0] != nil }
            st.networks[n.id] = NetworkSnapshot(network: n)
            st.list = nil
            for digest in key?.digests ?? [] { st.saved[digest] = n.id }
            return n
        }
    }

    public func forgetSave(_ key: SaveKey) { state.withLock { st in for d in key.digests { st.saved[d] = nil } } }

    public func addAgreement(_ draft: Agreement, network: String, key: SaveKey?) throws -> Agreement {
        try add(draft, \.agreements, "A", network: network, key: key) { $0.agreements.append($1) }
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

    func mutate(_ network: String, _ body: (inout NetworkSnapshot) throws -> Void) throws {
        try state.withLock { st in
            guard st.networks[network] != nil else { throw StoreError.notFound("la red «\(network)»") }
            // In place: a copy would duplicate every record of the network on each write.
            let before = st.networks[network]!.network
            try body(&st.networks[network]!)
            if st.networks[network]!.network != before { st.list = nil }
            st.networks[network]!.revision += 1
            st.networks[network]!.rewritten = st.networks[network]!.revision
        }
    }

    /// Appends a numbered record with the next id (A-1, A-2…), under the mutex and in place:
    /// the records' list may be shared with a snapshot a turn still holds, and `RecordList`
    /// then copies only its last chunk (an `Array` copied every record: O(records) per save, and
    /// with 4,000 agreements every other turn of the server spun on it).
    /// `appending`: the append written out (`{ $0.agreements.append($1) }`), for the records
    /// added on many turns: through the key path the write went by the runtime's key-path
    /// projection (a coroutine and its continuation, some thousands of instructions a save).
    func add<T: NumberedRecord>(_ draft: T, _ records: WritableKeyPath<NetworkSnapshot, RecordList<T>>, _ prefix: String,
                                        network: String, key: SaveKey?,
                                        appending: ((inout NetworkSnapshot, T) -> Void)? = nil) throws -> T {
        let folder = network + "/" + prefix
        return try state.withLock { st -> T in
            guard let at = st.networks.index(forKey: network) else { throw StoreError.notFound("la red «\(network)»") }
            if let existing = st.existing(records, at: at, network: network, key: key) { return existing }
            let next = st.next(records, at: at, folder: folder)
            var r = draft
            r.id = "\(prefix)-\(next)"
            // Through the dictionary's storage: the snapshot is not copied out and back.
            if let appending {
                appending(&st.networks.values[at], r)
            } else {
                st.networks.values[at][keyPath: records].append(r)
            }
            st.networks.values[at].revision += 1
            st.highest[folder] = next
            for digest in key?.digests ?? [] { st.saved[digest] = network + "/" + r.id }
            return r
        }
    }

    /// Rewrites an existing record, found by id.
    func replace<T: NumberedRecord>(_ record: T, _ records: WritableKeyPath<NetworkSnapshot, RecordList<T>>, _ noun: String,
                                            network: String) throws {
        try mutate(network) { s in
            guard let i = s[keyPath: records].firstIndex(where: { $0.id == record.id }) else {
                throw StoreError.notFound("\(noun) «\(record.id)»")
            }
            s[keyPath: records][i] = record
        }
    }

    /// Changes the record as it is now, under the store's mutex (see `MingaStore.modifyPoll`).
    func modify<T: NumberedRecord>(_ id: String, _ records: WritableKeyPath<NetworkSnapshot, RecordList<T>>, _ noun: String,
                                   network: String, _ change: (inout T) throws -> Void) throws -> T {
        var result: T?
        try mutate(network) { s in
            guard let i = s[keyPath: records].firstIndex(where: { $0.id == id }) else {
                throw StoreError.notFound("\(noun) «\(id)»")
            }
            // On a copy: a change that throws leaves the record as it was.
            var r = s[keyPath: records][i]
            try change(&r)
            r.id = id
            s[keyPath: records][i] = r
            result = r
        }
        return result!
    }

    public func modifyAgreement(id: String, network: String, _ change: (inout Agreement) throws -> Void) throws -> Agreement {
        try modify(id, \.agreements, "el acuerdo", network: network, change)
    }
    public func modifyMeeting(id: String, network: String, _ change: (inout Meeting) throws -> Void) throws -> Meeting {
        try modify(id, \.meetings, "el encuentro", network: network, change)
    }
    public func modifyPoll(id: String, network: String, _ change: (inout Poll) throws -> Void) throws -> Poll {
        try modify(id, \.polls, "el sondeo", network: network, change)
    }
    public func modifyDiagnosis(id: String, network: String, _ change: (inout Diagnosis) throws -> Void) throws -> Diagnosis {
        try modify(id, \.diagnoses, "el diagnóstico", network: network, change)
    }

    public func savePurpose(_ purpose: Purpose, network: String) throws { try mutate(network) { $0.purpose = purpose } }
    public func updateNetwork(_ network: Network) throws { try mutate(network.id) { $0.network = network } }

    public func addMeeting(_ draft: Meeting, network: String, key: SaveKey?) throws -> Meeting {
        try add(draft, \.meetings, "E", network: network, key: key)
    }

    public func updateMeeting(_ meeting: Meeting, network: String) throws {
        try replace(meeting, \.meetings, "el encuentro", network: network)
    }

    public func addPoll(_ draft: Poll, network: String, key: SaveKey?) throws -> Poll {
        try add(draft, \.polls, "S", network: network, key: key)
    }

    public func updatePoll(_ poll: Poll, network: String) throws {
        try replace(poll, \.polls, "el sondeo", network: network)
    }

    public func addReflection(_ draft: Reflection, network: String, key: SaveKey?) throws -> Reflection {
        try add(draft, \.reflections, "R", network: network, key: key)
    }

    public func updateReflection(_ reflection: Reflection, network: String) throws {
        try replace(reflection, \.reflections, "la reflexión", network: network)
    }

    public func addDiagnosis(_ draft: Diagnosis, network: String, key: SaveKey?) throws -> Diagnosis {
        try add(draft, \.diagnoses, "D", network: network, key: key)
    }

    public func updateDiagnosis(_ diagnosis: Diagnosis, network: String) throws {
        try replace(diagnosis, \.diagnoses, "el diagnóstico", network: network)
    }

    public func loadSession(_ key: String) throws -> Data? { state.withLock { $0.sessions[key] } }

    public func saveSession(_ key: String, data: Data) throws { state.withLock { $0.sessions[key] = data } }

    public func saveSessionState<T: Codable & Sendable>(_ key: String, _ value: T) throws {
        var replaced: (any Sendable)?
        state.withLock { replaced = $0.sessionValues.updateValue(value, forKey: key) }
        // Released here, not under the lock every turn of every thread takes (see below).
        withExtendedLifetime(replaced) {}
    }

    /// The state kept and the keys it moved past forgotten under one holding of the lock (the
    /// default takes it once for the state and once per key).
    public func saveSessionState<T: Codable & Sendable>(_ key: String, _ value: T, forgetting keys: [SaveKey],
                                                        mayWait: Bool) throws -> SessionVersion? {
        // The state it replaces is released after the lock: that frees the previous turn's
        // whole conversation state (flows, slots, stack), and doing it under the store's one lock
        // made the socket server's turn threads queue on it (futex waits in `persist`).
        var replaced: (any Sendable)?
        let version = state.withLock { st -> SessionVersion? in
            replaced = st.sessionValues.updateValue(value, forKey: key)
            for k in keys { for d in k.digests { st.saved[d] = nil } }
            st.sessionWrites += 1
            // Written: a session that has its state here needs no write of it before a save
            // (`Session` writes one first only for a conversation never written). Never read
            // back (`sessionVersion` stays nil: nothing else writes this store's sessions).
            return SessionVersion(inode: 0, seconds: 0, nanoseconds: 0, size: st.sessionWrites)
        }
        withExtendedLifetime(replaced) {}
        return version
    }

    public func loadSessionState<T: Codable & Sendable>(_ key: String, as type: T.Type) throws -> T? {
        if let v = state.withLock({ $0.sessionValues[key] }) { return v as? T }
        guard let data = try loadSession(key) else { return nil }
        return try JSONDecoder().decode(T.self, from: data)
    }
}

extension MemoryStore.State {
    func savedID(_ key: SaveKey?) -> String? {
        for digest in key?.digests ?? [] { if let id = saved[digest] { return id } }
        return nil
    }

    /// The record a save with `key` already added to the network at `at` (a retry), if any.
    func existing<T: NumberedRecord>(_ records: KeyPath<NetworkSnapshot, RecordList<T>>, at: [String: NetworkSnapshot].Index,
                                     network: String, key: SaveKey?) -> T? {
        guard let marker = savedID(key), marker.hasPrefix(network + "/") else { return nil }
        return networks.values[at][keyPath: records].first { network + "/" + $0.id == marker }
    }

    /// The number the next record of `folder` gets in the network at `at`.
    func next<T: NumberedRecord>(_ records: KeyPath<NetworkSnapshot, RecordList<T>>, at: [String: NetworkSnapshot].Index, folder: String) -> Int {
        (highest[folder] ?? networks.values[at][keyPath: records].compactMap(\.number).max() ?? 0) + 1
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
extension Organization: NumberedRecord {}
extension Norm: NumberedRecord {}
extension Decision: NumberedRecord {}
extension Practice: NumberedRecord {}
extension LearningResult: NumberedRecord {}
