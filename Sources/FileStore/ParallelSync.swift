import Foundation

/// fsyncs a batch of paths at once on a few threads. The filesystem folds concurrent fsyncs
/// into one journal commit, while one after another each pays its own: on this project's ext4
/// machine 100 new record files took ~800 ms in sequence and 15–70 ms with 16–32 at once. A
/// group-commit round (`GroupCommit`) is as long as its slowest reply waits, so it matters.
///
/// One set of threads for the process (started on the first batch of several files, then idle);
/// batches from different stores take turns. Idle helpers wait on a condition of their own and
/// a batch wakes only as many as it has paths for: with one shared condition every round woke
/// all 31 helpers three times (about 2,000 rounds a second under socket load), and those
/// context switches were CPU the turns needed.
final class ParallelSync: @unchecked Sendable {
    static let shared = ParallelSync(width: 32)

    // @unchecked: every field below is touched only while `mutex` is locked.
    private let width: Int
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    /// Helpers wait here for paths.
    private let workReady = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Callers wait here for their batch to finish, or for the last batch to end.
    private let batchDone = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var paths: [String] = []
    private var directory = false
    private var next = 0
    private var unfinished = 0
    private var problem: StoreError?
    private var helpers = 0
    private var busy = false
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
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while busy { pthread_cond_wait(batchDone, mutex) }
        busy = true
        paths = list
        self.directory = directory
        next = 0
        unfinished = list.count
        problem = nil
        // The caller takes a share too, so a batch of n paths needs n − 1 helpers at most.
        let wanted = min(width, list.count) - 1
        let idle = helpers
        while helpers < wanted {
            helpers += 1
            let thread = Thread { [self] in helper() }
            thread.name = "minga-fsync"
            thread.start()
        }
        for _ in 0..<min(idle, wanted) { pthread_cond_signal(workReady) }
        while next < paths.count { syncNext() }
        while unfinished > 0 { pthread_cond_wait(batchDone, mutex) }
        let result = problem
        paths = []
        next = 0
        busy = false
        pthread_cond_broadcast(batchDone)
        return result
    }

    /// With the lock held and work left: takes one path, syncs it unlocked, counts it done.
    private func syncNext() {
        let path = paths[next]
        let folder = directory
        next += 1
        pthread_mutex_unlock(mutex)
        let error = AtomicFile.sync(path, directory: folder)
        pthread_mutex_lock(mutex)
        if let error { problem = .io(path: path, message: error) }
        unfinished -= 1
        if unfinished == 0 { pthread_cond_broadcast(batchDone) }
    }

    private func helper() {
        pthread_mutex_lock(mutex)
        while true {
            while next >= paths.count {
                pthread_cond_wait(workReady, mutex)
                if next >= paths.count { idleWakeups += 1 }
            }
            syncNext()
        }
    }

    /// How often a helper has woken and found nothing to do.
    var idleWakeupCount: Int {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return idleWakeups
    }
}
