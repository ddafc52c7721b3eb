import Foundation

/// A value that writes its own JSON: a document `JSONDecoder` reads back as the same value. A
/// session's state is written on every turn, and `JSONEncoder` (a tree of boxed values, then
/// the text) cost about a tenth of a turn on the file store.
public protocol JSONWritable {
    /// Writes the value; false when it holds something JSON cannot say (a non-finite number),
    /// so the caller goes through `JSONEncoder` and gets its error.
    func write(to json: inout JSONWriter) -> Bool
}

extension JSONWritable {
    /// The whole document, or nil (see `write(to:)`).
    public func jsonBytes() -> [UInt8]? {
        var json = JSONWriter()
        return write(to: &json) ? json.bytes : nil
    }

    /// The whole document as `Data` (what a file write takes, without an array in between),
    /// or nil (see `write(to:)`).
    public func jsonData() -> Data? {
        var json = JSONWriter()
        return write(to: &json) ? json.data : nil
    }
}

/// Builds a compact JSON document byte by byte: objects and arrays put their own commas, strings
/// are escaped as RFC 8259 requires (quote, backslash, control characters) and kept as UTF-8.
///
/// Written on every turn (the session file), so it keeps to cheap steps: which open containers
/// already hold a member is a bit per level (no array to check for uniqueness on each comma), a
/// string with nothing to escape (nearly all) is copied in one piece, and integers are spelled
/// without making a `String`.
public struct JSONWriter {
    /// The document so far.
    public var bytes: [UInt8] {
        [UInt8](unsafeUninitializedCapacity: out.count) { buf, n in
            if out.count > 0 { buf.baseAddress!.update(from: out.start, count: out.count) }
            n = out.count
        }
    }

    /// The document so far, as `Data` (one copy).
    public var data: Data { Data(bytes: out.start, count: out.count) }

    /// Where the bytes go: a buffer grown by doubling and filled with `memcpy`, as `Array`'s
    /// `append(contentsOf:)` copied byte by byte and checked uniqueness on every append. A class
    /// so the buffer is freed with it; a copied writer shares it (nobody copies one).
    private final class Output {
        var start: UnsafeMutablePointer<UInt8>
        var count = 0
        var capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
            start = .allocate(capacity: capacity)
        }

        deinit { start.deallocate() }

        @inline(__always)
        func append(_ byte: UInt8) {
            if count == capacity { grow(1) }
            start[count] = byte
            count += 1
        }

        @inline(__always)
        func append(_ from: UnsafePointer<UInt8>, _ n: Int) {
            if count + n > capacity { grow(n) }
            (start + count).update(from: from, count: n)
            count += n
        }

