import CivilTime
import Domain
import FileStore
import Foundation
import Testing
@testable import StoreHistory

/// Two schools working offline from one shared remote (the server's), as a microcentro does.
@Suite struct SyncTests {
    struct Schools {
        let dir = TempDir()
        let remote: URL
        let x: GitStore
        let y: GitStore

        /// The remote holds a network with A-1; both schools start as copies of it.
        init() throws {
            remote = try bareRemote(dir)
            let server = try GitStore(dir.sub("servidor"))
            _ = try server.by("Ana Pérez").createNetwork(Network(id: "", name: "Red Norte", kind: .microcentro))
            _ = try server.by("Ana Pérez").addAgreement(draft("Planificar el encuentro de marzo"), network: "red-norte")
            _ = try server.history.sync(remote: remote.path, faults: SyncFaults())
            try GitHistory.clone(from: remote.path, to: dir.sub("escuela-x"))
            try GitHistory.clone(from: remote.path, to: dir.sub("escuela-y"))
            x = try GitStore(dir.sub("escuela-x"))
            y = try GitStore(dir.sub("escuela-y"))
        }

        /// Each school adds two agreements and edits A-1's deadline to a different date; Y also
        /// writes a reflection about its own A-3.
        func workOffline() throws {
            for (s, who, tag, day) in [(x, "Ana Pérez", "X", 20), (y, "Luis Soto", "Y", 22)] {
                _ = try s.by(who).addAgreement(draft("Tarea \(tag)1"), network: "red-norte")
                _ = try s.by(who).addAgreement(draft("Tarea \(tag)2"), network: "red-norte")
                var a1 = try #require(try s.agreement("A-1"))
                a1.deadline = LocalDate(year: 2026, month: 12, day: day)
                try s.by(who).updateAgreement(a1, network: "red-norte")
            }
            _ = try y.by("Luis Soto").addReflection(Reflection(id: "", date: LocalDate(year: 2026, month: 11, day: 26), author: "Luis Soto",
                                                               practice: "Lectura compartida", agreement: "A-3"), network: "red-norte")
            try x.history.flush()
            try y.history.flush()
        }
    }

    static func texts(_ s: GitStore) throws -> [String] {
        try s.store.snapshot(network: "red-norte").value.agreements.map(\.text).sorted()
    }

    /// Both schools sync: every new agreement is in both stores exactly once, references follow the renumbering, the conflicting edit is reported.
    @Test func twoOfflineSchoolsSyncThroughTheRemote() throws {
        let w = try Schools()
        try w.workOffline()
        let first = try w.x.history.sync(faults: SyncFaults())
        #expect(first.pushed && first.conflicts.isEmpty)
        let second = try w.y.history.sync(faults: SyncFaults())
        #expect(second.renumbered.map(\.from) == ["A-2", "A-3"])
        #expect(second.renumbered.map(\.to) == ["A-4", "A-5"])
        #expect(second.conflicts.map(\.field) == ["plazo"])
        _ = try w.x.history.sync(faults: SyncFaults())

        let expected = ["Planificar el encuentro de marzo", "Tarea X1", "Tarea X2", "Tarea Y1", "Tarea Y2"]
        for s in [w.x, w.y] {
            let read = try s.store.snapshot(network: "red-norte")
            #expect(read.problems.isEmpty)
            #expect(try Self.texts(s) == expected)
            #expect(read.value.agreements.map(\.id) == ["A-1", "A-2", "A-3", "A-4", "A-5"])
            // Y's reflection followed its agreement from.
            let reflection = try #require(read.value.reflections.first)
            #expect(read.value.agreements.first { $0.id == reflection.agreement }?.text == "Tarea Y2")
            // The record keeps the remote's deadline; the other one waits in a conflict.
            #expect(read.value.agreements[0].deadline == LocalDate(year: 2026, month: 12, day: 20))
            let conflicts = s.history.conflicts()
            #expect(conflicts.count == 1)
            #expect(conflicts.first?.summary == "el plazo de A-1 (red-norte): quedó «20 de diciembre de 2026»; el otro valor es «22 de diciembre de 2026»")
        }
        // Y's renumbered agreement keeps its history under its old number.
        let history = try w.y.history.history(network: "red-norte", record: RecordPath(network: "red-norte", folder: "acuerdos", id: "A-5"))
        #expect(history.first?.author == "Luis Soto")
        #expect(history.contains { $0.phrases.contains { $0.hasPrefix("renumeró A-3 como A-5") } })
    }

