import DialogEngine
import Domain
import Understanding

/// What is said before the answer at an agreement's follow-up questions (why it moves, why it
/// was not done, how it goes, why it is deleted): «anota que fue un error», «oye, el acuerdo del
/// calendario al final no estaba completo», «actualizar el acuerdo 1: falta lenguaje». Those
/// words ask to record the answer, or name the very agreement being updated: no part of the
/// answer (they were stored as the reason or the advance, and «anota que…» offered to register
/// an agreement).
enum AgreementAnswerLead {
    enum Outcome: Equatable {
        /// The answer without its lead; `recorded`: the lead asked to write it («anota que…»).
        case answer(String, recorded: Bool)
        /// Nothing but the lead: the request again, or the agreement named, no answer.
        case onlyLead
    }

    /// The answer `text` gives about agreement `n` once its lead is gone; nil when it opens with
    /// no such lead (it is read as before), or the agreement it names is another one.
    static func read(_ text: String, tokens: [String], agreement n: Int, in s: NetworkSnapshot?) -> Outcome? {
        // Cheap gate: a word of recording, of updating, or an agreement's noun or «lo de».
        guard tokens.contains(where: { recordVerbs.contains($0) || updateVerbs.contains($0) || nouns.contains($0) || $0 == "lo" || asksAgain($0) }) else { return nil }
        let words = text.split(separator: " ").map(String.init)
        let folded = words.map { Phrase($0).tokens }
        let own = s?.agreement(number: n).map { Set(Phrase($0.text).stems.filter { $0.count >= 4 }) } ?? []
        var i = 0
        // «oye», «ya», «bueno»: words that open any answer.
        while i < words.count, !folded[i].isEmpty, folded[i].allSatisfy(leads.contains) { i += 1 }
        var end = i, recorded = false
        // «anota que…», «pon como motivo que…», «anota: …».
        if i < words.count, folded[i].count == 1, recordVerbs.contains(folded[i][0]) {
            var j = i + 1
            var closed = words[i].hasSuffix(":")
            while !closed, j < words.count, folded[j].allSatisfy(recordTails.contains) {
                closed = folded[j].contains("que") || folded[j].contains("q") || words[j].hasSuffix(":")
                j += 1
            }
            guard closed else { return nil }
            recorded = true
            end = j
            i = j
        }
        // «el acuerdo del calendario», «lo de la planilla», «actualizar el acuerdo 1:»: the
        // agreement named (by its number or words of its text) or its update asked.
        var named = false, pointed = false, asked = false
        var k = i
        while k < words.count {
            let f = folded[k]
            guard !f.isEmpty else { k += 1; continue }
            var fits = true, content = false
            for (x, w) in f.enumerated() {
                if let m = Int(w) {
                    // Another agreement's number: that one is meant, not this answer's lead.
                    guard m == n else { return nil }
                    named = true; content = true
                } else if nouns.contains(w) {
                    pointed = true; content = true
                } else if updateVerbs.contains(w) || asksAgain(w) {
                    asked = true; content = true
                } else if w == "lo", x + 1 < f.count || (k + 1 < words.count && folded[k + 1].first.map { ["de", "del"].contains($0) } == true) {
                    pointed = true
                } else if referenceFillers.contains(w) {
                    continue
                } else if pointed, w.count >= 4, own.contains(Phrase.stem(w)) {
                    named = true; content = true
                } else {
                    fits = false
                }
            }
            guard fits else { break }
            k += 1
            if content { end = k }
            // «…acuerdo 1: va en proceso»: a stop closes the lead.
            if let last = words[k - 1].last, ":,;.".contains(last), pointed || asked { end = k; break }
        }
        // A lead that names no agreement of its own («el acuerdo al final…») is left as said.
        // A verb of updating counts with the agreement named or pointed at («actualizar el acuerdo»).
        if k > i, !(pointed && named), !(asked && (pointed || named)) { end = i }
        guard end > 0, end > leadsEnd(folded) else { return nil }
        let rest = SeguimientoFlow.trimmed(words[end...].joined(separator: " "))
        let left = Phrase(rest).tokens.count
        // «lo de lenguaje falta»: one word after the agreement named says too little alone.
        if left == 1, !asked, !recorded { return nil }
        return left == 0 ? .onlyLead : .answer(rest, recorded: recorded)
    }

    /// Where the opening words of any answer end (the engine drops those itself).
    private static func leadsEnd(_ folded: [[String]]) -> Int {
        var i = 0
        while i < folded.count, !folded[i].isEmpty, folded[i].allSatisfy(leads.contains) { i += 1 }
        return i
    }

    static let leads: WordSet = ["oye", "ya", "bueno", "mira", "ah", "eh", "y", "pero", "ojo", "profe", "hola", "igual", "pucha", "chuta", "uy", "ay"]
    /// Verbs that ask Minga to write what follows.
    static let recordVerbs: WordSet = ["anota", "anote", "anotame", "anotemos", "anotalo", "apunta", "apunte", "apuntame", "pon", "ponle",
                                       "ponga", "escribe", "escribele", "registra", "registrame", "agrega", "agregale", "coloca"]
    /// What goes between such a verb and the answer («anota como motivo que…»).
    static let recordTails: WordSet = ["que", "q", "como", "de", "el", "la", "en", "motivo", "razon", "avance", "nota", "comentario", "ahi", "porfa"]
    /// Verbs that ask for the update itself.
    static let updateVerbs: WordSet = ["actualizar", "actualiza", "actualizame", "actualicemos", "actualizalo", "actualizala", "actualizemos",
                                       "seguimiento"]
    /// «reprogramar el acuerdo 1» asked why it is moved: the request itself again.
    static func asksAgain(_ w: String) -> Bool { SeguimientoFlow.rescheduleStems.contains { w.hasPrefix($0) } }

    static let nouns: WordSet = ["acuerdo", "acurdo", "compromiso"]
    /// Words that go with an agreement named («quiero actualizar el estado del acuerdo n° 1»).
    static let referenceFillers: WordSet = ["el", "la", "los", "las", "de", "del", "numero", "n", "nro", "num", "estado", "quiero",
                                            "quisiera", "necesito", "hay", "que", "q", "ese", "este", "sobre", "con", "respecto", "al", "a"]

    /// «actualizar el acuerdo 1», «avance del acuerdo 2»: a clause of a follow-up said at the menu
    /// that only asks for it (a verb of updating, the agreement's noun and number), no part of
    /// the reason or the advance.
    static func onlyRequest(_ t: [String]) -> Bool {
        var asked = false
        for w in t {
            // («avance del 50%» says how it goes: only the agreement's noun or a verb of updating asks.)
            if updateVerbs.contains(w) || nouns.contains(w) { asked = true; continue }
            if w == "avance" { continue }
            if Int(w) != nil || referenceFillers.contains(w) || leads.contains(w) { continue }
            return false
        }
        return asked
    }
}
