import CivilTime
import DialogEngine
import Domain
import Understanding

/// Answers about meetings, purpose, learnings, polls and diagnoses.
extension Answers {
    static func work(_ query: Query, snapshot s: NetworkSnapshot, today: LocalDate, now: LocalDateTime, user: String?,
                     text: String) -> [String] {
        switch query {
        case .agenda: return agenda(s, today: today, now: now)
        case .appropriation: return appropriation(s)
        case .poll: return poll(s, today: today)
        case .diagnosis: return diagnosis(s, today: today)
        default: return []
        }
    }

    /// A member (or a responsable) named in the question: two words together first («Luis
    /// Soto»), then one («la Marce»). Members are tried before the agreements' responsables, which
    /// are read (one pass) only when no member fits.
    static func personNamed(in text: String, snapshot s: NetworkSnapshot, user: String?) -> String? {
        let tokens = Phrase(text).tokens.filter { !personSkip.contains($0) && !monthNames.contains($0) }
        guard !tokens.isEmpty else { return nil }
        func find(in names: [String]) -> String? {
            for (i, t) in tokens.enumerated() where t.count >= 3 && i + 1 < tokens.count {
                if let hit = PersonMatcher.match(t + " " + tokens[i + 1], among: names) { return hit }
            }
            for t in tokens where t.count >= 3 {
                if let hit = PersonMatcher.match(t, among: names) { return hit }
            }
            return nil
        }
        var names = s.members.map(\.name)
        if let user, !names.contains(user) { names.append(user) }
        if let hit = find(in: names) { return hit }
        var seen = Set(names)
        var others: [String] = []
        for a in s.agreements { for r in a.responsables where seen.insert(r).inserted { others.append(r) } }
        return others.isEmpty ? nil : find(in: others)
    }

    /// Words of list questions that are never a person's name.
    static let personSkip: Set<String> = [
        "que", "tiene", "pendiente", "pendientes", "acuerdos", "acuerdo", "de", "la", "el", "los", "las", "debe", "cuales", "son",
        "hay", "compromisos", "tareas", "le", "toca", "a", "tienen", "y", "del", "en", "con", "sin", "vencen", "vence", "mes",
        "este", "proximo", "plazo", "cumplidos", "cumplidas", "cumplido", "cumplieron", "vencidos", "vencidas", "atrasados",
        "atrasadas", "reprogramados", "reprogramadas", "abiertos", "abiertas", "todos", "todas", "otros", "demas", "siguientes",
        "mas", "ver", "muestrame", "dime", "lista", "solo", "ahora", "no", "se", "estan", "quien", "quienes", "proceso",
        "hechos", "terminados", "listos", "mios", "mias", "mis", "tengo", "yo", "por", "favor", "porfa", "po", "ya", "ok",
        "tambien", "cuantos", "cuantas", "para", "hasta", "antes", "despues", "lleva", "llevan", "van", "queda", "quedan",
    ]

    /// "- Acuerdo 1: compartir… (Ana Pérez; plazo: martes 15 de diciembre)", with the status
    /// when asked for and not plain pendiente.
    static func list(_ agreements: [Agreement], today: LocalDate, status: Bool = false) -> String {
        agreements.map { a in
            var details = [SlotValue.joinSpanish(a.responsables)]
            if let d = a.deadline { details.append("plazo: " + SpanishFormat.date(d, today: today)) }
            let st = a.status(on: today)
            if status, st != .pendiente { details.append(st.label) }
            return "- Acuerdo \(a.number.map(String.init) ?? a.id): \(a.text) (" + details.filter { !$0.isEmpty }.joined(separator: "; ") + ")"
        }.joined(separator: "\n")
    }

    static func whenText(_ m: Meeting, at: LocalDateTime, today: LocalDate) -> String {
        var text = SpanishFormat.dateTime(at, today: today)
        text += ", hasta las \(SpanishFormat.time(at.adding(minutes: m.durationMinutes).time))"
        if let place = m.place { text += Wording.atPlace(place) }
        return text
    }

