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
    let slotNames = ["texto", "responsables", "plazo", "evidencia"]

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard slot.name == "plazo", case .date(let d) = value, let s = context.snapshot else { return .accept }
        return .accept(Wording.deadlineRemark(d, region: s.network.region, today: context.today).map { [$0] } ?? [])
    }

    /// «deshacer» right after registering it: the agreement is deleted (it stays in its history).
    func undo(_ record: String, context: EngineContext) -> Undo? {
        guard let n = Int(record.drop { !$0.isNumber }), context.snapshot?.agreement(number: n) != nil else { return nil }
        return Undo(flow: "borrar", values: ["acuerdo": .number(Double(n))])
    }

    func save(_ v: [String: SlotValue], with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        guard let network else { throw StoreError.notFound("la red de este acuerdo") }
        let a = try w.store.addAgreement(Agreement(
            id: "", text: v["texto"]?.textValue ?? "", responsables: v["responsables"]?.listValue ?? [],
            deadline: v["plazo"]?.dateValue, evidence: v["evidencia"]?.textValue, status: .pendiente,
            meeting: v["encuentro"]?.textValue, registered: w.clock.stamp()), network: network, key: w.key)
        return ["id": a.id, "numero": a.number.map(String.init) ?? a.id]
    }
}
