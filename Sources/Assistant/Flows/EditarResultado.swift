import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/editar-resultado.yaml`: a learning result's figure written down wrong is put right
/// («el resultado de 4to lenguaje era 251, no 215», «me equivoqué, el de la Bernardo OHiggins era
/// 64% no 62%»). The result is named by number, id or what it is of; the figure it had, when
/// said, tells two alike apart. The file keeps the old figure in its history.
struct EditarResultadoFlow: MingaFlow {
    let id = "editar_resultado"
    let saveKind: String? = "result_update"
    let slotNames = ["resultado", "valor"]

    func declineKeeps(_ run: FlowRun, context: EngineContext) -> Bool { true }

    func blocker(_ context: EngineContext) -> String? {
        guard let s = context.snapshot, s.results.isEmpty else { return nil }
        return "Todavía no hay resultados de aprendizaje anotados. Si quieres, escribe «registrar un resultado»."
    }

    /// `claim` needs one of these (`ClaimCues`): a figure.
    func claimCues(_ flow: FlowDefinition) -> ClaimCues { ClaimCues(bytes: ClaimCues.digits) }

    /// Words that say a figure is being put right.
    static let fixWords: Set<String> = ["corregir", "corrige", "corrijamos", "corrijan", "cambiar", "cambia", "cambiemos", "cambien", "modificar",
                                        "modifica", "editar", "edita", "equivoque", "equivocamos", "equivocado", "equivocada", "error", "mal",
                                        "malo", "mala", "era", "eran", "correcto", "real"]

    /// A fix word, or a form of one with what it takes («corrígelo», «cámbialo», «me equivoqué»).
    static func fixes(_ w: String) -> Bool {
        fixWords.contains(w) || ["corrig", "corrij", "cambi", "modific", "edit", "equivoc"].contains { w.hasPrefix($0) }
    }

    /// A figure corrected: a result named (by «resultado» or the figure it had) with a fix word and
    /// the right figure. A new result («lenguaje 262 puntos») has no fix word nor an old figure.
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        let text = message.clean
        guard text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }), let s = context.snapshot, !s.results.isEmpty else { return nil }
        let t = message.phrase.tokens
        guard t.contains(where: Self.fixes), !t.contains(where: BorrarFlow.deleteWord), !QuestionForm.asks(message),
              let fix = ResultMention.correction(text) else { return nil }
        let named = t.contains(where: ResultMention.nouns.contains)
        // Without «resultado», the figure it had must be one of them: «el de la Bernardo era 64% no 62%».
        let hadIt = fix.old.flatMap(LearningResult.figure).map { f in s.results.contains { $0.figure == f } } ?? false
        guard named || hadIt else { return nil }
        let found = ResultMention.candidates(text, in: s, old: fix.old)
        guard !found.isEmpty else { return nil }
        var values: SlotValues = [:]
        if found.count == 1 {
            values["resultado"] = .text(ResultMention.reference(found[0]))
            values["valor"] = .text(ResultMention.rewrite(found[0].value, with: fix.new))
        } else {
            values["valor"] = .text(fix.new)
        }
        return Claim(values: values)
    }

    /// «cambiar el resultado 2», started by its trigger: the result and the figure it names.
    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        guard let s = context.snapshot else { return Prefill() }
        var out = Prefill(values: ["resultado": SlotValue?.none, "valor": SlotValue?.none], replacesEcho: true)
        let fix = ResultMention.correction(request)
        let found = ResultMention.candidates(request, in: s, old: fix?.old)
        let t = Phrase(request).tokens
        let saysWhich = found.count == 1 && (found.count < s.results.count || s.results.count == 1 && t.contains(where: { Int($0) != nil || $0.contains("-") }))
        if saysWhich {
            out.values["resultado"] = .text(ResultMention.reference(found[0]))
            out.echo.append("resultado: \(ResultMention.describe(found[0]))")
        }
        if let fix {
            let value = saysWhich ? ResultMention.rewrite(found[0].value, with: fix.new) : fix.new
            out.values["valor"] = .text(value)
            out.echo.append("resultado correcto: \(value)")
        }
        return out
    }

    /// The results to choose from, so «el 2» or «el de matemática» can name one.
    func beforeAsking(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> [String] {
        guard slot.name == "resultado", let s = context.snapshot, !s.results.isEmpty, s.results.count <= 8 else { return [] }
        return ["Los que hay:\n" + s.results.map { "- Resultado \($0.number ?? 0): " + ResultMention.describe($0) }.joined(separator: "\n")]
    }

    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        guard let s = context.snapshot else { return nil }
        switch slot.name {
        case "resultado":
            var text = message.clean
            // «el 2», «2»: the number said alone is the result's.
            if let n = Int(message.phrase.tokens.filter { !["el", "la", "resultado"].contains($0) }.joined()), s.results.contains(where: { $0.number == n }) {
                text = "resultado \(n)"
            }
            let found = ResultMention.candidates(text, in: s, old: ResultMention.correction(text)?.old)
            if found.count == 1, found.count < s.results.count || s.results.count == 1 {
                var values: SlotValues = ["resultado": .text(ResultMention.reference(found[0]))]
                // «el de matemática, era 251»: the figure said with it.
                if let fix = ResultMention.correction(message.clean) { values["valor"] = .text(ResultMention.rewrite(found[0].value, with: fix.new)) }
                return .fill(values, remark: nil)
            }
            if found.count > 1, found.count < s.results.count {
                return .reask("Hay varios que calzan:\n" + found.prefix(5).map { "- Resultado \($0.number ?? 0): " + ResultMention.describe($0) }.joined(separator: "\n")
                              + "\nDime cuál, con su número.")
            }
            return nil
        case "valor":
            // «era 251, no 215», «251»: the right figure, written as the old one was.
            let text = message.clean
            guard text.contains(where: \.isNumber) else { return nil }
            let new = ResultMention.correction(text)?.new ?? (ResultMention.figures(in: text).count == 1 && message.phrase.tokens.count <= 3 ? ResultMention.figures(in: text)[0] : nil)
            guard let new else { return nil }
            let old = run.values["resultado"]?.textValue.flatMap { Self.result($0, in: s) }?.value
            return .fill(["valor": .text(old.map { ResultMention.rewrite($0, with: new) } ?? new)], remark: nil)
        default:
            return nil
        }
    }

    /// The result a reference names («el resultado 1 (…, L-1)»).
    static func result(_ reference: String, in s: NetworkSnapshot) -> LearningResult? {
        let found = ResultMention.candidates(reference, in: s)
        return found.count == 1 ? found[0] : nil
    }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard let s = context.snapshot, let text = value.textValue else { return .accept }
        switch slot.name {
        case "resultado":
            let found = ResultMention.candidates(text, in: s)
            guard found.count == 1, found.count < s.results.count || s.results.count == 1 else {
                return .reject("No encuentro cuál es. Dime su número, por ejemplo «el 1», o de qué es, por ejemplo «el de matemática».")
            }
            let l = found[0]
            let shown = ResultMention.reference(l)
            // A figure asked before the result was known is written as this one's.
            let others: SlotValues = run.values["valor"]?.textValue.map { ["valor": .text(ResultMention.rewrite(l.value, with: $0))] } ?? [:]
            // What it says now, unless the «Anoté» line already showed it with the right figure.
            let remarks = run.values["valor"] == nil ? ["Hoy dice: \(l.value)."] : []
            return shown == text && others.isEmpty ? .accept(remarks) : .replace(.text(shown), remarks: remarks, others: others)
        case "valor":
            guard LearningResult.figure(in: text) != nil else { return .reject("Dime el resultado con su número, por ejemplo «251 puntos» o «64%».") }
            if let l = run.values["resultado"]?.textValue.flatMap({ Self.result($0, in: s) }), l.value == text {
                return .reject("Ese es el resultado que ya tiene anotado. ¿Cuál es el correcto?")
            }
            return .accept
        default:
            return .accept
        }
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network).live
        guard let reference = v["resultado"]?.textValue, var l = Self.result(reference, in: snapshot) else { throw StoreError.notFound("ese resultado") }
        guard let value = v["valor"]?.textValue else { throw StoreError.notFound("el resultado correcto") }
        let before = l.value
        l.history.append(LearningResult.Change(at: w.stamp, field: "valor", before: before, note: user.name.map { "corregido por \($0)" }))
        l.value = value
        try w.store.updateResult(l, network: snapshot.network.id)
        return ["id": l.id, "numero": l.number.map(String.init) ?? l.id,
                "resumen": "el resultado \(l.number ?? 0) quedó en \(value) (antes decía \(before))."]
    }
}
