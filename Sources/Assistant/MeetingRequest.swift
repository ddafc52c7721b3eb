import DialogEngine
import Understanding

/// A scheduling request read in its parts: «agenda una reunión de directores el jueves 10 a las 9
/// en el DAEM, la conduce Patricia Lagos, tabla: revisar PME y planificar 2027». Teachers say
/// everything in one line; each part fills its own field and the words that said it are taken
/// out, so no part ends up inside the meeting's name or its participants.
struct MeetingRequest {
    /// Who leads it, as a member's full name when it is one («la Rosa» → «Rosa Huenchual»).
    var leader: String?
    /// The tabla's points, in order.
    var agenda: [String] = []
    /// The exact words each part used, to take them out of what is left.
    var said: [String] = []

    init(_ request: String, members: [String], user: String?) {
        var rest = request
        if let (items, part) = Self.agenda(in: rest) {
            agenda = items
            said.append(part)
            rest = rest.replacingOccurrences(of: part, with: " ")
        }
        if let (name, part) = Self.leader(in: rest, members: members, user: user) {
            leader = name
            said.append(part)
            leadsFirstOnly = Self.firstOnly(rest, said: part)
        }
    }

    /// «la primera la dirige Hilda»: the leader said is for the first date only.
    var leadsFirstOnly = false

    /// Whether the clause that says who leads opens with «la primera» (fecha, reunión, sesión…).
    static func firstOnly(_ text: String, said: String) -> Bool {
        guard let clause = text.split(whereSeparator: { ",;".contains($0) }).first(where: { $0.contains(said) }),
              let r = clause.range(of: said) else { return false }
        let before = Phrase(String(clause[..<r.lowerBound])).tokens
        return before.contains { ["primera", "primer", "primero"].contains($0) } && before.count <= 4
    }

    // MARK: Tabla

    static let agendaWords: Set<String> = ["tabla", "temas", "puntos", "agenda"]

    /// Words that open a clause about the people, not a point of the tabla.
    static let tablaEnds: Set<String> = ["participan", "participa", "participantes", "invitados", "invitadas", "asisten", "van",
                                         "vienen", "conduce", "dirige", "dura"]

    /// «tabla: revisar PME y planificar 2027»: everything after the label is the tabla (it goes
    /// last in a message; its points may have commas of their own).
    static func agenda(in text: String) -> ([String], String)? {
        let words = text.split(separator: " ").map(String.init)
        for (i, w) in words.enumerated() {
            let word = TextFold.fold(w).filter(\.isLetter)
            let labeled = w.hasSuffix(":") || (i + 1 < words.count && words[i + 1] == ":")
            // «Agenda: reunión el jueves» opens the message as a verb; a tabla comes after its meeting.
            guard i > 0, agendaWords.contains(word), labeled else { continue }
            // «tabla: lectura y convivencia, participan todos»: a clause that says who takes part
            // or leads ends the tabla; it is another part of the request.
            var end = words.count
            for j in (i + 1)..<words.count where j > i + 1 && words[j - 1].hasSuffix(",") {
                if tablaEnds.contains(TextFold.fold(words[j]).filter(\.isLetter)) { end = j; break }
            }
            let body = words[(i + 1)..<end].filter { $0 != ":" }.joined(separator: " ")
            let items = points(body)
            guard !items.isEmpty else { return nil }
            // «…, tabla: …»: the comma before the label goes too.
            var start = i
            if i > 0, ["con", "y"].contains(TextFold.fold(words[i - 1])) { start = i - 1 }
            return (items, words[start..<end].joined(separator: " "))
        }
        return nil
    }

