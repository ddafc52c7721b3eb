@testable import DialogEngine
import Testing

/// A message at the menu is offered only to the flows whose claim cues it holds (a word, a word's
/// opening, a byte), in the catalog's order; a flow without cues is asked every message. (Debug
/// builds also ask the flows left out, and assert that none of them claims the message.)
struct ClaimIndexTests {
    /// Claims a message holding `word`.
    struct Cued: FlowExtension {
        let cues: ClaimCues
        let word: String

        func claimCues(_ flow: FlowDefinition) -> ClaimCues { cues }

        func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
            message.clean.contains(word) ? Claim(reads: message.clean) : nil
        }
    }

    func started(_ text: String, _ byFlow: [String: any FlowExtension]) -> String? {
        var h = EngineHarness()
        h.context.extensions = FlowExtensions(byFlow: byFlow)
        if case .startFlow(let id, _, _, _, _, _) = h.engine.understand(Utterance(text), state: h.state, context: h.context) { return id }
        return nil
    }

    /// The flows `text` is offered to, by id.
    func asked(_ text: String, _ byFlow: [String: any FlowExtension]) -> [String] {
        let index = ClaimIndex(catalog: EngineHarness().engine.catalog, byFlow: byFlow)
        let candidates = index.candidates(Utterance(text))
        var out: [String] = []
        var next = index.firstAsked(candidates, from: 0)
        while let i = next {
            out.append(index.entries[i].flow.id)
            next = index.firstAsked(candidates, from: i + 1)
        }
        return out
    }

    @Test func aFlowIsAskedOnlyWithItsCue() {
        let byFlow: [String: any FlowExtension] = ["acuerdo": Cued(cues: ClaimCues(words: ["huerto"]), word: "huerto")]
        #expect(asked("mañana llueve en Valdivia", byFlow).isEmpty)
        #expect(asked("el huerto de la escuela ya tiene tomates", byFlow) == ["acuerdo"])
        #expect(started("el huerto de la escuela ya tiene tomates", byFlow) == "acuerdo")
    }

    @Test func openingsAndBytesAreCues() {
        let byFlow: [String: any FlowExtension] = [
            "acuerdo": Cued(cues: ClaimCues(prefixes: ["invernader"]), word: "invernader"),
            "encuentro": Cued(cues: ClaimCues(bytes: [UInt8(ascii: "%")]), word: "%"),
        ]
        #expect(asked("los invernaderos quedaron listos", byFlow) == ["acuerdo"])
        #expect(started("los invernaderos quedaron listos", byFlow) == "acuerdo")
        #expect(asked("subimos al 80% de lectura", byFlow) == ["encuentro"])
        #expect(started("subimos al 80% de lectura", byFlow) == "encuentro")
        #expect(asked("el invernadero llegó al 80%", byFlow).count == 2)
    }

    @Test func aFlowWithoutCuesIsAskedEveryMessage() {
        let byFlow: [String: any FlowExtension] = ["acuerdo": Cued(cues: .always, word: "nunca dicho")]
        #expect(asked("mañana llueve en Valdivia", byFlow) == ["acuerdo"])
        #expect(asked("el huerto de la escuela", byFlow) == ["acuerdo"])
    }

    @Test func theCatalogOrderDecidesBetweenTwoThatClaim() {
        let byFlow: [String: any FlowExtension] = [
            "acuerdo": Cued(cues: ClaimCues(words: ["huerto"]), word: "huerto"),
            "encuentro": Cued(cues: ClaimCues(words: ["huerto"]), word: "huerto"),
        ]
        let order = EngineHarness().engine.catalog.flows.map(\.id).filter { $0 == "acuerdo" || $0 == "encuentro" }
        #expect(asked("el huerto de la escuela ya tiene tomates", byFlow) == order)
        #expect(started("el huerto de la escuela ya tiene tomates", byFlow) == order.first)
    }

    /// A flow with news words (`statementWords`): only a message holding one of them, as a whole
    /// word, opens `statementOnExistingRecord`'s gate (the claim pass is not run for the others).
    struct Telling: FlowExtension {
        var statementWords: [String] { ["termine", "mande"] }
        func claimCues(_ flow: FlowDefinition) -> ClaimCues { ClaimCues(words: statementWords) }
    }

    @Test func statementWordsAreLookedForAsWholeWords() {
        let index = ClaimIndex(catalog: EngineHarness().engine.catalog, byFlow: ["seguimiento": Telling()])
        #expect(index.holdsStatementWord(Utterance("la guía la terminé")))
        #expect(index.holdsStatementWord(Utterance("Mandé el acta el 2 de diciembre")))
        #expect(!index.holdsStatementWord(Utterance("terminemos la guía de fracciones")))
        #expect(!index.holdsStatementWord(Utterance("acta de la reunión")))
        let none = ClaimIndex(catalog: EngineHarness().engine.catalog, byFlow: ["acuerdo": Cued(cues: ClaimCues(words: ["termine"]), word: "termine")])
        #expect(!none.holdsStatementWord(Utterance("la guía la terminé")))
    }
}
