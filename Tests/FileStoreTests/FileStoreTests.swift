import CivilTime
import Domain
@testable import FileStore
import Foundation
import Testing

/// A fresh store in a temporary folder, removed by the caller.
func temporaryStore() throws -> (FileStore, URL) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("minga-store-\(UUID().uuidString)")
    return (try FileStore(root: dir), dir)
}

@Suite struct FileStoreTests {
    func agreement(_ text: String) -> Agreement {
        Agreement(id: "", text: text, responsables: ["Ana Pérez"], deadline: LocalDate(year: 2026, month: 12, day: 15),
                  evidence: "acta", registered: "2026-11-25T10:00:00-03:00")
    }

    /// The number people say is read from the id, and only from a well-formed one.
    @Test(arguments: [("A-12", 12), ("E-1", 1), ("S-300", 300), ("A-", nil), ("A-1x", nil), ("", nil)] as [(String, Int?)])
    func recordNumbers(id: String, number: Int?) {
        #expect(Agreement(id: id, text: "t", responsables: [], deadline: nil, evidence: nil, registered: "").number == number)
    }

    /// Ids are short and sequential, and each agreement is its own file.
    @Test func sequentialIds() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = try store.createNetwork(Network(id: "", name: "Red Valdivia Norte", kind: .rme))
        #expect(n.id == "red-valdivia-norte")
        let a1 = try store.addAgreement(agreement("uno"), network: n.id)
        let a2 = try store.addAgreement(agreement("dos"), network: n.id)
        #expect([a1.id, a2.id] == ["A-1", "A-2"])
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path + "/redes/red-valdivia-norte/acuerdos").sorted()
        #expect(files == ["A-1.md", "A-2.md"])
    }

    /// Whatever users type (quotes, colons, line breaks, "---", emoji) reads back exactly.
    @Test(arguments: ["dice: \"hola\" y 'chao'", "línea 1\nlínea 2\n---\nfin", "👍🏽 listo ✅", "null", "- item", "#no es comentario", "a: b: c", "  espacios  ", "\\barra\\"])
    func hostileTextRoundTrips(text: String) throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = try store.createNetwork(Network(id: "", name: text, kind: .otra, territory: text))
        var a = agreement(text)
        a.responsables = [text, "Luis"]
        a.evidence = text
        let saved = try store.addAgreement(a, network: n.id)
        let read = try store.snapshot(network: n.id)
        #expect(read.problems.isEmpty)
        #expect(read.value.network.name == text)
        #expect(read.value.agreements == [saved])
    }

    /// A file broken by hand is reported with its name and line, skipped, and never overwritten.
    @Test func brokenFileReportedAndKept() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = try store.createNetwork(Network(id: "", name: "Red", kind: .rme))
        _ = try store.addAgreement(agreement("uno"), network: n.id)
        let path = dir.path + "/redes/red/acuerdos/A-1.md"
        let broken = "---\nid: A-1\ntexto: [sin cerrar\n---\n"
        try broken.write(toFile: path, atomically: true, encoding: .utf8)
        let read = try store.snapshot(network: n.id)
        #expect(read.value.agreements.isEmpty)
        guard case .brokenFile(let p, let line, _)? = read.problems.first else {
            Issue.record("expected a broken-file problem")
            return
        }
        #expect(p == "redes/red/acuerdos/A-1.md")
        #expect(line == 4)
        #expect(throws: StoreError.self) { try store.updateAgreement(Agreement(id: "A-1", text: "x", responsables: [], deadline: nil, evidence: nil), network: n.id) }
        let next = try store.addAgreement(agreement("dos"), network: n.id)
        #expect(next.id == "A-2")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == broken)
    }

    /// A person fixing a value by hand (plain YAML, no quotes) is read back.
    @Test func handEditReadsBack() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = try store.createNetwork(Network(id: "", name: "Red", kind: .rme))
        _ = try store.addAgreement(agreement("uno"), network: n.id)
        let path = dir.path + "/redes/red/acuerdos/A-1.md"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "plazo: 2026-12-15", with: "plazo: 2026-12-18")
            .replacingOccurrences(of: "texto: \"uno\"", with: "texto: compartir la planificación")
            .replacingOccurrences(of: "responsables:\n- \"Ana Pérez\"", with: "responsables: Luis Soto")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let a = try #require(try store.snapshot(network: n.id).value.agreements.first)
        #expect(a.deadline == LocalDate(year: 2026, month: 12, day: 18))
        #expect(a.text == "compartir la planificación")
        #expect(a.responsables == ["Luis Soto"])
    }

    /// A record edited by hand while the network is cached: the cached list takes the change in
    /// place when the record keeps its place, moves it when its order changes (members go by
    /// name), and a snapshot taken before the edit still shows the record as it was.
    @Test func handEditOfACachedNetwork() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = try store.createNetwork(Network(id: "", name: "Red", kind: .rme))
        for text in ["uno", "dos", "tres"] { _ = try store.addAgreement(agreement(text), network: n.id) }
        try store.saveMember(Member(id: "", name: "Ana Pérez", role: "directora", school: "Escuela A"), network: n.id)
        try store.saveMember(Member(id: "", name: "Luis Soto", role: "jefe UTP", school: "Escuela B"), network: n.id)
        let before = try store.snapshot(network: n.id).value
        #expect(before.members.map(\.name) == ["Ana Pérez", "Luis Soto"])

        let agreementPath = dir.path + "/redes/red/acuerdos/A-2.md"
        let agreementText = try String(contentsOfFile: agreementPath, encoding: .utf8)
        try agreementText.replacingOccurrences(of: "texto: \"dos\"", with: "texto: dos, corregido a mano")
            .write(toFile: agreementPath, atomically: true, encoding: .utf8)
        let memberPath = dir.path + "/redes/red/miembros/ana-perez.md"
        let memberText = try String(contentsOfFile: memberPath, encoding: .utf8)
        try memberText.replacingOccurrences(of: "Ana Pérez", with: "Zulema Pérez").write(toFile: memberPath, atomically: true, encoding: .utf8)

        var after = try store.snapshot(network: n.id).value
        for _ in 0..<40 where after.agreements[1].text == "dos" || after.members.first?.name == "Ana Pérez" {
            usleep(50_000)  // inotify: the change is seen within moments
            after = try store.snapshot(network: n.id).value
        }
        #expect(after.agreements.map(\.text) == ["uno", "dos, corregido a mano", "tres"])
        #expect(after.members.map(\.name) == ["Luis Soto", "Zulema Pérez"])
        #expect(before.agreements.map(\.text) == ["uno", "dos", "tres"])
        #expect(before.members.map(\.name) == ["Ana Pérez", "Luis Soto"])
    }

    /// A wrong date written by hand names the field and the line.
    @Test func badDateIsLocated() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = try store.createNetwork(Network(id: "", name: "Red", kind: .rme))
        _ = try store.addAgreement(agreement("uno"), network: n.id)
        let path = dir.path + "/redes/red/acuerdos/A-1.md"
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "plazo: 2026-12-15", with: "plazo: 15/12")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let problem = try store.snapshot(network: n.id).problems.first
        #expect(problem?.description.contains("línea 6") == true)
        #expect(problem?.description.contains("«plazo» debe ser una fecha") == true)
    }

    /// Two stores on one folder (two processes) never hand out the same id.
    @Test func concurrentWritersNeverCollide() async throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = try store.createNetwork(Network(id: "", name: "Red", kind: .rme))
        let other = try FileStore(root: dir)
        let draft = agreement("x")
        let ids = try await withThrowingTaskGroup(of: [String].self) { group in
            for s in [store, other] {
                group.addTask { try (0..<40).map { _ in try s.addAgreement(draft, network: n.id).id } }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(Set(ids).count == 80)
        #expect(try store.snapshot(network: n.id).value.agreements.count == 80)
    }

    /// Temporary files left by a killed write are removed when a process next reads their network.
    @Test func leftoverTemporaryFilesAreRemoved() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = try store.createNetwork(Network(id: "", name: "Red", kind: .rme))
        // A writer pid above the kernel's highest (2^22): no live process can hold it. With 999
        // the test failed once on this busy machine, where pids wrap and 999 was alive.
        let leftover = dir.path + "/redes/\(n.id)/acuerdos/.tmp-4194305-A-7.md"
        _ = FileManager.default.createFile(atPath: leftover, contents: Data("---\nid: A-7".utf8))
        // Record folders are swept when their network is first read by a process.
        _ = try FileStore(root: dir).snapshot(network: n.id)
        #expect(!FileManager.default.fileExists(atPath: leftover))
    }

    /// Session state is kept per user under a hashed file name.
    @Test func sessionsRoundTrip() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        try store.saveSession("telegram:555/../x", data: Data("{}".utf8))
        #expect(try store.loadSession("telegram:555/../x") == Data("{}".utf8))
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path + "/sesiones")
        #expect(names.count == 1)
        #expect(names[0].range(of: "^[0-9a-f]{16}\\.json$", options: .regularExpression) != nil)
    }

    /// Network ids come from names but never escape the store.
    @Test func slugsStayInside() {
        #expect(Slug.make("../../etc/passwd") == "etc-passwd")
        #expect(Slug.make("Microcentro Ñuble Sur") == "microcentro-nuble-sur")
        #expect(Slug.make("🙂") == "red")
    }
}

