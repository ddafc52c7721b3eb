import Understanding

/// One verdict for the whole reader cascade of `readInFlowCascade` (issue 12's speed target).
///
/// Most answers to a question are plain: «Ana Pérez», «el 15 de diciembre», «acta de la
/// reunión». None of the forty readers that look for something else in an answer (a question,
/// a correction, a request, a repair, a goodbye…) finds anything in them, yet each asked its own
/// cheap test every turn. Here the tests those readers open with are taken together, once: the
/// message's word bits against the words any of them needs (`plainBlockers`, the opening word
/// against `plainFirstBlockers`), its bytes against the marks any of them needs, and a «no». When
/// the verdict clears a message, only the readers whose own first test is not among these are
/// asked (a claim, a field's value said in passing…), and when one of them may read something
/// the whole cascade reads the message, as before. What is left is the flow's own reading of the
/// answer, or the answer as typed.
///
/// The command is the cascade's, always: debug builds run the cascade as well and check it.
extension DialogEngine {
    /// Words some reader of the cascade needs anywhere in the message, that no bit of their own
    /// marks: `asksBack`'s verbs, `recordVerbs` (`changesNumberedRecord`, `requestOnOtherRecord`),
    /// `requestOpeners` (`requestOpenedAtFreeText`, `requestByTriggerAtFreeText`), `askedOutright`'s
    /// «hay», «q», «tenemos», `twoCopulas`'s «queda», `readAfterRefusal`'s «nada».
    static let plainStopWords = WordSet(Array(askBackVerbs) + Array(recordVerbs) + Array(requestOpeners)
        + ["hay", "q", "tenemos", "queda", "nada"])

    /// Words some reader needs as the message's first: `changeLeads` (`asksToChange`) and the
    /// leads of `afterNextLead`.
    static let plainFirstWords = WordSet(Array(changeLeads) + ["y", "ahora", "ya", "oye", "bueno"])

    /// The bits of the words a reader before or after the flow's reading needs anywhere.
    static let plainBlockers: WordClass = [
        .plainStop, .greeting, .wordingCueHead, .questionAboutCue, .progressCue, .questionWord, .prepositionQuestionWord,
        .interrogative, .searchVerb, .missingWord, .networkWord, .recordMarker, .earlierCopula, .changeVerbSaid, .action,
        .resumeVerb, .resumeCue, .leavingCue, .anotherWord, .wrong, .only, .askedWord, .changeVerb,
    ]

    /// The bits of the words a reader needs as the message's first.
    static let plainFirstBlockers: WordClass = [
        .plainFirst, .unsureLead, .unsureInterjection, .byeCue, .want, .changeVerb, .sideLead, .addVerb,
        .correctionOpening, .noneLead,
    ]

    /// No byte a reader needs: «?» and «¿» (questions), «:» (labels), «.» and «;» (sentences),
    /// «,» (a yes before the answer, an aside after it), and no quote opening the message.
    static func plainBytes(_ clean: String) -> Bool {
        clean.utf8.withContiguousStorageIfAvailable { b -> Bool in
            guard let first = b.first, first != 0x22, first != 0x27, first != 0xE2, first != 0xC2 else { return false }
            for byte in b {
                switch byte {
                case UInt8(ascii: "?"), 0xBF, UInt8(ascii: ":"), UInt8(ascii: "."), UInt8(ascii: ";"), UInt8(ascii: ","): return false
                default: continue
                }
            }
            return true
        } ?? false
    }

