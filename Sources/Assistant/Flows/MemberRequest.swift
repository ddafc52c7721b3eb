import DialogEngine
import Understanding

/// How people ask, in one message, to add someone to the network: the request's lead
/// («incorporar a un miembro:», «porfa agrega a la colega…», «hola soy la Ines…»), a name and
/// what follows it, or a list of people each with their school. Read by the onboarding flows.
enum MemberRequest {
    /// One person as a request names them: «Hugo Sepulveda de El Sauce», «la profe Rosa, encargada de Los Notros».
    struct Entry: Hashable {
        var name: String
        var role: String?
        var school: String?
    }

    /// What describes the person or people: what follows a colon («incorporar miembros: …»), the
    /// add verb and its «a» («porfa agrega a la colega …») or «soy» («hola soy la Ines, …»).
    static func body(_ text: String) -> String? {
        if let colon = text.firstIndex(of: ":") {
            let rest = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            return rest.isEmpty ? nil : rest
        }
        let words = text.split(separator: " ").map(String.init)
        let t = words.map(fold)
        // «mi nombre es Fabiola Reyes, …», «me llamo Rosa Díaz»: the name says who, wherever a
        // «soy» or an add verb comes after it («… y me quiero sumar a la red»).
        if let k = t.indices.first(where: { t[$0...].starts(with: ["mi", "nombre", "es"]) || t[$0...].starts(with: ["me", "llamo"]) }), k < 4 {
            let from = k + (t[k] == "mi" ? 3 : 2)
            if from < words.count { return words[from...].joined(separator: " ") }
        }
        // «soy» only near the start: «hola soy la Ines», not «… que soy la encargada».
        if let k = selfIntroduction(words, folded: t), k + 1 < words.count {
            return words[(k + 1)...].joined(separator: " ")
        }
        guard let k = t.firstIndex(where: addVerbs.contains) else { return nil }
        // «Hilda Soto es profesora de la escuela Río Puelo, incorpórala»: the person was said
        // before the verb, which points back at her.
        if k > 0, enclitic.contains(where: { t[k].hasSuffix($0) }),
           t[(k + 1)...].allSatisfy({ ["porfa", "por", "favor", "a", "la", "al", "red", "microcentro", "altiro", "nomas", "po"].contains($0) }) {
            let before = words[..<k].joined(separator: " ").trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
            return before.isEmpty ? nil : before
        }
        var start = k + 1
        // «suma a la red a Ignacia…», «agrega al microcentro a…»: where they join, then who.
        while start < t.count {
            if ["a", "al", "como", "red", "microcentro", "rme", "tambien", "ademas"].contains(t[start]) {
                start += 1
            } else if ["miembro", "integrante"].contains(t[start]), start + 1 < t.count {
                // «agregar miembro Rosa Painemal»: the request's noun, then who.
                start += 1
            } else if t[start] == "la" || t[start] == "el", start + 1 < t.count, ["red", "microcentro", "rme"].contains(t[start + 1]) {
                start += 2
            } else {
                break
            }
        }
        return start < words.count ? words[start...].joined(separator: " ") : nil
    }

    /// The pronoun an add verb ends in when it points back at someone already said («agrégala»).
    static let enclitic = ["la", "lo", "los", "las"]

    /// Whether the message says «soy …» near its start: the speaker introducing herself.
    static func introducesSelf(_ text: String) -> Bool {
        let words = text.split(separator: " ").prefix(12).map(String.init)
        return selfIntroduction(words, folded: words.map(fold)) != nil
    }

