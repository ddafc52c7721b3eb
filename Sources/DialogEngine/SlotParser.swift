import CivilTime
import Understanding

/// Turns an answer into a slot value, using the Understanding module for every typed slot.
enum SlotParser {
    enum Outcome: Hashable {
        case value(SlotValue)
        /// The words name several days ("el otro lunes"): ask which.
        case ambiguous([LocalDate])
        /// Understood something, but not what the slot needs: say this, specifically.
        case wrong(String)
        /// Not understood at all.
        case notUnderstood
    }

    /// A message that only says yes, okay or thanks («si», «ya po», «ok gracias»). A bare «no» is
    /// left to the flows: to «¿qué acuerdos se tomaron?» it means none.
    static func isBareAcknowledgement(_ text: String) -> Bool {
        // `Phrase(text).tokens` read in place: the first word that is no acknowledgement (nearly
        // always the first) settles it, before the rest is cut into strings.
        TextFold.withFolded(text) { f in
            var count = 0
            for word in FoldedWords(f) {
                count += 1
                if count > 3 || !acknowledgements.contains(String(decoding: word, as: UTF8.self)) { return false }
            }
            return count > 0
        }
    }

    /// `isBareAcknowledgement` of the text `phrase` was read from, on its words' bits.
    static func isBareAcknowledgement(_ phrase: Phrase) -> Bool {
        !phrase.tokens.isEmpty && phrase.tokens.count <= 3 && phrase.every(.acknowledgement)
    }

    static let acknowledgements: WordSet = ["si", "sii", "siii", "sip", "ya", "yaa", "yapo", "po", "ok", "oka", "okey",
                                                "dale", "listo", "gracias", "bueno", "claro", "vale", "perfecto", "exacto", "obvio", "bacan"]

    static func parse(_ raw: String, slot: SlotDefinition, context: EngineContext) -> Outcome {
        parse(raw, phrase: nil, slot: slot, context: context)
    }

    /// The message's answer, read from the words the message was already read into (its phrase
    /// is not made again, nor its text folded again, by the readers below).
    static func parse(_ message: Utterance, slot: SlotDefinition, context: EngineContext) -> Outcome {
        parse(message.clean, phrase: message.phrase, slot: slot, context: context)
    }

