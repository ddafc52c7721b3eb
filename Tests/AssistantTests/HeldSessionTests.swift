import Assistant
import CivilTime
import Domain
@testable import FileStore
import Foundation
import Testing

/// `minga chat --json` holds session writes until the batch's commit (`holdSessionWrites`): one
/// write per user per batch, and a kill anywhere in between loses no confirmed record, saves
/// nothing twice and brings back no older state of a conversation.
@Suite struct HeldSessionTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("minga-held-\(UUID().uuidString)")
    static let users = ["ana", "beto", "carla"]

    /// A process: its own store (holding session writes, maybe with a kill planned) and assistant.
    func process(_ faults: StoreFaults = StoreFaults()) throws -> (FileStore, Assistant) {
        let store = try FileStore(root: root, faults: faults)
        store.holdSessionWrites()
        return (store, Assistant(store: store, flows: flows, clock: .fixed(now, timeZone: .santiago), commitsEachTurn: false))
    }

    func line(_ user: String, _ turn: Int) -> String {
        ["registrar un acuerdo", "preparar la jornada de \(user)", "Ana", "15/12", "acta", "sí"][turn]
    }

    func sessions(_ a: Assistant, _ network: String) -> [Session] {
        Self.users.map { a.session(for: UserRef(id: $0, name: "Ana Pérez", network: network)) }
    }

    /// The batch of «sí» is answered, its records committed, and the process killed after the
    /// first of the three session writes. The next process, asked the same requests again,
    /// confirms the same three records; none is lost or written twice, and afterwards no
    /// conversation is back at its confirmation.
    @Test func killBetweenABatchsSessionWrites() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let network = try FileStore(root: root).createNetwork(Network(id: "", name: "Red Norte", kind: .rme)).id
        // First process: five batches, one turn per user each, committed like `chat --json` does.
        let (first, a1) = try process()
        let s1 = sessions(a1, network)
        for turn in 0..<5 {
            for (s, user) in zip(s1, Self.users) { _ = s.handle(line(user, turn), requestID: "\(user)-\(turn)") }
            try first.commit()
        }
        // Second process: the «sí» batch, killed after one session write of three.
        let (second, a2) = try process(StoreFaults(stopAfterSessionWrites: 1))
        let held = zip(sessions(a2, network), Self.users).map { $0.handle(line($1, 5), requestID: "\($1)-5") }
        try second.commit()
        let before = try FileStore(root: root).snapshot(network: network).value.agreements
        #expect(before.count == 3)
        // Third process: the bridge sends the unanswered batch again, same ids.
        let (third, a3) = try process()
        let retried = zip(sessions(a3, network), Self.users).map { $0.handle(line($1, 5), requestID: "\($1)-5") }
        try third.commit()
        #expect(retried.map(\.messages) == held.map(\.messages))
        let ids = retried.compactMap { ExactlyOnceTests.confirmedID($0) }
        #expect(Set(ids) == ["A-1", "A-2", "A-3"])
        let saved = try FileStore(root: root).snapshot(network: network).value.agreements
        #expect(saved.count == 3)
        for (id, user) in zip(ids, Self.users) {
            #expect(saved.first { $0.id == id }?.text.lowercased() == "preparar la jornada de \(user)")
        }
        // Fourth process: every conversation is past its save; another «sí» saves nothing.
        let (_, a4) = try process()
        for (s, user) in zip(sessions(a4, network), Self.users) {
            let reply = s.handle("sí", requestID: "\(user)-6")
            #expect(ExactlyOnceTests.confirmedID(reply) == nil)
        }
        #expect(try FileStore(root: root).snapshot(network: network).value.agreements.count == 3)
    }

    /// Several turns of one user in a batch are one write at the commit; until then the state is
    /// read from memory, so a session opened again in the same process (dropped by the hub) gets
    /// the newest state, not the older file.
    @Test func oneWritePerUserPerBatchAndNoStaleReload() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let network = try FileStore(root: root).createNetwork(Network(id: "", name: "Red Norte", kind: .rme)).id
        let (store, a) = try process()
        let ref = UserRef(id: "ana", name: "Ana Pérez", network: network)
        let s = a.session(for: ref)
        let writes = store.counters.writes.load(ordering: .relaxed)
        for turn in 0..<3 { _ = s.handle(line("ana", turn), requestID: "ana-\(turn)") }
        #expect(store.counters.writes.load(ordering: .relaxed) == writes)
        let reopened = a.session(for: ref)
        #expect(reopened.state == s.state)
        try store.commit()
        #expect(store.counters.writes.load(ordering: .relaxed) == writes + 1)
        // The file is this process's own write: the session goes on without reading it again,
        // and another process reads the same state from it.
        let reply = s.handle(line("ana", 3), requestID: "ana-3")
        try store.commit()
        let (_, other) = try process()
        #expect(other.session(for: ref).state == s.state)
        #expect(!reply.messages.isEmpty)
    }
}
