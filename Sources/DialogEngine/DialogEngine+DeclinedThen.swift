import Understanding

extension DialogEngine {
    /// «no, después, ahora tengo que irme a consejo. ah y mi rol es jefa UTP de la escuela san
    /// martin» to an offer: the «no» answers it, and a later sentence («ah y …», «oye, …») that a
    /// flow claims, or that clearly asks for one, is a request of its own (qa28 c2: the role and
    /// school were dropped in silence). The sentence and what follows it; nil when no later
    /// sentence is one. Runs only at a «no» to an offer that has a sentence break.
    func laterRequest(_ message: Utterance, context: EngineContext) -> String? {
        let clean = message.clean
        guard clean.contains(". ") || clean.contains("! ") || clean.contains("; ") else { return nil }
        var sentences: [Substring] = []
        var start = clean.startIndex, i = clean.startIndex
        while i < clean.endIndex {
            let c = clean[i]
            let next = clean.index(after: i)
            if c == "." || c == "!" || c == ";", next < clean.endIndex, clean[next] == " " {
                sentences.append(clean[start..<i])
                start = next
            }
            i = next
        }
        sentences.append(clean[start...])
        guard sentences.count >= 2 else { return nil }
        for k in 1..<sentences.count {
            var words = sentences[k...].joined(separator: ". ").split(separator: " ").map(String.init)
            // «ah y …», «oye, …», «y además …»: words that only link the sentence to the one before.
            while let w = words.first, Self.linkWords.contains(TextFold.fold(w).trimmingCharacters(in: .punctuationCharacters)) {
                words.removeFirst()
            }
            guard words.count >= 3 else { continue }
            let text = words.joined(separator: " ")
            let said = Utterance(text)
            if claim(said, context: context) != nil || strongIntent(said.phrase, excluding: "", freeText: false) != nil { return text }
        }
        return nil
    }

    static let linkWords: Set<String> = ["ah", "y", "oye", "ojo", "e", "ademas", "tambien", "pero"]
}
