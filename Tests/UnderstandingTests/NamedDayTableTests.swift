import CivilTime
import Testing
@testable import Understanding

// Named days (second pass of Spanish dates and times).

let casesNamedDay: [TemporalCase] = [
    TemporalCase("año nuevo", "date 2027-01-01"),
    TemporalCase("semana santa", "daterange 2027-03-22..2027-03-28"),
    TemporalCase("el día del trabajo", "date 2027-05-01"),
    TemporalCase("el 21 de mayo", "date 2027-05-21"),
    TemporalCase("san pedro y san pablo", "date 2027-06-28"),
    TemporalCase("fiestas patrias", "daterange 2027-09-18..2027-09-19"),
    TemporalCase("el día del profesor", "date 2027-10-16"),
    TemporalCase("navidad", "date 2026-12-25"),
    TemporalCase("nochebuena", "date 2026-12-24"),
    TemporalCase("nochevieja", "date 2026-12-31"),
    TemporalCase("el día de la madre", "date 2027-05-09"),
    TemporalCase("el día del padre", "date 2027-06-20"),
    TemporalCase("el día del niño", "date 2027-08-08"),
    TemporalCase("antes de las vacaciones de invierno", "nil"),
    TemporalCase("la semana después de fiestas patrias", "daterange 2027-09-20..2027-09-26"),
    TemporalCase("vacaciones de verano", "daterange 2026-12-19..2027-03-02"),
    TemporalCase("el viernes santo", "date 2027-03-26"),
    TemporalCase("la virgen del carmen", "date 2027-07-16"),
    TemporalCase("todos los santos", "date 2026-11-01"),   // just gone: this year's, as "el 1/11" is
    TemporalCase("el día de todos los santos", "date 2026-11-01"),
    TemporalCase("la inmaculada concepción", "date 2026-12-08"),
    TemporalCase("glorias navales", "date 2027-05-21"),
    TemporalCase("navidad de 2027", "date 2027-12-25"),
    TemporalCase("para la pascua", "date 2026-12-25"),
    TemporalCase("el encuentro de dos mundos", "date 2027-10-11"),
    TemporalCase("la semana de navidad", "daterange 2026-12-21..2026-12-27"),
    TemporalCase("antes de navidad", "date 2026-12-24"),
    TemporalCase("después de año nuevo", "date 2027-01-04"),
    TemporalCase("noche buena", "date 2026-12-24"),
    TemporalCase("el día de las madres", "date 2027-05-09"),
    TemporalCase("la víspera de navidad", "date 2026-12-24"),
    TemporalCase("el jueves santo", "date 2027-03-25"),
    TemporalCase("el día del profe", "date 2027-10-16"),
]

/// Chile's civil and school calendar and movable days, read on Wednesday 2026-11-25 10:00.
@Test(arguments: casesNamedDay) func namedDay(_ c: TemporalCase) { check(c, now: "2026-11-25T10:00") }

let casesNamedDayMay: [TemporalCase] = [
    TemporalCase("antes de las vacaciones de invierno", "date 2026-06-19"),
    TemporalCase("después de las vacaciones de invierno", "date 2026-07-06"),
    TemporalCase("el día de la madre", "date 2026-05-10"),
    TemporalCase("el día del padre", "date 2026-06-21"),
    TemporalCase("el día del niño", "date 2026-08-09"),
    TemporalCase("san pedro y san pablo", "date 2026-06-29"),
    TemporalCase("semana santa", "daterange 2027-03-22..2027-03-28"),
    TemporalCase("el día del trabajo", "date 2026-05-01"),
    TemporalCase("fiestas patrias", "daterange 2026-09-18..2026-09-19"),
    TemporalCase("la semana después de fiestas patrias", "daterange 2026-09-21..2026-09-27"),
    TemporalCase("el encuentro de dos mundos", "date 2026-10-12"),
]

/// Named days read on Friday 2026-05-01 10:00, before most of them.
@Test(arguments: casesNamedDayMay) func namedDayMay(_ c: TemporalCase) { check(c, now: "2026-05-01T10:00") }

/// The winter break and the days around it follow the network's region.
@Test(arguments: [("Los Lagos", "las vacaciones de invierno", "daterange 2026-07-06..2026-07-17"),
                  ("Los Lagos", "antes de las vacaciones de invierno", "date 2026-07-03"),
                  ("Tarapacá", "las vacaciones de invierno", "daterange 2026-07-13..2026-07-24"),
                  ("Magallanes", "después de las vacaciones de invierno", "date 2026-07-20")])
func namedDayRegion(_ c: (String, String, String)) {
    let ctx = TemporalContext(localNow: LocalDateTime(iso: "2026-05-01T10:00")!, timeZone: .santiago, region: c.0)
    #expect(render(TemporalParser.parse(c.1, context: ctx)) == c.2, "\(c.0): \(c.1)")
}
