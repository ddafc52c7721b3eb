import CivilTime
import Testing
@testable import Understanding

// Past and present anchors (second pass of Spanish dates and times).

let casesPastAnchor: [TemporalCase] = [
    TemporalCase("el lunes de esta semana", "date 2026-11-23"),
    TemporalCase("este martes pasado", "date 2026-11-24"),
    TemporalCase("el miércoles recién pasado", "date 2026-11-18"),
    TemporalCase("volví anoche", "datetimerange 2026-11-24T19:00..2026-11-24T22:00"),
    TemporalCase("ayer en la tarde", "datetimerange 2026-11-24T14:00..2026-11-24T18:00"),
    TemporalCase("volví el lunes", "date 2026-11-23"),
    TemporalCase("llegué el viernes", "date 2026-11-20"),
    TemporalCase("fui el 15", "date 2026-11-15"),
    TemporalCase("el lunes", "date 2026-11-30"),
    TemporalCase("nos juntamos el lunes", "date 2026-11-30"),
    TemporalCase("me dijo que nos juntamos el lunes", "date 2026-11-30"),
    TemporalCase("el martes pasado", "date 2026-11-24"),
    TemporalCase("el jueves anterior", "date 2026-11-19"),
    TemporalCase("volveré el lunes", "date 2026-11-30"),
    TemporalCase("la reunión fue el martes", "date 2026-11-24"),
    TemporalCase("el viernes llegó la carta", "date 2026-11-20"),
    TemporalCase("terminamos en marzo", "daterange 2027-03-01..2027-03-31"),
    TemporalCase("fue en marzo", "daterange 2026-03-01..2026-03-31"),
    TemporalCase("con José el lunes", "date 2026-11-30"),
    TemporalCase("la reunión del comité el lunes", "date 2026-11-30"),
    TemporalCase("se realizó el 3 de octubre", "date 2026-10-03"),
    TemporalCase("el domingo pasado", "date 2026-11-22"),
    TemporalCase("el lunes antepasado", "date 2026-11-16"),
]

/// Past when the sentence says so, future otherwise, read on Wednesday 2026-11-25 10:00.
@Test(arguments: casesPastAnchor) func pastAnchor(_ c: TemporalCase) { check(c, now: "2026-11-25T10:00") }

let casesPastAnchorMonday: [TemporalCase] = [
    TemporalCase("el lunes de esta semana", "date 2026-11-30"),
    TemporalCase("este lunes pasado", "date 2026-11-23"),
    TemporalCase("el miércoles de esta semana", "date 2026-12-02"),
    TemporalCase("volví el domingo", "date 2026-11-29"),
    TemporalCase("el domingo", "date 2026-12-06"),
]

/// Anchors read on Monday 2026-11-30 10:00.
@Test(arguments: casesPastAnchorMonday) func pastAnchorMonday(_ c: TemporalCase) { check(c, now: "2026-11-30T10:00") }
