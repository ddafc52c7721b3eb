@testable import DialogEngine
import Testing

/// Questions about organisations, norms, decisions and practices to institutionalise.
@Suite struct TerritoryQueryTests {
    @Test(arguments: [
        ("¿con qué organizaciones trabajamos?", Query.organizations),
        ("con que organizaciones trabajamos", .organizations),
        ("¿quién es el contacto del CESFAM?", .organizations),
        ("¿cuáles son nuestras normas?", .norms),
        ("ver las normas", .norms),
        ("¿qué decidimos sobre el taller?", .decisions),
        ("y que decidimos de las jornadas?", .decisions),
        ("¿qué prácticas vamos a institucionalizar?", .institutionalization),
        ("que practicas llevamos al pme?", .institutionalization),
    ] as [(String, Query?)])
    func asked(_ c: (String, Query?)) {
        #expect(QueryMatcher.match(Phrase(c.0), raw: c.0, strict: false) == c.1)
    }

    /// Requests and answers that share their words are not these questions.
    @Test(arguments: [
        "acordar las normas de funcionamiento",
        "registrar una decisión",
        "decidimos que el taller va en El Maitén",
        "¿de qué forma lo hacemos?",
        "el contacto es Paula Soto",
        "con que nos juntemos en reuniones cortas basta",
    ])
    func notAsked(_ text: String) {
        #expect(QueryMatcher.match(Phrase(text), raw: text, strict: true) == nil)
    }
}