    /// «revisar PME y planificar 2027» → two points: a list marker, «;» or «,» splits; «y» only
    /// when an action follows it («lectura y escritura» is one point).
    static func points(_ body: String) -> [String] {
        let clean = body.trimmingCharacters(in: .init(charactersIn: " .,;"))
        var parts = ListSplitter.split(clean) ?? clean.split(separator: ",").map(String.init)
        // «lectura compartida, planificación de diciembre y cierre de año»: in a list with commas
        // the last «y» joins its last item, whatever that item is.
        if ListSplitter.split(clean) == nil, parts.count >= 2, let last = parts.last {
            let w = last.split(separator: " ").map(String.init)
            if let k = w.lastIndex(where: { TextFold.fold($0) == "y" }), k > 0, k < w.count - 1 {
                parts.removeLast()
                parts += [w[..<k].joined(separator: " "), w[(k + 1)...].joined(separator: " ")]
            }
        }
        parts = parts.flatMap { part -> [String] in
            var out: [[String]] = [[]]
            for w in part.split(separator: " ").map(String.init) {
                if TextFold.fold(w) == "y", !out[out.count - 1].isEmpty { out.append([]); continue }
                out[out.count - 1].append(w)
            }
            // Glue back a piece that is not an action: «lectura y escritura».
            var merged: [[String]] = []
            for piece in out where !piece.isEmpty {
                if let last = merged.indices.last, !isAction(piece[0]) { merged[last] += ["y"] + piece } else { merged.append(piece) }
            }
            return merged.map { $0.joined(separator: " ") }
        }
        // «convivencia, y PME»: the «y» after a comma only joins; it is not part of the point.
        return parts.map { part in
            var p = part.trimmingCharacters(in: .init(charactersIn: " .,;"))
            if p.lowercased().hasPrefix("y ") { p = String(p.dropFirst(2)).trimmingCharacters(in: .whitespaces) }
            return p
        }.filter { !$0.isEmpty }
    }

    /// An infinitive («revisar», «leer», «compartir») or a noun phrase that names a point on its
    /// own («presentación de…», «análisis…»): what starts a point of a tabla.
    static func isAction(_ word: String) -> Bool {
        let w = TextFold.fold(word).filter(\.isLetter)
        return w.count >= 4 && (w.hasSuffix("ar") || w.hasSuffix("er") || w.hasSuffix("ir") || w.hasSuffix("cion"))
    }

    // MARK: Who takes part

    /// The words a clause naming the whole network is made of («todo el equipo», «toda la red»).
    static let everyoneWords: Set<String> = ["todos", "todas", "toda", "todo", "la", "red", "el", "equipo", "los", "miembros", "nosotros"]

    /// «…, participan todos», «van todos»: the clause that says the whole network takes part.
    static func everyoneTakesPart(in text: String) -> String? {
        for part in text.split(whereSeparator: { ",;".contains($0) }) {
            let clause = part.trimmingCharacters(in: .whitespaces)
            let t = Phrase(clause).tokens
            guard let first = t.first, t.count <= 5 else { continue }
            // «…en la escuela, todos, la conduce Hilda»: a clause that is only the whole group
            // says who takes part as much as «participan todos» does.
            if t.contains(where: { ["todos", "todas", "todo", "toda"].contains($0) }), t.allSatisfy(everyoneWords.contains) { return clause }
            guard tablaEnds.contains(first) || first == "con",
                  t.dropFirst().contains(where: { ["todos", "todas", "red"].contains($0) }),
                  t.dropFirst().allSatisfy(everyoneWords.contains) else { continue }
            return clause
        }
        return nil
    }

    // MARK: Who leads

    /// The words that say someone leads it, after «la», «las», «lo», «los» or on their own.
    static let leadVerbs: Set<String> = ["conduce", "conducen", "conducira", "dirige", "dirigen", "dirigira", "lidera", "coordina",
                                         "modera", "guia", "conduzca", "dirija", "conduzco", "dirijo"]

