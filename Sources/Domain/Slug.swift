/// Turns a name into a short, safe file-name id ("Red Valdivia Norte" → "red-valdivia-norte").
/// Only `a-z0-9-` survive, so no user text can name a path outside the store.
public enum Slug {
    public static func make(_ text: String, maxLength: Int = 40) -> String {
        // Most calls pass an id that is already a slug (every path the store builds): it is its
        // own slug, without the Unicode normalisation below (a few percent of a turn).
        if isSlug(text, maxLength: maxLength) { return text }
        var out = ""
        var lastDash = true
        for ch in text.decomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            if ("a"..."z").contains(ch) || ("0"..."9").contains(ch) {
                out.unicodeScalars.append(ch)
                lastDash = false
            } else if ch.properties.generalCategory == .nonspacingMark {
                continue  // accents: "é" → "e"
            } else if !lastDash {
                out.append("-")
                lastDash = true
            }
            if out.count >= maxLength { break }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "red" : out
    }

    /// What `make` leaves unchanged: 1…maxLength bytes of `a-z0-9-`, no dash first, last or twice in a row.
    static func isSlug(_ text: String, maxLength: Int) -> Bool {
        let utf8 = text.utf8
        guard !utf8.isEmpty, utf8.count <= maxLength, utf8.first != 0x2D, utf8.last != 0x2D else { return false }
        var dash = false
        for b in utf8 {
            if b == 0x2D {
                if dash { return false }
                dash = true
            } else if (0x61...0x7A).contains(b) || (0x30...0x39).contains(b) {
                dash = false
            } else {
                return false
            }
        }
        return true
    }

    /// The id for `name` that `taken` doesn't hold yet: its slug, else the slug cut short enough to
    /// fit «-2», «-3»… inside `maxLength`. Every candidate is different, so of any n taken ids at
    /// most n candidates fail: the search ends after n + 1 tries, whatever the names.
    public static func unique(_ name: String, maxLength: Int = 40, taken: (String) throws -> Bool) rethrows -> String {
        let base = make(name, maxLength: maxLength)
        if try !taken(base) { return base }
        var k = 2
        while true {
            let suffix = "-\(k)"
            var stem = String(base.prefix(maxLength - suffix.count))
            while stem.hasSuffix("-") { stem.removeLast() }
            let candidate = stem + suffix
            if try !taken(candidate) { return candidate }
            k += 1
        }
    }
}
