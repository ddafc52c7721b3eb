import CivilTime
import Domain
import Foundation
import Yams

/// Plain-file codecs for the network's work: purpose (inside red.md), meetings, polls,
/// reflections and diagnoses. Keys are Spanish, as in the export.
extension RecordCodec {
    static func dateTime(_ dt: LocalDateTime?) -> Node { FrontMatter.plain(dt?.iso) }
    static func texts(_ items: [String]) -> Node { FrontMatter.list(items.map { FrontMatter.text($0) }) }
    static func number(_ d: Double) -> Node {
        FrontMatter.plain(d == d.rounded() && abs(d) < 1e9 ? String(Int(d)) : String(format: "%.3f", d))
    }

    // MARK: Purpose (the `proposito` key of red.md)

    static func encodePurpose(_ p: Purpose) -> Node {
        FrontMatter.map([
            ("enunciado", FrontMatter.text(p.statement)),
            ("objetivos", texts(p.objectives)),
            ("fecha", FrontMatter.plain(p.date?.iso)),
            ("participantes", texts(p.participants)),
            ("apropiaciones", FrontMatter.list(p.appropriations.map { a in
                FrontMatter.map([
                    ("miembro", FrontMatter.text(a.member)),
                    ("texto", FrontMatter.text(a.text)),
                    ("compromiso", FrontMatter.text(a.commitment)),
                    ("fecha", FrontMatter.plain(a.date?.iso)),
                ])
            })),
            ("historial", FrontMatter.list(p.history.map { v in
                FrontMatter.map([
                    ("fecha", FrontMatter.plain(v.date?.iso)),
                    ("enunciado", FrontMatter.text(v.statement)),
                    ("objetivos", texts(v.objectives)),
                ])
            })),
        ] + (p.details.isEmpty ? [] : [("objetivos_detalle", encodeDetails(p.details))]))
    }

    static func decodePurpose(_ node: Node, path: String) throws -> Purpose? {
        guard let entry = node.entry("proposito"), !entry.value.isNull else { return nil }
        let r = FieldReader(node: entry.value, path: path)
        guard entry.value.mapping != nil else { throw r.fail(entry.value, "«proposito» debe tener enunciado, objetivos…") }
        var apps: [Purpose.Appropriation] = []
        for item in entry.value.entry("apropiaciones")?.value.sequence ?? [] {
            let a = FieldReader(node: item, path: path)
            apps.append(.init(member: try a.string("miembro"), text: try a.optionalString("texto") ?? "",
                              commitment: try a.optionalString("compromiso"), date: try a.date("fecha")))
        }
        var history: [Purpose.Version] = []
        for item in entry.value.entry("historial")?.value.sequence ?? [] {
            let h = FieldReader(node: item, path: path)
            history.append(.init(date: try h.date("fecha"), statement: try h.optionalString("enunciado") ?? "",
                                 objectives: try h.list("objetivos")))
        }
        return Purpose(statement: try r.string("enunciado"), objectives: try r.list("objetivos"), date: try r.date("fecha"),
                       participants: try r.list("participantes"), appropriations: apps, history: history,
                       details: try decodeDetails(entry.value, path: path))
    }

    /// red.md with the network and its purpose.
    static func encode(_ n: Network, purpose: Purpose?) -> FrontMatter {
        var fm = encode(n)
        fm.fields.append(("proposito", purpose.map(encodePurpose) ?? FrontMatter.null))
        if let p = purpose {
            fm.body += "\n## Propósito común\n\n\(p.statement)\n"
            if !p.objectives.isEmpty { fm.body += "\n" + p.objectives.map { "- \($0)\n" }.joined() }
        }
        return fm
    }

    // MARK: Meeting (encuentros/E-n.md)

