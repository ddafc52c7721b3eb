import Domain
import FileStore
import Foundation
import PlainJSON
#if canImport(Glibc)
import Glibc
#endif

/// The fault and concurrency run: K `minga serve` processes on one FileStore, each on its own
/// port, killed with SIGKILL at random moments and restarted, while clients drive N users:
/// the same user id with a network, with another and with none (those are asked which network),
/// different users, and session files deleted mid-run. A client whose connection breaks
/// reconnects, possibly to another process, and sends the same request again (same id).
/// Then the store is checked: every agreement whose confirmation reached a client is there,
/// with its text, once, under the id the confirmation named, and no temporary file is left.
struct FaultRun {
    var minga: String
    var processes: Int
    var connections: Int
    var users: Int
    var conversations: Int
    var kills: Int
    var deletions: Int
    var seed: UInt64

    /// The networks of the run; users without one pick by name.
    static let networkNames = ["Red Valdivia Norte", "Microcentro Los Copihues"]

    /// What the clients learned.
    final class Ledger: @unchecked Sendable {
        // @unchecked: every access holds `lock`.
        private let lock = NSLock()
        private(set) var confirmed: [(network: String, id: String, text: String)] = []
        private(set) var unconfirmed = 0
        private(set) var reconnects = 0
        private(set) var retries = 0
        private(set) var turns = 0
        private(set) var stuckUsers = 0
        func stuck() { lock.withLock { stuckUsers += 1 } }
        func confirm(_ network: String, _ id: String, _ text: String) { lock.withLock { confirmed.append((network, id, text)) } }
        func abandoned() { lock.withLock { unconfirmed += 1 } }
        func reconnected() { lock.withLock { reconnects += 1 } }
        func retried() { lock.withLock { retries += 1 } }
        func turn() { lock.withLock { turns += 1 } }
        var turnCount: Int { lock.withLock { turns } }
    }

    /// Runs once; true when nothing confirmed was lost, duplicated or misnumbered.
    func run() throws -> Bool {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("minga-fault-\(getpid())-\(seed)")
        try? FileManager.default.removeItem(at: root)
        let store = try FileStore(root: root)
        let networks = try Self.networkNames.map { try store.createNetwork(Network(id: "", name: $0, kind: .rme)).id }
        for n in networks { try store.saveMember(Member(id: "", name: "Luis Soto"), network: n) }
        let ports = try (0..<processes).map { _ in try Self.freePort() }
        var rng = SplitMix(seed: seed)
        say("fault run (seed \(seed)): store \(root.path); \(processes) processes, \(connections) connections × \(users) users × \(conversations) conversations; \(kills) kill -9, \(deletions) session files deleted")

        var servers = try ports.map { try startServer(root: root, port: $0) }
        let ledger = Ledger()
        let start = Date()
        let finished = DispatchGroup()
        for c in 0..<connections {
            finished.enter()
            let client = FaultClient(c: c, users: users, conversations: conversations, ports: ports, networks: networks, ledger: ledger)
            let thread = Thread { client.run(); finished.leave() }
            thread.stackSize = 1 << 20
            thread.start()
        }
        // Faults at random moments while the load runs: kill -9 a random process (and restart
        // it), or delete a random session file.
        var events = Array(repeating: true, count: kills) + Array(repeating: false, count: deletions)
        events.shuffle(using: &rng)
        var leftovers = 0
        for isKill in events {
            let pause = 0.05 + Double(rng.next() % 400) / 1000
            if finished.wait(timeout: .now() + pause) == .success { break }
            if isKill {
                let k = Int(rng.next() % UInt64(processes))
                kill(servers[k].processIdentifier, SIGKILL)
                servers[k].waitUntilExit()
                leftovers += Self.temporaryFiles(root).count
                servers[k] = try startServer(root: root, port: ports[k])
            } else {
                let dir = root.appendingPathComponent("sesiones")
                let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
                if !files.isEmpty { unlink(dir.appendingPathComponent(files[Int(rng.next() % UInt64(files.count))]).path) }
            }
        }
        finished.wait()
        let elapsed = Date().timeIntervalSince(start)
        var exitCodes: [Int32] = []
        for server in servers {
            kill(server.processIdentifier, SIGTERM)
            server.waitUntilExit()
            exitCodes.append(server.terminationStatus)
        }

        // The count.
        let check = try FileStore(root: root)
        var byID: [String: Agreement] = [:]
        var textCounts: [String: Int] = [:]
        var problems = 0
        var stored = 0
        for n in networks {
            let read = try check.snapshot(network: n)
            problems += read.problems.count
            stored += read.value.agreements.count
            for a in read.value.agreements {
                byID[n + "/" + a.id] = a
                textCounts[a.text, default: 0] += 1
            }
        }
        var lost = 0, wrongID = 0
        for (network, id, text) in ledger.confirmed {
            if textCounts[text] == nil { lost += 1 } else if byID[network + "/" + id]?.text != text { wrongID += 1 }
        }
        let duplicated = textCounts.values.filter { $0 > 1 }.reduce(0) { $0 + $1 - 1 }
        let temps = Self.temporaryFiles(root)
        say(String(format: "  %.1fs, %d turns, %d reconnects, %d requests sent again; exit codes after SIGTERM: %@", elapsed,
                   ledger.turnCount, ledger.reconnects, ledger.retries, exitCodes.map(String.init).joined(separator: ",")))
        say("  confirmed: \(ledger.confirmed.count)  in store: \(stored)  lost: \(lost)  duplicated: \(duplicated)  wrong id: \(wrongID)  temporary files left: \(temps.count) (seen right after kills: \(leftovers))")
        say("  saved without a confirmation reaching a client: \(stored - ledger.confirmed.count + duplicated); conversations abandoned after a session file was deleted: \(ledger.unconfirmed); unreadable files: \(problems)")
        if ledger.stuckUsers > 0 { say("  users stuck in a loop: \(ledger.stuckUsers)") }
        let ok = ledger.stuckUsers == 0 && lost == 0 && duplicated == 0 && wrongID == 0 && problems == 0 && temps.isEmpty
            && exitCodes.allSatisfy { $0 == 0 }
        say(ok ? "  fault run: OK" : "  fault run: FAILED")
        if ok {
            try? FileManager.default.removeItem(at: root)
        } else {
            for (text, count) in textCounts where count > 1 { say("  repeated ×\(count): «\(text)»") }
            say("  store kept at \(root.path)")
        }
        return ok
    }

