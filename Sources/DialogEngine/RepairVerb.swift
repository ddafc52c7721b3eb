import Understanding

/// The repair verbs every flow understands without authoring (issue: forgiving slot filling).
public enum RepairVerb: String, Hashable, Sendable, CaseIterable {
    case help, cancel, back, repeatQuestion, summary, skip, pause, resume

    /// Ways a Chilean teacher says each verb, folded (no accents, lowercase).
    var phrases: [String] {
        switch self {
        case .help:
            ["ayuda", "ayudame", "help", "no entiendo", "no entendi", "que pongo", "que tengo que poner",
             "que debo poner", "que escribo", "explicame", "explica", "como", "no cacho", "no se que poner", "?",
             "que puedo hacer", "que puedes hacer", "que sabes hacer", "que mas sabes hacer", "que mas puedes hacer",
             "que mas puedo hacer", "que haces", "que hago", "que hago aca", "que hago aqui", "como funciona",
             "como funciona esto", "como funcionas", "como se usa", "como te uso", "para que sirves", "para que sirve esto",
             "menu", "el menu", "opciones", "que opciones hay", "que opciones tengo",
             // «¿cuáles son las opciones?», «¿qué puedo poner?» (issue 12: read as a question about the network).
             "cuales son las opciones", "cuales son mis opciones", "cuales son", "que opciones", "las opciones", "que opciones me das",
             "que puedo poner", "que puedo responder", "que puedo contestar", "que respondo", "que contesto", "que es esto", "que es eso",
             // «¿cómo así?», «¿cómo es eso?» after a question: what it asks, not an answer (new-user pass: stored).
             "como asi", "como es eso", "como es esto", "como seria", "como seria eso", "no te cacho", "no entiendo la pregunta"]
        case .cancel:
            ["cancelar", "cancela", "cancelalo", "cancelemos", "ya no", "mejor no", "olvidalo", "olvidate",
             "dejalo", "dejemoslo", "dejemoslo hasta aqui", "no importa", "anular", "anula", "stop", "basta"]
        case .back:
            ["atras", "volver", "volver atras", "vuelve", "anterior", "la anterior", "deshacer", "deshaz",
             "me equivoque en la anterior",
             // «deshace eso», «deshaz lo último», «deshazlo» (pass 9, qa13: not understood).
             "deshace", "deshazlo", "deshacelo", "deshace eso", "deshaz eso", "deshacer eso", "deshace lo ultimo",
             "deshaz lo ultimo", "deshacer lo ultimo", "deshaz lo que hice", "deshace lo que hice", "deshacer lo que hice",
             // «no, vuelve atrás eso» right after a save (pass 11: the menu).
             "vuelve atras", "vuelve atras eso", "volver atras eso", "vuelvelo atras", "no vuelve atras", "no vuelve atras eso",
             "no deshaz eso", "no deshazlo", "deshaz el cambio", "deshacer el cambio", "deshace el cambio"]
        case .repeatQuestion:
            ["repetir", "repite", "repiteme", "repetir pregunta", "cual era la pregunta", "que me preguntaste",
             "otra vez", "de nuevo"]
        case .summary:
            ["resumen", "resumeme", "que llevamos", "como vamos", "que tenemos", "que llevo", "ver resumen"]
        case .skip:
            ["saltar", "salta", "saltate", "saltala", "omitir", "omite", "paso", "siguiente", "no aplica",
             "sin dato", "prefiero no decir", "dejar en blanco", "en blanco"]
        case .pause:
            ["pausar", "pausa", "pausalo", "espera", "despues sigo", "luego sigo", "mas rato sigo", "sigo despues",
             "sigo mas rato", "en otro momento", "dejar para despues", "despues", "mas rato", "dejemoslo para despues"]
        case .resume:
            ["seguir", "sigamos", "continuar", "continuemos", "retomar", "retomemos", "sigue", "continua",
             "volvamos", "en que ibamos", "en que estabamos"]
        }
    }

    /// Every phrase with its verb, for exact lookups (the first verb listing a phrase wins).
    private static let exact: [String: RepairVerb] = {
        var map: [String: RepairVerb] = [:]
        for verb in allCases { for p in verb.phrases where map[p] == nil { map[p] = verb } }
        return map
    }()

    /// Single-word phrases of 5+ letters, which also match with one typo ("cancelr").
    private static let typoTolerant = FuzzyLexicon(allCases.flatMap { $0.phrases.filter { $0.count >= 5 && !$0.contains(" ") } })

