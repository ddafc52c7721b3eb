@testable import Assistant
import Testing

/// A meta's baseline, target or a check's figure keeps the figure said, not the talk around it.
struct ObjectiveFigureTests {
    @Test(arguments: [("como el 55% mas o menos", "55%"), ("la meta es 80%", "80%"), ("62%", nil),
                      ("50 palabras por minuto aprox", "50 palabras por minuto"), ("yo creo que unos 40 puntos po", "40 puntos"),
                      ("todavía no medimos", nil)])
    func figure(_ c: (String, String?)) {
        let f = ObjectiveReading.figure(c.0)
        // nil expected: no figure, or the answer already is the figure (kept as said).
        if let want = c.1 { #expect(f == want, "\(c.0)") } else { #expect(f == nil || f == c.0, "\(c.0)") }
    }
}
