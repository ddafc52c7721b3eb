import CivilTime
import Domain
import DialogEngine
import Understanding

/// Answers to questions about the network, written from a snapshot.
enum Answers {
    static func answer(_ query: Query, snapshot: NetworkSnapshot?, today: LocalDate, user: String?, text: String = "",
                       now: LocalDateTime? = nil) -> [String] {
        guard let snapshot else { return ["Todavía no hay una red creada; cuando la creemos te podré responder eso."] }
        let now = now ?? LocalDateTime(date: today, time: LocalTime(hour: 0, minute: 0))
        if [.openAgreements, .personAgreements].contains(query) {
            if let person = personNamed(in: text, snapshot: snapshot, user: user) {
                return agreementsOf(person, snapshot: snapshot, today: today, isUser: person == user)
            }
            if query == .personAgreements {
                return ["¿De quién? Pregúntame, por ejemplo, «¿qué tiene pendiente Luis?»."]
            }
        }
        switch query {
        case .personAgreements, .learnings, .agenda, .appropriation, .poll, .diagnosis, .meetings:
            return work(query, snapshot: snapshot, today: today, now: now, user: user, text: text)
        case .openAgreements:
            let open = snapshot.openAgreements(on: today)
            if open.isEmpty { return ["No hay acuerdos abiertos. Si quieres anotar uno, escribe «nuevo acuerdo»."] }
            return [count(open.count, "acuerdo abierto", "acuerdos abiertos") + ":\n" + list(open, today: today)]
        case .overdueAgreements:
            let overdue = snapshot.overdueAgreements(on: today)
            if overdue.isEmpty { return ["No hay acuerdos vencidos. ¡Bien!"] }
            return [count(overdue.count, "acuerdo vencido", "acuerdos vencidos") + ":\n" + list(overdue, today: today)]
        case .myAgreements:
            guard let user else { return ["No sé tu nombre; escríbeme «¿qué tiene pendiente Ana?» con el nombre."] }
            let mine = snapshot.openAgreements(on: today).filter { a in
                a.responsables.contains { PersonMatcher.match($0, among: [user]) != nil || $0 == user }
            }
            if mine.isEmpty { return ["No tienes acuerdos pendientes."] }
            return ["Tienes " + count(mine.count, "acuerdo pendiente", "acuerdos pendientes") + ":\n" + list(mine, today: today)]
        case .nextMeeting:
            return nextMeeting(snapshot, today: today, now: now)
        case .purpose:
            return purpose(snapshot, today: today)
        }
    }

    /// What a user should hear first: overdue agreements, then those due this week.
    static func pending(_ snapshot: NetworkSnapshot, today: LocalDate, user: String?) -> [String] {
        var lines: [String] = []
        let open = snapshot.openAgreements(on: today)
        let overdue = open.filter { $0.status(on: today) == .vencido }
        if !overdue.isEmpty {
            lines.append("Ojo: " + count(overdue.count, "acuerdo vencido", "acuerdos vencidos") + ":\n" + list(overdue, today: today))
        }
        let soon = open.filter { $0.isDue(within: 7, on: today) }
        if !soon.isEmpty {
            lines.append("Esta semana vence" + (soon.count == 1 ? "" : "n") + ":\n" + list(soon, today: today))
        }
        if lines.isEmpty && !open.isEmpty {
            lines.append("La red tiene " + count(open.count, "acuerdo abierto", "acuerdos abiertos") + ", ninguno vencido.")
        }
        return lines
    }

    static func count(_ n: Int, _ one: String, _ many: String) -> String {
        n == 1 ? "1 \(one)" : "\(n) \(many)"
    }
}