    /// The first word of every phrase (`WordClass.repairOpening`).
    /// (Split on spaces: the phrases are folded already, and a `Phrase` here would read the word
    /// table this set is part of.)
    static let openings = WordSet(allCases.flatMap { $0.phrases.compactMap { $0.split(separator: " ").first.map(String.init) } })

    /// Bit k: a single word of k bytes may be one typo from a `typoTolerant` phrase (63: longer).
    private static let typoLengths: UInt64 = typoTolerant.words.reduce(0) { mask, w in
        let n = w.utf8.count
        return mask | (1 << UInt64(Swift.min(n - 1, 63))) | (1 << UInt64(Swift.min(n, 63))) | (1 << UInt64(Swift.min(n + 1, 63)))
    }

    /// Whether the tokens `range` of `phrase` may be a phrase whole (`whole`'s necessary
    /// condition, on the words' bits): a phrase opens with one of `openings`, and a typo needs a
    /// single word of a typo-tolerant length. Most answers fail both, and no text is hashed.
    @inline(__always)
    private static func mayBeWhole(_ phrase: Phrase, _ range: Range<Int>) -> Bool {
        guard let first = range.first else { return false }
        if phrase.classes[first].contains(.repairOpening) { return true }
        return range.count == 1 && typoLengths & (1 << UInt64(Swift.min(phrase.tokens[first].utf8.count, 63))) != 0
    }

    /// The verb `phrase` says as a whole, if any.
    /// `recognize` for a flow's own reading: «cancelar», «ayuda», «atrás» are never its value.
    public static func said(_ phrase: Phrase) -> RepairVerb? { recognize(phrase) }

    static func recognize(_ phrase: Phrase) -> RepairVerb? {
        if phrase.folded.isEmpty { return nil }
        // The core is usually the folded text itself: checked once then.
        // (No array of the two made: this runs on every answer.)
        let core = mayBeWhole(phrase, phrase.coreRange)
        assert(core || whole(phrase.core) == nil, "RepairVerb.openings hides «\(phrase.core)»")
        if core, let verb = whole(phrase.core) {
            // «hola de nuevo», «hola otra vez»: back again, a greeting; not «ask me again».
            if verb == .repeatQuestion, phrase.classes.first?.contains(.greeting) == true { return nil }
            return verb
        }
        if phrase.core != phrase.folded {
            let all = mayBeWhole(phrase, 0..<phrase.tokens.count)
            assert(all || whole(phrase.folded) == nil, "RepairVerb.openings hides «\(phrase.folded)»")
            if all, let verb = whole(phrase.folded) { return verb }
        }
        if asksAboutField(phrase) || asksAboutMinga(phrase) { return .help }
        if helpSaidLoosely(phrase) { return .help }
        if undoAfterRegret(phrase) { return .back }
        // «cancela eso», «olvida todo eso», «sáltate esto»: the verb with what it acts on.
        let t = phrase.tokens
        if t.count >= 2, t.count <= 4, phrase.classes.last?.contains(.repairPointer) == true {
            var verb = Array(t.dropLast())
            while verb.count > 1, let l = verb.last, pointers.contains(l) { verb.removeLast() }
            if verb.count == 1, verb[0] == "olvida" { return .cancel }
            if let v = exact[verb.joined(separator: " ")], v != .help, v != .repeatQuestion, v != .summary { return v }
        }
        return nil
    }

    /// The verb `c` (a core or folded text) is, exactly or with one typo in a single word.
    private static func whole(_ c: String) -> RepairVerb?? {
        guard !c.isEmpty, c.utf8.count <= 40 else { return nil }
        if let verb = exact[c] { return verb }
        guard !TextFold.contains(c, byte: 0x20) else { return nil }
        // A person's name or a thing one letter from a verb ("Paula", "pauta" for «pausa») is itself.
        if NeverTypo.contains(c) { return nil }
        for i in typoTolerant.lookup(c) {
            let p = typoTolerant.words[i]
            if abs(p.utf8.count - c.utf8.count) <= 1,
               Phrase.similarBytes(c, p, budget: 1) { return .some(exact[p]) }
        }
        return nil
    }

