@testable import Assistant
import Domain
import Testing

/// The people a network knows are kept between turns; whatever way the network changes, the
/// list must be what a fresh reading gives.
@Suite struct KnownPeopleTests {
    func agreement(_ id: String, _ people: [String]) -> Agreement {
        Agreement(id: id, text: "t", responsables: people, deadline: nil, evidence: nil, registered: "")
    }

    @Test func followsEveryChange() {
        let known = KnownPeople()
        var s = NetworkSnapshot(network: Network(id: "red", name: "Red", kind: .rme),
                                members: [Member(id: "ana", name: "Ana Pérez")],
                                agreements: [agreement("A-1", ["Ana Pérez", "Luis Soto"])])
        #expect(known.names(in: s, speaker: "Marcela") == ["Ana Pérez", "Luis Soto", "Marcela"])
        #expect(known.names(in: s, speaker: "Luis Soto") == ["Ana Pérez", "Luis Soto"])
        // Appended agreement: its new responsable joins.
        s.agreements.append(agreement("A-2", ["Carla Díaz", "Ana Pérez"]))
        s.revision += 1
        #expect(known.names(in: s, speaker: nil) == ["Ana Pérez", "Luis Soto", "Carla Díaz"])
        // An earlier agreement reassigned: Luis is no longer anyone's responsable.
        s.agreements[0].responsables = ["Ana Pérez"]
        s.agreements.append(agreement("A-3", []))
        s.revision += 1
        s.rewritten = s.revision
        #expect(known.names(in: s, speaker: nil) == ["Ana Pérez", "Carla Díaz"])
        // A new member comes first, as members do.
        s.members.append(Member(id: "pedro", name: "Pedro Rojas"))
        s.revision += 1
        s.rewritten = s.revision
        #expect(known.names(in: s, speaker: nil) == ["Ana Pérez", "Pedro Rojas", "Carla Díaz"])
    }
}
