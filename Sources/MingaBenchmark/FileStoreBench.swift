import Assistant
import CivilTime
import Domain
import FileStore
import Foundation
import StoreHistory
#if canImport(Glibc)
import Glibc
#endif

/// The store people run, measured: a temporary FileStore on the same filesystem as the default
/// store, one network already holding `records` agreements, `users` people each going through
/// the 6-turn «registrar acuerdo» in-process, round-robin (as a bridge interleaves them).
struct FileStoreBench {
    let flows: FlowSource
    let clock: CivilTime.Clock
    let users: Int
    let records: Int
    /// The store under git, each save committed by its author (the history's queue, flushed at the end).
    var git = false

    struct Result {
        var turns: Int
        var seconds: Double
        var latencies: [UInt64]
        var saved: Int
        var counters: [(String, Int)]
        var turnsPerSecond: Double { Double(turns) / seconds }
    }

    /// Stores made by the measurements, removed by `removeStores()` once the file-store figures
    /// are all taken. Removing one right after its measurement made the next one slower: ext4
    /// (without a journal, as here) steps over every inode freed in the last ~35 s of a block
    /// group when it allocates a new one, and a new store lands in the same group as the one just
    /// removed, so each file the next run created paid ~0.4 ms for the previous run's cleanup,
    /// not for anything Minga did.
    nonisolated(unsafe) private static var leftovers: [URL] = []

    static func removeLater(_ root: URL) { leftovers.append(root) }

    static func removeStores() {
        for root in leftovers { try? FileManager.default.removeItem(at: root) }
        leftovers = []
    }

    /// A folder beside the default store (same filesystem, same fsync cost), removed at the end.
    static func temporaryRoot() -> URL {
        let base = FileStore.defaultRoot().deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        return base.appendingPathComponent("minga-bench-\(getpid())-\(UUID().uuidString.prefix(6))")
    }

    /// Writes `records` agreements as files (the way a year of work leaves them), plus a member.
    static func seed(_ root: URL, records: Int) throws -> String {
        let store = try FileStore(root: root)
        let network = try store.createNetwork(Network(id: "", name: "Red Bench", kind: .rme)).id
        try store.saveMember(Member(id: "", name: "Luis Soto"), network: network)
        let dir = root.appendingPathComponent("redes/\(network)/acuerdos")
        for i in 1...max(1, records) where records > 0 {
            let text = """
            ---
            id: A-\(i)
            texto: acuerdo anterior \(i)
            responsables:
              - Luis Soto
            plazo: 2027-\(String(format: "%02d", 3 + i % 9))-\(String(format: "%02d", 1 + i % 28))
            evidencia: acta
            estado: pendiente
            registrado: 2026-03-10T10:00:00-03:00
            ---

            # Acuerdo A-\(i)

            """
            try Data(text.utf8).write(to: dir.appendingPathComponent("A-\(i).md"))
        }
        return network
    }

    func run() throws -> Result {
        let root = Self.temporaryRoot()
        defer { Self.removeLater(root) }
        let network = try Self.seed(root, records: records)
        let store = try FileStore(root: root)
        if git { try GitHistory.enable(at: root) }
        let history = git ? try GitHistory(root: root) : nil
        let assistant = Assistant(store: store, flows: flows, clock: clock, changes: history)
        _ = try store.snapshot(network: network)  // the first read of a process, not a turn
        let before = store.counters.values
        var sessions: [Session] = []
        sessions.reserveCapacity(users)
        for u in 0..<users {
            sessions.append(assistant.session(for: UserRef(id: "bench:\(u)", name: "Usuaria \(u)", network: network)))
        }
        var latencies: [UInt64] = []
        latencies.reserveCapacity(users * 6)
        var saved = 0
        let start = DispatchTime.now().uptimeNanoseconds
        for step in 0..<6 {
            for u in 0..<users {
                let text = ["quiero registrar un acuerdo", "tarea de la usuaria \(u)", "Luis", "el 15 de diciembre",
                            "acta de la reunión", "sí"][step]
                let t0 = DispatchTime.now().uptimeNanoseconds
                let r = sessions[u].handle(text, requestID: "u\(u)-\(step)")
                latencies.append(DispatchTime.now().uptimeNanoseconds - t0)
                if step == 5, r.messages.contains(where: { $0.hasPrefix("Quedó registrado") }) { saved += 1 }
            }
        }
        history?.close()  // the last commits count too
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let after = store.counters.values
        latencies.sort()
        return Result(turns: users * 6, seconds: seconds, latencies: latencies, saved: saved,
                      counters: zip(before, after).map { ($0.0, $1.1 - $0.1) })
    }

