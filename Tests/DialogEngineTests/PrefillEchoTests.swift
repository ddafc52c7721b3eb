import DialogEngine
import Testing

/// A flow's own reading of the request replaces the engine's for the slots it sets: the «Anoté:»
/// line says the flow's value once, never the engine's first reading next to it.
struct PrefillEchoTests {
    /// Rewrites the agreement's text the engine read, and says it.
    struct Rewrite: FlowExtension {
        func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
            guard run.values["texto"] != nil else { return Prefill() }
            return Prefill(values: ["texto": .text("mandar la planificación")], echo: ["acuerdo: mandar la planificación"])
        }
    }

    /// Sets the same value the engine read: the engine's echo stays, once.
    struct Same: FlowExtension {
        func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
            guard let v = run.values["texto"] else { return Prefill() }
            return Prefill(values: ["texto": v])
        }
    }

    func noted(with ext: any FlowExtension) -> String? {
        var h = EngineHarness()
        h.context.extensions = FlowExtensions(byFlow: ["acuerdo": ext])
        return h.say("anota que Marcela manda la planificación de lenguaje el viernes").first { $0.hasPrefix("Anoté:") }
    }

    @Test func aReplacedValueIsEchoedAsTheFlowReadIt() throws {
        let line = try #require(noted(with: Rewrite()))
        #expect(line.contains("acuerdo: mandar la planificación"))
        #expect(!line.contains("de lenguaje"))
        #expect(line.components(separatedBy: "acuerdo:").count == 2)
    }

    @Test func anUnchangedValueKeepsTheEngineEcho() throws {
        let line = try #require(noted(with: Same()))
        #expect(line.components(separatedBy: "acuerdo:").count == 2)
        #expect(line.contains("de lenguaje"))
    }
}
