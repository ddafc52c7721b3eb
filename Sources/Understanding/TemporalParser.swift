import CivilTime
import Foundation
import Locks

/// Reads dates, times, ranges and recurrences in informal Chilean Spanish.
///
/// The text is tokenized once (folded, typo-corrected words and numbers), then a hand-written
/// grammar is tried at every token, most specific rule first; the longest expression wins
/// (the leftmost on a tie) and the words around it are ignored ("volveré el 15").
///
/// ## Decisions (as a Chilean user would expect them)
/// - **Day–month order always**: "3/4" is 3 April; "3-mar", "15/sept/2027" and "2027/oct/02"
///   name the month. Two-digit years are 20xx unless that is more than 30 years ahead
///   ("4/7/81" is 1981), and never in the future in a sentence about the past.
/// - **Years and months are inferred forward**: "15/12" when 15 December is already past this
///   year means next year's; "en enero" said in December is next January; "el 15" after the
///   15th means the 15th of next month. Explicit years, "ayer", "hace…", "…pasado", "anterior",
///   and a past-tense verb in the same clause ("volví el lunes", "nací en marzo") go back.
/// - **A weekday with a day number that disagree** ("el jueves 12" when the 12th is a Saturday) is
///   the number's own day in the sentence's direction, with both days in `alternatives` (the
///   number's and the weekday's next to it): months are never skipped to make them agree.
/// - **A part of the day fixes a guessed hour**: "a las 8 esta noche" is 20:00, "a las 6 esta
///   mañana" 06:00, "a las 3 del mediodía" 15:00; "anoche" is yesterday's night.
/// - **Time ranges may cross midnight** from the evening into the small hours ("de 22:00 a 2:00"):
///   the end is earlier than the start, and with a day the end falls on the next day.
/// - **"el viernes"** (or "viernes", "el viernes que viene", "el próximo viernes") is the next
///   Friday strictly after today: said on a Friday it is a week later (for today people say
///   "hoy"); said on a Saturday it is six days later. "El próximo viernes" said on Monday is the
///   Friday of the same week (4 days), and said on Saturday the one 6 days later — the same
///   day as "el viernes"; "el viernes de la otra/próxima semana" is the Friday of next week.
/// - **"este viernes"** is the coming Friday, and today when said on a Friday.
/// - **"el otro lunes" is ambiguous** (the coming Monday or the one after): the value is the
///   Monday of next week (as in "la otra semana") and `alternatives` holds both candidates so
///   the dialog asks "¿el lunes 30 de noviembre o el lunes 7 de diciembre?".
/// - **Hours without am/pm**: 1–7 are afternoon ("a las 3" → 15:00, a school meets after
///   classes), 8–12 morning/noon, 0 and 13–23 literal; "08:00" with a leading zero is literal.
///   "de la mañana/tarde/noche", "am/pm" and "hrs" override.
/// - **Parts of the day**: mañana 08:00–12:00, tarde 14:00–18:00, noche 19:00–22:00,
///   madrugada 00:00–06:00, "temprano" 08:00–10:00, "hora de almuerzo" 13:00–14:00.
/// - **Weeks run Monday–Sunday**: "la otra semana" (Chilean for next week), "la próxima semana",
///   "la semana que viene" are next Monday–Sunday; "el fin de semana" is the coming Saturday–Sunday.
/// - "fin de mes"/"a fines de marzo"/"a fin de año" are the last day (a deadline);
///   "a principios de marzo" is 1–10 March, "a mediados de marzo" 11–20 March.
/// - From July to 19 September "después del 18" is after Fiestas Patrias: the first working day
///   after 19 September; "antes del 18" is 17 September. The rest of the year "el 18" is the next
///   18th of a month: "después del 18" the 19th, "antes del 18" the 18th itself (a plazo, as
///   "antes del 15" and "antes del 18 de diciembre" are). "las vacaciones de invierno" use the context's region
///   (Atacama–Los Ríos when none); "antes de las vacaciones" is the last working day before.
/// - "cada 15 días" / "quincenal" / "semana por medio" are every two weeks
///   (`FREQ=WEEKLY;INTERVAL=2`), as Chileans use them; "martes por medio" is every other Tuesday.
public enum TemporalParser {
    public static func parse(_ text: String, context: TemporalContext) -> TemporalMatch? {
        // One turn reads the same answer up to three times (the people check, the flow's own
        // reading, the slot's parser); reading is a pure function of the text and the context.
        if let hit = memo.withLock({ $0.result(text, context) }) { return hit }
        let result = read(text, context: context)
        memo.withLock { $0.keep(Memo(text: text, now: context.now, timeZone: context.timeZone, localNow: context.localNow,
                                     region: context.region, value: result)) }
        return result
    }

