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

    /// «objetivo 2», «objetivo n° 2».
    private static let objectiveName = #"objetivo\s+(?:n[°º.]?\s*|nro\.?\s*|n[uú]mero\s+)?\d+"#
    /// «decisión 1», «decision n° 1», «DC-1», «dc 1».
    private static let decisionName = #"(?:decisi[oó]n\s+(?:n[°º.]?\s*|nro\.?\s*|n[uú]mero\s+)?|dc\s*-?\s*)\d+"#

    private static let actually = #"(?:en\s+verdad|en\s+realidad|realmente|de\s+verdad|m[aá]s\s+bien)"#
    private static let copula = #"(?:es|era|fue|ser[ií]a|ser[aá]|dice|dec[ií]a|deber[ií]a\s+(?:ser|decir))"#

    /// Compiled once: the record's name, then the frame in either order, an optional colon and «que».
    private static func frame(_ record: String) -> NSRegularExpression {
        let pattern = #"(?i)\b"# + record + #"\s*,?\s+(?:"# + actually + #"\s*,?\s+"# + copula + "|" + copula + #"\s+"# + actually
            + #")\s*(:)?\s*(que\s+)?"#
        return try! NSRegularExpression(pattern: pattern)
    }
    private static let objectiveFrame = frame(objectiveName)
    private static let decisionFrame = frame(decisionName)

    /// The words said as the record's new text after the record's name and the «actually»
    /// frame; nil without the frame, or with fewer than three content words (a short remark
    /// such as «es el más importante» is no new text).
    /// `needsQue`: only a text told with «que» or after a colon counts («la decisión 1 en verdad
    /// fue por votación» speaks of how it was decided, not of its words); that «que» is dropped.
    static func text(_ message: String, record: Record, needsQue: Bool) -> String? {
        // Most messages say none of the frame's words: no pattern is run on them.
        guard TextFold.mayContainFolded(message, ["verdad", "realidad", "realmente", "bien"]) else { return nil }
        let regex = record == .objective ? objectiveFrame : decisionFrame
        guard let m = regex.firstMatch(in: message, range: NSRange(message.startIndex..., in: message)),
              let end = Range(m.range, in: message) else { return nil }
        let colon = m.range(at: 1).location != NSNotFound, que = m.range(at: 2).location != NSNotFound
        if needsQue, !colon, !que { return nil }
        var said = (que && !needsQue ? "que " : "") + message[end.upperBound...].trimmingCharacters(in: .whitespaces)
        while let f = said.first, "«\"'“".contains(f) { said.removeFirst() }
        while let l = said.last, "»\"'”.!".contains(l) { said.removeLast() }
        said = said.trimmingCharacters(in: .whitespaces)
        return Phrase(said).contentCount >= 3 ? said : nil
    }
}