    static func encode(_ m: Meeting) -> FrontMatter {
        var body = "# \(m.title)\n\n\(m.kind.label.prefix(1).uppercased() + m.kind.label.dropFirst()), \(m.start.date.iso) \(m.start.time.iso)"
        body += m.place.map { ", \($0)" } ?? ""
        body += ".\n"
        // Only meetings scheduled with a leader carry it: older files stay as they were.
        if let who = m.leader { body += "\nConduce: \(who).\n" }
        if !m.agenda.isEmpty { body += "\n## Tabla\n\n" + m.agenda.enumerated().map { "\($0.offset + 1). \($0.element)\n" }.joined() }
        for o in m.recorded {
            body += "\n## \(o.status == .suspendida ? "Suspendido" : "Acta") del \(o.date.iso)\n\n"
            if o.start.date != o.date || o.start.time != m.start.time { body += "- Inicio: \(o.start.date.iso) \(o.start.time.iso)\n" }
            if let who = o.ledBy { body += "- Conduce: \(who)\n" }
            if !o.attendees.isEmpty { body += "- Asistentes: \(o.attendees.joined(separator: ", "))\n" }
            if !o.absentees.isEmpty { body += "- Ausentes: \(o.absentees.joined(separator: ", "))\n" }
            if let place = o.place { body += "- Lugar: \(place)\n" }
            if !o.agreements.isEmpty { body += "- Acuerdos: \(o.agreements.joined(separator: ", "))\n" }
            if let notes = o.notes { body += "\n\(notes)\n" }
        }
        return FrontMatter(fields: [
            ("id", FrontMatter.plain(m.id)),
            ("titulo", FrontMatter.text(m.title)),
            ("tipo", FrontMatter.plain(m.kind.rawValue)),
            ("inicio", dateTime(m.start)),
            ("duracion", FrontMatter.plain(String(m.durationMinutes))),
            ("lugar", FrontMatter.text(m.place)),
            ("recurrencia", FrontMatter.text(m.rrule)),
            ("tabla", texts(m.agenda)),
            ("participantes", texts(m.participants)),
        ] + (m.leader.map { [("conduce", FrontMatter.text($0))] } ?? []) + [
            ("ocurrencias", FrontMatter.list(m.recorded.map(encodeOccurrence))),
            ("secuencia", FrontMatter.plain(String(m.sequence))),
            ("modificado", FrontMatter.plain(m.modified)),
        ] + registrar(m.registeredBy) + deletion(m.deleted), body: body)
    }

    static func encodeOccurrence(_ o: Occurrence) -> Node {
        var fields: [(String, Node)] = [
            ("fecha", FrontMatter.plain(o.date.iso)),
            ("inicio", dateTime(o.start)),
            ("conduce", FrontMatter.text(o.ledBy)),
            ("asistentes", texts(o.attendees)),
        ]
        // Only actas that name someone absent carry the field: older files stay as they were.
        if !o.absentees.isEmpty { fields.append(("ausentes", texts(o.absentees))) }
        // Only a date held somewhere else carries its own place.
        if let place = o.place { fields.append(("lugar", FrontMatter.text(place))) }
        fields += [
            ("notas", FrontMatter.text(o.notes)),
            ("acuerdos", texts(o.agreements)),
            ("estado", FrontMatter.plain(o.status.rawValue)),
        ]
        fields += registrar(o.registeredBy)
        return FrontMatter.map(fields)
    }

    /// A local date-time, also accepting seconds and an offset people may paste from the export.
    static func readDateTime(_ r: FieldReader, _ key: String) throws -> LocalDateTime? {
        guard let s = try r.optionalString(key)?.trimmingCharacters(in: .whitespaces) else { return nil }
        let candidates = [s, String(s.prefix(19)), String(s.prefix(16)), s.replacingOccurrences(of: " ", with: "T")]
        for c in candidates { if let dt = LocalDateTime(iso: c) { return dt } }
        throw r.fail(r.node.entry(key)?.value, "«\(key)» debe ser fecha y hora AAAA-MM-DDTHH:MM (por ejemplo 2026-12-03T15:00), no «\(s)»")
    }

