import Understanding

/// What a whole message says about the record under review, in words other than «sí» or a
/// field's number (issue 12): «no tengo más», «nada, guárdalo así», «así está bien» approve it as
/// it is (a «no» there was read as «I want to change something»); «está todo malo» asks for every
/// field again, one by one.
enum ReviewVerdict: Equatable {
    /// Nothing to change: save.
    case approves
    /// Everything is wrong: every field asked again, in order.
    case allWrong

    /// The verdict `phrase` says whole, if any: its words are verdict phrases, with only glue
    /// («no», «ya», «po», «y») between them. «no» alone, «no, el plazo» say neither.
    static func of(_ phrase: Phrase) -> ReviewVerdict? {
        let t = phrase.tokens
        // Cheap gate: a short message opening with a word some phrase or glue opens with.
        guard t.count >= 1, t.count <= 10, openings.contains(t[0]) else { return nil }
        var i = 0, found: ReviewVerdict?
        outer: while i < t.count {
            for n in stride(from: min(6, t.count - i), through: 1, by: -1) {
                let words = t[i..<i + n].joined(separator: " ")
                let verdict: ReviewVerdict? = approving.contains(words) ? .approves : allWrongPhrases.contains(words) ? .allWrong : nil
                if let verdict {
                    if let found, found != verdict { return nil }
                    found = verdict
                    i += n
                    continue outer
                }
            }
            guard glue.contains(t[i]) else { return nil }
            i += 1
        }
        return found
    }

    /// Nothing to change, folded.
    static let approving: WordSet = [
        "nada", "nada mas", "ninguno", "ninguna", "nada nada", "no tengo mas", "no tengo nada mas", "no tengo nada",
        "no hay mas", "no hay nada", "no hay nada mas", "nada que cambiar", "nada que corregir", "nada que agregar",
        "no hay nada que cambiar", "no hay nada que corregir", "no tengo nada que cambiar", "no tengo nada que corregir",
        "no tengo nada que agregar", "no tengo cambios", "no cambio nada", "no cambies nada", "no hay que cambiar nada",
        "no quiero cambiar nada", "sin cambios", "ningun cambio", "asi esta bien", "asi esta", "asi esta perfecto",
        "asi esta ok", "asi esta todo bien", "asi esta correcto", "esta bien asi", "esta todo bien", "todo bien",
        "todo ok", "todo correcto", "todo perfecto", "todo esta bien", "esta todo ok", "esta todo correcto", "esta perfecto",
        "esta correcto", "esta ok", "asi nomas", "asi no mas", "asi mismo", "asi queda", "que quede asi", "dejalo asi",
        "dejalo tal cual", "dejalo como esta", "tal cual", "tal cual esta", "guardalo asi", "guardalo tal cual",
        "guardalo como esta", "guardalo nomas", "guardalo", "guardala", "guardalos", "guardalas", "guarda", "guardar",
        "guardala asi", "guardalos asi", "guardalas asi", "asi", "esta bien", "bien", "perfecto", "listo",
        // «ta bien así», «asi ta bien»: «está» said short.
        "ta bien", "ta bien asi", "asi ta bien", "ta todo bien", "ta perfecto", "ta ok",
    ]

    /// Everything is wrong, folded.
    static let allWrongPhrases: WordSet = [
        "esta todo malo", "todo malo", "todo mal", "esta todo mal", "todo esta malo", "todo esta mal", "esta malo todo",
        "esta mal todo", "nada esta bien", "no esta nada bien", "todo equivocado", "esta todo equivocado", "todo incorrecto",
        "esta todo incorrecto", "hay que cambiar todo", "cambiar todo", "cambialo todo", "cambia todo", "quiero cambiar todo",
        "todo", "ta todo malo", "ta todo mal", "todo quedo malo", "quedo todo malo", "quedo todo mal", "todo quedo mal", "corregir todo",
        "hay que corregir todo", "quiero corregir todo",
    ]

