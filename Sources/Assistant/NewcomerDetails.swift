import CivilTime
import DialogEngine
import Domain
import Understanding

extension SharedReadings {
    func newcomerDetails(_ names: [String], in text: String) -> [String] {
        names.map { NewcomerDetails.about($0, in: text, before: true) ?? "" }
    }

    /// «la Rosa Huenchuman, profesora de la escuela Lolocura, y el Pedro» where Rosa is a member
    /// with only her name: her role and school are filled; a member whose record says another
    /// school or role is asked about it (an `editar_miembro` change after the flow at hand).
    func knownDetails(_ names: [String], in text: String, context: EngineContext) -> KnownDetails? {
        // Cheap gate: a description says a role or an institution.
        // The turn's own words when `text` is the message (it always is from the engine).
        let t = (context.said.flatMap { $0.clean == text ? $0.phrase : nil } ?? Phrase(text)).tokens
        guard t.contains(where: { IncorporacionFlow.roleWords[$0] != nil || EditarEncuentroFlow.institutions.contains($0) || $0.hasPrefix("jef") }),
              let s = context.snapshot?.live else { return nil }
        var fill: [String] = [], about: [String] = [], then: [FollowingRequest] = []
        for name in names {
            guard let m = s.members.first(where: { $0.name == name }) else { continue }
            // The name as the message says it: whole, or the first name alone («la Rosa, profesora de…»).
            let first = name.split(separator: " ").first.map(String.init) ?? name
            guard let aboutSaid = NewcomerDetails.about(name, in: text) ?? (first == name ? nil : NewcomerDetails.about(first, in: text)),
                  case let said = NewcomerDetails.strengthApart(aboutSaid).details, !said.isEmpty,
                  let read = IncorporarVariosFlow.kept(name + " (" + said + ")").first else { continue }
            var parts: [String] = []
            var change: SlotValues = [:]
            if let role = read.role {
                if m.role == nil { parts.append(role) } else if !NewcomerDetails.sameRole(m.role!, role) { change["rol"] = .text(role) }
            }
            if let school = read.school {
                if m.school == nil { parts.append(school) } else if !NewcomerDetails.sameSchool(m.school!, school) { change["establecimiento"] = .text(school) }
            }
            if !parts.isEmpty { fill.append(name); about.append(parts.joined(separator: ", ")) }
            if !change.isEmpty {
                let fields = ["rol", "establecimiento"].filter { change[$0] != nil }
                let shown = fields.compactMap { f in change[f]?.textValue.map { (f == "rol" ? "rol " : "establecimiento ") + $0 } }
                var values: SlotValues = ["miembro": .text(m.name), "campo": .text(fields[0])]
                for (k, v) in change { values[k] = v }
                then.append(FollowingRequest(flow: "editar_miembro", request: "\(m.name): " + shown.joined(separator: ", "), values: values, reads: false))
            }
        }
        return fill.isEmpty && then.isEmpty ? nil : KnownDetails(names: fill, about: about, then: then)
    }
}

/// Who a newcomer is, as the message said it right after their name: «Marisol Catrileo de la
/// escuela Tranaquepe», «Lorena Campusano (escuela Maitencillo)», «Luis Mamani, director de la
/// escuela de Matilla». Shown as `IncorporarVariosFlow.shown` shows a person's details («director/a,
/// Escuela de Matilla») and read back by `IncorporarVariosFlow.kept` when the member is saved
/// (qa25 c2/c7: the school was lost when the person was added from participants or attendance).
enum NewcomerDetails {
    /// What opens a description after a name (without a comma before it).
    private static let leads: Set<String> = ["de", "del"]
    /// What ends it: the next person, another clause.
    private static let stops: Set<String> = [",", ";", ".", ":", ")", "y", "e", "que", "pero", "porque", "para", "con", "se"]

    /// The members to save for `names` offered with `about` (`Effect.addMembers`): each with
    /// the role and school said with them («Marisol Catrileo de la escuela Tranaquepe»).
    static func members(_ names: [String], about: [String], since: LocalDate) -> [Member] {
        var out: [Member] = []
        for (i, name) in names.enumerated() {
            var m = Member(id: "", name: name, since: since)
            let (details, strength) = i < about.count ? strengthApart(about[i]) : ("", nil)
            m.strengths = strength
            if !details.isEmpty, let said = IncorporarVariosFlow.kept(name + " (" + details + ")").first {
                m.role = said.role
                m.school = said.school
            }
            out.append(m)
        }
        return out
    }

    /// Two ways of saying one role: «profesora» and «docente» are the same; a post is compared in its words.
    static func sameRole(_ a: String, _ b: String) -> Bool {
        let ka = IncorporacionFlow.role(in: Phrase(a).tokens), kb = IncorporacionFlow.role(in: Phrase(b).tokens)
        if let ka, let kb, ka != "otro", kb != "otro" { return ka == kb }
        return Phrase(a).tokens == Phrase(b).tokens
    }

