import Assistant

/// The users seen on one connection, with the name and network each last gave, bounded to the
/// `capacity` most recently seen: a bridge (or a hostile client) inventing a new user id per
/// line cannot grow a connection's memory, nor the list notices are computed for, without end.
///
/// Every operation is amortised O(1): seeing a user appends a stamped entry to a queue, the
/// oldest entry whose stamp is still current is the least recently seen user, and stale entries
/// are dropped when the queue has grown to twice the capacity.
struct RecentUsers: Sendable {
    let capacity: Int
    private(set) var refs: [String: UserRef] = [:]
    /// How many users were forgotten to stay within `capacity`.
    private(set) var evicted = 0
    private var stamps: [String: UInt64] = [:]
    private var queue: [(id: String, stamp: UInt64)] = []
    private var head = 0
    private var clock: UInt64 = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Records that `ref.id` spoke now; a name or network it gives replaces the one remembered.
    mutating func see(_ ref: UserRef) {
        var known = refs[ref.id] ?? ref
        if ref.name != nil { known.name = ref.name }
        if ref.network != nil { known.network = ref.network }
        refs[ref.id] = known
        clock += 1
        stamps[ref.id] = clock
        queue.append((ref.id, clock))
        while refs.count > capacity { evictOldest() }
        if queue.count > 2 * capacity + 64 { compact() }
    }

    private mutating func evictOldest() {
        while head < queue.count {
            let entry = queue[head]
            head += 1
            if stamps[entry.id] == entry.stamp {
                refs.removeValue(forKey: entry.id)
                stamps.removeValue(forKey: entry.id)
                evicted += 1
                return
            }
        }
    }

    /// Keeps only the current entry of each user, oldest first.
    private mutating func compact() {
        queue = queue[head...].filter { stamps[$0.id] == $0.stamp }
        head = 0
    }
}
