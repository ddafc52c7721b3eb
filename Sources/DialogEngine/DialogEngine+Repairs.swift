import CivilTime
import Understanding

extension DialogEngine {
    /// Who Minga is, in two lines (asked mid-flow: «¿qué es minga?»).
    static let aboutMinga = "Soy Minga: ayudo a tu red a llevar sus acuerdos (con responsables, plazos y evidencias), "
        + "agendar sus encuentros, escribir su propósito y guardar lo que van aprendiendo; también respondo preguntas sobre lo anotado."

    func applyVerb(_ verb: RepairVerb, run: FlowRun, flow: FlowDefinition, state: inout DialogState,
                   context: EngineContext, out: inout [Effect]) {
        let slot = run.currentSlot.flatMap(flow.slot(named:))
        switch verb {
        case .help:
            // «¿qué es minga?», «¿qué puedes hacer?» mid-flow: who Minga is, and the flow kept.
            if let said = context.said, RepairVerb.asksWhatMingaIs(said.phrase) {
                let later = flow.hidden ? "Primero conozcamos tu red; apenas esté creada, escribe «ayuda» y te muestro todo lo que puedo hacer."
                    : "Ahora estamos en «\(flow.title)»; al terminar, escribe «ayuda» y te muestro todo lo que puedo hacer."
                out.append(.say(Self.aboutMinga + " " + later))
                reprompt(run, flow: flow, context: context, out: &out)
                return
            }
            if let slot {
                let help = slotHelp(slot, run: run, context: context) ?? "Te pregunto por \(slot.label)."
                // The field's own example; a generic one only where it says something («15 de diciembre»).
                let example = slot.example ?? (slot.type == .text || slot.type == .longtext ? nil : slot.type.example)
                if let example, !help.contains("ejemplo") {
                    out.append(.say(help + " Por ejemplo: \(example)."))
                } else {
                    out.append(.say(help))
                }
                out.append(.say(question(slot, run: run, context: context)))
            } else {
                out.append(.say(reviewHelp(run, flow: flow, context: context)))
                ask(run, flow: flow, context: context, out: &out)
            }
        case .cancel:
            if run.values.count >= 2 {
                state.pending = .cancel
                out.append(.say(pendingOffer(state) ?? ""))
            } else {
                cancel(state: &state, flow: flow, context: context, out: &out)
            }
        case .back:
            var r = run
            guard let last = r.answered.popLast() else {
                out.append(.say("Estamos en la primera pregunta."))
                ask(run, flow: flow, context: context, out: &out)
                return
            }
            r.values[last] = nil
            r.skipped.removeAll { $0 == last }
            r.phase = .asking(last)
            r.check = nil
            r.misses = 0
            r.returnToConfirm = false
            state.current = r
            out.append(.say("Volvamos a la pregunta anterior."))
            ask(r, flow: flow, context: context, out: &out)
        case .repeatQuestion:
            if let check = run.check {
                out.append(.say(checkQuestion(check, context: context)))
            } else {
                ask(run, flow: flow, context: context, out: &out)
            }
        case .summary:
            let filled = summary(run, flow: flow, context: context, numbered: false)
            out.append(.say(filled.isEmpty ? "Todavía no hemos anotado nada." : "Llevamos:\n" + filled))
            reprompt(run, flow: flow, context: context, out: &out)
        case .skip:
            // «saltar» at «¿Agrego a Elba Huenchual? (sí/no)»: skipping the offer is declining it
            // (the name stays in this record only); at another yes/no check, the question again.
            // It said there was no question to skip.
            if let check = run.check {
                if case .newPeople = check {
                    resolveCheck(check, clean: "no", phrase: Phrase("no"), run: run, flow: flow, state: &state, context: context, out: &out)
                } else {
                    out.append(.say("Esta pregunta no se salta; respóndeme «sí» o «no»."))
                    out.append(.say(checkQuestion(check, context: context)))
                }
                return
            }
            guard let slot else {
                out.append(.say("No hay una pregunta que saltar ahora."))
                return
            }
            guard slot.optional else {
                if let (value, note) = context.extensions[flow.id]?.skipRequired(slot, run: run, context: context) {
                    var r = run
                    r.values[slot.name] = value
                    state.current = r
                    out.append(.say(note))
                    advance(state: &state, flow: flow, context: context, out: &out)
                    return
                }
                // Asked again in the run's words: a colleague being onboarded stays «tiene», not «tienes».
                out.append(.say("Esta pregunta no se puede saltar: \(slotHelp(slot, run: run, context: context) ?? "la necesito para guardar.")"))
                out.append(.say(question(slot, run: run, context: context)))
                return
            }
            var r = run
            if let d = slot.defaultValue { r.values[slot.name] = .text(d) } else { r.skipped.append(slot.name) }
            state.current = r
            out.append(.say(context.extensions[flow.id]?.skipNote(slot, context: context) ?? "Lo dejamos en blanco."))
            advance(state: &state, flow: flow, context: context, out: &out)
        case .pause:
            pauseCurrent(saying: "Dejé \(flowNoun(flow)) en pausa. Cuando quieras, escribe «seguir» y retomamos donde quedamos.",
                         state: &state, context: context, out: &out)
        case .resume:
            if state.paused.isEmpty {
                out.append(.say("Sigamos con \(flowNoun(flow))."))
                if let recap = recap(run, flow: flow, context: context) { out.append(.say(recap)) }
                reprompt(run, flow: flow, context: context, out: &out)
            } else {
                resumePaused(state: &state, context: context, out: &out)
            }
        }
    }

    func cancel(state: inout DialogState, flow: FlowDefinition, context: EngineContext, out: inout [Effect]) {
        endUnsaved(saying: "Listo, cancelé \(flowNoun(flow)). No guardé nada.", state: &state, context: context, out: &out)
    }

    /// Ends the current flow without saving, says `message`, and goes back to the flow underneath
    /// (or offers more help).
    func endUnsaved(saying message: String, state: inout DialogState, context: EngineContext, out: inout [Effect]) {
        state.stack.removeLast()
        // What was asked for while this one had to finish first is not dropped with it: it is
        // offered, as after a save (issue 12: «cancelar» lost it).
        var waiting: (flow: String, request: String)?
        if state.stack.isEmpty {
            if let q = state.queued { waiting = (q.flow, q.request) } else if let f = state.following?.first { waiting = (f.flow, f.request) }
            state.queued = nil
            state.following = nil
        }
        out.append(.say(message))
        if let waiting, let next = catalog.flow(waiting.flow) {
            state.pending = .switchFlow(flow: next.id, text: waiting.request)
            out.append(.say("¿Seguimos con «\(next.title)», como me pediste?"))
        } else if !resumeOuter(state: state, context: context, out: &out) {
            out.append(.say("¿En qué más te ayudo?"))
        }
    }

    /// Asks the flow underneath its question again, after «Volvamos a …»; false when there is none.
    @discardableResult
    func resumeOuter(state: DialogState, context: EngineContext, out: inout [Effect]) -> Bool {
        guard let outer = state.current, let outerFlow = catalog.flow(outer.flowID) else { return false }
        out.append(.say("Volvamos a «\(outerFlow.title)»."))
        reprompt(outer, flow: outerFlow, context: context, out: &out)
        return true
    }

    /// The flows left in pause, named once the conversation has nothing else open.
    func remindPaused(_ state: DialogState, out: inout [Effect]) {
        guard !state.paused.isEmpty else { return }
        let titles = state.paused.compactMap { catalog.flow($0.flowID)?.title }.map { "«\($0)»" }
        out.append(.say("Tienes en pausa \(SlotValue.joinSpanish(titles)). Escribe «seguir» cuando quieras retomarlo."))
    }

    /// What a resumed flow already has, in one line, so the person picks up the thread
    /// («Llevamos: acuerdo: …; responsables: …»); nil when nothing was answered yet.
    func recap(_ run: FlowRun, flow: FlowDefinition, context: EngineContext) -> String? {
        let parts = editable(run, flow: flow).compactMap { slot -> String? in
            guard let v = run.values[slot.name]?.display(today: context.today, choices: slot.choices) else { return nil }
            return slot.label + ": " + Self.shortened(v, to: 40)
        }
        guard !parts.isEmpty else { return nil }
        let line = "Llevamos: " + parts.joined(separator: "; ")
        return line.hasSuffix("…") ? line : line + "."
    }

    /// The first words of `text` up to about `limit` characters, cut between words.
    static func shortened(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        var out = ""
        for word in text.split(separator: " ") {
            if out.count + word.count + 1 > limit { break }
            out += (out.isEmpty ? "" : " ") + word
        }
        while let c = out.last, ",;:.".contains(c) { out.removeLast() }
        return (out.isEmpty ? String(text.prefix(limit)) : out) + "…"
    }

    /// Resumes the only paused flow, or asks which one.
    func resumePaused(state: inout DialogState, context: EngineContext, out: inout [Effect]) {
        if state.paused.count == 1 {
            let run = state.paused.removeFirst()
            state.stack.append(run)
            if let flow = catalog.flow(run.flowID) {
                out.append(.say("Retomemos «\(flow.title)»."))
                if let recap = recap(run, flow: flow, context: context) { out.append(.say(recap)) }
                reprompt(run, flow: flow, context: context, out: &out)
            }
        } else {
            state.pending = .pickPaused
            out.append(.say("Tienes varias cosas en pausa. ¿Cuál retomamos?"))
        }
    }

    // MARK: - Corrections

