import CivilTime
import Domain
import FileStore
import Foundation
import Testing

/// A learning result corrected and deleted, and a poll closed on no option: written, read back
/// by a fresh process, and read from files written before those fields existed.
@Suite struct CorrectedRecordsTests {
    static let day = LocalDate(year: 2026, month: 12, day: 7)

    @Test func resultHistoryAndDeletionRoundTrip() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = try store.createNetwork(Network(id: "", name: "Red Norte", kind: .rme))
        var l = try store.addResult(LearningResult(id: "", date: Self.day, measure: "SIMCE 2025", subject: "Lenguaje", value: "215 puntos"),
                                    network: n.id)
        l.history.append(.init(at: "2026-12-07T10:00:00-03:00", field: "valor", before: "215 puntos", note: "corregido por Ana: «sí»"))
        l.value = "251 puntos"
        try store.updateResult(l, network: n.id)
        var back = try FileStore(root: dir).snapshot(network: n.id)
        #expect(back.problems.isEmpty)
        #expect(back.value.results == [l])
        l.deleted = "2026-12-07T11:00:00-03:00 por Ana Pérez: repetido"
        try store.updateResult(l, network: n.id)
        back = try FileStore(root: dir).snapshot(network: n.id)
        #expect(back.value.results.first?.deleted == l.deleted)
        #expect(back.value.live.results.isEmpty)
    }

    @Test func pollClosedWithoutDateRoundTrips() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = try store.createNetwork(Network(id: "", name: "Red Norte", kind: .rme))
        let option = LocalDateTime(date: Self.day, time: LocalTime(hour: 15))
        let p = try store.addPoll(Poll(id: "", title: "Jornada", options: [option]), network: n.id)
        #expect(p.isOpen && p.state == "abierto")
        _ = try store.modifyPoll(id: p.id, network: n.id) { $0.closedWithoutDate = "2026-12-07T10:00:00-03:00 por Ana Pérez: no hubo acuerdo" }
        let back = try FileStore(root: dir).snapshot(network: n.id).value.polls[0]
        #expect(!back.isOpen && back.state == "cerrado_sin_fecha" && back.chosen == nil)
        #expect(back.closedWithoutDate == "2026-12-07T10:00:00-03:00 por Ana Pérez: no hubo acuerdo")
    }

    /// Files written before `historial`, `borrado` and `cerrado_sin_fecha` read as before.
    @Test func olderFilesWithoutTheFields() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = try store.createNetwork(Network(id: "", name: "Red Norte", kind: .rme))
        let folder = dir.appendingPathComponent("redes/\(n.id)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("resultados"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sondeos"), withIntermediateDirectories: true)
        try "---\nid: L-1\nfecha: 2026-12-07\nmedicion: \"SIMCE 2025\"\nvalor: \"215 puntos\"\n---\n"
            .write(to: folder.appendingPathComponent("resultados/L-1.md"), atomically: true, encoding: .utf8)
        try "---\nid: S-1\ntitulo: Jornada\nopciones:\n- 2026-12-10T15:00\nrespuestas: []\nelegida: null\n---\n"
            .write(to: folder.appendingPathComponent("sondeos/S-1.md"), atomically: true, encoding: .utf8)
        let back = try FileStore(root: dir).snapshot(network: n.id)
        #expect(back.problems.isEmpty)
        #expect(back.value.results.first?.history == [] && back.value.results.first?.deleted == nil)
        #expect(back.value.polls.first?.isOpen == true && back.value.polls.first?.closedWithoutDate == nil)
    }
}
