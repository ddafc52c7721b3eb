import CivilTime
import Domain
import Understanding

/// `minga status` (alias `minga estado`): what a facilitator checks before a meeting, as plain
/// text: the next meetings, overdue agreements and then the next plazos, open polls and who
/// has not answered them, and the members who have not yet written what the purpose means for
/// their school. Every list is bounded ("y N más").
public enum StatusReport {
    /// Days ahead the meeting list covers.
    public static let meetingWindow = 30

    public static func text(_ s: NetworkSnapshot, now: LocalDateTime, limit: Int = 5) -> String {
        let today = now.date
        var blocks = ["\(s.network.name): estado al \(SpanishFormat.date(today, today: LocalDate(year: 0, month: 1, day: 1))), \(now.time.iso)."]
        blocks.append(meetings(s, now: now, limit: limit))
        blocks.append(agreements(s, today: today, limit: limit))
        if let polls = polls(s, today: today, limit: limit) { blocks.append(polls) }
        blocks.append(purpose(s, limit: limit))
        return blocks.joined(separator: "\n\n") + "\n"
    }

    // MARK: Sections

    static func meetings(_ s: NetworkSnapshot, now: LocalDateTime, limit: Int) -> String {
        let today = now.date
        let coming = HTMLExport.upcoming(s, today: today, now: now, days: meetingWindow)
        var out = "Próximos encuentros"
        if coming.isEmpty {
            if let (m, at) = s.nextMeeting(after: now) {
                return out + "\n- Ninguno en los próximos \(meetingWindow) días. El siguiente: \(SpanishFormat.dateTime(at, today: today)), «\(m.title)» (\(m.id))."
            }
            return out + "\n- No hay encuentros agendados. Escribe «agendar un encuentro» en el chat para agendar uno."
        }
        for (m, o) in coming.prefix(limit) {
            if o.status == .suspendida {
                out += "\n- \(SpanishFormat.dateTime(o.start, today: today)): «\(m.title)» (\(m.id)), suspendido."
                continue
            }
            out += "\n- \(SpanishFormat.dateTime(o.start, today: today)): «\(m.title)» (\(m.id))" + ((o.place ?? m.place).map { ", " + PlaceValue.said($0) } ?? "") + "."
            if !m.agenda.isEmpty { out += " Tabla: " + m.agenda.joined(separator: "; ") + "." }
        }
        return out + more(coming.count - limit, " en los próximos \(meetingWindow) días")
    }

    static func agreements(_ s: NetworkSnapshot, today: LocalDate, limit: Int) -> String {
        let open = s.openAgreements(on: today)
        let overdue = open.filter { $0.status(on: today) == .vencido }
        let next = open.filter { $0.status(on: today) != .vencido }
        var parts: [String] = []
        if !overdue.isEmpty {
            var out = "Acuerdos vencidos (\(overdue.count))"
            for a in overdue.prefix(limit) {
                out += "\n" + line(a, today: today, when: a.deadline.map { "venció el " + SpanishFormat.date($0, today: today) })
            }
            parts.append(out + more(overdue.count - limit))
        }
        if !next.isEmpty {
            var out = "Próximos plazos (\(next.count) " + (next.count == 1 ? "acuerdo abierto" : "acuerdos abiertos") + ")"
            for a in next.prefix(limit) {
                let when = a.deadline.map { d in today.days(until: d) == 0 ? "vence hoy" : "vence el " + SpanishFormat.date(d, today: today) }
                out += "\n" + line(a, today: today, when: when ?? "sin plazo")
            }
            parts.append(out + more(next.count - limit))
        }
        if parts.isEmpty {
            return "Acuerdos\n- " + (s.agreements.isEmpty ? "Todavía no hay acuerdos registrados." : "No hay acuerdos abiertos.")
        }
        return parts.joined(separator: "\n\n")
    }

    static func line(_ a: Agreement, today: LocalDate, when: String?) -> String {
        let status = a.status(on: today)
        let details = [join(a.responsables), when, status == .enProceso || status == .reprogramado ? status.label : nil]
            .compactMap { $0 }.filter { !$0.isEmpty }
        return "- Acuerdo \(a.number.map(String.init) ?? a.id): \(a.text)" + (details.isEmpty ? "" : " (" + details.joined(separator: "; ") + ")") + "."
    }

    static func polls(_ s: NetworkSnapshot, today: LocalDate, limit: Int) -> String? {
        let open = s.polls.filter(\.isOpen)
        guard !open.isEmpty else { return nil }
        var out = "Sondeos abiertos (\(open.count))"
        for p in open.prefix(limit) {
            let answered = Set(p.answers.map(\.member))
            let missing = p.waiting(among: s.members.map(\.name))
            var text = "- Sondeo \(p.number.map(String.init) ?? p.id), «\(p.title)»: "
            text += answered.count == 1 ? "respondió 1 persona" : "respondieron \(answered.count) personas"
            if !s.members.isEmpty { text += " de \(s.members.count) miembros" }
            text += "."
            if !missing.isEmpty { text += " Falta que respondan: " + names(missing, limit: 8) + "." }
            if let best = p.best, !p.answers.isEmpty { text += " Por ahora la mejor opción es el \(SpanishFormat.dateTime(best, today: today))." }
            out += "\n" + text
        }
        return out + more(open.count - limit)
    }

    static func purpose(_ s: NetworkSnapshot, limit: Int) -> String {
        guard let p = s.purpose else {
            return "Propósito común\n- Todavía no está escrito. Escribe «escribir el propósito» en el chat para acordarlo."
        }
        guard !s.members.isEmpty else { return "Propósito común\n- Está escrito; la red todavía no tiene miembros registrados." }
        let done = Set(p.appropriations.map(\.member))
        let missing = s.members.map(\.name).filter { !done.contains($0) }
        if missing.isEmpty { return "Propósito común\n- Todos los miembros escribieron qué significa para su escuela." }
        let made = s.members.count - missing.count
        return "Propósito común\n- Falta que lo hagan suyo: " + names(missing, limit: 8)
            + " (\(made) de \(s.members.count) ya escribieron qué significa para su escuela)."
    }

    // MARK: Words

    /// "\n  y 3 más." when `hidden` > 0.
    static func more(_ hidden: Int, _ tail: String = "") -> String { hidden > 0 ? "\n  y \(hidden) más\(tail)." : "" }

    /// "Ana, Luis y Marta"; past `limit` names, "Ana, Luis y 4 más".
    static func names(_ list: [String], limit: Int) -> String {
        guard list.count > limit else { return join(list) }
        return list.prefix(limit).joined(separator: ", ") + " y \(list.count - limit) más"
    }

    static func join(_ xs: [String]) -> String {
        xs.count <= 1 ? (xs.first ?? "") : xs.dropLast().joined(separator: ", ") + " y " + xs.last!
    }
}
