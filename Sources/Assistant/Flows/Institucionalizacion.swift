import CivilTime
import DialogEngine
import Foundation
import Domain
import FileStore
import Understanding

/// `dialogs/institucionalizacion.yaml`: a practice proposed for the PEI or PME, new or coming
/// from a reflection («la de lectura en parejas», «la reflexión 2»), followed from here on.
struct InstitucionalizacionFlow: MingaFlow {
    let id = "institucionalizacion"
    let saveKind: String? = "practice"
    let slotNames = ["practica", "documento", "reflexion"]

    /// «¿qué prácticas estamos institucionalizando?» asks for the list, it proposes none.
    func declines(_ phrase: Phrase, context: EngineContext) -> Bool { PracticeQuestion.asks(phrase.tokens) }

    /// «deshacer» right after proposing a practice: a practice has no deleted state to go back
    /// to, so what can be done is said instead of a bare «no lo puedo deshacer».
    func cannotUndo(_ record: String, context: EngineContext) -> String? {
        guard let p = context.snapshot?.practices.first(where: { $0.id == record }) else { return nil }
        let n = p.number.map(String.init) ?? p.id
        return "La práctica \(n) («\(p.practice)») ya quedó propuesta, y una práctica todavía no se puede borrar desde aquí. "
            + "Si algo quedó mal, corrígelo en su archivo (institucionalizacion/\(p.id).md, en la carpeta de la red); "
            + "si cambió en qué va, cuéntame («la práctica \(n) quedó aprobada»)."
    }

    /// `claim` needs one of these (`ClaimCues`): The document named.
    func claimCues(_ flow: FlowDefinition) -> ClaimCues { ClaimCues(words: ["pei", "pme"]) }

