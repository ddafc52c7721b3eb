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
        case .poll: return poll(s, today: today, text: text)
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
    /// Written into one string reserved up front: built from pieces (an array of details
    /// filtered and joined, each line joined again) it cost ~10k instructions a line, and every
    /// greeting after a save lists up to six.
    static func list(_ agreements: [Agreement], today: LocalDate, status: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(agreements.count * 128)
        for (k, a) in agreements.enumerated() {
            if k > 0 { out += "\n" }
            out += "- Acuerdo "
            if let n = a.number { out += String(n) } else { out += a.id }
            out += ": "
            out += a.text
            out += " ("
            var first = true
            func detail(_ s: String) {
                guard !s.isEmpty else { return }
                if !first { out += "; " }
                out += s
                first = false
            }
            detail(SlotValue.joinSpanish(a.responsables))
            if let d = a.deadline { detail("plazo: " + SpanishFormat.date(d, today: today)) }
            let st = a.status(on: today)
            if status, st != .pendiente { detail(st.label) }
            out += ")"
        }
        return out
    }

    static func whenText(_ m: Meeting, at: LocalDateTime, today: LocalDate) -> String {
        var text = SpanishFormat.dateTime(at, today: today)
        text += ", hasta las \(SpanishFormat.time(at.adding(minutes: m.durationMinutes).time))"
        if let place = m.placeHeld(at: at) { text += Wording.atPlace(place) }
        return text
    }

    /// «por zoom» as it was typed, without the word that led to it («en por zoom» reads wrong).
    static func bare(_ place: String) -> String {
        let words = place.split(separator: " ")
        return words.count > 1 && ["por", "en"].contains(words[0].lowercased()) ? words.dropFirst().joined(separator: " ") : place
    }

    /// Who missed the meetings with attendance, each with how many times and when; a member
    /// named in the question («¿cuántas veces ha faltado Pedro?»): that one alone.
    static func absences(_ s: NetworkSnapshot, held: [(Meeting, Occurrence)], today: LocalDate, tokens: [String]) -> [String] {
        let thisYear = zip(tokens, tokens.dropFirst()).contains { $0 == "este" && ($1 == "ano" || $1 == "año") }
        let taken = held.filter { !$0.1.attendees.isEmpty && (!thisYear || $0.1.start.date.year == today.year) }
        let span = thisYear ? " este año" : ""
        guard !taken.isEmpty else {
            return ["Todavía no hay asistencia registrada\(span). Después de una reunión, escribe «pasar la asistencia»."]
        }
        let total = taken.count == 1 ? "el único encuentro con asistencia\(span)" : "los \(number(taken.count)) encuentros con asistencia\(span)"
        let ofTotal = taken.count == 1 ? "de 1 encuentro con asistencia\(span)" : "de \(total)"
        func dates(_ name: String) -> [LocalDate] { taken.filter { $0.1.absentees.contains(name) }.map(\.1.start.date) }
        func when(_ ds: [LocalDate]) -> String { SlotValue.joinSpanish(ds.map { "el " + SpanishFormat.date($0, today: today) }) }
        // A member named by a word of the question (first name or surname).
        let asked = Set(tokens)
        let named = s.members.map(\.name).filter { name in
            Phrase(name).tokens.contains { $0.count >= 3 && asked.contains($0) }
        }
        if named.count == 1 {
            let name = named[0]
            let ds = dates(name)
            if ds.isEmpty { return ["\(name) no ha faltado: vino " + (taken.count == 1 ? "al único encuentro con asistencia\(span)." : "a \(total).")] }
            return ["\(name) faltó \(ds.count == 1 ? "1 vez" : "\(number(ds.count)) veces") \(ofTotal): \(when(ds))."]
        }
        var names: [String] = []
        for (_, o) in taken { for a in o.absentees where !names.contains(a) { names.append(a) } }
        guard !names.isEmpty else { return ["No ha faltado nadie: vinieron todos " + (taken.count == 1 ? "al único encuentro con asistencia\(span)." : "a \(total).")] }
        let counted = names.map { ($0, dates($0)) }.sorted { $0.1.count > $1.1.count }
        let lines = counted.map { name, ds in "- \(name): \(ds.count == 1 ? "1 vez" : "\(number(ds.count)) veces") (\(when(ds)))" }
        return ["Faltas en \(total):\n" + lines.joined(separator: "\n")]
    }

    /// A meeting already held, with its acta: the one on the day the question names («la del 7
    /// de diciembre»), else the last one held.
    static func pastMeeting(_ s: NetworkSnapshot, today: LocalDate, text: String) -> [String] {
        // A moved date is told and found by the day it was held («la movimos al miércoles 7»), not its
        // key in the series (it said «fue el martes 6 de abril»).
        let held = s.meetings.flatMap { m in m.recorded.filter { $0.start.date <= today && $0.status != .suspendida }.map { (m, $0) } }
            .sorted { $0.1.start.date < $1.1.start.date }
        guard !held.isEmpty else {
            return ["Todavía no hay actas de encuentros. Después de una reunión, escribe «registrar el acta» y anoto quiénes vinieron, los acuerdos y las notas."]
        }
        let tokens = Phrase(text).tokens
        // «¿quiénes han faltado?», «¿cuántas veces ha faltado Pedro?»: the absences over the
        // dates whose attendance was taken («este año»: this year's only).
        if tokens.contains(where: { $0 == "faltado" || $0 == "faltas" }) {
            return absences(s, held: held, today: today, tokens: tokens)
        }
        // «¿cuántas reuniones hemos hecho?»: the dates held with an acta or attendance, counted and named.
        if tokens.contains(where: { $0 == "cuantas" || $0 == "cuantos" }) {
            let recorded = held.filter { !$0.1.attendees.isEmpty || !$0.1.agreements.isEmpty || !($0.1.notes ?? "").isEmpty }
            guard !recorded.isEmpty else {
                return ["Todavía no hay encuentros con acta o asistencia. Después de una reunión, escribe «registrar el acta» y la cuento."]
            }
            let lines = recorded.map { m, o in "- «\(m.title)», el \(SpanishFormat.date(o.start.date, today: today))" }
            let head = recorded.count == 1 ? "La red lleva 1 encuentro hecho, con acta o asistencia:" : "La red lleva \(number(recorded.count)) encuentros hechos, con acta o asistencia:"
            return [head + "\n" + lines.joined(separator: "\n")]
        }
        // «¿quiénes faltaron?» with no meeting named: the last date whose attendance was taken.
        if tokens.contains(where: { $0 == "faltaron" || $0 == "falto" }), !tokens.contains(where: MeetingMention.nouns.contains),
           !tokens.contains(where: { Int($0) != nil || monthNames.contains($0) }) {
            guard let (m, o) = held.last(where: { !$0.1.attendees.isEmpty }) else {
                return ["Todavía no hay asistencia registrada. Después de una reunión, escribe «pasar la asistencia»."]
            }
            let when = "En «\(m.title)», el \(SpanishFormat.date(o.start.date, today: today))"
            if o.absentees.isEmpty { return [when + ", no faltó nadie: vinieron \(SlotValue.joinSpanish(o.attendees))."] }
            return [when + ", " + (o.absentees.count == 1 ? "faltó " : "faltaron ") + SlotValue.joinSpanish(o.absentees) + "."]
        }
        // «¿qué pasó en el encuentro 1?»: the meeting by its number (its last date held), not a day 1.
        if let i = tokens.indices.first(where: { $0 + 1 < tokens.count && MeetingMention.nouns.contains(tokens[$0]) && Int(tokens[$0 + 1]) != nil }),
           let n = Int(tokens[i + 1]) {
            guard let own = held.last(where: { $0.0.number == n }) else {
                guard let m = s.meetings.first(where: { $0.number == n }) else {
                    return ["No tengo un encuentro \(n). Escribe «¿qué reuniones hay?» para ver los que están agendados."]
                }
                return ["«\(m.title)» (encuentro \(n)) todavía no se ha hecho, así que no tiene acta."]
            }
            return [heldLines(own.0, own.1, s, today: today)]
        }
        let day = tokens.compactMap { Int($0) }.first { (1...31).contains($0) }
        let month = monthNames.firstIndex { name in !name.isEmpty && tokens.contains(TextFold.fold(name)) }
        // «¿quién vino al encuentro de diciembre?»: the last date held in that month; a month with
        // none held says so (it showed the last acta of any month).
        if day == nil, let month {
            guard let inMonth = held.last(where: { $0.1.start.date.month == month }) else {
                let last = held.last!
                return ["No hay un encuentro realizado en \(monthNames[month]). El último fue «\(last.0.title)», el "
                    + SpanishFormat.date(last.1.start.date, today: today) + "; si quieres su acta, pregúntame «¿quién vino al último encuentro?»."]
            }
            return [heldLines(inMonth.0, inMonth.1, s, today: today)]
        }
        let pick = day.flatMap { d in held.last { $0.1.start.date.day == d && (month == nil || $0.1.start.date.month == month) } } ?? held.last!
        return [heldLines(pick.0, pick.1, s, today: today)]
    }

    /// «mañana no voy a poder ir a la reunión, tengo consejo escolar», «Luis no va a la reunión»:
    /// the absence acknowledged with the meeting it concerns (the one on the day said, else the
    /// next), and how to tell the network: no record keeps an absence ahead of time, so nothing is
    /// said to be stored. Someone else's (the words before the «no» name a member) is told in the
    /// third person.
    static func absence(_ s: NetworkSnapshot, today: LocalDate, now: LocalDateTime, text: String) -> [String] {
        let who = absentOther(text, s)
        let cannot = who.map { "\($0) no podrá" } ?? "no podrás"
        let missesNone = who.map { "así que \($0) no se pierde ninguno" } ?? "así que no te pierdes ninguno"
        let tell = who == nil
            ? "Aquí no guardo ausencias por adelantado: avísale a la red por su grupo, y al pasar la asistencia quedarás como ausente."
            : "Aquí no guardo ausencias por adelantado: que avise a la red por su grupo, y al pasar la asistencia quedará como ausente."
        let context = TemporalContext(now: now.instant(in: .santiago), timeZone: .santiago, localNow: now)
        var said: LocalDate?
        if let match = TemporalParser.parse(text, context: context) {
            switch match.value {
            case .date(let d): said = d
            case .dateTime(let dt): said = dt.date
            default: break
            }
        }
        if let d = said {
            let held = s.occurrences(from: d, to: d).filter { !$0.0.isSuspended(at: $0.1) }
            if let (m, at) = held.first {
                return ["Entendido, \(cannot) ir a «\(m.title)» del \(SpanishFormat.dateTime(at, today: today)). " + tell]
            }
            guard let (m, at) = s.nextMeeting(after: now) else {
                return ["El \(SpanishFormat.date(d, today: today)) no hay encuentros agendados, \(missesNone)."]
            }
            return ["El \(SpanishFormat.date(d, today: today)) no hay encuentros agendados; el próximo es «\(m.title)», el \(SpanishFormat.dateTime(at, today: today)). "
                    + (who.map { "Si \($0) no podrá ir a ese, que avise a la red por su grupo." } ?? "Si no podrás ir a ese, avísale a la red por su grupo.")]
        }
        guard let (m, at) = s.nextMeeting(after: now) else {
            return [who == nil ? "Todavía no hay encuentros agendados. Si no podrás ir a una reunión, avísale a la red por su grupo."
                               : "Todavía no hay encuentros agendados, \(missesNone)."]
        }
        return ["Entendido, \(cannot) ir a «\(m.title)» del \(SpanishFormat.dateTime(at, today: today)). " + tell]
    }

    /// The member named before the «no» of an absence («el pedro no alcanza a llegar…»); nil
    /// when those words name nobody or the speaker («yo», «mañana»).
    static func absentOther(_ text: String, _ s: NetworkSnapshot) -> String? {
        let t = Phrase(text).tokens
        guard let no = t.firstIndex(of: "no"), no > 0 else { return nil }
        let before = t[..<no].filter { !["la", "el", "los", "las", "y", "que", "profe", "tia", "colega"].contains($0) }
        guard !before.isEmpty, before.count <= 3 else { return nil }
        let names = s.members.filter { !$0.isOut }.map(\.name)
        if before.count >= 2, let hit = PersonMatcher.match(before.prefix(2).joined(separator: " "), among: names) { return hit }
        if let hit = before.lazy.compactMap({ AboutQuestion.member(named: $0, in: s)?.name }).first { return hit }
        // «Luis no va…» with no member Luis: the name as said, when the verb says someone else.
        guard no + 1 < t.count, ["va", "van", "puede", "pueden", "podra", "podran", "alcanza", "asiste"].contains(t[no + 1]),
              before.count <= 2, !before.contains(where: { notSomeone.contains($0) || $0.contains(where: \.isNumber) }),
              let words = text.split(separator: " ").map(String.init).first(where: { TextFold.fold($0).lowercased() == before[0] }) else { return nil }
        let rest = before.count == 2 ? text.split(separator: " ").map(String.init).first(where: { TextFold.fold($0).lowercased() == before[1] }) : nil
        return SpanishFormat.properName([words, rest].compactMap { $0 }.joined(separator: " "))
    }

    static let notSomeone: Set<String> = ["manana", "hoy", "pasado", "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo",
                                          "yo", "nadie", "ella", "el", "igual", "ahora", "finalmente", "reunion", "encuentro", "semana"]

    /// A held date of a meeting as its acta tells it: when, who came, who led, the agreements, the notes.
    static func heldLines(_ m: Meeting, _ o: Occurrence, _ s: NetworkSnapshot, today: LocalDate) -> String {
        var lines = ["«\(m.title)» fue el \(SpanishFormat.date(o.start.date, today: today))."]
        if !o.attendees.isEmpty { lines.append("Vinieron \(SlotValue.joinSpanish(o.attendees))" + (o.absentees.isEmpty ? "." : "; faltó \(SlotValue.joinSpanish(o.absentees)).")) }
        if let lead = o.ledBy ?? m.leader { lines.append("La condujo \(lead).") }
        // The acta's agreements, and those registered as taken at this meeting (a single one: a
        // series' agreement does not say which date) that the acta left out (qa39 C: «q se
        // acordó?» of a meeting whose agreement was registered with it).
        let linked = m.rrule == nil ? s.agreements.filter { $0.meeting == m.id && !o.agreements.contains($0.id) }.map(\.id) : []
        let taken = o.agreements + linked
        if !taken.isEmpty {
            let texts = taken.compactMap { id in s.agreements.first { $0.id == id }.map { "- Acuerdo \($0.number.map(String.init) ?? $0.id): \($0.text)" } }
            lines.append("Acuerdos de ese día:\n" + texts.joined(separator: "\n"))
        }
        if let notes = o.notes, !notes.isEmpty { lines.append("Notas del acta: \(notes)") }
        if o.attendees.isEmpty && taken.isEmpty && (o.notes ?? "").isEmpty {
            lines.append("No tiene acta todavía; si quieres, escribe «registrar el acta».")
        }
        return lines.joined(separator: "\n")
    }

    static func nextMeeting(_ s: NetworkSnapshot, today: LocalDate, now: LocalDateTime, text: String = "") -> [String] {
        // «¿qué encuentros hay la próxima semana?»: the meetings in the span named (several,
        // in the plural), not only the next one.
        if Phrase(text).tokens.contains(where: { ["reuniones", "encuentros", "sesiones", "jornadas", "reus"].contains($0) }) {
            var cursor: ListCursor?
            if let said = meetingsOn(s, text: text, today: today, now: now, listing: &cursor) { return said }
            // «¿cuáles son los próximos encuentros?»: the coming dates, a series' several (it showed one).
            if let said = comingDates(s, today: today, now: now) { return said }
        }
        // «¿cuándo es la próxima reunión del microcentro?», «…la jornada?»: among the meetings
        // the question names by title or kind, when it names any.
        let named = meetingsNamed(in: text, s)
        // «¿quién conduce la reunión de abril?»: that month's date, not the next one.
        let months = EditarEncuentroFlow.months(in: Phrase(text).tokens)
        if months.count == 1, let (m, at) = inMonth(months[0], named.isEmpty ? Array(s.meetings) : named, now: now) {
            var lines = ["La de \(EditarEncuentroFlow.monthNames[months[0] - 1]) es «\(m.title)», el \(whenText(m, at: at, today: today))."
                + leadText(m, at: at, asked: asksLead(text), example: s.members.first?.name)]
            if !m.agenda.isEmpty { lines.append("Tabla:\n" + m.agenda.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n")) }
            return lines
        }
        // «¿quién dirige el encuentro de enero?» with nothing in January (vacations): say so, then
        // the next one (it answered with December's as if it were January's).
        var none: String?
        if months.count == 1, !s.meetings.isEmpty {
            none = "No hay encuentros agendados en \(EditarEncuentroFlow.monthNames[months[0] - 1])."
            // «la reunión de enero no va» of a series that skips January: nothing to call off.
            if Phrase(text).tokens.contains("no"), s.meetings.contains(where: { $0.deleted == nil && $0.isSeries }) {
                none = "La serie ya no tiene sesión en \(EditarEncuentroFlow.monthNames[months[0] - 1]), así que no hay nada que suspender."
            }
        }
        if !named.isEmpty, let (m, at) = named.compactMap({ m in m.nextHeld(after: now).map { (m, $0) } }).min(by: { $0.1 < $1.1 }) {
            var lines = ["La próxima es «\(m.title)», el \(whenText(m, at: at, today: today))." + leadText(m, at: at, asked: asksLead(text), example: s.members.first?.name)]
            if let none { lines[0] = none + " " + lines[0] }
            if !m.agenda.isEmpty { lines.append("Tabla:\n" + m.agenda.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n")) }
            return lines
        }
        guard let (m, at) = s.nextMeeting(after: now) else {
            var text = "Todavía no hay encuentros agendados. Si ya tienen fecha, escribe «agendar un encuentro»; si quieren ver qué día pueden todos, escribe «consultar disponibilidad»."
            if let open = s.polls.first(where: \.isOpen) { text += " Hay un sondeo abierto («\(open.title)»): «¿cómo va el sondeo?» muestra las respuestas." }
            return [text]
        }
        var lines = ["El próximo encuentro es «\(m.title)», el \(whenText(m, at: at, today: today))." + leadText(m, at: at, asked: asksLead(text), example: s.members.first?.name)]
        if let none { lines[0] = none + " " + lines[0] }
        if !m.agenda.isEmpty { lines.append("Tabla:\n" + m.agenda.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n")) }
        return lines
    }

    /// The next few dates held (suspended ones left out) across the network's meetings, in time
    /// order; nil with fewer than two (the one next meeting says it better). Only the meetings'
    /// own dates are read: a network has a handful of meetings.
    static func comingDates(_ s: NetworkSnapshot, today: LocalDate, now: LocalDateTime, limit: Int = 5) -> [String]? {
        var dates: [(Meeting, LocalDateTime)] = []
        for m in s.meetings {
            var after = now
            for _ in 0..<limit {
                guard let at = m.nextHeld(after: after) else { break }
                dates.append((m, at))
                after = at.adding(minutes: 1)
            }
        }
        dates.sort { $0.1 < $1.1 }
        guard dates.count >= 2 else { return nil }
        let lines = dates.prefix(limit).map { m, at in
            "- " + SpanishFormat.dateTime(at, today: today) + ": «\(m.title)» (encuentro \(m.number.map(String.init) ?? m.id))"
                + (m.leader(on: at.date).map { ", la conduce \($0)" } ?? "")
        }.joined(separator: "\n")
        return ["Los próximos encuentros:\n" + lines]
    }

    /// «avísale a todos»: Minga only talks here, so it says so and gives the next meeting (what
    /// a notice to the network is usually about) written to forward.
    static func notice(_ s: NetworkSnapshot, today: LocalDate, now: LocalDateTime) -> [String] {
        let lead = "Yo no puedo mandar avisos ni mensajes: solo converso contigo aquí."
        guard s.nextMeeting(after: now) != nil else {
            return [lead + " Si me preguntas, por ejemplo, «¿qué acuerdos vencen esta semana?», puedes reenviar mi respuesta al grupo."]
        }
        return [lead + " Esto puedes reenviarlo al grupo:"] + nextMeeting(s, today: today, now: now)
    }

    /// How to get the network's report: the chat hands over no files, so who runs Minga exports
    /// it; a summary is right here.
    static func report(_ s: NetworkSnapshot) -> [String] {
        ["Aquí no puedo entregarte archivos, pero el informe de «\(s.network.name)» lo saca quien tiene Minga instalado, con "
            + "`minga export --format html` (un informe visual en un solo archivo, listo para mandar) o `--format md` (en texto); "
            + "`--format csv` da la planilla de acuerdos y `--format ics`, el calendario.",
         "Si te sirve un resumen ahora mismo, escribe «resumen»."]
    }

    /// The first date of `meetings` in `month`, the coming one (this year's, or next year's once
    /// this year's has passed).
    static func inMonth(_ month: Int, _ meetings: [Meeting], now: LocalDateTime) -> (Meeting, LocalDateTime)? {
        let year = month < now.date.month ? now.date.year + 1 : now.date.year
        let first = LocalDate(year: year, month: month, day: 1)
        let last = LocalDate(year: year, month: month, day: LocalDate.daysIn(month: month, year: year))
        return meetings.flatMap { m in m.occurrences(from: first, to: last).map { (m, $0) } }.min { $0.1 < $1.1 }
    }

    /// The hour and the place of the next meeting, and whether it is in person or online.
    static func meetingDetails(_ s: NetworkSnapshot, today: LocalDate, now: LocalDateTime, text: String = "") -> [String] {
        // «¿dónde es la jornada de cierre?»: the next of the meetings the question names by title
        // (it was the next meeting, whichever).
        let named = text.isEmpty ? [] : meetingsNamed(in: text, s).compactMap { m in m.nextHeld(after: now).map { (m, $0) } }
        guard let (m, at) = named.min(by: { $0.1 < $1.1 }) ?? s.nextMeeting(after: now) else { return nextMeeting(s, today: today, now: now) }
        var text = "«\(m.title)» es el \(SpanishFormat.dateTime(at, today: today)), hasta las \(SpanishFormat.time(at.adding(minutes: m.durationMinutes).time))."
        if let raw = m.placeHeld(at: at) {
            let place = bare(raw)
            let folded = TextFold.fold(place)
            let online = ["zoom", "meet", "teams", "http", "videollamada", "online", "virtual", "jitsi"].contains { folded.contains($0) }
            text += online ? " Es en línea, por \(place)." : " Es presencial, \(PlaceValue.said(place))."
        } else {
            text += " Todavía no tiene lugar; si ya lo saben, escribe «cambiar el lugar del encuentro»."
        }
        return [text]
    }

    /// When the record `id` is (a meeting's next date, an agreement's deadline, a closed poll's
    /// date): the answer to «¿a qué día quedó?» about the record in focus. Nil when it is none
    /// of these, or gone.
    static func focusWhen(_ id: String, snapshot s: NetworkSnapshot, today: LocalDate, now: LocalDateTime) -> [String]? {
        if let m = s.meetings.first(where: { $0.id == id && $0.deleted == nil }) {
            guard let at = m.nextHeld(after: now) else {
                return ["«\(m.title)» fue el \(SpanishFormat.dateTime(m.start, today: today)); no tiene otra fecha por delante."]
            }
            var text = "«\(m.title)» quedó para el \(SpanishFormat.dateTime(at, today: today)), hasta las \(SpanishFormat.time(at.adding(minutes: m.durationMinutes).time))."
            if let place = m.placeHeld(at: at) { text += " Es \(PlaceValue.said(bare(place)))." }
            return [text]
        }
        if let a = s.agreements.first(where: { $0.id == id }) {
            let name = "El acuerdo \(a.number.map(String.init) ?? a.id) («\(a.text)»)"
            guard let d = a.deadline else { return [name + " todavía no tiene plazo; si quieres, dime «el plazo es el …»."] }
            return [name + " tiene plazo el \(SpanishFormat.date(d, today: today))."]
        }
        if let p = s.polls.first(where: { $0.id == id && $0.deleted == nil }) {
            if let chosen = p.chosen { return ["El sondeo «\(p.title)» quedó para el \(SpanishFormat.dateTime(chosen, today: today))."] }
            if p.closedWithoutDate != nil { return ["El sondeo «\(p.title)» se cerró sin fecha."] }
            return ["El sondeo «\(p.title)» sigue abierto: todavía no tiene fecha."]
        }
        return nil
    }

    /// « La conduce Marta Rivas.» when someone is down to lead that date.
    static func leadText(_ m: Meeting, at: LocalDateTime, asked: Bool = false, example: String? = nil) -> String {
        if let who = m.leader(on: at.date) { return " La conduce \(who)." }
        guard asked else { return "" }
        let name = example.flatMap { $0.split(separator: " ").first.map(String.init) } ?? "Ana"
        return " Todavía nadie está anotado para conducirla; si quieres, dime por ejemplo «que \(name) conduzca esa reunión»."
    }

    /// Whether a question asks who leads («¿quién conduce…?»).
    static func asksLead(_ text: String) -> Bool {
        Phrase(text).tokens.contains { ["conduce", "conduzca", "dirige", "conducir"].contains($0) }
    }

    /// The meetings a question names: by the words of their title («el taller de lectura») or by
    /// their kind («el microcentro», «la jornada»). Words any meeting question has do not count.
    static func meetingsNamed(in text: String, _ s: NetworkSnapshot) -> [Meeting] {
        let generic: Set<String> = Set(["reunion", "reuniones", "encuentro", "encuentros", "proxima", "proximo", "siguiente", "cuando",
                                        "viene", "sesion", "junta", "juntamos", "toca", "cuanto", "falta"].map(Phrase.stem))
        let words = Set(Phrase(text).stems.filter { $0.count >= 4 && !generic.contains($0) })
        guard !words.isEmpty else { return [] }
        // «¿cuándo es la jornada de cierre?» with a «Jornada de reflexión» too: the titles that share
        // the most words with it (any title with «jornada» was taken, and the next one answered).
        let scored = s.meetings.map { ($0, Set(Phrase($0.title).stems).intersection(words).count) }.filter { $0.1 > 0 }
        if let best = scored.map(\.1).max() { return scored.filter { $0.1 == best }.map(\.0) }
        return s.meetings.filter { m in
            let kindWords = Set(Phrase(m.kind.label).stems.filter { $0.count >= 4 && !generic.contains($0) })
            return !kindWords.isEmpty && !kindWords.isDisjoint(with: words)
        }
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
                                   "cual", "cuales", "nuestro", "nuestros", "lo", "para", "por", "sistematizado", "un", "una", "algo",
                                   // «¿cuántas reflexiones hay?», «cuáles tenemos guardadas»: how many, not about what.
                                   "cuantas", "cuantos", "son", "tenemos", "ahora", "guardadas", "registradas", "anotadas", "todas",
                                   // «¿qué prácticas hemos compartido?», «qué prácticas tiene la red?»: which, not about what.
                                   "practicas", "experiencias", "compartido", "compartidas", "compartimos", "compartieron", "tiene",
                                   "tienen", "red", "reflexionado"]
        let words = Phrase(text).tokens.filter { !ignore.contains($0) && $0.count >= 3 }
        return learningsPage(s, words: words, from: 0, today: today, listing: &listing)
    }

    static func poll(_ s: NetworkSnapshot, today: LocalDate, text: String = "") -> [String] {
        guard let p = s.polls.last(where: \.isOpen) else {
            return ["No hay sondeos abiertos. Escribe «consultar disponibilidad» para lanzar uno."]
        }
        // «¿quiénes no han respondido?», «¿ya respondieron todos?»: who answered (named by option,
        // as closing it shows them) and the members with no answer yet.
        // «¿quiénes faltan?» while answering the poll (ResponderSondeoFlow.ownQuestion) too.
        // «¿cómo va el sondeo?» asks how far it got: who answered, too (a message of two questions,
        // «¿cómo va la encuesta? ¿ya contestaron todos?», reaches here with its first one only).
        let t = Phrase(text).tokens
        let asksWho = t.contains(where: { ["respondido", "contestado", "respondio", "contesto", "respondieron", "contestaron", "responder", "contestar",
                                            "falta", "faltan", "queda", "quedan"].contains($0) })
            || (t.contains("como") && t.contains(where: { ["va", "van", "anda", "andan"].contains($0) }))
        var lines = ["Sondeo \(p.number ?? 0), «\(p.title)» (\(count(p.answers.count, "respuesta", "respuestas"))):\n"
            + p.tally.enumerated().map { i, option in
                let who = asksWho ? p.answers.filter { $0.canAttend.contains(option.0) }.map(\.member) : []
                return "\(i + 1). \(SpanishFormat.dateTime(option.0, today: today)): \(option.1)" + (who.isEmpty ? "" : " (\(SlotValue.joinSpanish(who)))")
            }.joined(separator: "\n")]
        if asksWho {
            let missing = p.waiting(among: s.members.map(\.name))
            lines.append(missing.isEmpty ? "Ya respondieron todos los miembros." : "Falta que respondan: \(SlotValue.joinSpanish(missing)).")
        }
        return lines
    }

    static func diagnosis(_ s: NetworkSnapshot, today: LocalDate) -> [String] {
        guard let d = s.diagnoses.last else {
            return ["Todavía no hay diagnósticos guardados. El primero queda al responder las seis preguntas de «diagnóstico de la red»."]
        }
        if d.responses.isEmpty {
            return [roundHeader(d, snapshot: s)]
        }
        var lines = ["Según el último diagnóstico (\(d.date.map { SpanishFormat.date($0, today: today) } ?? d.id)), la red está en el nivel «\(d.level.label)»."]
            + d.reasons + roundLines(d, snapshot: s)
        if let previous = DiagnosisCalculator.previousRound(s, before: d) { lines.append(roundTrend(d, previous: previous, today: today)) }
        return lines
    }

    /// "primer semestre 2027" for the round "2027-1".
    static func semester(_ round: String?) -> String? {
        guard let round else { return nil }
        let parts = round.split(separator: "-")
        guard parts.count == 2, let half = Int(parts[1]) else { return nil }
        return (half == 1 ? "primer" : "segundo") + " semestre " + parts[0]
    }

    /// "Ronda 2027-1 del diagnóstico (primer semestre 2027): respondieron 2 de 5."
    static func roundHeader(_ d: Diagnosis, snapshot s: NetworkSnapshot) -> String {
        let name = "Ronda \(d.round ?? d.id) del diagnóstico" + (semester(d.round).map { " (\($0))" } ?? "")
        let missing = DiagnosisCalculator.missing(d, members: s.members)
        if d.responses.isEmpty {
            return name + ": está abierta y todavía nadie responde. Cada persona responde en su propia conversación con «responder el diagnóstico»."
        }
        let total = d.responses.count + missing.count
        return name + ": respondieron \(s.members.isEmpty ? number(d.responses.count) : "\(number(d.responses.count)) de \(number(total))")."
    }

    /// A round as the network sees it: who answered, each dimension's mean with its spread
    /// (lowest to highest answer), and who is missing. No trend: these are different people.
    static func roundLines(_ d: Diagnosis, snapshot s: NetworkSnapshot) -> [String] {
        guard !s.members.isEmpty || d.responses.count > 1 else { return [] }
        var lines = [roundHeader(d, snapshot: s)]
        if d.responses.count > 1 {
            let parts = Diagnosis.dimensions.compactMap { dim -> String? in
                guard let x = d.spread(dim.key) else { return nil }
                let range = x.min == x.max ? "todos \(DiagnosisCalculator.decimal(x.min))" : "de \(DiagnosisCalculator.decimal(x.min)) a \(DiagnosisCalculator.decimal(x.max))"
                return "\(dim.label) promedio \(DiagnosisCalculator.decimal(x.mean)) (\(range))"
            }
            let line = parts.joined(separator: "; ")
            lines.append(line.prefix(1).uppercased() + line.dropFirst() + ".")
        }
        let missing = DiagnosisCalculator.missing(d, members: s.members)
        if !s.members.isEmpty {
            lines.append(missing.isEmpty ? "Ya respondieron todos."
                         : "Faltan por responder: \(someNames(missing)). " + (missing.count == 1 ? "Puede responder" : "Cada uno responde")
                           + " en su propia conversación con «responder el diagnóstico».")
        }
        return lines
    }

    /// The trend, only between rounds: the level, the overall mean and the dimension that moved most.
    static func roundTrend(_ d: Diagnosis, previous: Diagnosis, today: LocalDate) -> String {
        func mean(_ x: Diagnosis) -> Double { x.scores.values.reduce(0, +) / Double(max(1, x.scores.count)) }
        let trend = d.level > previous.level ? "subió" : d.level < previous.level ? "bajó" : "se mantiene"
        var text = "Comparado con la ronda anterior (\(previous.round ?? previous.id)): el nivel \(trend)"
            + (d.level != previous.level ? " desde «\(previous.level.label)»" : "")
            + ", y el promedio pasó de \(DiagnosisCalculator.decimal(mean(previous))) a \(DiagnosisCalculator.decimal(mean(d)))."
        let masculine: Set<String> = ["proposito_compartido", "liderazgo_distribuido", "vinculo_territorio"]
        let moved = Diagnosis.dimensions.compactMap { dim -> (String, Double, Double)? in
            guard let a = previous.scores[dim.key], let b = d.scores[dim.key], abs(b - a) >= 0.5 else { return nil }
            return ((masculine.contains(dim.key) ? "el " : "la ") + dim.label, a, b)
        }.max { abs($0.2 - $0.1) < abs($1.2 - $1.1) }
        if let (label, a, b) = moved {
            text += " En la ronda anterior \(label) era \(DiagnosisCalculator.decimal(a)); ahora es \(DiagnosisCalculator.decimal(b))."
        }
        return text
    }

    static func indicatorLines(_ ind: [String: Double]) -> String {
        func pct(_ d: Double) -> String { "\(Int((d * 100).rounded()))%" }
        var parts: [String] = []
        if let v = ind["encuentros_realizados"] { parts.append("encuentros realizados: \(pct(v))") }
        if let v = ind["asistencia_promedio"] { parts.append("asistencia promedio: \(pct(v))") }
        if let v = ind["acuerdos_cumplidos_a_tiempo"] { parts.append("acuerdos cumplidos a tiempo: \(pct(v))") }
        if let v = ind["reflexiones_registradas"] { parts.append("reflexiones: \(Int(v))") }
        if let v = ind["miembros_que_lideraron"] {
            switch Int(v) {
            case 0: parts.append("todavía nadie ha conducido un encuentro, escrito una reflexión ni cumplido un acuerdo")
            case 1: parts.append("una sola persona ha conducido un encuentro, escrito una reflexión o cumplido un acuerdo")
            case let n: parts.append("\(n) personas han conducido un encuentro, escrito una reflexión o cumplido un acuerdo")
            }
        }
        if let v = ind["cobertura_apropiacion"] { parts.append("apropiación del propósito: \(pct(v))") }
        if let v = ind["acuerdos_conjuntos"] { parts.append("acuerdos compartidos entre dos o más: \(pct(v))") }
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
    /// «El acuerdo 3 («…») está a cargo de Ana y Luis; plazo: …».
    static func inCharge(_ a: Agreement, today: LocalDate) -> String {
        let who = a.responsables.isEmpty ? "no tiene responsable anotado" : "está a cargo de \(SlotValue.joinSpanish(a.responsables))"
        let due = a.deadline.map { "; plazo: \(SpanishFormat.date($0, today: today))" } ?? ""
        return "El acuerdo \(a.number.map(String.init) ?? a.id) («\(a.text)») \(who)\(due) (\(a.status(on: today).label))."
    }

    /// «responsable», «a cargo»: who holds a task (the query was matched on the same words).
    static let inChargeWords: Set<String> = ["responsable", "responsables", "cargo", "encargado", "encargada", "encargados", "encargadas"]

    /// The words of a question about who holds something, not what it is about.
    static let whoWords: Set<String> = ["quien", "quienes", "responsable", "responsables", "cargo", "encargado", "encargada",
                                        "encargados", "encargadas", "esta", "estan", "lleva", "tiene"]

    static func search(_ s: NetworkSnapshot, text: String, today: LocalDate) -> [String] {
        var tokens = Phrase(text).tokens
        // «todo lo que tenga que ver con convivencia», «lo relacionado con lectura»: the topic is
        // what follows the words that point at it.
        if let i = tokens.indices.last(where: { k in topicMarkers.contains { tokens[k...].starts(with: $0) } }),
           let marker = topicMarkers.first(where: { tokens[i...].starts(with: $0) }), i + marker.count < tokens.count {
            tokens = Array(tokens[(i + marker.count)...])
        }
        // «¿quién tenía que mandar el informe?»: who had the task is asked, and what follows the
        // duty words is the task (its verb says how it is done, the rest what it is about).
        var hadTo = false
        if let k = TaskQuestion.whoHadTo(tokens) {
            tokens = Array(tokens[k...])
            if tokens.count > 1, let f = tokens.first, f.count >= 4, f.hasSuffix("ar") || f.hasSuffix("er") || f.hasSuffix("ir") { tokens.removeFirst() }
            hadTo = true
        }
        // «oye el Jaime no ha mandado la planificación, ¿qué hacemos?»: the task said not done is
        // looked for by who and what; the words of the news and of «qué hacemos» are no topic.
        var stalled = false
        if tokens.contains("no"), let v = TaskQuestion.notDone(tokens) {
            tokens = tokens.indices.filter { $0 != v && !TaskQuestion.whatNowWords.contains(tokens[$0]) }.map { tokens[$0] }
            stalled = true
        }
        // «¿pa cuándo era lo de la Luisa?»: «cuándo» asks for the deadline too.
        let asksDue = tokens.contains { ["vence", "vencen", "plazo", "cuando"].contains($0) }
        // «¿quién es responsable de la jornada de marzo?»: who has it is what is asked.
        let asksWho = hadTo || tokens.contains { $0 == "quien" || $0 == "quienes" } && tokens.contains(where: inChargeWords.contains)
        if asksWho, let k = tokens.firstIndex(where: AgreementMention.nouns.contains), k + 1 < tokens.count,
           let n = Int(tokens[k + 1]), let a = s.agreement(number: n) {
            return [inCharge(a, today: today)]
        }
        var words = tokens.filter { !searchFiller.contains($0) && !dueWords.contains($0) && !(asksWho && whoWords.contains($0)) && $0.count >= 3 }
        // «¿qué pasó con el taller de la Marisol?», «¿y la Rosa hizo el acta?»: a member named is who
        // has it, and the words that ask how it went are no part of the topic (issue 12).
        let about = AboutQuestion.read(words, in: s)
        let person = about?.person
        if let about { words = about.topic }
        // «buscar acta», «busca los acuerdos de lectura»: a kind of record named is where to look
        // (alone, all of that kind), not a word its text must have. Said of a person («¿la Rosa
        // hizo el acta?»), «acta» is the task.
        var kinds = person == nil ? Set(words.compactMap { recordKinds[$0] }) : []
        if !kinds.isEmpty { words.removeAll { recordKinds[$0] != nil } }
        // «¿cuándo vence el plazo del acuerdo de la Luisa?»: said of a person, «acuerdo» is where
        // to look too (her agreements), not a word their text must have (issue 12: «No encontré
        // nada sobre «acuerdo» a cargo de Luisa Pérez», with her agreement due on Friday).
        if person != nil, words.contains(where: { recordKinds[$0] == "acuerdo" }) {
            kinds = ["acuerdo"]
            words.removeAll { recordKinds[$0] == "acuerdo" }
        }
        guard !words.isEmpty || !kinds.isEmpty || person != nil else { return ["¿Qué busco? Por ejemplo «busca planificación» o «busca convivencia»."] }
        func mentions(_ hay: String?) -> Bool { words.isEmpty || Answers.mentions(words, in: hay) }
        func looks(_ kind: String) -> Bool { kinds.isEmpty || kinds.contains(kind) }
        var lines: [String] = []
        var found: [Agreement] = []
        for a in s.agreements where looks("acuerdo") && a.status != .borrado && mentions([a.text, a.evidence, a.evidenceDelivered].compactMap { $0 }.joined(separator: " "))
            && (person.map { AboutQuestion.has(a, $0) } ?? true) {
            found.append(a)
            // «¿cuándo vence lo de la feria?»: the deadline is what is asked.
            let due = asksDue ? a.deadline.map { "; plazo: \(SpanishFormat.date($0, today: today))" } ?? "; sin plazo" : ""
            if asksWho || person != nil { lines.append("- " + inCharge(a, today: today)); continue }
            lines.append("- Acuerdo \(a.number.map(String.init) ?? a.id): «\(a.text)» (\(a.status(on: today).label)\(due))")
        }
        for r in s.reflections where looks("reflexion") && person == nil && mentions(r.searchableText) {
            lines.append("- Reflexión \(r.number.map(String.init) ?? r.id): \(r.practice)" + (r.learnings.map { ": «\($0)»" } ?? ""))
        }
        // «busca pauta», «¿en qué quedamos con la pauta de acompañamiento?»: what the network
        // decided and the norms it keeps are searched too (qa27: «No encontré nada» with DC-1 about it).
        for d in s.decisions where kinds.isEmpty && person == nil && mentions([d.text, d.disagreement, d.resolution].compactMap { $0 }.joined(separator: " ")) {
            lines.append("- Decisión \(d.number.map(String.init) ?? d.id): «\(d.text)»" + (d.date.map { " (\(SpanishFormat.date($0, today: today)))" } ?? ""))
        }
        for n in s.norms where kinds.isEmpty && person == nil && n.state != .derogada && mentions(n.text) {
            lines.append("- Norma \(n.number.map(String.init) ?? n.id): «\(n.text)» (\(n.state.label))")
        }
        for m in s.meetings where looks("acta") {
            for o in m.occurrences.values.sorted(by: { $0.date < $1.date }) where o.hasActa && mentions(o.notes)
                && (person.map { o.attendees.contains($0.name) || Answers.mentions([TextFold.fold(AboutQuestion.firstName($0))], in: o.notes) } ?? true) {
                let notes = o.notes.map { ": «\($0)»" } ?? (o.attendees.isEmpty ? "" : ": vinieron \(SlotValue.joinSpanish(o.attendees))")
                lines.append("- Acta del encuentro \(m.number.map(String.init) ?? m.id) (\(SpanishFormat.date(o.date, today: today)))" + notes)
            }
        }
        // A meeting's tabla says what the network will work on («plan lector 2027»): the points
        // that mention the words, with the meeting they are on.
        for m in s.meetings where kinds.isEmpty && !words.isEmpty {
            let points = m.agenda.filter { mentions($0) }
            guard !points.isEmpty else { continue }
            lines.append("- En la tabla del encuentro \(m.number.map(String.init) ?? m.id) («\(m.title)», \(Wording.whenText(m, today: today))): "
                         + points.map { "«\($0)»" }.joined(separator: ", "))
        }
        // «¿qué pasó con el taller de retroalimentación?»: a meeting named by its title (issue 12).
        for m in s.meetings where kinds.isEmpty && !words.isEmpty && mentions(m.title) && (person.map { m.leader == $0.name } ?? true) {
            lines.append("- Encuentro \(m.number.map(String.init) ?? m.id): «\(m.title)», \(Wording.whenText(m, today: today))")
        }
        for m in s.members where kinds.isEmpty && person == nil && mentions(m.strengths) {
            lines.append("- \(m.name) aporta: «\(m.strengths ?? "")»")
        }
        var topic = words.isEmpty ? kinds.sorted().map { kindNames[$0] ?? $0 }.joined(separator: " y ") : words.joined(separator: " ")
        // The topic of a question about one thing as it was typed («retroalimentación», not folded).
        if about != nil, !words.isEmpty {
            let typed = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "?" || $0 == "¿" || $0 == "." })
                .map(String.init).filter { words.contains(TextFold.fold($0).lowercased()) }
            if typed.count == words.count { topic = typed.map { $0.lowercased() }.joined(separator: " ") }
        }
        if let person {
            guard !lines.isEmpty else {
                return [words.isEmpty ? "No encontré acuerdos ni actas de \(person.name)."
                        : "No encontré nada sobre «\(topic)» a cargo de \(person.name) en los acuerdos ni en las actas."]
            }
            let shown = lines.prefix(8).joined(separator: "\n")
            let more = lines.count > 8 ? "\n…y \(lines.count - 8) más; prueba con otra palabra para acotar." : ""
            return [(words.isEmpty ? "De \(person.name) encontré:\n" : "Sobre «\(topic)» de \(person.name) encontré:\n") + shown + more
                    + (stalled ? stalledOffer(found, today: today) : "")]
        }
        guard !lines.isEmpty else {
            if words.isEmpty { return ["Todavía no hay \(topic) en la red."] }
            // «¿qué pasó con el acuerdo de la sala del cesfam?» about a deleted agreement: it was
            // deleted, and when (it said «No encontré nada»).
            if looks("acuerdo"), let said = deletedAgreements(s, today: today, matching: mentions) { return [said] }
            // A word alone at the menu («predicción») was taken as a search: it may have been something else.
            if !tokens.isEmpty, Phrase(text).tokens.count == 1 {
                return ["No encontré «\(topic)» en los acuerdos, las reflexiones ni las actas. Si querías otra cosa, escribe «ayuda» y te muestro lo que puedo hacer."]
            }
            return ["No encontré nada sobre «\(topic)» en los acuerdos, las reflexiones, las actas ni en lo que aportan los miembros."]
        }
        let shown = lines.prefix(8).joined(separator: "\n")
        let more = lines.count > 8 ? "\n…y \(lines.count - 8) más; prueba con otra palabra para acotar." : ""
        return ["Sobre «\(topic)» encontré:\n" + shown + more + (stalled ? stalledOffer(found, today: today) : "")]
    }

    /// After a task said not done («el Jaime no ha mandado la planificación, ¿qué hacemos?»), when
    /// one open agreement is that task: what can be done about it, each said as a request that
    /// starts it. Nothing when several (or none) were found: which one is not known.
    static func stalledOffer(_ found: [Agreement], today: LocalDate) -> String {
        guard found.count == 1, let a = found.first, a.status(on: today).isOpen else { return "" }
        let n = a.number.map { "el acuerdo \($0)" } ?? "el acuerdo \(a.id)"
        return "\nPuedes anotar cómo va («\(n) va en proceso»), darle un plazo nuevo («reprogramar \(n)») o cerrarlo como no cumplido («\(n) no se cumplió»)."
    }
}

extension Answers {
    /// The deleted agreements whose words match, with when they were deleted and why; nil when none.
    static func deletedAgreements(_ s: NetworkSnapshot, today: LocalDate, matching: (String?) -> Bool) -> String? {
        let gone = s.agreements.filter { $0.status == .borrado && matching($0.text) }
        guard !gone.isEmpty else { return nil }
        let told = gone.prefix(3).map { a -> String in
            let change = a.history.last { $0.status == .borrado }
            let day = change.flatMap { LocalDate(iso: String($0.at.prefix(10))) }.map { " el " + SpanishFormat.date($0, today: today) } ?? ""
            let why = change?.note.flatMap { $0.isEmpty ? nil : " (\($0))" } ?? ""
            return "El acuerdo \(a.number.map(String.init) ?? a.id), «\(a.text)», se borró\(day)\(why)."
        }
        return told.joined(separator: "\n") + " Por eso ya no aparece en las listas."
    }

    /// Words around a search's topic that are not the topic.
    static let searchFiller: Set<String> = [
        "busca", "buscar", "buscame", "busquemos", "buscas", "encuentra", "encuentrame", "encontrar", "sobre", "de", "del", "en", "la",
        "el", "los", "las", "con", "lo", "algo", "que", "hay", "para", "por", "y", "un", "una", "todo", "toda", "todos", "todas", "cosa",
        "cosas", "tenga", "tengan", "tiene", "tienen", "ver", "relacionado", "relacionada", "relacionados", "relacionadas", "acerca",
        "tema", "temas", "porfa", "favor", "porfavor", "altiro", "me", "nos", "donde", "salga", "salgan", "aparezca", "aparezcan",
        "diga", "digan", "hable", "hablen", "mencione", "mencionen",
        // «busca lo que tengamos de predicción», «lo que hayamos anotado sobre…»: having and
        // writing down point at the records, they are not the topic.
        "tengamos", "tenemos", "tengo", "hayamos", "haya", "hemos", "guardado", "guardada", "guardados", "anotado", "anotada",
        "anotados", "registrado", "registrada", "registrados", "escrito", "escrita", "dicho", "hablado", "visto", "sepamos",
        "sabemos", "quede", "quedo", "alguna", "alguno", "mis", "nuestro", "nuestra", "nuestros", "nuestras",
        // Greetings before the request («hola, busca lo de la huerta»).
        "hola", "wena", "wenas", "buenas", "oye", "oiga", "hey", "ola", "minga",
    ]

    /// Words of a question about an agreement's deadline, around its topic.
    static let dueWords: Set<String> = ["cuando", "vence", "vencen", "plazo", "tiene", "cual", "para", "entregar", "hay",
                                        // «¿pa cuándo era lo de la Luisa?», «hasta cuándo es lo del informe»
                                        "era", "eran", "son", "sera", "hasta"]

    /// Record kinds a search may name, by the key `search` looks them up with.
    static let recordKinds: [String: String] = [
        "acta": "acta", "actas": "acta", "acuerdo": "acuerdo", "acuerdos": "acuerdo", "compromiso": "acuerdo", "compromisos": "acuerdo", "reflexion": "reflexion", "reflexiones": "reflexion",
    ]
    static let kindNames: [String: String] = ["acta": "actas", "acuerdo": "acuerdos", "reflexion": "reflexiones"]

    /// Words after which a search names its topic («…que tenga que ver con X», «…sobre X»).
    static let topicMarkers: [[String]] = [
        ["ver", "con"], ["relacionado", "con"], ["relacionada", "con"], ["relacionados", "con"], ["relacionadas", "con"], ["acerca", "de"],
        ["sobre"], ["respecto", "a"], ["respecto", "de"], ["hable", "de"], ["hablen", "de"], ["diga"], ["mencione"], ["tema"],
    ]

    /// «dame un resumen de la red»: meetings held and coming, agreements by status, the last
    /// diagnosis and the members, a line each.
    static func summary(_ s: NetworkSnapshot, today: LocalDate, now: LocalDateTime) -> [String] {
        var lines = ["Resumen de «\(s.network.name)»:"]
        let held = s.meetings.reduce(0) { $0 + $1.occurrences.values.filter(\.hasActa).count }
        let suspended = s.meetings.reduce(0) { $0 + $1.occurrences.values.filter { $0.status == .suspendida }.count }
        var meetings = s.meetings.isEmpty ? "- Encuentros: todavía no hay ninguno agendado"
            : "- Encuentros: " + count(s.meetings.count, "agendado", "agendados") + ", " + count(held, "con acta", "con acta")
        if suspended > 0 { meetings += ", " + count(suspended, "fecha suspendida", "fechas suspendidas") }
        if let (m, at) = s.nextMeeting(after: now) { meetings += "; el próximo es «\(m.title)», el \(SpanishFormat.dateTime(at, today: today))" }
        lines.append(meetings + ".")
        let live = s.agreements.filter { $0.status != .borrado }
        let states = live.map { $0.status(on: today) }
        let done = states.filter { $0 == .cumplido }.count, overdue = states.filter { $0 == .vencido }.count
        let open = states.filter(\.isOpen).count - overdue
        // Only the states some agreement is in: «(1 en curso)», not «(0 cumplidos, 1 en curso, 0 vencidos)».
        let parts = [(done, "cumplido", "cumplidos"), (open, "en curso", "en curso"), (overdue, "vencido", "vencidos")]
            .filter { $0.0 > 0 }.map { count($0.0, $0.1, $0.2) }
        lines.append(live.isEmpty ? "- Acuerdos: todavía no hay ninguno registrado."
                     : "- Acuerdos: " + count(live.count, "en total", "en total") + " (" + parts.joined(separator: ", ") + ").")
        if let d = s.diagnoses.last(where: { !$0.responses.isEmpty }) {
            lines.append("- Diagnóstico: nivel «\(d.level.label)»" + (d.date.map { " (\(SpanishFormat.date($0, today: today)))" } ?? "") + ".")
        } else {
            lines.append("- Diagnóstico: todavía no hay uno guardado.")
        }
        lines.append("- Miembros: \(number(s.members.count)).")
        return [lines.joined(separator: "\n"), "Si quieres el detalle de algo, pregúntame, por ejemplo, «¿qué acuerdos están vencidos?»."]
    }

    /// Whether `hay` mentions every one of `words` (a word, its stem, or a typo of it): the
    /// search across records and the «¿quién sabe de…?» question read texts alike.
    static func mentions(_ words: [String], in hay: String?) -> Bool {
        guard let hay else { return false }
        let tokens = Phrase(hay).tokens
        return words.allSatisfy { w in
            // «busca grabar» finds «se graban las reuniones», «busca planificaciones» finds «planificamos
            // juntos»: verb forms and plurals share a stem (`SpanishStem`, as the decision search reads them).
            let stem = w.count >= 5 ? SpanishStem.of(w) : nil
            return tokens.contains { h in h == w || (w.count >= 5 && h.hasPrefix(String(w.prefix(w.count - 1))))
                || (w.count >= 5 && h.count >= 5 && TextFold.editDistance(h, w) <= (w.count >= 6 ? 2 : 1))
                || (stem != nil && h.count >= 5 && SpanishStem.of(h) == stem) }
        }
    }
}
