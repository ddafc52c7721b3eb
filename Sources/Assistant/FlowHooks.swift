import CivilTime
import DialogEngine
import Domain
import Understanding

/// What the flows need from the store while they run, kept out of the pure engine: checking
/// that "el acuerdo 3" exists and showing it, presenting the purpose to a new member, listing a
/// poll's options, warning on feriados and conflicts, reading «todos» as the whole network.
///
/// `before` may answer a message instead of the engine; `after` adds remarks before the
/// engine's next question, or changes values and lets the engine ask again.
struct FlowHooks {
    let engine: DialogEngine
    let snapshot: NetworkSnapshot?
    let context: EngineContext
    let userName: String?

    var today: LocalDate { context.today }

    // MARK: Before the engine

    func before(_ message: Utterance, state: inout DialogState) -> Turn? {
        let text = message.clean, phrase = message.phrase
        if state.isIdle, state.current == nil, let s = snapshot {
            if let turn = followUp(text, phrase: phrase, snapshot: s, state: &state) { return turn }
            // Chat shorthand at the start of a request ("q aprendimos de salidas", "xq no hay reunion").
            if let first = phrase.tokens.first, let long = Self.shorthand[first] {
                let words = text.split(separator: " ", maxSplits: 1).map(String.init)
                if words.count == 2, Phrase(words[0]).tokens == [first] {
                    return engine.handle(long + " " + words[1], state: &state, context: context)
                }
            }
            // "mi apropiación", "quiero hacer mi apropiacion": the member's own appropriation, not the
            // question of who is missing (that one asks: "¿quiénes faltan…?").
            let asks = text.utf8.contains(UInt8(ascii: "?")) || text.unicodeScalars.contains("¿")
                || phrase.tokens.contains { ["quienes", "quien", "faltan", "falta", "cuantos", "cuantas", "cuales", "como", "van"].contains($0) }
            if !asks, phrase.tokens.contains(where: { $0.hasPrefix("apropia") || $0.hasPrefix("aproipa") || $0.hasPrefix("apopia") }) {
                return engine.start("apropiacion", values: [:], state: &state, context: context)
            }
            return nil
        }
        guard let run = state.current, state.pending == nil, run.check == nil, case .asking(let slotName) = run.phase,
              let flow = engine.catalog.flow(run.flowID), let slot = flow.slot(named: slotName) else { return nil }
        // «todos» for a list of people: the whole network (or the meeting's participants).
        if slot.type == .people, Self.everyone.contains(phrase.core) {
            var names = snapshot?.members.map(\.name) ?? []
            if flow.id == "asistencia", let n = run.values["encuentro"].flatMap(Self.intValue),
               let m = snapshot?.meeting(number: n), !m.participants.isEmpty {
                names = m.participants
            }
            if let me = userName, !names.contains(me) { names.append(me) }
            guard !names.isEmpty else { return nil }
            return fill([slot.name: .list(names)], echo: "\(capitalized(slot.label)): \(SlotValue.joinSpanish(names)).", state: &state)
        }
        // "no" to the first item of a list that needs at least one (the purpose's objectives).
        if slot.isList, run.values[slot.name] == nil, Self.none.contains(phrase.core) || phrase.core == "no hay" || phrase.core == "nop" {
            var t = engine.questionEffects(state, context: context)
            let example = slot.example.map { " Por ejemplo: \($0)." } ?? ""
            t.insert(.say("Necesito al menos uno (\(slot.label)).\(example)"), at: 0)
            return Turn(effects: t, expects: engine.expectation(state))
        }
        // "dale", "la que más pueden": the option Minga proposed when closing a poll.
        if flow.id == "cerrar_sondeo", slot.name == "elegida", Self.takeProposal.contains(phrase.core) || Self.takeProposal.contains(phrase.folded),
           let sid = run.values["sondeo"].flatMap(Self.intValue), let p = snapshot?.polls.first(where: { $0.number == sid }),
           let best = p.best, let i = p.options.firstIndex(of: best), p.tally[i].1 > 0 {
            return fill(["elegida": .number(Double(i + 1))], echo: nil, state: &state)
        }
        // The diagnosis' 1–4 scale said in words: "harto", "más o menos", "nada".
        if flow.id == "diagnostico", slot.type == .number, let n = Self.likert[phrase.core] ?? Self.likert[phrase.folded] {
            return fill([slot.name: .number(Double(n))], echo: "Lo anoto como \(n) (\(Self.likertLabel[n - 1])).", state: &state)
        }
        // "pa la próxima reunión": the deadline is the day of the network's next meeting.
        if slot.type == .date, let s = snapshot, !text.utf8.contains(UInt8(ascii: "?")),
           phrase.tokens.contains(where: Self.meetingWords.contains), phrase.tokens.contains(where: Self.nextWords.contains) {
            guard let (meeting, at) = s.nextMeeting(after: context.temporal.localNow) else {
                var t = engine.questionEffects(state, context: context)
                t.insert(.say("Todavía no hay una próxima reunión agendada, así que necesito el día."), at: 0)
                return Turn(effects: t, expects: engine.expectation(state))
            }
            return fill([slot.name: .date(at.date)],
                        echo: "Anotado: \(SpanishFormat.date(at.date, today: today)), el día de la próxima reunión («\(meeting.title)»).",
                        state: &state)
        }
        // A deadline said as a week ("pa la otra semana"): that week's Friday; a longer span: ask for the day.
        if slot.type == .date, let m = TemporalParser.parse(text, context: context.temporal),
           case .dateRange(let a, let b) = m.value, b >= today,
           phrase.tokens.allSatisfy({ Phrase(m.text).tokens.contains($0) || Self.dateFiller.contains($0) }) {
            let span = b.dayNumber - a.dayNumber
            if span <= 7, let friday = (0...span).map({ a.adding(days: $0) }).first(where: { $0.weekday == 5 }), friday >= today {
                return fill([slot.name: .date(friday)],
                            echo: "Anotado: \(SpanishFormat.date(friday, today: today)), el viernes de esa semana. Si es otro día, dímelo.",
                            state: &state)
            }
            let from = max(a, today)
            var t = engine.questionEffects(state, context: context)
            t.insert(.say("«\(m.text)» va del \(SpanishFormat.date(from, today: today)) al \(SpanishFormat.date(b, today: today)). ¿Qué día exacto? Por ejemplo «el \(b.day)» o «\(b.day)/\(b.month)»."), at: 0)
            return Turn(effects: t, expects: engine.expectation(state))
        }
        // "luis y marta nomas", "vinieron la marta y el luis": the names, without the words around them.
        let t = phrase.tokens
        if slot.type == .people || slot.type == .person, let first = t.first, let last = t.last,
           Self.peopleHead.contains(first) || Self.peopleTail.contains(last) || (t.count >= 2 && Self.peopleTail.contains(t.suffix(2).joined(separator: " "))) {
            let words = text.split(separator: " ").map(String.init)
            func folded(_ w: ArraySlice<String>) -> String { Phrase(w.joined(separator: " ")).tokens.joined(separator: " ") }
            var kept = words
            while !kept.isEmpty {
                if kept.count >= 3, Self.peopleTail.contains(folded(kept.suffix(2))) { kept.removeLast(2) }
                else if kept.count >= 2, Self.peopleTail.contains(folded(kept.suffix(1))) { kept.removeLast() }
                else { break }
            }
            while kept.count > 1, Self.peopleHead.contains(folded(kept.prefix(1))) { kept.removeFirst() }
            if !kept.isEmpty, kept.count < words.count {
                return engine.handle(kept.joined(separator: " "), state: &state, context: context)
            }
        }
        // The meeting's "¿una vez o se repite?" answered directly with the when.
        if flow.id == "encuentro", slot.name == "repite", let m = TemporalParser.parse(text, context: context.temporal) {
            switch m.value {
            case .recurrence(let r):
                var values: [String: SlotValue] = ["repite": .choice("serie"), "recurrencia": .recurrence(r)]
                if let t = r.time { values["hora"] = .time(t) }
                if let t = r.time, let e = r.endTime, e > t { values["duracion"] = .duration(minutes: e.minutesSinceMidnight - t.minutesSinceMidnight) }
                return fill(values, echo: "Anotado: \(SpanishFormat.recurrence(r)).", state: &state)
            case .dateTime(let dt) where dt.date >= today:
                return fill(["repite": .choice("una"), "fecha": .dateTime(dt)],
                            echo: "Anotado: \(SpanishFormat.dateTime(dt, today: today)).", state: &state)
            case .dateTimeRange(let a, _) where a.date >= today && m.partOfDay != nil:
                // "el jueves en la tarde": once, that day; the hour is asked next.
                guard var run = state.current else { return nil }
                run.partials = (run.partials ?? [:]).merging(["fecha": .date(a.date)]) { $1 }
                state.current = run
                return fill(["repite": .choice("una")], echo: nil, state: &state)
            case .dateTimeRange(let a, let b) where a.date >= today:
                var values: [String: SlotValue] = ["repite": .choice("una"), "fecha": .dateTime(a)]
                let minutes = (b.date.dayNumber - a.date.dayNumber) * 1440 + b.time.minutesSinceMidnight - a.time.minutesSinceMidnight
                if minutes > 0 { values["duracion"] = .duration(minutes: minutes) }
                return fill(values, echo: "Anotado: \(SpanishFormat.dateTime(a, today: today)).", state: &state)
            default:
                return nil
            }
        }
        return nil
    }

