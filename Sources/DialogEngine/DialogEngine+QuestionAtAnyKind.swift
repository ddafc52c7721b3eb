import Understanding

/// A question typed where a yes/no, a choice or a long free text is asked («¿quién asistió la otra
/// vez?» to «¿Qué pasó?», «en qué quedamos con lo de la lectura?» to an agreement's evidence): it is
/// answered from the records, or said it can't be, and the question is asked again; it is never
/// stored as the answer (qa21/qa22: it became a reflection's answer, an agreement's evidence).
/// `askedOutright` reads the other kinds; this one the kinds it leaves to their own readings.
extension DialogEngine {
    /// `.some(query)` when the records answer the question; `.some(nil)` when it is a question
    /// nobody's records answer; nil when it is no question to Minga (a value, a yes or a no).
    ///
    /// A question to Minga opens (after «y», «oye»…) with a question word or a preposition and one
    /// («¿en qué quedamos…?», «¿con quién…?») and ends with its «?», nothing said after it. A long
    /// answer that quotes a question («nos preguntamos ¿cómo…?») opens with other words. Without a
    /// «?», only a yes/no or choice question reads it, and only when the records answer it.
    static func askedAtAnyKind(_ clean: String, phrase: Phrase, slot: SlotDefinition) -> Query?? {
        let c = phrase.classes
        // Cheap first: the opening word's bits (most answers open with no question word).
        guard let k = c.prefix(3).firstIndex(where: { !$0.contains(.questionFiller) }) else { return nil }
        let t = phrase.tokens
        let byWord = c[k].contains(.questionWord) || t[k] == "q"
        let byPreposition = !byWord && c[k].contains(.questionPreposition) && k + 1 < t.count && c[k + 1].contains(.prepositionQuestionWord)
        guard byWord || byPreposition else { return nil }
        switch slot.type {
        case .yesno, .confirm, .choice, .longtext: break
        // A question word first is `askedOutright`'s at these; a preposition first is not.
        case .text, .people, .person: guard byPreposition else { return nil }
        default: return nil
        }
        guard t.count - k >= 2, t.count <= 16 else { return nil }
        // «¿cómo no?», «¿por qué no?»: a yes or a no said as a question answers it. «¿qué pongo
        // aquí?», «¿para qué me pides eso?» ask for the question's help (the repairs give it).
        if YesNo.parse(clean) != nil || RepairVerb.recognize(phrase) != nil { return nil }
        let marked = TextFold.contains(clean, byte: UInt8(ascii: "?"))
        if !marked {
            // «cuál es más urgente» may be how someone picks: only a yes/no or choice question
            // takes an unmarked question, and only one the records answer.
            guard slot.type == .yesno || slot.type == .confirm || slot.type == .choice,
                  slot.type != .choice || choiceIn(tokens: t, slot: slot) == nil, t.count - k >= 3 else { return nil }
            return QueryMatcher.match(phrase, raw: clean, strict: true).map { .some($0) }
        }
        // One question, the whole message: its «?» closes it («¿cómo lo hicimos? leímos en parejas»
        // is an answer that opens with the question it answers).
        guard !saysMoreAfterQuestionMark(clean), clean.utf8.last(where: { $0 != 0x20 }) == UInt8(ascii: "?") else { return nil }
        return .some(QueryMatcher.match(phrase, raw: clean, strict: true))
    }

    /// What is said when the question can't be answered: not stored, and how to say it is the answer.
    static func unansweredQuestionNote(_ slot: SlotDefinition) -> String {
        let base = "Eso suena a pregunta y esa no la sé responder todavía, así que no lo anoto como respuesta."
        return slot.type == .text || slot.type == .longtext ? base + " Si de verdad es tu respuesta, escríbela entre comillas." : base
    }
}
