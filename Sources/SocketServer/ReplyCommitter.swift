import FileStore
import Foundation
import Synchronization

/// The server's one committer (group commit across every connection): replies whose turns left
/// writes that are not on disk yet wait here, never on a worker or an event loop. A round takes
/// every reply queued so far, calls `store.commit()` once (which covers every write made before
/// the call, so every write those replies confirm) and releases them; replies queued while a
/// round's fsyncs run go in the next round. The fsync cost is shared by everything saved
/// meanwhile, and the workers keep running turns while the disk works.
final class ReplyCommitter: @unchecked Sendable {
    /// Called once the writes before the reply are durable (`nil`), or could not be made so.
    typealias Release = @Sendable (_ failure: (any Error)?) -> Void

    // @unchecked: `queued`, `phase` and `thread` are touched only while `condition` is locked.
    private let condition = NSCondition()
    private var queued: [Release] = []
    private enum Phase { case idle, running, stopping, stopped }
    private var phase = Phase.idle
    private let store: any MingaStore
    /// Rounds done (`commit()` calls) and replies they released: a test counts them, the
    /// benchmark prints replies per round.
    let rounds = Atomic<Int>(0)
    let released = Atomic<Int>(0)
    /// Time the rounds took, in total and the longest (ns): a reply waits up to two rounds, so
    /// with the disk slow these are the latency's floor.
    let roundNanos = Atomic<Int>(0)
    let longestRound = Atomic<Int>(0)

    init(store: any MingaStore) {
        self.store = store
    }

    func start() {
        condition.lock()
        defer { condition.unlock() }
        guard phase == .idle else { return }
        phase = .running
        let thread = Thread { [self] in loop() }
        thread.name = "minga-commit"
        thread.start()
    }

    /// Releases `release` once everything written so far is durable. After `stop()` (or before
    /// `start()`) the caller commits inline: a reply is never released unsynced.
    func whenDurable(_ release: @escaping Release) {
        condition.lock()
        if phase == .running {
            queued.append(release)
            condition.signal()
            condition.unlock()
            return
        }
        condition.unlock()
        commitRound([release])
    }

    /// Runs a last round for whatever is queued and stops the thread; returns when it is done.
    func stop() {
        condition.lock()
        defer { condition.unlock() }
        guard phase == .running else {
            if phase == .idle { phase = .stopped }
            return
        }
        phase = .stopping
        condition.broadcast()
        while phase != .stopped { condition.wait() }
    }

    private func loop() {
        condition.lock()
        while true {
            while queued.isEmpty && phase == .running { condition.wait() }
            if queued.isEmpty {
                phase = .stopped
                condition.broadcast()
                condition.unlock()
                return
            }
            let batch = queued
            queued = []
            condition.unlock()
            commitRound(batch)
            condition.lock()
        }
    }

    private func commitRound(_ batch: [Release]) {
        var failure: (any Error)?
        let start = DispatchTime.now().uptimeNanoseconds
        do { try store.commit() } catch { failure = error }
        let took = Int(DispatchTime.now().uptimeNanoseconds - start)
        roundNanos.add(took, ordering: .relaxed)
        if took > longestRound.load(ordering: .relaxed) { longestRound.store(took, ordering: .relaxed) }
        rounds.add(1, ordering: .relaxed)
        released.add(batch.count, ordering: .relaxed)
        for release in batch { release(failure) }
    }
}
