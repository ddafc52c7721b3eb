/// The answer inside a free-text message, without the talk around it: «El Manzano po, ya le
/// dije» → «El Manzano», «porfa: el pedro manda la planilla» → «el pedro manda la planilla»,
/// «lautaro, ya le dije jaja» → «lautaro». Only the edges are touched; the words in the middle
/// are the person's, as typed.
public enum AnswerText {
    public static func trimmed(_ text: String) -> String {
        recentTrims.value(for: text, trimming)
    }

    /// The same answer is trimmed by the slot's parser and the shared readings in one turn.
    private static let recentTrims = RecentResults<String>()

    private static func trimming(_ text: String) -> String {
        // «foto de la camioneta jaja no sé, el permiso firmado»: a laugh inside the answer (and the
        // «no sé» it hedges with) is no part of it (qa24: stored so). A byte search first.
        if hasLaughBytes(text), let inner = withoutInnerLaughs(text), inner != text { return trimming(inner) }
        // Most answers neither open with a filler nor end in a meta-comment: one look at each end.
        // The first and last words, found from each end (splitting every word costs more than
        // the rest of the look).
        guard let (first, last) = endLetters(text) else { return text }
        // (One set for each end: the lists' words, and the words a longer filler opens or ends with.)
        let opens = openers.contains(first)
        let closes = closers.contains(last) || isLaugh(last)
        assert(opens == (leadingAlways.contains(first) || leadingWithComma.contains(first) || first == "ya" || first == "por"
                         || first == "lo" || first == "como" || first == "o" || anotherLeads.contains(first))
               && closes == (trailingWords.contains(last) || isLaugh(last) || trailingPhrases.contains { $0.last == last }
                             || last == "mas" || last == "nomas" || last == "eso"),
               "AnswerText's end sets differ from its lists for «\(text)»")
        guard opens || closes else { return text }
        var words = text.split(separator: " ").map(String.init)
        let saidWords = words.count
        var changed = true
        while changed, words.count > 1 {
            changed = false
            // Leading fillers: «eh», «oye», «mira», «porfa:», «ya po», «ya,», «bueno,».
            let first = letters(words[0])
            let comma = words[0].last.map { ",:;".contains($0) } ?? false
            if leadingAlways.contains(first) || (comma && leadingWithComma.contains(first)) {
                words.removeFirst()
                changed = true
            } else if first == "ya", letters(words[1]) == "po" {
                words.removeFirst(2)
                changed = true
            } else if ["bueno", "ya", "ok", "y"].contains(first), words.count > 3, letters(words[1]) == "entonces" {
                // «bueno entonces Rosa manda el acta»: how the turn is taken, no part of it (issue 12).
                words.removeFirst(2)
                changed = true
            } else if first == "o", words.count > 3, letters(words[1]) == "sea" {
                // «o sea, Rosa manda el acta», «o sea que…».
                words.removeFirst(2)
                if words.count > 3, ["que", "q"].contains(letters(words[0])) { words.removeFirst() }
                changed = true
            } else if first == "ya", words.count > 3, ["te", "le", "les"].contains(letters(words[1])),
                      ["dije", "dijimos", "conte", "contamos"].contains(letters(words[2])),
                      words[2].last.map({ ",:;".contains($0) }) ?? false {
                // «ya te dije, le pagamos el bote con plata SEP»: the reminder is no part of it (qa19).
                words.removeFirst(3)
                changed = true
            } else if first == "lo" || first == "como", let k = Self.reminderLead(words) {
                // «lo que te dije po, que los apoderados participan…», «como te dije, el acta»: the
                // reminder and the «que» after it are no part of the answer (qa24: stored with them).
                words.removeFirst(k)
                changed = true
            } else if let k = anotherLead(words) {
                // «otro: Tomás manda el informe», «y otra más: …»: saying it is one more of the
                // same is no part of it (issue 12: stored as «otro: Tomás…»).
                words.removeFirst(k)
                changed = true
            } else if first == "por", words.count > 2, letters(words[1]) == "favor",
                      words[1].last.map({ ",:;".contains($0) }) ?? false {
                words.removeFirst(2)
                changed = true
            }
            guard words.count > 1 else { break }
            // Trailing meta-comments: «ya le dije», «también te lo dije», «jaja», «po», «porfa».
            // Only the last few words can end in a meta-comment (the longest has four).
            let folded = words.suffix(4).map { letters($0) }
            if words.count > 2, folded.last == "eso", words[words.count - 2].hasSuffix(",") {
                // «Rosa manda el acta, eso»: the closing «that's it» (issue 12).
                words.removeLast()
                changed = true
            } else if let last = folded.last, trailingWords.contains(last) || isLaugh(last) {
                words.removeLast()
                changed = true
            } else if let k = justTail(folded, words: words) {
                // «CESFAM Constitución no más»: «just that» is no part of the answer (qa24).
                words.removeLast(k)
                changed = true
            } else if let k = trailingPhrases.first(where: { p in
                p.count < words.count && Array(folded.suffix(p.count)) == p && folded.dropLast(p.count).last != "que"
            })?.count {
                words.removeLast(k)
                changed = true
            }
            if changed, var last = words.last {
                while let c = last.last, ",;:".contains(c) { last.removeLast() }
                words[words.count - 1] = last
            }
        }
        // «eso, que Rosa manda el acta»: the «que» a leading filler introduced goes with it.
        if words.count > 3, words.count < saidWords, letters(words[0]) == "que", text.split(separator: " ").first.map(String.init) != words[0] {
            words.removeFirst()
        }
        let result = words.joined(separator: " ")
        return result.isEmpty ? text : result
    }