    /// The date in `text` read as the past, whatever its verbs say: what a record of something
    /// that already happened holds (a decision's day, an acta's session). «el 18» said on the
    /// 28th is this month's 18th, not next month's (nor that one a year back); «el martes» the
    /// latest Tuesday; «en noviembre» said in December this year's. Not memoized (rarely read).
    public static func parsePast(_ text: String, context: TemporalContext) -> TemporalMatch? {
        read(text, context: context, past: true)
    }

    /// The date in `analysis`'s text (`parse`, from tokens a reader already has).
    public static func parse(_ analysis: TextAnalysis, context: TemporalContext) -> TemporalMatch? {
        parse(analysis.text, context: context)
    }

    /// The last few texts read: a turn reads the message, the part after «sí,» and a clause or
    /// two, in turns (one slot kept only the last, and they pushed each other out).
    private struct Memos: Sendable {
        var entries: [Memo] = []
        var next = 0

        func result(_ text: String, _ context: TemporalContext) -> TemporalMatch?? {
            for e in entries { if let hit = e.result(text, context) { return hit } }
            return nil
        }

        mutating func keep(_ memo: Memo) {
            if entries.count < 4 { entries.append(memo) } else { entries[next] = memo; next = (next + 1) % 4 }
        }
    }

    /// The last text read, the context it was read in and what it said.
    private struct Memo: Sendable {
        var text: String
        var now: Date
        var timeZone: TimeZone
        var localNow: LocalDateTime
        var region: String?
        var value: TemporalMatch?

        /// `.some(value)` when `text` in `context` is what was read.
        func result(_ text: String, _ context: TemporalContext) -> TemporalMatch?? {
            guard self.text.utf8.count == text.utf8.count, self.text == text, now == context.now, localNow == context.localNow, region == context.region,
                  timeZone == context.timeZone else { return nil }
            return .some(value)
        }
    }

    private static let memo = PlainLock(Memos())

    static func read(_ text: String, context: TemporalContext, past: Bool = false) -> TemporalMatch? {
        let tokens = TextAnalysis.of(text).tokens
        // Every expression has a number or a word of time in it («el viernes», «pal 8», «hoy»):
        // a text of only other words and connectors («Luis manda la planificación de lenguaje»)
        // is not walked by the grammars at all (most answers to a text question are such).
        guard tokens.contains(where: { $0.kind == .number || ($0.kind == .word && !Self.connectors.contains($0.word)) }) else { return nil }
        var g = Grammar(tokens: tokens, context: context)
        g.past = past
        var best: (Found, Int)? = nil
        var all: [(Found, Int)] = []
        var i = 0
        while i < g.n {
            // No expression opens with a symbol or a word the grammars don't know («Luis», «manda»):
            // skipped without trying each grammar (a long answer is mostly such words).
            if tokens[i].kind == .symbol || (tokens[i].kind == .word && tokens[i].word == .other) { i += 1; continue }
            if let f = g.expression(i), f.end > i {
                all.append((f, i))
                if best == nil || f.end - i > best!.0.end - best!.1 { best = (f, i) }
                i = f.end
            } else {
                i += 1
            }
        }
        guard var (found, start) = best else { return nil }
        if all.count == 2, let narrowed = narrowed(all, g, text: text) { (found, start) = narrowed }
        // «la reunión mensual desde marzo, los segundos martes de cada mes»: a series said loosely
        // with its start, then exactly, is one series with that start (qa25: the start was lost).
        if case .recurrence(var r) = found.piece, r.start == nil,
           let before = all.last(where: { $0.0.end <= start }), g.skipComma(before.0.end) == start,
           case .recurrence(let loose) = before.0.piece, let from = loose.start,
           loose.freq == r.freq, loose.byDay.isEmpty, loose.byMonthDay.isEmpty {
            r.start = from
            if r.until == nil, r.count == nil { r.until = loose.until }
            found.piece = .recurrence(r)
            start = before.1
        }
        var f = found
        // "volví el lunes", "nací el 4/7/81": read again backwards.
        if !past, pastCue(g, from: start, to: f.end) {
            var back = g
            back.past = true
            if let again = back.expression(start) { f = again }
        }
        // "el 31 de febrero" names no day: better not understood than read as February.
        if impossibleDay(g) != nil { return nil }
        let quoted = quote(text, from: tokens[start].start, to: tokens[f.end - 1].end)
        return TemporalMatch(value: f.piece.temporal, text: quoted, alternatives: f.alternatives)
    }

