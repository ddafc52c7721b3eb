import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/editar-reflexion.yaml`: one answer of a saved reflection said again. «cámbiale el
/// aprendizaje», «me equivoqué en lo que funcionó» right after saving one (they started a new
/// reflection, or the norms), or «corrige el aprendizaje de la reflexión 2». The reflection is
/// the one just saved, or the one named by its number; the part, the one its words name.
struct EditarReflexionFlow: MingaFlow {
    let id = "editar_reflexion"
    let saveKind: String? = "reflection_update"
    let slotNames = ["reflexion", "campo", "texto"]

    func declineKeeps(_ run: FlowRun, context: EngineContext) -> Bool { true }

    func blocker(_ context: EngineContext) -> String? {
        guard let s = context.snapshot, s.reflections.isEmpty else { return nil }
        return "Todavía no hay reflexiones guardadas. Si quieres, escribe «registrar una reflexión»."
    }

    /// `claim` needs one of these (`ClaimCues`): a word of correcting.
    /// (The claim needs a part named, so the words that name one are cues enough.)
    func claimCues(_ flow: FlowDefinition) -> ClaimCues {
        ClaimCues(words: ["mejorar", "dificultades", "dificultad", "funciono", "exito", "resulto", "aprendizaje", "aprendizajes", "aprendimos",
                          "leccion", "ajuste", "ajustes", "proxima", "paso", "practica", "experiencia"])
    }

    /// A word of correcting a written answer («cámbiale», «corrige», «me equivoqué»).
    static func fixes(_ w: String) -> Bool {
        // «equivoqué» is spelt with «qu»: «equivoc» alone missed it (issue 12: «me equivoqué en lo
        // que funcionó» started the norms, or a new reflection).
        ["corrig", "corrij", "cambi", "modific", "edit", "equivoc", "equivoqu", "arregl"].contains { w.hasPrefix($0) }
    }

    /// The part of a reflection `t` names: «el aprendizaje», «lo que funcionó», «lo que no
    /// funcionó» (read before «funcionó»), «la práctica». Nil when it names none.
    static func field(_ t: [String]) -> String? {
        func has(_ run: [String]) -> Bool { t.indices.contains { t[$0...].starts(with: run) } }
        if has(["no", "funciono"]) || has(["no", "resulto"]) || t.contains(where: { ["mejorar", "dificultades", "dificultad"].contains($0) }) {
            return "por_mejorar"
        }
        if t.contains(where: { ["funciono", "exito", "resulto"].contains($0) }) { return "factores_exito" }
        if t.contains(where: { ["aprendizaje", "aprendizajes", "aprendimos", "leccion"].contains($0) }) { return "aprendizajes" }
        if t.contains(where: { ["ajuste", "ajustes"].contains($0) }) || has(["proxima", "vez"]) { return "ajustes" }
        if has(["que", "paso"]) || has(["lo", "que", "paso"]) { return "que_paso" }
        if t.contains(where: { ["practica", "experiencia"].contains($0) }) { return "practica" }
        return nil
    }

    /// Nouns of other records: a correction that names one is theirs.
    static let otherRecords: Set<String> = ["acuerdo", "acuerdos", "encuentro", "reunion", "resultado", "norma", "decision", "objetivo", "meta",
                                            "sondeo", "miembro", "organizacion", "pme", "pei", "plazo", "fecha", "responsable"]

    /// How the slot names a reflection: «reflexión 1 («…»)».
    static func reference(_ r: Reflection) -> String {
        "reflexión \(r.number.map(String.init) ?? r.id) («\(r.practice)»)"
    }

    /// The live reflection a reference or a number said names.
    static func reflection(_ text: String, in s: NetworkSnapshot) -> Reflection? {
        let t = Phrase(text).tokens
        guard let n = t.lazy.compactMap({ Int($0) }).first else { return nil }
        return s.reflections.first { $0.number == n && $0.deleted == nil }
    }

    /// A part of a reflection corrected: a word of correcting and the part named, of the
    /// reflection just saved or of one named by its number («la reflexión 2»). Never a question.
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        guard t.count <= 14, t.contains(where: Self.fixes) || TextFold.containsBytes(message.phrase.folded, "equivoc")
                || TextFold.containsBytes(message.phrase.folded, "equivoqu"), let s = context.snapshot, !s.reflections.isEmpty,
              !QuestionForm.asks(message), let field = Self.field(t),
              // «cambia la práctica 1 a aprobada», «corrige el acuerdo 2»: another record named.
              !t.contains(where: Self.otherRecords.contains),
              !t.indices.contains(where: { Int(t[$0]) != nil && !($0 > 0 && t[$0 - 1] == "reflexion") }) else { return nil }
        let r: Reflection
        if let k = t.firstIndex(where: { $0 == "reflexion" }), k + 1 < t.count, let n = Int(t[k + 1]),
           let named = s.reflections.first(where: { $0.number == n && $0.deleted == nil }) {
            r = named
        } else if let last = context.lastSave, last.flow == "reflexion", let saved = s.reflections.first(where: { $0.id == last.record && $0.deleted == nil }) {
            r = saved
        } else {
            return nil
        }
        return Claim(values: ["reflexion": .text(Self.reference(r)), "campo": .choice(field)],
                     echo: ["reflexión: \(r.number.map(String.init) ?? r.id)", "parte: \(ReflexionFlow.labels[field] ?? field)"])
    }

    /// What the part says now, before asking what it should say.
    func beforeAsking(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> [String] {
        guard slot.name == "texto", let s = context.snapshot, let ref = run.values["reflexion"]?.textValue,
              let r = Self.reflection(ref, in: s), let field = run.values["campo"]?.textValue else { return [] }
        guard let now = Self.value(of: field, in: r) else { return ["Hoy está en blanco."] }
        return ["Hoy dice: «\(now)»."]
    }

    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        guard let s = context.snapshot else { return nil }
        switch slot.name {
        case "reflexion":
            // «la 1», «1», «la reflexión 2»: the number said.
            guard let r = Self.reflection(message.clean, in: s) else { return nil }
            return .fill(["reflexion": .text(Self.reference(r))], remark: nil)
        case "campo":
            guard let field = Self.field(message.phrase.tokens) else { return nil }
            return .fill(["campo": .choice(field)], remark: nil)
        default:
            return nil
        }
    }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard let s = context.snapshot, let text = value.textValue else { return .accept }
        switch slot.name {
        case "reflexion":
            guard Self.reflection(text, in: s) != nil else {
                return .reject("No encuentro esa reflexión. Dime su número, por ejemplo «la 1».")
            }
            return .accept
        case "texto":
            if let ref = run.values["reflexion"]?.textValue, let r = Self.reflection(ref, in: s), let field = run.values["campo"]?.textValue,
               Self.value(of: field, in: r) == text {
                return .reject("Eso es lo que ya dice. ¿Qué debe decir ahora?")
            }
            return .accept
        default:
            return .accept
        }
    }

    static func value(of field: String, in r: Reflection) -> String? {
        switch field {
        case "practica": r.practice
        case "que_paso": r.whatHappened
        case "factores_exito": r.successFactors
        case "por_mejorar": r.improvements
        case "ajustes": r.adjustments
        case "aprendizajes": r.learnings
        default: nil
        }
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        guard let ref = v["reflexion"]?.textValue, var r = Self.reflection(ref, in: snapshot) else { throw StoreError.notFound("esa reflexión") }
        guard let field = v["campo"]?.textValue, let text = v["texto"]?.textValue else { throw StoreError.notFound("qué corregir") }
        let before = Self.value(of: field, in: r)
        switch field {
        case "practica": r.practice = text
        case "que_paso": r.whatHappened = text
        case "factores_exito": r.successFactors = text
        case "por_mejorar": r.improvements = text
        case "ajustes": r.adjustments = text
        case "aprendizajes": r.learnings = text
        default: throw StoreError.notFound("qué corregir")
        }
        let n = r.number.map(String.init) ?? r.id
        let label = ReflexionFlow.labels[field] ?? field
        try w.store.updateReflection(r, network: snapshot.network.id)
        return ["id": r.id, "numero": n,
                "resumen": "en la reflexión \(n), \(label) quedó así: «\(text)»" + (before.map { " (antes decía «\($0)»)." } ?? ".")]
    }
}