    /// Choosing the other value puts it in the record, removes the conflict, and is a commit by who chose.
    @Test func aConflictIsResolvedByHand() throws {
        let w = try Schools()
        try w.workOffline()
        _ = try w.x.history.sync(faults: SyncFaults())
        _ = try w.y.history.sync(faults: SyncFaults())
        let conflict = try #require(w.y.history.conflicts().first)
        try w.y.history.resolve(conflict, useOther: true, author: .member(name: "Luis Soto", id: "luis", network: "red-norte"))
        #expect(w.y.history.conflicts().isEmpty)
        #expect(try w.y.agreement("A-1")?.deadline == LocalDate(year: 2026, month: 12, day: 22))
        #expect(try w.y.git("log", "-1", "--format=%an|%s") == "Luis Soto|Conflicto en el plazo de A-1 resuelto con el otro valor")
    }

    /// A sync stopped after its first file (as a kill -9 would) leaves a readable store, and the rerun loses nothing.
    @Test func aSyncKilledMidwayIsFinishedByTheRerun() throws {
        let w = try Schools()
        try w.workOffline()
        _ = try w.x.history.sync(faults: SyncFaults())
        #expect(throws: SyncInterrupted.self) { try w.y.history.sync(faults: SyncFaults(stopAfterApplying: 1)) }
        #expect(try w.y.store.snapshot(network: "red-norte").problems.isEmpty)
        // The rerun: a new process opens the history (finishing the sync) and syncs again.
        let again = try GitHistory(root: w.y.root, interval: nil)
        _ = try again.sync(faults: SyncFaults())
        _ = try w.x.history.sync(faults: SyncFaults())
        let expected = ["Planificar el encuentro de marzo", "Tarea X1", "Tarea X2", "Tarea Y1", "Tarea Y2"]
        #expect(try Self.texts(w.y) == expected)
        #expect(try Self.texts(w.x) == expected)
        #expect(!FileManager.default.fileExists(atPath: w.y.root.appendingPathComponent(".git/minga/sincronizacion-en-curso").path))
    }

    /// `minga sync` killed with SIGKILL after its first file, as a real process: the store stays
    /// readable, and the next `minga sync` finishes the exchange without losing anything.
    @Test func aSyncProcessKilledWithSigkillIsFinishedByTheRerun() throws {
        let binary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/minga")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else { return }
        let w = try Schools()
        try w.workOffline()
        _ = try w.x.history.sync(faults: SyncFaults())
        func sync(killAfter: Int?) throws -> Int32 {
            let p = Process()
            p.executableURL = binary
            p.arguments = ["sync", "--store", w.y.root.path]
            var env = ProcessInfo.processInfo.environment
            env["MINGA_SYNC_KILL_AFTER"] = killAfter.map(String.init)
            p.environment = env
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            return p.terminationReason == .uncaughtSignal ? -p.terminationStatus : p.terminationStatus
        }
        #expect(try sync(killAfter: 1) == -SIGKILL)
        #expect(try FileStore(root: w.y.root).snapshot(network: "red-norte").problems.isEmpty)
        #expect(try sync(killAfter: nil) == 0)
        _ = try w.x.history.sync(faults: SyncFaults())
        let expected = ["Planificar el encuentro de marzo", "Tarea X1", "Tarea X2", "Tarea Y1", "Tarea Y2"]
        #expect(try Self.texts(GitStore(w.y.root)) == expected)
        #expect(try Self.texts(w.x) == expected)
    }

    /// Edits of different fields of one record merge without a conflict.
    @Test func editsOfDifferentFieldsMergeSilently() throws {
        let w = try Schools()
        var a = try #require(try w.x.agreement("A-1"))
        a.deadline = LocalDate(year: 2026, month: 12, day: 30)
        try w.x.by("Ana").updateAgreement(a, network: "red-norte")
        var b = try #require(try w.y.agreement("A-1"))
        b.status = .enProceso
        try w.y.by("Luis").updateAgreement(b, network: "red-norte")
        try w.x.history.flush()
        try w.y.history.flush()
        _ = try w.x.history.sync(faults: SyncFaults())
        let report = try w.y.history.sync(faults: SyncFaults())
        #expect(report.conflicts.isEmpty)
        let merged = try #require(try w.y.agreement("A-1"))
        #expect(merged.deadline == LocalDate(year: 2026, month: 12, day: 30))
        #expect(merged.status == .enProceso)
    }
}
