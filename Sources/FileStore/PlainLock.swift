import Foundation

/// A value behind a plain (non priority-inheritance) mutex, for state every turn touches.
///
/// `Synchronization.Mutex` on Linux is a priority-inheritance futex: on contention the kernel
/// hands the lock to the next waiter while that thread is still asleep, and nobody runs the
/// critical section until the scheduler gets to it (swiftlang/swift #88440). With the socket
/// server's turn threads outnumbering the cores, the store's shared caches queued every turn
/// behind such hand-offs. A pthread mutex lets a running thread take a free lock.
final class PlainLock<Value>: @unchecked Sendable {
    // @unchecked: `value` is only touched while `lock` is held.
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
