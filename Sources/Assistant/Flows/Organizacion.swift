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
    let slotNames = ["nombre", "tipo", "contacto", "colaboracion", "proyectos"]

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard slot.name == "nombre", let name = value.textValue else { return .accept }
        if let s = context.snapshot, let same = s.organizations.first(where: { TextFold.fold($0.name) == TextFold.fold(name) }) {
            return .reject("«\(same.name)» ya está registrada como la organización \(same.number.map(String.init) ?? same.id).")
        }
        // An obvious kind is not asked; the summary shows it, so a wrong guess is one number away.
        guard run.values["tipo"] == nil, let kind = TerritoryReading.kind(ofName: name) else { return .accept }
        return .replace(value, others: ["tipo": .choice(kind.rawValue)])
    }

    func save(_ v: [String: SlotValue], with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        let projects = (v["proyectos"]?.listValue ?? []).flatMap { $0.split(whereSeparator: { $0 == "," || $0 == ";" }) }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .map { $0.hasPrefix("y ") ? String($0.dropFirst(2)) : $0 }
            .filter { !$0.isEmpty }
        let o = try w.store.addOrganization(Organization(
            id: "", name: v["nombre"]?.textValue ?? "", kind: v["tipo"]?.textValue.flatMap(Organization.Kind.init(rawValue:)) ?? .otra,
            contact: v["contacto"]?.textValue, since: w.clock.today(), collaboration: v["colaboracion"]?.textValue,
            projects: projects), network: snapshot.network.id, key: w.key)
        return ["id": o.id, "numero": o.number.map(String.init) ?? o.id]
    }
}