@Suite struct ExactlyOnceTests {
    let draft = Agreement(id: "", text: "leer", responsables: ["Ana"], deadline: nil, evidence: nil)

    /// A save repeated with the same key (a retry after kill -9) returns the record already written.
    @Test func retriedSaveIsNotDuplicated() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = try store.createNetwork(Network(id: "", name: "Red", kind: .rme))
        let first = try store.addAgreement(draft, network: n.id, key: SaveKey(["red|ana|0"]))
        let again = try store.addAgreement(draft, network: n.id, key: SaveKey(["red|ana|0"]))
        let next = try store.addAgreement(draft, network: n.id, key: SaveKey(["red|ana|1"]))
        #expect(first.id == "A-1")
        #expect(again == first)
        #expect(next.id == "A-2")
        #expect(try store.snapshot(network: n.id).value.agreements.count == 2)
    }

    /// A kill right after reserving an id: another user's save does not take that id, and the
    /// retry writes the first user's record under it (a retry never gets someone else's record).
    @Test func reservedIdIsNotTakenByAnotherSave() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = try store.createNetwork(Network(id: "", name: "Red", kind: .rme))
        let ana = Agreement(id: "", text: "leer con Ana", responsables: ["Ana"], deadline: nil, evidence: nil)
        let luis = Agreement(id: "", text: "leer con Luis", responsables: ["Luis"], deadline: nil, evidence: nil)
        let stopping = try FileStore(root: dir, faults: StoreFaults(stopAfterReserving: true))
        #expect(throws: StoreError.self) {
            try stopping.addAgreement(ana, network: n.id, key: SaveKey(["red|ana|0"]))
        }
        let other = try store.addAgreement(luis, network: n.id, key: SaveKey(["red|luis|0"]))
        let retried = try store.addAgreement(ana, network: n.id, key: SaveKey(["red|ana|0"]))
        #expect(other.id == "A-2")
        #expect(retried.id == "A-1" && retried.text == "leer con Ana")
        let saved = try store.snapshot(network: n.id).value.agreements
        #expect(saved.map(\.id) == ["A-1", "A-2"] && saved.map(\.text) == ["leer con Ana", "leer con Luis"])
        #expect(store.savedID(SaveKey(["red|ana|0"])) == "red/A-1")
    }

    /// The same inside one holding of the lock (`whileLocked`, as `chat --json` holds it across a
    /// batch): a save that stopped after reserving its id keeps it from the next saves of the
    /// batch, though the reserved numbers are no longer listed on every save.
    @Test func reservedIdIsNotTakenWithinOneLockHolding() throws {
        let (_, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ana = SaveKey(["red|ana|0"])
        let store = try FileStore(root: dir, faults: StoreFaults(stopAfterReservingKey: ana))
        let n = try store.createNetwork(Network(id: "", name: "Red", kind: .rme))
        func draft(_ who: String) -> Agreement {
            Agreement(id: "", text: "leer con \(who)", responsables: [who], deadline: nil, evidence: nil)
        }
        let ids = try store.whileLocked { () throws -> [String] in
            let luis = try store.addAgreement(draft("Luis"), network: n.id, key: SaveKey(["red|luis|0"]))
            #expect(throws: StoreError.self) { try store.addAgreement(draft("Ana"), network: n.id, key: ana) }
            let beto = try store.addAgreement(draft("Beto"), network: n.id, key: SaveKey(["red|beto|0"]))
            let carla = try store.addAgreement(draft("Carla"), network: n.id, key: SaveKey(["red|carla|0"]))
            return [luis.id, beto.id, carla.id]
        }
        #expect(ids == ["A-1", "A-3", "A-4"])
        let retried = try FileStore(root: dir).addAgreement(draft("Ana"), network: n.id, key: ana)
        #expect(retried.id == "A-2" && retried.text == "leer con Ana")
        // Another process's marker, left between two holdings, is seen by the next one.
        let other = try FileStore(root: dir, faults: StoreFaults(stopAfterReserving: true))
        #expect(throws: StoreError.self) { try other.addAgreement(draft("Dani"), network: n.id, key: SaveKey(["red|dani|0"])) }
        let next = try store.whileLocked { try store.addAgreement(draft("Eva"), network: n.id, key: SaveKey(["red|eva|0"])) }
        #expect(next.id == "A-6")
    }

    /// A marker whose session moved on is kept under a spare name and becomes the next save's
    /// marker (no file created per save): it then holds exactly the new id, however long the old
    /// one was, and the old key finds nothing.
    @Test func spareMarkersAreReusedWholly() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let long = try store.createNetwork(Network(id: "", name: "Red de Escuelas Rurales del Sur", kind: .rme))
        let short = try store.createNetwork(Network(id: "", name: "Red", kind: .rme))
        let first = SaveKey(["uno"]).or(SaveKey(["uno", "pedido"]))
        _ = try store.addAgreement(draft, network: long.id, key: first)
        store.forgetSave(first)
        let claves = dir.path + "/.claves"
        let spares = { (try FileManager.default.contentsOfDirectory(atPath: claves)).filter { $0.hasPrefix(FileStore.sparePrefix) } }
        #expect(try spares().count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: claves).filter { SaveKey.isDigest($0) }.isEmpty)
        let second = SaveKey(["dos"])
        _ = try store.addAgreement(draft, network: short.id, key: second)
        #expect(try spares().isEmpty)
        #expect(store.savedID(second) == "red/A-1")
        #expect(store.savedID(first) == nil)
        // Another process adopts the spares this one left.
        store.forgetSave(second)
        let other = try FileStore(root: dir)
        _ = try other.addAgreement(draft, network: short.id, key: SaveKey(["tres"]))
        #expect(try spares().isEmpty)
        #expect(other.savedID(SaveKey(["tres"])) == "red/A-2")
    }

    /// A kill between reserving the id and writing the record: the retry writes it under that id.
    @Test func reservedIdIsUsedOnRetry() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = try store.createNetwork(Network(id: "", name: "Red", kind: .rme))
        _ = try store.addAgreement(draft, network: n.id, key: SaveKey(["k"]))
        try FileManager.default.removeItem(atPath: dir.path + "/redes/red/acuerdos/A-1.md")
        let retried = try store.addAgreement(draft, network: n.id, key: SaveKey(["k"]))
        #expect(retried.id == "A-1")
        #expect(FileManager.default.fileExists(atPath: dir.path + "/redes/red/acuerdos/A-1.md"))
    }

    /// A save made again after its record was written finds that record and leaves no
    /// temporary file behind (the one made before taking the lock, unused, is removed).
    @Test func repeatedSaveLeavesNoTemporaryFile() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = try store.createNetwork(Network(id: "", name: "Red", kind: .rme))
        let first = try store.addAgreement(draft, network: n.id, key: SaveKey(["k"]))
        let again = try store.addAgreement(draft, network: n.id, key: SaveKey(["k"]))
        #expect(again.id == first.id)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path + "/redes/red/acuerdos") == ["A-1.md"])
    }
}

