import CivilTime
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/apropiacion.yaml`: what the purpose means for one member's school. Needs a purpose;
/// «mi apropiación» at the menu is this flow, «lo mismo de antes» keeps the member's last words.
struct ApropiacionFlow: MingaFlow {
    let id = "apropiacion"
    let saveKind: String? = "appropriation"
    let slotNames = ["significado", "compromiso"]

    func blocker(_ context: EngineContext) -> String? {
        guard let s = context.snapshot, s.purpose == nil else { return nil }
        return "La red todavía no ha escrito su propósito común. Cuando lo escriban («escribir el propósito»), te pregunto qué significa para tu escuela."
    }

    /// `claim` needs one of these (`ClaimCues`): «apropiación» and its typos.
    func claimCues(_ flow: FlowDefinition) -> ClaimCues { ClaimCues(prefixes: ["apropia", "aproipa", "apopia"]) }

    /// "mi apropiación", "quiero hacer mi apropiacion": the member's own appropriation, not the
    /// question of who is missing (that one asks: "¿quiénes faltan…?").
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        guard context.snapshot != nil else { return nil }
        let text = message.clean, phrase = message.phrase
        let asks = text.utf8.contains(UInt8(ascii: "?")) || text.unicodeScalars.contains("¿")
            || phrase.tokens.contains(where: Self.askingWords.contains)
        guard !asks, phrase.tokens.contains(where: Self.appropriationStems.opens) else { return nil }
        return Claim()
    }

    static let askingWords: WordSet = ["quienes", "quien", "faltan", "falta", "cuantos", "cuantas", "cuales", "como", "van"]
    /// «apropiación» and its usual typos (folded words: compared on bytes).
    static let appropriationStems = WordPrefixes(["apropia", "aproipa", "apopia"])

    func startRemarks(_ run: FlowRun, context: EngineContext) -> [String] {
        guard let p = context.snapshot?.purpose else { return [] }
        var text = "El propósito de la red es: «\(p.statement)»."
        if !p.objectives.isEmpty { text += "\nObjetivos:\n" + p.objectives.map { "- \($0)" }.joined(separator: "\n") }
        if let me = context.userName, p.appropriations.contains(where: { $0.member == me }) {
            text += "\nYa habías registrado tu lectura; la nueva la reemplaza."
        }
        return [text]
    }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        // "lo mismo de antes": the member keeps what they wrote last time.
        guard let t = value.textValue, Self.same.contains(Phrase(t).core), let me = context.userName,
              let prev = context.snapshot?.purpose?.appropriations.last(where: { $0.member == me }) else { return .accept }
        let old = slot.name == "compromiso" ? prev.commitment : prev.text
        guard let old, !old.isEmpty else { return .accept }
        return .replace(.text(old), remarks: ["Mantengo lo que habías escrito: «\(old)»."])
    }

    static let same: Set<String> = ["lo mismo", "lo mismo de antes", "lo mismo que antes", "igual que antes", "igual", "el mismo",
                                    "el mismo de antes", "lo de antes", "lo mismo que la otra vez", "igual que la otra vez", "mismo"]

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        guard var p = snapshot.purpose else { throw StoreError.notFound("el propósito de la red") }
        let who = user.name ?? user.id
        p.appropriations.removeAll { $0.member == who }
        p.appropriations.append(Purpose.Appropriation(member: who, text: v["significado"]?.textValue ?? "",
                                                      commitment: v["compromiso"]?.textValue, date: w.clock.today()))
        try w.store.savePurpose(p, network: snapshot.network.id)
        return ["id": snapshot.network.id]
    }
}
