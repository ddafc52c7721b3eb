import CivilTime
import Understanding

/// A turn in two steps: `understand` reads the message into one `Command` without touching the
/// state; `execute` carries it out. Flow extensions take part in both (a flow's own reading of
/// an answer, its checks), at the same fixed points for every flow.
extension DialogEngine {
    // MARK: - Understanding

    /// What `message` asks, given where the conversation is.
    public func understand(_ message: Utterance, state: DialogState, context: EngineContext) -> Command {
        let clean = message.clean, phrase = message.phrase
        // «no era reunión, olvídalo» with nothing in progress: a refusal that cancels never starts
        // the flow its words name.
        // (A refusal's first word is a «no»: the phrase's first word says whether to look.)
        assert(phrase.tokens.first.map(Self.isNo) == true || Self.afterRefusal(clean) == nil, "the first word hides the refusal in «\(clean)»")
        if state.current == nil, state.pending == nil, phrase.tokens.first.map(Self.isNo) == true, let tail = Self.afterRefusal(clean),
           ([tail] + Self.clauses(tail)).contains(where: { RepairVerb.recognize(Phrase($0)) == .cancel }) {
            return .repair(.cancel)
        }
        // «nooo, no quiero cambiar la red», «no quiero agendar nada» with nothing in progress: a
        // request refused is no request (issue 12: it offered the flows its words met).
        if state.current == nil, state.pending == nil, phrase.tokens.contains(where: Self.wantWords.contains), Self.refusesRequest(clean) {
            return .decline
        }
        // «quiero deshacer lo último que guardé, la norma de los celulares»: an undo of the last
        // save, whatever the record is called after it (qa39: the norm's words opened a new norm).
        if state.isIdle, let led = Self.undoLed(clean, phrase: phrase), !Self.undoNamesRecord(clean) {
            // «deshaz eso, me equivoqué de persona»: what the mistake was is the undo's reason.
            if state.lastSave != nil, let why = Self.regretReason(clean, phrase: phrase) ?? led { return .undoLast(reason: why) }
            return .repair(.back)
        }
        // «los dos están cumplidos», «el plazo de los dos es el 18» right after two records were
        // saved together: said of each (before any flow claims it for the last one alone).
        if state.isIdle, let last = state.lastSave, last.records.count == 2, phrase.tokens.contains(where: Self.bothWords.contains),
           let both = bothRequests(clean, last: last, state: state, context: context) {
            return both
        }
        // «los dos están cumplidos» right after a list of two records («¿qué acuerdos tiene la
        // Rosa?»): said of each, as after two saved together. Gated on the words and the list.
        if state.isIdle, let listed = state.listing?.records, listed.count == 2, phrase.tokens.contains(where: Self.bothWords.contains),
           let flow = context.extensions.byFlow.keys.sorted().first(where: { id in
               listed.allSatisfy { context.extensions[id]?.recordMention($0) != nil } }),
           let both = bothRequests(clean, last: LastSave(flow: flow, record: listed[1], others: [listed[0]]), state: state, context: context) {
            return both
        }
        // «¿cuándo es la próxima reunión? y anota que…»: a question and a request, both done.
        if state.isIdle, let (queries, asked, request) = Self.questionsAndRest(clean) {
            let then = understand(Utterance(request), state: state, context: context)
            // «¿cómo estamos como red? hagamos el diagnóstico»: a question that is itself the
            // request's phrase only leads into it; a message a flow claims whole («¿cómo vamos con la
            // meta? ahora estamos en el 62%») is that flow's.
            if case .startFlow(let id, _, _, _, _, _) = then,
               !asked.contains(where: { q in catalog.match(Phrase(q)).first.map { $0.flow == id && $0.score >= 0.9 } ?? false }),
               claim(message, context: context.after(state.lastSave)) == nil {
                return .answerThen(queries, then: then, request: request)
            }
        }
        // «…, ¿cómo lo anoto?» after saying what: how to do what the rest asks, offered.
        if state.isIdle, let content = Self.beforeHowQuestion(message) {
            let said = Utterance(content)
            if let (flow, _) = claim(said, context: context.after(state.lastSave)) { return .offerFlow(flow, request: content) }
            if let best = catalog.match(said.phrase).first, best.score >= 0.5 { return .offerFlow(best.flow, request: content) }
        }
        // «no pude ir a la reunión de ayer, ¿qué se acordó?», «falté a la del miércoles, qué
        // acordaron?»: what was missed at a meeting held, asked (qa39 C: it answered about the
        // meetings to come), before any reading of its parts.
        if state.isIdle, Self.missedAndAsks(clean, phrase: phrase) { return .answerQuery(.pastMeeting) }
        // «la Carmen me dijo que cambió la reunión, ¿a qué día quedó?», «¿qué decidimos sobre dónde
        // hacer las reuniones?»: a question about what stands is answered, before any flow its
        // other words name claims it (`asksAboutState`).
        if state.isIdle, Self.asksAboutState(clean, phrase: phrase), let query = Self.stateAnswer(clean, phrase: phrase)
            // «¿a qué día quedó?» right after a meeting was moved: the record in focus (the
            // session answers about it; `asksWhenOfFocus`).
            ?? (Self.focus(state) != nil && Self.asksWhenOfFocus(phrase) ? .nextMeeting : nil) {
            return .answerQuery(query)
        }
        // «y que dia era?», «¿qué fecha era?» with a record in focus: the same, with no verb of
        // how things stand (only a question: a «?» or a question word first).
        if state.isIdle, Self.focus(state) != nil, Self.asksWhenOfFocus(phrase),
           clean.contains("?") || phrase.tokens.drop(while: { $0 == "y" || $0 == "a" || $0 == "oye" }).first.map({ ["que", "q", "cuando"].contains($0) }) == true,
           QueryMatcher.match(phrase, raw: clean, strict: false) == nil {
            return .answerQuery(.nextMeeting)
        }
        // «me comprometo a hacer una ficha por mes, pero oye cuando es la proxima reunion?»: the
        // closing question is answered and the request before it starts (its meeting words
        // started scheduling one). Only when the words before it are a request.
        if state.isIdle, let (head, query) = Self.trailingQuestion(clean) {
            let then = understand(Utterance(head), state: state, context: context)
            if case .startFlow = then { return .answerThen(query.map { [$0] } ?? [], then: then, request: head) }
        }
        if state.isIdle, let (flow, claim) = claim(message, context: context.after(state.lastSave)) {
            // «registrar un acuerdo: Norma Condori revisa…»: the request said whole before a colon
            // is the one asked, over a word inside what follows it (a member named Norma).
            if let led = requestBeforeColon(message), led.flow != flow {
                if let own = context.extensions[led.flow]?.claim(message, flow: led.definition, catalog: catalog, context: context.after(state.lastSave)) {
                    return Self.start(led.flow, claim: own, clean: clean)
                }
                return .startFlow(led.flow, request: clean, values: [:], echo: [], used: led.used)
            }
            return Self.start(flow, claim: claim, clean: clean)
        }
        // The menu shown after «No te entendí» waits for a pick, but a request a flow recognises
        // («el territorio es San Fabián de Alico») is that request, as it would be with no menu,
        // before any option sharing a word with it is taken as picked.
        let menu: Bool = if case .pickFlow? = state.pending { true } else { false }
        if state.stack.isEmpty, menu, let (flow, claim) = claim(message, context: context.after(state.lastSave)) {
            return Self.start(flow, claim: claim, clean: clean)
        }
        // «9» to a menu of eight: which numbers there are, and the menu again.
        if case .pickFlow(let ids)? = state.pending, let n = SlotParser.outOfRange(clean, count: ids.count) {
            return .menu(SlotParser.outOfRangeNote(n, count: ids.count))
        }
        if let pending = state.pending, let reply = readReply(to: pending, message, state: state, context: context) {
            return .reply(reply)
        }
        // A request after a question that it does not answer: read as if nothing were pending.
        if state.stack.isEmpty, state.pending != nil, !menu, let (flow, claim) = claim(message, context: context.after(state.lastSave)) {
            return Self.start(flow, claim: claim, clean: clean)
        }
        if let run = state.current, let flow = catalog.flow(run.flowID) {
            return readInFlow(message, run: run, flow: flow, state: state, context: context)
        }
        return readIdle(clean, phrase: phrase, state: state, context: context)
    }

    /// The words of a message typed whole in quotes («"…"», «“…”», ««…»»); nil otherwise.
    static func quotedWhole(_ clean: String) -> String? {
        // Only four marks open one: «"», «'», «“» (E2 80 9C) and ««» (C2 AB). Most messages open
        // with a letter, and stop at this byte before the table of pairs is made.
        guard let b = clean.utf8.first, b == 0x22 || b == 0x27 || b == 0xE2 || b == 0xC2 else { return nil }
        guard let first = clean.first, let last = clean.last else { return nil }
        let pairs: [Character: Character] = ["\"": "\"", "“": "”", "«": "»", "'": "'"]
        guard let close = pairs[first], last == close, clean.count >= 3 else { return nil }
        let inner = clean.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
        return inner.isEmpty || inner.contains(first) || inner.contains(close) ? nil : inner
    }

    /// A message while a flow runs.
    func readInFlow(_ said: Utterance, run: FlowRun, flow: FlowDefinition, state: DialogState? = nil, context: EngineContext) -> Command {
        // «sí», «ya», «dale» alone to «¿Lo guardo?» (a review with nothing else going on: no check,
        // no round or batch, no list being edited, not after a pause): the confirmation, without
        // the forty readers below, none of which reads these words otherwise. Debug builds run the
        // whole cascade as well and check it gives the same command.
        if run.phase == .confirming, !run.hasCheck, run.round == nil, run.batch == nil, run.editingList == nil,
           Self.bareYes(said.clean), !(state.map { Self.isStale($0, context: context) } ?? false) {
            let command = Command.fill(said.clean)
            assert(readInFlowCascade(said, run: run, flow: flow, state: state, context: context) == command,
                   "the bare confirmation «\(said.clean)» at the review of \(flow.id) reads otherwise in the cascade")
            return command
        }
        // A plain answer to the question asked («Ana Pérez», «el 15 de diciembre»): one verdict for
        // the readers that look for something else in it (`readPlainAnswer`). Debug builds run the
        // whole cascade as well and check it gives the same command.
        if let command = readPlainAnswer(said, run: run, flow: flow, state: state, context: context) {
            assert(readInFlowCascade(said, run: run, flow: flow, state: state, context: context) == command,
                   "the plain answer «\(said.clean)» to \(flow.id) reads otherwise in the cascade")
            return command
        }
        return readInFlowCascade(said, run: run, flow: flow, state: state, context: context)
    }

    /// A confirmation said alone, exactly as typed (`readInFlow`'s fast path at a review): a
    /// switch of small strings, no folding and no hashing.
    static func bareYes(_ clean: String) -> Bool {
        switch clean {
        case "sí", "si", "Sí", "Si", "SI", "SÍ", "ya", "Ya", "ya po", "Ya po", "dale", "Dale",
             "bueno", "Bueno", "ok", "Ok", "OK": true
        default: false
        }
    }

