import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/organizaciones-varias.yaml`: several partner organisations in one message, each with
/// what it does with the network. The list is kept as one value («CESFAM de Carahue (salud):
/// charlas de salud; …») so the review shows each with its kind, and a correction retypes it;
/// the save makes one organisation of each, as the norms are one record each.
struct OrganizacionesVariasFlow: MingaFlow {
    let id = "organizaciones-varias"
    let saveKind: String? = "organization"
    let slotNames = ["organizaciones"]

    struct Entry: Equatable {
        var name: String
        var kind: Organization.Kind
        var collaboration: String
        /// «la OPD La Pintana con la Paula Reyes como contacto»: who to reach there (qa20 A5).
        var contact: String? = nil
    }

    /// `claim` needs one of these (`ClaimCues`): Organisations named in plural.
    func claimCues(_ flow: FlowDefinition) -> ClaimCues { ClaimCues(words: Array(Self.pluralWords) + Array(Self.worksWithVerbs)) }

    /// «quiero registrar las organizaciones que nos apoyan: la Fundacion Educacional Arauco que nos
    /// hace talleres de lectura, el CESFAM de Carahue con charlas de salud y la Universidad de La
    /// Frontera con practicantes»: organisations said in the plural, and two or more listed.
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        // Cheap gate first: this runs on every message at the menu.
        let t = message.phrase.tokens
        guard context.snapshot != nil else { return nil }
        if t.contains(where: Self.pluralWords.contains) {
            guard !QuestionForm.asks(message), let listed = Self.listed(message.clean, lead: true), listed.count >= 2 else { return nil }
            return Claim(values: ["organizaciones": .text(Self.shown(listed))])
        }
        // «trabajamos con la OPD de Santa Cruz, con carabineros (…) y con la junta de vecinos de
        // Auquinco»: several organisations the network works with, each after its «con» (qa28: one
        // organisation of the wrong kind was taken and the others dropped).
        guard !QuestionForm.asks(message), let listed = Self.severalWorkedWith(t, message.clean) else { return nil }
        return Claim(values: ["organizaciones": .text(Self.shown(listed))])
    }

    /// Two or more organisations after «trabajamos con» (a cheap look at the first words first).
    static func severalWorkedWith(_ t: [String], _ clean: String) -> [Entry]? {
        guard let k = t.prefix(6).firstIndex(where: worksWithVerbs.contains), k + 1 < t.count, t[k + 1] == "con",
              let listed = listedAfterCon(clean), listed.count >= 2 else { return nil }
        return listed
    }

    static let worksWithVerbs: Set<String> = ["trabajamos", "trabaja", "colaboramos", "colabora", "coordinamos", "nos", "articulamos"]

    /// The organisations listed after «trabajamos con»: each piece opened by «con» names one, its
    /// words in parentheses its contact; nil unless every piece does.
    static func listedAfterCon(_ text: String) -> [Entry]? {
        guard let r = text.range(of: " con ", options: [.caseInsensitive]) else { return nil }
        var body = Substring(text[r.lowerBound...])
        // Commas inside parentheses are the contact's («(el sargento Rubén Araya, fono 722 123456)»).
        var contacts: [String] = []
        while let open = body.firstIndex(of: "("), let close = body[open...].firstIndex(of: ")") {
            let inner = body[body.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
            let shown = inner.split(separator: " ").drop { ["el", "la"].contains(TextFold.fold(String($0))) }.joined(separator: " ")
            contacts.append(shown)
            body = body[..<open] + " §\(contacts.count - 1)§ " + body[body.index(after: close)...]
        }
        var entries: [Entry] = []
        // «… y con la junta de vecinos»: «y con» opens another.
        let listed = String(body).replacingOccurrences(of: " y con ", with: ", con ", options: .caseInsensitive)
        // Whether the last piece said who to reach at the organisation before it.
        var inContact = false
        for chunk in listed.split(separator: ",") {
            do {
                let part = chunk
                var words = part.split(separator: " ").map(String.init)
                if TextFold.fold(words.first ?? "") == "y" { words.removeFirst() }
                // «…con el CESFAM de Mejillones, la contacto es la asistente social Patricia
                // Olivares, patricia.olivares@cesfam.cl, y con la OPD»: a contact said as its own
                // clause is the organisation's before it, and the pieces after it that open no
                // other one (a mail, a phone) go with it (qa28: the message was not understood).
                if let last = entries.indices.last, let who = contactClause(words) {
                    entries[last].contact = who
                    inContact = true
                    continue
                }
                if inContact, let last = entries.indices.last, !words.isEmpty, TextFold.fold(words[0]) != "con" {
                    entries[last].contact = (entries[last].contact.map { $0 + ", " } ?? "") + words.joined(separator: " ")
                    continue
                }
                inContact = false
                guard TextFold.fold(words.first ?? "") == "con" else { return nil }
                words.removeFirst()
                var contact: String?
                if let m = words.firstIndex(where: { $0.hasPrefix("§") }) {
                    contact = Int(words[m].trimmingCharacters(in: .init(charactersIn: "§"))).map { contacts[$0] }
                    words.remove(at: m)
                }
                guard var e = entry(words.joined(separator: " "), anyCase: true) else { return nil }
                e.contact = contact ?? e.contact
                entries.append(e)
            }
        }
        return entries.count >= 2 ? entries : nil
    }

    /// «la contacto es la asistente social Patricia Olivares», «el contacto: don Luis Peña», «su
    /// contacto es Rubén Araya»: who to reach, without the lead; nil for any other piece.
    static func contactClause(_ words: [String]) -> String? {
        var i = 0
        let t = words.map { TextFold.fold($0).trimmingCharacters(in: .punctuationCharacters) }
        if i < t.count, ["la", "el", "su", "nuestro", "nuestra"].contains(t[i]) { i += 1 }
        guard i < t.count, ["contacto", "contacta", "contactos"].contains(t[i]) else { return nil }
        i += 1
        if i < t.count, ["es", "seria", "sera"].contains(t[i]) { i += 1 }
        if i < t.count, ["la", "el"].contains(t[i]) { i += 1 }
        let who = words[i...].joined(separator: " ").trimmingCharacters(in: .whitespaces.union(.init(charactersIn: ":")))
        return who.isEmpty ? nil : who
    }

    static let pluralWords: Set<String> = ["organizaciones", "instituciones", "aliados", "aliadas"]

    /// The list typed as an answer (or retyped from the review).
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        guard slot.name == "organizaciones" else { return nil }
        guard let listed = Self.listed(message.clean, lead: false), !listed.isEmpty else {
            return .reask("No encontré organizaciones ahí.")
        }
        return .fill(["organizaciones": .text(Self.shown(listed))], remark: nil)
    }

    /// «son tres, carabineros es aparte», «separa el cesfam y gendarmería», «gendarmería va
    /// aparte» at the review of a list where two were read as one («CESFAM de Puerto Varas y
    /// Gendarmería»): that one split at its «y», each half read as any listed one (qa38 c14: it
    /// was ignored and the review asked again). The half named, or with «son N» the only one that
    /// can split into as many; said so when none can.
    func reviewChange(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        let t = message.phrase.tokens
        // Cheap gate: a word that says apart, or «son/eran» and a number.
        let apart = t.contains { Self.apartWords.contains($0) }
        let countAt = t.firstIndex { $0 == "son" || $0 == "eran" }
        let wanted = countAt.flatMap { k in k + 1 < t.count ? Int(t[k + 1]) ?? NumberParser.parse(t[k + 1]) : nil }
        guard apart || wanted != nil, t.count <= 16, case .text(let text)? = run.values["organizaciones"] else { return nil }
        let entries = Self.kept(text)
        // Each way one entry splits: the entry, and the words of its name before and after a «y».
        var splits: [(entry: Int, head: String, tail: String)] = []
        for (i, e) in entries.enumerated() {
            let words = e.name.split(separator: " ").map(String.init)
            for (j, w) in words.enumerated() where ["y", "e"].contains(w.lowercased()) && j > 0 && j + 1 < words.count {
                splits.append((i, words[..<j].joined(separator: " "), words[(j + 1)...].joined(separator: " ")))
            }
        }
        let content = Set(t.filter { $0.count >= 3 && !Self.apartWords.contains($0) && !["son", "eran", "tres", "dos", "cuatro", "cinco", "que", "las", "los", "del"].contains($0) })
        let named = splits.filter { s in
            Phrase(s.tail).tokens.contains(where: content.contains) || Phrase(s.head).tokens.prefix(2).contains(where: content.contains)
        }
        let chosen: (entry: Int, head: String, tail: String)?
        if named.count == 1 {
            chosen = named[0]
        } else if named.isEmpty, let wanted, wanted == entries.count + 1, splits.count == 1 {
            chosen = splits[0]
        } else {
            chosen = nil
        }
        guard let chosen else {
            if let wanted, wanted == entries.count, splits.isEmpty {
                return .reask("Ya están separadas: son \(wanted).")
            }
            return .reask("No supe cuál separar. Escríbeme la lista de nuevo, una organización por coma (por ejemplo «la OPD, el CESFAM y Carabineros»).")
        }
        let old = entries[chosen.entry]
        guard var first = Self.entry(chosen.head, anyCase: true), var second = Self.entry(chosen.tail, anyCase: true) else { return nil }
        // What was said after the pair («… y gendarmería (charlas de prevención)») follows the
        // last name said: it stays with the second half, unless that one says its own.
        if second.collaboration.isEmpty { second.collaboration = old.collaboration } else if first.collaboration.isEmpty { first.collaboration = old.collaboration }
        first.contact = first.contact ?? old.contact
        var kept = entries
        kept.replaceSubrange(chosen.entry...chosen.entry, with: [first, second])
        return .fill(["organizaciones": .text(Self.shown(kept))], remark: "Las separé: «\(first.name)» y «\(second.name)».")
    }

    static let apartWords: Set<String> = ["aparte", "apartes", "separa", "separalas", "separalos", "separar", "separado", "separada",
                                          "separados", "separadas", "distinta", "distintas", "distinto", "distintos"]

    /// «Fundacion Educacional Arauco (organización comunitaria): talleres de lectura; CESFAM de Carahue (salud): …»
    static func shown(_ entries: [Entry]) -> String {
        entries.map { e in
            "\(e.name) (\(e.kind.label)\(e.contact.map { ", contacto: \($0)" } ?? ""))" + (e.collaboration.isEmpty ? "" : ": \(e.collaboration)")
        }.joined(separator: "; ")
    }

    /// `shown` read back.
    static func kept(_ text: String) -> [Entry] {
        text.components(separatedBy: "; ").compactMap { part in
            for kind in Organization.Kind.allCases {
                guard let r = part.range(of: " (\(kind.label)") else { continue }
                var rest = part[r.upperBound...]
                var contact: String?
                let contactLead = ", contacto: "
                if rest.hasPrefix(contactLead), let close = rest.firstIndex(of: ")") {
                    contact = String(rest[rest.index(rest.startIndex, offsetBy: contactLead.count)..<close])
                    rest = rest[close...]
                }
                guard rest.hasPrefix(")") else { continue }
                let after = rest.dropFirst().trimmingCharacters(in: .whitespaces)
                let what = after.hasPrefix(":") ? String(after.dropFirst()).trimmingCharacters(in: .whitespaces) : after
                return Entry(name: String(part[..<r.lowerBound]), kind: kind, collaboration: what, contact: contact)
            }
            let name = part.trimmingCharacters(in: .whitespaces)
            return name.isEmpty ? nil : Entry(name: name, kind: .otra, collaboration: "")
        }
    }

    /// The organisations a text lists: after its colon (or after «organizaciones» when a request
    /// has none), split at commas and at «y» before an article or a capital. A piece that names no
    /// organisation (neither a kind's word nor a capital) continues what the one before does
    /// («talleres de lectura, escritura…»); pieces before the first organisation are the request's
    /// own words (`lead`).
    static func listed(_ text: String, lead: Bool) -> [Entry]? {
        var body = text
        if let colon = text.firstIndex(of: ":") {
            body = String(text[text.index(after: colon)...])
        } else if lead {
            guard let r = text.range(of: #"(?i)\b(organizaciones|instituciones|aliad[oa]s)\b"#, options: .regularExpression) else { return nil }
            body = String(text[r.upperBound...])
        }
        var entries: [Entry] = []
        for (piece, joiner) in pieces(body) {
            if let e = entry(piece) {
                entries.append(e)
            } else if var last = entries.popLast() {
                last.collaboration += (last.collaboration.isEmpty ? "" : joiner) + piece
                entries.append(last)
            } else if !lead {
                return nil
            }
        }
        return entries.isEmpty ? nil : entries
    }

    /// The pieces of a list with what joined each to the one before («, » or « y »).
    static func pieces(_ body: String) -> [(String, String)] {
        var out: [(String, String)] = []
        for (i, chunk) in body.split(whereSeparator: { $0 == "," || $0 == ";" }).enumerated() {
            let words = chunk.split(separator: " ").map(String.init)
            var current: [String] = [], joiner = i == 0 ? "" : ", "
            for (j, w) in words.enumerated() {
                let next = j + 1 < words.count ? words[j + 1] : ""
                // «el CESFAM de Puerto Varas y carabineros (…)»: still in a name (no word of what it
                // does yet), a word that opens an organisation's name opens the next one (qa38 c14).
                let opensOrganization = OrganizacionFlow.nextNouns.contains(TextFold.fold(next))
                    && !current.contains { connectors.contains(TextFold.fold($0)) }
                if w.lowercased() == "y", !current.isEmpty,
                   ["el", "la", "los", "las"].contains(next.lowercased()) || next.first?.isUppercase == true || opensOrganization {
                    out.append((current.joined(separator: " "), joiner))
                    current = []
                    joiner = " y "
                    continue
                }
                current.append(w)
            }
            let piece = current.joined(separator: " ").trimmingCharacters(in: .whitespacesAndNewlines.union(.init(charactersIn: ".")))
            if piece.lowercased().hasPrefix("y ") { out.append((String(piece.dropFirst(2)), " y ")) } else if !piece.isEmpty { out.append((piece, joiner)) }
        }
        return out
    }

    /// «el CESFAM de Carahue con charlas de salud» → CESFAM de Carahue, salud, «charlas de salud»;
    /// nil when the piece names no organisation.
    static func entry(_ piece: String, anyCase: Bool = false) -> Entry? {
        var words = piece.split(separator: " ").map(String.init)
        if let first = words.first, ["el", "la", "los", "las", "a", "al"].contains(first.lowercased()) { words.removeFirst() }
        var cut = words.firstIndex { connectors.contains(TextFold.fold($0)) } ?? words.count
        // «carabineros (programa de prevencion)»: what the parenthesis says is what it does.
        var said: [String] = []
        if let open = words[..<cut].firstIndex(where: { $0.hasPrefix("(") }), open > 0,
           let close = words[open...].firstIndex(where: { $0.hasSuffix(")") }), cut == words.count, close + 1 == words.count {
            said = words[open...close].map { $0.filter { $0 != "(" && $0 != ")" } }.filter { !$0.isEmpty }
            words.removeSubrange(open...close)
            cut = open
        }
        let nameWords = Array(words[..<cut])
        guard let first = nameWords.first else { return nil }
        let kind = Organization.Kind.inferred(fromFoldedWords: nameWords.prefix(4).map { TextFold.fold($0) })
        guard kind != nil || first.first?.isUppercase == true || anyCase || OrganizacionFlow.nextNouns.contains(TextFold.fold(first)) else { return nil }
        var what = Array(words[cut...])
        if what.isEmpty { what = said }
        while let w = what.first, fillers.contains(TextFold.fold(w)) { what.removeFirst() }
        // «con la Paula Reyes como contacto», «con Paula Reyes de contacto»: who, not what they do.
        var contact: String?
        let folded = what.map { TextFold.fold($0) }
        if folded.count >= 3, folded.last == "contacto", ["como", "de"].contains(folded[folded.count - 2]) {
            let who = what.dropLast(2).drop { ["la", "el", "a"].contains(TextFold.fold($0)) }
            if !who.isEmpty { contact = who.joined(separator: " "); what = [] }
        }
        // «club deportivo Huequen» typed with one capital is still a name, and starts with one.
        let name = OrganizacionFlow.properName(nameWords.joined(separator: " "))
        return Entry(name: name.prefix(1).uppercased() + name.dropFirst(), kind: kind ?? .otra, collaboration: what.joined(separator: " "),
                     contact: contact)
    }

    /// Where an organisation's name ends and what it does begins.
    static let connectors: Set<String> = ["que", "con", "nos", "quienes", "para", "les", "hace", "hacen", "apoya", "apoyan", "ayuda", "ayudan", "donde"]
    /// Words before what an organisation does that only link it («que nos hace talleres»).
    static let fillers: Set<String> = ["que", "con", "nos", "les", "quienes", "hace", "hacen", "da", "dan", "apoya", "apoyan", "ayuda", "ayudan",
                                       "realiza", "realizan", "entrega", "entregan"]

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        guard let text = v["organizaciones"]?.textValue else { throw StoreError.notFound("las organizaciones") }
        var saved: [Organization] = [], already: [String] = []
        for (i, e) in Self.kept(text).enumerated() {
            // One already registered is not doubled.
            if let same = snapshot.organizations.first(where: { TextFold.fold($0.name) == TextFold.fold(e.name) }) {
                already.append(same.name)
                continue
            }
            saved.append(try w.store.addOrganization(Organization(
                id: "", name: e.name, kind: e.kind, contact: e.contact, since: w.clock.today(), collaboration: e.collaboration.isEmpty ? nil : e.collaboration,
                projects: []).registered(by: user.name), network: snapshot.network.id, key: w.key?.part(i)))
        }
        var resumen = saved.isEmpty ? "No registré ninguna organización nueva."
            : "Quedaron registradas \(saved.count) organizaciones:" + saved.map { "\n- Organización \($0.number.map(String.init) ?? $0.id): \($0.name) (\($0.kind.label))" }.joined()
        if !already.isEmpty { resumen += "\n" + (already.count == 1 ? "«\(already[0])» ya estaba registrada." : "Ya estaban registradas: \(SlotValue.joinSpanish(already)).") }
        resumen += "\nPregúntame «¿con qué organizaciones trabajamos?» cuando quieras verlas."
        return ["id": saved.first?.id ?? "", "numero": saved.first?.number.map(String.init) ?? "", "resumen": resumen]
    }
}