    /// Where «soy» says who the speaker is: among the first four words («hola soy la Ines»), or
    /// opening a clause after a comma when what came before says she was sent to join («hola! me
    /// dijeron q me uniera, soy profe de lenguaje…», qa19 p6: not understood). Not «… que soy la
    /// encargada».
    static func selfIntroduction(_ words: [String], folded t: [String]) -> Int? {
        if let k = t.prefix(4).firstIndex(of: "soy") { return k }
        // «te escribe la jefa UTP del liceo…», «les habla el director…»: the same, said of oneself in the third person.
        if let k = t.prefix(4).indices.first(where: { $0 > 0 && ["escribe", "habla"].contains(t[$0]) && ["te", "les", "le"].contains(t[$0 - 1]) }) {
            return k
        }
        guard let k = t.prefix(12).firstIndex(of: "soy"), k >= 2, words[k - 1].hasSuffix(",") || words[k - 1].hasSuffix("."),
              t[..<k].contains(where: IncorporacionFlow.joinWords.contains) else { return nil }
        return k
    }

    /// The name that opens `clause` and what follows it: leads («la», «colega», «se llama»,
    /// «profe») dropped, the name ending at the first word that is not part of one («es», «de»,
    /// a role). Nil when no name opens the clause.
    static func name(in clause: String) -> (name: String, rest: String)? {
        let words = clause.split(separator: " ").map(String.init)
        let t = words.map(fold)
        var i = 0
        // «a la jefa UTP Valeria Rojas», «la jefa de UTP Rosa Díaz»: a post said before the name.
        while i < t.count, nameLeads.contains(t[i]) || IncorporacionFlow.roleWords[t[i]] != nil || postLeads.contains(t[i])
                || (t[i] == "de" && i > 0 && postLeads.contains(t[i - 1]) && i + 1 < t.count && IncorporacionFlow.roleWords[t[i + 1]] != nil) { i += 1 }
        // «Marta Soto, jefa UTP, Juan Pino»: a piece that is only a post names nobody (reading on
        // past its end crashed Minga).
        guard i < words.count else { return nil }
        var j = i
        // «Ines Barrientos escuela Rilan»: an institution word opens her school, not her surname.
        while j < t.count, j - i < 5, !nameStops.contains(t[j]), IncorporacionFlow.roleWords[t[j]] == nil,
              !EditarEncuentroFlow.institutions.contains(t[j]), words[j].contains(where: \.isLetter), !words[j].contains("@") {
            j += 1
        }
        // «Romina Díaz trabajadora social de la escuela …»: written with capitals, the first word
        // in lower case after a capitalised full name ends it (a post Minga has no word for
        // was kept as a surname).
        if words[i].first?.isUppercase == true, words[i + 1 < j ? i + 1 : i].first?.isUppercase == true,
           let k = (i + 2..<max(i + 2, j)).first(where: { words[$0].first?.isLowercase == true }) {
            j = k
        }
        guard j > i else { return nil }
        let name = words[i..<j].joined(separator: " ")
        // «Ester Paillalef»: a first name Minga doesn't know (or one shaped like a verb) written
        // as a full name, each word capitalised, is still a person.
        guard PeopleParser.looksLikeName(name) || capitalisedFullName(words[i..<j]), !PeopleParser.isRoleOnly(name),
              PeopleParser.group(name) == nil else { return nil }
        return (SpanishFormat.properName(name), words[j...].joined(separator: " "))
    }

    /// Whether `name` (as `name(in:)` read it from `clause`) was written with a capital on each
    /// word, as people write a name: «Javiera Contreras», not «llego».
    static func writtenAsName(_ name: String, in clause: String) -> Bool {
        let folded = TextFold.fold(name)
        let words = clause.split(separator: " ").map { $0.trimmingCharacters(in: .punctuationCharacters) }
        let n = name.split(separator: " ").count
        guard let k = (0...max(0, words.count - n)).first(where: { TextFold.fold(words[$0..<min(words.count, $0 + n)].joined(separator: " ")) == folded })
        else { return false }
        return words[k..<(k + n)].allSatisfy { $0.first?.isUppercase == true }
    }

    /// «Ester Paillalef», «Lidia Mamani»: two to four words, each opening with a capital.
    static func capitalisedFullName(_ words: ArraySlice<String>) -> Bool {
        (2...4).contains(words.count) && words.allSatisfy { $0.first?.isUppercase == true && $0.dropFirst().allSatisfy(\.isLetter) }
            && !placeLeads.contains(TextFold.fold(words[words.startIndex]))
    }

