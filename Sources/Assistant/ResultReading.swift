import Foundation
import Domain
import DialogEngine
import Understanding

/// What a sentence about a learning result says: «comprensión lectora 4° básico: 58% en nivel
/// adecuado, SIMCE 2026», «en la escuela el maitén el 70% lee fluido en la prueba de velocidad
/// lectora de marzo». Shared by the result flow and the results answer.
enum ResultReading {
    /// Subject words (folded) to the subject as the school calls it.
    static let subjects: [(words: Set<String>, name: String)] = [
        (["lectura", "lectora", "lector", "lectores", "lenguaje", "leer", "lee", "leen", "escritura", "comprension", "fluidez", "fluido", "fluida"], "Lenguaje"),
        (["matematica", "matematicas", "calculo", "numeros"], "Matemática"),
        (["ciencias", "naturales"], "Ciencias Naturales"),
        (["historia", "sociales"], "Historia"),
        (["ingles"], "Inglés"),
    ]

    static func subject(in text: String) -> String? {
        let t = Set(Phrase(text).tokens)
        return subjects.first { !$0.words.isDisjoint(with: t) }?.name
    }

    /// «4° básico», «2do medio», «kínder».
    static func level(in text: String) -> String? {
        let t = Phrase(text).tokens
        // «los 4° basicos», «los 2dos medios»: the plural names the same level (qa39: asked again).
        for (i, w) in t.enumerated() where i + 1 < t.count {
            guard let kind = Self.levelKinds[t[i + 1]] else { continue }
            let digits = w.prefix { $0.isNumber }
            if let n = Int(digits), (1...8).contains(n) { return "\(n)° " + kind }
        }
        // «el simce de 4to», «los de 1ro»: an ordinal written short, with no «básico» or «medio»
        // after it, is a basic-school level (a bare number is a count: «en 4 escuelas»).
        for (i, w) in t.enumerated() where ["to", "ro", "do", "mo", "vo", "no"].contains(where: { w.hasSuffix($0) }) {
            let digits = w.prefix { $0.isNumber }
            guard digits.count == 1, w.count == 3, let n = Int(digits), (1...8).contains(n),
                  !(i + 1 < t.count && ["medio", "basico", "basica", "media"].contains(t[i + 1])) else { continue }
            return "\(n)° básico"
        }
        // «lectura 4°», «los 6º»: the degree sign alone says a basic-school level too.
        if text.contains("°") || text.contains("º"),
           let r = text.range(of: #"(?<![\d.,])[1-8]\s*[°º](?!\s*(medio|media|básico|basico|básica|basica))"#, options: [.regularExpression, .caseInsensitive]),
           let n = text[r].first(where: \.isNumber)?.wholeNumberValue {
            return "\(n)° básico"
        }
        if t.contains("prekinder") { return "prekínder" }
        if t.contains("kinder") { return "kínder" }
        return nil
    }

    /// A level's kind as written after its number, singular or plural, to how the report says it.
    static let levelKinds: [String: String] = ["basico": "básico", "basicos": "básico", "basica": "básico", "basicas": "básico",
                                               "medio": "medio", "medios": "medio", "media": "medio", "medias": "medio"]

    /// «58% en nivel adecuado», «el 70% lee fluido»: from the percentage to the next comma or «en la
    /// prueba…»; nil without a percentage.
    static func value(in text: String) -> String? {
        // Every idle message passes here (the flow's claim): a regex is built only when a
        // percentage can be there at all.
        guard text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }),
              text.utf8.contains(0x25) || text.range(of: "ciento", options: .caseInsensitive) != nil else { return nil }
        guard let pct = text.range(of: #"\d+([.,]\d+)?\s*(%|por ?ciento)"#, options: .regularExpression) else { return nil }
        var rest = text[pct.lowerBound...]
        for stop in [",", ";", " en la prueba", " en el simce", " en la evaluacion", " en la evaluación", " segun", " según", " (", " simce"] {
            if let r = rest.range(of: stop, options: .caseInsensitive) { rest = rest[..<r.lowerBound] }
        }
        // «55% en la escuela El Maitén», «62% en nivel adecuado en toda la red»: where it was taken
        // is the result's school (or the whole network), never part of the figure (issue 12).
        if rest.contains(" en ") || rest.contains(" a nivel "),
           let r = rest.range(of: placeTail, options: .regularExpression) {
            rest = rest[..<r.lowerBound]
        }
        var v = rest.trimmingCharacters(in: .whitespacesAndNewlines.union(.init(charactersIn: ".")))
        // «48% quedó en nivel satisfactorio», «40% de los estudiantes logró nivel adecuado»: the
        // verb before a level is no part of the figure («48% en nivel satisfactorio»).
        if v.contains(" ") { v = withoutLevelVerb(v) }
        return v.isEmpty ? nil : v
    }

    /// Verbs a figure is said with before its level («quedó», «está», «logró»).
    static let levelVerbs: Set<String> = scoreVerbs.union(["esta", "estan", "estuvo", "estuvieron", "queda", "quedan", "ubica", "ubican",
                                                           "ubico", "ubicaron", "alcanza", "alcanzan", "logra", "logran"])

