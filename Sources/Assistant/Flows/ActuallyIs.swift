import DialogEngine
import Understanding
import Foundation

/// «el objetivo 2 en verdad es …», «la decisión 1 en realidad fue que …», «la DC-1 más bien es:
/// …»: a numbered record said again as it really is (issue 12: «No te entendí»). The edit flows
/// of each record read its new text here; the record's noun and number come first, then a word
/// of «actually» and a copula, in either order («en verdad es», «era más bien»).
enum ActuallyIs {
    /// What names the record before the «actually» frame.
    enum Record: Sendable { case objective, decision }

    /// «primer», «segunda»…: a record named by its place.
    private static let ordinal = #"(?:primer[oa]?|segund[oa]|tercer[oa]?|cuart[oa]|quint[oa])"#
    /// «objetivo 2», «objetivo n° 2», «el segundo objetivo».
    private static let objectiveName = #"(?:objetivo\s+(?:n[°º.]?\s*|nro\.?\s*|n[uú]mero\s+)?\d+|"# + ordinal + #"\s+objetivo)"#
    /// «decisión 1», «decision n° 1», «DC-1», «dc 1», «la primera decisión».
    private static let decisionName = #"(?:(?:decisi[oó]n\s+(?:n[°º.]?\s*|nro\.?\s*|n[uú]mero\s+)?|dc\s*-?\s*)\d+|"# + ordinal + #"\s+decisi[oó]n)"#

    private static let actually = #"(?:en\s+verdad|en\s+realidad|realmente|de\s+verdad|m[aá]s\s+bien)"#
    private static let copula = #"(?:es|era|fue|ser[ií]a|ser[aá]|dice|dec[ií]a|deber[ií]a\s+(?:ser|decir))"#

    /// Compiled once: the record's name and the frame in any of its orders («el objetivo 2 en
    /// verdad es», «el objetivo 2 es en verdad», «en verdad el objetivo 2 es»), then an optional
    /// colon and «que».
    private static func frame(_ record: String) -> NSRegularExpression {
        let named = #"\b"# + record + #"\s*,?\s+"#
        let pattern = #"(?i)(?:\b"# + actually + #"\s*,?\s+(?:el|la)\s+"# + named + copula
            + "|" + named + #"(?:"# + actually + #"\s*,?\s+"# + copula + "|" + copula + #"\s*,?\s+"# + actually + #"))\s*(:)?\s*(que\s+)?"#
        return try! NSRegularExpression(pattern: pattern)
    }
    private static let objectiveFrame = frame(objectiveName)
    private static let decisionFrame = frame(decisionName)

    /// The record's number (said with digits or by its place) and the words said as its new text,
    /// after the record's name and the «actually» frame; nil without the frame, or with fewer
    /// than three content words (a short remark such as «es el más importante» is no new text).
    /// `needsQue`: only a text told with «que» or after a colon counts («la decisión 1 en verdad
    /// fue por votación» speaks of how it was decided, not of its words); that «que» is dropped.
    static func read(_ message: String, record: Record, needsQue: Bool) -> (number: Int?, text: String)? {
        // Most messages say none of the frame's words: no pattern is run on them.
        guard TextFold.mayContainFolded(message, ["verdad", "realidad", "realmente", "bien"]) else { return nil }
        let regex = record == .objective ? objectiveFrame : decisionFrame
        guard let m = regex.firstMatch(in: message, range: NSRange(message.startIndex..., in: message)),
              let whole = Range(m.range, in: message) else { return nil }
        let colon = m.range(at: 1).location != NSNotFound, que = m.range(at: 2).location != NSNotFound
        if needsQue, !colon, !que { return nil }
        var said = (que && !needsQue ? "que " : "") + message[whole.upperBound...].trimmingCharacters(in: .whitespaces)
        while let f = said.first, "«\"'“".contains(f) { said.removeFirst() }
        while let l = said.last, "»\"'”.!".contains(l) { said.removeLast() }
        said = said.trimmingCharacters(in: .whitespaces)
        guard Phrase(said).contentCount >= 3 else { return nil }
        // The number in the frame: its digits («dc-1» folds to one token), else its place.
        let named = Phrase(String(message[whole]))
        let number = named.tokens.lazy.compactMap { t in Int(t.filter(\.isNumber)).flatMap { t.first!.isNumber || t.hasPrefix("dc") ? $0 : nil } ?? places[t] }.first
        return (number, said)
    }

    static let places: [String: Int] = ["primer": 1, "primero": 1, "primera": 1, "segundo": 2, "segunda": 2, "tercer": 3, "tercero": 3,
                                        "tercera": 3, "cuarto": 4, "cuarta": 4, "quinto": 5, "quinta": 5]
}
