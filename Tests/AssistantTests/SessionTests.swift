import Assistant
import CivilTime
import Domain
import FileStore
import Foundation
import Testing

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let flows = try! FlowSource(directory: repositoryRoot.appendingPathComponent("dialogs"))
let now = CivilTime.Clock.parseNow("2026-11-25T10:00", timeZone: .santiago)!

/// A store whose writes fail, to prove nothing is lost when the disk refuses.
final class FailingStore: MingaStore, @unchecked Sendable {
    let inner = MemoryStore()
    var failWrites = true
    func networks() throws -> [Network] { try inner.networks() }
    func snapshot(network id: String) throws -> StoreRead<NetworkSnapshot> { try inner.snapshot(network: id) }
    func createNetwork(_ draft: Network, key: SaveKey?) throws -> Network { try inner.createNetwork(draft, key: key) }
    func addAgreement(_ draft: Agreement, network: String, key: SaveKey?) throws -> Agreement {
        if failWrites { throw StoreError.io(path: "acuerdos", message: "disco lleno") }
        return try inner.addAgreement(draft, network: network, key: key)
    }
    func updateAgreement(_ a: Agreement, network: String) throws { try inner.updateAgreement(a, network: network) }
    func saveMember(_ m: Member, network: String) throws { try inner.saveMember(m, network: network) }
    func loadSession(_ key: String) throws -> Data? { try inner.loadSession(key) }
    func saveSession(_ key: String, data: Data) throws { try inner.saveSession(key, data: data) }
}

@Suite struct SessionTests {
    func assistant(_ store: any MingaStore) -> Assistant {
        Assistant(store: store, flows: flows, clock: .fixed(now, timeZone: .santiago))
    }

    /// On an empty store Minga introduces itself in two lines and asks the network's name.
    @Test func firstRunOpening() {
        let s = assistant(MemoryStore()).session(for: UserRef(id: "ana", name: "Ana Pérez"))
        let r = s.open()
        #expect(r.messages.count == 3)
        #expect(r.messages[0].hasPrefix("¡Hola, Ana! Soy Minga"))
        #expect(r.expects?.flow == "red")
        #expect(r.expects?.slot == "nombre")
    }

    /// A channel with no start event (`chat --json`, the socket) opens on the first message: on
    /// an empty store a first message that says more than hello is the set-up's first answer.
    @Test func firstMessageWithContentOnEmptyStore() throws {
        let store = MemoryStore()
        let s = assistant(store).session(for: UserRef(id: "gladys", name: "Gladys Muñoz"))
        let r = s.handle("hola minga, es la red de escuelas rurales de paillaco, microcentro el avellano")
        #expect(r.messages[0].hasPrefix("¡Hola, Gladys! Soy Minga"))
        #expect(r.messages.contains("Anoté: nombre: «Microcentro El Avellano»; tipo: microcentro rural; comuna: Paillaco."))
        #expect(r.expects?.flow == "red")
        #expect(r.expects?.slot == "region")
        _ = s.handle("los ríos")
        _ = s.handle("sí")
        let network = try #require(try store.networks().first)
        #expect(network.name == "Microcentro El Avellano")
        #expect(network.kind == .microcentro)
        #expect(network.territory == "Paillaco")
        #expect(network.region == "Los Ríos")
    }

    /// A hello however it is written, as the first message on an empty store, gets the opening only.
    @Test(arguments: ["hola", "holaa", "buenas tardes minga", "hola minga, ¿cómo estás?"])
    func firstHelloOnEmptyStore(_ hello: String) {
        let s = assistant(MemoryStore()).session(for: UserRef(id: "ana", name: "Ana Pérez"))
        let r = s.handle(hello)
        #expect(r.messages.count == 3)
        #expect(r.expects?.slot == "nombre")
    }

    /// A request as the first message on an empty store waits for the network and is offered after it.
    @Test func firstRequestOnEmptyStore() {
        let s = assistant(MemoryStore()).session(for: UserRef(id: "ana", name: "Ana Pérez"))
        let r = s.handle("hola, quiero registrar un acuerdo")
        #expect(r.messages.contains("Primero terminemos «Crear la red»; apenas esté, seguimos con «Registrar un acuerdo»."))
        #expect(r.expects?.slot == "nombre")
        for line in ["Red Norte", "rme", "Valdivia", "saltar"] { _ = s.handle(line) }
        let saved = s.handle("sí")
        #expect(saved.messages.last == "¿Seguimos con «Registrar un acuerdo», como me pediste?")
        #expect(s.handle("sí").messages.contains("Vamos a registrar un acuerdo."))
    }

    /// A later run greets and lists overdue agreements first.
    @Test func greetingListsOverdue() throws {
        let store = MemoryStore()
        let n = try store.createNetwork(Network(id: "", name: "Red Norte", kind: .rme))
        _ = try store.addAgreement(Agreement(id: "", text: "enviar el acta", responsables: ["Ana Pérez"],
                                             deadline: LocalDate(year: 2026, month: 11, day: 20), evidence: "acta"), network: n.id)
        let r = assistant(store).session(for: UserRef(id: "ana", name: "Ana Pérez")).open()
        #expect(r.messages.contains { $0.contains("1 acuerdo vencido") && $0.contains("enviar el acta") })
    }

