import CivilTime
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/avance-objetivo.yaml`: one look at an objective. When the objective has a meta, its
/// indicator is kept (never asked) and the figure is asked, then compared with the last look.
struct AvanceObjetivoFlow: MingaFlow {
    let id = "avance-objetivo"
    let saveKind: String? = "objective_check"
    let slotNames = ["objetivo", "hecho", "evidencia", "avance", "indicador", "valor"]

    func blocker(_ context: EngineContext) -> String? {
        guard context.snapshot?.purpose?.objectives.isEmpty ?? true else { return nil }
        return "Todavía no hay objetivos escritos. Escribe «definir el propósito» para dejarlos por escrito."
    }

    func defaults(_ run: FlowRun, context: EngineContext) -> [String: SlotValue] { ObjectiveReading.onlyObjective(context) }

    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        ObjectiveReading.prefill(request, context: context)
    }

    func beforeAsking(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> [String] {
        guard let p = context.snapshot?.purpose else { return [] }
        switch slot.name {
        case "objetivo":
            return ["Los objetivos son:\n" + ObjectiveReading.list(p)]
        case "valor":
            guard let o = run.values["objetivo"]?.textValue else { return [] }
            let d = p.detail(for: o)
            var lines: [String] = []
            if let g = d.goals.last { lines.append("La meta: " + ObjectiveReading.goalText(g, today: context.today) + ".") }
            if let last = d.checks.last(where: { $0.value != nil }), let v = last.value {
                lines.append("La vez pasada" + (last.date.map { " (\(SpanishFormat.date($0, today: context.today)))" } ?? "") + " iban en \(v).")
            }
            return lines
        default:
            return []
        }
    }

    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        if ["valor"].contains(slot.name), let figure = ObjectiveReading.figure(message.clean), figure != message.clean {
            return .fill([slot.name: .text(figure)], remark: nil)
        }
        guard let p = context.snapshot?.purpose else { return nil }
        if slot.name != "objetivo" {
            guard let o = ObjectiveReading.correction(message, p), run.values["objetivo"]?.textValue != o else { return nil }
            let n = (p.objectives.firstIndex(of: o) ?? 0) + 1
            return .fill(["objetivo": .text(o)], remark: "Corregido: el objetivo \(n), «\(o)».")
        }
        if let o = ObjectiveReading.objective(in: message.clean, p) { return .fill(["objetivo": .text(o)], remark: nil) }
        return .reask("No supe cuál. Dime su número:\n" + ObjectiveReading.list(p))
    }

    /// An objective with a meta brings its indicator, so its figure is asked.
    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard slot.name == "objetivo", let o = value.textValue, let p = context.snapshot?.purpose else { return .accept }
        let indicator = p.detail(for: o).goals.last.map { SlotValue.text($0.indicator) }
        return .replace(value, others: ["indicador": indicator])
    }

    func save(_ v: [String: SlotValue], with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        guard var p = snapshot.purpose, let objective = v["objetivo"]?.textValue else { throw StoreError.notFound("el propósito") }
        let today = w.clock.today()
        var d = p.detail(for: objective)
        let progress = v["avance"]?.textValue.flatMap(ObjectiveDetail.Progress.init(rawValue:)) ?? .enCamino
        let value = v["indicador"] == nil ? nil : v["valor"]?.textValue
        d.checks.append(ObjectiveDetail.Check(date: today, progress: progress, value: value, evidence: v["evidencia"]?.textValue,
                                              note: v["hecho"]?.textValue))
        p.setDetail(d)
        try w.store.savePurpose(p, network: snapshot.network.id)
        var resumen = "Anoté que el objetivo «\(objective)» va \(progress.label)" + (value.map { " (\($0))" } ?? "") + "."
        if let c = ObjectiveReading.comparison(d, today: today) { resumen += " " + c }
        // The next objective not looked at today, so the walk through all of them goes on.
        let pending = p.objectives.filter { o in !(p.detail(for: o).checks.contains { $0.date == today }) }
        if let next = pending.first, let n = p.objectives.firstIndex(of: next) {
            resumen += " ¿Seguimos con el objetivo \(n + 1)? Escribe «revisar el objetivo \(n + 1)»."
        } else {
            resumen += " Con esto revisamos todos los objetivos. ¡Buen trabajo!"
        }
        return ["resumen": resumen]
    }
}
