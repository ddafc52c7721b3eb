/// A reply line written as UTF-8 bytes into one buffer and made a `String` once at the end.
///
/// `String +=` costs some hundreds of instructions a piece (each append re-checks the target's
/// capacity, uniqueness and the pieces' ASCII/NFC flags); a review or a confirmation is a dozen
/// pieces, written on every turn that shows one. Appending bytes is a copy. The result is the
/// same string: concatenation never changes the bytes of its parts.
public struct UTF8Text {
    @usableFromInline var bytes: [UInt8] = []

    @inlinable public init(capacity: Int) { bytes.reserveCapacity(capacity) }

    @inlinable public mutating func add(_ s: String) {
        if s.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: s.utf8)
        }
    }

    /// An ASCII literal.
    @inlinable public mutating func add(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    @inlinable public mutating func add(byte: UInt8) { bytes.append(byte) }

    /// `String(n)`'s digits (n ≥ 0), without making the string.
    @inlinable public mutating func add(decimal n: Int) {
        guard n >= 0 else { return add(String(n)) }
        var divisor = 1
        while divisor <= n / 10 { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8((n / divisor) % 10))
            divisor /= 10
        }
    }

    @inlinable public var string: String { String(decoding: bytes, as: UTF8.self) }
}
