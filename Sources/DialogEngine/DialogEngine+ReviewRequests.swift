import Understanding

extension DialogEngine {
    /// What a message at a record's review («¿Guardo este acuerdo?», «¿Lo cambio?») asks besides
    /// a change of one of its fields, read before the flow or the review take its words as one:
    /// - «gracias», «ya, gracias!» alone: the person is done, and means it saved (answering the
    ///   thanks alone left the record unsaved while the person left believing it was);
    /// - «sí, y agrega otro acuerdo»: yes, then a request that starts once this record is saved
    ///   (its «sí» was read as a person joining the agreement);
    /// - «anota que Teresa manda la pauta el lunes» at the review of another agreement: the flow's
    ///   own request, said with its verb, is a new record kept for after this one (its date changed
    ///   this one's deadline); another flow's is offered.
    /// Nil for anything else. Only reviews reach here.
    func requestAtReview(_ message: Utterance, run: FlowRun, flow: FlowDefinition, context: EngineContext) -> Command? {
        let clean = message.clean, phrase = message.phrase
        let t = phrase.tokens
        guard !t.isEmpty else { return nil }
        if t.count <= 4, t.contains(where: { $0.hasPrefix("graci") || $0 == "grax" }),
           t.allSatisfy({ $0.hasPrefix("graci") || $0 == "grax" || Self.bareThanks.contains($0) || YesNo.parse($0) == true }) {
            return .fill("sí")
        }
        // «gracias por todo», «ya muchas gracias por la ayuda»: thanks with closing words, asking
        // nothing else, mean it saved too (only thanks alone did; the rest asked again).
        if t.count <= 10, t.contains(where: { $0.hasPrefix("graci") }), Self.closing(phrase) == .thanks {
            return .fill("sí")
        }
        // «ya mandé el plan de lectura» at the review of another record: this «ya» is «already»
        // (no comma after it), the news of a record that exists, kept for after this one (it was
        // read as the yes: this record saved, and the news lost).
        if t[0] == "ya", t.count >= 3, YesNo.lead(clean) == nil, let later = newsOnOtherRecord(message, run: run, flow: flow, context: context) {
            return keptForLater(later, after: flow)
        }
        // «sí, cambia la hora a las 16»: a field of this record, changed at its review as before.
        // (Without its verb: «cambia» would name the line «Cambio» of a change being reviewed.)
        func ownField(_ text: String) -> Bool {
            let said = text.split(separator: " ").dropFirst().joined(separator: " ")
            return reviewEdits(said, run: run, flow: flow).contains { $0.value != nil || $0.removes != nil }
        }
        // «ya y la del 23 no va», «ya y cancela la reunión del 23» at the review of a change: yes,
        // then a request a flow claims by what it says, read first as at the menu («anula la
        // reunión del 23» of a series calls off that date, not the series). Saved, then that
        // request starts (issue 12: it was read as a bare yes and the request lost, or kept while
        // this record stayed unsaved). Only after an opening yes with words after it.
        // (Read once for the three readings below: it is the same each time.)
        let yesThen = Self.yesThen(clean)
        if let (yes, rest) = yesThen, Phrase(rest).tokens.count >= 3, !ownField(rest),
           let (claimed, said) = claim(Utterance(rest), context: context),
           claimed != flow.id || said.values.contains(where: { k, v in Self.differs(run.values[k], v) }) {
            return .confirmThen(yes, [FollowingRequest(flow: claimed, request: rest, values: said.values, reads: said.reads == nil ? false : nil)])
        }
        if let (yes, rest) = yesThen, let asked = requestPhrase(rest), !ownField(rest) {
            return .confirmThen(yes, [FollowingRequest(flow: asked, request: rest, values: [:], reads: asked == flow.id ? false : nil)])
        }
        // «sí, pero también el lugar: Escuela Los Aromos» at the review of a change: yes to it, and
        // one more change of the same record, made right after it is saved (it replaced the change
        // being confirmed, and the place said was lost).
        if let (yes, rest) = yesThen, case let more = Self.withoutAlso(rest), more.count < rest.count,
           let record = flow.slots.first(where: { $0.type == .number }), let number = run.values[record.name],
           case let request = "cambiar " + more, requestPhrase(request) == flow.id {
            return .confirmThen(yes, [FollowingRequest(flow: flow.id, request: request, values: [record.name: number])])
        }
        // «y la de marzo el Mario» at the review of who leads the date before: the same change
        // for another date, kept for after this one is saved (qa21 J: only «¿Lo guardo?» again).
        if t[0] == "y", t.count >= 3, let request = context.extensions[flow.id]?.ellipticRequest(clean, values: run.values, context: context) {
            // Its values as the flow reads that request at the menu (its claim), with the record it names.
            let claimed = claim(Utterance(request), context: context).flatMap { $0.0 == flow.id ? $0.1.values : nil }
            return keptForLater(FollowingRequest(flow: flow.id, request: request, values: claimed ?? [:]), after: flow)
        }
        // «y cambia el lugar, que sea en…» at the review of a change of who leads it: one more
        // request, kept for after this one is saved (the review only asked again, and it was lost).
        if t[0] == "y", t.count >= 3, case let rest = Self.withoutLeadingY(clean), let asked = requestPhrase(rest), !ownField(rest) {
            let later = FollowingRequest(flow: asked, request: rest, values: [:])
            return keptForLater(later, after: flow)
        }
        // A request opened by its verb («anota que…», «registrar un acuerdo: …»), saying more.
        let lead = phrase.classes.prefix { $0.contains(.requestLead) }.count
        guard lead < t.count, phrase.classes[lead].contains(.action), YesNo.parse(clean) == nil,
              let opened = openedFlow(phrase, excluding: "") else { return nil }
        // «anota q hector trae las semillas…» at an acta's review: the flow under review keeps the
        // other flow's request as part of its record (queued for after its save), when it says so.
        if opened.id != flow.id, let reading = context.extensions[flow.id]?.reviewChange(message, run: run, context: context) {
            if case .fillThen(_, _, let then) = reading, !then.isEmpty, then.allSatisfy({ $0.flow == opened.id }) { return .setSlots(reading) }
            // «agrega a la profe Marta Painemal, es de…» at the review of a purpose: someone more in
            // one of its people fields, as the flow reads it (only people fields: it was kept for
            // later as another flow's request, and this record saved without her). Someone new
            // is then offered to the network, with what was said of her.
            if case .fill(let values, _, _) = reading, !values.isEmpty,
               values.keys.allSatisfy({ flow.slot(named: $0)?.type == .people }) { return .setSlots(reading) }
        }
        guard opened.id == flow.id else { return .offerSwitch(opened.id) }
        // Its words without the request's own («anota que»), as a request at the menu is read.
        let used = catalog.match(phrase).first { $0.flow == flow.id }?.usedTokens ?? []
        let later = FollowingRequest(flow: flow.id, request: remainder(of: clean, phrase: phrase, used: used) ?? clean, values: [:])
        return keptForLater(later, after: flow)
    }