    /// `minga chat --json` as a bridge runs it: every user's lines piped into one process, on a
    /// store already holding `records` agreements. Wall time from start to the last reply.
    /// `indexed`: a process has opened the network before (as any store in use), so its index
    /// (`redes/<red>/.indice`) is there; else the first read parses every file.
    static func pipedChat(binary: URL, users: Int, records: Int, dialogs: URL, indexed: Bool = false) throws -> Double {
        let root = temporaryRoot()
        defer { removeLater(root) }
        let network = try seed(root, records: records)
        if indexed {
            // Past a clock tick after the last seeded file: the index trusts only settled folders.
            usleep(200_000)
            _ = try firstReply(binary: binary, records: -1, dialogs: dialogs, runs: 1, at: root)
        }
        var input = ""
        for step in 0..<6 {
            for u in 0..<users {
                let text = ["quiero registrar un acuerdo", "tarea de la usuaria \(u)", "Luis", "el viernes",
                            "acta del consejo de profesores", "si"][step]
                input += #"{"id":"u\#(u)-\#(step)","user":"bench:\#(u)","name":"Ana Pérez","network":"\#(network)","text":"\#(text)"}"# + "\n"
            }
        }
        let inputFile = root.appendingPathComponent("entrada.jsonl")
        try Data(input.utf8).write(to: inputFile)
        let p = Process()
        p.executableURL = binary
        p.arguments = ["chat", "--json", "--store", root.path, "--now", "2026-11-25T10:00"]
        var env = ProcessInfo.processInfo.environment
        env["MINGA_DIALOGS"] = dialogs.path
        p.environment = env
        p.standardInput = try FileHandle(forReadingFrom: inputFile)
        p.standardOutput = FileHandle.nullDevice
        let t0 = DispatchTime.now().uptimeNanoseconds
        try p.run()
        p.waitUntilExit()
        return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
    }

    /// Median time to the first reply of `minga chat` (piped) on a store holding `records` agreements.
    /// `at`: an already seeded store (records -1), left in place.
    /// `installed`: as `make install` leaves it, a copy outside the build folder started away from
    /// any checkout, so it runs the dialogs built into it (what people run) instead of reading the
    /// checkout's dialog files.
    static func firstReply(binary: URL, records: Int, dialogs: URL, runs: Int = 15, at existing: URL? = nil,
                           installed: Bool = false) throws -> Double {
        let root = existing ?? temporaryRoot()
        defer { if existing == nil { removeLater(root) } }
        if records > 0 { _ = try seed(root, records: records) }
        var program = binary
        var away: URL?
        if installed {
            let dir = temporaryRoot()
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            program = dir.appendingPathComponent("minga")
            try FileManager.default.copyItem(at: binary, to: program)
            away = dir
            removeLater(dir)
        }
        var firsts: [Double] = []
        for _ in 0..<runs {
            let p = Process()
            p.executableURL = program
            p.arguments = ["chat", "--store", root.path, "--now", "2026-11-25T10:00:00", "--user", "Ana"]
            var env = ProcessInfo.processInfo.environment
            if let away {
                env["MINGA_DIALOGS"] = nil
                p.currentDirectoryURL = away
            } else {
                env["MINGA_DIALOGS"] = dialogs.path
            }
            p.environment = env
            let input = Pipe(), output = Pipe()
            p.standardInput = input
            p.standardOutput = output
            let t0 = DispatchTime.now().uptimeNanoseconds
            try p.run()
            input.fileHandleForWriting.write(Data((records != 0 ? "hola\n" : "Red Bench\n").utf8))
            _ = output.fileHandleForReading.availableData  // the first reply block
            firsts.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
            try input.fileHandleForWriting.close()
            p.waitUntilExit()
        }
        firsts.sort()
        return firsts[firsts.count / 2]
    }
}
