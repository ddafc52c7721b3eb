import Assistant
import FileStore
import Logging
import MingaProtocol
import NIOCore
import NIOEmbedded
import NIOPosix
import PlainJSON
@testable import SocketServer
import Synchronization
import Testing

/// One served connection's pipeline on an EmbeddedChannel: the test moves the event loop's clock,
/// so deadlines are checked without waiting and without timing assertions.
final class EmbeddedConnection {
    let loop = EmbeddedEventLoop()
    let channel: EmbeddedChannel
    let pool = NIOThreadPool(numberOfThreads: 1)

    init(probe: (any ChannelHandler)? = nil, configure: (inout ServerConfiguration) -> Void = { _ in }) throws {
        var config = ServerConfiguration(endpoints: [])
        configure(&config)
        channel = EmbeddedChannel(loop: loop)
        if let probe { try channel.pipeline.syncOperations.addHandler(probe) }
        let hub = SessionHub(assistant: Assistant(store: seededStore(), flows: testFlows, clock: .fixed(wednesday, timeZone: .santiago)))
        var quiet = Logger(label: "test.embedded")
        quiet.logLevel = .critical
        pool.start()
        try MingaServer.addConnectionHandlers(to: channel.pipeline.syncOperations, configuration: config, hub: hub,
                                              pool: pool, committer: ReplyCommitter(store: hub.assistant.store),
                                              stats: ServerStats(), logger: quiet)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 7421)).wait()
    }

    func send(_ text: String) throws { try channel.writeInbound(ByteBuffer(string: text)) }

    /// Lines written to the client since the last call.
    func received() throws -> [String] {
        var out = ""
        while let b = try channel.readOutbound(as: ByteBuffer.self) { out += String(buffer: b) }
        return out.split(separator: "\n").map(String.init)
    }

    func advance(_ t: TimeAmount) { loop.advanceTime(by: t) }
    var isOpen: Bool { channel.isActive }

    func finish() {
        _ = try? channel.finish(acceptAlreadyClosed: true)
        try? pool.syncShutdownGracefully()
    }
}

/// Counts `read()` requests that reach the socket (the head of the pipeline).
final class ReadCounter: ChannelOutboundHandler {
    typealias OutboundIn = Any
    var reads = 0
    func read(context: ChannelHandlerContext) {
        reads += 1
        context.read()
    }
}

/// One captured log entry, flattened to text.
struct CapturedLog: Sendable {
    var level: Logger.Level
    var text: String
}

/// A log handler that keeps every entry (message, metadata, error) for inspection.
struct CaptureLogHandler: LogHandler {
    let sink: LogSink
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    var logLevel: Logger.Level

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata
        for (k, v) in event.metadata ?? [:] { all[k] = v }
        let text = "\(event.message) \(all.map { "\($0.key)=\($0.value)" }.joined(separator: " ")) \(event.error.map { "\($0)" } ?? "")"
        sink.entries.withLock { $0.append(CapturedLog(level: event.level, text: text)) }
    }
}

/// Where every copy of a `CaptureLogHandler` puts its entries (handlers are values).
final class LogSink: Sendable {
    let entries = Mutex<[CapturedLog]>([])
}

