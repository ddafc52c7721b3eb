import Synchronization

/// Counters of a running server (read by tests, logged at shutdown).
public final class ServerStats: Sendable {
    public let accepted = Atomic<Int>(0)
    public let rejected = Atomic<Int>(0)
    public let turns = Atomic<Int>(0)
    public let errors = Atomic<Int>(0)
    public let notices = Atomic<Int>(0)

    init() {}
}
