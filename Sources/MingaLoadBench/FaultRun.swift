import Domain
import FileStore
import Foundation
import PlainJSON
#if canImport(Glibc)
import Glibc
#endif

/// The fault run: `minga serve` as a child process on a FileStore, killed with SIGKILL in the
/// middle of the load and restarted; clients reconnect and resume. Then the store is checked:
/// every agreement whose confirmation reached a client is there, intact, exactly once, and no
/// temporary file is left.
struct FaultRun {
    var minga: String
    var connections: Int
    var users: Int
    var conversations: Int
    var killAfter: [Double]  // seconds since start, one per kill

    /// What the clients learned.
    final class Ledger: @unchecked Sendable {
        // @unchecked: every access holds `lock`.
        private let lock = NSLock()
        private(set) var confirmed: [(id: String, text: String?)] = []
        private(set) var uncertain = 0
        private(set) var reconnects = 0
        private(set) var turns = 0
        private(set) var stuckUsers = 0
        func stuck() { lock.withLock { stuckUsers += 1 } }
        func confirm(_ id: String, _ text: String?) { lock.withLock { confirmed.append((id, text)) } }
        func lost() { lock.withLock { uncertain += 1 } }
        func reconnected() { lock.withLock { reconnects += 1 } }
        func turn() { lock.withLock { turns += 1 } }
    }

