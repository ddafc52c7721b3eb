import Foundation

/// fsyncs a batch of paths at once on a few threads. The filesystem folds concurrent fsyncs
/// into one journal commit, while one after another each pays its own: on this project's ext4
/// machine 100 new record files took ~800 ms in sequence and 15–70 ms with 16–32 at once. A
/// group-commit round (`GroupCommit`) is as long as its slowest reply waits, so it matters.
///
/// One set of threads for the process (started on the first batch of several files, then idle).
/// Batches from different callers run at once (two group-commit rounds overlap): helpers take
/// paths from the oldest batch with paths left, and each caller works through its own batch too,
/// so a batch never waits for another to finish. Idle helpers wait on a condition of their own
/// and a batch wakes only as many as it has paths for: with one shared condition every round
/// woke all 31 helpers three times (about 2,000 rounds a second under socket load), and those
/// context switches were CPU the turns needed.
final class ParallelSync: @unchecked Sendable {
    static let shared = ParallelSync(width: 32)

    /// One caller's paths. @unchecked: fields are touched only while the owner's `mutex` is locked.
    private final class Batch: @unchecked Sendable {
        let paths: [String]
        let directory: Bool
        var next = 0
        var unfinished: Int
        var problem: StoreError?

        init(_ paths: [String], directory: Bool) {
            self.paths = paths
            self.directory = directory
            unfinished = paths.count
        }
    }

    // @unchecked: every field below is touched only while `mutex` is locked.
    private let width: Int
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    /// Helpers wait here for paths.
    private let workReady = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Callers wait here for their batch to finish.
    private let batchDone = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Batches with paths not yet taken, oldest first.
    private var waiting: [Batch] = []
    private var helpers = 0
    /// Helpers waiting on `workReady`.
    private var idleHelpers = 0
    /// How often a helper woke and found nothing to do: the herd this avoids (read by tests).
    private var idleWakeups = 0

    init(width: Int) {
        self.width = max(1, width)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(workReady, nil)
        pthread_cond_init(batchDone, nil)
    }

    // No deinit: helpers wait on these for as long as the process lives.

    /// fsyncs every path (files, or folders when `directory`); the last error, if any.
    func sync(_ list: [String], directory: Bool) -> StoreError? {
        if list.count <= 1 {
            return list.first.flatMap { path in AtomicFile.sync(path, directory: directory).map { .io(path: path, message: $0) } }
        }
        let batch = Batch(list, directory: directory)
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        waiting.append(batch)
        // The caller takes a share too, so a batch of n paths needs n − 1 helpers at most.
        let wanted = min(width, list.count) - 1
        for _ in 0..<min(idleHelpers, wanted) { pthread_cond_signal(workReady) }
        while helpers < wanted {
            helpers += 1
            let thread = Thread { [self] in helper() }
            thread.name = "minga-fsync"
            thread.start()
        }
        while batch.next < batch.paths.count { syncNext(of: batch) }
        while batch.unfinished > 0 { pthread_cond_wait(batchDone, mutex) }
        return batch.problem
    }

    /// With the lock held and a path left in `batch`: takes it, syncs it unlocked, counts it done.
    private func syncNext(of batch: Batch) {
        let path = batch.paths[batch.next]
        batch.next += 1
        if batch.next == batch.paths.count, let i = waiting.firstIndex(where: { $0 === batch }) { waiting.remove(at: i) }
        pthread_mutex_unlock(mutex)
        let error = AtomicFile.sync(path, directory: batch.directory)
        pthread_mutex_lock(mutex)
        if let error { batch.problem = .io(path: path, message: error) }
        batch.unfinished -= 1
        if batch.unfinished == 0 { pthread_cond_broadcast(batchDone) }
    }

    private func helper() {
        pthread_mutex_lock(mutex)
        while true {
            while waiting.isEmpty {
                idleHelpers += 1
                pthread_cond_wait(workReady, mutex)
                idleHelpers -= 1
                if waiting.isEmpty { idleWakeups += 1 }
            }
            syncNext(of: waiting[0])
        }
    }

    /// How often a helper has woken and found nothing to do.
    var idleWakeupCount: Int {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return idleWakeups
    }
}
