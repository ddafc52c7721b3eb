import DialogEngine
import Domain
import Understanding

/// The person and the topic of a question about how one thing goes («¿qué pasó con el taller de
/// la Marisol?» → Marisol Reyes, «taller»; «¿y la Rosa hizo el acta?» → Rosa Pérez, «acta»). Read
/// only when such a question is answered, over the network's members (never per message).
enum AboutQuestion {
    struct Reading {
        var person: Member?
        var topic: [String]
    }

    /// Words that ask how something went or whether it was done, not what it is about.
    static let askingWords: Set<String> = [
        "paso", "pasa", "onda", "hubo", "sucedio", "ocurrio", "quedo", "quedaron", "quedamos", "fue", "como", "va", "van", "anda", "andan", "cual",
        "hizo", "hicieron", "mando", "mandaron", "envio", "enviaron", "entrego", "entregaron", "subio", "subieron", "consiguio",
        "consiguieron", "trajo", "trajeron", "termino", "terminaron", "compartio", "compartieron", "preparo", "prepararon", "armo",
        "armaron", "llamo", "llamaron", "reviso", "revisaron", "cumplio", "cumplieron", "organizo", "organizaron", "escribio",
        "escribieron", "coordino", "coordinaron", "compro", "compraron", "presento", "presentaron", "publico", "publicaron",
        "esta", "estan", "listo", "listos", "todavia", "aun", "final", "fin", "sabes", "sabe", "quien", "quienes",
    ]

    /// Nil when the words name no member and hold no word of asking: the search reads them as before.
    static func read(_ words: [String], in s: NetworkSnapshot) -> Reading? {
        var person: Member?
        var rest: [String] = []
        for w in words {
            if person == nil, w.count >= 3, let m = member(named: w, in: s) { person = m; continue }
            rest.append(w)
        }
        let topic = rest.filter { !askingWords.contains($0) }
        guard person != nil || topic.count < rest.count else { return nil }
        // Only asking words and no one named: nothing left to look for, read as before.
        guard person != nil || !topic.isEmpty else { return nil }
        // A word that is also the person's surname («la Rosa Pérez») goes with her.
        let surnames = person.map { Set(Phrase($0.name).tokens) } ?? []
        return Reading(person: person, topic: topic.filter { !surnames.contains($0) })
    }

    /// The one live member whose first name (or surname) is `word`; nil when none or several are.
    static func member(named word: String, in s: NetworkSnapshot) -> Member? {
        var found: Member?
        for m in s.members where !m.isOut {
            let names = Phrase(m.name).tokens
            guard names.contains(word) else { continue }
            if found != nil { return nil }
            found = m
        }
        return found
    }

    static func firstName(_ m: Member) -> String {
        String(m.name.split(separator: " ").first ?? Substring(m.name))
    }

    /// Whether the agreement is in `m`'s hands, or its text names her.
    static func has(_ a: Agreement, _ m: Member) -> Bool {
        // The first name as a word of the text, exactly: the search's stems and typos would take
        // «Luis trae la lista» for Luisa's.
        a.responsables.contains(m.name) || Phrase(a.text).tokens.contains(TextFold.fold(firstName(m)).lowercased())
    }
}
