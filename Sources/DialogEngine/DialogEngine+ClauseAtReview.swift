import Understanding

/// «se suma la marcela. y no, el plazo es el 7 de mayo», «y agrega a pedro, la evidencia es el
/// acta» at a review: a clause of its own before a field named with its new value. The review's
/// field reading (`reviewEdits`) takes the field and its value and never looks at what comes
/// before it, so the first change was dropped without a word (qa38 c11). Each part is read as a
/// message of its own: the field change first (it always comes back to the review), then the
/// clause before it; one that changes nothing is said so, never dropped.
extension DialogEngine {
    /// The clause before the field change, and the change; nil when the message is one change
    /// (or the field reading already reads the words before it).
    func clauseBeforeFieldChange(_ clean: String, run: FlowRun, flow: FlowDefinition) -> (lead: String, rest: String, trailing: Bool)? {
        // Cheap gate: a clause mark inside the message (a comma, a period, a semicolon or «y»).
        let bytes = clean.utf8
        guard bytes.count >= 12, bytes.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "y") }) else { return nil }
        let words = TextFold.spaceSeparated(clean).map(String.init)
        guard words.count >= 4, words.count <= 40 else { return nil }
        let folded = words.map(TextFold.fold)
        var whole: [ReviewEdit]?
        for k in 0..<(words.count - 2) {
            let marked = words[k].last.map { ",.;".contains($0) } == true
            let beforeAnd = ["y", "e"].contains(folded[k + 1])
            guard marked || beforeAnd else { continue }
            // What is said before: two words or more that are not a complaint, a «no» or a lead
            // («no, ojo, el plazo…» is one change, read whole).
            let said = folded[...k].filter { w in
                !w.isEmpty && !Self.isNo(w) && !Self.reviewLeadWords.contains(w) && !["y", "e", "ah", "oye", "ademas", "tambien", "si", "sí"].contains(w)
            }
            // «el plazo es el 7 de mayo y se suma la marcela»: a change of a field said in
            // numbers or dates first, and a clause of its own after it (the date read with the
            // clause in it was no date, and the plazo was asked again).
            if let trailing = clauseAfterFieldChange(words, folded: folded, at: k, clean: clean, run: run, flow: flow, whole: &whole) {
                return (trailing.lead, trailing.rest, true)
            }
            guard said.count >= 2 else { continue }
            var restWords = Array(words[(k + 1)...])
            while let w = restWords.first, ["y", "e"].contains(TextFold.fold(w)) { restWords.removeFirst() }
            guard restWords.count >= 3 else { continue }
            let rest = restWords.joined(separator: " ")
            let edits = reviewEdits(rest, run: run, flow: flow)
            guard !edits.isEmpty, edits.allSatisfy({ $0.value != nil }) else { continue }
            // The whole message reads as the same change: the words before were left unread.
            if whole == nil { whole = reviewEdits(clean, run: run, flow: flow) }
            guard let whole, whole.count == edits.count,
                  zip(whole, edits).allSatisfy({ $0.slot.name == $1.slot.name && $0.value == $1.value }) else { return nil }
            var lead = words[...k].joined(separator: " ")
            while let c = lead.last, ",.;: ".contains(c) { lead.removeLast() }
            return (lead, rest, false)
        }
        return nil
    }

    /// `clauseBeforeFieldChange` the other way round: the change up to word `k`, then a clause.
    func clauseAfterFieldChange(_ words: [String], folded: [String], at k: Int, clean: String, run: FlowRun, flow: FlowDefinition,
                                whole: inout [ReviewEdit]?) -> (lead: String, rest: String)? {
        var tailWords = Array(words[(k + 1)...])
        while let w = tailWords.first, ["y", "e"].contains(TextFold.fold(w)) { tailWords.removeFirst() }
        let said = tailWords.map(TextFold.fold).filter { w in
            !w.isEmpty && !Self.isNo(w) && !Self.reviewLeadWords.contains(w) && !["y", "e", "ah", "oye", "ademas", "tambien"].contains(w)
        }
        // («el plazo es el 7 y 8 de mayo»: what follows still says a day, part of the value.)
        guard said.count >= 2, k >= 2, !said.contains(where: { $0.contains(where: \.isNumber) }),
              !WhenCues.saysDay(folded: Phrase(tailWords.joined(separator: " ")).folded) else { return nil }
        var head = words[...k].joined(separator: " ")
        while let c = head.last, ",.;: ".contains(c) { head.removeLast() }
        let edits = reviewEdits(head, run: run, flow: flow)
        guard let last = edits.last, edits.allSatisfy({ $0.value != nil }),
              [.date, .datetime, .time, .number, .duration, .daterange].contains(last.slot.type) else { return nil }
        if whole == nil { whole = reviewEdits(clean, run: run, flow: flow) }
        guard let whole, whole.count == edits.count, zip(whole, edits).allSatisfy({ $0.slot.name == $1.slot.name }),
              whole.last?.value != last.value else { return nil }
        var tail = tailWords.joined(separator: " ")
        while let c = tail.last, ",.;: ".contains(c) { tail.removeLast() }
        return (tail, head)
    }

    /// The message at a review read as its field change and then the clause before it
    /// (`clauseBeforeFieldChange`). Nil when it is not such a message.
    func clauseAndFieldChange(_ message: Utterance, state: inout DialogState, context: EngineContext) -> Turn? {
        guard state.pending == nil, let run = state.current, run.phase == .confirming, !run.hasCheck,
              run.batch == nil, run.round == nil, run.editingList == nil,
              let flow = catalog.flow(run.flowID),
              let (lead, rest, trailing) = clauseBeforeFieldChange(message.clean, run: run, flow: flow) else { return nil }
        // Only a message the review would read as a field change (not a request, not the flow's
        // own reading of it, as «no, lo del plan anual es una nota, el acuerdo es…» at an acta).
        let whole = { var c = context; c.said = message; c.listed = state.listing?.records; return c }()
        // The flow's own reading may take the clause and leave the change unread («y agrega a
        // pedro, la evidencia es el acta» read as Pedro joining): then both are read here too.
        switch understand(message, state: state, context: whole) {
        case .fill: break
        case .setSlots(.fill(let values, _, _)):
            let changed = reviewEdits(rest, run: run, flow: flow).map(\.slot.name)
            guard !values.isEmpty, !changed.contains(where: { values[$0] != nil }) else { return nil }
        default: return nil
        }
        var trial = state
        var out = handle(Utterance(rest), state: &trial, context: context).effects
        guard let changed = trial.current, changed.flowID == run.flowID, changed.phase == .confirming, !changed.hasCheck else {
            // The change asks something first (a date to check): the clause is said, to be told again.
            state = trial
            out.append(.say("Lo de «\(lead)» no lo cambié todavía: dímelo de nuevo cuando volvamos a la revisión."))
            return Turn(effects: out, expects: expectation(state, context: context))
        }
        // The review shown after the change is shown once, after the clause.
        if let shown = out.lastIndex(where: { if case .say(let s) = $0 { s.hasPrefix("Revisemos") } else { false } }) {
            out.removeSubrange(shown...)
        }
        var after = trial
        let second = handle(Utterance(lead), state: &after, context: context)
        if let now = after.current, now.flowID == run.flowID, now.values != changed.values || now.hasCheck {
            state = after
            return Turn(effects: out + second.effects, expects: second.expects)
        }
        // «el liderazgo es 2, me equivoque»: words after the change that change nothing are an
        // aside of it, read whole as before.
        if trailing { return nil }
        state = trial
        out.append(.say("No entendí qué cambio con «\(lead)», así que eso quedó como estaba."))
        ask(changed, flow: flow, context: context, out: &out)
        return Turn(effects: out, expects: expectation(state, context: context))
    }
}