    /// «las dirige la Rosa», «la conduce la jefa técnica comunal Patricia Lagos», «a cargo de
    /// Luis», «y la conduzco yo»: the leader and the words that said it (to the end of its clause).
    static func leader(in text: String, members: [String], user: String?) -> (String, String)? {
        for clause in text.split(whereSeparator: { ",;".contains($0) }).map(String.init) {
            let words = clause.split(separator: " ").map(String.init)
            let folded = words.map { TextFold.fold($0).filter { $0.isLetter || $0.isNumber } }
            if let found = leaderBefore(words, folded, members: members, user: user) { return found }
            var start: Int?, nameAt = 0
            for i in folded.indices {
                // «la guía de fracciones la terminé», «la guía que hice»: «guía» the noun (qa27: it
                // was read as «la conduce de fracciones la termine»); a lead verb is never followed by these.
                if leadVerbs.contains(folded[i]), i + 1 < folded.count, ["de", "del", "que", "q"].contains(folded[i + 1]),
                   !(i + 2 < folded.count && folded[i + 2] == "nuevo") { continue }
                if leadVerbs.contains(folded[i]) {
                    start = i > 0 && ["la", "las", "lo", "los", "le", "les"].contains(folded[i - 1]) ? i - 1 : i
                    nameAt = i + 1
                    if nameAt < folded.count, folded[nameAt] == "por" { nameAt += 1 }
                } else if folded[i] == "cargo", i > 0, folded[i - 1] == "a", i + 1 < folded.count, ["de", "del"].contains(folded[i + 1]) {
                    start = i - 1
                    nameAt = i + 2
                } else if ["conducida", "dirigida", "conducidas", "dirigidas"].contains(folded[i]), i + 1 < folded.count, folded[i + 1] == "por" {
                    start = i
                    nameAt = i + 2
                }
                if start != nil { break }
            }
            guard var s = start else { continue }
            if s > 0, folded[s - 1] == "y" { s -= 1 }
            let said = words[s...].joined(separator: " ")
            // «la dirige Hilda y después rotamos»: the name ends where another clause starts.
            var nameWords = Array(words[min(nameAt, words.count)...])
            if let cut = nameWords.indices.dropFirst().first(where: { ["y", "despues", "luego", "pero", "porque"].contains(TextFold.fold(nameWords[$0]))
                && !(nameWords.indices.contains($0 + 1) && nameWords[$0 + 1].first?.isUppercase == true) }) {
                nameWords = Array(nameWords[..<cut])
            }
            if let who = person(nameWords, verb: folded[nameAt > 0 ? nameAt - 1 : 0], members: members, user: user) { return (who, said) }
        }
        return nil
    }

    /// «y la Rosa conduce», «el Pedro modera po»: the verb ends the clause and the person is said
    /// before it, from the clause's start or its last «y»/«que» (qa34: «…y la Rosa conduce» to
    /// who takes part made a participant «Rosa Conduce»). Only a person by name (a member, the
    /// speaker, a proper or first name), never a role: «lo que el equipo modera» names no one.
    static func leaderBefore(_ words: [String], _ folded: [String], members: [String], user: String?) -> (String, String)? {
        guard let verb = folded.lastIndex(where: { !$0.isEmpty && !leadTail.contains($0) }), leadVerbs.contains(folded[verb]), folded[verb] != "coordina",
              folded[verb] != "guia", verb > 0 else { return nil }
        // «la Rosa la dirige», «el Luis la conduce»: the pronoun of the meeting before the verb,
        // after the person (qa34: the leader was dropped).
        let v = verb >= 2 && clitics.contains(folded[verb - 1]) && !folded[verb - 2].isEmpty
            && !clitics.contains(folded[verb - 2]) && !["que", "q", "quien", "quienes", "y", "e", "se", "no"].contains(folded[verb - 2]) ? verb - 1 : verb
        guard !clitics.contains(folded[v - 1]), !["que", "q", "quien", "quienes", "y", "e", "se", "no"].contains(folded[v - 1]) else { return nil }
        // «que la Rosa conduzca» is a wish only when «que» opens the clause: «revisar lo que la
        // Marta modera» is a point of the tabla.
        let from = (folded[..<v].lastIndex(where: { ["y", "e", "que", "q"].contains($0) }) ?? -1) + 1
        if from > 0, ["que", "q"].contains(folded[from - 1]), folded[..<(from - 1)].contains(where: { !["y", "e", "", "no", "ya", "mejor", "pero"].contains($0) }) { return nil }
        // «ella conduce», «Todos conducen»: no one by name.
        guard v - from >= 1, v - from <= 4, !folded[v - 1].isEmpty, !notNames.contains(folded[v - 1]),
              let who = person(Array(words[from..<v]), verb: folded[verb], members: members, user: user, roles: false) else { return nil }
        let s = from > 0 && ["y", "e"].contains(folded[from - 1]) ? from - 1 : from
        return (who, words[s...].joined(separator: " "))
    }

    static let clitics: Set<String> = ["la", "las", "lo", "los", "le", "les"]

