import CivilTime
@testable import DialogEngine
import Foundation
import Testing
@testable import Understanding

/// The slot parser reading a message from the words it was already read into (`parse` of an
/// `Utterance`, its phrase) must answer exactly as reading the text again does.
@Suite struct SlotParserReadingTests {
    static let texts = [
        "si", "ya po", "ok gracias", "si si si si", "ya", "no", "gracias", "-", "¿?", "...", "ok, dale",
        "Ana Pérez", "Luis Soto", "ana perez nomas", "vinimos la Berta y yo", "vinieron luis y marta", "fuimos con Marcela",
        "la directora", "los directores y jefes UTP", "las planillas con resultados", "yo", "nadie", "el viernes", "pasado mañana",
        "abril", "el 15 de diciembre", "el otro lunes", "pal viernes en la tarde", "el 35 de marzo", "31 de febrero",
        "el martes 3 de diciembre a las 16:00", "a las 3", "cada 15 días", "2 horas", "3 o 4", "la verdad 2 o 3... pongale 2",
        "entre 2 y 3", "el 2", "la opción tres", "dos", "9", "primera", "profesora encargada, hago clases de 1° a 6°",
        "El Manzano po, ya le dije", "compartir la planificación de lectura", "acta de la reunión", "porfa: el pedro manda la planilla",
        "lautaro, ya le dije jaja", "ana@escuela.cl", "+56 9 1234 5678", "Ñuñoa", "ÁREA TÉCNICA", "mira, los videos",
        "1ro", "vinimos-la Berta", "¡vinimos! todos", "  ", "sii", "okey bacan",
    ]

    static let context = EngineContext(now: Clock.parseNow("2026-11-25T10:00", timeZone: .santiago)!, timeZone: .santiago,
                                       members: ["Ana Pérez", "Luis Soto", "Marcela Rivas"], userName: "Ana Pérez")

    @Test(arguments: SlotType.allCases)
    func sameOutcomeFromThePhrase(type: SlotType) {
        let choices = type == .choice
            ? [Choice(value: "docente", label: "Docente"), Choice(value: "profesora", label: "Profesora"),
               Choice(value: "profesora_encargada", label: "Profesora encargada", synonyms: ["encargada"])]
            : []
        let slot = SlotDefinition(name: "x", type: type, ask: "¿?", optional: true, choices: choices)
        for text in Self.texts where !Sanitize.line(text).isEmpty {
            let message = Utterance(text)
            #expect(SlotParser.parse(message, slot: slot, context: Self.context) == SlotParser.parse(text, slot: slot, context: Self.context),
                    "\(type): «\(text)»")
        }
    }

    @Test func bareAcknowledgementFromTheBits() {
        for text in Self.texts {
            #expect(SlotParser.isBareAcknowledgement(Phrase(text)) == SlotParser.isBareAcknowledgement(text), "«\(text)»")
        }
    }

    /// The ends of a text with Spanish letters are read on bytes as `letters` reads each word.
    @Test func endLettersInPlace() {
        for text in Self.texts + ["Pérez", "reunión final.", "año  nuevo", "«acta» firmada", "café\u{0301} con leche", "ñ"] {
            let words = text.split(separator: " ")
            let expected = words.first.map { (AnswerText.letters(String($0)), AnswerText.letters(String(words.last!))) }
            let got = AnswerText.endLetters(text)
            #expect(got?.0 == expected?.0 && got?.1 == expected?.1, "«\(text)»")
        }
    }

    /// A one-word label is the one token of its phrase; a longer or empty one has none.
    @Test func labelWord() {
        for label in ["plazo", "Responsables", "fecha y hora", "¿dónde?", "evidencia.", "", "—", "N°"] {
            let tokens = Phrase(label).tokens
            let slot = SlotDefinition(name: "x", type: .text, ask: "¿?", label: label)
            #expect(slot.labelWord == (tokens.count == 1 ? tokens[0] : nil), "«\(label)»")
        }
    }
}
