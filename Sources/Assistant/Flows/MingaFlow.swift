import CivilTime
import DialogEngine
import Domain
import FileStore
import FlowFiles
import Understanding

/// One flow's Swift side: its engine extension (guards, defaults, reading and checking its
/// slots against the store) and its save. Every flow of `dialogs/` has exactly one, in
/// `Flows/<Flow>.swift`; `FlowRegistry` maps ids to them and `minga check` verifies that the
/// dialog file's `save:` and slot names are the ones the extension uses.
protocol MingaFlow: FlowExtension {
    /// The dialog's `id`.
    var id: String { get }
    /// The dialog's `save:` kind, nil when the flow saves nothing.
    var saveKind: String? { get }
    /// The slots this extension reads or writes by name: each must exist in the dialog file.
    var slotNames: [String] { get }
    /// Writes the record of a completed run; returns what the done message may name
    /// (`{id}`, `{numero}`, `{resumen}`), and `red` when a network was created.
    func save(_ values: SlotValues, with writer: RecordWriter, network: String?, user: UserRef) throws -> [String: String]
    /// What is said when a round of this flow ends (`Effect.closeRound`), from the store as it is now.
    func roundClosing(_ snapshot: NetworkSnapshot, today: LocalDate) -> [String]
}

extension MingaFlow {
    var saveKind: String? { nil }
    func roundClosing(_ snapshot: NetworkSnapshot, today: LocalDate) -> [String] { [] }
    func save(_ values: SlotValues, with writer: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        throw StoreError.notFound("cómo guardar «\(id)»")
    }
}

/// Flow ids to their extensions.
public enum FlowRegistry {
    static let all: [any MingaFlow] = [
        AcuerdoFlow(), ApropiacionFlow(), AsistenciaFlow(), CerrarSondeoFlow(), DiagnosticoFlow(), EncuentroFlow(),
        IncorporacionFlow(), IncorporarVariosFlow(), PropositoFlow(), RedFlow(), ReflexionFlow(), ResponderSondeoFlow(), SeguimientoFlow(), SondeoFlow(),
        BorrarFlow(), EditarEncuentroFlow(), BorrarRegistroFlow(), EditarAcuerdoFlow(), EditarMiembroFlow(), EditarObjetivoFlow(), AgregarObjetivoFlow(), RenombrarRedFlow(), RegionRedFlow(),
        OrganizacionFlow(), AbrirDiagnosticoFlow(), NormasFlow(), NormaEstadoFlow(), DecisionFlow(), InstitucionalizacionFlow(), PracticaEstadoFlow(),
        ResultadoFlow(), OrganizacionesVariasFlow(), MetasObjetivoFlow(), BorrarObjetivoFlow(), EditarOrganizacionFlow(), EditarContactoOrganizacionFlow(), EditarDesdeOrganizacionFlow(), BorrarOrganizacionFlow(), AvanceObjetivoFlow(), MetaIndicadorFlow(), SuspenderEncuentroFlow(), EditarTextoAcuerdoFlow(), CorregirPlazoFlow(), EditarResultadoFlow(), FechaNormaFlow(), EditarNormaFlow(), EditarDecisionFlow(), EditarTipoOrganizacionFlow(), RestaurarAcuerdoFlow(), RestaurarNormaFlow(), RestaurarOrganizacionFlow(), RestaurarRegistroFlow(), AgregarOpcionSondeoFlow(), EditarReflexionFlow(),
    ]

    static let byID: [String: any MingaFlow] = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })

    /// What `minga check` compares each dialog file with.
    public static var expectations: [String: ExtensionExpectation] {
        Dictionary(uniqueKeysWithValues: all.map { f in
            (f.id, ExtensionExpectation(file: "Sources/Assistant/Flows/\(String(describing: type(of: f)).replacingOccurrences(of: "Flow", with: "")).swift",
                                        save: f.saveKind, slots: f.slotNames))
        })
    }

    /// What the engine gets on every turn. Each value converted on its own (a static
    /// conversion): handing over `byID` made the runtime cast all 31 values, a scan of every
    /// conformance in the binary each, ~9 M instructions at start-up.
    static let extensions = FlowExtensions(byFlow: Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0 as any FlowExtension) }),
                                           shared: SharedReadings())
}

/// Small readings shared by several flows' extensions and saves.
enum Read {
    /// The number a value names: a number, or the first number of a text ("3 («…»)").
    static func int(_ v: SlotValue) -> Int? {
        switch v {
        case .number(let n): Int(n)
        case .text(let t): DialogEngine.numbers(in: t).first
        default: nil
        }
    }

    static func numbers(in text: String) -> [Int] { DialogEngine.numbers(in: text) }

    /// "nada", "ninguno", "no hubo": nothing.
    static func isNone(_ text: String) -> Bool { DialogEngine.noneAnswers.contains(Phrase(text).core) }
}

/// Lines that several flows say about the network's records.
enum Wording {
    /// ", en la escuela El Manzano", but ", por zoom": a place typed with its own preposition
    /// keeps it instead of getting a second one.
    static func atPlace(_ place: String) -> String {
        ", " + PlaceValue.said(place)
    }

    static func agreementLine(_ a: Agreement, today: LocalDate) -> String {
        var details = [SlotValue.joinSpanish(a.responsables)]
        if let d = a.deadline { details.append("plazo: " + SpanishFormat.date(d, today: today)) }
        details.append(a.status(on: today).label)
        return "Acuerdo \(a.number.map(String.init) ?? a.id): «\(a.text)» (" + details.filter { !$0.isEmpty }.joined(separator: "; ") + ")."
    }

    static func whenText(_ m: Meeting, today: LocalDate) -> String {
        if let rrule = m.rrule {
            return SpanishFormat.recurrence(Recurrence(rrule: rrule, time: m.start.time))
        }
        return SpanishFormat.dateTime(m.start, today: today)
    }

    /// «Ojo: el martes 8 de diciembre es feriado (Inmaculada Concepción).» or «Ojo: el domingo 6
    /// de diciembre es fin de semana.» for a deadline on such a day; nil on a working day.
    static func deadlineRemark(_ d: LocalDate, region: String?, today: LocalDate) -> String? {
        // Most deadlines fall on a working day: the day is spelled out only for a remark.
        if let h = ChileanCalendar.holiday(on: d, region: region) { return "Ojo: el \(SpanishFormat.date(d, today: today)) es feriado (\(h.name))." }
        if d.weekday >= 6 { return "Ojo: el \(SpanishFormat.date(d, today: today)) es fin de semana." }
        return nil
    }
}
