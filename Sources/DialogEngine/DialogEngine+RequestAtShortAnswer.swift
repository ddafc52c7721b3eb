import Understanding

extension DialogEngine {
    /// The kinds of question whose answer a request's own day or option would be taken as.
    static let requestFreeKinds: Set<SlotType> = [.date, .time, .datetime, .daterange, .choice, .number]

    /// First words of a date, time or option answer, never a request's verb.
    static let dateAnswerOpeners: WordSet = ["el", "la", "los", "las", "para", "pa", "pal", "hasta", "antes", "a", "al", "en", "de", "del",
                                             "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo", "hoy", "manana",
                                             "este", "esta", "proximo", "proxima", "fin", "fines", "mediados", "principios", "dentro"]

    /// Verbs that open a request to move, call off or add to a record, never a day or an option.
    static let movingOrAddingVerbs: WordSet = ["pasemos", "pasamos", "pasala", "pasalo", "mueve", "muevela", "movamos", "corre", "correla",
                                               "corramos", "posterga", "postergala", "posterguemos", "aplaza", "aplacemos", "adelanta",
                                               "adelantemos", "atrasa", "atrasemos", "reprograma", "reprogramemos", "suspende", "suspendamos",
                                               "agrega", "agregale", "agreguemos", "suma", "sumale", "sumemos", "anade", "anadele"]

    /// «suspende la reunión del miércoles 9 de diciembre» or «súmale a la encuesta el lunes 7 a las
    /// 9» at «¿Para cuándo debe estar cumplido?», «agrega otra fecha al sondeo: el jueves 3» at «¿Qué
    /// opción dejamos?»: a request for another flow, opened by its verb (the word its trigger uses)
    /// and claimed with an existing record it is about, is no short answer to a date, time or
    /// choice question (its day was saved as the plazo, or picked the option of that day). It is
    /// kept for right after this flow, as at a free-text question, and the question is asked again;
    /// when it is about the very record this run holds (an option added to the poll being closed),
    /// it is offered instead, since it cannot wait for this one's save.
    /// Cheap gates first: the kind of question, the length, and the claim cues (`claim`).
    func requestAtShortAnswer(_ message: Utterance, run: FlowRun, flow: FlowDefinition, slot: SlotDefinition?,
                              state: DialogState?, context: EngineContext) -> Command? {
        guard let slot, Self.requestFreeKinds.contains(slot.type), case .asking = run.phase, !run.hasCheck, let state else { return nil }
        if let kept = claimedRequestAtShortAnswer(message, run: run, flow: flow, slot: slot, state: state, context: context) { return kept }
        // «borra el acuerdo 3», «elimina la reflexión 1», «borra el último acuerdo» at «¿Qué día y a
        // qué hora?» while a meeting is scheduled: a verb that changes or removes, first, then
        // another record named by its noun and number (or as the last one), is that request, offered
        // as at a free-text question — never a date not understood (new-user pass, issue 12). A
        // trigger's own request is no flow's claim, so the claim above misses it. Cheap gate: the
        // verb is one word of `recordVerbs`.
        let phrase = message.phrase, t = phrase.tokens
        let verb = phrase.classes.prefix { $0.contains(.requestLead) }.count
        if verb < t.count, Self.recordVerbs.contains(t[verb]), Self.changesNumberedRecord(phrase, run: run, flow: flow),
           let other = requestOnOtherRecord(message, flow: flow, state: state, context: context) {
            return .offerSwitch(other)
        }
        // «la 5 nomás, pero cambia el nombre a …»: this flow's other field changed, and the
        // answer taken (after the readings above: a change naming another record is that record's).
        if let moved = fieldChangedAtShortAnswer(message, run: run, flow: flow, slot: slot, context: context) { return .correct(moved) }
        return nil
    }

    /// `requestAtShortAnswer` for a request another flow claims with the record it is about.
    private func claimedRequestAtShortAnswer(_ message: Utterance, run: FlowRun, flow: FlowDefinition, slot: SlotDefinition,
                                             state: DialogState, context: EngineContext) -> Command? {
        let phrase = message.phrase, t = phrase.tokens
        let verb = phrase.classes.prefix { $0.contains(.requestLead) }.count
        // A request opens with its verb: an answer opening with an article, a preposition or a
        // day («el 15 de diciembre», «pal viernes 11 en la tarde») is not one, and is not claimed
        // (the claim pass cost ~26k instructions on every such date answer).
        guard t.count - verb >= 4, t[verb].first?.isNumber == false, !Self.dateAnswerOpeners.contains(t[verb]),
              let (claimed, said) = claim(message, context: context.after(state.lastSave)), claimed != flow.id,
              let target = catalog.flow(claimed) else { return nil }
        // About a record that exists (its number read), and not a change of the field asked here.
        let records = said.values.filter { name, value in target.slot(named: name)?.type == .number && Self.recordNumber(value) != nil }
        guard !records.isEmpty, said.values[slot.name] == nil else { return nil }
        // The verb opens the request: the other flow's trigger uses that very word, or it is a
        // verb of changing, moving or adding something, which no day or option opens with
        // («pasemos el consejo del 16 pal 18», «agrega otra fecha al sondeo: el jueves 3», whose
        // best trigger is another's wording: issue 12, the day was the plazo or the option).
        guard phrase.classes[verb].contains(.changeVerb) || Self.movingOrAddingVerbs.contains(t[verb])
                || catalog.match(phrase).first(where: { $0.flow == claimed })?.uses(token: verb) == true else { return nil }
        let same = records.contains { name, value in
            guard let mine = run.values[name].flatMap(Self.recordNumber) else { return false }
            return mine == Self.recordNumber(value)
        }
        if same { return .offerSwitch(claimed) }
        return keptForLater(FollowingRequest(flow: claimed, request: message.clean, values: said.values, reads: said.reads == nil ? false : nil), after: flow)
    }
}
