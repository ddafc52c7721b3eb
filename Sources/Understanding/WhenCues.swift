/// What the date reader could find in a text, told from its folded words' bytes in place (no
/// tokens, no strings): readers that want only some kinds of date (a month said as a deadline,
/// a when said in words) skip `TemporalParser.parse` on answers that cannot hold one. Each test
/// looks words up as the tokenizer does (the lexicon by bytes, typos corrected), and answers
/// true whenever a word has a digit, so it never says «no» of a text the reader would read.
public enum WhenCues {
    /// False when no word of `text` has a digit, names a month (a typo away counts, as the
    /// tokenizer corrects it) or says «mes»/«meses»: the reader then finds no month in it
    /// («marzo», «el próximo mes», «3/2027» all have one of them).
    public static func mayNameMonth(_ text: String) -> Bool {
        anyWord(text, numberWords: false) { word in
            switch word {
            case .month, .mes: true
            default: false
            }
        }
    }

    /// False when `text` has no digit and each word is one the date reader ignores (a connector
    /// or a word it does not know): `TemporalParser.parse` then finds nothing.
    public static func maySayWhen(_ text: String) -> Bool {
        anyWord(text, numberWords: true) { !TemporalParser.connectors.contains($0) }
    }

    /// True when a word of `text` has a digit, or names a month or a weekday (a typo away counts)
    /// that is no first name too («Abril», «Julio», «Domingo» are not counted): a date said in
    /// numbers or words, not a person's name.
    public static func saysDay(_ text: String) -> Bool {
        anyWord(text, numberWords: false, letters: { w in
            let s = String(decoding: w, as: UTF8.self)
            return !namesToo.contains(s) && FirstNames.canonical(s) == nil
        }) { word in
            switch word {
            case .month, .weekday: true
            default: false
            }
        }
    }

    /// Months and weekdays that are people's names too.
    static let namesToo: WordSet = ["abril", "mayo", "junio", "julio", "agosto", "domingo"]

    /// True when some word of `text` has a digit, is a number word (an ordinal too) when
    /// `numberWords`, or is a lexicon word for which `test` holds (words for which `letters` is
    /// false are skipped).
    private static func anyWord(_ text: String, numberWords: Bool, letters: (UnsafeBufferPointer<UInt8>) -> Bool = { _ in true },
                                _ test: (Word) -> Bool) -> Bool {
        let table = Lexicon.table, shapes = Lexicon.knownShapes
        return TextFold.withFolded(text) { f in
            var start = 0
            // Folded text is a–z, digits, spaces and «-», «/», «:»: a word is a run of letters, as
            // the tokenizer cuts them (it cuts letters from digits and symbols too).
            for i in 0...f.count {
                let b: UInt8 = i < f.count ? f[i] : 0x20
                if b >= 0x30 && b <= 0x39 { return true }
                if b >= 0x61 && b <= 0x7A { continue }
                defer { start = i + 1 }
                guard i > start else { continue }
                let w = UnsafeBufferPointer(rebasing: f[start..<i])
                // «a.m.», «p.m.»: the tokenizer joins the letters into a time word.
                if numberWords && w.count == 1 && w[0] == 0x6D { return true }
                guard Lexicon.mayKnow(w[0], count: w.count, in: shapes) else { continue }
                let e = table.entry(w)
                if e?.number != nil {
                    if numberWords { return true }
                    continue
                }
                let word = Lexicon.lookup(w, entry: e)
                if case .ordinal = word {
                    if numberWords { return true }
                    continue
                }
                if word != .other, letters(w), test(word) { return true }
            }
            return false
        }
    }
}
