@testable import Assistant
import DialogEngine
import Testing

/// Answers that say several fields at once: the diagnosis' scale in one line, a reflection in one message.
@Suite struct WholeAnswerTests {
    static let order = ["confianza", "proposito_compartido", "colaboracion", "gestion_conocimiento", "liderazgo_distribuido", "vinculo_territorio"]

    func scores(_ text: String, asked: String? = "confianza") -> ScoreLine.Outcome? {
        ScoreLine.read(Phrase(text).tokens, order: Self.order, asked: asked)
    }

    @Test func namedScores() {
        #expect(scores("confianza 4, proposito 3, colaboracion 2, conocimiento 1, liderazgo 2 y territorio 4")
            == .scores(["confianza": 4, "proposito_compartido": 3, "colaboracion": 2, "gestion_conocimiento": 1,
                        "liderazgo_distribuido": 2, "vinculo_territorio": 4]))
        #expect(scores("confianza y propósito 3, el resto 2")
            == .scores(["confianza": 3, "proposito_compartido": 3, "colaboracion": 2, "gestion_conocimiento": 2,
                        "liderazgo_distribuido": 2, "vinculo_territorio": 2]))
        #expect(scores("4 en confianza y 2 en liderazgo") == .scores(["confianza": 4, "liderazgo_distribuido": 2]))
        #expect(scores("confianza 5, proposito 3") == .outOfRange(5))
    }

    /// Numbers alone go in order from the question asked; one score, or a doubt, is the usual reading's.
    @Test func bareNumbers() {
        #expect(scores("3 2 1", asked: "colaboracion") == .scores(["colaboracion": 3, "gestion_conocimiento": 2, "liderazgo_distribuido": 1]))
        #expect(scores("3 o 4") == nil)
        #expect(scores("2, falta confianza", asked: "colaboracion") == nil)
        #expect(scores("mmm 2, les cuesta todavía") == nil)
        #expect(scores("4 3 2 1", asked: "liderazgo_distribuido") == nil)
    }

    @Test func reflectionInOneMessage() {
        let parts = ReflectionCues.split("hicimos el ticket de salida en 4 cursos, resulto bien con los grandes pero los de primero se aburrian, "
            + "aprendimos que hay que adecuar la lectura a cada nivel, la proxima vez voy a separar por niveles", asked: "practica", filled: [])
        #expect(parts == ["practica": "hicimos el ticket de salida en 4 cursos",
                          "que_paso": "resulto bien con los grandes pero los de primero se aburrian",
                          "aprendizajes": "aprendimos que hay que adecuar la lectura a cada nivel",
                          "ajustes": "la proxima vez voy a separar por niveles"])
    }

    /// An answer for another field moves only while that field is empty; a plain answer stays.
    @Test func answerForAnotherField() {
        #expect(ReflectionCues.split("la proxima vez voy a separar por niveles", asked: "factores_exito", filled: [])
            == ["ajustes": "la proxima vez voy a separar por niveles"])
        #expect(ReflectionCues.split("la proxima vez voy a separar por niveles", asked: "factores_exito", filled: ["ajustes"]) == nil)
        #expect(ReflectionCues.split("fuimos al humedal, los cabros registraron aves", asked: "que_paso", filled: []) == nil)
        #expect(ReflectionCues.split("el material concreto, los niños estaban motivados", asked: "factores_exito", filled: []) == nil)
        #expect(ReflectionCues.split("primero leimos, despues la proxima clase escribieron", asked: "que_paso", filled: []) == nil)
    }
}
