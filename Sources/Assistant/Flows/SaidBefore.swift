import DialogEngine
import Understanding

/// A person pronoun that opens a record told after another one in the same message: «…lo hace la
/// Paulina Vergara en abril, y acordamos que ella manda el programa» — «ella» is Paulina.
enum SaidBefore {
    /// Subject pronouns that stand for one person named just before («el» is an article).
    static let pronouns: Set<String> = ["ella", "él"]

    /// `text` with the pronoun that opens it replaced by the one member `before` names (by first
    /// name, and surname when said); `text` unchanged when it opens with no such pronoun, or
    /// `before` names no member or several.
    static func pronounResolved(_ text: String, before: String, members: [String]) -> String {
        var words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let first = words.first, pronouns.contains(first.lowercased()), words.count >= 2 else { return text }
        let said = Set(Phrase(before).tokens)
        var hits: [String] = []
        for m in members where !hits.contains(m) {
            let own = Phrase(m).tokens
            guard let name = own.first, said.contains(name) else { continue }
            hits.append(m)
        }
        // Two members who share the first name: the one whose surname is said too.
        if hits.count > 1 {
            let full = hits.filter { Phrase($0).tokens.dropFirst().contains(where: said.contains) }
            if full.count == 1 { hits = full }
        }
        guard hits.count == 1 else { return text }
        words[0] = hits[0]
        return words.joined(separator: " ")
    }
}
