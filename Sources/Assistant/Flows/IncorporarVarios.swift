import Foundation
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/incorporar-varios.yaml`: several people joining in one message, each with their
/// school. The list is kept as one value («Ines Parra (escuela Los Castaños); Hugo Sepulveda (El
/// Sauce)») so the review shows it in one line and a correction retypes it.
struct IncorporarVariosFlow: MingaFlow {
    let id = "incorporar-varios"
    let saveKind: String? = "members"
    let slotNames = ["miembros"]

    /// `claim` needs one of these (`ClaimCues`): A verb of adding.
    func claimCues(_ flow: FlowDefinition) -> ClaimCues { ClaimCues(words: Array(MemberRequest.addVerbs) + ["somos"] + Array(Self.newWords) + Array(Self.askedAddVerbs)) }

    /// «cómo agrego…», «cómo sumamos…»: the add verbs said by someone asking how to add.
    static let askedAddVerbs: Set<String> = ["agrego", "agregamos", "sumo", "sumamos", "incorporo", "incorporamos", "inscribo", "inscribimos"]

    /// «incorporar miembros: Ines Parra de la escuela Los Castaños, Hugo Sepulveda de El Sauce y
    /// Maria Jara de Tres Esquinas», «ahora agrega a los otros profes: …»: an add verb and two or
    /// more people. A message about an agreement or a meeting («agrega a Pedro y Carmen al
    /// acuerdo 3») is theirs.
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        guard context.snapshot != nil else { return nil }
        let t = message.phrase.tokens
        // «somos 4 profes: yo, la tia Marisol Vera de la escuela rural Aucar, don Nelson…» (qa19
        // p2: not understood): the others listed are read as «agrega a …» reads them.
        // «ya y ahora como agrego a las colegas», «¿cómo sumamos a los profes del microcentro?»:
        // how to add several people, not named yet, is the list asked (qa30 B1: an agreement was
        // started). Only a plural noun of people is left once the fillers are out.
        if t.contains(where: Self.askedAddVerbs.contains), !t.contains(where: MemberRequest.addVerbs.contains) {
            let rest = t.filter { !Self.askedAddVerbs.contains($0) && !Self.groupFiller.contains($0) && !["como", "se", "puedo", "podemos", "hago", "hacemos"].contains($0) }
            if t.count <= 10, !rest.isEmpty, rest.allSatisfy(Self.groupNouns.contains) { return Claim(values: [:]) }
            return nil
        }
        if !t.contains(where: MemberRequest.addVerbs.contains) {
            // «nuevos miembros: Daniela Moya (escuela Lo Ulloa), Rodrigo Nuñez…» (qa21 C): a lead
            // that says new people asks to add them, as «agrega a …» does.
            if let (noun, body) = Self.newPeopleList(message.clean) {
                return claim(Utterance("agrega a los \(noun): " + body), flow: flow, catalog: catalog, context: context)
            }
            guard let (noun, body) = Self.weAreList(message.clean) else { return nil }
            // «somos 4 profes: …»: the noun says what each is, as «agrega a los profes: …» does.
            let lead = MemberRequest.groupRoles[noun] != nil ? "agrega a los \(noun): " : "agrega a "
            guard var listed = claim(Utterance(lead + body), flow: flow, catalog: catalog, context: context) else { return nil }
            // «… y yo soy jefa utp de la escuela Nueva Esperanza»: the speaker's own role, when her
            // record says another, is changed once the others are added (never dropped).
            if let me = context.userName, let m = context.snapshot?.live.members.first(where: { $0.name == me }),
               let (role, _) = EditarMiembroFlow.ownRole(message.clean), TextFold.fold(role) != m.role.map(TextFold.fold) {
                let said = message.clean.range(of: "yo soy", options: [.caseInsensitive, .diacriticInsensitive]).map { String(message.clean[$0.lowerBound...]) }
                listed.then.append(FollowingRequest(flow: "editar_miembro", request: said ?? "yo soy \(role)",
                                                    values: ["miembro": .text(m.name), "campo": .text("rol"), "rol": .text(role)]))
            }
            return listed
        }
        guard t.contains(where: MemberRequest.addVerbs.contains), !message.clean.contains("?"),
              !t.contains(where: RenombrarRedFlow.otherRecords.subtracting(["miembro"]).contains) else { return nil }
        guard let listed = Self.people(message.clean) else {
            // «agregar a los profes», «hay que sumar a las colegas nuevas»: several people, not
            // named yet (pass 11, qa15: a 5-way menu came): the list is the first question.
            let rest = t.filter { !MemberRequest.addVerbs.contains($0) && !Self.groupFiller.contains($0) }
            if t.count <= 8, !rest.isEmpty, rest.allSatisfy(Self.groupNouns.contains) { return Claim(values: [:]) }
            return nil
        }
        // «agrega el CESFAM Carahue, contacto María Soto, …»: a piece named by an organisation's
        // kind (CESFAM, OPD, junta de vecinos…) is an organisation with its contact, not people.
        if listed.contains(where: { TerritoryReading.kind(ofName: $0.name) != nil }) { return nil }
        // A piece of the list that is nobody Minga could place is said, never dropped.
        let unplaced = MemberRequest.body(message.clean).map { MemberRequest.parse(Self.sharedClause($0)?.rest ?? $0).unplaced } ?? []
        let echo = unplaced.isEmpty ? [] : ["\(listed.count) personas; no entendí a quién te refieres con " + SlotValue.joinSpanish(unplaced.map { "«\($0)»" })
            + ": dímelo de nuevo cuando guardemos esta lista"]
        return Claim(values: ["miembros": .text(Self.shown(Self.known(listed, context: context)))], echo: echo)
    }

    /// «Rosa Pérez, Juan Soto y Marta Díaz, de la escuela Los Aromos» at the menu: two or more
    /// people listed with no verb are offered as people to add (issue 12: «No te entendí»).
    func unclearOffer(_ message: Utterance, context: EngineContext) -> String? {
        guard context.snapshot != nil, TextFold.contains(message.clean, byte: UInt8(ascii: ",")), !message.clean.contains("?"),
              !message.phrase.tokens.contains(where: MemberRequest.addVerbs.contains),
              case let request = "agrega a " + message.clean, let listed = Self.people(request), listed.count >= 2 else { return nil }
        return request
    }

    /// «somos 4 profes: yo, la tia Marisol…, don Nelson… y la profe Carla…», «somos tres
    /// directoras, Rosa Mella del liceo… y yo»: who the speaker says the network is, after «somos»,
    /// a count and a noun of people, past its colon or comma; the speaker («yo») is no one to add.
    static func weAreList(_ text: String) -> (noun: String, body: String)? {
        let words = text.split(separator: " ").map(String.init)
        let t = words.map { Phrase($0).tokens.joined(separator: " ") }
        guard let k = t.prefix(4).firstIndex(of: "somos"), k + 2 < words.count else { return nil }
        var i = k + 1
        if Int(t[i]) != nil || NumberParser.parse(t[i]) != nil { i += 1 }
        guard i < words.count, groupNouns.contains(t[i]) || MemberRequest.groupRoles[t[i]] != nil || t[i] == "escuelas" else { return nil }
        // «somos 4 escuelas: la escuela rural río puelo, … y la escuela yates. los profes son yo,
        // Juan Barrientos, Marisol Andrade y Pedro Uribe»: the schools are nobody to add; the people
        // are those of the later sentence that says who the profes are (qa28 c1: «No te entendí»).
        if t[i] == "escuelas", let (noun, rest) = laterPeopleSentence(text) { return weAreList("somos \(noun): " + rest) }
        // The list opens after the first colon or comma.
        guard let open = words[i...].firstIndex(where: { $0.hasSuffix(":") || $0.hasSuffix(",") }), open + 1 < words.count else { return nil }
        var rest = Array(words[(open + 1)...])
        var folded = Array(t[(open + 1)...])
        // «yo,» / «yo y …» first; «…, y yo» / «y yo soy …» last.
        if folded.first == "yo" { rest.removeFirst(); folded.removeFirst() }
        if folded.first == "y" { rest.removeFirst(); folded.removeFirst() }
        // «somos 4 profes, estamos la Carmen…»: the verb that opens the list is nobody.
        if let first = folded.first, ["estamos", "somos", "son", "estan", "tenemos"].contains(first) { rest.removeFirst(); folded.removeFirst() }
        if let me = folded.indices.last(where: { folded[$0] == "yo" }), me > 0, folded[me - 1] == "y" {
            rest.removeSubrange((me - 1)...)
        }
        let body = rest.joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: " ,.;"))
        return body.isEmpty ? nil : (t[i], body)
    }

    /// «… . los profes son yo, Juan Barrientos y Marisol Andrade», «…; las educadoras somos la tía
    /// Marisol y yo»: a sentence after the first that opens with a plural noun of people and
    /// «son» or «somos»; that noun and the words after the verb.
    static func laterPeopleSentence(_ text: String) -> (noun: String, rest: String)? {
        let sentences = text.components(separatedBy: ". ").flatMap { $0.components(separatedBy: "; ") }.dropFirst()
        for sentence in sentences {
            let words = sentence.split(separator: " ").map(String.init)
            let t = words.map { Phrase($0).tokens.joined(separator: " ") }
            guard t.count >= 4, ["los", "las"].contains(t[0]), groupNouns.contains(t[1]) || MemberRequest.groupRoles[t[1]] != nil,
                  ["son", "somos"].contains(t[2]) else { continue }
            return (t[1], words[3...].joined(separator: " "))
        }
        return nil
    }

    static let groupNouns: Set<String> = ["profes", "profesores", "profesoras", "colegas", "docentes", "educadoras", "educadores",
                                          "directores", "directoras", "integrantes", "personas", "miembros", "nuevos", "nuevas", "otros", "otras"]
    static let groupFiller: Set<String> = ["a", "los", "las", "unos", "unas", "hay", "que", "quiero", "queremos", "necesito", "porfa",
                                           "por", "favor", "la", "red", "al", "microcentro", "de", "mi", "mis", "escuela", "ya", "y", "oye", "ahora",
                                           // «agregar a varias personas», «agregar a las profes del microcentro» (qa20 A12, C1)
                                           "varias", "varios", "algunas", "algunos", "del", "todas", "todos", "nuestras", "nuestros"]

    /// The people a request lists when it lists two or more: each opening with a first name
    /// Minga knows, or after a lead that says people («incorporar miembros: …»). «…sabe de juego
    /// y movimiento» in one person's profile lists nobody.
    static func people(_ text: String) -> [MemberRequest.Entry]? {
        guard let listed = listed(text), listed.count >= 2,
              // A first name Minga knows, or a full name with a role or a school after it.
              listed.allSatisfy({ MemberRequest.knownFirstName($0.name) || ($0.name.contains(" ") && ($0.role != nil || $0.school != nil))
                  || typedFullName($0.name, in: text) })
                || saysMembers(text) else { return nil }
        // «agrega un punto a la tabla: Pedro y Carmen»: what the colon introduces is not people
        // to add unless its lead is only the request to add (or says people).
        if let colon = text.firstIndex(of: ":"), !saysMembers(text) {
            let lead = Phrase(String(text[..<colon])).tokens
            guard lead.allSatisfy({ MemberRequest.addVerbs.contains($0) || leadFillers.contains($0) }) else { return nil }
        }
        return listed
    }

    /// «agrega a Rosa Mella y Juan Soto»: a full name written with capitals is a person even when
    /// Minga doesn't know its first name (the single-person flow reads it so too); without this,
    /// the first of the list went to that flow and the others were dropped.
    static func typedFullName(_ name: String, in text: String) -> Bool {
        text.contains(name) && MemberRequest.capitalisedFullName(ArraySlice(name.split(separator: " ").map(String.init)))
    }

    /// «incorporar miembros: …», «los otros profes: …», «incorporar varios: …»: the lead before a
    /// colon says people.
    static func saysMembers(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let lead = Phrase(String(text[..<colon])).tokens
        return lead.contains { ["miembros", "integrantes", "personas", "colegas", "gente", "varios", "varias"].contains($0) || MemberRequest.groupRoles[$0] != nil }
    }

    static let newWords: Set<String> = ["nuevos", "nuevas"]

    /// «nuevos miembros: …», «las profes nuevas: …»: the list after a colon whose lead is only new
    /// people (a word of `newWords`, a noun of people, articles and greetings), and the noun that
    /// says their role, if any. Nil otherwise.
    static func newPeopleList(_ text: String) -> (noun: String, body: String)? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let lead = Phrase(String(text[..<colon])).tokens
        guard lead.contains(where: newWords.contains),
              lead.contains(where: { groupNouns.contains($0) || MemberRequest.groupRoles[$0] != nil }),
              lead.allSatisfy({ newWords.contains($0) || groupNouns.contains($0) || MemberRequest.groupRoles[$0] != nil
                  || leadFillers.contains($0) || ["los", "las", "hay", "tenemos", "llegaron", "se", "suman", "sumaron", "dos", "tres", "cuatro", "cinco"].contains($0) })
        else { return nil }
        let body = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        // The noun that says a role («profes», «directoras») gives it to each; else «miembros».
        let noun = lead.first { MemberRequest.groupRoles[$0] != nil } ?? "miembros"
        return body.isEmpty ? nil : (noun, body)
    }

    static let leadFillers: Set<String> = ["a", "ahora", "porfa", "por", "favor", "y", "tambien", "hola", "ya", "oye", "minga", "la", "red",
                                           "al", "quiero", "necesito", "hay", "que", "puedes", "podrias", "me",
                                           // «incorporar varios: …», «agrega a estos: …», «sumar a los nuevos: …» (qa21 C).
                                           "varios", "varias", "estos", "estas", "siguientes", "nuevos", "nuevas", "otros", "otras", "mas",
                                           "los", "las"]

    /// The list typed as an answer (or retyped from the review).
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        // «cancelar», «ayuda» to «¿A quiénes agrego?» (asked when the request named nobody): the engine's.
        guard slot.name == "miembros", RepairVerb.said(message.phrase) == nil else { return nil }
        guard let listed = Self.listed("a: " + message.clean) ?? Self.listed(message.clean), !listed.isEmpty else {
            return .reask("No encontré nombres ahí.")
        }
        return .fill(["miembros": .text(Self.shown(Self.known(listed, context: context)))], remark: nil)
    }

    /// «ojo que la maria se llama Maria Paillan no mas, es de la escuela Rio Blanco», «el juan es
    /// de la escuela El Arrayan» at the review: that one person's name and school change, the
    /// others stay as they were. Nil when no single person of the list is named.
    func reviewChange(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        let t = message.phrase.tokens
        // «no, está todo mal. Son tres: …»: the whole list again, before one person's fix.
        if let again = Self.wholeListAgain(message, context: context) { return again }
        // «ah y falta la Paola Miranda, supervisora del Deprov», «agrega también a Rosa Soto
        // (escuela X)»: one more person for the list (qa21 J: not understood at the review).
        if let added = Self.onePersonMore(message, run: run, context: context) { return added }
        // «sí, pero pedro es director, no profe»: one person's role corrected (issue 12: the «sí»
        // was taken, or nothing understood, and Pedro saved as docente).
        if let fixed = Self.roleFix(t, run: run) { return fixed }
        // Cheap gate: a name said («se llama») or a school («es de la escuela…»).
        let naming = t.firstIndex(where: { $0 == "llama" || $0 == "llamo" })
        let school = Self.schoolSaid(message.clean)
        guard naming != nil || school != nil, case .text(let list)? = run.values["miembros"] else { return nil }
        var people = Self.kept(list)
        let words = message.clean.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0).filter(\.isLetter) }
        var newName: String?
        if let at = folded.firstIndex(where: { $0 == "llama" || $0 == "llamo" }) {
            var name: [String] = []
            for w in words[(at + 1)...] {
                let f = TextFold.fold(w).filter(\.isLetter)
                if ["no", "nomas", "es", "de", "del", "y", "que", "pero", "solamente", "solo"].contains(f) || f.isEmpty { break }
                let end = w.last.map { ",.;".contains($0) } ?? false
                name.append(end ? String(w.dropLast()) : w)
                if end { break }
            }
            if !name.isEmpty { newName = name.joined(separator: " ") }
        }
        guard newName != nil || school != nil else { return nil }
        // Who: a first name said before the change, or the new name's own first name.
        let before = Set(folded[..<(folded.firstIndex(where: { $0 == "llama" || $0 == "llamo" || $0 == "es" }) ?? folded.count)])
        let first = newName.map { TextFold.fold(String($0.split(separator: " ")[0])) }
        let hits = people.indices.filter { i in
            let own = TextFold.fold(String(people[i].name.split(separator: " ").first ?? ""))
            return before.contains(own) || own == first
        }
        guard hits.count == 1, let i = hits.first else { return nil }
        if let newName { people[i].name = newName }
        if let school { people[i].school = school }
        let shown = people.map { p in
            let details = [p.role, p.school].compactMap { $0 }
            return p.name + (details.isEmpty ? "" : " (" + details.joined(separator: ", ") + ")")
        }
        let text = shown.joined(separator: "; ")
        return .fill(["miembros": .text(text)], remark: (text == list ? "Eso ya estaba así: " : "Corregido: ") + shown[i] + ".")
    }

    /// «no, está todo mal. Son tres: Marcela Toro supervisora, Ana Rivas jefa utp Escuela Dario
    /// Salas, Jorge Millar …», «nada que ver, son Ana Rivas de …, Jorge Millar de …» at the review:
    /// the list said again replaces the whole list, read as an answer to «¿A quiénes agrego?» is
    /// (qa38: it was read as one person's fix, «Corregido: Jorge Millar…», and Ana dropped).
    /// Nil unless the message says the list is all wrong or how many they are, and two or more
    /// people follow.
    static func bare(_ w: Substring) -> String { TextFold.fold(String(w)).filter { $0.isLetter || $0.isNumber } }

    static func wholeListAgain(_ message: Utterance, context: EngineContext) -> Reading? {
        let t = message.phrase.tokens
        // Cheap gate: «todo mal», «nada que ver», «son tres», «eran 4».
        let wrongWords: Set<String> = ["mal", "malo", "mala", "equivocado", "equivocada", "errado", "errada", "incorrecto"]
        let allWrong = (t.contains("todo") || t.contains("toda")) && t.contains(where: wrongWords.contains)
            || DialogEngine.containsRunPublic(t, ["nada", "que", "ver"])
        let counted = t.indices.dropLast().contains { ["son", "somos", "eran", "seran"].contains(t[$0]) && (Int(t[$0 + 1]) != nil || AcuerdoFlow.countWords.contains(t[$0 + 1])) }
        guard allWrong || counted else { return nil }
        let clean = message.clean
        // The list: after the colon, else after «son tres», else after the first full stop.
        var body: Substring
        if let colon = clean.firstIndex(of: ":") {
            body = clean[clean.index(after: colon)...]
        } else if case let words = clean.split(separator: " "),
                  let k = words.indices.dropLast().first(where: { ["son", "somos", "eran", "seran"].contains(Self.bare(words[$0])) }) {
            // «son tres, Marcela…», «nada que ver, son Ana Rivas de … y Jorge Millar de …».
            let counted = Int(Self.bare(words[k + 1])) != nil || AcuerdoFlow.countWords.contains(Self.bare(words[k + 1]))
            guard k + (counted ? 2 : 1) < words.count else { return nil }
            body = Substring(words[(k + (counted ? 2 : 1))...].joined(separator: " "))
        } else if let stop = clean.firstIndex(of: ".") {
            body = clean[clean.index(after: stop)...]
        } else {
            return nil
        }
        let said = body.trimmingCharacters(in: .whitespaces)
        guard !said.isEmpty, let listed = Self.listed("a: " + said) ?? Self.listed(said), listed.count >= 2 else { return nil }
        let text = Self.shown(Self.known(listed, context: context))
        return .fill(["miembros": .text(text)], remark: "Cambio la lista entera por la que me diste (\(listed.count) personas).")
    }

    /// «pedro es director», «sí pero la marta es profe, no directora»: the list with that one
    /// person's role changed; nil unless the words before «es» name exactly one of them by first
    /// name and a role word follows it.
    static func roleFix(_ t: [String], run: FlowRun) -> Reading? {
        guard let e = t.firstIndex(where: { $0 == "es" || $0 == "era" || $0 == "sea" }), e > 0,
              case .text(let list)? = run.values["miembros"] else { return nil }
        // The role said after «es», up to a «no» («…, no profe») or «pero».
        let said = Array(t[(e + 1)...].prefix { $0 != "no" && $0 != "pero" && $0 != "sino" })
        guard !said.isEmpty, said.count <= 5, let role = IncorporacionFlow.role(in: said),
              IncorporacionFlow.roleLabels[role] != nil else { return nil }
        let before = Set(t[..<e])
        var people = kept(list)
        let hits = people.indices.filter { i in
            before.contains(TextFold.fold(String(people[i].name.split(separator: " ").first ?? "")))
        }
        guard hits.count == 1, let i = hits.first else { return nil }
        people[i].role = IncorporacionFlow.roleLabels[role] ?? role
        let shown = people.map { p in
            let details = [p.role, p.school].compactMap { $0 }
            return p.name + (details.isEmpty ? "" : " (" + details.joined(separator: ", ") + ")")
        }
        let text = shown.joined(separator: "; ")
        return .fill(["miembros": .text(text)], remark: (text == list ? "Eso ya estaba así: " : "Corregido: ") + shown[i] + ".")
    }

    /// Words that open a message adding someone at the review, before the verb.
    static let addOpeners: Set<String> = ["ah", "y", "oye", "ya", "uy", "verdad", "tambien", "me", "falto", "olvide", "porfa"]
    /// The verbs: «falta», «agrega», «suma».
    static let addVerbs: Set<String> = ["falta", "faltan", "faltaba", "faltaria", "agrega", "agregale", "agregar", "suma", "sumale", "sumar",
                                        "anota", "anotale", "incluye", "incluir"]

    /// The list at the review with the people an «ah y falta X, …» message adds; nil when the
    /// message does not open that way or names nobody new.
    static func onePersonMore(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        let t = message.phrase.tokens
        guard case .text(let list)? = run.values["miembros"] else { return nil }
        var words = message.clean.split(separator: " ").map(String.init)
        if let v = t.firstIndex(where: addVerbs.contains), t[..<v].allSatisfy(addOpeners.contains) {
            // The words after the verb (and «también», «a», an article), as a list is typed.
            guard let at = words.firstIndex(where: { addVerbs.contains(Phrase($0).core) }) else { return nil }
            words.removeFirst(at + 1)
        } else if let said = personThenVerb(message) {
            words = said
        } else {
            return nil
        }
        while let w = words.first, ["tambien", "a", "la", "el", "los", "las"].contains(Phrase(w).core) { words.removeFirst() }
        guard !words.isEmpty, let listed = listed("a: " + words.joined(separator: " ")), !listed.isEmpty else { return nil }
        let have = Set(kept(list).map { TextFold.fold($0.name) })
        let new = known(listed, context: context).filter { !have.contains(TextFold.fold($0.name)) }
        guard !new.isEmpty else { return .fill(["miembros": .text(list)], remark: SlotValue.joinSpanish(listed.map(\.name)) + (listed.count == 1 ? " ya estaba" : " ya estaban") + " en la lista.") }
        let shownNew = shown(new)
        return .fill(["miembros": .text(list + "; " + shownNew)], remark: "Agregué a la lista: " + shownNew + ".")
    }

    /// «ah y también el Hernán Castro que es profe de la escuela El Guindo, ponlo también»: the
    /// person first and the verb after (as a pronoun, «ponlo», «agrégala»), or no verb but
    /// «también» among the opening words. The words that say the person; nil otherwise.
    static func personThenVerb(_ message: Utterance) -> [String]? {
        let t = message.phrase.tokens
        // Cheap gate: an opener first and «también» somewhere.
        guard let first = t.first, addOpeners.contains(first), t.contains("tambien") else { return nil }
        var words = message.clean.split(separator: " ").map(String.init)
        var verb = false
        // (Folded by hand: a phrase's core drops «po», «porfa» as fillers.)
        while let w = words.last, case let f = TextFold.fold(w).filter(\.isLetter), trailingAdd.contains(f) {
            if pronounVerbs.contains(f) { verb = true }
            words.removeLast()
        }
        var lead = 0
        while lead < words.count, addOpeners.contains(Phrase(words[lead]).core) { lead += 1 }
        // Without a verb after, «también» must be among the opening words («ah y también la Rosa Soto»).
        guard verb || words[..<lead].contains(where: { Phrase($0).core == "tambien" }) else { return nil }
        words.removeFirst(lead)
        if var last = words.popLast() {
            while let c = last.last, ",.;".contains(c) { last.removeLast() }
            if !last.isEmpty { words.append(last) }
        }
        return words.isEmpty ? nil : words
    }

    /// The verbs said after the person, as pronouns: «ponlo», «agrégala», «súmalo».
    static let pronounVerbs: Set<String> = ["ponlo", "ponla", "ponle", "agregalo", "agregala", "sumalo", "sumala", "anotalo", "anotala",
                                            "incluyelo", "incluyela", "metelo", "metela"]
    /// The words that may close such a message: the verb and what goes with it.
    static let trailingAdd: Set<String> = pronounVerbs.union(["tambien", "porfa", "por", "favor", "po", "altiro", "igual", "a", "la", "lista", "en"])

    /// «…, es de la escuela Rio Blanco»: the school said, from its kind to the end of its clause.
    static func schoolSaid(_ text: String) -> String? {
        guard let r = text.range(of: #"(?i)\b(escuela|liceo|colegio|jard[ií]n)\s+[^,.;]+"#, options: .regularExpression) else { return nil }
        var said = String(text[r])
        // «la escuela de teresa es Escuela Contao Alto nomas»: whose school it is, then «es» and
        // the school itself (qa28: the whole clause was kept).
        if let es = said.range(of: #"(?i)\bes\s+(la\s+|el\s+)?(?=(escuela|liceo|colegio|jard[ií]n)\b)"#, options: .regularExpression) {
            said = String(said[es.upperBound...])
        }
        let school = ClosingRequest.trimmed(said)
        return school.isEmpty ? nil : school
    }

    /// «Pedro» for the network's only Pedro is Pedro Cayul: the member is completed, not doubled.
    static func known(_ entries: [MemberRequest.Entry], context: EngineContext) -> [MemberRequest.Entry] {
        let names = context.snapshot?.members.map(\.name) ?? []
        return entries.map { e in
            var e = e
            if let m = PersonMatcher.match(e.name, among: names) { e.name = m }
            return e
        }
    }

    /// The people a request lists, with the role its group says («los otros profes») for those
    /// who have none of their own.
    static func listed(_ text: String) -> [MemberRequest.Entry]? {
        guard var body = MemberRequest.body(text) else { return nil }
        var lead = text.firstIndex(of: ":").map { String(text[..<$0]) } ?? ""
        // «a: profes de la escuela El Sauce: Juana…» (an answer read as a request's list): a
        // second colon after a group of people is the list's own lead.
        if let colon = body.firstIndex(of: ":"), case let inner = String(body[..<colon]),
           MemberRequest.groupRole(inner) != nil, Phrase(inner).tokens.count <= 8 {
            let rest = body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if !rest.isEmpty { lead = inner; body = rest }
        }
        // «agrega a los directores Mario Poblete (escuela Nirivilo), …»: the group said right
        // before the first capitalised name, with no colon, is a lead as «los directores:» is.
        if lead.isEmpty {
            let words = body.split(separator: " ")
            let at = words.first.map { ["los", "las", "mis", "a"].contains(Phrase(String($0)).core) } == true ? 1 : 0
            if at + 1 < words.count, MemberRequest.groupRoles[Phrase(String(words[at])).core] != nil, words[at + 1].first?.isUppercase == true {
                lead = words[...at].joined(separator: " ")
                body = words[(at + 1)...].joined(separator: " ")
            }
        }
        let shared = sharedClause(body)
        if let shared { body = shared.rest }
        var entries = MemberRequest.entries(body)
        guard !entries.isEmpty else { return nil }
        // «a Ana Gallardo y a Tomas Reyes profes de la escuela Carileufu», «…, ambas de Icalma»:
        // the school said of all of them is each one's who says none (only the last had it).
        if let school = shared?.school {
            for i in entries.indices where entries[i].school == nil { entries[i].school = school }
        }
        if var role = shared?.role ?? MemberRequest.groupRole(lead) {
            if role == "otro", let post = MemberRequest.groupPost(lead) { role = post }
            for i in entries.indices where entries[i].role == nil { entries[i].role = role }
        }
        // «…de las escuelas Magdalena, Guarilihue y Vegas de Itata»: one school each, in order.
        if let schools = shared?.schools, schools.count == entries.count {
            for i in entries.indices where entries[i].school == nil { entries[i].school = schools[i] }
        }
        // «profes de la escuela El Sauce: Juana Pérez y Luis Rojas»: the school the lead says is
        // each one's who says none of their own (it was dropped: only the role was kept).
        if let school = leadSchool(lead) {
            for i in entries.indices where entries[i].school == nil { entries[i].school = school }
        }
        return entries
    }

    /// The one school a list's lead names after its people («los profes de la escuela El Sauce»,
    /// «las educadoras del jardín Semillitas»); nil for none, or for a plural «de las escuelas…».
    static func leadSchool(_ lead: String) -> String? {
        let t = Phrase(lead).tokens
        guard t.contains(where: EditarEncuentroFlow.institutions.contains),
              t.contains(where: { MemberRequest.groupRoles[$0] != nil || groupNouns.contains($0) }),
              let said = MemberRequest.school(in: lead.trimmingCharacters(in: CharacterSet(charactersIn: " :,"))) else { return nil }
        let school = said.trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
        return school.split(separator: " ").count >= 2 ? SpanishFormat.institutionName(school) : nil
    }

    /// «…, los 3 son profesores encargados», «…, son profes encargadas de las escuelas A, B y C»:
    /// a clause after the list that says what all of them are (and, with a plural institution,
    /// each one's school in order). Nil when the list has none.
    static func sharedClause(_ body: String) -> (role: String?, schools: [String]?, school: String?, rest: String)? {
        if let said = saidOfAll(body) { return (said.role, nil, said.school, said.rest) }
        var search = body.startIndex
        while let comma = body[search...].firstIndex(of: ",") {
            search = body.index(after: comma)
            let clause = String(body[search...])
            let words = clause.split(separator: " ").map(String.init)
            let t = words.map { Phrase($0).tokens.joined(separator: " ") }
            let son = t.prefix(5).firstIndex(where: { $0 == "son" })
            // «…, profes encargados de las escuelas A y B»: a plural role opening the clause says
            // it as «son» would.
            let from: Int
            if let son, t[..<son].allSatisfy({ sharedLeads.contains($0) || Int($0) != nil }) {
                from = son + 1
            } else if son == nil, let first = t.first, first != "utp", MemberRequest.groupRoles[first] != nil {
                from = 0
            } else { continue }
            let institution = t.indices.first { $0 >= from && pluralInstitutions[t[$0]] != nil }
            let roleWords = t[from..<(institution ?? t.count)]
            guard let role = roleWords.compactMap({ MemberRequest.groupRoles[$0] ?? IncorporacionFlow.roleWords[$0] }).last else { continue }
            var schools: [String]?
            if let k = institution, let kind = pluralInstitutions[t[k]], k + 1 < words.count {
                let list = words[(k + 1)...].joined(separator: " ")
                // Split on «,» and «y» only: «El Pino» keeps its article (a person splitter drops it).
                schools = list.replacingOccurrences(of: " y ", with: ", ").replacingOccurrences(of: " e ", with: ", ")
                    .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces.union(.punctuationCharacters)) }
                    .filter { !$0.isEmpty }.map { "\(kind) \($0)" }
            }
            return (role, schools, nil, String(body[..<comma]))
        }
        return nil
    }

    /// «Ana Gallardo y Tomas Reyes profes de la escuela Carileufu», «…, ambos de la escuela
    /// Icalma», «…, las dos de Icalma»: a plural apposition after the last name says the role
    /// and the school of all those listed (it was read as the last one's only). The role its
    /// noun says, the school after its «de», and the list before it; nil when there is none.
    static func saidOfAll(_ body: String) -> (role: String?, school: String?, rest: String)? {
        let words = body.split(separator: " ").map(String.init)
        let t = words.map { Phrase($0).tokens.joined(separator: " ") }
        // Cheap gate: a word that says all of them, or a plural role.
        guard t.contains(where: { allOfThem.contains($0) || countWords.contains($0) || (MemberRequest.groupRoles[$0] != nil && $0 != "utp") }) else { return nil }
        for w in t.indices.dropFirst(2) {
            var k = w
            var plural = false
            if allOfThem.contains(t[w]) {
                k += 1; plural = true
            } else if ["los", "las"].contains(t[w]), w + 1 < t.count, countWords.contains(t[w + 1]) {
                k += 2; plural = true
            }
            // Right after a name (or its comma): «… Tomas Reyes profes de …», never «… y a los profes Ana…».
            // («…, todos son utp», «los 3 son profesores encargados»: a clause of its own, `sharedClause`'s.)
            let before = t[w - 1]
            guard !["a", "y", "e", "los", "las", "mis", "sus", "de", "del", "son", "somos", "eran", "seran", "estan", "es"].contains(before),
                  !allOfThem.contains(before), !countWords.contains(before), MemberRequest.groupRoles[before] == nil else { continue }
            let role = k < t.count ? MemberRequest.groupRoles[t[k]] : nil
            if role != nil { k += 1 } else if !plural { continue }
            // What follows says where («de la escuela …», «del liceo …», «de Icalma») or nothing.
            // («…, profes de las escuelas A, B y C» is one school each: `sharedClause`.)
            guard k == t.count || ["de", "del"].contains(t[k]), !t[k...].contains(where: { pluralInstitutions[$0] != nil }) else { continue }
            let place = words[k...].joined(separator: " ")
            let school = k < t.count ? (MemberRequest.school(in: place, afterName: true) ?? MemberRequest.school(in: place))
                .map { $0.trimmingCharacters(in: .punctuationCharacters.union(.whitespaces)) } : nil
            guard role != nil || school != nil else { continue }
            let rest = words[..<w].joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: " ,;"))
            guard !rest.isEmpty else { return nil }
            return (role, school, rest)
        }
        return nil
    }

    static let allOfThem: Set<String> = ["ambos", "ambas", "todos", "todas"]
    static let countWords: Set<String> = ["dos", "tres", "cuatro", "cinco", "seis", "2", "3", "4", "5", "6"]

    static let sharedLeads: WordSet = ["los", "las", "todos", "todas", "y", "ellos", "ellas", "tres", "dos", "cuatro", "cinco", "seis", "ambos", "ambas"]
    static let pluralInstitutions: [String: String] = ["escuelas": "escuela", "escuelitas": "escuela", "liceos": "liceo", "colegios": "colegio", "jardines": "jardín"]

    /// How the list is shown and kept: «Nombre (rol, escuela)» joined by «; ».
    static func shown(_ entries: [MemberRequest.Entry]) -> String {
        entries.map { e in
            let role = e.role.flatMap { IncorporacionFlow.roleLabels[$0] ?? $0 }
            // «jefa DAEM»: the office is said once (`kept` reads it back as her school).
            let school = e.school.flatMap { s in role.map { MemberRequest.officeHead(Phrase($0).tokens) == $0 && $0.hasSuffix(" " + s) } == true ? nil : s }
            let details = [role, school].compactMap { $0 }
            return e.name + (details.isEmpty ? "" : " (" + details.joined(separator: ", ") + ")")
        }.joined(separator: "; ")
    }

    /// `shown` read back: each person's name, role label and school.
    static func kept(_ text: String) -> [(name: String, role: String?, school: String?)] {
        text.components(separatedBy: "; ").compactMap { item in
            let item = item.trimmingCharacters(in: .whitespaces)
            guard !item.isEmpty else { return nil }
            guard let open = item.firstIndex(of: "("), item.hasSuffix(")") else { return (item, nil, nil) }
            let name = item[..<open].trimmingCharacters(in: .whitespaces)
            var details = item[item.index(after: open)..<item.index(before: item.endIndex)]
                .components(separatedBy: ", ")
            // A role's label, or a post in its words («encargada de convivencia»).
            let role = details.first.flatMap { d in
                IncorporacionFlow.roleLabels.values.contains(d) || d.split(separator: " ").first.map({ IncorporacionFlow.postWords.contains(TextFold.fold(String($0))) }) == true
                    // «educadora tradicional»: a role word made another post by its qualifier.
                    || IncorporacionFlow.role(in: Phrase(d).tokens) == "otro"
                    // «jefa DAEM»: who heads an office.
                    || MemberRequest.officeHead(Phrase(d).tokens) == d ? d : nil
            }
            if role != nil { details.removeFirst() }
            // «Paula Vera (jefa DAEM)»: the office she heads is where she works.
            if details.isEmpty, let r = role, MemberRequest.officeHead(Phrase(r).tokens) == r, let office = r.split(separator: " ").last {
                return (name, role, String(office))
            }
            return (name, role, details.isEmpty ? nil : details.joined(separator: ", "))
        }
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        guard let text = v["miembros"]?.textValue else { throw StoreError.notFound("los nombres") }
        let people = Self.kept(text)
        var names: [String] = [], joined: [String] = []
        for p in people {
            // Someone already in the network keeps their record; only what it lacks is added.
            // «Jaime», added earlier by first name alone, is the «Jaime Catrileo» said now: one record.
            let stub = PersonRename.stub(for: p.name, in: snapshot)
            let existing = snapshot.members.first { TextFold.fold($0.name) == TextFold.fold(p.name) || $0.id == Slug.make(p.name) } ?? stub
            var m = existing ?? Member(id: "", name: p.name, since: w.clock.today())
            let completes = stub != nil && existing?.id == stub?.id
            if completes { m.name = p.name }
            if m.role == nil { m.role = p.role }
            if m.school == nil { m.school = p.school.map(SpanishFormat.institutionName) }
            if m.organization == nil { m.organization = p.school.flatMap { TerritoryReading.memberOrganization($0, snapshot)?.id } }
            try w.store.saveMember(m, network: snapshot.network.id)
            if completes, let stub { try PersonRename.renamed(stub.name, to: p.name, in: snapshot, with: w) }
            names.append(m.name)
            if existing == nil { joined.append(m.name) }
        }
        try MeetingInvitations.joined(joined, before: snapshot, with: w)
        let who = SlotValue.joinSpanish(names)
        return ["resumen": "sumé a \(who) a la red. Cuando quieras completar el perfil de alguien (rol, contacto, lo que aporta), "
                    + "escríbeme «incorporar a» y su nombre."]
    }
}
