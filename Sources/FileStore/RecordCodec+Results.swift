import CivilTime
import Domain
import Foundation
import Yams

/// Codecs for what the network tracks about learning: results (resultados/L-n.md), the metas and
/// checks of each objective (inside `proposito` in red.md) and indicator targets (red.md).
extension RecordCodec {
    // MARK: Learning result (resultados/L-n.md)

    static func encode(_ l: LearningResult) -> FrontMatter {
        let whereText = l.school ?? "la red"
        var body = "# Resultado \(l.id): \(l.measure)\n\n"
        body += [l.subject, l.level].compactMap { $0 }.joined(separator: ", ") + (l.subject == nil && l.level == nil ? "" : ". ")
        body += "En \(whereText): \(l.value).\n"
        if let o = l.objective { body += "\nObjetivo: \(o)\n" }
        return FrontMatter(fields: [
            ("id", FrontMatter.plain(l.id)),
            ("fecha", FrontMatter.plain(l.date?.iso)),
            ("medicion", FrontMatter.text(l.measure)),
            ("asignatura", FrontMatter.text(l.subject)),
            ("nivel", FrontMatter.text(l.level)),
            ("establecimiento", FrontMatter.text(l.school)),
            ("valor", FrontMatter.text(l.value)),
            ("objetivo", FrontMatter.text(l.objective)),
            ("fuente", FrontMatter.text(l.source)),
        ] + (l.history.isEmpty ? [] : [("historial", FrontMatter.list(l.history.map { c in
            FrontMatter.map([("fecha", FrontMatter.text(c.at)), ("campo", FrontMatter.plain(c.field)), ("antes", FrontMatter.text(c.before)),
                             ("nota", FrontMatter.text(c.note))])
        }))]) + registrar(l.registeredBy) + deletion(l.deleted), body: body)
    }

    static func decodeResult(_ node: Node, path: String) throws -> LearningResult {
        let r = FieldReader(node: node, path: path)
        var l = LearningResult(id: try r.string("id"), date: try r.date("fecha"), measure: try r.optionalString("medicion") ?? "",
                               subject: try r.optionalString("asignatura"), level: try r.optionalString("nivel"),
                               school: try r.optionalString("establecimiento"), value: try r.optionalString("valor") ?? "",
                               objective: try r.optionalString("objetivo"), source: try r.optionalString("fuente"))
        // Files written before corrections and deletions have neither field.
        for item in node.entry("historial")?.value.sequence ?? [] {
            let h = FieldReader(node: item, path: path)
            l.history.append(.init(at: try h.optionalString("fecha") ?? "", field: try h.optionalString("campo") ?? "valor",
                                   before: try h.optionalString("antes"), note: try h.optionalString("nota")))
        }
        l.deleted = try r.optionalString("borrado")
        l.registeredBy = try r.optionalString("registrado_por")
        return l
    }

    // MARK: Objective metas and checks (`objetivos_detalle` of `proposito`)

    static func encodeDetails(_ details: [ObjectiveDetail]) -> Node {
        FrontMatter.list(details.map { d in
            FrontMatter.map([
                ("objetivo", FrontMatter.text(d.objective)),
                ("metas", FrontMatter.list(d.goals.map { g in
                    FrontMatter.map([
                        ("indicador", FrontMatter.text(g.indicator)),
                        ("linea_base", FrontMatter.text(g.baseline)),
                        ("meta", FrontMatter.text(g.target)),
                        ("fecha", FrontMatter.plain(g.date?.iso)),
                    ])
                })),
                ("seguimiento", FrontMatter.list(d.checks.map { c in
                    FrontMatter.map([
                        ("fecha", FrontMatter.plain(c.date?.iso)),
                        ("avance", FrontMatter.plain(c.progress.rawValue)),
                        ("valor", FrontMatter.text(c.value)),
                        ("evidencia", FrontMatter.text(c.evidence)),
                        ("nota", FrontMatter.text(c.note)),
                    ])
                })),
            ])
        })
    }

    static func decodeDetails(_ purpose: Node, path: String) throws -> [ObjectiveDetail] {
        var out: [ObjectiveDetail] = []
        for item in purpose.entry("objetivos_detalle")?.value.sequence ?? [] {
            let r = FieldReader(node: item, path: path)
            var goals: [ObjectiveDetail.Goal] = []
            for g in item.entry("metas")?.value.sequence ?? [] {
                let m = FieldReader(node: g, path: path)
                goals.append(.init(indicator: try m.optionalString("indicador") ?? "", baseline: try m.optionalString("linea_base"),
                                   target: try m.optionalString("meta"), date: try m.date("fecha")))
            }
            var checks: [ObjectiveDetail.Check] = []
            for c in item.entry("seguimiento")?.value.sequence ?? [] {
                let k = FieldReader(node: c, path: path)
                let text = try k.optionalString("avance") ?? "en_camino"
                guard let progress = ObjectiveDetail.Progress(rawValue: text) else {
                    throw k.fail(c.entry("avance")?.value, "«avance» debe ser logrado, en_camino o sin_avance")
                }
                checks.append(.init(date: try k.date("fecha"), progress: progress, value: try k.optionalString("valor"),
                                    evidence: try k.optionalString("evidencia"), note: try k.optionalString("nota")))
            }
            out.append(ObjectiveDetail(objective: try r.string("objetivo"), goals: goals, checks: checks))
        }
        return out
    }

    // MARK: Indicator targets (`indicadores_metas` of red.md)

    static func encodeTargets(_ targets: [String: Double]) -> Node {
        // Plain numbers («0.8», «6»), so the file reads as it is edited by hand.
        FrontMatter.map(targets.keys.sorted().map { key in
            var text = String(format: "%.4f", targets[key]!)
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
            return (key, Node.scalar(.init(text, FrontMatter.implicit, .plain)))
        })
    }

    static func decodeTargets(_ node: Node, path: String) throws -> [String: Double] {
        guard let entry = node.entry("indicadores_metas"), !entry.value.isNull else { return [:] }
        guard let pairs = entry.value.mapping else {
            throw FieldReader(node: node, path: path).fail(entry.value, "«indicadores_metas» debe ser una lista de indicador: meta")
        }
        var out: [String: Double] = [:]
        for (k, v) in pairs {
            guard let key = k.scalar?.string, let d = v.scalar.flatMap({ Double($0.string) }) else {
                throw FieldReader(node: node, path: path).fail(v, "cada meta de «indicadores_metas» debe ser un número")
            }
            out[key] = d
        }
        return out
    }
}