    /// Words that join or qualify a time but never say one by themselves.
    static let connectors: Set<Word> = [.other, .el, .la, .los, .las, .lo, .de, .del, .a, .al, .en, .y, .o, .para, .pal, .hasta,
                                        .desde, .entre, .por, .que, .este, .otro, .todos, .mismo, .ese, .eso, .tipo, .como,
                                        .cerca, .aprox, .alrededor, .tipo2, .mas, .pero, .osea, .son, .pastVerb]

    /// «la primera semana de marzo, pongamos el viernes 5», «en marzo, el 3 a las 10»: a span
    /// and then a day, the day inside the span (its day of the month taken there) is the
    /// span narrowed down. A day followed by «no» («…, pero el 15 no») narrows nothing.
    static func narrowed(_ two: [(Found, Int)], _ g: Grammar, text: String) -> (Found, Int)? {
        guard let span = two.first(where: { if case .dateRange = $0.0.piece.temporal { true } else { false } }),
              case .dateRange(let a, let b) = span.0.piece.temporal,
              let day = two.first(where: { $0.1 > span.1 }) else { return nil }
        // «en diciembre 2027, hoy estamos en 55%»: «hoy», «mañana», «ayer» are their own day, never
        // a day of the span (qa25: read as 24 December 2027).
        if g.isW(day.1, .hoy) || g.isW(day.1, .ayer) || g.isW(day.1, .anteayer) || g.isW(day.1, .manana)
            || (g.isW(day.1, .pasado) && g.isW(day.1 + 1, .manana)) { return nil }
        let rest = text.unicodeScalars.dropFirst(g.t[day.0.end - 1].end)
        if TextFold.fold(String(String.UnicodeScalarView(rest))).split(separator: " ").first == "no" { return nil }
        // A day that names its own month («el 10 de diciembre», «el 10/12») is not moved into
        // the span: the span was something else («el Mario manda el 10 de diciembre»). A day said
        // by its weekday («el lunes 14», «el viernes») is moved only to a day of that weekday.
        var saidWeekday: Int? = nil
        for k in day.1..<day.0.end {
            if g.month(k) != nil || g.isSym(k, 0x2F) || (g.isSym(k, 0x2D) && g.isNum(k - 1) && g.isNum(k + 1)) { return nil }
            if let w = g.weekday(k) { saidWeekday = w }
        }
        func inside(_ d: LocalDate) -> LocalDate? {
            guard let c = within(d) else { return nil }
            if let w = saidWeekday, c.weekday != w { return nil }
            return c
        }
        func within(_ d: LocalDate) -> LocalDate? {
            if d >= a && d <= b { return d }
            guard a.month == b.month || a.year == b.year else { return nil }
            for month in [a.month, b.month] {
                let c = LocalDate(year: a.year, month: month, day: d.day)
                if c.day == d.day, c >= a, c <= b { return c }
            }
            return nil
        }
        var f = day.0
        switch day.0.piece.temporal {
        case .date(let d):
            guard let c = inside(d) else { return nil }
            f.piece = .date(c)
        case .dateTime(let dt):
            guard let c = inside(dt.date) else { return nil }
            f.piece = .dateTime(LocalDateTime(date: c, time: dt.time))
        default: return nil
        }
        // Inside the span the weekday said agrees (`inside`): the days offered when it did not,
        // read from today, no longer stand («en abril, el viernes 9»).
        f.alternatives = []
        return (f, day.1)
    }