    /// «q puedo hacer aca?», «qué puedes hacer acá?», «que hago contigo po»: a help phrase with
    /// «q» for «que», or with where said after it (new-user pass qa17: «No hay sondeos abiertos»,
    /// «puedo» read as availability).
    static func helpSaidLoosely(_ phrase: Phrase) -> Bool {
        let t = phrase.tokens
        // The last word's bits (`WordClass.helpPlace`): most messages end in none and were hashed.
        guard t.count >= 2, t.count <= 7, let last = t.last, t[0] == "q" || phrase.classes[t.count - 1].contains(.helpPlace) else {
            assert(!(t.count >= 2 && t.count <= 7 && t.last.map(helpPlaces.contains) == true), "the helpPlace bit hides «\(phrase.folded)»")
            return false
        }
        assert(t[0] == "q" || helpPlaces.contains(last), "the helpPlace bit reads «\(last)» otherwise")
        var said = t
        if said[0] == "q" { said[0] = "que" }
        while said.count > 1, let l = said.last, helpPlaces.contains(l) { said.removeLast() }
        return exact[said.joined(separator: " ")] == .help && said.count >= 2
    }

    /// (And how much is not understood: «no cacho na», «no entiendo nada» — «na» was read as a surname.)
    static let helpPlaces: Set<String> = ["aca", "aqui", "contigo", "po", "minga", "ahora", "nada", "na"]

    /// «uy no, me equivoqué, deshaz eso», «ay no! no era ese, deshacer», «deshace eso, me
    /// equivoqué»: an undo with words of regret only around it (pass 10, qa16: not understood). Only the «deshacer» family: «no,
    /// volver» or «me equivoqué, atrás» are left to the other readings.
    static func undoAfterRegret(_ phrase: Phrase) -> Bool {
        let t = phrase.tokens
        // A word opening with «deshac»/«deshaz» puts «desha» in the folded text: most answers
        // lack it, and their words are not each compared by prefix.
        guard t.count >= 2, t.count <= 10, TextFold.containsBytes(phrase.folded, "desha"),
              let k = t.lastIndex(where: { $0.hasPrefix("deshac") || $0.hasPrefix("deshaz") }) else {
            assert(TextFold.containsBytes(phrase.folded, "desha") || !t.contains { $0.hasPrefix("deshac") || $0.hasPrefix("deshaz") },
                   "the «desha» gate hides «\(phrase.folded)»")
            return false
        }
        guard regretOnly(t[..<k]) else { return false }
        // The undo is the longest «deshacer» phrase at `k`; what follows it may only be more
        // regret («uy no, deshace eso, me equivoqué»: new-user try, 2026-12-06, not understood).
        for end in stride(from: t.count, to: k, by: -1) {
            guard exact[t[k..<end].joined(separator: " ")] == .back else { continue }
            return (k > 0 || end < t.count) && (regretOnly(t[end...]) || regretThenFigure(t[end...]))
        }
        return false
    }

    /// «, me equivoqué, eran 12», «, era de 4to»: regret that ends saying the figure it was, which
    /// is what the undo puts back (its review shows the value before anything is saved). qa36
    /// conv 25: «deshace eso, me equivoque, eran 12» was not understood.
    static func regretThenFigure(_ words: ArraySlice<String>) -> Bool {
        guard let i = words.lastIndex(where: { ["era", "eran", "es", "son", "fue", "fueron"].contains($0) }) else { return false }
        let tail = words[(i + 1)...]
        return !tail.isEmpty && tail.count <= 4 && tail.contains { $0.contains(where: \.isNumber) } && regretOnly(words[..<i])
    }

    /// Words of regret only; «me equivoqué de persona», «me confundí de acuerdo»: what the mistake
    /// was about, one word after «de», is regret too (new-user pass, issue 12: «deshaz eso, me
    /// equivoque de persona» was not understood).
    static func regretOnly(_ words: ArraySlice<String>) -> Bool {
        var i = words.startIndex
        while i < words.endIndex {
            if words[i] == "de", i > words.startIndex, mistakeVerbs.contains(words[i - 1]), i + 1 < words.endIndex {
                i += 2
                continue
            }
            guard regretWords.contains(words[i]) else { return false }
            i += 1
        }
        return true
    }

    static let mistakeVerbs: WordSet = ["equivoque", "equivocamos", "confundi", "confundimos", "equivocaste"]

