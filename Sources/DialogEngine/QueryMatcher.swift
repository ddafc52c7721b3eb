import Understanding
/// Recognizes questions about the network's data ("¿cuándo es la próxima reunión?").
enum QueryMatcher {
    // Sets built once: `match` reads most messages.
    static let questionFillers: WordSet = ["oye", "oiga", "y", "ya", "bueno", "entonces", "pero", "hola", "ah"]
    static let questionWords: WordSet = ["que", "cual", "cuales", "cuando", "donde", "quien", "quienes", "cuantos", "cuantas", "como"]
    static let questionPrepositions: WordSet = ["con", "en", "de", "a", "para", "por", "sobre"]
    static let prepositionQuestionWords: WordSet = ["que", "quien", "quienes", "cual", "cuales"]

    /// The duty words `match` looks for in the folded text (a literal there was an array made
    /// and freed on every message with an «o»).
    static let dutyWords: [StaticString] = ["tengo", "toca", "debo"]

    static let interrogatives: WordSet = [
        "que", "cual", "cuales", "cuando", "donde", "quien", "quienes", "cuantos", "cuantas", "como", "hay", "tengo",
        "tenemos", "muestrame", "mostrar", "dime", "ver", "lista", "listar", "recuerdame",
    ]

    /// Every word the patterns below look for, typo-tolerant (built once).
    static let vocabulary = FuzzyLexicon([
        "reunion", "reuniones", "encuentro", "encuentros", "junta", "juntamos", "sesion", "consejo", "jornada", "taller", "microcentro", "acuerdo",
        "acuerdos", "compromiso", "compromisos", "pendiente", "pendientes", "tareas", "tabla", "temario",
        "temas", "agenda", "puntos", "aprendimos", "aprendido", "aprendizajes", "aprendizaje", "aprendemos",
        "reflexiones", "sistematizado", "apropiacion", "apropiaciones", "apropiarse", "apropiado", "apropiada", "faltan", "falta", "proposito",
        "sondeo", "sondeos", "encuesta", "votacion", "nivel", "diagnostico", "diagnosticos", "madurez",
        "proxima", "proximo", "siguiente", "cuando", "viene", "vencido", "vencidos", "vencidas", "atrasado",
        "atrasados", "atrasadas", "tengo", "mis", "mios", "abiertos", "significa", "significado", "escuela",
        "comprometo", "vacaciones", "conduce", "conduzca", "dirige", "miembros", "integrantes", "participantes", "red", "sabe", "trabajado", "experiencia",
        "organizaciones", "organizacion", "instituciones", "contacto", "normas", "norma", "reglas", "pei", "pme", "territorio", "vinculacion", "aliados", "decidimos", "decisiones",
        "decision", "decidieron", "institucionalizar", "institucionalizacion", "institucionalizamos", "institucionalizadas",
        "objetivos", "objetivo", "resultados", "simce", "indicadores", "metas", "meta", "vence", "vencen", "plazo",
        "cumplidos", "cumplidas", "cumplieron", "reprogramados", "reprogramadas",
    ])

    /// What is left of «¿cómo vamos (como red)?» without its fillers.
    static let howWeGo: WordSet = ["vamos", "estamos", "va la", "van las cosas", "andamos", "vamos en la", "va"]

    static let meetingDetailWords: WordSet = ["hora", "horario", "presencial", "online", "virtual", "zoom", "meet", "link", "enlace",
                                                  "lugar", "donde", "dura", "duracion"]

    /// Words that put a meeting in the past: «la última», «la anterior», its acta, «¿qué pasó?»;
    /// «¿quién faltó a la reunión de diciembre?» asks who missed it (who came opens the acta).
    static let pastMarkers: WordSet = ["ultima", "ultimo", "pasada", "pasado", "anterior", "acta", "hablo", "hablamos", "fue", "paso", "trato",
                                       "tratamos", "conversamos", "vimos", "hicimos", "ayer", "falto", "faltaron"]

    /// «hablaron», «vieron», «decidieron»: the third person plural of the past has endings of its own.
    /// Who came is asked when the acta is to be written: «¿quiénes vinieron a la reunión?» alone
    /// opens it, so those verbs do not count.
    static func isPastPlural(_ w: String) -> Bool {
        w.utf8.count >= 5 && (w.hasSuffix("aron") || w.hasSuffix("ieron")) && !attendanceVerbs.contains(w)
    }

    /// Having led a meeting, in the past: «conducido», «condujo», «dirigido», «liderado».
    static let ledWords: WordSet = ["conducido", "condujo", "condujeron", "dirigido", "dirigio", "dirigieron", "liderado", "lidero", "lideraron"]

    /// What the network settled, in the past: «decidimos», «acordamos», «quedamos».
    static let decidedWords: WordSet = ["decidimos", "decidieron", "decidio", "acordamos", "acordaron", "resolvimos", "resolvieron", "quedamos"]

    /// «hemos compartido», «tiene la red», «hay»: the practices a network has, asked about.
    static let sharedPracticeWords: WordSet = ["compartido", "compartidas", "compartimos", "compartieron", "tiene", "tienen", "tenemos",
                                                 "hay", "hemos", "registradas", "guardadas", "reflexionado"]

    /// Answering a poll, in the past: «respondido», «contestado».
    static let answeredWords: WordSet = ["respondido", "contestado", "respondio", "contesto", "respondieron", "contestaron",
                                         "responder", "contestar"]

    /// Having come to a meeting, in the singular: «asistió», «vino».
    static let cameWords: WordSet = ["asistio", "vino", "llego", "estuvo", "participo", "fue", "asistido", "venido", "participado"]

    static let attendanceVerbs: WordSet = ["vinieron", "asistieron", "faltaron", "llegaron", "estuvieron", "fueron", "participaron"]

    /// Words that ask whether something is written down («hay», «tenemos algo…»).
    static let existenceWords: WordSet = ["hay", "habia", "tenemos", "teniamos", "tienen", "tengo", "existe", "sabemos", "anotamos",
                                          "registramos", "guardamos", "quedo", "anotado", "registrado"]

    static let notTypos: WordSet = ["habla", "hablan", "junto", "juntos", "juntas", "plaza", "mesa", "mesas", "forma", "formas", "salta",
                                    "palta", "tela", "nada", "meter", "mete"]

    /// Greetings and calls that may open any request («hola», «wena», «oye Minga»).
    static let greetingLeads: WordSet = ["hola", "wena", "wenas", "buenas", "buena", "oye", "oiga", "hey", "ola", "minga", "porfa", "ya", "y", "ah",
                                         "buenos", "dias", "tardes"]
    static let searchVerbs: WordSet = ["busca", "buscar", "buscame", "busquemos", "buscas", "encuentra", "encuentrame", "encontrar"]

    /// Words that follow a question's first word ("que hay", "cuando es", "como va").
    static let questionFollowers: WordSet = [
        "es", "son", "era", "fue", "hay", "habia", "tengo", "tiene", "tienen", "tenemos", "va", "van", "vamos", "dice",
        "dijimos", "quedamos", "quedo", "toca", "me", "nos", "le", "les",
    ]

    /// After an answer's opening «que»: a statement of what must be or what matters, never a question.
    static let statementLeads: [[String]] = [
        ["hay", "que"], ["tenemos", "que"], ["tienen", "que"], ["debemos"], ["hay", "harto"], ["sirve"], ["conviene"], ["resulta"],
        ["funciona"], ["es", "importante"], ["es", "clave"], ["es", "necesario"], ["es", "bueno"], ["es", "mejor"], ["es", "fundamental"],
    ]

    /// «para la próxima reunión», «pal próximo encuentro», «hasta la siguiente»: the next
    /// meeting said as a deadline (folded tokens).
    static func nextAsDeadline(_ t: [String]) -> Bool {
        t.indices.contains { i in
            guard ["proxima", "proximo", "siguiente"].contains(t[i]), i >= 1 else { return false }
            if ["pal", "hasta", "antes"].contains(t[i - 1]) { return true }
            return i >= 2 && ["la", "el"].contains(t[i - 1]) && ["para", "pa", "hasta", "de", "del"].contains(t[i - 2])
                && (t[i - 2] != "de" && t[i - 2] != "del" || (i >= 3 && t[i - 3] == "antes"))
        }
    }

    /// `strict` (inside a free-text question): only an explicit question counts, so an agreement's
    /// text that mentions "acuerdos vencidos" is not mistaken for a query.
    static func match(_ phrase: Phrase, raw: String, strict: Bool) -> Query? {
        // Inside a free-text answer most messages are answers, not questions: one exact test of
        // what every rule below needs there (checked against them all in debug builds).
        if strict, !mayMatchStrict(phrase, raw: raw) {
            assert(matchAll(phrase, raw: raw, strict: true) == nil, "mayMatchStrict ruled out «\(raw)», a question")
            return nil
        }
        return matchAll(phrase, raw: raw, strict: strict)
    }

    /// `match(phrase, raw:, strict: true)` can find a query only when this holds: the words of
    /// a network summary (`networkSummary`'s gate); or, in a message of 1 to 14 words, a «?» or
    /// «¿» byte (the question marks), a question word opening it (or after «y»), a search verb
    /// (`.search`), «que» among the first four words (`.definition`), or a duty word in the
    /// folded letters (`.myAgreements`). Every other rule there needs `question`, which is false
    /// without the first two.
    static func mayMatchStrict(_ phrase: Phrase, raw: String) -> Bool {
        let t = phrase.tokens, c = phrase.classes
        if t.count <= 24, phrase.some([.missingWord, .networkWord]) { return true }
        guard !t.isEmpty, t.count <= 14 else { return false }
        let (asciiMark, invertedMark) = TextFold.contains(raw, byte: UInt8(ascii: "?"), orByte: 0xBF)
        if asciiMark || invertedMark { return true }
        if c[0].contains(.interrogative) || (t.count >= 3 && t[0] == "y" && c[1].contains(.interrogative)) { return true }
        if phrase.anyClass.contains(.searchVerb) { return true }
        if t.count >= 2, t.prefix(4).contains(where: { $0 == "que" || $0 == "q" }) { return true }
        return TextFold.contains(phrase.folded, byte: UInt8(ascii: "o")) && TextFold.foldedMayContain(phrase.folded, dutyWords)
    }