    /// `given`: `Phrase(Sanitize.line(raw))` when the caller has it.
    static func parse(_ raw: String, phrase given: Phrase?, slot: SlotDefinition, context: EngineContext) -> Outcome {
        // The turn's own message (nearly every answer) is clean already: not scanned again.
        let text = context.said.map { $0.clean == raw } == true ? raw : Sanitize.line(raw)
        assert(text == Sanitize.line(raw), "«\(raw)» was taken as clean")
        guard !text.isEmpty else { return .notUnderstood }
        switch slot.type {
        case .text, .longtext:
            if TextFold.foldsToNothing(text) { return .notUnderstood }
            // «si», «ya po», «gracias» to «¿Dónde será?»: the person thought Minga asked for a yes
            // or was done; a place, a name or a result is never a bare yes, no or thanks.
            if given.map(Self.isBareAcknowledgement) ?? Self.isBareAcknowledgement(text) {
                return .wrong("«\(text)» no me alcanza como respuesta a esta pregunta: escríbemela con tus palabras"
                    + (slot.optional ? " (o «saltar» para dejarla en blanco)." : "."))
            }
            // «El Manzano po, ya le dije»: the answer, without the talk around it.
            // «no es de asignatura, es desarrollo personal y social»: what it is, not what it isn't.
            return .value(.text(AnswerText.trimmed(Self.afterDenied(text) ?? text)))
        case .date:
            guard let m = TemporalParser.parse(text, context: context.temporal), consumesNumbers(text, m.text) else {
                return missedDate(text, context: context)
            }
            if m.alternatives.count > 1 { return .ambiguous(m.alternatives) }
            switch m.value {
            case .date(let d): return .value(.date(d))
            case .dateTime(let dt): return .value(.date(dt.date))
            // "pal viernes en la tarde", "el lunes de 9 a 11": a deadline is the day.
            case .dateTimeRange(let a, let b) where a.date == b.date: return .value(.date(a.date))
            case .dateRange(let a, let b) where a == b: return .value(.date(a))
            case .dateRange(let a, let b) where a.day == 1 && b.month == a.month && b.day == LocalDate.daysIn(month: a.month, year: a.year):
                return .wrong("Entendí el mes, pero necesito el día exacto.")
            case .dateRange: return .wrong("Necesito un solo día, no un rango.")
            case .time: return .wrong("Eso es una hora; necesito el día.")
            default: return .notUnderstood
            }
        case .time:
            guard let m = TemporalParser.parse(text, context: context.temporal) else { return .notUnderstood }
            switch m.value {
            case .time(let t), .timeRange(let t, _): return .value(.time(t))
            case .dateTime(let dt): return .value(.time(dt.time))
            default: return .wrong("Necesito una hora.")
            }
        case .datetime:
            guard let m = TemporalParser.parse(text, context: context.temporal) else { return missedDate(text, context: context) }
            if m.alternatives.count > 1 { return .ambiguous(m.alternatives) }
            if let d = m.partOfDay {
                return .wrong("Entendí el \(SpanishFormat.date(d, today: context.today)), pero no la hora exacta.")
            }
            switch m.value {
            case .dateTime(let dt): return .value(.dateTime(dt))
            case .dateTimeRange(let a, _): return .value(.dateTime(a))
            case .date(let d):
                return .wrong("Entendí el \(SpanishFormat.date(d, today: context.today)), pero me falta la hora.")
            case .time: return .wrong("Entendí la hora, pero me falta el día.")
            default: return .notUnderstood
            }
        case .daterange:
            guard let m = TemporalParser.parse(text, context: context.temporal) else { return missedDate(text, context: context) }
            switch m.value {
            case .dateRange(let a, let b): return .value(.dateRange(a, b))
            case .date(let d): return .value(.dateRange(d, d))
            default: return .notUnderstood
            }
        case .recurrence:
            guard let m = TemporalParser.parse(text, context: context.temporal) else { return .notUnderstood }
            if case .recurrence(let r) = m.value { return .value(.recurrence(r)) }
            return .wrong("Eso es una sola fecha; necesito cada cuánto se repite.")
        case .duration:
            if let minutes = DurationParser.parse(text), minutes > 0 { return .value(.duration(minutes: minutes)) }
            return .notUnderstood
        case .person, .people:
            let names: [String], said: String, phrase: Phrase?, we: Bool
            switch peopleNames(text, phrase: given, slot: slot, context: context) {
            case .outcome(let o): return o
            case .names(let n, let t, let p, let w): (names, said, phrase, we) = (n, t, p, w)
            }
            return peopleOutcome(names, said: said, phrase: phrase, we: we, slot: slot, context: context)
        case .choice:
            if let c = choice(in: text, choices: slot.choices, phrase: given) { return .value(.choice(c.value)) }
            if let n = outOfRange(text, count: slot.choices.count, phrase: given) { return .wrong(outOfRangeNote(n, count: slot.choices.count)) }
            // «profesora encargada, hago clases de 1° a 6°»: the choice, then a comment about it.
            if let comma = text.firstIndex(where: { ",;".contains($0) }), let c = choice(in: String(text[..<comma]), choices: slot.choices) {
                return .value(.choice(c.value))
            }
            return .notUnderstood
        case .yesno, .confirm:
            if let b = YesNo.parse(text) { return .value(.bool(b)) }
            return .notUnderstood
        case .number:
            // «3 o 4», «entre 2 y 3»: two numbers offered as alternatives are not one answer.
            if let pair = alternatives(text) {
                // «2 o 3... pongale 2»: the doubt, then the one settled on.
                if let n = settledNumber(text, phrase: given), n == pair.0 || n == pair.1 { return .value(.number(Double(n))) }
                return .wrong("Me diste dos: ¿\(pair.0) o \(pair.1)?")
            }
            if let n = NumberParser.parse(text) { return .value(.number(Double(n))) }
            return .notUnderstood
        case .email:
            if let e = ContactParser.email(text) { return .value(.text(e)) }
            return .notUnderstood
        case .phone:
            if let p = ContactParser.phone(text) { return .value(.text(p)) }
            return .notUnderstood
        }
    }

    /// A people answer read up to its names: an outcome already settled (a role, a thing, two
    /// members of one name), or the names it says with the text they were read from.
    enum PeopleNames {
        case outcome(Outcome)
        /// `text`: the answer without the talk around it; `phrase`: its phrase when the caller's
        /// still is; `we`: a first-person-plural verb opened it (the speaker counts among them).
        case names([String], text: String, phrase: Phrase?, we: Bool)
    }

    /// «no es de asignatura, es desarrollo personal y social», «no son profes, son asistentes»: a
    /// free answer that first says what it is not, then, after a comma, what it is. The part after
    /// the second copula; nil for any other answer (only one that opens with «no es»/«no son»).
    static func afterDenied(_ text: String) -> String? {
        guard text.count > 10, let first = text.utf8.first, first == UInt8(ascii: "n") || first == UInt8(ascii: "N") else { return nil }
        let words = TextFold.spaceSeparated(text)
        guard words.count >= 5, TextFold.fold(String(words[0])) == "no",
              ["es", "son", "era", "eran"].contains(TextFold.fold(String(words[1]))) else { return nil }
        for i in 2..<(words.count - 2) where words[i].hasSuffix(",") {
            guard ["es", "son", "era", "eran", "sino"].contains(TextFold.fold(String(words[i + 1]))) else { return nil }
            var k = i + 2
            if TextFold.fold(String(words[i + 1])) == "sino", k < words.count, ["es", "son"].contains(TextFold.fold(String(words[k]))) { k += 1 }
            guard k < words.count else { return nil }
            return words[k...].joined(separator: " ")
        }
        return nil
    }

