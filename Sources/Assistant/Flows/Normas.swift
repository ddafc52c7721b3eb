import CivilTime
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/normas.yaml`: one or several working norms, proposed or already agreed. Each norm
/// is its own record (N-1, N-2…), so each can be repealed on its own later.
struct NormasFlow: MingaFlow {
    let id = "normas"
    let saveKind: String? = "norm"
    let slotNames = ["normas", "estado", "acordada_por"]

    func save(_ v: [String: SlotValue], with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        let texts = (v["normas"]?.listValue ?? []).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let state = v["estado"]?.textValue.flatMap(Norm.State.init(rawValue:)) ?? .propuesta
        let agreedBy = state == .acordada ? (v["acordada_por"]?.listValue ?? []) : []
        var saved: [Norm] = []
        for (i, text) in texts.enumerated() {
            saved.append(try w.store.addNorm(Norm(id: "", text: text, date: w.clock.today(), agreedBy: agreedBy, state: state),
                                             network: snapshot.network.id, key: w.key?.part(i)))
        }
        let everyone = !agreedBy.isEmpty && Set(snapshot.members.map(\.name)).isSubset(of: Set(agreedBy))
        let who = everyone ? "por todos" : "por " + SlotValue.joinSpanish(agreedBy)
        let list = saved.map { "\n- Norma \($0.number ?? 0): \($0.text)" }.joined()
        let resumen: String
        if saved.count == 1 {
            resumen = state == .acordada ? "Quedó acordada \(who) la norma \(saved[0].number ?? 0): «\(saved[0].text)»."
                : "Quedó anotada como propuesta la norma \(saved[0].number ?? 0): «\(saved[0].text)». Cuando la acuerden, cuéntame («ya acordamos la norma \(saved[0].number ?? 0)»)."
        } else {
            resumen = (state == .acordada ? "Quedaron acordadas \(who) \(saved.count) normas:" : "Quedaron anotadas como propuesta \(saved.count) normas:") + list
                + (state == .acordada ? "" : "\nCuando las acuerden, cuéntame («ya acordamos la norma \(saved[0].number ?? 0)»).")
        }
        return ["id": saved.first?.id ?? "", "numero": saved.first?.number.map(String.init) ?? "", "resumen": resumen]
    }
}