    static let notNames: Set<String> = ["el", "ella", "ellos", "ellas", "todos", "todas", "nadie", "alguien", "uno", "una", "otro", "otra",
                                        "cualquiera", "nosotros", "usted", "ustedes", "tu", "quien", "cada", "siempre"]

    /// Words that may follow the verb that ends «la Rosa conduce».
    static let leadTail: Set<String> = ["po", "pos", "nomas", "tambien", "esa", "esta", "vez", "ahi"]

    /// The person named by `words`: a member (by full or first name), the speaker («yo»), or the
    /// proper name at the end («la jefa técnica comunal Patricia Lagos» → «Patricia Lagos»).
    /// With `roles` false, a role as said («la jefa técnica») names no one.
    static func person(_ words: [String], verb: String, members: [String], user: String?, roles: Bool = true) -> String? {
        let folded = words.map { TextFold.fold($0).filter(\.isLetter) }
        if folded.contains("yo") || ["conduzco", "dirijo"].contains(verb) { return user }
        let all = members + (user.map { u in members.contains(u) ? [] : [u] } ?? [])
        for i in folded.indices where folded[i].count >= 3 && i + 1 < folded.count {
            if let hit = PersonMatcher.match(folded[i] + " " + folded[i + 1], among: all) { return hit }
        }
        for w in folded where w.count >= 3 {
            if let hit = PersonMatcher.match(w, among: all) { return hit }
        }
        let proper = words.reversed().prefix { $0.first?.isUppercase == true }.reversed().map { $0.trimmingCharacters(in: .punctuationCharacters) }
        // «Patricia Lagos»; but «UTP» of «el jefe de UTP» names a unit, not the person.
        if !proper.isEmpty, !proper.allSatisfy({ $0.allSatisfy { !$0.isLowercase } }) { return proper.joined(separator: " ") }
        // «la rosa», typed in lowercase: a first name there is one.
        if let name = folded.lazy.compactMap(FirstNames.canonical).first { return name }
        // «el jefe de UTP», «la jefa técnica»: the role, as said.
        guard roles else { return nil }
        let role = words.drop { ["el", "la", "los", "las"].contains(TextFold.fold($0)) }.joined(separator: " ")
        return Phrase(role).stems.isEmpty ? nil : role.trimmingCharacters(in: .punctuationCharacters)
    }

    // MARK: Name

    /// The words that name a kind of gathering, with the form a name starts with.
    static let gatherings: [String: String] = [
        "reunion": "Reunión", "reuniones": "Reunión", "reu": "Reunión", "reus": "Reunión", "encuentro": "Encuentro", "encuentros": "Encuentro",
        "jornada": "Jornada", "jornadas": "Jornada", "taller": "Taller", "talleres": "Taller", "sesion": "Sesión",
        "sesiones": "Sesión", "consejo": "Consejo", "consejos": "Consejo", "asamblea": "Asamblea", "capacitacion": "Capacitación",
    ]

    /// Words that end a name: what follows says when, where or who.
    static let nameEnds: Set<String> = ["el", "la", "los", "las", "pal", "pa", "para", "a", "al", "en", "este", "esta", "proximo", "proxima",
                                        "cada", "todos", "todas", "son", "que", "hoy", "manana", "por", "y", "o", "desde", "hasta", "con",
                                        // «la reunión del microcentro es el jueves…»: the verb that says when ends the name.
                                        "es", "sera", "seria", "fue", "era", "queda", "quedo", "va", "vamos", "cae", "toca", "parte"]

    /// A month stays («Reunión de diciembre» is a name); a weekday, a length or a part of the day does not.
    static let whenWords: Set<String> = ["lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo", "semana", "mes",
                                         "hora", "horas", "manana", "tarde", "noche", "dos", "tres", "cuatro", "una", "media", "siempre"]

    /// «agenda las reuniones del microcentro», «una reunion de directores el jueves…»: a gathering
    /// and what it is of (at least one word), as a calendar names it: «Reunión de directores».
    static func name(in text: String) -> String? {
        // «hola, necesito agendar la reunión del microcentro…»: the clause that names a gathering.
        for clause in text.split(whereSeparator: { ",;:".contains($0) }) {
            if let name = name(inClause: String(clause)) { return name }
        }
        return nil
    }

