import Assistant
import CivilTime
import Domain
import FileStore
import Foundation
import Logging
import MingaProtocol
import PlainJSON
import SocketServer
import Testing

/// A store whose snapshot reads take a while, so a turn is still running when a test acts.
final class SlowStore: MingaStore {
    let base: MemoryStore
    let delay: Double
    init(_ base: MemoryStore, delay: Double) { self.base = base; self.delay = delay }
    func networks() throws -> [Network] { try base.networks() }
    func snapshot(network id: String) throws -> StoreRead<NetworkSnapshot> {
        Thread.sleep(forTimeInterval: delay)
        return try base.snapshot(network: id)
    }
    func createNetwork(_ draft: Network, key: SaveKey?) throws -> Network { try base.createNetwork(draft, key: key) }
    func addAgreement(_ draft: Agreement, network: String, key: SaveKey?) throws -> Agreement {
        try base.addAgreement(draft, network: network, key: key)
    }
    func updateAgreement(_ agreement: Agreement, network: String) throws { try base.updateAgreement(agreement, network: network) }
    func saveMember(_ member: Member, network: String) throws { try base.saveMember(member, network: network) }
    func loadSession(_ key: String) throws -> Data? { try base.loadSession(key) }
    func saveSession(_ key: String, data: Data) throws { try base.saveSession(key, data: data) }
}

