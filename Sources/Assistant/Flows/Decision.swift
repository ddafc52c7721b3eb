import CivilTime
import DialogEngine
import Domain
import Foundation
import FileStore
import Understanding

/// `dialogs/decision.yaml`: an entry of the decision log. The meeting is kept when the request
/// or the decision names it («en el encuentro 3 decidimos…»); nobody is asked for it.
struct DecisionFlow: MingaFlow {
    let id = "decision"
    let saveKind: String? = "decision"
    let slotNames = ["decision", "modo", "desacuerdo", "como_se_resolvio", "encuentro", "fecha"]

    /// `claim` needs one of these (`ClaimCues`): the record's own noun.
    func claimCues(_ flow: FlowDefinition) -> ClaimCues { ClaimCues(words: ["decision", "decidimos", "decidimo"]) }

    /// «anota lo que decidimos hoy», «registra lo q decidimo en el consejo de ayer»: a request
    /// for what was decided, its occasion only: the decision flow, with the day it was decided
    /// and nothing as its text (issue 12: an agreement started with today as its deadline, or
    /// «No te entendí»). The decision itself is asked.
    static func occasionOnly(_ message: Utterance, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        guard let k = t.prefix(10).firstIndex(where: { $0 == "decidimos" || $0 == "decidimo" }), k >= 2, k <= 7,
              t[k - 2] == "lo", DialogEngine.occasionLeads.contains(t[k - 1]), !QuestionForm.asks(message) else { return nil }
        let words = message.clean.split(separator: " ")
        guard let lo = words.firstIndex(where: { Phrase(String($0)).tokens == ["lo"] }),
              DialogEngine.namesOnlyOccasion(words[lo...].joined(separator: " "), after: "decisiones") else { return nil }
        guard let (said, _) = DecidedOn.read(message.clean.replacingOccurrences(of: "decidimo ", with: "decidimos "), context: context),
              let day = said?.dateValue, day < context.today else { return Claim() }
        return Claim(values: ["fecha": .date(day)], echo: ["fecha: \(SpanishFormat.date(day, today: context.today))"])
    }

    /// «en la reunión de hoy decidimos por votación cambiar el día de reunión…»: «decidimos» among
    /// the first words, then what was decided, is a decision (qa26 c2: its meeting words started
    /// «Agendar un encuentro», the decision as the meeting's name). Not a question about them.
    static func decidedLead(_ message: Utterance) -> String? {
        let t = message.phrase.tokens
        guard let k = t.prefix(8).firstIndex(of: "decidimos"), !message.clean.contains("?"), !message.clean.contains("¿"),
              t.prefix(k).allSatisfy({ !["que", "q", "cual", "cuales", "no"].contains($0) }) || k == 0 else { return nil }
        let words = message.clean.split(separator: " ")
        guard let at = words.firstIndex(where: { Phrase(String($0)).tokens == ["decidimos"] }) else { return nil }
        var from = at + 1
        // «decidimos que …»: what was decided starts after the «que».
        if from < words.count, ["que", "q"].contains(Phrase(String(words[from])).tokens.first ?? "") { from += 1 }
        guard from < words.count else { return nil }
        // «…decidimos en el consejo que X»: where, then what.
        // (Its shape says what is decided: a short one is one all the same.)
        if let (_, decision) = decidedAt(words[at...].joined(separator: " ")) { return decision }
        let rest = words[from...].joined(separator: " ")
        return Phrase(rest).stems.count >= 4 ? rest : nil
    }

    /// «…lo hace la Paulina en abril, y acordamos que ella manda el programa…»: the decision before
    /// an agreed lead («y acordamos que», «y quedamos en que», «. nos comprometimos a») and the
    /// agreement after it, when both say something; nil otherwise. Only a text with one of the
    /// lead words is split into words.
    static func agreedAfter(_ text: String) -> (decision: String, agreement: String)? {
        guard TextFold.containsBytes(text, "acord") || TextFold.containsBytes(text, "quedamos") || TextFold.containsBytes(text, "comprometimos") else { return nil }
        let words = text.split(separator: " ").map(String.init)
        let folded = words.map { w in TextFold.fold(w).filter(\.isLetter) }.map { $0 == "q" ? "que" : $0 }
        for i in words.indices.dropFirst(2) {
            var from = i + 1
            switch folded[i] {
            case "acordamos", "quedamos":
                if from < words.count, folded[from] == "en" { from += 1 }
                guard from < words.count, folded[from] == "que" else { continue }
                from += 1
            case "comprometimos":
                guard folded[i - 1] == "nos", from < words.count, folded[from] == "a" else { continue }
                from += 1
            default: continue
            }
            var end = folded[i] == "comprometimos" ? i - 1 : i
            // Said after «y», or after a sentence or clause break.
            if folded[end - 1] == "y" { end -= 1 } else if !(words[end - 1].last.map { ",.;".contains($0) } ?? false) { continue }
            var decision = words[..<end].joined(separator: " ")
            while let last = decision.last, ".,;".contains(last) { decision.removeLast() }
            var agreement = words[from...].joined(separator: " ")
            while let last = agreement.last, ".,;!".contains(last) { agreement.removeLast() }
            guard Phrase(decision).contentCount >= 3, Phrase(agreement).contentCount >= 2 else { return nil }
            return (decision, agreement)
        }
        return nil
    }

