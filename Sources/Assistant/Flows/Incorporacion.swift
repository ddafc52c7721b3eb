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
    let slotNames = ["nombre", "rol", "establecimiento", "contacto", "fortalezas"]

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

    /// «la María José Rojas, profe de lenguaje de la escuela El Manzano, su correo es …»: a whole
    /// profile in one message fills every field it says, instead of being refused as a name.
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        guard slot.name == "nombre" else { return nil }
        let profile = Self.profile(message.clean)
        guard profile.count >= 2, profile["nombre"] != nil else { return nil }
        return .fill(profile, remark: nil)
    }

    /// The fields a profile message says, clause by clause (split at commas and periods).
    static func profile(_ text: String) -> [String: SlotValue] {
        var out: [String: SlotValue] = [:]
        let clauses = text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\n" })
            .flatMap { $0.components(separatedBy: ". ") }
            .map { $0.trimmingCharacters(in: .whitespaces.union(.punctuationCharacters)) }.filter { !$0.isEmpty }
        for (i, clause) in clauses.enumerated() {
            let words = clause.split(separator: " ").map(String.init)
            let t = words.map { Phrase($0).tokens.joined(separator: " ") }
            if let contact = EditarMiembroFlow.contact(in: clause) { out["contacto"] = .text(contact); continue }
            // «profesora encargada»: the last role word is the one that qualifies the others.
            if let role = t.compactMap({ roleWords[$0] }).last, out["rol"] == nil { out["rol"] = .choice(role) }
            if let k = t.firstIndex(where: EditarEncuentroFlow.institutions.contains), out["establecimiento"] == nil {
                out["establecimiento"] = .text(words[k...].joined(separator: " "))
                continue
            }
            if let lead = t.first, strengthLeads.contains(lead) || t.starts(with: ["le", "gusta"]) {
                let kept = out["fortalezas"]?.textValue.map { $0 + ", " } ?? ""
                out["fortalezas"] = .text(kept + clause)
                continue
            }
            // The name opens the message: «se llama Rosa Huenchual», «la María José Rojas».
            if i == 0, out["rol"] == nil || t.allSatisfy({ roleWords[$0] == nil }) {
                var name = words
                while let f = name.first, nameLeads.contains(Phrase(f).tokens.joined(separator: " ")) { name.removeFirst() }
                let joined = name.joined(separator: " ")
                if (1...5).contains(name.count), PeopleParser.looksLikeName(joined) { out["nombre"] = .text(SpanishFormat.properName(joined)) }
            }
        }
        return out
    }

    static let nameLeads: Set<String> = ["se", "llama", "es", "la", "el", "mi", "colega", "profe", "nombre", "su"]
    static let strengthLeads: Set<String> = ["sabe", "trabaja", "es", "tiene", "hace", "aporta", "buena", "bueno", "buenisima", "buenisimo"]
    /// The roles as a profile says them in passing (the question itself reads the dialog's choices).
    static let roleWords: [String: String] = [
        "profe": "docente", "profesora": "docente", "profesor": "docente", "docente": "docente", "maestra": "docente", "maestro": "docente",
        "directora": "director", "director": "director", "encargada": "director", "encargado": "director",
        "utp": "jefe_utp", "educadora": "educadora", "parvularia": "educadora", "sostenedor": "sostenedor", "supervisora": "supervisor",
        "supervisor": "supervisor",
    ]

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
            lines.append("El próximo encuentro es \(m.title), el \(SpanishFormat.dateTime(at, today: today))" + (m.place.map(Wording.atPlace) ?? "") + ".")
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
        guard slot.name == "establecimiento", let s = context.snapshot, let text = value.textValue else { return .accept }
        if let o = TerritoryReading.memberOrganization(text, s) {
            return .accept(["Queda como parte de \(o.name) (organización \(o.number ?? 0)), con la que trabaja la red."])
        }
        if !TerritoryReading.isSchool(text), let kind = TerritoryReading.kind(ofName: text) {
            return .accept(["«\(text)» no está entre las organizaciones de la red (sería de \(kind.label)); después puedes sumarla con «registrar una organización»."])
        }
        return .accept
    }

    /// «deshacer» right after saving: the record is deleted (confirmed first), like an agreement.
    func undo(_ record: String, context: EngineContext) -> Undo? {
        Undo(flow: "borrar_registro", values: ["registro": .text(record)])
    }

    func save(_ v: [String: SlotValue], with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        let name = v["nombre"]?.textValue ?? "Sin nombre"
        let roleLabels = ["director": "director/a", "jefe_utp": "jefe/a UTP", "docente": "docente", "sostenedor": "sostenedor/a",
                          "supervisor": "supervisor/a", "educadora": "educador/a de párvulos", "otro": "otro"]
        let role = v["rol"]?.textValue.map { roleLabels[$0] ?? $0 }
        // "Rosa", added earlier by first name alone as a responsable, is the "Rosa Díaz" who now
        // introduces herself: complete that record instead of keeping two.
        let first = TextFold.fold(name).split(separator: " ").first.map(String.init)
        let stubs = snapshot.members.filter {
            !TextFold.fold($0.name).contains(" ") && TextFold.fold($0.name) == first && name.contains(" ")
                && $0.role == nil && $0.school == nil && $0.contact == nil && $0.strengths == nil
        }
        let existing = snapshot.members.first { $0.name == name || $0.id == Slug.make(name) } ?? (stubs.count == 1 ? stubs[0] : nil)
        let m = Member(id: existing?.id ?? "", name: name, role: role, school: v["establecimiento"]?.textValue.map(SpanishFormat.properName),
                       contact: v["contacto"]?.textValue, since: existing?.since ?? w.clock.today(), strengths: v["fortalezas"]?.textValue,
                       organization: v["establecimiento"]?.textValue.flatMap { TerritoryReading.memberOrganization($0, snapshot)?.id }
                           ?? existing?.organization)
        try w.store.saveMember(m, network: snapshot.network.id)
        return ["id": existing?.id ?? Slug.make(name)]
    }
}