    /// A day written with a month that does not have it ("el 31 de febrero", "32 de mayo",
    /// "31/04"): `parse` finds nothing in such a text; this says which day and month, so a reply
    /// can explain it (`SpanishFormat.missingDay`).
    public static func impossibleDay(in text: String, context: TemporalContext) -> (day: Int, month: Int)? {
        let tokens = TextAnalysis.of(text).tokens
        guard !tokens.isEmpty else { return nil }
        return impossibleDay(Grammar(tokens: tokens, context: context))
    }

    static func impossibleDay(_ g: Grammar) -> (day: Int, month: Int)? {
        for i in 0..<g.n where g.t[i].kind == .number {
            if let found = g.impossibleDay(i) { return found }
        }
        return nil
    }

    /// True when a verb in the past sits in the same clause as the expression at `a..<b`
    /// (up to four words before it or after it, not across "que", "pero", "y" or punctuation).
    static func pastCue(_ g: Grammar, from a: Int, to b: Int) -> Bool {
        func boundary(_ i: Int) -> Bool {
            g.t[i].kind == .symbol || g.isW(i, .que) || g.isW(i, .y) || g.isW(i, .o) || g.isW(i, .pero)
        }
        // «nos dieron hora para el 8 de enero», «lo dejaron pal lunes»: a date said as what
        // something is for is set by the verb before it, not when it happened.
        let target = g.isW(a, .para) || g.isW(a, .pal)
        // «no, era el jueves 10», «era el 15, me equivoqué»: in a correction «era» says what was
        // meant, not when something happened (qa35 E: read back to September while planning).
        let correction = correcting(g)
        var i = a - 1
        while !target, i >= 0, i >= a - 4, !boundary(i) {
            if isPastVerb(g, i), !(correction && isMeantVerb(g, i)) { return true }
            i -= 1
        }
        i = b
        while i < g.n, i < b + 4, !boundary(i) {
            if isPastVerb(g, i), !(correction && isMeantVerb(g, i)) { return true }
            i += 1
        }
        return false
    }

    /// «era»/«eran»: the imperfect of «ser», which in a correction says what was meant.
    static func isMeantVerb(_ g: Grammar, _ i: Int) -> Bool {
        let x = g.t[i]
        return x.kind == .word && x.first == 0x65 && ((x.length == 3 && x.tail == tailEra) || (x.length == 4 && x.tail == tailEran))
    }

    /// The text corrects something said before: it opens with «no» («no, era el 10», «no era el
    /// jueves, era el viernes») or says the mistake («me equivoqué», «me confundí», «perdón»).
    static func correcting(_ g: Grammar) -> Bool {
        var first = true
        for x in g.t where x.kind == .word {
            if first, x.length == 2, x.tail == tailNo { return true }
            first = false
            if x.length == 9, x.first == 0x65, x.tail == tailOque { return true }   // «equivoque»
            if x.length == 8, x.first == 0x63, x.tail == tailUndi { return true }   // «confundi»
            if x.length == 6, x.first == 0x70, x.tail == tailRdon { return true }   // «perdon»
        }
        return false
    }

    private static let tailEra: UInt32 = 0x657261, tailEran: UInt32 = 0x6572616E, tailNo: UInt32 = 0x6E6F
    private static let tailOque: UInt32 = 0x6F717565, tailUndi: UInt32 = 0x756E6469, tailRdon: UInt32 = 0x72646F6E
    private static let tailRe: UInt32 = 0x7265, tailAron: UInt32 = 0x61726F6E, tailIeron: UInt32 = 0x65726F6E
    private static let tailAste: UInt32 = 0x61737465, tailAlli: UInt32 = 0x616C6C69

