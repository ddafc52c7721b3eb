@testable import DialogEngine
import Testing
import Understanding

/// The cheaper readings of a message (one pass for two bytes, the tail of a message found
/// without an array of it) must read as the slower ones did.
@Suite struct SharedPassTests {
    static let messages = [
        "", " ", "?", "¿", "¿qué?", "que?", "¿Cuándo es la próxima reunión", "hola", "a las 10", "ya, y también la hora: a las 10",
        "a  las   10", " el viernes 4 ", "el viernes 4 a las 9", "acta de la reunión", "cafe\u{0301} con leche", "¿¿ y ?? ", "¡ya!",
        "compartir la planificación de lectura", "Ana Pérez", "el 15 de diciembre", "sí", "el 15: leer", "— plazo",
    ]

    /// Both bytes in one pass, as two passes find them.
    @Test func twoBytesOnePass() {
        for m in Self.messages {
            let (q, inverted) = TextFold.contains(m, byte: UInt8(ascii: "?"), orByte: 0xBF)
            #expect(q == m.utf8.contains(UInt8(ascii: "?")), "\(m)")
            #expect(inverted == m.utf8.contains(0xBF), "\(m)")
            #expect(Utterance(m).questionMarked == (m.contains("?") || m.contains("¿")), "\(m)")
        }
        #expect(TextFold.contains("¿qué?", byte: UInt8(ascii: "?"), orByte: 0xBF) == (true, true))
        #expect(TextFold.contains("hola", byte: UInt8(ascii: "?"), orByte: 0xBF) == (false, false))
    }

    /// The words at the end of a message, as many as its last folded words: the message itself
    /// when it is all of them and single-spaced, the words joined by one space otherwise.
    @Test func originalTail() {
        let engine = DialogEngine(catalog: FlowCatalog([]))
        for m in Self.messages {
            let words = TextFold.spaceSeparated(m)
            let all = Phrase(m).tokens.count
            // The old reading: the words taken one by one from the end.
            for n in 0...(all + 1) {
                var taken: [Substring] = [], count = 0
                if n > 0 {
                    for w in words.reversed() {
                        let k = max(1, Phrase(String(w)).tokens.count)
                        if count + k > n && count > 0 { break }
                        taken.insert(w, at: 0)
                        count += k
                        if count >= n { break }
                    }
                }
                #expect(engine.originalTail(of: m, words: n) == taken.joined(separator: " "), "\(m) \(n)")
            }
        }
        #expect(engine.originalTail(of: "ya, y también la hora: a las 10", words: 3) == "a las 10")
        #expect(engine.originalTail(of: "a  las   10", words: 3) == "a las 10")
        #expect(engine.originalTail(of: "acta de la reunión", words: 4) == "acta de la reunión")
        #expect(DialogEngine.spaceBytes(" a b  ") == 4)
    }
}
