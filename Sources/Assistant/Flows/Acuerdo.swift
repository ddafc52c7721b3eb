import Foundation
import CivilTime
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/acuerdo.yaml`: a new agreement. A deadline on a weekend or a feriado is kept with a
/// remark, so the user can correct it.
struct AcuerdoFlow: MingaFlow {
    /// «el acuerdo 2» for "A-2" (`FlowExtension.recordMention`).
    func recordMention(_ record: String) -> String? {
        guard record.hasPrefix("A-"), let n = Int(record.dropFirst(2)) else { return nil }
        return "el acuerdo \(n)"
    }

    let id = "acuerdo"
    let saveKind: String? = "agreement"
    let slotNames = ["texto", "responsables", "se_suman", "plazo", "evidencia", "encuentro"]

    /// «era de Marta», «es la Marta», «a nombre de Marta Rivas» right after deleting an agreement
    /// because its person was wrong (`BorrarFlow.wrongPerson` offers it): the same agreement
    /// again with that member in charge, its text naming her instead, with the deadline and
    /// evidence it had; reviewed before it is saved (issue 12: no way to redo it with another
    /// person). Only a short message naming one member outside the deleted agreement's people
    /// and words that add nothing else.
    static func redoClaim(_ message: Utterance, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        guard t.count <= 7, let last = context.lastSave, last.flow == "borrar",
              let n = last.before?["antes.numero"].flatMap({ Int($0) }), let s = context.snapshot,
              let gone = s.agreements.first(where: { $0.number == n }), gone.status == .borrado, !gone.responsables.isEmpty,
              // Only where the deletion said the person was wrong (and the offer was made).
              BorrarFlow.wrongPerson(gone.history.last?.note ?? "") else { return nil }
        let live = s.members.filter { !$0.isOut && !gone.responsables.contains($0.name) }
        let named = live.filter { m in
            let parts = Phrase(m.name).tokens
            return parts.first.map(t.contains) == true && (parts.count == 1 || !t.contains(where: { w in
                live.contains { $0.id != m.id && Phrase($0.name).tokens.first == w } }))
        }
        guard named.count == 1 else { return nil }
        let person = named[0], own = Set(Phrase(person.name).tokens)
        guard t.allSatisfy({ own.contains($0) || Self.redoWords.contains($0) }) else { return nil }
        // Her first name where the text named the one it was given to («Luis manda…» → «Marta manda…»).
        var text = gone.text
        if gone.responsables.count == 1, let old = gone.responsables[0].split(separator: " ").first,
           let new = person.name.split(separator: " ").first {
            text = text.split(separator: " ", omittingEmptySubsequences: false).map { $0 == old ? String(new) : String($0) }.joined(separator: " ")
        }
        var values: SlotValues = ["texto": .text(text), "responsables": .list([person.name])]
        if let d = gone.deadline { values["plazo"] = .date(d) }
        if let e = gone.evidence { values["evidencia"] = .text(e) }
        return Claim(values: values)
    }

    /// What may go around the person's name when saying whose the deleted agreement was.
    static let redoWords: Set<String> = ["era", "es", "de", "del", "la", "el", "para", "a", "nombre", "con", "ponlo", "ponla", "anotalo",
                                         "anotala", "mejor", "no", "sino", "que", "lo", "hace", "ya", "po", "oye", "uy", "perdon",
                                         "si", "ah", "ahi", "entonces", "ella", "le", "tocaba", "toca"]

    /// «en la reunión de hoy quedamos en que cada escuela hace un rincón lector»: an agreement
    /// taken in a meeting already on the calendar, not a new meeting. The agreement is what
    /// follows «quedamos en que», «acordamos que»…; the meeting is kept with it.
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        // «registrar un acuerdo», «nuevo acuerdo» with nothing saved just before: only asking for
        // one, which no claim below takes (they read a colon, a clause, a person, a save before);
        // the trigger starts the flow. Not read (debug builds do, and check).
        let t = message.phrase.tokens
        if context.lastSave == nil, !t.isEmpty, t.allSatisfy(Self.bareRequestWords.contains) {
            assert(readClaim(message, flow: flow, catalog: catalog, context: context) == nil, "«\(message.clean)» is claimed as an agreement")
            return nil
        }
        return readClaim(message, flow: flow, catalog: catalog, context: context)
    }

    /// `claim`, every reading asked.
    private func readClaim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        if let redo = Self.redoClaim(message, context: context) { return redo }
        // «la Marta quedó de mandar el acta» saved, then «ella también trae las fotos pal lunes»:
        // the pronoun is the one person of the agreement just saved it can stand for, read as
        // if named (it was «No te entendí», or a draft with nobody responsible).
        if context.lastSave?.flow == flow.id, let named = SaidBefore.pronounAfterSave(message, context: context) {
            return claim(Utterance(named.whole), flow: flow, catalog: catalog, context: context) ?? Claim(reads: named.clause)
        }
        // «acuerdo: Tamara revisa las planificaciones, plazo 20 de diciembre»: dictated after its
        // kind and a colon (otherwise «plazo» and «evidencia» meet the follow-up's words).
        // Said with a request verb («anota un acuerdo: …») only when the triggers leave it in doubt
        // («…la sala del CESFAM…» met «saca el acuerdo» too): a clear trigger reads it as usual.
        if let dictated = Self.dictated(message.clean) {
            let items = Self.items(dictated, user: context.userName, people: context.members)
            // «registrar acuerdos: 1) … 2) …»: several dictated are a batch even after a request
            // verb (the engine would read them as one, its people and dates mixed).
            if items.count > 1 || !Self.requestLed(message.clean) || Self.triggersDoubt(message.phrase, flow: flow, catalog: catalog) {
                return Claim(reads: items[0], more: Array(items.dropFirst()) + Self.untold(message.clean, told: items.count))
            }
        }
        // «anota: las escuelas de la red mandan su plan de lectura al supervisor antes del 11 de
        // diciembre» (qa27 C2: not understood): a bare request verb and a colon, then a task.
        if let task = Self.bareRequestTask(message, context: context) {
            let items = Self.items(task, user: context.userName, people: context.members)
            return Claim(reads: items[0], more: Array(items.dropFirst()))
        }
        // «otro: Marta revisa la rúbrica antes del 18» right after an agreement was saved: one
        // more agreement, dictated (qa20 B1: it was answered about meetings, or not understood).
        if context.lastSave?.flow == flow.id, let another = Self.anotherDictated(message.clean) {
            let items = Self.items(another, user: context.userName, people: context.members)
            return Claim(reads: items[0], more: Array(items.dropFirst()))
        }
        // «registrar acuerdos del encuentro 1: 1) … 2) …»: several dictated for a meeting on the
        // calendar, each linked to it.
        if let (head, dictated) = Self.dictatedInMeeting(message.clean) {
            let items = Self.items(dictated, user: context.userName, people: context.members)
            if items.count > 1, let s = context.snapshot,
               let m = EditarEncuentroFlow.referenced(head, in: s) ?? MeetingMention.find(head, in: s, context: context)?.meeting, let n = m.number {
                let meeting = "\(n) («\(m.title)»)"
                return Claim(values: ["encuentro": .text(meeting)], echo: ["encuentro: \(meeting)"], reads: items[0], more: Array(items.dropFirst()))
            }
            // «anota estos acuerdos de la reunión de hoy: 1. … 2. …» with no such meeting on the
            // calendar: the batch all the same (pass 9, 09-3: it was one agreement, the meeting's
            // words and every item in its text).
            if items.count > 1 { return Claim(reads: items[0], more: Array(items.dropFirst())) }
        }
        // «anota q Paola manda el calendario pal viernes y Hernan prepara la pauta pa la otra
        // semana»: each person with a doing and a deadline of their own is an agreement of its own.
        if let apart = Self.requestedApart(message, context: context) {
            return Claim(reads: apart[0], more: Array(apart.dropFirst()) + Self.untold(message.clean, told: apart.count))
        }
        // «anota que la Ines prepara el análisis pal 9, y que yo reviso las planillas antes del
        // lunes»: «y que» opens another agreement after «anota que» as after «acordamos que»
        // (qa34: one agreement, both people, the second deadline, the first one lost).
        if let task = Self.afterRequestQue(message), AndThatSplit.parts(task).count > 1 {
            let items = Self.items(task, user: context.userName, people: context.members)
            if items.count > 1 { return Claim(reads: items[0], more: Array(items.dropFirst())) }
        }
        // The meeting is named before the clause: one named inside it («…el resumen de la reunión
        // del viernes») is what the agreement is about, read by the usual request.
        guard !QuestionForm.asks(message), let (before, text) = Self.agreedClause(message.clean, folded: message.phrase.folded) else {
            // «el jaime dice que la manda el lunes 14», «la Sonia dijo que las trae el jueves 17»,
            // with that person's «mandar la planificación» open: «la manda» is that agreement (a
            // pronoun for what it is about, its verb), with a new day. Which one is meant is asked:
            // that agreement moved, or a new one (qa32: a new agreement «el jaime dice que la
            // manda» was stored, the overdue one left as it was).
            if let promise = SeguimientoFlow.promisedAnew(message, context: context), let n = promise.agreement.number {
                var claim = Claim(reads: Self.statedTask(message, context: context) ?? message.clean)
                claim.choose = ["seguimiento", flow.id]
                claim.chooseLead = "Eso parece el acuerdo \(n) («\(promise.agreement.text)»), ahora para el \(SpanishFormat.date(promise.date, today: context.today))."
                return claim
            }
            if let task = Self.statedTask(message, context: context) { return Claim(reads: task) }
            // «anota que Luis manda la lista de asistencia el viernes, evidencia la lista» with a
            // meeting on the calendar: someone of the network who does something, after «anota
            // que», is an agreement even where its words meet another flow's trigger (the acta's
            // «lista de asistencia»: which one was asked, or the acta started with Luis as who came).
            if let task = Self.afterRequestQue(message), Self.opensWithMember(task, context: context),
               Self.triggersDoubt(message.phrase, flow: flow, catalog: catalog) {
                return Claim(reads: task)
            }
            // «registra que pedro lleva los materiales», «apunta que la Yasna trae el data»: someone
            // not yet in the network who does something, after a request verb and «que», is an
            // agreement all the same, as after «anota que» (it was not understood); adding the
            // person is asked as ever. Only where no trigger reads the message («registra que
            // decidimos…» keeps its decision).
            if let task = Self.afterRequestQue(message), Self.opensWithNewcomer(task),
               catalog.match(message.phrase).first.map({ $0.score < 0.5 }) ?? true {
                return Claim(reads: task)
            }
            return nil
        }
        // «ayer en el consejo decidimos que las actas las redacta la escuela anfitriona»: what
        // «decidimos» opens is a decision, even when it names who does what (issue 12: it was
        // taken as an agreement first). `DecisionFlow` claims it.
        if message.phrase.tokens.contains("decidimos"), DecisionFlow.decidedLead(message) != nil { return nil }
        // «acordamos que Luis manda el acta, y que Marta trae los libros»: two agreements, each
        // read on its own and reviewed with the others as one batch (`batchNames`); the engine would
        // read them as one, its people and dates mixed.
        let items = Self.items(text, user: context.userName, people: context.members, announced: Self.announcesSeveral(message.clean))
        // «acordamos por unanimidad que…»: read from the clause, the manner left out (the
        // triggers would read it in the text). «quedamos en dos acuerdos: luis revisa…»: one told
        // of more counted is read as a batch (`untold`), so the count is said.
        guard MeetingMention.points(before) || items.count > 1 || Self.saysManner(message.clean)
                || (items.count == 1 && !Self.untold(message.clean, told: 1).isEmpty) else { return nil }
        // A meeting not on the calendar (never scheduled in Minga): the agreement all the same.
        // The clause is read as any agreement's request (who, by when, what).
        guard MeetingMention.points(before), let s = context.snapshot,
              let (m, _) = MeetingMention.find(before, in: s, context: context), let n = m.number else {
            return Claim(reads: items[0], more: Array(items.dropFirst()) + Self.untold(message.clean, told: items.count))
        }
        let meeting = "\(n) («\(m.title)»)"
        // «asistimos Ximena Rojas y yo nomás. acordamos que Ximena hace…»: who came is that
        // meeting's acta, registered after the agreements; a first name in them is the person
        // named in full before.
        var then: [FollowingRequest] = []
        var reads = items
        if let came = Self.attendance(before) {
            then.append(FollowingRequest(flow: "asistencia", request: came, values: ["encuentro": .number(Double(n))]))
            reads = items.map { Self.fullNames($0, from: came) }
        }
        return Claim(values: ["encuentro": .text(meeting)], echo: ["encuentro: \(meeting)"], reads: reads[0], more: Array(reads.dropFirst()), then: then)
    }

    /// «anota q Paola manda el calendario de observaciones pal viernes y Hernan prepara la pauta
    /// pa la otra semana» (qa19 p1: one agreement with both people and the first deadline): after
    /// a request verb, clauses each opened by a person of the network (or «yo») who does
    /// something, EACH with a day of its own, are as many agreements. One shared deadline
    /// («elena arma… y mario habla…, pal 19 de marzo») keeps them one (split when asked).
    /// Only a message whose first word is a request verb is read further.
    static func requestedApart(_ message: Utterance, context: EngineContext) -> [String]? {
        let t = message.phrase.tokens
        guard t.count >= 8, let first = t.first, requestVerbs.contains(first), !message.questionMarked else { return nil }
        let words = message.clean.split(separator: " ").map(String.init)
        var k = 1
        // «anota 2 acuerdos: …», «anota tres cosas: …»: the count and what it counts are leads too
        // (qa31: «2» lost its digit to the letter filter, and the message was one agreement).
        func lead(_ w: String) -> Bool {
            apartLeads.contains(w) || countWords.contains(w) || countedNouns.contains(w) || Int(w).map { (2...9).contains($0) } == true
        }
        while k < words.count, lead(TextFold.fold(words[k]).filter { $0.isLetter || $0.isNumber }) { k += 1 }
        guard k < words.count else { return nil }
        var people = context.members
        if let me = context.userName { people.append(me) }
        guard let parts = personLed(words[k...].joined(separator: " "), people: people), parts.count >= 2 else { return nil }
        // «anota q mario arma el calendario y la pauta la revisa con berta el lunes»: a part
        // whose doer is the one before's, done with someone else, is another agreement whatever
        // days are said (qa: one agreement, both people, the calendar due Monday).
        let implied = parts.indices.dropFirst().map { withImpliedSubject(parts[$0], before: parts[$0 - 1], people: people) }
        guard parts.allSatisfy({ TemporalParser.parse($0, context: context.temporal) != nil }) || implied.contains(where: { $0 != nil }) else { return nil }
        return parts.indices.map { i in
            var text = (i > 0 ? implied[i - 1] : nil) ?? parts[i].trimmingCharacters(in: .whitespaces)
            while let last = text.last, ".,;!".contains(last) { text.removeLast() }
            return text
        }
    }

    /// «la pauta la revisa con berta el lunes» said after «mario arma el calendario»: what is
    /// done, its pronoun, the doing and «con» someone, with no doer of its own: the doer is the
    /// person (or people) the part before opens with, named after the doing so the agreement
    /// says who holds it on its own («la pauta la revisa mario con berta el lunes»). Nil when
    /// the part is not so, or the one before opens with no one.
    static func withImpliedSubject(_ part: String, before: String, people: [String]) -> String? {
        let words = part.split(separator: " ").map(String.init)
        guard words.count >= 5 else { return nil }
        let f = words.map { TextFold.fold($0).filter(\.isLetter) }
        guard ["el", "la", "los", "las"].contains(f[0]),
              let j = (2..<min(6, words.count - 2)).first(where: { objectPronouns.contains(f[$0]) && saysVerb(f[$0 + 1]) }),
              f[j + 2] == "con", !f[1..<j].contains(where: { $0 == "y" || $0 == "e" }) else { return nil }
        var nameWords: Set<String> = []
        for p in people { for w in p.split(separator: " ") { nameWords.insert(TextFold.fold(String(w))) } }
        // The doer the part before opens with: articles, names and «y» (never «yo»: the doing
        // after it is said in the third person).
        var said = before.split(separator: " ").map(String.init)
        if let w = said.first, ["que", "q"].contains(TextFold.fold(w)) { said.removeFirst() }
        let bf = said.map { TextFold.fold($0).filter(\.isLetter) }
        var n = 0
        while n < said.count, ["el", "la", "y", "e"].contains(bf[n]) || nameWords.contains(bf[n]), !said[n].hasSuffix(",") { n += 1 }
        guard n > 0, n < said.count, bf[..<n].contains(where: { nameWords.contains($0) && !["el", "la", "y", "e"].contains($0) }),
              !["y", "e"].contains(bf[n - 1]) else { return nil }
        return (words[...(j + 1)] + said[..<n] + words[(j + 2)...]).joined(separator: " ")
    }

    /// «anota que Luis manda…», «anota q la Rosa trae…»: the words after a request verb and
    /// «que»; nil when the message opens otherwise (two token checks: most messages stop there).
    static func afterRequestQue(_ message: Utterance) -> String? {
        let t = message.phrase.tokens
        guard t.count >= 5, let first = t.first, requestQueVerbs.contains(first),
              t[1] == "que" || t[1] == "q", !message.questionMarked else { return nil }
        let words = message.clean.split(separator: " ")
        guard words.count >= 5, ["que", "q"].contains(TextFold.fold(String(words[1]))) else { return nil }
        var text = words.dropFirst(2).joined(separator: " ")
        while let last = text.last, ".!".contains(last) { text.removeLast() }
        return text
    }

    /// The request verbs `afterRequestQue` reads before «que».
    static let requestQueVerbs: Set<String> = ["anota", "anotar", "anote", "anotame", "anotemos", "registra", "registre", "registrame",
                                               "registremos", "apunta", "apunte", "apuntame", "apuntemos"]

    /// «pedro lleva los materiales», «la Yasna trae el data», «Pedro Soto y la Juana llevan…»: a
    /// clause opening with people the network may not have yet (a known first name, or a word
    /// written with a capital; a surname with a capital after it; «y» between two), each
    /// perhaps after «el»/«la», and then a word that can be a verb in the present: not another
    /// name, nor a word that joins or places («de», «en»…), nor a past doing («visitó»).
    static func opensWithNewcomer(_ clause: String) -> Bool {
        let raw = clause.split(separator: " ").prefix(9).map(String.init)
        let folded = raw.map { TextFold.fold($0).filter(\.isLetter) }
        func isName(_ k: Int) -> Bool {
            !folded[k].isEmpty && !notAVerb.contains(folded[k])
                && (FirstNames.canonical(folded[k]) != nil || raw[k].first.map { $0.isUppercase } == true)
        }
        var i = 0
        while true {
            if i < raw.count, ["el", "la"].contains(folded[i]) { i += 1 }
            guard i < raw.count, isName(i) else { return false }
            i += 1
            // A surname written with a capital.
            if i < raw.count, raw[i].first.map({ $0.isUppercase }) == true, FirstNames.canonical(folded[i]) == nil, !notAVerb.contains(folded[i]) { i += 1 }
            guard i < raw.count, folded[i] == "y" || folded[i] == "e" else { break }
            i += 1
        }
        // A doing told as past («pedro visitó la escuela», «observaron clases») is what happened, no agreement.
        let verb = folded.indices.contains(i) ? folded[i] : ""
        let past = verb.hasSuffix("o") || verb.hasSuffix("aron") || verb.hasSuffix("ieron") || verb == "fue" || verb == "fueron"
        return i + 1 < raw.count && !verb.isEmpty && !notAVerb.contains(verb) && !isName(i) && !past
    }

    /// «acordamos 3 cosas: marta manda el acta el viernes y pedro lleva los cuadernos el lunes»:
    /// a count announced before the first «:» or «.» that is more than the agreements read (two
    /// or more). One empty request per agreement not told, so the batch says so (it said «Anoté
    /// 2 acuerdos» and nothing of the third). Empty when the count is not more, or none is said.
    static func untold(_ text: String, told: Int) -> [String] {
        guard told >= 1, let end = text.firstIndex(where: { $0 == ":" || $0 == "." }) else { return [] }
        let head = Phrase(String(text[..<end])).tokens
        guard head.count <= 10 else { return [] }
        let numbers = ["dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6]
        for (n, noun) in zip(head, head.dropFirst()) where countedNouns.contains(noun) {
            guard let said = numbers[n] ?? Int(n), said > told, said - told <= 3 else { continue }
            return Array(repeating: "", count: said - told)
        }
        return []
    }

    /// Words between the request verb and the first agreement («anota q…», «anota el acuerdo de que…»).
    static let apartLeads: WordSet = ["q", "que", "un", "el", "los", "acuerdo", "acuerdos", "de", "porfa", "y", "estos", "dos", "2"]

    /// «todos leen el documento pal 20»: everyone in the network holds it, as «todos» answers
    /// who is responsible. Only «todos»/«todas» as the subject, right after the request's lead
    /// words («todos los directores…» names a group, read as usual).
    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        // «registrar un acuerdo», «quiero anotar un acuerdo nuevo»: a request that only asks for
        // one (the menu's most common) holds nothing the readings below take (a month, a week, a
        // meeting, who does it or gets it): it is not read by each of them (debug builds do, and check).
        if run.values.isEmpty, Self.onlyBareRequestWords(request) {
            assert(Self.isEmpty(readPrefill(request, flow: flow, run: run, context: context)), "«\(request)» prefills the agreement")
            return Prefill()
        }
        return readPrefill(request, flow: flow, run: run, context: context)
    }

    /// The words of a request that asks for an agreement and says nothing of it: none is a word
    /// the request's readings look for (no article: «el», «los» open who does it, `subjectLeads`).
    static let bareRequestWords: WordSet = ["registrar", "registra", "registremos", "anotar", "anota", "anotemos", "agregar", "agrega",
                                            "ingresar", "guardar", "nuevo", "nueva", "otro", "un", "una", "acuerdo", "compromiso",
                                            "quiero", "quisiera", "necesito", "hola", "oye", "ya", "po", "porfa", "por", "favor", "minga"]

    /// True when `fold(request)` has words and every one is in `bareRequestWords` (`Phrase(request).tokens`
    /// all in it), read on the folded bytes in place: no phrase, no array of words.
    static func onlyBareRequestWords(_ request: String) -> Bool {
        let found = TextFold.withFolded(request) { f -> Bool in
            var start = 0, any = false
            for i in 0...f.count where i == f.count || f[i] == 0x20 {
                defer { start = i + 1 }
                guard i > start else { continue }
                guard bareRequestWords.contains(String(decoding: UnsafeBufferPointer(rebasing: f[start..<i]), as: UTF8.self)) else { return false }
                any = true
            }
            return any
        }
        assert(found == { let t = Phrase(request).tokens; return !t.isEmpty && t.allSatisfy(bareRequestWords.contains) }(),
               "onlyBareRequestWords read «\(request)» otherwise")
        return found
    }

    /// A prefill that sets, says and keeps nothing.
    static func isEmpty(_ p: Prefill) -> Bool {
        p.values.isEmpty && p.echo.isEmpty && !p.replacesEcho && !p.round && p.partials.isEmpty
    }

    /// `prefill`, every reading asked.
    private func readPrefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        // «hay que anotar lo q vimos en la jornada del lunes»: the words naming the agreement's
        // occasion say no deadline (issue 12: the coming Monday was its plazo).
        let reference = DialogEngine.occasionReference(in: request)
        let request = reference?.outside ?? request
        var out = ownPrefill(request, flow: flow, run: run, context: context)
        // «hay que registrar los acuerdos de la reunión de ayer» with that meeting on the calendar:
        // the agreement was taken there (only a meeting pointed at and found).
        if run.values["encuentro"] == nil, out.values["encuentro"] == nil, let said = reference?.said, MeetingMention.points(said),
           let s = context.snapshot, let (m, _) = MeetingMention.find(said, in: s, context: context), let n = m.number {
            let meeting = "\(n) («\(m.title)»)"
            out.values["encuentro"] = .text(meeting)
            out.echo.append("encuentro: \(meeting)")
        }
        // «acordamos 2 cosas. Felipe…»: the count announcing them is not the first one's text.
        // «Rosa, la jefa UTP, manda el informe»: who she is, said between commas, is no part of
        // what was agreed either (issue 12: the role stayed in the text; only a text with a
        // comma byte is read for it).
        if out.values["texto"] == nil, let text = run.values["texto"]?.textValue {
            var kept = Self.withoutCountLead(text) ?? text
            if TextFold.contains(kept, byte: UInt8(ascii: ",")), let shorter = Self.withoutApposition(kept, context: context) { kept = shorter }
            if kept != text {
                out.values["texto"] = .text(kept)
                out.echo.append("acuerdo: \(kept)")
            }
        }
        // «…manda los resultados a la Andrea»: whom it goes to is no responsable.
        if out.values["responsables"] == nil, let kept = Self.withoutRecipients(request, run: run) {
            if kept.isEmpty {
                out.values["responsables"] = .some(nil)
            } else {
                out.values["responsables"] = .list(kept)
                out.echo.append("responsables: \(SlotValue.joinSpanish(kept))")
            }
        }
        return out
    }

    func ownPrefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        var out = Self.monthDeadline(request, run: run, context: context) ?? Self.nextMeetingDeadline(request, run: run, context: context)
            ?? Self.meetingDayDeadline(request, run: run, context: context) ?? Prefill()
        // «el acuerdo nuevo lo hace la profe»: who does it, not what it is.
        if let who = Self.onlyWhoDoesIt(request, text: run.values["texto"]?.textValue, flow: flow, context: context) {
            out.values["texto"] = .some(nil)
            if run.values["responsables"] == nil, !who.isEmpty {
                out.values["responsables"] = .list(who)
                out.echo.append("responsables: \(SlotValue.joinSpanish(who))")
            }
            return out
        }
        // «la utp del industrial manda el informe»: someone said by role and school is the member
        // with that role there (nobody was read, and who holds it was asked).
        if run.values["responsables"] == nil, let text = run.values["texto"]?.textValue, let who = Self.roleAtSchool(text, context: context) {
            out.values["responsables"] = .list([who])
            out.echo.append("responsables: \(who)")
            return out
        }
        // Both readings below open with one of `subjectLeads`: a request with none of them (most)
        // is not made into words again.
        guard run.values["responsables"] == nil, Self.subjectLeads.containsFoldedWord(of: request) else { return out }
        let t = Phrase(request).tokens.drop(while: Self.everyoneLeads.contains)
        if let each = Self.eachOne(t, context: context) {
            out.values["responsables"] = .list(each.members)
            out.echo.append("responsables: " + (each.label.map { "\(SlotValue.joinSpanish(each.members)) (\($0))" } ?? "todos"))
            return out
        }
        if let group = Self.subjectGroup(t, context: context) {
            out.values["responsables"] = .list(group.members)
            out.echo.append("responsables: \(SlotValue.joinSpanish(group.members)) (\(group.label.prefix(1).lowercased() + group.label.dropFirst()))")
            return out
        }
        guard let first = t.first, first == "todos" || first == "todas", t.count >= 3,
              let next = t.dropFirst().first, !["los", "las", "el", "la", "de", "del", "que", "q"].contains(next) else { return out }
        var names = context.snapshot?.members.filter { !$0.isOut }.map(\.name) ?? []
        if let me = context.userName, !names.contains(me) { names.append(me) }
        guard names.count >= 2 else { return out }
        out.values["responsables"] = .list(names)
        out.echo.append("responsables: todos")
        return out
    }

    /// «el acuerdo nuevo lo hace la profe», «el acuerdo lo ve Jorge»: the agreement said as the
    /// object of «lo <verb>» and then only a person: the words left for its text («hace la
    /// profe») say who does it, not what it is (pass 11, fixJ: the text was «hace la profe»).
    /// The people said (read as an answer to «¿Quién es responsable?» reads them), or nil when
    /// the text says more than a verb and a person.
    static func onlyWhoDoesIt(_ request: String, text: String?, flow: FlowDefinition, context: EngineContext) -> [String]? {
        guard let text else { return nil }
        let said = Phrase(request).tokens, t = Phrase(text).tokens
        guard t.count >= 2, let verb = t.first, let at = said.firstIndex(of: verb), at > 0, ["lo", "la", "le"].contains(said[at - 1]),
              said[..<(at - 1)].contains(where: { $0.hasPrefix("acuerd") }) else { return nil }
        let memberWords = Set(context.members.flatMap { Phrase($0).tokens })
        let person = t.dropFirst()
        let personWords: Set<String> = ["la", "el", "los", "las", "y", "e", "profe", "profes", "profesor", "profesora", "tia", "tio", "don", "dona",
                                         "director", "directora", "jefa", "jefe", "utp", "educadora", "dupla", "yo"]
        guard person.allSatisfy({ personWords.contains($0) || memberWords.contains($0) || FirstNames.canonical($0) != nil }),
              person.contains(where: { !["la", "el", "los", "las", "y", "e"].contains($0) }) else { return nil }
        guard let slot = flow.slot(named: "responsables") else { return [] }
        let words = text.split(separator: " ").dropFirst().joined(separator: " ")
        return DialogEngine.people(in: words, slot: slot, context: context) ?? []
    }

    /// «la Ana trae los libros pa marzo», alone or among several agreements: a deadline said as
    /// a month is that month's last day (due by then, as «antes del 30» is due by the 30th); one
    /// said as a week, that week's Friday. The month or week leaves the agreement's text, as a
    /// day does.
    static func monthDeadline(_ request: String, run: FlowRun, context: EngineContext) -> Prefill? {
        // Every request is read here: most name no month (nor «mes», nor a digit) nor a week, and
        // the date reader is not run on them.
        // («semana» is looked for by its bytes first: Foundation's `contains` cost 6.7k
        // instructions a request, and finds it only where «emana» is.)
        guard run.values["plazo"] == nil, WhenCues.mayNameMonth(request) || saysWeek(request),
              let m = TemporalParser.parse(request, context: context.temporal),
              case .dateRange(let a, let b) = m.value, !(b < context.today),
              let range = request.range(of: m.text) else { return nil }
        let month = a.day == 1 && a.month == b.month && a.year == b.year && b.day == LocalDate.daysIn(month: b.month, year: b.year)
        // «pa la otra semana», «para la próxima semana»: that week's Friday, as the answer to
        // «¿Para cuándo?» reads it (pass 9, 01-17: the words stayed in the agreement's text).
        let span = b.dayNumber - a.dayNumber
        let friday = span <= 7 ? (0...span).map({ a.adding(days: $0) }).first(where: { $0.weekday == 5 && !($0 < context.today) }) : nil
        guard month || friday != nil else { return nil }
        // Said as a deadline: «pa/para/hasta/antes de/a fines de marzo», or «en marzo».
        let lead = Phrase(String(request[..<range.lowerBound])).tokens.suffix(3)
        let said = Phrase(m.text).tokens
        // A week said last, with no lead («yo reviso las rúbricas la otra semana»): done that week
        // (new-user pass qa17: the words stayed in the text and the plazo was asked); «el informe
        // de la otra semana» names something.
        let weekLast = !month && Phrase(String(request[range.upperBound...])).tokens.allSatisfy { ["po", "nomas", "altiro", "porfa"].contains($0) }
            && !["de", "del"].contains(lead.last ?? "")
        // «la rosa arma la pauta el próximo mes», «… el mes que viene», «… este mes»: a month
        // counted from now, said with its own article, is when it is due as much as «pal otro
        // mes» is (issue 12: in an acta the words stayed in the agreement's text and the plazo was
        // asked); «el informe del próximo mes» names something.
        let monthAhead = month && said.contains("mes") && ["el", "este"].contains(said.first ?? "") && !["de", "del"].contains(lead.last ?? "")
        guard (said + lead.suffix(1)).contains(where: monthLeads.contains) || lead.suffix(2) == ["antes", "de"] || lead.suffix(2) == ["fines", "de"]
            || weekLast || monthAhead
        else { return nil }
        let due = month ? b : friday!
        var out = Prefill(values: ["plazo": .date(due)],
                          echo: ["plazo: \(SpanishFormat.date(due, today: context.today)) (\(month ? "fin de mes" : "el viernes de esa semana"))"])
        if case .text(let text)? = run.values["texto"], let r = text.range(of: m.text) {
            var before = String(text[..<r.lowerBound]).trimmingCharacters(in: .whitespaces)
            // The lead goes with the month: «… pa marzo», «… a fines de marzo».
            for tail in [" a fines de", " a fin de", " antes de", " para", " pal", " pa", " hasta", " en"]
            where TextFold.fold(before).hasSuffix(tail) { before = String(before.dropLast(tail.count)); break }
            let after = String(text[r.upperBound...]).trimmingCharacters(in: .whitespaces)
            keepText((before + (after.isEmpty ? "" : " " + after)).trimmingCharacters(in: .whitespaces), in: &out)
        }
        return out
    }

    /// The agreement's text once the deadline's words are out of it: kept (and echoed) only
    /// while it still says an action, without closing punctuation or an opening «q».
    private static func keepText(_ text: String, in out: inout Prefill) {
        var trimmed = text
        while let last = trimmed.last, ",.;".contains(last) { trimmed.removeLast() }
        trimmed = withoutShortQue(trimmed) ?? trimmed
        guard Phrase(trimmed).actionCount >= 2 else { return }
        out.values["texto"] = .text(trimmed)
        out.echo.append("acuerdo: \(trimmed)")
    }

    /// `text` without an opening «q» («que» typed short: «q Luis trae las fotos»); nil when it has none.
    static func withoutShortQue(_ text: String) -> String? {
        // Its first letter says it before the split.
        guard let c = text.first(where: { $0 != " " }), "qQkK".contains(c) else { return nil }
        let words = text.split(separator: " ")
        // «que la Rosa manda el acta» (the «que» after «ya po,» at «¿Cuál es el acuerdo?»): whole too.
        guard words.count >= 3, let first = words.first,
              ["q", "k", "ke", "qe"].contains(first.lowercased()) || (words.count >= 4 && first.lowercased() == "que") else { return nil }
        return words.dropFirst().joined(separator: " ")
    }

    /// «Pedro trae semillas para la próxima reunión», «… pal próximo encuentro»: the deadline is the
    /// day of the network's next meeting (as the answer to «¿Para cuándo?» reads it), and those
    /// words leave the agreement's text.
    static func nextMeetingDeadline(_ request: String, run: FlowRun, context: EngineContext) -> Prefill? {
        // «?» by its byte before Foundation's search (~6k instructions), which finds it only there.
        guard run.values["plazo"] == nil, let s = context.snapshot, !(TextFold.contains(request, byte: UInt8(ascii: "?")) && request.contains("?")),
              TextFold.mayContainFolded(request, ["proxim", "siguiente", "viene"]) else { return nil }
        let words = request.split(separator: " ").map(String.init)
        let f = words.map(TextFold.foldedLetters)
        guard let k = f.indices.first(where: { i in
            SharedReadings.nextWords.contains(f[i]) && i + 1 < f.count && (SharedReadings.meetingWords.contains(f[i + 1]) || f[i + 1] == "reu")
        }) else { return nil }
        guard let start = meetingLead(f, before: k, broughtTo: false) else { return nil }
        guard let (meeting, at) = s.nextMeeting(after: context.temporal.localNow) else { return nil }
        var out = Prefill(values: ["plazo": .date(at.date)],
                          echo: ["plazo: \(SpanishFormat.date(at.date, today: context.today)) (la próxima reunión, «\(meeting.title)»)"])
        let said = words[start...(k + 1)].joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: ",.;"))
        if case .text(let text)? = run.values["texto"], let r = text.range(of: said, options: [.caseInsensitive]) {
            keepText((String(text[..<r.lowerBound]) + " " + String(text[r.upperBound...])).split(separator: " ").joined(separator: " "), in: &out)
        }
        return out
    }

    /// Where the words leading to a meeting named at folded word `k` start: «pal», «para la»,
    /// «antes de la», «antes del», «en la» (what is done at the meeting is due that day; «el
    /// informe de en la próxima…» is no such thing). `broughtTo` adds «al», «a la»: something
    /// brought to the meeting. Nil when no such lead is there.
    static func meetingLead(_ f: [String], before k: Int, broughtTo: Bool) -> Int? {
        if k >= 1, f[k - 1] == "pal" || f[k - 1] == "hasta" || (broughtTo && f[k - 1] == "al") { return k - 1 }
        if k >= 2, ["la", "el"].contains(f[k - 1]) {
            if ["para", "pa", "hasta"].contains(f[k - 2]) || (broughtTo && f[k - 2] == "a") { return k - 2 }
            if k >= 3, ["de", "del"].contains(f[k - 2]), f[k - 3] == "antes" { return k - 3 }
        }
        if k >= 2, f[k - 1] == "del", f[k - 2] == "antes" { return k - 2 }
        if k >= 3, ["la", "el"].contains(f[k - 1]), f[k - 2] == "en", !["de", "del"].contains(f[k - 3]) { return k - 2 }
        return nil
    }

    /// «jorge lleva las semillas antes de la reunión del jueves», «… pal consejo del viernes», «…
    /// en la jornada del 3 de diciembre»: a day named through a meeting is that meeting's day. A
    /// weekday alone is the meeting held on that weekday (issue 12: the coming Thursday was
    /// stored, a week before the meeting), or the coming such day when none is; the lead, the
    /// meeting and its day leave the agreement's text.
    static func meetingDayDeadline(_ request: String, run: FlowRun, context: EngineContext) -> Prefill? {
        // Most requests name no meeting: they are not split into words.
        guard let s = context.snapshot, TextFold.mayContainFolded(request, ["reu", "encuentro", "consejo", "junta", "sesion", "jornada"]) else { return nil }
        let words = request.split(separator: " ").map(String.init)
        let f = words.map(TextFold.foldedLetters)
        guard let k = f.indices.first(where: { i in
            (SharedReadings.meetingWords.contains(f[i]) || f[i] == "reu") && i + 2 < f.count && ["del", "de"].contains(f[i + 1])
        }) else { return nil }
        // The same leads as «… pa la próxima reunión», and «(lleva las semillas) a la reunión del
        // jueves»: brought to it, so due that day.
        guard let start = meetingLead(f, before: k, broughtTo: true) else { return nil }
        // The day: the words after the meeting up to a clause break.
        var end = k + 1
        while end + 1 < words.count, !(words[end].last.map { ",;.".contains($0) } ?? false) { end += 1 }
        let tail = words[(k + 1)...end].joined(separator: " ")
        guard let m = TemporalParser.parse(tail, context: context.temporal), case .date(let said) = m.value, !(said < context.today),
              let r = tail.range(of: m.text),
              Phrase(String(tail[..<r.lowerBound])).tokens.allSatisfy({ ["de", "del", "el", "este", "proximo"].contains($0) }) else { return nil }
        // Another day the request said («el lunes, antes de la reunión del jueves») is its plazo.
        if let read = run.values["plazo"]?.dateValue, read != said { return nil }
        // Where the day's words end among the request's words.
        let spoken = Phrase(String(tail[..<r.upperBound])).tokens.count
        var last = k
        var seen = 0
        while last < end, seen < spoken { last += 1; seen += Phrase(words[last]).tokens.count }
        var due = said
        var title: String?
        if SharedReadings.saysWeekdayOnly(m.text) {
            if let (meeting, day) = SharedReadings.meetingOn(weekday: said.weekday, in: s, context: context) { (due, title) = (day, meeting.title) }
        } else if let meeting = s.occurrences(from: said, to: said).first(where: { $0.0.deleted == nil })?.0 {
            title = meeting.title
        }
        // The day the engine already read stays as it is (and said): only the text changes.
        var out = run.values["plazo"]?.dateValue == due ? Prefill() : Prefill(values: ["plazo": .date(due)],
            echo: ["plazo: \(SpanishFormat.date(due, today: context.today))" + (title.map { " (el día de «\($0)»)" } ?? "")])
        if case .text(let text)? = run.values["texto"] {
            // The engine may have taken the day out of the text already: the whole span, or the
            // lead and the meeting left.
            for n in [last, k] {
                let span = words[start...n].joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: ",.;"))
                guard let r = text.range(of: span, options: [.caseInsensitive]) else { continue }
                keepText((String(text[..<r.lowerBound]) + " " + String(text[r.upperBound...])).split(separator: " ").joined(separator: " "), in: &out)
                break
            }
        }
        return out
    }

    /// `request.contains("semana") || request.contains("Semana")`, asked only when the bytes
    /// «emana» are there.
    static func saysWeek(_ request: String) -> Bool {
        let says = TextFold.containsBytes(request, "emana") && (request.contains("semana") || request.contains("Semana"))
        assert(says == (request.contains("semana") || request.contains("Semana")), "saysWeek read «\(request)» otherwise")
        return says
    }

    /// «los directores revisan el plan…», «el equipo UTP arma…»: a group said by role as the
    /// subject is who holds it, when the network has members with that role. Only a plural
    /// article opens it (or «el equipo»), and a verb-like word must follow the group.
    static func subjectGroup(_ tokens: ArraySlice<String>, context: EngineContext) -> (members: [String], label: String)? {
        guard let first = tokens.first, ["los", "las", "el"].contains(first), let s = context.snapshot else { return nil }
        let words = Array(tokens.prefix(4))
        let live = s.members.filter { !$0.isOut }.map { (name: $0.name, role: $0.role) }
        // The longest opening group («el equipo UTP» before «el equipo»), at least one word after it.
        for n in stride(from: min(3, words.count - 2), through: 1, by: -1) {
            let said = words[...n].joined(separator: " ")
            guard first != "el" || words[1] == "equipo", let label = PeopleParser.group(said), PeopleParser.isPlural(label),
                  let found = RoleGroup.members(of: label, among: live), !found.isEmpty else { continue }
            return (found, label)
        }
        return nil
    }

    /// «cada uno lee el documento…», «cada escuela arma…», «cada profe trae…», «todas las
    /// educadoras arman…»: each of the network (label nil) or each member with that role (the
    /// group's label) holds it, as «todos» or «las educadoras» answers who is responsible. Nil
    /// when the words say no such subject, or nobody in the network has that role.
    static func eachOne(_ tokens: ArraySlice<String>, context: EngineContext) -> (members: [String], label: String?)? {
        guard let first = tokens.first, first == "cada" || first == "todos" || first == "todas", tokens.count >= 4,
              let s = context.snapshot else { return nil }
        let rest = tokens.dropFirst()
        // «todos/todas los/las <role>»: the role group, read as «los directores…» is.
        if first != "cada" {
            guard let article = rest.first, ["los", "las"].contains(article) else { return nil }
            return subjectGroup(rest, context: context).map { ($0.members, $0.label.prefix(1).lowercased() + $0.label.dropFirst()) }
        }
        guard let next = rest.first else { return nil }
        let live = s.members.filter { !$0.isOut }.map { (name: $0.name, role: $0.role) }
        func everyone() -> (members: [String], label: String?)? {
            var names = live.map(\.name)
            if let me = context.userName, !names.contains(me) { names.append(me) }
            return names.count >= 2 ? (names, nil) : nil
        }
        if everyoneWords.contains(next) { return everyone() }
        // «cada profe», «cada jefe UTP», «cada profe encargada»: the role's members (everyone,
        // the speaker too, when every member has that role: «cada profe» in a microcentro).
        for n in stride(from: min(2, rest.count - 2), through: 1, by: -1) {
            let said = rest.prefix(n).joined(separator: " ")
            guard let found = RoleGroup.members(of: said, among: live), !found.isEmpty else { continue }
            return found.count == live.count ? everyone() : (found, "cada " + said)
        }
        return nil
    }

    /// «cada uno/una», «cada escuela»: each of the network.
    static let everyoneWords: Set<String> = ["uno", "una", "escuela", "colegio", "liceo", "establecimiento", "jardin", "integrante",
                                             "miembro", "participante"]

    /// The member the request opens with when said by role and school («la utp del industrial…»,
    /// «el director de la escuela Los Aromos…»): the longest opening that names one, nil otherwise.
    static func roleAtSchool(_ request: String, context: EngineContext) -> String? {
        let words = request.split(separator: " ").map(String.init)
        guard let first = words.first, ["el", "la"].contains(Phrase(first).core), words.count >= 4,
              words.prefix(6).contains(where: { ["de", "del"].contains(Phrase($0).core) }), let s = context.snapshot else { return nil }
        for n in stride(from: min(7, words.count - 1), through: 3, by: -1) {
            let piece = words.prefix(n).joined(separator: " ")
            guard !piece.contains(","), let hit = SharedReadings.bySchool(piece, in: s), context.members.contains(hit) else { continue }
            return hit
        }
        return nil
    }

    /// The words `prefill`'s readings open with: a group's article (`subjectGroup`), «todos».
    static let subjectLeads: WordSet = ["los", "las", "el", "todos", "todas", "cada"]

    static let monthLeads: WordSet = ["pa", "para", "pal", "hasta", "en"]

    /// «pa marzo», «a fines de marzo» to «¿Para cuándo?»: read as in the request, the month's
    /// last day, said so the person can correct it. Only when the answer is the month alone.
    static func monthAnswer(_ message: Utterance, context: EngineContext) -> Reading? {
        let t = message.phrase.tokens
        guard t.count <= 6, WhenCues.mayNameMonth(folded: message.phrase.folded), let m = TemporalParser.parse(message.clean, context: context.temporal),
              case .dateRange(let a, let b) = m.value, a.day == 1, a.month == b.month, a.year == b.year,
              b.day == LocalDate.daysIn(month: b.month, year: b.year), !(b < context.today) else { return nil }
        let said = Set(Phrase(m.text).tokens)
        guard t.allSatisfy({ said.contains($0) || monthLeads.contains($0) || monthAnswerFillers.contains($0) }) else { return nil }
        return .fill(["plazo": .date(b)], remark: "Anotado: \(SpanishFormat.date(b, today: context.today)), el último día del mes. Si es otro día, dímelo.")
    }

    static let monthAnswerFillers: WordSet = ["a", "fines", "fin", "de", "del", "antes", "po", "ya", "como", "mes", "el", "durante", "que", "sea", "nomas", "tipo"]

    static let everyoneLeads: Set<String> = ["anota", "anotar", "anote", "registra", "registrar", "agrega", "que", "q", "acordamos",
                                             "quedamos", "en", "decidimos", "y", "ademas"]

    /// «…, asistimos Ximena Rojas y yo nomás.»: the words from «asistimos» (or «vinieron»…) to
    /// the end of their sentence; nil when the words before the agreement say nobody came.
    static func attendance(_ before: String) -> String? {
        let words = before.split(separator: " ").map(String.init)
        guard let i = words.firstIndex(where: { AsistenciaFlow.cameVerbs.contains(Phrase($0).tokens.joined(separator: " ")) }),
              let said = AgreementMention.sentence(of: words, from: i), said.split(separator: " ").count >= 2 else { return nil }
        return said
    }

    /// «Ximena hace el informe» after «asistimos Ximena Rojas y yo»: the first name becomes the
    /// full name said before (only a capitalised first name followed by a capitalised surname).
    static func fullNames(_ text: String, from came: String) -> String {
        let cw = came.split(separator: " ").map { String($0).trimmingCharacters(in: .punctuationCharacters) }
        var out = text.split(separator: " ").map(String.init)
        for (i, w) in out.enumerated() {
            guard let f = w.first, f.isUppercase, let j = cw.firstIndex(of: w), j + 1 < cw.count,
                  let s = cw[j + 1].first, s.isUppercase, i + 1 >= out.count || out[i + 1] != cw[j + 1] else { continue }
            out[i] = w + " " + cw[j + 1]
        }
        return out.joined(separator: " ")
    }

    /// The agreement after «acuerdo:» at the start («otro acuerdo:», «ahora los acuerdos:»,
    /// «acuerdo 2:»).
    static func dictated(_ text: String) -> String? {
        // Read on every message at the menu: most have no colon byte, and are not walked by characters.
        guard TextFold.contains(text, byte: UInt8(ascii: ":")), let colon = text.firstIndex(of: ":") else { return nil }
        var head = Phrase(String(text[..<colon])).tokens[...]
        // «ahora los acuerdos:», «y el otro acuerdo:», «acuerdo 2:»: only words that introduce it.
        while let w = head.first, Self.dictatedLeads.contains(w) { head = head.dropFirst() }
        if let last = head.last, Int(last) != nil || ["1ro", "2do", "3ro"].contains(last) { head = head.dropLast() }
        let rest = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard head.count == 1, let noun = head.first, ["acuerdo", "acuerdos", "compromiso", "compromisos"].contains(noun) else {
            return Self.announcedList(head, rest: rest)
        }
        // «acuerdos: 1 y 3» names agreements by number: nothing dictated.
        return Phrase(rest).stems.filter { $0.first?.isLetter ?? false }.count >= 2 ? rest : nil
    }

    /// «hay que registrar 3 acuerdos: 1) … 2) …», «tenemos tres acuerdos nuevos: a) … b) …»: a
    /// lead that announces several agreements (a request verb, or a count right before the plural
    /// noun) and then a one-line list with markers is dictated as that list (qa20 A9: it was one
    /// agreement with every item's people, and the first item's deadline). Nil otherwise.
    static func announcedList(_ head: ArraySlice<String>, rest: String) -> String? {
        guard head.count <= 12, let i = head.firstIndex(where: { $0 == "acuerdos" || $0 == "compromisos" }) else { return nil }
        let counted = i > head.startIndex && (Int(head[i - 1]).map { $0 >= 2 && $0 <= 20 } ?? Self.countWords.contains(head[i - 1]))
        guard counted || head[..<i].contains(where: requestVerbs.contains) else { return nil }
        guard let items = ListSplitter.split(rest), items.count >= 2 else { return nil }
        return rest
    }

    static let countWords: Set<String> = ["dos", "tres", "cuatro", "cinco", "seis", "varios"]

    /// «acordamos dos cosas más: …», «quedamos en 3 acuerdos: …»: a count of things before the
    /// first colon (read only once an agreed lead was found).
    static func announcesSeveral(_ text: String) -> Bool {
        // («acordamos tres cosas. Luisa…»: a full stop ends the count as a colon does.)
        guard let colon = text.firstIndex(where: { $0 == ":" || $0 == "." }) else { return false }
        let head = Phrase(String(text[..<colon])).tokens
        guard head.count <= 10 else { return false }
        return zip(head, head.dropFirst()).contains { n, noun in
            (countWords.contains(n) || Int(n).map { (2...9).contains($0) } == true)
                && ["cosas", "acuerdos", "compromisos", "puntos", "tareas"].contains(noun)
        }
    }

    /// «acuerdos del encuentro 1: …», «registrar los acuerdos de la reunión de hoy: …»: the words
    /// before the colon (naming the meeting) and the dictated text after it; nil otherwise.
    static func dictatedInMeeting(_ text: String) -> (head: String, rest: String)? {
        guard TextFold.contains(text, byte: UInt8(ascii: ":")), let colon = text.firstIndex(of: ":") else { return nil }
        let before = String(text[..<colon])
        var head = Phrase(before).tokens[...]
        while let w = head.first, Self.dictatedLeads.contains(w) { head = head.dropFirst() }
        guard head.count >= 3, let noun = head.first, ["acuerdos", "compromisos"].contains(noun),
              ["del", "de", "en"].contains(head[head.startIndex + 1]), head.contains(where: MeetingMention.nouns.contains) else { return nil }
        let rest = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return Phrase(rest).stems.filter { $0.first?.isLetter ?? false }.count >= 2 ? (before, rest) : nil
    }

    /// «otro: …», «y otro más: …»: the words after the colon when only «otro» (and leads) come
    /// before it and they say something (two words of content or more); nil otherwise.
    static func anotherDictated(_ text: String) -> String? {
        // Read on every message at the menu after an agreement: a colon byte first.
        guard TextFold.contains(text, byte: UInt8(ascii: ":")), let colon = text.firstIndex(of: ":") else { return nil }
        let head = Phrase(String(text[..<colon])).tokens
        guard !head.isEmpty, head.count <= 4, head.contains(where: { $0 == "otro" || $0 == "otra" }),
              head.allSatisfy({ ["y", "ya", "ahora", "otro", "otra", "mas", "uno", "una", "bueno", "ok", "el"].contains($0) }) else { return nil }
        let rest = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return Phrase(rest).contentCount >= 2 ? rest : nil
    }

    /// «anota: …», «anotá: …», «apunta: …», «registra porfa: …»: only a request verb (and «porfa»,
    /// «minga») before the first colon, and after it a task: a doing with a deadline to come
    /// («…mandan su plan antes del 11 de diciembre»), or a person who does something by a day
    /// (`statedTask`). Meetings, norms and decisions said so are left to their flows. Nil otherwise.
    static func bareRequestTask(_ message: Utterance, context: EngineContext) -> String? {
        // Read on every message at the menu: a colon byte first, then a head of one or two words.
        let text = message.clean
        guard TextFold.contains(text, byte: UInt8(ascii: ":")), let colon = text.firstIndex(of: ":") else { return nil }
        let head = Phrase(String(text[..<colon])).tokens
        guard (1...3).contains(head.count), head.contains(where: bareRequestVerbs.contains),
              head.allSatisfy({ bareRequestVerbs.contains($0) || ["porfa", "minga", "y", "tb", "tambien", "ahora"].contains($0) }) else { return nil }
        var rest = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        while let last = rest.last, ".!".contains(last) { rest.removeLast() }
        let said = Utterance(rest)
        let t = said.phrase.tokens
        guard t.count >= 5, said.phrase.contentCount >= 3, !QuestionForm.asks(said),
              !t.contains(where: { MeetingMention.nouns.contains($0) || EncuentroFlow.gatherVerbs.contains($0)
                  || NormasFlow.normWords.contains($0) || $0 == "decision" || $0 == "decidimos" }) else { return nil }
        if statedTask(said, context: context) != nil { return rest }
        // A deadline lead with a day after it, and a doing before it (a word that is no article).
        guard let lead = t.firstIndex(where: deadlineLeads.contains), lead >= 3,
              let m = TemporalParser.parse(t[lead...].joined(separator: " "), context: context.temporal),
              case .date(let d) = m.value, d >= context.today else { return nil }
        return rest
    }

    static let bareRequestVerbs: WordSet = ["anota", "anote", "anotame", "anotar", "apunta", "apunte", "apuntame", "apuntar",
                                            "registra", "registrar", "registre"]

    /// True when a request verb opens the words before the colon («anota un acuerdo: …»).
    static func requestLed(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        return Phrase(String(text[..<colon])).tokens.contains(where: requestVerbs.contains)
    }

    /// True when the best trigger the message meets is another flow's, or another flow's is as close.
    static func triggersDoubt(_ phrase: Phrase, flow: FlowDefinition, catalog: FlowCatalog) -> Bool {
        let m = catalog.match(phrase)
        guard let best = m.first, best.flow == flow.id else { return true }
        return m.dropFirst().contains { $0.flow != flow.id && best.score - $0.score < 0.08 }
    }

    static let requestVerbs: Set<String> = ["anota", "anotar", "anote", "anotemos", "anotame", "registra", "registrar", "registre",
                                            "registremos", "agrega", "agregar", "agregue", "ingresa", "ingresar", "guarda", "guardar",
                                            "nuevo", "nueva", "pon", "poner"]

    static let dictatedLeads: Set<String> = Set(["ahora", "y", "ya", "bueno", "entonces", "ok", "oye", "el", "los", "la", "las", "un", "otro",
                                             "otra", "mas", "segundo", "tercer", "tercero", "siguiente", "ultimo", "primer",
                                             "primero",
                                             // «anota un acuerdo: …», «quiero registrar un acuerdo: …»: the request
                                             // verb before the noun dictates it all the same.
                                             "quiero", "necesito", "porfa", "minga",
                                             // «anota estos acuerdos: 1. … 2. …», «los siguientes acuerdos:».
                                             "estos", "estas", "este", "esta", "siguientes", "nuevos", "unos", "nuestros"]).union(requestVerbs)

    /// What was agreed: the words after «quedamos en que», «acordamos que», «se acordó que»,
    /// «decidimos que» (or «quedamos en varias cosas:»), with the words before them; nil when
    /// the message has none of them or nothing follows.
    /// `folded`: `TextFold.fold(text)` when the caller has it (a message's `phrase.folded`), so
    /// the letters are not folded again.
    static func agreedClause(_ text: String, folded: String? = nil) -> (before: String, clause: String)? {
        // Read on every message at the menu: a lead said has its words, run together, among the
        // message's letters; most messages have none, and are not split into words.
        // (The letters go to a stack buffer, and each place is compared only with the leads
        // that open with its letter.)
        let said: Bool
        if var f = folded {
            said = f.withUTF8(saysAgreedLead)
        } else {
            said = TextFold.withFolded(text, saysAgreedLead)
        }
        guard said else { return nil }
        return agreedClause(words: text)
    }

    /// True when the folded bytes `b` hold one of `agreedLeads`' letters run together.
    private static func saysAgreedLead(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Swift.max(1, b.count)) { letters -> Bool in
            var n = 0
            for c in b where c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z") {
                letters[n] = c
                n += 1
            }
            for i in 0..<n {
                for lead in agreedLeadsByLetter[Int(letters[i] - UInt8(ascii: "a"))] where n - i >= lead.count {
                    var k = 1
                    while k < lead.count, letters[i + k] == lead[k] { k += 1 }
                    if k == lead.count { return true }
                }
            }
            return false
        }
    }

    /// `agreedClause` once the letters hold a lead: where it opens a word, and what follows.
    private static func agreedClause(words text: String) -> (before: String, clause: String)? {
        var words = text.split(separator: " ").map(String.init)
        // «acordamos q…»: «q» is «que» typed short.
        var folded = words.map { w in TextFold.fold(w).filter(\.isLetter) }.map { $0 == "q" ? "que" : $0 }
        // «acordamos por unanimidad que…», «quedamos entre todos en que…»: how it was agreed is
        // no part of what (issue 12: «unanimidad que…» was the text); the lead reads without it.
        if let (at, n) = manner(folded) {
            words.removeSubrange(at..<(at + n))
            folded.removeSubrange(at..<(at + n))
        }
        for lead in agreedLeads {
            guard let i = folded.indices.first(where: { folded[$0...].starts(with: lead) }), i + lead.count < words.count else { continue }
            var from = i + lead.count
            // «quedamos en varias cosas: que…», «acordamos lo siguiente:»: the list follows the colon.
            if lead.last != "que", lead.last != "a" {
                // «acordamos tres cosas. Luisa…»: a full stop after what is counted opens it too (qa34:
                // one agreement, both people, the first deadline).
                guard let colon = words[i...].prefix(lead.count + 3).firstIndex(where: { w in
                    w.hasSuffix(":") || w.hasSuffix(".") && countedNouns.contains(TextFold.fold(w).filter(\.isLetter)) }) else { continue }
                // «quedamos en unas reglas nuevas: …» lists norms, not agreements (`NormasFlow`).
                // «acordamos: 1) …»: the colon on the lead's own word leaves nothing between them
                // (a closed range there would trap).
                if colon >= i + lead.count, folded[(i + lead.count)...colon].contains(where: NormasFlow.normWords.contains) { return nil }
                // «quedaron varios acuerdos: …» (a meeting told afterwards, qa27 A8: it started a
                // poll): «quedaron» leads only when the words before the colon name the records.
                if lead == ["quedaron"], !(colon >= i + lead.count && folded[(i + lead.count)...colon].contains(where: Self.listedRecordNouns.contains)) { continue }
                from = colon + 1
            }
            guard from < words.count else { return nil }
            var rest = words[from...].joined(separator: " ").trimmingCharacters(in: .whitespaces)
            while let last = rest.last, ".,;!".contains(last) { rest.removeLast() }
            guard Phrase(rest).stems.count >= 2 else { return nil }
            return (words[..<i].joined(separator: " "), rest)
        }
        return nil
    }

    /// Where «por votación», «por unanimidad», «entre todos»… sits right after an agreeing verb
    /// and before its «(en) que», and how many words it takes; nil when nothing says how.
    static func manner(_ folded: [String]) -> (at: Int, count: Int)? {
        guard let v = folded.firstIndex(where: { ["acordamos", "quedamos", "decidimos", "acordo"].contains($0) }) else { return nil }
        let at = v + 1
        for said in mannerWords where folded[at...].starts(with: said) {
            var next = at + said.count
            if next < folded.count, folded[next] == "en" { next += 1 }
            guard next < folded.count, folded[next] == "que" else { continue }
            return (at, said.count)
        }
        // «acordamos en el consejo de profesores que…», «quedamos en la última reunión que…»:
        // where it was agreed is no part of what either (qa34: the text was «el consejo … que …»).
        if at + 2 < folded.count, folded[at] == "en", let k = folded[(at + 2)...].prefix(7).firstIndex(of: "que"),
           folded[at..<k].contains(where: DecisionFlow.decidingPlaces.contains) {
            return (at, k - at)
        }
        return nil
    }

    /// How something was agreed, said between the verb and its «que».
    static let mannerWords: [[String]] = [["por", "votacion", "unanime"], ["por", "votacion"], ["por", "unanimidad"], ["por", "consenso"],
                                          ["por", "mayoria"], ["a", "mano", "alzada"], ["de", "comun", "acuerdo"], ["entre", "todos"],
                                          ["entre", "todas"], ["todos", "juntos"], ["todos"], ["todas"]]

    /// Whether the message says how it was agreed between the verb and its «que» (`manner`).
    static func saysManner(_ text: String) -> Bool {
        manner(text.split(separator: " ").map { w in TextFold.fold(String(w)).filter(\.isLetter) }.map { $0 == "q" ? "que" : $0 }) != nil
    }

    static let agreedLeads: [[String]] = [["quedamos", "en", "que"], ["quedamos", "que"], ["acordamos", "que"], ["se", "acordo", "que"],
                                          ["decidimos", "que"], ["nos", "comprometimos", "a"],
                                          ["quedamos", "en"], ["acordamos"], ["se", "acordaron"], ["decidimos"], ["tomamos"], ["quedaron"]]
    /// The nouns that make «quedaron …:» announce agreements.
    static let listedRecordNouns: Set<String> = ["acuerdos", "compromisos", "tareas"]
    /// The leads' letters run together, «que» as its short «q» (a prefix of both spellings).
    static let agreedLeadLetters: [[UInt8]] = agreedLeads.map { Array($0.map { $0 == "que" ? "q" : $0 }.joined().utf8) }
    /// `agreedLeadLetters` by their first letter (a–z), in the same order.
    static let agreedLeadsByLetter: [[[UInt8]]] = (UInt8(ascii: "a")...UInt8(ascii: "z")).map { c in agreedLeadLetters.filter { $0[0] == c } }

    /// Several agreements in one clause: «que Berta manda las planillas…, y que yo consigo la
    /// sala…», «… y además …», «a) … b) …», «…; …». One item when the clause says one thing. A name in brackets
    /// after «yo» («yo (Ana) consigo») is the speaker's, already said by «yo».
    /// `announced`: the lead announced several («acordamos dos cosas más: …»), so a first name
    /// typed without its capital opens one too (`personLed`).
    static func items(_ clause: String, user: String?, people: [String] = [], announced: Bool = false) -> [String] {
        var parts = ListSplitter.split(clause) ?? []
        if parts.isEmpty {
            // «…, y que yo consigo…», «…, y además Pedro trae…»: each opens another agreement.
            parts = AndThatSplit.parts(clause)
        }
        // «juan arma el banco para marzo y rosa habla con los apoderados», «elena hace el
        // calendario…, mario consigue el bus… y yo mando el acta»: each clause opened by a person
        // of the network (or «yo») who then does something is an agreement of its own.
        // In a network with no members yet, a capitalised first name opens one too when every
        // part says its own when («acuerdos: Ximena coordina la feria del 10 de diciembre y Tomas
        // consigue el gimnasio antes del 5»; pass 13, qa22: one agreement, both people, the first date).
        // «…, yo armo el calendario pal 18 y todos suben fotos antes del 15»: a part a person
        // opened may still hold another doing with a when of its own (qa39: the last two were
        // one agreement, its plazo the second one's).
        if parts.count == 1, let own = personLed(parts[0], people: people, lowercaseNames: announced),
           !people.isEmpty || own.allSatisfy({ Phrase($0).tokens.contains(where: saysWhen) }) { parts = own.flatMap { datedParts($0) ?? [$0] } }
        // «acordamos 2 cosas: teresa manda la pauta el 20 de mayo y el calendario lo arman mario y
        // berta pal 10 de junio»: announced as several, each with a when of its own, they are cut
        // where one when has been said and another doing with its own when follows (issue 12:
        // never merged silently when the count said there were more).
        if parts.count == 1, announced, let dated = datedParts(parts[0]) { parts = dated }
        if parts.count > 1, let shared = sharedWhen(parts) { parts = shared }
        let cleaned = parts.map { part -> String in
            var words = part.split(separator: " ").map(String.init)
            if let f = words.first, ["que", "q"].contains(TextFold.fold(f)) { words.removeFirst() }
            // «yo (Ana)»: the bracket names who «yo» is.
            words.removeAll { w in w.hasPrefix("(") && w.hasSuffix(")") && user.map { u in
                TextFold.fold(u).split(separator: " ").contains(Substring(TextFold.fold(String(w.dropFirst().dropLast())))) } ?? false }
            var text = words.joined(separator: " ").trimmingCharacters(in: .whitespaces)
            while let last = text.last, ".,;!".contains(last) { text.removeLast() }
            return text
        }.filter { Phrase($0).stems.count >= 2 }
        guard cleaned.count > 1 else { return [clause] }
        // «…la Rosa prepara la pauta…, y que ella la aplica…»: «ella» is the one member the
        // agreement before names (the responsable was asked). «…y la pauta la revisa con
        // berta»: its doer is the one the agreement before opens with (`withImpliedSubject`).
        return cleaned.indices.map { i in
            i == 0 ? cleaned[0] : withImpliedSubject(cleaned[i], before: cleaned[i - 1], people: people)
                ?? SaidBefore.pronounResolved(cleaned[i], before: cleaned[i - 1], members: people + (user.map { [$0] } ?? []))
        }
    }

    /// «…y el calendario lo arman mario y berta, todo pal 10 de junio»: a when said after the last
    /// one, for «todo» («ambos», «las dos»), is each one's deadline (issue 12: «berta, todo» was an
    /// agreement, and the first one had none). `parts` with the when said in each; nil when the
    /// last part ends with none.
    static func sharedWhen(_ parts: [String]) -> [String]? {
        guard let last = parts.last else { return nil }
        let words = last.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0).filter { $0.isLetter || $0.isNumber } }
        for t in words.indices.dropFirst() where words[t - 1].hasSuffix(",") {
            var k = t
            if ["todo", "ambos", "ambas"].contains(folded[k]) {
                k += 1
            } else if ["las", "los"].contains(folded[k]), k + 1 < words.count, ["dos", "2"].contains(folded[k + 1]) {
                k += 2
            } else { continue }
            if k < words.count, ["cosas", "acuerdos"].contains(folded[k]) { k += 1 }
            // Only a when right after it: «, todo lo que falta para el viernes» says more than when.
            let when = words[k...]
            guard !when.isEmpty, when.count <= 7, whenLeads.contains(folded[k]) || saysWhen(folded[k]),
                  folded[k...].contains(where: saysWhen) else { return nil }
            var head = words[..<t].joined(separator: " ")
            while let c = head.last, ",; ".contains(c) { head.removeLast() }
            let said = when.joined(separator: " ")
            return (parts.dropLast() + [head]).map { part in
                var p = part.trimmingCharacters(in: .whitespaces)
                while let c = p.last, ",;".contains(c) { p.removeLast() }
                return p + " " + said
            }
        }
        return nil
    }

    /// Words that open a when after «todo» («pal 10», «para el viernes», «antes del 5»).
    static let whenLeads: Set<String> = ["pal", "pa", "para", "el", "antes", "hasta", "este", "esta", "la", "a", "al", "en"]

    /// `clause` cut at each «y» (or comma) where the words so far say a when («el 20 de mayo») and
    /// those after it say another doing with a when of its own; nil when it is not cut.
    static func datedParts(_ clause: String) -> [String]? {
        let words = clause.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0).filter { $0.isLetter || $0.isNumber } }
        func says(_ r: Range<Int>) -> (when: Bool, doing: Int) {
            var when = false, doing = 0
            for i in r {
                if saysWhen(folded[i]) { when = true } else if folded[i].count >= 4, !notAVerb.contains(folded[i]) { doing += 1 }
            }
            return (when, doing)
        }
        var parts: [String] = []
        var start = 0
        for i in words.indices where i > start {
            let cutY = ["y", "e"].contains(folded[i])
            guard cutY || words[i - 1].hasSuffix(",") else { continue }
            let end = cutY ? i : i - 1
            let rest = (cutY ? i + 1 : i)..<words.count
            let before = says(start..<(cutY ? i : i)), after = says(rest)
            // «…, plazo 26 de febrero, evidencia el programa»: a field said after its label is no doing.
            guard end > start, before.when, before.doing >= 2, after.when, after.doing >= 2,
                  !["plazo", "evidencia", "responsable", "responsables", "fecha"].contains(folded[rest.lowerBound]) else { continue }
            parts.append(words[start..<(cutY ? i : i)].joined(separator: " "))
            start = cutY ? i + 1 : i
        }
        guard !parts.isEmpty else { return nil }
        parts.append(words[start...].joined(separator: " "))
        return parts
    }

    /// The clause cut before each person who opens a new doing: after a comma or «y», a known
    /// first name (or «yo») followed by a word that is not an article or preposition («…con Rosa y
    /// Pedro el lunes» stays one), once the clause so far says something (3 words). The clause
    /// itself must open with a person too, so a list of people inside one task is not cut.
    /// Nil when it is not cut.
    /// `lowercaseNames`: a known first name opens one even typed without its capital (only when
    /// the lead announced several: «dos cosas más: marisol trae… y yo reviso…»).
    /// A group opening the first one («cada profe trae…, y marisol averigua…») cuts only where
    /// each part says its own when, or where a member of the network opens the part.
    static func personLed(_ clause: String, people: [String], lowercaseNames: Bool = false) -> [String]? {
        let words = clause.split(separator: " ").map(String.init)
        guard words.count >= 6 else { return nil }
        let firstNames = Set(people.compactMap { $0.split(separator: " ").first.map { TextFold.fold(String($0)) } }).union(["yo"])
        let folded = words.map { w in TextFold.fold(w).filter(\.isLetter) }
        // Someone not in the network yet counts when written as a name: a known first name with
        // its capital («… y Monica Rivas aplica la encuesta»).
        func person(_ i: Int) -> Bool {
            firstNames.contains(folded[i]) || (lowercaseNames || words[i].first?.isUppercase == true) && FirstNames.canonical(folded[i]) != nil
        }
        // «el Hernan la aplica…», «Pedro los reparte…»: an object pronoun before the doing is no
        // article (issue 12: «…pal 2 y el Hernan la aplica… pal 4» stayed one agreement).
        func doing(_ j: Int) -> Bool {
            guard j < words.count, !folded[j].isEmpty else { return false }
            if !notAVerb.contains(folded[j]) { return true }
            return objectPronouns.contains(folded[j]) && j + 1 < words.count && saysVerb(folded[j + 1]) && !firstNames.contains(folded[j + 1])
        }
        // «…mario y berta, todo pal 10 de junio»: a name closed by a comma ends what is said of
        // who; the word after it is no doing of hers (issue 12: «berta, todo» was an agreement).
        func named(_ i: Int) -> Bool {
            i + 1 < words.count && person(i) && !words[i].hasSuffix(",") && (doing(i + 1) && !firstNames.contains(folded[i + 1]) || paired(i))
        }
        // «mario con berta arman…», «el mario y la berta arman…»: two people, joined by «con» or
        // «y», before one doing open it as one does (issue 12: «…el 20 de mayo y mario con berta
        // arman… pal 10 de junio» stayed one agreement, everyone's and with one deadline).
        func paired(_ i: Int) -> Bool {
            guard i + 3 < words.count, ["con", "y", "e"].contains(folded[i + 1]) else { return false }
            var k = i + 2
            if ["la", "el"].contains(folded[k]) { k += 1 }
            return k + 1 < words.count && person(k) && !words[k].hasSuffix(",") && doing(k + 1) && !firstNames.contains(folded[k + 1])
        }
        // «…y el calendario lo arman mario y berta», «…, la pauta la revisa la Ana»: what is done
        // named first, then its pronoun, the doing and who does it opens an agreement as a person
        // does (issue 12: it stayed in the first one's text). The person after the doing is what
        // tells it from «y la sala la dejamos lista».
        func objectFirst(_ i: Int) -> Bool {
            guard ["el", "la", "los", "las"].contains(folded[i]), i + 3 < words.count, !notAVerb.contains(folded[i + 1]),
                  !person(i + 1) else { return false }
            for j in (i + 2)..<min(i + 6, words.count) {
                if words[j - 1].hasSuffix(",") || ["y", "e"].contains(folded[j]) { return false }
                guard objectPronouns.contains(folded[j]), j + 2 < words.count, saysVerb(folded[j + 1]) else { continue }
                var k = j + 2
                // «…y la pauta la revisa con berta»: the doing «con» someone, its doer the one who
                // opened the sentence (`withImpliedSubject` names him in its text).
                if folded[k] == "con", k + 1 < words.count {
                    k += 1
                    if ["la", "el"].contains(folded[k]), k + 1 < words.count { k += 1 }
                    return person(k)
                }
                if ["la", "el"].contains(folded[k]), k + 1 < words.count { k += 1 }
                return person(k)
            }
            return false
        }
        // «la tía Ely consigue…», «el profe Iturra trae…»: a title before a name (anyone's, in
        // the network or not) and then a word that can be the doing (qa18 A3: «…pal lunes y la tia
        // ely consigue el bus…» was one agreement, with the later deadline for both).
        func titled(_ i: Int) -> Bool {
            i + 2 < words.count && titles.contains(folded[i]) && !folded[i + 1].isEmpty && !notAVerb.contains(folded[i + 1])
                && !titles.contains(folded[i + 1]) && doing(i + 2)
        }
        // «la Ana trae…», «el Juan hace…»: the article Chileans put before a first name.
        // «la Pati manda…»: after that article, a capitalised word (not an acronym nor a school)
        // is a name even when it is no known first name (a nickname; qa17: the list stayed one).
        func nicknamed(_ i: Int) -> Bool {
            ["la", "el"].contains(folded[i]) && i + 2 < words.count && words[i + 1].first?.isUppercase == true
                && words[i + 1] != words[i + 1].uppercased() && folded[i + 1].count >= 3
                && !EditarEncuentroFlow.institutions.contains(folded[i + 1])
                && doing(i + 2) && !firstNames.contains(folded[i + 2])
        }
        func opens(_ i: Int) -> Bool {
            named(i) || (["la", "el"].contains(folded[i]) && folded[i] != "yo" && i + 1 < words.count && folded[i + 1] != "yo"
                && (named(i + 1) || titled(i + 1)))
                || nicknamed(i) || (i > start && objectFirst(i))
        }
        var start = 0
        if ["que", "q"].contains(folded[0]) { start = 1 }
        // «cada profe manda su plan…, y la Ana consigue…»: everyone opens the first one (then each
        // part needs its own when: «…, y yo me encargo de revisar que estén» is how that one is checked).
        let groupLed = !opens(start) && ["cada", "todos", "todas"].contains(folded[start])
        guard opens(start) || groupLed else { return nil }
        var parts: [String] = []
        var current: [String] = []
        // Whether each part opens with a member of the network (by first name, not «yo»).
        var memberOpened: [Bool] = [false]
        let members = firstNames.subtracting(["yo"])
        for i in words.indices {
            let afterComma = i > 0 && words[i - 1].hasSuffix(",")
            var afterY = i > 1 && ["y", "e"].contains(folded[i - 1])
            // «…el 20 de mayo, además mario y berta arman…»: «además» after a comma opens the next
            // one as «y además» does (it stayed in the first one's text, with the second's people).
            let afterAdemas = i > 1 && folded[i - 1] == "ademas" && (words[i - 2].hasSuffix(",") || ["y", "e"].contains(folded[i - 2]))
            if afterAdemas { afterY = true }
            if i > start, afterComma || afterY, opens(i), current.count >= (afterY ? 4 : 3),
               !onlyPeople(words[(i - current.count)..<(afterY ? i - 1 : i)], folded: folded[(i - current.count)..<(afterY ? i - 1 : i)],
                           people: people) {
                if afterY { current.removeLast() }
                if afterAdemas, let y = current.last.map({ TextFold.fold($0) }), ["y", "e"].contains(y) { current.removeLast() }
                parts.append(current.joined(separator: " "))
                current = []
                memberOpened.append(members.contains(folded[i])
                    || ["la", "el"].contains(folded[i]) && i + 1 < words.count && members.contains(folded[i + 1]))
            }
            current.append(words[i])
        }
        parts.append(current.joined(separator: " "))
        if groupLed, !parts.indices.allSatisfy({ Phrase(parts[$0]).tokens.contains(where: saysWhen) || $0 > 0 && memberOpened[$0] }) { return nil }
        return parts.count > 1 ? parts : nil
    }

    /// True when a part says only who («la Rosa Huenchuman», «el profe Iturra, la Ana»): articles,
    /// titles, names of people (known, or written with a capital) and nothing they do. «la Rosa
    /// Huenchuman y el Hernan traen las pruebas…» (qa27 A4) is then ONE agreement with two
    /// responsables: two people joined by «y» before one verb, not two agreements.
    static func onlyPeople(_ words: ArraySlice<String>, folded: ArraySlice<String>, people: [String]) -> Bool {
        guard !words.isEmpty else { return false }
        var nameWords: Set<String> = ["yo"]
        for p in people { for w in p.split(separator: " ") { nameWords.insert(TextFold.fold(String(w))) } }
        // «la Rosa Huenchuman, profesora de la escuela Lolocura, y el Pedro…»: a role and a school
        // between commas after a name say who she is (issue 12: it was an agreement of its own).
        // Only «, <role> de …,»: «la Ana, profe Iturra y…» names two people.
        let ws = Array(words), fs = Array(folded)
        var inApposition = false
        for (n, (w, f)) in zip(ws, fs).enumerated() {
            if inApposition {
                if w.hasSuffix(",") { inApposition = false }
                continue
            }
            if n > 0, ws[n - 1].hasSuffix(","), titles.contains(f) || roleWords.contains(f), !w.hasSuffix(","),
               n + 1 < fs.count, ["de", "del"].contains(fs[n + 1]) { inApposition = true; continue }
            guard f.isEmpty || ["la", "el", "y", "e", "que", "q"].contains(f) || titles.contains(f) || nameWords.contains(f)
                || w.first?.isUppercase == true || FirstNames.canonical(f) != nil else { return false }
        }
        return !inApposition
    }

    /// `text` without the role said between commas of the person it opens with: «Rosa, la jefa
    /// UTP, manda el informe» is «Rosa manda el informe»; «Rosa Huenchuman, profesora de la
    /// escuela Lolocura, y el Pedro mandan…» (one agreement, as `personLed` reads it when the
    /// role says where) keeps both people. Nil when the text opens otherwise: a person who is
    /// no member, a part that names someone or does not open with a role, or no doing after it.
    static func withoutApposition(_ text: String, context: EngineContext) -> String? {
        let parts = text.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        let people = context.members + (context.userName.map { [$0] } ?? [])
        var person = Phrase(String(parts[0])).tokens[...]
        if person.first == "la" || person.first == "el" { person = person.dropFirst() }
        guard let first = person.first, person.count <= 4,
              people.contains(where: { m in let own = Phrase(m).tokens; return own.first == first && person.dropFirst().allSatisfy(own.contains) })
        else { return nil }
        var role = Phrase(String(parts[1])).tokens[...]
        if let a = role.first, ["la", "el", "nuestra", "nuestro", "su"].contains(a) { role = role.dropFirst() }
        let names = Set(people.compactMap { Phrase($0).tokens.first })
        guard let head = role.first, role.count <= 7, titles.contains(head) || roleWords.contains(head) || appositionRoles.contains(head),
              !role.contains(where: names.contains) else { return nil }
        let rest = Phrase(String(parts[2])).tokens
        guard let next = rest.first else { return nil }
        if next == "y" || next == "e" {
            guard role.contains("de") || role.contains("del") else { return nil }
        } else {
            guard saysVerb(next) || (rest.count >= 2 && ["se", "le", "lo", "la", "los", "las"].contains(next) && saysVerb(rest[1])) else { return nil }
        }
        return parts[0].trimmingCharacters(in: .whitespaces) + " " + parts[2].trimmingCharacters(in: .whitespaces)
    }

    /// Roles that open a person's description between commas, beside `titles` and `roleWords`.
    static let appositionRoles: Set<String> = ["utp", "supervisora", "supervisor", "psicologa", "psicologo", "fonoaudiologa",
                                               "dupla", "sostenedora", "sostenedor", "subdirectora", "subdirector", "educadora",
                                               "profesora", "profesor", "profe", "directora", "director", "encargada", "encargado"]

    /// Roles said of a person between commas, beside `titles` («jefa de UTP», «encargada de…»).
    static let roleWords: Set<String> = ["jefa", "jefe", "encargada", "encargado", "coordinadora", "coordinador", "inspectora",
                                         "inspector", "apoderada", "apoderado", "asistente", "orientadora", "orientador", "docente"]

    /// Object pronouns that may stand between who does it and the doing («el Hernan la aplica»).
    static let objectPronouns: Set<String> = ["la", "las", "los", "lo"]

    /// A word after an object pronoun that reads as a verb said of one or more people
    /// («aplica», «revisan», «hace»): a present ending, and not a word that follows «la» or
    /// «los» as an article («la próxima semana», «los lunes», «la otra»).
    static func saysVerb(_ w: String) -> Bool {
        guard w.count >= 4, w.allSatisfy(\.isLetter), !whenWords.contains(w), !notAVerb.contains(w), !articleFollowers.contains(w) else { return false }
        return w.hasSuffix("a") || w.hasSuffix("e") || w.hasSuffix("an") || w.hasSuffix("en")
    }

    /// Words that follow «la»/«las»/«los» as an article and end like a verb.
    static let articleFollowers: Set<String> = ["proxima", "otra", "misma", "primera", "segunda", "tercera", "cuarta", "ultima",
                                                "siguiente", "tarde", "noche", "clase", "clases", "reunion", "pauta", "sala", "escuela",
                                                "carpeta", "planilla", "encuesta", "prueba", "agenda", "tabla", "lista", "ficha", "red",
                                                "semana", "mananas", "tardes", "noches", "jornada", "actividad", "feria", "muestra"]

    /// Words said before a person's name («la tía Ely», «el profe Iturra», «la señora Gladys»).
    static let titles: WordSet = ["tia", "tio", "profe", "profesora", "profesor", "senora", "sra", "senor", "sr", "don", "dona",
                                  "directora", "director", "educadora", "educador", "miss", "mister", "colega"]

    /// A word that says when: a number, a month, a weekday.
    static func saysWhen(_ w: String) -> Bool {
        Int(w) != nil || whenWords.contains(w)
    }

    static let whenWords: WordSet = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre",
                                     "octubre", "noviembre", "diciembre", "lunes", "martes", "miercoles", "jueves", "viernes", "sabado",
                                     "domingo", "manana", "semana"]

    /// Words that cannot follow the person who opens an agreement: he or she is then named
    /// inside another one («…con Rosa y Pedro el lunes»).
    static let notAVerb: Set<String> = ["el", "la", "los", "las", "de", "del", "en", "para", "pal", "y", "e", "con", "a", "al",
                                        "que", "q", "o", "por", "un", "una"]

    // The Mineduc guidance sheet warns against isolated tasks: when one person holds an
    // agreement alone, Minga says so once (with the responsables' answer) and goes on; «se suma
    // Luis» or «no, lo hace ella sola» at any later question answers it. It is never a question
    // of its own (dialogs/acuerdo.yaml), so the conversation does not stop for it.

    /// The one person an agreement would rest on, when it is one person (not a group) and
    /// nobody has joined or been declined yet.
    static func alone(_ values: SlotValues) -> String? {
        guard values["se_suman"] == nil, let responsables = values["responsables"] else { return nil }
        return alone(responsables)
    }

    /// The one person of `responsables`, when it names one (not a group).
    static func alone(_ responsables: SlotValue) -> String? {
        guard let people = responsables.listValue, people.count == 1, !PeopleParser.isGroup(people[0]) else { return nil }
        return people[0]
    }

    /// «se suma Luis», «también la Marta», «Luis Soto» (to a date question), «no, lo hace ella
    /// sola», «nadie más»: the answer to the remark, read while another question is pending.
    /// «no, es solo la Rosa Quezada, la directora» at a later question, with two or more
    /// responsables: a correction of who holds it (those of them named), never that question's
    /// answer (it was stored as the evidence; pass 9, 14-3). The question is asked again.
    /// «la Marta también trae las fotos», «ella lleva el data» to «¿Qué evidencia…?»: who does
    /// it (a member by first name, or «ella»/«él»), then a verb and an object the draft's text
    /// does not say: a task of its own, another agreement, told as it will be registered
    /// (issue 12: named, Marta was added to this one as someone joining; a pronoun with no
    /// earlier agreement was stored as the evidence). «ella» is the one person of this draft it
    /// fits; with none or several it stays as said, and who does it is asked then. «la Marta
    /// también lleva los cuadernos» (this one's own task) is someone joining, read after this.
    static func otherTask(_ message: Utterance, run: FlowRun, context: EngineContext) -> String? {
        let t = message.phrase.tokens
        // Cheap gate: a short clause, not a question, with a verb-like word among its first ones.
        guard t.count >= 3, t.count <= 14, !message.questionMarked, t.prefix(6).contains(where: saysVerb) else { return nil }
        // Split on the space byte: a split by characters cost ~9.6k instructions here, on most
        // evidence answers (the gate above lets most through).
        let words = message.clean.utf8.split(separator: UInt8(ascii: " ")).map { String(Substring($0)) }
        guard words.count == t.count else { return nil }
        var i = 0
        while i < t.count, ["y", "ya", "ah", "oye", "ademas", "tambien", "tb"].contains(t[i]) { i += 1 }
        var start = i
        var who: String?
        if i < t.count, t[i] == "ella" || words[i].lowercased() == "él" || (t[i] == "el" && i + 1 < t.count && SaidBefore.afterHe.contains(t[i + 1])) {
            let she = t[i] == "ella"
            let own = (run.values["responsables"]?.listValue ?? []) + (run.values["se_suman"]?.listValue ?? [])
            let fits = own.filter { name in
                guard name != context.userName, !PeopleParser.isGroup(name), let first = Phrase(name).tokens.first else { return false }
                return she ? !first.hasSuffix("o") : !first.hasSuffix("a")
            }
            who = fits.count == 1 ? fits[0] : ""
            i += 1
        } else {
            // («la Marta…» is told as «Marta…», as the agreement's text reads it.)
            if i < t.count, t[i] == "la" || t[i] == "el" { i += 1; start = i }
            guard i < t.count else { return nil }
            let people = context.members + (context.userName.map { [$0] } ?? [])
            // Each name's first word, folded in place: a `Phrase` per member cost ~2k
            // instructions on every evidence answer that got this far.
            let named = people.filter { Phrase.firstToken(of: $0, is: t[i]) }
            assert(named == people.filter { Phrase($0).tokens.first == t[i] }, "Phrase.firstToken reads «\(t[i])» otherwise")
            guard !named.isEmpty else { return nil }
            i += 1
            // «la Marta Soto también…»: her surname too.
            while i < t.count, named.contains(where: { Phrase($0).tokens.dropFirst().contains(t[i]) }) { i += 1 }
        }
        var j = i
        while j < t.count, ["tambien", "tb", "igual", "ademas"].contains(t[j]) { j += 1 }
        // «la rosa revisa que estén»: a clause after the verb says how this one is checked, not
        // a thing of its own.
        guard j + 1 < t.count, saysVerb(t[j]), !["que", "q", "si", "como", "cuando", "donde"].contains(t[j + 1]) else { return nil }
        // Its object: words of content the draft's text does not have. One shared says this
        // draft's task again (someone joining it) or how it shows («Marta entrega el informe
        // firmado» to «Marta manda el informe»): left to the readings below.
        let own = Set(Phrase(run.values["texto"]?.textValue ?? "").stems.filter { $0.count >= 4 })
        let object = Phrase(t[(j + 1)...].joined(separator: " ")).stems.filter { $0.count >= 4 }
        guard !object.isEmpty, !object.contains(where: own.contains) else { return nil }
        var out = Array(words[start...])
        if let who, !who.isEmpty { out[0] = who }
        return out.joined(separator: " ")
    }

    static func onlySome(_ message: Utterance, run: FlowRun) -> Reading? {
        let t = message.phrase.tokens
        guard t.first == "no", t.contains("solo"), t.count <= 14, let owners = run.values["responsables"]?.listValue, owners.count >= 2 else { return nil }
        let said = message.clean.split(whereSeparator: { ",;.".contains($0) }).map(String.init)
        let kept = owners.filter { o in said.contains { clause in Phrase(clause).tokens.contains("solo") && PersonMatcher.match(clause.replacingOccurrences(of: "solo", with: " "), among: [o]) == o
            || Phrase(clause).tokens.joined(separator: " ").contains(Phrase(o).tokens.joined(separator: " ")) } }
        guard !kept.isEmpty, kept.count < owners.count else { return nil }
        return .fill(["responsables": .list(kept)], remark: "Corregido: queda a cargo de \(SlotValue.joinSpanish(kept)).")
    }

    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        if let split = Self.split(message, run: run, context: context) { return split }
        if let merged = Self.merged(message, run: run, today: context.today) { return merged }
        if slot.name == "texto" { return Self.wholeAgreement(message, run: run, context: context) }
        if slot.name == "evidencia", let again = Self.agreementAgain(message.clean, folded: message.phrase.folded, run: run) { return again }
        // «ella también trae las fotos» to the evidence question of the draft begun right after
        // Marta's agreement was saved: «ella» is Marta, and the clause is another agreement, told
        // once this one is saved (it was stored as this one's evidence, unsaid).
        if slot.name == "evidencia", let named = SaidBefore.pronounAfterSave(message, context: context, saved: context.snapshot?.agreements.last?.id),
           Phrase(named.clause).tokens.count >= 3 {
            return .fillThen([:], remark: "Eso es otro acuerdo: «\(named.clause)». Lo anotamos apenas guardemos este.",
                             then: [FollowingRequest(flow: run.flowID, request: named.clause, values: [:])])
        }
        if slot.name == "evidencia", let task = Self.otherTask(message, run: run, context: context) {
            return .fillThen([:], remark: "Eso es otro acuerdo: «\(task)». Lo anotamos apenas guardemos este.",
                             then: [FollowingRequest(flow: run.flowID, request: task, values: [:])])
        }
        if slot.name == "plazo", let month = Self.monthAnswer(message, context: context) { return month }
        guard slot.name != "responsables" else { return nil }
        if let only = Self.onlySome(message, run: run) { return only }
        let t = message.phrase.tokens
        guard !t.isEmpty, t.count <= 10 else { return nil }
        // A bare «no» right after «si alguien se suma, dime su nombre» answers that remark.
        let saysAlone = t.contains(where: Self.lone.contains) || (t.contains("solo") && (t.first == "no" || t.contains("hace")))
            || (t.first == "no" && t.contains("mas") && t.count <= 3) || (t == ["no"] && slot.type != .date)
            // «seguimos igual», the remark's own words for «nobody joins» (they were stored as the evidence).
            || (t.count <= 5 && t.contains("igual") && (t.count == 1 || t.contains(where: Self.keepWords.contains)))
        let marked = t.contains(where: Self.joinWords.contains)
        // The words come first: most answers say neither, and who holds the agreement need not be read.
        // A bare answer to a date question is read as someone joining only when it says no day:
        // a digit, a month or a weekday («el 15 de diciembre», «el próximo viernes») is the date
        // itself, and no member's name (first names such as «Abril» are not taken as months).
        guard saysAlone || marked || (slot.type == .date && !WhenCues.saysDay(folded: message.phrase.folded)),
              let who = Self.alone(run.values) else { return nil }
        if saysAlone {
            // Stored as an empty answer: nobody joins, and the review shows no «Se suman» line
            // (it showed «Se suman: nadie más», an addition of nobody).
            return .fill(["se_suman": .text("")], remark: who == context.userName ? "Bueno, queda a tu cargo." : "Bueno, queda a cargo de \(who).")
        }
        // Split before the marker words go: «a Rosa Muñoz y a Pedro Lagos» is two people, and
        // without its «y» it would read as one.
        // «agrega a la Rosa como responsable»: what follows «como» says her part, never her name.
        let parts = PeopleParser.split(message.clean).map { part in
            var words = TextFold.spaceSeparated(part).prefix { TextFold.fold(String($0)) != "como" }
            // «es con Teresa tb»: the «es» before «con» is nobody's name («el responsable es
            // Elena también» still names the field, read by the review).
            if words.count >= 3, TextFold.fold(String(words[words.startIndex])) == "es",
               TextFold.fold(String(words[words.startIndex + 1])) == "con" { words = words.dropFirst() }
            return words.filter { !Self.markers.contains(Phrase(String($0)).core) }.joined(separator: " ")
        }.filter { !$0.isEmpty }
            // «se suma la tia Carmen»: the title left at the front once the marker words go is no
            // part of her name (pass 9, qa13: «tia Carmen» was added as a person).
            .flatMap { PeopleParser.split($0) }
        // The user may be a member too: each name once, or the match is ambiguous.
        let members = context.members + (context.userName.map { u in context.members.contains(u) ? [] : [u] } ?? [])
        // Someone not yet in the network («y agrega también a Javiera Cortés», with the verb that
        // says so) joins too, written as a name («javiera cortes» → «Javiera Cortes»): the engine
        // offers to add them, as for any new name.
        var joined: [String] = []
        for name in parts.compactMap({
            // «se suma Katherine, osea yo»: «yo» is the speaker (it asked «¿Agrego a Yo?»: qa18 A6).
            ["yo", "yo misma", "yo mismo"].contains(TextFold.fold($0)) ? context.userName :
            // «y también el plazo: el 15 de diciembre»: a field and its value, nobody's name.
            PersonMatcher.match($0, among: members) ?? (marked && PeopleParser.looksLikeName($0) && !$0.contains(where: { $0.isNumber || $0 == ":" })
                ? SpanishFormat.properName($0) : nil)
        }) where name != who && !joined.contains(name) { joined.append(name) }
        guard !joined.isEmpty else { return nil }
        return .fill(["se_suman": .list(joined)], remark: "Anotado: \(SlotValue.joinSpanish(joined)) se suma\(joined.count > 1 ? "n" : "") \(who == context.userName ? "contigo" : "a \(who)").")
    }

    /// «yo y la Nora hacemos el huerto, pa fines de marzo, evidencia fotos» to «¿Cuál es el
    /// acuerdo?»: the whole agreement, its plazo and evidence read as in a request, when the
    /// answer says a deadline or names another field after a comma.
    static func wholeAgreement(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        // «bueno entonces Rosa y Juan mandan el acta», «eso, que Juan arma la pauta»: read without
        // the talk it opens with, so who does it opens it (issue 12: the people were not read).
        let trimmed = AnswerText.trimmed(message.clean)
        if trimmed != message.clean, trimmed.count >= 3 { return wholeAgreement(Utterance(trimmed), run: run, context: context) }
        let clean = message.clean
        // «todavía no lo anotamos, pero acordamos que yo envío el informe…»: the words before
        // «acordamos que» are no part of it (qa19 p8: the lead-in was stored in the text); what
        // follows is read as the request is (its people and deadline too).
        if let (before, clause) = agreedClause(clean, folded: message.phrase.folded), !before.isEmpty || Self.saysManner(clean) {
            return .whole(clause)
        }
        // A field named after a comma needs a comma byte: most answers have none, and are not
        // split into characters.
        let labelled = TextFold.contains(clean, byte: UInt8(ascii: ",")) && clean.split(separator: ",").dropFirst().contains { part in
            let first = Phrase(String(part)).tokens.first ?? ""
            return ["plazo", "evidencia", "responsable", "responsables", "para", "pa", "pal", "hasta", "antes"].contains(first)
        }
        // A when said in words («el viernes», «pal 8 de enero»): «el PME 1/2» is a name, not a day.
        // (Most answers hold no word the date reader knows: it is not run on them.)
        guard labelled || (run.values["plazo"] == nil && WhenCues.maySayWhen(folded: message.phrase.folded)
            && TemporalParser.parse(clean, context: context.temporal).map({ $0.text.contains(where: \.isLetter) }) ?? false)
            || (run.values["responsables"] == nil && opensWithMember(clean, phrase: message.phrase, context: context)) else { return nil }
        return .whole(clean)
    }

    /// «la rosa manda las fotos de la feria», «yo hago el listado»: an agreement told with who
    /// does it first, a member of the network (by first name, with or without «la»/«el») or the
    /// speaker, then the verb. Its people are read as in a request.
    static func opensWithMember(_ clean: String, phrase: Phrase? = nil, context: EngineContext) -> Bool {
        // A message of letters in single-spaced words (most answers) has the phrase's tokens as
        // its folded words: nothing is split or folded again (`Phrase.isPlainWords(of:)`).
        let words: ArraySlice<String>
        if let phrase, phrase.isPlainWords(of: clean) {
            words = phrase.tokens.prefix(6)
        } else {
            // The words split on bytes (`spaceSeparated`: `split(separator: " ")` without walking
            // Characters), only the first four folded, and a folded ASCII word keeps its letters by
            // bytes (an ASCII Character is a letter only when A–Z or a–z).
            // A folded word of letters only (most) is kept as it is, not filtered into a new string.
            words = TextFold.spaceSeparated(clean, limit: 6).map { w -> String in
                let f = TextFold.fold(String(w))
                func isLetter(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) }
                if TextFold.containsByte(f, where: { !isLetter($0) }) == false { return f }
                guard f.utf8.allSatisfy({ $0 < 0x80 }) else { return f.filter(\.isLetter) }
                return String(decoding: f.utf8.filter(isLetter), as: UTF8.self)
            }[...]
        }
        assert(Array(words) == clean.split(separator: " ").prefix(6).map { TextFold.fold(String($0)).filter(\.isLetter) }, "opensWithMember read «\(clean)» otherwise")
        var i = words.first == "que" || words.first == "q" ? 1 : 0
        // «hago yo el calendario»: the speaker after the verb.
        if i + 1 < words.count, words[i + 1] == "yo", FirstPerson.infinitive(words[i]) != nil { return words.count >= 3 }
        if i < words.count, words[i] == "la" || words[i] == "el" { i += 1 }
        // «Rosa y Juan mandan el acta», «la Rosa y yo hacemos…»: two people joined by «y», then
        // the verb (fixAV: neither person was read). Checked after `isFirstName` is defined.
        let joined = i + 1 < words.count && (words[i + 1] == "y" || words[i + 1] == "e")
        guard i + 1 < words.count, joined || !notAVerb.contains(words[i + 1]), !words[i + 1].isEmpty else { return false }
        if words[i] == "yo", !joined { return words.count >= 3 }
        // Someone's first name, folded only for names of its length (most are not: no list made).
        func isFirstName(_ w: String) -> Bool {
            let n = w.utf8.count
            let initial = w.utf8.first
            func named(_ full: String) -> Bool {
                // A name opening with an ASCII letter folds to that letter in lower case: one of
                // another letter is ruled out on its first byte, before its words are split off
                // (a network has a few dozen members, and this runs on every agreement's text).
                if let b = full.utf8.first, (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A), b | 0x20 != initial {
                    assert(TextFold.spaceSeparated(full).first.map { $0.unicodeScalars.count == n && TextFold.fold(String($0)) == w } != true,
                           "opensWithMember ruled out «\(full)» for «\(w)»")
                    return false
                }
                guard let first = TextFold.spaceSeparated(full).first, first.unicodeScalars.count == n else { return false }
                return TextFold.fold(String(first)) == w
            }
            return context.members.contains(where: named) || context.userName.map(named) == true
        }
        if joined {
            var j = i + 2
            if j < words.count, words[j] == "la" || words[j] == "el" { j += 1 }
            guard j + 1 < words.count, words[i] == "yo" || isFirstName(words[i]), words[j] == "yo" || isFirstName(words[j]),
                  !notAVerb.contains(words[j + 1]), !words[j + 1].isEmpty, !isFirstName(words[j + 1]) else { return false }
            return true
        }
        return isFirstName(words[i]) && !isFirstName(words[i + 1])
    }

    /// «yo consigo la sala del CESFAM…, plazo el 14 de diciembre» to «¿Qué evidencia…?»: an
    /// agreement said again (or another one), never its evidence. Only a message that dictates
    /// one («acuerdo: …», «acordamos que…») or names its plazo or responsables after a comma.
    /// `folded`: `TextFold.fold(clean)` when the caller has it (`agreedClause`).
    static func agreementAgain(_ clean: String, folded: String? = nil, run: FlowRun) -> Reading? {
        // (Without a comma byte there is no part after one: most answers are not split.)
        let labelled = TextFold.contains(clean, byte: UInt8(ascii: ",")) && clean.split(separator: ",").dropFirst().contains { part in
            ["plazo", "responsable", "responsables"].contains(Phrase(String(part)).tokens.first ?? "")
        }
        guard labelled || dictated(clean) != nil || agreedClause(clean, folded: folded) != nil else { return nil }
        let said = Set(Phrase(clean).stems.filter { $0.count >= 4 })
        let own = Set(Phrase(run.values["texto"]?.textValue ?? "").stems.filter { $0.count >= 4 })
        if !own.isEmpty, Double(own.intersection(said).count) >= 0.6 * Double(own.count) {
            return .reask("Ese es el acuerdo que estamos registrando: ya lo tengo anotado.")
        }
        return .reask("Eso suena a otro acuerdo. Terminemos este primero y después me lo cuentas, así lo registramos aparte.")
    }

    /// «acuerdo: Marta trae los libros el 16» at this agreement's review: another agreement
    /// (few of this one's words), never this one's new text; «acuerdo: Luis manda el acta
    /// firmada» still corrects it (the review reads it).
    func reviewChange(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        // «se suma Rosa», «nadie más» at the review (the whole agreement said at once, so the
        // lone-holder remark came right before it): its answer, as at any question. Not a bare
        // «no», which at a review asks what to change.
        if let split = Self.split(message, run: run, context: context) { return split }
        let t = message.phrase.tokens
        if t.count >= 2, t.count <= 10, Self.alone(run.values) != nil,
           t.contains(where: { Self.joinWords.contains($0) || Self.lone.contains($0) || $0 == "mas" }) {
            return interpret(message, slot: Self.joinSlot, run: run, context: context)
        }
        guard let said = Self.dictated(message.clean) ?? Self.agreedClause(message.clean)?.clause else { return nil }
        let own = Set(Phrase(run.values["texto"]?.textValue ?? "").stems.filter { $0.count >= 4 })
        let new = Set(Phrase(said).stems.filter { $0.count >= 4 })
        // Sharing half of its words or more, it is this one said better: the review's own edit.
        guard !new.isEmpty, own.intersection(new).count * 2 < min(own.count, new.count) else { return nil }
        return .reask("Eso suena a otro acuerdo, no a un cambio de este: primero terminemos este y después me lo cuentas, así lo registramos aparte.")
    }

    /// «son 3 acuerdos distintos, cada uno con su responsable», «no, son dos acuerdos distintos»
    /// about an agreement read as one: split by its clauses (each opened by a person who does
    /// something, or «y que…»). This run keeps the first, with its own people and deadline; the
    /// others follow, read as requests and reviewed together once it is saved. When its words
    /// make no such clauses (or not as many as said), how to say them is explained instead.
    static func split(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        let t = message.phrase.tokens
        // Cheap gate: «son/eran … acuerdos».
        guard let k = t.firstIndex(where: { $0 == "acuerdos" || $0 == "compromisos" }), k >= 1,
              t[..<k].contains(where: { $0 == "son" || $0 == "eran" || $0 == "separa" || $0 == "separalos" }),
              case .text(let text)? = run.values["texto"] else { return nil }
        let wanted = t[..<k].compactMap { Int($0) ?? NumberParser.parse($0) }.last
        // Already read apart, as many as said (qa17: «no, son 3 acuerdos distintos» right after
        // «Anoté 3 acuerdos» was told it could not be split): said so, and the question stands.
        if let batch = run.batch, batch.count >= 2, wanted.map({ $0 == batch.count }) ?? true {
            return .reask("Ya los anoté como \(batch.count) acuerdos distintos; ahora completamos lo que falta de cada uno.")
        }
        var items = Self.items(text, user: context.userName, people: context.members)
        // «yo envío el informe y Daniela organiza…» was kept as «enviar el informe y Daniela
        // organiza…» (the speaker's doing said as what is to be done): the «yo» it opened with
        // is read back, so the clauses are still each opened by who does it (qa19 p8: «No supe
        // separarlo»). The first one keeps its text without it.
        var spokenFirst = false
        if items.count < 2, let me = context.userName, run.values["responsables"]?.listValue?.contains(me) == true,
           let w = text.split(separator: " ").first.map({ TextFold.fold(String($0)) }), w.count >= 4,
           w.hasSuffix("ar") || w.hasSuffix("er") || w.hasSuffix("ir") {
            let again = Self.items("yo " + text, user: context.userName, people: context.members)
            if again.count >= 2 { items = again; spokenFirst = true }
        }
        guard items.count >= 2, wanted.map({ $0 == items.count }) ?? true else {
            return .reask("No supe separarlo\(wanted.map { " en \($0)" } ?? ""). Escribe «cancelar» y dímelos numerados, por ejemplo «acordamos: 1. Juan arma el banco de lecturas 2. Rosa habla con los apoderados».")
        }
        var first = spokenFirst ? String(items[0].dropFirst(3)) : items[0]
        var values: SlotValues = [:]
        // The first one's own deadline, when its words say one; else the one read before stays.
        if let m = TemporalParser.parse(first, context: context.temporal), case .date(let d) = m.value, d >= context.today,
           let r = first.range(of: m.text) {
            values["plazo"] = .date(d)
            first = first.replacingCharacters(in: r, with: " ").split(separator: " ").joined(separator: " ")
                .replacingOccurrences(of: #"(?i)\s+(para|pal|pa|hasta|antes de|el|la)$"#, with: "", options: .regularExpression)
        }
        values["texto"] = .text(first)
        // Its people: those of the run it names (a first name, or «yo»).
        let said = Set(Phrase(items[0]).tokens)
        var own = (run.values["responsables"]?.listValue ?? []).filter { name in
            name == context.userName ? said.contains("yo") : said.contains(TextFold.fold(String(name.split(separator: " ").first ?? "")))
        }
        if said.contains("yo"), let me = context.userName, !own.contains(me) { own.append(me) }
        if !own.isEmpty { values["responsables"] = .list(own) }
        // What all of them share goes with each: the meeting they were agreed in, and a deadline
        // none of the others says one of its own for («…, pal 20 de marzo» after every clause).
        var shared = run.values.filter { $0.key == "encuentro" }
        if let plazo = run.values["plazo"], !items.dropFirst().contains(where: { item in
            if case .date? = TemporalParser.parse(item, context: context.temporal)?.value { true } else { false }
        }) {
            shared["plazo"] = plazo
        }
        let rest = Array(items.dropFirst())
        return .fillThen(values, remark: "Los separo en \(items.count): primero «\(first)»; después sigo con "
                            + (rest.count == 1 ? "«\(rest[0])»." : "los otros \(rest.count)."),
                         then: rest.map { FollowingRequest(flow: "acuerdo", request: $0, values: shared) })
    }

    /// «no, es un solo acuerdo, los dos juntos traen las pruebas», «es uno solo», «júntalos»
    /// while agreements read apart are completed (qa27 A4: it was read as a date): they are one
    /// agreement after all. The batch is left and one agreement starts with their texts joined
    /// by «y», everyone's people, and the first deadline, evidence and meeting any of them had.
    /// Nil unless the run is part of a batch and the message says so.
    static func merged(_ message: Utterance, run: FlowRun, today: LocalDate) -> Reading? {
        let t = message.phrase.tokens
        guard t.count <= 16, t.contains(where: oneWords.contains), !t.contains("acuerdos") else { return nil }
        // «uno solo» alone may answer how many people («solo uno, el Pedro»): with «es»/«era» only.
        let says = t.contains(where: { ["juntalos", "unelos", "juntalo", "unelo"].contains($0) })
            || [["un", "solo", "acuerdo"], ["es", "uno", "solo"], ["era", "uno", "solo"], ["es", "solo", "uno"], ["mismo", "acuerdo"],
                ["un", "solo", "compromiso"]].contains { w in t.indices.contains { t[$0...].starts(with: w) } }
        guard says else { return nil }
        guard let batch = run.batch, batch.count >= 2 else {
            // Already one: said so, and the question stands (it was stored as the evidence).
            return .reask("Sí, lo tengo como un solo acuerdo.")
        }
        let runs = batch.indices.map { $0 == run.batchAt ? run : batch[$0] }
        let texts = runs.compactMap { $0.values["texto"]?.textValue }.filter { !$0.isEmpty }
        guard texts.count == runs.count else { return nil }
        var people: [String] = []
        for r in runs { for p in r.values["responsables"]?.listValue ?? [] where !people.contains(p) { people.append(p) } }
        var values: SlotValues = ["texto": .text(texts.joined(separator: " y "))]
        var echo = ["acuerdo: " + texts.joined(separator: " y ")]
        if !people.isEmpty {
            values["responsables"] = .list(people)
            echo.append("responsables: " + SlotValue.joinSpanish(people))
        }
        // The deadline: the latest said (the agreement is done when all of it is).
        let days = runs.compactMap { r -> LocalDate? in if case .date(let d)? = r.values["plazo"] { d } else { nil } }
        if let last = days.max() {
            values["plazo"] = .date(last)
            echo.append("plazo: " + SlotValue.date(last).display(today: today))
        }
        // Each one's evidence, joined («la sala reservada y la tabla»).
        var proofs: [String] = []
        for r in runs { if let e = r.values["evidencia"]?.textValue, !e.isEmpty, !proofs.contains(e) { proofs.append(e) } }
        if !proofs.isEmpty { values["evidencia"] = .text(proofs.joined(separator: " y ")) }
        if let v = runs.lazy.compactMap({ $0.values["encuentro"] }).first { values["encuentro"] = v }
        return .instead(flow: "acuerdo", values: values, echo: echo)
    }

    func batchReviewChange(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        Self.merged(message, run: run, today: context.today)
    }

    static let oneWords: WordSet = ["solo", "uno", "mismo", "juntalos", "unelos", "juntalo", "unelo"]

    /// The question «se suma» answers, for reading it at the review.
    static let joinSlot = SlotDefinition(name: "se_suman", type: .people, ask: "")

    // Built once: `interpret` reads most answers while a remark is pending.
    // (Word sets: most words are ruled out by their first byte and length, not hashed.)
    static let lone: WordSet = ["sola", "solita", "solito", "nadie"]
    static let keepWords: WordSet = ["seguimos", "sigamos", "sigue", "seguir", "asi", "queda", "quedamos", "dejalo", "dejemoslo", "dejamos", "nomas", "ok", "ya"]
    // «el 2 es con Teresa tb» (qa19 p5): «tb», «tmb» are «también» typed short.
    static let joinWords: WordSet = ["suma", "sume", "sumale", "agrega", "agregale", "tambien", "junto", "tb", "tmb", "tbn"]
    static let markers: WordSet = ["se", "suma", "sume", "suman", "sumale", "sumar", "agrega", "agregale", "agregar", "tambien", "con",
                                       "y", "que", "a", "la", "el", "lo", "hace", "junto", "ayuda", "le", "tb", "tmb", "tbn"]

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        // «acordamos q Luis trae las fotos»: the «q» (que typed short) that joined the lead is no
        // part of what was agreed.
        if slot.name == "texto", let text = value.textValue, let kept = Self.withoutShortQue(text) { return .replace(.text(kept)) }
        if slot.name == "responsables" {
            // «no es el Juan, es la Rosa» of «Juan manda la planilla»: the text names who does it,
            // so it follows the swap.
            // A correction clears the field before it is checked: the one it had is then the
            // person the text opens with («Juan manda…»), when they are no longer in it.
            // (The value a correction replaces, when it had several people, comes first: «Marcela y
            // Luis comparten…» with both is no text of Marcela alone.)
            let before = run.values["responsables"]?.listValue
                ?? run.replacing?["responsables"]?.listValue.flatMap { $0.count > 1 ? $0 : nil }
                ?? (run.answered.contains("responsables") && !Self.namesSeveral(run.values["texto"]?.textValue, context: context)
                    ? Self.subject(of: run.values["texto"]?.textValue, context: context).map { [$0] } : nil)
            let swapped = Self.swapped(run.values["texto"]?.textValue, from: before, to: value.listValue)
            let others: [String: SlotValue?] = swapped.map { ["texto": .text($0)] } ?? [:]
            // Among several agreements shown at once the remark for each would bury the list.
            // (`alone` of the values with this one in, read without copying them.)
            guard !context.inBatch, run.batch == nil, run.values["se_suman"] == nil, let who = Self.alone(value) else {
                return others.isEmpty ? .accept : .replace(value, others: others)
            }
            let mine = who == context.userName
            // The example names someone who could join: another member (or the speaker), by
            // first name; found without joining the lists or splitting the whole name.
            // (A group kept as a responsable before, «las profes», is nobody who «se suma».)
            let other = (context.members.first { $0 != who && !PeopleParser.isGroup($0) } ?? context.userName.flatMap { $0 != who ? $0 : nil })
                .map { String(TextFold.firstSpaceSeparated($0) ?? "") }
            // Written as bytes into one buffer (shown on most agreements: the interpolation and
            // the two joins made three strings of it).
            var line = UTF8Text(capacity: 224)
            line.add("Este acuerdo quedaría solo en ")
            if mine { line.add("tus manos") } else { line.add("manos de "); line.add(who) }
            line.add(". Las tareas de a dos o más se sostienen mejor: si alguien se suma, dime su nombre")
            if let other { line.add(" (por ejemplo «se suma "); line.add(other); line.add("»)") }
            line.add("; si no, seguimos igual.")
            let remark = line.string
            return others.isEmpty ? .accept([remark]) : .replace(value, remarks: [remark], others: others)
        }
        if slot.name == "se_suman", case .list(let joined) = value {
            let already = Set(run.values["responsables"]?.listValue ?? [])
            let new = joined.filter { !already.contains($0) }
            if new.isEmpty { return .reject("Esa persona ya es responsable.") }
            return new == joined ? .accept : .replace(.list(new))
        }
        guard slot.name == "plazo", case .date(let d) = value, let s = context.snapshot else { return .accept }
        return .accept(Wording.deadlineRemark(d, region: s.networkRegion, today: context.today).map { [$0] } ?? [])
    }

    /// «deshacer» right after registering it: the agreement is deleted (it stays in its history).
    /// Several agreements saved with one confirmation are deleted together.
    func undo(_ record: String, context: EngineContext) -> Undo? {
        let numbers = record.split(separator: " ").compactMap { Int($0.drop { !$0.isNumber }) }
        guard !numbers.isEmpty, numbers.allSatisfy({ context.snapshot?.agreement(number: $0) != nil }) else { return nil }
        if numbers.count > 1 { return Undo(flow: "borrar", values: ["acuerdo": .list(numbers.map(String.init))]) }
        return Undo(flow: "borrar", values: ["acuerdo": .number(Double(numbers[0]))])
    }

    /// «acordamos tres cosas: 1) … 2) … 3) …»: shown together, saved with one confirmation.
    func batchNames(_ context: EngineContext) -> BatchNames? {
        BatchNames(one: "acuerdo", many: "acuerdos", masculine: true, example: "el responsable del 2 es Rosa")
    }

    func splitRecords(_ text: String, context: EngineContext) -> [String] {
        Self.items(text, user: context.userName, people: context.members, announced: true)
    }

    /// The member whose first name opens `text` («Juan manda la planilla», «el Juan manda…»).
    static func subject(of text: String?, context: EngineContext) -> String? {
        guard let first = text.flatMap({ Phrase($0).tokens.drop { ["el", "la"].contains($0) }.first }) else { return nil }
        let people = context.members + (context.userName.map { [$0] } ?? [])
        let hits = people.filter { Phrase($0).tokens.first == first }
        return hits.count == 1 ? hits[0] : nil
    }

    /// True when `text` names two members or more by first name («Marcela y Luis arman…»): its
    /// opening person alone is then no guess of who held it (the text is kept as said).
    static func namesSeveral(_ text: String?, context: EngineContext) -> Bool {
        guard let text else { return false }
        let words = Set(Phrase(text).tokens)
        return context.members.filter { m in Phrase(m).tokens.first.map(words.contains) ?? false }.count >= 2
    }

    /// `text` with the one person who left the responsables replaced by the one who came in,
    /// when the text names the one who left (by full or first name); nil otherwise.
    static func swapped(_ text: String?, from old: [String]?, to new: [String]?) -> String? {
        guard let text, let old, let new else { return nil }
        let gone = old.filter { !new.contains($0) }, came = new.filter { !old.contains($0) }
        guard gone.count == 1, came.count == 1, let goneFirst = gone[0].split(separator: " ").first,
              let cameFirst = came[0].split(separator: " ").first else { return nil }
        // «Marcela y Luis comparten…» with «el responsable es Luis nomás»: the text already names
        // the one who stays; it says what was agreed, not who is responsible now, and is kept
        // (it became «Luis y Luis comparten…»).
        let cameWord = "(?i)\\b" + NSRegularExpression.escapedPattern(for: String(cameFirst)) + "\\b"
        if text.range(of: cameWord, options: .regularExpression) != nil { return nil }
        for (name, with) in [(gone[0], came[0]), (String(goneFirst), String(cameFirst))] {
            let pattern = "(?i)\\b" + NSRegularExpression.escapedPattern(for: name) + "\\b"
            guard text.range(of: pattern, options: .regularExpression) != nil else { continue }
            return text.replacingOccurrences(of: pattern, with: NSRegularExpression.escapedTemplate(for: with), options: .regularExpression)
        }
        return nil
    }

    /// The responsables and whoever joined them, each once.
    static func responsables(_ v: SlotValues) -> [String] {
        var out: [String] = []
        // «nadie más» (a text) joins no one.
        var joined: [String] = []
        if case .list(let l)? = v["se_suman"] { joined = l }
        for p in (v["responsables"]?.listValue ?? []) + joined where !out.contains(p) { out.append(p) }
        return out
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        guard let network else { throw StoreError.notFound("la red de este acuerdo") }
        // The meeting it was taken in, said as «1 («Reunión de diciembre»)»: kept by its id.
        let meeting = try v["encuentro"]?.textValue.map { said in
            try Read.numbers(in: said).first.flatMap { try w.snapshot(network).meeting(number: $0)?.id } ?? said
        }
        let a = try w.store.addAgreement(Agreement(
            id: "", text: v["texto"]?.textValue ?? "", responsables: Self.responsables(v),
            deadline: v["plazo"]?.dateValue, evidence: v["evidencia"]?.textValue, status: .pendiente,
            meeting: meeting, registered: w.clock.stamp()).registered(by: user.name), network: network, key: w.key)
        // Taken in a meeting whose acta is already written («acordamos…» told in the acta): the
        // acta lists it too.
        if let meeting, let m = try w.snapshot(network).meetings.first(where: { $0.id == meeting }) {
            let day = m.actaDate(asOf: w.clock.today())
            if m.occurrence(on: day).hasActa, !m.occurrence(on: day).agreements.contains(a.id) {
                _ = try w.store.modifyMeeting(id: m.id, network: network) { fresh in
                    var o = fresh.occurrence(on: day)
                    if !o.agreements.contains(a.id) { o.agreements.append(a.id) }
                    fresh.record(o)
                }
            }
        }
        return ["id": a.id, "numero": a.number.map(String.init) ?? a.id]
    }
}
