import CivilTime
import Testing
@testable import Understanding

// A specific day in a loose period (second pass of Spanish dates and times).

let casesLooseDay: [TemporalCase] = [
    TemporalCase("el día nueve", "date 2026-12-09"),
    TemporalCase("el 21 del 3", "date 2027-03-21"),
    TemporalCase("el próximo 12/05", "date 2027-05-12"),
    TemporalCase("el próximo 25", "date 2026-12-25"),
    TemporalCase("el próximo 25 de noviembre", "date 2027-11-25"),
    TemporalCase("el día 30", "date 2026-11-30"),
    TemporalCase("el 9", "date 2026-12-09"),
    TemporalCase("el próximo 30", "date 2026-11-30"),
    TemporalCase("el 5 del 12", "date 2026-12-05"),
    TemporalCase("el día quince", "date 2026-12-15"),
    TemporalCase("el próximo 20/11", "date 2027-11-20"),
    TemporalCase("el 20/11", "date 2026-11-20"),
    TemporalCase("el 3 del próximo mes", "date 2026-12-03"),
    TemporalCase("el primero", "date 2026-12-01"),
    TemporalCase("el día primero de enero", "date 2027-01-01"),
    TemporalCase("el 2 del 1 del 2027", "date 2027-01-02"),
]

/// A day of the month said loosely, read on Wednesday 2026-11-25 10:00.
@Test(arguments: casesLooseDay) func looseDay(_ c: TemporalCase) { check(c, now: "2026-11-25T10:00") }
