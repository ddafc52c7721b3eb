import Domain
import Foundation

/// Where Minga keeps a network's records and the users' dialog state. `FileStore` is the real
/// one (plain files); `MemoryStore` serves benchmarks and tests.
///
/// Implementations guarantee: a write either happens whole or not at all; ids are assigned
/// without gaps or duplicates even with several processes; a record that cannot be read is
/// reported (with its file and line) and never overwritten.
public protocol MingaStore: AnyObject, Sendable {
    /// Every network, plus problems with files that could not be read.
    func networks() throws -> [Network]
    /// Everything about one network; unreadable files are skipped and listed in `problems`.
    func snapshot(network id: String) throws -> StoreRead<NetworkSnapshot>
    /// Creates a network; its id is derived from the name and made unique. A save repeated with
    /// the same `key` returns the network the first one created (see `SaveKey`).
    func createNetwork(_ draft: Network, key: SaveKey?) throws -> Network
    /// Adds an agreement, assigning the next id (A-1, A-2…); the same `key` gets the same record.
    func addAgreement(_ draft: Agreement, network: String, key: SaveKey?) throws -> Agreement
    /// Rewrites an existing agreement (status changes).
    func updateAgreement(_ agreement: Agreement, network: String) throws
    /// Adds or replaces a member (keyed by its id).
    func saveMember(_ member: Member, network: String) throws
    /// Writes the network's purpose (kept in red.md with the network).
    func savePurpose(_ purpose: Purpose, network: String) throws
    /// Rewrites the network's own fields (its display name, kind, territory); its id, its folder
    /// and its purpose stay as they are.
    func updateNetwork(_ network: Network) throws
    /// Adds a meeting (E-1, E-2…) / rewrites one (attendance, acta).
    func addMeeting(_ draft: Meeting, network: String, key: SaveKey?) throws -> Meeting
    func updateMeeting(_ meeting: Meeting, network: String) throws
    /// Adds an availability poll (S-1…) / rewrites one (answers, choice).
    func addPoll(_ draft: Poll, network: String, key: SaveKey?) throws -> Poll
    func updatePoll(_ poll: Poll, network: String) throws
    /// Adds a reflection (R-1…) / rewrites one (its deletion).
    func addReflection(_ draft: Reflection, network: String, key: SaveKey?) throws -> Reflection
    func updateReflection(_ reflection: Reflection, network: String) throws
    /// Adds a diagnosis (D-1…) / rewrites one (another member's answers in its round).
    func addDiagnosis(_ draft: Diagnosis, network: String, key: SaveKey?) throws -> Diagnosis
    func updateDiagnosis(_ diagnosis: Diagnosis, network: String) throws
    /// Changes a record as it is in the store now, not as a snapshot showed it: under the
    /// store's lock (the cross-process one for files) `change` gets the current record, and what
    /// it leaves is written and returned. For records several members write at once (answers to
    /// one poll, responses of one diagnosis round, an occurrence's attendance, an agreement's
    /// history): a read-change-write from a snapshot would drop whatever another member saved
    /// in between. `change` must not change the id; if it throws, nothing is written.
    func modifyAgreement(id: String, network: String, _ change: (inout Agreement) throws -> Void) throws -> Agreement
    func modifyMeeting(id: String, network: String, _ change: (inout Meeting) throws -> Void) throws -> Meeting
    func modifyPoll(id: String, network: String, _ change: (inout Poll) throws -> Void) throws -> Poll
    func modifyDiagnosis(id: String, network: String, _ change: (inout Diagnosis) throws -> Void) throws -> Diagnosis
    /// Adds a territory organisation (O-1…) / rewrites one.
    func addOrganization(_ draft: Organization, network: String, key: SaveKey?) throws -> Organization
    func updateOrganization(_ organization: Organization, network: String) throws
    /// Adds a norm (N-1…) / rewrites one (agreed, repealed).
    func addNorm(_ draft: Norm, network: String, key: SaveKey?) throws -> Norm
    func updateNorm(_ norm: Norm, network: String) throws
    /// Adds a decision of the log (DC-1…).
    func addDecision(_ draft: Decision, network: String, key: SaveKey?) throws -> Decision
    /// A decision's words corrected («corrige la DC-1: …»): same id, number and date.
    func updateDecision(_ decision: Decision, network: String) throws
    /// Adds a practice to institutionalise (P-1…) / rewrites one (approved, incorporated).
    func addPractice(_ draft: Practice, network: String, key: SaveKey?) throws -> Practice
    func updatePractice(_ practice: Practice, network: String) throws
    /// Adds a learning result (L-1…).
    func addResult(_ draft: LearningResult, network: String, key: SaveKey?) throws -> LearningResult
    /// Rewrites a learning result (corrected, or marked deleted).
    func updateResult(_ result: LearningResult, network: String) throws
    /// Writes the targets set for the diagnosis indicators (kept in red.md with the network).
    func saveIndicatorTargets(_ targets: [String: Double], network: String) throws
    /// The session that made `key` has moved past its save: no retry can bring it again, so the
    /// store may drop what it kept to recognise one.
    func forgetSave(_ key: SaveKey)
    /// Makes every record written so far durable; a reply that confirms a record is sent only
    /// after a commit that covers it. Stores whose writes are durable at once do nothing.
    func commit() throws
    /// Whether some write is not yet covered by a finished `commit()`: a channel that commits on
    /// its own thread (the socket server) holds a reply back only while this is true.
    var hasUncommittedWrites: Bool { get }
    /// Runs `body` (turns on the calling thread) and says whether a write it made, or a save it
    /// found already made by an earlier attempt with the same key, is not yet covered by a
    /// finished `commit()`: the socket server holds back only those turns' replies. Another
    /// user's record that a reply merely shows is not one the reply says it saved. The default
    /// (a store that does not track threads) says whether any write is uncommitted.
    func trackingWrites<T>(_ body: () throws -> T) rethrows -> (value: T, pending: Bool)
    /// Runs `body` holding the store's cross-process write lock, so the saves inside take it
    /// without locking each on their own (`minga chat --json` holds it across a batch of turns).
    /// Never around a wait for input: other processes wait while it is held.
    func whileLocked<T>(_ body: () throws -> T) rethrows -> T

