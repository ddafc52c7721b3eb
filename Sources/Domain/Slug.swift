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
}
