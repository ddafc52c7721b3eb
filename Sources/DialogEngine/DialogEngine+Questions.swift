import Understanding

/// Questions said along with something else: a topic word alone, questions and a request in
/// one message, a how-question after what to do, a question that opens a longer answer.
extension DialogEngine {
    /// A word that may be a topic: letters only, long enough not to be a reply («ok», «sí»), with
    /// the vowels of a word (keys hit at random, «asdfg», are not one).
    static func isTopicWord(_ w: String) -> Bool {
        guard w.utf8.count >= 5, w.utf8.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }), !greetingFiller.contains(w) else { return false }
        let vowels = w.utf8.filter { "aeiou".utf8.contains($0) }.count
        return vowels >= 2 && vowels * 4 >= w.utf8.count
    }

    /// The questions (parts ending in «?») of a message that also says something else, and that
    /// something else; nil unless both are there.
    static func questionsAndRest(_ clean: String) -> ([Query], asked: [String], String)? {
        guard TextFold.contains(clean, byte: UInt8(ascii: "?")) else { return nil }
        let parts = QueryMatcher.sentences(clean)
        var queries: [Query] = []
        var asked: [String] = []
        var rest: [String] = []
        for part in parts where Phrase(part.text).tokens.count >= 1 {
            if part.asked, let q = QueryMatcher.match(Phrase(part.text), raw: part.text + "?", strict: true) {
                asked.append(part.text)
                if !queries.contains(q) { queries.append(q) }
            } else {
                rest.append(String(part.text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()))
            }
        }
        let request = rest.joined(separator: ", ")
        guard !queries.isEmpty, Phrase(request).contentCount >= 2 else { return nil }
        return (queries, asked, request)
    }

    /// «¿cuándo vence lo de la feria? ¿y quiénes son los miembros?»: the words of the message
    /// that ask `query`, when it asks several things (each answer reads only its own question).
    public static func words(asking query: Query, in text: String) -> String? {
        QueryMatcher.parts(text).first { $0.query == query }?.text
    }

    /// How a flow goes, in one line.
    func explanation(_ f: FlowDefinition) -> String {
        let asks = f.slots.filter { !$0.optional && $0.condition == nil }.map(\.label)
        return "Para «\(f.title.prefix(1).lowercased() + f.title.dropFirst())» escribe «\(f.triggers.first ?? f.title)»: te voy preguntando "
            + SlotValue.joinSpanish(asks) + ", de a una cosa, y antes de guardar te muestro el resumen."
    }

    /// «queremos hacer el autodiagnóstico de la red, ¿cómo lo hacemos?», «el CESFAM nos apoya con…,
    /// ¿cómo lo anoto?»: what comes before a closing «¿cómo lo…?» (the thing to be done), or nil.
    static func beforeHowQuestion(_ message: Utterance) -> String? {
        let t = message.phrase.tokens
        // Cheap: a «como» among the last five words.
        guard t.count >= 5, t.suffix(5).contains("como") else { return nil }
        let text = message.clean
        guard let cut = text.lastIndex(where: { ",.;¿".contains($0) }) else { return nil }
        let tail = Phrase(String(text[text.index(after: cut)...])).tokens
        guard tail.count >= 2, tail.count <= 5, tail[0] == "como" else { return nil }
        let opens = howObjects.contains(tail[1]) ? (tail.count > 2 && howVerbs.contains(tail[2])) : howVerbs.contains(tail[1])
        guard opens else { return nil }
        let content = String(text[..<cut].reversed().drop { " ,.;¿".contains($0) }.reversed())
        return Phrase(content).contentCount >= 2 ? content : nil
    }

    static let howObjects: WordSet = ["lo", "la", "los", "las", "se", "le", "les"]
    static let howVerbs: WordSet = ["hacemos", "hago", "hace", "hacen", "haria", "hariamos", "anoto", "anotamos", "anota", "registro", "registramos",
                                        "registra", "empezamos", "empiezo", "partimos", "parto", "hacer", "anotar", "registrar", "puedo", "podemos",
                                        "pongo", "ponemos", "dejo", "dejamos", "guardo", "guardamos", "agrego", "agregamos"]

    /// «¿cómo vamos con las metas? en la red el ausentismo está en 26%, anótalo» while a question
    /// waits: a question that opens a longer message is asked all the same (only when a «?» ends
    /// it before the message does).
    static func leadingQuestion(_ clean: String) -> Query? {
        // Most answers have no «?» at all: a byte scan says so before `firstIndex(of:)` walks the
        // text Character by Character (a «?» Character always holds a «?» byte).
        guard TextFold.contains(clean, byte: UInt8(ascii: "?")),
              let mark = clean.firstIndex(of: "?"), clean.index(after: mark) < clean.endIndex else { return nil }
        let head = String(clean[...mark])
        return QueryMatcher.match(Phrase(head), raw: head, strict: true)
    }

    /// A phase in which a message would become a slot's value: a question asked, or «¿otro?».
    static func opensAnswerSlot(_ phase: FlowRun.Phase) -> Bool {
        switch phase {
        case .asking, .more: true
        default: false
        }
    }

    /// «cuantos somos?», «y cuales estan cumplidos?»: a short message that ends with «?» and opens
    /// with a question word. Never a person's name nor a short text value; long free texts (a
    /// reflection may well be a question) and yes/no or choice questions read it their own way.
    static func isOpenQuestion(_ clean: String, phrase: Phrase, slot: SlotDefinition) -> Bool {
        // Cheap first: most answers have no «?» at all.
        guard TextFold.contains(clean, byte: UInt8(ascii: "?")),
              [.people, .person, .text].contains(slot.type),
              clean.trimmingCharacters(in: .whitespaces).hasSuffix("?") else { return false }
        let t = phrase.tokens.drop { QueryMatcher.questionFillers.contains($0) }
        guard let first = t.first, t.count >= 2, t.count <= 10 else { return false }
        return QueryMatcher.questionWords.contains(first)
    }

    /// A question said outright while a flow asks something: a question word opens it (after
    /// «y», «oye»…), and a «?» ends it or, without one, a «y» leads it («y cuáles vencen esta
    /// semana»). `.some(query)` when the records answer it; `.some(nil)` when it is still a
    /// question (marked, not answered: said so, never the value); nil when it is no question.
    /// Yes/no and choice questions read their answers their own way; a long free text (a
    /// reflection) may well hold a question.
    static func askedOutright(_ clean: String, phrase: Phrase, slot: SlotDefinition) -> Query?? {
        let c = phrase.classes
        // Cheap first: the opening word's bits (most answers open with no question word).
        // «q decisiones ha tomado la red?»: «q» is «qué» typed short, as `askedAtAnyKind` reads it
        // (issue 12: it offered to start a decision).
        // «¿tenemos reunión el miércoles 9?» opens with «tenemos» as «¿hay reunión…?» opens with
        // «hay» (issue 12: it became the agreement «¿tenemos reunión», due the 9th); only a
        // question the records answer, never «¿tenemos que…?».
        // «¿a qué hora es la reunión del miércoles?» opens with the hour asked (issue 12: its day
        // became the agreement's plazo).
        guard let k = c.prefix(3).firstIndex(where: { !$0.contains(.questionFiller) }),
              c[k].contains(.questionWord) || phrase.tokens[k] == "hay" || phrase.tokens[k] == "q" || phrase.tokens[k] == "tenemos"
                || Self.asksHour(phrase.tokens, at: k),
              slot.type != .yesno, slot.type != .confirm, slot.type != .choice, slot.type != .longtext else { return nil }
        let t = phrase.tokens
        guard t.count - k >= 2, t.count <= 14 else { return nil }
        let had = t[k] == "tenemos"
        if had, t[k + 1] == "que" { return nil }
        let marked = TextFold.contains(clean, byte: UInt8(ascii: "?"))
        if marked {
            // A question that opens a longer message («¿cómo vamos? en la red el ausentismo está en
            // 26%, anótalo») is read by the flow and `leadingQuestion`.
            // Several questions in one message are each answered (`QueryMatcher.several`).
            guard clean.trimmingCharacters(in: .whitespaces).hasSuffix("?"), clean.utf8.lazy.filter({ $0 == UInt8(ascii: "?") }).count == 1 else { return nil }
            if let query = QueryMatcher.match(phrase, raw: clean, strict: true) { return .some(query) }
            if had { return nil }
            // «¿qué?», «¿cómo así?»: short puzzlement is read by the repairs.
            return t.count - k >= 3 && t.count <= 10 && slot.type != .text && slot.type != .people && slot.type != .person ? .some(nil) : nil
        }
        // «cuando es la proxima reunion», «a que hora es el consejo» with no mark: the question
        // word, a verb in the indicative right after it, and a meeting asked about (issue 12: its
        // day became the plazo). «cuando sea la próxima reunión» says a deadline, and stays one.
        let verbAt = Self.asksHour(t, at: k) ? k + 3 : k + 1
        if !had, t[k] == "cuando" || t[k] == "donde" || verbAt == k + 3, verbAt < t.count, Self.indicativeAfterQuestion.contains(t[verbAt]),
           let query = QueryMatcher.match(phrase, raw: clean, strict: true),
           query == .nextMeeting || query == .meetings || query == .meetingDetails {
            return .some(query)
        }
        guard !had, k >= 1, t[0] == "y", t.count >= 3, let query = QueryMatcher.match(phrase, raw: clean, strict: true) else { return nil }
        return .some(query)
    }

    /// «a qué hora …» at `k`.
    static func asksHour(_ t: [String], at k: Int) -> Bool {
        t[k] == "a" && k + 2 < t.count && (t[k + 1] == "que" || t[k + 1] == "q") && t[k + 2] == "hora"
    }

    /// Verbs in the indicative after «cuándo», «dónde», «a qué hora»: a question, not a deadline.
    static let indicativeAfterQuestion: WordSet = ["es", "son", "sera", "seria", "toca", "tenemos", "hay", "empieza", "parte"]

    /// Words that put a request aside of the question being asked: «uy espera, primero …».
    static let sideLeads: WordSet = ["uy", "espera", "esperate", "primero", "antes", "perdon"]

    /// The request after the side leads («uy espera, primero agrega…» → «agrega…»); nil when
    /// nothing else is said.
    static func afterSideLeads(_ clean: String) -> String? {
        var words = clean.split(separator: " ")[...]
        while let w = words.first, sideLeads.contains(TextFold.fold(String(w)).filter(\.isLetter)) || w.allSatisfy({ ",.;:!".contains($0) }) {
            words = words.dropFirst()
        }
        let rest = words.joined(separator: " ")
        return Phrase(rest).tokens.count >= 2 ? rest : nil
    }
}
