import CivilTime
import Testing
@testable import Understanding

// Minutes and hours in words and compact forms (second pass of Spanish dates and times).

let casesClockWords: [TemporalCase] = [
    TemporalCase("a las ocho cuarenta", "time 08:40"),
    TemporalCase("a las siete y treinta y cinco pm", "time 19:35"),
    TemporalCase("diez para las nueve", "time 08:50"),
    TemporalCase("las nueve menos diez", "time 08:50"),
    TemporalCase("veinte pasadas las seis", "time 18:20"),
    TemporalCase("1015 hrs", "time 10:15"),
    TemporalCase("930am", "time 09:30"),
    TemporalCase("a las 9 h 15", "time 09:15"),
    TemporalCase("a las 21.30 h", "time 21:30"),
    TemporalCase("a las nueve quince", "time 09:15"),
    TemporalCase("a las cuatro cuarenta y cinco", "time 16:45"),
    TemporalCase("a las diez treinta de la noche", "time 22:30"),
    TemporalCase("1730 hrs", "time 17:30"),
    TemporalCase("a las 0830", "time 08:30"),
    TemporalCase("845 am", "time 08:45"),
    TemporalCase("7:05 pm", "time 19:05"),
    TemporalCase("cinco para las ocho de la noche", "time 19:55"),
    TemporalCase("un cuarto pasadas las tres", "time 15:15"),
    TemporalCase("las doce menos cuarto", "time 11:45"),
    TemporalCase("a las 2030", "time 20:30"),
    TemporalCase("a las 9 hrs 15 min", "time 09:15"),
    TemporalCase("a las veinte horas", "time 20:00"),
    TemporalCase("a las trece treinta", "time 13:30"),
    TemporalCase("a las 11h", "time 11:00"),
    TemporalCase("las 1500 lucas", "nil"),
]

/// Hours and minutes said in words or written together, read on Wednesday 2026-11-25 10:00.
@Test(arguments: casesClockWords) func clockWords(_ c: TemporalCase) { check(c, now: "2026-11-25T10:00") }
