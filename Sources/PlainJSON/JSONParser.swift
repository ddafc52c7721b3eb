/// Why a document did not parse, and the byte offset where the parser gave up. It never holds
/// any of the input itself, so it can be logged.
public struct JSONParseError: Error, Equatable, Sendable {
    public enum Reason: String, Sendable {
        /// Not JSON: a missing comma, an unknown word, trailing bytes, an unfinished document.
        case syntax
        /// A string that is not valid UTF-8, or a `\u` escape that is a lone surrogate.
        case invalidUTF8
        /// A number outside RFC 8259's grammar (`01`, `+1`, `.5`, `1.`, `1e`, `-`), too long, or not finite.
        case invalidNumber
        /// A key written twice in one object.
        case duplicateKey
        /// Arrays and objects nested deeper than `JSONValue.maxDepth`.
        case tooDeep
    }

    public let reason: Reason
    public let offset: Int
}

/// A strict RFC 8259 parser over UTF-8 bytes: keeps key order, rejects invalid UTF-8 inside
/// strings, numbers outside the grammar and duplicate keys, and bounds nesting so hostile input
/// cannot exhaust the stack.
///
/// Every step is linear in the input: duplicate keys are found with a set of the keys seen in
/// each object (a line of 7,000 keys used to cost ~25 million string comparisons).
struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0
    var depth = 0
    /// The first failure; later (outer) failures keep it, so the reason is the innermost one.
    private(set) var error: JSONParseError?
    static let maxDepth = 64
    /// The longest number accepted, in bytes (RFC 8259 §9 lets a parser limit precision).
    static let maxNumberBytes = 64
    /// Objects with more keys than this look up duplicates in a set instead of scanning.
    private static let linearKeyScan = 8

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func document() -> JSONValue? {
        skipSpace()
        guard let v = value() else { return nil }
        skipSpace()
        guard i == bytes.count else { return fail(.syntax) }
        return v
    }

    private mutating func fail<T>(_ reason: JSONParseError.Reason, at offset: Int? = nil) -> T? {
        if error == nil { error = JSONParseError(reason: reason, offset: offset ?? i) }
        return nil
    }

    private mutating func unexpected<T>() -> T? { fail(.syntax) }

    private mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
    }

    private mutating func value() -> JSONValue? {
        guard i < bytes.count else { return fail(.syntax) }
        switch bytes[i] {
        case UInt8(ascii: "{"): return object()
        case UInt8(ascii: "["): return array()
        case UInt8(ascii: "\""): return string().map(JSONValue.string)
        case UInt8(ascii: "t"): return literal("true", .bool(true))
        case UInt8(ascii: "f"): return literal("false", .bool(false))
        case UInt8(ascii: "n"): return literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
        case UInt8(ascii: "+"), UInt8(ascii: "."): return fail(.invalidNumber)
        default: return unexpected()
        }
    }

    private mutating func literal(_ word: StaticString, _ v: JSONValue) -> JSONValue? {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count else { return fail(.syntax) }
        for k in 0..<n where bytes[i + k] != word.utf8Start[k] { return fail(.syntax, at: i + k) }
        i += n
        return v
    }

    private mutating func object() -> JSONValue? {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { return fail(.tooDeep) }
        i += 1
        var pairs: [(String, JSONValue)] = []
        var seen: Set<String> = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(pairs) }
        while true {
            skipSpace()
            let keyStart = i
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return unexpected() }
            guard let k = string() else { return nil }
            if pairs.count < Self.linearKeyScan {
                if pairs.contains(where: { $0.0 == k }) { return fail(.duplicateKey, at: keyStart) }
            } else {
                if seen.isEmpty { seen = Set(pairs.map(\.0)) }
                guard seen.insert(k).inserted else { return fail(.duplicateKey, at: keyStart) }
            }
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return unexpected() }
            i += 1
            skipSpace()
            guard let v = value() else { return nil }
            pairs.append((k, v))
            skipSpace()
            guard i < bytes.count else { return fail(.syntax) }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(pairs) }
            return unexpected()
        }
    }

    private mutating func array() -> JSONValue? {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { return fail(.tooDeep) }
        i += 1
        var items: [JSONValue] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
        while true {
            skipSpace()
            guard let v = value() else { return nil }
            items.append(v)
            skipSpace()
            guard i < bytes.count else { return fail(.syntax) }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
            return unexpected()
        }
    }

    private func isDigit(_ k: Int) -> Bool {
        k < bytes.count && bytes[k] >= UInt8(ascii: "0") && bytes[k] <= UInt8(ascii: "9")
    }

    /// RFC 8259: `-? (0 | [1-9][0-9]*) (\.[0-9]+)? ([eE][+-]?[0-9]+)?`, and a digit, letter or
    /// dot may not follow it (`01`, `1.2.3`, `1x` are one bad number, not a number and junk).
    private mutating func number() -> JSONValue? {
        let start = i
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard isDigit(i) else { return fail(.invalidNumber, at: start) }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if isDigit(i) { return fail(.invalidNumber, at: start) }
        } else {
            while isDigit(i) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard isDigit(i) else { return fail(.invalidNumber, at: start) }
            while isDigit(i) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard isDigit(i) else { return fail(.invalidNumber, at: start) }
            while isDigit(i) { i += 1 }
        }
        if i < bytes.count {
            let b = bytes[i]
            let lower = b | 0x20
            if b == UInt8(ascii: ".") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
                || (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) {
                return fail(.invalidNumber, at: start)
            }
        }
        guard i - start <= Self.maxNumberBytes else { return fail(.invalidNumber, at: start) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        guard let d = Double(text), d.isFinite else { return fail(.invalidNumber, at: start) }
        return .number(d)
    }

    /// A string token; validates UTF-8 and escapes.
    private mutating func string() -> String? {
        let start = i
        i += 1
        // Most strings have no escapes: find the run up to the closing quote and make the String
        // straight from the input, with no intermediate array.
        var end = i
        var ascii = true
        while end < bytes.count {
            let b = bytes[end]
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 { break }
            if b >= 0x80 { ascii = false }
            end += 1
        }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            let run = UnsafeBufferPointer(rebasing: bytes[i..<end])
            i = end + 1
            guard let s = Self.decode(run, ascii: ascii) else { return fail(.invalidUTF8, at: start) }
            return s
        }
        var out = Array(bytes[i..<end])
        i = end
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                guard let s = out.withUnsafeBufferPointer({ Self.decode($0, ascii: false) }) else { return fail(.invalidUTF8, at: start) }
                return s
            }
            if b < 0x20 { return fail(.syntax) }
            if b == UInt8(ascii: "\\") {
                i += 1
                guard i < bytes.count else { return fail(.syntax) }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard var code = hex4() else { return fail(.syntax) }
                    if (0xD800...0xDBFF).contains(code) {
                        guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else { return fail(.invalidUTF8) }
                        i += 2
                        guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return fail(.invalidUTF8) }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(code) {
                        return fail(.invalidUTF8)
                    }
                    guard let scalar = Unicode.Scalar(code) else { return fail(.invalidUTF8) }
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: return fail(.syntax, at: i - 1)
                }
                continue
            }
            out.append(b)
            i += 1
        }
        return fail(.syntax)
    }

    /// `bytes` as a String, or nil when they are not valid UTF-8. `String(validating:as:)` is
    /// generic over the encoding and looked its metadata up at run time for every string (a
    /// tenth of the socket event loop's time); decoding (which repairs) and comparing the bytes
    /// back is specialised, and an ASCII run needs no comparison at all.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, ascii: Bool) -> String? {
        let s = String(decoding: bytes, as: UTF8.self)
        if ascii { return s }
        return s.utf8.elementsEqual(bytes) ? s : nil
    }

    private mutating func hex4() -> UInt32? {
        guard i + 4 <= bytes.count else { return nil }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[i]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default: return nil
            }
            v = v * 16 + d
            i += 1
        }
        return v
    }
}
