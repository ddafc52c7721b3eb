import CivilTime
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/fecha-norma.yaml`: a norm's date changed («cambiar la fecha de la norma 1 a marzo
/// 2027», «la norma 2 la votamos el 10 de marzo, cambia la fecha»). Text and state stay.
struct FechaNormaFlow: MingaFlow {
    let id = "fecha-norma"
    let saveKind: String? = "norm_date"
    let slotNames = ["norma", "fecha"]

    func declineKeeps(_ run: FlowRun, context: EngineContext) -> Bool { true }

    func blocker(_ context: EngineContext) -> String? { NormaEstadoFlow().blocker(context) }
    /// A message that names no norm asks nothing of this flow («… está en la ficha de la red»
    /// met «fecha … de la norma» through «ficha»).
    func declines(_ phrase: Phrase, context: EngineContext) -> Bool { NormaEstadoFlow().declines(phrase, context: context) }

    /// `claim` needs one of these (`ClaimCues`): a norm named.
    func claimCues(_ flow: FlowDefinition) -> ClaimCues { ClaimCues(words: ["norma", "normas"]) }

    /// A norm named with «fecha» (or «día») and a day: the norm and its new date.
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        guard t.contains(where: { $0 == "norma" || $0 == "normas" }), t.contains(where: { $0 == "fecha" || $0 == "dia" }),
              let s = context.snapshot, !s.norms.isEmpty, !QuestionForm.asks(message) else { return nil }
        let n = Self.norm(message.clean, s)
        var text = message.clean
        // «la norma 1»: its number is no day.
        if let r = text.range(of: #"(?i)norma\s+(n[°º.]?\s*)?\d+\b"#, options: .regularExpression) { text.replaceSubrange(r, with: "norma") }
        guard let day = Self.day(in: text, agreed: n.map { Self.agreed($0, s) } ?? false, context: context) else { return nil }
        var values: SlotValues = ["fecha": .date(day)]
        if let n { values["norma"] = .number(Double(n)) }
        return Claim(values: values, echo: ["fecha: \(SpanishFormat.date(day, today: context.today))"])
    }

    /// The day said, or the first of a month said alone («a marzo 2027», «en marzo»: the coming one).
    /// An agreed norm's date is the day it was agreed: a day said without its year is the one
    /// that already came («fue el 12 de noviembre»: qa33, it became next year's).
    static func day(in text: String, agreed: Bool = false, context: EngineContext) -> LocalDate? {
        if agreed, let (d, _) = DecidedOn.pastDay(text, context: context) { return d }
        if let d = CorregirPlazoFlow.deadline(in: text, context: context) { return d }
        guard let m = TemporalParser.parse(text, context: context.temporal), case .dateRange(let start, _) = m.value, start.day == 1,
              !(start < context.today.adding(months: -1)) else { return nil }
        return start
    }

    /// «marzo 2027» to «¿Qué fecha le pongo?»: the first of that month. «fue el 12 de noviembre»
    /// for an agreed norm: the day that already came.
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        // «la de partir puntual» to «¿Qué norma?»: picked by its words, as editar-norma does.
        if slot.name == "norma" { return EditarNormaFlow().interpret(message, slot: slot, run: run, context: context) }
        guard slot.name == "fecha" else { return nil }
        if let s = context.snapshot, let n = run.values["norma"].flatMap(Read.int), Self.agreed(n, s),
           let (d, _) = DecidedOn.pastDay(message.clean, context: context) {
            return .fill(["fecha": .date(d)], remark: nil)
        }
        guard CorregirPlazoFlow.deadline(in: message.clean, context: context) == nil,
              let d = Self.day(in: message.clean, context: context) else { return nil }
        return .fill(["fecha": .date(d)], remark: nil)
    }

    /// Whether norm `n` is no longer a proposal (its date is the day it was agreed, in the past).
    static func agreed(_ n: Int, _ s: NetworkSnapshot) -> Bool {
        guard let norm = s.norms.first(where: { $0.number == n }) else { return false }
        return norm.state != .propuesta
    }

    /// The norm a text names by number («la norma 2») or by its words.
    static func norm(_ text: String, _ s: NetworkSnapshot) -> Int? {
        guard let n = TerritoryReading.number(after: ["norma"], in: text) ?? NormaEstadoFlow.named(text, s),
              s.norms.contains(where: { $0.number == n }) else { return nil }
        return n
    }

    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        guard run.values["norma"] == nil, let s = context.snapshot, let n = Self.norm(request, s) else { return Prefill() }
        return Prefill(values: ["norma": .number(Double(n))])
    }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard slot.name == "norma", let s = context.snapshot, let n = Read.int(value) else { return .accept }
        guard let norm = s.norms.first(where: { $0.number == n }) else {
            return .reject("No encuentro la norma \(n). Pregúntame «¿cuáles son nuestras normas?» para ver sus números.")
        }
        let had = norm.date.map { ", con fecha \(SpanishFormat.date($0, today: context.today))" } ?? ""
        return .replace(.text("\(n) («\(norm.text)»)"), remarks: ["Es la norma «\(norm.text)» (\(norm.state.label)\(had))."])
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        guard let n = v["norma"].flatMap(Read.int), var norm = snapshot.norms.first(where: { $0.number == n }) else { throw StoreError.notFound("esa norma") }
        guard let d = v["fecha"]?.dateValue else { throw StoreError.notFound("la fecha") }
        norm.date = d
        try w.store.updateNorm(norm, network: snapshot.network.id)
        return ["id": norm.id, "numero": String(n),
                "resumen": "La norma \(n) («\(norm.text)») quedó con fecha \(SpanishFormat.date(d, today: w.clock.today())); sigue \(norm.state.label)."]
    }
}
