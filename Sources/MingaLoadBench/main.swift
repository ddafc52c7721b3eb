import Assistant
import CivilTime
import Domain
import FileStore
import Foundation
import Logging
import MingaProtocol
import NIOCore
import NIOPosix
import SocketServer
import Synchronization

/// minga-loadbench: load and fault benchmark of `minga serve` (issue 6).
///
///     minga-loadbench load  [--connections N] [--users M] [--conversations K] [--think-ms T | --rate R] [--memory]
///     minga-loadbench fault [--runs R] [--seed S] [--processes K] [--connections N] [--users M] [--conversations C]
///                           [--kills K] [--deletions D] [--minga PATH]
///
/// `load` runs an in-process server on 127.0.0.1 (seeded store, fixed clock) and a bare NIO
/// line-echo server as the ceiling, with the same load generator, and prints turns/s, p50/p99
/// and the ratio. `--rate R` offers R turns/s in open loop (latency from when each turn was due)
/// instead of the closed loop. `fault` runs K real `minga serve` processes on one store, kills them with SIGKILL
/// mid-load and deletes session files, then counts what confirmed agreements the store kept.

let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String, _ fallback: Int) -> Int {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count, let v = Int(arguments[i + 1]) else { return fallback }
    return v
}
func string(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}

func seed(_ store: any MingaStore) throws {
    let n = try store.createNetwork(Network(id: "", name: "Red Valdivia Norte", kind: .rme))
    try store.saveMember(Member(id: "", name: "Luis Soto"), network: n.id)
}

func report(_ name: String, _ r: LoadResult) {
    say(String(format: "  %@: %d turns in %.2fs = %.0f turns/s; latency p50 %.2f ms, p99 %.2f ms, max %.2f ms; failures %d",
                 name, r.turns, r.seconds, r.turnsPerSecond, r.percentile(0.5), r.percentile(0.99),
                 Double(r.latencies.last ?? 0) / 1e6, r.failures))
}

/// Where the latency goes: the saving turns apart from the others, and the connections' means
/// (closed loop: a connection starved by the turn lanes would show a mean far above the others).
func reportSpread(_ r: LoadResult) {
    var others = r.latencies
    // Every save is in `latencies` too: take them out (both sorted, so one merge-like pass).
    var i = 0, kept: [UInt64] = []
    kept.reserveCapacity(others.count)
    for l in others {
        if i < r.saveLatencies.count && r.saveLatencies[i] == l { i += 1 } else { kept.append(l) }
    }
    others = kept
    let means = r.connectionMeans
    guard !means.isEmpty else { return }
    say(String(format: "    saves (turn 6): p50 %.2f ms, p99 %.2f ms; other turns: p50 %.2f ms, p99 %.2f ms; connections' mean latency: min %.2f, median %.2f, max %.2f ms",
               LoadResult.percentile(r.saveLatencies, 0.5), LoadResult.percentile(r.saveLatencies, 0.99),
               LoadResult.percentile(others, 0.5), LoadResult.percentile(others, 0.99),
               means[0] / 1e6, means[means.count / 2] / 1e6, means[means.count - 1] / 1e6))
}

