import CivilTime
import Understanding

/// A filled slot. Codable so a session's state survives a restart.
public enum SlotValue: Hashable, Sendable, Codable {
    case text(String)
    case list([String])
    case date(LocalDate)
    case time(LocalTime)
    case dateTime(LocalDateTime)
    case dateRange(LocalDate, LocalDate)
    case recurrence(Recurrence)
    case duration(minutes: Int)
    case number(Double)
    case bool(Bool)
    case choice(String)

    /// The value as a person reads it in a summary ("martes 15 de diciembre", "Ana y Luis").
    public func display(today: LocalDate, choices: [Choice] = []) -> String {
        switch self {
        case .text(let s): return s
        case .list(let items): return SlotValue.joinSpanish(items)
        case .date(let d): return SpanishFormat.date(d, today: today)
        case .time(let t): return SpanishFormat.time(t)
        case .dateTime(let dt): return SpanishFormat.dateTime(dt, today: today)
        case .dateRange(let a, let b): return "del \(SpanishFormat.date(a, today: today)) al \(SpanishFormat.date(b, today: today))"
        case .recurrence(let r): return SpanishFormat.recurrence(r)
        case .duration(let m): return SpanishFormat.duration(minutes: m)
        case .number(let n): return n == n.rounded() ? String(Int(n)) : String(n)
        case .bool(let b): return b ? "sí" : "no"
        case .choice(let v): return choices.first { $0.value == v }?.label ?? v
        }
    }

    /// "Ana", "Ana y Luis", "Ana, Luis y Marta".
    public static func joinSpanish(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " y " + items.last!
        }
    }

    public var textValue: String? {
        switch self {
        case .text(let s), .choice(let s): s
        default: nil
        }
    }

    public var listValue: [String]? {
        switch self {
        case .list(let l): l
        case .text(let s): [s]
        default: nil
        }
    }

    public var dateValue: LocalDate? {
        switch self {
        case .date(let d): d
        case .dateTime(let dt): dt.date
        case .dateRange(let a, _): a
        default: nil
        }
    }
}
