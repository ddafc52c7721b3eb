import CivilTime
import Foundation

/// The logic behind `minga when`, without I/O: a request line in, a response line out.
///
/// Request: `{"id":..., "text":"...", "now":"2026-11-25T10:00:00"}` (`now` optional, local
/// time in the service's zone, or with an offset). Response keys, in this order and only
/// when they apply: `id`, `kind`, `date`, `time`, `start`, `end`, `rrule`, `text`; or `id`
/// and `error` (Spanish). `id` is echoed exactly as written (string, number, anything).
///
/// Field encoding: date → `date`; time → `time`; datetime → `date`, `time` and `start`
/// (`YYYY-MM-DDTHH:MM`); daterange → `start`/`end` dates (end included); timerange →
/// `start`/`end` times; datetimerange → `start`/`end` date-times; recurrence → `rrule`, plus
/// `time`, or `start`/`end` times for a time range.
public struct WhenService: Sendable {
    public let timeZone: TimeZone
    public let now: Date
    public let region: String?

    public init(timeZone: TimeZone = .santiago, now: Date, region: String? = nil) {
        self.timeZone = timeZone; self.now = now; self.region = region
    }

    /// The response object (one line, no newline) for one text, without an id.
    public func respond(text: String) -> String {
        let context = TemporalContext(now: now, timeZone: timeZone, region: region)
        return encode(id: nil, match: TemporalParser.parse(text, context: context), text: text, context: context)
    }

    /// The response line for one request line; nil for a blank line (no response).
    public func respond(line: String) -> String? {
        if line.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }) { return nil }
        var p = MiniJSON(line)
        guard let fields = p.object() else {
            if p.failedKey == "id" {
                return WhenService.error(id: nil, "El campo \"id\" no es un valor JSON válido (usa un texto entre comillas o un número).")
            }
            return WhenService.error(id: nil, "La línea no es un objeto JSON válido.")
        }
        let id = fields.first { $0.key == "id" }?.raw ?? "null"
        guard let textField = fields.first(where: { $0.key == "text" }) else {
            return WhenService.error(id: id, "Falta el campo \"text\".")
        }
        guard let text = textField.string else {
            return WhenService.error(id: id, "El campo \"text\" debe ser un texto.")
        }
        var instant = now
        if let nowField = fields.first(where: { $0.key == "now" }), nowField.raw != "null" {
            guard let s = nowField.string, let d = Clock.parseNow(s, timeZone: timeZone) else {
                return WhenService.error(id: id, "No entendí el campo \"now\" (usa 2026-11-25T10:00:00).")
            }
            instant = d
        }
        let context = TemporalContext(now: instant, timeZone: timeZone, region: region)
        return encode(id: id, match: TemporalParser.parse(text, context: context), text: text, context: context)
    }

    /// As `encode(id:match:)`, saying why when the text names a day its month does not have.
    func encode(id: String?, match: TemporalMatch?, text: String, context: TemporalContext) -> String {
        if match == nil, let (day, month) = TemporalParser.impossibleDay(in: text, context: context) {
            let message = "Esa fecha no existe: " + SpanishFormat.missingDay(day: day, month: month).lowercased()
            return id.map { "{\"id\":\($0),\"error\":\(WhenService.quote(message))}" } ?? "{\"error\":\(WhenService.quote(message))}"
        }
        return encode(id: id, match: match)
    }

    /// Encodes a match (or its absence) as the contract's JSON object. `id` is raw JSON.
    public func encode(id: String?, match: TemporalMatch?) -> String {
        guard let m = match else {
            let message = WhenService.quote("No encontré una fecha ni una hora en el texto.")
            return id.map { "{\"id\":\($0),\"error\":\(message)}" } ?? "{\"error\":\(message)}"
        }
        var out = "{"
        var first = true
        func field(_ k: String, _ rawValue: String) {
            if !first { out += "," }
            first = false
            out += "\"\(k)\":" + rawValue
        }
        func str(_ k: String, _ v: String) { field(k, WhenService.quote(v)) }
        if let id { field("id", id) }
        str("kind", m.value.kind)
        switch m.value {
        case .date(let d): str("date", d.iso)
        case .time(let t): str("time", t.iso)
        case .dateTime(let dt): str("date", dt.date.iso); str("time", dt.time.iso); str("start", dt.iso)
        case .dateRange(let a, let b): str("start", a.iso); str("end", b.iso)
        case .timeRange(let a, let b): str("start", a.iso); str("end", b.iso)
        case .dateTimeRange(let a, let b): str("start", a.iso); str("end", b.iso)
        case .recurrence(let r):
            if let a = r.time {
                if let b = r.endTime { str("start", a.iso); str("end", b.iso) } else { str("time", a.iso) }
            }
            str("rrule", r.rrule)
            if let d = r.start { str("from", d.iso) }
        }
        str("text", m.text)
        return out + "}"
    }

    static func error(id: String?, _ message: String) -> String {
        "{\"id\":\(id ?? "null"),\"error\":\(quote(message))}"
    }

    /// A JSON string literal (UTF-8 kept, control characters escaped).
    public static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

