import CivilTime
import Testing
@testable import Understanding

// Relative expressions (second pass of Spanish dates and times).

let casesRelative: [TemporalCase] = [
    TemporalCase("ahora", "datetime 2026-11-25T10:00"),
    TemporalCase("ahora mismo", "datetime 2026-11-25T10:00"),
    TemporalCase("en este momento", "datetime 2026-11-25T10:00"),
    TemporalCase("hace veinte minutos", "datetime 2026-11-25T09:40"),
    TemporalCase("dentro de media hora", "datetime 2026-11-25T10:30"),
    TemporalCase("en 10 minutos más", "datetime 2026-11-25T10:10"),
    TemporalCase("tres días a partir de hoy", "date 2026-11-28"),
    TemporalCase("el día siguiente a mañana", "date 2026-11-27"),
    TemporalCase("el día subsiguiente", "date 2026-11-27"),
    TemporalCase("el lunes subsiguiente", "date 2026-12-07"),
    TemporalCase("la semana subsiguiente", "daterange 2026-12-07..2026-12-13"),
    TemporalCase("el mes subsiguiente", "daterange 2027-01-01..2027-01-31"),
    TemporalCase("hace dos horas", "datetime 2026-11-25T08:00"),
    TemporalCase("al día siguiente", "date 2026-11-26"),
    TemporalCase("el día después de mañana", "date 2026-11-27"),
    TemporalCase("dos semanas a partir del lunes", "date 2026-12-14"),
    TemporalCase("en una hora más", "datetime 2026-11-25T11:00"),
    TemporalCase("hace un cuarto de hora", "datetime 2026-11-25T09:45"),
    TemporalCase("el día anterior al viernes", "date 2026-11-26"),
    TemporalCase("una semana a partir de mañana", "date 2026-12-03"),
    TemporalCase("el año subsiguiente", "daterange 2028-01-01..2028-12-31"),
    TemporalCase("hace 3 días", "date 2026-11-22"),
]

/// Instants and days counted from now or from another day, read on Wednesday 2026-11-25 10:00.
@Test(arguments: casesRelative) func relative(_ c: TemporalCase) { check(c, now: "2026-11-25T10:00") }