    /// `value` without a verb (and its «se») right before «[en] nivel …»; unchanged otherwise.
    static func withoutLevelVerb(_ value: String) -> String {
        var words = value.split(separator: " ").map(String.init)
        let f = words.map { TextFold.fold($0) }
        guard let k = f.indices.first(where: { levelVerbs.contains(f[$0]) }), k > 0, k + 1 < f.count,
              f[k + 1] == "nivel" || (f[k + 1] == "en" && k + 2 < f.count && f[k + 2] == "nivel") else { return value }
        let from = k > 1 && f[k - 1] == "se" ? k - 1 : k
        words.replaceSubrange(from...k, with: f[k + 1] == "nivel" ? ["en"] : [])
        return words.joined(separator: " ")
    }

    /// « en la escuela El Maitén», « en toda la red», « a nivel de red»: where a figure was taken.
    static let placeTail = #"(?i)\s+(en|a\s+nivel(\s+de)?)\s+((toda|todo)\s+)?((la|el|mi|nuestra|nuestro|cada|las|los|nuestras|nuestros|mis)\s+)?(escuelas?|escuelitas?|colegios?|liceos?|establecimientos?|red)\b"#

    /// «262 puntos», «un puntaje de 262», «promedio 262»: a score said in points, or nil.
    static func points(in text: String) -> String? {
        guard text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        if let r = text.range(of: #"(?i)\b\d{2,3}([.,]\d+)?\s*(puntos|pts|ptos|ptjes?)\b"#, options: .regularExpression) {
            return String(text[r].prefix { $0.isNumber || $0 == "." || $0 == "," }) + " puntos"
        }
        if let r = text.range(of: #"(?i)\b(puntaje|promedio)\s+(de\s+)?\d{2,3}\b"#, options: .regularExpression) {
            return String(text[r].split(separator: " ").last ?? "") + " puntos"
        }
        // «70 palabras por minuto» (fluidez lectora, a network's own measure): its unit kept.
        if let r = text.range(of: #"(?i)\b\d{1,3}([.,]\d+)?\s*(palabras\s+por\s+minuto|ppm)\b"#, options: .regularExpression) {
            return String(text[r].prefix { $0.isNumber || $0 == "." || $0 == "," }) + " palabras por minuto"
        }
        // «nos dio 249 de promedio», «249 promedio»: the score before the word.
        if let r = text.range(of: #"(?i)\b\d{2,3}\s+(de\s+)?promedio\b"#, options: .regularExpression) {
            return String(text[r].prefix { $0.isNumber }) + " puntos"
        }
        return nil
    }

