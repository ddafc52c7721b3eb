import CivilTime
import Domain
import Yams

/// How each record is written to and read from its plain file (Spanish keys, as in the export).
enum RecordCodec {
    // MARK: Network (red.md)

    static func encode(_ n: Network) -> FrontMatter {
        FrontMatter(fields: [
            ("id", FrontMatter.plain(n.id)),
            ("nombre", FrontMatter.text(n.name)),
            ("tipo", FrontMatter.plain(n.kind.rawValue)),
            ("territorio", FrontMatter.text(n.territory)),
            ("region", FrontMatter.text(n.region)),
            ("sostenedor", FrontMatter.text(n.sostenedor)),
            ("creada", FrontMatter.plain(n.created?.iso)),
        ] + (n.indicatorTargets.isEmpty ? [] : [("indicadores_metas", encodeTargets(n.indicatorTargets))]), body: "# \(n.name)\n\n\(n.kind.label.prefix(1).uppercased() + n.kind.label.dropFirst())"
            + (n.territory.map { " de \($0)" } ?? "") + n.regionClause + ".\n")
    }

    static func decodeNetwork(_ node: Node, path: String) throws -> Network {
        let r = FieldReader(node: node, path: path)
        let kindText = try r.string("tipo")
        guard let kind = Network.Kind(rawValue: kindText) else {
            throw r.fail(node.entry("tipo")?.value, "«tipo» debe ser rme, microcentro, territorial u otra, no «\(kindText)»")
        }
        return Network(id: try r.string("id"), name: try r.string("nombre"), kind: kind,
                       territory: try r.optionalString("territorio"), region: try r.optionalString("region"),
                       sostenedor: try r.optionalString("sostenedor"), created: try r.date("creada"),
                       indicatorTargets: try decodeTargets(node, path: path))
    }

    // MARK: Agreement (acuerdos/A-n.md)

    static func encode(_ a: Agreement) -> FrontMatter {
        let history = a.history.map { c in
            var pairs: [(String, Node)] = [
                ("fecha", FrontMatter.plain(c.at)),
                ("estado", FrontMatter.plain(c.status.rawValue)),
                ("nota", FrontMatter.text(c.note)),
                ("plazo", FrontMatter.plain(c.deadline?.iso)),
            ]
            // A «cumplido» told later: the day it was done.
            if let done = c.done { pairs.append(("hecho", FrontMatter.plain(done.iso))) }
            // A change of the text or the responsables keeps what it replaced (to undo it later).
            if let field = c.field {
                pairs.append(("campo", FrontMatter.plain(field)))
                pairs.append(("antes", FrontMatter.list((c.before ?? []).map { FrontMatter.text($0) })))
            }
            return FrontMatter.map(pairs)
        }
        var body = "# Acuerdo \(a.id)\n\n\(a.text)\n\n"
        body += "- Responsables: \(a.responsables.joined(separator: ", "))\n"
        body += "- Plazo: \(a.deadline?.iso ?? "sin plazo")\n"
        body += "- Evidencia esperada: \(a.evidence ?? "sin definir")\n"
        body += "- Estado: \(a.status.label)\n"
        if !a.history.isEmpty {
            body += "\n## Historial\n\n"
            for c in a.history {
                body += "- \(c.at): \(c.status.label)" + (c.note.map { " — \($0)" } ?? "") + "\n"
            }
        }
        return FrontMatter(fields: [
            ("id", FrontMatter.plain(a.id)),
            ("texto", FrontMatter.text(a.text)),
            ("responsables", FrontMatter.list(a.responsables.map { FrontMatter.text($0) })),
            ("plazo", FrontMatter.plain(a.deadline?.iso)),
            ("evidencia", FrontMatter.text(a.evidence)),
            ("estado", FrontMatter.plain(a.status.rawValue)),
            ("encuentro", FrontMatter.plain(a.meeting)),
            ("registrado", FrontMatter.plain(a.registered)),
        ] + registrar(a.registeredBy) + [
            ("evidencia_entregada", FrontMatter.text(a.evidenceDelivered)),
            ("historial", FrontMatter.list(history)),
        ], body: body)
    }

    static func decodeAgreement(_ node: Node, path: String) throws -> Agreement {
        let r = FieldReader(node: node, path: path)
        let statusText = try r.optionalString("estado") ?? "pendiente"
        guard let status = Agreement.Status(rawValue: statusText), status != .vencido else {
            throw r.fail(node.entry("estado")?.value,
                         "«estado» debe ser pendiente, en_proceso, cumplido, no_cumplido o reprogramado, no «\(statusText)»")
        }
        var history: [Agreement.Change] = []
        if let seq = node.entry("historial")?.value.sequence {
            for item in seq {
                let h = FieldReader(node: item, path: path)
                guard let s = Agreement.Status(rawValue: try h.string("estado")) else {
                    throw h.fail(item, "estado desconocido en el historial")
                }
                let field = try h.optionalString("campo")
                history.append(Agreement.Change(at: try h.string("fecha"), status: s, note: try h.optionalString("nota"),
                                                deadline: try h.date("plazo"), field: field, before: field == nil ? nil : try h.list("antes"),
                                                done: try h.date("hecho")))
            }
        }
        var a = Agreement(id: try r.string("id"), text: try r.string("texto"), responsables: try r.list("responsables"),
                          deadline: try r.date("plazo"), evidence: try r.optionalString("evidencia"), status: status,
                          meeting: try r.optionalString("encuentro"), registered: try r.optionalString("registrado"),
                          evidenceDelivered: try r.optionalString("evidencia_entregada"), history: history)
        a.registeredBy = try r.optionalString("registrado_por")
        return a
    }

    /// `registrado_por`, who registered the record, only when known: files of records from
    /// before it existed (and rewrites of them) stay as they were.
    static func registrar(_ who: String?) -> [(String, Node)] {
        who.map { [("registrado_por", FrontMatter.text($0))] } ?? []
    }

    // MARK: Member (miembros/<id>.md)

    static func encode(_ m: Member) -> FrontMatter {
        FrontMatter(fields: [
            ("id", FrontMatter.plain(m.id)),
            ("nombre", FrontMatter.text(m.name)),
            ("rol", FrontMatter.text(m.role)),
            ("establecimiento", FrontMatter.text(m.school)),
            ("contacto", FrontMatter.text(m.contact)),
            ("desde", FrontMatter.plain(m.since?.iso)),
            ("fortalezas", FrontMatter.text(m.strengths)),
        ] + (m.organization.map { [("organizacion", FrontMatter.plain($0))] } ?? [])
            + (m.trail.isEmpty ? [] : [("historial", texts(m.trail))]) + deletion(m.deleted)
            + (m.left.map { [("salida", FrontMatter.text($0))] } ?? []), body: "# \(m.name)\n\n" + [m.role, m.school].compactMap { $0 }.joined(separator: ", ") + "\n")
    }

    static func decodeMember(_ node: Node, path: String) throws -> Member {
        let r = FieldReader(node: node, path: path)
        var m = Member(id: try r.string("id"), name: try r.string("nombre"), role: try r.optionalString("rol"),
                       school: try r.optionalString("establecimiento"), contact: try r.optionalString("contacto"),
                       since: try r.date("desde"), strengths: try r.optionalString("fortalezas"),
                       organization: try r.optionalString("organizacion"))
        m.deleted = try r.optionalString("borrado")
        m.trail = try r.list("historial")
        m.left = try r.optionalString("salida")
        return m
    }
}
