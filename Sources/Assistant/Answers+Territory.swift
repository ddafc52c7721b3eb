import CivilTime
import DialogEngine
import Domain
import Understanding

/// Answers about the network's ties and governance: organisations of the territory and their
/// contacts, norms, the decision log, practices on their way to the PEI or PME.
extension Answers {
    static func territory(_ query: Query, snapshot s: NetworkSnapshot, today: LocalDate, text: String) -> [String] {
        switch query {
        case .organizations: return organizations(s, text: text, today: today)
        case .norms: return norms(s, today: today, state: stateNamed(Norm.State.allCases, label: \.label, in: text))
        case .decisions: return decisions(s, text: text, today: today)
        case .institutionalization: return practices(s, today: today, state: stateNamed(Practice.State.allCases, label: \.label, in: text))
        default: return []
        }
    }

    /// Ways to write to someone a question may ask for (as `QueryMatcher` reads them).
    static let addressWords: Set<String> = ["correo", "mail", "email", "telefono", "fono"]

    /// A member's one contact (a phone or an e-mail, whichever was given), or how to keep it.
    static func memberContact(_ m: Member) -> String {
        if let c = m.contact { return "El contacto que tengo de \(m.name) es \(c)." }
        return "No tengo anotado ningún correo ni teléfono de \(m.name). Si me lo das, lo guardo en su ficha: escribe, por ejemplo, «el correo de \(m.name) es nombre@ejemplo.cl»."
    }

    static func organizationLine(_ o: Organization, _ s: NetworkSnapshot) -> String {
        var line = "- \(o.name) (\(o.kind.label))"
        if let c = o.collaboration { line += ": \(c)" }
        if !o.projects.isEmpty { line += ". Proyectos: \(SlotValue.joinSpanish(o.projects))" }
        if let c = o.contact { line += ". Contacto: \(c)" }
        let members = s.members.filter { $0.organization == o.id }.map(\.name)
        if !members.isEmpty { line += ". En la red: \(SlotValue.joinSpanish(members))" }
        return line + "."
    }

    static func organizations(_ s: NetworkSnapshot, text: String, today: LocalDate) -> [String] {
        let tokens = Phrase(text).tokens
        // «¿cuál es el mail de jorge?»: a member's contact, the only way to write to them kept.
        if tokens.contains(where: addressWords.contains) || tokens.contains("contacto"),
           let name = personNamed(in: text, snapshot: s, user: nil), let m = s.members.first(where: { $0.name == name }),
           TerritoryReading.organization(in: text, s) == nil {
            return [memberContact(m)]
        }
        guard !s.organizations.isEmpty else {
            return ["Todavía no hay organizaciones del territorio registradas. Escribe «registrar una organización» para sumar la primera (un CESFAM, una OPD, una universidad…)."]
        }
        let asksContact = tokens.contains { $0 == "contacto" || $0 == "contactos" || $0 == "ubico" || $0 == "ubicamos" || addressWords.contains($0) }
        if let o = TerritoryReading.organization(in: text, s) {
            guard asksContact else { return [organizationLine(o, s)] }
            let members = s.members.filter { $0.organization == o.id }
            if let c = o.contact {
                return ["El contacto de \(o.name) es \(c)."
                    + (members.isEmpty ? "" : " En la red también está \(SlotValue.joinSpanish(members.map(\.name))).")]
            }
            return ["No tengo anotado un contacto de \(o.name)."
                + (members.isEmpty ? "" : " En la red está \(SlotValue.joinSpanish(members.map(\.name))), que trabaja allí.")]
        }
        if asksContact, let name = personNamed(in: text, snapshot: s, user: nil), let m = s.members.first(where: { $0.name == name }) {
            return [memberContact(m)]
        }
        let n = s.organizations.count
        // «¿quién es el contacto de la OPD?» with no OPD: say so before listing the ones there are.
        let unknown = asksContact && !TerritoryReading.words(text).subtracting(["quien", "cual", "cuales", "telefono", "correo"]).isEmpty
        return (unknown ? ["No encontré esa organización entre las de la red."] : []) + [(n == 1 ? "La red trabaja con una organización del territorio:\n" : "La red trabaja con \(number(n)) organizaciones del territorio:\n")
            + s.organizations.map { organizationLine($0, s) }.joined(separator: "\n")]
    }

