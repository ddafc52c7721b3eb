import DialogEngine
import Foundation
import Understanding

/// A reflection told in one go: «hicimos el ticket de salida en 4 cursos, resultó bien con los
/// grandes pero los de primero se aburrían, aprendimos que hay que adecuar la lectura a cada
/// nivel, la próxima vez voy a separar por niveles». Each clause that opens with a field's cue
/// («aprendimos», «la próxima vez», «lo que no funcionó»…) starts that field; the clauses after
/// it belong to it until the next cue.
enum ReflectionCues {
    /// The reflection's free-text fields, in the order they are asked.
    static let fields = ["practica", "que_paso", "factores_exito", "por_mejorar", "ajustes", "aprendizajes"]

    /// Cues that say a field so clearly that a whole answer opening with one belongs there, even
    /// when another field was asked («la próxima vez voy a separar…» asked what worked).
    static let moves: [String: [[String]]] = words([
        "aprendizajes": ["aprendimos", "aprendi", "aprendieron", "nos dimos cuenta", "me di cuenta", "la leccion", "lo que aprendimos",
                         "el aprendizaje es", "el aprendizaje fue", "nos quedo claro", "me quedo claro", "descubrimos"],
        // Not «la próxima» alone: «la próxima clase escribieron…» tells what happened.
        "ajustes": ["la proxima vez", "para la proxima", "pa la proxima", "proxima vez", "de ahora en adelante",
                    "el proximo ano", "el otro ano", "cambiariamos", "ajustariamos", "hariamos distinto", "lo que cambiariamos"],
        "por_mejorar": ["lo que no funciono", "lo que no resulto", "por mejorar", "lo que hay que mejorar", "lo malo fue", "lo malo es"],
        "factores_exito": ["lo que funciono", "lo que resulto", "lo bueno fue", "lo bueno es", "funciono porque", "resulto porque"],
    ])

    /// Cues that start a field inside a longer message, after its first clause.
    static let splits: [String: [[String]]] = words([
        "por_mejorar": ["no funciono", "no resulto", "nos costo", "costo", "falto", "nos falto", "la dificultad", "el problema", "lo dificil",
                        "hay que mejorar", "se puede mejorar", "lo malo"],
        "factores_exito": ["funciono", "gracias a", "ayudo", "lo bueno", "sirvio"],
    ])

    /// Cues of what happened, said after the practice itself in the opening answer.
    static let happened: [[String]] = words(["resulto", "salio", "paso que", "lo que paso", "les gusto", "los ninos", "los cabros",
                                             "los estudiantes", "los chiquillos", "a los ninos", "a los cabros", "a los estudiantes",
                                             "a los chiquillos", "al principio", "participaron", "funciono"])

    /// Words that link a clause to the one before and say nothing themselves.
    /// (And the fillers a clause may open with: «Ah y lo que aprendimos es que…», qa24: the learning
    /// stayed inside the «ajustes» answer.)
    static let connectors: Set<String> = ["y", "e", "pero", "asi", "que", "entonces", "ademas", "tambien", "igual", "bueno", "ya", "luego", "despues",
                                          "ah", "ahh", "oh", "eh", "ojo", "mira", "pucha", "obvio", "aa"]

    private static func words(_ table: [String: [String]]) -> [String: [[String]]] {
        table.mapValues { $0.map { $0.split(separator: " ").map(String.init) } }
    }

    private static func words(_ list: [String]) -> [[String]] { list.map { $0.split(separator: " ").map(String.init) } }

    /// The message's text by field, when it holds another field than `asked` (nil otherwise).
    /// `filled` fields are not overwritten: what was said for them stays with the asked field.
    static func split(_ text: String, asked: String, filled: Set<String>) -> [String: String]? {
        var groups: [(field: String, text: [String])] = []
        for (i, clause) in clauses(text).enumerated() {
            let field = cue(clause, first: i == 0, asked: asked)
            if let field, field != groups.last?.field, !(field != asked && filled.contains(field)) {
                // «Ah y lo que aprendimos es que…»: the filler that opens another field's clause is no part of it.
                groups.append((field, [field == asked ? clause : withoutLeadingConnectors(clause)]))
            } else if groups.isEmpty {
                groups.append((asked, [clause]))
            } else {
                groups[groups.count - 1].text.append(clause)
            }
        }
        var out: [String: String] = [:]
        for g in groups {
            let said = g.text.joined(separator: ", ")
            out[g.field] = out[g.field].map { $0 + ", " + said } ?? said
        }
        guard out.keys.contains(where: { $0 != asked }) else { return nil }
        return out
    }

    /// The field a clause opens, if it opens with a cue.
    static func cue(_ clause: String, first: Bool, asked: String) -> String? {
        var t = Phrase(clause).tokens[...]
        while let w = t.first, connectors.contains(w), t.count > 1 { t = t.dropFirst() }
        let opens = { (leads: [[String]]) in leads.contains { t.starts(with: $0) } }
        for field in fields.reversed() where opens(moves[field] ?? []) { return field }
        guard !first else { return nil }
        for field in fields.reversed() where opens(splits[field] ?? []) { return field }
        // The opening answer tells the practice, then often what happened.
        if asked == "practica", opens(happened) { return "que_paso" }
        return nil
    }

    /// The text cut at commas, semicolons, periods and line breaks, and before a «y» that opens
    /// a clearly named field («…el día antes y aprendimos que…»: `moves`).
    static func clauses(_ text: String) -> [String] {
        text.split(whereSeparator: { ",;.\n".contains($0) })
            .flatMap(cutAtNamedField)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// `clause` without the connectors and fillers it opens with («Ah y lo que aprendimos…» →
    /// «lo que aprendimos…»); as said when nothing else would be left.
    static func withoutLeadingConnectors(_ clause: String) -> String {
        let words = clause.split(separator: " ")
        let k = words.prefix { connectors.contains(TextFold.fold(String($0)).filter(\.isLetter)) }.count
        guard k > 0, k < words.count else { return clause }
        return words[k...].joined(separator: " ")
    }

    /// `piece` cut before each « y » whose next words are a `moves` cue; the piece itself when
    /// it has no « y ». (The byte search comes first: most clauses have none.)
    static func cutAtNamedField(_ piece: Substring) -> [Substring] {
        guard piece.utf8.count > 6, piece.range(of: " y ") != nil else { return [piece] }
        var out: [Substring] = []
        var rest = piece
        var from = rest.startIndex
        while let r = rest.range(of: " y ", range: from..<rest.endIndex) {
            let after = Phrase(String(rest[r.upperBound...].prefix(60))).tokens
            let head = Phrase(String(rest[..<r.lowerBound])).tokens
            if head.contains(where: { !connectors.contains($0) }),
               moves.values.contains(where: { leads in leads.contains { after.starts(with: $0) } }) {
                out.append(rest[..<r.lowerBound])
                rest = rest[r.upperBound...]
                from = rest.startIndex
            } else {
                from = r.upperBound
            }
        }
        out.append(rest)
        return out
    }
}
