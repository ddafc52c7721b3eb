import CivilTime
import Testing
@testable import Understanding

// Ranges between two anchors (second pass of Spanish dates and times).

let casesAnchorRange: [TemporalCase] = [
    TemporalCase("del 28 de diciembre al 4 de enero", "daterange 2026-12-28..2027-01-04"),
    TemporalCase("entre el 3 y el 9 de este mes", "daterange 2026-11-03..2026-11-09"),
    TemporalCase("desde ahora hasta el viernes", "daterange 2026-11-25..2026-11-27"),
    TemporalCase("de hoy al 15", "daterange 2026-11-25..2026-12-15"),
    TemporalCase("de 22:00 a 2:00", "timerange 22:00..02:00"),
    TemporalCase("de 8 a 2", "timerange 08:00..14:00"),
    TemporalCase("desde las 4 pm de hoy hasta las 10 de mañana", "datetimerange 2026-11-25T16:00..2026-11-26T10:00"),
    TemporalCase("del lunes 30 de noviembre al viernes 4", "daterange 2026-11-30..2026-12-04"),
    TemporalCase("de mañana al domingo", "daterange 2026-11-26..2026-11-29"),
    TemporalCase("desde el viernes a las 18:00 hasta el domingo a las 20:00", "datetimerange 2026-11-27T18:00..2026-11-29T20:00"),
    TemporalCase("el viernes de 22 a 2", "datetimerange 2026-11-27T22:00..2026-11-28T02:00"),
    TemporalCase("del 20 de diciembre al 10 de enero", "daterange 2026-12-20..2027-01-10"),
    TemporalCase("entre el 5 y el 8 de enero", "daterange 2027-01-05..2027-01-08"),
    TemporalCase("de 9 a 13 hrs", "timerange 09:00..13:00"),
    TemporalCase("desde hoy hasta fin de mes", "daterange 2026-11-25..2026-11-30"),
    TemporalCase("desde el lunes hasta el miércoles", "daterange 2026-11-30..2026-12-02"),
    TemporalCase("de 11 pm a 1 am", "timerange 23:00..01:00"),
    TemporalCase("del 30/12 al 2/1", "daterange 2026-12-30..2027-01-02"),
    TemporalCase("del lunes a las 10 al martes a las 12", "datetimerange 2026-11-30T10:00..2026-12-01T12:00"),
    TemporalCase("hoy de 8 a 2", "datetimerange 2026-11-25T08:00..2026-11-25T14:00"),
    TemporalCase("de 10 de la noche a 2 de la madrugada", "timerange 22:00..02:00"),
]

/// Ranges between two days, times or moments, across midnight and New Year, read on Wednesday 2026-11-25 10:00.
@Test(arguments: casesAnchorRange) func anchorRange(_ c: TemporalCase) { check(c, now: "2026-11-25T10:00") }

let casesAnchorRangeNewYear: [TemporalCase] = [
    TemporalCase("del 28 de diciembre al 4 de enero", "daterange 2026-12-28..2027-01-04"),
    TemporalCase("de hoy al 5", "daterange 2026-12-30..2027-01-05"),
    TemporalCase("desde las 22 de hoy hasta las 2 de mañana", "datetimerange 2026-12-30T22:00..2026-12-31T02:00"),
    TemporalCase("el 31 de 22:00 a 2:00", "datetimerange 2026-12-31T22:00..2027-01-01T02:00"),
    TemporalCase("entre el 29 de diciembre y el 2 de enero", "daterange 2026-12-29..2027-01-02"),
    TemporalCase("desde el 31 hasta el 3", "daterange 2026-12-31..2027-01-03"),
]

/// Ranges whose ends fall on both sides of New Year, read on Wednesday 2026-12-30 10:00.
@Test(arguments: casesAnchorRangeNewYear) func anchorRangeNewYear(_ c: TemporalCase) { check(c, now: "2026-12-30T10:00") }