    /// Takes `value` for an already answered slot, then goes back to where the conversation
    /// was, unless that was the confirmation (accept returns there by itself).
    func replace(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, flow: FlowDefinition, say: String,
                 state: inout DialogState, context: EngineContext, out: inout [Effect]) {
        var r = run
        r.values[slot.name] = nil
        r.returnToConfirm = true
        r.phase = .asking(slot.name)
        state.current = r
        out.append(.say(say))
        accept(value, slot: slot, flow: flow, state: &state, context: context, out: &out)
        if run.phase != .confirming, run.phase != .choosingEdit, run.phase != .asking(slot.name), var now = state.current, now.flowID == run.flowID,
           now.phase == .confirming, now.check == nil, run.values.count + 1 < flow.slots.count {
            now.phase = run.phase
            state.current = now
        }
    }


    /// Words that say who does it: "que lo haga", "lo ve", "se encarga".
    static let doerLeads: [[String]] = [
        ["que", "lo", "haga"], ["que", "la", "haga"], ["que", "lo", "hagan"], ["lo", "hace"], ["la", "hace"], ["lo", "hacen"],
        ["que", "lo", "vea"], ["lo", "ve"], ["se", "encarga"], ["que", "se", "encargue"], ["queda", "con"],
        ["le", "toca", "a"], ["le", "toca"],
    ]

    /// «no es el Juan, es la Rosa» in `rest`: Juan's place in the answered people field that has
    /// him, taken by Rosa. Nil when the words are not that or nobody there is called so.
    func personSwap(_ rest: [String], clean: String, run: FlowRun, flow: FlowDefinition, context: EngineContext) -> Correction? {
        let articles: Set<String> = ["el", "la", "del", "de", "al", "a"]
        guard let no = rest.firstIndex(of: "no"), no + 2 < rest.count, rest[no + 1] == "es" else { return nil }
        var i = no + 2
        while i < rest.count, articles.contains(rest[i]) { i += 1 }
        guard i < rest.count, let again = rest[(i + 1)...].firstIndex(where: { $0 == "es" || $0 == "sino" }), again == i + 1 else { return nil }
        let gone = rest[i]
        let came = rest[(again + 1)...].drop { articles.contains($0) }
        guard !came.isEmpty, came.count <= 3 else { return nil }
        // The answered fields last first, then those filled from the request («anota que Marcela y
        // Luis comparten…» said the responsables before any question).
        let filled = flow.slots.map(\.name).filter { run.values[$0] != nil && !run.answered.contains($0) }
        for name in run.answered.reversed() + filled {
            guard let slot = flow.slot(named: name), slot.type == .people || slot.type == .person,
                  let current = run.values[name], case .value(let v) = SlotParser.parse(originalTail(of: clean, words: came.count), slot: slot, context: context)
            else { continue }
            let people = current.listValue ?? current.textValue.map { [$0] } ?? []
            guard let at = people.firstIndex(where: { Phrase($0).tokens.first == gone }) else { continue }
            let incoming = v.listValue ?? v.textValue.map { [$0] } ?? []
            var swapped = people
            swapped.replaceSubrange(at...at, with: incoming.filter { !people.contains($0) })
            let value: SlotValue = slot.type == .person ? (swapped.first.map(SlotValue.text) ?? v) : .list(swapped)
            return .replace(slot: name, value, say: "Corregido: \(slot.label), \(value.display(today: context.today)).")
        }
        return nil
    }

    /// The first word of each correction marker.
    static let correctionLeads = Set(correctionMarkers.map { $0[0] })

    static let correctionMarkers: [[String]] = [
        ["me", "equivoque"], ["me", "confundi"], ["perdon"], ["corrijo"], ["corrige"], ["corregir"], ["corrijamos"],
        ["cambia"], ["cambiar"], ["cambiemos"], ["cambialo"], ["en", "realidad"], ["quise", "decir"], ["error"],
        ["modificar"], ["modifica"], ["editar"], ["edita"], ["no"], ["mejor"], ["ojo"], ["uy"],
    ]

    /// Words that point at a slot of each type when the flow file gives no alias.
    static func typeAliases(_ type: SlotType) -> [String] {
        switch type {
        case .date, .datetime, .daterange: ["fecha", "dia", "plazo"]
        case .time: ["hora", "horario"]
        case .people, .person: ["responsable", "responsables", "encargado", "encargada", "persona", "personas"]
        case .duration: ["duracion"]
        default: []
        }
    }

    /// "no, el plazo es el 16", "me equivoqué, la responsable es Carla", "cambia la fecha",
    /// "uy, el nombre está mal, es X", "corregir evidencia". Nil when the message is not a correction.
    /// Words that, right after a «no», start the value it puts instead («no era el 17», «no el 12»).
    /// «no, era el 10», «no, es el jueves»: the copula before a corrected value, not part of it.
    static let meantCopulas: Set<String> = ["era", "eran", "es", "son"]

    static let negatedValueLeads: Set<String> = ["es", "era", "sera", "seria", "son", "el", "la", "los", "las", "al", "pal", "para", "mejor",
                                                 "que", "sino", "po", "pues", "perdon"]

    func readCorrection(_ clean: String, phrase: Phrase, run: FlowRun, flow: FlowDefinition, context: EngineContext) -> Correction? {
        // Every way in below needs a first word of `correctionOpenings` (a marker's, an agreeing
        // opener's, a filler before «me equivoqué»), a long «no», or a word saying it is wrong:
        // most answers have none, and stop at their bits.
        let t = phrase.tokens
        guard t.count >= 2, phrase.classes[0].contains(.correctionOpening) || phrase.some(.wrong) || Self.isNo(t[0]) else {
            assert(readMarkedCorrection(clean, phrase: phrase, run: run, flow: flow, context: context) == nil,
                   "correctionOpenings hide the correction «\(clean)»")
            return nil
        }
        return readMarkedCorrection(clean, phrase: phrase, run: run, flow: flow, context: context)
    }

    /// What the first word (or a word of what is wrong) may be in a correction, for
    /// `WordClass.correctionOpening`.
    static let correctionOpenings = WordSet(correctionLeads.union(agreeingOpeners.words).union(["ah", "y", "oh", "ay"]))

