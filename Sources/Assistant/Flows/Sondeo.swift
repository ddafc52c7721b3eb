import CivilTime
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/sondeo.yaml`: an availability poll with 2–4 options of day and time. An option on a
/// feriado or in the winter break is said while it is fresh.
struct SondeoFlow: MingaFlow {
    let id = "sondeo"
    let saveKind: String? = "poll"
    let slotNames = ["titulo", "opciones", "duracion"]

    /// «lánzalo», «lánzalo nomás», «ya, mándala» to «¿Lanzo el sondeo?»: yes, in its own verb
    /// (qa34: «¿Lo guardo?» was asked again).
    func confirmsInOwnWords(_ phrase: Phrase, run: FlowRun, context: EngineContext) -> Bool {
        Self.saysOwnVerb(phrase.tokens, verbs: Self.launchVerbs)
    }

    static let launchVerbs: WordSet = ["lanza", "lanzalo", "lanzala", "lanzar", "lancemos", "lanzalos", "manda", "mandalo", "mandala", "mandar",
                                       "envia", "envialo", "enviala", "enviar", "publica", "publicalo", "publicala", "publicar", "abre",
                                       "abrelo", "abrela", "abrir"]

    /// A short message that is one of `verbs` with only words of agreeing or urging around it
    /// («ya, lánzalo nomás po», «dale, ciérralo»).
    static func saysOwnVerb(_ t: [String], verbs: WordSet) -> Bool {
        t.count <= 6 && t.contains(where: verbs.contains) && t.allSatisfy { verbs.contains($0) || ownVerbFillers.contains($0) }
    }

    static let ownVerbFillers: WordSet = ["si", "ya", "dale", "ok", "bueno", "listo", "nomas", "po", "pues", "porfa", "altiro", "entonces",
                                          "el", "la", "sondeo", "encuesta", "asi", "mejor", "a", "todos", "todas", "ahora"]

    /// How long the encuentro lasts is never asked: only taken when its hours are said.
    func asks(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Bool { slot.name != "duracion" }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        // «pa revisar el pme» to «¿Para qué encuentro es?»: what it is for, without the «pa» (qa34:
        // the poll, and the meeting it chose, were titled «pa revisar el pme»).
        if slot.name == "titulo", let text = value.textValue, let purpose = Self.withoutPurposeLead(text) { return .replace(.text(purpose)) }
        guard slot.name == "opciones", let s = context.snapshot else { return .accept }
        let at: LocalDateTime
        var notes: [String] = []
        switch value {
        case .dateTime(let dt): at = dt
        case .list(let items):
            guard let last = items.last, let m = TemporalParser.parse(last, context: context.temporal), case .dateTime(let dt) = m.value else { return .accept }
            at = dt
            // Several options in the summer break are said together.
            if items.count >= 2, Self.summerBreak(of: dt.date, context: context) != nil {
                let dates = items.compactMap { TemporalParser.parse($0, context: context.temporal)?.value }
                    .compactMap { v -> LocalDate? in if case .dateTime(let d) = v { return d.date }; return nil }
                let inSummer = dates.filter { Self.summerBreak(of: $0, context: context) != nil }
                if inSummer.count >= 2, let note = Self.summerNote(inSummer, all: inSummer.count == dates.count, context: context) {
                    notes.append(note)
                }
            }
        default: return .accept
        }
        // Every option said at once is checked for a feriado, not only the last one («martes 8,
        // miércoles 9 o jueves 10»: the 8th of December was not warned; pass 11, qa17).
        var days: [LocalDate] = [at.date]
        if case .list(let items) = value {
            days = items.compactMap { TemporalParser.parse($0, context: context.temporal)?.value }
                .compactMap { v -> LocalDate? in if case .dateTime(let d) = v { return d.date }; return nil }
        }
        var seen: Set<LocalDate> = []
        let holidays = days.filter { seen.insert($0).inserted }.compactMap { d in ChileanCalendar.holiday(on: d, region: s.network.region).map { (d, $0) } }
        if !holidays.isEmpty {
            let said = holidays.map { "el \(SpanishFormat.date($0.0, today: context.today)) es feriado (\($0.1.name))" }
            return .accept(notes + ["Ojo: " + SlotValue.joinSpanish(said) + (said.count == 1 ? ". Si esa opción no sirve, la cambias en el resumen." : ". Si alguna no sirve, la cambias en el resumen.")])
        }
        if !notes.isEmpty { return .accept(notes) }
        if let region = s.network.region, let b = ChileanCalendar.winterBreak(region: region, year: at.date.year), b.contains(at.date) {
            return .accept(["Ojo: esa opción cae en vacaciones de invierno de \(region)."])
        }
        if let summer = Self.summerNote(at.date, context: context) { return .accept([summer]) }
        return .accept
    }

    /// «Ojo: …» when `date` falls in the region's summer break (January is when most colleagues
    /// are away); nil otherwise.
    static func summerNote(_ date: LocalDate, context: EngineContext) -> String? {
        summerNote([date], all: false, context: context)
    }

    /// The same for several dates, all in the break: «todas las opciones (…) caen en…».
    static func summerNote(_ dates: [LocalDate], all: Bool, context: EngineContext) -> String? {
        guard let first = dates.first, let b = summerBreak(of: first, context: context) else { return nil }
        let region = context.snapshot?.network.region
        let list = SlotValue.joinSpanish(dates.map { SpanishFormat.date($0, today: context.today) })
        let each = SlotValue.joinSpanish(dates.map { "el " + SpanishFormat.date($0, today: context.today) })
        let what = dates.count == 1 ? "el \(list) cae" : (all ? "todas las opciones (\(list)) caen" : "\(each) caen")
        return "Ojo: \(what) en vacaciones de verano" + (region.map { " de \($0)" } ?? "")
            + " (\(MeetingPlanner.summerRange(b, today: context.today))); muchos colegas no van a estar."
    }

    /// The region's summer break `date` falls in, if any.
    static func summerBreak(of date: LocalDate, context: EngineContext) -> ChileanCalendar.SummerBreak? {
        let region = context.snapshot?.network.region
        return [date.year - 1, date.year].lazy.map { ChileanCalendar.summerBreak(startingIn: $0, region: region) }.first { $0.range.contains(date) }
    }

    /// `claim` needs one of these (`ClaimCues`): Days offered to choose from, or a question about which suits.
    func claimCues(_ flow: FlowDefinition) -> ClaimCues {
        ClaimCues(words: Array(Self.choosingWords) + ["acomoda", "acomodan", "conviene", "convienen", "sirve", "sirven"], prefixes: ["pregunt", "consult"])
    }

    /// The week a list of bare weekdays is in, said once («la otra semana», «la próxima semana»).
    static func weekSaid(_ text: String) -> String? {
        let f = TextFold.fold(text)
        return ["la otra semana", "la proxima semana", "la semana que viene", "la semana siguiente"].first { f.contains($0) }
    }

    /// «juntarnos la otra semana, puede ser martes 1, miércoles 2 o jueves 3 de diciembre»: a
    /// gathering with several candidate days is a poll on them, not a meeting on the last one.
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        alternativesClaim(message, context: context) ?? askingClaim(message, context: context)
    }

    static let choosingWords: WordSet = ["o", "u", "puede", "podria", "pueden", "opciones", "alternativas", "fechas", "propon", "proponer",
                                         // «hagamos una votación entre el lunes 4, el miércoles 6 y…»: a vote chooses.
                                         "votacion", "votar", "votemos", "votamos", "elegir", "elijamos"]

    func alternativesClaim(_ message: Utterance, context: EngineContext) -> Claim? {
        // Days joined by «o» (or offered: «puede ser…») are alternatives; «el martes y el jueves»
        // alone may well be two meetings.
        let t = message.phrase.tokens
        // (The words of choosing first: most messages have none, and their words are not hashed
        // against the verbs and nouns of meeting.)
        guard t.contains(where: Self.choosingWords.contains),
              t.contains(where: { Self.gatherVerbs.contains($0) || MeetingRequest.gatherings[$0] != nil || Self.pollWords.contains($0) }),
              let options = Self.alternatives(in: message.clean, context: context) else { return nil }
        let value = Self.optionsValue(options, context: context)
        var claim = Claim(values: ["opciones": value], echo: ["opciones: \(value.display(today: context.today))" + Self.notes(message.clean, options, context: context)])
        if let topic = MeetingRequest.name(in: message.clean) ?? Self.topic(of: message.clean) ?? Self.purpose(of: message.clean) {
            claim.values["titulo"] = .text(topic)
            claim.echo.insert("para qué: \(topic)", at: 0)
        }
        return claim
    }

    /// «quiero preguntarle a las colegas q día les acomoda pa la reunión de cierre»: asking the
    /// others which day suits them is a poll, even with a meeting named (the noun «reunión» would
    /// otherwise send it to scheduling one). The meeting it is for becomes its title.
    func askingClaim(_ message: Utterance, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        // «necesito juntar al microcentro en diciembre, ¿qué día les acomoda?»: the question to
        // the others, said right after the gathering, asks it as much as «preguntarles» (qa38:
        // it scheduled a meeting named «microcentro en diciembre, que dia les acomoda?»).
        let asksOthers = Self.othersAsked(t)
        guard t.contains(where: { $0.hasPrefix("pregunt") || $0.hasPrefix("consult") }) || asksOthers,
              t.contains(where: Self.suitWords.contains),
              t.contains(where: { ["dia", "dias", "fecha", "fechas", "hora", "horario", "cuando"].contains($0) }) else { return nil }
        var claim = Claim()
        // What the gathering is for comes before the question («juntar al microcentro en diciembre»).
        let request = asksOthers ? Self.beforeQuestion(message.clean) : message.clean
        // «preguntemos qué día les acomoda: el lunes 14, el martes 15 o el jueves 17 a las 16»:
        // the days offered are the options (an empty claim reads nothing of the request).
        if let options = Self.alternatives(in: message.clean, context: context) {
            let value = Self.optionsValue(options, context: context)
            claim.values["opciones"] = value
            claim.echo.append("opciones: \(value.display(today: context.today))" + Self.notes(message.clean, options, context: context))
        }
        // The title the flow's own reading of the request gives, when it names a gathering.
        if let title = MeetingRequest.name(in: request) ?? Self.meetingTitle(in: request) {
            claim.values["titulo"] = .text(title)
            claim.echo.insert("para qué: \(title)", at: 0)
        }
        return claim
    }

    /// A gathering verb or noun and then «qué día / cuándo … les acomoda»: a day asked of the others.
    static func othersAsked(_ t: [String]) -> Bool {
        guard let q = t.indices.first(where: { i in
            (["que", "q", "cual"].contains(t[i]) && i + 1 < t.count && ["dia", "dias", "fecha", "hora", "horario"].contains(t[i + 1])) || t[i] == "cuando"
        }), q > 0 else { return false }
        return t[..<q].contains { gatherVerbs.contains($0) || ["juntar", "reunir", "junta", "juntas"].contains($0) || MeetingRequest.gatherings[$0] != nil }
            && t[q...].contains(where: { ["les", "nos", "acomoda", "acomodan", "conviene", "convienen"].contains($0) })
    }

    /// The words before the question mark's question («…, ¿qué día…»): a comma or «¿» before
    /// «qué»/«cuándo»; the whole text otherwise.
    static func beforeQuestion(_ text: String) -> String {
        for lead in [", que ", ", q ", ", cual ", ", cuando ", ", ¿", "¿", " que dia", " cuando "] {
            if let r = text.range(of: lead, options: [.caseInsensitive, .diacriticInsensitive]), r.lowerBound > text.startIndex {
                var head = String(text[..<r.lowerBound])
                while let l = head.last, " ,;:".contains(l) { head.removeLast() }
                if !head.isEmpty { return head }
            }
        }
        return text
    }

    /// Words asking whether a day suits someone.
    static let suitWords: WordSet = ["acomoda", "acomodan", "sirve", "sirven", "conviene", "convienen", "pueden", "puede", "podemos",
                                         "queda", "quedan", "viene", "vienen", "disponibilidad", "disponible", "disponibles"]

    /// «…pa la reunión de cierre» → «Reunión de cierre»: the meeting after «para», «pa», «pal».
    static func meetingTitle(in text: String) -> String? {
        let words = text.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0).filter(\.isLetter) }
        guard let i = folded.indices.last(where: { ["para", "pa", "pal", "pala"].contains(folded[$0]) }) else { return nil }
        var rest = Array(words[(i + 1)...])
        // «…pa la reunión de cierre: el lunes 14, el martes 15 o el jueves 17»: the options after
        // the colon are no part of the title (issue 12: the title kept them).
        if let k = rest.firstIndex(where: { $0.hasSuffix(":") || $0.hasSuffix(";") }) {
            rest = Array(rest[...k])
            rest[k] = String(rest[k].dropLast())
        }
        if folded[i] == "pa", let first = rest.first, ["la", "el"].contains(TextFold.fold(first)) { rest.removeFirst() }
        if let first = rest.first, ["la", "el"].contains(TextFold.fold(first)) { rest.removeFirst() }
        var title = rest.joined(separator: " ").trimmingCharacters(in: .whitespaces)
        while let last = title.last, ".,;!?".contains(last) { title.removeLast() }
        guard Phrase(title).tokens.contains(where: MeetingMention.nouns.contains) else { return nil }
        return title.prefix(1).uppercased() + title.dropFirst()
    }

    /// «pa ver qué día nos juntamos a planificar marzo»: the poll is about what comes after the
    /// gathering verb («Planificar marzo»), not the whole sentence; the days the request lists
    /// are its options, and what is left of them is no name (it is asked).
    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        var out = Prefill()
        // The engine may have read only the first option («viernes 18 a las 12, lunes 21 a las
        // 10…»): the whole list replaces it.
        if let options = Self.alternatives(in: request, context: context),
           options.count > (run.values["opciones"]?.listValue?.count ?? 0) {
            let value = Self.optionsValue(options, context: context)
            out.values["opciones"] = value
            out.echo.append("opciones: \(value.display(today: context.today))" + Self.notes(request, options, context: context))
            if run.values["opciones"] != nil { out.replacesEcho = true }
        }
        if let topic = MeetingRequest.name(in: request) ?? Self.topic(of: request) ?? Self.purpose(of: request) {
            guard run.values["titulo"] != .text(topic) else { return out }
            out.values["titulo"] = .text(topic)
            out.echo.insert("para qué: \(topic)", at: 0)
            out.replacesEcho = true
        } else if out.values["opciones"] != nil || run.values["opciones"] != nil, run.values["titulo"] != nil {
            out.values["titulo"] = .some(nil)
        }
        return out
    }

    /// «¿Para qué encuentro es?» — «juntarnos la otra semana, puede ser martes 1, miércoles 2 o
    /// jueves 3»: the days are the options; the name, if the answer says one, or asked again.
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        // «agrega otra opción, el jueves 17 a las 16» to «¿Para qué encuentro es?»: one more
        // option, and the question again.
        if slot.name == "titulo", run.values["opciones"] != nil, let added = reviewChange(message, run: run, context: context) { return added }
        // «a las 16, y la otra opción es el miércoles 9» to «¿A qué hora?» of a day kept: the
        // hour completes that day and the days said after it are options too (issue 12: the
        // second one was lost, or replaced the first).
        if slot.name == "opciones", case .date(let day)? = run.partials?["opciones"],
           let more = Self.hourThenMore(message.clean, day: day, context: context) {
            let items = (run.values["opciones"]?.listValue ?? []) + more.map { SpanishFormat.dateTime($0, today: context.today) }
            guard items.count <= 4, Set(items).count == items.count else { return nil }
            return .fill(["opciones": .list(items)], remark: "Anotado: " + SlotValue.joinSpanish(more.map { SpanishFormat.dateTime($0, today: context.today) })
                         + Self.notes(message.clean, more, context: context) + ".")
        }
        // «opciones: lunes 8 de marzo 9:00, martes 9 de marzo 9:00, …» to the first option's
        // question: every option said, not only the first.
        // (Items cut by «;» the engine's list reading takes one by one, and asks for another.)
        if slot.name == "opciones", run.values["opciones"] == nil, !message.clean.contains(";"),
           let options = Self.alternatives(in: message.clean, context: context) {
            let value = Self.optionsValue(options, context: context)
            return .fill(["opciones": value], remark: "Anoté las opciones: \(value.display(today: context.today))" + Self.notes(message.clean, options, context: context) + ".")
        }
        guard slot.name == "titulo", run.values["opciones"] == nil,
              let options = Self.alternatives(in: message.clean, context: context) else { return nil }
        let value = Self.optionsValue(options, context: context)
        var values: SlotValues = ["opciones": value]
        if let topic = MeetingRequest.name(in: message.clean) ?? Self.topic(of: message.clean) ?? Self.purpose(of: message.clean) { values["titulo"] = .text(topic) }
        return .fill(values, remark: "Anoté las opciones: \(value.display(today: context.today))" + Self.notes(message.clean, options, context: context) + ".")
    }

    /// At «¿Lanzo el sondeo?»: «falta una opción: martes 15 a las 10», «agrega el jueves 17 a
    /// las 10» adds that option to the ones there are (a correction would replace the list).
    func reviewChange(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        let read = optionsChange(message, run: run, context: context)
        // «de 9 a 17 en la biblioteca municipal»: a poll keeps days and hours only; the place is
        // said where it can be kept, with the option chosen at its close (qa25: dropped silently).
        guard message.phrase.tokens.contains("en"), let place = CerrarSondeoFlow.meetingDetails(message.clean, context: context)["lugar"]?.textValue
        else { return read }
        let note = "El sondeo guarda solo días y horas, no el lugar. Cuando lo cierres, dímelo con la opción (por ejemplo «la 1, en \(place)») y queda en el encuentro."
        switch read {
        case .fill(let values, let remark, let partials)?: return .fill(values, remark: [remark, note].compactMap { $0 }.joined(separator: " "), partials: partials)
        case nil: return .reask(note)
        default: return read
        }
    }

    /// The hour every option in `items` has, when they share one.
    static func sharedHour(_ items: [String], context: EngineContext) -> LocalTime? {
        let times = items.compactMap { item -> LocalTime? in
            guard let o = TemporalParser.parse(item, context: context.temporal), case .dateTime(let dt) = o.value else { return nil }
            return dt.time
        }
        guard times.count == items.count, let first = times.first, times.allSatisfy({ $0 == first }) else { return nil }
        return first
    }

    /// «no, el jueves de la otra semana, el 3», «no, el martes es el 8» at «¿Lanzo el sondeo?»: a
    /// «no» and a day whose weekday is that of exactly one option, and no other change said: that
    /// option moves to the day, at its hour (qa36 A: «¿Qué quieres cambiar? Dime el número»).
    static func redatedOption(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        let t = message.phrase.tokens
        // Cheap gate: a «no» first and a weekday named.
        guard t.count >= 3, t.count <= 12, t[0] == "no", t.contains(where: { OpenPoll.weekdays[$0] != nil }),
              !t.indices.contains(where: { (addWords.contains(t[$0]) && !(t[$0] == "otra" && $0 + 1 < t.count && t[$0 + 1] == "semana")) || swapVerbs.contains(t[$0]) }),
              let items = run.values["opciones"]?.listValue, !items.isEmpty,
              let m = TemporalParser.parse(message.clean, context: context.temporal), m.alternatives.count <= 1 else { return nil }
        let options = items.compactMap { item -> LocalDateTime? in
            guard let o = TemporalParser.parse(item, context: context.temporal), case .dateTime(let dt) = o.value else { return nil }
            return dt
        }
        guard options.count == items.count else { return nil }
        var day: LocalDate, time: LocalTime?
        switch m.value {
        case .date(let d): day = d; time = nil
        case .dateTime(let dt): day = dt.date; time = dt.time
        default: return nil
        }
        // The day of the month said is the one meant: «el jueves es el 10» is Thursday the 10th
        // (read alone, «el jueves» is the next one). One number only, and a day that is that
        // weekday within the next months; otherwise nothing is guessed.
        let numbers = t.compactMap { Int($0) }.filter { (1...31).contains($0) }
        guard numbers.count <= 1 else { return nil }
        if let n = numbers.first, n != day.day {
            let weekday = day.weekday
            guard let found = (0..<120).lazy.map({ context.today.adding(days: $0) }).first(where: { $0.day == n && $0.weekday == weekday }) else { return nil }
            day = found
        } else if numbers.isEmpty {
            return nil
        }
        let same = options.indices.filter { options[$0].date.weekday == day.weekday }
        guard same.count == 1, let i = same.first, options[i].date != day, day >= context.today else { return nil }
        let new = LocalDateTime(date: day, time: time ?? options[i].time)
        if options.contains(new) { return .reask("Esa opción ya está: \(SpanishFormat.dateTime(new, today: context.today)).") }
        var changed = options
        changed[i] = new
        if options == options.sorted() || changed != changed.sorted() { changed.sort() }
        return .fill(["opciones": optionsValue(changed, context: context)],
                     remark: "Cambié \(SpanishFormat.dateTime(options[i], today: context.today)) por \(SpanishFormat.dateTime(new, today: context.today)).")
    }

    /// `reviewChange` of the options: one swapped, their hours, one added.
    private func optionsChange(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        let t = message.phrase.tokens
        if let swapped = Self.swapOption(message, run: run, context: context) { return swapped }
        if let redated = Self.redatedOption(message, run: run, context: context) { return redated }
        if let hours = Self.hoursSaid(message, run: run, context: context) { return hours }
        if let moved = Self.newHour(message, run: run, context: context) { return moved }
        // «la otra semana» says when, not one more option.
        let adds = t.indices.contains { Self.addWords.contains(t[$0]) && !(t[$0] == "otra" && $0 + 1 < t.count && t[$0 + 1] == "semana") }
        guard adds, var items = run.values["opciones"]?.listValue,
              let m = TemporalParser.parse(message.clean, context: context.temporal) else { return nil }
        let at: LocalDateTime
        switch m.value {
        case .dateTime(let dt), .dateTimeRange(let dt, _): at = dt
        case .date(let day):
            // «agrega también el miércoles 9 antes de vacaciones»: a day without an hour takes the
            // one every option shares (qa36 A: «¿Lo guardo?» and nothing added).
            guard let hour = Self.sharedHour(items, context: context) else { return nil }
            at = LocalDateTime(date: day, time: hour)
        default: return nil
        }
        guard at.date >= context.today else { return nil }
        let said = SpanishFormat.dateTime(at, today: context.today)
        if items.contains(said) { return .reask("Esa opción ya está: \(said).") }
        guard items.count < 4 else { return .reask("Ya hay 4 opciones, el máximo. Si quieres cambiar una, dime su número en el resumen.") }
        items.append(said)
        return .fill(["opciones": .list(items)], remark: "Agregué la opción \(said).")
    }

    /// At «¿Lanzo el sondeo?»: «en vez del martes 8 pon el viernes 11», «cambia el martes 8 por el
    /// viernes 11», «reemplaza el 8 por el 11 a las 16»: one option (named by its weekday and/or
    /// its day) gives way to another day, in its place, at the same hour unless another is said.
    /// Nil unless the message has «en vez de» or a replacing verb with «por» (qa21 J: it was not read).
    static func swapOption(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        let t = message.phrase.tokens
        var from: ArraySlice<String>, to: ArraySlice<String>
        if let v = t.indices.first(where: { t[$0] == "vez" && $0 > 0 && t[$0 - 1] == "en" }),
           v + 1 < t.count, t[v + 1] == "de" || t[v + 1] == "del" {
            // «en vez del X pon Y», «en vez del X, mejor el Y», «Y en vez del X».
            let rest = t[(v + 2)...]
            if let k = rest.firstIndex(where: swapVerbs.contains) {
                from = rest[..<k]
                to = t[(k + 1)...]
            } else if v > 1 {
                from = rest
                to = t[..<(v - 1)]
            } else { return nil }
        } else if let first = t.first(where: { !["y", "ya", "oye", "ah", "no", "mejor", "porfa", "bueno", "uy", "verdad", "perdon"].contains($0) }),
                  ["cambia", "cambiale", "cambiar", "cambiemos", "reemplaza", "reemplazar", "reemplazemos"].contains(first),
                  let p = t.lastIndex(of: "por"), let f = t.firstIndex(of: first), f < p {
            from = t[(f + 1)..<p]
            to = t[(p + 1)...]
        } else if let first = t.first(where: { !["y", "ya", "oye", "ah", "no", "mejor", "porfa", "bueno", "uy", "verdad", "perdon"].contains($0) }),
                  ["saca", "sacale", "sacar", "saquemos", "quita", "quitale", "quitar", "borra", "borrale", "elimina"].contains(first), let f = t.firstIndex(of: first),
                  let y = t.indices.first(where: { $0 > f + 1 && t[$0] == "y" && $0 + 1 < t.count && (addWords.contains(t[$0 + 1]) || swapVerbs.contains(t[$0 + 1])) }) {
            // «saca el miércoles y agrega el viernes 18 a las 9»: the option taken out gives way
            // to the one added, in one change (qa36 A: the add was refused at four options and
            // the removal dropped).
            from = t[(f + 1)..<y]
            to = t[(y + 2)...]
        } else if let v = t.indices.first(where: { $0 > 0 && pronounSwapVerbs.contains(t[$0]) }), v + 1 < t.count,
                  ["por", "al", "pal"].contains(t[v + 1]) {
            // «no, el martes 8 es feriado, cámbialo por el miércoles 9 a las 15:30»: the option
            // named before the verb and its pronoun, the new day after «por» (qa34: only the
            // hour of the holiday changed, the Wednesday lost).
            from = t[..<v]
            to = t[(v + 2)...]
        } else { return nil }
        to = to.drop { swapVerbs.contains($0) || addWords.contains($0) || ["que", "sea", "la", "lo", "otra", "opcion"].contains($0) }
        guard let items = run.values["opciones"]?.listValue, !items.isEmpty, !from.isEmpty, !to.isEmpty else { return nil }
        let options = items.compactMap { item -> LocalDateTime? in
            guard let o = TemporalParser.parse(item, context: context.temporal), case .dateTime(let dt) = o.value else { return nil }
            return dt
        }
        guard options.count == items.count else { return nil }
        let weekdays = Set(from.compactMap { OpenPoll.weekdays[$0] })
        let numbers = Set(from.compactMap { Int($0) }.filter { (1...31).contains($0) })
        guard !weekdays.isEmpty || !numbers.isEmpty else { return nil }
        let chosen = options.indices.filter { i in
            (weekdays.isEmpty || weekdays.contains(options[i].date.weekday)) && (numbers.isEmpty || numbers.contains(options[i].date.day))
        }
        guard chosen.count == 1, let i = chosen.first else {
            return .reask("No encontré esa opción entre las del sondeo. Dime cuál cambio y por cuál, por ejemplo «en vez del \(options[0].date.day) pon el …».")
        }
        let said = (to.first.map { OpenPoll.weekdays[$0] != nil || $0 == "el" } == true ? "" : "el ") + to.joined(separator: " ")
        guard let m = TemporalParser.parse(said, context: context.temporal) else { return nil }
        let new: LocalDateTime
        switch m.value {
        case .dateTime(let dt), .dateTimeRange(let dt, _): new = dt
        case .date(let day): new = LocalDateTime(date: day, time: options[i].time)
        default: return nil
        }
        guard new.date >= context.today else { return .reask("Ese día ya pasó. ¿Qué otro día pongo?") }
        if options.contains(new) { return .reask("Esa opción ya está: \(SpanishFormat.dateTime(new, today: context.today)).") }
        var changed = options
        changed[i] = new
        // Options listed in date order stay so: the new day goes where it falls, not in the old
        // one's place («cambia el martes por el viernes 11» left 11, 9, 10). The poll is not
        // launched yet, so no answer points at an option's number.
        if options == options.sorted() { changed.sort() }
        let value = optionsValue(changed, context: context)
        return .fill(["opciones": value], remark: "Cambié \(SpanishFormat.dateTime(options[i], today: context.today)) por \(SpanishFormat.dateTime(new, today: context.today)).")
    }

    /// At «¿Lanzo el sondeo?»: «es jornada completa, de 9 a 17», «va de 10 a 13»: an hour range
    /// is when every option starts and how long the encuentro lasts (qa25: dropped, the options
    /// kept 15:00). Nil unless the message says a range of hours and nothing else the poll keeps.
    static func hoursSaid(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        let t = message.phrase.tokens
        // Cheap gate: «de … a …» (or «hasta») with digits, no day named.
        guard t.contains("de") || t.contains("desde"), t.contains("a") || t.contains("hasta"),
              !t.contains(where: { OpenPoll.weekdays[$0] != nil }), let items = run.values["opciones"]?.listValue, !items.isEmpty else { return nil }
        let details = CerrarSondeoFlow.meetingDetails(message.clean, context: context)
        guard case .time(let start)? = details["hora"], case .duration(let minutes)? = details["duracion"] else { return nil }
        let options = items.compactMap { item -> LocalDateTime? in
            guard let o = TemporalParser.parse(item, context: context.temporal), case .dateTime(let dt) = o.value else { return nil }
            return dt
        }
        guard options.count == items.count else { return nil }
        let changed = options.map { LocalDateTime(date: $0.date, time: start) }
        let value = optionsValue(changed, context: context)
        return .fill(["opciones": value, "duracion": .duration(minutes: minutes)],
                     remark: "Anotado: de \(SpanishFormat.time(start)) a \(SpanishFormat.time(LocalTime(hour: (start.minutesSinceMidnight + minutes) / 60 % 24, minute: (start.minutesSinceMidnight + minutes) % 60))), dura \(SpanishFormat.duration(minutes: minutes)).")
    }

    /// Replacing verbs carrying the option as a pronoun («cámbialo por …», «reemplázala por …»).
    static let pronounSwapVerbs: Set<String> = ["cambialo", "cambiala", "cambiarlo", "cambiarla", "reemplazalo", "reemplazala", "reemplazarlo",
                                                "reemplazarla", "muevelo", "muevela", "pasalo", "pasala", "corrolo", "correlo"]

    static let swapVerbs: Set<String> = ["pon", "ponle", "poner", "pongamos", "pone", "mejor", "va", "coloca", "anota", "deja", "dejemos"]

    /// At «¿Lanzo el sondeo?»: «el lunes también a las 16», «a las 9:30 mejor, todas»: the hour
    /// of the options on that day (or of all of them, when no day is named) changes; no option
    /// is added. Nil when the message says no hour, or a day that is no option (one to add).
    static func newHour(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        let t = message.phrase.tokens
        guard t.contains(where: { $0 == "las" || $0 == "la" || $0 == "hrs" }), !t.contains(where: { Self.addWords.contains($0) && $0 != "tambien" }),
              let items = run.values["opciones"]?.listValue, !items.isEmpty,
              let m = TemporalParser.parse(message.clean, context: context.temporal) else { return nil }
        let hour: LocalTime
        switch m.value {
        case .time(let h): hour = h
        case .dateTime(let dt): hour = dt.time
        default: return nil
        }
        let options = items.compactMap { item -> LocalDateTime? in
            guard let o = TemporalParser.parse(item, context: context.temporal), case .dateTime(let dt) = o.value else { return nil }
            return dt
        }
        guard options.count == items.count else { return nil }
        // The days named: weekdays («el lunes») and days of the month («el 14»).
        let weekdays = Set(t.compactMap { OpenPoll.weekdays[$0] })
        let numbers = Set(t.compactMap { Int($0) }.filter { (1...31).contains($0) && $0 != hour.hour && $0 != hour.minute })
        let all = t.contains { ["todas", "todos", "todo"].contains($0) } || (weekdays.isEmpty && numbers.isEmpty)
        let chosen = options.indices.filter { i in
            all || (weekdays.isEmpty || weekdays.contains(options[i].date.weekday)) && (numbers.isEmpty || numbers.contains(options[i].date.day))
        }
        guard !chosen.isEmpty else { return nil }
        var changed = options
        for i in chosen { changed[i] = LocalDateTime(date: options[i].date, time: hour) }
        guard changed != options, Set(changed).count == changed.count else { return nil }
        let value = optionsValue(changed, context: context)
        return .fill(["opciones": value], remark: "Corregido: \(value.display(today: context.today)).")
    }

    /// «en la mañana» with no hour: the options start when that part of the day does, which is
    /// said so the person can change it.
    /// What is said after the options read: the hour taken for a part of the day, and a day
    /// whose weekday and number disagree.
    static func notes(_ text: String, _ options: [LocalDateTime], context: EngineContext) -> String {
        partOfDayNote(text, options) + noHourNote(text, options) + weekdayNote(text, options, context: context)
    }

    /// The hour options said without one get: an afternoon, after classes.
    static let defaultHour = LocalTime(hour: 15)

    /// Whether the text says an hour or a part of the day anywhere («a las 16», «9:30», «en la tarde»).
    static func saysHour(_ text: String) -> Bool {
        let t = Phrase(text).tokens
        return saysClockHour(text, tokens: t) || t.contains(where: { ["manana", "tarde", "noche", "mediodia"].contains($0) })
    }

    /// An hour said as one: «a las 16», «16 hrs», «9:00» (a colon between digits; one after
    /// «opciones» is no hour).
    static func saysClockHour(_ text: String, tokens t: [String]) -> Bool {
        let chars = Array(text)
        return t.contains("las") || t.contains("hrs") || t.contains("hr")
            || chars.indices.contains { i in chars[i] == ":" && i > 0 && i + 1 < chars.count && chars[i - 1].isNumber && chars[i + 1].isNumber }
    }

    static func noHourNote(_ text: String, _ options: [LocalDateTime]) -> String {
        guard !saysHour(text), options.allSatisfy({ $0.time == defaultHour }) else { return "" }
        return " (no me dijiste la hora: dejé las \(SpanishFormat.time(defaultHour)); si es otra, dime el número de «Opciones» en el resumen)"
    }

    /// «el martes 16 de diciembre» when the 16th is a Wednesday: the option keeps the number's day
    /// and says so, so the review can change it (never a day picked in silence).
    static func weekdayNote(_ text: String, _ options: [LocalDateTime], context: EngineContext) -> String {
        let t = Phrase(text).tokens
        var notes: [String] = []
        for (i, w) in t.enumerated() {
            guard let wd = OpenPoll.weekdays[w], i + 1 < t.count, let day = Int(t[i + 1]),
                  let o = options.first(where: { $0.date.day == day }), o.date.weekday != wd else { continue }
            notes.append("el \(day) es \(SpanishFormat.date(o.date, today: context.today).split(separator: " ").first ?? ""), no \(w)")
        }
        guard !notes.isEmpty else { return "" }
        return " (ojo: " + notes.joined(separator: "; ") + "; si es otro día, dime el número de «Opciones» en el resumen)"
    }

    static func partOfDayNote(_ text: String, _ options: [LocalDateTime]) -> String {
        let t = Phrase(text).tokens
        guard let first = options.first, !saysClockHour(text, tokens: t),
              t.indices.contains(where: { ["manana", "tarde", "noche"].contains(t[$0]) && $0 > 0 && ["la", "en", "de", "por"].contains(t[$0 - 1]) }) else { return "" }
        return " (como no me dijiste la hora, dejé las \(SpanishFormat.time(first.time)); si es otra, dime el número de «Opciones» en el resumen)"
    }

    /// «a las 16, y la otra es el miércoles 9», «a las 4 y el jueves 10 a las 10»: an hour for
    /// `day` (the half kept), then one or more days, each at its own hour or, said bare, at that
    /// one (as bare days share the hour said in one list). Nil unless both parts read whole.
    static func hourThenMore(_ text: String, day: LocalDate, context: EngineContext) -> [LocalDateTime]? {
        // Cheap first: the hour's clause ends at a comma or an «y».
        guard let cut = text.range(of: #"\s*,\s*(y\s+)?|\s+y\s+"#, options: .regularExpression) else { return nil }
        let head = String(text[..<cut.lowerBound]), rest = String(text[cut.upperBound...])
        guard let h = TemporalParser.parse(head, context: context.temporal), case .time(let hour) = h.value,
              readsEveryNumber(head, h.text) else { return nil }
        var out = [LocalDateTime(date: day, time: hour)]
        for piece in rest.split(whereSeparator: { $0 == "," || $0 == ";" }).flatMap({ $0.components(separatedBy: " y ") }) {
            let said = piece.trimmingCharacters(in: .whitespaces)
            guard !said.isEmpty else { continue }
            guard let m = TemporalParser.parse(said, context: context.temporal), m.alternatives.count <= 1,
                  readsEveryNumber(said, m.text) else { return nil }
            switch m.value {
            case .date(let d): out.append(LocalDateTime(date: d, time: hour))
            case .dateTime(let dt): out.append(dt)
            default: return nil
            }
        }
        guard out.count >= 2, out.allSatisfy({ $0.date >= context.today }) else { return nil }
        return out
    }

    /// Every number of `text` is in what the parser read (`matched`): none left unread.
    static func readsEveryNumber(_ text: String, _ matched: String) -> Bool {
        let read = Set(Phrase(matched).tokens)
        return Phrase(text).tokens.allSatisfy { $0.first?.isNumber != true || read.contains($0) }
    }

    static let addWords: Set<String> = ["falta", "faltaba", "agrega", "agregar", "agregale", "agreguemos", "suma", "sumale", "sumar", "añade", "anade", "otra", "tambien"]

    static func optionsValue(_ options: [LocalDateTime], context: EngineContext) -> SlotValue {
        .list(options.map { SpanishFormat.dateTime($0, today: context.today) })
    }

    /// «martes 1, miércoles 2 o jueves 3 de diciembre en la tarde»: two to four days listed
    /// with «,», «o» or «y»; what a day says after it (month, hour, part of the day) holds for
    /// the bare ones before it. A part of the day starts at its first hour.
    static func alternatives(in text: String, context: EngineContext) -> [LocalDateTime]? {
        if let days = spread(text, context: context) { return days }
        var pieces: [[String]] = [[]]
        for w in text.split(separator: " ").map(String.init) {
            let bare = w.trimmingCharacters(in: .init(charactersIn: ",;"))
            if ["o", "y", "u"].contains(TextFold.fold(bare)) { pieces.append([]); continue }
            if !bare.isEmpty { pieces[pieces.count - 1].append(bare) }
            if w.hasSuffix(",") || w.hasSuffix(";") { pieces.append([]) }
        }
        // «…o jueves 14 de enero, en la tarde a las 15»: what follows the last day after a comma
        // (no day in it) is said of that day, and so of the bare ones before it (pass 9, 03-2:
        // the hour was cut off, and only the last option kept).
        func saysDay(_ p: [String]) -> Bool {
            let f = p.map { TextFold.fold($0) }
            return f.indices.contains { k in
                OpenPoll.weekdays[f[k]] != nil || (Int(f[k]).map { (1...31).contains($0) } == true && (k == 0 || f[k - 1] == "el"))
            }
        }
        var joined: [[String]] = []
        for p in pieces {
            if !saysDay(p), let last = joined.last, saysDay(last) { joined[joined.count - 1] += p } else { joined.append(p) }
        }
        pieces = joined
        // A day: a weekday followed by its number («martes 1»), or a number after «el» («entre
        // el 14, el 15 o el 17 de diciembre»), from there on; `head` is how many words name it.
        var days: [(words: [String], head: Int)] = pieces.compactMap { p in
            let f = p.map { TextFold.fold($0) }
            if let i = f.indices.first(where: { OpenPoll.weekdays[f[$0]] != nil && $0 + 1 < f.count && Int(f[$0 + 1]) != nil }) {
                return (Array(p[i...]), 2)
            }
            guard let i = f.indices.first(where: { k in Int(f[k]).map { (1...31).contains($0) } == true && (k == 0 || f[k - 1] == "el") }) else { return nil }
            return (Array(p[i...]), 1)
        }
        // «el lunes o el martes de la otra semana a las 3»: weekdays without their numbers share
        // what the last one says (pass 8: only the last day was kept, or a meeting was scheduled).
        let bareWeekdays = days.count < 2
        if bareWeekdays {
            days = pieces.compactMap { p in
                let f = p.map { TextFold.fold($0) }
                return f.indices.first(where: { OpenPoll.weekdays[f[$0]] != nil }).map { (Array(p[$0...]), 1) }
            }
        }
        guard days.count >= 2, days.count <= 4, days.contains(where: { $0.head == 2 || $0.words.count > 1 }) else { return nil }
        var out: [LocalDateTime] = []
        for (i, d) in days.enumerated() {
            // «el lunes 14 o el martes 15 a las 16 o el miércoles 16 en la tarde»: a day said bare
            // takes what the next day that says more says (its month, its hour), not the last one's.
            let tail = days[i...].first { $0.words.count > $0.head }.map { $0.words.dropFirst($0.head).joined(separator: " ") } ?? ""
            // A number alone is read as a day with its article («15» is «el 15»).
            var said = (d.head == 1 ? "el " : "") + (d.words.count > d.head ? d.words.joined(separator: " ") : (d.words + [tail]).joined(separator: " "))
            // «la otra semana martes o jueves a las 15»: the week said once is every bare
            // weekday's (issue 12: the Thursday went to tomorrow).
            if bareWeekdays, let week = Self.weekSaid(text), !TextFold.fold(said).contains("semana") {
                var w = said.split(separator: " ").map(String.init)
                if let k = w.firstIndex(where: { OpenPoll.weekdays[TextFold.fold($0)] != nil }) { w.insert("de " + week, at: k + 1) }
                said = w.joined(separator: " ")
            }
            guard let m = TemporalParser.parse(said, context: context.temporal) else { return nil }
            switch m.value {
            case .dateTime(let dt), .dateTimeRange(let dt, _): out.append(dt)
            // «el miércoles 9 después de clases a las 16»: words between the day and its hour
            // leave the hour alone read; the day is read from its own words and takes that hour
            // (qa30 A5: the second option went into the title and the hour was asked).
            case .time(let hour):
                // (The day's words: its weekday, number and month, «de diciembre» included.)
                let dayWords = d.words.prefix { w in
                    let f = TextFold.fold(w).trimmingCharacters(in: .punctuationCharacters)
                    return OpenPoll.weekdays[f] != nil || Int(f) != nil || ["de", "del", "el"].contains(f) || ResultadoFlow.months.contains(f)
                }
                var words = Array(dayWords)
                while let l = words.last, ["de", "del", "el"].contains(TextFold.fold(l)) { words.removeLast() }
                let head = (d.head == 1 ? "el " : "") + words.joined(separator: " ")
                guard let h = TemporalParser.parse(head, context: context.temporal), case .date(let day) = h.value else { return nil }
                out.append(LocalDateTime(date: day, time: hour))
            // «puede ser martes 1, miércoles 2 o jueves 3»: days with no hour said anywhere get
            // the usual one, and the note says so (`noHourNote`).
            case .date(let day) where !Self.saysHour(text): out.append(LocalDateTime(date: day, time: Self.defaultHour))
            // «el jueves 10 de diciembre terminando la jornada a las 17»: the day read first, its
            // hour further on, after other words.
            case .date(let day):
                let after = said.split(separator: " ").map(String.init).drop { w in
                    let f = TextFold.fold(w).trimmingCharacters(in: .punctuationCharacters)
                    return f != "a" && f != "las" && !f.contains(":")
                }
                // «el lunes 7 a las 16 y el miércoles 9»: the last day said bare takes the hour of
                // the one before it (issue 12: the second option was lost).
                if after.isEmpty, i == days.count - 1, let before = out.last {
                    out.append(LocalDateTime(date: day, time: before.time))
                    continue
                }
                guard !after.isEmpty, let h = TemporalParser.parse(after.joined(separator: " "), context: context.temporal),
                      case .time(let hour) = h.value else { return nil }
                out.append(LocalDateTime(date: day, time: hour))
            default: return nil
            }
        }
        guard Set(out).count == out.count, out.allSatisfy({ $0.date >= context.today }) else { return nil }
        // Bare weekdays may fall in different weeks («el lunes o el martes» on a Monday): listed in order.
        return bareWeekdays ? out.sorted() : out
    }

    /// «entre el 14 y el 18 de diciembre, en la tarde», «del lunes 14 al viernes 18»: a span of
    /// days offered is each school day in it (Monday to Friday, holidays left out), at the hour
    /// or part of the day said after it (it gave only the first and the last day). Two to five
    /// days; nil for anything else («el 14 y el 18» are two days).
    static func spread(_ text: String, context: EngineContext) -> [LocalDateTime]? {
        let t = Phrase(text).tokens
        guard t.contains(where: { ["entre", "del", "desde"].contains($0) }),
              let m = TemporalParser.parse(text, context: context.temporal) else { return nil }
        let lead = Phrase(m.text).tokens.first ?? ""
        guard ["entre", "del", "desde", "de"].contains(lead) else { return nil }
        var (a, b): (LocalDate, LocalDate)
        var hour: LocalTime?
        switch m.value {
        case .dateRange(let x, let y): (a, b) = (x, y)
        case .dateTimeRange(let x, let y) where x.date != y.date: (a, b) = (x.date, y.date); hour = x.time
        default: return nil
        }
        guard a < b, a.days(until: b) <= 13 else { return nil }
        if a < context.today { a = context.today }
        // What is said after the span: an hour («a las 16») or a part of the day («en la tarde»).
        if hour == nil, let r = text.range(of: m.text) {
            let after = String(text[r.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
            if !after.isEmpty, let h = TemporalParser.parse(after, context: context.temporal) {
                switch h.value {
                case .time(let x), .timeRange(let x, _): hour = x
                case .dateTime(let x), .dateTimeRange(let x, _): hour = x.time
                default: break
                }
            }
        }
        var days: [LocalDate] = []
        var d = a
        while d <= b {
            if d.weekday <= 5, ChileanCalendar.holiday(on: d) == nil { days.append(d) }
            d = d.adding(days: 1)
        }
        guard (2...5).contains(days.count) else { return nil }
        return days.map { LocalDateTime(date: $0, time: hour ?? defaultHour) }
    }

    /// «pa revisar el pme» → «Revisar el pme», «para la reunión de cierre» → «Reunión de cierre»:
    /// a purpose said with its «para»; nil when it opens otherwise (or is nothing after it).
    static func withoutPurposeLead(_ text: String) -> String? {
        var words = text.split(separator: " ").map(String.init)
        // «es pa ver el pme», «sería para revisar el PME»: the «es» before it goes too.
        if words.count >= 3, ["es", "seria", "sera"].contains(TextFold.foldedLetters(words[0])) { words.removeFirst() }
        guard words.count >= 2, ["pa", "para", "pal"].contains(TextFold.foldedLetters(words[0])) else { return nil }
        words.removeFirst()
        if words.count >= 2, ["la", "el"].contains(TextFold.foldedLetters(words[0])), MeetingMention.nouns.contains(Phrase(words[1]).tokens.first ?? "") {
            words.removeFirst()
        }
        let rest = words.joined(separator: " ").trimmingCharacters(in: .whitespaces)
        return rest.isEmpty ? nil : rest.prefix(1).uppercased() + rest.dropFirst()
    }

    /// «quiero hacer un sondeo para planificar el segundo semestre», «hagamos una encuesta pa
    /// evaluar el año: lunes 30 o martes 1»: «para» or «pa» and a verb in the infinitive say what
    /// the poll is for (qa34: it was asked again). The purpose runs to the end of its clause.
    /// «pa ver qué día…» asks the date, no purpose (`topic` reads what comes after a verb of gathering).
    static func purpose(of text: String) -> String? {
        let words = text.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0).filter(\.isLetter) }
        guard let i = folded.indices.dropLast().first(where: { ["para", "pa"].contains(folded[$0]) && infinitive(folded[$0 + 1]) }) else { return nil }
        // «pa ver qué día…», «para elegir la fecha de la reunión»: choosing the date is what any
        // poll does, no purpose.
        if let next = folded[(i + 2)...].first(where: { !["la", "el", "un", "una", "los", "las"].contains($0) }), dateQuestionWords.contains(next) { return nil }
        var rest: [String] = []
        for w in words[(i + 1)...] {
            let end = w.last.map { ",:;?!.".contains($0) } ?? false
            rest.append(end ? String(w.dropLast()) : w)
            if end { break }
        }
        let said = rest.joined(separator: " ").trimmingCharacters(in: .whitespaces)
        guard Phrase(said).tokens.count >= 2 else { return nil }
        return said.prefix(1).uppercased() + said.dropFirst()
    }

    /// A verb's infinitive («revisar», «ver», «definir»), not a noun that ends the same way.
    static func infinitive(_ w: String) -> Bool {
        w.count >= 3 && (w.hasSuffix("ar") || w.hasSuffix("er") || w.hasSuffix("ir")) && !notInfinitives.contains(w)
    }

    static let notInfinitives: Set<String> = ["lugar", "hogar", "taller", "talleres", "mujer", "ayer", "primer", "tercer", "par", "mar", "bar", "cualquier",
                                              "mejor", "peor", "menor", "mayor", "anterior", "posterior", "exterior", "interior", "director", "profesor",
                                              "sector", "coordinador"]

    /// Words after «pa ver», «para elegir» that ask which date («pa ver qué día nos juntamos»).
    static let dateQuestionWords: Set<String> = ["que", "q", "k", "cuando", "cual", "cuales", "dia", "dias", "fecha", "fechas", "como", "si", "quien",
                                                 "quienes", "hora", "horas", "horario", "horarios"]

    /// Words of when that may come between the verb of gathering and the purpose («juntémonos la
    /// otra semana pa ver el PME»).
    static let whenBeforePurpose: Set<String> = ["la", "el", "otra", "otro", "proxima", "proximo", "semana", "mes", "esta", "este", "luego",
                                                 "pronto", "manana", "hoy", "ahora", "antes", "despues", "de", "vacaciones"]

    static func topic(of text: String) -> String? {
        let words = text.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0).filter(\.isLetter) }
        guard let v = folded.firstIndex(where: gatherVerbs.contains) else { return nil }
        // «juntémonos la otra semana pa ver el PME»: a few words of when before the purpose
        // (qa34: it was not read, and the purpose was asked again).
        var i = v
        while i + 1 < folded.count, i - v < 4, whenBeforePurpose.contains(folded[i + 1]) { i += 1 }
        guard i + 2 < words.count, ["a", "para", "pa", "pal"].contains(folded[i + 1]) else { return nil }
        // «juntémonos a planificar, puede ser el lunes 14…»: the topic ends with its clause.
        var rest = words[(i + 2)...].joined(separator: " ")
        if let comma = rest.firstIndex(of: ","), rest.distance(from: rest.startIndex, to: comma) > 2 { rest = String(rest[..<comma]) }
        // «juntarnos a cerrar el año: jueves 10 o viernes 11 en la tarde»: what follows a colon
        // (or a «;») lists the options, never the purpose (issue 12: the title kept them).
        if let colon = rest.firstIndex(where: { $0 == ":" || $0 == ";" }), rest.distance(from: rest.startIndex, to: colon) > 2 { rest = String(rest[..<colon]) }
        return rest.prefix(1).uppercased() + rest.dropFirst()
    }

    /// Words of a poll itself: «propón fechas», «una encuesta», «consultar disponibilidad».
    static let pollWords: Set<String> = ["encuesta", "sondeo", "consulta", "consultar", "disponibilidad", "juntar", "reunir", "fechas",
                                         "votacion", "votar", "votemos", "votamos"]

    static let gatherVerbs: Set<String> = ["juntamos", "juntarnos", "juntemos", "juntemonos", "juntarse", "reunimos", "reunirnos",
                                           "reunamos", "reunamonos", "vemos", "vernos", "veamos", "juntarlos", "juntarlas", "reunirlos",
                                           "reunirlas"]

    /// «deshacer» right after saving: the record is deleted (confirmed first), like an agreement.
    func undo(_ record: String, context: EngineContext) -> Undo? {
        Undo(flow: "borrar_registro", values: ["registro": .text(record)])
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        var slots: [LocalDateTime] = []
        if case .list(let items)? = v["opciones"] {
            // List slots keep each item as text; re-read them as date-times.
            let ctx = TemporalContext(now: w.clock.now(), timeZone: w.clock.timeZone, region: snapshot.network.region)
            for item in items {
                if let m = TemporalParser.parse(item, context: ctx) {
                    switch m.value {
                    case .dateTime(let dt), .dateTimeRange(let dt, _): slots.append(dt)
                    default: break
                    }
                }
            }
        }
        guard slots.count >= 2 else { throw PollError.tooFew }
        let minutes: Int? = if case .duration(minutes: let d)? = v["duracion"] { d } else { nil }
        let p = try w.store.addPoll(Poll(id: "", title: v["titulo"]?.textValue ?? "Encuentro", options: slots, durationMinutes: minutes ?? 90, createdBy: user.name),
                                    network: snapshot.network.id, key: w.key)
        let n = p.number ?? 0
        return ["id": p.id, "numero": String(n),
                "resumen": "lancé el sondeo \(n) con \(slots.count) opciones. Cada persona lo responde en su propia conversación escribiendo «responder sondeo»; cuando quieras, escribe «cerrar sondeo» y te propongo la opción que más pueden."]
    }
}

enum PollError: Error, CustomStringConvertible {
    case tooFew
    var description: String { "un sondeo necesita al menos 2 opciones de día y hora." }
}

/// What the two flows on an open poll share: which poll, and how its options read.
enum OpenPoll {
    static let none = "No hay sondeos abiertos. Escribe «consultar disponibilidad» para lanzar uno."

    static func blocker(_ context: EngineContext) -> String? {
        guard let s = context.snapshot, !s.polls.contains(where: \.isOpen) else { return nil }
        return none
    }

    /// The only open poll is the one meant.
    static func defaults(_ context: EngineContext) -> SlotValues {
        let open = context.snapshot?.polls.filter(\.isOpen) ?? []
        guard open.count == 1, let n = open[0].number else { return [:] }
        return ["sondeo": .number(Double(n))]
    }

    /// The poll named by `value`, open, or why not; `shown` is what to say once it is found.
    static func check(_ value: SlotValue, context: EngineContext, shown: (Poll) -> String) -> Verdict {
        guard let s = context.snapshot else { return .accept }
        guard let n = Read.int(value), let p = s.polls.first(where: { $0.number == n }) else { return .reject("No encuentro ese sondeo.") }
        guard p.isOpen else { return .reject("El sondeo \(n) ya está cerrado.") }
        guard case .number = value else { return .accept }
        return .replace(.text("\(n) («\(p.title)»)"), remarks: [shown(p)])
    }

    static func poll(_ values: SlotValues, in s: NetworkSnapshot?) -> Poll? {
        guard let n = values["sondeo"].flatMap(Read.int) else { return nil }
        return s?.polls.first { $0.number == n }
    }

    static let all: Set<String> = ["todas", "todos", "todas las opciones", "cualquiera", "me da lo mismo", "todas po", "puedo todas", "las dos", "ambas"]

    /// The options (1-based) a poll answer picks, or nil when it names none validly.
    /// «ninguna, estoy con licencia» is none (the reason after the comma is a remark); «puedo el
    /// jueves nomas», «el lunes y el martes, el miercoles no» pick the options on those days.
    static func picks(_ text: String, options: [LocalDateTime]) -> [Int]? {
        let core = Phrase(text).core
        if all.contains(core) { return Array(1...max(1, options.count)) }
        if Read.isNone(text) || ["no puedo", "ninguna po", "no puedo ninguna", "ninguna de las opciones"].contains(core) { return [] }
        let said = Self.clauses(text)
        // «el jueves sí y el miércoles quizás»: an option said with a doubt is no «puedo» (qa37: it
        // was stored as one, and decided the poll); the rest of the answer is read without it.
        let unsure = unsureDays(said, options: options)
        let clauses = unsure.isEmpty ? said : withoutDoubts(said, options: options)
        if !unsure.isEmpty {
            guard !clauses.isEmpty else { return nil }
            return picks(clauses.map { $0.joined(separator: " ") }.joined(separator: ", "), options: options).map { $0.filter { !unsure.contains($0) } }
        }
        if let first = clauses.first, first.count <= 4, first.contains(where: ["ninguna", "ninguno", "ningun"].contains) { return [] }
        if let both = preferred(clauses, options: options) { return both.picks }
        if let kept = allBut(clauses, options: options) { return kept }
        if let days = dayPicks(clauses, options: options) { return days }
        if let counted = counted(Phrase(text).tokens, options: options.count) { return counted }
        let picks = Read.numbers(in: text)
        guard !picks.isEmpty, picks.allSatisfy({ (1...options.count).contains($0) }) else { return nil }
        return picks.sorted()
    }

    /// «puedo cualquiera de las dos», «los dos», «puedo las tres», «la primera y la última»: the
    /// options said by how many or by their place, never by a number word read as an option
    /// («los dos» was option 2). A count that is not the poll's («las tres» of two) names none:
    /// `.some(nil)`, asked again; `nil` when the answer says neither.
    static func counted(_ t: [String], options n: Int) -> [Int]?? {
        // «no puedo ninguna de las tres»: none (no day named: `dayPicks` came first), never «la 3».
        if t.contains(where: { $0.hasPrefix("ningun") }) { return [] }
        guard n > 0, !t.contains("no") else { return nil }
        let every = Array(1...n)
        // «me acomodan todas», «me sirven todas» (days and «menos» were read before this).
        if t.contains(where: { ["ambas", "ambos", "cualquiera", "cualquier", "todas", "todos"].contains($0) }) { return every }
        for i in t.indices.dropFirst() where ["los", "las"].contains(t[i - 1]) {
            guard let k = countWords[t[i]] else { continue }
            let next = t.indices.contains(i + 1) ? t[i + 1] : ""
            if k <= n, next.hasPrefix("primer") { return Array(1...k) }
            if k <= n, next.hasPrefix("ultim") { return Array((n - k + 1)...n) }
            return k == n ? .some(every) : .some(nil)
        }
        // «la primera y la última», «solo la segunda»: the options by their place.
        let places = t.indices.compactMap { i -> Int? in
            guard let p = ordinals[t[i]] ?? (t[i].hasPrefix("ultim") ? n : nil),
                  i > 0, ["la", "el", "y", "solo", "opcion"].contains(t[i - 1]) else { return nil }
            return p
        }
        guard !places.isEmpty, places.allSatisfy({ (1...n).contains($0) }) else { return nil }
        return Array(Set(places)).sorted()
    }

    static let countWords: [String: Int] = ["dos": 2, "tres": 3, "cuatro": 4, "cinco": 5]
    static let ordinals: [String: Int] = ["primera": 1, "primero": 1, "segunda": 2, "segundo": 2, "tercera": 3, "tercero": 3,
                                          "cuarta": 4, "cuarto": 4, "quinta": 5, "quinto": 5]

    /// The message in clauses of folded words, cut at commas, periods and «pero».
    static func clauses(_ text: String) -> [[String]] {
        text.split(whereSeparator: { ",.;:".contains($0) }).flatMap { part -> [[String]] in
            var out: [[String]] = [[]]
            for w in Phrase(String(part)).tokens {
                // «no más» is «nomas» (only), never a «no».
                if w == "mas", out[out.count - 1].last == "no" { out[out.count - 1][out[out.count - 1].count - 1] = "nomas"; continue }
                if w == "pero" { out.append([]) } else { out[out.count - 1].append(w) }
            }
            return out
        }.filter { !$0.isEmpty }
    }

    /// «quizás», «capaz», «depende», «a lo mejor», «tal vez», «no sé», «no estoy segura»,
    /// «puede ser»: a doubt said of a day.
    static func doubts(_ c: [String]) -> Bool {
        for (i, w) in c.enumerated() {
            if ["quizas", "quiza", "capaz", "talvez", "depende", "quien", "posiblemente", "probablemente"].contains(w) {
                // «quién sabe»: only with «sabe» after it.
                if w == "quien" { if i + 1 < c.count, c[i + 1] == "sabe" { return true } else { continue } }
                return true
            }
            let next = i + 1 < c.count ? c[i + 1] : ""
            if w == "tal", next == "vez" { return true }
            if w == "a", next == "lo", i + 2 < c.count, c[i + 2] == "mejor" { return true }
            // («el martes no se puede» is a no.)
            let after = i + 2 < c.count ? c[i + 2] : ""
            if w == "no", (next == "se" && !after.hasPrefix("pued") && !after.hasPrefix("podr")) || next.hasPrefix("segur")
                || (next == "estoy" && after.hasPrefix("segur")) { return true }
            if w == "nose" { return true }
            if w == "puede", next == "ser" || next == "que" { return true }
        }
        return false
    }

    /// A clause cut at «y»/«e»: «el jueves sí y el miércoles quizás» is two answers.
    static func segments(_ c: [String]) -> [[String]] {
        c.split(whereSeparator: { $0 == "y" || $0 == "e" }).map(Array.init).filter { !$0.isEmpty }
    }

    /// The options (1-based) said with a doubt: those of a segment that doubts, and those of the
    /// clause right before (else after) a doubt that names no day («el miércoles tengo consejo,
    /// pero capaz que termine temprano»; «depende, el miércoles tengo consejo»).
    static func unsureDays(_ clauses: [[String]], options: [LocalDateTime]) -> Set<Int> {
        guard clauses.contains(where: doubts) else { return [] }
        var out = Set<Int>()
        for (k, c) in clauses.enumerated() where doubts(c) {
            var alone = true
            for s in segments(c) where doubts(s) {
                let days = named(s, options: options)
                if !days.isEmpty { out.formUnion(days); alone = false }
            }
            guard alone, named(c, options: options).isEmpty else { continue }
            let near = [k - 1, k + 1].first { clauses.indices.contains($0) && !named(clauses[$0], options: options).isEmpty }
            if let near { out.formUnion(named(clauses[near], options: options)) }
        }
        return out
    }

    /// `clauses` without what says a doubt: the doubting segments, a doubt that names no day and
    /// the clause it hedges.
    static func withoutDoubts(_ clauses: [[String]], options: [LocalDateTime]) -> [[String]] {
        var hedged = Set<Int>()
        for (k, c) in clauses.enumerated() where doubts(c) && named(c, options: options).isEmpty {
            hedged.insert(k)
            if let near = [k - 1, k + 1].first(where: { clauses.indices.contains($0) && !named(clauses[$0], options: options).isEmpty }) {
                hedged.insert(near)
            }
        }
        return clauses.indices.filter { !hedged.contains($0) }.compactMap { k -> [String]? in
            let kept = segments(clauses[k]).filter { !doubts($0) }
            return kept.isEmpty ? nil : Array(kept.joined(separator: ["y"]))
        }
    }

    static let preferWords: Set<String> = ["prefiero", "preferiria", "preferimos", "preferible", "ojala", "idealmente", "ideal", "mejor"]

    /// «las dos me sirven pero prefiero el jueves», «puedo cualquiera, ojalá el miércoles»: a
    /// preference said beside an answer narrows nothing (it picked only the preferred day). The
    /// answer is what the other clauses pick, plus the preferred options (one prefers what one
    /// can). nil when no clause says a preference, or the rest picks nothing by itself. The poll
    /// keeps no preference (design.md `sondeos`): `preferred` is what was set aside, to say so.
    static func preferred(_ clauses: [[String]], options: [LocalDateTime]) -> (picks: [Int], preferred: Set<Int>)? {
        // («el miércoles a lo mejor» is a doubt, not a preference: `unsureDays`.)
        let prefers = { (c: [String]) in !Set(c).isDisjoint(with: preferWords) && !doubts(c) }
        let said = clauses.filter(prefers)
        guard !said.isEmpty, said.count < clauses.count else { return nil }
        let rest = clauses.filter { !prefers($0) }.map { $0.joined(separator: " ") }.joined(separator: ", ")
        guard let base = picks(rest, options: options), !base.isEmpty else { return nil }
        let liked = said.filter { !$0.contains("no") }.reduce(Set<Int>()) { $0.union(named($1, options: options)) }
        return (Set(base).union(liked).sorted(), liked)
    }

    static let exceptWords: Set<String> = ["menos", "excepto", "salvo"]
    static let restWords: Set<String> = ["otros", "otras", "otro", "otra", "resto", "demas"]

    /// «todas menos el jueves», «todas menos la 2», «el jueves no puedo, los otros dos sí»: every
    /// option but the ones excluded (never the excluded ones, nor «dos» read as option 2).
    static func allBut(_ clauses: [[String]], options: [LocalDateTime]) -> [Int]? {
        guard options.count > 1 else { return nil }
        let every = Set(1...options.count)
        let words = clauses.flatMap { $0 }
        if let k = words.indices.first(where: { exceptWords.contains(words[$0]) && ($0 == 0 || words[$0 - 1] != "al") }) {
            let tail = Array(words[(k + 1)...])
            var out = named(tail, options: options)
            if out.isEmpty { out = Set(Read.numbers(in: tail.joined(separator: " ")).filter(every.contains)) }
            guard !out.isEmpty else { return nil }
            return every.subtracting(out).sorted()
        }
        // A clause saying no to some days and another that says yes to «the others».
        let no = clauses.filter { $0.contains("no") && !named($0, options: options).isEmpty }
        guard !no.isEmpty, clauses.contains(where: { c in !c.contains("no") && !Set(c).isDisjoint(with: restWords) }) else { return nil }
        let out = no.reduce(Set<Int>()) { $0.union(named($1, options: options)) }
        return every.subtracting(out).sorted()
    }

    /// The options (1-based) a clause names by weekday («el martes») or weekday and day («martes 15»).
    static func named(_ clause: [String], options: [LocalDateTime]) -> Set<Int> {
        var hits = Set<Int>()
        for (i, w) in clause.enumerated() {
            if let d = weekdays[w] {
                let day = clause.indices.contains(i + 1) ? Int(clause[i + 1]) : nil
                for (k, o) in options.enumerated() where o.date.weekday == d && (day == nil || o.date.day == day) { hits.insert(k + 1) }
            } else if i > 0, clause[i - 1] == "el", let day = Int(w), day > options.count, !(i > 1 && weekdays[clause[i - 2]] != nil) {
                // «puedo solo el 7»: a day of the month no option number can be («el 2» stays the option,
                // and «la 3» is an option: «la opción 3»).
                for (k, o) in options.enumerated() where o.date.day == day { hits.insert(k + 1) }
            }
        }
        return hits
    }

    /// «Marcela puede el 15 y el 16, Andrés solo el 16, yo puedo las tres», «la Carmen puede el
    /// martes y el Pedro no puede»: an answer that tells what other people can. Each one answers
    /// in their own conversation (that is what the launch says), so only the speaker's part is an
    /// answer. nil when nobody else is named; else the others named (members by their full name)
    /// and the speaker's own words (nil when none). A part with no person said belongs to the one
    /// named before it («Marcela puede el 15, el 16 no»); the opening part, to the speaker.
    static func othersSaid(_ text: String, members: [String], speaker: String?) -> (others: [String], own: String?)? {
        let me = speaker.map { Phrase($0).tokens.first ?? "" } ?? ""
        var byFirst: [String: String] = [:]
        for m in members where m != speaker {
            if let f = Phrase(m).tokens.first, f.count >= 3, f != me, weekdays[f] == nil, byFirst[f] == nil { byFirst[f] = m }
        }
        // Pieces cut at «,», «;», «.», « y », « pero », with their words as written.
        var pieces: [String] = []
        for part in text.split(whereSeparator: { ",.;".contains($0) }) {
            var rest = " " + part + " "
            while let r = rest.range(of: #"\s(y|e|pero)\s"#, options: [.regularExpression, .caseInsensitive]) {
                pieces.append(String(rest[..<r.lowerBound]))
                rest = " " + rest[r.upperBound...]
            }
            pieces.append(rest)
        }
        var owner: String? = nil, others: [String] = [], own: [String] = []
        for piece in pieces {
            let t = Phrase(piece).tokens
            guard !t.isEmpty else { continue }
            let written = piece.split(separator: " ").map(String.init)
            let lead = t.prefix { ["la", "el", "que", "tambien", "a"].contains($0) }.count
            if t.contains("yo") || t.contains(where: { ["puedo", "pude"].contains($0) }) {
                owner = nil
            } else if lead < t.count {
                let w = t[lead]
                let next = t[(lead + 1)...].drop { ["no", "tambien", "tampoco", "solo", "nomas", "si"].contains($0) }.first
                if let m = byFirst[w] {
                    owner = m
                } else if let n = next, ["puede", "pueden", "podria"].contains(n), !otherPersonStops.contains(w), w.count >= 3, weekdays[w] == nil, !SeguimientoFlow.dayWords.contains(w),
                          let shown = written.first(where: { Phrase($0).tokens.first == w }), shown.first?.isUppercase == true {
                    owner = shown
                } else if w != me, t.count > lead + 1, let name = FirstNames.canonical(w) {
                    // «andrés solo el 16», «la carolina el martes»: a common first name, typed in
                    // lowercase, of someone not in the network (fixH: it was the speaker's answer).
                    owner = name
                }
            }
            // «yo y la Marcela podemos el martes»: a «we» includes the speaker; the other one named
            // still answers for herself.
            if let o = owner, t.contains("podemos") {
                if !others.contains(o) { others.append(o) }
                owner = nil
                own.append(piece.trimmingCharacters(in: .whitespaces))
            } else if let o = owner {
                if !others.contains(o) { others.append(o) }
            } else {
                own.append(piece.trimmingCharacters(in: .whitespaces))
            }
        }
        guard !others.isEmpty else { return nil }
        return (others, own.isEmpty ? nil : own.joined(separator: ", "))
    }

    static let otherPersonStops: Set<String> = ["nadie", "quien", "ella", "usted", "uno", "una", "alguien", "cada", "todos", "todas",
                                                "ninguno", "ninguna", "gente", "mas", "menos"]

    /// With the short forms people type («el mie 9 o el jue 10»; «mar» is left out: «marzo»).
    static let weekdays = ["lunes": 1, "martes": 2, "miercoles": 3, "jueves": 4, "viernes": 5, "sabado": 6, "domingo": 7,
                           "lun": 1, "mie": 3, "mier": 3, "mierc": 3, "jue": 4, "juev": 4, "vie": 5, "vier": 5, "sab": 6]

    /// Options named by weekday («el martes») or day of the month («el 15», «martes 15»): the
    /// clauses that say «no» or «tengo» (a conflict) take days away; «solo»/«nomas» keep only theirs.
    static let obstacleWords: Set<String> = ["no", "tengo", "imposible", "complicado", "hay", "tenemos", "tiene", "tienen", "ocupado",
                                             "ocupada", "ocupados", "paro", "feriado", "choca", "topa"]

    static func dayPicks(_ clauses: [[String]], options: [LocalDateTime]) -> [Int]? {
        let byClause = clauses.map { named($0, options: options) }
        guard byClause.contains(where: { !$0.isEmpty }) else { return nil }
        let only = clauses.indices.filter { !Set(clauses[$0]).isDisjoint(with: ["solo", "nomas", "solamente", "unicamente"]) }
        // «el miércoles hay reunión con el DAEM», «el martes tenemos consejo»: a day taken by
        // something else is ruled out, as «no puedo» does (it was a second pick: pass 8, 03-14).
        let negative = clauses.indices.filter { !Set(clauses[$0]).isDisjoint(with: obstacleWords) && only.contains($0) == false }
        var picked = Set<Int>()
        for i in (only.isEmpty ? Array(clauses.indices) : only) where !negative.contains(i) { picked.formUnion(byClause[i]) }
        for i in negative where only.isEmpty { picked.subtract(byClause[i]) }
        // «el jueves no puedo» and nothing else: every option but those.
        if picked.isEmpty, only.isEmpty, !negative.isEmpty, clauses.indices.allSatisfy({ negative.contains($0) || byClause[$0].isEmpty }),
           options.count > 1 {
            let no = negative.reduce(Set<Int>()) { $0.union(byClause[$1]) }
            picked = Set(1...options.count).subtracting(no)
        }
        return picked.isEmpty ? nil : picked.sorted()
    }
}
