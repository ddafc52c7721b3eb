import CivilTime
import DialogEngine
import Domain
import Foundation
import Understanding

/// The day something was decided or agreed, when the sentence says it next to the deciding verb:
/// «…, lo decidimos todos los profes el 20 de noviembre», «el 20 de noviembre decidimos que…»,
/// «lo acordamos en la reunión de noviembre». Only the words around the verb count, never what
/// follows its «que» (what was decided may hold its own dates: «decidimos que la reu de hoy se
/// corta a las 5»), and only a day that already came.
enum DecidedOn {
    static let verbs: WordSet = ["decidimos", "acordamos", "votamos", "resolvimos", "aprobamos", "definimos", "quedamos",
                                 "decidieron", "acordaron", "votaron", "aprobaron", "decidio", "acordo"]

    /// The day (a month said alone is that month's only meeting, else the whole month as a
    /// range; nil for today, the date a record gets anyway) and the text without the words that
    /// said it; nil when no such day is said.
    static func read(_ text: String, context: EngineContext) -> (value: SlotValue?, rest: String)? {
        // Cheap gate: most texts have no deciding verb at all.
        guard Phrase(text).tokens.contains(where: verbs.contains) else { return nil }
        for clause in clauses(text) {
            let words = clause.split(separator: " ").map(String.init)
            guard let v = words.firstIndex(where: { verbs.contains(Phrase($0).core) }) else { continue }
            let verb = words[v]
            // After the verb up to its «que»; before it, the clause's opening words.
            let after = words[(v + 1)...].prefix { Phrase($0).core != "que" }
            for (side, said) in [(after, verb + " " + after.joined(separator: " ")),
                                 (words[..<v], words[..<v].joined(separator: " ") + " " + verb)] where !side.isEmpty {
                guard let m = TemporalParser.parsePast(said, context: context.temporal), !m.isAmbiguous,
                      let value = value(m.value, context: context) else { continue }
                guard let r = text.range(of: m.text) else { continue }
                return (value == .date(context.today) ? nil : value, without(r, in: text, trimming: " ,;"))
            }
        }
        return nil
    }

    /// «todos, en la reunión del jueves pasado» to «¿Quiénes lo acordaron?», «…lo aprobó el
    /// consejo el viernes»: a day before today said anywhere in a short answer or request whose
    /// question or verb already says it is the day of the deciding (without that, the day was
    /// dropped and the record got today: qa33). The day and the text without its words; nil when
    /// no single past day is said (a month alone, today, or a day that may be two).
    static func pastDay(_ text: String, context: EngineContext) -> (day: LocalDate, rest: String)? {
        guard let m = TemporalParser.parsePast(text, context: context.temporal), !m.isAmbiguous,
              case .date(let d)? = value(m.value, context: context), d < context.today,
              let r = text.range(of: m.text) else { return nil }
        return (d, without(r, in: text, trimming: " ,;."))
    }

    /// The text without the day's words at `r`. «…, lo acordamos en la reunión de», «…todos los
    /// profes el»: the words left hanging at the end of the clause before the day go too.
    private static func without(_ r: Range<String.Index>, in text: String, trimming: String) -> String {
        var before = String(text[..<r.lowerBound])
        let following = text[r.upperBound...].drop { $0 == " " }
        if following.isEmpty || ",;.".contains(following.first!) {
            before = before.replacingOccurrences(of: #"(?i)(\s+(en|la|el|de|del|reunion|reunión|reu|jornada|encuentro))+\s*$"#,
                                                 with: "", options: .regularExpression)
        }
        return (before + " " + following).replacingOccurrences(of: #"\s{2,}"#, with: " ", options: .regularExpression)
            .replacingOccurrences(of: " ,", with: ",")
            .trimmingCharacters(in: CharacterSet(charactersIn: trimming))
    }

    /// «20 de noviembre: la prueba común…» (what is left of «registrar decisión del 20 de
    /// noviembre: …»): a day before a colon heads the text; nil when what precedes the colon is
    /// more than a day.
    static func heading(_ text: String, context: EngineContext) -> (value: SlotValue?, rest: String)? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let head = String(text[..<colon])
        guard let m = TemporalParser.parsePast(head, context: context.temporal), !m.isAmbiguous,
              Phrase(head).tokens.count <= Phrase(m.text).tokens.count + 1, let value = value(m.value, context: context) else { return nil }
        let rest = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard !rest.isEmpty else { return nil }
        return (value == .date(context.today) ? nil : value, rest)
    }

    /// «, ; .» split the sentence; each piece keeps its own words.
    static func clauses(_ text: String) -> [String] {
        text.split(whereSeparator: { ",;.".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// A day up to today, or a month (or a range within it) already begun. The text is read as
    /// the past (`TemporalParser.parsePast`): «la jornada del 18» said on the 28th is this
    /// month's 18th, «en la reunión de noviembre» said in December this year's November.
    static func value(_ t: Temporal, context: EngineContext) -> SlotValue? {
        let today = context.today
        switch t {
        case .date(let d) where d <= today: return .date(d)
        case .dateTime(let dt) where dt.date <= today: return .date(dt.date)
        case .dateRange(let a, let b) where a <= today:
            let end = min(b, today)
            // «en la reunión de noviembre»: the network's only meeting that month is that day.
            let met = (context.snapshot?.meetings ?? []).flatMap { $0.scheduledDates(from: a, to: end, limit: 3) }
            if Set(met).count == 1 { return .date(met[0]) }
            return a == end ? .date(a) : .dateRange(a, end)
        default: return nil
        }
    }
}