    /// `readCorrection` past its look at the words' bits.
    private func readMarkedCorrection(_ clean: String, phrase: Phrase, run: FlowRun, flow: FlowDefinition, context: EngineContext) -> Correction? {
        var tokens = phrase.tokens
        // «noo, el nombre es…», «nop»: a «no» said long is a «no».
        if let first = tokens.first, first != "no", first.hasPrefix("no"), Self.isNo(first) { tokens[0] = "no" }
        // «ah y me equivoqué, no es el Juan…»: a filler before a two-word marker is no answer.
        if tokens.count > 3, ["ah", "y", "oh", "ay"].contains(tokens[0]) {
            let rest = tokens.drop { ["ah", "y", "oh", "ay"].contains($0) }
            if rest.starts(with: ["me", "equivoque"]) || rest.starts(with: ["me", "confundi"]) { tokens = Array(rest) }
        }
        guard tokens.count >= 2 else { return nil }
        // «ah verdad, mejor el jueves 4 de marzo», «verdad que están de vacaciones, mejor el 4»:
        // agreeing with what Minga warned, then the correction after the comma.
        if Self.agreeingOpeners.contains(tokens[0]), let comma = clean.firstIndex(of: ","),
           case let rest = clean[clean.index(after: comma)...].trimmingCharacters(in: .whitespaces), !rest.isEmpty,
           let first = Phrase(rest).tokens.first, Self.correctionLeads.contains(first) {
            return readCorrection(rest, phrase: Phrase(rest), run: run, flow: flow, context: context)
        }
        // «el nombre de la red está mal, es X»: a field said to be wrong is a correction, with no marker.
        let saysWrong = zip(tokens, tokens.dropFirst()).contains { ($0 == "esta" || $0 == "quedo" || $0 == "salio") && Self.wrongWords.contains($1) }
        // Every marker has words: one can only start a message that starts with its first word.
        let said = Self.correctionLeads.contains(tokens[0]) ? Self.correctionMarkers.first(where: { tokens.starts(with: $0) }) : nil
        guard let marker = said ?? (saysWrong ? [] : nil) else { return nil }
        let rest = Array(tokens.dropFirst(marker.count))
        // «no alcancé a fin de febrero» to «¿por qué se reprograma?»: a «no» that negates the verb
        // after it is the free-text answer, not «no, <value>» correcting an earlier field.
        if marker == ["no"], let next = rest.first, !Self.negatedValueLeads.contains(next), Int(next) == nil,
           case .asking(let name) = run.phase, let slot = flow.slot(named: name), slot.type == .text || slot.type == .longtext,
           !(clean.hasPrefix("no,") || clean.hasPrefix("No,") || clean.hasPrefix("no.") || clean.hasPrefix("No.")) {
            return nil
        }
        // «no cumplido», «no cumplido, no alcancé» to «¿Cómo está?»: an option of the question whose
        // own words open with «no» is the answer, never «no, cumplido» (it asked the evidence).
        if marker == ["no"], case .asking(let name) = run.phase, let slot = flow.slot(named: name), slot.type == .choice,
           let c = SlotParser.choice(in: clean, choices: slot.choices, phrase: phrase), case let said = " " + tokens.joined(separator: " ") + " ",
           ([c.value, c.label] + c.synonyms).contains(where: { f in
               let form = Phrase(f).tokens.joined(separator: " ")
               return form.hasPrefix("no ") && said.contains(" " + form + " ")
           }) {
            return nil
        }
        // «no es una fecha», «no era un acuerdo»: what kind of thing it is, denied; no field changes.
        // «no, no es un acuerdo, quiero sumar…», «no, no era eso, quiero…»: the flow itself denied,
        // with what is wanted instead (read after the refusal), never a value (qa30 B1: «Corregido.»).
        if marker == ["no"], case let denied = rest.drop(while: { $0 == "no" }), denied.count >= 2, ["es", "era"].contains(denied.first!),
           ["un", "una"].contains(denied.dropFirst().first!) || (denied.count == rest.count ? false : ["eso", "esto"].contains(denied.dropFirst().first!)) { return nil }
        // A slot named in the rest ("el plazo", "la responsable").
        var target: (slot: SlotDefinition, end: Int)?
        outer: for (i, token) in rest.enumerated() {
            // «no, son estas: partir puntual; …» at «¿Otra norma?»: a demonstrative pointing at the
            // items said next names no field (qa34: «estas» met «estado» as a near spelling, and
            // the items became the state's answer).
            if Self.restatingWords.contains(token) { continue }
            // «ojo, en 3 horas de taller avanzamos harto»: a verb said by «we» is no field's name
            // (issue 12: «avance» became «harto»); of a free-text field it is part of the new value
            // («avanzamos harto»), of any other field nothing.
            let verbForm = token.count >= 6 && ["amos", "emos", "imos"].contains(where: token.hasSuffix)
            for slot in flow.slots where slot.name != run.currentSlot || run.values[slot.name] != nil {
                if verbForm, slot.type != .text, slot.type != .longtext { continue }
                // A field this run never asks («motivo» of «no cumplido» while it is «cumplido») is
                // not the one corrected; nor is a field named by «que» (the end of «por qué»).
                if slot.conditionValue != nil, run.values[slot.name] == nil, !conditionHolds(slot, run: run) { continue }
                let names = ([slot.name, slot.label] + slot.aliases + Self.typeAliases(slot.type)).map { Phrase($0).tokens.last ?? "" }
                if names.contains(where: { !$0.isEmpty && !Phrase.stopWords.contains($0) && Phrase.similar(Phrase.stem($0), Phrase.stem(token)) }) {
                    target = (slot, verbForm ? i : i + 1)
                    break outer
                }
            }
        }
        let weakMarker = marker == ["no"] || marker == ["mejor"] || marker == ["ojo"] || marker == ["uy"]
        // «no, no lo agendes todavía»: a yes/no field named after a «no» is a no; named plainly, a yes.
        if let target, target.slot.type == .yesno, target.slot.name != run.currentSlot {
            let negated = marker.contains("no") || rest.prefix(target.end).contains("no")
            return .value(slot: target.slot.name, .bool(!negated))
        }
        if let target {
            if weakMarker && target.slot.name == run.currentSlot { return nil }
            var after = Array(rest.dropFirst(target.end))
            // «el nombre de la persona Patricia»: the field of something else, with no value said.
            if let first = after.first, first == "de" || first == "del",
               !after.contains(where: { ["es", "era", "sera", "queda", "son"].contains($0) }) { return nil }
            // «cambia el contacto del cesfam, ahora es don Pedro Araya»: «del cesfam» says whose
            // field it is; the value follows its copula (qa22 S6: it was all the value).
            if let first = after.first, first == "de" || first == "del",
               let k = after.firstIndex(where: { ["es", "era", "sera", "queda", "son"].contains($0) }), k + 1 < after.count {
                after = Array(after[(k + 1)...])
            }
            // "… está mal, es X": the value is what follows the complaint.
            if let k = after.lastIndex(where: Self.wrongWords.contains) { after = Array(after[(k + 1)...]) }
            let valueWords = after.drop { ["es", "era", "sera", "son", "seria", "queda", "a", "por", "que", "sea", "debe", "deberia", "ser"].contains($0) }
            let valueText = originalTail(of: clean, words: valueWords.count)
            if !valueWords.isEmpty, case .value(let v) = SlotParser.parse(valueText, slot: target.slot, context: context) {
                return .value(slot: target.slot.name, Self.sameMonth(valueText, v, correcting: run.values[target.slot.name]))
            }
            // «la fecha está mal, es el jueves 17»: a new day for a day and time keeps its hour.
            if !valueWords.isEmpty, let v = Self.dayKeepingHour(valueText, correcting: run.values[target.slot.name], context: context) {
                return .value(slot: target.slot.name, v)
            }
            // «la hora está mal, es a las 11»: a new time for a day and time keeps its day.
            if target.slot.type == .datetime, case .dateTime(let dt)? = run.values[target.slot.name],
               let m = TemporalParser.parse(originalTail(of: clean, words: after.count), context: context.temporal) {
                switch m.value {
                case .time(let t), .timeRange(let t, _):
                    return .value(slot: target.slot.name, .dateTime(LocalDateTime(date: dt.date, time: t)))
                default: break
                }
            }
            // No usable value: ask that slot again, then come back.
            return .reask(slot: target.slot.name, unread: valueWords.isEmpty ? nil : valueText)
        }
        guard !marker.isEmpty else { return nil }
        // «me equivoqué, no es el Juan, es la Rosa»: the person named first is swapped for the
        // other in the people field that holds them.
        // («no es la Marcela, es la Rosa»: the «no» that opens it is the marker.)
        if let swap = personSwap(marker == ["no"] ? ["no"] + rest : rest, clean: clean, run: run, flow: flow, context: context) { return swap }
        // "no, mejor que lo haga Pedro": the latest answered people slot, with the names after those words.
        var doer = rest.first == "mejor" ? Array(rest.dropFirst()) : rest
        if let lead = Self.doerLeads.first(where: { doer.starts(with: $0) }), doer.count > lead.count,
           let name = run.answered.last(where: { flow.slot(named: $0).map { $0.type == .people || $0.type == .person } ?? false }),
           let slot = flow.slot(named: name) {
            doer.removeFirst(lead.count)
            if case .value(let v) = SlotParser.parse(originalTail(of: clean, words: doer.count), slot: slot, context: context) {
                return .replace(slot: slot.name, v, say: "Corregido: \(slot.label), \(v.display(today: context.today)).")
            }
        }
        // "no, el 16": the value alone fits the latest answered typed slot.
        guard weakMarker || marker == ["me", "equivoque"] || marker == ["perdon"] else { return nil }
        // "no sé po" is a hedge, not a correction.
        if rest.first == "se" || rest.first == "sabria" || rest.first == "recuerdo" { return nil }
        // «uy verdad, mejor el jueves 4 de marzo»: «verdad», «cierto» agree with a warning; the value follows.
        // «no, era el jueves 10»: in a correction «era» says what was meant; the value is read
        // after it, as the field reads it (qa35 E: «era» read the day back to September).
        // «no era el miércoles, era el jueves 10», «no es el 9 sino el 10»: what is denied comes
        // first; the value is what follows the last copula (or «sino») after it (it read the
        // denied Wednesday, «Eso ya estaba así»).
        var meant = Array(rest.drop { $0 == "no" })
        if marker == ["no"], let first = meant.first, Self.meantCopulas.contains(first),
           let k = meant.indices.dropFirst(2).last(where: { Self.meantCopulas.contains(meant[$0]) || meant[$0] == "sino" }), k + 1 < meant.count {
            meant = Array(meant[(k + 1)...])
        } else {
            meant = rest
        }
        let valueText = originalTail(of: clean, words: meant.drop(while: Self.asideLeads.contains).drop(while: Self.meantCopulas.contains).count)
        // «no, nada más esta vez» to «¿una vez o se repite?»: when what follows answers the
        // question being asked, it is that answer, not a correction of something else.
        // Past tense or «la anterior» point back: «no, era 2» corrects what was answered before.
        if weakMarker, case .asking(let name) = run.phase, let slot = flow.slot(named: name),
           slot.type != .text, slot.type != .longtext, !rest.contains(where: Self.pointsBack.contains) {
            for candidate in [valueText, clean] where !candidate.isEmpty {
                switch SlotParser.parse(candidate, slot: slot, context: context) {
                case .value, .ambiguous:
                    // A field asked again from the review: the new answer corrects it.
                    return .answerCurrent(candidate, corrected: run.answered.contains(name))
                default:
                    continue
                }
            }
        }
        let digits = valueText.utf8.contains { $0 >= 0x30 && $0 <= 0x39 }
        // «no, quiero que Marta conduzca…» says what is wanted; it is no bare value for an earlier field.
        let wants = rest.contains(where: Self.wantWords.contains)
            // At the review, «el 2» is its second line, not a value; «el 11» past its last line
            // is a day («no, era el 11, el viernes» at «¿Guardo este acuerdo?»).
            || ((run.phase == .confirming || run.phase == .choosingEdit) && zip(rest, rest.dropFirst()).contains { w, n in
                ["el", "la"].contains(w) && Int(n).map { $0 >= 1 && $0 <= editable(run, flow: flow).count } == true
            })
        for name in run.answered.reversed() where !wants {
            // «no, era el 17, el 10 tenemos consejo» after a day and time: the new day, same hour
            // (what follows the first comma is why, not the value).
            if digits, let slot = flow.slot(named: name), slot.type == .datetime,
               let v = Self.dayKeepingHour(String(valueText.prefix { $0 != "," }), correcting: run.values[name], context: context) {
                return .replace(slot: slot.name, v, say: "Corregido.")
            }
            // «no, era a las 16» after a day and time: the same day at that hour.
            if digits, let slot = flow.slot(named: name), slot.type == .datetime, case .dateTime(let dt)? = run.values[name],
               let m = TemporalParser.parse(valueText, context: context.temporal), case .time(let t) = m.value {
                return .replace(slot: slot.name, .dateTime(LocalDateTime(date: dt.date, time: t)), say: "Corregido.")
            }
            guard let slot = flow.slot(named: name), slot.type != .text, slot.type != .longtext,
                  slot.type != .yesno, slot.type != .confirm, slot.type != .people, slot.type != .person,
                  // "trabajo en una escuela" holds no number: a number is written as one.
                  slot.type != .number || digits || rest.count <= 2,
                  // «no, van 2 horas de taller» at an update's review: a number with its unit is
                  // a quantity said, not the record's number (it picked agreement 2).
                  slot.type != .number || !Self.saysMeasure(rest, slot: slot),
                  // «no, era el viernes 4 en la tarde» at a meeting change's review: a day's
                  // number, after its weekday or month or said against another day, is no
                  // record's number (qa36: «No encuentro el encuentro 4»).
                  slot.type != .number || !digits || !Self.recordNumbers(in: valueText, dated: true).isEmpty,
                  // «no, la reunión es a las 16»: «la reunión» is the record talked about, not
                  // its type (it became a regular meeting and the hour was lost).
                  slot.type != .choice || !Self.namesRecordByKind(rest, slot: slot),
                  case .value(let v) = SlotParser.parse(valueText, slot: slot, context: context) else { continue }
            return .replace(slot: slot.name, Self.sameMonth(valueText, v, correcting: run.values[slot.name]), say: "Corregido.")
        }
        // «no, era la Silvia» at a review: only members named, so the people field holds them.
        if run.phase == .confirming || run.phase == .choosingEdit,
           case let names = Array(rest.drop { Self.personLeads.contains($0) }), !names.isEmpty, names.count <= 6,
           names.allSatisfy({ w in w == "y" || w == "e" || context.members.contains { Phrase($0).tokens.contains(w) } }),
           let name = run.answered.last(where: { flow.slot(named: $0).map { $0.type == .people || $0.type == .person } ?? false }),
           let slot = flow.slot(named: name),
           case .value(let v) = SlotParser.parse(originalTail(of: clean, words: names.count), slot: slot, context: context) {
            return .replace(slot: slot.name, v, say: "Corregido: \(slot.label), \(v.display(today: context.today)).")
        }
        // «no, es el acta firmada» to a free-text question: the answer is what follows the «no,».
        if marker == ["no"], case .asking(let name) = run.phase, let slot = flow.slot(named: name),
           slot.type == .text || slot.type == .longtext, clean.hasPrefix("no,") || clean.hasPrefix("No,") || clean.hasPrefix("no.") {
            let words = Array(rest.drop { ["es", "era", "son", "seria", "sera", "mejor", "pon", "pone", "anota"].contains($0) })
            let answerText = originalTail(of: clean, words: words.count)
            if Phrase(answerText).contentCount >= 1 { return .answerCurrent(answerText, corrected: false) }
        }
        return nil
    }

