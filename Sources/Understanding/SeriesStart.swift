import CivilTime

/// «empezamos en marzo», «no, parte el martes 9 de marzo», «arrancamos a partir del 9»: the day
/// a series starts, said apart from the series itself (after its place, in a correction).
public enum SeriesStart {
    /// Words after which a day is when something starts.
    static let cues: Set<String> = ["empezamos", "empieza", "empiezan", "empezariamos", "empezaria", "parte", "parten", "partimos",
                                    "partiriamos", "comenzamos", "comienza", "comienzan", "arrancamos", "arranca", "arrancan",
                                    "iniciamos", "inicia", "inician", "desde", "partir", "partiendo", "empezando", "comenzando",
                                    // «que parta en marzo», «que empiece el 9»
                                    "parta", "partan", "empiece", "empiecen", "comience", "comiencen", "arranque", "arranquen",
                                    "inicie", "inicien"]

    /// Words by which a clause says what a series skips.
    static let pauseWords: Set<String> = ["no", "sin", "salvo", "excepto", "menos", "vacaciones"]

    /// The text without the clause of the first start cue: what else it says of the series
    /// («no, parte en marzo» does not skip March; «que parta en marzo, en enero y febrero no hay»
    /// skips January and February).
    public static func beforeCue(_ text: String) -> String {
        let words = text.split(separator: " ")
        guard let i = words.firstIndex(where: { cues.contains(TextFold.fold(String($0)).filter(\.isLetter)) }) else { return text }
        // The start runs over the clauses after the cue («parte en marzo, el jueves 11») up to
        // one that says what the series skips («…, en enero y febrero no hay»).
        var clauseStart = i + 1
        while clauseStart < words.count {
            var end = clauseStart
            // («…en diciembre y no en marzo»: «y no», «pero no» open a clause of their own too.)
            while end < words.count - 1, words[end].last != ",", words[end].last != ";",
                  !(end + 2 < words.count && ["y", "pero"].contains(TextFold.fold(String(words[end + 1]))) && TextFold.fold(String(words[end + 2])) == "no") { end += 1 }
            let clause = words[clauseStart...end].map { TextFold.fold(String($0)).filter(\.isLetter) }
            // «que parta en diciembre, no en marzo»: «no» with a time and no verb denies another
            // start; it skips nothing (March was skipped too).
            if deniesStart(clause) { clauseStart = end + 1; continue }
            if clause.contains(where: pauseWords.contains) {
                return (words[..<i] + words[clauseStart...]).joined(separator: " ")
            }
            clauseStart = end + 1
        }
        return words[..<i].joined(separator: " ")
    }

    /// «no en marzo», «y no en marzo», «no el 9», «pero no desde marzo»: a clause that only denies a day
    /// or month said with a start (its words a «no», the words that lead a time, and the time).
    static func deniesStart(_ clause: [String]) -> Bool {
        let words = clause.filter { !$0.isEmpty }.drop { $0 == "y" || $0 == "pero" }
        guard words.first == "no", words.count >= 2, words.count <= 5 else { return false }
        let rest = words.dropFirst()
        return ["en", "el", "desde", "a", "del", "al"].contains(rest.first!) && !rest.contains(where: { ["hay", "nos", "hacemos", "juntamos", "podemos", "se"].contains($0) })
    }

    /// The first day a start cue in `text` names: a day, or the first of a month («en marzo»,
    /// unless a day of it follows: «en marzo, el martes 9»). Nil when none is said.
    public static func date(in text: String, context: TemporalContext) -> LocalDate? {
        let words = text.split(separator: " ")
        for (i, w) in words.enumerated() where cues.contains(TextFold.fold(String(w)).filter(\.isLetter)) && i + 1 < words.count {
            // «desde el 1 hasta el 22»: the start is what comes before the end.
            let after = words[(i + 1)...]
            let rest = after.prefix { TextFold.fold(String($0)) != "hasta" }.joined(separator: " ")
            guard let m = TemporalParser.parse(rest, context: context) else { continue }
            let span: (LocalDate, LocalDate)
            switch m.value {
            case .date(let d): return d
            case .dateTime(let dt): return dt.date
            case .dateRange(let a, let b): span = (a, b)
            case .dateTimeRange(let a, let b): span = (a.date, b.date)
            default: continue
            }
            var (a, b) = span
            // «que parta en diciembre» said in December: from today on, not its first day gone by
            // (the start was dropped, and December skipped with «no en marzo»).
            if a < context.today, b >= context.today { a = context.today }
            // «en marzo, el martes 9 de marzo»: the day inside the month, when it follows.
            if let r = rest.range(of: m.text) ?? rest.lowercased().range(of: m.text.lowercased()),
               let n = TemporalParser.parse(String(rest[r.upperBound...]), context: context) {
                switch n.value {
                case .date(let d) where d >= a && d <= b: return d
                case .dateTime(let dt) where dt.date >= a && dt.date <= b: return dt.date
                default: break
                }
            }
            return a
        }
        return nil
    }
}
