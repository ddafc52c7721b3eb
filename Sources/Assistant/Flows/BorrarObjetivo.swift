import DialogEngine
import Domain
import FileStore
import Foundation
import Understanding

/// `dialogs/borrar-objetivo.yaml`: objectives taken out of the common purpose. They are named by
/// number («saca los objetivos 4 y 5»), by position («el primero», «el último») or by their own
/// words in quotes («borra "eso no mas" y "no"»); the version before goes to the purpose's
/// history, the way every change of the purpose is kept.
struct BorrarObjetivoFlow: MingaFlow {
    let id = "borrar_objetivo"
    let saveKind: String? = "purpose_objective_delete"
    let slotNames = ["objetivos"]
    /// Its save takes a record out: «vuelve a ponerlo» right after it undoes it.
    var removesRecord: Bool { true }
    /// «¿Lo borro?» — «no», «mejor no»: nothing is deleted and it stays as it was (issue 12: it
    /// asked the field again, as if something else were to be deleted).
    func declineKeeps(_ run: FlowRun, context: EngineContext) -> Bool { true }

    func blocker(_ context: EngineContext) -> String? {
        guard let s = context.snapshot, s.purpose?.objectives.isEmpty ?? true else { return nil }
        return "La red todavía no tiene objetivos escritos. Si quieres, escribe «escribir el propósito»."
    }

    static let deleteStems = ["borr", "elimin", "saca", "saqu", "quit", "anul"]

    /// `claim` needs one of these (`ClaimCues`): An objective named.
    func claimCues(_ flow: FlowDefinition) -> ClaimCues { ClaimCues(prefixes: ["objetivo"]) }

