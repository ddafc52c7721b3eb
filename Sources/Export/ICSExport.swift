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
        lines += vtimezone(timeZone, from: (years.min() ?? 2026) - 1, to: (years.max() ?? 2026) + 2)
        let dtstamp = utc(stamp)
        for s in networks {
            for m in s.meetings {
                lines.append("BEGIN:VEVENT")
                lines.append("UID:\(m.id)-\(s.network.id)@minga")
                lines.append("DTSTAMP:\(dtstamp)")
                lines.append("SEQUENCE:\(m.sequence)")
                if let modified = m.modified.flatMap(ISO8601DateFormatter().date(from:)) { lines.append("LAST-MODIFIED:\(utc(modified))") }
                lines.append("DTSTART;TZID=\(tzid):\(local(m.start))")
                lines.append("DTEND;TZID=\(tzid):\(local(m.end))")
                if let rrule = m.rrule { lines.append("RRULE:" + rrule) }
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
            }
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    static func local(_ dt: LocalDateTime) -> String {
        String(format: "%04d%02d%02dT%02d%02d00", dt.date.year, dt.date.month, dt.date.day, dt.time.hour, dt.time.minute)
    }

    static func utc(_ d: Date) -> String {
        local(LocalDateTime(d, in: TimeZone(identifier: "UTC")!)) + "Z"
    }

    /// TEXT escaping (RFC 5545 §3.3.11).
    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r": continue
            default: out.append(ch)
            }
        }
        return out
    }

    /// Lines longer than 75 octets continue on the next line after a space, never splitting a character.
    static func fold(_ line: String) -> String {
        var out = ""
        var count = 0
        for ch in line {
            let n = String(ch).utf8.count
            if count + n > 75 {
                out += "\r\n "
                count = 1
            }
            out.append(ch)
            count += n
        }
        return out
    }

    /// STANDARD/DAYLIGHT observances from the zone's real transitions (tzdata), one per change.
    static func vtimezone(_ tz: TimeZone, from: Int, to: Int) -> [String] {
        var lines = ["BEGIN:VTIMEZONE", "TZID:\(tz.identifier)"]
        let utcCal = Calendar.gregorian(TimeZone(identifier: "UTC")!)
        var date = utcCal.date(from: DateComponents(year: from, month: 1, day: 1))!
        let end = utcCal.date(from: DateComponents(year: to + 1, month: 1, day: 1))!
        var any = false
        func offset(_ secs: Int) -> String {
            let sign = secs < 0 ? "-" : "+"
            let a = abs(secs)
            return String(format: "%@%02d%02d", sign, a / 3600, (a % 3600) / 60)
        }
        while let next = tz.nextDaylightSavingTimeTransition(after: date), next < end {
            let before = tz.secondsFromGMT(for: next.addingTimeInterval(-1))
            let after = tz.secondsFromGMT(for: next)
            let localStart = LocalDateTime(next.addingTimeInterval(TimeInterval(before)), in: TimeZone(identifier: "UTC")!)
            let kind = tz.isDaylightSavingTime(for: next) ? "DAYLIGHT" : "STANDARD"
            lines += ["BEGIN:\(kind)", "DTSTART:\(local(localStart))", "TZOFFSETFROM:\(offset(before))", "TZOFFSETTO:\(offset(after))",
                      "TZNAME:\(offset(after).dropLast(2))", "END:\(kind)"]
            any = true
            date = next
        }
        if !any {
            let o = offset(tz.secondsFromGMT(for: date))
            lines += ["BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:\(o)", "TZOFFSETTO:\(o)", "TZNAME:\(o.dropLast(2))", "END:STANDARD"]
        }
        lines.append("END:VTIMEZONE")
        return lines
    }
}

/// `minga export --format csv`: the agreements table, RFC 4180 (CRLF, quotes doubled), UTF-8
/// with a BOM so spreadsheet applications read the accents right.
public enum CSVExport {
    public static let header = ["red", "id", "texto", "responsables", "plazo", "evidencia", "estado", "encuentro", "registrado",
                                "evidencia_entregada", "ultima_nota"]

    public static func document(_ networks: [NetworkSnapshot], today: LocalDate) -> String {
        var rows = [header]
        for s in networks {
            for a in s.agreements {
                rows.append([s.network.id, a.id, a.text, a.responsables.joined(separator: "; "), a.deadline?.iso ?? "",
                             a.evidence ?? "", a.status(on: today).rawValue, a.meeting ?? "", a.registered ?? "",
                             a.evidenceDelivered ?? "", a.history.last?.note ?? ""])
            }
        }
        return "\u{FEFF}" + rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == ";" }) || s.hasPrefix(" ") || s.hasSuffix(" ") else {
            return s
        }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
