/// A flow's values by slot name: the few (at most a dozen) values of one run, kept as pairs in
/// one array and found by comparing names.
///
/// It was a `SlotValues`, and every read of a slot hashed its name (SipHash over the
/// bytes, some hundred instructions) although a flow has so few slots that comparing the names
/// costs less: a slot name is a small string (≤ 15 UTF-8 bytes), whose equality is a compare of
/// two words, and names of another length are told apart by their counts alone.
///
/// It keeps the dictionary's API that callers use (subscripts, `removeValue`, `keys`, `merging`,
/// iteration as `(key:, value:)`), its equality and hash (the same pairs in any order are
/// equal), and its `Codable` form (a JSON object keyed by slot name), so sessions written while
/// it was a dictionary read the same. Pairs iterate in the order they were first set; nothing
/// shown to a person may depend on it (as it could not on a dictionary's): those sort or follow
/// the flow's slots.
public struct SlotValues: Sendable {
    public typealias Element = (key: String, value: SlotValue)

    /// The names and, at the same positions, their values: a name is searched without touching
    /// (or copying) the values.
    @usableFromInline var names: [String]
    @usableFromInline var items: [SlotValue]
    /// Some name has a byte beyond ASCII (never a flow's slot): names are then compared as
    /// strings only, since canonically equal strings may differ in length («é», «e» + U+0301).
    @usableFromInline var mixed = false

    @inlinable public init() {
        names = []
        items = []
    }

    @inlinable public static func isASCII(_ s: String) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { bytes in
            var any: UInt8 = 0
            for b in bytes { any |= b }
            return any < 0x80
        } ?? false
    }

    /// Adds a pair whose name is not there yet.
    @inlinable mutating func append(_ key: String, _ value: SlotValue) {
        if !mixed, !Self.isASCII(key) { mixed = true }
        names.append(key)
        items.append(value)
    }

    @inlinable mutating func remove(at i: Int) -> SlotValue {
        names.remove(at: i)
        return items.remove(at: i)
    }

    /// Pairs whose names are distinct (the last one of a repeated name wins, as in a dictionary
    /// built from them one by one).
    public init<S: Sequence>(uniqueKeysWithValues pairs: S) where S.Element == (String, SlotValue) {
        self.init()
        for (k, v) in pairs { self[k] = v }
    }

    /// A dictionary's pairs, in name order (a dictionary has none of its own).
    public init(_ dictionary: [String: SlotValue]) {
        self.init()
        for (k, v) in dictionary.sorted(by: { $0.key < $1.key }) { append(k, v) }
    }

    /// The position of `key`'s pair: among ASCII names, those of another length are skipped on
    /// their counts and the others compared (for small strings, two words).
    @inlinable public func index(forKey key: String) -> Int? {
        let c = names.count
        guard c > 0 else { return nil }
        return names.withUnsafeBufferPointer { names -> Int? in
            if !mixed, Self.isASCII(key) {
                let n = key.utf8.count
                for i in 0..<c where names[i].utf8.count == n && names[i] == key { return i }
                return nil
            }
            for i in 0..<c where names[i] == key { return i }
            return nil
        }
    }

    /// The value at `i` (an index from `index(forKey:)`).
    @inlinable public func value(at i: Int) -> SlotValue { items[i] }

    /// The name at `i`.
    @inlinable public func name(at i: Int) -> String { names[i] }

    /// Whether every name is ASCII (then a name's UTF-8 length tells names apart).
    @inlinable public var namesAreASCII: Bool { !mixed }

    @inlinable public subscript(key: String) -> SlotValue? {
        get {
            guard let i = index(forKey: key) else { return nil }
            return items[i]
        }
        set {
            if let i = index(forKey: key) {
                if let newValue { items[i] = newValue } else { _ = remove(at: i) }
            } else if let newValue {
                append(key, newValue)
            }
        }
        // In place («values[name]?.append…»): the value is moved out while it is changed, so a
        // list in it is not copied.
        _modify {
            if let i = index(forKey: key) {
                var value: SlotValue? = items[i]
                items[i] = .bool(false)
                defer {
                    if let value { items[i] = value } else { _ = remove(at: i) }
                }
                yield &value
            } else {
                var value: SlotValue?
                defer { if let value { append(key, value) } }
                yield &value
            }
        }
    }

    @inlinable public subscript(key: String, default fallback: @autoclosure () -> SlotValue) -> SlotValue {
        get { self[key] ?? fallback() }
        set { self[key] = newValue }
    }

    /// Sets `value` and returns the value it replaced, as `Dictionary.updateValue`.
    @inlinable @discardableResult
    public mutating func updateValue(_ value: SlotValue, forKey key: String) -> SlotValue? {
        if let i = index(forKey: key) {
            let old = items[i]
            items[i] = value
            return old
        }
        append(key, value)
        return nil
    }

    @inlinable @discardableResult
    public mutating func removeValue(forKey key: String) -> SlotValue? {
        guard let i = index(forKey: key) else { return nil }
        return remove(at: i)
    }

    public mutating func removeAll() {
        names.removeAll()
        items.removeAll()
        mixed = false
    }

    /// The slot names, in the pairs' order.
    @inlinable public var keys: [String] { names }

    /// The values, in the pairs' order.
    @inlinable public var values: [SlotValue] { items }

    /// The position of the slot named `name` in `slots` (ASCII names of another length skipped on
    /// their counts, as `index(forKey:)` does).
    @inlinable public static func position(of name: String, in slots: [SlotDefinition]) -> Int? {
        isASCII(name) ? position(ofASCII: name, in: slots) : slots.firstIndex { $0.name == name }
    }

    /// `position(of:in:)` for a name known to be ASCII.
    @inlinable public static func position(ofASCII name: String, in slots: [SlotDefinition]) -> Int? {
        let n = name.utf8.count
        for (i, s) in slots.enumerated() where (s.nameUTF8Count == n || s.nameUTF8Count < 0) && s.name == name { return i }
        return nil
    }

    public mutating func merge(_ other: SlotValues, uniquingKeysWith combine: (SlotValue, SlotValue) throws -> SlotValue) rethrows {
        for (k, v) in other {
            if let i = index(forKey: k) {
                items[i] = try combine(items[i], v)
            } else {
                append(k, v)
            }
        }
    }

    public func merging(_ other: SlotValues, uniquingKeysWith combine: (SlotValue, SlotValue) throws -> SlotValue) rethrows -> SlotValues {
        var out = self
        try out.merge(other, uniquingKeysWith: combine)
        return out
    }

    public func merging(_ other: [String: SlotValue], uniquingKeysWith combine: (SlotValue, SlotValue) throws -> SlotValue) rethrows -> SlotValues {
        try merging(SlotValues(other), uniquingKeysWith: combine)
    }

    /// The pairs `isIncluded` keeps, still as slot values (as `Dictionary.filter`).
    public func filter(_ isIncluded: (Element) throws -> Bool) rethrows -> SlotValues {
        var out = SlotValues()
        out.mixed = mixed
        for i in names.indices where try isIncluded((key: names[i], value: items[i])) {
            out.names.append(names[i])
            out.items.append(items[i])
        }
        return out
    }

    public func mapValues(_ transform: (SlotValue) throws -> SlotValue) rethrows -> SlotValues {
        var out = self
        out.items = try items.map(transform)
        return out
    }

    /// Values of another type by slot name (as `Dictionary.mapValues`): a plain dictionary.
    public func mapValues<T>(_ transform: (SlotValue) throws -> T) rethrows -> [String: T] {
        var out: [String: T] = [:]
        for (k, v) in self { out[k] = try transform(v) }
        return out
    }

    public func compactMapValues(_ transform: (SlotValue) throws -> SlotValue?) rethrows -> SlotValues {
        var out = SlotValues()
        for (k, v) in self { if let t = try transform(v) { out.append(k, t) } }
        return out
    }
}

