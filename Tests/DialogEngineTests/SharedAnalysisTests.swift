@testable import DialogEngine
import CivilTime
import Testing
import Understanding

/// Readings that take what the turn's phrase already holds (its folded text, its tokens) must
/// read each message as the readings that fold and split it again do.
@Suite struct SharedAnalysisTests {
    static let messages = [
        "", " ", "a", "Ana", "Ana Pérez", "ana  pérez", " Ana", "Ana ", "la Rosa manda las fotos", "yo hago el listado",
        "compartir la planificación de lectura", "el 15 de diciembre", "el próximo viernes", "sí", "ya po", "acta de la reunión",
        "Ñuñoa", "ÁÉÍÓÚ Üñ", "caña × 2", "a ÷ b", "cafe\u{0301} con leche", "Ana-María Soto", "O'Higgins", "abril", "Julio",
        "pa marzo", "a fines de marzo", "la otra semana", "3/2027", "el lunes", "mañana a las 10", "dominga trae el pan",
        "acuerdo: Marta trae los libros", "Zoë Ødegaard", "ßtraße", "hola\u{00A0}chao", "tb", "registrar un acuerdo",
    ]

    /// `isPlainWords`: true only where the phrase's tokens are the message's space-separated words,
    /// each folded and kept to its letters (what `opensWithMember` reads).
    @Test func plainWords() {
        for m in Self.messages {
            let phrase = Phrase(m)
            let words = m.split(separator: " ").map { TextFold.fold(String($0)).filter(\.isLetter) }
            if phrase.isPlainWords(of: m) {
                #expect(phrase.tokens == words, "«\(m)»")
                #expect(!m.isEmpty && !m.hasPrefix(" ") && !m.hasSuffix(" ") && !m.contains("  "), "«\(m)»")
            }
        }
        #expect(Phrase("Ana Pérez").isPlainWords(of: "Ana Pérez"))
        #expect(Phrase("compartir la planificación de lectura").isPlainWords(of: "compartir la planificación de lectura"))
        #expect(!Phrase("el 15 de diciembre").isPlainWords(of: "el 15 de diciembre"))
        #expect(!Phrase("acuerdo: Marta").isPlainWords(of: "acuerdo: Marta"))
        #expect(!Phrase("caña × 2").isPlainWords(of: "caña × 2"))
        #expect(!Phrase("ana  pérez").isPlainWords(of: "ana  pérez"))
        #expect(!Phrase("").isPlainWords(of: ""))
    }

    /// The date cues read on a phrase's folded text answer as they do on the text.
    @Test func whenCuesOnFolded() {
        for m in Self.messages {
            let f = Phrase(m).folded
            #expect(WhenCues.mayNameMonth(folded: f) == WhenCues.mayNameMonth(m), "«\(m)»")
            #expect(WhenCues.maySayWhen(folded: f) == WhenCues.maySayWhen(m), "«\(m)»")
            #expect(WhenCues.saysDay(folded: f) == WhenCues.saysDay(m), "«\(m)»")
        }
        #expect(WhenCues.mayNameMonth(folded: Phrase("pa marzo").folded))
        #expect(!WhenCues.mayNameMonth(folded: Phrase("registrar un acuerdo").folded))
        #expect(WhenCues.saysDay(folded: Phrase("el lunes").folded))
    }

    /// A template rendered on its bytes in place reads as the character walk does.
    @Test func templateBytes() {
        let today = LocalDate(year: 2026, month: 11, day: 25)
        let values: SlotValues = ["texto": .text("Leer con propósito"), "plazo": .date(LocalDate(year: 2026, month: 12, day: 4))]
        let cases: [(String, String)] = [
            ("Acuerdo {texto}, plazo {plazo}.", "Acuerdo Leer con propósito, plazo "),
            ("{id}: «{texto}» {nada}", "A-7: «Leer con propósito» sin dato"),
            ("sin llaves", "sin llaves"),
            ("abierta {texto", "abierta {texto"),
            ("dos {{texto}", "dos Leer con propósito"),
            ("ñandú {texto} café", "ñandú Leer con propósito café"),
            ("", ""),
        ]
        for (template, start) in cases {
            let out = Template.render(template, flow: nil, values: values, extra: ["id": "A-7"], today: today)
            #expect(out.hasPrefix(start), "«\(template)» → «\(out)»")
        }
        #expect(Template.render("{texto}", flow: nil, values: values, today: today) == "Leer con propósito")
        #expect(Template.render("x}y{", flow: nil, values: values, today: today) == "x}y{")
    }

    /// `containsBytes` with a run-time ASCII needle (what `answerLabelSplit` gates on) finds it
    /// exactly where Foundation's `contains` does, in lowered and unlowered text.
    @Test func runTimeNeedleBytes() {
        let needles = [" y ", ", ", "evidencia", "responsable", "plazo", "acta", "a", "ana"]
        for m in Self.messages + ["no era el 12 era el 14 y la evidencia es el acta", "el plazo, la Evidencia: fotos"] {
            for text in [m, m.lowercased()] {
                for n in needles {
                    #expect(TextFold.containsBytes(text, n) == text.contains(n), "«\(text)» / «\(n)»")
                }
            }
        }
    }
}
