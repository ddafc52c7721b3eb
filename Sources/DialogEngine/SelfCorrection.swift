import CivilTime
import Foundation
import Understanding

/// «agendar reunión el martes 16 a las 11, no espera, era el jueves 18, misma hora»: a person
/// typing on a phone corrects a date in the same message. The message is read as if said right
/// the first time («…el jueves 18 de marzo a las 11:00…»), so no reader keeps the first date
/// and the correction's words never become a name or a text.
///
/// Only a date corrected by a date (or an hour by an hour) after a self-correction cue that
/// follows a comma or a stop is rewritten; anything else is left as typed, for the flows'
/// own readings («la paola, no el jorge» says which value is right the other way round).
enum SelfCorrection {
    /// Words one of the cues holds: a message without any of them is not looked at again.
    static let cueWords: WordSet = ["espera", "perdon", "mejor", "digo", "sea", "era"]

    /// The cues, folded, longest first so «no, espera» wins over «espera».
    static let cues = ["no, espera", "no espera", "no, perdon", "no perdon", "mejor dicho", "no, mejor", "no mejor",
                       "no, era", "no era", "espera", "perdon", "o sea", "digo", "mejor"]
    /// Words that may open the corrected clause before its date.
    static let leads: Set<String> = ["era", "es", "seria", "mejor", "que", "sea", "pa", "pal", "para"]
    /// What is left of the corrected clause that only says the rest stays.
    static let keeps = ["a la misma hora", "la misma hora", "misma hora", "igual hora", "a la misma", "mismo lugar", "lo demas igual", "igual"]

    static func applied(_ message: Utterance, context: TemporalContext) -> Utterance {
        // A cue follows a comma or a stop: most messages have none (read from the bytes in place;
        // a walk over the `UTF8View` cost more than the word lookups it was to spare).
        let (comma, stop) = TextFold.contains(message.clean, byte: UInt8(ascii: ","), orByte: UInt8(ascii: "."))
        guard comma || stop || TextFold.contains(message.clean, byte: UInt8(ascii: ";")),
              message.phrase.tokens.contains(where: cueWords.contains) else { return message }
        let original = Array(message.clean)
        let folded = original.map(fold)
        let text = String(folded)
        // The cue, after a comma or a stop.
        var found: (cue: Range<String.Index>, after: String.Index)?
        for cue in cues {
            var from = text.startIndex
            while let r = text.range(of: cue, range: from..<text.endIndex) {
                from = r.upperBound
                let before = text[..<r.lowerBound].reversed().drop { $0 == " " }.first
                let endsWord = r.upperBound == text.endIndex || !text[r.upperBound].isLetter
                if endsWord, before == "," || before == "." || before == ";" {
                    var after = r.upperBound
                    while after < text.endIndex, text[after] == "," || text[after] == " " { after = text.index(after: after) }
                    found = (r, after)
                    break
                }
            }
            if found != nil { break }
        }
        guard let (cue, after) = found else { return message }
        let offset = { (i: String.Index) in text.distance(from: text.startIndex, to: i) }
        // Where the corrected clause ends: the next comma or stop.
        let clauseEnd = text[after...].firstIndex { $0 == "," || $0 == "." || $0 == ";" } ?? text.endIndex
        var clauseWords = text[after..<clauseEnd].split(separator: " ").map(String.init)
        while let first = clauseWords.first, leads.contains(first), clauseWords.count > 1 { clauseWords.removeFirst() }
        // «pal 12, no, mejor pal 15»: a bare day number corrects a day.
        if clauseWords.count == 1, clauseWords[0].allSatisfy(\.isNumber) { clauseWords.insert("el", at: 0) }
        let clause = clauseWords.joined(separator: " ")
        // The left part, without the comma or stop before the cue.
        var leftEnd = offset(cue.lowerBound)
        while leftEnd > 0, [",", ".", ";", " "].contains(original[leftEnd - 1]) { leftEnd -= 1 }
        let left = String(original[..<leftEnd])
        guard let first = TemporalParser.parse(left, context: context), !first.isAmbiguous,
              let start = text.range(of: String(first.text.map(fold)), range: text.startIndex..<text.index(text.startIndex, offsetBy: leftEnd)) else { return message }
        let firstDate: LocalDate
        let firstTime: LocalTime?
        switch first.value {
        case .date(let d): (firstDate, firstTime) = (d, nil)
        case .dateTime(let dt): (firstDate, firstTime) = (dt.date, dt.time)
        default: return message
        }
        // The correction is read from the first date's month: «el 18» of «el 16 de marzo» is
        // the 18th of March, whatever month it is today.
        let monthStart = LocalDateTime(date: LocalDate(year: firstDate.year, month: firstDate.month, day: 1), time: LocalTime(hour: 0))
        let from = TemporalContext(localNow: monthStart, timeZone: context.timeZone, region: context.region)
        guard let second = TemporalParser.parse(clause, context: from), !second.isAmbiguous else { return message }
        // Only a clause that is the new when (and words saying the rest stays).
        var rest = clause.replacingOccurrences(of: String(second.text.map(fold)), with: " ")
        for keep in keeps { rest = rest.replacingOccurrences(of: keep, with: " ") }
        guard rest.split(separator: " ").allSatisfy({ ["el", "la", "a", "las", "de", "y"].contains($0) }) else { return message }
        let corrected: LocalDateTime?
        let correctedDay: LocalDate?
        switch second.value {
        case .date(let d): (corrected, correctedDay) = (firstTime.map { LocalDateTime(date: d, time: $0) }, d)
        case .dateTime(let dt): (corrected, correctedDay) = (dt, dt.date)
        case .time(let t) where firstTime != nil: (corrected, correctedDay) = (LocalDateTime(date: firstDate, time: t), firstDate)
        default: return message
        }
        let said = corrected.map { SpanishFormat.dateTime($0, today: context.today) }
            ?? correctedDay.map { SpanishFormat.date($0, today: context.today) } ?? ""
        guard !said.isEmpty else { return message }
        // The first date's words in the left part become the corrected ones; the cue and the
        // corrected clause go; what followed the clause stays.
        let a = offset(start.lowerBound), b = offset(start.upperBound)
        var out = String(original[..<a]) + said + String(original[b..<leftEnd])
        // «…, era el jueves 18, misma hora»: a clause saying the rest stays goes too.
        var tailStart = clauseEnd
        if tailStart < text.endIndex {
            let next = text.index(after: tailStart)
            let nextEnd = text[next...].firstIndex { $0 == "," || $0 == "." || $0 == ";" } ?? text.endIndex
            if keeps.contains(text[next..<nextEnd].trimmingCharacters(in: .whitespaces)) { tailStart = nextEnd }
        }
        out += String(original[offset(tailStart)...])
        return Utterance(out)
    }

    /// One Character folded as the phrase folds words (lowercase, no accents), keeping one
    /// Character per Character so offsets in the folded text are offsets in the original.
    private static func fold(_ c: Character) -> Character {
        let f = String(c).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        return f.count == 1 ? f.first! : c
    }
}
