import Domain
import DialogEngine
import Understanding

/// How people introduce their network in one message: «hola minga, es la red de escuelas
/// rurales de paillaco, microcentro el avellano». Greetings and lead-ins («es la», «se llama»,
/// «no más») are not part of the name; a clause that only describes the network (introduced
/// by «es la…», «somos…») gives its kind and commune, and the clause that names it is the name.
struct NetworkIntro: Equatable {
    var name: String
    /// Words that may say the kind, from every clause (the kind slot's synonyms decide).
    var description: String
    /// A commune said as «… de Paillaco» after words that describe a network, or «comuna de X».
    var territory: String?
    /// «región de la Araucanía», «IX región»: the region, as the calendar knows it.
    var region: String?
    /// The name was said as one («se llama…», «el nombre es…»), not guessed from a clause.
    var saidAsName = false

    /// How a network's name is shown: «microcentro el avellano» as a proper name, and «microcentro
    /// El Avellano» (partly capitalised by hand) with its first letter up.
    /// Acronyms keep their capitals: «rme malleco norte» is «RME Malleco Norte».
    static func displayName(_ name: String) -> String {
        let proper = SpanishFormat.properName(name).split(separator: " ", omittingEmptySubsequences: false)
            .map { acronyms.contains(TextFold.fold(String($0))) ? $0.uppercased() : String($0) }
            .joined(separator: " ")
        return proper.prefix(1).uppercased() + proper.dropFirst()
    }

    /// The words between a pair of quote marks in `text` («"…"», «“…”», ««…»»), when there is
    /// exactly one such pair with a letter in it.
    static func quotedName(_ text: String) -> String? {
        guard text.contains(where: { "\"“«".contains($0) }) else { return nil }
        for (open, close) in [("\"", "\""), ("“", "”"), ("«", "»")] as [(Character, Character)] {
            guard let a = text.firstIndex(of: open) else { continue }
            let after = text.index(after: a)
            guard let b = text[after...].firstIndex(of: close), !text[text.index(after: b)...].contains(open) else { continue }
            let inner = text[after..<b].trimmingCharacters(in: .whitespaces.union(.punctuationCharacters))
            if inner.contains(where: \.isLetter) { return inner }
        }
        return nil
    }

    private static let acronyms: Set<String> = ["rme", "slep", "daem", "dem", "utp"]

    /// The kind the words say, if any: «microcentro», «escuelas rurales», «rme», «territorial».
    var kind: Network.Kind? {
        // A kind said outright wins, in the name too: «RME Chillán Viejo Rural» is an RME. Short of
        // that, rural schools working together are a microcentro when the network is described
        // so («somos 4 escuelitas rurales»). A name is not a description: «Red Rural Cordillera»,
        // «Red Parral Rural» may be an RME of rural schools as well (qa25, issue 12: created as a
        // microcentro), so a name with «rural» and no kind word leaves the kind to its question.
        let named = " " + nameFolded + " ", words = " " + description + " "
        let said = [named, words]
        if said.contains(where: { w in [" rme ", " mejoramiento "].contains(where: w.contains) }) { return .rme }
        if said.contains(where: { w in [" microcentro ", " microcentros ", " micro centro "].contains(where: w.contains) }) { return .microcentro }
        if said.contains(where: { w in [" territorial "].contains(where: w.contains) }) { return .territorial }
        if [" escuelas rurales ", " escuelitas rurales ", " rural ", " rurales "].contains(where: words.contains) { return .microcentro }
        return nil
    }

    /// The name's own words, folded: a kind said outright there counts, a describing word does not.
    var nameFolded = ""
    /// «soy coordinadora del SLEP Andalién Sur»: the network's sostenedor, as the writer named it.
    var sostenedor: String?
    /// «acompaño dos redes, la Red Territorial Mejillones y la RME Maria Elena»: the network named
    /// with this one and not created now («partamos por la de Mejillones» picks this one).
    var otherNamed: String?

