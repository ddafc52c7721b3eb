import CivilTime
import Foundation

/// Reads dates, times, ranges and recurrences in informal Chilean Spanish.
///
/// The text is tokenized once (folded, typo-corrected words and numbers), then a hand-written
/// grammar is tried at every token, most specific rule first; the longest expression wins
/// (the leftmost on a tie) and the words around it are ignored ("volveré el 15").
///
/// ## Decisions (as a Chilean user would expect them)
/// - **Day–month order always**: "3/4" is 3 April. Two-digit years are 20xx.
/// - **Years and months are inferred forward**: "15/12" when 15 December is already past this
///   year means next year's; "en enero" said in December is next January; "el 15" after the
///   15th means the 15th of next month. Only explicit years, "ayer", "hace…" and "…pasado" go back.
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
///   18th of a month: "después del 18" the 19th, "antes del 18" the 17th. "las vacaciones de invierno" use the context's region
///   (Atacama–Los Ríos when none); "antes de las vacaciones" is the last working day before.
/// - "cada 15 días" / "quincenal" / "semana por medio" are every two weeks
///   (`FREQ=WEEKLY;INTERVAL=2`), as Chileans use them; "martes por medio" is every other Tuesday.
public enum TemporalParser {
    public static func parse(_ text: String, context: TemporalContext) -> TemporalMatch? {
        let tokens = Tokenizer.tokenize(text)
        guard !tokens.isEmpty else { return nil }
        let g = Grammar(tokens: tokens, context: context)
        var best: (Found, Int)? = nil
        var i = 0
        while i < g.n {
            if tokens[i].kind == .symbol { i += 1; continue }
            if let f = g.expression(i), f.end > i {
                if best == nil || f.end - i > best!.0.end - best!.1 { best = (f, i) }
                i = f.end
            } else {
                i += 1
            }
        }
        guard let (f, start) = best else { return nil }
        // "el 31 de febrero" names no day: better not understood than read as February.
        if impossibleDay(g) != nil { return nil }
        let quoted = quote(text, from: tokens[start].start, to: tokens[f.end - 1].end)
        return TemporalMatch(value: f.piece.temporal, text: quoted, alternatives: f.alternatives)
    }

    /// A day written with a month that does not have it ("el 31 de febrero", "32 de mayo",
    /// "31/04"): `parse` finds nothing in such a text; this says which day and month, so a reply
    /// can explain it (`SpanishFormat.missingDay`).
    public static func impossibleDay(in text: String, context: TemporalContext) -> (day: Int, month: Int)? {
        let tokens = Tokenizer.tokenize(text)
        guard !tokens.isEmpty else { return nil }
        return impossibleDay(Grammar(tokens: tokens, context: context))
    }

    static func impossibleDay(_ g: Grammar) -> (day: Int, month: Int)? {
        for i in 0..<g.n where g.t[i].kind == .number {
            if let found = g.impossibleDay(i) { return found }
        }
        return nil
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
        if let d = dateExpr(i) {
            // "el martes a las 4", "mañana en la tarde", "el 15, 10:00"
            var k = skipComma(d.end)
            // ISO "2026-12-15T15:00", or "15/12 - 15:00"
            if k < n, t[k].kind == .word, t[k].length == 1, t[k].first == 0x74, t[k].glued { k += 1 }
            else if isSym(k, 0x2D) { k += 1 }
            if case .date(let day) = d.piece, k < n, let tm = timeExpr(k) ?? timeExpr(isW(k, .y) ? k + 1 : -1) {
                switch tm.piece {
                case .time(let x): return Found(piece: .dateTime(LocalDateTime(date: day, time: x)), end: tm.end, alternatives: d.alternatives)
                case .timeRange(let a, let b):
                    return Found(piece: .dateTimeRange(LocalDateTime(date: day, time: a), LocalDateTime(date: day, time: b)),
                                 end: tm.end, alternatives: d.alternatives)
                default: break
                }
            }
            return d
        }
        if let esta = todayPart(i) { return esta }
        if let tm = timeExpr(i) {
            // "a las 4 del martes", "de 3 a 5 el jueves", "en la tarde del viernes"
            var k = skipComma(tm.end)
            if isW(k, .de) && !isW(k + 1, .la) { k += 1 }
            if let d = dateExpr(k), case .date(let day) = d.piece {
                switch tm.piece {
                case .time(let x): return Found(piece: .dateTime(LocalDateTime(date: day, time: x)), end: d.end, alternatives: d.alternatives)
                case .timeRange(let a, let b):
                    return Found(piece: .dateTimeRange(LocalDateTime(date: day, time: a), LocalDateTime(date: day, time: b)),
                                 end: d.end, alternatives: d.alternatives)
                default: break
                }
            }
            return tm
        }
        if let r = relativeInstant(i) { return r }
        return nil
    }

    /// "esta tarde", "esta mañana", "esta noche", "hoy en la tarde" handled by composition.
    func todayPart(_ i: Int) -> Found? {
        guard isW(i, .este) else { return nil }
        let p: DayPart
        switch w(i + 1) {
        case .manana?: p = .morning
        case .tarde?: p = .afternoon
        case .noche?: p = .night
        default: return nil
        }
        // "esta tarde a las 4"
        let k = skipComma(i + 2)
        if let (j, strong) = timeLead(k), strong || j > k, let c = clock(j) {
            var (m, e) = meridiem(c.end)
            if m == .none { m = p == .morning ? .morning : (p == .afternoon ? .afternoon : .night) }
            if let x = resolve(c, m) { return Found(piece: .dateTime(LocalDateTime(date: today, time: x)), end: e) }
        }
        let (a, b) = p.range
        return Found(piece: .dateTimeRange(LocalDateTime(date: today, time: a), LocalDateTime(date: today, time: b)), end: i + 2)
    }
}
