import CivilTime
import Testing
@testable import Understanding

/// A span and then a day inside it: the day, in the span's month («la primera semana de marzo,
/// pongamos el viernes 5» is 5 March, not the next Friday the 5th).
@Suite struct NarrowedSpanTests {
    @Test(arguments: [("la primera semana de marzo, pongamos el viernes 5", "date 2027-03-05"),
                      ("en marzo, el 3 a las 10", "datetime 2027-03-03T10:00"),
                      ("entre el 10 y el 20 de diciembre, el 15", "date 2026-12-15"),
                      // Only the span: the span.
                      ("la primera semana de marzo", "daterange 2027-03-01..2027-03-07"),
                      // A day refused, or a day outside the span, narrows nothing.
                      ("en diciembre, pero el 15 no", "daterange 2026-12-01..2026-12-31"),
                      ("la primera semana de marzo, o el 20", "daterange 2027-03-01..2027-03-07"),
                      // A date before the span is not a narrowing of it.
                      ("fin de año, marzo 2027", "date 2026-12-31")])
    func narrowed(_ c: (String, String)) {
        let ctx = TemporalContext(localNow: LocalDateTime(iso: "2026-12-07T10:00")!, timeZone: .santiago)
        #expect(render(TemporalParser.parse(c.0, context: ctx)) == c.1)
    }

    /// A person whose name is a month, or one typo from one («Mario», «Julio», «Abril»), is not a
    /// span the day is moved into: the day said is the day (qa21: «el Mario la manda el viernes»
    /// was read as Saturday 27 March 2027).
    @Test(arguments: [("para cuando el Mario vuelva de la capacitacion, el lunes 14", "date 2026-12-14"),
                      ("el Mario la manda el viernes", "date 2026-12-11"),
                      ("Mario entrega el 10 de diciembre", "date 2026-12-10"),
                      ("el Mario entrega el 10/12", "date 2026-12-10"),
                      ("el Julio manda el 10", "date 2026-12-10"),
                      ("Julio manda el informe el 10 de diciembre", "date 2026-12-10"),
                      ("la Abril Soto entrega el 15 de diciembre", "date 2026-12-15"),
                      // A day with its own month is not moved into another span.
                      ("en marzo, el 10 de abril", "date 2027-04-10"),
                      // A month said as one still narrows, and still reads alone.
                      ("en abril, el viernes 9", "date 2027-04-09"),
                      ("julio", "daterange 2027-07-01..2027-07-31"),
                      ("marso", "daterange 2027-03-01..2027-03-31")])
    func namesAreNotMonths(_ c: (String, String)) {
        let ctx = TemporalContext(localNow: LocalDateTime(iso: "2026-12-07T10:00")!, timeZone: .santiago)
        #expect(render(TemporalParser.parse(c.0, context: ctx)) == c.1)
    }
}
