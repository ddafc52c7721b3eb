import CivilTime
import DialogEngine
import Domain
import Understanding

/// Calendar checks for a meeting being scheduled: feriados, the region's winter break, the
/// region's summer break (`ChileanCalendar.summerBreak`, from Mineduc's regional calendars), and
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
        // The summer break is said even without a region: the dates most of the country shares,
        // with an invitation to say the region (the far south ends a week later).
        var summers: [ChileanCalendar.SummerBreak] = []
        for y in Set(dates.map(\.date.year)).sorted() {
            for b in [ChileanCalendar.summerBreak(startingIn: y - 1, region: region), ChileanCalendar.summerBreak(startingIn: y, region: region)]
            where !summers.contains(b) { summers.append(b) }
        }
        let inSummer = dates.filter { dt in summers.contains { $0.range.contains(dt.date) } }
        if let b = summers.first(where: { r in inSummer.contains { r.range.contains($0.date) } }) {
            let range = summerRange(b, today: today)
            let summer = "vacaciones de verano" + (region.map { " de \($0)" } ?? "")
            // A series with no date in January or February (it skips them, or starts on the
            // first days of March) falls only on the break's edges: those dates are named, and
            // skipping the months would not help.
            let skipsSummer = !inSummer.contains { $0.date.month == 1 || $0.date.month == 2 }
            if draft.rrule == nil {
                out.append("Ojo: esa fecha cae en \(summer) (\(range)); muchos colegas no van a estar.")
            } else if skipsSummer {
                let list = inSummer.prefix(3).map { SpanishFormat.date($0.date, today: today) }
                out.append("Ojo: " + (inSummer.count == 1 ? "el \(list[0]) ya es" : "\(SlotValue.joinSpanish(list)) ya son")
                    + " \(summer) (\(range)); conviene moverl\(inSummer.count == 1 ? "a" : "as").")
            } else {
                out.append("Ojo: \(inSummer.count == 1 ? "una fecha de la serie cae" : "\(inSummer.count) fechas de la serie caen") en \(summer) (\(range)). Si en vacaciones no se juntan, dímelo («menos en vacaciones») y salto enero y febrero.")
            }
            // Said while a meeting is being scheduled, so the region is for when it is done.
            if region == nil { out.append("Usé las fechas de la mayoría de las regiones. Cuando terminemos, dime la región de la red (por ejemplo «la región es Magallanes») y te aviso con las suyas.") }
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

    /// A summer break as said to the user: «del sábado 19 de diciembre al martes 2 de marzo de
    /// 2027», with «aprox.» when a bound comes from the fallback rule.
    static func summerRange(_ b: ChileanCalendar.SummerBreak, today: LocalDate) -> String {
        "del \(SpanishFormat.date(b.range.lowerBound, today: today)) al \(SpanishFormat.date(b.range.upperBound, today: today))"
            + (b.estimated ? ", aprox." : "")
    }

    /// Said after an answer given with the national dates.
    static let regionInvitation = "Usé las fechas de la mayoría de las regiones. Si me dices la región de la red (por ejemplo «la región es Magallanes»), te aviso con las suyas."

    /// The whole months of the network's coming summer break («menos en vacaciones»): January
    /// and February in every calendar so far, read from the region's dates all the same.
    static func summerMonths(_ context: EngineContext) -> [Int] {
        let b = ChileanCalendar.currentOrNextSummerBreak(today: context.today, region: context.snapshot?.network.region).range
        var months: [Int] = []
        var first = LocalDate(year: b.lowerBound.year, month: b.lowerBound.month, day: 1)
        while first <= b.upperBound {
            let last = first.adding(months: 1).adding(days: -1)
            if b.contains(first), b.contains(last) { months.append(first.month) }
            first = first.adding(months: 1)
        }
        return months.isEmpty ? [1, 2] : months
    }
}