extension SlotValues: RandomAccessCollection {
    public typealias Index = Int

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { names.count }
    @inlinable public var isEmpty: Bool { names.isEmpty }
    @inlinable public var count: Int { names.count }
    @inlinable public subscript(position: Int) -> Element { (key: names[position], value: items[position]) }
}

extension SlotValues: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, SlotValue)...) {
        self.init()
        names.reserveCapacity(elements.count)
        items.reserveCapacity(elements.count)
        for (k, v) in elements { self[k] = v }
    }
}

extension SlotValues: Hashable {
    /// The same pairs in any order, as a dictionary's equality.
    public static func == (lhs: SlotValues, rhs: SlotValues) -> Bool {
        guard lhs.names.count == rhs.names.count else { return false }
        for (k, v) in lhs {
            guard let w = rhs[k], w == v else { return false }
        }
        return true
    }

    /// Order-independent, as a dictionary's: each pair hashed on its own, combined commutatively.
    public func hash(into hasher: inout Hasher) {
        var commutative = 0
        for (k, v) in self {
            var h = hasher
            h.combine(k)
            h.combine(v)
            commutative ^= h.finalize()
        }
        hasher.combine(commutative)
    }
}

extension SlotValues: Codable {
    struct Name: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// A JSON object keyed by slot name, as `[String: SlotValue]` was encoded.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Name.self)
        for (k, v) in self { try container.encode(v, forKey: Name(stringValue: k)) }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Name.self)
        self.init()
        for key in container.allKeys {
            self[key.stringValue] = try container.decode(SlotValue.self, forKey: key)
        }
    }
}

extension SlotValues: CustomStringConvertible {
    public var description: String {
        "[" + zip(names, items).map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "]"
    }
}
