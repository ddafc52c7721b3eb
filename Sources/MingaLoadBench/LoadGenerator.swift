import Foundation
import NIOCore
import NIOPosix
import SocketServer
import Synchronization

/// The scripted users of one load run: N connections × M users, each user running the six-turn
/// "registrar acuerdo" conversation `conversations` times, one request in flight per user.
///
/// Closed loop (the default): a user sends its next message as soon as its reply arrives, or
/// after `think`. With N users in flight and no think time, Little's law fixes the mean wait at
/// N / throughput (2,000 users at 10,000 turns/s wait 200 ms on average), so latency targets
/// are only meaningful with think time or in open loop.
///
/// Open loop (`rate`): messages are offered at a fixed rate, whatever the replies do; each
/// offered message goes to a user with no request in flight (or waits for the first one to be
/// free), and its latency counts from the moment it was due, not from when it could be sent
/// (no coordinated omission: a slow server is charged for the queue it causes).
struct LoadPlan: Sendable {
    var connections: Int
    var usersPerConnection: Int
    var conversations: Int
    var think: TimeAmount = .zero
    /// Turns per second offered over all connections (open loop); nil: closed loop.
    var rate: Double? = nil
    /// Open loop: each offered turn goes to a free user picked at random instead of the one free
    /// the longest. With the oldest first every user takes its turns in lockstep, so all of them
    /// reach «sí» (the save) within the same fraction of a second: a wave of 2,000 saves whose
    /// group commit sets the p99. At random, conversations drift apart as real ones do.
    var shuffled = false
    /// When true, replies are checked (Minga); an echo server's replies are only counted.
    var checkReplies: Bool

    static let turns = ["quiero registrar un acuerdo", "", "Luis", "el viernes", "acta del consejo de profesores", "si"]

    /// The request line of `turn` in conversation `k` of user `u` on connection `c`.
    static func line(c: Int, u: Int, k: Int, turn: Int) -> String {
        #"{"user":"\#(user(c: c, u: u))","name":"Ana Pérez","text":"\#(text(c: c, u: u, k: k, turn: turn))"}"# + "\n"
    }

    /// What user `u` of connection `c` says: the socket run and the direct run send the same
    /// words, so their ratio compares the same conversations.
    static func text(c: Int, u: Int, k: Int, turn: Int) -> String {
        turn == 1 ? "tarea de carga c\(c) u\(u) k\(k)" : turns[turn]
    }

    static func user(c: Int, u: Int) -> String { "load:c\(c)u\(u)" }
}

/// What a load run measured.
struct LoadResult {
    var turns: Int
    var seconds: Double
    var latencies: [UInt64]  // nanoseconds
    var failures: Int
    var confirmations: Int
    /// The latencies of the saving turns («si», the sixth) alone, sorted: they wait for their
    /// fsync, and the replies after them on their connection wait with them.
    var saveLatencies: [UInt64] = []
    /// Each connection's mean latency (ns), sorted: a connection that starves shows here.
    var connectionMeans: [Double] = []

    var turnsPerSecond: Double { Double(turns) / seconds }
    func percentile(_ p: Double) -> Double { Self.percentile(latencies, p) }

    /// Milliseconds at `p` of `sorted` (nanoseconds).
    static func percentile(_ sorted: [UInt64], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let i = min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)
        return Double(sorted[max(0, i)]) / 1e6
    }
}

/// Drives one connection's users; replies come in request order, so a FIFO maps each reply to its user.
final class LoadClientHandler: ChannelInboundHandler {
    typealias InboundIn = LineFrame
    typealias OutboundOut = ByteBuffer

    private let c: Int
    private let plan: LoadPlan
    private let done: EventLoopPromise<LoadResult>
    private var progress: [(k: Int, turn: Int)]
    private var inFlight: [(user: Int, sent: UInt64)] = []
    /// Open loop: users with no request in flight and turns still to send, oldest free first.
    private var idle: [Int] = []
    private var idleHead = 0
    /// Open loop: due times of offered turns that found no free user yet, oldest first.
    private var backlog: [UInt64] = []
    private var backlogHead = 0
    /// Open loop: turns offered so far (sent or waiting in `backlog`).
    private var offered = 0
    /// Open loop: this connection's first due time and the gap between due times (ns).
    private var firstDue: UInt64 = 0
    private var interval: UInt64 = 0
    private var latencies: [UInt64] = []
    private var saveLatencies: [UInt64] = []
    private var failures = 0
    private var confirmations = 0
    private var finishedUsers = 0
    private var started: UInt64 = 0
    private var completed = false
    /// The picks of free users and think times: a generator of its own, not the system one (a
    /// `getrandom` call per offered turn on the cores the server is measured on).
    private var random: SplitMix64

