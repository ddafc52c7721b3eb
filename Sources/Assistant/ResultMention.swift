import DialogEngine
import Domain
import Foundation
import Understanding

/// A learning result named in words («el resultado 2», «L-1», «el de matemática», «el resultado
/// de 4to lenguaje», «el de la Bernardo OHiggins») and a correction of its figure («era 251, no
/// 215», «cambiar … a 64%»). Shared by the correction flow and the deleting one.
enum ResultMention {
    /// Words that name a result as a record.
    static let nouns: Set<String> = ["resultado", "resultados", "puntaje", "puntajes"]

    /// The live results `text` names: by id, by number after «resultado», or by what it says of
    /// them (subject, level, school, measurement, the figure it had). Every result when the text
    /// says nothing of them; none when what it says fits none.
    static func candidates(_ text: String, in s: NetworkSnapshot, old: String? = nil) -> [LearningResult] {
        let all = s.results
        guard !all.isEmpty else { return [] }
        for word in text.split(whereSeparator: { " (),«»".contains($0) }) where word.contains("-") {
            if let l = all.first(where: { $0.id.lowercased() == word.lowercased() }) { return [l] }
        }
        let t = Phrase(text).tokens
        // «el resultado 2», «resultado n° 2»: its number.
        for i in t.indices.dropLast() where nouns.contains(t[i]) {
            let next = t[i + 1] == "n" || t[i + 1] == "numero" ? (i + 2 < t.count ? t[i + 2] : "") : t[i + 1]
            if let n = Int(next) { return all.filter { $0.number == n } }
        }
        var pool = Array(all)
        func narrow(_ keep: (LearningResult) -> Bool) { pool = pool.filter(keep) }
        if let subject = ResultReading.subject(in: text) { narrow { $0.subject == subject || $0.subject == nil } }
        if let level = ResultReading.level(in: text) { narrow { $0.level == level || $0.level == nil } }
        // The school: every distinctive word of a result's school said.
        let said = Set(t)
        let schools = Set(pool.compactMap(\.school)).filter { name in
            let own = TerritoryReading.words(name).subtracting(TerritoryReading.schoolWords).subtracting(["rural", "basica", "particular", "municipal"])
            return !own.isEmpty && own.isSubset(of: said)
        }
        if !schools.isEmpty { narrow { $0.school.map(schools.contains) ?? false } }
        if t.contains("simce") { narrow { $0.measure.lowercased().contains("simce") } }
        if let y = ResultReading.year(in: text) { narrow { (l: LearningResult) in ResultReading.year(in: l.measure) == nil || l.measure.contains(y) } }
        // The figure it had («no 215», «no era 62%»), when said.
        if let old, let figure = LearningResult.figure(in: old) {
            let had = pool.filter { $0.figure == figure }
            if !had.isEmpty { pool = had }
        }
        return pool
    }

