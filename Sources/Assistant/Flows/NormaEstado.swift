import CivilTime
import DialogEngine
import Foundation
import Domain
import FileStore
import Understanding

/// `dialogs/norma-estado.yaml`: a norm agreed later, or repealed. «ya acordamos la norma 2»,
/// «la norma 1 ya no va» at the menu start it with what they say.
struct NormaEstadoFlow: MingaFlow {
    let id = "norma-estado"
    let saveKind: String? = "norm_status"
    let slotNames = ["norma", "estado", "acordada_por", "fecha", "motivo"]

    func blocker(_ context: EngineContext) -> String? {
        guard let s = context.snapshot, s.norms.isEmpty else { return nil }
        return "Todavía no hay normas anotadas. Si quieres, escribe «acordar las normas de funcionamiento» para empezar."
    }

    /// «el correo de la escuela está en la ficha de la red»: its triggers all name a norm; a
    /// message that names none asks nothing of this flow (fixAL: it got «Todavía no hay normas
    /// anotadas», this flow's blocker).
    func declines(_ phrase: Phrase, context: EngineContext) -> Bool {
        !phrase.tokens.contains(where: Self.normWords.contains)
    }

    static let normWords: WordSet = ["norma", "normas", "regla", "reglas", "normativa"]

    /// `claim` needs one of these (`ClaimCues`): A norm named.
    func claimCues(_ flow: FlowDefinition) -> ClaimCues { ClaimCues(words: ["norma", "normas"]) }

    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        guard let s = context.snapshot, !s.norms.isEmpty else { return nil }
        let tokens = message.phrase.tokens
        // «la norma 1 la acordamos el 5 de noviembre», «la derogamos el lunes pasado»: the day it
        // happened, a day that already came (qa34: it was dropped and the norm got today's date).
        let said = Self.daySaid(message.clean, context: context)
        let day = said?.toCome == false ? said?.day : nil
        // «…la acordamos el 3 de noviembre»: with one norm named, the day's number is no other norm.
        if day == nil || tokens.contains("normas"), var several = Self.several(message, s) {
            // «las normas 1 y 2 las acordamos el 5 de noviembre»: the day is each one's.
            if let day {
                several.values["fecha"] = .date(day)
                several.echo.append("fecha: \(SpanishFormat.date(day, today: context.today))")
                for i in several.then.indices { several.then[i].values["fecha"] = .date(day) }
            }
            return several
        }
        guard tokens.contains(where: { $0 == "norma" || $0 == "normas" }),
              let slot = flow.slot(named: "estado"), let estado = DialogEngine.choiceIn(tokens: tokens, slot: slot)?.value,
              let n = TerritoryReading.number(after: ["norma"], in: message.clean) ?? Self.named(message.clean, s, repealed: estado == "acordada")
                ?? (estado == "derogada" ? Self.pointed(tokens, s) : nil),
              s.norms.contains(where: { $0.number == n }) else {
            return nil
        }
        var values: SlotValues = ["norma": .number(Double(n)), "estado": .choice(estado)]
        var echo: [String] = []
        // «ya acordamos la norma 2, estamos todos de acuerdo»: everyone, the speaker included.
        if estado == "acordada", tokens.contains(where: { $0 == "todos" || $0 == "todas" }) {
            var names = s.members.map(\.name)
            if let me = context.userName, !names.contains(me) { names.append(me) }
            values["acordada_por"] = .list(names)
            echo.append("acordada por: todos")
        }
        if let day {
            values["fecha"] = .date(day)
            echo.append("fecha: \(SpanishFormat.date(day, today: context.today))")
            // Agreed already, by people known: only its day is told, whoever agreed it stays.
            if estado == "acordada", values["acordada_por"] == nil, let norm = s.norms.first(where: { $0.number == n }),
               norm.state == .acordada, !norm.agreedBy.isEmpty {
                values["acordada_por"] = .list(norm.agreedBy)
            }
        }
        // «eliminar la norma 3 porque no la respetaba nadie», «borra la norma de los celulares,
        // nadie la cumple»: why, kept with it (qa39: said after a comma, it was lost).
        if estado == "derogada", let reason = Self.reasonInRequest(message) ?? Self.reasonAfterComma(message.clean) {
            values["motivo"] = .text(reason)
            echo.append("motivo: \(reason)")
        }
        // «la norma 2 vuelve a regir»: a repealed norm agreed again, by those who agreed it.
        if estado == "acordada", values["acordada_por"] == nil, let norm = s.norms.first(where: { $0.number == n }),
           norm.state == .derogada, !norm.agreedBy.isEmpty {
            values["acordada_por"] = .list(norm.agreedBy)
        }
        // «la norma 1 la acordamos el 30 de noviembre» said on the 25th: that day has not come,
        // so it is asked (it was dropped without a word and today's date kept).
        // (Kept by `prefill`: a claim's values are its slots'.)
        return Claim(values: values, echo: echo)
    }

    /// The day before today a message says (the norm's number is no day); nil without one.
    static func dayDone(_ text: String, context: EngineContext) -> LocalDate? {
        guard let said = daySaid(text, context: context), !said.toCome else { return nil }
        return said.day
    }

    /// The day a message says it happened: one before today, or (`toCome`) one still to come
    /// («la acordamos el 30 de noviembre» said on the 25th), which is no day a norm was agreed.
    static func daySaid(_ text: String, context: EngineContext) -> (day: LocalDate, toCome: Bool)? {
        // «norma 1», «norma n° 1», «normas 1 y 2», «normas 1, 2 y 3»: the norms' numbers are left out.
        var words = text.split(separator: " ").map(String.init)
        if let i = words.firstIndex(where: { ["norma", "normas"].contains(TextFold.fold($0)) }) {
            var j = i + 1
            func isNumber(_ w: String) -> Bool { let n = w.trimmingCharacters(in: .punctuationCharacters); return !n.isEmpty && n.allSatisfy(\.isNumber) }
            while j < words.count, ["n", "nº", "nro", "numero", "y", "e"].contains(TextFold.fold(words[j]).trimmingCharacters(in: .whitespaces)) || isNumber(words[j]) { j += 1 }
            if j > i + 1 { words.removeSubrange((i + 1)..<j) }
        }
        let said = words.joined(separator: " ")
        // «el viernes 4 de diciembre» said on the 25th: no day gone by has that weekday and date;
        // the coming one is the day said.
        guard let m = TemporalParser.parsePast(said, context: context.temporal), !m.isAmbiguous else {
            if let m = TemporalParser.parse(said, context: context.temporal), !m.isAmbiguous, case .date(let d) = m.value,
               context.today < d, d.days(until: context.today) > -60 { return (d, true) }
            return nil
        }
        guard
              case .date(let d)? = DecidedOn.value(m.value, context: context) else { return nil }
        if context.today < d { return (d, true) }
        // «el 30 de noviembre» said on the 25th: a day still to come taken back a year is no day
        // the norm was agreed (a year named, «de 2025», is).
        let namesYear = m.text.split(separator: " ").contains { $0.count == 4 && $0.allSatisfy(\.isNumber) }
        if !namesYear, d.days(until: context.today) > 300 {
            let ahead = LocalDate(year: d.year + 1, month: d.month, day: min(d.day, LocalDate.daysIn(month: d.month, year: d.year + 1)))
            return context.today < ahead ? (ahead, true) : nil
        }
        return d == context.today ? nil : (d, false)
    }

    /// A day still to come said with the request is kept as the date's half-answer (`prefill`):
    /// the day is then asked (`asks`), with that said first (`beforeAsking`).
    /// The reason of a repeal is never asked: it is taken when said (`reviewNews`, `claim`).
    func asks(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Bool {
        slot.name != "motivo" && (slot.name != "fecha" || run.partials?["fecha"] != nil)
    }

    /// «nadie la cumplía», «porque la reemplazamos por otra» at the review of a repeal: why, kept
    /// with it, and the review again (issue 12: «¿Lo guardo?» again, the reason lost).
    func reviewNews(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        guard run.values["estado"]?.textValue == "derogada", let reason = Self.repealReason(message) else { return nil }
        return .fill(["motivo": .text(reason)], remark: "Anoté el motivo: «\(reason)».")
    }

    /// Why a norm is repealed, said whole: after «porque», «ya que», «el motivo es», or words of
    /// a rule nobody kept («nadie la cumplía», «no la respetaba nadie», «ya no servía»). Nil for a
    /// yes, a refusal, a question, a number (a norm's or a field's), or anything else.
    static func repealReason(_ message: Utterance) -> String? {
        let t = message.phrase.tokens
        guard t.count >= 2, t.count <= 25, !message.clean.contains("?"),
              !message.clean.contains(where: \.isNumber), RepairVerb.said(message.phrase) == nil else { return nil }
        var words = message.clean.split(separator: " ").map(String.init)
        var k = 0
        while k < t.count, reasonLabels.contains(t[k]) { k += 1 }
        let labelled = t[..<k].contains(where: strongLabels.contains) || (k >= 2 && (t[0] == "ya" || t[0] == "es") && t[1] == "que")
        if labelled, k < t.count, words.count == t.count {
            words.removeFirst(k)
            let said = words.joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: " :,.-"))
            return said.isEmpty ? nil : said
        }
        // No label: the words of a rule not kept, said without a yes before them.
        guard YesNo.lead(message.clean) == nil, YesNo.parse(message.clean) != true,
              t.contains(where: { w in reasonStems.contains { w.hasPrefix($0) } }) else { return nil }
        return message.clean.trimmingCharacters(in: CharacterSet(charactersIn: " .,"))
    }

    /// The words after «porque», «ya que», «pq» in a request to repeal a norm; nil without them.
    static func reasonInRequest(_ message: Utterance) -> String? {
        let t = message.phrase.tokens
        var found: Int? = t.firstIndex(where: { (w: String) -> Bool in strongLabels.contains(w) && w != "motivo" && w != "razon" && w != "debido" })
        if found == nil, t.count >= 2 {
            for i in 0..<(t.count - 1) where t[i] == "ya" && t[i + 1] == "que" { found = i + 1; break }
        }
        guard let k = found else { return nil }
        let words = message.clean.split(separator: " ").map(String.init)
        guard words.count == t.count, k + 1 < words.count else { return nil }
        let said = words[(k + 1)...].joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: " :,.-"))
        return said.isEmpty ? nil : said
    }

    /// «borra la norma de los celulares, nadie la cumple jaja»: the part after the first comma,
    /// when it says why (words of a rule nobody kept), without a laugh at its end. Nil otherwise.
    static func reasonAfterComma(_ text: String) -> String? {
        guard let comma = text.firstIndex(of: ",") else { return nil }
        var words = text[text.index(after: comma)...].split(separator: " ").map(String.init)
        while let last = words.last, Self.laughs(TextFold.fold(last).trimmingCharacters(in: .punctuationCharacters)) { words.removeLast() }
        let tail = words.joined(separator: " ")
        let t = Phrase(tail).tokens
        guard t.count >= 2, t.count <= 15, !tail.contains("?"), !tail.contains(where: \.isNumber), t.contains(where: { w in reasonStems.contains { w.hasPrefix($0) } }) else {
            return nil
        }
        let said = tail.trimmingCharacters(in: CharacterSet(charactersIn: " :,.-!"))
        return said.isEmpty ? nil : said
    }

    /// «jaja», «jajaja», «jeje», «xd»: a laugh, no part of a reason.
    static func laughs(_ w: String) -> Bool {
        w == "xd" || (w.count >= 4 && (w.allSatisfy { "ja".contains($0) } || w.allSatisfy { "je".contains($0) }) && w.hasPrefix("j"))
    }

    static let strongLabels: WordSet = ["porque", "pq", "xq", "porq", "motivo", "razon", "debido"]
    static let reasonLabels: WordSet = ["porque", "pq", "xq", "porq", "ya", "que", "motivo", "el", "la", "razon", "es", "debido", "a", "fue"]
    static let reasonStems = ["cumpl", "respet", "sirv", "funcion", "resultab", "obsolet", "reemplaz", "nadie", "nunca", "ocup",
                              "usab", "aplic", "pesca", "pescab", "inutil", "innecesari"]

    func beforeAsking(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> [String] {
        guard slot.name == "fecha", let d = run.partials?["fecha"]?.dateValue else { return [] }
        return ["El \(SpanishFormat.date(d, today: context.today)) todavía no llega."]
    }

    func skipNote(_ slot: SlotDefinition, context: EngineContext) -> String? {
        slot.name == "fecha" ? "Queda con la fecha de hoy." : nil
    }

    func question(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> String? {
        guard slot.name == "fecha" else { return nil }
        let verb = run.values["estado"]?.textValue == "derogada" ? "derogaron" : "acordaron"
        return "¿Qué día la \(verb)? Si fue hoy, dime «hoy»."
    }

    /// «borra la última norma», «borra la norma» (one in force): the norm taken out when none is
    /// named by number or words — the last one still in force, or the only one (new-user pass,
    /// issue 12: not understood). Only «la norma» in the singular.
    static func pointed(_ t: [String], _ s: NetworkSnapshot) -> Int? {
        guard t.contains("norma"), !t.contains("normas") else { return nil }
        let live = s.norms.filter { $0.state != .derogada }
        if zip(t, t.dropFirst()).contains(where: { ($0 == "ultima" && $1 == "norma") || ($0 == "norma" && $1 == "ultima") }) {
            return live.compactMap(\.number).max()
        }
        return live.count == 1 ? live[0].number : nil
    }

    /// «las normas 1 y 3 quedaron acordadas, la 2 no»: each norm named with its state. Those whose
    /// state changes are updated one after the other (the first now, the rest after it); nil
    /// unless two norms or more are named.
    static func several(_ message: Utterance, _ s: NetworkSnapshot) -> Claim? {
        let t = message.phrase.tokens
        // A norm word is needed, as the claim cues say (qa20: «la 1 acordada, la 2 y la 3
        // propuestas» at the menu was taken here past the cues and stopped a debug build).
        guard t.contains("normas") || t.contains("norma") && t.filter({ $0 == "norma" || $0 == "la" || $0 == "las" }).count >= 2, !QuestionForm.asks(message) else { return nil }
        let top = s.norms.compactMap(\.number).max() ?? 0
        let states = NormasFlow.statesNamed(message.clean, count: top)
        let said = states.enumerated().compactMap { i, st in st.map { (number: i + 1, state: $0) } }
        guard said.count >= 2 else { return nil }
        let changes = said.filter { c in s.norms.first { $0.number == c.number }.map { $0.state.rawValue != c.state } ?? false }
        guard let first = changes.first else { return nil }
        func request(_ c: (number: Int, state: String)) -> String {
            "la norma \(c.number) " + (c.state == "acordada" ? "quedó acordada" : "es propuesta")
        }
        let kept = said.filter { c in !changes.contains { $0.number == c.number } }
        let echo = ["norma \(first.number): \(first.state)"] + (kept.isEmpty ? [] : ["sin cambio: " + SlotValue.joinSpanish(kept.map { "la \($0.number) (\($0.state))" })])
        return Claim(values: ["norma": .number(Double(first.number)), "estado": .choice(first.state)], echo: echo,
                     then: changes.dropFirst().map { c in
                         FollowingRequest(flow: "norma-estado", request: request(c), values: ["norma": .number(Double(c.number)), "estado": .choice(c.state)])
                     })
    }

    /// «la norma de las 48 horas no se está cumpliendo, hay que revisarla», started by its words
    /// rather than claimed: the norm the request names by its words is not asked again.
    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        // «la norma 1 la acordamos el 30 de noviembre» said on the 25th: that day has not come,
        // so it is asked (it was dropped without a word and today's date kept).
        if run.values["fecha"] == nil, run.values["estado"]?.textValue != "propuesta",
           let said = Self.daySaid(request, context: context), said.toCome {
            return Prefill(partials: ["fecha": .date(said.day)])
        }
        guard run.values["norma"] == nil, let s = context.snapshot, !s.norms.isEmpty,
              let n = TerritoryReading.number(after: ["norma"], in: request) ?? Self.named(request, s),
              s.norms.contains(where: { $0.number == n }) else { return Prefill() }
        return Prefill(values: ["norma": .number(Double(n))])
    }

    /// «ya acordamos la norma de turnarnos la conducción»: the norm its words name, said after
    /// «norma» (the rest of the sentence says what happened to it).
    static func named(_ text: String, _ s: NetworkSnapshot, repealed: Bool = false) -> Int? {
        guard let r = text.range(of: #"(?i)\bnorma\s+(de|que|del|sobre)?\s*"#, options: .regularExpression) else { return nil }
        let rest = String(text[r.upperBound...])
        if let n = NormasFlow.existing(rest, s)?.number { return n }
        // «la norma de las 2 horas ya no va»: a few words (to the first comma) that only one norm
        // has, a number with its unit counted as one of them.
        let head = String(rest.prefix { !",;.".contains($0) })
        let said = TerritoryReading.words(head).subtracting(Self.stateWords)
        let numbers = Set(Phrase(head).tokens.filter { Int($0) != nil })
        guard !said.isEmpty || !numbers.isEmpty else { return nil }
        // A norm that goes back into force is one repealed (none named among those: the others).
        let candidates = repealed && s.norms.contains(where: { $0.state == .derogada }) ? s.norms.filter { $0.state == .derogada }
            : s.norms.filter { $0.state != .derogada }
        let scored = candidates.map { n -> (Norm, Int) in
            let own = Phrase(n.text).tokens
            let hits = said.filter { w in own.contains { $0 == w || ($0.count > 4 && w.count > 4 && ($0.hasPrefix(w) || w.hasPrefix($0))) } }.count
                + numbers.filter(own.contains).count
            return (n, hits)
        }
        guard let top = scored.map(\.1).max(), top >= 2 || (top >= 1 && said.count + numbers.count == 1) else { return nil }
        let best = scored.filter { $0.1 == top }
        return best.count == 1 ? best[0].0.number : nil
    }

    /// What a sentence says happened to the norm, not which norm it is.
    static let stateWords: Set<String> = ["ya", "no", "va", "mas", "corre", "rige", "regir", "vuelve", "volver", "de", "nuevo", "reactiva", "reactivar", "derogamos", "derogada", "derogar", "sacamos", "acordamos",
                                          "acordada", "quitamos", "anulada", "la", "sigue", "queda", "quedo", "reunion", "encuentro"]

    /// «nadie todavía, es propuesta» to «¿Quiénes la acordaron?»: nobody agreed it, the state
    /// said is the answer (and nobody is asked for).
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        if slot.name == "norma", let s = context.snapshot, let n = Self.namedByWords(message, in: s.norms.filter { $0.number != nil }) {
            return .fill(["norma": .number(Double(n))], remark: nil)
        }
        // «el 20», «el lunes pasado»: a day gone by, read backwards as the request's is.
        if slot.name == "fecha", message.phrase.tokens.contains("hoy") { return .fill(["fecha": .date(context.today)], remark: nil) }
        if slot.name == "fecha", let said = Self.daySaid(message.clean, context: context) {
            return said.toCome
                ? .reask("El \(SpanishFormat.date(said.day, today: context.today)) todavía no llega.")
                : .fill(["fecha": .date(said.day)], remark: nil)
        }
        guard slot.name == "acordada_por" else { return nil }
        let t = message.phrase.tokens
        if t.contains(where: { $0 == "propuesta" || $0 == "propuestas" }) { return .fill(["estado": .choice("propuesta")], remark: nil) }
        if t.contains(where: { $0 == "derogada" || $0 == "derogamos" }) { return .fill(["estado": .choice("derogada")], remark: nil) }
        return nil
    }

    /// «la de las 48 horas, la unica que hay»: a norm named by its words (a number in them that
    /// is no norm's, like «48», is one of its words). Nil when a number names a norm, or no norm
    /// (or more than one) has more of the words said than the others.
    static func namedByWords(_ message: Utterance, in norms: [Norm]) -> Int? {
        let numbers = Read.numbers(in: message.clean)
        guard !norms.isEmpty, !numbers.contains(where: { n in norms.contains { $0.number == n } }) else { return nil }
        let said = Set(message.phrase.stems).subtracting(["norm", "unic", "esa", "ese"])
        let scores = norms.map { Set(Phrase($0.text).stems).intersection(said).count }
        guard let top = scores.max(), top >= (norms.count == 1 ? 1 : 2), scores.filter({ $0 == top }).count == 1,
              let k = scores.firstIndex(of: top) else { return nil }
        return norms[k].number
    }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        // A repealed norm agreed again («actualizar la norma 2» → «acordada»): by those who agreed
        // it, unless said otherwise (it asked again, and a piped «si» was taken as no name).
        if slot.name == "estado", value.textValue == "acordada", run.values["acordada_por"] == nil, let s = context.snapshot,
           let n = run.values["norma"].flatMap(Read.int), let norm = s.norms.first(where: { $0.number == n }),
           norm.state == .derogada, !norm.agreedBy.isEmpty {
            return .replace(value, others: ["acordada_por": .list(norm.agreedBy)])
        }
        guard slot.name == "norma", let s = context.snapshot, let n = Read.int(value) else { return .accept }
        guard let norm = s.norms.first(where: { $0.number == n }) else {
            return .reject("No encuentro la norma \(n). Pregúntame «¿cuáles son nuestras normas?» para ver sus números.")
        }
        // The summary names the norm by its words, not just its number.
        return .replace(.text("\(n) («\(norm.text)»)"), remarks: ["Es la norma «\(norm.text)» (\(norm.state.label))."])
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        guard let n = v["norma"].flatMap(Read.int), var norm = snapshot.norms.first(where: { $0.number == n }) else {
            throw StoreError.notFound("la norma")
        }
        let state = v["estado"]?.textValue.flatMap(Norm.State.init(rawValue:)) ?? norm.state
        // The day it was agreed or repealed when it was said, else today; the day it was agreed
        // before and what it was are kept (`Norm.change`: a repeal overwrote the day it was agreed).
        // Saved as agreed by mistake: a proposal nobody has agreed yet. Why it was repealed, when
        // said; a norm agreed again keeps none.
        let was = norm.state
        norm.change(to: state, on: v["fecha"]?.dateValue ?? w.clock.today(), said: v["fecha"]?.dateValue != nil,
                    agreedBy: state == .acordada ? v["acordada_por"]?.listValue : nil,
                    reason: v["motivo"]?.textValue, by: user.name)
        try w.store.updateNorm(norm, network: snapshot.network.id)
        let back = state == .acordada && was == .derogada
        let resumen = back ? "La norma \(n) («\(norm.text)») vuelve a regir: queda acordada"
                + (norm.agreedOn.map { " desde el \(SpanishFormat.date($0, today: w.clock.today())), como antes" } ?? "") + "."
            : state == .derogada ? "La norma \(n) («\(norm.text)») quedó derogada; sigue en el registro, pero ya no rige."
                + (v["motivo"]?.textValue.map { " Motivo: \($0)." } ?? "")
            : state == .propuesta ? "La norma \(n) («\(norm.text)») quedó como propuesta: todavía no está acordada."
            : "La norma \(n) («\(norm.text)») quedó \(state.label)."
        // How many changes it has now: «deshacer», even in a later conversation, undoes only
        // while this change is still its last (`undo`).
        return ["id": norm.id, "numero": String(n), "resumen": resumen, "antes.cambios": String(norm.changes.count)]
    }

    /// «deshacer» after this flow saved a change of state (this conversation or a later one:
    /// the session keeps its last save): the norm back to what it was (`RestaurarNormaFlow`),
    /// while that change is still the norm's last.
    func undo(_ record: String, context: EngineContext) -> Undo? {
        guard let s = context.snapshot, let norm = s.norms.first(where: { $0.id == record }), let n = norm.number,
              let c = RestaurarNormaFlow.undoable(norm, count: context.lastSave?.before?["antes.cambios"].flatMap { Int($0) }) else { return nil }
        return Undo(flow: "restaurar-norma", values: ["norma": .number(Double(n)), "estado": .text(RestaurarNormaFlow.state(c, today: context.today))])
    }

    /// Changed again since (by someone else, or already undone): said, nothing undone over it.
    func cannotUndo(_ record: String, context: EngineContext) -> String? {
        guard let s = context.snapshot, let norm = s.norms.first(where: { $0.id == record }), let n = norm.number else { return nil }
        if norm.changes.last?.isUndo == true {
            return "Ese cambio de la norma \(n) ya se deshizo: hoy está \(norm.state.label). Si quieres cambiarla otra vez, dime cómo queda."
        }
        return Self.changedSince(norm, n)
    }

    /// The norm changed after the save being undone: who changed it, how it is now, and how to
    /// say what it should be.
    static func changedSince(_ norm: Norm, _ n: Int) -> String {
        let who = norm.changes.last?.by.map { "\($0) la cambió" } ?? "Alguien la cambió"
        let say = norm.state == .acordada ? "derogar la norma \(n)" : norm.state == .derogada ? "la norma \(n) vuelve a regir" : "actualizar la norma \(n)"
        return "\(who) después de tu cambio: hoy la norma \(n) está \(norm.state.label). No deshago lo tuyo para no pisar ese cambio; si quieres cambiarla, escribe por ejemplo «\(say)»."
    }
}