    /// «queremos dejar en el PME la lectura en parejas»: a request to take a practice to a
    /// document is this flow's, with the document and, when its words name one, the practice.
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        // «y hay alguna práctica para llevar al pme?» asks which ones there are: answered.
        guard !QuestionForm.asks(message), let doc = PracticaEstadoFlow.document(in: t),
              t.contains(where: { Self.verbs.contains($0) || $0.hasPrefix("institucionaliz") }),
              let s = context.snapshot else { return nil }
        var values: SlotValues = ["documento": .choice(doc.rawValue)]
        var echo = ["documento: \(doc.rawValue)"]
        let found = TerritoryReading.practices(in: message.clean, s)
        if found.count == 1, found[0].id.isEmpty || found[0].awaitsProposal, let r = found[0].reflection.flatMap(RecordNumber.of) {
            values["practica"] = .text(found[0].practice)
            values["reflexion"] = .number(Double(r))
            echo.insert("práctica: \(found[0].practice) (de la reflexión \(r))", at: 0)
        } else if found.isEmpty, let r = Self.reflection(in: message.clean, s), let n = RecordNumber.of(r.id) {
            values["practica"] = .text(r.practice)
            values["reflexion"] = .number(Double(n))
            echo.insert("práctica: \(r.practice) (de la reflexión \(n))", at: 0)
        } else if let said = Self.practiceSaid(message.clean) {
            values["practica"] = .text(said)
            echo.insert("práctica: \(said)", at: 0)
        }
        return Claim(values: values, echo: echo)
    }

    /// «llevar», «que quede en el PME», «institucionalizada» (any form of it, by its stem).
    static let verbs: Set<String> = ["dejar", "dejarla", "dejemos", "llevar", "llevarla", "llevemos", "incorporar", "incorporemos", "proponer", "proponemos",
                                     "propongamos", "propongo", "meter", "incluir", "incluyamos", "quede", "quedara", "queden", "quedar",
                                     "proponerla", "proponerlas", "proponerlo", "llevarlas", "llevarlo", "dejarlas", "incorporarla", "incluirla"]

    /// A reflection no practice follows yet, named by its number («la reflexión 1») or by two
    /// words at least of the practice it reflected on («la de lectura compartida»): a practice
    /// reflected on and not proposed then («¿Proponen institucionalizar…?» «todavía no») is
    /// proposed from it later (qa24: «la de lectura compartida con apoderados» was stored as a
    /// new practice with those words and no reflection).
    static func reflection(in text: String, _ s: NetworkSnapshot) -> Reflection? {
        let followed = Set(s.practices.compactMap(\.reflection))
        let open = s.reflections.filter { !followed.contains($0.id) }
        guard !open.isEmpty else { return nil }
        if let n = TerritoryReading.number(after: ["reflexion"], in: text) { return open.first { RecordNumber.of($0.id) == n } }
        let said = Set(TerritoryReading.words(text).map(Phrase.stem))
        let scored = open.map { r in (r, Set(TerritoryReading.words(r.practice).map(Phrase.stem)).intersection(said).count) }
        guard let top = scored.map(\.1).max(), top >= 2 else { return nil }
        let best = scored.filter { $0.1 == top }
        return best.count == 1 ? best[0].0 : nil
    }

    /// «que la práctica de las duplas pedagógicas entre escuelas quede en el PME»: the practice
    /// said after «práctica de», up to where the sentence turns to the document; nil when none is.
    static func practiceSaid(_ text: String) -> String? {
        // «proponer una práctica para institucionalizar: las visitas de aula…»: after the colon
        // that ends the request, the practice itself.
        if let colon = text.firstIndex(of: ":"), Phrase(String(text[..<colon])).tokens.contains(where: { $0.hasPrefix("practic") || $0.hasPrefix("institucionaliz") }) {
            var rest = text[text.index(after: colon)...]
            if let stop = rest.range(of: #"(?i)(\s+(quede|queden|quedara)\b|[,;.]).*$"#, options: .regularExpression) { rest = rest[..<stop.lowerBound] }
            let said = rest.trimmingCharacters(in: .whitespaces)
            if Phrase(said).tokens.count >= 2 { return said }
        }
        guard let r = text.range(of: #"(?i)\bpr[aá]ctica\s+(de|del)\s+((la|las|los|el)\s+)?"#, options: .regularExpression) else {
            return objectSaid(text)
        }
        var rest = text[r.upperBound...]
        if let stop = rest.range(of: #"(?i)(\s+(quede|queden|quedara|sea|este)\b|[,;.]).*$"#, options: .regularExpression) {
            rest = rest[..<stop.lowerBound]
        }
        // «…para el PME», «…al PEI»: a preposition ends the practice only where the sentence turns
        // to the document; «…leyéndole a los chicos», «…para los de primero» are the practice's
        // own words (it was stored as «…leyendole»: pass 8, 05).
        var from = rest.startIndex
        while let stop = rest[from...].range(of: #"(?i)\s+(para|en el|en la|en los|al|a los|a la|a)\b"#, options: .regularExpression) {
            if Self.turnsToDocument(String(rest[stop.upperBound...])) {
                rest = rest[..<stop.lowerBound]
                break
            }
            from = stop.upperBound
        }
        let said = rest.trimmingCharacters(in: .whitespaces)
        // «la práctica de la reflexión…» names a reflection, read elsewhere.
        return Phrase(said).tokens.count >= 2 && !Phrase(said).tokens.contains("reflexion") ? said : nil
    }

    /// «proponer el círculo de diálogo como práctica para el PEI», «llevemos la lectura en parejas
    /// al PME», «proponemos las duplas pal PEI»: what the verb takes, up to «como práctica» or the
    /// document it goes to; nil when that is no practice («proponer una práctica para el PEI»,
    /// «llevar esto al PME»). The practice named so was asked again, and on a request told while
    /// another was open, the answer to that question was stored as the practice (qa31: «PEI»).
    static func objectSaid(_ text: String) -> String? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" }).map(String.init)
        let folded = words.map { TextFold.fold($0).filter(\.isLetter) }
        let takers = verbs.subtracting(["quede", "quedara", "queden", "quedar"])
        guard let v = folded.firstIndex(where: takers.contains) else { return nil }
        func isDocument(_ k: Int) -> Bool {
            k < folded.count && (["pei", "pme", "reglamento"].contains(folded[k]) || folded[k].hasPrefix("institucionaliz"))
        }
        var end: Int?
        for j in (v + 1)..<folded.count {
            if folded[j] == "como", j + 1 < folded.count, folded[j + 1].hasPrefix("practic") { end = j; break }
            if ["para", "pal", "al", "a", "en"].contains(folded[j]),
               isDocument(j + 1) || (["el", "la", "nuestro", "nuestra", "los"].contains(folded[j + 1 < folded.count ? j + 1 : j]) && isDocument(j + 2)) {
                end = j
                break
            }
        }
        guard let end, end > v + 1 else { return nil }
        let said = words[(v + 1)..<end].joined(separator: " ")
        let t = Phrase(said).tokens
        // «la de lectura compartida» names a reflection's practice (read by `reflection(in:)`).
        let lead = folded[(v + 1)...].prefix(2)
        guard t.count >= 2, !t.contains(where: { $0.hasPrefix("practic") || $0 == "reflexion" || isDocumentWord($0) }),
              !(["la", "esa", "las", "esas"].contains(lead.first ?? "") && ["de", "del", "que"].contains(lead.dropFirst().first ?? "")) else { return nil }
        return said
    }

    static func isDocumentWord(_ w: String) -> Bool { ["pei", "pme"].contains(w) || w.hasPrefix("institucionaliz") }

    /// What follows a preposition, up to a few words, names the document or the taking of the
    /// practice there («para el PME», «al PEI del liceo», «para institucionalizarla»).
    static func turnsToDocument(_ rest: String) -> Bool {
        let t = Phrase(rest).tokens.prefix(4)
        return t.contains { ["pei", "pme", "documento", "reglamento", "mejoramiento", "educativo"].contains($0) || $0.hasPrefix("institucionaliz") }
    }

    /// Only a reflection named as one («la reflexión 2») is where the practice comes from: the
    /// «una» of «proponer una práctica» is not.
    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        // «proponer la feria de ciencias con familias como práctica pal PME», told at the review of
        // the reflection that proposes «la feria de ciencias» and taken up once it is saved: the
        // practice that reflection left awaiting its proposal is the one proposed, with the
        // document said (qa32: a second practice, P-2, was stored for the same one).
        if let s = context.snapshot, run.values["reflexion"] == nil, TerritoryReading.number(after: ["practica"], in: request) == nil,
           case let found = TerritoryReading.practices(in: request, s), found.count == 1, found[0].awaitsProposal,
           let r = found[0].reflection.flatMap(RecordNumber.of) {
            return Prefill(values: ["practica": .text(found[0].practice), "reflexion": .number(Double(r))],
                           echo: ["práctica: \(found[0].practice) (de la reflexión \(r))"])
        }
        guard let s = context.snapshot, let n = TerritoryReading.number(after: ["reflexion"], in: request),
              let r = s.reflections.first(where: { $0.number == n }) else {
            // «proponer una práctica para institucionalizar: lectura compartida…»: the practice
            // after the colon, not the request's own last words before it.
            // «proponer el círculo de diálogo como práctica para el PEI» (told while another
            // request was open, and taken up after it): the practice it names, not asked again.
            // A reflection's practice found by its words stays as it is («llevar la tutoría entre
            // pares al PEI» is the reflection's «tutoría entre pares de 6° básico»).
            if let said = Self.practiceSaid(request), run.values["practica"]?.textValue != said,
               run.values["reflexion"] == nil || (run.values["practica"] != nil && Self.objectSaid(request) != said) {
                return Prefill(values: ["practica": .text(said)], echo: ["práctica: \(said)"])
            }
            return Prefill()
        }
        return Prefill(values: ["reflexion": .number(Double(n)), "practica": .text(r.practice)])
    }

    /// «la de lectura en parejas», «la reflexión 2»: a practice already reflected on, by its words.
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        guard slot.name == "practica", let s = context.snapshot else { return nil }
        let t = message.phrase.tokens
        let refers = t.contains("reflexion") || (t.count >= 2 && ["la", "esa"].contains(t[0]) && ["de", "del", "que", "sobre"].contains(t[1]))
        guard refers else { return nil }
        let candidates = TerritoryReading.practices(in: message.clean, s).filter { $0.id.isEmpty || $0.awaitsProposal }
        guard candidates.count == 1, let r = candidates[0].reflection else {
            guard candidates.isEmpty, let r = Self.reflection(in: message.clean, s), let n = RecordNumber.of(r.id) else { return nil }
            return .fill(["practica": .text(r.practice), "reflexion": .number(Double(n))], remark: "Es la práctica de la reflexión \(n).")
        }
        return .fill(["practica": .text(candidates[0].practice), "reflexion": .number(Double(RecordNumber.of(r) ?? 0))],
                     remark: "Es la práctica de la reflexión \(RecordNumber.of(r) ?? 0).")
    }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard slot.name == "practica", let s = context.snapshot, let text = value.textValue else { return .accept }
        // «la de lectura en parejas» (how the question itself says to name one) with no reflection
        // that fits: the practice is what follows «la de», never those words.
        let t = Phrase(text).tokens
        if t.count >= 3, ["la", "esa"].contains(t[0]), ["de", "del"].contains(t[1]),
           let cut = text.range(of: #"^\s*(la|esa)\s+(de|del)\s+"#, options: [.regularExpression, .caseInsensitive]) {
            return .replace(.text(String(text[cut.upperBound...])))
        }
        if let same = s.practices.first(where: { TextFold.fold($0.practice) == TextFold.fold(text) && !$0.awaitsProposal }) {
            return .reject("Esa práctica ya está propuesta (práctica \(same.number ?? 0), \(same.state.label)). Si avanzó, cuéntame «la práctica de … quedó aprobada».")
        }
        return .accept
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        let today = w.clock.today()
        let reflection = v["reflexion"].flatMap(Read.int).map { "R-\($0)" }
        // The practice its reflection already proposed: the same record (and id), now the network's proposal.
        if let reflection, var p = snapshot.practices.first(where: { $0.reflection == reflection && $0.awaitsProposal }) {
            if let doc = v["documento"]?.textValue.flatMap(Practice.Document.init(rawValue:)) { p.document = doc }
            p.history = [Practice.Change(date: today, state: .propuesta, note: nil)]
            try w.store.updatePractice(p, network: snapshot.network.id)
            return ["id": p.id, "numero": p.number.map(String.init) ?? p.id]
        }
        let p = try w.store.addPractice(Practice(
            id: "", practice: v["practica"]?.textValue ?? "", reflection: reflection, state: .propuesta,
            document: v["documento"]?.textValue.flatMap(Practice.Document.init(rawValue:)),
            history: [Practice.Change(date: today, state: .propuesta, note: nil)]), network: snapshot.network.id, key: w.key)
        return ["id": p.id, "numero": p.number.map(String.init) ?? p.id]
    }
}
