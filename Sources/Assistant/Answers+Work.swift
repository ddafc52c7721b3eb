import CivilTime
import DialogEngine
import Domain
import Understanding

/// Answers about meetings, purpose, learnings, polls and diagnoses.
extension Answers {
    static func work(_ query: Query, snapshot s: NetworkSnapshot, today: LocalDate, now: LocalDateTime, user: String?,
                     text: String) -> [String] {
        switch query {
        case .learnings: return learnings(s, text: text, today: today)
        case .agenda: return agenda(s, today: today, now: now)
        case .appropriation: return appropriation(s)
        case .poll: return poll(s, today: today)
        case .diagnosis: return diagnosis(s, today: today)
        case .meetings: return meetings(s, today: today, now: now)
        default: return []
        }
    }

    /// A member (or a responsable) named in the question, "yo"/"mis" for the speaker.
    static func personNamed(in text: String, snapshot s: NetworkSnapshot, user: String?) -> String? {
        var names = s.members.map(\.name)
        for a in s.agreements { for r in a.responsables where !names.contains(r) { names.append(r) } }
        let tokens = Phrase(text).tokens
        let skip: Set<String> = ["que", "tiene", "pendiente", "pendientes", "acuerdos", "acuerdo", "de", "la", "el", "los", "las",
                                 "debe", "cuales", "son", "hay", "compromisos", "tareas", "le", "toca", "a", "tienen", "y"]
        for t in tokens where !skip.contains(t) && t.count >= 3 {
            if let hit = PersonMatcher.match(t, among: names) { return hit }
        }
        return nil
    }

    static func agreementsOf(_ person: String, snapshot s: NetworkSnapshot, today: LocalDate, isUser: Bool) -> [String] {
        let first = person.split(separator: " ").first.map(String.init) ?? person
        let mine = s.openAgreements(on: today).filter { a in
            a.responsables.contains { $0 == person || PersonMatcher.match($0, among: [person]) != nil }
        }
        if mine.isEmpty { return [isUser ? "No tienes acuerdos pendientes." : "\(first) no tiene acuerdos pendientes."] }
        let lead = isUser ? "Tienes " : "\(first) tiene "
        return [lead + count(mine.count, "acuerdo pendiente", "acuerdos pendientes") + ":\n" + list(mine, today: today, status: true)]
    }

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
        if let place = m.place { text += ", en \(place)" }
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

    static func meetings(_ s: NetworkSnapshot, today: LocalDate, now: LocalDateTime) -> [String] {
        let upcoming = s.meetings.compactMap { m in m.next(after: now).map { (m, $0) } }.sorted { $0.1 < $1.1 }
        guard !upcoming.isEmpty else { return nextMeeting(s, today: today, now: now) }
        return ["Encuentros agendados:\n" + upcoming.map { m, at in
            "- Encuentro \(m.number.map(String.init) ?? m.id): \(m.title), " + (m.rrule.map { SpanishFormat.recurrence(Recurrence(rrule: $0, time: m.start.time)) + "; el próximo, " } ?? "")
                + SpanishFormat.dateTime(at, today: today)
        }.joined(separator: "\n")]
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
        let missing = s.members.map(\.name).filter { !done.contains($0) }
        var lines: [String] = []
        if !done.isEmpty { lines.append("Ya contaron qué significa el propósito para su escuela: \(SlotValue.joinSpanish(done)).") }
        if s.members.isEmpty {
            // No members yet: "no falta nadie" would be false comfort.
            lines.append("Todavía no hay miembros registrados en la red, así que no sé quiénes faltan. Para sumar a alguien, escribe «nuevo miembro».")
            return lines
        }
        lines.append(missing.isEmpty ? "No falta nadie. ¡Bien!" : "Faltan: \(SlotValue.joinSpanish(missing)). Cada uno puede escribirme «mi apropiación del propósito».")
        return lines
    }

    /// Reflections whose words or tags match the question's topic words (accent- and typo-tolerant).
    static func learnings(_ s: NetworkSnapshot, text: String, today: LocalDate) -> [String] {
        guard !s.reflections.isEmpty else {
            return ["Todavía no hay reflexiones guardadas. Escribe «registrar una reflexión» para guardar la primera."]
        }
        let ignore: Set<String> = ["que", "aprendimos", "aprendido", "aprendizajes", "aprendizaje", "aprendemos", "sobre", "de", "del", "en",
                                   "la", "el", "los", "las", "con", "hemos", "hay", "reflexiones", "reflexion", "tema", "acerca", "y",
                                   "cual", "cuales", "nuestro", "nuestros", "lo", "para", "por", "sistematizado", "un", "una", "algo"]
        let words = Phrase(text).tokens.filter { !ignore.contains($0) && $0.count >= 3 }
        func matches(_ r: Reflection) -> Bool {
            guard !words.isEmpty else { return true }
            let hay = Phrase(r.searchableText).tokens
            return words.contains { w in
                hay.contains { h in h == w || (w.count >= 5 && h.hasPrefix(String(w.prefix(w.count - 1))))
                    || (w.count >= 5 && h.count >= 5 && TextFold.editDistance(h, w) <= (w.count >= 6 ? 2 : 1)) }
            }
        }
        let hits = s.reflections.filter(matches).reversed()
        guard !hits.isEmpty else {
            let tags = Array(Set(s.reflections.flatMap(\.tags))).sorted()
            return ["No encontré reflexiones sobre «\(words.joined(separator: " "))»." + (tags.isEmpty ? "" : " Hay reflexiones sobre: \(SlotValue.joinSpanish(tags)).")]
        }
        return [(words.isEmpty ? "Lo que hemos aprendido:" : "Sobre «\(words.joined(separator: " "))» aprendimos:") + "\n" + hits.prefix(5).map { r in
            "- \(r.learnings ?? r.adjustments ?? r.practice) (reflexión \(r.number.map(String.init) ?? r.id): \(r.practice)"
                + (r.date.map { ", \(SpanishFormat.date($0, today: today))" } ?? "") + ")"
        }.joined(separator: "\n")]
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
