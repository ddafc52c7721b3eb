import CivilTime
import DialogEngine
import Domain
import Understanding

/// A meeting already on the calendar named in a request: «la reunión de hoy», «la reunion del
/// jueves 17», «el encuentro de planificación». The flows that act on an existing meeting (its
/// acta, suspending it, an agreement taken in it) claim a request with one, so the noun
/// «reunión» alone no longer sends it to scheduling a new meeting.
enum MeetingMention {
    /// Nouns a network calls its meetings by.
    static let nouns: Set<String> = ["reunion", "encuentro", "jornada", "sesion", "microcentro", "consejo", "reu", "reuniones"]
    /// What points at one meeting in particular («la», «esa», «del»); «una reunión» is a new one.
    static let pointers: Set<String> = ["la", "el", "esa", "ese", "esta", "este", "del", "al"]

    /// Whether the message points at a meeting («la reunión», «el encuentro de hoy»), on the
    /// calendar or not.
    static func points(_ text: String) -> Bool {
        let t = Phrase(text).tokens
        return t.indices.contains { $0 > 0 && nouns.contains(t[$0]) && pointers.contains(t[$0 - 1]) }
    }

    /// The meeting the message points at, and the day it names (for a series, which session);
    /// nil when it points at none or at several.
    static func find(_ text: String, in s: NetworkSnapshot, context: EngineContext) -> (meeting: Meeting, date: LocalDate?)? {
        guard !s.meetings.isEmpty else { return nil }
        let words = text.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0).filter(\.isLetter) }
        let titled = titleNouns(in: s)
        guard let i = folded.indices.first(where: { $0 > 0 && (nouns.contains(folded[$0]) || titled.contains(folded[$0])) && pointers.contains(folded[$0 - 1]) }) else {
            return elided(folded, in: s)
        }
        // Only the few words that describe it («de planificación de hoy»): the rest of the
        // sentence («…quedamos en que cada escuela…») is what is done with it.
        var tail: [String] = [words[i]]
        for (w, f) in zip(words[(i + 1)...], folded[(i + 1)...]) {
            if tail.count > 5 || ["que", "hay", "quedamos", "acordamos", "porque", "pq", "xq"].contains(f) { break }
            let end = w.last.map { ",.;:!?".contains($0) } ?? false
            tail.append(end ? String(w.dropLast()) : w)
            if end { break }
        }
        let described = tail.joined(separator: " ")
        // «el encuentro 1», «la reunión 2»: by its number.
        if i + 1 < words.count, let n = Int(words[i + 1].trimmingCharacters(in: .punctuationCharacters)),
           let m = s.meetings.first(where: { $0.number == n }) {
            return (m, nil)
        }
        // «la reunión de marzo»: the one meeting that meets once in that month, on that day.
        if let m = TemporalParser.parse(described, context: context.temporal), case .dateRange(let a, let b) = m.value {
            let held = s.meetings.compactMap { m -> (Meeting, LocalDate)? in
                let days = m.scheduledDates(from: a, to: b, limit: 2)
                return days.count == 1 ? (m, days[0]) : nil
            }
            if held.count == 1 { return (held[0].0, held[0].1) }
        }
        let found = AsistenciaFlow.meetings(named: described, in: s, context: context)
        guard found.count == 1 else { return nil }
        var date: LocalDate?
        if let m = TemporalParser.parse(described, context: context.temporal), case .date(let d) = m.value {
            date = d
            // «la reunión del jueves 17» the day after: the session held then, not next June's.
            if found[0].occurrenceDate(heldOn: d) == nil,
               let back = recentlyHeld(d, text: described, in: [found[0]], today: context.today).first { date = back.1 }
        }
        return (found[0], date)
    }

    /// «la de reflexión se suspende», «la de convivencia»: a meeting named by a word of its title
    /// after «la de» (the noun left out), when that word is in one title only (pass 11: only the
    /// first word of a title named a meeting).
    static func elided(_ folded: [String], in s: NetworkSnapshot) -> (meeting: Meeting, date: LocalDate?)? {
        guard let i = folded.indices.first(where: { i in
            i >= 2 && folded[i].count >= 4 && ["de", "del"].contains(folded[i - 1]) && ["la", "el", "esa", "ese"].contains(folded[i - 2])
                && !weekdays.contains(folded[i])
        }) else { return nil }
        let word = Phrase.stem(folded[i])
        let hits = s.meetings.filter { $0.deleted == nil && Phrase($0.title).stems.contains(word) }
        return hits.count == 1 ? (hits[0], nil) : nil
    }

    /// The word a network's meeting titles open with («mesa» of «Mesa de convivencia escolar
    /// territorial», «taller», «consejo»): the network names those meetings by it as it would by
    /// «reunión» («la mesa del jueves se suspende»; pass 11, qa17: not recognised).
    static func titleNouns(in s: NetworkSnapshot) -> Set<String> {
        Set(s.meetings.filter { $0.deleted == nil }.compactMap { m in
            Phrase(m.title).tokens.first { !["la", "el", "los", "las", "un", "una", "de", "del", "nuestra", "nuestro", "primera", "segunda"].contains($0) }
        }.filter { $0.count >= 4 && !weekdays.contains($0) && Int($0) == nil })
    }

    static let weekdays: Set<String> = ["lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo"]

    /// A day read forward that a session was held on lately: «la reunión del jueves 17» on Friday
    /// the 18th reads as next June's 17th, but the network means yesterday's. The sessions held
    /// in the last four months on that day of the month (and weekday, when one is named), or with
    /// only a weekday («la del martes») in the last week; the latest first.
    static func recentlyHeld(_ d: LocalDate, text: String, in meetings: [Meeting], today: LocalDate) -> [(Meeting, LocalDate)] {
        guard d > today else { return [] }
        let t = Phrase(text).tokens
        // The weekday as said: a day read forward no longer moves months to fall on it
        // («del jueves 12» when the 12th is a Saturday), so `d`'s own weekday may be another.
        let order = ["lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo"]
        let saidWeekday = t.first(where: weekdays.contains).flatMap { order.firstIndex(of: $0) }.map { $0 + 1 }
        let weekday = saidWeekday != nil
        let numbered = !Read.numbers(in: text).isEmpty
        guard weekday || numbered else { return [] }
        let from = today.adding(days: numbered ? -120 : -7)
        var out: [(Meeting, LocalDate)] = []
        for m in meetings {
            let keys = Set(m.scheduledDates(from: from.adding(days: -70), to: today)).union(m.occurrences.keys)
            for k in keys {
                let held = m.heldDate(of: k)
                guard held >= from, held <= today, !numbered || held.day == d.day, !weekday || held.weekday == (saidWeekday ?? d.weekday) else { continue }
                out.append((m, k))
            }
        }
        return out.sorted { $0.0.heldDate(of: $0.1) > $1.0.heldDate(of: $1.1) }
    }
}
