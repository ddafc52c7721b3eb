/// A small Spanish stemmer for search by topic: the inflections of a verb and the nouns made
/// from it share a stem («grabar», «graban», «grabamos», «grabó», «grabación», «grabaciones» →
/// «grab»), so «¿qué decidimos sobre grabar?» finds a decision «se graban las reuniones» (pass
/// 11, qa17: it found nothing). It works on folded words (`TextFold.fold`: lowercase, no
/// accents) and removes the longest ending of `endings` that leaves at least four letters; a
/// word with none is its own stem. Exact and deterministic: no dictionary, no guessing.
public enum SpanishStem {
    /// The stem of one folded word.
    public static func of(_ word: String) -> String {
        let n = word.utf8.count
        guard n > minimum else { return word }
        for e in endings where n - e.utf8.count >= minimum && word.hasSuffix(e) {
            return String(word.dropLast(e.count))
        }
        return word
    }

    /// The stems of the words of `text` (folded first).
    public static func stems(_ text: String) -> Set<String> {
        Set(TextFold.fold(text).split(separator: " ").map { of(String($0)) })
    }

    /// The fewest letters a stem keeps («grab»): shorter words are left alone.
    static let minimum = 4

    /// Verb endings (present, preterite, imperfect, future, conditional, subjunctive, gerund,
    /// participle, infinitive) and the nouns and adverbs made from verbs, longest first so
    /// the longest that fits wins.
    static let endings: [String] = [
        "aciones", "iciones", "amientos", "imientos", "ariamos", "eriamos", "iriamos",
        "amiento", "imiento", "aremos", "eremos", "iremos", "abamos", "ieramos", "aramos", "ieron",
        "acion", "icion", "mente", "arian", "erian", "irian", "ieran", "ieses", "aron", "aran", "eran", "iran",
        "aban", "iamos", "ando", "iendo", "ados", "idos", "adas", "idas", "amos", "emos", "imos",
        "aria", "eria", "iria", "iera", "aba", "ara", "era", "ira", "ado", "ido", "ada", "ida", "ian",
        "are", "ere", "ire", "ar", "er", "ir", "an", "en", "as", "es", "os", "io", "ia",
        "a", "e", "o", "s",
    ]
}