    static func decodeMeeting(_ node: Node, path: String) throws -> Meeting {
        let r = FieldReader(node: node, path: path)
        let kindText = try r.optionalString("tipo") ?? "regular"
        guard let kind = Meeting.Kind(rawValue: kindText) else {
            throw r.fail(node.entry("tipo")?.value, "«tipo» debe ser regular, proyecto, microcentro, jornada u otro, no «\(kindText)»")
        }
        guard let start = try readDateTime(r, "inicio") else { throw r.fail(node, "falta «inicio»") }
        let durText = try r.optionalString("duracion") ?? "90"
        guard let duration = Int(durText.trimmingCharacters(in: .whitespaces)), duration > 0 else {
            throw r.fail(node.entry("duracion")?.value, "«duracion» debe ser un número de minutos, no «\(durText)»")
        }
        let seqText = try r.optionalString("secuencia") ?? "0"
        guard let sequence = Int(seqText.trimmingCharacters(in: .whitespaces)), sequence >= 0 else {
            throw r.fail(node.entry("secuencia")?.value, "«secuencia» debe ser un número entero, no «\(seqText)»")
        }
        var m = Meeting(id: try r.string("id"), title: try r.optionalString("titulo") ?? kind.label, kind: kind, start: start,
                        durationMinutes: duration, place: try r.optionalString("lugar"), rrule: try r.optionalString("recurrencia"),
                        agenda: try r.list("tabla"), participants: try r.list("participantes"), leader: try r.optionalString("conduce"),
                        sequence: sequence, modified: try r.optionalString("modificado"))
        if let entry = node.entry("ocurrencias"), !entry.value.isNull {
            guard let items = entry.value.sequence else { throw r.fail(entry.value, "«ocurrencias» debe ser una lista") }
            for item in items {
                let o = try decodeOccurrence(item, meeting: m, path: path)
                if m.occurrences[o.date] != nil {
                    throw r.fail(item, "la fecha \(o.date.iso) aparece dos veces en «ocurrencias»")
                }
                m.record(o)
            }
        }
        try migrateActa(r, into: &m)
        m.deleted = try r.optionalString("borrado")
        m.registeredBy = try r.optionalString("registrado_por")
        return m
    }

    static func decodeOccurrence(_ node: Node, meeting m: Meeting, path: String) throws -> Occurrence {
        let r = FieldReader(node: node, path: path)
        guard node.mapping != nil else { throw r.fail(node, "cada ocurrencia debe tener fecha, asistentes, estado…") }
        guard let date = try r.date("fecha") else { throw r.fail(node, "falta «fecha» en una ocurrencia") }
        let statusText = try r.optionalString("estado") ?? Occurrence.Status.pendiente.rawValue
        guard let status = Occurrence.Status(rawValue: statusText) else {
            throw r.fail(node.entry("estado")?.value, "«estado» debe ser realizada, suspendida o pendiente, no «\(statusText)»")
        }
        var o = Occurrence(date: date, start: try readDateTime(r, "inicio") ?? LocalDateTime(date: date, time: m.start.time),
                           ledBy: try r.optionalString("conduce"), attendees: try r.list("asistentes"),
                           notes: try r.optionalString("notas"), agreements: try r.list("acuerdos"), status: status)
        o.absentees = try r.list("ausentes")
        o.place = try r.optionalString("lugar")
        o.registeredBy = try r.optionalString("registrado_por")
        return o
    }

    /// Files written before occurrences existed keep one acta at the top (`asistentes`, `notas`,
    /// `acuerdos`); it moves into an occurrence and the next write saves the new shape. A
    /// one-time meeting's acta is its date's. Those files never recorded the acta's date, and a
    /// read must give the same meeting every time (not depend on today or on the file's
    /// modification time, which copies and backups change), so a series' acta goes to its
    /// first occurrence; a facilitator can move it by editing its `fecha`. An occurrence that
    /// already has a record (the file was edited by hand with both shapes) is left as it is.
    static func migrateActa(_ r: FieldReader, into m: inout Meeting) throws {
        let attendees = try r.list("asistentes"), agreements = try r.list("acuerdos"), notes = try r.optionalString("notas")
        guard !attendees.isEmpty || !agreements.isEmpty || notes != nil else { return }
        let date = m.firstDate
        guard m.occurrences[date] == nil else { return }
        var o = m.occurrence(on: date)
        o.attendees = attendees
        o.agreements = agreements
        o.notes = notes
        o.status = .realizada
        m.record(o)
    }

    // MARK: Poll (sondeos/S-n.md)

    static func encode(_ p: Poll) -> FrontMatter {
        var body = "# Sondeo \(p.id): \(p.title)\n\n"
        for (o, n) in p.tally { body += "- \(o.date.iso) \(o.time.iso): \(n)\n" }
        return FrontMatter(fields: [
            ("id", FrontMatter.plain(p.id)),
            ("titulo", FrontMatter.text(p.title)),
            ("opciones", FrontMatter.list(p.options.map { dateTime($0) })),
            ("duracion", FrontMatter.plain(String(p.durationMinutes))),
            ("respuestas", FrontMatter.list(p.answers.map { a in
                FrontMatter.map([("miembro", FrontMatter.text(a.member)), ("puede", FrontMatter.list(a.canAttend.map { dateTime($0) }))])
            })),
            ("elegida", dateTime(p.chosen)),
            ("encuentro", FrontMatter.plain(p.meeting)),
            ("creado_por", FrontMatter.text(p.createdBy)),
        ] + (p.closedWithoutDate.map { [("cerrado_sin_fecha", FrontMatter.text($0))] } ?? []) + deletion(p.deleted), body: body)
    }

