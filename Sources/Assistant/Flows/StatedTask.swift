import CivilTime
import DialogEngine
import Understanding

extension AcuerdoFlow {
    /// «Lorena y yo redactamos el borrador del reglamento para el 15 de enero», «el Pedro manda
    /// las fotos pal viernes 4», «la tía Marta consigue el bus antes del 10»: people who do
    /// something by a deadline still to come, said at the menu without «anota» or «acordamos»,
    /// is an agreement to register (new-user pass qa18: it got the menu). The whole message is
    /// read as the agreement's request (who, by when, what), and saved only after its review.
    /// Nil unless the message opens with people only (names, «yo», a title or an article before
    /// a name), then a doing, then a deadline lead and a day that has not passed.
    static func statedTask(_ message: Utterance, context: EngineContext) -> String? {
        let t = message.phrase.tokens
        // «tb q la marisol consiga el data show pal 17», «y también que yo mande…» (qa19 p2, right
        // after an agreement): «también que» before the people adds another one, read the same.
        // (Only a message opening with one of these words goes on.)
        if let f = t.first, alsoLeads.contains(f), t.count >= 6 {
            var words = message.clean.split(separator: " ")[...]
            while let w = words.first, alsoLeads.contains(TextFold.fold(String(w)).filter(\.isLetter)) { words = words.dropFirst() }
            if let q = words.first, ["q", "que"].contains(TextFold.fold(String(q)).filter(\.isLetter)), words.count >= 5 {
                return statedTask(Utterance(words.dropFirst().joined(separator: " ")), context: context)
            }
        }
        // «hay que mandar el informe pal viernes», «tenemos que preparar la feria para el 15»: a task
        // with a deadline and no person yet (fixQ, qa20 C3: it got the menu). The doing is the
        // agreement's text; who does it is asked. (Two exact words open it: most messages stop here.)
        if t.count >= 5, t.count <= 30, impersonalLeads.contains(t[0]), t[1] == "que" || t[1] == "q", !message.questionMarked,
           let task = impersonalTask(message, context: context) {
            return task
        }
        // «la jefa UTP, Gloria Sepúlveda, envía el informe pal viernes», «el director, don Hugo,
        // coordina la salida…»: the person said by role, then by name between commas (an
        // apposition), is who does it; read from the name on, and the whole message kept.
        if let f = t.first, f == "la" || f == "el", let inner = apposition(message.clean), statedTask(Utterance(inner), context: context) != nil {
            var text = message.clean
            while let last = text.last, ".!".contains(last) { text.removeLast() }
            return text
        }
        // Read on every message at the menu: most have no deadline lead among their words, or
        // open with no person, and go no further.
        // (A member's name is looked up last, in the network's name index.)
        // «Norma Condori propone revisar las planillas el lunes 30»: a day said last, with no lead
        // before it, is the deadline too (qa25: it got the menu).
        guard t.count >= 5, t.count <= 40, !message.questionMarked,
              let lead = t.firstIndex(where: deadlineLeads.contains) ?? bareDayAtEnd(t), lead >= 2,
              let first = t.first, subjectOpeners.contains(first) || FirstNames.canonical(first) != nil || isMemberFirstName(first, context: context),
              !QuestionForm.asks(message) else { return nil }
        // The people: names (known first names or the network's), «yo», titles and the words
        // that join them; a title or an article makes the word after it a name («la tía Marta»).
        var i = 0, people = 0
        while i < lead {
            let w = t[i]
            if w == "yo" { people += 1; i += 1; continue }
            // «cada escuela aplica la prueba antes del 3 de septiembre» (issue 12: after «y también
            // que» it got the menu): each of the network, or each member of a role, does it.
            if i == 0, w == "cada", lead >= 4, AcuerdoFlow.eachOne(t[0...], context: context) != nil { people += 1; i += 2; continue }
            if joiners.contains(w) || titles.contains(w) {
                // «la tía Marta», «el profe Iturra»: the word after a title is the person, whoever she is.
                if titles.contains(w), i + 1 < lead, !notAVerb.contains(t[i + 1]), !titles.contains(t[i + 1]) { people += 1; i += 2; continue }
                i += 1
                continue
            }
            if FirstNames.canonical(w) != nil || isMemberFirstName(w, context: context) {
                people += 1
                i += 1
                // A surname after a first name («Lorena Castillo redacta…»): a member's words.
                while i < lead, isMemberWord(t[i], context: context), FirstNames.canonical(t[i]) == nil { i += 1 }
                // «la Paula del cesfam hace un taller…», «el Pedro de la escuela los aromos trae…»:
                // where the person is from, after her name, is no part of the doing (issue 12: «No
                // te entendí» at the menu, while «la Paula hace un taller…» was an agreement).
                if i < lead, t[i] == "del" || t[i] == "de", let past = placeAfterName(t, at: i, before: lead) { i = past }
                continue
            }
            break
        }
        // Then a doing and what it is about before the deadline (two words at least): «redactamos
        // el borrador», «manda las fotos».
        guard people > 0, i + 2 <= lead, case let verb = t[i], verb.count >= 3, !notAVerb.contains(verb), !notATask.contains(verb),
              !pastForms.contains(verb), !verb.hasSuffix("aron"), !verb.hasSuffix("ieron"),
              !t.contains(where: EncuentroFlow.gatherVerbs.contains) else { return nil }
        // «Pedro tiene licencia hasta el 15» says how things are; «Pedro tiene que mandar…» is a task.
        if haveForms.contains(verb), i + 1 < t.count, t[i + 1] != "que", t[i + 1] != "q" { return nil }
        // A past doing written with its accent («Pedro mandó las fotos para el 15»).
        let words = message.clean.split(separator: " ")
        if words.contains(where: { w in ["ó", "ió"].contains(where: { w.lowercased().hasSuffix($0) }) }) { return nil }
        // The deadline: a day said after the lead, today or later.
        guard dueDay(in: words, bare: !t.contains(where: deadlineLeads.contains), context: context) != nil else { return nil }
        var text = message.clean
        while let last = text.last, ".!".contains(last) { text.removeLast() }
        return text
    }