    /// «cambiar el día de reunión al primer jueves, y que las actas las redacta la escuela
    /// anfitriona»: «y que» (or «y además») opens another decision when both sides say something
    /// (three content words or more each); one part otherwise (issue 12, qa26 c2: one decision).
    static func parts(_ text: String) -> [String] {
        // Cheap first: no «que»/«q»/«ademas» after a «y», no split.
        guard TextFold.containsBytes(text, " y ") else { return [text] }
        let parts = AndThatSplit.parts(text) { before, after in
            Phrase(before.dropLast().joined(separator: " ")).contentCount >= 3 && Phrase(after.joined(separator: " ")).contentCount >= 3
        }
        let cleaned = parts.map { part -> String in
            var text = part.trimmingCharacters(in: .whitespaces)
            while let last = text.last, ".,;!".contains(last) { text.removeLast() }
            return text
        }
        return cleaned.count > 1 ? cleaned : [text]
    }

    /// Several decisions said in one message are shown and saved together.
    /// Several decisions at once (issue 12: each asked its own «¿Hubo alguna diferencia…?»):
    /// the first one asked says that «en ninguna» answers it for all of them.
    func question(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> String? {
        guard slot.name == "desacuerdo", let batch = run.batch, let at = run.batchAt else { return nil }
        let lacking = batch.indices.filter { $0 != at && batch[$0].values["desacuerdo"] == nil && !batch[$0].skipped.contains("desacuerdo") }
        guard !lacking.isEmpty else { return nil }
        let which = lacking.count + 1 == batch.count ? "las \(batch.count)" : "estas \(lacking.count + 1)"
        return "¿Hubo alguna diferencia de opinión? Cuéntala brevemente, o escribe «no». Si no hubo en ninguna de \(which), escribe «en ninguna»."
    }

    func batchNames(_ context: EngineContext) -> BatchNames? {
        BatchNames(one: "decisión", many: "decisiones", masculine: false, example: "la 2 fue por consenso")
    }

    /// «decisión: las reuniones de la red duran 2 horas desde marzo», «y otra decisión: …»: a
    /// decision labelled as one before a colon, whatever it says of meetings or agreements.
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        if context.snapshot != nil, let occasion = Self.occasionOnly(message, context: context) { return occasion }
        if context.snapshot != nil, !message.clean.contains(":"), var said = Self.decidedLead(message) {
            // «decidimos que el taller lo hace la Paulina en abril, y acordamos que ella manda el
            // programa antes del 20 de marzo» (qa27 A2): the agreement after the decision is a
            // record of its own, registered right after (it was the decision's text, or lost).
            var then: [FollowingRequest] = []
            if let (decided, agreed) = Self.agreedAfter(said) {
                said = decided
                // «…lo hace la Paulina Vergara…, y acordamos que ella manda el programa»: «ella»
                // is the one member the decision names (qa27 c3: the responsable was asked).
                let agreed = SaidBefore.pronounResolved(agreed, before: decided, members: context.members + (context.userName.map { [$0] } ?? []))
                then = [FollowingRequest(flow: "acuerdo", request: agreed, values: [:], reads: true)]
            }
            // «…cambiar el día de reunión, y que las actas las redacta la anfitriona»: two
            // decisions, reviewed together and saved as two records (`batchNames`), even when
            // the triggers would start the flow (they read one). How they were decided, said
            // before the first («por votación»), is said of both.
            let parts = Self.parts(said)
            if parts.count > 1 {
                let values: SlotValues = Self.howLeading(parts[0]).map { ["modo": .choice($0.1)] } ?? [:]
                return Claim(values: values, reads: parts[0], more: Array(parts.dropFirst()), then: then)
            }
            if !then.isEmpty || catalog.match(message.phrase).first?.flow != id {
                // «ayer en el consejo decidimos…»: the day said before the verb is the decision's.
                let day = Self.dayBeforeVerb(message.clean, context: context)
                return Claim(values: day.map { ["fecha": .date($0)] } ?? [:], reads: said, then: then)
            }
        }
        guard context.snapshot != nil, let colon = message.clean.firstIndex(of: ":") else { return nil }
        // Its own words already lead here («registra una decisión: …»): read as usual.
        if catalog.match(message.phrase).first?.flow == id { return nil }
        let head = Phrase(String(message.clean[..<colon])).tokens
        guard (1...5).contains(head.count), head.last == "decision",
              !head.contains(where: { ["cambia", "cambiar", "edita", "editar", "corrige", "corregir", "borra", "borrar"].contains($0) }) else { return nil }
        let said = message.clean[message.clean.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard Phrase(said).stems.count >= 2 else { return nil }
        return Claim(reads: said)
    }

    /// Only a meeting named as one («en el encuentro 3») is the meeting: the «una» of «registrar
    /// una decisión» is not.
    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        var out = Prefill()
        // «el jueves pasado decidimos por votación que…»: the day said before the verb is when it
        // was decided (issue 12: the engine took those words out of the text, and the decision
        // was dated today).
        if run.values["fecha"] == nil, let day = Self.dayBeforeVerb(request, context: context) {
            out.values["fecha"] = .date(day)
            out.echo.append("fecha: \(SpanishFormat.date(day, today: context.today))")
        }
        // «anota lo que decidimos ayer», «… lo q decidimos el lunes en el consejo»: nothing read as
        // the decision, the day said with the verb is when it was decided (never the decision's text).
        if run.values["fecha"] == nil, out.values["fecha"] == nil, run.values["decision"] == nil,
           let (said, _) = DecidedOn.read(request, context: context), let day = said?.dateValue, day < context.today {
            out.values["fecha"] = .date(day)
            out.echo.append("fecha: \(SpanishFormat.date(day, today: context.today))")
        }
        if let e = TerritoryReading.meeting(in: request, context.snapshot) { out.values["encuentro"] = .number(Double(e)) }
        // «decidimos en el consejo que las reuniones…»: where it was decided is not what (qa34:
        // the text was «el consejo que las reuniones…»); «en la jornada de ayer» says its day too.
        if let (at, decision) = Self.decidedAt(request), run.values["decision"] != .text(decision) {
            out.values["decision"] = .text(decision)
            out.echo.removeAll { $0.hasPrefix("decisión: ") }
            out.echo.append("decisión: \(decision)")
            if run.values["fecha"] == nil, out.values["fecha"] == nil, let (day, _) = DecidedOn.pastDay(at, context: context) {
                out.values["fecha"] = .date(day)
                out.echo.append("fecha: \(SpanishFormat.date(day, today: context.today))")
            }
        }
        return out
    }