    /// A free-text question («¿Dónde será?») answered with a value of another field of the flow:
    /// - the field named, after words that add one more thing or a colon («ya, y también la hora:
    ///   a las 10», «y el día: el viernes 4»): read as «cambia <field> <value>»;
    /// - a bare day or hour, the whole message («a las 10», «el viernes 4 a las 9»): the flow's
    ///   answered day (and time) field, its other half kept.
    /// Only a value that reads as that field's: «la hora de colación» to the tabla stays the tabla.
    /// Nil for anything else (the answer to the question).
    func otherFieldAtText(_ clean: String, phrase: Phrase, slot: SlotDefinition, run: FlowRun, flow: FlowDefinition,
                          context: EngineContext) -> Correction? {
        let t = phrase.tokens
        guard !t.isEmpty, t.count <= 10 else { return nil }
        // «cambia la hora a las 10»: the field named after the verb.
        if Self.changeVerbs.contains(t[0]), t.count >= 3 {
            let c = readCorrection(clean, phrase: phrase, run: run, flow: flow, context: context)
            switch c {
            case .value(let name, _)?, .replace(let name, _, _)?: return name == slot.name ? nil : c
            default: return nil
            }
        }
        let lead = t.prefix { Self.alsoLeads.contains($0) }.count
        guard lead < t.count else { return nil }
        let answered = flow.slots.filter { run.values[$0.name] != nil && $0.name != slot.name }
        // «el nombre es CESFAM Quintero nomás» to «¿Tienen proyectos en común?»: an answered field
        // named first, with «es», restated (`restates`).
        let restated = lead == 0 && t.count >= 4 && Self.articleWords.contains(t[0])
            && answered.contains { s in
                guard let n = Self.formOpening(t.dropFirst(), of: s), 1 + n < t.count else { return false }
                return FieldNamePrefix.copulas.contains(t[1 + n])
            }
        // Two readings follow: a field named (after words that add it, or before a colon), or a
        // bare day or hour (only for a flow with a day or an hour already answered). Most answers
        // can be neither: said before the message is cut.
        // A colon's byte first: Foundation's search (~8k instructions) finds one only where it is.
        let namesField = lead > 0 || (TextFold.contains(clean, byte: UInt8(ascii: ":")) && clean.contains(":")) || restated
        let timed = answered.contains(where: { $0.type == .datetime || $0.type == .time || $0.type == .date })
        guard namesField || timed else { return nil }
        let rest = originalTail(of: clean, words: t.count - lead)
        let restTokens = Array(t[lead...])
        func other(_ c: Correction?) -> Correction? {
            switch c {
            case .value(let name, _)?, .replace(let name, _, _)?: name == slot.name ? nil : c
            default: nil
            }
        }
        // A field named: only after words that add it, or before a colon («la hora: a las 10»).
        if namesField, ["el", "la", "los", "las"].contains(restTokens[0]) || lead > 0,
           let moved = other(readCorrection("cambia " + rest, phrase: Phrase("cambia " + rest), run: run, flow: flow, context: context)),
           // The field is what is named first («y el día: el viernes 4»), never a word further on:
           // «tb está el profe Luis Huenchual, escuela El Manzano» brings another person, not this
           // one's school.
           case let name = Self.correctedSlot(moved), let named = flow.slot(named: name),
           let at = Self.formOpening(restTokens.drop { Self.articleWords.contains($0) }, of: named),
           !restated || Self.restates(restTokens, after: at, slot: named, run: run, context: context) {
            return moved
        }
        // A bare day or hour, all the message says.
        guard timed, let m = TemporalParser.parse(rest, context: context.temporal), m.alternatives.count <= 1, m.partOfDay == nil,
              case let said = Phrase(m.text).tokens, said.count == restTokens.count,
              // Said as a day or an hour («a las 10», «el viernes 4»), never digits alone («3 de 3»).
              said.contains(where: { w in w.contains(where: \.isLetter) && !["de", "del", "y", "e", "al"].contains(w) }) else { return nil }
        switch m.value {
        case .time(let time):
            if let s = answered.first(where: { $0.type == .datetime }), case .dateTime(let dt)? = run.values[s.name] {
                return .replace(slot: s.name, .dateTime(LocalDateTime(date: dt.date, time: time)), say: "Corregido.")
            }
            if let s = answered.first(where: { $0.type == .time }) { return .replace(slot: s.name, .time(time), say: "Corregido.") }
        case .date, .dateTime:
            if let s = answered.first(where: { $0.type == .datetime }),
               let v = Self.dayKeepingHour(rest, correcting: run.values[s.name], context: context) ?? {
                   if case .dateTime(let dt) = m.value { return .dateTime(dt) } else { return nil }
               }() {
                return .replace(slot: s.name, v, say: "Corregido.")
            }
            if let s = answered.first(where: { $0.type == .date }), case .date(let d) = m.value {
                return .replace(slot: s.name, .date(d), say: "Corregido.")
            }
        default:
            break
        }
        return nil
    }

    static let articleWords: Set<String> = ["el", "la", "los", "las"]

    /// The slot a correction changes.
    static func correctedSlot(_ c: Correction) -> String {
        switch c {
        case .value(let name, _), .replace(let name, _, _): name
        default: ""
        }
    }

    /// How many of `words`' first words name `slot` (its label, aliases or its type's words), or
    /// nil when they don't open with its name.
    static func formOpening<C: Collection>(_ words: C, of slot: SlotDefinition) -> Int? where C.Element == String {
        let w = Array(words)
        let forms = slot.nameForms + typeAliases(slot.type).map { [$0] }
        return forms.filter { f in !f.isEmpty && f.count < w.count && zip(f, w).allSatisfy { FieldNamePrefix.same($0, $1) } }
            .map(\.count).max()
    }

