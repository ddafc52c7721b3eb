import CivilTime
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/editar-desde-organizacion.yaml`: since when the network works with an organisation
/// already registered, corrected («la OPD trabaja con nosotros desde marzo del 2025, no desde
/// hoy»). The date is the start of the month or year said, as when it was registered.
struct EditarDesdeOrganizacionFlow: MingaFlow {
    let id = "editar-desde-organizacion"
    let saveKind: String? = "organization_update"
    let slotNames = ["organizacion", "desde"]

    /// «¿Lo corrijo?» — «no»: it stays as it was.
    func declineKeeps(_ run: FlowRun, context: EngineContext) -> Bool { true }

    func blocker(_ context: EngineContext) -> String? {
        guard let s = context.snapshot, s.organizations.isEmpty else { return nil }
        return "Todavía no hay organizaciones registradas. Si quieres, escribe «agregar una organización»."
    }

    /// `claim` needs «desde» (`ClaimCues`).
    func claimCues(_ flow: FlowDefinition) -> ClaimCues { ClaimCues(words: ["desde"]) }

    static let newWords: WordSet = ["registrar", "registra", "registremos", "agregar", "agrega", "agreguemos", "anota", "anotar", "anotemos", "anote", "guarda", "guardar", "nueva", "nuevo", "sumar", "suma", "incorporar", "otra"]

    /// «la OPD trabaja con nosotros desde marzo del 2025, no desde hoy», «cambiar la fecha desde
    /// de la OPD: marzo 2025»: an organisation already registered (by number or words) and the
    /// month or year said after «desde» (or after the colon).
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        guard t.contains("desde"), !t.contains(where: Self.newWords.contains), !QuestionForm.asks(message),
              let s = context.snapshot, !s.organizations.isEmpty else { return nil }
        // «agenda la reunión de la red el segundo martes de cada mes…, desde marzo»: a meeting
        // scheduled from then, not an organisation (named by a word of a place, «Carahue»).
        if t.contains(where: EditarEncuentroFlow.schedulingVerbs.contains)
            || (t.contains(where: MeetingMention.nouns.contains) && !t.contains(where: { ["organizacion", "institucion"].contains($0) })) {
            return nil
        }
        let clean = message.clean
        // What the date is: after a colon, else after the first «desde», up to a comma or «no».
        let said: String
        if let colon = clean.firstIndex(of: ":") {
            said = String(clean[clean.index(after: colon)...])
        } else {
            let words = clean.split(separator: " ").map(String.init)
            guard let i = words.firstIndex(where: { Phrase($0).tokens == ["desde"] }) else { return nil }
            var taken: [String] = []
            for w in words[(i + 1)...] {
                if Phrase(w).tokens == ["no"] { break }
                let end = w.last.map { ",.;".contains($0) } ?? false
                taken.append(end ? String(w.dropLast()) : w)
                if end { break }
            }
            said = taken.joined(separator: " ")
        }
        guard let start = OrganizacionFlow.since(said, context: context) else { return nil }
        let about = clean.firstIndex(of: ":").map { String(clean[..<$0]) } ?? clean
        let org: Organization?
        if let n = TerritoryReading.number(after: ["organizacion", "institucion"], in: about) {
            org = s.organizations.first { $0.number == n }
        } else {
            org = TerritoryReading.organization(in: about.replacingOccurrences(of: "desde", with: ""), s)
        }
        guard let org, let n = org.number, org.since != start else { return nil }
        // «tambien trabajamos con la OPD de san vicente, … desde 2024» with «CESFAM San Vicente»
        // registered: a word that says what kind of organisation it is («OPD»), when the one
        // matched by its other words («San Vicente») has none of its own, names another one
        // (qa30: the CESFAM's date was changed to 2024, and the OPD never registered).
        let ownKindWords = Set(Phrase(org.name).tokens.filter { Organization.Kind.inferred(fromFoldedWords: [$0]) != nil })
        if !ownKindWords.isEmpty, t.contains(where: { Organization.Kind.inferred(fromFoldedWords: [$0]) != nil }), !t.contains(where: ownKindWords.contains) {
            return nil
        }
        let value = OrganizacionFlow.sinceValue(start, said: Phrase(said).tokens)
        return Claim(values: ["organizacion": .number(Double(n)), "desde": value], echo: ["desde: \(value.textValue ?? Self.said(start))"])
    }

    /// «marzo de 2025»: a since-date as the month (or the year alone) it starts.
    static func said(_ d: LocalDate) -> String {
        d.month == 1 && d.day == 1 ? "\(d.year)" : "\(SpanishFormat.monthName(d.month)) de \(d.year)"
    }

    /// «marzo de 2025» to «¿Desde cuándo?»: the start of that month.
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        guard slot.name == "desde", let start = OrganizacionFlow.since(message.clean, context: context) else { return nil }
        return .fill(["desde": OrganizacionFlow.sinceValue(start, said: message.phrase.tokens)], remark: nil)
    }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        if slot.name == "desde", case .date(let d) = value, d > context.today {
            return .reject("¿Desde cuándo? Dime una fecha que ya pasó, por ejemplo «marzo de 2025».")
        }
        guard slot.name == "organizacion", let s = context.snapshot, let n = Read.int(value) else { return .accept }
        guard let o = s.organizations.first(where: { $0.number == n }) else {
            return .reject("No encuentro la organización \(n). Pregúntame «¿con qué organizaciones trabajamos?» para ver sus números.")
        }
        guard case .number = value else { return .accept }
        return .replace(.text("\(n) («\(o.name)»)"),
                        remarks: [o.since.map { "Hoy dice que trabajan con «\(o.name)» desde \(Self.said($0))." } ?? "«\(o.name)» no tiene fecha de inicio registrada."])
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        guard let n = v["organizacion"].flatMap(Read.int), var o = snapshot.organizations.first(where: { $0.number == n }),
              let start = OrganizacionFlow.sinceDate(v["desde"]) else {
            throw StoreError.notFound("la organización")
        }
        o.since = start
        try w.store.updateOrganization(o, network: snapshot.network.id)
        return ["id": o.id, "resumen": "trabajan con «\(o.name)» desde \(Self.said(start))."]
    }
}