    /// The first half of `parse` for a person or people slot (`text` sanitized, not empty).
    static func peopleNames(_ text: String, phrase given: Phrase?, slot: SlotDefinition, context: EngineContext) -> PeopleNames {
        // «vinimos la Berta, el Oscar y yo», «somos los utp de la red»: a verb in the first
        // person plural counts the one writing among them.
        // (The phrase's first word is the first word's fold when that is one word: a first word
        // that is no such verb there is none in the text.)
        // «vine yo no más», «llegué con la Rosa»: the first person singular counts the writer too.
        let we = slot.type == .people && given.map { $0.tokens.first.map { weHead.contains($0) || meHead.contains($0) } ?? false } != false
            && TextFold.spaceSeparated(text).first.map { w -> Bool in
                let f = TextFold.fold(String(w))
                return weHead.contains(f) || meHead.contains(f)
            } == true
        let said = slot.type == .people ? withoutAside(text) : text
        let saidPhrase = said == text ? given : nil
        let whole = said
        let trimmed = AnswerText.trimmed(said)
        let text = withoutSurroundingWords(trimmed, phrase: trimmed == whole ? saidPhrase : nil)
        // The phrase of what is read now, when it is still the whole text.
        let given = text == whole ? saidPhrase : nil
        // «estuve yo con la Marta»: «yo con …» is the writer and who came with them.
        let pieces = PeopleParser.split(text).flatMap { piece -> [String] in
            let w = piece.split(separator: " ")
            guard slot.type == .people, w.count >= 3, TextFold.fold(String(w[0])) == "yo", TextFold.fold(String(w[1])) == "con" else { return [piece] }
            return ["yo", w.dropFirst(2).joined(separator: " ")]
        }
        // «yo, la tía Carmen» from a bridge that sent no name: «yo» is nobody's name (it was
        // stored as a member «Yo»); the writer is asked to write their own name instead.
        if context.userName == nil, pieces.contains(where: { firstPerson.contains(TextFold.fold($0)) }) {
            return .outcome(.wrong("Todavía no sé cómo te llamas, así que no puedo anotarte como «yo». Escribe tu nombre en su lugar (por ejemplo, «Ana Pérez y la tía Carmen»)."))
        }
        // "la directora", "el profe": for one person, a role; ask for the person's name.
        if slot.type == .person, let role = pieces.first(where: { PeopleParser.isRoleOnly($0) && PersonMatcher.match($0, among: context.members) == nil }) {
            return .outcome(.wrong("Anoto a las personas por su nombre: ¿cómo se llama «\(pieces.count == 1 ? text : role)»?"))
        }
        // «Red de Liceos Técnico Profesionales de Ovalle», «el microcentro Los Aromos» where one
        // person's name goes: a network's or a school's name is nobody (qa20 A7: stored as her name).
        if slot.type == .person, let kind = placeName(text, context: context) {
            let quoted = text.count > 50 ? String(text.prefix(47)) + "…" : text
            return .outcome(.wrong("«\(quoted)» es el nombre de \(kind), no de una persona. ¿Cuál es el nombre y apellido de la persona?"))
        }
        // «las planillas con resultados» is what is handed in, not who hands it in.
        if let thing = pieces.first(where: { PeopleParser.isThing($0) && PersonMatcher.match($0, among: context.members) == nil }) {
            return .outcome(.wrong("«\(pieces.count == 1 ? text : thing)» es algo que se entrega, no una persona: aquí va quién se hace cargo, con su nombre, su cargo («la jefa UTP») o un grupo («los directores»)."))
        }
        // "las 5 educadoras de párvulo", "directores y jefes UTP", "la jefa de utp": kept as
        // named groups, in their place among the names.
        var names: [String] = []
        for piece in pieces {
            // «la Rosa» with two Rosas in the network: which one (it was a new member «Rosa»).
            if PersonMatcher.match(piece, among: context.members) == nil,
               case let same = PersonMatcher.candidates(piece, among: context.members), same.count > 1,
               same.allSatisfy({ Phrase($0).tokens.first == Phrase(piece).tokens.last }) {
                return .outcome(.wrong("Hay más de una persona con ese nombre en la red: ¿es \(same.sorted().dropLast().joined(separator: ", ")) o \(same.sorted().last ?? "")?"))
            }
            if let group = PeopleParser.group(piece), PersonMatcher.match(piece, among: context.members) == nil {
                for name in roleMembers(group, context: context) ?? [PeopleParser.asSaid(piece, group: group)] where !names.contains(name) { names.append(name) }
            } else {
                for name in people([piece], context: context) where !names.contains(name) { names.append(name) }
            }
        }
        return .names(names, text: text, phrase: given, we: we)
    }

