@testable import DialogEngine
import Testing

/// How a change at the shared review of several records names its record: the number read, the
/// naming words taken out of what is changed.
@Suite struct BatchReferenceTests {
    @Test(arguments: [
        ("el 2 es pal martes", 1, "es pal martes"),
        ("el responsable del 1 es Rosa", 0, "el responsable es Rosa"),
        ("saca el 3", 2, "saca"),
        ("en el segundo la responsable es rosa", 1, "la responsable es rosa"),
        ("cambia el plazo del dos al 17", 1, "cambia el plazo al 17"),
        ("el acuerdo 3 no va", 2, "no va"),
        ("2", 1, ""),
    ])
    func namesItsRecord(_ c: (String, Int, String)) throws {
        let (k, rest) = try #require(DialogEngine.batchReference(c.0, count: 3, noun: "acuerdo"))
        #expect(k == c.1)
        #expect(rest == c.2)
    }

    /// A day of a date, a number past the batch or one said without its article names none.
    @Test(arguments: ["el 2 de enero", "el 4 es pal martes", "son 2 horas", "si", "el plazo es el martes"])
    func namesNone(_ text: String) {
        #expect(DialogEngine.batchReference(text, count: 3, noun: "acuerdo") == nil)
    }
}