    static let regretWords: WordSet = ["uy", "ay", "ups", "oops", "chuta", "pucha", "oh", "no", "me", "equivoque", "equivoqué", "era",
                                       "ese", "esa", "eso", "esto", "perdon", "sorry", "error", "por", "favor", "porfa", "mejor",
                                       "mala", "mio", "mia", "fue", "un", "quise", "decir", "ah", "ya", "oye", "minga", "y", "lo", "la",
                                       "ultimo", "que", "hice", "puedes", "podrias",
                                       // «chuta no, era otro, deshace eso» (new-user pass qa17).
                                       "otro", "otra",
                                       // «me confundí de persona», «nos equivocamos de número».
                                       "confundi", "confundimos", "equivocamos", "nos",
                                       // «uy no, era broma, vuelve a ponerla»: a joke taken back.
                                       "broma", "bromita", "mentira", "chiste", "bromeaba", "bromeando", "jaja", "jajaja"]

    /// What a verb acts on, said after it: «cancela eso», «olvida todo».
    static let pointers: WordSet = ["eso", "esto", "todo", "nomas", "mejor", "entonces", "altiro", "ya", "po", "porfa"]

    /// "¿y aquí qué va?", "no entiendo qué poner", "¿qué significa eso?": a question about the
    /// question itself, answered with its help; never stored as the answer.
    static func asksAboutField(_ phrase: Phrase) -> Bool {
        let t = phrase.tokens
        guard t.count >= 2, t.count <= 8, phrase.some(.fieldCue), phrase.some(.fieldAsk) else { return false }
        return phrase.every([.fieldCue, .fieldAsk, .fieldFiller])
    }

    /// «hola, ¿qué es minga? ¿para qué sirve?», «¿quién eres?», «¿y tú qué haces, minga?»: who
    /// Minga is and what it does, asked in any flow or at the menu (new-user pass qa38: at the
    /// network's creation it was «una pregunta que no sé responder»). Only such words around one
    /// that names Minga or speaks to it; compared as small strings, so most answers cost little.
    static func asksAboutMinga(_ phrase: Phrase) -> Bool {
        let t = phrase.tokens
        guard t.count >= 2, t.count <= 12,
              t.contains(where: { $0 == "minga" || $0 == "eres" || $0 == "sirves" || $0 == "funcionas" || $0 == "haces" || $0 == "puedes" }) else { return false }
        // A question («buenas tardes, Minga» greets).
        return t.contains(where: { $0 == "que" || $0 == "quien" || $0 == "como" || $0 == "q" || $0 == "k" }) && t.allSatisfy(aboutWords.contains)
    }

    /// Whether `phrase` asks what Minga is or can do, rather than what the question wants.
    public static func asksWhatMingaIs(_ phrase: Phrase) -> Bool {
        asksAboutMinga(phrase) || aboutPhrases.contains(phrase.core)
    }

    static let aboutPhrases: Set<String> = [
        "que puedes hacer", "que sabes hacer", "que mas sabes hacer", "que mas puedes hacer", "que haces", "como funciona", "como funcionas", "como se usa", "como te uso", "para que sirves",
    ]

    static let aboutWords: WordSet = [
        "hola", "buenas", "buenos", "dias", "tardes", "noches", "oye", "y", "que", "quien", "es", "eres", "minga", "para", "pa",
        "sirve", "sirves", "como", "funciona", "funcionas", "esto", "eso", "tu", "usted", "se", "hace", "haces", "puede", "puedes",
        "hacer", "me", "ayudas", "en", "exactamente", "po", "o", "sea", "cosa", "una", "un", "el", "la", "de", "bueno", "ya", "k", "q",
    ]

    static let fieldCues: WordSet = [
        "poner", "pongo", "pone", "escribo", "escribir", "escribe", "va", "van", "significa", "refieres", "refiere", "entiendo",
        "entendi", "cacho", "piden", "pides", "pregunta", "preguntas", "respondo", "responder", "contesto", "contestar", "sirve",
        // «¿y esto para qué es?», «¿para qué sirven?», «¿pa qué me pedís eso?»
        "sirven", "es", "pedis", "pidis", "preguntai",
    ]
    static let fieldAsks: WordSet = ["que", "como", "cual", "entiendo", "entendi", "cacho", "ke", "q"]
    static let fieldFiller: WordSet = [
        "y", "aqui", "aca", "ahi", "se", "me", "te", "no", "lo", "la", "le", "tengo", "debo", "hay", "de", "en", "esto", "eso",
        "quieres", "decir", "o", "sea", "po", "bien", "muy", "mas", "exactamente", "tu", "usted", "a", "el", "con", "sobre",
        "por", "ya", "pero", "esta", "este", "dato", "campo", "pregunta", "weon", "oye", "perdon", "disculpa",
        // «oye y esto pa qué sirve?», «¿para qué me pides eso?»: what for, said in chat
        "para", "pa", "k",
    ]
}
