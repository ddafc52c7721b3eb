/// A small read-only table keyed by flow id, for the lookups a turn makes again and again (a
/// flow's definition, its extension). A `Dictionary<String, _>` hashes every byte of the id
/// with SipHash on each lookup (~400 instructions); ids are few, short and distinct, so their
/// length and first and last bytes spread them well enough, and an equal key is confirmed with
/// `==` (a word compare for the small strings ids are).
struct IDTable<Value>: @unchecked Sendable {
    // `@unchecked`: immutable after init; `Value` is Sendable at every use (flows, extensions).
    private let keys: [String]
    private let values: [Value?]
    /// Which slots hold a key: a probe reads these, not the optional value (copying an
    /// existential `Value?` out per probe cost more than the compare).
    private let used: [Bool]
    private let mask: Int

    init(_ pairs: [(String, Value)]) {
        var size = 8
        while size < pairs.count * 4 { size *= 2 }
        var keys = [String](repeating: "", count: size)
        var values = [Value?](repeating: nil, count: size)
        var used = [Bool](repeating: false, count: size)
        let mask = size - 1
        for (key, value) in pairs {
            var i = Self.hash(key) & mask
            while used[i], keys[i] != key { i = (i + 1) & mask }
            // A repeated key keeps the last value, as a dictionary built by assignment would.
            used[i] = true
            keys[i] = key
            values[i] = value
        }
        self.keys = keys
        self.values = values
        self.used = used
        self.mask = mask
    }

    @inline(__always)
    private static func hash(_ key: String) -> Int {
        // The bytes read in place: `utf8.last` walks the view back from its end (~75
        // instructions, twice a lookup's worth of the rest).
        func spread(_ u: some Collection<UInt8>, last: UInt8?) -> Int {
            guard let first = u.first, let last else { return 0 }
            return u.count &* 0x9E37 ^ Int(first) &* 31 ^ Int(last) &* 131
        }
        return key.utf8.withContiguousStorageIfAvailable { spread($0, last: $0.last) } ?? spread(key.utf8, last: key.utf8.last)
    }

    subscript(_ key: String) -> Value? {
        var i = Self.hash(key) & mask
        while used[i] {
            if keys[i] == key { return values[i] }
            i = (i + 1) & mask
        }
        return nil
    }
}
