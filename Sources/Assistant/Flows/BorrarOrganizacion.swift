import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/borrar-organizacion.yaml`: «el cesfam ya no trabaja con nosotros, sácalo de las
/// organizaciones», «borrar la organización 2»: the organisation, named by number or words, is
/// marked deleted (who, when, why) and kept in its file.
struct BorrarOrganizacionFlow: MingaFlow {
    let id = "borrar-organizacion"
    let saveKind: String? = "organization_update"
    let slotNames = ["organizacion", "motivo"]
    /// Its save takes a record out: «vuelve a ponerlo» right after it undoes it.
    var removesRecord: Bool { true }

    /// «deshacer» right after the removal: the organisation goes back, confirmed first.
    func undo(_ record: String, context: EngineContext) -> Undo? {
        RestaurarOrganizacionFlow.undo(after: context.lastSave?.before)
    }

    /// «¿La saco?» — «no»: it stays.
    func declineKeeps(_ run: FlowRun, context: EngineContext) -> Bool { true }

    func blocker(_ context: EngineContext) -> String? {
        guard let s = context.snapshot, s.organizations.isEmpty else { return nil }
        return "Todavía no hay organizaciones registradas, así que no hay ninguna que sacar."
    }

    /// «al final la jornada la organiza el DAEM, borra ese acuerdo…» with no organisation
    /// registered: a request about an agreement that met «organización» by chance, never a
    /// choice between the two.
    func declines(_ phrase: Phrase, context: EngineContext) -> Bool {
        guard let s = context.snapshot, s.organizations.isEmpty else { return false }
        return phrase.tokens.contains { AgreementMention.nouns.contains($0) }
    }

    /// `claim` needs one of these (`ClaimCues`): a word that removes (`BorrarFlow.deleteWord`, `removeWords`).
    func claimCues(_ flow: FlowDefinition) -> ClaimCues {
        BorrarFlow().claimCues(flow).or(ClaimCues(words: Array(Self.removeWords)))
    }

    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        // Cheap gate: a word that removes, and organisations to remove.
        guard t.contains(where: { BorrarFlow.deleteWord($0) || Self.removeWords.contains($0) }), let s = context.snapshot,
              !s.organizations.isEmpty, !QuestionForm.asks(message) else { return nil }
        let said = t.contains { $0 == "organizacion" || $0 == "organizaciones" || $0 == "institucion" }
        let org: Organization?
        if let n = TerritoryReading.number(after: ["organizacion", "institucion"], in: message.clean) {
            org = s.organizations.first { $0.number == n }
        } else {
            // Named by its words («el cesfam», «la biblioteca»), and no other record said.
            guard !t.contains(where: RenombrarRedFlow.otherRecords.subtracting(["organizacion", "organizaciones"]).contains) else { return nil }
            org = TerritoryReading.organization(in: message.clean, s)
        }
        guard let org, let n = org.number, said || TerritoryReading.organization(in: message.clean, s) != nil else { return nil }
        var values: SlotValues = ["organizacion": .number(Double(n))]
        // «ya no trabaja con nosotros»: why, said with the request (to the end of its clause).
        if let r = message.clean.range(of: #"(?i)\bya no [^,.;]+"#, options: .regularExpression) {
            values["motivo"] = .text(String(message.clean[r]).trimmingCharacters(in: .whitespaces))
        } else if let why = AgreementMention.reason(in: message.clean, after: { BorrarFlow.deleteWord($0) || Self.removeWords.contains($0) }),
                  Phrase(why).tokens.count >= 2 {
            // «borrar la organización Universidad de Concepción, se terminó el convenio»: the
            // clause after the comma (or «porque») is why, as when deleting an agreement.
            values["motivo"] = .text(why)
        }
        return Claim(values: values)
    }

    static let removeWords: Set<String> = ["saca", "sacala", "sacalo", "sacar", "sacarla", "sacarlo", "sacamos", "saquemos", "saquen"]

    /// «la universidad de concepción», «la u de conce» to «¿Qué organización?»: the one its
    /// words name, as its number (it got «No entendí … como número»: pass 8, 04-16, 04-17).
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        guard slot.name == "organizacion", !message.clean.contains(where: \.isNumber), let s = context.snapshot,
              let o = TerritoryReading.organization(in: message.clean, s), let n = o.number else { return nil }
        return .fill(["organizacion": .number(Double(n))], remark: nil)
    }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard slot.name == "organizacion", let s = context.snapshot, let n = Read.int(value) else { return .accept }
        guard let o = s.organizations.first(where: { $0.number == n }) else {
            return .reject("No encuentro la organización \(n). Pregúntame «¿con qué organizaciones trabajamos?» para ver sus números.")
        }
        return .replace(.text("\(n) («\(o.name)»)"))
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        guard let n = v["organizacion"].flatMap(Read.int), var o = snapshot.organizations.first(where: { $0.number == n }) else {
            throw StoreError.notFound("la organización")
        }
        o.deleted = w.stamp + (user.name.map { " por \($0)" } ?? "") + (v["motivo"]?.textValue.map { ": \($0)" } ?? "")
        try w.store.updateOrganization(o, network: snapshot.network.id)
        // What «deshacer» needs to put it back (`RestaurarOrganizacionFlow`).
        return ["id": o.id, "antes.numero": String(n), "antes.nombre": o.name, "resumen": "saqué «\(o.name)» de las organizaciones de la red. Su archivo la guarda, con el motivo, por si quieren revisarla después."]
    }
}