    /// Everything `readInFlow` reads of a message while a flow runs, in order.
    func readInFlowCascade(_ said: Utterance, run: FlowRun, flow: FlowDefinition, state: DialogState? = nil, context: EngineContext) -> Command {
        let slot = run.currentSlot.flatMap(flow.slot(named:))
        // Where the run is, read once: the readers below ask it some forty times a turn.
        let phase = run.phase, hasCheck = run.hasCheck
        let confirming = phase == .confirming, choosingEdit = phase == .choosingEdit
        let asking: Bool = if case .asking = phase { true } else { false }
        // «ah sí, la convivencia escolar» to a question asking for a value: the answer is what
        // follows the «sí,» (read by the flow, the repairs and the parsers alike).
        var message = said
        if !hasCheck, asking, let slot, slot.type != .yesno, slot.type != .confirm,
           let lead = YesNo.lead(said.clean), lead.yes {
            message = Utterance(lead.rest)
        }
        let clean = message.clean, phrase = message.phrase
        // «no, el plazo es el 35» to «¿Agrego a Marcela? (sí/no)»: a correction of another field,
        // applied or refused, and the offer asked again (`correctAtCheck`). Gated on the offer
        // pending and a copula or a change verb (`mayCorrectAtCheck`).
        // «el plazo es el miércoles 2», said with no «no» before it, is read as if it had one.
        if hasCheck, case .newPeople(let offered, _, _, _)? = run.check, Self.mayCorrectAtCheck(phrase),
           let correction = readCorrection(clean, phrase: phrase, run: run, flow: flow, context: context)
               ?? (YesNo.parse(clean) == nil ? readCorrection("no, " + clean, phrase: Phrase("no, " + clean), run: run, flow: flow, context: context) : nil) {
            switch correction {
            case .value(let name, _), .replace(let name, _, _), .reask(let name, _?):
                if name != offered { return .correct(correction) }
            default: break
            }
        }
        if let read = undoesReplacedList(message, run: run, flow: flow, context: context) { return .setSlots(read) }
        if let state, Self.isStale(state, context: context), let command = readAfterPause(message, run: run, flow: flow, state: state, context: context) {
            return command
        }
        // «siguiente», «ya, hasta ahí no más» while a round goes through its records.
        if run.round != nil, let move = Self.roundMove(phrase) {
            // «siguiente» to «¿Lo guardo?»: keep this one and go on.
            if move == .skip, confirming, phrase.tokens.contains(where: { $0 == "siguiente" || $0 == "sigue" }) { return .fill("sí") }
            return .roundMove(move)
        }
        // «todo quedó mal», «está todo malo» at a review: the review's own verdict, before any
        // reading of a request («quedó» read as an agreement opened «Registrar un acuerdo»).
        if !hasCheck, confirming, ReviewVerdict.of(phrase) == .allWrong, approvalReadsAtReview(run, flow: flow, context: context) {
            return .fill(clean)
        }
        // «falta la Marcela en los responsables» at a review: one more in that list (`fixesField`),
        // before the field's name is read as asking it again.
        if confirming, !hasCheck, phrase.tokens.contains(where: Self.missingWords.contains),
           missingFromList(clean, phrase: phrase, run: run, flow: flow) != nil {
            return .fill(clean)
        }
        let freeText = slot.map { $0.type == .text || $0.type == .longtext } ?? false
        // «"agendar la reunión con apoderados"» to a free-text question: words in quotes are the
        // answer as typed, never a request (the way out of a switch declined with «no»).
        if freeText, !hasCheck, asking, let said = Self.quotedWhole(clean) { return .fill(said) }
        // «no, avanzamos poco esta semana», «ojo, en 2 horas más terminamos» at the review of an
        // agreement's progress: news the flow reads as a change of what is reviewed, before the
        // refusal, the goodbye or a choice's word takes it (issue 12: the update was dropped, or
        // marked done). Only flows that read such news answer (`reviewNews`).
        if confirming, !hasCheck, run.batch == nil,
           let news = context.extensions[flow.id]?.reviewNews(message, run: run, context: context) {
            return .setSlots(news)
        }
        // «ah no, si era para borrarlo. borra el 3 nomas» at a review: refused, and the request
        // said instead runs (`refusedReviewThenRequest`).
        if let command = refusedReviewThenRequest(clean, phrase: phrase, run: run, flow: flow, state: state, context: context) { return command }
        // «hola! la Berta ya mandó las planillas…» to a question left open: a greeting, then news
        // a flow recognises as its own request. The person moved on: the new request starts and
        // the old flow waits in pause (never takes the news as its answer).
        if phrase.classes.first?.contains(.greeting) == true, phrase.tokens.count >= 3, let state {
            let rest = Self.afterGreeting(clean)
            if phrase.tokens.count >= 4, let (id, claim) = claim(Utterance(rest), context: context.after(state.lastSave)) {
                return Self.start(id, claim: claim, clean: rest)
            }
            // «buenas, necesito anotar un acuerdo» to «¿Cómo se llama la red?»: a request after the
            // greeting is the request it is said alone (the network was named «Necesito Anotar Un
            // Acuerdo»). The rest holds no greeting, so it is read once more at most. Not when the
            // flow reads the message itself («hola, quiero crear la red X. el propósito es…»).
            if !rest.isEmpty, rest != clean, reading(said, run: run, flow: flow, context: context) == nil,
               case .offerSwitch(let id) = readInFlow(Utterance(rest), run: run, flow: flow, state: state, context: context) {
                return .offerSwitch(id)
            }
        }
        // «¿qué pongo aquí?», «¿qué es esto?», «¿cuáles son las opciones?» at any question — a
        // value, a choice, a scale, a review: that question's help, one rule for every kind,
        // before a reader takes it as a question about the network or as the answer (issue 12:
        // «Eso suena a pregunta…» at «¿Cuánto dura?» and at a review).
        if !hasCheck, asking && slot != nil || confirming || choosingEdit, RepairVerb.recognize(phrase) == .help { return .repair(.help) }
        // «ayuda encuentros», «ayuda con los acuerdos» at any question: that topic's help, then the
        // question again, the flow kept (it was stored as the answer). Cheap: a help word first.
        if !hasCheck, asking && slot != nil || confirming || choosingEdit, let k = Self.helpTopic(phrase) { return .helpTopic(k) }
        // «que pongo aqui? no se me ocurre nada», «¿qué va aquí? ni idea»: a message that opens
        // with such a question gets the help too, whatever follows it (qa36: stored as the
        // answer). Only a message with a «?» after its first word (one byte scan) is split.
        if !hasCheck, asking && slot != nil || confirming || choosingEdit, let opening = Self.openingQuestion(clean),
           RepairVerb.recognize(Phrase(opening)) == .help {
            return .repair(.help)
        }
        // «como así, qué hay que poner», «no cacho, ¿qué va aquí?»: clauses that each ask what
        // the question is get its help too (one byte scan for the comma first).
        if !hasCheck, asking && slot != nil || confirming || choosingEdit, TextFold.contains(clean, byte: UInt8(ascii: ",")),
           case let parts = clean.split(separator: ",").map({ Phrase(String($0)) }), parts.count <= 3,
           parts.allSatisfy({ !$0.tokens.isEmpty && RepairVerb.recognize($0) == .help }) {
            return .repair(.help)
        }
        // «que pongo en evidencia?», «¿qué va en el plazo?»: what to put in a field named by its
        // label or alias, the one asked or another: that field's help with its example, and the
        // question asked again (qa39 F: «Eso suena a pregunta…»).
        if !hasCheck, let slot, asking, phrase.some(.fieldCue), phrase.some(.fieldAsk),
           let named = Self.fieldHelpAsked(phrase, flow: flow) {
            if named.name == slot.name { return .repair(.help) }
            let help = slotHelp(named, run: run, context: context) ?? named.help ?? ""
            let example = named.example ?? (named.type == .text || named.type == .longtext ? nil : named.type.example)
            return .setSlots(.reask(help + (example.map { help.contains("ejemplo") ? "" : " Por ejemplo: \($0)." } ?? "")))
        }
        // «¿qué se entiende por proyectos comunes?»: a question about the words of the question
        // being asked is answered with its help, before any flow reads it as an answer.
        if let slot, asking, Self.asksAboutWording(phrase, slot: slot) { return .repair(.help) }
        // «perdón, ¿qué me preguntaste?», «¿qué significa eso?»: what the question being asked is (`asksWhatQuestionIs`).
        if slot != nil, asking,
           phrase.some(.questionAboutCue) ? Self.asksWhatQuestionIs(phrase) : Self.skippedTest(Self.asksWhatQuestionIs(phrase), "asksWhatQuestionIs") {
            return .repair(.help)
        }
        // «¿qué significa el 1?» to a 1–4 scale: the scale's help, not a 1 (`asksAboutNumber`).
        if let slot, asking, Self.asksAboutNumber(clean, phrase: phrase, slot: slot) { return .repair(.help) }
        // «¿cuánto falta?», «cuantas preguntas quedan?»: how much is left, never the answer.
        if asking, !hasCheck,
           phrase.some(.progressCue) ? Self.asksProgress(clean, phrase: phrase) : Self.skippedTest(Self.asksProgress(clean, phrase: phrase), "asksProgress") {
            return .setSlots(.reask(progressNote(run, flow: flow)))
        }
        // «¿quién la conduce?», «y dónde es?» while another item is asked: a question about a
        // field of the record being made, by one of its names. What it holds so far (or that
        // nothing yet, with its help), and the question being asked again (qa34: it was stored
        // as the answer, or answered from the saved records).
        if let slot, asking, phrase.tokens.count <= 8, phrase.some(.questionWord) ? true : Self.skippedTest(
               Self.fieldAskedAbout(phrase, slot: slot, flow: flow) != nil, "fieldAskedAbout"),
           let other = Self.fieldAskedAbout(phrase, slot: slot, flow: flow) {
            // «¿cuál es el plazo?» to «¿Para cuándo…?»: the question being asked, explained.
            if other.name == slot.name { return .repair(.help) }
            return .setSlots(.reask(Self.fieldSoFar(other, run: run, context: context)))
        }
        // «¿qué es eso de liderazgo distribuido?» while another item is asked: what a field of this
        // flow means (its help), then the question being asked again (pass 11, qa16 G: it was
        // refused as no number).
        if let slot, asking, let other = Self.otherFieldAsked(phrase, slot: slot, flow: flow), let help = other.help {
            return .setSlots(.reask(help))
        }
        // «¿quiénes faltan?» while answering a poll: a question this flow gives its meaning to
        // (only a message with a «?»: one byte scan).
        if !hasCheck, Self.opensAnswerSlot(phase), slot != nil, TextFold.contains(clean, byte: UInt8(ascii: "?")),
           let own = context.extensions[flow.id]?.ownQuestion(phrase, context: context) {
            return .answerQuery(own)
        }
        // «¿cómo vamos con los indicadores?», «y cuáles vencen esta semana», «¿quién no ha conducido?»
        // at any question: a question about the network is answered and this question asked again;
        // it never starts or offers another flow, nor becomes this answer (`askedOutright`).
        // «no sé, ¿qué opinas tú?», «tú qué crees» at an open-text question: the answer is
        // theirs; what the question is for, and the question again (`asksBack`; qa35: stored).
        if !hasCheck, Self.opensAnswerSlot(phase), let slot, slot.type == .text || slot.type == .longtext,
           Self.asksBack(phrase, clean: clean) {
            return .setSlots(.reask(askedBackNote(slot, run: run, context: context)))
        }
        if !hasCheck, Self.opensAnswerSlot(phase), let slot, let asked = Self.askedOutright(clean, phrase: phrase, slot: slot) {
            if let query = asked { return .answerQuery(query) }
            return .setSlots(.reask("Eso suena a pregunta y esa no la sé responder todavía, así que no lo anoto como respuesta."))
        }
        // «¿quién asistió la otra vez?» to «¿Qué pasó?», «en qué quedamos con lo de la lectura?» to
        // the evidence, a question at a yes/no or a choice: the same, at the kinds left above.
        if !hasCheck, Self.opensAnswerSlot(phase), let slot, let asked = Self.askedAtAnyKind(clean, phrase: phrase, slot: slot) {
            if let query = asked { return .answerQuery(query) }
            return .setSlots(.reask(Self.unansweredQuestionNote(slot)))
        }
        // «me comprometo a hacer una ficha por mes, pero oye cuando es la proxima reunion?» to a
        // free-text question: the closing question is answered, and the answer is what comes
        // before it, read as if said alone (`trailingQuestion`; issue 12: the question was stored).
        if freeText, !run.hasCheck, case .asking = run.phase, let (head, query) = Self.trailingQuestion(clean) {
            return .answerThen(query.map { [$0] } ?? [], then: readInFlow(Utterance(head), run: run, flow: flow, state: state, context: context), request: head)
        }
        // Several records told at a date, time or choice question: kept for later (`recordsAtShortAnswer`).
        if let kept = phrase.tokens.count >= 8 && phrase.some(.recordMarker)
            ? recordsAtShortAnswer(message, run: run, flow: flow, slot: slot, state: state, context: context)
            : Self.skipped(recordsAtShortAnswer(message, run: run, flow: flow, slot: slot, state: state, context: context), "recordsAtShortAnswer") {
            return kept
        }
        // Another flow's request, verb first, about a saved record, at a date or choice question (`requestAtShortAnswer`).
        if let kept = Self.requestFreeKind(slot?.type)
            ? requestAtShortAnswer(message, run: run, flow: flow, slot: slot, state: state, context: context)
            : Self.skipped(requestAtShortAnswer(message, run: run, flow: flow, slot: slot, state: state, context: context), "requestAtShortAnswer") {
            return kept
        }
        // «no sé, saltar», «ni idea, paso»: not knowing, then what to do about it.
        if phrase.classes.first?.contains(.unsureLead) == true, phrase.tokens.count <= 6,
           let verb = Self.unsureThenVerb(clean) { return verbCommand(verb, phrase: phrase, flow: flow, context: context) }
        // «no sé, también algo de convivencia?» to «¿Otro objetivo?»: an idea put as a question,
        // no item yet (qa37: it was stored word for word); how they would say it is asked.
        if !hasCheck, case .more = phase, phrase.classes.first?.contains(.unsureLead) == true, clean.hasSuffix("?"),
           let idea = Self.ideaAfterUnsure(clean, phrase: phrase) {
            return .setSlots(.reask("No lo anoto todavía: ¿quieres agregar algo sobre «\(idea)»? Si es así, escríbelo como quieres que quede; si no, responde «no»."))
        }
        // «no, nada más», «no, eso es todo» to a question the flow can't do without: nothing is
        // called «nada más»; what it needs is said, with the way to leave it for later.
        if Self.nothingMore(phrase, run: run, flow: flow), let slot,
           context.extensions[flow.id]?.validate(.text(clean), slot: slot, run: run, context: context).keepsGiven ?? true {
            return .nothingMore
        }
        if let refused = Self.mayReadAfterRefusal(phrase) ? readAfterRefusal(clean, phrase: phrase, flow: flow, context: context)
            : Self.skipped(readAfterRefusal(clean, phrase: phrase, flow: flow, context: context), "readAfterRefusal") {
            return refused
        }
        // «eso sería todo», «ya eso no más» to «¿otro?»: the list is complete, not a goodbye.
        if case .more = phase, Self.endsList(phrase) { return .fill(clean) }
        // «no, esa no. X», «no, y también X» to «¿otro?»: the list's own change (`answerMore`),
        // never a correction of another field read in X (it took «no, ese no…» as one).
        if case .more = phase, phrase.tokens.first == "no", let rest = YesNo.lead(clean)?.rest, Self.noLeadOnLastItem(rest) != nil {
            return .fill(clean)
        }
        // «chao», «chao gracias», «ya, hasta mañana»: closing words alone are never an answer
        // (nobody is called «Chao»); the flow waits in pause.
        if phrase.every(.closing), Self.closing(phrase) == .bye || ["chao", "chau", "adios"].contains(phrase.core) {
            return .goodbye
        }
        // «después sigo, tengo consejo», «ahora no puedo, después sigo»: leaving, before any flow or
        // parser reads the words as its answer (pass 13, qa22: a responsable «Despues Sigo», an
        // agreement «no puedo, despues sigo» due «ahora»). `leaving` has a cheap word-bit gate.
        if Self.leaving(phrase) { return .goodbye }
        // «¿en qué quedamos con lo de la lectura?» at a review: a question, answered or said it
        // can't be; never a change of what is reviewed (pass 13, qa22 S7: «Corregido.», estado changed).
        if !hasCheck, confirming || choosingEdit, Self.questionAtReview(clean, phrase: phrase) {
            if let query = QueryMatcher.match(phrase, raw: clean, strict: true) { return .answerQuery(query) }
            return .setSlots(.reask("Eso suena a pregunta y esa no la sé responder todavía, así que no cambio nada."))
        }
        // «el plazo del acuerdo 2 es el 11 de diciembre», «sí, corrige el plazo del acuerdo 2 al
        // 11» at «¿Lo corrijo?» of that very change: the request under review said again, its
        // record named by its number and no value other than the ones reviewed, is a «sí» (it
        // read «Eso ya estaba así» and asked again, or was queued as a second run: issue 12).
        // Gated on the run's own record named by its noun and number.
        if !hasCheck, confirming, phrase.tokens.count >= 4, let state, Self.namesOwnRecord(phrase.tokens, run: run, flow: flow),
           let (claimed, said) = claim(Self.yesThen(clean).map { Utterance($0.1) } ?? message, context: context.after(state.lastSave)),
           claimed == flow.id, Self.sameRecord(said.values, run: run, flow: flow),
           !said.values.contains(where: { k, v in run.values[k] == nil || Self.differs(run.values[k], v) }) {
            return .fill("sí")
        }
        // «corrige el plazo del acuerdo 1 al 2 de diciembre» said again at «¿Lo corrijo?» of that
        // very change: the review's own edits, tried, change nothing of the record it names by
        // its number, so it is a «sí» (it read «Eso ya estaba así.» and asked again: issue 12).
        if !hasCheck, confirming, phrase.tokens.count >= 4, var trial = state, Self.namesOwnRecord(phrase.tokens, run: run, flow: flow) {
            let edits = reviewEdits(clean, run: run, flow: flow)
            if !edits.isEmpty, edits.allSatisfy({ $0.value != nil && $0.removes == nil && run.values[$0.slot.name] != nil }) {
                var ignored: [Effect] = []
                applyReviewEdits(edits, run: run, flow: flow, state: &trial, context: context, out: &ignored)
                if let now = trial.current, now.flowID == run.flowID, now.phase == .confirming, now.check == nil,
                   now.values == run.values {
                    return .fill("sí")
                }
            }
        }
        // «cambiar el lugar», «quiero cambiar la hora» at a review: that field of this record,
        // asked again as «cambia la fecha» is (another flow's trigger, «cambiar el lugar» of a
        // saved meeting, offered to leave this record).
        if !hasCheck, confirming, phrase.tokens.count <= 7, let name = bareFieldChange(phrase, run: run, flow: flow) {
            return .correct(.reask(slot: name, unread: nil))
        }
        // «espera, corrijo los asistentes: Rosa…, Mario… y Carmen…» at the acta's review: that
        // field changed (qa21 D: it became an agreement to register).
        if !hasCheck, confirming, phrase.tokens.count >= 3,
           let moved = Self.mayCorrectByVerb(phrase, slot: nil) ? fieldCorrectedByVerb(clean, phrase: phrase, slot: nil, run: run, flow: flow, context: context)
               : Self.skipped(fieldCorrectedByVerb(clean, phrase: phrase, slot: nil, run: run, flow: flow, context: context), "fieldCorrectedByVerb") {
            return .correct(moved)
        }
        // «sin tabla», «sin tabla, y el lugar es …» at a review: that field left blank (and the
        // others said), never a question about tablas (qa36 A: «No hay encuentros agendados…»).
        if !hasCheck, confirming, phrase.tokens.first == "sin", phrase.tokens.count >= 2,
           reviewEdits(clean, run: run, flow: flow).first?.clears == true {
            return .fill(clean)
        }
        // «saca lo de todos los directores del texto» at a review: words out of this record's
        // field that holds them, never another record deleted (qa36 A).
        if !hasCheck, confirming, run.editingList == nil, removalAtReview(clean, phrase: phrase, run: run, flow: flow) != nil {
            return .fill(clean)
        }
        // «gracias!», «sí, y agrega otro acuerdo», «anota que…» at a review (`requestAtReview`).
        if !hasCheck, confirming, let command = requestAtReview(message, run: run, flow: flow, context: context) {
            return command
        }
        // «no es la Marcela, es la Rosa» at the review: that person swapped for the other in the
        // people field that holds her (it asked what to change). Gated on an opening «no es».
        if !hasCheck, confirming, phrase.tokens.count >= 5, phrase.tokens[0] == "no", phrase.tokens[1] == "es",
           let swap = personSwap(phrase.tokens, clean: clean, run: run, flow: flow, context: context) {
            return .correct(swap)
        }
        // «cambia el nombre del miembro Luis Soto» at the review of an organisation: another
        // record's change, offered (the organisation took «del miembro Luis Soto» as its name).
        if !hasCheck, confirming || choosingEdit, let state,
           let other = requestOnOtherRecord(message, flow: flow, state: state, context: context, atReview: true) {
            return .offerSwitch(other)
        }
        // «acuerdo: Marta trae los libros…» at the review of another agreement: the flow says
        // whether that label names a new record rather than this one's field (only labelled lines).
        if !hasCheck, confirming || choosingEdit, Self.opensWithLabel(clean),
           let reading = context.extensions[flow.id]?.reviewChange(message, run: run, context: context) {
            return .setSlots(reading)
        }
        // «noo el nombre es X», «el 1 está malo, se llama X» at the review: the fields it names
        // take what it says, before any other reading of its words.
        if confirming || choosingEdit, (reviewEdits(clean, run: run, flow: flow).contains(where: { $0.value != nil || $0.removes != nil || $0.whose })
            // …unless the flow reads the change in its own terms (parts of a reflection's answers moved).
            && (choosingEdit || context.extensions[flow.id]?.reviewChange(message, run: run, context: context) == nil))
            || (reviewListEdit(phrase, run: run, flow: flow) != nil && reading(message, run: run, flow: flow, context: context) == nil)
            // «la segunda mejor que sea …»: an item of the record's list, by its position.
            || (confirming && ordinalItemAtReview(clean, phrase: phrase, run: run, flow: flow) != nil
                && context.extensions[flow.id]?.reviewChange(message, run: run, context: context) == nil)
            // «mejor en la escuela El Maqui»: a place said alone, the record's place field.
            || (confirming && placeAtReview(clean, phrase: phrase, run: run, flow: flow, context: context) != nil
                && context.extensions[flow.id]?.reviewChange(message, run: run, context: context) == nil)
            // «tabla» alone at the review picks that line; it asks nothing about other meetings.
            || (phrase.tokens.count == 1 && flow.slots.contains { $0.labelWord == phrase.tokens[0] && run.values[$0.name] != nil }) {
            return .fill(clean)
        }
        // «agrega X», «saca la 2» to a list picked from the review: a change to its items.
        if let items = run.editingList, let slot, Self.editsAsList(slot),
           Self.listEditOp(phrase) != nil || Self.keepsList(phrase) || Self.wrongItem(clean, count: items.count) != nil {
            return .fill(clean)
        }
        // «proponer una práctica para institucionalizar: …» at «¿Otro objetivo?»: a message that
        // opens with another flow's request phrase (and says more) is that request, never an item.
        // «hacer un diagnóstico de lectura en marzo» there is an item: «hacer» alone opens no
        // request (qa38: the diagnosis was offered and the objective lost); «quiero hacer…» does.
        if !hasCheck, case .more = phase, YesNo.parse(clean) == nil, !Self.opensWithDoing(phrase),
           let opened = openedFlow(phrase, excluding: flow.id) {
            return .offerSwitch(opened.id)
        }
        // «quiero escribir mi apropiación del propósito» at «¿Otro objetivo?» or a free-text
        // question: a want and a verb asking for another flow is that request, offered.
        // («necesito registrar la red de Ovalle» to the set-up flow's first question asks for that
        // very flow, which has no request phrases of its own: its reading fills it, never offered
        // as another flow's; issue 12: it was offered as adding a member.)
        if !hasCheck, freeText || { if case .more = phase { true } else { false } }(), Self.opensAnswerSlot(phase),
           let other = wantedOtherFlow(phrase, excluding: flow.id),
           !(flow.hidden && { if let slot, case .fill? = context.extensions[flow.id]?.interpret(message, slot: slot, run: run, context: context) { true } else { false } }()) {
            return .offerSwitch(other)
        }
        // «la region es la araucania» at «¿Cómo le ponemos?», «la red no se llama De, se llama …» at
        // «¿Otro objetivo?»: the network's own data, said at any question, is that request.
        if !hasCheck, Self.opensAnswerSlot(phase), phrase.tokens.count >= 3,
           let other = standingClaim(message, excluding: flow.id, ownFields: flow, context: context),
           // «corrige el nombre: CESFAM Valdivia» while an organisation is registered: a field this
           // run holds, named right after the verb with its new value, is this record's (qa34).
           !Self.changesOwnField(phrase.tokens, colon: clean.contains(":"), run: run, flow: flow) {
            return .offerSwitch(other)
        }
        // «cambia el nombre de la práctica 2, es el huerto escolar…» at a reflection's question: a
        // change to a record named by its noun and number is about that record, never this one's
        // field nor this question's text (qa22 S3: «Corregido.», this practice renamed). The flow
        // that does it is offered; when none can, it is said, and the question stands.
        if freeText, slot?.isList == false, asking, !hasCheck, let state, Self.changesNumberedRecord(phrase, run: run, flow: flow) {
            if let other = requestOnOtherRecord(message, flow: flow, state: state, context: context) { return .offerSwitch(other) }
            return .setSlots(.reask("Eso es un cambio a otro registro, no una respuesta a esta pregunta, así que no lo anoto aquí."))
        }
        // «cambia la evidencia» at the evidence question itself: asking to change the field being
        // asked says no value of it (it was stored as the evidence); the question stands.
        // Gated on a verb of changing opening a short message.
        if freeText, let slot, asking, !hasCheck, phrase.tokens.count <= 6,
           let first = phrase.classes.first, first.contains(.changeVerb) || Self.changeLeads.contains(phrase.tokens[0]),
           Self.asksToChange(slot, phrase.tokens) {
            return .setSlots(.reask("Claro, dime cómo queda y lo anoto."))
        }
        // «cambia la hora a las 10» at «¿Dónde será?»: a field of this flow, changed in place
        // (another flow that changes saved meetings was offered).
        if freeText, let slot, asking, phrase.classes.first?.contains(.changeVerb) == true,
           let moved = otherFieldAtText(clean, phrase: phrase, slot: slot, run: run, flow: flow, context: context) {
            return .correct(moved)
        }
        // «espera, corrijo los asistentes: Rosa…, Mario… y Carmen…» at another question: that
        // answered field changed in place, never this question's text (`fieldCorrectedByVerb`).
        if freeText, let slot, asking, !hasCheck,
           let moved = Self.mayCorrectByVerb(phrase, slot: slot) ? fieldCorrectedByVerb(clean, phrase: phrase, slot: slot, run: run, flow: flow, context: context)
               : Self.skipped(fieldCorrectedByVerb(clean, phrase: phrase, slot: slot, run: run, flow: flow, context: context), "fieldCorrectedByVerb") {
            return .correct(moved)
        }
        // «borrar el acuerdo 1» to «¿Tienen proyectos en común?»: a request about another record,
        // offered before the flow (or the free text) takes it as the answer.
        if freeText, !hasCheck, asking, let state,
           let other = requestOnOtherRecord(message, flow: flow, state: state, context: context) {
            return .offerSwitch(other)
        }
        // «el del plan de lectura cumplido, …» at «¿Qué evidencia…?» of a new agreement: news about
        // a record that already exists, kept for after this one (`statementOnExistingRecord`).
        if freeText, asking, !hasCheck, let state,
           let later = mayStateOnExistingRecord(message, context: context)
               ? statementOnExistingRecord(message, run: run, flow: flow, state: state, context: context)
               : Self.skipped(statementOnExistingRecord(message, run: run, flow: flow, state: state, context: context), "statementOnExistingRecord") {
            return keptForLater(later, after: flow)
        }
        // «la pauta no se cumplió, una escuela nunca la mandó» at agreement 2's «¿Cuál es la
        // evidencia entregada?», agreement 1 being «enviar la pauta…»: news a flow claims about
        // another record of the kind this run is about (`requestOnAnotherRecord`) is that
        // record's, kept for right after this one, before this flow's own reading takes it as
        // this record's answer (issue 12: it became agreement 2's progress, and 2 went back from
        // done). Only runs about a record, and messages holding a claim's cues, pay the claim.
        if freeText, asking, let state, let later = requestOnAnotherRecord(message, run: run, flow: flow, state: state, context: context) {
            return keptForLater(later, after: flow)
        }
        // «oye la pauta todavía no la mandan todas las escuelas» there: no claim reads how it
        // went, but its subject names that other record by its content (`otherRecordNamed`):
        // kept for that record's run the same way, which asks what it does not say.
        if freeText, asking, !hasCheck, let (values, remark) = context.extensions[flow.id]?.otherRecordNamed(message, run: run, context: context) {
            return .setSlots(.fillThen([:], remark: remark, then: [FollowingRequest(flow: flow.id, request: clean, values: values, reads: false)]))
        }
        // «anota que Marta trae las fotos…» at «¿Por qué lo borramos?»: a request opened by its
        // verb that a flow takes, kept for after this one (`requestOpenedAtFreeText`). At a list's
        // items only a request that says a whole record («agendemos la próxima reunión» is a
        // point of a tabla; «agendar reunión de directores el miércoles 23 a las 15, 2 horas, en
        // el liceo…» is none, it became four).
        // At «¿Quiénes participan?» too: «agenda la reunión de cierre el 18 a las 11» is no list of
        // names («Aquí necesito nombres de personas…» lost it). Read as at a list (a whole record,
        // an infinitive opening it), so «anota a Marta y a Luis» stays this answer's people.
        if freeText || slot?.type == .people, let slot, { switch phase { case .asking: true; case .more: slot.isList; default: false } }(), !hasCheck, let state,
           case let asList = slot.isList || slot.type == .people,
           let later = requestOpenedAtFreeText(message, run: run, flow: flow, state: state, context: context, list: asList)
               ?? (asList ? requestByTriggerAtFreeText(message, run: run, flow: flow, state: state, context: context, list: true) : nil) {
            return keptForLater(later, after: flow)
        }
        // «uy espera, primero agrega a mis colegas: Luisa…» to «¿Cuál es el primer objetivo?»: a side
        // request after «espera», «primero», «antes» that another flow claims with its own values
        // is that request, offered (it was taken as a change to this flow, and the people lost),
        // before the flow reads it as its answer.
        if freeText || slot?.type == .people, asking, phrase.classes.first?.contains(.sideLead) == true,
           phrase.tokens.count >= 4, let state, let side = Self.afterSideLeads(clean),
           let (claimed, said) = claim(Utterance(side), context: context.after(state.lastSave)), claimed != flow.id, !said.values.isEmpty {
            return .offerSwitch(claimed)
        }
        // «agrega a la Marta a la red» to «¿Cuánto dura?» or «¿Qué puntos lleva la tabla?»: a request
        // opened by its own verb that another flow claims with what it says is no answer to this
        // question (qa18: «No entendí … como duración», or two items of the tabla). It is kept for
        // right after this one, as «ahora agrega a …» is, and the question is asked again. Not at
        // a question about people, where «agrega a Marta» adds her to the answer.
        if asking, let slot, slot.type != .people, slot.type != .person, phrase.tokens.count >= 3,
           phrase.classes.first?.contains(.addVerb) == true, let state,
           let (claimed, said) = claim(message, context: context.after(state.lastSave)), claimed != flow.id, !said.values.isEmpty {
            // …unless this flow reads it as its own («agrega a Rosa» at an agreement's question: she joins it).
            let own = reading(message, run: run, flow: flow, context: context)
            var refused = own == nil
            if case .reask? = own { refused = true }
            if refused {
                return keptForLater(FollowingRequest(flow: claimed, request: clean, values: said.values, reads: said.reads == nil ? false : nil), after: flow)
            }
        }
        // «registrar organizacion: Fundacion Educacional Chiloe, desde 2024, …» to a question of the
        // organisation being registered: a labelled request of this same flow is another record,
        // kept for after this one (it took this one's name, and this one was lost).
        if asking, !run.values.isEmpty, Self.opensWithLabel(clean), let best = catalog.match(phrase).first,
           best.flow == flow.id, best.score >= 0.5, best.uses(token: 0) {
            // Its words without the request's own («registrar organizacion:»), as a request at the menu is read.
            let later = FollowingRequest(flow: flow.id, request: remainder(of: clean, phrase: phrase, used: best.usedTokens) ?? clean, values: [:])
            return keptForLater(later, after: flow)
        }
        // «registrar resultado SIMCE 2025 4° básico matemática: colegio San José 250 puntos» to «¿Es
        // de una escuela…?», «quiero hacer una reflexión sobre el estudio de clases…» to «¿Qué
        // funcionó?»: this flow's own request said again, verb first and with more words, is
        // another record of its kind, kept for after this one (qa22 S3: stored as the school, or
        // as the reflection's answer). Gated by a request verb opening the message.
        // Not at a list's items: «agendar la próxima reunión» is a point of a meeting's tabla.
        // («quiero actualizar el acuerdo 2» while agreement 2 is updated names this record: no other.)
        if freeText, slot?.isList == false, !hasCheck, asking, !run.values.isEmpty,
           let best = ownRequestAgain(phrase, flow: flow), !Self.namesOwnRecord(phrase.tokens, run: run, flow: flow) {
            let later = FollowingRequest(flow: flow.id, request: remainder(of: clean, phrase: phrase, used: best.usedTokens) ?? clean, values: [:])
            return keptForLater(later, after: flow)
        }
        // «anota la decisión: la red compra el mismo plan lector…» to «¿Cuál es el acuerdo?»: a
        // label that is another flow's request, verb first, is that request, offered (this record
        // waits); never this question's text (pass 13, qa22 S3: it became an agreement).
        if freeText, !hasCheck, asking, let other = labelledRequest(clean, excluding: flow.id) {
            return .offerSwitch(other)
        }
        // «uy es feriado, mejor el martes 13. la evidencia es el acta firmada»: a correction of an
        // earlier field, then after the sentence ends this question's answer: both (the whole
        // message was the correction and the answer was asked again). Only messages with a
        // sentence break are looked at (before the readings below take the message whole).
        if case .asking(let name) = phase,
           let (head, rest) = Self.maySplitSentence(clean) ? Self.sentenceSplit(clean) : Self.skipped(Self.sentenceSplit(clean), "sentenceSplit"),
           let first = deniedValueRestated(head, phrase: Phrase(head), run: run, flow: flow, context: context)
               ?? readCorrection(head, phrase: Phrase(head), run: run, flow: flow, context: context),
           case let fixed = Self.correctedSlot(first), !fixed.isEmpty, fixed != name {
            return .correct(.thenRest(first, then: rest))
        }
        // «no era el 12 era el 14 y la evidencia es el acta»: the same without a sentence break,
        // when the answer after «y» names the field asked (`answerLabelSplit`).
        if case .asking(let name) = phase, !run.values.isEmpty, let slot, let (head, rest) = Self.answerLabelSplit(clean, slot: slot),
           let first = deniedValueRestated(head, phrase: Phrase(head), run: run, flow: flow, context: context)
               ?? readCorrection(head, phrase: Phrase(head), run: run, flow: flow, context: context),
           case let fixed = Self.correctedSlot(first), !fixed.isEmpty, fixed != name {
            return .correct(.thenRest(first, then: rest))
        }
        // «no, el nombre es Red Teno Romeral y la comuna es teno» while another question waits: two
        // fields, each with its copula, are both changed before one earlier answer takes the
        // whole rest as its value (qa23: the name became «Red Teno Romeral y», the commune was
        // lost). Gated on two copulas among the words; `reviewEdits` is read again below otherwise.
        if asking, run.values.count >= 2, Self.twoCopulas(phrase.tokens),
           reviewEdits(clean, run: run, flow: flow).filter({ $0.value != nil }).count >= 2 {
            return .correct(.fields(clean))
        }
        // «ah no, la confianza era 2 no 3» at another item: an earlier answer named and corrected,
        // before the flow reads it as this question's answer (`earlierAnswerCorrected`).
        // «la decisión no es esa, es que …» at another question: that field denied and said again.
        if let fixed = deniedFieldRestated(clean, phrase: phrase, run: run, flow: flow, context: context) { return .correct(fixed) }
        if let fixed = phrase.some(.earlierCopula) ? earlierAnswerCorrected(clean, phrase: phrase, run: run, flow: flow, context: context)
            : Self.skipped(earlierAnswerCorrected(clean, phrase: phrase, run: run, flow: flow, context: context), "earlierAnswerCorrected") {
            return .correct(fixed)
        }
        if let fixed = deniedValueRestated(clean, phrase: phrase, run: run, flow: flow, context: context) { return .correct(fixed) }
        // «el plazo del acuerdo era el 14» while a meeting is scheduled on top of that agreement: a
        // field of a flow underneath, named with its flow and told in the past, is corrected there
        // before this question takes the words as its answer (it became the meeting's name).
        // Gated on the stack and a past copula: most answers stop at the first check.
        if let state, state.stack.count > 1, phrase.tokens.contains(where: Self.pastCopulas.contains),
           let below = readCorrectionBelow(clean, phrase: phrase, state: state, context: context) {
            return .correct(below)
        }
        // «Luis prepara la pauta y el responsable es Marta» to «¿Cuál es el acuerdo?»: this answer,
        // then another field's labelled value (`labelledTail`), before the flow's own reading takes
        // the whole sentence (it became the agreement's text). The head is read by the flow then.
        // (A flow that reads the labelled field itself, and keeps it out of this answer, reads it.)
        if freeText, let slot, asking, !hasCheck, let tail = labelledTail(clean, slot: slot, flow: flow, context: context),
           !Self.takesTail(reading(message, run: run, flow: flow, context: context), slot: slot, field: tail.field.name, value: tail.value) {
            return .correct(.fields(clean))
        }
        // «yo y la Carmen» to a people question from a writer whose name is not known: asked once.
        if let slot, asking, !hasCheck, Self.saysSelfWithoutName(clean, phrase: phrase, slot: slot, context: context) {
            return .askName(answer: clean)
        }
        // The flow's own reading of an answer ("harto" on a 1–4 scale, «todos» for people).
        if let reading = reading(message, run: run, flow: flow, context: context) {
            // «agendar reunión con apoderados pal jueves» to «¿Cuál es el acuerdo?» says a date, but
            // may ask for another flow: offered first, as for any answer.
            // (At a list's items, «hacer un diagnóstico de lectura en marzo» is an item: `opensWithDoing`.)
            if case .whole = reading, !(slot?.isList == true && Self.opensWithDoing(phrase)),
               let other = strongIntent(phrase, excluding: flow.id, freeText: freeText) { return .offerSwitch(other.id) }
            // «agendar reunión el jueves 3 a las 15» to «¿Qué acuerdo borro?»: refused as this
            // question's answer (its numbers are no agreement's), it is another flow's request.
            if case .reask = reading, phrase.some(.action), let other = strongIntent(phrase, excluding: flow.id, freeText: freeText) { return .offerSwitch(other.id) }
            // «cancelar», «atrás» to a question the flow asks again for what it could not read
            // («No entendí «cancelar» como día u hora»): the word is the command, as anywhere.
            if case .reask = reading, let verb = RepairVerb.recognize(phrase) { return verbCommand(verb, phrase: phrase, flow: flow, context: context) }
            guard reading == .request else { return .setSlots(reading) }
            // The message as typed: «acuerdo: …» is a request, though «acuerdo» alone agrees.
            if let other = requested(said, excluding: flow.id, context: context) { return .offerSwitch(other) }
            // «que Jorge conduzca la del 16» to a 1–4 score with no meeting that day: no flow takes
            // it, and its day is no score either (issue 12: «Debe ser como máximo 4»).
            if let slot, slot.type == .number {
                return .setSlots(.reask("Eso no lo anoto como respuesta: no es un puntaje, y tampoco lo reconocí como otro pedido."))
            }
        }
        // «acuerdo: Javiera arma el calendario…» to a free-text question: a label opens another
        // flow's request, offered as any other request would be (never taken as the answer).
        if freeText, asking, Self.opensWithLabel(clean), let state,
           let (other, _) = claim(said, context: context.after(state.lastSave)), other != flow.id {
            return .offerSwitch(other)
        }
        if let verb = clean == "?" ? .help : RepairVerb.recognize(phrase) { return verbCommand(verb, phrase: phrase, flow: flow, context: context) }
        // «hola de nuevo, ¿en qué íbamos?»: where we were, never the answer. «retomar la hora de
        // lectura silenciosa los lunes» to «¿Con qué te comprometes?» is the answer (`valueAfterResumeVerb`).
        if Self.resuming(phrase), !(freeText && Self.opensAnswerSlot(phase) && Self.valueAfterResumeVerb(phrase)) { return .repair(.resume) }
        // «ya, gracias, mañana sigo» at any point; thanks alone keep the conversation where it was.
        if phase != .more(run.currentSlot ?? ""), let closing = Self.closing(phrase) {
            if closing == .bye { return .goodbye }
            if YesNo.parse(clean) == nil { return .thank }
        }
        // «chuta, me llaman de la dirección, después sigo»: the flow waits in pause.
        if Self.leaving(phrase) { return .goodbye }
        if hasCheck { return .resolveCheck(clean) }
        if let slot, asking, let bare = bareAnswer(phrase, clean: clean, slot: slot) { return bare }
        // «acuerdos cumplidos a tiempo» to a question whose choice it is: the answer, not a query
        // about agreements (a question mark still asks).
        // «ya, y los miembros? agrega a la Rosa…» at the review: yes to it, then a request a flow
        // claims, which starts once this one is saved (never a question answered instead).
        // The same when the flow itself keeps the request for after its save (people said while
        // the network is being created, when no flow can claim them yet).
        if confirming, !hasCheck, let lead = YesNo.lead(clean), lead.yes, Phrase(lead.rest).tokens.count >= 3,
           case .fillThen(let values, _, let then)? = context.extensions[flow.id]?.reviewChange(Utterance(Self.withoutLeadingY(lead.rest)), run: run, context: context),
           values.isEmpty, !then.isEmpty {
            return .confirmThen(String(clean.prefix { $0 != "," && $0 != ";" && $0 != ":" && $0 != "." }), then)
        }
        if confirming, let lead = YesNo.lead(clean), lead.yes, Phrase(lead.rest).tokens.count >= 3, let state,
           case let asked = Self.withoutLeadingY(lead.rest.split(separator: "?", omittingEmptySubsequences: false).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? lead.rest),
           let (other, values) = claim(Utterance(asked), context: context.after(state.lastSave)).map({ ($0.0, $0.1.values) })
            ?? catalog.match(Phrase(asked)).first.flatMap({ $0.score >= 0.5 && $0.uses(token: 0) ? ($0.flow, [:]) : nil }) {
            let yes = String(clean.prefix { $0 != "," && $0 != ";" && $0 != ":" && $0 != "." })
            return .confirmThen(yes, [FollowingRequest(flow: other, request: asked, values: values, reads: other == flow.id ? false : nil)])
        }
        let picksChoice = slot.map { $0.type == .choice && Self.choiceIn(tokens: phrase.tokens, slot: $0) != nil } ?? false
        if !(picksChoice && !clean.contains("?") && !clean.contains("¿")) {
            if let queries = QueryMatcher.several(clean, strict: freeText) { return .answerQueries(queries) }
            if let query = QueryMatcher.match(phrase, raw: clean, strict: freeText) ?? Self.leadingQuestion(clean) { return .answerQuery(query) }
        }
        // «cuantos somos?» to «¿Quiénes participaron?», «cuales son los objetivos ahora?» to
        // «¿Otro objetivo?»: a question Minga can't answer is still a question, never the value.
        if let slot, Self.opensAnswerSlot(phase), Self.isOpenQuestion(clean, phrase: phrase, slot: slot) {
            return .setSlots(.reask("Eso suena a pregunta y esa no la sé responder todavía, así que no lo anoto como respuesta."))
        }
        // «pa la reunión de marzo» answering «¿para cuándo?» is a when, not a request to schedule:
        // for a question about a date, only a request with its verb asks for another flow.
        // (A switch, not an array literal made on every answer.)
        let temporal = switch slot?.type {
        case .date?, .datetime?, .time?, .daterange?, .recurrence?: true
        default: false
        }
        // «ya las acordamos» answering «¿ya las acordaron?»: one of the question's own choices is
        // its answer, even when it sounds like another flow's request.
        let choosing = slot.map { $0.type == .choice && Self.choiceIn(tokens: phrase.tokens, slot: $0) != nil } ?? false
        // «agrega a los profes: Juan Soto…, María Paillán…» at «¿Cambio los datos de la red?»: another
        // flow's request that carries its own values is no answer to the review (only long
        // messages that are no yes/no are asked).
        // «acuerdo: Pedro prepara la guía…» at «¿Guardo esta reflexión?»: another flow's request,
        // even one whose values it reads later, is offered; re-asking the review dropped it.
        if confirming, phrase.tokens.count >= 4, YesNo.parse(clean) == nil, let state,
           let (claimed, said) = claim(message, context: context.after(state.lastSave)) {
            // «el acuerdo 2 el plazo es el 11 de diciembre» at «¿Lo corrijo?» of that same change:
            // the request under review said again (its record, said by its number) is a «sí» to
            // it; with another value of one of its fields, that field changed in place (it was
            // queued as a second run of the same change, which nagged later: issue 12).
            if claimed == flow.id, Self.sameRecord(said.values, run: run, flow: flow) {
                let changed = said.values.filter { k, v in Self.differs(run.values[k], v) || run.values[k] == nil && flow.slot(named: k) != nil }
                if changed.isEmpty { return .fill("sí") }
                return .setSlots(.fill(changed, remark: "Corregido."))
            }
            // «y el de revisar el instrumento lo movemos pal 18» at the review of another record of
            // the same flow: a second request (its record differs), kept for after this one.
            if claimed != flow.id || said.values.contains(where: { k, v in Self.differs(run.values[k], v) }) {
                return .offerSwitch(claimed)
            }
        }
        // «otro tema, anota un compromiso: …» at a review: a request for another flow said with
        // its trigger words, though no flow claims its values.
        if confirming, phrase.tokens.count >= 4, YesNo.parse(clean) == nil,
           let best = catalog.match(phrase).first, best.flow != flow.id, best.score >= 0.5, phrase.some(.action) || phrase.some(.requestLead) {
            return .offerSwitch(best.flow)
        }
        // «registrar acuerdo» while its evidence is asked: this flow's own request, said whole with
        // its verb, is no evidence; we are already there («Reunión mensual», a meeting's name, stays).
        if freeText, asking, let other = wholeTrigger(phrase, excluding: nil), other != flow.id || phrase.some(.action) {
            return other == flow.id ? .alreadyHere : .offerSwitch(other)
        }
        // «registrar otro acuerdo» there: one more of these, for right after this one is saved.
        if freeText, asking, phrase.tokens.count <= 6, phrase.some(.anotherWord),
           wholeTrigger(Phrase(phrase.tokens.filter { !Self.anotherWords.contains($0) }.joined(separator: " ")), excluding: nil) == flow.id {
            let later = FollowingRequest(flow: flow.id, request: clean, values: [:], reads: false)
            return keptForLater(later, after: flow)
        }
        // «y borra la reunión de cierre, ya pasó igual» to «¿Por qué lo borramos?»: «y» then a
        // request that names its own record is one more request, never this question's answer.
        // «ahora agrega a Carmen Fuentes…» the same (`afterNextLead`): kept with what it said for
        // right after this one, as a «y …» request is once offered.
        if freeText, asking, phrase.tokens.count >= 3, let state, let rest = Self.afterNextLead(clean),
           let (claimed, said) = claim(phrase.tokens.first == "y" ? message : Utterance(rest), context: context.after(state.lastSave)), !said.values.isEmpty,
           claimed != flow.id || said.values.contains(where: { k, v in Self.differs(run.values[k], v) }) {
            if phrase.tokens.first == "y" { return .offerSwitch(claimed) }
            return keptForLater(FollowingRequest(flow: claimed, request: rest, values: said.values, reads: said.reads == nil ? false : nil), after: flow)
        }
        // The same with a request that opens with its flow's own verb («y elimina el acuerdo 2»,
        // «ahora agrega a Carmen Fuentes…»: it was stored as what a member brings, qa15).
        if freeText, asking, phrase.tokens.count >= 3,
           let rest = Self.afterNextLead(clean), let best = catalog.match(Phrase(rest)).first,
           best.score >= 0.5, best.uses(token: 0), let other = catalog.flow(best.flow) {
            // Read whole when it starts («anota un acuerdo: Carmen trae…» asked «¿Cuál es el
            // acuerdo?» again, what it said lost); without the request's own words, as at the menu.
            let later = other.id == flow.id ? FollowingRequest(flow: other.id, request: rest, values: [:])
                : FollowingRequest(flow: other.id, request: remainder(of: rest, phrase: Phrase(rest), used: best.usedTokens) ?? rest, values: [:], reads: true)
            return keptForLater(later, after: flow)
        }
        // «no, ya está acordada» at the review: another value of one of this flow's own choices,
        // even when its words also meet another flow («acordada»: a request for an agreement).
        if confirming, phrase.tokens.count <= 16, let (name, value) = Self.ownChoiceSaid(phrase, run: run, flow: flow) {
            let replace = Correction.replace(slot: name, value, say: "Corregido.")
            // «no, lo movemos pal 11», «no, reprogramado pal 18 porque…»: the option with more said
            // after it, read as the answer to the option's question (issue 12: the date was lost
            // and asked again). Its «no» refuses the review's value, not what follows.
            let rest = Self.isNo(phrase.tokens[0]) ? originalTail(of: clean, words: phrase.tokens.count - 1) : clean
            if phrase.tokens.count >= 3, let state, answeredAgain(name, text: rest, run: run, flow: flow, state: state, context: context) != nil {
                return .correct(.answerAgain(slot: name, text: rest, otherwise: replace))
            }
            if phrase.tokens.count <= 8 { return .correct(replace) }
        }
        if !choosing, !temporal || phrase.some(.action), !(slot?.isList == true && Self.opensWithDoing(phrase)),
           let other = strongIntent(phrase, excluding: flow.id, freeText: freeText) {
            // Only when a switch is offered anyway: the flow that claims the words as its own
            // request («el territorio quedó malo, es…» is the network's data) is the one offered.
            if let state, let (claimed, _) = claim(message, context: context.after(state.lastSave)), claimed != flow.id { return .offerSwitch(claimed) }
            return .offerSwitch(other.id)
        }
        // "anota un compromiso" while asked who is responsible: the same request again, not a name.
        if slot?.type == .people || slot?.type == .person, let best = catalog.match(phrase).first,
           best.flow == flow.id, best.score >= 0.99 {
            return .alreadyHere
        }
        // «no hay más objetivos» once that list is closed: nothing to change, the question stands.
        if asking, closesFilledList(phrase, run: run, flow: flow) { return .repair(.repeatQuestion) }
        // «está malo, el nombre es X y la comuna es Y» while another question waits: every field named.
        // (Each edit is of another field with a value: fewer than two values, never two edits.)
        if asking, run.values.count >= 2, reviewEdits(clean, run: run, flow: flow).filter({ $0.value != nil }).count >= 2 {
            return .correct(.fields(clean))
        }
        // «no sé, lo veo mañana» at the review: not sure yet whether to save, no correction (its
        // «mañana» became the deadline).
        if confirming,
           Self.mayOpenUnsure(phrase),
           phrase.isOne(of: Self.unsureAnswers) || Self.unsureWithAside(phrase, whatAsked: false) {
            return .unsure
        }
        // «ya, y también la hora: a las 10», «a las 10» to «¿Dónde será?»: another field's value,
        // never this answer (it was stored as the place).
        if freeText, let slot, asking,
           let moved = Self.mayMoveOtherField(phrase, clean: clean, slot: slot, run: run, flow: flow)
               ? otherFieldAtText(clean, phrase: phrase, slot: slot, run: run, flow: flow, context: context)
               : Self.skipped(otherFieldAtText(clean, phrase: phrase, slot: slot, run: run, flow: flow, context: context), "otherFieldAtText") {
            return .correct(moved)
        }
        // («la pauta en el drive y el plazo es el 4 de diciembre»: `labelledTail`, read before the flow's reading.)
        if let correction = readCorrection(clean, phrase: phrase, run: run, flow: flow, context: context)
            ?? readCorrectionBelow(clean, phrase: phrase, state: state, context: context) {
            return .correct(correction)
        }
        // «ninguna nota» to «¿Quiénes asistieron?»: «none» naming a later optional question of this
        // flow answers that one ahead (read as names it became «Ninguna Nota», offered as a member).
        if let slot, asking, phrase.classes.first?.contains(.noneLead) == true,
           phrase.tokens.count >= 2, !Self.saysNone(phrase, label: slot.label),
           let later = Self.noneAheadSlot(phrase, after: slot, run: run, flow: flow) {
            return .noneAhead(slot: later.name)
        }
        // «no», «nada», «no hubo» to an optional free-text question («¿hubo alguna diferencia?»):
        // nothing to write, the same as «saltar». Where an amount is asked («¿Dónde están hoy?»),
        // «ninguna todavía», «cero» is a 0, not a blank (`noneAmount`; qa35).
        if let slot, asking, slot.optional, freeText, !slot.isList,
           Self.noneAnswers.contains(phrase.core) || Self.saysNone(phrase, label: slot.label),
           Self.textKind(slot) != .amount || Self.noneAmount(phrase) == nil {
            return .repair(.skip)
        }
        // A bare «no» to a required free-text question is not its value (nothing is called «no»):
        // the same as «no sé», which offers to pause. A flow that reads it («ninguno» acuerdos
        // to an acta) keeps it. Nor is anyone called «no» («¿Quién queda a cargo ahora?» — «no»).
        if let slot, asking, !slot.optional, freeText || slot.type == .people || slot.type == .person, !slot.isList,
           phrase.core == "no" || phrase.core == "nop",
           (context.extensions[flow.id]?.validate(.text(clean), slot: slot, run: run, context: context).keepsGiven ?? true) {
            // A flow that changes a record (its «no» keeps the record as it was): «no» to the new
            // value is not wanting the change, so it ends unsaved instead of asking again.
            if context.extensions[flow.id]?.declineKeeps(run, context: context) == true { return .decline }
            return .unsure
        }
        if let slot, asking, slot.type != .yesno, slot.type != .confirm, phrase.tokens.count <= 5,
           phrase.classes.first?.contains(.unsureLead) == true, phrase.isOne(of: Self.unsureAnswers) {
            return .unsure
        }
        // «después lo vemos» to «¿Proponen institucionalizar…?»: not decided yet. A yes/no with a
        // `default` («not yet» is its «no») takes it, said so (qa37: it was read as a goodbye).
        if let slot, asking, slot.type == .yesno, slot.defaultValue != nil, Self.hedgesYesNo(phrase) { return .unsure }
        // «no sé, después lo veo», «ni idea, lo tengo que conversar con la Marta», «no sé todavía
        // cómo le vamos a poner»: not knowing, and what will be done about it, is no value either.
        if let slot, asking, slot.type != .yesno, slot.type != .confirm,
           Self.mayOpenUnsure(phrase),
           Self.unsureWithAside(phrase, whatAsked: slot.type != .longtext) {
            return .unsure
        }
        // «no tengo su correo todavía» to an optional question: left blank with a note, not a value.
        if let slot, slot.optional, asking, slot.type == .text || slot.type == .longtext, Self.lacksIt(phrase) {
            return .unsure
        }
        // A greeting is never an answer (nobody's network is called "hola").
        if Self.greets(phrase) { return .greet }
        // «ya te conté todo arriba», «lo puse arriba»: never a value (nor a name); what Minga has,
        // and the question again. A yes/no question is answered by yes or no.
        if let slot, asking, slot.type != .yesno, slot.type != .confirm, Self.refersBack(phrase) {
            return .setSlots(recall(slot, run: run, flow: flow, context: context))
        }
        // «publicaron los resultados del simce…» at «¿De dónde sale el dato?»: a request found
        // only by its trigger, verb first, kept for after this one (`requestByTriggerAtFreeText`).
        if freeText, slot?.isList == false, asking, !hasCheck, let state,
           let later = requestByTriggerAtFreeText(message, run: run, flow: flow, state: state, context: context, list: false) {
            return keptForLater(later, after: flow)
        }
        // «la lectura compartida con apoderados, te lo puse arriba»: the value, without the aside.
        // (A comma byte first: Foundation's `contains` searches the text as an NSString.)
        if freeText, asking, TextFold.contains(clean, byte: UInt8(ascii: ",")), clean.contains(","),
           let head = Self.withoutMetaTail(clean) { return .fill(head) }
        return .fill(clean)
    }

