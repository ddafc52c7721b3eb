import DialogEngine
import Understanding

/// «ahora el propósito: mejorar la lectura…», «el proposito seria que todas las escuelas…»: a
/// message that says the network's purpose itself, not a question about it nor a request to
/// write one later. Read the same wherever it comes: at the menu, while the network is being
/// set up, or as the words that started the purpose flow.
struct PurposeStatement: Equatable {
    /// The purpose, as typed.
    var statement: String
    /// Objectives said after it («…; objetivos: 1) …, 2) …»), each as typed.
    var objectives: [String]
    /// A closing sentence «lo acordamos todos (en la reunión de octubre)»: the whole network agreed it.
    var agreedByAll = false

    static func read(_ text: String) -> PurposeStatement? {
        // A question about the purpose asks; it never writes one.
        guard !text.contains("?"), !text.contains("¿") else { return nil }
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        guard words.count >= 4 else { return nil }
        let folded = words.map { Phrase(String($0)).tokens }
        // «propósito», «proposito», «propocito»: the word that names what is said.
        guard let k = folded.prefix(8).firstIndex(where: { $0.contains(where: isPurposeWord) }) else { return nil }
        // Before it only lead-ins and writing verbs («ahora el», «escribamos el», «y nuestro»):
        // «para mi escuela el propósito significa…» is a member's reading, not the purpose.
        guard folded[..<k].allSatisfy({ $0.allSatisfy(leadIns.contains) }) else { return nil }
        var i = k + 1
        var said = words[k].hasSuffix(":")
        // «ahora escribamos el proposito. Fortalecer el liderazgo…»: a full stop after the word
        // (or its owners) and a sentence of five or more words is the purpose itself.
        var stop = words[k].hasSuffix(".")
        // «de la red», «común», «de nosotros»: what names whose purpose it is.
        while !said, !stop, i < words.count, folded[i].allSatisfy(owners.contains) {
            said = words[i].hasSuffix(":")
            stop = words[i].hasSuffix(".")
            i += 1
        }
        if !said, stop, words.count - i >= 5 { said = true }
        // «es», «sería», «va a ser», «quedaría»: the purpose follows.
        if !said, i < words.count, let n = copula(folded, at: i) {
            i += n
            said = true
        }
        guard said, i < words.count else { return nil }
        var rest = words[i...].joined(separator: " ")
        while let c = rest.first, ":-–".contains(c) || c == " " { rest.removeFirst() }
        // «…. lo acordamos todos en la reunión de octubre»: a last sentence about who agreed it is
        // neither the purpose nor an objective.
        var agreedByAll = false
        if let (before, all) = agreedSentence(rest) {
            rest = before
            agreedByAll = all
        }
        // «…; objetivos: 1) leer más, 2) una clase compartida al mes»: the objectives follow it.
        var objectives: [String] = []
        if let (before, after) = objectivesPart(rest) {
            rest = before
            objectives = objectiveItems(after)
        }
        let statement = AnswerText.trimmed(rest.trimmingCharacters(in: .init(charactersIn: " ,.;:")))
        guard Phrase(statement).stems.count >= 2 else { return nil }
        return PurposeStatement(statement: statement, objectives: objectives.map { $0.trimmingCharacters(in: .init(charactersIn: " ,.;:")) }.filter { !$0.isEmpty },
                                agreedByAll: agreedByAll)
    }

    /// The objectives said after «objetivos:», each as typed. «planificar juntos…, hacer
    /// pasantías…»: prose with one verb per objective; «hacer un banco de material y juntarnos
    /// una vez al mes»: each infinitive after a «y» opens another (qa39: they were one).
    static func objectiveItems(_ after: String) -> [String] {
        if let listed = ListSplitter.split(after) ?? (after.contains(",") ? PropositoFlow.objectives(after) : nil) { return listed }
        let parts = NormasFlow.splitBeforeVerb(after)
        if parts.count >= 2, parts.allSatisfy({ $0.split(separator: " ").count >= 3 && NormasFlow.isInfinitive(String($0.split(separator: " ")[0])) }) {
            return parts
        }
        return [after]
    }

    /// «…. lo acordamos todos en la reunión de octubre», «…. la acordaron todas»: the text before
    /// a last sentence that says who agreed it, and whether it says the whole network; nil when
    /// the text has no such sentence.
    static func agreedSentence(_ text: String) -> (String, Bool)? {
        guard let dot = text.range(of: ". ", options: .backwards) else { return nil }
        let t = Phrase(String(text[dot.upperBound...])).tokens
        guard let v = t.prefix(3).firstIndex(where: { $0.hasPrefix("acord") }),
              t[..<v].allSatisfy({ ["lo", "la", "y", "esto", "eso", "ya"].contains($0) }) else { return nil }
        return (String(text[..<dot.lowerBound]), t.contains { $0 == "todos" || $0 == "todas" })
    }

