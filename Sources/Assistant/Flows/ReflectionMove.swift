import DialogEngine
import Foundation
import Understanding

/// At a reflection's review, parts of the answers put where they belong: «no, lo que no funcionó
/// es que a veces no alcanzábamos. lo de los apoderados va en lo que funcionó». A sentence that
/// opens with a field's cue («lo que no funcionó es que …») sets that field, and the same words
/// leave the field they were in; «lo de X va en <field>» moves the clause that speaks of X from
/// its field to that one. (The whole sentence overwrote one field.)
enum ReflectionMove {
    /// The fields' new texts, or nil when the message does neither.
    static func read(_ text: String, values: [String: String]) -> [String: String]? {
        var fields = values
        var changed = false
        let said = sentences(text)
        let restatements = said.compactMap(restated)
        // Parts moved first, from the answers as they were (a field restated after may lose its
        // last clause to the move).
        for sentence in said {
            if let (target, fragment) = moveRequest(sentence),
               let moved = take(fragment, from: &fields, except: target, emptying: Set(restatements.map(\.0))) {
                fields[target] = appending(moved, to: fields[target])
                changed = true
            }
        }
        for (target, value) in restatements {
            // The words said leave whichever other field had them.
            for f in ReflectionCues.fields where f != target {
                guard let old = fields[f] else { continue }
                let kept = clauses(old).filter { same(stripped($0), value) == false }
                if kept.count < clauses(old).count, !kept.isEmpty { fields[f] = kept.joined(separator: ", ") }
            }
            fields[target] = value
            changed = true
        }
        return changed ? fields.filter { values[$0.key] != $0.value } : nil
    }

    /// The message cut at periods and semicolons, each without a leading «no,».
    static func sentences(_ text: String) -> [String] {
        text.split(whereSeparator: { ".;\n".contains($0) }).map { piece in
            var s = piece.trimmingCharacters(in: .whitespaces)
            while let first = Phrase(String(s.prefix { $0 != " " && $0 != "," })).tokens.first, ["no", "ya", "ojo", "oye", "perdon"].contains(first),
                  let cut = s.firstIndex(where: { $0 == " " || $0 == "," }) {
                s = s[s.index(after: cut)...].trimmingCharacters(in: CharacterSet(charactersIn: " ,"))
            }
            return s
        }.filter { !$0.isEmpty }
    }

    /// «lo de los apoderados va en lo que funcionó»: the field named after «va en» and the words
    /// that say which part («los apoderados»).
    static func moveRequest(_ sentence: String) -> (String, [String])? {
        let t = Phrase(sentence).tokens
        guard let v = t.firstIndex(where: { ["va", "van", "pasa", "pasalo", "muevelo", "corresponde"].contains($0) }), v + 2 < t.count,
              ["en", "a", "al"].contains(t[v + 1]) else { return nil }
        let rest = Array(t[(v + 2)...]).drop { ["la", "el", "los", "las", "parte", "de"].contains($0) }
        guard let target = field(opening: Array(rest)) else { return nil }
        var from = t.startIndex
        while from < v, ["lo", "la", "el", "de", "del", "eso", "que", "y"].contains(t[from]) { from += 1 }
        let fragment = t[from..<v].filter { !fragmentFiller.contains($0) && $0.count >= 3 }
        return fragment.isEmpty ? nil : (target, Array(fragment))
    }

    private static let fragmentFiller: Set<String> = ["los", "las", "del", "que", "esto", "eso", "esa", "ese", "parte", "tema", "cosa", "otro", "otra"]

    /// «lo que no funcionó es que a veces no alcanzábamos»: the field its cue opens, and what
    /// follows «es (que)», «fue», «:».
    static func restated(_ sentence: String) -> (String, String)? {
        let words = sentence.split(separator: " ").map(String.init)
        let t = words.map { Phrase($0).tokens.joined(separator: " ") }
        guard let target = field(opening: t), let cue = ReflectionCues.moves[target]?.first(where: { t.starts(with: $0) }) else { return nil }
        var k = cue.count
        guard k < t.count, ["es", "fue", "era", "son", "fueron"].contains(t[k]) || words[k - 1].hasSuffix(":") else { return nil }
        while k < t.count, ["es", "fue", "era", "son", "fueron", "que", ""].contains(t[k]) { k += 1 }
        let value = words[k...].joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: " ,.:"))
        return Phrase(value).tokens.count >= 2 ? (target, value) : nil
    }

    /// The field whose strong cue (`ReflectionCues.moves`) the tokens open with.
    static func field(opening t: [String]) -> String? {
        ReflectionCues.fields.reversed().first { f in ReflectionCues.moves[f]?.contains { t.starts(with: $0) } ?? false }
    }

    /// The one clause of another field that speaks of `fragment`, taken out of it.
    static func take(_ fragment: [String], from fields: inout [String: String], except target: String, emptying: Set<String>) -> String? {
        let wanted = Set(fragment.map(Phrase.stem))
        var hits: [(field: String, index: Int)] = []
        for f in ReflectionCues.fields where f != target {
            guard let text = fields[f] else { continue }
            for (i, c) in clauses(text).enumerated() where !Set(Phrase(c).stems).isDisjoint(with: wanted) { hits.append((f, i)) }
        }
        guard hits.count == 1, let hit = hits.first, let text = fields[hit.field] else { return nil }
        var parts = clauses(text)
        let moved = stripped(parts.remove(at: hit.index))
        // A field left empty only when the message says its new text too.
        guard !parts.isEmpty || emptying.contains(hit.field) else { return nil }
        fields[hit.field] = parts.joined(separator: ", ")
        return moved
    }

    static func appending(_ clause: String, to text: String?) -> String {
        guard let text, !text.isEmpty else { return clause }
        return text + ", " + clause
    }

    static func clauses(_ text: String) -> [String] { ReflectionCues.clauses(text) }

    /// A clause without the words that only link it («ahh y …», «pero …»).
    static func stripped(_ clause: String) -> String {
        var words = clause.split(separator: " ").map(String.init)
        while words.count > 1, let w = Phrase(words[0]).tokens.first, ReflectionCues.connectors.contains(w) || ["ah", "ahh", "ahhh", "oh", "eh"].contains(w) {
            words.removeFirst()
        }
        return words.joined(separator: " ")
    }

    static func same(_ a: String, _ b: String) -> Bool { Phrase(a).tokens == Phrase(b).tokens }
}
