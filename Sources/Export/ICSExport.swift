import CivilTime
import Domain
import Foundation

/// `minga export --format ics`: RFC 5545, one VEVENT per meeting (RRULE for a series), times
/// with TZID and its VTIMEZONE, stable UIDs (`<meeting>.<network>@minga`), CRLF lines folded
/// at 75 octets.
public enum ICSExport {
    public static func document(_ networks: [NetworkSnapshot], timeZone: TimeZone = .santiago, stamp: Date) -> String {
        let tzid = timeZone.identifier
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Minga//Minga 1//ES", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                     "X-WR-CALNAME:" + escape(networks.count == 1 ? networks[0].network.name : "Minga"), "X-WR-TIMEZONE:" + tzid]
        let years = networks.flatMap { $0.meetings.map(\.start.date.year) }
        let fromYear = (years.min() ?? LocalDate(stamp, in: timeZone).year) - 1
        // One VTIMEZONE per zone used: the calendar's, and a network's own (Magallanes, Aysén).
        var zones = [timeZone.identifier]
        for s in networks where !s.meetings.isEmpty {
            let id = s.network.zone(default: timeZone).identifier
            if !zones.contains(id) { zones.append(id) }
        }
        for id in zones { lines += vtimezone(TimeZone(identifier: id) ?? timeZone, fromYear: fromYear) }
        let dtstamp = utc(stamp)
        for s in networks {
            let timeZone = s.network.zone(default: timeZone), tzid = timeZone.identifier
            for m in s.meetings {
                lines.append("BEGIN:VEVENT")
                lines.append("UID:\(m.id)-\(s.network.id)@minga")
                lines.append("DTSTAMP:\(dtstamp)")
                lines.append("SEQUENCE:\(m.sequence)")
                if let modified = m.modified.flatMap(ISO8601DateFormatter().date(from:)) { lines.append("LAST-MODIFIED:\(utc(modified))") }
                lines.append("DTSTART;TZID=\(tzid):\(local(m.start))")
                lines.append("DTEND;TZID=\(tzid):\(local(m.end))")
                if let rrule = m.rrule { lines.append("RRULE:" + icsRule(rrule, timeZone: timeZone)) }
                // A suspended date of a series is skipped by calendars too (months a series
                // pauses are already out of its RRULE's BYMONTH).
                if m.isSeries {
                    for o in m.recorded where o.status == .suspendida {
                        lines.append("EXDATE;TZID=\(tzid):\(local(LocalDateTime(date: o.date, time: m.start.time)))")
                    }
                }
                lines.append("SUMMARY:" + escape(m.title))
                if let place = m.place { lines.append("LOCATION:" + escape(place)) }
                var description = "\(m.kind.label.prefix(1).uppercased() + m.kind.label.dropFirst()) de \(s.network.name)."
                if !m.agenda.isEmpty {
                    description += "\nTabla:\n" + m.agenda.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n")
                }
                if !m.participants.isEmpty { description += "\nParticipantes: " + m.participants.joined(separator: ", ") }
                lines.append("DESCRIPTION:" + escape(description))
                lines.append("CATEGORIES:" + escape(m.kind.label))
                lines.append("END:VEVENT")
                // A date of the series moved on its own («la de mayo pásala al viernes 7»): an
                // override of that instance (same UID, RECURRENCE-ID), as calendars expect.
                if m.isSeries {
                    for o in m.recorded where o.status != .suspendida && (o.start != LocalDateTime(date: o.date, time: m.start.time) || o.place != nil) {
                        lines.append("BEGIN:VEVENT")
                        lines.append("UID:\(m.id)-\(s.network.id)@minga")
                        lines.append("DTSTAMP:\(dtstamp)")
                        lines.append("SEQUENCE:\(m.sequence)")
                        lines.append("RECURRENCE-ID;TZID=\(tzid):\(local(LocalDateTime(date: o.date, time: m.start.time)))")
                        lines.append("DTSTART;TZID=\(tzid):\(local(o.start))")
                        lines.append("DTEND;TZID=\(tzid):\(local(o.start.adding(minutes: m.durationMinutes)))")
                        lines.append("SUMMARY:" + escape(m.title))
                        if let place = o.place ?? m.place { lines.append("LOCATION:" + escape(place)) }
                        lines.append("END:VEVENT")
                    }
                }
            }
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// The store keeps UNTIL as the series' last day (`UNTIL=20270331`); with a DTSTART that has
    /// a TZID, RFC 5545 §3.3.10 wants it as a UTC date-time, so that day is included to its end.
    static func icsRule(_ rrule: String, timeZone: TimeZone) -> String {
        rrule.split(separator: ";").map { part -> String in
            guard part.uppercased().hasPrefix("UNTIL="), part.count == 14,
                  let d = LocalDate(iso: RecurrenceRule.isoDate(String(part.dropFirst(6)))) else { return String(part) }
            let end = LocalDateTime(date: d, time: LocalTime(hour: 23, minute: 59)).instant(in: timeZone)
            return "UNTIL=" + utc(end)
        }.joined(separator: ";")
    }

    static func local(_ dt: LocalDateTime) -> String {
        String(format: "%04d%02d%02dT%02d%02d00", dt.date.year, dt.date.month, dt.date.day, dt.time.hour, dt.time.minute)
    }

    static func utc(_ d: Date) -> String {
        local(LocalDateTime(d, in: TimeZone(identifier: "UTC")!)) + "Z"
    }

    /// TEXT escaping (RFC 5545 §3.3.11), on bytes: backslash, `;` and `,` escaped, every line
    /// break (CR LF, lone CR, LF) written as `\n`. Swift sees "\r\n" as one Character, which
    /// is why this does not work on Characters: a CR LF typed in a place's name would otherwise
    /// end the content line and cut the value. Other control characters are not allowed in
    /// TEXT and are dropped (tab is kept).
    static func escape(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 8)
        var previousCR = false
        for byte in s.utf8 {
            defer { previousCR = byte == 0x0D }
            switch byte {
            case 0x5C: out += [0x5C, 0x5C]
            case 0x3B: out += [0x5C, 0x3B]
            case 0x2C: out += [0x5C, 0x2C]
            case 0x0D: out += [0x5C, 0x6E]
            case 0x0A: if !previousCR { out += [0x5C, 0x6E] }
            case 0x09: out.append(byte)
            case 0x00..<0x20, 0x7F: continue
            default: out.append(byte)
            }
        }
        // Only ASCII bytes were added or removed: still valid UTF-8.
        return String(decoding: out, as: UTF8.self)
    }

    /// Content lines longer than 75 octets continue on the next line after a space (RFC 5545
    /// §3.1), counted in bytes and never splitting a UTF-8 sequence (a fold may fall inside a
    /// long grapheme cluster such as an emoji family: unfolding joins the bytes back exactly).
    static func fold(_ line: String) -> String {
        let bytes = Array(line.utf8)
        guard bytes.count > 75 else { return line }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 37 * 3)
        var count = 0
        var i = 0
        while i < bytes.count {
            var n = 1
            while i + n < bytes.count, bytes[i + n] & 0xC0 == 0x80 { n += 1 }
            if count + n > 75 {
                out += [0x0D, 0x0A, 0x20]
                count = 1
            }
            out += bytes[i..<(i + n)]
            count += n
            i += n
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The zone's VTIMEZONE, valid for every instance a meeting from `fromYear` on can produce,
    /// however far its open-ended RRULE runs.
    ///
    /// Coverage: from the year before the earliest meeting (no instance of an event comes before
    /// its DTSTART, so older tzdata history is never needed). The transitions that follow the
    /// zone's current yearly rule become one STANDARD and one DAYLIGHT component with that rule as
    /// their RRULE, starting at the rule's first transition in the covered years; any earlier,
    /// different transitions (Chile moved its dates in 2022, for instance) come first as explicit
    /// DTSTART-only components. A zone with no daylight saving time gets its fixed offset.
    static func vtimezone(_ tz: TimeZone, fromYear: Int) -> [String] {
        var lines = ["BEGIN:VTIMEZONE", "TZID:\(tz.identifier)"]
        let plan = ZonePlan(tz, fromYear: fromYear)
        func component(_ t: ZoneTransition, onset: LocalDateTime, rrule: String?) -> [String] {
            let kind = t.daylight ? "DAYLIGHT" : "STANDARD"
            return ["BEGIN:\(kind)", "DTSTART:\(local(onset))", "TZOFFSETFROM:\(offset(t.from))", "TZOFFSETTO:\(offset(t.to))"]
                + (rrule.map { ["RRULE:" + $0] } ?? []) + ["TZNAME:\(offset(t.to).dropLast(2))", "END:\(kind)"]
        }
        for t in plan.explicit { lines += component(t, onset: t.onset, rrule: nil) }
        for (rule, first) in plan.rules { lines += component(first, onset: first.onset, rrule: rule.rrule) }
        if plan.explicit.isEmpty && plan.rules.isEmpty {
            let fixed = ZoneTransition(onset: LocalDateTime(date: LocalDate(year: 1970, month: 1, day: 1), time: LocalTime(hour: 0)),
                                       from: plan.fixedOffset, to: plan.fixedOffset, daylight: false)
            lines += component(fixed, onset: fixed.onset, rrule: nil)
        }
        lines.append("END:VTIMEZONE")
        return lines
    }

    /// `-0300`, `+0530`.
    static func offset(_ secs: Int) -> String {
        let a = abs(secs)
        return (secs < 0 ? "-" : "+") + String(format: "%02d%02d", a / 3600, (a % 3600) / 60)
    }
}

/// A change of a zone's UTC offset, as a VTIMEZONE observance states it: `onset` is the local
/// wall-clock time just before the change (in the `from` offset).
struct ZoneTransition: Equatable {
    var onset: LocalDateTime
    var from: Int
    var to: Int
    var daylight: Bool
}

/// A yearly transition rule: in `month`, on `weekday` (ISO, 7 = Sunday) among days
/// `firstDay`…`firstDay + 6` (or the month's last such weekday), at `time`.
struct YearlyZoneRule: Equatable {
    var month: Int
    var weekday: Int
    /// nil: the last `weekday` of the month.
    var firstDay: Int?
    var time: LocalTime
    var from: Int
    var to: Int
    var daylight: Bool

    static let days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    func matches(_ t: ZoneTransition) -> Bool {
        let d = t.onset.date
        guard d.month == month, d.weekday == weekday, t.onset.time == time, t.from == from, t.to == to, t.daylight == daylight else {
            return false
        }
        if let firstDay { return d.day >= firstDay && d.day <= firstDay + 6 }
        return d.day + 7 > LocalDate(year: d.year, month: d.month, day: 1).adding(months: 1).adding(days: -1).day
    }

    /// `FREQ=YEARLY;BYMONTH=9;BYDAY=SU;BYMONTHDAY=2,3,4,5,6,7,8` ("the Sunday on or after the
    /// 2nd"), or the shorter `BYDAY=1SU` / `BYDAY=-1SU` when the days are a whole week of the month.
    var rrule: String {
        let day = Self.days[weekday - 1]
        guard let firstDay else { return "FREQ=YEARLY;BYMONTH=\(month);BYDAY=-1\(day)" }
        if (firstDay - 1) % 7 == 0 { return "FREQ=YEARLY;BYMONTH=\(month);BYDAY=\((firstDay - 1) / 7 + 1)\(day)" }
        return "FREQ=YEARLY;BYMONTH=\(month);BYDAY=\(day);BYMONTHDAY=" + (firstDay...(firstDay + 6)).map(String.init).joined(separator: ",")
    }

    /// The rule every transition in `ts` (all of one kind) follows, if they share one.
    init?(_ ts: [ZoneTransition]) {
        guard ts.count >= 2, let t = ts.first else { return nil }
        let d = t.onset.date
        guard ts.allSatisfy({ $0.onset.date.month == d.month && $0.onset.date.weekday == d.weekday && $0.onset.time == t.onset.time
            && $0.from == t.from && $0.to == t.to && $0.daylight == t.daylight }) else { return nil }
        let monthDays = ts.map(\.onset.date.day)
        let low = monthDays.min()!, high = monthDays.max()!
        guard high - low <= 6 else { return nil }
        self.init(month: d.month, weekday: d.weekday, firstDay: low, time: t.onset.time, from: t.from, to: t.to, daylight: t.daylight)
        // Days at the end of the month: "the last Sunday" (the first day shifts with the month's length).
        if (low - 1) % 7 != 0 {
            let last = YearlyZoneRule(month: month, weekday: weekday, firstDay: nil, time: time, from: from, to: to, daylight: daylight)
            if ts.allSatisfy(last.matches) { self = last }
        }
    }

    init(month: Int, weekday: Int, firstDay: Int?, time: LocalTime, from: Int, to: Int, daylight: Bool) {
        self.month = month; self.weekday = weekday; self.firstDay = firstDay; self.time = time
        self.from = from; self.to = to; self.daylight = daylight
    }
}

/// What a VTIMEZONE needs from tzdata for meetings from `fromYear` on: the explicit transitions
/// before the current rule took over, and the current rule with its first transition.
struct ZonePlan {
    var explicit: [ZoneTransition] = []
    var rules: [(rule: YearlyZoneRule, first: ZoneTransition)] = []
    var fixedOffset: Int

    /// Years of tzdata read past `fromYear` to find the current rule (and any change already
    /// scheduled), and how many of the last of them must agree on it.
    static let horizon = 40
    static let ruleYears = 20

    init(_ tz: TimeZone, fromYear: Int) {
        let utc = TimeZone(identifier: "UTC")!
        let cal = Calendar.gregorian(utc)
        let start = cal.date(from: DateComponents(year: fromYear, month: 1, day: 1))!
        let end = cal.date(from: DateComponents(year: fromYear + Self.horizon, month: 1, day: 1))!
        fixedOffset = tz.secondsFromGMT(for: start)
        var all: [ZoneTransition] = []
        var date = start
        while let next = tz.nextDaylightSavingTimeTransition(after: date), next < end {
            date = next
            let before = tz.secondsFromGMT(for: next.addingTimeInterval(-1))
            let after = tz.secondsFromGMT(for: next)
            guard before != after else { continue }
            all.append(ZoneTransition(onset: LocalDateTime(next, offset: before), from: before, to: after,
                                      daylight: tz.isDaylightSavingTime(for: next)))
        }
        let recentYear = fromYear + Self.horizon - Self.ruleYears
        let recent = all.filter { $0.onset.date.year >= recentYear }
        let found = [true, false].compactMap { daylight in YearlyZoneRule(recent.filter { $0.daylight == daylight }) }
        // Both halves of a daylight saving rule, or none: a lone rule would be a zone that keeps
        // moving one way, which tzdata never has.
        guard found.count == 2 else {
            explicit = all
            return
        }
        var k = all.count
        while k > 0, found.contains(where: { $0.matches(all[k - 1]) }) { k -= 1 }
        explicit = Array(all[..<k])
        rules = found.compactMap { rule in all[k...].first(where: rule.matches).map { (rule, $0) } }
            .sorted { $0.first.onset < $1.first.onset }
    }
}

/// `minga export --format csv`: the agreements table, RFC 4180 (CRLF, quotes doubled), UTF-8
/// with a BOM so spreadsheet applications read the accents right. Columns are separated by
/// `;` by default, which spreadsheets set up for Chile (decimal comma) expect, or by `,`.
public enum CSVExport {
    public static let header = ["red", "id", "texto", "responsables", "plazo", "evidencia", "estado", "encuentro", "registrado",
                                "evidencia_entregada", "ultima_nota"]

    public static func document(_ networks: [NetworkSnapshot], today: LocalDate, delimiter: Character = ";") -> String {
        var rows = [header]
        for s in networks {
            for a in s.agreements {
                rows.append([s.network.id, a.id, a.text, a.responsables.joined(separator: "; "), a.deadline?.iso ?? "",
                             a.evidence ?? "", a.status(on: today).rawValue, a.meeting ?? "", a.registered ?? "",
                             a.evidenceDelivered ?? "", a.history.last?.note ?? ""])
            }
        }
        let separator = String(delimiter)
        return "\u{FEFF}" + rows.map { $0.map { field($0, delimiter: delimiter) }.joined(separator: separator) }.joined(separator: "\r\n") + "\r\n"
    }

    /// One cell. A cell a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`,
    /// a tab or a CR: "=HYPERLINK(…)" typed as an agreement) is neutralised with a leading `'`
    /// (OWASP's advice) and quoted; a cell with either delimiter, a quote, a line break or
    /// edge spaces is quoted, its quotes doubled.
    static func field(_ s: String, delimiter: Character = ";") -> String {
        let formula = s.utf8.first.map { [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D].contains($0) } ?? false
        let needsQuotes = formula || s.utf8.contains { [0x2C, 0x3B, 0x22, 0x0A, 0x0D].contains($0) }
            || s.contains(delimiter)
            || s.hasPrefix(" ") || s.hasSuffix(" ")
        guard needsQuotes else { return s }
        return "\"" + (formula ? "'" : "") + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
