import Domain
@testable import FileStore
import Foundation
import PlainJSON
import Testing

/// A stand-in for the disk: every commit round waits at `pass()` until the test opens it.
final class SyncGate: @unchecked Sendable {
    // @unchecked: `open` and `entered` are touched only while `condition` is locked.
    private let condition = NSCondition()
    private var isOpen = false
    private var entered = 0

    func pass() {
        condition.lock()
        defer { condition.unlock() }
        entered += 1
        while !isOpen { condition.wait() }
    }

    func open() {
        condition.lock()
        defer { condition.unlock() }
        isOpen = true
        condition.broadcast()
    }

    var rounds: Int {
        condition.lock()
        defer { condition.unlock() }
        return entered
    }
}

/// On the file store: a reply waits for the fsync of what ITS turn saved, and only for that.
@Suite struct HeldRepliesTests {
    /// A file store seeded like `seededStore()`, opened again with `gate` in front of its fsyncs.
    private func gatedFileStore(_ gate: SyncGate) throws -> (FileStore, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("minga-held-\(UUID().uuidString)")
        let seeding = try FileStore(root: dir)
        let network = try seeding.createNetwork(Network(id: "", name: "Red Valdivia Norte", kind: .rme, territory: "Valdivia", region: "Los Ríos"))
        try seeding.saveMember(Member(id: "", name: "Luis Soto", role: "jefe UTP", school: "Escuela Los Aromos"), network: network.id)
        try seeding.commit()
        var faults = StoreFaults()
        faults.beforeSync = { gate.pass() }
        return (try FileStore(root: dir, faults: faults), dir)
    }

    /// Says every turn but the last (the confirmation), reading each reply, and checks that
    /// none of them started a commit; returns `turns` for the confirmation.
    private func answerUpToTheConfirmation(_ turns: [String], on client: TestClient, gate: SyncGate) async throws -> [String] {
        for t in turns.dropLast() {
            try await client.say(t)
            _ = try await client.json()
        }
        #expect(gate.rounds == 0, "turns that save nothing start no commit")
        return turns
    }

    /// Ana's confirmation is held while its fsync is blocked; Luis's turn on another connection,
    /// which saves nothing (in the second case it lists Ana's record, not durable yet), is
    /// answered meanwhile.
    /// `turnThreads`: 4 runs turns on the pool, 0 on the event loops themselves.
    @Test(arguments: ["hola", "¿qué acuerdos hay?"], [4, 0])
    func onlyTheSavingTurnWaitsForItsFsync(_ luisSays: String, turnThreads: Int) async throws {
        let gate = SyncGate()
        let (store, dir) = try gatedFileStore(gate)
        defer { try? FileManager.default.removeItem(at: dir) }
        defer { gate.open() }
        try await withServer(store: store, configure: { $0.turnThreads = turnThreads }) { live in
            let ana = try await live.connect()
            let luis = try await live.connect()
            let turns = try await answerUpToTheConfirmation(acuerdoTurns("Tarea durable"), on: ana, gate: gate)
            try await ana.say(turns[5])
            try await eventually("the save's commit round is at the disk") { gate.rounds == 1 }
            #expect(store.hasUncommittedWrites)
            // Another connection's turn that saves nothing goes out while Ana's fsync is pending.
            try await luis.say(luisSays, user: "luis", name: "Luis Soto")
            // Not `try`: a reply held by mistake must fail the test, not leave the round blocked.
            let other = try? await luis.json(timeout: .seconds(20))
            #expect(other?["user"] == .string("luis"), "answered while Ana's fsync is pending")
            if luisSays.contains("acuerdos") {
                // It shows Ana's record, still waiting for its fsync: it does not say it saved it.
                #expect(other?.messages.contains { $0.contains("Tarea durable") } == true)
            }
            #expect(store.hasUncommittedWrites, "the round is still blocked")
            #expect(ana.inbox.isEmpty, "the confirmation waits for its fsync")
            gate.open()
            let confirmation = try await ana.json()
            #expect(confirmation.messages == ["Quedó registrado como el acuerdo 1 (A-1)."])
            #expect(!store.hasUncommittedWrites)
            await ana.close()
            await luis.close()
        }
    }

    /// A bridge carries many users on one connection: when Luis's line and Ana's confirmation
    /// arrive in one read (one batch of the connection's turns), Luis's reply, read first, goes
    /// out while Ana's fsync is blocked; only the replies from her save on wait for it (replies
    /// keep their order on the connection, so one read after her save would wait too).
    @Test(arguments: ["hola", "¿qué acuerdos hay?"], [4, 0])
    func aReplyBeforeASaveInTheSameBatchIsNotHeld(_ luisSays: String, turnThreads: Int) async throws {
        let gate = SyncGate()
        let (store, dir) = try gatedFileStore(gate)
        defer { try? FileManager.default.removeItem(at: dir) }
        defer { gate.open() }
        try await withServer(store: store, configure: { $0.turnThreads = turnThreads }) { live in
            let bridge = try await live.connect()
            let turns = try await answerUpToTheConfirmation(acuerdoTurns("Tarea del puente"), on: bridge, gate: gate)
            // Luis, Ana's «si» and Luis again, in one write: one read burst, one batch.
            func line(_ text: String, _ user: String, _ name: String) -> String {
                JSONValue.object([("user", .string(user)), ("text", .string(text)), ("name", .string(name))]).rendered() + "\n"
            }
            try await bridge.sendRaw(Array((line(luisSays, "luis", "Luis Soto") + line(turns[5], "ana", "Ana Pérez")
                                            + line("hola", "luis", "Luis Soto")).utf8))
            // Not `try`: a reply held by mistake must fail the test, not leave the round blocked.
            let first = try? await bridge.json(timeout: .seconds(20))
            #expect(first?["user"] == .string("luis"), "the reply read before the save is not held")
            try await eventually("the save's commit round is at the disk") { gate.rounds == 1 }
            #expect(store.hasUncommittedWrites, "the round is still blocked")
            #expect(bridge.inbox.isEmpty, "the confirmation, and what follows it, wait for its fsync")
            gate.open()
            let confirmation = try await bridge.json()
            #expect(confirmation["user"] == .string("ana"))
            #expect(confirmation.messages == ["Quedó registrado como el acuerdo 1 (A-1)."])
            let after = try await bridge.json()
            #expect(after["user"] == .string("luis"))
            #expect(!store.hasUncommittedWrites)
            await bridge.close()
        }
    }
}
