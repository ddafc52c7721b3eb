import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The store's exclusive lock: one thread of this process at a time (a mutex), and one process at
/// a time (an flock on `<root>/.lock`), held for the duration of `body`, so two Minga processes on
/// one store never lose each other's writes nor give out one id twice.
///
/// The flock is a lease the process keeps while its own threads queue for the lock: a save that
/// finds another thread of this process waiting leaves the flock taken for it, so a burst of saves
/// from the turn threads takes the flock once, not once per save (an flock per save, each on a
/// freshly opened file, had the turn threads queueing in the kernel one wake-up at a time). The
/// lease is given back when nobody here waits, or after `maxStreak` saves or `maxHold` so another
/// process is never kept out for long. A kill -9 releases it with the process, as before.
final class StoreLock: @unchecked Sendable {
    let path: String
    private let counters: StoreCounters?
    /// Saves one lease may cover before it is offered to other processes.
    static let maxStreak = 64
    /// Longest a lease is kept while threads of this process keep asking (nanoseconds).
    static let maxHold: UInt64 = 5_000_000

    /// Re-entrant on the thread that holds it, so a channel can hold the lock across a whole batch
    /// of turns (`FileStore.whileLocked`) and each save inside costs no locking of its own.
    private let exclusive = NSRecursiveLock()
    /// Threads of this process waiting for `exclusive`.
    private let waiting = Atomic<Int>(0)
    // @unchecked: the fields below are touched only while `exclusive` is held.
    private var fd: Int32 = -1
    private var leased = false
    private var leasedAt: UInt64 = 0
    private var streak = 0
    private var depth = 0
    private var heldSince: UInt64 = 0
    /// Counts the leases taken: what was read under one lease (no other process can have changed
    /// it) stays true while the number is the same.
    private var leases: UInt64 = 0

    init(path: String, counters: StoreCounters? = nil) {
        self.path = path
        self.counters = counters
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    func withLock<T>(_ body: () throws -> T) throws -> T {
        try acquire()
        defer { release() }
        return try body()
    }

    /// Which lease this is (call while holding the lock): equal numbers, no other process wrote
    /// in between.
    var generation: UInt64 {
        exclusive.lock()
        defer { exclusive.unlock() }
        return leases
    }

    func acquire() throws {
        let asked = Self.uptime()
        waiting.add(1, ordering: .relaxed)
        exclusive.lock()
        waiting.subtract(1, ordering: .relaxed)
        guard depth == 0 else {
            depth += 1
            return
        }
        do {
            if !leased { try lease() }
        } catch {
            exclusive.unlock()
            throw error
        }
        depth = 1
        heldSince = Self.uptime()
        counters?.lockWaitNanos.add(Int(heldSince - asked), ordering: .relaxed)
        counters?.lockHolds.add(1, ordering: .relaxed)
    }

    func release() {
        depth -= 1
        if depth == 0 {
            let done = Self.uptime()
            counters?.lockHeldNanos.add(Int(done - heldSince), ordering: .relaxed)
            streak += 1
            if waiting.load(ordering: .relaxed) == 0 || streak >= Self.maxStreak || done - leasedAt > Self.maxHold {
                flock(fd, LOCK_UN)
                leased = false
            }
        }
        exclusive.unlock()
    }

    /// Takes the flock, on the file now at `path` (reopened if it was replaced or removed).
    private func lease() throws {
        while true {
            if fd < 0 {
                fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
                guard fd >= 0 else { throw StoreError.io(path: path, message: String(cString: strerror(errno))) }
            }
            while flock(fd, LOCK_EX) != 0 {
                if errno != EINTR { throw StoreError.io(path: path, message: String(cString: strerror(errno))) }
            }
            // Someone removed or replaced `.lock`: the other processes lock the new file.
            var mine = stat(), named = stat()
            if fstat(fd, &mine) == 0, stat(path, &named) == 0, mine.st_ino == named.st_ino, mine.st_dev == named.st_dev { break }
            flock(fd, LOCK_UN)
            close(fd)
            fd = -1
        }
        counters?.flocks.add(1, ordering: .relaxed)
        leases &+= 1
        leased = true
        leasedAt = Self.uptime()
        streak = 0
    }

    private static func uptime() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
}
