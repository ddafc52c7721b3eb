import CivilTime
import Domain
import Foundation
import Understanding

/// `minga export --format md`: a readable report of each network: purpose, calendar,
/// agreements by status, learnings and the last diagnosis.
public enum MarkdownExport {
    public static func document(_ networks: [NetworkSnapshot], today: LocalDate, now: LocalDateTime) -> String {
        networks.map { report($0, today: today, now: now) }.joined(separator: "\n---\n\n")
    }

    static func report(_ s: NetworkSnapshot, today: LocalDate, now: LocalDateTime) -> String {
        let n = s.network
        var out = "# \(n.name)\n\n"
        out += "\(n.kind.label.prefix(1).uppercased() + n.kind.label.dropFirst())" + (n.territory.map { " de \($0)" } ?? "")
            + n.regionClause + ". Informe al \(today.iso).\n\n"
        out += "## Propósito común\n\n"
        if let p = s.purpose {
            out += "> \(p.statement)\n\n"
            for (i, o) in p.objectives.enumerated() { out += "\(i + 1). \(o)\n" }
            if !p.objectives.isEmpty { out += "\n" }
            if let d = p.date { out += "Acordado el \(d.iso)" + (p.participants.isEmpty ? "" : " por \(p.participants.joined(separator: ", "))") + ".\n\n" }
            if !p.appropriations.isEmpty {
                out += "### Apropiación\n\n"
                for a in p.appropriations {
                    out += "- **\(a.member)**: \(a.text)" + (a.commitment.map { (".!?…".contains(a.text.last ?? ".") ? " " : ". ") + "Compromiso: \($0)" } ?? "") + "\n"
                }
                out += "\n"
            }
            let missing = s.members.map(\.name).filter { m in !p.appropriations.contains { $0.member == m } }
            if !missing.isEmpty { out += "Falta la apropiación de: \(missing.joined(separator: ", ")).\n\n" }
            out += objectiveTracking(p)
        } else {
            out += "Todavía no está escrito.\n\n"
        }
        out += "## Miembros\n\n"
        if s.members.isEmpty { out += "Sin miembros registrados.\n\n" }
        for m in s.members {
            out += "- \(m.name)" + ([m.role, m.school].compactMap { $0 }.isEmpty ? "" : " (\([m.role, m.school].compactMap { $0 }.joined(separator: ", ")))")
                + (m.strengths.map { ". Aporta: \($0)" } ?? "") + "\n"
        }
        if !s.members.isEmpty { out += "\n" }
        // Who left the network: when, who told it and why (a departure leaves a trace).
        let gone = (s.removedRecords?.members ?? []).filter { $0.left != nil && $0.deleted == nil }
        if !gone.isEmpty {
            out += "Dejaron la red:\n\n" + gone.map { "- \($0.name)" + ($0.school.map { " (\($0))" } ?? "") + ": \($0.left ?? "")\n" }.joined() + "\n"
        }
        out += "## Calendario\n\n"
        if s.meetings.isEmpty { out += "Sin encuentros agendados.\n\n" }
        for m in s.meetings.sorted(by: { $0.start < $1.start }) {
            let when = m.rrule.map { SpanishFormat.recurrence(Recurrence(rrule: $0, time: m.start.time)) + " (desde el \(m.start.date.iso))" }
                ?? "\(m.start.date.iso) \(m.start.time.iso)"
            out += "- **Encuentro \(m.number.map(String.init) ?? m.id): \(m.title)**, \(when), \(SpanishFormat.duration(minutes: m.durationMinutes))"
                + (m.place.map { ", \($0)" } ?? "") + ".\n"
            if !m.agenda.isEmpty { out += "  - Tabla: " + m.agenda.joined(separator: "; ") + "\n" }
            for o in m.recorded { out += acta(o, of: m, today: today) }
        }
        if !s.meetings.isEmpty { out += "\n" }
        out += "## Acuerdos\n\n"
        if s.agreements.isEmpty { out += "Sin acuerdos registrados.\n\n" }
        for status in [Agreement.Status.vencido, .pendiente, .enProceso, .reprogramado, .cumplido, .noCumplido] {
            let group = s.agreements.filter { $0.status(on: today) == status }
            guard !group.isEmpty else { continue }
            out += "### \(status.label.prefix(1).uppercased() + status.label.dropFirst()) (\(group.count))\n\n"
            for a in group {
                out += "- **\(a.id)** \(a.text) — \(a.responsables.joined(separator: ", "))" + (a.deadline.map { "; plazo \($0.iso)" } ?? "")
                    + (a.evidenceDelivered.map { "; evidencia: \($0)" } ?? "") + "\n"
            }
            out += "\n"
        }
        out += "## Aprendizajes\n\n"
        if s.reflections.isEmpty { out += "Sin reflexiones registradas.\n\n" }
        for r in s.reflections {
            out += "- **\(r.id) \(r.practice)**" + (r.date.map { " (\($0.iso))" } ?? "") + ": \(r.learnings ?? r.adjustments ?? "")"
                + (r.tags.isEmpty ? "" : " _[\(r.tags.joined(separator: ", "))]_") + (r.institutionalize ? " Propuesta para institucionalizar." : "") + "\n"
        }
        if !s.reflections.isEmpty { out += "\n" }
        out += RecordSection.all(s).map(\.markdown).joined()
        out += tracking(s, today: today)
        out += "## Último diagnóstico\n\n"
        if let d = s.answeredDiagnoses.last ?? s.diagnoses.last {
            // A round opened with no answers yet has no level to claim: only who is missing.
            if !d.responses.isEmpty { out += "Nivel **\(d.level.label)**" + (d.date.map { " (\($0.iso))" } ?? "") + ".\n\n" }
            for r in d.reasons { out += "- \(r)\n" }
            // The round: each dimension's mean with its spread across the members who answered.
            for dim in Diagnosis.dimensions {
                guard let v = d.scores[dim.key] else { continue }
                let spread = d.responses.count > 1 ? d.spread(dim.key).map { $0.min == $0.max ? " (todos \(DiagnosisCalculator.decimal($0.min)))"
                    : " (de \(DiagnosisCalculator.decimal($0.min)) a \(DiagnosisCalculator.decimal($0.max)))" } ?? "" : ""
                out += "- \(dim.label): \(DiagnosisCalculator.decimal(v)) de 4\(spread)\n"
            }
            if let round = d.round {
                let missing = DiagnosisCalculator.missing(d, members: s.members)
                out += "\nRonda \(round): respondieron \(d.responses.count)" + (s.members.isEmpty ? "" : " de \(d.responses.count + missing.count)")
                    + (d.responses.isEmpty ? "" : " (" + d.responses.map { $0.member ?? "sin nombre" }.joined(separator: ", ") + ")") + ".\n"
                if !missing.isEmpty { out += "Faltan por responder: \(missing.joined(separator: ", ")).\n" }
            }
            out += "\n"
        } else {
            out += "Sin diagnósticos.\n\n"
        }
        return out
    }

