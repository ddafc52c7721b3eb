import CivilTime
import Testing
@testable import Understanding

/// `WhenCues` lets readers skip the date reader, so it must never say «no» of a text the reader
/// reads: checked on every text of the table tests and a few of its own, at several dates.
@Suite struct WhenCuesTests {
    static let texts: [String] = (casesW + casesF + casesS + casesY + casesClockWords + casesDayPartHour + casesLooseDay
        + casesAnchorRange + casesAnchorRangeNewYear + casesNamedDay + casesNamedDayMay + casesPastAnchor
        + casesPastAnchorMonday + casesPeriod + casesNamedMonthDate + casesRelative + casesRecurrence).map(\.text)
        + ["pa marzo", "a fines de marso", "en marzo po", "el próximo mes", "el mes que viene", "este mes", "3/2027",
           "marzo 2027", "pal 8 de enero", "la otra semana", "mañana a las 3", "a las 10 a.m.", "a las 4 p. m.",
           "la Ana trae los libros pa marzo", "durante el mes", "todo diciembre", "en diciembre ya", "dic",
           "el quince", "el primero de abril", "en un mes", "en tres semanas"]

    @Test func neverHidesAReading() {
        for now in ["2026-11-25T10:00", "2026-05-04T09:00", "2026-12-28T10:00"] {
            let ctx = TemporalContext(localNow: LocalDateTime(iso: now)!, timeZone: .santiago)
            for text in Self.texts {
                guard let m = TemporalParser.parse(text, context: ctx) else { continue }
                #expect(WhenCues.maySayWhen(text), "\(text) is read as \(render(m))")
                if case .dateRange(let a, let b) = m.value, a.day == 1, a.month == b.month, a.year == b.year,
                   b.day == LocalDate.daysIn(month: b.month, year: b.year) {
                    #expect(WhenCues.mayNameMonth(text), "\(text) is read as a month")
                }
            }
        }
    }

    @Test func rulesOutPlainAnswers() {
        #expect(!WhenCues.mayNameMonth("registrar un acuerdo"))
        #expect(WhenCues.mayNameMonth("el 15"))
        #expect(WhenCues.mayNameMonth("pa fines de marso"))
        #expect(!WhenCues.maySayWhen("compartir la planificación de lectura"))
        #expect(WhenCues.maySayWhen("revisar el PME con el equipo el viernes"))
        #expect(WhenCues.maySayWhen("dos"))
    }

    @Test func daysAreNotNames() {
        #expect(WhenCues.saysDay("el 15 de diciembre"))
        #expect(WhenCues.saysDay("el próximo viernes"))
        #expect(WhenCues.saysDay("pal viernez"))
        #expect(!WhenCues.saysDay("Luis Soto"))
        #expect(!WhenCues.saysDay("Abril Soto"))
        #expect(!WhenCues.saysDay("Julio Pérez"))
        #expect(!WhenCues.saysDay("Domingo"))
    }
}