    /// «capacitación en matemáticas», «taller de lectura en voz alta»: «en» before a subject or a
    /// way of teaching is part of the name (the name stopped there), unlike «en» before a place.
    static func subjectAfter(_ folded: [String], _ k: Int) -> Bool {
        k + 1 < folded.count && folded[k] == "en" && subjects.contains(folded[k + 1])
    }

    static let subjects: Set<String> = ["lenguaje", "lectura", "lecturas", "escritura", "lectoescritura", "matematica", "matematicas", "ciencias",
                                        "historia", "ingles", "arte", "artes", "musica", "convivencia", "evaluacion", "planificacion", "voz",
                                        "educacion", "inclusion", "liderazgo", "didactica", "tecnologia", "ciudadania", "religion", "fisica",
                                        "quimica", "biologia", "geometria", "algebra", "numeros", "orientacion", "diversidad", "interculturalidad",
                                        "curriculum", "gestion", "aprendizaje", "aprendizajes", "primeros", "habilidades", "competencias",
                                        "comprension", "oralidad", "alfabetizacion", "mapudungun", "tejido", "huerto", "robotica", "programacion"]

    /// A gathering named by its noun alone («agendemos taller los miércoles»), when the noun says
    /// more than the meeting's kind: «Taller», «Capacitación», «Asamblea». Reunión, encuentro,
    /// sesión and jornada name only the kind (the name is asked). The name, or nil.
    static func nounName(in text: String, kindLabel: String?) -> String? {
        let folded = Phrase(text).tokens
        let nouns = folded.compactMap { ["taller", "talleres", "capacitacion", "asamblea"].contains($0) ? gatherings[$0] : nil }
        guard let noun = nouns.first, Set(nouns).count == 1 else { return nil }
        if let kindLabel, Phrase(kindLabel).tokens.contains(Phrase(noun).tokens.first ?? "") { return nil }
        return noun
    }

    /// «2027»: four figures that can be a school year.
    /// What kind of gathering it is, said after its noun: «consejo técnico», «consejo escolar».
    static let kindAdjectives: Set<String> = ["tecnico", "escolar", "directivo", "pedagogico", "ampliado", "general", "comunal", "territorial"]

    static func isYear(_ folded: String) -> Bool {
        folded.count == 4 && Int(folded).map { (2000...2099).contains($0) } == true
    }

    static func name(inClause clause: String) -> String? {
        let words = clause.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0).filter { $0.isLetter || $0.isNumber } }
        // «agenda el consejo técnico para el 16»: a gathering named by what kind it is (issue 12:
        // the name was «agenda el consejo tecnico»).
        if let i = folded.firstIndex(where: { gatherings[$0] != nil }), i + 1 < folded.count, kindAdjectives.contains(folded[i + 1]) {
            return gatherings[folded[i]]! + " " + words[i + 1].lowercased().trimmingCharacters(in: .punctuationCharacters)
        }
        guard let i = folded.firstIndex(where: { gatherings[$0] != nil }), i + 2 < folded.count,
              ["de", "del"].contains(folded[i + 1]) || subjectAfter(folded, i + 1) else { return nil }
        var of: [String] = []
        var j = i + 2
        // «de la comunidad», «de los directores»: an article right after «de» belongs to the name.
        if ["la", "las", "los", "el"].contains(folded[j]), j + 1 < folded.count { of.append(words[j]); j += 1 }
        // «reunión del jueves 10», «reunión de 2 horas»: a when or a length is not what it is of.
        // A year is part of the name («reunión de Planificación 2027»), not a when.
        while j < words.count, !nameEnds.contains(folded[j]) || subjectAfter(folded, j), !whenWords.contains(folded[j]), !folded[j].isEmpty,
              folded[j].first?.isNumber != true || isYear(folded[j]) {
            of.append(words[j])
            j += 1
        }
        // «reunión de diciembre de la red»: the name stops at its last full word, never at «de».
        while let last = of.last, EncuentroFlow.isDangling(last) { of.removeLast() }
        guard !of.isEmpty else { return nil }
        // «del microcentro» reads as the meeting's kind: «Reunión de microcentro».
        let link = folded[i + 1] == "del" && of.count == 1 ? "de" : words[i + 1].lowercased()
        return ([gatherings[folded[i]]!, link] + of).joined(separator: " ")
    }
}