    /// «los objetivos serían: 1) … 2) …», «objetivos: leer más y …»: objectives said on their
    /// own (the purpose itself said before or after), each as typed; nil for anything else.
    static func objectivesOnly(_ text: String) -> [String]? {
        guard !text.contains("?"), !text.contains("¿") else { return nil }
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        let folded = words.prefix(6).map { Phrase(String($0)).tokens }
        guard let k = folded.firstIndex(where: { $0 == ["objetivos"] || $0 == ["objetivo"] }),
              folded[..<k].allSatisfy({ $0.allSatisfy { leadIns.contains($0) || ["los", "las", "nuestros", "sus"].contains($0) } }) else { return nil }
        var i = k + 1
        if !words[k].hasSuffix(":") {
            guard i < folded.count, ["son", "serian", "seran", "serán", "van"].contains(folded[i].first ?? "") else { return nil }
            i += folded[i] == ["van"] ? 3 : 1
        }
        guard i < words.count else { return nil }
        var rest = words[i...].joined(separator: " ")
        while let c = rest.first, ":-–".contains(c) || c == " " { rest.removeFirst() }
        guard Phrase(rest).stems.count >= 2 else { return nil }
        // «objetivos son instalar…, y compartir…, y hacer…»: prose with one verb per objective.
        let items = (ListSplitter.split(rest) ?? PropositoFlow.objectives(rest) ?? [rest]).map { $0.trimmingCharacters(in: .init(charactersIn: " ,.;:")) }.filter { !$0.isEmpty }
        return items.isEmpty ? nil : items
    }

    static func isPurposeWord(_ token: String) -> Bool {
        token.hasPrefix("propos") || token.hasPrefix("propoc") || token.hasPrefix("porpos")
    }

    /// The words of a copula at `i` («es», «va a ser»), or nil.
    static func copula(_ folded: [[String]], at i: Int) -> Int? {
        let t = folded[i...].prefix(3).flatMap { $0 }
        if t.starts(with: ["va", "a", "ser"]) { return 3 }
        if let f = t.first, ["es", "seria", "sera", "quedaria", "sea", "fuera"].contains(f), folded[i].count == 1 { return 1 }
        return nil
    }

    /// «…. objetivos: …», «…; los objetivos son …»: where the objectives start, when said.
    static func objectivesPart(_ text: String) -> (String, String)? {
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        for j in words.indices.dropFirst(2) {
            let w = Phrase(String(words[j])).tokens
            guard w == ["objetivos"] || w == ["objetivo"] else { continue }
            // Only a part that names them: a colon after the word, or a verb, after a stop before it.
            let stop = words[j - 1].last.map { ".;,".contains($0) } ?? false
                || (["y", "los", "sus"].contains(Phrase(String(words[j - 1])).core) && (words[j - 2].last.map { ".;,".contains($0) } ?? false))
            guard stop else { continue }
            var k = j + 1
            if !words[j].hasSuffix(":") {
                guard k < words.count, ["son", "serian", "seran"].contains(Phrase(String(words[k])).core) else { continue }
                k += 1
            }
            guard k < words.count else { continue }
            var cut = j
            if ["y", "los", "sus"].contains(Phrase(String(words[j - 1])).core) { cut -= 1 }
            return (words[..<cut].joined(separator: " "), words[k...].joined(separator: " "))
        }
        return nil
    }

    static let leadIns: Set<String> = [
        "ahora", "y", "bueno", "ya", "entonces", "ok", "oka", "okey", "listo", "ah", "oye", "minga", "hola", "mira", "bien", "pues", "po",
        "el", "la", "nuestro", "nuestra", "este", "nuevo", "tambien", "luego", "despues", "aqui", "ahi", "va", "te", "les", "paso", "dejo",
        "por", "favor", "porfa", "escribamos", "escribe", "escribir", "escriba", "escribo", "anota", "anotemos", "anotar", "anote", "anoto",
        "pongamos", "pon", "poner", "ponle", "registra", "registrar", "registremos", "quiero", "queremos", "quisiera", "vamos", "a",
        "definir", "definimos", "definamos", "dejemos", "deja", "dejar", "guarda", "guardar", "guardemos", "cambia", "cambiar",
        "cambiemos", "actualiza", "actualizar", "corrige", "corregir", "sigamos", "con",
    ]
    static let owners: Set<String> = ["de", "la", "red", "como", "comun", "nuestro", "nuestra", "del", "microcentro", "nosotros", "general", "nuevo"]
}
