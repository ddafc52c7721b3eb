import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/editar-miembro.yaml`: a member's data changes after they joined — name, role, school,
/// what they bring, contact or organisation, one or several at once. «ojo que el Pedro cambió de
/// número, ahora es +56 9 1234 5678», «cambiar el nombre de Patricia a Patricia Lagos», «la
/// Patricia es de Deprov Concepción, no de Lota» at the menu come here with their values.
///
/// The member keeps their id (and so their file): ids are slugs taken once, when they joined, and
/// other records (attendance, agreements) would otherwise point at a file that moved. Agreements
/// name their responsables by name, so a new name is also written there (see `save`).
struct EditarMiembroFlow: MingaFlow {
    let id = "editar_miembro"
    let saveKind: String? = "member_update"
    let slotNames = ["miembro", "campo"] + Self.editedFields

    /// «¿Lo cambio?» — «no»: the member's data stay as they were.
    func declineKeeps(_ run: FlowRun, context: EngineContext) -> Bool { true }

    /// `claim` needs one of these (`ClaimCues`): A contact word, a word of changing (or of having moved),
    /// or the «es»/«trabaja» of a correction («Pedro es de la escuela X, no de Y»).
    func claimCues(_ flow: FlowDefinition) -> ClaimCues {
        ClaimCues(words: Array(Self.contactWords) + Array(Self.changeWords) + ["cambiaron", "cambie", "movieron", "trasladaron", "ahora", "es", "trabaja", "llama",
                                                                                "sabe", "maneja", "rol", "cargo", "son",
                                                                                "ponme", "anotame", "dejame", "registrame", "soy", "se", "pego", "manejo"]
                  + Array(Self.movedWords))
    }

    /// A member named and what changes about them: a field with its new value («el rol de Juan, es
    /// jefe de UTP»), a field alone, only «los datos de la Patricia», a new contact, or «es de X, no de Y».
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        let whole = claimOne(message, flow: flow, catalog: catalog, context: context)
        // «cambios: ana barria ahora es jefa utp en quilquico, su correo es …. y pedro soto se
        // cambio a la escuela huillinco»: each clause says a change of its own (of the member
        // named last), taken one after the other; only when that finds more changes than the
        // message read whole (qa39: only the e-mail was kept, the rest dropped unsaid).
        guard let s = context.snapshot?.live, !s.members.isEmpty, let clauses = Self.changeClauses(message.clean, of: s) else { return whole }
        var found: [(text: String, claim: Claim)] = []
        for clause in clauses {
            // Only a clause that says a new value («el rol de Luis» alone names what changes, not to what).
            guard let c = claimOne(Utterance(clause.read), flow: flow, catalog: catalog, context: context), c.values["miembro"] != nil,
                  c.values.keys.contains(where: { $0 != "miembro" && $0 != "campo" }) else { continue }
            if found.contains(where: { $0.claim.values == c.values }) { continue }
            found.append((clause.said, c))
        }
        guard found.count >= 2, found.count > 1 + (whole?.then.count ?? -1) else { return whole }
        var then: [FollowingRequest] = []
        for (i, f) in found.enumerated() {
            if i > 0 { then.append(FollowingRequest(flow: flow.id, request: f.text, values: f.claim.values, reads: false)) }
            then += f.claim.then
        }
        return Claim(values: found[0].claim.values, echo: found[0].claim.echo, then: then)
    }

    /// The clauses of a message about members («. », «; », «, »), each with the member it is
    /// about: a clause that names none is said of the one named before it (`read` opens with
    /// that name), `said` as typed. Nil with fewer than two clauses, or when the first names no member.
    static func changeClauses(_ text: String, of s: NetworkSnapshot) -> [(said: String, read: String)]? {
        // Cheap gate: two clauses at least.
        guard text.contains(",") || text.contains(". ") || text.contains(";") || text.contains(" y ") else { return nil }
        var body = Substring(text)
        // «cambios: …», «cambios en la red: …»: a short head before a colon, naming nobody, only announces them.
        if let colon = body.firstIndex(of: ":"), body[..<colon].split(separator: " ").count <= 5, member(in: String(body[..<colon]), of: s) == nil {
            body = body[body.index(after: colon)...]
        }
        var clauses: [String] = []
        var current = ""
        var previous: Character = " "
        for ch in body {
            // (An e-mail's «.» has no space after it: only «. » ends a clause.)
            if ch == " ", ",;.".contains(previous) {
                clauses.append(current)
                current = ""
            } else {
                current.append(ch)
            }
            previous = ch
        }
        clauses.append(current)
        // «el correo de ana es … y pedro soto ahora está en la escuela huillinco»: a «y» before a
        // member's name opens that member's change, once the words before it say something.
        clauses = clauses.flatMap { clause -> [String] in
            let words = clause.split(separator: " ").map(String.init)
            var parts: [[String]] = [[]]
            for (i, w) in words.enumerated() {
                if ["y", "e"].contains(TextFold.fold(w)), parts[parts.count - 1].count >= 3, i + 1 < words.count,
                   member(in: words[(i + 1)..<min(words.count, i + 4)].joined(separator: " "), of: s) != nil {
                    parts.append([])
                    continue
                }
                parts[parts.count - 1].append(w)
            }
            return parts.map { $0.joined(separator: " ") }
        }
        var out: [(said: String, read: String)] = []
        var who: Member?
        for raw in clauses {
            var said = raw.trimmingCharacters(in: .whitespaces)
            while let c = said.last, ",;.".contains(c) { said.removeLast() }
            if let f = said.split(separator: " ").first, ["y", "e"].contains(TextFold.fold(String(f))) {
                said = String(said.dropFirst(f.count)).trimmingCharacters(in: .whitespaces)
            }
            guard Phrase(said).tokens.count >= 2 else { continue }
            if let m = member(in: said, of: s) {
                who = m
                out.append((said, said))
            } else if let m = who {
                out.append((said, m.name + " " + said))
            } else {
                return nil
            }
        }
        return out.count >= 2 ? out : nil
    }

    /// `claim` for one change.
    func claimOne(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        guard let s = context.snapshot?.live, !s.members.isEmpty else { return nil }
        let t = message.phrase.tokens
        // The words first: reading a contact or fields out of every idle message costs more.
        if t.contains(where: Self.contactWords.contains), let contact = Self.contact(in: message.clean) {
            // «me dijo el Mauricio que me inscribiera… mi cel es 9 7654 3210»: a contact said as
            // «mi cel», «mi correo» is the speaker's own, whoever else the message names (qa28 c6:
            // it offered the phone as Mauricio's). Someone not yet a member has none to change here.
            if Self.saysOwnContact(t) {
                if let me = context.userName, s.members.contains(where: { $0.name == me }) {
                    return Claim(values: ["miembro": .text(me), "campo": .text("contacto"), "contacto": .text(contact)])
                }
            } else if let m = Self.member(in: message.clean, of: s) {
                return Claim(values: ["miembro": .text(m.name), "campo": .text("contacto"), "contacto": .text(contact)])
            }
        }
        // «ponle al Hernan que es bueno en evaluación», «la Marisol sabe harto de evaluación
        // formativa», «¿qué sabe hacer el Hernan? ponle que es bueno en…»: what a member brings,
        // said of them by name, after any question (pass 8, 16-3).
        if t.contains(where: { ["es", "sabe", "maneja"].contains($0) }),
           let said = message.clean.split(separator: "?", omittingEmptySubsequences: false).last.map(String.init),
           let strength = Self.strength(in: said),
           let m = Self.member(in: message.clean.replacingOccurrences(of: strength, with: ""), of: s), let slot = flow.slot(named: "fortalezas") {
            var values: SlotValues = ["miembro": .text(m.name), "campo": .text("fortalezas"), "fortalezas": .text(strength)]
            var echo: [String] = []
            // «la Marta es profe encargada de la escuela Icalma y sabe de lectura inicial»: the role
            // and the school said before it are changes too (qa31: only what she brings was kept).
            if let (role, school) = Self.statedRole(Self.beforeStrength(said)) {
                values["rol"] = .text(role)
                values["campo"] = .text("rol")
                echo.append("\(flow.slot(named: "rol")?.label ?? "rol"): \(role)")
                if let school {
                    values["establecimiento"] = .text(school)
                    echo.append("\(flow.slot(named: "establecimiento")?.label ?? "establecimiento"): \(school)")
                }
            }
            return Claim(values: values, echo: echo + ["\(slot.label): \(strength)"])
        }
        // «yo sé harto de evaluación formativa», «yo le pego harto a la huerta escolar…»: what the
        // speaker, a member, brings, said in first person (qa30 C4: «No te entendí»).
        if t.contains(where: Self.ownStrengthCues.contains), !message.clean.contains("?"),
           let me = context.userName, let m = s.members.first(where: { TextFold.fold($0.name) == TextFold.fold(me) }),
           var strength = Self.ownStrength(in: message.clean), let slot = flow.slot(named: "fortalezas") {
            // «también soy bueno para…»: added to what they already bring, which stays.
            if t.contains(where: { $0 == "tambien" || $0 == "ademas" }), let had = m.strengths, !had.isEmpty,
               !TextFold.fold(had).contains(TextFold.fold(strength)) {
                strength = had + "; " + strength
            }
            return Claim(values: ["miembro": .text(m.name), "campo": .text("fortalezas"), "fortalezas": .text(strength)],
                         echo: ["\(slot.label): \(strength)"])
        }
        // «y el Diego es encargado de convivencia escolar, ponle ese rol»: a role said of a member
        // by name with the request to set it (pass 8, 16-3).
        if t.contains(where: { $0 == "rol" || $0 == "cargo" }), t.contains(where: { ["ponle", "ponele", "pon", "cambiale", "anotale"].contains($0) }),
           let es = message.clean.range(of: #"\bes\s+"#, options: .regularExpression),
           case let said = String(message.clean[es.upperBound...].prefix { $0 != "," && $0 != "." && $0 != ";" }),
           let role = Self.role(said), let m = Self.member(in: String(message.clean[..<es.lowerBound]), of: s),
           let slot = flow.slot(named: "rol") {
            return Claim(values: ["miembro": .text(m.name), "campo": .text("rol"), "rol": .text(role)], echo: ["\(slot.label): \(role)"])
        }
        // «la Rosa es coordinadora de la red»: a record's word after a post is part of the post.
        let post = t.firstIndex(where: Self.postNouns.contains) ?? t.count
        guard !t[..<post].contains(where: Self.otherRecords.contains), !message.clean.contains("?"),
              !["como", "cual", "que", "cuando", "donde", "quien"].contains(t.first ?? "") else { return nil }
        // «a mí ponme como jefa utp de la escuela El Roble», «yo soy secretaria del microcentro»,
        // «cambia mi rol a directora»: the speaker's own role (and school, after it) changes.
        // («somos 5 escuelas, la directora … es Paola Rojas, … y yo soy jefa utp»: the others
        // listed are people to add, not the speaker's own change: qa20 C1.)
        // «soy soledad parra, jefa utp de la escuela X» from Soledad Parra, stored as «Soledad
        // Parra Muñoz» (or without accents): the speaker is that member, and her name said after
        // «soy» is no part of the role.
        if let m = Self.speaker(context.userName, in: s), let slot = flow.slot(named: "rol"),
           !(t.prefix(4).contains("somos") && IncorporarVariosFlow.weAreList(message.clean) != nil),
           let (role, school) = Self.ownRole(message.clean, names: [m.name, context.userName ?? ""]) {
            // «hola soy profe de la escuela los aromos» from a member already down as docente, with
            // no school: the school is the change (the role «ya estaba así» dropped it).
            if let school, TextFold.fold(school) != m.school.map(TextFold.fold), let had = m.role, NewcomerDetails.sameRole(had, role),
               let schoolSlot = flow.slot(named: "establecimiento") {
                return Claim(values: ["miembro": .text(m.name), "campo": .text("establecimiento"), "establecimiento": .text(school)],
                             echo: ["\(schoolSlot.label): \(school)"])
            }
            var then: [FollowingRequest] = []
            if let school, TextFold.fold(school) != m.school.map(TextFold.fold) {
                then.append(FollowingRequest(flow: flow.id, request: "establecimiento: \(school)",
                                             values: ["miembro": .text(m.name), "campo": .text("establecimiento"), "establecimiento": .text(school)], reads: false))
            }
            return Claim(values: ["miembro": .text(m.name), "campo": .text("rol"), "rol": .text(role)], echo: ["\(slot.label): \(role)"], then: then)
        }
        // «la Rosa y el Pedro son jefes utp, la Carmen directora»: roles said of members by name,
        // several at once; each is one change, one after the other (it was «No te entendí»: pass 8).
        if t.contains(where: { $0 == "es" || $0 == "son" }),
           t.contains(where: { IncorporacionFlow.roleWords[Self.singular($0)] != nil || $0.hasPrefix("jef") || Self.postNouns.contains($0) }),
           let said = Self.roleStatements(message.clean, of: s), let slot = flow.slot(named: "rol") {
            let changes = said.map { m, role -> SlotValues in ["miembro": .text(m.name), "campo": .text("rol"), "rol": .text(role)] }
            let then = zip(said, changes).dropFirst().map { pair in
                FollowingRequest(flow: flow.id, request: "\(pair.0.0.name) es \(pair.0.1)", values: pair.1)
            }
            return Claim(values: changes[0], echo: ["\(slot.label): \(said[0].1)"], then: Array(then))
        }
        if let own = Self.ownNewSchool(message, members: s.members, context: context), let slot = flow.slot(named: "establecimiento") {
            return Claim(values: ["miembro": .text(own.member), "campo": .text("establecimiento"), "establecimiento": .text(own.school)],
                         echo: ["\(slot.label): \(own.school)"])
        }
        if let moved = Self.movedSchool(message, of: s), let slot = flow.slot(named: "establecimiento") {
            return Claim(values: ["miembro": .text(moved.member.name), "campo": .text("establecimiento"), "establecimiento": .text(moved.school)],
                         echo: ["\(slot.label): \(moved.school)"])
        }
        // «el Rene se llama Rene Vargas, es jefe de especialidad»: the name said right, and the
        // role that had been taken into it.
        if t.contains("llama"), let (values, echo) = Self.renamed(message.clean, of: s, flow: flow, context: context) {
            return Claim(values: values, echo: echo)
        }
        let edits = t.contains(where: Self.changeWords.contains)
        // «hay que corregir a un miembro»: the request, with nobody named yet (the list of members
        // would otherwise answer it).
        if edits, t.contains(where: Self.memberWords.contains), Self.member(in: message.clean, of: s) == nil { return Claim() }
        let fields = Self.fields(in: message.clean, members: s.members)
        let correction = Self.correction(in: message.clean)
        // «la Pamela en realidad es del jardín Semillitas, con s»: a member's school said as a
        // plain fact (qa20 A12, once the list with her was saved: «no te entendí»).
        if !edits, correction == nil, let (m, school) = Self.schoolStatement(message, of: s), let slot = flow.slot(named: "establecimiento") {
            return Claim(values: ["miembro": .text(m.name), "campo": .text("establecimiento"), "establecimiento": .text(school)],
                         echo: ["\(slot.label): \(school)"])
        }
        guard edits || correction != nil else { return nil }
        guard fields != nil || correction != nil || t.contains("datos") else { return nil }
        // The member is named outside the new values: «el nombre de Patricia a Patricia Lagos».
        let said = fields?.rest ?? correction?.rest ?? message.clean
        guard let m = Self.member(in: said, of: s) else { return nil }
        var values: SlotValues = ["miembro": .text(m.name)]
        var echo: [String] = []
        for (name, value) in (fields?.values ?? [:]).merging(correction?.values ?? [:], uniquingKeysWith: { a, _ in a }) {
            values[name] = value
        }
        for name in Self.editedFields where values[name] != nil {
            guard let slot = flow.slot(named: name), let value = values[name] else { continue }
            // An organisation the network does not have is refused right after, not echoed as taken.
            if name == "organizacion", value.textValue.flatMap({ Self.organization($0, in: s) }) == nil { continue }
            echo.append("\(slot.label): \(value.display(today: context.today, choices: slot.choices))")
        }
        // The first field named is the one asked when its value is missing or refused.
        if let first = fields?.named.first ?? correction?.named.first { values["campo"] = .text(first) }
        return Claim(values: values, echo: echo)
    }

    /// «la Pamela (en realidad) es del jardín Semillitas»: a member named first, then «es de(l)»
    /// and an institution; the member and the school (up to a comma). Nil for anything else.
    static func schoolStatement(_ message: Utterance, of s: NetworkSnapshot) -> (Member, String)? {
        let t = message.phrase.tokens
        // Cheap gate: «es de(l)» among the first words, an institution word right after.
        guard let es = t.prefix(6).firstIndex(of: "es"), es >= 1, es + 2 < t.count, t[es + 1] == "de" || t[es + 1] == "del" else { return nil }
        let k = ["la", "el"].contains(t[es + 2]) && es + 3 < t.count ? es + 3 : es + 2
        guard EditarEncuentroFlow.institutions.contains(t[k]), !message.questionMarked else { return nil }
        let words = message.clean.split(separator: " ").map(String.init)
        guard words.count == t.count else { return nil }
        let who = words[..<es].filter { !["en", "realidad", "ahora", "tambien", "ojo", "que", "y"].contains(TextFold.fold($0).filter(\.isLetter)) }
        guard !who.isEmpty, who.count <= 4, let m = member(in: who.joined(separator: " "), of: s) else { return nil }
        let clause = words[k...].joined(separator: " ").split(separator: ",").first.map(String.init) ?? ""
        guard let school = MemberRequest.school(in: clause) else { return nil }
        return (m, SpanishFormat.institutionName(school))
    }

    /// Each member and the role a clause says of them: «la Rosa y el Pedro son jefes utp», «la
    /// Carmen directora» (the verb said once is understood in the clauses after it). Nil unless
    /// every clause names members of the network and a role Minga knows.
    static func roleStatements(_ text: String, of s: NetworkSnapshot) -> [(Member, String)]? {
        var out: [(Member, String)] = []
        for clause in text.split(whereSeparator: { ",;.".contains($0) }) {
            let words = clause.split(separator: " ").map(String.init)
            let t = words.map { Phrase($0).tokens.first ?? "" }
            guard !t.isEmpty else { continue }
            let k: Int
            if let verb = t.firstIndex(where: { $0 == "es" || $0 == "son" }), verb > 0 {
                k = verb
            } else if let role = t.indices.dropFirst().first(where: { IncorporacionFlow.roleWords[singular(t[$0])] != nil || ["jefe", "jefa", "jefes", "jefas"].contains(t[$0]) }) {
                k = role - 1
            } else { return nil }
            let roleWords = Array(t[(k + 1)...]).map(singular).drop { ["la", "el", "los", "las", "un", "una", "ahora", "tambien"].contains($0) }
            // «…jefa utp y el Pedro director»: another person inside the role is not read here.
            // «la Rosa es secretaria del microcentro»: a post of the network or the school, in its own words.
            guard !roleWords.contains("y"), IncorporacionFlow.role(in: Array(roleWords)) != nil || roleWords.first.map(postNouns.contains) == true,
                  let role = Self.role(roleWords.joined(separator: " ")) else { return nil }
            let people = PeopleParser.split(words[..<(t[k] == "es" || t[k] == "son" ? k : k + 1)].joined(separator: " "))
            guard !people.isEmpty else { return nil }
            for name in people {
                guard let m = member(in: name, of: s) else { return nil }
                out.append((m, role))
            }
        }
        return out.isEmpty ? nil : out
    }

    /// The role (and school) the speaker gives themself: the words after «ponme como», «anótame
    /// como», «yo soy» or «mi rol a/es», up to «de la escuela…», «del liceo…» (the school). Nil
    /// unless those words name a role or a post.
    static func ownRole(_ text: String, names: [String] = []) -> (role: String, school: String?)? {
        let words = text.split(separator: " ").map(String.init)
        let f = words.map { Phrase($0).tokens.joined(separator: " ") }
        var start: Int?
        var bare = false
        for i in f.indices {
            if ["ponme", "anotame", "dejame", "registrame"].contains(f[i]), let c = f[(i + 1)...].prefix(2).firstIndex(of: "como") { start = c + 1; break }
            if f[i] == "soy", i > 0, f[i - 1] == "yo" { start = i + 1; break }
            // «hola, soy jefa utp…», «soy soledad parra, jefa utp…»: «soy» opening the message
            // (after a greeting) says it of the speaker as «yo soy» does.
            if f[i] == "soy", f[..<i].allSatisfy(greetings.contains) { start = i + 1; bare = true; break }
            if f[i] == "mi", i + 2 < f.count, ["rol", "cargo"].contains(f[i + 1]), ["a", "es", "por", "sera"].contains(f[i + 2]) { start = i + 3; break }
        }
        guard var k = start else { return nil }
        // The speaker's own name said before the role («soy soledad parra, jefa utp…»).
        let own = Set(names.flatMap { Phrase($0).tokens })
        if !own.isEmpty, k < words.count, own.contains(f[k]) {
            while k < words.count, own.contains(f[k]) { k += 1 }
            // «soy soledad parra y jefa…», «soy soledad parra, la jefa…»
            while k < words.count, ["y", "la", "el"].contains(f[k]) || f[k].isEmpty { k += 1 }
        }
        while k < words.count, ["el", "la", "un", "una", "ahora"].contains(f[k]) { k += 1 }
        // Bare «soy …»: only a role right after it is the speaker's («soy de Cunco», «soy Rosa» are not).
        if bare, k < words.count, IncorporacionFlow.role(in: [f[k]]) == nil, !postNouns.contains(f[k]), !f[k].hasPrefix("jef") { return nil }
        let schoolNouns: Set<String> = ["escuela", "liceo", "colegio", "jardin", "escuelita", "complejo", "instituto"]
        let cut = (k..<words.count).first { i in ["de", "del", "en"].contains(f[i]) && f[(i + 1)...].prefix(2).contains(where: schoolNouns.contains) } ?? words.count
        let roleWords = Array(f[k..<cut])
        guard !roleWords.isEmpty, roleWords.count <= 5,
              IncorporacionFlow.role(in: roleWords) != nil || roleWords.first.map(postNouns.contains) == true,
              let role = role(words[k..<cut].joined(separator: " ")) else { return nil }
        var school: String?
        if cut < words.count {
            var rest = Array(words[(cut + 1)...])
            while let w = rest.first, ["la", "el"].contains(Phrase(w).core) { rest.removeFirst() }
            // «… de la escuela rural rio puelo, anotame tambien»: the request closing it is no part of the school.
            var said = ClosingRequest.trimmed(rest.joined(separator: " ")).trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
            if let c = said.first { said = c.uppercased() + said.dropFirst() }
            school = said.isEmpty ? nil : said
        }
        return (role, school)
    }

    /// What may come before «soy» when it opens a message about the speaker.
    static let greetings: Set<String> = ["hola", "buenas", "buenos", "buen", "dias", "tardes", "noches", "ya", "y", "bueno", "oye", "minga", "ah", "perdon", "ojo", "que"]

    /// The member the speaker is: the one with their name, or, when the session's name is said
    /// without accents, shorter or longer than the record's («Soledad Parra» for «Soledad Parra
    /// Muñoz»), the only member whose name opens with theirs (two words at least: a first name
    /// alone could be anyone).
    static func speaker(_ me: String?, in s: NetworkSnapshot) -> Member? {
        guard let me, !me.isEmpty else { return nil }
        if let m = s.members.first(where: { $0.name == me }) { return m }
        let mine = Phrase(me).tokens
        guard mine.count >= 2 else { return s.members.first { Phrase($0.name).tokens == mine } }
        let fits = s.members.filter { m in
            let theirs = Phrase(m.name).tokens
            return theirs.starts(with: mine) || (theirs.count >= 2 && mine.starts(with: theirs))
        }
        return fits.count == 1 ? fits[0] : nil
    }

    /// Posts a member may hold that the role choices don't name («secretaria del microcentro»,
    /// «coordinadora de la red»): said of a member with «es», they are that member's role.
    static let postNouns: WordSet = ["secretaria", "secretario", "coordinadora", "coordinador", "tesorera", "tesorero", "presidenta",
                                     "presidente", "vocera", "vocero", "orientadora", "orientador", "inspectora", "inspector",
                                     "psicologa", "psicologo", "asesora", "asesor", "encargada", "encargado", "subdirectora", "subdirector"]

    /// «jefes», «directoras»: a plural role word as its singular.
    static func singular(_ w: String) -> String {
        if w.hasSuffix("es"), ["jefes", "profesores", "directores", "supervisores", "sostenedores"].contains(w) { return String(w.dropLast(2)) }
        if w.hasSuffix("as") || w.hasSuffix("os") || w.hasSuffix("es") { return ["jefas", "directoras", "profesoras", "educadoras", "docentes", "supervisoras", "encargadas", "encargados", "profes", "maestras", "maestros"].contains(w) ? String(w.dropLast()) : w }
        return w
    }

    /// «es bueno en evaluación y análisis de datos», «sabe harto de huertos», «maneja Excel»:
    /// what the person is good at, up to the end of its clause; nil when nothing says so.
    static func strength(in text: String) -> String? {
        let pattern = #"(?i)\b(?:es\s+(?:muy\s+)?(?:buen[oa]|buenísim[oa]|buenisim[oa]|sec[oa])\s+(?:en|para|con)|sabe\s+(?:harto\s+|mucho\s+)?(?:de|sobre)|maneja)\s+([^,.;?!]+)"#
        guard let r = text.range(of: pattern, options: .regularExpression) else { return nil }
        let clause = String(text[r])
        guard let inner = clause.range(of: #"(?i)(?:en|para|con|de|sobre|maneja)\s+(.+)$"#, options: .regularExpression) else { return nil }
        var said = String(clause[inner])
        if let space = said.firstIndex(of: " ") { said = String(said[said.index(after: space)...]) }
        said = said.trimmingCharacters(in: .whitespaces)
        // «…, ponle eso»: the request after it is not what the person knows.
        for tail in [" ponle eso", " ponlo", " anotalo", " anótalo"] where said.lowercased().hasSuffix(tail) { said = String(said.dropLast(tail.count)) }
        return Phrase(said).tokens.isEmpty ? nil : said
    }

    /// The words before what a member brings («la Marta es profe encargada de la escuela Icalma»
    /// of «… y sabe de lectura inicial»), without the «y» that joined them.
    static func beforeStrength(_ text: String) -> String {
        let pattern = #"(?i)\b(?:es\s+(?:muy\s+)?(?:buen[oa]|buenísim[oa]|buenisim[oa]|sec[oa])\s+(?:en|para|con)|sabe\s+(?:harto\s+|mucho\s+)?(?:de|sobre)|maneja)\s+"#
        guard let r = text.range(of: pattern, options: .regularExpression) else { return text }
        var before = String(text[..<r.lowerBound]).trimmingCharacters(in: .whitespaces.union(.punctuationCharacters))
        if before.lowercased().hasSuffix(" y") { before = String(before.dropLast(2)) }
        return before.trimmingCharacters(in: .whitespaces.union(.punctuationCharacters))
    }

    /// «la Marta es profe encargada de la escuela Icalma»: the role (and school) said of a member
    /// with «es», read as `ownRole` reads one's own. Nil when «es» is not followed by a role.
    static func statedRole(_ text: String) -> (role: String, school: String?)? {
        let words = text.split(separator: " ").map(String.init)
        guard let es = words.firstIndex(where: { TextFold.fold($0) == "es" }), es > 0, es + 1 < words.count else { return nil }
        return ownRole("yo soy " + words[(es + 1)...].joined(separator: " "))
    }

    /// Words one of `ownStrength`'s phrasings needs (cheap gate before the pattern).
    static let ownStrengthCues: Set<String> = ["se", "pego", "soy", "manejo"]

    /// «yo sé harto de evaluación formativa», «le pego harto a la huerta escolar y a las ciencias,
    /// por si alguien necesita», «soy buena para la convivencia», «manejo Excel»: what the speaker
    /// knows, said in first person, up to the end of its clause, without the articles that lead
    /// each part («huerta escolar y ciencias»). Nil when nothing says so. A bare «se de» is no
    /// saying (it is mostly the reflexive «se»): «yo sé» or «sé harto/mucho» is.
    static func ownStrength(in text: String) -> String? {
        let pattern = #"(?i)(?:\byo\s+s[eé]\s+(?:harto\s+|mucho\s+|bastante\s+|algo\s+)?(?:de|sobre)|\bs[eé]\s+(?:harto|mucho|bastante)\s+(?:de|sobre)|\ble\s+pego\s+(?:harto\s+|mucho\s+|bastante\s+|caleta\s+)?(?:a|al|con)|\bsoy\s+(?:muy\s+)?(?:buen[oa]|buenísim[oa]|buenisim[oa]|sec[oa]|sec[oa]\s+pa)\s+(?:en|para|pa|con)|^\s*(?:yo\s+)?manejo)\s+([^,.;?!]+)"#
        guard let r = text.range(of: pattern, options: .regularExpression) else { return nil }
        let clause = String(text[r])
        guard let lead = clause.range(of: #"(?i)\b(?:de|sobre|a|al|con|en|para|pa|manejo)\s+"#, options: .regularExpression) else { return nil }
        var said = String(clause[lead.upperBound...])
        said = said.replacingOccurrences(of: #"(?i)\s+(y|e)\s+(?:a|al|con)\s+"#, with: " $1 ", options: .regularExpression)
        said = said.replacingOccurrences(of: #"(?i)(^|\s(?:y|e)\s)(?:la|el|los|las|lo)\s+"#, with: "$1", options: .regularExpression)
        for tail in [" ponle eso", " ponlo", " anotalo", " anótalo"] where said.lowercased().hasSuffix(tail) { said = String(said.dropLast(tail.count)) }
        said = said.trimmingCharacters(in: .whitespaces)
        return Phrase(said).tokens.isEmpty ? nil : said
    }

    /// «y el Hector ahora es director, no profesor encargado» at the review of Sonia's change: a
    /// change of another member is its own request. This one stays as it is (saved with «sí»),
    /// and the other one follows, never mixed into this one.
    func reviewChange(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        guard case .text(let current)? = run.values["miembro"], let s = context.snapshot?.live,
              let other = Self.member(in: message.clean, of: s), other.name != current else { return nil }
        let fields = Self.fields(in: message.clean, members: s.members)
        let correction = Self.correction(in: message.clean)
        var values: SlotValues = ["miembro": .text(other.name)]
        for (name, value) in (fields?.values ?? [:]).merging(correction?.values ?? [:], uniquingKeysWith: { a, _ in a }) { values[name] = value }
        guard values.count > 1 else { return nil }
        if let first = fields?.values.keys.sorted().first ?? correction?.values.keys.sorted().first { values["campo"] = .text(first) }
        let first = { (name: String) in String(name.split(separator: " ").first ?? "") }
        return .fillThen([:], remark: "Eso es de \(first(other.name)): primero terminemos lo de \(first(current)) y después seguimos con \(first(other.name)).",
                         then: [FollowingRequest(flow: id, request: message.clean, values: values)])
    }

    /// «quiero cambiar el teléfono de Pedro Cayul», «editar los datos de un miembro»: the member,
    /// which field, and the contact if it is said.
    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        var out = Prefill()
        guard run.values["miembro"] == nil else {
            // A change of another member that followed a review («y el Hector ahora es director…»):
            // its words were read by `reviewChange`, the whole sentence is no one's new name.
            if let name = run.values["nombre"]?.textValue, name.split(separator: " ").count >= 4,
               TextFold.fold(request).contains(TextFold.fold(name)) { out.values["nombre"] = .some(nil) }
            return out
        }
        if let contact = Self.contact(in: request) { out.values["contacto"] = .text(contact) }
        if let field = Self.field(request) { out.values["campo"] = .text(field) }
        out.values["miembro"] = context.snapshot.flatMap { Self.member(in: request, of: $0.live) }.map { .text($0.name) } ?? .some(nil)
        out.replacesEcho = true
        return out
    }

    /// «¿Qué dato quieres cambiar?» answered with the new value itself («el nombre es Patricia
    /// Lagos», «patricia.lagos@mineduc.cl»): that field takes it, and which field it was is not a
    /// line of the review.
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        guard slot.name == "campo" else { return nil }
        let members = context.snapshot?.live.members ?? []
        if let f = Self.fields(in: message.clean, members: members), !f.values.isEmpty {
            return .fill(f.values, remark: nil)
        }
        // «establecimiento escuela Los Pinos», «el rol jefe de UTP»: the field named first and its
        // new value right after it, with no «es» between (issue 12: only the field was taken).
        if let (field, value) = Self.fieldThenValue(message.clean) { return .fill(["campo": .text(field), field: .text(value)], remark: nil) }
        if Self.field(message.clean) == nil, let c = Self.contact(in: message.clean) { return .fill(["contacto": .text(c)], remark: nil) }
        return nil
    }

    /// «establecimiento escuela Los Pinos», «la escuela: liceo de Tomé», «nombre Patricia Lagos»:
    /// a field's word opening the answer (after an article) and the value after it. When the
    /// field's word is itself part of a school's name («escuela Los Pinos»), it stays in the value.
    static func fieldThenValue(_ text: String) -> (String, String)? {
        var words = text.split(separator: " ").map(String.init)
        while let w = words.first, ["el", "la", "su", "mi"].contains(TextFold.fold(w)) { words.removeFirst() }
        guard words.count >= 2, let head = words.first, case let f = TextFold.fold(head).filter(\.isLetter),
              let field = fieldWords[f], field != "contacto" else { return nil }
        var rest = Array(words.dropFirst())
        let restTokens = Phrase(rest.joined(separator: " ")).tokens
        // «el nombre es …», «escuela de Los Pinos» are the other readings' (a lead, a school's «de»).
        // «rol y establecimiento»: two fields named, no value.
        guard let first = restTokens.first, !valueLeads.contains(first), !["y", "e", "o", "tambien"].contains(first),
              restTokens.allSatisfy({ fieldWords[$0] == nil || fieldWords[$0] == field }) else { return nil }
        // «el establecimiento nomás, guárdalo»: words about the value, not one (qa38: the school
        // became «Nomas, Guardalo»); the field's question follows.
        if DialogEngine.onlyTalksAboutValue(rest.map(TextFold.fold)) { return nil }
        if field == "establecimiento", f != "establecimiento" { rest.insert(head.trimmingCharacters(in: .punctuationCharacters), at: 0) }
        let value = rest.joined(separator: " ").trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
        guard !value.isEmpty else { return nil }
        return (field, field == "establecimiento" ? SpanishFormat.institutionName(value) : value)
    }

    /// The question «¿qué dato?» only when no field has a new value yet.
    func asks(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Bool {
        slot.name != "campo" || Self.editedFields.allSatisfy { run.values[$0] == nil }
    }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard let s = context.snapshot?.live else { return .accept }
        let member = run.values["miembro"]?.textValue.flatMap { n in s.members.first { $0.name == n } }
        // Once the field asked for has its value, which field it was is not a line of the review.
        let done: [String: SlotValue?] = run.values["campo"] == nil ? [:] : ["campo": nil]
        switch slot.name {
        case "miembro":
            guard let name = value.textValue, let m = s.members.first(where: { $0.name == name }) else {
                return .reject("No encuentro a esa persona entre los miembros de la red.")
            }
            if run.values["campo"]?.textValue == "contacto" || run.values["contacto"] != nil {
                return .accept([m.contact.map { "El contacto de \(m.name) que tengo es \($0)." } ?? "\(m.name) todavía no tiene contacto registrado."])
            }
            return .accept([Self.profile(m, in: s)])
        case "campo":
            guard let text = value.textValue, let field = Self.field(text) else {
                return .reject("Puedo cambiar el nombre, el rol, el establecimiento, lo que aporta, el contacto o la organización.")
            }
            return field == text ? .accept : .replace(.text(field))
        case "nombre":
            guard let text = value.textValue else { return .accept }
            let name = SpanishFormat.properName(text.trimmingCharacters(in: .punctuationCharacters.union(.whitespaces)))
            guard PeopleParser.looksLikeName(name) else { return .reject("Escríbeme el nombre y apellido, por ejemplo «Patricia Lagos».") }
            if let member, TextFold.fold(member.name) == TextFold.fold(name) { return Self.same("nombre", "\(member.name) ya se llama así", run: run) }
            if let other = s.members.first(where: { $0.id != member?.id && TextFold.fold($0.name) == TextFold.fold(name) }) {
                return .reject("Ya hay otra persona en la red que se llama \(other.name). ¿Cuál es el nombre correcto?")
            }
            return .replace(.text(name), others: done)
        case "contacto":
            guard let text = value.textValue, let c = Self.contact(in: text) else {
                return .reject("Aquí va un teléfono (por ejemplo «+56 9 1234 5678») o un correo.")
            }
            return .replace(.text(c), others: done)
        case "rol":
            guard let text = value.textValue, let label = Self.role(text) else {
                return .reject("Dime su rol, por ejemplo «directora» o «jefe de UTP».")
            }
            if let member, member.role.map(TextFold.fold) == TextFold.fold(label) { return Self.same("rol", "\(member.name) ya tiene el rol \(label)", run: run) }
            return .replace(.text(label), others: done)
        case "organizacion":
            guard let text = value.textValue else { return .accept }
            guard let o = Self.organization(text, in: s) else {
                return .reject("«\(text)» no está entre las organizaciones de la red; puedes sumarla con «registrar una organización».")
            }
            return .replace(.text(o.name), others: done)
        case "establecimiento":
            // «me cambiaron a la escuela Crucero» when the record already says so.
            if let member, let school = member.school, let text = value.textValue,
               TextFold.fold(school) == TextFold.fold(SpanishFormat.properName(text)) {
                return Self.same("establecimiento", "\(member.name) ya está en \(school)", run: run)
            }
            return .replace(value, others: done)
        default:
            return .replace(value, others: done)
        }
    }

    /// A field restated with the value the member already has: alone, nothing changes and the
    /// flow ends; along with other changes, only this one is dropped.
    static func same(_ field: String, _ already: String, run: FlowRun) -> Verdict {
        if editedFields.contains(where: { $0 != field && run.values[$0] != nil }) {
            return Verdict(value: nil, remarks: [already + "."], others: ["campo": nil])
        }
        return .unchanged(already + ": ya estaba así, no cambié nada.")
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        guard let name = v["miembro"]?.textValue, var m = snapshot.members.first(where: { $0.name == name }) else {
            throw StoreError.notFound("esa persona")
        }
        var said: [String] = []
        // What «deshacer» puts back (`undo`): each plain field as it was, when it said something.
        var was: [String: String] = [:]
        for (key, old) in [("rol", m.role), ("establecimiento", m.school), ("fortalezas", m.strengths), ("contacto", m.contact)]
        where v[key]?.textValue.map({ !$0.isEmpty }) == true {
            if let old, !old.isEmpty { was["antes." + key] = old }
        }
        if let new = v["nombre"]?.textValue, !new.isEmpty {
            m.name = new
            said.append("nombre \(new)")
        }
        if let role = v["rol"]?.textValue, !role.isEmpty {
            m.role = role
            said.append("rol \(role)")
        }
        if let school = v["establecimiento"]?.textValue, !school.isEmpty {
            m.school = SpanishFormat.institutionName(school)
            said.append("establecimiento \(m.school ?? school)")
        }
        if let strengths = v["fortalezas"]?.textValue, !strengths.isEmpty {
            m.strengths = strengths
            said.append("aporte «\(strengths)»")
        }
        if let contact = v["contacto"]?.textValue, !contact.isEmpty {
            m.contact = contact
            said.append("contacto \(contact)")
        }
        if let org = v["organizacion"]?.textValue, let o = Self.organization(org, in: snapshot) {
            m.organization = o.id
            said.append("organización \(o.name)")
        }
        guard !said.isEmpty else { throw StoreError.notFound("el dato nuevo") }
        try w.store.saveMember(m, network: snapshot.network.id)
        // Records name people by name: the ones that named the old name now name the new one.
        if m.name != name { try PersonRename.renamed(name, to: m.name, in: snapshot, with: w) }
        // A rename is not put back by «deshacer» (the records that named the old name changed too).
        if m.name != name { was = [:] }
        if said.count == 1, let contact = v["contacto"]?.textValue {
            return was.merging(["id": m.id, "resumen": "el contacto de \(m.name) ahora es \(contact)."]) { $1 }
        }
        let who = m.name != name ? "\(name) ahora es \(m.name)" : "\(m.name) quedó con"
        let rest = said.filter { !$0.hasPrefix("nombre ") }
        let resumen = m.name != name && !rest.isEmpty ? "\(who), con \(SlotValue.joinSpanish(rest))."
            : m.name != name ? "\(who)." : "\(who) \(SlotValue.joinSpanish(rest))."
        return was.merging(["id": m.id, "resumen": resumen]) { $1 }
    }

    /// «deshacer» right after a member's role, school, contact or contribution changed: this flow
    /// puts back what the record said (confirmed first). Fields that were empty are not emptied.
    func undo(_ record: String, context: EngineContext) -> Undo? {
        guard let before = context.lastSave?.before, let s = context.snapshot,
              let m = s.members.first(where: { $0.id == record && !$0.isOut }) else { return nil }
        var values: SlotValues = ["miembro": .text(m.name)]
        for key in ["rol", "establecimiento", "fortalezas", "contacto"] {
            if let old = before["antes." + key] { values[key] = .text(old) }
        }
        return values.count > 1 ? Undo(flow: id, values: values) : nil
    }

    /// «me cambiaron de escuela, ahora estoy en la escuela Crucero, actualiza mis datos»: the
    /// speaker, a member, says in first person that she works somewhere else now. The school is
    /// the last one named (the first «escuela» may be the word alone).
    static func ownNewSchool(_ message: Utterance, members: some Collection<Member>, context: EngineContext) -> (member: String, school: String)? {
        let t = message.phrase.tokens
        // «mi escuela ahora es el liceo X», «cambia mi escuela, no es …, es el liceo de Tomé»,
        // «mi liceo es el …»: «mi» right before a school's word is the speaker's too (qa30 C4).
        let mySchool = zip(t, t.dropFirst()).contains { $0 == "mi" && fieldWords[$1] == "establecimiento" }
        guard mySchool || t.contains(where: ["me", "mis", "estoy", "trabajo", "yo"].contains),
              t.contains(where: { changeWords.contains($0) || ["cambiaron", "cambie", "movieron", "trasladaron", "ahora"].contains($0) })
                || (mySchool && t.contains("es")),
              let me = context.userName, let m = members.first(where: { TextFold.fold($0.name) == TextFold.fold(me) }) else { return nil }
        guard let (_, school) = schoolSaid(message.clean), TextFold.fold(school) != TextFold.fold(m.school ?? "") else { return nil }
        return (m.name, SpanishFormat.institutionName(school))
    }

    /// The school a message names last, from its institution word («la escuela Los Pinos», «el
    /// liceo de Tomé») up to a comma or a word that opens another clause, with where it starts
    /// (in words). Nil without one, or with the institution word alone.
    static func schoolSaid(_ text: String) -> (at: Int, school: String)? {
        let words = text.split(separator: " ").map(String.init)
        let folded = words.map { Phrase($0).tokens.joined(separator: " ") }
        guard let k = folded.lastIndex(where: { EditarEncuentroFlow.institutions.contains($0) || TerritoryReading.schoolWords.contains($0) }), k + 1 < words.count,
              !words[k].hasSuffix(",") else { return nil }
        var end = k + 1
        while end < words.count, !["y", "que", "actualiza", "cambia", "porfa", "desde", "me", "para"].contains(folded[end]) {
            end += 1
            if words[end - 1].hasSuffix(",") || words[end - 1].hasSuffix(".") { break }
        }
        let school = words[k..<end].joined(separator: " ").trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
        guard school.split(separator: " ").count >= 2 else { return nil }
        return (k, school)
    }

    /// «marcela se cambió a la escuela Los Pinos», «Marcela ahora trabaja en la escuela Los
    /// Pinos», «al Rodrigo lo trasladaron al liceo de Tomé»: a member, named before it, moved to
    /// another school (issue 12: «No te entendí», or a meeting scheduled with «ahora» as its hour).
    /// Words checked first: a word of moving and an institution word after the member.
    static func movedSchool(_ message: Utterance, of s: NetworkSnapshot) -> (member: Member, school: String)? {
        let t = message.phrase.tokens
        guard t.contains(where: movedWords.contains), !message.questionMarked,
              let (k, school) = schoolSaid(message.clean), k >= 1 else { return nil }
        let before = message.clean.split(separator: " ").prefix(k).joined(separator: " ")
        // A moving word before the school, said of the member: «ahora trabaja en», «se cambió a».
        guard Phrase(before).tokens.contains(where: movedWords.contains), let m = member(in: before, of: s),
              TextFold.fold(school) != TextFold.fold(m.school ?? "") else { return nil }
        return (m, SpanishFormat.institutionName(school))
    }

    /// Words that say someone moved to another place of work.
    static let movedWords: Set<String> = ["cambio", "cambiaron", "movieron", "trasladaron", "traslado", "trasladada", "trasladado", "ahora",
                                          "paso", "pasaron", "fue", "cambiamos", "cambiaste"]

    /// What Minga has about a member, so the person sees what may need changing.
    static func profile(_ m: Member, in s: NetworkSnapshot) -> String {
        var parts: [String] = []
        if let r = m.role { parts.append("rol \(r)") }
        if let school = m.school { parts.append("establecimiento \(school)") }
        if let c = m.contact { parts.append("contacto \(c)") }
        if let o = m.organization, let org = s.organizations.first(where: { $0.id == o }) { parts.append("organización \(org.name)") }
        if let f = m.strengths { parts.append("aporta «\(f)»") }
        return parts.isEmpty ? "De \(m.name) tengo solo el nombre." : "De \(m.name) tengo: \(parts.joined(separator: "; "))."
    }

    // MARK: Reading the request

    /// The fields a message names with their new values («el rol de Juan, es jefe de UTP», «el
    /// nombre de Patricia a Patricia Lagos y la escuela es Deprov Concepción»), the fields named in
    /// order, and the message without the values (where the member is named). Nil when no field is named.
    static func fields(in text: String, members: some Collection<Member>) -> (values: SlotValues, named: [String], rest: String)? {
        let words = text.split(separator: " ").map(String.init)
        let t = words.map { Phrase($0).tokens.joined(separator: " ") }
        let firstNames = Set(members.compactMap { Phrase($0.name).tokens.first })
        var marks: [(at: Int, field: String)] = []
        for (i, w) in t.enumerated() {
            guard let field = fieldWords[w], !marks.contains(where: { $0.field == field }) else { continue }
            marks.append((i, field))
        }
        guard !marks.isEmpty else { return nil }
        var values: SlotValues = [:]
        var named: [String] = []
        var kept = words
        for (n, mark) in marks.enumerated() {
            named.append(mark.field)
            let end = n + 1 < marks.count ? marks[n + 1].at : words.count
            // The value follows the first lead of the field's stretch: «el nombre de X a …», «el rol es …».
            guard let lead = t[(mark.at + 1)..<end].firstIndex(where: valueLeads.contains) else { continue }
            var k = lead
            while k < end, valueLeads.contains(t[k]) { k += 1 }
            // «el nombre a la Patricia, es Patricia Rivas»: what follows the first lead only says
            // whose name; the value follows the next lead.
            if let next = t[k..<end].firstIndex(where: valueLeads.contains), t[k..<next].contains(where: firstNames.contains) {
                k = next
                while k < end, valueLeads.contains(t[k]) { k += 1 }
            }
            // The value ends before the next field's «y la», «, el».
            var stop = end
            while stop > k, ["y", "e", "la", "el", "su", "de", "del", ""].contains(t[stop - 1]) { stop -= 1 }
            while stop > k, ["no", "mas", "po", "nomas", "porfa", "por", "favor"].contains(t[stop - 1]) { stop -= 1 }
            guard stop > k else { continue }
            let raw = words[k..<stop].joined(separator: " ").trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
            guard !raw.isEmpty, let value = value(raw, field: mark.field) else { continue }
            values[mark.field] = value
            for i in k..<stop { kept[i] = "" }
        }
        return (values, named, kept.filter { !$0.isEmpty }.joined(separator: " "))
    }

    /// «la Patricia es de Deprov Concepción, no de Lota», «el Juan es director, no docente»: the
    /// value said before the «no» that denies the old one; a role when it names one, else the school.
    static func correction(in text: String) -> (values: SlotValues, named: [String], rest: String)? {
        let words = text.split(separator: " ").map(String.init)
        let t = words.map { Phrase($0).tokens.joined(separator: " ") }
        guard let es = t.firstIndex(where: { $0 == "es" || $0 == "trabaja" }), let no = t[(es + 1)...].firstIndex(of: "no"),
              no > es + 1, !t[(es + 1)..<no].contains(where: fieldWords.keys.contains) else { return nil }
        let raw = words[(es + 1)..<no].joined(separator: " ").trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
        let said = Array(t[(es + 1)..<no])
        let field: String
        let value: SlotValue
        if let role = IncorporacionFlow.role(in: said), let label = IncorporacionFlow.roleLabels[role] {
            (field, value) = ("rol", .text(label))
        } else if IncorporacionFlow.role(in: Array(t[(no + 1)...])) != nil, let label = role(raw) {
            // «es coordinador comunal, no profesor encargado»: what is denied is a role, so the new one is too.
            (field, value) = ("rol", .text(label))
        } else {
            var school = Substring(raw)
            for lead in ["en el ", "en la ", "en ", "del ", "de la ", "de el ", "de "] where school.lowercased().hasPrefix(lead) {
                school = school.dropFirst(lead.count)
                break
            }
            guard !school.isEmpty else { return nil }
            (field, value) = ("establecimiento", .text(SpanishFormat.institutionName(String(school))))
        }
        let rest = (words[..<es] + words[no...]).joined(separator: " ")
        return ([field: value], [field], rest)
    }

    /// A field's value as the slot keeps it: a role with its label, a contact as typed.
    static func value(_ raw: String, field: String) -> SlotValue? {
        switch field {
        case "rol":
            return role(raw).map(SlotValue.text)
        case "contacto":
            return contact(in: raw).map(SlotValue.text)
        case "nombre":
            return PeopleParser.looksLikeName(raw) ? .text(SpanishFormat.properName(raw)) : nil
        case "establecimiento":
            return .text(SpanishFormat.properName(raw))
        default:
            return .text(raw)
        }
    }

    /// A role as the member's record keeps it: a role Minga knows with its label («jefe de UTP» →
    /// «jefe/a UTP»), any other as said («coordinador comunal»). Nil for an empty text.
    static func role(_ raw: String) -> String? {
        let t = Phrase(raw).tokens
        // «encargado de convivencia»: a post the role choices don't have, in its own words (it
        // was «otro», so the change said it was already so: pass 8, 16-3).
        if IncorporacionFlow.role(in: t) ?? "otro" == "otro", let post = IncorporacionFlow.post(in: raw.split(separator: " ").map(String.init)) {
            return post
        }
        if let role = IncorporacionFlow.role(in: t), let label = IncorporacionFlow.roleLabels[role] { return label }
        if !Set(t).isDisjoint(with: ["sostenedora", "sostenedor", "slep", "daem"]) && t.count <= 2 { return IncorporacionFlow.roleLabels["sostenedor"] }
        let said = raw.trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
        return said.isEmpty ? nil : said.prefix(1).lowercased() + said.dropFirst()
    }

    /// The field a text names: «el nombre», «la escuela», «el teléfono».
    static func field(_ text: String) -> String? {
        Phrase(text).tokens.lazy.compactMap { fieldWords[$0] }.first
    }

    /// True when a contact word follows «mi»/«mis» («mi cel es…», «mi número de teléfono»,
    /// «mis datos: mi correo…»): the speaker's own contact.
    static func saysOwnContact(_ t: [String]) -> Bool {
        t.indices.dropFirst().contains { i in
            contactWords.contains(t[i]) && (["mi", "mis"].contains(t[i - 1]) || (i >= 3 && t[i - 1] == "de" && ["mi", "mis"].contains(t[i - 3])))
        }
    }

    /// «+56 9 1234 5678» as typed, or an e-mail; nil when the text has neither.
    static func contact(in text: String) -> String? {
        if let mail = ContactParser.email(text) {
            // «+56 9 8765 4321 y flagos@gmail.com»: both kept (the phone was lost).
            let rest = text.split(separator: " ").filter { ContactParser.email(String($0)) == nil }.joined(separator: " ")
            if let phone = contact(in: rest) { return phone + ", " + mail }
            return mail
        }
        guard ContactParser.phone(text) != nil,
              let first = text.firstIndex(where: { $0 == "+" || $0.isNumber }),
              let last = text.lastIndex(where: \.isNumber), first <= last else { return nil }
        return String(text[first...last])
    }

    /// The one member the text names: by first name, or, when several share it, by the whole name.
    /// «el luis pino se llama Luis Pino no más, orientador es el cargo», «el Rene se llama Rene
    /// Vargas, es jefe de especialidad, corrígelo»: a member named before «se llama», the name
    /// after it (up to a comma or «no»), and a role said in another part («es …», «… es el cargo»).
    static func renamed(_ text: String, of s: NetworkSnapshot, flow: FlowDefinition, context: EngineContext) -> (SlotValues, [String])? {
        let words = text.split(separator: " ").map(String.init)
        let t = words.map { Phrase($0).tokens.joined(separator: " ") }
        guard let at = t.indices.dropFirst().first(where: { t[$0] == "llama" && t[$0 - 1] == "se" }), at > 1,
              let m = member(in: words[..<(at - 1)].joined(separator: " "), of: s) else { return nil }
        var name: [String] = []
        var end = at + 1
        while end < words.count {
            if ["no", "y", "es", "pero"].contains(t[end]) { break }
            let w = words[end]
            let last = w.last.map { ",.;".contains($0) } ?? false
            name.append(last ? String(w.dropLast()) : w)
            end += 1
            if last { break }
        }
        guard name.count >= 2, name.count <= 5 else { return nil }
        let fixed = name.map { w in ["de", "del", "la", "los"].contains(w.lowercased()) ? w : w.prefix(1).uppercased() + w.dropFirst() }.joined(separator: " ")
        var values: SlotValues = ["miembro": .text(m.name), "campo": .text("nombre")]
        var echo: [String] = []
        if fixed != m.name {
            values["nombre"] = .text(fixed)
            echo.append("nombre: \(fixed)")
        }
        // The role: «…, es jefe de especialidad», «…, orientador es el cargo».
        let rest = words[end...].joined(separator: " ")
        for part in rest.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "." }) {
            let p = part.split(separator: " ").map(String.init)
            let f = p.map { Phrase($0).tokens.joined(separator: " ") }
            var role: [String] = []
            if let es = f.firstIndex(of: "es"), es > 0, f[(es + 1)...].contains(where: { ["cargo", "rol"].contains($0) }) {
                role = Array(p[..<es])
            } else if f.first == "es", p.count > 1 {
                role = Array(p.dropFirst())
            }
            while let first = role.first, ["el", "la", "su", "mas", "no"].contains(Phrase(first).tokens.joined()) { role.removeFirst() }
            if !role.isEmpty, role.count <= 5 {
                values["rol"] = .text(role.joined(separator: " "))
                echo.append("rol: \(role.joined(separator: " "))")
                break
            }
        }
        guard values["nombre"] != nil || values["rol"] != nil else { return nil }
        if values["nombre"] == nil { values["campo"] = .text("rol") }
        return (values, echo)
    }

    static func member(in text: String, of s: NetworkSnapshot) -> Member? {
        let said = Phrase(text).tokens
        let named = s.members.filter { m in Phrase(m.name).tokens.first.map(said.contains) ?? false }
        if named.count == 1, otherSurname(of: named[0], in: text) { return nil }
        if named.count <= 1 { return named.first }
        let whole = named.filter { m in
            let words = Phrase(m.name).tokens
            return said.indices.contains { i in Array(said[i...].prefix(words.count)) == words }
        }
        // «Patricia Lagos» also starts with «Patricia»: the longest name said is the one meant.
        let longest = whole.map { Phrase($0.name).tokens.count }.max()
        let best = whole.filter { Phrase($0.name).tokens.count == longest }
        return best.count == 1 ? best[0] : nil
    }

    /// «agrega a la profe Marta Painemal, …» when the network has Marta Rivas: the first name
    /// said is always followed by another capitalised surname, so someone else is meant (qa31:
    /// Marta Rivas's role and school were offered to be changed to the newcomer's).
    static func otherSurname(of m: Member, in text: String) -> Bool {
        let own = Phrase(m.name).tokens
        guard own.count >= 2 else { return false }
        let words = text.split(separator: " ").map { String($0).trimmingCharacters(in: .punctuationCharacters) }
        let folded = words.map(TextFold.fold)
        let at = folded.indices.filter { folded[$0] == own[0] }
        guard !at.isEmpty else { return false }
        return at.allSatisfy { i in
            guard i + 1 < words.count, let c = words[i + 1].first, c.isUppercase else { return false }
            return folded[i + 1] != own[1] && !own.contains(folded[i + 1])
        }
    }

    /// An organisation of the network by its name or a word of it («el CESFAM»).
    static func organization(_ text: String, in s: NetworkSnapshot) -> Organization? {
        let folded = TextFold.fold(text)
        if let exact = s.organizations.first(where: { TextFold.fold($0.name) == folded || $0.id.lowercased() == folded }) { return exact }
        let said = Set(Phrase(text).tokens)
        let hits = s.organizations.filter { !Set(Phrase($0.name).tokens).filter { $0.count > 3 }.isDisjoint(with: said) }
        return hits.count == 1 ? hits[0] : nil
    }

    /// The fields this flow changes (`campo` only says which one to ask).
    static let editedFields = ["nombre", "rol", "establecimiento", "fortalezas", "contacto", "organizacion"]
    /// How a message names each field.
    static let fieldWords: [String: String] = [
        "nombre": "nombre", "apellido": "nombre", "rol": "rol", "cargo": "rol",
        "escuela": "establecimiento", "establecimiento": "establecimiento", "colegio": "establecimiento", "liceo": "establecimiento",
        "institucion": "establecimiento", "aporta": "fortalezas", "aporte": "fortalezas", "fortalezas": "fortalezas", "fortaleza": "fortalezas",
        "contacto": "contacto", "telefono": "contacto", "numero": "contacto", "fono": "contacto", "celular": "contacto", "correo": "contacto",
        "mail": "contacto", "email": "contacto", "organizacion": "organizacion",
    ]
    static let contactWords: Set<String> = ["numero", "telefono", "fono", "celular", "cel", "correo", "mail", "email", "contacto", "whatsapp"]
    /// What comes between a field and its new value: «el rol es …», «el nombre de X a …».
    static let valueLeads: Set<String> = ["es", "sea", "son", "queda", "quedaria", "seria", "a", "por", "correcta", "correcto", "completo", "real"]
    /// How a request names a member without saying who: «corregir a un miembro».
    static let memberWords: Set<String> = ["miembro", "miembros", "integrante", "integrantes"]
    /// Words that ask to change or fix something already saved.
    static let changeWords: Set<String> = Set(DialogEngine.wrongWords).union([
        "cambiar", "cambia", "cambiale", "cambiemos", "corregir", "corrige", "corrijamos", "corregi", "editar", "edita", "actualizar",
        "actualiza", "equivoque", "equivocamos", "equivocaste", "error", "ojo",
    ])
    /// Requests about another record: its own flow changes it.
    static let otherRecords: Set<String> = ["encuentro", "reunion", "acuerdo", "acuerdos", "sondeo", "reflexion", "jornada", "consejo", "red", "plazo",
                                            "fecha", "hora", "evidencia", "responsable", "responsables", "meta", "objetivo", "proposito",
                                            "texto", "redaccion", "decision", "norma"]
}