    /// Which write of a session's file is on disk now, so a session kept in memory notices that
    /// another process moved the same conversation on (nil: the store can't tell, or no file).
    func sessionVersion(_ key: String) -> SessionVersion?

    /// Removes the session files untouched since `before` for which `finished` (given the file's
    /// content) says yes; returns how many went.
    func removeSessions(untouchedSince before: Date, where finished: (Data) -> Bool) -> Int

    func loadSession(_ key: String) throws -> Data?
    func saveSession(_ key: String, data: Data) throws

    func unreadableNetworks() -> [StoreError]

    /// A session's state as a value. The default encodes it as JSON through `saveSession`;
    /// an in-memory store keeps the value itself and skips the encoding on every turn.
    func saveSessionState<T: Codable & Sendable>(_ key: String, _ value: T) throws
    /// Writes a session's state, then forgets the save keys it moved past (`forgetSave`: once
    /// that state is on disk no retry can repeat those saves), and says which version of the
    /// session's file that is, as `sessionVersion` would (nil: the store can't tell).
    /// `mayWait`: the write may wait for the next `commit()` when the store holds session writes
    /// (`FileStore.holdSessionWrites()`); false for a state that must be on disk before what follows.
    func saveSessionState<T: Codable & Sendable>(_ key: String, _ value: T, forgetting keys: [SaveKey],
                                                 mayWait: Bool) throws -> SessionVersion?
    func loadSessionState<T: Codable & Sendable>(_ key: String, as type: T.Type) throws -> T?
}

