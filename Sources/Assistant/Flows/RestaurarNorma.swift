import CivilTime
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/restaurar-norma.yaml`: «deshacer» after a change of state of a norm
/// (`NormaEstadoFlow`), in this conversation or a later one of the same person (qa39: «deshacer»
/// in the next run said there was nothing to undo, and a restore by hand kept the repeal's day as
/// the day it was agreed). The norm goes back to exactly what it was before that change
/// (`Norm.undoLastChange`), and its history keeps the change and the undo. Only while that change
/// is still the norm's last: one made since (by someone else) is never undone over.
struct RestaurarNormaFlow: MingaFlow {
    let id = "restaurar-norma"
    let saveKind: String? = "norm_restore"
    let slotNames = ["norma", "estado"]

    /// «¿La dejo como estaba?» — «no»: it stays as it is, nothing more is asked.
    func declineKeeps(_ run: FlowRun, context: EngineContext) -> Bool { true }

    /// The norm's last change when it can be undone: the one `count` changes long (the change the
    /// session saved), not itself an undo. Nil otherwise.
    static func undoable(_ norm: Norm, count: Int?) -> Norm.Change? {
        guard let last = norm.changes.last, !last.isUndo, count == nil || count == norm.changes.count else { return nil }
        return last
    }

    /// What the norm goes back to, as the review and the reply say it.
    static func state(_ c: Norm.Change, today: LocalDate) -> String {
        switch c.before {
        case .acordada:
            let day = c.beforeAgreedOn ?? c.beforeDate
            return "acordada" + (day.map { " (desde el \(SpanishFormat.date($0, today: today)))" } ?? "")
        case .derogada: return "derogada" + (c.beforeReason.map { " (motivo: \($0))" } ?? "")
        case .propuesta: return "propuesta"
        }
    }

    /// «deshacer» right after an undo: said what it was, nothing undone again.
    func cannotUndo(_ record: String, context: EngineContext) -> String? {
        guard let norm = context.snapshot?.norms.first(where: { $0.id == record }), let n = norm.number else { return nil }
        if norm.changes.last?.isUndo != true { return NormaEstadoFlow.changedSince(norm, n) }
        return "Lo último que guardaste fue deshacer un cambio de la norma \(n); hoy está \(norm.state.label). Si quieres cambiarla otra vez, dime cómo queda."
    }

    /// The review names the norm by its words, not just its number.
    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard slot.name == "norma", let s = context.snapshot, let n = Read.int(value), let norm = s.norms.first(where: { $0.number == n }) else {
            return .accept
        }
        return .replace(.text("\(n) («\(norm.text)»)"))
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        guard let n = v["norma"].flatMap(Read.int), var norm = snapshot.norms.first(where: { $0.number == n }) else {
            throw StoreError.notFound("la norma")
        }
        // Changed again since the undo was offered: that change is someone's, not undone over.
        guard let last = Self.undoable(norm, count: nil), last.by == nil || last.by == user.name, norm.undoLastChange(on: w.clock.today(), by: user.name) else {
            throw StoreError.notFound("el cambio que ibas a deshacer (la norma \(n) cambió recién; pregúntame «¿cuáles son nuestras normas?» para ver cómo quedó)")
        }
        try w.store.updateNorm(norm, network: snapshot.network.id)
        return ["id": norm.id, "numero": String(n),
                "resumen": "la norma \(n) («\(norm.text)») volvió a quedar \(Self.state(last, today: w.clock.today())), como estaba. En su historial queda el cambio y que se deshizo."]
    }
}
