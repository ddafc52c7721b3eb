import Foundation
import CivilTime
import Understanding

extension DialogEngine {
    static let thanks: PhraseList = ["gracias", "muchas gracias", "genial", "bacan"]

    /// «quiero borrarlo», «bórralo porfa», «mejor elimínalo»: deleting «it», a pronoun that points
    /// back at what was just saved (the same as «deshacer» then). Only a short message whose
    /// other words say nothing of which record.
    static func deletesIt(_ phrase: Phrase) -> Bool {
        let t = phrase.tokens
        guard t.count <= 6, let verb = t.first(where: { w in
            deleteStems.contains { w.hasPrefix($0) } && ["lo", "la", "los", "las"].contains { w.hasSuffix($0) }
        }) else { return false }
        return t.allSatisfy { $0 == verb || deleteItFiller.contains($0) }
    }

    /// «mmm en realidad eso no lo acordamos todavía, bórralo», «me equivoqué de fecha, elimínalo»:
    /// a reason that takes back what was just saved (a «no» or a mistake said), then, in its own
    /// last clause, deleting «it» (`deletesIt`). (Pass 10, qa16: it started a new agreement
    /// called «todavía, bórralo».)
    static func deletesItWithReason(_ clean: String) -> Bool { deleteReason(clean) != nil }

