import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/restaurar-registro.yaml`: «deshacer» right after deleting a member, learning result,
/// reflection or poll (`BorrarRegistroFlow`) brings it back as it was, and so does «recupera a
/// Fernanda Rojas», «restaura el resultado 1» later (qa30: «Lo último que guardaste no lo puedo
/// deshacer desde aquí», and «recupera a …» was not understood; only a hand edit of its file
/// brought it back). A deleted meeting is not brought back here (deleting it may have reopened
/// its poll).
struct RestaurarRegistroFlow: MingaFlow {
    let id = "restaurar-registro"
    let saveKind: String? = "record_restore"
    let slotNames = ["registro"]

    /// «¿Lo recupero?» — «no»: it stays deleted, nothing more is asked.
    func declineKeeps(_ run: FlowRun, context: EngineContext) -> Bool { true }

    func blocker(_ context: EngineContext) -> String? {
        guard let s = context.snapshot, Self.deleted(in: s).isEmpty else { return nil }
        return "No hay miembros, resultados, reflexiones ni sondeos borrados que recuperar."
    }

    /// `claim` needs a verb of bringing back (`ClaimCues`), as `RestaurarOrganizacionFlow`.
    func claimCues(_ flow: FlowDefinition) -> ClaimCues {
        ClaimCues(words: Array(RestaurarOrganizacionFlow.restoreWords), prefixes: ["recuper", "reactiv", "restaur"])
    }

    /// «recupera a Fernanda Rojas, la borré sin querer», «restaura el resultado 1»: a verb of
    /// bringing back and one deleted record, named by a member's name or by kind and number.
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        guard RestaurarOrganizacionFlow.bringsBack(t), !QuestionForm.asks(message), let s = context.snapshot else { return nil }
        let gone = Self.deleted(in: s)
        guard !gone.isEmpty, let target = Self.named(t, among: gone) else { return nil }
        return Claim(values: ["registro": .text(target.reference)])
    }

    /// The deleted records this flow can bring back.
    /// (A `live` snapshot, as every turn reads, keeps them in `removedRecords`; a whole one, as
    /// `save` reads, has them among its records.)
    static func deleted(in s: NetworkSnapshot) -> [RecordReference.Target] {
        if let r = s.removedRecords {
            return r.members.map { .member($0) } + r.results.map { .result($0) } + r.reflections.map { .reflection($0) } + r.polls.map { .poll($0) }
        }
        return s.members.filter { $0.deleted != nil }.map { .member($0) }
            + s.results.filter { $0.deleted != nil }.map { .result($0) }
            + s.reflections.filter { $0.deleted != nil }.map { .reflection($0) }
            + s.polls.filter { $0.deleted != nil }.map { .poll($0) }
    }

    /// The one deleted record `t` names: a member by first and last name (or the only deleted
    /// member with that first name), or «resultado/reflexión/sondeo N».
    static func named(_ t: [String], among gone: [RecordReference.Target]) -> RecordReference.Target? {
        for (kind, words) in [(RecordReference.Kind.result, ["resultado"]), (.reflection, ["reflexion"]), (.poll, ["sondeo", "encuesta"])] {
            if let n = TerritoryReading.number(after: Set(words), in: t.joined(separator: " ")) {
                return gone.first { g in
                    switch g {
                    case .result(let l): kind == .result && l.number == n
                    case .reflection(let r): kind == .reflection && r.number == n
                    case .poll(let p): kind == .poll && p.number == n
                    default: false
                    }
                }
            }
        }
        let said = Set(t)
        let people: [RecordReference.Target] = gone.filter { g in
            guard case .member(let m) = g else { return false }
            let parts = Phrase(m.name).tokens
            guard let first = parts.first, said.contains(first) else { return false }
            return parts.count == 1 || said.contains(parts[parts.count - 1])
        }
        if people.count == 1 { return people[0] }
        let byFirst = gone.filter { g in
            guard case .member(let m) = g, let first = Phrase(m.name).tokens.first else { return false }
            return said.contains(first)
        }
        return byFirst.count == 1 ? byFirst[0] : nil
    }

    /// «a Fernanda Rojas», «el resultado 1» to «¿Qué recupero?».
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        guard slot.name == "registro", let s = context.snapshot, let target = Self.named(message.phrase.tokens, among: Self.deleted(in: s)) else {
            return nil
        }
        return .fill(["registro": .text(target.reference)], remark: nil)
    }

    /// What is given must be one of the deleted records (by the reference `claim`, `interpret` or
    /// `undo` wrote, which ends with its id).
    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard slot.name == "registro", let text = value.textValue, let s = context.snapshot else { return .accept }
        if Self.target(text, in: s) != nil { return .accept }
        let gone = Self.deleted(in: s)
        if gone.isEmpty { return .reject("No hay miembros, resultados, reflexiones ni sondeos borrados que recuperar.") }
        return .reject("No encuentro eso entre lo borrado. Se puede recuperar: " + SlotValue.joinSpanish(gone.map(\.reference)) + ".")
    }

    /// The deleted record whose id closes `reference` («a Fernanda Rojas (fernanda-rojas) de la red»,
    /// «el resultado 1 (…, L-1)») or is `reference` itself (what `undo` gives).
    static func target(_ reference: String, in s: NetworkSnapshot) -> RecordReference.Target? {
        let gone = deleted(in: s)
        if let exact = gone.first(where: { $0.id == reference }) { return exact }
        guard let open = reference.lastIndex(of: "("), let close = reference[open...].firstIndex(of: ")") else { return nil }
        let inside = reference[reference.index(after: open)..<close]
        let id = inside.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return gone.first { $0.id == id }
    }

    /// What «deshacer» starts right after `BorrarRegistroFlow` saved `record` (its id).
    static func undo(after record: String, context: EngineContext) -> Undo? {
        guard let s = context.snapshot, let target = target(record, in: s) else { return nil }
        return Undo(flow: "restaurar-registro", values: ["registro": .text(target.reference)])
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        // The whole store, deleted records included: a deletion is what is undone.
        guard let network else { throw StoreError.notFound("la red") }
        let snapshot = try w.store.snapshot(network: network).value
        guard let text = v["registro"]?.textValue, let target = Self.target(text, in: snapshot) else {
            throw StoreError.notFound("ese registro")
        }
        let id = snapshot.network.id
        switch target {
        case .member(var m):
            // The deletion stays in its file's history, with the return (issue 12: restoring
            // erased why the member was taken out).
            m.trail.append("borrado: " + (m.deleted ?? ""))
            m.trail.append("vuelve a la red: " + w.stamp + (user.name.map { " por \($0)" } ?? ""))
            m.deleted = nil
            try w.store.saveMember(m, network: id)
            return ["id": m.id, "resumen": "\(m.name) volvió a la red, con sus datos como estaban."]
        case .result(var l):
            // As a member's: the deletion note goes to its history, with who brought it back.
            l.history.append(LearningResult.Change(at: w.stamp, field: "borrado", before: l.deleted,
                                                   note: "recuperado" + (user.name.map { " por \($0)" } ?? "")))
            l.deleted = nil
            try w.store.updateResult(l, network: id)
        case .reflection(var r):
            r.deleted = nil
            try w.store.updateReflection(r, network: id)
        case .poll(let p):
            _ = try w.store.modifyPoll(id: p.id, network: id) { $0.deleted = nil }
        case .meeting:
            throw StoreError.notFound("ese registro")
        }
        return ["id": target.id, "resumen": "recuperé \(target.reference), como estaba."]
    }
}