    func run() throws -> Bool {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("minga-fault-\(getpid())")
        try? FileManager.default.removeItem(at: root)
        let store = try FileStore(root: root)
        let network = try store.createNetwork(Network(id: "", name: "Red Valdivia Norte", kind: .rme))
        try store.saveMember(Member(id: "", name: "Luis Soto"), network: network.id)
        let port = try Self.freePort()
        say("fault run: store \(root.path), port \(port), \(connections) connections × \(users) users × \(conversations) conversations, kill -9 at \(killAfter.map { String(format: "%.1fs", $0) }.joined(separator: ", "))")

        var server = try startServer(root: root, port: port)
        let ledger = Ledger()
        let start = Date()
        let finished = DispatchGroup()
        for c in 0..<connections {
            finished.enter()
            let client = FaultClient(c: c, users: users, conversations: conversations, port: port, ledger: ledger)
            let thread = Thread { client.run(); finished.leave() }
            thread.stackSize = 1 << 20
            thread.start()
        }
        var leftovers = 0
        for at in killAfter {
            let wait = at - Date().timeIntervalSince(start)
            if wait > 0, finished.wait(timeout: .now() + wait) == .success {
                say("  (load finished before the kill at \(at)s; no kill)")
                break
            }
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
            leftovers += Self.temporaryFiles(root).count
            say(String(format: "  %.2fs: kill -9 (pid %d) after %d turns; %d temporary files left behind", Date().timeIntervalSince(start),
                         server.processIdentifier, ledger.turns, Self.temporaryFiles(root).count))
            Thread.sleep(forTimeInterval: 0.2)
            server = try startServer(root: root, port: port)
        }
        finished.wait()
        let elapsed = Date().timeIntervalSince(start)
        kill(server.processIdentifier, SIGTERM)
        server.waitUntilExit()
        let exitCode = server.terminationStatus

        // The count.
        let read = try FileStore(root: root).snapshot(network: network.id)
        let agreements = read.value.agreements
        var byID: [String: Agreement] = [:]
        for a in agreements { byID[a.id] = a }
        var textCounts: [String: Int] = [:]
        for a in agreements { textCounts[a.text, default: 0] += 1 }
        var lost = 0, wrongText = 0, duplicated = 0
        for (id, text) in ledger.confirmed {
            guard let a = byID[id] else { lost += 1; continue }
            if let text, a.text != text { wrongText += 1 }
            if (textCounts[a.text] ?? 0) > 1 { duplicated += 1 }
        }
        let distinctIDs = Set(agreements.map(\.id)).count
        let temps = Self.temporaryFiles(root)
        say(String(format: "  %.1fs, %d turns, %d reconnects; server exit code after SIGTERM: %d", elapsed, ledger.turns, ledger.reconnects, exitCode))
        say("  confirmed to clients: \(ledger.confirmed.count); in store: \(agreements.count) agreements (\(distinctIDs) distinct ids)")
        say("  unconfirmed (reply lost in a kill): \(ledger.uncertain); saved without a confirmation reaching a client: \(agreements.count - ledger.confirmed.count)")
        say("  lost: \(lost)  duplicated: \(duplicated)  wrong text: \(wrongText)  unreadable files: \(read.problems.count)  temporary files left: \(temps.count) (seen right after kills: \(leftovers))")
        if ledger.stuckUsers > 0 { say("  users stuck in a loop: \(ledger.stuckUsers)") }
        let ok = ledger.stuckUsers == 0 && lost == 0 && duplicated == 0 && wrongText == 0 && read.problems.isEmpty && temps.isEmpty && exitCode == 0
        say(ok ? "  fault run: OK" : "  fault run: FAILED")
        if ok {
            try? FileManager.default.removeItem(at: root)
        } else {
            // Kept for a look: which records repeat, and when each was written.
            for a in agreements where (textCounts[a.text] ?? 0) > 1 {
                say("  repeated: \(a.id) «\(a.text)» registered \(a.registered), confirmed: \(ledger.confirmed.contains { $0.0 == a.id })")
            }
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

/// One connection's users with blocking sockets: one request in flight, users in turn. On a
/// broken connection it reconnects and, for each user, asks "ayuda" (which changes nothing) to
/// learn where the conversation stands, then carries on from the reply's `expects`.
struct FaultClient {
    let c: Int
    let users: Int
    let conversations: Int
    let port: Int
    let ledger: FaultRun.Ledger

    struct UserState {
        var k = 0
        var attempt = 0
        var text: String?       // the agreement text given in the current conversation
        var lastSent: String?
        var next: String? = "quiero registrar un acuerdo"
        /// Send a protocol `reset` first (the probe left the user in another flow's question).
        var reset = false
        var turnsInConversation = 0
        var done = false
    }

    func run() {
        var states = Array(repeating: UserState(), count: users)
        var fd: Int32 = -1
        var reader = LineReader()
        var needsProbe = Array(repeating: false, count: users)
        while states.contains(where: { !$0.done }) {
            if fd < 0 {
                fd = Self.connectRetrying(port: port)
                reader = LineReader()
            }
            for u in 0..<users where !states[u].done {
                let message = needsProbe[u] ? "ayuda" : (states[u].next ?? "ayuda")
                let sendsReset = states[u].reset && !needsProbe[u]
                let line = sendsReset
                    ? JSONValue.object([("type", .string("reset")), ("user", .string("fault:c\(c)u\(u)"))]).rendered()
                    : JSONValue.object([("user", .string("fault:c\(c)u\(u)")), ("name", .string("Ana Pérez")), ("text", .string(message))]).rendered()
                guard Self.sendAll(fd, line + "\n"), let replyLine = reader.readLine(fd), let reply = JSONValue.parse(replyLine) else {
                    close(fd)
                    fd = -1
                    ledger.reconnected()
                    // The unanswered message may or may not have been applied: ask, don't repeat.
                    for v in 0..<users { needsProbe[v] = !states[v].done }
                    break
                }
                ledger.turn()
                let wasProbe = needsProbe[u]
                needsProbe[u] = false
                if sendsReset { states[u].reset = false; continue }
                if !wasProbe { states[u].lastSent = message }
                states[u].turnsInConversation += 1
                if states[u].turnsInConversation > 60 {
                    ledger.stuck()
                    say("  stuck: user c\(c)u\(u), last reply \(replyLine.prefix(300))")
                    states[u].done = true
                    continue
                }
                advance(&states[u], user: u, reply: reply, afterProbe: wasProbe)
            }
        }
        if fd >= 0 { close(fd) }
    }

    private func advance(_ s: inout UserState, user u: Int, reply: JSONValue, afterProbe: Bool) {
        let messages = reply["messages"]?.arrayValue?.compactMap(\.stringValue) ?? []
        if let done = messages.first(where: { $0.contains("Quedó registrado como el acuerdo") }),
           let open = done.range(of: "(A-"), let close = done[open.upperBound...].firstIndex(of: ")") {
            ledger.confirm("A-" + done[open.upperBound..<close], s.text)
            nextConversation(&s)
            return
        }
        let expects = reply["expects"]
        let slot = expects?["slot"]?.stringValue
        let type = expects?["type"]?.stringValue
        let flow = expects?["flow"]?.stringValue
        if expects == nil || expects == .null || flow != "acuerdo" {
            // Not in the agreement flow: idle, or the probe opened another question (reset it).
            s.reset = flow != nil
            // If a "sí" was sent and its reply was lost, its outcome is unknown: start anew with a new text.
            if afterProbe && s.lastSent == "si" && s.text != nil {
                ledger.lost()
                nextConversation(&s)
                return
            }
            s.next = "quiero registrar un acuerdo"
            return
        }
        switch (slot, type) {
        case ("texto", _):
            if s.text == nil { s.text = "tarea fault c\(c) u\(u) k\(s.k) a\(s.attempt)" }
            s.next = s.text
        case ("responsables", _): s.next = "Luis"
        case ("plazo", _): s.next = "el viernes"
        case ("evidencia", _): s.next = "acta del consejo de profesores"
        case (_, "confirm"), (_, "yesno"): s.next = "si"
        default: s.next = "ayuda"
        }
    }

    private func nextConversation(_ s: inout UserState) {
        s.k += 1
        s.attempt += 1
        s.text = nil
        s.lastSent = nil
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
        while true {
            if let fd = try? connect(port: port) { return fd }
            Thread.sleep(forTimeInterval: 0.02)
        }
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
