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

    /// «otra: compartir la tabla», «y celulares en silencio»: the norm, without the words that
    /// only add it to the list.
    static func clean(_ text: String) -> String {
        var t = text.trimmingCharacters(in: .whitespaces)
        for lead in ["otra norma:", "otra norma,", "otra norma", "otra:", "otra,", "y "] where t.lowercased().hasPrefix(lead) {
            t = String(t.dropFirst(lead.count)).trimmingCharacters(in: .whitespaces)
            break
        }
        return t
    }

    /// «todos» when everyone of the network agreed (the speaker included), else their names.
    static func who(_ names: [String], members: [String]) -> String {
        !names.isEmpty && Set(members).isSubset(of: Set(names)) ? "todos" : SlotValue.joinSpanish(names)
    }

    /// The norms as the summary shows them, without «otra:».
    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard slot.name == "normas" else { return .accept }
        if case .text(let t) = value { return Self.clean(t) == t ? .accept : .replace(.text(Self.clean(t))) }
        guard case .list(let items) = value else { return .accept }
        let cleaned = items.map(Self.clean).filter { !$0.isEmpty }
        return cleaned == items ? .accept : .replace(.list(cleaned))
    }

    func save(_ v: [String: SlotValue], with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        let texts = (v["normas"]?.listValue ?? []).map(Self.clean).filter { !$0.isEmpty }
        let state = v["estado"]?.textValue.flatMap(Norm.State.init(rawValue:)) ?? .propuesta
        let agreedBy = state == .acordada ? (v["acordada_por"]?.listValue ?? []) : []
        var saved: [Norm] = []
        for (i, text) in texts.enumerated() {
            saved.append(try w.store.addNorm(Norm(id: "", text: text, date: w.clock.today(), agreedBy: agreedBy, state: state),
                                             network: snapshot.network.id, key: w.key?.part(i)))
        }
        let who = "por " + Self.who(agreedBy, members: snapshot.members.map(\.name) + [user.name].compactMap { $0 })
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
