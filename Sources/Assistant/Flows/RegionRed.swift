import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/region-red.yaml`: the network's region, said after it was created («la región es
/// Magallanes», «somos de la región de Los Lagos»). The school calendar (winter and summer
/// breaks) depends on it, and the warnings given without one invite the user to say it.
struct RegionRedFlow: MingaFlow {
    let id = "region-red"
    let saveKind: String? = "network_region"
    let slotNames = ["region"]

    /// «¿Dejo esa región?» — «no»: the region stays as it was.
    func declineKeeps(_ run: FlowRun, context: EngineContext) -> Bool { true }

    /// `claim` needs one of these (`ClaimCues`): The region named.
    func claimCues(_ flow: FlowDefinition) -> ClaimCues { ClaimCues(words: ["region"]) }

    /// «la región de la red aparece en el informe»: mentioned, not asked to change (its triggers say
    /// the change; «la región es Ñuble» is read by `claim`, which this does not touch).
    func declines(_ phrase: Phrase, context: EngineContext) -> Bool { RenombrarRedFlow.asksNoChange(phrase.tokens) }

    /// «la región es la Araucanía» at another flow's question sets the region, never that answer.
    var claimsAtAnyQuestion: Bool { true }

    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        guard context.snapshot != nil else { return nil }
        let t = message.phrase.tokens
        guard let k = t.firstIndex(of: "region") else { return nil }
        // «¿en qué región estamos?», «¿cuál es la región?» ask; they do not set it.
        if message.clean.contains("?") { return nil }
        // Only a sentence about the network's region («la región es…», «somos de la región
        // de…», «cambia la región a…»): «las organizaciones de la región del Biobío» is not.
        guard t.prefix(k).allSatisfy(Self.before.contains) else {
            // Other data of the network said with it are renombrar-red's (below).
            if t.contains(where: { RenombrarRedFlow.fieldWords[$0].map { $0 != "region" } ?? false }) { return nil }
            return Self.corrected(t, after: k).map { Claim(values: ["region": .text($0)], echo: ["región: \($0)"]) }
        }
        // «la región es Araucanía y el territorio es Cunco»: several of the network's data at
        // once are renombrar-red's, which changes them together.
        if t.contains(where: { RenombrarRedFlow.fieldWords[$0].map { $0 != "region" } ?? false }) { return nil }
        // The region named after the word («es Magallanes», «de Los Lagos», «a Aysén»).
        var rest = Array(t[(k + 1)...])
        while let f = rest.first, Self.leads.contains(f) { rest.removeFirst() }
        guard !rest.isEmpty else { return nil }
        guard let region = ChileanCalendar.region(named: rest.joined(separator: " ")) else { return nil }
        return Claim(values: ["region": .text(region)], echo: ["región: \(region)"])
    }

    /// «me equivoqué en la región, los ángeles es del biobío no de ñuble»: a mistake owned, and
    /// the region said before the «no» that names the wrong one.
    static func corrected(_ t: [String], after k: Int) -> String? {
        guard t.contains(where: { ["equivoque", "equivocamos", "equivocaste", "error", "mal", "malo", "mala", "corrige", "corregir"].contains($0) }) else { return nil }
        let tail = Array(t[(k + 1)...])
        let said = tail.firstIndex(of: "no").map { Array(tail[..<$0]) } ?? tail
        for i in said.indices.reversed() where ["es", "del", "de", "en"].contains(said[i]) && i + 1 < said.count {
            var rest = Array(said[(i + 1)...])
            while let f = rest.first, leads.contains(f) { rest.removeFirst() }
            if !rest.isEmpty, let region = ChileanCalendar.region(named: rest.joined(separator: " ")) { return region }
        }
        return nil
    }

    /// «¿En qué región trabaja la red? Curarrehue queda en La Araucanía: responde «sí», o dime
    /// otra.»: the region the network's commune lies in, offered when it is not the region already.
    func question(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> String? {
        let network = context.snapshot?.network
        return RegionSuggestion.question("¿En qué región trabaja la red?", context: context, territory: network?.territory, current: network?.region)
    }

    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        let network = context.snapshot?.network
        return RegionSuggestion.answer(message, territory: network?.territory, current: network?.region)
    }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard let text = value.textValue else { return .accept }
        let network = context.snapshot?.network
        if let no = RegionSuggestion.declined(text, territory: network?.territory, current: network?.region) { return .reject(no) }
        guard let known = ChileanCalendar.region(named: text, asked: true) else {
            return .reject("No reconozco «\(text)» como región de Chile. Dime su nombre, por ejemplo «Los Ríos», «Metropolitana» o «Magallanes».")
        }
        if let current = context.snapshot?.network.region, ChileanCalendar.region(named: current) == known {
            // Nothing to change: asking again would take the next line as a region.
            return .unchanged("La red ya está en la región de \(known): ya estaba así, no cambié nada.")
        }
        return known == text ? .accept : .replace(.text(known))
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        var n = try w.snapshot(network).network
        guard let text = v["region"]?.textValue, let region = ChileanCalendar.region(named: text, asked: true) else { throw StoreError.notFound("la región") }
        n.region = region
        try w.store.updateNetwork(n)
        return ["id": n.id, "region": region]
    }

    /// Words that may come before «región» in a sentence that sets it.
    static let before: Set<String> = ["la", "nuestra", "mi", "su", "de", "del", "en", "red", "es", "somos", "estamos", "trabajamos",
                                      "cambia", "cambiar", "cambiale", "cambiemos", "corrige", "corregir", "pon", "ponle", "anota",
                                      "oye", "ya", "y", "no", "po", "minga", "ah", "perdon", "quiero", "queda", "quedo", "microcentro"]
    /// Words between «región» and its name.
    static let leads: Set<String> = ["es", "sea", "a", "de", "del", "la", "en", "por", "queda", "quedo", "seria", "es:"]
}
