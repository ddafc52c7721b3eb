import CivilTime
import Testing
@testable import Understanding

// A part of the day that fixes the hour (second pass of Spanish dates and times).

let casesDayPartHour: [TemporalCase] = [
    TemporalCase("a las 8 esta noche", "datetime 2026-11-25T20:00"),
    TemporalCase("a las 6 esta mañana", "datetime 2026-11-25T06:00"),
    TemporalCase("anoche a las 11", "datetime 2026-11-24T23:00"),
    TemporalCase("mañana en la mañana a las 7", "datetime 2026-11-26T07:00"),
    TemporalCase("4 de la madrugada", "time 04:00"),
    TemporalCase("a las 3 del mediodía", "time 15:00"),
    TemporalCase("a las 4", "time 16:00"),
    TemporalCase("esta noche a las 9", "datetime 2026-11-25T21:00"),
    TemporalCase("el jueves a las 8 de la noche", "datetime 2026-11-26T20:00"),
    TemporalCase("a las 7 de la mañana", "time 07:00"),
    TemporalCase("mañana a las 5 de la madrugada", "datetime 2026-11-26T05:00"),
    TemporalCase("a las 10 de la noche del viernes", "datetime 2026-11-27T22:00"),
    TemporalCase("hoy en la noche a las 8", "datetime 2026-11-25T20:00"),
    TemporalCase("a las 9 mañana en la noche", "datetime 2026-11-26T21:00"),
    TemporalCase("el sábado a las 6 de la tarde", "datetime 2026-11-28T18:00"),
    TemporalCase("a las 8 de esta noche", "datetime 2026-11-25T20:00"),
    TemporalCase("a las 5 esta madrugada", "datetime 2026-11-25T05:00"),
    TemporalCase("el martes en la mañana a las 11", "datetime 2026-12-01T11:00"),
    TemporalCase("a las 12 del mediodía", "time 12:00"),
    TemporalCase("anoche", "datetimerange 2026-11-24T19:00..2026-11-24T22:00"),
    TemporalCase("a las 7 el viernes en la mañana", "datetime 2026-11-27T07:00"),
    TemporalCase("ayer a las 9 de la noche", "datetime 2026-11-24T21:00"),
]

/// A part of the day that fixes a guessed hour, read on Wednesday 2026-11-25 10:00.
@Test(arguments: casesDayPartHour) func dayPartHour(_ c: TemporalCase) { check(c, now: "2026-11-25T10:00") }