    /// A repair verb said in `flow`. «uy no, deshace eso» while a deletion is being asked
    /// (`FlowExtension.removesRecord`) undoes the deletion itself: nothing is deleted and the
    /// record stays as it was (qa31: it went back one question and the deletion went on).
    /// «atrás», «la anterior» still go back one question there.
    func verbCommand(_ verb: RepairVerb, phrase: Phrase, flow: FlowDefinition, context: EngineContext?) -> Command {
        if verb == .back, context?.extensions[flow.id]?.removesRecord == true, TextFold.containsBytes(phrase.folded, "desha") { return .decline }
        // «déjalo», «mejor no» while a deletion is asked: don't delete it (the record stays as it
        // was), never «¿Seguro que quieres cancelar…? Se perderá…» (issue 12). «cancelar» is asked.
        if verb == .cancel, phrase.tokens.count <= 4, phrase.tokens.contains(where: { Self.leaveItWords.contains($0) || $0 == "no" }),
           let ext = context?.extensions[flow.id], ext.removesRecord {
            return .decline
        }
        return .repair(verb)
    }

    /// «déjalo», «déjala», «dejémoslo»: leave it as it is.
    static let leaveItWords: WordSet = ["dejalo", "dejala", "dejalos", "dejalas", "dejemoslo", "dejemosla"]