func loadRun() async throws {
    let plan = LoadPlan(connections: option("--connections", 100), usersPerConnection: option("--users", 10),
                        conversations: option("--conversations", 2), think: .milliseconds(Int64(option("--think-ms", 0))),
                        rate: option("--rate", 0) > 0 ? Double(option("--rate", 0)) : nil,
                        shuffled: arguments.contains("--shuffle"), checkReplies: true)
    // The file store people run is the default; `--memory` measures the in-memory one.
    let fileStore = !arguments.contains("--memory")
    let root = benchStoreRoot()
    let store: any MingaStore = fileStore ? try FileStore(root: root) : MemoryStore()
    if fileStore, let micros = inodeAllocationMicros(in: root.path) {
        say(String(format: "  creating a file in this store's folder: %.0f µs of CPU (~20 µs in a quiet inode group; hundreds when thousands of inodes near it were freed in the last minutes)", micros))
    }
    try seed(store)
    var logger = Logger(label: "minga.loadbench")
    logger.logLevel = .warning
    let now = CivilTime.Clock.parseNow("2026-11-25T10:00", timeZone: .santiago)!
    let assistant = Assistant(store: store, flows: try FlowSource(directory: FlowSource.defaultDirectory()),
                              clock: .fixed(now, timeZone: .santiago), logger: logger, commitsEachTurn: false)
    let serverThreads = option("--server-threads", System.coreCount)
    let server = MingaServer(configuration: ServerConfiguration(endpoints: [.tcp(host: "127.0.0.1", port: 0)],
                                                                turnThreads: option("--turn-threads", max(4, 2 * System.coreCount)),
                                                                eventLoopThreads: serverThreads),
                             hub: SessionHub(assistant: assistant), logger: logger)
    let address = try await server.start()[0]
    let clients = MultiThreadedEventLoopGroup(numberOfThreads: option("--client-threads", 1))
    let echoGroup = MultiThreadedEventLoopGroup(numberOfThreads: serverThreads)
    say("load: \(plan.connections) connections × \(plan.usersPerConnection) users = \(plan.connections * plan.usersPerConnection) concurrent users, \(plan.conversations) × 6-turn «registrar acuerdo» each, \(plan.rate.map { "open loop: \(Int($0)) turns/s offered\(plan.shuffled ? " to users at random" : "")" } ?? "think \(option("--think-ms", 0)) ms"), \(fileStore ? "FileStore (fsync)" : "MemoryStore"), \(System.coreCount) cores")

    // Warm-up (first-turn costs, allocator), not measured.
    _ = try await LoadGenerator.run(LoadPlan(connections: 4, usersPerConnection: 2, conversations: 1, checkReplies: true), against: address, group: clients)

    let cpu0 = (process: processCPU(), client: try await cpuSeconds(of: clients))
    let minga = try await LoadGenerator.run(plan, against: address, group: clients)
    let cpu1 = (process: processCPU(), client: try await cpuSeconds(of: clients))
    await server.shutdown()
    report("minga serve", minga)
    reportSpread(minga)
    reportCPU(client: cpu1.client - cpu0.client, process: cpu1.process - cpu0.process, result: minga)
    let (rounds, held) = server.commitRounds
    if rounds > 0 {
        let times = server.commitTimes
        say(String(format: "  group commit: %d rounds, %d replies held for their fsync (%.1f per round); a round took %.1f ms on average, %.1f ms at most",
                   rounds, held, Double(held) / Double(rounds), times.total / Double(rounds) * 1e3, times.longest * 1e3))
    }
    if let files = store as? FileStore {
        let perTurn = files.counters.values.map { String(format: "%@ %.2f", $0.0, Double($0.1) / Double(max(1, minga.turns))) }
        say("  almacén por turno: " + perTurn.joined(separator: ", "))
        let holds = Double(max(1, files.counters.lockHolds.load(ordering: .relaxed)))
        say(String(format: "  store lock: %.0f µs waited and %.0f µs held per hold, %.2f holds per flock",
                   Double(files.counters.lockWaitNanos.load(ordering: .relaxed)) / holds / 1e3,
                   Double(files.counters.lockHeldNanos.load(ordering: .relaxed)) / holds / 1e3,
                   holds / Double(max(1, files.counters.flocks.load(ordering: .relaxed)))))
    }
    let expected = plan.connections * plan.usersPerConnection * plan.conversations
    let saved = try store.snapshot(network: store.networks()[0].id).value.agreements.count - 8
    say("  agreements confirmed \(minga.confirmations)/\(expected), saved \(saved)")

    let echo = try await EchoServer.start(group: echoGroup)
    var echoPlan = plan
    echoPlan.checkReplies = false
    // The ceiling is a throughput: closed loop, whatever the Minga run offered.
    echoPlan.rate = nil
    let echoCPU0 = (process: processCPU(), client: try await cpuSeconds(of: clients))
    let ceiling = try await LoadGenerator.run(echoPlan, against: echo.localAddress!, group: clients)
    let echoCPU1 = (process: processCPU(), client: try await cpuSeconds(of: clients))
    try await echo.close()
    report("NIO line echo (ceiling)", ceiling)
    reportCPU(client: echoCPU1.client - echoCPU0.client, process: echoCPU1.process - echoCPU0.process, result: ceiling)
    say(String(format: "  ratio minga/echo: %.1f%% of turns/s", 100 * minga.turnsPerSecond / ceiling.turnsPerSecond))
    let freshStore = MemoryStore()
    try seed(freshStore)
    let freshHub = SessionHub(assistant: Assistant(store: freshStore, flows: assistant.flows, clock: assistant.clock, logger: logger))
    let directCPU0 = processCPU()
    let direct = directRun(plan, hub: freshHub, threads: System.coreCount)
    let directCPU = processCPU() - directCPU0
    report("direct SessionHub turns, no sockets (\(System.coreCount) threads)", direct)
    // The same conversations' CPU with no server around them: what the socket run's server CPU
    // per turn is compared with (its excess is the server's own cost per line).
    say(String(format: "    CPU: %.2fs (%.1f µs/turn); the socket run's server spent %.1f µs/turn more",
               directCPU, directCPU / Double(max(1, direct.turns)) * 1e6,
               ((cpu1.process - cpu1.client) - (cpu0.process - cpu0.client)) / Double(max(1, minga.turns)) * 1e6
                   - directCPU / Double(max(1, direct.turns)) * 1e6))
    say(String(format: "  ratio minga/direct: %.1f%% of turns/s", 100 * minga.turnsPerSecond / direct.turnsPerSecond))
    // The echo does no work per line, so minga/echo can never pass the conversation's own rate:
    // this is what minga/echo would be with a server that cost nothing beyond `SessionHub`.
    say(String(format: "  ratio direct/echo: %.1f%% of turns/s (the most minga/echo can reach with these conversations)",
               100 * direct.turnsPerSecond / ceiling.turnsPerSecond))
    try await clients.shutdownGracefully()
    try await echoGroup.shutdownGracefully()
    if fileStore { try? FileManager.default.removeItem(at: root) }
}

