/// One token of folded text: a word, a number (written with digits or in words) or a
/// punctuation mark. Tokens remember where they came from so a match can quote the input.
struct Token: Sendable {
    enum Kind: UInt8, Sendable { case word, number, symbol }
    var kind: Kind
    var word: Word = .other
    /// Number value (capped at 1_000_000_000 for absurdly long digit runs).
    var value: Int = 0
    /// How many digits the number was written with; 0 for number words ("quince").
    var digits: Int = 0
    /// Written as an ordinal: "1ro", "1°", "primero".
    var ordinal: Bool = false
    /// The ASCII punctuation byte for a symbol token.
    var symbol: UInt8 = 0
    /// True when no space separated this token from the previous one ("15hrs", "3pm", "1ro").
    var glued: Bool = false
    /// The word was written ending in an accented é, í or ó ("llegó", "volví"): a past-tense cue.
    var stressedEnd: Bool = false
    /// The last (up to) four folded bytes of a word, packed big-endian: suffix tests.
    var tail: UInt32 = 0
    /// First folded byte and folded length of a word token.
    var first: UInt8 = 0
    var length: Int = 0
    /// Written in capitals, two letters or more («DIA», «SEP»).
    var capitals: Bool = false
    /// Offsets in the input's unicode scalars.
    var start: Int
    var end: Int

    @inline(__always) func isSymbol(_ c: UInt8) -> Bool { kind == .symbol && symbol == c }
    @inline(__always) func isWord(_ w: Word) -> Bool { kind == .word && word == w }
}

/// Splits text into tokens in a single pass over its unicode scalars.
enum Tokenizer {
    /// At most this many tokens are read from one text (a 10,000-character line stays fast).
    static let maxTokens = 4096

    static let ordinalSuffixes: WordSet = ["ro", "ero", "er", "do", "to", "vo", "mo", "no", "avo", "ra", "da", "ta", "a", "o"]

    static func tokenize(_ text: String) -> [Token] {
        // Read once here, not once per word (each access of a global checks its initialisation).
        let table = Lexicon.table, shapes = Lexicon.knownShapes
        var tokens: [Token] = []
        tokens.reserveCapacity(16)
        var buf: [UInt8] = []
        buf.reserveCapacity(32)
        var bufIsDigits = false
        var tokStart = 0
        var idx = 0
        var lastEnd = -1   // scalar offset where the previous token ended
        var sawSpace = false
        var accentEnd = false   // the last letter read was é, í or ó
        var bufCapitals = true  // every letter of the word read so far is a capital
        var bufInitial = false  // the word's first letter is a capital («Salado», «SEP»)
        var sawLower = false    // some letter of the text is lower case

        func flush(_ end: Int) {
            guard !buf.isEmpty else { return }
            var t = Token(kind: bufIsDigits ? .number : .word, start: tokStart, end: end)
            t.glued = !sawSpace && lastEnd == tokStart && !tokens.isEmpty
            if bufIsDigits {
                var v = 0
                for b in buf { v = v < 100_000_000 ? v * 10 + Int(b - 48) : 1_000_000_000 }
                t.value = v
                t.digits = buf.count
            } else {
                t.first = buf[0]
                t.length = buf.count
                t.capitals = bufCapitals && buf.count >= 2
                t.stressedEnd = accentEnd
                for b in buf.suffix(4) { t.tail = t.tail << 8 | UInt32(b) }
                let glued = t.glued && (tokens.last.map { $0.kind == .number && $0.digits > 0 && $0.digits <= 2 } ?? false)
                // A word the lexicon can't know («Ana», «planificación») is `.other` as it is.
                if !glued, !Lexicon.mayKnow(buf[0], count: buf.count, in: shapes) {
                    tokens.append(t)
                    buf.removeAll(keepingCapacity: true)
                    lastEnd = end
                    sawSpace = false
                    return
                }
                // One lookup by bytes says whether the word is a suffix, a number or a word.
                let found = buf.withUnsafeBufferPointer { b -> (LexiconTable.Entry?, Word) in
                    let e = table.entry(b)
                    return (e, e?.number != nil ? .other : Lexicon.lookup(b, entry: e))
                }
                if t.glued, let prev = tokens.last, prev.kind == .number, prev.digits > 0, prev.digits <= 2,
                   found.0?.ordinalSuffix == true {
                    tokens[tokens.count - 1].ordinal = true
                    tokens[tokens.count - 1].end = end
                    buf.removeAll(keepingCapacity: true)
                    lastEnd = end; sawSpace = false
                    return
                }
                if let n = found.0?.number {
                    t.kind = .number
                    t.value = n
                } else if found.0?.word == nil, found.1 != .other, bufInitial, !bufCapitals,
                          !Self.startsSentence(tokens.last) {
                    // «la escuela de El Salado», «el Colegio Dominico»: a name written with its
                    // capital inside a sentence is a place or a person, not a typo of «sábado» or
                    // «domingo» (qa24: the pasantía's plazo became «sábado 3 de octubre»). A
                    // weekday or month written right («el Martes») is still one.
                    t.word = .other
                } else {
                    t.word = found.1
                    if case .ordinal(let k) = t.word { t.kind = .number; t.value = k; t.ordinal = true }
                }
            }
            tokens.append(t)
            buf.removeAll(keepingCapacity: true)
            lastEnd = end
            sawSpace = false
        }

        for scalar in text.unicodeScalars {
            defer { idx += 1 }
            if tokens.count >= maxTokens { break }
            let b = TextFold.foldedByte(scalar.value)
            if b == TextFold.ignore {
                if scalar.value == 0x301, let last = buf.last, last == 0x65 || last == 0x69 || last == 0x6F { accentEnd = true }
                continue
            }
            if b == TextFold.separator {
                flush(idx)
                let v = scalar.value
                if v < 0x80, v > 0x20, v != 0x22, v != 0x27, v != 0x60 {
                    var t = Token(kind: .symbol, start: idx, end: idx + 1)
                    t.symbol = UInt8(v)
                    t.glued = !sawSpace && lastEnd == idx
                    tokens.append(t)
                    lastEnd = idx + 1
                    sawSpace = false
                } else if v == 0xB0 || v == 0xBA || v == 0xAA {
                    // 1° / 1º / 1ª: ordinal marks glued to a number; "5.º" with its dot too.
                    if lastEnd == idx, tokens.count >= 2, tokens[tokens.count - 1].isSymbol(0x2E),
                       tokens[tokens.count - 1].glued, tokens[tokens.count - 2].kind == .number, tokens[tokens.count - 2].digits > 0 {
                        tokens.removeLast()
                    }
                    if lastEnd == idx, let prev = tokens.last, prev.kind == .number, prev.digits > 0 {
                        tokens[tokens.count - 1].ordinal = true
                        tokens[tokens.count - 1].end = idx + 1
                        lastEnd = idx + 1
                    } else {
                        sawSpace = true
                    }
                } else {
                    sawSpace = true
                }
                continue
            }
            let isDigit = b < 0x3A
            if !buf.isEmpty && isDigit != bufIsDigits { flush(idx) }
            let v = scalar.value
            accentEnd = v == 0xE9 || v == 0xED || v == 0xF3 || v == 0xC9 || v == 0xCD || v == 0xD3
            if buf.isEmpty {
                tokStart = idx; bufIsDigits = isDigit; bufCapitals = true
                bufInitial = !isDigit && ((v >= 0x41 && v <= 0x5A) || (v >= 0xC0 && v <= 0xDE))
            }
            if !isDigit {
                let lower = (v >= 0x61 && v <= 0x7A) || (v >= 0xDF && v <= 0xFF)
                if lower { sawLower = true; bufCapitals = false } else if !((v >= 0x41 && v <= 0x5A) || (v >= 0xC0 && v <= 0xDE)) { bufCapitals = false }
            }
            if buf.count < 40 { buf.append(b) }
        }
        flush(idx)
        // «los resultados del DIA», «los fondos SEP»: in a text written in lower case, a school's
        // acronym in capitals is no day nor month (qa20 A13: «del DIA antes del 18» was read as
        // «el día antes del 18» and the acronym left the agreement's text).
        if sawLower {
            for k in tokens.indices where tokens[k].capitals && tokens[k].length == 3 && tokens[k].kind == .word
                && (tokens[k].word == .dia || tokens[k].word == .month(9)) {
                tokens[k].word = .other
            }
        }
        return combine(tokens)
    }