    /// The vocabulary words a rule of `matchAll` may need when the message asks nothing (no
    /// question word, no question mark): an agenda's, an appropriation's, a meeting's and an
    /// agreement's (`agenda`, `appropriation`, `nextMeeting` and the agreements' rules).
    static let unaskedWords = VocabularyWords(["tabla", "temario", "apropiacion", "apropiaciones", "apropiarse", "apropiado", "apropiada",
                                               "faltan", "falta", "reunion", "reuniones", "encuentro", "encuentros", "junta", "juntamos",
                                               "sesion", "consejo", "acuerdo", "acuerdos", "compromiso", "compromisos", "pendiente",
                                               "pendientes", "tareas"])

    /// `match(phrase, raw:, strict: false)` can find a query only when this holds: the words of
    /// a network summary; or, in a message of 1 to 14 words, what makes it a question (a «?» or
    /// «¿» byte, a question word, an interrogative, a question word after a preposition), a
    /// search or notice verb, a «q» in the folded letters (every rule reading «que» or «q»
    /// without a question word: a definition, the speaker's tasks, the week), «resumen»,
    /// «estado», an opening «ya» or «las», a report's letters, or one of `unaskedWords`
    /// (typo-tolerant, as `matchAll` reads them). Every other rule needs `question`, which is
    /// false without the first ones. Checked against `matchAll` in debug builds where it is used.
    static func mayMatchLoose(_ phrase: Phrase, raw: String) -> Bool {
        let t = phrase.tokens
        if t.count <= 24, phrase.some([.missingWord, .networkWord]) { return true }
        guard !t.isEmpty, t.count <= 14 else { return false }
        if phrase.some([.interrogative, .questionWord, .prepositionQuestionWord, .searchVerb, .noticeVerb]) { return true }
        let (asciiMark, invertedMark) = TextFold.contains(raw, byte: UInt8(ascii: "?"), orByte: 0xBF)
        if asciiMark || invertedMark { return true }
        if t[0] == "ya" || t[0] == "las" || TextFold.contains(phrase.folded, byte: UInt8(ascii: "q")) { return true }
        for w in t where w == "resumen" || w == "resumeme" || w == "estado" { return true }
        if TextFold.contains(phrase.folded, byte: UInt8(ascii: "o")), TextFold.containsBytes(phrase.folded, "inform")
            || TextFold.containsBytes(phrase.folded, "report") || TextFold.containsBytes(phrase.folded, "export") {
            return true
        }
        let vocabulary = Self.vocabulary, notTypos = Self.notTypos
        var present = VocabularyBits()
        for w in t {
            if notTypos.contains(w) {
                if let i = vocabulary.index(of: w) { present.insert(i) }
            } else {
                for i in vocabulary.lookup(w) { present.insert(i) }
            }
        }
        return unaskedWords.bits.intersects(present)
    }

    /// `matchAll` can give `.networkSummary` only when this holds: its three rules need the words
    /// of a network summary (`networkSummary`'s gate), «resumen»/«resumeme» or «estado».
    static func maySummarizeNetwork(_ phrase: Phrase) -> Bool {
        let t = phrase.tokens
        if t.count <= 24, phrase.some([.missingWord, .networkWord]) { return true }
        guard t.count <= 5 else { return false }
        for w in t where w == "resumen" || w == "resumeme" || w == "estado" { return true }
        return false
    }

