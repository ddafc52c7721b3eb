extension DialogEngine {
    /// «ya te conté todo arriba po», «lo dije arriba», «como te dije»: the answer is somewhere in
    /// what was said before. It is never the answer itself (nobody's «qué pasó» is «ya te conté»).
    public static func refersBack(_ phrase: Phrase) -> Bool {
        let t = phrase.tokens
        // Only a message that says nothing else: «fotos po, ya te dije» has its answer in it.
        guard t.count >= 2, t.count <= 10, t.allSatisfy({ pointerWords.contains($0) || sayingVerbs.contains($0) }) else { return false }
        let said = t.contains(where: sayingVerbs.contains)
        let pointer = t.contains("ya") || t.contains("arriba") || t.contains("antes") || t.contains("acabo")
            || containsRun(t, ["como", "te"]) || containsRun(t, ["te", "lo"])
        // «está arriba», «míralo arriba»: the place alone says it too.
        let above = t.contains("arriba") && t.contains(where: ["esta", "estan", "ve", "mira", "miralo", "revisa", "lee", "leelo", "sale"].contains)
        return (said && pointer) || above
    }

    /// Everything else a «ya te conté» message may carry.
    static let pointerWords: Set<String> = ["ya", "te", "le", "les", "lo", "la", "los", "las", "se", "todo", "toda", "eso", "esto", "arriba",
                                            "antes", "acabo", "de", "po", "pues", "como", "si", "jaja", "jajaja", "oye", "pero", "que", "mas",
                                            "en", "el", "mensaje", "anterior", "nomas", "bueno", "ahi", "esta", "estan", "ve", "mira", "miralo",
                                            "revisa", "lee", "leelo", "sale", "eh", "ah", "tambien", "altiro", "recien", "lei", "leiste"]

    /// Past verbs of telling, as a user refers to what they wrote.
    static let sayingVerbs: Set<String> = ["conte", "contamos", "dije", "dijimos", "puse", "pusimos", "escribi", "escribimos", "respondi",
                                           "respondimos", "explique", "mande", "decir", "contar", "conteste", "mencione", "nombre"]

    /// The question again after «ya te conté», saying what Minga has: it looked and did not find it.
    func alreadySaid(_ slot: SlotDefinition, run: FlowRun, flow: FlowDefinition, context: EngineContext) -> String {
        let have = summary(run, flow: flow, context: context, numbered: false)
        return have.isEmpty
            ? "Revisé lo que me contaste y no encontré \(slot.label)."
            : "Revisé lo que me contaste y no encontré \(slot.label). Esto es lo que tengo:\n" + have
    }
}
