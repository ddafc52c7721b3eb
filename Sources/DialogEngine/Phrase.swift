import Understanding
import Foundation

/// Folded, tokenized words of a message, with the light Spanish stemming intent matching needs.
/// Built once per message; cheap to compare.
///
/// Immutable, and shared by reference: a turn hands its phrase to dozens of readers, keeps it in
/// optionals and in the `Utterance`, and a struct of four strings and two arrays cost four
/// retains and releases per copy; a copy of the class is one.
public final class Phrase: Hashable, Sendable {
    /// Folded text: lowercase, no accents, punctuation as spaces.
    public let folded: String
    public let tokens: [String]
    /// The folded text without polite or Chilean fillers at the ends ("cancelar po", "ayuda porfa").
    public let core: String
    /// Which tokens `core` is (the fillers cut at its ends left out).
    public let coreRange: Range<Int>
    /// Per token, the word lists it is in (`WordClass`), looked up once when the phrase is made:
    /// the readers of a message test these bits instead of hashing each word again per list.
    public let classes: [WordClass]
    /// The union of `classes`: a reader needing some word of a list stops here when none is.
    public let anyClass: WordClass
    /// The intersection of `classes` (every bit when there are no tokens, as `allSatisfy` is
    /// true of none): «every word is a closing word» is one test.
    public let everyClass: WordClass