    /// «el 2025», «del año 2024»: the year a measurement is of, or nil.
    static func year(in text: String) -> String? {
        guard let r = text.range(of: #"\b20\d{2}\b"#, options: .regularExpression) else { return nil }
        return String(text[r])
    }

    /// «en la escuela Los Maitenes el 2025» → «Escuela Los Maitenes»: a school named with its
    /// kind, member of the network or not. Its name runs to a stop word, a number or a comma.
    static func namedSchool(in text: String) -> String? {
        let words = text.split(separator: " ").map(String.init)
        guard let i = words.firstIndex(where: { TerritoryReading.schoolWords.contains(Phrase($0).core) }) else { return nil }
        var name: [String] = []
        for j in (i + 1)..<words.count {
            let raw = words[j], w = Phrase(raw).core
            if w.isEmpty || w.contains(where: \.isNumber) { break }
            if articles.contains(w) || (name.isEmpty && (w == "de" || w == "del")) {
                // «el», «los», «de» open the name («Escuela El Maitén», «Liceo de Curarrehue», «Escuela
                // Rural Los Copihues») when a word of it follows; before a year («Los Maitenes el
                // 2025») the name is over.
                let next = j + 1 < words.count ? Phrase(words[j + 1]).core : ""
                let opens = name.isEmpty || ["rural", "basica", "particular", "municipal"].contains(Phrase(name.last!).core)
                guard opens, !next.isEmpty, !next.contains(where: \.isNumber), !nameStops.contains(next) else { break }
            } else if nameStops.contains(w) {
                break
            }
            name.append(raw.trimmingCharacters(in: CharacterSet(charactersIn: ",.;:")))
            if raw.hasSuffix(",") || raw.hasSuffix(".") || raw.hasSuffix(";") { break }
        }
        guard !name.isEmpty else { return nil }
        let kind = Phrase(words[i]).core
        return ([kind] + name).map { w in ["de", "del", "y"].contains(w.lowercased()) ? w.lowercased() : w.prefix(1).uppercased() + w.dropFirst() }
            .joined(separator: " ")
    }

    static let articles: Set<String> = ["el", "la", "los", "las"]

    /// A school as it is kept: «la escuela Alemania po, te lo dije» → «Escuela Alemania». The
    /// article or preposition before the school's kind, what follows a comma, and a trailing
    /// «po», «nomás» or «pues» are no part of its name (qa22: stored as «la escuela Alemania»,
    /// another school than «Escuela Alemania» in the trends). A name without a school word keeps
    /// its own articles («El Maitén»).
    static func bareSchoolName(_ text: String) -> String {
        var words = text.split(separator: " ").map(String.init)
        func bare(_ w: String) -> String { TextFold.fold(w.trimmingCharacters(in: .punctuationCharacters)) }
        if let k = words.firstIndex(where: { TerritoryReading.schoolWords.contains(bare($0)) }), k > 0, k <= 2,
           words[..<k].allSatisfy({ ["la", "el", "de", "del", "en", "es", "a", "al", "para"].contains(bare($0)) }) {
            words.removeFirst(k)
        }
        // «…, te lo dije»: a comment after a comma; a list of schools («…, Villa Huequen y …») stays.
        if let c = words.firstIndex(where: { $0.hasSuffix(",") }), c + 1 < words.count,
           !words[(c + 1)...].contains(where: { $0.first?.isUppercase == true }) {
            words = Array(words[...c])
        }
        while words.count > 1 {
            let last = bare(words[words.count - 1])
            if ["po", "poh", "pos", "pues", "nomas", "ya", "porfa"].contains(last) {
                words.removeLast()
            } else if last == "mas", bare(words[words.count - 2]) == "no", words.count > 2 {
                words.removeLast(2)
            } else {
                break
            }
        }
        var out = words.joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: " ,.;:!?¡¿"))
        // «escuela alemania» is «Escuela Alemania», as names are kept (fixY: it stayed «Escuela
        // alemania»); a word typed with a capital, a «de» and the «la» of «de la» stay as typed.
        if let first = words.first, TerritoryReading.schoolWords.contains(bare(first)), out.contains(where: \.isLowercase) {
            out = SpanishFormat.institutionName(out)
        }
        return out.isEmpty ? text : out
    }

    /// A school's name compared: folded, without what `bareSchoolName` leaves out.
    static func schoolKey(_ name: String) -> String { TextFold.fold(bareSchoolName(name)) }
    static let nameStops: Set<String> = Set(["en", "con", "del", "de", "y", "que", "a", "al", "para", "por", "el", "la", "los", "las",
                                                 "subio"]).union(scoreVerbs)

    /// The verbs that give a score («la escuela Los Notros tuvo 42%», «el liceo llegó a 255»): no
    /// part of a school's or a measurement's name. One list for the three readings that cut a name
    /// at them (qa24: «tuvo» was missing from one and «Escuela Los Notros Tuvo» was stored).
    static let scoreVerbs: Set<String> = ["fue", "fueron", "es", "son", "era", "saca", "saco", "sacamos", "sacaron",
                                          "obtuvo", "obtuvimos", "obtuvieron", "tuvo", "tuvimos", "tuvieron", "tiene", "tienen",
                                          "llego", "llegamos", "llegaron", "logro", "logramos", "lograron", "alcanzo",
                                          "alcanzamos", "alcanzaron", "quedo", "quedamos", "quedaron", "marco", "marcaron"]

    /// «SIMCE 2026», «la prueba de velocidad lectora de marzo».
    static func measure(in text: String) -> String? {
        if let r = text.range(of: #"(?i)simce(\s+\d{4})?"#, options: .regularExpression) {
            return "SIMCE" + text[r].dropFirst(5)
        }
        guard let r = text.range(of: #"(?i)\b(prueba|evaluaci[oó]n|diagn[oó]stico|medici[oó]n|ensayo|dia)\s+(de|del)\s+[^,.;:]+"#, options: .regularExpression) else {
            return nil
        }
        // «el DIA de cierre de 4to basico en matematica fue 58%»: the name ends before a course,
        // a score or the verb that gives it (a year stays: «diagnóstico de 2026»).
        var kept: [Substring] = []
        for w in text[r].split(separator: " ") {
            let f = TextFold.fold(String(w))
            if measureEnds.contains(f) || (f.contains(where: \.isNumber) && !(f.count == 4 && f.allSatisfy(\.isNumber))) { break }
            kept.append(w)
        }
        // «prueba de fluidez lectora en el Liceo de Vicuña», «… de la red»: where it was taken is
        // the school (or the whole network), no part of the measurement's name.
        let folded = kept.map { TextFold.fold(String($0)) }
        if let cut = folded.indices.first(where: { i in
            guard i >= 2, ["en", "de", "del"].contains(folded[i]) else { return false }
            let next = folded[(i + 1)...].first { !["el", "la", "los", "las", "toda", "nuestra", "nuestro", "mi"].contains($0) }
            return next.map { TerritoryReading.schoolWords.contains($0) || $0 == "red" } ?? false
        }) { kept.removeSubrange(cut...) }
        while let last = kept.last, ["de", "del", "en", "y", "la", "las", "el", "los", "a"].contains(TextFold.fold(String(last))) { kept.removeLast() }
        return kept.count >= 2 ? kept.joined(separator: " ") : String(text[r])
    }

    static let measureEnds: Set<String> = Set(["subio", "bajo", "dio"]).union(scoreVerbs)

    /// «de mi escuela», «en nuestro liceo», «la mía»: the speaker's own school, as the network
    /// lists it; nil when the words say no school of the speaker's, or the speaker has none listed.
    static func ownSchool(in text: String, context: EngineContext) -> String? {
        guard saysOwnSchool(text), let me = context.userName, let s = context.snapshot else { return nil }
        return s.members.first { $0.name == me }?.school
    }

    /// The words name the speaker's own school («mi escuela», «nuestro liceo», «la mía»).
    static func saysOwnSchool(_ text: String) -> Bool {
        let t = Phrase(text).tokens
        return zip(t, t.dropFirst()).contains { ["mi", "nuestra", "nuestro"].contains($0) && (TerritoryReading.schoolWords.contains($1) || $1 == "establecimiento") }
            || zip(t, t.dropFirst()).contains { ($0 == "la" && $1 == "mia") || ($0 == "el" && $1 == "mio") } || t == ["mia"]
    }

    /// «de la Mañil, la mía», «mi escuela, la Villa Huequen»: the school named beside the words
    /// that say it is the speaker's own, as the network already writes it (a member's school, or
    /// one of its earlier results) or as said; nil when nothing but those words is said (qa24: «No
    /// tengo anotada tu escuela» re-asked it, and the next answer, «la aplicamos nosotros», was
    /// stored as the school).
    static func schoolBesideOwn(_ text: String, _ s: NetworkSnapshot?) -> String? {
        let leads: Set<String> = ["de", "del", "la", "el", "es", "en", "a"]
        var words = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" }).map(String.init)
        func core(_ k: Int) -> String { Phrase(words[k]).core }
        var k = 0
        while k < words.count {
            let w = core(k), next = k + 1 < words.count ? core(k + 1) : ""
            if ["mi", "nuestra", "nuestro"].contains(w), TerritoryReading.schoolWords.contains(next) || next == "establecimiento" {
                words.removeSubrange(k...(k + 1))
            } else if ["la", "el"].contains(w), next == "mia" || next == "mio" {
                words.removeSubrange(k...(k + 1))
            } else if w == "mia" || w == "mio" {
                words.remove(at: k)
            } else {
                k += 1
            }
        }
        while let first = words.first, leads.contains(Phrase(first).core) { words.removeFirst() }
        let said = ResultReading.bareSchoolName(words.joined(separator: " "))
        let named = TerritoryReading.words(said).subtracting(TerritoryReading.schoolWords)
        guard !named.isEmpty, !said.contains(where: \.isNumber) else { return nil }
        if let s {
            if let member = school(in: said, s) { return member }
            let generic = TerritoryReading.schoolWords.union(["rural", "basica", "particular", "municipal"])
            let earlier = Set(s.results.compactMap(\.school)).filter { name in
                let own = TerritoryReading.words(bareSchoolName(name)).subtracting(generic)
                return !own.isEmpty && own == named
            }
            if earlier.count == 1, let one = earlier.first { return one }
        }
        return namedSchool(in: said) ?? said
    }

    /// The member school a text names («en la escuela el maitén» → «Escuela Rural El Maitén»):
    /// every distinctive word of the school's name is said.
    static func school(in text: String, _ s: NetworkSnapshot) -> String? {
        let said = Set(Phrase(text).tokens)
        let schools = Array(Set(s.members.compactMap(\.school))).sorted()
        let hits = schools.filter { name in
            let own = TerritoryReading.words(name).subtracting(TerritoryReading.schoolWords).subtracting(["rural", "basica", "particular", "municipal"])
            return !own.isEmpty && own.isSubset(of: said)
        }
        return hits.count == 1 ? hits[0] : nil
    }

    /// «toda la red», «la red», «de la red completa»: the whole network.
    static func isNetwork(_ text: String) -> Bool {
        let t = Phrase(text).tokens
        return t.contains("red") && !t.contains(where: TerritoryReading.schoolWords.contains) || t == ["todas"] || t == ["todos"]
            || Phrase(text).core == "todas las escuelas"
    }

    /// «en las 4 escuelas», «las cuatro escuelas», «en todas las escuelas»: every school of the
    /// network (as many as it has, or more than the ones its members name). Fewer is some of them.
    static func allSchools(_ t: [String], _ s: NetworkSnapshot?) -> Bool {
        guard let k = t.firstIndex(where: { $0 == "escuelas" || $0 == "escuelitas" || $0 == "colegios" || $0 == "establecimientos" }), k >= 2,
              t[k - 2] == "las" || t[k - 2] == "los" || t[k - 1] == "las" || t[k - 1] == "los" else { return false }
        if t[k - 2] == "todas" || t[k - 2] == "todos" || (k >= 2 && (t[k - 1] == "las" || t[k - 1] == "los") && ["todas", "todos"].contains(t[k - 2])) { return true }
        guard let n = Int(t[k - 1]) ?? NumberParser.parse(t[k - 1]), n >= 2 else { return false }
        let known = Set((s?.members ?? []).compactMap(\.school).map { TextFold.fold($0) }).count
        return n >= known
    }

    /// The purpose objective whose words the result shares most (its subject counts as the
    /// subject's words), when one does.
    /// An objective about another level («…en 4° básico» for a 2° básico result) is not it.
    static func objective(for text: String, subject: String?, level: String? = nil, _ s: NetworkSnapshot) -> String? {
        guard let p = s.purpose, !p.objectives.isEmpty else { return nil }
        let objectives = p.objectives.filter { o in level == nil || self.level(in: o).map { $0 == level } ?? true }
        var said = TerritoryReading.words(text)
        if let subject, let words = subjects.first(where: { $0.name == subject })?.words { said.formUnion(words) }
        let scored = objectives.map { o in (o, TerritoryReading.words(o).intersection(said).count) }
        let top = scored.map(\.1).max() ?? 0
        let best = scored.filter { $0.1 == top }
        return top > 0 && best.count == 1 ? best[0].0 : nil
    }

    /// «lectura 262 puntos, matemática 248», «58% en lenguaje y 41% en matemática»: a score next to
    /// each subject named, when the sentence names several. A bare number takes the unit of the
    /// others («248» after «262 puntos» is 248 puntos).
    static func scores(in text: String) -> [(subject: String, value: String)] {
        guard text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return [] }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" || $0 == ":" }).map(String.init)
        let folded = words.map { Phrase($0).core }
        func subjectName(_ w: String) -> String? { subjects.first { $0.words.contains(w) }?.name }
        func number(_ w: String) -> String? {
            let digits = w.prefix { $0.isNumber || $0 == "," || $0 == "." }.trimmingCharacters(in: .init(charactersIn: ",."))
            guard !digits.isEmpty, digits.count <= 5, w.dropFirst(digits.count).allSatisfy({ $0 == "%" }), Int(digits.prefix { $0.isNumber }).map({ $0 < 1000 }) ?? false
            else { return nil }
            return w.hasSuffix("%") ? digits + "%" : digits
        }
        var found: [(subject: String, value: String, unit: String?)] = []
        var i = 0
        while i < words.count {
            // The subject, then its score within three words (before another subject); or the score first («58% en lenguaje»).
            if let name = subjectName(folded[i]), !found.contains(where: { $0.subject == name }) {
                var j = i + 1, hit: (String, String?)?
                while j < words.count, j <= i + 3, subjectName(folded[j]) == nil {
                    if let n = number(words[j]) {
                        let next = j + 1 < folded.count ? folded[j + 1] : ""
                        hit = (n, n.hasSuffix("%") ? nil : (["puntos", "pts", "ptos"].contains(next) ? "puntos" : next == "por" ? "%" : nil))
                        break
                    }
                    j += 1
                }
                if let (n, unit) = hit { found.append((name, n, unit)); i = j + 1; continue }
            }
            i += 1
        }
        guard found.count >= 2 else { return [] }
        let unit = found.compactMap(\.unit).first
        return found.map { f in
            let v = f.value.hasSuffix("%") ? f.value : unit == "%" ? f.value + "%" : unit.map { f.value + " " + $0 } ?? f.value
            return (f.subject, v)
        }
    }

    /// «Lenguaje: 262 puntos; Matemática: 248 puntos» as `scores` writes it: each subject and its
    /// score; empty for a single result.
    static func split(_ value: String) -> [(subject: String, value: String)] {
        let parts = value.components(separatedBy: "; ").map { p -> (String, String)? in
            guard let colon = p.range(of: ": ") else { return nil }
            let name = String(p[..<colon.lowerBound])
            return subjects.contains { $0.name == name } ? (name, String(p[colon.upperBound...])) : nil
        }
        guard parts.count >= 2, parts.allSatisfy({ $0 != nil }) else { return [] }
        return parts.compactMap { $0 }
    }

    /// «escuela Huequen 248, Villa Huequen 231 y San Francisco 262»: a score after each school
    /// named, when the sentence names several (each school its own result); empty otherwise. A
    /// piece that opens the sentence without a score («hola») is not part of the list; a name runs
    /// back from its score to a number, a subject or a word about the measurement.
    static func schoolScores(in text: String, _ s: NetworkSnapshot?) -> [(school: String, value: String)] {
        guard text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return [] }
        let body = text.lastIndex(of: ":").map { String(text[text.index(after: $0)...]) } ?? text
        let pieces = body.components(separatedBy: CharacterSet(charactersIn: ",;")).flatMap { $0.components(separatedBy: " y ") }
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines.union(.init(charactersIn: "."))) }.filter { !$0.isEmpty }
        var found: [(school: String, value: String)] = []
        for piece in pieces {
            guard let one = schoolScore(piece, s) else {
                if found.isEmpty { continue }
                return []
            }
            found.append(one)
        }
        guard found.count >= 2, Set(found.map { TextFold.fold($0.school) }).count == found.count,
              // «en abril 55%, en mayo 61% en la escuela Solor»: a month before each figure is when
              // it was taken (`periodScores`), no school (issue 12: «establecimiento: Abril y Mayo»).
              !found.contains(where: { ResultadoFlow.months.contains(TextFold.fold($0.school).lowercased()) }) else { return [] }
        // «62% lectores fluidos, … y … 48%»: a bare figure of the same unit says the same thing.
        if let described = found.first(where: { $0.value.contains(" ") && $0.value.contains("%") })?.value,
           let cut = described.firstIndex(of: " ") {
            let tail = described[cut...]
            for i in found.indices where found[i].value.hasSuffix("%") && !found[i].value.contains(" ") { found[i].value += tail }
        }
        return found
    }

    /// «Villa Huequen 231», «San Francisco 262 puntos»: one school and its score.
    private static func schoolScore(_ piece: String, _ s: NetworkSnapshot?) -> (school: String, value: String)? {
        var words = piece.split(separator: " ").map(String.init)
        while let last = words.last, ["puntos", "pts", "ptos"].contains(Phrase(last).core) { words.removeLast() }
        // «en la escuela Bernardo OHiggins 2do basico 62% lectores fluidos»: a percentage with the
        // words that say what it counts, and the school named with its kind before it.
        var tail: [String] = []
        if let p = words.lastIndex(where: { $0.hasSuffix("%") && $0.dropLast().allSatisfy { $0.isNumber || $0 == "," || $0 == "." } && !$0.dropLast().isEmpty }),
           p + 1 < words.count, words[(p + 1)...].allSatisfy({ !$0.contains(where: \.isNumber) }), words.count - p <= 5 {
            tail = Array(words[(p + 1)...])
            words.removeSubrange((p + 1)...)
        }
        guard let last = words.popLast() else { return nil }
        let digits = last.prefix { $0.isNumber || $0 == "," || $0 == "." }
        guard (2...3).contains(digits.prefix { $0.isNumber }.count), last.dropFirst(digits.count).allSatisfy({ $0 == "%" }) else { return nil }
        var name: [String] = []
        for w in words.reversed() {
            let f = Phrase(w).core
            if f.isEmpty || w.contains(where: \.isNumber) || w.hasSuffix(":") || schoolNameStops.contains(f) || subjects.contains(where: { $0.words.contains(f) }) { break }
            name.insert(w, at: 0)
        }
        while let first = name.first, articles.contains(Phrase(first).core) || ["de", "del", "en"].contains(Phrase(first).core) { name.removeFirst() }
        let value = (last.hasSuffix("%") || Int(digits.prefix { $0.isNumber }).map({ $0 < 100 }) ?? true ? String(last) : "\(digits) puntos")
            + (tail.isEmpty ? "" : " " + tail.joined(separator: " "))
        // «en el colegio Isabel Riquelme 2do basico 48%»: the course between the school and its
        // score leaves no name right before it; the school named with its kind is the one.
        if name.isEmpty {
            let before = words.joined(separator: " ")
            if let s, let member = school(in: before, s) { return (member, value) }
            return namedSchool(in: before).map { ($0, value) }
        }
        let said = name.joined(separator: " ")
        if let s, let member = school(in: said, s) { return (member, value) }
        let shown = name.map { w in ["de", "del", "y"].contains(w.lowercased()) ? w.lowercased() : w.prefix(1).uppercased() + w.dropFirst() }
        return (shown.joined(separator: " "), value)
    }

    /// Words around a list of schools that are not part of a school's name.
    static let schoolNameStops: Set<String> = Set(["basico", "basica", "medio", "simce", "resultados", "resultado", "escuelas", "colegios",
                                                   "puntaje", "puntajes", "promedio", "nivel", "curso", "dia", "prueba", "ensayo",
                                                   "evaluacion", "diagnostico", "que", "por"]).union(scoreVerbs)

    /// «Escuela Huequen: 248 puntos; Villa Huequen: 231 puntos» as `values` writes a list of
    /// schools: each school and its score; empty for a single result or one per subject.
    static func splitBySchool(_ value: String) -> [(school: String, value: String)] {
        let parts = value.components(separatedBy: "; ").map { p -> (String, String)? in
            guard let colon = p.range(of: ": ") else { return nil }
            let name = String(p[..<colon.lowerBound])
            return subjects.contains { $0.name == name } || name.isEmpty || ResultadoFlow.months.contains(name) ? nil : (name, String(p[colon.upperBound...]))
        }
        guard parts.count >= 2, parts.allSatisfy({ $0 != nil }) else { return [] }
        return parts.compactMap { $0 }
    }

    /// «45% lectores fluidos en marzo y 68% en noviembre»: a figure for each month it was taken,
    /// when the sentence gives two or more (each month its own result, qa30 A6: they were kept as
    /// one); empty otherwise. A bare figure says what the first one says («68%» is «68% lectores
    /// fluidos»).
    static func periodScores(in text: String) -> [(period: String, value: String)] {
        // Cheap gate: two percent signs at least.
        guard text.utf8.lazy.filter({ $0 == 0x25 }).count >= 2,
              let first = text.range(of: #"\d+([.,]\d+)?\s*%"#, options: .regularExpression) else { return [] }
        var rest = text[first.lowerBound...]
        // «en abril 55%, en mayo 61%»: the month said before the first figure starts the list.
        let before = text[..<first.lowerBound].split(separator: " ")
        if before.count >= 2, ResultadoFlow.months.contains(TextFold.fold(String(before[before.count - 1]))),
           ["en", "de", "del"].contains(TextFold.fold(String(before[before.count - 2]))) {
            rest = text[before[before.count - 2].startIndex...]
        }
        // («…, en mayo 72% en la escuela Solor»: where it was taken is no part of the figure.)
        for stop in [";", " segun", " según", " (", " en la prueba", " en el simce", " en la evaluacion", " en la evaluación",
                     " en la escuela", " en el colegio", " en el liceo", " en la escuelita", " de la escuela", " del colegio", " del liceo"] {
            if let r = rest.range(of: stop, options: .caseInsensitive) { rest = rest[..<r.lowerBound] }
        }
        let pieces = rest.components(separatedBy: ",").flatMap { $0.components(separatedBy: " y ") }
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines.union(.init(charactersIn: "."))) }.filter { !$0.isEmpty }
        var found: [(period: String, value: String)] = []
        for piece in pieces {
            guard piece.contains("%") else { break }
            let words = piece.split(separator: " ").map(String.init)
            let folded = words.map { TextFold.fold($0) }
            guard let k = folded.indices.first(where: { ResultadoFlow.months.contains(folded[$0]) }), k > 0,
                  ["en", "de", "del"].contains(folded[k - 1]) else { return [] }
            var kept = words
            kept.removeSubrange((k - 1)...k)
            let value = kept.joined(separator: " ").trimmingCharacters(in: .whitespaces)
            guard value.contains("%") else { return [] }
            found.append((folded[k], value))
        }
        guard found.count >= 2, Set(found.map(\.period)).count == found.count else { return [] }
        if let described = found.first(where: { $0.value.contains(" ") })?.value, let cut = described.firstIndex(of: " ") {
            let tail = described[cut...]
            for i in found.indices where !found[i].value.contains(" ") { found[i].value += tail }
        }
        return found
    }

    /// «marzo: 45% lectores fluidos; noviembre: 68% lectores fluidos» as `values` writes a figure
    /// per month: each month and its figure; empty otherwise.
    static func splitByPeriod(_ value: String) -> [(period: String, value: String)] {
        let parts = value.components(separatedBy: "; ").map { p -> (String, String)? in
            guard let colon = p.range(of: ": ") else { return nil }
            let name = String(p[..<colon.lowerBound])
            return ResultadoFlow.months.contains(name) ? (name, String(p[colon.upperBound...])) : nil
        }
        guard parts.count >= 2, parts.allSatisfy({ $0 != nil }) else { return [] }
        return parts.compactMap { $0 }
    }

    /// «…, el año pasado era 45%», «(2026: 45%)», «antes estaba en 45%», «en 2026 fue 45%»: the
    /// figure the result is compared with, said beside it. A result keeps no field of its own for
    /// it: it stays with the value, after it, where whoever reads the file finds it («58% lee con
    /// fluidez adecuada (45% el año pasado)»), and its year is never the measurement's (qa38 c20:
    /// «(2026: 45%)» made the measurement «… 2026» and the 45% was lost). `kept` is the text
    /// without it; nil when the text compares with nothing.
    static func previous(in text: String) -> (kept: String, shown: String)? {
        // Cheap gate: two figures at least, or a word that says «before».
        let bytes = text.utf8
        guard bytes.contains(0x25) || bytes.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let lower = text.lowercased()
        guard lower.contains("pasado") || lower.contains("antes") || lower.contains("(") || lower.contains("anterior")
            || bytes.lazy.filter({ $0 == 0x25 }).count >= 2 else { return nil }
        let whole = NSRange(text.startIndex..., in: text)
        for (regex, figureFirst) in previousPatterns {
            guard let m = regex.firstMatch(in: text, range: whole), m.numberOfRanges == 3,
                  let r = Range(m.range, in: text), let g1 = Range(m.range(at: 1), in: text), let g2 = Range(m.range(at: 2), in: text) else { continue }
            let (figureSaid, when) = figureFirst ? (String(text[g1]), String(text[g2])) : (String(text[g2]), String(text[g1]))
            // (The figure is written as the result writes one: «45%».)
            let f = figureSaid.replacingOccurrences(of: "por ciento", with: "%", options: .caseInsensitive)
                .replacingOccurrences(of: "porciento", with: "%", options: .caseInsensitive).replacingOccurrences(of: " %", with: "%")
            let w = TextFold.fold(when)
            let shown = w.hasPrefix("20") ? "\(f) en \(when)" : w == "antes" ? "\(f) antes" : "\(f) el año pasado"
            var kept = text
            kept.removeSubrange(r)
            kept = kept.trimmingCharacters(in: .whitespaces.union(.init(charactersIn: ",;")))
            return (kept, shown)
        }
        return nil
    }

    /// `previous`'s ways of saying it, made once: each with whether the figure comes first.
    static let previousPatterns: [(NSRegularExpression, Bool)] = {
        let figure = #"(\d+(?:[.,]\d+)?\s*(?:%|por ?ciento))"#
        let verbs = #"(?:era|fue|fueron|estaba|estaban|estabamos|estábamos|teniamos|teníamos|tenia|tenía|sacamos|saco|sacó|habia|había|dio|daba|sacabamos|sacábamos)"#
        let lead = #"(?:en\s+|de\s+|el\s+|un\s+)?"#
        return [
            // «(2026: 45%)», «(en 2026 45%)»
            (#"\s*\(\s*(?:en\s+|el\s+)?(20\d{2})\s*:?\s*(?:era\s+|fue\s+)?"# + figure + #"\s*\)"#, false),
            // «(45% el 2026)», «(45% el año pasado)»
            (#"\s*\(\s*"# + figure + #"\s+(?:el|en)\s+(20\d{2}|a[ñn]o\s+pasado)\s*\)"#, true),
            // «, el año pasado era 45%», «y el año anterior fue 45%»
            (#"[,;.]?\s*(?:y\s+)?(?:el\s+|en\s+el\s+)?(a[ñn]o\s+(?:pasado|anterior))\s*,?\s*"# + verbs + #"?\s*"# + lead + figure, false),
            // «, en 2026 era 45%», «el 2026 fue 45%»
            (#"[,;.]?\s*(?:y\s+)?(?:en\s+|el\s+)(20\d{2})\s*,?\s*"# + verbs + #"\s+"# + lead + figure, false),
            // «, antes era 45%», «antes estábamos en 45%»
            (#"[,;.]?\s*(?:y\s+)?(antes)\s*,?\s*"# + verbs + #"?\s*"# + lead + figure, false),
        ].map { (try! NSRegularExpression(pattern: $0.0, options: [.caseInsensitive]), $0.1) }
    }()

    /// «58% lee con fluidez adecuada» with the figure it is compared with after it.
    static func withPrevious(_ value: String, _ shown: String) -> String {
        if value.contains("(\(shown))") { return value }
        // One said before («(45% en 2026)») is replaced by the one said now, never kept twice.
        if value.hasSuffix(")"), let open = value.range(of: " (", options: .backwards) {
            let inner = value[open.upperBound...].dropLast()
            if inner.contains("%"), inner.hasSuffix(" el año pasado") || inner.hasSuffix(" antes") || inner.range(of: #" en 20\d\d$"#, options: .regularExpression) != nil {
                return value[..<open.lowerBound] + " (\(shown))"
            }
        }
        return value + " (\(shown))"
    }

    /// Everything a sentence says, as the flow's values.
    static func values(in text: String, _ s: NetworkSnapshot?) -> SlotValues {
        var v: SlotValues = [:]
        // «el simce de 4to básico 2025»: the year said apart from the measurement is still its year.
        if var m = measure(in: text) {
            if year(in: m) == nil, let y = year(in: text) { m += " " + y }
            v["medicion"] = .text(m)
        }
        // «lectura 262 puntos, matemática 248»: one score per subject, each its own result.
        let each = scores(in: text)
        if each.count >= 2 {
            v["asignatura"] = .text(SlotValue.joinSpanish(each.map(\.subject)))
            v["valor"] = .text(each.map { "\($0.subject): \($0.value)" }.joined(separator: "; "))
        }
        // «escuela Huequen 248, Villa Huequen 231 y San Francisco 262»: one score per school, each its own result.
        if each.count < 2 {
            let bySchool = schoolScores(in: text, s)
            if bySchool.count >= 2 {
                v["establecimiento"] = .text(SlotValue.joinSpanish(bySchool.map(\.school)))
                v["valor"] = .text(bySchool.map { "\($0.school): \($0.value)" }.joined(separator: "; "))
            }
        }
        // «45% en marzo y 68% en noviembre»: one figure per month, each its own result.
        if v["valor"] == nil {
            let byPeriod = periodScores(in: text)
            if byPeriod.count >= 2 { v["valor"] = .text(byPeriod.map { "\($0.period): \($0.value)" }.joined(separator: "; ")) }
        }
        if v["asignatura"] == nil, let x = subject(in: text) { v["asignatura"] = .text(x) }
        if let x = level(in: text) { v["nivel"] = .text(x) }
        if v["valor"] == nil, let x = value(in: text) { v["valor"] = .text(x) }
        if v["establecimiento"] == nil, let s, let x = school(in: text, s) { v["establecimiento"] = .text(x) }
        return v
    }
}