    /// "el acuerdo 3 está cumplido", "acuerdo 2 en proceso", and right after a list of agreements
    /// "el 1 no se hizo, lo movemos pal 15": straight to the follow-up, with what was said.
    private func followUp(_ text: String, phrase: Phrase, snapshot s: NetworkSnapshot, state: inout DialogState) -> Turn? {
        // Only a message with a number can name an agreement: most stop here.
        let said = Self.numbers(in: text)
        guard !said.isEmpty else { return nil }
        let namesAgreement = phrase.tokens.contains(where: { $0.hasPrefix("acuerd") || $0 == "acurdo" })
        let namesOther = phrase.tokens.contains(where: { ["encuentro", "reunion", "sondeo", "opcion", "reflexion", "diagnostico"].contains($0) })
            || engine.catalog.match(phrase).first.map { $0.flow != "seguimiento" && $0.score >= 0.5 } ?? false
        // Numbers that are part of a date ("pal 15") are not the agreement's number.
        var when = TemporalParser.parse(text, context: context.temporal)
        let dateNumbers = when.map { Self.numbers(in: $0.text) } ?? []
        var number = said.first(where: { !dateNumbers.contains($0) })
        // "el 1 no se hizo, lo movemos pal 15": "el 1" reads as a date, but it is the agreement.
        if number.map({ s.agreement(number: $0) == nil }) ?? true, let w = when, let first = said.first, dateNumbers == [first],
           s.agreement(number: first) != nil, let r = text.range(of: w.text) {
            number = first
            when = TemporalParser.parse(text.replacingCharacters(in: r, with: " "), context: context.temporal)
        }
        guard namesAgreement || !namesOther, let n = number,
              s.agreement(number: n) != nil, var estado = choiceIn(text, flow: "seguimiento", slot: "estado")?.value else { return nil }
        // "no se hizo, lo movemos pal 15": a new plazo makes it rescheduled, not just missed.
        var newDate: LocalDate?
        if let m = when, case .date(let d) = m.value, d >= today { newDate = d }
        if estado == "no_cumplido", newDate != nil { estado = "reprogramado" }
        var values: [String: SlotValue] = ["acuerdo": .number(Double(n)), "estado": .choice(estado)]
        var echo: [String] = []
        if estado == "reprogramado", let d = newDate {
            values["nuevo_plazo"] = .date(d)
            echo.append("nuevo plazo: \(SpanishFormat.date(d, today: today))")
        }
        return engine.start("seguimiento", values: values, echo: echo, state: &state, context: context)
    }

