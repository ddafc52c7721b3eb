import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/restaurar-organizacion.yaml`: «deshacer» right after taking an organisation out
/// (`BorrarOrganizacionFlow`) puts it back among the network's organisations, with everything its
/// file kept (qa16 C: the removal could not be undone, so it was typed again as a new one).
struct RestaurarOrganizacionFlow: MingaFlow {
    let id = "restaurar-organizacion"
    let saveKind: String? = "organization_update"
    let slotNames = ["organizacion"]

    /// «¿La vuelvo a poner?» — «no»: it stays out, nothing more is asked.
    func declineKeeps(_ run: FlowRun, context: EngineContext) -> Bool { true }

    /// What «deshacer» starts after a removal that left `before` (`BorrarOrganizacionFlow.save`).
    static func undo(after before: [String: String]?) -> Undo? {
        guard let before, let n = before["antes.numero"].flatMap({ Int($0) }) else { return nil }
        let name = before["antes.nombre"].map { " («\($0)»)" } ?? ""
        return Undo(flow: "restaurar-organizacion", values: ["organizacion": .text("\(n)\(name)")])
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        guard let network else { throw StoreError.notFound("la red") }
        // The whole store, removed ones included: a removal is what is undone.
        let snapshot = try w.store.snapshot(network: network).value
        guard let n = v["organizacion"].flatMap(Read.int), var o = snapshot.organizations.first(where: { $0.number == n }) else {
            throw StoreError.notFound("la organización")
        }
        guard o.deleted != nil else {
            return ["id": o.id, "resumen": "«\(o.name)» ya estaba entre las organizaciones de la red; no cambié nada."]
        }
        o.deleted = nil
        try w.store.updateOrganization(o, network: snapshot.network.id)
        return ["id": o.id, "resumen": "«\(o.name)» volvió a las organizaciones de la red, como estaba (organización \(n))."]
    }
}
