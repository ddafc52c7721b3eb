import CivilTime
import Testing
@testable import Understanding

// Summer breaks by region and year, the end of the year as a date, and school grades that are
// not dates.

/// Parses `text` at `now` for a network in `region`.
private func parse(_ text: String, now: String, region: String? = nil) -> String {
    let ctx = TemporalContext(localNow: LocalDateTime(iso: now)!, timeZone: .santiago, region: region)
    return render(TemporalParser.parse(text, context: ctx))
}

@Suite struct SchoolCalendarTests {
    /// Published 2025 ends and 2026 return: the far south ends a week later.
    @Test(arguments: [("Metropolitana", "2025-12-20", "2026-03-03"), ("Los Ríos", "2025-12-20", "2026-03-03"),
                      ("Magallanes", "2025-12-27", "2026-03-03"), ("aysen", "2025-12-27", "2026-03-03"),
                      ("Arica y Parinacota", "2025-12-20", "2026-03-03")])
    func summer2025(_ c: (String, String, String)) {
        let b = ChileanCalendar.summerBreak(startingIn: 2025, region: c.0)
        #expect(b.range.lowerBound.iso == c.1)
        #expect(b.range.upperBound.iso == c.2)
        #expect(!b.estimated)
    }

    /// 2026 ends are published for most regions (4 and 18 December), estimated for Aysén and
    /// Magallanes (a week later, before Christmas); 2027's return is estimated everywhere.
    @Test func summer2026() {
        let rm = ChileanCalendar.summerBreak(startingIn: 2026, region: "RM")
        #expect(rm.classesEnd.lowerBound.iso == "2026-12-04" && rm.classesEnd.upperBound.iso == "2026-12-18")
        #expect(rm.range.lowerBound.iso == "2026-12-19" && rm.range.upperBound.iso == "2027-03-02")
        #expect(!rm.endEstimated && rm.returnEstimated)
        #expect(rm.studentsReturn.iso == "2027-03-03")
        let south = ChileanCalendar.summerBreak(startingIn: 2026, region: "Región de Magallanes y de la Antártica Chilena")
        #expect(south.classesEnd.lowerBound.iso == "2026-12-11" && south.classesEnd.upperBound.iso == "2026-12-24")
        #expect(south.range.lowerBound.iso == "2026-12-25")
        #expect(south.endEstimated && south.returnEstimated)
    }

    /// Without a region, or with an unknown one, the dates most of the country shares.
    @Test func nationalDefault() {
        #expect(ChileanCalendar.summerBreak(startingIn: 2026, region: nil) == ChileanCalendar.summerBreak(startingIn: 2026, region: "Biobío"))
        #expect(ChileanCalendar.summerBreak(startingIn: 2026, region: "Mendoza") == ChileanCalendar.summerBreak(startingIn: 2026, region: nil))
    }

    /// The fallback rule reproduces the published years it was drawn from.
    @Test func fallbackMatchesPublished() {
        #expect(ChileanCalendar.studentsReturn(year: 2027, region: nil).date.iso == "2027-03-03")
        let end2027 = ChileanCalendar.classesEnd(year: 2027, region: "Maule")
        #expect(end2027.range.lowerBound.iso == "2027-12-03" && end2027.range.upperBound.iso == "2027-12-17" && end2027.estimated)
        // 2026's published Wednesday 4 March is the rule's first Wednesday from the 3rd.
        var x = LocalDate(year: 2026, month: 3, day: 3)
        while x.weekday != 3 { x = x.adding(days: 1) }
        #expect(x == ChileanCalendar.studentsReturn(year: 2026, region: nil).date)
    }

    /// In January the break under way is last December's.
    @Test func currentBreakInJanuary() {
        let b = ChileanCalendar.currentOrNextSummerBreak(today: LocalDate(year: 2027, month: 1, day: 10), region: "Los Ríos")
        #expect(b.range.lowerBound.iso == "2026-12-19")
        #expect(parse("en el verano", now: "2027-01-10T10:00") == "daterange 2026-12-19..2027-03-02")
    }

    /// «las vacaciones de verano», «pal verano» follow the network's region.
    @Test(arguments: [("las vacaciones de verano", nil as String?, "daterange 2026-12-19..2027-03-02"),
                      ("pal verano", nil, "daterange 2026-12-19..2027-03-02"),
                      ("pal verano", "Magallanes", "daterange 2026-12-25..2027-03-02"),
                      ("las vacas de verano", "Aysén", "daterange 2026-12-25..2027-03-02"),
                      ("vacaciones de verano de 2025", "Magallanes", "daterange 2025-12-27..2026-03-03"),
                      ("antes de las vacaciones de verano", nil, "date 2026-12-18"),
                      ("antes de las vacaciones de verano", "Magallanes", "date 2026-12-24"),
                      ("antes del verano", "Aysén", "date 2026-12-24"),
                      ("después del verano", "Los Ríos", "date 2027-03-03"),
                      ("la escuela de verano", nil, "nil")])
    func summerPhrase(_ c: (String, String?, String)) {
        #expect(parse(c.0, now: "2026-12-05T10:00", region: c.1) == c.2)
    }

    /// The end of the year is 31 December; a year said again right after it wins.
    @Test(arguments: [("a fin de año", "date 2026-12-31"), ("fin de año", "date 2026-12-31"),
                      ("pal fin de año", "date 2026-12-31"), ("a finales de año", "date 2026-12-31"),
                      ("diciembre 2027", "daterange 2027-12-01..2027-12-31"),
                      ("a fin de año, diciembre 2027", "date 2027-12-31"),
                      ("a fin de año 2027", "date 2027-12-31"), ("fin de año (dic. 2027)", "date 2027-12-31"),
                      ("para fin de año, en diciembre de 2027", "date 2027-12-31"), ("a fines del 2027", "date 2027-12-31"),
                      ("a fin de año pero diciembre 2027", "date 2027-12-31"), ("a fin de año, o sea en dic. del 2027", "date 2027-12-31"),
                      ("a principios de año 2027", "daterange 2027-01-01..2027-03-31"),
                      // Another month is not a restatement of the year's end.
                      ("fin de año, marzo 2027", "date 2026-12-31")])
    func endOfYear(_ c: (String, String)) {
        #expect(parse(c.0, now: "2026-12-05T10:00") == c.1)
    }

    /// Ordinals that name school grades are never days; «el 1ro» and «el 2° de marzo» still are.
    @Test(arguments: [("pal 7mo y 8vo", "nil"), ("pal 7mo", "nil"), ("7mo básico", "nil"), ("2do medio", "nil"),
                      ("con los 7mo y 8vo basico", "nil"), ("pal 1ro medio", "nil"), ("primero medio", "nil"),
                      ("el nivel de 1ro", "nil"), ("8vo año básico", "nil"), ("los 1ro y 2do medio", "nil"),
                      ("el 1ro", "date 2027-01-01"), ("el 2° de marzo", "date 2027-03-02"), ("el 3ro de mayo", "date 2027-05-03"),
                      ("para 4to medio el 15 de diciembre", "date 2026-12-15"),
                      ("el 2do martes de enero", "date 2027-01-12")])
    func grades(_ c: (String, String)) {
        #expect(parse(c.0, now: "2026-12-05T10:00") == c.1)
    }
}
