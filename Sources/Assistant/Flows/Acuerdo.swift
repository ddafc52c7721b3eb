import CivilTime
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/acuerdo.yaml`: a new agreement. A deadline on a weekend or a feriado is kept with a
/// remark, so the user can correct it.
struct AcuerdoFlow: MingaFlow {
    let id = "acuerdo"
    let saveKind: String? = "agreement"
    let slotNames = ["texto", "responsables", "se_suman", "plazo", "evidencia", "encuentro"]

    /// «en la reunión de hoy quedamos en que cada escuela hace un rincón lector»: an agreement
    /// taken in a meeting already on the calendar, not a new meeting. The agreement is what
    /// follows «quedamos en que», «acordamos que»…; the meeting is kept with it.
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        // «acuerdo: Tamara revisa las planificaciones, plazo 20 de diciembre»: dictated after its
        // kind and a colon (otherwise «plazo» and «evidencia» meet the follow-up's words).
        if let dictated = Self.dictated(message.clean) { return Claim(reads: dictated) }
        // The meeting is named before the clause: one named inside it («…el resumen de la reunión
        // del viernes») is what the agreement is about, read by the usual request.
        guard !QuestionForm.asks(message), let (before, text) = Self.agreedClause(message.clean), MeetingMention.points(before) else { return nil }
        // A meeting not on the calendar (never scheduled in Minga): the agreement all the same.
        // The clause is read as any agreement's request (who, by when, what).
        guard let s = context.snapshot, let (m, _) = MeetingMention.find(before, in: s, context: context), let n = m.number else {
            return Claim(reads: text)
        }
        let meeting = "\(n) («\(m.title)»)"
        return Claim(values: ["encuentro": .text(meeting)], echo: ["encuentro: \(meeting)"], reads: text)
    }

    /// The agreement after «acuerdo:» at the start.
    static func dictated(_ text: String) -> String? {
        // Read on every message at the menu: most have no colon byte, and are not walked by characters.
        guard text.utf8.contains(UInt8(ascii: ":")), let colon = text.firstIndex(of: ":") else { return nil }
        let head = Phrase(String(text[..<colon])).tokens
        // «nuevo acuerdo:» already names the flow by its trigger; «acuerdo:» alone does not.
        guard head == ["acuerdo"] else { return nil }
        let rest = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return Phrase(rest).stems.count >= 2 ? rest : nil
    }

    /// What was agreed: the words after «quedamos en que», «acordamos que», «se acordó que»,
    /// «decidimos que», with the words before them; nil when the message has none of them or
    /// nothing follows.
    static func agreedClause(_ text: String) -> (before: String, clause: String)? {
        // Read on every message at the menu: a lead said has its words, run together, among the
        // message's letters; most messages have none, and are not split into words.
        let letters = TextFold.withFolded(text) { b in b.filter { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") } }
        guard agreedLeadLetters.contains(where: { lead in
            letters.count >= lead.count && (0...(letters.count - lead.count)).contains { letters[$0..<($0 + lead.count)].elementsEqual(lead) }
        }) else { return nil }
        let words = text.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0).filter(\.isLetter) }
        for lead in agreedLeads {
            guard let i = folded.indices.first(where: { folded[$0...].starts(with: lead) }), i + lead.count < words.count else { continue }
            var rest = words[(i + lead.count)...].joined(separator: " ").trimmingCharacters(in: .whitespaces)
            while let last = rest.last, ".,;!".contains(last) { rest.removeLast() }
            guard Phrase(rest).stems.count >= 2 else { return nil }
            return (words[..<i].joined(separator: " "), rest)
        }
        return nil
    }

    static let agreedLeads: [[String]] = [["quedamos", "en", "que"], ["quedamos", "que"], ["acordamos", "que"], ["se", "acordo", "que"],
                                          ["decidimos", "que"], ["nos", "comprometimos", "a"]]
    static let agreedLeadLetters: [[UInt8]] = agreedLeads.map { Array($0.joined().utf8) }

    // The Mineduc guidance sheet warns against isolated tasks: when one person holds an
    // agreement alone, Minga says so once (with the responsables' answer) and goes on; «se suma
    // Luis» or «no, lo hace ella sola» at any later question answers it. It is never a question
    // of its own (dialogs/acuerdo.yaml), so the conversation does not stop for it.

    /// The one person an agreement would rest on, when it is one person (not a group) and
    /// nobody has joined or been declined yet.
    static func alone(_ values: [String: SlotValue]) -> String? {
        guard values["se_suman"] == nil, let people = values["responsables"]?.listValue, people.count == 1,
              !PeopleParser.isGroup(people[0]) else { return nil }
        return people[0]
    }

    /// «se suma Luis», «también la Marta», «Luis Soto» (to a date question), «no, lo hace ella
    /// sola», «nadie más»: the answer to the remark, read while another question is pending.
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        guard !["texto", "responsables"].contains(slot.name) else { return nil }
        let t = message.phrase.tokens
        guard !t.isEmpty, t.count <= 10 else { return nil }
        let saysAlone = t.contains(where: Self.lone.contains) || (t.contains("solo") && (t.first == "no" || t.contains("hace")))
            || (t.first == "no" && t.contains("mas") && t.count <= 3)
        let marked = t.contains(where: Self.joinWords.contains)
        // The words come first: most answers say neither, and who holds the agreement need not be read.
        guard saysAlone || marked || slot.type == .date, let who = Self.alone(run.values) else { return nil }
        if saysAlone {
            return .fill(["se_suman": .text(Self.nobody)], remark: who == context.userName ? "Bueno, queda a tu cargo." : "Bueno, queda a cargo de \(who).")
        }
        let rest = TextFold.spaceSeparated(message.clean).filter { !Self.markers.contains(Phrase(String($0)).core) }.joined(separator: " ")
        // The user may be a member too: each name once, or the match is ambiguous.
        let members = context.members + (context.userName.map { u in context.members.contains(u) ? [] : [u] } ?? [])
        let joined = PeopleParser.split(rest).compactMap { PersonMatcher.match($0, among: members) }.filter { $0 != who }
        guard !joined.isEmpty else { return nil }
        return .fill(["se_suman": .list(joined)], remark: "Anotado: \(SlotValue.joinSpanish(joined)) se suma\(joined.count > 1 ? "n" : "") \(who == context.userName ? "contigo" : "a \(who)").")
    }

    static let nobody = "nadie más"

    // Built once: `interpret` reads most answers while a remark is pending.
    static let lone: Set<String> = ["sola", "solita", "solito", "nadie"]
    static let joinWords: Set<String> = ["suma", "sume", "sumale", "agrega", "agregale", "tambien", "junto"]
    static let markers: Set<String> = ["se", "suma", "sume", "suman", "sumale", "sumar", "agrega", "agregale", "agregar", "tambien", "con",
                                       "y", "que", "a", "la", "el", "lo", "hace", "junto", "ayuda", "le"]

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        if slot.name == "responsables" {
            var values = run.values
            values["responsables"] = value
            guard let who = Self.alone(values) else { return .accept }
            let mine = who == context.userName
            // The example names someone who could join: another member, by first name.
            let other = (context.members + (context.userName.map { [$0] } ?? [])).first { $0 != who }
                .map { String($0.split(separator: " ").first ?? "") }
            return .accept(["Este acuerdo quedaría solo en \(mine ? "tus manos" : "manos de \(who)"). Las tareas de a dos o más se sostienen mejor: si alguien se suma, dime su nombre"
                + (other.map { " (por ejemplo «se suma \($0)»)" } ?? "") + "; si no, seguimos igual."])
        }
        if slot.name == "se_suman", case .list(let joined) = value {
            let already = Set(run.values["responsables"]?.listValue ?? [])
            let new = joined.filter { !already.contains($0) }
            if new.isEmpty { return .reject("Esa persona ya es responsable.") }
            return new == joined ? .accept : .replace(.list(new))
        }
        guard slot.name == "plazo", case .date(let d) = value, let s = context.snapshot else { return .accept }
        return .accept(Wording.deadlineRemark(d, region: s.network.region, today: context.today).map { [$0] } ?? [])
    }

    /// «deshacer» right after registering it: the agreement is deleted (it stays in its history).
    func undo(_ record: String, context: EngineContext) -> Undo? {
        guard let n = Int(record.drop { !$0.isNumber }), context.snapshot?.agreement(number: n) != nil else { return nil }
        return Undo(flow: "borrar", values: ["acuerdo": .number(Double(n))])
    }

    /// The responsables and whoever joined them, each once.
    static func responsables(_ v: [String: SlotValue]) -> [String] {
        var out: [String] = []
        // «nadie más» (a text) joins no one.
        var joined: [String] = []
        if case .list(let l)? = v["se_suman"] { joined = l }
        for p in (v["responsables"]?.listValue ?? []) + joined where !out.contains(p) { out.append(p) }
        return out
    }

    func save(_ v: [String: SlotValue], with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        guard let network else { throw StoreError.notFound("la red de este acuerdo") }
        // The meeting it was taken in, said as «1 («Reunión de diciembre»)»: kept by its id.
        let meeting = try v["encuentro"]?.textValue.map { said in
            try Read.numbers(in: said).first.flatMap { try w.snapshot(network).meeting(number: $0)?.id } ?? said
        }
        let a = try w.store.addAgreement(Agreement(
            id: "", text: v["texto"]?.textValue ?? "", responsables: Self.responsables(v),
            deadline: v["plazo"]?.dateValue, evidence: v["evidencia"]?.textValue, status: .pendiente,
            meeting: meeting, registered: w.clock.stamp()), network: network, key: w.key)
        return ["id": a.id, "numero": a.number.map(String.init) ?? a.id]
    }
}
