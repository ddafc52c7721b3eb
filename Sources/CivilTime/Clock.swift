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
///
/// Lock-free: the span is two words swapped atomically. It was behind a `Mutex`, which on Linux
/// is a priority-inheritance futex that hands the lock to a sleeping waiter (swiftlang/swift
/// #88440): with the socket server's turn threads reading the clock several times a turn on 2
/// cores, 45% of their context switches were waits for this cache.
private final class OffsetCache: Sendable {
    /// `first`: the span's start, whole seconds since 1970 rounded up; `second`: its end rounded
    /// down, shifted left by `offsetBits`, with the offset plus `bias` in the low bits. An
    /// empty span (start after end) until the first reading.
    private let span = Atomic<WordPair>(WordPair(first: UInt(bitPattern: Int.max), second: 0))
    private static let offsetBits = 20
    private static let bias = 1 << 19

    func offset(at instant: Date, in timeZone: TimeZone) -> Int {
        let s = span.load(ordering: .acquiring)
        let t = instant.timeIntervalSince1970
        let from = Int(bitPattern: s.first), packed = Int(bitPattern: s.second)
        if t >= Double(from), t < Double(packed >> Self.offsetBits) {
            return (packed & ((1 << Self.offsetBits) - 1)) - Self.bias
        }
        let offset = timeZone.secondsFromGMT(for: instant)
        let hour = instant.addingTimeInterval(3600)
        let until = min(timeZone.nextDaylightSavingTimeTransition(after: instant) ?? hour, hour)
        // Offsets are within ±18 h; an instant outside ±2^43 s is not cached.
        let start = t.rounded(.up), end = until.timeIntervalSince1970.rounded(.down)
        if abs(offset) < Self.bias, abs(start) < 0x1p43, abs(end) < 0x1p43 {
            let word = (Int(end) << Self.offsetBits) | (offset + Self.bias)
            span.store(WordPair(first: UInt(bitPattern: Int(start)), second: UInt(bitPattern: word)), ordering: .releasing)
        }
        return offset
    }
}
