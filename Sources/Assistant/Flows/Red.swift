import CivilTime
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/red.yaml`: the network itself, set up on first run; whoever creates it is its first member.
struct RedFlow: MingaFlow {
    let id = "red"
    let saveKind: String? = "network"
    let slotNames = ["nombre", "tipo", "territorio", "region"]

    func save(_ v: [String: SlotValue], with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let kind = v["tipo"]?.textValue.flatMap(Network.Kind.init(rawValue:)) ?? .otra
        let n = try w.store.createNetwork(Network(
            id: "", name: v["nombre"]?.textValue.map(SpanishFormat.properName) ?? "Mi red", kind: kind,
            territory: v["territorio"]?.textValue.map(SpanishFormat.properName),
            // "los rios" is stored as "Los Ríos", the name the winter-break calendar knows.
            region: v["region"]?.textValue.map { ChileanCalendar.region(named: $0) ?? $0 }, sostenedor: v["sostenedor"]?.textValue,
            created: w.clock.today()), key: w.key)
        // The person who creates the network is its first member: «todos» and «nosotros» include them.
        if let name = user.name, !name.isEmpty {
            let snapshot = try w.snapshot(n.id)
            if !snapshot.members.contains(where: { $0.name == name }) {
                try w.store.saveMember(Member(id: "", name: name, since: w.clock.today()), network: n.id)
            }
        }
        return ["id": n.id, "red": n.id, "nombre": n.name]
    }
}