/// Where a load run's file store goes: `minga-cargas/<pid>` beside the default store, in a folder
/// whose new subfolders ext4 spreads over the disk's inode groups (the «top directory» hint).
///
/// On ext4 without a journal (this project's machine) a new file skips every inode of its group
/// freed in the last minute or more (`recently_deleted`: a lookup per such inode), and every
/// run removes its store at the end, thousands of files. Stores made one after another in one
/// folder share a group, so each run paid for the previous run's cleanup: 0.7–0.9 ms of kernel
/// time per file created (0.02 ms in a quiet group), a record and a session per conversation,
/// while the folder's other writers spun on its lock. The measurement is of the server, not of
/// what the last run left.
func benchStoreRoot() -> URL {
    let parent = FileStore.defaultRoot().deletingLastPathComponent().appendingPathComponent("minga-cargas", isDirectory: true)
    try? FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    let fd = open(parent.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if fd >= 0 {
        // FS_IOC_GETFLAGS / FS_IOC_SETFLAGS with FS_TOPDIR_FL; other filesystems refuse, harmlessly.
        var flags: Int32 = 0
        if ioctl(fd, 0x8008_6601, &flags) == 0, flags & 0x0002_0000 == 0 {
            flags |= 0x0002_0000
            _ = ioctl(fd, 0x4008_6602, &flags)
        }
        close(fd)
    }
    return parent.appendingPathComponent("\(getpid())", isDirectory: true)
}

/// CPU time of creating an (unnamed) file in `folder`, the mean of a few: what each new record and
/// session costs the kernel before any Minga code runs, so a run's figures can be read against it.
func inodeAllocationMicros(in folder: String, count: Int = 40) -> Double? {
    var start = timespec(), end = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
    for _ in 0..<count {
        // O_TMPFILE | O_WRONLY: nothing is left behind.
        let fd = open(folder, 0o20_200_000 | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        close(fd)
    }
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
    let nanos = Double(end.tv_sec - start.tv_sec) * 1e9 + Double(end.tv_nsec - start.tv_nsec)
    return nanos / Double(count) / 1e3
}

/// CPU seconds used so far by the threads of `group` (the load generator shares the cores with
/// the server it measures, so its share is printed).
func cpuSeconds(of group: MultiThreadedEventLoopGroup) async throws -> Double {
    var total = 0.0
    for loop in group.makeIterator() {
        total += try await loop.submit { () -> Double in
            var ts = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
            return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
        }.get()
    }
    return total
}

/// The process's resident memory (/proc/self/statm), in bytes.
func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
}

/// CPU seconds (user + system) this process used so far.
func processCPU() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

func reportCPU(client: Double, process: Double, result: LoadResult) {
    let turns = Double(max(1, result.turns))
    say(String(format: "    CPU: load generator %.2fs (%.1f µs/turn), server %.2fs (%.1f µs/turn); %.0f%% of %d cores busy",
               client, client / turns * 1e6, process - client, (process - client) / turns * 1e6,
               100 * process / (result.seconds * Double(System.coreCount)), System.coreCount))
}

/// The same conversations straight through `SessionHub` on `threads` threads, no sockets: what
/// a turn costs by itself, so the server's own overhead shows.
func directRun(_ plan: LoadPlan, hub: SessionHub, threads: Int) -> LoadResult {
    let users = plan.connections * plan.usersPerConnection
    let group = DispatchGroup()
    let collected = Mutex<[UInt64]>([])
    let start = DispatchTime.now().uptimeNanoseconds
    for t in 0..<threads {
        group.enter()
        Thread {
            var mine: [UInt64] = []
            // Round-robin over the users, as the socket load interleaves them.
            for k in 0..<plan.conversations {
                for turn in 0..<6 {
                    for user in stride(from: t, to: users, by: threads) {
                        // The socket run's users and words exactly (its own store and hub).
                        let (c, u) = user.quotientAndRemainder(dividingBy: plan.usersPerConnection)
                        let ref = UserRef(id: LoadPlan.user(c: c, u: u), name: "Ana Pérez")
                        let text = LoadPlan.text(c: c, u: u, k: k, turn: turn)
                        let t0 = DispatchTime.now().uptimeNanoseconds
                        _ = hub.handle(text, user: ref)
                        mine.append(DispatchTime.now().uptimeNanoseconds - t0)
                    }
                }
            }
            collected.withLock { $0 += mine }
            group.leave()
        }.start()
    }
    group.wait()
    let latencies = collected.withLock { $0 }.sorted()
    return LoadResult(turns: latencies.count, seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9,
                      latencies: latencies, failures: 0, confirmations: 0)
}

let usage = """
    uso: minga-loadbench load|sessions|turns|fault [opciones]
      load      [--connections 100] [--users 10] [--conversations 2] [--think-ms 0 | --rate TURNOS_POR_SEGUNDO [--shuffle]]
                [--memory] [--turn-threads N] [--server-threads N] [--client-threads 1]
                closed loop by default (each user sends when its reply arrives, after --think-ms);
                --rate offers that many turns/s in open loop, latency counted from when each turn was due;
                --shuffle gives each offered turn to a free user at random (else the one free longest: lockstep)
      sessions  [--users 10000] [--capacity 10000]   memory per idle session
      turns     [--users 1000] [--conversations 2]   engine time per turn, no sockets
      fault     [--runs 5] [--seed S] [--processes 3] [--connections 12] [--users 4] [--conversations 5]
                [--kills 6] [--deletions 4] [--minga PATH]
    """
if arguments.contains("--help") || arguments.contains("-h") {
    print(usage)
    exit(0)
}
let mode = arguments.first ?? "load"
let semaphore = DispatchSemaphore(value: 0)
nonisolated(unsafe) var exitCode: Int32 = 0
Task.detached {
    do {
        switch mode {
        case "load":
            try await loadRun()
        case "sessions":
            // What an idle session costs in memory: N users each say one line (a greeting, so
            // nothing stays in progress), then the heap is compared with before.
            let store = MemoryStore()
            try seed(store)
            let now = CivilTime.Clock.parseNow("2026-11-25T10:00", timeZone: .santiago)!
            let n = option("--users", 10_000)
            let hub = SessionHub(assistant: Assistant(store: store, flows: try FlowSource(directory: FlowSource.defaultDirectory()),
                                                      clock: .fixed(now, timeZone: .santiago)), capacity: option("--capacity", 10_000))
            _ = hub.handle("hola", user: UserRef(id: "warm", name: "Ana Pérez"))
            let before = residentBytes()
            for u in 0..<n { _ = hub.handle("hola", user: UserRef(id: "telegram:\(100_000 + u)", name: "Ana Pérez")) }
            let after = residentBytes()
            say(String(format: "sessions: %d users greeted, %d sessions kept; resident memory +%.1f MB = %.0f bytes per user (hub and in-memory store together)",
                       n, hub.sessionCount, Double(after - before) / 1e6, Double(after - before) / Double(n)))
        case "turns":
            // Where a turn's time goes, by turn of the conversation, as the store fills up.
            let store = MemoryStore()
            try seed(store)
            let now = CivilTime.Clock.parseNow("2026-11-25T10:00", timeZone: .santiago)!
            let hub = SessionHub(assistant: Assistant(store: store, flows: try FlowSource(directory: FlowSource.defaultDirectory()),
                                                      clock: .fixed(now, timeZone: .santiago)))
            let users = option("--users", 1000)
            for k in 0..<option("--conversations", 2) {
                var line = "conversation \(k + 1):"
                for turn in 0..<6 {
                    var total: UInt64 = 0, worst: UInt64 = 0
                    for u in 0..<users {
                        let text = turn == 1 ? "tarea \(u) \(k)" : LoadPlan.turns[turn]
                        let t0 = DispatchTime.now().uptimeNanoseconds
                        _ = hub.handle(text, user: UserRef(id: "p\(u)", name: "Ana Pérez"))
                        let d = DispatchTime.now().uptimeNanoseconds - t0
                        total += d
                        worst = max(worst, d)
                    }
                    line += String(format: " t%d mean %.0fµs max %.1fms;", turn + 1, Double(total) / Double(users) / 1e3, Double(worst) / 1e6)
                }
                say(line)
            }
        case "fault":
            let own = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            let runs = option("--runs", 5)
            let first = UInt64(option("--seed", Int(UInt32.random(in: 1...UInt32.max))))
            var failed = 0
            for r in 0..<runs {
                let run = FaultRun(minga: string("--minga") ?? own.appendingPathComponent("minga").path,
                                   processes: option("--processes", 3), connections: option("--connections", 12),
                                   users: option("--users", 4), conversations: option("--conversations", 5),
                                   kills: option("--kills", 6), deletions: option("--deletions", 4), seed: first + UInt64(r))
                if try !run.run() { failed += 1 }
            }
            say("fault runs: \(runs - failed) of \(runs) OK")
            if failed > 0 { exitCode = 1 }
        default:
            say(usage)
            exitCode = 2
        }
    } catch {
        say("minga-loadbench: \(error)")
        exitCode = 1
    }
    semaphore.signal()
}
semaphore.wait()
exit(exitCode)

/// Prints and flushes at once (stdout to a pipe is block-buffered; progress should show live).
func say(_ text: String) {
    print(text)
    fflush(nil)
}
