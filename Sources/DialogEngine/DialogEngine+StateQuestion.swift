import Understanding

/// «¿qué decidimos sobre dónde hacer las reuniones?», «la Carmen me dijo que cambió la reunión,
/// ¿a qué día quedó?»: a question about what stands (what was decided, where a date ended up),
/// whose other words happen to name an action («hacer las reuniones», «cambió la reunión»). It
/// is answered from the records, never read as a request to change them (qa37 class 1: it
/// opened «Agendar un encuentro», «Cambiar un encuentro»).
extension DialogEngine {
    /// Verbs that ask how something stands, not for something to be done: «decidimos»,
    /// «quedó», «acordaron», «dijeron».
    static let stateVerbs: WordSet = ["decidimos", "decidieron", "decidio", "acordamos", "acordaron", "acordo", "quedo", "quedamos",
                                      "quedaron", "definimos", "definieron", "definio", "resolvimos", "resolvieron", "dijimos"]

    /// True when the message's last clause asks with a question word (after «y», «oye», or a
    /// preposition: «a qué día») and one of `stateVerbs` follows it within three words, the
    /// message being a question: that clause alone, or the last one ending in «?». «anota que
    /// decidimos…» (a «que» after a request verb) is no such question.
    static func asksAboutState(_ clean: String, phrase: Phrase) -> Bool {
        // Most messages hold none of the verbs: the phrase's words say whether to look.
        guard phrase.tokens.contains(where: stateVerbs.contains) else { return false }
        // «volví, ¿dónde quedamos?»: where the conversation was, resumed.
        guard !resuming(phrase) else { return false }
        let parts = clauses(clean)
        guard let last = parts.last else { return false }
        guard parts.count == 1 || clean.trimmingCharacters(in: .whitespaces).hasSuffix("?") else { return false }
        let t = Phrase(last).tokens
        guard var i = t.firstIndex(where: { !QueryMatcher.questionFillers.contains($0) }) else { return false }
        if QueryMatcher.questionPrepositions.contains(t[i]) { i += 1 }
        guard i < t.count, QueryMatcher.questionWords.contains(t[i]) || t[i] == "q" else { return false }
        // «como regla quedamos que nadie usa el celular»: «como» without «?» is no question, and a
        // verb followed by «que» tells what was settled.
        if t[i] == "como", !clean.contains("?") { return false }
        guard let v = t[(i + 1)...].prefix(3).firstIndex(where: stateVerbs.contains) else { return false }
        return v + 1 == t.count || t[v + 1] != "que"
    }

    /// The answer to a question `asksAboutState`: what the records say of its last clause (of
    /// the whole message when it is one), or, for a question naming a meeting that no answer knows («¿a qué día quedó?» after «cambió
    /// la reunión»), the next meeting. Nil when neither is known (the message is read on).
    static func stateAnswer(_ clean: String, phrase: Phrase) -> Query? {
        // «la Marisol dijo que movieron la reunión, ¿para qué día quedó?»: the question is its last
        // clause; the news before it only says which record (read whole, «movieron» asked for
        // the actas of past meetings).
        let parts = clauses(clean)
        if parts.count > 1, let last = parts.last {
            if let query = QueryMatcher.match(Phrase(last), raw: last, strict: false) { return query }
            if phrase.tokens.contains(where: QueryMatcher.meetingNounsSaid.contains) { return .nextMeeting }
        }
        if let query = QueryMatcher.match(phrase, raw: clean, strict: false) { return query }
        if phrase.tokens.contains(where: QueryMatcher.meetingNounsSaid.contains) { return .nextMeeting }
        return nil
    }

    /// «¿a qué día quedó?», «¿y a qué hora era?», «¿qué día es?»: a when-question that names no
    /// record, no month and no «próxima» — about the record the conversation is on (`focus`),
    /// when there is one, not the next meeting.
    public static func asksWhenOfFocus(_ phrase: Phrase) -> Bool {
        let t = phrase.tokens
        // Only the words of such a question: «¿cuándo nos juntamos de nuevo?» asks for the next
        // meeting (a verb of gathering), «¿qué acuerdos vencen el viernes?» for a list.
        guard t.count >= 2, t.count <= 7, t.contains(where: { focusWhenWords.contains($0) }) else { return false }
        return t.allSatisfy { focusWhenWords.contains($0) || focusFillers.contains($0) }
    }
    static let focusWhenWords: Set<String> = ["dia", "hora", "fecha", "cuando"]
    static let focusFillers: Set<String> = ["y", "oye", "a", "que", "q", "quedo", "era", "es", "fue", "sera", "al", "final", "la", "el",
                                            "para", "pa", "po", "entonces", "cual", "en", "de", "eso", "esa", "ese", "por", "fin", "me",
                                            "dijiste", "perdon", "ya", "lo", "finalmente"]

    /// The record the conversation is on: the one a short list showed alone, else the one saved
    /// last (a moved meeting, a closed poll). Nil when none, or when a list showed several.
    public static func focus(_ state: DialogState) -> String? {
        if let listed = state.listing?.records { return listed.count == 1 ? listed[0] : nil }
        if let last = state.lastSave, last.records.count == 1 { return last.record }
        return nil
    }
}