    public init(_ text: String) {
        // Folded into a stack buffer, and the words cut from it there: a phrase is built several
        // times a turn, and an intermediate byte array was a third of its cost.
        var text = text
        var folded = ""
        var tokens: [String] = []
        var classes: [WordClass] = []
        var anyClass: WordClass = [], everyClass = WordClass(rawValue: ~0)
        // Read once here, not once per word (each access of a global checks its initialisation).
        let table = WordClassTable.shared
        text.withUTF8 { input in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Swift.max(1, input.count)) { out in
                let n = TextFold.fold(input, into: out)
                let buf = UnsafeBufferPointer(rebasing: out[..<n])
                folded = String(decoding: buf, as: UTF8.self)
                // Folded text has single inner spaces and none at the ends: split on bytes.
                var count = n > 0 ? 1 : 0
                for b in buf where b == 0x20 { count += 1 }
                if count == 1 {
                    tokens = [folded]
                    let c = table.classes(buf)
                    classes = [c]
                    anyClass = c
                    everyClass = c
                    return
                }
                tokens.reserveCapacity(count)
                classes.reserveCapacity(count)
                var start = 0
                for i in 0...n where i == n || buf[i] == 0x20 {
                    if i > start {
                        let word = UnsafeBufferPointer(rebasing: buf[start..<i])
                        tokens.append(String(decoding: word, as: UTF8.self))
                        let c = table.classes(word)
                        classes.append(c)
                        anyClass.formUnion(c)
                        everyClass.formIntersection(c)
                    }
                    start = i + 1
                }
            }
        }
        var lo = 0, hi = tokens.count
        while hi > lo, classes[hi - 1].contains(.trailingFiller) { hi -= 1 }
        while hi - lo > 1, classes[lo].contains(.leadingFiller) { lo += 1 }
        self.core = lo == 0 && hi == tokens.count ? folded : tokens[lo..<hi].joined(separator: " ")
        self.coreRange = lo..<hi
        self.folded = folded
        self.tokens = tokens
        self.classes = classes
        self.anyClass = anyClass
        self.everyClass = everyClass
    }

    /// Equal when the folded texts are: the tokens, the core and the classes are made from it.
    public static func == (a: Phrase, b: Phrase) -> Bool { a.folded == b.folded }
    public func hash(into hasher: inout Hasher) { hasher.combine(folded) }

    /// True when every token is in one of `list` (`allSatisfy` over the tokens, on their bits).
    @inlinable
    public func every(_ list: WordClass) -> Bool {
        if !everyClass.isDisjoint(with: list) { return true }
        // Of one list, the intersection says it all; of several, each word is looked at.
        if list.rawValue & (list.rawValue &- 1) == 0 { return false }
        return classes.allSatisfy { !$0.isDisjoint(with: list) }
    }

    /// True when some token is in one of `list`.
    @inlinable
    public func some(_ list: WordClass) -> Bool { !anyClass.isDisjoint(with: list) }

    /// `stems.count` without the stems: how many tokens are not stop words (a stem is never empty).
    public var contentCount: Int { classes.count(where: { !$0.contains(.stop) }) }

    /// `contentCount` of an action's text, with a leading «hacer» counted: «hacer el calendario»
    /// (what «yo hago el calendario» becomes) says a verb and its object, though «hacer» is a stop word.
    public var actionCount: Int { contentCount + (tokens.first == "hacer" ? 1 : 0) }

    /// Content words, stemmed: what intent matching compares.
    public var stems: [String] {
        var out: [String] = []
        out.reserveCapacity(tokens.count)
        for (t, c) in zip(tokens, classes) where !c.contains(.stop) { out.append(Phrase.stem(t)) }
        return out
    }

    static let trailingFillers: WordSet = ["po", "pos", "porfa", "porfavor", "pls", "plis", "gracias", "nomas", "no mas", "altiro"]
    static let leadingFillers: WordSet = ["ya", "ok", "oye", "minga", "hola", "bueno", "quiero", "kiero", "qiero", "kero", "puedes", "mejor", "por", "favor",
                                          "ups", "uups", "uy", "chuta", "pucha"]

    static let stopWords: WordSet = [
        "de", "del", "la", "el", "los", "las", "un", "una", "unos", "unas", "que", "y", "o", "a", "al", "en",
        "para", "pa", "pal", "por", "con", "mi", "mis", "me", "te", "se", "lo", "le", "les", "nos", "su", "sus",
        "quiero", "quisiera", "queria", "necesito", "podemos", "puedes", "podrias", "favor", "porfa", "hola", "kiero", "qiero", "kero",
        "minga", "po", "ya", "voy", "vamos", "hacer", "es", "esta", "este", "esto", "como", "hay", "ahora",
    ]

    /// A light Spanish stemmer: drops plural and verb/noun endings so "registrar", "registro" and
    /// "registremos" meet at "registr". Short words are left alone.
    public static func stem(_ word: String) -> String {
        // Folded words are ASCII: lengths and suffixes are read on bytes (String.count walks
        // grapheme clusters, and this runs for every word of every message).
        let cut = word.utf8.withContiguousStorageIfAvailable { b -> Int in b.count - stemmedCount(b) } ?? 0
        return cut == 0 ? word : String(Substring(word.utf8.dropLast(cut)))
    }

    /// How many bytes of the folded word `b` its stem keeps (`stem` on bytes, for checks that
    /// never make a String of each word).
    static func stemmedCount(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        let n = b.count
        guard n > 4 else { return n }
        // Only the suffixes ending in the word's last letter, in `suffixes`' order (the first
        // that fits wins): most words end in a letter three or four of them do, or none.
        for suffix in suffixesByLast[Int(b[n - 1])] where n - suffix.count >= 4 {
            var k = suffix.count - 1, i = n - 1
            while k >= 0, b[i] == suffix[k] { k -= 1; i -= 1 }
            if k < 0 { return n - suffix.count }
        }
        return n
    }

    /// `suffixes` grouped by their last byte, each group in the list's order.
    private static let suffixesByLast: [[[UInt8]]] = (0..<256).map { last in suffixes.filter { $0.last == UInt8(last) } }

    /// `similar` of the stem `a` and the bytes `b`: lengths first, then the bytes in place (an
    /// array of each is made only for the few pairs close enough to need the distance).
    static func similar(_ a: String, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let na = a.utf8.count, nb = b.count, n = Swift.min(na, nb)
        let budget = n >= 8 ? 2 : 1
        guard na == nb || (n >= 4 && abs(na - nb) <= budget) else { return false }
        let equal = a.utf8.withContiguousStorageIfAvailable { $0.elementsEqual(b) } ?? a.utf8.elementsEqual(b)
        if equal { return true }
        guard n >= 4, abs(na - nb) <= budget else { return false }
        if n == 4, a.utf8.first != b.first { return false }
        return (a.utf8.withContiguousStorageIfAvailable { TextFold.boundedDistance($0, b, budget) }
            ?? TextFold.boundedDistance(Array(a.utf8), Array(b), budget)) <= budget
    }

    private static let suffixes: [[UInt8]] = [
        "aciones", "amientos", "imientos", "amiento", "imiento", "acion", "mente", "emos", "amos", "imos",
        "ando", "iendo", "ados", "idos", "adas", "idas", "ado", "ido", "ada", "ida", "ar", "er", "ir",
        "es", "as", "os", "s", "a", "o", "e",
    ].map { Array($0.utf8) }

    /// Bit k set when a word of k bytes (63 for 63 or more, always set) may be `similar` to one
    /// of `words`: `similar` needs equal lengths, or four bytes or more each at most one (two
    /// from eight bytes) apart.
    static func similarLengths(_ words: [String]) -> UInt64 {
        var mask: UInt64 = 1 << 63
        for w in words {
            let nw = w.utf8.count
            for k in 0..<63 {
                let n = Swift.min(nw, k)
                if k == nw || (n >= 4 && abs(nw - k) <= (n >= 8 ? 2 : 1)) { mask |= 1 << UInt64(k) }
            }
        }
        return mask
    }

    /// `TextFold.boundedDistance(a, b) <= budget` on the strings' bytes in place.
    static func similarBytes(_ a: String, _ b: String, budget: Int) -> Bool {
        let d = a.utf8.withContiguousStorageIfAvailable { a in b.utf8.withContiguousStorageIfAvailable { TextFold.boundedDistance(a, $0, budget) } }
        return (d.flatMap { $0 } ?? TextFold.boundedDistance(Array(a.utf8), Array(b.utf8), budget)) <= budget
    }

    /// True when two stems are the same word, allowing one typo in longer words.
    static func similar(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        // The typo rule needs four letters and lengths at most two apart: most pairs stop here,
        // before their bytes are copied into arrays.
        let na = a.utf8.count, nb = b.utf8.count, n = Swift.min(na, nb)
        guard n >= 4, abs(na - nb) <= (n >= 8 ? 2 : 1) else { return false }
        if n == 4, a.utf8.first != b.utf8.first { return false }
        return FuzzyLexicon.similar(Array(a.utf8), Array(b.utf8))
    }

    /// `isOne(of: list.phrases)`, stopped first by the lengths the list can match (most
    /// messages are none of a list's lengths, and are not compared phrase by phrase).
    func isOne(of list: PhraseList) -> Bool {
        guard list.admits(core.utf8.count) || (core != folded && list.admits(folded.utf8.count)) else {
            assert(!isOne(of: list.phrases), "PhraseList's lengths hide «\(folded)»")
            return false
        }
        return isOne(of: list.phrases)
    }

    /// True when the message is (almost exactly) one of `phrases`, typos allowed on longer words.
    func isOne(of phrases: [String]) -> Bool {
        // The core, then the whole folded text when fillers were cut (no array of the two: this
        // runs several times a turn).
        Self.text(core, isOneOf: phrases) || (core != folded && Self.text(folded, isOneOf: phrases))
    }

    private static func text(_ c: String, isOneOf phrases: [String]) -> Bool {
        guard !c.isEmpty, c.utf8.count <= 60 else { return false }
        // Lengths first: `==` of two strings does not stop at different byte counts, and most
        // phrases of a list are of another length than the message.
        let n = c.utf8.count
        let exact = phrases.contains { $0.utf8.count == n && $0 == c }
        assert(exact == phrases.contains(c), "isOneOf's length check hides «\(c)»")
        if exact { return true }
        // One typo only in single longer words: "ya po" must never read as "ya no".
        guard c.utf8.count >= 4, !TextFold.contains(c, byte: 0x20) else { return false }
        // Compared on the bytes in place (no array of the text and of each phrase).
        var c = c
        return c.withUTF8 { cb in
            for p in phrases where p.utf8.count >= 5 && abs(p.utf8.count - cb.count) <= 1 && !TextFold.contains(p, byte: 0x20) {
                let d = p.utf8.withContiguousStorageIfAvailable { TextFold.boundedDistance(cb, $0, 1) }
                    ?? TextFold.boundedDistance(Array(cb), Array(p.utf8), 1)
                if d <= 1 { return true }
            }
            return false
        }
    }
}

