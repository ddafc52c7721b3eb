@testable import DialogEngine
import Testing
import Understanding

/// The talk around an answer, leaving and coming back, and greetings with words around them.
@Suite struct ConversationalEdgesTests {
    @Test(arguments: [
        ("El Manzano po, ya le dije", "El Manzano"),
        ("lautaro, ya le dije jaja", "lautaro"),
        ("en la escuela El Manzano, tambien te lo dije", "en la escuela El Manzano"),
        ("porfa: el pedro va a mandar la planilla", "el pedro va a mandar la planilla"),
        ("eh, el liceo de curarrehue po", "el liceo de curarrehue"),
        ("oye la sede del daem", "la sede del daem"),
        ("ya po, Red Lautaro Avanza", "Red Lautaro Avanza"),
        // The middle is the person's, and a lone word is left alone.
        ("ya mandé la planilla po", "ya mandé la planilla"),
        ("po", "po"),
        ("mira los videos del taller", "mira los videos del taller"),
        ("mira, los videos del taller", "los videos del taller"),
        ("leer con las familias, como te dije antes en la reunión", "leer con las familias, como te dije antes en la reunión"),
        // Taking the turn («bueno entonces», «eso,», «o sea») and closing it («…, eso»), with the
        // «que» a filler brings; «eso» alone, or «eso» without a comma, is the answer.
        ("bueno entonces la Rosa manda el acta", "la Rosa manda el acta"),
        ("eso, que Juan arma la pauta", "Juan arma la pauta"),
        ("o sea, el acta firmada por todos", "el acta firmada por todos"),
        ("el acta en la carpeta, eso", "el acta en la carpeta"),
        ("el acta en la carpeta, o sea", "el acta en la carpeta"),
        ("eso", "eso"),
        ("eso mismo que dijo Rosa", "eso mismo que dijo Rosa"),
    ])
    func answerWithoutTalk(input: String, expected: String) {
        #expect(AnswerText.trimmed(input) == expected)
    }

    @Test(arguments: [
        ("chuta me llaman de la direccion, despues sigo. gracias!", true),
        ("chao, se me corto el recreo, despues termino", true),
        ("ya, tengo que irme a clases, luego lo termino", true),
        ("me tengo que ir, mañana sigo", true),
        // Answers that mention later work are answers.
        ("despues seguimos con la lectura en voz alta en el huerto", false),
        ("los niños se motivaron y luego siguieron leyendo solos", false),
        ("se me cortó la luz a mitad del taller y lo terminamos otro día con los apoderados de tercero y cuarto básico", false),
    ])
    func leaving(text: String, expected: Bool) {
        #expect(DialogEngine.leaving(Phrase(text)) == expected)
    }

    @Test(arguments: [
        ("hola de nuevo, en que ibamos?", true),
        ("hola minga, sigamos con el acuerdo de ayer", true),
        ("volvi, donde quedamos?", true),
        ("sigamos", true),
        ("seguir trabajando con los apoderados", false),
        ("en que ibamos a gastar la plata del proyecto", false),
        ("ya, en que estabamos?", true),
        ("sigamos leyendo en voz alta", false),
    ])
    func resuming(text: String, expected: Bool) {
        #expect(DialogEngine.resuming(Phrase(text)) == expected)
    }

    @Test(arguments: [
        ("wena minga", true), ("hola minga!", true), ("buenas", true), ("holaa buenas tardes", true),
        ("nada, solo queria saludar jaja", true), ("hola, registrar un acuerdo", false), ("buenas practicas de lectura", false),
    ])
    func greets(text: String, expected: Bool) {
        #expect(DialogEngine.greets(Phrase(text)) == expected)
    }
}