        func grow(_ extra: Int) {
            var c = capacity * 2
            while c < count + extra { c *= 2 }
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
            bigger.update(from: start, count: count)
            start.deallocate()
            start = bigger
            capacity = c
        }
    }

    private let out = Output(capacity: 1024)
    /// Bit `d` set: the container open at depth `d` (0 = outermost) already has a member, so the
    /// next one needs a comma first. Levels beyond 64 (no document of ours nests that deep) share
    /// the last bit's meaning through `deepFilled`.
    private var filled: UInt64 = 0
    /// Open containers.
    private var depth = 0
    /// `filled` for levels 64 and deeper.
    private var deepFilled: [Bool] = []
    /// True between a key and its value.
    private var afterKey = false

    public init() {}

    // MARK: Structure

    public mutating func beginObject() {
        separate()
        out.append(UInt8(ascii: "{"))
        open()
    }

    public mutating func endObject() {
        close()
        out.append(UInt8(ascii: "}"))
    }

    public mutating func beginArray() {
        separate()
        out.append(UInt8(ascii: "["))
        open()
    }

    public mutating func endArray() {
        close()
        out.append(UInt8(ascii: "]"))
    }

    private mutating func open() {
        if depth < 64 { filled &= ~(1 << UInt64(depth)) } else { deepFilled.append(false) }
        depth += 1
    }

    private mutating func close() {
        depth -= 1
        if depth >= 64 { deepFilled.removeLast() }
    }

    /// A member's key; its value comes next (and needs no comma of its own).
    public mutating func key(_ name: String) {
        separate()
        appendQuoted(name)
        out.append(UInt8(ascii: ":"))
        afterKey = true
    }

    /// A comma before every member or element but the first; none for the value of a member.
    @inline(__always)
    private mutating func separate() {
        if afterKey { afterKey = false; return }
        guard depth > 0 else { return }
        let level = depth - 1
        if level < 64 {
            let bit: UInt64 = 1 << UInt64(level)
            if filled & bit != 0 { out.append(UInt8(ascii: ",")) } else { filled |= bit }
        } else {
            if deepFilled[level - 64] { out.append(UInt8(ascii: ",")) } else { deepFilled[level - 64] = true }
        }
    }

    // MARK: Values

    public mutating func string(_ s: String) {
        separate()
        appendQuoted(s)
    }

    private func appendQuoted(_ s: String) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { buf in
            guard let base = buf.baseAddress else { return }
            let n = buf.count
            // Nearly every string has nothing to escape: found eight bytes at a time, then one copy.
            let plain = JSONWriter.plainPrefix(base, n)
            if plain == n { out.append(base, n) } else { appendEscaped(base, n, from: plain) }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// How many leading bytes need no escaping (no control character, quote or backslash).
    /// Bytes from 0x80 (the rest of UTF-8) are plain.
    @inline(__always)
    private static func plainPrefix(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        while i + 8 <= n {
            let x = UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
            // A high bit set in `below` marks a byte under 0x20; in `quote`/`slash` a byte equal
            // to 0x22/0x5C (a zero byte after the xor). Exact for "any such byte in the word".
            let below = (x &- ones &* 0x20) & ~x & highs
            let q = x ^ (ones &* 0x22)
            let quote = (q &- ones) & ~q & highs
            let b = x ^ (ones &* 0x5C)
            let slash = (b &- ones) & ~b & highs
            if below | quote | slash != 0 { break }
            i += 8
        }
        while i < n {
            let c = p[i]
            if c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") { return i }
            i += 1
        }
        return n
    }

    private func appendEscaped(_ p: UnsafePointer<UInt8>, _ n: Int, from first: Int) {
        var plainFrom = 0
        for i in first..<n {
            let c = p[i]
            guard c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") else { continue }
            out.append(p + plainFrom, i - plainFrom)
            plainFrom = i + 1
            out.append(UInt8(ascii: "\\"))
            switch c {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
            case 0x0A: out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "t"))
            case 0x08: out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(UInt8(ascii: "f"))
            default:
                out.append(UInt8(ascii: "u"))
                out.append(0x30)
                out.append(0x30)
                out.append(JSONWriter.hexDigit(c >> 4))
                out.append(JSONWriter.hexDigit(c & 0xF))
            }
        }
        out.append(p + plainFrom, n - plainFrom)
    }

    private static func hexDigit(_ v: UInt8) -> UInt8 {
        v < 10 ? 0x30 + v : UInt8(ascii: "a") + v - 10
    }

    public mutating func int(_ n: Int) {
        separate()
        // The digits backwards into a small buffer, then copied: what `String(n)` says, without
        // making the string.
        var magnitude = n.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { raw in
            let p = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            var at = raw.count
            repeat {
                at -= 1
                p[at] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if n < 0 { at -= 1; p[at] = UInt8(ascii: "-") }
            out.append(p + at, raw.count - at)
        }
    }

    /// False for a non-finite number, which JSON has no way to write.
    public mutating func double(_ d: Double) -> Bool {
        guard d.isFinite else { return false }
        separate()
        // Swift's shortest round-trip spelling ("3.0", "0.1", "1e-07") is a JSON number.
        var text = d.description
        text.withUTF8 { if let base = $0.baseAddress { out.append(base, $0.count) } }
        return true
    }

    public mutating func bool(_ b: Bool) {
        separate()
        let word: StaticString = b ? "true" : "false"
        out.append(word.utf8Start, word.utf8CodeUnitCount)
    }

    public mutating func strings(_ items: [String]) {
        beginArray()
        for s in items { string(s) }
        endArray()
    }

    // MARK: Members

    public mutating func member(_ name: String, _ value: String) {
        key(name)
        string(value)
    }

    /// Optional members are left out when nil, as `JSONEncoder` does.
    public mutating func member(_ name: String, _ value: String?) {
        guard let value else { return }
        member(name, value)
    }

    public mutating func member(_ name: String, _ value: Int) {
        key(name)
        int(value)
    }

    public mutating func member(_ name: String, _ value: Int?) {
        guard let value else { return }
        member(name, value)
    }

    public mutating func member(_ name: String, _ value: Bool) {
        key(name)
        bool(value)
    }

    public mutating func member(_ name: String, _ value: [String]) {
        key(name)
        strings(value)
    }

    public mutating func member(_ name: String, _ value: [String]?) {
        guard let value else { return }
        member(name, value)
    }
}