    static func nextMeeting(_ s: NetworkSnapshot, today: LocalDate, now: LocalDateTime) -> [String] {
        guard let (m, at) = s.nextMeeting(after: now) else {
            var text = "Todavía no hay encuentros agendados. Si ya tienen fecha, escribe «agendar un encuentro»; si quieren ver qué día pueden todos, escribe «consultar disponibilidad»."
            if let open = s.polls.first(where: \.isOpen) { text += " Hay un sondeo abierto («\(open.title)»): «¿cómo va el sondeo?» muestra las respuestas." }
            return [text]
        }
        var lines = ["El próximo encuentro es «\(m.title)», el \(whenText(m, at: at, today: today))."]
        if !m.agenda.isEmpty { lines.append("Tabla:\n" + m.agenda.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n")) }
        return lines
    }

    static func agenda(_ s: NetworkSnapshot, today: LocalDate, now: LocalDateTime) -> [String] {
        guard let (m, at) = s.nextMeeting(after: now) else {
            return ["No hay encuentros agendados, así que tampoco tabla. Escribe «agendar un encuentro» para crear uno."]
        }
        if m.agenda.isEmpty {
            return ["El próximo encuentro («\(m.title)», \(SpanishFormat.dateTime(at, today: today))) todavía no tiene tabla."]
        }
        return ["Tabla de «\(m.title)» (\(SpanishFormat.dateTime(at, today: today))):\n"
            + m.agenda.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n")]
    }

    static func purpose(_ s: NetworkSnapshot, today: LocalDate) -> [String] {
        guard let p = s.purpose else {
            return ["La red todavía no ha escrito su propósito común. Escribe «escribir el propósito» para hacerlo juntos."]
        }
        var text = "Nuestro propósito: «\(p.statement)»."
        if !p.objectives.isEmpty { text += "\nObjetivos:\n" + p.objectives.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n") }
        if let d = p.date { text += "\nLo acordamos el \(SpanishFormat.date(d, today: today))" + (p.participants.isEmpty ? "." : " (\(SlotValue.joinSpanish(p.participants))).") }
        return [text]
    }

    static func appropriation(_ s: NetworkSnapshot) -> [String] {
        guard let p = s.purpose else {
            return ["La red todavía no ha escrito su propósito común. Cuando lo escriban («escribir el propósito»), cada miembro podrá contarme qué significa para su escuela."]
        }
        let done = p.appropriations.map(\.member)
        let doneSet = Set(done)
        let missing = s.members.map(\.name).filter { !doneSet.contains($0) }
        var lines: [String] = []
        if !done.isEmpty { lines.append("Ya contaron qué significa el propósito para su escuela: \(someNames(done)).") }
        if s.members.isEmpty {
            // No members yet: "no falta nadie" would be false comfort.
            lines.append("Todavía no hay miembros registrados en la red, así que no sé quiénes faltan. Para sumar a alguien, escribe «nuevo miembro».")
            return lines
        }
        lines.append(missing.isEmpty ? "No falta nadie. ¡Bien!" : "Faltan: \(someNames(missing)). Cada uno puede escribirme «mi apropiación del propósito».")
        return lines
    }

    /// Reflections whose words or tags match the question's topic words (accent- and typo-tolerant).
    static func learnings(_ s: NetworkSnapshot, text: String, today: LocalDate, listing: inout ListCursor?) -> [String] {
        guard !s.reflections.isEmpty else {
            return ["Todavía no hay reflexiones guardadas. Escribe «registrar una reflexión» para guardar la primera."]
        }
        let ignore: Set<String> = ["que", "aprendimos", "aprendido", "aprendizajes", "aprendizaje", "aprendemos", "sobre", "de", "del", "en",
                                   "la", "el", "los", "las", "con", "hemos", "hay", "reflexiones", "reflexion", "tema", "acerca", "y",
                                   "cual", "cuales", "nuestro", "nuestros", "lo", "para", "por", "sistematizado", "un", "una", "algo"]
        let words = Phrase(text).tokens.filter { !ignore.contains($0) && $0.count >= 3 }
        return learningsPage(s, words: words, from: 0, today: today, listing: &listing)
    }

    static func poll(_ s: NetworkSnapshot, today: LocalDate) -> [String] {
        guard let p = s.polls.last(where: \.isOpen) else {
            return ["No hay sondeos abiertos. Escribe «consultar disponibilidad» para lanzar uno."]
        }
        return ["Sondeo \(p.number ?? 0), «\(p.title)» (\(count(p.answers.count, "respuesta", "respuestas"))):\n"
            + p.tally.enumerated().map { "\($0.offset + 1). \(SpanishFormat.dateTime($0.element.0, today: today)): \($0.element.1)" }.joined(separator: "\n")]
    }

    static func diagnosis(_ s: NetworkSnapshot, today: LocalDate) -> [String] {
        guard let d = s.diagnoses.last else {
            return ["Todavía no hay diagnósticos guardados. El primero queda al responder las seis preguntas de «diagnóstico de la red»."]
        }
        return ["Según el último diagnóstico (\(d.date.map { SpanishFormat.date($0, today: today) } ?? d.id)), la red está en el nivel «\(d.level.label)»."]
            + d.reasons
    }

    static func indicatorLines(_ ind: [String: Double]) -> String {
        func pct(_ d: Double) -> String { "\(Int((d * 100).rounded()))%" }
        var parts: [String] = []
        if let v = ind["encuentros_realizados"] { parts.append("encuentros realizados: \(pct(v))") }
        if let v = ind["asistencia_promedio"] { parts.append("asistencia promedio: \(pct(v))") }
        if let v = ind["acuerdos_cumplidos_a_tiempo"] { parts.append("acuerdos cumplidos a tiempo: \(pct(v))") }
        if let v = ind["reflexiones_registradas"] { parts.append("reflexiones: \(Int(v))") }
        if let v = ind["miembros_que_lideraron"] { parts.append("personas que han liderado: \(Int(v))") }
        if let v = ind["cobertura_apropiacion"] { parts.append("apropiación del propósito: \(pct(v))") }
        return "Datos de la red: " + parts.joined(separator: "; ") + "."
    }
}

extension Answers {
    /// Greeting lines after the agreements: the next meeting if it is within a week, and an open
    /// poll the user has not answered.
    static func upcoming(_ s: NetworkSnapshot, today: LocalDate, now: LocalDateTime, user: String?) -> [String] {
        var lines: [String] = []
        if let (m, at) = s.nextMeeting(after: now), today.days(until: at.date) < 7 {
            lines.append("Próximo encuentro: «\(m.title)», \(SpanishFormat.dateTime(at, today: today)).")
        }
        if let p = s.polls.last(where: \.isOpen), let user, !p.answers.contains(where: { $0.member == user }), p.createdBy != user {
            lines.append("Hay un sondeo abierto («\(p.title)»). Escribe «responder sondeo» para decir cuándo puedes.")
        }
        return lines
    }
}

extension Answers {
    /// «busca planificación»: what mentions the words, across agreements (text and evidence),
    /// reflections, actas and members' strengths.
    static func search(_ s: NetworkSnapshot, text: String, today: LocalDate) -> [String] {
        let ignore: Set<String> = ["busca", "buscar", "buscame", "busquemos", "buscas", "encuentra", "encuentrame", "encontrar", "sobre",
                                   "de", "del", "en", "la", "el", "los", "las", "con", "lo", "algo", "que", "hay", "para", "por", "y", "un", "una"]
        let words = Phrase(text).tokens.filter { !ignore.contains($0) && $0.count >= 3 }
        guard !words.isEmpty else { return ["¿Qué busco? Por ejemplo «busca planificación» o «busca convivencia»."] }
        func mentions(_ hay: String?) -> Bool {
            guard let hay else { return false }
            let tokens = Phrase(hay).tokens
            return words.allSatisfy { w in
                tokens.contains { h in h == w || (w.count >= 5 && h.hasPrefix(String(w.prefix(w.count - 1))))
                    || (w.count >= 5 && h.count >= 5 && TextFold.editDistance(h, w) <= (w.count >= 6 ? 2 : 1)) }
            }
        }
        var lines: [String] = []
        for a in s.agreements where a.status != .borrado && mentions([a.text, a.evidence, a.evidenceDelivered].compactMap { $0 }.joined(separator: " ")) {
            lines.append("- Acuerdo \(a.number.map(String.init) ?? a.id): «\(a.text)» (\(a.status(on: today).label))")
        }
        for r in s.reflections where mentions(r.searchableText) {
            lines.append("- Reflexión \(r.number.map(String.init) ?? r.id): \(r.practice)" + (r.learnings.map { ": «\($0)»" } ?? ""))
        }
        for m in s.meetings {
            for o in m.occurrences.values.sorted(by: { $0.date < $1.date }) where o.hasActa && mentions(o.notes) {
                lines.append("- Acta del encuentro \(m.number.map(String.init) ?? m.id) (\(SpanishFormat.date(o.date, today: today))): «\(o.notes ?? "")»")
            }
        }
        for m in s.members where mentions(m.strengths) {
            lines.append("- \(m.name) aporta: «\(m.strengths ?? "")»")
        }
        let topic = words.joined(separator: " ")
        guard !lines.isEmpty else { return ["No encontré nada sobre «\(topic)» en los acuerdos, las reflexiones, las actas ni en lo que aportan los miembros."] }
        let shown = lines.prefix(8).joined(separator: "\n")
        let more = lines.count > 8 ? "\n…y \(lines.count - 8) más; prueba con otra palabra para acotar." : ""
        return ["Sobre «\(topic)» encontré:\n" + shown + more]
    }
}
