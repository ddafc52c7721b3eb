@testable import DialogEngine
import Testing

/// Issue 12: questions about how one thing goes, and requests refused at the menu.
@Suite struct AboutThingTests {
    /// Asked at the menu, each of these is looked for in the records (or is the practices' list).
    @Test(arguments: [
        ("¿y la Rosa hizo el acta?", Query.search),
        ("¿qué pasó con el taller de la Marisol?", .search),
        ("¿cómo va lo de los buses?", .search),
        ("¿ya están los buses?", .search),
        ("¿cómo van las prácticas?", .institutionalization),
        ("estado de las prácticas", .institutionalization),
    ] as [(String, Query)])
    func asksAboutOneThing(_ c: (String, Query)) {
        #expect(QueryMatcher.match(Phrase(c.0), raw: c.0, strict: false) == c.1)
    }

    /// A held meeting named with its day or as «la última» is still a meeting held; «¿cómo vamos?»
    /// is still the objectives; a statement is no question.
    @Test(arguments: [
        "¿qué pasó en la última reunión?",
        "¿qué pasó con la reunión del lunes?",
        "¿cómo vamos?",
        "la Rosa hizo el acta",
    ])
    func othersAreNotAboutOneThing(_ text: String) {
        let t = Phrase(text).tokens
        if text.contains("?") { #expect(QueryMatcher.aboutThing(t, question: true, marked: true) == nil) }
        #expect(QueryMatcher.match(Phrase(text), raw: text, strict: false) != .search)
    }

    @Test func refusedRequests() {
        #expect(DialogEngine.refusesRequest("nooo, no quiero cambiar la red"))
        #expect(DialogEngine.refusesRequest("no queremos hacer otro diagnóstico"))
        // A «no» before a comma answers something else; the want that follows is a request.
        #expect(!DialogEngine.refusesRequest("no, quiero cambiar la región"))
        #expect(!DialogEngine.refusesRequest("no quiero que se me olvide: Luis trae las fotos"))
        #expect(!DialogEngine.refusesRequest("no quiero cambiar la red, quiero cambiar la región"))
        #expect(!DialogEngine.refusesRequest("no quiero ese acuerdo, bórralo"))
    }
}
