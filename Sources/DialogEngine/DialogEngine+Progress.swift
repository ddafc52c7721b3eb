import Understanding

/// Questions about the question being asked, never its answer (pass 13, qa22): «¿cuánto falta?»
/// in the middle of a reflection was saved as «Por mejorar», «¿qué significa el 1?» to a 1–4
/// scale as a 1.
extension DialogEngine {
    /// «¿cuánto falta?», «cuantas preguntas quedan», «¿falta mucho?», «¿es la última?»: how much of
    /// the flow is left. Short messages only, every word one of the question's own.
    static func asksProgress(_ clean: String, phrase: Phrase) -> Bool {
        let t = phrase.tokens
        // Cheap first: a few words, one of them «falta(n)»/«queda(n)»/«última».
        guard t.count >= 2, t.count <= 9, t.contains(where: progressVerbs.contains) || t.contains("ultima") else { return false }
        guard t.allSatisfy({ progressWords.contains($0) }) else { return false }
        let asking = TextFold.contains(clean, byte: UInt8(ascii: "?"))
        let counts = t.contains { ["cuanto", "cuanta", "cuantas", "cuantos"].contains($0) }
        // «cuánto falta» asks with or without its «?»; «falta mucho», «es la última» only with it
        // («falta mucho» may answer «¿Qué no funcionó?»).
        if counts { return true }
        return asking && t.contains { ["mucho", "muchas", "muchos", "harto", "hartas", "poco", "pocas", "ultima"].contains($0) }
    }

    /// «¿cuánto llevo?», «¿cuánto llevamos?», «¿cuánto vamos?»: how far along, asked the other way round.
    static let progressVerbs: WordSet = ["falta", "faltan", "queda", "quedan", "faltaria", "faltarian", "quedaria", "quedarian",
                                         "llevo", "llevamos", "vamos", "voy"]
    static let progressWords: WordSet = [
        "cuanto", "cuanta", "cuantas", "cuantos", "falta", "faltan", "queda", "quedan", "faltaria", "faltarian", "quedaria", "quedarian",
        "mucho", "muchas", "muchos", "harto", "hartas", "poco", "pocas", "preguntas", "pregunta", "mas", "todavia", "aun", "me", "nos",
        "te", "le", "para", "terminar", "acabar", "oye", "minga", "y", "pero", "ya", "po", "uf", "uff", "pucha", "es", "la", "ultima",
        "esta", "son", "de", "las", "casi", "listo", "que", "llevo", "llevamos", "vamos", "voy", "espera", "espere", "pera", "a", "ver",
        "como",
    ]

    /// What is left to ask in `run`, said before the question is asked again.
    func progressNote(_ run: FlowRun, flow: FlowDefinition) -> String {
        var left = 0, maybe = false
        for slot in flow.slots where !run.skipped.contains(slot.name) && run.values[slot.name] == nil {
            if let cond = slot.condition {
                guard let v = run.values[cond] else { maybe = true; continue }
                if let want = slot.conditionValue {
                    let have: String = switch v {
                    case .bool(let b): b ? "si" : "no"
                    default: v.textValue.map { TextFold.fold($0) } ?? ""
                    }
                    guard have == TextFold.fold(want) else { continue }
                }
            }
            left += 1
        }
        let review = "después te muestro todo para revisarlo antes de guardar"
        let more = maybe ? " (quizás una más, según lo que respondas)" : ""
        switch left {
        case ...1: return "Esta es la última pregunta\(more); \(review)."
        default: return "Quedan \(left) preguntas contando esta\(more); \(review)."
        }
    }

    /// «¿qué significa el 1?», «¿el 4 es mucho?», «que es el 2?» to a question asking for a number:
    /// what a value of the scale means, asked with a «?»; the number in it is no answer.
    static func asksAboutNumber(_ clean: String, phrase: Phrase, slot: SlotDefinition) -> Bool {
        guard slot.type == .number, TextFold.contains(clean, byte: UInt8(ascii: "?")) else { return false }
        let t = phrase.tokens
        guard t.count >= 2, t.count <= 9, t.contains(where: numberQuestionCues.contains),
              t.contains(where: { $0.allSatisfy(\.isNumber) || numberNames.contains($0) }) else { return false }
        return t.allSatisfy { $0.allSatisfy(\.isNumber) || numberNames.contains($0) || numberQuestionWords.contains($0) }
    }

    static let numberQuestionCues: WordSet = ["significa", "es", "seria", "vale", "quiere", "corresponde", "equivale", "cual", "como"]
    static let numberNames: WordSet = ["uno", "dos", "tres", "cuatro", "cinco"]
    static let numberQuestionWords: WordSet = [
        "que", "significa", "es", "seria", "vale", "quiere", "decir", "corresponde", "equivale", "cual", "como", "el", "la", "un", "una",
        "lo", "a", "al", "y", "o", "mucho", "poco", "harto", "alto", "bajo", "bueno", "malo", "mejor", "peor", "maximo", "minimo", "mas",
        "menos", "nada", "oye", "minga", "perdon", "entonces", "seria", "numero", "nota", "puntaje",
    ]

    /// «perdón, ¿qué era lo que me preguntaste?», «eh ¿qué significa eso?», «no entendí la
    /// pregunta», «¿a qué te refieres?»: the person asks what the question being asked means or
    /// was. Its help and the question again; never the answer (qa30: a reflection stored «perdon,
    /// que era lo que me preguntaste?» as what could improve; a 1–4 scale answered «no entendí
    /// como número»). Only words about the question itself: «¿qué significa PME?» names a word
    /// (`asksAboutWording`), «¿qué pregunta hicieron los niños?» tells something.
    static func asksWhatQuestionIs(_ phrase: Phrase) -> Bool {
        let t = phrase.tokens
        // Cheap first: short, and one of a few words that only such a message has.
        guard t.count >= 2, t.count <= 10, t.contains(where: questionAboutQuestionCues.contains) else { return false }
        guard t.allSatisfy(questionAboutQuestionWords.contains) else { return false }
        // What is asked is the question: «pregunta…», or a deictic «eso/esto» with «significa», «refieres», «decir».
        let aboutQuestion = t.contains { $0.hasPrefix("pregunt") }
        let deictic = t.contains { ["eso", "esto"].contains($0) } || t.contains("refieres") || t.contains("refiere")
        let asks = t.contains { ["que", "cual", "como", "no", "repite", "repiteme", "repetir", "repetirme", "refieres", "refiere"].contains($0) }
        return asks && (aboutQuestion || deictic)
    }

    static let questionAboutQuestionCues: WordSet = ["pregunta", "preguntaste", "preguntas", "preguntando", "preguntabas", "preguntado",
                                                     "significa", "refieres", "refiere", "decir"]
    static let questionAboutQuestionWords: WordSet = [
        "pregunta", "preguntaste", "preguntas", "preguntando", "preguntabas", "preguntado", "significa", "refieres", "refiere", "decir",
        "quiere", "quieres", "que", "cual", "como", "era", "es", "eso", "esto", "lo", "la", "me", "a", "te", "se", "con", "de", "no",
        "entendi", "entiendo", "cache", "cacho", "repite", "repiteme", "repetir", "repetirme", "puedes", "podrias", "perdon", "disculpa",
        "oye", "eh", "em", "mm", "ah", "y", "pero", "minga", "exactamente", "bien", "ultima", "estas", "esa", "ese", "otra", "vez", "porfa",
        "sorry", "uy", "ups", "jaja", "ahi", "aca", "aqui", "mas", "o", "sea",
    ]
}