    /// True when a word after `previous` starts a sentence or a list item (the text's first word,
    /// or one after «.», «!», «?», «:», «;» or «)»), where a capital says nothing about a name.
    @inline(__always) private static func startsSentence(_ previous: Token?) -> Bool {
        guard let p = previous else { return true }
        guard p.kind == .symbol else { return false }
        switch p.symbol {
        case 0x2E, 0x21, 0x3F, 0x3A, 0x3B, 0x29: return true
        default: return false
        }
    }

    /// Second pass: "p.m." → pm, "treinta y uno" → 31, "dos mil veintiséis" → 2026.
    private static func combine(_ input: [Token]) -> [Token] {
        var out: [Token] = []
        out.reserveCapacity(input.count)
        var i = 0
        let n = input.count
        while i < n {
            var t = input[i]
            // a.m. / p.m. / a. m.
            if t.kind == .word, t.length == 1, i + 2 < n, input[i + 1].isSymbol(0x2E),
               input[i + 2].kind == .word, input[i + 2].length == 1, input[i + 2].first == 0x6D,
               t.first == 0x61 || t.first == 0x70 {
                t.word = t.first == 0x61 ? .am : .pm
                t.end = input[i + 2].end
                i += 3
                if i < n, input[i].isSymbol(0x2E) { t.end = input[i].end; i += 1 }
                out.append(t)
                continue
            }
            if t.kind == .number, t.digits == 0, !t.ordinal {
                var total = 0, cur = t.value
                if cur == 1000 { total = 1000; cur = 0 }
                var j = i + 1
                while j < n {
                    let x = input[j]
                    if x.isWord(.y), cur >= 30, cur < 100, cur % 10 == 0, j + 1 < n,
                       input[j + 1].kind == .number, input[j + 1].digits == 0, !input[j + 1].ordinal,
                       input[j + 1].value >= 1, input[j + 1].value <= 9 {
                        cur += input[j + 1].value; j += 2; continue
                    }
                    guard x.kind == .number, x.digits == 0, !x.ordinal else { break }
                    if x.value == 1000, total == 0 { total = max(cur, 1) * 1000; cur = 0; j += 1; continue }
                    if cur == 0, total > 0, x.value < 1000 { cur = x.value; j += 1; continue }
                    if cur >= 100, cur % 100 == 0, x.value < 100 { cur += x.value; j += 1; continue }
                    break
                }
                if j > i + 1 {
                    t.value = total + cur
                    t.end = input[j - 1].end
                    out.append(t)
                    i = j
                    continue
                }
            }
            out.append(t)
            i += 1
        }
        return out
    }
}
