import CivilTime
import Foundation
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/normas.yaml`: one or several working norms, proposed or already agreed. Each norm
/// is its own record (N-1, N-2…), so each can be repealed on its own later.
struct NormasFlow: MingaFlow {
    let id = "normas"
    let saveKind: String? = "norm"
    let slotNames = ["normas", "estado", "estados", "acordada_por", "fecha"]

    /// «otra: compartir la tabla», «y celulares en silencio»: the norm, without the words that
    /// only add it to the list.
    static func clean(_ text: String) -> String {
        var t = text.trimmingCharacters(in: .whitespaces)
        for lead in ["otra norma:", "otra norma,", "otra norma", "otra:", "otra,", "y "] where t.lowercased().hasPrefix(lead) {
            t = String(t.dropFirst(lead.count)).trimmingCharacters(in: .whitespaces)
            break
        }
        // «…, y que cada escuela mande la tabla»: the «que» only joins it to the list.
        if t.lowercased().hasPrefix("que "), Phrase(t).tokens.count >= 4 { t = String(t.dropFirst(4)).trimmingCharacters(in: .whitespaces) }
        return t
    }

    /// `claim` needs one of these (`ClaimCues`): A word of the norms.
    func claimCues(_ flow: FlowDefinition) -> ClaimCues { ClaimCues(words: Array(Self.normWords) + Array(Self.conductWords)) }

    /// «en la red acordamos unas normas: partir puntual, avisar si no vienes…», «propongo la norma
    /// de turnarnos la conducción»: norms told at the menu with whether they are agreed or only
    /// proposed. Each one said becomes its own norm; a norm already written down is left to
    /// `norma-estado` («ya acordamos la norma de turnarnos…» agrees that one).
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        // Cheap gate first: this runs on every message at the menu.
        if !t.contains(where: Self.normWords.contains) {
            guard t.contains(where: Self.conductWords.contains) else { return nil }
            return Self.unlabelled(message, context: context)
        }
        // «como norma de la red acordamos que…»: «como» says what it is, it asks nothing.
        let asNorm = zip(t, t.dropFirst()).contains { $0 == "como" && Self.normWords.contains($1) } && !message.questionMarked
        guard asNorm || !QuestionForm.asks(message) else { return nil }
        // «Norma Condori propone revisar las planillas», «acordamos que la Norma revisa…»: a
        // person named Norma asks for no norm.
        guard !NameWords.onlyAsName(Self.normWords, in: message.clean, members: context.members) else { return nil }
        let agreed = t.contains(where: Self.agreedVerbs.contains)
        let told = Self.told(message.clean)
        // «ya acordamos las normas 1 y 2»: numbers name norms already written down (`norma-estado`),
        // they are no new norm «1 y 2» (qa20).
        if let said = told, said.allSatisfy(Self.onlyNumbers) { return nil }
        // «hay que acordar las normas de funcionamiento» asks to write them, it is not «¿hay normas?»
        // (with the norms said, «proponer una norma: …», the request is read as usual).
        if told == nil, t.contains(where: Self.toAgree.contains), TerritoryReading.number(after: ["norma", "normas"], in: message.clean) == nil {
            return Claim()
        }
        // «acordar normas: a, b, c, y d»: the norms listed, each its own; whether they are
        // agreed or proposed is still asked.
        if !agreed, !t.contains(where: Self.proposedVerbs.contains), let said = told, said.count > 1, t.contains(where: Self.toAgree.contains) {
            return Claim(values: ["normas": .list(said)], echo: ["\(said.count) normas (" + SlotValue.joinSpanish(said.map { "«\($0)»" }) + ")"])
        }
        // «ahora una norma de la red: las reuniones parten puntual…», «normas: 1) … 2) …»: norms
        // labelled as such before a colon, told without a verb; whether they are agreed is still
        // asked. (Pass 8: the «reuniones» in the norm scheduled a meeting named after it.)
        if !agreed, !t.contains(where: Self.proposedVerbs.contains), let said = told, Self.labelled(message.clean) {
            return Claim(values: ["normas": .list(said)], echo: [said.count == 1 ? "norma: \(said[0])" : "\(said.count) normas (" + SlotValue.joinSpanish(said.map { "«\($0)»" }) + ")"])
        }
        // «anotemos las normas que acordamos ayer»: which norms (those agreed, and when), none of
        // them (issue 12: the norm stored was «acordamos ayer»). They are asked.
        if agreed, let said = told, said.count == 1, DialogEngine.namesOnlyOccasion(said[0], after: "normas") {
            var values: SlotValues = ["estado": .choice("acordada")]
            var echo = ["estado: ya está acordado"]
            if let (day, _) = DecidedOn.read(message.clean, context: context), let day {
                values["fecha"] = day
                echo.append("fecha: " + day.display(today: context.today))
            }
            return Claim(values: values, echo: echo)
        }
        guard agreed || t.contains(where: Self.proposedVerbs.contains), let said = told else { return nil }
        if said.count == 1, let s = context.snapshot, Self.existing(said[0], s) != nil { return nil }
        var values: SlotValues = ["normas": .list(said), "estado": .choice(agreed ? "acordada" : "propuesta")]
        // How many norms were read, so a list taken as one (or one cut in two) shows before the review.
        var echo = [said.count == 1 ? "norma: \(said[0])" : "\(said.count) normas (" + SlotValue.joinSpanish(said.map { "«\($0)»" }) + ")", "estado: " + (agreed ? "ya está acordado" : "es una propuesta")]
        // «…todos de acuerdo»: everyone of the network, the speaker included.
        if agreed, t.contains(where: { $0 == "todos" || $0 == "todas" }), let s = context.snapshot {
            var names = s.members.map(\.name)
            if let me = context.userName, !names.contains(me) { names.append(me) }
            values["acordada_por"] = .list(names)
            echo.append("acordado por: todos")
        }
        // «el 20 de noviembre acordamos las normas: …»: the day they were agreed.
        if agreed, let (said, _) = DecidedOn.read(String(message.clean.prefix { $0 != ":" }), context: context), let day = said {
            values["fecha"] = day
            echo.append("fecha: " + day.display(today: context.today))
        }
        return Claim(values: values, echo: echo)
    }

    /// How a group behaves at its meetings, said without the word «norma»: «puntual», «el
    /// celular en silencio». Only the gate of `unlabelled` («celular» alone is not: «Luis llama
    /// por celular a los apoderados» is a task).
    static let conductWords: WordSet = ["puntual", "puntuales", "puntualidad", "silencio"]

    /// «las reuniones parten puntual a las 15:15 y el celular en silencio» at the menu: how the
    /// network works, told in the general present with no day, is a norm (it scheduled a meeting
    /// named «parten puntual…» for today). A request to gather («agendemos la reunión el jueves,
    /// puntual») or any day said («el jueves», «cada lunes») is left to the meeting; a question too.
    /// Whether it is agreed or proposed is still asked, and the review shows it before it is kept.
    static func unlabelled(_ message: Utterance, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        guard !QuestionForm.asks(message), !t.contains(where: { EncuentroFlow.holdVerbs.contains($0) || EncuentroFlow.gatherVerbs.contains($0) }),
              !t.contains(where: { Self.agreedVerbs.contains($0) || EncuentroFlow.notScheduling.contains($0) }) else { return nil }
        if let m = TemporalParser.parse(message.clean, context: context.temporal) {
            guard case .time = m.value else { return nil }
        }
        // «la reunión del jueves parte puntual»: that one meeting, not how all of them go.
        guard !t.contains(where: { EditarEncuentroFlow.weekdayWords.contains($0) || EditarEncuentroFlow.monthNames.contains($0) || $0 == "hoy" || $0 == "manana" }),
              // «Luis llega puntual»: one person, not the network's way.
              !context.members.contains(where: { m in Phrase(m).tokens.first.map(t.contains) == true }) else { return nil }
        guard let said = told("normas: " + message.clean), !said.isEmpty else { return nil }
        return Claim(values: ["normas": .list(said)], echo: [said.count == 1 ? "norma: \(said[0])" : "\(said.count) normas (" + SlotValue.joinSpanish(said.map { "«\($0)»" }) + ")"])
    }

    /// «llegamos siempre a la hora», «siempre nos turnamos la conducción», «nunca dejamos a nadie
    /// sin hablar» at the menu: a habit of «we», told with «siempre» or «nunca», is offered as a
    /// norm to write down (qa34: «No te entendí»). Only offered, never taken: «siempre llegamos
    /// tarde» may be a complaint. A day said («el jueves partimos…») or a question is not a habit.
    func unclearOffer(_ message: Utterance, context: EngineContext) -> String? {
        let t = message.phrase.tokens
        guard context.snapshot != nil, t.count >= 3, t.contains(where: Self.habitWords.contains), !message.questionMarked,
              let verb = t.prefix(5).firstIndex(where: Self.isPresentWe),
              !t.contains(where: { Self.agreedVerbs.contains($0) || Self.proposedVerbs.contains($0) }), !QuestionForm.asks(message) else { return nil }
        // «siempre llegamos tarde a las reuniones, es un problema»: a complaint tells no norm.
        guard !t[verb...].contains(where: Self.complaintWords.contains) else { return nil }
        if let m = TemporalParser.parse(message.clean, context: context.temporal) {
            guard case .time = m.value else { return nil }
        }
        return "normas: " + message.clean
    }

    /// How often a habit holds: what makes «partimos con una lectura» the network's way.
    static let habitWords: WordSet = ["siempre", "nunca", "jamas", "normalmente", "generalmente", "habitualmente"]
    /// Words that make a habit a complaint rather than a norm.
    static let complaintWords: WordSet = ["tarde", "atrasados", "atrasadas", "problema", "olvidamos", "faltamos"]

    /// «partimos», «llegamos», «nos turnamos», «dejamos»: a verb in the present of «we» (six
    /// letters or more: «ramos», «temas» are no verbs).
    static func isPresentWe(_ w: String) -> Bool {
        w.count >= 6 && (w.hasSuffix("amos") || w.hasSuffix("emos") || w.hasSuffix("imos")) && !nounsLikeVerbs.contains(w)
    }

    /// «una norma de la red: …», «ahora las normas:»: a short label naming norms, then a colon.
    static func labelled(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let label = Phrase(String(text[..<colon])).tokens
        return label.count <= 6 && label.contains(where: normWords.contains)
            && label.allSatisfy { normWords.contains($0) || labelFillers.contains($0) }
    }

    static let labelFillers: Set<String> = ["ahora", "y", "una", "unas", "la", "las", "otra", "otras", "nueva", "nuevas", "de", "del", "red",
                                            "nuestra", "nuestras", "tambien", "ya", "ok", "oye", "funcionamiento", "convivencia", "aqui", "van", "estas", "esta"]

    /// «1 y 2», «la 2», «las dos primeras»: a norm told that is only numbers or ordinals.
    static func onlyNumbers(_ item: String) -> Bool {
        let t = Phrase(item).tokens.filter { !["la", "las", "el", "los", "norma", "normas", "y", "e"].contains($0) }
        return !t.isEmpty && t.allSatisfy { ordinals[$0] != nil || Int($0) != nil }
    }

    static let normWords: WordSet = ["norma", "normas", "regla", "reglas"]
    static let toAgree: WordSet = ["acordar", "definir", "proponer", "establecer", "anotar", "registrar", "escribir", "ponernos", "acordemos", "definamos",
                                   // «agreguemos normas: …», «anotemos estas reglas: …» (qa26 c2: the list was one norm).
                                   "agreguemos", "agregar", "agrega", "anotemos", "anota", "registremos", "registra", "sumemos", "pongamos"]
    static let agreedVerbs: WordSet = ["acordamos", "acordaron", "acordo", "quedamos", "definimos", "decidimos", "aprobamos", "aprobaron"]
    static let proposedVerbs: WordSet = ["propongo", "proponemos", "propuse", "propusimos", "propone", "proponen", "sugiero", "sugerimos"]

    /// The norms a sentence tells: what follows «normas:» or «la norma de/que», one per comma,
    /// semicolon or «y» before a verb («turnarnos la conducción y enviar la tabla»); nil when no
    /// norm follows (a request like «propongo unas normas» is answered by asking).
    static func told(_ text: String) -> [String]? {
        var body: Substring
        if let colon = text.firstIndex(of: ":"), Phrase(String(text[..<colon])).tokens.contains(where: normWords.contains) {
            body = text[text.index(after: colon)...]
        } else if let r = text.range(of: #"(?i)\bcomo\s+(norma|regla)s?(\s+de\s+(la\s+red|funcionamiento|convivencia))?,?\s+(\w+\s+)?que\s+"#, options: .regularExpression) {
            // «como norma de la red acordamos que las reuniones empiezan puntual…»: what follows «que».
            body = text[r.upperBound...]
        } else if let r = text.range(of: #"(?i)\b(norma|regla)s?\s+(de\s+que|de|que)\s+"#, options: .regularExpression) {
            body = text[r.upperBound...]
            // «las normas de funcionamiento», «reglas de la red»: which norms, not one of them.
            let first = Phrase(String(body)).tokens.prefix(2)
            if let w = first.first, ["funcionamiento", "convivencia", "trabajo", "la", "nuestra", "esta"].contains(w),
               w != "la" || first.dropFirst().first == "red" {
                return nil
            }
        } else {
            return nil
        }
        // «…, todos de acuerdo», «…, estamos todos de acuerdo»: who agreed, not a norm.
        if let r = body.range(of: #"(?i)[,;.]?\s*(y\s+)?(estamos\s+|estuvimos\s+|quedamos\s+)?tod[oa]s\s+de\s+acuerdo.*$"#, options: .regularExpression) {
            body = body[..<r.lowerBound]
        }
        let out = pieces(String(body)).map(clean).filter { !$0.isEmpty }
        return out.isEmpty ? nil : out
    }

    /// «partir puntual, celulares en silencio y avisar si no vienes»: one norm per comma,
    /// semicolon or «y» before a verb; a condition keeps what follows it.
    static func pieces(_ body: String) -> [String] {
        var items: [String] = []
        var openCondition = false
        for (index, piece) in body.split(whereSeparator: { $0 == "," || $0 == ";" }).enumerated() {
            var rest = piece.trimmingCharacters(in: .whitespaces)
            let joined = rest.lowercased().hasPrefix("y ")
            if joined { rest = String(rest.dropFirst(2)) }
            // «si alguien no puede venir, avisa por el grupo»: a condition and what follows it are one norm.
            if openCondition, !joined, let last = items.popLast() {
                let parts = splitBeforeVerb(rest)
                items.append(last + ", " + parts[0])
                items += parts.dropFirst()
                openCondition = false
                continue
            }
            // «…pa compartir, rotamos»: a single word is no norm of its own but the end of the one before.
            if !joined, let last = items.last, Phrase(rest).tokens.count < 2 {
                items[items.count - 1] = last + ", " + rest
                continue
            }
            var parts = splitBeforeVerb(rest)
            // «empezar puntual, celulares en silencio y que cada reunión tenga acta»: after a
            // comma, «y que» with a clause of its own opens the list's last norm (qa34: stored
            // as one norm with the one before it).
            if index > 0 { parts = parts.flatMap(Self.splitAtAndThat) }
            items += parts
            openCondition = parts.count == 1 && ["si", "cuando", "mientras", "aunque"].contains(Phrase(rest).tokens.first ?? "")
        }
        // «1) se respeta el turno…, 2) …»: the list's numbering is no part of a norm.
        return items.map { $0.replacingOccurrences(of: #"^\s*\d{1,2}\s*[).-]\s*"#, with: "", options: .regularExpression) }
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines.union(.init(charactersIn: "."))) }.filter { !$0.isEmpty }
    }

    /// «partir puntual, celulares en silencio y avisar si no vienes» to «¿Qué norma proponen?»:
    /// several norms written as prose, each its own (added to those already said). Lists with
    /// markers («1) … 2) …», «a; b») are the engine's.
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        // «otra norma, que cada escuela manda…» at «¿Quiénes lo acordaron?» (qa27 C6: read as a
        // person's name): one more norm, added to the list; the question stands.
        if slot.name != "normas", let more = Self.anotherNorm(message, run: run) { return more }
        // «todos, en la reunión del jueves pasado» to «¿Quiénes lo acordaron?»: who, and the day
        // they agreed it (qa33: the day was dropped and the norms got today's date).
        if slot.name == "acordada_por", run.values["fecha"] == nil, message.clean.count <= 160,
           let (day, rest) = DecidedOn.pastDay(message.clean, context: context), !rest.isEmpty,
           // «todos» is read by the shared reading, not as names: the whole network here too.
           let names = SharedReadings.everyone.contains(Phrase(rest).core) ? SharedReadings.everyoneNames(context)
               : DialogEngine.people(in: rest, slot: slot, context: context) {
            return .fill(["acordada_por": .list(names), "fecha": .date(day)], remark: nil)
        }
        // «ya está acordado, lo acordamos en la reunión de noviembre»: agreed, and the day it was.
        if slot.name == "estado" {
            // «son 3 normas: a, b, c» at the state question: the norms told again, in place of
            // those read (it was no option, «No entendí»); the state is asked again.
            if message.clean.contains(":"), let told = Self.toldAgain(message) { return told }
            // «ya la acordamos», «las aprobamos», «ya se acordó»: agreed, said with its verb only
            // (the «acordamos» offered to register an agreement).
            if Self.agreedOnly(message.phrase.tokens) { return .fill(["estado": .choice("acordada")], remark: nil) }
            // «la primera ya está acordada, la segunda es propuesta todavía»: each norm its own state.
            if let states = Self.statesByOrdinal(message.clean, count: run.values["normas"]?.listValue?.count ?? 0) {
                var values: SlotValues = ["estado": .choice(states.contains("acordada") ? "acordada" : "propuesta")]
                if Set(states).count > 1 { values["estados"] = .list(states) }
                return .fill(values, remark: nil)
            }
            // «propuesta, la votamos en marzo»: a proposal, whatever day it will be voted (that
            // day was taken as the day it was agreed: pass 8, 04-8).
            let t = message.phrase.tokens
            if t.contains(where: { $0 == "propuesta" || $0 == "propuestas" }),
               !t.contains(where: { ["acordada", "acordadas", "acordamos", "aprobada", "aprobadas"].contains($0) }) {
                return .fill(["estado": .choice("propuesta")], remark: nil)
            }
            // «ya está acordada por Luis y Marta»: agreed, and by whom (then not asked).
            if Self.stateSaid(t) == "acordada", let who = Self.agreedBy(message, context: context) {
                var values: SlotValues = ["estado": .choice("acordada"), "acordada_por": .list(who)]
                if let (said, _) = DecidedOn.read(message.clean, context: context), let day = said { values["fecha"] = day }
                return .fill(values, remark: nil)
            }
            guard let (said, _) = DecidedOn.read(message.clean, context: context), let day = said else { return nil }
            return .fill(["estado": .choice("acordada"), "fecha": day], remark: nil)
        }
        // «no sé, después lo veo»: not knowing is no norm (the engine offers to pause), not two norms.
        guard slot.name == "normas", !message.clean.contains(";"), ListSplitter.split(message.clean) == nil,
              !DialogEngine.saysUnsure(message.phrase) else { return nil }
        let said = Self.pieces(message.clean).map(Self.clean).filter { !$0.isEmpty }
        guard said.count >= 2 else { return nil }
        return .fill(["normas": .list((run.values["normas"]?.listValue ?? []) + said)], remark: nil)
    }

    /// «la 1 y la 3 acordadas, las demás son propuestas» at the review: each norm its own state.
    /// «son dos normas, y ya están acordadas por todos»: how many norms there are and their
    /// state, said in words (qa17: re-asked, then one norm saved as propuesta).
    func reviewChange(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        // «otra norma, que cada escuela manda…» at the review (qa27 C6: it showed the list and
        // asked for «agrega …»): added, as «agrega» would.
        if let more = Self.anotherNorm(message, run: run) { return more }
        let items = run.values["normas"]?.listValue ?? []
        let t = message.phrase.tokens
        if items.count >= 2, t.contains(where: { $0.hasPrefix("acordad") || $0.hasPrefix("propuest") }),
           let states = Self.statesByOrdinal(message.clean, count: items.count) {
            var values: SlotValues = ["estado": .choice(states.contains("acordada") ? "acordada" : "propuesta")]
            if Set(states).count > 1 { values["estados"] = .list(states) }
            return .fill(values, remark: nil)
        }
        var values: SlotValues = [:]
        var remark: String?
        // «son dos normas», «eran 3»: the list read as fewer norms than there are.
        // The review shows a list joined with «y», so «son dos» may only check it: said back.
        if let said = Self.countSaid(t), said == items.count, said >= 2 {
            remark = "Sí, son \(said) normas: " + SlotValue.joinSpanish(items.map { "«\($0)»" }) + "."
        } else if let said = Self.countSaid(t), !items.isEmpty {
            // At «y» before a verb first; if that is not the count said, at every «y».
            var split = Self.resplit(items)
            if split.count != said {
                let atAnd = split.flatMap { $0.components(separatedBy: " y ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
                if atAnd.count == said { split = atAnd }
            }
            guard split.count == said else {
                return .reask("Anoté \(items.count == 1 ? "una norma" : "\(items.count) normas"), no \(said): "
                    + SlotValue.joinSpanish(items.map { "«\($0)»" }) + ". Para separarlas, dime «1» y escríbelas numeradas, por ejemplo «1) empezar a la hora 2) celulares en silencio».")
            }
            values["normas"] = .list(split)
            remark = "Son \(split.count) normas: " + SlotValue.joinSpanish(split.map { "«\($0)»" }) + "."
        }
        // «ya están acordadas por todos», «todavía es propuesta»: one state for them all.
        if let state = Self.stateSaid(t) {
            values["estado"] = .choice(state)
            if run.values["estado"]?.textValue != state { remark = [remark, "Corregido."].compactMap { $0 }.joined(separator: " ") }
            if state == "acordada", t.contains(where: { $0 == "todos" || $0 == "todas" }), let s = context.snapshot {
                values["acordada_por"] = .list(Self.everyone(s, context: context))
            } else if state == "acordada", let who = Self.agreedBy(message, context: context) {
                // «no, ya está acordada por Luis y Marta»: who agreed it too (it asked «¿Quiénes
                // lo acordaron?» after «Corregido.», the names lost).
                if run.values["acordada_por"]?.listValue != who, remark == nil { remark = "Corregido." }
                values["acordada_por"] = .list(who)
            }
        }
        return values.isEmpty && remark == nil ? nil : .fill(values, remark: remark)
    }

    /// «son 3 normas: a, b, c», «eran dos normas: a; b», «las normas son: a y b»: the norms
    /// labelled before a colon that says what the list is; when a count is said it must be
    /// what was read. Nil otherwise.
    static func toldAgain(_ message: Utterance) -> Reading? {
        let clean = message.clean
        guard let colon = clean.firstIndex(of: ":") else { return nil }
        let head = Phrase(String(clean[..<colon])).tokens
        guard head.count <= 6, head.contains(where: normWords.contains), head.contains(where: { $0 == "son" || $0 == "eran" }),
              let said = told(clean), !said.isEmpty else { return nil }
        if let n = countSaid(head), n != said.count { return nil }
        return .fill(["normas": .list(said)],
                     remark: said.count == 1 ? "Es una norma: «\(said[0])»." : "Son \(said.count) normas: " + SlotValue.joinSpanish(said.map { "«\($0)»" }) + ".")
    }

    /// «ya la acordamos», «las aprobamos», «ya se acordaron», «sí, la votamos»: only a verb of
    /// agreeing and its pronouns, no day or people.
    static func agreedOnly(_ t: [String]) -> Bool {
        t.count <= 5 && t.contains(where: { agreedVerbs.contains($0) || $0 == "votamos" || $0 == "votaron" })
            && t.allSatisfy { agreedVerbs.contains($0) || agreedFillers.contains($0) }
    }

    static let agreedFillers: WordSet = ["ya", "la", "las", "lo", "los", "se", "si", "po", "sip", "todos", "todas", "votamos", "votaron",
                                         "acordaron", "acordo", "aprobo", "entre", "nosotros", "eso", "esa", "esas", "esto", "ok"]

    /// The people after «por» in «acordada por Luis y Marta», «la aprobaron por la Rosa y el
    /// Juan», up to where or when («en la reunión», «el lunes»); nil when there is no «por» after
    /// a word of agreeing, or it names nobody. Cheap gate: a «por» token.
    static func agreedBy(_ message: Utterance, context: EngineContext) -> [String]? {
        let t = message.phrase.tokens
        guard let por = t.indices.first(where: { i in t[i] == "por" && i > 0
                  && t[..<i].contains { $0.hasPrefix("acordad") || $0.hasPrefix("aprobad") || agreedVerbs.contains($0) } }),
              por + 1 < t.count else { return nil }
        var words = message.clean.split(separator: " ").map(String.init)
        guard words.count == t.count else { return nil }
        words.removeFirst(por + 1)
        let folded = t[(por + 1)...].map { $0 }
        // «el» cuts only before a day («el lunes», «el 12»): «por Luis y el Juan» names two.
        let days: Set<String> = ["lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo", "dia", "mes", "ano"]
        if let cut = folded.indices.first(where: { i in i > 0 && (["en", "durante", "ayer", "hoy", "para", "cuando", "pero"].contains(folded[i])
            || (folded[i] == "el" && i + 1 < folded.count && (Int(folded[i + 1]) != nil || days.contains(folded[i + 1])))) }) {
            words = Array(words[..<cut])
        }
        guard !words.isEmpty else { return nil }
        let who = DialogEngine.people(in: words.joined(separator: " ").trimmingCharacters(in: .punctuationCharacters), slot: agreedBySlot, context: context)
        return who?.isEmpty == false ? who : nil
    }
    static let agreedBySlot = SlotDefinition(name: "acordada_por", type: .people, ask: "")

    /// «otra norma, que …», «y otra norma: …», «otra regla: …»: one more norm said in the
    /// middle of the flow, added to those already said (with a remark). Nil unless the message
    /// opens with «(y) otra norma/regla» and says the norm (two words of content or more).
    static func anotherNorm(_ message: Utterance, run: FlowRun) -> Reading? {
        var t = message.phrase.tokens[...]
        if t.first == "y" { t = t.dropFirst() }
        guard t.count >= 4, t.first == "otra", let noun = t.dropFirst().first, noun == "norma" || noun == "regla" else { return nil }
        var text = message.clean.trimmingCharacters(in: .whitespaces)
        if text.lowercased().hasPrefix("y ") { text = String(text.dropFirst(2)) }
        // Past «otra norma» (and its comma or colon).
        let words = text.split(separator: " ", maxSplits: 2)
        guard words.count == 3 else { return nil }
        var norm = String(words[2]).trimmingCharacters(in: CharacterSet(charactersIn: ",:; "))
        if norm.lowercased().hasPrefix("que ") || norm.lowercased().hasPrefix("q ") { norm = String(norm.drop { $0 != " " }.dropFirst()) }
        while let last = norm.last, ".!".contains(last) { norm.removeLast() }
        guard Phrase(norm).contentCount >= 2 else { return nil }
        let items = run.values["normas"]?.listValue ?? []
        return .fill(["normas": .list(items + [norm])], remark: "Agregué la norma «\(norm)».")
    }

    /// Everyone of the network, the speaker included.
    static func everyone(_ s: NetworkSnapshot, context: EngineContext) -> [String] {
        var names = s.members.map(\.name)
        if let me = context.userName, !names.contains(me) { names.append(me) }
        return names
    }

    /// «son dos normas», «eran 3», «en realidad son tres»: the number of norms said, or nil.
    static func countSaid(_ t: [String]) -> Int? {
        let numbers = ["una": 1, "1": 1, "dos": 2, "2": 2, "tres": 3, "3": 3, "cuatro": 4, "4": 4, "cinco": 5, "5": 5]
        for (i, w) in t.enumerated() where ["son", "eran", "fueron", "hay"].contains(w) && i + 1 < t.count {
            guard let n = numbers[t[i + 1]] else { continue }
            // «son dos»: only with «normas» (or nothing) after the number, not «son dos horas».
            if i + 2 >= t.count || normWords.contains(t[i + 2]) || ["y", "pero", "que", "ya"].contains(t[i + 2]) { return n }
        }
        return nil
    }

    /// The state one word of the answer gives all the norms: agreed or only proposed; nil when
    /// it says none (or both).
    static func stateSaid(_ t: [String]) -> String? {
        let agreed = t.contains { $0.hasPrefix("acordad") || $0.hasPrefix("aprobad") || agreedVerbs.contains($0) }
        let proposed = t.contains { $0.hasPrefix("propuest") || proposedVerbs.contains($0) }
            || t.indices.contains { t[$0] == "no" && $0 + 1 < t.count && ["acordada", "acordadas", "acordamos", "aprobada", "aprobadas"].contains(t[$0 + 1]) }
        // «todavía no está acordada»: the negation wins.
        return proposed ? "propuesta" : agreed ? "acordada" : nil
    }

    /// The norms cut again where one holds two: at «y» before a verb, a comma or a semicolon.
    static func resplit(_ items: [String]) -> [String] {
        items.flatMap { item -> [String] in
            let parts = pieces(item).map(clean).filter { !$0.isEmpty }
            return parts.isEmpty ? [item] : parts
        }
    }

    /// One state per norm when the answer names them by order («la primera ya está acordada, la
    /// segunda es propuesta todavía», «la 1 acordada y las demás propuestas»); nil unless every
    /// norm of the list gets one.
    static func statesByOrdinal(_ text: String, count: Int) -> [String]? {
        guard count >= 2 else { return nil }
        let states = statesNamed(text, count: count)
        guard states.allSatisfy({ $0 != nil }) else { return nil }
        return states.compactMap { $0 }
    }

    /// The state the text gives each of `count` norms named by order or number, nil for those it
    /// does not name.
    static func statesNamed(_ text: String, count: Int) -> [String?] {
        guard count >= 1 else { return [] }
        var states = [String?](repeating: nil, count: count)
        var rest: String?
        // «la 1 y la 3 acordadas»: norms named before the state that goes for them all.
        var waiting: [Int] = []
        // «ya acordamos las normas 1 y 2»: norms named, with no state of their own, right after a
        // clause that said one: that state goes for them too, unless a later clause gives them
        // one (qa20: the 2 was left out and stayed proposed, or became a new norm «1 y 2»).
        var carried: [Int] = []
        // The state said last, so «…, la 2 no» says the other one of the norms it names.
        var last: String?
        let clauses = text.replacingOccurrences(of: " y ", with: ", ").split(whereSeparator: { ",;.".contains($0) })
        for clause in clauses {
            let t = Phrase(String(clause)).tokens
            let proposed = t.contains { ["propuesta", "propuestas", "pendiente", "pendientes", "falta", "propone", "proponemos"].contains($0) }
                || t.indices.contains { t[$0] == "no" && $0 + 1 < t.count && ["acordada", "acordadas", "esta", "estan", "la", "las"].contains(t[$0 + 1]) }
                || t.starts(with: ["todavia", "no"]) || t.contains("aun") && t.contains("no")
            let agreed = t.contains { ["acordada", "acordadas", "acordado", "acordamos", "aprobada", "aprobadas", "lista"].contains($0) }
            var named: [Int] = []
            // «las dos primeras», «las 2 últimas»: a group counted from one end of the list.
            var grouped: Set<Int> = []
            for (i, w) in t.enumerated() {
                guard let n = ["dos": 2, "2": 2, "tres": 3, "3": 3, "cuatro": 4, "4": 4][w], n <= count else { continue }
                let around = [i > 0 ? t[i - 1] : "", i + 1 < t.count ? t[i + 1] : ""]
                if around.contains(where: { $0 == "primeras" || $0 == "primeros" }) {
                    named += Array(1...n)
                    grouped.insert(i)
                } else if around.contains(where: { $0 == "ultimas" || $0 == "ultimos" }) {
                    named += Array((count - n + 1)...count)
                    grouped.insert(i)
                }
            }
            for (i, w) in t.enumerated() where !grouped.contains(i) {
                if let k = ordinals[w] ?? (w == "ultima" ? count : nil), k >= 1, k <= count,
                   // «las 2 horas»: a number followed by a unit is not a norm.
                   !(i + 1 < t.count && ["horas", "hora", "minutos", "dias", "semanas"].contains(t[i + 1])) {
                    named.append(k)
                }
            }
            // «la 1 y la 3 quedaron acordadas, la 2 no», «…, la 2 sí»: a bare yes or no after the
            // norms it names is the state said before, or its other (pass 8: the «no» was lost
            // and all three were stored agreed).
            let bare = t.filter { !["la", "las", "el", "los", "norma", "normas", "y", "pero", "todavia", "aun", "tampoco", "igual", "tambien"].contains($0) && ordinals[$0] == nil }
            if !proposed, !agreed, !(named + waiting).isEmpty, bare == ["no"] || bare == ["si"] || bare.isEmpty && t.contains("tampoco") {
                let yes = bare == ["si"]
                let state = last.map { yes ? $0 : ($0 == "acordada" ? "propuesta" : "acordada") } ?? (yes ? "acordada" : "propuesta")
                // «…las normas 1 y 2, la 3 no»: the «no» is the 3's; the 2 keeps the state said with the 1.
                if let last, !named.isEmpty { for k in carried { states[k - 1] = last } }
                else { waiting += carried }
                carried = []
                for k in waiting + named { states[k - 1] = state }
                waiting = []
                continue
            }
            guard proposed || agreed else {
                // Only numbers or ordinals («2», «la 2»), right after a clause with a state.
                if last != nil, waiting.isEmpty, !named.isEmpty, bare.isEmpty { carried += named } else { waiting += carried + named; carried = [] }
                continue
            }
            let state = proposed ? "propuesta" : "acordada"
            last = state
            for k in carried + waiting + named { states[k - 1] = state }
            carried = []
            waiting = []
            if t.contains(where: { ["demas", "otras", "resto", "otra"].contains($0) }) { rest = state }
        }
        if let last { for k in carried { states[k - 1] = last } }
        if let rest { for i in states.indices where states[i] == nil { states[i] = rest } }
        return states
    }

    static let ordinals: [String: Int] = ["primera": 1, "primero": 1, "1": 1, "uno": 1, "segunda": 2, "segundo": 2, "2": 2, "dos": 2,
                                          "tercera": 3, "tercero": 3, "3": 3, "tres": 3, "cuarta": 4, "4": 4, "cuatro": 4, "quinta": 5, "5": 5]

    /// «turnarnos la conducción y enviar la tabla» is two norms; «celulares y tablets en silencio» one.
    /// `text` cut before a «y que» that has a norm on each side (two words or more before it,
    /// three or more after it); the «que» stays, as the norm is said.
    static func splitAtAndThat(_ text: String) -> [String] {
        let words = text.split(separator: " ").map(String.init)
        guard let i = words.indices.dropFirst(2).first(where: { words[$0].lowercased() == "y" && $0 + 1 < words.count
                  && ["que", "q"].contains(words[$0 + 1].lowercased()) }), words.count - i - 2 >= 3 else { return [text] }
        return [words[..<i].joined(separator: " "), words[(i + 1)...].joined(separator: " ")]
    }

    static func splitBeforeVerb(_ text: String) -> [String] {
        let words = text.split(separator: " ").map(String.init)
        var out: [[String]] = [[]]
        for (i, w) in words.enumerated() {
            if w.lowercased() == "y", i > 0, i + 1 < words.count,
               isInfinitive(words[i + 1]) || clauseAfter(out[out.count - 1], words[(i + 1)...]) || bothClauses(out[out.count - 1], words[(i + 1)...]),
               !out[out.count - 1].isEmpty {
                out.append([])
                continue
            }
            out[out.count - 1].append(w)
        }
        return out.map { $0.joined(separator: " ") }.filter { !$0.isEmpty }
    }

    /// «las reuniones parten puntual a las 15:15 y el celular en silencio»: a clause with its own
    /// subject before the «y», and after it another subject with what is done with it («el celular
    /// en silencio», «los celulares se dejan afuera»): two norms (qa32: stored as one). «respetar
    /// el turno y la opinión de los demás» (no subject before) and «el acta y la tabla del
    /// encuentro» (nothing said of the second) stay one.
    static func clauseAfter(_ before: [String], _ after: ArraySlice<String>) -> Bool {
        guard let first = before.first, after.count >= 3, subjectLeads.contains(TextFold.fold(after[after.startIndex])) else { return false }
        // «llegar puntual a las 15:15 y el celular en silencio»: a norm said with its verb before
        // the «y» is whole too (it was one norm). Not one whose verb only takes the noun that
        // the «y» joins («dejar el celular y la mochila en la sala»: one norm).
        let folded = before.map { TextFold.fold($0) }
        let opensClause = before.count >= 3 && subjectLeads.contains(folded[0])
            || before.count >= 2 && (isInfinitive(first) || isPresentPlural(first)) && !(before.count == 3 && subjectLeads.contains(folded[1]))
        return opensClause && predicateLeads.contains(TextFold.fold(after[after.startIndex + 2]))
    }

    /// «rotar quien toma el acta y lo que se comparte de cada escuela queda en la red»: a norm
    /// with its verb before the «y», and after it a subject of its own with its own verb (a
    /// relative «lo que…», or a verb after «se», «no», «que»): two norms (qa39: stored as one).
    /// «respetar el turno y la opinión de los demás», «dejar el celular y la mochila en la sala»
    /// (no verb after) stay one.
    static func bothClauses(_ before: [String], _ after: ArraySlice<String>) -> Bool {
        guard before.count >= 3, after.count >= 4, let first = before.first, isInfinitive(first) || isPresentPlural(first) else { return false }
        let folded = after.map { TextFold.fold($0).filter(\.isLetter) }
        guard clauseOpeners.contains(folded[0]) else { return false }
        // Finite verbs: right after «se», «no», «que» or «quien», or a common main verb («queda»).
        let verbs = folded.indices.dropFirst().filter { k in
            let w = folded[k]
            if mainVerbs.contains(w) { return true }
            guard w.count >= 4, !nounsLikeVerbs.contains(w) else { return false }
            return ["se", "no", "que", "quien", "quienes"].contains(folded[k - 1]) && (w.hasSuffix("a") || w.hasSuffix("e") || w.hasSuffix("an") || w.hasSuffix("en"))
        }.count
        // «lo que se comparte… queda…»: a relative as the subject needs a verb of its own after
        // it («…y la pauta que se usa», «…y quien lleva la tabla» are what the first verb takes).
        let relative = folded.prefix(3).contains("que") || ["quien", "quienes"].contains(folded[0])
        return verbs >= (relative ? 2 : 1)
    }

    static let mainVerbs: Set<String> = ["queda", "quedan", "es", "son", "esta", "estan", "va", "van", "debe", "deben", "tiene", "tienen",
                                         "sirve", "sirven", "pertenece", "circula", "circulan", "vale"]

    /// Words that open a clause's own subject after a «y».
    static let clauseOpeners: Set<String> = ["el", "la", "los", "las", "lo", "cada", "todo", "todos", "todas", "nadie", "quien", "quienes"]

    static let subjectLeads: Set<String> = ["el", "la", "los", "las", "cada"]
    /// What may follow the second subject's noun to say what is done with it.
    static let predicateLeads: Set<String> = ["en", "con", "sin", "se", "no", "siempre", "nunca", "apagado", "apagados", "apagada", "apagadas",
                                              "silenciado", "silenciados", "guardado", "guardados", "afuera", "fuera"]

    /// «parten», «empiezan», «llegamos», «dejamos»: a verb in the present of «they» or «we»,
    /// as a norm told as a habit starts («parten puntual a las 15:15 y el celular en silencio»
    /// is two norms, as «partir puntual… y el celular…» is). Nouns that end the same way
    /// («orden», «examen», «plan») are not.
    static func isPresentPlural(_ word: String) -> Bool {
        let w = Phrase(word).core
        guard w.count >= 5, !nounsLikeVerbs.contains(w) else { return false }
        return w.hasSuffix("an") || w.hasSuffix("en") || w.hasSuffix("amos") || w.hasSuffix("emos") || w.hasSuffix("imos")
    }

    static let nounsLikeVerbs: Set<String> = ["orden", "examen", "imagen", "resumen", "volumen", "origen", "margen", "joven", "jovenes",
                                              "almacen", "certamen", "dictamen", "germen", "regimen", "tabla", "ramos", "temas", "primos"]

    /// «enviar», «turnarnos», «ponerse»: a verb as a norm starts.
    static func isInfinitive(_ word: String) -> Bool {
        let w = Phrase(word).core
        guard w.count > 3 else { return false }
        for end in ["ar", "er", "ir"] {
            if w.hasSuffix(end) { return true }
            for clitic in ["nos", "se", "lo", "la", "los", "las", "le", "les"] where w.hasSuffix(end + clitic) { return true }
        }
        return false
    }

    /// The norm already written down that `text` names by its words (most of its words said, and
    /// no other norm as close), or nil.
    static func existing(_ text: String, _ s: NetworkSnapshot) -> Norm? {
        let said = TerritoryReading.words(text)
        let scored = s.norms.map { n -> (Norm, Int) in
            let own = TerritoryReading.words(n.text)
            let hits = own.filter { w in said.contains(w) || said.contains { $0.count > 4 && w.hasPrefix($0) || w.count > 4 && $0.hasPrefix(w) } }.count
            return (n, own.count >= 2 && hits >= 2 && hits * 2 >= own.count ? hits : 0)
        }
        guard let top = scored.map(\.1).max(), top > 0 else { return nil }
        let best = scored.filter { $0.1 == top }
        return best.count == 1 ? best[0].0 : nil
    }

    /// «todos» when everyone of the network agreed (the speaker included), else their names.
    static func who(_ names: [String], members: [String]) -> String {
        !names.isEmpty && Set(members).isSubset(of: Set(names)) ? "todos" : SlotValue.joinSpanish(names)
    }

    /// The norms as the summary shows them, without «otra:».
    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        // Back to a proposal: nobody agreed it yet (the review kept showing who had).
        if slot.name == "estado", value.textValue == "propuesta", run.values["acordada_por"] != nil {
            return Verdict(value: value, others: ["acordada_por": nil])
        }
        guard slot.name == "normas" else { return .accept }
        if case .text(let t) = value { return Self.clean(t) == t ? .accept : .replace(.text(Self.clean(t))) }
        guard case .list(let items) = value else { return .accept }
        let cleaned = items.map(Self.clean).filter { !$0.isEmpty }
        return cleaned == items ? .accept : .replace(.list(cleaned))
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        let texts = (v["normas"]?.listValue ?? []).map(Self.clean).filter { !$0.isEmpty }
        let state = v["estado"]?.textValue.flatMap(Norm.State.init(rawValue:)) ?? .propuesta
        let agreedBy = state == .acordada ? (v["acordada_por"]?.listValue ?? []) : []
        // Each norm's own state when the answer gave one per norm.
        let each = (v["estados"]?.listValue ?? []).compactMap(Norm.State.init(rawValue:))
        let mixed = each.count == texts.count && Set(each).count > 1
        var saved: [Norm] = []
        for (i, text) in texts.enumerated() {
            let own = mixed ? each[i] : state
            saved.append(try w.store.addNorm(Norm(id: "", text: text, date: v["fecha"]?.dateValue ?? w.clock.today(),
                                                  agreedBy: own == .acordada ? agreedBy : [], state: own).registered(by: user.name),
                                             network: snapshot.network.id, key: w.key?.part(i)))
        }
        let who = "por " + Self.who(agreedBy, members: snapshot.members.map(\.name) + [user.name].compactMap { $0 })
        let list = saved.map { "\n- Norma \($0.number ?? 0): \($0.text)" + (mixed ? " (\($0.state == .acordada ? "acordada " + who : $0.state.label))" : "") }.joined()
        let resumen: String
        if mixed {
            resumen = "Quedaron anotadas \(saved.count) normas:" + list
                + "\nCuando acuerden las propuestas, cuéntame («ya acordamos la norma \(saved.first { $0.state == .propuesta }?.number ?? 0)»)."
        } else if saved.count == 1 {
            resumen = state == .acordada ? "Quedó acordada \(who) la norma \(saved[0].number ?? 0): «\(saved[0].text)»."
                : "Quedó anotada como propuesta la norma \(saved[0].number ?? 0): «\(saved[0].text)». Cuando la acuerden, cuéntame («ya acordamos la norma \(saved[0].number ?? 0)»)."
        } else {
            resumen = (state == .acordada ? "Quedaron acordadas \(who) \(saved.count) normas:" : "Quedaron anotadas como propuesta \(saved.count) normas:") + list
                + (state == .acordada ? "" : "\nCuando las acuerden, cuéntame («ya acordamos la norma \(saved[0].number ?? 0)»).")
        }
        return ["id": saved.first?.id ?? "", "numero": saved.first?.number.map(String.init) ?? "", "resumen": resumen]
    }
}
