import CivilTime
@testable import Understanding

/// A compact, comparable rendering of a match: "date 2026-11-26", "timerange 14:00..18:00",
/// "rrule FREQ=WEEKLY;BYDAY=TU @16:00", plus " alts …" for ambiguous days.
func render(_ m: TemporalMatch?) -> String {
    guard let m else { return "nil" }
    var s: String
    switch m.value {
    case .date(let d): s = "date \(d.iso)"
    case .time(let t): s = "time \(t.iso)"
    case .dateTime(let d): s = "datetime \(d.iso)"
    case .dateRange(let a, let b): s = "daterange \(a.iso)..\(b.iso)"
    case .timeRange(let a, let b): s = "timerange \(a.iso)..\(b.iso)"
    case .dateTimeRange(let a, let b): s = "datetimerange \(a.iso)..\(b.iso)"
    case .recurrence(let r):
        s = "rrule \(r.rrule)"
        if let t = r.time { s += " @\(t.iso)" }
        if let e = r.endTime { s += "-\(e.iso)" }
    }
    if !m.alternatives.isEmpty { s += " alts " + m.alternatives.map(\.iso).joined(separator: ",") }
    return s
}

