@testable import DialogEngine
import Testing

/// Questions about the network's data, inside and outside a free-text answer.
@Suite struct QueryMatcherTests {
    /// Inside a free-text question, an answer that starts with "que" or "como" is still an answer.
    @Test(arguments: [
        "que leer con proposito real motiva harto mas",
        "que los acuerdos se cumplan con evidencia",
        "como el proposito de la red pide, leer cada dia",
        "cuando los niños leen con un proposito, aprenden mas",
        // What must be or what matters, said after «que»: «nivel» or «diagnóstico» in it ask nothing.
        "que hay que adecuar la lectura a cada nivel",
        "q hay q partir por el diagnostico",
        "que es importante mirar el nivel de cada curso",
    ])
    func answersAreNotQuestions(_ text: String) {
        #expect(QueryMatcher.match(Phrase(text), raw: text, strict: true) == nil)
    }

    /// Real questions still count there, with or without the question mark.
    @Test(arguments: [
        ("que aprendimos del huerto", Query.learnings),
        ("que acuerdos tengo", .myAgreements),
        ("cuando es la proxima reunion", .nextMeeting),
        ("cual es nuestro proposito?", .purpose),
    ] as [(String, Query?)])
    func questionsInsideAnswers(_ c: (String, Query?)) {
        #expect(QueryMatcher.match(Phrase(c.0), raw: c.0, strict: true) == c.1)
    }

    /// "como va el sondeo" asks, even without signs.
    @Test func howIsThePollGoing() {
        #expect(QueryMatcher.match(Phrase("como va el sondeo"), raw: "como va el sondeo", strict: false) == .poll)
        #expect(QueryMatcher.match(Phrase("como va el sondeo"), raw: "como va el sondeo", strict: true) == .poll)
    }
}

/// «dame un resumen de la red», «¿cómo está la red?»: the whole network, asked outright or as a
/// question; inside a free-text answer a mention of how the network goes is still the answer.
@Suite struct NetworkSummaryQueryTests {
    @Test(arguments: [
        "dame un resumen de la red: reuniones hechas, acuerdos, diagnostico",
        "ninguna, solo quiero ver como esta la red",
        "buenas tardes, soy la coordinadora del SLEP, necesito un resumen de como va la red para informe",
        "¿cómo va la red?",
    ])
    func asked(_ text: String) {
        #expect(QueryMatcher.match(Phrase(text), raw: text, strict: false) == .networkSummary)
    }

    @Test(arguments: ["vimos como va la red en lectura y nos dimos cuenta de harto", "un resumen de lo que hicimos en la red"])
    func notInsideAnAnswer(_ text: String) {
        #expect(QueryMatcher.match(Phrase(text), raw: text, strict: true) != .networkSummary)
    }

    /// «¿cómo va el diagnóstico de la red?» asks about the diagnosis, not the whole network.
    @Test func oneRecordIsNotTheSummary() {
        let text = "como va el diagnostico de la red?"
        #expect(QueryMatcher.match(Phrase(text), raw: text, strict: false) != .networkSummary)
    }
}

/// The short follow-ups of a list, said with nothing in progress.
@Suite struct ListFollowUpTests {
    /// Ways to ask for the next part continue the list.
    @Test(arguments: ["más", "ver más", "¿y los otros?", "siguientes", "los demás po", "ya, muéstrame más", "¿qué más hay?"])
    func more(_ text: String) {
        #expect(QueryMatcher.listFollowUp(Phrase(text)) == .moreOfList)
    }

    /// «los …» with a person, a month or a state narrows it.
    @Test(arguments: ["los de Ana", "y los de diciembre?", "los que vencen en enero", "los cumplidos", "solo los vencidos", "los míos"])
    func refine(_ text: String) {
        #expect(QueryMatcher.listFollowUp(Phrase(text)) == .refineList)
    }

    /// Requests and answers that merely start alike are left to the flows.
    @Test(arguments: ["los niños leyeron harto", "registrar un acuerdo", "mas o menos", "siguiente reunion", "los profes del microcentro"])
    func notFollowUps(_ text: String) {
        #expect(QueryMatcher.listFollowUp(Phrase(text)) == nil)
    }

    /// «los acuerdos de Luis Soto» asks for a list without a question mark.
    @Test func agreementsOfWithoutQuestion() {
        #expect(QueryMatcher.match(Phrase("los acuerdos de Luis Soto"), raw: "los acuerdos de Luis Soto", strict: false) == .openAgreements)
        #expect(QueryMatcher.match(Phrase("los acuerdos de Luis Soto"), raw: "los acuerdos de Luis Soto", strict: true) == nil)
    }
}

/// «más» is a list follow-up only with nothing in progress: inside a flow it stays an answer.
@Test func moreInsideAFlowIsNotAList() {
    var h = EngineHarness()
    h.say("más")
    #expect(h.answered == [.moreOfList])
    h.say("registrar un acuerdo")
    h.say("más")
    #expect(h.answered == [.moreOfList])
    #expect(h.state.current?.flowID == "acuerdo")
}