    /// «del cesfam», «de la escuela los aromos» at `i`, after a name: where the doing starts, the
    /// place being one to three words followed by a word shaped like a verb of the present
    /// («hace», «trae», «mandan»). Nil when no such word follows.
    static func placeAfterName(_ t: [String], at i: Int, before lead: Int) -> Int? {
        var k = i + 1
        if t[i] == "de", k < lead, ["la", "el", "los", "las"].contains(t[k]) { k += 1 }
        for span in 1...3 where k + span < lead {
            let next = t[k + span]
            guard !["de", "del", "la", "el", "los", "las", "y", "e", "con", "en", "a", "al"].contains(next) else { continue }
            if next.count >= 3, ["a", "e", "an", "en"].contains(where: { next.hasSuffix($0) }), !notAVerb.contains(next) { return k + span }
        }
        return nil
    }

    /// «la jefa UTP, Gloria Sepúlveda, envía…» → «Gloria Sepúlveda envía…»: the words after a
    /// role said first between an article and a comma (two to six words), when a short piece
    /// (one to four words) follows it before another comma. Nil otherwise.
    static func apposition(_ clean: String) -> String? {
        guard TextFold.contains(clean, byte: UInt8(ascii: ",")) else { return nil }
        let pieces = clean.split(separator: ",", omittingEmptySubsequences: false)
        guard pieces.count >= 3, (2...6).contains(Phrase(String(pieces[0])).tokens.count),
              (1...4).contains(Phrase(String(pieces[1])).tokens.count) else { return nil }
        let rest = pieces[2...].joined(separator: ",").trimmingCharacters(in: .whitespaces)
        return pieces[1].trimmingCharacters(in: .whitespaces) + " " + rest
    }

    /// The doing after «hay que» / «tenemos que» when a deadline to come follows it: «mandar el
    /// informe pal viernes». Nil when it says no day, a day gone by, or no doing.
    private static func impersonalTask(_ message: Utterance, context: EngineContext) -> String? {
        let t = message.phrase.tokens
        // «hay que posponer la reunión del 16 pal jueves» changes a record: not a new task.
        guard let lead = t.firstIndex(where: deadlineLeads.contains), lead >= 4, !notATask.contains(t[2]), !pastForms.contains(t[2]),
              !recordVerbs.contains(t[2]), !t.contains(where: EncuentroFlow.gatherVerbs.contains),
              !t.contains(where: { MeetingMention.nouns.contains($0) || $0 == "acuerdo" || $0 == "acuerdos" }) else { return nil }
        let words = message.clean.split(separator: " ")
        guard words.count == t.count || words.count >= 3, dueDay(in: words, context: context) != nil else { return nil }
        var text = words.dropFirst(2).joined(separator: " ")
        while let last = text.last, ".!".contains(last) { text.removeLast() }
        return text
    }

