import Foundation
import Understanding

/// What closes a message that lists people or says a school, and is no part of them: «…
/// (escuela Contao Alto). agrégalos porfa», «… de la escuela rural Río Puelo, anótame también»,
/// «… es Escuela Contao Alto nomás». Without this, the request was kept in the school's name
/// (qa28 class 6).
enum ClosingRequest {
    /// `text` without a closing clause (after «,», «.», «;» or «!») made only of a request to add
    /// and its fillers, and without trailing fillers («nomás», «po», «porfa»).
    static func trimmed(_ text: String) -> String {
        var s = Substring(text)
        // Cheap gate: the whole text is only scanned for its clause marks.
        while let cut = s.lastIndex(where: { ",.;!".contains($0) }) {
            let tail = s[s.index(after: cut)...]
            let words = tail.split(separator: " ").map { TextFold.fold(String($0)).filter(\.isLetter) }.filter { !$0.isEmpty }
            guard words.allSatisfy(isClosing), words.contains(where: { !fillers.contains($0) }) || words.isEmpty else { break }
            s = s[..<cut]
        }
        var words = s.split(separator: " ", omittingEmptySubsequences: true)
        while words.count > 1, case let f = TextFold.fold(String(words[words.count - 1])).filter(\.isLetter) {
            if trailing.contains(f) || f.isEmpty {
                words.removeLast()
            } else if f == "mas", words.count > 2, TextFold.fold(String(words[words.count - 2])).filter(\.isLetter) == "no" {
                words.removeLast(2)
            } else {
                break
            }
        }
        return words.joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: " ,.;!"))
    }

    /// A word of a closing request: an add verb with its pronoun («agrégalos», «anótame»), or a filler.
    static func isClosing(_ w: String) -> Bool {
        if fillers.contains(w) || verbs.contains(w) { return true }
        for stem in verbs where w.hasPrefix(stem) && pronouns.contains(String(w.dropFirst(stem.count))) { return true }
        return false
    }

    static let verbs: Set<String> = ["agrega", "suma", "anota", "incluye", "inscribe", "registra", "pon", "mete", "agregar", "sumar", "anotar",
                                     "incluir", "inscribir", "registrar", "poner", "meter"]
    static let pronouns: Set<String> = ["lo", "la", "los", "las", "me", "nos", "le", "les"]
    static let fillers: Set<String> = ["porfa", "porfis", "plis", "por", "favor", "gracias", "tambien", "ademas", "a", "al", "la", "red",
                                       "microcentro", "altiro", "po", "nomas", "igual", "ya", "y", "todos", "todas", "ellos", "ellas",
                                       "en", "lista", "de", "una", "vez", "ok", "dale"]
    /// Fillers that may close the school itself, with no mark before them.
    static let trailing: Set<String> = ["nomas", "po", "porfa", "porfis", "plis", "gracias", "altiro", "solamente"]
}
