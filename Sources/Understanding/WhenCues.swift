/// What the date reader could find in a text, told from its folded words' bytes in place (no
/// tokens, no strings): readers that want only some kinds of date (a month said as a deadline,
/// a when said in words) skip `TemporalParser.parse` on answers that cannot hold one. Words are
/// looked up as the tokenizer does (the lexicon by bytes, a typo away from its long words), and
/// a word with a digit always counts, so `mayNameMonth` and `maySayWhen` never say «no» of a
/// text the reader would read (a typo a tie would leave unread counts all the same).
public enum WhenCues {
    /// False when no word of `text` has a digit, names a month (a typo away counts) or says
    /// «mes»/«meses»: the reader then finds no month in it («marzo», «el próximo mes», «3/2027»
    /// all have one of them).
    public static func mayNameMonth(_ text: String) -> Bool {
        anyWord(text, numberWords: false, fuzzy: monthTargets) { word in
            switch word {
            case .month, .mes: true
            default: false
            }
        }
    }

    /// False when `text` has no digit and each word is one the date reader ignores (a connector
    /// or a word it does not know): `TemporalParser.parse` then finds nothing.
    public static func maySayWhen(_ text: String) -> Bool {
        anyWord(text, numberWords: true, fuzzy: allTargets) { !TemporalParser.connectors.contains($0) }
    }

    /// True when a word of `text` has a digit, or names a month or a weekday (a typo away counts)
    /// that is no name too («Abril», «Julio», «Domingo», «Dominga» are not counted): a date said
    /// in numbers or words, not a person's name.
    public static func saysDay(_ text: String) -> Bool {
        anyWord(text, numberWords: false, fuzzy: dayTargets, skipping: namesToo) { word in
            switch word {
            case .month, .weekday: true
            default: false
            }
        }
    }

    /// `mayNameMonth(text)`, given `TextFold.fold(text)` (a message's `Phrase.folded`): not folded again.
    public static func mayNameMonth(folded: String) -> Bool {
        anyWord(folded: folded, numberWords: false, fuzzy: monthTargets) { word in
            switch word {
            case .month, .mes: true
            default: false
            }
        }
    }

    /// `maySayWhen(text)`, given `TextFold.fold(text)` (a message's `Phrase.folded`): not folded again.
    public static func maySayWhen(folded: String) -> Bool {
        anyWord(folded: folded, numberWords: true, fuzzy: allTargets) { !TemporalParser.connectors.contains($0) }
    }

    /// `saysDay(text)`, given `TextFold.fold(text)` (a message's `Phrase.folded`): not folded again.
    public static func saysDay(folded: String) -> Bool {
        anyWord(folded: folded, numberWords: false, fuzzy: dayTargets, skipping: namesToo) { word in
            switch word {
            case .month, .weekday: true
            default: false
            }
        }
    }

    /// Months and weekdays that are people's names too (or a typo away from one).
    static let namesToo: WordSet = ["abril", "mayo", "junio", "julio", "agosto", "domingo", "dominga"]

    /// The lexicon's typo targets each test can be met by, by the first byte of the words they
    /// correct (`byFirstByte`).
    static let monthTargets = byFirstByte(Lexicon.fuzzyTargets.filter { if case .month = $0.1 { true } else { false } })
    static let dayTargets = byFirstByte(Lexicon.fuzzyTargets.filter {
        switch $0.1 {
        case .month, .weekday: true
        default: false
        }
    })
    static let allTargets = byFirstByte(Lexicon.fuzzyTargets)

    /// `targets` indexed by the first byte of a word a typo away from them (a target's own first
    /// byte; «b» and «v» for each other, as `Lexicon` corrects them).
    static func byFirstByte(_ targets: [([UInt8], Word)]) -> [[([UInt8], Word)]] {
        var out = [[([UInt8], Word)]](repeating: [], count: 256)
        for t in targets {
            let g = t.0[0]
            out[Int(g)].append(t)
            if g == 0x62 { out[0x76].append(t) } else if g == 0x76 { out[0x62].append(t) }
        }
        return out
    }

    /// True when some word of `text` has a digit, is a number word (an ordinal too) when
    /// `numberWords`, or is a lexicon word for which `test` holds, said as it is or a typo away
    /// from one of `fuzzy` (words in `skipping` are passed over).
    private static func anyWord(_ text: String, numberWords: Bool, fuzzy: [[([UInt8], Word)]], skipping: WordSet? = nil,
                                _ test: (Word) -> Bool) -> Bool {
        TextFold.withFolded(text) { f in anyWord(inFolded: f, numberWords: numberWords, fuzzy: fuzzy, skipping: skipping, test) }
    }

    /// `anyWord` of a text whose folded form (`TextFold.fold(text)`) is `folded`: the same answer,
    /// without folding the text again (a message's phrase holds it).
    private static func anyWord(folded: String, numberWords: Bool, fuzzy: [[([UInt8], Word)]], skipping: WordSet? = nil,
                                _ test: (Word) -> Bool) -> Bool {
        var folded = folded
        return folded.withUTF8 { f in anyWord(inFolded: f, numberWords: numberWords, fuzzy: fuzzy, skipping: skipping, test) }
    }

    private static func anyWord(inFolded f: UnsafeBufferPointer<UInt8>, numberWords: Bool, fuzzy: [[([UInt8], Word)]], skipping: WordSet?,
                                _ test: (Word) -> Bool) -> Bool {
        let table = Lexicon.table, shapes = Lexicon.knownShapes
        do {
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
                if let skipping, skipping.contains(String(decoding: w, as: UTF8.self)) { continue }
                let e = table.entry(w)
                if e?.number != nil {
                    if numberWords { return true }
                    continue
                }
                if let word = e?.word {
                    if case .ordinal = word {
                        if numberWords { return true }
                        continue
                    }
                    if test(word) { return true }
                    continue
                }
                // A typo of a long word (`Lexicon.lookup`): any target within reach counts.
                let n = w.count
                guard n >= 5, n <= 16, e?.notTypo != true else { continue }
                let limit = n >= 8 ? 2 : 1
                for (target, word) in fuzzy[Int(w[0])] where abs(target.count - n) <= limit && test(word) {
                    if target.withUnsafeBufferPointer({ TextFold.typoDistance(w, $0, limit: limit) }) <= limit { return true }
                }
            }
            return false
        }
    }
}
