import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/editar-norma.yaml`: a norm's words changed («cambia la norma 2: celulares en silencio
/// o apagados»). Its number, state and date stay (it was read as a change of its date).
struct EditarNormaFlow: MingaFlow {
    let id = "editar-norma"
    let saveKind: String? = "norm_text"
    let slotNames = ["norma", "texto"]

    func declineKeeps(_ run: FlowRun, context: EngineContext) -> Bool { true }

    func blocker(_ context: EngineContext) -> String? { NormaEstadoFlow().blocker(context) }
    /// A message that names no norm asks nothing of this flow («… está en la ficha de la red»
    /// met «fecha … de la norma» through «ficha»).
    func declines(_ phrase: Phrase, context: EngineContext) -> Bool { NormaEstadoFlow().declines(phrase, context: context) }

    /// `claim` needs one of these (`ClaimCues`): a norm named.
    func claimCues(_ flow: FlowDefinition) -> ClaimCues { ClaimCues(words: ["norma"]) }

    /// «cambia la norma 2: …», «corrige la norma 1, que diga …», «la norma 3 ahora dice …»: a
    /// norm named with a verb of change and its new words after a colon or «que diga»/«por».
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        guard t.contains("norma"), t.contains(where: Self.changeWords.contains), !t.contains(where: { $0 == "fecha" || $0 == "dia" }),
              let s = context.snapshot, !s.norms.isEmpty, !QuestionForm.asks(message),
              var said = Self.newText(message.clean) else { return nil }
        let n = FechaNormaFlow.norm(message.clean, s)
        // «corrige la norma 1: celulares apagados, no en silencio»: the norm with those words changed.
        if let norm = s.norms.first(where: { $0.number == n ?? (s.norms.count == 1 ? $0.number : -1) }) {
            if let swapped = ContrastCorrection.applied(said, to: norm.text) {
                said = swapped
            } else if let timed = Self.timeChanged(said, in: norm.text) {
                // «la norma 1 cámbiala, ahora partimos a las 15:30» of «partir puntual a las
                // 15:00»: the same norm at another hour, not «partimos a las 15:30» as its words.
                said = timed
            } else if let part = Self.partChanged(said, topic: Self.topic(message.clean), in: norm.text) {
                // «cambia la norma del celular: el celular se deja en la mochila» of «las reuniones
                // parten puntuales y el celular se deja en silencio»: only the part about the
                // celular changes (the whole norm was replaced, the «puntuales» half lost).
                said = part
            }
        }
        var values: SlotValues = ["texto": .text(said)]
        if let n { values["norma"] = .number(Double(n)) }
        return Claim(values: values, echo: ["texto: \(said)"])
    }

    static let changeWords: WordSet = ["cambia", "cambiar", "cambiale", "cambiemos", "corrige", "corregir", "corregi", "edita", "editar",
                                       "modifica", "modificar", "diga", "dice", "decir", "redacta", "redactar", "reemplaza", "pon", "ponle",
                                       // «la norma 3 cámbiala: …», «corrígela: …»: the verb with the norm as its pronoun
                                       // (it read «No te entendí del todo»).
                                       "cambiala", "cambialo", "cambiemosla", "corrigela", "corrigelo", "corrijamosla", "modificala",
                                       "editala", "reemplazala", "redactala", "ponla"]

    /// The words that name a norm by what it is about, between «norma» and its new words («la
    /// norma del celular: …» → celular); empty when it is named by number or not at all.
    static func topic(_ text: String) -> [String] {
        // «la norma del celular», «la norma de los atrasos», «la norma sobre el celular»: «norma»
        // and then «del», «de» or «sobre» (not «la norma 1, que diga …»).
        let t = Phrase(text).tokens
        guard let i = t.firstIndex(of: "norma"), i + 1 < t.count, ["del", "de", "sobre"].contains(t[i + 1]) else { return [] }
        let rest = t[(i + 2)...].drop { ["el", "la", "los", "las"].contains($0) }
        return Array(rest.prefix { !changeWords.contains($0) && $0 != "que" && $0 != "ahora" }.prefix(3).filter { $0.count >= 4 })
    }

    /// The norm's text with only the part about `topic` replaced by `said`: the norm says
    /// several things («…puntuales y el celular se deja en silencio»), one part (cut at «,», «;»,
    /// « y ») speaks of the topic and the new words do too. nil otherwise (the new words are the
    /// whole norm).
    static func partChanged(_ said: String, topic: [String], in text: String) -> String? {
        guard !topic.isEmpty else { return nil }
        func about(_ words: [String]) -> Bool {
            // «atrasos» / «se atrasa», «celular» / «celulares»: the same stem (five letters alike).
            words.contains { w in w.count >= 4 && topic.contains { w.hasPrefix($0) || $0.hasPrefix(w) || (w.count >= 5 && $0.count >= 5 && w.prefix(5) == $0.prefix(5)) } }
        }
        guard about(Phrase(said).tokens) else { return nil }
        var parts: [Range<String.Index>] = []
        var start = text.startIndex
        while let r = text.range(of: #"\s*[,;]\s*|\s+(y|e)\s+"#, options: [.regularExpression, .caseInsensitive], range: start..<text.endIndex) {
            parts.append(start..<r.lowerBound)
            start = r.upperBound
        }
        parts.append(start..<text.endIndex)
        let hits = parts.filter { about(Phrase(String(text[$0])).tokens) }
        guard parts.count >= 2, hits.count == 1 else { return nil }
        var out = text
        out.replaceSubrange(hits[0], with: said)
        return out
    }

    /// «ahora es que …», «ahora …», «mejor que …»: how the change is told, not the norm's words.
    static let framings = ["ahora es que ", "ahora es ", "ahora que ", "ahora ", "mejor que ", "ahora va a ser que "]

    /// The words after «:», «que diga», «que dice», «por» or «ahora dice» (at least two), nil otherwise.
    static func newText(_ text: String) -> String? {
        var rest: Substring?
        for lead in ["que diga ", "que dice ", "ahora dice "] where rest == nil {
            if let r = text.range(of: lead, options: .caseInsensitive) { rest = text[r.upperBound...] }
        }
        // A colon that is no hour's («15:00»).
        if rest == nil, let colon = text.indices.first(where: { i in
            text[i] == ":" && !(i > text.startIndex && text[text.index(before: i)].isNumber && text.index(after: i) < text.endIndex && text[text.index(after: i)].isNumber)
        }) { rest = text[text.index(after: colon)...] }
        if rest == nil, let r = text.range(of: " por ", options: .caseInsensitive), !text[r.upperBound...].lowercased().hasPrefix("favor") {
            rest = text[r.upperBound...]
        }
        // «la norma 1 cámbiala, ahora partimos a las 15:30»: the verb of change closes the request
        // at its comma and the new words follow (qa38: it read «No te entendí del todo»).
        if rest == nil { rest = afterVerbComma(text) }
        guard let rest else { return nil }
        var said = rest.trimmingCharacters(in: .whitespaces)
        while let f = said.first, "«\"'".contains(f) { said.removeFirst() }
        while let l = said.last, "»\"'.".contains(l) { said.removeLast() }
        said = said.trimmingCharacters(in: .whitespaces)
        // «cambia la norma del celular: ahora es que el celular se deja en la mochila».
        for f in framings.sorted(by: { $0.count > $1.count }) where said.lowercased().hasPrefix(f) && said.count > f.count {
            said = String(said.dropFirst(f.count)).trimmingCharacters(in: .whitespaces)
            break
        }
        return Phrase(said).tokens.count >= 2 ? said : nil
    }

    /// The words after the comma that closes a verb of change («… cámbiala, ahora …»), unless
    /// they name the norm or only ask politely («cámbiala, la de los celulares», «…, por favor»).
    static func afterVerbComma(_ text: String) -> Substring? {
        // The first comma once both the verb and the norm were said («cambia la norma 1, …»).
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        let folded = words.map { TextFold.fold(String($0)).filter { $0.isLetter || $0.isNumber } }
        guard let verb = folded.firstIndex(where: changeWords.contains), let norm = folded.firstIndex(of: "norma"),
              let i = words.indices.first(where: { $0 >= max(verb, norm) && words[$0].hasSuffix(",") }), i + 1 < words.count else { return nil }
        let rest = words[(i + 1)...].map { TextFold.fold(String($0)) }
        let lead = rest.prefix(2).joined(separator: " ")
        guard !["la de", "el de", "la que", "la del", "por favor", "la norma"].contains(lead), rest[0] != "porfa", rest[0] != "porfavor" else { return nil }
        return text[words[i + 1].startIndex...]
    }

    /// A clock time a text says («15:30», «las 15», «15 hrs»): the word's range, when it is the
    /// only one.
    static func onlyTime(_ text: String) -> Range<String.Index>? {
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        var found: [Range<String.Index>] = []
        for (i, w) in words.enumerated() {
            var core = w
            while let l = core.last, ",.;:!?)".contains(l) { core.removeLast() }
            let parts = core.split(separator: ":", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }),
                  let h = Int(parts[0]), (0...23).contains(h), parts.count == 1 || parts[1].count == 2 else { continue }
            let before = i > 0 ? TextFold.fold(String(words[i - 1])) : ""
            let after = i + 1 < words.count ? TextFold.fold(String(words[i + 1])) : ""
            guard parts.count == 2 || ["las", "la"].contains(before) || ["hrs", "hrs.", "horas", "h"].contains(after) else { continue }
            found.append(core.startIndex..<core.endIndex)
        }
        return found.count == 1 ? found[0] : nil
    }

    /// The norm's words at the new hour said: `said` tells one time and otherwise only words the
    /// norm has (or their stems: «partimos» / «partir»), the norm tells one other time.
    static func timeChanged(_ said: String, in text: String) -> String? {
        guard let new = onlyTime(said), let old = onlyTime(text), TextFold.fold(String(said[new])) != TextFold.fold(String(text[old])) else { return nil }
        let own = Phrase(text).tokens
        let told = Phrase(said).tokens.filter { w in w.count >= 4 && w.allSatisfy(\.isLetter) && !["ahora", "mejor", "desde", "horas"].contains(w) }
        // «ahora empezamos a las 16» of «partir puntual a las 15:00»: a verb of starting is the
        // norm's own when it has one.
        let starts = own.contains { startStems.contains(String($0.prefix(4))) }
        guard told.allSatisfy({ w in own.contains { $0.prefix(4) == w.prefix(4) } || (starts && startStems.contains(String(w.prefix(4)))) }) else { return nil }
        var out = text
        out.replaceSubrange(old, with: said[new])
        return out
    }

    /// The stems of starting and arriving: «partimos», «empezamos», «comenzamos», «llegamos».
    static let startStems: Set<String> = ["part", "empe", "empi", "come", "comi", "inic", "lleg"]

    /// «la de partir puntual» to «¿Qué norma?»: the norm picked by its words, as norma-estado does.
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        guard slot.name == "norma", let s = context.snapshot else { return nil }
        let norms = s.norms.filter { $0.number != nil && $0.state != .derogada }
        guard let n = NormaEstadoFlow.namedByWords(message, in: norms) ?? Self.namedByStems(message, in: norms) else { return nil }
        return .fill(["norma": .number(Double(n))], remark: nil)
    }

    /// «la de rotar el acta» of «rotamos quien toma acta»: the one norm most words of the answer
    /// (four letters or more) begin like, by their first four letters; none with a number said.
    static func namedByStems(_ message: Utterance, in norms: [Norm]) -> Int? {
        let said = Set(message.phrase.tokens.filter { $0.count >= 4 && $0.allSatisfy(\.isLetter) && !["norma", "dice", "sobre", "esta", "misma"].contains($0) }.map { $0.prefix(4) })
        guard !said.isEmpty, !message.phrase.tokens.contains(where: { Int($0) != nil }) else { return nil }
        let scores = norms.map { n in Set(Phrase(n.text).tokens.filter { $0.count >= 4 }.map { $0.prefix(4) }).intersection(said).count }
        guard let top = scores.max(), top >= min(2, said.count), scores.filter({ $0 == top }).count == 1, let k = scores.firstIndex(of: top) else { return nil }
        return norms[k].number
    }

    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        guard run.values["norma"] == nil, let s = context.snapshot, let n = FechaNormaFlow.norm(request, s) else { return Prefill() }
        return Prefill(values: ["norma": .number(Double(n))])
    }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard slot.name == "norma", let s = context.snapshot, let n = Read.int(value) else { return .accept }
        guard let norm = s.norms.first(where: { $0.number == n }) else {
            return .reject("No encuentro la norma \(n). Pregúntame «¿cuáles son nuestras normas?» para ver sus números.")
        }
        return .replace(.text("\(n) («\(norm.text)»)"), remarks: ["Hoy la norma \(n) dice «\(norm.text)» (\(norm.state.label))."])
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        guard let n = v["norma"].flatMap(Read.int), var norm = snapshot.norms.first(where: { $0.number == n }) else { throw StoreError.notFound("esa norma") }
        guard let text = v["texto"]?.textValue, !text.isEmpty else { throw StoreError.notFound("el texto") }
        let before = norm.text
        norm.text = text
        try w.store.updateNorm(norm, network: snapshot.network.id)
        return ["id": norm.id, "numero": String(n),
                "resumen": "La norma \(n) ahora dice «\(text)» (antes: «\(before)»); sigue \(norm.state.label)."]
    }
}
