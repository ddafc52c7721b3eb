import Understanding

extension DialogEngine {
    /// «borrar el acuerdo 1», «cambiar el contacto de la organización 1», «saca a Luis Soto de la
    /// red» typed at a free-text question («¿Tienen proyectos en común?», «¿Cuál es el acuerdo?»):
    /// a verb that changes or removes, said first, of a record named by its number or its name, is a
    /// request about that record, never this question's text. The flow that claims the request (or
    /// whose request phrase it says, verb included) is the one offered; nil when the message is no
    /// such request. Only free-text answers reach here, and only those opening with one of the verbs.
    /// `atReview`: the record is this one's review («cambia el nombre» is its own field), so only
    /// a record named by its noun and number («la organización 1») or a member's whole name counts.
    func requestOnOtherRecord(_ message: Utterance, flow: FlowDefinition, state: DialogState, context: EngineContext,
                              atReview: Bool = false) -> String? {
        let t = message.phrase.tokens
        // After «y», «oye», «ahora»… (a request's own leads), the verb opens the message.
        let verb = message.phrase.classes.prefix { $0.contains(.requestLead) }.count
        guard verb < t.count, Self.recordVerbs.contains(t[verb]), t.count - verb >= 3 else { return nil }
        // «actualizar el estado del acuerdo 2» while agreement 2 is being updated: this run's own
        // record (its number field holds it), no other flow's request about another one (it
        // offered «Actualizar una práctica»).
        if let run = state.current, Self.namesOwnRecord(Array(t[(verb + 1)...]), run: run, flow: flow) { return nil }
        // «cambia el nombre a CESFAM Valdivia» while an organisation is registered: a field this
        // run already holds, named right after the verb with its new value, is this record's (the
        // nearest one with that field), left to this flow's readings (qa34: «Cambiar los datos
        // de la red» was offered). «cambia el nombre de la red a …» names another record's.
        if !atReview, let run = state.current, Self.changesOwnField(t, colon: message.clean.contains(":"), run: run, flow: flow) { return nil }
        if atReview, !Self.namesRecord(Array(t[(verb + 1)...]), members: context.members, byNoun: true, last: false) { return nil }
        let claimed = claim(message, context: context.after(state.lastSave)).flatMap { $0.0 != flow.id ? $0 : nil }
        // A claim that reads which record («el contacto del CESFAM»: organisation 1) names it.
        if let (id, said) = claimed, !said.values.isEmpty { return id }
        guard Self.namesRecord(Array(t[(verb + 1)...]), members: context.members),
              let best = catalog.match(message.phrase).first(where: { $0.flow != flow.id }),
              best.score >= 0.6, best.uses(token: verb) else { return nil }
        return claimed?.0 ?? best.flow
    }

    /// «cambia el nombre a X», «cámbiale el nombre por X»: a verb of changing, then the label (or
    /// an alias) of a field of `run` that holds a value, then «a», «por», «es» (or, with a colon
    /// in the message, «corrige el nombre: …», anything) and more.
    static func changesOwnField(_ t: [String], colon: Bool, run: FlowRun, flow: FlowDefinition) -> Bool {
        guard let verb = t.prefix(4).firstIndex(where: changeFieldVerbs.contains), t[..<verb].allSatisfy(changeLeads.contains) else { return false }
        var i = verb + 1
        while i < t.count, ["el", "la", "le", "su", "sus", "los", "las"].contains(t[i]) { i += 1 }
        return flow.slots.contains { s in
            guard run.values[s.name] != nil else { return false }
            return ([s.label] + s.aliases).contains { name in
                let words = Phrase(name).tokens
                guard !words.isEmpty, i + words.count + 1 <= t.count - (colon ? 0 : 1), Array(t[i..<(i + words.count)]) == words else { return false }
                return colon || ["a", "por", "es", "sea"].contains(t[i + words.count])
            }
        }
    }

    /// «el acuerdo 2» among `words` when the run's number field labelled «acuerdo» holds 2.
    static func namesOwnRecord(_ words: [String], run: FlowRun, flow: FlowDefinition) -> Bool {
        words.indices.dropLast().contains { i in
            guard let n = Int(words[i + 1]) else { return false }
            return flow.slots.contains { s in
                guard s.type == .number, s.labelWord == words[i], let v = run.values[s.name] else { return false }
                if case .number(let d) = v { return Int(d) == n }
                return v.textValue.flatMap { numbers(in: $0).first } == n
            }
        }
    }