    /// «oye en los objetivos quedaron cosas malas, borra "eso no mas" y "no"», «eliminar el objetivo 5».
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        guard t.contains(where: { $0.hasPrefix("objetivo") }), t.contains(where: { w in Self.deleteStems.contains { w.hasPrefix($0) } }),
              // «borra la meta del objetivo 2», «saca el acuerdo del objetivo 1»: something else, of an objective.
              !t.contains(where: { ["meta", "metas", "acuerdo", "acuerdos", "indicador", "revision"].contains($0) }),
              !QuestionForm.asks(message), let p = context.snapshot?.purpose, !p.objectives.isEmpty else { return nil }
        let picked = Self.picked(message.clean, p.objectives)
        guard !picked.isEmpty else { return nil }
        return Claim(values: ["objetivos": .text(Self.describe(picked, p.objectives))])
    }

    /// The objectives (their numbers, from 1) that `text` names.
    static func picked(_ text: String, _ objectives: [String]) -> [Int] {
        var out: [Int] = []
        func add(_ n: Int) { if objectives.indices.contains(n - 1), !out.contains(n) { out.append(n) } }
        // «"eso no mas"»: an objective by its exact words.
        let quoted = text.split(whereSeparator: { "\"“”«»".contains($0) }).enumerated().filter { $0.offset % 2 == 1 }.map { TextFold.fold(String($0.element)).trimmingCharacters(in: .whitespaces) }
        if text.contains(where: { "\"“”«»".contains($0) }) {
            for q in quoted { for (i, o) in objectives.enumerated() where TextFold.fold(o).trimmingCharacters(in: .whitespaces) == q { add(i + 1) } }
        }
        // «los objetivos 4 y 5», «el 2», «objetivo n° 3», or the «(4 («…»)» the review shows.
        let t = Phrase(text).tokens
        for (i, w) in t.enumerated() {
            guard let n = Int(w) else { continue }
            let before = t[..<i].reversed().prefix { Int($0) != nil || ["y", "e", "o", "n", "numero", "nro", "el", "la", "los", "las", "del", "al"].contains($0) }
            let anchor = i - before.count - 1
            if anchor < 0 || t[anchor].hasPrefix("objetivo") || deleteStems.contains(where: t[anchor].hasPrefix) { add(n) }
        }
        let ordinals = ["primero": 1, "primer": 1, "segundo": 2, "tercero": 3, "tercer": 3, "cuarto": 4, "quinto": 5]
        for w in t { if let n = ordinals[w] { add(n) } }
        if t.contains(where: { $0 == "ultimo" }) { add(objectives.count) }
        // «ya no vamos a hacer visitas de aula, saca ese objetivo»: by its words, when one
        // objective has most of its words said and more of them than any other.
        if out.isEmpty {
            let said = Set(Phrase(text).stems)
            let scores = objectives.map { o -> Int in
                let own = Set(Phrase(o).stems)
                let hits = own.intersection(said).count
                return own.isEmpty || hits * 3 < own.count * 2 || (hits < 2 && own.count > 1) ? 0 : hits
            }
            if let top = scores.max(), top > 0, scores.filter({ $0 == top }).count == 1, let k = scores.firstIndex(of: top) { add(k + 1) }
        }
        // «sacar el objetivo de la mediación escolar»: the words after «objetivo» name one (fewer
        // of its words than above, but said as its name).
        if out.isEmpty, let n = EditarObjetivoFlow.named(text, Purpose(statement: "", objectives: objectives)) { add(n) }
        return out.sorted()
    }

    /// «1, 3 y 4»: the numbers as a person would say them, so `picked` reads them back like any
    /// answer; `gone` says their words.
    static func describe(_ numbers: [Int], _ objectives: [String]) -> String {
        SlotValue.joinSpanish(numbers.map(String.init))
    }

    /// «Salen: «eso no mas» y «no».»
    static func gone(_ numbers: [Int], _ objectives: [String]) -> String {
        (numbers.count == 1 ? "Sale: " : "Salen: ") + SlotValue.joinSpanish(numbers.map { "«\(objectives[$0 - 1])»" }) + "."
    }

    /// The objectives as they are, so «el 2» or «el último» can name one (and a number said that
    /// does not exist shows why it is asked again).
    func beforeAsking(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> [String] {
        guard slot.name == "objetivos", let p = context.snapshot?.purpose, !p.objectives.isEmpty else { return [] }
        return ["Hoy los objetivos son:" + p.objectives.enumerated().map { "\n\($0.offset + 1). \($0.element)" }.joined()]
    }

    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        guard slot.name == "objetivos", let p = context.snapshot?.purpose else { return nil }
        let picked = Self.picked(message.clean, p.objectives)
        return picked.isEmpty ? nil : .fill(["objetivos": .text(Self.describe(picked, p.objectives))], remark: nil)
    }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard slot.name == "objetivos", let p = context.snapshot?.purpose, let text = value.textValue else { return .accept }
        let picked = Self.picked(text, p.objectives)
        guard !picked.isEmpty else {
            return .reject("El propósito tiene \(p.objectives.count) objetivos: dime cuáles saco con sus números, del 1 al \(p.objectives.count).")
        }
        guard picked.count < p.objectives.count else {
            return .reject("Así no quedaría ningún objetivo. Dime cuáles saco, o escribe «escribir el propósito» para rehacerlo.")
        }
        let shown = Self.describe(picked, p.objectives)
        return shown == text ? .accept([Self.gone(picked, p.objectives)]) : .replace(.text(shown), remarks: [Self.gone(picked, p.objectives)])
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        guard var p = snapshot.purpose, let text = v["objetivos"]?.textValue else { throw StoreError.notFound("esos objetivos") }
        let picked = Self.picked(text, p.objectives)
        guard !picked.isEmpty, picked.count < p.objectives.count else { throw StoreError.notFound("esos objetivos") }
        p.history.append(Purpose.Version(date: p.date, statement: p.statement, objectives: p.objectives))
        let gone = picked.map { p.objectives[$0 - 1] }
        p.objectives = p.objectives.enumerated().filter { !picked.contains($0.offset + 1) }.map(\.element)
        p.date = w.clock.today()
        try w.store.savePurpose(p, network: snapshot.network.id)
        let which = gone.count == 1 ? "saqué el objetivo «\(gone[0])»" : "saqué \(gone.count) objetivos (" + SlotValue.joinSpanish(gone.map { "«\($0)»" }) + ")"
        let left = p.objectives.enumerated().map { "\n\($0.offset + 1). \($0.element)" }.joined()
        return ["id": snapshot.network.id, "resumen": which + "; la versión anterior quedó en el historial. Los objetivos quedan así:" + left]
    }
}
