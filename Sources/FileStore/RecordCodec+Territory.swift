import CivilTime
import Domain
import Foundation
import Yams

/// Plain-file codecs for the network's ties and governance: organizaciones/O-n.md,
/// normas/N-n.md, decisiones/DC-n.md and institucionalizacion/P-n.md. Keys are Spanish, as in
/// the export.
extension RecordCodec {
    // MARK: Organization (organizaciones/O-n.md)

    static func encode(_ o: Organization) -> FrontMatter {
        var body = "# \(o.name)\n\nTipo: \(o.kind.label).\n"
        if let c = o.collaboration { body += "\n## Qué hacemos juntos\n\n\(c)\n" }
        if !o.projects.isEmpty { body += "\n## Proyectos\n\n" + o.projects.map { "- \($0)\n" }.joined() }
        return FrontMatter(fields: [
            ("id", FrontMatter.plain(o.id)),
            ("nombre", FrontMatter.text(o.name)),
            ("tipo", FrontMatter.plain(o.kind.rawValue)),
            ("contacto", FrontMatter.text(o.contact)),
            ("desde", FrontMatter.plain(o.since?.iso)),
            ("colaboracion", FrontMatter.text(o.collaboration)),
            ("proyectos", texts(o.projects)),
        ] + registrar(o.registeredBy) + (o.trail.isEmpty ? [] : [("historial", texts(o.trail))]) + deletion(o.deleted), body: body)
    }

    static func decodeOrganization(_ node: Node, path: String) throws -> Organization {
        let r = FieldReader(node: node, path: path)
        let kindText = try r.optionalString("tipo") ?? "otra"
        guard let kind = Organization.Kind(rawValue: kindText) else {
            throw r.fail(node.entry("tipo")?.value, "«tipo» debe ser salud, proteccion, universidad, municipal, comunitaria u otra")
        }
        var o = Organization(id: try r.string("id"), name: try r.string("nombre"), kind: kind, contact: try r.optionalString("contacto"),
                             since: try r.date("desde"), collaboration: try r.optionalString("colaboracion"),
                             projects: try r.list("proyectos"))
        o.deleted = try r.optionalString("borrado")
        o.trail = try r.list("historial")
        o.registeredBy = try r.optionalString("registrado_por")
        return o
    }

    // MARK: Norm (normas/N-n.md)

    static func encode(_ n: Norm) -> FrontMatter {
        var body = "# Norma \(n.id)\n\n\(n.text)\n\nEstado: \(n.state.label)"
        if !n.agreedBy.isEmpty { body += " (\(n.agreedBy.joined(separator: ", ")))" }
        body += ".\n"
        if let x = n.reason { body += "\nMotivo: \(x)\n" }
        if let x = n.agreedOn { body += "\nAcordada el \(x.iso).\n" }
        var fields: [(String, Node)] = [
            ("id", FrontMatter.plain(n.id)),
            ("texto", FrontMatter.text(n.text)),
            ("fecha", FrontMatter.plain(n.date?.iso)),
            ("acordada_por", texts(n.agreedBy)),
            ("estado", FrontMatter.plain(n.state.rawValue)),
        ]
        // Only a repealed norm with its reason said has one (files of other norms unchanged).
        if let x = n.reason { fields.append(("motivo", FrontMatter.text(x))) }
        // Only a norm agreed and then changed again keeps the day it was agreed apart.
        if let x = n.agreedOn { fields.append(("acordada_el", FrontMatter.plain(x.iso))) }
        fields += registrar(n.registeredBy)
        // Only a norm whose state changed after it was written has a history.
        if !n.changes.isEmpty {
            fields.append(("historial", FrontMatter.list(n.changes.map { c in
                var pairs: [(String, Node)] = [
                    ("fecha", FrontMatter.plain(c.date?.iso)),
                    ("estado", FrontMatter.plain(c.state.rawValue)),
                ]
                if let x = c.reason { pairs.append(("motivo", FrontMatter.text(x))) }
                if let x = c.by { pairs.append(("por", FrontMatter.text(x))) }
                if c.isUndo { pairs.append(("deshace", FrontMatter.plain("true"))) }
                var before: [(String, Node)] = [
                    ("estado", FrontMatter.plain(c.before.rawValue)),
                    ("fecha", FrontMatter.plain(c.beforeDate?.iso)),
                    ("acordada_por", texts(c.beforeAgreedBy)),
                ]
                if let x = c.beforeAgreedOn { before.append(("acordada_el", FrontMatter.plain(x.iso))) }
                if let x = c.beforeReason { before.append(("motivo", FrontMatter.text(x))) }
                pairs.append(("antes", FrontMatter.map(before)))
                return FrontMatter.map(pairs)
            })))
        }
        return FrontMatter(fields: fields, body: body)
    }

