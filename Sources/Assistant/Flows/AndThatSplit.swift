import DialogEngine
import Understanding

/// «…, y que yo consigo la sala», «…, y además Pedro trae…»: where «y que» / «y además» opens
/// another record of the same kind (agreements, decisions). Shared by the flows that split so.
enum AndThatSplit {
    /// The words of `text` cut before each «y que»/«y además» (the «y» left out), where
    /// `accepts(before, after)` agrees: the words kept so far (with the «y») and those after.
    static func parts(_ text: String, accepts: (_ before: [String], _ after: ArraySlice<String>) -> Bool = { _, _ in true }) -> [String] {
        let words = text.split(separator: " ").map(String.init)
        let folded = words.map { w in TextFold.fold(w).filter(\.isLetter) }.map { $0 == "q" ? "que" : $0 }
        var parts: [String] = []
        var current: [String] = []
        var afterAdemas = false
        for (i, w) in words.enumerated() {
            // «…, y además que el acta la redacta…»: the «que» after «además» opens the part too.
            if afterAdemas, folded[i] == "que", current.isEmpty { afterAdemas = false; continue }
            afterAdemas = false
            if folded[i] == "que" || folded[i] == "ademas", i > 0, folded[i - 1] == "y", current.count > 1,
               accepts(current, words[(i + 1)...]) {
                current.removeLast()
                parts.append(current.joined(separator: " "))
                current = []
                afterAdemas = folded[i] == "ademas"
                continue
            }
            current.append(w)
        }
        parts.append(current.joined(separator: " "))
        return parts
    }
}
