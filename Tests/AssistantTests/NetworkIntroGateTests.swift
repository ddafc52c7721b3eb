@testable import Assistant
import Domain
import Testing

/// The cheap paths of `NetworkIntro`'s readings at the menu (the first word, a byte search of
/// each network's name) give what the word-by-word readings give; their debug assertions compare
/// them on every message too.
@Suite struct NetworkIntroGateTests {
    @Test func withoutOpening() {
        #expect(NetworkIntro.withoutOpening("registrar un acuerdo") == "registrar un acuerdo")
        // Spaces at the ends or doubled: the words joined, as before.
        #expect(NetworkIntro.withoutOpening("  registrar  un acuerdo ") == "registrar un acuerdo")
        #expect(NetworkIntro.withoutOpening("¡Hola! registrar acuerdo") == "registrar acuerdo")
        #expect(NetworkIntro.withoutOpening("Hola, soy supervisora del deprov. Necesito crear otra red") == "Necesito crear otra red")
        #expect(NetworkIntro.withoutOpening("me llamo Ana, quiero crear otra red") == "quiero crear otra red")
        #expect(NetworkIntro.withoutOpening("me gustaría crear otra red") == "me gustaría crear otra red")
        #expect(NetworkIntro.withoutOpening("!!!") == "!!!")
    }

    @Test func namesOnly() {
        let all = [Network(id: "r1", name: "Red Directores Quilicura", kind: .rme),
                   Network(id: "r2", name: "Microcentro Los Andes", kind: .microcentro)]
        #expect(NetworkIntro.namesOnly("a la Red Directores Quilicura", among: all)?.id == "r1")
        #expect(NetworkIntro.namesOnly("microcentro los ándes po", among: all)?.id == "r2")
        // Every word is in the name, but not the whole name: not it.
        #expect(NetworkIntro.namesOnly("directores quilicura", among: all) == nil)
        #expect(NetworkIntro.namesOnly("registrar un acuerdo", among: all) == nil)
        #expect(NetworkIntro.namesOnly("Red Directores Quilicura", among: [all[0]]) == nil)
    }
}
