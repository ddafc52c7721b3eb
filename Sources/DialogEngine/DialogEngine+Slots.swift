import CivilTime
import Understanding

extension DialogEngine {
    /// Pushes `flow`, fills what the request already says (the engine's reading of `remainder`,
    /// numbers and choices in `request`, the flow's own reading, `given` values), says what it
    /// understood in one line, checks every value, and asks the first missing slot.
    /// `prepareOnly`: the run is pushed with its values and the flow's remarks only, nothing said
    /// or asked (an item of a batch, shown with the others).
    func begin(_ flow: FlowDefinition, remainder: String?, request: String? = nil, given: SlotValues = [:],
               echo given_echo: [String] = [], state: inout DialogState, context: EngineContext, out: inout [Effect],
               prepareOnly: Bool = false) {
        let remainder = remainder.map { Self.withoutMisspeltTrigger($0, flow: flow) }
        let ext = context.extensions[flow.id]
        if let stop = ext?.blocker(context) {
            out.append(.say(stop))
            // «¿Escribimos primero el propósito?»: the flow that clears the way, offered.
            if !prepareOnly, let offer = ext?.blockerOffer(context).flatMap(catalog.flow) {
                state.pending = .switchFlow(flow: offer.id, text: offer.triggers.first ?? offer.title)
            }
            return
        }
        var run = FlowRun(flowID: flow.id, phase: .confirming)
        run.started = context.turn
        // What «deshacer» would undo is the last save before another flow began.
        state.lastSave = nil
        for slot in flow.slots { if let v = given[slot.name] { run.values[slot.name] = v; run.answered.append(slot.name) } }
        let opening = out.count
        if let intro = flow.intro, !prepareOnly { out.append(.say(intro)) }
        var echoes: [(slot: String?, text: String)] = given_echo.map { (nil, $0) }
        if let remainder { echoes += prefill(&run, flow: flow, remainder: remainder, request: request, context: context) }
        var extra: [String] = []
        if let request {
            // The flow's own reading of the request («cada 15 días los jueves» for a meeting).
            let own = ext?.prefill(request, flow: flow, run: run, context: context) ?? Prefill()
            if own.round { run.round = 1 }
            Self.apply(own, to: &run, echoes: &echoes)
            // Numbers and choices said with the request: "actualizar el acuerdo 3", "acta del encuentro 2".
            // The day of a date said with it is not one ("el acta del 2 de diciembre").
            let days = Set(run.values.values.compactMap { $0.dateValue?.day })
            var found: [String] = []
            // A slot the flow's own reading cleared («no está cumplido» is no state) stays empty.
            for slot in flow.slots where run.values[slot.name] == nil && !own.values.keys.contains(slot.name) {
                var value: SlotValue?
                if slot.type == .number, slot.rules.isEmpty,
                   let n = Self.recordNumbers(in: request, dated: !days.isEmpty).first(where: { !days.contains($0) }) {
                    value = .number(Double(n))
                } else if slot.type == .choice, let c = Self.choiceIn(request, slot: slot) {
                    value = .choice(c.value)
                }
                guard let value else { continue }
                run.values[slot.name] = value
                run.answered.append(slot.name)
                found.append("\(slot.label): \(value.display(today: context.today, choices: slot.choices))")
            }
            extra = own.echo + found.sorted()
        }
        var remarks = ext?.startRemarks(run, context: context) ?? []
        for (name, v) in ext?.defaults(run, context: context) ?? [:] where run.values[name] == nil {
            run.values[name] = v
        }
        // Every value the request gave is checked as an answer would be, in name order.
        for name in run.values.keys.sorted() {
            guard let slot = flow.slot(named: name), let value = run.values[name], let ext else { continue }
            let verdict = ext.validate(value, slot: slot, run: run, context: context)
            // «se llama X» when it already does: nothing to change, so the flow does not start.
            if verdict.endsFlow {
                out.removeSubrange(opening...)
                endUnchanged(verdict, pushed: false, state: &state, context: context, out: &out)
                return
            }
            remarks += verdict.remarks
            if verdict.quiet { echoes.removeAll { $0.slot == name } }
            // A value the flow rewrote («CESFAM de San Fabián, la contacta es…» → its name) is
            // echoed as kept, not as said.
            let kept = verdict.kept(value)
            if let now = kept, now != value, let i = echoes.firstIndex(where: { $0.slot == name }) {
                echoes[i].text = "\(slot.label): \(now.display(today: context.today, choices: slot.choices))"
            }
            set(kept, for: name, in: &run)
            // A value another one's check placed is said by that check, not by the first echo.
            for (k, v) in verdict.others {
                set(v, for: k, in: &run)
                echoes.removeAll { $0.slot == k }
            }
        }
        // «cambia el plazo del acuerdo 1 al viernes 19 de diciembre» when the 19th is a Saturday:
        // a day the flow's own reading took, of the two the words name, is asked as the engine's is.
        if run.check == nil, let request, let (name, options, shown) = doubtfulDayTaken(request, run: run, flow: flow, context: context) {
            if case .dateTime(let dt)? = run.values[name] { run.partials = [name: .time(dt.time)] }
            set(nil, for: name, in: &run)
            echoes.removeAll { $0.text.contains(shown) }
            extra.removeAll { $0.contains(shown) }
            remarks.removeAll { $0.contains(shown) }
            run.check = .whichDate(slot: name, options: options)
            run.phase = .asking(name)
        }
        let line = echoes.map(\.text) + extra
        if !line.isEmpty, !prepareOnly { out.append(.say("Anoté: " + line.joined(separator: "; ") + ".")) }
        out += remarks.map(Effect.say)
        for slot in flow.slots where slot.type == .people && run.values[slot.name] != nil { noteHowSaid(slot.name, in: &run, context: context) }
        state.stack.append(run)
        if prepareOnly { return }
        // «anota que la Rosa Huenchuman, de la escuela Lolocura, manda…»: what the request says of
        // members already in the network completes their records, as an answer's would.
        if !context.inBatch {
            for slot in flow.slots where slot.type == .people {
                if let names = run.values[slot.name]?.listValue, !names.isEmpty { completeKnown(names, state: &state, context: context, out: &out) }
            }
        }
        // A past date said with the request (kept or not), or a day that names two: asked before anything else.
        if let check = run.check, check.isDateCheck {
            out.append(.say(checkQuestion(check, context: context)))
            return
        }
        // People the request names who are not in the network yet («Jorge y la profe Carmen
        // preparan…»): offered to it once, in one question for them all, as an answer naming them
        // would be (pass 11, fixD A2: they were never offered, so a later «todos» missed them).
        if run.check == nil, !context.inBatch, let offer = newcomersOffer(run, flow: flow, context: context) {
            var r = run
            r.check = offer
            state.current = r
            out.append(.say(checkQuestion(offer, context: context)))
            return
        }
        advance(state: &state, flow: flow, context: context, out: &out)
    }

    /// The people fields of `run` holding names the network does not know (not the user, no
    /// group, something read as a name): the offer to add them all, on the first such field.
    func newcomersOffer(_ run: FlowRun, flow: FlowDefinition, context: EngineContext) -> FlowRun.Check? {
        guard let roster = context.roster else { return nil }
        var newcomers: [String] = []
        var held: (name: String, value: SlotValue)?
        for slot in flow.slots where slot.type == .people {
            guard let value = run.values[slot.name], case .list(let names) = value else { continue }
            let fresh = names.filter {
                !roster.contains($0) && $0 != context.userName && !PeopleParser.isGroup($0) && !newcomers.contains($0) && PeopleParser.looksLikeName($0)
                    && !PeopleParser.isRoleAtPlace($0)
            }
            if !fresh.isEmpty, held == nil { held = (slot.name, value) }
            newcomers += fresh
        }
        guard let held else { return nil }
        return .newPeople(slot: held.name, value: held.value, names: newcomers, about: newcomerDetails(newcomers, context: context))
    }

    /// Remembers how the people field `slot` was said: as the whole network («todos»,
    /// «nosotros») or not («yo», names). The message is tokenized only for a people field.
    func noteHowSaid(_ slot: String, in run: inout FlowRun, context: EngineContext) {
        guard let message = context.said, !message.clean.isEmpty else { return }
        var said = run.everyoneSaid ?? []
        said.removeAll { $0 == slot }
        if message.phrase.tokens.contains(where: PeopleParser.everyoneWords.contains) { said.append(slot) }
        run.everyoneSaid = said
    }

    /// The role and school the message said of members already in the network (`names` are
    /// people of a people field): what their records lack is filled, and a school or role they
    /// say otherwise is asked once the flow at hand is done (never replaced unasked).
    func completeKnown(_ names: [String], state: inout DialogState, context: EngineContext, out: inout [Effect]) {
        guard let roster = context.roster, let text = context.message, !text.isEmpty,
              let shared = context.extensions.shared else { return }
        let known = names.filter { roster.contains($0) }
        guard !known.isEmpty, let said = shared.knownDetails(known, in: text, context: context) else { return }
        if !said.names.isEmpty { out.append(.completeMembers(said.names, about: said.about)) }
        if !said.then.isEmpty, !state.stack.isEmpty { state.following = Self.adding(said.then, to: state.following) }
    }

    /// What the message said of each newcomer («Marisol Catrileo de la escuela Tranaquepe»),
    /// read by the shared extension; nothing when no message is at hand.
    func newcomerDetails(_ names: [String], context: EngineContext) -> [String] {
        guard let text = context.message, !text.isEmpty, let shared = context.extensions.shared else { return [] }
        let about = shared.newcomerDetails(names, in: text)
        return about.contains(where: { !$0.isEmpty }) ? about : []
    }

    /// A flow's own reading (`prefill`) laid over what the engine read into `run`. The flow's
    /// value of a slot replaces the engine's («microcentro, son el primer jueves…» read as a name
    /// becomes «Reunión de microcentro»): the engine's echo of the value it took goes with it, and
    /// the flow's own echo says the new one. A value the flow takes back is not said as understood
    /// either: it is cleared, or, read from an answer, left as it was `before`.
    static func apply(_ own: Prefill, to run: inout FlowRun, echoes: inout [(slot: String?, text: String)], before: FlowRun? = nil) {
        if !own.partials.isEmpty { run.partials = (run.partials ?? [:]).merging(own.partials) { $1 } }
        if own.replacesEcho { echoes.removeAll { $0.slot != nil } }
        for (name, v) in own.values {
            if let v {
                if run.values[name] != v { echoes.removeAll { $0.slot == name } }
                run.values[name] = v
                // Half of it kept by the engine is no longer waiting for its other half.
                if before == nil, run.partials?[name] != nil {
                    run.partials?[name] = nil
                    if run.partials?.isEmpty == true { run.partials = nil }
                }
                if !run.answered.contains(name) { run.answered.append(name) }
            } else {
                if let before {
                    run.values[name] = before.values[name]
                } else {
                    run.values[name] = nil
                    run.answered.removeAll { $0 == name }
                    // Half of it kept by the engine («día: …», its hour to ask) goes with it.
                    run.partials?[name] = nil
                    if run.partials?.isEmpty == true { run.partials = nil }
                }
                echoes.removeAll { $0.slot == name }
            }
        }
    }

    /// The date slot a flow filled from `request` with one of two days its words name (weekday
    /// and number disagree), the two days, and how the one taken is said; nil otherwise. Only a
    /// request with a date value and a digit is parsed.
    func doubtfulDayTaken(_ request: String, run: FlowRun, flow: FlowDefinition, context: EngineContext)
        -> (String, [LocalDate], String)? {
        guard let (name, day) = run.values.lazy.compactMap({ k, v -> (String, LocalDate)? in
                  // (A flow may keep a day in a text field of its own: a meeting's new «cuando».)
                  guard flow.slot(named: k) != nil, let d = v.dateValue else { return nil }
                  return (k, d)
              }).first,
              request.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        // Read from each weekday said: before it, «del acuerdo 1 al…» may read as a range of days.
        let words = request.split(separator: " ")
        for (i, w) in words.enumerated() where Self.weekdays.contains(TextFold.fold(String(w))) {
            // Each weekday up to the next one: «pal martes 7 porque el jueves 1 es feriado» read
            // whole found only the Thursday.
            let next = words[(i + 1)...].firstIndex { Self.weekdays.contains(TextFold.fold(String($0))) } ?? words.endIndex
            guard let m = TemporalParser.parse(words[i..<next].joined(separator: " "), context: context.temporal) else { continue }
            if m.alternatives.count > 1, m.alternatives.contains(day) { return (name, m.alternatives, SpanishFormat.date(day, today: context.today)) }
            // The flow read the pair near its own record («martes 7» of an April meeting, April 7
            // a Wednesday): the number it took and the weekday said next to it.
            if m.alternatives.count == 2, let numbered = m.alternatives.first(where: { $0.day == day.day }),
               let other = m.alternatives.first(where: { $0 != numbered }), other.weekday != day.weekday,
               let k = [-1, 1, -2, 2, -3, 3].first(where: { day.adding(days: $0).weekday == other.weekday }) {
                return (name, [day, day.adding(days: k)].sorted(), SpanishFormat.date(day, today: context.today))
            }
            // «la de abril pásala al martes 8» in December: a weekday and a number that agree
            // from today (Tuesday 8 December), which the flow read in its record's month (April 8,
            // a Thursday; no month said): the number taken and the weekday said next to it.
            if m.alternatives.isEmpty, let said = Self.dayOf(m.value), said.day == day.day, said.month != day.month || said.year != day.year,
               said.weekday != day.weekday, !Phrase(m.text).tokens.contains(where: QueryMatcher.monthNames.contains), !m.text.contains("/"),
               let k = [-1, 1, -2, 2, -3, 3].first(where: { day.adding(days: $0).weekday == said.weekday }) {
                return (name, [day, day.adding(days: k)].sorted(), SpanishFormat.date(day, today: context.today))
            }
        }
        return nil
    }