extension MingaStore {
    public func forgetSave(_ key: SaveKey) {}
    public func commit() throws {}
    public var hasUncommittedWrites: Bool { false }
    public func trackingWrites<T>(_ body: () throws -> T) rethrows -> (value: T, pending: Bool) {
        let value = try body()
        return (value, hasUncommittedWrites)
    }
    public func whileLocked<T>(_ body: () throws -> T) rethrows -> T { try body() }
    public func sessionVersion(_ key: String) -> SessionVersion? { nil }
    public func removeSessions(untouchedSince before: Date, where finished: (Data) -> Bool) -> Int { 0 }

    /// Writes without an idempotency key (seeding, imports, tests): always a new record.
    public func createNetwork(_ draft: Network) throws -> Network { try createNetwork(draft, key: nil) }
    public func addAgreement(_ draft: Agreement, network: String) throws -> Agreement { try addAgreement(draft, network: network, key: nil) }
    public func addMeeting(_ draft: Meeting, network: String) throws -> Meeting { try addMeeting(draft, network: network, key: nil) }
    public func addPoll(_ draft: Poll, network: String) throws -> Poll { try addPoll(draft, network: network, key: nil) }
    public func addReflection(_ draft: Reflection, network: String) throws -> Reflection { try addReflection(draft, network: network, key: nil) }
    public func addDiagnosis(_ draft: Diagnosis, network: String) throws -> Diagnosis { try addDiagnosis(draft, network: network, key: nil) }
    public func addOrganization(_ draft: Organization, network: String) throws -> Organization { try addOrganization(draft, network: network, key: nil) }
    public func addNorm(_ draft: Norm, network: String) throws -> Norm { try addNorm(draft, network: network, key: nil) }
    public func addDecision(_ draft: Decision, network: String) throws -> Decision { try addDecision(draft, network: network, key: nil) }
    public func addPractice(_ draft: Practice, network: String) throws -> Practice { try addPractice(draft, network: network, key: nil) }
    public func addResult(_ draft: LearningResult, network: String) throws -> LearningResult { try addResult(draft, network: network, key: nil) }

    /// Networks whose main file cannot be read (broken by hand): reported, never recreated.
    public func unreadableNetworks() -> [StoreError] { [] }

    public func saveSessionState<T: Codable & Sendable>(_ key: String, _ value: T) throws {
        // A state that writes its own JSON skips JSONEncoder (the same document to JSONDecoder).
        if let own = value as? any JSONWritable, let data = own.jsonData() {
            try saveSession(key, data: data)
            return
        }
        try saveSession(key, data: try JSONEncoder().encode(value))
    }

    public func loadSessionState<T: Codable & Sendable>(_ key: String, as type: T.Type) throws -> T? {
        guard let data = try loadSession(key) else { return nil }
        return try JSONDecoder().decode(T.self, from: data)
    }

    public func saveSessionState<T: Codable & Sendable>(_ key: String, _ value: T, forgetting keys: [SaveKey],
                                                        mayWait: Bool) throws -> SessionVersion? {
        try saveSessionState(key, value)
        for key in keys { forgetSave(key) }
        return sessionVersion(key)
    }
}

/// A value read from the store, with the problems found on the way.
public struct StoreRead<Value: Sendable>: Sendable {
    public var value: Value
    public var problems: [StoreError]

    public init(value: Value, problems: [StoreError] = []) {
        self.value = value
        self.problems = problems
    }
}

