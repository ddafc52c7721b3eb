import Understanding

/// «me comprometo a hacer una ficha por mes, pero oye cuando es la proxima reunion?», «Luis manda
/// el acta el viernes. y una pregunta: ¿quiénes están en la red?»: a question put at the end of
/// an answer (or of a request). It is answered from the records, and what comes before it is
/// the answer (issue 12: the question was stored in the agreement's text, or its meeting words
/// started scheduling one).
extension DialogEngine {
    /// The words before a closing question the records answer, and that question; nil when the
    /// message does not end with one (most messages have no «?» at all: one byte scan first).
    /// `query` is nil for a question announced with its own words («pero oye …?», «una pregunta:
    /// …?») that the records do not answer: still no part of the answer.
    static func trailingQuestion(_ clean: String) -> (head: String, query: Query?)? {
        guard TextFold.contains(clean, byte: UInt8(ascii: "?")) else { return nil }
        let text = clean.trimmingCharacters(in: .whitespaces)
        guard text.hasSuffix("?") else { return nil }
        let words = text.split(separator: " ").map(String.init)
        guard words.count >= 5 else { return nil }
        // Where a question may start: after a clause's mark, at an opening «¿», or after a word
        // that announces it («oye», «pregunta», «consulta»). The latest one that reads as a
        // question the records answer wins (an earlier one would take part of the answer).
        for i in stride(from: words.count - 2, through: 2, by: -1) {
            let before = words[i - 1]
            let folded = AnswerText.letters(before)
            guard before.last.map({ ",;:.".contains($0) }) == true || words[i].hasPrefix("¿") || questionAnnouncers.contains(folded) else { continue }
            var tail = Array(words[i...])
            // Announced by a word («oye», «pregunta»), not only by «¿» («nos preguntamos ¿cómo
            // hacer que lean más?» is a reflection's own words).
            var worded = questionAnnouncers.contains(folded)
            let lead = leadCount(tail)
            if lead > 0 { worded = worded || tail.prefix(lead).contains { questionAnnouncers.contains(AnswerText.letters($0)) }; tail.removeFirst(lead) }
            let announced = worded || words[i].hasPrefix("¿")
            guard tail.count >= 2 else { continue }
            let asked = String(tail.joined(separator: " ").filter { $0 != "¿" })
            let phrase = Phrase(asked)
            guard let first = phrase.tokens.first else { continue }
            // It opens as a question does (a question word, «hay», «a qué hora»…), or it was
            // announced as one: never a clause of the answer that happens to end in «?».
            let opens = QueryMatcher.questionWords.contains(first) || ["hay", "q", "tenemos"].contains(first)
                || (phrase.tokens.count > 1 && QueryMatcher.questionPrepositions.contains(first) && QueryMatcher.questionWords.contains(phrase.tokens[1]))
                || first == "pa" && phrase.tokens.count > 1 && phrase.tokens[1] == "cuando"
            guard opens || announced else { continue }
            let query = QueryMatcher.match(phrase, raw: asked, strict: true)
            guard query != nil || worded else { continue }
            var head = Array(words[..<i])
            // «…, y una pregunta:», «…, pero oye», «… por cierto»: the words that lead into the
            // question go with it.
            while let last = head.last {
                let w = AnswerText.letters(last)
                if head.count >= 2, case let before = AnswerText.letters(head[head.count - 2]),
                   (["una", "otra"].contains(before) && ["pregunta", "consulta", "cosa"].contains(w)) || (before == "por" && w == "cierto") {
                    head.removeLast(2)
                } else if headEnders.contains(w) || w.isEmpty {
                    head.removeLast()
                } else {
                    break
                }
            }
            var said = head.joined(separator: " ")
            while let c = said.last, ",;:. ".contains(c) { said.removeLast() }
            guard !said.contains("?"), Phrase(said).contentCount >= 2 else { return nil }
            return (said, query)
        }
        return nil
    }

    /// Words after which a question comes: «pero oye, …», «una pregunta: …», «consulta: …».
    static let questionAnnouncers: Set<String> = ["oye", "oiga", "pregunta", "consulta", "cierto"]

    /// Words that end the answer before its question, no part of it: «…, pero oye», «… y una pregunta».
    static let headEnders: Set<String> = ["pero", "oye", "oiga", "y", "ah", "eh", "pregunta", "consulta"]

    /// How many words open `tail` before the question itself: «pero oye», «y una pregunta:», «por cierto».
    static func leadCount(_ tail: [String]) -> Int {
        var k = 0
        while k < tail.count {
            let w = AnswerText.letters(tail[k])
            if ["pero", "oye", "oiga", "y", "ah", "eh", "ya", "bueno"].contains(w) {
                k += 1
            } else if k + 1 < tail.count, ["una", "otra", "por"].contains(w),
                      ["pregunta", "consulta", "cosa", "cierto"].contains(AnswerText.letters(tail[k + 1])) {
                k += 2
            } else if ["pregunta", "consulta"].contains(w), tail[k].hasSuffix(":") {
                k += 1
            } else {
                break
            }
        }
        return k
    }
}