    /// The second half of `parse` for a person or people slot: the outcome of the names read.
    static func peopleOutcome(_ names: [String], said text: String, phrase given: Phrase?, we: Bool, slot: SlotDefinition,
                              context: EngineContext) -> Outcome {
        var names = names
        // "pasado mañana", "el viernes": a when, not a name ("Abril" alone may well be one).
        // Only asked when some name is new: the network's members are names already.
        if names.isEmpty || !names.allSatisfy({ context.members.contains($0) }) {
            let phrase = given ?? Phrase(text)
            if phrase.tokens.count >= 2 || !["abril", "mayo", "junio", "domingo"].contains(phrase.core),
               let m = TemporalParser.parse(text, context: context.temporal), Phrase(m.text).tokens.count == phrase.tokens.count {
                return .wrong("«\(text)» es una fecha; aquí necesito el nombre de una persona.")
            }
        }
        if we, !names.isEmpty, let me = context.userName, !names.contains(me) { names.append(me) }
        if names.isEmpty, NumberParser.parse(text) != nil { return .wrong("Aquí necesito nombres de personas, no números.") }
        guard !names.isEmpty else { return .notUnderstood }
        if slot.type == .person {
            return names.count == 1 ? .value(.text(names[0])) : .wrong("Necesito una sola persona.")
        }
        return .value(.list(names))
    }

    /// Whether a people answer (`raw`, as `parse` takes it) names a list holding one of the
    /// network's people: `parse` gives `.list` with a member. Its names are read first, and the
    /// rest of the reading (is it a date? a number?) only when one of them is a member: a date
    /// said instead («el 15 de diciembre») was read as names and then again as a date.
    static func namesMember(_ raw: String, phrase given: Phrase?, slot: SlotDefinition, context: EngineContext) -> Bool {
        func named(_ o: Outcome) -> Bool {
            if case .value(.list(let people)) = o { return people.contains(where: context.members.contains) }
            return false
        }
        let text = Sanitize.line(raw)
        guard slot.type == .people, !text.isEmpty else { return named(parse(raw, phrase: given, slot: slot, context: context)) }
        let result: Bool
        switch peopleNames(text, phrase: given, slot: slot, context: context) {
        case .outcome(let o): result = named(o)
        case .names(let names, let said, let phrase, let we):
            // Only a member among the names, or the speaker counted in as one, can make a list with one.
            let speaker = we && !names.isEmpty ? context.userName.map { [$0] } ?? [] : []
            result = (names + speaker).contains(where: context.members.contains)
                && named(peopleOutcome(names, said: said, phrase: phrase, we: we, slot: slot, context: context))
        }
        assert(result == named(parse(raw, phrase: given, slot: slot, context: context)), "namesMember differs from parse for «\(raw)»")
        return result
    }

