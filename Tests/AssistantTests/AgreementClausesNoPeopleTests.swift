import Testing
@testable import Assistant

/// Several agreements in one clause when no one is known yet (a network with no members and a
/// speaker with no name, as over the JSON protocol): names known only by their capitals split the
/// clause when every clause says its own deadline (qa22 S5).
struct AgreementClausesNoPeopleTests {
    @Test func splitsWhenEachClauseSaysItsDeadline() {
        let items = AcuerdoFlow.items("Ximena coordina la feria cientifica del 10 de diciembre y Tomas consigue el gimnasio de la junta de vecinos antes del 5",
                                      user: nil, people: [])
        #expect(items == ["Ximena coordina la feria cientifica del 10 de diciembre", "Tomas consigue el gimnasio de la junta de vecinos antes del 5"])
        let variant = AcuerdoFlow.items("que Julia lleva los materiales el martes 8 y Pedro arma el diario mural para el 11 de diciembre", user: nil, people: [])
        #expect(variant.count == 2)
    }

    @Test func oneSharedDeadlineStaysOne() {
        let clause = "Javiera arma el stand y Mateo lo decora, pal 12 de diciembre"
        #expect(AcuerdoFlow.items(clause, user: nil, people: []) == [clause])
    }
}
