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
    /// Each user's last name and network, and the stamp of their newest queue entry: one table,
    /// so a line from a known user costs one hash lookup (`see` runs for every turn of every
    /// connection; three tables cost three hashes of the id and a copy of the ref).
    private var entries: [String: Entry] = [:]
    /// How many users were forgotten to stay within `capacity`.
    private(set) var evicted = 0
    private var queue: [(id: String, stamp: UInt64)] = []
    private var head = 0
    private var clock: UInt64 = 0

    private struct Entry: Sendable {
        var ref: UserRef
        var stamp: UInt64
    }

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The users remembered, with the name and network each last gave.
    var refs: [String: UserRef] { entries.mapValues(\.ref) }

    /// Records that `ref.id` spoke now; a name or network it gives replaces the one remembered.
    mutating func see(_ ref: UserRef) {
        clock += 1
        if let i = entries.index(forKey: ref.id) {
            entries.values[i].stamp = clock
            if ref.name != nil { entries.values[i].ref.name = ref.name }
            if ref.network != nil { entries.values[i].ref.network = ref.network }
        } else {
            entries[ref.id] = Entry(ref: ref, stamp: clock)
        }
        queue.append((ref.id, clock))
        while entries.count > capacity { evictOldest() }
        if queue.count > 2 * capacity + 64 { compact() }
    }

    private mutating func evictOldest() {
        while head < queue.count {
            let entry = queue[head]
            head += 1
            if entries[entry.id]?.stamp == entry.stamp {
                entries.removeValue(forKey: entry.id)
                evicted += 1
                return
            }
        }
    }

    /// Keeps only the current entry of each user, oldest first.
    private mutating func compact() {
        queue = queue[head...].filter { entries[$0.id]?.stamp == $0.stamp }
        head = 0
    }
}