    /// «la verdad 2 o 3... pongale 2», «3 o 4, digamos 3», «entre 2 y 3, mejor un 2»: a number
    /// said last after a word that settles a doubt; nil when there is none (or words follow it).
    static func settledNumber(_ text: String, phrase: Phrase? = nil) -> Int? {
        let t = (phrase ?? Phrase(text)).tokens
        // Cheap gate: only an answer with a settling word.
        guard let k = t.lastIndex(where: settleWords.contains) else { return nil }
        var rest = t[(k + 1)...].drop { ["en", "un", "el", "la", "con", "que", "sea"].contains($0) }
        while let last = rest.last, ["nomas", "po", "mejor", "no", "mas"].contains(last) { rest = rest.dropLast() }
        guard rest.count == 1, let w = rest.first else { return nil }
        if w.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return Int(w) }
        return DialogEngine.numberWords.contains(w) ? NumberParser.parse(w) : nil
    }

    static let settleWords: Set<String> = ["pongale", "ponle", "pon", "ponga", "pongamos", "pongamosle", "digamos", "digale", "mejor", "dejemoslo",
                                           "dejalo", "dejemos", "quedemos", "quedemonos", "finalmente", "anota", "anotale", "anote"]

    /// Two numbers said as a choice between them: «3 o 4», «2 a 3», «entre 2 y 3», «3-4».
    static func alternatives(_ text: String) -> (Int, Int)? {
        let t = Phrase(text.replacingOccurrences(of: "-", with: " a ")).tokens
        func number(_ w: String) -> Int? {
            w.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) ? Int(w) : DialogEngine.numberWords.contains(w) && w != "una" && w != "uno" ? NumberParser.parse(w) : nil
        }
        for i in t.indices.dropLast(2) {
            // «un 3 o un 4»: an article before the second number.
            let j = ["un", "el", "la"].contains(t[i + 2]) && i + 3 < t.count ? i + 3 : i + 2
            guard let a = number(t[i]), let b = number(t[j]), a != b else { continue }
            let link = t[i + 1]
            if link == "o" || link == "u" || (link == "a" && b > a) || (link == "y" && i > 0 && t[i - 1] == "entre") { return (a, b) }
        }
        return nil
    }

    /// What a place's name said as a person's is («una red», «una escuela»): the network's own
    /// name, or a name opening (past an article) with a word for a network or an institution;
    /// nil for anything else. Only its first two words are looked at.
    static func placeName(_ text: String, context: EngineContext) -> String? {
        let t = Phrase(text).tokens
        guard var first = t.first else { return nil }
        if ["la", "el", "los", "las", "una", "un"].contains(first), t.count > 1 { first = t[1] }
        if let kind = placeWords[first] { return kind }
        if let network = context.snapshot?.network.name, Phrase(network).tokens == t { return "la red" }
        return nil
    }

    static let placeWords: [String: String] = [
        "red": "una red", "redes": "una red", "microcentro": "una red", "rme": "una red",
        "liceo": "un liceo", "escuela": "una escuela", "escuelita": "una escuela", "colegio": "un colegio", "jardin": "un jardín",
    ]

    /// «Por ahora solo yo, después agrego a los demás directores» → «solo yo»; «Lo trabajamos
    /// con los directores en la jornada de noviembre» → «yo, los directores»: the people, without
    /// a lead-in of time, a comment after them about later, or the verb of doing it together
    /// (the whole sentence was read as one person's name). Most answers have none of it: only a
    /// comma or «con» makes it look closer.
    static func withoutAside(_ text: String) -> String {
        // «con » by its bytes before Foundation's search (~5k instructions) of the lowercased text.
        guard TextFold.containsByte(text, where: { $0 == UInt8(ascii: ",") })
            || (TextFold.containsCaseless(text, "con ") && text.lowercased().contains("con ")) else {
            assert(!text.lowercased().contains("con "), "containsCaseless missed «con » in «\(text)»")
            return text
        }
        var text = text
        // «…, después agrego a los demás»: what comes later is not who took part.
        if let comma = text.lastIndex(of: ","), case let rest = Phrase(String(text[text.index(after: comma)...])).tokens,
           let first = rest.first, asideLeads.contains(first) || (rest.count > 1 && ["mas adelante", "el resto", "los demas", "las demas"].contains(rest[0] + " " + rest[1])) {
            text = String(text[..<comma])
        }
        var words = text.split(separator: " ").map(String.init)
        let folded = words.map { Phrase($0).tokens.joined(separator: " ") }
        // «por ahora», «de momento», «por el momento»: when, not who.
        for lead in [["por", "ahora"], ["de", "momento"], ["por", "el", "momento"], ["por", "mientras"], ["hasta", "ahora"]] where folded.starts(with: lead) && words.count > lead.count {
            words.removeFirst(lead.count)
            break
        }
        // «(lo) trabajamos con los directores (en la jornada …)»: the writer and who it was done with.
        let f = words.map { Phrase($0).tokens.joined(separator: " ") }
        var v = 0
        if let first = f.first, ["lo", "la", "los", "las"].contains(first) { v = 1 }
        if v + 2 < f.count, f[v].count > 4, f[v].hasSuffix("amos") || f[v].hasSuffix("imos") || f[v].hasSuffix("emos"), f[v + 1] == "con" {
            let after = words[(v + 2)...].prefix { !["en", "el", "para", "durante", "hace", "ayer", "hoy"].contains(Phrase($0).tokens.joined(separator: " ")) }
            if !after.isEmpty { return "yo, " + after.joined(separator: " ") }
        }
        return words.joined(separator: " ")
    }

    static let asideLeads: WordSet = ["despues", "luego", "pronto"]

    /// "luis y marta nomas", "vinieron la marta y el luis": the names, without the words around them.
    /// `phrase`: `Phrase(text)` when the caller has it.
    static func withoutSurroundingWords(_ text: String, phrase: Phrase? = nil) -> String {
        // Most answers are just names: only the first and last words decide whether to look closer.
        // The ends' letters, read from the bytes in place (as `AnswerText.trimmed` reads them). The
        // head words are all letters, so a head whose fold is one of them has those letters too
        // (and an extra hit is settled below by the words themselves).
        guard let (h, l) = AnswerText.endLetters(text) else { return text }
        guard peopleHead.contains(h) || peopleTail.contains(l) || ["mas", "po"].contains(l) else { return text }
        let t = (phrase ?? Phrase(text)).tokens
        guard let first = t.first, let last = t.last,
              peopleHead.contains(first) || peopleTail.contains(last) || (t.count >= 2 && peopleTail.contains(t.suffix(2).joined(separator: " "))) else { return text }
        let words = text.split(separator: " ").map(String.init)
        func folded(_ w: ArraySlice<String>) -> String { Phrase(w.joined(separator: " ")).tokens.joined(separator: " ") }
        var kept = words
        while !kept.isEmpty {
            if kept.count >= 3, peopleTail.contains(folded(kept.suffix(2))) { kept.removeLast(2) }
            else if kept.count >= 2, peopleTail.contains(folded(kept.suffix(1))) { kept.removeLast() }
            else { break }
        }
        while kept.count > 1, peopleHead.contains(folded(kept.prefix(1))) { kept.removeFirst() }
        // «vine no más», «vinimos nomás»: only the verb is left, and it says the writer came.
        if kept.count == 1, weHead.contains(folded(kept[...])) || meHead.contains(folded(kept[...])) { return "yo" }
        return kept.isEmpty ? text : kept.joined(separator: " ")
    }

    /// Words that close a list of names without being one ("luis y marta nomas").
    static let peopleTail: WordSet = ["nomas", "no mas", "nada mas", "solamente", "solo", "po", "no mas po", "nomas po", "ya"]
    /// Words that open a list of names without being one ("vinieron luis y marta").
    static let peopleHead: WordSet = ["vinieron", "vino", "fueron", "fue", "estuvieron", "asistieron", "solo", "solamente", "la", "el",
                                      "vinimos", "fuimos", "estuvimos", "asistimos", "llegamos", "participamos", "somos", "estamos",
                                      "llegaron", "llego", "estuvo", "asistio", "participaron",
                                      "vine", "fui", "estuve", "asisti", "llegue", "participe"]
    /// Verbs in the first person singular that open a list of people («vine yo no más», «llegué
    /// con la Rosa»): the writer is one of them, and the verb is nobody's name (it was «Vine Yo»).
    static let meHead: WordSet = ["vine", "fui", "estuve", "asisti", "llegue", "participe"]
    /// Verbs in the first person plural that open a list of people: the writer is one of them.
    static let weHead: WordSet = ["vinimos", "fuimos", "estuvimos", "asistimos", "llegamos", "participamos", "somos", "estamos"]

    /// A date answer not understood: says so specifically when the day does not exist in its
    /// month ("Febrero no tiene día 31.").
    static func missedDate(_ text: String, context: EngineContext) -> Outcome {
        guard let (day, month) = TemporalParser.impossibleDay(in: text, context: context.temporal) else { return .notUnderstood }
        return .wrong(SpanishFormat.missingDay(day: day, month: month))
    }

    /// False when the text has numbers the expression did not use ("el 35 de marzo" read as
    /// "marzo"): better to say it was not understood than to guess.
    static func consumesNumbers(_ text: String, _ matched: String) -> Bool {
        guard TextFold.containsByte(text, where: { $0 >= 0x30 && $0 <= 0x39 }) else { return true }
        // The folded words of both compared in place (folded words are ASCII: a number's opens
        // with a digit).
        return TextFold.withFolded(matched) { m in
            TextFold.withFolded(text) { t in
                FoldedWords(t).allSatisfy { w in
                    w[0] < 0x30 || w[0] > 0x39 || FoldedWords(m).contains { $0.elementsEqual(w) }
                }
            }
        }
    }

    /// The names among `pieces` (`PeopleParser.split`), each matched to a member when one
    /// fits, "yo" to the speaker.
    static func people(_ pieces: [String], context: EngineContext) -> [String] {
        var out: [String] = []
        for raw in pieces {
            let folded = TextFold.fold(raw)
            // "no", "ya", "nadie", "no sé" are answers, not names.
            if folded.isEmpty || notNames.contains(folded) || YesNo.parse(raw) != nil { continue }
            let name: String
            if firstPerson.contains(folded) {
                // Without the writer's name, «yo» names nobody (never a person «Yo»).
                guard let me = context.userName else { continue }
                name = me
            } else if let member = PersonMatcher.match(raw, among: context.members) {
                name = member
            } else if let member = memberAfterPost(raw, context: context) {
                name = member
            } else if let said = PeopleParser.nameAfterRoleAtPlace(raw) {
                // «el director de la escuela los boldos Marcelo Riquelme», not yet a member: him
                // (what he is and where is offered with him, `newcomerDetails`).
                name = PersonMatcher.match(said, among: context.members) ?? said
            } else {
                // Nor is "el 1" a new person ("uno" neither), nor a question ("qué más sabes hacer").
                if !folded.utf8.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) || NumberParser.parse(raw) != nil { continue }
                if folded.split(separator: " ").contains(where: { notNameWords.contains(String($0)) }) { continue }
                // «la jefa daem», «el jefe utp del liceo zapallar»: a role where it is held, kept
                // as roles and places are written («Jefa DAEM», not «Jefa Daem»).
                name = PeopleParser.isRoleAtPlace(raw) ? PeopleParser.roleAtPlaceLabel(raw) : capitalized(raw)
            }
            if !name.isEmpty, !out.contains(name) { out.append(name) }
        }
        return out
    }

    /// «el director de la escuela los boldos marcelo riquelme»: a post where it is held, then a
    /// member's full name, is that member (qa29/qa34: «No entendí … como nombre de una persona»).
    /// Only a member's whole name, word for word, at the end: «la directora de la escuela Gabriela
    /// Mistral» names the school. Gate: a role at a place (`PeopleParser.isRoleAtPlace`).
    static func memberAfterPost(_ raw: String, context: EngineContext) -> String? {
        let words = TextFold.spaceSeparated(TextFold.fold(raw)).map { String($0).filter(\.isLetter) }
        guard words.count >= 5, PeopleParser.isRoleAtPlace(raw) else { return nil }
        for n in [3, 2] where words.count > n + 2 {
            let tail = words.suffix(n).joined(separator: " ")
            if let m = context.members.first(where: { TextFold.spaceSeparated(TextFold.fold($0)).map { String($0).filter(\.isLetter) }.joined(separator: " ") == tail }) {
                return m
            }
        }
        return nil
    }

    /// The members a group said by role stands for: «las profes» all those with that role, «la jefa
    /// UTP» the one member with it. Nil when the network has none (or several for one person):
    /// the group is kept by its name.
    static func roleMembers(_ group: String, context: EngineContext) -> [String]? {
        guard let s = context.snapshot else { return nil }
        let live = s.members.filter { !$0.isOut }.map { (name: $0.name, role: $0.role) }
        guard let found = RoleGroup.members(of: group, among: live), !found.isEmpty else { return nil }
        // «los tres jefes técnicos» with one registered: the group is wider than the network knows.
        if group.hasSuffix(")"), let open = group.lastIndex(of: "("),
           let said = Int(group[group.index(after: open)..<group.index(before: group.endIndex)]), said > found.count { return nil }
        return PeopleParser.isPlural(group) || found.count == 1 ? found : nil
    }

    /// Words no one's name has: a piece with one of them is a sentence, not a person.
    static let notNameWords: WordSet = [
        "que", "como", "cuando", "donde", "quien", "quienes", "cual", "cuales", "porque", "sabes", "sabe", "hacer", "hago",
        "haces", "puedo", "puedes", "puede", "funciona", "es", "esta", "estoy", "hay", "tengo", "tiene", "quiero", "no", "si",
        "pero", "para", "esto", "eso", "aca", "aqui", "nada", "algo", "cosa", "hola", "gracias", "entiendo", "ayuda",
        "hoy", "ayer", "manana", "reunion", "encuentro", "semana", "vamos", "van", "vienen", "malo", "mala", "quedo", "todos", "todas",
        "chao", "chau", "adios", "saludos",
    ]

    /// How the writer says themself in a list of people.
    static let firstPerson: WordSet = ["yo", "yo misma", "yo mismo", "a mi", "mi"]

    static let notNames: WordSet = ["nadie", "no se", "ninguno", "ninguna", "todos", "todas", "nose", "ni idea", "quien sabe"]

    /// "ana perez" → "Ana Perez": a new name is written as people write names.
    static func capitalized(_ s: String) -> String {
        s.split(separator: " ").map { w in
            w.first!.isLowercase ? w.prefix(1).uppercased() + w.dropFirst() : String(w)
        }.joined(separator: " ")
    }

    /// The choice a message picks: its number alone ("2"), or its value, label or a synonym.
    /// "una reunión" is never option 1: only a bare number selects by position.
    /// `phrase`: `Phrase(text)` when the caller has it.
    static func choice(in text: String, choices: [Choice], phrase given: Phrase? = nil) -> Choice? {
        let phrase = given ?? Phrase(text)
        let core = phrase.core
        if let n = Int(core), (1...choices.count).contains(n) { return choices[n - 1] }
        // «el 2», «la opción 3», «número 1»; «la 5 nomás», «el 2 po» too (the filler after it
        // left «la 5 nomás» not understood, though «5 nomás» was).
        let t = phrase.tokens
        var said = t[...]
        while said.count > 2, let last = said.last {
            if ["nomas", "po", "pues", "porfa"].contains(last) { said = said.dropLast() }
            else if last == "mas", said.dropLast().last == "no" { said = said.dropLast(2) }
            else { break }
        }
        if said.count >= 2, said.count <= 3, let n = Int(said[said.endIndex - 1]), (1...choices.count).contains(n),
           said.dropLast().allSatisfy(["el", "la", "opcion", "numero", "n", "nro"].contains) {
            return choices[n - 1]
        }
        let ordinals = ["primera", "primero", "segunda", "segundo", "tercera", "tercero", "cuarta", "cuarto", "quinta", "quinto"]
        if let i = ordinals.firstIndex(of: core.replacingOccurrences(of: "la ", with: "").replacingOccurrences(of: "el ", with: "")),
           i / 2 < choices.count {
            return choices[i / 2]
        }
        // Exact forms first, then forms contained in the message, then one typo.
        let forms = choices.map { c in (c, ([c.value, c.label] + c.synonyms).map { Phrase($0).core }) }
        if let hit = forms.first(where: { $0.1.contains(core) }) { return hit.0 }
        // «dos», «la opción tres»: the option's number in words.
        if let n = optionNumber(t), (1...choices.count).contains(n) { return choices[n - 1] }
        let padded = " " + core + " "
        let contained = forms.filter { $0.1.contains { f in !f.isEmpty && padded.contains(" " + f + " ") } }
        if contained.count == 1 { return contained[0].0 }
        // «profesora encargada» says «profesora» (one choice) inside «profesora encargada»
        // (another): the longer form is the one meant, when it covers every other form said.
        if contained.count > 1 {
            let said = contained.map { c in (c.0, c.1.filter { !$0.isEmpty && padded.contains(" " + $0 + " ") }) }
            let longest = said.map { ($0.0, $0.1.max { $0.count < $1.count } ?? "") }.max { $0.1.count < $1.1.count }
            if let (winner, form) = longest,
               said.allSatisfy({ $0.0 == winner || $0.1.allSatisfy { (" " + form + " ").contains(" " + $0 + " ") } }) {
                return winner
            }
        }
        let fuzzy = forms.filter { $0.1.contains { f in f.count >= 4 && TextFold.editDistance(f, core) <= (f.count >= 8 ? 2 : 1) } }
        return fuzzy.count == 1 ? fuzzy[0].0 : nil
    }
}

