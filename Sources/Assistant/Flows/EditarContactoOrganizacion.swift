import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/editar-contacto-organizacion.yaml`: the person to talk to at an organisation, named
/// by its number or by its words («el contacto de la biblioteca ahora es Pablo Rojas, fono …»).
struct EditarContactoOrganizacionFlow: MingaFlow {
    let id = "editar-contacto-organizacion"
    let saveKind: String? = "organization_update"
    let slotNames = ["organizacion", "contacto"]

    /// «¿Cambio el contacto?» — «no»: it stays as it was.
    func declineKeeps(_ run: FlowRun, context: EngineContext) -> Bool { true }

    func blocker(_ context: EngineContext) -> String? {
        guard let s = context.snapshot, s.organizations.isEmpty else { return nil }
        return "Todavía no hay organizaciones registradas. Si quieres, escribe «agregar una organización»."
    }

    /// «el contacto de la fundación es Juan Pérez» at another flow's question («¿Qué hacen
    /// juntos?» of a new organisation) is that organisation's contact, offered, never the answer.
    var claimsAtAnyQuestion: Bool { true }

    /// `claim` needs «contacto» or a way to reach someone («fono», «correo»…) among the words:
    /// a message with neither is not asked (it was asked of every answer, as a standing claim).
    func claimCues(_ flow: FlowDefinition) -> ClaimCues { ClaimCues(words: ["contacto"] + Array(Self.meansWords)) }

    /// «anota la organización CESFAM Quellón, …, contacto: …» asks to record a new one.
    func declines(_ phrase: Phrase, context: EngineContext) -> Bool { OrganizacionFlow.recordsNew(phrase.tokens) }

    /// «el contacto de la biblioteca ahora es Pablo Rojas, fono 452881234», «cambiar el contacto
    /// de la organización 1»: «contacto» and an organisation of the network, by number or words.
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        // «el teléfono del cesfam es 452681234», «el correo de la OPD es …»: one way to reach the
        // contact, changed in it (the rest of the contact stays).
        let means = t.first(where: Self.meansWords.contains)
        guard t.contains("contacto") || means != nil, !OrganizacionFlow.recordsNew(t), let s = context.snapshot, !s.organizations.isEmpty,
              !QuestionForm.asks(message) else { return nil }
        let lead = message.clean.range(of: #"(?i)\b(ahora\s+es|es|ahora\s+seria|seria|queda|:)\s+"#, options: .regularExpression)
        let about = lead.map { String(message.clean[..<$0.lowerBound]) } ?? message.clean
        let org: Organization?
        if let n = TerritoryReading.number(after: ["organizacion", "institucion"], in: about) {
            org = s.organizations.first { $0.number == n }
        } else {
            org = TerritoryReading.organization(in: about.replacingOccurrences(of: "contacto", with: ""), s)
        }
        guard let org, let n = org.number else { return nil }
        // «agrega la OPD de Carahue, …, contacto Jaime Soto» with only «CESFAM de Carahue» in the
        // network: the commune matched, but the kind said (an OPD) is another organisation, a new one
        // (pass 9, qa13: the CESFAM's contact was about to become the OPD's).
        let kindsSaid = Set(Phrase(about).tokens.compactMap { Organization.Kind.inferred(fromFoldedWords: [$0]) })
        if !kindsSaid.isEmpty, !kindsSaid.contains(org.kind) { return nil }
        // «el Cesfam de Cauquenes nos ayuda con…, contacto Paula Rojas» with only «CESFAM de
        // Constitución» in the network: the same kind, but another place or name said right after
        // it is another organisation, a new one (fixAJ: it changed the first CESFAM's contact).
        if Self.namesAnother(about, than: org) { return nil }
        var values: SlotValues = ["organizacion": .number(Double(n))]
        if let lead {
            var who = message.clean[lead.upperBound...].trimmingCharacters(in: .whitespaces.union(.init(charactersIn: ".")))
            // «…del cesfam: ahora es Pedro Mella»: the colon came first, «ahora es» is no part of who
            // (pass 9, qa13: stored as «ahora es Pedro Mella, …»).
            if let r = who.range(of: #"^(?i)(ahora\s+es|ahora\s+seria|ahora|es|seria|queda)\s+"#, options: .regularExpression) { who = String(who[r.upperBound...]) }
            if !who.isEmpty { values["contacto"] = .text(Self.withoutArticle(who)) }
            if !t.contains("contacto"), means != nil {
                guard let way = ContactParser.phone(who).map({ "fono \($0)" }) ?? ContactParser.email(who) else { return nil }
                let kept = (org.contact ?? "").components(separatedBy: ", ").filter {
                    !$0.isEmpty && ContactParser.phone($0) == nil && ContactParser.email($0) == nil && !Self.meansWords.contains(Phrase($0).tokens.first ?? "")
                }
                values["contacto"] = .text((kept + [way]).joined(separator: ", "))
            }
        }
        return Claim(values: values)
    }

    /// The word named right after a kind word in `about` («Cesfam de Cauquenes», «la OPD San
    /// Carlos»), typed with a capital and no first name, is no word of `org`'s name.
    static func namesAnother(_ about: String, than org: Organization) -> Bool {
        let words = TextFold.spaceSeparated(about).map(String.init)
        let f = words.map(TextFold.foldedLetters)
        guard let i = f.firstIndex(where: { !$0.isEmpty && Organization.Kind.inferred(fromFoldedWords: [$0]) != nil }) else { return false }
        var j = i + 1
        while j < f.count, ["de", "del", "la", "el", "los", "las"].contains(f[j]) { j += 1 }
        guard j < f.count, words[j].first?.isUppercase == true, FirstNames.canonical(f[j]) == nil, f[j] != "contacto" else { return false }
        let name = Set(TextFold.spaceSeparated(org.name).map { TextFold.foldedLetters(String($0)) })
        return !name.contains(f[j])
    }

    static let meansWords: WordSet = ["telefono", "fono", "celular", "correo", "mail", "email", "whatsapp", "wsp"]

    /// «la Ana Pérez, ana.perez@…»: a person's name without the article Chileans put before it.
    /// «la sra marta», «el don Pedro»: before a title or a first name typed in lower case too;
    /// «la secretaria de la fundación» (a post, no name) keeps it.
    static func withoutArticle(_ who: String) -> String {
        guard let r = who.range(of: #"^([Ll]a|[Ee]l)\s+"#, options: .regularExpression) else { return who }
        let rest = who[r.upperBound...]
        guard let next = rest.split(separator: " ").first, let c = next.first else { return who }
        let word = TextFold.fold(String(next)).filter(\.isLetter)
        guard c.isUppercase || AcuerdoFlow.titles.contains(word) || ["doctora", "doctor", "dra", "dr"].contains(word)
                || FirstNames.canonical(word) != nil else { return who }
        return String(rest)
    }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        // «la profesora» alone: a post, not who to contact nor how (qa17).
        if slot.name == "contacto", let text = value.textValue, IncorporacionFlow.onlyPost(text) {
            return .reject("«\(text)» es un cargo. ¿Cómo se llama esa persona, y cómo se le ubica? (por ejemplo «Paula Soto, psicóloga, +56 9 1234 5678»)")
        }
        if slot.name == "contacto", let who = value.textValue, case let bare = Self.withoutArticle(who), bare != who { return .replace(.text(bare)) }
        guard slot.name == "organizacion", let s = context.snapshot, let n = Read.int(value) else { return .accept }
        guard let o = s.organizations.first(where: { $0.number == n }) else {
            return .reject("No encuentro la organización \(n). Pregúntame «¿con qué organizaciones trabajamos?» para ver sus números.")
        }
        // The review names the organisation by its name, not just its number.
        return .replace(.text("\(n) («\(o.name)»)"), remarks: [o.contact.map { "Hoy el contacto de «\(o.name)» es «\($0)»." } ?? "«\(o.name)» todavía no tiene contacto registrado."])
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        guard let n = v["organizacion"].flatMap(Read.int), var o = snapshot.organizations.first(where: { $0.number == n }) else {
            throw StoreError.notFound("la organización")
        }
        o.contact = v["contacto"]?.textValue
        try w.store.updateOrganization(o, network: snapshot.network.id)
        return ["id": o.id, "resumen": "el contacto de «\(o.name)» ahora es \(o.contact ?? "nadie")."]
    }
}