    /// A message with no flow in progress.
    func readIdle(_ clean: String, phrase: Phrase, state: DialogState, context: EngineContext) -> Command {
        // «chao» with nothing to cancel is a goodbye; «hola de nuevo, ¿en qué íbamos?» resumes.
        if ["chao", "chau", "adios", "nos vemos"].contains(phrase.core) || Self.leaving(phrase) || Self.farewellWithDay(phrase) { return .goodbye }
        // «después lo vemos», «ahí vemos» with nothing asked: leaving it for later, as a goodbye
        // (in a flow it is not knowing yet: `unsureAnswers`).
        if phrase.classes.first?.contains(.unsureLead) == true, phrase.isOne(of: Self.seeLater) { return .goodbye }
        if Self.resuming(phrase) { return .repair(.resume) }
        // A greeting is never a request, unless a flow of the dialogs is triggered by those very words.
        if Self.greets(phrase), (catalog.match(phrase).first?.score ?? 0) < 0.9 { return .greet }
        // «deshaz eso, me equivoqué de persona» right after a save: undone, with what the mistake
        // was as its reason (it is not asked again).
        if state.lastSave != nil, let why = Self.regretReason(clean, phrase: phrase) { return .undoLast(reason: why) }
        // «chuta no, mejor deshace eso, hay q conversarlo en la reunión primero», «quiero deshacer lo
        // último que guardé, la norma de…»: the undo leads, whatever the words after it name.
        if let led = Self.undoLed(clean, phrase: phrase) {
            if state.lastSave != nil, let why = led { return .undoLast(reason: why) }
            return .repair(.back)
        }
        // «ayuda encuentros», «ayúdame con los sondeos»: all of one topic of the help.
        if let k = Self.helpTopic(phrase) { return .helpTopic(k) }
        if let verb = RepairVerb.recognize(phrase) {
            switch verb {
            case .resume, .help, .cancel, .back: return .repair(verb)
            default: break
            }
        }
        // «quiero borrarlo» right after a save: that record, undone as «deshacer» would.
        if let last = state.lastSave {
            if Self.deletesIt(phrase) { return .repair(.back) }
            // «me equivoqué, vuelve a ponerlo» right after a deletion: that deletion undone.
            // After a save that took nothing out, those words have nothing to put back: said so
            // plainly (issue 12: ten flows were offered to pick from).
            if Self.putsBack(phrase) { return context.extensions[last.flow]?.removesRecord == true ? .repair(.back) : .nothingToPutBack }
            if let why = Self.deleteReason(clean) { return .undoLast(reason: why) }
            // «y la de marzo el Mario» right after a change of who leads one date: the same change, another date.
            if let last = state.lastSave, phrase.tokens.first == "y", phrase.tokens.count >= 3,
               let request = context.extensions[last.flow]?.ellipticRequest(clean, values: nil, context: context) {
                // Read as that request is at the menu (claimed by the flow, else matched).
                if let (flow, claim) = claim(Utterance(request), context: context.after(state.lastSave)) {
                    return Self.start(flow, claim: claim, clean: request)
                }
                return readIdle(request, phrase: Phrase(request), state: state, context: context)
            }
            // «ahora otro: Cristian Zepeda, …» after a record was created: the same flow again.
            if let last = state.lastSave, last.before == nil, last.others == nil, clean.utf8.contains(where: { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ",") }),
               phrase.tokens.contains(where: { $0 == "otro" || $0 == "otra" }), let rest = Self.anotherOfTheSame(clean),
               catalog.flow(last.flow) != nil, context.extensions[last.flow]?.blocker(context) == nil {
                return .startFlow(last.flow, request: context.extensions[last.flow]?.anotherRequest(rest) ?? rest, values: [:], echo: [])
            }
            if let last = state.lastSave,
               let then = context.extensions[last.flow]?.insteadOfLast(Utterance(clean), record: last.record, context: context.after(state.lastSave)) {
                return .undoLastThen(then)
            }
        }
        // A thumbs up is an "ok".
        if clean.unicodeScalars.allSatisfy({ "👍👌🙏🙌👏💪🤝✅☺😊🙂 \u{FE0F}".unicodeScalars.contains($0) || (0x1F3FB...0x1F3FF).contains($0.value) }) {
            return .acknowledge
        }
        // A bare "no" or "sí" with nothing in progress answers nothing: it never starts a flow
        // ("no" shares a word with «no se cumplió el acuerdo»).
        if phrase.tokens.count <= 2, !phrase.isOne(of: Self.thanks) && !phrase.isOne(of: Self.acks), let yes = YesNo.parse(clean) {
            if yes { return state.paused.isEmpty ? .menu("¿En qué te ayudo? Puedo:") : .repair(.resume) }
            return .decline
        }
        // «más», «los de Ana» after a list (or, with none, about the agreements).
        if let query = QueryMatcher.listFollowUp(phrase) { return .answerQuery(query) }
        if let queries = QueryMatcher.several(clean) { return .answerQueries(queries) }
        var matches = catalog.match(phrase).filter { $0.score >= 0.5 }
        // «no lo veo»: a trigger met only by «no» («no nos juntamos en…») asks for nothing
        // (pass 10, qa16: it opened «Cambiar un encuentro»).
        // (The one word read from the mask, not from a set of it; both tests in one pass.)
        matches.removeAll { m in
            m.usedMask.nonzeroBitCount == 1 && m.onlyUsedToken.map { phrase.tokens[$0] == "no" } == true
                || context.extensions[m.flow]?.declines(phrase, context: context) == true
        }
        // «Norma Condori propone revisar las planillas»: a trigger met through a person's name (a
        // member's first name, a capitalised Name Surname) is no request for its flow. Looked at
        // only when a capital follows the first word.
        if !matches.isEmpty, let plain = NameWords.withoutNames(clean, members: context.members) {
            let kept = Set(Phrase(plain).tokens)
            matches.removeAll { m in m.usedTokens.contains { !kept.contains(phrase.tokens[$0]) } }
        }
        // A flow that can't start now («actualizar un acuerdo» with none registered) gives way to
        // one the message also asks for that can («acuerdo: Tamara revisa…, plazo…»).
        if matches.count > 1, let top = matches.first, context.extensions[top.flow]?.blocker(context) != nil {
            let startable = matches.filter { context.extensions[$0.flow]?.blocker(context) == nil }
            if !startable.isEmpty { matches = startable }
        }
        // «que pongo en el propósito? no cacho bien», «no sé qué escribir en las normas»: what to
        // put in a record, asked at the menu: what it is, and its flow offered (qa39 F: only
        // «escribe "escribir el propósito"»).
        if phrase.some(.fieldCue), phrase.some(.fieldAsk), let (id, meaning) = helpAskedOfFlow(phrase) {
            return .explainOffer(id, meaning: meaning)
        }
        // «¿cómo registro un acuerdo?», «¿qué es un acuerdo?»: a question about a flow, answered.
        if let best = matches.first, Self.asksHow(phrase), !phrase.some(.action) {
            // «¿qué es un microcentro?» asks what the word means, not how to schedule one.
            if Glossary.definition(asked: phrase) != nil { return .answerQuery(.definition) }
            return .explain(best.flow)
        }
        // "¿para qué existe la red? quiero dejar escrito el propósito": a request to do something
        // wins over the question around it.
        // «¿qué prácticas vamos a institucionalizar?»: «vamos a» after a question word asks about
        // the future, it is not a request.
        let lead = phrase.tokens.first { !["oye", "oiga", "y", "ya", "bueno", "entonces", "pero", "hola"].contains($0) }
        let asksFuture = phrase.tokens.count > 1 && lead.map { QueryMatcher.interrogatives.contains($0) && !Self.actionWords.contains($0) } ?? false
        // «cambiar cuándo es la reunión de planificación»: opening with a change verb, the
        // question words after it say what to change, not what to answer.
        let wantsAction = !Self.asksAboutState(clean, phrase: phrase) && phrase.some(.action)
            && phrase.classes.indices.contains { phrase.classes[$0].contains(.action) && !(asksFuture && phrase.tokens[$0] == "vamos") }
            || lead.map { Self.changeVerbs.contains($0) } == true
        // A summary is itself asked for with «necesito», «dame»: «soy la coordinadora del SLEP,
        // necesito un resumen de cómo va la red» wants the summary, not the flow its other words meet.
        // «¿cuándo nos juntamos de nuevo?»: a question word first and the next meeting asked; its
        // verb («juntamos») is no request to schedule one.
        // «¿qué acuerdos tiene la Norma?»: a question read through a person's name (a member named
        // Norma) is asked again without it (it was answered about the norms).
        // «oye el Jaime no ha mandado la planificación, ¿qué hacemos?»: a task said not done, of
        // someone, with nothing in progress: the agreement it is, with what can be done about it
        // (it was not understood). Only here: inside a flow such news answers its question.
        if phrase.tokens.contains("no"), TaskQuestion.notDone(phrase.tokens) != nil { return .answerQuery(.search) }
        // A request plainly asked for («registrar un acuerdo») gives way only to a network summary
        // or, asked about the future, the next meeting: without their words the questions are
        // not read at all (`QueryMatcher.maySummarizeNetwork`; debug builds read them and check).
        let requestWins = wantsAction && (matches.first?.score ?? 0) >= 0.6
        if !requestWins || asksFuture || QueryMatcher.maySummarizeNetwork(phrase)
            || Self.skippedTest(QueryMatcher.match(phrase, raw: clean, strict: false) == .networkSummary, "readIdle's questions"),
           var query = QueryMatcher.match(phrase, raw: clean, strict: false),
           query == .networkSummary || (asksFuture && query == .nextMeeting) || !requestWins {
            // (Not «¿qué acuerdos puso la Paola?»: the name is who registered them, the question's own.)
            if query != .registeredBy, let plain = NameWords.withoutNames(clean, members: context.members),
               let again = QueryMatcher.match(Phrase(plain), raw: plain, strict: false) { query = again }
            return .answerQuery(query)
        }
        // «predicción» alone: a topic word, looked for in the records, when no request has that
        // very word (a typo of one is not a request: «prediccion» is not «redacción»).
        if phrase.tokens.count == 1, Self.isTopicWord(phrase.tokens[0]), !phrase.isOne(of: Self.thanks), !phrase.isOne(of: Self.acks),
           Self.closing(phrase) == nil, !catalog.triggerTokens.contains(where: { $0.tokens.contains { $0.contains(phrase.tokens[0]) } }) {
            return .answerQuery(.search)
        }
        if (matches.first?.score ?? 0) < 0.9, !wantsAction, Self.questionShaped(phrase) || clean.contains("?"),
           Self.namesOrganization(phrase, context: context) { return .answerQuery(.organizations) }
        // «¿quién es?», «¿dónde queda eso?»: a question none of the answers knows is no request
        // for the flow one of its words meets weakly.
        if let best = matches.first, best.score < 0.75, !wantsAction, let lead, Self.unknownQuestionLeads.contains(lead) {
            return .menu("Esa pregunta no la sé responder todavía. Puedo ayudarte con:")
        }
        // «¿qué prácticas hemos compartido?», «en qué quedamos con lo de la lectura?», «¿qué hacemos
        // con la armada?»: a question (a question word first, or one after a preposition) that no
        // answer knows is never a request for the flow it shares words with (qa22: they started a
        // reflection, an agreement, a poll). A request says its verb («quiero…», «anota…»), and a
        // flow's own question phrase («¿quiénes vinieron a la reunión?») still opens it.
        // (Words said after the question mark answer it or ask more: «q significa el propósito pa
        // mi escuela? pa nosotros es que…» is the reading of the purpose.)
        // («¿qué hacemos con la armada?»: a flow met only through a complement counts here too.)
        if let best = matches.first ?? catalog.match(phrase).first(where: { FlowCatalog.complementOnlyScores.contains($0.score) }),
           best.score < 0.9, !wantsAction, Self.questionShaped(phrase),
           !Self.saysMoreAfterQuestionMark(clean) {
            return .menu("Esa pregunta no la sé responder todavía. Puedo ayudarte con:")
        }
        // «mañana no voy a poder ir a la reunión, tengo consejo escolar»: an absence from a
        // meeting is no request to schedule one (qa35 C: a meeting «Consejo escolar» was
        // started); when the next meeting is is what helps.
        // Said so it is acknowledged, with how to tell the network (no record keeps it ahead).
        // «no pude ir a la reunión de ayer, ¿qué se acordó?»: an absence already past, asking what
        // was missed, is about the meeting held (qa39 C: it answered about meetings to come).
        if !wantsAction, Self.saysAbsence(phrase) { return .answerQuery(Self.asksWhatWasMissed(clean, phrase: phrase) ? .pastMeeting : .absence) }
        // «la reunión de enero no va, estamos de vacaciones» when no meeting meets in January (the
        // call-off flow claims it when one does): said so, with the next one (issue 12: a meeting
        // «Reunión de enero no» was started).
        if !wantsAction, Self.callsOffMonth(phrase) { return .answerQuery(.nextMeeting) }
        if var best = matches.first {
            var close = matches.dropFirst().filter { best.score - $0.score < 0.08 }
            // «acordamos que Luis manda el resumen de la reunión»: the request opens the message;
            // a flow met only by a word further on is what it talks about, not what it asks.
            let first = phrase.classes.firstIndex { !$0.contains(.stop) }
            if !close.isEmpty, let opener = ([best] + close).first(where: { $0.uses(token: first ?? -1) }),
               // Words it shares with the opener are the opener's («anota un acuerdo … sala»: «acuerdo»
               // belongs to «anota», and «saca el acuerdo» only meets «sala» further on).
               ([best] + close).allSatisfy({ $0.flow == opener.flow
                   || ($0.usedTokens.subtracting(opener.usedTokens).min() ?? 0) > (opener.usedTokens.max() ?? 0) }) {
                best = opener
                close = []
            }
            // «acordamos que la Norma revisa…»: a flow met only through a person's name («Norma»,
            // a member) is no candidate; matched again without the names, one flow may stand out.
            if !close.isEmpty, let plain = NameWords.withoutNames(clean, members: context.members),
               let again = catalog.match(Phrase(plain)).first, again.score >= 0.5,
               !catalog.match(Phrase(plain)).dropFirst().contains(where: { again.score - $0.score < 0.08 }),
               ([best] + close).contains(where: { $0.flow == again.flow }) {
                best = ([best] + close).first { $0.flow == again.flow }!
                close = []
            }
            if !close.isEmpty { return .clarify([best.flow] + close.map(\.flow), request: clean) }
            if catalog.flow(best.flow) != nil { return .startFlow(best.flow, request: clean, values: [:], echo: [], used: best.usedTokens) }
        }
        if Self.greets(phrase) { return .greet }
        // «ya, gracias, mañana sigo», «eso no más por hoy».
        if let closing = Self.closing(phrase) { return closing == .thanks ? .thank : .goodbye }
        if phrase.isOne(of: Self.thanks) { return .thank }
        if phrase.isOne(of: Self.acks) { return .acknowledge }
        // «y el del drive? quiénes han subido el plan?»: a question about «el del …», «lo de …»
        // with agreements on record is about one of them (the answer finds which, or lists them).
        let t = phrase.tokens
        if clean.contains("?"), zip(t, t.dropFirst()).contains(where: { ["el", "lo"].contains($0) && ["del", "de"].contains($1) }),
           context.snapshot.map({ !$0.agreements.isEmpty }) == true {
            return .answerQueries([.openAgreements])
        }
        // «Rosa Pérez, Juan Soto y Marta Díaz, de la escuela X», «miércoles 9 a las 10 en la escuela
        // de Icalma, dura 3 horas»: the content of a request said without it is offered as that
        // flow, with what was said (issue 12). Only here, where nothing else understood the message.
        if state.pending == nil {
            let said = Utterance(clean)
            for f in catalog.flows {
                guard let ext = context.extensions[f.id], let request = ext.unclearOffer(said, context: context),
                      ext.blocker(context) == nil else { continue }
                return .offerContent(f.id, request: request)
            }
        }
        return .menu("No te entendí del todo. Puedo ayudarte con:")
    }

    /// The command starting a claimed flow: its values, and the words it reads as a request
    /// (an empty `used`: all of them are the request's own).
    static func start(_ flow: String, claim: Claim, clean: String) -> Command {
        // The words fit other flows as well (`Claim.choose`): which one is asked.
        if claim.choose.count >= 2 { return .clarify(claim.choose, request: clean, lead: claim.chooseLead) }
        let then = claim.more.map { FollowingRequest(flow: flow, request: $0, values: claim.values) } + claim.then
        if let reads = claim.reads { return .startFlow(flow, request: reads, values: claim.values, echo: claim.echo, used: [], then: then) }
        // Requests of its own kind said after it («…la conduce Tomás y la del 11 de febrero
        // Nelly») follow it too.
        return .startFlow(flow, request: claim.values.isEmpty ? nil : clean, values: claim.values, echo: claim.echo, then: claim.then)
    }

    /// «registrar un acuerdo: …», «nueva norma: …»: the flow whose trigger is said whole before the
    /// message's first colon (a short head), with the head's words it used; nil otherwise. Only a
    /// message with a colon byte is looked at.
    func requestBeforeColon(_ message: Utterance) -> (flow: String, definition: FlowDefinition, used: Set<Int>?)? {
        guard TextFold.contains(message.clean, byte: UInt8(ascii: ":")), let colon = message.clean.firstIndex(of: ":") else { return nil }
        let head = Phrase(String(message.clean[..<colon]))
        guard (2...6).contains(head.tokens.count), let id = wholeTrigger(head, excluding: nil), let flow = catalog.flow(id) else { return nil }
        return (id, flow, catalog.match(head).first { $0.flow == id }?.usedTokens)
    }

    /// «registra un acuerdo: …», «anota otro acuerdo: …», «nuevo acuerdo, …»: a head before the
    /// first colon or comma (two to five words, no number) that asks for one more record, with
    /// «un», «una», «otro», «nuevo»…, and matches a flow's request; that flow and the words it
    /// used. Nil otherwise («acuerdo 2, el plazo…», «editar acuerdo 1: …» name a record that is).
    func newRecordHead(_ message: Utterance) -> (flow: String, definition: FlowDefinition, used: Set<Int>?)? {
        let clean = message.clean
        guard let cut = clean.firstIndex(where: { $0 == ":" || $0 == "," }) else { return nil }
        let head = Phrase(String(clean[..<cut]))
        let t = head.tokens
        guard (2...5).contains(t.count), !t.contains(where: { Int($0) != nil }),
              t.contains(where: { $0 == "un" || $0 == "una" || Self.anotherWords.contains($0) }),
              let best = catalog.match(head).first, best.score >= 0.8, best.uses(token: t.count - 1),
              let flow = catalog.flow(best.flow) else { return nil }
        return (best.flow, flow, best.usedTokens)
    }

    /// A flow whose extension claims the message as its own request.
    func claim(_ message: Utterance, context: EngineContext) -> (String, Claim)? {
        guard !context.extensions.byFlow.isEmpty else { return nil }
        // Only the flows whose cues the message holds (`ClaimCues`), in the catalog's order.
        let index = context.extensions.claimIndex(of: catalog)
        let candidates = index.candidates(message)
        var next = index.firstAsked(candidates, from: 0)
        while let i = next {
            let entry = index.entries[i]
            if let claim = entry.ext.claim(message, flow: entry.flow, catalog: catalog, context: context) {
                // «registra un acuerdo: … y el plazo es el 4» right after a save: a new record
                // asked for in so many words is no other flow's (a change of the one saved).
                if let asked = newRecordHead(message), asked.flow != entry.flow.id {
                    next = index.firstAsked(candidates, from: i + 1)
                    continue
                }
                assertCuesHeld(index, candidates, before: i, message, context: context)
                return (entry.flow.id, claim)
            }
            next = index.firstAsked(candidates, from: i + 1)
        }
        assertCuesHeld(index, candidates, before: index.entries.count, message, context: context)
        return nil
    }

    /// The flow whose claim states the network's standing data (`claimsAtAnyQuestion`) and takes
    /// `message` with values; only the flows whose cues the message holds are asked.
    /// `ownFields`: the flow running. A claim whose values are all fields of that flow («región de
    /// Valparaíso» at «¿En qué comuna…?» while a network is created: the new network's region, not
    /// a change of the current network's) is this flow's own answer, never another request.
    func standingClaim(_ message: Utterance, excluding id: String, ownFields: FlowDefinition? = nil, context: EngineContext) -> String? {
        guard !context.extensions.byFlow.isEmpty else { return nil }
        let index = context.extensions.claimIndex(of: catalog)
        // Only the standing claims are asked: the others are skipped by their bits.
        guard index.standing != 0 else { return nil }
        let candidates = index.standingCandidates(message)
        var next = index.firstAsked(candidates, from: 0)
        while let i = next {
            let entry = index.entries[i]
            if entry.flow.id != id, entry.ext.claimsAtAnyQuestion,
               let claim = entry.ext.claim(message, flow: entry.flow, catalog: catalog, context: context), !claim.values.isEmpty,
               !(ownFields.map { own in claim.values.keys.allSatisfy { own.slot(named: $0) != nil } } ?? false) {
                return entry.flow.id
            }
            next = index.firstAsked(candidates, from: i + 1)
        }
        return nil
    }

    /// Debug builds (the tests) ask the flows the cues left out too: none before the one that
    /// claimed may claim the message, or a flow's cues miss what its claim accepts.
    private func assertCuesHeld(_ index: ClaimIndex, _ candidates: UInt64, before end: Int, _ message: Utterance, context: EngineContext) {
        #if DEBUG
        for k in 0..<end where index.firstAsked(candidates, from: k) != k {
            let e = index.entries[k]
            assert(e.ext.claim(message, flow: e.flow, catalog: catalog, context: context) == nil,
                   "the claim cues of \(e.flow.id) miss «\(message.clean)», which its claim takes")
        }
        #endif
    }

    /// The flow a message asks for when the flow running says it is no answer (`Reading.request`):
    /// one that claims it, one whose request phrase it says, or the clear best match.
    func requested(_ message: Utterance, excluding id: String, context: EngineContext) -> String? {
        if let (other, _) = claim(message, context: context), other != id { return other }
        if let other = strongIntent(message.phrase, excluding: id, freeText: false) { return other.id }
        guard let best = catalog.match(message.phrase).first, best.flow != id, best.score >= 0.5 else { return nil }
        return best.flow
    }

    /// «no, era el lugar» after a list picked at the review was replaced by one answer (kept
    /// aside as the list slot's partial): the flow's review reading decides, before the field's
    /// name asks it again with the old list lost. Only a reading that brings the list back
    /// counts. Gated on that partial: nothing else is read here on other turns.
    func undoesReplacedList(_ message: Utterance, run: FlowRun, flow: FlowDefinition, context: EngineContext) -> Reading? {
        guard let partials = run.partials, !run.hasCheck else { return nil }
        switch run.phase {
        case .confirming, .more: break
        default: return nil
        }
        guard let name = partials.first(where: { if case .list = $0.value { flow.slot(named: $0.key)?.isList == true } else { false } })?.key,
              let read = context.extensions[flow.id]?.reviewChange(message, run: run, context: context),
              case .fill(let values, _, _) = read, values[name] == partials[name] else { return nil }
        return read
    }

    /// The flow's own reading of an answer, or the one every flow gets.
    func reading(_ message: Utterance, run: FlowRun, flow: FlowDefinition, context: EngineContext) -> Reading? {
        if !run.hasCheck, run.phase == .confirming { return context.extensions[flow.id]?.reviewChange(message, run: run, context: context) }
        // «¿Otro objetivo?» answered with several at once: the flow reads the items as it would
        // the first one. Only a reading that fills the list itself counts here (a yes or a no
        // stays the list's own answer, and anything else the next item, as before).
        // (A message opening with another flow's request, «registrar organización…», is that request.)
        if !run.hasCheck, case .more(let name) = run.phase, let slot = flow.slot(named: name), YesNo.parse(message.clean) == nil,
           strongIntent(message.phrase, excluding: flow.id, freeText: true) == nil {
            guard let read = context.extensions[flow.id]?.interpret(message, slot: slot, run: run, context: context) else { return nil }
            // Another flow's request said as the next item («la reunión hay que correrla al viernes
            // 11» at «¿Otro punto para la tabla?»): kept for after the save, as at the first item.
            if case .fillThen(let values, _, let then) = read, values.isEmpty, !then.isEmpty { return read }
            guard case .fill(let values, _, _) = read, values[name] != nil else { return nil }
            return read
        }
        guard !run.hasCheck, case .asking(let name) = run.phase, let slot = flow.slot(named: name) else { return nil }
        let message = FieldNamePrefix.strip(message.clean, slot: slot).map(Utterance.init) ?? message
        return context.extensions[flow.id]?.interpret(message, slot: slot, run: run, context: context)
            ?? context.extensions.shared?.interpret(message, slot: slot, run: run, context: context)
    }

    /// «no, mejor registra un acuerdo» → «registra un acuerdo»: what follows a leading «no» (and
    /// the words that lead into another request), nil when nothing does.
    static func afterNo(_ clean: String) -> String? {
        var words = clean.split(separator: " ").map(String.init)
        guard let first = words.first, Phrase(first).tokens == ["no"] else { return nil }
        words.removeFirst()
        while let w = words.first, Phrase(w).tokens.isEmpty || ["mejor", "pero", "no", "gracias", "po", "sino", "y", "ya", "oye", "despues", "luego", "altiro"].contains(Phrase(w).core) {
            words.removeFirst()
        }
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    /// «ya po, agendemos la jornada…» → «agendemos la jornada…»: what follows the yes a message
    /// opens with, nil when nothing does.
    static func afterYes(_ clean: String) -> String? {
        var words = clean.split(separator: " ").map(String.init)
        var dropped = false
        while let w = words.first, Phrase(w).tokens.isEmpty || ["si", "ya", "dale", "ok", "okey", "bueno", "po", "pues", "claro", "listo", "sipo", "yapo", "cancela", "cancelalo", "y"].contains(Phrase(w).core) {
            words.removeFirst()
            dropped = true
        }
        return dropped && !words.isEmpty ? words.joined(separator: " ") : nil
    }

    /// «agregar una organización»: the request says only which flow, nothing of what to write.
    func bareRequest(_ text: String, flow id: String) -> Bool {
        let said = Phrase(text)
        guard let best = catalog.match(said).first(where: { $0.flow == id }) else { return false }
        return remainder(of: text, phrase: said, used: best.usedTokens) == nil
    }

    /// The running flow's own request said again: opened by its request phrase, led by a verb of
    /// asking that matches it, or claimed by it with values.
    func restatesRequest(_ message: Utterance, phrase: Phrase, flow id: String, context: EngineContext) -> Bool {
        strongIntent(phrase, excluding: "", freeText: false)?.id == id
            || (phrase.some(.action) && catalog.match(phrase).first.map { $0.flow == id && $0.score >= 0.5 } ?? false)
            || (claim(message, context: context).map { $0.0 == id && !$0.1.values.isEmpty } ?? false)
    }

    /// The answer to Minga's own question, or nil when the message is something else.
    func readReply(to pending: Pending, _ message: Utterance, state: DialogState, context: EngineContext) -> PendingReply? {
        let clean = message.clean, phrase = message.phrase
        switch pending {
        case .speakerName(let answer):
            // «cancelar», «saltar»: the command, as anywhere (the question is left).
            if RepairVerb.recognize(phrase) != nil { return nil }
            guard let name = Self.saidName(clean) else { return .speakerNameUnclear(answer: answer) }
            return .speakerNamed(name, answer: answer)
        case .cancel:
            guard let run = state.current, let flow = catalog.flow(run.flowID) else { return nil }
            // «no, mejor registra un acuerdo», «no, pero después anota un acuerdo: …»: no to
            // cancelling, and the words after the «no» ask for another flow (the «no» with a
            // request was taken as a yes, or the request lost).
            if let rest = Self.afterNo(clean), Phrase(rest).tokens.count >= 2,
               let other = requested(Utterance(rest), excluding: run.flowID, context: context.after(state.lastSave)) {
                return .cancelDeclinedThen(flow: other, request: rest)
            }
            // «después sigo», «ya, después sigo, tengo consejo»: neither yes nor no but leaving it
            // for later; read as anywhere in the flow (paused, nothing lost), not «No te entendí»
            // nor a «ya» that cancels.
            if RepairVerb.recognize(phrase) == .pause || Self.leaving(phrase) { return nil }
            switch YesNo.parse(clean) {
            case true?:
                // «ya po agendemos la jornada de los utp el jueves 10…»: a yes that goes on with a
                // request cancels and starts that request with all it said (the request was lost:
                // only «Listo, cancelé…»).
                if phrase.tokens.count >= 4, let rest = Self.afterYes(clean), state.stack.count == 1 {
                    let said = Utterance(rest), after = context.after(state.lastSave)
                    if said.phrase.tokens.count >= 3,
                       claim(said, context: after) != nil || strongIntent(said.phrase, excluding: "", freeText: false) != nil {
                        return .cancelAndAsk(rest)
                    }
                }
                return .cancelConfirmed
            case false?: return .cancelDeclined
            case nil:
                if RepairVerb.recognize(phrase) == .cancel { return .cancelConfirmed }
                // «cuando vence el plazo del acuerdo de la luisa?»: a question is answered from
                // the store, and whether to cancel is asked again (qa31: «No te entendí»). Only a
                // message with a «?» that opens with a question word is looked up.
                if Self.questionAtReview(clean, phrase: phrase), let query = QueryMatcher.match(phrase, raw: clean, strict: true) {
                    return .questionThenCancel(query)
                }
                // «agrega a Marcela Ríos…, todos son utp»: a request another flow takes as its own
                // is the person moving on, even when a word of it would answer the question
                // («utp» to «¿qué rol tiene?»). Only longer messages are asked.
                if state.stack.count == 1, phrase.tokens.count >= 4,
                   (claim(message, context: context.after(state.lastSave)).map { $0.0 != run.flowID } ?? false)
                    || strongIntent(phrase, excluding: run.flowID, freeText: false) != nil {
                    return .cancelAndAsk(clean)
                }
                // "el martes" instead of sí/no: an answer to the question, so the flow goes on with it.
                // A date inside a request of this flow for another record («acordamos que luis
                // consigue el bus a fin de mes» while the draft of «la sofia manda el acta» asks its
                // deadline) is the new request's, not this draft's: the request is read below (issue
                // 12: the date went to the draft being cancelled and the new agreement was lost). The
                // same record said with its date still answers. Only asked when a value was read.
                if let name = run.currentSlot, let slot = flow.slot(named: name), slot.type != .text, slot.type != .longtext,
                   case .value = SlotParser.parse(clean, slot: slot, context: context),
                   !(state.stack.count == 1 && phrase.tokens.count >= 5
                     && anotherRecord(old: run, said: [:], reads: clean, flow: flow)
                     && restatesRequest(message, phrase: phrase, flow: run.flowID, context: context.after(state.lastSave))) {
                    return nil
                }
                // «agenda la reunión de cierre el viernes 11 …, dura 2 horas»: this same request
                // said again in full is a yes to cancelling and the new start (qa25: «No te
                // entendí», and the request lost). A verb of asking or this flow's claim says so.
                if state.stack.count == 1, phrase.tokens.count >= 5,
                   restatesRequest(message, phrase: phrase, flow: run.flowID, context: context.after(state.lastSave)) {
                    return .restateRequest(clean)
                }
                // «el nombre de la red está malo, se llama…»: the person moved on to another request.
                if state.stack.count == 1, claim(message, context: context.after(state.lastSave)) != nil
                    || strongIntent(phrase, excluding: run.flowID, freeText: false) != nil {
                    return .cancelAndAsk(clean)
                }
                return .cancelUnclear
            }
        case .switchFlow(let id, let text), .switchOrAnswer(let id, let text):
            guard catalog.flow(id) != nil else { return nil }
            // «cancelar» to the offer is no «no» that keeps the words as the answer: it cancels.
            if RepairVerb.recognize(phrase) == .cancel { return nil }
            // «no, guárdalo primero y después las metas», «primero terminemos esto, después lo
            // otro»: this one first (saved, when only its «sí» is missing), and the flow offered
            // right after it.
            if state.current != nil, Self.saysFirstThen(phrase) { return .firstThen(flow: id, request: text) }
            guard let yes = YesNo.parse(clean) else {
                // «pal 31 de mayo» to «¿Le ponemos un plazo nuevo?» with nothing underneath: the
                // day is the yes, and completes the request offered (`dayForOffer`).
                if case .switchFlow = pending, state.current == nil,
                   let day = dayForOffer(clean, phrase: phrase, offered: id, request: text, context: context) {
                    return .switchAccepted(flow: id, request: day)
                }
                // «uno por uno», «revisar el objetivo 1»: the flow offered, asked for in other words,
                // is a yes, and those words say how it starts.
                // A question («¿cómo vamos con los objetivos?») is answered, not taken as the yes.
                // A few words with no verb where a text is asked underneath («lectura en parejas» at
                // «¿Otro objetivo?») answer that question: a title is no «sí».
                let underneath = state.current.flatMap { r -> SlotDefinition? in
                    switch r.phase {
                    case .asking(let name), .more(let name): catalog.flow(r.flowID)?.slot(named: name)
                    default: nil
                    }
                }
                let answersUnderneath = underneath.map { $0.type == .text || $0.type == .longtext } ?? false
                    && !phrase.tokens.contains(where: Self.actionWords.contains) && !phrase.tokens.contains(where: Self.isInfinitive)
                if case .switchFlow = pending, !answersUnderneath, QueryMatcher.match(phrase, raw: clean, strict: true) == nil,
                   let best = catalog.match(phrase).first, best.flow == id, best.score >= 0.5 {
                    return .switchAccepted(flow: id, request: clean)
                }
                // «CESFAM Panguipulli» after «agregar una organización» was offered at «¿Y cómo lo
                // resolvieron?»: when the offer came from a bare request, a few words at a text
                // question may as well be what the offered flow asks first (it was stored as how it
                // was resolved). Neither is taken: the offer is asked again.
                if case .switchFlow = pending, answersUnderneath, phrase.tokens.count <= 6, !clean.contains("?"), !clean.contains("¿"),
                   bareRequest(text, flow: id), YesNo.lead(clean) == nil,
                   RepairVerb.recognize(phrase) == nil, Self.closing(phrase) == nil, !Self.greets(phrase),
                   catalog.match(phrase).first.map({ $0.score < 0.75 || $0.flow == id }) ?? true,
                   QueryMatcher.match(phrase, raw: clean, strict: true) == nil,
                   claim(message, context: context.after(state.lastSave)).map({ $0.0 == id }) ?? true {
                    return .switchUnclear(pending)
                }
                // «visitas al aula entre pares» at the review underneath, or at a question whose
                // answer it can't be: a few words that are no yes, no question and no request of
                // any flow. Neither a yes nor lost: the offer is asked again.
                if state.current != nil, phrase.tokens.count <= 6, !clean.contains("?"), !clean.contains("¿"),
                   underneath.map({ slot in
                       if slot.type == .text || slot.type == .longtext { return true }
                       if case .value = SlotParser.parse(clean, slot: slot, context: context) { return true }
                       return false
                   }) != true,
                   RepairVerb.recognize(phrase) == nil, Self.closing(phrase) == nil, !Self.greets(phrase),
                   catalog.match(phrase).first.map({ $0.score < 0.5 }) ?? true,
                   QueryMatcher.match(phrase, raw: clean, strict: true) == nil, claim(message, context: context.after(state.lastSave)) == nil,
                   !answersAsked(message, run: state.current, context: context) {
                    return .switchUnclear(pending)
                }
                return nil
            }
            if yes { return .switchAccepted(flow: id, request: contentAfterYes(clean, offered: id, request: text, state: state, context: context) ?? text) }
            if state.current == nil, let later = laterRequest(message, context: context.after(state.lastSave)) {
                return .switchDeclinedThen(request: later)
            }
            return .switchDeclined(answer: text)
        case .pickFlowFor(let ids, let request):
            if let n = SlotParser.outOfRange(clean, count: ids.count) { return .pickOutOfRange(n, ids, request: request) }
            // «ninguna, es el acta de la reunión»: neither option; what follows is the request.
            if let other = refusedPick(phrase, ids: ids) { return .pickedFlow(other, request: clean) }
            // A whole request again («registra otro acuerdo: …»): that flow, with these words.
            // (Not one its flow declines, as at the menu: «ojo, el acta quedó en el drive».)
            if Int(phrase.core) == nil, let best = catalog.match(phrase).first, best.score >= 0.75,
               context.extensions[best.flow]?.declines(phrase, context: context) != true {
                guard ids.contains(best.flow) else { return nil }
                // «registrar acuerdo», only the request's name: the first message keeps its details.
                let adds = remainder(of: clean, phrase: phrase, used: best.usedTokens) != nil
                return .pickedFlow(best.flow, request: adds ? clean : request)
            }
            let flows = ids.compactMap(catalog.flow)
            let choices = flows.map { Choice(value: $0.id, label: $0.title, synonyms: $0.triggers) }
            if let pick = SlotParser.choice(in: clean, choices: choices) { return .pickedFlow(pick.value, request: request) }
            // «registrar», «el de actualizar»: a word only one of the titles has.
            let titles = flows.map { Set(Phrase($0.title).stems) }
            let shared = titles.dropFirst().reduce(titles.first ?? []) { $0.intersection($1) }
            let said = Set(phrase.stems)
            let hits = flows.indices.filter { !titles[$0].subtracting(shared).isDisjoint(with: said) }
            if hits.count == 1 { return .pickedFlow(flows[hits[0]].id, request: request) }
            // «el correo» names none of them: not a request for some other flow that shares a
            // word with it by chance. Only a clear request, a question or a repair moves on.
            if RepairVerb.recognize(phrase) != nil || QueryMatcher.match(phrase, raw: clean, strict: true) != nil { return nil }
            if let best = catalog.match(phrase).first, best.score >= 0.8, !ids.contains(best.flow) { return nil }
            // «la de los estudiantes» to a question a claim asked (`Claim.choose`): the words that
            // tell the options apart, read with the request they complete.
            if let (id, c) = claim(Utterance(request + " " + clean), context: context.after(state.lastSave)), c.choose.isEmpty, ids.contains(id) {
                return .pickedFlow(id, request: request)
            }
            return .pickUnclear(ids, request: request)
        case .pickFlow(let ids):
            if let other = refusedPick(phrase, ids: ids) { return .pickedFlow(other, request: clean) }
            // «quiero hacer el acta de la reunión de hoy» after the menu: a request a flow claims as
            // its own is read as one (below), not as a pick of the option sharing a word with it.
            if state.stack.isEmpty, Int(phrase.core) == nil, claim(message, context: context.after(state.lastSave)) != nil { return nil }
            // "¿en qué nivel estamos?" after the menu is a question to answer, not a pick.
            if Int(phrase.core) == nil, QueryMatcher.match(phrase, raw: clean, strict: true) != nil { return nil }
            // «responder el sondeo» after the menu: a clear request for a flow the menu did not
            // list is that flow's request, not a pick of the one sharing a word with it.
            if Int(phrase.core) == nil, let best = catalog.match(phrase).first, best.score >= 0.8, !ids.contains(best.flow) { return nil }
            // A whole request for a listed flow («otro acuerdo: yo mando…») is that flow, whatever
            // other option shares a word with it.
            // Not one its flow declines, as it would at the menu («ojo, el acta quedó en el drive»
            // after «No te entendí»: «quedó en» met «quedamos en que», and an agreement started
            // with no text; fixAV found it).
            if Int(phrase.core) == nil, let best = catalog.match(phrase).first, best.score >= 0.75, ids.contains(best.flow) {
                if context.extensions[best.flow]?.declines(phrase, context: context) == true { return nil }
                return .pickedFlow(best.flow, request: clean)
            }
            let choices = ids.compactMap(catalog.flow).map { Choice(value: $0.id, label: $0.title, synonyms: $0.triggers) }
            guard let pick = SlotParser.choice(in: clean, choices: choices) else { return nil }
            return .pickedFlow(pick.value, request: clean)
        case .pickPaused:
            let choices = state.paused.enumerated().compactMap { i, run in
                catalog.flow(run.flowID).map { Choice(value: String(i), label: $0.title) }
            }
            guard let pick = SlotParser.choice(in: clean, choices: choices), let i = Int(pick.value) else { return nil }
            return .pickedPaused(i)
        }
    }

    // MARK: - Execution

    /// Carries out one command. `message` is the text it was read from.
    public func execute(_ command: Command, message: Utterance, state: inout DialogState, context: EngineContext, out: inout [Effect]) {
        let clean = message.clean
        // Commands carry the message's own text: its words were already read.
        func phrase(_ text: String) -> Phrase { text == clean ? message.phrase : Phrase(text) }
        // Minga's own question is answered or left behind by any message.
        state.pending = nil
        let run = state.current
        let flow = run.flatMap { catalog.flow($0.flowID) }
        switch command {
        case .startFlow(let id, let request, let values, let echo, let used, let then):
            guard let next = catalog.flow(id) else { return }
            // A flow left open when the person came back with something else waits in pause.
            if let flow, flow.id != id {
                pauseCurrent(saying: "Dejé \(flowNoun(flow)) en pausa; cuando quieras, escribe «seguir» y lo retomamos.", state: &state, context: context, out: &out)
            } else if let flow {
                // The same flow asked for again with what it needs: it starts over from these words.
                state.stack.removeLast()
                out.append(.say("Dejo lo que llevábamos de «\(flow.title)» y parto de nuevo con lo que me cuentas."))
            }
            let depth = state.stack.count
            // Several records of this flow said at once: shown together, one confirmation.
            if let request, used?.isEmpty == true, then.first?.flow == id, let names = context.extensions[id]?.batchNames(context),
               beginBatch(next, requests: [request] + then.prefix { $0.flow == id }.map(\.request), values: values,
                          names: names, state: &state, context: context, out: &out) {
                let rest = Array(then.drop { $0.flow == id })
                state.following = rest.isEmpty ? nil : rest
                return
            }
            defer {
                // Only a flow that did start has requests following it.
                if !then.isEmpty, state.stack.count > depth {
                    state.following = then
                }
            }
            if let request, used?.isEmpty == true {
                begin(next, remainder: request, request: request, given: values, echo: echo, state: &state, context: context, out: &out)
            } else if values.isEmpty, let request {
                startFromText(next, text: request, phrase: request == clean ? message.phrase : nil, used: used,
                              state: &state, context: context, out: &out)
            } else {
                begin(next, remainder: nil, request: request, given: values, echo: echo, state: &state, context: context, out: &out)
            }
        case .clarify(let ids, let request, let lead):
            clarify(ids, request: request, lead: lead, state: &state, out: &out)
        case .fill(let text):
            guard let run, let flow else { return }
            switch run.phase {
            case .asking(let name):
                guard let slot = flow.slot(named: name) else { return }
                answer(text, slot: slot, run: run, flow: flow, state: &state, context: context, out: &out,
                       phrase: text == clean ? message.phrase : nil)
            case .more(let name):
                guard let slot = flow.slot(named: name) else { return }
                answerMore(text, slot: slot, run: run, flow: flow, state: &state, context: context, out: &out)
            case .confirming:
                answerConfirm(text, phrase: phrase(text), run: run, flow: flow, state: &state, context: context, out: &out)
            case .choosingEdit:
                answerEditChoice(text, phrase: phrase(text), run: run, flow: flow, state: &state, context: context, out: &out)
            }
        case .setSlots(let reading):
            guard let run, let flow else { return }
            apply(reading, run: run, flow: flow, state: &state, context: context, out: &out)
        case .correct(let correction):
            guard let run, let flow else { return }
            apply(correction, run: run, flow: flow, state: &state, context: context, out: &out)
        case .answerQueries(let queries):
            out += queries.map(Effect.answer)
            if let run, let flow {
                out.append(.say("Sigamos con \(flowNoun(flow))."))
                reprompt(run, flow: flow, context: context, out: &out)
            }
        case .answerThen(let queries, let then, let request):
            out += queries.map(Effect.answer)
            // «…, pero oye ¿podemos juntarnos antes?»: a question announced after the answer that
            // the records do not answer (`trailingQuestion`) is said so, and left out of it.
            if queries.isEmpty { out.append(.say("Esa pregunta no la sé responder todavía, así que no la anoto.")) }
            execute(then, message: Utterance(request), state: &state, context: context, out: &out)
        case .answerQuery(let query):
            out.append(.answer(query))
            if let run, let flow {
                out.append(.say("Sigamos con \(flowNoun(flow))."))
                reprompt(run, flow: flow, context: context, out: &out)
            } else {
                offerRound(after: query, state: &state, context: context, out: &out)
            }
        case .askName(let answer):
            state.pending = .speakerName(answer: answer)
            out.append(.say(Self.askNameLine))
        case .roundMove(let move):
            guard let run, let flow else { return }
            moveRound(move, run: run, flow: flow, state: &state, context: context, out: &out)
        case .undoLast(let reason):
            undoLastSave(reason: reason, state: &state, context: context, out: &out)
        case .undoLastThen(let then):
            undoLastSave(reason: nil, state: &state, context: context, out: &out)
            if !state.stack.isEmpty { state.following = Self.adding([then], to: state.following) }
        case .repair(let verb):
            if let run, let flow {
                applyVerb(verb, run: run, flow: flow, state: &state, context: context, out: &out)
            } else {
                idleVerb(verb, state: &state, context: context, out: &out)
            }
        case .resolveCheck(let text):
            guard let run, let flow, let check = run.check else { return }
            resolveCheck(check, clean: text, phrase: phrase(text), run: run, flow: flow, state: &state, context: context, out: &out)
        case .reply(let reply):
            execute(reply, state: &state, context: context, out: &out)
        case .offerSwitch(let id):
            guard let run, let flow, let other = catalog.flow(id) else { return }
            // A set-up flow (the network itself) is what every other flow saves into: it is
            // finished first, and the request is offered again right after.
            // So is a review waiting only for its «sí» when the request says what it is about.
            let also = run.phase == .confirming || phrase(clean).tokens.first == "y"
            let said = flow.hidden || also
                ? claim(message, context: context).flatMap { $0.0 == other.id && !$0.1.values.isEmpty ? $0.1 : nil } : nil
            if flow.hidden || said != nil {
                // What it said («el propósito sería…») is kept, and that flow starts with it as
                // soon as this one is saved; a bare request is offered again then.
                if let said {
                    state.following = Self.adding([FollowingRequest(flow: other.id, request: Self.withoutLeadingY(clean), values: said.values,
                                                                       reads: said.reads == nil ? false : nil)], to: state.following)
                    out.append(.say(keptRemark(other, after: flow, request: Self.withoutLeadingY(clean))))
                } else {
                    state.queued = QueuedRequest(flow: other.id, request: clean)
                    out.append(.say("Primero terminemos \(flowNoun(flow)); apenas esté, seguimos con «\(other.title)»."))
                }
                reprompt(run, flow: flow, context: context, out: &out)
                return
            }
            // A «no» declines the switch and keeps nothing: the words of another request are
            // no value of this question (a «no» stored them as its answer), which is asked again.
            state.pending = .switchFlow(flow: other.id, text: clean)
            out.append(.say("¿Dejamos \(flowNoun(flow)) para después y empezamos «\(other.title)»?"))
        case .replaceFlow(let id, let request):
            guard let next = catalog.flow(id) else { return }
            // The record the refused flow was about («el acuerdo 1») is still the one meant.
            var carried: SlotValues = [:]
            if let run, let flow {
                for slot in next.slots where slot.type == .number && flow.slot(named: slot.name)?.type == .number {
                    if let v = run.values[slot.name] { carried[slot.name] = v }
                }
                state.stack.removeLast()
                out.append(.say("Bien, dejo \(flowNoun(flow)) sin guardar."))
            }
            let phrase = Phrase(request)
            let used = catalog.match(phrase).first(where: { $0.flow == next.id })?.usedTokens ?? []
            begin(next, remainder: remainder(of: request, phrase: phrase, used: used, members: context.members), request: request, given: carried,
                  state: &state, context: context, out: &out)
        case .alreadyHere:
            guard let run, let flow else { return }
            out.append(.say("Ya estamos en eso: \(flowNoun(flow))."))
            reprompt(run, flow: flow, context: context, out: &out)
        case .greet:
            // «hola» right after Minga's own hello: the question again, with no second hello.
            if let run, let flow, context.justGreeted {
                reprompt(run, flow: flow, context: context, out: &out)
            } else if let run, let flow {
                out.append(.say("¡Hola! Sigamos con \(flowNoun(flow))."))
                reprompt(run, flow: flow, context: context, out: &out)
            } else if context.justGreeted, !Self.justSaysHello(message.phrase), Self.introducedName(message.phrase) == nil {
                out.append(.say("¿En qué te ayudo? Por ejemplo: «registrar un acuerdo» o «¿cuándo es la próxima reunión?»."))
            } else if Self.justSaysHello(message.phrase) {
                out.append(.say("¡Gracias por el saludo! Aquí estoy cuando me necesites."))
            } else {
                // «hola soy la Rosa»: by her name, when it is the name of who is writing.
                let first = context.userName.flatMap { $0.split(separator: " ").first.map(String.init) }
                let named = first.flatMap { f in Self.introducedName(message.phrase)?.first == TextFold.fold(f) ? ", \(f)" : nil } ?? ""
                // One warm line: the menu is one «¿qué puedes hacer?» away.
                out.append(.say("¡Hola\(named)! ¿En qué te ayudo hoy? Por ejemplo: «registrar un acuerdo» o «¿cuándo es la próxima reunión?»."))
            }
        case .thank:
            if let run, let flow {
                out.append(.say("¡De nada! Sigamos con \(flowNoun(flow))."))
                reprompt(run, flow: flow, context: context, out: &out)
            } else {
                out.append(.say("¡De nada! Aquí estoy si necesitas algo más."))
            }
        case .goodbye:
            guard let flow else {
                out.append(.say("¡Hasta pronto! Aquí estoy cuando quieras seguir."))
                return
            }
            pauseCurrent(saying: "¡Hasta pronto! Dejé \(flowNoun(flow)) en pausa; cuando quieras, escribe «seguir» y retomamos donde quedamos.",
                         state: &state, context: context, out: &out)
        case .explain(let id):
            guard let f = catalog.flow(id) else { return }
            out.append(.say(explanation(f)))
        case .explainOffer(let id, let meaning):
            guard let f = catalog.flow(id) else { return }
            out.append(.say((meaning ?? explanation(f)) + " ¿Empezamos ahora? Responde «sí» y te voy preguntando de a una cosa."))
            state.pending = .switchFlow(flow: id, text: f.triggers.first ?? f.title)
        case .helpTopic(let k):
            out.append(.say(helpTopicList(k)))
            // Asked in a flow: that flow goes on, its question asked again.
            if let run, let flow {
                out.append(.say("Ahora sigamos con «\(flow.title.prefix(1).lowercased() + flow.title.dropFirst())»."))
                reprompt(run, flow: flow, context: context, out: &out)
            }
        case .offerContent(let id, let request):
            guard let f = catalog.flow(id) else { return }
            out.append(.say("¿Quieres " + f.title.prefix(1).lowercased() + f.title.dropFirst() + " con eso? Responde «sí» y partimos con lo que me dijiste."))
            state.pending = .switchFlow(flow: id, text: request)
        case .offerFlow(let id, let request):
            guard let f = catalog.flow(id) else { return }
            out.append(.say(explanation(f) + " ¿Empezamos ahora? Responde «sí» y partimos."))
            state.pending = .switchFlow(flow: id, text: request)
        case .unsure:
            if let run, let flow, case .confirming = run.phase {
                out.append(.say("No hay apuro: cuando lo tengas claro, responde «sí» para guardar \(flowNoun(flow)), o escribe «pausar» y lo retomamos después."))
                return
            }
            guard var r = run, let flow, let slot = r.currentSlot.flatMap(flow.slot(named:)) else { return }
            if slot.type == .yesno, let d = slot.defaultValue, let b = YesNo.parse(d) {
                // Not decided yet: the question's default stands, and can change later.
                r.values[slot.name] = .bool(b)
                if !r.answered.contains(slot.name) { r.answered.append(slot.name) }
                state.current = r
                out.append(.say("No hay problema: por ahora lo dejo en «\(b ? "sí" : "no")»; cuando lo decidan, se puede cambiar."))
                advance(state: &state, flow: flow, context: context, out: &out)
            } else if slot.optional {
                if let d = slot.defaultValue { r.values[slot.name] = .text(d) } else { r.skipped.append(slot.name) }
                state.current = r
                out.append(.say("No hay problema: lo dejo en blanco y lo completas cuando lo sepas."))
                advance(state: &state, flow: flow, context: context, out: &out)
            } else {
                // Said again: other words, and the way out too (never the same line twice in a row).
                r.misses += 1
                state.current = r
                out.append(.say(r.misses == 1
                    ? "No hay apuro. Esta la necesito para guardar \(flowNoun(flow)): si quieres, escribe «pausar» y seguimos cuando lo sepas."
                    : "Sin esto no puedo guardarlo. Escribe «pausar» y lo retomamos cuando lo sepas, o «cancelar» si prefieres dejarlo."))
                ask(r, flow: flow, context: context, out: &out)
            }
        case .noneAhead(let name):
            guard var r = run, let flow, let later = flow.slot(named: name) else { return }
            if let d = later.defaultValue { r.values[later.name] = .text(d) } else { r.skipped.append(later.name) }
            state.current = r
            out.append(.say("Anotado: sin \(later.label)."))
            ask(r, flow: flow, context: context, out: &out)
        case .nothingMore:
            guard let run, let flow, let slot = run.currentSlot.flatMap(flow.slot(named:)) else { return }
            out.append(.say("Sin «\(slot.label)» no puedo guardar \(flowNoun(flow)). Si prefieres verlo después, escribe «pausar»; si no quieres seguir, «cancelar»."))
            ask(run, flow: flow, context: context, out: &out)
        case .acknowledge:
            out.append(.say("¡Bien! Aquí estoy si necesitas algo más."))
        case .nothingToPutBack:
            out.append(.say("No borramos nada recién, así que no hay nada que volver a poner. ¿Te ayudo con otra cosa?"))
        case .decline:
            // In a flow that changes a record, «no» to its new value: the record stays as it was
            // (no «cancelé», no «no guardé nada»: nothing was asked to be saved).
            if run != nil {
                endUnsaved(saying: "Bien, lo dejo como estaba.", state: &state, context: context, out: &out)
            } else {
                out.append(.say("Bueno. Aquí estoy si necesitas algo."))
            }
        case .menu(let lead):
            menu(lead: lead, state: &state, out: &out)
        case .confirmThen(let yes, let later):
            state.following = Self.adding(later, to: state.following)
            execute(.fill(yes), message: Utterance(yes), state: &state, context: context, out: &out)
        }
    }

    /// Question words that open a question, never a request («¿qué hacemos con…?», «¿cómo
    /// registro…?» may ask for a flow: not these).
    static let unknownQuestionLeads: WordSet = ["quien", "quienes", "cuando", "donde", "cuantos", "cuantas", "cual", "cuales"]

    /// A message shaped as a question: after any fillers, it opens with a question word («qué»,
    /// «cuál», «quiénes»…) or with a preposition and one («en qué», «con quién»). Only the first
    /// two words are looked at.
    /// «mejor el martes 13. la evidencia es el acta»: the first sentence and the rest, when a
    /// sentence ends («.», «;» followed by a space) with words on both sides; nil otherwise
    /// (a byte search: most messages have no break).
    static func sentenceSplit(_ clean: String) -> (head: String, rest: String)? {
        let bytes = Array(clean.utf8)
        guard let k = bytes.indices.dropLast().first(where: { (bytes[$0] == UInt8(ascii: ".") || bytes[$0] == UInt8(ascii: ";")) && bytes[$0 + 1] == UInt8(ascii: " ") }),
              k > 0 else { return nil }
        let head = String(decoding: bytes[..<k], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        let rest = String(decoding: bytes[(k + 1)...], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        // «la Sra. Marta», «Av. Prat»: an abbreviation's point ends no sentence.
        guard let last = Phrase(head).tokens.last, Phrase(head).tokens.count >= 2, !Self.abbreviations.contains(last),
              !Phrase(rest).tokens.isEmpty else { return nil }
        return (head, rest)
    }

    /// «no era el 12 era el 14 y la evidencia es el acta» at the evidence question: the words
    /// before « y » (or «, ») and the answer after it, when that answer names `slot` and a copula
    /// follows («la evidencia es …»). Nil otherwise. Gated by a byte search for « y » or «, ».
    static func answerLabelSplit(_ clean: String, slot: SlotDefinition) -> (head: String, rest: String)? {
        // Byte searches: Foundation's `contains` here cost ~4k instructions a turn. An ASCII needle
        // is found by it exactly where its bytes are; any other goes to Foundation.
        guard clean.utf8.count > 12, TextFold.containsBytes(clean, " y ") || TextFold.containsBytes(clean, ", ") else { return nil }
        // The field's name has to be there (its first word, as typed without accents, most often).
        let lowered = clean.lowercased()
        func mentions(_ w: String) -> Bool { w.utf8.allSatisfy { $0 < 0x80 } ? TextFold.containsBytes(lowered, w) : lowered.contains(w) }
        guard slot.nameForms.contains(where: { f in f.first.map(mentions) ?? false })
                || typeAliases(slot.type).contains(where: mentions) else { return nil }
        let words = clean.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let folded = words.map { TextFold.fold($0).filter(\.isLetter) }
        for k in folded.indices.dropFirst(2) where folded[k] == "y" || words[k - 1].hasSuffix(",") {
            var i = folded[k] == "y" ? k + 1 : k
            guard i < folded.count, FieldNamePrefix.articles.contains(folded[i]) else { continue }
            i += 1
            let rest = Array(folded[i...])
            guard let n = formOpening(rest, of: slot), n < rest.count - 1, ["es", "son", "sera", "seria"].contains(rest[n]) else { continue }
            var head = words[..<k].joined(separator: " ")
            while let c = head.last, ",;".contains(c) { head.removeLast() }
            let answer = words[(folded[k] == "y" ? k + 1 : k)...].joined(separator: " ")
            guard Phrase(head).tokens.count >= 2 else { return nil }
            return (head, answer)
        }
        return nil
    }

    static let abbreviations: Set<String> = ["sr", "sra", "srta", "dr", "dra", "prof", "profa", "av", "avda", "pje", "n", "nro", "num", "depto", "ej", "dn", "dna", "sto", "sta", "st", "esc", "lic", "gral", "cia", "ing"]

    static func saysMoreAfterQuestionMark(_ clean: String) -> Bool {
        let u = clean.utf8
        guard let q = u.firstIndex(of: UInt8(ascii: "?")) else { return false }
        return u[u.index(after: q)...].contains { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 >= 0xC0 }
    }

    static func questionShaped(_ phrase: Phrase) -> Bool {
        let t = phrase.tokens
        guard let i = t.firstIndex(where: { !QueryMatcher.questionFillers.contains($0) }) else { return false }
        if QueryMatcher.questionWords.contains(t[i]) || t[i] == "q" { return t.count > i + 1 }
        return i + 2 < t.count && QueryMatcher.questionPrepositions.contains(t[i]) && QueryMatcher.prepositionQuestionWords.contains(t[i + 1])
    }

    /// «y el de revisar…» → «el de revisar…»: a request said as one more, read on its own.
    /// The message after the words that open one more request («y», «ahora», «y ahora», «ya
    /// ahora», «oye ahora»): «ahora agrega a Carmen…» → «agrega a Carmen…». Nil when it opens
    /// with neither «y» nor «ahora», or nothing is left.
    static func afterNextLead(_ clean: String) -> String? {
        let leadWords = ["y", "ahora", "ya", "oye", "bueno"]
        // Most answers open with no lead word: a first word of ASCII letters says so, lowercased,
        // before the message is trimmed, split and folded (folding such a word only lowercases it).
        // (On the bytes in place: the `UTF8View` walk, the lowered copy and its string cost
        // ~1.5k instructions an answer.) `asciiHead`: nil when the first word is not all ASCII
        // letters, else whether it is a lead word.
        let asciiHead = clean.utf8.withContiguousStorageIfAvailable { b -> Bool? in
            var n = 0
            while n < b.count, b[n] != 0x20 {
                let c = b[n]
                guard (c >= 65 && c <= 90) || (c >= 97 && c <= 122) else { return nil }
                n += 1
            }
            guard n > 0 else { return nil }
            let head = UnsafeBufferPointer(rebasing: b[..<n])
            return nextLeadBytes.contains { lead in lead.count == n && zip(lead, head).allSatisfy { $0 == $1 | 0x20 } }
        } ?? {
            let head = clean.utf8.prefix { $0 != 0x20 }
            guard !head.isEmpty, head.allSatisfy({ ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) }) else { return nil }
            return leadWords.contains(String(decoding: head.map { $0 | 0x20 }, as: UTF8.self))
        }()
        assert(asciiHead == {
            let head = clean.utf8.prefix { $0 != 0x20 }
            guard !head.isEmpty, head.allSatisfy({ ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) }) else { return nil }
            return leadWords.contains(String(decoding: head.map { $0 | 0x20 }, as: UTF8.self))
        }(), "afterNextLead read the first word of «\(clean)» otherwise")
        if asciiHead == false { return nil }
        // Any other first word with a letter says so too, by its letters («sí», «Próximo»): the
        // whitespace a trim drops is no letter, so it is the trimmed message's first word for `word`.
        if let first = TextFold.firstSpaceSeparated(clean), case let letters = TextFold.foldedLetters(first), !letters.isEmpty,
           !leadWords.contains(letters) {
            assert(afterNextLeadRead(clean, leadWords: leadWords) == nil, "afterNextLead's gate ruled out «\(clean)»")
            return nil
        }
        return afterNextLeadRead(clean, leadWords: leadWords)
    }

    /// `afterNextLead`'s lead words as bytes (lower case).
    static let nextLeadBytes: [[UInt8]] = ["y", "ahora", "ya", "oye", "bueno"].map { Array($0.utf8) }

    /// `afterNextLead` past its gates: the message trimmed, split and each opening word folded.
    private static func afterNextLeadRead(_ clean: String, leadWords: [String]) -> String? {
        // Folded by hand: «ahora» is a filler to `Phrase`, which drops it.
        func word(_ w: Substring) -> String { TextFold.fold(String(w)).lowercased().filter(\.isLetter) }
        let words = clean.trimmingCharacters(in: .whitespaces).split(separator: " ")
        let lead = words.prefix { leadWords.contains(word($0)) }
        let leadTokens = lead.map(word)
        guard leadTokens.contains("y") || leadTokens.contains("ahora"), words.count - lead.count >= 2 else { return nil }
        // «ya, ahora …»: the comma after a lead word goes with it.
        return words.dropFirst(lead.count).joined(separator: " ")
    }

    static func withoutLeadingY(_ clean: String) -> String {
        let t = clean.trimmingCharacters(in: .whitespaces)
        guard t.count > 2, t.hasPrefix("y ") || t.hasPrefix("Y ") else { return clean }
        return String(t.dropFirst(2))
    }

    /// Words a field corrected in a sentence needs: a copula («el plazo es el 4») or a verb of
    /// changing («cambia el plazo al 4»), after two words at least.
    static func mayCorrectAtCheck(_ phrase: Phrase) -> Bool {
        let t = phrase.tokens
        return t.count >= 3 && t.contains { ["es", "era", "son", "eran", "queda", "sera"].contains($0) || changeVerbs.contains($0) }
    }

    /// The question a message opens with when more follows it: «que pongo aqui? no se me ocurre
    /// nada» → «que pongo aqui?». Nil without a «?» that has words before it and after it.
    static func openingQuestion(_ clean: String) -> String? {
        guard TextFold.contains(clean, byte: UInt8(ascii: "?")), let q = clean.firstIndex(of: "?") else { return nil }
        let head = clean[..<q].drop { " ¿¡".contains($0) }
        guard !head.isEmpty, clean[clean.index(after: q)...].contains(where: { $0.isLetter || $0.isNumber }) else { return nil }
        return head + "?"
    }

    /// The message without the greeting words that open it («hola! la Berta…» → «la Berta…»).
    static func afterGreeting(_ clean: String) -> String {
        let words = clean.split(separator: " ")
        let rest = words.drop { w in
            let t = Phrase(String(w)).tokens
            return t.isEmpty || t.allSatisfy { isGreetingWord($0) || ["minga", "dias", "dia", "tardes", "noches", "de", "nuevo"].contains($0) }
        }
        return rest.joined(separator: " ")
    }

    /// «¿cómo registro…?», «¿cómo se hace…?», «¿qué es un…?», «¿para qué sirve…?».
    static func asksHow(_ phrase: Phrase) -> Bool {
        let t = phrase.tokens
        guard t.count >= 3 else { return false }
        // «¿cómo va…?», «¿cómo salió…?», «¿cómo nos fue…?» ask how something is or turned out
        // (the data), not how to do it.
        // «¿cómo se llama la red?» asks a name.
        if t[0] == "como", !Self.howItWent.contains(t[1]), !(["nos", "les", "le", "me"].contains(t[1]) && Self.howItWent.contains(t[2])),
           !(t[1] == "se" && t[2] == "llama") { return true }
        if t[0] == "que", t[1] == "es" || t[1] == "son" { return true }
        if t[0] == "para", t[1] == "que", ["sirve", "sirven", "es"].contains(t[2]) { return true }
        return false
    }

    /// Verbs after «cómo» that ask for a state or a result: «cómo va», «cómo salió», «cómo quedó».
    static let howItWent: WordSet = ["va", "van", "vamos", "esta", "estan", "estamos", "estoy", "quedo", "quedaron", "anda", "andamos",
                                         "salio", "salieron", "resulto", "resultaron", "fue", "fueron", "termino", "terminaron",
                                         // «¿cómo salimos en el diagnóstico?»: how we came out (issue 12: it explained how to do one).
                                         "salimos", "quedamos", "resultamos"]

    /// The repair verb said after an unsure answer in its own clause («no sé, saltar»), or nil.
    static func unsureThenVerb(_ clean: String) -> RepairVerb? {
        let parts = clean.split(whereSeparator: { ",;.".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard parts.count == 2, Phrase(parts[0]).isOne(of: unsureAnswers),
              let verb = RepairVerb.recognize(Phrase(parts[1])), [.skip, .pause, .cancel].contains(verb) else { return nil }
        return verb
    }

    /// «no, nada más», «eso es todo», «no, eso sería todo» where a required value is asked (not a
    /// list's «¿Otro …?», nor a yes/no or a choice, nor with a goodbye's «hasta mañana»).
    static func nothingMore(_ phrase: Phrase, run: FlowRun, flow: FlowDefinition) -> Bool {
        guard endsList(phrase), case .asking(let name) = run.phase, run.check == nil, let slot = flow.slot(named: name), !slot.optional,
              ![.yesno, .confirm, .choice].contains(slot.type) else { return false }
        // «no, nada» to «¿qué no funcionó?» is an answer (nothing); «nada más», «eso es todo» end.
        let t = phrase.tokens
        return t.contains { ["mas", "nomas", "todo"].contains($0) }
            && t.allSatisfy { !byeCues.contains($0) && !["hoy", "hasta", "gracias", "todos", "todas", "esos", "esas"].contains($0) }
    }

    /// «proponer», «revisar»: a verb said as a request (at least 5 letters, -ar/-er/-ir). Not
    /// the nouns and adjectives that end the same way («celular», «lugar», «taller», «mujer»,
    /// «escolar»), nor a first name («Javier», «Pilar»): they ask for nothing (qa34: «no, son
    /// estas: partir puntual; celular en silencio» left the list for a member's phone).
    public static func isInfinitive(_ word: String) -> Bool {
        word.count >= 5 && (word.hasSuffix("ar") || word.hasSuffix("er") || word.hasSuffix("ir"))
            && !nounsLikeInfinitives.contains(word) && FirstNames.canonical(word) == nil
    }

    /// Folded nouns and adjectives ending in -ar, -er or -ir, of five letters or more, that a
    /// teacher may open a message with: no verbs (`isInfinitive`).
    public static let nounsLikeInfinitives: WordSet = [
        // -ar
        "celular", "lugar", "hogar", "bienestar", "malestar", "familiar", "escolar", "preescolar", "particular",
        "similar", "popular", "regular", "titular", "auxiliar", "militar", "nuclear", "singular", "solar", "lunar", "polar",
        "pilar", "collar", "altar", "azucar", "dolar", "nectar", "radar", "manjar", "pulgar", "hangar", "billar", "ejemplar",
        "angular", "rectangular", "modular", "molecular", "vulgar", "avatar", "secular", "peculiar", "espectacular",
        "muscular", "vehicular", "capilar", "telar", "yugular", "lagar", "alcazar", "olivar", "pinar", "palomar", "colmenar",
        "salazar", "aguilar", "escobar", "villar", "bolivar", "cuadrangular", "triangular", "estelar", "insular",
        // -er
        "taller", "mujer", "placer", "alquiler", "caracter", "crater", "chofer", "lider", "poster", "sueter", "master",
        "cancer", "cadaver", "atardecer", "amanecer", "quehacer", "menester", "alfiler", "bachiller", "mercader",
        "carter", "laser", "suter", "boiler", "cooler", "flyer", "tupper", "power", "parker", "muller", "fischer", "werner",
        // -ir
        "elixir", "nadir", "tapir", "faquir", "martir", "zafir", "vladimir",
    ]

    /// A yes/no left open: a hedge («quizás», «ahí vemos», «puede ser») or not knowing yet
    /// («después lo vemos», «no sé todavía»).
    static func hedgesYesNo(_ phrase: Phrase) -> Bool {
        phrase.isOne(of: hedges) || saysUnsure(phrase)
    }

    /// First words of `unsureAnswers`: most answers stop at this look-up.
    /// «no sé», «ni idea», «no sé, después lo veo», «ni idea, lo tengo que conversar con el
    /// equipo»: not knowing, alone or with what will be done about it. For a flow's own reading,
    /// which runs before the engine's: a list it splits on commas is no list of «no sé» and «después lo veo».
    public static func saysUnsure(_ phrase: Phrase) -> Bool {
        guard mayOpenUnsure(phrase) else { return false }
        return phrase.isOne(of: unsureAnswers) || unsureWithAside(phrase, whatAsked: false)
    }

    /// The first word is an `unsureLeads` or an `unsureInterjections` word: read on its bits (this
    /// runs on nearly every answer in a flow, and hashed the first word each time).
    static func mayOpenUnsure(_ phrase: Phrase) -> Bool {
        let opens = phrase.classes.first.map { !$0.isDisjoint(with: [.unsureLead, .unsureInterjection]) } ?? false
        assert(opens == (phrase.tokens.first.map { unsureLeads.contains($0) || unsureInterjections.contains($0) } ?? false),
               "the unsure bits read «\(phrase.folded)» otherwise")
        return opens
    }

    static let unsureLeads: WordSet = ["no", "nose", "ni", "despues", "lo", "luego", "todavia", "aun", "te", "tengo", "depende", "quizas",
                                       "quiza", "tal", "talvez", "ahi"]

    /// Not knowing, not yet, or «it depends»: no value of its own at any question (issue 12 asks
    /// it of every flow; qa37 found it read as a goodbye, as «not a number», or stored).
    static let unsureAnswers: PhraseList = ["no se", "no se po", "nose", "ni idea", "no tengo idea", "no lo se", "despues lo veo", "lo veo despues",
                                "despues veo", "luego lo veo", "no sabria", "no sabria decir", "no me acuerdo", "no recuerdo",
                                "todavia no se", "aun no se", "despues te digo", "te digo despues", "despues te cuento",
                                "lo tengo que ver", "tengo que verlo", "lo averiguo", "no se todavia",
                                "despues lo vemos", "lo vemos despues", "despues vemos", "luego lo vemos", "ahi vemos", "ahi veremos",
                                "despues lo decidimos", "lo decidimos despues", "todavia no lo decidimos", "aun no lo decidimos",
                                "todavia no lo sabemos", "aun no lo sabemos", "no lo sabemos", "no sabemos", "no sabemos todavia",
                                "depende", "quizas", "quiza", "tal vez", "talvez", "no estoy segura", "no estoy seguro"]

    /// The one answered choice of `flow` that `phrase` gives another value, by that value's label
    /// or a distinctive form of it (two words or more, or one long word: «no», «ya», «sí» say
    /// nothing of their own); nil when none, or more than one, is said.
    static func ownChoiceSaid(_ phrase: Phrase, run: FlowRun, flow: FlowDefinition) -> (String, SlotValue)? {
        let t = phrase.tokens
        var found: (String, SlotValue)?
        for slot in flow.slots where slot.type == .choice {
            guard case .choice(let now)? = run.values[slot.name] else { continue }
            // «es educadora diferencial, no docente»: a form inside a longer form of another
            // choice said in the message («educadora» inside «educadora diferencial») is that
            // other choice's word, not this one (qa35 G: it became «educador/a de párvulos»).
            let longer = slot.choices.flatMap { c in ([c.label] + c.synonyms).map { (c.value, Phrase($0).tokens) } }
                .filter { $0.1.count >= 2 && $0.1.count <= t.count }
            func covered(_ value: String, at i: Int, count: Int) -> Bool {
                longer.contains { other, f in
                    other != value && f.count > count && (max(0, i + count - f.count)...min(i, t.count - f.count)).contains { j in
                        Array(t[j..<(j + f.count)]) == f
                    }
                }
            }
            for c in slot.choices where c.value != now {
                let says = ([c.label] + c.synonyms).contains { form in
                    let f = Phrase(form).tokens
                    guard f.count >= 2 || (f.count == 1 && f[0].count >= 6), f.count <= t.count else { return false }
                    return (0...(t.count - f.count)).contains { i in
                        guard Array(t[i..<(i + f.count)]) == f, !covered(c.value, at: i, count: f.count) else { return false }
                        // «no, la reunión es a las 16»: a one-word option after «la»/«el», with more
                        // said of it, names the record talked about, not its type (it became a
                        // regular meeting and the hour was lost).
                        return !(f.count == 1 && Self.saysRecordByKind(t, at: i))
                    }
                }
                guard says else { continue }
                if found != nil { return nil }
                found = (slot.name, .choice(c.value))
            }
        }
        return found
    }

    /// An unsure answer («no sé», «ni idea») followed by when or how the person will know
    /// («después lo veo», «lo tengo que conversar con…», «te digo»), or, when `whatAsked`, by
    /// what it is they don't know («cómo le vamos a poner»). «no se hizo», «ni idea, lo hizo la
    /// Marta» and anything with «pero» still say something.
    static func unsureWithAside(_ phrase: Phrase, whatAsked: Bool) -> Bool {
        var t = phrase.tokens[...]
        // «uf no sé…», «la verdad no sé…», «mmm ni idea…»: what opens it is a sigh.
        while t.count > 2, let w = t.first, unsureInterjections.contains(w) { t = t.dropFirst() }
        // «lo que diga la Paola» alone: the same as «no sé, lo que diga la Paola».
        if t.count <= 8, leavesItTo(Array(t)) { return true }
        guard t.count >= 3, t.count <= 12, !t.contains("pero") else { return false }
        var opening = 0
        for answer in unsureAnswerTokens where answer.count > opening && t.starts(with: answer) { opening = answer.count }
        guard opening > 0 else { return false }
        var rest = t.dropFirst(opening)
        while let w = rest.first, unsureFillers.contains(w) { rest = rest.dropFirst() }
        guard let first = rest.first else { return true }
        if deferralLeads.contains(first) { return true }
        // «no sé, lo que diga la Paola», «ni idea, lo que decidan en el consejo»: someone else
        // will say (qa37: it was stored as the evidence).
        if Self.leavesItTo(Array(rest)) { return true }
        // «depende de la escuela», «no sé, depende del DAEM»: no one value.
        if opening == 1, t.first == "depende", ["de", "del", "si", "como", "cuando"].contains(first) { return true }
        if ["lo", "la", "le", "les"].contains(first), let verb = rest.dropFirst().first, deferralVerbs.contains(verb) { return true }
        if first == "te", let verb = rest.dropFirst().first, ["digo", "aviso", "cuento", "confirmo"].contains(verb) { return true }
        // «no sé, como 2», «no sé, como un 3»: «como» before a figure hedges an answer (it was
        // taken as not knowing, and the scale asked again).
        if first == "como", let next = rest.dropFirst().first,
           next.first?.isNumber == true || ["un", "una", "uno", "dos", "tres", "cuatro", "cinco"].contains(next) { return false }
        return whatAsked && rest.count <= 6 && ["como", "que", "cual", "cuando", "donde", "quien", "quienes", "cuanto", "cuantos", "si"].contains(first)
    }

    static let unsureInterjections: Set<String> = ["uf", "uff", "pucha", "chuta", "mmm", "mm", "emm", "eh", "ehh", "ah", "la", "verdad",
                                                   "sinceramente", "bueno", "oye", "igual", "honestamente", "sabes", "que"]
    static let unsureAnswerTokens: [[String]] = unsureAnswers.phrases.map { $0.split(separator: " ").map(String.init) }
    static let unsureFillers: Set<String> = ["po", "bien", "muy", "la", "verdad", "todavia", "aun", "por", "ahora"]
    static let deferralLeads: Set<String> = ["despues", "luego", "mas", "tengo", "tenemos", "hay", "habria", "tendria", "tendriamos",
                                             "primero", "voy", "vamos", "pregunto", "averiguo", "consulto", "cuando"]
    static let seeLater: PhraseList = ["despues lo vemos", "lo vemos despues", "despues vemos", "luego lo vemos", "ahi vemos", "ahi veremos",
                                       "despues lo veo", "lo veo despues", "despues veo", "luego lo veo"]

    /// «no sé, también algo de convivencia?»: the idea after the unsure opening, as written
    /// (without «también», «algo de»…); nil when the message opens with no unsure answer or
    /// says nothing after it.
    static func ideaAfterUnsure(_ clean: String, phrase: Phrase) -> String? {
        let t = phrase.tokens
        guard t.count >= 3, t.count <= 14 else { return nil }
        var opening = 0
        for answer in unsureAnswerTokens where answer.count > opening && t.starts(with: answer) { opening = answer.count }
        guard opening > 0 else { return nil }
        var words = clean.split(separator: " ").map(String.init)
        guard words.count == t.count else { return nil }
        words.removeFirst(opening)
        while let w = words.first, ideaLeads.contains(TextFold.fold(w).filter(\.isLetter)) { words.removeFirst() }
        var idea = Substring(words.joined(separator: " "))
        while let c = idea.first, " ,;.?¿!¡".contains(c) { idea = idea.dropFirst() }
        while let c = idea.last, " ,;.?¿!¡".contains(c) { idea = idea.dropLast() }
        return idea.isEmpty ? nil : String(idea)
    }

    static let ideaLeads: Set<String> = ["", "tambien", "y", "quizas", "capaz", "algo", "de", "del", "sobre", "como", "otro", "otra", "uno", "una",
                                         "po", "pero", "igual", "a", "lo", "mejor", "tal", "vez"]

    /// «lo que diga la Paola», «lo que decidan»: the answer left to someone else.
    static func leavesItTo(_ t: [String]) -> Bool {
        t.count >= 3 && t[0] == "lo" && t[1] == "que" && leaveToVerbs.contains(t[2])
    }

    static let leaveToVerbs: Set<String> = ["diga", "digan", "digamos", "decida", "decidan", "decidamos", "defina", "definan", "definamos",
                                            "acuerden", "acordemos", "quiera", "quieran", "estime", "estimen", "prefiera", "prefieran"]

    static let deferralVerbs: Set<String> = ["tengo", "tenemos", "veo", "vemos", "averiguo", "pregunto", "preguntamos", "consulto",
                                             "consultamos", "converso", "conversamos", "reviso", "revisamos", "confirmo", "definimos",
                                             "decidimos", "dejo", "dejamos", "hablo", "hablamos", "pienso", "pensamos"]

    /// «no tengo su correo todavía», «todavía no lo tengo», «aún no sé su teléfono», «no tiene
    /// contacto todavía»: the person does not have the answer yet (a short message that opens saying so).
    static func lacksIt(_ phrase: Phrase) -> Bool {
        var t = phrase.tokens[...]
        guard t.count >= 2, t.count <= 8 else { return false }
        if let w = t.first, ["todavia", "aun", "por", "ahora"].contains(w) { t = t.dropFirst() }
        guard t.first == "no" else { return false }
        t = t.dropFirst()
        if t.first == "lo" || t.first == "la" { t = t.dropFirst() }
        // «todavía no se acuerda», «no se sabe si se hará» (typed without the accent): «se» before
        // a verb says something of what happened, it is no «no sé» (qa16 A3: the reason was lost).
        if t.first == "se", impersonalSe(t.dropFirst().first, then: t.dropFirst(2).first) { return false }
        // «no tiene contacto todavía», «no hay contacto aún»: nothing there to write either.
        return ["tengo", "tenemos", "se", "sabemos", "conozco", "manejo", "tiene", "tienen", "hay"].contains(t.first ?? "")
    }

    /// Whether `next`, the word after an unaccented «no se», is a verb, so that «se» is the
    /// pronoun («no se acuerda», «no se sabe», «no se hizo») and not «sé». What «no sé» is
    /// followed by (a possessive, an article, «todavía», a question word) is no verb.
    /// `then` is the word after it: «no se ha definido», «no se va a hacer», «no se está
    /// haciendo» open with a short auxiliary (pass 11: «todavía no se ha definido» was lost as «no sé»).
    static func impersonalSe(_ next: String?, then: String? = nil) -> Bool {
        guard let w = next else { return false }
        if shortVerbsAfterSe.contains(w) { return true }
        // «no se está haciendo», «no se estaba viendo»: «esta» before a gerund or participle is the verb.
        if ["esta", "estan", "estaba", "estaban"].contains(w), let v = then, v.count >= 4,
           v.hasSuffix("ndo") || v.hasSuffix("ado") || v.hasSuffix("ido") { return true }
        guard w.count >= 3, !notVerbsAfterSe.contains(w), let last = w.last else { return false }
        return "aeon".contains(last) || w.hasSuffix("ra") || w.hasSuffix("ria")
    }

    /// Verbs too short for the ending test: auxiliaries and one-syllable forms.
    static let shortVerbsAfterSe: Set<String> = ["ha", "han", "va", "van", "ve", "ven", "da", "dan", "di", "dio", "vio", "fue", "hizo"]

    static let notVerbsAfterSe: Set<String> = ["su", "sus", "el", "la", "los", "las", "lo", "todavia", "aun", "po", "bien", "nada", "si",
                                               "que", "como", "cual", "cuales", "cuando", "donde", "quien", "quienes", "cuanto", "cuantos",
                                               "cuanta", "cuantas", "muy", "ahora", "mucho", "mucha", "eso", "esto", "ese", "esa", "este", "esta",
                                               "nadie", "ninguno", "ninguna", "nunca", "tampoco", "mas", "pero", "igual", "bueno", "mi", "tu",
                                               "sobre", "exactamente", "realmente", "hoy", "manana", "tanto", "por", "para", "con",
                                               "del", "de", "un", "una", "uno", "dos", "tres", "cierto", "seguro", "segura", "porque", "pues", "entonces"]

    /// A repair verb with no flow in progress.
    func idleVerb(_ verb: RepairVerb, state: inout DialogState, context: EngineContext, out: inout [Effect]) {
        switch verb {
        case .resume where !state.paused.isEmpty:
            resumePaused(state: &state, context: context, out: &out)
        case .resume:
            out.append(.say("No tengo nada en pausa. ¿En qué te ayudo?"))
        case .help:
            out.append(.say(helpList()))
        case .cancel where state.paused.count == 1:
            // «cancelar» with only a paused flow: that one is what is meant (it said there was
            // nothing to cancel, and the paused flow stayed).
            let run = state.paused.removeFirst()
            let noun = catalog.flow(run.flowID).map(flowNoun) ?? "lo que estaba en pausa"
            out.append(.say("Listo, cancelé \(noun), que estaba en pausa. No guardé nada. ¿En qué te ayudo?"))
        case .cancel where !state.paused.isEmpty:
            let titles = state.paused.compactMap { catalog.flow($0.flowID).map(flowNoun) }
            out.append(.say("No hay nada en curso, pero tienes en pausa \(titles.joined(separator: ", ")). Escribe «seguir», elige cuál y ahí «cancelar»."))
        case .cancel:
            out.append(.say("No hay nada en curso que cancelar. ¿En qué te ayudo?"))
        case .back:
            undoLastSave(reason: nil, state: &state, context: context, out: &out)
        default:
            menu(lead: "No te entendí del todo. Puedo ayudarte con:", state: &state, out: &out)
        }
    }

    /// «deshacer» after a save: the flow that undoes it, confirmed like any other. A reason said
    /// with it («bórralo, eso no lo acordamos todavía») is that flow's reason, not asked again.
    func undoLastSave(reason: String?, state: inout DialogState, context: EngineContext, out: inout [Effect]) {
        let withLast = context.after(state.lastSave)
        if let last = state.lastSave, var undo = context.extensions[last.flow]?.undo(last.records.joined(separator: " "), context: withLast),
           let flow = catalog.flow(undo.flow) {
            if let reason, let slot = context.extensions[undo.flow]?.reasonSlot, flow.slot(named: slot) != nil, undo.values[slot] == nil {
                undo.values[slot] = .text(reason)
            }
            begin(flow, remainder: nil, given: undo.values, state: &state, context: context, out: &out)
        } else if let last = state.lastSave, let why = context.extensions[last.flow]?.cannotUndo(last.record, context: withLast) {
            out.append(.say(why))
        } else if state.lastSave != nil {
            out.append(.say("Lo último que guardaste no lo puedo deshacer desde aquí. ¿Te ayudo con otra cosa?"))
        } else {
            menu(lead: "No hay nada en curso que deshacer. ¿Te ayudo con algo de esto?", state: &state, out: &out)
        }
    }

    /// A flow extension's reading: its values are checked and stored and the flow moves on, or
    /// the question is asked again with a reason.
    func apply(_ reading: Reading, run: FlowRun, flow: FlowDefinition, state: inout DialogState,
               context: EngineContext, out: inout [Effect]) {
        let ext = context.extensions[flow.id]
        switch reading {
        case .reask(let why):
            out.append(.say(why))
            ask(run, flow: flow, context: context, out: &out)
        case .end(let message):
            endUnsaved(saying: message, state: &state, context: context, out: &out)
        case .instead(let id, let values, let echo, let left):
            guard let next = catalog.flow(id) else { return ask(run, flow: flow, context: context, out: &out) }
            state.stack.removeLast()
            // (A flow left before any answer, «son varios: …» to an onboarding's first question,
            // changed nothing to keep: the next flow's intro says what follows.)
            // (Agreements read apart and said to be one, «es un solo acuerdo», change no record either:
            // the new run's «Anoté» says what they became.)
            if let left {
                out.append(.say(left))
            } else if !run.answered.isEmpty, run.batch == nil {
                out.append(.say("Bien, dejo \(flowNoun(flow)) sin cambios."))
            }
            begin(next, remainder: nil, given: values, echo: echo, state: &state, context: context, out: &out)
        case .skip:
            applyVerb(.skip, run: run, flow: flow, state: &state, context: context, out: &out)
        case .whole(let said):
            // «Hector arma el calendario, te lo puse arriba»: the whole answer, without its aside.
            let text = said.utf8.contains(UInt8(ascii: ",")) ? Self.withoutMetaTail(said) ?? said : said
            var r = run
            var echoes = prefill(&r, flow: flow, remainder: text, request: text, context: context)
            // The flow's own reading of it too, as for the request that starts the flow («Reunión
            // de directores el jueves 10 a las 15 en la escuela» to «¿Cómo le ponemos?»: the
            // name, the when and the place each fill their field). A value the flow takes back
            // is the one the run had before.
            if let ext, ext.prefillsWholeAnswer, case let own = ext.prefill(text, flow: flow, run: r, context: context) {
                Self.apply(own, to: &r, echoes: &echoes, before: run)
                echoes += own.echo.map { (slot: String?.none, text: $0) }
            }
            // Only the question's own answer in it: taken as any answer is.
            guard echoes.contains(where: { $0.slot != run.currentSlot }) else {
                answer(text, slot: flow.slot(named: run.currentSlot ?? "") ?? flow.slots[0], run: run, flow: flow, state: &state, context: context, out: &out)
                return
            }
            // Each value it gave is checked as an answer would be.
            var remarks: [String] = []
            for name in r.values.keys.sorted() where run.values[name] != r.values[name] {
                guard let slot = flow.slot(named: name), let value = r.values[name], let ext else { continue }
                let verdict = ext.validate(value, slot: slot, run: r, context: context)
                remarks += verdict.remarks
                set(verdict.kept(value), for: name, in: &r)
                for (k, v) in verdict.others { set(v, for: k, in: &r) }
            }
            state.current = r
            out.append(.say("Anoté: " + echoes.map(\.text).joined(separator: "; ") + "."))
            out += remarks.map(Effect.say)
            advance(state: &state, flow: flow, context: context, out: &out)
        case .fillThen(let values, let remark, let then):
            state.following = Self.adding(then, to: state.following)
            apply(.fill(values, remark: remark), run: run, flow: flow, state: &state, context: context, out: &out)
        case .request:
            // Read in `readInFlow` before it gets here: nothing to set, the question stands.
            ask(run, flow: flow, context: context, out: &out)
        case .fill(let values, let remark, let partials):
            var r = run
            var remarks: [String] = []
            for name in values.keys.sorted() {
                guard let value = values[name] else { continue }
                let verdict = flow.slot(named: name).flatMap { s in ext?.validate(value, slot: s, run: r, context: context) } ?? .accept
                if verdict.endsFlow { return endUnchanged(verdict, pushed: true, state: &state, context: context, out: &out) }
                remarks += verdict.remarks
                set(verdict.kept(value), for: name, in: &r)
                for (k, v) in verdict.others { set(v, for: k, in: &r) }
            }
            // «lo terminé» asked why it is moved: a flow that changes an answered choice
            // (rescheduled → done) leaves no answer the new choice never asks (the new deadline
            // was shown at the review of a done agreement). What the flow itself set stays.
            for name in values.keys.sorted() where flow.slot(named: name)?.type == .choice {
                guard let before = run.values[name], before != r.values[name] else { continue }
                let set = r.values
                Self.dropStale(dependingOn: name, in: &r, flow: flow)
                for k in values.keys where r.values[k] == nil { r.values[k] = set[k] }
            }
            // A value read for a slot completes the half of a day and time kept for it («a las
            // 16, y la otra es el miércoles 9» to «¿A qué hora?»): no hour is asked again.
            if r.partials != nil {
                for name in values.keys where values[name] != nil { r.partials?[name] = nil }
                if r.partials?.isEmpty == true { r.partials = nil }
            }
            if !partials.isEmpty { r.partials = (r.partials ?? [:]).merging(partials) { $1 } }
            for name in values.keys.sorted() where flow.slot(named: name)?.type == .people {
                noteHowSaid(name, in: &r, context: context)
                if let names = r.values[name]?.listValue { completeKnown(names, state: &state, context: context, out: &out) }
            }
            // People the network does not know yet, read by a flow for the question asked or for
            // another people field («agrega a Rosa» at the evidence question fills «se suman»),
            // are offered to the network in one question, as an answer parsed by the engine would be.
            let asked: String? = if case .asking(let name) = r.phase { name } else { nil }
            let peopleFields = (asked.map { [$0] } ?? []) + values.keys.sorted().filter { $0 != asked }
            if let roster = context.roster {
                var newcomers: [String] = []
                var held: (name: String, value: SlotValue)?
                for name in peopleFields {
                    guard flow.slot(named: name)?.type == .people, let value = r.values[name] else { continue }
                    // Another field counts only when it holds names: a text there («nadie más») or
                    // a role («la directora de la escuela») is no one to add.
                    if name != asked, case .list = value {} else if name != asked { continue }
                    let fresh = (value.listValue ?? []).filter {
                        !roster.contains($0) && $0 != context.userName && !PeopleParser.isGroup($0) && !newcomers.contains($0)
                            && (name == asked || PeopleParser.looksLikeName($0))
                            // «la encargada de convivencia del DAEM» who came: a role, nobody to add.
                            && !PeopleParser.isRoleAtPlace($0) && !PeopleParser.isRoleOnly($0)
                    }
                    if !fresh.isEmpty, held == nil { held = (name, value) }
                    newcomers += fresh
                }
                if let held {
                    r.check = .newPeople(slot: held.name, value: held.value, names: newcomers, about: newcomerDetails(newcomers, context: context))
                    state.current = r
                    if let remark { out.append(.say(remark)) }
                    out += remarks.map(Effect.say)
                    out.append(.say(checkQuestion(r.check!, context: context)))
                    return
                }
            }
            // «otro objetivo sería compartir prácticas» at «¿Otro objetivo?»: one more item read
            // by the flow keeps the list open, as an item said plainly does (qa34: the list
            // closed, and the next one said was read as the answer to the question after it).
            if case .more(let name) = run.phase, values.count == 1, let slot = flow.slot(named: name), slot.isList,
               // One item: several said at once are the rest of the list, which closes as before.
               let grown = r.values[name]?.listValue, grown.count == (run.values[name]?.listValue?.count ?? 0) + 1,
               !slot.rules.contains(where: { if case .maxItems(let m) = $0 { return grown.count >= m }; return false }) {
                r.phase = .more(name)
                state.current = r
                if let remark { out.append(.say(remark)) }
                out += remarks.map(Effect.say)
                ask(r, flow: flow, context: context, out: &out)
                return
            }
            state.current = r
            if let remark { out.append(.say(remark)) }
            out += remarks.map(Effect.say)
            advance(state: &state, flow: flow, context: context, out: &out)
        }
    }

    func execute(_ reply: PendingReply, state: inout DialogState, context: EngineContext, out: inout [Effect]) {
        let run = state.current
        let flow = run.flatMap { catalog.flow($0.flowID) }
        switch reply {
        case .speakerNamed(let name, let answer):
            out.append(.learnedName(name))
            out.append(.say("Gracias, \(name.split(separator: " ").first.map(String.init) ?? name)."))
            var named = context
            named.userName = name
            if !named.members.contains(name) { named.members.append(name) }
            execute(.fill(answer), message: Utterance(answer), state: &state, context: named, out: &out)
        case .speakerNameUnclear(let answer):
            state.pending = .speakerName(answer: answer)
            out.append(.say("No me quedó claro tu nombre. ¿Cómo te llamas? Por ejemplo «Ana Pérez»."))
        case .cancelConfirmed:
            guard let flow else { return }
            cancel(state: &state, flow: flow, context: context, out: &out)
        case .cancelAndAsk(let text):
            guard let flow else { return }
            state.stack.removeLast()
            state.queued = nil
            state.following = nil
            out.append(.say("Listo, cancelé \(flowNoun(flow)). No guardé nada."))
            let said = Utterance(text)
            execute(understand(said, state: state, context: context), message: said, state: &state, context: context, out: &out)
        case .restateRequest(let text):
            restate(text, state: &state, context: context, out: &out)
        case .cancelDeclined:
            guard let run, let flow else { return }
            out.append(.say("Bien, seguimos."))
            reprompt(run, flow: flow, context: context, out: &out)
        case .cancelDeclinedThen(let id, let request):
            guard let run, let flow else { return }
            let other = catalog.flow(id)
            // «anota un acuerdo: la karina manda el acta…»: its words past the request's own are
            // read when it starts, as at the menu.
            var later = FollowingRequest(flow: id, request: request, values: [:])
            let said = Phrase(request)
            if let best = catalog.match(said).first, best.flow == id,
               let rest = remainder(of: request, phrase: said, used: best.usedTokens, members: context.members), Phrase(rest).contentCount >= 2 {
                later = FollowingRequest(flow: id, request: rest, values: [:], reads: true)
            }
            state.following = Self.adding([later], to: state.following)
            out.append(.say("Bien, seguimos con \(flowNoun(flow)). Me guardo lo otro: apenas terminemos, seguimos con «\(other?.title ?? request)»."))
            reprompt(run, flow: flow, context: context, out: &out)
        case .questionThenCancel(let query):
            out.append(.answer(query))
            state.pending = .cancel
            out.append(.say(pendingOffer(state) ?? ""))
        case .cancelUnclear:
            // Not an answer: keep the flow (nothing lost) and say how to cancel, rather than
            // asking the same question again. The message itself is not taken as an answer.
            guard let run, let flow else { return }
            out.append(.say("No te entendí, así que seguimos con \(flowNoun(flow)). Si quieres dejarlo, escribe «cancelar»."))
            reprompt(run, flow: flow, context: context, out: &out)
        case .switchAccepted(let id, let request):
            guard let next = catalog.flow(id) else { return }
            // The current flow stays under the new one: finishing or cancelling it comes back here.
            if let flow { out.append(.say("Dejamos «\(flow.title)» para después; volvemos a eso al terminar.")) }
            // What the flow read in the request when it claimed it (its values) is kept.
            if let ext = context.extensions[id], let c = ext.claim(Utterance(request), flow: next, catalog: catalog, context: context.after(state.lastSave)) {
                if !c.values.isEmpty, c.reads == nil {
                    begin(next, remainder: nil, request: request, given: c.values, echo: c.echo, state: &state, context: context, out: &out)
                    return
                }
                // «ok. decidimos X, y que Y»: several records of the flow said with the yes are
                // shown together and saved with one confirmation, as at the menu (issue 12).
                if let reads = c.reads, !c.more.isEmpty, let names = ext.batchNames(context),
                   beginBatch(next, requests: [reads] + c.more, values: c.values, names: names, state: &state, context: context, out: &out) {
                    return
                }
            }
            startFromText(next, text: request, state: &state, context: context, out: &out)
        case .switchDeclinedThen(let request):
            out.append(.say("Bueno, lo dejamos."))
            let said = Utterance(request)
            execute(understand(said, state: state, context: context), message: said, state: &state, context: context, out: &out)
        case .switchDeclined(let answerText):
            guard let run, let flow else {
                out.append(.say("Bueno, lo dejamos. ¿En qué más te ayudo?"))
                return
            }
            // The field stays as it was and its question is asked again. Words that may be its
            // answer after all («agendar la reunión con apoderados» as an agreement) are taken
            // when typed in quotes.
            var line = "Bien, seguimos con «\(flow.title)»."
            if let declined = answerText, case .asking(let name) = run.phase, let slot = flow.slot(named: name),
               slot.type == .text || slot.type == .longtext, keepsAsAnswer(declined, slot: slot, run: run, flow: flow, context: context) {
                line += " Si «\(declined)» era la respuesta, escríbela entre comillas y la anoto tal cual."
            }
            out.append(.say(line))
            reprompt(run, flow: flow, context: context, out: &out)
        case .firstThen(let id, let request):
            guard let run, let flow, let other = catalog.flow(id) else { return }
            let later = FollowingRequest(flow: id, request: request, values: [:])
            state.following = Self.adding([later], to: state.following)
            if run.phase == .confirming {
                execute(.fill("sí"), message: Utterance("sí"), state: &state, context: context, out: &out)
                return
            }
            out.append(.say(keptRemark(other, after: flow)))
            reprompt(run, flow: flow, context: context, out: &out)
        case .switchUnclear(let pending):
            let offered: String? = switch pending {
            case .switchFlow(let id, _), .switchOrAnswer(let id, _): id
            default: nil
            }
            guard let other = offered.flatMap(catalog.flow) else { return }
            // The offer stays open: the next «sí» or «no» answers it.
            state.pending = pending
            out.append(.say((flow.map { "¿Dejamos \(flowNoun($0)) para después y empezamos «\(other.title)»?" } ?? "¿Empezamos «\(other.title)»?")
                            + " Respóndeme «sí» o «no»."))
        case .pickedFlow(let id, let request):
            // A whole request after the menu ("acordamos que Carolina manda el informe el 15") keeps its details.
            guard let next = catalog.flow(id) else { return }
            startFromText(next, text: request, state: &state, context: context, out: &out)
        case .pickUnclear(let ids, let request):
            clarify(ids, request: request, lead: "No me quedó claro cuál.", state: &state, out: &out)
        case .pickOutOfRange(let n, let ids, let request):
            clarify(ids, request: request, lead: SlotParser.outOfRangeNote(n, count: ids.count), state: &state, out: &out)
        case .pickedPaused(let i):
            guard state.paused.indices.contains(i) else { return }
            let resumed = state.paused.remove(at: i)
            state.stack.append(resumed)
            if let f = catalog.flow(resumed.flowID) {
                out.append(.say("Retomemos «\(f.title)»."))
                reprompt(resumed, flow: f, context: context, out: &out)
            }
        }
    }

    /// One choice question between flows; what the request already says goes with the flow picked.
    func clarify(_ ids: [String], request: String, lead: String?, state: inout DialogState, out: inout [Effect]) {
        state.pending = .pickFlowFor(ids, request: request)
        out.append(.say((lead.map { $0 + " " } ?? "") + "¿Quieres \(flowOptions(ids))?"))
    }
}

extension EngineContext {
    /// This context, knowing what the conversation saved last.
    func after(_ lastSave: LastSave?) -> EngineContext {
        var c = self
        c.lastSave = lastSave
        return c
    }
}

extension DialogEngine {
    /// «¿qué se entiende por proyectos comunes?», «¿a qué te refieres con vínculo?»: asks what
    /// words of the question (or its field) mean. Every other word must come from the question.
    static func asksAboutWording(_ phrase: Phrase, slot: SlotDefinition) -> Bool {
        let t = phrase.tokens
        // Every cue opens with one of a few words: most answers have none, and no cue is walked.
        guard t.count >= 3, t.count <= 12, phrase.some(.wordingCueHead), phrase.some(.wordingCueSecond),
              let cue = wordingCues.first(where: { cue in t.indices.contains { t[$0] == cue[0] && t[$0...].starts(with: cue) } }) else { return false }
        let asked = Set(Phrase(slot.ask + " " + slot.label).stems)
        var rest = Set(t).subtracting(cue).subtracting(wordingFiller)
        rest = rest.filter { $0.count >= 3 }
        return !rest.isEmpty && rest.allSatisfy { asked.contains(Phrase.stem($0)) }
    }

    /// The one other field of `flow` (with a help) whose label the words of a wording question
    /// name: «¿qué significa liderazgo distribuido?» while «gestión del conocimiento» is asked.
    /// Whether `t` has two copulas («es», «son», «era», «sera», «queda»): what two labelled values need.
    static func twoCopulas(_ t: [String]) -> Bool {
        var n = 0
        for w in t where w.utf8.count <= 4 && (w == "es" || w == "son" || w == "era" || w == "sera" || w == "queda") {
            n += 1
            if n == 2 { return true }
        }
        return false
    }

    static func otherFieldAsked(_ phrase: Phrase, slot: SlotDefinition, flow: FlowDefinition) -> SlotDefinition? {
        let t = phrase.tokens
        guard t.count >= 3, t.count <= 12, phrase.some(.wordingCueHead), phrase.some(.wordingCueSecond),
              let cue = wordingCues.first(where: { cue in t.indices.contains { t[$0] == cue[0] && t[$0...].starts(with: cue) } }) else { return nil }
        let rest = Set(t).subtracting(cue).subtracting(wordingFiller).filter { $0.count >= 3 }.map(Phrase.stem)
        guard !rest.isEmpty else { return nil }
        // By its label alone: the words of other questions' wording are shared too widely.
        let named = flow.slots.filter { other in
            guard other.name != slot.name, other.help != nil else { return false }
            let label = Set(Phrase(other.label).stems)
            return rest.allSatisfy(label.contains)
        }
        return named.count == 1 ? named[0] : nil
    }

    /// «¿quién la conduce?», «y quien la dirige?», «¿dónde es?»: a short question whose words,
    /// past its question word and the pronouns and articles around it, are all those of one name
    /// (alias or label) of a field of `flow` (the one asked included), or a question word alone
    /// that is another field's name. Nil when it names none, or more than one.
    static func fieldAskedAbout(_ phrase: Phrase, slot: SlotDefinition, flow: FlowDefinition) -> SlotDefinition? {
        let t = phrase.tokens
        guard t.count >= 2, t.count <= 8, let k = t.prefix(3).firstIndex(where: { !QueryMatcher.questionFillers.contains($0) }),
              QueryMatcher.questionWords.contains(t[k]) else { return nil }
        let asked = Set(t[(k + 1)...].filter { !fieldQuestionFiller.contains($0) })
        // «¿dónde es?», «y cuándo va a ser?»: the question word alone, a field's name of its own.
        let alone = asked.isEmpty && !["que", "como"].contains(t[k])
        guard !asked.isEmpty || alone else { return nil }
        let named = flow.slots.filter { other in
            guard other.help != nil, other.name != slot.name || !alone else { return false }
            if alone { return other.aliases.contains(t[k]) }
            return ([other.label] + other.aliases).contains { alias in
                Set(Phrase(alias).tokens.filter { !fieldQuestionFiller.contains($0) && !QueryMatcher.questionWords.contains($0) }) == asked
            }
        }
        return named.count == 1 ? named[0] : nil
    }

    /// «que pongo en evidencia?», «no cacho qué va en el plazo»: a question of what to put, whose
    /// other words are one name of a field of `flow` (its label, an alias or its name); that
    /// field. Nil when no field, or more than one, is named so.
    static func fieldHelpAsked(_ phrase: Phrase, flow: FlowDefinition) -> SlotDefinition? {
        let t = phrase.tokens
        guard t.count >= 3, t.count <= 12 else { return nil }
        var best: (slot: SlotDefinition, length: Int)?
        var tie = false
        for slot in flow.slots where slot.help != nil || slot.example != nil {
            for name in [slot.label, slot.name] + slot.aliases {
                let n = Phrase(name.replacingOccurrences(of: "_", with: " ")).tokens.filter { !fieldHelpArticles.contains($0) }
                guard !n.isEmpty, n.count < t.count, let at = (0...(t.count - n.count)).first(where: { t[$0..<($0 + n.count)].elementsEqual(n) }) else { continue }
                let rest = t[..<at] + t[(at + n.count)...]
                guard rest.contains(where: Self.putCues.contains), rest.contains(where: { $0 == "que" || $0 == "q" || $0 == "ke" }),
                      rest.allSatisfy({ RepairVerb.fieldCues.contains($0) || Self.putCues.contains($0) || RepairVerb.fieldAsks.contains($0) || RepairVerb.fieldFiller.contains($0)
                          || fieldHelpArticles.contains($0) || ["bien", "nada", "mucho"].contains($0) }) else { continue }
                if let b = best, b.slot.name != slot.name {
                    if n.count > b.length { best = (slot, n.count); tie = false } else if n.count == b.length { tie = true }
                } else if best == nil || n.count > best!.length {
                    best = (slot, n.count)
                }
            }
        }
        return tie ? nil : best?.slot
    }

    /// What asks what to put: «¿qué pongo?», «¿qué escribo?», «¿qué va?».
    static let putCues: WordSet = ["poner", "pongo", "pone", "ponemos", "escribo", "escribir", "escribe", "escribimos", "va", "van", "anoto"]

    static let fieldHelpArticles: WordSet = ["el", "la", "los", "las", "del", "al", "un", "una"]

    /// «que pongo en el propósito? no cacho bien» at the menu: the flow whose trigger the message's
    /// other words meet (the rest asks what to put), with what the thing is when the glossary
    /// knows it. Nil otherwise.
    func helpAskedOfFlow(_ phrase: Phrase) -> (String, String?)? {
        let t = phrase.tokens
        guard t.count >= 3, t.count <= 12 else { return nil }
        let matches = catalog.match(phrase)
        guard let best = matches.first, best.score >= 0.3 else { return nil }
        // The thing asked about: the words a trigger met, past those asking what to put.
        let term = best.usedTokens.filter { !Self.putCues.contains(t[$0]) && !RepairVerb.fieldCues.contains(t[$0]) && !RepairVerb.fieldAsks.contains(t[$0]) }
        guard !term.isEmpty else { return nil }
        let rest = t.indices.filter { !term.contains($0) }.map { t[$0] }
        // (A verb of putting: «¿en qué van los objetivos?» asks how they go.)
        guard rest.contains(where: { Self.putCues.contains($0) && $0 != "va" && $0 != "van" }), rest.contains(where: { $0 == "que" || $0 == "q" || $0 == "ke" }),
              rest.allSatisfy({ RepairVerb.fieldCues.contains($0) || Self.putCues.contains($0) || RepairVerb.fieldAsks.contains($0) || RepairVerb.fieldFiller.contains($0)
                  || Self.fieldHelpArticles.contains($0) || ["bien", "nada", "mucho", "se", "sé"].contains($0) }) else { return nil }
        let words = term.sorted().map { t[$0] }
        // The flow that makes that thing: one of its triggers is a verb and those words alone
        // («escribir el propósito»), not one that only mentions it («aportar al propósito»).
        let stems = words.map(Phrase.stem)
        // (Matched on those words alone: said after «en», they are a complement of «pongo».)
        let maker = catalog.match(Phrase(words.joined(separator: " "))).first { m in
            catalog.triggerTokens.first { $0.flow.id == m.flow }?.tokens.contains { trigger in
                // «escribir el propósito»: an infinitive, an article at most, and the words.
                guard let verb = trigger.first, verb.count > 4, ["ar", "er", "ir"].contains(String(verb.suffix(2))) else { return false }
                var rest = trigger.dropFirst()
                if let a = rest.first, ["el", "la", "los", "las", "un", "una", "unos", "unas"].contains(a) { rest = rest.dropFirst() }
                return rest.map(Phrase.stem) == stems
            } == true
        }
        guard let maker else { return nil }
        return (maker.flow, Glossary.definition(asked: Phrase("que es el " + words.joined(separator: " "))))
    }

    static let fieldQuestionFiller: WordSet = ["la", "lo", "las", "los", "le", "les", "el", "se", "es", "va", "a", "ser", "sera"]

    /// What `slot` holds in `run` so far, said back: its value, or that it has none yet and what
    /// it is for.
    static func fieldSoFar(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> String {
        let label = slot.label.prefix(1).uppercased() + slot.label.dropFirst()
        if let value = run.values[slot.name] {
            return "\(label): \(value.display(today: context.today, choices: slot.choices)). Si quieres cambiarlo, lo vemos al revisar."
        }
        return "Todavía no hay nada anotado en «\(slot.label)». \(slot.help ?? "")".trimmingCharacters(in: .whitespaces)
            + " Si ya lo sabes, dímelo ahora o al revisar."
    }

    static let wordingCues: [[String]] = [
        ["se", "entiende", "por"], ["entienden", "por"], ["que", "significa"], ["que", "quiere", "decir"], ["te", "refieres", "con"],
        ["te", "refieres", "a"], ["se", "refiere", "con"], ["que", "es", "eso", "de"], ["que", "seria"], ["que", "son", "los"],
        ["que", "son", "las"], ["que", "es", "el"], ["que", "es", "la"], ["que", "cuenta", "como"],
    ]
    static let wordingCueHeads = WordSet(wordingCues.map { $0[0] })
    static let wordingCueSeconds = WordSet(wordingCues.map { $0[1] })
    static let wordingFiller: WordSet = ["que", "a", "y", "o", "el", "la", "los", "las", "de", "del", "eso", "esto", "con", "por", "en", "ahi",
                                             "aqui", "oye", "perdon", "disculpa", "pero", "exactamente", "bien", "ese", "esa", "lo", "un", "una",
                                             // «¿qué significa liderazgo acá?» (qa28: «no la sé responder»).
                                             "aca", "alla"]

    /// «guárdalo primero y después las metas», «primero terminemos esto y luego lo otro», «no,
    /// antes guarda esto»: what is open goes first, the other after it. A word of order first
    /// («primero», «antes») and, with it, one of after («después», «luego») or of saving.
    static func saysFirstThen(_ phrase: Phrase) -> Bool {
        let t = phrase.tokens
        guard t.count <= 12, let f = t.firstIndex(where: { $0 == "primero" || $0 == "antes" }) else { return false }
        if t[(f + 1)...].contains(where: { ["despues", "luego", "enseguida"].contains($0) }) { return true }
        return t.contains { w in ["guarda", "guardalo", "guardala", "guardar", "guardemos", "guardes", "graba", "grabalo", "termina", "terminemos",
                                  "terminar", "terminalo", "cierra", "cerremos", "cerrar"].contains(w) }
    }

    /// «todos» to «¿Quién es responsable?» with a switch offer open: the flow's own reading (or
    /// the one every flow gets) takes it as the question's answer, so it is that answer, and the
    /// offer is dropped (it was asked again as neither yes nor no).
    func answersAsked(_ message: Utterance, run: FlowRun?, context: EngineContext) -> Bool {
        guard let run, case .asking(let name) = run.phase, let flow = catalog.flow(run.flowID),
              case .fill(let values, _, _)? = reading(message, run: run, flow: flow, context: context) else { return false }
        return values[name] != nil
    }
}



extension DialogEngine {
    /// «no voy a poder ir a la reunión», «no puedo asistir al encuentro del jueves»: a «no»
    /// followed within four words by a verb of attending, and a meeting named. Gated by the «no».
    /// An absence told in the past («no pude ir», «no alcancé a llegar», «la de ayer») with a
    /// question after it («¿qué se acordó?», «q pasó»): what was missed is asked.
    static func asksWhatWasMissed(_ clean: String, phrase: Phrase) -> Bool {
        let t = phrase.tokens
        guard t.contains(where: { pastAbsenceWords.contains($0) }) else { return false }
        let no = t.firstIndex(of: "no") ?? 0
        return TextFold.contains(clean, byte: UInt8(ascii: "?"))
            || t[no...].contains(where: { ["que", "q", "cuales", "quien", "quienes", "como"].contains($0) })
    }

    /// An absence from a meeting already held, and a question about it (`asksWhatWasMissed`).
    static func missedAndAsks(_ clean: String, phrase: Phrase) -> Bool {
        let t = phrase.tokens
        guard t.contains(where: absenceMeetings.contains) else { return false }
        let missed = t.contains(where: { $0 == "falte" || $0 == "faltamos" }) || saysAbsence(phrase)
        return missed && asksWhatWasMissed(clean, phrase: phrase)
    }

    static let pastAbsenceWords: WordSet = ["falte", "faltamos", "pude", "pudimos", "pudo", "fui", "fuimos", "alcance", "alcanzamos", "vine", "llegue", "asisti",
                                            "ayer", "pasada", "pasado", "anterior"]

    static func saysAbsence(_ phrase: Phrase) -> Bool {
        let t = phrase.tokens
        guard let no = t.firstIndex(of: "no"), t.contains(where: absenceMeetings.contains) else { return false }
        if t[(no + 1)..<min(t.count, no + 5)].contains(where: attendVerbs.contains) { return true }
        // «Luis no va a la reunión de la red»: «va» with where it goes (a meeting, after «a» or «al»);
        // «la reunión de enero no va» (a call-off) says no place, «no va a haber reunión» no meeting.
        guard no + 2 < t.count, ["va", "van"].contains(t[no + 1]), ["a", "al"].contains(t[no + 2]) else { return false }
        let after = t[(no + 3)...].drop { $0 == "la" || $0 == "el" }
        return after.first.map(absenceMeetings.contains) ?? false
    }

    /// A meeting's noun, a month, and «no va», «no se hace», «no hay»: a month's meeting called off.
    static func callsOffMonth(_ phrase: Phrase) -> Bool {
        let t = phrase.tokens
        guard let no = t.firstIndex(of: "no"), no + 1 < t.count, let month = t.firstIndex(where: QueryMatcher.monthNames.contains) else { return false }
        // «la de enero no va»: the meeting's noun left out.
        let elided = month >= 2 && t[month - 1] == "de" && (t[month - 2] == "la" || t[month - 2] == "el")
        guard elided || t.contains(where: absenceMeetings.contains) else { return false }
        let next = t[(no + 1)...].prefix(2)
        return next.contains { ["va", "van", "hace", "hara", "hay", "habra", "realiza"].contains($0) }
    }

    static let attendVerbs: WordSet = ["ir", "llegar", "asistir", "participar", "alcanzo", "voy", "vamos", "podre", "podremos", "estar", "estare"]
    static let absenceMeetings: WordSet = ["reunion", "reu", "encuentro", "jornada", "sesion", "microcentro"]
}
