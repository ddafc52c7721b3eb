import Understanding

extension DialogEngine {
    /// «ya te conté todo arriba po», «lo dije arriba», «como te dije»: the answer is somewhere in
    /// what was said before. It is never the answer itself (nobody's «qué pasó» is «ya te conté»).
    public static func refersBack(_ phrase: Phrase) -> Bool {
        let t = phrase.tokens
        // Only a message that says nothing else: «fotos po, ya te dije» has its answer in it.
        guard t.count >= 2, t.count <= 10, phrase.every([.pointerWord, .sayingVerb]) else { return false }
        let said = t.contains(where: sayingVerbs.contains)
        let pointer = t.contains("ya") || t.contains("arriba") || t.contains("antes") || t.contains("acabo")
            || containsRun(t, ["como", "te"]) || containsRun(t, ["te", "lo"])
        // «está arriba», «míralo arriba»: the place alone says it too.
        let above = t.contains("arriba") && t.contains(where: ["esta", "estan", "ve", "mira", "miralo", "revisa", "lee", "leelo", "sale"].contains)
        return (said && pointer) || above
    }

    /// Everything else a «ya te conté» message may carry.
    static let pointerWords: WordSet = ["ya", "te", "le", "les", "lo", "la", "los", "las", "se", "todo", "toda", "eso", "esto", "arriba",
                                            "antes", "acabo", "de", "po", "pues", "como", "si", "jaja", "jajaja", "oye", "pero", "que", "mas",
                                            "en", "el", "mensaje", "anterior", "nomas", "bueno", "ahi", "esta", "estan", "ve", "mira", "miralo",
                                            "revisa", "lee", "leelo", "sale", "eh", "ah", "tambien", "altiro", "recien", "lei", "leiste"]

    /// Past verbs of telling, as a user refers to what they wrote.
    static let sayingVerbs: WordSet = ["conte", "contamos", "dije", "dijimos", "puse", "pusimos", "escribi", "escribimos", "respondi",
                                           "respondimos", "explique", "mande", "decir", "contar", "conteste", "mencione", "nombre"]

    /// «ya te conté» to `slot`: a day or time, or members, said inside an earlier answer («Luis
    /// manda la planificación el viernes» as the agreement) are taken from there and said back;
    /// otherwise what Minga has, and the question again.
    func recall(_ slot: SlotDefinition, run: FlowRun, flow: FlowDefinition, context: EngineContext) -> Reading {
        if [.date, .datetime, .time].contains(slot.type) {
            let found = flow.slots.compactMap { other -> SlotValue? in
                guard other.type == .text || other.type == .longtext, let text = run.values[other.name]?.textValue,
                      let m = TemporalParser.parse(text, context: context.temporal), m.alternatives.count <= 1,
                      case .value(let v) = SlotParser.parse(m.text, slot: slot, context: context),
                      violation(v, slot: slot, run: run, context: context) == nil else { return nil }
                return v
            }
            if found.count == 1 {
                return .fill([slot.name: found[0]], remark: "Tienes razón, estaba en lo que me contaste: \(found[0].display(today: context.today)).")
            }
        }
        // «Luis manda la planificación»: members named by their first name in an earlier answer
        // (only a first name no other member shares).
        if slot.type == .people {
            let said = Set(flow.slots.filter { $0.type == .text || $0.type == .longtext }
                .flatMap { run.values[$0.name]?.textValue.map { Phrase($0).tokens } ?? [] })
            let first = { (m: String) in Phrase(m).tokens.first ?? "" }
            let hits = context.members.filter { m in said.contains(first(m)) && context.members.filter { first($0) == first(m) }.count == 1 }
            if !hits.isEmpty {
                return .fill([slot.name: .list(hits)], remark: "Tienes razón, estaba en lo que me contaste: \(SlotValue.joinSpanish(hits)).")
            }
        }
        let have = summary(run, flow: flow, context: context, numbered: false)
        return .reask(have.isEmpty
            ? "Revisé lo que me contaste y no encontré \(slot.label)."
            : "Revisé lo que me contaste y no encontré \(slot.label). Esto es lo que tengo:\n" + have)
    }
}

extension DialogEngine {
    /// «me equivoqué», «perdón», «te lo puse arriba»: talk about the conversation itself, said
    /// after a value. It is never part of the value (nor a comment on it).
    public static func isMetaTalk(_ phrase: Phrase) -> Bool {
        let t = phrase.tokens
        guard !t.isEmpty, t.count <= 6 else { return false }
        if refersBack(phrase) { return true }
        return t.allSatisfy { metaWords.contains($0) } && t.contains(where: { metaCores.contains($0) })
    }

    static let metaCores: WordSet = ["equivoque", "equivoco", "equivocado", "equivocada", "confundi", "perdon", "perdona", "disculpa",
                                     "disculpe", "sorry", "sori", "error"]
    static let metaWords: WordSet = ["me", "equivoque", "equivoco", "equivocado", "equivocada", "confundi", "perdon", "perdona", "disculpa",
                                     "disculpe", "sorry", "sori", "error", "mio", "mi", "ahi", "ah", "oh", "uy", "ups", "jaja", "po", "estaba",
                                     "estoy", "fue", "era", "que", "lo", "la", "antes", "es", "eso", "un"]

    /// «la lectura compartida con apoderados, te lo puse arriba» → «la lectura compartida con
    /// apoderados»: the value without a last clause of meta-talk; nil when there is none.
    public static func withoutMetaTail(_ clean: String) -> String? {
        guard let comma = clean.lastIndex(where: { $0 == "," || $0 == ";" }) else { return nil }
        let head = clean[..<comma].trimmingCharacters(in: .whitespaces)
        let tail = clean[clean.index(after: comma)...].trimmingCharacters(in: .whitespaces)
        guard !head.isEmpty, isMetaTalk(Phrase(tail)) else { return nil }
        return head
    }
}
