import DialogEngine
import Testing

/// Understanding reads a message into one command without changing the state.
struct CommandTests {
    /// The state after `messages`, and what `text` is then read as.
    func read(_ text: String, after messages: [String]) -> (Command, DialogState, DialogState) {
        var h = EngineHarness()
        for m in messages { h.say(m) }
        let before = h.state
        let command = h.engine.understand(Utterance(text), state: h.state, context: h.context)
        return (command, before, h.state)
    }

    /// Reading a message leaves the state as it was.
    @Test func understandingChangesNothing() {
        let (_, before, after) = read("no, el plazo es el 16", after: ["registrar un acuerdo", "revisar el PME", "Luis", "el 15 de diciembre"])
        #expect(before == after)
    }

    /// A request at the menu starts its flow with the request kept.
    @Test func aRequestStartsItsFlow() {
        let (command, _, _) = read("registrar un acuerdo", after: [])
        guard case .startFlow(let flow, let request, let values, _, _, _) = command else {
            Issue.record("se leyó como \(command)")
            return
        }
        #expect(flow == "acuerdo" && request == "registrar un acuerdo" && values.isEmpty)
    }

    /// «no, nada más esta vez» to «¿una vez o se repite?» answers it; it corrects nothing.
    @Test func noFollowedByAnAnswerAnswers() {
        let (command, _, _) = read("no, nada más esta vez", after: ["agendar una reunión", "Taller de lectura"])
        guard case .correct(.answerCurrent(_, let corrected)) = command else {
            Issue.record("se leyó como \(command)")
            return
        }
        #expect(!corrected)
    }

    /// Naming another field corrects that field, with the value said.
    @Test func namingAFieldCorrectsIt() {
        let (command, _, _) = read("no, el plazo es el 16", after: ["registrar un acuerdo", "revisar el PME", "Luis", "el 15 de diciembre"])
        guard case .correct(.value(let slot, let value)) = command else {
            Issue.record("se leyó como \(command)")
            return
        }
        #expect(slot == "plazo")
        #expect(value.dateValue?.day == 16)
    }

    /// «uy, el acuerdo está mal, es X» corrects the field said to be wrong, without a «no».
    @Test func aFieldSaidToBeWrongIsCorrected() {
        let (command, _, _) = read("uy, el acuerdo está mal, es revisar el PEI", after: ["registrar un acuerdo", "revisar el PME", "Luis"])
        #expect(command == .correct(.value(slot: "texto", .text("revisar el PEI"))))
    }

    /// A question about the field is help, and «Paula» is an answer, not «pausa».
    @Test func fieldQuestionsAndNames() {
        let steps = ["registrar un acuerdo", "revisar el PME"]
        #expect(read("¿y aquí qué va?", after: steps).0 == .repair(.help))
        #expect(read("Paula", after: steps).0 == .fill("Paula"))
    }

    /// Thanks and goodbyes with words around them are read as such, at the menu and mid-flow.
    @Test func closings() {
        #expect(read("ya, gracias, mañana sigo", after: []).0 == .goodbye)
        #expect(read("muchas gracias po", after: ["registrar un acuerdo"]).0 == .thank)
        #expect(read("eso no más por hoy", after: ["registrar un acuerdo"]).0 == .goodbye)
    }
}
