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
}

/// Builds a compact JSON document byte by byte: objects and arrays put their own commas, strings
/// are escaped as RFC 8259 requires (quote, backslash, control characters) and kept as UTF-8.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    /// Whether the object or array being written already has a member (it needs a comma first).
    private var filled: [Bool] = []

    public init() {
        bytes.reserveCapacity(512)
    }

    // MARK: Structure

    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        filled.append(false)
    }

    public mutating func endObject() {
        filled.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        filled.append(false)
    }

    public mutating func endArray() {
        filled.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    /// A member's key; its value comes next (and needs no comma of its own).
    public mutating func key(_ name: String) {
        separate()
        string(name, separated: false)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    /// A comma before every member or element but the first; none for the value of a member.
    private mutating func separate() {
        if afterKey { afterKey = false; return }
        guard let last = filled.last else { return }
        if last { bytes.append(UInt8(ascii: ",")) } else { filled[filled.count - 1] = true }
    }

    /// True between a key and its value.
    private var afterKey = false

    // MARK: Values

    public mutating func string(_ s: String) {
        string(s, separated: true)
    }

    private mutating func string(_ s: String, separated: Bool) {
        if separated { separate() }
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { buf in
            var plainFrom = 0
            for i in 0..<buf.count {
                let b = buf[i]
                guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[plainFrom..<i]))
                plainFrom = i + 1
                bytes.append(UInt8(ascii: "\\"))
                switch b {
                case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[plainFrom...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func int(_ n: Int) {
        separate()
        bytes.append(contentsOf: String(n).utf8)
    }

    /// False for a non-finite number, which JSON has no way to write.
    public mutating func double(_ d: Double) -> Bool {
        guard d.isFinite else { return false }
        separate()
        // Swift's shortest round-trip spelling ("3.0", "0.1", "1e-07") is a JSON number.
        bytes.append(contentsOf: d.description.utf8)
        return true
    }

    public mutating func bool(_ b: Bool) {
        separate()
        bytes.append(contentsOf: (b ? "true" : "false").utf8)
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
