import Locks
import Understanding

/// «responsables: yo y la Marta», «el plazo es el viernes», «lugar: la escuela»: an answer that
/// starts with the name of the field it answers. The name is not part of the value (it used to
/// become a person «Responsables Yo» or a place «Lugar: La Escuela»).
enum FieldNamePrefix {
    static let copulas: WordSet = ["es", "son", "seria", "sera", "serian", "seran", "queda", "quedan"]
    static let articles: Set<String> = ["el", "la", "los", "las"]

    /// `clean` without the field's name (and its «:» or «es»), or nil when it doesn't start with
    /// it. Without a «:» or a verb only a list of people drops it: «responsables yo y Marta»;
    /// «lugar de siempre» stays a place.
    static func strip(_ clean: String, slot: SlotDefinition) -> String? {
        guard slot.type != .yesno, slot.type != .confirm, !slot.nameForms.isEmpty else { return nil }
        // Asked twice of each answer (the flow's reading, then the slot's): the last answer is
        // kept with the slot itself (held, so no other slot can take its identity).
        if let m = lastStrip.withLock({ $0 }), m.slot === slot, m.clean == clean {
            assert(m.result == stripping(clean, slot: slot), "FieldNamePrefix kept another answer for «\(clean)»")
            return m.result
        }
        let result = stripping(clean, slot: slot)
        lastStrip.withLock { $0 = Strip(clean: clean, slot: slot, result: result) }
        return result
    }

    private struct Strip: Sendable {
        let clean: String
        let slot: SlotDefinition
        let result: String?
    }

    private static let lastStrip = PlainLock<Strip?>(nil)

    private static func stripping(_ clean: String, slot: SlotDefinition) -> String? {
        // Runs on every answer: the first word (after an article) decides, read straight from the
        // bytes before the message is split.
        // (A list's item may open with its count instead, «segundo: …», read below.)
        // `same` needs the same first letter: a look at the opening's first folded byte rules out
        // most answers before the word is made into a string.
        if !slot.isList, openingRuledOut(clean, by: slot.nameForms) { return nil }
        if !slot.isList, let opening = opening(clean), !slot.nameForms.contains(where: { $0.first.map { same($0, opening) } ?? false }) { return nil }
        let words = clean.split(separator: " ", omittingEmptySubsequences: true)
        guard words.count >= 2 else { return nil }
        // A word's folded tokens joined by spaces are its folded text.
        func fold(_ w: Substring) -> String { TextFold.fold(String(w)) }
        let first = fold(words[0])
        var i = 0
        // «primer objetivo bajar el ausentismo», «segundo: un protocolo», «y el tercero es…»: an
        // item of a list counted as it is said; the count is not part of the item.
        if slot.isList, ordinals.contains(first) || ["y", "el", "la", "como"].contains(first), let ordinal = ordinalLead(words.prefix(4).map(fold), raw: words) {
            if ordinal.labelled {
                let rest = words[ordinal.next...].joined(separator: " ")
                return rest.isEmpty ? nil : rest
            }
            let i = ordinal.next
            guard let form = slot.nameForms.filter({ form in !form.isEmpty && i + form.count < words.count
                && zip(form, words[i..<(i + form.count)].map(fold)).allSatisfy { same($0, $1) } }).max(by: { $0.count < $1.count })
            else { return nil }
            var j = i + form.count
            if copulas.contains(fold(words[j])) || words[j] == ":" { j += 1 }
            return j < words.count ? words[j...].joined(separator: " ") : nil
        }
        if articles.contains(first) { i = 1 }
        let opening = i == 0 ? first : fold(words[1])
        guard slot.nameForms.contains(where: { $0.first.map { same($0, opening) } ?? false }) else { return nil }
        let folded = words.map(fold)
        for form in slot.nameForms where !form.isEmpty && i + form.count < words.count {
            guard zip(form, folded[i..<(i + form.count)]).allSatisfy({ same($0, $1) }) else { continue }
            var j = i + form.count
            let colon = words[j - 1].hasSuffix(":")
            var verb = false
            if copulas.contains(folded[j]) { verb = true; j += 1 }
            guard colon || verb || slot.type == .people || slot.type == .person, j < words.count else { continue }
            var rest = words[j...].joined(separator: " ")
            while rest.hasPrefix(":") || rest.hasPrefix(" ") { rest.removeFirst() }
            return rest.isEmpty ? nil : rest
        }
        return nil
    }

