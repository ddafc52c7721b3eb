import CivilTime
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/proposito.yaml`: the network's common purpose; a new one replaces the old, which
/// goes to the history.
struct PropositoFlow: MingaFlow {
    let id = "proposito"
    let saveKind: String? = "purpose"
    let slotNames = ["enunciado", "objetivos", "participantes"]

    /// `claim` needs one of these (`ClaimCues`): The purpose named (or its typos).
    func claimCues(_ flow: FlowDefinition) -> ClaimCues { ClaimCues(prefixes: ["propos", "propoc", "porpos"]) }

    /// «ahora el propósito: mejorar la lectura…», «el proposito seria que…»: the purpose said at
    /// the menu is written, not a question about it; only what it leaves out is asked.
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        // Every message at the menu comes here: the word itself first.
        let t = message.phrase.tokens
        guard t.prefix(8).contains(where: PurposeStatement.isPurposeWord) else { return nil }
        // «los que acordaron el propósito fuimos todos, no "cuantos somos"»: who agreed the saved
        // purpose, fixed on it (the whole purpose was asked again); statement and objectives stay.
        if let p = context.snapshot?.purpose, let who = Self.agreedBy(message, context: context) {
            var values: SlotValues = ["enunciado": .text(p.statement), "participantes": .list(who)]
            if !p.objectives.isEmpty { values["objetivos"] = .list(p.objectives) }
            return Claim(values: values, echo: ["quienes lo acordaron: \(SlotValue.joinSpanish(who))"])
        }
        if let said = PurposeStatement.read(message.clean) {
            return Claim(values: Self.values(said, context: context), echo: Self.echo(said, context: context))
        }
        // «el propósito quedó mal escrito, lo quiero corregir»: the purpose is written again (not
        // an agreement «quedó…»); one objective or a member's reading has its own flow.
        if context.snapshot?.purpose != nil, !message.clean.contains("?"), t.contains(where: DialogEngine.wrongWords.contains),
           !t.contains(where: { $0.hasPrefix("objetivo") || $0.hasPrefix("meta") || $0.hasPrefix("apropia") }) {
            return Claim()
        }
        return nil
    }

    /// Who agreed the purpose, in a message about it that says «acordaron», «acordamos», «lo
    /// acordó» with «todos» (the whole network) or two or more of its members by name; nil
    /// otherwise. Words in quotes are the wrong ones.
    static func agreedBy(_ message: Utterance, context: EngineContext) -> [String]? {
        let unquoted = message.clean.split(separator: "\"", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 0 }.map { String($0.element) }.joined(separator: " ")
        let t = Phrase(unquoted).tokens
        guard let verb = t.firstIndex(where: { $0.hasPrefix("acord") || $0.hasPrefix("participa") }), !message.clean.contains("?") else { return nil }
        if t.contains(where: { $0 == "todos" || $0 == "todas" }) { return SharedReadings.everyoneNames(context) }
        // «lo acordamos la Rosa, el Juan y yo»: the members named after the verb (and «yo»).
        let after = Set(t[(verb + 1)...])
        var names = context.members.filter { m in Phrase(m).tokens.first.map(after.contains) ?? false }
        if after.contains("yo"), let me = context.userName, !names.contains(me) { names.append(me) }
        return names.count >= 2 ? names : nil
    }

    /// «escribamos el propósito: que todas las escuelas…» started by its trigger: the words after
    /// it are the purpose (the engine would take them for the first text slot, the objectives).
    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        guard run.values["enunciado"] == nil, let said = PurposeStatement.read(request) else { return Prefill() }
        var values: [String: SlotValue?] = Self.values(said, context: context).mapValues { $0 }
        if said.objectives.isEmpty { values["objetivos"] = .some(nil) }
        // Never the capitalised first word of the purpose as who agreed it.
        if values["participantes"] == nil { values["participantes"] = .some(nil) }
        return Prefill(values: values, echo: Self.echo(said, context: context), replacesEcho: true)
    }

    /// «instalar la retroalimentación, compartir instrumentos y hacer acompañamiento al aula» to
    /// «¿Cuál es el primer objetivo?»: several objectives typed as prose, one per action. Only
    /// when every piece starts with its own verb and a comma separates them: «mejorar la lectura,
    /// la escritura y la oralidad» stays one objective.
    /// «objetivo 1: …», «2) …», «a.- …»: the item's marker is no part of it (`ItemMarker`).
    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard slot.name == "objetivos" else { return .accept }
        return ItemMarker.verdict(value, labels: ["objetivo", "meta"])
    }

    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        // «lo acordamos todas las directoras en la jornada de marzo» to «¿Quiénes participaron en
        // acordarlo?»: who agreed it, never a new agreement to register (qa30: it offered
        // «Registrar un acuerdo» and, with «sí», stored the agreement «todas las directoras…»).
        if slot.name == "participantes", let who = Self.whoAgreed(message, slot: slot, context: context) {
            return .fill(["participantes": .list(who)], remark: nil)
        }
        // «el mismo», «dejalo igual» when the purpose is rewritten: the statement there is stays
        // (to change only the objectives), never the words «el mismo».
        if slot.name == "enunciado", let p = context.snapshot?.purpose, Self.keepsSame(message.phrase.tokens) {
            return .fill(["enunciado": .text(p.statement)], remark: "Dejo el mismo propósito: «\(p.statement)».")
        }
        // «que nuestros estudiantes lean…. objetivos: hacer un banco… y juntarnos una vez al mes»
        // to «¿Cuál es el propósito?»: the purpose, then its objectives (qa39: all of it was the
        // purpose, and the objectives were asked again).
        if slot.name == "enunciado", (run.values["objetivos"]?.listValue ?? []).isEmpty,
           message.phrase.tokens.contains(where: { $0 == "objetivos" || $0 == "objetivo" }),
           let (before, after) = PurposeStatement.objectivesPart(message.clean),
           case let statement = AnswerText.trimmed(before.trimmingCharacters(in: .init(charactersIn: " ,.;:"))), Phrase(statement).stems.count >= 2 {
            let items = PurposeStatement.objectiveItems(after).map { $0.trimmingCharacters(in: .init(charactersIn: " ,.;:")) }.filter { !$0.isEmpty }
            if !items.isEmpty, items.count <= 5 {
                return .fill(["enunciado": .text(statement), "objetivos": .list(items)],
                             remark: "Anoté el propósito y \(items.count == 1 ? "1 objetivo" : "\(items.count) objetivos"): " + items.map { "«\($0)»" }.joined(separator: ", ") + ".")
            }
        }
        // «2», «ok», «x»: no purpose is a number or a single word (a menu choice or a slip); asked again.
        if slot.name == "enunciado", message.phrase.tokens.filter({ Int($0) == nil }).count < 2 {
            return .reask("Eso es muy corto para ser el propósito. Escríbelo en una o dos frases; por ejemplo: «Mejorar juntos la comprensión lectora en primer ciclo, compartiendo prácticas entre escuelas».")
        }
        // «no tiene objetivos todavía», «sin objetivos por ahora», and at the review «el 2 está
        // malo, no hay objetivos todavía»: none yet, the list stays empty (it became the
        // objective «hay objetivos todavia»); they can be added later.
        if slot.name == "objetivos", (run.values["objetivos"]?.listValue ?? []).isEmpty {
            if Self.saysNoObjectives(message.phrase.tokens) { return .skip }
            // «los mismos de antes», «dejalos iguales» when the purpose is rewritten: the
            // objectives there are stay (they became the one objective «los mismos de antes»).
            if let p = context.snapshot?.purpose, !p.objectives.isEmpty, Self.keepsSame(message.phrase.tokens) {
                return .fill(["objetivos": .list(p.objectives)],
                             remark: "Dejo los mismos objetivos: " + p.objectives.map { "«\($0)»" }.joined(separator: ", ") + ".")
            }
            // A bare «no» may be none yet or a slip: asked, with the way to leave them for later.
            if ["no", "nop", "nada"].contains(message.phrase.core) {
                return .reask("¿Todavía no tienen objetivos? Si es así, escribe «sin objetivos por ahora»; si no, dime el primero. Por ejemplo: «que cada escuela comparta una práctica de lectura por semestre».")
            }
        }
        // «agrega objetivo: …», «y otro objetivo es …» to any of its questions: one more objective,
        // never the names of who agreed it nor the purpose's words.
        if let said = Self.objectiveSaid(message) {
            let items = run.values["objetivos"]?.listValue ?? []
            let new = said.filter { s in !items.contains { TextFold.fold($0) == TextFold.fold(s) } }
            guard !new.isEmpty else { return .reask("Eso ya está entre los objetivos.") }
            guard items.count + new.count <= 5 else {
                return .reask("Serían más de 5 objetivos, el máximo; no los sumé. Si quieres cambiar uno, dímelo en la revisión.")
            }
            return .fill(["objetivos": .list(items + new)],
                         remark: (new.count == 1 ? (items.isEmpty ? "Anoté el objetivo «\(new[0])»." : "Anoté otro objetivo: «\(new[0])».")
                                  : "Anoté \(new.count) objetivos: " + new.map { "«\($0)»" }.joined(separator: ", ") + ".")
                            + (items.isEmpty && slot.name == "enunciado" ? " Si hay más, dímelos igual («otro objetivo: …»)." : ""))
        }
        // «todos» at «¿Otro objetivo?»: no objective is called that; it answers who agreed the
        // purpose (the next question), so the list closes and the whole network agreed it.
        if slot.name == "objetivos", let items = run.values["objetivos"]?.listValue, !items.isEmpty, run.values["participantes"] == nil,
           SharedReadings.everyone.contains(message.phrase.core), let names = SharedReadings.everyoneNames(context) {
            return .fill(["objetivos": .list(items), "participantes": .list(names)], remark: "Cierro los objetivos; lo acordaron todos: \(SlotValue.joinSpanish(names)).")
        }
        guard slot.name == "objetivos", message.clean.contains(","), let said = Self.objectives(message.clean) else { return nil }
        let items = (run.values["objetivos"]?.listValue ?? []) + said
        guard items.count <= 5 else { return nil }
        return .fill(["objetivos": .list(items)], remark: "Anoté \(said.count) objetivos: " + said.map { "«\($0)»" }.joined(separator: ", ") + ".")
    }

    /// «agrega a la profe Marta Painemal, es de la escuela Icalma» at the review: one more among
    /// who agreed it (it was only kept for later as «Incorporar a un miembro», and the purpose
    /// saved without her). Someone the network does not know yet is then offered to it, with
    /// what the message says of her, as any new name in a people answer is. Cheap gate: an add
    /// verb opening the message; an objective said so («agrega objetivo: …») is no person.
    func reviewChange(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        let t = message.phrase.tokens
        guard t.count >= 2, Self.addVerbs.contains(t[0]),
              !t.contains(where: { $0.hasPrefix("objetivo") || $0.hasPrefix("meta") || PurposeStatement.isPurposeWord($0) }) else { return nil }
        // The people up to the first comma or «que» (what follows says who they are).
        var words = message.clean.split(separator: " ").map(String.init)
        guard words.count == t.count else { return nil }
        var folded = Array(t)
        words.removeFirst(); folded.removeFirst()
        if folded.first == "a" || folded.first == "al" { words.removeFirst(); folded.removeFirst() }
        if let cut = words.firstIndex(where: { $0.hasSuffix(",") || $0.hasSuffix(";") }) { words = Array(words[...cut]) }
        if let cut = folded.firstIndex(where: { ["que", "como", "es", "son", "tambien", "porque", "pa", "para"].contains($0) }), cut < words.count {
            words = Array(words[..<cut])
        }
        let said = words.joined(separator: " ").trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
        guard !said.isEmpty, let who = DialogEngine.people(in: said, slot: Self.participantsSlot, context: context),
              !who.isEmpty, who.allSatisfy({ PeopleParser.looksLikeName($0) || context.members.contains($0) }) else { return nil }
        let before = run.values["participantes"]?.listValue ?? []
        let new = who.filter { n in !before.contains { TextFold.fold($0) == TextFold.fold(n) } }
        guard !new.isEmpty else { return nil }
        return .fill(["participantes": .list(before + new)], remark: nil)
    }

    static let addVerbs: Set<String> = ["agrega", "agregar", "agregale", "agregue", "agreguen", "agreguemos", "suma", "sumale", "sumar",
                                        "incluye", "incluir", "incluyan", "anade", "anadir", "pon", "ponle"]
    static let participantsSlot = SlotDefinition(name: "participantes", type: .people, ask: "")

    /// The people after a lead that says they agreed it («lo acordamos», «lo acordaron entre»,
    /// «participamos», «fuimos»), up to where or when («en la jornada de marzo», «el lunes»).
    /// Nil when the message opens otherwise or names nobody.
    static func whoAgreed(_ message: Utterance, slot: SlotDefinition, context: EngineContext) -> [String]? {
        let t = message.phrase.tokens
        guard t.count >= 2, let lead = agreedLeads.first(where: { t.starts(with: $0) }), t.count > lead.count else { return nil }
        // The words as written after the lead (capitals kept for names), cut where a place or a time starts.
        var words = message.clean.split(separator: " ").map(String.init)
        guard words.count == t.count else { return nil }
        words.removeFirst(lead.count)
        var folded = Array(t.dropFirst(lead.count))
        while let f = folded.first, ["entre", "con"].contains(f) { words.removeFirst(); folded.removeFirst() }
        if let cut = folded.indices.first(where: { i in i > 0 && (["en", "durante", "el", "ayer", "hoy", "para", "cuando"].contains(folded[i])) }) {
            words = Array(words[..<cut])
        }
        guard !words.isEmpty else { return nil }
        // «lo acordamos entre todos en la jornada»: the whole network.
        if SharedReadings.everyone.contains(Phrase(words.joined(separator: " ")).tokens.joined(separator: " ")) { return SharedReadings.everyoneNames(context) }
        let who = DialogEngine.people(in: words.joined(separator: " ").trimmingCharacters(in: .punctuationCharacters), slot: slot, context: context)
        return who?.isEmpty == false ? who : nil
    }

    static let agreedLeads: [[String]] = [
        ["lo", "acordamos"], ["lo", "acordaron"], ["lo", "acordo"], ["acordamos"], ["acordaron"], ["lo", "definimos"], ["lo", "definieron"],
        ["lo", "escribimos"], ["lo", "escribieron"], ["lo", "construimos"], ["lo", "construyeron"], ["participamos"], ["participaron"],
        ["fuimos"], ["fueron"], ["estuvimos"], ["estuvieron"],
    ]

    /// The objective in «agrega objetivo: X», «y otro objetivo es X», «falta un objetivo: X»: the
    /// words after «objetivo» when only an add verb or fillers come before it; nil otherwise
    /// («el objetivo 2 …» names one, it adds none).
    static func objectiveSaid(_ message: Utterance) -> [String]? {
        let t = message.phrase.tokens
        guard let k = t.prefix(6).firstIndex(where: { $0 == "objetivo" || $0 == "objetivos" }), k + 2 < t.count,
              t[..<k].allSatisfy({ w in objectiveLeads.contains(w) || AgregarObjetivoFlow.addStems.contains { w.hasPrefix($0) } }),
              Int(t[k + 1]) == nil else { return nil }
        // «objetivos: 1) … 2) …»: each one.
        if t[k] == "objetivos" { return PurposeStatement.objectivesOnly(message.clean).map { Array($0) } }
        let words = message.clean.split(separator: " ").map(String.init)
        guard let at = words.firstIndex(where: { ["objetivo", "objetivos"].contains(Phrase($0).tokens.first ?? "") }) else { return nil }
        let rest = words[(at + 1)...].drop { w in
            let f = Phrase(w).tokens.first ?? ""
            return f.isEmpty || ["es", "sea", "seria", "que", "nuevo", "mas", "de", "seria:", "es:"].contains(f)
        }
        let text = rest.joined(separator: " ").trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
        return Phrase(text).tokens.count >= 2 ? [text] : nil
    }

    /// «no hay objetivos todavía», «no tiene objetivos aún», «sin objetivos por ahora», «ninguno
    /// por el momento»: only words that say there are none yet.
    static func saysNoObjectives(_ t: [String]) -> Bool {
        guard !t.isEmpty, t.count <= 8, t.allSatisfy(noObjectiveWords.contains) else { return false }
        let has = t.contains { ["hay", "tiene", "tenemos", "tienen"].contains($0) }
        return (t.contains("no") && has) || t.contains("sin") || t.contains("ninguno") || t.contains("ninguna")
    }

    private static let noObjectiveWords: Set<String> = ["no", "hay", "tiene", "tenemos", "tienen", "objetivos", "objetivo", "todavia", "aun",
                                                        "por", "ahora", "el", "momento", "sin", "ninguno", "ninguna", "definidos",
                                                        "definido", "ya", "po", "la", "red", "los", "nada", "aca", "que", "mas", "adelante"]

    private static let objectiveLeads: Set<String> = ["y", "e", "otro", "un", "el", "nuevo", "tambien", "ademas", "falta", "falto", "faltaba",
                                                      "hay", "mas", "ah", "oye", "quiero", "pon", "ponle", "anota", "anotar", "anotale", "ya",
                                                      "porfa", "al", "proposito", "otra", "cosa", "nos", "me", "olvide", "olvido", "el"]

    /// «el mismo», «lo mismo nomas», «dejalo igual», «que quede igual»: nothing but keeping it.
    static func keepsSame(_ t: [String]) -> Bool {
        guard t.count <= 6, t.contains(where: { ["mismo", "misma", "igual", "mismos", "mismas", "iguales", "anteriores"].contains($0) }) else { return false }
        let words: Set<String> = ["el", "la", "lo", "mismo", "misma", "igual", "dejalo", "dejala", "deja", "que", "quede", "queda", "nomas", "po",
                                  "ya", "no", "mas", "de", "antes", "proposito", "sigue", "siga",
                                  // «los mismos de antes», «dejalos iguales», «los anteriores»: the objectives
                                  "los", "las", "mismos", "mismas", "iguales", "anteriores", "dejalos", "dejalas", "quedan", "siguen",
                                  "objetivos", "estaban", "habia", "tenemos", "mantener", "mantenlos"]
        return t.allSatisfy(words.contains)
    }

    /// The objectives in a line of prose, or nil when it reads as one objective.
    static func objectives(_ text: String) -> [String]? {
        let text = afterListLead(text)
        guard !text.contains(";"), ListSplitter.split(text) == nil else { return nil }
        // «…, y el segundo es armar huertos»: the ordinal that announces the next objective is
        // no part of it (qa33: both became one objective, «y el segundo es» inside).
        let pieces = NormasFlow.pieces(text).map {
            $0.replacingOccurrences(of: #"(?i)^(el\s+)?(primero|primer|segundo|tercero|tercer|cuarto|quinto|otro)(\s+objetivo)?\s+(es|seria|sería)\s*:?\s+"#,
                                    with: "", options: .regularExpression)
        }
        let firsts = pieces.map { String($0.split(separator: " ").first ?? "") }
        guard pieces.count >= 2, pieces.allSatisfy({ $0.split(separator: " ").count >= 3 }) else { return nil }
        if firsts.allSatisfy(NormasFlow.isInfinitive) { return pieces }
        // «compartir prácticas de liderazgo, visitas de aula entre escuelas y armar un plan…»:
        // three or more, the first an action, the others actions or things (a noun opening the
        // piece; a preposition or an article there continues the one objective before).
        guard pieces.count >= 3, NormasFlow.isInfinitive(firsts[0]),
              firsts.allSatisfy({ !objectiveContinuations.contains(Phrase($0).tokens.first ?? "") }) else { return nil }
        return pieces
    }

    /// «ya, pongale: a, b y c», «los objetivos serian: …»: the words before a colon that only
    /// announce the list are no objective.
    static func afterListLead(_ text: String) -> String {
        guard let colon = text.firstIndex(of: ":") else { return text }
        let lead = Phrase(String(text[..<colon])).tokens
        guard !lead.isEmpty, lead.count <= 5, lead.allSatisfy(listLeads.contains) else { return text }
        return String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
    }

    private static let listLeads: Set<String> = ["ya", "ok", "bueno", "entonces", "po", "pongale", "ponle", "pon", "pone", "anota", "anotale",
                                                 "anote", "los", "objetivos", "serian", "son", "sean", "estos", "seria", "esto", "asi",
                                                 "que", "y", "mira", "oye", "ya po", "dale"]
    private static let objectiveContinuations: Set<String> = [
        "con", "en", "de", "del", "para", "pa", "por", "la", "el", "los", "las", "un", "una", "que", "sin", "a", "al", "desde", "hasta",
        "entre", "sobre", "segun", "cuando", "donde", "como", "porque", "y", "o", "e", "mas", "sobretodo", "especialmente", "tanto",
    ]

    static func values(_ said: PurposeStatement, context: EngineContext) -> SlotValues {
        var v: SlotValues = ["enunciado": .text(said.statement)]
        if !said.objectives.isEmpty { v["objetivos"] = .list(Array(said.objectives.prefix(5))) }
        if said.agreedByAll, let names = SharedReadings.everyoneNames(context) { v["participantes"] = .list(names) }
        return v
    }

    static func echo(_ said: PurposeStatement, context: EngineContext) -> [String] {
        var lines = ["propósito: \(said.statement)"] + (said.objectives.isEmpty ? [] : ["objetivos: " + said.objectives.prefix(5).joined(separator: "; ")])
        if said.agreedByAll, let names = SharedReadings.everyoneNames(context) { lines.append("quienes lo acordaron: \(SlotValue.joinSpanish(names))") }
        return lines
    }

    func skipNote(_ slot: SlotDefinition, context: EngineContext) -> String? {
        slot.name == "objetivos" ? "Queda sin objetivos por ahora; cuando los tengan, escríbeme «agregar objetivo»." : nil
    }

    func startRemarks(_ run: FlowRun, context: EngineContext) -> [String] {
        guard let p = context.snapshot?.purpose else { return [] }
        // Only who agreed it changes: nothing of the statement is replaced.
        if run.values["enunciado"]?.textValue == p.statement, run.values["participantes"] != nil { return [] }
        return ["Hoy el propósito es: «\(p.statement)». Lo que escribas ahora lo reemplaza; el anterior queda en el historial."]
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        let today = w.clock.today()
        var p = snapshot.purpose ?? Purpose(statement: "")
        let edited = snapshot.purpose != nil
        let statement = v["enunciado"]?.textValue ?? "", objectives = v["objetivos"]?.listValue ?? []
        // Who agreed it, fixed alone, is no new version of the purpose.
        let onlyWho = edited && statement == p.statement && objectives == p.objectives
        if edited && !onlyWho { p.history.append(Purpose.Version(date: p.date, statement: p.statement, objectives: p.objectives)) }
        p.statement = statement
        p.objectives = objectives
        let sameWho = p.participants == (v["participantes"]?.listValue ?? [])
        p.participants = v["participantes"]?.listValue ?? []
        if !onlyWho { p.date = today }
        try w.store.savePurpose(p, network: snapshot.network.id)
        let missing = snapshot.members.map(\.name).filter { name in !p.appropriations.contains { $0.member == name } }
        var resumen = onlyWho && sameWho ? "el propósito común quedó como estaba."
            : onlyWho ? "corregí quiénes acordaron el propósito: \(SlotValue.joinSpanish(p.participants))."
            : edited ? "actualicé el propósito común; la versión anterior quedó en el historial." : "quedó escrito el propósito común de la red."
        resumen += " Ahora cada miembro puede contarme qué significa para su escuela: basta con que escriba «mi apropiación del propósito»."
        if !missing.isEmpty && missing.count <= 6 { resumen += " Faltan: \(SlotValue.joinSpanish(missing))." }
        // Offered once, when the purpose is first written: metas are optional.
        if !edited && !p.objectives.isEmpty {
            resumen += " Y si quieren, le ponemos metas medibles a los objetivos: escribe «pongámosle metas a los objetivos»."
        }
        return ["id": snapshot.network.id, "resumen": resumen]
    }
}