    /// A past-tense verb: a known form ("fue", "tuvimos"), a word written with a final é, í or ó
    /// ("llegué", "volví", "terminó"; not the future "volveré", not a noun after an article as
    /// "el comité"), or an -aron/-ieron/-aste ending ("llegaron", "viniste").
    static func isPastVerb(_ g: Grammar, _ i: Int) -> Bool {
        let x = g.t[i]
        guard x.kind == .word else { return false }
        if x.word == .pastVerb { return true }
        guard x.word == .other else { return false }
        if x.stressedEnd, x.length >= 3 {
            let last = UInt8(x.tail & 0xFF)
            if last == 0x65, x.tail & 0xFFFF == tailRe { return false }   // "volveré"
            if last == 0x69, x.length == 4, x.tail == tailAlli { return false }
            if x.length <= 3, last != 0x6F { return false }   // "ahí", "así", "sí", "mí"
            if x.length <= 4, last == 0x65 { return false }   // "José", "café"
            if g.isW(i - 1, .el) || g.isW(i - 1, .del) || g.isW(i - 1, .al) || g.isW(i - 1, .la) { return false }
            return true
        }
        if x.length >= 6, x.tail == tailAron || x.tail == tailIeron || x.tail == tailAste { return true }
        return false
    }

    /// The original characters between two scalar offsets.
    static func quote(_ text: String, from a: Int, to b: Int) -> String {
        let scalars = text.unicodeScalars
        guard let s = scalars.index(scalars.startIndex, offsetBy: a, limitedBy: scalars.endIndex),
              let e = scalars.index(s, offsetBy: b - a, limitedBy: scalars.endIndex) else { return "" }
        return String(scalars[s..<e])
    }
}

extension Grammar {
    /// The longest expression starting at i: a recurrence, or a date and/or a time in either order.
    func expression(_ i: Int) -> Found? {
        if let r = recurrence(i) { return r }
        if let r = startThenRecurrence(i) { return r }
        if let r = dateTimeSpan(i) { return r }
        if let d = dateExpr(i) {
            // "el martes a las 4", "mañana en la tarde", "el 15, 10:00"
            var k = skipComma(d.end)
            // ISO "2026-12-15T15:00", or "15/12 - 15:00"
            if k < n, t[k].kind == .word, t[k].length == 1, t[k].first == 0x74, t[k].glued { k += 1 }
            else if isSym(k, 0x2D) { k += 1 }
            if case .date(let day) = d.piece, k < n, let tm = timeExpr(k) ?? timeExpr(isW(k, .y) ? k + 1 : -1),
               let f = join(day, tm, part: d.part, end: tm.end, alternatives: d.alternatives) {
                return f
            }
            if case .date(let day) = d.piece, let p = d.part {
                let (a, b) = p.range
                return Found(piece: .dateTimeRange(LocalDateTime(date: day, time: a), LocalDateTime(date: day, time: b)), end: d.end)
            }
            return d
        }
        if let esta = todayPart(i) { return esta }
        if let tm = timeExpr(i) {
            // "a las 8 esta noche", "a las 9 mañana en la noche": the part of the day fixes the hour.
            var k = skipComma(tm.end)
            if tm.clock != nil, let (day, part, e) = partOfDayAfter(isW(k, .de) ? k + 1 : k),
               let f = join(day, tm, part: part, end: e, alternatives: []) {
                return f
            }
            // "a las 4 del martes", "de 3 a 5 el jueves", "en la tarde del viernes"
            if isW(k, .de) && !isW(k + 1, .la) { k += 1 }
            if let d = dateExpr(k), case .date(let day) = d.piece,
               let f = join(day, tm, part: d.part, end: d.end, alternatives: d.alternatives) {
                return f
            }
            return tm
        }
        if let r = relativeInstant(i) { return r }
        return nil
    }

    /// «desde marzo, los segundos martes de cada mes a las 15:30», «a partir de abril, todos los
    /// lunes»: the start said before the series is its start, as said after it (qa25: the series
    /// was read alone and started the next week, in December).
    func startThenRecurrence(_ i: Int) -> Found? {
        guard isW(i, .desde) || (isW(i, .a) && isW(i + 1, .partir)) else { return nil }
        var probe = Recur(freq: .WEEKLY)
        guard let e = seriesStart(i, &probe), probe.start != nil else { return nil }
        var k = skipComma(e)
        if isW(k, .y) || isW(k, .son) { k += 1 }
        guard let found = recurrence(k), case .recurrence(var r) = found.piece, r.start == nil else { return nil }
        r.start = probe.start
        if r.until == nil, r.count == nil, let until = probe.until { r.until = until }
        if r.time == nil, let time = probe.time { r.time = time }
        var f = found
        f.piece = .recurrence(r)
        return f
    }