/// Network ids stay unique and within 40 characters however the names collide, and creating
/// one never loops (a name whose slug filled the cap used to loop forever under the lock).
@Suite struct NetworkIDTests {
    /// Property: for random families of names sharing long prefixes, every id is distinct,
    /// ≤ 40 characters, a valid slug, and its folder holds that network.
    @Test(arguments: 0..<8) func collidingNamesGetDistinctBoundedIDs(seed: Int) throws {
        var rng = SplitMix(seed: UInt64(seed))
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let stems = ["Red de Mejoramiento Escolar de la Comuna de Puerto Montt", "Microcentro", "Red", "ñ", "---", "Red 2"]
        var ids: [String] = []
        for _ in 0..<30 {
            let stem = stems[Int(rng.next() % UInt64(stems.count))]
            let tail = rng.next() % 3 == 0 ? " \(rng.next() % 4)" : (rng.next() % 2 == 0 ? " Norte y Sur del Lago Llanquihue" : "")
            ids.append(try store.createNetwork(Network(id: "", name: stem + tail, kind: .rme)).id)
        }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.count <= 40 && Slug.make(id) == id, "\(id)")
            #expect(FileManager.default.fileExists(atPath: dir.path + "/redes/\(id)/red.md"))
        }
    }

    /// The unique-id search ends even when every shorter candidate is taken.
    @Test func uniqueEndsWhenCrowded() {
        var taken: Set<String> = []
        for _ in 0..<120 {
            let id = Slug.unique(String(repeating: "a", count: 60)) { taken.contains($0) }
            #expect(!taken.contains(id) && id.count <= 40)
            taken.insert(id)
        }
    }
}

/// A small deterministic generator for property tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9e3779b97f4a7c15 }
    mutating func next() -> UInt64 {
        state &+= 0x9e3779b97f4a7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58476d1ce4e5b9
        z = (z ^ (z >> 27)) &* 0x94d049bb133111eb
        return z ^ (z >> 31)
    }
}
