import DialogEngine
import Domain
import Understanding

/// An agreement already registered named in a request: «el acuerdo 1», «el acuerdo del plan de
/// convivencia», «en el compromiso de la planilla». The flows that change or delete an agreement
/// claim a request with one, so «agregar a Luis…» or «hay que borrarlo» is about that agreement,
/// not a new one nor its follow-up.
enum AgreementMention {
    static let nouns: Set<String> = ["acuerdo", "compromiso", "acurdo"]

    /// The one agreement the message names, or nil (none, or several).
    static func find(_ text: String, in s: NetworkSnapshot, context: EngineContext) -> Agreement? {
        guard !s.agreements.isEmpty else { return nil }
        let words = text.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0).filter { $0.isLetter || $0.isNumber } }
        guard let i = folded.firstIndex(where: nouns.contains) else { return nil }
        // «el último acuerdo», «el acuerdo último»: the one registered last (still standing).
        if (i > 0 && ["ultimo", "ultima"].contains(folded[i - 1])) || (i + 1 < folded.count && ["ultimo", "ultima"].contains(folded[i + 1])) {
            return s.agreements.filter { $0.status != .borrado }.max { ($0.number ?? 0) < ($1.number ?? 0) }
        }
        // «el acuerdo 1», «acuerdo n° 2».
        if let n = folded[(i + 1)...].prefix(2).compactMap({ Int($0) }).first { return s.agreement(number: n) }
        // «el acuerdo del plan de convivencia hay que…»: the few words that describe it.
        var tail: [String] = []
        for (w, f) in zip(words[(i + 1)...], folded[(i + 1)...]) {
            // «lo»/«la» after a preposition is an article («el acuerdo de la jornada»), not «…lo borramos».
            let article = ["lo", "la"].contains(f) && tail.last.map { ["de", "a", "en", "con", "para", "sobre"].contains(TextFold.fold($0)) } == true
            if tail.count > 6 || ["hay", "que", "quedo", "hubo", "tiene", "se", "lo", "la"].contains(f) && !tail.isEmpty && !article { break }
            // «el acuerdo del transporte elimínalo»: the request's verb ends what describes it.
            if !tail.isEmpty, BorrarFlow.deleteWord(f) { break }
            let end = w.last.map { ",.;:!?".contains($0) } ?? false
            tail.append(end ? String(w.dropLast()) : w)
            if end { break }
        }
        guard tail.count >= 2 else { return nil }
        let found = AgreementReference.named(tail.joined(separator: " "), in: s, context: context)
        return found.count == 1 ? found[0] : nil
    }

    /// What follows the first comma (or «porque», «ya que») after word `from` of `text`, up to
    /// the end of its sentence: the reason given for a change («…hay que borrarlo, la OPD no pudo»).
    static func reason(in text: String, after marker: (String) -> Bool) -> String? {
        let words = text.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0).filter(\.isLetter) }
        guard let from = folded.firstIndex(where: marker) else { return nil }
        var start: Int?
        for i in from..<words.count {
            if ["porque", "pq", "xq"].contains(folded[i]), i > from { start = i + 1; break }
            if words[i].hasSuffix(","), i + 1 < words.count { start = i + 1; break }
        }
        guard let start, let why = sentence(of: words, from: start) else { return nil }
        return why.prefix(1).uppercased() + why.dropFirst()
    }

    /// Words `start…` up to the end of their sentence («. ; ! ?»), joined; nil when none.
    static func sentence(of words: [String], from start: Int) -> String? {
        guard start < words.count else { return nil }
        var taken: [String] = []
        for w in words[start...] {
            let end = w.last.map { ".;!?".contains($0) } ?? false
            taken.append(end ? String(w.dropLast()) : w)
            if end { break }
        }
        let text = taken.joined(separator: " ").trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : text
    }

    /// Flows about an agreement already registered can't start when there is none.
    static func noneYet(_ context: EngineContext) -> String? {
        guard let s = context.snapshot, s.agreements.isEmpty else { return nil }
        return "Todavía no hay acuerdos registrados. Si quieres, escribe «nuevo acuerdo» para anotar uno."
    }
}