    private func startServer(root: URL, port: Int) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: minga)
        p.arguments = ["serve", "--store", root.path, "--tcp", "127.0.0.1:\(port)", "--now", "2026-11-25T10:00", "--log-level", "warning"]
        try p.run()
        // Ready when it accepts a connection.
        for _ in 0..<500 {
            if let fd = try? FaultClient.connect(port: port) { close(fd); return p }
            Thread.sleep(forTimeInterval: 0.01)
        }
        throw FaultError("el servidor no empezó a escuchar en el puerto \(port)")
    }

    static func temporaryFiles(_ root: URL) -> [String] {
        let e = FileManager.default.enumerator(atPath: root.path)
        var out: [String] = []
        while let path = e?.nextObject() as? String {
            if (path as NSString).lastPathComponent.hasPrefix(".tmp-") { out.append(path) }
        }
        return out
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        guard ok else { throw FaultError("no encontré un puerto libre") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}

struct FaultError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// One connection's users with blocking sockets: one request in flight, users in turn. User
/// ids repeat across groups of three connections, each with its own network setting (none,
/// the first, the second), so one person talks in several conversations at once. On a broken
/// connection it reconnects (to the next process) and sends the unanswered request again, with
/// the same id: Minga must answer as if it had been sent once.
struct FaultClient {
    let c: Int
    let users: Int
    let conversations: Int
    let ports: [Int]
    let networks: [String]
    let ledger: FaultRun.Ledger

    struct UserState {
        var k = 0
        var attempt = 0
        var seq = 0
        var text: String?       // the agreement text given in the current conversation
        var next = "quiero registrar un acuerdo"
        var turnsInConversation = 0
        var sawConfirmation = false
        var done = false
    }

    /// Which network the users of this connection name: none (they are asked), or one.
    var setting: Int { c % 3 }

    func userID(_ u: Int) -> String { "fault:g\(c / 3)u\(u)" }

    /// The network the user's agreements go to (the one named, or the one they will pick).
    func network(_ u: Int) -> String { setting == 0 ? networks[u % networks.count] : networks[setting - 1] }

    func run() {
        var states = Array(repeating: UserState(), count: users)
        var fd: Int32 = -1
        var reader = LineReader()
        var server = c
        while states.contains(where: { !$0.done }) {
            for u in 0..<users where !states[u].done {
                var fields: [(String, JSONValue)] = [("id", .string("c\(c)u\(u)s\(states[u].seq)")), ("user", .string(userID(u))),
                                                     ("name", .string("Ana Pérez")), ("text", .string(states[u].next))]
                if setting > 0 { fields.append(("network", .string(networks[setting - 1]))) }
                let line = JSONValue.object(fields).rendered()
                var replyLine: String?
                while replyLine == nil {
                    if fd < 0 {
                        fd = Self.connectRetrying(port: ports[server % ports.count])
                        reader = LineReader()
                    }
                    if Self.sendAll(fd, line + "\n"), let r = reader.readLine(fd) {
                        replyLine = r
                    } else {
                        // The process died mid-request: the next one gets the same request again.
                        close(fd)
                        fd = -1
                        server += 1
                        ledger.reconnected()
                        ledger.retried()
                    }
                }
                ledger.turn()
                states[u].seq += 1
                guard let reply = JSONValue.parse(replyLine!) else { continue }
                states[u].turnsInConversation += 1
                if states[u].turnsInConversation > 60 {
                    ledger.stuck()
                    say("  stuck: \(userID(u)) on connection \(c), last reply \(replyLine!.prefix(300))")
                    states[u].done = true
                    continue
                }
                advance(&states[u], user: u, reply: reply)
            }
        }
        if fd >= 0 { close(fd) }
    }

    private func advance(_ s: inout UserState, user u: Int, reply: JSONValue) {
        let messages = reply["messages"]?.arrayValue?.compactMap(\.stringValue) ?? []
        if let done = messages.first(where: { $0.contains("Quedó registrado como el acuerdo") }),
           let open = done.range(of: "(A-"), let close = done[open.upperBound...].firstIndex(of: ")"), let text = s.text {
            ledger.confirm(network(u), "A-" + done[open.upperBound..<close], text)
            nextConversation(&s)
            return
        }
        let expects = reply["expects"]
        let slot = expects?["slot"]?.stringValue
        let flow = expects?["flow"]?.stringValue
        if flow == "red", slot == "elegir" {
            s.next = FaultRun.networkNames[networks.firstIndex(of: network(u)) ?? 0]
            return
        }
        guard let expects, expects != .null, flow == "acuerdo" else {
            // Idle: a session file deleted mid-conversation starts it over. If its text was
            // already given, that conversation ends unconfirmed and a new one (new text) begins.
            if s.text != nil {
                ledger.abandoned()
                nextConversation(&s)
            }
            s.next = "quiero registrar un acuerdo"
            return
        }
        switch (slot, expects["type"]?.stringValue) {
        case ("texto", _):
            if s.text == nil { s.text = "tarea fault c\(c) u\(u) k\(s.k) a\(s.attempt)" }
            s.next = s.text!
        case ("responsables", _): s.next = "Luis"
        case ("plazo", _): s.next = "el viernes"
        case ("evidencia", _): s.next = "acta del consejo de profesores"
        case (_, "confirm"), (_, "yesno"): s.next = "si"
        default: s.next = "cancelar"
        }
    }

    private func nextConversation(_ s: inout UserState) {
        s.k += 1
        s.attempt += 1
        s.text = nil
        s.turnsInConversation = 0
        s.next = "quiero registrar un acuerdo"
        s.done = s.k >= conversations
    }

    // MARK: Sockets

    static func connect(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        let r = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard r == 0 else { close(fd); throw FaultError("connect") }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        return fd
    }

    static func connectRetrying(port: Int) -> Int32 {
        for _ in 0..<3000 {
            if let fd = try? connect(port: port) { return fd }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return -1
    }

    static func sendAll(_ fd: Int32, _ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var off = 0
        while off < bytes.count {
            let n = bytes[off...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { if n < 0 && errno == EINTR { continue }; return false }
            off += n
        }
        return true
    }

    struct LineReader {
        var buffer: [UInt8] = []
        mutating func readLine(_ fd: Int32) -> String? {
            while true {
                if let nl = buffer.firstIndex(of: 0x0A) {
                    let line = String(decoding: buffer[..<nl], as: UTF8.self)
                    buffer.removeFirst(nl + 1)
                    return line
                }
                var chunk = [UInt8](repeating: 0, count: 65536)
                let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, 65536, 0) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return nil }
                buffer += chunk[..<n]
            }
        }
    }
}

/// A small seeded generator, so a failing fault run can be repeated with its seed.
struct SplitMix: RandomNumberGenerator {
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
