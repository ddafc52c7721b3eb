import Testing
import Understanding

/// The stems that let a topic find a decision said with another form of the word.
struct SpanishStemTests {
    /// The forms of one verb, and the nouns made from it, share a stem.
    @Test(arguments: [
        ["grabar", "graban", "grabamos", "grabo", "grabado", "grabaciones", "grabacion", "grabaremos", "grabaron"],
        ["evaluar", "evaluamos", "evaluara", "evaluacion", "evaluaciones", "evaluan"],
        ["decidir", "decidimos", "decidieron", "decidio"],
        ["reunion", "reuniones"],
    ])
    func formsShareAStem(forms: [String]) {
        let stems = Set(forms.map(SpanishStem.of))
        #expect(stems.count == 1, "\(forms) → \(stems)")
    }

    /// Short words stay whole, and words of different meaning keep different stems.
    @Test func keepsShortAndDifferentWords() {
        #expect(SpanishStem.of("plan") == "plan")
        #expect(SpanishStem.of("mesa") == "mesa")
        #expect(SpanishStem.of("huerto") != SpanishStem.of("grabar"))
        #expect(SpanishStem.of("lectura") != SpanishStem.of("lector"))
        #expect(SpanishStem.stems("Se graban las reuniones").contains("grab"))
    }
}
