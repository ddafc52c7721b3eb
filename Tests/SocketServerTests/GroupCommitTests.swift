import Assistant
import Domain
import FileStore
import Foundation
import PlainJSON
@testable import SocketServer
import Synchronization
import Testing

/// A store whose `commit()` waits until the test opens it, and which counts what happened in
/// order: every agreement written and every commit started and finished. An agreement is
/// "uncommitted" from its write until a commit that started after it has finished.
final class GatedStore: MingaStore {
    struct Log {
        var writes = 0
        var commitsStarted = 0
        var commitsFinished = 0
        /// Writes covered by a finished commit.
        var durableWrites = 0
        var open = false
    }

    let base: MemoryStore
    let log = Mutex(Log())

    init(_ base: MemoryStore) { self.base = base }

    func open() { log.withLock { $0.open = true } }
    var snapshotOfLog: Log { log.withLock { $0 } }

    var hasUncommittedWrites: Bool { log.withLock { $0.durableWrites < $0.writes } }

    func commit() throws {
        let covers = log.withLock { l -> Int in
            l.commitsStarted += 1
            return l.writes
        }
        while !log.withLock({ $0.open }) { Thread.sleep(forTimeInterval: 0.001) }
        log.withLock { l in
            l.commitsFinished += 1
            l.durableWrites = max(l.durableWrites, covers)
        }
    }

    func networks() throws -> [Network] { try base.networks() }
    func snapshot(network id: String) throws -> StoreRead<NetworkSnapshot> { try base.snapshot(network: id) }
    func createNetwork(_ draft: Network, key: SaveKey?) throws -> Network { try base.createNetwork(draft, key: key) }
    func addAgreement(_ draft: Agreement, network: String, key: SaveKey?) throws -> Agreement {
        let saved = try base.addAgreement(draft, network: network, key: key)
        log.withLock { $0.writes += 1 }
        return saved
    }
    func updateAgreement(_ agreement: Agreement, network: String) throws { try base.updateAgreement(agreement, network: network) }
    func saveMember(_ member: Member, network: String) throws { try base.saveMember(member, network: network) }
    func loadSession(_ key: String) throws -> Data? { try base.loadSession(key) }
    func saveSession(_ key: String, data: Data) throws { try base.saveSession(key, data: data) }
}

/// Polls `condition` (no timing assertion: the bound only stops a broken test from hanging).
func eventually(_ what: String, _ condition: () -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(30)
    while !condition() {
        if ContinuousClock.now > deadline { Issue.record("never happened: \(what)"); return }
        try await Task.sleep(for: .milliseconds(2))
    }
}

@Suite struct GroupCommitTests {
    /// A reply that confirms a record is written only after a commit that covers the record has finished, and the lines the connection read after it (another user's turn, a ping) wait behind it: reply order is request order.
    @Test func confirmationWaitsForItsCommit() async throws {
        let store = GatedStore(seededStore())
        try await withServer(store: store) { live in
            let c = try await live.connect()
            let turns = acuerdoTurns("Tarea durable")
            for t in turns[0..<5] {
                try await c.say(t)
                _ = try await c.json()
            }
            #expect(store.snapshotOfLog.commitsStarted == 0, "turns that write no record need no commit")
            try await c.send([
                JSONValue.object([("user", .string("ana")), ("name", .string("Ana Pérez")), ("text", .string(turns[5]))]).rendered(),
                JSONValue.object([("user", .string("luis")), ("name", .string("Luis Soto")), ("text", .string("hola"))]).rendered(),
                #"{"type":"ping","id":"p"}"#,
            ].joined(separator: "\n"))
            try await eventually("the committer started a round") { store.snapshotOfLog.commitsStarted == 1 }
            // The record is written, its commit has started and not finished: nothing went out.
            #expect(store.snapshotOfLog.writes == 1)
            #expect(try live.store.snapshot(network: live.networkID).value.agreements.count == 1)
            #expect(c.inbox.isEmpty)
            store.open()
            let confirmation = try await c.json()
            #expect(confirmation.messages == ["Quedó registrado como el acuerdo 1 (A-1)."])
            #expect(store.snapshotOfLog.commitsFinished >= 1)
            #expect(try await c.json()["user"] == .string("luis"))
            #expect(try await c.line() == #"{"type":"pong","id":"p"}"#)
            await c.close()
        }
    }

    /// Replies queued while a round's fsyncs run share the next round: three saves, two commits.
    @Test func repliesQueuedDuringARoundShareTheNext() async throws {
        let store = GatedStore(seededStore())
        let committer = ReplyCommitter(store: store)
        committer.start()
        defer { committer.stop() }
        let released = Mutex<[Int]>([])
        committer.whenDurable { _ in released.withLock { $0.append(1) } }
        try await eventually("the first round started") { store.snapshotOfLog.commitsStarted == 1 }
        committer.whenDurable { _ in released.withLock { $0.append(2) } }
        committer.whenDurable { _ in released.withLock { $0.append(3) } }
        #expect(released.withLock { $0 }.isEmpty)
        store.open()
        try await eventually("all three released") { released.withLock { $0.count } == 3 }
        #expect(released.withLock { $0 } == [1, 2, 3])
        #expect(committer.rounds.load(ordering: .relaxed) == 2)
        #expect(store.snapshotOfLog.commitsStarted == 2)
    }

    /// A commit that fails turns the replies it held into `busy` errors: no confirmation of a record that may not be on disk.
    @Test func failedCommitSendsNoConfirmation() async throws {
        final class FailingStore: MingaStore {
            let base = seededStore()
            let dirty = Atomic<Bool>(false)
            var hasUncommittedWrites: Bool { dirty.load(ordering: .relaxed) }
            func commit() throws {
                dirty.store(false, ordering: .relaxed)
                throw StoreError.io(path: "acuerdos", message: "disco lleno")
            }
            func networks() throws -> [Network] { try base.networks() }
            func snapshot(network id: String) throws -> StoreRead<NetworkSnapshot> { try base.snapshot(network: id) }
            func createNetwork(_ draft: Network, key: SaveKey?) throws -> Network { try base.createNetwork(draft, key: key) }
            func addAgreement(_ draft: Agreement, network: String, key: SaveKey?) throws -> Agreement {
                defer { dirty.store(true, ordering: .relaxed) }
                return try base.addAgreement(draft, network: network, key: key)
            }
            func updateAgreement(_ agreement: Agreement, network: String) throws { try base.updateAgreement(agreement, network: network) }
            func saveMember(_ member: Member, network: String) throws { try base.saveMember(member, network: network) }
            func loadSession(_ key: String) throws -> Data? { try base.loadSession(key) }
            func saveSession(_ key: String, data: Data) throws { try base.saveSession(key, data: data) }
        }
        try await withServer(store: FailingStore()) { live in
            let c = try await live.connect()
            var last = JSONValue.null
            for t in acuerdoTurns("Tarea sin disco") {
                try await c.say(t)
                last = try await c.json()
            }
            #expect(last.code == "busy")
            #expect(last["message"]?.stringValue?.contains("disco lleno") == true)
            await c.close()
        }
    }
}
