import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/editar-tipo-organizacion.yaml`: the kind of an organisation already registered,
/// corrected («la fundación es una ONG, no una universidad», «la OPD no es organización
/// comunitaria, es un servicio público, cámbiale el tipo»). The kind denied is never the one
/// taken; a kind not on the list («servicio público») leaves the one the name makes obvious.
struct EditarTipoOrganizacionFlow: MingaFlow {
    let id = "editar-tipo-organizacion"
    let saveKind: String? = "organization_update"
    let slotNames = ["organizacion", "tipo"]

    func declineKeeps(_ run: FlowRun, context: EngineContext) -> Bool { true }

    func blocker(_ context: EngineContext) -> String? {
        guard let s = context.snapshot, s.organizations.isEmpty else { return nil }
        return "Todavía no hay organizaciones registradas. Si quieres, escribe «agregar una organización»."
    }

    /// «anota la organización …» asks to record a new one.
    func declines(_ phrase: Phrase, context: EngineContext) -> Bool { OrganizacionFlow.recordsNew(phrase.tokens) }

    /// `claim` needs one of these (`ClaimCues`): «tipo», or a denial («no es…», «no una…»).
    func claimCues(_ flow: FlowDefinition) -> ClaimCues { ClaimCues(words: ["tipo", "no"]) }

    /// Kinds said in a few words, beyond the ones a name makes obvious (`Organization.Kind.inferred`).
    static let kindWords: [String: Organization.Kind] = ["ong": .comunitaria, "comunitaria": .comunitaria, "comunitario": .comunitaria,
                                                         "universidad": .universidad, "salud": .salud, "proteccion": .proteccion,
                                                         "municipal": .municipal, "municipio": .municipal]

    /// Each kind said, and whether it is denied («no una universidad», «no es organización comunitaria»).
    static func kindsSaid(_ t: [String]) -> [(kind: Organization.Kind, denied: Bool)] {
        var out: [(Organization.Kind, Bool)] = []
        for (i, w) in t.enumerated() {
            guard let k = kindWords[w] ?? Organization.Kind.inferred(fromFoldedWords: [w]) else { continue }
            // «no una universidad», «no es organización comunitaria»: «no» right before what it is.
            let before = Array(t[max(0, i - 4)..<i])
            let denied = zip(before, before.dropFirst()).contains { $0 == "no" && ["es", "era", "un", "una", "son", "seria", "sea"].contains($1) }
            out.append((k, denied))
        }
        return out
    }

    /// An organisation named with what kind it is, or is not: «la fundación es una ONG, no una
    /// universidad». Needs «tipo» or a kind denied, so «la OPD es la que nos apoya» is no correction.
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        guard t.contains("tipo") || t.contains("no"), let s = context.snapshot, !s.organizations.isEmpty else { return nil }
        // Cheap first: some word of a kind at all (one look at the whole message).
        guard t.contains("tipo") || t.contains(where: { Self.kindWords[$0] != nil }) || Organization.Kind.inferred(fromFoldedWords: t) != nil,
              !QuestionForm.asks(message), !OrganizacionFlow.recordsNew(t) else { return nil }
        let said = Self.kindsSaid(t)
        let typed = t.contains("tipo") && t.contains(where: { $0.hasPrefix("cambi") || $0.hasPrefix("corrig") || $0.hasPrefix("corrij") || $0 == "mal" })
        guard typed || said.contains(where: \.denied) else { return nil }
        let o: Organization?
        if let n = TerritoryReading.number(after: ["organizacion", "institucion"], in: message.clean) {
            o = s.organizations.first { $0.number == n }
        } else {
            o = Self.named(message.clean, s)
        }
        guard let o, let n = o.number else { return nil }
        var values: SlotValues = ["organizacion": .number(Double(n))]
        let denied = Set(said.filter(\.denied).map(\.kind))
        if let new = said.first(where: { !$0.denied && $0.kind != o.kind && !denied.contains($0.kind) })?.kind {
            values["tipo"] = .choice(new.rawValue)
        } else if denied.contains(o.kind), let obvious = TerritoryReading.kind(ofName: o.name), obvious != o.kind {
            // «la OPD no es organización comunitaria, es un servicio público»: what its name says.
            values["tipo"] = .choice(obvious.rawValue)
        }
        return Claim(values: values)
    }

    /// Started by its words («…, cámbiale el tipo»): the organisation and kind the request says;
    /// a kind the request denies is never the one taken from it.
    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        guard let s = context.snapshot else { return Prefill() }
        var out = Prefill(values: ["tipo": SlotValue?.none], replacesEcho: true)
        if let claim = claim(Utterance(request), flow: flow, catalog: FlowCatalog([]), context: context) {
            for (k, v) in claim.values { out.values[k] = v }
        } else if let n = TerritoryReading.number(after: ["organizacion", "institucion"], in: request) ?? Self.named(request, s)?.number,
                  s.organizations.contains(where: { $0.number == n }) {
            out.values["organizacion"] = .number(Double(n))
        }
        let t = Phrase(request).tokens
        if out.values["tipo"] == nil, let said = Self.kindsSaid(t).first(where: { !$0.denied }) { out.values["tipo"] = .choice(said.kind.rawValue) }
        return out
    }

    /// The organisation a text names by its words, or by the word its name's kind comes from
    /// («la fundación» for «Fundación Crecer»).
    static func named(_ text: String, _ s: NetworkSnapshot) -> Organization? {
        if let o = TerritoryReading.organization(in: text, s) { return o }
        let t = Set(Phrase(text).tokens)
        let hits = s.organizations.filter { o in Phrase(o.name).tokens.contains { t.contains($0) && Organization.Kind.inferred(fromFoldedWords: [$0]) != nil } }
        return hits.count == 1 ? hits[0] : nil
    }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard slot.name == "organizacion", let s = context.snapshot, let n = Read.int(value) else { return .accept }
        guard let o = s.organizations.first(where: { $0.number == n }) else {
            return .reject("No encuentro la organización \(n). Pregúntame «¿con qué organizaciones trabajamos?» para ver sus números.")
        }
        return .replace(.text("\(n) («\(o.name)»)"), remarks: ["Hoy «\(o.name)» está como \(o.kind.label)."])
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        guard let n = v["organizacion"].flatMap(Read.int), var o = snapshot.organizations.first(where: { $0.number == n }) else {
            throw StoreError.notFound("la organización")
        }
        guard let kind = v["tipo"]?.textValue.flatMap(Organization.Kind.init(rawValue:)) else { throw StoreError.notFound("el tipo") }
        let before = o.kind
        o.kind = kind
        try w.store.updateOrganization(o, network: snapshot.network.id)
        return ["id": o.id, "resumen": "«\(o.name)» ahora es \(kind.label) (antes estaba como \(before.label))."]
    }
}
