import CivilTime
import Domain
import DialogEngine
import Understanding

/// Which objective of the purpose a message names («el 2», «el primero», «el de lectura») and
/// how its last checks compare. Shared by the metas and check flows and the objectives answer.
enum ObjectiveReading {
    /// The objective named by number (1-based) or, failing that, by its words when one fits.
    static func objective(in text: String, _ p: Purpose) -> String? {
        guard !p.objectives.isEmpty else { return nil }
        if let n = NumberParser.parse(text), (1...p.objectives.count).contains(n) { return p.objectives[n - 1] }
        let found = TerritoryReading.best(p.objectives, in: text, name: { $0 })
        return found.count == 1 ? found[0] : nil
    }

    /// «1. Mejorar la fluidez lectora…» lines, with how each goes when it was checked.
    static func list(_ p: Purpose) -> String {
        p.objectives.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n")
    }

    /// «40% a 60% al 1 de diciembre de 2027» for a meta.
    static func goalText(_ g: ObjectiveDetail.Goal, today: LocalDate) -> String {
        var out = g.indicator
        if let b = g.baseline, let t = g.target { out += ": de \(b) a \(t)" } else if let t = g.target { out += ": llegar a \(t)" }
        if let d = g.date { out += " para el \(SpanishFormat.date(d, today: today))" }
        return out
    }

    /// «La vez pasada íbamos en 45%, ahora 52%.» from the last two checks with a figure.
    static func comparison(_ d: ObjectiveDetail, today: LocalDate) -> String? {
        let figured = d.checks.filter { $0.value != nil }
        guard figured.count >= 2, let now = figured.last?.value, let before = figured.dropLast().last else { return nil }
        let when = before.date.map { " (\(SpanishFormat.date($0, today: today)))" } ?? ""
        var line = "La vez pasada\(when) íbamos en \(before.value!), ahora \(now)."
        if let a = LearningResult.figure(in: before.value!), let b = LearningResult.figure(in: now) {
            line += b > a ? " ¡Van subiendo!" : b < a ? " Bajó un poco: vale la pena conversarlo." : ""
        }
        return line
    }
}
