import FileStore
import MingaProtocol
import NIOCore
import NIOPosix
import Foundation

/// One connection's turns waiting to run, in the order they were read. The event loop appends
/// them a read burst at a time; at most one worker drains the lane at a time, taking everything
/// pending in one go, so a connection's turns run in order (and so each user's turns, and the
/// replies come out ready to write in order) with one hand-off per burst instead of per line.
/// Different connections' lanes run in parallel on the pool.
final class TurnLane: @unchecked Sendable {
    struct Job: Sendable {
        let seq: Int
        let turn: ProtocolConnection.Turn
        /// When the line was read (the debug log's latency).
        let received: NIODeadline
    }

    /// A job's reply line; `ran` is false when the pool was stopping and the turn did not run.
    struct Done: Sendable {
        let seq: Int
        var line: String
        let received: NIODeadline
        var ran: Bool
    }

    private struct State {
        var pending: [Job] = []
        /// A worker owns the lane: it is on the pool's queue or draining.
        var scheduled = false
    }

    /// A pthread mutex: `Synchronization.Mutex` is a priority-inheritance futex on Linux, whose
    /// contended unlock parks the lock on a sleeping waiter (swiftlang/swift #88440).
    /// @unchecked: `lockedState` is only touched while `lock` is held.
    private let lock = NSLock()
    private var lockedState = State()

    private func withState<T>(_ body: (inout State) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&lockedState)
    }

    /// Adds jobs; true when the caller must put the lane on the pool (nobody owns it yet).
    func append(_ jobs: [Job]) -> Bool {
        withState { s in
            s.pending += jobs
            if s.scheduled { return false }
            s.scheduled = true
            return true
        }
    }

    /// For the worker that owns the lane: everything pending (possibly nothing).
    func take() -> [Job] {
        withState { s in
            defer { s.pending = [] }
            return s.pending
        }
    }

    /// For the worker that owns the lane, after running what it took: true when more arrived
    /// meanwhile and the lane stays owned (to be put back on the pool), false when it is idle.
    func finish() -> Bool {
        withState { s in
            if s.pending.isEmpty {
                s.scheduled = false
                return false
            }
            return true
        }
    }

    /// Puts `lane` on the pool: the worker runs what is pending, in order, and passes the replies
    /// to `deliver`; if more arrived meanwhile the lane goes to the back of the pool's queue, so a
    /// busy connection takes turns with the others instead of keeping a worker.
    ///
    /// A reply is held by `committer` from the first turn whose own save (or a retried save it
    /// found) still waits for its fsync: the replies before it go out at once (a bridge carries
    /// many users on one connection, and one person's save must not hold the replies read before
    /// it), the rest wait with it, since replies keep their order on the connection.
    static func schedule(_ lane: TurnLane, pool: NIOThreadPool, committer: ReplyCommitter, store: any MingaStore,
                         deliver: @escaping @Sendable ([Done]) -> Void) {
        pool.submit { state in
            run(lane.take(), active: state == .active, committer: committer, store: store, deliver: deliver, deliverHeld: deliver)
            if lane.finish() {
                schedule(lane, pool: pool, committer: committer, store: store, deliver: deliver)
            }
        }
    }

    /// Runs `jobs` in order on the calling thread. The replies before the first one held for an
    /// fsync go to `deliver` at once (before this returns); the rest go to `deliverHeld` from the
    /// committer once the writes they confirm are durable. `active` false: none runs (`notRun`).
    ///
    /// Called by a pool worker (`schedule`), or by the event loop itself when the server runs
    /// turns there (`ServerConfiguration.turnThreads == 0`): then `deliver` is the handler's own
    /// `receive`, with no hop to another thread and back.
    static func run(_ jobs: [Job], active: Bool, committer: ReplyCommitter, store: any MingaStore,
                    deliver: ([Done]) -> Void, deliverHeld: @escaping @Sendable ([Done]) -> Void) {
        var replies: [Done] = []
        replies.reserveCapacity(jobs.count)
        // Index of the first reply that waits for an fsync, if any.
        var firstHeld: Int?
        for job in jobs {
            guard active else {
                replies.append(Done(seq: job.seq, line: notRun, received: job.received, ran: false))
                continue
            }
            // Whether this turn's own saves still wait for their fsync. A reply that shows
            // another connection's record not yet durable does not say it saved it.
            let (line, pending) = store.trackingWrites { job.turn.run() }
            if pending && firstHeld == nil { firstHeld = replies.count }
            replies.append(Done(seq: job.seq, line: line, received: job.received, ran: true))
        }
        if let firstHeld {
            if firstHeld > 0 { deliver(Array(replies[..<firstHeld])) }
            let held = Array(replies[firstHeld...])
            committer.whenDurable { failure in
                deliverHeld(failure.map { e in held.map { unsure($0, e) } } ?? held)
            }
        } else if !replies.isEmpty {
            deliver(replies)
        }
    }

    static let notRun = ProtocolErrorCode.busy.line(message: "No pude atender ese mensaje ahora; intenta de nuevo en un momento.")

    /// A reply whose saves may not be on disk: no confirmation may go out. `busy` is the
    /// protocol's «try again»; the retry with the same id finds the record it saved.
    private static func unsure(_ reply: Done, _ failure: any Error) -> Done {
        var reply = reply
        reply.line = ProtocolErrorCode.busy.line(message: "No pude asegurar en el disco lo que guardé: \(failure) Intenta de nuevo en un momento.")
        return reply
    }
}
