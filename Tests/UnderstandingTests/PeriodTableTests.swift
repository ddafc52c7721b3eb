import CivilTime
import Testing
@testable import Understanding

// Periods (second pass of Spanish dates and times).

let casesPeriod: [TemporalCase] = [
    TemporalCase("la primera quincena de marzo", "daterange 2027-03-01..2027-03-15"),
    TemporalCase("la segunda quincena", "daterange 2026-11-16..2026-11-30"),
    TemporalCase("la segunda quincena de febrero", "daterange 2027-02-16..2027-02-28"),
    TemporalCase("la primera quincena", "daterange 2026-12-01..2026-12-15"),
    TemporalCase("el primer semestre", "daterange 2027-01-01..2027-06-30"),
    TemporalCase("el segundo semestre de 2027", "daterange 2027-07-01..2027-12-31"),
    TemporalCase("el primer semestre de 2027", "daterange 2027-01-01..2027-06-30"),
    TemporalCase("el segundo semestre", "daterange 2026-07-01..2026-12-31"),
    TemporalCase("la primera mitad del año", "daterange 2027-01-01..2027-06-30"),
    TemporalCase("el primer trimestre", "daterange 2027-01-01..2027-03-31"),
    TemporalCase("el cuarto trimestre", "daterange 2026-10-01..2026-12-31"),
    TemporalCase("el resto de la semana", "daterange 2026-11-25..2026-11-29"),
    TemporalCase("el resto del mes", "daterange 2026-11-25..2026-11-30"),
    TemporalCase("el resto del año", "daterange 2026-11-25..2026-12-31"),
    TemporalCase("el resto del día", "datetimerange 2026-11-25T10:00..2026-11-25T23:59"),
    TemporalCase("lo que queda de la semana", "daterange 2026-11-25..2026-11-29"),
    TemporalCase("la semana del 16", "daterange 2026-12-14..2026-12-20"),
    TemporalCase("el mes pasado", "daterange 2026-10-01..2026-10-31"),
    TemporalCase("el año anterior", "daterange 2025-01-01..2025-12-31"),
    TemporalCase("la semana después de la próxima", "daterange 2026-12-07..2026-12-13"),
    TemporalCase("la semana anterior", "daterange 2026-11-16..2026-11-22"),
    TemporalCase("la segunda quincena de diciembre", "daterange 2026-12-16..2026-12-31"),
    TemporalCase("la primera quincena del próximo mes", "daterange 2026-12-01..2026-12-15"),
    TemporalCase("la semana del 16 de marzo", "daterange 2027-03-15..2027-03-21"),
    TemporalCase("el segundo semestre del próximo año", "daterange 2027-07-01..2027-12-31"),
    TemporalCase("la segunda mitad del año", "daterange 2026-07-01..2026-12-31"),
    TemporalCase("el último trimestre", "daterange 2026-10-01..2026-12-31"),
    TemporalCase("lo que queda del mes", "daterange 2026-11-25..2026-11-30"),
    TemporalCase("el mes anterior", "daterange 2026-10-01..2026-10-31"),
    TemporalCase("el año pasado", "daterange 2025-01-01..2025-12-31"),
    TemporalCase("el resto de noviembre", "daterange 2026-11-25..2026-11-30"),
    TemporalCase("la semana antepasada", "daterange 2026-11-09..2026-11-15"),
]

/// Parts of months and years, what is left of one, and the week of a day, read on Wednesday 2026-11-25 10:00.
@Test(arguments: casesPeriod) func period(_ c: TemporalCase) { check(c, now: "2026-11-25T10:00") }