    /// A first message that already asks for something (no separate opening, as on `chat
    /// --json`) gets a one-line hello, then its answer; the reminder block waits for a bare hello.
    @Test func firstMessageRequestGetsShortHello() throws {
        let store = MemoryStore()
        let n = try store.createNetwork(Network(id: "", name: "Red Norte", kind: .rme))
        _ = try store.addAgreement(Agreement(id: "", text: "enviar el acta", responsables: ["Ana Pérez"],
                                             deadline: LocalDate(year: 2026, month: 11, day: 20), evidence: "acta"), network: n.id)
        let asked = assistant(store).session(for: UserRef(id: "ana", name: "Ana Pérez")).handle("registrar un acuerdo")
        #expect(asked.messages.first == "Hola, Ana. Estamos en «Red Norte».")
        #expect(!asked.messages.contains { $0.contains("vencido") })
        #expect(asked.expects?.flow == "acuerdo")
        let greeted = assistant(store).session(for: UserRef(id: "rosa", name: "Rosa Huenchual")).handle("wena minga")
        #expect(greeted.messages.contains { $0.contains("1 acuerdo vencido") })
        #expect(!greeted.messages.contains { $0.contains("No te entendí") })
    }

    /// A first hello that says who writes and where they work, from someone the network does not
    /// list, starts onboarding after a one-line hello (it was only greeted back); a member saying
    /// the same gets the usual greeting.
    @Test(arguments: ["hola soy luis barrientos, profe de la escuela de Ayacara",
                      "hola buenos dias, soy marisol cayupan, profe de la escuela rural Los Maitenes"])
    func firstHelloThatJoins(_ hello: String) throws {
        let store = MemoryStore()
        let n = try store.createNetwork(Network(id: "", name: "Microcentro Chaitén Sur", kind: .microcentro))
        try store.saveMember(Member(id: "", name: "Gladys Oyarzo", role: "docente", school: "Escuela Chaitén"), network: n.id)
        let name = hello.contains("luis") ? "Luis Barrientos" : "Marisol Cayupán"
        let r = assistant(store).session(for: UserRef(id: "nuevo", name: name)).handle(hello)
        #expect(r.messages.first == "Hola, \(name.split(separator: " ")[0]). Estamos en «Microcentro Chaitén Sur».")
        #expect(r.messages.contains("¡Bienvenida o bienvenido a la red! Partamos por conocernos."))
        #expect(r.expects?.flow == "incorporacion")
        let member = assistant(store).session(for: UserRef(id: "gladys", name: "Gladys Oyarzo")).handle("hola soy gladys, profe de la escuela Chaitén")
        #expect(member.expects == nil)
        #expect(!member.messages.contains { $0.contains("Bienvenida") })
    }

    /// A very long message gets a Spanish explanation and changes nothing.
    @Test func hugeMessage() throws {
        let store = MemoryStore()
        _ = try store.createNetwork(Network(id: "", name: "Red Norte", kind: .rme))
        let s = assistant(store).session(for: UserRef(id: "ana", name: "Ana"))
        _ = s.open()
        _ = s.handle("registrar un acuerdo")
        let before = s.state
        let r = s.handle(String(repeating: "x", count: 100_000))
        #expect(r.messages[0].contains("muy largo"))
        #expect(s.state == before)
    }

    /// When the store refuses a write, the flow goes back to the confirmation with every value.
    @Test func failedSaveLosesNothing() throws {
        let store = FailingStore()
        _ = try store.createNetwork(Network(id: "", name: "Red Norte", kind: .rme))
        let s = assistant(store).session(for: UserRef(id: "ana", name: "Ana"))
        _ = s.open()
        for line in ["registrar un acuerdo", "leer", "Ana", "15/12", "acta"] { _ = s.handle(line) }
        let r = s.handle("sí")
        #expect(r.messages.contains { $0.hasPrefix("No pude guardar") })
        #expect(r.expects?.type == .confirm)
        #expect(s.state.current?.values.count == 4)
        store.failWrites = false
        let ok = s.handle("sí")
        #expect(ok.messages.contains("Quedó registrado como el acuerdo 1 (A-1)."))
    }

    /// The dialog state survives a new process (a new Session from the same store).
    @Test func resumesAfterRestart() throws {
        let store = MemoryStore()
        _ = try store.createNetwork(Network(id: "", name: "Red Norte", kind: .rme))
        let a = assistant(store)
        let s1 = a.session(for: UserRef(id: "ana", name: "Ana"))
        _ = s1.open()
        _ = s1.handle("registrar un acuerdo")
        _ = s1.handle("leer")
        let s2 = assistant(store).session(for: UserRef(id: "ana", name: "Ana"))
        let r = s2.open()
        #expect(r.messages.first == "Estábamos registrando un acuerdo.")
        #expect(r.expects?.slot == "responsables")
    }

