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
            ("objetivos_detalle", .array(p.details.map(objectiveDetail))),
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
            ("conduce", .string(m.leader)),
            ("asistentes", .strings(m.latestAttendees)),
            ("acuerdos", .strings(m.allAgreements)),
            ("ocurrencias", .array(m.schedule(through: today).map { occurrence($0, leader: m.leader, timeZone: tz) })),
            ("registrado_por", .string(m.registeredBy)),
        ])
    }

    /// One date of a meeting with its acta; `estado` is pendiente until something is recorded.
    /// `leader` is the meeting's, for a date that names none of its own.
    static func occurrence(_ o: Occurrence, leader: String? = nil, timeZone tz: TimeZone) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("fecha", .string(o.date.iso)),
            ("inicio", .string(stamp(o.start, tz))),
            ("conduce", .string(o.ledBy ?? leader)),
            ("asistentes", .strings(o.attendees)),
        ]
        // Present only when the acta names someone absent, like the record itself.
        if !o.absentees.isEmpty { fields.append(("ausentes", .strings(o.absentees))) }
        // Present only when that date alone is held somewhere else.
        if let place = o.place { fields.append(("lugar", .string(place))) }
        fields += [
            ("notas", .string(o.notes)),
            ("acuerdos", .strings(o.agreements)),
            ("estado", .string(o.status.rawValue)),
            ("registrado_por", .string(o.registeredBy)),
        ]
        return .object(fields)
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
            ("estado", .string(p.state)),
            ("cerrado_sin_fecha", .string(p.closedWithoutDate)),
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

    static func diagnosis(_ d: Diagnosis, members: some Collection<Member>) -> JSONValue {
        let scoreKeys = Diagnosis.dimensions.map(\.key).filter { d.scores[$0] != nil }
            + d.scores.keys.sorted().filter { k in !Diagnosis.dimensions.contains { $0.key == k } }
        let indicatorKeys = Diagnosis.indicatorKeys.filter { d.indicators[$0] != nil }
            + d.indicators.keys.sorted().filter { !Diagnosis.indicatorKeys.contains($0) }
        var fields: [(String, JSONValue)] = [
            ("id", .string(d.id)),
            ("fecha", .string(d.date?.iso)),
            ("nivel", .string(d.level.rawValue)),
            ("puntajes", .object(scoreKeys.map { ($0, .number(d.scores[$0]!)) })),
            ("indicadores", .object(indicatorKeys.map { ($0, .number(d.indicators[$0]!)) })),
            // The round and each member's own answers; `puntajes` are their means.
            ("ronda", .string(d.round)),
            ("respuestas", .array(d.responses.map { a in
                let keys = Diagnosis.dimensions.map(\.key).filter { a.scores[$0] != nil }
                    + a.scores.keys.sorted().filter { k in !Diagnosis.dimensions.contains { $0.key == k } }
                return .object([("miembro", .string(a.member)), ("fecha", .string(a.date?.iso)),
                                ("puntajes", .object(keys.map { ($0, .number(a.scores[$0]!)) }))])
            })),
            ("faltan", .strings(DiagnosisCalculator.missing(d, members: members))),
        ]
        // Present only when something was said besides the numbers, like the record itself.
        if !d.comments.isEmpty { fields.append(("comentarios", .strings(d.comments))) }
        return .object(fields)
    }
}
