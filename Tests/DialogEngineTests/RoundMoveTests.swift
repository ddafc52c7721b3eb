@testable import DialogEngine
import Testing

/// In a round, a short message that only skips or stops moves the round; an answer that happens
/// to share those words stays an answer.
struct RoundMoveTests {
    @Test(arguments: ["este lo saltamos", "siguiente", "pasemos al siguiente", "el que sigue", "saltemos este objetivo",
                      "sigamos con el otro", "ya, siguiente po", "ese no lo vimos", "este no"])
    func skips(_ text: String) {
        #expect(DialogEngine.roundMove(Phrase(text)) == .skip, "\(text)")
    }

    @Test(arguments: ["ya, hasta ahí no más", "hasta aqui nomas", "dejemoslo hasta aca", "paremos", "ya paremos por hoy", "bueno hasta ahi llegamos"])
    func stops(_ text: String) {
        #expect(DialogEngine.roundMove(Phrase(text)) == .stop, "\(text)")
    }

    @Test(arguments: ["saltar", "el siguiente paso fue leer en parejas con los de primero", "leimos hasta ahi la unidad 3",
                      "pasamos al 62%", "lo pasamos bien en el taller con las familias", "en camino", "hicimos la medicion de diciembre", "esto no funciono"])
    func answers(_ text: String) {
        #expect(DialogEngine.roundMove(Phrase(text)) == nil, "\(text)")
    }
}
