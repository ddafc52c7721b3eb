@testable import DialogEngine
import Testing

/// An answer that says one choice's form inside another's longer form («profesora» inside
/// «profesora encargada») picks the longer one; forms of two choices side by side stay unclear.
@Suite struct ChoiceOverlapTests {
    static let roles = [
        Choice(value: "director", label: "Director/a", synonyms: ["directora", "director"]),
        Choice(value: "docente", label: "Docente", synonyms: ["profesora", "profesor", "profe"]),
        Choice(value: "encargado", label: "Profesor/a encargado/a", synonyms: ["profesora encargada", "profe encargado", "encargada"]),
        Choice(value: "otro", label: "Otro", synonyms: ["convivencia", "encargada de convivencia"]),
    ]

    @Test(arguments: [("soy profesora encargada, hago clases de 1ro a 6to", "encargado"), ("profe encargado", "encargado"),
                      ("la encargada de convivencia", "otro"), ("profesora de lenguaje", "docente")])
    func longerFormWins(_ c: (String, String)) {
        #expect(SlotParser.choice(in: c.0, choices: Self.roles)?.value == c.1)
    }

    @Test func sideBySideStaysUnclear() {
        #expect(SlotParser.choice(in: "directora y profesora", choices: Self.roles) == nil)
    }
}
