import Assistant
import CivilTime
import Domain
import FileStore
import Foundation
import Synchronization
import Testing

/// What a reply says is saved is saved, once, under its own id: the observations of the
/// «nothing confirmed is ever lost» issue, replayed on the file store.
@Suite struct ExactlyOnceTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("minga-once-\(UUID().uuidString)")

    func assistant() throws -> Assistant {
        Assistant(store: try FileStore(root: root), flows: flows, clock: .fixed(now, timeZone: .santiago))
    }

    func seeded(_ names: [String] = ["Red Norte"]) throws -> [String] {
        let store = try FileStore(root: root)
        return try names.map { try store.createNetwork(Network(id: "", name: $0, kind: .rme)).id }
    }

    /// The six turns of «registrar un acuerdo»; returns the id the last reply confirms.
    @discardableResult
    func register(_ text: String, _ s: Session, requestPrefix: String? = nil) -> String? {
        var last = Reply(messages: [], expects: nil)
        for (i, line) in ["registrar un acuerdo", text, "Ana", "15/12", "acta", "sí"].enumerated() {
            last = s.handle(line, requestID: requestPrefix.map { "\($0)-\(i)" })
        }
        return Self.confirmedID(last)
    }

    static func confirmedID(_ reply: Reply) -> String? {
        guard let line = reply.messages.first(where: { $0.hasPrefix("Quedó registrado") }),
              let open = line.range(of: "(A-"), let close = line[open.upperBound...].firstIndex(of: ")") else { return nil }
        return "A-" + line[open.upperBound..<close]
    }

    /// Makes the next write of a session file fail, as a kill -9 right after the record's write
    /// would leave it (a folder where the file goes: the rename fails even for root). Returns the
    /// file's content before.
    func blockSessionWrites(_ file: URL) throws -> Data {
        let before = try Data(contentsOf: file)
        try FileManager.default.removeItem(at: file)
        try FileManager.default.createDirectory(at: file.appendingPathComponent("x"), withIntermediateDirectories: true)
        return before
    }

    func unblock(_ file: URL, restoring data: Data) throws {
        try FileManager.default.removeItem(at: file)
        try data.write(to: file)
    }

    func agreements(_ network: String) throws -> [Agreement] {
        Array(try FileStore(root: root).snapshot(network: network).value.agreements)
    }

    func sessionFiles() throws -> [URL] {
        let dir = root.appendingPathComponent("sesiones")
        return try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json") }
            .map { dir.appendingPathComponent($0) }
    }

    /// Two processes (two assistants) on one store, same user, interleaved, same and different
    /// texts: every confirmation names its own file, holding its own text.
    @Test func twoProcessesSameUser() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let net = try seeded()[0]
        let p1 = try assistant().session(for: UserRef(id: "ana", name: "Ana Pérez"))
        let p2 = try assistant().session(for: UserRef(id: "ana", name: "Ana Pérez"))
        var confirmed: [String: String] = [:]
        for k in 0..<6 {
            for (p, s) in [("uno", p1), ("dos", p2)] {
                let text = k % 2 == 0 ? "leer el cuento \(k)" : "leer el cuento \(k) en \(p)"
                let id = try #require(register(text, s))
                #expect(confirmed[id] == nil, "\(id) confirmed twice")
                confirmed[id] = text
            }
        }
        let saved = try agreements(net)
        #expect(saved.count == 12)
        for a in saved { #expect(confirmed[a.id] == a.text) }
    }

    /// One user with and without a network: two conversations, and neither is answered with
    /// the other's record.
    @Test func withAndWithoutNetwork() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let net = try seeded()[0]
        let a = try assistant()
        let plain = a.session(for: UserRef(id: "ana", name: "Ana"))
        let named = a.session(for: UserRef(id: "ana", name: "Ana", network: net))
        let first = register("enviar el acta", plain)
        let second = register("enviar el acta", named)
        let third = register("revisar la rúbrica", plain)
        #expect([first, second, third] == ["A-1", "A-2", "A-3"])
        #expect(try agreements(net).map(\.text) == ["Enviar el acta", "Enviar el acta", "Revisar la rúbrica"]
                || agreements(net).map(\.text) == ["enviar el acta", "enviar el acta", "revisar la rúbrica"])
        #expect(try sessionFiles().count == 2)
    }

    /// A session file deleted, or broken by hand, mid-way: the next agreement is a new record,
    /// never confirmed as an older one.
    @Test func deletedOrBrokenSessionFile() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let net = try seeded()[0]
        #expect(register("uno", try assistant().session(for: UserRef(id: "ana", name: "Ana"))) == "A-1")
        for file in try sessionFiles() { try FileManager.default.removeItem(at: file) }
        #expect(register("dos", try assistant().session(for: UserRef(id: "ana", name: "Ana"))) == "A-2")
        for file in try sessionFiles() { try Data("{roto".utf8).write(to: file) }
        #expect(register("tres", try assistant().session(for: UserRef(id: "ana", name: "Ana"))) == "A-3")
        #expect(try agreements(net).map { $0.text.lowercased() } == ["uno", "dos", "tres"])
    }

    /// A kill after the record is written but before the session is: the restarted session is
    /// back at the confirmation, and «sí» (even after a probe) answers with the record already written.
    @Test func retryAfterKillBetweenRecordAndSession() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let net = try seeded()[0]
        let s = try assistant().session(for: UserRef(id: "ana", name: "Ana"))
        for line in ["registrar un acuerdo", "leer con los cabros", "Ana", "15/12", "acta"] { _ = s.handle(line) }
        let file = try #require(sessionFiles().first)
        let beforeSave = try blockSessionWrites(file)
        #expect(Self.confirmedID(s.handle("sí")) == "A-1")
        try unblock(file, restoring: beforeSave)

        let restarted = try assistant().session(for: UserRef(id: "ana", name: "Ana"))
        #expect(restarted.open().expects?.type == .confirm)
        _ = restarted.handle("ayuda")
        #expect(Self.confirmedID(restarted.handle("sí")) == "A-1")
        #expect(try agreements(net).count == 1)
        // The marker that recognised the retry is gone once the session moved past it (its file
        // is kept under a spare name, for the next save's marker).
        let keys = root.appendingPathComponent(".claves")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: keys.path)) ?? []).filter { !$0.hasPrefix(".") }.isEmpty)
        #expect(register("otro", restarted) == "A-2")
    }

    /// Network creation on the first run, repeated after a kill before the session was written:
    /// the same network, not a «red-norte-2».
    @Test func retryOfNetworkCreation() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let s = try assistant().session(for: UserRef(id: "ana", name: "Ana"))
        _ = s.open()
        for line in ["Red Norte", "1", "Valdivia", "Los Ríos"] { _ = s.handle(line) }
        let file = try #require(sessionFiles().first)
        let beforeSave = try blockSessionWrites(file)
        #expect(s.handle("sí").messages.contains { $0.contains("creé la red") })
        try unblock(file, restoring: beforeSave)
        let restarted = try assistant().session(for: UserRef(id: "ana", name: "Ana"))
        _ = restarted.open()
        let again = restarted.handle("sí")
        #expect(try FileStore(root: root).networks().map(\.id) == ["red-norte"], "\(again)")
    }

    /// The client's request id: the same request sent again gets the same reply and no second
    /// record, even from another process; the same id with other words is a new request.
    @Test func requestIDRetry() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let net = try seeded()[0]
        let s = try assistant().session(for: UserRef(id: "tg:555", name: "Ana"))
        for (i, line) in ["registrar un acuerdo", "leer", "Ana", "15/12", "acta"].enumerated() { _ = s.handle(line, requestID: "m-\(i)") }
        let reply = s.handle("sí", requestID: "m-5")
        #expect(Self.confirmedID(reply) == "A-1")
        let other = try assistant().session(for: UserRef(id: "tg:555", name: "Ana"))
        #expect(other.handle("sí", requestID: "m-5") == reply)
        #expect(try agreements(net).count == 1)
        #expect(other.handle("hola", requestID: "m-5") != reply)
    }

    /// Session files are private (0600) and never hold the user id in clear.
    @Test func sessionFilesArePrivate() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try seeded()
        _ = try assistant().session(for: UserRef(id: "telegram:56912345678", name: "Ana")).handle("registrar un acuerdo")
        let file = try #require(sessionFiles().first)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int)
        #expect(mode & 0o077 == 0)
        #expect(!(try String(contentsOf: file, encoding: .utf8)).contains("56912345678"))
    }

    /// Two processes on one conversation: a turn in one is seen by the other's next turn.
    @Test func sessionReloadsWhatAnotherProcessWrote() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try seeded()
        let p1 = try assistant().session(for: UserRef(id: "ana", name: "Ana"))
        let p2 = try assistant().session(for: UserRef(id: "ana", name: "Ana"))
        _ = p1.handle("registrar un acuerdo")
        _ = p2.handle("leer con los cabros")
        #expect(p2.state.current?.values["texto"] != nil)
        #expect(p1.handle("Ana").expects?.slot == "plazo")
    }

    /// Many threads writing one session's file: every write lands (unique temporary names), and
    /// none is left behind.
    @Test func concurrentSessionWrites() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try FileStore(root: root)
        let failures = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 200) { i in
            do { try store.saveSession("ana", data: Data("{\"n\":\(i)}".utf8)) } catch { failures.withLock { $0 += 1 } }
        }
        #expect(failures.withLock { $0 } == 0)
        let left = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("sesiones").path)
        #expect(left.count == 1 && !left[0].hasPrefix(".tmp-"))
    }
}

