import CivilTime
import DialogEngine
import Domain
import FileStore
import Understanding

/// Meetings, their acta (attendance and agreements), and availability polls.
extension RecordWriter {
    func saveMeeting(_ v: [String: SlotValue], snapshot: NetworkSnapshot, user: UserRef) throws -> [String: String] {
        let today = clock.today()
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
        let m = try store.addMeeting(Meeting(
            id: "", title: v["titulo"]?.textValue ?? kind.label, kind: kind, start: start, durationMinutes: duration,
            place: v["lugar"]?.textValue, rrule: rrule, agenda: v["tabla"]?.listValue ?? [],
            participants: v["participantes"]?.listValue ?? [], modified: stamp), network: snapshot.network.id, key: key)
        return ["id": m.id, "numero": m.number.map(String.init) ?? m.id]
    }

    /// The acta goes to one occurrence: the date the user named, else the one held today or most
    /// recently (`Meeting.actaDate`). Other occurrences of a series keep their own.
    func saveAttendance(_ v: [String: SlotValue], snapshot: NetworkSnapshot) throws -> [String: String] {
        guard let n = v["encuentro"].flatMap(FlowHooks.intValue), let old = snapshot.meeting(number: n) else {
            throw StoreError.notFound("ese encuentro")
        }
        var m = old
        let today = clock.today()
        let date = v["fecha"]?.dateValue.flatMap { m.isScheduled(on: $0) || m.occurrences[$0] != nil ? $0 : nil }
            ?? m.actaDate(asOf: today)
        var occurrence = m.occurrence(on: date)
        occurrence.attendees = v["asistentes"]?.listValue ?? []
        let text = v["acuerdos"]?.textValue ?? ""
        let ids = FlowHooks.none.contains(Phrase(text).core) ? [] : FlowHooks.numbers(in: text).map { "A-\($0)" }
        for id in ids where !occurrence.agreements.contains(id) { occurrence.agreements.append(id) }
        if let notes = v["notas"]?.textValue { occurrence.notes = notes }
        occurrence.status = .realizada
        m.record(occurrence)
        m.markChanged(since: old, at: stamp)
        try store.updateMeeting(m, network: snapshot.network.id)
        // The agreements point back to the meeting they were taken in.
        for id in ids {
            guard var a = snapshot.agreements.first(where: { $0.id == id }), a.meeting != m.id else { continue }
            a.meeting = m.id
            try store.updateAgreement(a, network: snapshot.network.id)
        }
        var resumen = "quedó el acta del encuentro \(n) del \(SpanishFormat.date(date, today: today)), con "
            + Answers.count(occurrence.attendees.count, "asistente", "asistentes")
        resumen += ids.isEmpty ? "." : " y " + (ids.count == 1 ? "el acuerdo " : "los acuerdos ")
            + SlotValue.joinSpanish(ids.map { String($0.dropFirst(2)) }) + "."
        return ["id": m.id, "numero": String(n), "fecha": date.iso, "resumen": resumen]
    }

    func savePoll(_ v: [String: SlotValue], snapshot: NetworkSnapshot, user: UserRef) throws -> [String: String] {
        var slots: [LocalDateTime] = []
        if case .list(let items)? = v["opciones"] {
            // List slots keep each item as text; re-read them as date-times.
            let ctx = TemporalContext(now: clock.now(), timeZone: clock.timeZone)
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
        let p = try store.addPoll(Poll(id: "", title: v["titulo"]?.textValue ?? "Encuentro", options: slots, createdBy: user.name),
                                  network: snapshot.network.id, key: key)
        let n = p.number ?? 0
        return ["id": p.id, "numero": String(n),
                "resumen": "lancé el sondeo \(n) con \(slots.count) opciones. Cada persona lo responde en su propia conversación escribiendo «responder sondeo»; cuando quieras, escribe «cerrar sondeo» y te propongo la opción que más pueden."]
    }

    func savePollAnswer(_ v: [String: SlotValue], snapshot: NetworkSnapshot, user: UserRef) throws -> [String: String] {
        guard let n = v["sondeo"].flatMap(FlowHooks.intValue), var p = snapshot.polls.first(where: { $0.number == n }) else {
            throw StoreError.notFound("ese sondeo")
        }
        let picks = FlowHooks.pollPicks(v["puede"]?.textValue ?? "", options: p.options.count) ?? []
        let who = user.name ?? user.id
        p.answers.removeAll { $0.member == who }
        p.answers.append(Poll.Answer(member: who, canAttend: picks.map { p.options[$0 - 1] }))
        try store.updatePoll(p, network: snapshot.network.id)
        let resumen = picks.isEmpty
            ? "anoté que no puedes en ninguna opción del sondeo \(n). Gracias por avisar."
            : "anoté que puedes en " + (picks.count == 1 ? "la opción " : "las opciones ") + SlotValue.joinSpanish(picks.map(String.init)) + " del sondeo \(n)."
        return ["id": p.id, "numero": String(n), "resumen": resumen]
    }

    func closePoll(_ v: [String: SlotValue], snapshot: NetworkSnapshot, user: UserRef) throws -> [String: String] {
        guard let n = v["sondeo"].flatMap(FlowHooks.intValue), var p = snapshot.polls.first(where: { $0.number == n }),
              let k = v["elegida"].flatMap(FlowHooks.optionNumber), (1...p.options.count).contains(k) else {
            throw StoreError.notFound("esa opción del sondeo")
        }
        let chosen = p.options[k - 1]
        let who = p.answers.filter { $0.canAttend.contains(chosen) }.map(\.member)
        let m = try store.addMeeting(Meeting(id: "", title: p.title, kind: .regular, start: chosen, durationMinutes: p.durationMinutes,
                                             participants: who, modified: stamp), network: snapshot.network.id, key: key)
        p.chosen = chosen
        p.meeting = m.id
        try store.updatePoll(p, network: snapshot.network.id)
        return ["id": m.id, "numero": m.number.map(String.init) ?? m.id,
                "resumen": "cerré el sondeo \(n) y agendé «\(p.title)» el \(SpanishFormat.dateTime(chosen, today: clock.today())) como el encuentro \(m.number ?? 0) (\(m.id))."]
    }
}

enum PollError: Error, CustomStringConvertible {
    case tooFew
    var description: String { "un sondeo necesita al menos 2 opciones de día y hora." }
}
