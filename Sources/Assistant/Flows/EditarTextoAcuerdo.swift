import CivilTime
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/editar-texto-acuerdo.yaml`: an agreement's words change («en vez de plan de
/// convivencia es reglamento interno de convivencia»). Said as a replacement, the new text is
/// the old one with those words swapped; the old text goes to the agreement's history.
struct EditarTextoAcuerdoFlow: MingaFlow {
    let id = "editar_texto_acuerdo"
    let saveKind: String? = "agreement_text"
    let slotNames = ["acuerdo", "texto"]

    /// «¿Lo cambio?» — «no»: the agreement keeps its words as they were.
    func declineKeeps(_ run: FlowRun, context: EngineContext) -> Bool { true }

    func blocker(_ context: EngineContext) -> String? { AgreementMention.noneYet(context) }

    /// «hay que cambiar el texto del acuerdo 1, en vez de X es Y», «corregir la redacción del
    /// acuerdo de la planilla»: the agreement, and its new text when the message says it.
    static let textWords: WordSet = ["texto", "redaccion", "dice", "diga", "decir", "escrito", "palabras"]
    static let wrongVerbs: WordSet = ["quedo", "esta", "salio"]
    static let wrongWords: WordSet = ["mal", "malo", "mala", "malos"]
    static let editVerbs: WordSet = ["cambiar", "cambia", "cambiemos", "corregir", "corrige", "corrijamos", "modificar", "modifica", "editar",
                                     "edita", "arreglar", "arregla", "reescribir"]

    /// `claim` needs one of these (`ClaimCues`): A word of the text.
    func claimCues(_ flow: FlowDefinition) -> ClaimCues { ClaimCues(words: Array(Self.textWords) + ["vez", "lugar"]) }

    /// «cambia el texto del 2», «corrige la redacción del A-2»: the agreement named by its
    /// number right after the text's word, without the noun «acuerdo».
    static func numbered(_ message: String, in s: NetworkSnapshot) -> Agreement? {
        let folded = message.split(separator: " ").map { TextFold.fold(String($0)).filter { $0.isLetter || $0.isNumber } }
        for i in folded.indices where textWords.contains(folded[i]) && i + 2 < folded.count && folded[i + 1] == "del" {
            let said = folded[i + 2]
            if let n = Int(said.hasPrefix("a") ? String(said.dropFirst()) : said) { return s.agreement(number: n) }
        }
        return nil
    }

    /// «en vez de…», «en lugar de…», «donde dice…»: a replacement of some of its words.
    static func saysInstead(_ t: [String]) -> Bool {
        zip(t, t.dropFirst()).contains { ($0 == "en" && ($1 == "vez" || $1 == "lugar")) || ($0 == "donde" && $1 == "dice") }
    }

    /// «cambia el texto del acuerdo 2: Marta y Carmen arman…», «cambia el texto del 2: …»: the new
    /// text after the colon that follows the agreement named (by the noun, or by its number `n`
    /// closing the words before the colon), never with that reference in it.
    static func afterColon(_ message: String, number n: Int? = nil) -> String? {
        guard let colon = message.firstIndex(of: ":") else { return nil }
        let before = TextFold.fold(String(message[..<colon]))
        let last = before.split { !$0.isLetter && !$0.isNumber }.last.map(String.init)
        guard before.contains("acuerdo") || (n != nil && last == n.map { String($0) }) else { return nil }
        return newText(message[message.index(after: colon)...])
    }

    /// `text` without an agreement's reference and its colon at the start («2: …», «A-2: …»,
    /// «acuerdo 2: …»); nil when it starts with none, or nothing is left after it.
    static func withoutReference(_ text: String) -> String? {
        guard let r = text.range(of: #"^\s*(acuerdo\s+)?(n[°º]\s*)?(a-?)?\d+\s*:\s*"#, options: [.regularExpression, .caseInsensitive]) else { return nil }
        return newText(text[r.upperBound...])
    }

    /// The words said as the new text, without the quotes and marks around them; nil when they
    /// are too few to be an agreement.
    static func newText(_ words: Substring) -> String? {
        var text = words.drop { " :\"«“'".contains($0) }
        while let last = text.last, " .;!\"»”'".contains(last) { text.removeLast() }
        let said = String(text)
        return Phrase(said).stems.count >= 2 ? said : nil
    }

    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        // «editar acuerdo 1: texto …, plazo …»: each field named, the words first.
        if t.contains(where: Self.textWords.contains), let edit = AgreementFieldEdit.read(message, context: context) { return edit.claim(for: id) }
        // «el texto del acuerdo 1 quedó mal, debería decir: …»: a change asked for by saying the
        // text is wrong, or by saying what it should say, as much as with a verb.
        // (Its words first: most messages at the menu have none, and no pair of words is looked at.)
        // «en el acuerdo 2, en vez de PDI pon Carabineros»: the replacement says it, once it fits the text.
        let instead = Self.saysInstead(t)
        guard t.contains(where: Self.textWords.contains) && (zip(t, t.dropFirst()).contains(where: { Self.wrongVerbs.contains($0) && Self.wrongWords.contains($1) })
                || Self.shouldSay(message.clean) != nil || t.contains(where: Self.editVerbs.contains) || t.contains("pero")) || instead,
              !QuestionForm.asks(message), let s = context.snapshot,
              let a = AgreementMention.find(message.clean, in: s, context: context) ?? Self.numbered(message.clean, in: s),
              let n = a.number else { return nil }
        let replacement = Self.replaced(message.clean, in: a.text)
        if !t.contains(where: Self.textWords.contains) || (t.contains("pero") && !t.contains(where: Self.editVerbs.contains)) {
            guard replacement != nil else { return nil }
        }
        var values: SlotValues = ["acuerdo": .number(Double(n))]
        var echo: [String] = []
        if let text = replacement ?? Self.shouldSay(message.clean) ?? Self.afterColon(message.clean, number: n) {
            values["texto"] = .text(text)
            echo.append("texto nuevo: \(text)")
        }
        return Claim(values: values, echo: echo)
    }

    /// The whole new text after «debería decir», «tiene que decir», «que diga», «debe decir»
    /// («…quedó mal, debería decir: organizar la feria costumbrista de enero»); nil without one.
    static func shouldSay(_ message: String) -> String? {
        let words = message.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0).filter(\.isLetter) }.map { $0 == "q" ? "que" : $0 }
        guard let i = folded.indices.first(where: { i in
            i > 0 && ["decir", "diga"].contains(folded[i]) && ["deberia", "debe", "debiera", "que", "tiene", "tendria"].contains(folded[i - 1])
        }), i + 1 < words.count else { return nil }
        return newText(Substring(words[(i + 1)...].joined(separator: " ")))
    }

    /// «en vez de plan de convivencia, reglamento interno de convivencia» to «¿cómo queda?»: the
    /// old text with the words swapped.
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        // «el texto está bien, lo que cambia es el plazo: 15 de marzo»: no new text; the deadline
        // is corrected (corregir_plazo takes it), never stored as the agreement's words.
        if slot.name == "texto", let other = CorregirPlazoFlow.instead(message, run: run, context: context) { return other }
        if slot.name == "texto", CorregirPlazoFlow.onlyDeadline(message.phrase.tokens) { return .request }
        guard slot.name == "texto", let n = run.values["acuerdo"].flatMap(Read.int), let a = context.snapshot?.agreement(number: n),
              let text = Self.replaced(message.clean, in: a.text) ?? Self.shouldSay(message.clean) else { return nil }
        return .fill(["texto": .text(text)], remark: "Queda: «\(text)».")
    }

    /// `old` with the words after «en vez de» (or «donde dice») replaced by those after «es»,
    /// «va», «dice» or the comma: «en vez de plan de convivencia es reglamento interno de
    /// convivencia». Nil when the message says no replacement or the old words are not in `old`.
    static func replaced(_ message: String, in old: String) -> String? {
        let words = message.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0).filter { $0.isLetter || $0.isNumber } }
        var from: Int?
        // «el acuerdo 2 dice PDI pero es Carabineros»: what it says, then what it should.
        if let d = folded.firstIndex(of: "dice"), let p = folded[(d + 1)...].firstIndex(of: "pero"), p > d + 1, p + 1 < words.count,
           !folded[..<d].contains("donde") {
            var start = p + 1
            while start < words.count, ["es", "va", "deberia", "debe", "debiera", "ser", "decir", "dice", "que"].contains(folded[start]) { start += 1 }
            return swapping(Array(words[(d + 1)..<p]), for: Array(words[start...]), in: old)
        }
        for i in folded.indices {
            if folded[i...].starts(with: ["en", "vez", "de"]) { from = i + 3; break }
            if folded[i...].starts(with: ["en", "lugar", "de"]) { from = i + 3; break }
            if folded[i...].starts(with: ["donde", "dice"]) { from = i + 2; break }
        }
        guard let from, from < words.count else { return nil }
        // The old words end at a comma or at «es», «va», «debe decir», «dice», «pon», «poner».
        var cut: Int?, resume = 0
        for i in from..<words.count {
            if words[i].hasSuffix(","), i > from || words[i].count > 1 { cut = i + 1; resume = i + 1; break }
            if i > from, ["es", "va", "dice", "pon", "poner", "ponle", "escribe", "queda", "sea", "diga"].contains(folded[i]) { cut = i; resume = i + 1; break }
        }
        guard let cut, resume < words.count else { return nil }
        let oldWords = Array(words[from..<cut])
        var start = resume
        while start < words.count, ["es", "va", "dice", "que", "diga", "sea"].contains(folded[start]) { start += 1 }
        return swapping(oldWords, for: Array(words[start...]), in: old)
    }

    /// `old` with the words `oldWords` (matched without accents or case) replaced by `newWords`.
    static func swapping(_ oldWords: [String], for newWords: [String], in old: String) -> String? {
        var oldWords = oldWords, newWords = newWords
        if let last = oldWords.last, last.hasSuffix(",") { oldWords[oldWords.count - 1] = String(last.dropLast()) }
        while let last = newWords.last, let c = last.last, ".;!".contains(c) { newWords[newWords.count - 1] = String(last.dropLast()) }
        let target = oldWords.joined(separator: " ").trimmingCharacters(in: .whitespaces)
        let replacement = newWords.joined(separator: " ").trimmingCharacters(in: .whitespaces)
        guard !target.isEmpty, !replacement.isEmpty else { return nil }
        // Matched without accents or case: «plan de convivencia» in «…su Plan de Convivencia…».
        let foldedOld = TextFold.fold(old), foldedTarget = TextFold.fold(target)
        guard foldedOld.count == old.count, let r = foldedOld.range(of: foldedTarget) else { return nil }
        let lower = old.index(old.startIndex, offsetBy: foldedOld.distance(from: foldedOld.startIndex, to: r.lowerBound))
        let upper = old.index(lower, offsetBy: foldedTarget.count)
        return old.replacingCharacters(in: lower..<upper, with: replacement)
    }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        // «cambia el texto del 2: Pedro y Luis traen…»: the agreement's number before the colon
        // names it; it is never the start of its new words.
        if slot.name == "texto", let text = value.textValue, let words = Self.withoutReference(text) {
            return .replace(.text(words), remarks: [])
        }
        guard slot.name == "acuerdo", let s = context.snapshot else { return .accept }
        guard let n = Read.int(value), let a = s.agreement(number: n) else {
            return .reject("No encuentro el acuerdo \(Read.int(value).map(String.init) ?? ""). Pregúntame «¿qué acuerdos hay?» para ver sus números.")
        }
        guard case .number = value else { return .accept }
        return .replace(.text("\(n) («\(a.text)»)"), remarks: ["Acuerdo \(n): «\(a.text)»."])
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        guard let n = v["acuerdo"].flatMap(Read.int), let found = snapshot.agreement(number: n) else { throw StoreError.notFound("ese acuerdo") }
        guard let text = v["texto"]?.textValue, !text.isEmpty else { throw StoreError.notFound("el texto nuevo") }
        // On the agreement as it is on disk now: a follow-up saved meanwhile by someone else stays.
        let a = try w.store.modifyAgreement(id: found.id, network: snapshot.network.id) { a in
            let before = a.text
            a.text = text
            a.history.append(Agreement.Change(at: w.stamp, status: a.status, note: "texto: «\(before)» → «\(text)»", deadline: a.deadline,
                                              field: "texto", before: [before]))
        }
        return ["id": a.id, "numero": String(n), "resumen": "el acuerdo \(n) ahora dice «\(a.text)»."]
    }
}
