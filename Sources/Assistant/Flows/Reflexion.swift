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
    func institutionalizing(_ message: Utterance, slot: SlotDefinition) -> Reading? {
        // «la red quiere proponer las duplas como práctica para el PME», «no, es la misma, sí
        // queremos llevarla al PME»: proposing it for a document is the yes (it was offered as
        // another flow, or asked again).
        if slot.name == "institucionalizar", let documento = Self.document(in: message.phrase.tokens), Self.proposes(message.phrase.tokens) {
            return .fill(["institucionalizar": .bool(true), "documento": .choice(documento)], remark: nil)
        }
        guard slot.name == "institucionalizar", let yes = YesNo.lead(message.clean) ?? YesNo.parse(message.clean).map({ (yes: $0, rest: "") }),
              yes.yes, let documento = Self.document(in: message.phrase.tokens) else { return nil }
        return .fill(["institucionalizar": .bool(true), "documento": .choice(documento)], remark: nil)
    }

    /// A verb of proposing or taking it to a document, not denied in the two words before it
    /// («no queremos llevarla al PME» is a no).
    static func proposes(_ t: [String]) -> Bool {
        t.indices.contains { i in proposalVerbs.contains(t[i]) && !t[max(0, i - 2)..<i].contains(where: { $0 == "no" || $0 == "ni" }) }
    }

    static let proposalVerbs: WordSet = ["proponer", "proponemos", "propone", "proponen", "proponerla", "proponerlo", "llevar", "llevarla",
                                         "llevarlo", "llevemosla", "incorporar", "incorporarla", "incorporarlo", "institucionalizar",
                                         "institucionalizarla", "queremos", "quiere", "quieren"]

    static func document(in tokens: [String]) -> String? {
        if tokens.contains("pme") || DialogEngine.containsRunPublic(tokens, ["plan", "de", "mejoramiento"]) { return "PME" }
        if tokens.contains("pei") || DialogEngine.containsRunPublic(tokens, ["proyecto", "educativo"]) { return "PEI" }
        return nil
    }

    /// `claim` needs one of these (`ClaimCues`): a form of «sistematizar».
    func claimCues(_ flow: FlowDefinition) -> ClaimCues { ClaimCues(words: ["reflexion"], prefixes: ["sistematiz", "sistematic"]) }

    /// «quiero hacer una reflexión acerca de la lectura», «hagamos una reflexión sobre la feria»: a
    /// reflection asked for with what it is about; the practice is what follows the lead (issue 12:
    /// not understood, or started with the practice asked again). Nil for any other message.
    static func aboutRequest(_ message: Utterance) -> String? {
        let t = message.phrase.tokens
        guard let k = t.firstIndex(of: "reflexion"), k >= 1, k + 2 < t.count, !QuestionForm.asks(message),
              t[..<k].contains(where: requestWords.contains), !t.contains(where: BorrarFlow.erases) else { return nil }
        let words = message.clean.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0).filter(\.isLetter) }
        guard let r = folded.firstIndex(where: { $0 == "reflexion" }), r + 2 < words.count else { return nil }
        let from: Int
        switch folded[r + 1] {
        case "sobre": from = r + 2
        case "acerca", "respecto" where ["de", "a", "del", "al"].contains(folded[r + 2]): from = r + 3
        case "en" where folded[r + 2] == "torno" && r + 3 < words.count && folded[r + 3] == "a": from = r + 4
        default: return nil
        }
        guard from < words.count, folded[from...].contains(where: { $0.count > 3 }) else { return nil }
        var topic = words[from...].joined(separator: " ")
        if ["del", "al"].contains(folded[r + 2]) { topic = "el " + topic }
        return topic.trimmingCharacters(in: CharacterSet(charactersIn: " .,;!"))
    }

    /// Words that ask for a reflection before its noun («quiero hacer una…», «registremos una…»).
    static let requestWords: Set<String> = ["quiero", "queremos", "quisiera", "quisieramos", "necesito", "hacer", "hagamos", "haremos",
                                            "registrar", "registremos", "registra", "anotar", "anota", "anotemos", "empezar", "iniciar",
                                            "armar", "armemos", "escribir", "escribamos", "nueva", "otra", "podemos", "vamos"]

    /// «queremos sistematizar lo que pasó en el taller», «sistematicemos la feria de ciencias»:
    /// «sistematizar» is what a reflection does (pass 11: the trigger scored too low and the menu
    /// came). What follows the verb is read as the request, the practice included.
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        if let topic = Self.aboutRequest(message) {
            return Claim(values: ["practica": .text(topic)], echo: ["práctica: \(topic)"])
        }
        guard message.phrase.tokens.contains(where: { $0.hasPrefix("sistematiz") || $0.hasPrefix("sistematic") }),
              !QuestionForm.asks(message) else { return nil }
        let words = message.clean.split(separator: " ")
        guard let i = words.firstIndex(where: { w in
            let f = TextFold.fold(String(w)).lowercased()
            return f.hasPrefix("sistematiz") || f.hasPrefix("sistematic")
        }) else { return nil }
        let rest = words[(i + 1)...].joined(separator: " ")
        var claim = Claim(values: [:])
        if Phrase(rest).tokens.count >= 2 { claim.reads = rest }
        return claim
    }

    /// «quiero sistematizar una práctica: hicimos…, aprendimos que…»: the request that tells the
    /// reflection is split like an answer would be.
    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        guard var said = run.values["practica"]?.textValue else { return Prefill() }
        // «…una práctica que hice con mis niños, la lectura en voz alta…»: the end of the request
        // («niños,») says with whom; the practice is what follows.
        var trimmed = false
        // «…una práctica que me resultó con los cursos: tutorías entre pares…»: the rest of the
        // request ends at the colon.
        if let colon = said.firstIndex(of: ":"), Phrase(String(said[..<colon])).tokens.count <= 5 {
            let rest = said[said.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if Phrase(rest).tokens.count >= 2 { said = rest; trimmed = true }
        }
        if let comma = said.firstIndex(of: ","), case let head = Phrase(String(said[..<comma])).tokens,
           !head.isEmpty, head.count <= 3, head.allSatisfy(Self.withWhom.contains) {
            let rest = said[said.index(after: comma)...].trimmingCharacters(in: .whitespaces)
            if Phrase(rest).tokens.count >= 2 { said = rest; trimmed = true }
        }
        // «queremos reflexionar sobre cómo nos fue con la feria»: how it went is no part of the
        // practice's name; the practice is what follows «con» (pass 10, qa16: «fue con la feria»).
        if let rest = Self.withoutHowItWent(said) { said = rest; trimmed = true }
        // «una reflexión sobre la feria científica»: the preposition that says what the
        // reflection is about is no part of the practice's name (qa24).
        if let rest = Self.withoutAboutLead(said) { said = rest; trimmed = true }
        guard let parts = ReflectionCues.split(said, asked: "practica", filled: []) else {
            return trimmed ? Prefill(values: ["practica": .text(said)], echo: ["práctica: \(said)"], replacesEcho: true) : Prefill()
        }
        let echo = ReflectionCues.fields.compactMap { f in parts[f].map { "\(Self.labels[f] ?? f): \($0)" } }
        return Prefill(values: parts.mapValues { SlotValue.text($0) }, echo: echo, replacesEcho: true)
    }

    /// «cómo nos fue con la feria», «fue con la feria», «lo que pasó en el taller» → the words
    /// after the verb of how it went and its preposition; nil when the text does not open so.
    static func withoutHowItWent(_ text: String) -> String? {
        let words = text.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0).filter(\.isLetter) }
        guard let v = folded.prefix(4).firstIndex(where: howItWentVerbs.contains),
              folded[..<v].allSatisfy(howItWentLeads.contains) else { return nil }
        var from = v + 1
        if from < folded.count, ["con", "en", "de"].contains(folded[from]) { from += 1 }
        guard from < words.count - 1 || (from < words.count && folded[from].count > 3) else { return nil }
        return words[from...].joined(separator: " ")
    }

    /// «sobre la feria», «acerca de la feria», «respecto a la feria» → «la feria»; nil when the
    /// text does not open with such a lead or nothing substantial follows it.
    static func withoutAboutLead(_ text: String) -> String? {
        let words = text.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0).filter(\.isLetter) }
        guard let first = folded.first else { return nil }
        let from: Int
        switch first {
        case "sobre": from = 1
        case "acerca", "respecto" where folded.count > 1 && ["de", "a"].contains(folded[1]): from = 2
        default: return nil
        }
        guard from < words.count, folded[from...].contains(where: { $0.count > 3 }) else { return nil }
        return words[from...].joined(separator: " ")
    }

    static let howItWentVerbs: Set<String> = ["fue", "salio", "resulto", "funciono", "paso"]
    // «de lo q paso con la rubrica»: «q» typed for «que» (qa39: the practice kept «q paso con»).
    static let howItWentLeads: Set<String> = ["como", "nos", "les", "me", "te", "lo", "que", "tal", "q", "k", "ke", "de"]

    /// Who a practice was done with, said right after «con (mis)…» in a request.
    static let withWhom: Set<String> = ["ninos", "ninas", "nino", "nina", "alumnos", "alumnas", "estudiantes", "chicos", "chicas", "chiquillos",
                                        "cabros", "curso", "cursos", "apoderados", "familias", "colegas", "los", "las", "mis", "el", "mi"]

    /// A reflection told in one message goes to its fields by the cues of each clause, and what
    /// was understood is said back; an answer that clearly belongs to another field («la próxima
    /// vez…» asked what worked) goes there, and the question is asked again.
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        if let reading = institutionalizing(message, slot: slot) { return reading }
        if let said = Self.notedAnswer(message, asked: slot.name) { return .fill([slot.name: .text(said)], remark: nil) }
        if slot.name == "etiquetas", let reask = Self.sentenceAsTags(message) { return reask }
        guard ReflectionCues.fields.contains(slot.name), !message.clean.contains("?"), !message.clean.contains("¿") else { return nil }
        let filled = Set(run.values.keys)
        if DialogEngine.refersBack(message.phrase) { return stillMissing(slot: slot, run: run) }
        guard let parts = ReflectionCues.split(message.clean, asked: slot.name, filled: filled) else { return nil }
        let values = SlotValues(parts.mapValues { SlotValue.text($0) })
        let said = ReflectionCues.fields.compactMap { f in parts[f].map { "\(Self.labels[f] ?? f): «\($0)»" } }
        // Moved whole to another field: its name says enough (the text is what was just written).
        let remark = parts[slot.name] == nil
            ? "Eso va en \(SlotValue.joinSpanish(ReflectionCues.fields.filter { parts[$0] != nil }.map { Self.labels[$0] ?? $0 })); lo anoté ahí."
            : "Entendí esto: " + said.joined(separator: "; ") + "."
        return .fill(values, remark: remark)
    }

    /// Words that say, inside a sentence, what the field asked is about: «funcionó», «faltó»,
    /// «aprendimos», «la próxima vez».
    static let answerCues: [String: [[String]]] = [
        "factores_exito": [["funciono"], ["funcionaron"], ["resulto"], ["resultaron"], ["sirvio"], ["ayudo"], ["lo", "bueno"]],
        "por_mejorar": [["no", "funciono"], ["no", "resulto"], ["falto"], ["nos", "falto"], ["costo"], ["mejorar"], ["dificil"], ["problema"]],
        "ajustes": [["proxima", "vez"], ["para", "la", "proxima"], ["pa", "la", "proxima"], ["cambiariamos"], ["ajustariamos"], ["hariamos"]],
        "aprendizajes": [["aprendimos"], ["aprendi"], ["aprendizaje"], ["leccion"], ["nos", "dimos", "cuenta"], ["me", "di", "cuenta"]],
    ]

    /// «anota que funcionó la planificación conjunta» at «¿Qué funcionó…?», «pon que aprendimos a
    /// planificar juntos» at the learnings: a request's verb and «que» around a sentence that
    /// says what the question asks (one of its cues, and no cue of another field's) is that
    /// answer, the verb left out (it offered «Registrar un acuerdo»). Nil otherwise: a message
    /// without «que» among its first words stops at one look.
    static func notedAnswer(_ message: Utterance, asked: String) -> String? {
        let t = message.phrase.tokens
        guard t.count >= 3, let cues = answerCues[asked], let q = t.prefix(4).firstIndex(where: { $0 == "que" || $0 == "q" }), q >= 1,
              q + 1 < t.count, t[..<q].contains(where: notingVerbs.contains),
              t[..<q].allSatisfy({ notingVerbs.contains($0) || ["ya", "y", "oye", "ah", "porfa", "entonces", "tambien", "bueno", "me"].contains($0) })
        else { return nil }
        let rest = Array(t[(q + 1)...])
        func says(_ leads: [[String]]) -> Bool { rest.indices.contains { i in leads.contains { rest[i...].starts(with: $0) } } }
        guard says(cues) else { return nil }
        // «anota que no funcionó…» at what worked says what did not: that is not this answer.
        if asked == "factores_exito", says(answerCues["por_mejorar"] ?? []) { return nil }
        // The words as typed after «que» (each token before it is one word).
        let words = message.clean.split(separator: " ")
        guard words.count > q + 1, words.prefix(q + 1).allSatisfy({ Phrase(String($0)).tokens.count == 1 }) else { return nil }
        let said = words.dropFirst(q + 1).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        return said.isEmpty ? nil : said
    }

    /// Verbs that ask Minga to write something down («anota que…», «pon que…»).
    static let notingVerbs: Set<String> = ["anota", "anote", "anotale", "anotemos", "apunta", "apunte", "apuntemos", "pon", "ponle", "pone",
                                           "ponga", "pongamos", "escribe", "escribele", "escribamos", "registra", "agrega", "agregale", "deja",
                                           "dejemos", "coloca"]

    /// «no, lo que no funcionó es que … lo de los apoderados va en lo que funcionó» at the review:
    /// parts of the answers put where they belong (`ReflectionMove`), every other field kept.
    func reviewChange(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        guard !message.clean.contains("?") else { return nil }
        var texts: [String: String] = [:]
        for f in ReflectionCues.fields { if let v = run.values[f]?.textValue { texts[f] = v } }
        guard let changed = ReflectionMove.read(message.clean, values: texts), !changed.isEmpty else { return nil }
        let said = ReflectionCues.fields.compactMap { f in changed[f].map { "\(Self.labels[f] ?? f): «\($0)»" } }
        let list = said.joined(separator: "; ")
        return .fill(SlotValues(changed.mapValues { SlotValue.text($0) }), remark: "Corregido. " + list.prefix(1).uppercased() + list.dropFirst() + ".")
    }

    /// «ya te conté todo arriba»: what Minga has so far and the question again; it is never
    /// stored as the answer. (What the first message told was already split into its fields,
    /// so the field asked is not in it.)
    func stillMissing(slot: SlotDefinition, run: FlowRun) -> Reading {
        // The fields by name only: their text was said back when they were taken.
        let have = ReflectionCues.fields.filter { run.values[$0] != nil }.map { Self.labels[$0] ?? $0 }
        let label = Self.labels[slot.name] ?? slot.label
        return .reask(have.isEmpty
            ? "Revisé lo que me contaste y todavía no tengo \(label)."
            : "Revisé lo que me contaste: ya tengo \(SlotValue.joinSpanish(have)), pero me falta \(label).")
    }

    /// «vamos a hacerlo en todos los cursos de 1ro a 4to el proximo año» to «¿Con qué temas la
    /// etiquetamos?»: a sentence is no list of topics (it was stored as one tag, qa15). A list is
    /// short parts split by commas, «;» or «y»; a part longer than four words is a sentence.
    static func sentenceAsTags(_ message: Utterance) -> Reading? {
        guard !message.clean.contains("?"), !message.clean.contains("¿") else { return nil }
        let parts = message.clean.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "#" })
            .flatMap { $0.components(separatedBy: " y ") }
            .map { Phrase($0).tokens.count }
        guard let longest = parts.max(), longest > 4 else { return nil }
        // The question follows, with its example.
        return .reask("Las etiquetas son temas cortos, no una frase.")
    }

    /// How each field is named when saying what was understood.
    static let labels = ["practica": "práctica", "que_paso": "qué pasó", "factores_exito": "lo que funcionó",
                         "por_mejorar": "por mejorar", "ajustes": "ajustes para la próxima vez", "aprendizajes": "aprendizajes"]

    /// «deshacer» right after saving: the record is deleted (confirmed first), like an agreement.
    func undo(_ record: String, context: EngineContext) -> Undo? {
        Undo(flow: "borrar_registro", values: ["registro": .text(record)])
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        // «lectura en voz alta y primer ciclo»: «y» joins two topics, as a comma does.
        let tags = (v["etiquetas"]?.textValue ?? "").split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "#" })
            .flatMap { $0.components(separatedBy: " y ") }
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
        // The practice it proposes is a record of its own from now on, with its id (P-n), as when it
        // is proposed directly: followed up, exported and referred to by that id.
        if institutionalize {
            _ = try w.store.addPractice(Practice(
                id: "", practice: r.practice, reflection: r.id, state: .propuesta, document: r.document.flatMap(Practice.Document.init(rawValue:)),
                history: [Practice.Change(date: r.date, state: .propuesta, note: Practice.fromReflection)]), network: snapshot.network.id, key: w.key?.part(1))
        }
        return ["id": r.id, "numero": r.number.map(String.init) ?? r.id]
    }
}