    init(connection: Int, plan: LoadPlan, done: EventLoopPromise<LoadResult>) {
        c = connection
        self.plan = plan
        self.done = done
        random = SplitMix64(seed: UInt64.random(in: .min ... .max) ^ UInt64(connection))
        progress = Array(repeating: (0, 0), count: plan.usersPerConnection)
        latencies.reserveCapacity(plan.usersPerConnection * plan.conversations * 6)
    }

    private var totalTurns: Int { plan.usersPerConnection * plan.conversations * 6 }

    func channelActive(context: ChannelHandlerContext) {
        started = DispatchTime.now().uptimeNanoseconds
        if let rate = plan.rate {
            idle = Array(0..<plan.usersPerConnection)
            interval = UInt64(max(1, Double(plan.connections) / rate * 1e9))
            // Connections start at random phases of one interval, so offers don't come in waves.
            firstDue = started + UInt64.random(in: 0...interval, using: &random)
            scheduleOffer(context: context)
        } else if plan.think == .zero {
            for u in 0..<plan.usersPerConnection { send(u, context: context) }
            context.flush()
        } else {
            // Users start spread over one think time, so the load is steady rather than in waves.
            for u in 0..<plan.usersPerConnection { later(u, in: .nanoseconds(Int64.random(in: 0...plan.think.nanoseconds, using: &random)), context: context) }
        }
    }

    private func send(_ u: Int, due: UInt64? = nil, context: ChannelHandlerContext) {
        let p = progress[u]
        let line = LoadPlan.line(c: c, u: u, k: p.k, turn: p.turn)
        inFlight.append((u, due ?? DispatchTime.now().uptimeNanoseconds))
        context.write(wrapOutboundOut(context.channel.allocator.buffer(string: line)), promise: nil)
    }

    // MARK: Open loop

    /// Arms the timer of the next offered turn, at its due time (one timer per connection).
    private func scheduleOffer(context: ChannelHandlerContext) {
        guard offered < totalTurns, !completed else { return }
        let due = firstDue + UInt64(offered) * interval
        context.eventLoop.assumeIsolated().scheduleTask(deadline: .uptimeNanoseconds(due)) {
            self.offer(due: due, context: context)
        }
    }

    /// A turn is due: a free user sends it now; if every user is waiting for a reply, it waits
    /// for the first reply (and its latency keeps counting from `due`).
    private func offer(due: UInt64, context: ChannelHandlerContext) {
        guard !completed else { return }
        offered += 1
        if idleHead < idle.count {
            if plan.shuffled { idle.swapAt(idleHead, Int.random(in: idleHead..<idle.count, using: &random)) }
            let u = idle[idleHead]
            idleHead += 1
            send(u, due: due, context: context)
            context.flush()
        } else {
            backlog.append(due)
        }
        if idleHead > 1024 && idleHead * 2 > idle.count {
            idle.removeFirst(idleHead)
            idleHead = 0
        }
        scheduleOffer(context: context)
    }