    static func decodeNorm(_ node: Node, path: String) throws -> Norm {
        let r = FieldReader(node: node, path: path)
        let stateText = try r.optionalString("estado") ?? "propuesta"
        guard let state = Norm.State(rawValue: stateText) else {
            throw r.fail(node.entry("estado")?.value, "«estado» debe ser propuesta, acordada o derogada")
        }
        var n = Norm(id: try r.string("id"), text: try r.optionalString("texto") ?? "", date: try r.date("fecha"),
                     agreedBy: try r.list("acordada_por"), state: state, reason: try r.optionalString("motivo"))
        n.registeredBy = try r.optionalString("registrado_por")
        n.agreedOn = try r.date("acordada_el")
        func stateAt(_ r: FieldReader, _ key: String) throws -> Norm.State {
            let text = try r.optionalString(key) ?? "propuesta"
            guard let s = Norm.State(rawValue: text) else { throw r.fail(r.node.entry(key)?.value, "«\(key)» debe ser propuesta, acordada o derogada") }
            return s
        }
        for item in node.entry("historial")?.value.sequence ?? [] {
            let h = FieldReader(node: item, path: path)
            let b = FieldReader(node: item.entry("antes")?.value ?? item, path: path)
            var c = Norm.Change(date: try h.date("fecha"), state: try stateAt(h, "estado"), before: try stateAt(b, "estado"),
                                beforeDate: try b.date("fecha"), beforeAgreedOn: try b.date("acordada_el"),
                                beforeAgreedBy: try b.list("acordada_por"), beforeReason: try b.optionalString("motivo"),
                                reason: try h.optionalString("motivo"), by: try h.optionalString("por"))
            let undoes = try h.optionalString("deshace")
            c.isUndo = h.bool("deshace") || undoes == "true"
            n.changes.append(c)
        }
        return n
    }

    // MARK: Decision (decisiones/DC-n.md)

    static func encode(_ d: Decision) -> FrontMatter {
        var body = "# Decisión \(d.id)\n\n\(d.text)\n\nSe decidió \(d.mode.label).\n"
        if let x = d.disagreement { body += "\n## Desacuerdo\n\n\(x)\n" }
        if let x = d.resolution { body += "\n## Cómo se resolvió\n\n\(x)\n" }
        return FrontMatter(fields: [
            ("id", FrontMatter.plain(d.id)),
            ("fecha", FrontMatter.plain(d.date?.iso)),
            ("decision", FrontMatter.text(d.text)),
            ("modo", FrontMatter.plain(d.mode.rawValue)),
            ("desacuerdo", FrontMatter.text(d.disagreement)),
            ("como_se_resolvio", FrontMatter.text(d.resolution)),
            ("encuentro", FrontMatter.plain(d.meeting)),
        ] + registrar(d.registeredBy), body: body)
    }

    static func decodeDecision(_ node: Node, path: String) throws -> Decision {
        let r = FieldReader(node: node, path: path)
        let modeText = try r.optionalString("modo") ?? "consenso"
        guard let mode = Decision.Mode(rawValue: modeText) else {
            throw r.fail(node.entry("modo")?.value, "«modo» debe ser consenso, votacion u otro")
        }
        var d = Decision(id: try r.string("id"), date: try r.date("fecha"), text: try r.optionalString("decision") ?? "", mode: mode,
                         disagreement: try r.optionalString("desacuerdo"), resolution: try r.optionalString("como_se_resolvio"),
                         meeting: try r.optionalString("encuentro"))
        d.registeredBy = try r.optionalString("registrado_por")
        return d
    }

    // MARK: Practice to institutionalise (institucionalizacion/P-n.md)

    static func encode(_ p: Practice) -> FrontMatter {
        var body = "# Práctica \(p.id): \(p.practice)\n\n" + (p.document.map { "Para el \($0.rawValue): " } ?? "Estado: ") + "\(p.state.label).\n"
        if let e = p.evidence { body += "\nEvidencia: \(e)\n" }
        return FrontMatter(fields: [
            ("id", FrontMatter.plain(p.id)),
            ("practica", FrontMatter.text(p.practice)),
            ("reflexion", FrontMatter.plain(p.reflection)),
            ("estado", FrontMatter.plain(p.state.rawValue)),
            ("documento", FrontMatter.plain(p.document?.rawValue)),
            ("evidencia", FrontMatter.text(p.evidence)),
            ("historial", FrontMatter.list(p.history.map { c in
                FrontMatter.map([
                    ("fecha", FrontMatter.plain(c.date?.iso)),
                    ("estado", FrontMatter.plain(c.state.rawValue)),
                    ("nota", FrontMatter.text(c.note)),
                ])
            })),
        ], body: body)
    }

    static func decodePractice(_ node: Node, path: String) throws -> Practice {
        let r = FieldReader(node: node, path: path)
        func state(_ reader: FieldReader, _ n: Node) throws -> Practice.State {
            let text = try reader.optionalString("estado") ?? "propuesta"
            guard let s = Practice.State(rawValue: text) else {
                throw reader.fail(n.entry("estado")?.value, "«estado» debe ser propuesta, en_revision, aprobada o incorporada")
            }
            return s
        }
        let docText = try r.optionalString("documento")
        let doc = docText.flatMap { t in Practice.Document.allCases.first { $0.rawValue.lowercased() == t.lowercased() } }
        if docText != nil && doc == nil {
            throw r.fail(node.entry("documento")?.value, "«documento» debe ser PEI, PME u otro")
        }
        var history: [Practice.Change] = []
        for item in node.entry("historial")?.value.sequence ?? [] {
            let h = FieldReader(node: item, path: path)
            history.append(.init(date: try h.date("fecha"), state: try state(h, item), note: try h.optionalString("nota")))
        }
        return Practice(id: try r.string("id"), practice: try r.optionalString("practica") ?? "", reflection: try r.optionalString("reflexion"),
                        state: try state(r, node), document: doc, evidence: try r.optionalString("evidencia"), history: history)
    }
}
