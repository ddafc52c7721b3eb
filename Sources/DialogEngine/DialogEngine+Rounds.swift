import Understanding

/// Rounds: a flow run once per record, one after another (each objective of the purpose in a
/// review). The flow's extension says which record comes next (`nextInRound`); the engine
/// starts it when one is saved or skipped, and when none is left (or the person stops) asks the
/// edges for the closing words, written from the store after the last save.
extension DialogEngine {
    /// After `run` completed: the next run of its round, the round's end, or (a run on its own,
    /// nothing else in progress) an offer to go through the rest. True when the next run started.
    func continueRound(after run: FlowRun, flow: FlowDefinition, state: inout DialogState, context: EngineContext,
                       out: inout [Effect]) -> Bool {
        guard let ext = context.extensions[flow.id] else { return false }
        if let place = run.round {
            if let next = ext.nextInRound(after: run, context: context) {
                beginRoundItem(flow, values: next, place: place + 1, state: &state, context: context, out: &out)
                return true
            }
            out.append(.closeRound(flow.id))
            return false
        }
        if state.stack.isEmpty, state.pending == nil, state.queued == nil,
           let offer = ext.roundOffer(after: nil, run: run, context: context) {
            state.pending = .switchFlow(flow: flow.id, text: offer.request)
            out.append(.say(offer.question))
        }
        return false
    }

    /// With nothing in progress, after an answer: a flow that offers to go through its records.
    func offerRound(after query: Query, state: inout DialogState, context: EngineContext, out: inout [Effect]) {
        guard state.stack.isEmpty else { return }
        for flow in catalog.flows {
            guard let offer = context.extensions[flow.id]?.roundOffer(after: query, run: nil, context: context) else { continue }
            state.pending = .switchFlow(flow: flow.id, text: offer.request)
            out.append(.say(offer.question))
            return
        }
    }

    /// «siguiente» leaves the record being looked at unsaved and goes on; «hasta ahí no más»
    /// ends the round (what was saved stays).
    func moveRound(_ move: RoundMove, run: FlowRun, flow: FlowDefinition, state: inout DialogState, context: EngineContext,
                   out: inout [Effect]) {
        state.stack.removeLast()
        let next = move == .skip ? context.extensions[flow.id]?.nextInRound(after: run, context: context) : nil
        if let next {
            out.append(.say("Bien, este lo dejamos para otra vez."))
            beginRoundItem(flow, values: next, place: (run.round ?? 1) + 1, state: &state, context: context, out: &out)
            return
        }
        // «hasta aquí» answered to «¿Guardo esta revisión?»: this one is saved, then the round ends
        // (it was dropped while the reply said everything reviewed was saved).
        if move == .stop, run.phase == .confirming, let kind = flow.save {
            out.append(.save(SaveRequest(kind: kind, flowID: flow.id, values: run.values, done: flow.done, started: run.started)))
        }
        out.append(.say(move == .skip ? "Bien, este lo dejamos para otra vez, y con eso terminamos la ronda."
                                      : "Listo, lo dejamos hasta aquí. Lo que alcanzamos a revisar quedó guardado."))
        out.append(.closeRound(flow.id))
        resumeOuter(state: state, context: context, out: &out)
    }

    /// The next record of a round: the same flow again, without its intro, with the values the
    /// extension gave checked as answers would be.
    func beginRoundItem(_ flow: FlowDefinition, values: SlotValues, place: Int, state: inout DialogState,
                        context: EngineContext, out: inout [Effect]) {
        let ext = context.extensions[flow.id]
        var run = FlowRun(flowID: flow.id, phase: .confirming)
        run.started = context.turn
        run.round = place
        for slot in flow.slots { if let v = values[slot.name] { set(v, for: slot.name, in: &run) } }
        var remarks = ext?.startRemarks(run, context: context) ?? []
        for name in run.values.keys.sorted() {
            guard let slot = flow.slot(named: name), let value = run.values[name], let ext else { continue }
            let verdict = ext.validate(value, slot: slot, run: run, context: context)
            remarks += verdict.remarks
            set(verdict.kept(value), for: name, in: &run)
            for (k, v) in verdict.others { set(v, for: k, in: &run) }
        }
        out += remarks.map(Effect.say)
        state.stack.append(run)
        advance(state: &state, flow: flow, context: context, out: &out)
    }

    /// «este lo saltamos», «siguiente», «pasemos al que sigue»: skip the record; «ya, hasta ahí
    /// no más», «dejémoslo hasta aquí», «paremos»: stop the round. Only short messages made of
    /// those words: «el siguiente paso fue…» or «leímos hasta ahí la unidad» answer the question.
    static func roundMove(_ phrase: Phrase) -> RoundMove? {
        let t = phrase.tokens
        // «pasamos al 62%» is a figure, never a move.
        guard !t.isEmpty, t.count <= 7, !t.contains(where: { $0.first?.isNumber == true }) else { return nil }
        if let i = t.firstIndex(of: "hasta"), i + 1 < t.count, ["ahi", "aqui", "aca"].contains(t[i + 1]),
           t[..<i].allSatisfy(Self.stopWords.contains), t[(i + 2)...].allSatisfy(Self.stopWords.contains) {
            return .stop
        }
        if t.count <= 5, t.contains(where: Self.roundStops.contains), t.allSatisfy({ Self.roundStops.contains($0) || Self.stopWords.contains($0) }) {
            return .stop
        }
        guard t.count <= 5 else { return nil }
        if t.contains("siguiente") || (t.contains("que") && t.contains("sigue")) { return .skip }
        if t.contains(where: Self.skipVerbs.contains), t.contains(where: Self.skipWhat.contains) { return .skip }
        // «este no», «ese no lo vimos»: the one being asked about is left out.
        if t.count >= 2, ["este", "ese"].contains(t[0]), t[1] == "no", t.count == 2 || t[2] == "lo" { return .skip }
        return nil
    }

    static let roundStops: WordSet = ["paremos", "terminemos", "cortemos"]
    /// Words around «hasta ahí» that say nothing more.
    static let stopWords: Set<String> = ["ya", "ok", "bueno", "listo", "mejor", "y", "no", "mas", "nomas", "noma", "po", "por", "hoy",
                                         "dejemoslo", "dejemosla", "dejemos", "lo", "dejamos", "llegamos", "eso", "seria", "aqui", "ahi"]
    static let skipVerbs: WordSet = ["saltamos", "saltemos", "saltar", "saltate", "saltalo", "salta", "pasamos", "pasemos", "paso",
                                         "dejamos", "dejemos", "sigamos"]
    static let skipWhat: WordSet = ["este", "esta", "ese", "esa", "esto", "eso", "lo", "objetivo", "uno", "otro", "al"]
}