    /// «cambiar el lugar», «quiero cambiar la hora», «no, cambiemos la duración»: a change verb
    /// (after a few leading words) and then only the name of one field of the record under
    /// review, one that has a value or was skipped. That field's name, or nil. A list or several
    /// people named so («cambiar la tabla», «cambiar los participantes») are that field too: it
    /// is asked again showing its items, as its number does (it read «No supe cuál.», or showed
    /// another list).
    func bareFieldChange(_ phrase: Phrase, run: FlowRun, flow: FlowDefinition) -> String? {
        guard let said = Self.changedFieldWords(phrase.tokens), said.count <= 4 else { return nil }
        let hits = flow.slots.filter { slot in
            guard run.values[slot.name] != nil || run.skipped.contains(slot.name), conditionHolds(slot, run: run) else { return false }
            return ([slot.label] + slot.aliases).contains { Phrase($0).tokens.filter { !Self.fieldFillers.contains($0) } == said }
        }
        return hits.count == 1 ? hits[0].name : nil
    }

    static let wantLeads: WordSet = ["quiero", "quisiera", "queria", "necesito", "hay", "que", "mejor", "porfa", "podemos", "puedes", "me", "gustaria"]

    /// The request another flow (or this one) claims `message` as, naming by its number a record
    /// this run is not about (it holds no number in that field, or another): nil otherwise.
    func newsOnOtherRecord(_ message: Utterance, run: FlowRun, flow: FlowDefinition, context: EngineContext) -> FollowingRequest? {
        guard let (claimed, said) = claim(message, context: context), let target = catalog.flow(claimed) else { return nil }
        let other = said.values.contains { name, value in
            guard target.slot(named: name)?.type == .number, let theirs = Self.recordNumber(value) else { return false }
            guard flow.slot(named: name)?.type == .number, let mine = run.values[name] else { return true }
            return Self.recordNumber(mine) != theirs
        }
        guard other else { return nil }
        return FollowingRequest(flow: claimed, request: message.clean, values: said.values, reads: said.reads == nil ? false : nil)
    }