func temporaryDirectory() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("minga-sock-\(UUID().uuidString.prefix(8))")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite struct LiveServerTests {
    /// Runs the six acuerdo turns for `user` and returns the last reply.
    func registerAgreement(_ c: TestClient, user: String, name: String, text: String) async throws -> JSONValue {
        var last = JSONValue.null
        for turn in acuerdoTurns(text) {
            try await c.say(turn, user: user, name: name)
            last = try await c.json()
            #expect(last["type"] == .string("reply"), "\(last)")
            #expect(last["user"] == .string(user))
        }
        return last
    }

    /// On an ephemeral 127.0.0.1 port, the full acuerdo conversation gives the same replies as the transcript and saves the agreement.
    @Test func tcpConversation() async throws {
        try await withServer { live in
            let c = try await live.connect()
            let done = try await registerAgreement(c, user: "telegram:1", name: "Ana Pérez", text: "Revisar los resultados del DIA")
            #expect(done.messages == ["Quedó registrado como el acuerdo 1 (A-1)."])
            #expect(done["expects"] == .null)
            let saved = try live.store.snapshot(network: live.networkID).value.agreements
            #expect(saved.map(\.text) == ["Revisar los resultados del DIA"])
            #expect(saved.first?.responsables == ["Luis Soto"])
            await c.close()
        }
    }

    /// On a Unix socket: created 0600, served, and removed at shutdown.
    @Test func unixSocket() async throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("minga.sock").path
        let live = try await LiveServer.start(unix: path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let c = try await TestClient.connect(unixPath: path)
        try await c.send(#"{"type":"ping","id":"u"}"#)
        #expect(try await c.line() == #"{"type":"pong","id":"u"}"#)
        try await c.say("quiero registrar un acuerdo")
        #expect(try await c.json().slot == "texto")
        await c.close()
        // A second server refuses a socket that is live.
        var quiet = Logger(label: "test")
        quiet.logLevel = .critical
        let second = MingaServer(configuration: ServerConfiguration(endpoints: [.unix(path: path)]), hub: live.server.hub, logger: quiet)
        await #expect(throws: MingaServer.Failure.self) { try await second.start() }
        await live.stop()
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    /// Two users interleaved on one connection (a bridge): replies come in request order, each addressed to its user, and both agreements are saved.
    /// `turnThreads` 0: the turns run on the event loop that read them, with the same order.
    @Test(arguments: [4, 0]) func multiUserOnOneConnection(turnThreads: Int) async throws {
        try await withServer(configure: { $0.turnThreads = turnThreads }) { live in
            let c = try await live.connect()
            let ana = acuerdoTurns("Tarea de Ana")
            let luis = acuerdoTurns("Tarea de Luis")
            for i in 0..<6 {
                // Both lines written before reading: the server answers them in order, each to its user.
                try await c.say(ana[i], user: "wa:ana", name: "Ana Pérez", id: "a\(i)")
                try await c.say(luis[i], user: "wa:luis", name: "Luis Soto", id: "l\(i)")
                let first = try await c.json()
                let second = try await c.json()
                #expect(first["id"] == .string("a\(i)"))
                #expect(first["user"] == .string("wa:ana"))
                #expect(second["id"] == .string("l\(i)"))
                #expect(second["user"] == .string("wa:luis"))
            }
            let texts = Set(try live.store.snapshot(network: live.networkID).value.agreements.map(\.text))
            #expect(texts == ["Tarea de Ana", "Tarea de Luis"])
            await c.close()
        }
    }

    /// One user's lines pipelined without waiting run strictly in order.
    @Test(arguments: [4, 0]) func pipelinedTurnsOfOneUserStayOrdered(turnThreads: Int) async throws {
        try await withServer(configure: { $0.turnThreads = turnThreads }) { live in
            let c = try await live.connect()
            let lines = acuerdoTurns("Tarea en ráfaga").enumerated().map { i, t in
                JSONValue.object([("id", .number(Double(i))), ("user", .string("u")), ("name", .string("Ana Pérez")), ("text", .string(t))]).rendered()
            }
            try await c.send(lines.joined(separator: "\n"))
            var replies: [JSONValue] = []
            for _ in 0..<6 { replies.append(try await c.json()) }
            #expect(replies.map { $0["id"] } == (0..<6).map { JSONValue.number(Double($0)) })
            #expect(replies.last?.messages == ["Quedó registrado como el acuerdo 1 (A-1)."])
            await c.close()
        }
    }

    /// A user who reconnects on another connection continues the flow where it was.
    @Test func reconnect() async throws {
        try await withServer { live in
            let turns = acuerdoTurns("Tarea tras reconectar")
            let first = try await live.connect()
            for t in turns[0..<3] {
                try await first.say(t, user: "tg:7", name: "Ana Pérez")
                _ = try await first.json()
            }
            await first.close()
            let second = try await live.connect()
            try await second.say(turns[3], user: "tg:7", name: "Ana Pérez")
            #expect(try await second.json().slot == "evidencia")
            try await second.say(turns[4], user: "tg:7", name: "Ana Pérez")
            _ = try await second.json()
            try await second.say(turns[5], user: "tg:7", name: "Ana Pérez")
            #expect(try await second.json().messages == ["Quedó registrado como el acuerdo 1 (A-1)."])
            await second.close()
        }
    }

    /// Graceful shutdown: a turn in flight finishes and is answered, new connections are refused, the connection closes, the store holds the record.
    @Test func shutdownFinishesInFlightTurns() async throws {
        let base = seededStore()
        let store = SlowStore(base, delay: 0.3)
        let live = try await LiveServer.start(store: store)
        let c = try await live.connect()
        let turns = acuerdoTurns("Tarea antes de apagar")
        for t in turns[0..<5] {
            try await c.say(t)
            _ = try await c.json()
        }
        try await c.say(turns[5])
        try await Task.sleep(for: .milliseconds(50))  // the turn is now running (store read takes 300 ms)
        let stopping = Task { await live.stop() }
        #expect(try await c.json().messages == ["Quedó registrado como el acuerdo 1 (A-1)."])
        #expect(try await c.closedByServer())
        await stopping.value
        #expect(live.server.connectionCount == 0)
        await #expect(throws: (any Error).self) { try await TestClient.connect(to: live.tcp) }
        #expect(try base.snapshot(network: live.networkID).value.agreements.count == 1)
        await c.close()
    }

    /// Connections that said hello notices:true get, at the start of a new day, reminders for the users they carried; others get none.
    @Test func notices() async throws {
        let store = seededStore()
        let network = try store.networks()[0].id
        _ = try store.addAgreement(Agreement(id: "", text: "Enviar el acta", responsables: ["Luis Soto"],
                                             deadline: LocalDate(year: 2026, month: 11, day: 28), evidence: nil), network: network)
        _ = try store.addAgreement(Agreement(id: "", text: "Subir la planificación", responsables: ["Luis Soto"],
                                             deadline: LocalDate(year: 2026, month: 11, day: 20), evidence: nil), network: network)
        _ = try store.addAgreement(Agreement(id: "", text: "Algo lejano", responsables: ["Luis Soto"],
                                             deadline: LocalDate(year: 2026, month: 12, day: 20), evidence: nil), network: network)
        let time = MovableClock(wednesday)
        try await withServer(store: store, clock: time.clock) { live in
            let bridge = try await live.connect()
            try await bridge.send(#"{"type":"hello","notices":true}"#)
            #expect(try await bridge.line() == #"{"type":"welcome"}"#)
            try await bridge.say("hola", user: "tg:luis", name: "Luis Soto")
            _ = try await bridge.json()
            let quiet = try await live.connect()
            try await quiet.say("hola", user: "tg:luis", name: "Luis Soto")
            _ = try await quiet.json()

            live.server.checkForNewDay()  // same day: nothing
            time.advance(days: 1)          // Thursday 26: A-1 due Saturday 28 (two days), A-2 overdue
            live.server.checkForNewDay()
            let notice = try await bridge.json()
            #expect(notice["type"] == .string("notice"))
            #expect(notice["user"] == .string("tg:luis"))
            #expect(notice.messages.count == 2)
            #expect(notice.messages.contains { $0.contains("Subir la planificación") && $0.contains("vencido") })
            #expect(notice.messages.contains { $0.contains("Enviar el acta") && $0.contains("sábado 28 de noviembre") })
            #expect(!notice.messages.contains { $0.contains("Algo lejano") })
            try await quiet.send(#"{"type":"ping"}"#)
            #expect(try await quiet.line() == #"{"type":"pong"}"#)
            await bridge.close()
            await quiet.close()
        }
    }

    /// A client that writes without reading is throttled (the server stops reading it) while other clients are answered promptly; nothing is lost.
    @Test func backpressure() async throws {
        try await withServer(configure: { $0.maxPendingPerConnection = 8 }) { live in
            let flood = try await live.connect()
            let count = 40_000
            let ping = Array(#"{"type":"ping"}"#.utf8) + [0x0A]
            let writer = Task {
                var chunk: [UInt8] = []
                for _ in 0..<1000 { chunk += ping }
                for _ in 0..<(count / 1000) { try await flood.sendRaw(chunk) }
            }
            try await Task.sleep(for: .milliseconds(300))
            let other = try await live.connect()
            let start = ContinuousClock.now
            try await other.say("hola")
            _ = try await other.json()
            // A bound, not a speed figure: generous enough for a loaded 2-core CI machine, far
            // below the minutes a starved client would wait behind 40,000 queued lines.
            #expect(ContinuousClock.now - start < .seconds(15))
            await other.close()
            var got = 0
            while got < count {
                _ = try await flood.line(timeout: .seconds(20))
                got += 1
            }
            try await writer.value
            #expect(got == count)
            await flood.close()
        }
    }

    /// With a FileStore in a temporary folder, many users on several connections register agreements concurrently; every one is saved once, with distinct ids.
    /// `turnThreads` 0: the turns run on the two event loops, which then wait on each other's saves.
    @Test(arguments: [4, 0]) func concurrentUsersOnFileStore(turnThreads: Int) async throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try FileStore(root: dir)
        let network = try store.createNetwork(Network(id: "", name: "Red Valdivia Norte", kind: .rme))
        try store.saveMember(Member(id: "", name: "Luis Soto"), network: network.id)
        try await withServer(store: store, configure: { $0.turnThreads = turnThreads }) { live in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for conn in 0..<4 {
                    group.addTask {
                        let c = try await live.connect()
                        for u in 0..<3 {
                            _ = try await registerAgreement(c, user: "c\(conn)u\(u)", name: "Ana Pérez", text: "Tarea c\(conn) u\(u)")
                        }
                        await c.close()
                    }
                }
                try await group.waitForAll()
            }
            let agreements = try store.snapshot(network: network.id).value.agreements
            #expect(agreements.count == 12)
            #expect(Set(agreements.map(\.id)).count == 12)
            #expect(Set(agreements.map(\.text)).count == 12)
        }
    }
}
