import CivilTime
import Understanding

extension DialogEngine {
    /// The partial that keeps a part of the day said without an hour («en la tarde»): its first
    /// hour, with the day when one was kept (`.dateTime`), else alone (`.time`). Flows that read
    /// the part with a day in the request keep it here too (`encuentro`).
    public static let dayPartKey = "parte"

    /// «en la tarde» to «¿A qué hora?» (a time, or the hour of a day kept): a part of the day is
    /// not an hour (it was stored as 14:00). It is kept and the hour asked within it («¿A qué
    /// hora de la tarde?»); a bare hour then («a las 3», «4») is read in that part (15:00, 16:00).
    /// True when the answer was one of these and was handled.
    func dayPartAnswer(_ clean: String, slot: SlotDefinition, run: FlowRun, flow: FlowDefinition,
                       state: inout DialogState, context: EngineContext, out: inout [Effect]) -> Bool {
        guard slot.type == .time || slot.type == .datetime,
              let m = TemporalParser.parse(clean, context: context.temporal), m.alternatives.count <= 1 else { return false }
        // The day kept for this question («el lunes 14», then «¿A qué hora?»), if any.
        var day: LocalDate?
        if slot.type == .datetime {
            if case .date(let d)? = run.partials?[slot.name] { day = d }
        }
        if let start = m.bareDayPart {
            var r = run
            let words = TemporalMatch.dayPartWords(startingAt: start)
            r.partials = (r.partials ?? [:]).merging([Self.dayPartKey: day.map { .dateTime(LocalDateTime(date: $0, time: start)) } ?? .time(start)]) { $1 }
            state.current = r
            if let day {
                out.append(.say("¿A qué hora \(words) el \(SpanishFormat.date(day, today: context.today))?"))
            } else if slot.type == .time {
                out.append(.say("¿A qué hora \(words)?"))
            } else {
                out.append(.say("¿Qué día, y a qué hora \(words)?"))
            }
            return true
        }
        // «en la tarde», then «el jueves 10»: the day, and the hour asked within the part kept.
        if slot.type == .datetime, day == nil, case .time(let part)? = run.partials?[Self.dayPartKey], case .date(let d) = m.value {
            var r = run
            r.partials = (r.partials ?? [:]).merging([slot.name: .date(d), Self.dayPartKey: .dateTime(LocalDateTime(date: d, time: part))]) { $1 }
            state.current = r
            out.append(.say("¿A qué hora \(TemporalMatch.dayPartWords(startingAt: part)) el \(SpanishFormat.date(d, today: context.today))?"))
            return true
        }
        // A bare hour to the question asked within a part of the day kept.
        let part: LocalTime
        switch run.partials?[Self.dayPartKey] {
        case .dateTime(let p)? where day == nil || p.date == day: part = p.time
        case .time(let t)?: part = t
        default: return false
        }
        let words = TemporalMatch.dayPartWords(startingAt: part)
        let said = Phrase(clean).tokens
        guard case .time(let plain) = m.value, said.count == Phrase(m.text).tokens.count,
              // «a las 9 de la mañana» says its own part: read as said.
              !said.contains(where: Self.ownDayPartWords.contains),
              let within = TemporalParser.parse(m.text + " " + words, context: context.temporal), case .time(let t) = within.value else { return false }
        // «a las 9» said of «en la tarde» would be 21:00, no longer the afternoon: asked, never
        // stored at an hour the person did not mean.
        guard t.hour >= part.hour - 2, t.hour <= part.hour + 6 else {
            let h = plain.hour % 12 == 0 ? 12 : plain.hour % 12
            var n = "\(h)"
            if plain.minute > 0 { n += plain.minute < 10 ? ":0\(plain.minute)" : ":\(plain.minute)" }
            out.append(.say("«\(clean)» \(words) serían las \(SpanishFormat.time(t)). Dime si es «a las \(n) de la mañana», «de la tarde» o «de la noche»."))
            return true
        }
        var r = run
        r.partials?[Self.dayPartKey] = nil
        if r.partials?.isEmpty == true { r.partials = nil }
        state.current = r
        if slot.type == .time {
            accept(.time(t), slot: slot, flow: flow, state: &state, context: context, out: &out)
        } else if let day {
            accept(.dateTime(LocalDateTime(date: day, time: t)), slot: slot, flow: flow, state: &state, context: context, out: &out)
        } else {
            r.partials = (r.partials ?? [:]).merging([slot.name: .time(t)]) { $1 }
            state.current = r
            out.append(.say("Anotado: a las \(SpanishFormat.time(t)). ¿Qué día?"))
        }
        return true
    }

    static let ownDayPartWords: Set<String> = ["manana", "tarde", "noche", "madrugada", "mediodia", "temprano", "am", "pm"]
}