    /// Editing a dialog file is picked up; an invalid edit keeps the last good version.
    @Test func hotReload() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("minga-dialogs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let original = try String(contentsOf: repositoryRoot.appendingPathComponent("dialogs/acuerdo.yaml"), encoding: .utf8)
        try original.write(to: dir.appendingPathComponent("acuerdo.yaml"), atomically: true, encoding: .utf8)
        let source = try FlowSource(directory: dir, interval: .zero)
        #expect(source.engine.catalog.flow("acuerdo")?.intro == "Vamos a registrar un acuerdo.")
        try original.replacingOccurrences(of: "intro: Vamos a registrar un acuerdo.", with: "intro: ¡Vamos con el acuerdo!")
            .write(to: dir.appendingPathComponent("acuerdo.yaml"), atomically: true, encoding: .utf8)
        source.reloadIfChanged(force: true)
        #expect(source.engine.catalog.flow("acuerdo")?.intro == "¡Vamos con el acuerdo!")
        try "id: [roto".write(to: dir.appendingPathComponent("acuerdo.yaml"), atomically: true, encoding: .utf8)
        source.reloadIfChanged(force: true)
        #expect(source.engine.catalog.flow("acuerdo")?.intro == "¡Vamos con el acuerdo!")
    }

    /// Without forcing, an edit is still seen at the next due check: by rename (editors) and in
    /// place (`>>`, some editors), which only inotify's modify event (or the stamps) reveal.
    @Test func hotReloadWithoutForce() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("minga-dialogs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("acuerdo.yaml")
        let original = try String(contentsOf: repositoryRoot.appendingPathComponent("dialogs/acuerdo.yaml"), encoding: .utf8)
        try original.write(to: file, atomically: true, encoding: .utf8)
        let source = try FlowSource(directory: dir, interval: .zero)
        source.reloadIfChanged()
        #expect(source.engine.catalog.flow("acuerdo")?.intro == "Vamos a registrar un acuerdo.")
        try original.replacingOccurrences(of: "intro: Vamos a registrar un acuerdo.", with: "intro: ¡Vamos con el acuerdo!")
            .write(to: file, atomically: true, encoding: .utf8)
        #expect(source.engine.catalog.flow("acuerdo")?.intro == "¡Vamos con el acuerdo!")
        // In place: the same inode, no rename in the folder.
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data(original.replacingOccurrences(of: "intro: Vamos a registrar un acuerdo.",
                                                                        with: "intro: Otro acuerdo más.").utf8))
        try handle.close()
        #expect(source.engine.catalog.flow("acuerdo")?.intro == "Otro acuerdo más.")
    }
}

@Suite struct BrokenNetworkFileTests {
    /// A network file broken by hand is reported; Minga neither creates a new network nor writes.
    @Test func brokenNetworkFileBlocksWithoutRecreating() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("minga-broken-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try FileStore(root: dir)
        _ = try store.createNetwork(Network(id: "", name: "Red Norte", kind: .rme))
        let path = dir.path + "/redes/red-norte/red.md"
        let broken = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "tipo: rme", with: "tipo: [rme")
        try broken.write(toFile: path, atomically: true, encoding: .utf8)
        let session = Assistant(store: store, flows: flows, clock: .fixed(now, timeZone: .santiago))
            .session(for: UserRef(id: "ana", name: "Ana"))
        let opening = session.open()
        #expect(opening.messages.first?.hasPrefix("No puedo abrir la red. El archivo redes/red-norte/red.md tiene un problema en la línea 5") == true)
        #expect(opening.expects == nil)
        let reply = session.handle("Red Sur")
        #expect(reply.messages.first?.hasPrefix("No puedo abrir la red.") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path + "/redes") == ["red-norte"])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == broken)
    }
}

/// A session file (sesiones/<hash>.json) a person broke by hand is reported by name and line
/// and never overwritten (design.md, store rules); the conversation still goes on.
@Test func brokenSessionFileIsReportedAndKept() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("minga-session-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let store = try FileStore(root: root)
    _ = try store.createNetwork(Network(id: "", name: "Red Norte", kind: .rme))
    let assistant = Assistant(store: store, flows: flows, clock: .fixed(now, timeZone: .santiago))
    _ = assistant.session(for: UserRef(id: "ana", name: "Ana Pérez")).handle("registrar un acuerdo")
    let dir = root.appendingPathComponent("sesiones")
    let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json") }
    #expect(names.count == 1)
    let file = dir.appendingPathComponent(try #require(names.first))
    let broken = Data("{\"user\": \"ana\",\n  \"state\": [roto\n".utf8)
    try broken.write(to: file)

    let again = Assistant(store: try FileStore(root: root), flows: flows, clock: .fixed(now, timeZone: .santiago))
    let session = again.session(for: UserRef(id: "ana", name: "Ana Pérez"))
    let opening = session.open()
    #expect(opening.messages.contains { $0.contains("sesiones/\(file.lastPathComponent)") && $0.contains("línea") },
            "\(opening.messages)")
    let reply = session.handle("registrar un acuerdo")
    #expect(reply.expects?.flow == "acuerdo")
    #expect(try Data(contentsOf: file) == broken)
}
