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
    let slotNames = ["texto", "responsables", "se_suman", "plazo", "evidencia"]

    /// The Mineduc guidance sheet warns against isolated tasks: an agreement one person holds
    /// alone gets asked, once, whether someone joins. A group («el equipo de lenguaje») is not alone.
    func asks(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Bool {
        guard slot.name == "se_suman" else { return true }
        guard let people = run.values["responsables"]?.listValue, people.count == 1 else { return false }
        return !PeopleParser.isGroup(people[0])
    }

    func beforeAsking(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> [String] {
        guard slot.name == "se_suman", let who = run.values["responsables"]?.listValue?.first else { return [] }
        return ["Este acuerdo quedaría solo en \(who == context.userName ? "tus manos" : "manos de \(who)"), y las tareas de a dos o más se sostienen mejor."]
    }

    /// «no», «no, lo hace ella sola», «nadie»: it stays with one person, and that is an answer.
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        guard slot.name == "se_suman" else { return nil }
        let t = message.phrase.tokens
        let alone = t.first == "no" || t.contains { ["nadie", "sola", "solo", "solita", "solito", "nomas"].contains($0) }
            || (t.count <= 2 && YesNo.parse(message.clean) == false)
        guard alone, !t.contains(where: { ["con", "tambien", "y"].contains($0) }) else { return nil }
        return .fill(["se_suman": .text(Self.nobody)], remark: nil)
    }

    static let nobody = "nadie, queda así"

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        if slot.name == "se_suman", let joined = value.listValue {
            let already = Set(run.values["responsables"]?.listValue ?? [])
            let new = joined.filter { !already.contains($0) }
            if new.isEmpty { return .reject("Esa persona ya es responsable. ¿Alguien más se suma? Si no, dime «no».") }
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
        for p in (v["responsables"]?.listValue ?? []) + (v["se_suman"]?.listValue ?? []) where !out.contains(p) { out.append(p) }
        return out
    }

    func save(_ v: [String: SlotValue], with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        guard let network else { throw StoreError.notFound("la red de este acuerdo") }
        let a = try w.store.addAgreement(Agreement(
            id: "", text: v["texto"]?.textValue ?? "", responsables: Self.responsables(v),
            deadline: v["plazo"]?.dateValue, evidence: v["evidencia"]?.textValue, status: .pendiente,
            meeting: v["encuentro"]?.textValue, registered: w.clock.stamp()), network: network, key: w.key)
        return ["id": a.id, "numero": a.number.map(String.init) ?? a.id]
    }
}
