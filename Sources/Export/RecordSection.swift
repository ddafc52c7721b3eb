import Domain

/// The report's sections on what the network tracks beyond agreements and meetings (its ties,
/// governance, practices to institutionalise, learning results), each only when it has records.
/// One model for the Markdown and the HTML report, so both say the same.
struct RecordSection {
    struct Item {
        /// Said first, in bold («CESFAM Los Lagos», «N-1»).
        var lead: String
        var text: String
        var details: [String] = []
        /// Between the lead and the text: a space, or «: » when the text is about the lead.
        var joiner = " "
    }
    var title: String
    var items: [Item]

    static func all(_ s: NetworkSnapshot) -> [RecordSection] {
        var out: [RecordSection] = []
        if !s.organizations.isEmpty {
            out.append(RecordSection(title: "Vinculación con el territorio", items: s.organizations.map { o in
                let members = s.members.filter { $0.organization == o.id }.map(\.name)
                let text = "(\(o.kind.label))" + (o.collaboration.map { ": \($0)" } ?? "")
                    + (o.projects.isEmpty ? "" : ". Proyectos: \(o.projects.joined(separator: ", "))")
                    + (o.contact.map { ". Contacto: \($0)" } ?? "") + (members.isEmpty ? "" : ". En la red: \(members.joined(separator: ", "))")
                    + (o.since.map { ". Desde el \($0.iso)" } ?? "") + "."
                return Item(lead: o.name, text: text)
            }))
        }
        if !s.norms.isEmpty {
            out.append(RecordSection(title: "Normas de funcionamiento", items: s.norms.map { n in
                let state: String = switch n.state {
                case .acordada: "acordada" + (n.agreedDay.map { " el \($0.iso)" } ?? "") + (n.agreedBy.isEmpty ? "" : " por \(n.agreedBy.joined(separator: ", "))")
                case .propuesta: "propuesta"
                case .derogada: "derogada" + (n.date.map { " el \($0.iso)" } ?? "") + (n.reason.map { " (motivo: \($0))" } ?? "")
                        + (n.agreedDay.map { "; había sido acordada el \($0.iso)" } ?? "")
                }
                // Its changes of state, each with its day and reason: a repeal and a return leave a trace.
                let trail = n.changes.map { c in
                    (c.isUndo ? "cambio deshecho, vuelve a quedar \(c.state.label)" : c.state == .acordada && c.before == .derogada ? "vuelve a regir" : c.state.label)
                        + (c.date.map { " el \($0.iso)" } ?? "") + (c.by.map { " por \($0)" } ?? "") + (c.reason.map { " (motivo: \($0))" } ?? "")
                }
                return Item(lead: n.id, text: "\(n.text) — \(state)" + (trail.isEmpty ? "" : ". Cambios: " + trail.joined(separator: "; ")))
            }))
        }
        if !s.decisions.isEmpty {
            out.append(RecordSection(title: "Decisiones", items: s.decisions.map { d in
                Item(lead: d.id, text: (d.date.map { "(\($0.iso)) " } ?? "") + "\(d.text) — \(d.mode.label)"
                    + (d.meeting.map { ", encuentro \($0)" } ?? "")
                    + (d.disagreement.map { ". Desacuerdo: \($0)" } ?? "") + (d.resolution.map { ". Se resolvió: \($0)" } ?? ""))
            }))
        }
        let practices = s.institutionalPractices
        if !practices.isEmpty {
            out.append(RecordSection(title: "Institucionalización", items: practices.map { p in
                Item(lead: p.practice, text: p.state.label + (p.document.map { " (\($0.rawValue))" } ?? "")
                    + (p.reflection.map { ", de la reflexión \($0)" } ?? "") + (p.evidence.map { ". Evidencia: \($0)" } ?? ""),
                     details: p.history.dropFirst().map { c in (c.date.map { "\($0.iso): " } ?? "") + (c.note ?? c.state.label) }, joiner: ": ")
            }))
        }
        if !s.results.isEmpty {
            out.append(RecordSection(title: "Resultados de aprendizaje", items: s.results.map { l in
                let what = [l.measure, l.subject, l.level].compactMap { $0 }.joined(separator: ", ")
                return Item(lead: l.id, text: (l.date.map { "(\($0.iso)) " } ?? "") + "\(what), \(l.school ?? "toda la red"): \(l.value)"
                    + (l.source.map { ". Fuente: \($0)" } ?? "") + (l.objective.map { ". Objetivo: \($0)" } ?? ""))
            }))
        }
        return out
    }

    var markdown: String {
        var out = "## \(title)\n\n"
        for i in items {
            out += "- **\(i.lead)**\(i.joiner)\(i.text)\n"
            for d in i.details { out += "  - \(d)\n" }
        }
        return out + "\n"
    }
}
