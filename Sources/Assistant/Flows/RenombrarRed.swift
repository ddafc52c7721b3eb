import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/renombrar-red.yaml`: the network's display name, changed after it was created.
/// «oye el nombre quedó mal, se llama microcentro el avellano no más» at the menu is this
/// request with its new name; the name is read as when the network was set up.
struct RenombrarRedFlow: MingaFlow {
    let id = "renombrar-red"
    let saveKind: String? = "network_name"
    let slotNames = ["nombre"]

    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        guard context.snapshot != nil else { return nil }
        let t = message.phrase.tokens
        // About the name of the network, not of a meeting or an agreement.
        guard let k = t.firstIndex(of: "nombre") ?? t.firstIndex(where: { $0 == "llama" || $0 == "renombrar" }),
              !t.contains(where: Self.otherRecords.contains) else { return nil }
        // «¿cómo se llama la red?» asks; it does not rename.
        if message.clean.contains("?") || ["como", "cual", "que"].contains(t.first ?? "") { return nil }
        let complaint = t.contains(where: DialogEngine.wrongWords.contains) || t.contains(where: Self.changeVerbs.contains)
        let saysName = t.contains("llama") || t.contains("llamarse")
        guard complaint || (saysName && t.contains("red")) else { return nil }
        // The new name: after «se llama», «es», «a»… that follow the mention of the name
        // («el nombre de la red a Red Lectora», «quedó mal, se llama Microcentro El Avellano»).
        let words = message.clean.split(separator: " ").map(String.init)
        let folded = words.map { Phrase($0).tokens.joined(separator: " ") }
        var start = min(k + 1, folded.count)
        if folded.indices.contains(k), folded[k] == "llama" { start = k }
        while start < folded.count, Self.aboutTheNetwork.contains(folded[start]) { start += 1 }
        guard let cut = folded.indices.first(where: { $0 >= start && Self.nameLeads.contains(folded[$0]) }), cut + 1 < words.count,
              let intro = NetworkIntro.read(words[(cut + 1)...].joined(separator: " ")) else {
            return Claim()
        }
        let name = NetworkIntro.displayName(intro.name)
        return Claim(values: ["nombre": .text(name)], echo: ["nuevo nombre: «\(name)»"])
    }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard let text = value.textValue else { return .accept }
        if let refusal = RedFlow.notAName(text) { return .reject(refusal) }
        guard let intro = NetworkIntro.read(text) else { return .accept }
        let name = NetworkIntro.displayName(intro.name)
        if let current = context.snapshot?.network.name, TextFold.fold(current) == TextFold.fold(name) {
            return .reject("La red ya se llama «\(current)». ¿Cuál es el nombre nuevo?")
        }
        return name == text ? .accept : .replace(.text(name))
    }

    func save(_ v: [String: SlotValue], with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        var n = try w.snapshot(network).network
        guard let name = v["nombre"]?.textValue, !name.isEmpty else { throw StoreError.notFound("el nombre nuevo") }
        n.name = name
        try w.store.updateNetwork(n)
        return ["id": n.id, "nombre": n.name]
    }

    static let otherRecords: Set<String> = ["encuentro", "reunion", "acuerdo", "sondeo", "reflexion", "miembro", "jornada", "consejo"]
    static let changeVerbs: Set<String> = ["cambiar", "cambia", "cambiale", "cambiemos", "renombrar", "corregir", "corrige", "corrijamos", "ponerle", "pongale"]
    static let nameLeads: Set<String> = ["llama", "llamarse", "es", "sea", "a", "por"]
    /// «de la red», «del microcentro» right after «nombre»: which name, not the new one.
    static let aboutTheNetwork: Set<String> = ["de", "del", "la", "red", "nuestra", "microcentro", "rme"]
}