/// A fixed list of folded phrases a message may be as a whole (`Phrase.isOne(of:)`), with the
/// text lengths that can match one, worked out once: a phrase's own length, and for a single
/// word of five bytes or more one byte either side (the one typo `isOne` allows).
struct PhraseList: ExpressibleByArrayLiteral, Sendable {
    let phrases: [String]
    /// Bit k: a text of k bytes may be one of `phrases` (bit 63: 63 bytes or more).
    private let lengths: UInt64

    init(arrayLiteral phrases: String...) {
        self.phrases = phrases
        var mask: UInt64 = 0
        func mark(_ n: Int) { mask |= 1 << UInt64(Swift.min(Swift.max(n, 0), 63)) }
        for p in phrases {
            let n = p.utf8.count
            mark(n)
            if n >= 5, !p.utf8.contains(0x20) { mark(n - 1); mark(n + 1) }
        }
        lengths = mask
    }

    @inline(__always)
    func admits(_ count: Int) -> Bool { lengths & (1 << UInt64(Swift.min(count, 63))) != 0 }
}

/// A message as the engine reads it: cleaned of control characters and odd spaces, then
/// folded and tokenized, once per message (hooks and engine share it).
///
/// Immutable, and shared by reference (as its `Phrase` is): passing the turn's message to the
/// readers, hooks and flow extensions is one retain, not one per string and array it holds.
public final class Utterance: Sendable {
    public let clean: String
    public let phrase: Phrase
    /// `clean` holds a «?» or «¿» (as Characters): asked by many readers of a message at the
    /// menu, worked out once. Most messages have neither byte, and are not walked by Characters.
    public let questionMarked: Bool

