#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A value behind a plain (non priority-inheritance) pthread mutex, for state every turn touches.
///
/// `Synchronization.Mutex` on Linux is a priority-inheritance futex: on contention the kernel
/// hands the lock to the next waiter while that thread is still asleep, and nobody runs the
/// critical section until the scheduler gets to it (swiftlang/swift #88440). With the socket
/// server's turn threads outnumbering the cores, the caches shared by every turn (the store's,
/// the date reader's memo, the people matcher's) queued each turn behind such hand-offs. A plain
/// mutex lets a running thread take a free lock.
public final class PlainLock<Value>: @unchecked Sendable {
    // @unchecked: `value` is only touched while `mutex` is held.
    @usableFromInline let mutex: UnsafeMutablePointer<pthread_mutex_t>
    /// Exclusivity unchecked: the mutex already makes every access exclusive (a `withLock` nested
    /// in another on the same lock waits forever before it reaches `value`), and the dynamic
    /// check cost each store, cache and matcher access about a hundred instructions per turn.
    @usableFromInline @exclusivity(unchecked) var value: Value

    public init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    @inlinable
    public func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
