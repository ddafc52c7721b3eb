import CivilTime
import DialogEngine
import FlowFiles
import Foundation

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Drives the engine like a session does, with the project's own dialog files.
struct EngineHarness {
    static let flows = try! FlowLoader.load(directory: repositoryRoot.appendingPathComponent("dialogs"))
    let engine = DialogEngine(catalog: FlowCatalog(EngineHarness.flows))
    var state = DialogState()
    var context = EngineContext(now: CivilTime.Clock.parseNow("2026-11-25T10:00", timeZone: .santiago)!, timeZone: .santiago,
                                members: ["Ana Pérez", "Luis Soto", "Marcela Rivas"], userName: "Ana Pérez")
    var saved: [SaveRequest] = []
    var answered: [Query] = []
    var lastExpects: Expectation?

    /// Sends one message; returns what Minga says.
    @discardableResult
    mutating func say(_ text: String) -> [String] {
        var turn = engine.handle(text, state: &state, context: context)
        lastExpects = turn.expects
        var out: [String] = []
        var effects = turn.effects[...]
        while let e = effects.popFirst() {
            switch e {
            case .say(let s): out.append(s)
            case .save(let r): saved.append(r); out.append("<guardado>")
            case .answer(let q): answered.append(q); out.append("<respuesta>")
            case .addMembers(let names, _): out.append("<miembros: \(names.joined(separator: ", "))>")
            case .completeMembers(let names, _): out.append("<datos de: \(names.joined(separator: ", "))>")
            case .closeRound(let flow): out.append("<cierre: \(flow)>")
            case .learnedName(let name): out.append("<nombre: \(name)>")
            case .startFollowing:
                // As a session does once the save is carried out.
                turn = engine.startFollowing(state: &state, context: context)
                lastExpects = turn.expects
                effects = turn.effects[...] + effects
            }
        }
        return out
    }
}