    /// The message's tokens for Understanding's readers (dates, numbers), shared by every reader
    /// of the same text in the turn (`TextAnalysis.of`): hooks pass this to `TemporalParser.parse`.
    public var analysis: TextAnalysis { TextAnalysis.of(clean) }

    public init(_ raw: String) {
        clean = Utterance.expandingShorthand(Sanitize.line(raw))
        phrase = Phrase(clean)
        questionMarked = Utterance.marked(clean)
    }

    /// A message already cleaned, with its phrase (`Phrase(clean)`): read again in the same turn
    /// without its words being folded and looked up twice.
    init(clean: String, phrase: Phrase) {
        assert(Sanitize.line(clean) == clean && phrase.folded == Phrase(clean).folded, "Utterance(clean:phrase:) of «\(clean)» is not that message")
        self.clean = clean
        self.phrase = phrase
        questionMarked = Utterance.marked(clean)
    }

    /// `clean` holds «?» or «¿» as Characters: the bytes first (one pass for both), then the
    /// Characters only when one of them is there.
    static func marked(_ clean: String) -> Bool {
        let (ascii, inverted) = TextFold.contains(clean, byte: UInt8(ascii: "?"), orByte: 0xBF)
        let marked = (ascii || inverted) && (clean.contains("?") || clean.contains("¿"))
        assert(marked == ((TextFold.contains(clean, byte: UInt8(ascii: "?")) || TextFold.contains(clean, byte: 0xBF))
            && (clean.contains("?") || clean.contains("¿"))), "Utterance.marked read «\(clean)» otherwise")
        return marked
    }
}

extension Phrase {
    /// Whether `Phrase(text).tokens.first == word`, without making the phrase: the text is folded
    /// into a stack buffer and only its first word compared. Readers that look for a message's
    /// word among the network's names ran `Phrase(name)` per member on every answer (its strings,
    /// arrays and word-class lookups), to read one word of it.
    public static func firstToken(of text: String, is word: String) -> Bool {
        var text = text, word = word
        return word.withUTF8 { (w: UnsafeBufferPointer<UInt8>) -> Bool in
            text.withUTF8 { (input: UnsafeBufferPointer<UInt8>) -> Bool in
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Swift.max(1, input.count)) { (out: UnsafeMutableBufferPointer<UInt8>) -> Bool in
                    let n = TextFold.fold(input, into: out)
                    // As `init` cuts tokens: runs of bytes between spaces, empty runs skipped.
                    var start = 0
                    while start < n, out[start] == 0x20 { start += 1 }
                    var end = start
                    while end < n, out[end] != 0x20 { end += 1 }
                    guard end > start, end - start == w.count else { return false }
                    for k in 0..<w.count where out[start + k] != w[k] { return false }
                    return true
                }
            }
        }
    }
}

extension Utterance {
    /// «tb», «tmb», «tbn»: «también» as typed in a chat, read (and kept) as the word, so every
    /// reader sees it (pass 9, qa13: «incorpora tb a Hernán Díaz» was not understood, and «y el
    /// luis tb po» named a «Luis Tb»). Only a message with «t» right before «b» or «m» is looked at.
    /// «x» alone between two words is «por» («se suspende x el paro», «x favor»; qa39: the reason
    /// after «x» was asked again), not the Roman ten of «x región». Only a message with « x » is looked at.
    static func expandingShorthand(_ text: String) -> String {
        // «tb»/«tm…» and « x » looked for on the bytes in place (the `UTF8View` walk cost ~600
        // instructions a message, and nearly none has them).
        func candidate(_ bytes: some Sequence<UInt8>) -> (also: Bool, por: Bool) {
            var previous: UInt8 = 0, before: UInt8 = 0
            var also = false, por = false
            for b in bytes {
                if (previous == 0x74 || previous == 0x54), b == 0x62 || b == 0x42 || b == 0x6D || b == 0x4D { also = true }
                if before == 0x20, previous == 0x78 || previous == 0x58, b == 0x20 { por = true }
                before = previous
                previous = b
            }
            return (also, por)
        }
        let found = text.utf8.withContiguousStorageIfAvailable(candidate) ?? candidate(text.utf8)
        guard found.also || found.por else { return text }
        var out = text
        if found.also {
            out = out.replacingOccurrences(of: #"(?i)(?<![\p{L}\p{N}])(tb|tmb|tbn|tbm)(?![\p{L}\p{N}])"#, with: "también", options: .regularExpression)
        }
        if found.por {
            out = out.replacingOccurrences(of: #"(?i)(?<=\p{L},? )x(?= \p{L})(?! regi[oó]n)"#, with: "por", options: .regularExpression)
        }
        return out
    }
}
