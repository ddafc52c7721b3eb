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
]

/// Series with intervals, yearly days, one weekday a month, COUNT and UNTIL, read on Wednesday 2026-11-25 10:00.
@Test(arguments: casesRecurrence) func recurrence(_ c: TemporalCase) { check(c, now: "2026-11-25T10:00") }
