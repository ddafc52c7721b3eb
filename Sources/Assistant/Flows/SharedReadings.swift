import CivilTime
import DialogEngine
import Domain
import Understanding

/// Readings every flow gets that need the store: «todos» as the whole network, «pa la próxima
/// reunión» as that meeting's day, «la otra semana» as that week's Friday. Consulted after the
/// flow's own extension; keyed on slot types, never on flows.
struct SharedReadings: FlowExtension {
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        guard let s = context.snapshot else { return nil }
        let text = message.clean, phrase = message.phrase
        let today = context.today
        // «todos» for a list of people: the whole network, the speaker included.
        // «ya, vamos todos po»: the same, with the talk around it.
        if slot.type == .people, Self.everyone.contains(phrase.core)
            || Self.everyone.contains(Phrase(AnswerText.trimmed(text)).core) {
            var names = s.members.map(\.name)
            if let me = context.userName, !names.contains(me) { names.append(me) }
            guard !names.isEmpty else { return nil }
            return .fill([slot.name: .list(names)], remark: "\(capitalized(slot.label)): \(SlotValue.joinSpanish(names)).")
        }
        guard slot.type == .date else { return nil }
        // "pa la próxima reunión": the deadline is the day of the network's next meeting.
        if !text.utf8.contains(UInt8(ascii: "?")),
           phrase.tokens.contains(where: Self.meetingWords.contains), phrase.tokens.contains(where: Self.nextWords.contains) {
            guard let (meeting, at) = s.nextMeeting(after: context.temporal.localNow) else {
                return .reask("Todavía no hay una próxima reunión agendada, así que necesito el día.")
            }
            return .fill([slot.name: .date(at.date)],
                         remark: "Anotado: \(SpanishFormat.date(at.date, today: today)), el día de la próxima reunión («\(meeting.title)»).")
        }
        // "pa la reunión de marzo": the day of the meeting held then, not a request to schedule one.
        if phrase.tokens.contains(where: Self.meetingWords.contains), let m = TemporalParser.parse(text, context: context.temporal) {
            let (from, to): (LocalDate, LocalDate)
            switch m.value {
            case .date(let d): (from, to) = (d, d)
            case .dateRange(let a, let b): (from, to) = (a, b)
            default: return nil
            }
            let held = s.meetings.flatMap { meeting in meeting.scheduledDates(from: max(from, today), to: to, limit: 3).map { (meeting, $0) } }
                .sorted { $0.1 < $1.1 }
            guard let (meeting, day) = held.first else {
                let said = m.text.hasPrefix("de ") ? String(m.text.dropFirst(3)) : m.text
                return .reask("No encuentro una reunión agendada para «\(said)». ¿Qué día exacto?")
            }
            return .fill([slot.name: .date(day)], remark: "Anotado: \(SpanishFormat.date(day, today: today)), el día de «\(meeting.title)».")
        }
        // A deadline said as a week ("pa la otra semana"): that week's Friday; a longer span: ask for the day.
        if let m = TemporalParser.parse(text, context: context.temporal), case .dateRange(let a, let b) = m.value, b >= today,
           phrase.tokens.allSatisfy({ Phrase(m.text).tokens.contains($0) || Self.dateFiller.contains($0) }) {
            let span = b.dayNumber - a.dayNumber
            if span <= 7, let friday = (0...span).map({ a.adding(days: $0) }).first(where: { $0.weekday == 5 }), friday >= today {
                return .fill([slot.name: .date(friday)],
                             remark: "Anotado: \(SpanishFormat.date(friday, today: today)), el viernes de esa semana. Si es otro día, dímelo.")
            }
            let from = max(a, today)
            return .reask("«\(m.text)» va del \(SpanishFormat.date(from, today: today)) al \(SpanishFormat.date(b, today: today)). ¿Qué día exacto? Por ejemplo «el \(b.day)» o «\(b.day)/\(b.month)».")
        }
        return nil
    }

    func capitalized(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }

    static let meetingWords: Set<String> = ["reunion", "encuentro", "junta", "sesion", "consejo", "jornada"]
    static let nextWords: Set<String> = ["proxima", "proximo", "siguiente", "viene"]

    /// Words around a date that say nothing more ("pa la otra semana po").
    static let dateFiller: Set<String> = ["pa", "pal", "para", "la", "el", "en", "hasta", "ya", "po", "ojala", "antes", "de", "del", "a", "mas", "tardar", "lo", "durante", "igual"]

    static let everyone: Set<String> = [
        "todos", "todas", "todes", "vamos todos", "vamos todas", "van todos", "toda la red", "todo el equipo", "todos los miembros", "todos los participantes",
        "todo el mundo", "todos ellos", "todas ellas", "vinieron todos", "fueron todos", "todos vinieron", "la red completa",
        "nosotros", "nosotras", "todos nosotros", "todas nosotras", "entre todos", "entre todas", "todos juntos",
    ]
}