    /// Two networks named in one clause, «la Red Territorial Mejillones y la RME Maria Elena»: the
    /// text with that clause naming the one to create first (the one a later «partamos por la de
    /// Mejillones» points at, else the first) and that choice dropped, and the other's name.
    /// Each side must open with «red», «rme» or «microcentro» and hold a capital after it.
    static func oneOfTwoNamed(_ text: String) -> (text: String, other: String)? {
        guard text.contains(" y ") else { return nil }
        let parts = text.split(whereSeparator: { ",;.:\n".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }
        func name(_ x: Substring) -> String? {
            var w = x.split(separator: " ")
            if let f = w.first, ["la", "el"].contains(TextFold.fold(String(f))) { w.removeFirst() }
            guard (2...6).contains(w.count), ["red", "rme", "microcentro"].contains(TextFold.fold(String(w[0]))),
                  w.dropFirst().contains(where: { $0.first?.isUppercase == true }) else { return nil }
            return w.joined(separator: " ")
        }
        for (i, part) in parts.enumerated() {
            guard let r = part.range(of: " y "), let first = name(part[..<r.lowerBound]), let second = name(part[r.upperBound...]) else { continue }
            var kept = parts
            var chosen = first, other = second
            // «Partamos por la de Mejillones», «empecemos con la RME Maria Elena»: which one first.
            let starts: Set<String> = ["partamos", "empecemos", "comencemos", "parto", "vamos", "primero"]
            if let j = parts.indices.first(where: { $0 > i && Phrase(parts[$0]).tokens.first.map(starts.contains) == true }) {
                let said = Phrase(parts[j]).tokens.dropFirst().drop { ["por", "con", "la", "el", "de", "del", "red", "rme", "microcentro"].contains($0) }
                let firstWords = Set(Phrase(first).tokens), secondWords = Set(Phrase(second).tokens)
                if !said.isEmpty, said.allSatisfy(secondWords.contains) { chosen = second; other = first; kept.remove(at: j) }
                else if !said.isEmpty, said.allSatisfy(firstWords.contains) { kept.remove(at: j) }
            }
            kept[i] = "se llama " + chosen
            return (kept.joined(separator: ", "), other)
        }
        return nil
    }

    /// Whether `text` holds «red» or «microcentro» in any case (bytes only): what both network
    /// requests need.
    static func mayNameNetwork(_ text: String) -> Bool {
        // On the bytes in place, each lowered with `| 0x20` as it is compared (a lowered copy of
        // the message and a slice compare per position cost ~4k instructions a message).
        func scan(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
            func has(_ word: StaticString) -> Bool {
                let n = word.utf8CodeUnitCount
                guard b.count >= n else { return false }
                return word.withUTF8Buffer { w in
                    for i in 0...(b.count - n) {
                        var k = 0
                        while k < n, b[i + k] | 0x20 == w[k] { k += 1 }
                        if k == n { return true }
                    }
                    return false
                }
            }
            return has("red") || has("microcentro")
        }
        let says = text.utf8.withContiguousStorageIfAvailable(scan) ?? Array(text.utf8).withUnsafeBufferPointer(scan)
        assert(says == {
            let b = Array(text.utf8.lazy.map { $0 | 0x20 })
            func has(_ word: String) -> Bool {
                let w = Array(word.utf8)
                guard b.count >= w.count else { return false }
                return (0...(b.count - w.count)).contains { i in b[i..<(i + w.count)].elementsEqual(w) }
            }
            return has("red") || has("microcentro")
        }(), "mayNameNetwork read «\(text)» otherwise")
        return says
    }

    /// «crear otra red», «quiero armar una red nueva», «tengo otro microcentro», «agregar otra
    /// red»: a second network asked for, not this one's data («crear el propósito de la red»).
    /// `text` without a greeting and a self-introduction that open it («Hola, soy supervisora del
    /// deprov. Necesito…», «buenos días, me llamo Ana, quiero…»); the text itself when nothing
    /// follows them.
    static func withoutOpening(_ text: String) -> String {
        // Most messages open with neither, and their first word says so: a text whose spaces are
        // single inner ones is then its own words joined, itself (the Character split and a fold
        // per word cost ~35k instructions a message at the menu).
        if let first = TextFold.firstSpaceSeparated(text), case let f = TextFold.foldedLetters(first), !f.isEmpty, f != "soy", f != "me",
           !greetingWords.contains(f), singleSpaced(text) {
            assert(withoutOpeningRead(text) == text, "withoutOpening read «\(text)» otherwise")
            return text
        }
        return withoutOpeningRead(text)
    }

    /// No space at either end and none after another: `split(separator: " ")` joined by single
    /// spaces gives the text back.
    private static func singleSpaced(_ text: String) -> Bool {
        var previous: UInt8 = 0x20
        for b in text.utf8 {
            if b == 0x20, previous == 0x20 { return false }
            previous = b
        }
        return previous != 0x20
    }

    private static func withoutOpeningRead(_ text: String) -> String {
        var words = text.split(separator: " ").map(String.init)
        func folded(_ w: String) -> String { TextFold.fold(w).lowercased().filter(\.isLetter) }
        while let w = words.first, greetingWords.contains(folded(w)) || folded(w).isEmpty { words.removeFirst() }
        if let first = words.first.map(folded), first == "soy" || (first == "me" && words.count > 1 && folded(words[1]) == "llamo"),
           let end = words.firstIndex(where: { $0.hasSuffix(".") || $0.hasSuffix(",") || $0.hasSuffix(";") }), words.count - end > 2 {
            words.removeFirst(end + 1)
        }
        let rest = words.joined(separator: " ")
        return rest.isEmpty ? text : rest
    }

    static let greetingWords: Set<String> = ["hola", "holi", "holaa", "buenas", "buenos", "buena", "buen", "dia", "dias", "tardes", "noches",
                                            "minga", "saludos", "estimada", "estimado", "oye"]

    /// «ahora en la otra red, el conversatorio del jueves se suspende»: a request for the other
    /// network of the store, said after where it goes. The request (the words after the lead),
    /// or nil when the message does not open so or says nothing after it.
    static func inOtherNetwork(_ text: String, minWords: Int = 2) -> String? {
        guard let cut = text.firstIndex(where: { ",:;".contains($0) }) else { return nil }
        let lead = Phrase(String(text[..<cut])).tokens.drop { ["ahora", "y", "ya", "bueno", "oye", "ok", "entonces", "ah"].contains($0) }
        guard [["en", "la", "otra", "red"], ["de", "la", "otra", "red"], ["para", "la", "otra", "red"], ["en", "el", "otro", "microcentro"],
               ["en", "la", "otra"], ["pa", "la", "otra", "red"]].contains(Array(lead)) else { return nil }
        let rest = text[text.index(after: cut)...].trimmingCharacters(in: .whitespaces)
        return Phrase(rest).tokens.count >= minWords ? rest : nil
    }

    static func asksAnotherNetwork(_ text: String) -> Bool {
        // «ahora en la otra red, <request>»: a request for a network already there, no new one.
        if inOtherNetwork(text) != nil { return false }
        // «necesito agregar mi segunda red, la Red Vilcún Centro»: the request before its comma.
        let t = Phrase(requestAndTail(text).request).tokens
        guard t.count <= 8, let k = t.firstIndex(where: { $0 == "red" || $0 == "microcentro" || $0 == "redes" }) else { return false }
        let before = t[..<k], after = t[(k + 1)...]
        // The word right before says it («otra red»), not one of another noun («un colega nuevo al microcentro»).
        let another = before.last.map { ["otra", "otro", "nueva", "nuevo", "segunda", "segundo", "tercera", "tercer", "cuarta"].contains($0) } == true
            || after.first.map { ["nueva", "nuevo", "mas", "aparte", "distinta", "distinto"].contains($0) } == true
        let createVerbs: Set<String> = ["crear", "crea", "creemos", "armar", "arma", "armemos", "agregar", "agrega", "registrar",
                                        "registra", "sumar", "tengo", "tenemos", "hacer", "hagamos"]
        // «pasemos a la otra red», «cámbiate a la otra red»: a move to one already in the store
        // (qa21: it started creating a new one).
        if before.contains(where: { moveVerbs.contains($0) && !["abrir", "abre", "usar"].contains($0) }), !before.contains(where: createVerbs.contains) {
            return false
        }
        let creates = before.contains(where: createVerbs.contains)
            && before.last.map { ["una", "un"].contains($0) } == true
        return (another || creates) && after.count <= 3 && !after.contains(where: { ["de", "del", "con"].contains($0) })
    }

    /// The new network's name said after the request's comma («…mi segunda red, la Red Vilcún
    /// Centro»), read as a first message naming a network is.
    static func anotherNetworkName(_ text: String) -> String? {
        guard let said = anotherNetworkSaid(text), let intro = read(said) else { return nil }
        return intro.name.isEmpty ? nil : intro.name
    }

    /// The request for another network and what follows its comma or colon, without the
    /// lead-ins that open the message as a clause of their own («ya, ahora crea la otra red: RME
    /// Maria Elena, …»: qa28, the request was read in «ya» alone and not understood).
    static func requestAndTail(_ text: String) -> (request: String, tail: String?) {
        var rest = Substring(text)
        let leads: Set<String> = ["ya", "ok", "oka", "bueno", "listo", "perfecto", "oye", "ahora", "entonces", "gracias", "genial",
                                  "vale", "dale", "y", "super", "buenisimo", "excelente"]
        while let cut = rest.firstIndex(where: { ",:".contains($0) }) {
            let head = Phrase(String(rest[..<cut])).tokens
            if !head.isEmpty, head.allSatisfy(leads.contains) { rest = rest[rest.index(after: cut)...]; continue }
            let tail = rest[rest.index(after: cut)...].trimmingCharacters(in: .whitespaces)
            return (String(rest[..<cut]), tail.isEmpty ? nil : tail)
        }
        return (String(rest), nil)
    }

    /// What is said of the new network after the request («…mi segunda red, la Red Vilcún
    /// Centro», «…otra red, la RME Maria Elena en la comuna de maria elena, region de
    /// antofagasta»), without its article and any «misma región»: read as a first message
    /// naming a network is (its commune and region too: qa28, they were dropped).
    static func anotherNetworkSaid(_ text: String) -> String? {
        guard let said = requestAndTail(text).tail else { return nil }
        var tail = Substring(said)
        // «la Red Vilcún Centro»: the article is no part of the name.
        if let space = tail.firstIndex(of: " "), ["la", "el"].contains(TextFold.fold(String(tail[..<space]))) { tail = tail[tail.index(after: space)...] }
        // «la de los liceos TP de Calama»: «(la red) de los…» says whom it gathers; those words,
        // without «de los», are its name («Liceos TP de Calama», not «de los liceos TP de Calama»).
        // Only when those words are a group of people or schools: «la de los sauces» is the network
        // of Los Sauces, a place whose name opens with its article (qa32: it was named «Sauces»).
        let lead = tail.split(separator: " ", maxSplits: 2)
        if lead.count == 3, TextFold.fold(String(lead[0])) == "de", ["los", "las"].contains(TextFold.fold(String(lead[1]))) {
            let gathered = lead[2].split(separator: " ").first.map { Self.gatheredGroups.contains(TextFold.fold(String($0))) } ?? false
            // (The place written as a name, up to a comma, as the Calama one is: the echo said «los sauces».)
            let place = String(lead[1] + " " + lead[2]), cut = place.firstIndex(of: ",") ?? place.endIndex
            tail = gathered ? Substring(lead[2].prefix(1).uppercased() + lead[2].dropFirst())
                : Substring(SpanishFormat.properName(String(place[..<cut])) + place[cut...])
        }
        // «…, comuna Maria Elena, misma region»: the region is the current network's (the caller's).
        let kept = tail.split(separator: ",").filter { !Self.saysSameRegion(String($0)) }.joined(separator: ",")
            .trimmingCharacters(in: .whitespaces)
        return kept.isEmpty ? nil : kept
    }

    /// What a network gathers when said as «la de los…» («la de los liceos TP», «la de las escuelas
    /// rurales», «la de los directores»): plural nouns of schools and of the people in them.
    static let gatheredGroups: Set<String> = [
        "liceos", "escuelas", "escuelitas", "colegios", "jardines", "establecimientos", "salas", "microcentros", "internados",
        "directores", "directoras", "profes", "profesores", "profesoras", "docentes", "educadoras", "educadores", "jefes", "jefas",
        "utp", "encargados", "encargadas", "coordinadores", "coordinadoras", "orientadores", "orientadoras", "asistentes",
        "equipos", "inspectores", "psicologos", "duplas", "apoderados", "estudiantes", "alumnos", "ninos", "parvulos",
    ]

    /// «misma region», «la misma región», «en la misma region»: the region of the network already there.
    static func saysSameRegion(_ clause: String) -> Bool {
        let t = Phrase(clause).tokens.drop { ["en", "la", "de", "y", "es", "tambien"].contains($0) }
        return Array(t.prefix(2)) == ["misma", "region"] && t.count <= 3
    }

    /// «cambiar de red», «pasemos a la otra red», «quiero trabajar en la red Lanco Norte»: work in
    /// another network of the store (which one, said or asked).
    static func asksSwitchNetwork(_ text: String) -> Bool {
        let t = Phrase(text).tokens
        guard t.count <= 10 else { return false }
        if let i = t.firstIndex(where: changeVerbs.contains), i + 2 < t.count, t[i + 1] == "de", networkNouns.contains(t[i + 2]) { return true }
        guard let i = t.firstIndex(where: moveVerbs.contains), i + 1 < t.count, ["a", "en", "al", "con"].contains(t[i + 1]) else { return false }
        let rest = t[(i + 2)...].drop { ["la", "el", "los", "las", "otra", "otro", "mi", "nuestra"].contains($0) }
        return rest.first.map(networkNouns.contains) ?? false
    }

    /// A cheap look before `movesToNamed` reads the store: one of the move verbs among the first
    /// three words.
    static func mayMove(_ text: String) -> Bool {
        guard text.utf8.count <= 80 else { return false }
        func read() -> Bool { text.lowercased().split(whereSeparator: { !$0.isLetter }).prefix(3).contains { moveVerbs.contains(String($0)) } }
        // ASCII text on its bytes: there a letter is A–Z or a–z, so the words are their runs (the
        // Character split of the whole message cost ~17k instructions).
        let ascii = text.utf8.withContiguousStorageIfAvailable { b -> Bool? in
            guard !b.contains(where: { $0 >= 0x80 }) else { return nil }
            func letter(_ c: UInt8) -> Bool { (0x61...0x7A).contains(c | 0x20) }
            var words = 0, i = 0
            while i < b.count, words < 3 {
                guard letter(b[i]) else { i += 1; continue }
                var j = i
                while j < b.count, letter(b[j]) { j += 1 }
                words += 1
                if moveVerbWords.contains(String(decoding: UnsafeBufferPointer(rebasing: b[i..<j]).map { $0 | 0x20 }, as: UTF8.self)) { return true }
                i = j
            }
            return false
        }
        guard let found = ascii ?? nil else { return read() }
        assert(found == read(), "mayMove read «\(text)» otherwise")
        return found
    }

    /// «volvamos a San Pablo», «pasemos a Puyehue Cordillera»: a move verb and then only words of
    /// one of the store's network names, without the noun «red» (`asksSwitchNetwork` needs it).
    /// The network named, or nil: every word after the verb and its article must be in that name.
    static func movesToNamed(_ text: String, among all: [Network]) -> Network? {
        guard all.count > 1 else { return nil }
        let t = Phrase(text).tokens
        guard t.count <= 8, let i = t.firstIndex(where: moveVerbs.contains), i <= 2, i + 2 < t.count,
              ["a", "en", "al", "con"].contains(t[i + 1]),
              t[..<i].allSatisfy({ ["ya", "ahora", "bueno", "ok", "oye", "y", "mejor", "entonces"].contains($0) }) else { return nil }
        let rest = t[(i + 2)...].drop { ["la", "el", "los", "las", "lo"].contains($0) }
            .filter { !["porfa", "po", "ahora", "entonces", "mejor"].contains($0) }
        guard !rest.isEmpty else { return nil }
        let hits = all.filter { n in
            let name = Set(Phrase(n.name).tokens)
            return rest.allSatisfy(name.contains) && rest.contains { $0.count > 2 }
        }
        return hits.count == 1 ? hits[0] : nil
    }

    /// «crear otra red», «cambiar de red», «pasemos a la otra red» said while a flow asks
    /// something: the request itself, its verb first, never an answer that talks of networks
    /// («trabajar en red con otras escuelas», «Red Nueva Esperanza», «tengo otra red de apoyo»).
    static func asksNetworkMidFlow(_ text: String) -> Bool {
        guard text.utf8.count <= 80, mayNameNetwork(text) else { return false }
        let t = Array(Phrase(text).tokens.drop { midFlowLeads.contains($0) })
        guard let verb = t.first, t.count <= 7 else { return false }
        if anotherVerbs.contains(verb) { return asksAnotherNetwork(text) }
        guard asksSwitchNetwork(text), changeVerbs.contains(verb) || moveVerbs.contains(verb) else { return false }
        // «trabajar en red»: a way of working, not a network to move to.
        if t.count >= 3, ["a", "en", "al", "con"].contains(t[1]), networkNouns.contains(t[2]) { return false }
        return true
    }

    private static let midFlowLeads: Set<String> = ["ya", "oye", "mejor", "quiero", "queria", "bueno", "ahora", "y", "no", "perdon",
                                                    "espera", "chuta", "necesito", "podemos", "puedo", "hola", "ah", "oh"]
    private static let anotherVerbs: Set<String> = ["crear", "crea", "creemos", "armar", "arma", "armemos", "agregar", "agrega",
                                                    "registrar", "registra", "sumar", "hacer", "hagamos", "abrir", "abre"]

    /// «Red Directores Quilicura», «a la Red Directores Quilicura» with nothing in progress: a
    /// message that is only one of the store's network names, word for word (an article or a
    /// preposition before it aside). Nil for anything else, or with a single network.
    static func namesOnly(_ text: String, among all: [Network]) -> Network? {
        namesOnly(text, phrase: Phrase(text), among: all)
    }

    /// `namesOnly(text)` with the text's phrase already made (the turn's own: not read again).
    static func namesOnly(_ text: String, phrase: Phrase, among all: [Network]) -> Network? {
        guard all.count > 1, text.utf8.count <= 80 else { return nil }
        let said = nameWords(phrase)
        assert(said == nameWords(text))
        guard !said.isEmpty, said.count <= 8 else { return nil }
        let hits = nameIndexes.of(all).byWords[said.joined(separator: " ")] ?? []
        assert(hits == all.indices.filter { nameWords(all[$0].name) == said }, "the name index read «\(text)» otherwise")
        return hits.count == 1 ? all[hits[0]] : nil
    }

    /// The words a name is said by, without leading articles and fillers («a la Red X po»).
    static func nameWords(_ s: String) -> [String] { nameWords(Phrase(s)) }

    static func nameWords(_ phrase: Phrase) -> [String] {
        // The word lists are constants read once (array literals in the closures were made again
        // for each word, on every message at the menu); a phrase with none of the dropped words
        // is its tokens as they are.
        let leads = nameLeadWords, fillers = nameFillerWords
        let t = phrase.tokens
        guard t.contains(where: { leads.contains($0) || fillers.contains($0) }) else { return t }
        return Array(t.drop { leads.contains($0) }).filter { !fillers.contains($0) }
    }

    private static let nameLeadWords: [String] = ["a", "al", "en", "la", "el", "los", "las", "ya", "y", "mejor", "ahora"]
    private static let nameFillerWords: [String] = ["po", "porfa", "pls"]

    /// Each network's name words (joined) to its positions in a list. Built once per list and
    /// kept, as `NetworkMention.Index` is: reading every name on each message at the menu cost a
    /// server with a thousand networks most of its turn (26k turns/s against 50k before).
    struct NameIndex: Sendable {
        let byWords: [String: [Int]]

        init(_ all: [Network]) {
            var byWords: [String: [Int]] = [:]
            for (i, n) in all.enumerated() { byWords[NetworkIntro.nameWords(n.name).joined(separator: " "), default: []].append(i) }
            self.byWords = byWords
        }
    }

    static let nameIndexes = NetworkListCache(NameIndex.init)

    static let changeVerbs: Set<String> = ["cambiar", "cambiarme", "cambiemos", "cambia", "cambiame", "cambio", "cambiate"]
    /// `moveVerbs` as a `WordSet`: most words are told apart by their first byte and length,
    /// without hashing them (`mayMove` reads the first words of nearly every message).
    static let moveVerbWords = WordSet(moveVerbs)

    static let moveVerbs: Set<String> = ["pasemos", "pasar", "pasarme", "ir", "vamos", "volver", "volvamos", "trabajar", "trabajemos",
                                         "entrar", "entremos", "abrir", "abre", "usar", "cambiarme", "cambiemos", "cambiar", "cambia",
                                         "cambiame", "cambianos", "llevame", "pasame",
                                         // «cámbiate a la red de Purranque», «pásate a…» (qa21 G: not understood,
                                         // and the next members went to the other network).
                                         "cambiate", "pasate"]
    static let networkNouns: Set<String> = ["red", "redes", "microcentro"]

    /// What `asksSwitchNetwork`'s message says of the network wanted, without the words of
    /// asking («pasemos a la red Lanco Norte» → «lanco norte»): «red» is in many names.
    static func switchTarget(_ text: String) -> String {
        Phrase(text).tokens.filter { !switchWords.contains($0) }.joined(separator: " ")
    }

    static let switchWords: Set<String> = changeVerbs.union(moveVerbs).union(networkNouns)
        .union(["de", "a", "al", "en", "con", "la", "el", "otra", "otro", "mi", "nuestra", "quiero", "ahora", "ya", "porfa", "po"])

    static func read(_ text: String) -> NetworkIntro? {
        // «mejor ponle solo "Red Los Ángeles Sur"», «que se llame «Microcentro Pewenche»»: the
        // words in quotes are the name as written (the quote marks never end up in it).
        if let quoted = quotedName(text), quoted != text { return read(quoted) }
        // «… en Carahue. ¿Me ayudas a crearla?»: a question that does not name a network asks for
        // help; it is never the name (it was: «Me ayudas a crearla»).
        if text.contains("?"), case let asked = withoutQuestions(text), asked != text, !asked.isEmpty { return read(asked) }
        // «… con la red de directores de hualaihue (RME Hualaihue Costa), …», «… (region de
        // ohiggins), lo quiero registrar»: words in parentheses are a clause of their own, and
        // the name itself when they name a network (the whole clause was the name).
        if text.contains("("), text.contains(")"), let open = text.firstIndex(of: "("), let close = text[open...].firstIndex(of: ")") {
            let inner = text[text.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
            let f = Phrase(inner).tokens
            let names = (2...7).contains(f.count) && ["red", "rme", "microcentro"].contains(f[0]) && inner.dropFirst().contains(where: \.isUppercase)
            // Other words in parentheses («(deprov Cautín)») stay in their clause; only a region there is its own.
            if names || f.contains(where: { $0 == "region" || $0 == "reg" }) {
                let rewritten = text[..<open] + (names ? ", se llama " : ", ") + inner + ", " + text[text.index(after: close)...]
                return read(String(rewritten))
            }
        }
        if var two = oneOfTwoNamed(text), two.text != text, var intro = read(two.text) {
            two.other = displayName(two.other)
            intro.otherNamed = two.other
            return intro
        }
        var clauses: [(words: [String], folded: [String], predicate: Bool, naming: Bool)] = []
        var region: String?
        var selfIntroName: [String]?
        var requestWords: [String] = []
        var requests: Set<Int> = []
        var sostenedor: String?
        var sostenedorNext = false
        var sawRequest = false
        var kindWords: [String] = []
        var kindClauses: [(words: [String], folded: [String], predicate: Bool, naming: Bool)] = []
        // «crear red: RME Temuco Oriente, temuco»: the request ended its clause (at the colon).
        var requestAlone = false
        // «acompaño una red … en Carahue»: where the network the writer describes works.
        var describedPlace: String?
        // «estamos en dalcahue», «trabajamos en Penco»: where the writers are, said in a clause of its own.
        var saidWhere: String?
        // A clause only wishing to use the assistant was said: a lone «de Curepto» after it says where.
        var usesAssistant = false
        // The clause before counted schools and where they are: the next may list more communes.
        var listingPlaces = false
        // «te escribe el director del Liceo X, Rodrigo Sáez»: the clause before was the writer's own.
        var afterWriter = false
        // «somos la RME Padre Las Casas Sur», «es la Red Territorial …»: clauses that name the
        // network with its kind noun and a name written as one, after «somos la», «es la».
        var definite: Set<String> = []
        let allPieces = pieces(text)
        for (n, piece) in allPieces.enumerated() {
            let afterRequest = requestAlone
            requestAlone = false
            let writerBefore = afterWriter
            afterWriter = false
            var words = piece
            // «holaa», «buenaas»: a letter drawn out at the end of a word is the word.
            var folded = words.map { w -> String in
                var f = TextFold.fold(w)
                while f.count > 2, let last = f.last, f.dropLast().last == last, last.isLetter { f.removeLast() }
                return f
            }
            // «se llama Microcentro Quinchao, no "crear red"», «… y no Red Quinchao», «… en vez
            // de crear red»: what the name is not; that part never names it.
            if let k = refusal(in: folded) {
                words.removeSubrange(k...); folded.removeSubrange(k...)
                if words.isEmpty { continue }
            }
            var predicate = false, naming = false, placeLead = false, indefinite = false
            var definiteLead = false
            var changed = true
            while changed {
                changed = false
                if let g = greetings.first(where: { folded.starts(with: $0) }) {
                    words.removeFirst(g.count); folded.removeFirst(g.count); changed = true
                }
                if let lead = namingLeads.first(where: { folded.starts(with: $0) }), folded.count > lead.count {
                    words.removeFirst(lead.count); folded.removeFirst(lead.count); naming = true; changed = true
                }
                if let lead = predicateLeads.first(where: { folded.starts(with: $0) }), folded.count > lead.count {
                    words.removeFirst(lead.count); folded.removeFirst(lead.count); predicate = true; changed = true
                    placeLead = lead == ["estamos", "en"] || lead == ["trabajamos", "en"]
                    indefinite = ["un", "una"].contains(lead.last ?? "")
                    definiteLead = ["la", "el"].contains(lead.last ?? "") && ["somos", "es"].contains(lead.first ?? "")
                }
            }
            // «yo soy coordinadora de…», «yo trabajo en el DAEM»: the pronoun before the writer's
            // own verb (the whole clause was the network's name: qa38 c14).
            if folded.count > 2, folded[0] == "yo", folded[1] == "soy" || writerVerbs.contains(folded[1]) {
                words.removeFirst(); folded.removeFirst()
            }
            // «les escribe Juan Pérez, encargado del…», «te habla la Marta»: who writes, as «soy».
            if folded.count > 2, writingLeads.contains(where: { folded.starts(with: $0) }) {
                words.replaceSubrange(0..<2, with: ["soy"]); folded.replaceSubrange(0..<2, with: ["soy"])
            }
            // «somos un microcentro en cochamo», «es una rme rural de lanco»: a network of a kind
            // somewhere, said with «un/una», is no name: its kind and its place (qa32: the network
            // was named «Microcentro en Cochamo»). The name is asked.
            if indefinite, !naming, folded.count >= 3, ["microcentro", "red", "rme"].contains(folded[0]),
               let at = folded.lastIndex(where: { $0 == "de" || $0 == "en" }), at >= 1, (1...3).contains(folded.count - at - 1),
               folded[1..<at].allSatisfy({ kindOnly.contains($0) && $0 != "de" }),
               folded[(at + 1)...].allSatisfy({ w in w.count > 2 && w.allSatisfy(\.isLetter) && !notPlaces.contains(w) && !members.contains(w) && !kindOnly.contains(w) }),
               let spot = place(Array(words[(at + 1)...])) {
                requestWords += folded[..<at]
                if describedPlace == nil { describedPlace = spot }
                continue
            }
            // «necesito crear una red», «queremos armar la red acá en la comuna de X»: the
            // request describes the network (its commune, its kind), it never names it.
            var isRequest = false
            var requestKind: String?
            // «lo quiero registrar», «quiero crearla porfa»: a request for the network named
            // before; it never names it (it was named «Lo Quiero Registrar»).
            if Self.pronounRequest(folded) {
                sawRequest = true
                continue
            }
            if let lead = requestLength(folded) {
                requestWords += folded.prefix(lead)
                isRequest = true
                sawRequest = true
                // The kind the request asks for, as written («RME» in «armar la RME Linares Centro»).
                // «queremos armar la Red Territorial Llanquihue»: «Red» written with its capital opens the name too.
                let kindWord = folded.prefix(lead).last.flatMap { ["rme", "microcentro"].contains($0)
                    || $0 == "red" && words[lead - 1].first?.isUppercase == true ? words[lead - 1] : nil }
                requestKind = kindWord
                words.removeFirst(lead); folded.removeFirst(lead); predicate = true
                // «queremos armar la red acá», «crear red porfa»: nothing more than the request.
                while let last = folded.last, requestTail.contains(last) { words.removeLast(); folded.removeLast() }
                if words.isEmpty { requestAlone = true; continue }
                // «crear red Microcentro Sol Naciente, comuna de Cunco»: what follows the request,
                // written as a name (a capital, or the kind and more words), names it.
                if Self.writtenAsName(words, folded: folded) {
                    isRequest = false; predicate = false; naming = true
                    // «queremos armar la RME Linares Centro»: the kind before a capitalised name is part of it.
                    if let kindWord, words[0].first?.isUppercase == true {
                        words.insert(kindWord, at: 0); folded.insert(TextFold.fold(kindWord), at: 0)
                    }
                }
            }
            // «registrar la red de mejoramiento escolar Limari Norte», «armar el microcentro
            // rural Los Aromos»: the kind said in words, then the name written as one (capitalised).
            // The kind words say the kind; the rest names it (issue 12: the name and the kind were
            // lost, and the kind asked although said). «la red de mejoramiento escolar de Ovalle»
            // names none: a «de» right before says where.
            if isRequest, let k = folded.firstIndex(where: { !kindOnly.contains($0) }), k > 0, folded[k - 1] != "de",
               requestKind != nil || folded[..<k].contains(where: { ["mejoramiento", "rme", "microcentro", "territorial"].contains($0) }),
               words[k].first?.isUppercase == true, Self.writtenAsName(Array(words[k...]), folded: Array(folded[k...])) {
                requestWords += folded[..<k]
                // «armando la red de microcentro Los Copihues»: the kind noun said after «red» opens it too.
                let kindNoun = requestKind ?? folded[..<k].last(where: { $0 == "microcentro" || $0 == "rme" }).map { $0 == "rme" ? "RME" : "Microcentro" }
                words.removeFirst(k); folded.removeFirst(k)
                isRequest = false; predicate = false; naming = true
                // «crear el microcentro rural Los Notros»: the kind noun the request said opens the name.
                if let kindNoun { words.insert(kindNoun, at: 0); folded.insert(TextFold.fold(kindNoun), at: 0) }
            }
            // «necesito registrar la red de Lanco», «… la red de mejoramiento escolar de Ovalle»:
            // after the request (and kind words), «de/en» and one to three words of a place say
            // where it works; the name is still asked (issue 12: Lanco was dropped).
            if isRequest, let j = folded.firstIndex(where: { !kindOnly.contains($0) }), j >= 1, ["de", "en"].contains(folded[j - 1]),
               (1...3).contains(folded.count - j),
               folded[j...].allSatisfy({ w in w.count > 2 && w.allSatisfy(\.isLetter) && !notPlaces.contains(w) && !members.contains(w)
                   && !dateWords.contains(w) && !placeFillers.contains(w) && !gatheredGroups.contains(w) && !kindOnly.contains(w)
                   && !commonNamePlaces.contains(w) }),
               let spot = place(Array(words[j...])), describedPlace == nil {
                describedPlace = spot
            }
            // «crear red: RME Temuco Oriente, temuco, araucania»: the clause right after a request
            // that ended at a colon, written as a name, names it (the last bare clause, the
            // commune, was taken as the name and the name as the commune: pass 9, 08-1, 10-1).
            if afterRequest, !isRequest, !naming, Self.writtenAsName(words, folded: folded) { naming = true; predicate = false }
            // «soy la profe del microcentro Los Copihues»: who is writing; the network named
            // there is a name only if no other clause gives one. «soy coordinadora del SLEP
            // Andalién Sur»: the writer works for the network's sostenedor.
            // «soy representante del sostenedor, la Corporación Municipal de Peñalolén»: the clause
            // after the writer's names the sostenedor (it was taken as the network's name, and the
            // sostenedor lost: pass 8, 06-1).
            if sostenedorNext {
                sostenedorNext = false
                let article = ["la", "el"].contains(folded.first ?? "") ? 1 : 0
                if folded.count > article, sostenedorWords.contains(folded[article]) {
                    sostenedor = words[article...].joined(separator: " ").trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
                    continue
                }
            }
            // «te escribe el director del Liceo X, Rodrigo Sáez. Somos…»: a person's name alone,
            // right after the writer's own clause or right before it, is who writes; never the
            // network's name nor its commune (qa38 c08: the commune was «Rodrigo Sáez»).
            if !naming, !predicate, !isRequest, Self.isPersonName(folded),
               writerBefore || allPieces.indices.contains(n + 1) && Self.opensWithWriter(allPieces[n + 1]) {
                continue
            }
            // «soy la profesora Rosa Díaz, de la escuela Los Aromos, …»: «de» and a school right
            // after the writer's own clause says where the writer works, never the network's name
            // (it was named «De la escuela Los Aromos»).
            if !naming, !predicate, !isRequest, writerBefore, ["de", "del"].contains(folded.first ?? ""),
               folded.dropFirst().drop(while: { ["la", "el"].contains($0) }).first.map({ schoolWords.contains($0) }) == true {
                afterWriter = true
                continue
            }
            if folded.first == "soy" {
                afterWriter = true
                // («soy facilitadora de la red»: the noun alone names none.)
                if let (name, spot) = writersNetwork(words, folded: folded) {
                    selfIntroName = name
                    if describedPlace == nil, let spot { describedPlace = spot }
                }
                if let k = folded.firstIndex(where: sostenedorWords.contains) {
                    sostenedor = words[k...].joined(separator: " ").trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
                } else if folded.last == "sostenedor" || folded.last == "sostenedora" {
                    sostenedorNext = true
                }
                continue
            }
            // «soy la profe Marisol, encargada de la escuela El Maqui», «somos sostenedor de la red»:
            // a clause that opens with one person's role says who writes, never the network's name.
            if !naming, !isRequest, let first = folded.first, writerRoles.contains(first) {
                afterWriter = true
                // «soy Marta, coordinadora del microcentro Los Boldos de Lonquimay»: the network the
                // writer's role is in names it, as after «soy» (it was dropped: the name asked again).
                if let (name, spot) = writersNetwork(words, folded: folded) {
                    selfIntroName = name
                    if describedPlace == nil, let spot { describedPlace = spot }
                }
                // «directora de la escuela El Maqui en Curacautin»: where the writer works is
                // where the network does, unless another clause says otherwise (qa36 conv 1).
                if describedPlace == nil, let e = folded.lastIndex(of: "en"), e >= 2, e + 1 < words.count, folded.count - e <= 4,
                   words[(e + 1)...].allSatisfy({ $0.first?.isUppercase == true || ["de", "del"].contains(TextFold.fold($0)) }) {
                    describedPlace = place(Array(words[(e + 1)...]))
                }
                if sostenedor == nil, let k = folded.firstIndex(where: sostenedorWords.contains) {
                    sostenedor = words[k...].joined(separator: " ").trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
                }
                continue
            }
            // «Trabajo en la UATP del SLEP Costa Araucanía», «acompaño una red territorial de
            // convivencia escolar en Carahue»: the writer's own work. It names the network only
            // as «la red <Name>» (below); «una red …» describes it: its kind, and the place after
            // its last «en» (the whole clause was the name, and Carahue lost: qa14).
            if !naming, !isRequest, let first = folded.first, writerVerbs.contains(first), namedAfterVerb(words, folded: folded) == nil {
                if sostenedor == nil, let k = folded.firstIndex(where: sostenedorWords.contains) {
                    sostenedor = words[k...].joined(separator: " ").trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
                } else if folded.contains(where: { ["red", "redes", "microcentro", "rme"].contains($0) }) {
                    requestWords += folded
                    if let e = folded.lastIndex(of: "en"), e + 1 < words.count, folded.count - e <= 4,
                       words[(e + 1)...].allSatisfy({ $0.first?.isUppercase == true || ["de", "del"].contains(TextFold.fold($0)) }) {
                        describedPlace = place(Array(words[(e + 1)...]))
                    }
                }
                continue
            }
            // «queremos usar esto para la red», «quiero probar la app con mi red»: what the writer
            // wants to do with the assistant, with no name written in it, never names the network
            // (qa24: it was named «Queremos Usar Esto para la Red»).
            if !naming, !isRequest, Self.usesTheAssistant(words, folded: folded), namedAfterVerb(words, folded: folded) == nil {
                if describedPlace == nil, let at = placeAtEnd(words, folded: folded) {
                    describedPlace = place(Array(words[at...]))
                    requestWords += folded[..<(at - 1)]
                } else {
                    requestWords += folded
                }
                sawRequest = true
                usesAssistant = true
                continue
            }
            // «nos pidieron llevar la red RME Linares Centro», «acompaño la red RME Coronel Lota»:
            // what the writer does with a network named after «la red»; a name only if no other
            // clause gives one (as with «soy la profe del microcentro…»).
            if !naming, !isRequest, let k = namedAfterVerb(words, folded: folded) {
                selfIntroName = Array(words[k...])
                continue
            }
            // «región de la Araucanía», «de la IX región»: the region, not part of a name.
            if let r = folded.firstIndex(where: { $0 == "region" || $0 == "reg" }) {
                let after = Array(folded[(r + 1)...]).drop { ["de", "del", "la"].contains($0) }
                let before = folded[..<r].reversed().drop { ["de", "del", "la", "en"].contains($0) }.reversed()
                if let known = ChileanCalendar.region(named: after.joined(separator: " "))
                    ?? before.last.flatMap({ ChileanCalendar.region(named: $0) }) {
                    region = known
                    // The clause is only the region, or the region at its end: the rest stays.
                    var cut = r
                    while cut > 0, ["de", "del", "la", "en"].contains(folded[cut - 1]) { cut -= 1 }
                    if before.last.flatMap({ ChileanCalendar.region(named: $0) }) != nil, after.isEmpty { cut = max(0, cut - 1) }
                    words = Array(words[..<cut]); folded = Array(folded[..<cut])
                    if words.isEmpty { continue }
                }
            }
            // «una RME de Lanco en Los Ríos»: a region after the last «en» is the region, not part of the clause.
            if let e = folded.lastIndex(of: "en"), e >= 2, e + 1 < folded.count, folded.count - e <= 5,
               let known = ChileanCalendar.region(named: folded[(e + 1)...].filter { $0 != "la" }.joined(separator: " "), exact: true) {
                region = known
                words = Array(words[..<e]); folded = Array(folded[..<e])
            }
            // «estamos en dalcahue region de los lagos»: after «estamos en» (its region taken off),
            // one to three words of a place and nothing else say where the network works; a bare
            // clause elsewhere («hola! te cuento, …») is no commune then (qa30: territory «Te Cuento»).
            if placeLead, saidWhere == nil, (1...3).contains(folded.count),
               folded.allSatisfy({ w in w.count > 1 && w.allSatisfy(\.isLetter) && !notPlaces.contains(w) && !members.contains(w)
                   && !kindOnly.contains(w) && !dateWords.contains(w) }) {
                saidWhere = place(words)
                if saidWhere != nil { continue }
            }
            // «somos la Red Lanco Norte, una RME de Lanco»: a clause opening with «una red», «un
            // microcentro» says what the network is, never its name.
            if !naming, folded.count >= 2, ["una", "un"].contains(folded[0]), ["red", "rme", "microcentro"].contains(folded[1]) { predicate = true }
            // «…, comuna de Cunco, araucania»: a clause that is only a region's name is the region.
            // «…, comuna de valparaiso»: a commune named like its region is the commune (and the
            // region, when none is said); it was only the region, the commune lost (pass 9, 11-1).
            let saysCommune = folded.first == "comuna"
            if sawRequest || !clauses.isEmpty, !naming, folded.count <= 3,
               let known = ChileanCalendar.region(named: folded.joined(separator: " ")) {
                if !saysCommune { region = known; continue }
                if region == nil { region = known }
            }
            while let last = folded.last, tailWords.contains(last) { words.removeLast(); folded.removeLast() }
            if folded.count >= 2, tailPairs.contains(folded.suffix(2).joined(separator: " ")) { words.removeLast(2); folded.removeLast(2) }
            guard !words.isEmpty else { continue }
            // «microcentro rural», «red de mejoramiento escolar»: a clause of kind words only says
            // what kind of network it is; it never names it.
            if !naming, folded.allSatisfy(kindOnly.contains) {
                kindWords += folded
                kindClauses.append((words, folded, predicate, naming))
                continue
            }
            // «la red RME Quillota Sur»: «red» before the kind is the plain noun, not the name's;
            // written «Red RME Punilla», with its capital, it is the name's own first word.
            if folded.count >= 3, folded[0] == "red", words[0].first?.isLowercase == true, ["rme", "microcentro"].contains(folded[1]) {
                words.removeFirst(); folded.removeFirst()
            }
            // «…, con 6 establecimientos y la supervisora de Mineduc», «tenemos 8 escuelas rurales y
            // un jardín»: who the network gathers, counted, describes it; never its name (qa38 c08:
            // the network was named «Con 6 establecimientos…»).
            if !naming, folded.count >= 3, ["con", "tenemos", "son"].contains(folded[0]) {
                if countedSchools(Array(folded.dropFirst())) != nil {
                    words.removeFirst(); folded.removeFirst()
                } else if NumberParser.parse(folded[1]) != nil, Self.countedNouns.contains(folded[2]) {
                    requestWords += folded
                    continue
                }
            }
            // «…, 7 establecimientos de Angol, Renaico y Collipulli»: the schools counted say where
            // they are, the communes listed on through the next clause; never the name (qa36 conv
            // 17: the network was named «Renaico y Collipulli»).
            // «somos un microcentro de 4 escuelas en san fabian de alico»: schools counted after
            // the kind noun say where it works too, the clause kept up to them (qa39: the
            // territory was asked again).
            if !naming, describedPlace == nil, folded.count >= 5,
               let j = folded.indices.dropFirst(1).first(where: { folded[$0 - 1] == "de" && countedSchools(Array(folded[$0...])) != nil }),
               folded[..<j].contains(where: { ["red", "rme", "microcentro"].contains($0) }),
               let (_, at) = countedSchools(Array(folded[j...])), j + at < words.count,
               case let end = folded[(j + at)...].firstIndex(where: { ["que", "donde", "pero", "con"].contains($0) }) ?? words.count,
               end > j + at, let spot = place(Array(words[(j + at)..<end])) {
                describedPlace = spot
                requestWords += folded[(j - 1)...]
                words.removeSubrange((j - 1)...); folded.removeSubrange((j - 1)...)
            }
            if !naming, let (counted, at) = countedSchools(folded) {
                requestWords += folded[..<at]
                if at < words.count, describedPlace == nil, let spot = place(Array(words[at...])) { describedPlace = spot; listingPlaces = true }
                _ = counted
                continue
            }
            if listingPlaces, !naming, !isRequest, (1...5).contains(folded.count), folded.contains(where: { $0 == "y" || $0 == "e" }),
               zip(words, folded).allSatisfy({ w, f in ["y", "e"].contains(f) || (w.first?.isUppercase == true && !notPlaces.contains(f)) }),
               let spot = place(words), let before = describedPlace {
                describedPlace = before + ", " + spot
                listingPlaces = false
                continue
            }
            listingPlaces = false
            // «el microcentro Los Copihues con 4 escuelas»: the schools counted after a name are no part of it.
            if folded.count >= 4, let c = folded.lastIndex(of: "con"), c >= 2, countedSchools(Array(folded[(c + 1)...])) != nil {
                words.removeSubrange(c...); folded.removeSubrange(c...)
            }
            if isRequest { requests.insert(clauses.count) }
            // «somos la RME Padre Las Casas Sur», «es la Red Territorial de Convivencia Escolar
            // Llanquihue»: the kind noun and a name written as one after «somos la», «es la» name
            // the network when no clause says «se llama» (qa38: a self-introduction or a count of
            // schools in another clause was taken instead). «somos la red de directores de Arica»
            // (no capital after the noun) still only describes it.
            if definiteLead, !naming, folded.count >= 2, ["red", "rme", "microcentro"].contains(folded[0]) {
                let k = ["rme", "microcentro"].contains(folded[1]) && folded.count >= 3 ? 2 : 1
                if words[k].first?.isUppercase == true, !nameBreakers.contains(folded[k]) { definite.insert(folded.joined(separator: " ")) }
            }
            clauses.append((words, folded, predicate, naming))
        }
        // Said alone («Red Territorial» to «¿Cómo se llama?»), it is what was given as the name.
        if clauses.isEmpty, !sawRequest, selfIntroName == nil { clauses = kindClauses } else { requestWords += kindWords }
        // «…, de Paillaco», «…, en la comuna de Lanco»: a clause that only says where.
        var territory: String?
        // (A network named in the writer's own clause counts as one more: «…, comuna de Quillota».)
        if clauses.count > 1 || (selfIntroName != nil && !clauses.isEmpty) || (usesAssistant && clauses.count == 1) {
            clauses.removeAll { c in
                // «de la comuna de San Fabián de Alico»: a clause that says «comuna» near its start
                // only says where, however long the commune's name.
                // «comunas san javier y villa alegre»: several communes are its territory too.
                let saysCommune = c.folded.prefix(3).contains { $0 == "comuna" || $0 == "comunas" } && c.folded.count <= 9
                guard let first = c.folded.first, ["de", "en", "desde", "comuna", "comunas"].contains(first), c.folded.count <= 5 || saysCommune else { return false }
                // «(la red) de directores de Arica»: who the members are, then where; the clause
                // stays a description and the place after them is read from it (`describing`).
                if c.folded.count > 1, members.contains(c.folded[1]) { return false }
                var words = Array(c.words.dropFirst()), folded = Array(c.folded.dropFirst())
                while let f = folded.first, ["la", "el", "las", "comuna", "comunas", "de", "sector"].contains(f), folded.count > 1 { words.removeFirst(); folded.removeFirst() }
                territory = place(words)
                return true
            }
        }
        if territory == nil { territory = saidWhere ?? describedPlace }
        if clauses.isEmpty, let named = selfIntroName { clauses.append((named, named.map(TextFold.fold), false, true)) }
        guard !clauses.isEmpty else {
            // Only a request and where the network is: what it said, and the name still to ask.
            guard territory != nil || region != nil || sawRequest || sostenedor != nil else { return nil }
            return NetworkIntro(name: "", description: requestWords.joined(separator: " "), territory: territory, region: region, sostenedor: sostenedor)
        }
        if !clauses.contains(where: { $0.naming || !$0.predicate }), let named = selfIntroName {
            clauses.append((named, named.map(TextFold.fold), false, true))
        }
        // «Microcentro Isla Grande, microcentro rural de Castro»: a clause of the kind noun, its
        // describing words and «de/en <place>» says what the network is and where, when another
        // clause says something else; it never names it (it was named «Microcentro rural de Castro»).
        if clauses.count > 1 {
            // Each such clause with where its place starts.
            let descriptions: [(clause: Int, place: Int)] = clauses.indices.compactMap { i in
                let f = clauses[i].folded
                // «Red Pampa del Tamarugal, rme de pica y pozo almonte»: the kind word right before
                // «de/en» and the communes (qa25: the network was named «RME de Pica y Pozo Almonte»).
                if !clauses[i].predicate, (3...8).contains(f.count), ["microcentro", "rme"].contains(f[0]), ["de", "en"].contains(f[1]),
                   !f[2...].contains(where: { members.contains($0) || kindOnly.contains($0) && !["de", "y"].contains($0) }),
                   f[2...].filter({ $0 != "y" && $0 != "de" && $0 != "del" }).count <= 4 {
                    return (i, 2)
                }
                guard !clauses[i].predicate, f.count >= 4, ["microcentro", "red", "rme"].contains(f[0]),
                      let at = f.lastIndex(where: { $0 == "de" || $0 == "en" }), at >= 2, (1...3).contains(f.count - at - 1),
                      f[1..<at].allSatisfy(kindOnly.contains), f[1..<at].contains(where: describingWords.contains) else { return nil }
                return (i, at + 1)
            }
            // «la primera es el Microcentro Icalma, microcentro rural en lonquimay»: a clause said as
            // the name is the name; the description still says where (Lonquimay was asked again).
            if clauses.contains(where: \.naming) {
                for d in descriptions where territory == nil && !clauses[d.clause].naming {
                    clauses[d.clause].predicate = true
                    territory = place(Array(clauses[d.clause].words[d.place...]))
                }
            } else if !descriptions.isEmpty,
               clauses.indices.contains(where: { i in !descriptions.contains { $0.clause == i } && !clauses[i].predicate && !requests.contains(i) }) {
                for d in descriptions {
                    clauses[d.clause].predicate = true
                    if territory == nil { territory = place(Array(clauses[d.clause].words[d.place...])) }
                }
            }
        }
        // The clause that names it: one said with «se llama», else one that is not a description, else the last.
        // A request («me pidieron armar la red de mejoramiento de la comuna») never names it.
        // «somos 4 escuelitas de la zona de Curepto»: who the network gathers, counted, never its
        // name (it was named «4 escuelitas de la zona de Curepto»: pass 8, 01-1).
        // «somos rme con 6 escuelas de teno y romeral»: the schools counted after the kind say the
        // same (it was named «RME con 6 Escuelas de Teno y Romeral»).
        let schoolNouns: Set<String> = ["escuelas", "escuelitas", "colegios", "liceos", "establecimientos"]
        let counted = Set(clauses.indices.filter { i in
            let f = clauses[i].folded
            return clauses[i].predicate && !clauses[i].naming
                && (f.prefix(2).contains { members.contains($0) || ["escuelas", "colegios", "liceos", "establecimientos"].contains($0) }
                    || (f.count >= 3 && ["rme", "red", "microcentro"].contains(f[0]) && ["con", "de"].contains(f[1])
                        && f.dropFirst(2).prefix(2).contains(where: schoolNouns.contains)))
        })
        let named = clauses.indices.filter { !requests.contains($0) && !counted.contains($0) }
        // Among clauses that all describe («somos el microcentro Los Copihues de Purranque, somos
        // 4 escuelitas rurales»), the one that opens with what the network is names it.
        let opensWithKind = named.last { ["microcentro", "red", "rme"].contains(clauses[$0].folded.first ?? "") }
        guard let pick = clauses.lastIndex(where: \.naming) ?? clauses.lastIndex(where: { definite.contains($0.folded.joined(separator: " ")) })
            ?? clauses.lastIndex(where: { !$0.predicate }) ?? opensWithKind ?? named.last else {
            return NetworkIntro(name: "", description: clauses.map { $0.folded.joined(separator: " ") }.joined(separator: " , ") + " , " + requestWords.joined(separator: " "),
                                territory: territory ?? clauses.lazy.compactMap { commune(explicitIn: $0.words, folded: $0.folded) ?? commune(afterMembers: $0.words, folded: $0.folded)
                                    ?? commune(in: $0.words, folded: $0.folded) }.first, region: region,
                                sostenedor: sostenedor)
        }
        for (i, c) in clauses.enumerated() where i != pick || clauses.count == 1 && c.predicate {
            if let t = commune(in: c.words, folded: c.folded) { territory = t }
        }
        if territory == nil, let t = commune(explicitIn: clauses[pick].words, folded: clauses[pick].folded) { territory = t }
        // «crear red Microcentro Valle de Elqui, microcentro, vicuña, coquimbo»: a bare place in
        // the list, one to three words of letters that are neither the name nor a request, is its
        // commune (it was asked again: pass 8, 08-1, 10-1, 12-1).
        if territory == nil, let bare = clauses.indices.first(where: { i in
            let c = clauses[i]
            return i != pick && !requests.contains(i) && !c.naming && !c.predicate && (1...3).contains(c.folded.count)
                && c.folded.allSatisfy { w in w.allSatisfy(\.isLetter) && !notPlaces.contains(w) }
        }) {
            territory = place(clauses[bare].words)
        }
        // «microcentro los copihues de la comuna de panguipulli»: the commune is not the name.
        var namedWords = clauses[pick].words
        if let c = clauses[pick].folded.firstIndex(of: "comuna"), c >= 2 {
            var from = c
            while from > 1, ["de", "del", "en", "la"].contains(clauses[pick].folded[from - 1]) { from -= 1 }
            if from < c { namedWords = Array(namedWords[..<from]) }
        }
        // «el microcentro Las Quilas en Curacautin»: «en» and a place written as one after the
        // name is where the network works, not part of its name (issue 12: the name kept it).
        if let (name, place) = placeAfterName(namedWords) {
            if territory == nil { territory = place }
            if TextFold.fold(territory ?? "") == TextFold.fold(place) { namedWords = name }
        }
        // The whole message but the name: «quiero crear un microcentro: Los Copihues» says the kind in the request.
        let others = clauses.indices.filter { $0 != pick }.map { clauses[$0].folded.joined(separator: " ") }
        return NetworkIntro(name: namedWords.joined(separator: " "),
                            description: (others + [requestWords.joined(separator: " ")]).joined(separator: " , "),
                            territory: territory, region: region, saidAsName: clauses[pick].naming,
                            nameFolded: clauses[pick].folded.joined(separator: " "), sostenedor: sostenedor)
    }

    /// «(soy la profe / coordinadora) del microcentro Los Boldos de Lonquimay»: the network named in
    /// the writer's own clause, from its kind noun on, and the commune after its last «de»/«en»
    /// when that is one word, or two capitalised ones, ending the clause after a name of two or
    /// more words («Microcentro Valle de Elqui», one word before «de», keeps it as its own), or
    /// right after the kind noun («la red de Lonquimay», the name keeping it).
    static func writersNetwork(_ words: [String], folded: [String]) -> (name: [String], place: String?)? {
        guard var k = folded.firstIndex(where: { ["microcentro", "red", "rme"].contains($0) }), k > 0, k + 1 < folded.count else { return nil }
        // «de la red RME Malleco Norte»: «red» before the kind is the plain noun, not the name's.
        if folded[k] == "red", k + 2 < folded.count, ["rme", "microcentro"].contains(folded[k + 1]), words[k].first?.isLowercase == true { k += 1 }
        guard let d = folded.lastIndex(where: { $0 == "de" || $0 == "en" }), d >= k + 3 || d == k + 1, case let after = Array(words[(d + 1)...]),
              after.count == 1 || (after.count == 2 && after.allSatisfy({ $0.first?.isUppercase == true })),
              folded[(k + 1)..<d].allSatisfy({ !["de", "del", "en"].contains($0) }),
              folded[(d + 1)...].allSatisfy({ w in w.count > 2 && w.allSatisfy(\.isLetter) && !notPlaces.contains(w) && !members.contains(w)
                  && !kindOnly.contains(w) && !dateWords.contains(w) && !placeFillers.contains(w) && !commonNamePlaces.contains(w) }),
              let spot = place(after) else { return (Array(words[k...]), nil) }
        // «la red de Lonquimay»: nothing but the place after the kind; the name keeps it (as «coordino la red de ercilla»).
        return (Array(words[k..<(d == k + 1 ? words.count : d)]), spot)
    }

    /// «7 establecimientos de Angol», «4 escuelas», «cinco escuelitas rurales en Lonquimay»: a
    /// count, a school noun and maybe where (`at`: where the place starts, or the clause's end).
    static func countedSchools(_ folded: [String]) -> (count: Int, at: Int)? {
        guard folded.count >= 2, let n = NumberParser.parse(folded[0]),
              ["escuelas", "escuelitas", "colegios", "liceos", "establecimientos", "jardines"].contains(folded[1]) else { return nil }
        var i = 2
        while i < folded.count, ["rurales", "municipales", "publicas", "particulares", "subvencionadas", "unidocentes", "bidocentes",
                                                "tridocentes", "multigrado", "basicas", "pequenas", "chicas", "chiquititas"].contains(folded[i]) { i += 1 }
        if i == folded.count { return (n, i) }
        guard ["de", "en"].contains(folded[i]) else { return nil }
        i += 1
        while i < folded.count, ["la", "el", "comuna", "comunas", "las", "los", "de", "del", "zona", "sector"].contains(folded[i]), i + 1 < folded.count { i += 1 }
        return i < folded.count && folded.count - i <= 4 ? (n, i) : nil
    }

    /// «Microcentro Las Quilas en Curacautin», «Red Los Aromos en Puerto Montt»: the name before
    /// its last «en» and the place after it, when the place is one to three words each written
    /// with a capital («de»/«del» between them aside), and the name before keeps a capitalised word of its
    /// own after its kind noun. Not «Red Creciendo en Comunidad», «Unidos en la Diversidad»: a
    /// verb form before «en», an article or a common noun after it, are the name's own words.
    static func placeAfterName(_ words: [String]) -> (name: [String], place: String)? {
        let folded = words.map { TextFold.fold($0) }
        guard let e = folded.lastIndex(of: "en"), e >= 2, words.count - e - 1 <= 5 else { return nil }
        let after = words[(e + 1)...], afterFolded = folded[(e + 1)...]
        // «San Fabián de Alico»: up to three words of the name, «de»/«del» between them aside.
        guard (1...3).contains(afterFolded.filter({ $0 != "de" && $0 != "del" }).count), afterFolded.last.map({ $0 != "de" && $0 != "del" }) == true else { return nil }
        guard after.first?.first?.isUppercase == true,
              zip(after, afterFolded).allSatisfy({ w, f in (w.first?.isUppercase == true || ["de", "del"].contains(f)) && w.allSatisfy(\.isLetter) }),
              !afterFolded.contains(where: { notPlaces.contains($0) || commonNamePlaces.contains($0) || dateWords.contains($0) }),
              !["la", "el", "los", "las"].contains(afterFolded.first ?? "") else { return nil }
        let before = folded[..<e]
        guard let last = before.last, !["ando", "endo", "iendo", "ados", "adas", "idos", "idas", "ado", "ada", "ido", "ida"].contains(where: { last.hasSuffix($0) }),
              words[..<e].dropFirst().contains(where: { $0.first?.isUppercase == true }),
              before.contains(where: { !kindOnly.contains($0) && !nameBreakers.contains($0) }),
              let spot = place(Array(after)) else { return nil }
        return (Array(words[..<e]), spot)
    }

    /// Nouns a name may say after «en» that are no place («… en Red», «… en Comunidad»).
    static let commonNamePlaces: Set<String> = ["red", "redes", "comunidad", "movimiento", "accion", "marcha", "camino", "equipo", "familia",
                                                "colaboracion", "convivencia", "diversidad", "armonia", "crecimiento", "aprendizaje", "lectura"]

    /// Words of a short clause that say anything but a place («…, porfa», «…, gracias»).
    static let notPlaces: Set<String> = ["gracias", "porfa", "favor", "por", "ya", "ok", "hola", "listo", "eso", "nomas", "rural", "rurales",
                                         "urbana", "urbano", "escuelas", "escuelitas", "somos", "son", "profes", "directores", "y", "no", "si",
                                         // «la red se llama RME San Bernardo Poniente»: «la red» is the
                                         // network, not its commune (pass 9, 06-1: comuna «La Red»).
                                         "red", "rme", "microcentro"]

    /// Where a clause says what the network is not: «no …» opening it, «y no …», «pero no …»,
    /// «en vez de …», «en lugar de …» inside it (with words after). Nil when it says nothing of the kind.
    static func refusal(in folded: [String]) -> Int? {
        guard folded.contains(where: { $0 == "no" || $0 == "vez" || $0 == "lugar" }) else { return nil }
        if folded.count >= 2, folded[0] == "no", folded[1] != "mas" { return 0 }
        for i in folded.indices.dropFirst() where i + 1 < folded.count {
            if folded[i] == "no", ["y", "pero", "o"].contains(folded[i - 1]), folded[i + 1] != "mas" { return i - 1 }
            if ["vez", "lugar"].contains(folded[i]), folded[i - 1] == "en", folded[i + 1] == "de", i + 2 < folded.count { return i - 1 }
        }
        return nil
    }

    /// `text` without its questions that name no network («¿Me ayudas a crearla?»).
    static func withoutQuestions(_ text: String) -> String {
        var out = "", sentence = ""
        for ch in text {
            sentence.append(ch)
            guard ".!?\n".contains(ch) else { continue }
            let folded = sentence.split(whereSeparator: { " ,;:¿?¡!.".contains($0) }).map { TextFold.fold(String($0)) }
            if ch != "?" || folded.contains(where: { ["red", "microcentro", "rme"].contains($0) }) { out += sentence }
            sentence = ""
        }
        out += sentence
        return out.trimmingCharacters(in: .whitespaces)
    }

    /// The message's clauses: split at punctuation, and at an «y» that opens a request
    /// («soy coordinadora del SLEP Andalién Sur y quiero registrar la red»).
    private static func pieces(_ text: String) -> [[String]] {
        // «en las comunas de Cobquecura, Trehuaco y Coelemu»: the names listed after «comunas»
        // are one clause with it (a region or anything longer starts a clause of its own).
        var joined: [[String]] = []
        for piece in split(text) {
            if let last = joined.last, last.contains(where: { TextFold.fold($0) == "comunas" }), piece.count <= 4,
               !piece.contains(where: { ["region", "reg"].contains(TextFold.fold($0)) }),
               ChileanCalendar.region(named: piece.map(TextFold.fold).joined(separator: " ")) == nil,
               requestLength(piece.map(TextFold.fold)) == nil {
                joined[joined.count - 1][last.count - 1] += ","
                joined[joined.count - 1] += piece
            } else {
                joined.append(piece)
            }
        }
        return joined
    }

    private static func split(_ text: String) -> [[String]] {
        text.split(whereSeparator: { ",;.:!¡?¿\n".contains($0) }).flatMap { piece -> [[String]] in
            let words = piece.split(separator: " ").map(String.init)
            var out: [[String]] = []
            var start = 0
            for i in words.indices.dropFirst() where i > start {
                if ["y", "e"].contains(words[i].lowercased()) {
                    let rest = words[(i + 1)...].map(TextFold.fold)
                    // «se llama Red Territorial Mejillones y es territorial»: the kind said after the
                    // name is a clause of its own (qa28: it was glued to the name).
                    let saysKind = rest.count > 1 && ["es", "son"].contains(rest[0]) && rest.dropFirst().allSatisfy(kindOnly.contains)
                    if requestLength(Array(rest)) != nil || namingLeads.contains(where: { rest.starts(with: $0) && rest.count > $0.count })
                        || rest.first.map(writerVerbs.contains) == true || saysKind
                        // «es la Red X y yo soy coordinadora de…»: who writes, a clause of its own.
                        || rest.count > 1 && (rest[0] == "soy" || rest[0] == "yo" && rest[1] == "soy") {
                        out.append(Array(words[start..<i]))
                        start = i + 1
                    }
                } else if i > start + 1, ["somos", "estamos", "trabajamos"].contains(TextFold.fold(words[i])),
                          words[start..<i].contains(where: { TextFold.fold($0) == "soy" }) {
                    // «soy la profe Ximena de la escuela rural de Puelo somos un microcentro en
                    // cochamo»: who writes, then (no comma) what the network is, a clause of its own.
                    out.append(Array(words[start..<i]))
                    start = i
                } else if i > start + 1, ["se", "le", "la", "nos"].contains(TextFold.fold(words[i])), words[i - 1].lowercased() != "y" {
                    // «la red de directores de Arica se llama Red Arica Norte»: the name said in the
                    // same clause that describes it starts a clause of its own.
                    let rest = words[i...].map(TextFold.fold)
                    if midNamingLeads.contains(where: { rest.starts(with: $0) && rest.count > $0.count }) {
                        out.append(Array(words[start..<i]))
                        start = i
                    }
                }
            }
            out.append(Array(words[start...]))
            return out.filter { !$0.isEmpty }
        }
    }

    /// How many words a request for a network takes at the start of a clause: «quiero crear una
    /// red», «kiero crear una red», «crear red», «me pidieron armar la red», «quiero dejar
    /// registrada la red». Nil when the clause does not open with one.
    static func requestLength(_ folded: [String]) -> Int? {
        var i = 0
        while i < folded.count, i < 4, wanting.contains(folded[i]) { i += 1 }
        guard i < folded.count, creating.contains(folded[i]) else { return nil }
        let verb = folded[i]
        i += 1
        if verb == "dejar", i < folded.count, ["registrada", "inscrita", "creada", "ingresada", "armada"].contains(folded[i]) { i += 1 }
        while i < folded.count, ["una", "la", "nuestra", "mi", "un", "el", "nueva", "nuevo", "esta", "nuestro"].contains(folded[i]) { i += 1 }
        guard i < folded.count, ["red", "microcentro", "rme"].contains(folded[i]) else { return nil }
        i += 1
        if i < folded.count, ["nueva", "nuevo"].contains(folded[i]) { i += 1 }
        return i
    }

    /// «lo quiero registrar», «la queremos crear», «quiero registrarlo», «ayúdame a crearla»: a
    /// request whose network is a pronoun, with nothing more than polite words after it.
    static func pronounRequest(_ folded: [String]) -> Bool {
        var i = 0
        while i < folded.count, ["y", "ya", "ahora", "entonces", "porfa", "asi", "que"].contains(folded[i]) { i += 1 }
        var pronoun = false
        if i < folded.count, ["lo", "la"].contains(folded[i]) { pronoun = true; i += 1 }
        let start = i
        while i < folded.count, i - start < 4, wanting.contains(folded[i]) { i += 1 }
        guard i < folded.count else { return false }
        let verb = folded[i]
        if creating.contains(verb) {
            guard pronoun else { return false }
        } else {
            guard !pronoun, ["lo", "la"].contains(where: { verb.hasSuffix($0) }),
                  creating.contains(String(verb.dropLast(2))) || creating.contains(String(verb.dropLast(2)) + "r") else { return false }
        }
        return folded[(i + 1)...].allSatisfy(requestTail.contains)
    }

    /// «queremos usar esto para la red», «nos gustaría ocupar minga en el microcentro»: a wish
    /// (up to four words of wanting) to use or try the assistant, the clause written without a
    /// capital after its first word.
    static func usesTheAssistant(_ words: [String], folded: [String]) -> Bool {
        var i = 0
        // «el supervisor me pidió que ocupara esto»: who told the writer, before «me/nos».
        if let m = folded.prefix(4).firstIndex(where: { $0 == "me" || $0 == "nos" }), m > 0, m + 1 < folded.count, toldVerbs.contains(folded[m + 1]) { i = m }
        let start = i
        // «me dijeron q usara esto pal microcentro», «nos recomendaron ocupar minga»: someone told
        // the writer to use it (issue 12: the network was named «Me Dijeron Q Usara Esto…»).
        while i < folded.count, i < start + 5, wanting.contains(folded[i]) || ["gustaria", "gusta", "q"].contains(folded[i]) || toldVerbs.contains(folded[i]) { i += 1 }
        guard i > start, i < folded.count, usingVerbs.contains(folded[i]) else { return false }
        // A capital only in the place at its end: «… para el microcentro de Cochamo».
        let capitals = words.indices.dropFirst().filter { words[$0].first?.isUppercase == true }
        return capitals.isEmpty || placeAtEnd(words, folded: folded).map { at in capitals.allSatisfy { $0 >= at } } == true
    }

    /// «… para el microcentro de Cochamo», «… en la red de Los Lagos»: where the last «de»/«en»
    /// after a network noun starts one to three capitalised words that end the clause.
    static func placeAtEnd(_ words: [String], folded: [String]) -> Int? {
        guard let d = folded.lastIndex(where: { $0 == "de" || $0 == "en" }), d > 0, (1...3).contains(folded.count - d - 1),
              folded[..<d].contains(where: { ["red", "microcentro", "rme"].contains($0) }),
              words[(d + 1)...].allSatisfy({ $0.first?.isUppercase == true }) else { return nil }
        return d + 1
    }

    private static let usingVerbs: Set<String> = ["usar", "ocupar", "utilizar", "probar", "empezar", "comenzar", "partir", "usarlo", "ocuparlo",
                                                  "usarla", "ocuparla", "probarlo", "probarla", "utilizarlo", "conocer",
                                                  // «me dijeron que usara», «nos pidieron que ocupáramos»
                                                  "usara", "usaramos", "usaran", "ocupara", "ocuparamos", "ocuparan", "utilizara",
                                                  "utilizaramos", "probara", "probaramos",
                                                  // «me dijeron q use esto pa la red» (qa39: it was the network's name)
                                                  "use", "usen", "usemos", "ocupe", "ocupen", "ocupemos", "utilice", "utilicen",
                                                  "pruebe", "prueben", "probemos"]
    /// Verbs of someone telling or advising the writer («me dijeron», «nos recomendó»).
    private static let toldVerbs: Set<String> = ["dijeron", "dijo", "recomendaron", "recomendo", "sugirieron", "sugirio", "mandaron",
                                                 "mando", "pidio", "contaron", "conto"]

    /// The words after a request for a network, when written as its name: opening with a capital
    /// (not a linking word), or with the kind followed by more words («microcentro sol naciente»).
    private static func writtenAsName(_ words: [String], folded: [String]) -> Bool {
        // «Los Aromos de Purranque», «El Manzano»: an article written with a capital before
        // another capitalised word opens a name, not a description.
        let capitalisedArticle = folded.count >= 2 && ["los", "las", "la", "el"].contains(folded[0])
            && words[0].first?.isUppercase == true && words[1].first?.isUppercase == true
        guard let first = folded.first, capitalisedArticle || !nameBreakers.contains(first),
              !folded.allSatisfy({ describing.contains($0) || ["nueva", "nuevo"].contains($0) }) else { return false }
        if ["microcentro", "red", "rme"].contains(first) { return folded.count >= 2 }
        return words[0].first?.isUppercase == true
    }

    /// Where the network's name starts in «<verb…> la red <Name>»: the first word is no kind nor
    /// article, an article comes before the kind, and a name written as one follows it.
    private static func namedAfterVerb(_ words: [String], folded: [String]) -> Int? {
        guard folded.count >= 4, let first = folded.first, !kindOnly.contains(first), !nameBreakers.contains(first),
              words[0].first?.isUppercase != true,
              let j = folded.indices.dropFirst().first(where: { ["red", "microcentro", "rme"].contains(folded[$0]) }),
              ["la", "el", "al", "del"].contains(folded[j - 1]), j + 1 < folded.count,
              words[j + 1].first?.isUppercase == true || ["rme", "microcentro"].contains(folded[j + 1]) else { return nil }
        // «la red RME Quillota Sur»: «red» before the kind is the plain noun.
        return folded[j] == "red" && ["rme", "microcentro"].contains(folded[j + 1]) ? j + 1 : j
    }

    /// The writer's own work, said in the first person at the head of a clause.
    private static let writerVerbs: Set<String> = ["trabajo", "acompano", "coordino", "apoyo", "asesoro", "dirijo", "lidero", "superviso",
                                                   "facilito", "represento", "acompanamos", "coordinamos", "asesoramos"]

    /// «Rodrigo Sáez», «maria jose pinto»: two or three words of letters opening with a first name.
    private static func isPersonName(_ folded: [String]) -> Bool {
        (2...3).contains(folded.count) && FirstNames.canonical(folded[0]) != nil
            && folded.allSatisfy { $0.count > 1 && $0.allSatisfy(\.isLetter) && !kindOnly.contains($0) && !nameBreakers.contains($0) }
    }

    /// A clause that opens with the writer introducing themself: «soy…», «yo soy…», «te escribe…»,
    /// «directora de…».
    private static func opensWithWriter(_ piece: [String]) -> Bool {
        var f = piece.prefix(3).map { TextFold.fold($0) }
        if f.first == "yo" { f.removeFirst() }
        guard let first = f.first else { return false }
        return first == "soy" || writerRoles.contains(first) || writingLeads.contains { f.starts(with: $0) }
    }

    /// What a count in a describing clause counts: schools, or the people the network gathers.
    private static let countedNouns: Set<String> = Set<String>(["escuelas", "escuelitas", "colegios", "liceos", "establecimientos", "jardines"])
        .union(members)

    /// One person's role at the head of a clause: who is writing («encargada de la escuela…»).
    private static let schoolWords: Set<String> = ["escuela", "escuelita", "liceo", "colegio", "jardin", "internado"]

    private static let writerRoles: Set<String> = ["encargada", "encargado", "profesora", "profesor", "profe", "directora", "director",
                                                   "jefa", "jefe", "coordinadora", "coordinador", "supervisora", "supervisor", "docente",
                                                   "orientadora", "orientador", "educadora", "educador", "sostenedor", "sostenedora",
                                                   "facilitadora", "facilitador", "asesora", "asesor"]

    /// Words that open a description of the network, never its name.
    private static let nameBreakers: Set<String> = ["de", "del", "en", "para", "con", "que", "a", "al", "por", "la", "el", "los", "las", "y", "e"]

    /// «(escuelas rurales | red | microcentro …) de X» at the end of a describing clause.
    private static func commune(in words: [String], folded: [String]) -> String? {
        if let t = commune(explicitIn: words, folded: folded) { return t }
        // «(una red) territorial de convivencia escolar para copiapo»: the network's words, then
        // «para» and one or two words of a place (no article, no verb, nothing else said).
        if let k = folded.lastIndex(of: "para"), k > 0, folded[..<k].contains(where: { describing.contains($0) || describingWords.contains($0) }),
           (1...2).contains(folded.count - k - 1), case let after = folded[(k + 1)...],
           after.allSatisfy({ w in w.count > 2 && w.allSatisfy(\.isLetter) && !notPlaces.contains(w) && !["la", "el", "los", "las"].contains(w)
               && !["ar", "er", "ir"].contains(String(w.suffix(2))) }) {
            return place(Array(words[(k + 1)...]))
        }
        guard let k = folded.lastIndex(of: "de"), k > 0, describing.contains(folded[k - 1]), k + 1 < folded.count,
              folded.count - (k + 1) <= 3 else { return nil }
        return place(Array(words[(k + 1)...]))
    }

    /// «(quiero crear la red) de directores de Arica»: the place after who the members are.
    private static func commune(afterMembers words: [String], folded: [String]) -> String? {
        guard folded.count >= 4, folded.count <= 7, folded[0] == "de", members.contains(folded[1]),
              let k = folded.lastIndex(of: "de"), k > 1, k + 1 < folded.count, folded.count - (k + 1) <= 3 else { return nil }
        return place(Array(words[(k + 1)...]))
    }

    /// «comuna de X», «en la comuna de X», «las comunas de X e Y» (several names, so longer).
    private static func commune(explicitIn words: [String], folded: [String]) -> String? {
        guard let k = folded.firstIndex(where: { $0 == "comuna" || $0 == "comunas" }), k + 1 < folded.count else { return nil }
        let from = folded[k + 1] == "de" ? k + 2 : k + 1
        guard from < folded.count, folded.count - from <= (folded[k] == "comunas" ? 7 : 3) else { return nil }
        return place(Array(words[from...]))
    }

    private static func place(_ words: [String]) -> String? {
        let text = words.joined(separator: " ")
        // «la red de utp de la comuna»: «la comuna» says there is one, not which (qa25: the
        // commune «La Comuna» was stored).
        if words.allSatisfy({ placeFillers.contains(TextFold.fold($0).filter(\.isLetter)) }) { return nil }
        // «…, desde diciembre», «el jueves»: a date is no place (qa25: a meeting request typed at
        // the commune question stored the commune «Diciembre»).
        if words.contains(where: { dateWords.contains(TextFold.fold($0).filter(\.isLetter)) }) { return nil }
        return text.isEmpty ? nil : SpanishFormat.properName(text)
    }

    private static let dateWords: Set<String> = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                                                 "setiembre", "octubre", "noviembre", "diciembre", "lunes", "martes", "miercoles", "jueves",
                                                 "viernes", "sabado", "domingo", "hoy", "manana", "semana", "mes", "ano", "hora", "horas"]

    /// Words that only point at a place without naming it («la comuna», «nuestra zona»).
    private static let placeFillers: Set<String> = ["la", "el", "los", "las", "mi", "nuestra", "nuestro", "esta", "este", "de", "del",
                                                    "comuna", "comunas", "zona", "sector", "territorio", "provincia", "region", "aca", "alla",
                                                    "aqui", "misma", "mismo"]

    private static let greetings: [[String]] = [
        ["hola", "minga"], ["hola"], ["holi"], ["ola"], ["buenas", "tardes"], ["buenos", "dias"], ["buenas", "noches"], ["buenas"],
        // «hola buen dia»: the singular greeting was taken for the network's name (pass 8).
        ["buen", "dia"], ["buena", "tarde"], ["buenos", "dia"], ["buen", "dias"],
        ["wena"], ["oye"], ["minga"], ["bueno"], ["ya"], ["mira"], ["ah"], ["saludos"], ["hello"], ["hi"], ["holi"],
        ["como", "estas"], ["como", "esta"], ["como", "le", "va"], ["como", "te", "va"], ["que", "tal"], ["todo", "bien"],
        // «hola! te cuento, soy la coordinadora…»: a lead-in that only opens the message names
        // nothing (qa30: it was stored as the commune «Te Cuento»).
        ["te", "cuento"], ["les", "cuento"], ["le", "cuento"], ["te", "comento"], ["les", "comento"], ["le", "comento"],
        ["te", "escribo"], ["les", "escribo"], ["fijate"], ["fijese"], ["a", "ver"], ["oiga"],
        // «ok, es la Red Territorial…»: an assent that only opens the message (qa38 c14).
        ["ok"], ["okey"], ["oka"], ["okay"],
    ]
    /// «les escribe Juan Pérez», «te habla la Marta»: a writer introducing themself, as «soy».
    static let writingLeads: [[String]] = [["les", "escribe"], ["te", "escribe"], ["le", "escribe"], ["les", "habla"], ["te", "habla"], ["le", "habla"]]
    private static let namingLeads: [[String]] = [
        ["la", "red", "se", "llama"], ["nuestra", "red", "se", "llama"], ["el", "microcentro", "se", "llama"], ["se", "llama"],
        ["nos", "llamamos"], ["el", "nombre", "es"], ["su", "nombre", "es"], ["le", "pusimos", "de", "nombre"], ["le", "pusimos"],
        ["se", "llamaria"], ["la", "llamamos"], ["le", "llamamos"], ["la", "bautizamos"],
        // «Partamos por la Red Lautaro Rural»: which network to start with names it.
        ["partamos", "por", "la"], ["partamos", "por", "el"], ["partamos", "con", "la"], ["partamos", "con", "el"],
        ["empecemos", "por", "la"], ["empecemos", "por", "el"], ["empecemos", "con", "la"], ["empecemos", "con", "el"],
        ["comencemos", "por", "la"], ["comencemos", "por", "el"], ["comencemos", "con", "la"], ["comencemos", "con", "el"],
        ["vamos", "con", "la"], ["vamos", "con", "el"], ["parto", "por", "la"], ["parto", "por", "el"],
    ] + whichOneLeads
    /// «tengo dos redes a cargo, la primera es la Red Rural Purranque», «la otra es el
    /// Microcentro Pewenche»: which of the writer's networks, then its name (qa21: «La primera es
    /// la Red Rural Purranque» was the name).
    private static let whichOneLeads: [[String]] = {
        let which: [[String]] = [["la", "primera"], ["la", "segunda"], ["la", "otra"], ["una"], ["otra"], ["el", "primero"], ["el", "otro"],
                                 ["la", "primera", "red"], ["la", "otra", "red"], ["la", "segunda", "red"], ["el", "primer", "microcentro"],
                                 ["el", "otro", "microcentro"]]
        return which.flatMap { w in [w + ["es", "la"], w + ["es", "el"], w + ["es"]] }
    }()
    /// Naming leads that start the name's clause inside a longer one (never «el nombre es», which
    /// may describe something else).
    private static let midNamingLeads: [[String]] = [["se", "llama"], ["le", "pusimos"], ["la", "llamamos"], ["le", "llamamos"], ["nos", "llamamos"]]
    private static let predicateLeads: [[String]] = [
        // «estamos en la red RME Quillota Sur», «somos parte del microcentro…»: where the writer
        // is (before «somos» alone, the first lead that fits is taken).
        ["estamos", "en", "la"], ["estamos", "en", "el"], ["estamos", "en"], ["somos", "parte", "de", "la"], ["somos", "parte", "del"],
        ["formamos", "parte", "de", "la"], ["formamos", "parte", "del"], ["pertenecemos", "a", "la"], ["pertenecemos", "al"],
        ["participamos", "en", "la"], ["participamos", "en", "el"],
        ["nuestra", "red", "es"], ["la", "red", "es"], ["es", "la"], ["es", "el"], ["es", "una"], ["es", "un"], ["somos", "la"],
        ["somos", "el"], ["somos", "una"], ["somos", "un"], ["somos", "del"], ["somos", "de", "la"], ["somos"], ["trabajamos", "en"],
    ] + {
        // «yo coordino el microcentro Los Copihues de Cochamó», «dirijo la red de Ercilla»: the
        // writer's part in the network, before its name (qa32: the name was «Yo Coordino El
        // Microcentro Los Copihues de Cochamo»).
        let verbs = ["coordino", "coordinamos", "lidero", "lideramos", "dirijo", "dirigimos", "facilito", "facilitamos", "animo"]
        return verbs.flatMap { v in [["yo", v, "la"], ["yo", v, "el"], [v, "la"], [v, "el"]] }
    }()
    /// Words that only say a network's kind («microcentro rural», «red de mejoramiento escolar»).
    /// Kind words that describe a network rather than name it («rural», «escolar»).
    private static let describingWords: Set<String> = ["rural", "rurales", "escolar", "territorial", "mejoramiento"]
    private static let kindOnly: Set<String> = ["microcentro", "microcentros", "micro", "centro", "rural", "rurales", "red", "rme", "de",
                                                "mejoramiento", "escolar", "territorial", "un", "una", "es", "somos"]
    /// Who asks, before the verb of a request: «quiero», «kiero», «me pidieron», «vamos a».
    private static let wanting: Set<String> = ["quiero", "kiero", "qiero", "queremos", "keremos", "necesito", "nesesito", "necesitamos",
                                               "quisiera", "queria", "quisieramos", "vamos", "voy", "a", "me", "nos", "pidieron", "hay", "que",
                                               "podemos", "puedo", "ayudame", "ayudanos", "porfa", "tambien",
                                               // «estamos armando la red de…» (qa36 conv 1: the whole clause was the name).
                                               "estamos", "estoy", "recien"]
    /// The verb of a request for a network.
    private static let creating: Set<String> = ["crear", "armar", "formar", "registrar", "hacer", "inscribir", "ingresar", "dejar",
                                                "configurar", "crea", "arma", "registra", "inscribe", "armando", "creando", "formando",
                                                "registrando", "organizando"]
    /// Words after a request that say nothing more about the network.
    private static let requestTail: Set<String> = ["aca", "aqui", "po", "poh", "porfa", "favor", "por", "ahora", "altiro", "minga", "nomas", "en", "el", "sistema"]
    /// Words that make a writer's workplace the network's sostenedor.
    private static let sostenedorWords: Set<String> = ["slep", "daem", "dem", "corporacion", "municipalidad", "municipio"]
    private static let tailWords: Set<String> = ["nomas", "po", "poh", "porfa", "gracias"]
    private static let tailPairs: Set<String> = ["no mas", "nada mas"]
    /// Words after which «de X» is a place, not part of a name.
    private static let describing = Set<String>(["rurales", "rural", "escuelas", "colegios", "liceos", "establecimientos", "red", "microcentro", "rme", "zona", "sector"])
        .union(members)
    /// Who a network gathers («la red de directores de Arica»): never a place, and «de X» after them is one.
    private static let members: Set<String> = ["directores", "directoras", "directivos", "directivas", "profesores", "profesoras", "profes",
                                               "docentes", "educadoras", "educadores", "jefes", "jefas", "utp", "coordinadores",
                                               "coordinadoras", "encargados", "encargadas", "orientadores", "orientadoras", "asistentes",
                                               "escuelitas", "jardines", "unidocentes", "supervisores", "sostenedores", "parvulos"]
}
