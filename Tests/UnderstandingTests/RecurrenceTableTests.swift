import CivilTime
import Testing
@testable import Understanding

// Recurrences (second pass of Spanish dates and times).

let casesRecurrence: [TemporalCase] = [
    TemporalCase("cada dos jueves", "rrule FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"),
    TemporalCase("día por medio", "rrule FREQ=DAILY;INTERVAL=2"),
    TemporalCase("los días hábiles", "rrule FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
    TemporalCase("cada trimestre", "rrule FREQ=MONTHLY;INTERVAL=3"),
    TemporalCase("cada fin de semana", "rrule FREQ=WEEKLY;BYDAY=SA,SU"),
    TemporalCase("cada 1 de marzo", "rrule FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=1"),
    TemporalCase("todos los días a las 8", "rrule FREQ=DAILY @08:00"),
    TemporalCase("cada dos semanas los lunes y miércoles", "rrule FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE"),
    TemporalCase("el primer y tercer martes de cada mes", "rrule FREQ=MONTHLY;BYDAY=1TU,3TU"),
    TemporalCase("una vez al mes los miércoles", "rrule FREQ=MONTHLY;BYDAY=1WE"),
    TemporalCase("todos los lunes por 10 semanas", "rrule FREQ=WEEKLY;BYDAY=MO;COUNT=10"),
    TemporalCase("cada viernes hasta diciembre", "rrule FREQ=WEEKLY;BYDAY=FR;UNTIL=20261231"),
    TemporalCase("todos los martes a las 4 hasta el 15 de diciembre", "rrule FREQ=WEEKLY;BYDAY=TU;UNTIL=20261215 @16:00"),
    TemporalCase("cada semestre", "rrule FREQ=MONTHLY;INTERVAL=6"),
    TemporalCase("todos los 18 de septiembre", "rrule FREQ=YEARLY;BYMONTH=9;BYMONTHDAY=18"),
    TemporalCase("los jueves, 5 veces", "rrule FREQ=WEEKLY;BYDAY=TH;COUNT=5"),
    TemporalCase("cada tres días", "rrule FREQ=DAILY;INTERVAL=3"),
    TemporalCase("cada dos meses el primer lunes", "rrule FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO"),
    TemporalCase("el primer y tercer martes de cada mes a las 4", "rrule FREQ=MONTHLY;BYDAY=1TU,3TU @16:00"),
    TemporalCase("cada dos jueves a las 10", "rrule FREQ=WEEKLY;INTERVAL=2;BYDAY=TH @10:00"),
    TemporalCase("todos los días durante 2 semanas", "rrule FREQ=DAILY;COUNT=14"),
    TemporalCase("cada mes hasta fin de año", "rrule FREQ=MONTHLY;UNTIL=20261231"),
    TemporalCase("cada 25 de diciembre", "rrule FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25"),
    TemporalCase("cada bimestre", "rrule FREQ=MONTHLY;INTERVAL=2"),
    TemporalCase("los lunes y miércoles por 10 semanas", "rrule FREQ=WEEKLY;BYDAY=MO,WE;COUNT=20"),
    TemporalCase("todos los días excepto los domingos", "rrule FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA"),
    TemporalCase("cada mes el día 5", "rrule FREQ=MONTHLY;BYMONTHDAY=5"),
    TemporalCase("de lunes a viernes a las 8", "rrule FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR @08:00"),
    TemporalCase("cada lunes durante 3 meses", "rrule FREQ=WEEKLY;BYDAY=MO;UNTIL=20270224"),
    // Bounded by the months said, or by how many dates.
    TemporalCase("todos los lunes de marzo a las 11", "rrule FREQ=WEEKLY;BYDAY=MO;UNTIL=20270331 @11:00"),
    TemporalCase("cada lunes desde el 1 de marzo hasta el 22 de marzo a las 11", "rrule FREQ=WEEKLY;BYDAY=MO;UNTIL=20270322 @11:00"),
    TemporalCase("los lunes de marzo, son 4 sesiones", "rrule FREQ=WEEKLY;BYDAY=MO;COUNT=4"),
    TemporalCase("los martes de marzo a junio a las 16", "rrule FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630 @16:00"),
    TemporalCase("reunión mensual el primer jueves de cada mes a las 14:30", "rrule FREQ=MONTHLY;BYDAY=1TH @14:30"),
    // A monthly series takes a span of months as a range only.
    TemporalCase("el ultimo miercoles de cada mes a las 16:00, de marzo a noviembre", "rrule FREQ=MONTHLY;BYDAY=-1WE;UNTIL=20271130 @16:00"),
]

/// Where a series starts («desde el 9 de marzo», «a partir del…», «todos los lunes de marzo»),
/// read on Monday 2026-12-07: the day, kept apart from the RRULE (it is the series' DTSTART).
@Test(arguments: [
    ("cada dos semanas los martes a las 15:30 desde el 9 de marzo", "2027-03-09", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"),
    ("martes por medio a las 15:30 a partir del 9 de marzo de 2027", "2027-03-09", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"),
    ("todos los lunes de marzo a las 11", "2027-03-01", "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270331"),
    ("cada lunes desde el 1 de marzo hasta el 22 de marzo", "2027-03-01", "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270322"),
])
func recurrenceStart(_ c: (String, String, String)) {
    let ctx = TemporalContext(localNow: LocalDateTime(date: LocalDate(year: 2026, month: 12, day: 7), time: LocalTime(hour: 10)))
    guard case .recurrence(let r)? = TemporalParser.parse(c.0, context: ctx)?.value else { Issue.record("no series in «\(c.0)»"); return }
    #expect(r.start?.iso == c.1)
    #expect(r.rrule == c.2)
}

/// A start said apart from the series: «empezamos en marzo», «no, parte en marzo, el martes 9».
@Test func seriesStartSaidApart() {
    let ctx = TemporalContext(localNow: LocalDateTime(date: LocalDate(year: 2026, month: 12, day: 7), time: LocalTime(hour: 10)))
    #expect(SeriesStart.date(in: "en la escuela rayito de sol. empezamos en marzo", context: ctx)?.iso == "2027-03-01")
    #expect(SeriesStart.date(in: "no, parte en marzo, el martes 9 de marzo", context: ctx)?.iso == "2027-03-09")
    #expect(SeriesStart.date(in: "en la escuela rayito de sol", context: ctx) == nil)
    #expect(SeriesCount.count(in: "no, son 4 sesiones nomas") == 4)
    #expect(SeriesCount.count(in: "tres reuniones") == 3)
    #expect(SeriesCount.count(in: "2 horas") == nil)
}

/// Series with intervals, yearly days, one weekday a month, COUNT and UNTIL, read on Wednesday 2026-11-25 10:00.
@Test(arguments: casesRecurrence) func recurrence(_ c: TemporalCase) { check(c, now: "2026-11-25T10:00") }
