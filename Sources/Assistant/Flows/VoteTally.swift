import Foundation
import DialogEngine
import Understanding

/// A vote count said with a decision: «5 a favor y 2 en contra», «se aprobó 7 a 1», «por 6
/// votos contra 2», «6 a favor, 1 en contra y 2 abstenciones». Read only in the decision flow.
enum VoteTally {
    static let number = #"(\d{1,3}|un[oa]?|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce)"#

    /// The text without the count (and the words that lead it), and the count as it is kept
    /// («votación: 5 a favor y 2 en contra»); nil when the text says no count.
    static func cut(_ text: String) -> (rest: String, tally: String)? {
        // Cheap gate: a count needs «favor», «contra» or a digit.
        let f = TextFold.fold(text)
        guard f.contains("favor") || f.contains("contra") || f.contains(where: \.isNumber) else { return nil }
        let n = number
        let favor = n + #"\s+(votos?\s+)?a\s+favor"#
        let contra = n + #"\s+(votos?\s+)?en\s+contra"#
        let abst = n + #"\s+abstenci[oó]n(es)?"#
        let sep = #"\s*(,|y|e)?\s*"#
        let patterns = [
            // «5 a favor y 2 en contra (y 1 abstención)», «2 en contra y 5 a favor».
            #"(?i)(por\s+|con\s+)?"# + favor + "(" + sep + contra + ")?(" + sep + abst + ")?",
            #"(?i)(por\s+|con\s+)?"# + contra + sep + favor + "(" + sep + abst + ")?",
            // «se aprobó 7 a 1», «ganó el jueves 6 a 2», «por 6 votos contra 2».
            #"(?i)(?<=\b(aprob[oó]|aprobamos|aprobaron|gan[oó]|votamos|votaron|vot[oó]|votaci[oó]n|por|quedo|quedó)\s)(\w+\s+){0,3}?"# + n + #"\s+(votos\s+)?(a|contra)\s+"# + n + #"(\s+votos)?\b"#,
        ]
        for p in patterns {
            guard let r = text.range(of: p, options: .regularExpression) else { continue }
            let said = String(text[r])
            guard let tally = normalized(said) else { continue }
            var rest = text
            // The leading «(y) se aprobó», «, votación:» go with the count.
            var lower = r.lowerBound
            let before = String(text[..<lower])
            if let lead = before.range(of: #"(?i)[,;:.]?\s*(y\s+)?((se\s+)?(aprob[oó]|gan[oó]|vot[oó])|aprobamos|aprobaron|votamos|votaron|(por\s+)?votaci[oó]n|quedo|quedó)?\s*[,:]?\s*$"#, options: .regularExpression) {
                lower = lead.lowerBound
            }
            rest.replaceSubrange(lower..<r.upperBound, with: "")
            rest = rest.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: ",;:.")))
            return (rest, tally)
        }
        return nil
    }

    /// `text` when it is a count kept by `cut`, nil otherwise.
    static func said(_ text: String) -> String? { text.hasPrefix("votación: ") ? text : nil }

    /// «votación: 7 a favor y 1 en contra» for «7 a 1» / «5 a favor y 2 en contra».
    static func normalized(_ said: String) -> String? {
        let t = Phrase(said).tokens
        func value(_ w: String) -> Int? {
            if let v = Int(w) { return v }
            let words = ["un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
                         "nueve": 9, "diez": 10, "once": 11, "doce": 12]
            return words[w]
        }
        var yes: Int?, no: Int?, abstain: Int?
        for (i, w) in t.enumerated() {
            guard let v = value(w) else { continue }
            let next = t.dropFirst(i + 1).prefix(3)
            if next.contains("favor") && yes == nil { yes = v }
            else if next.first.map({ $0.hasPrefix("abstenc") }) == true || next.dropFirst().first.map({ $0.hasPrefix("abstenc") }) == true { abstain = v }
            else if next.contains("en") && next.contains("contra") && no == nil { no = v }
            else if yes == nil, next.first == "a" || next.first == "contra" || (next.first == "votos" && next.dropFirst().first == "contra") { yes = v }
            else if yes != nil, no == nil { no = v }
        }
        guard let y = yes else { return nil }
        var out = "votación: \(y) a favor"
        if let no { out += abstain == nil ? " y \(no) en contra" : ", \(no) en contra" }
        if let abstain { out += " y \(abstain) \(abstain == 1 ? "abstención" : "abstenciones")" }
        return out
    }
}