    /// «decidimos en el consejo que X», «acordamos en la última reunión de red que X», «en el
    /// consejo decidimos que X»: where it was decided, said around the deciding verb before its
    /// «que», and X. Nil when the words around the verb name no gathering, or X says too little.
    static func decidedAt(_ text: String) -> (at: String, decision: String)? {
        let words = text.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0).filter(\.isLetter) }
        guard let v = folded.prefix(10).firstIndex(where: { DecidedOn.verbs.contains($0) }), v + 2 < folded.count else { return nil }
        // («entre todos», «por votación» before the «que» say how: `howLeading` reads them.)
        func names(_ k: Range<Int>) -> Bool { folded[k].contains(where: decidingPlaces.contains) }
        var at: Range<Int>, q: Int
        if folded[v + 1] == "en", let k = folded[(v + 2)...].prefix(8).firstIndex(where: { $0 == "que" || $0 == "q" }), names((v + 1)..<k) {
            // «decidimos en el consejo que X»: where, after the verb.
            (at, q) = ((v + 1)..<k, k)
        } else if v > 0, v <= 8, ["que", "q"].contains(folded[v + 1]), ["en", "el", "la", "ayer", "hoy"].contains(folded[0]), names(0..<v) {
            // «en el consejo decidimos que X»: where, before it.
            (at, q) = (0..<v, v + 1)
        } else {
            return nil
        }
        let decision = words[(q + 1)...].joined(separator: " ")
        guard Phrase(decision).stems.count >= 2 else { return nil }
        return (words[at].joined(separator: " "), decision)
    }

    static let decidingPlaces: Set<String> = ["consejo", "consejos", "reunion", "reu", "jornada", "encuentro", "asamblea", "taller",
                                              "sesion", "microcentro", "comite", "red"]

    /// The day before today said in the words before the first deciding verb («el jueves pasado
    /// decidimos…», «ayer en el consejo acordamos…»); nil when none is said there.
    static func dayBeforeVerb(_ text: String, context: EngineContext) -> LocalDate? {
        let words = text.split(separator: " ")
        guard let at = words.firstIndex(where: { DecidedOn.verbs.contains(Phrase(String($0)).core) }), at > 0 else { return nil }
        return DecidedOn.pastDay(words[..<at].joined(separator: " "), context: context)?.day
    }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard slot.name == "decision", var text = value.textValue else { return .accept }
        var others: [String: SlotValue?] = [:]
        // «…, lo decidimos el 20 de noviembre», «el 20 de noviembre decidimos que…»: the day it
        // was taken, not part of what was decided.
        if run.values["fecha"] == nil, let (day, rest) = DecidedOn.read(text, context: context) ?? DecidedOn.heading(text, context: context) {
            if let day { others["fecha"] = day }
            text = rest
        }
        // «decidimos que…», «acordamos por votación que…», «quedamos entre todos en que…» said to
        // «¿Qué decidieron?»: the lead-in is no part of the decision; how it was decided is read
        // below (issue 12: «decidimos por votacion que» stayed in the text). Only a text that
        // opens with one of the verbs is matched.
        // «decidimos en el consejo que X», «en la reunión acordamos que X»: where it was decided
        // is not what (qa34: the text was «el consejo que X»).
        if let (at, decision) = Self.decidedAt(text) {
            text = decision
            if run.values["fecha"] == nil, others["fecha"] == nil, let (day, _) = DecidedOn.pastDay(at, context: context) { others["fecha"] = .date(day) }
        }
        if let first = Phrase(String(text.prefix(24))).tokens.first, DecidedOn.verbs.contains(first) || ["tambien", "y"].contains(first) {
            text = text.replacingOccurrences(of: #"(?i)^(tambien\s+|también\s+|y\s+)?(decidimos|acordamos|votamos|resolvimos|quedamos)\s+((en\s+)?que\s+|(?=(por|entre|todos|todas)\s))"#,
                                             with: "", options: .regularExpression)
        }
        // «decidimos por votación que las visitas parten en abril»: the request's «decidimos» is
        // gone, and «(por) votación que» leads the decision; it says how, not what (qa20: the text
        // was saved as «votacion que las visitas…»).
        if let (decision, how) = Self.howLeading(text) {
            text = decision
            if run.values["modo"] == nil { others["modo"] = .choice(how) }
        }
        // «…, lo decidimos hoy todos», «…, lo votamos»: how it was decided, not the decision.
        if let (decision, how) = Self.howSaid(text) {
            text = decision
            if run.values["modo"] == nil { others["modo"] = .choice(how) }
        }
        // «…, se aprobó 7 a 1», «…, 5 a favor y 2 en contra»: the vote count says how it was
        // decided, not what (qa26 c2: the count was dropped).
        if let (decision, tally) = VoteTally.cut(text), Phrase(decision).tokens.count >= 3 {
            text = decision
            if run.values["modo"] == nil { others["modo"] = .choice("votacion") }
            if run.values["como_se_resolvio"] == nil { others["como_se_resolvio"] = .text(tally) }
        }
        if run.values["encuentro"] == nil, let e = TerritoryReading.meeting(in: text, context.snapshot) { others["encuentro"] = .number(Double(e)) }
        return text == value.textValue && others.isEmpty ? .accept : .replace(.text(text), others: others)
    }

    /// «(por) votación que X», «por consenso que X», «por mayoría que X»: X and how it was
    /// decided; nil unless the text starts so.
    static func howLeading(_ text: String) -> (String, String)? {
        // «decidimos por votación cambiar el día…»: an infinitive right after says what, as «que» does.
        guard let r = text.range(of: #"(?i)^((por\s+|en\s+|a\s+)?(votaci[oó]n|votaci[oó]n\s+un[aá]nime|mayor[ií]a|consenso|unanimidad)|(entre\s+)?tod[oa]s)\s*,?\s+((en\s+)?que\s+|(?=[a-záéíóúñ]{3,}(ar|er|ir)\b))"#,
                                  options: .regularExpression) else {
            return nil
        }
        let how = Phrase(String(text[r])).tokens.contains { $0 == "votacion" || $0 == "mayoria" } ? "votacion" : "consenso"
        let decision = String(text[r.upperBound...]).trimmingCharacters(in: .whitespaces)
        return Phrase(decision).tokens.count >= 2 ? (decision, how) : nil
    }

    /// The decision without a closing «lo decidimos (hoy) (entre) todos», «por consenso», «lo
    /// votamos», «se decidió en la reunión de hoy por votación», and how it was decided; nil when
    /// it says no such thing.
    static func howSaid(_ text: String) -> (String, String)? {
        guard let r = text.range(of: #"(?i)[,;]?\s*(y\s+)?((lo|la|esto|eso)?\s*(decidimos|acordamos|votamos|resolvimos)|se\s+(decidi[oó]|vot[oó]|acord[oó]|resolvi[oó]))\b[^,;]*$"#, options: .regularExpression) else {
            return nil
        }
        let tail = Phrase(String(text[r])).tokens
        let how: String
        if tail.contains(where: { ["votamos", "votacion", "mayoria", "votando"].contains($0) }) { how = "votacion" }
        else if tail.contains(where: { ["todos", "todas", "consenso", "unanimidad", "unanime"].contains($0) }) { how = "consenso" }
        else { return nil }
        let decision = String(text[..<r.lowerBound]).trimmingCharacters(in: .whitespaces)
        return Phrase(decision).tokens.count >= 3 ? (decision, how) : nil
    }

    /// «nada, todos de acuerdo», «ninguna, fue unánime» when asked about a disagreement: none.
    /// «votación, 5 a favor y 2 en contra» when asked how it was decided: a vote, and its count
    /// kept as how it was resolved (qa26 c2: the count was dropped).
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        if slot.name == "modo" {
            guard let (_, tally) = VoteTally.cut(message.clean) else { return nil }
            return .fill(["modo": .choice("votacion"), "como_se_resolvio": .text(tally)], remark: nil)
        }
        guard slot.name == "desacuerdo" else { return nil }
        let t = message.phrase.tokens
        guard t.count <= 8, !t.contains("pero"), let first = t.first else { return nil }
        // «no, nadie se opuso», «nop, todos de acuerdo», «no, ningún problema» (pass 9, qa13: read
        // as the disagreement, and asked how it was solved).
        let none = ["no", "nop", "nopo", "nah", "na", "nada", "ninguna", "ninguno", "ningun", "sin"].contains(first)
            && (t.count == 1 || t.contains(where: Self.noneWords.contains))
        let agreed = ["todos de acuerdo", "estuvimos todos de acuerdo", "todos estuvimos de acuerdo", "fue unanime", "unanime"]
            .contains(message.phrase.core)
        return none || agreed ? .skip : nil
    }

    /// Words that, after a «no», say there was no disagreement.
    static let noneWords: Set<String> = ["acuerdo", "unanime", "unanimidad", "diferencias", "diferencia", "hubo", "todos", "todas", "nadie",
                                         "opuso", "opusieron", "objeto", "objetaron", "problema", "problemas", "conflicto", "consenso",
                                         "dramas", "drama", "nada", "ninguna", "ninguno"]

    /// «no» to the disagreement: there was none, so nothing to resolve.
    func skipNote(_ slot: SlotDefinition, context: EngineContext) -> String? {
        slot.name == "desacuerdo" ? "Sin diferencias, entonces." : nil
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        let disagreement = v["desacuerdo"]?.textValue
        let d = try w.store.addDecision(Decision(
            id: "", date: v["fecha"]?.dateValue ?? w.clock.today(), text: v["decision"]?.textValue ?? "",
            mode: v["modo"]?.textValue.flatMap(Decision.Mode.init(rawValue:)) ?? .consenso,
            disagreement: disagreement,
            // A vote count is kept even when nobody told a disagreement («7 a 0»).
            resolution: disagreement == nil ? v["como_se_resolvio"]?.textValue.flatMap(VoteTally.said) : v["como_se_resolvio"]?.textValue,
            meeting: v["encuentro"].flatMap(Read.int).map { "E-\($0)" }).registered(by: user.name), network: snapshot.network.id, key: w.key)
        return ["id": d.id, "numero": d.number.map(String.init) ?? d.id]
    }
}
