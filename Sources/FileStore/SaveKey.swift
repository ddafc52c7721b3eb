/// The identity of one save. A save repeated after a crash (the record written, the session not
/// yet) carries the same key and gets the record already written instead of a copy; any other
/// save carries another key and gets a new record with a new id.
///
/// The session builds it from who saves, in which network, what (the record's content) and
/// which turn of the conversation (or the client's request id); the store only compares keys.
/// It is a parameter of the store's add methods, never ambient state.
public struct SaveKey: Hashable, Sendable, CustomStringConvertible {
    /// One or more names of the same save (see `or`), each 32 hex digits.
    public let digests: [String]

    /// The first name: the one a new record is filed under.
    public var digest: String { digests[0] }

    /// A save known by either key: the session's own name for it and the client's request id.
    public func or(_ other: SaveKey) -> SaveKey { SaveKey(digests: digests + other.digests) }

    private init(digests: [String]) { self.digests = digests }

    /// The key of the `index`-th record of one save that writes several (the norms said in one
    /// line): the first is the save's own key, each other one its own, as stable as the save's.
    public func part(_ index: Int) -> SaveKey {
        index == 0 ? self : SaveKey(digests: digests.map { Self.hash([$0, "part", String(index)]) })
    }

    public init(_ parts: [String]) {
        digests = [Self.hash(parts)]
    }

    /// Two independent 64-bit FNV-1a hashes of the parts, as 32 hex digits.
    public static func hash(_ parts: [String]) -> String {
        var h = Hashing()
        for part in parts {
            h.add(part)
            h.endPart()
        }
        return h.digest
    }

    /// A key built from its parts' pieces as they come, without joining them into strings first:
    /// `add` bytes of the current part, `endPart` after each. The digest is the one `hash` gives
    /// for the parts the pieces spell (a save names every save this way, so it must not change).
    public struct Hashing {
        private var a: UInt64 = 0xcbf29ce484222325
        private var b: UInt64 = 0x84222325cbf29ce4

        public init() {}

        public mutating func add(_ text: String) {
            var text = text
            text.withUTF8 { add($0) }
        }

        public mutating func add(_ text: Substring) {
            var text = text
            text.withUTF8 { add($0) }
        }

        public mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
            var a = self.a, b = self.b
            for byte in bytes {
                a = (a ^ UInt64(byte)) &* 0x100000001b3
                b = (b ^ UInt64(byte)) &* 0x100000001b3
                b = b &+ (b >> 29)
            }
            self.a = a
            self.b = b
        }

        /// One ASCII byte of the current part (a separator the caller writes).
        public mutating func add(byte: UInt8) {
            a = (a ^ UInt64(byte)) &* 0x100000001b3
            b = (b ^ UInt64(byte)) &* 0x100000001b3
            b = b &+ (b >> 29)
        }

        /// Ends the current part: a separator no text contains, so ["ab","c"] and ["a","bc"] differ.
        public mutating func endPart() {
            a = (a ^ 0x1F) &* 0x100000001b3
            b = ((b ^ 0x1F) &* 0x100000001b3) &+ 0x9e3779b97f4a7c15
        }

        public var digest: String { SaveKey.hex(a, b) }

        public var key: SaveKey { SaveKey(digests: [digest]) }
    }

    /// Whether a file name is a key's digest (the store's markers are named so).
    static func isDigest(_ name: String) -> Bool {
        name.utf8.count == 32 && name.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    public var description: String { digests.joined(separator: "|") }

    /// Both halves as 32 lowercase hex digits, written straight into one string.
    fileprivate static func hex(_ a: UInt64, _ b: UInt64) -> String {
        String(unsafeUninitializedCapacity: 32) { out in
            let digits: StaticString = "0123456789abcdef"
            digits.withUTF8Buffer { d in
                for i in 0..<16 {
                    out[i] = d[Int((a >> UInt64(60 - 4 * i)) & 0xF)]
                    out[16 + i] = d[Int((b >> UInt64(60 - 4 * i)) & 0xF)]
                }
            }
            return 32
        }
    }

    /// A key and the digests it already carries plus one more (`or`), for callers that build it piecewise.
    public func or(_ other: Hashing) -> SaveKey { SaveKey(digests: digests + [other.digest]) }
}