/// With several networks in the store and none named, Minga asks which one, once.
@Suite struct NetworkChoiceTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("minga-choice-\(UUID().uuidString)")

    func assistant() throws -> Assistant {
        Assistant(store: try FileStore(root: root), flows: flows, clock: .fixed(now, timeZone: .santiago))
    }

    /// The first message waits for the choice, is handled after it, and the choice is remembered.
    @Test func asksThenRemembers() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try FileStore(root: root)
        _ = try store.createNetwork(Network(id: "", name: "Red Norte", kind: .rme))
        let sur = try store.createNetwork(Network(id: "", name: "Microcentro Los Copihues", kind: .microcentro))
        let s = try assistant().session(for: UserRef(id: "tg:1", name: "Ana"))
        let ask = s.handle("quiero registrar un acuerdo")
        #expect(ask.messages.contains { $0.contains("¿En cuál trabajas?") })
        #expect(ask.expects?.type == .choice && ask.choices.contains("Microcentro Los Copihues"))
        let picked = s.handle("el de los copihues")
        #expect(picked.messages.first?.contains("«Microcentro Los Copihues»") == true)
        #expect(picked.expects?.flow == "acuerdo", "\(picked)")
        #expect(s.user.network == sur.id)
        let later = try assistant().session(for: UserRef(id: "tg:1", name: "Ana"))
        #expect(!later.handle("hola").messages.contains { $0.contains("¿En cuál trabajas?") })
        #expect(later.user.network == sur.id)
    }

    /// An answer that names no network is asked again; a number picks from the list.
    @Test func unclearThenNumber() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try FileStore(root: root)
        let norte = try store.createNetwork(Network(id: "", name: "Red Norte", kind: .rme))
        _ = try store.createNetwork(Network(id: "", name: "Red Sur", kind: .rme))
        let s = try assistant().session(for: UserRef(id: "tg:2", name: "Luis"))
        _ = s.open()
        #expect(s.handle("no sé").messages.first?.hasPrefix("No reconocí esa red") == true)
        _ = s.handle("1")
        #expect(s.user.network == norte.id)
    }
}

/// Finished conversations' files go after the retention period; unfinished ones stay.
@Test func finishedSessionsAreSweptAfterRetention() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("minga-sweep-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let store = try FileStore(root: root)
    _ = try store.createNetwork(Network(id: "", name: "Red Norte", kind: .rme))
    let a = Assistant(store: store, flows: flows, clock: .fixed(now, timeZone: .santiago))
    _ = a.session(for: UserRef(id: "done", name: "Ana")).handle("hola")
    _ = a.session(for: UserRef(id: "busy", name: "Luis")).handle("registrar un acuerdo")
    #expect(a.sweepFinishedSessions(retention: 86_400) == 0)
    #expect(a.sweepFinishedSessions(retention: 86_400, now: Date().addingTimeInterval(2 * 86_400)) == 1)
    let left = try FileManager.default.contentsOfDirectory(atPath: root.path + "/sesiones")
    #expect(left.count == 1)
    #expect(a.session(for: UserRef(id: "busy", name: "Luis")).open().expects?.flow == "acuerdo")
}
