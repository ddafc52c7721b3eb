import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/editar-miembro.yaml`: a member's phone or e-mail changes. «ojo que el Pedro cambió
/// de número, ahora es +56 9 1234 5678» at the menu comes here with both values.
struct EditarMiembroFlow: MingaFlow {
    let id = "editar_miembro"
    let saveKind: String? = "member_update"
    let slotNames = ["miembro", "contacto"]

    /// A member named and a new phone or e-mail said about them.
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        // The words first: reading a contact out of every idle message costs more.
        guard let s = context.snapshot, message.phrase.tokens.contains(where: Self.contactWords.contains),
              let contact = Self.contact(in: message.clean),
              let m = Self.member(in: message.clean, of: s) else { return nil }
        return Claim(values: ["miembro": .text(m.name), "contacto": .text(contact)])
    }

    /// «quiero cambiar el teléfono de Pedro Cayul»: the member, and the contact if it is said.
    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        var out = Prefill()
        out.values["contacto"] = Self.contact(in: request).map(SlotValue.text) ?? .some(nil)
        out.values["miembro"] = context.snapshot.flatMap { Self.member(in: request, of: $0) }.map { .text($0.name) } ?? .some(nil)
        out.replacesEcho = true
        return out
    }

    /// «+56 9 1234 5678» as typed, or an e-mail; nil when the text has neither.
    static func contact(in text: String) -> String? {
        if let mail = ContactParser.email(text) { return mail }
        guard ContactParser.phone(text) != nil,
              let first = text.firstIndex(where: { $0 == "+" || $0.isNumber }),
              let last = text.lastIndex(where: \.isNumber), first <= last else { return nil }
        return String(text[first...last])
    }

    /// The one member the text names by name or first name.
    static func member(in text: String, of s: NetworkSnapshot) -> Member? {
        let said = Set(Phrase(text).tokens)
        let named = s.members.filter { m in
            let words = Phrase(m.name).tokens
            return words.first.map(said.contains) ?? false
        }
        return named.count == 1 ? named[0] : nil
    }

    static let contactWords: Set<String> = ["numero", "telefono", "fono", "celular", "cel", "correo", "mail", "email", "contacto", "whatsapp"]

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard let s = context.snapshot else { return .accept }
        switch slot.name {
        case "miembro":
            guard let name = value.textValue, let m = s.members.first(where: { $0.name == name }) else {
                return .reject("No encuentro a esa persona entre los miembros de la red.")
            }
            return .accept([m.contact.map { "El contacto de \(m.name) que tengo es \($0)." } ?? "\(m.name) todavía no tiene contacto registrado."])
        case "contacto":
            guard let text = value.textValue, let c = Self.contact(in: text) else {
                return .reject("Aquí va un teléfono (por ejemplo «+56 9 1234 5678») o un correo.")
            }
            return c == text ? .accept : .replace(.text(c))
        default:
            return .accept
        }
    }

    func save(_ v: [String: SlotValue], with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        guard let name = v["miembro"]?.textValue, var m = snapshot.members.first(where: { $0.name == name }) else {
            throw StoreError.notFound("esa persona")
        }
        guard let contact = v["contacto"]?.textValue else { throw StoreError.notFound("el contacto") }
        m.contact = contact
        try w.store.saveMember(m, network: snapshot.network.id)
        return ["id": m.id, "resumen": "el contacto de \(m.name) ahora es \(contact)."]
    }
}
