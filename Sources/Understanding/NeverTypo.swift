/// Words that are always themselves when read by a typo-tolerant matcher: a month, a weekday, a
/// common first name or the noun of something a network hands in. «y la de abril» is about April,
/// never «abrir» one letter away; «Mario» is a person, not a command; «pauta» answering «¿Qué
/// evidencia…?» is the evidence, not «pausa» (issue 12).
public enum NeverTypo {
    /// True when the folded token is a month, a weekday (full name), a common first name or a
    /// thing's noun. A few dictionary lookups; most tokens are ruled out by length first.
    public static func contains(_ folded: String) -> Bool {
        guard folded.utf8.count >= 4 else { return false }
        if let w = Lexicon.words[folded] {
            switch w {
            case .month, .weekday: return true
            default: break
            }
        }
        return PeopleParser.thingWords.contains(folded) || FirstNames.canonical(folded) != nil
    }
}