    /// A correction of a figure: the new value and, when said, the one it replaces. «era 251, no
    /// 215», «no era 62% sino 64%», «es 64% no 62%», «cambiar el resultado 1 a 251 puntos»,
    /// «queda en 251», «el correcto es 251». Nil when no new figure is said.
    static func correction(_ text: String) -> (new: String, old: String?)? {
        guard text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let figure = #"(\d{1,3}(?:[.,]\d+)?\s*(?:%|por ?ciento|puntos|pts|ptos)?)"#
        let patterns: [(String, Bool)] = [
            // (pattern, the new figure comes first)
            (#"(?i)\b(?:era|es|eran|son|fue|fueron|sacamos|saco|sacaron|teniamos|tenia)\s+(?:de\s+|un\s+|el\s+)?"# + figure + #"\s*,?\s*(?:y\s+)?no\s+(?:de\s+|un\s+|el\s+)?"# + figure, true),
            (#"(?i)\bno\s+(?:era|es|fue)\s+(?:de\s+|un\s+|el\s+)?"# + figure + #"\s*,?\s*(?:sino|era|es|fue|que era)\s+(?:de\s+|un\s+|el\s+)?"# + figure, false),
        ]
        for (p, newFirst) in patterns {
            guard let m = text.range(of: p, options: .regularExpression) else { continue }
            let numbers = figures(in: String(text[m]))
            guard numbers.count >= 2 else { continue }
            return newFirst ? (numbers[0], numbers[1]) : (numbers[1], numbers[0])
        }
        let lead = #"(?i)\b(?:a|en|por|es|era|son|eran|fue|fueron|queda|quedo|sea|correcto es|real es|bueno es)\s+(?:de\s+|un\s+|el\s+)?"# + figure + #"(?![\dA-Za-z])"#
        if let m = text.ranges(of: try! Regex(lead)).last, let n = figures(in: String(text[m])).last {
            return (n, nil)
        }
        return nil
    }

    /// The figures a text says, each with its unit («251», «64%», «251 puntos»).
    static func figures(in text: String) -> [String] {
        text.matches(of: /(\d{1,3}(?:[.,]\d+)?)\s*(%|por ?ciento|puntos|pts|ptos)?/).map { m in
            let n = String(m.output.1)
            guard let unit = m.output.2 else { return n }
            return unit == "%" || unit.hasPrefix("por") ? n + "%" : n + " puntos"
        }.filter { f in !f.hasPrefix("20") || f.count != 4 }
    }

    /// The new value written as the old one was: «64%» for «62% lectores fluidos» is «64% lectores
    /// fluidos», «251» for «215 puntos» is «251 puntos»; a value with words of its own stays as said.
    static func rewrite(_ old: String, with new: String) -> String {
        guard let r = old.range(of: #"\d{1,3}([.,]\d+)?"#, options: .regularExpression),
              let n = new.range(of: #"^\d{1,3}([.,]\d+)?"#, options: .regularExpression) else { return new }
        let newDigits = String(new[n])
        let newTail = new[n.upperBound...].trimmingCharacters(in: .whitespaces)
        let oldTail = old[r.upperBound...].trimmingCharacters(in: .whitespaces)
        // «64%» for «62% lectores fluidos», «251» for «215 puntos»: the unit and words the old one had.
        if newTail.isEmpty || (newTail == "%" && oldTail.hasPrefix("%")) || (newTail == "puntos" && oldTail.hasPrefix("puntos")) {
            return old.replacingCharacters(in: r, with: newDigits)
        }
        return new
    }

    /// «19 de 44»: the counts a text says, as (count, of how many).
    static func counts(in text: String) -> [(Int, Int)] {
        text.matches(of: countPattern).compactMap { m in Int(m.output.1).flatMap { a in Int(m.output.2).map { (a, $0) } } }
    }

    nonisolated(unsafe) static let countPattern = /(\d{1,4})\s+de\s+(\d{1,4})(?!\d)/

    /// The old value corrected with what was said: the figure (`new`, as `rewrite`) and every
    /// count «A de M» whose «de M» the old value has («eran 19 de 44, o sea 43%» for «41% en nivel
    /// adecuado, 18 de 44 niños»: both change; qa37: the old 18 was kept). A figure that is
    /// itself the count said («eran 19 de 44») changes the count only, and the percent with it
    /// when the old one was that count's percent.
    static func corrected(_ old: String, new: String, said text: String) -> String {
        let said = counts(in: text)
        var value = old
        var matched = false
        let newIsCount = said.contains { String($0.0) == new }
        for (a, m) in said {
            guard let r = value.firstMatch(of: countPattern), Int(r.output.2) == m, let was = Int(r.output.1) else { continue }
            // The percent before it, when it was this count's.
            if newIsCount, let p = value.firstMatch(of: /^(\d{1,3})%/), let pct = Int(p.output.1), m > 0,
               Int((Double(was) * 100 / Double(m)).rounded()) == pct {
                value.replaceSubrange(p.range, with: "\(Int((Double(a) * 100 / Double(m)).rounded()))%")
            }
            if let r2 = value.firstMatch(of: countPattern) {
                value.replaceSubrange(r2.output.1.startIndex..<r2.output.1.endIndex, with: String(a))
            }
            matched = true
        }
        if matched && newIsCount { return value }
        return matched ? rewrite(value, with: new) : rewrite(old, with: new)
    }

    /// How a result is named back: «el resultado 1 (Lenguaje, 4° básico, toda la red: 215 puntos, L-1)».
    static func reference(_ l: LearningResult) -> String {
        "el resultado \(l.number ?? 0) (" + describe(l) + ", \(l.id))"
    }

    /// «Lenguaje, 4° básico, SIMCE 2025, toda la red: 215 puntos».
    static func describe(_ l: LearningResult) -> String {
        let parts = [l.subject, l.level, l.measure.isEmpty ? nil : l.measure, l.school ?? "toda la red"].compactMap { $0 }
        return parts.joined(separator: ", ") + ": " + l.value
    }
}
