import Assistant
import CivilTime
import FileStore
import Logging
import MingaProtocol
import NIOCore
import NIOPosix

/// Sent through a connection's pipeline by the server.
struct ServerShutdownEvent: Sendable {}

/// A new day began (by the injected clock): time for notices.
struct NewDayEvent: Sendable {
    var today: LocalDate
}

/// One client connection speaking protocol v1 over framed lines.
///
/// Everything here runs on the channel's event loop; turns never do. Each line gets a sequence
/// number; the turns of one read burst go to the connection's `TurnLane` at once, a pool worker
/// runs them in order and hands their replies back in one hop. Replies whose turns left writes
/// not yet on disk go through the server's `ReplyCommitter` first (group commit: a reply never
/// leaves before the records it confirms are durable). Replies are written strictly in sequence
/// order, and flushed once per batch that arrives, not once per line.
///
/// Backpressure: when `maxPending` requests are unanswered or the socket is not writable, the
/// handler withholds `read()`, so the kernel buffers fill and the client slows down; other
/// connections are unaffected.
///
/// Deadlines (on the event loop's clock): the connection is closed after `idleTimeout` without
/// a complete, non-blank line from the client or a reply to it (a client dribbling one byte a
/// second, or sending blank lines, is idle), unless a turn is still running. With a token, a
/// correct `hello` must arrive within `helloTimeout` of opening, or the client gets
/// `unauthorized` and the connection closes.
final class ConnectionHandler: ChannelDuplexHandler {
    typealias InboundIn = LineFrame
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum Phase {
        /// Reading and answering.
        case open
        /// Shutting down: in-flight turns finish; new lines get `busy`.
        case shuttingDown
        /// Output half-closed after a final error or shutdown; input is read and dropped until
        /// the client closes or the drain time ends (so the last line is not lost to a reset).
        case draining
        case closed
    }

    private var proto: ProtocolConnection
    private let pool: NIOThreadPool
    private let committer: ReplyCommitter
    private let store: any MingaStore
    private let stats: ServerStats
    private var logger: Logger
    private let maxPending: Int
    private let drainTime: TimeAmount
    /// Turns run right here on the event loop, not on `pool` (`ServerConfiguration.turnThreads == 0`).
    private let inlineTurns: Bool

    private var context: ChannelHandlerContext?
    private var phase = Phase.open
    private var nextSeq = 0
    private var nextToWrite = 0
    private var ready: [Int: [String]] = [:]
    /// The sequence number after which the connection closes (unauthorized).
    private var closeAfter: Int?
    /// This connection's turns on their way to the pool, in line order.
    private let lane = TurnLane()
    /// Turns read in the current burst, handed to the lane when the burst ends.
    private var unsubmitted: [TurnLane.Job] = []
    private var readHeld = false
    private var inputClosed = false
    private var lastWrite: EventLoopFuture<Void>?
    private var turnsRun = 0
    private let opened = NIODeadline.now()
    private let idleTimeout: TimeAmount
    private let helloTimeout: TimeAmount
    private var timersStarted = false
    /// The last complete, non-blank line read or reply written (event loop clock).
    private var lastActivity = NIODeadline.uptimeNanoseconds(0)
    private var idleTask: Scheduled<Void>?
    private var helloTask: Scheduled<Void>?

    init(connection: ProtocolConnection, pool: NIOThreadPool, committer: ReplyCommitter, store: any MingaStore, stats: ServerStats,
         logger: Logger, maxPending: Int, idleTimeout: TimeAmount = .seconds(300), helloTimeout: TimeAmount = .seconds(10),
         drainTime: TimeAmount = .seconds(1), inlineTurns: Bool = false) {
        proto = connection
        self.inlineTurns = inlineTurns
        self.pool = pool
        self.committer = committer
        self.store = store
        self.stats = stats
        self.logger = logger
        self.maxPending = maxPending
        self.idleTimeout = idleTimeout
        self.helloTimeout = helloTimeout
        self.drainTime = drainTime
    }