    /// Two ways of saying one school: «Escuela Rural Lolocura» and «escuela Lolocura» (one
    /// name's words within the other's, the institution words and articles aside).
    static func sameSchool(_ a: String, _ b: String) -> Bool {
        let plain = { (s: String) in Phrase(s).tokens.filter { !EditarEncuentroFlow.institutions.contains($0) && !["de", "del", "la", "el", "los", "las", "rural", "basica"].contains($0) } }
        let x = plain(a), y = plain(b)
        guard !x.isEmpty, !y.isEmpty else { return Phrase(a).tokens == Phrase(b).tokens }
        return Set(x).isSubset(of: Set(y)) || Set(y).isSubset(of: Set(x))
    }

    /// `before`: what is said right before the name counts too («el director de la escuela los
    /// boldos Marcelo Riquelme»), for a newcomer only (a member's post is read as said after it).
    static func about(_ name: String, in text: String, before: Bool = false) -> String? {
        let words = tokens(text)
        guard words.count > 1 else { return nil }
        let folded = words.map { $0.count == 1 && punctuation.contains($0) ? $0 : TextFold.fold($0) }
        let own = tokens(name).map { TextFold.fold($0) }
        guard !own.isEmpty, own.count < folded.count,
              let i = (0...(folded.count - own.count)).first(where: { folded[$0..<($0 + own.count)].elementsEqual(own) }) else { return nil }
        var j = i + own.count
        // «el director de la escuela los boldos Marcelo Riquelme»: what he is, said before him.
        guard j < words.count else { return before ? described(saidBefore(i, words: words, folded: folded), strength: nil) : nil }
        var said: [String] = []
        // «…, sabe harto de lectura inicial»: what the person brings, said in a clause of its own.
        var strength: String?
        if folded[j] == "(" {
            j += 1
            while j < words.count, folded[j] != ")", said.count < 10 { said.append(words[j]); j += 1 }
        } else {
            // «Luis Mamani, director de …»: after a comma, only a post or a school describes him.
            // «Marta Painemal, es profe encargada de…»: the same after «es» (issue 12: her role,
            // school and strength were lost when she was added from the purpose's participants).
            if folded[j] == "," { j += 1 }
            if j + 1 < words.count, folded[j - 1] == ",", copulas.contains(folded[j]) { j += 1 }
            // («jefa UTP», «jefe técnico»: «jefa» opens a post too.)
            // «Patricia Ojeda, coordinadora de convivencia del DAEM…»: a post in its words too (qa38 c14).
            guard j < words.count, leads.contains(folded[j]) || IncorporacionFlow.roleWords[folded[j]] != nil
                    || EditarEncuentroFlow.institutions.contains(folded[j]) || folded[j] == "jefa" || folded[j] == "jefe"
                    || qualifiedPost(words[j...]) != nil else {
                return before ? described(saidBefore(i, words: words, folded: folded), strength: nil) : nil
            }
            while j < words.count, !stops.contains(folded[j]), said.count < 10 {
                said.append(words[j]); j += 1
            }
            // «Jorge Llanquileo de la escuela Pedregoso, es director, sabe de…»: each clause after
            // a comma that says a post, a school or what the person knows adds to it.
            while j + 1 < words.count, folded[j] == "," {
                var k = j + 1
                if k + 1 < words.count, copulas.contains(folded[k]) { k += 1 }
                if strengthVerbs.contains(folded[k]), strength == nil {
                    var clause: [String] = []
                    while k < words.count, ![",", ";", ".", ":", ")"].contains(folded[k]), clause.count < 10 { clause.append(words[k]); k += 1 }
                    let known = IncorporacionFlow.strength(clause.joined(separator: " "))
                    strength = known.isEmpty ? nil : known
                    j = k
                    continue
                }
                guard leads.contains(folded[k]) || IncorporacionFlow.roleWords[folded[k]] != nil
                        || EditarEncuentroFlow.institutions.contains(folded[k]) else { break }
                said.append(",")
                while k < words.count, !stops.contains(folded[k]), said.count < 20 { said.append(words[k]); k += 1 }
                j = k
            }
        }
        return described(said, strength: strength)
    }

    /// «el director de la escuela los boldos» right before a name (from the clause's start): the
    /// words of a post and where it is held, as `about` reads those after a name; empty when the
    /// clause does not open (past its articles) with a post, or names no institution.
    private static func saidBefore(_ i: Int, words: [String], folded: [String]) -> [String] {
        var k = i
        while k > 0, !stops.contains(folded[k - 1]), i - k < 10 { k -= 1 }
        var from = k
        while from < i, ["el", "la", "los", "las"].contains(folded[from]) { from += 1 }
        guard from < i, IncorporacionFlow.roleWords[folded[from]] != nil || folded[from].hasPrefix("jef"),
              folded[from..<i].contains(where: EditarEncuentroFlow.institutions.contains) else { return [] }
        return Array(words[from..<i])
    }