    /// «¿cuáles prácticas hay aprobadas?», «las normas propuestas», «¿qué normas derogamos?»: the
    /// state a list question names, read from the states' own labels (any form of the word:
    /// «aprobadas», «aprobamos»); nil when it names none, or negates it.
    static func stateNamed<S>(_ states: [S], label: (S) -> String, in text: String) -> S? {
        let t = Phrase(text).tokens
        for (i, w) in t.enumerated() where w.count >= 6 && !(i > 0 && t[i - 1] == "no") {
            if let hit = states.first(where: { st in
                guard let word = Phrase(label(st)).tokens.last, word.count >= 6 else { return false }
                return word.hasPrefix(w) || w.hasPrefix(word.prefix(6))
            }) { return hit }
        }
        return nil
    }

    static func norms(_ s: NetworkSnapshot, today: LocalDate, state: Norm.State? = nil) -> [String] {
        guard !s.norms.isEmpty else {
            return ["Todavía no hay normas de funcionamiento anotadas. Escribe «acordar las normas de funcionamiento» para proponer las primeras."]
        }
        // Everyone: all members, and more than the two or three names a list would show anyway.
        let everyone = Set(s.members.map(\.name))
        func line(_ n: Norm) -> String {
            var l = "- Norma \(n.number ?? 0): \(n.text)"
            if n.state == .acordada {
                let who = n.agreedBy.count > 2 && everyone.isSubset(of: Set(n.agreedBy)) ? "todos" : SlotValue.joinSpanish(n.agreedBy)
                l += " (acordada" + (n.agreedDay.map { " el \(SpanishFormat.date($0, today: today))" } ?? "") + (who.isEmpty ? "" : " por \(who)") + ")"
            }
            return l
        }
        // Only the state asked for; none in it: said, then all of them.
        if let state {
            let hits = s.norms.filter { $0.state == state }
            if !hits.isEmpty {
                return [(hits.count == 1 ? "Hay una norma \(state.label):\n" : "Hay \(number(hits.count)) normas \(state.label)s:\n")
                    + hits.map(line).joined(separator: "\n")]
            }
            // With none agreed, the whole answer already opens saying so.
            let all = norms(s, today: today)
            return state == .acordada && !s.norms.contains(where: { $0.state == .acordada }) ? all : ["Ninguna norma está \(state.label) por ahora."] + all
        }
        var lines: [String] = []
        let agreed = s.norms.filter { $0.state == .acordada }, proposed = s.norms.filter { $0.state == .propuesta }
        let repealed = s.norms.filter { $0.state == .derogada }
        if !agreed.isEmpty { lines.append("Nuestras normas de funcionamiento:\n" + agreed.map(line).joined(separator: "\n")) }
        if !proposed.isEmpty {
            lines.append((agreed.isEmpty ? "Todavía no hay normas acordadas. Propuestas, por acordar:\n" : "Propuestas, por acordar:\n")
                + proposed.map(line).joined(separator: "\n"))
        }
        if !repealed.isEmpty {
            lines.append(repealed.count == 1 ? "Y una derogada: «\(repealed[0].text)»." : "Y \(number(repealed.count)) derogadas, que ya no rigen.")
        }
        return lines
    }

    /// Words any question may carry around its topic: greetings and «what we have» (pass 9, qa13:
    /// «hola! que decidimos sobre las reuniones?» looked for «hola reuniones», «q resultados
    /// tenemos» and «cuales decisiones tenemos» for «tenemos»).
    static let askingFiller: Set<String> = ["hola", "wena", "wenas", "buenas", "oye", "oiga", "hey", "ola", "minga", "porfa", "ya", "y", "ah",
                                            "tenemos", "tienen", "tiene", "hay", "llevamos", "van", "son", "anotados", "anotadas", "anotado",
                                            "registrados", "registradas", "guardados", "guardadas", "q", "k", "ke", "me", "muestrame", "mostrar"]

    /// Words of a question about decisions that name no topic.
    static let decisionWords: Set<String> = ["decidimos", "decidieron", "decision", "decisiones", "que", "sobre", "acerca", "respecto",
                                             "hemos", "tomado", "tomamos", "cuales", "fueron", "las", "ultimas", "dime", "ver", "red",
                                             // «¿qué decisiones ha tomado la red?»: no topic «ha» (qa26 c2).
                                             "ha", "han", "tomadas", "tomaron", "tomo", "hecho"]