    /// The folded first word of `clean`, or its second after an article: what `strip` compares
    /// with the field's names. Nil when it cannot be read on bytes alone (a space followed by a
    /// combining mark is no word break for `split`) or there is no second word.
    static func opening(_ clean: String) -> String? {
        var clean = clean
        return clean.withUTF8 { bytes -> String? in
            guard !bytes.contains(where: { $0 >= 0xCC }) else { return nil }
            var words = SpaceWords(bytes)
            func fold(_ w: UnsafeBufferPointer<UInt8>) -> String {
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: w.count) { out in
                    String(decoding: UnsafeBufferPointer(rebasing: out[..<TextFold.fold(w, into: out)]), as: UTF8.self)
                }
            }
            guard let w0 = words.next() else { return nil }
            let first = fold(w0)
            guard let w1 = words.next() else { return nil }
            return articles.contains(first) ? fold(w1) : first
        }
    }

    /// True when `opening(clean)` is a word whose first byte opens none of `forms`' first words,
    /// so `same` is false for all of them (or an empty word, the same for forms of words): told on
    /// the bytes in a stack buffer, without a string of either word.
    static func openingRuledOut(_ clean: String, by forms: [[String]]) -> Bool {
        var clean = clean
        return clean.withUTF8 { bytes -> Bool in
            guard !bytes.contains(where: { $0 >= 0xCC }) else { return false }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Swift.max(1, bytes.count)) { out -> Bool in
                var words = SpaceWords(bytes)
                guard let w0 = words.next() else { return false }
                var n = TextFold.fold(w0, into: out)
                let first = UnsafeBufferPointer(rebasing: out[..<n])
                guard let w1 = words.next() else { return false }
                // `articles`, on bytes.
                let article = (n == 2 && first[0] == UInt8(ascii: "e") && first[1] == UInt8(ascii: "l"))
                    || ((n == 2 || (n == 3 && first[2] == UInt8(ascii: "s"))) && first[0] == UInt8(ascii: "l")
                        && (first[1] == UInt8(ascii: "a") || (n == 3 && first[1] == UInt8(ascii: "o"))))
                if article { n = TextFold.fold(w1, into: out) }
                guard n > 0 else { return !forms.contains { $0.first?.isEmpty == true } }
                let opens = out[0]
                return !forms.contains { $0.first?.utf8.first == opens }
            }
        }
    }

    static let ordinals: Set<String> = ["primer", "primero", "primera", "segundo", "segunda", "tercer", "tercero", "tercera", "cuarto",
                                        "cuarta", "quinto", "quinta", "otro", "otra", "ultimo", "ultima"]

    /// Where a list item said with its count starts: after «el segundo:» (`labelled`, the item
    /// follows) or after «primer» (the field's name may follow). Nil without a count first.
    /// `folded` may be only the first words of `raw`.
    static func ordinalLead(_ folded: [String], raw: [Substring]) -> (next: Int, labelled: Bool)? {
        var i = 0
        while i < folded.count - 1, ["y", "el", "la", "como"].contains(folded[i]) { i += 1 }
        guard ordinals.contains(folded[i]), i + 1 < folded.count else { return nil }
        if raw[i].hasSuffix(":") { return (i + 1, true) }
        if copulas.contains(folded[i + 1]) || raw[i + 1] == ":" { return i + 2 < raw.count ? (i + 2, true) : nil }
        return (i + 1, false)
    }

    /// One word of a field's name and one of the message, singular or plural alike.
    static func same(_ a: String, _ b: String) -> Bool {
        // `singular` keeps the first letter: words that start differently are never the same.
        a == b || (a.utf8.first == b.utf8.first && singular(a) == singular(b))
    }

    static func singular(_ w: String) -> String {
        if w.hasSuffix("es"), w.count > 4 { return String(w.dropLast(2)) }
        if w.hasSuffix("s"), w.count > 3 { return String(w.dropLast()) }
        return w
    }
}

/// The words of a text's bytes, split at spaces, in place.
private struct SpaceWords {
    let bytes: UnsafeBufferPointer<UInt8>
    var start = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func next() -> UnsafeBufferPointer<UInt8>? {
        while start < bytes.count, bytes[start] == 0x20 { start += 1 }
        guard start < bytes.count else { return nil }
        var end = start
        while end < bytes.count, bytes[end] != 0x20 { end += 1 }
        defer { start = end }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }
}
