@testable import Assistant
import DialogEngine
@testable import Domain
import Testing
import Understanding

/// `Organization.Kind.mayBeNamed` rules out only the messages in which no word could name a
/// kind: the organisation read after a request's verb is then never one.
@Suite struct OrganizationKindGateTests {
    static let messages = [
        "registrar un acuerdo", "registrar la junta de vecinos Villa Esperanza", "anota el CES-FAM de Quellón",
        "registrar el Cesfam Los Lagos", "trabajamos también con la OPD de San Carlos", "trabajamos con la escuela",
        "anotar la Fundación Educacional Chiloé", "registrar una reunión", "nueva organización", "vincular al DAEM",
        "anota que la Rosa trae las fotos", "registremos la agrupación de apoderados", "anotemos el club deportivo",
        "registrar  la   muni", "registrar la Universidad Austral", "anota: OPD Valdivia", "registrar la parroquia 2",
    ]

    @Test func gateHidesNoName() {
        for m in Self.messages {
            let u = Utterance(m)
            if !Organization.Kind.mayBeNamed(inFolded: u.phrase.folded) {
                #expect(OrganizacionFlow.namedAfterRequest(u) == nil, "\(m)")
            }
        }
        #expect(!Organization.Kind.mayBeNamed(inFolded: Phrase("registrar un acuerdo").folded))
        #expect(Organization.Kind.mayBeNamed(inFolded: Phrase("anota el CES-FAM de Quellón").folded))
        #expect(OrganizacionFlow.namedAfterRequest(Utterance("anota el CES-FAM de Quellón")) == "CES-FAM de Quellón")
        #expect(OrganizacionFlow.namedAfterRequest(Utterance("registrar la junta de vecinos Villa Esperanza")) == "junta de vecinos Villa Esperanza")
        #expect(OrganizacionFlow.namedAfterRequest(Utterance("registrar un acuerdo")) == nil)
    }

    /// Every word of the kinds' table is found in a text that has it, even split by other marks.
    @Test func everyKindWordFound() {
        for (_, words) in Organization.Kind.table {
            for w in words {
                #expect(Organization.Kind.mayBeNamed(inFolded: "anota la " + w), "\(w)")
                #expect(Organization.Kind.mayBeNamed(inFolded: w), "\(w)")
            }
        }
        #expect(!Organization.Kind.mayBeNamed(inFolded: ""))
        // The letters are read across spaces and marks: a superset of the words, never fewer.
        #expect(Organization.Kind.mayBeNamed(inFolded: "op d"))
        #expect(!Organization.Kind.mayBeNamed(inFolded: "registrar una reunion"))
    }
}
