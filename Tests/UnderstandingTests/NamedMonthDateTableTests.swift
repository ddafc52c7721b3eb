import CivilTime
import Testing
@testable import Understanding

// Month names inside numeric dates and two-digit years (second pass of Spanish dates and times).

let casesNamedMonthDate: [TemporalCase] = [
    TemporalCase("3-mar", "date 2027-03-03"),
    TemporalCase("15-sept-2027", "date 2027-09-15"),
    TemporalCase("2027/oct/02", "date 2027-10-02"),
    TemporalCase("01/dic/2026", "date 2026-12-01"),
    TemporalCase("el 5.º de marzo", "date 2027-03-05"),
    TemporalCase("nací el 4/7/81", "date 1981-07-04"),
    TemporalCase("vence el 4/7/27", "date 2027-07-04"),
    TemporalCase("15-dic", "date 2026-12-15"),
    TemporalCase("2/ene/27", "date 2027-01-02"),
    TemporalCase("el 1.º de diciembre", "date 2026-12-01"),
    TemporalCase("24-12-26", "date 2026-12-24"),
    TemporalCase("fue el 3/2/99", "date 1999-02-03"),
    TemporalCase("20/jun", "date 2027-06-20"),
    TemporalCase("30-nov-2026", "date 2026-11-30"),
    TemporalCase("7/may/2027", "date 2027-05-07"),
    TemporalCase("mi hijo nació el 12/10/15", "date 2015-10-12"),
    TemporalCase("2027-mar-15", "date 2027-03-15"),
    TemporalCase("el 4 de julio del 81", "date 1981-07-04"),
    TemporalCase("nací el 4 de julio del 81", "date 1981-07-04"),
    TemporalCase("el 3/4/30", "date 2030-04-03"),
]

/// Month names inside numeric dates and two-digit years by tense, read on Wednesday 2026-11-25 10:00.
@Test(arguments: casesNamedMonthDate) func namedMonthDate(_ c: TemporalCase) { check(c, now: "2026-11-25T10:00") }