    /// A day and a time (or time range) said together; a part of the day the day carries
    /// ("anoche") fixes a guessed hour, and a range past midnight ends the next day.
    func join(_ day: LocalDate, _ tm: Found, part: DayPart?, end: Int, alternatives: [LocalDate]) -> Found? {
        switch tm.piece {
        case .time(var x):
            if let p = part, let c = tm.clock, let y = resolve(c, Grammar.meridiem(for: p)) { x = y }
            return Found(piece: .dateTime(LocalDateTime(date: day, time: x)), end: end, alternatives: alternatives)
        case .timeRange(let a, let b):
            let last = b < a ? day.adding(days: 1) : day
            return Found(piece: .dateTimeRange(LocalDateTime(date: day, time: a), LocalDateTime(date: last, time: b)),
                         end: end, alternatives: alternatives)
        default: return nil
        }
    }

    /// A day and its part after a time: "esta noche", "anoche", "mañana en la noche",
    /// "el viernes por la tarde".
    func partOfDayAfter(_ k: Int) -> (LocalDate, DayPart, Int)? {
        if isW(k, .este), let p = todayPartWord(k + 1) { return (today, p, k + 2) }
        if isW(k, .anoche) { return (today.adding(days: -1), .night, k + 1) }
        guard k < n, t[k].kind == .word, let d = singleDay(k), case .date(let day) = d.piece else { return nil }
        if let p = d.part { return (day, p, d.end) }
        let e = skipComma(d.end)
        guard isW(e, .en) || isW(e, .por) || isW(e, .de) || isW(e, .a), let (p, end) = dayPart(e) else { return nil }
        return (day, p, end)
    }

    func todayPartWord(_ i: Int) -> DayPart? {
        switch w(i) {
        case .manana?: .morning
        case .tarde?: .afternoon
        case .noche?: .night
        case .madrugada?: .earlyMorning
        default: nil
        }
    }

    /// "esta tarde", "esta mañana", "esta noche", "esta madrugada" ("hoy en la tarde" is composed).
    func todayPart(_ i: Int) -> Found? {
        guard isW(i, .este), let p = todayPartWord(i + 1) else { return nil }
        // "esta tarde a las 4"
        let k = skipComma(i + 2)
        if let (j, strong) = timeLead(k), strong || j > k, let c = clock(j) {
            var (m, e) = meridiem(c.end)
            if m == .none { m = Grammar.meridiem(for: p) }
            if let x = resolve(c, m) { return Found(piece: .dateTime(LocalDateTime(date: today, time: x)), end: e) }
        }
        let (a, b) = p.range
        return Found(piece: .dateTimeRange(LocalDateTime(date: today, time: a), LocalDateTime(date: today, time: b)), end: i + 2)
    }

    /// Two moments: "desde las 4 pm de hoy hasta las 10 de mañana", "del viernes a las 18:00 al
    /// domingo a las 20:00". Each end has a time and at least one has a day; a bare end time is
    /// on the start's day (the next day when it is earlier).
    func dateTimeSpan(_ i: Int) -> Found? {
        guard isW(i, .desde) || isW(i, .de) || isW(i, .del) || isW(i, .entre) else { return nil }
        let entre = isW(i, .entre)
        let j = isW(i, .del) ? i : i + 1
        guard let a = moment(j), let aTime = a.time else { return nil }
        var k = a.end
        if isW(k, .hasta) || isW(k, .al) || isSym(k, 0x2D) || (entre ? isW(k, .y) : isW(k, .a)) { k += 1 } else { return nil }
        guard let b = moment(isW(k, .el) ? k + 1 : k), let bTime = b.time, a.day != nil || b.day != nil else { return nil }
        let aDay = a.day ?? today
        var bDay = b.day ?? aDay
        if b.day == nil, bTime <= aTime { bDay = bDay.adding(days: 1) }
        let s = LocalDateTime(date: aDay, time: aTime)
        var e = LocalDateTime(date: bDay, time: bTime)
        // "desde las 22 de hoy hasta las 2 de mañana": a guessed afternoon end is the small hours
        // when that keeps the span within a night.
        if b.guessed, bTime.hour >= 12 {
            let early = LocalDateTime(date: bDay, time: LocalTime(hour: bTime.hour - 12, minute: bTime.minute))
            if s < early, s.date.days(until: early.date) == 1, s.time.hour >= 18 { e = early }
        }
        guard s < e else { return nil }
        return Found(piece: .dateTimeRange(s, e), end: b.end)
    }

