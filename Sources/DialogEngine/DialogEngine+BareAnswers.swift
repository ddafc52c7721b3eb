import Understanding

extension DialogEngine {
    /// «si», «no», «gracias» alone to a question asking for a value (a place, a duration, the
    /// people, a list): none of them is the value. Thanks keep the question; a «no» to a question
    /// that may stay blank leaves it blank, as «saltar» does; a «sí» is ready to give it, so the
    /// value is asked for with an example. Nil for anything longer or any other question.
    func bareAnswer(_ phrase: Phrase, clean: String, slot: SlotDefinition) -> Command? {
        let t = phrase.tokens
        guard !t.isEmpty, t.count <= 3, slot.type != .yesno, slot.type != .confirm, slot.type != .choice else { return nil }
        if t.contains("gracias"), t.allSatisfy(Self.bareThanks.contains) { return .thank }
        if slot.optional, t.first == "no" || t == ["nop"], t.allSatisfy(Self.bareNo.contains) { return .repair(.skip) }
        guard YesNo.parse(clean) == true, SlotParser.isBareAcknowledgement(clean) else { return nil }
        let free = slot.type == .text || slot.type == .longtext
        let which = free ? "Escríbemelo" : slot.type == .people ? "Escríbeme quiénes" : slot.type == .person ? "Escríbeme quién" : "Escríbeme cuál"
        if let example = slot.example ?? (free ? Self.quotedExample(slot.ask) ?? slot.help.flatMap(Self.quotedExample) : slot.type.example) {
            return .setSlots(.reask("¡Dale! \(which), por ejemplo \(example)."))
        }
        return .setSlots(.reask("¡Dale! Escríbemelo con tus palabras."))
    }

    /// «…, por ejemplo «Los Ríos» o «Metropolitana».» → «Los Ríos» o «Metropolitana»: the
    /// examples a question or its help already quote, joined as they were written.
    static func quotedExample(_ text: String) -> String? {
        guard let lead = text.range(of: "ejemplo", options: .caseInsensitive),
              let open = text[lead.upperBound...].firstIndex(of: "«") else { return nil }
        var end = open
        var i = open
        while let close = text[i...].firstIndex(of: "»") {
            end = text.index(after: close)
            let rest = text[end...]
            guard let next = [" o «", ", «", " y «"].first(where: rest.hasPrefix) else { break }
            i = text.index(end, offsetBy: next.count)
        }
        return end > open ? String(text[open..<end]) : nil
    }

    static let bareThanks: WordSet = ["gracias", "muchas", "mil", "ok", "ya", "vale", "bueno", "listo", "po"]
    static let bareNo: WordSet = ["no", "nop", "gracias", "po", "todavia", "aun"]
}