extension SlotParser {
    /// The option number a message says and nothing else: «3», «el 3», «opción tres», «dos».
    static func optionNumber(_ t: [String]) -> Int? {
        guard let last = t.last, t.count <= 3, t.dropLast().allSatisfy(["el", "la", "opcion", "numero", "n", "nro"].contains) else { return nil }
        if let n = Int(last) { return n }
        return optionWords.firstIndex(of: last).map { $0 + 1 }
    }

    static let optionWords = ["uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez"]

    /// «3» to a question with two options: the number said, when it is no option's.
    public static func outOfRange(_ text: String, count: Int, phrase: Phrase? = nil) -> Int? {
        guard count > 0, let n = optionNumber((phrase ?? Phrase(text)).tokens), !(1...count).contains(n) else { return nil }
        return n
    }

    /// «No hay opción 3: responde 1 o 2…», said instead of asking the same again.
    public static func outOfRangeNote(_ n: Int, count: Int) -> String {
        let valid = count == 2 ? "1 o 2" : count == 1 ? "1" : "un número del 1 al \(count)"
        return "No hay opción \(n): responde \(valid), o dime cuál con tus palabras."
    }
}

/// Cleans what a user typed before anything reads it.
public enum Sanitize {
    /// Control characters removed (tabs become spaces), whitespace trimmed and collapsed.
    public static func line(_ s: String) -> String {
        // Fast path: printable ASCII and Spanish letters (U+00A1…U+00FF but the soft hyphen),
        // with single inner spaces, is already clean. Strings are valid UTF-8, so a lead byte
        // tells which scalar range follows.
        var contiguous = s
        let alreadyClean = contiguous.withUTF8 { bytes -> Bool in
            guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20 else { return false }
            var previousSpace = false
            var lead: UInt8 = 0   // 0xC2 or 0xC3 while its second byte is next
            for b in bytes {
                if lead != 0 {
                    // After C2: C1 controls, NBSP and the soft hyphen (U+0080…U+00A0, U+00AD) need the slow path.
                    if lead == 0xC2 && (b < 0xA1 || b == 0xAD) { return false }
                    lead = 0
                    continue
                }
                if b == 0xC2 || b == 0xC3 { lead = b; previousSpace = false; continue }
                if b < 0x20 || b >= 0x7F || (b == 0x20 && previousSpace) { return false }
                previousSpace = b == 0x20
            }
            return true
        }
        if alreadyClean { return s }
        var out = String.UnicodeScalarView()
        var lastSpace = true
        for u in s.unicodeScalars {
            // Controls are C0/C1; format characters (zero-width, bidi, BOM) all sit at U+00AD and above.
            let control = u.value < 0x20 || (0x7F...0x9F).contains(u.value)
                || (u.value >= 0xAD && u.value != 0x200D && u.properties.generalCategory == .format)
            if control {
                if u == "\t" || u == "\n" || u == "\r", !lastSpace { out.append(" "); lastSpace = true }
                continue
            }
            if u == " " || u.properties.isWhitespace {
                if !lastSpace { out.append(" "); lastSpace = true }
                continue
            }
            out.append(u)
            lastSpace = false
        }
        var r = String(out)
        while r.hasSuffix(" ") { r.removeLast() }
        return r
    }
}

extension DialogEngine {
    /// The names a people answer gives, read as the engine reads them (members matched, groups
    /// kept); nil when it names nobody. For flow extensions that split an answer first.
    public static func people(in text: String, slot: SlotDefinition, context: EngineContext) -> [String]? {
        if case .value(let v) = SlotParser.parse(text, slot: slot, context: context) { return v.listValue }
        return nil
    }

    /// The members a group said by role stands for (`SlotParser.roleMembers`), nil when none.
    public static func roleMembers(_ group: String, context: EngineContext) -> [String]? {
        SlotParser.roleMembers(group, context: context)
    }
}

/// The words of folded text (`Phrase.tokens`) as byte ranges of it, without a string each.
struct FoldedWords: Sequence, IteratorProtocol {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var at = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func next() -> UnsafeBufferPointer<UInt8>? {
        while at < bytes.count, bytes[at] == 0x20 { at += 1 }
        guard at < bytes.count else { return nil }
        let start = at
        while at < bytes.count, bytes[at] != 0x20 { at += 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<at])
    }
}