    /// The words of a question that say it was settled («acordamos», «quedamos»), no topic.
    static let settledWords: Set<String> = ["acordamos", "acordaron", "decidio", "resolvimos", "resolvieron", "quedamos", "quedaron", "de", "del",
                                            "el", "la", "los", "en", "cual", "como"]

    /// Words that say a place or a time, for a topic that names one («el lugar», «el horario»).
    static let topicKin: [String: [String]] = [
        "lugar": ["reunir", "reunimos", "juntar", "juntamos", "sede", "liceo", "escuela", "colegio", "sala", "donde"],
        "donde": ["reunir", "juntar", "sede", "liceo", "escuela", "colegio", "sala", "lugar"],
        "sede": ["lugar", "liceo", "escuela", "colegio", "sala"],
        "horario": ["hora", "horas", "lunes", "martes", "miercoles", "jueves", "viernes", "manana", "tarde"],
        "hora": ["horario", "horas", "manana", "tarde"],
        "dia": ["lunes", "martes", "miercoles", "jueves", "viernes", "fecha"],
        "fecha": ["dia", "lunes", "martes", "miercoles", "jueves", "viernes"],
    ]

    static func decisions(_ s: NetworkSnapshot, text: String, today: LocalDate) -> [String] {
        if let month = monthIn(Phrase(text).tokens, today: today) { return settled(s, in: month, today: today) }
        let topic = TerritoryReading.words(text).subtracting(decisionWords).subtracting(askingFiller).subtracting(settledWords)
        // With no decisions, a topic is still looked for in the agreements («¿en qué quedamos con lo
        // de la lectura?»); the invitation to record one only when nothing was found.
        guard !s.decisions.isEmpty || !topic.isEmpty else {
            return ["Todavía no hay decisiones registradas. Escribe «registrar una decisión» para anotar la primera."]
        }
        func line(_ d: Decision) -> String {
            var l = "- \(d.text) (decisión \(d.number ?? 0)"
            if let date = d.date { l += ", \(SpanishFormat.date(date, today: today))" }
            l += ", \(d.mode.label)"
            if let m = d.meeting, let n = RecordNumber.of(m) { l += ", en el encuentro \(n)" }
            l += ")"
            if let x = d.disagreement { l += ". Hubo diferencias: \(x)" + (d.resolution.map { "; se resolvió así: \($0)" } ?? "") }
            return l + "."
        }
        guard !topic.isEmpty else {
            return ["Lo que hemos decidido, lo más reciente primero:\n" + s.decisions.suffix(5).reversed().map(line).joined(separator: "\n")]
        }
        // In the order asked («donde nos juntamos», not sorted).
        var seen = Set<String>()
        let said = Phrase(text).tokens.filter { topic.contains($0) && seen.insert($0).inserted }.joined(separator: " ")
        // By stems: «¿qué decidimos sobre grabar?» finds «se graban las reuniones» (pass 11, qa17).
        // «¿qué decidimos sobre el lugar?» finds «la red se va a reunir en el liceo…»: a topic of
        // place or time is met by the words that say one.
        var asked = Set(topic.map(SpanishStem.of))
        for word in topic { if let kin = topicKin[word] { asked.formUnion(kin.map(SpanishStem.of)) } }
        let hits = s.decisions.filter { d in
            !Set(TerritoryReading.words(d.text + " " + (d.resolution ?? "")).map(SpanishStem.of)).isDisjoint(with: asked)
        }
        // «¿qué acordamos sobre…?»: an agreement about it is what was settled too.
        let tasks = s.agreements.filter { a in
            a.status != .borrado && !Set(TerritoryReading.words(a.text).map(SpanishStem.of)).isDisjoint(with: asked)
        }
        guard !hits.isEmpty || !tasks.isEmpty else {
            if s.decisions.isEmpty { return ["No encontré acuerdos ni decisiones sobre «\(said)»."] }
            return ["No encontré decisiones sobre «\(said)». Las más recientes:\n" + s.decisions.suffix(3).reversed().map(line).joined(separator: "\n")]
        }
        var out: [String] = []
        if !hits.isEmpty { out.append("Sobre «\(said)» decidimos:\n" + hits.reversed().prefix(5).map(line).joined(separator: "\n")) }
        if !tasks.isEmpty {
            out.append((hits.isEmpty ? "No hay decisiones sobre «\(said)», pero sí acuerdos:\n" : "Y hay acuerdos sobre eso:\n")
                + list(Array(tasks.prefix(3)), today: today))
        }
        return out
    }