    static func decodePoll(_ node: Node, path: String) throws -> Poll {
        let r = FieldReader(node: node, path: path)
        func dts(_ items: [String], _ at: Node?) throws -> [LocalDateTime] {
            try items.map { s in
                guard let d = LocalDateTime(iso: String(s.prefix(16))) else { throw r.fail(at, "«\(s)» no es fecha y hora AAAA-MM-DDTHH:MM") }
                return d
            }
        }
        var answers: [Poll.Answer] = []
        for item in node.entry("respuestas")?.value.sequence ?? [] {
            let a = FieldReader(node: item, path: path)
            answers.append(.init(member: try a.string("miembro"), canAttend: try dts(try a.list("puede"), item)))
        }
        var p = Poll(id: try r.string("id"), title: try r.optionalString("titulo") ?? "", options: try dts(try r.list("opciones"), node.entry("opciones")?.value),
                    durationMinutes: Int(try r.optionalString("duracion") ?? "90") ?? 90, answers: answers,
                    chosen: try readDateTime(r, "elegida"), meeting: try r.optionalString("encuentro"),
                    createdBy: try r.optionalString("creado_por"))
        p.deleted = try r.optionalString("borrado")
        // Only on a poll closed without a date (older files never have it).
        p.closedWithoutDate = try r.optionalString("cerrado_sin_fecha")
        return p
    }

    /// The «borrado» field, only on a deleted record (the others' files stay as they were).
    static func deletion(_ note: String?) -> [(String, Node)] {
        note.map { [("borrado", FrontMatter.text($0))] } ?? []
    }

    // MARK: Reflection (reflexiones/R-n.md)

    static func encode(_ x: Reflection) -> FrontMatter {
        var body = "# Reflexión \(x.id): \(x.practice)\n"
        for (title, text) in [("Qué pasó", x.whatHappened), ("Factores de éxito", x.successFactors), ("Por mejorar", x.improvements),
                              ("Ajustes", x.adjustments), ("Aprendizajes", x.learnings)] {
            if let text { body += "\n## \(title)\n\n\(text)\n" }
        }
        return FrontMatter(fields: [
            ("id", FrontMatter.plain(x.id)),
            ("fecha", FrontMatter.plain(x.date?.iso)),
            ("autor", FrontMatter.text(x.author)),
            ("practica", FrontMatter.text(x.practice)),
            ("que_paso", FrontMatter.text(x.whatHappened)),
            ("factores_exito", FrontMatter.text(x.successFactors)),
            ("por_mejorar", FrontMatter.text(x.improvements)),
            ("ajustes", FrontMatter.text(x.adjustments)),
            ("aprendizajes", FrontMatter.text(x.learnings)),
            ("etiquetas", texts(x.tags)),
            ("encuentro", FrontMatter.plain(x.meeting)),
            ("acuerdo", FrontMatter.plain(x.agreement)),
            ("institucionalizar", FrontMatter.plain(x.institutionalize ? "true" : "false")),
        ] + (x.document.map { [("documento", FrontMatter.plain($0))] } ?? []) + deletion(x.deleted), body: body)
    }

    static func decodeReflection(_ node: Node, path: String) throws -> Reflection {
        let r = FieldReader(node: node, path: path)
        var x = Reflection(id: try r.string("id"), date: try r.date("fecha"), author: try r.optionalString("autor"),
                          practice: try r.optionalString("practica") ?? "", whatHappened: try r.optionalString("que_paso"),
                          successFactors: try r.optionalString("factores_exito"), improvements: try r.optionalString("por_mejorar"),
                          adjustments: try r.optionalString("ajustes"), learnings: try r.optionalString("aprendizajes"),
                          tags: try r.list("etiquetas"), meeting: try r.optionalString("encuentro"),
                          agreement: try r.optionalString("acuerdo"),
                          institutionalize: ["true", "si", "sí", "yes", "verdadero"].contains((try r.optionalString("institucionalizar"))?.lowercased() ?? ""))
        x.document = try r.optionalString("documento")
        x.deleted = try r.optionalString("borrado")
        return x
    }

