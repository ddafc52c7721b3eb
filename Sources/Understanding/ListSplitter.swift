/// A list typed on one line with markers: «a) leer b) escribir c) contar», «1) … 2) …»,
/// «- uno - dos», «• uno • dos», «uno; dos; tres». Nil when the text has no such markers
/// (plain prose with commas stays one item: commas are too common inside an item).
public enum ListSplitter {
    public static func split(_ text: String) -> [String]? {
        let trimmed = text.trimmingSpaces
        // «uno; dos; tres»
        if trimmed.contains(";") {
            let parts = trimmed.split(separator: ";").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
            if parts.count >= 2 { return parts.map(stripMarker) }
        }
        // Markers at the start of words: «a)», «b.», «1)», «2.», «-», «•».
        var words = trimmed.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        // «son tres: 1) … 2) … 3) …», «los objetivos son: a) … b) …»: a short lead closed by a
        // colon before the first marker says what the list is, and is no item (qa18: the whole
        // line was one objective).
        if let colon = words.prefix(6).firstIndex(where: { $0.hasSuffix(":") }), colon + 1 < words.count {
            var probe: (letter: Character?, number: Int?) = (nil, nil)
            if isMarker(words[colon + 1], first: true, expected: &probe) { words.removeFirst(colon + 1) }
        }
        var items: [[String]] = []
        var expected: (letter: Character?, number: Int?) = (nil, nil)
        for (i, w) in words.enumerated() {
            if isMarker(w, first: i == 0, expected: &expected) {
                // «… antes del 15 y 3) …»: the «y» before the last marker joins the items; it is
                // no word of the one before (qa22 S5: the item ended in «… la rubrica y»).
                if let last = items.last?.last, ["y", "e", "y,"].contains(last.lowercased()), items[items.count - 1].count > 1 {
                    items[items.count - 1].removeLast()
                }
                items.append([])
                let rest = String(w.drop { $0 != ")" && $0 != "." && $0 != "-" && $0 != "•" }.dropFirst())
                if !rest.isEmpty && (w.hasPrefix("-") || w.hasPrefix("•")) { items[items.count - 1].append(rest) }
                continue
            }
            if items.isEmpty { return nil }
            items[items.count - 1].append(w)
        }
        let out = items.map { $0.joined(separator: " ").trimmingSpaces.trimmingTrailing(",") }.filter { !$0.isEmpty }
        return out.count >= 2 ? out : nil
    }

    /// «a)», «b)», «1)», «2.», «-», «•»; letters and numbers must come in order (a, b, c…; 1, 2, 3…).
    private static func isMarker(_ w: String, first: Bool, expected: inout (letter: Character?, number: Int?)) -> Bool {
        if w == "-" || w == "•" || w.hasPrefix("•") { return true }
        if w.hasPrefix("-"), w.count > 1, first || expected.letter == nil && expected.number == nil { return true }
        guard let last = w.last, last == ")" || last == "." else { return false }
        let body = w.dropLast()
        if body.count == 1, let c = body.first, c.isLetter, c.isLowercase {
            let want = expected.letter ?? (first ? "a" : nil)
            guard c == want else { return false }
            expected.letter = Character(Unicode.Scalar(c.unicodeScalars.first!.value + 1)!)
            return true
        }
        if let n = Int(body), n >= 1, n <= 20 {
            let want = expected.number ?? (first ? 1 : nil)
            guard n == want else { return false }
            expected.number = n + 1
            return true
        }
        return false
    }

    private static func stripMarker(_ s: String) -> String {
        var expected: (letter: Character?, number: Int?) = (nil, nil)
        let words = s.split(separator: " ").map(String.init)
        if let f = words.first, (f.hasSuffix(")") && f.count <= 3) || f == "-" || f == "•" {
            _ = isMarker(f, first: true, expected: &expected)
            return words.dropFirst().joined(separator: " ")
        }
        return s
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }

    fileprivate func trimmingTrailing(_ c: Character) -> String {
        var s = Substring(self)
        while s.last == c { s = s.dropLast() }
        return String(s)
    }
}