/// Stores written before these records existed (test doubles) refuse them in words.
extension MingaStore {
    private func unsupported(_ what: String) -> StoreError { .io(path: "", message: "este almacén no guarda \(what)") }
    public func savePurpose(_ purpose: Purpose, network: String) throws { throw unsupported("propósitos") }
    public func updateNetwork(_ network: Network) throws { throw unsupported("cambios de la red") }
    public func addMeeting(_ draft: Meeting, network: String, key: SaveKey?) throws -> Meeting { throw unsupported("encuentros") }
    public func updateMeeting(_ meeting: Meeting, network: String) throws { throw unsupported("encuentros") }
    public func addPoll(_ draft: Poll, network: String, key: SaveKey?) throws -> Poll { throw unsupported("sondeos") }
    public func updatePoll(_ poll: Poll, network: String) throws { throw unsupported("sondeos") }
    public func addReflection(_ draft: Reflection, network: String, key: SaveKey?) throws -> Reflection { throw unsupported("reflexiones") }
    public func updateReflection(_ reflection: Reflection, network: String) throws { throw unsupported("reflexiones") }
    public func addDiagnosis(_ draft: Diagnosis, network: String, key: SaveKey?) throws -> Diagnosis { throw unsupported("diagnósticos") }
    public func updateDiagnosis(_ diagnosis: Diagnosis, network: String) throws { throw unsupported("diagnósticos") }
    public func addOrganization(_ draft: Organization, network: String, key: SaveKey?) throws -> Organization { throw unsupported("organizaciones") }

    // Test doubles without a lock of their own: the change goes on the record as read now, then
    // through the plain rewrite (no more atomic than that store's own writes).
    public func modifyAgreement(id: String, network: String, _ change: (inout Agreement) throws -> Void) throws -> Agreement {
        try modified(id, in: \.agreements, network: network, change) { try updateAgreement($0, network: network) }
    }
    public func modifyMeeting(id: String, network: String, _ change: (inout Meeting) throws -> Void) throws -> Meeting {
        try modified(id, in: \.meetings, network: network, change) { try updateMeeting($0, network: network) }
    }
    public func modifyPoll(id: String, network: String, _ change: (inout Poll) throws -> Void) throws -> Poll {
        try modified(id, in: \.polls, network: network, change) { try updatePoll($0, network: network) }
    }
    public func modifyDiagnosis(id: String, network: String, _ change: (inout Diagnosis) throws -> Void) throws -> Diagnosis {
        try modified(id, in: \.diagnoses, network: network, change) { try updateDiagnosis($0, network: network) }
    }
    private func modified<T: NumberedRecord>(_ id: String, in records: KeyPath<NetworkSnapshot, RecordList<T>>, network: String,
                                             _ change: (inout T) throws -> Void, write: (T) throws -> Void) throws -> T {
        guard var r = try snapshot(network: network).value[keyPath: records].first(where: { $0.id == id }) else {
            throw StoreError.notFound("el registro «\(id)»")
        }
        try change(&r)
        r.id = id
        try write(r)
        return r
    }
    public func updateOrganization(_ organization: Organization, network: String) throws { throw unsupported("organizaciones") }
    public func addNorm(_ draft: Norm, network: String, key: SaveKey?) throws -> Norm { throw unsupported("normas") }
    public func updateNorm(_ norm: Norm, network: String) throws { throw unsupported("normas") }
    public func addDecision(_ draft: Decision, network: String, key: SaveKey?) throws -> Decision { throw unsupported("decisiones") }
    public func updateDecision(_ decision: Decision, network: String) throws { throw unsupported("decisiones") }
    public func addPractice(_ draft: Practice, network: String, key: SaveKey?) throws -> Practice { throw unsupported("prácticas") }
    public func updatePractice(_ practice: Practice, network: String) throws { throw unsupported("prácticas") }
    public func addResult(_ draft: LearningResult, network: String, key: SaveKey?) throws -> LearningResult { throw unsupported("resultados") }
    public func updateResult(_ result: LearningResult, network: String) throws { throw unsupported("resultados") }
    public func saveIndicatorTargets(_ targets: [String: Double], network: String) throws { throw unsupported("metas de indicadores") }
}

/// A session file's identity on disk: every atomic write makes a new inode.
public struct SessionVersion: Hashable, Sendable {
    var inode: UInt64
    var seconds: Int
    var nanoseconds: Int
    var size: Int
}