    static let meetingWords: Set<String> = ["reunion", "encuentro", "junta", "sesion", "consejo", "jornada"]
    static let nextWords: Set<String> = ["proxima", "proximo", "siguiente", "viene"]

    /// Words around a date that say nothing more ("pa la otra semana po").
    static let dateFiller: Set<String> = ["pa", "pal", "para", "la", "el", "en", "hasta", "ya", "po", "ojala", "antes", "de", "del", "a", "mas", "tardar", "lo", "durante", "igual"]

    /// Words that close a list of names without being one ("luis y marta nomas").
    static let peopleTail: Set<String> = ["nomas", "no mas", "nada mas", "solamente", "solo", "po", "no mas po", "nomas po", "ya"]
    /// Words that open a list of names without being one ("vinieron luis y marta").
    static let peopleHead: Set<String> = ["vinieron", "vino", "fueron", "fue", "estuvieron", "asistieron", "solo", "solamente", "la", "el"]

    static let same: Set<String> = ["lo mismo", "lo mismo de antes", "lo mismo que antes", "igual que antes", "igual", "el mismo",
                                    "el mismo de antes", "lo de antes", "lo mismo que la otra vez", "igual que la otra vez", "mismo"]

    static let shorthand: [String: String] = ["q": "qué", "k": "qué", "ke": "qué", "qe": "qué", "kien": "quién", "kienes": "quiénes", "xq": "por qué", "pq": "por qué", "cdo": "cuándo", "qn": "quién", "qnes": "quiénes"]

    static let takeProposal: Set<String> = ["si", "sí", "ya", "dale", "ok", "oki", "bueno", "sipo", "si po", "ya po", "yapo", "esa", "esa misma",
                                            "la que mas pueden", "la que mas puedan", "la propuesta", "la que propones", "la que dices",
                                            "de acuerdo", "perfecto", "la mejor", "la que tenga mas votos", "la mas votada", "obvio"]

    static let likertLabel = ["muy poco", "algo", "bastante", "mucho"]
    static let likert: [String: Int] = [
        "nada": 1, "muy poco": 1, "casi nada": 1, "poquito": 1, "muy poquito": 1, "nunca": 1, "para nada": 1, "ni ahi": 1,
        "poco": 2, "algo": 2, "mas o menos": 2, "regular": 2, "a veces": 2, "igual": 2, "maso": 2, "medio": 2,
        "bastante": 3, "harto": 3, "arto": 3, "hartisimo": 4, "mucho": 4, "muchisimo": 4, "full": 4, "siempre": 4, "caleta": 4, "demasiado": 4,
    ]

    static let everyone: Set<String> = [
        "todos", "todas", "todes", "toda la red", "todo el equipo", "todos los miembros", "todos los participantes",
        "todo el mundo", "todos ellos", "todas ellas", "vinieron todos", "fueron todos", "todos vinieron", "la red completa",
    ]

    /// Sets values on the current flow and lets the engine go on from there.
    private func fill(_ values: [String: SlotValue], echo: String?, state: inout DialogState) -> Turn {
        guard var run = state.current else { return Turn(effects: [], expects: nil) }
        for (k, v) in values {
            run.values[k] = v
            run.answered.removeAll { $0 == k }
            run.answered.append(k)
        }
        state.current = run
        var turn = engine.proceed(state: &state, context: context)
        if let echo { turn.effects.insert(.say(echo), at: 0) }
        return turn
    }

    // MARK: After the engine

