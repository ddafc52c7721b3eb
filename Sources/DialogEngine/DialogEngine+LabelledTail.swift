import Understanding

/// A free-text answer that ends with another field's labelled value: «la pauta en el drive y el
/// plazo es el 4 de diciembre» to «¿Qué evidencia…?» (qa20 A3: the whole sentence was stored as
/// the evidence). The words before the label answer the question; the value goes to its field.
extension DialogEngine {
    /// The answer's own words, the other field and its value; nil unless the message has a later
    /// clause «y el <field> es <value>» (or «, la <field>: <value>») naming another field of the flow.
    func labelledTail(_ clean: String, slot: SlotDefinition, flow: FlowDefinition, context: EngineContext) -> (head: String, field: SlotDefinition, value: String)? {
        // Read on free-text answers only: a copula or a colon has to be there before words are split.
        // Byte searches: `String.contains` of a string goes through Foundation and cost ~8k
        // instructions a turn here, 8% of the benchmark's turn.
        guard TextFold.contains(clean, byte: UInt8(ascii: ":")) || TextFold.containsBytes(clean, " es ")
                || TextFold.containsBytes(clean, " son ") else { return nil }
        let words = TextFold.spaceSeparated(clean).map(String.init)
        guard words.count >= 5, words.count <= 60 else { return nil }
        let folded = words.map(TextFold.fold)
        for i in 3..<words.count - 1 {
            // «… y el plazo es …», «…, la fecha: …»: an article, joined to what came before.
            guard Self.tailArticles.contains(folded[i - 1]) else { continue }
            let joinedByY = folded[i - 2] == "y" || folded[i - 2] == "e"
            let joinedByComma = words[i - 2].hasSuffix(",") || words[i - 2].hasSuffix(";")
            guard joinedByY || joinedByComma else { continue }
            let colon = words[i].hasSuffix(":")
            guard colon || Self.tailCopulas.contains(folded[i + 1]) else { continue }
            let stem = Phrase.stem(Phrase(words[i]).tokens.first ?? folded[i])
            // Another field the flow asks in its turn (not one filled only by the code).
            guard let field = flow.slots.first(where: { f in
                f.name != slot.name && f.condition == nil && f.headStems.contains { Phrase.similar($0, stem) }
            }) else { continue }
            let headEnd = joinedByY ? i - 2 : i - 1
            var head = words[..<headEnd].joined(separator: " ")
            while let last = head.last, ",;.".contains(last) { head.removeLast() }
            var value = words[(colon ? i + 1 : i + 2)...].joined(separator: " ")
            while let last = value.last, ",;.".contains(last) { value.removeLast() }
            guard Phrase(head).tokens.count >= 2, !Phrase(value).tokens.isEmpty else { continue }
            // A day or an hour is only what says one («y la fecha es importante» says none).
            if [.date, .datetime, .time, .daterange].contains(field.type), TemporalParser.parse(value, context: context.temporal) == nil { continue }
            return (head, field, value)
        }
        return nil
    }

    /// Whether a flow's own reading gives the labelled field its value and keeps it out of the
    /// answer's own text («línea base como el 20%, la meta es 60%» → 20% and 60%).
    static func takesTail(_ reading: Reading?, slot: SlotDefinition, field: String, value: String) -> Bool {
        let values: SlotValues
        switch reading {
        case .fill(let v, _, _)?, .fillThen(let v, _, _)?: values = v
        default: return false
        }
        guard values[field] != nil else { return false }
        guard case .text(let own)? = values[slot.name] else { return true }
        return !TextFold.fold(own).contains(TextFold.fold(value))
    }

    static let tailArticles: WordSet = ["el", "la", "los", "las", "su", "sus"]
    static let tailCopulas: WordSet = ["es", "son", "sera", "queda", "seria"]
}