    /// «cambia el nombre de la práctica 2, …», «borra el acuerdo 3»: a verb that changes or takes
    /// out (after a request's leads), then a record's noun with its number, in a run that is about
    /// no numbered record (its number fields are empty): another record than this one.
    static func changesNumberedRecord(_ phrase: Phrase, run: FlowRun, flow: FlowDefinition) -> Bool {
        let t = phrase.tokens
        let verb = phrase.classes.prefix { $0.contains(.requestLead) }.count
        guard verb < t.count, t.count - verb >= 3, recordVerbs.contains(t[verb]),
              namesRecord(Array(t[(verb + 1)...].prefix(7)), members: [], byNoun: true) else { return false }
        return !flow.slots.contains { $0.type == .number && run.values[$0.name] != nil }
    }

    /// Words after the verb that point at one record: its number or id («el acuerdo 1», «la A-2»)
    /// or a member's whole name («a Luis Soto»).
    static func namesRecord(_ words: [String], members: [String], byNoun: Bool = false, last: Bool = true) -> Bool {
        // «el último acuerdo», «la ultima reflexion»: the last record of that kind, named as by its
        // number (not at a review, where «el último objetivo» may be an item of the list reviewed).
        if last, words.indices.dropLast().contains(where: { ["ultimo", "ultima"].contains(words[$0]) && recordNouns.contains(words[$0 + 1]) }) { return true }
        if byNoun {
            // «la organización 1», «del acuerdo A-2»: the number right after the record's noun.
            if words.indices.dropLast().contains(where: { recordNouns.contains(words[$0]) && words[$0 + 1].last?.isNumber == true }) { return true }
        } else if words.contains(where: { $0.last?.isNumber == true }) {
            return true
        } else if words.count >= 4, ["el", "la", "ese", "esa"].contains(words[0]), recordNouns.contains(words[1]),
                  ["de", "del", "con"].contains(words[2]) {
            // «borra el acuerdo de la presentación, al final no va» at «¿Por qué se reprograma?»: the
            // record said by what it is about (pass 13, qa22: it became the motive of another one).
            return true
        }
        if members.contains(where: { name in
            let m = Phrase(name).tokens
            guard m.count >= 2, let i = words.firstIndex(of: m[0]), i + 1 < words.count else { return false }
            return words[i + 1] == m[1]
        }) { return true }
        // «saca a la sonia de la red, se cambió de escuela» at an agreement's evidence: a member
        // by first name with its article («la sonia», «al pedro»), when no other member shares
        // it (it was stored as the evidence). Not at a review, where «saca a la Sonia» may be
        // about one of its people fields.
        guard !byNoun else { return false }
        return words.indices.dropFirst().contains { i in
            guard ["la", "el", "a", "al"].contains(words[i - 1]), FirstNames.canonical(words[i]) != nil else { return false }
            return members.filter { Phrase($0).tokens.first == words[i] }.count == 1
        }
    }

    static let recordNouns: WordSet = ["acuerdo", "organizacion", "encuentro", "reunion", "miembro", "objetivo", "norma", "sondeo",
                                       "reflexion", "decision", "practica", "resultado", "meta"]

    /// Verbs that change or take out something already kept, as said to Minga (imperative or
    /// infinitive). Creating verbs are not here: «armar un taller con la OPD» may well be the
    /// text asked for, and a new record's request is read by `strongIntent`.
    static let recordVerbs: WordSet = [
        "cambia", "cambiar", "cambiale", "corrige", "corregir", "modifica", "modificar", "edita", "editar",
        "actualiza", "actualizar", "borra", "borrar", "elimina", "eliminar", "saca", "sacar", "quita", "quitar",
        "anula", "anular",
    ]
}

extension DialogEngine {
    /// «el acuerdo 2 lo movemos pal 18 de diciembre» (or «el último …») typed at «¿Cuál es la
    /// evidencia entregada?» while agreement 1 is updated: a request a flow claims, about another
    /// record than the one this run is about (a record-number field this run already holds, said
    /// with another value), is kept for right after this one — never this question's text (it
    /// became agreement 1's evidence). Only runs about a record reach the claim (a filled number
    /// field), so answers in flows that create records never pay for it.
    func requestOnAnotherRecord(_ message: Utterance, run: FlowRun, flow: FlowDefinition, state: DialogState,
                                context: EngineContext) -> FollowingRequest? {
        let held = flow.slots.filter { $0.type == .number && run.values[$0.name] != nil }
        guard !held.isEmpty, message.phrase.tokens.count >= 3,
              let (claimed, said) = claim(message, context: context.after(state.lastSave)),
              let target = catalog.flow(claimed) else { return nil }
        let other = held.contains { slot in
            guard let theirs = said.values[slot.name], target.slot(named: slot.name)?.type == .number else { return false }
            guard let mine = run.values[slot.name].flatMap(Self.recordNumber), let theirs = Self.recordNumber(theirs) else { return false }
            return mine != theirs
        }
        guard other else { return nil }
        return FollowingRequest(flow: claimed, request: message.clean, values: said.values, reads: said.reads == nil ? false : nil)
    }