    func after(_ turn: Turn, text: String, previous: DialogState, state: inout DialogState) -> Turn {
        guard let run = state.current, let flow = engine.catalog.flow(run.flowID) else { return turn }
        let old = previous.stack.count == state.stack.count ? previous.current : nil
        let started = old == nil || old?.flowID != run.flowID
        var remarks: [String] = []
        var changes: [String: SlotValue?] = [:]
        var dropEcho = false

        if started {
            if let stop = startBlocker(flow.id) {
                var t = engine.abandon(stop, state: &state)
                t.effects = turn.effects.filter { if case .say = $0 { return false }; return true } + t.effects
                return t
            }
            // Numbers and choices said with the request: "actualizar el acuerdo 3", "acta del encuentro 2".
            // The day of a date said with it is not one ("el acta del 2 de diciembre").
            let days = Set(run.values.values.compactMap { $0.dateValue?.day })
            for slot in flow.slots where run.values[slot.name] == nil {
                if slot.type == .number, slot.rules.isEmpty, let n = Self.numbers(in: text).first(where: { !days.contains($0) }) {
                    changes[slot.name] = .number(Double(n))
                } else if slot.type == .choice, let c = choiceIn(text, flow: flow.id, slot: slot.name) {
                    changes[slot.name] = .choice(c.value)
                }
            }
            // «el acta del 2 de diciembre» said in January: the engine read the coming one; the
            // meeting's check says which session it is instead.
            if flow.id == "asistencia", case .date(let d)? = run.values["fecha"], d > today { dropEcho = true }
            // The list of open agreements only when the request did not say which one.
            var seen = run
            for (k, v) in changes { if let v { seen.values[k] = v } }
            remarks += startRemarks(flow.id, run: seen)
            var whenEcho: String?
            // "nos juntamos cada 15 días los jueves": the when, not the meeting's name.
            if flow.id == "encuentro", let m = TemporalParser.parse(text, context: context.temporal) {
                var when: [String: SlotValue] = [:]
                switch m.value {
                case .recurrence(let r):
                    when = ["repite": .choice("serie"), "recurrencia": .recurrence(r)]
                    if let t = r.time { when["hora"] = .time(t) }
                case .dateTime(let dt) where dt.date >= today:
                    when = ["repite": .choice("una"), "fecha": .dateTime(dt)]
                default: break
                }
                // The engine may have taken the date already (and said so); then only fill what is missing.
                let fresh = run.values["fecha"] == nil && run.values["recurrencia"] == nil
                for (k, v) in when where run.values[k] == nil { changes[k] = v }
                if !when.isEmpty, fresh {
                    if let t = run.values["titulo"]?.textValue, Phrase(m.text).tokens.count * 2 >= Phrase(t).tokens.count {
                        changes["titulo"] = .some(nil)
                        dropEcho = true
                    }
                    // Said like the engine says what it took from the request, so both read the same.
                    let key = when["recurrencia"] != nil ? "recurrencia" : "fecha"
                    whenEcho = "\(flow.slot(named: key)?.label ?? key): \(when[key]!.display(today: today))"
                }
            }
            let echoes = changes.compactMap { k, v -> String? in
                guard let v, let slot = flow.slot(named: k), slot.type == .choice || slot.type == .number, k != "repite" else { return nil }
                return "\(slot.label): \(v.display(today: today, choices: slot.choices))"
            }
            let all = (whenEcho.map { [$0] } ?? []) + echoes.sorted()
            if !all.isEmpty { remarks.insert("Anoté: " + all.joined(separator: "; ") + ".", at: 0) }
            for (name, v) in defaults(flow.id, run: run) where run.values[name] == nil && changes[name] == nil {
                changes[name] = v
            }
        }
        var values = run.values
        for (k, v) in changes { values[k] = v }
        let before = started ? [:] : (old?.values ?? [:])
        // Only what this turn changed is checked (in name order, so remarks read the same every time).
        var changed: [(name: String, value: SlotValue)] = []
        for (name, value) in values where before[name] != value { changed.append((name, value)) }
        changed.sort { $0.name < $1.name }
        var dropAnotado = false
        for (name, value) in changed {
            let (say, fix) = check(flow.id, slot: name, value: value, values: values)
            remarks += say
            // The acta's date read another way: the remark says which session, not the engine's echo.
            if flow.id == "asistencia", name == "fecha", !say.isEmpty { dropAnotado = true }
            for (k, v) in fix { changes[k] = v; values[k] = v ?? nil }
        }
        // A member being incorporated hears what the network is about before saying what they bring.
        if flow.id == "incorporacion", case .asking("fortalezas") = run.phase, !(old.map { $0.phase == .asking("fortalezas") } ?? false),
           changes.isEmpty {
            remarks += presentation(for: run.values["nombre"]?.textValue)
        }
        var effects = turn.effects
        if dropAnotado { effects.removeAll { if case .say(let t) = $0 { return t.hasPrefix("Anotado: ") }; return false } }
        // A list that reached its maximum goes on to the next question instead of asking for one more.
        if case .more(let name) = run.phase, let slot = flow.slot(named: name),
           let max = slot.rules.compactMap({ if case .maxItems(let m) = $0 { return m }; return nil }).first,
           (run.values[name]?.listValue?.count ?? 0) >= max {
            let question = engine.questionEffects(state, context: context)
            if effects.suffix(question.count) == question[...] { effects.removeLast(question.count) }
            effects.removeAll { $0 == .say("Caben hasta \(max).") }
            effects.append(.say("Con eso van \(max), el máximo de \(slot.label)."))
            var r = run
            r.phase = .asking(name)
            state.current = r
            let next = engine.proceed(state: &state, context: context)
            return Turn(effects: effects + next.effects, expects: next.expects)
        }
        // «saltar» the duration: the meeting keeps an hour and a half, as the question promised.
        if flow.id == "encuentro", run.skipped.contains("duracion"), !(old?.skipped.contains("duracion") ?? false),
           let i = effects.firstIndex(of: .say("Lo dejamos en blanco.")) {
            effects[i] = .say("Dejo hora y media.")
        }
        if remarks.isEmpty && changes.isEmpty { return Turn(effects: effects, expects: turn.expects) }
        let question = engine.questionEffects(state, context: context)
        if dropEcho {
            // The engine read the when as the meeting's name; its echo goes with it.
            effects.removeAll { if case .say(let t) = $0 { return t.hasPrefix("Anoté: ") }; return false }
        }
        // One «Anoté: …» line, not the engine's and ours one after the other.
        if let r = remarks.first, r.hasPrefix("Anoté: "),
           let i = effects.firstIndex(where: { if case .say(let t) = $0 { return t.hasPrefix("Anoté: ") && t.hasSuffix(".") }; return false }),
           case .say(let t) = effects[i] {
            effects[i] = .say(String(t.dropLast()) + "; " + r.dropFirst("Anoté: ".count))
            remarks.removeFirst()
        }
        if !changes.isEmpty {
            var r = run
            for (k, v) in changes {
                if let v {
                    r.values[k] = v
                    if !r.answered.contains(k) { r.answered.append(k) }
                } else {
                    r.values[k] = nil
                    r.answered.removeAll { $0 == k }
                }
            }
            state.current = r
            if effects.suffix(question.count) == question[...] { effects.removeLast(question.count) }
            let next = engine.proceed(state: &state, context: context)
            // The review is shown once, with the corrected values.
            if next.effects.contains(where: { if case .say(let t) = $0 { return t.hasPrefix("Revisemos:") }; return false }),
               let i = effects.firstIndex(where: { if case .say(let t) = $0 { return t.hasPrefix("Revisemos:") }; return false }) {
                effects.removeSubrange(i..<min(effects.count, i + 2))
            }
            return Turn(effects: effects + remarks.map(Effect.say) + next.effects, expects: next.expects)
        }
        if !question.isEmpty, effects.suffix(question.count) == question[...] {
            effects.insert(contentsOf: remarks.map(Effect.say), at: effects.count - question.count)
        } else {
            effects += remarks.map(Effect.say)
        }
        return Turn(effects: effects, expects: turn.expects)
    }

