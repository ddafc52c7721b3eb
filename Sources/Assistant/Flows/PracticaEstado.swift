import CivilTime
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/practica-estado.yaml`: a practice proposed for the PEI or PME approved (by the
/// council or the leadership team) or incorporated. «la práctica de lectura en parejas ya quedó
/// aprobada por el consejo» at the menu starts it with what it says.
struct PracticaEstadoFlow: MingaFlow {
    let id = "practica-estado"
    let saveKind: String? = "practice_status"
    let slotNames = ["practica", "estado", "documento", "evidencia", "aprobada_por", "nota", "fecha"]

    func blocker(_ context: EngineContext) -> String? {
        guard let s = context.snapshot, s.institutionalPractices.isEmpty else { return nil }
        return "Todavía no hay prácticas propuestas para el PEI o el PME. Si quieres, escribe «proponer una práctica para el PME»."
    }

    /// `claim` needs one of these (`ClaimCues`): A word of a choice of «estado».
    func claimCues(_ flow: FlowDefinition) -> ClaimCues {
        ClaimCues(words: (flow.slot(named: "estado")?.choiceFirstWords ?? []) + Self.moveVerbs.map { $0 } + Array(Self.stateCueWords))
    }

    /// The words `stateInWords` needs one of (its claim cues).
    static let stateCueWords: Set<String> = ["proceso", "poniendo", "incorporando", "metiendo", "incluyendo", "agregando", "presentando",
                                             "presentamos", "presentaron", "presentada", "presente", "pusimos", "metimos", "incluimos",
                                             "agregamos", "aceptaron", "acepto", "aceptada", "quedo"]

    /// A state said as what happened, not by its name (pass 8, 05): «ya la presentamos al
    /// consejo», «la estamos poniendo en el PME», «pasó a en proceso» are under review (on its way,
    /// not there yet); «la pusimos en el PME», «la metimos en el PEI» incorporated; «el consejo la
    /// aceptó» approved. Nil when none of these is said.
    static func stateInWords(_ t: [String]) -> String? {
        let inDocument = t.contains { ["pme", "pei", "documento", "plan", "proyecto"].contains($0) }
        if zip(t, t.dropFirst()).contains(where: { $0 == "en" && $1 == "proceso" }) { return "en_revision" }
        if t.contains(where: { $0.hasPrefix("present") }), t.contains(where: { ["consejo", "directivo", "equipo", "sostenedor", "daem", "slep", "comunidad"].contains($0) }) {
            return "en_revision"
        }
        let progressive = ["poniendo", "incorporando", "metiendo", "incluyendo", "agregando", "presentando"]
        if t.contains(where: progressive.contains), inDocument { return "en_revision" }
        if t.contains(where: { ["pusimos", "metimos", "incluimos", "agregamos"].contains($0) }), inDocument { return "incorporada" }
        // «ya lo aprobó, quedó en el PEI»: it is in the document now.
        if let q = t.indices.first(where: { ["quedo", "quedaron"].contains(t[$0]) }), q + 2 < t.count, t[q + 1] == "en",
           case let doc = t[q + 2] == "el" && q + 3 < t.count ? t[q + 3] : t[q + 2], doc == "pei" || doc == "pme" {
            return "incorporada"
        }
        if t.contains(where: { ["aceptaron", "acepto", "aceptada"].contains($0) }) { return "aprobada" }
        return nil
    }

    /// The PME quality level a message gives a practice: «ya está instalada, ahora hay que
    /// mejorarla» is at «mejorar»; «está en desarrollo» is kept in those words;
    /// «consolidada» at «articular»… The level being worked on, in the PME's words; nil when none.
    static func qualityLevel(_ t: [String]) -> String? {
        // Cheap first: one of the level words.
        guard t.contains(where: { w in ["instal", "mejor", "consolid", "articul", "desarrollo"].contains { w.hasPrefix($0) } }) else { return nil }
        // What they now have to do says the level worked on («ahora hay que mejorarla»).
        let doing = ["instalar", "instalarla", "instalandola", "instalando", "mejorar", "mejorarla", "mejorandola", "mejorando",
                     "consolidar", "consolidarla", "consolidandola", "consolidando", "articular", "articularla", "articulandola", "articulando"]
        let done = ["instalada": "mejorar", "instalado": "mejorar", "mejorada": "consolidar", "mejorado": "consolidar",
                    "consolidada": "articular", "consolidado": "articular", "articulada": "articular", "articulado": "articular"]
        if let w = t.first(where: doing.contains) {
            for level in ["instalar", "mejorar", "consolidar", "articular"] where w.hasPrefix(String(level.dropLast(2))) { return level }
        }
        if let w = t.first(where: { done[$0] != nil }) { return done[w] }
        if zip(t, t.dropFirst()).contains(where: { $0 == "en" && $1 == "desarrollo" }) { return "en desarrollo" }
        return nil
    }

    /// «avanzar la práctica P-1», «mover la práctica 2»: a practice named, to move on (its state asked).
    static let moveVerbs: WordSet = ["avanzar", "avanza", "avancemos", "mover", "movamos"]

    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        guard let s = context.snapshot, !s.institutionalPractices.isEmpty else { return nil }
        let tokens = message.phrase.tokens
        if tokens.contains("practica"), tokens.contains(where: Self.moveVerbs.contains) {
            let found = TerritoryReading.practices(in: Self.withoutIDDash(message.clean), s)
            if found.count == 1 { return Claim(values: ["practica": .text(found[0].practice)], echo: ["práctica: \(found[0].practice)"]) }
        }
        guard let slot = flow.slot(named: "estado"),
              let estado = Self.stateInWords(tokens) ?? DialogEngine.choiceIn(tokens: tokens, slot: slot)?.value,
              estado != "propuesta" else { return nil }
        var found = TerritoryReading.practices(in: message.clean, s)
        // «el consejo escolar ya lo aprobó, quedó en el PEI»: the practice said by a pronoun
        // before its verb is the one last proposed that is not yet in its document (qa18: it
        // started an agreement). The review shows which.
        var echo: [String] = []
        if found.isEmpty, !tokens.contains("practica"), Self.saidByPronoun(tokens),
           !tokens.contains(where: ["acuerdo", "norma", "normas", "decision", "objetivo", "meta", "proposito", "acta"].contains),
           let last = s.institutionalPractices.filter({ $0.state != .incorporada }).max(by: { ($0.number ?? 0) < ($1.number ?? 0) }) {
            found = [last]
            echo.append("práctica: \(last.practice)")
        }
        // Said as a practice, or naming exactly one of them.
        guard tokens.contains("practica") || found.count == 1 else { return nil }
        var values: SlotValues = ["estado": .choice(estado)]
        if found.count == 1 { values["practica"] = .text(found[0].practice) }
        if let doc = Self.document(in: tokens) { values["documento"] = .choice(doc.rawValue) }
        if estado == "en_revision" {
            // Under review nobody approved it yet: who looks at it is part of the note.
            if let note = Self.reviewNote(message.clean) ?? Self.happened(message.clean, s) { values["nota"] = .text(note) }
        } else if let by = Self.approver(in: tokens, said: message.clean) {
            values["aprobada_por"] = .text(by)
        }
        // «…lo aprobó el consejo escolar el viernes», «…quedó en el PME ayer»: the day it
        // happened, for its history (qa33: the history said today).
        if let (day, _) = DecidedOn.pastDay(message.clean, context: context) {
            values["fecha"] = .date(day)
            echo.append("fecha: " + SpanishFormat.date(day, today: context.today))
        }
        return Claim(values: values, echo: echo)
    }

    /// «ya lo aprobó», «la aprobaron», «el consejo la aceptó», «lo pusimos en el PEI»: a state's
    /// verb right after «lo» or «la», with no practice named before it.
    static func saidByPronoun(_ t: [String]) -> Bool {
        zip(t, t.dropFirst()).contains { p, v in
            (p == "lo" || p == "la") && (v.hasPrefix("aprob") || v.hasPrefix("acept") || v.hasPrefix("incorpor")
                || ["pusimos", "metimos", "incluimos", "agregamos", "pusieron", "incluyeron"].contains(v))
        }
    }

    /// «…está en revisión en el consejo escolar», «todavía está en revisión, el consejo la ve en
    /// mayo»: what is said after the review, kept with the change; nil when nothing is.
    static func reviewNote(_ text: String) -> String? {
        let words = text.split(separator: " ").map(String.init)
        guard let i = words.firstIndex(where: { TextFold.fold($0).filter(\.isLetter).hasPrefix("revis") }) else { return nil }
        let joined = words[(i + 1)...].joined(separator: " ")
        let rest = String(joined.drop(while: { " ,.;:-".contains($0) }).reversed().drop(while: { " ,.;:-".contains($0) }).reversed())
        return Phrase(rest).tokens.count >= 2 ? rest : nil
    }

    /// «la de lectura en voz alta ya la presentamos al consejo, la estamos poniendo en el PME»:
    /// what was said of the practice, after the words naming it, as the history's note.
    static func happened(_ text: String, _ s: NetworkSnapshot) -> String? {
        let clauses = text.split(whereSeparator: { ",;.".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }
        // «pasó a en proceso» says the state and no more: no note.
        let said = clauses.filter { c in Phrase(c).tokens.contains { $0.hasPrefix("present") || stateCueWords.contains($0) && $0 != "proceso" } }
        guard !said.isEmpty else { return nil }
        var out = said.joined(separator: ", ")
        // «la de lectura en voz alta ya la presentamos…»: from the verb's clause, without the practice's name.
        if let first = said.first, TerritoryReading.practices(in: first, s).count == 1,
           let r = first.range(of: #"(?i)\b(ya\s+)?(la|lo)\s+\w+(mos|ron|ndo)\b"#, options: .regularExpression) {
            out = String(first[r.lowerBound...]) + said.dropFirst().map { ", " + $0 }.joined()
        }
        return out
    }

    /// Under review there is nothing to back yet: its evidence comes with the approval.
    func asks(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Bool {
        !(slot.name == "evidencia" && run.values["estado"]?.textValue == "en_revision")
    }

    static func document(in tokens: [String]) -> Practice.Document? {
        tokens.contains("pei") ? .PEI : tokens.contains("pme") ? .PME : nil
    }

    /// Who approved it, as the history note says it.
    static func approver(in tokens: [String], said text: String? = nil) -> String? {
        // «el consejo escolar de Ralco Lepoy ya lo aprobó»: the council as said, up to its verb
        // or a comma (it was «el consejo»).
        if let text, case let words = text.split(separator: " "),
           let c = words.firstIndex(where: { TextFold.fold(String($0)).hasPrefix("consejo") }) {
            var said: [Substring] = []
            let when: Set<String> = ["ayer", "hoy", "anteayer", "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "semana", "mes",
                                     "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
                                     "noviembre", "diciembre", "pasado", "pasada"]
            for (k, w) in words[c...].enumerated() {
                let f = TextFold.fold(String(w)).filter(\.isLetter)
                if ["ya", "lo", "la", "le", "que", "q", "aprobo", "aprobaron", "acepto", "aceptaron", "y", "quedo"].contains(f) || f.hasPrefix("aprob") { break }
                // «… de ayer», «… del 4 de diciembre», «… del lunes»: when, not who.
                if when.contains(f) || f.isEmpty { break }
                if ["de", "del", "el"].contains(f), c + k + 1 < words.count,
                   case let n = TextFold.fold(String(words[c + k + 1])), when.contains(n.filter(\.isLetter)) || n.first?.isNumber == true { break }
                said.append(w)
                if w.hasSuffix(",") || w.hasSuffix(".") { break }
            }
            var by = said.joined(separator: " ")
            while let l = by.last, ",.;".contains(l) { by.removeLast() }
            if said.count > 1 { return "el " + by }
        }
        if tokens.contains("consejo") { return "el consejo" }
        if tokens.contains("directivo") || tokens.contains("directiva") { return "el equipo directivo" }
        return nil
    }

    /// «cambiar el estado de la práctica 1», «avanzar la práctica P-1», «actualizar la de lectura
    /// en parejas»: a request that names one practice has it (the claim above needs a state said).
    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        guard run.values["practica"] == nil, let s = context.snapshot else { return Prefill() }
        let found = TerritoryReading.practices(in: Self.withoutIDDash(request), s)
        return found.count == 1 ? Prefill(values: ["practica": .text(found[0].practice)], echo: ["práctica: \(found[0].practice)"]) : Prefill()
    }

    /// «P-1» read as «práctica 1»: the id as the export and the lists write it.
    static func withoutIDDash(_ text: String) -> String {
        text.replacingOccurrences(of: #"\b[Pp]-(\d+)"#, with: "práctica $1", options: .regularExpression)
    }

    /// «la de lectura en parejas»: the practice those words name; several: which of them.
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        // «ya está instalada, ahora hay que mejorarla», «está en desarrollo»: the practice's quality
        // level of the PME (instalar, mejorar, consolidar, articular), no step of its
        // institutionalization: kept as the change's note, and the state asked again (issue 12).
        if slot.name == "estado", run.values["nota"] == nil, let level = Self.qualityLevel(message.phrase.tokens) {
            var values: SlotValues = ["nota": .text("nivel de calidad PME: \(level)")]
            // «está en desarrollo, ya quedó en el PME»: the state said with it is taken too.
            if let state = Self.stateInWords(message.phrase.tokens) {
                values["estado"] = .choice(state)
            } else {
                let said = " " + message.phrase.tokens.joined(separator: " ") + " "
                if let c = slot.choices.first(where: { c in c.synonyms.contains { said.contains(" " + Phrase($0).tokens.joined(separator: " ") + " ") } }) {
                    values["estado"] = .choice(c.value)
                }
            }
            if let doc = Self.document(in: message.phrase.tokens), values["estado"] != nil { values["documento"] = .choice(doc.rawValue) }
            return .fill(values, remark: values["estado"] != nil ? nil
                         : "Anoto el nivel de calidad del PME: \(level). Aparte de eso, te pregunto por su paso en el documento.")
        }
        // «todavía está en revisión, el consejo la ve en mayo»: the state, and what it adds.
        if slot.name == "estado", message.phrase.tokens.contains(where: { $0.hasPrefix("revis") }) {
            var values: SlotValues = ["estado": .choice("en_revision")]
            if let note = Self.reviewNote(message.clean) { values["nota"] = .text(note) }
            return .fill(values, remark: nil)
        }
        // «la presentamos al consejo», «en proceso», «la pusimos en el PME»: the state in words.
        if slot.name == "estado", let s = context.snapshot, let state = Self.stateInWords(message.phrase.tokens) {
            var values: SlotValues = ["estado": .choice(state)]
            // «la aprobaron ayer»: and the day it happened.
            if run.values["fecha"] == nil, let (day, _) = DecidedOn.pastDay(message.clean, context: context) { values["fecha"] = .date(day) }
            if let doc = Self.document(in: message.phrase.tokens) { values["documento"] = .choice(doc.rawValue) }
            if state == "en_revision", let note = Self.happened(message.clean, s) { values["nota"] = .text(note) }
            return .fill(values, remark: nil)
        }
        guard slot.name == "practica", let s = context.snapshot else { return nil }
        let found = TerritoryReading.practices(in: Self.withoutIDDash(message.clean), s)
        if found.count == 1 { return .fill(["practica": .text(found[0].practice)], remark: nil) }
        guard found.count > 1 else { return nil }
        return .reask("Hay varias que calzan:\n" + found.prefix(6).map { "- \($0.practice)" }.joined(separator: "\n")
            + "\nDime cuál, con alguna palabra que solo tenga ella.")
    }

    /// Only a practice already proposed can move on; one whose document is known is not asked for it again.
    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard slot.name == "practica", let s = context.snapshot, let text = value.textValue else { return .accept }
        guard let p = s.institutionalPractices.first(where: { $0.practice == text }) else {
            return .reject("No encuentro esa práctica entre las propuestas. Son:\n"
                + s.institutionalPractices.prefix(6).map { "- \($0.practice)" }.joined(separator: "\n"))
        }
        guard run.values["documento"] == nil, let doc = p.document else { return .accept }
        return .replace(value, others: ["documento": .choice(doc.rawValue)])
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        let today = w.clock.today()
        guard let text = v["practica"]?.textValue, var p = snapshot.institutionalPractices.first(where: { $0.practice == text }) else {
            throw StoreError.notFound("la práctica")
        }
        let state = v["estado"]?.textValue.flatMap(Practice.State.init(rawValue:)) ?? p.state
        p.state = state
        if let doc = v["documento"]?.textValue.flatMap(Practice.Document.init(rawValue:)) { p.document = doc }
        if let e = v["evidencia"]?.textValue { p.evidence = e }
        let by = v["aprobada_por"]?.textValue
        let note = v["nota"]?.textValue
        var change = state == .enRevision ? note.map { "en revisión (\($0))" } : by.map { "\(state.label) por \($0)" }
        // A PME quality level said with it is kept too (the state's own note says no such thing).
        if state != .enRevision, let note, note.hasPrefix("nivel de calidad PME") { change = [change, note].compactMap { $0 }.joined(separator: "; ") }
        // The day said with the change («el viernes»), never after today; else today.
        let day = v["fecha"]?.dateValue.map { min($0, today) } ?? today
        p.history.append(Practice.Change(date: day, state: state, note: change))
        if p.id.isEmpty {
            p = try w.store.addPractice(p, network: snapshot.network.id, key: w.key)
        } else {
            try w.store.updatePractice(p, network: snapshot.network.id)
        }
        let doc = p.document.map { $0 == .otro ? "el documento" : "el \($0.rawValue)" } ?? "el documento"
        let resumen: String = switch state {
        case .aprobada: "Anoté que «\(p.practice)» quedó aprobada" + (by.map { " por \($0)" } ?? "") + " para \(doc). Cuando quede incorporada, cuéntame."
        case .incorporada: "Anoté que «\(p.practice)» quedó incorporada en \(doc). ¡Felicitaciones, es parte del trabajo de las escuelas!"
        case .propuesta: "«\(p.practice)» vuelve a quedar como propuesta para \(doc)."
        case .enRevision: "Anoté que «\(p.practice)» está en revisión para \(doc)" + (note.map { " (\($0))" } ?? "")
            + ". Cuando la aprueben, cuéntame («la práctica de … quedó aprobada»)."
        }
        return ["id": p.id, "numero": p.number.map(String.init) ?? p.id, "resumen": resumen]
    }
}
