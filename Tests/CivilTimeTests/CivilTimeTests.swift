import CivilTime
import Foundation
import Synchronization
import Testing

@Suite struct CivilTimeTests {
    /// Day numbers round-trip across centuries, leap days included.
    @Test(arguments: [(1970, 1, 1), (2000, 2, 29), (2026, 12, 31), (2027, 3, 1), (1899, 12, 31)])
    func dayNumberRoundTrip(y: Int, m: Int, d: Int) {
        let date = LocalDate(year: y, month: m, day: d)
        #expect(LocalDate(dayNumber: date.dayNumber) == date)
    }

    /// ISO weekdays: 2026-11-25 is a Wednesday, 2026-11-29 a Sunday.
    @Test func weekday() {
        #expect(LocalDate(year: 2026, month: 11, day: 25).weekday == 3)
        #expect(LocalDate(year: 2026, month: 11, day: 29).weekday == 7)
    }

    /// Month arithmetic clamps to the month's length.
    @Test func addingMonths() {
        #expect(LocalDate(year: 2027, month: 1, day: 31).adding(months: 1) == LocalDate(year: 2027, month: 2, day: 28))
        #expect(LocalDate(year: 2026, month: 11, day: 15).adding(months: 2) == LocalDate(year: 2027, month: 1, day: 15))
    }

    /// Invalid ISO dates are rejected.
    @Test(arguments: ["2026-02-30", "2026-13-01", "26-1-1", "2026-1-01", "hola", ""])
    func invalidISO(text: String) {
        #expect(LocalDate(iso: text) == nil)
    }

    /// The offset follows Chile's clock: -03:00 in summer, -04:00 in winter, from tzdata.
    @Test func rfc3339OffsetsFollowTzdata() {
        let summer = LocalDateTime(date: LocalDate(year: 2026, month: 12, day: 3), time: LocalTime(hour: 15))
        let winter = LocalDateTime(date: LocalDate(year: 2026, month: 7, day: 1), time: LocalTime(hour: 15))
        #expect(summer.rfc3339(in: .santiago) == "2026-12-03T15:00:00-03:00")
        #expect(winter.rfc3339(in: .santiago) == "2026-07-01T15:00:00-04:00")
    }

    /// Midnight of 2026-09-06 does not exist in Santiago: it moves to the first valid minute.
    @Test func nonexistentLocalTimeMovesForward() {
        let gap = LocalDateTime(date: LocalDate(year: 2026, month: 9, day: 6), time: LocalTime(hour: 0, minute: 30))
        let instant = gap.instant(in: .santiago)
        #expect(LocalDateTime(instant, in: .santiago).time.hour == 1)
    }

    /// `--now` accepts local time (in the given zone) and explicit offsets.
    @Test func parseNow() throws {
        let local = try #require(CivilTime.Clock.parseNow("2026-11-25T10:00", timeZone: .santiago))
        let explicit = try #require(CivilTime.Clock.parseNow("2026-11-25T13:00:00Z", timeZone: .santiago))
        #expect(local == explicit)
        #expect(CivilTime.Clock.parseNow("mañana", timeZone: .santiago) == nil)
    }

    /// A fixed clock reports its day in its own zone, not the machine's.
    @Test func fixedClockUsesItsZone() throws {
        let instant = try #require(CivilTime.Clock.parseNow("2026-11-26T02:00:00Z", timeZone: .santiago))
        #expect(CivilTime.Clock.fixed(instant, timeZone: .santiago).today() == LocalDate(year: 2026, month: 11, day: 25))
        #expect(CivilTime.Clock.fixed(instant, timeZone: TimeZone(identifier: "UTC")!).today() == LocalDate(year: 2026, month: 11, day: 26))
    }

    /// A running clock remembers its zone's offset, but never across a transition: readings
    /// just before and after Chile's September change (−04 → −03) and April change (−03 → −04)
    /// follow tzdata, and so do the stamps records get.
    @Test(arguments: [
        ("2026-09-06T03:59:00Z", "2026-09-05T23:59", "2026-09-06T04:01:00Z", "2026-09-06T01:01", "-03:00"),
        ("2026-04-05T02:59:00Z", "2026-04-04T23:59", "2026-04-05T03:01:00Z", "2026-04-04T23:01", "-04:00"),
    ])
    func runningClockFollowsTransitions(before: String, localBefore: String, after: String, localAfter: String, offset: String) throws {
        let first = try #require(CivilTime.Clock.parseNow(before, timeZone: .santiago))
        let second = try #require(CivilTime.Clock.parseNow(after, timeZone: .santiago))
        let current = Mutex(first)
        let clock = CivilTime.Clock(timeZone: .santiago) { current.withLock { $0 } }
        #expect(clock.localNow().iso == localBefore)
        #expect(clock.localNow().iso == localBefore)   // remembered
        current.withLock { $0 = second }
        #expect(clock.localNow().iso == localAfter)
        #expect(clock.stamp() == localAfter + ":00" + offset)
        current.withLock { $0 = first }                 // a clock set back reads right too
        #expect(clock.localNow().iso == localBefore)
    }

    /// Adding minutes crosses midnight.
    @Test func addingMinutes() {
        let t = LocalDateTime(date: LocalDate(year: 2026, month: 12, day: 31), time: LocalTime(hour: 23, minute: 30))
        #expect(t.adding(minutes: 45).iso == "2027-01-01T00:15")
        #expect(t.adding(minutes: -24 * 60).iso == "2026-12-30T23:30")
    }
}
