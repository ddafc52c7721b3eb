import DialogEngine
import Domain
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

    /// Words after which a subject pronoun opens the clause («anota que ella…», «y él…»).
    static let pronounLeads: Set<String> = ["anota", "anote", "anotar", "apunta", "agrega", "que", "q", "y", "ya", "ah", "oye", "tambien", "tb", "ademas"]
    /// Words that make a plain «el» the pronoun «él» (an article is never followed by them).
    static let afterHe: Set<String> = ["tambien", "tb", "igual", "ademas", "mismo", "se", "queda", "quedo", "va", "trae", "lleva", "manda", "hace", "prepara", "arregla", "puede"]

    /// `message` with the subject pronoun that opens one of its clauses («ella también trae las
    /// fotos», «anota que él arregla el proyector») as the person it stands for: of the people of
    /// the agreement saved just before, the one whose first name fits the pronoun («ella»: not
    /// one ending in «o»; «él»: not one ending in «a»), and the clause from that person on
    /// (without the request's lead, «anota que»). Nil when there is no such pronoun, or none or
    /// several fit.
    /// `saved`: the agreement to read when no save is this turn's last (a new draft began since).
    static func pronounAfterSave(_ message: Utterance, context: EngineContext, saved last: String? = nil) -> (whole: String, clause: String)? {
        let t = message.phrase.tokens
        // Cheap gate: a pronoun among the first words.
        guard let k = t.prefix(4).firstIndex(where: { $0 == "ella" || $0 == "el" }), k + 1 < t.count,
              t[..<k].allSatisfy(pronounLeads.contains), !message.questionMarked else { return nil }
        let words = message.clean.split(separator: " ").map(String.init)
        guard words.count == t.count else { return nil }
        let she = t[k] == "ella"
        // «él» with its accent, or «el» before a word no article takes («el también trae…»).
        if !she, !(words[k].lowercased() == "él" || afterHe.contains(t[k + 1])) { return nil }
        guard let record = context.lastSave?.record ?? last, let s = context.snapshot,
              let saved = s.agreements.first(where: { $0.id == record }) else { return nil }
        let fits = saved.responsables.filter { name in
            guard name != context.userName, let first = Phrase(name).tokens.first else { return false }
            return she ? !first.hasSuffix("o") : !first.hasSuffix("a")
        }
        guard fits.count == 1 else { return nil }
        var out = words
        out[k] = fits[0]
        return (out.joined(separator: " "), out[k...].joined(separator: " "))
    }
}

