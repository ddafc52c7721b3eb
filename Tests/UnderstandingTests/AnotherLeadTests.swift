import Testing
import Understanding

/// «one more» said before an item at «¿Otro …?»: the words that open it are no part of it.
struct AnotherLeadTests {
    /// With a colon, or a copula after «otro»/«otra» (qa34: «y otro que es fortalecer…» was stored whole).
    @Test(arguments: [
        ("y otro que es fortalecer el trabajo con familias", 4),
        ("otra seria compartir practicas", 2),
        ("y otro mas que es: avisar por el grupo", 5),
        ("otro: leer en voz alta", 1),
        ("y otra más: celular en silencio", 3),
    ])
    func leads(text: String, count: Int) {
        #expect(AnswerText.anotherLead(text.split(separator: " ").map(String.init)) == count)
    }

    /// What was said: «otra reunión de apoderados» names one; «otro es» with nothing after says nothing.
    @Test(arguments: ["otra reunion de apoderados", "otro es", "leer es divertido siempre"])
    func noLead(text: String) {
        #expect(AnswerText.anotherLead(text.split(separator: " ").map(String.init)) == nil)
    }
}
