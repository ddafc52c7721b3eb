import CivilTime
import DialogEngine
import Domain
import Understanding

/// Long lists in parts: a few lines at a time, «…y 9.996 más», «más» to go on, and filters
/// («los de Ana», «los de diciembre», «los cumplidos»). Every answer reads the agreements in one
/// pass and keeps only the ones it will show (no sorting of the whole list).
extension Answers {
    /// Items per reply.
    static let pageSize = 5

    /// "9.996": thousands with a period, as written in Chile.
    static func number(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(".") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    static let monthNames = ["", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                             "octubre", "noviembre", "diciembre"]

    // MARK: Filters

    /// Which agreements a list shows.
    struct AgreementFilter: Equatable {
        enum State: Equatable {
            case open, overdue, all
            case only(Agreement.Status)
            /// «¿qué acuerdos no se cumplieron?»: those marked «no cumplido» and the overdue ones
            /// (pass 11: it said there were none while one was overdue).
            case unmet
        }

        var state: State = .open
        /// A member's (or responsable's) full name.
        var person: String?
        /// year * 100 + month of the plazo.
        var month: Int?

        var isPlain: Bool { person == nil && month == nil }

        func accepts(_ st: Agreement.Status) -> Bool {
            switch state {
            case .open: st.isOpen
            case .overdue: st == .vencido
            case .all: st != .borrado
            case .only(let s): st == s
            case .unmet: st == .noCumplido || st == .vencido
            }
        }

        /// Closed ones are most interesting most recent first; open ones most urgent first.
        var newestFirst: Bool {
            if case .only(let s) = state { return s == .cumplido || s == .noCumplido }
            return false
        }

        init(state: State = .open, person: String? = nil, month: Int? = nil) {
            self.state = state
            self.person = person
            self.month = month
        }

        init(_ c: ListCursor) {
            person = c.person
            month = c.month
            switch c.status {
            case "todos"?: state = .all
            case "vencido"?: state = .overdue
            case "incumplidos"?: state = .unmet
            case let raw? where raw != "abiertos": state = Agreement.Status(rawValue: raw).map { .only($0) } ?? .open
            default: state = .open
            }
        }

        func cursor(shown: Int) -> ListCursor {
            let raw: String = switch state {
            case .open: "abiertos"
            case .overdue: "vencido"
            case .all: "todos"
            case .only(let s): s.rawValue
            case .unmet: "incumplidos"
            }
            return ListCursor(kind: .agreements, shown: shown, person: person, month: month, status: raw)
        }
    }

    /// Reads a state, a month and a person from the words of a question or a follow-up, over `f`.
    /// Returns whether anything was read.
    @discardableResult
    static func read(_ text: String, into f: inout AgreementFilter, snapshot s: NetworkSnapshot, user: String?,
                     today: LocalDate) -> Bool {
        let t = Phrase(text).tokens
        var found = false
        if let st = stateWords(t) { f.state = st; found = true }
        if let m = monthIn(t, today: today) { f.month = m; found = true }
        if t.contains(where: { ["mios", "mias", "mis", "tengo", "yo"].contains($0) }), let user {
            f.person = user
            found = true
        } else if let p = personNamed(in: text, snapshot: s, user: user) {
            f.person = p
            found = true
        }
        return found
    }

    /// What may stand between «no» and the verb it negates («no se han cumplido», «no lo ha cumplido»).
    static let notWords: Set<String> = ["se", "lo", "los", "la", "las", "le", "les", "ha", "han", "has", "hemos", "habia", "habian", "todavia", "aun"]

    static func stateWords(_ t: [String]) -> AgreementFilter.State? {
        for (i, w) in t.enumerated() {
            // The words just before, back to a «no» (or «sin»): «no se han», «todavía no lo ha».
            let before = t[..<i].suffix(4)
            let no = before.lastIndex { $0 == "no" || $0 == "sin" }
            let between = no.map { Array(t[($0 + 1)..<i]) } ?? []
            let negated = no != nil && between.allSatisfy { notWords.contains($0) }
            // «¿quién no ha cumplido sus acuerdos?», «¿qué acuerdos no se han cumplido?», «los que
            // están sin cumplir»: who is behind, the overdue ones (not those marked «no cumplido»).
            let notYet = negated && (between.contains(where: { ["ha", "han", "has", "hemos", "habia", "habian"].contains($0) }) || t[no!] == "sin")
            // «no se cumplieron», «no cumplimos»: the verb, said of what happened — marked «no
            // cumplido» or left overdue alike; «los no cumplidos» names the state itself.
            if negated, !notYet, w.hasPrefix("cumpl"), !w.hasPrefix("cumplid") { return .unmet }
            if w.hasPrefix("cumpl") || ["hechos", "hechas", "terminados", "terminadas", "listos", "listas", "realizados"].contains(w) {
                return notYet ? .overdue : .only(negated ? .noCumplido : .cumplido)
            }
            if w.hasPrefix("vencid") || w.hasPrefix("atrasad") || w == "vencieron" { return .overdue }
            if w.hasPrefix("reprogram") { return .only(.reprogramado) }
            if w == "proceso" { return .only(.enProceso) }
            if ["pendientes", "pendiente", "abiertos", "abiertas"].contains(w) { return .open }
            if ["todos", "todas"].contains(w) { return .all }
        }
        return nil
    }

    /// "diciembre", "enero de 2027", "este mes": year * 100 + month. Without a year, the month
    /// nearest to today (in November, «enero» is next January and «octubre» the one just past).
    static func monthIn(_ t: [String], today: LocalDate) -> Int? {
        for (i, w) in t.enumerated() {
            var month: Int?
            if let m = monthNames.firstIndex(of: w), m > 0 { month = m }
            if w == "setiembre" { month = 9 }
            if w == "mes", i > 0 {
                if t[i - 1] == "este" { month = today.month }
                if t[i - 1] == "proximo" || (i + 2 < t.count && t[i + 1] == "que" && t[i + 2] == "viene") {
                    return today.month == 12 ? (today.year + 1) * 100 + 1 : today.year * 100 + today.month + 1
                }
            }
            guard let m = month else { continue }
            if let y = t[(i + 1)...].prefix(2).compactMap({ Int($0) }).first, (2000...2100).contains(y) { return y * 100 + m }
            let delta = m - today.month
            let year = delta < -6 ? today.year + 1 : delta > 5 ? today.year - 1 : today.year
            return year * 100 + m
        }
        return nil
    }

    // MARK: Agreements

    /// One pass: how many agreements `f` accepts, how many of them are overdue, and the first
    /// `limit` in list order (overdue first, then the next due, then the rest by date).
    static func scan(_ s: NetworkSnapshot, _ f: AgreementFilter, today: LocalDate, limit: Int)
        -> (total: Int, overdue: Int, first: [Agreement]) {
        var total = 0, overdue = 0
        var best = Smallest(limit)
        var memo: [String: Bool] = [:]
        func isPerson(_ name: String, _ person: String) -> Bool {
            if let known = memo[name] { return known }
            let hit = name == person || PersonMatcher.match(name, among: [person]) != nil
            memo[name] = hit
            return hit
        }
        let newestFirst = f.newestFirst
        for i in s.agreements.indices {
            let a = s.agreements[i]
            let st = a.status(on: today)
            // «¿qué acuerdos están reprogramados?»: one moved and past its new date is still one
            // moved (pass 9, qa13: «No hay acuerdos reprogramados» with one); so is one in progress.
            guard f.accepts(st) || (st == .vencido && (a.status == .reprogramado || a.status == .enProceso) && f.state == .only(a.status)) else { continue }
            if let m = f.month {
                guard let d = a.deadline, d.year * 100 + d.month == m else { continue }
            }
            if let p = f.person, !a.responsables.contains(where: { isPerson($0, p) }) { continue }
            total += 1
            if st == .vencido { overdue += 1 }
            let day = a.deadline.map { newestFirst ? -$0.dayNumber : $0.dayNumber } ?? Int.max
            let n = a.number ?? Int.max
            best.insert(Smallest.Key(a: day, b: newestFirst ? -n : n, c: i))
        }
        return (total, overdue, best.sorted().map { s.agreements[$0] })
    }

    static func agreementNoun(_ f: AgreementFilter, _ n: Int, person: Bool) -> String {
        let one: String, many: String
        switch f.state {
        case .open: (one, many) = person ? ("acuerdo pendiente", "acuerdos pendientes") : ("acuerdo abierto", "acuerdos abiertos")
        case .overdue: (one, many) = ("acuerdo vencido", "acuerdos vencidos")
        case .unmet: (one, many) = ("acuerdo sin cumplir (vencido o no cumplido)", "acuerdos sin cumplir (vencidos o no cumplidos)")
        case .all: (one, many) = ("acuerdo", "acuerdos")
        case .only(let st):
            let plural = st == .enProceso ? st.label : st.label.split(separator: " ").map { $0 + "s" }.joined(separator: " ")
            let label = st == .noCumplido ? "no cumplidos" : plural
            (one, many) = ("acuerdo \(st.label)", "acuerdos \(label)")
        }
        return count(n, one, many)
    }

    static func monthPhrase(_ m: Int?, today: LocalDate) -> String {
        guard let m else { return "" }
        let (y, mm) = (m / 100, m % 100)
        return " con plazo en \(monthNames[mm])" + (y == today.year ? "" : " de \(y)")
    }

    static func firstName(_ person: String) -> String {
        person.split(separator: " ").first.map(String.init) ?? person
    }

    /// The first name, or the whole name when another member shares it («Luis Soto» next to «Luis Pérez»).
    static func shortName(_ person: String, in s: NetworkSnapshot) -> String {
        let first = firstName(person)
        return s.members.contains { $0.name != person && firstName($0.name) == first } ? person : first
    }

    /// A list of agreements from its start (`from` 0) or where «más» left it.
    static func agreementsPage(_ s: NetworkSnapshot, _ f: AgreementFilter, from: Int, today: LocalDate, user: String?,
                               listing: inout ListCursor?) -> [String] {
        var total = 0
        return agreementsPage(s, f, from: from, today: today, user: user, listing: &listing, total: &total)
    }

    static func agreementsPage(_ s: NetworkSnapshot, _ f: AgreementFilter, from: Int, today: LocalDate, user: String?,
                               listing: inout ListCursor?, total found: inout Int) -> [String] {
        let (total, overdue, first) = scan(s, f, today: today, limit: from + pageSize)
        found = total
        let isUser = f.person != nil && f.person == user
        let items = Array(first.dropFirst(from))
        listing = f.cursor(shown: from + items.count)
        let who = f.person.map { isUser ? "Tienes " : "\(shortName($0, in: s)) tiene " } ?? ""
        if total == 0 {
            switch (f.state, f.isPlain, f.person) {
            case (.open, true, _): return ["No hay acuerdos abiertos. Si quieres anotar uno, escribe «nuevo acuerdo»."]
            case (.overdue, true, _): return ["No hay acuerdos vencidos. ¡Bien!"]
            case (.open, _, let p?) where f.month == nil:
                return [isUser ? "No tienes acuerdos pendientes." : "\(shortName(p, in: s)) no tiene acuerdos pendientes."]
            default:
                let noun = agreementNoun(f, 2, person: f.person != nil).dropFirst(2)
                let lead = f.person.map { isUser ? "No tienes " : "\(shortName($0, in: s)) no tiene " } ?? "No hay "
                return [lead + noun + monthPhrase(f.month, today: today) + ". Para ver todos los abiertos, pregúntame «¿qué acuerdos hay?»."]
            }
        }
        let status = f.state == .open || f.state == .all || f.state == .unmet || f.person != nil
        let lines = list(items, today: today, status: status)
        if from >= total {
            return ["Ya te mostré todos (\(number(total))). Si quieres, " + suggestions(f, sample: first, today: today, overdue: overdue)]
        }
        let header = who + agreementNoun(f, total, person: f.person != nil) + monthPhrase(f.month, today: today)
        // «los dos están cumplidos» right after: said of each record listed. A page of a longer
        // list («más») that shows two keeps them too (issue 12: only a list that fit one page);
        // a page of more is no «los dos».
        if from == 0 && total <= pageSize {
            listing?.records = items.map(\.id)
            return [header + ":\n" + lines]
        }
        if items.count == 2 { listing?.records = items.map(\.id) }
        let remaining = total - from - items.count
        if from == 0 {
            var head = header
            if f.state == .open || f.state == .all, overdue > 0 { head += " (\(number(overdue)) vencido\(overdue == 1 ? "" : "s"))" }
            let lead: String = switch f.state {
            case .overdue: "Primero los más atrasados"
            case _ where f.newestFirst: "Los más recientes"
            default: "Primero lo más urgente"
            }
            let hint = suggestions(f, sample: first, today: today, overdue: overdue)
            return [head + ". " + lead + ":\n" + lines + "\n…y \(number(remaining)) más. Escribe «más» para ver los siguientes" + (hint.isEmpty ? "." : ", o \(hint)")]
        }
        return [continuation(from: from, shown: items.count, total: total) + lines + "\n" + footer(remaining)]
    }

    /// "pide «los de Ana», «los de diciembre» o «los vencidos»." with what the list has.
    static func suggestions(_ f: AgreementFilter, sample: [Agreement], today: LocalDate, overdue: Int) -> String {
        var ideas: [String] = []
        if f.person == nil, let name = sample.lazy.flatMap(\.responsables).first {
            ideas.append("«los de \(firstName(name))»")
        }
        if f.month == nil, let d = sample.first(where: { ($0.deadline ?? today) >= today })?.deadline ?? sample.first?.deadline {
            ideas.append("«los de \(monthNames[d.month])»")
        }
        switch f.state {
        case .open: ideas.append(overdue > 0 ? "«los vencidos»" : "«los cumplidos»")
        case .overdue, .only, .unmet: ideas.append("«los pendientes»")
        case .all: ideas.append("«los vencidos»")
        }
        guard !ideas.isEmpty else { return "" }
        let joined = ideas.count == 1 ? ideas[0] : ideas.dropLast().joined(separator: ", ") + " o " + ideas.last!
        return "pide \(joined)."
    }

    static func continuation(from: Int, shown: Int, total: Int) -> String {
        "Del \(number(from + 1)) al \(number(from + shown)) (de \(number(total))):\n"
    }

    static func footer(_ remaining: Int) -> String {
        remaining > 0 ? "…y \(number(remaining)) más. Escribe «más» para seguir." : "Esos son todos."
    }

    /// A question about agreements, read afresh: the query says the kind, the words the filters.
    static func agreements(_ query: Query, snapshot s: NetworkSnapshot, today: LocalDate, user: String?, text: String,
                           listing: inout ListCursor?) -> [String] {
        // «¿para cuándo es el acuerdo de la Luisa?»: when her one open agreement is due, not the
        // list of her agreements (issue 12). With several, the list shows each plazo.
        // «¿pa cuándo tiene que entregar la Luisa?»: the same, asked of a person.
        if asksWhenDue(text) || query == .personAgreements && Phrase(text).tokens.contains("cuando") {
            var f = AgreementFilter(state: .open)
            read(text, into: &f, snapshot: s, user: user, today: today)
            if let p = f.person, f.month == nil, case let (total, _, first) = scan(s, f, today: today, limit: 2),
               total == 1, let a = first.first, let d = a.deadline {
                let whose = p == user ? "Tu acuerdo" : "El acuerdo de \(shortName(p, in: s))"
                let n = a.number.map { " (acuerdo \($0))" } ?? ""
                let date = SpanishFormat.date(d, today: today)
                return [d < today ? "\(whose), «\(a.text)»\(n), era para el \(date): está vencido."
                                  : "\(whose), «\(a.text)»\(n), es para el \(date)."]
            }
        }
        // «¿cómo va el acuerdo 3?»: that one agreement, not the whole list.
        if query == .openAgreements || query == .overdueAgreements, let a = oneNamed(text, snapshot: s) {
            // «¿quién cambió el acuerdo 1?» in a store without its history (with it, the session
            // answers from the history before any flow): who is not kept, when is; said so,
            // never the status alone as if it answered.
            if asksWhoChanged(Phrase(text).tokens), let n = a.number {
                let at = (a.history.last?.at ?? a.registered).flatMap { LocalDate(iso: $0.prefix(10)) }
                let when = at.map { " La última modificación del acuerdo \(n) es del \(SpanishFormat.date($0, today: today))." } ?? ""
                return ["No tengo anotado quién hace cada cambio en esta red, solo cuándo.\(when)", oneAgreement(a, today: today)]
            }
            return [oneAgreement(a, today: today)]
        }
        var f = AgreementFilter(state: query == .overdueAgreements ? .overdue : .open)
        read(text, into: &f, snapshot: s, user: user, today: today)
        // «¿qué acuerdos vencen esta semana?», «y cuáles vencen la próxima semana»: the open ones
        // whose plazo falls in that week (it listed every open agreement).
        if query == .openAgreements, f.person == nil, let week = dueWeek(text, today: today) {
            return dueIn(week, snapshot: s, today: today)
        }
        if query == .myAgreements {
            guard let user else { return ["No sé tu nombre; escríbeme «¿qué tiene pendiente Ana?» con el nombre."] }
            f.person = user
        }
        // «¿qué acuerdos tienen los directores?»: a role names the members who hold it.
        if query == .personAgreements, f.person == nil, let group = roleGroup(text, snapshot: s) {
            // «los orientadores» with no one of that role: said so, not «¿de quién?».
            guard !group.isEmpty else {
                return ["No hay nadie con ese cargo entre los miembros de la red. Pregúntame por una persona, por ejemplo «¿qué tiene pendiente \(s.members.first.map { firstName($0.name) } ?? "Luis")?»."]
            }
            return [groupAgreements(group, f, snapshot: s, today: today)]
        }
        if query == .personAgreements, f.person == nil {
            return ["¿De quién? Pregúntame, por ejemplo, «¿qué tiene pendiente Luis?»."]
        }
        return agreementsPage(s, f, from: 0, today: today, user: user, listing: &listing)
    }

    /// «¿para cuándo es el acuerdo de…?», «¿y el compromiso del Luis pa cuándo es?»: one
    /// agreement's date asked (never «¿cuándo vencen los acuerdos…?», a list).
    static func asksWhenDue(_ text: String) -> Bool {
        let t = Phrase(text).tokens
        return t.contains("cuando") && t.contains { $0 == "acuerdo" || $0 == "compromiso" } && !t.contains { $0 == "acuerdos" || $0 == "compromisos" }
    }

    /// The days (Monday to Sunday, from today on) of «esta semana» or «la próxima semana» when a
    /// question asks what falls due then; nil otherwise.
    static func dueWeek(_ text: String, today: LocalDate) -> (from: LocalDate, to: LocalDate, next: Bool)? {
        let t = Phrase(text).tokens
        guard let k = t.firstIndex(of: "semana"), k >= 1, t.contains(where: { $0.hasPrefix("venc") || $0.hasPrefix("venz") }) else { return nil }
        let sunday = today.adding(days: 7 - today.weekday)
        if ["proxima", "siguiente"].contains(t[k - 1]) || t[(k + 1)...].first.map({ $0 == "que" }) == true && t.contains("viene") {
            return (sunday.adding(days: 1), sunday.adding(days: 7), true)
        }
        return t[k - 1] == "esta" ? (today, today.adding(days: 6), false) : nil
    }

    /// The open agreements whose plazo falls within `week`, earliest first.
    static func dueIn(_ week: (from: LocalDate, to: LocalDate, next: Bool), snapshot s: NetworkSnapshot, today: LocalDate) -> [String] {
        var due: [Agreement] = []
        for i in s.agreements.indices {
            guard let d = s.agreements[i].deadline, !(d < week.from), !(week.to < d), s.agreements[i].status(on: today).isOpen else { continue }
            due.append(s.agreements[i])
        }
        due.sort { ($0.deadline!.dayNumber, $0.number ?? Int.max) < ($1.deadline!.dayNumber, $1.number ?? Int.max) }
        let when = week.next ? "la próxima semana" : "esta semana"
        if due.isEmpty, !s.agreements.contains(where: { $0.status(on: today).isOpen }) {
            return ["No hay acuerdos abiertos. Si quieres anotar uno, escribe «nuevo acuerdo»."]
        }
        guard !due.isEmpty else { return ["Ningún acuerdo abierto vence \(when). Para ver todos los abiertos, pregúntame «¿qué acuerdos hay?»."] }
        let shown = Array(due.prefix(pageSize))
        let head = due.count == 1 ? "Vence \(when) 1 acuerdo:" : "Vencen \(when) \(number(due.count)) acuerdos:"
        return [head + "\n" + list(shown, today: today) + (due.count > shown.count ? "\n…y \(number(due.count - shown.count)) más." : "")]
    }

    /// The agreement a question names by its number («el acuerdo 3», «el compromiso 2»), when
    /// it asks about one («acuerdo», not «acuerdos») and that agreement exists.
    static func oneNamed(_ text: String, snapshot s: NetworkSnapshot) -> Agreement? {
        let t = Phrase(text).tokens
        // «y el del drive?», «¿y lo de la rúbrica?»: the only agreement whose text has that word.
        if !t.contains("acuerdos"), let topic = AgreementReference.topic(t) {
            let hits = s.agreements.filter { $0.status != .borrado && Phrase($0.text).stems.contains(topic) }
            if hits.count == 1 { return hits[0] }
        }
        guard let k = t.indices.dropLast().first(where: { ["acuerdo", "compromiso"].contains(t[$0]) }), !t.contains("acuerdos"),
              let n = Int(t[k + 1]) ?? (t[k + 1] == "n" || t[k + 1] == "numero" ? t.dropFirst(k + 2).first.flatMap { Int($0) } : nil),
              let a = s.agreement(number: n), a.status != .borrado else { return nil }
        return a
    }

    /// «quién cambió…», «quién fue el último que modificó…»: who changed a record is asked.
    static func asksWhoChanged(_ t: [String]) -> Bool {
        guard let q = t.firstIndex(where: { $0 == "quien" || $0 == "quienes" }) else { return false }
        return t[(q + 1)...].prefix(7).contains { w in changeStems.contains { w.hasPrefix($0) } }
    }

    static let changeStems = ["cambi", "modific", "edit", "actualiz", "corrigi", "movi", "toco", "marco"]

    /// One agreement as it stands: its line, and its last follow-up if it had one.
    static func oneAgreement(_ a: Agreement, today: LocalDate) -> String {
        var out = list([a], today: today, status: true).replacingOccurrences(of: "- ", with: "", options: .anchored)
        if let last = a.history.last(where: { $0.status != .pendiente }) {
            var said = "Último seguimiento: \(last.status.label)"
            if let d = last.deadline, last.status == .reprogramado { said += " para el \(SpanishFormat.date(d, today: today))" }
            if let note = last.note, !note.isEmpty { said += " («\(note)»)" }
            out += "\n" + said + "."
        }
        if let e = a.evidenceDelivered, !e.isEmpty, !out.contains(e) { out += "\nEvidencia entregada: \(e)." }
        return out
    }

    /// The agreements any of `group` holds, each once (one held by two directors is one
    /// agreement of the group), most urgent first.
    static func groupAgreements(_ group: [String], _ f: AgreementFilter, snapshot s: NetworkSnapshot, today: LocalDate) -> String {
        let held = s.agreements.filter { a in
            f.accepts(a.status(on: today)) && a.responsables.contains { r in group.contains(r) || PersonMatcher.match(r, among: group) != nil }
        }.sorted { ($0.deadline?.dayNumber ?? Int.max, $0.number ?? Int.max) < ($1.deadline?.dayNumber ?? Int.max, $1.number ?? Int.max) }
        let who = group.count == 1 ? shortName(group[0], in: s) : SlotValue.joinSpanish(group)
        let pending = f.state == .overdue ? "vencido" : "pendiente"
        guard !held.isEmpty else { return "\(who) no \(group.count == 1 ? "tiene" : "tienen") acuerdos \(pending)s." }
        let shown = Array(held.prefix(pageSize))
        let rest = held.count - shown.count
        return "\(who) \(group.count == 1 ? "tiene" : "tienen") \(number(held.count)) acuerdo\(held.count == 1 ? "" : "s") \(pending)\(held.count == 1 ? "" : "s"):\n"
            + list(shown, today: today, status: true) + (rest > 0 ? "\n…y \(number(rest)) más." : "")
    }

    /// The members whose role is the plural after «los»/«las» («los directores» → director and
    /// directora, «las educadoras», «los jefes UTP»): gender and number set aside on both sides.
    static func roleGroup(_ text: String, snapshot s: NetworkSnapshot) -> [String]? {
        func stem(_ w: String) -> String {
            var w = Substring(w)
            if w.hasSuffix("es"), w.count > 5 { w = w.dropLast(2) } else if w.hasSuffix("s") { w = w.dropLast() }
            if let last = w.last, "aoe".contains(last) { w = w.dropLast() }
            return String(w)
        }
        let t = Phrase(text).tokens
        let plurals = t.indices.dropFirst().filter { ["los", "las"].contains(t[$0 - 1]) && t[$0].count >= 5 && t[$0].hasSuffix("s") }.map { stem(t[$0]) }
        guard !plurals.isEmpty else { return nil }
        // «director/a», «jefe/a UTP»: the role's first word, before the slash of its feminine.
        return s.members.filter { m in
            guard !m.isOut, let role = m.role, let first = role.split(whereSeparator: { !$0.isLetter }).first else { return false }
            return plurals.contains(stem(TextFold.fold(String(first))))
        }.map(\.name)
    }

    /// «los de Ana», «los cumplidos», «los de diciembre»: the last list narrowed (agreements when
    /// there is none, or when the words are about agreements).
    static func refine(snapshot s: NetworkSnapshot, today: LocalDate, now: LocalDateTime, user: String?, text: String,
                       listing: inout ListCursor?) -> [String] {
        let t = Phrase(text).tokens
        if listing?.kind == .meetings, stateWords(t) == nil, let m = monthIn(t, today: today) {
            return meetingsPage(s, month: m, from: 0, today: today, now: now, listing: &listing)
        }
        var f = listing.map { $0.kind == .agreements ? AgreementFilter($0) : AgreementFilter() } ?? AgreementFilter()
        guard read(text, into: &f, snapshot: s, user: user, today: today) else {
            return ["No sé de cuáles me hablas. Puedes pedir, por ejemplo, «los de Ana», «los de diciembre» o «los cumplidos»."]
        }
        var total = 0
        let combined = agreementsPage(s, f, from: 0, today: today, user: user, listing: &listing, total: &total)
        // Nothing with the earlier filters too («los no cumplidos» after «los de marzo»): the words alone.
        var alone = AgreementFilter()
        if total == 0, read(text, into: &alone, snapshot: s, user: user, today: today), alone != f {
            var fresh = listing
            let reply = agreementsPage(s, alone, from: 0, today: today, user: user, listing: &fresh, total: &total)
            if total > 0 {
                listing = fresh
                return reply
            }
        }
        return combined
    }

    /// «más»: the next part of the last list.
    static func more(snapshot s: NetworkSnapshot, today: LocalDate, now: LocalDateTime, user: String?,
                     listing: inout ListCursor?) -> [String] {
        guard let c = listing else {
            return ["¿Más de qué? Pregúntame, por ejemplo, «¿qué acuerdos hay?» o «¿qué encuentros hay?»."]
        }
        switch c.kind {
        case .agreements: return agreementsPage(s, AgreementFilter(c), from: c.shown, today: today, user: user, listing: &listing)
        case .meetings:
            // After a day or week list (shown whole): nothing more in those days, never the
            // unfiltered list.
            if let span = c.span, let (from, to) = spanDates(span) {
                return ["Esos son todos los encuentros agendados \(spanText(from, to, today: today)). Si quieres ver los demás, pregúntame «¿qué encuentros hay?»."]
            }
            return meetingsPage(s, month: c.month, from: c.shown, today: today, now: now, listing: &listing)
        case .reflections: return learningsPage(s, words: c.words.map { $0.split(separator: " ").map(String.init) } ?? [],
                                                from: c.shown, today: today, listing: &listing)
        }
    }

    // MARK: Meetings and reflections

    /// «¿qué reuniones tengo el 10 de diciembre?», «¿qué encuentros hay esta semana?», «…en
    /// enero?»: only the meetings held in the day, week or month the question names (a whole
    /// month pages like the month list); nil when it names no day.
    static func meetingsOn(_ s: NetworkSnapshot, text: String, today: LocalDate, now: LocalDateTime,
                           listing: inout ListCursor?) -> [String]? {
        guard !text.isEmpty else { return nil }
        let context = TemporalContext(now: now.instant(in: .santiago), timeZone: .santiago, localNow: now)
        guard let match = TemporalParser.parse(text, context: context) else { return nil }
        let from: LocalDate, to: LocalDate
        switch match.value {
        case .date(let d): (from, to) = (d, d)
        case .dateTime(let dt): (from, to) = (dt.date, dt.date)
        case .dateRange(let a, let b): (from, to) = (a, b)
        default: return nil
        }
        let lastOfMonth = (from.month == 12 ? LocalDate(year: from.year + 1, month: 1, day: 1)
                                            : LocalDate(year: from.year, month: from.month + 1, day: 1)).adding(days: -1)
        if from.day == 1, to == lastOfMonth {
            return meetingsPage(s, month: from.year * 100 + from.month, from: 0, today: today, now: now, listing: &listing)
        }
        let dates = s.occurrences(from: from, to: to)
        // A suspended date is no meeting held (issue 12: «¿hay reunión el 9?» said «Sí» for one).
        let held = dates.filter { !$0.0.isSuspended(at: $0.1) }
        listing = ListCursor(kind: .meetings, shown: dates.count, month: nil, span: from.iso + "/" + to.iso)
        let span = spanText(from, to, today: today)
        // «¿hay reunión el lunes 21?»: a yes or a no first, and with a no, when the next one is.
        // (Opening with the verb: «¿qué reuniones hay…?» asks for a list.)
        let yesNo = Phrase(text).tokens.drop { ["y", "oye", "bueno", "entonces", "pero"].contains($0) }.first.map { $0 == "hay" || $0 == "tenemos" } ?? false
        guard !held.isEmpty else {
            // Only suspended dates in the span: said so, by meeting and date.
            let off = dates.map { m, at in "el encuentro \(m.number.map(String.init) ?? m.id) («\(m.title)») del \(SpanishFormat.dateTime(at, today: today))" }
            let offText = off.isEmpty ? "" : (off.count == 1 ? ": " + off[0] + " está suspendido" : ": " + SlotValue.joinSpanish(off) + " están suspendidos")
            guard yesNo, let (m, at) = s.nextMeeting(after: now) else { return ["No hay encuentros agendados \(span)\(offText)."] }
            let no = off.isEmpty ? "No, no hay encuentros agendados \(span)" : "No" + offText
            return [no + ". El próximo es «\(m.title)», el \(SpanishFormat.dateTime(at, today: today))."]
        }
        let lines = dates.map { m, at in
            "- Encuentro \(m.number.map(String.init) ?? m.id): \(m.title), " + SpanishFormat.dateTime(at, today: today)
                + (m.isSuspended(at: at) ? " (suspendido)" : "")
        }.joined(separator: "\n")
        return [(yesNo ? "Sí. " : "") + "Encuentros agendados \(span):\n" + lines]
    }

    /// «¿qué reuniones tenemos en abril y mayo?»: several months named without a day, each
    /// listed as the month list does (the parser reads only the first: qa38, May was left out).
    /// Nil unless two months or more are named and no day.
    static func meetingsInMonths(_ s: NetworkSnapshot, text: String, today: LocalDate, now: LocalDateTime,
                                 listing: inout ListCursor?) -> [String]? {
        let t = Phrase(text).tokens
        let named = t.compactMap { w in monthNames.firstIndex(of: w).flatMap { $0 > 0 ? $0 : nil } }
        guard Set(named).count >= 2, !t.contains(where: { w in w.first?.isNumber == true && w.count <= 2 }) else { return nil }
        let context = TemporalContext(now: now.instant(in: .santiago), timeZone: .santiago, localNow: now)
        var months: [Int] = []
        for m in named {
            // Each month as it is read alone: this year's, or the coming one's when it passed.
            guard case .dateRange(let start, _)? = TemporalParser.parse(monthNames[m], context: context)?.value else { return nil }
            let key = start.year * 100 + start.month
            if !months.contains(key) { months.append(key) }
        }
        var lines: [String] = []
        for key in months {
            lines += meetingsPage(s, month: key, from: 0, today: today, now: now, listing: &listing)
        }
        return lines
    }

    /// «¿qué tenemos esta semana?», «¿qué hay pa la otra semana?»: a span asked about with no
    /// record named holds both the meetings held in it and the open agreements due in it (issue
    /// 12). Nil when the question names a kind of record, or no span.
    static func weekAhead(_ s: NetworkSnapshot, text: String, today: LocalDate, now: LocalDateTime, listing: inout ListCursor?) -> [String]? {
        let t = Phrase(text).tokens
        guard t.contains("semana"), t.allSatisfy(weekAskWords.contains) else { return nil }
        let context = TemporalContext(now: now.instant(in: .santiago), timeZone: .santiago, localNow: now)
        guard case .dateRange(let from, let to)? = TemporalParser.parse(text, context: context)?.value,
              var meetings = meetingsOn(s, text: text, today: today, now: now, listing: &listing) else { return nil }
        var due: [Agreement] = []
        for a in s.agreements {
            guard let d = a.deadline, !(d < from), !(to < d), a.status(on: today).isOpen else { continue }
            due.append(a)
        }
        due.sort { ($0.deadline!.dayNumber, $0.number ?? Int.max) < ($1.deadline!.dayNumber, $1.number ?? Int.max) }
        if due.isEmpty {
            meetings.append("Ningún acuerdo abierto vence en esos días.")
        } else {
            let shown = Array(due.prefix(pageSize))
            let head = due.count == 1 ? "Vence 1 acuerdo:" : "Vencen \(number(due.count)) acuerdos:"
            meetings.append(head + "\n" + list(shown, today: today) + (due.count > shown.count ? "\n…y \(number(due.count - shown.count)) más." : ""))
        }
        return meetings
    }

    /// Every word of «¿qué tenemos esta semana?» (as `QueryMatcher` reads it), greetings included.
    static let weekAskWords: Set<String> = ["que", "q", "tenemos", "hay", "toca", "nos", "esta", "la", "otra", "proxima", "siguiente", "pa", "para",
                                            "pal", "en", "semana", "viene", "po", "pues", "entonces", "de", "toda", "hola", "oye", "y", "ya", "bueno", "ah"]

    /// «el jueves 10 de diciembre», «del lunes 7 de diciembre al domingo 13 de diciembre».
    static func spanText(_ from: LocalDate, _ to: LocalDate, today: LocalDate) -> String {
        from == to ? "el " + SpanishFormat.date(from, today: today)
                   : "del " + SpanishFormat.date(from, today: today) + " al " + SpanishFormat.date(to, today: today)
    }

    /// The two days of a cursor's `span`.
    static func spanDates(_ span: String) -> (LocalDate, LocalDate)? {
        let parts = span.split(separator: "/")
        guard parts.count == 2, let a = LocalDate(iso: parts[0]), let b = LocalDate(iso: parts[1]) else { return nil }
        return (a, b)
    }

    static func meetingsPage(_ s: NetworkSnapshot, month: Int?, from: Int, today: LocalDate, now: LocalDateTime,
                             listing: inout ListCursor?) -> [String] {
        var upcoming: [(Meeting, LocalDateTime)]
        if let month {
            let start = LocalDate(year: month / 100, month: month % 100, day: 1)
            let end = (month % 100 == 12 ? LocalDate(year: month / 100 + 1, month: 1, day: 1)
                                          : LocalDate(year: month / 100, month: month % 100 + 1, day: 1)).adding(days: -1)
            upcoming = s.occurrences(from: start, to: end)
        } else {
            // Each meeting's next date held: a suspended one is no «próximo».
            upcoming = s.meetings.compactMap { m in m.nextHeld(after: now).map { (m, $0) } }.sorted { $0.1 < $1.1 }
        }
        listing = ListCursor(kind: .meetings, shown: min(upcoming.count, from + pageSize), month: month)
        let monthText = month.map { " en \(monthNames[$0 % 100])" + ($0 / 100 == today.year ? "" : " de \($0 / 100)") } ?? ""
        guard !upcoming.isEmpty else {
            if month != nil { return ["No hay encuentros\(monthText)."] }
            return nextMeeting(s, today: today, now: now)
        }
        if from >= upcoming.count { return ["Ya te mostré todos los encuentros (\(number(upcoming.count)))."] }
        let lines = upcoming[from..<min(upcoming.count, from + pageSize)].map { m, at in
            "- Encuentro \(m.number.map(String.init) ?? m.id): \(m.title), "
                + (month == nil ? m.rrule.map { SpanishFormat.recurrence(Recurrence(rrule: $0, time: m.start.time)) + "; el próximo, " } ?? "" : "")
                + SpanishFormat.dateTime(at, today: today) + (m.isSuspended(at: at) ? " (suspendido)" : "")
        }.joined(separator: "\n")
        let remaining = upcoming.count - from - min(pageSize, upcoming.count - from)
        if from == 0 {
            let head = "Encuentros agendados\(monthText)"
            if remaining == 0 { return [head + ":\n" + lines] }
            return [head + " (\(number(upcoming.count))). Los próximos:\n" + lines + "\n" + footer(remaining)]
        }
        return [continuation(from: from, shown: min(pageSize, upcoming.count - from), total: upcoming.count) + lines + "\n" + footer(remaining)]
    }

    /// Reflections about `words` (all when empty), most recent first, a page at a time.
    static func learningsPage(_ s: NetworkSnapshot, words: [String], from: Int, today: LocalDate,
                              listing: inout ListCursor?) -> [String] {
        func matches(_ r: Reflection) -> Bool {
            guard !words.isEmpty else { return true }
            let hay = Phrase(r.searchableText).tokens
            return words.contains { w in
                hay.contains { h in h == w || (w.count >= 5 && h.hasPrefix(String(w.prefix(w.count - 1))))
                    || (w.count >= 5 && h.count >= 5 && TextFold.editDistance(h, w) <= (w.count >= 6 ? 2 : 1)) }
            }
        }
        // One pass, newest first; only the ones shown are kept, the rest are counted.
        var total = 0
        var page: [Reflection] = []
        for r in s.reflections.reversed() where matches(r) {
            if total >= from && page.count < pageSize { page.append(r) }
            total += 1
        }
        guard total > 0 else {
            let tags = Array(Set(s.reflections.flatMap(\.tags))).sorted()
            let shownTags = tags.count > 8 ? Array(tags.prefix(8)) + ["\(number(tags.count - 8)) temas más"] : tags
            return ["No encontré reflexiones sobre «\(words.joined(separator: " "))»." + (tags.isEmpty ? "" : " Hay reflexiones sobre: \(SlotValue.joinSpanish(shownTags)).")]
        }
        let topic = words.joined(separator: " ")
        listing = ListCursor(kind: .reflections, shown: from + page.count, words: topic.isEmpty ? nil : String(topic.prefix(80)))
        if from >= total { return ["Ya te mostré todas las reflexiones (\(number(total)))."] }
        let lines = page.map { r in
            "- \(r.learnings ?? r.adjustments ?? r.practice) (reflexión \(r.number.map(String.init) ?? r.id): \(r.practice)"
                + (r.date.map { ", \(SpanishFormat.date($0, today: today))" } ?? "") + ")"
        }.joined(separator: "\n")
        let remaining = total - from - page.count
        if from == 0 {
            let head = words.isEmpty ? "Lo que hemos aprendido" : "Sobre «\(topic)» aprendimos"
            if remaining == 0 { return [head + ":\n" + lines] }
            return [head + " (\(number(total)) reflexiones; primero las más recientes):\n" + lines + "\n" + footer(remaining)]
        }
        return [continuation(from: from, shown: page.count, total: total) + lines + "\n" + footer(remaining)]
    }

    /// "Ana, Luis, Marta y 477 más": names, never more than `limit`.
    static func someNames(_ names: [String], limit: Int = 6) -> String {
        guard names.count > limit else { return SlotValue.joinSpanish(names) }
        return names.prefix(limit - 1).joined(separator: ", ") + " y \(number(names.count - limit + 1)) más"
    }
}

/// The `k` smallest keys seen, without keeping the rest: a max-heap of at most `k` entries.
struct Smallest {
    struct Key: Comparable {
        var a: Int, b: Int, c: Int
        static func < (l: Key, r: Key) -> Bool { (l.a, l.b, l.c) < (r.a, r.b, r.c) }
    }

    let k: Int
    private var heap: [Key] = []

    init(_ k: Int) {
        self.k = max(0, k)
        heap.reserveCapacity(min(self.k, 1024))
    }

    mutating func insert(_ key: Key) {
        guard k > 0 else { return }
        if heap.count < k {
            heap.append(key)
            var i = heap.count - 1
            while i > 0 {
                let p = (i - 1) / 2
                guard heap[p] < heap[i] else { break }
                heap.swapAt(p, i)
                i = p
            }
        } else if key < heap[0] {
            heap[0] = key
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < heap.count, heap[m] < heap[l] { m = l }
                if r < heap.count, heap[m] < heap[r] { m = r }
                if m == i { break }
                heap.swapAt(m, i)
                i = m
            }
        }
    }

    /// The indices (`c`) of the kept keys, smallest first.
    func sorted() -> [Int] { heap.sorted().map(\.c) }
}
