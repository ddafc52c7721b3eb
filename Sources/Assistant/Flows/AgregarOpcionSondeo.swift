import CivilTime
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/agregar-opcion-sondeo.yaml`: one more day and time for the open poll («uy, agrega
/// otra opción al sondeo: viernes 4 a las 10» started a new poll, issue 12). The option goes
/// last: the numbers already answered with stay, and every answer given is kept.
struct AgregarOpcionSondeoFlow: MingaFlow {
    let id = "agregar_opcion_sondeo"
    let saveKind: String? = "poll_option"
    let slotNames = ["sondeo", "opcion"]

    /// A poll has at most this many options (`sondeo.yaml`'s `max_items`).
    static let maxOptions = 4

    func blocker(_ context: EngineContext) -> String? { OpenPoll.blocker(context) }
    func defaults(_ run: FlowRun, context: EngineContext) -> SlotValues { OpenPoll.defaults(context) }

    /// `claim` needs one of these (`ClaimCues`): a verb of adding.
    func claimCues(_ flow: FlowDefinition) -> ClaimCues { ClaimCues(words: Array(Self.addVerbs)) }

    /// «uy, agrega otra opción al sondeo: viernes 4 a las 10», «súmale el jueves 10 a la
    /// encuesta»: an adding verb and a poll named, with a poll open (the one, or the one
    /// named by its number); the day and hour said, when they are.
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        guard Self.asksToAdd(t), let s = context.snapshot, case let open = s.polls.filter(\.isOpen), !open.isEmpty else { return nil }
        var values: SlotValues = [:]
        // «al sondeo 2»: that one, when it is open.
        if let k = t.firstIndex(where: ResponderSondeoFlow.pollNouns.contains), k + 1 < t.count, let n = Int(t[k + 1]),
           open.contains(where: { $0.number == n }) {
            values["sondeo"] = .number(Double(n))
        } else if open.count == 1, let n = open[0].number {
            values["sondeo"] = .number(Double(n))
        }
        if let when = TemporalParser.parse(Self.afterPollNoun(message.clean), context: context.temporal), case .dateTime(let dt) = when.value {
            values["opcion"] = .dateTime(dt)
        }
        return Claim(values: values)
    }

    /// «agrega otra fecha al sondeo: el jueves 3»: a day with no hour is kept, said, and only its
    /// hour asked (issue 12: the day was dropped and «¿Qué día y hora agrego?» asked it again).
    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        guard run.values["opcion"] == nil, run.partials?["opcion"] == nil, Self.asksToAdd(Phrase(request).tokens),
              let when = TemporalParser.parse(Self.afterPollNoun(request), context: context.temporal), !when.isAmbiguous,
              case .date(let day) = when.value, day >= context.today else { return Prefill() }
        return Prefill(echo: ["día: \(SpanishFormat.date(day, today: context.today))"], partials: ["opcion": .date(day)])
    }

    /// An adding verb and a poll named, with no word of creating one.
    static func asksToAdd(_ t: [String]) -> Bool {
        guard t.contains(where: addVerbs.contains), t.contains(where: ResponderSondeoFlow.pollNouns.contains) else { return false }
        // «agrega otra fecha al sondeo»: «otra» before an option's noun adds to the poll; before
        // the poll's noun («otra encuesta») or with a creating verb it is a new poll.
        return !t.indices.contains { i in
            guard RequestWords.creating.contains(t[i]) else { return false }
            guard ["otro", "otra"].contains(t[i]), i + 1 < t.count else { return true }
            return !optionNouns.contains(t[i + 1])
        }
    }

    static let optionNouns: WordSet = ["fecha", "opcion", "dia", "alternativa", "horario"]

    static let addVerbs: WordSet = ["agrega", "agregar", "agregale", "agreguemos", "agregue", "agregues", "suma", "sumale", "sumar", "sumemos",
                                    "anade", "anadir", "anadele", "mete", "metele", "pon", "ponle"]

    /// The words after the poll's noun and its number («…al sondeo 2: viernes 4 a las 10» →
    /// «: viernes 4 a las 10»): «sondeo 2» is no day 2.
    static func afterPollNoun(_ text: String) -> String {
        guard let r = text.range(of: #"(?i)\b(sondeo|encuesta|consulta|votaci[oó]n)\b(\s+\d+\b)?"#, options: .regularExpression) else { return text }
        let after = String(text[r.upperBound...])
        // «agrega el viernes 4 al sondeo»: the day said before the noun.
        return Phrase(after).tokens.isEmpty ? String(text[..<r.lowerBound]) : after
    }

    /// At the review, a day and hour («mejor el lunes 7 a las 16») or an hour alone («16:00», «a
    /// las 4») is the new option said again, never the poll's number.
    func reviewChange(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        guard let when = TemporalParser.parse(Self.afterPollNoun(message.clean), context: context.temporal) else { return nil }
        switch when.value {
        case .dateTime(let dt):
            return .fill(["opcion": .dateTime(dt)], remark: nil)
        case .time(let time):
            guard case .dateTime(let before)? = run.values["opcion"] else { return nil }
            return .fill(["opcion": .dateTime(LocalDateTime(date: before.date, time: time))], remark: nil)
        case .date(let day):
            guard case .dateTime(let before)? = run.values["opcion"] else { return nil }
            return .fill(["opcion": .dateTime(LocalDateTime(date: day, time: before.time))], remark: nil)
        default:
            return nil
        }
    }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        switch slot.name {
        case "sondeo":
            if let n = Read.int(value), let p = context.snapshot?.polls.first(where: { $0.number == n }), p.isOpen, p.options.count >= Self.maxOptions {
                return .reject("El sondeo \(n) ya tiene \(Self.maxOptions) opciones, que es el máximo. Si una ya no sirve, cierra el sondeo y lanza otro.")
            }
            return OpenPoll.check(value, context: context) { p in
                "Sondeo \(p.number ?? 0): «\(p.title)». Sus opciones son:\n"
                    + p.options.enumerated().map { "\($0.offset + 1). \(SpanishFormat.dateTime($0.element, today: context.today))" }.joined(separator: "\n")
            }
        case "opcion":
            guard case .dateTime(let dt) = value, let p = OpenPoll.poll(run.values, in: context.snapshot),
                  let i = p.options.firstIndex(of: dt) else { return .accept }
            return .reject("Esa ya es la opción \(i + 1) del sondeo. ¿Qué otro día y hora agrego?")
        default:
            return .accept
        }
    }

    /// Adding to a poll closed or deleted meanwhile: nothing left to add to.
    func outdated(_ run: FlowRun, bySaving kind: String, values: SlotValues, context: EngineContext) -> Bool {
        guard let n = run.values["sondeo"].flatMap(Read.int) else { return false }
        if kind == "poll_close", values["sondeo"].flatMap(Read.int) == n { return true }
        guard let p = context.snapshot?.polls.first(where: { $0.number == n }) else { return false }
        return BorrarRegistroFlow.removes(p.id, bySaving: kind, values: values)
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        guard let n = v["sondeo"].flatMap(Read.int), let seen = snapshot.polls.first(where: { $0.number == n }), seen.isOpen else {
            throw StoreError.notFound("ese sondeo abierto")
        }
        guard case .dateTime(let option)? = v["opcion"] else { throw StoreError.notFound("la opción nueva") }
        // On the poll as stored now: an answer saved meanwhile stays.
        var full = false
        let p = try w.store.modifyPoll(id: seen.id, network: snapshot.network.id) { fresh in
            guard !fresh.options.contains(option) else { return }
            guard fresh.options.count < Self.maxOptions else { full = true; return }
            fresh.options.append(option)
        }
        guard !full else { throw PollOptionError.full(n) }
        let k = (p.options.firstIndex(of: option) ?? p.options.count - 1) + 1
        let today = w.clock.today()
        var resumen = "agregué el \(SpanishFormat.dateTime(option, today: today)) como la opción \(k) del sondeo \(n) («\(p.title)»)."
        if !p.answers.isEmpty {
            resumen += (p.answers.count == 1 ? " La respuesta que ya estaba se mantiene" : " Las \(p.answers.count) respuestas que ya estaban se mantienen")
                + "; quien ya respondió puede sumar esta opción escribiendo «cambiar mi respuesta del sondeo»."
        }
        return ["id": p.id, "numero": String(n), "resumen": resumen]
    }
}

enum PollOptionError: Error, CustomStringConvertible {
    case full(Int)
    var description: String { if case .full(let n) = self { "el sondeo \(n) ya tiene \(AgregarOpcionSondeoFlow.maxOptions) opciones, que es el máximo." } else { "" } }
}
