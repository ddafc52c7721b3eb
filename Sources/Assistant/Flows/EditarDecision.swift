import CivilTime
import DialogEngine
import Domain
import FileStore
import Foundation
import Understanding

/// `dialogs/editar-decision.yaml`: a decision's words changed («cambia la decisión 1: …», «corrige
/// la DC-1: …»), or a decision left without effect («la decisión 1 quedó sin efecto»). The
/// decision log keeps no state, so «sin efecto» is proposed as words added to its text, shown in
/// the review before anything is saved (it was registered as a new agreement «sin efecto»).
struct EditarDecisionFlow: MingaFlow {
    let id = "editar-decision"
    let saveKind: String? = "decision_text"
    let slotNames = ["decision", "sin_efecto", "texto"]

    func declineKeeps(_ run: FlowRun, context: EngineContext) -> Bool { true }

    func blocker(_ context: EngineContext) -> String? {
        guard let s = context.snapshot, s.decisions.isEmpty else { return nil }
        return "Todavía no hay decisiones registradas. Escribe «registrar una decisión» para anotar la primera."
    }

    /// `claim` needs one of these (`ClaimCues`): a decision named («decisión», «DC-1»).
    func claimCues(_ flow: FlowDefinition) -> ClaimCues { ClaimCues(words: ["decision", "decisiones"], prefixes: ["dc"]) }

