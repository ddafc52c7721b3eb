import CivilTime
import Domain
import DialogEngine
import Understanding

/// «¿quién no ha conducido ninguna reunión?»: distributed leadership, person by person.
extension Answers {
    /// The members who have led a meeting held so far, and those who have not yet (only when asked:
    /// one pass over the meetings).
    static func leaders(_ s: NetworkSnapshot, today: LocalDate) -> [String] {
        let members = s.members.filter { !$0.isOut }.map(\.name)
        guard !members.isEmpty else {
            return ["Todavía no hay miembros registrados en la red. Para sumar a alguien, escribe «nuevo miembro»."]
        }
        var led = Set<String>()
        for i in s.meetings.indices {
            for who in s.meetings[i].leaders(through: today) {
                led.insert(PersonMatcher.match(who, among: members) ?? who)
            }
        }
        let did = members.filter(led.contains), notYet = members.filter { !led.contains($0) }
        func names(_ list: [String]) -> String {
            let shown = list.prefix(12).map { shortName($0, in: s) }
            return SlotValue.joinSpanish(Array(shown)) + (list.count > 12 ? " y \(number(list.count - 12)) más" : "")
        }
        if did.isEmpty {
            return ["Nadie ha conducido todavía un encuentro de la red. Cuando agenden el próximo, díganme quién lo conduce (por ejemplo «la conduce \(shortName(members[0], in: s))»)."]
        }
        if !notYet.isEmpty {
            return ["Todavía no han conducido un encuentro: \(names(notYet)).\nYa condujeron: \(names(did))."]
        }
        return ["Todas las personas de la red ya condujeron al menos un encuentro: \(names(did))."]
    }
}
