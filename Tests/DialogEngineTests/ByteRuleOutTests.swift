@testable import DialogEngine
import Testing
import Understanding

/// The looks at a message's bytes that rule it out before a reader folds or splits it must only
/// rule out what the reader would have found nothing in.
@Suite struct ByteRuleOutTests {
    static let messages = [
        "no", "noo, cancelar", "No! no cambies el nombre", "nop", "n.o", "ño", "nó, gracias", "no-no", "nono po", "olvídalo, no quiero agendar nada",
        "cancela, ya no", "cancelar. nada", "cancela, Ya no", "cancela, 2 cosas", "cancela, «no»", "cancela,, no", "cancela , , nada",
        "¿cancelar?, no", "  , no", "cancela,\tno", "cancela, ¡no!", "dejalo, yapo", "el plazo es el viernes", "la 2, por favor",
        "el nombre: Microcentro Los Copihues", "Los responsables: Ana y Luis", "lo de siempre", "las", "el", "el —", "— plazo",
        "los plazos son el 12", "responsables yo y Marta", "Lugar: la escuela", "plazo", "", " ", "solo cambia el objetivo 3",
        "solamente cambia el 2", "el mismo de antes po, solo cambia el objetivo 3", "Noo, el estado no, quiero cambiar el responsable",
    ]

    /// A first word ruled out on its letters is no «no».
    @Test func afterRefusalOpening() {
        for m in Self.messages {
            let head = TextFold.firstSpaceSeparated(m).map { String($0) } ?? ""
            let ruledOut = head.utf8.contains(where: DialogEngine.isOtherLetter)
            if ruledOut { #expect(!DialogEngine.isNo(Phrase(head).tokens.joined(separator: " ")), "\(m)") }
        }
        #expect(DialogEngine.afterRefusal("noo, cancelar") == "cancelar")
        #expect(DialogEngine.afterRefusal("nó, el martes") == "el martes")
        #expect(DialogEngine.afterRefusal("bueno, el martes") == nil)
    }

    /// The second clause's first byte, when told, is its first token's.
    @Test func secondClause() {
        for m in Self.messages {
            guard let b = DialogEngine.secondClauseOpening(m) else { continue }
            let parts = DialogEngine.clauses(m)
            #expect(parts.count >= 2, "\(m)")
            guard parts.count >= 2 else { continue }
            #expect(Phrase(parts[1]).tokens.first?.utf8.first == (b >= 0x41 && b <= 0x5A ? b + 0x20 : b), "\(m)")
        }
        #expect(DialogEngine.cancelThenRefusal("olvídalo, no quiero agendar nada"))
        #expect(DialogEngine.cancelThenRefusal("cancela, ya no"))
        #expect(!DialogEngine.cancelThenRefusal("no importa, pongamos el martes"))
    }

    /// An opening ruled out is one `same` matches with none of the forms.
    @Test func fieldNameOpening() {
        let forms: [[[String]]] = [[["plazo"]], [["responsables"], ["responsable"]], [["nombre"], ["nombre", "de", "la", "red"]], [["lugar"]], [[]]]
        for m in Self.messages {
            for f in forms where FieldNamePrefix.openingRuledOut(m, by: f) {
                if let o = FieldNamePrefix.opening(m) {
                    #expect(!f.contains { $0.first.map { FieldNamePrefix.same($0, o) } ?? false }, "\(m) \(f)")
                }
            }
        }
        #expect(!FieldNamePrefix.openingRuledOut("el plazo es el viernes", by: [["plazo"]]))
        #expect(FieldNamePrefix.openingRuledOut("el viernes", by: [["plazo"]]))
    }
}

/// `TextFold.spaceSeparated` splits as `split(separator: " ")` does, on bytes or not.
@Suite struct SpaceSeparatedTests {
    @Test(arguments: ["", " ", "  a  b ", "hola", "el plazo es el viernes", "año  nuevo ñandú", "cafe\u{0301} con leche", "a\r\nb c",
                      "«acta» 15° ¿qué?", "ya po 👍 dale", " x", "x ", "👍"])
    func sameAsSplit(text: String) {
        #expect(TextFold.spaceSeparated(text) == text.split(separator: " "))
    }
}

extension SpaceSeparatedTests {
    /// `firstSpaceSeparated` is the first of `spaceSeparated`.
    @Test(arguments: ["", " ", "  a  b ", "hola", "el plazo", "año  nuevo", "cafe\u{0301} con", "👍 ya"])
    func firstIsFirst(text: String) {
        #expect(TextFold.firstSpaceSeparated(text) == TextFold.spaceSeparated(text).first)
    }

    /// `mayContainFolded` rules out only text whose folded words hold none of the needles.
    @Test func mayContainFolded() {
        let needles: [StaticString] = ["tengo", "toca", "proxim"]
        for m in ByteRuleOutTests.messages + ["Q TENGO Q HACER", "que me Toca hacer", "pal PRÓXIMO encuentro", "para la proxima reu", "tengo"] {
            let folded = TextFold.fold(m).lowercased()
            let holds = ["tengo", "toca", "proxim"].contains { folded.contains($0) }
            if holds { #expect(TextFold.mayContainFolded(m, needles), "\(m)") }
        }
        #expect(!TextFold.mayContainFolded("registrar un acuerdo", needles))
        #expect(TextFold.mayContainFolded("¿qué me toca?", needles))
        #expect(TextFold.mayContainFolded("PaL pRoXiMo", needles))
        // Text with accents is read folded, not let through whole.
        #expect(!TextFold.mayContainFolded("acta de la reunión", needles))
        #expect(!TextFold.mayContainFolded("sí", needles))
        #expect(TextFold.mayContainFolded("pal PRÓXIMO encuentro", needles))
        #expect(TextFold.mayContainFolded("¿qué me tocá?", needles))
    }

    /// A word with only its letters kept (how several readers compare one) is a piece of the
    /// folded text's letters: `mayContainFolded` finds what such a reader would.
    @Test func mayContainFoldedLettersOfAWord() {
        let needles: [StaticString] = ["tengo", "toca", "proxim"]
        for m in ByteRuleOutTests.messages + ["pal pro.ximo encuentro", "pa la pró-xima reu", "que te1ngo q hacer", "ké me to\u{301}ca"] {
            let holds = m.split(separator: " ").contains { w in
                let letters = TextFold.fold(String(w)).filter(\.isLetter)
                return ["tengo", "toca", "proxim"].contains { letters.contains($0) }
            }
            if holds { #expect(TextFold.mayContainFolded(m, needles), "\(m)") }
        }
        #expect(TextFold.mayContainFolded("pal pro.ximo encuentro", needles))
    }

    /// `foldedLetters` is `fold(_:).filter(\.isLetter)`; `foldedWordCount` is the tokens' count.
    @Test func foldedLettersAndWordCount() {
        for m in ByteRuleOutTests.messages + ["Próximo", "pro.ximo", "15:30", "año-nuevo", "cafe\u{0301}", "👍", "a - b", "el 15: leer"] {
            #expect(TextFold.foldedLetters(m) == TextFold.fold(m).filter(\.isLetter), "\(m)")
            #expect(TextFold.foldedLetters(m[...]) == TextFold.fold(m).filter(\.isLetter), "\(m)")
            #expect(TextFold.foldedWordCount(m) == Phrase(m).tokens.count, "\(m)")
        }
        #expect(TextFold.foldedLetters("¿Próximo?") == "proximo")
        #expect(TextFold.foldedWordCount("el 15: leer") == 3)
    }
}
