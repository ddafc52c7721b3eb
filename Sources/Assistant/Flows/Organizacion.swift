import CivilTime
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/organizacion.yaml`: an organisation of the territory. Its kind is taken from the
/// name when the name makes it obvious («CESFAM …» is salud, «OPD …» protección).
struct OrganizacionFlow: MingaFlow {
    let id = "organizacion"
    let saveKind: String? = "organization"
    let slotNames = ["nombre", "tipo", "contacto", "desde", "colaboracion", "proyectos"]

    /// «desde marzo», «el año pasado», «desde 2023»: a since-date is the start of the month or
    /// year said (a date slot alone wants one exact day).
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        guard slot.name == "desde", let start = Self.since(message.clean, context: context) else { return nil }
        // «desde 2023»: the year alone is said back alone.
        let t = message.phrase.tokens.filter { $0 != "desde" && $0 != "el" && $0 != "del" && $0 != "ano" }
        let month = t.count == 1 && Int(t[0]) != nil ? "" : SpanishFormat.monthName(start.month) + " de "
        return .fill(["desde": .date(start)], remark: "Anotado: desde \(month)\(start.year).")
    }

    /// «anota la organización CESFAM Quellón, …, contacto: …», «registrar otra institución»: a
    /// request to record a new organisation, which the flows that change one must leave alone.
    static func recordsNew(_ t: [String]) -> Bool {
        guard let v = t.firstIndex(where: EditarDesdeOrganizacionFlow.newWords.contains) else { return false }
        var k = v + 1
        while k < t.count, ["la", "una", "otra", "nueva", "el", "un", "otro", "nuevo"].contains(t[k]) { k += 1 }
        return k < t.count && ["organizacion", "institucion", "organizaciones", "instituciones"].contains(t[k])
    }

    /// The start of the month or year a since-phrase says, never later than today.
    static func since(_ text: String, context: EngineContext) -> LocalDate? {
        let t = Phrase(text).tokens.filter { $0 != "desde" && $0 != "el" && $0 != "del" && $0 != "ano" }
        if t.count == 1, let y = Int(t[0]), (1950...context.today.year).contains(y) { return LocalDate(year: y, month: 1, day: 1) }
        guard let m = TemporalParser.parse(text, context: context.temporal), case .dateRange(var start, let end) = m.value else { return nil }
        // «desde este año, marzo», «el año pasado, en agosto»: a whole year, then the month in it.
        if start.month == 1, start.day == 1, end.month == 12, end.day == 31, start.year == end.year,
           let r = text.range(of: m.text), case let rest = String(text[r.upperBound...]),
           let month = TemporalParser.parse(rest, context: context.temporal), case .dateRange(let ms, let me) = month.value,
           ms.day == 1, ms.month == me.month, ms.year == me.year {
            start = LocalDate(year: start.year, month: ms.month, day: 1)
        }
        if start > context.today { start = LocalDate(year: start.year - 1, month: start.month, day: start.day) }
        return start <= context.today ? start : nil
    }

    func skipNote(_ slot: SlotDefinition, context: EngineContext) -> String? {
        slot.name == "desde" ? "Queda desde hoy." : nil
    }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        // «profesora», «la asistente social» alone: a post, not who to contact nor how (qa17).
        if slot.name == "contacto", let text = value.textValue, IncorporacionFlow.onlyPost(text) {
            return .reject("«\(text)» es un cargo. ¿Cómo se llama esa persona, y cómo se le ubica? Por ejemplo «Paula Soto, psicóloga, +56 9 1234 5678» (o escribe «saltar»).")
        }
        // A collaboration began in the past: «desde marzo» said in November is last March.
        if slot.name == "desde", case .date(let d) = value, d > context.today {
            let back = LocalDate(year: d.year - 1, month: d.month, day: min(d.day, 28))
            return back > context.today ? .reject("¿Desde cuándo? Dime una fecha que ya pasó, por ejemplo «marzo de 2025».") : .replace(.date(back))
        }
        guard slot.name == "nombre", var whole = value.textValue else { return .accept }
        // «hay que registrar las organizaciones con que trabajamos: el CESFAM de Quintero»: the
        // request's own words before a colon are no part of the name, when what follows it names
        // an organisation by its kind.
        if let colon = whole.firstIndex(of: ":"),
           case let after = whole[whole.index(after: colon)...].trimmingCharacters(in: .whitespaces), !after.isEmpty,
           TerritoryReading.kind(ofName: Self.properName(Self.parts(after).name)) != nil {
            whole = after
        }
        let (said, others) = Self.parts(whole)
        // A contact read with more of it than the request's own reading took («Marta Huenchul,
        // asistente social, 452681234» for «Marta Huenchul»): the whole one.
        var more = others.filter { k, v in
            run.values[k] == nil || (k == "contacto" && run.values[k]?.textValue.map { v.textValue?.hasPrefix($0 + ",") ?? false } == true)
        }
        // «…, desde este año»: when they started working together, said with the name.
        if run.values["desde"] == nil, let piece = whole.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }).dropFirst()
            .first(where: { Phrase($0).tokens.first == "desde" }), let start = Self.since(piece, context: context) {
            more["desde"] = .date(start)
        }
        let name = Self.properName(said)
        if let s = context.snapshot, let same = s.organizations.first(where: { TextFold.fold($0.name) == TextFold.fold(name) }) {
            return .reject("«\(same.name)» ya está registrada como la organización \(same.number.map(String.init) ?? same.id).")
        }
        // An obvious kind is not asked; the summary shows it, so a wrong guess is one number away.
        guard run.values["tipo"] == nil, let kind = TerritoryReading.kind(ofName: name) else {
            return name == value.textValue && more.isEmpty ? .accept : .replace(.text(name), others: more)
        }
        return .replace(.text(name), others: more.merging(["tipo": .choice(kind.rawValue)]) { a, _ in a })
    }

    /// «registrar una organización: CESFAM Carahue, contacto Marta Huenchul, asistente social,
    /// 452681234»: the contact with her post and phone, said in the pieces after her name (the
    /// request's reading kept only the name).
    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        guard let had = run.values["contacto"]?.textValue, TextFold.contains(request, byte: UInt8(ascii: ",")),
              let full = Self.parts(request).others["contacto"]?.textValue, full.hasPrefix(had + ",") else { return Prefill() }
        return Prefill(values: ["contacto": .text(full)], echo: ["contacto: \(full)"])
    }

    /// `claim` needs one of these (`ClaimCues`): A verb of support, or of adding.
    func claimCues(_ flow: FlowDefinition) -> ClaimCues {
        ClaimCues(words: Array(Self.supportVerbs) + Array(Self.addVerbs) + Array(Self.requestVerbs) + ["trabajamos"])
    }

    /// «agrega a la OPD de San Carlos, trabajamos con ellos en derivaciones»: a request to add an
    /// organisation named by a word of its kind (CESFAM, OPD, junta de vecinos…).
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        // «el CESFAM de Lago Ranco nos apoya con la nutricionista…»: an organisation of the
        // territory, named by its kind at the start, that works with the network.
        let t = message.phrase.tokens
        // «registrar organizacion: OPD…, nos ayudan con…» opens with a request's verb: the request
        // is read whole (its name, since-date, contact), not started empty.
        if t.contains(where: Self.supportVerbs.contains), t.count >= 4, !Self.addVerbs.contains(t[0]), !Self.requestVerbs.contains(t[0]),
           Organization.Kind.inferred(fromFoldedWords: Array(t.prefix(4))) != nil {
            return Claim()
        }
        // «registrar la junta de vecinos Villa Esperanza como organización», «trabajamos también
        // con la junta de vecinos…»: a request's verb, or working with it, then a name that opens
        // with its kind (never a meeting because of «junta»).
        if let said = Self.namedAfterRequest(message) {
            return Claim(values: ["nombre": .text(said)], echo: ["nombre: \(Self.properName(Self.parts(said).name))"])
        }
        // The request's verb opens the message: its first word (folded, the first token) says it
        // before the message is split.
        guard let verb = message.phrase.tokens.first, Self.addVerbs.contains(verb) else { return nil }
        let words = TextFold.spaceSeparated(message.clean).map(String.init)
        guard words.count >= 2, Self.addVerbs.contains(TextFold.fold(words[0])) else { return nil }
        var rest = Array(words.dropFirst())
        // «agregar organización: CESFAM…», «suma a la institución OPD…»: the kind is not the name.
        // «registra también el Cesfam…»: «también», «además» add it to the others, not to its name.
        while let w = rest.first, ["a", "al", "la", "el", "los", "las", "una", "otra", "organizacion", "organizacion:", "institucion",
                                   "institucion:", "tambien", "ademas", "ahora"].contains(TextFold.fold(w)) || w == ":" { rest.removeFirst() }
        let said = rest.joined(separator: " ")
        guard !said.isEmpty, TerritoryReading.kind(ofName: Self.parts(said).name) != nil else { return nil }
        return Claim(values: ["nombre": .text(said)])
    }

    /// The organisation after «registrar», «anota», «trabajamos (también) con»: only when its first
    /// word says its kind («la junta de vecinos…», «el CESFAM…»); nil otherwise.
    static func namedAfterRequest(_ message: Utterance) -> String? {
        let t = message.phrase.tokens
        guard let first = t.first, requestVerbs.contains(first) || t.contains("trabajamos") else { return nil }
        // The name opens with a word of its kind, and that word's letters run in the folded
        // text's letters: «registrar un acuerdo» (the menu's most common request) has none, and
        // is not split and folded word by word (~9k instructions) to find so.
        guard Organization.Kind.mayBeNamed(inFolded: message.phrase.folded) else {
            assert(namedAfterVerb(message) == nil, "Kind.mayBeNamed hides the organisation in «\(message.clean)»")
            return nil
        }
        return namedAfterVerb(message)
    }

    /// `namedAfterRequest` once the message may name a kind: its words folded one by one.
    private static func namedAfterVerb(_ message: Utterance) -> String? {
        let t = message.phrase.tokens
        guard let first = t.first, requestVerbs.contains(first) || t.contains("trabajamos") else { return nil }
        let words = TextFold.spaceSeparated(message.clean).map(String.init)
        let f = words.map(TextFold.foldedLetters)
        var start: Int
        if requestVerbs.contains(f.first ?? "") {
            start = 1
        } else if let k = f.firstIndex(of: "trabajamos"), let c = f[(k + 1)...].prefix(3).firstIndex(of: "con") {
            start = c + 1
        } else {
            return nil
        }
        while start < f.count, ["a", "al", "la", "el", "los", "las", "una", "un", "tambien", "ademas", "ahora"].contains(f[start]) { start += 1 }
        guard start < words.count, Organization.Kind.inferred(fromFoldedWords: [f[start]]) != nil,
              !["salud", "comunidad", "oficina", "derechos", "proteccion", "municipal"].contains(f[start]) else { return nil }
        let said = words[start...].joined(separator: " ")
        return said.isEmpty ? nil : said
    }

    static let supportVerbs: WordSet = ["apoya", "apoyan", "colabora", "colaboran", "ayuda", "ayudan", "acompana", "acompanan"]
    static let addVerbs: Set<String> = ["agrega", "agregar", "agreguemos", "suma", "sumar", "sumemos", "registra"]
    static let requestVerbs: Set<String> = ["registrar", "registremos", "anota", "anotar", "anotemos", "nueva", "vincular"]

    /// «CESFAM de San Fabián, la contacta es la matrona Paula Ríos, nos apoyan con talleres…»:
    /// the name is what comes before the first comma; a later part that names the contact or
    /// what they do together fills that field.
    static func parts(_ said: String) -> (name: String, others: SlotValues) {
        let pieces = said.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard pieces.count > 1 else { return (said, [:]) }
        var others: SlotValues = [:]
        var lastWasContact = false
        for piece in pieces.dropFirst() {
            let t = Phrase(piece).tokens
            // «…, contacto la asistente social Paula Vera, fono 452 681 234»: how to reach the
            // contact, said in the next piece, is part of it (pass 9, qa13: the phone was dropped).
            // «…, contacto Marta Huenchul, asistente social, 452681234»: her post, a short piece
            // said right after her, is part of it too, and so is the phone after it (both were dropped).
            if lastWasContact, let who = others["contacto"]?.textValue,
               Self.reachDetail(piece) || (t.count <= 4 && !t.contains(where: togetherWords.contains)
                   // «…, encargada de promoción»: a post that opens with a contact word is hers too.
                   && (!t.contains(where: contactWords.contains) || Self.postWords.contains(t.first ?? ""))) {
                others["contacto"] = .text(who + ", " + piece)
                continue
            }
            lastWasContact = false
            if others["contacto"] == nil, t.contains(where: contactWords.contains) {
                lastWasContact = true
                // «la contacta es la matrona Paula Ríos»: who, after «es».
                var who = piece.range(of: " es ").map { String(piece[$0.upperBound...]) } ?? piece
                // «contacto Carla Barrientos», «contacto: Carla»: the word that names the field is not who.
                if let first = who.split(separator: " ").first, ["contacto", "contacto:"].contains(TextFold.fold(String(first))) {
                    who = String(who.dropFirst(first.count).drop { $0 == " " || $0 == ":" })
                }
                if !who.isEmpty { others["contacto"] = .text(who) }
            } else if others["colaboracion"] == nil, t.contains(where: togetherWords.contains) {
                others["colaboracion"] = .text(piece)
            }
        }
        return (pieces[0], others)
    }

    /// A phone, an e-mail or a «fono/correo/wsp …»: how to reach someone.
    static func reachDetail(_ piece: String) -> Bool {
        if piece.contains("@") { return true }
        if piece.filter(\.isNumber).count >= 6 { return true }
        return Phrase(piece).tokens.first.map { ["fono", "telefono", "tel", "celular", "cel", "correo", "mail", "email", "whatsapp", "wsp", "wasap"].contains($0) } ?? false
    }

    /// Contact words that also open a post («encargada de convivencia», «coordinador del programa»).
    static let postWords: Set<String> = ["encargado", "encargada", "coordinador", "coordinadora"]
    static let contactWords: Set<String> = ["contacto", "contacta", "encargado", "encargada", "ubicar", "ubica", "hablar", "coordinadora", "coordinador"]
    static let togetherWords: WordSet = ["apoyan", "apoya", "trabajamos", "hacemos", "talleres", "taller", "ayudan", "derivaciones",
                                             "derivamos", "colaboran", "colaboramos", "juntos", "charlas"]

    /// Words after «como» that say what an organisation is to the network.
    static let asWhat: Set<String> = ["organizacion", "organizaciones", "institucion", "aliada", "aliado", "aliadas", "socia", "socio",
                                      "colaboradora", "colaborador", "amiga", "amigo", "red", "de", "del", "apoyo", "una", "un", "nueva",
                                      "nuevo", "nuestra", "nuestro", "la", "el", "territorio", "externa", "externo", "", "comunitaria"]

    /// Acronyms of the territory's services, written as they are known.
    static let acronyms: Set<String> = ["cesfam", "cecosf", "sapu", "cosam", "opd", "daem", "dideco", "slep", "senda", "uach", "ufro",
                                        "cft", "pie", "sename", "junaeb", "jpi", "oln", "ong", "pdi"]

    /// «la junta de vecinos villa los alerces» → «Junta de Vecinos Villa Los Alerces»; «cesfam
    /// los lagos» → «CESFAM Los Lagos». A name typed with capitals is kept as typed.
    static func properName(_ text: String) -> String {
        var words = text.split(separator: " ").map(String.init)
        if words.count > 1, ["la", "el", "los", "las"].contains(words[0].lowercased()) { words.removeFirst() }
        // «el CESFAM de San Carlos como organización aliada»: what it is to the network is no part of its name.
        if let k = words.lastIndex(where: { TextFold.fold($0) == "como" }), k > 0,
           words[(k + 1)...].allSatisfy({ asWhat.contains(TextFold.fold($0).filter(\.isLetter)) }) {
            words.removeSubrange(k...)
        }
        guard !text.contains(where: \.isUppercase) else { return words.joined(separator: " ") }
        return SpanishFormat.properName(words.joined(separator: " ")).split(separator: " ").map { w in
            acronyms.contains(TextFold.fold(String(w))) ? w.uppercased() : String(w)
        }.joined(separator: " ")
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        let projects = (v["proyectos"]?.listValue ?? []).flatMap { $0.split(whereSeparator: { $0 == "," || $0 == ";" }) }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .map { $0.hasPrefix("y ") ? String($0.dropFirst(2)) : $0 }
            .filter { !$0.isEmpty }
        let o = try w.store.addOrganization(Organization(
            id: "", name: v["nombre"]?.textValue ?? "", kind: v["tipo"]?.textValue.flatMap(Organization.Kind.init(rawValue:)) ?? .otra,
            contact: v["contacto"]?.textValue, since: v["desde"]?.dateValue ?? w.clock.today(), collaboration: v["colaboracion"]?.textValue,
            projects: projects), network: snapshot.network.id, key: w.key)
        return ["id": o.id, "numero": o.number.map(String.init) ?? o.id]
    }
}
