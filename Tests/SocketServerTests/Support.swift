import Assistant
import CivilTime
import Domain
import FileStore
import Foundation
import Logging
import MingaProtocol
import NIOCore
import NIOPosix
import PlainJSON
import SocketServer
import Synchronization
import Testing

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let testFlows = try! FlowSource(directory: repositoryRoot.appendingPathComponent("dialogs"))
let wednesday = CivilTime.Clock.parseNow("2026-11-25T10:00", timeZone: .santiago)!

/// A clock tests can move forward.
final class MovableClock: Sendable {
    private let instant: Mutex<Date>
    init(_ start: Date) { instant = Mutex(start) }
    func advance(days: Int) { instant.withLock { $0 = Calendar.gregorianSantiago.date(byAdding: .day, value: days, to: $0)! } }
    var clock: CivilTime.Clock { CivilTime.Clock(timeZone: .santiago) { self.instant.withLock { $0 } } }
}

extension Calendar {
    static var gregorianSantiago: Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = .santiago
        return c
    }
}

/// A seeded in-memory store: one network and its member Luis Soto.
func seededStore() -> MemoryStore {
    let store = MemoryStore()
    let network = try! store.createNetwork(Network(id: "", name: "Red Valdivia Norte", kind: .rme, territory: "Valdivia", region: "Los Ríos"))
    try! store.saveMember(Member(id: "", name: "Luis Soto", role: "jefe UTP", school: "Escuela Los Aromos"), network: network.id)
    return store
}

/// A server on an ephemeral 127.0.0.1 port (and optionally a Unix socket), stopped by `stop()`.
struct LiveServer {
    let server: MingaServer
    let store: any MingaStore
    let tcp: SocketAddress

    static func start(store: any MingaStore = seededStore(), clock: CivilTime.Clock = .fixed(wednesday, timeZone: .santiago),
                      unix: String? = nil, logger: Logger? = nil,
                      configure: (inout ServerConfiguration) -> Void = { _ in }) async throws -> LiveServer {
        var config = ServerConfiguration(endpoints: [.tcp(host: "127.0.0.1", port: 0)] + (unix.map { [.unix(path: $0)] } ?? []),
                                         turnThreads: 4, eventLoopThreads: 2, shutdownGracePeriod: .seconds(5))
        // A test process running hundreds of tests on 2 cores can stall a client for seconds
        // between connecting and saying hello: tests that time hello set their own deadline.
        config.helloTimeout = .seconds(120)
        // Likewise between two lines: at load averages over 20 a test client starved of the
        // cooperative pool for five minutes met the 300 s idle close as `unexpectedEOF` (four
        // socket tests, once each, never alone). Tests of the idle close set their own deadline.
        config.idleTimeout = .seconds(3600)
        configure(&config)
        let logger = logger ?? {
            var quiet = Logger(label: "test.serve")
            quiet.logLevel = .critical
            return quiet
        }()
        // As `minga serve` runs it: the server's committer, not each turn, makes saves durable.
        let assistant = Assistant(store: store, flows: testFlows, clock: clock, logger: logger, commitsEachTurn: false)
        let server = MingaServer(configuration: config, hub: SessionHub(assistant: assistant), logger: logger)
        let addresses = try await server.start()
        return LiveServer(server: server, store: store, tcp: addresses[0])
    }

    func connect() async throws -> TestClient { try await TestClient.connect(to: tcp) }
    func stop() async { await server.shutdown() }

    var networkID: String { try! store.networks()[0].id }
}

/// Runs `body` against a fresh server and always stops it.
func withServer<T>(store: any MingaStore = seededStore(), clock: CivilTime.Clock = .fixed(wednesday, timeZone: .santiago),
                   unix: String? = nil, logger: Logger? = nil, configure: (inout ServerConfiguration) -> Void = { _ in },
                   _ body: (LiveServer) async throws -> T) async throws -> T {
    let live = try await LiveServer.start(store: store, clock: clock, unix: unix, logger: logger, configure: configure)
    do {
        let result = try await body(live)
        await live.stop()
        return result
    } catch {
        await live.stop()
        throw error
    }
}

/// Lines received by a test client, and whether the server closed its side.
final class Inbox: Sendable {
    private struct State { var lines: [String] = []; var eof = false }
    private let state = Mutex(State())

