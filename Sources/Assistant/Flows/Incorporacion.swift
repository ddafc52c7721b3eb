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

    func beforeAsking(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> [String] {
        guard slot.name == "fortalezas", let s = context.snapshot else { return [] }
        let today = context.today
        var lines: [String] = []
        let first = run.values["nombre"]?.textValue?.split(separator: " ").first.map(String.init)
        lines.append("Te cuento en qué está la red\(first.map { ", \($0)" } ?? "").")
        if let p = s.purpose {
            lines.append("Nuestro propósito: «\(p.statement)».")
        } else {
            lines.append("La red todavía no escribe su propósito común; te vamos a invitar a construirlo.")
        }
        if let (m, at) = s.nextMeeting(after: context.temporal.localNow) {
            lines.append("El próximo encuentro es \(m.title), el \(SpanishFormat.dateTime(at, today: today))" + (m.place.map { ", en \($0)" } ?? "") + ".")
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