    /// Every rule of `match`, in order.
    static func matchAll(_ phrase: Phrase, raw: String, strict: Bool) -> Query? {
        let t = phrase.tokens, c = phrase.classes
        // A summary asked with who asks it and what for («soy la coordinadora del SLEP, necesito
        // un resumen de cómo va la red para el informe») runs longer than a question. It is about
        // the network or asks what is missing: most messages have neither word.
        if t.count <= 24, phrase.some([.missingWord, .networkWord]), let summary = networkSummary(t, raw: raw, strict: strict) { return summary }
        // «resumen», «un resumen porfa» with nothing in progress: a summary of the network (in a
        // flow, «resumen» is that flow's summary; the README lists it among the words for any question).
        if !strict, t.count <= 4, t.contains(where: { $0 == "resumen" || $0 == "resumeme" }),
           t.allSatisfy({ ["resumen", "resumeme", "un", "el", "dame", "porfa", "por", "favor", "general"].contains($0) }) {
            return .networkSummary
        }
        // «estado», «el estado de la red» with nothing in progress: how the network stands, as the
        // command line's `minga estado` shows it (qa35: it started the diagnosis's questions).
        // «estado de las prácticas» is the rule for practices, below.
        if !strict, t.count <= 5, t.contains("estado"),
           t.allSatisfy({ ["estado", "el", "de", "la", "red", "nuestra", "general", "dame", "ver", "porfa"].contains($0) }) {
            return .networkSummary
        }
        // «resumen de la última reunión», «dame el resumen del consejo»: what a meeting held left
        // (its acta), never a meeting to schedule (it started one).
        if !strict, t.count <= 8, let k = t.firstIndex(where: { $0 == "resumen" || $0 == "resumeme" }),
           t[(k + 1)...].contains(where: { ["reunion", "reu", "encuentro", "consejo", "jornada", "sesion", "junta"].contains($0) }),
           !t.contains(where: { ["proxima", "proximo", "siguiente", "viene"].contains($0) }) {
            return .pastMeeting
        }
        guard !t.isEmpty, t.count <= 14 else { return nil }
        // «q tengo q hacer», «¿qué me toca hacer?», «que debo hacer esta semana»: what the speaker
        // has to do is their open agreements (it was not understood).
        // The words as typed: «toca», «debo» are read as other words by the typo lexicon.
        // The gate is exact: a duty word is a run of the folded text's letters (checked in debug).
        func taskWords() -> [String] { TextFold.fold(raw).lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init) }
        // Read on the phrase's folded text (`fold(raw)`, the message's one folded view), not
        // folded again here: this runs on every message.
        // Each duty word and each report word below has an «o»: a message without one (most
        // names and dates) is not searched for them.
        let hasO = TextFold.contains(phrase.folded, byte: UInt8(ascii: "o"))
        let mayAskTasks = hasO && TextFold.foldedMayContain(phrase.folded, dutyWords)
        assert(mayAskTasks == TextFold.mayContainFolded(raw, ["tengo", "toca", "debo"]), "«\(raw)» is not the phrase «\(phrase.folded)»")
        if mayAskTasks {
            if asksMyTasks(taskWords()) { return .myAgreements }
        } else {
            assert(!asksMyTasks(taskWords()), "mayContainFolded ruled out «\(raw)»")
        }
        // «¿quiénes faltaron?», «¿y quién faltó?»: who missed the last meeting with attendance
        // (issue 12: «No te entendí»; with a meeting named it is the rule for meetings held, below).
        if !strict, t.count <= 5, t.contains(where: { $0 == "faltaron" || $0 == "falto" }), t.contains(where: { $0 == "quienes" || $0 == "quien" }),
           t.allSatisfy({ ["quienes", "quien", "faltaron", "falto", "y", "oye", "ya", "entonces", "al", "final", "la", "vez", "pasada", "ultima"].contains($0) }) {
            return .pastMeeting
        }
        // «¿quiénes han faltado?», «¿cuántas veces ha faltado Pedro?», «quién ha faltado más este
        // año»: the absences over every meeting with attendance (qa36 conv 24: «No te entendí»).
        // A short question: «faltado» with who or how many, the rest names a person or the span.
        if !strict || TextFold.contains(raw, byte: UInt8(ascii: "?")), t.count <= 9, t.contains(where: { $0 == "faltado" || $0 == "faltas" }),
           t.contains(where: { ["quienes", "quien", "cuantas", "cuantos", "cuanto", "cuanta"].contains($0) }),
           !t.contains(where: meetingNounsSaid.contains) {
            return .pastMeeting
        }
        // «¿qué tenemos esta semana?», «¿qué hay pa la otra semana?», «¿qué nos toca la semana que
        // viene?»: what the week holds, its meetings and the agreements due (issue 12: «No te entendí»).
        if !strict, t.count <= 9, t.contains("semana"), t.contains(where: { $0 == "tenemos" || $0 == "hay" || $0 == "toca" }),
           t.prefix(3).contains(where: { $0 == "que" || $0 == "q" }), t.allSatisfy({ weekAskWords.contains($0) || greetingLeads.contains($0) }),
           !zip(t, t.dropFirst()).contains(where: { $0 == "hay" && ($1 == "que" || $1 == "q") }) {
            return .meetings
        }
        // «¿qué hay en abril?», «q tenemos pa mayo»: what the calendar holds that month (qa36
        // conv 15: «No te entendí»; «¿qué reuniones hay en abril?» already worked).
        if !strict, t.count <= 7, let m = t.last, monthNames.contains(m), t.contains(where: { $0 == "hay" || $0 == "tenemos" || $0 == "toca" }),
           t.prefix(3).contains(where: { $0 == "que" || $0 == "q" }),
           t.dropLast().allSatisfy({ ["y", "oye", "que", "q", "hay", "tenemos", "toca", "nos", "en", "pa", "para", "pal", "el", "mes", "de", "po"].contains($0) }),
           !zip(t, t.dropFirst()).contains(where: { $0 == "hay" && ($1 == "que" || $1 == "q") }) {
            return .meetings
        }
        // «¿qué es un microcentro?»: a word of the networks' world, defined.
        if t.count >= 2, t.prefix(4).contains(where: { $0 == "que" || $0 == "q" }), Glossary.definition(asked: phrase) != nil { return .definition }
        // «busca planificación», «búscame lo de convivencia»: a search, wherever it comes.
        // After a greeting too: «hola, busca lo de la huerta» started a poll, «wena, busca…» was
        // not understood (pass 9, qa13).
        if let v = t.firstIndex(where: { !greetingLeads.contains($0) }), v < 3, t.count >= v + 2, c[v].contains(.searchVerb) { return .search }
        // «avísale a todos», «¿puedes mandarles un recordatorio?»: a notice to send, asked of Minga
        // (not inside an answer, where «avisarles a los apoderados» is an agreement's text).
        if !strict, t.count <= 10, phrase.some(.noticeVerb), let verb = t.firstIndex(where: { noticeVerbs.contains($0) }),
           t[..<verb].allSatisfy({ noticeLeads.contains($0) }) { return .notice }
        // «exporta un informe pa mandarle al jefe», «¿cómo saco un informe de la red?»: the report
        // is asked for (never «el informe de lectura lo mando el lunes», an agreement).
        // Every report noun and export verb holds «inform», «report» or «export»: a message
        // whose folded text has none of them (nearly all) is not looked up word by word.
        // (Only outside a free-text answer, where a report is asked for at all: the bytes are
        // not searched three times in every answer.)
        if !strict {
            let mayAskReport = hasO && (TextFold.containsBytes(phrase.folded, "inform") || TextFold.containsBytes(phrase.folded, "report")
                || TextFold.containsBytes(phrase.folded, "export"))
            assert(mayAskReport || !asksReport(t), "the report gate hides «\(phrase.folded)»")
            if mayAskReport, asksReport(t) { return .report }
        }
        // «?» and «¿» looked for in one pass over the bytes.
        let (asciiMark, invertedMark) = TextFold.contains(raw, byte: UInt8(ascii: "?"), orByte: 0xBF)
        let marked = asciiMark || (invertedMark && raw.unicodeScalars.contains("¿"))
        assert(marked == (TextFold.contains(raw, byte: UInt8(ascii: "?")) || (TextFold.contains(raw, byte: 0xBF) && raw.unicodeScalars.contains("¿"))),
               "QueryMatcher's marks read «\(raw)» otherwise")
        // «con qué organizaciones…», «en qué nivel…»: a preposition before the question word. Not
        // inside a free-text answer, where «con que nos juntemos…» is an answer.
        // «oye, ¿y cómo vamos…»: a question may open with a filler or two.
        let lead = c.first { !$0.contains(.questionFiller) } ?? c[0]
        // Only a true question word counts after a filler: «oye hay q acordar…» is a request.
        // «y cuáles están vencidos» while a flow asks for a school: «y» then a question word asks
        // too, even inside a free-text answer (it was stored as the school).
        // «para cuándo es el acuerdo de la Luisa», «pa cuando era lo del informe», «hasta cuándo
        // tiene…»: a deadline asked with its preposition first (it was not understood).
        let dueLead = !strict && t.count > 2 && t.prefix(4).contains("cuando") && {
            let k = t.firstIndex { !questionFillers.contains($0) } ?? 0
            return k + 2 < t.count && (t[k] == "para" || t[k] == "pa" || t[k] == "hasta") && t[k + 1] == "cuando"
        }()
        // «no, quiero saber qué acuerdos se tomaron…»: wanting to know, then a question word, asks
        // (qa39 C: it started updating an agreement).
        let wantsToKnow = !strict && t.prefix(5).contains("saber") && {
            guard let k = t.firstIndex(of: "saber"), k >= 1, k + 1 < t.count else { return false }
            return ["quiero", "queria", "quisiera", "necesito", "gustaria", "quieria"].contains(t[k - 1])
                && ["que", "q", "cuales", "cual", "quien", "quienes", "cuando", "donde", "como", "cuantos", "cuantas", "si"].contains(t[k + 1])
        }()
        let question = marked || dueLead || wantsToKnow || c[0].contains(.interrogative) || (t.count >= 3 && t[0] == "y" && c[1].contains(.interrogative))
            || (!strict && lead.contains(.questionWord))
            || (!strict && t.count > 2 && c[0].contains(.questionPreposition) && c[1].contains(.prepositionQuestionWord))
        if strict && !question { return nil }
        // An answer often starts with "que" or "como" ("que leer con propósito motiva más"): inside a
        // free-text question, without a question mark, it asks only when the next word does.
        if strict && !marked && t.count > 1 && ["que", "como", "cuando"].contains(t[0]) && !questionFollowers.contains(t[1])
            && vocabulary.lookup(t[1]).isEmpty {
            return nil
        }
        // «que hay que adecuar la lectura a cada nivel», «que es clave partir con el juego»:
        // inside a free-text question, an answer that says what must be or what matters.
        if strict && !marked && t.count > 2 && (t[0] == "que" || t[0] == "q") && statementLeads.contains(where: { t[1...].starts(with: $0) }) {
            return nil
        }
        // «¿qué anotó la Paola?», «muéstrame lo que registró la Carmen ayer», «¿quién anotó el
        // acuerdo 3?»: who registered what, asked of a person or of a record (qa37: not understood).
        if question, asksWhoRegistered(t) { return .registeredBy }
        // «¿cómo va el sondeo de la jornada? ¿ya respondieron todos?», «y la consulta, ya respondieron
        // todos?»: how far the open poll got, with who answered and who is missing (issue 12: it
        // started closing the poll, or was read as the jornada's acta). A result asked («¿qué
        // día ganó?») or a closing verb is closing it, not this.
        if question || t[0] == "ya", t.count <= 14, t.contains(where: pollNouns.contains),
           t.contains(where: answeredWords.contains) || (t.contains("como") && t.contains(where: { ["va", "van", "vamos", "anda", "andamos"].contains($0) })),
           !t.contains(where: { $0.hasPrefix("cerr") || $0.hasPrefix("cierr") || ["gano", "gana", "ganadora", "ganador", "resultado", "resultados"].contains($0) }) {
            return .poll
        }
        // «¿qué tenemos esta semana?», «q hay pal jueves?», «¿qué tenemos hoy?»: what the calendar
        // holds in that span, with no noun (issue 12: «suena a pregunta» inside the diagnosis,
        // not understood at the menu). Only «qué» + «tenemos/hay» + words of the span.
        if question, t.count <= 8, let q = t.firstIndex(where: { $0 == "que" || $0 == "q" }), q <= 1,
           t[..<q].allSatisfy({ ["y", "oye"].contains($0) }), q + 2 < t.count, t[q + 1] == "tenemos" || t[q + 1] == "hay",
           case let rest = t[(q + 2)...], rest.contains(where: { Self.dayWords.contains($0) || Self.spanWords.contains($0) }),
           rest.allSatisfy({ Self.dayWords.contains($0) || Self.spanWords.contains($0) || Self.monthNames.contains($0) || Self.spanFillers.contains($0)
                               || (Int($0).map { (1...31).contains($0) } ?? false) }) {
            return .meetings
        }
        // «¿qué decidimos sobre el lugar?», «¿qué acordamos acerca del horario?»: what was decided
        // about a topic is looked for in the decisions and agreements (qa20 B5: it answered with the
        // next meeting's place).
        // «¿en qué quedamos con lo de la lectura?», «¿qué acordamos de lo del bus?»: «lo de …» names the
        // topic too (qa22: it started an agreement).
        if question, t.count <= 12, t.contains(where: Self.decidedWords.contains),
           t.contains(where: { ["sobre", "acerca", "respecto"].contains($0) })
            || zip(t, t.dropFirst()).contains(where: { $0 == "lo" && ($1 == "de" || $1 == "del") })
            // «¿qué decidieron de agendar las reuniones en otra escuela?»: «de» right after the verb
            // names the topic too (it answered with the next meeting's tabla).
            || zip(t, t.dropFirst()).contains(where: { Self.decidedWords.contains($0) && ($1 == "de" || $1 == "del") }) {
            return .decisions
        }
        // «¿qué acordamos en octubre?», «¿qué decidimos este mes?»: what the network settled in a
        // month, from its decisions and its agreements (qa24: «Esa pregunta no la sé responder»).
        if question, t.count <= 8, t.contains(where: Self.decidedWords.contains),
           t.contains(where: { Self.monthNames.contains($0) || $0 == "mes" }) {
            return .decisions
        }
        // «¿y a qué hora era? ¿y es presencial?»: the hour or place of a meeting, asked as a
        // question with no other record named (the meeting is the one with an hour and a place).
        if marked, t.count <= 12, phrase.some(.meetingDetail),
           !t.contains(where: { ["acuerdo", "acuerdos", "plazo", "sondeo", "encuesta", "compromiso"].contains($0) }) {
            return .meetingDetails
        }
        // «donde es la reunion», «y dónde será el taller» typed with no «?»: where a meeting is,
        // asked all the same (issue 12: at a plazo it was «No entendí … como fecha», at the
        // evidence it was stored as the evidence).
        if !marked, Self.asksWhereMeetingIs(t) { return .meetingDetails }
        // «¿cómo vamos?», «¿y cómo vamos como red?»: how the network goes is how its objectives go.
        if question, t.count <= 6, Self.howWeGo.contains(t.filter { !["y", "oye", "ya", "po", "bueno", "entonces", "como", "red"].contains($0) }
            .joined(separator: " ")), t.contains("como") {
            return .objectives
        }
        // «¿en qué red estoy?», «en que red estamos», «¿cuál es mi red?»: the network this
        // conversation works in (it started the diagnosis).
        // («¿en qué nivel estamos como red?» asks for its maturity: the diagnosis, below.)
        if question, t.count <= 6, t.contains("red"), t.contains(where: { ["que", "q", "cual"].contains($0) }),
           t.contains(where: { ["estoy", "estamos", "trabajo", "trabajamos", "ando", "andamos", "mi"].contains($0) }),
           !t.contains(where: factChangeWords.contains), !t.contains(where: { ["nivel", "madurez", "etapa"].contains($0) }) {
            return .networkFacts
        }
        // «¿en qué región está la red?», «¿cómo se llama la red?», «¿en qué comuna estamos?»: the
        // network's own data, answered (a change of it opens with its verb).
        if question, t.count <= 8, t.contains(where: networkFactWords.contains), t.contains(where: networkFactSubjects.contains),
           t.contains(where: { ["que", "q", "cual", "como", "donde"].contains($0) }), !t.contains(where: factChangeWords.contains) {
            return .networkFacts
        }
        // «¿quién es responsable de la jornada de marzo?», «¿quién está a cargo de lo del bus?»: who has one
        // agreement, found by what it is about (the answer shows its responsables).
        if question, t.contains(where: { $0 == "quien" || $0 == "quienes" }), phrase.some(.inCharge),
           !t.contains(where: { ["acuerdos", "compromisos", "vencidos", "atrasados", "pendientes", "mis"].contains($0) }) {
            return .search
        }
        // «¿quién tenía que mandar el informe?», «a quién le tocaba traer la lista»: who had one task,
        // found by what it is about (it was not understood, or started an agreement).
        if question, t.contains(where: { $0 == "quien" || $0 == "quienes" }), TaskQuestion.whoHadTo(t) != nil { return .search }
        // «pa cuándo era lo de la Luisa», «cuándo es lo de la lista de asistencia»: when one thing is
        // due, named by «lo de» (the deadline rule below needs «vence» or «plazo»).
        if question, t.count <= 12, t.contains("cuando"), zip(t, t.dropFirst()).contains(where: { $0 == "lo" && ($1 == "de" || $1 == "del") }),
           !t.contains(where: { monthNames.contains($0) || meetingNounsSaid.contains($0) || ["proxima", "proximo", "siguiente", "vacaciones"].contains($0) }) {
            return .search
        }
        // «¿hay algo sobre la feria de ciencias?», «tenemos algo anotado de la feria?»: whether
        // anything is written down about a topic is a search across every kind of record.
        if question, let k = t.firstIndex(of: "algo"), k >= 1, k <= 3, t[..<k].contains(where: existenceWords.contains), k + 2 < t.count,
           t[(k + 1)...].prefix(3).contains(where: { ["sobre", "de", "del", "acerca", "respecto", "con"].contains($0) }) {
            return .search
        }
        // «¿qué tenemos sobre la feria?», «que hay anotado acerca de la feria».
        if question, t.count >= 4, t[0] == "que" || t[0] == "q", existenceWords.contains(t[1]),
           t[2...].prefix(2).contains(where: { ["sobre", "acerca", "respecto"].contains($0) }) {
            return .search
        }
        // «¿qué pasó con el taller de la Marisol?», «¿y la Rosa hizo el acta?»: how one thing goes,
        // looked for in the records (issue 12: «no hay actas»).
        // Inside a free-text answer only with its question mark.
        if !strict || marked, question, let about = aboutThing(t, question: question, marked: marked) { return about }
        // «¿qué prácticas estamos institucionalizando?»: words the vocabulary may not hold.
        if question, PracticeQuestion.asks(t) { return .institutionalization }
        // «estado de las prácticas», «el estado de la práctica»: asked for without a question mark.
        if !strict, t.count <= 5, t.first == "estado" || (t.count >= 2 && t[0] == "el" && t[1] == "estado"),
           t.contains(where: { $0 == "practicas" || $0 == "practica" }) {
            return .institutionalization
        }
        // «¿qué prácticas hemos compartido?», «¿qué prácticas tiene la red?»: the practices the network
        // shared are its reflections (qa22: it started a reflection). Asked, never a request.
        if question, t.count <= 8, t.first.map({ ["que", "q", "cuales", "cual"].contains($0) }) == true,
           t.contains(where: { $0 == "practicas" || $0 == "experiencias" }), t.contains(where: Self.sharedPracticeWords.contains) {
            return .learnings
        }
        // «¿quién asistió a la reunión de hoy?», «¿quiénes vinieron hoy?»: who came to a meeting held,
        // from its acta (qa21 K: not understood). Only with the day said as past («hoy», «ayer»):
        // «¿quiénes vinieron a la reunión?» alone opens the acta.
        if question, t.count <= 10, t.contains(where: { $0 == "quien" || $0 == "quienes" }),
           t.contains(where: { Self.attendanceVerbs.contains($0) || Self.cameWords.contains($0) }),
           t.contains(where: { $0 == "hoy" || $0 == "ayer" })
            // «¿quién asistió la otra vez?», «la vez pasada», «la última vez»: the last one held.
            || (t.contains("vez") && t.contains(where: { $0 == "otra" || $0 == "pasada" || $0 == "ultima" }))
            // «¿quién vino al encuentro de diciembre?»: a month said with a past «came» verb (qa27 B2:
            // not answered).
            // («¿quién fue el que propuso la norma en octubre?» names no meeting.)
            || (t.contains(where: Self.monthNames.contains) && t.contains(where: { Self.meetingNounsSaid.contains($0) })) {
            return .pastMeeting
        }
        // «¿quiénes no han respondido?», «¿quién falta por contestar el sondeo?», «¿cuántos han
        // respondido?»: the open poll, with who has not answered.
        if question, t.count <= 8, t.contains(where: { $0 == "quien" || $0 == "quienes" || $0 == "cuantos" || $0 == "cuantas" }),
           t.contains(where: Self.answeredWords.contains),
           !t.contains(where: { ["diagnostico", "diagnosticos", "proposito", "apropiacion", "reflexion", "ronda"].contains($0) }) {
            return .poll
        }
        // «¿quién no ha conducido ninguna reunión?», «quienes no han dirigido?»: who has led a
        // meeting held so far (it started «Agendar un encuentro», or was not understood). A
        // participle or a past form: «¿quién conduce la próxima?» is the next meeting.
        if question, t.count <= 10, t.contains(where: { $0 == "quien" || $0 == "quienes" }), t.contains(where: Self.ledWords.contains) {
            return .leaders
        }
        // «las normas propuestas», «las prácticas aprobadas»: a list by its state, asked for
        // without a question (as «los acuerdos cumplidos» is).
        if !strict, t.count >= 3, t.count <= 5, t[0] == "las", t[1] == "normas" || t[1] == "practicas",
           !t.contains(where: { ["nueva", "nuevas", "otra", "otras", "agregar", "anotar", "registrar"].contains($0) }) {
            return t[1] == "normas" ? .norms : .institutionalization
        }
        if question, Self.asksHowSchoolDid(t) { return .results }
        // The vocabulary words present in the message, looked up once per token.
        // Everyday words one letter from a vocabulary word are never its typo («la Ana habla con…»
        // is no «tabla», «junto a» no «junta»).
        // (The globals read once: each access checks its initialisation.)
        let vocabulary = Self.vocabulary, notTypos = Self.notTypos
        // Straight into bits: no array of the hits per token (an allocation and a release each).
        var present = VocabularyBits()
        var anyFound = false
        for w in t {
            if notTypos.contains(w) {
                if let i = vocabulary.index(of: w) { present.insert(i); anyFound = true }
            } else {
                for i in vocabulary.lookup(w) { present.insert(i); anyFound = true }
            }
        }
        // Every pattern below needs at least one vocabulary word: most answers ("Ana", "el 15") stop here.
        // («¿cuál es el mail de jorge?»: a way to write to someone asked, `territory`'s too.)
        guard anyFound || (question && t.contains(where: addressWords.contains)) else {
            // «¿quién más participa?», «¿quiénes somos?», «¿qué colegios participan?»: the network's
            // people or schools, asked in everyday words only.
            guard question, t.count <= 6 else { return nil }
            return peopleOrSchools(t)
        }
        // The vocabulary words present as bits (`present`, above), so each pattern's words are one
        // AND away (hashing every word of every pattern was a third of this function).
        let has = { (words: VocabularyWords) in words.met(by: present, tokens: t) }
        // A meeting's kind names it too: «¿cuándo es la próxima jornada?», «…el próximo taller?».
        let meeting = has(reunionWords)
            || (question && has(jornadaWords))
        // «¿cuáles están vencidos?», «¿hay alguno atrasado?», «cuáles se cumplieron»: a short
        // question about a state only agreements have, the noun left out (pass 9, qa13).
        let agreements = has(acuerdoWords)
            || (question && !meeting && t.count <= 6 && t.contains(where: { w in agreementStateStems.contains { w.hasPrefix($0) } })
                && !t.contains(where: { ["sondeo", "sondeos", "meta", "metas", "objetivo", "objetivos", "indicador", "indicadores", "norma", "normas"].contains($0) }))
        if has(tablaWords) || (meeting && has(temasWords) && question) { return .agenda }
        // «¿hay reunión el lunes 21?», «¿tenemos encuentro mañana?»: whether the calendar has a
        // meeting that day, answered from it (qa27: it started scheduling one).
        // «¿hay reunión esta semana?», «¿tenemos consejo en diciembre?»: the days of that span
        // (issue 12: it started scheduling one).
        if meeting, marked, t.count <= 10, let h = t.firstIndex(where: { $0 == "hay" || $0 == "tenemos" }), h <= 2,
           t.contains(where: { Self.dayWords.contains($0) || Self.spanWords.contains($0) || Self.monthNames.contains($0)
                               || (Int($0).map { (1...31).contains($0) } ?? false) }),
           !t.contains(where: { pastMarkers.contains($0) || ["proxima", "proximo", "siguiente"].contains($0) }) {
            return .meetings
        }
        // «¿cuántas reuniones hemos hecho?», «¿cuántos encuentros llevamos?»: the meetings held,
        // counted (issue 12: it listed the scheduled series).
        if meeting, question, t.contains(where: { $0 == "cuantas" || $0 == "cuantos" }), t.contains(where: heldCountWords.contains) {
            return .pastMeeting
        }
        // A meeting already held: «la última», «la pasada», its acta, who came.
        // («¿quiénes vinieron a la reunión?» alone opens the acta: it is that flow's request.)
        // «¿qué pasó en el encuentro 1?», «¿qué se trató en la reunión del lunes?»: what happened is past.
        if meeting, question, t.contains(where: { pastMarkers.contains($0) || isPastPlural($0) }),
           !t.contains(where: { ["proxima", "proximo", "siguiente", "viene"].contains($0) }) {
            return .pastMeeting
        }
        // «¿cuándo vence lo de la feria?», «¿qué plazo tiene lo del huerto?»: one agreement, found
        // by what it is about (a list by state or month is asked another way).
        if question, t.contains(where: { ["vence", "vencen", "plazo"].contains($0) }),
           !t.contains(where: { monthNames.contains($0) || ["mis", "mios", "tengo", "vencidos", "atrasados", "semana", "mes", "acuerdos", "compromisos", "pronto"].contains($0) }) {
            return .search
        }
        if question, let q = tracking(has, tokens: t) { return q }
        // «¿cuándo es la jornada de reflexión?»: a meeting named by its title, not what was learned.
        if has(aprendimosWords) && question
            && !(meeting && !t.contains(where: { ["aprendimos", "aprendido", "aprendizajes", "aprendizaje", "aprendemos", "sistematizado"].contains($0) })) {
            return .learnings
        }
        if question, let q = territory(has, tokens: t) { return q }
        if has(apropiacionWords) || (has(faltanWords) && has(propositoWords)) { return .appropriation }
        if has(sondeoWords) && question { return .poll }
        if has(nivelWords) && question
            && !t.contains(where: { ["hagamos", "hacer", "hacemos", "empezar", "iniciar", "nuevo", "otro"].contains($0) }) {
            return .diagnosis
        }
        // «acordamos que Luis trae las fotos para la próxima reunión»: the next meeting as a
        // deadline, in a statement, is no question about it.
        if meeting && has(proximaWords) && (question || !Self.nextAsDeadline(t)) { return .nextMeeting }
        // «¿cuándo es la próxima?», «¿y la siguiente cuándo es?»: in a network, what comes next
        // without a noun is its meeting (a poll's trigger «…para la próxima reunión» is no question).
        if question, !agreements, t.count <= 6, t.contains("cuando"),
           t.contains(where: { ["proxima", "siguiente"].contains($0) }) { return .nextMeeting }
        // «¿pa cuándo tiene que entregar la Luisa?», «cuándo le toca entregar al Luis», «y la Luisa
        // pa cuándo tiene lo suyo?»: when someone's tasks are due, asked naming only who: their
        // agreements, with their plazos (qa34: not understood, or read as the next meeting).
        if question, !meeting, t.count <= 10, t.contains("cuando"), t.contains(where: { ["tiene", "toca", "debe", "tocaba", "tenia"].contains($0) }),
           case let rest = t.filter({ !personAskFillers.contains($0) && !personDueFillers.contains($0) }), rest.count == 1,
           rest.allSatisfy({ $0.count >= 3 && Int($0) == nil }) {
            return .personAgreements
        }
        // «¿cuándo nos juntamos de nuevo?», «¿y cuándo nos volvemos a reunir?»: when the network
        // meets next, asked (it started scheduling a meeting).
        if question, !agreements, t.count <= 8, t.drop(while: { ["y", "oye", "bueno", "ya", "entonces", "pero", "hola"].contains($0) }).first == "cuando",
           t.contains(where: { ["juntamos", "reunimos", "vemos", "juntar", "reunir", "toca"].contains($0) }) { return .nextMeeting }
        // «¿quién conduce la reunión?»: the next one, with who leads it.
        if meeting && question && t.contains(where: { ["quien", "quienes"].contains($0) }) && has(conduceWords) {
            return .nextMeeting
        }
        // «¿y quién la dirige?» after the next meeting was shown: only a meeting is led, so a
        // short question of who leads «la» is about it.
        if question, t.count <= 6, t.contains("quien"), t.contains(where: { $0 == "la" || $0 == "lo" }), has(conduceWords) {
            return .nextMeeting
        }
        if meeting && question && t.contains(where: { ["reuniones", "encuentros", "calendario", "agendado", "agendadas", "agendados"].contains($0) }) {
            return .meetings
        }
        // «¿cuándo son las vacaciones de verano?», «¿cuándo salimos de vacaciones?».
        if question, !meeting, !agreements, has(vacacionesWords), t.contains(where: { ["cuando", "hasta", "desde"].contains($0) }) {
            return .schoolBreaks
        }
        // «¿quién sabe de rúbricas?», «¿quién ha trabajado evaluación formativa?», «¿alguien tiene
        // experiencia en…?»: who in the network knows about something.
        if question, t.count >= 3, t.contains(where: { ["quien", "quienes", "alguien"].contains($0) }),
           t.contains(where: { ["sabe", "saben", "trabajado", "experiencia", "maneja", "manejan", "domina"].contains($0) }) {
            return .expertise
        }
        // «¿quiénes son los miembros?», «¿quiénes están en la red?», «¿quién participa?».
        // «microcentro» names a meeting too, but «¿cuántas somos en el microcentro?» asks for its people.
        let networkPeople = !has(reunionWords) && t.contains("microcentro") && !t.contains(where: { $0 == "jornada" || $0 == "taller" })
        // «¿y quién más está?», «¿quién más participa?»: short, who is in it is the network's people.
        if question, !meeting || networkPeople, !agreements {
            if has(miembrosWords)
                // «¿cuántos somos?»: how many is asked of the people, the answer lists and counts them.
                || (t.contains(where: { ["cuantos", "cuantas"].contains($0) }) && t.contains("somos")) { return .members }
            if let asked = peopleOrSchools(t) { return asked }
        }
        // «¿qué personas hay en la red?», «¿cuánta gente hay en el microcentro?» (the microcentro is the network here).
        if question, !agreements, t.contains(where: { ["personas", "gente", "colegas", "profes"].contains($0) }),
           t.contains(where: { ["estan", "somos", "participan", "hay", "son", "forman"].contains($0) }),
           !t.contains(where: { ["reunion", "reuniones", "encuentro", "encuentros", "agregar", "sumar", "incorporar", "nueva", "nuevo", "nuevas", "nuevos"].contains($0) }) {
            return .members
        }
        if agreements && has(vencidoWords) { return .overdueAgreements }
        // «¿y cuáles están vencidos?», «¿hay algo atrasado?»: a short question of what fell due
        // without its noun is about agreements, the records that fall due (it was not understood).
        if question, !meeting, t.count <= 6, has(vencidoWords),
           !t.contains(where: { ["objetivo", "objetivos", "meta", "metas", "norma", "normas", "sondeo", "sondeos", "pago", "pagos"].contains($0) }) {
            return .overdueAgreements
        }
        // «¿qué tiene la Rosa?», «¿y el hernan que tiene?», «¿qué le toca a la Nelly?»: a short
        // question of what someone has, naming no record, asks for their agreements (qa27: not
        // understood). «¿qué tiene que…?» asks something else.
        if question, !agreements, !meeting, t.count <= 7, t.contains(where: { $0 == "que" || $0 == "q" }),
           let v = t.firstIndex(where: { ["tiene", "toca", "debe"].contains($0) }),
           !(v + 1 < t.count && ["que", "q"].contains(t[v + 1])),
           case let rest = t.filter({ !personAskFillers.contains($0) }), (1...2).contains(rest.count),
           rest.allSatisfy({ $0.count >= 3 && Int($0) == nil }) {
            return .personAgreements
        }
        if agreements && (has(tengoWords)) { return .myAgreements }
        if agreements && question && t.contains(where: { ["tiene", "debe", "tienen", "deben", "toca"].contains($0) }) { return .personAgreements }
        if agreements && (question || has(pendientesWords)) { return .openAgreements }
        // «los acuerdos de Luis Soto», «acuerdos de diciembre»: a list asked for without a question.
        if agreements && !strict && t.count <= 8 && ["los", "las", "acuerdos", "compromisos"].contains(t[0]) && !t.contains("nuevo") {
            return .openAgreements
        }
        if has(propositoWords) && question && !has(significaWords) {
            return .purpose
        }
        return nil
    }

    /// The states only an agreement has, as their words begin.
    static let agreementStateStems = ["vencid", "vencieron", "atrasad", "cumplid", "cumplieron", "reprogramad", "postergad", "vencen", "vence"]

    /// «¿cuándo es la próxima reunión? ¿y qué acuerdos están atrasados?»: a message made of
    /// several questions (split at «?» and «.»), each one about other records. Nil unless two or
    /// more different questions are read; only a message with a question mark is split.
    /// `strict` (inside a free-text answer): only the parts that end in «?» count.
    static func several(_ raw: String, strict: Bool = false) -> [Query]? {
        let found = parts(raw, strict: strict)
        return found.count >= 2 ? found.map(\.query) : nil
    }

    /// A message cut at «?», «.», «!» and «;», each part marked when a «?» ends it («¿» dropped).
    static func sentences(_ raw: String) -> [(text: String, asked: Bool)] {
        var parts: [(text: String, asked: Bool)] = []
        var current = ""
        for c in raw {
            if "?.!;".contains(c) {
                parts.append((current, c == "?"))
                current = ""
            } else if c != "¿" {
                current.append(c)
            }
        }
        parts.append((current, false))
        return parts
    }

    /// The questions of a message, each with its own words (for the answers that read them).
    static func parts(_ raw: String, strict: Bool = false) -> [(query: Query, text: String)] {
        guard TextFold.contains(raw, byte: UInt8(ascii: "?")) else { return [] }
        let parts = sentences(raw)
        var found: [(query: Query, text: String)] = []
        for part in parts where !strict || part.asked {
            let phrase = Phrase(part.text)
            guard phrase.tokens.count >= 2, let q = match(phrase, raw: part.text + "?", strict: strict), !found.contains(where: { $0.query == q }) else { continue }
            found.append((q, part.text))
        }
        return found
    }

    /// «dame un resumen de la red: reuniones hechas, acuerdos, diagnóstico», «¿cómo está la
    /// red?», «quiero ver cómo va la red»: an overview of the whole network, not of one record.
    static func networkSummary(_ t: [String], raw: String, strict: Bool) -> Query? {
        // «¿qué falta?», «que nos falta por hacer en la red», «y qué queda pendiente»: what is still
        // open in the whole network (a record named, «qué acuerdos faltan», has its own question).
        if t.count <= 10, t.contains(where: missingWords.contains), !strict || raw.contains("?"), asksWhatIsMissing(t) { return .networkSummary }
        guard t.contains(where: networkWords.contains) else { return nil }
        if t.contains(where: { ["resumen", "resumeme", "resumir", "panorama", "balance"].contains($0) }) {
            // Where only a question counts, a question or an outright ask («dame un resumen…»):
            // an answer may mention a summary.
            let asks = raw.contains("?") || t.contains(where: { ["dame", "quiero", "necesito", "muestrame", "hazme", "haceme"].contains($0) })
            return !strict || asks ? .networkSummary : nil
        }
        // «cómo está la red», «cómo va la red»: the network itself is what is asked about (inside
        // a free-text answer, only with a question mark: «vimos cómo va la red en lectura»).
        // Who asks may come first («buenas, soy supervisor del mineduc. ¿cómo va la red en general?»):
        // only the question itself is short.
        if !strict || raw.contains("?"), let i = t.firstIndex(of: "como"), i + 2 < t.count, ["esta", "va", "anda", "vamos"].contains(t[i + 1]),
           ["la", "el", "nuestra", "nuestro", "esta"].contains(t[i + 2]), t.count - i <= 8,
           !t.contains(where: { ["acuerdo", "acuerdos", "objetivo", "objetivos", "meta", "metas", "sondeo", "diagnostico", "indicadores"].contains($0) }) {
            return .networkSummary
        }
        return nil
    }

    /// The network itself: a summary is of it.
    static let networkWords: WordSet = ["red", "microcentro"]
    static let networkFactWords: WordSet = ["region", "comuna", "territorio", "tipo", "llama", "nombre"]
    static let networkFactSubjects: WordSet = ["red", "microcentro", "estamos", "somos", "trabajamos"]
    static let factChangeWords: WordSet = ["cambiar", "cambia", "cambiemos", "corregir", "corrige", "modificar", "modifica", "actualizar",
                                           "actualiza", "poner", "pon", "ponle", "esta mal", "mal", "renombrar"]
    /// «¿quién más participa?», «¿quiénes están en la red?» (the members), «¿qué escuelas hay?»,
    /// «¿cuáles colegios participan?» (their schools): who is in the network, in everyday words.
    static func peopleOrSchools(_ t: [String]) -> Query? {
        guard t.contains(where: membershipWords.contains) else { return nil }
        if t.contains(where: schoolWords.contains) { return .schools }
        guard t.contains(where: { ["quien", "quienes", "cuantos", "cuantas"].contains($0) }),
              t.contains(where: networkWords.contains) || t.count <= 5 else { return nil }
        return .members
    }

    /// Being part of the network: «¿quiénes están?», «¿qué escuelas participan?».
    static let membershipWords: WordSet = ["esta", "estan", "somos", "son", "participa", "participan", "forma", "forman", "hay", "integra",
                                           "integran", "mas"]
    static let schoolWords: WordSet = ["escuelas", "colegios", "establecimientos", "liceos", "jardines", "escuelitas"]
    static let missingWords: WordSet = ["falta", "faltan", "queda", "quedan", "pendiente", "pendientes"]
    static let missingLeads: WordSet = ["y", "oye", "minga", "hola", "ya", "ok", "bueno", "entonces", "ahora", "a", "ver", "buenas", "pero"]
    static let missingFillers: WordSet = ["nos", "me", "todavia", "aun", "ahora", "por", "hacer", "en", "la", "el", "red", "microcentro", "po",
                                          "pues", "tenemos", "hay", "de", "mas", "nuestra", "nuestro", "esta", "semana", "entonces"]

    /// «q tengo q hacer», «qué me toca hacer», «y ahora que debo hacer yo»: a «qué» (after
    /// greetings only), a word of the speaker's duty, and then only fillers.
    static func asksMyTasks(_ t: [String]) -> Bool {
        guard t.count <= 9, let i = t.firstIndex(where: { $0 == "que" || $0 == "q" }), t[..<i].allSatisfy(missingLeads.contains) else { return false }
        let rest = t[(i + 1)...]
        let duty: Set<String> = ["tengo", "toca", "debo"]
        let fillers: Set<String> = ["me", "yo", "que", "q", "hacer", "ahora", "todavia", "esta", "semana", "mes", "po", "pues", "entonces", "a", "mi", "de",
                                    "pendiente", "pendientes", "para", "la", "proxima", "hoy", "manana"]
        return rest.contains(where: duty.contains) && rest.allSatisfy { duty.contains($0) || fillers.contains($0) }
            && (rest.contains("hacer") || rest.contains("toca"))
    }

    /// «que falta», «y q nos queda pendiente»: a «qué» (after greetings only) and then only the
    /// missing words and fillers.
    static func asksWhatIsMissing(_ t: [String]) -> Bool {
        guard let i = t.firstIndex(where: { $0 == "que" || $0 == "q" }), t[..<i].allSatisfy(missingLeads.contains) else { return false }
        let rest = t[(i + 1)...]
        return rest.contains(where: missingWords.contains) && rest.allSatisfy { missingWords.contains($0) || missingFillers.contains($0) }
    }

    /// «¿cómo le fue a la escuela Alemania en matemática?», «¿cómo les fue a los del colegio San
    /// José?»: how a school did is its results (qa22: not understood). Before the vocabulary gate:
    /// «colegio», «liceo» are no vocabulary word.
    static func asksHowSchoolDid(_ t: [String]) -> Bool {
        t.contains("como") && (t.contains("fue") || t.contains("fueron")) && t.contains(where: { $0 == "le" || $0 == "les" })
            && t.contains(where: { ["escuela", "colegio", "liceo", "escuelita", "escuelas", "colegios", "liceos"].contains($0) })
    }

    /// Questions about what the network tracks: its objectives' progress, learning results, the
    /// indicators against their targets. Never a request to record one («anotar un resultado»).
    static func tracking(_ has: (VocabularyWords) -> Bool, tokens t: [String]) -> Query? {
        if t.contains(where: { ["registrar", "anotar", "anota", "registra", "agregar", "nuevo", "nueva", "ponerle", "pongamosle", "revisar", "revisemos"].contains($0) }) {
            return nil
        }
        let progressing = t.contains(where: { ["vamos", "van", "va", "avance", "avances", "avanzando", "avanzado", "llevamos", "estamos"].contains($0) })
        if t.contains(where: { $0 == "resultados" || $0 == "resultado" }) || has(simceWords) { return .results }
        if t.contains(where: { $0 == "indicadores" || $0 == "indicador" }) { return .indicators }
        // «¿cómo vamos con la meta de lectura?»: one meta or objective asked about is asked with the rest.
        if t.contains(where: { ["objetivos", "objetivo", "metas", "meta"].contains($0) }) && progressing { return .objectives }
        // «¿cuáles son los objetivos ahora?», «qué metas tenemos»: the list itself is asked.
        if t.contains(where: { $0 == "objetivos" || $0 == "metas" }), t.contains(where: { ["cuales", "que", "cual"].contains($0) }),
           !t.contains(where: { ["acuerdo", "acuerdos", "compromisos"].contains($0) }) {
            return .objectives
        }
        return nil
    }

    /// Questions about the network's ties and governance: organisations and their contacts,
    /// norms, decisions, practices to institutionalise.
    static func territory(_ has: (VocabularyWords) -> Bool, tokens t: [String]) -> Query? {
        if has(institucionalizarWords)
            || (t.contains(where: { $0 == "practicas" || $0 == "practica" }) && t.contains(where: { $0 == "pei" || $0 == "pme" })) {
            return .institutionalization
        }
        // «¿con quién trabajamos en el territorio?», «¿qué aliados tenemos?».
        let partners = has(vinculacionWords)
            || (has(territorioWords) && t.contains(where: { ["trabajamos", "quien", "quienes", "vinculamos", "vinculados"].contains($0) }))
        // «¿cuál es el mail de jorge?», «¿tienes el teléfono de la OPD?»: whose address is asked
        // (a member's or an organisation's: qa38, it got the menu).
        let asksAddress = t.contains(where: addressWords.contains) && t.contains(where: addressAskWords.contains)
        if partners || has(organizacionesWords) || ((has(contactoWords) || asksAddress) && !has(agreementPairWords)) {
            return .organizations
        }
        // Exact words: «forma» is one letter from «norma».
        if t.contains(where: { ["normas", "norma", "reglas", "normativa"].contains($0) }) { return .norms }
        if has(decidimosWords) { return .decisions }
        return nil
    }

    /// With nothing in progress, the short follow-ups of a list: «más», «¿y los otros?» continue it;
    /// «los de Ana», «los de diciembre», «los cumplidos», «los que vencen en enero» narrow it.
    static func listFollowUp(_ phrase: Phrase) -> Query? {
        if namedByContent(phrase) { return .search }
        var t = phrase.tokens
        while t.count > 1, followUpLeads.contains(t[0]) {
            t.removeFirst()
        }
        while t.count > 1, followUpTails.contains(t[t.count - 1]) {
            t.removeLast()
        }
        guard !t.isEmpty, t.count <= 8 else { return nil }
        // The words are joined only when some phrase has the joined text's first byte and length.
        let length = t.reduce(t.count - 1) { $0 + $1.utf8.count }
        if let f = t[0].utf8.first, moreWordsShapes[Int(f)] & (1 << UInt64(Swift.min(length, 63))) != 0,
           moreWords.contains(t.joined(separator: " ")) { return .moreOfList }
        // «¿y en mayo?», «y pa junio», «¿y mayo?» right after a list: the same list, another month
        // (qa36 conv 15: «No te entendí»). Only with «y» first, a follow-up's mark.
        if phrase.tokens.first == "y", let m = t.last, monthNames.contains(m),
           t.dropLast().allSatisfy({ ["en", "pa", "para", "pal", "de", "del", "el", "mes"].contains($0) }) { return .refineList }
        guard t.count >= 2, t[0] == "los" || t[0] == "las" else { return nil }
        if refineLeads.contains(t[1]) || monthNames.contains(t[1]) { return .refineList }
        return nil
    }

    /// «¿y el de la guía?», «la del bus» after a list: one record named by what it is about, a
    /// search for those words (a month after «de» narrows a list instead, as «los de marzo» does).
    static func namedByContent(_ phrase: Phrase) -> Bool {
        var t = phrase.tokens
        while t.count > 1, followUpLeads.contains(t[0]) { t.removeFirst() }
        while t.count > 1, followUpTails.contains(t[t.count - 1]) { t.removeLast() }
        guard t.count >= 3, t.count <= 6, t[0] == "el" || t[0] == "la", t[1] == "de" || t[1] == "del" else { return false }
        return !t[2...].contains(where: { monthNames.contains($0) }) && !t[2...].allSatisfy { ["la", "el", "los", "las"].contains($0) }
    }

    // Sets built once: `listFollowUp` reads every message at the menu.
    static let followUpLeads: WordSet = ["y", "ya", "ok", "oye", "ahora", "solo", "solamente", "muestrame", "ver", "dame", "quiero", "mostrar",
                                         "entonces", "bueno", "porfa", "po"]
    static let followUpTails: WordSet = ["po", "porfa", "por", "favor", "nomas", "pls", "plis", "altiro", "tambien"]

    /// Per first byte, bit k: a `moreWords` phrase of k bytes (63: more) opens with it.
    static let moreWordsShapes: [UInt64] = moreWords.reduce(into: [UInt64](repeating: 0, count: 256)) { shapes, w in
        if let f = w.utf8.first { shapes[Int(f)] |= 1 << UInt64(Swift.min(w.utf8.count, 63)) }
    }

    static let moreWords: WordSet = [
        "mas", "ver mas", "mas acuerdos", "mas por favor", "dame mas", "muestrame mas", "muestra mas", "quiero ver mas",
        "los otros", "las otras", "los demas", "las demas", "el resto", "ver el resto", "siguientes", "los siguientes",
        "las siguientes", "ver los siguientes", "que mas hay", "que mas", "y que mas", "otros", "otras", "mas mas",
        "sigue la lista", "sigue con la lista", "continua la lista", "los que faltan", "los que siguen", "las que siguen",
        "y despues", "que otros hay", "que otros", "cuales mas", "cuales otros", "los proximos",
    ]

    /// Second words of «los …» that narrow a list.
    static let refineLeads: WordSet = [
        "de", "del", "que", "con", "en", "sin", "mios", "mias", "cumplidos", "cumplidas", "vencidos", "vencidas", "atrasados",
        "atrasadas", "pendientes", "abiertos", "abiertas", "reprogramados", "reprogramadas", "no", "todos", "todas", "hechos",
        "terminados", "listos",
    ]

    /// A meeting named by its noun, as typed (folded).
    static let meetingNounsSaid: WordSet = ["reunion", "reu", "encuentro", "sesion", "jornada", "consejo", "junta", "taller"]

    /// «donde es la reunion», «oye y donde sera el taller de UTP»: «dónde» and a verb of being
    /// open the message (after a filler or two), and a meeting's noun follows.
    static func asksWhereMeetingIs(_ t: [String]) -> Bool {
        guard t.count <= 9, let k = t.prefix(3).firstIndex(of: "donde"), t[..<k].allSatisfy({ ["y", "oye", "ya", "bueno", "entonces", "pero", "hola"].contains($0) }),
              k + 2 < t.count, ["es", "sera", "seria", "queda", "va", "hacemos", "toca"].contains(t[k + 1]) else { return false }
        return t[(k + 2)...].contains(where: meetingNounsSaid.contains)
    }

    /// «hemos hecho», «llevamos», «tuvimos»: meetings held so far, when counted.
    static let heldCountWords: WordSet = ["hecho", "hicimos", "hemos", "llevamos", "tuvimos", "tenido", "realizado", "realizadas", "realizados",
                                          "realizamos", "hecha", "hechas", "hechos"]

    /// Every word of «¿qué tenemos esta semana?», «¿y qué hay pa la otra semana?».
    static let weekAskWords: WordSet = ["que", "q", "tenemos", "hay", "toca", "nos", "esta", "la", "otra", "proxima", "siguiente", "pa", "para",
                                        "pal", "en", "semana", "viene", "po", "pues", "entonces", "de", "toda"]

    /// A span said by name: «esta semana», «este mes».
    static let spanWords: WordSet = ["semana", "mes"]
    /// Words around a span in «¿qué tenemos esta semana?», «¿qué hay pal jueves 10?».
    static let spanFillers: Set<String> = ["esta", "este", "el", "la", "para", "pa", "pal", "en", "de", "del", "proxima", "proximo",
                                           "que", "viene", "po", "nosotros", "ahora"]

    /// Days said by name: «el lunes», «mañana».
    static let dayWords: WordSet = ["lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo", "hoy", "manana"]

    static let monthNames: WordSet = [
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre", "octubre",
        "noviembre", "diciembre",
    ]

    // The word lists the patterns above ask `has` about, as vocabulary bits (built once).
    /// «consejo» (de profesores, técnico, escolar) is how a school names its meeting (issue 12:
    /// «¿cuándo es el consejo?» was not understood).
    static let reunionWords = VocabularyWords(["reunion", "reuniones", "encuentro", "encuentros", "junta", "juntamos", "sesion", "consejo"])
    static let jornadaWords = VocabularyWords(["jornada", "taller", "microcentro"])
    /// «responsable», «a cargo», «encargado»: who holds a task.
    static let inChargeWords: WordSet = ["responsable", "responsables", "cargo", "encargado", "encargada", "encargados", "encargadas"]
    static let acuerdoWords = VocabularyWords(["acuerdo", "acuerdos", "compromiso", "compromisos", "pendiente", "pendientes", "tareas"])
    static let tablaWords = VocabularyWords(["tabla", "temario"])
    static let temasWords = VocabularyWords(["temas", "agenda", "puntos"])
    static let aprendimosWords = VocabularyWords(["aprendimos", "aprendido", "aprendizajes", "aprendizaje", "aprendemos", "reflexiones", "sistematizado"])
    // «¿quién falta por apropiarse?»: the verb asks the same.
    static let apropiacionWords = VocabularyWords(["apropiacion", "apropiaciones", "apropiarse", "apropiado", "apropiada"])
    static let faltanWords = VocabularyWords(["faltan", "falta"])
    static let propositoWords = VocabularyWords(["proposito"])
    static let sondeoWords = VocabularyWords(["sondeo", "sondeos", "encuesta", "votacion"])
    /// A poll named (the status rule above); «consulta» only with an answered verb or «cómo va».
    static let pollNouns: WordSet = ["sondeo", "encuesta", "consulta", "votacion"]

    /// Registering, said of someone else in the past: «anotó», «registró», «puso», «ha agregado».
    static let registeredVerbs: WordSet = ["anoto", "registro", "puso", "agrego", "escribio", "subio", "ingreso", "guardo", "anotaron",
                                           "registraron", "pusieron", "agregaron", "subieron", "ingresaron"]
    /// The speaker's own: «¿qué anoté yo?».
    static let ownVerbs: WordSet = ["anote", "registre", "puse", "agregue", "ingrese", "guarde"]
    static let ownTail: WordSet = ["yo", "hoy", "ayer", "po", "aca", "aqui"]
    /// The same with «ha»/«han» before it: «¿qué ha anotado la Paola?».
    static let registeredParticiples: WordSet = ["anotado", "registrado", "puesto", "agregado", "escrito", "subido", "ingresado", "guardado"]
    /// What a record is called when its author is asked: «¿quién anotó el acuerdo 3?».
    static let registeredNouns: WordSet = ["acuerdo", "acuerdos", "norma", "normas", "decision", "decisiones", "encuentro", "encuentros",
                                                  "reunion", "reuniones", "resultado", "resultados", "organizacion", "organizaciones", "acta",
                                                  "actas", "asistencia", "compromiso", "compromisos"]

    /// The registering verb of a question about who registered what, if it is one: «qué/lo que»
    /// before it and someone after it («¿qué anotó la Paola?»), or «quién» before it and a record
    /// after it («¿quién anotó el acuerdo 3?», «¿quién registró esta norma?»).
    static func registeringVerb(_ t: [String]) -> Int? {
        guard t.count >= 2, t.count <= 12 else { return nil }
        for v in t.indices where registeredVerbs.contains(t[v]) || ownVerbs.contains(t[v])
            || (v >= 1 && registeredParticiples.contains(t[v]) && ["ha", "han", "habia", "he"].contains(t[v - 1])) {
            let before = t[..<v], after = t[(v + 1)...]
            // «¿qué anoté yo?», «¿qué he registrado?»: the speaker's own, with nothing after but
            // «yo» or the day («que anote la Paola el acta» asks for it to be written).
            if ownVerbs.contains(t[v]) || (v >= 1 && t[v - 1] == "he") {
                return before.contains(where: { $0 == "que" || $0 == "q" }) && after.allSatisfy(ownTail.contains) ? v : nil
            }
            guard !after.isEmpty else { return nil }
            if before.contains(where: { $0 == "quien" || $0 == "quienes" }) {
                return after.contains(where: registeredNouns.contains) ? v : nil
            }
            // «¿qué anotó la Paola?»: someone after the verb, never the speaker («¿qué anoté?» is
            // not these verbs) nor a record first («¿qué registró el acta?»).
            if before.contains(where: { $0 == "que" || $0 == "q" }), let first = after.first(where: { !["la", "el", "los", "las"].contains($0) }),
               !registeredNouns.contains(first), !notRegistrants.contains(first) {
                return v
            }
            return nil
        }
        return nil
    }

    static func asksWhoRegistered(_ t: [String]) -> Bool { registeringVerb(t) != nil }

    /// Words after «qué registró…» that name no one: «¿qué registro hay del taller?».
    static let notRegistrants: WordSet = ["en", "de", "del", "con", "para", "pa", "sobre", "que", "q", "hay", "tengo", "tenemos", "tiene",
                                          "tienen", "es", "son", "era", "falta", "queda", "ahi", "aca", "yo", "tu", "usted", "ustedes",
                                          "nosotros", "me", "te", "se", "nos", "le", "les", "lo", "a", "al", "y", "o", "ya", "hoy", "ayer"]
    static let nivelWords = VocabularyWords(["nivel", "diagnostico", "diagnosticos", "madurez"])
    /// A verb of telling others with its clitic («avísale», «mándales»): asking Minga to send it.
    /// An export verb anywhere, or a verb of asking or getting (after at most two lead words)
    /// with «informe»/«reporte» within the next four words.
    static func asksReport(_ t: [String]) -> Bool {
        guard t.count <= 14, t.contains(where: { reportNouns.contains($0) || exportVerbs.contains($0) }) else { return false }
        if t.contains(where: exportVerbs.contains) { return true }
        guard let v = t.prefix(3).firstIndex(where: reportVerbs.contains) else { return false }
        return t[(v + 1)..<min(t.count, v + 5)].contains(where: reportNouns.contains)
    }

    static let reportNouns: Set<String> = ["informe", "reporte"]
    static let exportVerbs: Set<String> = ["exporta", "exportar", "exportame", "exportalo", "exportemos", "exportarlo"]
    static let reportVerbs: Set<String> = ["dame", "hazme", "haceme", "genera", "generar", "generame", "saca", "sacar", "sacame", "saco",
                                           "necesito", "quiero", "queria", "como", "puedes", "podrias", "imprimir", "descargar", "bajar"]

    static let noticeVerbs: WordSet = ["avisale", "avisales", "avisarle", "avisarles", "mandale", "mandales", "mandarle", "mandarles",
                                       "enviale", "enviales", "enviarle", "enviarles", "recuerdale", "recuerdales", "recordarle",
                                       "recordarles", "notificale", "notificales", "notifica", "notificar"]
    static let noticeLeads: WordSet = ["oye", "ya", "y", "puedes", "podrias", "me", "minga", "porfa", "le", "les", "tu", "ahora", "entonces"]

    static let proximaWords = VocabularyWords(["proxima", "proximo", "siguiente", "cuando", "viene"])
    static let conduceWords = VocabularyWords(["conduce", "conduzca", "dirige"])
    static let vacacionesWords = VocabularyWords(["vacaciones"])
    static let miembrosWords = VocabularyWords(["miembros", "integrantes", "participantes"])
    static let vencidoWords = VocabularyWords(["vencido", "vencidos", "vencidas", "atrasado", "atrasados", "atrasadas"])
    static let tengoWords = VocabularyWords(["tengo", "mis", "mios"])
    static let pendientesWords = VocabularyWords(["pendientes", "abiertos"])
    /// The words around the name in «¿y qué le toca ahora a la Nelly?».
    static let personAskFillers: Set<String> = ["que", "q", "y", "la", "el", "le", "a", "al", "tiene", "toca", "debe", "pendiente", "ahora",
                                                "oye", "hoy", "po", "entonces", "minga", "hacer", "por"]
    /// The words of asking when someone's tasks are due, besides who («pa cuándo tiene que entregar la…»).
    static let personDueFillers: Set<String> = ["pa", "para", "hasta", "cuando", "tocaba", "tenia", "entregar", "mandar", "lo", "los", "suyo",
                                                "suyos", "sus", "cosas", "plazo", "las", "tareas", "listo", "lista"]
    static let significaWords = VocabularyWords(["significa", "significado", "escuela", "comprometo", "compromiso", "apropiacion"])
    static let simceWords = VocabularyWords(["simce"])
    static let institucionalizarWords = VocabularyWords(["institucionalizar", "institucionalizacion", "institucionalizamos", "institucionalizadas"])
    static let vinculacionWords = VocabularyWords(["vinculacion", "aliados"])
    static let territorioWords = VocabularyWords(["territorio"])
    static let organizacionesWords = VocabularyWords(["organizaciones", "organizacion", "instituciones"])
    static let contactoWords = VocabularyWords(["contacto"])
    /// A way to write to someone, asked for with `addressAskWords` (not «celular»: a norm's word).
    static let addressWords: Set<String> = ["correo", "mail", "email", "telefono", "fono"]
    static let addressAskWords: Set<String> = ["cual", "tienes", "tenis", "tendras", "sabes"]
    static let agreementPairWords = VocabularyWords(["acuerdo", "acuerdos"])
    static let decidimosWords = VocabularyWords(["decidimos", "decisiones", "decision", "decidieron"])
}