    /// «coordinadora de convivencia», «coordinadora comunal»: a post word and what qualifies it, up
    /// to the institution, the network or the clause's end. A bare «coordinadora del DAEM…» or
    /// «facilitadora de la red» is none: the sostenedor and the post in the network read it.
    static func qualifiedPost(_ words: ArraySlice<String>) -> String? {
        var w: [String] = [], f: [String] = []
        for word in words.prefix(6) {
            let k = TextFold.fold(word)
            if punctuation.contains(word) || postStops.contains(k) || EditarEncuentroFlow.institutions.contains(k) { break }
            w.append(word); f.append(k)
        }
        // «coordinadora comunal de Puerto Varas»: «de» and a commune say where, not which post.
        if let d = f.indices.dropFirst(2).first(where: { ["de", "en"].contains(f[$0]) && ChileanCommunes.lookup(f[($0 + 1)...].joined(separator: " ")) != nil }) {
            w.removeSubrange(d...); f.removeSubrange(d...)
        }
        while let last = f.last, ["de", "del", "la", "el", "los", "las", "en", "al"].contains(last) { w.removeLast(); f.removeLast() }
        guard let first = f.first, IncorporacionFlow.postWords.contains(first), f.count >= 2 else { return nil }
        return w.joined(separator: " ").lowercased()
    }

    /// Words that end a post said in its words: the network, the writer's sostenedor, another clause.
    private static let postStops: Set<String> = ["red", "redes", "microcentro", "microcentros", "rme", "dem", "daem", "slep", "deprov",
                                                 "corporacion", "municipalidad", "municipio", "mineduc", "y", "e", "es", "que", "pero", "con", "para"]

    /// What `said` (a post, a school, clauses after commas) and `strength` tell of a person, as
    /// shown with their name; nil when nothing.
    private static func described(_ said: [String], strength: String?) -> String? {
        guard !said.isEmpty || strength != nil else { return nil }
        let clauses = said.split(separator: ",").map { $0.joined(separator: " ") }
        let t = said.filter { $0 != "," }.map { TextFold.fold($0) }
        var role: String?
        if let r = IncorporacionFlow.role(in: t) {
            role = r == "otro" ? IncorporacionFlow.post(in: said.filter { $0 != "," }) : IncorporacionFlow.roleLabels[r] ?? r
        } else if let head = MemberRequest.officeHead(t) {
            // «jefa DAEM de Puerto Varas»: who heads an office, in its words.
            role = head
        } else if let post = qualifiedPost(said[...]) {
            // «coordinadora de convivencia del DAEM…»: a post no listed role names, in its words.
            role = post
        }
        var school: String?
        for clause in clauses {
            school = MemberRequest.school(in: clause, afterName: true) ?? MemberRequest.school(in: clause)
            // «del lunes», «de carrizalillo»: a school has its institution word or a capital.
            if let s = school, !(s.split(separator: " ").first.map({ EditarEncuentroFlow.institutions.contains(TextFold.fold(String($0))) }) ?? false),
               s.first?.isUppercase != true {
                school = nil
            }
            if school != nil { break }
        }
        let parts = [role, school.map(SpanishFormat.institutionName), strength.map { strengthLead + $0 }].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// How what a newcomer brings is shown among their details, and found again when saved.
    static let strengthLead = "aporta: "
    private static let copulas: Set<String> = ["es", "era"]
    private static let strengthVerbs: Set<String> = ["sabe", "maneja", "aporta"]

    /// `about` split into what `IncorporarVariosFlow.kept` reads (role, school) and what the
    /// person brings (after `strengthLead`), if said.
    static func strengthApart(_ about: String) -> (details: String, strength: String?) {
        var parts = about.components(separatedBy: ", ")
        guard let k = parts.firstIndex(where: { $0.hasPrefix(strengthLead) }) else { return (about, nil) }
        let strength = String(parts.remove(at: k).dropFirst(strengthLead.count))
        return (parts.joined(separator: ", "), strength.isEmpty ? nil : strength)
    }

    private static let punctuation: Set<String> = ["(", ")", ",", ";", ".", ":"]

    /// Words, with brackets and the punctuation that ends a piece as words of their own.
    private static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        for raw in text.split(separator: " ") {
            var w = Substring(raw)
            while let f = w.first, f == "(" { out.append("("); w = w.dropFirst() }
            var tail: [String] = []
            while let l = w.last, [")", ",", ";", ".", ":"].contains(l) { tail.insert(String(l), at: 0); w = w.dropLast() }
            if !w.isEmpty { out.append(String(w)) }
            out += tail
        }
        return out
    }
}
