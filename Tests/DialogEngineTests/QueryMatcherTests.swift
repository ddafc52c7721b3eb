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