    /// One moment for `dateTimeSpan`: a day and/or a time, without ranges.
    func moment(_ k: Int) -> (day: LocalDate?, time: LocalTime?, end: Int, guessed: Bool)? {
        guard let m = momentParts(k) else { return nil }
        return (m.day, m.time, m.end, m.guessed && m.time.map { $0.hour >= 13 } == true)
    }

    private func momentParts(_ k: Int) -> (day: LocalDate?, time: LocalTime?, end: Int, guessed: Bool)? {
        if let d = singleDay(k), case .date(let day) = d.piece {
            let e = skipComma(d.end)
            if let tm = singleTime(e), case .time(var x) = tm.piece {
                if let p = d.part, let c = tm.clock, let y = resolve(c, Grammar.meridiem(for: p)) { x = y; return (day, x, tm.end, false) }
                return (day, x, tm.end, tm.clock != nil)
            }
            return (day, nil, d.end, false)
        }
        guard let tm = singleTime(k), case .time(var x) = tm.piece else { return nil }
        var e = tm.end
        if isW(e, .de) || isW(e, .del) {
            if let (day, p, end) = partOfDayAfter(e + (isW(e, .de) ? 1 : 0)) {
                if let c = tm.clock, let y = resolve(c, Grammar.meridiem(for: p)) { x = y }
                return (day, x, end, false)
            }
            if let d = singleDay(isW(e, .de) ? e + 1 : e), case .date(let day) = d.piece { return (day, x, d.end, tm.clock != nil) }
        } else if let (day, p, end) = partOfDayAfter(e), tm.clock != nil {
            if let c = tm.clock, let y = resolve(c, Grammar.meridiem(for: p)) { x = y }
            return (day, x, end, false)
        }
        e = tm.end
        return (nil, x, e, tm.clock != nil)
    }
}

extension TemporalParser {
    /// «antes de vacaciones», «después de las vacaciones de invierno» read as `day`: which day
    /// that is, to say it back («el último día hábil antes de las vacaciones de verano»). Nil
    /// when the text names no school break. Gated on the bytes «vacacion».
    public static func breakDay(_ text: String, day: LocalDate) -> String? {
        let folded = TextFold.fold(text)
        guard TextFold.containsBytes(folded, "vacacion") else { return nil }
        let t = folded.split(separator: " ")
        let which = t.contains("invierno") || (!t.contains("verano") && (5...8).contains(day.month)) ? "invierno" : "verano"
        if t.contains("antes") { return "el último día hábil antes de las vacaciones de \(which)" }
        if t.contains("despues") { return "el primer día hábil después de las vacaciones de \(which)" }
        return nil
    }

    /// «antes de las vacaciones de invierno» when that year's winter break is not known yet (the
    /// school calendar is published late in the year before): what to say instead of «No
    /// entendí». Nil when the text names no winter break or its dates are known.
    public static func unknownBreak(_ text: String, context: TemporalContext) -> String? {
        let folded = TextFold.fold(text)
        guard TextFold.containsBytes(folded, "invierno"), TextFold.containsBytes(folded, "vacacion") else { return nil }
        let region = context.region ?? "Metropolitana"
        let today = context.today
        if let r = ChileanCalendar.winterBreak(region: region, year: today.year), r.upperBound >= today { return nil }
        let year = today.month >= 7 || ChileanCalendar.winterBreak(region: region, year: today.year) != nil ? today.year + 1 : today.year
        guard ChileanCalendar.winterBreak(region: region, year: year) == nil else { return nil }
        return "Todavía no tengo las fechas de las vacaciones de invierno de \(year): el calendario escolar de ese año aún no sale. "
            + "Dime el día con su fecha (por ejemplo «el viernes 25 de junio»): ¿qué día pongo?"
    }
}
