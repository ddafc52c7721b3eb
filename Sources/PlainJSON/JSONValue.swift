import Foundation

/// A JSON value that keeps object keys in the order they were written, so exports and protocol
/// replies read in the order of the contracts in design.md.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case (.bool(let x), .bool(let y)): x == y
        case (.number(let x), .number(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.array(let x), .array(let y)): x == y
        case (.object(let x), .object(let y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    public func hash(into h: inout Hasher) {
        h.combine(rendered())
    }

    /// `nil` becomes `null`: absent optional values are never missing keys.
    public static func string(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
    public static func strings(_ items: [String]) -> JSONValue { .array(items.map(JSONValue.string)) }

    public subscript(key: String) -> JSONValue? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    // MARK: Rendering

    /// Compact JSON on one line (JSON Lines); `pretty` indents with two spaces.
    public func rendered(pretty: Bool = false) -> String {
        var out = ""
        // Room for the whole line up front: a socket reply grown append by append reallocated
        // its buffer several times.
        if !pretty { out.reserveCapacity(compactLengthEstimate) }
        write(to: &out, pretty: pretty, indent: 0)
        return out
    }

    /// About the compact rendering's length in UTF-8 bytes (exact when no string needs escapes
    /// and numbers are short): each string's bytes, quotes and separators.
    var compactLengthEstimate: Int {
        switch self {
        case .null, .bool: 5
        case .number: 12
        case .string(let s): s.utf8.count + 2
        case .array(let items): items.reduce(2) { $0 + $1.compactLengthEstimate + 1 }
        case .object(let pairs): pairs.reduce(2) { $0 + $1.0.utf8.count + 4 + $1.1.compactLengthEstimate }
        }
    }

    private func write(to out: inout String, pretty: Bool, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n):
            if n == n.rounded(), abs(n) < 1e15 { out += String(Int64(n)) } else { out += String(n) }
        case .string(let s): JSONValue.escape(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                if pretty { out += "\n" + String(repeating: "  ", count: indent + 1) }
                item.write(to: &out, pretty: pretty, indent: indent + 1)
            }
            if pretty { out += "\n" + String(repeating: "  ", count: indent) }
            out += "]"
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{"
            for (i, (k, v)) in pairs.enumerated() {
                if i > 0 { out += "," }
                if pretty { out += "\n" + String(repeating: "  ", count: indent + 1) }
                JSONValue.escape(k, into: &out)
                out += pretty ? ": " : ":"
                v.write(to: &out, pretty: pretty, indent: indent + 1)
            }
            if pretty { out += "\n" + String(repeating: "  ", count: indent) }
            out += "}"
        }
    }

    /// Appends `s` as a JSON string (quoted and escaped) to `out`: for writers that render a
    /// fixed shape straight to text, without building a `JSONValue` first.
    public static func appendString(_ s: String, to out: inout String) {
        escape(s, into: &out)
    }

    /// Appends `s` as a JSON string. Works on the UTF-8 bytes and copies the runs between the
    /// bytes that need escaping whole: every socket reply goes through here, and appending one
    /// scalar at a time was a third of a reply's cost. Escapes `"`, `\`, controls (short forms
    /// for newline, return and tab) and U+2028/U+2029 (bytes E2 80 A8/A9), with lowercase hex.
    static func escape(_ s: String, into out: inout String) {
        out += "\""
        var s = s
        // Most strings need no escape at all: appended whole, with no piece made on the way.
        let first = s.withUTF8 { bytes in firstToEscape(bytes) }
        if first == nil {
            out += s
            out += "\""
            return
        }
        s.withUTF8 { bytes in
            let n = bytes.count
            var start = 0
            var i = first!
            func flush(upTo end: Int) {
                if start < end { out += String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self) }
            }
            while i < n {
                let b = bytes[i]
                if b == 0x22 || b == 0x5C || b < 0x20 {
                    flush(upTo: i)
                    switch b {
                    case 0x22: out += "\\\""
                    case 0x5C: out += "\\\\"
                    case 0x0A: out += "\\n"
                    case 0x0D: out += "\\r"
                    case 0x09: out += "\\t"
                    default: out += "\\u00" + hexDigit(b >> 4) + hexDigit(b & 0xF)
                    }
                    i += 1
                    start = i
                } else if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 {
                    flush(upTo: i)
                    out += bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    i += 3
                    start = i
                } else {
                    i += 1
                }
            }
            flush(upTo: n)
        }
        out += "\""
    }

    /// Appends `s` as a JSON string (quoted and escaped, byte for byte what `escape` writes) to
    /// UTF-8 bytes: for writers that build a whole line and make one String of it at the end.
    /// A socket reply built with `String +=` paid ~340 instructions per append (a profile of the
    /// server counted 27 appends a reply, ~9k of its ~15k instructions); appending bytes to an
    /// array with room reserved is a bounds check and a store, or one memcpy for a clean run.
    public static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { bytes in
            let n = bytes.count
            var start = 0
            var i = 0
            while i < n {
                let b = bytes[i]
                if b == 0x22 || b == 0x5C || b < 0x20 {
                    if start < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i])) }
                    out.append(0x5C)
                    switch b {
                    case 0x22: out.append(0x22)
                    case 0x5C: out.append(0x5C)
                    case 0x0A: out.append(0x6E)
                    case 0x0D: out.append(0x72)
                    case 0x09: out.append(0x74)
                    default:
                        out.append(0x75)
                        out.append(0x30)
                        out.append(0x30)
                        out.append(hexByte(b >> 4))
                        out.append(hexByte(b & 0xF))
                    }
                    i += 1
                    start = i
                } else if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 {
                    if start < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i])) }
                    // \u2028 or \u2029
                    out.append(0x5C)
                    out.append(0x75)
                    out.append(0x32)
                    out.append(0x30)
                    out.append(0x32)
                    out.append(bytes[i + 2] == 0xA8 ? 0x38 : 0x39)
                    i += 3
                    start = i
                } else {
                    i += 1
                }
            }
            if start < n { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<n])) }
        }
        out.append(0x22)
    }

    /// Lowercase hex digit of `v` (0–15), as an ASCII byte.
    private static func hexByte(_ v: UInt8) -> UInt8 {
        v < 10 ? 0x30 + v : 0x61 + v - 10
    }

    /// Where the first byte that needs escaping is (see `escape`), or nil.
    private static func firstToEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = bytes.count
        var i = 0
        while i < n {
            let b = bytes[i]
            if b == 0x22 || b == 0x5C || b < 0x20 { return i }
            if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 { return i }
            i += 1
        }
        return nil
    }

    private static func hexDigit(_ v: UInt8) -> String {
        String(UnicodeScalar(v < 10 ? 0x30 + v : 0x61 + v - 10))
    }

    // MARK: Parsing

    /// Deepest nesting of arrays and objects a document may have.
    public static let maxDepth = JSONParser.maxDepth

    /// Parses one JSON document. Returns nil for invalid JSON or invalid UTF-8.
    public static func parse(_ data: Data) -> JSONValue? {
        try? parseOrThrow(data)
    }

    public static func parse(_ text: String) -> JSONValue? { parse(Data(text.utf8)) }

    /// Parses one JSON document strictly (RFC 8259: no duplicate keys, numbers by the grammar,
    /// valid UTF-8 in strings, nesting at most `maxDepth`), or says why not.
    public static func parseOrThrow(_ data: Data) throws(JSONParseError) -> JSONValue {
        let result = data.withUnsafeBytes { raw in
            Result { () throws(JSONParseError) in try parseOrThrow(raw.bindMemory(to: UInt8.self)) }
        }
        return try result.get()
    }

    /// The same, over bytes the caller already holds.
    public static func parseOrThrow(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSONValue {
        var p = JSONParser(bytes: bytes)
        if let v = p.document() { return v }
        throw p.error ?? JSONParseError(reason: .syntax, offset: p.i)
    }
}