    /// Why a flow cannot start now, if it cannot.
    func startBlocker(_ flow: String) -> String? {
        guard let s = snapshot else { return nil }
        switch flow {
        case "seguimiento" where s.agreements.isEmpty:
            return "Todavía no hay acuerdos registrados. Si quieres, escribe «nuevo acuerdo» para anotar uno."
        case "asistencia" where s.meetings.isEmpty:
            return "Todavía no hay encuentros agendados. Escribe «agendar un encuentro» para crear uno."
        case "apropiacion" where s.purpose == nil:
            return "La red todavía no ha escrito su propósito común. Cuando lo escriban («escribir el propósito»), te pregunto qué significa para tu escuela."
        case "responder_sondeo" where !s.polls.contains(where: \.isOpen), "cerrar_sondeo" where !s.polls.contains(where: \.isOpen):
            return "No hay sondeos abiertos. Escribe «consultar disponibilidad» para lanzar uno."
        default:
            return nil
        }
    }

    /// What to say when a flow starts.
    func startRemarks(_ flow: String, run: FlowRun) -> [String] {
        guard let s = snapshot else { return [] }
        switch flow {
        case "proposito":
            guard let p = s.purpose else { return [] }
            return ["Hoy el propósito es: «\(p.statement)». Lo que escribas ahora lo reemplaza; el anterior queda en el historial."]
        case "apropiacion":
            guard let p = s.purpose else { return [] }
            var text = "El propósito de la red es: «\(p.statement)»."
            if !p.objectives.isEmpty { text += "\nObjetivos:\n" + p.objectives.map { "- \($0)" }.joined(separator: "\n") }
            if let me = userName, p.appropriations.contains(where: { $0.member == me }) {
                text += "\nYa habías registrado tu lectura; la nueva la reemplaza."
            }
            return [text]
        case "seguimiento" where run.values["acuerdo"] == nil:
            let open = s.openAgreements(on: today)
            guard !open.isEmpty, open.count <= 8 else { return [] }
            return ["Los acuerdos abiertos son:\n" + Answers.list(open, today: today)]
        case "asistencia" where s.meetings.count > 1 && run.values["encuentro"] == nil:
            // The ones already held first (most recent first), then the coming ones.
            let now = context.temporal.localNow
            let held = s.meetings.filter { $0.start <= now }.sorted { $0.start > $1.start }
            let coming = s.meetings.filter { $0.start > now }.sorted { $0.start < $1.start }
            return ["Los encuentros registrados:\n" + (held + coming).prefix(5).map { meetingLine($0) }.joined(separator: "\n")]
        default:
            return []
        }
    }

    /// Values a flow can take for granted: the only open poll.
    func defaults(_ flow: String, run: FlowRun) -> [String: SlotValue] {
        guard let s = snapshot else { return [:] }
        switch flow {
        case "responder_sondeo", "cerrar_sondeo":
            let open = s.polls.filter(\.isOpen)
            if open.count == 1, let n = open[0].number { return ["sondeo": .number(Double(n))] }
        case "asistencia":
            if s.meetings.count == 1, let n = s.meetings[0].number { return ["encuentro": .number(Double(n))] }
        default: break
        }
        return [:]
    }

