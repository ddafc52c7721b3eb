import CivilTime
import Domain
import Foundation
import PlainJSON

/// `minga export --format json` (export v1 in design.md): every key present, `null` or `[]`
/// where absent, `estado` derived at the export's `now`.
public enum JSONExport {
    public static func document(_ networks: [NetworkSnapshot], today: LocalDate, timeZone: TimeZone = .santiago) -> JSONValue {
        .object([
            ("version", .number(1)),
            ("redes", .array(networks.map { network($0, today: today, timeZone: timeZone) })),
        ])
    }

    static func network(_ s: NetworkSnapshot, today: LocalDate, timeZone given: TimeZone = .santiago) -> JSONValue {
        let n = s.network
        let timeZone = n.zone(default: given)
        return .object([
            ("id", .string(n.id)),
            ("nombre", .string(n.name)),
            ("tipo", .string(n.kind.rawValue)),
            ("territorio", .string(n.territory)),
            ("region", .string(n.region)),
            ("sostenedor", .string(n.sostenedor)),
            ("proposito", s.purpose.map(purpose) ?? .null),
            ("miembros", .array(s.members.map(member))),
            ("encuentros", .array(s.meetings.map { meeting($0, today: today, timeZone: timeZone) })),
            ("sondeos", .array(s.polls.map { poll($0, timeZone: timeZone) })),
            ("acuerdos", .array(s.agreements.map { agreement($0, today: today) })),
            ("reflexiones", .array(s.reflections.map(reflection))),
            ("diagnosticos", .array(s.diagnoses.map { diagnosis($0, members: s.members) })),
        ] + departures(s) + territory(s))
    }

    /// Members who left the network (`salida`): who, and when, who told it and why. Only when
    /// some did (the other exports unchanged).
    static func departures(_ s: NetworkSnapshot) -> [(String, JSONValue)] {
        let gone = (s.removedRecords?.members ?? []).filter { $0.left != nil && $0.deleted == nil }
        guard !gone.isEmpty else { return [] }
        return [("salidas", .array(gone.map { m in
            .object([("id", .string(m.id)), ("nombre", .string(m.name)), ("establecimiento", .string(m.school)), ("salida", .string(m.left))])
        }))]
    }

    static func member(_ m: Member) -> JSONValue {
        .object([
            ("id", .string(m.id)),
            ("nombre", .string(m.name)),
            ("rol", .string(m.role)),
            ("establecimiento", .string(m.school)),
            ("contacto", .string(m.contact)),
            ("desde", .string(m.since?.iso)),
            ("fortalezas", .string(m.strengths)),
            ("organizacion", .string(m.organization)),
        ] + (m.trail.isEmpty ? [] : [("historial", .strings(m.trail))]))
    }

    static func agreement(_ a: Agreement, today: LocalDate) -> JSONValue {
        .object([
            ("id", .string(a.id)),
            ("texto", .string(a.text)),
            ("responsables", .strings(a.responsables)),
            ("plazo", .string(a.deadline?.iso)),
            ("evidencia", .string(a.evidence)),
            ("estado", .string(a.status(on: today).rawValue)),
            ("encuentro", .string(a.meeting)),
            ("registrado", .string(a.registered)),
            ("registrado_por", .string(a.registeredBy)),
            ("evidencia_entregada", .string(a.evidenceDelivered)),
            ("historial", .array(a.history.map { c in
                .object([
                    ("fecha", .string(c.at)),
                    ("estado", .string(c.status.rawValue)),
                    ("nota", .string(c.note)),
                    ("plazo", .string(c.deadline?.iso)),
                ] + (c.done.map { [("hecho", .string($0.iso))] } ?? [])
                  // A reprogramming keeps the plazo it replaced (none: `null`).
                  + (c.field == "plazo" ? [("plazo_antes", .string(c.before?.first))] : []))
            })),
        ])
    }
}