    /// Whether `said` is another value than `held` (nil: not held, no difference). A record's
    /// number as a run keeps it once read («2 («Patricia arma el calendario…»)») is the number
    /// said («el acuerdo 2»): the same request said again at its review was queued as another
    /// run of the same change, that nagged later (issue 12).
    static func differs(_ held: SlotValue?, _ said: SlotValue) -> Bool {
        guard let held, held != said else { return false }
        if case .number = said, let a = recordNumber(held), let b = recordNumber(said) { return a != b }
        return true
    }

    /// `values` name by its number the record `run` is about: every record-number field of
    /// `flow` said among them holds that same number, and at least one is said.
    static func sameRecord(_ values: SlotValues, run: FlowRun, flow: FlowDefinition) -> Bool {
        let fields = flow.slots.filter { $0.type == .number && values[$0.name] != nil }
        return !fields.isEmpty && fields.allSatisfy { f in
            guard let held = run.values[f.name].flatMap(recordNumber), let said = values[f.name].flatMap(recordNumber) else { return false }
            return held == said
        }
    }

    /// The number of the record a number field holds: «2», or «1 («Luis ordena la biblioteca»)»
    /// as a run keeps it once read.
    static func recordNumber(_ value: SlotValue) -> Int? {
        switch value {
        case .number(let n): return n == n.rounded() ? Int(n) : nil
        case .text(let s): return Int(s.prefix { $0.isNumber })
        default: return nil
        }
    }
}

extension DialogEngine {
    /// «el del plan de lectura cumplido, llegaron todos los correos» typed at «¿Qué evidencia
    /// mostrará que se cumplió?» while a new agreement is written, «el de diciembre lo dirige la
    /// jefa de UTP, Carolina Muñoz» at a new meeting's tabla: news another flow claims with the
    /// number of a record that already exists (an open agreement named by its content, a meeting
    /// by its date) is about that record, never this question's text (qa27 A1: it became the new
    /// agreement's evidence, or two points of the tabla). Kept for right after this one; the
    /// question stands. Only runs that hold no record of the claimed kind reach here (those are
    /// `requestOnAnotherRecord`), and only messages whose words hold a claim's cues pay the claim.
    func statementOnExistingRecord(_ message: Utterance, run: FlowRun, flow: FlowDefinition, state: DialogState,
                                   context: EngineContext) -> FollowingRequest? {
        let t = message.phrase.tokens
        // Cheap first (the claim pass below costs ~6k instructions, and this runs at every
        // free-text answer): another record is pointed at with its noun left out («el del plan
        // de lectura…», «la de diciembre…») or by its number.
        // Or it holds a word a flow tells news with («terminé», «vinimos»: `statementWords`).
        guard t.count >= 4,
              t.indices.dropLast().contains(where: { ["el", "la", "lo", "los", "las"].contains(t[$0]) && ["de", "del"].contains(t[$0 + 1]) })
                || t.contains(where: { $0.first?.isNumber == true })
                || context.extensions.claimIndex(of: catalog).holdsStatementWord(message),
              let (claimed, said) = claim(message, context: context.after(state.lastSave)), claimed != flow.id,
              let target = catalog.flow(claimed) else { return nil }
        // A record-number field of the claiming flow, said (the record exists), that this run
        // does not hold itself (it is about no record of that kind).
        let names = said.values.contains { name, value in
            target.slot(named: name)?.type == .number && Self.recordNumber(value) != nil && run.values[name] == nil
        }
        guard names else { return nil }
        // …unless this flow keeps it for later its own way (the acta's note on how agreement 1
        // went: «Lo del acuerdo 1 lo actualizo…»), or claims it as its own request (a whole new
        // meeting said at its name).
        switch reading(message, run: run, flow: flow, context: context) {
        case .fillThen(_, _, let then)? where !then.isEmpty: return nil
        case .whole?: return nil
        case .fill(let values, _, _)? where values.keys.contains(where: { $0 != run.currentSlot }): return nil
        default: break
        }
        if context.extensions[flow.id]?.claim(message, flow: flow, catalog: catalog, context: context) != nil { return nil }
        return FollowingRequest(flow: claimed, request: message.clean, values: said.values, reads: said.reads == nil ? false : nil)
    }
}