    /// First words of places, not people: «Los Castaños», «San Carlos», «Rio Bueno».
    static let placeLeads: Set<String> = ["el", "la", "los", "las", "de", "del", "san", "santa", "santo", "villa", "puerto", "rio", "cerro",
                                          "lago", "alto", "bajo", "nueva", "nuevo", "escuela", "liceo", "colegio", "jardin"]

    /// The school a clause names: from its institution word («de la escuela Los Robles» →
    /// «escuela Los Robles»), or after a role's or a name's «de» when no subject follows
    /// («profe de Los Castaños», «Hugo de El Sauce»; not «profe de lenguaje»).
    static func school(in clause: String, afterName: Bool = false) -> String? {
        let words = expandingSchoolAbbreviations(clause).split(separator: " ").map(String.init)
        let t = words.map(fold)
        if let k = t.firstIndex(where: EditarEncuentroFlow.institutions.contains) {
            // «de la misma escuela (que la Sofía)»: someone else's school, not one named «Escuela»
            // or «colegio que» (qa34: stored so). `sameSchool` reads whose it is.
            if k > 0, ["mismo", "misma"].contains(t[k - 1]) { return nil }
            // «la escuela Amanecer y me quiero sumar a la red»: the school's name ends where
            // another remark begins.
            let end = t[(k + 1)...].firstIndex(where: { ["y", "que", "me", "pero", "porque", "para"].contains($0) }) ?? t.count
            return words[k..<max(end, min(k + 2, t.count))].joined(separator: " ")
        }
        guard let d = t.firstIndex(where: { $0 == "de" || $0 == "del" }), d + 1 < t.count,
              afterName ? d == 0 : (d > 0 && IncorporacionFlow.roleWords[t[d - 1]] != nil),
              !subjects.contains(t[d + 1]), !(["la", "el", "los", "las"].contains(t[d + 1]) && d + 2 < t.count && subjects.contains(t[d + 2])) else {
            return nil
        }
        // The school's name ends where another remark begins («…de El Sauce que sabe de…»).
        let end = t[(d + 1)...].firstIndex(where: { ["que", "y", "su", "sabe", "es"].contains($0) }) ?? t.count
        guard end > d + 1 else { return nil }
        return words[(d + 1)..<end].joined(separator: " ")
    }

    /// «de la misma escuela que la Sofía», «del mismo colegio que Jorge»: the school of the one
    /// member named after «que»; «de la misma escuela» alone, that of the member saved just
    /// before (`lastSave`). Nil when the words say no such thing or whose school it is is not
    /// known (then it is asked, never guessed). Cheap gate: «mismo»/«misma» in the text.
    static func sameSchool(in text: String, context: EngineContext) -> String? {
        let lower = text.lowercased()
        guard lower.contains("mism"), let s = context.snapshot else { return nil }
        let t = Phrase(text).tokens
        guard let k = t.indices.first(where: { ["mismo", "misma"].contains(t[$0]) && $0 + 1 < t.count && EditarEncuentroFlow.institutions.contains(t[$0 + 1]) })
        else { return nil }
        let members = s.members.filter { !$0.isOut }
        if k + 2 < t.count, ["que", "q"].contains(t[k + 2]) {
            let who = Array(t[(k + 3)...].drop { ["la", "el", "a", "al", "de", "del", "profe", "tia", "don", "dona"].contains($0) }.prefix(2))
            guard let first = who.first else { return nil }
            var hits = members.filter { Phrase($0.name).tokens.first == first }
            if hits.count > 1, who.count == 2 { hits = hits.filter { Phrase($0.name).tokens.dropFirst().first == who[1] } }
            return hits.count == 1 ? hits[0].school : nil
        }
        guard let last = context.lastSave else { return nil }
        return members.first { $0.id == last.record || TextFold.fold($0.name) == TextFold.fold(last.record) }?.school
    }