@Suite struct HardeningTests {
    /// With a token, a client that dribbles bytes of an unfinished hello and blank lines is not authenticated: at the hello deadline it gets unauthorized and is closed.
    @Test func helloDeadline() throws {
        let c = try EmbeddedConnection { $0.token = "s3cret"; $0.helloTimeout = .seconds(10) }
        defer { c.finish() }
        for byte in #"{"type":"hello","#.utf8.prefix(9) {
            try c.channel.writeInbound(ByteBuffer(bytes: [byte]))
            c.advance(.seconds(1))
        }
        #expect(try c.received().isEmpty)
        #expect(c.isOpen)
        c.advance(.seconds(1))  // 10 s after opening
        let lines = try c.received()
        #expect(lines.count == 1)
        let error = try #require(JSONValue.parse(lines.first ?? ""))
        #expect(error.code == "unauthorized")
        #expect(error["message"]?.stringValue?.contains("10 segundos") == true)
        #expect(!c.isOpen)
    }

    /// Blank lines before hello neither count as hello nor push the hello deadline back.
    @Test func blankLinesDoNotHoldTheSlot() throws {
        let c = try EmbeddedConnection { $0.token = "s3cret"; $0.helloTimeout = .seconds(10) }
        defer { c.finish() }
        for _ in 0..<9 {
            try c.send("\n \r\n")
            c.advance(.seconds(1))
        }
        #expect(try c.received().isEmpty)
        c.advance(.seconds(1))
        #expect(try c.received().first.flatMap { JSONValue.parse($0)?.code } == "unauthorized")
        #expect(!c.isOpen)
    }

    /// A correct hello before the deadline is welcomed and the deadline no longer applies.
    @Test func helloInTime() throws {
        let c = try EmbeddedConnection { $0.token = "s3cret"; $0.helloTimeout = .seconds(10) }
        defer { c.finish() }
        c.advance(.seconds(9))
        try c.send(#"{"type":"hello","token":"s3cret"}"# + "\n")
        #expect(try c.received() == [#"{"type":"welcome"}"#])
        c.advance(.seconds(60))
        #expect(try c.received().isEmpty)
        #expect(c.isOpen)
    }

    /// The idle timer counts complete lines only: one byte a second of an unfinished line does not keep the connection open.
    @Test func partialLineIsIdle() throws {
        let c = try EmbeddedConnection { $0.idleTimeout = .seconds(10) }
        defer { c.finish() }
        try c.send(#"{"type":"ping"}"# + "\n")
        #expect(try c.received() == [#"{"type":"pong"}"#])
        for byte in Array(#"{"type":"ping"}"#.utf8).prefix(9) {
            c.advance(.seconds(1))
            try c.channel.writeInbound(ByteBuffer(bytes: [byte]))
        }
        #expect(c.isOpen)
        c.advance(.seconds(1))
        #expect(!c.isOpen)
    }

    /// Blank lines are not activity for the idle timer either.
    @Test func blankLinesAreIdle() throws {
        let c = try EmbeddedConnection { $0.idleTimeout = .seconds(10) }
        defer { c.finish() }
        for _ in 0..<9 {
            try c.send("\n")
            c.advance(.seconds(1))
        }
        #expect(c.isOpen)
        c.advance(.seconds(1))
        #expect(!c.isOpen)
        #expect(try c.received().isEmpty)
    }

    /// Complete lines keep a connection open past many idle timeouts; it closes one timeout after the last of them.
    @Test func completeLinesAreActivity() throws {
        let c = try EmbeddedConnection { $0.idleTimeout = .seconds(10) }
        defer { c.finish() }
        for _ in 0..<6 {
            try c.send(#"{"type":"ping"}"# + "\n")
            c.advance(.seconds(8))
        }
        #expect(try c.received().count == 6)
        #expect(c.isOpen)
        c.advance(.seconds(1))
        #expect(c.isOpen)
        c.advance(.seconds(1))
        #expect(!c.isOpen)
    }

    /// A client that does not read (the socket stops being writable) is not read from until it is writable again.
    @Test func unwritableClientIsNotRead() throws {
        let counter = ReadCounter()
        let c = try EmbeddedConnection(probe: counter)
        defer { c.finish() }
        c.channel.isWritable = false
        c.channel.pipeline.fireChannelWritabilityChanged()
        let before = counter.reads
        c.channel.read()
        c.channel.read()
        #expect(counter.reads == before)
        c.channel.isWritable = true
        c.channel.pipeline.fireChannelWritabilityChanged()
        #expect(counter.reads == before + 1)
        c.channel.read()
        #expect(counter.reads == before + 2)
    }

    /// Over the socket: a second hello, with a wrong or even the right token, gets bad_request and never welcome; the connection stays usable.
    @Test func secondHelloNeverWelcomes() async throws {
        try await withServer(configure: { $0.token = "s3cret-token" }) { live in
            let c = try await live.connect()
            try await c.send(#"{"type":"hello","token":"s3cret-token"}"#)
            #expect(try await c.line() == #"{"type":"welcome"}"#)
            try await c.send(#"{"type":"hello","token":"wrong","id":"h2"}"#)
            let wrong = try await c.json()
            #expect(wrong.code == "bad_request")
            #expect(wrong["id"] == .string("h2"))
            try await c.send(#"{"type":"hello","token":"s3cret-token","notices":true}"#)
            #expect(try await c.json().code == "bad_request")
            try await c.send(#"{"type":"ping","id":3}"#)
            #expect(try await c.line() == #"{"type":"pong","id":3}"#)
            await c.close()
        }
    }

    /// Over the socket: a client that never completes hello gets unauthorized at the configured deadline and is closed.
    @Test func helloTimeoutLive() async throws {
        try await withServer(configure: { $0.token = "s3cret-token"; $0.helloTimeout = .seconds(1) }) { live in
            let c = try await live.connect()
            try await c.sendRaw(Array(#"{"type":"hel"#.utf8))
            let error = try await c.json(timeout: .seconds(20))
            #expect(error.code == "unauthorized")
            #expect(error["message"]?.stringValue?.contains("tiempo") == true)
            #expect(try await c.closedByServer(timeout: .seconds(10)))
            await c.close()
        }
    }

    /// Hostile lines: 64 KiB + 1 gets too_long, invalid UTF-8, duplicate keys and bad numbers get invalid_json with a specific Spanish message; the connection carries on.
    @Test func hostileLines() async throws {
        try await withServer { live in
            let c = try await live.connect()
            try await c.send(String(repeating: " ", count: 64 * 1024) + "x")
            #expect(try await c.json().code == "too_long")
            try await c.sendRaw(Array(#"{"user":"u","text":"hola "#.utf8) + [0xC3, 0x28] + Array("\"}\n".utf8))
            let utf8 = try await c.json()
            #expect(utf8.code == "invalid_json")
            #expect(utf8["message"]?.stringValue?.contains("UTF-8 válido") == true)
            try await c.send(#"{"user":"u","text":"hola","user":"otro"}"#)
            let dup = try await c.json()
            #expect(dup.code == "invalid_json")
            #expect(dup["message"]?.stringValue?.contains("se repite") == true)
            try await c.send(#"{"id":01,"user":"u","text":"hola"}"#)
            let number = try await c.json()
            #expect(number.code == "invalid_json")
            #expect(number["message"]?.stringValue?.contains("número") == true)
            try await c.send(#"{"type":"ping","id":1}"#)
            #expect(try await c.line() == #"{"type":"pong","id":1}"#)
            await c.close()
        }
    }

    /// No user-provided text (user, name, network, text, id, token) reaches the log below trace, even when a request's network is unknown and logged as an error; at trace the text does appear (so the capture works).
    @Test func logsCarryNoUserText() async throws {
        func run(level: Logger.Level) async throws -> [CapturedLog] {
            let sink = LogSink()
            let logger = Logger(label: "test.capture") { _ in CaptureLogHandler(sink: sink, logLevel: level) }
            try await withServer(logger: logger, configure: { $0.token = "tok" }) { live in
                let c = try await live.connect()
                try await c.send(#"{"type":"hello","token":"tok"}"#)
                _ = try await c.line()
                let forged = "rme\n2026-12-05T00:00:00 error minga: ZQX-NET forged\u{1B}[2J"
                for (i, network) in [forged, "ZQX-NET-" + String(repeating: "X", count: 100)].enumerated() {
                    let line = JSONValue.object([
                        ("id", .string("ZQX-ID-\(i)")), ("user", .string("ZQX-USER\n\(i)")), ("name", .string("ZQX-NAME Pérez")),
                        ("network", .string(network)), ("text", .string("ZQX-TEXT quiero registrar un acuerdo")),
                    ]).rendered()
                    try await c.send(line)
                    #expect(try await c.json()["type"] != nil)
                }
                try await c.send(#"{"user":"ZQX-USER","text":"ZQX-TEXT","network":"ZQX-NET-\#(String(repeating: "Y", count: 200))"}"#)
                #expect(try await c.json().code == "bad_request")
                try await c.send(#"{"type":"hello","token":"ZQX-TOKEN"}"#)
                #expect(try await c.json().code == "bad_request")
                try await c.send(#"{"ZQX-KEY":1,"ZQX-KEY":2}"#)
                #expect(try await c.json().code == "invalid_json")
                await c.close()
            }
            return sink.entries.withLock { $0 }
        }
        let quiet = try await run(level: .debug)
        #expect(quiet.contains { $0.text.contains("red desconocida") }, "the unknown network was not logged at all")
        let leaks = quiet.filter { $0.text.contains("ZQX") }
        #expect(leaks.isEmpty, "\(leaks.map { "\($0.level): \($0.text.prefix(200))" })")
        #expect(quiet.allSatisfy { !$0.text.contains("forged") && !$0.text.contains("\u{1B}") })
        let verbose = try await run(level: .trace)
        #expect(verbose.contains { $0.level == .trace && $0.text.contains("ZQX-TEXT") })
    }
}

@Suite struct LogSafeTests {
    /// Fingerprints are FNV-1a 32 with the byte length: stable across runs, and they never contain the text.
    @Test func fingerprint() {
        #expect(LogSafe.fingerprint("") == "0B#811c9dc5")
        #expect(LogSafe.fingerprint("a") == "1B#e40c292c")
        #expect(LogSafe.fingerprint("ñ") == LogSafe.fingerprint("ñ"))
        #expect(!LogSafe.fingerprint("red-secreta").contains("secreta"))
    }

    /// Store errors are described without what the request named.
    @Test func describeStoreErrors() {
        #expect(LogSafe.describe(StoreError.notFound("la red «rme\nforjada»")) == "no encontrado")
        #expect(!LogSafe.describe(StoreError.brokenFile(path: "redes/r/acuerdos/A-1.md", line: 3, message: "texto «privado»")).contains("privado"))
    }
}