    /// The day said after the first deadline lead («para», «pal», «antes»…), when it is today or
    /// later: a task's deadline. Nil when no day follows or it has gone by.
    private static func dueDay(in words: [Substring], bare: Bool = false, context: EngineContext) -> LocalDate? {
        // `bare`: the day is said last with no lead, from its «el» (`bareDayAtEnd`).
        guard let at = bare ? words.lastIndex(where: { TextFold.fold(String($0)) == "el" })
                : words.firstIndex(where: { deadlineLeads.contains(TextFold.fold(String($0))) }),
              let m = TemporalParser.parse(words[at...].joined(separator: " "), context: context.temporal) else { return nil }
        let due: LocalDate
        switch m.value {
        case .date(let d): due = d
        case .dateTime(let d): due = d.date
        case .dateRange(_, let b): due = b
        default: return nil
        }
        return due < context.today ? nil : due
    }

    /// Where a day said last without a deadline lead starts («… el lunes 30», «… el viernes 4 de
    /// diciembre», «… el 30»): the «el» before a weekday or a day's number among the last five
    /// words, nothing but the day after it. Nil otherwise (most messages end otherwise).
    static func bareDayAtEnd(_ t: [String]) -> Int? {
        guard t.count >= 5, let last = t.last, last.first?.isNumber == true || weekdays.contains(last) || monthNames.contains(last) else { return nil }
        for k in stride(from: t.count - 2, through: max(2, t.count - 5), by: -1) where t[k] == "el" {
            let day = t[(k + 1)...]
            guard let d = day.first, d.first?.isNumber == true || weekdays.contains(d),
                  day.allSatisfy({ $0.first?.isNumber == true || weekdays.contains($0) || monthNames.contains($0) || $0 == "de" }) else { return nil }
            return k
        }
        return nil
    }

    private static let weekdays: WordSet = ["lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo"]
    private static let monthNames: WordSet = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                                              "setiembre", "octubre", "noviembre", "diciembre"]

    /// Verbs that change or record something in Minga, never a task of the network.
    private static let recordVerbs: WordSet = ["posponer", "postergar", "mover", "cambiar", "correr", "borrar", "eliminar", "suspender",
                                               "reprogramar", "agregar", "anotar", "registrar", "agendar", "cancelar", "corregir"]

    /// Words that open a task with no person: «hay que», «tenemos que».
    private static let impersonalLeads: WordSet = ["hay", "tenemos"]

    /// A member's first name (`PersonMatcher`'s index of the network's people, built once per list).
    private static func isMemberFirstName(_ w: String, context: EngineContext) -> Bool {
        PersonMatcher.match(w, among: context.members) != nil
    }

    private static func isMemberWord(_ w: String, context: EngineContext) -> Bool {
        context.members.contains { m in m.split(separator: " ").dropFirst().contains { TextFold.fold(String($0)) == w } }
    }

    /// What says the doing's deadline: «para», «pa», «pal», «antes del», «hasta el».
    static let deadlineLeads: WordSet = ["para", "pa", "pal", "antes", "hasta"]
    /// Words that may open the people: «yo», an article before a name, «y».
    private static let alsoLeads: WordSet = ["tb", "tbn", "tmb", "tambien", "ademas", "y"]
    private static let subjectOpeners: WordSet = ["yo", "la", "el", "y", "tia", "tio", "profe", "don", "dona", "cada"]
    private static let joiners: WordSet = ["y", "e", "la", "el", "con"]
    /// Words after the people that are no task to do: being able (a poll's answer), being or
    /// having been somewhere, negation, a record's own words.
    private static let notATask: WordSet = ["no", "ya", "puede", "puedo", "podemos", "pueden", "podria", "podriamos", "esta", "estamos",
                                            "estan", "estoy", "es", "somos", "son", "era", "eramos", "acuerdo", "acuerdos", "reunion",
                                            "sondeo", "encuesta", "cumplio", "cumplimos", "cumplieron", "quiere", "queremos", "prefiere",
                                            "preferimos", "viene", "vienen", "venimos", "llega", "llegan", "llegamos", "anda", "andan",
                                            "andamos", "queda", "quedan", "quedamos", "sigue", "siguen", "seguimos"]
    /// Having: a task only with «que» after it («tiene que mandar»).
    private static let haveForms: WordSet = ["tiene", "tienen", "tengo", "tenemos", "tendra", "tendran", "tendremos"]
    /// Past forms that are no other tense («redactamos» may be either; the day to come says which).
    private static let pastForms: WordSet = ["fue", "fuimos", "fueron", "hizo", "hicimos", "tuvo", "tuvimos", "vino", "vinimos", "estuvo",
                                             "estuvimos", "dijo", "dijimos", "pudo", "pudimos", "trajo", "trajimos", "hicieron"]
}
