import CivilTime
import DialogEngine
import Domain
import Understanding

/// «¿qué anotó la Paola?», «¿quién anotó el acuerdo 3?»: who registered what, from each record's
/// `registrado_por` (records saved before it existed keep no one).
extension Answers {
    /// One record someone registered, as a list line, with the day it was registered (to sort
    /// newest first and to keep «ayer»).
    struct Registered {
        var who: String?
        var day: LocalDate?
        var order: Int
        var line: String
        var kind: String
    }

    static func registeredBy(_ s: NetworkSnapshot, text: String, today: LocalDate, user: String?) -> [String] {
        let t = Phrase(text).tokens
        guard let v = RegisteredQuestion.verb(t) else { return [] }
        let before = t[..<v], after = Array(t[(v + 1)...])
        // «¿quién anotó el acuerdo 3?»: that record's author.
        if before.contains(where: { $0 == "quien" || $0 == "quienes" }) {
            return whoRegistered(s, after, today: today, user: user)
        }
        // «¿qué anotó la Paola ayer?»: the person said after the verb, without the day.
        let dayWords: Set<String> = ["ayer", "hoy", "anteayer", "antier"]
        let said = after.filter { !dayWords.contains($0) && $0 != "po" }
        let names = said.filter { !["la", "el", "los", "las"].contains($0) }
        let own = RegisteredQuestion.isOwn(t, at: v)
        guard !names.isEmpty || own else { return [] }
        let records = all(s, today: today)
        let registrants = Set(records.compactMap(\.who))
        let memberNames = s.members.map(\.name)
        var people: [String] = own ? [user].compactMap { $0 } : [], byRole = false
        let known = memberNames + registrants.filter { !memberNames.contains($0) }.sorted() + (user.map { [$0] } ?? [])
        for i in names.indices where people.isEmpty && i + 1 < names.count && names[i].count >= 3 {
            if let hit = PersonMatcher.match(names[i] + " " + names[i + 1], among: known) { people = [hit]; break }
        }
        if people.isEmpty {
            for w in names where w.count >= 3 {
                if let hit = PersonMatcher.match(w, among: known) { people = [hit]; break }
            }
        }
        // «el director», «la jefa UTP»: the members with that role.
        if people.isEmpty, !own, let group = RoleGroup.members(of: said.joined(separator: " "), among: s.members.map { ($0.name, $0.role) }),
           !group.isEmpty {
            // «el director» is Luis, the director, more than Ana, the directora: a role said
            // exactly as registered narrows the group.
            let exact = group.filter { name in s.members.first { $0.name == name }?.role.map { TextFold.fold($0).lowercased() } == names.joined(separator: " ") }
            people = exact.isEmpty ? group : exact
            byRole = true
        }
        guard !people.isEmpty else {
            let asked = names.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
            return ["No encuentro a \(asked) entre los miembros de la red. Escríbeme su nombre como está en la red, o pregunta «¿quiénes son los miembros?»."]
        }
        // «¿qué acuerdos anotó…?», «el acuerdo que puso el director»: that kind only.
        let kinds = Set(before.compactMap(kindOf))
        var found = records.filter { r in
            guard let who = r.who else { return false }
            return (people.contains(who) || PersonMatcher.match(who, among: people) != nil) && (kinds.isEmpty || kinds.contains(r.kind))
        }
        if after.contains("ayer") { found = found.filter { $0.day == today.adding(days: -1) } }
        if after.contains("hoy") { found = found.filter { $0.day == today } }
        found.sort { ($0.day?.dayNumber ?? Int.min, $0.order) > ($1.day?.dayNumber ?? Int.min, $1.order) }
        // By role, the name too: «Luis Soto (director)».
        func named(_ p: String) -> String {
            guard byRole, let role = s.members.first(where: { $0.name == p })?.role else { return shortName(p, in: s) }
            return "\(p) (\(role))"
        }
        let whoText = SlotValue.joinSpanish(people.map(named))
        let verb = own ? "Registraste" : people.count == 1 ? "registró" : "registraron"
        let span = after.contains("ayer") ? " ayer" : after.contains("hoy") ? " hoy" : ""
        guard !found.isEmpty else {
            // Records from before the key keep no one: said only when there are some.
            let unknown = records.contains { $0.who == nil }
            return ["No tengo nada registrado por \(own ? "ti" : whoText)\(span)."
                + (unknown ? " De lo anotado antes de que guardara quién registra cada cosa no sé quién lo hizo." : "")]
        }
        let shown = 5
        var out = (own ? "" : "\(whoText) ") + "\(verb)\(span) " + (found.count == 1 ? "esto:" : "\(number(found.count)) cosas (lo más nuevo primero):")
        for r in found.prefix(shown) { out += "\n- " + r.line }
        if found.count > shown { out += "\n…y \(number(found.count - shown)) más." }
        return [out]
    }

