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
        // A «no» is only «n», «o» and «p» folded: an ASCII letter or digit other than those rules
        // the word out before it is folded (punctuation folds away; other scripts are folded).
        guard let head = TextFold.firstSpaceSeparated(clean),
              head.utf8.contains(where: { $0 == UInt8(ascii: "n") || $0 == UInt8(ascii: "N") || $0 >= 0x80 }),
              !head.utf8.contains(where: isOtherLetter),
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
    /// `phrase` is `Phrase(clean)` when the caller has it (the message's).
    /// `context`, when given, lets a flow's own claim take the request said instead.
    func readAfterRefusal(_ clean: String, phrase said: Phrase? = nil, flow: FlowDefinition, context: EngineContext? = nil) -> Command? {
        // «el mismo de antes po, solo cambia el objetivo 3»: what is kept, then the one change wanted.
        // (It needs a word «solo» or «solamente»: the message's bits say whether there is one.)
        if said?.some(.only) ?? true, let change = Self.onlyChange(clean, folded: said?.folded), let other = strongIntent(Phrase(change), excluding: flow.id, freeText: false) {
            return .replaceFlow(other.id, request: change)
        }
        // «olvídalo, no quiero agendar nada»: the cancel said first, then the refusal that says why.
        // (Its later clauses open with «no», «nada» or «ya no»: without such a word after the
        // first, the message is not looked at byte by byte.)
        let mayRefuseLater = said.map { $0.tokens.dropFirst().contains { Self.isNo($0) || $0 == "nada" } } ?? true
        assert(mayRefuseLater || !Self.cancelThenRefusal(clean), "the words hide the refusal in «\(clean)»")
        if mayRefuseLater, Self.cancelThenRefusal(clean) { return .repair(.cancel) }
        // «ninguno, eso no lo pedí», «yo no pedí eso»: the flow itself was never asked for; it is
        // left, keeping nothing (issue 12). Gated on the message's own words.
        if let said, said.tokens.contains(where: Self.askedWords.contains), Self.deniesAsking(said.tokens) { return .repair(.cancel) }
        // A refusal opens with a «no»: the message's first word says so without the text being
        // split and folded again (its first space-separated part folds to that word when it is one).
        if let said, !(said.tokens.first.map(Self.isNo) ?? false) {
            assert(Self.afterRefusal(clean) == nil, "the first word hides the refusal in «\(clean)»")
            return nil
        }
        guard let tail = Self.afterRefusal(clean) else { return nil }
        let phrase = Phrase(tail)
        // «nooo, no quiero cambiar la red»: the «quiero» is refused, so is what it asks. When that
        // is this flow, or another flow it would start, the flow is left (issue 12), never the
        // refused request started in its place.
        if let want = phrase.tokens.first, Self.wantWords.contains(want), Self.refusedWant(clean) {
            let rest = Phrase(phrase.tokens.dropFirst().joined(separator: " "))
            if strongIntent(rest, excluding: flow.id, freeText: false) != nil
                || catalog.match(rest).contains(where: { $0.flow == flow.id && $0.score >= 0.5 }) { return .repair(.cancel) }
        }
        // «noo, cancelar»: the command, never a title.
        if let verb = RepairVerb.recognize(phrase), verb != .help { return verbCommand(verb, phrase: phrase, flow: flow, context: context) }
        // «no! no cambies el nombre de la red», «no toques nada»: the change itself is refused.
        if let k = phrase.tokens.prefix(4).firstIndex(where: Self.refusedChanges.contains),
           phrase.tokens[..<k].allSatisfy(["mejor", "no", "po", "ya", "porfa", "nah"].contains) { return .repair(.cancel) }
        let clauses = Self.clauses(tail)
        if clauses.count > 1 {
            // «no era reunión, olvídalo», «no, era una pregunta nomás. cancelar»: a command said as
            // a clause of its own ends the flow, whatever the denial before it.
            for c in clauses.reversed() {
                if let verb = RepairVerb.recognize(Phrase(c)), verb == .cancel || verb == .pause { return .repair(verb) }
            }
            // «no, no es un acuerdo nuevo! es cambiar el acuerdo 1»: the request said after
            // denying this one replaces it. Not after a list's lead-in («no, son estas: partir
            // puntual; celular en silencio»): what follows are its items (the flow was left for
            // «celular», read as a verb that asked to change a member's phone).
            let listed = clauses.first.map { c in
                c.contains(":") && Phrase(String(c.prefix { $0 != ":" })).tokens.contains { $0 == "son" || $0 == "eran" }
            } ?? false
            for c in clauses.dropFirst() where !listed {
                let words = c.split(separator: " ").map(String.init)
                let lead = words.prefix { Self.insteadLeads.contains(Phrase($0).tokens.joined(separator: " ")) }.count
                let request = words.dropFirst(lead).joined(separator: " ")
                guard !request.isEmpty else { continue }
                // Said instead of the flow just denied, a plain match is request enough.
                // It opens with what to do («cambiar el acuerdo 1», «agregar a Luis»), not with a thing.
                let asked = Phrase(request)
                guard let verb = asked.tokens.first, Self.actionWords.contains(verb) || Self.changeVerbs.contains(verb)
                        || Self.isInfinitive(verb) else { continue }
                if let other = strongIntent(asked, excluding: flow.id, freeText: false) { return .replaceFlow(other.id, request: request) }
                if let best = catalog.match(asked).first, best.flow != flow.id, best.score >= 0.5 { return .replaceFlow(best.flow, request: request) }
                // «no, no es un acuerdo, quiero sumar a las otras profes del microcentro»: a request
                // only a flow's own reading recognises (qa30 B1: «Corregido.», the profes taken as
                // the responsables).
                if let context, let said, Self.deniesFlow(said.tokens), let (other, _) = claim(Utterance(request), context: context), other != flow.id {
                    return .replaceFlow(other, request: request)
                }
            }
        }
        // «no, era una pregunta nomás», «no, solo preguntaba»: the flow was a misreading of a question.
        if let first = clauses.first, Self.wasAQuestion(Phrase(first)) { return .repair(.cancel) }
        // «no, el estado no, quiero cambiar el responsable»: the request said instead.
        guard phrase.tokens.first.map(Self.wantWords.contains) ?? false else { return nil }
        if let other = strongIntent(phrase, excluding: flow.id, freeText: false) { return .replaceFlow(other.id, request: tail) }
        // «no, no es un acuerdo, quiero sumar a las otras profes»: after denying the flow itself
        // («no es un…», «no era eso»), a request only a flow's own reading recognises (qa30 B1).
        // «no, es la misma, sí queremos llevarla al PEI» denies no flow: an answer.
        if let context, let said, Self.deniesFlow(said.tokens),
           let (other, _) = claim(Utterance(tail), context: context), other != flow.id { return .replaceFlow(other, request: tail) }
        // «no, no quiero marcarlo, quiero borrarlo»: a verb whose object is a pronoun, the record
        // this flow is about. This flow's own request is where we already are; another flow about
        // the same kind of record (a number slot of the same name) takes its place.
        if phrase.tokens.count <= 6, phrase.tokens.dropFirst(2).allSatisfy(Self.afterPronounVerb.contains),
           let verb = phrase.tokens.dropFirst().first, let bare = Self.withoutClitic(verb) {
            let numbered = Set(flow.slots.filter { $0.type == .number }.map(\.name))
            for m in catalog.match(Phrase(bare)) where m.score >= 0.5 {
                if m.flow == flow.id { return .alreadyHere }
                if !numbered.isEmpty, let other = catalog.flow(m.flow),
                   other.slots.contains(where: { $0.type == .number && numbered.contains($0.name) }) {
                    return .replaceFlow(m.flow, request: tail)
                }
            }
        }
        // «no no, eso no. quiero anotar el avance de la meta…»: after refusing this flow, the
        // request said with its verb is enough, matched plainly.
        let asked = Phrase(Self.clauses(tail).first ?? tail)
        guard asked.tokens.count >= 3, let verb = asked.tokens.dropFirst().first,
              Self.actionWords.contains(verb) || Self.changeVerbs.contains(verb) || Self.isInfinitive(verb),
              let best = catalog.match(asked).first, best.flow != flow.id, best.score >= 0.5 else { return nil }
        return .replaceFlow(best.flow, request: tail)
    }

    /// «no es un acuerdo», «no era eso», «no es esto»: what is going on, denied as a whole.
    static func deniesFlow(_ t: [String]) -> Bool {
        t.indices.contains { i in
            i + 2 < t.count && t[i] == "no" && (t[i + 1] == "es" || t[i + 1] == "era") && ["un", "una", "eso", "esto"].contains(t[i + 2])
        }
    }

    /// A change refused with «no …»: the negative imperative of the verbs that change a record.
    static let refusedChanges: WordSet = ["cambies", "cambie", "cambien", "cambiis", "toques", "toque", "modifiques", "modifique",
                                              "edites", "edite", "corrijas", "corrija", "borres", "borre"]

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
        guard let i = folded.firstIndex(where: onlyWords.contains), i + 1 < folded.count,
              changeVerbs.contains(folded[i + 1]) else { return nil }
        return words[(i + 1)...].joined(separator: " ")
    }

    static let onlyWords: WordSet = ["solo", "solamente"]

    /// What may follow «quiero borrarlo» without saying more: «te dije», «po», «mejor».
    static let afterPronounVerb: WordSet = ["te", "dije", "digo", "po", "nomas", "mejor", "eso", "altiro", "porfa", "ya", "mejor", "si", "entonces"]

    /// «borrarlo» → «borrar»: an infinitive with its object pronoun attached; nil for any other word.
    static func withoutClitic(_ word: String) -> String? {
        for suffix in ["los", "las", "lo", "la"] where word.hasSuffix(suffix) {
            let verb = String(word.dropLast(suffix.count))
            if verb.count >= 4, verb.hasSuffix("ar") || verb.hasSuffix("er") || verb.hasSuffix("ir") { return verb }
        }
        return nil
    }

    /// «olvídalo, no quiero agendar nada», «cancela, ya no»: a first clause that cancels, and
    /// after it only refusals. «no importa, pongamos el martes» goes on with an answer instead.
    static func cancelThenRefusal(_ clean: String) -> Bool {
        // Most messages are one clause: no mark, no look.
        guard TextFold.containsByte(clean, where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "!") }) else { return false }
        // The second clause must open with a «no», «nada» or «ya no»: most messages with a
        // comma go on with a letter or digit that opens none of them.
        if let b = secondClauseOpening(clean), b != UInt8(ascii: "n"), b != UInt8(ascii: "N"), b != UInt8(ascii: "y"), b != UInt8(ascii: "Y") { return false }
        let parts = clauses(clean)
        guard parts.count >= 2, RepairVerb.recognize(Phrase(parts[0])) == .cancel else { return false }
        return parts.dropFirst().allSatisfy { c in
            let t = Phrase(c).tokens
            return t.first.map { isNo($0) || $0 == "nada" } ?? false || (t.first == "ya" && t.dropFirst().first == "no")
        }
    }

    /// The first byte of the second of `clauses(text)` when it is an ASCII letter or digit (the
    /// first byte of its first token then), read on bytes. Nil when the clauses can't be told
    /// so simply (text other than ASCII before it, or no second clause).
    static func secondClauseOpening(_ text: String) -> UInt8? {
        var text = text
        return text.withUTF8 { b -> UInt8? in
            func isMark(_ c: UInt8) -> Bool {
                c == UInt8(ascii: ",") || c == UInt8(ascii: ".") || c == UInt8(ascii: ";") || c == UInt8(ascii: "!") || c == UInt8(ascii: "?")
            }
            var i = 0
            var first = false
            // The first clause: some byte other than a space before the first mark.
            while i < b.count, !isMark(b[i]) {
                if b[i] >= 0x80 { return nil }
                if b[i] != 0x20, b[i] != 0x09 { first = true }
                i += 1
            }
            guard first else { return nil }
            // Marks and spaces between the clauses.
            while i < b.count, isMark(b[i]) || b[i] == 0x20 || b[i] == 0x09 { i += 1 }
            guard i < b.count else { return nil }
            let c = b[i]
            let alnum = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
            return alnum ? c : nil
        }
    }

    static let changeVerbs: WordSet = ["cambia", "cambiar", "cambiemos", "corrige", "corregir", "modifica", "modificar", "cambiale"]

    /// Words that may come before a verb of changing («quiero cambiar…», «oye, corrige…», «pucha,
    /// hay que cambiar…»): those of a field named to be changed at its question and at a review
    /// alike (`changedFieldWords`), and the first word that lets a message be read so.
    static let changeLeads: WordSet = WordSet(["quiero", "quisiera", "hay", "oye", "mejor", "espera", "perdon", "ah", "no", "ya", "necesito"])
        .union(earlierLeads).union(wantLeads)

    /// «cambia la evidencia», «quiero corregir el motivo»: a verb of changing and the name of
    /// `slot` (its label or an alias), nothing else: asking to change the field, no value of it.
    static func asksToChange(_ slot: SlotDefinition, _ t: [String]) -> Bool {
        guard let rest = changedFieldWords(t) else { return false }
        let names = Set(([slot.label] + slot.aliases).flatMap { Phrase($0).tokens })
        return rest.allSatisfy(names.contains)
    }

    /// «cambia la evidencia», «quiero cambiar el lugar», «hay que cambiar la hora», «cámbiale el
    /// motivo», «no, corrige los participantes»: a verb of changing after at most three leading
    /// words, then only the words that may name a field. Those words, without articles and
    /// fillers; nil when no verb of changing opens the message or nothing follows it. The one
    /// reader of a field named to be changed, at its own question (`asksToChange`) and at a
    /// review (`bareFieldChange`): each had its own leads and articles, so «cambia esa fecha
    /// porfa» was read at the question and not at a review, and «pucha, hay que cambiar…» at neither.
    static func changedFieldWords(_ t: [String]) -> [String]? {
        guard let verb = t.prefix(4).firstIndex(where: changeFieldVerbs.contains),
              t[..<verb].allSatisfy(changeLeads.contains) else { return nil }
        let rest = t[(verb + 1)...].filter { !fieldFillers.contains($0) }
        return rest.isEmpty ? nil : Array(rest)
    }

    /// The verbs `changedFieldWords` reads: «cambia», «corrige», «cambio», «cámbiale»…
    static let changeFieldVerbs: WordSet = changeVerbs.union(firstPersonChangeVerbs).union(["corrigele", "cambiemosle", "modificale"])

    /// Articles and fillers around a field's name («el», «la de», «esa», «porfa»).
    static let fieldFillers: WordSet = ["el", "la", "lo", "los", "las", "de", "del", "que", "q", "esa", "ese", "esta", "este", "porfa", "po", "mi", "su"]

    /// The clauses of a message, split where a comma, a stop or a mark closes one.
    static func clauses(_ text: String) -> [String] {
        text.split(whereSeparator: { ",.;!?¡¿".contains($0) })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// «era una pregunta», «es una consulta nomás», «solo preguntaba».
    static func wasAQuestion(_ phrase: Phrase) -> Bool {
        let t = phrase.tokens
        guard t.count <= 6 else { return false }
        let asks = t.contains { ["pregunta", "preguntaba", "consulta", "consultaba", "preguntando", "consultando"].contains($0) }
        return asks && t.allSatisfy { ["era", "es", "una", "solo", "nomas", "no", "mas", "te", "estaba", "po", "solamente", "pregunta",
                                        "preguntaba", "consulta", "consultaba", "preguntando", "consultando", "nada", "mas"].contains($0) }
    }

    /// Words before the request said instead: «es cambiar…», «era para agendar…», «sino anotar…».
    static let insteadLeads: WordSet = ["es", "era", "sino", "para", "lo", "que", "queria", "quiero", "quisiera", "necesito", "mejor",
                                            "solo", "solamente", "no", "pero", "y"]

    /// An ASCII letter or digit that no folded «no» has (anything but «n», «o», «p»).
    @inline(__always)
    static func isOtherLetter(_ b: UInt8) -> Bool {
        switch b | 0x20 {
        case UInt8(ascii: "n"), UInt8(ascii: "o"), UInt8(ascii: "p"): false
        case UInt8(ascii: "a")...UInt8(ascii: "z"): b >= 0x41 && b <= 0x5A || b >= 0x61 && b <= 0x7A
        default: b >= 0x30 && b <= 0x39
        }
    }

    static func isNo(_ folded: String) -> Bool {
        // On the bytes in place (folded words are ASCII; this runs on every answer's first word).
        if let b = folded.utf8.withContiguousStorageIfAvailable({ $0.first == UInt8(ascii: "n") && $0.count >= 2 }), !b { return false }
        return folded == "nop" || folded == "nono" || (folded.count >= 2 && folded.first == "n" && folded.dropFirst().allSatisfy { $0 == "o" })
    }

    /// «pedí» and its kin: a message without one of them never denies having asked.
    static let askedWords: WordSet = ["pedi", "pedimos", "pidio", "pedido", "solicite"]

    /// «eso no lo pedí», «yo no pedí eso», «nunca te pedí eso»: a «no» or «nunca» at most two
    /// words (a pronoun) before the verb of asking.
    static func deniesAsking(_ tokens: [String]) -> Bool {
        for (i, t) in tokens.enumerated() where askedWords.contains(t) {
            for j in Swift.max(0, i - 3)..<i where isNo(tokens[j]) || tokens[j] == "nunca" {
                if tokens[(j + 1)..<i].allSatisfy(["lo", "la", "te", "le", "eso", "yo"].contains) { return true }
            }
        }
        return false
    }

    /// The tail `afterRefusal` gives opens with a «quiero» said right after a «no»
    /// («no quiero cambiar la red»): what it wants is refused.
    static func refusedWant(_ clean: String) -> Bool {
        let folded = clean.split(separator: " ").map { Phrase(String($0)).tokens.joined(separator: " ") }
        var start = 0
        while start < folded.count, isNo(folded[start]) || folded[start] == "po" { start += 1 }
        if folded.indices.contains(where: { i in i >= start && wantWords.contains(folded[i]) && (i == 0 || !isNo(folded[i - 1])) }) { return false }
        return start > 0 && start < folded.count && wantWords.contains(folded[start])
    }

    static let wantWords: WordSet = ["quiero", "queria", "quisiera", "necesito", "necesitaba", "queremos"]

    /// «no quiero cambiar la red», «nooo, no queremos agendar otra»: the last want of the message
    /// said right after a «no» or «nunca» (no comma between), before what is wanted done. «no,
    /// quiero agendar…» wants it; «no quiero que se me olvide: …» asks to note something.
    static func refusesRequest(_ clean: String) -> Bool {
        let words = clean.split(separator: " ").map(String.init)
        let folded = words.map { Phrase($0).tokens.joined(separator: " ") }
        guard let i = folded.indices.last(where: { wantWords.contains(folded[$0]) }), i >= 1, i + 1 < folded.count,
              isNo(folded[i - 1]) || folded[i - 1] == "nunca",
              !words[i - 1].contains(where: { ",.;:!?".contains($0) }) else { return false }
        let next = folded[i + 1]
        // «no quiero ese acuerdo, bórralo»: a clause after it may ask something else; read as before.
        return next != "que" && next != "q" && !next.hasPrefix("olvid") && !clean.contains(":")
            && !words[i...].dropLast().contains(where: { $0.hasSuffix(",") || $0.hasSuffix(";") || $0.hasSuffix(".") })
    }
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
