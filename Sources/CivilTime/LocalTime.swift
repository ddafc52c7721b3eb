import Foundation

/// A wall-clock time of day ("15:30"), minute precision.
public struct LocalTime: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var hour: Int
    public var minute: Int

    public init(hour: Int, minute: Int = 0) {
        self.hour = hour
        self.minute = minute
    }

    /// Parses `HH:MM` (or `H:MM`).
    public init?(iso: some StringProtocol) {
        let parts = iso.split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
              (0...23).contains(h), (0...59).contains(m) else { return nil }
        self.init(hour: h, minute: m)
    }

    public var iso: String { pad(hour, 2) + ":" + pad(minute, 2) }
    public var description: String { iso }
    public var minutesSinceMidnight: Int { hour * 60 + minute }

    public static func < (a: LocalTime, b: LocalTime) -> Bool {
        a.minutesSinceMidnight < b.minutesSinceMidnight
    }
}

/// A wall-clock date and time in some zone, e.g. a meeting start.
public struct LocalDateTime: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var date: LocalDate
    public var time: LocalTime

    public init(date: LocalDate, time: LocalTime) {
        self.date = date
        self.time = time
    }

    /// The wall-clock reading of `instant` in `timeZone`: the zone's offset at that instant (from
    /// tzdata) added to Unix time, then plain day arithmetic. No Calendar: this runs every turn.
    public init(_ instant: Date, in timeZone: TimeZone) {
        self.init(instant, offset: timeZone.secondsFromGMT(for: instant))
    }

    /// The wall-clock reading of `instant` at a known offset from UTC, in seconds.
    public init(_ instant: Date, offset: Int) {
        let local = Int(instant.timeIntervalSince1970.rounded(.down)) + offset
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let seconds = local - days * 86_400
        self.init(date: LocalDate(dayNumber: days), time: LocalTime(hour: seconds / 3600, minute: (seconds % 3600) / 60))
    }

    /// Parses `YYYY-MM-DDTHH:MM[:SS]` (no offset: local time).
    public init?(iso: some StringProtocol) {
        let parts = iso.split(separator: "T")
        guard parts.count == 2, let d = LocalDate(iso: parts[0]) else { return nil }
        let t = parts[1].split(separator: ":")
        guard t.count == 2 || t.count == 3, let time = LocalTime(iso: "\(t[0]):\(t[1])") else { return nil }
        if t.count == 3 { guard let s = Int(t[2]), (0...59).contains(s) else { return nil } }
        self.init(date: d, time: time)
    }

    public var iso: String { "\(date.iso)T\(time.iso)" }
    public var description: String { iso }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool {
        (a.date, a.time) < (b.date, b.time)
    }

    /// The instant this wall-clock reading denotes in `timeZone`. A reading that does not
    /// exist (Chile's spring-forward midnight) moves forward to the first valid minute;
    /// an ambiguous one (fall-back) takes the earlier instant.
    public func instant(in timeZone: TimeZone) -> Date {
        var c = DateComponents()
        c.year = date.year; c.month = date.month; c.day = date.day
        c.hour = time.hour; c.minute = time.minute
        let cal = Calendar.gregorian(timeZone)
        if let d = cal.date(from: c), LocalDateTime(d, in: timeZone) == self { return d }
        // Non-existent local time: find the first instant after the gap.
        c.hour = time.hour + 1
        return cal.date(from: c) ?? Date(timeIntervalSince1970: 0)
    }

    /// RFC 3339 with the zone's offset at that instant: `2026-12-03T15:00:00-03:00`.
    public func rfc3339(in timeZone: TimeZone) -> String {
        let instant = self.instant(in: timeZone)
        let offset = timeZone.secondsFromGMT(for: instant)
        return Self.rfc3339(LocalDateTime(instant, offset: offset), offset: offset)
    }

    /// `local` written with its offset from UTC (seconds).
    static func rfc3339(_ local: LocalDateTime, offset: Int) -> String {
        let sign = offset < 0 ? "-" : "+"
        let a = abs(offset)
        let d = local.date, t = local.time
        // Every save stamps its record: the usual case is written as 25 bytes in one go.
        if (0...9999).contains(d.year), (0...99).contains(d.month), (0...99).contains(d.day), (0...99).contains(t.hour),
           (0...99).contains(t.minute), a / 3600 < 100 {
            return String(unsafeUninitializedCapacity: 25) { buf in
                func put(_ n: Int, _ width: Int, at i: Int) {
                    var v = n
                    for k in stride(from: i + width - 1, through: i, by: -1) {
                        buf[k] = UInt8(ascii: "0") + UInt8(v % 10)
                        v /= 10
                    }
                }
                put(d.year, 4, at: 0); buf[4] = UInt8(ascii: "-"); put(d.month, 2, at: 5); buf[7] = UInt8(ascii: "-")
                put(d.day, 2, at: 8); buf[10] = UInt8(ascii: "T"); put(t.hour, 2, at: 11); buf[13] = UInt8(ascii: ":")
                put(t.minute, 2, at: 14); buf[16] = UInt8(ascii: ":"); buf[17] = UInt8(ascii: "0"); buf[18] = UInt8(ascii: "0")
                buf[19] = offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"); put(a / 3600, 2, at: 20); buf[22] = UInt8(ascii: ":")
                put((a % 3600) / 60, 2, at: 23)
                return 25
            }
        }
        return local.date.iso + "T" + local.time.iso + ":00" + sign + pad(a / 3600, 2) + ":" + pad((a % 3600) / 60, 2)
    }

    public func adding(minutes: Int) -> LocalDateTime {
        let total = time.minutesSinceMidnight + minutes
        let dayShift = Int((Double(total) / 1440).rounded(.down))
        let rem = total - dayShift * 1440
        return LocalDateTime(date: date.adding(days: dayShift), time: LocalTime(hour: rem / 60, minute: rem % 60))
    }
}
