import Assistant
import CivilTime
import Foundation
import Logging
import MingaProtocol
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// `minga serve`: protocol v1 over TCP and/or a Unix socket, on SwiftNIO.
///
/// The server is only transport: framing (`LineFrameDecoder`), limits, backpressure, idle
/// timeout, connection cap, notices and shutdown. What a line means is `ProtocolConnection`'s
/// business, and turns run on `SessionHub` (sessions keyed by user and network, one user's
/// turns serialised, different users concurrent) on a thread pool, never on an event loop.
/// Saves are made durable by one committer thread for the whole server (`ReplyCommitter`), so
/// neither the event loops nor the turn threads wait on fsync; a reply that confirms a record is
/// written only once that record is on disk.
///
/// As a `Service` it runs until a graceful shutdown (SIGTERM/SIGINT under a `ServiceGroup`):
/// it stops accepting, lets every connection finish the turns it already read, closes them,
/// removes its Unix sockets and returns.
public final class MingaServer: Service, Sendable {
    public enum Failure: Error, CustomStringConvertible {
        case invalidConfiguration([String])
        case alreadyStarted
        case socketInUse(String)
        case bind(ServerConfiguration.Endpoint, String)

        public var description: String {
            switch self {
            case .invalidConfiguration(let problems): problems.joined(separator: "\n")
            case .alreadyStarted: "El servidor ya está en marcha."
            case .socketInUse(let path): "Ya hay un servidor escuchando en \(path)."
            case .bind(let endpoint, let why): "No pude escuchar en \(endpoint): \(why)"
            }
        }
    }

    private enum Phase { case idle, running, stopping, stopped }

    private struct State {
        var phase = Phase.idle
        var servers: [any Channel] = []
        var unixSockets: [(path: String, inode: UInt64)] = []
        var connections: [Int: any Channel] = [:]
        var nextID = 0
        var lastDay: LocalDate?
        var noticeTask: RepeatedTask?
        /// Callers of `shutdown()` waiting for the first one to finish.
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    public let configuration: ServerConfiguration
    public let hub: SessionHub
    public let stats = ServerStats()
    private let logger: Logger
    private let group: MultiThreadedEventLoopGroup
    private let pool: NIOThreadPool
    private let committer: ReplyCommitter
    private let state = Mutex(State())

