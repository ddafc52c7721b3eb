import Domain

/// The report's sections on the network's ties and governance, each only when it has records
/// (a network that never used them reads as before).
extension MarkdownExport {
    static func territory(_ s: NetworkSnapshot) -> String {
        var out = ""
        if !s.organizations.isEmpty {
            out += "## Vinculación con el territorio\n\n"
            for o in s.organizations {
                let members = s.members.filter { $0.organization == o.id }.map(\.name)
                out += "- **\(o.name)** (\(o.kind.label))" + (o.collaboration.map { ": \($0)" } ?? "")
                    + (o.projects.isEmpty ? "" : ". Proyectos: \(o.projects.joined(separator: ", "))")
                    + (o.contact.map { ". Contacto: \($0)" } ?? "") + (members.isEmpty ? "" : ". En la red: \(members.joined(separator: ", "))")
                    + (o.since.map { ". Desde el \($0.iso)" } ?? "") + ".\n"
            }
            out += "\n"
        }
        if !s.norms.isEmpty {
            out += "## Normas de funcionamiento\n\n"
            for n in s.norms {
                let state: String = switch n.state {
                case .acordada: "acordada" + (n.date.map { " el \($0.iso)" } ?? "") + (n.agreedBy.isEmpty ? "" : " por \(n.agreedBy.joined(separator: ", "))")
                case .propuesta: "propuesta"
                case .derogada: "derogada" + (n.date.map { " el \($0.iso)" } ?? "")
                }
                out += "- **\(n.id)** \(n.text) — \(state)\n"
            }
            out += "\n"
        }
        if !s.decisions.isEmpty {
            out += "## Decisiones\n\n"
            for d in s.decisions {
                out += "- **\(d.id)**" + (d.date.map { " (\($0.iso))" } ?? "") + " \(d.text) — \(d.mode.label)"
                    + (d.meeting.map { ", encuentro \($0)" } ?? "")
                    + (d.disagreement.map { ". Desacuerdo: \($0)" } ?? "") + (d.resolution.map { ". Se resolvió: \($0)" } ?? "") + "\n"
            }
            out += "\n"
        }
        let practices = s.institutionalPractices
        if !practices.isEmpty {
            out += "## Institucionalización\n\n"
            for p in practices {
                out += "- **\(p.practice)**: \(p.state.label)" + (p.document.map { " (\($0.rawValue))" } ?? "")
                    + (p.reflection.map { ", de la reflexión \($0)" } ?? "") + (p.evidence.map { ". Evidencia: \($0)" } ?? "") + "\n"
                for c in p.history.dropFirst() {
                    out += "  - " + (c.date.map { "\($0.iso): " } ?? "") + (c.note ?? c.state.label) + "\n"
                }
            }
            out += "\n"
        }
        return out
    }
}
