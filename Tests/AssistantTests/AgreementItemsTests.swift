@testable import Assistant
import Testing

/// Several agreements in one dictated clause, in a network with no members yet (a network created
/// over the JSON protocol, whose user is an id): capitalised first names still open each one when
/// every part says its own when (pass 13, qa22: «acuerdos: Ximena … del 10 de diciembre y Tomas …
/// antes del 5» was one agreement, both people, the first date).
@Suite struct AgreementItemsTests {
    @Test func splitByNamesWithoutMembers() {
        #expect(AcuerdoFlow.items("Ximena coordina la feria cientifica del 10 de diciembre y Tomas consigue el gimnasio antes del 5",
                                  user: nil, people: [])
            == ["Ximena coordina la feria cientifica del 10 de diciembre", "Tomas consigue el gimnasio antes del 5"])
        #expect(AcuerdoFlow.items("Ximena manda las fotos para el 14 de diciembre y Tomas devuelve las llaves el 11", user: nil, people: []).count == 2)
    }

    /// One shared deadline, or people inside one task, keep it one agreement.
    @Test func oneWhenKeepsOne() {
        let shared = "Ximena coordina la feria y Tomas consigue el gimnasio, todo para el 5"
        #expect(AcuerdoFlow.items(shared, user: nil, people: []) == [shared])
        let together = "Ximena y Tomas consiguen el gimnasio antes del 5"
        #expect(AcuerdoFlow.items(together, user: nil, people: []) == [together])
    }
}