    /// «cambia la decisión 1: …», «corrige la DC-1, que diga …», «la decisión 2 ahora dice …»: a
    /// decision named with a verb of change (its new words after a colon, «que diga» or «por»);
    /// «la decisión 1 quedó sin efecto», «anulamos la decisión 2»: that decision, left without effect.
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        guard t.contains(where: { $0 == "decision" || $0 == "dc" || $0.hasPrefix("dc") }), let s = context.snapshot,
              !QuestionForm.asks(message) else { return nil }
        let number = Self.number(message.clean)
        if Self.leavesWithoutEffect(t) {
            // «…quedó sin efecto, ahora nos juntamos en el DAEM»: what replaces it is a decision of
            // its own, registered next (it was dropped).
            let then = Self.replacement(message.clean).map {
                [FollowingRequest(flow: "decision", request: "decisión: " + $0, values: ["decision": .text($0)], reads: false)]
            } ?? []
            // The decision known: the words proposed right away; else once it is said (`validate`).
            // «…quedó sin efecto porque al final el taller se canceló»: the reason goes with it (it was dropped).
            let why = Self.reason(message.clean)
            if let n = number, let d = s.decisions.first(where: { $0.number == n }) {
                let proposed = Self.withoutEffect(d, today: context.today, reason: why)
                return Claim(values: ["decision": .number(Double(n)), "texto": .text(proposed)], echo: ["texto: \(proposed)"], then: then)
            }
            // The reason waits in `sin_efecto` until the decision is known.
            return Claim(values: ["sin_efecto": .text(why ?? "sí")], then: then)
        }
        guard !s.decisions.isEmpty else { return nil }
        // «la decisión 1 en verdad fue que las reuniones son el primer jueves…»: said as what it
        // really was, with no verb of change (qa34: «No te entendí del todo»).
        if let actually = ActuallyIs.read(message.clean, record: .decision, needsQue: true),
           let n = number ?? actually.number, let d = s.decisions.first(where: { $0.number == n }) {
            var said = actually.text
            if let swapped = ContrastCorrection.applied(said, to: d.text) { said = swapped }
            return Claim(values: ["decision": .number(Double(n)), "texto": .text(said)], echo: ["texto: \(said)"])
        }
        // «cambia la decisión 1» with no number is no edit of one: a new decision may say «cambiar».
        guard t.contains(where: EditarNormaFlow.changeWords.contains), number != nil || t.contains("decision") && s.decisions.count == 1 else { return nil }
        var values: SlotValues = [:]
        if let n = number { values["decision"] = .number(Double(n)) }
        var echo: [String] = []
        // The words after the colon, without the decision's own reference («DC-1: …»).
        if var said = EditarNormaFlow.newText(Self.withoutReference(message.clean)) {
            // «corrige la DC-2: el día es el primer miércoles, no jueves»: the decision with that word changed.
            if let d = s.decisions.first(where: { $0.number == number ?? (s.decisions.count == 1 ? $0.number : -1) }),
               let swapped = ContrastCorrection.applied(said, to: d.text) { said = swapped }
            values["texto"] = .text(said)
            echo.append("texto: \(said)")
        }
        // Named with a verb of change but neither number nor text: let the usual reading decide.
        guard number != nil || values["texto"] != nil else { return nil }
        return Claim(values: values, echo: echo)
    }

    /// The decision's text with «(sin efecto desde el 10 de diciembre de 2026)» after it.
    /// With a reason: «(sin efecto desde el 20 de abril de 2027, porque al final el taller se canceló)».
    static func withoutEffect(_ d: Decision, today: LocalDate, reason: String? = nil) -> String {
        "\(d.text) (sin efecto desde el \(today.day) de \(SpanishFormat.monthName(today.month)) de \(today.year)"
            + (reason.map { ", " + $0 } ?? "") + ")"
    }

    /// «…quedó sin efecto porque al final el taller se canceló», «anulamos la DC-2 ya que no hubo
    /// fondos, en su lugar…»: the reason as said (its connector kept), up to what replaces the
    /// decision; nil without a connector of cause or with fewer than two words after it.
    static func reason(_ text: String) -> String? {
        guard let r = text.range(of: #"(?i)\b(porque|por\s+que|ya\s+que|debido\s+a\s+que|debido\s+a|dado\s+que|puesto\s+que|pues)\s+"#,
                                  options: .regularExpression),
              leavesWithoutEffect(Phrase(String(text[..<r.lowerBound])).tokens) else { return nil }
        var rest = String(text[r.lowerBound...])
        if let end = rest.range(of: #"(?i)[,;.]\s*(y\s+)?(ahora|en\s+su\s+lugar|desde\s+ahora|de\s+ahora\s+en\s+adelante)\b"#, options: .regularExpression) {
            rest = String(rest[..<end.lowerBound])
        }
        rest = rest.trimmingCharacters(in: .whitespaces)
        while let l = rest.last, ".!,;".contains(l) { rest.removeLast() }
        return Phrase(rest).tokens.count >= 3 ? rest : nil
    }

    /// «la decisión 1 quedó sin efecto, ahora nos juntamos en el DAEM», «…, en su lugar…»: the
    /// words of what replaces it (three or more), after the words that leave it without effect.
    static func replacement(_ text: String) -> String? {
        guard let r = text.range(of: #"(?i)[,;.]\s*(y\s+)?(ahora|en\s+su\s+lugar|desde\s+ahora|de\s+ahora\s+en\s+adelante)\s*,?\s+"#,
                                  options: .regularExpression),
              leavesWithoutEffect(Phrase(String(text[..<r.lowerBound])).tokens) else { return nil }
        var rest = String(text[r.upperBound...]).trimmingCharacters(in: .whitespaces)
        while let l = rest.last, ".!".contains(l) { rest.removeLast() }
        return Phrase(rest).tokens.count >= 3 ? rest : nil
    }

    /// «sin efecto», «anulamos», «la revocamos», «se deroga»: the decision no longer holds.
    /// «borra la decisión 2», «elimina la DC-1»: the log erases nothing, so taking one out is
    /// leaving it without effect, proposed and confirmed like the others (issue 12: not understood).
    static func leavesWithoutEffect(_ t: [String]) -> Bool {
        t.indices.contains { i in t[i] == "sin" && i + 1 < t.count && t[i + 1] == "efecto" }
            || t.contains { $0.hasPrefix("anul") || $0.hasPrefix("revoc") || $0.hasPrefix("derog") || BorrarFlow.erases($0) }
    }

    /// The decision's number: «decisión 1», «decisión n° 2», «DC-3», «la DC 3».
    static func number(_ text: String) -> Int? {
        let folded = TextFold.fold(text)
        guard let r = folded.range(of: #"\b(decision(\s+(n[°º.]?|nro\.?|numero))?\s*|dc\s*-?\s*)(\d+)"#, options: [.regularExpression, .caseInsensitive]) else {
            return nil
        }
        return Int(String(folded[r].reversed().prefix { $0.isNumber }.reversed()))
    }

    /// The text with its «decisión 1» / «DC-1» taken out (so «DC-1: …» leaves only the new words after the colon).
    static func withoutReference(_ text: String) -> String {
        text.replacingOccurrences(of: #"(?i)\bDC\s*-\s*\d+"#, with: "DC", options: .regularExpression)
    }

    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        guard run.values["decision"] == nil, let n = Self.number(request),
              context.snapshot?.decisions.contains(where: { $0.number == n }) == true else { return Prefill() }
        return Prefill(values: ["decision": .number(Double(n))])
    }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard slot.name == "decision", let s = context.snapshot, let n = Read.int(value) else { return .accept }
        guard let d = s.decisions.first(where: { $0.number == n }) else {
            return .reject("No encuentro la decisión \(n). Pregúntame «¿qué decisiones tomamos?» para ver sus números.")
        }
        guard case .number = value else { return .accept }
        var remarks = ["Hoy la decisión \(n) dice «\(d.text)»."]
        var others: [String: SlotValue?] = [:]
        // Without effect: the log has no state for it, so the proposal is to say it in its text.
        let proposing = run.values["sin_efecto"] != nil || run.values["texto"]?.textValue.map { $0.hasSuffix(")") && $0.contains("(sin efecto desde") } == true
        if let said = run.values["sin_efecto"] {
            let why = said.textValue.flatMap { $0 == "sí" ? nil : $0 }
            others["texto"] = .text(Self.withoutEffect(d, today: context.today, reason: why))
            others["sin_efecto"] = .some(nil)
        } else if let said = run.values["texto"]?.textValue, let swapped = ContrastCorrection.applied(said, to: d.text) {
            // The new words said before the decision was known: a contrast changes only those words.
            others["texto"] = .text(swapped)
        }
        if proposing {
            remarks.append("Las decisiones no tienen un estado, así que te propongo dejarlo dicho en su texto. Si prefieres otras palabras, cámbialo en la revisión.")
        }
        return .replace(.text("\(n) («\(d.text)»)"), remarks: remarks, others: others)
    }

    /// «es el primer miércoles, no jueves» to «¿Cómo queda la decisión?»: the decision with that
    /// word changed, not the correction as its whole text.
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        guard slot.name == "texto", let n = run.values["decision"].flatMap(Read.int),
              let d = context.snapshot?.decisions.first(where: { $0.number == n }),
              let text = ContrastCorrection.applied(message.clean, to: d.text) else { return nil }
        return .fill(["texto": .text(text)], remark: "Queda: «\(text)».")
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        guard let n = v["decision"].flatMap(Read.int), var decision = snapshot.decisions.first(where: { $0.number == n }) else {
            throw StoreError.notFound("esa decisión")
        }
        guard let text = v["texto"]?.textValue, !text.isEmpty else { throw StoreError.notFound("el texto") }
        let before = decision.text
        decision.text = text
        try w.store.updateDecision(decision, network: snapshot.network.id)
        return ["id": decision.id, "numero": String(n),
                "resumen": "La decisión \(n) ahora dice «\(text)» (antes: «\(before)»)."]
    }
}