    /// Open loop: `u` got its reply and has turns left.
    private func free(_ u: Int, context: ChannelHandlerContext) {
        if backlogHead < backlog.count {
            let due = backlog[backlogHead]
            backlogHead += 1
            if backlogHead > 1024 && backlogHead * 2 > backlog.count {
                backlog.removeFirst(backlogHead)
                backlogHead = 0
            }
            send(u, due: due, context: context)
        } else {
            idle.append(u)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .line(let buffer) = unwrapInboundIn(data), !inFlight.isEmpty else { failures += 1; return }
        let (u, sent) = inFlight.removeFirst()
        let latency = DispatchTime.now().uptimeNanoseconds - sent
        latencies.append(latency)
        var p = progress[u]
        if p.turn == 5 { saveLatencies.append(latency) }
        if plan.checkReplies {
            let view = buffer.readableBytesView
            if !view.starts(with: #"{"type":"reply""#.utf8) { failures += 1 }
            if p.turn == 5 {
                if String(decoding: view, as: UTF8.self).contains("Quedó registrado como el acuerdo") { confirmations += 1 } else { failures += 1 }
            }
        }
        p.turn += 1
        if p.turn == 6 { p = (p.k + 1, 0) }
        progress[u] = p
        if p.k == plan.conversations {
            finishedUsers += 1
            if finishedUsers == plan.usersPerConnection {
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                completed = true
                let mean = latencies.isEmpty ? 0 : Double(latencies.reduce(0, +)) / Double(latencies.count)
                done.succeed(LoadResult(turns: latencies.count, seconds: seconds, latencies: latencies,
                                        failures: failures, confirmations: confirmations,
                                        saveLatencies: saveLatencies, connectionMeans: [mean]))
                context.close(promise: nil)
            }
            return
        }
        if plan.rate != nil {
            free(u, context: context)
        } else if plan.think == .zero {
            // Flushed once per read burst (`channelReadComplete`), as a real bridge would: a
            // flush per reply made the client's syscalls part of what the ceiling measured.
            send(u, context: context)
        } else {
            // Think time with ±50% jitter.
            later(u, in: .nanoseconds(Int64.random(in: plan.think.nanoseconds / 2...plan.think.nanoseconds * 3 / 2, using: &random)), context: context)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.flush()
    }

    private func later(_ u: Int, in delay: TimeAmount, context: ChannelHandlerContext) {
        context.eventLoop.assumeIsolated().scheduleTask(in: delay) {
            self.send(u, context: context)
            context.flush()
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        if !completed { completed = true; done.fail(error) }
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !completed { completed = true; done.fail(ChannelError.ioOnClosedChannel) }
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): plenty for spreading load, and no system call.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum LoadGenerator {
    /// Runs `plan` against `address` and merges the connections' measurements.
    static func run(_ plan: LoadPlan, against address: SocketAddress, group: any EventLoopGroup) async throws -> LoadResult {
        let start = DispatchTime.now().uptimeNanoseconds
        var futures: [EventLoopFuture<LoadResult>] = []
        for c in 0..<plan.connections {
            let loop = group.next()
            let done = loop.makePromise(of: LoadResult.self)
            let connect = ClientBootstrap(group: loop)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineFrameDecoder(maximumLineLength: 1 << 20)))
                        try channel.pipeline.syncOperations.addHandler(LoadClientHandler(connection: c, plan: plan, done: done))
                    }
                }
                .connect(to: address)
            connect.whenFailure { done.fail($0) }
            futures.append(done.futureResult)
        }
        var merged = LoadResult(turns: 0, seconds: 0, latencies: [], failures: 0, confirmations: 0)
        for f in futures {
            let r = try await f.get()
            merged.turns += r.turns
            merged.latencies += r.latencies
            merged.failures += r.failures
            merged.confirmations += r.confirmations
            merged.saveLatencies += r.saveLatencies
            merged.connectionMeans += r.connectionMeans
        }
        merged.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        merged.latencies.sort()
        merged.saveLatencies.sort()
        merged.connectionMeans.sort()
        return merged
    }
}

/// The ceiling: a bare SwiftNIO server that echoes each line, with the same framing.
enum EchoServer {
    final class Echo: ChannelInboundHandler {
        typealias InboundIn = LineFrame
        typealias OutboundOut = ByteBuffer
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard case .line(var line) = unwrapInboundIn(data) else { return }
            line.writeInteger(UInt8(0x0A))
            context.write(wrapOutboundOut(line), promise: nil)
        }
        func channelReadComplete(context: ChannelHandlerContext) { context.flush() }
    }

    static func start(group: any EventLoopGroup) async throws -> any Channel {
        try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineFrameDecoder(maximumLineLength: 64 * 1024 + 1)))
                    try channel.pipeline.syncOperations.addHandler(Echo())
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }
}
