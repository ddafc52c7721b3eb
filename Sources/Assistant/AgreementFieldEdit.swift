import Foundation
import CivilTime
import DialogEngine
import Domain
import Understanding

/// «editar acuerdo 1: plazo 1 de marzo, responsables Patricia Gallardo y Fernanda Soto»: an
/// agreement named by number, then its fields, each said by its name. Each field goes to the flow
/// that changes it (the deadline to corregir_plazo, the owners to editar_acuerdo, the words to
/// editar_texto_acuerdo), one after the other; none of it is ever the agreement's new text.
struct AgreementFieldEdit {
    /// One field said: the flow that changes it and its values (the agreement included).
    struct Part {
        var flow: String
        var values: SlotValues
        var echo: String
        /// The field said as its own request, for the flow's prefill («los responsables son …»).
        var said: String
    }

    var parts: [Part]

    static let editVerbs: WordSet = ["editar", "edita", "editemos", "cambiar", "cambia", "cambiale", "cambiemos", "corregir", "corrige", "corrijamos",
                                     "modificar", "modifica", "modifiquemos", "actualizar", "actualiza", "actualicemos", "arreglar", "arregla"]
    static let deadlineNames: Set<String> = ["plazo", "fecha"]
    static let ownerNames: Set<String> = ["responsable", "responsables", "encargado", "encargada", "encargados", "encargadas"]
    static let textNames: Set<String> = ["texto", "redaccion"]
    /// The words a message needs before any reading (`ClaimCues`).
    static let cues: [String] = ["plazo", "fecha", "responsable", "responsables", "encargado", "encargada", "encargados", "encargadas"]