    /// Checks a value that depends on the store: remarks to say and values to change (nil clears).
    func check(_ flow: String, slot: String, value: SlotValue, values: [String: SlotValue]) -> ([String], [String: SlotValue?]) {
        guard let s = snapshot else { return ([], [:]) }
        switch (flow, slot) {
        case ("seguimiento", "acuerdo"):
            guard let n = Self.intValue(value), let a = s.agreement(number: n) else {
                let open = s.openAgreements(on: today)
                let list = open.isEmpty ? "" : " Los abiertos son:\n" + Answers.list(open, today: today)
                return (["No encuentro el acuerdo \(Self.intValue(value).map(String.init) ?? "")." + list], ["acuerdo": nil])
            }
            guard case .number = value else { return ([], [:]) }
            var line = agreementLine(a)
            if a.status == .cumplido || a.status == .noCumplido { line += " Ojo: ya está marcado como \(a.status.label)." }
            return ([line], ["acuerdo": .text("\(n) («\(a.text)»)")])
        case ("seguimiento", "evidencia_entregada"):
            let core = Phrase(value.textValue ?? "").core
            let short = core.split(separator: " ").count <= 5
            if Self.noEvidence.contains(core) || (short && (core.hasPrefix("no ") || core.contains("todavia") || core.contains("aun no"))) {
                return (["Sin evidencia no puedo marcarlo como cumplido: la red necesita su medio de verificación. Si todavía no está, escribe «atrás» y déjalo «en proceso»."],
                        ["evidencia_entregada": nil])
            }
            return ([], [:])
        case ("asistencia", "encuentro"):
            guard let n = Self.intValue(value), let m = s.meeting(number: n) else {
                return (["No encuentro ese encuentro."], ["encuentro": nil])
            }
            guard case .number = value else { return ([], [:]) }
            var line = "Encuentro \(n): \(m.title), \(whenText(m))."
            if m.rrule == nil, m.start > context.temporal.localNow {
                line += " Ojo: todavía no se realiza; si es otro, dime su número."
            }
            var fix: [String: SlotValue?] = ["encuentro": .text("\(n) («\(m.title)»)")]
            if m.isSeries {
                let (at, remarks) = actaOccurrence(m, said: values["fecha"]?.dateValue)
                line += " " + remarks.joined(separator: " ")
                fix["fecha"] = .dateTime(at)
            } else if values["fecha"] != nil {
                fix["fecha"] = SlotValue?.none
            }
            return ([line], fix)
        case ("asistencia", "fecha"):
            // A date the user just said (the occurrence chosen is kept as a date-time); when the
            // meeting was chosen in the same turn, its check already placed it.
            guard case .date(let said) = value, values["fecha"] == value,
                  let n = values["encuentro"].flatMap(Self.intValue), let m = s.meeting(number: n) else {
                return ([], [:])
            }
            guard m.isSeries else { return ([], ["fecha": nil]) }
            let (at, remarks) = actaOccurrence(m, said: said)
            return (remarks, ["fecha": .dateTime(at)])
        case ("asistencia", "acuerdos"):
            guard let t = value.textValue else { return ([], [:]) }
            // "no", "nada", "no hubo": the summary reads «ninguno», not the literal answer.
            if Self.none.contains(Phrase(t).core) { return t == "ninguno" ? ([], [:]) : ([], ["acuerdos": .text("ninguno")]) }
            let nums = Self.numbers(in: t)
            let missing = nums.filter { s.agreement(number: $0) == nil }
            if nums.isEmpty {
                return (["Necesito los números de los acuerdos (por ejemplo «1 y 3»), o «ninguno»."], ["acuerdos": nil])
            }
            if !missing.isEmpty {
                let open = s.openAgreements(on: today)
                let list = open.isEmpty ? "" : " Los abiertos son:\n" + Answers.list(Array(open.prefix(8)), today: today)
                return (["No encuentro " + (missing.count == 1 ? "el acuerdo " : "los acuerdos ") + SlotValue.joinSpanish(missing.map(String.init)) + "." + list],
                        ["acuerdos": nil])
            }
            let named = (nums.count == 1 ? "acuerdo " : "acuerdos ") + SlotValue.joinSpanish(nums.map(String.init))
            return t == named ? ([], [:]) : ([], ["acuerdos": .text(named)])
        case ("acuerdo", "plazo"), ("seguimiento", "nuevo_plazo"):
            // A deadline on a weekend or a feriado is kept; a short remark lets the user correct it.
            guard case .date(let d) = value else { return ([], [:]) }
            return (deadlineRemark(d, region: s.network.region).map { [$0] } ?? [], [:])
        case ("sondeo", "opciones"):
            // A poll option on a feriado or in the winter break: say so while the option is fresh.
            guard let last = value.listValue?.last, let m = TemporalParser.parse(last, context: context.temporal),
                  case .dateTime(let dt) = m.value else { return ([], [:]) }
            if let h = ChileanCalendar.holiday(on: dt.date, region: s.network.region) {
                return (["Ojo: el \(SpanishFormat.date(dt.date, today: today)) es feriado (\(h.name)). Si esa opción no sirve, la cambias en el resumen."], [:])
            }
            if let region = s.network.region, let b = ChileanCalendar.winterBreak(region: region, year: dt.date.year), b.contains(dt.date) {
                return (["Ojo: esa opción cae en vacaciones de invierno de \(region)."], [:])
            }
            return ([], [:])
        case ("apropiacion", "significado"), ("apropiacion", "compromiso"):
            // "lo mismo de antes": the member keeps what they wrote last time.
            guard let t = value.textValue, Self.same.contains(Phrase(t).core), let me = userName,
                  let prev = s.purpose?.appropriations.last(where: { $0.member == me }) else { return ([], [:]) }
            let old = slot == "compromiso" ? prev.commitment : prev.text
            guard let old, !old.isEmpty else { return ([], [:]) }
            return (["Mantengo lo que habías escrito: «\(old)»."], [slot: .text(old)])
        case ("encuentro", "recurrencia"):
            guard case .recurrence(let r) = value else { return ([], [:]) }
            var fix: [String: SlotValue?] = [:]
            if let t = r.time, values["hora"] == nil { fix["hora"] = .time(t) }
            if let t = r.time, let e = r.endTime, e > t, values["duracion"] == nil {
                fix["duracion"] = .duration(minutes: e.minutesSinceMidnight - t.minutesSinceMidnight)
            }
            if r.time != nil { return (warnings(values.merging(fix.compactMapValues { $0 }) { $1 }), fix) }
            return ([], fix)
        case ("encuentro", "fecha"), ("encuentro", "hora"), ("encuentro", "duracion"):
            if slot == "duracion" {
                var without = values
                without["duracion"] = nil
                let w = warnings(values)
                return (w == warnings(without) ? [] : w, [:])
            }
            return (warnings(values), [:])
        case ("responder_sondeo", "sondeo"), ("cerrar_sondeo", "sondeo"):
            guard let n = Self.intValue(value), let p = s.polls.first(where: { $0.number == n }) else {
                return (["No encuentro ese sondeo."], ["sondeo": nil])
            }
            guard p.isOpen else { return (["El sondeo \(n) ya está cerrado."], ["sondeo": nil]) }
            guard case .number = value else { return ([], [:]) }
            return (flow == "cerrar_sondeo" ? [pollTally(p)] : [pollOptions(p)], ["sondeo": .text("\(n) («\(p.title)»)")])
        case ("responder_sondeo", "puede"):
            guard let t = value.textValue, let n = values["sondeo"].flatMap(Self.intValue),
                  let p = s.polls.first(where: { $0.number == n }) else { return ([], [:]) }
            guard let picks = Self.pollPicks(t, options: p.options.count) else {
                return (["Dime los números de las opciones (del 1 al \(p.options.count)), «todas» o «ninguna»."], ["puede": nil])
            }
            // Shown back plainly in the review: "la 1", "las 1 y 2", "ninguna".
            let plain = picks.isEmpty ? "ninguna" : (picks.count == 1 ? "la " : "las ") + SlotValue.joinSpanish(picks.map(String.init))
            return t == plain ? ([], [:]) : ([], ["puede": .text(plain)])
        case ("cerrar_sondeo", "elegida"):
            guard let n = Self.optionNumber(value), let sid = values["sondeo"].flatMap(Self.intValue),
                  let p = s.polls.first(where: { $0.number == sid }) else { return ([], [:]) }
            if !(1...max(1, p.options.count)).contains(n) {
                return (["Esa opción no existe; son del 1 al \(p.options.count)."], ["elegida": nil])
            }
            guard case .number = value else { return ([], [:]) }
            // The review shows the option itself, as the poll lists it, not just its number.
            let shown = SpanishFormat.dateTime(p.options[n - 1], today: today)
            return (["Opción \(n): \(shown)."], ["elegida": .text("\(shown) (opción \(n))")])
        default:
            return ([], [:])
        }
    }

