/// Turns a name into a short, safe file-name id ("Red Valdivia Norte" → "red-valdivia-norte").
/// Only `a-z0-9-` survive, so no user text can name a path outside the store.
public enum Slug {
    public static func make(_ text: String, maxLength: Int = 40) -> String {
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
