import CivilTime
import Domain
import FileStore
import Foundation
import Testing
@testable import StoreHistory

@Suite struct HistoryTests {
    /// Three changes to one agreement by two members read back in order, with their authors and Spanish descriptions.
    @Test func historyOfARecordAfterThreeChanges() throws {
        let dir = TempDir()
        let s = try GitStore(dir.sub("almacen"))
        _ = try s.by("Ana Pérez").createNetwork(Network(id: "", name: "Red Norte", kind: .microcentro))
        let a = try s.by("Ana Pérez").addAgreement(draft("Compartir la planificación"), network: "red-norte")
        try s.history.flush()
        s.clock.advance(days: 1)
        var changed = a
        changed.deadline = LocalDate(year: 2026, month: 12, day: 20)
        try s.by("Beto Soto").updateAgreement(changed, network: "red-norte")
        try s.history.flush()
        s.clock.advance(days: 1)
        changed.status = .cumplido
        changed.history.append(.init(at: "2026-11-27T10:00", status: .cumplido, note: "evidencia: acta"))
        try s.by("Ana Pérez").updateAgreement(changed, network: "red-norte")
        try s.history.flush()

        let entries = try s.history.history(network: "red-norte", record: RecordPath(network: "red-norte", folder: "acuerdos", id: a.id))
        #expect(entries.map(\.author) == ["Ana Pérez", "Beto Soto", "Ana Pérez"])
        #expect(entries[0].email == "ana-perez@red-norte")
        #expect(entries[1].phrases == ["cambió el plazo de A-1 del 15 al 20 de diciembre"])
        #expect(entries[2].phrases == ["marcó A-1 como cumplido"])
        #expect(s.history.line(entries[1]).hasSuffix("· Beto Soto · cambió el plazo de A-1 del 15 al 20 de diciembre"))
        #expect(try s.git("log", "-1", "--format=%s") == "Acuerdo A-1 marcado como cumplido")
    }

    /// Sessions, save markers, the lock and temporary files never reach a commit.
    @Test func ignoredFilesAreNeverCommitted() throws {
        let dir = TempDir()
        let s = try GitStore(dir.sub("almacen"))
        _ = try s.by("Ana").createNetwork(Network(id: "", name: "Red Norte", kind: .rme))
        try s.store.saveSession("ana", data: Data("{}".utf8))
        try Data("x".utf8).write(to: s.root.appendingPathComponent(".tmp-1-0-A-9.md"))
        try s.history.flush()
        try s.history.commitWorkingTree(message: "prueba")
        let files = try s.git("ls-files").split(separator: "\n").map(String.init)
        #expect(files.contains("redes/red-norte/red.md"))
        #expect(!files.contains { $0.hasPrefix("sesiones/") || $0.contains(".claves") || $0 == ".lock" || $0.contains(".tmp-") })
    }

    /// Changes queued by a process that died before its flush are committed on the next start, with their author.
    @Test func aQueueLostToACrashIsCommittedOnTheNextStart() throws {
        let dir = TempDir()
        let root = dir.sub("almacen")
        do {
            let s = try GitStore(root)
            _ = try s.by("Ana Pérez").createNetwork(Network(id: "", name: "Red Norte", kind: .rme))
            _ = try s.by("Ana Pérez").addAgreement(draft("Leer juntos"), network: "red-norte")
            #expect(s.history.pending == 2)
            // No flush, no close: as a kill -9 leaves it.
        }
        let again = try GitHistory(root: root, interval: nil)
        #expect(again.pending == 0)
        let authors = try Git(directory: root).text(["log", "--format=%an", "--", "redes/red-norte/acuerdos/A-1.md"])
        #expect(authors == "Ana Pérez")
    }

    /// «¿quién cambió el acuerdo 1?» is answered from the history, naming the last author.
    @Test func theChatAsksWhoChangedAnAgreement() throws {
        let dir = TempDir()
        let s = try GitStore(dir.sub("almacen"))
        _ = try s.by("Ana Pérez").createNetwork(Network(id: "", name: "Red Norte", kind: .rme))
        var a = try s.by("Ana Pérez").addAgreement(draft("Leer juntos"), network: "red-norte")
        a.deadline = LocalDate(year: 2026, month: 12, day: 18)
        try s.by("Luis Soto").updateAgreement(a, network: "red-norte")
        let lines = try #require(s.history.answer(question: "¿Quién cambió el acuerdo 1?", network: "red-norte"))
        #expect(lines[0].hasPrefix("La última modificación del acuerdo A-1 la hizo Luis Soto el "))
        #expect(lines[0].hasSuffix(": cambió el plazo de A-1 del 15 al 18 de diciembre."))
        // Said other ways: «actualizó», the verb a few words after «quién».
        #expect(s.history.answer(question: "quien actualizo el acuerdo 1", network: "red-norte")?.first == lines[0])
        #expect(s.history.answer(question: "quien fue el ultimo que modifico el acuerdo 1?", network: "red-norte")?.first == lines[0])
        #expect(s.history.answer(question: "¿qué acuerdos hay?", network: "red-norte") == nil)
    }
}