    /// «Ojo: el martes 8 de diciembre es feriado (Inmaculada Concepción).» or «Ojo: el domingo 6
    /// de diciembre es fin de semana.» for a deadline on such a day; nil on a working day.
    func deadlineRemark(_ d: LocalDate, region: String?) -> String? {
        let day = SpanishFormat.date(d, today: today)
        if let h = ChileanCalendar.holiday(on: d, region: region) { return "Ojo: el \(day) es feriado (\(h.name))." }
        if d.weekday >= 6 { return "Ojo: el \(day) es fin de semana." }
        return nil
    }

    // MARK: Meetings

    /// Feriados, winter break and clashes with other meetings, for the meeting being scheduled.
    func warnings(_ values: [String: SlotValue]) -> [String] {
        guard let s = snapshot else { return [] }
        let duration: Int = {
            if case .duration(let m)? = values["duracion"] { return m }
            return 90
        }()
        var draft: Meeting
        if case .dateTime(let dt)? = values["fecha"] {
            draft = Meeting(id: "", title: "", kind: .regular, start: dt, durationMinutes: duration)
        } else if case .recurrence(let r)? = values["recurrencia"], case .time(let t)? = values["hora"] {
            let first = MeetingPlanner.firstDate(rrule: r.rrule, from: today) ?? today
            draft = Meeting(id: "", title: "", kind: .regular, start: LocalDateTime(date: first, time: t),
                            durationMinutes: duration, rrule: r.rrule)
        } else {
            return []
        }
        return MeetingPlanner.warnings(for: draft, in: s, today: today)
    }

    // MARK: Wording

    func agreementLine(_ a: Agreement) -> String {
        var details = [SlotValue.joinSpanish(a.responsables)]
        if let d = a.deadline { details.append("plazo: " + SpanishFormat.date(d, today: today)) }
        details.append(a.status(on: today).label)
        return "Acuerdo \(a.number.map(String.init) ?? a.id): «\(a.text)» (" + details.filter { !$0.isEmpty }.joined(separator: "; ") + ")."
    }

    func whenText(_ m: Meeting) -> String {
        if let rrule = m.rrule {
            return SpanishFormat.recurrence(Recurrence(rrule: rrule, time: m.start.time))
        }
        return SpanishFormat.dateTime(m.start, today: today)
    }

    /// The occurrence of a series an acta goes to: the date the user said if the series met
    /// that day (or that day a year back: «el 2 de diciembre» said in January), else the one held
    /// on or before it; with no date, the one held today or most recently. The remarks say which
    /// one when it was not the user's own, and whether it is still to come or already has an acta.
    func actaOccurrence(_ m: Meeting, said: LocalDate?) -> (LocalDateTime, [String]) {
        var remarks: [String] = []
        let d: LocalDate
        if let said, m.isScheduled(on: said) || m.occurrences[said] != nil {
            d = said
        } else if let said, said.adding(months: -12) <= today, m.isScheduled(on: said.adding(months: -12)) {
            d = said.adding(months: -12)
            remarks.append("Es la sesión del \(SpanishFormat.date(d, today: today)).")
        } else {
            // An acta is of a past session: a day still to come read a year back, as above.
            let said = said.map { $0 > today && $0.adding(months: -12) <= today ? $0.adding(months: -12) : $0 }
            d = said.map { m.scheduledDates(from: m.start.date, to: $0, limit: 1).last ?? m.firstDate } ?? m.actaDate(asOf: today)
            let day = SpanishFormat.date(d, today: today)
            if let said {
                remarks.append("El encuentro \(m.number.map(String.init) ?? m.id) no tuvo sesión el \(SpanishFormat.date(said, today: today)); tomo la del \(day). Si es otra, dime la fecha.")
            } else {
                remarks.append("El acta es la del \(day); si es de otra fecha, dímela.")
            }
        }
        if d > today { remarks.append("Ojo: esa fecha todavía no llega.") }
        if let o = m.occurrences[d], o.hasActa {
            remarks.append("Esa sesión ya tiene acta (\(Answers.count(o.attendees.count, "asistente", "asistentes"))); la nueva la reemplaza.")
        }
        // Kept under the series' date (the key of its acta), at its own time if it was moved.
        return (LocalDateTime(date: d, time: m.occurrence(on: d).start.time), remarks)
    }

    func meetingLine(_ m: Meeting) -> String {
        "- Encuentro \(m.number.map(String.init) ?? m.id): \(m.title), \(whenText(m))"
    }

