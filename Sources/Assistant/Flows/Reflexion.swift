import CivilTime
import DialogEngine
import Domain
import FileStore
import Foundation
import Understanding

/// `dialogs/reflexion.yaml`: a reflection on a practice (what happened, what worked, what to keep).
struct ReflexionFlow: MingaFlow {
    let id = "reflexion"
    let saveKind: String? = "reflection"
    let slotNames = ["practica", "que_paso", "factores_exito", "por_mejorar", "ajustes", "aprendizajes", "etiquetas", "institucionalizar", "documento"]

    /// «sí, al PME» to «¿Proponen institucionalizar…?»: the yes and the document, in one answer.
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        guard slot.name == "institucionalizar", let yes = YesNo.lead(message.clean) ?? YesNo.parse(message.clean).map({ (yes: $0, rest: "") }),
              yes.yes, let documento = Self.document(in: message.phrase.tokens) else { return nil }
        return .fill(["institucionalizar": .bool(true), "documento": .choice(documento)], remark: nil)
    }

    static func document(in tokens: [String]) -> String? {
        if tokens.contains("pme") || DialogEngine.containsRunPublic(tokens, ["plan", "de", "mejoramiento"]) { return "PME" }
        if tokens.contains("pei") || DialogEngine.containsRunPublic(tokens, ["proyecto", "educativo"]) { return "PEI" }
        return nil
    }

    /// «deshacer» right after saving: the record is deleted (confirmed first), like an agreement.
    func undo(_ record: String, context: EngineContext) -> Undo? {
        Undo(flow: "borrar_registro", values: ["registro": .text(record)])
    }

    func save(_ v: [String: SlotValue], with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        let tags = (v["etiquetas"]?.textValue ?? "").split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "#" })
            .flatMap { part -> [String] in
                let t = part.trimmingCharacters(in: .whitespaces)
                return t.isEmpty ? [] : [t.hasPrefix("y ") ? String(t.dropFirst(2)) : t]
            }
            .map { $0.lowercased() }
        var institutionalize = false
        if case .bool(let b)? = v["institucionalizar"] { institutionalize = b }
        let r = try w.store.addReflection(Reflection(
            id: "", date: w.clock.today(), author: user.name, practice: v["practica"]?.textValue ?? "",
            whatHappened: v["que_paso"]?.textValue, successFactors: v["factores_exito"]?.textValue,
            improvements: v["por_mejorar"]?.textValue, adjustments: v["ajustes"]?.textValue,
            learnings: v["aprendizajes"]?.textValue, tags: tags,
            meeting: v["encuentro"].flatMap(Read.int).map { "E-\($0)" },
            agreement: v["acuerdo"].flatMap(Read.int).map { "A-\($0)" },
            institutionalize: institutionalize,
            document: institutionalize ? v["documento"]?.textValue : nil), network: snapshot.network.id, key: w.key)
        return ["id": r.id, "numero": r.number.map(String.init) ?? r.id]
    }
}
