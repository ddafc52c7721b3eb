import CivilTime
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/incorporacion.yaml`: a new member. Before saying what they bring, they hear what
/// the network is about: purpose, next meeting and open agreements.
struct IncorporacionFlow: MingaFlow {
    let id = "incorporacion"
    let saveKind: String? = "member"
    let slotNames = ["nombre", "rol", "establecimiento", "contacto", "fortalezas", "reemplaza"]

    /// «reemplaza» is only ever said, in the first message (`replaced`).
    func asks(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Bool { slot.name != "reemplaza" }

    /// «reemplazo a la paola que se cambio de escuela», «vengo en reemplazo de Paola Huenchual»:
    /// the member of the network whose place the newcomer takes (one member, by full or first
    /// name), and the reason said after «que» or «porque»; shown «Paola Huenchual (se cambio de
    /// escuela)». Nil when no «reemplaz…» word, or the name is nobody's or several people's.
    static func replaced(in text: String, members: [String], writer: String?) -> String? {
        let words = text.split(whereSeparator: { $0 == " " }).map(String.init)
        let f = words.map { TextFold.fold($0).filter { $0.isLetter } }
        // («vengo en lugar de la Paola»: the same.)
        guard let r = f.firstIndex(where: { $0.hasPrefix("reemplaz") })
                ?? f.indices.dropFirst().dropLast(2).first(where: { f[$0] == "lugar" && f[$0 - 1] == "en" && f[$0 + 1] == "de" }) else { return nil }
        var k = r + 1
        while k < f.count, ["a", "al", "de", "del", "la", "el", "mi", "colega", "profe", "tia"].contains(f[k]) { k += 1 }
        guard k < f.count else { return nil }
        let others = members.filter { $0 != writer }
        // The longest run of words naming one member: «paola huenchual», else «paola».
        var who: String?, end = k
        for n in stride(from: min(3, f.count - k), through: 1, by: -1) {
            let said = f[k..<(k + n)].joined(separator: " ")
            let hits = others.filter { m in
                let mf = Phrase(m).tokens.joined(separator: " ")
                return mf == said || mf.hasPrefix(said + " ")
            }
            if hits.count == 1 { who = hits[0]; end = k + n; break }
            if hits.count > 1 { return nil }
        }
        guard let who else { return nil }
        // «…, que se cambio de escuela», «porque se fue a Osorno»: why, up to the clause's end.
        var reason: [String] = []
        var j = end
        if j < f.count, ["que", "porque", "quien"].contains(f[j]) {
            j += 1
            while j < words.count, reason.count < 12 {
                let w = words[j]
                reason.append(String(w.filter { !",.;:".contains($0) }))
                if w.hasSuffix(",") || w.hasSuffix(".") || w.hasSuffix(";") { break }
                j += 1
            }
        }
        let why = reason.joined(separator: " ").trimmingCharacters(in: .whitespaces)
        return why.isEmpty ? who : who + " (" + why + ")"
    }

    /// The newcomer saved, taking out whom they replace is offered: the deletion asks «¿Lo
    /// borro?» first, so nothing goes without a yes.
    func following(_ items: [FollowingRequest], saved values: SlotValues, context: EngineContext) -> [FollowingRequest] {
        let kept = items.filter { keepsFollowing($0, saved: values, context: context) }
        guard let said = values["reemplaza"]?.textValue else { return kept }
        let name = said.components(separatedBy: " (").first ?? said
        var given: SlotValues = [:]
        if let open = said.range(of: " ("), said.hasSuffix(")") {
            given["motivo"] = .text(String(said[open.upperBound..<said.index(before: said.endIndex)]))
        }
        return kept + [FollowingRequest(flow: "borrar_registro", request: "sacar a \(name) de la red", values: given)]
    }

    /// Whether the person typing onboards someone else: once the name is known, anyone but
    /// themself; before, when they already belong to the network («llegó un colega nuevo»).
    static func forOther(_ run: FlowRun, context: EngineContext) -> Bool {
        guard let user = context.userName else { return false }
        if let name = run.values["nombre"]?.textValue { return TextFold.fold(name) != TextFold.fold(user) }
        return context.snapshot?.members.contains { $0.name == user } ?? false
    }

    func question(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> String? {
        guard Self.forOther(run, context: context) else { return nil }
        switch slot.name {
        case "nombre": return "¿Cómo se llama? Nombre y apellido."
        case "rol": return "¿Qué rol tiene?"
        case "establecimiento": return "¿De qué escuela o institución viene?"
        case "contacto": return "¿Un correo o teléfono para escribirle? (o «saltar»)"
        case "fortalezas": return "¿Qué trae a la red? Una experiencia, un saber o algo que le guste hacer y pueda compartir."
        default: return nil
        }
    }

    /// The dialog file's help speaks to the newcomer; someone onboarding a colleague hears it
    /// about that colleague.
    func help(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> String? {
        guard Self.forOther(run, context: context) else { return nil }
        switch slot.name {
        case "nombre": return "El nombre con que la red la o lo conocerá."
        case "rol": return "Su cargo en la escuela o en la red."
        case "establecimiento": return "El establecimiento o servicio donde trabaja."
        case "contacto": return "Para que la red le pueda escribir."
        default: return nil
        }
    }

    /// «la María José Rojas, profe de lenguaje de la escuela El Manzano, su correo es …»: a whole
    /// profile in one message fills every field it says, instead of being refused as a name.
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        // A contact is an e-mail, a phone or a short handle: a sentence without one («acuerdo:
        // Javiera y Miriam arman el calendario…», «también quiero reflexionar sobre…») is some
        // other request, not this person's contact.
        // «y a la Marta Cid, es la supervisora del deprov» while Rosa is onboarded: someone else to
        // add, once this person is saved; the question stands.
        if slot.name != "nombre", let other = Self.anotherPerson(message, run: run) {
            let current = run.values["nombre"]?.textValue.map { " con " + String($0.split(separator: " ")[0]) } ?? ""
            return .fillThen([:], remark: "Anoto a \(other.name) para después: primero terminemos\(current).",
                             then: [FollowingRequest(flow: id, request: other.request, values: other.values)])
        }
        // «la Marta es la directora del jardín» while Rocío is onboarded: a sentence about another
        // named person fills none of Rocío's fields (qa20 A12: it became her role); «la Rocío en
        // realidad es del jardín Semillitas» corrects hers.
        if slot.name != "nombre", let said = Self.aboutSomeone(message, run: run, context: context) { return said }
        // «es jefa utp de la escuela Pablo Neruda» to «¿Qué rol tiene?»: the role, and the school
        // said with it (qa20 A3: the school was dropped and asked again).
        // Also when the rol is asked again from the review: the school said with it is the new one.
        if slot.name == "rol", let said = Self.roleAndSchool(message) {
            return .fill(said, remark: nil)
        }
        // «orientadora», «encargado de convivencia escolar» to «¿Qué rol tiene?»: a post none of
        // the choices names, kept in its words.
        if slot.name == "rol", Self.role(in: message.phrase.tokens) ?? "otro" == "otro",
           let post = Self.post(in: message.clean.split(separator: " ").map(String.init)) {
            return .fill(["rol": .text(post)], remark: nil)
        }
        // «dupla psicosocial», «monitora de deportes» to «¿Qué rol tiene?»: any short post that
        // names none of the other choices is kept in its words, not stored as a bare «otro»
        // (qa17: the words were lost).
        if slot.name == "rol", let post = Self.unlistedPost(message, slot: slot) {
            return .fill(["rol": .text(post)], remark: nil)
        }
        // «escuela El Manzano» to «¿Qué rol tiene?»: the school, said before it was asked; the
        // role is asked again.
        if slot.name == "rol", run.values["establecimiento"] == nil, Self.role(in: message.phrase.tokens) == nil,
           let first = message.phrase.tokens.first, EditarEncuentroFlow.institutions.contains(first),
           let school = MemberRequest.school(in: message.clean) {
            return .fill(["establecimiento": .text(school)], remark: "Anoté la escuela: \(school).")
        }
        // «mvenegas@gmail.com», «es la escuela Pablo Neruda y el correo es mvenegas@gmail.com» to
        // «¿De qué escuela?» (or as the school's new value at the review): an e-mail or a phone is
        // the contact, never part of the school (qa20 A3: stored as «Escuela Pablo Neruda y el
        // Correo Es Mvenegas@gmail.com»). The school is what the other words name, or asked again.
        if slot.name == "establecimiento", let contact = EditarMiembroFlow.contact(in: message.clean) {
            var values: SlotValues = ["contacto": .text(contact)]
            // The other words, clause by clause («escuela Los Copihues, su fono es …»).
            var rest = message.clean
            for part in contact.components(separatedBy: ", ") { rest = rest.replacingOccurrences(of: part, with: ",") }
            let clauses = rest.split(whereSeparator: { ",;".contains($0) }).map(String.init)
            if let school = clauses.lazy.compactMap({ MemberRequest.school(in: $0) ?? MemberRequest.school(in: $0, afterName: true) }).first {
                values["establecimiento"] = .text(school)
                return .fill(values, remark: nil)
            }
            return .fill(values, remark: "Anoté \(contact) como contacto.")
        }
        // «lectura en voz alta, hace un club de lectura…» to «¿De qué escuela?»: what the person
        // brings, said before it was asked; the school is asked again.
        if slot.name == "establecimiento", run.values["fortalezas"] == nil, MemberRequest.school(in: message.clean) == nil,
           message.phrase.tokens.count >= 5, Self.tellsStrength(message.clean) {
            return .fill(["fortalezas": .text(message.clean)], remark: "Eso lo anoto como lo que aporta a la red.")
        }
        if slot.name == "contacto" {
            if let contact = EditarMiembroFlow.contact(in: message.clean) {
                return message.phrase.tokens.count > 8 ? .fill(["contacto": .text(contact)], remark: nil) : nil
            }
            return message.phrase.tokens.count >= 4 && !Self.saysNoContact(message.phrase) ? .request : nil
        }
        // A name is never asked back: «¿cómo vamos con las metas? …» is a question, answered by the engine.
        guard slot.name == "nombre", !message.clean.contains("?") else { return nil }
        // «Ines Parra, Hugo Sepulveda y Maria Jara»: several people where one name goes. Taken
        // as one, they would make one member with everybody's name.
        // «son varios: Ximena Rojas directora escuela Los Niches, Hector Valdes jefe utp… y Carolina
        // Muñoz…» (qa25 c1: one member named «Son»): a short lead before a colon that says how many
        // come introduces the list; the people are added as «incorporar miembros: …» adds them.
        if let body = Self.listAfterLead(message.clean), let several = IncorporarVariosFlow.people("a: " + body) {
            let shown = IncorporarVariosFlow.shown(IncorporarVariosFlow.known(several, context: context))
            return .instead(flow: "incorporar-varios", values: ["miembros": .text(shown)], echo: [])
        }
        if let several = IncorporarVariosFlow.people("a: " + message.clean) {
            return .reask("Ahí vienen \(several.count) personas y aquí va una sola. Escríbeme un nombre; o escribe «cancelar» "
                + "y luego «incorporar miembros:» con la lista, y las sumo de una vez.")
        }
        let profile = Self.profile(message.clean)
        guard profile.count >= 2, profile["nombre"] != nil else { return nil }
        return .fill(profile, remark: nil)
    }

    /// «es jefa utp de la escuela Pablo Neruda»: the role (one of the choices) and the school
    /// said with it; nil when either is missing.
    static func roleAndSchool(_ message: Utterance) -> SlotValues? {
        let t = message.phrase.tokens
        guard let role = role(in: t), role != "otro",
              let first = t.firstIndex(where: EditarEncuentroFlow.institutions.contains), first > 0,
              let school = MemberRequest.school(in: message.clean) else { return nil }
        return ["rol": .choice(role), "establecimiento": .text(school)]
    }

    /// «es directora de la escuela los alamos» at the review: both fields it says change (the
    /// role alone changed, and the school said was lost). Not a sentence about someone else.
    func reviewChange(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        // «y es educadora diferencial, no docente» at the review: a post the list only files
        // under the role already shown is a correction of that role, so the post is kept in the
        // person's words (qa35 G: it became another profession, or «ya estaba así»).
        if case .choice(let now)? = run.values["rol"], let said = Self.postFiledUnder(now, in: message.phrase.tokens),
           Self.aboutSomeone(message, run: run, context: context) == nil {
            return .fill(["rol": .text(said)], remark: "Corregido: dejo su rol como «\(said)».")
        }
        guard message.phrase.tokens.count >= 4, Self.aboutSomeone(message, run: run, context: context) == nil,
              let said = Self.roleAndSchool(message) else { return nil }
        return .fill(said, remark: "Corregido.")
    }

    /// «son varios: …», «son 3: …», «aquí van: …», «los tres: …»: the words after the colon,
    /// when the lead before it only says that several people follow. Nil otherwise.
    static func listAfterLead(_ text: String) -> String? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let lead = Phrase(String(text[..<colon])).tokens
        guard !lead.isEmpty, lead.count <= 4, lead.contains(where: { Self.severalWords.contains($0) || Int($0) != nil || NumberParser.parse($0) != nil }),
              lead.allSatisfy({ Self.severalWords.contains($0) || Self.leadWords.contains($0) || Int($0) != nil || NumberParser.parse($0) != nil })
        else { return nil }
        let body = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return body.isEmpty ? nil : body
    }

    static let severalWords: Set<String> = ["varios", "varias", "personas", "miembros", "todos", "todas", "ellos", "ellas", "nombres"]
    static let leadWords: Set<String> = ["son", "somos", "aqui", "aca", "van", "los", "las", "estos", "estas", "ya", "bueno", "ok", "mira", "oye", "es", "que"]

    /// «y a la Marta Cid, es la supervisora del deprov», «agrega tambien a Pedro Soto»: another
    /// person to add, with what is said about them; nil when the message names nobody new.
    static func anotherPerson(_ message: Utterance, run: FlowRun) -> (name: String, request: String, values: SlotValues)? {
        let t = message.phrase.tokens
        guard t.count >= 3, t.starts(with: ["y", "a"]) || t.starts(with: ["y", "al"]) || t.starts(with: ["tambien", "a"])
                || (t.first.map(MemberRequest.addVerbs.contains) ?? false) else { return nil }
        guard let body = MemberRequest.body(message.clean) ?? (t.first == "y" || t.first == "tambien"
                ? message.clean.split(separator: " ").dropFirst(2).joined(separator: " ") : nil) else { return nil }
        var values = profile(body)
        guard let name = values["nombre"]?.textValue, name.contains(" ") || MemberRequest.knownFirstName(name),
              TextFold.fold(name) != TextFold.fold(run.values["nombre"]?.textValue ?? "") else { return nil }
        values["nombre"] = .text(name)
        // Only an e-mail or a phone is a contact (a remark like «es la supervisora…» is not).
        if let c = values["contacto"]?.textValue, ContactParser.email(c) == nil, ContactParser.phone(c) == nil { values["contacto"] = nil }
        // The request names only the person: what else was said is in the values already.
        return (name, "agrega a " + name, values)
    }

    /// «la Marta es la directora del jardín», «ojo, la Rocío en realidad es del jardín
    /// Semillitas»: a sentence whose subject is a person named by first name (a name Minga knows,
    /// a member's, or the one being added). About the person being added: the role and school it
    /// says correct hers. About a member: their change is asked once this person is saved. About
    /// someone else: they are added afterwards. Nil for any other message.
    static func aboutSomeone(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        let t = message.phrase.tokens
        // Cheap gate: a copula or a verb of belonging among the first words.
        guard t.count >= 3, t.prefix(6).contains(where: { ["es", "era", "trabaja", "viene", "esta"].contains($0) }) else { return nil }
        var i = 0
        while i < t.count, ["y", "ah", "ojo", "oye", "perdon", "pero", "que", "la", "el", "don", "dona", "tia", "tio"].contains(t[i]) { i += 1 }
        guard i < t.count - 2 else { return nil }
        let first = t[i]
        let current = run.values["nombre"]?.textValue.map { Phrase($0).tokens } ?? []
        let members = context.members
        let member = members.first { Phrase($0).tokens.first == first && (members.filter { Phrase($0).tokens.first == first }.count == 1) }
        guard first.count >= 3, current.first == first || member != nil || FirstNames.canonical(first) != nil else { return nil }
        // The name may go on with a surname; then what is said about the person.
        var k = i + 1
        while k < t.count, k - i < 3, !["es", "era", "en", "trabaja", "viene", "esta", "ahora", "tambien"].contains(t[k]) { k += 1 }
        guard k < t.count, ["es", "era", "en", "trabaja", "viene", "esta", "ahora", "tambien"].contains(t[k]) else { return nil }
        let words = message.clean.split(separator: " ").map(String.init)
        guard words.count == t.count else { return nil }
        // What is said, up to the first comma («…Semillitas, con s»).
        let said = words[k...].joined(separator: " ").split(separator: ",").first.map(String.init) ?? ""
        let saidTokens = Phrase(said).tokens
        let name = words[i..<k].joined(separator: " ").trimmingCharacters(in: .punctuationCharacters)
        if current.first == first {
            var values: SlotValues = [:]
            if let role = Self.role(in: saidTokens) { values["rol"] = .choice(role) }
            if let school = MemberRequest.school(in: said) { values["establecimiento"] = .text(SpanishFormat.institutionName(school)) }
            guard !values.isEmpty else { return nil }
            let shown = [values["rol"].flatMap { v in v.textValue.map { roleLabels[$0] ?? $0 } }, values["establecimiento"]?.textValue].compactMap { $0 }
            let own = run.values["nombre"]?.textValue?.split(separator: " ").first.map(String.init) ?? SpanishFormat.properName(first)
            return .fill(values, remark: "Anoté para \(own): " + shown.joined(separator: ", ") + ".")
        }
        let who = member ?? SpanishFormat.properName(name)
        let now = current.isEmpty ? "" : " con " + SpanishFormat.properName(run.values["nombre"]?.textValue?.split(separator: " ").first.map(String.init) ?? "")
        if member != nil {
            // What it says of the member is their change, asked to confirm once this person is saved.
            // All of it: «Marta es profe encargada de la escuela Icalma y sabe de lectura inicial»
            // is her role, her school and what she brings (qa31: only the role was kept).
            var change: SlotValues = ["miembro": .text(who)]
            let strength = EditarMiembroFlow.strength(in: said)
            let facts = strength == nil ? said : EditarMiembroFlow.beforeStrength(said)
            var first: String?
            if let role = Self.role(in: Phrase(facts).tokens) {
                first = "rol"
                change["rol"] = .text(roleLabels[role] ?? role)
            }
            // «la Marta es la directora del jardín»: the institution's noun alone is the one she is
            // at, not a new one (it replaced «Jardín Los Pollitos» with «Jardin»); a named one is new.
            if let school = MemberRequest.school(in: facts), first == nil || school.split(separator: " ").count >= 2 {
                first = first ?? "establecimiento"
                change["establecimiento"] = .text(SpanishFormat.institutionName(school))
            }
            if let strength {
                first = first ?? "fortalezas"
                change["fortalezas"] = .text(strength)
            }
            if let first { change["campo"] = .text(first) }
            return .fillThen([:], remark: "Lo de \(who) lo vemos apenas terminemos\(now): no lo anoto en este perfil.",
                             then: [FollowingRequest(flow: "editar_miembro", request: message.clean, values: change)])
        }
        var values: SlotValues = ["nombre": .text(who)]
        if let role = Self.role(in: saidTokens) { values["rol"] = .choice(role) }
        if let school = MemberRequest.school(in: said) { values["establecimiento"] = .text(school) }
        return .fillThen([:], remark: "Anoto a \(who) para después: primero terminemos\(now).",
                         then: [FollowingRequest(flow: "incorporacion", request: "agrega a " + who, values: values)])
    }

    /// A clause that tells what someone does or knows («hace un club de lectura», «sabe de huertos»).
    static func tellsStrength(_ text: String) -> Bool {
        text.split(whereSeparator: { ",;.".contains($0) }).contains { clause in
            let t = Phrase(String(clause)).tokens
            return t.first.map(["hace", "sabe", "maneja", "aporta", "le", "lidera", "dirige", "tiene"].contains) ?? false
                || t.contains(where: ["club", "taller", "talleres", "gusta", "experiencia"].contains)
        }
    }

    /// «no tiene correo todavía», «después se lo pido»: about the contact, not another request.
    static func saysNoContact(_ phrase: Phrase) -> Bool {
        phrase.tokens.contains(where: ["correo", "mail", "telefono", "fono", "celular", "numero", "whatsapp", "contacto", "wsp", "instagram", "facebook"].contains)
            || phrase.tokens.first == "no" || phrase.tokens.first == "despues" || phrase.tokens.first == "todavia"
    }

    /// «orientador», «encargada de convivencia», «coordinadora PIE»: a post the role choices
    /// don't have, kept in its own words up to a school (as «otro» they were lost).
    static func post(in words: [String]) -> String? {
        let f = words.map { TextFold.fold($0).filter(\.isLetter) }
        // «educadora tradicional»: a role word read as another post (`role(in:)` says «otro») opens it too.
        guard let i = f.firstIndex(where: postWords.contains)
            ?? f.indices.dropLast().first(where: { qualifiedRoleWords.contains(f[$0]) && role(in: Array(f[$0...($0 + 1)])) == "otro" }) else { return nil }
        var end = i + 1
        while end < f.count, end - i < 5, !EditarEncuentroFlow.institutions.contains(f[end]), !["y", "es", "que"].contains(f[end]) { end += 1 }
        // «encargada de convivencia del liceo…»: the words that lead to the school are not the post's.
        while end > i + 1, ["de", "del", "la", "el", "en", "los", "las"].contains(f[end - 1]) { end -= 1 }
        let post = words[i..<end].joined(separator: " ").trimmingCharacters(in: .punctuationCharacters)
        // «encargada» alone is the choice «profesor/a encargado/a»: only «encargada de …» is a post.
        return ["encargado", "encargada"].contains(f[i]) && end == i + 1 ? nil : post.lowercased()
    }

    /// A short answer to the role question that is a post none of the listed choices names
    /// («dupla psicosocial», «monitora de deportes»), in its words; nil for a listed role (or one
    /// a typo away), «otro» itself, a number, a yes or no, a school or a question.
    static func unlistedPost(_ message: Utterance, slot: SlotDefinition) -> String? {
        let t = message.phrase.tokens
        guard (1...5).contains(t.count), !message.questionMarked, !message.clean.contains(where: \.isNumber),
              role(in: t) ?? "otro" == "otro", YesNo.parse(message.clean) == nil, !Read.isNone(message.clean),
              !t.contains(where: ["otro", "otra", "otros", "saltar", "salta", "omitir", "se", "sabe", "cargo", "rol"].contains),
              !EditarEncuentroFlow.institutions.contains(t[0]), DialogEngine.choiceIn(tokens: t, slot: slot) == nil else { return nil }
        // «Paula Díaz»: a name said where the role goes, not a post.
        let words = message.clean.split(separator: " ")
        guard words.filter({ $0.first?.isUppercase == true }).count < 2 else { return nil }
        // A listed role, said in one word («tia») or a typo away («profesra»), is that role, read by the engine.
        let forms = slot.choices.filter { $0.value != "otro" }.flatMap { [$0.value, $0.label] + $0.synonyms }.map { Phrase($0).core }
        for w in t {
            if forms.contains(w) || w.count >= 4 && forms.contains(where: { $0.count >= 4 && TextFold.editDistance($0, w) <= ($0.count >= 8 ? 2 : 1) }) { return nil }
        }
        // A post has a word that names one: a word the «otro» choice lists («dupla», «psicologa»),
        // or a noun or adjective of a post («monitora», «psicosocial», «deportiva»); «uf, difícil» has none.
        let others = Set((slot.choices.first { $0.value == "otro" }?.synonyms ?? []).flatMap { Phrase($0).tokens })
        guard t.contains(where: { w in others.contains(w) || postWords.contains(w)
            || w.count >= 5 && Self.postEndings.contains(where: { w.hasSuffix($0) }) }) else { return nil }
        let said = message.clean.trimmingCharacters(in: .whitespaces.union(.punctuationCharacters))
        return said.isEmpty ? nil : said.lowercased()
    }

    /// How the words naming a post end («monitora», «kinesiologo», «psicosocial», «deportiva»).
    static let postEndings = ["or", "ora", "ista", "ogo", "oga", "ente", "ante", "ero", "era", "ico", "ica", "ario", "aria", "al", "ivo", "iva"]

    /// «profesora», «la encargada de convivencia», «territorial»: only a post (or a kind of
    /// network), with no name, e-mail or phone; no one to contact.
    static func onlyPost(_ text: String) -> Bool {
        guard EditarMiembroFlow.contact(in: text) == nil else { return false }
        let t = Phrase(text).tokens.filter { !["la", "el", "los", "las", "un", "una", "de", "del", "es", "su", "y"].contains($0) }
        guard !t.isEmpty, t.contains(where: { roleWords[$0] != nil || postWords.contains($0) || postQualifiers.contains($0) }) else { return false }
        return t.allSatisfy { roleWords[$0] != nil || postWords.contains($0) || postQualifiers.contains($0) }
    }

    /// Words that qualify a post or name a kind of network, never a person.
    static let postQualifiers: Set<String> = ["convivencia", "utp", "jefe", "jefa", "tecnico", "tecnica", "pie", "social", "psicosocial",
                                              "dupla", "parvulos", "territorial", "rural", "comunal", "microcentro", "red", "rme", "escuela",
                                              "liceo", "colegio", "escolar", "profes", "profesores", "docentes"]

    static let postWords: Set<String> = ["orientador", "orientadora", "coordinador", "coordinadora", "inspector", "inspectora",
                                         "psicologo", "psicologa", "asistente", "encargado", "encargada", "fonoaudiologo",
                                         "fonoaudiologa", "psicopedagogo", "psicopedagoga", "subdirector", "subdirectora", "facilitador",
                                         "facilitadora", "asesor", "asesora", "mentor", "mentora", "tutor", "tutora", "dupla",
                                         "monitor", "monitora", "kinesiologo", "kinesiologa", "terapeuta", "bibliotecario", "bibliotecaria",
                                         "trabajador", "trabajadora"]

    /// The fields a profile message says, clause by clause (split at commas and periods).
    static func profile(_ text: String) -> SlotValues {
        var out: SlotValues = [:]
        var clauses = text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\n" })
            .flatMap { $0.components(separatedBy: ". ") }
            .map { $0.trimmingCharacters(in: .whitespaces.union(.punctuationCharacters)) }.filter { !$0.isEmpty }
        // «la jefa UTP de la escuela Putre, Gloria Sepúlveda», «al director del liceo X, Hernán
        // Mamani, su correo es …»: the post (and where it is held) said first and the name alone
        // in the next clause; the name is read first, the post as any other clause (fixAT: «No te
        // entendí del todo»).
        if clauses.count >= 2, MemberRequest.name(in: clauses[0]) == nil,
           role(in: Phrase(clauses[0]).tokens) != nil || post(in: clauses[0].split(separator: " ").map(String.init)) != nil,
           let (_, rest) = MemberRequest.name(in: clauses[1]), rest.trimmingCharacters(in: .whitespaces).isEmpty {
            clauses.swapAt(0, 1)
        }
        // «llego una profe nueva a la escuela el maiten, Javiera Contreras, educadora
        // diferencial»: a clause that is only a full name written with capitals (or said after
        // «se llama») is who, when the first clause's would-be name is not written as one
        // (issue 12: the member «Llego»).
        if clauses.count >= 2, let first = clauses.first, MemberRequest.name(in: first).map({ MemberRequest.writtenAsName($0.name, in: first) }) != true,
           let c = clauses.indices.dropFirst().first(where: { i in
               guard let (name, rest) = MemberRequest.name(in: clauses[i]), rest.trimmingCharacters(in: .whitespaces).isEmpty else { return false }
               // «…, se llama javiera contreras, …»: said as her name, in any case.
               let said = Phrase(String(clauses[i])).tokens.starts(with: ["se", "llama"])
               return (said || MemberRequest.writtenAsName(name, in: clauses[i])) && name.contains(" ")
           }) {
            clauses.insert(clauses.remove(at: c), at: 0)
        }
        // The name opens the message («se llama Rosa Huenchual», «la María José Rojas es
        // profesora…»); what follows it in the same clause is read like any other clause.
        var apposedRole: String?
        if let first = clauses.first, let (name, rest) = MemberRequest.name(in: first) {
            out["nombre"] = .text(name)
            clauses[0] = rest
            // «la facilitadora Lucía Araya»: a post said before the name, outside the role list, is her role.
            if let r = first.range(of: name, options: [.caseInsensitive, .diacriticInsensitive]) {
                let lead = first[..<r.lowerBound].split(separator: " ").map(String.init)
                let folded = lead.map { Phrase($0).tokens.joined(separator: " ") }
                let leadRole = role(in: folded)
                if leadRole == nil, let post = post(in: lead) { out["rol"] = .text(post) }
                // «soy el profe Ignacio de la escuela …»: a role word with its article right
                // before the name is hers (it was lost, and a later «la directora me dijo…»
                // became her role); kept for the end, when no clause said another.
                if let leadRole, let last = folded.last, roleWords[last] != nil, folded.count >= 2, ["el", "la"].contains(folded[folded.count - 2]) {
                    apposedRole = leadRole
                }
            }
        }
        for said in clauses where !said.isEmpty {
            var clause = said
            var words = clause.split(separator: " ").map(String.init)
            var t = words.map { Phrase($0).tokens.joined(separator: " ") }
            // «…, que sabe harto de huertos escolares», «y le pega a la robótica»: the «que» or «y»
            // that ties it to the person says nothing (issue 12: what she brings was asked again).
            if t.count >= 3, ["que", "q", "y"].contains(t[0]), strengthLeads.contains(t[1]) || strengthWords.contains(t[1]) || t[1] == "le" {
                words.removeFirst(); t.removeFirst()
                clause = words.joined(separator: " ")
            }
            // «la directora me dijo que me inscribiera»: the post of someone who told them is not theirs.
            for i in thirdPersonPosts(t).reversed() { words.remove(at: i); t.remove(at: i) }
            if let contact = EditarMiembroFlow.contact(in: clause) { out["contacto"] = .text(contact); continue }
            // «profesora encargada»: the last role word is the one that qualifies the others.
            let role = Self.role(in: t)
            if out["rol"] == nil, role == nil || role == "otro", let post = Self.post(in: words) { out["rol"] = .text(post) }
            if let role, out["rol"] == nil { out["rol"] = .choice(role) }
            if out["establecimiento"] == nil, let school = MemberRequest.school(in: clause) {
                out["establecimiento"] = .text(school)
                continue
            }
            // «es profesora» says the role, not what she brings.
            if role != nil, !t.contains(where: strengthWords.contains) { continue }
            // «le gusta el teatro», «le pega a la robótica» (what she is good at, in Chilean Spanish).
            if let lead = t.first, strengthLeads.contains(lead) || t.starts(with: ["le", "gusta"]) || t.starts(with: ["le", "pega"])
                || t.starts(with: ["le", "pegan"]) {
                let kept = out["fortalezas"]?.textValue.map { $0 + ", " } ?? ""
                out["fortalezas"] = .text(kept + strength(clause))
                continue
            }
        }
        if out["rol"] == nil, let apposedRole { out["rol"] = .choice(apposedRole) }
        return out
    }

    /// «la directora me dijo que me inscribiera», «me pidió el jefe UTP que me sumara», «mi
    /// directora nos mandó»: in a clause where someone tells the speaker («me/nos» and a verb of
    /// telling), the positions of the posts said with an article or a possessive («la directora»,
    /// «mi director»): a third person's, never the speaker's role. «soy la directora» is kept.
    static func thirdPersonPosts(_ t: [String]) -> [Int] {
        guard t.indices.contains(where: { i in ["me", "nos"].contains(t[i]) && i + 1 < t.count && tellingVerbs.contains(t[i + 1]) }) else { return [] }
        let postWord = { (w: String) in roleWords[w] != nil || postWords.contains(w) || postQualifiers.contains(w) }
        var out: [Int] = []
        for i in t.indices where i > 0 && postWord(t[i]) && thirdPersonLeads.contains(t[i - 1]) && !(out.last.map { $0 >= i } ?? false)
            && (i < 2 || !["soy", "somos", "como"].contains(t[i - 2])) {
            // The whole post: «mi jefa de UTP», «la encargada de convivencia».
            var j = i
            while j + 1 < t.count, postWord(t[j + 1]) || (t[j + 1] == "de" && j + 2 < t.count && postWord(t[j + 2])) { j += 1 }
            out.append(contentsOf: i...j)
        }
        return out
    }

    static let thirdPersonLeads: Set<String> = ["la", "el", "mi", "nuestra", "nuestro", "una", "un"]
    static let tellingVerbs: Set<String> = ["dijo", "pidio", "invito", "mando", "recomendo", "conto", "aviso", "sugirio", "paso", "dio",
                                            "dijeron", "pidieron", "invitaron", "mandaron", "recomendaron", "inscribio", "agrego", "sumo",
                                            "encargo", "pide", "dice", "manda", "invita"]

    /// «sabe harto de evaluación formativa» → «evaluación formativa»: what they know, without
    /// the verb that introduces it (other ways of saying it are kept whole).
    static func strength(_ clause: String) -> String {
        let words = clause.split(separator: " ").map(String.init)
        let t = words.map { Phrase($0).tokens.joined(separator: " ") }
        guard t.first == "sabe" || t.first == "maneja" else { return clause }
        var k = 1
        while k < t.count, ["harto", "mucho", "bastante", "caleta", "muchisimo", "un", "poco", "bien"].contains(t[k]) { k += 1 }
        if k < t.count, ["de", "del", "sobre"].contains(t[k]) { k += 1 }
        return k < words.count && k > 1 ? words[k...].joined(separator: " ") : clause
    }

    /// Words for a person still unnamed: «un profe nuevo», «una colega», «alguien».
    /// A short message that says one person is new (a person noun and «nueva»/«nuevo», no add
    /// verb, no name, no other record): the flow starts with the role it says.
    static func someoneNew(_ message: Utterance, flow: FlowDefinition) -> Claim? {
        let t = message.phrase.tokens
        guard t.count <= 9, t.contains(where: { $0 == "nueva" || $0 == "nuevo" }), t.contains(where: personNouns.contains),
              !t.contains(where: MemberRequest.addVerbs.contains), !message.clean.contains("?"),
              !t.contains(where: RenombrarRedFlow.otherRecords.subtracting(["miembro"]).contains),
              !t.contains(where: { AgreementMention.nouns.contains($0) }) else { return nil }
        let role = Self.role(in: t)
        var values: SlotValues = role.map { ["rol": .choice($0)] } ?? [:]
        var echo = role.flatMap { r in flow.slot(named: "rol")?.choices.first { $0.value == r } }.map { ["rol: \($0.label)"] } ?? []
        if let school = MemberRequest.school(in: message.clean) {
            values["establecimiento"] = .text(school)
            echo.append("establecimiento: \(school)")
        }
        return Claim(values: values, echo: echo)
    }

    static let personNouns: WordSet = ["profe", "profesora", "profesor", "colega", "miembro", "persona", "integrante", "alguien",
                                           "directora", "director", "educadora", "docente", "encargada", "encargado", "companera", "companero"]
    /// Words of someone asking to join: «me dijo que me agregara», «soy nueva», «quiero sumarme».
    static let joinWords: Set<String> = ["agregara", "agregue", "agregues", "agreguen", "agregarme", "sumara", "sume", "sumarme", "incorpore",
                                         "incorporara", "incorporarme", "nueva", "nuevo", "unirme", "integrarme", "llegue", "entrar",
                                         // «me dijeron q me uniera», «me pidieron que me integrara»
                                         "uniera", "uniese", "integrara", "sumase", "incorporase",
                                         // «me dijo el Mauricio que me inscribiera acá» (qa28 c6)
                                         "inscribiera", "inscribiese", "inscribirme", "anotara", "anotarme"]
    static let strengthWords: WordSet = ["sabe", "buena", "bueno", "buenisima", "buenisimo", "gusta", "aporta", "trabaja", "maneja"]
    static let strengthLeads: WordSet = ["sabe", "trabaja", "es", "tiene", "hace", "aporta", "buena", "bueno", "buenisima", "buenisimo"]
    /// The roles as a profile says them in passing (the question itself reads the dialog's choices).
    static let roleWords: [String: String] = [
        "profe": "docente", "profesora": "docente", "profesor": "docente", "docente": "docente", "maestra": "docente", "maestro": "docente",
        "directora": "director", "director": "director", "encargada": "encargado", "encargado": "encargado",
        "utp": "jefe_utp", "educadora": "educadora", "parvularia": "educadora", "sostenedor": "sostenedor", "supervisora": "supervisor",
        "supervisor": "supervisor",
    ]

    /// The role folded words say in passing: a phrase that names another role than its words
    /// («encargada de convivencia» is not the school's encargada) first, else the last role word
    /// («profesora encargada»: the last one qualifies the others).
    static func role(in t: [String]) -> String? {
        let joined = " " + t.joined(separator: " ") + " "
        if let hit = rolePhrases.first(where: { joined.contains(" " + $0.key + " ") }) { return hit.value }
        // «educadora tradicional», «educador intercultural»: a role word qualified by a word it
        // never takes names another post (kept in its words by `post`), not the nearest role
        // (it was «educador/a de párvulos», and changing it said it already was).
        for i in t.indices.dropLast() where qualifiedRoleWords.contains(t[i]) {
            let next = t[i + 1]
            if !roleQualifiers.contains(next), adjectiveEndings.contains(where: { next.count > $0.count + 3 && next.hasSuffix($0) }) { return "otro" }
        }
        return t.compactMap { roleWords[$0] }.last
    }

    /// The post of `rolePhrases` said in `t` that the list files under `role` (a choice's own
    /// name for a wider post: «educadora diferencial» under «docente»); nil when none is said.
    static func postFiledUnder(_ role: String, in t: [String]) -> String? {
        guard t.count <= 10 else { return nil }
        let joined = " " + t.joined(separator: " ") + " "
        return rolePhrases.filter { $0.value == role && role != "otro" && qualifiedRoleWords.contains(String($0.key.prefix { $0 != " " }))
            && joined.contains(" " + $0.key + " ") }.map(\.key).max { $0.count < $1.count }
    }

    /// Role words that, qualified by an unknown word, name another post; the qualifiers they do take.
    static let qualifiedRoleWords: Set<String> = ["educadora", "educador"]
    static let roleQualifiers: Set<String> = ["parvularia", "parvulario", "diferencial"]
    /// The endings of the words that qualify a post («tradicional», «intercultural», «comunitaria»).
    static let adjectiveEndings = ["al", "ar", "aria", "ario", "ica", "ico", "iva", "ivo", "ista"]

    static let rolePhrases: [String: String] = [
        "encargada de convivencia": "otro", "encargado de convivencia": "otro", "jefa de utp": "jefe_utp", "jefe de utp": "jefe_utp",
        "jefa tecnica": "jefe_utp", "jefe tecnico": "jefe_utp", "educadora diferencial": "docente", "educador diferencial": "docente",
        // Said of several at once («suma a estas tres encargadas de convivencia: …»).
        "encargadas de convivencia": "otro", "encargados de convivencia": "otro", "jefas de utp": "jefe_utp", "jefes de utp": "jefe_utp",
        "jefas tecnicas": "jefe_utp", "jefes tecnicos": "jefe_utp", "educadoras diferenciales": "docente", "educadores diferenciales": "docente",
    ]

    /// How a role is kept in the member's record (stored records keep whatever label they had).
    static let roleLabels = ["director": "director/a", "encargado": "profesor/a encargado/a", "jefe_utp": "jefe/a UTP", "docente": "docente",
                             "sostenedor": "sostenedor/a", "supervisor": "supervisor/a", "educadora": "educador/a de párvulos", "otro": "otro"]

    /// «incorporar a un miembro: Carmen Gallardo, profesora de la escuela Los Robles, …», «porfa
    /// agrega a la colega Carmen Gallardo, es profesora…»: the profile the request already says
    /// fills its fields, read as an answer to «¿cómo se llama?» would be.
    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        guard let profile = Self.requestProfile(request, context: context) else { return Prefill() }
        var out = Prefill()
        if let gone = Self.replaced(in: request, members: context.members, writer: context.userName) { out.values["reemplaza"] = .text(gone) }
        // The whole request taken as a free-text answer («agrega a Marta Cid» as her contact) is none.
        for name in ["contacto", "fortalezas"] where run.values[name]?.textValue == request && profile[name] == nil { out.values[name] = .some(nil) }
        for (k, v) in profile { out.values[k] = v }
        out.replacesEcho = true
        // What was understood is said when questions follow; a full profile goes to the review.
        if ["nombre", "rol", "establecimiento", "fortalezas"].contains(where: { profile[$0] == nil }) {
            out.echo = flow.slots.compactMap { slot in
                profile[slot.name].map { "\(slot.label): \($0.display(today: context.today, choices: slot.choices))" }
            }
        }
        return out
    }

    /// Someone already in the network («incorporar a Ines Parra», after she was added in a
    /// list): what their record says is kept, so only the rest of the profile is asked.
    func defaults(_ run: FlowRun, context: EngineContext) -> SlotValues {
        guard let name = run.values["nombre"]?.textValue, let s = context.snapshot,
              let m = s.members.first(where: { TextFold.fold($0.name) == TextFold.fold(name) }) else { return [:] }
        var out: SlotValues = [:]
        if let school = m.school { out["establecimiento"] = .text(school) }
        if let contact = m.contact { out["contacto"] = .text(contact) }
        if let role = m.role, let value = Self.roleLabels.first(where: { $0.value == role })?.key { out["rol"] = .choice(value) }
        if let strengths = m.strengths { out["fortalezas"] = .text(strengths) }
        return out
    }

    /// «ahora otro: Cristian Zepeda, jefe técnico…»: read as «agrega a Cristian Zepeda, …».
    func anotherRequest(_ said: String) -> String { "agrega a " + said }

    /// «y también la Sofía Huenchullán, directora de…», «y al Luis Cayupán, profe de…» right
    /// after someone was added: one more person, read as «agrega a …» (qa34: «No te entendí»).
    /// Only once saved (at a review «y a …» is that record's), and only a person's name after
    /// the lead: a capitalised word or a first name Minga knows, with a profile read from it.
    func ellipticRequest(_ text: String, values: SlotValues?, context: EngineContext) -> String? {
        guard values == nil, !text.contains("?") else { return nil }
        let words = text.split(separator: " ").map(String.init)
        let f = words.map { TextFold.fold($0).filter(\.isLetter) }
        var k = 0
        while k < words.count, ["y", "e", "tambien", "ademas", "tb", "tmb"].contains(f[k]) { k += 1 }
        guard k > 0, k < words.count else { return nil }
        if ["a", "al"].contains(f[k]) { k += 1 }
        let start = k
        if k < words.count, ["la", "el"].contains(f[k]) { k += 1 }
        guard k + 1 < words.count, words[k].first?.isUppercase == true || FirstNames.canonical(f[k]) != nil else { return nil }
        let request = "agrega a " + words[start...].joined(separator: " ")
        return Self.requestProfile(request, context: context)?["nombre"] == nil ? nil : request
    }

    /// The profile a request says after its lead, with a name; nil when it names nobody.
    static func requestProfile(_ request: String, context: EngineContext) -> SlotValues? {
        guard let body = MemberRequest.body(request) else { return nil }
        var profile = profile(body)
        // «…, profe de matemática de la misma escuela (que la Sofía)»: that member's school.
        if profile["establecimiento"] == nil, let same = MemberRequest.sameSchool(in: body, context: context) {
            profile["establecimiento"] = .text(same)
        }
        // «hola, soy nueva en la red, soy utp de la escuela Amanecer»: someone joining who says
        // who she is but not her name, which Minga already knows.
        // «hola soy profe de la escuela los aromos» from someone not yet a member: the same,
        // joining unsaid, when who she is is all the message says (it got the menu). «soy la
        // coordinadora del SLEP, necesito un resumen…», «soy supervisor del mineduc. ¿cómo va la
        // red?» ask something else.
        let onlyWho = !(context.said?.clean ?? request).contains("?")
            && !body.trimmingCharacters(in: .punctuationCharacters.union(.whitespaces)).contains(where: { ",.;:".contains($0) })
        if profile["nombre"] == nil, !profile.isEmpty, MemberRequest.introducesSelf(request),
           onlyWho || Phrase(request).tokens.contains(where: joinWords.contains), let me = context.userName,
           !(context.snapshot?.members.contains { TextFold.fold($0.name) == TextFold.fold(me) } ?? false) {
            profile["nombre"] = .text(me)
        }
        guard let said = profile["nombre"]?.textValue else { return nil }
        // «soy la Ines»: the speaker, whose full name Minga already knows.
        if MemberRequest.introducesSelf(request), let me = context.userName,
           TextFold.fold(me).split(separator: " ").first == TextFold.fold(said).split(separator: " ").first {
            profile["nombre"] = .text(me)
        }
        return profile
    }

    /// `claim` needs one of these (`ClaimCues`): A verb of adding, or someone saying who they are.
    func claimCues(_ flow: FlowDefinition) -> ClaimCues {
        ClaimCues(words: Array(MemberRequest.addVerbs) + ["soy", "llamo", "nombre", "nueva", "nuevo", "escribe", "habla"] + Array(Self.selfJoinVerbs))
    }

    /// «quiero incorporarme a la red», «vengo a inscribirme en el microcentro»: a verb of joining
    /// said of oneself (qa28 c6: a three-way menu came).
    static let selfJoinVerbs: Set<String> = ["incorporarme", "sumarme", "unirme", "integrarme", "inscribirme", "agregarme", "anotarme"]

    /// «hola soy la Ines, profe de Los Castaños, me dijo el Luis que me agregara», «porfa agrega a
    /// la colega Carmen Gallardo, es profesora…»: someone joining (or added) with a profile, in
    /// words no trigger has. Only a name with something more about them is taken; a message
    /// about an agreement or a meeting is not.
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        guard context.snapshot != nil else { return nil }
        let t = message.phrase.tokens
        // «hay una profe nueva», «llegó un director nuevo a El Roble»: someone new, not named yet
        // (pass 11, qa15: the 10-way menu came). The role said is kept; the name is asked first.
        if let news = Self.someoneNew(message, flow: flow) { return news }
        // «quiero incorporarme a la red»: the speaker asks to join, with nothing else said; the
        // questions come one by one.
        if t.count <= 8, t.contains(where: Self.selfJoinVerbs.contains), t.contains(where: ["red", "microcentro", "rme", "grupo"].contains),
           !message.clean.contains("?"), !message.clean.contains(",") { return Claim() }
        // «se agregó una persona que no existe, bórrala»: the add is what went wrong, the delete is asked.
        let adds = t.contains(where: MemberRequest.addVerbs.contains) && !t.contains(where: BorrarFlow.deleteWord)
        // «soy la Ana, directora, quiero registrar un acuerdo»: a member saying who she is asks
        // for something else; someone joining says so, or is not a member yet.
        let introduces = t.prefix(4).contains("soy") || MemberRequest.introducesSelf(message.clean) || t.prefix(5).contains("llamo") || t.prefix(4).starts(with: ["mi", "nombre"])
            || t.prefix(5).contains(where: { $0 == "nombre" })
        let joining = !adds && introduces && (t.contains(where: Self.joinWords.contains)
            || !(context.snapshot?.members.contains { TextFold.fold($0.name) == TextFold.fold(context.userName ?? "") } ?? false))
        guard adds || joining, !t.contains(where: RenombrarRedFlow.otherRecords.subtracting(["miembro"]).contains),
              !message.clean.contains("?"), MemberRequest.body(message.clean) != nil else { return nil }
        // Several people: the flow that adds a list takes it.
        if adds, IncorporarVariosFlow.people(message.clean) != nil { return nil }
        let aboutMembers = t.contains(where: ["red", "miembro", "colega", "microcentro", "profe", "profesora", "profesor"].contains)
        // «quiero agregar a un profe nuevo», «hay que sumar a una colega»: someone to add, not
        // named yet; the role said is kept and the name is the first question.
        if adds, t.contains(where: Self.personNouns.contains), Self.requestProfile(message.clean, context: context) == nil {
            // «…un director nuevo de la escuela El Roble»: the school said too.
            let role = Self.role(in: t), school = MemberRequest.school(in: message.clean)
            var values: SlotValues = role.map { ["rol": .choice($0)] } ?? [:]
            var echo = role.flatMap { r in flow.slot(named: "rol")?.choices.first { $0.value == r } }.map { ["rol: \($0.label)"] } ?? []
            if let school {
                values["establecimiento"] = .text(school)
                echo.append("establecimiento: \(school)")
            }
            return Claim(values: values, echo: echo)
        }
        // «agrega a Rosa Painemal»: a full name after the add verb's «a», or written with capitals,
        // is a person even with a first name Minga doesn't know.
        // Lowercase, the name must be all that is said («agrega a la tabla revisar el plan» is not).
        let namedAfterA = (t.firstIndex(where: MemberRequest.addVerbs.contains).map { $0 + 1 < t.count && ["a", "al"].contains(t[$0 + 1]) } ?? false)
            && MemberRequest.body(message.clean).flatMap(MemberRequest.name(in:))?.rest.trimmingCharacters(in: .whitespaces).isEmpty == true
        guard let profile = Self.requestProfile(message.clean, context: context), let name = profile["nombre"]?.textValue,
              MemberRequest.knownFirstName(name) || aboutMembers || (adds && name.contains(" ") && profile.count >= 2)
                || (adds && name.contains(" ") && (namedAfterA || (message.clean.contains(name) && MemberRequest.capitalisedFullName(ArraySlice(name.split(separator: " ").map(String.init)))))),
              profile.count >= 2 || (adds && (aboutMembers || name.contains(" "))) else { return nil }
        return Claim(values: profile)
    }

    func beforeAsking(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> [String] {
        guard slot.name == "fortalezas", let s = context.snapshot else { return [] }
        let today = context.today
        var lines: [String] = []
        let first = run.values["nombre"]?.textValue?.split(separator: " ").first.map(String.init)
        if Self.forOther(run, context: context) {
            lines.append("Esto es lo que le puedes contar\(first.map { " a \($0)" } ?? "") de la red.")
        } else {
            lines.append("Te cuento en qué está la red\(first.map { ", \($0)" } ?? "").")
        }
        if let p = s.purpose {
            lines.append("Nuestro propósito: «\(p.statement)».")
        } else {
            lines.append("La red todavía no escribe su propósito común; te vamos a invitar a construirlo.")
        }
        if let (m, at) = s.nextMeeting(after: context.temporal.localNow) {
            lines.append("El próximo encuentro es \(m.title), el \(SpanishFormat.dateTime(at, today: today))" + (m.placeHeld(at: at).map(Wording.atPlace) ?? "") + ".")
        } else {
            lines.append("Todavía no hay encuentros agendados.")
        }
        let open = s.openAgreements(on: today)
        if !open.isEmpty {
            lines.append("Acuerdos abiertos:\n" + Answers.list(Array(open.prefix(5)), today: today))
        }
        return lines
    }

    /// An establishment that is one of the network's organisations (a CESFAM psychologist in a
    /// convivencia network) makes the member part of it instead of «otro».
    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        // A sentence with no e-mail or phone in it is not a contact (kept after a «no» to
        // starting the request it sounded like, it would be stored as one).
        // Nor are a few words with no e-mail or phone («profesora», «territorial»: qa17, stored
        // as the contact); said back, so a role meant elsewhere is changed at the review.
        if slot.name == "contacto", let text = value.textValue, EditarMiembroFlow.contact(in: text) == nil,
           !Self.saysNoContact(Phrase(text)) {
            return .reject(Phrase(text).tokens.count >= 4 ? "Aquí va un correo o un teléfono (o escribe «saltar»)."
                : "«\(text)» no es un correo ni un teléfono. Aquí va un correo o un teléfono (o escribe «saltar»).")
        }
        guard slot.name == "establecimiento", let s = context.snapshot, let text = value.textValue else { return .accept }
        // «escuela rio blanco»: the review shows the name as it will be stored.
        let name = SpanishFormat.institutionName(text)
        func kept(_ remarks: [String]) -> Verdict { name == text ? .accept(remarks) : .replace(.text(name), remarks: remarks) }
        if let o = TerritoryReading.memberOrganization(text, s) {
            return kept(["Queda como parte de \(o.name) (organización \(o.number ?? 0)), con la que trabaja la red."])
        }
        if !TerritoryReading.isSchool(text), let kind = TerritoryReading.kind(ofName: text) {
            return kept(["«\(name)» no está entre las organizaciones de la red (sería de \(kind.label)); después puedes sumarla con «registrar una organización»."])
        }
        return kept([])
    }

    /// «deshacer» right after saving: the record is deleted (confirmed first), like an agreement.
    func undo(_ record: String, context: EngineContext) -> Undo? {
        Undo(flow: "borrar_registro", values: ["registro": .text(record)])
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        let name = v["nombre"]?.textValue ?? "Sin nombre"
        let role = v["rol"]?.textValue.map { Self.roleLabels[$0] ?? $0 }
        // "Rosa", added earlier by first name alone as a responsable, is the "Rosa Díaz" who now
        // introduces herself: complete that record instead of keeping two.
        let existing = snapshot.members.first { $0.name == name || $0.id == Slug.make(name) } ?? PersonRename.stub(for: name, in: snapshot)
        let m = Member(id: existing?.id ?? "", name: name, role: role, school: v["establecimiento"]?.textValue.map(SpanishFormat.institutionName),
                       contact: v["contacto"]?.textValue, since: existing?.since ?? w.clock.today(), strengths: v["fortalezas"]?.textValue,
                       organization: v["establecimiento"]?.textValue.flatMap { TerritoryReading.memberOrganization($0, snapshot)?.id }
                           ?? existing?.organization)
        try w.store.saveMember(m, network: snapshot.network.id)
        // The records that named the stub by its first name («Jaime» among who agreed the
        // purpose) now name the member completed (they stayed «Jaime»).
        if let existing, existing.name != name { try PersonRename.renamed(existing.name, to: name, in: snapshot, with: w) }
        if existing == nil { try MeetingInvitations.joined([name], before: snapshot, with: w) }
        return ["id": existing?.id ?? Slug.make(name)]
    }
}
