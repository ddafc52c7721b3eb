import DialogEngine
import Domain
import FileStore
import Foundation
import Understanding

/// `dialogs/agregar-objetivo.yaml`: one more objective for the common purpose, said once it is
/// written («agrega objetivo: compartir instrumentos…», «agregar un objetivo nuevo al
/// proposito»). The others keep their words; the version before goes to the purpose's history.
struct AgregarObjetivoFlow: MingaFlow {
    /// «objetivo 1: …», «2) …», «a.- …»: the item's marker is no part of it (`ItemMarker`).
    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        slot.name == "texto" ? ItemMarker.verdict(value, labels: ["objetivo", "meta"]) : .accept
    }

    let id = "agregar_objetivo"
    let saveKind: String? = "purpose_objective_add"
    let slotNames = ["texto"]

    func blocker(_ context: EngineContext) -> String? {
        guard context.snapshot?.purpose == nil else { return nil }
        return "La red todavía no tiene propósito escrito. Si quieres, escribe «escribir el propósito»."
    }

    static let addStems = ["agreg", "sum", "anad", "añad", "incorpor"]
    /// Words between the verb and the objective's own text: «un objetivo nuevo al propósito».
    static let leadWords: Set<String> = ["un", "uno", "otro", "el", "objetivo", "nuevo", "mas", "al", "a", "del", "de", "la", "los", "proposito", "que", "es", "sea", "seria"]

    /// `claim` needs one of these (`ClaimCues`): An objective named.
    func claimCues(_ flow: FlowDefinition) -> ClaimCues { ClaimCues(prefixes: ["objetivo"]) }

    /// «agrega objetivo: compartir…», «agregar un objetivo nuevo al proposito»: an objective
    /// added, with its text when the message says it. A question («¿cómo agrego otro
    /// objetivo?») is left to the help.
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        guard t.contains("objetivo"), let verb = t.firstIndex(where: { w in Self.addStems.contains { w.hasPrefix($0) } }),
              t.firstIndex(of: "objetivo").map({ $0 > verb }) ?? false,
              !t.contains(where: { ["meta", "metas", "acuerdo", "acuerdos", "indicador"].contains($0) }),
              !QuestionForm.asks(message), context.snapshot?.purpose != nil else { return nil }
        guard let text = Self.text(message.clean) else { return Claim(values: [:]) }
        return Claim(values: ["texto": .text(text)], echo: ["objetivo nuevo: «\(text)»"])
    }

    /// The objective's own words: what follows «:», or what follows the verb and its lead words
    /// («agrega un objetivo que sea leer más»); nil when nothing is left («…nuevo al propósito»).
    static func text(_ message: String) -> String? {
        var rest: String
        if let colon = message.firstIndex(of: ":") {
            rest = String(message[message.index(after: colon)...])
        } else {
            let words = message.split(separator: " ").map(String.init)
            guard let v = words.firstIndex(where: { w in addStems.contains { Phrase(w).tokens.first?.hasPrefix($0) ?? false } }) else { return nil }
            let after = words[(v + 1)...].drop { leadWords.contains(Phrase($0).tokens.first ?? "") }
            rest = after.joined(separator: " ")
        }
        rest = rest.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
        return Phrase(rest).stems.count >= 2 ? rest : nil
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        guard var p = snapshot.purpose, let text = v["texto"]?.textValue else { throw StoreError.notFound("el propósito") }
        p.history.append(Purpose.Version(date: p.date, statement: p.statement, objectives: p.objectives))
        p.objectives.append(text)
        p.date = w.clock.today()
        try w.store.savePurpose(p, network: snapshot.network.id)
        return ["id": snapshot.network.id, "resumen": "el propósito tiene ahora \(p.objectives.count) objetivos; el \(p.objectives.count) es «\(text)». La versión anterior quedó en el historial."]
    }
}
