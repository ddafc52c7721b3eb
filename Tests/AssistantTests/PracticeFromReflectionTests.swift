import Assistant
import CivilTime
import Domain
import FileStore
import Foundation
import Testing

/// A practice proposed from a reflection is a record of its own from the reflection's save on:
/// it has its id in the files (so the export, which reads them, never shows it without one),
/// and proposing it later for a document takes up that same record.
@Suite struct PracticeFromReflectionTests {
    let at = CivilTime.Clock.parseNow("2027-03-10T10:00", timeZone: .santiago)!
    let reflection = ["sistematizar una práctica", "duplas de lectura entre 5to y 1ro basico",
                      "los de 5to leyeron cuentos a los de 1ro una vez por semana", "que los grandes se lo tomaron en serio",
                      "coordinar mejor los horarios", "fijar el dia al inicio del semestre", "la lectura entre pares motiva a los dos cursos",
                      "saltar", "si", "si"]

    func session(_ store: FileStore) -> Session {
        let s = Assistant(store: store, flows: flows, clock: .fixed(at, timeZone: .santiago))
            .session(for: UserRef(id: "claudia-reyes", name: "Claudia Reyes"))
        _ = s.open()
        return s
    }

    @Test func savedWithItsIdWhenTheReflectionIsSaved() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("minga-practice-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let network = try FileStore(root: root).createNetwork(Network(id: "", name: "RME Linares Centro", kind: .rme, region: "Maule"))
        let s = session(try FileStore(root: root))
        for line in reflection { _ = s.handle(line) }

        // Read back by a fresh store: what is on disk, not what a cache remembers.
        let saved = try FileStore(root: root).snapshot(network: network.id).value
        let r = try #require(saved.reflections.first)
        #expect(r.institutionalize)
        #expect(saved.practices.count == 1)
        let p = try #require(saved.practices.first)
        #expect(p.id == "P-1")
        #expect(p.reflection == r.id)
        #expect(p.state == .propuesta)
        #expect(p.awaitsProposal)
        // What the export lists: the record itself, no id-less stand-in for the reflection.
        #expect(saved.institutionalPractices.map(\.id) == ["P-1"])

        // Proposed later for the PME: the same record, with its document, no second one.
        for line in ["propongamos para el PME la practica de la reflexion de las duplas de lectura", "si"] { _ = s.handle(line) }
        let after = try FileStore(root: root).snapshot(network: network.id).value
        #expect(after.practices.map(\.id) == ["P-1"])
        #expect(after.practices.first?.document == .PME)
        #expect(after.practices.first?.awaitsProposal == false)
    }

    /// «deshacer» right after: the reflection is deleted and the practice only it proposed goes
    /// with it from every list and export (its file stays, as the reflection's does).
    @Test func undoingTheReflectionTakesItsPractice() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("minga-practice-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let network = try FileStore(root: root).createNetwork(Network(id: "", name: "RME Linares Centro", kind: .rme, region: "Maule"))
        let s = session(try FileStore(root: root))
        for line in reflection + ["deshacer", "saltar", "si"] { _ = s.handle(line) }
        let saved = try FileStore(root: root).snapshot(network: network.id).value
        #expect(saved.practices.count == 1)
        #expect(saved.live.reflections.isEmpty)
        #expect(saved.live.institutionalPractices.isEmpty)
    }
}