    /// The day a date, or a date and time, says.
    public static func dayOf(_ t: Temporal) -> LocalDate? {
        switch t {
        case .date(let d): d
        case .dateTime(let dt): dt.date
        default: nil
        }
    }

    static let weekdays: Set<String> = ["lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo"]

    /// Sets (or, with nil, clears) a slot's value, keeping the order of answers for «atrás».
    func set(_ value: SlotValue?, for name: String, in run: inout FlowRun) {
        if let value {
            run.values[name] = value
            if !run.answered.contains(name) { run.answered.append(name) }
        } else {
            run.values[name] = nil
            run.answered.removeAll { $0 == name }
        }
    }

    /// Whole numbers in `text`, in order: digits and number words ("el 1 y el tres").
    public static func numbers(in text: String) -> [Int] {
        var out: [Int] = []
        for token in Phrase(text).tokens {
            let n: Int? = token.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) ? Int(token) : numberWords.contains(token) ? NumberParser.parse(token) : nil
            if let n, n >= 0, n < 100_000, !out.contains(n) { out.append(n) }
        }
        return out
    }

    /// `numbers(in:)` without those followed by a unit: «la norma de las 2 horas» says a length,
    /// never the record «2».
    /// `dated`: the text says a day too, so «no el 16», «no pal 16» is the other day it is
    /// said against («es el viernes 23 de abril, no el 16»: it was read as the record 16).
    static func recordNumbers(in text: String, dated: Bool = false) -> [Int] {
        let t = Phrase(text).tokens
        var out: [Int] = []
        for (i, token) in t.enumerated() where !(i + 1 < t.count && measureUnits.contains(t[i + 1])) {
            // «abril 16»: a day after its month.
            if i >= 1, QueryMatcher.monthNames.contains(t[i - 1]) { continue }
            if dated, Self.saidAgainst(t, at: i) { continue }
            // «actualizar una norma»: an article before its noun, not the record «1».
            if token == "una" || token == "uno" || token == "un", i + 1 < t.count, Int(t[i + 1]) == nil { continue }
            // «cambiar la hora de la reunión de abril a las 16»: an hour, not the record 16.
            if i >= 2, t[i - 1] == "las" || t[i - 1] == "la", hourLeads.contains(t[i - 2]) { continue }
            // «suspender la reunión del jueves 12», «la del 12 de diciembre»: a day of the month,
            // not the record 12 (it was taken as «encuentro: 12» when the day named no date).
            if i >= 1, weekdayNumbers[t[i - 1]] != nil { continue }
            if i + 2 < t.count, t[i + 1] == "de", QueryMatcher.monthNames.contains(t[i + 2]) { continue }
            let n: Int? = token.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) ? Int(token) : numberWords.contains(token) ? NumberParser.parse(token) : nil
            if let n, n >= 0, n < 100_000, !out.contains(n) { out.append(n) }
        }
        return out
    }

    /// Whether the number at `i` follows «no» and at most two leads of a day («no el 16», «no,
    /// pal 16», «no para el 16»): a day said against another one.
    public static func saidAgainst(_ t: [String], at i: Int) -> Bool {
        var k = i - 1
        while k >= 0, i - k <= 2, dayLeads.contains(t[k]) { k -= 1 }
        return k >= 0 && k < i - 1 && t[k] == "no"
    }

    static let dayLeads: WordSet = ["el", "pal", "al", "para", "del", "a", "hasta"]

    /// The words before «las» that make the number after it an hour («a las 16», «desde las 9»).
    static let hourLeads: WordSet = ["a", "desde", "hasta", "entre", "tipo", "como", "sobre", "pasadas", "antes", "despues"]

    static let measureUnits: WordSet = ["hora", "horas", "ora", "oras", "hrs", "hr", "minuto", "minutos", "min", "mins", "dia", "dias", "semana", "semanas",
                                        "mes", "meses", "ano", "anos", "vez", "veces", "persona", "personas", "pesos", "kilometros", "km"]

    static let numberWords: WordSet = ["uno", "una", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez",
                                           "primera", "primero", "segunda", "segundo", "tercera", "tercero", "cuarta", "cuarto"]

    /// The choice of `slot` whose value, label or synonym appears in `text` (longest first).
    public static func choiceIn(_ text: String, slot: SlotDefinition) -> Choice? {
        choiceIn(tokens: Phrase(text).tokens, slot: slot)
    }

    /// `choiceIn` for words already read.
    public static func choiceIn(tokens: [String], slot: SlotDefinition) -> Choice? {
        // Only forms whose first word the message has can appear in it; visited in the order of
        // `foldedChoiceForms`, so the first of the longest still wins.
        let index = slot.choiceFormsByFirstWord
        guard !index.isEmpty else { return nil }
        var candidates: [Int] = []
        for t in tokens { if let ids = index[t] { candidates += ids } }
        guard !candidates.isEmpty else { return nil }
        if candidates.count > 1 { candidates.sort() }
        var best: (Choice, Int)?
        var previous = -1
        for id in candidates where id != previous {
            previous = id
            let form = slot.choiceForms[id]
            let c = slot.choices[form.choice]
            // "otra" in a request is "another" ("la otra semana", "otra reunión"), never the catch-all choice.
            // Its length as the words joined by spaces: short forms ("si", "una") are too common.
            guard c.value != "otro", form.length >= 4, form.length > (best?.1 ?? 0), Self.containsRun(tokens, form.words) else { continue }
            best = (c, form.length)
        }
        return best?.0
    }

    /// True when `run` appears in `tokens` as consecutive words (for flow extensions).
    public static func containsRunPublic(_ tokens: [String], _ run: [String]) -> Bool { containsRun(tokens, run) }

    /// True when `run` appears in `tokens` as consecutive words.
    static func containsRun(_ tokens: [String], _ run: [String]) -> Bool {
        guard !run.isEmpty, run.count <= tokens.count else { return false }
        outer: for start in 0...(tokens.count - run.count) where tokens[start] == run[0] {
            for k in 1..<run.count where tokens[start + k] != run[k] { continue outer }
            return true
        }
        return false
    }

    /// The phase after the current values: the first slot still to ask, else confirmation.
    func nextPhase(_ run: FlowRun, flow: FlowDefinition) -> FlowRun.Phase {
        // Which slots have a value, from the values' names (compared with the slots', not hashed
        // per slot): this runs after every answer. A value itself is looked up only for a list.
        let valued = Self.valuedMask(flow.slots, values: run.values)
        for (i, slot) in flow.slots.enumerated() where !run.skipped.contains(slot.name) {
            let has = i < 64 ? valued & (1 << UInt64(i)) != 0 : run.values[slot.name] != nil
            // A list short of its minimum (filled from a request, or edited) asks for another.
            if slot.isList, has, let min = slot.minItems, let items = run.values[slot.name]?.listValue, items.count < min {
                return .more(slot.name)
            }
            guard !has else { continue }
            if let cond = slot.condition {
                guard let v = run.values[cond] else { continue }
                if let want = slot.conditionValue {
                    let have: String = switch v {
                    case .bool(let b): b ? "si" : "no"
                    default: v.textValue.map { TextFold.fold($0) } ?? ""
                    }
                    guard have == TextFold.fold(want) else { continue }
                }
            }
            return .asking(slot.name)
        }
        return .confirming
    }

    /// Moves the current flow to its next question, its confirmation or its completion.
    func advance(state: inout DialogState, flow: FlowDefinition, context: EngineContext, out: inout [Effect]) {
        guard var run = state.current else { return }
        run.misses = 0
        run.check = nil
        // A list picked from the review and then skipped or answered is no longer being edited.
        if let items = run.editingList {
            // Answered by a whole new list the flow read («llanada grande, cierre» to the tabla),
            // none of its items kept: the old list is kept aside, as `answer` keeps it, so «no,
            // era el lugar» brings it back (`undoesReplacedList`; it was lost).
            if case .asking(let name) = run.phase, flow.slot(named: name)?.isList == true, let new = run.values[name]?.listValue,
               !new.isEmpty, Set(new).isDisjoint(with: items) {
                run.partials = (run.partials ?? [:]).merging([name: .list(items)]) { $1 }
            }
            run.editingList = nil
        }
        if run.returnToConfirm, run.phase != .confirming {
            run.returnToConfirm = false
            run.phase = nextPhase(run, flow: flow)
        } else {
            run.phase = nextPhase(run, flow: flow)
        }
        // A question the flow finds pointless with these values is skipped, once and for all.
        while case .asking(let name) = run.phase, let slot = flow.slot(named: name), slot.optional,
              !run.skipped.contains(name), context.extensions[flow.id]?.asks(slot, run: run, context: context) == false {
            run.skipped.append(name)
            run.phase = nextPhase(run, flow: flow)
        }
        let before = state.current?.phase
        state.current = run
        // An item of a batch that has what it needs: the next one that lacks something, or the
        // shared review.
        if run.batch != nil, case .confirming = run.phase {
            advanceBatch(state: &state, flow: flow, context: context, out: &out)
            return
        }
        if case .confirming = run.phase, flow.confirm == nil {
            complete(state: &state, flow: flow, context: context, out: &out)
            return
        }
        // What a flow says before a question the first time it comes (a new member hears what
        // the network is about before saying what they bring).
        if case .asking(let name) = run.phase, before != run.phase, let slot = flow.slot(named: name), let ext = context.extensions[flow.id] {
            out += ext.beforeAsking(slot, run: run, context: context).map(Effect.say)
        }
        ask(run, flow: flow, context: context, out: &out)
    }

    /// The question for `slot`, in the flow's words for this run when it has them (a colleague
    /// being onboarded is asked about in the third person).
    func question(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> String {
        context.extensions[run.flowID]?.question(slot, run: run, context: context) ?? slot.ask
    }

    /// What `slot` is for, in the flow's words for this run when it has them.
    func slotHelp(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> String? {
        context.extensions[run.flowID]?.help(slot, run: run, context: context) ?? slot.help
    }

    /// Asks what `run` waits for, in its first wording.
    func ask(_ run: FlowRun, flow: FlowDefinition, context: EngineContext, out: inout [Effect]) {
        switch run.phase {
        case .asking(let name):
            guard let slot = flow.slot(named: name) else { return }
            // A list picked from the review, asked again after a digression: its items again.
            if let items = run.editingList {
                out.append(.say(listEditPrompt(items, slot: slot)))
                return
            }
            switch run.partials?[name] {
            // The flow may word it with what else it kept («¿A qué hora de la tarde…?»).
            case .date(let d)?: out.append(.say(context.extensions[run.flowID]?.question(slot, run: run, context: context)
                ?? "¿A qué hora el \(SpanishFormat.date(d, today: context.today))?"))
            case .time(let t)?: out.append(.say("¿Qué día, a las \(SpanishFormat.time(t))?"))
            default: out.append(.say(question(slot, run: run, context: context) + (keepingNote(slot, run: run, context: context) ?? "")))
            }
        case .more(let name):
            out.append(.say(flow.slot(named: name)?.more ?? "¿Algo más? Si no, responde «no»."))
        case .confirming:
            if run.batch != nil {
                askBatch(run, flow: flow, context: context, out: &out)
                return
            }
            out.append(.say("Revisemos:\n" + summary(run, flow: flow, context: context, numbered: true)))
            let closing = context.extensions[flow.id]?.confirmation(run, context: context)
                ?? Template.render(flow.confirm ?? "¿Lo guardo?", flow: flow, values: run.values, today: context.today)
            out.append(.say(closing
                + " Responde «sí», o dime el número de lo que quieres cambiar."))
        case .choosingEdit:
            out.append(.say("¿Qué quieres cambiar? Dime el número o el nombre del dato."))
        }
    }

    /// Asks again after a digression or a resume: the same question, introduced differently.
    func reprompt(_ run: FlowRun, flow: FlowDefinition, context: EngineContext, out: inout [Effect]) {
        if let check = run.check {
            out.append(.say(checkQuestion(check, context: context)))
            return
        }
        ask(run, flow: flow, context: context, out: &out)
    }

    /// The filled values, one per line ("1. Plazo: martes 15 de diciembre").
    func summary(_ run: FlowRun, flow: FlowDefinition, context: EngineContext, numbered: Bool) -> String {
        // Written into one buffer: the same lines `editable` would list, without an array of
        // slots, one of lines and the joined copy (every review shows it).
        var out = UTF8Text(capacity: 64 * run.values.count)
        var shown = 0
        let today = context.today
        let values = run.values
        for slot in flow.slots {
            // An empty text is a question answered with nothing (an acta's notes, reopened): no line.
            guard let value = values[slot.name], value != .text("") else { continue }
            if shown > 0 { out.add(byte: 0x0A) }
            shown += 1
            if numbered {
                out.add(decimal: shown)
                out.add(". ")
            }
            out.add(slot.capitalizedLabel)
            out.add(": ")
            out.add(value.display(today: today, choices: slot.choices))
        }
        return out.string
    }

    /// Slots shown in the summary: those filled or still applicable.
    /// «no cumplido» corrected to «en proceso»: the reason a «no cumplido» had no longer
    /// applies, so the review doesn't show it and the save doesn't keep it. Only answers the
    /// person gives trigger this (values a flow sets on its own stay as the flow set them).
    static func dropStale(dependingOn name: String, in run: inout FlowRun, flow: FlowDefinition) {
        guard let v = run.values[name] else { return }
        for dependent in flow.slots where dependent.condition == name && dependent.name != name {
            guard let want = dependent.conditionValue, run.values[dependent.name] != nil else { continue }
            let have: String = switch v {
            case .bool(let b): b ? "si" : "no"
            default: v.textValue.map { TextFold.fold($0) } ?? ""
            }
            guard have != TextFold.fold(want) else { continue }
            clear(dependent.name, in: &run, flow: flow)
        }
    }

    /// A value and, with it, every value asked only because of it.
    static func clear(_ name: String, in run: inout FlowRun, flow: FlowDefinition) {
        run.values[name] = nil
        run.answered.removeAll { $0 == name }
        for dependent in flow.slots where dependent.condition == name && dependent.name != name && run.values[dependent.name] != nil {
            clear(dependent.name, in: &run, flow: flow)
        }
    }

    func editable(_ run: FlowRun, flow: FlowDefinition) -> [SlotDefinition] {
        flow.slots.filter { run.values[$0.name].map { $0 != .text("") } ?? false }
    }

    func capitalizedFirst(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }

    // MARK: - Answers

    /// `phrase`: `Phrase(said)` when the caller has it (the message's own, when `said` is the
    /// message): the answer's readers take it instead of reading the words again.
    func answer(_ said: String, slot: SlotDefinition, run: FlowRun, flow: FlowDefinition,
                state: inout DialogState, context: EngineContext, out: inout [Effect], phrase: Phrase? = nil) {
        // «ah sí, la convivencia escolar» to a question asking for a value: the «sí,» agrees,
        // the value is what follows it (a yes/no question keeps the whole answer).
        // «igual» to a field asked again after «está todo malo»: the value it had.
        if run.keeping?[slot.name] != nil, keepsWalkedValue(phrase ?? Phrase(said), slot: slot, run: run, flow: flow, state: &state, context: context, out: &out) {
            return
        }
        var clean = said
        if slot.type != .yesno, slot.type != .confirm, let lead = YesNo.lead(said), lead.yes { clean = lead.rest }
        if let rest = FieldNamePrefix.strip(clean, slot: slot) { clean = rest }
        // Only the words said are those of the phrase given.
        let phrase = clean == said ? phrase : nil
        if let items = run.editingList, Self.editsAsList(slot) {
            // A list kept aside by an earlier whole replacement is no longer the one replaced.
            var run = run
            if run.partials?[slot.name] != nil {
                run.partials?[slot.name] = nil
                if run.partials?.isEmpty == true { run.partials = nil }
                state.current = run
            }
            if editList(clean, slot: slot, run: run, flow: flow, state: &state, context: context, out: &out) {
                // A whole new list said in one go («llanada grande, cierre»), none of the old
                // items kept: the old one is kept aside too, as below (it was lost on «no, era el lugar»).
                if slot.isList, var now = state.current, now.flowID == run.flowID, let new = now.values[slot.name]?.listValue, !new.isEmpty,
                   Set(new).isDisjoint(with: items) {
                    now.partials = (now.partials ?? [:]).merging([slot.name: .list(items)]) { $1 }
                    state.current = now
                }
                return
            }
            // A whole new list: it replaces the one there was.
            var r = run
            r.editingList = nil
            state.current = r
            answer(clean, slot: slot, run: r, flow: flow, state: &state, context: context, out: &out)
            // The replaced list is kept aside (a partial of the slot, dropped when an item is
            // added) so that «no, era el lugar» can bring it back (`undoesReplacedList`): the
            // answer may have been meant for another field, and the list was confirmed before.
            if slot.isList, var now = state.current, now.flowID == run.flowID, now.values[slot.name] != nil, now.values[slot.name] != .list(items) {
                now.partials = (now.partials ?? [:]).merging([slot.name: .list(items)]) { $1 }
                state.current = now
            }
            return
        }
        // "no" to the first item of a list that needs at least one (the purpose's objectives).
        if slot.isList, !slot.optional, run.values[slot.name] == nil, Self.noneAnswers.contains((phrase ?? Phrase(clean)).core) {
            out.append(.say("Necesito al menos uno (\(slot.label))." + (slot.example.map { " Por ejemplo: \($0)." } ?? "")))
            ask(run, flow: flow, context: context, out: &out)
            return
        }
        // «a) leer b) escribir c) contar» for a list: each item, in one go.
        if slot.isList, let pieces = ListSplitter.split(clean) {
            var items: [String] = []
            for piece in pieces {
                guard case .value(let v) = SlotParser.parse(piece, slot: slot, context: context),
                      violation(v, slot: slot, run: run, context: context) == nil else { items = []; break }
                items += v.listValue ?? [v.display(today: context.today)]
            }
            if !items.isEmpty {
                accept(.list(items), slot: slot, flow: flow, state: &state, context: context, out: &out)
                return
            }
        }
        if slot.type == .datetime || slot.type == .time, dayPartAnswer(clean, slot: slot, run: run, flow: flow, state: &state, context: context, out: &out) {
            return
        }
        if slot.type == .datetime, combinePartial(clean, slot: slot, run: run, flow: flow, state: &state, context: context, out: &out) {
            return
        }
        // With choices hidden, a number counts the choices shown («3» is the third one offered).
        if slot.type == .choice, case let shown = shownChoices(slot, run: run, context: context), shown.count < slot.choices.count,
           let n = Int((phrase ?? Phrase(clean)).core) {
            guard (1...max(1, shown.count)).contains(n), !shown.isEmpty else {
                out.append(.say(SlotParser.outOfRangeNote(n, count: shown.count)))
                ask(run, flow: flow, context: context, out: &out)
                return
            }
            accept(.choice(shown[n - 1].value), slot: slot, flow: flow, state: &state, context: context, out: &out)
            return
        }
        // «los dos», «ambas»: the people just named in this record (qa20 B6).
        if slot.type == .people, let counted = Self.countedPeople(phrase ?? Phrase(clean), slot: slot, run: run, context: context) {
            if counted.isEmpty {
                miss(clean, why: "No sé quiénes son «\(clean)»: ¿me escribes sus nombres?", slot: slot, state: &state, out: &out)
            } else {
                accept(.list(counted), slot: slot, flow: flow, state: &state, context: context, out: &out)
            }
            return
        }
        let names = slot.type == .people || slot.type == .person ? Self.withDraftPeople(context, run: run, flow: flow, except: slot.name) : context
        switch SlotParser.parse(clean, phrase: phrase, slot: slot, context: names) {
        case .value(let value):
            let from = out.count
            accept(value, slot: slot, flow: flow, state: &state, context: context, out: &out)
            // «antes de vacaciones»: the day said back says which day it is («…, el último día
            // hábil antes de las vacaciones de verano»), as it was computed, not said.
            if case .date(let d) = value, let which = TemporalParser.breakDay(clean, day: d) {
                for i in out.indices.dropFirst(from) {
                    if case .say(let said) = out[i], said.hasPrefix("Anotado: "), said.hasSuffix(".") {
                        out[i] = .say(String(said.dropLast()) + ", " + which + ".")
                        break
                    }
                }
            }
        case .ambiguous(let options):
            var r = run
            r.check = .whichDate(slot: slot.name, options: options)
            // «el viernes 30 de octubre a las 10»: the hour waits for the day chosen.
            if slot.type == .datetime, let m = TemporalParser.parse(clean, context: context.temporal), case .dateTime(let dt) = m.value {
                r.partials = [slot.name: .time(dt.time)]
            }
            state.current = r
            out.append(.say(checkQuestion(r.check!, context: context)))
        case .wrong(let why):
            miss(clean, why: why, slot: slot, state: &state, out: &out)
        case .notUnderstood:
            miss(clean, why: Self.frequencyForADay(clean, slot: slot, context: context), slot: slot, state: &state, out: &out)
        }
    }

    /// «una vez al mes», «quincenal» where one day is asked (a deadline, a poll's option): how
    /// often is not which day, and that is what is asked (nil when it is no frequency).
    static func frequencyForADay(_ clean: String, slot: SlotDefinition, context: EngineContext) -> String? {
        if slot.type == .date || slot.type == .datetime, let why = TemporalParser.unknownBreak(clean, context: context.temporal) { return why }
        guard slot.type == .date || slot.type == .datetime,
              case .recurrence? = TemporalParser.parse(clean, context: context.temporal)?.value else { return nil }
        let quoted = clean.count > 40 ? String(clean.prefix(37)) + "…" : clean
        return "«\(quoted)» dice cada cuánto, pero aquí va un solo día. ¿Qué día sería\(slot.type == .datetime ? ", y a qué hora" : "")?"
    }

    /// A day and time said in two messages ("el 10 de diciembre", then "a las 9"): the first half
    /// is kept and the second completes it, instead of asking for both again.
    func combinePartial(_ clean: String, slot: SlotDefinition, run: FlowRun, flow: FlowDefinition,
                        state: inout DialogState, context: EngineContext, out: inout [Effect]) -> Bool {
        guard let m = TemporalParser.parse(clean, context: context.temporal), m.alternatives.count <= 1,
              SlotParser.consumesNumbers(clean, m.text) else { return false }
        // This half, the whole when the other half was kept, and what to ask for the rest.
        let piece: SlotValue, whole: LocalDateTime?, ask: String
        // "el jueves en la tarde" gives the day; the hour is still to come.
        let said = m.partOfDay.map { Temporal.date($0) } ?? m.value
        // «la fecha está mal, es el jueves 17» at the review: the day and time it replaces
        // gives the half not said (its hour, or its day).
        var kept = run.partials?[slot.name]
        if kept == nil, case .dateTime(let was)? = run.replacing?[slot.name] {
            if case .date = said { kept = .time(was.time) } else { kept = .date(was.date) }
        }
        switch (said, kept) {
        case (.date(let d), let half):
            piece = .date(d)
            whole = if case .time(let t)? = half { LocalDateTime(date: d, time: t) } else { nil }
            ask = "Anotado: \(SpanishFormat.date(d, today: context.today)). ¿A qué hora?"
        case (.time(let t), let half), (.timeRange(let t, _), let half):
            piece = .time(t)
            whole = if case .date(let d)? = half { LocalDateTime(date: d, time: t) } else { nil }
            ask = "Anotado: a las \(SpanishFormat.time(t)). ¿Qué día?"
        default:
            return false
        }
        if let whole {
            accept(.dateTime(whole), slot: slot, flow: flow, state: &state, context: context, out: &out)
        } else {
            var r = run
            r.partials = (r.partials ?? [:]).merging([slot.name: piece]) { $1 }
            state.current = r
            out.append(.say(ask))
        }
        return true
    }

    /// Validates and stores a value, then moves on. A past date is questioned, not refused.
    func accept(_ value: SlotValue, slot: SlotDefinition, flow: FlowDefinition, state: inout DialogState,
                context: EngineContext, out: inout [Effect], confirmed: Bool = false, textChecked: Bool = false) {
        guard var run = state.current else { return }
        // A free text that plainly is something else than what the question holds (a person as
        // evidence, a meeting's name as its place): said why, and asked again (`implausible`).
        if !confirmed, !textChecked, slot.type == .text || slot.type == .longtext, case .text(let said) = value {
            var kept = said
            if let without = Self.withoutReminder(said), Phrase(without).contentCount >= 1 { kept = without }
            if let kind = Self.textKind(slot) {
                if kind == .amount, let none = Self.noneAmount(Phrase(kept)) { kept = none }
                if let why = implausible(kept, kind: kind, slot: slot, run: run, flow: flow, context: context) {
                    run.misses += 1
                    state.current = run
                    out.append(.say(why))
                    out.append(.say(question(slot, run: run, context: context)))
                    return
                }
            }
            if kept != said {
                accept(.text(kept), slot: slot, flow: flow, state: &state, context: context, out: &out, textChecked: true)
                return
            }
        }
        if let problem = violation(value, slot: slot, run: run, context: context) {
            if problem.isQuestion, !confirmed {
                run.check = .pastDate(slot: slot.name, value: value)
                state.current = run
                out.append(.say(problem.message))
                return
            }
            if !problem.isQuestion {
                run.misses += 1
                state.current = run
                out.append(.say(problem.message))
                return
            }
        }
        // A sentence read as names («no quiero agendar otra» → «Agendar Otra») is not someone to add.
        if !confirmed, slot.type == .people, let roster = context.roster {
            let strays = (value.listValue ?? []).filter { !roster.contains($0) && $0 != context.userName && !PeopleParser.isGroup($0) && !PeopleParser.looksLikeName($0) }
            if !strays.isEmpty {
                run.misses += 1
                state.current = run
                out.append(.say("No entendí «\(SlotValue.joinSpanish(strays))» como nombre de una persona."))
                out.append(.say(question(slot, run: run, context: context)))
                return
            }
        }
        // «la Rosa Huenchuman, profesora de la escuela Lolocura, y el Pedro»: what is said of
        // members already in the network completes their records (it was dropped).
        if !confirmed, slot.type == .people, let names = value.listValue {
            completeKnown(names, state: &state, context: context, out: &out)
        }
        // People named as responsables who are not known yet: offer to add them to the network.
        if !confirmed, slot.type == .people, let roster = context.roster {
            let newcomers = (value.listValue ?? []).filter { !roster.contains($0) && $0 != context.userName && !PeopleParser.isGroup($0) && !PeopleParser.isRoleAtPlace($0) }
            if !newcomers.isEmpty {
                run.check = .newPeople(slot: slot.name, value: value, names: newcomers, about: newcomerDetails(newcomers, context: context))
                state.current = run
                out.append(.say(checkQuestion(run.check!, context: context)))
                return
            }
        }
        if !confirmed, slot.type == .people { noteHowSaid(slot.name, in: &run, context: context) }
        // The flow's own check: a value the store contradicts is refused with its reason, or
        // kept as the review will show it.
        let verdict = context.extensions[flow.id]?.validate(value, slot: slot, run: run, context: context) ?? .accept
        if verdict.endsFlow {
            endUnchanged(verdict, pushed: true, state: &state, context: context, out: &out)
            return
        }
        guard let value = verdict.kept(value) else {
            // What else the refused answer said stays («quiero armar la red de Lanco»: the commune).
            for (k, v) in verdict.others { set(v, for: k, in: &run) }
            state.current = run
            // «quedamos en que cada escuela manda su plan…» where numbers were asked: not this
            // answer, but a request for another flow, offered with its words.
            if slot.type == .text || slot.type == .longtext, let text = value.textValue, let other = openedFlow(Phrase(text), excluding: flow.id) {
                state.pending = .switchFlow(flow: other.id, text: text)
                out.append(.say("Eso suena a «\(other.title)». ¿Dejamos \(flowNoun(flow)) para después y empezamos «\(other.title)»?"))
                return
            }
            // A list with items already is at «¿otro?», not at its first item: the next-item
            // question comes again (and a «no» to it ends the list).
            if slot.isList, !(run.values[slot.name]?.listValue ?? []).isEmpty, case .asking = run.phase {
                run.phase = .more(slot.name)
                state.current = run
            }
            out += verdict.remarks.map(Effect.say)
            ask(run, flow: flow, context: context, out: &out)
            return
        }
        for (k, v) in verdict.others { set(v, for: k, in: &run) }
        if slot.isList {
            var items = run.values[slot.name]?.listValue ?? []
            items += value.listValue ?? [value.display(today: context.today)]
            run.values[slot.name] = .list(items)
        } else {
            run.values[slot.name] = value
            Self.dropStale(dependingOn: slot.name, in: &run, flow: flow)
        }
        run.answered.removeAll { $0 == slot.name }
        run.answered.append(slot.name)
        run.partials?[slot.name] = nil
        // The part of the day kept for the hour («en la tarde») goes with the hour given.
        if slot.type == .time || slot.type == .datetime { run.partials?[Self.dayPartKey] = nil }
        if run.partials?.isEmpty == true { run.partials = nil }
        run.replacing = nil
        if run.keeping?[slot.name] != nil {
            run.keeping?[slot.name] = nil
            if run.keeping?.isEmpty == true { run.keeping = nil }
        }
        run.check = nil
        run.misses = 0
        if !verdict.quiet, let echo = echo(value, slot: slot, context: context) { out.append(.say(echo)) }
        out += verdict.remarks.map(Effect.say)
        // A list that reached its maximum goes on to the next question instead of asking for one more.
        if slot.isList, let max = slot.rules.compactMap({ if case .maxItems(let m) = $0 { return m }; return nil }).first,
           (run.values[slot.name]?.listValue?.count ?? 0) >= max {
            out.append(.say("Con eso van \(max), el máximo de \(slot.label)."))
            state.current = run
            advance(state: &state, flow: flow, context: context, out: &out)
            return
        }
        // A list asks for more items, also when edited from the summary (keeping the others is
        // the next "¿otro?"); advance() then returns to the confirmation.
        if slot.isList {
            run.phase = .more(slot.name)
            state.current = run
            ask(run, flow: flow, context: context, out: &out)
            return
        }
        state.current = run
        advance(state: &state, flow: flow, context: context, out: &out)
    }

    /// «la conduce la profe Elena Quilaqueo», then «la elena y la Sonia» as who takes part: a
    /// name this record already holds in full (someone not yet a member) is matched like a
    /// member's, so the first name is that person and not a new member «Elena».
    static func withDraftPeople(_ context: EngineContext, run: FlowRun, flow: FlowDefinition, except name: String) -> EngineContext {
        var named: [String] = []
        for s in flow.slots where s.name != name && (s.type == .people || s.type == .person) {
            guard let v = run.values[s.name] else { continue }
            for n in v.listValue ?? v.textValue.map({ [$0] }) ?? []
            where !context.members.contains(n) && !named.contains(n) && !PeopleParser.isGroup(n) && n != context.userName {
                named.append(n)
            }
        }
        guard !named.isEmpty else { return context }
        var c = context
        c.members += named
        return c
    }

    /// Dates, times and matched names are said back in words, so the user sees what Minga understood.
    func echo(_ value: SlotValue, slot: SlotDefinition, context: EngineContext) -> String? {
        switch slot.type {
        case .date, .time, .datetime, .daterange, .recurrence, .duration:
            return "Anotado: \(value.display(today: context.today))."
        default:
            return nil
        }
    }

    struct Violation {
        var message: String
        /// A question the user may answer "sí" to keep the value (a past date).
        var isQuestion: Bool
    }

    func violation(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Violation? {
        for rule in slot.rules {
            switch rule {
            case .notPast:
                if let d = value.dateValue, d < context.today {
                    return Violation(message: "El \(SpanishFormat.date(d, today: context.today)) ya pasó. ¿Lo dejo así igual?",
                                     isQuestion: true)
                }
            case .future:
                if let d = value.dateValue, d < context.today {
                    return Violation(message: "El \(SpanishFormat.date(d, today: context.today)) ya pasó. Dime una fecha desde hoy en adelante.",
                                     isQuestion: false)
                }
            case .after(let other):
                if let d = value.dateValue, let o = run.values[other]?.dateValue, d < o {
                    let label = run.values[other].map { _ in other } ?? other
                    return Violation(message: "Esa fecha es anterior a \(label) (\(SpanishFormat.date(o, today: context.today))). Dime una fecha posterior.",
                                     isQuestion: false)
                }
            case .min(let m):
                if let n = numeric(value), n < m {
                    return Violation(message: "Debe ser al menos \(format(m)).", isQuestion: false)
                }
            case .max(let m):
                if let n = numeric(value), n > m {
                    return Violation(message: "Debe ser como máximo \(format(m)).", isQuestion: false)
                }
            case .maxItems(let m):
                let count = (run.values[slot.name]?.listValue?.count ?? 0) + (value.listValue?.count ?? 1)
                if slot.isList || slot.type == .people, count > m {
                    return Violation(message: "Caben hasta \(m).", isQuestion: false)
                }
            case .minItems:
                break  // checked when the list would end (`answerMore`, `nextPhase`)
            case .holds:
                break  // checked in `accept`, with the text as said (`implausible`)
            }
        }
        return nil
    }

    private func numeric(_ v: SlotValue) -> Double? {
        switch v {
        case .number(let n): n
        case .duration(let m): Double(m)
        default: nil
        }
    }

    private func format(_ d: Double) -> String { d == d.rounded() ? String(Int(d)) : String(d) }

    /// The re-ask ladder: say what was wrong, then an example, then a simpler format or the
    /// choices, then the ways out. Never the same words twice in a row.
    func miss(_ clean: String, why: String?, slot: SlotDefinition, state: inout DialogState, out: inout [Effect]) {
        guard var run = state.current else { return }
        run.misses += 1
        state.current = run
        let quoted = clean.count > 60 ? String(clean.prefix(57)) + "…" : clean
        let example = slot.example ?? slot.type.example
        // "no sé", "ahí vemos" to a yes/no question: a hedge, not a mistake.
        if slot.type == .yesno || slot.type == .confirm, Self.hedgesYesNo(Phrase(clean)) {
            out.append(.say("No hay apuro: cuando lo tengas claro, respóndeme «sí» o «no»."))
            return
        }
        switch run.misses {
        case 1:
            let head = why ?? "No entendí «\(quoted)» como \(slot.type.noun)."
            if slot.type == .choice {
                out.append(.say(head + " Elige una de las opciones."))
            } else if head.hasSuffix("?") {
                out.append(.say(head))
            } else {
                out.append(.say(head + " ¿Me lo dices de otra forma?"))
            }
        case 2:
            out.append(.say((why.map { $0 + " " } ?? "Sigo sin entender. ") + "Por ejemplo, puedes escribir \(example)."))
        case 3:
            if slot.type == .choice {
                // The options themselves go with every question (numbered, or as buttons): no second list.
                out.append(.say("Intentémoslo simple: respóndeme solo con el número de la opción, por ejemplo «1»."))
            } else if let simple = slot.type.simpleFormat {
                out.append(.say(simple))
            } else {
                out.append(.say("Intentémoslo simple: " + slot.ask))
            }
        default:
            var ways = ["«ayuda» para ver un ejemplo"]
            if slot.optional { ways.append("«saltar» para dejarlo en blanco") }
            ways += ["«pausar» para seguir después", "«cancelar» para dejarlo"]
            let lead = run.misses % 2 == 0 ? "Parece que esta pregunta se complicó." : "Seguimos trabados con esta pregunta."
            out.append(.say(lead + " Puedes escribir " + SlotValue.joinSpanish(ways).replacingOccurrences(of: " y «", with: " o «") + "."))
        }
    }

    /// "Nothing" said as a whole answer.
    public static let noneAnswers: WordSet = ["ninguno", "ninguna", "nada", "no", "ningun acuerdo", "ninguno po", "cero", "sin acuerdos",
                                                  "no hubo", "no se tomaron", "no hay", "nop",
                                                  "nada todavia", "todavia nada", "aun nada", "nada aun", "todavia no", "aun no",
                                                  "todavia no hay", "no tenemos", "no tenemos nada", "ninguno todavia", "ninguna todavia",
                                                  "ninguno aun", "ninguna aun", "todavia ninguno", "todavia ninguna", "ninguno por ahora",
                                                  "ninguna por ahora", "por ahora ninguno", "por ahora ninguna", "ninguno hoy", "ninguna hoy"]

    static let hedges: PhraseList = ["no se", "no se po", "nose", "ahi vemos", "puede ser", "quizas", "tal vez", "capaz",
                         "no estoy seguro", "no estoy segura", "mmm", "depende", "veamos"]

    /// The question behind a pending check.
    func checkQuestion(_ check: FlowRun.Check, context: EngineContext) -> String {
        switch check {
        case .pastDate(_, let value):
            if let d = value.dateValue {
                return "El \(SpanishFormat.date(d, today: context.today)) ya pasó. ¿Lo dejo así igual?"
            }
            return "Esa fecha ya pasó. ¿La dejo así igual?"
        case .whichDate(_, let options):
            return Self.whichDay(options, today: context.today)
        case .newPeople(_, _, let names, let about):
            // «¿Agrego a Marisol Catrileo (Escuela Tranaquepe)?»: what was said of each, shown.
            let who = about.count == names.count
                ? SlotValue.joinSpanish(zip(names, about).map { $1.isEmpty ? $0 : "\($0) (\($1))" }) : SlotValue.joinSpanish(names)
            return names.count == 1
                ? "\(who) todavía no está entre los miembros de la red. ¿Agrego a \(who)? (sí/no)"
                : "\(who) todavía no están entre los miembros de la red. ¿Agrego a \(who)? (sí/no)"
        }
    }

    /// Of `names` offered with «¿Agrego a …?», those a «no» says are not in the record: one named
    /// again (a word of its name) with a «no» after it («no, la Gloria no vino»), or one read with
    /// «yo» in it when the answer says «yo» («no jaja, osea yo misma»: it was the speaker).
    static func deniedNewcomers(_ phrase: Phrase, names: [String]) -> [String] {
        let t = phrase.tokens
        guard t.count >= 3, let first = t.first, isNo(first) else { return [] }
        let rest = Array(t.dropFirst())
        return names.filter { name in
            let own = Phrase(name).tokens
            if own.contains("yo"), rest.contains("yo") { return true }
            guard let head = own.first, head.count >= 3, let at = rest.firstIndex(of: head) else { return false }
            return rest[(at + 1)...].contains("no")
        }
    }

    /// «no, solo lorena y sergio, la directora no sé» to «¿Agrego a Lorena Campusano, Sergio
    /// Ardiles y …?»: the people offered that the words after «solo» (up to the end of their
    /// clause) name, each by a word of their name. Nil unless every name said there is one of them.
    static func onlyNewcomers(_ clean: String, names: [String]) -> [String]? {
        // Folding turns punctuation into spaces: the clause is cut on the words as typed.
        let words = clean.split(separator: " ")
        guard let at = words.firstIndex(where: { ["solo", "solamente", "unicamente"].contains(TextFold.fold(String($0))) }) else { return nil }
        var said: [String] = []
        let fillers: Set<String> = ["y", "e", "a", "al", "la", "el", "los", "las", "con", "agrega", "agregalos", "agregar", "don", "dona", "profe", "tia"]
        for w in words[(at + 1)...] {
            let word = TextFold.fold(String(w)).filter(\.isLetter)
            if !word.isEmpty, !fillers.contains(word) { said.append(word) }
            if let last = w.last, [",", ".", ";", ":", "!", "?"].contains(last) { break }
        }
        guard !said.isEmpty else { return nil }
        var chosen: [String] = []
        for word in said {
            let fits = names.filter { name in
                TextFold.fold(name).lowercased().split(separator: " ").contains { $0.filter(\.isLetter) == word }
            }
            guard word.count >= 3, fits.count == 1 else { return nil }
            if !chosen.contains(fits[0]) { chosen.append(fits[0]) }
        }
        return chosen.isEmpty ? nil : names.filter(chosen.contains)
    }

    /// «sí, Luis Huenchual» (or «sí, Luis Huenchual y Marta Paillal») to «¿Agrego a Luis?»: each
    /// name offered that a piece after the yes starts with and says more of (one to three more
    /// words), with that fuller name. Empty when the yes comes alone.
    static func fullerNames(_ clean: String, for names: [String]) -> [String: String] {
        let yesWords: Set<String> = ["si", "ya", "dale", "ok", "oka", "bueno", "claro", "po", "porfa", "agregalo", "agregala", "agregalos"]
        // A word that closes a comma's clause keeps the mark, to end its piece there.
        let words = clean.split(separator: " ").flatMap { w -> [String] in
            let parts = w.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return parts.enumerated().compactMap { k, p in p.isEmpty && k > 0 ? nil : (k < parts.count - 1 ? p + "," : p) }
        }.filter { !$0.isEmpty && $0 != "," }
        let tail = words.drop { yesWords.contains(TextFold.fold($0).filter(\.isLetter)) }
        guard !tail.isEmpty, tail.count < words.count else { return [:] }
        var pieces: [[String]] = [[]]
        for w in tail {
            if ["y", "e"].contains(TextFold.fold(w)) { pieces.append([]) } else { pieces[pieces.count - 1].append(w.filter { $0.isLetter || $0 == "-" || $0 == "'" }) }
            // «sí, es Sonia Reyes, directora de la escuela Pidima»: the name ends at its comma; what
            // follows says who she is (qa37: the piece ran on, and only «Sonia» was added).
            if w.hasSuffix(","), pieces[pieces.count - 1].count > 0 { pieces.append([]) }
        }
        var out: [String: String] = [:]
        for var piece in pieces where !piece.isEmpty {
            // «sí, es Gabriela Muñoz», «sí, se llama Gabriela Muñoz»: who the one offered is,
            // said with a copula (qa20 A11: «Gaby» was added and the full name dropped).
            var introduced = false
            while let w = piece.first.map({ TextFold.fold($0) }), piece.count > 2, fullNameLeads.contains(w) {
                introduced = introduced || ["es", "llama", "nombre"].contains(w)
                piece.removeFirst()
            }
            let folded = piece.map { TextFold.fold($0) }
            for name in names where out[name] == nil {
                let own = name.split(separator: " ").map { TextFold.fold(String($0)) }
                // «Gaby» → «Gabriela Muñoz»: a nickname of one word, said in full with its surname,
                // when it is the only one offered and the yes says who it is, or the full first
                // name opens as the nickname does.
                let nickname = own.count == 1 && (2...4).contains(folded.count) && !folded.starts(with: own)
                    && !folded.contains(where: { fullNameLeads.contains($0) || notInNames.contains($0) })
                    && ((introduced && names.count == 1) || (own[0].count >= 3 && folded[0].count > own[0].count && folded[0].hasPrefix(String(own[0].prefix(3)))))
                guard nickname || (folded.count > own.count && folded.count <= own.count + 3 && folded.starts(with: own)),
                      piece.allSatisfy({ !$0.isEmpty }) else { continue }
                let full = piece.joined(separator: " ")
                out[name] = full.contains(where: \.isUppercase) ? full : SpanishFormat.properName(full)
            }
        }
        return out
    }

    /// Words before a fuller name after a yes: «es», «se llama», «su nombre es», «o sea», an article.
    static let fullNameLeads: Set<String> = ["es", "era", "se", "llama", "su", "nombre", "completo", "osea", "o", "sea", "la", "el"]
    /// Words of a post or a group, never of a name («sí, es la directora»).
    static let notInNames: Set<String> = ["los", "las", "un", "una", "directora", "director", "profe", "profesora", "profesor", "tia", "tio",
                                          "jefa", "jefe", "utp", "educadora", "colega", "apoderada", "apoderado", "mama", "papa", "todos", "todas"]

    /// «¿El viernes 29 de octubre o el sábado 30 de octubre?»: the question between days the
    /// words name (a flow that reads its own dates asks it too).
    public static func whichDay(_ options: [LocalDate], today: LocalDate) -> String {
        let words = options.map { "el " + SpanishFormat.date($0, today: today) }
        let joined = words.dropLast().joined(separator: ", ") + " o " + (words.last ?? "")
        return "¿" + joined.prefix(1).uppercased() + joined.dropFirst() + "?"
    }

    /// At «¿Lo dejo así igual?» of a date gone by, an answer that is neither yes, no nor a date
    /// but reads as the answer to another question still unanswered: a length field that reads
    /// it, else the first required free-text field (a name),
    /// for a few words that say nothing of the date. That field and its value, as the flow keeps
    /// it; nil otherwise.
    func answerToNext(_ clean: String, phrase: Phrase, dated name: String, run: FlowRun, flow: FlowDefinition,
                      context: EngineContext) -> (SlotDefinition, SlotValue)? {
        guard !clean.contains("?"), !phrase.tokens.isEmpty else { return nil }
        let open = flow.slots.filter { $0.name != name && run.values[$0.name] == nil && !run.skipped.contains($0.name) && !$0.isList }
        func kept(_ v: SlotValue, _ slot: SlotDefinition) -> (SlotDefinition, SlotValue)? {
            let verdict = context.extensions[flow.id]?.validate(v, slot: slot, run: run, context: context) ?? .accept
            guard verdict.remarks.isEmpty, let k = verdict.kept(v) else { return nil }
            return (slot, k)
        }
        for slot in open where slot.type == .duration {
            if case .value(let v) = SlotParser.parse(clean, phrase: phrase, slot: slot, context: context) { return kept(v, slot) }
        }
        guard phrase.tokens.count <= 6, TemporalParser.parse(clean, context: context.temporal) == nil,
              !phrase.tokens.contains(where: { ["no", "si", "fecha", "dia", "igual", "pasada", "paso", "ok", "dale", "bueno", "ya"].contains($0) }),
              let text = open.first(where: { ($0.type == .text) && !$0.optional && $0.condition == nil }),
              case .value(let v) = SlotParser.parse(clean, phrase: phrase, slot: text, context: context) else { return nil }
        return kept(v, text)
    }

    /// Answers to a pending check: keep the past date, or pick one of the ambiguous days.
    func resolveCheck(_ check: FlowRun.Check, clean: String, phrase: Phrase, run: FlowRun, flow: FlowDefinition,
                      state: inout DialogState, context: EngineContext, out: inout [Effect]) {
        switch check {
        case .pastDate(let name, let value):
            guard let slot = flow.slot(named: name) else { return }
            switch YesNo.parse(clean) {
            case true?:
                accept(value, slot: slot, flow: flow, state: &state, context: context, out: &out, confirmed: true)
            case false?:
                var r = run
                r.check = nil
                state.current = r
                // «no po, ayer era cuando empecé. la fecha es el 15 de enero»: the date said after
                // the «no» is the answer (the last sentence that holds one, past ones left out).
                let parts = clean.components(separatedBy: ". ").map { $0.trimmingCharacters(in: .whitespaces) }
                var sentences = Array(parts.dropFirst().reversed())
                if let first = parts.first, let comma = first.range(of: ", ") { sentences.append(String(first[comma.upperBound...])) }
                for sentence in sentences where !sentence.isEmpty {
                    if case .value(let v) = SlotParser.parse(sentence, slot: slot, context: context),
                       violation(v, slot: slot, run: r, context: context) == nil {
                        accept(v, slot: slot, flow: flow, state: &state, context: context, out: &out)
                        return
                    }
                }
                out.append(.say("Bien. " + question(slot, run: r, context: context)))
            case nil:
                // Another date instead of yes/no is a new answer.
                var r = run
                r.check = nil
                state.current = r
                if case .value = SlotParser.parse(clean, phrase: phrase, slot: slot, context: context) {
                    answer(clean, slot: slot, run: r, flow: flow, state: &state, context: context, out: &out, phrase: phrase)
                } else if let (next, v) = answerToNext(clean, phrase: phrase, dated: name, run: r, flow: flow, context: context) {
                    // «2 horas» to «¿Lo dejo así igual?»: the answer to a question still to come
                    // (the person went on), kept; the date is asked again (it looped on
                    // «Responde «sí»…», issue 12).
                    r.values[next.name] = v
                    if !r.answered.contains(next.name) { r.answered.append(next.name) }
                    // (What the date would have settled, as a series or not, may be asked first.)
                    r.phase = nextPhase(r, flow: flow)
                    state.current = r
                    out.append(.say("Anotado: \(next.label), \(v.display(today: context.today, choices: next.choices)). Esa fecha ya pasó, así que la dejo en blanco."))
                    ask(r, flow: flow, context: context, out: &out)
                } else {
                    state.current = run
                    out.append(.say("Responde «sí» para dejar esa fecha, o escríbeme otra."))
                }
            }
        case .newPeople(let name, let value, let names, let given):
            let about = given.count == names.count ? given : names.map { _ in "" }
            // (Nothing said of anyone: no details at all.)
            let saidSome = about.contains { !$0.isEmpty }
            let details = { (chosen: [String]) in saidSome ? chosen.map { n in names.firstIndex(of: n).map { about[$0] } ?? "" } : [] }
            guard let slot = flow.slot(named: name) else { return }
            // Offered for a value the request already gave (`newcomersOffer`): it was checked then,
            // so the flow only goes on (its remarks were said once).
            // `said` is the value with any fuller names said after the yes.
            let accept = { (said: SlotValue, state: inout DialogState, out: inout [Effect]) in
                if run.values[name] == value, var r = state.current {
                    r.check = nil
                    r.values[name] = said
                    state.current = r
                    self.advance(state: &state, flow: flow, context: context, out: &out)
                } else {
                    self.accept(said, slot: slot, flow: flow, state: &state, context: context, out: &out, confirmed: true)
                }
            }
            // «no, solo lorena y sergio», «sí, pero solo a Lorena»: exactly those of the people
            // offered are added; the rest stay in this record only (qa25 c7: the «no» took all
            // three out of the acta, which kept one attendee).
            if let only = Self.onlyNewcomers(clean, names: names) {
                out.append(.addMembers(only, about: details(only)))
                let kept = names.filter { !only.contains($0) }
                if !kept.isEmpty { out.append(.say("A \(SlotValue.joinSpanish(kept)) lo dejo anotado solo aquí.")) }
                accept(value, &state, &out)
                return
            }
            switch YesNo.parse(clean) {
            case true?:
                // «sí, Luis Huenchual» to «¿Agrego a Luis?»: the person is added (and kept in
                // this record) with the full name said.
                var names = names, value = value
                for (short, full) in Self.fullerNames(clean, for: names) {
                    names = names.map { $0 == short ? full : $0 }
                    switch value {
                    case .text(let t) where t == short: value = .text(full)
                    case .list(let xs): value = .list(xs.map { $0 == short ? full : $0 })
                    default: break
                    }
                }
                // «sí, es Sonia Reyes, directora de la escuela Pidima»: her post and school, said
                // with the yes, go with her (qa37: she was added with neither).
                var details = saidSome ? about : names.map { _ in "" }
                if let now = context.extensions.shared?.newcomerDetails(names, in: clean), now.count == names.count {
                    for i in names.indices where details[i].isEmpty { details[i] = now[i] }
                }
                out.append(.addMembers(names, about: details.contains { !$0.isEmpty } ? details : []))
                accept(value, &state, &out)
            case false?:
                // «no, la Gloria no vino», «no jaja, osea yo misma»: the «no» says the one offered
                // is not in this record at all (a name read from narration); taken out of it, not
                // kept «solo aquí» (qa18 A6: «Gloria Avisó» stayed among those who came).
                let denied = Self.deniedNewcomers(phrase, names: names)
                if !denied.isEmpty {
                    let left: [String]
                    switch value {
                    case .list(let xs): left = xs.filter { !denied.contains($0) }
                    case .text(let t): left = denied.contains(t) ? [] : [t]
                    default: left = []
                    }
                    out.append(.say("Bien: \(SlotValue.joinSpanish(denied)) no \(denied.count == 1 ? "queda" : "quedan") en este registro ni en la red."))
                    let kept = names.filter { !denied.contains($0) }
                    if !left.isEmpty, case .list = value {
                        if !kept.isEmpty { out.append(.say("A \(SlotValue.joinSpanish(kept)) lo dejo anotado solo aquí.")) }
                        accept(.list(left), &state, &out)
                    } else if !left.isEmpty, let only = left.first {
                        accept(.text(only), &state, &out)
                    } else {
                        var r = run
                        r.check = nil
                        r.values[name] = nil
                        state.current = r
                        out.append(.say(question(slot, run: r, context: context)))
                    }
                    return
                }
                // «no, todos po», «no, la Marisol y el Juan» to «¿Agrego a X?» of the question asked:
                // after the «no», the members (all of them, or by name) the answer meant instead;
                // X is no one to keep (qa28 c1: it was a plain «no», X stayed as the answer).
                if case .asking(let asked) = run.phase, asked == name, let rest = Self.afterNo(clean) {
                    var r = run
                    r.check = nil
                    let everyone = context.members + (context.userName.map { [$0] } ?? [])
                    let onlyMembers = { (people: [String]) in
                        !people.isEmpty && people.allSatisfy(everyone.contains) && !people.contains(where: names.contains)
                    }
                    // «todos» is read by the readings every flow gets; names by the slot's parser.
                    if let read = reading(Utterance(rest), run: r, flow: flow, context: context), case .fill(let values, _, _) = read,
                       let people = values[name]?.listValue, onlyMembers(people) {
                        state.current = r
                        apply(read, run: r, flow: flow, state: &state, context: context, out: &out)
                        return
                    }
                    if case .value(.list(let people)) = SlotParser.parse(rest, slot: slot, context: context), onlyMembers(people) {
                        state.current = r
                        answer(rest, slot: slot, run: r, flow: flow, state: &state, context: context, out: &out)
                        return
                    }
                }
                out.append(.say("Bien, no los agrego a la red; quedan anotados solo aquí."))
                accept(value, &state, &out)
            case nil:
                // "vinieron Jaime y Marisol": a new list for the same question, naming members, replaces the first.
                if SlotParser.namesMember(clean, phrase: phrase, slot: slot, context: context) {
                    var r = run
                    r.check = nil
                    state.current = r
                    answer(clean, slot: slot, run: r, flow: flow, state: &state, context: context, out: &out, phrase: phrase)
                    return
                }
                // The user went on without answering the offer («15 de diciembre» after «¿Agrego a
                // Luis?»; piped scripts do this): the names stay in this record only, said so, and
                // the message is the next question's answer. A message that answers nothing asks
                // the offer again.
                let who = SlotValue.joinSpanish(names)
                var skipped: [Effect] = []
                var trial = state
                accept(value, &trial, &skipped)
                if let next = trial.current, next.flowID == flow.id, next.check == nil, case .asking(let name) = next.phase,
                   let nextSlot = flow.slot(named: name), case .value = SlotParser.parse(clean, phrase: phrase, slot: nextSlot, context: context) {
                    state = trial
                    out.append(.say("No agregué a \(who) a la red: quedan solo en este registro (si quieres sumarlos, dime «incorporar a» y su nombre)."))
                    let message = Utterance(clean: clean, phrase: phrase)
                    execute(readInFlow(message, run: next, flow: flow, context: context), message: message, state: &state, context: context, out: &out)
                } else {
                    out.append(.say("Solo para confirmar: ¿agrego a \(who) a la red? Responde «sí» o «no»."))
                }
            }
        case .whichDate(let name, let options):
            guard let slot = flow.slot(named: name) else { return }
            // The day chosen; for a day and hour, with the hour said (or the hour asked next).
            func take(_ d: LocalDate) {
                guard slot.type == .datetime else {
                    // A flow's own text field that took a day and hour (a meeting's new «cuando»):
                    // the day chosen at the hour it had.
                    if slot.type != .date, case .time(let t)? = run.partials?[name] {
                        var r = run
                        r.check = nil
                        r.partials = nil
                        state.current = r
                        accept(.dateTime(LocalDateTime(date: d, time: t)), slot: slot, flow: flow, state: &state, context: context, out: &out)
                        return
                    }
                    accept(.date(d), slot: slot, flow: flow, state: &state, context: context, out: &out)
                    return
                }
                var r = run
                r.check = nil
                if case .time(let t)? = run.partials?[name] {
                    r.partials = nil
                    state.current = r
                    accept(.dateTime(LocalDateTime(date: d, time: t)), slot: slot, flow: flow, state: &state, context: context, out: &out)
                    return
                }
                r.partials = [name: .date(d)]
                state.current = r
                out.append(.say(question(slot, run: r, context: context)))
            }
            let labels = options.map { Choice(value: $0.iso, label: SpanishFormat.date($0, today: context.today)) }
            if let pick = SlotParser.choice(in: clean, choices: labels, phrase: phrase), let d = LocalDate(iso: pick.value) {
                take(d)
                return
            }
            if let d = Self.dayNamed(clean, among: options, slot: slot, context: context) {
                take(d)
                return
            }
            if let n = SlotParser.outOfRange(clean, count: options.count, phrase: phrase) { out.append(.say(SlotParser.outOfRangeNote(n, count: options.count))) }
            out.append(.say("Dime cuál: " + options.enumerated().map { "\($0.offset + 1). \(SpanishFormat.date($0.element, today: context.today))" }
                .joined(separator: ", ") + "."))
        }
    }

    /// Which of `options` an answer names: the day itself («el 29», «viernes 29») or only its
    /// weekday («el viernes», «el sábado nomás»). Nil when it names none, or both.
    static func dayNamed(_ clean: String, among options: [LocalDate], slot: SlotDefinition, context: EngineContext) -> LocalDate? {
        if case .value(let v) = SlotParser.parse(clean, slot: slot, context: context),
           let d = v.dateValue, let hit = options.first(where: { $0 == d || $0.day == d.day }) {
            return hit
        }
        let named = Set(Phrase(clean).tokens.compactMap { weekdayNumbers[$0] })
        let hits = options.filter { named.contains($0.weekday) }
        return hits.count == 1 ? hits[0] : nil
    }

    static let weekdayNumbers: [String: Int] = ["lunes": 1, "martes": 2, "miercoles": 3, "jueves": 4, "viernes": 5, "sabado": 6, "domingo": 7]

    /// "¿otro punto?" on a list slot: a no moves on, a yes asks for it, anything else is the item.
    func answerMore(_ clean: String, slot: SlotDefinition, run: FlowRun, flow: FlowDefinition,
                    state: inout DialogState, context: EngineContext, out: inout [Effect]) {
        // The answer to «¿«X» va en lugar de «Y», o es otra más?» (below): X replaces Y, or is added.
        if let held = run.partials?[slot.name]?.textValue {
            var r = run
            r.partials?[slot.name] = nil
            if r.partials?.isEmpty == true { r.partials = nil }
            let t = Phrase(clean).tokens
            let replaces = t.contains { ["lugar", "vez", "reemplaza", "reemplazala", "cambiala", "cambialo", "cambia", "esa", "ese"].contains($0) }
            let adds = t.contains { ["otra", "otro", "agrega", "agregala", "suma", "mas", "ambas", "ambos", "dos", "nueva"].contains($0) }
            if replaces != adds {
                answerMore("no, " + (replaces ? "esa no. " : "y también ") + held, slot: slot, run: r, flow: flow, state: &state, context: context, out: &out)
                return
            }
            state.current = r
            if YesNo.parse(clean) != nil || Self.endsList(Phrase(clean)) {
                out.append(.say("Entonces dejo la lista como estaba."))
                ask(r, flow: flow, context: context, out: &out)
                return
            }
        }
        // «ya eso no más», «eso sería todo», «nada más»: the list ends, as with a «no».
        switch Self.endsList(Phrase(clean)) ? false : YesNo.parse(clean) {
        case false? where YesNo.lead(clean)?.yes == false:
            // «no, son dos objetivos: A; B», «no, falta otro: C»: the «no» corrects how the list
            // was taken, and items follow the lead-in. They are added (what the list already holds
            // said again is not added twice) and «¿Otro …?» is asked again; ending the list here
            // dropped them without a word. Any other «no, …» ends the list as before.
            // «no, eran estos: A, B», «no, los objetivos son: A y B»: the whole list said again,
            // in place of what it holds (it ended the list and dropped them, or added B and A
            // after the A it held). Only with two items or more: «son esos: los que te dije»
            // points back, it lists nothing.
            if let rest = YesNo.lead(clean)?.rest, let items = Self.listRestated(rest, slot: slot) {
                var r = run
                r.values[slot.name] = nil
                r.phase = .asking(slot.name)
                state.current = r
                let at = out.count
                answer(Self.restatedItems(items), slot: slot, run: r, flow: flow, state: &state, context: context, out: &out)
                // Said before the next question: what the list holds now, in place of what it held
                // (qa34: the old items went without a word).
                if let held = state.current?.values[slot.name]?.listValue, held.count >= 2, at <= out.count {
                    out.insert(.say("Cambié la lista por: " + SlotValue.joinSpanish(held.map { "«\($0)»" }) + "."), at: at)
                }
                return
            }
            // «no, esa no. celular del luis en silencio», «no, mejor: X»: the «no» points at the
            // item just said, and what follows takes its place (issue 12: it ended the list and
            // dropped the text). «no, y también X», «no, otra más X»: X is one more. With nothing
            // after the pointer («no, esa no»), the item just said is taken out. Said before the
            // question comes again.
            if let rest = YesNo.lead(clean)?.rest, let held = run.values[slot.name]?.listValue, let last = held.last,
               !Self.endsList(Phrase(rest)), let (op, item) = Self.noLeadOnLastItem(rest), !Self.endsList(Phrase(item)) {
                var r = run
                r.phase = .asking(slot.name)
                if op == .add {
                    guard Phrase(item).contentCount > 0 else { fallthrough }
                    state.current = r
                    answer(Self.withoutLeadingY(item), slot: slot, run: r, flow: flow, state: &state, context: context, out: &out)
                    return
                }
                r.values[slot.name] = held.count > 1 ? .list(Array(held.dropLast())) : nil
                if Phrase(item).contentCount == 0 {
                    if held.count > 1 { r.phase = .more(slot.name) }
                    state.current = r
                    out.append(.say("Saqué «\(last)»."))
                    ask(r, flow: flow, context: context, out: &out)
                    return
                }
                state.current = r
                let at = out.count
                answer(item, slot: slot, run: r, flow: flow, state: &state, context: context, out: &out)
                if let now = state.current?.values[slot.name]?.listValue, now.count >= held.count, now.last != last, at <= out.count {
                    let added = now.suffix(now.count - held.count + 1)
                    out.insert(.say("Cambié «\(last)» por " + SlotValue.joinSpanish(added.map { "«\($0)»" }) + "."), at: at)
                }
                return
            }
            if let rest = YesNo.lead(clean)?.rest, let items = Self.itemsAfterListLead(rest, slot: slot) {
                let new = Self.withoutHeldItems(items, held: run.values[slot.name]?.listValue ?? [])
                if new.isEmpty { fallthrough }
                var r = run
                r.phase = .asking(slot.name)
                state.current = r
                answer(new, slot: slot, run: r, flow: flow, state: &state, context: context, out: &out)
                return
            }
            // «no, celular en silencio»: an item after the «no», and nothing says whether it takes
            // the place of the one just said or is one more. Asked, the item kept for the answer
            // (it ended the list and dropped the item).
            if let rest = YesNo.lead(clean)?.rest, let last = run.values[slot.name]?.listValue?.last,
               !Self.endsList(Phrase(rest)), Phrase(rest).contentCount >= 2, !rest.contains("?"),
               // «no, son esos: los que te dije»: it points back at the list, it says no item.
               !Phrase(rest).tokens.contains(where: { Self.restatingWords.contains($0) || $0 == "dije" || $0 == "dijimos" }),
               !["son", "eran", "es", "era", "seria", "serian", "esta", "estan", "estamos"].contains(Phrase(rest).tokens.first ?? "") {
                var r = run
                r.partials = (r.partials ?? [:]).merging([slot.name: .text(rest)]) { $1 }
                state.current = r
                out.append(.say("¿«\(rest)» va en lugar de «\(last)», o es \(Self.oneMore(slot))? Dime «en lugar» o «otra más»."))
                return
            }
            fallthrough
        case false?:
            // Fewer items than the flow needs: one more is asked, not the list closed.
            if let min = slot.minItems, (run.values[slot.name]?.listValue?.count ?? 0) < min {
                var r = run
                r.phase = .asking(slot.name)
                state.current = r
                out.append(.say("Necesito al menos \(min) \(slot.label). Dime otra."))
                return
            }
            advance(state: &state, flow: flow, context: context, out: &out)
        case true?:
            var r = run
            r.phase = .asking(slot.name)
            // «sí, la convivencia escolar»: the yes comes with the next item itself.
            if let lead = YesNo.lead(clean), lead.yes {
                state.current = r
                answer(lead.rest, slot: slot, run: r, flow: flow, state: &state, context: context, out: &out)
                return
            }
            // A bare «sí»: still at «¿otro?», so a «no» next ends the list (it is never an item)
            // and a resumed flow asks for another one, not for the first.
            out.append(.say("Dime cuál."))
        case nil:
            var r = run
            r.phase = .asking(slot.name)
            state.current = r
            // «y capacitar a los profes…» to «¿Otro objetivo?»: the «y» joins it to the list, it is
            // not the item's (it was stored with it: pass 8, 06-2).
            answer(Self.withoutLeadingY(clean), slot: slot, run: r, flow: flow, state: &state, context: context, out: &out)
        }
    }

    /// After the «no» of «no, …» to «¿Otro …?»: a lead-in that points at the item just said
    /// («esa no», «no esa», «la última no», «mejor», «en vez de esa») and what takes its place
    /// (`.replace`, possibly empty), or one that adds («y también», «otra más», «falta») and the
    /// item (`.add`). Nil for anything else («eso es todo», «gracias»). On the words' folds.
    static func noLeadOnLastItem(_ rest: String) -> (ListEditOp, String)? {
        let words = rest.split(separator: " ", omittingEmptySubsequences: true)
        let folded = words.map { TextFold.fold(String($0)).trimmingCharacters(in: .punctuationCharacters) }
        func after(_ lead: [String]) -> String? {
            guard folded.count >= lead.count, Array(folded.prefix(lead.count)) == lead else { return nil }
            var i = lead.count
            while i < folded.count, noLeadFillers.contains(folded[i]) { i += 1 }
            let item = words.dropFirst(i).joined(separator: " ")
            let cut: (Character) -> Bool = { " ,.;:-".contains($0) }
            return String(item.drop(while: cut).reversed().drop(while: cut).reversed())
        }
        for lead in noReplaceLeads { if let item = after(lead) { return (.replace, item) } }
        for lead in noAddLeads { if let item = after(lead) { return (.add, item) } }
        return nil
    }

    /// «otra norma más», «otro punto más»: one more of the list, in its own gender.
    static func oneMore(_ slot: SlotDefinition) -> String {
        // The list's own «¿Otra norma?», «¿Otro punto para la tabla?».
        if let more = slot.more, more.hasPrefix("¿Otr"), let end = more.firstIndex(of: "?") {
            let asked = more[more.index(after: more.startIndex)..<end]
            if asked.split(separator: " ").count <= 5 { return "o" + asked.dropFirst() }
        }
        let word = slot.label.split(separator: " ").first.map(String.init) ?? slot.label
        let singular = word.hasSuffix("s") ? String(word.dropLast()) : word
        return (singular.hasSuffix("a") ? "otra " : "otro ") + singular + " más"
    }

    static let noReplaceLeads: [[String]] = [["esa", "no", "va"], ["ese", "no", "va"], ["eso", "no", "va"], ["esa", "no"], ["ese", "no"],
                                             ["eso", "no"], ["no", "esa"], ["no", "ese"], ["la", "ultima", "no"], ["el", "ultimo", "no"],
                                             ["en", "vez", "de", "esa"], ["en", "vez", "de", "ese"], ["en", "lugar", "de", "esa"],
                                             ["en", "lugar", "de", "ese"], ["cambiala", "por"], ["cambialo", "por"], ["mejor"]]
    static let noAddLeads: [[String]] = [["y", "tambien"], ["tambien"], ["y", "otra", "mas"], ["y", "otro", "mas"], ["otra", "mas"],
                                         ["otro", "mas"], ["y", "otra"], ["y", "otro"], ["falta"], ["faltaba"], ["agrega"]]
    /// Words between such a lead-in and the item: «esa no po, mejor: X», «esa no, era X».
    static let noLeadFillers: WordSet = ["po", "pu", "mejor", "sino", "era", "es", "seria", "pone", "ponle", "pon", "anota", "por", ""]

    /// «son dos objetivos: A; B», «otro objetivo: C», «falta uno: D» → the items after the colon:
    /// a short lead-in that names the list or says there are more of it. Nil for anything else.
    static func itemsAfterListLead(_ text: String, slot: SlotDefinition) -> String? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let head = Phrase(String(text[..<colon])).tokens
        let items = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard !head.isEmpty, head.count <= 6, items.contains(where: { $0.isLetter || $0.isNumber }) else { return nil }
        let stem = { (w: String) in w.hasSuffix("s") ? String(w.dropLast()) : w }
        let named = Set(([slot.label] + slot.aliases).flatMap { Phrase($0).tokens }.map(stem))
        // «son esos: los que te dije» names no list: only the list's own word, a word of more
        // («otro», «falta»), or «son» with a count («son dos: A; B») leads into items.
        let counted = zip(head, head.dropFirst()).contains { ($0 == "son" || $0 == "eran") && (listCountWords.contains($1) || $1.allSatisfy(\.isNumber)) }
        guard counted || head.contains(where: { named.contains(stem($0)) || listLeadWords.contains($0) }) else { return nil }
        return items
    }

    /// «eran estos: A, B», «son estas: A; B», «los objetivos son: A y B», «en realidad los puntos
    /// eran: A, B»: a lead-in that says what the list is (a «son»/«eran» with «estos» or the
    /// list's own name, and nothing that adds to it), then two items or more. The items, or nil.
    static func listRestated(_ text: String, slot: SlotDefinition) -> String? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let head = Phrase(String(text[..<colon])).tokens
        guard head.count >= 2, head.count <= 6, head.contains(where: { $0 == "son" || $0 == "eran" || $0 == "serian" }) else { return nil }
        let stem = { (w: String) in w.hasSuffix("s") ? String(w.dropLast()) : w }
        let named = Set(([slot.label] + slot.aliases).flatMap { Phrase($0).tokens }.map(stem))
        let pointing = head.contains { restatingWords.contains($0) }
        guard pointing || head.contains(where: { named.contains(stem($0)) }),
              // «son estas dos: A; B»: a count with «estas» (without it, «son dos objetivos: A; B» adds).
              head.allSatisfy({ restatingWords.contains($0) || restatingFillers.contains($0) || named.contains(stem($0))
                  || pointing && listCountWords.contains($0) }) else { return nil }
        let items = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        // Two items at least, cut where a list is cut.
        let pieces = items.split(whereSeparator: { $0 == "," || $0 == ";" }).count
        guard pieces >= 2 || items.range(of: " y ") != nil, Phrase(items).contentCount >= 2 else { return nil }
        return items
    }

    /// The items of a restated list cut by «;», as a list is read in one go: at its commas, or
    /// with none at its «y» («A y B»: «estos» said there are several).
    static func restatedItems(_ items: String) -> String {
        if items.contains(";") { return items }
        var commas = items.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        // «A, B y C»: the last two are joined by the «y» that closes the list.
        if commas.count >= 2, let last = commas.last, let y = last.range(of: " y ", options: .backwards) {
            let (b, c) = (last[..<y.lowerBound].trimmingCharacters(in: .whitespaces), last[y.upperBound...].trimmingCharacters(in: .whitespaces))
            if !b.isEmpty, !c.isEmpty { commas.removeLast(); commas += [b, c] }
        }
        if commas.count >= 2 { return commas.joined(separator: "; ") }
        return items.components(separatedBy: " y ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "; ")
    }

    static let restatingWords: WordSet = ["estos", "estas", "esos", "esas"]
    static let restatingFillers: WordSet = ["son", "eran", "serian", "los", "las", "en", "realidad", "po", "ya", "bueno", "mejor", "todos",
                                            "todas", "asi", "que", "mira", "solo", "solamente", "nomas"]

    static let listLeadWords: WordSet = ["otro", "otra", "otros", "otras", "falta", "faltan", "faltaba", "faltaban", "tambien"]
    static let listCountWords: WordSet = ["dos", "tres", "cuatro", "cinco"]

    /// `items` without the leading pieces («A; B», «A, B», «A y B») the list already holds: said
    /// again when correcting how the list was taken, they are not new items.
    static func withoutHeldItems(_ items: String, held: [String]) -> String {
        let heldFolded = Set(held.map { Phrase($0).tokens.joined(separator: " ") })
        var rest = Substring(items)
        while let cut = rest.firstIndex(where: { $0 == ";" || $0 == "," }) ?? rest.range(of: " y ")?.lowerBound,
              heldFolded.contains(Phrase(String(rest[..<cut])).tokens.joined(separator: " ")) {
            rest = rest[cut...].drop { $0 == ";" || $0 == "," || $0 == " " }
            if rest.hasPrefix("y ") { rest = rest.dropFirst(2) }
        }
        let last = Phrase(String(rest)).tokens.joined(separator: " ")
        return heldFolded.contains(last) ? "" : rest.trimmingCharacters(in: .whitespaces)
    }

    /// «ya eso no más», «eso es todo», «nada más», «no hay más», «listo, eso sería»: every word
    /// closes a list and one of them says it is complete.
    /// «listo», «eso», «nada» alone say the same: at «¿Otro …?» they close the list (never a yes
    /// that asks «Dime cuál.»).
    static func endsList(_ phrase: Phrase) -> Bool {
        let t = phrase.tokens
        // On the words' bits (`WordClass.listEnder`, `.listCloser`): this reads most answers.
        if t.count == 1 { return phrase.classes[0].contains(.listEnder) }
        guard t.count >= 2, t.count <= 8, phrase.every(.listCloser) else { return false }
        return t.contains { ["mas", "nomas", "todo", "todos", "todas", "seria", "esos", "esas", "nada", "listo", "eso"].contains($0) }
            || t == ["ya", "esta"]
    }

    static let listEnders: WordSet = ["listo", "lista", "eso", "nada", "ninguno", "ninguna", "nomas", "basta", "suficiente", "esos", "esas", "fin"]

    static let listClosers: WordSet = ["ya", "eso", "es", "esos", "esas", "son", "todo", "todos", "todas", "seria", "no", "mas", "nomas",
                                           "nada", "listo", "po", "hay", "solo", "solamente", "bueno", "por", "ahora", "ninguno", "ninguna", "otro", "otra",
                                           "serian", "estaria", "esta", "con", "esto", "y"]

    /// The next request said with a record just saved (`Effect.startFollowing`), begun on
    /// `context`, which has that record: the effects and what the reply expects then.
    public func startFollowing(state: inout DialogState, context: EngineContext) -> Turn {
        var out: [Effect] = []
        guard state.stack.isEmpty, var following = state.following, !following.isEmpty else { return Turn(effects: [], expects: expectation(state, context: context)) }
        let item = following.removeFirst()
        state.following = following.isEmpty ? nil : following
        guard let next = catalog.flow(item.flow) else { return Turn(effects: [], expects: expectation(state, context: context)) }
        out.append(.say(state.lastSave?.flow == next.id ? "Ahora lo siguiente que me contaste: «\(item.request)»." : "Ahora lo otro que me contaste: «\(item.request)»."))
        // The record just saved is known to its reading («la reunión hay que correrla al viernes
        // 11», said while that meeting was being scheduled, is said of it).
        begin(next, remainder: item.reads == true ? followingRemainder(item.request, flow: next, context: context) : nil, request: item.request,
              given: Self.rematched(item.values, in: next, members: context.members), state: &state,
              context: context.after(state.lastSave), out: &out)
        return Turn(effects: out, expects: expectation(state, context: context))
    }

    /// A request left for later was read with the people of its own turn: «que Jorge conduzca
    /// la de diciembre», said while Jorge was being added, kept «Jorge», nobody in the network
    /// once he was saved as «Jorge Llanquileo». Taken up, a name of a person field that is no
    /// member's is the one member it fits now (kept as said when none or several fit).
    static func rematched(_ values: SlotValues, in flow: FlowDefinition, members: [String]) -> SlotValues {
        guard !values.isEmpty else { return values }
        var out = values
        func one(_ n: String) -> String {
            members.contains(n) || PeopleParser.isGroup(n) ? n : PersonMatcher.match(n, among: members) ?? n
        }
        for slot in flow.slots where slot.type == .person || slot.type == .people {
            switch values[slot.name] {
            case .text(let n)?: out[slot.name] = .text(one(n))
            case .list(let all)?:
                var seen: [String] = []
                for n in all.map(one) where !seen.contains(n) { seen.append(n) }
                out[slot.name] = .list(seen)
            default: continue
            }
        }
        return out
    }

    /// Pops the finished flow: saves it, says done, and goes back to the flow underneath.
    func complete(state: inout DialogState, flow: FlowDefinition, context: EngineContext, out: inout [Effect]) {
        guard let run = state.stack.popLast() else { return }
        if let kind = flow.save {
            out.append(.save(SaveRequest(kind: kind, flowID: flow.id, values: run.values, done: flow.done, started: run.started)))
            // What was queued during the run and taken back at its review does not follow it; what
            // was rewritten there follows in its new words.
            if let ext = context.extensions[flow.id] {
                let kept = ext.following(state.following ?? [], saved: run.values, context: context)
                state.following = kept.isEmpty ? nil : kept
            }
            // A flow paused or waiting underneath about the record this save removes has nothing
            // left to do.
            if !state.paused.isEmpty || !state.stack.isEmpty {
                let outdated = { (r: FlowRun) in context.extensions[r.flowID]?.outdated(r, bySaving: kind, values: run.values, context: context) == true }
                // An answer left there is not dropped unsaid (qa28: a paused poll answer vanished).
                for r in state.paused + state.stack where outdated(r) && !r.answered.isEmpty {
                    if let note = context.extensions[r.flowID]?.outdatedNote(r, context: context) { out.append(.say(note)) }
                }
                state.paused.removeAll(where: outdated)
                state.stack.removeAll(where: outdated)
            }
        } else {
            out.append(.say(Template.render(flow.done, flow: flow, values: run.values, today: context.today)))
        }
        // A round goes on with its next record, or closes; a run on its own may offer one.
        if continueRound(after: run, flow: flow, state: &state, context: context, out: &out) { return }
        // The next of several requests said in one message (two agreements at once).
        if state.stack.isEmpty, var following = state.following, !following.isEmpty {
            let item = following.removeFirst()
            state.following = following.isEmpty ? nil : following
            // Several of one flow in a row, each its whole request (agreements told in an acta):
            // shown together, one confirmation.
            let reads = { (f: FollowingRequest) in f.flow == flow.id || f.reads == true }
            let same = following.prefix { $0.flow == item.flow && $0.values == item.values && reads($0) }
            if !same.isEmpty, reads(item), let next = catalog.flow(item.flow), let names = context.extensions[next.id]?.batchNames(context) {
                let rest = Array(following.dropFirst(same.count))
                var said: [Effect] = [.say("Ahora lo otro que me contaste.")]
                if beginBatch(next, requests: [item.request] + same.map(\.request), values: item.values, names: names,
                              state: &state, context: context, out: &said) {
                    out += said
                    state.following = rest.isEmpty ? nil : rest
                    return
                }
            }
            // «sí, y marca el acuerdo 1 como cumplido»: another flow reads the store, which has
            // the record just saved only once the save is carried out: the session starts it then
            // (it began on the data from before, «Todavía no hay acuerdos registrados»).
            if let next = catalog.flow(item.flow), next.id != flow.id || item.reads == false, flow.save != nil {
                state.following = [item] + following
                out.append(.startFollowing)
                return
            }
            if let next = catalog.flow(item.flow) {
                out.append(.say(next.id == flow.id ? "Ahora lo siguiente que me contaste: «\(item.request)»." : "Ahora lo otro que me contaste: «\(item.request)»."))
                // Another flow reads the words with its own prefill (who came, for an acta).
                begin(next, remainder: (next.id == flow.id && item.reads != false) || item.reads == true
                          ? followingRemainder(item.request, flow: next, context: context) : nil, request: item.request,
                      given: Self.rematched(item.values, in: next, members: context.members), state: &state, context: context, out: &out)
                return
            }
        }
        if state.stack.isEmpty, let queued = state.queued, let next = catalog.flow(queued.flow) {
            // What was asked for while this had to be finished first.
            state.queued = nil
            state.pending = .switchFlow(flow: next.id, text: queued.request)
            out.append(.say("¿Seguimos con «\(next.title)», como me pediste?"))
        } else if !resumeOuter(state: state, context: context, out: &out) {
            remindPaused(state, out: &out)
        }
    }

    /// What the session waits for next (socket protocol v1 `expects` plus `choices`).
    /// `expectation(state)` with the choices that do not apply to this run left out (the flow
    /// extension's `hiddenChoices`).
    public func expectation(_ state: DialogState, context: EngineContext) -> Expectation? {
        guard var e = expectation(state) else { return nil }
        if e.type == .choice, state.pending == nil, state.current?.check == nil, let run = state.current, case .asking(let name) = run.phase,
           let flow = catalog.flow(run.flowID), let slot = flow.slot(named: name) {
            let shown = shownChoices(slot, run: run, context: context)
            if shown.count < slot.choices.count { e.choices = shown.map(\.label) }
        }
        return e
    }

    /// The choices of `slot` offered in this run: all but those its flow hides.
    func shownChoices(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> [Choice] {
        guard slot.type == .choice, let hidden = context.extensions[run.flowID]?.hiddenChoices(slot, run: run, context: context),
              !hidden.isEmpty else { return slot.choices }
        return slot.choices.filter { !hidden.contains($0.value) }
    }

    public func expectation(_ state: DialogState) -> Expectation? {
        if let pending = state.pending {
            switch pending {
            case .switchFlow, .switchOrAnswer, .cancel:
                return Expectation(flow: state.current?.flowID ?? "minga", slot: "confirmar", type: .yesno, choices: ["Sí", "No"])
            case .pickFlow(let ids), .pickFlowFor(let ids, _):
                return Expectation(flow: state.current?.flowID ?? "minga", slot: "flujo", type: .choice,
                                   choices: ids.compactMap { catalog.flow($0)?.title })
            case .pickPaused:
                return Expectation(flow: "minga", slot: "pausado", type: .choice,
                                   choices: state.paused.compactMap { catalog.flow($0.flowID)?.title })
            case .speakerName:
                return Expectation(flow: state.current?.flowID ?? "minga", slot: "nombre", type: .person, choices: [])
            }
        }
        guard let run = state.current, let flow = catalog.flow(run.flowID) else { return nil }
        if let check = run.check {
            switch check {
            case .pastDate(let slot, _), .newPeople(let slot, _, _, _):
                return Expectation(flow: flow.id, slot: slot, type: .yesno, choices: ["Sí", "No"])
            case .whichDate(let slot, let options):
                // Shown numbered under the question: the days as said, never as ISO dates.
                return Expectation(flow: flow.id, slot: slot, type: .choice, choices: options.map { SpanishFormat.date($0, today: options[0]) })
            }
        }
        switch run.phase {
        case .asking(let name):
            let slot = flow.slot(named: name)
            return Expectation(flow: flow.id, slot: name, type: slot?.type ?? .text,
                               choices: slot?.type == .yesno ? ["Sí", "No"] : (slot?.choices.map(\.label) ?? []))
        case .more(let name):
            return Expectation(flow: flow.id, slot: name, type: .yesno, choices: ["Sí", "No"])
        case .confirming:
            return Expectation(flow: flow.id, slot: "confirmar", type: .confirm, choices: ["Sí", "No"])
        case .choosingEdit:
            return Expectation(flow: flow.id, slot: "corregir", type: .choice,
                               choices: editable(run, flow: flow).map(\.capitalizedLabel))
        }
    }
}

extension DialogEngine {
    /// «ninguna nota», «nada por ahora», «no, nada más»: a word of none and nothing else but the
    /// field's own name or «por ahora»/«más» — the same as «nada», never a value to store.
    static func saysNone(_ phrase: Phrase, label: String) -> Bool {
        let t = phrase.tokens
        guard let first = t.first, t.count <= 5, noneLeads.contains(first) else { return false }
        let named = Set(Phrase(label).tokens.map { $0.hasSuffix("s") ? String($0.dropLast()) : $0 })
        return t.dropFirst().allSatisfy { w in
            noneLeads.contains(w) || noneTail.contains(w) || named.contains(w.hasSuffix("s") ? String(w.dropLast()) : w)
        }
    }

    /// The later optional question of `flow` that `phrase` says «none» to, by a word of its label
    /// («ninguna nota» → notas); only questions asked on their own and not answered yet.
    static func noneAheadSlot(_ phrase: Phrase, after slot: SlotDefinition, run: FlowRun, flow: FlowDefinition) -> SlotDefinition? {
        guard let at = flow.slots.firstIndex(where: { $0.name == slot.name }) else { return nil }
        return flow.slots[(at + 1)...].first { later in
            guard later.optional, later.condition == nil, run.values[later.name] == nil, !run.skipped.contains(later.name) else { return false }
            let named = Set(Phrase(later.label).tokens.map { $0.hasSuffix("s") ? String($0.dropLast()) : $0 })
            return phrase.tokens.contains { named.contains($0.hasSuffix("s") ? String($0.dropLast()) : $0) } && saysNone(phrase, label: later.label)
        }
    }

    static let noneLeads: WordSet = ["ninguno", "ninguna", "ningun", "nada", "no", "sin"]
    static let noneTail: WordSet = ["por", "ahora", "mas", "nomas", "todavia", "aun", "po", "eso", "seria", "gracias", "de", "que", "agregar", "decir"]
}
