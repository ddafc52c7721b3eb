import Locks

/// The last few results of a pure function of a text. A turn reads the same answer with the
/// same parser several times (the flow's own reading, the shared readings, the slot's parser),
/// each from its own place: the first read pays, the others find it here. Thread-safe (the
/// server runs turns on several threads); a handful of entries, replaced in turn.
final class RecentResults<Value: Sendable>: Sendable {
    private struct Entries {
        var keys: [String] = []
        var values: [Value] = []
        var next = 0
    }

    private let capacity: Int
    private let entries = PlainLock(Entries())

    init(capacity: Int = 4) {
        self.capacity = capacity
    }

    /// `compute(text)`, from the entries when `text` was one of the last ones computed.
    func value(for text: String, _ compute: (String) -> Value) -> Value {
        // Lengths first (a stored count): most entries differ there, and are not compared.
        let n = text.utf8.count
        if let hit = entries.withLock({ e in e.keys.firstIndex(where: { $0.utf8.count == n && $0 == text }).map { e.values[$0] } }) { return hit }
        let value = compute(text)
        entries.withLock { e in
            if e.keys.count < capacity {
                e.keys.append(text)
                e.values.append(value)
            } else {
                e.keys[e.next] = text
                e.values[e.next] = value
                e.next = (e.next + 1) % capacity
            }
        }
        return value
    }
}
