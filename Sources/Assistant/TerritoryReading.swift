import Domain
import DialogEngine
import Understanding

/// Which organisation, practice or meeting a message names, by its words: «el CESFAM», «la de
/// lectura en parejas», «en el encuentro 3». Shared by the territory flows and their answers.
enum TerritoryReading {
    /// Words that name nothing by themselves.
    static let filler: Set<String> = [
        "el", "la", "los", "las", "de", "del", "al", "a", "en", "y", "o", "con", "que", "un", "una", "por", "para", "su", "sus",
        "lo", "le", "se", "es", "son", "quien", "cual", "cuales", "como", "ya", "quedo", "nuestra", "nuestro", "nuestras",
        "nuestros", "practica", "practicas", "organizacion", "organizaciones", "contacto", "sobre", "esa", "ese", "esta", "este",
        "aprobada", "aprobaron", "incorporada", "consejo", "equipo", "directivo", "pei", "pme", "tiene", "hay", "mi",
    ]

    static func words(_ text: String) -> Set<String> {
        Set(Phrase(text).tokens.filter { !filler.contains($0) && $0.count > 1 && Int($0) == nil })
    }

    /// The records whose `name` shares the most words with `text` (ties all returned; none when
    /// no word is shared).
    static func best<T>(_ records: some Collection<T>, in text: String, name: (T) -> String) -> [T] {
        // Compared by stems: «la caminata pedagógica» names «las caminatas pedagógicas de octubre»
        // (pass 9, qa13: the singular named nothing, and the message went to a new agreement).
        let said = Set(words(text).map(Phrase.stem))
        guard !said.isEmpty else { return [] }
        let scored = records.map { r in (r, Set(words(name(r)).map(Phrase.stem)).intersection(said).count) }
        let top = scored.map(\.1).max() ?? 0
        return top == 0 ? [] : scored.filter { $0.1 == top }.map(\.0)
    }

    /// The organisation a text names («el CESFAM», «la OPD de Valdivia»), when only one fits.
    static func organization(in text: String, _ s: NetworkSnapshot) -> Organization? {
        let found = best(s.organizations, in: text, name: \.name)
        return found.count == 1 ? found[0] : nil
    }

    /// Words that make a place a school, never an organisation of the territory.
    static let schoolWords: Set<String> = ["escuela", "colegio", "liceo", "jardin", "escuelita", "complejo", "ee", "internado", "sala"]

    static func isSchool(_ text: String) -> Bool { Phrase(text).tokens.contains(where: schoolWords.contains) }

    /// The organisation a member's establishment names: not a school, and sharing with the
    /// organisation's name its distinctive words (all of them, or the one that says its kind).
    static func memberOrganization(_ text: String, _ s: NetworkSnapshot) -> Organization? {
        guard !isSchool(text), let o = organization(in: text, s) else { return nil }
        let said = words(text), name = words(o.name)
        let kindWord = name.contains { Organization.Kind.inferred(fromFoldedWords: [$0]) != nil }
        return name.isSubset(of: said) || (kindWord && said.contains { Organization.Kind.inferred(fromFoldedWords: [$0]) != nil && name.contains($0) }) ? o : nil
    }

    /// The practices (followed, or proposed in a reflection) a text names.
    static func practices(in text: String, _ s: NetworkSnapshot) -> [Practice] {
        let all = s.institutionalPractices
        if let n = number(after: ["reflexion"], in: text), let p = all.first(where: { $0.reflection == "R-\(n)" }) { return [p] }
        if let n = number(after: ["practica"], in: text), let p = all.first(where: { $0.id == "P-\(n)" }) { return [p] }
        let byName = best(all, in: text, name: \.practice)
        if !byName.isEmpty { return byName }
        // «la de predicción con la portada»: a practice that came from a reflection, named by what
        // the reflection tells (two words of it at least, so one common word does not pick it).
        let said = words(text)
        let scored = all.compactMap { p -> (Practice, Int)? in
            guard let r = p.reflection.flatMap({ id in s.reflections.first { $0.id == id } }) else { return nil }
            let n = words(r.searchableText).intersection(said).count
            return n >= 2 ? (p, n) : nil
        }
        guard let top = scored.map(\.1).max() else { return [] }
        return scored.filter { $0.1 == top }.map(\.0)
    }

    /// The number said right after one of `words` («encuentro 3», «la reunión n° 2»).
    static func number(after words: Set<String>, in text: String) -> Int? {
        let t = Phrase(text).tokens
        for i in t.indices where words.contains(t[i]) {
            var j = i + 1
            while j < t.count, ["n", "no", "numero", "nro", "#"].contains(t[j]) { j += 1 }
            if j < t.count, let n = Int(t[j]) { return n }
        }
        return nil
    }

    /// «en el encuentro 3», «en la reunión 2»: the meeting said, when it exists.
    static func meeting(in text: String, _ s: NetworkSnapshot?) -> Int? {
        guard let n = number(after: ["encuentro", "reunion", "sesion", "junta", "jornada"], in: text), s?.meeting(number: n) != nil else {
            return nil
        }
        return n
    }

    /// The kind an organisation's name makes obvious («CESFAM Los Lagos» → salud).
    static func kind(ofName name: String) -> Organization.Kind? {
        Organization.Kind.inferred(fromFoldedWords: Phrase(name).tokens)
    }
}
