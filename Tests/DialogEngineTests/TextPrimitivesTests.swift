@testable import DialogEngine
import Testing
import Understanding

/// The byte-level fast paths of the turn (sanitizing, folding, tokenizing) must read exactly
/// as the careful path does.
@Suite struct TextPrimitivesTests {
    /// Clean Spanish comes back untouched; anything with controls, odd spaces or invisible
    /// characters is cleaned the same way whether or not it looks Spanish.
    @Test(arguments: [
        ("compartir la planificación", "compartir la planificación"),
        ("¿Quién? ¡Ñuñoa! «acta» 15°", "¿Quién? ¡Ñuñoa! «acta» 15°"),
        ("año\u{00A0}nuevo", "año nuevo"),             // NBSP is a space
        ("pla\u{00AD}zo", "plazo"),                      // soft hyphen is invisible
        ("a\u{0085}b", "ab"),                            // C1 control
        ("  mañana  a  las 3 ", "mañana a las 3"),
        ("leer\u{0007} juntos\t\thoy", "leer juntos hoy"),
        ("cafe\u{0301} con\u{200B}leche", "cafe\u{0301} conleche"),
        ("ya po 👍", "ya po 👍"),
    ])
    func sanitize(input: String, expected: String) {
        #expect(Sanitize.line(input) == expected)
    }

    /// A verb said as a request ends in -ar, -er or -ir; nouns and names that end so are no
    /// verbs (qa34: «celular», «lugar», «taller», «mujer» were read as requests).
    @Test func infinitives() {
        for verb in ["revisar", "proponer", "partir", "agendar", "escribir", "cambiar"] { #expect(DialogEngine.isInfinitive(verb), "\(verb)") }
        for noun in ["celular", "lugar", "taller", "mujer", "escolar", "hogar", "javier", "pilar", "lider"] { #expect(!DialogEngine.isInfinitive(noun), "\(noun)") }
    }

    /// Tokens are the folded words: accents, case and punctuation don't matter; `-`, `/`
    /// and `:` stay inside tokens.
    @Test func phraseTokens() {
        let p = Phrase("¿Cuándo es la PRÓXIMA reunión?? 15/12 a las 15:30, pal  viernes…")
        #expect(p.folded == "cuando es la proxima reunion 15/12 a las 15:30 pal viernes")
        #expect(p.tokens == ["cuando", "es", "la", "proxima", "reunion", "15/12", "a", "las", "15:30", "pal", "viernes"])
        #expect(Phrase("").tokens.isEmpty)
        #expect(Phrase(" ¡¿ ").tokens.isEmpty)
        #expect(Phrase("Ñandú 😀 ÜBER").tokens == ["nandu", "uber"])
    }
}