    /// «director esc. Huillinco», «utp lic. Chonchi», «profe cole San Juan»: a school's kind
    /// written short, as its word, so the school is read as one (it was stored as «director esc.
    /// Huillinco», role and all). Only before a word: «el cole» alone names no school.
    static func expandingSchoolAbbreviations(_ text: String) -> String {
        // Cheap gate: none of the short forms in the text, nothing to read.
        let lower = text.lowercased()
        guard lower.contains("esc") || lower.contains("lic") || lower.contains("cole") else { return text }
        var out = text
        for (short, full) in [("esc", "escuela"), ("lic", "liceo"), ("cole", "colegio")] {
            // «esc.Huillinco», «esc. Huillinco», «esc Huillinco»; «cole» only with a space after.
            let dot = short == "cole" ? #"\s+"# : #"(?:\.\s*|\s+)"#
            out = out.replacingOccurrences(of: #"(?i)(?<![\p{L}\p{N}])"# + short + dot + #"(?=\p{L})"#, with: full + " ", options: .regularExpression)
        }
        return out
    }

    /// The people a list names, each with what is said about them: «Ines Parra de la escuela Los
    /// Castaños, Hugo Sepulveda de El Sauce y Maria Jara de Tres Esquinas». A piece that is not
    /// a name («profe de El Sauce») belongs to the person before it.
    static func entries(_ text: String) -> [Entry] { parse(text).entries }

    /// `entries`, and the pieces that open a person but could not be placed (neither a name nor
    /// something about the person before): said back, never dropped silently.
    static func parse(_ text: String) -> (entries: [Entry], unplaced: [String]) {
        // «Ines Parra (Los Castaños)»: the parenthesis says where she is from.
        // «… (escuela Contao Alto). agrégalos porfa»: the closing request is nobody's school.
        let text = parenthesesRead(expandingSchoolAbbreviations(ClosingRequest.trimmed(text)))
        // «Maria Jara, Tres Esquinas; Rosa Diaz, El Sauce»: with «;» or one person a line, each
        // part is one person and its commas describe them.
        let grouped = text.contains(";") || text.contains("\n")
        var pieces: [(text: String, opens: Bool)] = []
        for group in text.split(whereSeparator: { grouped ? ($0 == ";" || $0 == "\n") : false }) {
            for (i, part) in group.split(separator: ",").enumerated() {
                var current: [Substring] = []
                for w in part.split(separator: " ") {
                    if !grouped, ["y", "e"].contains(w.lowercased()), !current.isEmpty {
                        pieces.append((current.joined(separator: " "), true))
                        current = []
                    } else if !grouped, ["y", "e"].contains(w.lowercased()), current.isEmpty, i > 0 {
                        // «…, y Raul Painemal de Lobería»: the comma and the «y» both open the next person.
                        continue
                    } else {
                        current.append(w)
                    }
                }
                if !current.isEmpty { pieces.append((current.joined(separator: " "), !grouped || i == 0)) }
            }
        }
        var out: [Entry] = []
        var unplaced: [String] = []
        // «…, y a los jefes utp Ana Rivas de … y Jorge Millar del …»: a plural role before a name
        // is each one's named after it (the piece was read as the school of the person before).
        var carried: String?
        var carriedRoles: [Int: String] = [:]
        for (raw, opens) in pieces {
            var piece = raw.trimmingCharacters(in: .whitespaces.union(.punctuationCharacters))
            if opens, let (role, rest) = pluralRoleLead(piece) { carried = role; piece = rest }
            if let carried { carriedRoles[out.count] = carried }
            guard !piece.isEmpty else { continue }
            let t = piece.split(separator: " ").map(fold)
            var describes = t.first.map { ["de", "del", "es", "profe"].contains($0) || IncorporacionFlow.roleWords[$0] != nil
                || EditarEncuentroFlow.institutions.contains($0) } ?? false
            // «(agrega) al director Mario Rojas…», «y a la directora Lidia Mamani del liceo A-1»: a
            // role before a full name opens a person when nobody is listed yet (after «a», the
            // piece is not a description anyway).
            if describes, out.isEmpty,
               let (name, _) = name(in: piece), knownFirstName(name) || piece.contains(name) && capitalisedFullName(ArraySlice(name.split(separator: " ").map(String.init))) {
                describes = false
            }
            // «la directora del liceo bicentenario es Paola Rojas», «el profe de matemática Hernán
            // Mamani»: who she is first, her name last (qa19 10, qa20 C1: both were dropped).
            if opens, let (name, lead) = trailingName(piece) {
                var e = Entry(name: name)
                describe(&e, with: lead, afterName: false)
                out.append(e)
                continue
            }
            // «El Sauce» after a name is a place; «la Carla», «la Rosa Díaz» are people.
            let placeLike = ["el", "la", "los", "las"].contains(t.first ?? "") && t.count == 2 && FirstNames.canonical(t[1]) == nil
            if opens, !describes, !placeLike, let (name, rest) = name(in: piece) {
                var e = Entry(name: name)
                describe(&e, with: rest, afterName: true)
                // «la directora Lidia Mamani»: a role said before the name is hers too.
                if e.role == nil { e.role = IncorporacionFlow.role(in: t) }
                out.append(e)
            } else if !out.isEmpty {
                let before = out[out.count - 1]
                describe(&out[out.count - 1], with: piece, afterName: t.first == "de" || t.first == "del")
                // «Ines Parra, Los Castaños»: a short piece that says nothing else is her school.
                if out[out.count - 1] == before, before.school == nil, t.count <= 5, let first = t.first, !remarkLeads.contains(first),
                   !piece.contains("@"), !piece.contains(where: \.isNumber) {
                    out[out.count - 1].school = piece
                } else if out[out.count - 1] == before, opens, !describes {
                    unplaced.append(piece)
                }
            } else {
                return ([], [])
            }
        }
        for (i, role) in carriedRoles where i < out.count && out[i].role == nil { out[i].role = role }
        return (out, unplaced)
    }

    /// «a los jefes utp Ana Rivas …», «y las directoras Rosa Mella …»: a plural role (and its
    /// article) before a name; the role it says and the piece from the name on. Nil otherwise.
    static func pluralRoleLead(_ piece: String) -> (role: String, rest: String)? {
        let words = piece.split(separator: " ").map(String.init)
        // Cheap gate: «los» or «las» among the first words.
        guard words.prefix(3).contains(where: { ["los", "las"].contains($0.lowercased()) }) else { return nil }
        let t = words.map(fold)
        var k = 0
        while k < t.count, ["a", "y", "e"].contains(t[k]) { k += 1 }
        guard k < t.count, ["los", "las"].contains(t[k]) else { return nil }
        k += 1
        let from = k
        while k < t.count, groupRoles[t[k]] != nil || pluralRoles[t[k]] != nil { k += 1 }
        guard k > from, k + 1 < words.count, words[k].first?.isUppercase == true || FirstNames.canonical(t[k]) != nil,
              let role = groupRole(t[from..<k].joined(separator: " ")) ?? t[from..<k].compactMap({ pluralRoles[$0] }).last,
              !role.isEmpty else { return nil }
        return (role, words[k...].joined(separator: " "))
    }

    /// Plural role words a group's lead may hold besides `groupRoles`; «jefes» alone says no role.
    static let pluralRoles: [String: String] = ["jefes": "", "jefas": "", "tecnicos": "jefe_utp", "tecnicas": "jefe_utp",
                                                "supervisoras": "supervisor", "supervisores": "supervisor",
                                                "sostenedores": "sostenedor", "sostenedoras": "sostenedor"]

    /// «Ines Parra (Los Castaños)» → «Ines Parra, de Los Castaños»: a parenthesis after a name
    /// says where she is from. «Sonia Millapan (docente, Escuela Icalma)» says her role and her
    /// school: read as «Sonia Millapan, docente de Escuela Icalma» (its comma opened a piece of
    /// its own, and «de docente» was kept as her school: issue 12).
    static func parenthesesRead(_ text: String) -> String {
        // Cheap gate: most lists have no parenthesis.
        guard text.contains("(") else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "(") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            let close = after.firstIndex(of: ")") ?? after.endIndex
            let parts = after[..<close].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            // A role's part: it opens with a role or a post word («docente», «jefa UTP», «encargada de convivencia»).
            func isRole(_ part: String) -> Bool {
                guard let first = part.split(separator: " ").first.map(fold) else { return false }
                return IncorporacionFlow.roleWords[first] != nil || IncorporacionFlow.postWords.contains(first) || postLeads.contains(first)
            }
            let roles = parts.filter(isRole), places = parts.filter { !isRole($0) }
            if roles.isEmpty {
                out += ", de " + after[..<close] + " "
            } else {
                out += ", " + roles.joined(separator: " ") + (places.isEmpty ? "" : " de " + places.joined(separator: " ")) + " "
            }
            rest = close < after.endIndex ? after[after.index(after: close)...] : ""
        }
        return out + rest
    }

    /// «la directora del liceo A es Paola Rojas», «el profe de matemática Hernán Mamani»: a
    /// piece that says a post (and maybe a school) and ends in a full name (capitalised, or
    /// opening with a first name Minga knows); the name and the words before it. Nil when the
    /// piece opens with the name or its lead names no post.
    static func trailingName(_ piece: String) -> (name: String, lead: String)? {
        let words = piece.split(separator: " ").map(String.init)
        guard words.count >= 4 else { return nil }
        let t = words.map(fold)
        // Cheap gate: a role or post word in the piece's first words.
        guard t.prefix(3).contains(where: { IncorporacionFlow.roleWords[$0] != nil || IncorporacionFlow.postWords.contains($0) || postLeads.contains($0) })
        else { return nil }
        for i in max(2, words.count - 4)...(words.count - 2) {
            let tail = words[i...]
            // «Paula Tapia encargada de convivencia del liceo Jose Antonio Carvajal»: after an
            // institution word (and no «es» since) the words are the school's name, not a person.
            // («la jefa DAEM Paula Vera»: an office's short name right after the post is where she
            // works; the name follows it.)
            let officeBefore = offices[t[i - 1]] != nil && i >= 2 && (IncorporacionFlow.roleWords[t[i - 2]] != nil || postLeads.contains(t[i - 2]))
            if !officeBefore, let k = t[..<i].lastIndex(where: EditarEncuentroFlow.institutions.contains), !t[(k + 1)..<i].contains("es") { continue }
            // «la supervisora Mineduc Marcela Toro»: an office's short name is where she works, not her name.
            guard !["de", "del", "la", "el", "los", "las"].contains(t[i - 1]), officeBefore || !EditarEncuentroFlow.institutions.contains(t[i - 1]),
                  offices[t[i]] == nil,
                  tail.allSatisfy({ w in w.allSatisfy { $0.isLetter || $0 == "-" || $0 == "'" } }),
                  !t[i...].contains(where: { nameStops.contains($0) || IncorporacionFlow.roleWords[$0] != nil || nameLeads.contains($0) }),
                  capitalisedFullName(tail) || (FirstNames.canonical(t[i]) != nil && !placeLeads.contains(t[i])) else { continue }
            var lead = Array(words[..<i])
            if let last = lead.last, fold(last) == "es" { lead.removeLast() }
            guard lead.count >= 2 || IncorporacionFlow.roleWords[t[0]] != nil else { return nil }
            return (SpanishFormat.properName(tail.joined(separator: " ")), lead.joined(separator: " "))
        }
        return nil
    }

    /// A role and a school said about an entry, when it has none yet.
    private static func describe(_ e: inout Entry, with text: String, afterName: Bool) {
        let t = text.split(separator: " ").map(fold)
        // «encargada de convivencia»: a post with no choice of its own is kept in its words
        // (the choice «otro» lost them).
        // («orientadora», «psicóloga»: a post with no choice word at all is kept the same way.)
        if e.role == nil, let role = IncorporacionFlow.role(in: t) ?? (t.first.map(IncorporacionFlow.postWords.contains) == true ? "otro" : nil) {
            e.role = role == "otro" ? IncorporacionFlow.post(in: text.split(separator: " ").map(String.init)) ?? role : role
        }
        // «la jefa DAEM Paula Vera»: head of an office named by its short name; the post in its
        // words (it was dropped: «jefa» alone is no role), the office where she works.
        if e.role == nil, let head = officeHead(t) { e.role = head }
        if e.school == nil, let s = school(in: text, afterName: afterName) ?? school(in: text) ?? t.lazy.compactMap({ offices[$0] }).first { e.school = s }
    }

    /// «jefa DAEM», «jefe del DEM»: the post of who heads an office named by its short name, as
    /// kept in the member's role; nil when `t` (folded words) says none.
    static func officeHead(_ t: [String]) -> String? {
        guard let k = t.firstIndex(where: { $0 == "jefa" || $0 == "jefe" }) else { return nil }
        let rest = t[(k + 1)...].drop(while: { ["de", "del", "la", "el"].contains($0) })
        guard let office = rest.first.flatMap({ offices[$0] }) else { return nil }
        return t[k] + " " + office
    }

    /// Offices named by their short name right after a role («supervisora Mineduc», «jefa DAEM»):
    /// the institution the person works at, as it is written.
    static let offices: [String: String] = ["mineduc": "Mineduc", "daem": "DAEM", "dem": "DEM", "deprov": "DEPROV", "slep": "SLEP",
                                            "seremi": "Seremi"]

    /// Whether a name opens with a first name Minga knows («Ines», «Hugo»): what tells people
    /// from organisations («la OPD de San Carlos») when nobody writes capitals.
    static func knownFirstName(_ name: String) -> Bool {
        name.split(separator: " ").first.map { FirstNames.canonical(fold($0)) != nil } ?? false
    }

    /// «tres encargadas de convivencia»: the post a group names, said of one person
    /// («encargada de convivencia»), when no choice of role has it.
    static func groupPost(_ text: String) -> String? {
        let words = text.split(separator: " ").map { w -> String in
            let f = fold(w)
            if f.hasSuffix("s"), IncorporacionFlow.postWords.contains(String(f.dropLast())) { return String(w.dropLast()) }
            return String(w)
        }
        return IncorporacionFlow.post(in: words)
    }

    /// The role a group named in the request implies («los otros profes», «las directoras»).
    static func groupRole(_ text: String) -> String? {
        let t = Phrase(text).tokens
        // «tres encargadas de convivencia»: a phrase naming another role than its words comes first.
        let joined = " " + t.joined(separator: " ") + " "
        if let hit = IncorporacionFlow.rolePhrases.first(where: { joined.contains(" " + $0.key + " ") }) { return hit.value }
        return t.compactMap { groupRoles[$0] }.first
    }

    private static func fold(_ word: some StringProtocol) -> String { Phrase(String(word)).tokens.joined(separator: " ") }

    static let addVerbs: Set<String> = [
        "agregar", "agrega", "agregame", "agregue", "agreguen", "agregues", "incorporar", "incorpora", "incorpore", "sumar", "suma",
        "sume", "inscribir", "inscribe", "anadir", "anade", "meter", "mete",
        // «sumemos a Pedro…», «agreguemos a la Lucía»: the «let's» form asks the same.
        "sumemos", "agreguemos", "incorporemos", "inscribamos", "anadamos",
        // With the person as a pronoun: «incorpórala», «agrégalo», «súmala a la red».
        "incorporala", "incorporalo", "incorporarla", "incorporarlo", "agregala", "agregalo", "agregarla", "agregarlo", "sumala", "sumalo",
        "sumarla", "sumarlo", "inscribela", "inscribelo", "incorporalos", "incorporalas", "agregalos", "agregalas", "sumalos", "sumalas",
    ]
    /// Posts that open a role said before a name («jefa UTP», «jefe técnico»).
    static let postLeads: Set<String> = ["jefe", "jefa", "tecnico", "tecnica", "coordinador", "coordinadora", "orientador", "orientadora",
                                         "inspector", "inspectora", "subdirector", "subdirectora", "facilitador", "facilitadora", "asesor",
                                         "asesora", "psicologo", "psicologa", "fonoaudiologo", "fonoaudiologa", "psicopedagogo", "psicopedagoga",
                                         "asistente", "mentor", "mentora", "tutor", "tutora"]
    static let nameLeads: Set<String> = ["se", "llama", "es", "la", "el", "mi", "colega", "nombre", "su", "don", "dona", "tia", "tio", "a", "al"]
    static let nameStops: Set<String> = ["es", "de", "del", "que", "y", "e", "su", "sabe", "trabaja", "correo", "mail", "fono",
                                         "telefono", "cel", "celular", "whatsapp", "me", "nos", "viene", "va", "esta", "quien", "tiene",
                                         "hace", "le", "con", "en", "para", "por", "a", "al",
                                         // «Tomas Espinoza jefe utp», «Luis Pino orientador liceo Linares»: a
                                         // post after the name, never a surname (the name kept «jefe»).
                                         "jefe", "jefa", "orientador", "orientadora", "coordinador", "coordinadora", "inspector",
                                         "inspectora", "subdirector", "subdirectora", "psicologo", "psicologa", "asistente",
                                         "trabajador", "trabajadora",
                                         // «soy nueva en la red», «es parte del equipo»: about joining, not a name.
                                         "nuevo", "nueva", "nuevos", "nuevas", "parte", "recien", "yo", "aqui", "aca", "un", "una", "otro", "otra",
                                         // «incorporar miembro», «agregar a una persona»: the request, nobody named yet.
                                         "miembro", "miembros", "persona", "personas", "integrante", "integrantes", "alguien", "gente",
                                         "varios", "varias", "ella", "el", "la", "los", "las",
                                         // «agrega a Juan Lienlaf tb», «suma a Pía porfa»: a remark after the name.
                                         "tambien", "ademas", "porfa", "porfis", "po", "altiro", "nomas", "igual", "pls", "plis"]
    /// Pieces of a list that say something about the person other than where they work.
    static let remarkLeads: WordSet = ["sabe", "es", "trabaja", "le", "su", "sus", "correo", "mail", "fono", "telefono", "cel", "celular",
                                           "tiene", "hace", "aporta", "whatsapp", "que", "y", "muy", "buena", "bueno"]
    /// What a «profe de …» teaches rather than where: «profe de lenguaje» names no school.
    static let subjects: Set<String> = [
        "lenguaje", "lengua", "matematica", "matematicas", "historia", "ciencias", "ciencia", "ingles", "musica", "artes", "arte",
        "religion", "tecnologia", "educacion", "basica", "media", "parvulos", "kinder", "prekinder", "pie", "integracion", "apoyo",
        "aula", "lectura", "fisica", "quimica", "biologia", "filosofia", "convivencia", "primero", "segundo", "tercero", "cuarto",
        "quinto", "sexto", "septimo", "octavo", "1", "2", "3", "4", "5", "6", "7", "8", "ed", "multigrado", "curso", "cursos",
    ]
    static let groupRoles: [String: String] = [
        "profes": "docente", "profesores": "docente", "profesoras": "docente", "docentes": "docente", "maestras": "docente",
        "directores": "director", "directoras": "director", "educadoras": "educadora", "parvularias": "educadora",
        "encargadas": "encargado", "encargados": "encargado",
        // «agregue a los utp: …»: UTP is said of several heads as of one.
        "utp": "jefe_utp",
    ]
}