    /// `letters` of the first and last words (nil when there are none), read from the bytes in
    /// place when the text is ASCII (an answer's ends are looked at on every turn).
    public static func endLetters(_ text: String) -> (String, String)? {
        enum Look { case nothing, slow, found(String, String) }
        let look = text.utf8.withContiguousStorageIfAvailable { u -> Look in
            let ascii = !u.contains(where: { $0 >= 0x80 })
            // Without a byte of a character that could join a space into a larger one (`ends`),
            // the words are found on bytes too, and each folded in place (`letters` without a
            // string of each): «Ana Pérez», «acta de la reunión».
            guard ascii || !u.contains(where: { $0 >= 0xCC }) else { return .slow }
            guard let start = u.firstIndex(where: { $0 != 0x20 }), let last = u.lastIndex(where: { $0 != 0x20 }) else { return .nothing }
            var headEnd = start
            while headEnd <= last, u[headEnd] != 0x20 { headEnd += 1 }
            var tailStart = last
            while tailStart > start, u[tailStart - 1] != 0x20 { tailStart -= 1 }
            let head = UnsafeBufferPointer(rebasing: u[start..<headEnd]), tail = UnsafeBufferPointer(rebasing: u[tailStart...last])
            return ascii ? .found(asciiLetters(head), asciiLetters(tail)) : .found(foldedLetters(head), foldedLetters(tail))
        } ?? .slow
        switch look {
        case .nothing: return nil
        case .found(let a, let b): return (a, b)
        case .slow:
            guard let (head, tail) = ends(text) else { return nil }
            return (letters(String(head)), letters(String(tail)))
        }
    }

