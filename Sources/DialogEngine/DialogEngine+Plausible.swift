import Understanding

/// A free text is stored in whatever question is open unless something checks that it could be
/// that answer (qa35 A: evidence «Ana Tapia», a reflection's «no sé, ¿qué opinas tú?», a
/// territory «soy jefa utp de la escuela…», a meeting's place «reunión mensual microcentro»).
/// One check per kind of field, said in the dialog file (`rules: [holds: place]`), and one for
/// every open-text question: a question back to Minga is never a value.
extension DialogEngine {
    /// The kind of thing `slot` holds, when its dialog file says one.
    static func textKind(_ slot: SlotDefinition) -> TextKind? {
        for rule in slot.rules { if case .holds(let kind) = rule { return kind } }
        return nil
    }

    // MARK: - A question back to Minga

    /// «no sé, ¿qué opinas tú?», «tú qué crees», «qué me recomiendas?» at an open-text question:
    /// the person asks Minga for the answer. A verb said to Minga (second person) with a «?», a
    /// «tú» or nothing much else. A reflection that quotes its own questions («nos preguntamos
    /// cómo…») has none of these verbs.
    static func asksBack(_ phrase: Phrase, clean: String) -> Bool {
        let t = phrase.tokens
        guard t.count <= 12, let at = t.firstIndex(where: { askBackVerbs.contains($0) }) else { return false }
        // «te parece»: only with its «te» («parece que…» is an answer).
        if t[at] == "parece", at == 0 || t[at - 1] != "te" { return false }
        let marked = TextFold.contains(clean, byte: UInt8(ascii: "?"))
        return marked || t.contains("tu") || t.contains("usted") || t.count <= 4
    }

    /// Verbs that ask Minga's own view: «¿qué opinas?», «¿tú qué crees?», «¿qué me sugieres?».
    static let askBackVerbs: WordSet = ["opinas", "opina", "crees", "cree", "sugieres", "recomiendas", "propones", "piensas",
                                        "dirias", "pondrias", "harias", "recomendarias", "sugeririas", "parece"]

