/// A network's records of one kind (its agreements, its meetings…): an array whose copies share
/// everything but the part a change touches.
///
/// A snapshot is handed to every turn while the store keeps it up to date, so its arrays are
/// always shared when the store adds or edits a record. With `Array`, adding one record to a
/// network of 10,000 copied all 10,000 (retaining every field of each): the save's cost grew
/// with the network. Here the records sit in chunks of `chunkSize`; every chunk but the last is
/// full. Appending copies at most the last chunk and the list of chunk references, editing one
/// record copies its chunk: O(chunkSize + count / chunkSize) instead of O(count). Inserting or
/// removing in the middle (rare: a hand-edited folder) rebuilds the list.
public struct RecordList<Element> {
    @usableFromInline
    final class Chunk {
        @usableFromInline var items: [Element]
        @usableFromInline init(_ items: [Element]) { self.items = items }
    }

    @usableFromInline static var shift: Int { 6 }
    @usableFromInline static var chunkSize: Int { 1 << shift }
    @usableFromInline static var mask: Int { chunkSize - 1 }

    // Internal to the module, for the inlinable `append` and subscript: a store adds and reads
    // records through them, and the generic (unspecialised) versions cost ~3k instructions an
    // append (metadata look-ups, witness calls).
    @usableFromInline var chunks: [Chunk] = []
    @usableFromInline var storedCount = 0
    @inlinable public var count: Int { storedCount }

    public init() {}

    /// Inlinable, so the store's call is specialized for its record type: the generic version
    /// (witness calls per record) was ~1,700 instructions per agreement, 17 M of the first read
    /// of a 10,000-agreement network at start-up.
    @inlinable
    public init<S: Sequence>(_ elements: S) where S.Element == Element {
        // Chunks hold no spare capacity: a network of 20 agreements keeps 20, not 64.
        var chunks: [Chunk] = []
        if let array = elements as? [Element] {
            // Whole chunks copied as slices (one bulk copy each), not record by record.
            chunks.reserveCapacity((array.count + Self.chunkSize - 1) / Self.chunkSize)
            var start = 0
            while start < array.count {
                let end = Swift.min(start + Self.chunkSize, array.count)
                chunks.append(Chunk(Array(array[start..<end])))
                start = end
            }
            self.init(chunks: chunks, count: array.count)
            return
        }
        var current: [Element] = []
        for e in elements {
            current.append(e)
            if current.count == Self.chunkSize {
                chunks.append(Chunk(current))
                current = []
            }
        }
        let count = chunks.count * Self.chunkSize + current.count
        if !current.isEmpty { chunks.append(Chunk(current)) }
        self.init(chunks: chunks, count: count)
    }

    /// How many records a chunk holds: a reader that decodes straight into chunks
    /// (`init(chunkArrays:)`) cuts its arrays at multiples of it.
    public static var recordsPerChunk: Int { chunkSize }

    /// The records as arrays already cut into chunks, in order: every one `recordsPerChunk` long
    /// but the last, which is not empty. Each array becomes a chunk as it is, so records decoded
    /// straight into them (a store's index) are never copied again.
    public init(chunkArrays: [[Element]]) {
        var count = 0
        for (i, items) in chunkArrays.enumerated() {
            precondition(i == chunkArrays.count - 1 ? !items.isEmpty && items.count <= Self.chunkSize : items.count == Self.chunkSize,
                         "RecordList chunk of the wrong size")
            count += items.count
        }
        self.init(chunks: chunkArrays.map { Chunk($0) }, count: count)
    }

    /// Full chunks but the last, `count` records in all.
    @usableFromInline
    init(chunks: [Chunk], count: Int) {
        self.chunks = chunks
        self.storedCount = count
    }

    /// The chunk at `c`, copied first if another list shares it.
    @usableFromInline
    mutating func uniqueChunk(_ c: Int) -> Chunk {
        if !isKnownUniquelyReferenced(&chunks[c]) { chunks[c] = Chunk(chunks[c].items) }
        return chunks[c]
    }

    @inlinable
    public mutating func append(_ element: Element) {
        if count & Self.mask == 0 {
            chunks.append(Chunk([element]))
        } else {
            uniqueChunk(chunks.count - 1).items.append(element)
        }
        storedCount += 1
    }

    /// Drops the last `k` records.
    private mutating func removeLast(count k: Int) {
        let kept = count - k
        let keptChunks = (kept + Self.mask) >> Self.shift
        chunks.removeSubrange(keptChunks...)
        if kept & Self.mask != 0 {
            uniqueChunk(keptChunks - 1).items.removeSubrange((kept & Self.mask)...)
        }
        storedCount = kept
    }
}

extension RecordList: RandomAccessCollection, MutableCollection {
    public typealias Index = Int
    public typealias Indices = Range<Int>
    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    public var indices: Range<Int> { 0..<count }
    public func index(after i: Int) -> Int { i + 1 }
    public func index(before i: Int) -> Int { i - 1 }

    @inlinable
    public subscript(position: Int) -> Element {
        get {
            precondition(position >= 0 && position < count, "RecordList index out of range")
            return chunks[position >> Self.shift].items[position & Self.mask]
        }
        set {
            precondition(position >= 0 && position < count, "RecordList index out of range")
            uniqueChunk(position >> Self.shift).items[position & Self.mask] = newValue
        }
    }
}

/// Not `RangeReplaceableCollection`: its `filter` would return a `RecordList`, where callers
/// want the plain array of what matched.
extension RecordList {
    public mutating func append<S: Sequence>(contentsOf elements: S) where S.Element == Element {
        for e in elements { append(e) }
    }

    public mutating func insert(_ element: Element, at i: Int) {
        precondition(i >= 0 && i <= count, "RecordList index out of range")
        if i == count { return append(element) }
        var all = Array(self)
        all.insert(element, at: i)
        self = RecordList(all)
    }

    @discardableResult
    public mutating func remove(at i: Int) -> Element {
        let e = self[i]
        if i == count - 1 {
            removeLast(count: 1)
        } else {
            var all = Array(self)
            all.remove(at: i)
            self = RecordList(all)
        }
        return e
    }

    public mutating func removeAll(where drop: (Element) throws -> Bool) rethrows {
        guard let first = try firstIndex(where: drop) else { return }
        var kept = Array(self[..<first])
        for e in self[(first + 1)...] where !(try drop(e)) { kept.append(e) }
        self = RecordList(kept)
    }

    public mutating func removeAll() { self = RecordList() }

    /// Reads the records in place, a chunk at a time (`base` is the index of the chunk's first
    /// record): a loop that reads a field or two of each record copies none of them.
    public func withChunks(_ body: (_ records: UnsafeBufferPointer<Element>, _ base: Int) throws -> Void) rethrows {
        for (c, chunk) in chunks.enumerated() {
            try chunk.items.withUnsafeBufferPointer { try body($0, c << Self.shift) }
        }
    }
}

extension RecordList: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Element...) { self.init(elements) }
}

extension RecordList: Equatable where Element: Equatable {
    public static func == (a: RecordList, b: RecordList) -> Bool {
        a.count == b.count && (a.chunks.elementsEqual(b.chunks, by: ===) || a.elementsEqual(b))
    }
}

extension RecordList: Hashable where Element: Hashable {
    public func hash(into h: inout Hasher) {
        h.combine(count)
        for e in self { h.combine(e) }
    }
}

/// Chunks are changed only through `uniqueChunk`, when no other list holds them.
extension RecordList: @unchecked Sendable where Element: Sendable {}

extension RecordList: CustomStringConvertible {
    public var description: String { Array(self).description }
}
