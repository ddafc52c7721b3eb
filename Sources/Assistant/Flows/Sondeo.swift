import CivilTime
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/sondeo.yaml`: an availability poll with 2–4 options of day and time. An option on a
/// feriado or in the winter break is said while it is fresh.
struct SondeoFlow: MingaFlow {
    let id = "sondeo"
    let saveKind: String? = "poll"
    let slotNames = ["titulo", "opciones"]

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard slot.name == "opciones", let s = context.snapshot else { return .accept }
        let at: LocalDateTime
        switch value {
        case .dateTime(let dt): at = dt
        case .list(let items):
            guard let last = items.last, let m = TemporalParser.parse(last, context: context.temporal), case .dateTime(let dt) = m.value else { return .accept }
            at = dt
        default: return .accept
        }
        if let h = ChileanCalendar.holiday(on: at.date, region: s.network.region) {
            return .accept(["Ojo: el \(SpanishFormat.date(at.date, today: context.today)) es feriado (\(h.name)). Si esa opción no sirve, la cambias en el resumen."])
        }
        if let region = s.network.region, let b = ChileanCalendar.winterBreak(region: region, year: at.date.year), b.contains(at.date) {
            return .accept(["Ojo: esa opción cae en vacaciones de invierno de \(region)."])
        }
        return .accept
    }

    /// «deshacer» right after saving: the record is deleted (confirmed first), like an agreement.
    func undo(_ record: String, context: EngineContext) -> Undo? {
        Undo(flow: "borrar_registro", values: ["registro": .text(record)])
    }

    func save(_ v: [String: SlotValue], with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        var slots: [LocalDateTime] = []
        if case .list(let items)? = v["opciones"] {
            // List slots keep each item as text; re-read them as date-times.
            let ctx = TemporalContext(now: w.clock.now(), timeZone: w.clock.timeZone)
            for item in items {
                if let m = TemporalParser.parse(item, context: ctx) {
                    switch m.value {
                    case .dateTime(let dt), .dateTimeRange(let dt, _): slots.append(dt)
                    default: break
                    }
                }
            }
        }
        guard slots.count >= 2 else { throw PollError.tooFew }
        let p = try w.store.addPoll(Poll(id: "", title: v["titulo"]?.textValue ?? "Encuentro", options: slots, createdBy: user.name),
                                    network: snapshot.network.id, key: w.key)
        let n = p.number ?? 0
        return ["id": p.id, "numero": String(n),
                "resumen": "lancé el sondeo \(n) con \(slots.count) opciones. Cada persona lo responde en su propia conversación escribiendo «responder sondeo»; cuando quieras, escribe «cerrar sondeo» y te propongo la opción que más pueden."]
    }
}

enum PollError: Error, CustomStringConvertible {
    case tooFew
    var description: String { "un sondeo necesita al menos 2 opciones de día y hora." }
}

/// What the two flows on an open poll share: which poll, and how its options read.
enum OpenPoll {
    static let none = "No hay sondeos abiertos. Escribe «consultar disponibilidad» para lanzar uno."

    static func blocker(_ context: EngineContext) -> String? {
        guard let s = context.snapshot, !s.polls.contains(where: \.isOpen) else { return nil }
        return none
    }

    /// The only open poll is the one meant.
    static func defaults(_ context: EngineContext) -> [String: SlotValue] {
        let open = context.snapshot?.polls.filter(\.isOpen) ?? []
        guard open.count == 1, let n = open[0].number else { return [:] }
        return ["sondeo": .number(Double(n))]
    }

    /// The poll named by `value`, open, or why not; `shown` is what to say once it is found.
    static func check(_ value: SlotValue, context: EngineContext, shown: (Poll) -> String) -> Verdict {
        guard let s = context.snapshot else { return .accept }
        guard let n = Read.int(value), let p = s.polls.first(where: { $0.number == n }) else { return .reject("No encuentro ese sondeo.") }
        guard p.isOpen else { return .reject("El sondeo \(n) ya está cerrado.") }
        guard case .number = value else { return .accept }
        return .replace(.text("\(n) («\(p.title)»)"), remarks: [shown(p)])
    }

    static func poll(_ values: [String: SlotValue], in s: NetworkSnapshot?) -> Poll? {
        guard let n = values["sondeo"].flatMap(Read.int) else { return nil }
        return s?.polls.first { $0.number == n }
    }

    static let all: Set<String> = ["todas", "todos", "todas las opciones", "cualquiera", "me da lo mismo", "todas po", "puedo todas", "las dos", "ambas"]

    /// The options (1-based) a poll answer picks, or nil when it names none validly.
    static func picks(_ text: String, options: Int) -> [Int]? {
        let core = Phrase(text).core
        if all.contains(core) { return Array(1...max(1, options)) }
        if Read.isNone(text) || ["no puedo", "ninguna po", "no puedo ninguna", "ninguna de las opciones"].contains(core) { return [] }
        let picks = Read.numbers(in: text)
        guard !picks.isEmpty, picks.allSatisfy({ (1...options).contains($0) }) else { return nil }
        return picks.sorted()
    }
}