    public init(configuration: ServerConfiguration, hub: SessionHub, logger: Logger = Logger(label: "minga.serve")) {
        self.configuration = configuration
        self.hub = hub
        self.logger = logger
        group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, configuration.eventLoopThreads))
        pool = NIOThreadPool(numberOfThreads: max(1, configuration.turnThreads))
        committer = ReplyCommitter(store: hub.assistant.store)
    }

    /// Group-commit rounds so far and the replies they released (the benchmark prints them).
    public var commitRounds: (rounds: Int, replies: Int) {
        (committer.rounds.load(ordering: .relaxed), committer.released.load(ordering: .relaxed))
    }

    /// What the group-commit rounds took so far: in total and the longest (seconds).
    public var commitTimes: (total: Double, longest: Double) {
        (Double(committer.roundNanos.load(ordering: .relaxed)) / 1e9, Double(committer.longestRound.load(ordering: .relaxed)) / 1e9)
    }

    /// Connections open right now.
    public var connectionCount: Int { state.withLock { $0.connections.count } }

    // MARK: Start

    /// Binds every endpoint and starts serving; returns the bound addresses in endpoint order
    /// (a TCP port 0 becomes the port the system chose). On failure nothing stays bound.
    @discardableResult
    public func start() async throws -> [SocketAddress] {
        let problems = configuration.problems()
        guard problems.isEmpty else { throw Failure.invalidConfiguration(problems) }
        try state.withLock { st in
            guard st.phase == .idle else { throw Failure.alreadyStarted }
            st.phase = .running
            st.lastDay = hub.assistant.clock.today()
        }
        pool.start()
        committer.start()
        var addresses: [SocketAddress] = []
        do {
            for endpoint in configuration.endpoints {
                let channel = try await bind(endpoint)
                state.withLock { $0.servers.append(channel) }
                if let address = channel.localAddress { addresses.append(address) }
                logger.info("escuchando", metadata: ["endpoint": "\(Self.describe(endpoint, channel.localAddress))",
                                                    "auth": "\(configuration.token == nil ? "none" : "token")"])
            }
        } catch {
            await shutdown()
            throw error
        }
        let interval = TimeAmount(configuration.noticeCheckInterval)
        let task = group.next().scheduleRepeatedTask(initialDelay: interval, delay: interval) { _ in
            self.checkForNewDay()
        }
        state.withLock { $0.noticeTask = task }
        return addresses
    }

    private func bind(_ endpoint: ServerConfiguration.Endpoint) async throws -> any Channel {
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelOption(.writeBufferWaterMark, value: .init(low: 32 * 1024, high: 128 * 1024))
            .childChannelInitializer { channel in self.initialize(channel) }
        switch endpoint {
        case .tcp(let host, let port):
            do {
                return try await bootstrap.bind(host: host, port: port).get()
            } catch {
                throw Failure.bind(endpoint, "\(error)")
            }
        case .unix(let path):
            if Self.unixSocketIsLive(path) { throw Failure.socketInUse(path) }
            // Created 0600 from the start (umask), not opened up and then narrowed; no store
            // write runs before the server has started, so the process-wide umask is safe here.
            let old = umask(0o177)
            defer { umask(old) }
            let channel: any Channel
            do {
                channel = try await bootstrap.bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true).get()
            } catch {
                throw Failure.bind(endpoint, "\(error)")
            }
            chmod(path, 0o600)
            var st = stat()
            if lstat(path, &st) == 0 { state.withLock { $0.unixSockets.append((path, UInt64(st.st_ino))) } }
            return channel
        }
    }

    private func initialize(_ channel: any Channel) -> EventLoopFuture<Void> {
        let id: Int? = state.withLock { st in
            guard st.phase == .running, st.connections.count < configuration.maxConnections else { return nil }
            st.nextID += 1
            st.connections[st.nextID] = channel
            return st.nextID
        }
        do {
            let sync = channel.pipeline.syncOperations
            guard let id else {
                stats.rejected.add(1, ordering: .relaxed)
                logger.warning("conexión rechazada", metadata: ["reason": "busy", "max": "\(configuration.maxConnections)"])
                try sync.addHandler(RejectHandler())
                return channel.eventLoop.makeSucceededVoidFuture()
            }
            stats.accepted.add(1, ordering: .relaxed)
            channel.closeFuture.whenComplete { _ in
                _ = self.state.withLock { $0.connections.removeValue(forKey: id) }
            }
            var log = logger
            log[metadataKey: "conn"] = "\(id)"
            try Self.addConnectionHandlers(to: sync, configuration: configuration, hub: hub, pool: pool, committer: committer,
                                           stats: stats, logger: log)
            return channel.eventLoop.makeSucceededVoidFuture()
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
    }

    /// The pipeline of one served connection: line framing, then protocol v1 (which keeps the
    /// idle and hello deadlines itself: only complete lines count as activity).
    static func addConnectionHandlers(to sync: ChannelPipeline.SynchronousOperations, configuration: ServerConfiguration,
                                      hub: SessionHub, pool: NIOThreadPool, committer: ReplyCommitter, stats: ServerStats,
                                      logger: Logger) throws {
        try sync.addHandler(ByteToMessageHandler(LineFrameDecoder(maximumLineLength: configuration.maxLineBytes + 1)))
        try sync.addHandler(ConnectionHandler(
            connection: ProtocolConnection(hub: hub, token: configuration.token, maxUsers: configuration.maxUsersPerConnection),
            pool: pool, committer: committer, store: hub.assistant.store, stats: stats, logger: logger,
            maxPending: configuration.maxPendingPerConnection,
            idleTimeout: TimeAmount(configuration.idleTimeout), helloTimeout: TimeAmount(configuration.helloTimeout),
            inlineTurns: configuration.turnThreads == 0))
    }

    // MARK: Notices

    /// Sends notices to every connection that asked for them when the clock has entered a new
    /// day since the last look. Called every `noticeCheckInterval`; tests call it directly.
    public func checkForNewDay() {
        let today = hub.assistant.clock.today()
        let channels: [any Channel]? = state.withLock { st in
            guard st.phase == .running, st.lastDay != today else { return nil }
            st.lastDay = today
            return Array(st.connections.values)
        }
        guard let channels else { return }
        logger.info("día nuevo", metadata: ["date": "\(today.iso)", "connections": "\(channels.count)"])
        for channel in channels {
            channel.pipeline.fireUserInboundEventTriggered(NewDayEvent(today: today))
        }
    }

    // MARK: Shutdown

    /// Graceful shutdown: stop accepting, let connections finish the turns they read (up to
    /// `shutdownGracePeriod`), close them, remove the Unix sockets, stop the threads.
    /// Safe to call more than once; later calls wait for the first.
    public func shutdown() async {
        let work: (servers: [any Channel], connections: [any Channel], sockets: [(path: String, inode: UInt64)], task: RepeatedTask?)? =
            state.withLock { st in
                guard st.phase == .running || st.phase == .idle else { return nil }
                st.phase = .stopping
                return (st.servers, Array(st.connections.values), st.unixSockets, st.noticeTask)
            }
        guard let work else {
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                let done = state.withLock { st -> Bool in
                    if st.phase == .stopped { return true }
                    st.waiters.append(c)
                    return false
                }
                if done { c.resume() }
            }
            return
        }
        logger.info("cerrando", metadata: ["connections": "\(work.connections.count)"])
        work.task?.cancel()
        for server in work.servers { try? await server.close() }
        for socket in work.sockets { Self.removeSocket(socket.path, inode: socket.inode) }

        for channel in work.connections { channel.pipeline.fireUserInboundEventTriggered(ServerShutdownEvent()) }
        let loop = group.next()
        let all = EventLoopFuture.andAllComplete(work.connections.map(\.closeFuture), on: loop)
        let connections = work.connections
        let deadline = loop.scheduleTask(in: TimeAmount(configuration.shutdownGracePeriod)) {
            for channel in connections { channel.close(promise: nil) }
        }
        try? await all.get()
        deadline.cancel()
        // Connections accepted while stopping got `busy`; they close on their own shortly,
        // and shutting the group down closes whatever is left.
        try? await pool.shutdownGracefully()
        // Replies the last turns left waiting for their fsync go out before the loops stop.
        committer.stop()
        try? await group.shutdownGracefully()
        logger.info("detenido", metadata: [
            "accepted": "\(stats.accepted.load(ordering: .relaxed))", "rejected": "\(stats.rejected.load(ordering: .relaxed))",
            "turns": "\(stats.turns.load(ordering: .relaxed))", "errors": "\(stats.errors.load(ordering: .relaxed))",
        ])
        let waiters = state.withLock { st in
            st.phase = .stopped
            defer { st.waiters = [] }
            return st.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// `Service`: serve until a graceful shutdown is requested, then shut down gracefully.
    public func run() async throws {
        if state.withLock({ $0.phase == .idle }) { try await start() }
        try? await gracefulShutdown()
        await shutdown()
    }

    /// Serves until SIGTERM or SIGINT, then shuts down gracefully (a `ServiceGroup` of one).
    public func runUntilSignalled() async throws {
        let group = ServiceGroup(services: [self], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await group.run()
    }

    // MARK: Unix sockets

    private static func describe(_ endpoint: ServerConfiguration.Endpoint, _ address: SocketAddress?) -> String {
        if case .tcp = endpoint, let address, let ip = address.ipAddress, let port = address.port {
            return ip.contains(":") ? "tcp [\(ip)]:\(port)" : "tcp \(ip):\(port)"
        }
        return endpoint.description
    }

    /// Removes the socket file only if it is still the one this server created.
    private static func removeSocket(_ path: String, inode: UInt64) {
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFSOCK, UInt64(st.st_ino) == inode else { return }
        unlink(path)
    }

    /// True when a server accepts connections on `path` (a stale socket file is not live).
    static func unixSocketIsLive(_ path: String) -> Bool {
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFSOCK else { return false }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in bytes.enumerated() { raw[i] = b }
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        return result == 0
    }
}
