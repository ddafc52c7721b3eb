import CivilTime
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/restaurar-acuerdo.yaml`: «deshacer» right after a follow-up or a deletion of an
/// agreement puts back the state, deadline and evidence it had before (the `antes.*` the undone
/// save left), with a line in its history; nothing is erased.
struct RestaurarAcuerdoFlow: MingaFlow {
    let id = "restaurar-acuerdo"
    var saveKind: String? { "agreement_restore" }
    let slotNames = ["acuerdo", "estado", "plazo", "evidencia_entregada", "texto", "responsables"]

    /// What «deshacer» starts after a save that left `before` (`before(_:)`).
    static func undo(after before: [String: String]?) -> Undo? {
        guard let before, let n = before["antes.numero"].flatMap({ Int($0) }),
              let old = before["antes.estado"].flatMap(Agreement.Status.init(rawValue:)) else { return nil }
        var values: SlotValues = ["acuerdo": .number(Double(n)), "estado": .text(old.label)]
        if let d = before["antes.plazo"].flatMap({ LocalDate(iso: $0) }) { values["plazo"] = .date(d) }
        if let e = before["antes.evidencia_entregada"] { values["evidencia_entregada"] = .text(e) }
        return Undo(flow: "restaurar-acuerdo", values: values)
    }

    /// The `antes.*` a save that changes an agreement leaves, so «deshacer» can put it back.
    static func before(_ a: Agreement) -> [String: String] {
        var out = ["antes.numero": a.number.map(String.init) ?? "", "antes.estado": a.status.rawValue]
        if let d = a.deadline { out["antes.plazo"] = d.iso }
        if let e = a.evidenceDelivered { out["antes.evidencia_entregada"] = e }
        return out
    }

    /// `claim` needs one of these (`ClaimCues`): a verb of bringing back (`restoreClaim`), of
    /// undoing, or a done word (`undoClaim`).
    func claimCues(_ flow: FlowDefinition) -> ClaimCues {
        ClaimCues(words: Array(RestaurarOrganizacionFlow.restoreWords) + Array(Self.undoVerbs.words) + ["pendiente"] + Array(Self.doneWords.words),
                  prefixes: ["recuper", "reactiv", "restaur"])
    }

    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        restoreClaim(message, context: context) ?? undoClaim(message, context: context)
    }

    /// «recupera el acuerdo 3», «restaura el acuerdo 3» some turns after it was deleted (qa17:
    /// only «deshacer» right after brought it back): a verb of bringing back and an agreement by
    /// its number; it comes back in the state it had before it was deleted.
    func restoreClaim(_ message: Utterance, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        guard RestaurarOrganizacionFlow.bringsBack(t), t.contains(where: { $0 == "acuerdo" || $0 == "compromiso" }), !QuestionForm.asks(message),
              let n = TerritoryReading.number(after: ["acuerdo", "compromiso"], in: message.clean),
              let a = context.snapshot?.agreement(number: n) else { return nil }
        return Claim(values: ["acuerdo": .number(Double(n)), "estado": .text(Self.statusBeforeDeletion(a).label)])
    }

    /// The state an agreement had before its last deletion: the one its history shows before
    /// that change (pendiente when none does); its state as it is when it was never deleted.
    static func statusBeforeDeletion(_ a: Agreement) -> Agreement.Status {
        guard a.status == .borrado else { return a.status }
        guard let last = a.history.lastIndex(where: { $0.status == .borrado }) else { return .pendiente }
        return a.history[..<last].last { $0.status != .borrado }?.status ?? .pendiente
    }

    // MARK: undone later, from the agreement's history (qa18 A2)

    static let undoVerbs: WordSet = ["deshacer", "deshaz", "deshace", "deshagamos", "deshazlo", "deshacelo", "revertir", "revierte", "revirtamos"]
    /// Single words that say an agreement is done («cumplido», «listo»).
    static let doneWords: WordSet = ["cumplido", "cumplida", "listo", "lista", "terminado", "terminada", "hecho", "hecha",
                                     "completado", "completada", "logrado", "lograda", "entregado", "entregada"]
    /// Words before «lista», «hecho» that make it a noun («la lista en el grupo», «ese hecho»).
    static let determiners: WordSet = ["la", "el", "las", "los", "una", "un", "esa", "ese", "mi", "tu", "su", "sus", "mis", "nuestra", "nuestro"]

    /// The tokens with the done words that do not say the agreement is done left out: one
    /// negated («no está cumplido», «el bus no esta listo») or used as a noun («la lista en el
    /// grupo»: the list, qa18 A2 marked the bus agreement cumplido).
    static func doneWordsThatSayIt(_ t: [String]) -> [String] {
        t.indices.filter { i in
            guard doneWords.contains(t[i]) else { return true }
            if i > 0, determiners.contains(t[i - 1]) { return false }
            // («no cumplido» itself is the state of that name.)
            return !(i > 1 && t[i - 1] != "no" && t[max(0, i - 3)..<(i - 1)].contains("no"))
        }.map { t[$0] }
    }

    /// «el acuerdo 1 no está cumplido», «…no esta listo», «no cumplido, vuelve a pendiente»: a
    /// done word negated (right after «no», only with «pendiente»: «no cumplido» is a state).
    static func deniesDone(_ t: [String]) -> Bool {
        t.indices.contains { i in
            doneWords.contains(t[i]) && i > 0 && (t[i - 1] == "no" ? t.contains("pendiente") : t[max(0, i - 3)..<(i - 1)].contains("no"))
        }
    }


    /// «deshaz el cambio del acuerdo 1», «el acuerdo 1 no está cumplido, vuelve a pendiente»,
    /// «noo el bus no esta listo, deshace eso», said any time after: the agreement goes back to
    /// the state it had before its last change (its history says which), after the review.
    /// Only an agreement whose last change can be undone (not pending, not deleted).
    func undoClaim(_ message: Utterance, context: EngineContext) -> Claim? {
        guard let s = context.snapshot else { return nil }
        let t = message.phrase.tokens
        let undo = t.contains(where: Self.undoVerbs.contains), denies = Self.deniesDone(t)
        guard undo || denies, !QuestionForm.asks(message) else { return nil }
        let named = t.contains { $0.hasPrefix("acuerd") }
        var a: Agreement?
        if named, let n = SeguimientoFlow.referenceNumbers(t).first(where: { s.agreement(number: $0) != nil }) { a = s.agreement(number: n) }
        if a == nil, case let found = AgreementReference.named(message.clean, in: s, context: context), found.count == 1 { a = found[0] }
        // «deshaz el cambio del acuerdo 2» after its text or responsables changed: what they were
        // before, from its history (only states were undone; qa18 offered the three edit flows).
        if undo, let a, let n = a.number, a.status != .borrado, let last = a.history.last, let field = last.field, field != "plazo", let before = last.before, !before.isEmpty {
            var values: SlotValues = ["acuerdo": .number(Double(n)), "estado": .text(a.status.label)]
            switch field {
            case "texto": values["texto"] = .text(before[0])
            case "responsables": values["responsables"] = .list(before)
            default: return nil
            }
            return Claim(values: values)
        }
        // «deshacer» alone, «deshace eso»: the session's own undo (right after a save), not this.
        guard let a, let n = a.number, a.status != .pendiente, a.status != .borrado else { return nil }
        // «no está cumplido» of one that is not marked cumplido says nothing to undo.
        if !undo, a.status != .cumplido { return nil }
        let (status, deadline) = Self.previous(a)
        var values: SlotValues = ["acuerdo": .number(Double(n)), "estado": .text(status.label)]
        if let deadline, deadline != a.deadline { values["plazo"] = .date(deadline) }
        // Evidence goes with «cumplido» only: undoing that drops it, and going back to it takes
        // back the evidence it had (kept in its history once the agreement was open again).
        if a.status != .cumplido, let e = a.evidenceDelivered ?? (status == .cumplido ? Self.deliveredBefore(a) : nil) {
            values["evidencia_entregada"] = .text(e)
        }
        return Claim(values: values)
    }

    /// The evidence the agreement's last «cumplido» delivered, as its history tells it
    /// («evidencia: …» in that change's note, or «evidencia entregada antes: …» in a later one).
    static func deliveredBefore(_ a: Agreement) -> String? {
        for change in a.history.reversed() {
            guard let note = change.note else { continue }
            for lead in ["evidencia entregada antes: ", "evidencia: "] {
                guard let r = note.range(of: lead), change.status == .cumplido || lead.hasPrefix("evidencia entregada") else { continue }
                let said = note[r.upperBound...]
                // («evidencia: acta; me costó harto»: a comment follows the evidence.)
                return String(change.status == .cumplido ? said.prefix { $0 != ";" } : said)
            }
        }
        return nil
    }

    /// The state (and the deadline, when a change of the history set it) the agreement had before
    /// its last change of state; pending when its history holds no earlier one.
    static func previous(_ a: Agreement) -> (Agreement.Status, LocalDate?) {
        var changes = a.history.filter { $0.status != .borrado }
        // The last change of state, and the ones after it that kept the state (text, deadline fixed).
        var undone: [Agreement.Change] = []
        while let last = changes.last, last.status == a.status { undone.append(changes.removeLast()) }
        // The plazo the first of the undone changes replaced, when it kept it (`campo: plazo`).
        let kept: LocalDate?? = undone.last.flatMap { c in c.field == "plazo" ? .some(c.before?.first.flatMap(LocalDate.init(iso:))) : nil }
        guard let before = changes.last else { return (.pendiente, kept ?? nil) }
        return (before.status, kept ?? changes.last(where: { $0.deadline != nil })?.deadline)
    }

    /// «no, era el 17 de junio» at «¿Lo dejo como estaba?» after a rescheduling: a new day there
    /// says the rescheduling stands and its day was wrong, not that it is undone (qa38: it was
    /// undone to pending with that day, the reason lost, while the reply said it was as before).
    /// The deadline's correction is asked instead; the state and its reason stay.
    func reviewChange(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        guard run.values["texto"] == nil, run.values["responsables"] == nil, WhenCues.maySayWhen(folded: message.phrase.folded),
              let s = context.snapshot, let n = run.values["acuerdo"].flatMap(Read.int), let a = s.agreement(number: n),
              a.status == .reprogramado, let m = TemporalParser.parse(message.clean, context: context.temporal), !m.isAmbiguous,
              case .date(let d) = m.value, d != a.deadline, d != run.values["plazo"]?.dateValue else { return nil }
        return .instead(flow: "corregir_plazo", values: ["acuerdo": .number(Double(n)), "plazo": .date(d)],
                        echo: [], left: "Entonces no lo deshago: el acuerdo \(n) sigue reprogramado, con su motivo. Lo que cambia es su plazo.")
    }

    /// Only what the undone change replaced is put back: nothing more is asked.
    func asks(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Bool {
        !slot.optional
    }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard slot.name == "acuerdo", case .number = value, let n = Read.int(value) else { return .accept }
        // «recupera el acuerdo 3» when it was never deleted: nothing to bring back.
        // (Undoing a follow-up brings back another state than the one it has: that goes on.)
        if let a = context.snapshot?.agreement(number: n), a.status != .borrado, run.values["estado"]?.textValue ?? a.status.label == a.status.label,
           run.values["texto"] == nil, run.values["responsables"] == nil {
            return .unchanged("El acuerdo \(n) («\(a.text)») no está borrado: sigue en las listas, \(a.status(on: context.today).label).")
        }
        // (A deleted one is out of the conversation's snapshot: its number alone.)
        return .replace(.text(context.snapshot?.agreement(number: n).map { "\(n) («\($0.text)»)" } ?? "\(n)"))
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        guard let network else { throw StoreError.notFound("la red") }
        // The whole store, deleted ones included: a deletion is what may be undone.
        let snapshot = try w.store.snapshot(network: network).value
        guard let n = v["acuerdo"].flatMap(Read.int), let seen = snapshot.agreements.first(where: { $0.number == n }) else {
            throw StoreError.notFound("ese acuerdo")
        }
        guard let label = v["estado"]?.textValue, let status = Agreement.Status.allCases.first(where: { $0.label == label }) else {
            throw StoreError.notFound("el estado de antes")
        }
        // A text or responsables put back: the state stays, and the history says what it was.
        let text = v["texto"]?.textValue, people = v["responsables"]?.listValue.flatMap { $0.isEmpty ? nil : $0 }
        if text != nil || people != nil {
            let field = text != nil ? "texto" : "responsables"
            let replaced = text != nil ? [seen.text] : seen.responsables
            let said = text.map { "texto: «\(seen.text)» → «\($0)»" } ?? "responsables: \(SlotValue.joinSpanish(seen.responsables)) → \(SlotValue.joinSpanish(people ?? []))"
            let change = Agreement.Change(at: w.stamp, status: seen.status, note: "se deshizo el cambio anterior (\(said))" + (user.name.map { ", por \($0)" } ?? ""),
                                          deadline: seen.deadline, field: field, before: replaced)
            let a = try w.store.modifyAgreement(id: seen.id, network: snapshot.network.id) { fresh in
                if let text { fresh.text = text }
                if let people { fresh.responsables = people }
                fresh.history.append(change)
            }
            let resumen = text != nil ? "el acuerdo \(n) volvió a decir «\(a.text)», como estaba."
                : "el acuerdo \(n) («\(a.text)») volvió a quedar a cargo de \(SlotValue.joinSpanish(a.responsables)), como estaba."
            return ["id": a.id, "numero": String(n), "resumen": resumen]
        }
        let undone = seen.history.last.map { " («\($0.status.label)»)" } ?? ""
        let change = Agreement.Change(at: w.stamp, status: status, note: "se deshizo el cambio anterior\(undone)" + (user.name.map { ", por \($0)" } ?? ""))
        let a = try w.store.modifyAgreement(id: seen.id, network: snapshot.network.id) { fresh in
            fresh.status = status
            if let d = v["plazo"]?.dateValue { fresh.deadline = d }
            fresh.evidenceDelivered = v["evidencia_entregada"]?.textValue
            fresh.history.append(change)
        }
        return ["id": a.id, "numero": String(n), "resumen": "el acuerdo \(n) («\(a.text)») volvió a quedar \(status.label), como estaba."]
    }
}
