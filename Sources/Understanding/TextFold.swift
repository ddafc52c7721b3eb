/// Accent- and case-folding without Foundation, so it is cheap enough for the hot path and
/// behaves the same on every platform.
///
/// Folding is deliberate: á é í ó ú ü → a e i o u, ñ → n (users type "manana" for "mañana",
/// and "ano" for "año"), combining accents (U+0300…U+036F) are dropped, everything that is
/// not a letter or a digit becomes a separator.
public enum TextFold {
    /// Lowercased, accents removed, punctuation turned into spaces, spaces collapsed.
    /// `-`, `/` and `:` are kept (they carry meaning in "15-12", "15/12", "15:30").
    public static func fold(_ s: String) -> String {
        withFolded(s) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with `fold(s)`'s bytes in a stack buffer: for callers that only read them
    /// (no array, and no string unless the caller makes one).
    @inline(__always)
    public static func withFolded<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var s = s
        return s.withUTF8 { input in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Swift.max(1, input.count)) { out in
                body(UnsafeBufferPointer(rebasing: out[..<fold(input, into: out)]))
            }
        }
    }

    /// `fold` as ASCII bytes, read straight from the UTF-8 (the hot path of every turn).
    public static func foldedBytes(_ s: String) -> [UInt8] {
        var s = s
        return s.withUTF8 { input in
            // Each byte written stands for at least one byte read (a space for the separator
            // before the next letter): the input's length is enough.
            [UInt8](unsafeUninitializedCapacity: input.count) { out, written in
                written = fold(input, into: out)
            }
        }
    }

    /// Folds UTF-8 `input` into `out` (at least `input.count` bytes) and returns the bytes
    /// written: `foldedBytes` without an array, for callers that fold into a stack buffer.
    @inline(__always)
    public static func fold(_ input: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var n = 0
        var pendingSpace = false
        var i = 0
        while i < input.count {
            // Strings are valid UTF-8: decode the scalar from its lead byte and continuations.
            let lead = input[i]
            i += 1
            var v = UInt32(lead)
            if lead >= 0xC0 {
                let extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1
                v &= lead >= 0xF0 ? 0x07 : lead >= 0xE0 ? 0x0F : 0x1F
                for _ in 0..<extra {
                    v = v << 6 | UInt32((i < input.count ? input[i] : 0x80) & 0x3F)
                    i += 1
                }
            }
            let b = foldedByte(v)
            if b == ignore { continue }
            // A colon kept after a digit is a time's only if a digit follows («15:30»);
            // «el 15: leer» is punctuation, a space.
            if n > 0, out[n - 1] == 0x3A, !(v >= 0x30 && v <= 0x39) {
                n -= 1
                pendingSpace = true
            }
            if b == separator {
                // «acuerdo: …» is a word and a pause; only «15:30» keeps its colon.
                if v == 0x3A, pendingSpace || !(n > 0 && out[n - 1] >= 0x30 && out[n - 1] <= 0x39) {
                    pendingSpace = true
                    continue
                }
                if v == 0x2D || v == 0x2F || v == 0x3A {
                    if pendingSpace && n > 0 { out[n] = 0x20; n += 1 }
                    pendingSpace = false
                    out[n] = UInt8(v)
                    n += 1
                } else {
                    pendingSpace = true
                }
                continue
            }
            if pendingSpace && n > 0 { out[n] = 0x20; n += 1 }
            pendingSpace = false
            out[n] = b
            n += 1
        }
        if n > 0, out[n - 1] == 0x3A { n -= 1 }
        return n
    }

    /// `s.utf8.contains(byte)` read from the string's bytes in place: the collection walk over a
    /// `UTF8View` costs several times as much, and every reader of a message asks («?», « »).
    public static func contains(_ s: String, byte: UInt8) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { bytes in
            for b in bytes where b == byte { return true }
            return false
        } ?? s.utf8.contains(byte)
    }

    /// `(contains(s, byte: a), contains(s, byte: b))` in one pass over the bytes: a reader that
    /// asks for «?» and «¿» (0xBF) walked every message twice.
    public static func contains(_ s: String, byte a: UInt8, orByte b: UInt8) -> (Bool, Bool) {
        func scan(_ bytes: some Sequence<UInt8>) -> (Bool, Bool) {
            var hasA = false, hasB = false
            for c in bytes {
                if c == a { hasA = true } else if c == b { hasB = true }
            }
            return (hasA, hasB)
        }
        return s.utf8.withContiguousStorageIfAvailable(scan) ?? scan(s.utf8)
    }

    /// `s.utf8.contains(where: test)` read from the string's bytes in place (as `contains(_:byte:)`).
    @inline(__always)
    public static func containsByte(_ s: String, where test: (UInt8) -> Bool) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { bytes in bytes.contains(where: test) } ?? s.utf8.contains(where: test)
    }

    /// Whether `s` may hold one of `needles` (lowercase ASCII letters) once folded: false only
    /// when the letters of `fold(s)`, read as one run (spaces, digits and `-` `/` `:` left out),
    /// hold none of them. Every word a reader makes of the folded text, whole or with only its
    /// letters kept (`fold(w).filter(\.isLetter)`), is a piece of that run, so «no» here is «no»
    /// there: an exact gate before a reading that splits and folds every word. Folded, not
    /// read raw: most Spanish text has an accent, and a gate that gave up on any byte outside
    /// ASCII let nearly every message through.
    public static func mayContainFolded(_ s: String, _ needles: [StaticString]) -> Bool {
        var s = s
        return s.withUTF8 { input in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Swift.max(1, input.count)) { out in
                let letters = UnsafeBufferPointer(rebasing: out[..<keepLetters(out, fold(input, into: out))])
                return needles.contains { needle in
                    needle.withUTF8Buffer { p -> Bool in
                        assert(p.allSatisfy { $0 >= 0x61 && $0 <= 0x7A }, "mayContainFolded needs lowercase letters")
                        return contains(letters, p)
                    }
                }
            }
        }
    }

    /// `mayContainFolded(s, needles)` of a text already folded (`folded == fold(s)`, as a
    /// message's `Phrase.folded` is): the same letters searched, without folding the text again.
    /// The readers of a message share its one folded view instead of each folding it anew.
    public static func foldedMayContain(_ folded: String, _ needles: [StaticString]) -> Bool {
        var s = folded
        return s.withUTF8 { input in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Swift.max(1, input.count)) { out in
                var k = 0
                for b in input where b >= 0x61 && b <= 0x7A {
                    out[k] = b
                    k += 1
                }
                let letters = UnsafeBufferPointer(rebasing: out[..<k])
                return needles.contains { needle in needle.withUTF8Buffer { contains(letters, $0) } }
            }
        }
    }

    /// `fold(s).filter(\.isLetter)`: the folded text's letters (a–z) alone, without the folded
    /// string, the filtered copy or the Character walk. The readers that compare a word with
    /// only its letters kept call this once per word of a message.
    public static func foldedLetters<S: StringProtocol>(_ s: S) -> String {
        func letters(_ input: UnsafeBufferPointer<UInt8>) -> String {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Swift.max(1, input.count)) { out in
                String(decoding: UnsafeBufferPointer(rebasing: out[..<keepLetters(out, fold(input, into: out))]), as: UTF8.self)
            }
        }
        let found = s.utf8.withContiguousStorageIfAvailable(letters) ?? {
            var copy = String(s)
            return copy.withUTF8(letters)
        }()
        // Folded text is ASCII: its letters are a–z, what `keepLetters` keeps.
        assert(found == fold(String(s)).filter(\.isLetter), "foldedLetters read «\(s)» otherwise")
        return found
    }

    /// `Phrase(s).tokens.count`: how many words `fold(s)` has (runs between its spaces), without
    /// the folded string or the words (a reader that only counts them made a phrase per word).
    public static func foldedWordCount<S: StringProtocol>(_ s: S) -> Int {
        func count(_ input: UnsafeBufferPointer<UInt8>) -> Int {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Swift.max(1, input.count)) { out in
                let n = fold(input, into: out)
                var words = 0, start = 0
                for i in 0...n where i == n || out[i] == 0x20 {
                    if i > start { words += 1 }
                    start = i + 1
                }
                return words
            }
        }
        if let n = s.utf8.withContiguousStorageIfAvailable(count) { return n }
        var copy = String(s)
        return copy.withUTF8(count)
    }

    /// Moves the letters (a–z) of the first `n` folded bytes of `buf` to its front; returns how many.
    @inline(__always)
    static func keepLetters(_ buf: UnsafeMutableBufferPointer<UInt8>, _ n: Int) -> Int {
        var k = 0
        for i in 0..<n where buf[i] >= 0x61 && buf[i] <= 0x7A {
            buf[k] = buf[i]
            k += 1
        }
        return k
    }

    /// Whether `pattern` occurs in `bytes`.
    @inline(__always)
    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ pattern: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = pattern.count
        guard n > 0 else { return true }
        guard bytes.count >= n else { return false }
        let first = pattern[0]
        var i = 0
        while i <= bytes.count - n {
            if bytes[i] == first {
                var k = 1
                while k < n, bytes[i + k] == pattern[k] { k += 1 }
                if k == n { return true }
            }
            i += 1
        }
        return false
    }

    /// Whether `needle` (lowercase ASCII) occurs in `s`'s bytes with A–Z read as a–z: a gate for
    /// `s.lowercased().contains(needle)`. Only A–Z lowercase to ASCII letters (besides the Kelvin
    /// sign, to «k»: no needle here has one), and Foundation's search finds an ASCII needle only
    /// where its bytes are, so «no» here is «no» there.
    public static func containsCaseless(_ s: String, _ needle: StaticString) -> Bool {
        var s = s
        return s.withUTF8 { bytes in
            needle.withUTF8Buffer { pattern in
                assert(!pattern.contains(where: { $0 == UInt8(ascii: "k") || ($0 >= 0x41 && $0 <= 0x5A) }), "containsCaseless needs a lowercase needle without «k»")
                let n = pattern.count
                guard n > 0 else { return true }
                guard bytes.count >= n else { return false }
                func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
                for i in 0...(bytes.count - n) {
                    var k = 0
                    while k < n, lower(bytes[i + k]) == pattern[k] { k += 1 }
                    if k == n { return true }
                }
                return false
            }
        }
    }

    /// Whether `needle`'s bytes occur in `s`'s bytes, read in place. A gate for the Foundation
    /// `contains` of an ASCII word: that search (canonical equivalence, no other options) only
    /// finds an ASCII needle where its bytes are, so «no» here is «no» there.
    public static func containsBytes(_ s: String, _ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        return needle.withUTF8Buffer { pattern -> Bool in
            guard n > 0 else { return true }
            func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { TextFold.contains(bytes, pattern) }
            if let found = s.utf8.withContiguousStorageIfAvailable(find) { return found }
            let copy = Array(s.utf8)
            return copy.withUnsafeBufferPointer(find)
        }
    }

    /// `containsBytes` with a needle known only at run time (a field's name, read from YAML).
    public static func containsBytes(_ s: String, _ needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { pattern -> Bool in
            func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { TextFold.contains(bytes, pattern) }
            if let found = s.utf8.withContiguousStorageIfAvailable(find) { return found }
            return Array(s.utf8).withUnsafeBufferPointer(find)
        }
    }

    /// True when `fold(s)` is empty (no letter, digit, `-` or `/`; a colon is kept only after a
    /// digit, which is something already), without building it.
    public static func foldsToNothing(_ s: String) -> Bool {
        for u in s.unicodeScalars {
            let b = foldedByte(u.value)
            if b == ignore { continue }
            if b != separator || u.value == 0x2D || u.value == 0x2F { return false }
        }
        return true
    }

    /// `s.split(separator: " ")`, on bytes when that splits the same: below U+0300 every scalar
    /// but CR+LF is a character of its own, so a space byte is a space character. Text with
    /// combining marks or other scripts goes through `Character`s.
    /// `limit`: at most that many words, the first (`prefix(limit)` of the whole answer),
    /// for readers that look only at a message's opening words.
    public static func spaceSeparated(_ s: String, limit: Int = .max) -> [Substring] {
        let utf8 = s.utf8
        // In place on the bytes when they are contiguous (a native string): the words' bounds are
        // byte offsets, made into indices in one step each (walking the view index by index
        // cost more than the rest).
        let fast = utf8.withContiguousStorageIfAvailable { b -> [Substring]? in
            guard !b.contains(where: { $0 >= 0xCC }) else { return nil }
            var out: [Substring] = []
            // One allocation: appending word by word grew the array two or three times.
            var spaces = 0
            for c in b where c == 0x20 { spaces += 1 }
            out.reserveCapacity(min(spaces + 1, limit))
            var start = 0
            for i in 0...b.count where i == b.count || b[i] == 0x20 {
                if i > start {
                    guard out.count < limit else { break }
                    out.append(s[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: i)])
                }
                start = i + 1
            }
            return out
        }
        if let fast, let words = fast { return words }
        guard !utf8.contains(where: { $0 >= 0xCC }) else { return Array(s.split(separator: " ").prefix(limit)) }
        var out: [Substring] = []
        var start = utf8.startIndex
        var i = start
        while i != utf8.endIndex, out.count < limit {
            if utf8[i] == 0x20 {
                if i != start { out.append(s[start..<i]) }
                start = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        if start != utf8.endIndex, out.count < limit { out.append(s[start...]) }
        return out
    }

    /// `s.split(separator: " ", maxSplits: maxSplits)` (empty pieces omitted; the last piece
    /// is the rest after the separator that ended the one before), on bytes when that splits the
    /// same (as `spaceSeparated`): the Character walk cost ~2.4k instructions a short answer.
    public static func spaceSplit(_ s: String, maxSplits: Int) -> [Substring] {
        let utf8 = s.utf8
        let fast = utf8.withContiguousStorageIfAvailable { b -> [Substring]? in
            guard maxSplits > 0, !b.contains(where: { $0 >= 0xCC }) else { return nil }
            func at(_ i: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: i) }
            var out: [Substring] = []
            var start = 0, i = 0
            while i < b.count {
                if b[i] == 0x20 {
                    let appended = i > start
                    if appended { out.append(s[at(start)..<at(i)]) }
                    i += 1
                    start = i
                    if appended && out.count == maxSplits { break }
                    continue
                }
                i += 1
            }
            if start < b.count { out.append(s[at(start)...]) }
            return out
        }
        let out = (fast ?? nil) ?? s.split(separator: " ", maxSplits: maxSplits)
        assert(out == s.split(separator: " ", maxSplits: maxSplits), "spaceSplit split «\(s)» otherwise")
        return out
    }

    /// `spaceSeparated(s).first` without the rest: a message's first word, for the checks
    /// that rule a message out by it.
    public static func firstSpaceSeparated(_ s: String) -> Substring? {
        let utf8 = s.utf8
        // On the bytes in place when they are contiguous (as `spaceSeparated`): bounds as offsets.
        enum Look { case slow, none, word(Int, Int) }
        let look = utf8.withContiguousStorageIfAvailable { b -> Look in
            guard !b.contains(where: { $0 >= 0xCC }) else { return .slow }
            var start = 0
            while start < b.count, b[start] == 0x20 { start += 1 }
            guard start < b.count else { return .none }
            var end = start
            while end < b.count, b[end] != 0x20 { end += 1 }
            return .word(start, end)
        } ?? .slow
        switch look {
        case .none: return nil
        case .word(let a, let b): return s[utf8.index(utf8.startIndex, offsetBy: a)..<utf8.index(utf8.startIndex, offsetBy: b)]
        case .slow: break
        }
        guard !utf8.contains(where: { $0 >= 0xCC }) else { return s.split(separator: " ", maxSplits: 1).first }
        guard let start = utf8.firstIndex(where: { $0 != 0x20 }) else { return nil }
        let end = utf8[start...].firstIndex(of: 0x20) ?? utf8.endIndex
        return s[start..<end]
    }

    /// Levenshtein distance between two strings, by Character.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }

    /// Levenshtein distance, or `budget + 1` once it is certain to exceed `budget`.
    public static func boundedDistance(_ a: [UInt8], _ b: [UInt8], _ budget: Int) -> Int {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in boundedDistance(a, b, budget) } }
    }

    /// `boundedDistance` on bytes in place (no arrays of either word). Callers only ask whether
    /// it is at most `budget`; above that it may answer any larger number.
    public static func boundedDistance(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>, _ budget: Int) -> Int {
        let m = b.count
        if a.isEmpty || m == 0 { return min(max(a.count, m), budget + 1) }
        // Each edit adds or drops at most one letter of the ones a word has (a substitution one of
        // each): words whose letters differ in more than 2·budget are further apart than the
        // budget, known without the table. Most pairs compared (a stem and another word) stop here.
        if (letters(a) ^ letters(b)).nonzeroBitCount > 2 * budget { return budget + 1 }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * (m + 1)) { buf in
            var prev = UnsafeMutableBufferPointer(rebasing: buf[0...m])
            var cur = UnsafeMutableBufferPointer(rebasing: buf[(m + 1)...])
            for j in 0...m { prev[j] = j }
            for i in 1...a.count {
                cur[0] = i
                var rowMin = i
                for j in 1...m {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    let v = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                    cur[j] = v
                    rowMin = Swift.min(rowMin, v)
                }
                if rowMin > budget { return budget + 1 }
                swap(&prev, &cur)
            }
            return prev[m]
        }
    }

    /// Which bytes (by their low six bits) a word has.
    @inline(__always)
    static func letters(_ w: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var mask: UInt64 = 0
        for b in w { mask |= 1 << UInt64(b & 63) }
        return mask
    }

    /// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions, so
    /// "agsoto" is one edit from "agosto") over folded ASCII bytes. Returns `limit + 1` as soon
    /// as the distance is known to exceed `limit`. Allocation-free for words up to 31 bytes.
    static func typoDistance(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>, limit: Int) -> Int {
        let n = a.count, m = b.count
        if abs(n - m) > limit { return limit + 1 }
        if n == 0 { return m }
        if m == 0 { return n }
        if n > 31 || m > 31 { return limit + 1 }
        // A transposition keeps the letters; any other edit changes at most two (see `boundedDistance`).
        if (letters(a) ^ letters(b)).nonzeroBitCount > 2 * limit { return limit + 1 }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * 32) { buf in
            var p2 = 0, p1 = 32, c = 64   // row offsets: i-2, i-1, i
            for j in 0...m { buf[p1 + j] = j }
            for i in 1...n {
                buf[c] = i
                var rowMin = i
                for j in 1...m {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    var v = min(buf[p1 + j] + 1, buf[c + j - 1] + 1, buf[p1 + j - 1] + cost)
                    if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                        v = min(v, buf[p2 + j - 2] + 1)
                    }
                    buf[c + j] = v
                    rowMin = min(rowMin, v)
                }
                if rowMin > limit { return limit + 1 }
                (p2, p1, c) = (p1, c, p2)
            }
            return buf[p1 + m]
        }
    }

    static let separator: UInt8 = 0
    static let ignore: UInt8 = 1

    /// The folded ASCII byte for a scalar: a lowercase letter or digit, `ignore` for
    /// combining marks and invisible format characters, `separator` for anything else.
    @inline(__always)
    static func foldedByte(_ v: UInt32) -> UInt8 {
        if v < 0x80 {
            if v >= 0x61 && v <= 0x7A { return UInt8(v) }
            if v >= 0x30 && v <= 0x39 { return UInt8(v) }
            if v >= 0x41 && v <= 0x5A { return UInt8(v + 0x20) }
            return separator
        }
        if v >= 0x300 && v <= 0x36F { return ignore }                  // combining accents
        if v == 0x200B || v == 0x200C || v == 0x200D || v == 0xFE0F || v == 0xFEFF || v == 0xAD { return ignore }
        if v >= 0xC0 && v <= 0xFF { return latin1[Int(v - 0xC0)] }
        return separator
    }

    /// U+00C0…U+00FF folded; 0 where the character is not a letter (× ÷).
    private static let latin1: [UInt8] = {
        let s = "aaaaaaaceeeeiiiidnooooo\0ouuuuyts" + "aaaaaaaceeeeiiiidnooooo\0ouuuuyty"
        return s.utf8.map { $0 == 0 ? separator : $0 }
    }()
}
