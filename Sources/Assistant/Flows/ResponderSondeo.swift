import CivilTime
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/responder-sondeo.yaml`: one member's answer to an open poll (which options they can).
struct ResponderSondeoFlow: MingaFlow {
    let id = "responder_sondeo"
    let saveKind: String? = "poll_answer"
    let slotNames = ["sondeo", "puede"]

    func blocker(_ context: EngineContext) -> String? { OpenPoll.blocker(context) }
    func defaults(_ run: FlowRun, context: EngineContext) -> SlotValues { OpenPoll.defaults(context) }

    /// `claim` needs one of these (`ClaimCues`): A poll named, or an answer by day («puedo…», «solo el jueves»,
    /// «el miércoles y el viernes»).
    func claimCues(_ flow: FlowDefinition) -> ClaimCues {
        ClaimCues(words: Array(Self.pollNouns) + Array(Self.canWords) + Array(Self.onlyWords) + Array(OpenPoll.weekdays.keys) + Array(Self.noneWords)
                  + Array(Self.suitVerbs))
    }

    /// «vi lo del sondeo, yo puedo el lunes y el martes» at the menu, with one poll open: an
    /// answer to that poll (which options, by day), not a request for a new one.
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        // The message's words as they are (no set of them made: this runs on every message at the menu).
        let words = message.phrase.tokens
        // «hola, me llegó que hay una encuesta pa la fecha de la reunión» from someone who has not
        // answered the one poll open: that poll, to answer it (not a new one).
        // «¿quién falta por contestar el sondeo?», «¿cuántos han respondido la encuesta?»: a
        // question about who answered (the poll's status query), never her own answer.
        // «como va el sondeo», «¿cómo van las respuestas de la encuesta?»: how far the poll got,
        // asked (issue 12: it started answering it); the status query shows it.
        if words.contains(where: Self.pollNouns.contains), !Self.asksWhoAnswered(words), !Self.asksHowItGoes(words),
           !words.contains(where: RequestWords.creating.contains),
           !words.contains(where: CerrarSondeoFlow.resultWords.contains), !words.contains(where: { $0.hasPrefix("cerr") || $0.hasPrefix("cierr") }),
           let open = context.snapshot?.polls.filter(\.isOpen), open.count == 1, let p = open.first, let n = p.number,
           p.createdBy != context.userName, !p.answers.contains(where: { $0.member == context.userName }),
           OpenPoll.dayPicks(OpenPoll.clauses(message.clean), options: p.options) == nil {
            return Claim(values: ["sondeo": .number(Double(n))])
        }
        if let changed = Self.changeClaim(words, message: message, context: context) { return changed }
        // «hola, ninguna me sirve, tengo capacitacion toda esa semana» from someone who has not
        // answered the one open poll: none of its options.
        if words.contains(where: Self.noneWords.contains), let open = context.snapshot?.polls.filter(\.isOpen), open.count == 1,
           let p = open.first, let n = p.number, p.createdBy != context.userName, !p.answers.contains(where: { $0.member == context.userName }),
           OpenPoll.clauses(message.clean).contains(where: { c in
               c.contains(where: Self.noneWords.contains) && (c.count == 1 || c.contains(where: { SondeoFlow.suitWords.contains($0) || Self.canWords.contains($0) }))
           }) {
            return Claim(values: ["sondeo": .number(Double(n)), "puede": .text("ninguna")])
        }
        // «yo solo el jueves 7» from someone who has not answered the one open poll: a short
        // answer by day, with no «puedo».
        let can = words.contains(where: Self.canWords.contains)
        // «el miércoles y el viernes»: nothing but the days, from someone who has not answered.
        let bareDays = words.count <= 8 && words.allSatisfy { Self.dayListWords.contains($0) || OpenPoll.weekdays[$0] != nil || Int($0) != nil }
            && words.contains { OpenPoll.weekdays[$0] != nil }
        // «me sirven ambas», «me acomodan las dos fechas»: every option said by how many, with a
        // verb of suiting instead of «puedo» (qa34: «No te entendí»).
        // Nothing else said: «me queda pendiente el informe del lunes» is no answer.
        let suits = !can && words.count <= 8 && words.contains("me") && words.contains(where: Self.suitVerbs.contains)
            && words.allSatisfy { Self.suitMeWords.contains($0) || Self.dayListWords.contains($0) || Self.countAnswerWords.contains($0)
                || OpenPoll.weekdays[$0] != nil || Int($0) != nil }
        let says = can || bareDays || suits || words.count <= 6 && words.contains(where: Self.onlyWords.contains)
        guard says, !words.contains(where: RequestWords.creating.contains) else { return nil }
        let open = context.snapshot?.polls.filter(\.isOpen) ?? []
        guard open.count == 1, let p = open.first, let n = p.number,
              can || !p.answers.contains(where: { $0.member == context.userName }) else { return nil }
        guard let days = OpenPoll.allBut(OpenPoll.clauses(message.clean), options: p.options) ?? OpenPoll.dayPicks(OpenPoll.clauses(message.clean), options: p.options),
              !days.isEmpty else {
            // «puedo los dos días», «puedo cualquiera», «puedo ambas fechas»: the options said by
            // how many, with nothing else around (qa34: the poll's question was asked again).
            if can || suits, words.count <= 8,
               words.allSatisfy({ Self.dayListWords.contains($0) || Self.canWords.contains($0) || Self.countAnswerWords.contains($0) || Self.suitMeWords.contains($0) }),
               case let counted?? = OpenPoll.counted(words, options: p.options.count), !counted.isEmpty {
                return Claim(values: ["sondeo": .number(Double(n)), "puede": .text(message.clean)])
            }
            return Self.byDayNumber(words, poll: p, can: can)
        }
        return Claim(values: ["sondeo": .number(Double(n)), "puede": .text(message.clean)])
    }

    /// «puedo el 2 nomas», «solo el 3» at the menu, with one poll open: «el 2» may be the 2nd of
    /// the month or option 2 (issue 12: neither was read, and the menu came). When the two
    /// readings agree (option 2 is on the 2nd) that option is the answer, checked at the review;
    /// when they do not, the poll is answered and its question asked, nothing taken for it.
    static func byDayNumber(_ t: [String], poll p: Poll, can: Bool) -> Claim? {
        guard let n = p.number, t.count <= 6, can || t.contains(where: onlyWords.contains), !t.contains("no"),
              let k = t.indices.dropFirst().first(where: { ["el", "la"].contains(t[$0 - 1]) && Int(t[$0]) != nil }),
              let day = Int(t[k]), (1...31).contains(day),
              t.allSatisfy({ dayListWords.contains($0) || canWords.contains($0) || onlyWords.contains($0) || Int($0) != nil }) else { return nil }
        let onDay = p.options.indices.filter { p.options[$0].date.day == day }.map { $0 + 1 }
        let numbers = t.indices.dropFirst().filter { ["el", "la", "y"].contains(t[$0 - 1]) }.compactMap { Int(t[$0]) }
        var values: SlotValues = ["sondeo": .number(Double(n))]
        if numbers.count == 1, onDay == [day] || (t[k - 1] == "la" && onDay.isEmpty && day <= p.options.count) {
            values["puede"] = .text(String(day))
        }
        return Claim(values: values)
    }

    /// «cómo va el sondeo», «cómo van las respuestas»: how the poll goes, asked.
    static func asksHowItGoes(_ t: [String]) -> Bool {
        t.contains("como") && t.contains(where: { ["va", "van", "vamos", "anda", "andan", "andamos"].contains($0) })
    }

    static let pollNouns: WordSet = ["encuesta", "sondeo", "consulta", "votacion"]

    /// «¿quiénes faltan?», «¿y cuántos faltan todavía?», «¿quién queda?» while answering the poll:
    /// who has not answered it (its status), then the question again (fixAW: only with
    /// «respondido/contestado» it was the poll's status; else «no la sé responder»).
    func ownQuestion(_ phrase: Phrase, context: EngineContext) -> Query? {
        let t = phrase.tokens
        guard t.count <= 6, t.contains(where: Self.whoWords.contains), t.contains(where: Self.missingWords.contains),
              t.allSatisfy({ Self.whoWords.contains($0) || Self.missingWords.contains($0) || Self.pollNouns.contains($0)
                  || Self.answeredWords.contains($0) || Self.missingFiller.contains($0) }) else { return nil }
        return .poll
    }

    static let missingWords: WordSet = ["falta", "faltan", "queda", "quedan"]
    static let missingFiller: WordSet = ["y", "oye", "todavia", "aun", "por", "el", "la", "del", "de", "en", "ya", "entonces"]

    /// «quién falta por contestar», «quiénes no han respondido», «cuántos han votado»: who (or
    /// how many) answered, asked.
    static func asksWhoAnswered(_ t: [String]) -> Bool {
        t.contains(where: whoWords.contains) && t.contains(where: answeredWords.contains)
    }

    static let whoWords: WordSet = ["quien", "quienes", "cuantos", "cuantas", "cuanta"]
    static let answeredWords: WordSet = ["respondido", "contestado", "respondio", "contesto", "respondieron", "contestaron", "responder",
                                         "contestar", "votado", "votaron", "voto"]
    static let noneWords: WordSet = ["ninguna", "ninguno"]
    static let changeWords: WordSet = ["cambiar", "cambia", "cambio", "corregir", "corrige", "equivoque", "equivocado", "equivocada", "modificar"]

    /// «cambiar mi respuesta del sondeo», «me equivoqué en el sondeo, el miércoles 10 no puedo»
    /// from someone who answered the one open poll: their answer again. Days said change the
    /// answer given (a day taken away, or added); nothing said asks for it.
    static func changeClaim(_ words: [String], message: Utterance, context: EngineContext) -> Claim? {
        // «me equivoqué, también puedo la 3» from someone who already answered: the poll goes
        // without saying.
        let adds = words.contains("tambien") && words.contains(where: canWords.contains)
        guard words.contains(where: pollNouns.contains) || adds, words.contains(where: changeWords.contains) || adds,
              let open = context.snapshot?.polls.filter(\.isOpen), open.count == 1, let p = open.first, let n = p.number,
              let before = p.answers.first(where: { $0.member == context.userName }) else { return nil }
        var values: SlotValues = ["sondeo": .number(Double(n))]
        let clauses = OpenPoll.clauses(message.clean)
        // Options by day, or by their number («la 3», «la opción 2»).
        let said = clauses.map { c in
            OpenPoll.named(c, options: p.options).union(c.indices.dropFirst().compactMap { i in
                guard ["la", "el", "opcion", "y"].contains(c[i - 1]), let k = Int(c[i]), (1...p.options.count).contains(k) else { return nil }
                return k
            })
        }
        if said.contains(where: { !$0.isEmpty }) {
            var picks = Set(before.canAttend.compactMap { p.options.firstIndex(of: $0).map { $0 + 1 } })
            for (c, days) in zip(clauses, said) where !days.isEmpty {
                if c.contains("no") { picks.subtract(days) } else { picks.formUnion(days) }
            }
            values["puede"] = .text(picks.isEmpty ? "ninguna" : picks.sorted().map(String.init).joined(separator: " y "))
        }
        return Claim(values: values)
    }
    /// «y el jueves también», «además el 3», «ah y la 4»: options said on top of those already
    /// chosen. Never with a word that replaces («mejor», «solo») or takes away («no»).
    static func addsToAnswer(_ t: [String]) -> Bool {
        guard !t.contains(where: { replaceWords.contains($0) || onlyWords.contains($0) }) else { return false }
        if t.contains("tambien") || t.contains("ademas") { return true }
        return t.first(where: { !leadFillers.contains($0) }) == "y"
    }
    static let replaceWords: WordSet = ["no", "mejor", "cambia", "cambio", "cambiar", "corrige", "vez", "sino"]
    static let leadFillers: WordSet = ["ah", "ahh", "oh", "ya", "oye", "pucha", "uy", "ups", "perdon", "igual"]
    static let canWords: WordSet = ["puedo", "podemos", "puedes"]
    /// The words of an answer by how many options («puedo las dos fechas», «puedo cualquiera de las tres»).
    static let countAnswerWords: WordSet = ["las", "dos", "tres", "cuatro", "ambas", "cualquiera", "todas", "todos", "opciones", "fechas", "si", "ir", "nomas",
                                            "hola", "buenas", "buenos", "buen", "oye", "ya", "bueno"]
    static let onlyWords: WordSet = ["solo", "nomas", "solamente"]
    /// «me sirven», «me acomodan», «me quedan bien»: an option suits the one who writes.
    static let suitVerbs: WordSet = ["sirve", "sirven", "acomoda", "acomodan", "queda", "quedan"]
    static let suitMeWords: WordSet = suitVerbs.union(["me", "bien"])
    /// The words around days in a list of them («el martes 9 o el jueves 11», «yo el lunes y el miércoles»).
    static let dayListWords: WordSet = ["el", "los", "la", "y", "e", "o", "u", "yo", "ambos", "dia", "dias", "de", "diciembre", "enero", "febrero", "marzo",
                                        "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "po"]

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        switch slot.name {
        case "sondeo":
            return OpenPoll.check(value, context: context) { p in
                "Sondeo \(p.number ?? 0): «\(p.title)». Las opciones son:\n"
                    + p.options.enumerated().map { "\($0.offset + 1). \(SpanishFormat.dateTime($0.element, today: context.today))" }.joined(separator: "\n")
            }
        case "puede":
            guard var t = value.textValue, let p = OpenPoll.poll(run.values, in: context.snapshot) else { return .accept }
            // «la Carmen puede el martes y el Pedro no puede»: what others can is theirs to answer;
            // only the speaker's own part is kept, and they are told so.
            var remarks: [String] = []
            if let said = OpenPoll.othersSaid(t, members: context.members, speaker: context.userName) {
                let who = SlotValue.joinSpanish(said.others)
                let each = said.others.count == 1 ? "responde el sondeo en su propia conversación" : "responden el sondeo cada uno en su propia conversación"
                guard let own = said.own else {
                    return .reject("No anoto lo que pueden otras personas: \(who) \(each), escribiendo «responder sondeo».")
                }
                t = own
                remarks.append("Anoto solo lo tuyo: \(who) \(each), escribiendo «responder sondeo».")
            }
            // «las dos me sirven pero prefiero el jueves»: the poll keeps where one can go, not a
            // preference; said so, so the person knows the «jueves» was heard.
            if let pref = OpenPoll.preferred(OpenPoll.clauses(t), options: p.options), !pref.preferred.isEmpty {
                remarks.append("El sondeo guarda a qué opciones puedes ir, no preferencias: anoto todas las que puedes.")
            }
            // «el miércoles quizás»: an option said with a doubt is left out, and said so (qa37: it
            // was stored as one she could, and decided the poll).
            let unsure = OpenPoll.unsureDays(OpenPoll.clauses(t), options: p.options).sorted()
            let doubted = SlotValue.joinSpanish(unsure.map { "la \($0) (\(SpanishFormat.date(p.options[$0 - 1].date, today: context.today)))" })
            guard var picks = OpenPoll.picks(t, options: p.options) else {
                if !unsure.isEmpty {
                    return .reject("No marco \(doubted), porque no es seguro: el sondeo anota solo las opciones a las que puedes ir.")
                }
                return .reject("Dime los números de las opciones (del 1 al \(p.options.count)), «todas» o «ninguna».")
            }
            if !unsure.isEmpty {
                remarks.append("No marco \(doubted), porque no es seguro. Si se confirma, escribe «también puedo la \(unsure[0])».")
            }
            // «ah y el jueves también puedo» after «1 y 2»: more options, added to those chosen
            // (issue 12: it replaced them, and the tally on close was wrong). Only «mejor solo …»,
            // «no, …» replace.
            if !picks.isEmpty, Self.addsToAnswer(Phrase(t).tokens), let before = run.values["puede"]?.textValue, before != t,
               let had = OpenPoll.picks(before, options: p.options), !had.isEmpty {
                picks = Array(Set(picks).union(had)).sorted()
            }
            // Shown back plainly in the review: "la 1", "las 1 y 2", "ninguna".
            return .replace(.text(picks.isEmpty ? "ninguna" : (picks.count == 1 ? "la " : "las ") + SlotValue.joinSpanish(picks.map(String.init))),
                            remarks: remarks)
        default:
            return .accept
        }
    }

    /// «ninguna no, quiero cerrarlo» to «¿A cuáles puedes ir?», «cierra el sondeo, queda el
    /// jueves» at the answer's review: a request to close the poll, never an answer (it stored
    /// «ninguna», or read «jueves» as an option picked). The answer is left unsaved, and closing
    /// starts on this poll (on the day said, when one option is on it).
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        guard slot.name == "puede" else { return nil }
        if let change = reviewChange(message, run: run, context: context) { return change }
        // «no sé si el jueves, el miércoles sí»: a doubt about one option is no «no sé» about the
        // whole answer (it offered to pause); `validate` leaves the doubted option out, and says so.
        if case .asking = run.phase, message.phrase.tokens.count <= 30,
           let p = OpenPoll.poll(run.values, in: context.snapshot), !OpenPoll.unsureDays(OpenPoll.clauses(message.clean), options: p.options).isEmpty {
            return .fill(["puede": .text(message.clean)], remark: nil)
        }
        return nil
    }

    /// (A bare «cerrar sondeo» at the review is offered as a switch, the answer paused.)
    func reviewChange(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        let t = message.phrase.tokens
        guard !t.allSatisfy({ CerrarSondeoFlow.closingStems.opens($0) || CerrarSondeoFlow.closeFillers.contains($0) || Self.pollNouns.contains($0) || $0 == "el" })
        else { return nil }
        if let closing = Self.closing(message, run: run, context: context) { return closing }
        // «y la 4 igual», «también la 3 po» at the review: options added to those chosen, said
        // without «puedo» (`validate` adds them to the answer; issue 12).
        guard run.values["puede"] != nil, t.count <= 10, Self.addsToAnswer(t),
              let p = OpenPoll.poll(run.values, in: context.snapshot),
              let picks = OpenPoll.picks(message.clean, options: p.options), !picks.isEmpty else { return nil }
        return .fill(["puede": .text(message.clean)], remark: "Corregido.")
    }

    static func closing(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        let t = message.phrase.tokens
        // Cheap exact gate: a word of closing («cerrar», «ciérralo») not denied right before it
        // («no lo cierres»; «ninguna no, quiero cerrarlo» is no denial of closing).
        guard let i = t.firstIndex(where: CerrarSondeoFlow.closingStems.opens),
              !(i >= 1 && t[i - 1] == "no"), !(i >= 2 && t[i - 2] == "no" && ["lo", "la", "los", "las", "se"].contains(t[i - 1])),
              let p = OpenPoll.poll(run.values, in: context.snapshot), p.isOpen, let n = p.number else { return nil }
        var values: SlotValues = ["sondeo": .number(Double(n))]
        if let days = OpenPoll.dayPicks(OpenPoll.clauses(message.clean), options: p.options), days.count == 1 {
            values["elegida"] = .number(Double(days[0]))
        }
        return .instead(flow: "cerrar_sondeo", values: values, echo: [])
    }

    /// Closing (or answering) a poll deleted meanwhile: nothing left to resume. Nor answering a
    /// poll just closed: resumed, its «¿Guardo tu respuesta?» stored an answer on a closed poll.
    func outdated(_ run: FlowRun, bySaving kind: String, values: SlotValues, context: EngineContext) -> Bool {
        guard let n = run.values["sondeo"].flatMap(Read.int) else { return false }
        if kind == "poll_close", values["sondeo"].flatMap(Read.int) == n { return true }
        guard let p = context.snapshot?.polls.first(where: { $0.number == n }) else { return false }
        return BorrarRegistroFlow.removes(p.id, bySaving: kind, values: values)
    }

    func outdatedNote(_ run: FlowRun, context: EngineContext) -> String? {
        let n = run.values["sondeo"].flatMap(Read.int).map { " \($0)" } ?? ""
        return "Tu respuesta al sondeo\(n) quedó sin guardar: ese sondeo ya no recibe respuestas."
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        guard let n = v["sondeo"].flatMap(Read.int), let seen = snapshot.polls.first(where: { $0.number == n }) else {
            throw StoreError.notFound("ese sondeo")
        }
        let picks = OpenPoll.picks(v["puede"]?.textValue ?? "", options: seen.options) ?? []
        let who = user.name ?? user.id
        let answer = Poll.Answer(member: who, canAttend: picks.map { seen.options[$0 - 1] })
        // On the poll as stored now: another member answering at the same moment keeps their answer.
        let p = try w.store.modifyPoll(id: seen.id, network: snapshot.network.id) { fresh in
            fresh.answers.removeAll { $0.member == who }
            fresh.answers.append(answer)
        }
        var resumen = picks.isEmpty
            ? "anoté que no puedes en ninguna opción del sondeo \(n). Gracias por avisar."
            : "anoté que puedes en " + (picks.count == 1 ? "la opción " : "las opciones ") + SlotValue.joinSpanish(picks.map(String.init)) + " del sondeo \(n)."
        // The last answer is when the poll can be closed: say how, so nobody has to guess the words.
        if !snapshot.members.isEmpty, snapshot.members.allSatisfy({ m in p.answers.contains { $0.member == m.name } }) {
            resumen += p.createdBy == who || p.createdBy == nil
                ? " Ya respondieron todos: cuando quieras, escribe «cerrar sondeo» y elegimos la fecha."
                : " Ya respondieron todos; \(p.createdBy ?? "quien lo lanzó") puede cerrarlo escribiendo «cerrar sondeo»."
        }
        return ["id": p.id, "numero": String(n), "resumen": resumen]
    }
}

/// Words that ask to make something new: a message with them is a request, not an answer.
enum RequestWords {
    static let creating: Set<String> = ["hagamos", "hacer", "crear", "crea", "armar", "armemos", "lanzar", "lanza", "nuevo", "nueva", "otro", "otra"]
}