    func append(_ line: String) { state.withLock { $0.lines.append(line) } }
    func finish() { state.withLock { $0.eof = true } }
    /// The next line, `nil` at end of stream; polls until `timeout`.
    func next(timeout: Duration) async throws -> String? {
        let deadline = ContinuousClock.now + timeout
        while true {
            let (line, eof) = state.withLock { st -> (String?, Bool) in
                if !st.lines.isEmpty { return (st.lines.removeFirst(), false) }
                return (nil, st.eof)
            }
            if let line { return line }
            if eof { return nil }
            if ContinuousClock.now >= deadline { throw TestClientError.timeout }
            try await Task.sleep(for: .milliseconds(2))
        }
    }
    var isFinished: Bool { state.withLock { $0.eof && $0.lines.isEmpty } }
    /// No line received and not yet taken.
    var isEmpty: Bool { state.withLock { $0.lines.isEmpty } }
}

enum TestClientError: Error { case timeout, unexpectedEOF }

/// Collects the lines a test client receives.
final class InboxHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = LineFrame
    let inbox: Inbox
    init(inbox: Inbox) { self.inbox = inbox }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .line(let b) = unwrapInboundIn(data) { inbox.append(String(decoding: b.readableBytesView, as: UTF8.self)) }
    }
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event { inbox.finish() }
    }
    func channelInactive(context: ChannelHandlerContext) { inbox.finish() }
}

/// A line client on NIO: send lines or raw bytes, read lines with a timeout.
struct TestClient {
    let channel: any Channel
    let inbox: Inbox
    static let group = MultiThreadedEventLoopGroup.singleton

    static func connect(to address: SocketAddress) async throws -> TestClient {
        let inbox = Inbox()
        let channel = try await ClientBootstrap(group: group)
            .channelOption(.allowRemoteHalfClosure, value: true)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineFrameDecoder(maximumLineLength: 1 << 20)))
                    try channel.pipeline.syncOperations.addHandler(InboxHandler(inbox: inbox))
                }
            }
            .connect(to: address).get()
        return TestClient(channel: channel, inbox: inbox)
    }

    static func connect(unixPath: String) async throws -> TestClient {
        try await connect(to: try SocketAddress(unixDomainSocketPath: unixPath))
    }

    func sendRaw(_ bytes: [UInt8]) async throws {
        try await channel.writeAndFlush(ByteBuffer(bytes: bytes)).get()
    }

    func send(_ line: String) async throws { try await sendRaw(Array((line + "\n").utf8)) }

    /// A protocol message as one JSON line.
    func say(_ text: String, user: String = "ana", name: String? = "Ana Pérez", id: String? = nil) async throws {
        var pairs: [(String, JSONValue)] = [("user", .string(user)), ("text", .string(text))]
        if let name { pairs.append(("name", .string(name))) }
        if let id { pairs.append(("id", .string(id))) }
        try await send(JSONValue.object(pairs).rendered())
    }

    func line(timeout: Duration = .seconds(20)) async throws -> String {
        guard let l = try await inbox.next(timeout: timeout) else { throw TestClientError.unexpectedEOF }
        return l
    }

    func json(timeout: Duration = .seconds(20)) async throws -> JSONValue {
        let l = try await line(timeout: timeout)
        return try #require(JSONValue.parse(l), "not JSON: \(l)")
    }

    /// True when the server closes (EOF) within `timeout` with no further lines.
    func closedByServer(timeout: Duration = .seconds(15)) async throws -> Bool {
        try await inbox.next(timeout: timeout) == nil
    }

    func closeOutput() async throws { try await channel.close(mode: .output).get() }
    func close() async { try? await channel.close().get() }
}

extension JSONValue {
    var messages: [String] { self["messages"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
    var slot: String? { self["expects"]?["slot"]?.stringValue }
    var code: String? { self["code"]?.stringValue }
}

/// The happy-path "registrar acuerdo" conversation (six turns), with a distinct agreement text.
func acuerdoTurns(_ text: String) -> [String] {
    ["quiero registrar un acuerdo", text, "Luis", "el viernes", "acta del consejo de profesores", "si"]
}