    /// Words that may stand between the phrases: «no, así está bien», «ya po, guárdalo así».
    static let glue: WordSet = ["no", "ya", "po", "pos", "y", "si", "ok", "bueno", "dale", "pues", "nomas", "gracias",
                                "porfa", "minga", "oye", "mm", "eh", "ah", "uy", "uf", "chuta", "pucha", "noo", "naa", "na"]

    static let openings = WordSet((approving.union(allWrongPhrases).union(glue)).map { String($0.split(separator: " ")[0]) })
}

extension DialogEngine {
    /// Whether a review's «nada», «así está bien» may approve it: a review that asks what to
    /// change, not one whose «no» keeps things as they were («¿Lo borro?», «¿Lo cambio?»), where
    /// «déjalo así» would refuse.
    func approvalReadsAtReview(_ run: FlowRun, flow: FlowDefinition, context: EngineContext) -> Bool {
        context.extensions[flow.id]?.declineKeeps(run, context: context) != true && editable(run, flow: flow).count >= 2
    }

    /// «está todo malo» at a review: every field with a value is cleared and the flow asks them
    /// again in its order, then shows the review.
    func walkFieldsAgain(run: FlowRun, flow: FlowDefinition, state: inout DialogState, context: EngineContext, out: inout [Effect]) {
        var r = run
        let fields = editable(run, flow: flow)
        // What each field said is offered again as it is asked («igual» keeps it): the person
        // retypes only what was wrong (qa36 conv 3: name, date, place and length retyped).
        var kept: SlotValues = [:]
        for slot in fields { kept[slot.name] = r.values[slot.name] }
        r.keeping = kept.isEmpty ? nil : kept
        for slot in fields { r.values[slot.name] = nil }
        r.skipped.removeAll { name in fields.contains { $0.name == name } }
        r.answered.removeAll { name in fields.contains { $0.name == name } }
        r.returnToConfirm = false
        r.editingList = nil
        r.misses = 0
        r.phase = .choosingEdit
        state.current = r
        out.append(.say("Vamos de nuevo, dato por dato. Si uno estaba bien, responde «igual» y lo dejo."))
        advance(state: &state, flow: flow, context: context, out: &out)
    }

    /// The note after a question asked again by `walkFieldsAgain`: what the field said.
    func keepingNote(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> String? {
        guard let old = run.keeping?[slot.name] else { return nil }
        return " (ahora: \(old.display(today: context.today, choices: slot.choices)); «igual» lo deja)"
    }

    /// «igual», «lo mismo», «déjalo así» to a question `walkFieldsAgain` asked with the value the
    /// field had: that value again, and the next question. Nil when it is no such answer.
    func keepsWalkedValue(_ phrase: Phrase, slot: SlotDefinition, run: FlowRun, flow: FlowDefinition,
                          state: inout DialogState, context: EngineContext, out: inout [Effect]) -> Bool {
        guard let old = run.keeping?[slot.name], Self.keepWords.contains(phrase.core) else { return false }
        var r = run
        r.keeping?[slot.name] = nil
        if r.keeping?.isEmpty == true { r.keeping = nil }
        set(old, for: slot.name, in: &r)
        r.answered.removeAll { $0 == slot.name }
        r.answered.append(slot.name)
        r.misses = 0
        state.current = r
        out.append(.say("Queda igual: \(old.display(today: context.today, choices: slot.choices))."))
        advance(state: &state, flow: flow, context: context, out: &out)
        return true
    }

    static let keepWords: WordSet = [
        "igual", "queda igual", "que quede igual", "dejalo igual", "dejala igual", "dejalos igual", "deja igual", "sigue igual",
        "lo mismo", "el mismo", "la misma", "los mismos", "las mismas", "mismo", "misma", "igual que antes", "como estaba",
        "dejalo asi", "dejala asi", "dejalo", "dejala", "asi esta bien", "ese esta bien", "esa esta bien", "eso esta bien", "esta bien asi",
        "ese", "esa", "eso", "ese mismo", "esa misma", "se queda", "se mantiene", "mantener", "mantenlo", "no cambia", "sin cambio",
    ]
}
