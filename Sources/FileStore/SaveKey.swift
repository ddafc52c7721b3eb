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
        var a: UInt64 = 0xcbf29ce484222325
        var b: UInt64 = 0x84222325cbf29ce4
        for part in parts {
            var part = part
            part.withUTF8 { bytes in
                for byte in bytes {
                    a = (a ^ UInt64(byte)) &* 0x100000001b3
                    b = (b ^ UInt64(byte)) &* 0x100000001b3
                    b = b &+ (b >> 29)
                }
            }
            // A separator no text contains, so ["ab","c"] and ["a","bc"] differ.
            a = (a ^ 0x1F) &* 0x100000001b3
            b = ((b ^ 0x1F) &* 0x100000001b3) &+ 0x9e3779b97f4a7c15
        }
        return hex(a) + hex(b)
    }

    /// Whether a file name is a key's digest (the store's markers are named so).
    static func isDigest(_ name: String) -> Bool {
        name.utf8.count == 32 && name.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    public var description: String { digests.joined(separator: "|") }

    private static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.utf8.count) + s
    }
}
