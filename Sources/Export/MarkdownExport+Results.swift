import CivilTime
import Domain
import Understanding

/// The report's sections on what the network tracks: metas and checks of each objective,
/// learning results, and each indicator against its target. Each only when it has data.
extension MarkdownExport {
    static func objectiveTracking(_ p: Purpose) -> String {
        let tracked = p.details.filter { !$0.goals.isEmpty || !$0.checks.isEmpty }
        guard !tracked.isEmpty else { return "" }
        var out = "### Seguimiento de objetivos\n\n"
        for d in tracked {
            out += "- **\(d.objective)**\n"
            for g in d.goals {
                out += "  - Meta: \(g.indicator)" + (g.baseline.map { ", de \($0)" } ?? "") + (g.target.map { " a \($0)" } ?? "")
                    + (g.date.map { " al \($0.iso)" } ?? "") + "\n"
            }
            for c in d.checks {
                out += "  - " + (c.date.map { "\($0.iso): " } ?? "") + c.progress.label + (c.value.map { " (\($0))" } ?? "")
                    + (c.note.map { ". \($0)" } ?? "") + (c.evidence.map { ". Evidencia: \($0)" } ?? "") + "\n"
            }
        }
        return out + "\n"
    }

    static func tracking(_ s: NetworkSnapshot, today: LocalDate) -> String {
        var out = ""
        let targets = s.network.indicatorTargets
        if !targets.isEmpty {
            let now = DiagnosisCalculator.indicators(s, today: today, isGroup: PeopleParser.isGroup)
            out += "## Indicadores y metas\n\n| Indicador | Hoy | Meta | |\n|---|---|---|---|\n"
            for (key, label, _) in IndicatorTarget.catalog {
                guard let t = targets[key] else { continue }
                let v = now[key]
                let mark = v.map { IndicatorTarget.reached($0, t) ? "cumplida" : "por alcanzar" } ?? "sin datos"
                out += "| \(label) | \(v.map { IndicatorTarget.format(key, $0) } ?? "—") | \(IndicatorTarget.format(key, t)) | \(mark) |\n"
            }
            out += "\n"
        }
        return out
    }
}
