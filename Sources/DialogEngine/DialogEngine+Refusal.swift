import Understanding

/// «noo, cancelar», «no, no quiero agendar otra, quiero cambiar la hora»: a «no» that refuses
/// what is going on, followed by what the person wants instead. What follows the refusal is read
/// as a message of its own (a command, or another request), never as an answer or a correction.
extension DialogEngine {
    /// The words after a leading refusal: after the «no»s, or from the last «quiero …» that is
    /// not itself refused. Nil when the message does not open with «no».
    static func afterRefusal(_ clean: String) -> String? {
        // Most messages don't open with «no»: look at the first word before folding them all.
        // A «no» folds to words of «n» and «o»: a first word without an «n» (nor a letter that
        // could fold to one) is not one, and is not folded.
        guard let head = TextFold.firstSpaceSeparated(clean),
              head.utf8.contains(where: { $0 == UInt8(ascii: "n") || $0 == UInt8(ascii: "N") || $0 >= 0x80 }),
              isNo(Phrase(String(head)).tokens.joined(separator: " ")) else { return nil }
        let words = clean.split(separator: " ").map(String.init)
        let folded = words.map { Phrase($0).tokens.joined(separator: " ") }
        guard let first = folded.first, isNo(first), words.count >= 2 else { return nil }
        var start = 0
        while start < folded.count, isNo(folded[start]) || folded[start] == "po" { start += 1 }
        // «no quiero agendar otra» is refused too; «el estado no, quiero…» is what is wanted.
        if let want = folded.indices.last(where: { i in i >= start && wantWords.contains(folded[i]) && (i == 0 || words[i - 1].lowercased() != "no") }) {
            start = want
        }
        guard start < words.count else { return nil }
        let tail = words[start...].joined(separator: " ").trimmingCharacters(in: .whitespaces)
        return tail.isEmpty ? nil : tail
    }

    /// What the tail after a refusal asks, if it is a command or a request for another flow.
    func readAfterRefusal(_ clean: String, folded: String? = nil, flow: FlowDefinition) -> Command? {
        // «el mismo de antes po, solo cambia el objetivo 3»: what is kept, then the one change wanted.
        if let change = Self.onlyChange(clean, folded: folded), let other = strongIntent(Phrase(change), excluding: flow.id, freeText: false) {
            return .replaceFlow(other.id, request: change)
        }
        guard let tail = Self.afterRefusal(clean) else { return nil }
        let phrase = Phrase(tail)
        // «noo, cancelar»: the command, never a title.
        if let verb = RepairVerb.recognize(phrase), verb != .help { return .repair(verb) }
        // «no, el estado no, quiero cambiar el responsable»: the request said instead.
        guard phrase.tokens.first.map(Self.wantWords.contains) ?? false,
              let other = strongIntent(phrase, excluding: flow.id, freeText: false) else { return nil }
        return .replaceFlow(other.id, request: tail)
    }

    /// The request after «solo» / «solamente» when it asks for a change («solo cambia el objetivo 3»).
    /// `folded` is `TextFold.fold(clean)` when the caller already has it (the message's phrase).
    static func onlyChange(_ clean: String, folded: String? = nil) -> String? {
        // Folded text is ASCII: a search on bytes (Foundation's `contains` bridges to NSString).
        let solo = Array("solo".utf8)
        guard (folded ?? TextFold.fold(clean)).utf8.withContiguousStorageIfAvailable({ b in
            b.count >= 4 && (0...(b.count - 4)).contains { i in b[i] == solo[0] && b[i + 1] == solo[1] && b[i + 2] == solo[2] && b[i + 3] == solo[3] }
        }) ?? TextFold.fold(clean).contains("solo") else { return nil }
        let words = clean.split(separator: " ").map(String.init)
        let folded = words.map { Phrase($0).tokens.joined(separator: " ") }
        guard let i = folded.firstIndex(where: { $0 == "solo" || $0 == "solamente" }), i + 1 < folded.count,
              changeVerbs.contains(folded[i + 1]) else { return nil }
        return words[(i + 1)...].joined(separator: " ")
    }

    static let changeVerbs: WordSet = ["cambia", "cambiar", "cambiemos", "corrige", "corregir", "modifica", "modificar", "cambiale"]

    static func isNo(_ folded: String) -> Bool {
        folded == "nop" || folded == "nono" || (folded.count >= 2 && folded.first == "n" && folded.dropFirst().allSatisfy { $0 == "o" })
    }

    static let wantWords: WordSet = ["quiero", "queria", "quisiera", "necesito", "necesitaba", "queremos"]
}

extension DialogEngine {
    /// «ninguna, es el acta de la reunión» to «¿Quieres A o B?»: neither, and the words after the
    /// refusal ask for another flow, which is the pick. Nil when the message does not refuse the
    /// options or names no other flow.
    func refusedPick(_ phrase: Phrase, ids: [String]) -> String? {
        let t = phrase.tokens
        guard let first = t.first, ["ninguna", "ninguno", "ningun", "ni"].contains(first) else { return nil }
        let rest = Array(t.drop { Self.neitherWords.contains($0) || ["de", "las", "los", "dos", "es", "era", "no", "po", "sino", "quiero"].contains($0) })
        // The options were refused: the best of the other flows.
        guard !rest.isEmpty, let best = catalog.match(Phrase(rest.joined(separator: " "))).first(where: { !ids.contains($0.flow) }),
              best.score >= 0.5 else { return nil }
        return best.flow
    }

    static let neitherWords: WordSet = ["ninguna", "ninguno", "ningun", "ni", "una", "otra", "otro", "uno"]
}
