extension DialogEngine {
    /// «ya te conté todo arriba po», «lo dije arriba», «como te dije»: the answer is somewhere in
    /// what was said before. It is never the answer itself (nobody's «qué pasó» is «ya te conté»).
    public static func refersBack(_ phrase: Phrase) -> Bool {
        let t = phrase.tokens
        guard t.count >= 2, t.count <= 10 else { return false }
        let said = t.contains(where: sayingVerbs.contains)
        let pointer = t.contains("ya") || t.contains("arriba") || t.contains("antes") || t.contains("acabo")
            || containsRun(t, ["como", "te"]) || containsRun(t, ["te", "lo"])
        // «está arriba», «míralo arriba»: the place alone says it too.
        let above = t.contains("arriba") && t.contains(where: ["esta", "estan", "ve", "mira", "miralo", "revisa", "lee", "leelo", "sale"].contains)
        return (said && pointer) || above
    }

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