    /// The kind a noun names: «acuerdo(s)» → "acuerdo".
    static func kindOf(_ w: String) -> String? {
        switch w {
        case "acuerdo", "acuerdos", "compromiso", "compromisos": "acuerdo"
        case "norma", "normas": "norma"
        case "decision", "decisiones": "decision"
        case "encuentro", "encuentros", "reunion", "reuniones": "encuentro"
        case "resultado", "resultados": "resultado"
        case "organizacion", "organizaciones": "organizacion"
        case "acta", "actas", "asistencia": "acta"
        default: nil
        }
    }

    /// «¿quién anotó el acuerdo 3?»: the record's author, or that it was not kept.
    static func whoRegistered(_ s: NetworkSnapshot, _ after: [String], today: LocalDate, user: String?) -> [String] {
        guard let k = after.firstIndex(where: { kindOf($0) != nil }), let kind = kindOf(after[k]) else { return [] }
        let n = after[(k + 1)...].lazy.compactMap { Int($0) }.first
        guard let n else {
            return ["¿Cuál \(label(kind))? Dime su número, por ejemplo «¿quién anotó \(article(kind)) \(label(kind)) 3?»."]
        }
        // What the record says (its text, title, measure or name) and who registered it.
        let found: (what: String, who: String?)?
        switch kind {
        case "acuerdo": found = s.agreements.first { $0.number == n }.map { ($0.text, $0.registeredBy) }
        case "norma": found = s.norms.first { $0.number == n }.map { ($0.text, $0.registeredBy) }
        case "decision": found = s.decisions.first { $0.number == n }.map { ($0.text, $0.registeredBy) }
        case "encuentro": found = s.meeting(number: n).map { ($0.title, $0.registeredBy) }
        case "resultado": found = s.results.first { $0.number == n }.map { ($0.measure, $0.registeredBy) }
        case "organizacion": found = s.organizations.first { $0.number == n }.map { ($0.name, $0.registeredBy) }
        default: return []
        }
        let name = found.map { "\(article(kind)) \(label(kind)) \(n) («\($0.what)»)" }, who = found?.who
        guard let name else { return ["No encuentro \(article(kind)) \(label(kind)) \(n) en la red."] }
        guard let who else { return ["No quedó registrado quién anotó \(name): es de antes de que guardara quién registra cada cosa."] }
        return [name.prefix(1).uppercased() + name.dropFirst() + " " + (article(kind) == "la" ? "la" : "lo") + (who == user ? " registraste tú." : " registró \(who).")]
    }

    static func label(_ kind: String) -> String {
        switch kind {
        case "decision": "decisión"
        case "organizacion": "organización"
        default: kind
        }
    }

    static func article(_ kind: String) -> String {
        ["norma", "decision", "organizacion", "acta"].contains(kind) ? "la" : "el"
    }

    /// Every record with its author (nil when not kept), as a list line. Asked on this question
    /// only: one pass over the network's records.
    static func all(_ s: NetworkSnapshot, today: LocalDate) -> [Registered] {
        var out: [Registered] = []
        func day(_ stamp: String?) -> LocalDate? { stamp.flatMap { LocalDate(iso: $0.prefix(10)) } }
        for a in s.agreements where a.status != .borrado {
            out.append(Registered(who: a.registeredBy, day: day(a.registered), order: a.number ?? 0,
                                  line: "Acuerdo \(a.number.map(String.init) ?? a.id): \(a.text)", kind: "acuerdo"))
        }
        for x in s.norms {
            out.append(Registered(who: x.registeredBy, day: x.date, order: x.number ?? 0, line: "Norma \(x.number.map(String.init) ?? x.id): \(x.text)", kind: "norma"))
        }
        for x in s.decisions {
            out.append(Registered(who: x.registeredBy, day: x.date, order: x.number ?? 0,
                                  line: "Decisión \(x.number.map(String.init) ?? x.id): \(x.text)", kind: "decision"))
        }
        for m in s.meetings where m.deleted == nil {
            out.append(Registered(who: m.registeredBy, day: day(m.modified), order: m.number ?? 0,
                                  line: "Encuentro \(m.number.map(String.init) ?? m.id): \(m.title)", kind: "encuentro"))
            for o in m.occurrences.values where o.registeredBy != nil {
                // An acta is written after its meeting was set: newer than what was saved that day.
                out.append(Registered(who: o.registeredBy, day: o.date, order: 1_000_000 + (m.number ?? 0),
                                      line: "Acta de «\(m.title)» del \(SpanishFormat.date(o.date, today: today))", kind: "acta"))
            }
        }
        for x in s.results where x.deleted == nil {
            out.append(Registered(who: x.registeredBy, day: x.date, order: x.number ?? 0,
                                  line: "Resultado \(x.number.map(String.init) ?? x.id): \(x.measure), \(x.value)", kind: "resultado"))
        }
        for x in s.organizations where x.deleted == nil {
            out.append(Registered(who: x.registeredBy, day: x.since, order: x.number ?? 0,
                                  line: "Organización \(x.number.map(String.init) ?? x.id): \(x.name)", kind: "organizacion"))
        }
        return out
    }
}
