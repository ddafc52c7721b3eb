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

    /// Two people joined by «con» or «y» before one doing open an agreement of their own (issue
    /// 12); a pair inside one doing does not.
    @Test func pairOpensOne() {
        let people = ["Teresa Vidal", "Mario Soto", "Berta Luengo"]
        #expect(AcuerdoFlow.items("teresa manda la pauta de lectura el 20 de mayo y mario con berta arman el calendario de visitas para el 10 de junio",
                                  user: nil, people: people, announced: true)
            == ["teresa manda la pauta de lectura el 20 de mayo", "mario con berta arman el calendario de visitas para el 10 de junio"])
        let inside = "teresa revisa la pauta con mario y berta el lunes"
        #expect(AcuerdoFlow.items(inside, user: nil, people: people) == [inside])
    }

    /// Announced as several, each with its own when: cut after the first when.
    @Test func announcedCutByWhens() {
        #expect(AcuerdoFlow.datedParts("teresa copia las pruebas el 21 de mayo y el mural lo arman mario y berta pal 4 de junio")
            == ["teresa copia las pruebas el 21 de mayo", "el mural lo arman mario y berta pal 4 de junio"])
        #expect(AcuerdoFlow.datedParts("teresa manda la pauta el 20 de mayo y el 10 de junio") == nil)
    }

    /// A clause naming its object first opens one; «, todo pal …» is each one's deadline; a role
    /// and school between commas after a name keep it one agreement (issue 12). A second task of
    /// the same doer «con» someone is its own agreement, its doer named in its text (the split
    /// lost the implied subject).
    @Test func objectFirstSharedWhenAndApposition() {
        let people = ["Teresa Vidal", "Mario Soto", "Berta Luengo", "Rosa Huenchuman", "Pedro Cayul"]
        #expect(AcuerdoFlow.items("teresa manda la pauta y el calendario lo arman mario y berta, todo pal 10 de junio",
                                  user: nil, people: people, announced: true)
            == ["teresa manda la pauta pal 10 de junio", "el calendario lo arman mario y berta pal 10 de junio"])
        let apposition = "la Rosa Huenchuman, profesora de la escuela Lolocura, y el Pedro mandan el informe el viernes"
        #expect(AcuerdoFlow.items(apposition, user: nil, people: people) == [apposition])
        let withPartner = "mario arma el calendario y la pauta la revisa con berta el lunes"
        #expect(AcuerdoFlow.items(withPartner, user: nil, people: people)
            == ["mario arma el calendario", "la pauta la revisa mario con berta el lunes"])
    }
}