    /// «el nombre es CESFAM Quintero nomás», with no word that adds it: a correction only when the
    /// value reads as that field's and, for a free text, shares a word with what it holds (a fix of
    /// it). «la práctica es difícil de sostener» to «¿Qué no funcionó?» stays that answer.
    static func restates(_ tokens: [String], after at: Int, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Bool {
        guard slot.type == .text || slot.type == .longtext else { return true }
        let start = tokens.prefix { articleWords.contains($0) }.count + at + 1
        guard start < tokens.count, let held = run.values[slot.name]?.textValue else { return false }
        let old = Set(Phrase(held).stems.filter { $0.count > 2 })
        let said = Phrase(tokens[start...].joined(separator: " ")).stems.filter { $0.count > 2 }
        return said.contains(where: old.contains)
    }

    /// Words before one more thing said («ya, y también…», «además»).
    static let alsoLeads: Set<String> = ["ya", "y", "e", "tambien", "ademas", "pero", "igual", "ah", "ok", "oka", "dale", "bueno", "tb", "tmb"]

    /// «el plazo del acuerdo es el 20» while another flow runs on top: a flow below, named by a
    /// word of its title, and one of its answered slots.
    func readCorrectionBelow(_ clean: String, phrase: Phrase, state: DialogState?, context: EngineContext) -> Correction? {
        guard let state, state.stack.count > 1 else { return nil }
        let tokens = phrase.tokens
        guard tokens.count >= 3 else { return nil }
        let marked = Self.correctionMarkers.contains { tokens.starts(with: $0) }
            || zip(tokens, tokens.dropFirst()).contains { ($0 == "esta" || $0 == "quedo") && Self.wrongWords.contains($1) }
            || tokens.contains("es") || tokens.contains("era")
        guard marked else { return nil }
        let said = Set(tokens)
        for i in stride(from: state.stack.count - 2, through: 0, by: -1) {
            let run = state.stack[i]
            guard let flow = catalog.flow(run.flowID) else { continue }
            // The flow must be named: «del acuerdo», «de la reunión».
            let nouns = Set(Phrase(flow.title).tokens.filter { $0.count >= 5 && !Self.actionWords.contains($0) && !["registrar", "agendar", "actualizar", "escribir"].contains($0) })
            guard !nouns.isDisjoint(with: said) else { continue }
            for (k, token) in tokens.enumerated() {
                guard let slot = flow.slots.first(where: { s in
                    run.values[s.name] != nil && ([s.name, s.label] + s.aliases + Self.typeAliases(s.type)).map { Phrase($0).tokens.last ?? "" }
                        .contains { !$0.isEmpty && !nouns.contains($0) && Phrase.similar(Phrase.stem($0), Phrase.stem(token)) }
                }) else { continue }
                var after = Array(tokens.dropFirst(k + 1))
                if let w = after.lastIndex(where: Self.wrongWords.contains) { after = Array(after[(w + 1)...]) }
                let filler: Set<String> = ["del", "de", "la", "el", "es", "era", "sera", "queda", "a", "por", "que", "sea", "debe", "ser"]
                let valueWords = after.drop { filler.contains($0) || nouns.contains($0) }
                guard !valueWords.isEmpty else { continue }
                if case .value(let v) = SlotParser.parse(originalTail(of: clean, words: valueWords.count), slot: slot, context: context) {
                    return .inFlowBelow(stackIndex: i, slot: slot.name, v)
                }
                // «el plazo del acuerdo era el 14»: a day needs its article («14» alone is no date).
                if valueWords.count < after.count, case .value(let v) = SlotParser.parse(originalTail(of: clean, words: valueWords.count + 1), slot: slot, context: context) {
                    return .inFlowBelow(stackIndex: i, slot: slot.name, v)
                }
            }
        }
        return nil
    }

    public static let wrongWords: WordSet = ["mal", "malo", "mala", "equivocado", "equivocada", "incorrecto", "incorrecta", "errado", "errada"]

    /// Whether `t` says one of `slot`'s one-word options after «la»/«el» with more said of it
    /// («la reunión es a las 16»): the record itself, named by its kind, not that option.
    static func namesRecordByKind(_ t: [String], slot: SlotDefinition) -> Bool {
        t.indices.contains { i in
            saysRecordByKind(t, at: i) && slot.choices.contains { c in ([c.label] + c.synonyms).contains { Phrase($0).tokens == [t[i]] } }
        }
    }

    /// Whether the one word at `i` follows «la»/«el» with two or more words after it: «la
    /// reunión es a las 16» talks of the record by its kind, not of the option «reunión».
    static func saysRecordByKind(_ t: [String], at i: Int) -> Bool {
        i > 0 && i + 2 < t.count && (t[i - 1] == "la" || t[i - 1] == "el")
    }

    /// `text` answering the choice `name` again from the review, tried on a copy of `state`:
    /// the state and what was said when the answer, still in this flow with no check pending,
    /// changed the choice and some other field (the new date said with it); nil otherwise.
    /// Values of fields the new choice no longer asks (the advance of what is now rescheduled)
    /// are dropped, so the review shows only what is saved.
    func answeredAgain(_ name: String, text: String, run: FlowRun, flow: FlowDefinition, state: DialogState,
                       context: EngineContext) -> (DialogState, [Effect])? {
        var r = run
        r.values[name] = nil
        // What only the old option asked (the advance of what was in progress) goes with it,
        // before the review the answer may show.
        for dependent in flow.slots where dependent.condition == name && dependent.conditionValue != nil && r.values[dependent.name] != nil {
            Self.clear(dependent.name, in: &r, flow: flow)
        }
        r.returnToConfirm = true
        r.phase = .asking(name)
        r.check = nil
        r.misses = 0
        var trial = state, step: [Effect] = []
        trial.current = r
        let message = Utterance(text)
        execute(understand(message, state: trial, context: context), message: message, state: &trial, context: context, out: &step)
        guard let now = trial.current, now.flowID == run.flowID, now.check == nil, trial.pending == nil,
              let chosen = now.values[name], chosen != run.values[name] else { return nil }
        if now.values.contains(where: { k, v in k != name && run.values[k] != v }) { return (trial, step) }
        // «no, ya la acordamos con Luis y Marta»: the option, then the answer to the question it
        // opens (who agreed), read at that question (issue 12: the names were lost and asked).
        guard case .asking(let next) = now.phase, let nextSlot = flow.slot(named: next), nextSlot.condition == name,
              let choiceSlot = flow.slot(named: name), let tail = afterChoice(text, chosen: chosen, slot: choiceSlot) else { return nil }
        if case .say(let last)? = step.last, last == question(nextSlot, run: now, context: context) { step.removeLast() }
        if step.isEmpty { step.append(.say("Corregido.")) }
        let rest = Utterance(tail)
        execute(understand(rest, state: trial, context: context), message: rest, state: &trial, context: context, out: &step)
        guard let after = trial.current, after.flowID == run.flowID, trial.pending == nil else { return nil }
        if after.values[next] != nil { return (trial, step) }
        if case .newPeople? = after.check { return (trial, step) }
        return nil
    }

    /// The words of `text` after the option `chosen` of `slot` is said («con Luis y Marta» in «ya
    /// la acordamos con Luis y Marta»), without the words that join them; nil when nothing follows.
    func afterChoice(_ text: String, chosen: SlotValue, slot: SlotDefinition) -> String? {
        guard case .choice(let value) = chosen, let c = slot.choices.first(where: { $0.value == value }) else { return nil }
        let t = Phrase(text).tokens
        var end: Int?
        for form in [c.label] + c.synonyms {
            let f = Phrase(form).tokens
            guard !f.isEmpty, f.count <= t.count else { continue }
            for i in 0...(t.count - f.count) where Array(t[i..<(i + f.count)]) == f {
                if end.map({ i + f.count > $0 }) ?? true { end = i + f.count }
            }
        }
        guard var k = end, k < t.count else { return nil }
        while k < t.count, ["con", "entre", "por", "y", "de", "pal", "para", "pa"].contains(t[k]) { k += 1 }
        let words = t.count - k
        guard words > 0 else { return nil }
        let tail = originalTail(of: text, words: words)
        return tail.isEmpty ? nil : tail
    }

    /// Whether `slot`'s condition (another slot's value) holds in `run`.
    func conditionHolds(_ slot: SlotDefinition, run: FlowRun) -> Bool {
        guard let cond = slot.condition else { return true }
        guard let v = run.values[cond] else { return false }
        guard let want = slot.conditionValue else { return true }
        let have: String = switch v {
        case .bool(let b): b ? "si" : "no"
        default: v.textValue.map { TextFold.fold($0) } ?? ""
        }
        return have == TextFold.fold(want)
    }

    /// «no, el plazo es el 4 de diciembre», «no, el plazo es el 35» to «¿Agrego a Marcela?
    /// (sí/no)»: a correction of another field while people wait to be added is applied (or
    /// refused, with why, the field keeping its value), and the pending question is asked again
    /// (README's flow: the question was dropped, the plazo asked anew, and Marcela silently not
    /// added). False when the correction is no such one (it is carried out as usual).
    func correctAtCheck(_ correction: Correction, run: FlowRun, flow: FlowDefinition, state: inout DialogState,
                        context: EngineContext, out: inout [Effect]) -> Bool {
        guard let check = run.check, case .newPeople(let checked, _, _, _) = check else { return false }
        let name: String, said: SlotValue?, unread: String?
        switch correction {
        case .value(let n, let v), .replace(let n, let v, _): (name, said, unread) = (n, v, nil)
        case .reask(let n, let u?): (name, said, unread) = (n, nil, u)
        default: return false
        }
        guard name != checked, let slot = flow.slot(named: name) else { return false }
        let today = context.today
        let stays = run.values[name].map { " Dejo \(slot.label): \($0.display(today: today, choices: slot.choices))." } ?? ""
        if let said {
            if let problem = violation(said, slot: slot, run: run, context: context) {
                // (A past day asks whether to keep it: one question at a time, so the usual way.)
                if problem.isQuestion { return false }
                out.append(.say(problem.message + stays))
            } else {
                let verdict = context.extensions[flow.id]?.validate(said, slot: slot, run: run, context: context) ?? .accept
                if verdict.endsFlow { return false }
                if let kept = verdict.kept(said) {
                    var r = run
                    set(kept, for: name, in: &r)
                    for (k, v) in verdict.others { set(v, for: k, in: &r) }
                    state.current = r
                    out.append(.say("Corregido: \(slot.label), \(kept.display(today: today, choices: slot.choices))."))
                    out += verdict.remarks.map(Effect.say)
                } else {
                    out += verdict.remarks.map(Effect.say)
                    if !stays.isEmpty { out.append(.say(String(stays.dropFirst()))) }
                }
            }
        } else if let unread {
            out.append(.say(Self.unreadNote(unread, slot: slot) + stays))
        }
        out.append(.say(checkQuestion(check, context: context)))
        return true
    }

    /// Why a value said for `slot` was not taken: «El 35 no es un día del mes.» for a day that no
    /// month has, else «No entendí «…» como fecha.».
    static func unreadNote(_ unread: String, slot: SlotDefinition) -> String {
        if [.date, .datetime].contains(slot.type), let n = numbers(in: unread).first(where: { $0 > 31 && $0 < 100 }) {
            return "El \(n) no es un día del mes."
        }
        return "No entendí «\(unread)» como \(slot.type.noun)."
    }

    /// Carries out a correction read by `readCorrection`.
    func apply(_ correction: Correction, run: FlowRun, flow: FlowDefinition, state: inout DialogState,
               context: EngineContext, out: inout [Effect]) {
        if correctAtCheck(correction, run: run, flow: flow, state: &state, context: context, out: &out) { return }
        switch correction {
        case .value(let name, let v):
            guard let slot = flow.slot(named: name) else { return }
            if unchanged(v, slot: slot, run: run, context: context, out: &out) {
                reprompt(run, flow: flow, context: context, out: &out)
                return
            }
            var r = run
            r.values[name] = nil
            r.returnToConfirm = run.phase == .confirming || run.phase == .choosingEdit || run.returnToConfirm
            r.phase = .asking(name)
            state.current = r
            out.append(.say("Corregido."))
            accept(v, slot: slot, flow: flow, state: &state, context: context, out: &out)
        case .reask(let name, let unread):
            guard let slot = flow.slot(named: name) else { return }
            // «cambiar la tabla» at a review: a list shows its items to change, as its number
            // does (they were dropped, and the first item asked for as if there were none).
            if unread == nil, run.phase == .confirming || run.phase == .choosingEdit || run.returnToConfirm, Self.editsAsList(slot),
               let items = run.values[name]?.listValue, items.count >= (slot.isList ? 1 : 2) {
                reask(slot, run: run, state: &state, context: context, out: &out)
                return
            }
            var r = run
            r.values[name] = nil
            r.answered.removeAll { $0 == name }
            r.returnToConfirm = run.phase == .confirming || run.phase == .choosingEdit
            r.phase = .asking(name)
            r.check = nil
            r.misses = 0
            state.current = r
            out.append(.say(unread.map { "No entendí «\($0)» como \(slot.type.noun)." } ?? "Cambiemos \(slot.label)."))
            out.append(.say(question(slot, run: r, context: context)))
        case .replace(let name, let v, let say):
            guard let slot = flow.slot(named: name) else { return }
            if unchanged(v, slot: slot, run: run, context: context, out: &out) {
                reprompt(run, flow: flow, context: context, out: &out)
                return
            }
            replace(v, slot: slot, run: run, flow: flow, say: say, state: &state, context: context, out: &out)
        case .inFlowBelow(let index, let name, let v):
            guard state.stack.indices.contains(index), let below = catalog.flow(state.stack[index].flowID),
                  let slot = below.slot(named: name) else { return }
            var other = state.stack[index]
            let verdict = context.extensions[below.id]?.validate(v, slot: slot, run: other, context: context) ?? .accept
            guard let kept = verdict.kept(v) else {
                out += verdict.remarks.map(Effect.say)
                reprompt(run, flow: flow, context: context, out: &out)
                return
            }
            set(kept, for: name, in: &other)
            for (k, value) in verdict.others { set(value, for: k, in: &other) }
            state.stack[index] = other
            out.append(.say("Corregido en «\(below.title)»: \(slot.label), \(kept.display(today: context.today, choices: slot.choices))."))
            out += verdict.remarks.map(Effect.say)
            reprompt(run, flow: flow, context: context, out: &out)
        case .fields(let text):
            let edits = reviewEdits(text, run: run, flow: flow)
            // This question's answer with another field's value after it (`labelledTail`), unless
            // the message names two answered fields with their values («está malo, el nombre es X
            // y la comuna es Y»).
            if edits.filter({ $0.value != nil }).count < 2, case .asking(let name) = run.phase, let slot = flow.slot(named: name),
               slot.type == .text || slot.type == .longtext, let tail = labelledTail(text, slot: slot, flow: flow, context: context) {
                let head = ReviewEdit(slot: slot, value: tail.head), field = ReviewEdit(slot: tail.field, value: tail.value)
                // «Luis prepara la pauta y el responsable es Marta»: when the head's own reading
                // fills that field too, the labelled value goes first and the head reads around it
                // (after it, it was a change of the head's value, and rewrote the head's words).
                var trial = state, ignored: [Effect] = []
                applyReviewEdits([head], run: run, flow: flow, state: &trial, context: context, out: &ignored)
                let headFills = trial.current.map { $0.flowID == run.flowID && $0.values[tail.field.name] != run.values[tail.field.name] } ?? false
                applyReviewEdits(headFills ? [field, head] : [head, field], run: run, flow: flow, state: &state, context: context, out: &out)
                return
            }
            applyReviewEdits(edits, run: run, flow: flow, state: &state, context: context, out: &out)
        case .thenRest(let first, let rest):
            var step: [Effect] = []
            apply(first, run: run, flow: flow, state: &state, context: context, out: &step)
            // Back at the question it asked (the correction done): its question, said again after
            // the correction, gives way to the rest read as its own message.
            guard let now = state.current, now.flowID == run.flowID, now.phase == run.phase,
                  state.pending == nil, case .asking(let name) = now.phase, let slot = flow.slot(named: name) else {
                out += step
                return
            }
            if case .say(let last)? = step.last, last == question(slot, run: now, context: context) { step.removeLast() }
            out += step
            let message = Utterance(rest)
            execute(understand(message, state: state, context: context), message: message, state: &state, context: context, out: &out)
        case .answerAgain(let name, let text, let otherwise):
            if let (taken, step) = answeredAgain(name, text: text, run: run, flow: flow, state: state, context: context) {
                state = taken
                out += step
                return
            }
            apply(otherwise, run: run, flow: flow, state: &state, context: context, out: &out)
        case .answerCurrent(let text, let corrected):
            guard case .asking(let name) = run.phase, let slot = flow.slot(named: name) else { return }
            var step: [Effect] = []
            answer(text, slot: slot, run: run, flow: flow, state: &state, context: context, out: &step)
            // «Corregido.» only when the answer was taken (not when it is asked again).
            let taken = state.current.map { $0.flowID != run.flowID || ($0.values[name] != nil && $0.values[name] != run.values[name]) } ?? true
            if corrected && taken { out.append(.say("Corregido.")) }
            out += step
        }
    }

    /// A «correction» to the value the field already has changes nothing: saying «Corregido.»
    /// would be false, so Minga says the field already was so. True when that is the case.
    func unchanged(_ v: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext, out: inout [Effect]) -> Bool {
        guard let old = run.values[slot.name], old == v else { return false }
        out.append(.say("Eso ya estaba así: \(slot.label), \(old.display(today: context.today, choices: slot.choices))."))
        return true
    }

    /// «no, era el 12» correcting «la otra semana» (1 December): a day said alone is that day of
    /// the month of the date it corrects, not of the month the calendar would pick from today.
    /// True when `tokens` say a number with a unit («2 horas», «3 semanas») that is not the
    /// slot's own (a slot labelled in «personas» keeps «25 personas»).
    static func saysMeasure(_ tokens: [String], slot: SlotDefinition) -> Bool {
        tokens.indices.contains { i in
            i + 1 < tokens.count && Int(tokens[i]) != nil && measureUnits.contains(tokens[i + 1])
                && !([slot.name, slot.label] + slot.aliases).contains { Phrase($0).tokens.contains(tokens[i + 1]) }
        }
    }

    static func sameMonth(_ text: String, _ parsed: SlotValue, correcting old: SlotValue?) -> SlotValue {
        var words = Phrase(text).tokens.filter { !dayAloneFiller.contains($0) }
        // «era el 11, el viernes»: the weekday said with the day only has to agree with it.
        let weekday = words.count == 2 ? weekdayNames.firstIndex(of: words[1]).map { $0 + 1 } : nil
        if weekday != nil { words.removeLast() }
        guard words.count == 1, let day = Int(words[0]), (1...31).contains(day) else { return parsed }
        let before: LocalDate
        switch old {
        case .date(let d)?: before = d
        case .dateTime(let dt)?: before = dt.date
        default: return parsed
        }
        guard LocalDate.isValid(year: before.year, month: before.month, day: day) else { return parsed }
        let d = LocalDate(year: before.year, month: before.month, day: day)
        if let weekday, d.weekday != weekday { return parsed }
        switch parsed {
        case .date: return .date(d)
        case .dateTime(let dt): return .dateTime(LocalDateTime(date: d, time: dt.time))
        default: return parsed
        }
    }

    /// «el jueves 17», «era el 17» correcting a day and time: that day at the hour it had (a day
    /// alone in the month of the one it corrects); nil when the words say no day or say an hour.
    static func dayKeepingHour(_ text: String, correcting old: SlotValue?, context: EngineContext) -> SlotValue? {
        guard case .dateTime(let dt)? = old, let m = TemporalParser.parse(text, context: context.temporal),
              case .date(let d) = m.value, m.alternatives.count <= 1,
              case .date(let day) = sameMonth(m.text, .date(d), correcting: old) else { return nil }
        return .dateTime(LocalDateTime(date: day, time: dt.time))
    }

    /// Words before the people a correction names instead: «no, era la Silvia», «no, son el Juan y…».
    static let personLeads: WordSet = ["es", "era", "son", "eran", "sino", "mejor", "el", "la", "los", "las", "po", "pues", "que", "lo", "hace", "ve"]

    /// First words of a clause that agrees with a warning before the correction that follows it.
    static let agreeingOpeners: WordSet = ["ah", "ahh", "oh", "verdad", "cierto", "chuta", "pucha", "puchas", "tienes", "tiene", "oops", "ups"]

    /// Words that agree with what Minga just said before a correction: «uy verdad, …», «ah cierto, …».
    static let asideLeads: WordSet = ["verdad", "cierto", "es", "tienes", "tiene", "razon", "ah", "oh", "bueno", "pucha", "chuta"]

    static let weekdayNames = ["lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo"]

    static let dayAloneFiller: WordSet = ["el", "dia", "era", "es", "sera", "seria", "para", "pal", "pa", "a", "al", "no", "mejor", "sino", "po", "del", "mes", "ese", "mismo"]

    static let pointsBack: WordSet = ["era", "eran", "fue", "fueron", "anterior", "antes", "dije", "puse", "escribi", "quise"]

    /// The last `words` words of the original text (accents and case kept).
    func originalTail(of clean: String, words: Int) -> String {
        guard words > 0 else { return "" }
        // Folded tokens and original words line up closely enough for the tail we need.
        let original = TextFold.spaceSeparated(clean)
        // The tail is `original[from...]`: found from the end, without an array of it.
        var from = original.count
        var count = 0
        for k in original.indices.reversed() {
            // The words of the phrase it makes, counted without making it.
            let w = original[k]
            let n = max(1, TextFold.foldedWordCount(w))
            assert(n == max(1, Phrase(String(w)).tokens.count), "foldedWordCount counted «\(w)» otherwise")
            if count + n > words && count > 0 { break }
            from = k
            count += n
            if count >= words { break }
        }
        // Every word, in a message with one space between words and none at its ends (most
        // answers): the words joined are the message itself.
        if from == 0, !original.isEmpty, Self.spaceBytes(clean) == original.count - 1 {
            assert(original.joined(separator: " ") == clean, "originalTail: «\(clean)» is not its words joined")
            return clean
        }
        return original[from...].joined(separator: " ")
    }

    /// How many space bytes `text` holds (on its bytes in place).
    static func spaceBytes(_ text: String) -> Int {
        func count(_ b: some Sequence<UInt8>) -> Int {
            var n = 0
            for c in b where c == 0x20 { n += 1 }
            return n
        }
        return text.utf8.withContiguousStorageIfAvailable(count) ?? count(text.utf8)
    }

    // MARK: - Confirmation

    /// In a review: «el 1 quedó raro, es: …» fixes that field, and «acuerdo», the name of a field
    /// Minga offered, picks it (not «de acuerdo»). True when the message did either.
    func fixesField(_ clean: String, phrase: Phrase, run: FlowRun, flow: FlowDefinition, state: inout DialogState,
                    context: EngineContext, out: inout [Effect]) -> Bool {
        // «faltó yo en los asistentes», «falta la Marisol en la lista de asistentes»: one more in that list.
        if let (slot, said) = missingFromList(clean, phrase: phrase, run: run, flow: flow) {
            editListAtReview("agrega " + said, slot: slot, run: run, flow: flow, state: &state, context: context, out: &out)
            return true
        }
        // «y también a Jorge Llanquileo de la escuela Pedregoso, es director»: one more person
        // for the record's one people field (issue 12: «¿Lo guardo?» again, he was lost).
        if let (slot, said) = alsoPerson(clean, phrase: phrase, run: run, flow: flow, context: context) {
            editListAtReview("agrega " + said, slot: slot, run: run, flow: flow, state: &state, context: context, out: &out)
            return true
        }
        // «saca lo de todos los directores del texto»: those words out of that field.
        if let removal = removalAtReview(clean, phrase: phrase, run: run, flow: flow) {
            applyReviewEdits([removal], run: run, flow: flow, state: &state, context: context, out: &out)
            return true
        }
        // «la segunda mejor que sea avisar con dos días»: that item of the list, replaced.
        if let (slot, change) = ordinalItemAtReview(clean, phrase: phrase, run: run, flow: flow) {
            editListAtReview(change, slot: slot, run: run, flow: flow, state: &state, context: context, out: &out)
            return true
        }
        // «agrega cierre de año a la tabla», «saca la 2 de la tabla»: that list's items change.
        if let slot = reviewListEdit(phrase, run: run, flow: flow) {
            editListAtReview(clean, slot: slot, run: run, flow: flow, state: &state, context: context, out: &out)
            return true
        }
        var edits = reviewEdits(clean, run: run, flow: flow)
        // «sin tabla y mejor en la escuela El Maqui»: the clause after the field left blank is a
        // change of its own (a place said alone); one that can't be read changes nothing, and
        // that is said (it was dropped, the tabla cleared alone).
        if edits.count == 1, edits[0].clears, phrase.tokens.first == "sin" {
            let words = clean.split(separator: " ").map(String.init)
            // (The clause after it opens with «y», or follows a comma: «sin tabla, la conduce Pedro».)
            if let cut = words.indices.dropFirst(2).first(where: { ["y", "e"].contains(Phrase(words[$0]).core) || words[$0 - 1].hasSuffix(",") }) {
                var rest = words[cut...]
                if let w = rest.first, ["y", "e"].contains(Phrase(w).core) { rest = rest.dropFirst() }
                let said = rest.joined(separator: " ")
                if Phrase(said).tokens.count >= 2, !["porque", "pq", "ya", "todavia", "aun", "por", "no"].contains(Phrase(said).tokens[0]) {
                    // «sin tabla y que pedro la conduzca»: a change the flow reads in its own terms
                    // at its review (who leads) goes with the field left blank.
                    if placeAtReview(said, phrase: Phrase(said), run: run, flow: flow, context: context) == nil,
                       case .fill(let values, let remark, let partials)? = context.extensions[flow.id]?.reviewChange(Utterance(said), run: run, context: context),
                       !values.isEmpty, values[edits[0].slot.name] == nil, edits[0].slot.optional {
                        var r = run
                        set(nil, for: edits[0].slot.name, in: &r)
                        if !r.skipped.contains(edits[0].slot.name) { r.skipped.append(edits[0].slot.name) }
                        state.current = r
                        let blank = "\(edits[0].slot.label.prefix(1).uppercased() + edits[0].slot.label.dropFirst()) en blanco."
                        apply(.fill(values, remark: remark.map { blank + " " + $0 } ?? blank, partials: partials), run: r, flow: flow, state: &state, context: context, out: &out)
                        return true
                    }
                    guard let more = placeAtReview(said, phrase: Phrase(said), run: run, flow: flow, context: context) else {
                        out.append(.say("No entendí qué cambio con «\(said)», así que no cambié nada. Dímelo de a una cosa, por ejemplo «el lugar es …»."))
                        ask(run, flow: flow, context: context, out: &out)
                        return true
                    }
                    edits.append(more)
                }
            }
        }
        if !edits.isEmpty {
            applyReviewEdits(edits, run: run, flow: flow, state: &state, context: context, out: &out)
            return true
        }
        if let place = placeAtReview(clean, phrase: phrase, run: run, flow: flow, context: context) {
            applyReviewEdits([place], run: run, flow: flow, state: &state, context: context, out: &out)
            return true
        }
        // «la ana, no el pedro» with Pedro in two fields: which one is asked, nothing guessed.
        if phrase.tokens.contains("no"), let (denied, fields) = ambiguousContrast(clean, run: run, flow: flow) {
            var r = run
            r.phase = .choosingEdit
            state.current = r
            let labels = fields.map { $0.label.lowercased() }
            let names = labels.dropLast().joined(separator: ", ") + " o " + labels.last!
            out.append(.say("«\(denied)» está en más de un dato (\(names)). ¿Cuál quieres cambiar? Dime el número:\n" + summary(run, flow: flow, context: context, numbered: true)))
            return true
        }
        return phrase.tokens.count == 1 && editable(run, flow: flow).contains(where: { $0.labelWord == phrase.tokens[0] })
            && pickEdit(clean, phrase: phrase, run: run, flow: flow, state: &state, context: context, out: &out)
    }

    /// «no, nada de eso», «que? no, olvídalo», «nada que ver»: a «no» to everything proposed,
    /// with nothing else said (the words after the interjections and the «no» are only these).
    static func refusesWhole(_ phrase: Phrase) -> Bool {
        let t = phrase.tokens
        guard t.count >= 2, t.count <= 7 else { return false }
        let rest = t.drop { ["que", "q", "como", "eh", "ah", "no", "noo", "nop", "pero", "oye", "uy", "ya"].contains($0) }
        guard rest.count < t.count, t.contains(where: { isNo($0) }) || rest.first == "nada" else { return false }
        return refusalTails.contains(rest.joined(separator: " "))
    }

    static let refusalTails: Set<String> = ["nada de eso", "nada que ver", "nada", "olvidalo", "olvidala", "dejalo", "dejala", "dejalo asi",
                                            "eso no", "no era eso", "era eso no", "nada de nada", "para nada", "ni ahi", "nada de eso po"]

    /// «y también a Jorge…», «también la Rosa», «y a la profe Carmen» at a review whose record
    /// has one answered people field: that field and who is added (the words after the lead).
    /// Nil for anything else, or when the words are no people (the field's parse decides).
    func alsoPerson(_ clean: String, phrase: Phrase, run: FlowRun, flow: FlowDefinition, context: EngineContext) -> (SlotDefinition, String)? {
        let t = phrase.tokens
        // Cheap gate: the message opens with «y» or «también».
        guard t.count >= 3, t[0] == "y" || t[0] == "tambien" || t[0] == "tb" || t[0] == "tmb" else { return nil }
        var k = 0
        if t[k] == "y" { k += 1 }
        let also = ["tambien", "tb", "tmb"].contains(t[k])
        if also { k += 1 }
        // «y a la Rosa»: without «también», only «a» before the person says it is one more.
        guard k < t.count, also || t[k] == "a" else { return nil }
        let people = editable(run, flow: flow).filter { $0.type == .people && run.values[$0.name] != nil }
        guard people.count == 1, k < t.count else { return nil }
        let said = originalTail(of: clean, words: t.count - k)
        let who = t[k] == "a" ? originalTail(of: clean, words: t.count - k - 1) : said
        guard !who.isEmpty, case .value = SlotParser.parse(who, slot: people[0], context: context) else { return nil }
        return (people[0], said)
    }

    func answerConfirm(_ clean: String, phrase: Phrase, run: FlowRun, flow: FlowDefinition, state: inout DialogState,
                       context: EngineContext, out: inout [Effect]) {
        // «no tengo más», «nada, guárdalo así», «así está bien»: nothing to change (a «no» read
        // first asked what to change); «está todo malo»: every field again, one by one.
        if let verdict = ReviewVerdict.of(phrase), approvalReadsAtReview(run, flow: flow, context: context) {
            switch verdict {
            case .approves: complete(state: &state, flow: flow, context: context, out: &out)
            case .allWrong: walkFieldsAgain(run: run, flow: flow, state: &state, context: context, out: &out)
            }
            return
        }
        if fixesField(clean, phrase: phrase, run: run, flow: flow, state: &state, context: context, out: &out) { return }
        // «¿Las corrijo?» — «que? no, nada de eso», «no, olvídalo»: the change proposed is refused
        // whole, and the record stays as it was (qa36 A: «¿Lo guardo?» again).
        if Self.refusesWhole(phrase), context.extensions[flow.id]?.declineKeeps(run, context: context) == true {
            endUnsaved(saying: "Bien, lo dejo como estaba.", state: &state, context: context, out: &out)
            return
        }
        // «lánzalo» to «¿Lanzo el sondeo?»: a yes in the review's own verb, which only the flow knows.
        if let yes = YesNo.parse(clean) ?? (context.extensions[flow.id]?.confirmsInOwnWords(phrase, run: run, context: context) == true ? true : nil) {
            if yes {
                complete(state: &state, flow: flow, context: context, out: &out)
            } else if Self.forbidsRemoving(phrase) {
                // «¿Lo borro?» — «noo no lo borres!!»: the removing itself is refused, nothing to change.
                endUnsaved(saying: "Bien, no lo hago: queda como estaba.", state: &state, context: context, out: &out)
            } else if phrase.tokens.count <= 2, context.extensions[flow.id]?.declineKeeps(run, context: context) == true {
                // «¿Lo cambio?» — «no»: it stays as it was.
                endUnsaved(saying: "Bien, lo dejo como estaba.", state: &state, context: context, out: &out)
            } else if let only = Self.onlyField(editable(run, flow: flow)) {
                // One field only: nothing to choose, it is asked again as if picked.
                reask(only, run: run, state: &state, context: context, out: &out)
            } else {
                var r = run
                r.phase = .choosingEdit
                state.current = r
                out.append(.say("¿Qué quieres cambiar? Dime el número o el nombre del dato:\n" + summary(run, flow: flow, context: context, numbered: true)))
            }
            return
        }
        if pickEdit(clean, phrase: phrase, run: run, flow: flow, state: &state, context: context, out: &out) { return }
        // A bare value that fits exactly one typed field ("30 de noviembre") corrects that field.
        // A number inside a sentence («faltan las otras 3 escuelas») is no new value for a number field.
        let fits = editable(run, flow: flow).filter { ![.text, .longtext, .yesno, .confirm, .people, .person, .choice].contains($0.type)
            && ($0.type != .number || phrase.tokens.count <= 3) }.compactMap { slot -> (SlotDefinition, SlotValue)? in
            if case .value(let v) = SlotParser.parse(clean, phrase: phrase, slot: slot, context: context) { return (slot, v) }
            return nil
        }
        if fits.count == 1, let (slot, value) = fits.first {
            var r = run
            r.values[slot.name] = nil
            r.phase = .asking(slot.name)
            r.returnToConfirm = true
            state.current = r
            out.append(.say("Corregido."))
            accept(value, slot: slot, flow: flow, state: &state, context: context, out: &out)
            return
        }
        if phrase.isOne(of: Self.hedges) {
            out.append(.say("No hay apuro: cuando lo tengas claro, respóndeme «sí» o «no»."))
            return
        }
        // «gracias!» at the review: the person may leave believing it saved (pass 8, 02-12).
        if phrase.tokens.contains(where: { $0.hasPrefix("graci") || $0 == "grax" }), phrase.tokens.count <= 4 {
            out.append(.say("¡De nada! Ojo, que todavía no lo guardo: responde «sí» para guardarlo, o dime el número de lo que quieres cambiar."))
            return
        }
        out.append(.say("¿Lo guardo? Responde «sí» para guardar, o dime el número de lo que quieres cambiar (por ejemplo «2»)."))
    }

    /// «no lo borres», «no la saques», «no borres nada»: a negative command of removing
    /// (subjunctive «-es»/«-as» after a removing stem), said with a «no».
    static func forbidsRemoving(_ phrase: Phrase) -> Bool {
        let t = phrase.tokens
        guard t.contains("no") else { return false }
        return t.contains { w in
            ["borr", "elimin", "saqu", "quit", "suspend", "anul"].contains { w.hasPrefix($0) }
                && (w.hasSuffix("es") || w.hasSuffix("as") || w.hasSuffix("en") || w.hasSuffix("an")) && w.count <= 11
        }
    }

    /// The field to ask again when the review shows just one.
    static func onlyField(_ fields: [SlotDefinition]) -> SlotDefinition? { fields.count == 1 ? fields[0] : nil }

    func answerEditChoice(_ clean: String, phrase: Phrase, run: FlowRun, flow: FlowDefinition, state: inout DialogState,
                          context: EngineContext, out: inout [Effect]) {
        if ReviewVerdict.of(phrase) == .allWrong, approvalReadsAtReview(run, flow: flow, context: context) {
            walkFieldsAgain(run: run, flow: flow, state: &state, context: context, out: &out)
            return
        }
        if fixesField(clean, phrase: phrase, run: run, flow: flow, state: &state, context: context, out: &out) { return }
        if YesNo.parse(clean) == false || ReviewVerdict.of(phrase) == .approves || phrase.isOne(of: ["nada", "ninguno", "ninguna", "esta bien", "todo bien"]) {
            var r = run
            r.phase = .confirming
            state.current = r
            ask(r, flow: flow, context: context, out: &out)
            return
        }
        if pickEdit(clean, phrase: phrase, run: run, flow: flow, state: &state, context: context, out: &out) { return }
        out.append(.say("Dime el número del dato que quieres cambiar:\n" + summary(run, flow: flow, context: context, numbered: true)))
    }

    /// "2" or "el plazo" at the confirmation: re-asks that field, then returns to the summary.
    func pickEdit(_ clean: String, phrase: Phrase, run: FlowRun, flow: FlowDefinition, state: inout DialogState,
                  context: EngineContext, out: inout [Effect]) -> Bool {
        let fields = editable(run, flow: flow)
        let choices = fields.map { Choice(value: $0.name, label: $0.label, synonyms: [$0.name] + $0.aliases + Self.typeAliases($0.type)) }
        guard let pick = SlotParser.choice(in: clean, choices: choices), let slot = flow.slot(named: pick.value) else { return false }
        reask(slot, run: run, state: &state, context: context, out: &out)
        return true
    }

    /// Asks `slot` again from the review, which comes back after the answer. Its old value is
    /// kept aside (`replacing`) for the flow to compare; a list shows its items to change.
    func reask(_ slot: SlotDefinition, run: FlowRun, state: inout DialogState, context: EngineContext, out: inout [Effect]) {
        var r = run
        if let old = r.values[slot.name] { r.replacing = [slot.name: old] }
        r.values[slot.name] = nil
        r.phase = .asking(slot.name)
        r.returnToConfirm = true
        r.misses = 0
        // A list keeps its items: they are shown, and what is said next changes them.
        if Self.editsAsList(slot), let items = run.values[slot.name]?.listValue, items.count >= (slot.isList ? 1 : 2) {
            r.editingList = items
            state.current = r
            out.append(.say(listEditPrompt(items, slot: slot)))
            return
        }
        state.current = r
        out.append(.say(question(slot, run: r, context: context)))
    }


    /// Puts the current flow among the paused ones, says `message`, and goes back to the flow
    /// underneath if there is one (a pause, or a goodbye mid-flow).
    func pauseCurrent(saying message: String, state: inout DialogState, context: EngineContext, out: inout [Effect]) {
        guard var r = state.stack.popLast() else { return }
        r.misses = 0
        state.paused.append(r)
        out.append(.say(message))
        resumeOuter(state: state, context: context, out: &out)
    }
}