    /// `letters` of the UTF-8 word `w`: its folded letters, folded in a stack buffer.
    private static func foldedLetters(_ w: UnsafeBufferPointer<UInt8>) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Swift.max(1, w.count)) { out in
            let n = TextFold.fold(w, into: out)
            var k = 0
            for i in 0..<n where out[i] >= 0x61 && out[i] <= 0x7A {
                out[k] = out[i]
                k += 1
            }
            return String(decoding: UnsafeBufferPointer(rebasing: out[..<k]), as: UTF8.self)
        }
    }

    /// `letters` of an ASCII word: its letters, lowercased.
    private static func asciiLetters(_ w: UnsafeBufferPointer<UInt8>) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Swift.max(1, w.count)) { out in
            var k = 0
            for b in w {
                if b >= 0x61 && b <= 0x7A { out[k] = b; k += 1 } else if b >= 0x41 && b <= 0x5A { out[k] = b + 0x20; k += 1 }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: out[..<k]), as: UTF8.self)
        }
    }

    /// The first and last words (nil when there are none). Without a byte of a character that
    /// could join a space into a larger character (all are U+0300 or above, lead byte 0xCC or
    /// more), the spaces are found on bytes, as the characters would find them.
    static func ends(_ text: String) -> (Substring, Substring)? {
        let u = text.utf8
        if !u.contains(where: { $0 >= 0xCC }) {
            guard let start = u.firstIndex(where: { $0 != 0x20 }), let last = u.lastIndex(where: { $0 != 0x20 }) else { return nil }
            let end = u.index(after: last)
            let headEnd = u[start..<end].firstIndex(of: 0x20) ?? end
            let tailStart = u[start..<end].lastIndex(of: 0x20).map { u.index(after: $0) } ?? start
            return (text[start..<headEnd], text[tailStart..<end])
        }
        guard let start = text.firstIndex(where: { $0 != " " }), let end = text.lastIndex(where: { $0 != " " }) else { return nil }
        let head = text[start...].prefix { $0 != " " }
        let tailStart = text[start...end].lastIndex(of: " ").map { text.index(after: $0) } ?? start
        return (head, text[tailStart...end])
    }

    /// A word's folded letters (`TextFold.fold(word)` without digits or separators). Folded
    /// text is lowercase ASCII, so its letters are the bytes a–z: no Unicode lookup per character.
    public static func letters(_ word: String) -> String {
        // Read in a stack buffer: two arrays per word were most of the cost of a look at the ends.
        TextFold.withFolded(word) { folded in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Swift.max(1, folded.count)) { out in
                var k = 0
                for b in folded where b >= 0x61 && b <= 0x7A {
                    out[k] = b
                    k += 1
                }
                return String(decoding: UnsafeBufferPointer(rebasing: out[..<k]), as: UTF8.self)
            }
        }
    }

    /// How many words «lo que te dije (po),» or «como te dije,» (and a «que» after it) take at the
    /// start of `words`; nil when they do not open it, or nothing follows.
    static func reminderLead(_ words: [String]) -> Int? {
        var i = letters(words[0]) == "lo" ? 1 : 0
        if i == 1 { guard words.count > 2, letters(words[1]) == "que" else { return nil }; i = 2 } else { i = 1 }
        guard i + 1 < words.count, ["te", "le", "les", "se", "lo"].contains(letters(words[i])) else { return nil }
        i += 1
        if letters(words[i]) == "lo", i + 1 < words.count { i += 1 }
        guard ["dije", "dijimos", "conte", "contamos", "explique"].contains(letters(words[i])) else { return nil }
        // Up to the comma, with «po» before it: «lo que te dije po,».
        var end = i
        if !(words[end].last.map({ ",:;".contains($0) }) ?? false), end + 1 < words.count, ["po", "pues"].contains(letters(words[end + 1])) { end += 1 }
        guard words[end].last.map({ ",:;".contains($0) }) ?? false else { return nil }
        var k = end + 1
        if k < words.count, letters(words[k]) == "que" { k += 1 }
        return k < words.count ? k : nil
    }

    /// How many words a trailing «no más» / «nomás» takes (nil when the answer does not end so).
    /// What it leaves must still say something: two words or more, or one capitalised word (a
    /// name: «Luis nomás»). «eso no más» alone means «that's all», and is kept as said (an
    /// objective typed «eso no mas» is deleted by those words).
    static func justTail(_ folded: [String], words: [String]) -> Int? {
        let k: Int
        if folded.last == "nomas" { k = 1 } else if folded.count >= 2, folded.suffix(2) == ["no", "mas"] { k = 2 } else { return nil }
        let left = words.count - k
        guard left >= 1, folded.count <= k || folded[folded.count - k - 1] != "que" else { return nil }
        if left >= 2 { return k }
        return words[0].first?.isUppercase == true ? k : nil
    }

    /// Whether the text has the bytes a laugh opens with («jaj», «jej», «jij», any case).
    static func hasLaughBytes(_ text: String) -> Bool {
        // On the bytes as they are (no copy): a «j», a vowel, a «j».
        var a: UInt8 = 0, b: UInt8 = 0
        for c in text.utf8 {
            let l = c | 0x20
            if l == 0x6A, a == 0x6A, b == 0x61 || b == 0x65 || b == 0x69 { return true }
            a = b
            b = l
        }
        return false
    }

    /// The text without the laughs inside it (not the last word: the trailing trim takes that),
    /// each with a «no sé» right after it; the comma of what was removed stays on the word before.
    /// Nil when there is none, or nothing would be left.
    static func withoutInnerLaughs(_ text: String) -> String? {
        var words = text.split(separator: " ").map(String.init)
        guard words.count > 2 else { return nil }
        var i = 0
        var removed = false
        while i < words.count - 1 {
            guard isLaugh(letters(words[i])) else { i += 1; continue }
            var k = 1
            if i + 2 < words.count, letters(words[i + 1]) == "no", ["se", "sé"].contains(words[i + 2].lowercased().filter(\.isLetter)) { k = 3 }
            else if i + 1 < words.count - 1, letters(words[i + 1]) == "nose" { k = 2 }
            guard i + k < words.count else { break }
            let comma = words[i + k - 1].last.map { ",;:".contains($0) } ?? false
            words.removeSubrange(i..<(i + k))
            if comma, i > 0, !(words[i - 1].last.map { ",;:".contains($0) } ?? false) { words[i - 1] += "," }
            removed = true
        }
        guard removed, !words.isEmpty else { return nil }
        // Nothing to join at the start: «jaja no sé, el acta» → «el acta».
        if var first = words.first, first.last == ",", words.count == 1 { first.removeLast(); words[0] = first }
        return words.joined(separator: " ")
    }

    static let leadingAlways: WordSet = ["eh", "ehh", "ehm", "em", "mmm", "mm", "oye", "porfa", "porfavor", "chuta", "ah", "aa", "entonces"]
    /// «mira los videos» is an action; «mira, los videos» is a filler and the answer.
    static let leadingWithComma: WordSet = ["ya", "bueno", "ok", "okey", "dale", "listo", "vale", "si", "sii", "mira", "eso"]
    static let trailingWords: WordSet = ["po", "porfa", "porfavor", "pues"]
    static let trailingPhrases: [[String]] = [
        ["tambien", "te", "lo", "dije"], ["tambien", "se", "lo", "dije"], ["como", "te", "dije"], ["como", "le", "dije"],
        ["ya", "te", "lo", "dije"], ["ya", "se", "lo", "dije"], ["ya", "le", "dije"], ["ya", "te", "dije"], ["te", "lo", "dije"],
        ["ya", "lo", "dije"], ["por", "favor"],
        // «4 po, te dije» (pass 9, 04-17: the figure was stored with it); never «…lo que te dije».
        ["te", "dije"], ["le", "dije"], ["les", "dije"],
        // «…, o sea» trailing off.
        ["o", "sea"],
    ]

    /// Every first word a leading filler may have (`leadingAlways`, `leadingWithComma`, «ya po», «por favor,»).
    static let openers = WordSet(leadingAlways.words.union(leadingWithComma.words).union(["ya", "por", "lo", "como", "o"]).union(anotherLeads.words))

    /// Words that say an item is one more of the same: «otro:», «y otra más:», «ahora otro:».
    static let anotherLeads: WordSet = ["otro", "otra", "y"]

    /// How many words open `words` saying «one more» before a colon («otro:», «otro más:», «y
    /// otra:», «y otro más:»), when something follows them; nil otherwise. Only with the colon:
    /// «otra reunión de apoderados» is what was said.
    /// Or before a copula that says what it is («y otro que es fortalecer…», «otra sería:
    /// …», «y otro más que sería…»: qa34, stored as «otro que es fortalecer…»).
    public static func anotherLead(_ words: [String]) -> Int? {
        var k = 0
        var another = false
        while k < min(words.count - 1, 4) {
            let w = letters(words[k])
            if another {
                // «que es», «que sería»: the copula after «que»; «es», «sería» right after «otro».
                let c = w == "que" && k + 1 < words.count ? k + 1 : k
                if anotherCopulas.contains(letters(words[c])), c + 2 < words.count { return c + 1 }
            }
            guard ["y", "otro", "otra", "mas", "ahora", "uno", "una"].contains(w) else { return nil }
            if w == "otro" || w == "otra" { another = true }
            k += 1
            if words[k - 1].hasSuffix(":") { return another ? k : nil }
        }
        return nil
    }
    /// The copulas that say what the one more is, after «otro»/«otra» (`anotherLead`).
    static let anotherCopulas: Set<String> = ["es", "seria", "sera"]

    /// Every last word a trailing meta-comment may have but a laugh (`trailingWords`, `trailingPhrases`' last words).
    static let closers = WordSet(trailingWords.words.union(trailingPhrases.compactMap(\.last)).union(["mas", "nomas", "eso"]))

    static func isLaugh(_ w: String) -> Bool {
        // `letters` are ASCII: bytes are characters.
        w.utf8.count >= 4 && (w.hasPrefix("jaj") || w.hasPrefix("jej") || w.hasPrefix("jij")) || w == "xd"
    }
}