    /// The reason said with deleting «it» right after a save, in either order: «eso no lo
    /// acordamos todavía, bórralo», «bórralo, eso no lo acordamos todavía», «elimínalo porque
    /// quedó repetido». It is the undo's reason (its «motivo»), not asked again (pass 11: it was
    /// thrown away and asked for). Leading sighs («mmm», «uy») are left out.
    static func deleteReason(_ clean: String) -> String? {
        var parts = clean.split(whereSeparator: { ",;.!".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        // «bórralo porque no lo acordamos»: «porque» opens the reason as a comma would.
        if parts.count == 1, let r = parts[0].range(of: " porque ") {
            parts = [String(parts[0][..<r.lowerBound]), String(parts[0][r.lowerBound...]).trimmingCharacters(in: .whitespaces)]
        }
        // «uy, bórralo, no era para esta red»: a sigh in a clause of its own says nothing.
        while parts.count > 2, Phrase(parts[0]).tokens.allSatisfy({ reasonSighs.contains($0) || deleteItFiller.contains($0) }) {
            parts.removeFirst()
        }
        guard parts.count >= 2 else { return nil }
        let reason: [String]
        if let last = parts.last, deletesIt(Phrase(last)) {
            reason = Array(parts.dropLast())
        } else if let first = parts.first, deletesIt(Phrase(first)) {
            reason = Array(parts.dropFirst())
        } else {
            return nil
        }
        let words = Phrase(reason.joined(separator: " ")).tokens
        guard words.count <= 14, words.contains(where: { takeBackWords.contains($0) }) else { return nil }
        let text = withoutSighs(reason.joined(separator: ", "))
        return text.isEmpty ? nil : text
    }

    /// «me equivoqué, vuelve a ponerlo», «uy no, ponlo de nuevo», «recupéralo porfa», «tráelo de
    /// vuelta»: putting back what was just taken out. Only right after a save that removed a record
    /// (`FlowExtension.removesRecord`: the caller asks), where it is «deshacer» (new-user pass, issue
    /// 12: not understood). A verb of putting or bringing back, said as again when the verb alone
    /// does not say it («ponlo» alone is no undo), and only words of regret around it.
    static func putsBack(_ phrase: Phrase) -> Bool {
        let t = phrase.tokens
        // Cheap first: a short message with one of the verbs (a few set lookups).
        guard t.count <= 12, let i = t.firstIndex(where: putBackVerbs.contains) else { return false }
        let again = backOnItsOwn.contains(t[i]) || t.contains("vuelve") || t.contains("vuelvelo") || t.contains("vuelvela")
            || zip(t, t.dropFirst()).contains { ($0 == "de" && $1 == "nuevo") || ($0 == "otra" && $1 == "vez") || ($0 == "como" && $1 == "estaba")
                || ($0 == "de" && $1 == "vuelta") }
        return again && t.allSatisfy { putBackVerbs.contains($0) || putBackWords.contains($0) || RepairVerb.regretWords.contains($0) }
    }

    /// «deshaz eso, me equivoqué de persona», «me confundí de acuerdo, deshace eso»: an undo with
    /// regret that says what the mistake was about (`RepairVerb.undoAfterRegret`); that clause, as
    /// said, is the undo's reason. Nil for any other message (most lack «desha»: one byte scan).
    static func regretReason(_ clean: String, phrase: Phrase) -> String? {
        guard TextFold.containsBytes(phrase.folded, "desha"), RepairVerb.undoAfterRegret(phrase) else { return nil }
        for part in clean.split(whereSeparator: { ",;.!".contains($0) }) {
            let t = Phrase(String(part)).tokens
            guard t.indices.dropLast().contains(where: { RepairVerb.mistakeVerbs.contains(t[$0]) && t[$0 + 1] == "de" }) else { continue }
            return withoutSighs(part)
        }
        return nil
    }

    /// «chuta no, mejor deshace eso, hay q conversarlo en la reunión primero», «quiero deshacer
    /// lo último que guardé, la norma de los celulares»: a clause whose main verb is the undo
    /// (only regret or wishing words before it) leads the message, whatever the rest names (qa39 C:
    /// the rest's «reunión» scheduled a meeting, its «norma» opened a new norm). Nil when no such
    /// clause leads; `.some(reason)`: the rest, when it says why rather than which record (which
    /// is the one just saved: «que guardé», «la norma de…» say nothing more).
    static func undoLed(_ clean: String, phrase: Phrase) -> String?? {
        // Most messages lack «desha»: one byte scan.
        guard TextFold.containsBytes(phrase.folded, "desha"), phrase.tokens.count <= 24 else { return nil }
        var parts = clean.split(whereSeparator: { ",;.!".contains($0) }).map { Phrase(String($0)) }.filter { !$0.tokens.isEmpty }
        while let p = parts.first, !p.tokens.contains(where: isUndoWord), p.tokens.allSatisfy(RepairVerb.regretWords.contains) {
            parts.removeFirst()
        }
        guard let head = parts.first, let k = head.tokens.firstIndex(where: isUndoWord),
              head.tokens[..<k].allSatisfy({ RepairVerb.regretWords.contains($0) || undoLeads.contains($0) }) else { return nil }
        // What the verb acts on («eso», «lo último», «el cambio») is the undo's own.
        let tail = head.tokens[(k + 1)...].drop(while: { undoObjects.contains($0) })
        var rest: [String] = []
        if !tail.isEmpty { rest.append(tail.joined(separator: " ")) }
        rest += parts.dropFirst().map(\.folded)
        // Regret alone after it («deshace eso, me equivoqué»), or which record: no reason of its own.
        guard let first = rest.first, !rest.allSatisfy({ Phrase($0).tokens.allSatisfy(RepairVerb.regretWords.contains) }) else { return .some(nil) }
        let f = Phrase(first).tokens
        let namesRecord = f.first.map { ["la", "el", "lo", "los", "las", "ese", "esa", "eso"].contains($0) } == true
            || (f.count >= 2 && (f[0] == "que" || f[0] == "q") && savedVerbs.contains(where: { f[1].hasPrefix($0) }))
        if namesRecord { return .some(nil) }
        // The reason as said (the original clauses after the undo), without its sighs.
        let said = clean.split(whereSeparator: { ",;.!".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let at = said.firstIndex(where: { Phrase($0).tokens.contains(where: isUndoWord) }), at + 1 < said.count, tail.isEmpty else {
            return .some(withoutSighs(rest.joined(separator: ", ")))
        }
        return .some(withoutSighs(said[(at + 1)...].joined(separator: ", ")))
    }

    private static func isUndoWord(_ w: String) -> Bool { w.hasPrefix("deshac") || w.hasPrefix("deshaz") }
    /// Words that may open a clause led by the undo: «quiero deshacer…», «mejor deshazlo».
    static let undoLeads: WordSet = ["quiero", "queria", "quisiera", "necesito", "hay", "q", "que", "tienes", "puedes", "podrias", "pueden",
                                     "mejor", "por", "favor", "porfa", "ya", "oye", "ahora", "entonces", "bueno", "altiro"]
    /// What «deshacer» acts on, said after it.
    static let undoObjects: WordSet = ["eso", "esto", "lo", "ultimo", "ultima", "el", "la", "cambio", "todo", "altiro", "porfa", "po", "nomas"]
    /// Verbs that say the record was the one saved («que guardé», «lo que anoté»).
    static let savedVerbs = ["guard", "anot", "registr", "hice", "puse", "agregu", "ingres", "cambi", "borr", "elimin"]

    /// «deshacer el último cambio del acuerdo 1»: the clause of the undo names a record (its noun
    /// or its number), which is that record's own undo (its flow's claim), not the last save's.
    static func undoNamesRecord(_ clean: String) -> Bool {
        guard let clause = clean.split(whereSeparator: { ",;.!".contains($0) }).first(where: {
            Phrase(String($0)).tokens.contains(where: isUndoWord) }) else { return false }
        return Phrase(String(clause)).tokens.contains { w in w.contains(where: \.isNumber) || undoneRecordNouns.contains { w.hasPrefix($0) } }
    }

    static let undoneRecordNouns = ["acuerd", "norma", "encuentr", "reunion", "sondeo", "reflexion", "miembro", "decision", "organiz",
                                    "resultado", "diagnost", "practica", "objetivo", "proposito"]

    /// The verbs that say «back» on their own.
    private static let backVerbs = ["recuperalo", "recuperala", "recuperarlo", "recuperarla", "restauralo", "restaurala", "restaurarlo",
                                    "restaurarla", "devuelvelo", "devuelvela", "reponlo", "reponla", "reponerlo", "reponerla",
                                    "reactivalo", "reactivala"]
    static let backOnItsOwn = WordSet(backVerbs)
    static let putBackVerbs = WordSet(backVerbs + ["ponlo", "ponla", "ponerlo", "ponerla", "poner", "agregalo", "agregala", "agregarlo",
                                                   "agregarla", "traelo", "traela", "vuelvelo", "vuelvela", "activalo", "activala"])
    static let putBackWords: WordSet = ["vuelve", "a", "de", "nuevo", "otra", "vez", "como", "estaba", "vuelta", "al", "tiro", "altiro",
                                        "po", "nomas", "mejor", "que", "si", "en", "la", "red", "lista", "porfa", "favor", "por", "pls", "plis"]

    /// `text` without the sighs that open it (a last word is kept).
    private static func withoutSighs(_ text: some StringProtocol) -> String {
        var words = text.split(separator: " ")
        while words.count > 1, let w = words.first, reasonSighs.contains(TextFold.fold(String(w)).lowercased().filter(\.isLetter)) { words.removeFirst() }
        return words.joined(separator: " ")
    }

    /// What opens a reason without being part of it: a sigh, or the «porque» that introduced it.
    static let reasonSighs: Set<String> = ["mmm", "mm", "mmmm", "uy", "ups", "ay", "ah", "oh", "pucha", "chuta", "oye", "ya", "eh", "ehh", "porque"]

    static let takeBackWords: WordSet = ["no", "equivoque", "equivocamos", "error", "mal", "todavia", "aun", "realidad", "verdad", "porque",
                                          "repetido", "repetida", "duplicado", "duplicada", "veces"]

    /// «acuerdo: …», «otro acuerdo: …»: a word or two and a colon open the message (not a time,
    /// «15:30»). A cheap look at the first bytes.
    static func opensWithLabel(_ clean: String) -> Bool {
        // Most messages have no colon: its byte looked for in place first (the index below walks
        // the text's UTF-8 view generically).
        guard clean.utf8.withContiguousStorageIfAvailable({ $0.prefix(24).contains(0x3A) }) ?? true,
              let colon = clean.utf8.prefix(24).firstIndex(of: 0x3A) else { return false }
        let head = clean[..<colon].split(separator: " ")
        return !head.isEmpty && head.count <= 3 && head.last?.last?.isLetter == true
    }

    static let deleteStems = ["borr", "elimin", "anul", "sac", "quit"]
    static let deleteItFiller: WordSet = ["quiero", "queria", "mejor", "hay", "que", "puedes", "podrias", "por", "favor", "porfa", "no", "ya",
                                          "oye", "si", "ah", "uy", "ups", "pucha", "chuta", "po", "altiro", "nomas", "sabes"]

    enum Closing { case thanks, bye }

    /// Thanks or goodbye with the words around them («ya, gracias, mañana sigo», «eso no más
    /// por hoy», «chao, nos vemos»): every word is one of a closing's, and one says which.
    static func closing(_ phrase: Phrase) -> Closing? {
        let t = phrase.tokens
        guard t.count >= 2, t.count <= 10, phrase.every(.closing) else { return nil }
        // At most ten words: looked up in place («ya po» passes the guard on every review; a
        // set of its words cost more than the rest of the check).
        func has(_ w: String) -> Bool { t.contains(w) }
        // «por la mañana», «en la mañana»: the morning, a part of the day (to «¿A qué hora?» it
        // paused the flow with a goodbye), unless another word says goodbye («nos vemos…»).
        if let i = t.firstIndex(of: "manana"), i > 0, t[i - 1] == "la",
           !t.indices.contains(where: { $0 != i && phrase.classes[$0].contains(.byeCue) }) { return nil }
        // «después lo vemos», «ahí vemos»: «we'll see», not «see you»; only «nos vemos» says goodbye
        // with «vemos» (qa37: «después lo vemos» paused the flow with «¡Hasta pronto!»).
        let seeing = t.indices.contains { phrase.classes[$0].contains(.byeCue) && !(t[$0] == "vemos" && ($0 == 0 || t[$0 - 1] != "nos")) }
        let bye = seeing || (has("eso") && (has("hoy") || has("todo") || has("seria")))
            || (has("hasta") && (has("luego") || has("pronto") || has("manana")))
            // «gracias, buen fin de semana»: wishing a good weekend is a goodbye.
            || (has("semana") && (has("buen") || has("buena") || has("fin"))) || has("finde")
        if bye { return .bye }
        return has("gracias") || has("agradezco") ? .thanks : nil
    }

    /// «gracias minga, nos vemos el martes», «muchas gracias, hasta el jueves»: a goodbye that
    /// names the day they meet again (qa34: «No te entendí»). Read only with nothing in progress:
    /// asked a date, «hasta el martes» is the answer. Cheap gate: a goodbye cue or «hasta».
    static func farewellWithDay(_ phrase: Phrase) -> Bool {
        let t = phrase.tokens
        guard t.count >= 3, t.count <= 10, phrase.some(.byeCue) || t.contains("hasta"),
              let d = t.firstIndex(where: farewellDays.contains), d > 0, ["el", "la", "hasta"].contains(t[d - 1]),
              t.indices.allSatisfy({ $0 == d || phrase.classes[$0].contains(.closing) }) else { return false }
        return phrase.some(.byeCue) || t[..<d].contains("hasta")
    }

    /// The days a goodbye may name («nos vemos el martes», «hasta la próxima»).
    static let farewellDays: Set<String> = ["lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo", "proxima"]

    static let byeCues: WordSet = ["chao", "chau", "adios", "manana", "sigo", "seguimos", "continuo", "continuamos", "vemos", "noches", "pronto"]

    static let closingWords: WordSet = [
        "ya", "gracias", "muchas", "mil", "muchisimas", "agradezco", "chao", "chau", "adios", "hasta", "luego", "manana", "pronto",
        "sigo", "seguimos", "continuo", "continuamos", "despues", "eso", "es", "todo", "seria", "nomas", "no", "mas", "nada",
        "por", "hoy", "ahora", "vale", "ok", "listo", "bueno", "nos", "vemos", "buena", "buenas", "noches", "tardes", "dias",
        "saludos", "genial", "bacan", "perfecto", "dale", "po", "un", "abrazo", "te", "escribo", "otro", "rato", "dia", "lo",
        "y", "bien", "super", "cuidate", "que", "estes", "minga", "era", "el", "la", "de", "buen", "fin", "semana", "finde", "ayuda",
    ]
    /// An "ok" after something was done acknowledges it; it thanks nobody and asks for nothing.
    static let acks: PhraseList = ["vale", "perfecto", "listo", "ok", "ya", "ya po", "oka", "dale"]

    static let actionWords: WordSet = [
        "quiero", "queremos", "quisiera", "necesito", "necesitamos", "hagamos", "hacer", "vamos", "registrar", "registra",
        "anotar", "anota", "agendar", "agenda", "agendemos", "crear", "crea", "escribir", "dejar", "iniciar", "empezar",
        "armar", "armemos", "programar", "programemos", "nuevo", "nueva",
    ]

    /// «chuta me llaman de la dirección, después sigo», «chao, se me cortó el recreo, después
    /// termino»: the person has to go and will finish later. A short message that says so is a
    /// goodbye (the flow waits in pause), never an answer.
    static func leaving(_ phrase: Phrase) -> Bool {
        let t = phrase.tokens
        guard t.count >= 2, t.count <= 16 else { return false }
        if phrase.classes[0].contains(.byeCue), ["chao", "chau", "adios"].contains(t[0]) { return true }
        // Every way of leaving below opens at one of these words: most messages have none.
        guard phrase.some(.leavingCue) else { return false }
        // Only closing words after it: «después sigo, gracias», not «después seguimos con la lectura».
        // «después sigo, tengo que ir a buscar a los niños»: or the reason for leaving.
        func closesFrom(_ i: Int) -> Bool {
            t[i...].allSatisfy { closingWords.contains($0) || $0 == "contigo" }
                || leavingReasons.contains { r in t[i...].starts(with: r) || (t.indices.contains(i) && t[i] == "que" && t[(i + 1)...].starts(with: r)) }
        }
        for i in t.indices {
            let next = t.indices.contains(i + 1) ? t[i + 1] : ""
            let after = t.indices.contains(i + 2) ? t[i + 2] : ""
            // «después sigo», «luego lo termino», «sigo más rato».
            if laterWords.contains(t[i]), laterVerbs.contains(next) { return closesFrom(i + 2) }
            if laterWords.contains(t[i]), next == "lo", laterVerbs.contains(after) { return closesFrom(i + 3) }
            if laterVerbs.contains(t[i]), laterWords.contains(next) { return closesFrom(i + 2) }
            // «lo sigo más rato», «sigo en un rato», «lo termino más tarde» (pass 13, qa22: read as a name).
            if laterVerbs.contains(t[i]), let span = laterSpans.first(where: { t[(i + 1)...].starts(with: $0) }) {
                return closesFrom(i + 1 + span.count)
            }
            // «me tengo que ir», «tengo que irme», «se me cortó el recreo» in a short message.
            guard t.count <= 12 else { continue }
            if t[i] == "me", next == "tengo", after == "que", t.indices.contains(i + 3), t[i + 3] == "ir" { return true }
            if t[i] == "tengo", next == "que", after == "irme" { return true }
            // (The signal that dropped, «se me cortó la señal», is someone back, not leaving; so is
            // «hola, perdón, se me cortó» with nothing after it: only «se me cortó el recreo», what
            // ended named, is a reason to go.)
            if t[i] == "se", next == "me", ["corto", "acabo"].contains(after), t.indices.contains(i + 3),
               !t[(i + 2)...].contains(where: connectionWords.contains) { return true }
        }
        return false
    }

    static let relativeLeads: Set<String> = ["que", "q", "qe"]
    /// What a network does with a record, said in the first person after its noun («una decisión que tomamos»).
    static let relativeVerbs: WordSet = [
        "tomamos", "tome", "hicimos", "hice", "hacemos", "hago", "acordamos", "acorde", "decidimos", "decidi", "tuvimos", "tenemos",
        "llevamos", "vimos", "trabajamos", "realizamos", "aplicamos", "implementamos", "probamos", "desarrollamos", "compartimos",
        "conversamos", "hablamos", "definimos", "estamos",
    ]
    /// The record nouns a request ends with («una decisión», «una práctica»); never a verb that
    /// opens the record itself («acordamos que tenemos que…», «decidimos que hacemos…»).
    static let relativeNouns: WordSet = ["decision", "decisiones", "practica", "practicas", "acuerdo", "acuerdos", "reflexion",
                                         "experiencia", "norma", "normas", "resultado", "resultados", "organizacion"]

    /// How a reason for leaving opens, after «después sigo»: «tengo que ir…», «me llaman…».
    /// «después sigo, tengo consejo», «…, estoy en clases», «…, es que me esperan» (pass 13, qa22: «tengo
    /// consejo» made it a person named «Despues Sigo», «tengo reunión» a meeting to schedule).
    static let leavingReasons: [[String]] = [["tengo"], ["me", "tengo"], ["tenemos"], ["voy", "a"], ["porque"], ["me", "llaman"],
                                             ["me", "llamaron"], ["hay", "que"], ["ahora", "tengo"], ["entro", "a"], ["me", "toca"],
                                             ["estoy", "en"], ["me", "voy"], ["me", "esperan"], ["me", "necesitan"], ["es", "que"],
                                             ["se", "me"], ["empieza"], ["empiezan"], ["ya", "empieza"], ["llego"], ["llegaron"]]
    /// A later time of more than one word after a verb of finishing: «sigo más rato», «lo termino en un rato».
    static let laterSpans: [[String]] = [["mas", "rato"], ["mas", "tarde"], ["en", "un", "rato"], ["al", "rato"], ["otro", "dia"],
                                         ["en", "la", "tarde"], ["en", "la", "noche"]]
    static let leavingCues: WordSet = laterWords.union(laterVerbs).union(["me", "tengo", "se"])
    static let connectionWords: Set<String> = ["senal", "internet", "conexion", "wifi", "luz", "red", "llamada", "celular", "todo"]
    static let laterWords: WordSet = ["despues", "luego", "rato", "manana", "tarde"]
    static let laterVerbs: WordSet = ["sigo", "termino", "seguimos", "terminamos", "continuo", "continuamos", "completo", "retomo", "retomamos"]

    /// «hola de nuevo, ¿en qué íbamos?», «sigamos con el acuerdo de ayer»: a request to pick up
    /// where the conversation was, with greetings around it; never an answer to the question.
    static func resuming(_ phrase: Phrase) -> Bool {
        let t = phrase.tokens, c = phrase.classes
        guard t.count <= 12 else { return false }
        // Both ways below need a resuming verb or one of the questions' words: most messages have neither.
        guard phrase.some([.resumeVerb, .resumeCue]) else { return false }
        var i = 0
        while i < t.count, !c[i].isDisjoint(with: [.resumeLead, .greeting]) { i += 1 }
        guard i < t.count else { return false }
        if c[i].contains(.resumeVerb) {
            // «sigamos», «sigamos con el acuerdo de ayer»; not «seguir trabajando con los apoderados».
            return i + 1 == t.count || c[i + 1].contains(.resumeFollower)
        }
        // «¿en qué íbamos?» as the whole question («en qué íbamos a gastar la plata» asks something else).
        // Each of those questions has one of these words: without one, nothing to join and compare.
        guard c[i...].contains(where: { $0.contains(.resumeCue) }) else { return false }
        // «en q ibamos», «en k estabamos»: «qué» as typed on a phone (qa32: read as the answer).
        let rest = t[i...].indices.filter { !c[$0].contains(.closing) || ["que", "en"].contains(t[$0]) }
            .map { t[$0] == "q" || t[$0] == "k" ? "que" : t[$0] }.joined(separator: " ")
        return ["en que ibamos", "en que estabamos", "en que quedamos", "donde quedamos", "donde ibamos", "en que iba"].contains(rest)
    }

    /// «retomar la hora de lectura silenciosa los lunes y miércoles», «seguir con las visitas al aula
    /// entre pares»: an infinitive of resuming followed by what is to be done (three words of
    /// content or more) says a task, not «let's go on» («seguir», «sigamos con el acuerdo» stay
    /// the command). Read only at a free-text question, after `resuming` said yes.
    static func valueAfterResumeVerb(_ phrase: Phrase) -> Bool {
        let t = phrase.tokens, c = phrase.classes
        guard let i = t.indices.first(where: { c[$0].contains(.resumeVerb) }), t[i].hasSuffix("ar") || t[i].hasSuffix("er") || t[i].hasSuffix("ir") else {
            return false
        }
        return t[(i + 1)...].indices.count(where: { !c[$0].contains(.stop) }) >= 3
    }

    // Sets built once: `resuming` reads every message in a flow.
    static let resumeVerbs: WordSet = ["sigamos", "continuemos", "retomemos", "retomar", "seguir", "continuar", "volvamos"]
    static let resumeFollowers: WordSet = ["con", "en", "lo", "el", "la", "donde", "que"]
    static let resumeCues: WordSet = ["ibamos", "estabamos", "quedamos", "iba"]

    static let resumeLead: WordSet = ["minga", "de", "nuevo", "otra", "vez", "ya", "bueno", "oye", "ok", "volvi", "aqui", "aca", "estoy", "y", "listo", "po"]

    /// True when the whole message is a greeting ("hola", "buenas tardes").
    public static func isGreeting(_ text: String) -> Bool { greets(Phrase(text)) }

    static let greetings: PhraseList = ["hola", "buenas", "buenos dias", "buen dia", "buenas tardes", "buenas noches", "hola minga", "wena",
                            "que tal", "hola como estas", "holi", "alo",
                            // The Mapuche greeting («mari mari», to a sister «lamngen», to a brother «peñi»).
                            "mari mari", "mari mari minga", "mari mari lamngen", "mari mari peni", "mari mari kom pu che", "mari mari a todos"]

    /// «wena minga», «holaa buenas tardes», «hola minga!», «nada, solo quería saludar jaja»:
    /// every word belongs to a greeting and one of them greets.
    static func greets(_ phrase: Phrase) -> Bool {
        let t = phrase.tokens
        // A greeting with who writes and where from («hola soy la Rosa, de la escuela El Roble, cómo
        // estás?») runs longer than a greeting alone.
        guard !t.isEmpty, t.count <= 10 || (t.count <= 16 && t.contains(where: selfIntroductions.contains)) else { return false }
        // Every word a greeting's, one of them greeting (on the words' bits), or a greeting as a whole.
        if t.count <= 10, phrase.some(.greeting), phrase.every([.greeting, .greetingFiller, .laugh]) { return true }
        if phrase.some(.greeting), introducesThemself(phrase) { return true }
        return phrase.isOne(of: greetings)
    }

    /// «hola, soy la Lidia», «buenas, aquí la Rosa Millalonco», «hola les habla Pedro»: a greeting
    /// whose rest only says who writes (one to three words of a name, no request in them).
    static func introducesThemself(_ phrase: Phrase) -> Bool { introducedName(phrase) != nil }

    /// The name's words in a greeting that says who writes («hola soy la Rosa, de…» → «rosa»).
    static func introducedName(_ phrase: Phrase) -> ArraySlice<String>? {
        let t = phrase.tokens, c = phrase.classes
        var i = 0
        while i < t.count, !c[i].isDisjoint(with: [.greeting, .greetingFiller]), !selfIntroductions.contains(t[i]) { i += 1 }
        guard i < t.count, selfIntroductions.contains(t[i]) else { return nil }
        i += 1
        while i < t.count, ["la", "el", "les", "te", "con"].contains(t[i]) || t[i] == "habla" { i += 1 }
        // «…, ¿cómo estás?»: a courtesy at the end says nothing more.
        var end = t.count
        if let courtesy = courtesyEndings.first(where: { t[i...].count > $0.count && Array(t.suffix($0.count)) == $0 }) { end -= courtesy.count }
        // The name runs to where the school or the role starts («de la escuela El Roble», «profe de 3°»).
        var j = i
        while j < end, j - i < 3, !affiliationLeads.contains(t[j]) { j += 1 }
        let name = t[i..<j], place = t[j..<end]
        guard (1...3).contains(name.count), name.indices.allSatisfy({ !c[$0].contains(.action) && !t[$0].contains(where: \.isNumber) }) else { return nil }
        // What follows the name only says where they work or what they do: no request, no question.
        guard place.count <= 8, place.indices.allSatisfy({
            c[$0].isDisjoint(with: [.action, .interrogative, .questionWord, .want]) && !selfIntroductions.contains(t[$0])
        }) else { return nil }
        return name
    }

    /// «hola, soy Luis, profe de la escuela de Ayacara»: a greeting that says who writes and where
    /// they work or what they do (not only the name).
    public static func introducesWithPlace(_ text: String) -> Bool { introducesWithPlace(Phrase(text)) }

    static func introducesWithPlace(_ phrase: Phrase) -> Bool {
        guard let name = introducedName(phrase) else { return false }
        return phrase.tokens[name.endIndex...].contains(where: affiliationLeads.contains)
    }

    static let selfIntroductions: WordSet = ["soy", "aqui", "aca", "habla"]
    static let affiliationLeads: WordSet = ["de", "del", "desde", "profe", "profesora", "profesor", "directora", "director", "jefa", "jefe",
                                            "utp", "encargada", "encargado", "docente", "educadora", "coordinadora", "coordinador"]
    static let courtesyEndings: [[String]] = [["como", "estas"], ["como", "esta"], ["como", "estai"], ["que", "tal"], ["q", "tal"], ["como", "te", "va"],
                                              ["como", "le", "va"]]

    /// Only saying hello («nada, solo quería saludar»): nothing is being asked.
    static func justSaysHello(_ phrase: Phrase) -> Bool {
        greets(phrase) && phrase.tokens.contains { ["saludar", "saludarte", "saludo", "saludos"].contains($0) }
    }

    static func isGreetingWord(_ w: String) -> Bool {
        // Every greeting word opens with one of these letters: most words stop at the first byte.
        guard let f = w.utf8.first, f == UInt8(ascii: "h") || f == UInt8(ascii: "w") || f == UInt8(ascii: "b")
            || f == UInt8(ascii: "s") || f == UInt8(ascii: "a") || f == UInt8(ascii: "o") else { return false }
        if greetingWords.contains(w) { return true }
        // «hola», «holaa», «holaaa».
        return w.hasPrefix("hola") && w.dropFirst(4).allSatisfy { $0 == "a" }
    }

    /// The greeting words that are not «hola» drawn out («holaa»).
    /// «buen día» greets as «buenos días» does (it was read as a day for the availability poll).
    static let greetingWords: WordSet = ["ola", "olaa", "wena", "wenas", "buenas", "buenos", "buen", "holi", "alo", "saludar", "saludarte", "saludos",
                                         "saludo", "hey"]

    // «q» and «k» are «qué» as typed on a phone: «hola q tal» (qa32: stored as an answer).
    static let greetingFiller: WordSet = ["minga", "dias", "dia", "tardes", "noches", "que", "q", "k", "tal", "como", "estas", "esta", "de", "nuevo",
                                              "po", "nada", "solo", "queria", "quiero", "pasaba", "a", "ahi", "oye", "y", "te", "la", "mi", "amiga",
                                              "amigo", "todo", "bien", "tu", "para", "pa", "estai", "estay", "andas", "andai", "anda", "wena", "wenas",
                                              // «holaa, perdón, me distraje», «hola, disculpa la demora, ya volví»: an apology for the wait.
                                              "perdon", "disculpa", "disculpe", "disculpas", "sorry", "me", "distraje", "demore", "demora",
                                              "ya", "volvi", "aqui", "aca", "estoy", "otra", "vez", "hora", "molestia", "disculpen",
                                              // «hola, sorry, se me cortó la señal»: back after the connection dropped.
                                              "se", "corto", "cayo", "senal", "internet", "conexion", "wifi", "luz"]

    static func isLaugh(_ w: String) -> Bool {
        w.count >= 4 && (w.hasPrefix("jaj") || w.hasPrefix("jej") || w.hasPrefix("jij")) || w == "xd"
    }

    /// A short menu of what Minga can do; the next message may pick one by number.
    func menu(lead: String, state: inout DialogState, out: inout [Effect]) {
        let flows = catalog.menu
        state.pending = .pickFlow(flows.map(\.id))
        var text = lead
        if !state.paused.isEmpty { text += " (también puedes escribir «seguir» para retomar lo que quedó en pausa)" }
        out.append(.say(text))
    }

    /// Starts a flow from the words that asked for it, filling what those words already say.
    /// `phrase`: `Phrase(text)` when the caller has it (the request is nearly always the message).
    func startFromText(_ flow: FlowDefinition, text: String, phrase: Phrase? = nil, used: Set<Int>? = nil,
                       state: inout DialogState, context: EngineContext, out: inout [Effect]) {
        let phrase = phrase ?? Phrase(text)
        var used = used ?? catalog.match(phrase).first(where: { $0.flow == flow.id })?.usedTokens ?? []
        used.formUnion(Self.ownComplement(after: used, phrase: phrase, flow: flow))
        begin(flow, remainder: remainder(of: text, phrase: phrase, used: used, members: context.members), request: text, state: &state, context: context, out: &out)
    }

    /// «definimos normas de convivencia pa las reuniones»: the request's noun followed by «de» and
    /// a word another of the flow's triggers says with it («normas de convivencia de la red») is the
    /// request's still, no value (qa39 C: the norm read «convivencia pa las reuniones»). Those
    /// tokens; none otherwise.
    static func ownComplement(after used: Set<Int>, phrase: Phrase, flow: FlowDefinition) -> Set<Int> {
        let t = phrase.tokens
        guard let last = used.max(), last + 2 < t.count, t[last + 1] == "de" || t[last + 1] == "del" else { return [] }
        var j = last + 2
        while j < t.count, FlowCatalog.complementDeterminers.contains(t[j]) { j += 1 }
        guard j < t.count, j - last <= 3 else { return [] }
        let stem = Phrase.stem(t[j])
        guard flow.triggers.contains(where: { Phrase($0).stems.dropFirst().contains(stem) }) else { return [] }
        // «… pa las reuniones» closing it: what they are for, still the request's.
        var k = j + 1
        if k < t.count, FlowCatalog.complementPrepositions.contains(t[k]) {
            k += 1
            while k < t.count, FlowCatalog.complementDeterminers.contains(t[k]) { k += 1 }
            if k + 1 == t.count { return Set((last + 1)..<t.count) }
        }
        return Set((last + 1)...j)
    }

    /// «aceurdo q la tia Gaby hace el panel…» left after «anota»: a word of the flow's triggers,
    /// misspelt, opening what is left is the request's, never the answer's (qa20 D1: the text
    /// kept «aceurdo q»). It goes, with a «que» after it.
    static func withoutMisspeltTrigger(_ rest: String, flow: FlowDefinition) -> String {
        var words = rest.split(separator: " ").map(String.init)
        // Only a word in lower case followed by «q», «que» or a colon, as a request's noun is
        // («Tomas Ibarra manda…» opens with a name, not with «tomamos» misspelt).
        guard words.count >= 3, words[0].first?.isLowercase == true, case let first = TextFold.fold(words[0]).filter(\.isLetter), first.count >= 5,
              !Phrase.stopWords.contains(first), FirstNames.canonical(first) == nil,
              words[0].hasSuffix(":") || ["q", "que"].contains(TextFold.fold(words[1])) else { return rest }
        var triggerWords = Set<String>()
        for trigger in flow.triggers { for w in Phrase(trigger).tokens where w.count >= 5 { triggerWords.insert(w) } }
        // One typo, or two letters swapped («aceurdo»).
        func swapped(_ a: String, _ b: String) -> Bool {
            let x = Array(a.utf8), y = Array(b.utf8)
            guard x.count == y.count, let i = x.indices.first(where: { x[$0] != y[$0] }), i + 1 < x.count else { return false }
            return x[i] == y[i + 1] && x[i + 1] == y[i] && x[(i + 2)...] == y[(i + 2)...]
        }
        guard !triggerWords.contains(first),
              triggerWords.contains(where: { swapped($0, first) || Phrase.similar(Phrase.stem($0), Phrase.stem(first)) && Phrase.stem($0) != Phrase.stem(first) })
        else { return rest }
        words.removeFirst()
        while let next = words.first, ["q", "que", ":", "-"].contains(TextFold.fold(next).trimmingCharacters(in: .punctuationCharacters)) || next == ":" {
            words.removeFirst()
        }
        return words.count >= 2 ? words.joined(separator: " ") : rest
    }

    static let keptArticles: WordSet = ["la", "el", "los", "las"]

    /// The original words left after removing the trigger's words and the filler around them.
    /// `phrase` is `Phrase(text)`.
    func remainder(of text: String, phrase: Phrase, used: Set<Int>, members: [String] = []) -> String? {
        // A request whose last word is the trigger's («registrar un acuerdo») leaves nothing after
        // it: known from the phrase, without each word being folded again.
        // (Only a trigger said in one piece: «…una pizarra nueva» after «registrar un acuerdo:»
        // ends with a word the match took too, and has words after the request's.)
        if let last = phrase.tokens.indices.last, used.contains(last), let first = used.min(), used.count == last - first + 1 {
            assert(remainderAfterTrigger(of: text, used: used, members: members) == nil, "«\(text)» has words after its trigger")
            return nil
        }
        return remainderAfterTrigger(of: text, used: used, members: members)
    }

    /// `remainder` word by word.
    private func remainderAfterTrigger(of text: String, used: Set<Int>, members: [String]) -> String? {
        // The trigger's tokens as bits: a match only uses a message's first 64 tokens
        // (`FlowCatalog.Match`); any other index is looked up in the set.
        var usedBits: UInt64 = 0
        var beyond = false
        for u in used {
            if (0..<64).contains(u) { usedBits |= 1 << UInt64(u) } else { beyond = true }
        }
        let all = TextFold.spaceSeparated(text)
        var tokenIndex = 0
        var lastUsed = -1
        for (i, w) in all.enumerated() {
            // The word's tokens, counted on its folded bytes (single inner spaces, none at the
            // ends): `Phrase(w).tokens.count` without the phrase.
            // (Folded in place on the word's bytes: no string of each word.)
            let n = TextFold.foldedWordCount(w)
            assert(n == TextFold.withFolded(String(w)) { f in f.isEmpty ? 0 : 1 + f.count(where: { $0 == 0x20 }) }, "foldedWordCount counted «\(w)» otherwise")
            if (tokenIndex..<(tokenIndex + n)).contains(where: { $0 < 64 ? (usedBits >> UInt64($0)) & 1 != 0 : beyond && used.contains($0) }) {
                lastUsed = i
            } else if lastUsed >= 0, i - lastUsed > 3 {
                // The request's words are together: one the match took far after them («…el
                // calendario pa la otra semana», whose «otra» reads as «nueva») is the answer's.
                break
            }
            tokenIndex += n
        }
        // Nothing after the last trigger word («registrar un acuerdo»): no remainder.
        guard lastUsed >= 0, lastUsed + 1 < all.count else { return nil }
        // Everything after the last trigger word, without leading filler ("que", "un", ":").
        var words = Array(all[(lastUsed + 1)...])
        // «registrar una decisión que tomamos en la red», «compartir una práctica q hacemos en la
        // escuela»: a relative clause about the record's noun says how it came about, not what it
        // is (pass 13, qa22: the decision read «tomamos en la red»). What follows a «:» is.
        if words.count >= 2, Self.relativeNouns.contains(Phrase(String(all[lastUsed])).core),
           Self.relativeLeads.contains(TextFold.fold(String(words[0]))),
           Self.relativeVerbs.contains(Phrase(String(words[1])).core) {
            guard let colon = words.firstIndex(where: { $0.hasSuffix(":") }), colon + 1 < words.count else { return nil }
            words = Array(words[(colon + 1)...])
        }
        // «anotar lo q acordamos ayer», «los acuerdos del consejo de hoy»: the record or its
        // occasion, no field's value.
        if let kept = Self.withoutOccasionReference(words[...], after: all[lastUsed]) {
            guard !kept.isEmpty else { return nil }
            words = Array(kept)
        }
        while let first = words.first, case let p = Phrase(String(first)), Phrase.stopWords.contains(p.core) || p.tokens.isEmpty {
            // «de lo que hicimos con los profes»: «lo que…» is what the request is about.
            if p.core == "lo", words.count > 1, Phrase(String(words[1])).core == "que" { break }
            // «decidimos que la prueba de nivel se toma en marzo»: a definite article that opens
            // what was said after the request's words is part of it (only request words go);
            // «la Marta manda…», «el pedro…»: the article before a person's name is not.
            if Self.keptArticles.contains(p.core), words.count > 2, case let next = Phrase(String(words[1])),
               !next.tokens.isEmpty, !Phrase.stopWords.contains(next.core), words[1].first?.isUppercase != true,
               FirstNames.canonical(next.core) == nil,
               !members.contains(where: { TextFold.fold(String($0.split(separator: " ").first ?? "")) == next.core }) { break }
            words.removeFirst()
        }
        // «anota otro: Tomás manda el informe…»: «otro:» says it is one more, no part of it
        // (issue 12: the agreement read «otro: Tomás…»).
        if let k = AnswerText.anotherLead(words.prefix(5).map(String.init)) { words.removeFirst(k) }
        let rest = words.joined(separator: " ")
        return Phrase(rest).contentCount >= 1 ? rest : nil
    }

    /// Over-informing: dates, people and the main text said together with the request.
    /// Returns the echo of each filled slot ("plazo: viernes 27 de noviembre").
    func prefill(_ run: inout FlowRun, flow: FlowDefinition, remainder: String, request: String? = nil,
                 context: EngineContext) -> [(slot: String?, text: String)] {
        var echoes: [(slot: String?, text: String)] = []
        var rest = Self.commaBeforeLabel(remainder, flow: flow)
        // «…, evidencia el correo»: a part of the request that starts with a field's name says
        // that field, before its words can be read as a date or as the main text.
        for (slot, value, part) in labeledParts(rest, flow: flow) where run.values[slot.name] == nil {
            run.values[slot.name] = .text(value)
            run.answered.append(slot.name)
            echoes.append((slot.name, "\(slot.label): \(value)"))
            rest = removing(part, from: rest)
        }
        // «…, plazo 20 de diciembre», «…, responsables todas las profes»: a part naming a field of
        // another kind, read as that field's answer; the field's name is not left in the text.
        for part in rest.split(whereSeparator: { $0 == "," || $0 == ";" }).dropFirst() {
            let all = part.split(separator: " ")
            // «…, y el plazo es el viernes»: «y» and an article before the name (`labelLead`).
            let lead = Self.labelLead(all)
            let words = all.dropFirst(lead)
            guard words.count >= 2 else { continue }
            for slot in flow.slots where slot.type != .text && slot.type != .longtext && slot.fromRequest && run.values[slot.name] == nil && !slot.nameForms.isEmpty {
                guard let name = slot.nameForms.first(where: { n in
                    n.count < words.count && zip(n, words.prefix(n.count)).allSatisfy { a, w in FieldNamePrefix.same(a, Phrase(String(w)).folded) }
                }) else { continue }
                if lead > 0, !Self.copulaAfter(words.dropFirst(name.count), nameEnd: words[words.startIndex + name.count - 1]) { continue }
                // «a cargo de la Marta», «plazo: el 20»: the words joining name and value go.
                let said = words.dropFirst(name.count).drop { w in
                    ["de", "del", "la", "el", "los", "las", "es", "son", "sera", ":"].contains(Phrase(String(w)).folded) || w == ":"
                }.joined(separator: " ")
                guard case .value(let v) = SlotParser.parse(said, slot: slot, context: context),
                      violation(v, slot: slot, run: run, context: context) == nil else { continue }
                // People: only those the network knows (or a group); a new name is left to the
                // usual reading, which offers to add it.
                // («…, responsables Jorge Barrientos y Sonia Oyarzo»: new names written as names are
                // taken too, and offered to add as the usual reading does; the label and the names
                // stayed in the main text, qa29 c5.)
                if slot.type == .people || slot.type == .person,
                   !(v.listValue ?? v.textValue.map { [$0] } ?? []).allSatisfy({ context.members.contains($0) || $0 == context.userName || PeopleParser.isGroup($0)
                       || (slot.type == .people && PeopleParser.looksLikeName($0) && $0.split(separator: " ").count >= 2 && $0.first?.isUppercase == true) }) {
                    continue
                }
                run.values[slot.name] = v
                run.answered.append(slot.name)
                echoes.append((slot.name, "\(slot.label): \(v.display(today: context.today, choices: slot.choices))"))
                rest = removing(String(part), from: rest)
                break
            }
        }
        // Time expressions first: they are the most reliable and must not end up in the text.
        // «lo de hoy» is what happened today, not a when.
        var found = TemporalParser.parse(rest, context: context.temporal)
        // «Victor manda el informe anual el 8 de enero»: a frequency word right before a day
        // describes the thing, not a series, when the flow wants one day (a deadline).
        if let m = found, case .recurrence = m.value, m.text.contains(" "),
           flow.slots.contains(where: { $0.type == .date && $0.fromRequest && run.values[$0.name] == nil }),
           let at = rest.range(of: m.text), let space = rest[at.lowerBound...].firstIndex(of: " "),
           let again = TemporalParser.parse(String(rest[rest.index(after: space)...]), context: context.temporal),
           case .date = again.value { found = again }
        // «rosa manda el informe del próximo mes el viernes», «la pauta de diciembre el lunes»: a
        // month said with «de» right after a noun names the thing; the day said after it on its
        // own is the when (issue 12: «el viernes» stayed in the text and the plazo was asked).
        // Only a range opening with «de»/«del» is read again: most requests have none.
        if let m = found, case .dateRange = m.value, let later = Self.dayAfterNamingRange(m.text, in: rest, context: context) { found = later }
        // «el informe de la otra semana el jueves»: the reader takes «la otra semana el jueves» as
        // one day (the 3rd); after «de» and a noun the week names the thing, and the day is said
        // on its own (this Thursday). Only a day right after «de »/«del » is read again.
        if let m = found, case .date = m.value, let day = Self.dayAfterNamingWeek(m.text, in: rest, context: context) { found = day }
        if let m = found, !Self.isReference(m.text, in: request ?? rest) {
            if let slot = flow.slots.first(where: { [.date, .datetime, .time, .daterange, .recurrence].contains($0.type) && $0.fromRequest && run.values[$0.name] == nil }),
               case .value(let v) = SlotParser.parse(m.text, slot: slot, context: context),
               violation(v, slot: slot, run: run, context: context) == nil {
                run.values[slot.name] = v
                run.answered.append(slot.name)
                echoes.append((slot.name, "\(slot.label): \(v.display(today: context.today))"))
                // «sube su plan al drive antes de fin de mes»: a deadline said as part of the
                // action stays in its text (cut out, «antes de» would be left hanging).
                if !Self.saidAsLimit(m.text, in: rest) { rest = Self.withoutDanglingLabel(removing(m.text, from: rest), of: slot) }
            } else if let slot = flow.slots.first(where: { [.date, .datetime].contains($0.type) && $0.fromRequest && run.values[$0.name] == nil }),
                      case .value(let v) = SlotParser.parse(m.text, slot: slot, context: context),
                      violation(v, slot: slot, run: run, context: context)?.isQuestion == true, !Self.saidAsLimit(m.text, in: rest) {
                // «…el 9 de diciembre» said on the 10th: the date is not part of the text; whether
                // to keep it is asked first (`begin`), as for a past date answered.
                run.check = .pastDate(slot: slot.name, value: v)
                run.phase = .asking(slot.name)
                rest = Self.withoutDanglingLabel(removing(m.text, from: rest), of: slot)
            } else if m.alternatives.count > 1,
                      let slot = flow.slots.first(where: { [.date, .datetime].contains($0.type) && $0.fromRequest && run.values[$0.name] == nil }),
                      case .ambiguous(let options) = SlotParser.parse(m.text, slot: slot, context: context), !Self.saidAsLimit(m.text, in: rest) {
                // «pal viernes 30 de octubre» when the 30th is a Saturday: which of the two is
                // asked first (`begin`), as for a past date; the words are no part of the text.
                run.check = .whichDate(slot: slot.name, options: options)
                run.phase = .asking(slot.name)
                if case .dateTime(let dt) = m.value { run.partials = [slot.name: .time(dt.time)] }
                rest = Self.withoutDanglingLabel(removing(m.text, from: rest), of: slot)
            } else if let d = m.dayWithoutHour,
                      m.alternatives.count <= 1, d >= context.today,
                      let slot = flow.slots.first(where: { $0.type == .datetime && $0.fromRequest && run.values[$0.name] == nil }) {
                // "programemos una jornada el 10 de diciembre": the day now, the hour when asked.
                run.partials = [slot.name: .date(d)]
                echoes.append((slot.name, "día: \(SpanishFormat.date(d, today: context.today))"))
                rest = removing(m.text, from: rest)
            } else if Phrase(removing(m.text, from: rest)).contentCount < 2 {
                // A when alone that fits no slot as said ("pa la otra semana" for a day and time)
                // is not the meeting's name: the question for it comes later.
                rest = removing(m.text, from: rest)
            }
        }
        // Members named in the text.
        if let slot = flow.slots.first(where: { ($0.type == .people || $0.type == .person) && run.values[$0.name] == nil }) {
            var names = namedPeople(in: rest, context: context)
            // «jorge envía…, responsable Jorge Barrientos»: the person a labelled part already gave
            // (by first name here) is not someone else.
            let taken = flow.slots.filter { $0.type == .people || $0.type == .person }.flatMap { run.values[$0.name]?.listValue ?? run.values[$0.name]?.textValue.map { [$0] } ?? [] }
            if !taken.isEmpty {
                names.removeAll { n in taken.contains { t in t == n || (Phrase(n).tokens.count == 1 && Phrase(t).tokens.first == Phrase(n).tokens.first) } }
            }
            if !names.isEmpty {
                // «…, y yo me encargo de revisar»: who does it, said; not part of the main text.
                rest = Self.withoutCharge(rest)
                run.values[slot.name] = slot.type == .person ? .text(names[0]) : .list(names)
                run.answered.append(slot.name)
                echoes.append((slot.name, "\(slot.label): \(SlotValue.joinSpanish(names))"))
            }
        }
        // What is left is the main text, if it says something (and that field is ever read from
        // a request: «se integra una profe nueva» is nobody's school).
        if let slot = flow.slots.first(where: { $0.type == .text && run.values[$0.name] == nil }), slot.fromRequest {
            // «porfa: el pedro manda…»: the request's own fillers are not the text.
            var text = AnswerText.trimmed(Sanitize.line(rest.trimmingCharacters(in: CharacterSet(charactersIn: " ,.:;-"))))
            // «yo mando el resumen»: the speaker went to the people; the action is «mandar el resumen».
            let words = text.split(separator: " ", omittingEmptySubsequences: true)
            var rewritten = false
            if words.count >= 3, Phrase(String(words[0])).tokens == ["yo"], slotsFilled(run, flow: flow, type: [.people, .person]),
               let verb = FirstPerson.infinitive(String(words[1])) {
                text = ([verb] + words.dropFirst(2).map(String.init)).joined(separator: " ")
                rewritten = true
            } else if words.count >= 3, Phrase(String(words[1])).tokens == ["yo"], slotsFilled(run, flow: flow, type: [.people, .person]),
                      let verb = FirstPerson.infinitive(String(words[0])) {
                // «hago yo el calendario»: the verb before «yo», the same.
                text = ([verb] + words.dropFirst(2).map(String.init)).joined(separator: " ")
                rewritten = true
            }
            let said = Phrase(text)
            // «yo hago el calendario (pa fines de marzo)»: the verb said counts, «hacer» included.
            if (rewritten ? said.actionCount : said.contentCount) >= 2, !said.tokens.allSatisfy(Self.requestWords.contains) {
                run.values[slot.name] = .text(text)
                run.answered.append(slot.name)
                echoes.append((slot.name, "\(slot.label): \(text)"))
            }
        }
        return echoes
    }

    /// «…, plazo fin de marzo» once the date is taken: the field's name left at the end of the
    /// text («…, plazo») is not part of it.
    static func withoutDanglingLabel(_ text: String, of slot: SlotDefinition) -> String {
        var words = text.split(separator: " ").map(String.init)
        while let l = words.last, l.allSatisfy({ " ,.;:".contains($0) }) { words.removeLast() }
        guard let last = words.last, words.count > 1, let i = words.dropLast().lastIndex(where: { $0.hasSuffix(",") || $0.hasSuffix(";") }), i == words.count - 2,
              ([slot.label, slot.name] + slot.aliases).contains(where: { Phrase($0).tokens == Phrase(last).tokens }) else { return text }
        words.removeLast()
        words[words.count - 1].removeLast()
        return words.joined(separator: " ")
    }

    /// True when a slot of one of `type` already has a value.
    func slotsFilled(_ run: FlowRun, flow: FlowDefinition, type: Set<SlotType>) -> Bool {
        flow.slots.contains { type.contains($0.type) && run.values[$0.name] != nil }
    }

    /// Parts of `text` after a comma that open with a text field's label or alias, other than
    /// the first text field's («…, evidencia el correo»): that field, its value, and the part.
    func labeledParts(_ text: String, flow: FlowDefinition) -> [(SlotDefinition, String, String)] {
        let parts = text.split(whereSeparator: { $0 == "," || $0 == ";" }).dropFirst()
        guard !parts.isEmpty else { return [] }
        let main = flow.slots.first(where: { $0.type == .text })?.name
        var out: [(SlotDefinition, String, String)] = []
        for part in parts {
            let all = part.split(separator: " ")
            // «…, y la evidencia es el correo»: the label may open with «y» and an article, and
            // a copula may join it to its value (qa37: the whole clause stayed in the text).
            let lead = Self.labelLead(all)
            let words = all.dropFirst(lead)
            for slot in flow.slots where slot.type == .text && slot.name != main && !slot.isList && !out.contains(where: { $0.0.name == slot.name }) {
                guard let name = slot.nameForms.first(where: { n in
                    n.count < words.count && words.prefix(n.count).map { Phrase(String($0)).folded } == n
                }) else { continue }
                // With «y» or an article before it, the name is a label only when «es»/«:» follows.
                if lead > 0, !Self.copulaAfter(words.dropFirst(name.count), nameEnd: words[words.startIndex + name.count - 1]) { continue }
                var after = words.dropFirst(name.count)
                if let w = after.first, FieldNamePrefix.copulas.contains(Phrase(String(w)).folded) { after = after.dropFirst() }
                var value = after.joined(separator: " ")
                value = Sanitize.line(value.trimmingCharacters(in: CharacterSet(charactersIn: " .:;-")))
                if Phrase(value).contentCount >= 1 { out.append((slot, value, String(part))) }
                break
            }
        }
        return out
    }

    /// «…pal viernes y la evidencia es el correo»: a comma put before « y <article> <field> es»
    /// naming a field of the flow, so the labelled part is read as one said after a comma. Only
    /// a request with « y » and a copula is split into words.
    static func commaBeforeLabel(_ text: String, flow: FlowDefinition) -> String {
        guard TextFold.containsBytes(text, " y "), TextFold.containsBytes(text, " es ") || TextFold.containsBytes(text, " son ")
                || TextFold.containsBytes(text, " ser") || TextFold.containsBytes(text, " queda") else { return text }
        var words = text.split(separator: " ").map(String.init)
        guard words.count >= 6 else { return text }
        for k in stride(from: words.count - 4, through: 2, by: -1) where Phrase(words[k]).folded == "y" && !words[k - 1].hasSuffix(",") {
            let art = Phrase(words[k + 1]).folded
            guard FieldNamePrefix.articles.contains(art) || art == "su" else { continue }
            let after = words[(k + 2)...].map { Phrase($0).folded }
            let named = flow.slots.contains { slot in
                slot.fromRequest && slot.nameForms.contains { n in
                    n.count < after.count - 1 && zip(n, after.prefix(n.count)).allSatisfy { FieldNamePrefix.same($0, $1) }
                        && FieldNamePrefix.copulas.contains(after[n.count])
                }
            }
            if named { words[k - 1] += "," }
        }
        return words.joined(separator: " ")
    }

    /// How many words open a labelled part before the field's name: «y la evidencia es…» → 2,
    /// «el plazo es…» → 1, «evidencia el correo» → 0.
    static func labelLead(_ words: [Substring]) -> Int {
        var i = 0
        if i < words.count, ["y", "e"].contains(Phrase(String(words[i])).folded) { i += 1 }
        if i < words.count, FieldNamePrefix.articles.contains(Phrase(String(words[i])).folded) || Phrase(String(words[i])).folded == "su" { i += 1 }
        return i < words.count - 1 ? i : 0
    }

    /// Whether a field's name said after «y»/an article is a label: «:» ends it, or «es», «son»,
    /// «será»… follows it.
    static func copulaAfter(_ rest: ArraySlice<Substring>, nameEnd: Substring) -> Bool {
        if nameEnd.hasSuffix(":") { return true }
        guard let w = rest.first, rest.count >= 2 else { return false }
        return FieldNamePrefix.copulas.contains(Phrase(String(w)).folded)
    }

    /// True when `expression` follows «lo de» / «lo del» in `text`: a reference to what
    /// happened then («anotemos lo de hoy»), not a date for a field.
    static func isReference(_ expression: String, in text: String) -> Bool {
        let t = Phrase(text).tokens, e = Phrase(expression).tokens
        guard let first = e.first, let i = t.firstIndex(of: first), i >= 2 else { return false }
        return t[i - 2] == "lo" && (t[i - 1] == "de" || t[i - 1] == "del") || t[i - 1] == "del" && i >= 2 && t[i - 2] == "lo"
    }

    /// Words that say how to do the request, never what to store («pero con más detalle», «otro
    /// más», «lo de hoy»): a remainder made only of them fills no field.
    static let requestWords: WordSet = [
        "pero", "con", "mas", "detalle", "detalles", "otro", "otra", "nuevo", "nueva", "rapido", "rapidito", "altiro", "porfa",
        "por", "favor", "bien", "completo", "completa", "ahora", "ya", "entonces", "mejor", "tambien", "ahi", "aca", "aqui",
        "eso", "esto", "uno", "una", "un", "de", "del", "lo", "la", "el", "y", "que", "si", "po", "hoy", "ayer", "todo", "todos",
        "calma", "tranquilo", "tranquila", "despacio", "bien", "hecho", "vez", "esta", "este", "primero", "antes", "ver",
    ]

    /// Members whose first name (or full name) appears in `text`, and capitalised names mid-text.
    func namedPeople(in text: String, context: EngineContext) -> [String] {
        let tokens = Set(Phrase(text).tokens)
        var found: [String] = []
        // "yo y la Marta nos encargamos": the speaker is one of them.
        let said = Phrase(text).tokens
        let speaker = context.userName.flatMap { me in
            // («hago yo el calendario»: after a verb of the first person, too.)
            said.firstIndex(of: "yo").flatMap { i in i == 0 || Self.doerBefore.contains(said[i - 1]) || FirstPerson.infinitive(said[i - 1]) != nil ? me : nil }
        }
        if let speaker { found.append(speaker) }
        // «la Rosa revisa…» with Rosa Quezada and Rosa Elena Pino in the network: the one whose
        // other words are said too, else neither (the flow asks who, and the answer is checked
        // against both), never both (pass 9, 14-2: both were made responsible).
        var shared: Set<String> = []
        let byFirst = Dictionary(grouping: context.members) { Phrase($0).tokens.first ?? "" }
        for member in context.members {
            let parts = Phrase(member).tokens
            guard let first = parts.first, tokens.contains(first), !found.contains(member) else { continue }
            if let same = byFirst[first], same.count > 1 {
                let told = same.filter { Phrase($0).tokens.dropFirst().contains(where: tokens.contains) }
                guard told.count == 1 else { shared.insert(first); continue }
                guard told[0] == member else { continue }
            }
            found.append(member)
        }
        if !shared.isEmpty { return [] }
        if found == (speaker.map { [$0] } ?? []) {
            // A capitalised word that is not a common word is probably a name ("Marcela manda…");
            // capitalised words in a row are one person ("Ximena Rojas hace…"), and after a
            // place word they are the place ("en la escuela Río Puelo").
            var run: [String] = []
            // After a place word, the capitalised words that follow («Rio Bueno») are the place.
            var inPlace = false
            func close() {
                if !run.isEmpty { found.append(run.joined(separator: " ")) }
                run = []
            }
            let all = text.split(separator: " ")
            for (at, w) in all.enumerated() {
                let word = String(w).trimmingCharacters(in: .punctuationCharacters)
                let folded = Phrase(word).core
                let capitalised = w.first?.isUppercase == true
                // «Análisis del DIA, el 16…», «Taller de Lectura»: a capitalised word opening a
                // title (followed by «de»/«del») is no person, unless it is a first name.
                let opensTitle = run.isEmpty && at + 1 < all.count && ["de", "del"].contains(Phrase(String(all[at + 1])).core)
                    && !w.hasSuffix(",") && FirstNames.canonical(folded) == nil
                // «yo llamo al DAEM»: an institution (its name, or any acronym in capitals) is what
                // the agreement is about, never someone who does it.
                let acronym = word.count >= 2 && word.allSatisfy { $0.isUppercase || $0.isNumber } && text.contains(where: \.isLowercase)
                let name = capitalised && !inPlace && !opensTitle && folded.count >= 3 && !Phrase.stopWords.contains(folded)
                    && !Self.commonCapitalized.contains(folded) && !Self.institutions.contains(folded) && !acronym
                // «Planificación 2027», «Balance 2026»: capitals before a year name a thing, not a person.
                if !name, !run.isEmpty, word.count == 4, let y = Int(word), (2000...2099).contains(y) { run = [] }
                if name { run.append(word) } else { close() }
                // «Ximena Rojas, Luis…»: a comma ends the person.
                if name, w.last.map({ ",;.:".contains($0) }) == true { close() }
                // «la pasantía a Belén», «el viaje a Putre»: after a trip and «a», the capitals are
                // where it goes, never who does it (qa22 S5: Belén became a responsable).
                let toPlace = ["a", "hasta"].contains(folded) && at > 0 && Self.tripWords.contains(Phrase(String(all[at - 1])).core)
                if toPlace || Self.placeBefore.contains(folded) || Self.institutions.contains(folded) { inPlace = true } else if !capitalised || w.last.map({ ",;.:".contains($0) }) == true { inPlace = false }
            }
            close()
        }
        // A common first name typed in lowercase, where a doer goes ("que carolina manda", "pedro y
        // la jose preparan"): not after "con", "de" or "para", where it is more likely a student.
        let words = Phrase(text).tokens
        for (i, token) in words.enumerated() {
            // After a courtesy title in a doer's place too: «la profe Rosa y el profe Luis traen…»,
            // «la tía Carmen y Rosa…» (pass 9, qa13: Luis and Carmen were left out).
            let titled = i >= 1 && Self.courtesyTitles.contains(words[i - 1]) && (i == 1 || Self.doerBefore.contains(words[i - 2]))
            // «mario con berta organizan la muestra» (issue 12: Berta was lost): after «con» that
            // joins two first names and before a plural doing, she does it too.
            let joined = i >= 2 && words[i - 1] == "con" && FirstNames.canonical(words[i - 2]) != nil
                && i + 1 < words.count && words[i + 1].count >= 4 && words[i + 1].hasSuffix("n")
            guard let name = FirstNames.canonical(token), i == 0 || Self.doerBefore.contains(words[i - 1]) || titled || joined,
                  !found.contains(where: { Phrase($0).tokens.first == token }) else { continue }
            found.append(Self.withSurname(name, token: token, in: text))
        }
        return found
    }

    /// «Jorge Vidal y Carmen Soto preparan…» with Jorge a member: the first name read where a doer
    /// goes keeps the capitalised surname typed after it («Carmen Soto», not «Carmen»; pass 11,
    /// fixJ: the surname was dropped once a member had been named first).
    static func withSurname(_ name: String, token: String, in text: String) -> String {
        let all = text.split(separator: " ").map(String.init)
        guard let at = all.firstIndex(where: { Phrase($0).core == token }), !all[at].hasSuffix(","), !all[at].hasSuffix(";") else { return name }
        var out = [name]
        for w in all[(at + 1)...] {
            let word = w.trimmingCharacters(in: .punctuationCharacters)
            let folded = Phrase(word).core
            guard w.first?.isUppercase == true, folded.count >= 3, !Phrase.stopWords.contains(folded), !commonCapitalized.contains(folded),
                  !institutions.contains(folded), !placeBefore.contains(folded), !courtesyTitles.contains(folded),
                  !(word.allSatisfy { $0.isUppercase }) else { break }
            out.append(word)
            if out.count == 3 || w.last.map({ ",;.:".contains($0) }) == true { break }
        }
        // «marisol cayupan trae los materiales…»: typed all in lowercase, the word between the
        // first name and a doing with its object («trae los …») is her surname (fixAP: the
        // responsable was «Marisol» while the text kept «marisol cayupan»).
        if out.count == 1, all[at].first?.isLowercase == true, at + 3 < all.count, !all[at + 1].hasSuffix(","),
           case let f = all[(at + 1)...(at + 3)].map({ Phrase($0).core }), f[0].count >= 3, f[1].count >= 3,
           !Phrase.stopWords.contains(f[0]), !Phrase.stopWords.contains(f[1]), !notSurnames.contains(f[0]), !notSurnames.contains(f[1]),
           FirstNames.canonical(f[0]) == nil, objectLeads.contains(f[2]), all[at + 1].allSatisfy(\.isLetter) {
            out.append(all[at + 1].prefix(1).uppercased() + all[at + 1].dropFirst())
        }
        return out.joined(separator: " ")
    }

    /// What opens the object of a doing («trae los materiales», «arma la tabla»).
    static let objectLeads: WordSet = ["el", "la", "los", "las", "un", "una", "unos", "unas", "al", "su", "sus"]
    /// Words between a first name and a doing that are no surname: when, how, modals.
    static let notSurnames: WordSet = ["manana", "hoy", "pasado", "tarde", "temprano", "altiro", "despues", "luego", "siempre", "tambien",
                                       "ya", "igual", "solo", "sola", "nomas", "va", "tiene", "debe", "puede", "queda", "se", "le", "les",
                                       "lo", "me", "nos", "no", "si", "que", "y", "e", "con", "para", "por", "en", "de", "del", "a"]

    /// Titles said before a person's first name.
    static let courtesyTitles: WordSet = ["profe", "profesor", "profesora", "tia", "tio", "don", "dona", "sra", "sr", "srta", "senora", "senor",
                                          "director", "directora", "educadora"]

    /// Words after which capitalised words are a place, not a person.
    static let placeBefore: WordSet = ["escuela", "liceo", "colegio", "jardin", "internado", "cesfam", "opd", "sala", "comuna", "en", "del",
                                       "de", "sector", "villa", "poblacion", "calle", "daem", "slep", "municipalidad", "museo", "biblioteca"]

    /// Institutions a network deals with: named in an agreement, they are what it is about (the
    /// capitalised words after them are their name, «el Cesfam Curacautín»).
    static let institutions: WordSet = ["daem", "dem", "slep", "deprov", "mineduc", "seremi", "municipalidad", "muni", "sostenedor",
                                        "corporacion", "cesfam", "consultorio", "hospital", "posta", "opd", "junaeb", "senda",
                                        "carabineros", "bomberos", "universidad", "biblioteca", "museo", "escuela", "liceo", "colegio",
                                        "jardin", "internado", "fundacion", "ministerio", "agencia", "superintendencia"]

    /// A trip (or going somewhere) said right before «a» and a place's name.
    static let tripWords: WordSet = ["pasantia", "pasantias", "viaje", "viajes", "salida", "salidas", "visita", "visitas", "gira", "paseo",
                                     "excursion", "traslado", "ir", "vamos", "van", "viajar", "viajamos", "viajan", "llevar", "ida", "vuelta",
                                     "bus", "buses", "furgon", "transporte"]

    static let doerBefore: WordSet = ["que", "y", "e", "la", "el", "le", "lo", "ni", "acordamos", "anota", "anotar"]

    static let commonCapitalized: WordSet = [
        "yo", "anota", "anotar", "registra", "registrar", "compartir", "enviar", "manda", "mandar", "revisar", "preparar",
        "lenguaje", "matematica", "matematicas", "historia", "ciencias", "pme", "pei", "utp", "sep", "pie", "simce",
        "escuela", "liceo", "colegio", "red", "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo",
        // «Reunión de diciembre, el 12…», «Jornada de cierre»: a record's title opens with its kind,
        // capitalised; never a person (pass 9: «Reunion» was made a participant).
        "reunion", "reuniones", "encuentro", "encuentros", "jornada", "jornadas", "taller", "talleres", "sesion", "consejo",
        "junta", "asamblea", "seminario", "capacitacion", "visita", "visitas", "feria", "acto", "ceremonia", "cierre",
        "inicio", "acuerdo", "acuerdos", "plan", "planificacion", "evaluacion", "informe", "calendario", "microcentro",
    ]

    /// The day (or day and hour) said after `expression` in `text`, when `expression` is a range
    /// that modifies the noun before it («el informe del próximo mes», «la pauta de diciembre»);
    /// nil when it opens otherwise or follows a word that makes it a when («antes de diciembre»,
    /// «a fines de marzo», «desde marzo»), or nothing but a range follows it.
    static func dayAfterNamingRange(_ expression: String, in text: String, context: EngineContext) -> TemporalMatch? {
        let e = Phrase(expression).tokens
        guard let first = e.first, first == "de" || first == "del", let r = text.range(of: expression) else { return nil }
        guard let before = Phrase(String(text[..<r.lowerBound])).tokens.last, before.count >= 3, before.allSatisfy(\.isLetter),
              !Self.rangeLeads.contains(before) else { return nil }
        let after = String(text[r.upperBound...])
        guard Phrase(after).tokens.count >= 1, let m = TemporalParser.parse(after, context: context.temporal) else { return nil }
        // «la jornada de marzo el 5»: a bare day number after a month may be that month's day,
        // never read here as the next 5th.
        let said = Phrase(m.text).tokens
        if said.contains(where: { $0.first?.isNumber == true }), !said.contains(where: { Self.weekdays.contains($0) || Self.ChileanMonths.contains($0) }) {
            return nil
        }
        switch m.value {
        case .date, .dateTime: return m
        default: return nil
        }
    }

    /// The day said last in `expression`, when `expression` follows «de»/«del» right after a
    /// noun and opens with a range of its own («el informe de | la otra semana | el jueves»):
    /// the range names the thing, the day is the when. Nil otherwise.
    static func dayAfterNamingWeek(_ expression: String, in text: String, context: EngineContext) -> TemporalMatch? {
        guard let r = text.range(of: expression) else { return nil }
        let lead = text[..<r.lowerBound].suffix(5).lowercased()
        guard lead.hasSuffix(" de ") || lead.hasSuffix(" del ") else { return nil }
        let before = Phrase(String(text[..<r.lowerBound])).tokens
        guard before.count >= 2, case let noun = before[before.count - 2], noun.count >= 3, noun.allSatisfy(\.isLetter),
              !Self.rangeLeads.contains(noun) else { return nil }
        let words = expression.split(separator: " ").map(String.init)
        guard words.count >= 3 else { return nil }
        for k in 1..<words.count {
            let head = words[..<k].joined(separator: " "), tail = words[k...].joined(separator: " ")
            guard let range = TemporalParser.parse(head, context: context.temporal), case .dateRange = range.value,
                  Phrase(range.text).tokens == Phrase(head).tokens,
                  let day = TemporalParser.parse(tail, context: context.temporal), Phrase(day.text).tokens == Phrase(tail).tokens else { continue }
            let said = Phrase(day.text).tokens
            // A bare day number may be that range's day: not read here.
            guard !said.contains(where: { $0.first?.isNumber == true }) || said.contains(where: Self.weekdays.contains) else { return nil }
            switch day.value {
            case .date, .dateTime: return day
            default: return nil
            }
        }
        return nil
    }

    /// Words before «de <month>» that make it a when, not what a noun is of.
    static let rangeLeads: WordSet = ["antes", "despues", "fines", "fin", "finales", "mediados", "principios", "inicios", "comienzos",
                                      "partir", "desde", "hasta", "durante", "mes", "semana", "dia", "dias", "tardar"]

    /// True when `expression` follows «antes de», «hasta» or «a más tardar» in `text`.
    static func saidAsLimit(_ expression: String, in text: String) -> Bool {
        let t = Phrase(text).tokens, e = Phrase(expression).tokens
        guard let first = e.first, let i = t.firstIndex(of: first), i >= 1 else { return false }
        // «antes de fin de mes, …» leaves more than the deadline after it only when it sits mid-text.
        let before = Array(t[..<i])
        return before.suffix(2) == ["antes", "de"] || before.suffix(2) == ["antes", "del"] || before.last == "hasta"
            || before.suffix(3) == ["a", "mas", "tardar"]
    }

    /// `text` without a part that only says who takes charge («, y yo me encargo de revisar»,
    /// «, de eso se encarga Pedro»).
    static func withoutCharge(_ text: String) -> String {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count > 1 else { return text }
        let kept = parts.enumerated().filter { i, part in
            guard i > 0 else { return true }
            var t = Phrase(String(part)).tokens[...]
            if t.first == "y" { t = t.dropFirst() }
            if t.first == "yo" { t = t.dropFirst() }
            let w = Array(t)
            let charge = w.starts(with: ["me", "encargo"]) || w.starts(with: ["me", "hago", "cargo"]) || w.starts(with: ["lo", "veo"])
                || w.contains("encarga") || w.contains("encargan")
            return !charge
        }.map { String($0.1) }
        return kept.joined(separator: ",")
    }

    func removing(_ expression: String, from text: String) -> String {
        let target = Phrase(expression).tokens
        guard !target.isEmpty else { return text }
        let words = TextFold.spaceSeparated(text)
        let folded = words.map { Phrase(String($0)).tokens.joined(separator: " ") }
        for start in words.indices {
            var j = start, k = 0
            while j < words.count, k < target.count {
                let f = folded[j].split(separator: " ").map(String.init)
                if f.isEmpty { j += 1; continue }
                guard Array(target[k..<min(target.count, k + f.count)]) == f else { break }
                k += f.count
                j += 1
            }
            if k == target.count {
                // «…hasta el 10 de diciembre, de eso se encarga ella»: the comma after the cut
                // still separates what was before from what follows.
                var before = Array(words[..<start])
                if j > start, j < words.count, let c = words[j - 1].last, ",;".contains(c), let last = before.last, !",;".contains(last.last ?? " ") {
                    before[before.count - 1] = last + String(c)
                }
                return (before + words[j...]).joined(separator: " ")
            }
        }
        return text
    }
}