/// Which words of `QueryMatcher.vocabulary` a message holds (bit k: word k; 256 words at most).
struct VocabularyBits {
    private var bits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    mutating func insert(_ i: Int) {
        precondition(i < 256, "QueryMatcher.vocabulary outgrew VocabularyBits")
        let bit: UInt64 = 1 << UInt64(i & 63)
        switch i >> 6 {
        case 0: bits.0 |= bit
        case 1: bits.1 |= bit
        case 2: bits.2 |= bit
        default: bits.3 |= bit
        }
    }

    func intersects(_ o: VocabularyBits) -> Bool {
        bits.0 & o.bits.0 != 0 || bits.1 & o.bits.1 != 0 || bits.2 & o.bits.2 != 0 || bits.3 & o.bits.3 != 0
    }
}

/// A pattern's words: those of the vocabulary as bits, the rest (matched exactly) as words. A
/// vocabulary word said exactly is always among the message's lookups, so the bits alone say
/// whether it is there.
struct VocabularyWords {
    let bits: VocabularyBits
    let outside: [String]

    init(_ words: [String]) {
        var bits = VocabularyBits(), outside: [String] = []
        for w in words {
            if let i = QueryMatcher.vocabulary.index(of: w) { bits.insert(i) } else { outside.append(w) }
        }
        self.bits = bits
        self.outside = outside
    }

    func met(by present: VocabularyBits, tokens: [String]) -> Bool {
        bits.intersects(present) || outside.contains { tokens.contains($0) }
    }
}

/// «¿qué anotó la Paola?», «¿quién anotó el acuerdo 3?», as `QueryMatcher` reads them: the
/// Assistant answers from the same reading.
public enum RegisteredQuestion {
    /// The index of the registering verb in the folded tokens, when it asks who registered what.
    public static func verb(_ tokens: [String]) -> Int? { QueryMatcher.registeringVerb(tokens) }
    /// Whether the verb at `i` is the speaker's own («anoté», «he registrado»).
    public static func isOwn(_ tokens: [String], at i: Int) -> Bool { QueryMatcher.ownVerbs.contains(tokens[i]) || (i >= 1 && tokens[i - 1] == "he") }
}
