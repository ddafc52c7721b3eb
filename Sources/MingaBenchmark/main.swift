import Assistant
import CivilTime
import DialogEngine
import FileStore
import FlowFiles
import Foundation
import Understanding
#if canImport(Glibc)
import Glibc
#endif

// Minga's benchmark (release build: `make bench`). Prints figures; asserts nothing.
// First the store people run: full 6-turn "registrar acuerdo" conversations on a FileStore
// beside the default store, in a network already holding 10, 1,000 and 10,000 agreements
// (turns/s, p50/p99, and what the store did per turn), `minga chat --json` with every user
// piped into one process, and the first reply of `minga chat` on a large store. Then the same
// conversations on the in-memory store (for comparison), memory per idle session, Spanish date
// expressions parsed per second, and peak RSS.

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let dialogs = URL(fileURLWithPath: ProcessInfo.processInfo.environment["MINGA_DIALOGS"] ?? root.appendingPathComponent("dialogs").path)
let flows = try FlowSource(directory: dialogs)
let now = CivilTime.Clock.parseNow("2026-11-25T10:00", timeZone: .santiago)!
let clock = CivilTime.Clock.fixed(now, timeZone: .santiago)

func rssKiB(_ field: String) -> Int {
    guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in s.split(separator: "\n") where line.hasPrefix(field) {
        return Int(line.split(separator: " ").dropFirst().first { Int($0) != nil } ?? "0") ?? 0
    }
    return 0
}

func percentile(_ sorted: [UInt64], _ p: Double) -> Double {
    Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]) / 1000
}

// MARK: Start-up of `minga chat` on piped input

// Measured first, from a small process, as a shell would start it: spawning from the large heap
// the conversations below leave behind costs milliseconds that are the benchmark's, not Minga's.
var startup = "primera respuesta:     (no encontré minga junto a minga-bench; compila con `make release`)"

let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("minga")
let turnsOnly = ProcessInfo.processInfo.environment["BENCH_ONLY"] == "turns"
// `BENCH_ONLY=file`: only the in-process file-store runs (for callgrind: no child processes,
// no git, and nothing after them).
let fileOnly = ProcessInfo.processInfo.environment["BENCH_ONLY"] == "file"
if !turnsOnly, !fileOnly, FileManager.default.fileExists(atPath: binary.path) {
    let first = try FileStoreBench.firstReply(binary: binary, records: 0, dialogs: dialogs)
    startup = String(format: "primera respuesta:     %.1f ms (mediana de 15 arranques de `minga chat` con entrada por tubería)", first)
}

// MARK: The file store

let fileUsers = Int(ProcessInfo.processInfo.environment["BENCH_FILE_USERS"] ?? "2000")!
let recordCounts = (ProcessInfo.processInfo.environment["BENCH_RECORDS"] ?? "10,1000,10000").split(separator: ",").compactMap { Int($0) }
var fileLines: [String] = []
var fileRates: [Int: Double] = [:]
if !turnsOnly {
    print("almacén de archivos (\(FileStoreBench.temporaryRoot().deletingLastPathComponent().path), \(ProcessInfo.processInfo.activeProcessorCount) núcleos):")
    for records in recordCounts {
        let r = try FileStoreBench(flows: flows, clock: clock, users: fileUsers, records: records).run()
        fileRates[records] = r.turnsPerSecond
        let perTurn = r.counters.map { String(format: "%@ %.2f", $0.0, Double($0.1) / Double(r.turns)) }.joined(separator: ", ")
        print(String(format: "  %6d acuerdos: %.0f turnos/s; p50 %.1f µs, p99 %.1f µs; %d guardados; por turno: %@",
                     records, r.turnsPerSecond, percentile(r.latencies, 0.5), percentile(r.latencies, 0.99), r.saved, perTurn))
    }
    if !fileOnly, FileManager.default.fileExists(atPath: binary.path) {
        let small = try FileStoreBench.pipedChat(binary: binary, users: fileUsers, records: 100, dialogs: dialogs)
        let large = try FileStoreBench.pipedChat(binary: binary, users: fileUsers, records: 10_000, dialogs: dialogs)
        let indexed = try FileStoreBench.pipedChat(binary: binary, users: fileUsers, records: 10_000, dialogs: dialogs, indexed: true)
        let turns = Double(fileUsers * 6)
        print(String(format: "  chat --json, %d usuarias por tubería: %.0f turnos/s con 100 acuerdos, %.0f con 10000 (%.0f%%; primera lectura de todos los archivos), %.0f con 10000 e índice (%.0f%%)",
                     fileUsers, turns / small, turns / large, 100 * small / large, turns / indexed, 100 * small / indexed))
        let root = FileStoreBench.temporaryRoot()
        _ = try FileStoreBench.seed(root, records: 10_000)
        FileStoreBench.removeLater(root)
        let first = try FileStoreBench.firstReply(binary: binary, records: -1, dialogs: dialogs, at: root)
        let installed = try FileStoreBench.firstReply(binary: binary, records: -1, dialogs: dialogs, at: root, installed: true)
        print(String(format: "  primera respuesta de `minga chat` con 10000 acuerdos: %.1f ms (mediana de 15); %.1f ms instalado, con los diálogos incluidos en el binario en vez de los archivos de dialogs/",
                     first, installed))
    }
}

if fileOnly {
    FileStoreBench.removeStores()
    exit(0)
}

// MARK: The store under git (history), against the plain store in the same run

