import CivilTime
import Domain
import Foundation
import PlainJSON

/// Export v1 for purpose, meetings, polls, reflections and diagnoses (design.md).
extension JSONExport {
    /// "2026-12-03T15:00:00-03:00": a local time with the zone's offset on that day.
    public static func stamp(_ dt: LocalDateTime, _ tz: TimeZone) -> String { dt.rfc3339(in: tz) }

    static func purpose(_ p: Purpose) -> JSONValue {
        .object([
            ("enunciado", .string(p.statement)),
            ("objetivos", .strings(p.objectives)),
            ("fecha", .string(p.date?.iso)),
            ("participantes", .strings(p.participants)),
            ("apropiaciones", .array(p.appropriations.map { a in
                .object([("miembro", .string(a.member)), ("texto", .string(a.text)), ("compromiso", .string(a.commitment)),
                         ("fecha", .string(a.date?.iso))])
            })),
            ("historial", .array(p.history.map { v in
                .object([("fecha", .string(v.date?.iso)), ("enunciado", .string(v.statement)), ("objetivos", .strings(v.objectives))])
            })),
            // Contract addition not built yet: metas and seguimiento per objective.
            ("objetivos_detalle", .array([])),
        ])
    }

    static func meeting(_ m: Meeting, today: LocalDate, timeZone tz: TimeZone) -> JSONValue {
        .object([
            ("id", .string(m.id)),
            ("titulo", .string(m.title)),
            ("tipo", .string(m.kind.rawValue)),
            ("inicio", .string(stamp(m.start, tz))),
            ("fin", .string(stamp(m.end, tz))),
            ("lugar", .string(m.place)),
            ("recurrencia", .string(m.rrule)),
            ("tabla", .strings(m.agenda)),
            ("participantes", .strings(m.participants)),
            ("asistentes", .strings(m.latestAttendees)),
            ("acuerdos", .strings(m.allAgreements)),
            ("ocurrencias", .array(m.schedule(through: today).map { occurrence($0, timeZone: tz) })),
        ])
    }

    /// One date of a meeting with its acta; `estado` is pendiente until something is recorded.
    static func occurrence(_ o: Occurrence, timeZone tz: TimeZone) -> JSONValue {
        .object([
            ("fecha", .string(o.date.iso)),
            ("inicio", .string(stamp(o.start, tz))),
            ("conduce", .string(o.ledBy)),
            ("asistentes", .strings(o.attendees)),
            ("notas", .string(o.notes)),
            ("acuerdos", .strings(o.agreements)),
            ("estado", .string(o.status.rawValue)),
        ])
    }

    static func poll(_ p: Poll, timeZone tz: TimeZone) -> JSONValue {
        .object([
            ("id", .string(p.id)),
            ("titulo", .string(p.title)),
            ("opciones", .strings(p.options.map { stamp($0, tz) })),
            ("respuestas", .array(p.answers.map { a in
                .object([("miembro", .string(a.member)), ("puede", .strings(a.canAttend.map { stamp($0, tz) }))])
            })),
            ("elegida", .string(p.chosen.map { stamp($0, tz) })),
            ("encuentro", .string(p.meeting)),
        ])
    }

    static func reflection(_ r: Reflection) -> JSONValue {
        .object([
            ("id", .string(r.id)),
            ("fecha", .string(r.date?.iso)),
            ("autor", .string(r.author)),
            ("practica", .string(r.practice)),
            ("que_paso", .string(r.whatHappened)),
            ("factores_exito", .string(r.successFactors)),
            ("por_mejorar", .string(r.improvements)),
            ("ajustes", .string(r.adjustments)),
            ("aprendizajes", .string(r.learnings)),
            ("etiquetas", .strings(r.tags)),
            ("encuentro", .string(r.meeting)),
            ("acuerdo", .string(r.agreement)),
            ("institucionalizar", .bool(r.institutionalize)),
        ])
    }

    static func diagnosis(_ d: Diagnosis) -> JSONValue {
        let scoreKeys = Diagnosis.dimensions.map(\.key).filter { d.scores[$0] != nil }
            + d.scores.keys.sorted().filter { k in !Diagnosis.dimensions.contains { $0.key == k } }
        let indicatorKeys = Diagnosis.indicatorKeys.filter { d.indicators[$0] != nil }
            + d.indicators.keys.sorted().filter { !Diagnosis.indicatorKeys.contains($0) }
        return .object([
            ("id", .string(d.id)),
            ("fecha", .string(d.date?.iso)),
            ("nivel", .string(d.level.rawValue)),
            ("puntajes", .object(scoreKeys.map { ($0, .number(d.scores[$0]!)) })),
            ("indicadores", .object(indicatorKeys.map { ($0, .number(d.indicators[$0]!)) })),
            // Contract additions not built yet: rounds of individual answers.
            ("ronda", .null),
            ("respuestas", .array([])),
            ("faltan", .array([])),
        ])
    }
}
