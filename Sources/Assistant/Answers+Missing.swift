import CivilTime
import DialogEngine
import Domain
import Understanding

/// «¿qué falta?», «qué nos falta por hacer»: what is still open in the network, as a facilitator
/// would list it before the next meeting — the purpose, overdue agreements, open polls, members'
/// readings of the purpose, a next meeting, a diagnosis. Each line says how to do it.
extension Answers {
    /// Whether the question is «what is missing» rather than an overview («¿cómo va la red?»).
    static func asksWhatIsMissing(_ text: String) -> Bool {
        Phrase(text).tokens.contains { ["falta", "faltan", "queda", "quedan", "pendiente", "pendientes"].contains($0) }
    }

    static func missing(_ s: NetworkSnapshot, today: LocalDate, now: LocalDateTime) -> [String] {
        var lines: [String] = []
        if s.purpose == nil {
            lines.append("- Escribir el propósito común de la red («escribir el propósito»).")
        }
        let overdue = s.agreements.filter { $0.status != .borrado && $0.status(on: today) == .vencido }
        if !overdue.isEmpty {
            let which = overdue.prefix(3).map { a in "el \(a.number.map(String.init) ?? a.id), «\(a.text)»" }
            lines.append("- Ponerse al día con " + count(overdue.count, "acuerdo vencido", "acuerdos vencidos") + ": "
                         + SlotValue.joinSpanish(which) + (overdue.count > 3 ? " y otros" : "") + " (escribe «actualizar un acuerdo»).")
        }
        for poll in s.polls where poll.isOpen && poll.deleted == nil {
            let waiting = poll.waiting(among: s.members.map(\.name))
            lines.append("- Cerrar el sondeo «\(poll.title)»" + (waiting.isEmpty ? "" : " (falta que respondan \(SlotValue.joinSpanish(waiting)))")
                         + " («cerrar sondeo»).")
        }
        if let p = s.purpose {
            let readers = Set(p.appropriations.map(\.member))
            let waiting = s.members.map(\.name).filter { !readers.contains($0) }
            if !waiting.isEmpty {
                lines.append("- Que " + (waiting.count <= 6 ? SlotValue.joinSpanish(waiting) : count(waiting.count, "miembro", "miembros"))
                             + " cuente" + (waiting.count == 1 ? "" : "n") + " qué significa el propósito para su escuela («mi apropiación del propósito»).")
            }
        }
        if s.nextMeeting(after: now) == nil {
            lines.append("- Agendar el próximo encuentro («agendar un encuentro»).")
        }
        if !s.diagnoses.contains(where: { !$0.responses.isEmpty }) {
            lines.append("- Hacer el diagnóstico de la red («diagnóstico de la red»).")
        }
        guard !lines.isEmpty else {
            return ["No veo nada pendiente en «\(s.network.name)»: no hay acuerdos vencidos ni sondeos abiertos, y el próximo encuentro ya está agendado."]
        }
        return ["Lo que falta en «\(s.network.name)»:\n" + lines.joined(separator: "\n")]
    }
}