if !turnsOnly {
    let gitUsers = Int(ProcessInfo.processInfo.environment["BENCH_GIT_USERS"] ?? "500")!
    let plain = try FileStoreBench(flows: flows, clock: clock, users: gitUsers, records: 100).run()
    let withGit = try FileStoreBench(flows: flows, clock: clock, users: gitUsers, records: 100, git: true).run()
    print(String(format: "historial git:         %.0f turnos/s con git frente a %.0f sin git (%.0f%%; %d usuarias, 100 acuerdos, misma corrida)",
                 withGit.turnsPerSecond, plain.turnsPerSecond, 100 * withGit.turnsPerSecond / plain.turnsPerSecond, gitUsers))
}

FileStoreBench.removeStores()

// MARK: Conversations (in memory, for comparison)

let users = Int(ProcessInfo.processInfo.environment["BENCH_USERS"] ?? "20000")!
let script = ["registrar un acuerdo", "compartir la planificación de lectura", "Ana Pérez",
              "el 15 de diciembre", "acta de la reunión", "sí"]
let alternate = ["registrar un acuerdo", "revisar el PME con el equipo", "Luis Soto",
                 "el próximo viernes", "acta firmada", "ya po"]
// Users are spread over networks of 20 people, as real networks are; each network ends with
// 20 agreements.
let store = MemoryStore()
let networks = try (0..<(users + 19) / 20).map { try store.createNetwork(.init(id: "", name: "Red \($0)", kind: .rme)).id }
let assistant = Assistant(store: store, flows: flows, clock: clock)
var latencies: [UInt64] = []
var perStep = [UInt64](repeating: 0, count: script.count)
latencies.reserveCapacity(users * script.count)
var sessions: [Session] = []
sessions.reserveCapacity(users)
let rssBefore = rssKiB("VmRSS:")
var saved = 0
let start = DispatchTime.now().uptimeNanoseconds
for u in 0..<users {
    let s = assistant.session(for: UserRef(id: "u\(u)", name: "Usuaria \(u)", network: networks[u / 20]))
    _ = s.open()
    for (step, line) in (u % 2 == 0 ? script : alternate).enumerated() {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let r = s.handle(line)
        let dt = DispatchTime.now().uptimeNanoseconds - t0
        latencies.append(dt)
        perStep[step] += dt
        if r.messages.last?.hasPrefix("Quedó registrado") == true { saved += 1 }
    }
    sessions.append(s)
}
let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
let rssAfter = rssKiB("VmRSS:")
latencies.sort()
print("en memoria (comparación): \(users) usuarios × \(script.count) turnos, \(saved) acuerdos guardados")
let turnSeconds = Double(latencies.reduce(0, +)) / 1e9
let memoryRate = Double(latencies.count) / turnSeconds
print(String(format: "turnos/s:              %.0f (un núcleo, solo turnos); %.0f contando saludos y creación de sesiones",
             memoryRate, Double(latencies.count) / elapsed))
if let largest = recordCounts.max(), let rate = fileRates[largest] {
    print(String(format: "archivo/memoria:       %.1f%% (almacén de archivos con %d acuerdos frente a memoria, misma corrida)",
                 100 * rate / memoryRate, largest))
}
print(String(format: "latencia por turno:    p50 %.1f µs, p99 %.1f µs", percentile(latencies, 0.5), percentile(latencies, 0.99)))
print("media por paso:        " + perStep.enumerated().map { String(format: "%d) %.1f µs", $0.offset + 1, Double($0.element) / Double(users) / 1000) }.joined(separator: ", "))
// Idle sessions stay in memory (as in the server); agreements are in the store too.
let storeBytes = users * 600
print(String(format: "memoria por sesión:    %.2f KB (RSS %d→%d KiB, menos ~%d KB de acuerdos guardados)",
             Double((rssAfter - rssBefore) * 1024 - storeBytes) / Double(users) / 1000, rssBefore, rssAfter, storeBytes / 1000))

// `BENCH_ONLY=turns` stops here (for profiling the turn path alone).
if turnsOnly { exit(0) }
print(startup)

// MARK: Understanding throughput

let expressions = ["15 de diciembre", "el próximo viernes", "mañana a las 3", "la otra semana", "del 3 al 5 de marzo",
                   "todos los martes a las 16:00", "en dos semanas", "pasado mañana", "cuarto para las 5",
                   "el primer miércoles de cada mes", "15/12", "de 15 a 17 hrs", "a fin de mes", "el lunes que viene"]
let ctx = TemporalContext(now: now, timeZone: .santiago)
var parsed = 0
let p0 = DispatchTime.now().uptimeNanoseconds
for i in 0..<400_000 {
    if TemporalParser.parse(expressions[i % expressions.count], context: ctx) != nil { parsed += 1 }
}
let pSeconds = Double(DispatchTime.now().uptimeNanoseconds - p0) / 1e9
print(String(format: "expresiones/s:         %.0f (%d de 400000 entendidas)", 400_000 / pSeconds, parsed))

// MARK: Reading the dialog files (part of every start-up)

var loads: [Double] = []
for _ in 0..<20 {
    let t0 = DispatchTime.now().uptimeNanoseconds
    _ = try FlowLoader.load(directory: dialogs)
    loads.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
}
loads.sort()
print(String(format: "lectura de diálogos:   %.2f ms (mediana de 20, %d archivos, ya en caché del proceso)", loads[10],
             (try? FileManager.default.contentsOfDirectory(atPath: dialogs.path).filter { $0.hasSuffix(".yaml") }.count) ?? 0))
print("RSS máxima:            \(rssKiB("VmHWM:") / 1024) MiB")
