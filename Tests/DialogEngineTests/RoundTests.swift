import DialogEngine
import Testing

/// The engine's side of a round, with a stand-in extension going through three records.
struct RoundTests {
    struct ThreeRecords: FlowExtension {
        static let order = ["A", "B", "C"]

        func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
            Prefill(values: ["objetivo": .text("A")], round: true)
        }

        func nextInRound(after run: FlowRun, context: EngineContext) -> SlotValues? {
            guard let o = run.values["objetivo"]?.textValue, let i = Self.order.firstIndex(of: o), i + 1 < Self.order.count else { return nil }
            return ["objetivo": .text(Self.order[i + 1])]
        }
    }

    func harness() -> EngineHarness {
        var h = EngineHarness()
        h.context.extensions = FlowExtensions(byFlow: ["avance-objetivo": ThreeRecords()])
        return h
    }

    /// A saved record starts the next one; «siguiente» skips one unsaved; «hasta ahí no más» closes.
    @Test func savesSkipsAndStops() {
        var h = harness()
        h.say("revisar los objetivos")
        #expect(h.state.current?.round == 1 && h.state.current?.values["objetivo"] == .text("A"))
        h.say("leimos en parejas")
        h.say("saltar")
        h.say("en camino")
        let saved = h.say("si")
        #expect(h.saved.count == 1 && h.saved[0].values["objetivo"] == .text("A"))
        #expect(!saved.contains { $0.hasPrefix("<cierre") })
        #expect(h.state.current?.round == 2 && h.state.current?.values["objetivo"] == .text("B"))
        h.say("siguiente")
        #expect(h.state.current?.round == 3 && h.state.current?.values["objetivo"] == .text("C"))
        let stopped = h.say("ya, hasta ahí no más")
        #expect(stopped.contains("<cierre: avance-objetivo>") && h.state.stack.isEmpty && h.saved.count == 1)
    }

    /// The last record saved closes the round.
    @Test func theLastOneCloses() {
        var h = harness()
        h.say("revisar los objetivos")
        h.say("siguiente")
        h.say("siguiente")
        h.say("hicimos un taller")
        h.say("saltar")
        h.say("logrado")
        let out = h.say("si")
        #expect(h.saved.count == 1 && h.saved[0].values["objetivo"] == .text("C"))
        #expect(out.last == "<cierre: avance-objetivo>" && h.state.stack.isEmpty)
    }
}