    /// The flow whose request phrase `text` says, opening with its verb («agrega otro acuerdo»,
    /// «cambia el lugar»): its words beyond the verb too, so a verb alone («agrega a la Marta»)
    /// is no request here.
    func requestPhrase(_ text: String) -> String? {
        guard let best = catalog.match(Phrase(text)).first, best.score >= 0.8, best.uses(token: 0), best.usedTokens.count >= 2 else { return nil }
        return best.flow
    }

    /// «sí, y agrega otro acuerdo», «ya y anota otro»: the yes as said, and the words after it
    /// (without their «y»); nil when the message does not open with a yes followed by more.
    /// What a request kept for right after this flow's save is told.
    /// Says what was kept: the flow's title, and the request's own words when they are short
    /// (a bare «Me lo guardo…» left the person guessing what Minga kept).
    func keptRemark(_ other: FlowDefinition, after flow: FlowDefinition, request: String? = nil) -> String {
        var what = "«\(other.title)»"
        // Another of the same flow: which one, by its words (unless they only ask for it).
        if other.id == flow.id, let request, case let words = request.split(separator: " "), (2...10).contains(words.count),
           case let said = Phrase(request), catalog.match(said).first.map({ remainder(of: request, phrase: said, used: $0.usedTokens) != nil }) ?? true {
            var said = Substring(request)
            while let c = said.last, " .,;".contains(c) { said = said.dropLast() }
            what += ": «" + said + "»"
        }
        return other.id == flow.id ? "Me lo guardo: apenas terminemos con este, seguimos con el siguiente \(what)."
            : "Me lo guardo: apenas terminemos \(flowNoun(flow)), seguimos con \(what)."
    }

    /// `later` kept for right after this flow's save, and said so.
    func keptForLater(_ later: FollowingRequest, after flow: FlowDefinition) -> Command {
        .setSlots(.fillThen([:], remark: keptRemark(catalog.flow(later.flow) ?? flow, after: flow, request: later.request), then: [later]))
    }

    /// «pero también el lugar: …» → «el lugar: …»: the words that add one more thing, gone.
    static func withoutAlso(_ text: String) -> String {
        var words = text.split(separator: " ")
        while let w = words.first, ["pero", "y", "tambien", "ademas", "igual"].contains(TextFold.fold(String(w)).filter(\.isLetter)) { words.removeFirst() }
        return words.joined(separator: " ")
    }

    static func yesThen(_ clean: String) -> (String, String)? {
        if let lead = YesNo.lead(clean), lead.yes {
            let yes = String(clean.prefix { $0 != "," && $0 != ";" && $0 != ":" && $0 != "." })
            return (yes, withoutLeadingY(lead.rest))
        }
        // «si y agrega otro» with no comma: a yes word, then «y».
        let words = TextFold.spaceSplit(clean, maxSplits: 2).map(String.init)
        guard words.count == 3, TextFold.fold(words[1]) == "y", YesNo.parse(words[0]) == true else { return nil }
        return (words[0], words[2])
    }
}
