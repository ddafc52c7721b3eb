import Foundation
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
        return Claim(values: Self.said(inRequest: text))
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

    /// «mi apropiación: en el liceo significa recibir a los de 8vo…»: what follows the request's
    /// colon is the member's reading (and the commitment, when it says one).
    /// «¿qué significa el propósito pa mi escuela? pa nosotros es que…»: the answer after the
    /// member's own question is the reading too, and replaces what the engine took from it.
    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        guard run.values["significado"] == nil else { return Prefill() }
        let said = Self.said(inRequest: request)
        guard !request.contains(":"), let meaning = said["significado"]?.textValue else { return Prefill(values: said.mapValues { $0 }) }
        var echo = ["\(flow.slot(named: "significado")?.label ?? "significado"): \(meaning)"]
        if let c = said["compromiso"]?.textValue { echo.append("\(flow.slot(named: "compromiso")?.label ?? "compromiso"): \(c)") }
        return Prefill(values: ["significado": said["significado"], "compromiso": said["compromiso"]], echo: echo, replacesEcho: true)
    }

    /// What the request says after its colon («mi apropiación: …»), or after a question of its own
    /// («¿qué significa el propósito para mi escuela? para nosotros es…»): the meaning, and the
    /// commitment when it says one.
    static func said(inRequest request: String) -> SlotValues {
        guard let mark = request.firstIndex(of: ":") ?? request.lastIndex(of: "?") else { return [:] }
        var said = request[request.index(after: mark)...].trimmingCharacters(in: .whitespaces)
        // «pa nosotros es que…», «para nosotros significa…»: the lead-in is no part of the reading.
        for lead in ["para nosotros es ", "pa nosotros es ", "para nosotros significa ", "pa nosotros significa ",
                     "para mi escuela es ", "pa mi escuela es ", "para mi escuela significa ", "pa mi escuela significa "]
            where TextFold.fold(said).hasPrefix(lead) {
            said = String(said.dropFirst(lead.count))
            break
        }
        guard said.split(separator: " ").count >= 3 else { return [:] }
        let (meaning, commitment) = split(said)
        var values: SlotValues = [:]
        if let meaning { values["significado"] = .text(meaning) }
        if let commitment { values["compromiso"] = .text(commitment) }
        return values
    }

    /// «…tenemos mucho problema de convivencia en 7mo y 8vo. me comprometo a formar el equipo de
    /// mediadores»: one answer that says both, each to its own field (the commitment was asked
    /// again, and the meaning kept it); «me comprometo a organizar…» at its own question is the
    /// commitment without the words that announce it.
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        guard message.phrase.tokens.contains(where: { $0.hasPrefix("comprom") || Self.ownPartWords.contains($0) }) else { return nil }
        let (meaning, commitment) = Self.split(message.clean)
        guard let commitment else { return nil }
        if slot.name == "compromiso" { return .fill(["compromiso": .text(commitment)], remark: nil) }
        // «me comprometo a hacer 15 minutos de lectura diaria» to «¿qué significa…?»: the commitment
        // goes to its own field, and the meaning is still asked.
        if slot.name == "significado", meaning == nil {
            return .fill(["compromiso": .text(commitment)], remark: "Anoté tu compromiso: «\(commitment)».")
        }
        guard slot.name == "significado", let meaning else { return nil }
        return .fill(["significado": .text(meaning), "compromiso": .text(commitment)], remark: nil)
    }

    /// «me comprometo a hacer talleres de lectura con apoderados en marzo» at the review: the new
    /// commitment, without the words that announce it (the field's alias «me comprometo» took
    /// them as naming the field, and the commitment was asked again). A meaning said before it
    /// («que lean más; me comprometo a …») replaces that one too. Cheap gate: a «comprom» word.
    func reviewChange(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        guard message.phrase.tokens.contains(where: { $0.hasPrefix("comprom") }) else { return nil }
        let (meaning, commitment) = Self.split(message.clean)
        guard let commitment, commitment.split(separator: " ").count >= 2 else { return nil }
        var values: SlotValues = ["compromiso": .text(commitment)]
        if let meaning { values["significado"] = .text(meaning) }
        return .fill(values, remark: "Corregido.")
    }

    /// The text before and after the words that announce a commitment; nil parts are empty.
    static func split(_ text: String) -> (meaning: String?, commitment: String?) {
        let found = commitmentMarkers.compactMap { text.range(of: $0, options: [.caseInsensitive, .diacriticInsensitive]) }
        guard let r = found.min(by: { $0.lowerBound < $1.lowerBound }) else { return ownPart(text) }
        let trim = CharacterSet(charactersIn: " ,.;:-").union(.whitespacesAndNewlines)
        var before = text[..<r.lowerBound].trimmingCharacters(in: trim)
        // «… y yo me comprometo a …»: the «y yo» belongs to the commitment's announcement.
        for tail in [" y yo", " yo", " y"] where before.lowercased().hasSuffix(tail) {
            before = String(before.dropLast(tail.count)).trimmingCharacters(in: trim)
        }
        let after = text[r.upperBound...].trimmingCharacters(in: trim)
        return (before.split(separator: " ").count >= 2 ? before : nil, after.isEmpty ? nil : after)
    }

    /// «…conversen de lo que leen, y yo como profe tengo que preparar preguntas para cada nivel»,
    /// «… 15 minutos. yo me encargo de armar la biblioteca»: a later clause in which the writer
    /// takes a task on («yo … tengo que», «me encargo de», «por mi parte»…) is the commitment,
    /// without the words that announce it; with none, the whole text is the meaning.
    static func ownPart(_ text: String) -> (meaning: String?, commitment: String?) {
        let trim = CharacterSet(charactersIn: " ,.;:-").union(.whitespacesAndNewlines)
        // Clause starts: after «,», «.», «;» (and a «y» opening the clause).
        var starts: [String.Index] = []
        var i = text.startIndex
        while i < text.endIndex {
            if ",.;".contains(text[i]) { starts.append(text.index(after: i)) }
            i = text.index(after: i)
        }
        for start in starts {
            let clause = text[start...].trimmingCharacters(in: trim)
            var words = clause.split(separator: " ").map { TextFold.fold(String($0)) }
            var taken = 0
            if words.first == "y" { words.removeFirst(); taken += 1 }
            let mine = words.first == "yo" || ["por mi parte", "de mi parte", "mi parte", "me encargo", "me toca"].contains { words.joined(separator: " ").hasPrefix($0) }
            guard mine else { continue }
            // Up to the verb of taking it on: «yo (como profe) tengo que», «me encargo de», «voy a».
            guard let lead = ownPartLeads.compactMap({ l -> Int? in
                let lw = l.split(separator: " ").map(String.init)
                guard let k = (0...max(0, min(5, words.count - lw.count))).first(where: { Array(words[$0..<min(words.count, $0 + lw.count)]) == lw }) else { return nil }
                return k + lw.count
            }).min() else { continue }
            // «por mi parte voy a …»: a second announcement right after the first.
            var end = lead
            if let more = ownPartLeads.map({ $0.split(separator: " ").map(String.init) })
                .first(where: { end + $0.count <= words.count && Array(words[end..<(end + $0.count)]) == $0 }) { end += more.count }
            let commitment = clause.split(separator: " ").dropFirst(taken + end).joined(separator: " ").trimmingCharacters(in: trim)
            let before = text[..<start].trimmingCharacters(in: trim)
            guard commitment.split(separator: " ").count >= 2, before.split(separator: " ").count >= 3 else { continue }
            return (before, commitment)
        }
        return (text, nil)
    }

    /// Words that announce the writer's own part, and what opens a clause that takes it on.
    static let ownPartWords: WordSet = ["yo", "encargo", "toca", "parte"]
    static let ownPartLeads = ["tengo que", "voy a", "me encargo de", "me encargo del", "me toca", "por mi parte voy a", "por mi parte",
                               "de mi parte", "mi parte es", "me comprometo a", "puedo", "quiero"]

    /// Longest first where one opens another («me comprometo a» before «me comprometo»).
    static let commitmentMarkers = ["me comprometo a", "me comprometo con", "nos comprometemos a", "nos comprometemos con",
                                    "mi compromiso es", "mi compromiso:", "me comprometo", "nos comprometemos"]

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
