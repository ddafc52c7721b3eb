@testable import DialogEngine
import Testing

/// Shapes of an answer that are not the value asked for: two numbers offered as a choice, and a
/// question about the words of the question itself.
@Suite struct AnswerShapesTests {
    @Test(arguments: [("3 o 4", 3, 4), ("entre 1 y 2", 1, 2), ("2 a 3", 2, 3), ("3-4", 3, 4), ("dos o tres", 2, 3), ("un 3 o un 4", 3, 4)])
    func alternatives(_ c: (String, Int, Int)) {
        let pair = SlotParser.alternatives(c.0)
        #expect(pair?.0 == c.1)
        #expect(pair?.1 == c.2)
    }

    @Test(arguments: ["3", "yo diría que un 3", "mmm 2, les cuesta todavía", "4 o más", "el 1 y el 1", "12 de 30"])
    func notAlternatives(_ s: String) { #expect(SlotParser.alternatives(s) == nil) }

    static let slot = SlotDefinition(name: "colaboracion", type: .number,
                                     ask: "3/6 · Colaboración: ¿cuánto trabajan juntos en proyectos comunes, más allá de informarse? (1 a 4)",
                                     label: "colaboración")

    @Test(arguments: ["¿que se entiende por proyectos comunes?", "¿qué significa colaboración?", "a qué te refieres con proyectos comunes",
                      "¿qué es eso de informarse?", "oye, ¿qué se entiende por colaboración aquí?"])
    func asksAboutWording(_ s: String) { #expect(DialogEngine.asksAboutWording(Phrase(s), slot: Self.slot)) }

    @Test(arguments: ["3", "harto", "¿qué acuerdos hay?", "¿qué significa el nivel de la red?", "se entiende por 3"])
    func notAboutWording(_ s: String) { #expect(!DialogEngine.asksAboutWording(Phrase(s), slot: Self.slot)) }

    /// A colon is a time's («15:30») or punctuation («acuerdo: leer»).
    @Test func colons() {
        #expect(Phrase("acuerdo: leer").tokens == ["acuerdo", "leer"])
        #expect(Phrase("acuerdo:leer").tokens == ["acuerdo", "leer"])
        #expect(Phrase("a las 15:30").tokens == ["a", "las", "15:30"])
        #expect(Phrase("1:30 hrs").tokens == ["1:30", "hrs"])
        #expect(Phrase("hora:").tokens == ["hora"])
    }
}