    private var outstanding: Int { nextSeq - nextToWrite }

    // MARK: Lifecycle

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { startTimers(context: context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        cancelTimers()
    }

    func channelActive(context: ChannelHandlerContext) {
        logger.info("conexión abierta", metadata: ["remote": "\(context.channel.remoteAddress.map { "\($0)" } ?? "unix")"])
        startTimers(context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        phase = .closed
        cancelTimers()
        let ms = Double((NIODeadline.now() - opened).nanoseconds) / 1e6
        logger.info("conexión cerrada", metadata: ["turns": "\(turnsRun)", "unanswered": "\(outstanding)",
                                                     "open_ms": "\(Int(ms))"])
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        logger.warning("error de conexión", metadata: ["error": "\(error)"])
        context.close(promise: nil)
    }

    // MARK: Input

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch phase {
        case .draining, .closed:
            return
        case .shuttingDown:
            if case .line(let b) = frame, b.readableBytesView.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
            stats.errors.add(1, ordering: .relaxed)
            enqueue([ProtocolErrorCode.busy.line(message: "Minga se está reiniciando; intenta de nuevo en un momento.")])
            return
        case .open:
            break
        }
        if closeAfter != nil { return }
        switch frame {
        case .tooLong:
            logger.notice("línea demasiado larga")
            stats.errors.add(1, ordering: .relaxed)
            enqueue([ProtocolErrorCode.tooLong.line()])
        case .line(let buffer):
            let step = buffer.withUnsafeReadableBytes { proto.prepare(line: $0.bindMemory(to: UInt8.self)) }
            if proto.authenticated, let task = helloTask {
                task.cancel()
                helloTask = nil
            }
            switch step {
            case .output(let output):
                // A blank line gets no reply and is not activity.
                guard !output.lines.isEmpty else { return }
                lastActivity = context.eventLoop.now
                if let code = Self.errorCode(output.lines[0]) {
                    stats.errors.add(1, ordering: .relaxed)
                    logger.notice("pedido rechazado", metadata: ["code": "\(code)"])
                }
                if output.close { closeAfter = nextSeq }
                enqueue(output.lines)
            case .turn(let turn):
                lastActivity = context.eventLoop.now
                queue(turn)
            }
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        submitTurns(context: context)
        context.fireChannelReadComplete()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case ChannelEvent.inputClosed:
            // The decoder has just passed on a last line without newline, if there was one.
            submitTurns(context: context)
            inputClosed = true
            if phase == .draining { context.close(promise: nil) } else { closeIfDone(context: context) }
        case is ServerShutdownEvent:
            guard phase == .open else { return }
            phase = .shuttingDown
            closeIfDone(context: context)
        case let e as NewDayEvent:
            sendNotices(today: e.today, context: context)
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    // MARK: Turns

    private func queue(_ turn: ProtocolConnection.Turn) {
        let seq = nextSeq
        nextSeq += 1
        if logger.logLevel <= .trace, case .message(let text) = turn.kind {
            logger.trace("turno recibido", metadata: ["seq": "\(seq)", "user": "\(turn.user.id)", "text": "\(text)"])
        }
        unsubmitted.append(TurnLane.Job(seq: seq, turn: turn, received: .now()))
    }

    /// Hands the burst's turns to the lane; puts the lane on the pool unless a worker owns it.
    private func submitTurns(context: ChannelHandlerContext) {
        guard !unsubmitted.isEmpty else { return }
        let jobs = unsubmitted
        unsubmitted.removeAll(keepingCapacity: true)
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        let loop = context.eventLoop
        if inlineTurns {
            // In line order on this loop, the only thread that touches this connection: no lane,
            // no hop to a worker and back. Replies held for an fsync come back like the pool's.
            TurnLane.run(jobs, active: true, committer: committer, store: store, deliver: { receive($0) },
                         deliverHeld: { replies in loop.execute { handler.value.receive(replies) } })
            return
        }
        guard lane.append(jobs) else { return }
        TurnLane.schedule(lane, pool: pool, committer: committer, store: store) { replies in
            loop.execute { handler.value.receive(replies) }
        }
    }

    /// Replies from the lane (or the committer), in the lane's order; written in sequence order.
    private func receive(_ replies: [TurnLane.Done]) {
        for reply in replies {
            if reply.ran {
                turnsRun += 1
                stats.turns.add(1, ordering: .relaxed)
            } else {
                logger.error("turno fallido", metadata: ["seq": "\(reply.seq)"])
            }
            if logger.logLevel <= .debug {
                let us = (NIODeadline.now() - reply.received).nanoseconds / 1000
                logger.debug("turno", metadata: ["seq": "\(reply.seq)", "latency_us": "\(us)"])
                if logger.logLevel <= .trace {
                    logger.trace("turno respondido", metadata: ["seq": "\(reply.seq)", "reply": "\(reply.line)"])
                }
            }
            ready[reply.seq] = [reply.line]
        }
        writeReady()
    }

    /// The `code` of an error line, for the log (never the request itself).
    static func errorCode(_ line: String) -> Substring? {
        guard line.hasPrefix("{\"type\":\"error\""), let r = line.range(of: "\"code\":\"") else { return nil }
        return line[r.upperBound...].prefix { $0 != "\"" }
    }

    /// Queues lines already known, behind the replies still being computed.
    @discardableResult
    private func enqueue(_ lines: [String]) -> Int {
        let seq = nextSeq
        nextSeq += 1
        ready[seq] = lines
        writeReady()
        return seq
    }

    /// Writes the replies that are next in order, then decides whether to read or close.
    private func writeReady() {
        guard let context, phase != .closed else { return }
        // Every line that is next in order goes into one buffer: one write (and one promise)
        // and one flush per batch of replies, not per line.
        var out: ByteBuffer?
        while let lines = ready.removeValue(forKey: nextToWrite) {
            let seq = nextToWrite
            nextToWrite += 1
            if phase == .draining { continue }
            for line in lines {
                if out == nil { out = context.channel.allocator.buffer(capacity: 512) }
                out!.writeString(line)
                out!.writeInteger(UInt8(0x0A))
            }
            if seq == closeAfter {
                if let out { lastWrite = context.write(wrapOutboundOut(out)) }
                context.flush()
                logger.notice("sin autorización, cierro")
                drainAndClose(context: context)
                return
            }
        }
        if let out {
            lastWrite = context.write(wrapOutboundOut(out))
            context.flush()
            lastActivity = context.eventLoop.now
        }
        closeIfDone(context: context)
        resumeReadingIfPossible(context: context)
    }

    /// Closes once nothing is left to answer: after the client's end of input, or on shutdown.
    private func closeIfDone(context: ChannelHandlerContext) {
        guard outstanding == 0 else { return }
        if inputClosed && (phase == .open || phase == .shuttingDown) {
            phase = .draining
            closeAfterWrites(context: context)
        } else if phase == .shuttingDown {
            drainAndClose(context: context)
        }
    }

    private func closeAfterWrites(context: ChannelHandlerContext) {
        let done = lastWrite ?? context.eventLoop.makeSucceededVoidFuture()
        done.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }

    /// Half-closes the output once the last line is written, reads and drops what the client
    /// still sends, and closes when it is done or after `drainTime`.
    private func drainAndClose(context: ChannelHandlerContext) {
        guard phase != .draining, phase != .closed else { return }
        phase = .draining
        if inputClosed { return closeAfterWrites(context: context) }
        let done = lastWrite ?? context.eventLoop.makeSucceededVoidFuture()
        done.assumeIsolated().whenComplete { _ in
            context.close(mode: .output, promise: nil)
        }
        context.eventLoop.assumeIsolated().scheduleTask(in: drainTime) {
            context.close(promise: nil)
        }
        resumeReadingIfPossible(context: context)
    }

    // MARK: Deadlines

    private func startTimers(context: ChannelHandlerContext) {
        guard !timersStarted else { return }
        timersStarted = true
        let loop = context.eventLoop
        lastActivity = loop.now
        armIdleCheck(at: lastActivity + idleTimeout, loop: loop)
        if !proto.authenticated {
            helloTask = loop.assumeIsolated().scheduleTask(in: helloTimeout) { self.helloExpired() }
        }
    }

    private func cancelTimers() {
        idleTask?.cancel()
        idleTask = nil
        helloTask?.cancel()
        helloTask = nil
    }

    /// One pending check at a time; activity only moves `lastActivity`, and the check re-arms
    /// itself for the new deadline (no timer churn per line).
    private func armIdleCheck(at deadline: NIODeadline, loop: any EventLoop) {
        idleTask = loop.assumeIsolated().scheduleTask(deadline: deadline) { self.idleCheck() }
    }

    private func idleCheck() {
        idleTask = nil
        guard let context, phase == .open else { return }
        let loop = context.eventLoop
        let due = lastActivity + idleTimeout
        if loop.now < due { return armIdleCheck(at: due, loop: loop) }
        // A turn still running is not idleness; look again a full timeout later.
        if outstanding > 0 { return armIdleCheck(at: loop.now + idleTimeout, loop: loop) }
        logger.info("cierro una conexión inactiva")
        context.close(promise: nil)
    }

    /// The client did not authenticate in time: `unauthorized`, then close.
    private func helloExpired() {
        helloTask = nil
        guard context != nil, phase == .open, !proto.authenticated, closeAfter == nil else { return }
        stats.errors.add(1, ordering: .relaxed)
        logger.notice("sin hello a tiempo")
        let seconds = max(1, Int((helloTimeout.nanoseconds + 999_999_999) / 1_000_000_000))
        closeAfter = nextSeq
        enqueue([ProtocolErrorCode.unauthorized.line(message: Self.helloTimeoutMessage(seconds: seconds))])
    }

    static func helloTimeoutMessage(seconds: Int) -> String {
        "Se acabó el tiempo para saludar: la primera línea debe ser {\"type\":\"hello\",\"token\":\"...\"} con el token correcto, dentro de \(seconds) \(seconds == 1 ? "segundo" : "segundos") después de conectarte."
    }

    // MARK: Notices

    private func sendNotices(today: LocalDate, context: ChannelHandlerContext) {
        guard proto.wantsNotices, phase == .open, !proto.userRefs.isEmpty else { return }
        let users = proto.userRefs.values.sorted { $0.id < $1.id }
        let store = self.store
        pool.runIfActive(eventLoop: context.eventLoop) {
            Notices.lines(for: users, store: store, today: today)
        }.assumeIsolated().whenSuccess { lines in
            guard !lines.isEmpty, self.phase == .open else { return }
            self.logger.info("avisos enviados", metadata: ["count": "\(lines.count)"])
            self.stats.notices.add(lines.count, ordering: .relaxed)
            // Notices are whole lines between replies; reply order is untouched.
            for line in lines {
                var buffer = context.channel.allocator.buffer(capacity: line.utf8.count + 1)
                buffer.writeString(line)
                buffer.writeInteger(UInt8(0x0A))
                self.lastWrite = context.write(self.wrapOutboundOut(buffer))
            }
            context.flush()
        }
    }

    // MARK: Backpressure

    func read(context: ChannelHandlerContext) {
        if mayRead(context: context) {
            context.read()
        } else {
            readHeld = true
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        resumeReadingIfPossible(context: context)
        context.fireChannelWritabilityChanged()
    }

    private func mayRead(context: ChannelHandlerContext) -> Bool {
        switch phase {
        case .draining: return true
        case .closed: return false
        case .open, .shuttingDown: return outstanding < maxPending && context.channel.isWritable
        }
    }

    private func resumeReadingIfPossible(context: ChannelHandlerContext) {
        if readHeld && mayRead(context: context) {
            readHeld = false
            context.read()
        }
    }
}