    func pollOptions(_ p: Poll) -> String {
        "Sondeo \(p.number ?? 0): «\(p.title)». Las opciones son:\n"
            + p.options.enumerated().map { "\($0.offset + 1). \(SpanishFormat.dateTime($0.element, today: today))" }.joined(separator: "\n")
    }

    func pollTally(_ p: Poll) -> String {
        var text = "Sondeo \(p.number ?? 0): «\(p.title)», con \(Answers.count(p.answers.count, "respuesta", "respuestas")).\n"
        text += p.tally.enumerated().map { i, t in
            let who = p.answers.filter { $0.canAttend.contains(t.0) }.map(\.member)
            return "\(i + 1). \(SpanishFormat.dateTime(t.0, today: today)): \(t.1)" + (who.isEmpty ? "" : " (\(SlotValue.joinSpanish(who)))")
        }.joined(separator: "\n")
        let answered = Set(p.answers.map(\.member))
        let missing = (snapshot?.members.map(\.name) ?? []).filter { !answered.contains($0) && $0 != userName }
        if !missing.isEmpty { text += "\nTodavía no responde: \(SlotValue.joinSpanish(missing))." }
        if let best = p.best, let i = p.options.firstIndex(of: best), p.tally[i].1 > 0 {
            text += "\nTe propongo la opción \(i + 1): es la que más pueden."
        }
        return text
    }

    /// Purpose, next meeting and open agreements, for someone joining the network.
    func presentation(for name: String?) -> [String] {
        guard let s = snapshot else { return [] }
        var lines: [String] = []
        let first = name?.split(separator: " ").first.map(String.init)
        lines.append("Te cuento en qué está la red\(first.map { ", \($0)" } ?? "").")
        if let p = s.purpose {
            lines.append("Nuestro propósito: «\(p.statement)».")
        } else {
            lines.append("La red todavía no escribe su propósito común; te vamos a invitar a construirlo.")
        }
        let now = context.temporal.localNow
        if let (m, at) = s.nextMeeting(after: now) {
            lines.append("El próximo encuentro es \(m.title), el \(SpanishFormat.dateTime(at, today: today))" + (m.place.map { ", en \($0)" } ?? "") + ".")
        } else {
            lines.append("Todavía no hay encuentros agendados.")
        }
        let open = s.openAgreements(on: today)
        if !open.isEmpty {
            lines.append("Acuerdos abiertos:\n" + Answers.list(Array(open.prefix(5)), today: today))
        }
        return lines
    }

    func capitalized(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }

    // MARK: Reading helpers

    /// The choice of `flow`.`slot` whose value, label or synonym appears in `text` (longest first).
    func choiceIn(_ text: String, flow: String, slot: String) -> Choice? {
        guard let def = engine.catalog.flow(flow)?.slot(named: slot) else { return nil }
        let folded = " " + Phrase(text).tokens.joined(separator: " ") + " "
        var best: (Choice, Int)?
        // "otra" in a request is "another" ("la otra semana", "otra reunión"), never the catch-all choice.
        for c in def.choices where c.value != "otro" {
            for form in [c.value.replacingOccurrences(of: "_", with: " "), c.label] + c.synonyms {
                let f = Phrase(form).tokens.joined(separator: " ")
                guard f.count >= 4, folded.contains(" " + f + " ") else { continue }
                if f.count > (best?.1 ?? 0) { best = (c, f.count) }
            }
        }
        return best?.0
    }

    static func intValue(_ v: SlotValue) -> Int? {
        switch v {
        case .number(let n): Int(n)
        case .text(let t): numbers(in: t).first
        default: nil
        }
    }

    /// The option number of a poll's chosen option: a number, or "jueves 3 de diciembre a las
    /// 15:00 (opción 2)" as the close-poll review shows it (its other numbers are the date's).
    static func optionNumber(_ v: SlotValue) -> Int? {
        if case .text(let t) = v, let r = t.range(of: "(opción ", options: .backwards) {
            return Int(t[r.upperBound...].prefix(while: \.isNumber))
        }
        return intValue(v)
    }

    static let noEvidence: Set<String> = ["no", "no tengo", "no hay", "nada", "ninguna", "todavia no", "aun no", "no tengo evidencia",
                                          "sin evidencia", "no hay evidencia", "despues", "luego", "no se", "nop", "no todavia"]
    static let none: Set<String> = ["ninguno", "ninguna", "nada", "no", "ningun acuerdo", "ninguno po", "cero", "sin acuerdos", "no hubo", "no se tomaron"]
    static let all: Set<String> = ["todas", "todos", "todas las opciones", "cualquiera", "me da lo mismo", "todas po", "puedo todas", "las dos", "ambas"]

    /// Whole numbers in `text`, in order: digits and number words ("el 1 y el tres").
    static func numbers(in text: String) -> [Int] {
        var out: [Int] = []
        for token in Phrase(text).tokens {
            let n: Int? = token.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) ? Int(token) : words.contains(token) ? NumberParser.parse(token) : nil
            if let n, n >= 0, n < 100_000, !out.contains(n) { out.append(n) }
        }
        return out
    }

    static let words: Set<String> = ["uno", "una", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez",
                                     "primera", "primero", "segunda", "segundo", "tercera", "tercero", "cuarta", "cuarto"]

    /// The options (1-based) a poll answer picks, or nil when it names none validly.
    static func pollPicks(_ text: String, options: Int) -> [Int]? {
        let core = Phrase(text).core
        if all.contains(core) { return Array(1...max(1, options)) }
        if none.contains(core) || ["no puedo", "ninguna po", "no puedo ninguna", "ninguna de las opciones"].contains(core) { return [] }
        let picks = numbers(in: text)
        guard !picks.isEmpty, picks.allSatisfy({ (1...options).contains($0) }) else { return nil }
        return picks.sorted()
    }
}