    /// What is said to a question back: the answer is theirs, what the question is for, and the question.
    func askedBackNote(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> String {
        let help = slotHelp(slot, run: run, context: context).map { " " + $0 } ?? ""
        return "Aquí vale lo que piensan ustedes, no lo que yo opine.\(help)"
    }

    // MARK: - Words that are no part of the value

    /// «conversando, ya te dije que se convenció» → «conversando, se convenció»: the reminder
    /// («ya te dije», «como te dije») is said to Minga, not part of the answer. Nil when the text
    /// has none (one byte scan for «dij» first).
    static func withoutReminder(_ text: String) -> String? {
        // The bytes first: Foundation's `contains` goes through `NSString.range(of:)` (~2.7k
        // instructions on every answer accepted). A canonical match of «dij» has its three ASCII
        // bytes in a row, so where they are not, it is not.
        let bytes = hasDijBytes(text)
        assert(bytes || !text.contains("dij"), "withoutReminder's byte gate missed «\(text)»")
        guard bytes, text.contains("dij") else { return nil }
        let words = text.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0).filter(\.isLetter) }
        for lead in reminderLeads where lead.count <= words.count {
            guard let i = (0...(words.count - lead.count)).first(where: { Array(folded[$0..<$0 + lead.count]) == lead }) else { continue }
            var rest = Array(words[..<i]) + Array(words[(i + lead.count)...])
            if rest.first.map({ $0.allSatisfy { ",;:.".contains($0) } }) == true { rest.removeFirst() }
            var s = rest.joined(separator: " ")
            s = String(s.drop { " ,;:.".contains($0) })
            while let c = s.last, " ,;:".contains(c) { s.removeLast() }
            return s
        }
        return nil
    }

    /// Whether the UTF-8 bytes of `text` hold «dij» in a row.
    private static func hasDijBytes(_ text: String) -> Bool {
        func scan(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
            guard b.count >= 3 else { return false }
            for i in 0...(b.count - 3) where b[i] == 0x64 && b[i + 1] == 0x69 && b[i + 2] == 0x6A { return true }
            return false
        }
        var text = text
        return text.withUTF8(scan)
    }

    /// The reminders, longest first: «ya te dije que», «como te dije».
    static let reminderLeads: [[String]] = [["como", "ya", "te", "dije", "que"], ["ya", "te", "dije", "que"], ["como", "te", "dije", "que"],
                                            ["como", "ya", "te", "dije"], ["como", "te", "dije"], ["ya", "te", "dije"], ["te", "dije", "que"]]

    // MARK: - Per kind of field

    /// Why `text` can't be what a `kind` slot holds, said before the question again; nil when it may be.
    func implausible(_ text: String, kind: TextKind, slot: SlotDefinition, run: FlowRun, flow: FlowDefinition, context: EngineContext) -> String? {
        // The answer is nearly always the whole message: its words as the turn read them.
        let phrase = context.said.flatMap { $0.clean == text ? $0.phrase : nil } ?? Phrase(text)
        assert(phrase.folded == Phrase(text).folded, "implausible read «\(text)» with another message's words")
        let t = phrase.tokens
        guard !t.isEmpty else { return nil }
        switch kind {
        case .place:
            // «soy jefa utp de la escuela los aromos»: who is speaking, not where.
            let k = t.first == "yo" || t.first == "bueno" || t.first == "ya" ? 1 : 0
            // «somos 4 escuelitas de la comuna de Purranque», «soy de Purranque» say the place.
            if k + 1 < t.count, t[k] == "soy", t[k + 1] != "de", !t.contains("comuna"), !t.contains("comunas") {
                return "Eso me cuenta quién eres, pero no el lugar. Dime solo dónde, por ejemplo una comuna o una escuela."
            }
            // «reunión mensual microcentro»: a meeting's name, not where it is.
            let m = ["en", "la", "el", "una", "un"].contains(t[0]) ? t.drop { ["en", "la", "el", "una", "un"].contains($0) } : t[...]
            if let w = m.first, Self.meetingNouns.contains(w), !m.contains(where: { Self.placeNouns.contains($0) }) {
                return "«\(text)» suena al nombre de un encuentro, no a un lugar."
            }
            return nil
        case .evidence:
            guard let name = Self.personNamed(phrase, text: text, context: context) else { return nil }
            let first = name.split(separator: " ").first.map(String.init) ?? name
            let holder = flow.slots.first { $0.type == .people || $0.type == .person }
            let held = holder.flatMap { run.values[$0.name]?.listValue ?? run.values[$0.name]?.textValue.map { [$0] } } ?? []
            if held.contains(name) {
                return "\(name) ya está como responsable; la evidencia es lo que mostrará que se cumplió."
            }
            guard holder != nil else { return "\(name) es una persona, no una evidencia." }
            return "\(name) es una persona, no una evidencia. Si \(first) también es responsable, escribe «se suma \(name)»."
        case .amount:
            return nil
        }
    }

    /// «ninguna todavía», «cero», «nada aún» where an amount is asked: 0. Nil: not said as none.
    static func noneAmount(_ phrase: Phrase) -> String? {
        let t = phrase.tokens.filter { !["todavia", "aun", "por", "ahora", "hasta", "de", "momento", "po", "nomas", "no", "mas"].contains($0) }
        guard phrase.tokens.count <= 5, t.count == 1, ["ninguna", "ninguno", "nada", "cero", "nadie"].contains(t[0]) else { return nil }
        return "0"
    }

    /// The person `phrase` is and nothing else: a member («Ana Tapia», «la Ana») or a first name
    /// with a surname («Pedro Rojas»).
    static func personNamed(_ phrase: Phrase, text: String, context: EngineContext) -> String? {
        let t = phrase.tokens.drop { ["la", "el", "a", "al", "con", "profe", "profesora", "profesor", "tia"].contains($0) }
        guard (1...3).contains(t.count) else { return nil }
        let said = t.joined(separator: " ")
        for m in context.members {
            let f = TextFold.fold(m)
            if f == said || (t.count == 1 && f.split(separator: " ").first.map(String.init) == said) { return m }
        }
        guard t.count >= 2, FirstNames.canonical(t[t.startIndex]) != nil,
              t.allSatisfy({ $0.allSatisfy(\.isLetter) }), PeopleParser.looksLikeName(said) else { return nil }
        // As typed («Muñoz», not its folded «munoz»), each word capitalised.
        let typed = text.split(separator: " ").suffix(t.count)
        let words = typed.count == t.count ? typed.map(String.init) : t.map { $0 }
        return words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    /// Words that open a meeting's name: «reunión mensual microcentro», «jornada de cierre».
    static let meetingNouns: WordSet = ["reunion", "encuentro", "jornada", "sesion", "taller", "consejo", "asamblea", "capacitacion"]
    /// Words that make a meeting word part of a place: «sala de reuniones», «salón de encuentros».
    static let placeNouns: WordSet = ["sala", "salon", "escuela", "liceo", "colegio", "oficina", "biblioteca", "sede", "cesfam", "daem", "municipalidad", "gimnasio", "comedor"]
}