/// A small, strict JSON reader for one flat request object: keeps each value's raw text (so
/// `id` echoes exactly: `2.50` stays `2.50`) and decodes string values. Only a value that is
/// valid JSON is ever kept, so echoing it keeps the response line valid JSON.
struct MiniJSON {
    struct Field { var key: String; var raw: String; var string: String? }
    private let b: [UInt8]
    private var i = 0
    /// The key whose value was not valid JSON, when that is why `object()` failed.
    private(set) var failedKey: String?

    init(_ s: String) { b = Array(s.utf8) }

    mutating func object() -> [Field]? {
        ws()
        guard eat(0x7B) else { return nil }
        var fields: [Field] = []
        ws()
        if eat(0x7D) { ws(); return i == b.count ? fields : nil }
        while true {
            ws()
            guard let key = string() else { return nil }
            ws()
            guard eat(0x3A) else { return nil }
            ws()
            let start = i
            var decoded: String? = nil
            if i < b.count, b[i] == 0x22 {
                guard let s = string() else { failedKey = key; return nil }
                decoded = s
            } else {
                guard skipValue(depth: 0) else { failedKey = key; return nil }
            }
            let raw = Self.compact(b[start..<i])
            fields.append(Field(key: key, raw: raw, string: decoded))
            ws()
            if eat(0x2C) { continue }
            guard eat(0x7D) else { return nil }
            ws()
            return i == b.count ? fields : nil
        }
    }

    /// A valid JSON value's text without the whitespace between its tokens: a nested id read from
    /// a line that ended in CR LF, or with tabs, is echoed on one clean line.
    static func compact(_ raw: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var inString = false, escaped = false
        for c in raw {
            if inString {
                if escaped { escaped = false } else if c == 0x5C { escaped = true } else if c == 0x22 { inString = false }
            } else if c == 0x22 {
                inString = true
            } else if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D {
                continue
            }
            out.append(c)
        }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func ws() { while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D { i += 1 } }
    private mutating func eat(_ c: UInt8) -> Bool { if i < b.count, b[i] == c { i += 1; return true }; return false }

    private mutating func string() -> String? {
        guard eat(0x22) else { return nil }
        var out: [UInt8] = []
        while i < b.count {
            let c = b[i]; i += 1
            if c == 0x22 { return String(decoding: out, as: UTF8.self) }
            if c < 0x20 { return nil }
            if c != 0x5C { out.append(c); continue }
            guard i < b.count else { return nil }
            let e = b[i]; i += 1
            switch e {
            case 0x22, 0x5C, 0x2F: out.append(e)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                // A surrogate must come in a pair: a lone one is no character at all, and
                // readers (JSONSerialization among them) reject the line it is echoed in.
                guard var u = hex4(), !(u >= 0xDC00 && u < 0xE000) else { return nil }
                if u >= 0xD800 && u < 0xDC00 {
                    guard i + 1 < b.count, b[i] == 0x5C, b[i + 1] == 0x75 else { return nil }
                    i += 2
                    guard let lo = hex4(), lo >= 0xDC00, lo < 0xE000 else { return nil }
                    u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(u) else { return nil }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            default: return nil
            }
        }
        return nil
    }

    private mutating func hex4() -> UInt32? {
        guard i + 4 <= b.count else { return nil }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[i]; i += 1
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: return nil
            }
            v = v * 16 + d
        }
        return v
    }

    private mutating func skipValue(depth: Int) -> Bool {
        guard depth < 64, i < b.count else { return false }
        switch b[i] {
        case 0x22: return string() != nil
        case 0x7B, 0x5B:
            let close: UInt8 = b[i] == 0x7B ? 0x7D : 0x5D
            let isObject = b[i] == 0x7B
            i += 1; ws()
            if eat(close) { return true }
            while true {
                ws()
                if isObject {
                    guard string() != nil else { return false }
                    ws(); guard eat(0x3A) else { return false }; ws()
                }
                guard skipValue(depth: depth + 1) else { return false }
                ws()
                if eat(0x2C) { continue }
                return eat(close)
            }
        case 0x74: return literal("true")
        case 0x66: return literal("false")
        case 0x6E: return literal("null")
        default: return number()
        }
    }

    private mutating func literal(_ word: String) -> Bool {
        guard b[i...].starts(with: word.utf8) else { return false }
        i += word.utf8.count
        return true
    }

    /// A number exactly as RFC 8259 §6 writes it (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`:
    /// no `01`, `+1`, `.5`, `1.`, hex, `NaN` or `Infinity`), and one a double can hold: a reader
    /// such as Foundation's JSONSerialization rejects `1e999`, so it is not echoed.
    private mutating func number() -> Bool {
        let start = i
        func digits() -> Int {
            let from = i
            while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 { i += 1 }
            return i - from
        }
        _ = eat(0x2D)
        if eat(0x30) {
            if i < b.count, b[i] >= 0x30 && b[i] <= 0x39 { return false }
        } else if digits() == 0 {
            return false
        }
        if eat(0x2E), digits() == 0 { return false }
        if i < b.count, b[i] == 0x65 || b[i] == 0x45 {
            i += 1
            if !eat(0x2B) { _ = eat(0x2D) }
            if digits() == 0 { return false }
        }
        // The value must end here (`1x` or `1.2.3` are not numbers).
        if i < b.count, !(b[i] == 0x2C || b[i] == 0x7D || b[i] == 0x5D || b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D) {
            return false
        }
        return Double(String(decoding: b[start..<i], as: UTF8.self))?.isFinite == true
    }
}
