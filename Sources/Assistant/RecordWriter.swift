import CivilTime
import DialogEngine
import Domain
import FileStore
import Foundation
import Understanding

/// Turns a completed flow's values into a record and writes it. Returns the values the done
/// message may name (`{id}`, `{numero}`), and `red` when a network was created.
struct RecordWriter {
    let store: any MingaStore
    let clock: CivilTime.Clock
    /// The identity of this save: a repeat of it gets the record already written.
    let key: SaveKey?

    func save(_ request: SaveRequest, network: String?, user: UserRef) throws -> [String: String] {
        let v = request.values
        let today = clock.today()
        switch request.kind {
        case "network":
            let kind = v["tipo"]?.textValue.flatMap(Network.Kind.init(rawValue:)) ?? .otra
            let n = try store.createNetwork(Network(
                id: "", name: v["nombre"]?.textValue.map(SpanishFormat.properName) ?? "Mi red", kind: kind,
                territory: v["territorio"]?.textValue.map(SpanishFormat.properName),
                // "los rios" is stored as "Los Ríos", the name the winter-break calendar knows.
                region: v["region"]?.textValue.map { ChileanCalendar.region(named: $0) ?? $0 }, sostenedor: v["sostenedor"]?.textValue, created: today), key: key)
            return ["id": n.id, "red": n.id, "nombre": n.name]
        case "agreement":
            guard let network else { throw StoreError.notFound("la red de este acuerdo") }
            let a = try store.addAgreement(Agreement(
                id: "", text: v["texto"]?.textValue ?? "", responsables: v["responsables"]?.listValue ?? [],
                deadline: v["plazo"]?.dateValue, evidence: v["evidencia"]?.textValue, status: .pendiente,
                meeting: v["encuentro"]?.textValue, registered: clock.stamp()), network: network, key: key)
            return ["id": a.id, "numero": a.number.map(String.init) ?? a.id]
        default:
            guard let network else { throw StoreError.notFound("la red") }
            let snapshot = try store.snapshot(network: network).value
            switch request.kind {
            case "agreement_status": return try saveStatus(v, snapshot: snapshot, user: user)
            case "meeting": return try saveMeeting(v, snapshot: snapshot, user: user)
            case "attendance": return try saveAttendance(v, snapshot: snapshot)
            case "purpose": return try savePurpose(v, snapshot: snapshot)
            case "appropriation": return try saveAppropriation(v, snapshot: snapshot, user: user)
            case "member": return try saveMember(v, snapshot: snapshot)
            case "reflection": return try saveReflection(v, snapshot: snapshot, user: user)
            case "poll": return try savePoll(v, snapshot: snapshot, user: user)
            case "poll_answer": return try savePollAnswer(v, snapshot: snapshot, user: user)
            case "poll_close": return try closePoll(v, snapshot: snapshot, user: user)
            case "diagnosis": return try saveDiagnosis(v, snapshot: snapshot, user: user)
            default: throw StoreError.notFound("cómo guardar «\(request.kind)»")
            }
        }
    }
}