    /// The command `readInFlowCascade` gives a plain answer to the question being asked; nil when
    /// the message is not plain (or may not be), and the cascade reads it.
    func readPlainAnswer(_ said: Utterance, run: FlowRun, flow: FlowDefinition, state: DialogState?, context: EngineContext) -> Command? {
        guard case .asking(let name) = run.phase, !run.hasCheck, run.round == nil, run.editingList == nil, let slot = flow.slot(named: name) else { return nil }
        let phrase = said.phrase, clean = said.clean, t = phrase.tokens
        // The verdict: the words' bits, the closing and list-ending words said alone, the bytes.
        guard let first = phrase.classes.first, t.count <= 12,
              phrase.anyClass.isDisjoint(with: Self.plainBlockers), first.isDisjoint(with: Self.plainFirstBlockers),
              !phrase.every(.closing), t.count == 1 ? !first.contains(.listEnder) : !phrase.every(.listCloser),
              Self.plainBytes(clean) else { return nil }
        // A «no» anywhere (a refusal, a denied value, «no lo tengo»); a pause; a flow underneath.
        for w in t where w.utf8.first == UInt8(ascii: "n") && Self.isNo(w) { return nil }
        // «ayuda encuentros»: a topic's help (one lookup of the first word).
        if Self.helpTopic(phrase) != nil { return nil }
        if let state, state.stack.count > 1 || Self.isStale(state, context: context) { return nil }
        let freeText = slot.type == .text || slot.type == .longtext
        // (`QueryMatcher.mayMatchStrict`'s last way: a duty word in the letters.)
        if freeText, TextFold.contains(phrase.folded, byte: UInt8(ascii: "o")), TextFold.foldedMayContain(phrase.folded, QueryMatcher.dutyWords) {
            return nil
        }
        assert(!freeText || !QueryMatcher.mayMatchStrict(phrase, raw: clean), "the plain verdict misses a question in «\(clean)»")
        // The readers before the flow's reading whose first test is not the verdict's.
        // (`requestAtShortAnswer` past `recordVerbs` and a verb of changing: a claim of a message
        // that opens, after a request's leads, with neither a number nor a date's first word.)
        if Self.requestFreeKind(slot.type) {
            let verb = phrase.classes.prefix { $0.contains(.requestLead) }.count
            if t.count - verb >= 4, t[verb].first?.isNumber == false, !Self.dateAnswerOpeners.contains(t[verb]) {
                if requestAtShortAnswer(said, run: run, flow: flow, slot: slot, state: state, context: context) != nil { return nil }
            } else if Self.skipped(requestAtShortAnswer(said, run: run, flow: flow, slot: slot, state: state, context: context), "requestAtShortAnswer") != nil {
                return nil
            }
        }
        if t.count >= 3, standingClaim(said, excluding: flow.id, ownFields: flow, context: context) != nil { return nil }
        if freeText, state != nil, mayStateOnExistingRecord(said, context: context) { return nil }
        if !run.values.isEmpty, Self.answerLabelSplit(clean, slot: slot) != nil { return nil }
        if Self.saysSelfWithoutName(clean, phrase: phrase, slot: slot, context: context) { return nil }
        // The flow's own reading, as the cascade takes it.
        if let reading = reading(said, run: run, flow: flow, context: context) {
            if case .whole = reading, let other = strongIntent(phrase, excluding: flow.id, freeText: freeText) { return .offerSwitch(other.id) }
            if case .reask = reading, let verb = RepairVerb.recognize(phrase) { return verbCommand(verb, phrase: phrase, flow: flow, context: context) }
            guard reading == .request else { return .setSlots(reading) }
            return nil
        }
        // Unread: the readers after it whose first test is not the verdict's, then the answer as typed.
        if RepairVerb.recognize(phrase) != nil || bareAnswer(phrase, clean: clean, slot: slot) != nil { return nil }
        // (Non-strict matching past its necessary condition: most names and dates ask nothing.)
        if !freeText, QueryMatcher.mayMatchLoose(phrase, raw: clean)
            ? QueryMatcher.match(phrase, raw: clean, strict: false) != nil
            : Self.skipped(QueryMatcher.match(phrase, raw: clean, strict: false), "QueryMatcher.match") != nil { return nil }
        if freeText {
            if wholeTrigger(phrase, excluding: nil) != nil { return nil }
            if let state, requestOnAnotherRecord(said, run: run, flow: flow, state: state, context: context) != nil { return nil }
        }
        let temporal = switch slot.type {
        case .date, .datetime, .time, .daterange, .recurrence: true
        default: false
        }
        if !freeText, !temporal, strongIntent(phrase, excluding: flow.id, freeText: false) != nil { return nil }
        if slot.type == .people || slot.type == .person, let best = catalog.match(phrase).first, best.flow == flow.id, best.score >= 0.99 {
            return nil
        }
        if closesFilledList(phrase, run: run, flow: flow) { return nil }
        if run.values.count >= 2, Self.mayEditTwoFields(phrase, clean: clean)
            ? reviewEdits(clean, run: run, flow: flow).filter({ $0.value != nil }).count >= 2
            : Self.skippedTest(reviewEdits(clean, run: run, flow: flow).filter({ $0.value != nil }).count >= 2, "reviewEdits") { return nil }
        if freeText, Self.mayMoveOtherField(phrase, clean: clean, slot: slot, run: run, flow: flow) { return nil }
        if slot.optional, freeText, !slot.isList, Self.noneAnswers.contains(phrase.core) { return nil }
        if Self.greets(phrase) || Self.refersBack(phrase) { return nil }
        return .fill(clean)
    }
}
