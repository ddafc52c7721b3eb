/// Whole numbers written with digits ("15", "1.500"), in words ("quince", "veintitrés",
/// "treinta y uno", "dos mil veintiséis") or as ordinals ("1ro", "1°", "primero").
public enum NumberParser {
    /// The first number in `text`, or nil.
    public static func parse(_ text: String) -> Int? {
        let tokens = TextAnalysis.of(text).tokens
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            if t.kind == .number, t.value >= 0 {
                // «un 3», «una 4»: the article before a number written in digits is not a one.
                if t.digits == 0, t.value == 1, i + 1 < tokens.count, tokens[i + 1].kind == .number, tokens[i + 1].digits > 0 {
                    i += 1
                    continue
                }
                guard t.digits > 0 else { return t.value }
                if t.digits > 9 { return nil }
                // Chilean thousands separator: "1.500", "12.000.000".
                var v = t.value
                var j = i + 1
                if t.digits <= 3 {
                    while j + 1 < tokens.count, tokens[j].isSymbol(0x2E), tokens[j].glued, tokens[j + 1].kind == .number,
                          tokens[j + 1].digits == 3, tokens[j + 1].glued, v < 1_000_000_000 {
                        v = v * 1000 + tokens[j + 1].value
                        j += 2
                    }
                }
                // A minus sign glued before the number.
                if i > 0, tokens[i - 1].isSymbol(0x2D), !tokens[i - 1].glued || i == 1, t.glued { return -v }
                return v
            }
            i += 1
        }
        return nil
    }
}

/// Durations in minutes: "dos horas", "90 minutos", "hora y media", "media hora",
/// "1h30", "1:30 hrs", "1,5 horas", "tres cuartos de hora", "2 horas y 15 minutos".
/// A school's half and whole days: "toda la mañana"/"toda la tarde"/"media jornada" are
/// 4 hours, "todo el día"/"la jornada completa" 8 hours (an explicit count wins).
public enum DurationParser {
    /// Minutes, or nil when the text names no duration (a bare number is not a duration).
    public static func parse(_ text: String) -> Int? {
        let tokens = TextAnalysis.of(text).tokens
        guard !tokens.isEmpty else { return nil }
        let g = Grammar(tokens: tokens, context: DurationParser.context)
        var i = 0
        while i < tokens.count {
            // «a las 16 hrs», «desde la 1 h»: an hour of the clock with its unit, never a duration
            // (issue 12: «mejor … a las 16 hrs» at a meeting's review stored 16 hours).
            if g.isW(i - 1, .las) || g.isW(i - 1, .la), g.isW(i - 2, .a) || g.isW(i - 2, .desde) || g.isW(i - 2, .hasta) || g.isW(i - 2, .de) {
                var j = i + 1
                if g.isSym(j, 0x3A), g.num(j + 1) != nil { j += 2 }
                if g.isW(j, .hora) || g.isW(j, .hrs) || g.isW(j, .h) { j += 1 }
                i = j
                continue
            }
            if let (m, _) = g.duration(i), m > 0 { return m }
            i += 1
        }
        // Only here, not in the grammar: "en toda la tarde" is not an instant four hours ahead.
        let folded = " " + TextFold.fold(text) + " "
        for (phrase, minutes) in wholeDays where folded.contains(phrase) { return minutes }
        return nil
    }

    /// Folded, space-delimited phrases for parts of a school day, longest meaning first.
    static let wholeDays: [(String, Int)] = [
        (" todo el dia ", 480), (" el dia completo ", 480), (" dia entero ", 480), (" jornada completa ", 480),
        (" toda la jornada ", 480), (" toda la manana ", 240), (" toda la tarde ", 240), (" media jornada ", 240),
    ]

    private static let context = TemporalContext(now: .init(timeIntervalSince1970: 0), timeZone: .init(identifier: "UTC")!)
}
