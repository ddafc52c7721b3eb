import CivilTime
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/encuentro.yaml`: a meeting, once or as a series. The when may come with the request
/// or as the answer to «¿una vez o se repite?»; feriados, winter break and clashes are said as
/// soon as the when is known.
struct EncuentroFlow: MingaFlow {
    let id = "encuentro"
    let saveKind: String? = "meeting"
    let slotNames = ["tipo", "titulo", "repite", "fecha", "recurrencia", "hora", "duracion", "lugar", "tabla", "participantes"]

    /// "nos juntamos cada 15 días los jueves": the when, not the meeting's name.
    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        guard let m = TemporalParser.parse(request, context: context.temporal) else { return Prefill() }
        var when: [String: SlotValue] = [:]
        switch m.value {
        case .recurrence(let r) where Self.isVague(r):
            // «el taller quincenal», «la jornada anual»: it repeats, but on which day is still to ask.
            guard run.values["repite"] == nil, let slot = flow.slot(named: "repite") else { return Prefill() }
            let serie = SlotValue.choice("serie")
            return Prefill(values: ["repite": serie], echo: ["\(slot.label): \(serie.display(today: context.today, choices: slot.choices))"])
        case .recurrence(let r):
            when = ["repite": .choice("serie"), "recurrencia": .recurrence(r)]
            if let t = r.time { when["hora"] = .time(t) }
        case .dateTime(let dt) where dt.date >= context.today:
            when = ["repite": .choice("una"), "fecha": .dateTime(dt)]
        default:
            return Prefill()
        }
        var out = Prefill()
        for (k, v) in when where run.values[k] == nil { out.values[k] = v }
        // The engine may have taken the date already (and said so); then only fill what is missing.
        guard run.values["fecha"] == nil && run.values["recurrencia"] == nil else { return out }
        if let t = run.values["titulo"]?.textValue, Phrase(m.text).tokens.count * 2 >= Phrase(t).tokens.count {
            out.values["titulo"] = .some(nil)
            out.replacesEcho = true
        }
        let key = when["recurrencia"] != nil ? "recurrencia" : "fecha"
        out.echo = ["\(flow.slot(named: key)?.label ?? key): \(when[key]!.display(today: context.today))"]
        return out
    }

    /// The meeting's «¿una vez o se repite?» answered directly with the when.
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        guard slot.name == "repite", let m = TemporalParser.parse(message.clean, context: context.temporal) else { return nil }
        let today = context.today
        switch m.value {
        case .recurrence(let r) where Self.isVague(r):
            // «quincenal»: a series; its day is asked next.
            return .fill(["repite": .choice("serie")], remark: nil)
        case .recurrence(let r):
            var values: [String: SlotValue] = ["repite": .choice("serie"), "recurrencia": .recurrence(r)]
            if let t = r.time { values["hora"] = .time(t) }
            if let t = r.time, let e = r.endTime, e > t { values["duracion"] = .duration(minutes: e.minutesSinceMidnight - t.minutesSinceMidnight) }
            return .fill(values, remark: "Anotado: \(SpanishFormat.recurrence(r)).")
        case .dateTime(let dt) where dt.date >= today:
            return .fill(["repite": .choice("una"), "fecha": .dateTime(dt)], remark: "Anotado: \(SpanishFormat.dateTime(dt, today: today)).")
        case .dateTimeRange(let a, _) where a.date >= today && m.partOfDay != nil:
            // "el jueves en la tarde": once, that day; the hour is asked next.
            return .fill(["repite": .choice("una")], remark: nil, partials: ["fecha": .date(a.date)])
        case .dateTimeRange(let a, let b) where a.date >= today:
            var values: [String: SlotValue] = ["repite": .choice("una"), "fecha": .dateTime(a)]
            let minutes = (b.date.dayNumber - a.date.dayNumber) * 1440 + b.time.minutesSinceMidnight - a.time.minutesSinceMidnight
            if minutes > 0 { values["duracion"] = .duration(minutes: minutes) }
            return .fill(values, remark: "Anotado: \(SpanishFormat.dateTime(a, today: today)).")
        default:
            return nil
        }
    }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        var values = run.values
        values[slot.name] = value
        switch slot.name {
        case "recurrencia":
            guard case .recurrence(let r) = value else { return .accept }
            if Self.isVague(r) {
                return .reject("\(SpanishFormat.recurrence(r).prefix(1).uppercased() + SpanishFormat.recurrence(r).dropFirst()), ¿pero qué día? Por ejemplo «cada 15 días los jueves a las 15:00» o «el primer lunes de cada mes».")
            }
            var fix: [String: SlotValue?] = [:]
            if let t = r.time, values["hora"] == nil { fix["hora"] = .time(t) }
            if let t = r.time, let e = r.endTime, e > t, values["duracion"] == nil {
                fix["duracion"] = .duration(minutes: e.minutesSinceMidnight - t.minutesSinceMidnight)
            }
            let remarks = r.time != nil ? warnings(values.merging(fix.compactMapValues { $0 }) { $1 }, context: context) : []
            return Verdict(value: value, remarks: remarks, others: fix)
        case "fecha", "hora":
            return .accept(warnings(values, context: context))
        case "duracion":
            var without = values
            without["duracion"] = nil
            let w = warnings(values, context: context)
            return .accept(w == warnings(without, context: context) ? [] : w)
        default:
            return .accept
        }
    }

    /// A frequency with no day ("quincenal", "anual", "cada mes"): a series cannot start from it.
    static func isVague(_ r: Recurrence) -> Bool {
        !r.rrule.contains("FREQ=DAILY") && !r.rrule.contains("BYDAY") && !r.rrule.contains("BYMONTHDAY") && !r.rrule.contains("BYSETPOS")
    }

    /// «saltar» the duration: the meeting keeps an hour and a half, as the question promised.
    func skipNote(_ slot: SlotDefinition, context: EngineContext) -> String? {
        slot.name == "duracion" ? "Dejo hora y media." : nil
    }

    /// Feriados, winter break and clashes with other meetings, for the meeting being scheduled.
    func warnings(_ values: [String: SlotValue], context: EngineContext) -> [String] {
        guard let s = context.snapshot else { return [] }
        let today = context.today
        let duration: Int = {
            if case .duration(let m)? = values["duracion"] { return m }
            return 90
        }()
        var draft: Meeting
        if case .dateTime(let dt)? = values["fecha"] {
            draft = Meeting(id: "", title: "", kind: .regular, start: dt, durationMinutes: duration)
        } else if case .recurrence(let r)? = values["recurrencia"], case .time(let t)? = values["hora"] {
            let first = MeetingPlanner.firstDate(rrule: r.rrule, from: today) ?? today
            draft = Meeting(id: "", title: "", kind: .regular, start: LocalDateTime(date: first, time: t),
                            durationMinutes: duration, rrule: r.rrule)
        } else {
            return []
        }
        return MeetingPlanner.warnings(for: draft, in: s, today: today)
    }

    /// «deshacer» right after saving: the record is deleted (confirmed first), like an agreement.
    func undo(_ record: String, context: EngineContext) -> Undo? {
        Undo(flow: "borrar_registro", values: ["registro": .text(record)])
    }

    func save(_ v: [String: SlotValue], with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        let today = w.clock.today()
        let kind = v["tipo"]?.textValue.flatMap(Meeting.Kind.init(rawValue:)) ?? .regular
        var duration = 90
        if case .duration(let m)? = v["duracion"] { duration = m }
        let start: LocalDateTime
        var rrule: String?
        if case .dateTime(let dt)? = v["fecha"] {
            start = dt
        } else if case .recurrence(let r)? = v["recurrencia"] {
            rrule = r.rrule
            var time = r.time ?? LocalTime(hour: 15, minute: 0)
            if case .time(let t)? = v["hora"] { time = t }
            start = LocalDateTime(date: MeetingPlanner.firstDate(rrule: r.rrule, from: today) ?? today, time: time)
        } else {
            throw StoreError.notFound("la fecha del encuentro")
        }
        let m = try w.store.addMeeting(Meeting(
            id: "", title: v["titulo"]?.textValue ?? kind.label, kind: kind, start: start, durationMinutes: duration,
            place: v["lugar"]?.textValue, rrule: rrule, agenda: v["tabla"]?.listValue ?? [],
            participants: v["participantes"]?.listValue ?? [], modified: w.stamp), network: snapshot.network.id, key: w.key)
        return ["id": m.id, "numero": m.number.map(String.init) ?? m.id]
    }
}
