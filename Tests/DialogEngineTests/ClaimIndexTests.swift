import DialogEngine
import Testing

/// A message at the menu is offered only to the flows whose claim cues it holds (a word, a word's
/// opening, a byte), in the catalog's order; a flow without cues is asked every message.
struct ClaimIndexTests {
    /// Counts the claims it is asked, and claims a message holding `word`.
    final class Asked: @unchecked Sendable {
        var count = 0
    }

    struct Cued: FlowExtension {
        let cues: ClaimCues
        let asked: Asked
        let word: String

        func claimCues(_ flow: FlowDefinition) -> ClaimCues { cues }

        func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
            asked.count += 1
            return message.phrase.tokens.contains(where: { $0.hasPrefix(word) }) || message.clean.contains(word) ? Claim(reads: message.clean) : nil
        }
    }

    func started(_ text: String, _ byFlow: [String: any FlowExtension]) -> String? {
        var h = EngineHarness()
        h.context.extensions = FlowExtensions(byFlow: byFlow)
        if case .startFlow(let id, _, _, _, _, _) = h.engine.understand(Utterance(text), state: h.state, context: h.context) { return id }
        return nil
    }

    @Test func aFlowIsAskedOnlyWithItsCue() {
        let asked = Asked()
        let byFlow: [String: any FlowExtension] = ["acuerdo": Cued(cues: ClaimCues(words: ["huerto"]), asked: asked, word: "huerto")]
        _ = started("mañana llueve en Valdivia", byFlow)
        #expect(asked.count == 0)
        #expect(started("el huerto de la escuela ya tiene tomates", byFlow) == "acuerdo")
        #expect(asked.count == 1)
    }

    @Test func openingsAndBytesAreCues() {
        let asked = Asked()
        let byFlow: [String: any FlowExtension] = [
            "acuerdo": Cued(cues: ClaimCues(prefixes: ["invernader"]), asked: asked, word: "invernader"),
            "encuentro": Cued(cues: ClaimCues(bytes: [UInt8(ascii: "%")]), asked: asked, word: "%"),
        ]
        #expect(started("los invernaderos quedaron listos", byFlow) == "acuerdo")
        #expect(asked.count == 1)
        #expect(started("subimos al 80% de lectura", byFlow) == "encuentro")
        #expect(asked.count == 2)
    }

    @Test func aFlowWithoutCuesIsAskedEveryMessage() {
        let asked = Asked()
        let byFlow: [String: any FlowExtension] = ["acuerdo": Cued(cues: .always, asked: asked, word: "nunca-dicho")]
        _ = started("mañana llueve en Valdivia", byFlow)
        _ = started("el huerto de la escuela", byFlow)
        #expect(asked.count == 2)
    }

    @Test func theCatalogOrderDecidesBetweenTwoThatClaim() {
        let asked = Asked()
        let byFlow: [String: any FlowExtension] = [
            "acuerdo": Cued(cues: ClaimCues(words: ["huerto"]), asked: asked, word: "huerto"),
            "encuentro": Cued(cues: ClaimCues(words: ["huerto"]), asked: asked, word: "huerto"),
        ]
        let order = EngineHarness().engine.catalog.flows.map(\.id)
        let first = order.first { $0 == "acuerdo" || $0 == "encuentro" }
        #expect(started("el huerto de la escuela ya tiene tomates", byFlow) == first)
        #expect(asked.count == 1)
    }
}
