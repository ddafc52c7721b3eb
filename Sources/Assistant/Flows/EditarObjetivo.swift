import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/editar-objetivo.yaml`: one objective of the common purpose changes; the statement
/// and the other objectives stay, and the previous version goes to the history. «hay que
/// cambiar un objetivo, el 3 ahora es "…"» at the menu comes here with both values.
struct EditarObjetivoFlow: MingaFlow {
    let id = "editar_objetivo"
    let saveKind: String? = "purpose_objective"
    let slotNames = ["numero", "texto"]

    /// «¿Lo cambio?» — «no»: the objective keeps its words as they were.
    func declineKeeps(_ run: FlowRun, context: EngineContext) -> Bool { true }

    func blocker(_ context: EngineContext) -> String? {
        guard let s = context.snapshot, s.purpose?.objectives.isEmpty ?? true else { return nil }
        return "La red todavía no tiene objetivos escritos. Si quieres, escribe «escribir el propósito»."
    }

    /// `claim` needs one of these (`ClaimCues`): An objective named.
    func claimCues(_ flow: FlowDefinition) -> ClaimCues { ClaimCues(prefixes: ["objetivo"]) }

    /// «el objetivo 3 ahora es …», «cambiar un objetivo, el 3 ahora es "…"».
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        guard let p = context.snapshot?.purpose, !p.objectives.isEmpty else { return nil }
        let t = message.phrase.tokens
        guard t.contains(where: { $0.hasPrefix("objetivo") }) else { return nil }
        var read = Self.read(message.clean, count: p.objectives.count)
        if read.number == nil { read.number = Self.named(message.clean, p) }
        // Only a change: a new text, or a verb of changing. «revisar el objetivo 1» is a look
        // at how it goes (another flow), not an edit.
        let changes = t.contains { w in Self.changeStems.contains { w.hasPrefix($0) } }
        guard let n = read.number, read.text != nil || changes else { return nil }
        var values: SlotValues = ["numero": .number(Double(n))]
        if let text = read.text { values["texto"] = .text(text) }
        return Claim(values: values)
    }

    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        var out = Prefill()
        var read = Self.read(request, count: context.snapshot?.purpose?.objectives.count ?? 0)
        if read.number == nil, let p = context.snapshot?.purpose { read.number = Self.named(request, p) }
        out.values["numero"] = read.number.map { .number(Double($0)) } ?? .some(nil)
        out.values["texto"] = read.text.map(SlotValue.text) ?? .some(nil)
        out.replacesEcho = true
        return out
    }

    /// Openings of the verbs that ask to change an objective.
    static let changeStems = ["cambi", "correg", "corrig", "corrij", "edit", "modific", "reemplaz"]

    /// «el objetivo de medir el clima de aula hay que cambiarlo, que diga: …»: the objective named
    /// by its words (between «objetivo» and what asks the change), as its number.
    static func named(_ text: String, _ p: Purpose) -> Int? {
        guard let at = text.range(of: "objetivo", options: .caseInsensitive) else { return nil }
        var said = String(text[at.upperBound...])
        for end in [",", ":", " hay que", " que diga", " ahora", " cambi", " por "] {
            if let r = said.range(of: end, options: .caseInsensitive) { said = String(said[..<r.lowerBound]) }
        }
        guard said.split(separator: " ").count >= 2, let o = ObjectiveReading.objective(in: said, p, withGoals: true) else { return nil }
        return p.objectives.firstIndex(of: o).map { $0 + 1 }
    }

    /// The objective's number (said as a reference, within the purpose's count) and its new
    /// text: what follows «ahora es», «queda», «es:», or a quoted phrase.
    static func read(_ text: String, count: Int) -> (number: Int?, text: String?) {
        let t = Phrase(text).tokens
        var number = SeguimientoFlow.referenceNumbers(t.map { $0.hasPrefix("objetivo") ? "n" : $0 }).first { (1...max(1, count)).contains($0) }
        var newText: String?
        if let open = text.firstIndex(where: { "\"“«".contains($0) }) {
            let rest = text[text.index(after: open)...]
            newText = String(rest.prefix { !"\"”»".contains($0) })
        } else {
            // «debería decir …», «que diga …»: how it should read, said as a wish.
            // «debería decir: …» with its colon too (the colon hid the lead, and a decision was
            // registered instead, qa15).
            if let r = text.range(of: #"\b(deber[ií]a|debe|tiene que|tendr[ií]a que)\s+(decir|ser|quedar)\s*:?\s+"#, options: [.regularExpression, .caseInsensitive]) {
                newText = String(text[r.upperBound...])
            }
            for lead in ["ahora es ", "ahora dice ", "queda como ", "queda: ", "es: ", "ahora: ", "que diga: ", "que diga "] where newText == nil {
                if let r = text.range(of: lead, options: [.caseInsensitive, .backwards]) { newText = String(text[r.upperBound...]); break }
            }
            // «cambia el objetivo 2 por: compartir…», «reemplaza el 1 por leer más»: what replaces it
            // follows «por» right after the objective's number.
            if newText == nil, let r = text.range(of: #"\b(objetivo\s+)?(n[°º]?\s*|numero\s+)?\d\s+por:?\s+"#, options: [.regularExpression, .caseInsensitive]) {
                newText = String(text[r.upperBound...])
            }
            // «el objetivo 2 en verdad es fortalecer la alianza con las familias»: said as what it
            // really is (qa34: «No te entendí»).
            if newText == nil, let actually = ActuallyIs.read(text, record: .objective, needsQue: false) {
                newText = actually.text
                if number == nil, let n = actually.number, (1...max(1, count)).contains(n) { number = n }
            }
            // «el objetivo de medir el clima hay que cambiarlo: medirlo con…»: after a colon that
            // closes the words asking the change, how it reads now (it was asked again).
            if newText == nil, let colon = text.firstIndex(of: ":"),
               Phrase(String(text[..<colon])).tokens.contains(where: { w in changeStems.contains { w.hasPrefix($0) } }) {
                newText = String(text[text.index(after: colon)...])
            }
        }
        let cleaned = newText?.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
        return (number, cleaned.flatMap { Phrase($0).stems.count >= 2 ? $0 : nil })
    }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard slot.name == "numero", let p = context.snapshot?.purpose else { return .accept }
        guard let n = Read.int(value), p.objectives.indices.contains(n - 1) else {
            return .reject("El propósito tiene \(p.objectives.count) objetivos: dime un número del 1 al \(p.objectives.count).")
        }
        guard case .number = value else { return .accept }
        return .replace(.text("\(n)"), remarks: ["Hoy el objetivo \(n) es: «\(p.objectives[n - 1])». Los demás quedan como están."])
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        guard var p = snapshot.purpose, let n = v["numero"].flatMap(Read.int), p.objectives.indices.contains(n - 1),
              let text = v["texto"]?.textValue else { throw StoreError.notFound("ese objetivo") }
        p.history.append(Purpose.Version(date: p.date, statement: p.statement, objectives: p.objectives))
        p.objectives[n - 1] = text
        p.date = w.clock.today()
        try w.store.savePurpose(p, network: snapshot.network.id)
        return ["id": snapshot.network.id, "resumen": "el objetivo \(n) ahora es «\(text)»; la versión anterior quedó en el historial."]
    }
}