    // MARK: Diagnosis (diagnosticos/D-n.md)

    static func encode(_ d: Diagnosis) -> FrontMatter {
        let scoreKeys = Diagnosis.dimensions.map(\.key).filter { d.scores[$0] != nil } + d.scores.keys.sorted().filter { k in !Diagnosis.dimensions.contains { $0.key == k } }
        let indicatorKeys = Diagnosis.indicatorKeys.filter { d.indicators[$0] != nil } + d.indicators.keys.sorted().filter { !Diagnosis.indicatorKeys.contains($0) }
        var body = "# Diagnóstico \(d.id)\n\nNivel: \(d.level.label).\n"
        if !d.reasons.isEmpty { body += "\n" + d.reasons.map { "- \($0)\n" }.joined() }
        var fields: [(String, Node)] = [
            ("id", FrontMatter.plain(d.id)),
            ("fecha", FrontMatter.plain(d.date?.iso)),
            ("autor", FrontMatter.text(d.author)),
            ("nivel", FrontMatter.plain(d.level.rawValue)),
            ("puntajes", FrontMatter.map(scoreKeys.map { ($0, number(d.scores[$0]!)) })),
            ("indicadores", FrontMatter.map(indicatorKeys.map { ($0, number(d.indicators[$0]!)) })),
            ("razones", texts(d.reasons)),
        ]
        // Only diagnoses with something said besides the numbers carry the field.
        if !d.comments.isEmpty { fields.append(("comentarios", texts(d.comments))) }
        // The round and each member's own answers; `puntajes` above are their means.
        fields.append(("ronda", FrontMatter.plain(d.round)))
        if let opened = d.openedBy { fields.append(("abierta_por", FrontMatter.text(opened))) }
        fields.append(("respuestas", FrontMatter.list(d.responses.map { a in
            let keys = Diagnosis.dimensions.map(\.key).filter { a.scores[$0] != nil } + a.scores.keys.sorted().filter { k in !Diagnosis.dimensions.contains { $0.key == k } }
            var entry: [(String, Node)] = [("miembro", FrontMatter.text(a.member)), ("fecha", FrontMatter.plain(a.date?.iso)),
                                           ("puntajes", FrontMatter.map(keys.map { ($0, number(a.scores[$0]!)) }))]
            if !a.comments.isEmpty { entry.append(("comentarios", texts(a.comments))) }
            return FrontMatter.map(entry)
        })))
        fields += deletion(d.deleted)
        return FrontMatter(fields: fields, body: body)
    }

    static func decodeDiagnosis(_ node: Node, path: String) throws -> Diagnosis {
        let r = FieldReader(node: node, path: path)
        let levelText = try r.string("nivel")
        guard let level = Diagnosis.Level(rawValue: levelText) else {
            throw r.fail(node.entry("nivel")?.value, "«nivel» debe ser intercambio, coordinacion, colaboracion o comunidad_de_practica")
        }
        func numbers(_ key: String, in node: Node = node) throws -> [String: Double] {
            var out: [String: Double] = [:]
            for (k, v) in node.entry(key)?.value.mapping ?? [:] {
                guard let name = k.string, let s = v.scalar?.string, let d = Double(s) else {
                    throw r.fail(v, "«\(key)» debe tener números")
                }
                out[name] = d
            }
            return out
        }
        var responses: [Diagnosis.Response] = []
        for item in node.entry("respuestas")?.value.sequence ?? [] {
            let a = FieldReader(node: item, path: path)
            responses.append(.init(member: try a.optionalString("miembro"), date: try a.date("fecha"),
                                   scores: try numbers("puntajes", in: item), comments: try a.list("comentarios")))
        }
        // A file from before rounds (no «ronda», no «respuestas») reads as a round of one.
        var d = Diagnosis(id: try r.string("id"), date: try r.date("fecha"), author: try r.optionalString("autor"), level: level,
                         scores: try numbers("puntajes"), indicators: try numbers("indicadores"), reasons: try r.list("razones"),
                         comments: try r.list("comentarios"), round: try r.optionalString("ronda"), responses: responses,
                         openedBy: try r.optionalString("abierta_por")).migrated()
        d.deleted = try r.optionalString("borrado")
        return d
    }
}