    /// One occurrence's acta under its meeting, the date in words as the chat says it.
    static func acta(_ o: Occurrence, of m: Meeting, today: LocalDate) -> String {
        let day = SpanishFormat.date(o.date, today: today)
        let moved = o.start.date != o.date || o.start.time != m.start.time
        switch o.status {
        case .suspendida:
            return "  - \(capitalized(day)): suspendido.\n"
        case .pendiente:
            // A date with its own place says where it is held; the series' place is the others'.
            let place = o.place.map { ", " + PlaceValue.said($0) } ?? ""
            if moved { return "  - \(capitalized(day)): se cambia al \(SpanishFormat.dateTime(o.start, today: today))\(place).\n" }
            return o.place.map { "  - \(capitalized(day)): \(PlaceValue.said($0)).\n" } ?? ""
        case .realizada:
            var out = "  - Acta del \(day)" + (moved ? " (se hizo el \(SpanishFormat.dateTime(o.start, today: today)))" : "") + ":\n"
            if let place = o.place { out += "    - Se hizo \(PlaceValue.said(place)).\n" }
            if let who = m.leader(on: o.date) { out += "    - Condujo: \(who)\n" }
            out += "    - Asistieron: " + (o.attendees.isEmpty ? "sin registro" : o.attendees.joined(separator: ", ")) + "\n"
            if !o.agreements.isEmpty { out += "    - Acuerdos: " + o.agreements.joined(separator: ", ") + "\n" }
            if let notes = o.notes, !notes.isEmpty {
                out += "    - Notas: " + notes.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n      ") + "\n"
            }
            return out
        }
    }

    static func capitalized(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }
}