    /// «¿qué acordamos en octubre?»: the decisions taken and the agreements registered that
    /// month (`month` is year * 100 + month), each of them whatever its state now.
    static func settled(_ s: NetworkSnapshot, in month: Int, today: LocalDate) -> [String] {
        let (y, m) = (month / 100, month % 100)
        let prefix = String(format: "%04d-%02d", y, m)
        let name = monthNames[m] + (y == today.year ? "" : " de \(y)")
        let decided = s.decisions.filter { d in d.date.map { $0.year == y && $0.month == m } ?? false }
        let agreed = s.agreements.filter { $0.status != .borrado && ($0.registered?.hasPrefix(prefix) ?? false) }
        guard !decided.isEmpty || !agreed.isEmpty else {
            return ["En \(name) no registramos acuerdos ni decisiones. Para ver los abiertos, pregúntame «¿qué acuerdos hay?»."]
        }
        var out: [String] = []
        if !agreed.isEmpty {
            let shown = agreed.prefix(8).map { a -> String in
                let l = "- Acuerdo \(a.number ?? 0): \(a.text)"
                var notes: [String] = []
                if !a.responsables.isEmpty { notes.append(SlotValue.joinSpanish(a.responsables)) }
                notes.append(a.status(on: today).label)
                return l + " (" + notes.joined(separator: "; ") + ")"
            }
            let more = agreed.count > 8 ? "\n…y \(agreed.count - 8) más." : ""
            out.append((agreed.count == 1 ? "En \(name) registramos 1 acuerdo:\n" : "En \(name) registramos \(agreed.count) acuerdos:\n")
                + shown.joined(separator: "\n") + more)
        }
        if !decided.isEmpty {
            let shown = decided.suffix(5).map { d in "- \(d.text) (decisión \(d.number ?? 0), \(d.mode.label))" }
            out.append((decided.count == 1 ? "Y decidimos:\n" : "Y tomamos \(decided.count) decisiones:\n") + shown.joined(separator: "\n"))
            if agreed.isEmpty { out[out.count - 1] = "En \(name) decidimos:\n" + shown.joined(separator: "\n") }
        }
        return out
    }

    static func practices(_ s: NetworkSnapshot, today: LocalDate, state: Practice.State? = nil) -> [String] {
        let all = s.institutionalPractices
        guard !all.isEmpty else {
            return ["Todavía no hay prácticas propuestas para el PEI o el PME. Al reflexionar sobre una práctica puedes proponerla, o escribe «proponer una práctica para el PME»."]
        }
        func line(_ p: Practice) -> String {
            var l = "- \(p.practice): \(p.state.label)"
            if let note = p.history.last?.note, p.state != .propuesta { l = "- \(p.practice): \(note)" }
            if let d = p.document { l += d == .otro ? " (otro documento)" : " para el \(d.rawValue)" }
            if let date = p.history.last?.date { l += ", \(SpanishFormat.date(date, today: today))" }
            if let r = p.reflection, let n = RecordNumber.of(r) { l += " (de la reflexión \(n))" }
            return l + "."
        }
        if let state {
            let hits = all.filter { $0.state == state }
            let plural = state == .enRevision ? "en revisión" : state.label + "s"
            if !hits.isEmpty {
                return [(hits.count == 1 ? "Hay una práctica \(state.label):\n" : "Hay \(number(hits.count)) prácticas \(plural):\n")
                    + hits.map(line).joined(separator: "\n")]
            }
            return ["Ninguna práctica está \(state.label) por ahora."] + practices(s, today: today)
        }
        let n = all.count
        return [(n == 1 ? "Hay una práctica en camino al PEI o el PME:\n" : "Hay \(number(n)) prácticas en camino al PEI o el PME:\n")
            + all.map(line).joined(separator: "\n")]
    }
}
