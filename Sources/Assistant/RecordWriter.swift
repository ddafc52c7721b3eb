import CivilTime
import DialogEngine
import Domain
import FileStore
import Foundation

/// Turns a completed flow's values into a record and writes it. Returns the values the done
/// message may name (`{id}`, `{numero}`), and `red` when a network was created.
struct RecordWriter {
    let store: any MingaStore
    let clock: CivilTime.Clock

    func save(_ request: SaveRequest, network: String?, user: UserRef) throws -> [String: String] {
        let v = request.values
        let today = clock.today()
        switch request.kind {
        case "network":
            let kind = v["tipo"]?.textValue.flatMap(Network.Kind.init(rawValue:)) ?? .otra
            let n = try store.createNetwork(Network(
                id: "", name: v["nombre"]?.textValue ?? "Mi red", kind: kind, territory: v["territorio"]?.textValue,
                region: v["region"]?.textValue, sostenedor: v["sostenedor"]?.textValue, created: today))
            return ["id": n.id, "red": n.id]
        case "agreement":
            guard let network else { throw StoreError.notFound("la red de este acuerdo") }
            let a = try store.addAgreement(Agreement(
                id: "", text: v["texto"]?.textValue ?? "", responsables: v["responsables"]?.listValue ?? [],
                deadline: v["plazo"]?.dateValue, evidence: v["evidencia"]?.textValue, status: .pendiente,
                meeting: v["encuentro"]?.textValue, registered: clock.localNow().rfc3339(in: clock.timeZone)), network: network)
            return ["id": a.id, "numero": a.number.map(String.init) ?? a.id]
        default:
            throw StoreError.notFound("cómo guardar «\(request.kind)»")
        }
    }
}
