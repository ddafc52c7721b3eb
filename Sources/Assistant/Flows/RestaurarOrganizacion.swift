import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/restaurar-organizacion.yaml`: «deshacer» right after taking an organisation out
/// (`BorrarOrganizacionFlow`) puts it back among the network's organisations, with everything its
/// file kept (qa16 C: the removal could not be undone, so it was typed again as a new one).
struct RestaurarOrganizacionFlow: MingaFlow {
    let id = "restaurar-organizacion"
    let saveKind: String? = "organization_update"
    let slotNames = ["organizacion"]

    /// «¿La vuelvo a poner?» — «no»: it stays out, nothing more is asked.
    func declineKeeps(_ run: FlowRun, context: EngineContext) -> Bool { true }

    func blocker(_ context: EngineContext) -> String? {
        guard let s = context.snapshot, s.removedOrganizations.isEmpty else { return nil }
        return "No hay organizaciones sacadas de la red que volver a poner. Pregúntame «¿con qué organizaciones trabajamos?» para ver las que están."
    }

    /// `claim` needs one of these (`ClaimCues`): a verb of bringing back.
    func claimCues(_ flow: FlowDefinition) -> ClaimCues { ClaimCues(words: Array(Self.restoreWords), prefixes: ["recuper", "reactiv", "restaur"]) }

    /// «recupera la organización 2», «reactivemos el CESFAM Lanco», «vuelve a poner a la OPD»
    /// some turns after it was taken out (pass 11: only «deshacer» right after brought it back):
    /// a verb of bringing back and one organisation taken out, by its number or its words.
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        guard Self.bringsBack(t), let s = context.snapshot, !s.removedOrganizations.isEmpty, !QuestionForm.asks(message),
              let o = Self.removed(in: message.clean, s), let n = o.number else { return nil }
        return Claim(values: ["organizacion": .number(Double(n))])
    }

    static let restoreWords: Set<String> = ["recupera", "recuperar", "recuperemos", "recuperala", "recuperalo", "reactiva", "reactivar",
                                            "reactivemos", "reactivala", "reactivalo", "restaura", "restaurar", "restauremos", "restaurala",
                                            "restauralo", "vuelve", "volver", "volvamos"]

    /// A verb of bringing back: «recupera», «reactivar», «restaura», «vuelve a poner», «volver a agregar».
    static func bringsBack(_ t: [String]) -> Bool {
        for (i, w) in t.enumerated() {
            if ["recuper", "reactiv", "restaur"].contains(where: { w.hasPrefix($0) }) { return true }
            if ["vuelve", "volver", "volvamos"].contains(w), i + 2 < t.count, t[i + 1] == "a",
               ["poner", "ponerla", "ponerlo", "agregar", "agregarla", "agregarlo", "incorporar", "activar"].contains(t[i + 2]) { return true }
        }
        return false
    }

    /// The one organisation taken out that `text` names: by «organización N», or by its words.
    static func removed(in text: String, _ s: NetworkSnapshot) -> Organization? {
        if let n = TerritoryReading.number(after: ["organizacion", "institucion"], in: text) {
            return s.removedOrganizations.first { $0.number == n }
        }
        let found = TerritoryReading.best(s.removedOrganizations, in: text, name: \.name)
        return found.count == 1 ? found[0] : nil
    }

    /// «recupera el CESFAM»: the organisation its words name, when the request has no number.
    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        guard run.values["organizacion"] == nil, let s = context.snapshot, !request.contains(where: \.isNumber),
              let o = Self.removed(in: request, s), let n = o.number else { return Prefill() }
        return Prefill(values: ["organizacion": .number(Double(n))], echo: [])
    }

    /// «el cesfam», «la OPD» to «¿Qué organización vuelvo a poner?»: its number.
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        guard slot.name == "organizacion", !message.clean.contains(where: \.isNumber), let s = context.snapshot,
              let o = Self.removed(in: message.clean, s), let n = o.number else { return nil }
        return .fill(["organizacion": .number(Double(n))], remark: nil)
    }

    /// A number said: one of the organisations taken out (one still in the network needs nothing).
    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard slot.name == "organizacion", case .number = value, let n = Read.int(value), let s = context.snapshot else { return .accept }
        if let o = s.removedOrganizations.first(where: { $0.number == n }) {
            return .replace(.text("\(n) («\(o.name)»)"))
        }
        if let o = s.organizations.first(where: { $0.number == n }) {
            return .unchanged("«\(o.name)» (organización \(n)) sigue entre las organizaciones de la red: no hay nada que volver a poner.")
        }
        let gone = s.removedOrganizations.compactMap { o in o.number.map { "\($0) («\(o.name)»)" } }
        return .reject("No encuentro la organización \(n) entre las que se sacaron. Se sacaron: \(SlotValue.joinSpanish(gone)).")
    }

    /// What «deshacer» starts after a removal that left `before` (`BorrarOrganizacionFlow.save`).
    static func undo(after before: [String: String]?) -> Undo? {
        guard let before, let n = before["antes.numero"].flatMap({ Int($0) }) else { return nil }
        let name = before["antes.nombre"].map { " («\($0)»)" } ?? ""
        return Undo(flow: "restaurar-organizacion", values: ["organizacion": .text("\(n)\(name)")])
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        guard let network else { throw StoreError.notFound("la red") }
        // The whole store, removed ones included: a removal is what is undone.
        let snapshot = try w.store.snapshot(network: network).value
        guard let n = v["organizacion"].flatMap(Read.int), var o = snapshot.organizations.first(where: { $0.number == n }) else {
            throw StoreError.notFound("la organización")
        }
        guard o.deleted != nil else {
            return ["id": o.id, "resumen": "«\(o.name)» ya estaba entre las organizaciones de la red; no cambié nada."]
        }
        // The removal stays in its file's history (pass 11: restoring erased why it was taken out).
        o.trail.append("sacada: " + (o.deleted ?? ""))
        o.trail.append("vuelve a la red: " + w.stamp + (user.name.map { " por \($0)" } ?? ""))
        o.deleted = nil
        try w.store.updateOrganization(o, network: snapshot.network.id)
        return ["id": o.id, "resumen": "«\(o.name)» volvió a las organizaciones de la red, como estaba (organización \(n)). Su archivo guarda que se sacó y que volvió."]
    }
}