    /// The fields said after «acuerdo N» in a request to edit it; nil unless every part after the
    /// agreement's number names a field this reads (a part it cannot place leaves it to the rest).
    static func read(_ message: Utterance, context: EngineContext) -> AgreementFieldEdit? {
        let t = message.phrase.tokens
        // «el responsable del 2 es Pedro y Luis», «los responsables del acuerdo 3 son…», «el plazo
        // del 2 es el viernes»: the field first, then the agreement's number, then its value —
        // read as «editar acuerdo 2: responsables Pedro y Luis».
        if !t.contains(where: editVerbs.contains), let (n, field, value) = fieldFirst(message.clean) {
            return read(Utterance("editar acuerdo \(n): \(field) \(value)"), context: context)
        }
        guard t.contains(where: { deadlineNames.contains($0) || ownerNames.contains($0) }), t.contains(where: editVerbs.contains),
              !QuestionForm.asks(message), let s = context.snapshot, !s.agreements.isEmpty else { return nil }
        let words = message.clean.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0).filter { $0.isLetter || $0.isNumber } }
        // «acuerdo 1», «acuerdo n° 1», then the fields: the number must open the list of fields.
        guard let a = folded.firstIndex(where: AgreementMention.nouns.contains),
              let k = folded.indices.first(where: { $0 > a && $0 <= a + 2 && Int(folded[$0]) != nil }),
              let n = Int(folded[k]), let agreement = s.agreement(number: n), k + 1 < words.count else { return nil }
        // The fields, split at commas, semicolons and at «y» right before a field's name.
        var chunks: [[Int]] = [[]]
        for i in (k + 1)..<words.count {
            let f = folded[i]
            if f == "y", i + 1 < words.count, isFieldName(folded, at: i + 1) {
                chunks.append([])
                continue
            }
            if !f.isEmpty { chunks[chunks.count - 1].append(i) }
            if let last = words[i].last, ",;".contains(last) { chunks.append([]) }
        }
        var parts: [Part] = []
        let members = context.members + (context.userName.map { u in context.members.contains(u) ? [] : [u] } ?? [])
        for chunk in chunks where !chunk.isEmpty {
            var at = 0
            // «el plazo es…», «los responsables:»: articles before the name, copulas after it.
            while at < chunk.count, ["el", "la", "los", "las", "nuevo", "nueva", "y"].contains(folded[chunk[at]]) { at += 1 }
            guard at < chunk.count else { return nil }
            let name = folded[chunk[at]]
            at += 1
            while at < chunk.count, ["es", "son", "seria", "sera", "seran", "queda", "quedan", "pasa", "a", "al", "para", "pal"].contains(folded[chunk[at]]) { at += 1 }
            guard at < chunk.count else { return nil }
            let said = chunk[at...].map { words[$0] }.joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: " ,;.:"))
            if deadlineNames.contains(name) {
                guard let day = CorregirPlazoFlow.deadline(in: said, context: context) else { return nil }
                parts.append(Part(flow: "corregir_plazo", values: ["acuerdo": .number(Double(n)), "plazo": .date(day)],
                                  echo: "plazo correcto: \(SpanishFormat.date(day, today: context.today))", said: "el plazo es \(said)"))
            } else if ownerNames.contains(name) {
                let people = PeopleParser.split(said).map { who in
                    PersonMatcher.match(who, among: members) ?? agreement.responsables.first { TextFold.fold($0) == TextFold.fold(who) } ?? who }
                guard !people.isEmpty else { return nil }
                parts.append(Part(flow: "editar_acuerdo", values: ["acuerdo": .number(Double(n)), "responsables": .list(people)],
                                  echo: "responsables: \(SlotValue.joinSpanish(people))", said: "los responsables son \(said)"))
            } else if textNames.contains(name) {
                guard Phrase(said).stems.count >= 2 else { return nil }
                parts.append(Part(flow: "editar_texto_acuerdo", values: ["acuerdo": .number(Double(n)), "texto": .text(said)],
                                  echo: "texto nuevo: \(said)", said: said))
            } else {
                return nil
            }
        }
        return parts.isEmpty ? nil : AgreementFieldEdit(parts: parts)
    }

    /// «el responsable del 2 es …»: the agreement's number, the field's name and what follows the
    /// copula; nil unless the message opens with the field (after an article) and «del N».
    static func fieldFirst(_ text: String) -> (Int, String, String)? {
        let words = text.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0).filter { $0.isLetter || $0.isNumber } }
        var j = 0
        while j < folded.count, ["el", "la", "los", "las", "y", "oye", "ya", "ahora", "ojo"].contains(folded[j]) { j += 1 }
        guard j + 2 < folded.count, deadlineNames.contains(folded[j]) || ownerNames.contains(folded[j]),
              ["del", "de"].contains(folded[j + 1]) else { return nil }
        var k = j + 2
        if k < folded.count, AgreementMention.nouns.contains(folded[k]) { k += 1 }
        guard k < folded.count, let n = Int(folded[k]) else { return nil }
        var v = k + 1
        while v < folded.count, ["es", "son", "seria", "sera", "seran", "queda", "quedan", "pasa", "a", "al"].contains(folded[v]) { v += 1 }
        guard v > k + 1, v < words.count else { return nil }
        return (n, folded[j], words[v...].joined(separator: " "))
    }

    /// A field of an agreement opens the words at `i` (after an article).
    private static func isFieldName(_ folded: [String], at i: Int) -> Bool {
        var j = i
        while j < folded.count, ["el", "la", "los", "las"].contains(folded[j]) { j += 1 }
        return j < folded.count && (deadlineNames.contains(folded[j]) || ownerNames.contains(folded[j]) || textNames.contains(folded[j]))
    }

    /// The claim of `flow` when the first field said is its own: the others follow, each in its
    /// flow, once this one is saved.
    func claim(for flow: String) -> Claim? {
        guard let first = parts.first, first.flow == flow else { return nil }
        let later = parts.dropFirst().map { FollowingRequest(flow: $0.flow, request: $0.said, values: $0.values, reads: false) }
        return Claim(values: first.values, echo: [first.echo], then: Array(later))
    }
}
