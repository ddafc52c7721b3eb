import Synchronization

/// What a store did, counted: the benchmark prints them per turn, so a change that adds a
/// `stat` per record or an fsync per turn shows as a number, not as a vague slowdown.
public final class StoreCounters: Sendable {
    /// fsync calls, files and folders.
    public let fsyncs = Atomic<Int>(0)
    /// Files written (temporary file + rename), durable or not.
    public let writes = Atomic<Int>(0)
    /// Record files parsed (YAML): a cached turn parses none.
    public let parses = Atomic<Int>(0)
    /// Networks read whole from their folders.
    public let fullReads = Atomic<Int>(0)
    /// Files or folders looked at with stat/readdir while keeping snapshots fresh.
    public let looks = Atomic<Int>(0)
    /// Times a thread took the store lock (`StoreLock`), and flocks those took: the lease
    /// covers several holds under load.
    public let lockHolds = Atomic<Int>(0)
    public let flocks = Atomic<Int>(0)
    /// Time threads spent waiting for the store lock, and holding it.
    public let lockWaitNanos = Atomic<Int>(0)
    public let lockHeldNanos = Atomic<Int>(0)

    public init() {}

    /// The counts as (name, value), in a fixed order.
    public var values: [(String, Int)] {
        [("fsync", fsyncs.load(ordering: .relaxed)), ("escrituras", writes.load(ordering: .relaxed)),
         ("lecturas YAML", parses.load(ordering: .relaxed)), ("redes leídas enteras", fullReads.load(ordering: .relaxed)),
         ("stat/readdir", looks.load(ordering: .relaxed)), ("bloqueos", lockHolds.load(ordering: .relaxed)),
         ("flock", flocks.load(ordering: .relaxed))]
    }
}
