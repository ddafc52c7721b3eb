import Foundation
import Synchronization

/// Where "now" comes from. The core never reads the wall clock; the edges pass one of these.
public struct Clock: Sendable {
    public let timeZone: TimeZone
    private let read: @Sendable () -> Date
    private let offsets = OffsetCache()

    public init(timeZone: TimeZone, now: @escaping @Sendable () -> Date) {
        self.timeZone = timeZone
        self.read = now
    }

    /// A clock frozen at `instant` (tests, transcripts, `--now`).
    public static func fixed(_ instant: Date, timeZone: TimeZone) -> Clock {
        Clock(timeZone: timeZone) { instant }
    }

    /// The system clock, in an explicit zone.
    public static func system(timeZone: TimeZone) -> Clock {
        Clock(timeZone: timeZone) { Date() }
    }

    public func now() -> Date { read() }
    public func today() -> LocalDate { localNow().date }
    public func localNow() -> LocalDateTime { reading(now()) }

    /// The wall-clock reading of `instant` in this clock's zone.
    public func reading(_ instant: Date) -> LocalDateTime {
        LocalDateTime(instant, offset: offsets.offset(at: instant, in: timeZone))
    }

    /// Now as RFC 3339 with the zone's offset (`2026-11-25T10:00:00-03:00`): when a record was made.
    public func stamp() -> String {
        let instant = now()
        let offset = offsets.offset(at: instant, in: timeZone)
        return LocalDateTime.rfc3339(LocalDateTime(instant, offset: offset), offset: offset)
    }

    /// Parses `--now` values: `2026-11-25T10:00[:00]` (local time in `timeZone`) or with
    /// an explicit offset / `Z`.
    public static func parseNow(_ text: String, timeZone: TimeZone) -> Date? {
        if let local = LocalDateTime(iso: text) { return local.instant(in: timeZone) }
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: text)
    }
}

/// The zone's offset, remembered until its next transition (at most an hour): every turn reads
/// the clock several times, and asking tzdata each time showed in the profile.
private final class OffsetCache: Sendable {
    private let span = Mutex<(from: Date, until: Date, offset: Int)?>(nil)

    func offset(at instant: Date, in timeZone: TimeZone) -> Int {
        if let s = span.withLock({ $0 }), instant >= s.from, instant < s.until { return s.offset }
        let offset = timeZone.secondsFromGMT(for: instant)
        let hour = instant.addingTimeInterval(3600)
        let until = min(timeZone.nextDaylightSavingTimeTransition(after: instant) ?? hour, hour)
        span.withLock { $0 = (instant, until, offset) }
        return offset
    }
}
