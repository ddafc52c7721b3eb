import CivilTime
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/seguimiento.yaml`: the follow-up of an agreement (cumplido with its evidence, en
/// proceso, reprogramado, no cumplido). «el acuerdo 3 está cumplido» at the menu starts it
/// with what it says; every change goes to the agreement's history.
struct SeguimientoFlow: MingaFlow {
    let id = "seguimiento"
    let saveKind: String? = "agreement_status"
    let slotNames = ["acuerdo", "estado", "evidencia_entregada", "avance", "nuevo_plazo", "motivo", "motivo_no", "comentario", "hecho"]

    func blocker(_ context: EngineContext) -> String? { AgreementMention.noneYet(context) }

    /// "el acuerdo 3 está cumplido", "acuerdo 2 en proceso", and right after a list of agreements
    /// "el 1 no se hizo, lo movemos pal 15": straight to the follow-up, with what was said.
    /// «la planilla ya la hice», «ya las llevé», «ya mandamos el resumen»: «ya» and a verb in the
    /// past, said of something done (the agreement is named by what it says).
    /// The first name (folded, with the space after it) of the one member the message names
    /// before its «ya» («la Gloria ya lo mandó», «Gloria Sepúlveda ya mandó…»); nil when it names
    /// none or several.
    static func namedResponsable(_ t: [String], in s: NetworkSnapshot) -> String? {
        guard let ya = t.firstIndex(of: "ya"), ya >= 1, ya <= 4 else { return nil }
        let said = Set(t[..<ya].filter { $0.count >= 3 })
        guard !said.isEmpty else { return nil }
        var found: String?
        for m in s.members {
            guard let first = TextFold.fold(m.name).split(separator: " ").first, said.contains(String(first)) else { continue }
            let key = String(first) + " "
            if let f = found, f != key { return nil }
            found = key
        }
        return found
    }

    static func saysDone(_ t: [String]) -> Bool {
        if let i = t.firstIndex(of: "ya") {
            let after = t[(i + 1)...].drop { ["lo", "la", "los", "las", "le", "les", "se"].contains($0) }
            if after.first.map(doneVerbs.contains) == true { return true }
        }
        // «lo de la jornada sí lo hicimos»: «sí» and the thing's pronoun before a verb of doing
        // says it done as «ya» does (qa37: the clause became the evidence).
        if let i = t.firstIndex(of: "si"), i + 2 < t.count, ["lo", "la", "los", "las"].contains(t[i + 1]), doneVerbs.contains(t[i + 2]) {
            return true
        }
        // «la ximena presentó ayer, salió muy bien»: a done verb with a past day right after it
        // says it as much as «ya» does (it was not understood at all).
        return t.indices.contains { i in doneVerbs.contains(t[i]) && t[(i + 1)...].prefix(3).contains(where: pastDays.contains) }
    }

    /// «ya están los buses», «ya tenemos la sala», «lo de la lista ya está», «los buses ya están
    /// listos»: a thing said ready, with «ya» and a verb of being or having. The words that name
    /// the thing (after the verb, else before «ya»); nil when the message says no such thing or
    /// names nothing («ya, está bien», «ya está»).
    static func readyTopic(_ t: [String]) -> [String]? {
        guard let i = t.firstIndex(of: "ya"), i + 1 < t.count, readyVerbs.contains(t[i + 1]) else { return nil }
        let after = t[(i + 2)...].filter { !readyFillers.contains($0) }
        // «ya está bien», «ya está en proceso», «ya está atrasado»: how it is, not that it is there.
        // «ya tenemos que acordar…»: what must be done, not what is ready.
        if let next = t[(i + 2)...].first, notReady.contains(next) || next == "que" || next == "q" { return nil }
        let named = after.isEmpty ? t[..<i].filter { !readyFillers.contains($0) } : Array(after)
        return named.isEmpty ? nil : named
    }

    static let readyVerbs: WordSet = ["esta", "estan", "tenemos", "tengo", "llego", "llegaron", "quedo", "quedaron"]
    static let readyFillers: Set<String> = ["lo", "la", "los", "las", "el", "de", "del", "un", "una", "y", "oye", "po", "nomas", "listo",
                                            "lista", "listos", "listas", "todo", "todos", "tambien", "bueno", "ah", "que", "con", "va",
                                            "mas", "no", "pues", "eso", "esto", "hecho", "hecha"]
    static let notReady: Set<String> = ["bien", "mal", "en", "atrasado", "atrasada", "atrasados", "atrasadas", "pendiente", "vencido",
                                        "vencida", "casi", "por", "para", "pa", "pal", "haciendo", "viendo", "cumplido", "cumplida"]

    static let pastDays: WordSet = ["ayer", "anoche", "antier", "anteayer", "recien"]

    /// «mandé el acta el 2 de diciembre», «el 3 entregamos las pruebas»: a verb of doing in the
    /// past with a day that has already come says it is done, as «ya» does (qa27: not understood
    /// at the menu, and at another agreement's «¿Por qué se reprograma?» it became the reason).
    /// «que Luis mande el acta el 10» (a day to come) is a task, not news. The day is read only
    /// when the message holds such a verb and no «ya».
    static func doneOnPastDay(_ message: Utterance, context: EngineContext) -> Bool {
        let t = message.phrase.tokens
        guard t.contains(where: doneVerbs.contains), !reschedules(t),
              let w = TemporalParser.parse(message.clean, context: context.temporal), case .date(let d) = w.value else { return false }
        return d <= context.today
    }

    /// «Luis terminó el plan de lectura», «la Marta entregó las pruebas»: a member's first name
    /// right before a verb of doing said in the third person past («terminó», «mandó»; its
    /// present would be «termina», «manda») tells it done, as «ya» does. Only a verb ending in
    /// «ó» folded (the first person «mando», «termino» is the same word, so a name must say
    /// who). Nil-cheap: members are looked at only when such a verb follows a word.
    static func doneByMember(_ t: [String], in s: NetworkSnapshot) -> Bool {
        guard let v = t.indices.first(where: { $0 > 0 && t[$0].hasSuffix("o") && doneVerbs.contains(t[$0]) }) else { return false }
        let before = t[v - 1]
        guard before.count >= 3 else { return false }
        return s.members.contains { m in TextFold.fold(m.name).split(separator: " ").first.map { String($0) == before } ?? false }
    }

    /// A message at another flow's free-text question holding one of these may be news about an
    /// agreement that exists (`statementOnExistingRecord`): a verb of doing in the past, said
    /// without «ya» («la guía la terminé», «mandé el acta el 2»), or the agreement named by what
    /// it says with how it is («el plan de lectura está cumplido»: fixAX's gate wanted «el del…»).
    var statementWords: [String] {
        Array(Self.doneVerbs.words) + ["cumpli", "cumplimos", "cumplio", "cumplieron", "cumplido", "cumplida", "cumplidos", "cumplidas",
                                       "terminado", "terminada", "terminados", "terminadas"]
    }

    /// «el acta la mandé atrasada pero la mandé el miércoles», «la planilla la entregó tarde»: a
    /// verb of doing in the past with a word of lateness says it is done, late; «atrasada» is no
    /// rescheduling there (qa27: it was reprogrammed to next Wednesday). Not when it is still
    /// late («va atrasado», «estamos atrasados»), nor «la tarde» (a time of day), nor when a
    /// verb moves it somewhere.
    static func saysDoneLate(_ t: [String]) -> Bool {
        guard t.contains(where: doneVerbs.contains), !reschedules(t) else { return false }
        return t.indices.contains { i in
            guard lateWords.contains(t[i]) else { return false }
            let before = t[max(0, i - 2)..<i]
            if t[i] == "tarde", before.last.map({ ["la", "las", "esta", "en", "de", "mas", "muy"].contains($0) }) == true { return false }
            return !before.contains(where: stillLate.contains)
        }
    }

    static let lateWords: WordSet = ["atrasado", "atrasada", "atrasados", "atrasadas", "tarde", "atraso", "atrasito"]
    static let stillLate: WordSet = ["va", "van", "vamos", "voy", "esta", "estan", "estamos", "estoy", "viene", "vienen", "sigue",
                                     "siguen", "seguimos", "anda", "andan", "andamos", "ando", "quedando", "poco", "medio"]

    /// The state `t` says: a choice of «estado», «ya» with a verb of doing (cumplido), and
    /// «atrasada» said of something done (`saysDoneLate`) is cumplido, not reprogramado.
    static func doneLateOverride(_ estado: String?, _ t: [String]) -> String? {
        guard estado == nil || estado == "reprogramado", saysDoneLate(t) else { return estado }
        return "cumplido"
    }

    /// «3 de los 4 directores ya mandaron el PME», «ya lo entregaron todos menos Pucopío», «falta
    /// uno»: a part of the work done is progress (en proceso), never the agreement done.
    static func saysPartial(_ t: [String]) -> Bool {
        func count(_ w: String) -> Int? { Int(w) ?? countWords[w] }
        for i in t.indices {
            // «3 de los 4», «dos de tres»: fewer done than there are.
            if let n = count(t[i]), i + 2 < t.count, t[i + 1] == "de" {
                var j = i + 2
                if ["los", "las", "ellos", "ellas"].contains(t[j]) { j += 1 }
                if j < t.count, let m = count(t[j]), n < m, n >= 0 { return true }
            }
            // «falta uno», «faltan dos escuelas», «todavía falta la de Pucopío».
            if ["falta", "faltan", "faltaria", "faltarian"].contains(t[i]), i + 1 < t.count,
               count(t[i + 1]) != nil || ["algunos", "algunas", "algun", "alguno", "alguna", "varios", "varias"].contains(t[i + 1]) {
                return true
            }
            // «todos menos uno», «casi todas», «la mitad».
            if ["todos", "todas"].contains(t[i]), i + 1 < t.count, ["menos", "excepto", "salvo"].contains(t[i + 1]) { return true }
            if t[i] == "casi", i + 1 < t.count, ["todos", "todas"].contains(t[i + 1]) { return true }
            if t[i] == "mitad", i > 0, t[i - 1] == "la" { return true }
        }
        return false
    }

    static let countWords: [String: Int] = ["uno": 1, "una": 1, "un": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
                                            "siete": 7, "ocho": 8, "nueve": 9, "diez": 10]

    /// The clauses of `text` that say how much is done («3 de los 4 directores ya mandaron el
    /// PME»): the advance noted. The whole text when no clause alone says it.
    static func partialNote(_ text: String) -> String {
        let said = StatusSentence.clauses(text).map(\.text).filter { saysPartial(Phrase($0).tokens) }
        let note = said.isEmpty ? text : said.joined(separator: ", ")
        // «el acuerdo 1 ya lo entregaron todos menos…»: the agreement's own reference is no part of the advance.
        let bare = note.replacingOccurrences(of: #"(?i)^\s*(el\s+)?acuerdo\s+(n[°º.]?\s*)?\d+\s*[:,]?\s*"#, with: "", options: .regularExpression)
        return Phrase(bare).tokens.count >= 2 ? bare : note
    }

    static let doneVerbs: WordSet = [
        "hice", "hicimos", "hizo", "hicieron", "mande", "mandamos", "mando", "mandaron", "envie", "enviamos", "envio", "enviaron",
        "lleve", "llevamos", "llevo", "llevaron", "subi", "subimos", "subio", "subieron", "comparti", "compartimos", "compartio",
        "compartieron", "entregue", "entregamos", "entrego", "entregaron", "termine", "terminamos", "termino", "terminaron",
        // «la escuela chacay la aplicó» (issue 12): «aplicó» folds to «aplico», as «mandó» to «mando».
        "realizamos", "realice", "aplicamos", "aplique", "aplico", "aplicaron", "tomamos", "tome", "pasamos", "pase", "revise", "revisamos",
        // «hector ya trajo las semillas», «Tomás ya creó la carpeta»: done, told as a story (qa14).
        "traje", "trajimos", "trajo", "trajeron", "cree", "creamos", "creo", "crearon", "arme", "armamos", "armo", "armaron",
        "prepare", "preparamos", "preparo", "prepararon", "organice", "organizamos", "organizo", "organizaron", "presente",
        "presentamos", "presento", "presentaron", "compre", "compramos", "compro", "compraron", "consegui", "conseguimos",
        "consiguio", "consiguieron", "llame", "llamamos", "llamo", "llamaron", "escribi", "escribimos", "escribio", "escribieron",
        "hable", "hablamos", "hablo", "hablaron", "publique", "publicamos", "publico", "publicaron", "instale", "instalamos",
        "instalo", "instalaron", "ordene", "ordenamos", "ordeno", "ordenaron", "coordine", "coordinamos", "coordino", "coordinaron",
    ]

    /// `claim` needs one of these (`ClaimCues`): How the agreement is (a word of a choice of «estado»), or «ya» before a verb of doing.
    /// A state's word, «ya» (saysDone), a deadline said to be wrong (fixesDeadline), or a verb of
    /// rescheduling (`reschedules`: «reprograma el acuerdo 2», «posterga…», «aplaza…»; without
    /// them the claim took what its cues left out, and debug builds stopped on the assertion).
    func claimCues(_ flow: FlowDefinition) -> ClaimCues {
        ClaimCues(words: (flow.slot(named: "estado")?.choiceFirstWords ?? []) + ["ya", "plazo", "fecha"] + Array(Self.pastDays.words) + Array(Self.moveVerbs.words)
                    + Array(Self.reflexiveMoveVerbs.words) + Array(Self.giveVerbs.words) + ["tarde", "atraso", "atrasito"] + statementWords + FirstPerson.presentForms,
                  prefixes: Self.rescheduleStems + ["alcanz", "pud"])
    }

    /// «y ponle plazo nuevo el 26 de marzo», «muévelo al 30»: a verb whose pronoun is the
    /// agreement just saved, as «lo» opening the message is (qa39: after its responsable changed,
    /// «No te entendí»).
    static let itsVerbs: WordSet = ["ponle", "ponerle", "dale", "darle", "cambiale", "cambiarle", "agregale", "agregarle", "muevelo",
                                    "muevela", "moverlo", "moverla", "correlo", "correla", "correrlo", "correrla", "pasalo", "pasala",
                                    "pasarlo", "pasarla", "dejalo", "dejala", "dejarlo", "dejarla", "reprogramalo", "reprogramala",
                                    "reprogramarlo", "reprogramarla", "extiendele", "alargale", "aplazalo", "aplazala", "postergalo", "postergala"]

    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        guard let s = context.snapshot else { return nil }
        // «la planilla ya la mandaron ana y pedro, está en el drive. lo de los libros luis dice q
        // pal 15 de enero. las fotos no se subieron nunca…»: each sentence naming another
        // agreement is news of its own, taken one after the other (qa39: one reprogramming of
        // the first, the whole message its reason).
        if let parts = Self.newsApart(message.clean, in: s, context: context) {
            let first = claim(Utterance(parts[0].text), flow: flow, catalog: catalog, context: context)
                .flatMap { $0.values["acuerdo"] == .number(Double(parts[0].number)) ? $0 : nil }
                ?? Claim(values: Self.movedTo(parts[0], context: context))
            var then: [FollowingRequest] = []
            for part in parts.dropFirst() {
                let said = claim(Utterance(part.text), flow: flow, catalog: catalog, context: context)
                var values = said?.values ?? [:]
                // Only its own agreement: a part read as another's (or as none) says which it is.
                if values["acuerdo"] != .number(Double(part.number)) { values = Self.movedTo(part, context: context) }
                then.append(FollowingRequest(flow: flow.id, request: part.text, values: values, reads: false))
            }
            return Claim(values: first.values, echo: first.echo, reads: parts[0].text, then: first.then + then)
        }
        let text = message.clean, phrase = message.phrase
        let today = context.today
        // Only a message that says how the agreement is can be one: most stop here.
        guard let slot = flow.slot(named: "estado") else { return nil }
        // «el acuerdo 1 no está cumplido» of one not marked cumplido: no state said (nothing to
        // undo either): the agreement, and how it goes is asked (qa18: it asked the evidence).
        if let n = Self.deniedDone(message, slot: slot, in: s, context: context) {
            return Claim(values: ["acuerdo": .number(Double(n))])
        }
        // «no, el plazo de la jornada quedó mal, es el 10 de marzo»: a deadline written down wrong
        // is corrected with its state kept (corregir_plazo), not rescheduled.
        // «el acuerdo 1 no está cumplido, vuelve a pendiente», «deshaz el cambio del acuerdo 1»:
        // a change undone (`RestaurarAcuerdoFlow`), not a new one; «la lista en el grupo», «el bus
        // no esta listo»: «lista», «listo» that do not say it is done (qa18 A2).
        guard !phrase.tokens.contains(where: RestaurarAcuerdoFlow.undoVerbs.contains) else { return nil }
        let stateTokens = RestaurarAcuerdoFlow.doneWordsThatSayIt(phrase.tokens)
        // «el acuerdo 1 no lo terminé, …»: the done verb is denied (the choice's «lo terminé»
        // read it cumplido: issue 12, qa34).
        let chosen = DialogEngine.choiceIn(tokens: stateTokens, slot: slot)?.value
        let stated = Self.notDoneOverride(chosen, message)
        // «mandé el acta el 2 de diciembre»: done, told with the day it was.
        // «Luis terminó el plan de lectura»: done, told with who did it.
        // «uy se me pasó, la mando la primera semana de marzo» right after a list of one (the
        // greeting's overdue agreement): that one, promised for a day still to come.
        // (Read done only through its verb, «lo entrego» is that promise too.)
        let promised = (stated == nil || stated == "cumplido") && !QuestionForm.asks(message)
            && Self.promisesWithDay(phrase.tokens, text: text, context: context)
        let doneThatDay = stated == nil && !Self.saysDone(phrase.tokens) && !QuestionForm.asks(message)
            && (Self.doneOnPastDay(message, context: context) || Self.doneByMember(phrase.tokens, in: s))
        // (A promise is no news of it done: «lo entrego el lunes 8» is not «lo entregó».)
        guard !Self.fixesDeadline(phrase.tokens), var estado = (promised ? "reprogramado" : nil) ?? Self.doneLateOverride(stated, phrase.tokens)
                ?? (Self.saysDone(phrase.tokens) || doneThatDay || Self.readyTopic(phrase.tokens) != nil && !QuestionForm.asks(message) ? "cumplido" : nil)
                ?? (Self.reschedules(phrase.tokens) || Self.missesWithNewDay(phrase.tokens, text: text, context: context) ? "reprogramado" : nil) else { return nil }
        // «borra el acuerdo 1, ese ya no va»: a request to delete it (the delete flow's), whatever
        // the reason says of how it went.
        guard !phrase.tokens.contains(where: BorrarFlow.erases) else { return nil }
        let said = Read.numbers(in: text)
        // Only a number that reads as a reference («el 3», «acuerdo 2», «del 1») can name an
        // agreement: in «ya la tomaron en 2 escuelas de 5» the numbers are counts.
        let references = Set(Self.referenceNumbers(phrase.tokens))
        let namesAgreement = phrase.tokens.contains(where: { $0.hasPrefix("acuerd") || $0 == "acurdo" })
        let namesOther = phrase.tokens.contains(where: { ["encuentro", "reunion", "sondeo", "opcion", "reflexion", "diagnostico"].contains($0) })
            || catalog.match(phrase).first.map { $0.flow != flow.id && $0.score >= 0.5 } ?? false
        // «lo del diagnóstico de lectura va atrasado»: words that name one agreement beat another
        // flow's trigger, when the sentence says how that agreement is going.
        // «el 1 no lo alcanzamos a hacer, queda pal 18»: a bare number an open agreement has, in
        // a message denying a task was done, names that agreement whatever a trigger matched
        // (qa34: «hacer» started a new agreement, empty).
        guard namesAgreement || !namesOther || AgreementReference.named(text, in: s, context: context).count == 1
                || stated == "no_cumplido" && Self.referenceNumbers(phrase.tokens).contains(where: { n in
                    s.openAgreements(on: today).contains { $0.number == n } }) else { return nil }
        // Numbers that are part of a date ("pal 15") are not the agreement's number.
        var when = StatusSentence.when(text, context: context)
        let dateNumbers = when.map { Read.numbers(in: $0.text) } ?? []
        var number = said.first(where: { !dateNumbers.contains($0) && references.contains($0) })
        // "el 1 no se hizo, lo movemos pal 15": "el 1" reads as a date, but it is the agreement.
        // Only when another number is left for the date: «lo movemos pal 22 de enero» names no agreement.
        if said.count >= 2, number.map({ s.agreement(number: $0) == nil }) ?? true, let w = when, let first = said.first, dateNumbers == [first],
           s.agreement(number: first) != nil, let r = text.range(of: w.text) {
            number = first
            when = TemporalParser.parse(text.replacingCharacters(in: r, with: " "), context: context.temporal)
        }
        // «cambia el plazo del acuerdo 3 al 10 de marzo»: a number said right after «acuerdo» is
        // the agreement, never the start of a range of days («3 al 10 de marzo»).
        if let w = when, case .dateRange = w.value, let i = phrase.tokens.indices.first(where: { i in
               i > 0 && phrase.tokens[i - 1].hasPrefix("acuerd") && Int(phrase.tokens[i]).map { s.agreement(number: $0) != nil } == true }),
           let n = Int(phrase.tokens[i]),
           let r = text.range(of: #"(?i)acuerdo\s+(n[°º.]?\s*)?\#(n)\b"#, options: .regularExpression) {
            number = n
            when = TemporalParser.parse(text.replacingCharacters(in: r, with: "acuerdo"), context: context.temporal)
        }
        // «no alcanzó a fin de febrero, lo cambiamos pal 10 de marzo»: the date it moves to is
        // the later one said after a moving word, not the one it missed.
        if let w = when, let r = text.range(of: w.text) {
            let after = String(text[r.upperBound...])
            if let later = TemporalParser.parse(after, context: context.temporal), let lr = after.range(of: later.text),
               !Set(Phrase(String(after[..<lr.lowerBound])).tokens).isDisjoint(with: Self.movingWords) {
                when = later
            }
        }
        // «el 1 no lo alcanzamos a hacer»: «el 1» opening a message that says how a task went,
        // with no other day, is an open agreement's number, not the 1st of a month.
        if number == nil, let w = when, case let wt = Phrase(w.text).tokens, wt.count <= 2, let n = wt.last.flatMap({ Int($0) }),
           wt.count == 1 || wt[0] == "el", Array(phrase.tokens.prefix(wt.count)) == wt, s.openAgreements(on: today).contains(where: { $0.number == n }) {
            number = n
            when = TemporalParser.parse(Self.withoutOwnNumber(text, n), context: context.temporal)
        }
        // «no alcanzamos al 11»: a number no agreement has is a day, not the agreement's.
        if let n = number, s.agreement(number: n) == nil { number = nil }
        // «el de la lista de asistencia ya está cumplido»: named by what it says, or by position.
        if number == nil, case let named = AgreementReference.named(text, in: s, context: context), named.count == 1 {
            number = named[0].number
        }
        // «ese lo llevamos a medias» right after a list of several: the state is kept and which
        // one is asked.
        if number == nil, AgreementReference.opensWith(phrase.tokens, where: AgreementReference.demonstratives.contains),
           (AgreementReference.shown(in: s, context: context)?.count ?? 0) >= 2 {
            return Claim(values: ["estado": .choice(estado)])
        }
        // «no voy a alcanzar a conseguir la camioneta pal 23»: the day said is no number of an
        // agreement; without it the words name one (qa24: not understood).
        if number == nil, let w = when, let r = text.range(of: w.text),
           case let named = AgreementReference.named(text.replacingCharacters(in: r, with: " "), in: s, context: context), named.count == 1 {
            number = named[0].number
        }
        // «y lo de la sala del cesfam no se pudo, nos dieron hora para el 8 de enero, …»: the
        // agreement is named in the first clause; the rest (a date, a reason) names nothing.
        if number == nil, let first = text.split(separator: ",").first, first.count < text.count,
           case let named = AgreementReference.named(String(first), in: s, context: context), named.count == 1 {
            number = named[0].number
        }
        // «la pauta ya la compartí»: said as done, one open agreement sharing a content word is enough;
        // so for one moved («no voy a alcanzar a conseguir la camioneta pal 23…», qa24).
        // Several open ones sharing those words («la prueba ya está lista» with two agreements about
        // a «prueba»): which one is asked, those listed (`contentCandidates`); never the one saved
        // last because the message opens with «la» (issue 12: it took that one, silently).
        var several = false
        // (So for one said not done: «la planilla todavía no la terminamos».)
        if number == nil, Self.saysDone(phrase.tokens) || doneThatDay || estado == "reprogramado" || stated != chosen {
            let hits = Self.sharingWords(phrase, s.openAgreements(on: today))
            if hits.count == 1 { number = hits[0].number } else { several = hits.count >= 2 }
        }
        // «ya están los buses», «lo de la lista ya está»: the thing said ready names one open
        // agreement by a word of its text (issue 12: not understood). «lista» is a noun here.
        if number == nil, let topic = Self.readyTopic(phrase.tokens) {
            let words = Set(topic.filter { $0.count >= 4 }.map(Phrase.stem))
            let hits = s.openAgreements(on: today).filter { !Set(Phrase($0.text).stems).isDisjoint(with: words) }
            if hits.count == 1 { number = hits[0].number; several = false } else if hits.count >= 2 { several = true }
        }
        // «la Gloria ya lo mandó»: nothing of an agreement's text said, but whose it is. Her one
        // open agreement is that one; with several (or none of hers open) the state is kept and
        // which one is asked, the open ones listed (qa25: «No te entendí»).
        var byPerson = false
        if number == nil, Self.saysDone(phrase.tokens), let who = Self.namedResponsable(phrase.tokens, in: s),
           case let open = s.openAgreements(on: today), !open.isEmpty {
            let hers = open.filter { a in a.responsables.contains { (TextFold.fold($0) + " ").hasPrefix(who) } }
            if hers.count == 1 { number = hers[0].number } else { byPerson = true }
        }
        // Several that fit: the state is kept and which one is asked (`contentCandidates`).
        if number == nil, several, !byPerson { return Claim(values: ["estado": .choice(estado)]) }
        // «lo movemos pal 22, no alcanzamos» right after saving one agreement: «lo» is that one.
        // (Not when a person is named whose agreement it is not: «la Gloria ya lo mandó».)
        if number == nil, !byPerson, let last = context.lastSave, last.others?.isEmpty ?? true,
           ["acuerdo", "seguimiento", "corregir_plazo", "editar_acuerdo", "editar_texto_acuerdo"].contains(last.flow),
           let first = phrase.tokens.drop(while: { ["y", "ya", "oye", "ah", "no", "mejor"].contains($0) }).first,
           ["lo", "la"].contains(first) || Self.itsVerbs.contains(first),
           let saved = s.agreements.first(where: { $0.id == last.record }),
           // «la pauta nunca llegó, …»: «la» is an article there, and the thing it names is in
           // another agreement's text (a closed one too), not in that one's: never that one.
           AgreementReference.topic(phrase.tokens).map({ topic in Phrase(saved.text).stems.contains(topic)
               || !s.agreements.contains { $0.status != .borrado && Phrase($0.text).stems.contains(topic) } }) ?? true {
            number = saved.number
        }
        // «la mando la primera semana de marzo» right after a short list (the greeting's «Ojo: 1
        // acuerdo vencido»): «la» is the one shown.
        // Several shown: the one of the person writing, when only one of them is theirs; else
        // the state is kept and which one is asked, among those shown.
        if number == nil, !byPerson, promised, let ids = context.listed {
            let shown = ids.compactMap { id in s.agreements.first { $0.id == id && $0.status.isOpen } }
            let mine = shown.filter { a in context.userName.map(a.responsables.contains) ?? false }
            if shown.count == 1 { number = shown[0].number } else if mine.count == 1 { number = mine[0].number }
            else if shown.count >= 2 {
                // The day promised is kept for the one chosen («¿Qué acuerdo?» comes next).
                var values: SlotValues = ["estado": .choice(estado)]
                if let m = when, case .date(let d) = m.value, d >= today {
                    values["estado"] = .choice("reprogramado")
                    values["nuevo_plazo"] = .date(d)
                }
                return Claim(values: values)
            }
        }
        if number == nil, byPerson { return Claim(values: ["estado": .choice(estado)]) }
        guard let n = number, let agreement = s.agreement(number: n) else { return nil }
        // «no voy a alcanzar … pal 23, el municipio me dijo que recién la otra semana»: the day said
        // that is its deadline now is the one it misses; a later day said after it is the new one.
        if let w = when, case .date(let d) = w.value, d == agreement.deadline, let r = text.range(of: w.text) {
            let after = String(text[r.upperBound...])
            when = TemporalParser.parse(after, context: context.temporal)
        }
        // "no se hizo, lo movemos pal 15": a new plazo makes it rescheduled, not just missed.
        var newDate: LocalDate?
        var weekDay = false
        if let m = when, case .date(let d) = m.value, d >= today { newDate = d }
        // «pa la otra semana»: a week said as the new deadline is its Friday (its last day when
        // the week is cut short), the day a school week's work is due.
        if newDate == nil, let m = when, case .dateRange(let a, let b) = m.value, b >= today, a.days(until: b) <= 6 {
            // (A Friday that is a holiday, Christmas, gives way to the working day before it.)
            let days = (0...a.days(until: b)).map { a.adding(days: $0) }.filter { $0.weekday <= 5 && $0 >= today }
            newDate = days.last { $0.weekday <= 5 && ChileanCalendar.holiday(on: $0) == nil } ?? b
            weekDay = true
        }
        if estado == "no_cumplido", newDate != nil { estado = "reprogramado" }
        // «la planilla todavía no la terminamos», no new day: not done, but whether it goes on or
        // failed is not said, so how it is is asked (never cumplido, never a guess).
        if stated != chosen, estado == "no_cumplido", !Self.reschedules(phrase.tokens) { return Claim(values: ["acuerdo": .number(Double(n))]) }
        // «3 de los 4 directores ya mandaron el PME»: part of it done is in progress, with that as its advance.
        let partial = estado == "cumplido" && Self.saysPartial(phrase.tokens)
        if partial { estado = "en_proceso" }
        // «reprograma el acuerdo del calendario…, no alcancé»: the verb asks for a new deadline;
        // the reason said with it («no alcancé») is why, not the agreement's state (pass 8: it
        // was marked no cumplido).
        if Self.reschedules(phrase.tokens) { estado = "reprogramado" }
        var values: SlotValues = ["acuerdo": .number(Double(n)), "estado": .choice(estado)]
        var echo: [String] = []
        if estado == "reprogramado", let d = newDate {
            values["nuevo_plazo"] = .date(d)
            // A week said: which of its days was taken, so another one can be said.
            let which = !weekDay ? "" : d.weekday == 5 ? " (el viernes de esa semana; si es otro día, dime cuál)"
                : " (el último día hábil de esa semana; si es otro, dime cuál)"
            echo.append("nuevo plazo: \(SpanishFormat.date(d, today: today))" + which)
        }
        // «…, no llegaron los materiales», «…, está en el drive»: the reason or the evidence said with it.
        // «el 1 no lo alcanzamos a hacer, queda pal 18»: a bare «el 1» that opens it is the
        // agreement, no day, when its clauses are read (it took «queda pal 18» as the reason).
        var more = StatusSentence.extras(namesAgreement ? text : Self.withoutOwnNumber(text, n), estado: estado, context: context, estadoSlot: slot)
        more["nuevo_plazo"] = nil
        // «el 1 no lo alcanzamos a hacer»: the agreement's own number opening the reason is no part of it.
        for key in ["motivo", "motivo_no"] { if let r = more[key]?.textValue { more[key] = .text(Self.withoutOwnNumber(r, n)) } }
        if partial { more["avance"] = .text(Self.partialNote(text)) }
        values.merge(more) { a, _ in a }
        echo += StatusSentence.echo(more, today: today)
        if estado == "reprogramado", newDate == nil, let rough = StatusSentence.roughDate(text, context: context) { echo.append(rough) }
        return Claim(values: values, echo: echo)
    }

    /// A part of `newsApart` no reading took: its agreement, and when it says a day still ahead
    /// («lo de los libros luis dice q pal 15 de enero»), moved to that day (reviewed before it is saved).
    static func movedTo(_ part: (number: Int, text: String), context: EngineContext) -> SlotValues {
        var values: SlotValues = ["acuerdo": .number(Double(part.number))]
        if let w = StatusSentence.when(part.text, context: context), case .date(let d) = w.value, d > context.today {
            values["estado"] = .choice("reprogramado")
            values["nuevo_plazo"] = .date(d)
        } else if Self.saysUnderWay(Phrase(part.text).tokens) {
            // «el calendario lo estoy haciendo todavía»: being done, what was said its progress.
            values["estado"] = .choice("en_proceso")
            values["avance"] = .text(part.text)
        }
        return values
    }

    /// «lo estoy haciendo», «seguimos armándolo», «todavía lo están viendo»: a doing still under way
    /// (a gerund after «estar» or «seguir»).
    static func saysUnderWay(_ t: [String]) -> Bool {
        t.indices.dropFirst().contains { k in
            let w = t[k]
            guard w.count >= 6, ["ando", "iendo", "yendo"].contains(where: { w.hasSuffix($0) || w.hasSuffix($0 + "lo") || w.hasSuffix($0 + "la") }) else { return false }
            return t[max(0, k - 3)..<k].contains { ["estoy", "estamos", "esta", "estan", "sigo", "seguimos", "sigue", "siguen"].contains($0) }
        }
    }

    /// The sentences of `text` («. », «; ») grouped by the one open agreement each names (a
    /// sentence naming none goes with the one before), when two or more agreements are named,
    /// each once; nil otherwise (one piece of news, read whole).
    static func newsApart(_ text: String, in s: NetworkSnapshot, context: EngineContext) -> [(number: Int, text: String)]? {
        // Cheap gate: two sentences at least.
        guard text.contains(". ") || text.contains("; ") else { return nil }
        var sentences: [String] = []
        var current = ""
        var body = Substring(text)
        // «te cuento: …», «novedades de los acuerdos: …»: a short head before a colon only announces them.
        if let colon = body.firstIndex(of: ":"), case let head = Phrase(String(body[..<colon])).tokens, head.count <= 4,
           AgreementReference.named(String(body[..<colon]), in: s, context: context).isEmpty {
            body = body[body.index(after: colon)...]
        }
        for ch in body {
            current.append(ch)
            if ch == "." || ch == ";" { sentences.append(current); current = "" }
        }
        sentences.append(current)
        sentences = sentences.map { var x = $0.trimmingCharacters(in: .whitespaces); while let c = x.last, ".;".contains(c) { x.removeLast() }; return x }
            .filter { Phrase($0).tokens.count >= 2 }
        guard sentences.count >= 2 else { return nil }
        let open = s.openAgreements(on: context.today)
        guard open.count >= 2 else { return nil }
        var groups: [(number: Int, text: String)] = []
        for sentence in sentences {
            var body = sentence
            // «y el calendario lo estoy haciendo todavía»: the «y» that joins it is no part of it.
            if let f = body.split(separator: " ").first, ["y", "e"].contains(TextFold.fold(String(f))) { body = String(body.dropFirst(f.count + 1)) }
            let named = AgreementReference.named(body, in: s, context: context).filter { a in open.contains { $0.id == a.id } }
            let hits = named.count == 1 ? named : sharingWords(Phrase(body), open)
            if hits.count == 1, let n = hits[0].number, !groups.contains(where: { $0.number == n }) {
                groups.append((n, body))
            } else if groups.isEmpty, hits.isEmpty {
                // «hola, te cuento cómo van.»: nothing named yet, nothing to keep.
                continue
            } else if let last = groups.last, hits.isEmpty || hits.count == 1 && hits[0].number == last.number {
                groups[groups.count - 1].text = last.text + ", " + body
            } else {
                // A sentence that names several, or one said before: not told apart safely.
                return nil
            }
        }
        return groups.count >= 2 ? groups : nil
    }

    /// The agreement a message says is not done («el acuerdo 1 no está cumplido», «lo de la
    /// planilla todavía no está listo») when it says no other state and the agreement is not
    /// marked cumplido (that one is undone, `RestaurarAcuerdoFlow`; so is another state with an
    /// undo verb). Nil otherwise.
    static func deniedDone(_ message: Utterance, slot: SlotDefinition, in s: NetworkSnapshot, context: EngineContext) -> Int? {
        let t = message.phrase.tokens
        guard RestaurarAcuerdoFlow.deniesDone(t), !QuestionForm.asks(message),
              DialogEngine.choiceIn(tokens: RestaurarAcuerdoFlow.doneWordsThatSayIt(t), slot: slot) == nil,
              !saysDone(t), !reschedules(t), !saysPartial(t) else { return nil }
        var a: Agreement?
        if let n = referenceNumbers(t).first(where: { s.agreement(number: $0) != nil }) { a = s.agreement(number: n) }
        if a == nil, case let named = AgreementReference.named(message.clean, in: s, context: context), named.count == 1 { a = named[0] }
        guard let a, a.status != .cumplido, a.status != .borrado,
              a.status == .pendiente || !t.contains(where: RestaurarAcuerdoFlow.undoVerbs.contains) else { return nil }
        return a.number
    }

    /// «el plazo quedó mal», «no, el plazo de la jornada es el 10»: the words say a deadline
    /// written down is wrong. «el acuerdo de los libros es pal 15 de marzo, no pal 31»: a day said against another one
    /// («…, no pal 31», «no el 31») corrects it as well.
    /// The words before a deadline said anew («es», «queda pal 20»): `CorregirPlazoFlow`'s cues too.
    static let deadlineCopulas = ["es", "queda", "sera", "seria", "quedaria"]

    static func fixesDeadline(_ t: [String]) -> Bool {
        if let no = t.indices.dropFirst().first(where: { t[$0] == "no" && t[..<$0].contains { Int($0) != nil } }),
           t[(no + 1)...].prefix(3).contains(where: { Int($0) != nil }),
           t[..<no].contains(where: { ["es", "era", "pal", "para"].contains($0) }) {
            return true
        }
        // «el acuerdo 1 ahora es para el 2 de marzo», «el acuerdo 2 queda pal viernes»: the same,
        // with no «plazo» said (no state either: «está cumplido» says one).
        if let a = t.firstIndex(where: { $0.hasPrefix("acuerd") }),
           let c = t[a...].prefix(6).firstIndex(where: deadlineCopulas.contains),
           c + 2 < t.count, ["para", "pal", "pa"].contains(t[c + 1]),
           t[(c + 2)...].prefix(4).contains(where: { Int($0) != nil || dayWords.contains($0) }) {
            return true
        }
        guard let p = t.firstIndex(where: { $0 == "plazo" || $0 == "fecha" }) else { return false }
        // «la fecha del acuerdo 2 ahora es el 2 de marzo», «el plazo del 1 queda pal 20»: the
        // agreement's deadline said anew (no state said) sets it, a status update it is not.
        if t[p...].prefix(6).contains(where: { $0.hasPrefix("acuerd") }) || t[p] == "plazo",
           let c = t[p...].prefix(8).firstIndex(where: deadlineCopulas.contains),
           t[(c + 1)...].prefix(4).contains(where: { Int($0) != nil || dayWords.contains($0) }) {
            return true
        }
        // «corrige la fecha del acuerdo 1 al 11 de diciembre», «corregir el plazo del 2 al
        // viernes 18»: a verb of correcting before the deadline, and a day after it.
        if t[..<p].contains(where: correctingVerbs.contains), t[p] == "plazo" || t[p...].prefix(6).contains(where: { $0.hasPrefix("acuerd") }),
           t[(p + 1)...].contains(where: { Int($0) != nil || dayWords.contains($0) }) {
            return true
        }
        return t.contains(where: DialogEngine.wrongWords.contains) || (t.first == "no" && t[p...].contains(where: { $0 == "es" || $0 == "era" }))
    }

    /// Verbs that put right something written down wrong.
    static let correctingVerbs: Set<String> = ["corrige", "corregir", "corrijamos", "corrijo", "corregi", "corrigelo", "corrigele", "arregla", "arreglar"]

    /// Words that start a day without its number: «es el viernes», «queda pa marzo», «es mañana».
    static let dayWords: Set<String> = ["lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo", "manana", "pasado",
                                        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                                        "octubre", "noviembre", "diciembre", "fin", "fines"]

    /// Words that lead to the new date of a rescheduled agreement.
    static let movingWords: Set<String> = ["cambiamos", "cambio", "cambia", "cambiar", "movemos", "movimos", "mover", "pasamos", "pasa", "pasar",
                                           "postergamos", "corremos", "corrimos", "pal", "para", "hasta", "mejor", "queda", "quedo", "al"]

    /// Words after which a number is a record's number.
    static let referenceWords: WordSet = ["acuerdo", "acuerdos", "acurdo", "el", "la", "del", "al", "n", "no", "nro", "numero", "num", "#", "y"]

    /// The numbers in `tokens` said as references: after «el», «acuerdo», «del»…, or opening the message.
    static func referenceNumbers(_ tokens: [String]) -> [Int] {
        tokens.indices.compactMap { i in
            guard let n = Int(tokens[i]) else { return nil }
            return i == 0 || referenceWords.contains(tokens[i - 1]) ? n : nil
        }
    }

    /// «el de la lista de asistencia», «el último», «el que vence el viernes» when asked which
    /// agreement: the one those words name; several: which of them.
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        if slot.name == "motivo_no", let moved = Self.movedInstead(message, context: context) { return moved }
        if Self.answerSlots.contains(slot.name), let lead = answerLead(message, slot: slot, run: run, context: context) { return lead }
        if slot.name == "motivo" || slot.name == "motivo_no", let d = Self.readyDate(message, context: context) {
            // «lo puedo tener la otra semana» asked why it was not done (or why it is moved): a new
            // date, never the reason (it was stored as one). Missed becomes rescheduled; the
            // reason is asked next.
            let said = SpanishFormat.date(d, today: context.today)
            if slot.name == "motivo_no" {
                return .fill(["estado": .choice("reprogramado"), "nuevo_plazo": .date(d)], remark: "Entonces lo reprogramo: nuevo plazo \(said).")
            }
            return .fill(["nuevo_plazo": .date(d)], remark: "Cambio el nuevo plazo: \(said).")
        }
        if slot.name == "motivo" || slot.name == "motivo_no", let news = Self.newsAtReason(message, run: run, context: context) { return news }
        // «no está cumplido todavía, falta uno; está en proceso» asked the evidence: it is in
        // progress (it was stored as the evidence of a done agreement).
        if slot.name == "evidencia_entregada", let note = Self.notDoneYet(message, run: run, context: context) {
            return .fill(["estado": .choice("en_proceso"), "avance": .text(note)], remark: "Entonces queda en proceso; avance: \(note).")
        }
        if slot.name != "acuerdo" { return wholeStatus(message, slot: slot, run: run, context: context) }
        guard let s = context.snapshot else { return nil }
        // A number is the agreement's own when said as one («2», «el 3», «acuerdo 2»), unless
        // it is a deadline's day («el que vence el 11»). In «ya la tomaron en 2 escuelas de 5»
        // it is a count, and in «lo movemos pal 22 de enero» a date: neither names an agreement.
        let digits = message.clean.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 })
        let deadline = message.phrase.tokens.contains(where: AgreementReference.deadlineWords.contains)
        var when: TemporalMatch?
        if digits, !deadline {
            when = TemporalParser.parse(message.clean, context: context.temporal)
            // «el 2» alone reads as a day too, but asked which agreement it is the number.
            if let m = when, Phrase(m.text).tokens.allSatisfy({ Int($0) != nil || Self.referenceWords.contains($0) }) { when = nil }
            let dateNumbers = when.map { Read.numbers(in: $0.text) } ?? []
            if let n = Self.referenceNumbers(message.phrase.tokens).first(where: { !dateNumbers.contains($0) }) {
                return .fill(["acuerdo": .number(Double(n))], remark: nil)
            }
        }
        let named = AgreementReference.named(message.clean, in: s, context: context)
        if named.count == 1, let n = named[0].number { return .fill(["acuerdo": .number(Double(n))], remark: nil) }
        if digits, !deadline, named.isEmpty {
            // A new date said before the agreement: kept for the rescheduling, and asked again which one.
            if let m = when, case .date(let d) = m.value, d >= context.today, run.values["nuevo_plazo"] == nil,
               run.values["estado"].map({ $0.textValue == "reprogramado" }) ?? true {
                return .fill(["estado": .choice("reprogramado"), "nuevo_plazo": .date(d)],
                             remark: "Anoto el nuevo plazo: \(SpanishFormat.date(d, today: context.today)).")
            }
            return .reask("Ese número no es el de un acuerdo: dime «el 1», «acuerdo 2» o de qué se trata.")
        }
        guard named.count > 1 else { return nil }
        return .reask("Hay varios que calzan:\n" + Answers.list(Array(named.prefix(5)), today: context.today) + "\nDime el número del que quieres actualizar.")
    }

    /// «reprogramar el acuerdo 2», «hay que reprogramarlo», «lo cambiamos pal 15» asked why it
    /// was not done: the wish is to move it, not a reason (issue 12: asked again, or stored as
    /// the reason). Missed becomes rescheduled; a day said is its new deadline, else it is
    /// asked next. Gated on a word of moving: most reasons have none.
    static func movedInstead(_ message: Utterance, context: EngineContext) -> Reading? {
        let t = message.phrase.tokens
        let reprogram = t.contains { $0.hasPrefix("reprogram") || $0.hasPrefix("posterg") || $0.hasPrefix("aplaz") || $0.hasPrefix("aplac") }
        guard reprogram || t.contains(where: moveVerbs.contains) else { return nil }
        // «no lo terminé, lo paso pal viernes 18 porque me enfermé»: moved to a day of its own,
        // with why said after it: rescheduled, the day and the reason kept (qa34: the whole
        // sentence was stored as why it was not done).
        if t.count > 10 || t.contains(where: becauseWords.contains) {
            // («el acuerdo 1 no lo terminé, …»: the agreement named again is no day, nor the reason.)
            let said = referenceNumbers(t).first.map { withoutOwnNumber(message.clean, $0) } ?? message.clean
            let more = StatusSentence.extras(said, estado: "reprogramado", context: context, estadoSlot: nil)
            guard case .date(let d)? = more["nuevo_plazo"], let why = more["motivo"]?.textValue else { return nil }
            return .fill(["estado": .choice("reprogramado"), "nuevo_plazo": .date(d), "motivo": .text(why)],
                         remark: "Entonces lo reprogramo: nuevo plazo \(SpanishFormat.date(d, today: context.today)); motivo: \(why).")
        }
        // Only a day of its own: «el acuerdo 2» names the agreement, not the 2nd.
        var day: LocalDate?
        if WhenCues.maySayWhen(folded: message.phrase.folded), let m = TemporalParser.parse(message.clean, context: context.temporal),
           !Phrase(m.text).tokens.allSatisfy({ Int($0) != nil || referenceWords.contains($0) }),
           !t.contains(where: { ["acuerdo", "acurdo"].contains($0) }) || Read.numbers(in: m.text).isEmpty,
           case .date(let d) = m.value, d >= context.today {
            day = d
        }
        // «lo cambiamos de responsable» moves nothing in time: a verb of moving needs its day.
        guard reprogram || day != nil else { return nil }
        guard let day else { return .fill(["estado": .choice("reprogramado")], remark: "Entonces lo reprogramo.") }
        return .fill(["estado": .choice("reprogramado"), "nuevo_plazo": .date(day)],
                     remark: "Entonces lo reprogramo: nuevo plazo \(SpanishFormat.date(day, today: context.today)).")
    }

    /// The questions whose answer is free text about the agreement being updated (or deleted:
    /// `BorrarFlow` reads its «motivo» here too).
    static let answerSlots: Set<String> = ["motivo", "motivo_no", "avance", "evidencia_entregada"]

    /// At a question about this agreement answered in free text:
    /// - «matemática 6° básico 251 puntos SIMCE 2025» asked why: a result, another record (it
    ///   was stored as the reason); the flow that records it is offered;
    /// - «anota que fue un error», «oye el acuerdo del calendario al final no estaba completo»:
    ///   the answer without the words that ask to record it or name this same agreement
    ///   (`AgreementAnswerLead`); «actualizar el acuerdo 1», nothing but those, is no answer.
    func answerLead(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        if slot.name != "evidencia_entregada", slot.name != "avance", !message.phrase.tokens.contains(where: Self.becauseWords.contains),
           ResultadoFlow.saysResult(message.clean, context: context) {
            return .request
        }
        guard let n = run.values["acuerdo"].flatMap(Read.int),
              let said = AgreementAnswerLead.read(message.clean, tokens: message.phrase.tokens, agreement: n, in: context.snapshot) else { return nil }
        switch said {
        case .onlyLead:
            // Nothing set, and the question stands («actualizar el estado del acuerdo 2» refused
            // with a re-ask was read as another flow's request: «Actualizar una práctica…»).
            return .fill([:], remark: "Seguimos con el acuerdo \(n); solo me falta esto.")
        case .answer(let rest, let recorded):
            // «anota que Marta trae las fotos el lunes, evidencia fotos»: a task with its day or
            // its fields is another record's request, left to the engine (kept for later).
            if recorded, Self.saysTask(rest, context: context) { return nil }
            // What is left is read as the whole answer would be (a new date, news of another record).
            return interpret(Utterance(rest), slot: slot, run: run, context: context) ?? .fill([slot.name: .text(rest)], remark: nil)
        }
    }

    /// «Marta trae las fotos el lunes, evidencia fotos»: a day said, or a field of an agreement
    /// named, after «anota que»: a task to record, not the answer asked.
    static func saysTask(_ text: String, context: EngineContext) -> Bool {
        let t = Phrase(text).tokens
        if t.contains(where: { ["evidencia", "plazo", "responsable", "responsables"].contains($0) }) { return true }
        return WhenCues.maySayWhen(text) && TemporalParser.parse(text, context: context.temporal) != nil
    }

    /// «…porque el SIMCE dio 251 puntos»: a score given as the reason is the reason.
    static let becauseWords: WordSet = ["porque", "pq", "xq", "porq", "porqe", "xk", "debido"]

    /// «la guía de la rosa la terminé», «mandé el informe de matrícula» asked why this agreement
    /// is moved (or was not done): something the writer tells she finished (a verb of finishing
    /// in the first person past, and the thing named), not a reason (issue 12: it was stored as
    /// the reason). About no open agreement, it is said so and the question stands. Said with a
    /// cause, a negation or a wish («porque…», «no alcancé…», «falta que Luis mande…»), it is
    /// read as before.
    static func newsAtReason(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        let t = message.phrase.tokens
        // «lo terminé», «ya lo hicimos», «sí, ya lo entregué»: this agreement said done, with no
        // thing named (issue 12: it was stored as the reason). Not moved nor missed, then: done,
        // and its evidence is asked next.
        if (1...5).contains(t.count), let v = t.firstIndex(where: toldDoneVerbs.contains),
           t.indices.allSatisfy({ $0 == v || doneItLeads.contains(t[$0]) }) {
            return .fill(["estado": .choice("cumplido")],
                         remark: run.values["estado"]?.textValue == "no_cumplido" ? "¡Entonces sí se cumplió! Lo marco como cumplido."
                             : "¡Entonces ya está cumplido! No hay que reprogramarlo: lo marco como cumplido.")
        }
        // Cheap gate: a verb of finishing said by «yo» or «nosotros», in a short answer.
        guard (3...14).contains(t.count), let v = t.firstIndex(where: toldDoneVerbs.contains),
              !t.contains(where: notNewsWords.contains), let s = context.snapshot else { return nil }
        // «terminé con licencia médica», «acabamos en la posta»: where one ended up, a reason
        // (issue 12: asked again as news). «terminé con la guía» (an article) is the thing done.
        if v + 1 < t.count, t[v + 1] == "en" || (t[v + 1] == "con" && v + 2 < t.count && !thingLeads.contains(t[v + 2])) { return nil }
        // «mandé a arreglar la impresora»: had something done, a reason as any other.
        if v + 2 < t.count, t[v + 1] == "a", ["ar", "er", "ir"].contains(String(t[v + 2].suffix(2))) { return nil }
        var names: Set<String> = []
        for m in s.members { names.formUnion(Phrase(m.name).tokens) }
        if let me = context.userName { names.formUnion(Phrase(me).tokens) }
        // The thing said done: its words that are no person, filler or verb of doing.
        let object = Set(t.indices.filter { i in
            i != v && t[i].count >= 4 && !names.contains(t[i]) && !newsFillers.contains(t[i]) && !doneVerbs.contains(t[i])
                && !toldDoneVerbs.contains(t[i]) && !AcuerdoFlow.saysWhen(t[i])
        }.map { Phrase.stem(t[$0]) })
        guard !object.isEmpty else { return nil }
        // About an open agreement, it is left to the reading of news about another record (kept
        // for that one's update) or, about this one, read as before.
        guard !s.openAgreements(on: context.today).contains(where: { a in !Set(Phrase(a.text).stems).isDisjoint(with: object) }) else { return nil }
        return .reask("Eso suena a algo que ya hiciste, no al motivo, y no lo encuentro entre los acuerdos abiertos; cuando terminemos con este, me cuentas a qué acuerdo corresponde.")
    }

    /// What may go with a verb of finishing in «ya lo terminé», «sí, lo hicimos todo»: no thing named.
    static let doneItLeads: WordSet = ["ya", "lo", "la", "los", "las", "si", "todo", "toda", "completo", "completa", "entero", "entera",
                                       "oye", "pero", "es", "que", "recien", "nomas", "po", "pues", "ah", "uy", "igual"]
    /// Words after «con» that make what follows a thing («terminé con la guía»), not a state.
    static let thingLeads: WordSet = ["el", "la", "los", "las", "lo", "mi", "mis", "su", "sus", "ese", "esa", "eso", "este", "esta",
                                      "esto", "esos", "esas", "estos", "estas", "nuestro", "nuestra", "todo", "toda", "todos", "todas"]
    /// «no lo terminé», «no lo alcanzamos a hacer», «no hicimos», «todavía no la entrego»: a «no»
    /// right before a verb of doing or of making it (object pronouns between) denies the task
    /// was done. «no, lo terminamos ayer» (a «no» that answers, its comma kept) denies nothing.
    /// Word checks first; the raw words only when «no» is there.
    static func deniesDoing(_ message: Utterance) -> Bool {
        let t = message.phrase.tokens
        guard let first = t.firstIndex(of: "no") else { return false }
        func doing(_ w: String) -> Bool {
            // Not «no llegaron los materiales», «no pudo venir»: what failed there is no task of ours.
            doneVerbs.contains(w) || toldDoneVerbs.contains(w) || deniedStems.contains { w.hasPrefix($0) }
        }
        // «no lo pudimos hacer», «no pude terminarlo»: a verb of being able, then one of doing.
        func done(_ w: String) -> Bool { doing(w) || doingInfinitives.contains(w) }
        guard t[first...].contains(where: done) else { return false }
        let words = message.clean.split(whereSeparator: { $0 == " " || $0 == "\n" })
        func word(_ k: Int) -> String? {
            guard k < words.count, case let v = Phrase(String(words[k])).tokens, v.count == 1 else { return nil }
            return v[0]
        }
        for (i, w) in words.enumerated() where TextFold.fold(String(w)) == "no" {
            var j = i + 1
            while j < words.count, j - i <= 2, deniedPronouns.contains(TextFold.fold(String(words[j]))) { j += 1 }
            guard let v = word(j) else { continue }
            if doing(v) { return true }
            if ableVerbs.contains(v), let next = word(j + 1), doingInfinitives.contains(next) || doing(next) { return true }
        }
        return false
    }

    /// `text` without the reference to agreement `n` that opens it («el 1 no lo alcanzamos…», «el
    /// acuerdo 2: …»), when words are left; else `text`.
    static func withoutOwnNumber(_ text: String, _ n: Int) -> String {
        var words = text.split(separator: " ", omittingEmptySubsequences: true)
        func core(_ w: Substring) -> String { Phrase(String(w)).tokens.joined() }
        var i = 0
        if i < words.count, ["el", "del"].contains(core(words[i])) { i += 1 }
        if i < words.count, core(words[i]).hasPrefix("acuerd") { i += 1 }
        if i < words.count, ["n", "no", "nro", "numero"].contains(core(words[i])), i + 1 < words.count, Int(core(words[i + 1])) != nil { i += 1 }
        // «el 1 de diciembre…» is a day, no reference.
        guard i < words.count, Int(core(words[i])) == n, i + 1 >= words.count || core(words[i + 1]) != "de" else { return text }
        words.removeFirst(i + 1)
        let bare = words.joined(separator: " ")
        return Phrase(bare).tokens.count >= 2 ? bare : text
    }

    static let deniedStems = ["cumpl", "termin", "alcanz", "alcanc", "alcans", "logr"]
    /// «no lo pudimos hacer»: being able, denied, of a verb of doing (not «no pudo venir»).
    static let ableVerbs: Set<String> = ["pude", "pudimos", "pudo", "pudieron", "pudiste"]
    static let doingInfinitives: Set<String> = ["hacer", "hacerlo", "hacerla", "entregar", "entregarlo", "entregarla", "mandar", "mandarlo",
                                                "mandarla", "enviar", "enviarlo", "enviarla", "completar", "completarlo", "completarla",
                                                "subir", "subirlo", "subirla", "realizar", "realizarlo", "aplicar", "aplicarlo", "aplicarla",
                                                "preparar", "prepararlo", "prepararla", "llevar", "llevarlo", "llevarla", "armar", "armarlo",
                                                "organizar", "organizarlo", "revisar", "revisarlo", "revisarla", "conseguir", "conseguirlo"]
    static let deniedPronouns: Set<String> = ["lo", "la", "los", "las", "le", "les", "me", "nos", "se"]

    /// The state read from the choices, with a denied verb of doing («no lo terminé») read as not
    /// done: cumplido, or nothing said, becomes no cumplido (with a new day, rescheduled).
    static func notDoneOverride(_ stated: String?, _ message: Utterance) -> String? {
        guard stated == nil || stated == "cumplido", deniesDoing(message) else { return stated }
        return "no_cumplido"
    }

    /// Verbs of finishing said in the first person past («terminé», «la mandamos»).
    static let toldDoneVerbs: WordSet = ["termine", "terminamos", "hice", "hicimos", "entregue", "entregamos", "mande", "mandamos", "envie",
                                         "enviamos", "subi", "subimos", "complete", "completamos", "acabe", "acabamos", "prepare",
                                         "preparamos", "arme", "armamos", "escribi", "escribimos", "cumpli", "cumplimos"]
    /// Words that make such an answer a reason after all: a cause, a negation, a contrast, a
    /// wish or a time to come («hasta que la Rosa termine la guía»).
    static let notNewsWords: WordSet = ["no", "ni", "nunca", "porque", "pq", "xq", "porq", "como", "pero", "aunque", "entonces", "por",
                                        "debido", "que", "q", "hasta", "cuando", "para", "pa", "pal", "si", "ojala", "falta", "faltan",
                                        "todavia", "aun", "tarde", "otra", "otro", "antes", "primero"]
    /// Words of four letters or more that name no thing done.
    static let newsFillers: Set<String> = ["ayer", "recien", "semana", "pasada", "pasado", "tambien", "todo", "toda", "todos", "todas",
                                           "ahora", "listo", "lista", "listos", "listas", "nomas", "igual", "bueno", "mismo", "misma",
                                           "esta", "este", "esto", "pues", "altiro", "anoche", "hola", "profe", "mañana", "manana",
                                           "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo", "mias", "mios", "mia", "mio"]

    /// An answer to the evidence question that says the agreement is not done: «en proceso»
    /// said, a part done («falta uno», «3 de 4»), or «no está cumplido». The advance to note (the
    /// clauses that are more than the state), nil when it says none of this.
    static func notDoneYet(_ message: Utterance, run: FlowRun, context: EngineContext) -> String? {
        let t = message.phrase.tokens
        let inProgress = t.indices.contains { i in t[i] == "en" && i + 1 < t.count && t[i + 1] == "proceso" }
        let notDone = t.indices.contains { i in t[i] == "no" && t[(i + 1)...].prefix(3).contains { $0.hasPrefix("cumpl") || $0.hasPrefix("termin") || $0 == "listo" || $0 == "lista" } }
        guard inProgress || notDone || saysPartial(t) else { return nil }
        let text = message.clean
        let said = StatusSentence.clauses(text).map(\.text).filter { c in
            let p = Phrase(c).tokens
            // «no, el 1 quedó en proceso, faltan…»: the agreement's number and the verb that says
            // the state are no part of how it goes either (qa34: stored «el 1 quedo en proceso, faltan…»).
            let stateOnly = p.allSatisfy { StatusSentence.fillers.contains($0) || Int($0) != nil || Self.stateClauseWords.contains($0) }
            return !stateOnly
        }
        return said.isEmpty ? text : said.joined(separator: ", ")
    }

    /// The words of a clause that only says an agreement is not done yet («está en proceso», «el 1
    /// quedó en proceso», «en realidad va en proceso»), besides `StatusSentence.fillers`.
    static let stateClauseWords: Set<String> = ["esta", "en", "proceso", "cumplido", "cumplida", "todavia", "aun", "terminado", "terminada",
                                                "quedo", "queda", "va", "van", "vamos", "sigue", "siguen", "seguimos", "estamos", "estan",
                                                "realidad", "verdad", "acuerdos", "acurdo"]

    /// «lo puedo tener la otra semana», «estaría listo el 15»: a day to come said with nothing but
    /// words of being ready around it (a week said is its Friday, a month its last day).
    static func readyDate(_ message: Utterance, context: EngineContext) -> LocalDate? {
        guard WhenCues.maySayWhen(folded: message.phrase.folded), let m = TemporalParser.parse(message.clean, context: context.temporal) else { return nil }
        let said = Set(Phrase(m.text).tokens)
        guard message.phrase.tokens.allSatisfy({ said.contains($0) || SharedReadings.dateFiller.contains($0) }) else { return nil }
        switch m.value {
        case .date(let d):
            return d >= context.today ? d : nil
        case .dateRange(let a, let b):
            guard b >= context.today else { return nil }
            let span = b.dayNumber - a.dayNumber
            if span <= 7 { return (0...span).map({ a.adding(days: $0) }).first(where: { $0.weekday == 5 && $0 >= context.today }) }
            let month = a.day == 1 && a.month == b.month && a.year == b.year && b.day == LocalDate.daysIn(month: b.month, year: b.year)
            return month ? b : nil
        default:
            return nil
        }
    }

    /// «reprogramado pal 30 de abril, no llegaron los materiales» asked how the agreement is (or
    /// «pal 30, no llegaron…» asked the new date): the state and everything said with it, so
    /// nothing said is asked again. A state alone is the engine's usual reading.
    func wholeStatus(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        let text = message.clean
        guard !text.contains("?"), !text.contains("¿"), ["estado", "nuevo_plazo"].contains(slot.name) else { return nil }
        // Asked the state, its choices tell the clause that says it; asked the date, it was said before.
        let estadoSlot = slot.name == "estado" ? slot : nil
        var estado = run.values["estado"]?.textValue
        // «la entregó atrasada» asked how it is: done (late), which the choice's «atrasada» alone reads as rescheduled.
        var doneLate = false, deniedDoing = false
        if let estadoSlot {
            doneLate = DialogEngine.choiceIn(tokens: message.phrase.tokens, slot: estadoSlot)?.value != "cumplido" && Self.saysDoneLate(message.phrase.tokens)
            // «no lo terminamos» asked how it is: not done (the choice's «lo terminamos» said cumplido).
            let chosen = DialogEngine.choiceIn(tokens: message.phrase.tokens, slot: estadoSlot)?.value
            if Self.notDoneOverride(chosen, message) != chosen { deniedDoing = true }
            guard let said = deniedDoing ? "no_cumplido" : Self.doneLateOverride(chosen, message.phrase.tokens)
                ?? (Self.saysDone(message.phrase.tokens) ? "cumplido" : nil)
                ?? (Self.saysPartial(message.phrase.tokens) ? "en_proceso" : nil) else { return nil }
            estado = said
        }
        guard var state = estado else { return nil }
        // «3 de los 4 ya lo mandaron»: part of it done is in progress, with that as its advance.
        if slot.name == "estado", ["cumplido", "en_proceso"].contains(state), Self.saysPartial(message.phrase.tokens) {
            let note = Self.partialNote(text)
            return .fill(["estado": .choice("en_proceso"), "avance": .text(note)], remark: "Anoté: en proceso; avance: \(note).")
        }
        var extras = StatusSentence.extras(text, estado: state, context: context, estadoSlot: estadoSlot)
        // «no se hizo, lo pasamos pal 15»: a new date makes it rescheduled, not just missed.
        if state == "no_cumplido", case .date(let d)? = StatusSentence.when(text, context: context)?.value, d >= context.today {
            state = "reprogramado"
            extras = StatusSentence.extras(text, estado: state, context: context, estadoSlot: estadoSlot)
        }
        // Asked the new date, only a date with a reason is this reading's; a date alone is the engine's.
        if slot.name == "nuevo_plazo", extras["nuevo_plazo"] == nil || extras.count < 2 { return nil }
        if doneLate, extras.isEmpty { return .fill(["estado": .choice("cumplido")], remark: nil) }
        // «no lo terminamos», «todavía no lo termina el Luis», nothing else: not done, but whether
        // it goes on or failed is asked (the denial itself is no reason why).
        if deniedDoing, state == "no_cumplido", let m = extras["motivo_no"]?.textValue, extras.count == 1, Self.deniesDoing(Utterance(m)) {
            extras = [:]
        }
        if deniedDoing, extras.isEmpty, state == "no_cumplido" { return .reask("Entiendo que todavía no está terminado.") }
        if deniedDoing, extras.isEmpty { return .fill(["estado": .choice(state)], remark: nil) }
        guard !extras.isEmpty else { return nil }
        var values = extras
        values["estado"] = .choice(state)
        let parts = StatusSentence.echo(extras, today: context.today)
        return .fill(values, remark: "Anoté: " + parts.joined(separator: "; ") + ".")
    }

    /// «oye la pauta todavía no la mandan todas las escuelas», «lo de la pauta se atrasó» at a
    /// question about agreement 2 («armar el calendario de visitas»): the thing said first
    /// (`AgreementReference.topic`) is in the text of one other open agreement only, not in this
    /// one's text nor its evidence: that agreement (issue 12: stored as this one's evidence or
    /// progress). At the evidence question, only when the message says it is not done or is late
    /// («las fotos están en el drive» is evidence, whatever else mentions photos).
    func otherRecordNamed(_ message: Utterance, run: FlowRun, context: EngineContext) -> (values: SlotValues, remark: String)? {
        guard let slot = run.currentSlot, Self.answerSlots.contains(slot), let n = run.values["acuerdo"].flatMap(Read.int),
              let topic = AgreementReference.topic(message.phrase.tokens), let s = context.snapshot,
              let mine = s.agreement(number: n) else { return nil }
        let t = message.phrase.tokens
        if slot == "evidencia_entregada",
           !t.contains(where: { Self.notYetWords.contains($0) || $0.hasPrefix("atras") || $0.hasPrefix("posterg") || $0.hasPrefix("reprogram") }) { return nil }
        guard !Phrase(mine.text + " " + (mine.evidence ?? "")).stems.contains(topic) else { return nil }
        let hits = s.openAgreements(on: context.today).filter { $0.number != n && Phrase($0.text).stems.contains(topic) }
        guard hits.count == 1, let other = hits[0].number else { return nil }
        return (["acuerdo": .number(Double(other))],
                "Eso es del acuerdo \(other) («\(hits[0].text)»), no del \(n): no lo anoto aquí. Me lo guardo y lo vemos apenas terminemos con el acuerdo \(n).")
    }

    /// Words that say something is not done yet, or late.
    static let notYetWords: WordSet = ["no", "nunca", "todavia", "aun", "tampoco", "falta", "faltan", "pendiente"]

    /// «ojo que yo subí las mías nomás, faltan las del José y la Nelly» at the review of an
    /// agreement of several people marked done: only part of it is done, so it is in progress,
    /// with those words as how it goes (it kept «cumplido» and stored them as a reason).
    func reviewChange(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        guard run.values["estado"]?.textValue == "cumplido", let n = run.values["acuerdo"].flatMap(Read.int),
              let a = context.snapshot?.agreement(number: n), a.responsables.count >= 2,
              Self.onlyPartDone(message.phrase.tokens) else { return nil }
        // «y lo del huerto va a medias, le falta la tierra» names another agreement: that one's news,
        // never this one's (pass 9, qa13: it turned the one just marked done into «en proceso»).
        let named = AgreementReference.named(message.clean, in: context.snapshot!, context: context)
        if !named.isEmpty, !named.contains(where: { $0.number == n }) { return nil }
        var words = message.clean.split(separator: " ").map(String.init)
        while let w = words.first, Self.asideLeads.contains(Phrase(w).tokens.joined()) { words.removeFirst() }
        let note = words.joined(separator: " ")
        guard !note.isEmpty else { return nil }
        return .fill(["estado": .choice("en_proceso"), "avance": .text(note)], remark: "Entonces va en proceso, no cumplido del todo: anoté «\(note)» como avance.")
    }

    /// News at the review of an update marked in progress or done, read before the review's own
    /// readings (issue 12):
    /// - «ojo, en 2 horas más terminamos», «mañana lo terminamos», «ya casi lo entregamos»: done
    ///   said of a time to come is how it goes, not done (it was stored as cumplido, or read as
    ///   a goodbye): in progress, with those words added to the advance;
    /// - «no, avanzamos poco esta semana», «no, solo tenemos el borrador»: a «no» that goes on to
    ///   say how it goes corrects the advance (it was read as a refusal, and the update dropped).
    /// A new state («no, ya está cumplido»), a refusal («no, todavía no») or anything else: nil.
    func reviewNews(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        // «mejor reprogramalo pal 31 de mayo» at the review of another state: rescheduled, with
        // that day, and the reason already given for missing it kept as the reason (qa38: it was
        // not understood, and a «sí» would have saved «no cumplido»).
        // (Other states moved at their review are read as before; an agreement named that is not
        // this one is that one's news.)
        if run.values["estado"]?.textValue == "no_cumplido", !message.clean.contains("?"),
           case .fill(var values, let remark, _)? = Self.movedInstead(message, context: context),
           let n = run.values["acuerdo"].flatMap(Read.int), let s = context.snapshot,
           case let named = AgreementReference.named(message.clean, in: s, context: context), named.isEmpty || named.contains(where: { $0.number == n }) {
            var kept = ""
            if values["motivo"] == nil, let why = run.values["motivo_no"] {
                values["motivo"] = why
                kept = why.textValue.map { " Dejo el motivo que me diste: \($0)." } ?? ""
            }
            return .fill(values, remark: (remark ?? "Entonces lo reprogramo.") + kept)
        }
        guard let estado = run.values["estado"]?.textValue, estado == "en_proceso" || estado == "cumplido" else { return nil }
        let t = message.phrase.tokens
        guard t.count >= 3, !message.clean.contains("?") else { return nil }
        let before = estado == "en_proceso" ? run.values["avance"]?.textValue : nil
        if Self.doneAhead(t), let note = Self.withoutAsides(message.clean) {
            let avance = before.map { $0 + "; " + note } ?? note
            return .fill(["estado": .choice("en_proceso"), "avance": .text(avance)],
                         remark: "Entonces todavía no está cumplido: lo dejo en proceso y sumo al avance «\(note)». Cuando lo terminen, me cuentas y lo marcamos cumplido.")
        }
        if let note = Self.progressAfterNo(message.clean, t) {
            let remark = estado == "cumplido" ? "Entonces va en proceso, no cumplido: anoté «\(note)» como avance."
                : "Corregido: el avance queda «\(note)»."
            return .fill(["estado": .choice("en_proceso"), "avance": .text(note)], remark: remark)
        }
        return nil
    }

    /// «en 2 horas más terminamos», «mañana lo terminamos», «ya casi está listo», «lo vamos a
    /// entregar el lunes»: a word of being done said with a time still to come (no «no»).
    static func doneAhead(_ t: [String]) -> Bool {
        guard !t.contains("no"), let k = t.firstIndex(where: { w in doneStems.contains { w.hasPrefix($0) } }) else { return false }
        // «terminaremos», «estará lista»: the future said by the verb itself.
        if t[k].hasSuffix("remos") || t[k].hasSuffix("ra") && !t[k].hasPrefix("list") || t[k].hasSuffix("ran") { return true }
        if t.contains(where: aheadWords.contains) { return true }
        // «lo vamos a terminar», «va a estar listo».
        if t[..<k].suffix(4).contains("a"), t[..<k].suffix(4).contains(where: { ["vamos", "va", "van", "voy"].contains($0) }) { return true }
        // «en 2 horas más», «en un rato», «en una semana».
        // («lo mandamos en la semana» may be told of the past: only a count of time ahead.)
        return t.indices.dropLast().contains { i in
            guard t[i] == "en" else { return false }
            if ["rato", "ratito"].contains(t[i + 1]) { return true }
            return i + 2 < t.count && (Int(t[i + 1]) != nil || spanCounts.contains(t[i + 1])) && spanWords.contains(t[i + 2])
        }
    }

    static let doneStems = ["termin", "cumpl", "entreg", "listo", "lista", "mand", "envi", "sub", "complet"]
    static let aheadWords: WordSet = ["manana", "pasado", "luego", "pronto", "casi", "proxima", "proximo", "altiro", "enseguida"]
    static let spanCounts: WordSet = ["un", "una", "unos", "unas", "dos", "tres", "cuatro", "par"]
    static let spanWords: WordSet = ["hora", "horas", "rato", "ratito", "minutos", "dia", "dias", "semana", "semanas", "mes", "meses"]

    /// The words after a «no» (or «ah no») that say how the agreement goes, led by a verb of
    /// advancing, having or lacking («avanzamos poco…», «solo tenemos el borrador», «falta la
    /// mitad»); nil when they say a state, refuse, or say something else.
    static func progressAfterNo(_ text: String, _ t: [String]) -> String? {
        guard let k = t.prefix(2).firstIndex(where: { ["no", "nop", "noo", "nooo"].contains($0) }),
              k == 0 || ["ah", "oh", "uy", "ay", "pucha", "chuta", "eh", "mm", "mmm"].contains(t[0]) else { return nil }
        var i = k + 1
        while i < t.count, progressFillers.contains(t[i]) { i += 1 }
        guard i + 1 < t.count, progressVerbs.contains(t[i]), t[i + 1] != "a", t[i + 1] != "que" else { return nil }
        // «no, está cumplido», «no, lo reprogramamos»: a state, read by the review as before.
        guard !t[i...].contains(where: { w in w == "no" || ["cumpl", "reprogram", "posterg", "aplaz", "list", "termin", "entreg"].contains { w.hasPrefix($0) } })
        else { return nil }
        // The words from that verb on (with its adverb: «solo tenemos…»), as written.
        var words = text.split(separator: " ").map(String.init)
        while let w = words.first, !Self.isNoWord(w) { words.removeFirst() }
        words = Array(words.dropFirst())
        while let w = words.first, case let f = Phrase(w).tokens, f.count == 1, ["es", "que", "pero", "en", "realidad", "la", "verdad", "o", "sea", "bueno", "mira", "oye", "po"].contains(f[0]) || f.isEmpty {
            words.removeFirst()
        }
        let note = Self.trimmed(words.joined(separator: " "))
        return Phrase(note).tokens.count >= 2 ? note : nil
    }

    /// `text` without spaces and stops at either end.
    static func trimmed(_ text: String) -> String {
        var said = Substring(text)
        while let c = said.first, " .,;".contains(c) { said = said.dropFirst() }
        while let c = said.last, " .,;".contains(c) { said = said.dropLast() }
        return String(said)
    }

    static func isNoWord(_ w: String) -> Bool { ["no", "nop", "noo", "nooo"].contains(Phrase(w).tokens.first ?? "") }

    static let progressFillers: WordSet = ["es", "que", "nos", "me", "le", "les", "pero", "en", "realidad", "la", "verdad", "o", "sea", "bueno", "mira", "oye", "po",
                                           "solo", "solamente", "apenas", "recien", "nomas", "todavia", "aun"]
    static let progressVerbs: WordSet = ["avanzamos", "avanzo", "avanzaron", "avanzado", "llevamos", "llevan", "lleva", "tenemos", "tienen", "tiene",
                                         "hicimos", "hizo", "hicieron", "hemos", "han", "vamos", "van", "va", "falta", "faltan", "queda", "quedan",
                                         "estamos", "empezamos", "partimos", "alcanzamos"]

    /// The message without the words that open it as an aside («ojo,», «oye», «ya»); nil when nothing is left.
    static func withoutAsides(_ text: String) -> String? {
        var words = text.split(separator: " ").map(String.init)
        while let w = words.first, Self.asideLeads.contains(Phrase(w).tokens.joined()) { words.removeFirst() }
        let note = Self.trimmed(words.joined(separator: " "))
        return note.isEmpty ? nil : note
    }

    /// «faltan las del José», «yo subí las mías nomás», «solo yo lo hice»: part of it done.
    static func onlyPartDone(_ t: [String]) -> Bool {
        if t.contains(where: { ["falta", "faltan", "faltaria", "faltarian"].contains($0) }) { return true }
        let only = t.contains(where: { ["solo", "nomas", "solamente", "unicamente"].contains($0) }) || DialogEngine.containsRunPublic(t, ["no", "mas"])
        return only && t.contains(where: { ["yo", "mias", "mio", "mia", "mios", "mi", "nosotros", "nosotras"].contains($0) })
    }

    private static let asideLeads: Set<String> = ["ojo", "que", "oye", "pero", "no", "ah", "uy", "perdon", "ya", "igual", "eso", "si"]

    /// «actualizar el acuerdo del viernes»: the agreement named, not a new deadline.
    /// «reprograma», «lo reprogramamos», «posterguémoslo», «aplázalo», «aplacemos»: any form of the verbs that
    /// give an agreement a new deadline (the choice's synonyms list only some).
    static func reschedules(_ t: [String]) -> Bool {
        t.contains { w in rescheduleStems.contains { w.hasPrefix($0) } } || movesToDate(t) || newDeadline(t)
    }

    /// «ponle plazo nuevo el 26 de marzo», «dale otro plazo hasta el viernes»: a new deadline
    /// given (qa39: not understood); the day said is where it moves.
    static func newDeadline(_ t: [String]) -> Bool {
        zip(t, t.dropFirst()).contains { a, b in (a == "plazo" && (b == "nuevo" || b == "extra")) || ((a == "nuevo" || a == "otro") && b == "plazo") }
    }

    /// «se corre pal 11», «lo dejamos pa la otra semana», «lo cambiamos pal 17 de diciembre»: a
    /// verb of moving right before where it goes (pass 9, qa13: «se corre pal 11…, xq no llegó la
    /// tierra» kept the state open and stored the reason as the evidence).
    static func movesToDate(_ t: [String]) -> Bool {
        t.indices.contains { i in
            (moveVerbs.contains(t[i]) || (i > 0 && t[i - 1] == "se" && reflexiveMoveVerbs.contains(t[i])))
                && t[(i + 1)...].prefix(2).contains(where: toWords.contains)
                // «hay que darles hasta el 10», «le damos plazo hasta el viernes»: more time given
                // until a day moves the deadline there (issue 12: not understood). Only «hasta»:
                // «le damos las gracias para…» gives no time.
                || giveVerbs.contains(t[i]) && t[(i + 1)...].prefix(3).contains("hasta")
        }
    }

    static let giveVerbs: WordSet = ["dar", "darle", "darles", "damos", "demos", "dimos", "daremos", "demosle", "demosles", "dale", "denle"]

    static let moveVerbs: WordSet = ["corre", "corren", "corremos", "corrimos", "corrio", "correr", "correrlo", "correrla", "correlo", "correla",
                                     "corramos", "corramoslo", "dejamos", "dejemos", "dejar", "dejarlo", "dejemoslo", "dejalo", "cambiamos",
                                     "cambiemos", "cambialo", "movemos", "movamos", "muevelo", "movamoslo", "pasamos", "pasemos", "pasalo", "pasemoslo",
                                     // The same said of «la planilla», «la pauta» (pass 11, fixI: «Luis no pudo
                                     // terminar la planilla, pásala para el lunes 21» was not understood).
                                     "pasala", "pasemosla", "pasarla", "dejala", "dejemosla", "dejarla", "cambiala", "cambiarla",
                                     "muevela", "movamosla", "moverla", "corramosla",
                                     // «lo atrasamos para el 30», «atrásalo pal lunes» (qa24).
                                     "atrasamos", "atrasemos", "atrasalo", "atrasala", "atrasemoslo", "atrasemosla",
                                     // «lo paso pal viernes 18», «lo muevo al lunes»: said by one person (qa34).
                                     "paso", "muevo"]
    /// «que se pase pal viernes 30», «que se corra al lunes», «se atrasa para el 30» (qa24): only
    /// after «se» («que la Rosa pase al colegio» moves nothing).
    static let reflexiveMoveVerbs: WordSet = ["pase", "pasen", "corra", "corran", "mueva", "muevan", "cambie", "cambien",
                                              "atrasa", "atrase", "atrasen", "atrasan"]
    static let toWords: WordSet = ["pa", "pal", "para", "al", "hasta"]

    /// The stems of the verbs of rescheduling: `reschedules` and the claim's cues read the same list.
    static let rescheduleStems = ["reprogram", "posterg", "aplaz", "aplac"]

    /// «el jaime dice que la manda el lunes 14», «la Sonia las trae el jueves 17», «yo lo mando el
    /// viernes»: a person (named, or «yo»), then an object pronoun for what is to be done and the
    /// verb of one of that person's open agreements, and a day still to come: that agreement,
    /// promised anew for that day. Nil unless exactly one open agreement of theirs has that verb
    /// (its first four letters), or no day is said, or the day is its deadline already.
    static func promisedAnew(_ message: Utterance, context: EngineContext) -> (agreement: Agreement, date: LocalDate)? {
        let t = message.phrase.tokens
        // Cheap gate: an object pronoun before a word of four letters or more, with words before
        // it, and a day's word or a number after them (most messages stop here).
        guard t.count >= 4, t.count <= 20, !message.questionMarked,
              let k = t.indices.first(where: { $0 >= 1 && $0 + 1 < t.count && objectPronouns.contains(t[$0]) && t[$0 + 1].utf8.count >= 4 }),
              t[(k + 2)...].contains(where: { $0.first?.isNumber == true || promiseDayWords.contains($0) }),
              let s = context.snapshot else { return nil }
        let verb = t[k + 1].prefix(4)
        // Whose: the member a word before the pronoun names, or the one writing («yo»).
        var whose = Set(t[..<k].filter { $0.utf8.count >= 3 }.compactMap { PersonMatcher.match($0, among: context.members) })
        if whose.isEmpty, t[..<k].contains("yo"), let me = context.userName { whose = [me] }
        guard whose.count == 1, let who = whose.first else { return nil }
        let fits = s.openAgreements(on: context.today).filter { a in
            a.responsables.contains(who) && Phrase(a.text).tokens.prefix(3).contains { w in
                w.utf8.count >= 4 && w.prefix(4) == verb && FirstNames.canonical(w) == nil && PersonMatcher.match(w, among: a.responsables) == nil
            }
        }
        guard fits.count == 1, let m = TemporalParser.parse(message.clean, context: context.temporal) else { return nil }
        let day: LocalDate
        switch m.value {
        case .date(let d): day = d
        case .dateTime(let d): day = d.date
        default: return nil
        }
        guard day >= context.today, day != fits[0].deadline else { return nil }
        return (fits[0], day)
    }

    /// «la mando la primera semana de marzo», «lo entrego el 5», «las subimos el lunes»: an object
    /// pronoun, then a verb of doing in the first person («mando», «mandamos»), and a day (or a
    /// week) still to come said after it. Only where a short list was just shown (`listed`):
    /// the pronoun stands for one of those.
    static func promisesWithDay(_ t: [String], text: String, context: EngineContext) -> Bool {
        guard let ids = context.listed, !ids.isEmpty, t.count >= 4, let k = promise(t),
              let r = text.range(of: t[k + 1], options: [.caseInsensitive, .diacriticInsensitive]),
              let m = TemporalParser.parse(String(text[r.upperBound...]), context: context.temporal) else { return false }
        switch m.value {
        case .date(let d): return d >= context.today
        case .dateTime(let d): return d.date >= context.today
        case .dateRange(let a, let b): return b >= context.today && a.days(until: b) <= 6
        default: return false
        }
    }

    /// Where «la mando», «lo subimos» (an object pronoun, then a first-person present verb)
    /// opens in `t`, or nil.
    static func promise(_ t: [String]) -> Int? {
        t.indices.dropLast().first { i in objectPronouns.contains(t[i]) && FirstPerson.isPresent(t[i + 1]) }
    }

    static let promiseDayWords: Set<String> = ["lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo", "manana", "semana"]
    static let objectPronouns: Set<String> = ["la", "lo", "las", "los"]

    /// «no voy a alcanzar a mandar el calendario de visitas, lo mando el 8 de enero», «no alcanzo con
    /// la pauta, la entrego el 20»: not making it, and a day still to come said after it, moves the
    /// agreement there (qa20 C3: not understood). Only «no» a few words before an «alcanz…» word.
    static func missesWithNewDay(_ t: [String], text: String, context: EngineContext) -> Bool {
        guard let k = t.firstIndex(where: { $0.hasPrefix("alcanz") }), t[max(0, k - 4)..<k].contains("no"),
              let m = TemporalParser.parse(text, context: context.temporal) else { return false }
        switch m.value {
        case .date(let d): return d >= context.today
        case .dateTime(let d): return d.date >= context.today
        // «…recién la otra semana»: a week still to come (qa24).
        case .dateRange(let a, let b): return b >= context.today && a.days(until: b) <= 6
        default: return false
        }
    }

    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        var out = Prefill()
        // «el jaime dice que la manda el lunes 14», picked as this agreement's follow-up
        // (`AcuerdoFlow.claim` asks): that agreement, rescheduled to the day said.
        if run.values["acuerdo"] == nil, let promise = Self.promisedAnew(Utterance(request), context: context), let n = promise.agreement.number {
            out.values = ["acuerdo": .number(Double(n)), "estado": .choice("reprogramado"), "nuevo_plazo": .date(promise.date)]
            out.echo = ["nuevo plazo: \(SpanishFormat.date(promise.date, today: context.today))"]
            out.replacesEcho = true
            return out
        }
        // «reprogramar el acuerdo 2, no llegaron los materiales»: the reason said with the request.
        let tokens = Phrase(request).tokens
        // «la Gloria ya lo mandó» with several of hers open: whose they are is kept (a partial, no
        // slot), so that only hers are listed (`startRemarks`; fixAW: all the open ones were).
        if run.values["acuerdo"] == nil, let s = context.snapshot, Self.saysDone(tokens),
           let who = Self.namedResponsable(tokens, in: s), Self.openOf(who, s, today: context.today).count >= 2 {
            out.partials["responsable"] = .text(who)
        } else if run.values["acuerdo"] == nil, run.values["estado"] != nil, let s = context.snapshot,
                  case let named = AgreementReference.named(request, in: s, context: context), named.count != 1,
                  // «ese va a medias» after a list of several: those shown are the ones to pick from.
                  case let fit = named.count >= 2 && AgreementReference.opensWith(tokens, where: AgreementReference.demonstratives.contains)
                    ? named : Self.contentCandidates(request, context: context), !fit.isEmpty {
            // The open agreements its words fit, listed to ask which (`startRemarks`).
            out.partials["candidatos"] = .text(fit.compactMap(\.number).map(String.init).joined(separator: " "))
        }
        // «no está cumplido», «el bus no esta listo»: a done word denied says no state; the
        // engine does not read «cumplido» from it either (it asked the evidence, qa18).
        let stateTokens = RestaurarAcuerdoFlow.doneWordsThatSayIt(tokens)
        var denied = false
        // «la planilla todavía no la terminamos»: a verb of doing denied says no state either (the
        // choice's «la terminamos» said cumplido).
        if run.values["estado"] == nil, let estadoSlot = flow.slot(named: "estado"),
           RestaurarAcuerdoFlow.deniesDone(tokens) && DialogEngine.choiceIn(tokens: stateTokens, slot: estadoSlot) == nil
            || Self.notDoneOverride(DialogEngine.choiceIn(tokens: stateTokens, slot: estadoSlot)?.value, Utterance(request)) == "no_cumplido"
            && DialogEngine.choiceIn(tokens: stateTokens, slot: estadoSlot)?.value != "no_cumplido" {
            out.values["estado"] = .some(nil)
            denied = true
        }
        if !denied, let estadoSlot = flow.slot(named: "estado"),
           // The state the claim settled on («no resultó…, pal 12 de enero» is rescheduled) rules.
           let estado = run.values["estado"]?.textValue ?? Self.doneLateOverride(DialogEngine.choiceIn(tokens: stateTokens, slot: estadoSlot)?.value, tokens)
            ?? (Self.saysDone(tokens) ? "cumplido" : nil) {
            var more = StatusSentence.extras(request, estado: estado, context: context, estadoSlot: estadoSlot)
            more["nuevo_plazo"] = nil
            if estado == "en_proceso", Self.saysPartial(tokens) { more["avance"] = .text(Self.partialNote(request)) }
            // What a claim at the menu already gave (and said) is not said twice.
            more = more.filter { run.values[$0.key] == nil }
            out.values.merge(more.mapValues { Optional($0) }) { $1 }
            out.echo = StatusSentence.echo(more, today: context.today)
        }
        guard run.values["acuerdo"] == nil, let s = context.snapshot else { return out }
        let named = AgreementReference.named(request, in: s, context: context)
        guard named.count == 1, let n = named[0].number else { return out }
        out.values["acuerdo"] = .number(Double(n))
        if run.values["nuevo_plazo"] != nil {
            out.values["nuevo_plazo"] = .some(nil)
            out.replacesEcho = true
        }
        return out
    }

    func startRemarks(_ run: FlowRun, context: EngineContext) -> [String] {
        guard let s = context.snapshot, run.values["acuerdo"] == nil else { return [] }
        if case .text(let who)? = run.partials?["responsable"] {
            let hers = Self.openOf(who, s, today: context.today)
            if hers.count >= 2, let name = hers[0].responsables.first(where: { (TextFold.fold($0) + " ").hasPrefix(who) }) {
                return ["Los acuerdos abiertos de \(name) son:\n" + Answers.list(hers, today: context.today)]
            }
        }
        if let fit = Self.candidates(run, s), fit.count >= 2 {
            return ["Hay más de un acuerdo abierto que calza con eso:\n" + Answers.list(fit, today: context.today)]
        }
        let open = s.openAgreements(on: context.today)
        guard !open.isEmpty, open.count <= 8 else { return [] }
        return ["Los acuerdos abiertos son:\n" + Answers.list(open, today: context.today)]
    }

    /// «¿Qué acuerdo? Dime su número, por ejemplo «3».» gave a number that could be in no list
    /// shown: the example is the first agreement listed (hers, or the open ones), or the latest.
    func question(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> String? {
        guard slot.name == "acuerdo", let s = context.snapshot else { return nil }
        var shown: Int?
        if case .text(let who)? = run.partials?["responsable"] { shown = Self.openOf(who, s, today: context.today).first?.number }
        if shown == nil { shown = Self.candidates(run, s)?.first?.number }
        guard let n = shown ?? s.openAgreements(on: context.today).first?.number ?? s.agreements.last?.number else { return nil }
        return "¿Qué acuerdo? Dime su número, por ejemplo «\(n)»."
    }

    /// The agreements kept as the ones a follow-up's words fit (`contentCandidates`), or nil.
    static func candidates(_ run: FlowRun, _ s: NetworkSnapshot) -> [Agreement]? {
        guard case .text(let list)? = run.partials?["candidatos"] else { return nil }
        return list.split(separator: " ").compactMap { Int($0).flatMap(s.agreement(number:)) }
    }

    /// The agreements of `pool` that share a content word (four letters or more, not a word of
    /// any request) with `phrase`.
    static func sharingWords(_ phrase: Phrase, _ pool: [Agreement]) -> [Agreement] {
        let words = Set(phrase.stems.filter { $0.count >= 4 && !AgreementReference.generic.contains($0) })
        guard !words.isEmpty else { return [] }
        return pool.filter { !Set(Phrase($0.text).stems).isDisjoint(with: words) }
    }

    /// The open agreements a follow-up said at the menu may be about when its words fit several
    /// («la prueba ya está lista, la subí al drive» with two about a «prueba»): those, to ask
    /// which; empty when it names one, none, or names whose they are.
    static func contentCandidates(_ request: String, context: EngineContext) -> [Agreement] {
        guard let s = context.snapshot else { return [] }
        let phrase = Phrase(request)
        let open = s.openAgreements(on: context.today)
        guard open.count >= 2 else { return [] }
        var hits = sharingWords(phrase, open)
        if hits.count < 2, let topic = readyTopic(phrase.tokens) {
            let words = Set(topic.filter { $0.count >= 4 }.map(Phrase.stem))
            hits = open.filter { !Set(Phrase($0.text).stems).isDisjoint(with: words) }
        }
        return hits.count >= 2 ? hits : []
    }

    /// The open agreements of the member whose folded first name (with its space) is `who`.
    static func openOf(_ who: String, _ s: NetworkSnapshot, today: LocalDate) -> [Agreement] {
        s.openAgreements(on: today).filter { a in a.responsables.contains { (TextFold.fold($0) + " ").hasPrefix(who) } }
    }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard let s = context.snapshot else { return .accept }
        let today = context.today
        switch slot.name {
        case "acuerdo":
            guard let n = Read.int(value), let a = s.agreement(number: n) else {
                let open = s.openAgreements(on: today)
                let list = open.isEmpty ? "" : " Los abiertos son:\n" + Answers.list(open, today: today)
                return .reject("No encuentro el acuerdo \(Read.int(value).map(String.init) ?? "")." + list)
            }
            guard case .number = value else { return .accept }
            var line = Wording.agreementLine(a, today: today)
            if a.status == .cumplido || a.status == .noCumplido { line += " Ojo: ya está marcado como \(a.status.label)." }
            return .replace(.text("\(n) («\(a.text)»)"), remarks: [line])
        case "evidencia_entregada":
            let core = Phrase(value.textValue ?? "").core
            let short = core.split(separator: " ").count <= 5
            if Self.noEvidence.contains(core) || (short && (core.hasPrefix("no ") || core.contains("todavia") || core.contains("aun no"))) {
                return .reject("Sin evidencia no puedo marcarlo como cumplido: la red necesita su medio de verificación. Si todavía no está, escribe «atrás» y déjalo «en proceso».")
            }
            // «el programa, lo mandamos el 25 de febrero»: the day it was done, said with its evidence.
            if run.values["hecho"] == nil, let text = value.textValue, text.count <= 200,
               let done = StatusSentence.doneDay(StatusSentence.clauses(text).map(\.text), context: context) {
                return Verdict(value: value, others: ["hecho": .date(done)])
            }
            return .accept
        case "estado":
            // No longer done: the evidence it had delivered goes with that state.
            guard value.textValue != "cumplido", run.values["evidencia_entregada"] != nil else { return .accept }
            return Verdict(value: value, others: ["evidencia_entregada": nil])
        case "nuevo_plazo":
            guard case .date(let d) = value else { return .accept }
            return .accept(Wording.deadlineRemark(d, region: s.network.region, today: today).map { [$0] } ?? [])
        default:
            return .accept
        }
    }

    static let noEvidence: WordSet = ["no", "no tengo", "no hay", "nada", "ninguna", "todavia no", "aun no", "no tengo evidencia",
                                          "sin evidencia", "no hay evidencia", "despues", "luego", "no se", "nop", "no todavia"]

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        let today = w.clock.today()
        guard let n = v["acuerdo"].flatMap(Read.int), let seen = snapshot.agreement(number: n) else {
            throw StoreError.notFound("ese acuerdo")
        }
        guard let statusText = v["estado"]?.textValue, let status = Agreement.Status(rawValue: statusText) else {
            throw StoreError.notFound("el estado")
        }
        var note: String?
        var newDeadline: LocalDate?
        var evidenceDelivered: String?
        var resumen: String
        switch status {
        case .cumplido:
            guard let evidence = v["evidencia_entregada"]?.textValue, !evidence.isEmpty else {
                throw StoreError.notFound("la evidencia entregada (sin evidencia no se marca cumplido)")
            }
            evidenceDelivered = evidence
            note = "evidencia: " + evidence + (v["comentario"]?.textValue.map { "; " + $0 } ?? "")
            resumen = "el acuerdo \(n) quedó cumplido, con su evidencia: «\(evidence)»."
        case .enProceso:
            note = v["avance"]?.textValue
            resumen = "el acuerdo \(n) quedó en proceso" + (note.map { ": «\($0)»." } ?? ".")
        case .reprogramado:
            newDeadline = v["nuevo_plazo"]?.dateValue
            note = v["motivo"]?.textValue
            resumen = "el acuerdo \(n) quedó reprogramado para el \(newDeadline.map { SpanishFormat.date($0, today: today) } ?? "nuevo plazo")."
        case .noCumplido:
            note = v["motivo_no"]?.textValue
            resumen = "el acuerdo \(n) quedó como no cumplido. Anoté el motivo en su historial."
        default:
            resumen = "el acuerdo \(n) quedó \(status.label)."
        }
        // «…, falta solo la escuela de pichipellahuen»: a comment shown in the review goes into the
        // history note whatever the state (qa37: only a «cumplido» kept it; the rest dropped it).
        if status != .cumplido, let comment = v["comentario"]?.textValue, !comment.isEmpty, note?.contains(comment) != true {
            note = (note.map { $0 + "; " } ?? "") + comment
        }
        var change = Agreement.Change(at: w.stamp, status: status, note: note, deadline: newDeadline)
        // «lo mandamos el 25 de febrero»: when it was done, when that is not today (the day it is
        // told); «a tiempo» is reckoned from it.
        if status == .cumplido, let done = v["hecho"]?.dateValue, done < today {
            change.done = done
            resumen = resumen.replacingOccurrences(of: " quedó cumplido,", with: " quedó cumplido el \(SpanishFormat.date(done, today: today)),")
        }
        // On the agreement as stored now: another member's follow-up saved at the same moment
        // stays in the history, and this one is appended after it.
        let a = try w.store.modifyAgreement(id: seen.id, network: snapshot.network.id) { [change] fresh in
            var change = change
            if let evidenceDelivered { fresh.evidenceDelivered = evidenceDelivered }
            // A done agreement open again (rescheduled, in progress, missed): the evidence it
            // delivered is no longer its evidence (it kept showing as delivered). It stays in
            // the history: in the note of its «cumplido», or in this change's when none holds it.
            if status != .cumplido, let delivered = fresh.evidenceDelivered {
                fresh.evidenceDelivered = nil
                if !fresh.history.contains(where: { $0.note?.contains(delivered) == true }) {
                    change.note = (change.note.map { $0 + "; " } ?? "") + "evidencia entregada antes: " + delivered
                }
            }
            // A new plazo keeps the one it replaces in the change (`campo: plazo`): a reprogramming
            // overwrote it, so undoing a first one could not give it back.
            if let newDeadline {
                if fresh.deadline != newDeadline {
                    change.field = "plazo"
                    change.before = fresh.deadline.map { [$0.iso] } ?? []
                }
                fresh.deadline = newDeadline
            }
            fresh.status = status
            fresh.history.append(change)
        }
        if status != .cumplido, let delivered = seen.evidenceDelivered {
            resumen += " La evidencia entregada («\(delivered)») queda en su historial."
        }
        // What it was, so «deshacer» can put it back (`RestaurarAcuerdoFlow`).
        return ["id": a.id, "numero": String(n), "resumen": resumen].merging(RestaurarAcuerdoFlow.before(seen)) { a, _ in a }
    }

    /// After marking «en proceso» an agreement whose deadline has passed: it stays open, so it
    /// keeps showing as overdue (the lists and the export derive «vencido», docs/exportacion.md)
    /// until it has a new deadline. Said, and a new deadline offered (qa38: the reply said only
    /// «quedó en proceso» while the export showed it overdue).
    func roundOffer(after query: Query?, run: FlowRun?, context: EngineContext) -> RoundOffer? {
        guard query == nil, let run, run.values["estado"]?.textValue == "en_proceso",
              let n = run.values["acuerdo"].flatMap(Read.int), let a = context.snapshot?.agreement(number: n),
              let d = a.deadline, d < context.today else { return nil }
        return RoundOffer(question: "Ojo: su plazo era el \(SpanishFormat.date(d, today: context.today)) y ya pasó, así que sigue figurando como vencido"
                              + " hasta que tenga un plazo nuevo. ¿Le ponemos uno?",
                          request: "reprogramar el acuerdo \(n)")
    }

    /// «deshacer» right after a follow-up: the agreement as it was before it.
    func undo(_ record: String, context: EngineContext) -> Undo? {
        RestaurarAcuerdoFlow.undo(after: context.lastSave?.before)
    }
}

/// Agreements named without their number.
enum AgreementReference {
    /// The agreements `text` names by position («el último», «el primero»), by deadline («el que
    /// vence el viernes») or by words of their text («el de la lista de asistencia»); open ones
    /// first. Empty when it names none.
    /// «el último lo…», «ya, el último acuerdo está…»: «el/la último/última» first (after a
    /// filler), then the agreement's noun, a pronoun or a verb word, or nothing.
    static func opensWithLast(_ t: [String]) -> Bool {
        let head = Array(t.drop { ["y", "ya", "oye", "ah", "no", "mejor", "y"].contains($0) }.prefix(3))
        guard head.count >= 2, ["el", "la"].contains(head[0]), ["ultimo", "ultima"].contains(head[1]) else { return false }
        return head.count == 2 || lastFollowers.contains(head[2])
    }

    /// The agreements of the short list this conversation just showed, in its order; nil when
    /// none was shown, or what was shown is not all agreements still there.
    static func shown(in s: NetworkSnapshot, context: EngineContext) -> [Agreement]? {
        guard let ids = context.listed, !ids.isEmpty else { return nil }
        let found = ids.compactMap { id in s.agreements.first { $0.id == id && $0.status != .borrado } }
        return found.count == ids.count ? found : nil
    }

    /// The position an ordinal of `t` says («el segundo»: 2), if one does: after «el», «la» or
    /// opening the message, with nothing after it or what says how it goes («va», «lo», «ya»,
    /// «está»…): not a school year («la de segundo básico») nor another thing counted («la segunda
    /// reunión se cambió»).
    static func ordinal(_ t: [String]) -> Int? {
        for i in t.indices {
            guard let k = ordinals[t[i]], i == 0 || ["el", "la"].contains(t[i - 1]) else { continue }
            if i + 1 < t.count, !lastFollowers.contains(t[i + 1]), !ordinalFollowers.contains(t[i + 1]) { continue }
            return k
        }
        return nil
    }

    static let ordinalFollowers: Set<String> = ["de", "del", "sigue", "salio", "lleva", "llevamos", "estan", "quedamos", "tambien"]

    static let ordinals: [String: Int] = ["primero": 1, "primera": 1, "primer": 1, "segundo": 2, "segunda": 2, "tercero": 3, "tercera": 3,
                                          "tercer": 3, "cuarto": 4, "cuarta": 4, "quinto": 5, "quinta": 5]
    /// («esta» is also «está» unaccented: not one of them.)
    static let demonstratives: Set<String> = ["ese", "esa", "aquel", "aquella"]

    /// Whether `t` opens (after a filler) with an article or nothing, then a word `fits` says.
    static func opensWith(_ t: [String], where fits: (String) -> Bool) -> Bool {
        let head = Array(t.drop { ["y", "ya", "oye", "ah", "mejor", "bueno", "ok"].contains($0) }.prefix(2))
        guard let first = head.first else { return false }
        if fits(first) { return true }
        return head.count == 2 && ["el", "la"].contains(first) && fits(head[1])
    }

    static let lastFollowers: Set<String> = ["acuerdo", "compromiso", "lo", "la", "le", "ya", "esta", "quedo", "se", "no", "hay", "fue", "va",
                                             "queda", "tambien", "igual", "todavia", "aun"]

    static func named(_ text: String, in s: NetworkSnapshot, context: EngineContext) -> [Agreement] {
        let phrase = Phrase(text)
        let t = phrase.tokens
        let open = s.openAgreements(on: context.today)
        let pool = open.isEmpty ? Array(s.agreements) : open
        // A position counts in the short list just shown («¿qué acuerdos hay?», then «el segundo va
        // a medias»), in its order; else among the open ones by number.
        let shown = Self.shown(in: s, context: context)
        let byNumber = shown ?? pool.sorted { ($0.number ?? 0) < ($1.number ?? 0) }
        if t.contains(where: { ["ultimo", "ultima"].contains($0) }), t.count <= 6, let last = byNumber.last { return [last] }
        // «el último lo movemos pal 18», «el último acuerdo ya está cumplido»: a position that opens
        // the message is its subject however long the rest (not «el último jueves de cada mes»).
        if let last = byNumber.last, Self.opensWithLast(t) { return [last] }
        // «el segundo va a medias», «el tercero lo llevamos a medias»: short, or opening the message.
        if let k = Self.ordinal(t), !t.contains("dia"), t.count <= 6 || Self.opensWith(t, where: { ordinals[$0] == k }) {
            return byNumber.indices.contains(k - 1) ? [byNumber[k - 1]] : []
        }
        // «ese lo llevamos a medias», «esa ya está lista» right after a list: with one shown, that
        // one; with several, each (which one is asked).
        if let shown, Self.opensWith(t, where: demonstratives.contains) { return shown }
        if t.contains(where: { ["primero", "primera", "primer"].contains($0) }), t.count <= 6, !t.contains("dia"), let first = byNumber.first { return [first] }
        // «el acuerdo del viernes»: the one due that day.
        let dueThen = zip(t, t.dropFirst()).contains { ($0 == "acuerdo" || $0 == "compromiso") && ($1 == "del" || $1 == "de" || $1 == "para") }
        if t.contains(where: deadlineWords.contains) || dueThen,
           let m = TemporalParser.parse(text, context: context.temporal), case .date(let d) = m.value {
            // «el acuerdo del huerto se corre pal 11»: the date is the new one, and the topic says which.
            let due = pool.filter { $0.deadline == d }
            if !due.isEmpty || dueThen && topic(t) == nil { return due }
            // «el plazo del banco de textos es el viernes 23»: no deadline is that day (it is the
            // new one), so the words say which (qa36: none was named, the one saved last taken).
        }
        // «lo del resumen», «el de las planillas»: the word right after says which; alone it is enough.
        if let topic = topic(t) {
            let hits = pool.filter { Phrase($0.text).stems.contains(topic) }
            if !hits.isEmpty { return hits }
        }
        // Words of the agreement's text: those that say what it is about, not the request around it.
        let words = Set(phrase.stems.filter { $0.count >= 4 && !generic.contains($0) })
        guard !words.isEmpty else { return [] }
        // «el de revisar el instrumento» of «todos revisan el instrumento»: a verb said in the
        // infinitive names any form of it (its root, without «-ar/-er/-ir»).
        let roots = t.filter { $0.count >= 6 && ["ar", "er", "ir"].contains(String($0.suffix(2))) && !generic.contains(Phrase.stem($0)) }
            .map { (stem: Phrase.stem($0), root: String($0.dropLast(2))) }
        func score(_ a: Agreement) -> Int {
            let own = Phrase(a.text)
            var hits = Set(own.stems).intersection(words)
            for r in roots where !hits.contains(r.stem) && own.tokens.contains(where: { $0.hasPrefix(r.root) }) { hits.insert(r.stem) }
            return hits.count
        }
        let scored = pool.map { a in (a, score(a)) }.filter { $0.1 > 0 }
        guard let best = scored.map(\.1).max(), best >= min(2, words.count) else { return [] }
        return scored.filter { $0.1 == best }.map(\.0)
    }

    /// The stem of the first content word after «lo del», «el de la»…, if the text has one.
    static func topic(_ t: [String]) -> String? {
        // («el acuerdo del bus», «el compromiso de la feria» point at it the same way.)
        // «el plan lo dejamos pa…», «la planilla la mandé»: a thing said first and taken up again by
        // «lo/la» is the topic too.
        let articles: Set<String> = ["el", "la", "los", "las"], pronouns: Set<String> = ["lo", "la", "los", "las"]
        if let i = t.indices.dropLast(2).first(where: { articles.contains(t[$0]) && pronouns.contains(t[$0 + 2]) && Int(t[$0 + 1]) == nil }) {
            let stem = Phrase.stem(t[i + 1])
            if stem.count >= 3, !generic.contains(stem) { return stem }
        }
        // «la pauta no se cumplió, …», «el calendario ya está», «y la pauta se atrasó»: a thing said
        // first, then what became of it, is the subject: that thing names the agreement (issue 12:
        // at the menu «la» took the one saved last; at another agreement's evidence it became that
        // one's progress).
        let head = t.drop { subjectLeads.contains($0) }
        if head.count >= 3, case let h = Array(head), articles.contains(h[0]), Int(h[1]) == nil, subjectFollowers.contains(h[2]) {
            let stem = Phrase.stem(h[1])
            if stem.count >= 3, !generic.contains(stem) { return stem }
        }
        guard let i = t.indices.dropLast().first(where: { ["lo", "el", "la", "acuerdo", "compromiso"].contains(t[$0]) && ["de", "del"].contains(t[$0 + 1]) }) else { return nil }
        for j in (i + 2)..<t.count where !["de", "del", "la", "las", "el", "los", "lo", "que"].contains(t[j]) {
            let stem = Phrase.stem(t[j])
            // A short word pointed at is still the topic («lo del bus», «lo del PIE»); «lista»
            // after its article is the thing («el de la lista está listo»), not «ready».
            if stem.count >= 3, !generic.contains(stem) || t[j] == "lista" && ["la", "las"].contains(t[j - 1]) { return stem }
        }
        return nil
    }

    /// What may open a message before its subject («y la pauta…», «oye, el calendario…»).
    static let subjectLeads: Set<String> = ["y", "oye", "ah", "pero", "ojo", "bueno", "mira", "profe", "igual", "tambien", "e"]
    /// What may follow a subject said first to tell how it went: a negation, «ya», a reflexive
    /// «se», or a verb of state.
    static let subjectFollowers: Set<String> = ["no", "ya", "se", "nunca", "todavia", "aun", "quedo", "esta", "estan", "sigue", "va",
                                                "recien", "tampoco", "salio", "fue"]

    static let deadlineWords: WordSet = ["vence", "vencia", "vencen", "plazo", "vencimiento"]

    /// Stems of words that name no agreement's content.
    static let generic: Set<String> = Set(["acuerdo", "acuerdos", "cumplido", "cumplida", "listo", "lista", "hecho", "hecha", "proceso",
                                           "reprogramado", "reprogramar", "movemos", "mover", "cambiar", "actualizar", "estado", "quedo",
                                           "todavia", "sigue", "falta", "ahora", "marcar", "marca", "ponlo", "ponle", "esta", "estan",
                                           "ese", "eso", "aquel", "cual", "quiero", "hicimos", "hizo"].map { Phrase.stem($0) })
}
