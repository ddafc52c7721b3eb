import CivilTime
import DialogEngine
import Domain
import FileStore
import Understanding

/// Status changes of an agreement: each one goes to its history.
extension RecordWriter {
    var stamp: String { clock.stamp() }

    func saveStatus(_ v: [String: SlotValue], snapshot: NetworkSnapshot, user: UserRef) throws -> [String: String] {
        let today = clock.today()
        guard let n = v["acuerdo"].flatMap(FlowHooks.intValue), var a = snapshot.agreement(number: n) else {
            throw StoreError.notFound("ese acuerdo")
        }
        guard let statusText = v["estado"]?.textValue, let status = Agreement.Status(rawValue: statusText) else {
            throw StoreError.notFound("el estado")
        }
        var note: String?
        var newDeadline: LocalDate?
        let resumen: String
        switch status {
        case .cumplido:
            guard let evidence = v["evidencia_entregada"]?.textValue, !evidence.isEmpty else {
                throw StoreError.notFound("la evidencia entregada (sin evidencia no se marca cumplido)")
            }
            a.evidenceDelivered = evidence
            note = "evidencia: " + evidence
            resumen = "el acuerdo \(n) quedó cumplido, con su evidencia: «\(evidence)»."
        case .enProceso:
            note = v["avance"]?.textValue
            resumen = "el acuerdo \(n) quedó en proceso" + (note.map { ": «\($0)»." } ?? ".")
        case .reprogramado:
            newDeadline = v["nuevo_plazo"]?.dateValue
            note = v["motivo"]?.textValue
            if let d = newDeadline { a.deadline = d }
            resumen = "el acuerdo \(n) quedó reprogramado para el \(newDeadline.map { SpanishFormat.date($0, today: today) } ?? "nuevo plazo")."
        case .noCumplido:
            note = v["motivo_no"]?.textValue
            resumen = "el acuerdo \(n) quedó como no cumplido. Anoté el motivo en su historial."
        default:
            resumen = "el acuerdo \(n) quedó \(status.label)."
        }
        a.status = status
        let entry = Agreement.Change(at: stamp, status: status, note: note, deadline: newDeadline)
        a.history.append(entry)
        try store.updateAgreement(a, network: snapshot.network.id)
        return ["id": a.id, "numero": String(n), "resumen": resumen]
    }
}
