import CivilTime
import DialogEngine
import Domain
import Understanding

/// Calendar checks for a meeting being scheduled: feriados, the region's winter break, the
/// summer break (`ChileanCalendar.summerBreak`, estimated from Mineduc's school calendars), and
/// clashes with meetings already in the calendar.
enum MeetingPlanner {
    /// The first day on or after `from` that a series with this RRULE falls on.
    static func firstDate(rrule: String, from: LocalDate) -> LocalDate? {
        guard let rule = RecurrenceRule(rrule) else { return nil }
        // A series without BYDAY repeats on its start's weekday or day; start counting from `from`.
        return rule.dates(startingAt: from, from: from, to: from.adding(days: 400), limit: 1).first
    }

    /// Warnings, in Spanish, for `draft` (a single meeting or the next year of a series).
    static func warnings(for draft: Meeting, in s: NetworkSnapshot, today: LocalDate) -> [String] {
        let horizon = today.adding(days: 365)
        let dates = draft.occurrences(from: today, to: horizon)
        guard !dates.isEmpty else { return [] }
        var out: [String] = []
        let region = s.network.region
        let holidays = dates.compactMap { dt in ChileanCalendar.holiday(on: dt.date, region: region).map { (dt.date, $0) } }
        if draft.rrule == nil, let (d, h) = holidays.first {
            out.append("Ojo: el \(SpanishFormat.date(d, today: today)) es feriado (\(h.name))" + (h.irrenunciable ? ", irrenunciable." : ".")
                + " Si prefieres otro día, dímelo, por ejemplo «no, mejor el miércoles 9 a las 15:00».")
        } else if !holidays.isEmpty {
            // The count said and the dates listed must agree: all of them when they are a few,
            // else the first ones and how many more.
            let shown = holidays.count <= 5 ? holidays.count : 3
            var list = holidays.prefix(shown).map { "\(SpanishFormat.date($0.0, today: today)) (\($0.1.name))" }
            if holidays.count > shown { list.append("\(holidays.count - shown) más") }
            out.append("Ojo: " + (holidays.count == 1 ? "una fecha de la serie cae en feriado: " : "\(holidays.count) fechas de la serie caen en feriado: ")
                + SlotValue.joinSpanish(list) + ". Esos días conviene moverlos.")
        }
        if let region {
            var breaks: [ClosedRange<LocalDate>] = []
            for y in Set(dates.map(\.date.year)).sorted() {
                if let b = ChileanCalendar.winterBreak(region: region, year: y) { breaks.append(b) }
            }
            let inBreak = dates.filter { dt in breaks.contains { $0.contains(dt.date) } }
            if let b = breaks.first(where: { r in inBreak.contains { r.contains($0.date) } }) {
                let range = "del \(SpanishFormat.date(b.lowerBound, today: today)) al \(SpanishFormat.date(b.upperBound, today: today))"
                out.append(draft.rrule == nil
                    ? "Ojo: esa fecha cae en vacaciones de invierno de \(region) (\(range))."
                    : "Ojo: \(inBreak.count == 1 ? "una fecha de la serie cae" : "\(inBreak.count) fechas de la serie caen") en vacaciones de invierno de \(region) (\(range)).")
            }
        }
        // The summer break is the same in every region, so it is said even without one.
        var summers: [ClosedRange<LocalDate>] = []
        for y in Set(dates.map(\.date.year)).sorted() {
            for b in [ChileanCalendar.summerBreak(startingIn: y - 1), ChileanCalendar.summerBreak(startingIn: y)].compactMap({ $0 })
            where !summers.contains(b) { summers.append(b) }
        }
        let inSummer = dates.filter { dt in summers.contains { $0.contains(dt.date) } }
        if let b = summers.first(where: { r in inSummer.contains { r.contains($0.date) } }) {
            let range = "del \(SpanishFormat.date(b.lowerBound, today: today)) al \(SpanishFormat.date(b.upperBound, today: today))"
            // A series that already skips January and February can only fall in late December:
            // those dates are named, and skipping the months would not help.
            let skipsSummer = draft.rrule.flatMap(RecurrenceRule.init).map { r in !r.byMonth.isEmpty && !r.byMonth.contains(1) && !r.byMonth.contains(2) } ?? false
            if draft.rrule == nil {
                out.append("Ojo: esa fecha cae en vacaciones de verano (\(range)); muchos colegas no van a estar.")
            } else if skipsSummer {
                let list = inSummer.prefix(3).map { SpanishFormat.date($0.date, today: today) }
                out.append("Ojo: " + (inSummer.count == 1 ? "el \(list[0]) ya es" : "\(SlotValue.joinSpanish(list)) ya son")
                    + " vacaciones de verano (\(range)); conviene moverl\(inSummer.count == 1 ? "a" : "as").")
            } else {
                out.append("Ojo: \(inSummer.count == 1 ? "una fecha de la serie cae" : "\(inSummer.count) fechas de la serie caen") en vacaciones de verano (\(range)). Si en vacaciones no se juntan, dímelo («menos en vacaciones») y salto enero y febrero.")
            }
        }
        // Clashes: any occurrence overlapping another meeting's occurrence.
        for dt in dates.prefix(60) {
            let end = dt.adding(minutes: draft.durationMinutes)
            for (other, at) in s.occurrences(from: dt.date, to: dt.date) where other.id != draft.id {
                let otherEnd = at.adding(minutes: other.durationMinutes)
                if at < end && dt < otherEnd {
                    out.append("Ojo: se topa con «\(other.title)» (encuentro \(other.number.map(String.init) ?? other.id)), el \(SpanishFormat.dateTime(at, today: today)) hasta las \(SpanishFormat.time(otherEnd.time)).")
                    return out
                }
            }
        }
        return out
    }
}
