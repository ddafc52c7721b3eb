/// A short word's bytes packed into two integers: the key of the open-addressing tables that
/// look words up by their bytes (`LexiconTable`, the engine's word classes) without making a
/// `String`. Words longer than 16 bytes share a key with their first 16 bytes and their length.
public struct ByteKey: Equatable, Sendable {
    var lo: UInt64
    var hi: UInt64
    var count: Int

    /// The key no word has: an empty table's slots.
    public static let empty = ByteKey(lo: 0, hi: 0, count: 0)

    init(lo: UInt64, hi: UInt64, count: Int) {
        self.lo = lo
        self.hi = hi
        self.count = count
    }

    @inline(__always)
    public init(_ bytes: UnsafeBufferPointer<UInt8>) {
        var lo: UInt64 = 0, hi: UInt64 = 0
        for (i, b) in bytes.enumerated() {
            if i < 8 { lo |= UInt64(b) << UInt64(8 * i) } else { hi |= UInt64(b) << UInt64(8 * (i - 8)) }
        }
        self.init(lo: lo, hi: hi, count: bytes.count)
    }

    /// Where a table starts looking for this key (before masking by its size).
    @inline(__always)
    public var slot: Int {
        let h = (lo &* 0x9E37_79B9_7F4A_7C15) ^ (hi &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(count)
        return Int(truncatingIfNeeded: h >> 32)
    }
}
