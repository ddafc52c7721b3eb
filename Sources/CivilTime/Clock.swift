import Foundation

/// Where "now" comes from. The core never reads the wall clock; the edges pass one of these.
public struct Clock: Sendable {
    public let timeZone: TimeZone
    private let read: @Sendable () -> Date

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
    public func today() -> LocalDate { LocalDate(now(), in: timeZone) }
    public func localNow() -> LocalDateTime { LocalDateTime(now(), in: timeZone) }

    /// Parses `--now` values: `2026-11-25T10:00[:00]` (local time in `timeZone`) or with
    /// an explicit offset / `Z`.
    public static func parseNow(_ text: String, timeZone: TimeZone) -> Date? {
        if let local = LocalDateTime(iso: text) { return local.instant(in: timeZone) }
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: text)
    }
}
