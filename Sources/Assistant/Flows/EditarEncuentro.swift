import Foundation
import CivilTime
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/editar-encuentro.yaml`: a meeting already on the calendar changes its place, or a
/// series pauses some months every year (kept as the RRULE's BYMONTH, so the export and the
/// .ics skip them). Right after a meeting is saved, «ah, es en la escuela El Peumo» or «en
/// enero y febrero no nos juntamos» are about that meeting.
struct EditarEncuentroFlow: MingaFlow {
    let id = "editar_encuentro"
    let saveKind: String? = "meeting_update"
    let slotNames = ["encuentro", "cambio", "participantes", "lugar", "cuando", "sesion", "meses", "conduce", "fecha", "alcance", "titulo", "tabla", "punto", "duracion"]

    func blocker(_ context: EngineContext) -> String? {
        guard let s = context.snapshot, s.meetings.isEmpty else { return nil }
        return "Todavía no hay encuentros agendados. Si quieres, escribe «agendar un encuentro»."
    }

    /// The meeting just saved, and what the message adds to it. «La jornada va a ser en la
    /// Escuela Los Aromos, dura 3 horas, y que la conduzca Carolina»: one change per clause, the
    /// first now and each other one after it is saved (only the length was kept).
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        // «la reunión de enero hagámosla en Llanada Grande» with nothing on the calendar: a change
        // of a meeting that isn't there; the blocker says so and how to schedule one (it scheduled
        // one named «…de enero hagámosla»).
        // «la reunión de enero hay que moverla al 13» too: a moving verb with its pronoun.
        if let s = context.snapshot, s.meetings.isEmpty, Self.hortative(message) != nil || Self.movesOneSaid(message) { return Claim() }
        guard var first = claimOne(message, flow: flow, catalog: catalog, context: context) else { return nil }
        // «la del jueves 12 pásala al viernes» when the 12th is a Saturday: a change, but of which
        // date is asked, none picked silently (a Thursday 12th eight months ahead was moved).
        if let s = context.snapshot, let said = Self.mismatchedDay(message, in: s, context: context) {
            return Claim(values: ["encuentro": .text(Self.doubtMark + said)])
        }
        guard first.then.isEmpty, TextFold.contains(message.clean, byte: UInt8(ascii: ",")) else { return first }
        let clauses = message.clean.split(separator: ",").map { part -> String in
            var words = part.split(separator: " ")
            if let w = words.first, TextFold.fold(String(w)) == "y" { words.removeFirst() }
            return words.joined(separator: " ")
        }.filter { !$0.isEmpty }
        guard clauses.count >= 2, clauses.count <= 5 else { return first }
        var parts: [(String, Claim)] = []
        for clause in clauses {
            guard let c = claimOne(Utterance(clause), flow: flow, catalog: catalog, context: context),
                  c.values["encuentro"] == first.values["encuentro"], c.then.isEmpty else { continue }
            parts.append((clause, c))
        }
        // Each part a change of its own kind; the whole message's reading stays the first.
        var kinds: Set<SlotValue> = first.values["cambio"].map { [$0] } ?? []
        var then: [FollowingRequest] = []
        for (clause, c) in parts {
            guard let kind = c.values["cambio"], !kinds.contains(kind),
                  // Already read with the first («…pal jueves 17 y que la dirija Juan»).
                  !c.values.keys.filter({ $0 != "encuentro" && $0 != "cambio" }).allSatisfy({ first.values[$0] != nil }) else { continue }
            kinds.insert(kind)
            // Begun after the save, on the meeting as it is then (`reads: false`).
            then.append(FollowingRequest(flow: flow.id, request: clause, values: c.values, reads: false))
        }
        guard !then.isEmpty else { return first }
        first.then = then
        return first
    }

    private func claimOne(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        guard let s = context.snapshot, !s.meetings.isEmpty, !Self.asksAnother(message.phrase.tokens),
              !Self.labelledAsOther(message.clean) else { return nil }
        // «la reunión de enero pásala al 13» with no meeting in January: said so, never another
        // meeting moved nor a new one named after the words (issue 12).
        if let said = Self.notOnCalendar(message, in: s, context: context) {
            return Claim(values: ["encuentro": .text(Self.missingMark + said)])
        }
        // «la reunión del microcentro de enero hagámosla en Llanada Grande»: that meeting changes.
        if let v = Self.hortative(message) { return Self.hortativeClaim(message, verb: v, in: s, context: context) }
        // «reactivar la reunión del 17», «la reunión del 17 sigue suspendida? no debería, se hace».
        if let values = Self.reactivation(message, in: s, context: context) { return Claim(values: values) }
        // «los participantes de la reunión del 16 son todos»: who takes part in it.
        if let values = Self.participantsChange(message, in: s, context: context) { return Claim(values: values) }
        // «se suspende la reunión del miércoles 3 de febrero»: that session is called off, the
        // series does not skip February (suspender_encuentro).
        if SuspenderEncuentroFlow.callsOffOneDate(message, context: context) { return nil }
        // The meeting just saved, or one the message names («el consejo ampliado es en…»).
        // A meeting the message names outright wins over the one just saved.
        let justSaved = context.lastSave.flatMap { last in s.meetings.first { $0.id == last.record } }
        // «cámbiale la fecha», «hay que cambiarle la hora» right after saving a meeting: its day
        // or hour, the new one asked (it started an availability poll).
        if let m = justSaved, let n = m.number, let field = JustSavedChange.field(message.phrase.tokens),
           ["fecha", "dia", "hora", "horario"].contains(field) {
            return Claim(values: ["encuentro": .number(Double(n)), "cambio": .choice("hora")])
        }
        // «cámbiale el nombre a…», «la tabla del encuentro 1 quedó mala», «agrega un punto a la
        // tabla de la reunión del jueves: …»: its name or its tabla.
        if let values = Self.nameOrTabla(message, in: s, justSaved: justSaved, context: context) { return Claim(values: values) }
        // «la jornada dura hasta las 13:00», «cambiar encuentro 1: que termine a las 13»: how long it lasts.
        if let values = Self.lengthChange(message, in: s, justSaved: justSaved, context: context) { return Claim(values: values) }
        // «que Marta conduzca la reunión de enero»: who leads, and the meeting by its date,
        // name, the one just saved or the only one.
        // «agendemos la reunión de ciclo el jueves 10, la dirige el Luis» schedules a new one.
        // «queremos juntarnos los martes…, lo conduce Marcela» is a new meeting too.
        // «me dijeron que yo conduzco la del jueves, ¿qué temas hay?»: who leads is the news
        // around a question about the meeting, answered as a question; no change is asked.
        if !message.phrase.tokens.contains(where: Self.schedulingVerbs.contains), !EncuentroFlow.schedules(message, context: context),
           !Self.asksBesidesLead(message), let lead = Self.leader(in: message.clean, context: context) {
            // «la del 28 de enero la conduce Tomás y la del 11 de febrero Nelly»: two dates, two
            // leaders; the second is changed once the first is saved.
            // «…, la de abril el Jorge y la de mayo la Teresa»: each one after it, in order.
            if let (first, second) = Self.secondLead(message.clean),
               var c = claimOne(Utterance(first), flow: flow, catalog: catalog, context: context) {
                var rest: String? = second
                var then: [FollowingRequest] = []
                while let said = rest {
                    let split = Self.secondLead(said)
                    let piece = split?.0 ?? said
                    guard let next = claimOne(Utterance(piece), flow: flow, catalog: catalog, context: context), next.values["conduce"] != nil else { break }
                    then.append(FollowingRequest(flow: flow.id, request: piece, values: next.values))
                    rest = split?.1
                }
                if !then.isEmpty {
                    c.then += then
                    return c
                }
            }
            // «que Tomás dirija la de abril» right after a series is saved: its April date, though
            // an older series meets in April too.
            let dated = Self.dated(message.clean, in: s, context: context, prefer: justSaved)
            guard let m = Self.referenced(message.clean, in: s) ?? dated?.0 ?? justSaved ?? (s.meetings.count == 1 ? s.meetings[0] : nil),
                  let n = m.number else { return nil }
            var values: SlotValues = ["encuentro": .number(Double(n)), "cambio": .choice("conduce"), "conduce": .text(lead)]
            if !m.isSeries, let moved = Self.when(in: message.clean, base: m.start, context: context, needsLead: true), moved != m.start {
                // «hay que correrla pal jueves 17 y que la dirija Juan»: moved, and led on its new date.
                values["cambio"] = .choice("hora")
                values["cuando"] = .dateTime(moved)
                return Claim(values: values, echo: ["fecha y hora: \(SpanishFormat.dateTime(moved, today: context.today))", "conduce: \(lead)"])
            }
            if m.isSeries, let scope = Self.scope(message.clean, meeting: m, context: context) {
                // «que Marta conduzca las reuniones mensuales», «desde la de diciembre en adelante».
                values.merge(scope) { $1 }
            } else if let d = dated?.1, dated?.0.id == m.id {
                values["fecha"] = .date(d)
            } else if m.isSeries, message.phrase.tokens.contains(where: { ["proxima", "siguiente"].contains($0) }),
                      let next = m.scheduledDates(from: context.today, to: context.today.adding(days: 800), limit: .max).first {
                // «que Marta conduzca la próxima»: the series' next date.
                values["fecha"] = .date(next)
            } else if m.isSeries, let when = TemporalParser.parse(message.clean, context: context.temporal), case .date(let d) = when.value {
                // A day the series skips: said, so its check names the dates there are.
                values["fecha"] = .date(d)
            }
            return Claim(values: values, echo: ["conduce: \(lead)"])
        }
        let named = Self.referenced(message.clean, in: s) ?? Self.movedByVerb(message, in: s, context: context)
            ?? Self.namedByItsDate(message, in: s, context: context) ?? Self.namedByMonth(message.phrase.tokens, in: s, today: context.today)
        // «el 1 no alcanzamos, lo pasamos pal 18»: a bare number, no word for a meeting, and a task
        // not done is an open agreement's number (qa34: meeting 1 was moved to the 18th instead).
        if let m = named, Self.agreementByNumber(message, meeting: m, in: s, context: context) { return nil }
        // «la pauta de observación va avanzada pero no alcanzamos al 11, la pasamos para el 15»:
        // a message naming no meeting but one open agreement by its words moves that agreement
        // (the meeting just saved was moved to the 15th).
        if named == nil, !message.phrase.tokens.contains(where: MeetingMention.nouns.contains),
           case let agreed = AgreementReference.named(message.clean, in: s, context: context), agreed.count == 1,
           s.openAgreements(on: context.today).contains(where: { $0.id == agreed[0].id }) {
            return nil
        }
        // «la reunión se posterga una semana» with two meetings ahead, neither named: which one
        // is asked (the last one saved was moved); the shift is kept for it (`prefill`).
        if named == nil, Self.moveOfOneOfSeveral(message, in: s, context: context) {
            return Claim(values: ["cambio": .choice("hora")])
        }
        // «la reunión es en mi escuela, la escuela Dichato» with no meeting named nor just saved:
        // the place of the next one (issue 12: it started scheduling another).
        let next = named == nil && justSaved == nil ? Self.nextByItsPlace(message, in: s, context: context) : nil
        guard let m = named ?? justSaved ?? next, let n = m.number else { return nil }
        // «nos juntamos el último jueves de cada mes, salvo enero y febrero» says a whole series
        // of its own: a new meeting, not months off for the one just saved.
        if named == nil, let when = TemporalParser.parse(message.clean, context: context.temporal),
           case .recurrence(let r) = when.value, !EncuentroFlow.isVague(r) {
            return nil
        }
        var values = change(in: message.clean, meeting: m, context: context)
        // «me equivoqué, la reunión de diciembre es a las 16 no a las 15:30»: a new day or hour
        // said of a meeting already saved corrects it (a request for another one has its verb).
        if values.isEmpty, !message.phrase.tokens.contains(where: Self.newMeetingWords.contains),
           let when = Self.when(in: message.clean, base: m.start, context: context, needsLead: true) {
            var values: SlotValues = ["encuentro": .number(Double(n)), "cambio": .choice("hora"), "cuando": .dateTime(when)]
            // «y la de mayo pásala al viernes 7»: one date of a series moves, the series stays.
            if let d = Self.session(moving: m, to: when, text: message.clean, context: context) {
                values["sesion"] = .date(d)
                // «la de abril se pasa al 20»: a bare day is of the month that named the date (it
                // went to the next 20th, in December).
                // «cambiar la hora de la reunión de abril a las 16»: no day said, April's date at 16:00
                // (it went to the 5th of April, the meeting's own day of the month).
                if let moved = Self.saysDay(message.phrase.tokens) ? Self.inSessionMonth(when, session: d, text: message.clean)
                    : LocalDateTime(date: d, time: when.time) {
                    values["cuando"] = .dateTime(moved)
                    if let place = Self.placeClause(message.clean, context: context) { values["lugar"] = .text(place) }
                    return Claim(values: values)
                }
                // «la del 6 de abril cámbiala a las 16»: only the hour is new; the day stays the session's.
                if when.date == m.start.date, d != when.date { values["cuando"] = .dateTime(LocalDateTime(date: d, time: when.time)) }
            }
            if let place = Self.placeClause(message.clean, context: context) { values["lugar"] = .text(place) }
            return Claim(values: values)
        }
        // «la próxima la tenemos que mover, el 5 de enero no hay clases»: a move, but the day said
        // is where it cannot be: the new day is asked, for that date of a series (or its next).
        if values.isEmpty, let outDay = Self.movedWithoutDay(message, meeting: m, in: s, context: context) {
            var values: SlotValues = ["encuentro": .number(Double(n)), "cambio": .choice("hora")]
            guard let d = outDay else { return Claim(values: values) }
            values["sesion"] = .date(d)
            return Claim(values: values, echo: ["fecha de la serie: \(SpanishFormat.date(d, today: context.today))"])
        }
        // «pásala al martes 23» when the 23rd is a Wednesday: a move all the same; which day is asked.
        if values.isEmpty, !message.phrase.tokens.contains(where: Self.newMeetingWords.contains),
           let days = Self.doubtfulDay(in: message.clean, context: context, needsLead: true, base: m.start.date) {
            // «la de abril moverla pal martes 7» when April 7 is a Wednesday: the number in the
            // meeting's month is taken, and the engine asks it against the weekday next to it
            // (`doubtfulDayTaken`: «¿martes 6 o miércoles 7?»), as for agreements.
            if let when = Self.doubtfulTaken(message.clean, days: days, base: m.start, context: context, needsLead: true) {
                return Claim(values: ["encuentro": .number(Double(n)), "cambio": .choice("hora"), "cuando": .dateTime(when)])
            }
            return Claim(values: ["encuentro": .number(Double(n)), "cambio": .choice("hora")])
        }
        // Named rather than just saved, only a place said outright («es en», «será en») counts:
        // «el microcentro se junta en…» may well be a new meeting.
        if named != nil || justSaved == nil, values["lugar"] == nil || Self.place(in: message.clean, context: context, leads: ["es", "sera", "seria", "queda"]) == nil {
            values = [:]
        }
        guard !values.isEmpty else { return nil }
        // «la reunión de marzo es en la biblioteca» of a series: the place of that date only.
        if values["lugar"] != nil, m.isSeries, values["sesion"] == nil,
           let d = Self.sessionOfMonth(in: message.phrase.tokens, meeting: m, today: context.today) {
            values["sesion"] = .date(d)
        }
        return Claim(values: values.merging(["encuentro": .number(Double(n))]) { a, _ in a })
    }

    /// Whether `m` was named only by a bare number («el 1») that an open agreement has too, in a
    /// message saying a task was not done («no alcanzamos», «no lo hicimos»), with no word for a
    /// meeting: the agreement is meant. (Word checks first; the agreements only then.)
    static func agreementByNumber(_ message: Utterance, meeting m: Meeting, in s: NetworkSnapshot, context: EngineContext) -> Bool {
        let t = message.phrase.tokens
        guard let n = m.number, t.contains(where: { w in notDoneStems.contains { w.hasPrefix($0) } }),
              !t.contains(where: MeetingMention.nouns.contains), SeguimientoFlow.referenceNumbers(t).contains(n) else { return false }
        return s.openAgreements(on: context.today).contains { $0.number == n }
    }

    /// Stems of saying a task was not (yet) done: «alcanzamos», «hicimos», «cumplió», «terminé».
    static let notDoneStems = ["alcanz", "alcanc", "hicimos", "hice", "hizo", "cumpl", "termin"]

    /// A suspended date said to happen after all («reactivar la reunión del 17», «sigue
    /// suspendida? no debería, se hace»): the meeting (by number, name, date or the only one)
    /// and, in a series, that date. Nil when the words say no such thing.
    static func reactivation(_ message: Utterance, in s: NetworkSnapshot, context: EngineContext) -> SlotValues? {
        let t = message.phrase.tokens
        let revives = t.contains { $0.hasPrefix("reactiv") }
            || (t.contains { $0.hasPrefix("suspendid") } && (t.contains("deberia") || zip(t, t.dropFirst()).contains { $0 == "se" && $1 == "hace" }))
        guard revives else { return nil }
        let dated = dated(message.clean, in: s, context: context)
        let suspended = s.meetings.filter { m in m.occurrences.values.contains { $0.status == .suspendida } }
        // A meeting with nothing suspended is still taken: the flow then says it goes ahead.
        guard let m = referenced(message.clean, in: s) ?? dated?.0 ?? (suspended.count == 1 ? suspended[0] : nil), let n = m.number
        else { return nil }
        var values: SlotValues = ["encuentro": .number(Double(n)), "cambio": .choice("reactivar")]
        if m.isSeries, let d = dated?.1, dated?.0.id == m.id { values["sesion"] = .date(d) }
        return values
    }

    /// «oye los participantes de la reunión del 16 son todos», «cambiar los participantes del
    /// encuentro 1»: the meeting (by number, name, date or the only one) and, when «todos» is
    /// said, the whole network. Nil when the message speaks of no participants or asks.
    static func participantsChange(_ message: Utterance, in s: NetworkSnapshot, context: EngineContext) -> SlotValues? {
        let t = message.phrase.tokens
        guard t.contains("participantes"), !QuestionForm.asks(message),
              let m = referenced(message.clean, in: s) ?? dated(message.clean, in: s, context: context)?.0 ?? (s.meetings.count == 1 ? s.meetings[0] : nil),
              let n = m.number else { return nil }
        var values: SlotValues = ["encuentro": .number(Double(n)), "cambio": .choice("participantes")]
        if let son = t.firstIndex(where: { $0 == "son" || $0 == "somos" }), t[(son + 1)...].first.map({ ["todos", "todas"].contains($0) }) == true {
            var names = s.members.filter { !$0.isOut }.map(\.name)
            if let me = context.userName, !names.contains(me) { names.append(me) }
            if !names.isEmpty { values["participantes"] = .list(names) }
        } else if let said = saidParticipants(message.clean) {
            // «cambiar encuentro 1, participantes: todos», «…, participantes: Hilda y Victor»: the
            // list after the colon, read as the answer to «¿Quiénes participan ahora?» would be
            // (only people the network knows; anyone else is asked, as there).
            let slot = SlotDefinition(name: "participantes", type: .people, ask: "")
            if SharedReadings.everyone.contains(Phrase(said).core) {
                var names = s.members.filter { !$0.isOut }.map(\.name)
                if let me = context.userName, !names.contains(me) { names.append(me) }
                if !names.isEmpty { values["participantes"] = .list(names) }
            } else if let names = DialogEngine.people(in: said, slot: slot, context: context), !names.isEmpty,
                      names.allSatisfy({ context.members.contains($0) || $0 == context.userName }) {
                values["participantes"] = .list(names)
            }
        }
        return values
    }

    /// «participantes: todos»: what follows the field's name and a colon, or nil.
    static func saidParticipants(_ text: String) -> String? {
        guard let r = text.range(of: "participantes:", options: .caseInsensitive) else { return nil }
        let rest = text[r.upperBound...].trimmingCharacters(in: .whitespaces)
        return rest.isEmpty ? nil : rest
    }

    /// Whether the message closes with a question that is not itself about who leads
    /// («…, ¿qué temas hay?»), so a lead said before it is context, not a request.
    static func asksBesidesLead(_ message: Utterance) -> Bool {
        let text = message.clean
        guard text.contains("?") || text.contains("¿") else { return false }
        let question: Substring
        if let open = text.lastIndex(of: "¿") {
            question = text[open...]
        } else if let comma = text.lastIndex(where: { ",.;".contains($0) }) {
            question = text[text.index(after: comma)...]
        } else {
            return false
        }
        let t = Phrase(String(question)).tokens
        guard let lead = t.first(where: { !QuestionForm.fillers.contains($0) }), QuestionForm.interrogatives.contains(lead) else { return false }
        return !t.contains { leadVerbs.contains($0) || MeetingRequest.leadVerbs.contains($0) || $0.hasPrefix("conduc") || $0.hasPrefix("dirig") }
    }

    /// «cambiar el lugar del encuentro 1 a la escuela El Peumo»: the meeting by its number, and
    /// the change the request already says.
    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        guard let s = context.snapshot else { return Prefill() }
        // «cambiar la reunión del jueves 12 al viernes» when the 12th is a Saturday: which date
        // is asked (as `claim` does), none picked.
        if run.values["encuentro"]?.textValue?.hasPrefix(Self.doubtMark) == true { return Prefill() }
        if let said = Self.mismatchedDay(Utterance(request), in: s, context: context) {
            return Prefill(values: ["encuentro": .text(Self.doubtMark + said), "sesion": nil, "cuando": nil, "fecha": nil], replacesEcho: true)
        }
        // «el de marzo lo hacemos en la escuela Tenaún», said while the series was being
        // scheduled and begun once it is saved: read as `claim` reads a hortative, of that series
        // (its date's own place; a date that can't be told is asked, never the whole series').
        // «el de marzo es en la escuela Tenaún» the same: a place said outright, of the date named.
        if run.values["sesion"] == nil, run.values["encuentro"]?.textValue == nil,
           let m = context.lastSave.flatMap({ last in s.meetings.first { $0.id == last.record } }), m.isSeries,
           case let v = Self.hortative(Utterance(request)) {
            let only = NetworkSnapshot(network: s.network, meetings: [m])
            let claim = v.map { Self.hortativeClaim(Utterance(request), verb: $0, in: only, context: context) }
                ?? Self.place(in: request, context: context, leads: ["es", "sera", "seria", "queda"]).map { place in
                    var values: SlotValues = ["cambio": .choice("lugar"), "lugar": .text(place)]
                    if let n = m.number { values["encuentro"] = .number(Double(n)) }
                    if let d = Self.dated(request, in: only, context: context)?.1 { values["sesion"] = .date(d) }
                    return Claim(values: values, echo: ["lugar: \(place)"])
                } ?? Claim()
            var values = claim.values
            if values["lugar"] != nil, values["sesion"] == nil,
               let d = Self.sessionOfMonth(in: Phrase(request).tokens, meeting: m, today: context.today) {
                values["sesion"] = .date(d)
            }
            // Only a date named: said of the whole series, it is read as always.
            if values["lugar"] != nil, values["sesion"] != nil {
                var out = Prefill(echo: values["lugar"] == nil ? [] : claim.echo, replacesEcho: true)
                for (k, v) in values { out.values[k] = .some(v) }
                return out
            }
        }
        // Read whole by `claim` (a meeting not on the calendar, or a hortative's change): the
        // title words would otherwise name another meeting.
        if run.values["encuentro"]?.textValue?.hasPrefix(Self.missingMark) == true
            || run.values["encuentro"] != nil && Self.hortative(Utterance(request)) != nil { return Prefill() }
        var out = Prefill()
        // The engine may have read the request's tail as the place: only an explicit one counts.
        if run.values["lugar"] != nil { out.values["lugar"] = .some(nil); out.replacesEcho = true }
        // Nor is it a new name when the change given is another («la del 11 de febrero Nelly la
        // conduce», following the first leader said in the same message).
        if run.values["titulo"] != nil, case .choice(let c)? = run.values["cambio"], c != "nombre" {
            out.values["titulo"] = .some(nil)
            out.replacesEcho = true
        }
        // Nor are the people said of another change («la conduce Nelly») who takes part.
        if run.values["participantes"] != nil, case .choice(let c)? = run.values["cambio"], c != "participantes" {
            out.values["participantes"] = .some(nil)
            out.replacesEcho = true
        }
        let t = Phrase(request).tokens
        var meeting = Self.referenced(request, in: s) ?? (s.meetings.count == 1 ? s.meetings[0] : nil)
        if let n = Self.referenced(request, in: s)?.number { out.values["encuentro"] = .number(Double(n)) }
        // «la reunión hay que correrla al viernes 11», kept while a meeting was being scheduled
        // and begun once it is saved: the meeting a moving verb is said of, else the one just
        // saved (its day is no meeting's number).
        if meeting == nil, t.contains(where: Self.movingVerbs.contains),
           run.values["encuentro"].flatMap(Read.int).map({ said in !s.meetings.contains { $0.number == said } }) ?? true,
           let m = Self.movedByVerb(Utterance(request), in: s, context: context)
               ?? context.lastSave.flatMap({ last in s.meetings.first { $0.id == last.record } }), let n = m.number {
            meeting = m
            out.values["encuentro"] = .number(Double(n))
            out.replacesEcho = true
        }
        // «reactivar la reunión del 17»: a day of the month, not meeting 17.
        if let said = run.values["encuentro"].flatMap(Read.int), s.meetings.first(where: { $0.number == said }) == nil,
           Self.referenced(request, in: s) == nil, let (m, d) = Self.dated(request, in: s, context: context), let n = m.number {
            out.values["encuentro"] = .number(Double(n))
            if m.isSeries, run.values["cambio"]?.textValue == "reactivar" { out.values["sesion"] = .date(d) }
            out.replacesEcho = true
        }
        // «la reunión se posterga una semana» with the meeting still to ask: the shift, kept for
        // when it is picked (`validate` of «encuentro»).
        if run.values["encuentro"] == nil, meeting == nil, Self.moveOfOneOfSeveral(Utterance(request), in: s, context: context),
           let segment = Self.whenSegment(in: request, needsLead: true), segment.moving, let days = Self.shift(segment.text) {
            let sign = t.contains(where: { $0.hasPrefix("adelant") }) ? -1 : 1
            out.partials["desplazamiento"] = .number(Double(sign * days))
        }
        // A new day or hour said for it comes first: «de diciembre es a las 16» names no months to skip.
        let when = meeting.flatMap { m in t.contains(where: Self.newMeetingWords.contains) ? nil : Self.when(in: request, base: m.start, context: context, needsLead: true) }
        var change = when.map { ["cambio": SlotValue.choice("hora"), "cuando": .dateTime($0)] } ?? change(in: request, meeting: meeting, context: context)
        if let m = meeting, let w = when, let d = Self.session(moving: m, to: w, text: request, context: context) {
            change["sesion"] = .date(d)
            if w.date == m.start.date, d != w.date { change["cuando"] = .dateTime(LocalDateTime(date: d, time: w.time)) }
            // (No day said, «…de abril a las 16»: that date, at the new hour.)
            if let moved = Self.saysDay(Phrase(request).tokens) ? Self.inSessionMonth(w, session: d, text: request) : LocalDateTime(date: d, time: w.time) {
                change["cuando"] = .dateTime(moved)
            }
            // «cambiar la reunión de marzo para el jueves 11»: the new day is no date of the
            // series (it was echoed, and checked, as one).
            if let said = run.values["fecha"]?.dateValue, said == w.date || said != d {
                out.values["fecha"] = .some(nil)
                out.replacesEcho = true
            }
        }
        // «pásala pal jueves 17 misma hora, en el liceo Villa Alegre»: moved, and to a place.
        if when != nil, change["lugar"] == nil, let place = Self.placeClause(request, context: context) { change["lugar"] = .text(place) }
        if change["cambio"] == nil, let more = Self.nameOrTabla(Utterance(request), in: s, justSaved: nil, context: context) {
            // «quiero editar el encuentro 1, el nombre está malo».
            for (k, v) in more where k != "encuentro" { change[k] = v }
        }
        if change["cambio"] == nil, t.contains("lugar") || t.contains("donde") { change["cambio"] = .choice("lugar") }
        if change["cambio"] == nil, t.contains("hora") || t.contains("horario") || t.contains("fecha") || t.contains("dia") { change["cambio"] = .choice("hora") }
        // The name that picks the meeting («cambiar la hora del consejo ampliado») is no new name:
        // not when the change is another, nor when it is the meeting's own name (it was renamed
        // to itself, lowercased).
        if change["titulo"] == nil, let said = run.values["titulo"]?.textValue,
           change["cambio"].map({ $0 != .choice("nombre") }) ?? false
            || meeting.map({ Phrase($0.title).tokens == Phrase(said).tokens }) ?? false {
            out.values["titulo"] = .some(nil)
            out.replacesEcho = true
        }
        // Nor is a date in that name («la duración del consejo de fin de año») a date of it, when
        // the meeting is not held that day («la reunión del jueves» may well be its Thursday).
        if change["fecha"] == nil, let m = meeting, let day = run.values["fecha"]?.dateValue, !m.isScheduled(on: day),
           case .date(day)? = TemporalParser.parse(m.title, context: context.temporal)?.value {
            out.values["fecha"] = .some(nil)
            out.replacesEcho = true
        }
        // «mueve la reunión de abril al jueves 8, desde las 10»: «desde» says the hour, not
        // «from that date on» (the engine read it as the «fechas» choice): left unread.
        if change["alcance"] == nil, t.contains("desde"), !Self.saysOnward(t) { out.values["alcance"] = .some(nil) }
        for (k, v) in change { out.values[k] = v }
        out.echo = echo(change)
        return out
    }

    /// Its name, its whole tabla, or one more point, as a request says them; nil when the
    /// message says none of these of a meeting.
    static func nameOrTabla(_ message: Utterance, in s: NetworkSnapshot, justSaved: Meeting?, context: EngineContext) -> SlotValues? {
        let t = message.phrase.tokens
        let naming = t.contains { ["nombre", "titulo", "llame", "llamarse"].contains($0) }
        let tabla = t.contains { ["tabla", "temario"].contains($0) }
        guard naming || tabla || t.contains(where: { ["punto", "tema"].contains($0) }), !QuestionForm.asks(message) else { return nil }
        let adds = t.contains(where: addVerbs.contains)
        let changes = t.contains { $0.hasPrefix("cambi") || changeWords.contains($0) }
        let meetingSaid = t.contains { MeetingMention.nouns.contains($0) || MeetingRequest.gatherings[$0] != nil }
        var values: SlotValues = [:]
        if tabla || adds, adds, t.contains(where: { ["tabla", "punto", "tema", "temario"].contains($0) }) {
            values["cambio"] = .choice("punto")
            if let point = newPoint(in: message.clean) { values["punto"] = .text(point) }
        } else if tabla, changes {
            values["cambio"] = .choice("tabla")
            if let body = afterColon(message.clean) {
                let items = MeetingRequest.points(body)
                if !items.isEmpty { values["tabla"] = .list(items) }
            }
        } else if naming, changes || newTitle(in: message.clean) != nil, meetingSaid || referenced(message.clean, in: s) != nil {
            values["cambio"] = .choice("nombre")
            if let title = newTitle(in: message.clean) { values["titulo"] = .text(title) }
        } else {
            return nil
        }
        // The meeting: by number or name, by its date («la reunión de hoy», «la del jueves»),
        // the one just saved, or the only one; else it is asked.
        let m = referenced(message.clean, in: s) ?? dated(message.clean, in: s, context: context)?.0
            ?? justSaved ?? (s.meetings.count == 1 ? s.meetings[0] : nil)
        if let n = m?.number { values["encuentro"] = .number(Double(n)) }
        return values
    }

    /// Words that say how long a meeting lasts or when it ends (checked before any reading).
    static let endingWords: Set<String> = ["hasta", "termina", "termine", "terminar", "termino", "terminaria", "acaba", "acabe", "acabar"]

    /// How long a meeting lasts, said of one already on the calendar: the meeting (by number,
    /// name, date, the one just saved or the only one), the new length and a place said with it
    /// («es en la escuela Nehuentue y termina a las 13:00»). Nil when the words say no end.
    static func lengthChange(_ message: Utterance, in s: NetworkSnapshot, justSaved: Meeting?, context: EngineContext) -> SlotValues? {
        let t = message.phrase.tokens
        // «que dure 2 horas», «que termine a las 13» ask for a change, not a question («¿cuánto dura?»).
        let lead = t.first { !QuestionForm.fillers.contains($0) }
        guard t.contains(where: { endingWords.contains($0) || $0.hasPrefix("dur") }), !message.questionMarked,
              lead == "que" || !QuestionForm.interrogatives.contains(lead ?? ""),
              !t.contains(where: schedulingVerbs.contains), !t.contains(where: newMeetingWords.contains), !EncuentroFlow.schedules(message, context: context),
              let m = referenced(message.clean, in: s) ?? dated(message.clean, in: s, context: context)?.0 ?? justSaved
                ?? (s.meetings.count == 1 ? s.meetings[0] : nil),
              let n = m.number, let minutes = length(in: message.clean, meeting: m, context: context) else { return nil }
        var values: SlotValues = ["encuentro": .number(Double(n)), "cambio": .choice("duracion"), "duracion": .duration(minutes: minutes)]
        if let place = place(in: message.clean, context: context) { values["lugar"] = .text(place) }
        return values
    }

    /// «dura hasta las 13:00», «que termine a las 13», «que dure 2 horas», «de 9:30 a 13:00»: how
    /// many minutes meeting `m` lasts (from the start said with the end, else its own); nil when
    /// the words give no end after its start.
    static func length(in text: String, meeting m: Meeting, context: EngineContext) -> Int? {
        let words = text.split(separator: " ").map(String.init)
        let folded = words.map { Phrase($0).tokens.joined(separator: " ") }
        if folded.contains(where: { $0.hasPrefix("dur") }), let minutes = DurationParser.parse(text), minutes > 0, minutes <= 12 * 60 { return minutes }
        var start = m.start.time, end: LocalTime?
        if let i = folded.firstIndex(where: endingWords.contains), i + 1 < words.count,
           let said = TemporalParser.parse(words[(i + 1)...].joined(separator: " "), context: context.temporal) {
            switch said.value {
            case .time(let e): end = e
            case .dateTime(let dt) where dt.date == m.start.date: end = dt.time
            default: break
            }
        }
        if end == nil, let said = TemporalParser.parse(text, context: context.temporal) {
            switch said.value {
            case .timeRange(let a, let b): start = a; end = b
            case .dateTimeRange(let a, let b) where a.date == b.date: start = a.time; end = b.time
            default: break
            }
        }
        guard var e = end else { return nil }
        // «hasta la 1» after a morning start is one in the afternoon.
        if e <= start, e.hour < 12, LocalTime(hour: e.hour + 12, minute: e.minute) > start { e = LocalTime(hour: e.hour + 12, minute: e.minute) }
        let minutes = e.minutesSinceMidnight - start.minutesSinceMidnight
        return minutes > 0 ? minutes : nil
    }

    static let addVerbs: Set<String> = ["agregar", "agrega", "agregale", "agreguemos", "agregues", "sumar", "suma", "sumale", "anadir", "anade",
                                        "incluir", "incluye", "incluyamos", "falta", "faltaria"]
    static let changeWords: Set<String> = ["malo", "mala", "mal", "corregir", "corrige", "corrijamos", "editar", "edita", "reemplazar", "reemplaza",
                                           "modificar", "modifica", "ponle", "ponerle", "arreglar", "arregla"]

    /// «…cámbiale el nombre a Reunión de microcentro diciembre», «que se llame X», «nombre: X».
    static func newTitle(in text: String) -> String? {
        let words = text.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0).filter(\.isLetter) }
        var start: Int?
        for i in folded.indices {
            if ["nombre", "titulo"].contains(folded[i]) {
                if words[i].hasSuffix(":") { start = i + 1 }
                // «el nombre a la reunión del jueves a Feria de ciencias»: «a la reunión» says which.
                else if i + 1 < folded.count, ["a", "por", "sea"].contains(folded[i + 1]),
                        !(i + 3 < folded.count && ["la", "el"].contains(folded[i + 2]) && MeetingMention.nouns.union(["reu"]).contains(folded[i + 3])) { start = i + 2 }
                else if i + 1 < folded.count, folded[i + 1] == "es", i > 0, !["con", "quedo"].contains(folded[i - 1]) { start = i + 2 }
                // «cambia el nombre de la reu del viernes por Consejo ampliado»: after «por», or
                // after an «a» that a capitalised name follows.
                else if let j = folded.indices.dropFirst(i + 1).first(where: { folded[$0] == "por"
                    || (folded[$0] == "a" && $0 + 1 < words.count && words[$0 + 1].first?.isUppercase == true) }) { start = j + 1 }
            } else if ["llame", "llamarse"].contains(folded[i]) {
                start = i + 1
            }
        }
        guard let start, start < words.count else { return nil }
        var title = words[start...].joined(separator: " ")
        title = title.trimmingCharacters(in: CharacterSet(charactersIn: " .,;!«»\"'“”"))
        guard Phrase(title).stems.count >= 1 else { return nil }
        return title.prefix(1).uppercased() + title.dropFirst()
    }

    /// «…tabla de la reunión del jueves: feria costumbrista», «agrega a la tabla el tema de la
    /// feria costumbrista»: the point to add.
    static func newPoint(in text: String) -> String? {
        var point: String?
        if let body = afterColon(text) {
            point = body
        } else {
            let words = text.split(separator: " ").map(String.init)
            let folded = words.map { TextFold.fold($0).filter(\.isLetter) }
            if let i = folded.lastIndex(where: { ["tema", "punto"].contains($0) }), i + 1 < words.count {
                var j = i + 1
                if ["de", "del", "sobre"].contains(folded[j]) { j += 1 }
                if j < words.count, !["a", "al", "en"].contains(folded[j]) { point = words[j...].joined(separator: " ") }
            }
        }
        guard var p = point?.trimmingCharacters(in: CharacterSet(charactersIn: " .,;!«»\"'“”")), Phrase(p).stems.count >= 1 else { return nil }
        for article in ["la ", "el ", "los ", "las "] where p.lowercased().hasPrefix(article) && p.count > article.count + 2 {
            p = String(p.dropFirst(article.count))
        }
        return p.prefix(1).uppercased() + p.dropFirst()
    }

    /// What follows the first «:», when something does.
    static func afterColon(_ text: String) -> String? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let rest = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return rest.isEmpty ? nil : rest
    }

    /// «¿Lo cambio?» — «no»: the meeting stays as it is.
    func declineKeeps(_ run: FlowRun, context: EngineContext) -> Bool { true }

    /// The only meeting there is, when the request names none.
    func defaults(_ run: FlowRun, context: EngineContext) -> SlotValues {
        guard let s = context.snapshot, s.meetings.count == 1, let n = s.meetings[0].number else { return [:] }
        return ["encuentro": .number(Double(n))]
    }

    /// The words that say someone leads a meeting.
    static let leadVerbs: Set<String> = ["conduzca", "conduce", "conducir", "conduciria", "conduzcan", "dirija", "dirige", "lidere",
                                         "lidera", "modere", "modera", "guie", "guia", "coordine", "conduzco", "dirijo",
                                         // «Francisca condujo la reunión del 2 de diciembre»: who led one already held
                                         // (pass 10, qa16: it started a new meeting).
                                         "condujo", "conduje", "dirigio", "dirigi", "lidero", "modero", "coordino", "guio"]

    /// «…la conduce Tomás y la del 11 de febrero Nelly»: the words before «y la del …» and, as
    /// a request of their own, the ones after it with the lead verb put back («la del 11 de
    /// febrero la conduce Nelly»). Nil when no second date follows.
    static func secondLead(_ text: String) -> (String, String)? {
        // Cheap precondition: «y la de…», «, el de…» at all.
        let low = text.lowercased()
        let nameFirst = low.contains(" y ") && [" la de", " el de"].contains(where: low.contains)
        guard nameFirst || [" y la de", ", la de", " y el de", ", el de"].contains(where: low.contains) else { return nil }
        let words = text.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0).filter(\.isLetter) }
        guard let v = folded.firstIndex(where: leadVerbs.contains) else { return nil }
        // «que Javiera conduzca la de diciembre y Tomás la de marzo»: who leads the second, then
        // its date, with no verb of its own (Tomás was dropped).
        for i in words.indices where i > v + 1 && i + 4 < words.count + 1 && i + 3 < words.count {
            guard ["y", "e"].contains(folded[i]), words[i + 1].first?.isUppercase == true || ["yo"].contains(folded[i + 1]),
                  ["la", "el"].contains(folded[i + 2]), ["del", "de"].contains(folded[i + 3]) else { continue }
            let first = words[..<i].joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: " ,"))
            let second = (["que", words[i + 1], words[v]] + words[(i + 2)...]).joined(separator: " ")
            return (first, second)
        }
        for i in words.indices where i > v && i + 3 < words.count {
            let joins = ["y", "e"].contains(folded[i]) || words[i - 1].hasSuffix(",")
            let at = ["y", "e"].contains(folded[i]) ? i + 1 : i
            guard joins, at + 2 < words.count, ["la", "el"].contains(folded[at]), ["del", "de"].contains(folded[at + 1]) else { continue }
            var second = Array(words[at...])
            if !second.contains(where: { leadVerbs.contains(TextFold.fold($0).filter(\.isLetter)) }) {
                // «la del 11 de febrero Nelly»: the verb goes after the date, before who leads
                // (the first date: «la de abril el Jorge y la de mayo la Teresa» has another).
                func dated(_ w: String) -> Bool {
                    w.contains(where: \.isNumber) || !months(in: [TextFold.fold(w).filter(\.isLetter)]).isEmpty
                        || weekdayWords.contains(TextFold.fold(w).filter(\.isLetter))
                }
                var end = 2
                while end < second.count, dated(second[end])
                        || ["de", "del"].contains(TextFold.fold(second[end])) && end + 1 < second.count && dated(second[end + 1]) { end += 1 }
                let dateEnd = end > 2 ? end - 1 : second.lastIndex(where: dated)
                second.insert(contentsOf: ["la", words[v]], at: dateEnd.map { $0 + 1 } ?? second.count)
            }
            let first = words[..<i].joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: " ,"))
            return (first, second.joined(separator: " "))
        }
        return nil
    }

    /// «y la de marzo el Mario», «y la del 28 de enero la Carmen» after a change of who leads one
    /// date: «la de marzo la conduce el Mario», read as `secondLead` reads the second date of «la
    /// conduce Carmen y la de marzo el Mario». Only when the change was who leads (at the review)
    /// and the words name a member and a date of a meeting.
    func ellipticRequest(_ text: String, values: SlotValues?, context: EngineContext) -> String? {
        if let values, values["cambio"]?.textValue != "conduce" { return nil }
        guard let s = context.snapshot, let (_, second) = Self.secondLead("la conduce " + text),
              Self.leader(in: second, context: context) != nil, Self.dated(second, in: s, context: context) != nil else { return nil }
        return second
    }

    /// Whether a lead verb is said as a verb. «anota que Ramón hace la guía de fracciones…»:
    /// «guía» followed by «de», «del» or «que» is the noun (issue 12: with a weekly meeting on
    /// record it became «Conduce: Ramón» of that day's session and the agreement was lost), as
    /// `MeetingRequest.leader` already reads it. «guía de nuevo» is still the verb.
    static func saysLead(_ t: [String]) -> Bool {
        t.indices.contains { i in
            leadVerbs.contains(t[i]) && !(i + 1 < t.count && ["de", "del", "que", "q"].contains(t[i + 1])
                                          && !(i + 2 < t.count && t[i + 2] == "nuevo"))
        }
    }

    /// The member a message says leads a meeting («que Marta conduzca…», «la conduce Luis»).
    static func leader(in text: String, context: EngineContext) -> String? {
        let t = Phrase(text).tokens
        guard saysLead(t) else { return nil }
        // The user may be a member too: each name once, or the match is ambiguous.
        let members = context.members + (context.userName.map { u in context.members.contains(u) ? [] : [u] } ?? [])
        for (i, w) in t.enumerated() where w.count >= 3 && !leadVerbs.contains(w) && i + 1 < t.count {
            if let hit = PersonMatcher.match(w + " " + t[i + 1], among: members) { return hit }
        }
        for w in t where w.count >= 3 && !leadVerbs.contains(w) {
            if let hit = PersonMatcher.match(w, among: members) { return hit }
        }
        if t.contains("yo") || t.contains("conduzco") || t.contains("dirijo") { return context.userName }
        // «que Hilda Soto conduzca la del jueves 28»: someone not (yet) in the network, named
        // with capitals right before the verb.
        let words = text.split(separator: " ").map { $0.trimmingCharacters(in: .punctuationCharacters) }
        if let v = words.firstIndex(where: { leadVerbs.contains(Phrase($0).core) }) {
            let before = words[..<v].reversed().prefix { $0.first?.isUppercase == true }.reversed()
            if !before.isEmpty, before.count <= 3, Phrase(before.joined(separator: " ")).tokens.allSatisfy({ !leadVerbs.contains($0) }) {
                return before.joined(separator: " ")
            }
        }
        return newLeader(in: text)
    }

    /// «la de abril la conduce Luis Mamani, director de la escuela de Matilla»: someone not (yet)
    /// in the network, named with capitals (two or three words) right after the verb and ending
    /// the message or its clause (qa25: the request fell to the menu). Nil otherwise.
    static func newLeader(in text: String) -> String? {
        let raw = text.split(separator: " ").map(String.init)
        guard let v = raw.firstIndex(where: { leadVerbs.contains(Phrase($0).core) }), v + 2 < raw.count + 1 else { return nil }
        var name: [String] = []
        var closed = false
        // «lo dirige la jefa de UTP, Carolina Muñoz» (qa27 C1): who she is, said first with an
        // article and closed by a comma, then her name.
        var start = v + 1
        if start < raw.count, ["el", "la"].contains(Phrase(raw[start]).core),
           let comma = raw[start...].prefix(6).firstIndex(where: { $0.hasSuffix(",") }), comma + 1 < raw.count {
            start = comma + 1
        }
        for w in raw[start...] {
            let word = w.trimmingCharacters(in: .punctuationCharacters)
            guard word.first?.isUppercase == true, word.count >= 2, !leadVerbs.contains(Phrase(word).core) else { break }
            name.append(word)
            if w.last.map({ ",.;".contains($0) }) == true { closed = true; break }
            if name.count == 3 { break }
        }
        guard (2...3).contains(name.count), closed || start + name.count == raw.count else { return nil }
        return name.joined(separator: " ")
    }

    /// Words that speak of every date of a series: «todas», «la serie completa», «las reuniones».
    static let seriesWords: WordSet = ["todas", "todos", "serie", "siempre", "completa", "reuniones", "encuentros", "sesiones",
                                           "talleres", "jornadas", "mensuales", "semanales", "quincenales"]
    static let onwardWords: WordSet = ["adelante", "desde", "partir"]

    /// Whether `t` says «from that date on»: an onward word that is not the «desde» of an hour
    /// («al jueves 8, desde las 10» says when it starts that day, not which dates change).
    static func saysOnward(_ t: [String]) -> Bool {
        t.indices.contains { i in
            guard onwardWords.contains(t[i]) else { return false }
            guard t[i] == "desde", i + 1 < t.count else { return true }
            let next = i + 2 < t.count && ["las", "la"].contains(t[i + 1]) ? t[i + 2] : t[i + 1]
            return !(next.first?.isNumber == true && (["las", "la"].contains(t[i + 1]) || hourLike(next)))
        }
    }

    /// «10», «10:30», «9am» as a word: an hour (a day of the month needs «el» or a month).
    private static func hourLike(_ w: String) -> Bool {
        w.contains(":") || w.hasSuffix("hrs") || w.hasSuffix("am") || w.hasSuffix("pm") || w.hasSuffix("h")
    }

    /// Who leads a series for more than one date: «todas» (the whole series), or «desde la de
    /// diciembre en adelante» (that date and the ones after it). Nil: one date, as before.
    static func scope(_ text: String, meeting m: Meeting, context: EngineContext) -> SlotValues? {
        let t = Phrase(text).tokens
        if saysOnward(t),
           let (_, d) = dated(text, in: NetworkSnapshot(network: context.snapshot!.network, meetings: [m]), context: context)
               ?? pastDated(text, meeting: m, context: context) {
            return ["alcance": .choice("desde"), "fecha": .date(d)]
        }
        guard t.contains(where: seriesWords.contains) else { return nil }
        if let (_, _) = dated(text, in: NetworkSnapshot(network: context.snapshot!.network, meetings: [m]), context: context),
           !t.contains("todas"), !t.contains("todos") { return nil }
        return ["alcance": .choice("todas")]
    }

    /// «desde la de diciembre» when this December's date already passed: that date, read back.
    static func pastDated(_ text: String, meeting m: Meeting, context: EngineContext) -> (Meeting, LocalDate)? {
        let months = months(in: Phrase(text).tokens)
        guard let month = months.first else { return nil }
        let today = context.today
        let first = LocalDate(year: month <= today.month ? today.year : today.year - 1, month: month, day: 1)
        return m.upcomingDates(from: first, to: LocalDate(year: first.year, month: month, day: LocalDate.daysIn(month: month, year: first.year)), limit: 1).first.map { (m, $0) }
    }

    /// A meeting date the text names («la reunión de enero», «la del 6 de enero»): the first
    /// scheduled date in it, with its meeting.
    /// `prefer` (the meeting just saved) is the one meant when it has a date there too.
    static func dated(_ text: String, in s: NetworkSnapshot, context: EngineContext, prefer: Meeting? = nil) -> (Meeting, LocalDate)? {
        guard let m = TemporalParser.parse(text, context: context.temporal) else { return nil }
        let (a, b): (LocalDate, LocalDate)
        switch m.value {
        case .date(let d): (a, b) = (d, d)
        case .dateTime(let dt): (a, b) = (dt.date, dt.date)
        case .dateRange(let x, let y): (a, b) = (x, y)
        case .dateTimeRange(let x, let y): (a, b) = (x.date, y.date)
        default: return nil
        }
        if let p = prefer, let d = p.upcomingDates(from: a, to: b, limit: 1).first { return (p, d) }
        return s.meetings.compactMap { mt in mt.upcomingDates(from: a, to: b, limit: 1).first.map { (mt, $0) } }.min { $0.1 < $1.1 }
    }

    func echo(_ values: SlotValues) -> [String] {
        if let place = values["lugar"]?.textValue { return ["lugar: \(place)"] }
        if let months = values["meses"]?.textValue { return ["meses sin encuentro: \(months)"] }
        return []
    }

    /// A place («es en la escuela El Peumo») or months without a meeting («en enero y febrero no
    /// nos juntamos») said in `text`; empty when it says neither.
    func change(in text: String, meeting: Meeting?, context: EngineContext) -> SlotValues {
        if let place = Self.place(in: text, context: context) { return ["cambio": .choice("lugar"), "lugar": .text(place)] }
        let t = Phrase(text).tokens
        // «la reunión de enero no va, estamos de vacaciones», «la de enero no va…» of a series that
        // already skips January: that month, which its check says is already so (issue 12).
        if let m = meeting, m.isSeries, t.contains("no"), let skipped = RecurrenceRule(m.rrule ?? "").map({ Set(1...12).subtracting($0.byMonth) }),
           skipped.count < 12,
           case let named = Self.months(in: t.indices.filter { i in i >= 2 && ["de", "del"].contains(t[i - 1]) && (MeetingMention.nouns.contains(t[i - 2]) || ["la", "el"].contains(t[i - 2])) }.map { t[$0] }),
           !named.isEmpty, named.allSatisfy(skipped.contains) {
            return ["cambio": .choice("meses"), "meses": .text(Self.monthList(named))]
        }
        let months = Self.pausedMonths(in: t, summer: MeetingPlanner.summerMonths(context))
        if !months.isEmpty, meeting?.isSeries ?? true {
            return ["cambio": .choice("meses"), "meses": .text(Self.monthList(months))]
        }
        return [:]
    }

    /// «¿Qué encuentro?» answered with its name; «¿Qué meses?» with the months.
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        guard let s = context.snapshot else { return nil }
        switch slot.name {
        case "encuentro":
            if message.clean.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) { return nil }
            guard let m = Self.named(message.clean, in: s), let n = m.number else { return nil }
            return .fill(["encuentro": .number(Double(n))], remark: nil)
        case "cuando":
            // An hour alone keeps the day being moved: the one said before when it is said again
            // at the review («a las 10 dije», qa38: it went to the series' first date, a past
            // day), else the date of the series that moves, else the meeting's own day.
            let start = run.values["encuentro"].flatMap(Read.int).flatMap { n in s.meetings.first { $0.number == n } }?.start
            let base: LocalDateTime? = {
                if case .dateTime(let was)? = run.replacing?["cuando"] { return was }
                if let start, let d = run.values["sesion"]?.dateValue { return LocalDateTime(date: d, time: start.time) }
                return start
            }()
            guard let base, let when = Self.when(in: message.clean, base: base, context: context, needsLead: false, doubtful: false) else {
                if let days = Self.doubtfulDay(in: message.clean, context: context, needsLead: false, base: base?.date) {
                    return .reask(DialogEngine.whichDay(days, today: context.today) + " Dímelo con el día y su número.")
                }
                // The question that follows gives the example: said once. A frequency («una vez
                // al mes») is how often, and this changes one meeting.
                if case .recurrence? = TemporalParser.parse(message.clean, context: context.temporal)?.value {
                    return .reask("«\(message.clean)» dice cada cuánto; aquí cambio el día o la hora de este encuentro.")
                }
                return .reask("No entendí «\(message.clean)» como día u hora.")
            }
            var values: SlotValues = ["cuando": .dateTime(when)]
            // «miércoles 6 de enero de 9:30 a 13:00»: the end said with the start sets how long it lasts.
            if let m = run.values["encuentro"].flatMap(Read.int).flatMap({ n in s.meetings.first { $0.number == n } }),
               let said = TemporalParser.parse(message.clean, context: context.temporal), ["timerange", "datetimerange"].contains(said.value.kind),
               let minutes = Self.length(in: message.clean, meeting: m, context: context) {
                values["duracion"] = .duration(minutes: minutes)
            }
            if let m = run.values["encuentro"].flatMap(Read.int).flatMap({ n in s.meetings.first { $0.number == n } }) {
                // Asked the new day of a series: one of its dates moves when the day is near one.
                // (The date the request named stays the one that moves.)
                values["sesion"] = run.values["sesion"] ?? Self.session(moving: m, to: when, text: message.clean, context: context).map { SlotValue.date($0) }
            }
            return .fill(values, remark: nil)
        case "cambio":
            // «mejor que la conduzca la Rosa» at «¿Qué le cambio?»: who leads it is the change
            // and its value (it was not understood as an option).
            if let lead = Self.leader(in: message.clean, context: context) {
                return .fill(["cambio": .choice("conduce"), "conduce": .text(lead)], remark: nil)
            }
            // «viernes 18 a la misma hora» at «¿Qué le cambio?»: the new day itself picks the
            // change and is its value (it was asked again). Only a day said with its weekday or
            // month, or an hour: a bare «el 2» is the option's number.
            guard let m = run.values["encuentro"].flatMap(Read.int).flatMap({ n in s.meetings.first { $0.number == n } }),
                  var values = Self.newDay(message, meeting: m, context: context) else { return nil }
            values["cambio"] = .choice("hora")
            return .fill(values, remark: nil)
        case "fecha":
            guard let m = run.values["encuentro"].flatMap(Read.int).flatMap({ n in s.meetings.first { $0.number == n } }) else { return nil }
            // «todas, la marta conduce todas las del año», «desde la de diciembre en adelante».
            if let scope = Self.scope(message.clean, meeting: m, context: context) {
                return .fill(scope, remark: nil)
            }
            // «la próxima», «la que viene»: the next date.
            if message.phrase.tokens.contains(where: { ["proxima", "siguiente", "viene"].contains($0) }),
               let next = m.scheduledDates(from: context.today, to: context.today.adding(days: 800), limit: .max).first {
                return .fill(["fecha": .date(next)], remark: nil)
            }
            // «la de enero»: the meeting's date that month.
            guard
                  let hit = Self.dated(message.clean, in: NetworkSnapshot(network: s.network, meetings: [m]), context: context) else { return nil }
            return .fill(["fecha": .date(hit.1)], remark: nil)
        case "participantes" where ["todos", "todas", "toda la red", "todo el equipo"].contains(message.phrase.tokens.joined(separator: " ")):
            // «todos»: the whole network.
            var names = s.members.filter { !$0.isOut }.map(\.name)
            if let me = context.userName, !names.contains(me) { names.append(me) }
            return names.isEmpty ? nil : .fill(["participantes": .list(names)], remark: nil)
        case "tabla" where message.clean.contains(","):
            // «lectura, planificación y cierre»: the whole new tabla in one line.
            let items = MeetingRequest.points(message.clean)
            guard items.count >= 2 else { return nil }
            return .fill(["tabla": .list((run.values["tabla"]?.listValue ?? []) + items)], remark: nil)
        case "duracion":
            guard let m = run.values["encuentro"].flatMap(Read.int).flatMap({ n in s.meetings.first { $0.number == n } }) else { return nil }
            let said = message.phrase.tokens.contains(where: { $0 == "las" || $0 == "la" }) ? "hasta " + message.clean : message.clean
            guard let minutes = Self.length(in: said, meeting: m, context: context) ?? DurationParser.parse(message.clean) else { return nil }
            return .fill(["duracion": .duration(minutes: minutes)], remark: nil)
        case "meses":
            let months = Self.months(in: message.phrase.tokens)
            guard !months.isEmpty else { return .reask("Dime los meses, por ejemplo «enero y febrero».") }
            return .fill(["meses": .text(Self.monthList(months))], remark: nil)
        default:
            return nil
        }
    }

    /// At «¿Lo cambio?» of who leads a series: «desde la de diciembre en adelante», «todas»
    /// change which dates (and who, when named) rather than a field picked by its number.
    func reviewChange(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        // «no, mejor el miércoles 9 a las 16:00» at «¿Lo cambio?» of a new day: that day instead
        // (the 9 was read as the meeting's number: «No encuentro el encuentro 9»).
        if run.values["cambio"]?.textValue == "hora", YesNo.parse(message.clean) != true,
           let m = run.values["encuentro"].flatMap(Read.int).flatMap({ n in context.snapshot?.meetings.first { $0.number == n } }),
           let values = Self.newDay(Self.withoutMeantCopula(YesNo.lead(message.clean).map { Utterance($0.rest) } ?? message), meeting: m,
                                    current: run.values["cuando"].flatMap { if case .dateTime(let w) = $0 { w } else { nil } },
                                    moving: run.values["sesion"]?.dateValue, context: context) {
            return .fill(values, remark: "Corregido.")
        }
        guard run.values["cambio"]?.textValue == "conduce", YesNo.parse(message.clean) == nil,
              let m = run.values["encuentro"].flatMap(Read.int).flatMap({ n in context.snapshot?.meetings.first { $0.number == n } }),
              m.isSeries, var scope = Self.scope(message.clean, meeting: m, context: context) else { return nil }
        if let lead = Self.leader(in: message.clean, context: context) { scope["conduce"] = .text(lead) }
        if scope["alcance"]?.textValue == "todas" { scope["fecha"] = nil }
        return .fill(scope, remark: "Corregido.")
    }

    /// «era el viernes 4 en la tarde, a las 15»: the day meant, without the «era» that says it
    /// was meant (read as a past day, nothing was taken).
    /// «…en la tarde, a las 15»: the part of the day is left out when the hour is said too (it
    /// took 14:00, the afternoon's, over the 15 said after it).
    static func withoutMeantCopula(_ message: Utterance) -> Utterance {
        let t = message.phrase.tokens
        var words = message.clean.split(separator: " ").map(String.init)
        guard words.count == t.count else { return message }
        var changed = false
        if let first = t.first, ["era", "es", "seria"].contains(first), t.count >= 3 {
            words.removeFirst()
            changed = true
        }
        let folded = words.map { Phrase($0).tokens.joined(separator: " ") }
        if folded.indices.dropLast().contains(where: { ["las", "la"].contains(folded[$0]) && Int(folded[$0 + 1]) != nil }),
           let i = folded.indices.dropLast(2).first(where: { ["en", "por", "de"].contains(folded[$0]) && folded[$0 + 1] == "la"
               && ["tarde", "manana", "noche"].contains(folded[$0 + 2]) }) {
            words.removeSubrange(i...(i + 2))
            changed = true
        }
        return changed ? Utterance(words.joined(separator: " ")) : message
    }

    /// A new day or hour for `m` said in `message` («viernes 18 a la misma hora», «no, mejor el
    /// miércoles 9 a las 16:00»): its `cuando` (and the date of the series it moves). Only a day
    /// said with its weekday or month, or an hour: a bare «el 2» is a number.
    /// At the review of a move (`current`, the day and hour it moves to, and `moving`, the date of
    /// the series that moves), an hour alone changes only the hour of that day, and the same
    /// date of the series moves (qa38: «a las 10 dije, no 9:30» took the series' first date).
    static func newDay(_ message: Utterance, meeting m: Meeting, current: LocalDateTime? = nil, moving: LocalDate? = nil,
                       context: EngineContext) -> SlotValues? {
        guard message.phrase.tokens.count >= 2,
              let said = TemporalParser.parse(message.clean, context: context.temporal),
              ["time", "datetime", "timerange", "datetimerange"].contains(said.value.kind)
                  || Phrase(said.text).tokens.contains(where: { weekdayWords.contains($0) || monthNames.contains($0) }),
              let when = when(in: message.clean, base: current ?? m.start, context: context, needsLead: false, doubtful: false) else { return nil }
        var values: SlotValues = ["cuando": .dateTime(when)]
        if let moving, current?.date == when.date, ["time", "timerange"].contains(said.value.kind) {
            values["sesion"] = .date(moving)
        } else {
            values["sesion"] = session(moving: m, to: when, text: message.clean, context: context).map { SlotValue.date($0) }
        }
        return values
    }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard let s = context.snapshot else { return .accept }
        let meeting = run.values["encuentro"].flatMap(Read.int).flatMap { n in s.meetings.first { $0.number == n } }
        switch slot.name {
        case "encuentro":
            // A meeting the request named by a month or day that none is on (`notOnCalendar`).
            // A meeting named by a weekday and a day that don't match (`mismatchedDay`).
            if case .text(let said) = value, said.hasPrefix(Self.doubtMark) { return .unchanged(String(said.dropFirst())) }
            if case .text(let said) = value, said.hasPrefix(Self.missingMark) {
                return .unchanged("No encuentro una reunión agendada para «\(said.dropFirst())», así que no tengo cuál cambiar."
                    + " Si es una nueva, escribe «agendar un encuentro» y la agendamos.")
            }
            guard let n = Read.int(value), let m = s.meetings.first(where: { $0.number == n }) else {
                return .reject("No encuentro el encuentro \(Read.int(value).map(String.init) ?? "")." + Self.listing(s, today: context.today))
            }
            if run.values["cambio"]?.textValue == "meses", !m.isSeries {
                return .reject("El encuentro \(n) («\(m.title)») es de una sola vez: no tiene meses que saltar.")
            }
            // Nothing to reactivate: said, and the flow ends (asking again would change nothing).
            if run.values["cambio"]?.textValue == "reactivar", let said = Self.notSuspended(m, today: context.today) { return .unchanged(said) }
            if run.values["cuando"] != nil, let said = Self.heldWithActa(m, session: run.values["sesion"]?.dateValue, today: context.today) {
                return .unchanged(said)
            }
            guard case .number = value else { return .accept }
            // Moved by a shift said before the meeting was picked: from its next date.
            if case .number(let days)? = run.partials?["desplazamiento"], run.values["cuando"] == nil, !m.isSeries {
                let moved = LocalDateTime(date: m.start.date.adding(days: Int(days)), time: m.start.time)
                return .replace(.text("\(n) («\(m.title)»)"), remarks: [Self.line(m, today: context.today)], others: ["cuando": .dateTime(moved)])
            }
            return .replace(.text("\(n) («\(m.title)»)"), remarks: [Self.line(m, today: context.today)])
        case "fecha":
            guard let m = meeting, case .date(let d) = value else { return .accept }
            if !m.isScheduled(on: d) {
                let next = m.scheduledDates(from: context.today, to: context.today.adding(days: 200), limit: 500).prefix(4)
                    .map { SpanishFormat.date($0, today: context.today) }
                return .reject("El encuentro \(m.number ?? 0) no se hace el \(SpanishFormat.date(d, today: context.today))."
                    + (next.isEmpty ? "" : " Las próximas fechas son \(SlotValue.joinSpanish(next))."))
            }
            return .accept
        case "cuando":
            guard let m = meeting else { return .accept }
            if let said = Self.heldWithActa(m, session: run.values["sesion"]?.dateValue, today: context.today) { return .unchanged(said) }
            // A move onto a feriado is told, as scheduling one there is (qa18: «la pasamos al
            // martes 8» went to 8 December without a word).
            if case .dateTime(let dt) = value, let h = ChileanCalendar.holiday(on: dt.date, region: s.network.region) {
                return .accept(["Ojo: el \(SpanishFormat.date(dt.date, today: context.today)) es feriado (\(h.name))."
                    + " Si prefieres otro día, dímelo, por ejemplo «no, mejor el miércoles 9 a las 15:00»."])
            }
            return .accept
        case "sesion":
            // «la del 16 de marzo» when the series meets on the 2nd and the 6 of April: said, with
            // the dates it does have near it, and asked again; no other date changes instead.
            guard let m = meeting, m.isSeries, case .date(let d) = value, !m.isScheduled(on: d) else { return .accept }
            let near = Self.datesNear(d, in: m, today: context.today)
            let offer = near.count == 1 ? " La fecha más cercana es el \(near[0])."
                : near.isEmpty ? "" : " Las fechas más cercanas son \(SlotValue.joinSpanish(near.map { "el " + $0 }))."
            // The new day or hour said for it is asked again: it was meant for a date that isn't there.
            return Verdict(value: nil, remarks: ["El encuentro \(m.number ?? 0) («\(m.title)») no tiene fecha el \(SpanishFormat.date(d, today: context.today))." + offer],
                           others: ["cuando": nil])
        case "lugar":
            if YesNo.parse(value.textValue ?? "") != nil { return .reject("Aquí va el lugar o el enlace de la videollamada.") }
            // «por zoom», «en la sala de profesores»: the place, without the words that led to it.
            guard let t = value.textValue else { return .accept }
            let place = PlaceValue.clean(t)
            return place == t ? .accept : .replace(.text(place))
        case "meses":
            // Months the series already skips: nothing changes, said so and the flow ends.
            guard let m = meeting, m.isSeries, let text = value.textValue, text != Self.allYear,
                  let rule = RecurrenceRule(m.rrule ?? ""), !rule.byMonth.isEmpty else { return .accept }
            let asked = Self.months(in: Phrase(text).tokens)
            guard !asked.isEmpty, asked.allSatisfy({ !rule.byMonth.contains($0) }) else { return .accept }
            return .unchanged("La serie ya no tiene sesión en \(Self.monthList(asked).replacingOccurrences(of: " y ", with: " ni ")), así que no hay nada que suspender.")
        case "cambio":
            if value.textValue == "meses", let m = meeting, !m.isSeries {
                return .reject("El encuentro \(m.number ?? 0) («\(m.title)») es de una sola vez: no tiene meses que saltar.")
            }
            if value.textValue == "reactivar", let m = meeting, let said = Self.notSuspended(m, today: context.today) { return .unchanged(said) }
            return .accept
        default:
            return .accept
        }
    }

    /// A meeting (or the date `session` of a series) already held with its acta is not moved: its
    /// acta, attendees and notes would go to the new day (qa16 A4: «anota que Jorge organiza la
    /// segunda parte del taller para el 25 de marzo», misread, moved the acta to March). What is
    /// said instead, nil when it may move.
    static func heldWithActa(_ m: Meeting, session: LocalDate?, today: LocalDate) -> String? {
        let date: LocalDate
        if m.isSeries {
            guard let session else { return nil }
            date = m.occurrenceDate(heldOn: session) ?? session
        } else {
            date = m.start.date
        }
        guard let o = m.occurrences[date], o.hasActa else { return nil }
        return "El encuentro \(m.number.map(String.init) ?? m.id) («\(m.title)») del \(SpanishFormat.date(m.heldDate(of: date), today: today)) ya se realizó y tiene su acta: "
            + "no le cambio la fecha, porque el acta quedaría en otro día. Si es otra reunión, dime «agendar un encuentro»; si es un compromiso, «registrar un acuerdo»."
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        let today = w.clock.today()
        guard let n = v["encuentro"].flatMap(Read.int), let found = snapshot.meetings.first(where: { $0.number == n }) else {
            throw StoreError.notFound("ese encuentro")
        }
        var old = found
        var resumen = ""
        // On the meeting as it is on disk now: an acta saved meanwhile by someone else stays.
        let m = try w.store.modifyMeeting(id: found.id, network: snapshot.network.id) { m in
            old = m
            // Every change the review showed is applied, not only the one asked for: «correrla
            // pal jueves 17 y que la dirija Juan» moves the meeting and names who leads it.
            var said: [String] = []
            if case .dateTime(let when)? = v["cuando"], let d = v["sesion"]?.dateValue, m.isSeries {
                // One date of the series moves; the others (and the series' day) stay.
                var o = m.occurrence(on: d)
                o.start = when
                let revived = Self.revive(&o)
                m.record(o)
                said.append("la fecha del \(SpanishFormat.date(d, today: today)) del encuentro \(n) («\(m.title)») pasa al \(SpanishFormat.dateTime(when, today: today))"
                    + (revived ? " y ya no está suspendida" : "") + "; las demás fechas de la serie siguen igual")
            } else if v["cambio"]?.textValue == "reactivar" {
                // A suspended date that will happen after all: the given one, else the next
                // suspended one (a one-time meeting's own date).
                let suspended = m.recorded.filter { $0.status == .suspendida }
                guard var o = v["sesion"]?.dateValue.map(m.occurrence(on:)) ?? suspended.first(where: { $0.date >= today }) ?? suspended.last,
                      Self.revive(&o) else {
                    throw StoreError.notFound("una fecha suspendida del encuentro \(n)")
                }
                m.record(o)
                said.append("el encuentro \(n) («\(m.title)») del \(SpanishFormat.dateTime(o.start, today: today)) ya no está suspendido: se hace")
            } else if case .dateTime(let when)? = v["cuando"] {
                m.move(to: when)
                // Moved to another day, a suspended meeting is one that will happen after all.
                var revived = false
                if !m.isSeries, var o = m.occurrences[m.start.date] { revived = Self.revive(&o); m.record(o) }
                // A series starts on a date it meets on (an .ics DTSTART always counts as one).
                if m.isSeries, !m.isScheduled(on: m.start.date) { m.start = LocalDateTime(date: m.seriesDay(onOrAfter: m.start.date), time: m.start.time) }
                said.append("el encuentro \(n) («\(m.title)») ahora es \(Wording.whenText(m, today: today))"
                    + (m.isSeries ? ", desde el \(SpanishFormat.date(m.start.date, today: today))" : "")
                    + (revived ? "; ya no está suspendido" : ""))
            }
            if case .duration(let minutes)? = v["duracion"] {
                m.durationMinutes = minutes
                said.append("el encuentro \(n) («\(m.title)») dura \(SpanishFormat.duration(minutes: minutes)), hasta las \(SpanishFormat.time(m.end.time))")
            }
            if let place = v["lugar"]?.textValue, let d = v["sesion"]?.dateValue, m.isSeries {
                // One date of the series is held elsewhere; the others keep the series' place.
                var o = m.occurrence(on: d)
                o.place = place == Self.noPlace || place == m.place ? nil : place
                // A record that only said its place is no record any more.
                m.occurrences[d] = o == Occurrence(date: d, start: LocalDateTime(date: d, time: m.start.time)) ? nil : o
                let others = m.place.map { "; las demás fechas siguen \(PlaceValue.said($0))" } ?? "; las demás fechas siguen sin lugar"
                said.append(o.place == nil ? "la fecha del \(SpanishFormat.date(o.start.date, today: today)) del encuentro \(n) («\(m.title)») vuelve al lugar de la serie"
                    : "la fecha del \(SpanishFormat.date(o.start.date, today: today)) del encuentro \(n) («\(m.title)») es \(PlaceValue.said(place))" + others)
            } else if let place = v["lugar"]?.textValue {
                m.place = place == Self.noPlace ? nil : place
                said.append(m.place == nil ? "el encuentro \(n) («\(m.title)») quedó sin lugar" : "el lugar del encuentro \(n) («\(m.title)») ahora es «\(place)»")
            }
            if let title = v["titulo"]?.textValue {
                said.append("el encuentro \(n) ahora se llama «\(title)»")
                m.title = title
            }
            if let given = v["tabla"]?.listValue {
                let items = given == [Self.noTabla] ? [] : given
                m.agenda = items
                said.append(items.isEmpty ? "el encuentro \(n) («\(m.title)») quedó sin tabla"
                    : "la tabla del encuentro \(n) («\(m.title)») ahora es: " + items.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "; "))
            }
            if let people = v["participantes"]?.listValue {
                m.participants = people
                said.append("en el encuentro \(n) («\(m.title)») participan ahora \(SlotValue.joinSpanish(people))")
            }
            if let point = v["punto"]?.textValue {
                m.agenda.append(point)
                said.append("agregué «\(point)» a la tabla del encuentro \(n) («\(m.title)»); es el punto \(m.agenda.count)")
            }
            if let months = v["meses"]?.textValue {
                guard let rrule = m.rrule else { throw StoreError.notFound("los meses sin encuentro") }
                if months == Self.allYear {
                    // «deshacer» after skipping months: the series meets every month again.
                    m.rrule = rrule.split(separator: ";").filter { !$0.uppercased().hasPrefix("BYMONTH=") }.joined(separator: ";")
                    said.append("el encuentro \(n) («\(m.title)») vuelve a hacerse todo el año; quedó \(Wording.whenText(m, today: today))")
                } else {
                    let list = Self.months(in: Phrase(months).tokens)
                    guard !list.isEmpty else { throw StoreError.notFound("los meses sin encuentro") }
                    m.rrule = RecurrenceRule.skipping(Set(list), in: rrule)
                    // The series' first date must be one it meets on (an .ics DTSTART always counts).
                    if !m.isScheduled(on: m.start.date) { m.start = LocalDateTime(date: m.firstDate, time: m.start.time) }
                    said.append("el encuentro \(n) («\(m.title)») no se hace en \(Self.monthList(list)); quedó \(Wording.whenText(m, today: today))")
                }
            }
            if let lead = v["conduce"]?.textValue, m.isSeries, let scope = v["alcance"]?.textValue, scope != "una" {
                // The whole series, or from one of its dates on.
                let from = scope == "desde" ? v["fecha"]?.dateValue ?? m.firstDate : m.start.date
                m.lead(lead, from: from)
                said.append(scope == "desde"
                    ? "\(lead) conduce el encuentro \(n) («\(m.title)») desde el \(SpanishFormat.date(from, today: today)) en adelante"
                    : "\(lead) conduce todas las fechas del encuentro \(n) («\(m.title)»)")
            } else if let lead = v["conduce"]?.textValue, !m.isSeries {
                // A one-time meeting has one date: who leads it is the meeting's own leader (the
                // export's «conduce» kept the old one when only its date's record changed).
                m.lead(lead, from: m.start.date)
                said.append(said.isEmpty ? "\(lead) conduce el encuentro \(n) («\(m.title)»)" : "lo conduce \(lead)")
            } else if let lead = v["conduce"]?.textValue {
                // A series' date: the one said, or its next one.
                let date = v["fecha"]?.dateValue
                    ?? m.scheduledDates(from: today, to: today.adding(days: 800), limit: .max).first ?? m.firstDate
                var o = m.occurrence(on: date)
                o.ledBy = lead
                m.record(o)
                said.append(said.isEmpty
                    ? "\(lead) conduce el encuentro \(n) («\(m.title)») del \(SpanishFormat.date(date, today: today))"
                    : "lo conduce \(lead)")
            }
            guard !said.isEmpty else {
                throw StoreError.notFound(v["cambio"]?.textValue == "hora" ? "el día y la hora" : v["cambio"]?.textValue == "conduce" ? "quién conduce" : "el lugar")
            }
            resumen = said.joined(separator: "; ") + "."
            // Someone who leads and is not in the network yet («la de abril la conduce Luis
            // Mamani»): adding them is offered, never done unasked.
            if let lead = v["conduce"]?.textValue, lead != user.name,
               !snapshot.members.contains(where: { !$0.isOut && $0.name == lead }) {
                resumen += " \(lead) todavía no es parte de la red: si quieres sumarle, escríbeme «agregar a \(lead)»."
            }
            m.markChanged(since: old, at: w.stamp)
        }
        // What it was, so «deshacer» can put it back.
        var before = ["antes.cambio": v["cambio"]?.textValue ?? "lugar"]
        before["antes.lugar"] = old.place ?? Self.noPlace
        // The place of one date of a series: that date's own, else the series' (its own goes).
        if v["lugar"] != nil, v["cuando"] == nil, let d = v["sesion"]?.dateValue, old.isSeries {
            before["antes.sesion"] = d.iso
            before["antes.lugar"] = old.occurrences[d]?.place ?? old.place ?? Self.noPlace
        }
        before["antes.rrule"] = old.rrule ?? ""
        before["antes.titulo"] = old.title
        before["antes.tabla"] = old.agenda.joined(separator: "\n")
        before["antes.participantes"] = old.participants.joined(separator: "\n")
        before["antes.duracion"] = String(old.durationMinutes)
        // A day and hour moved: where it was (one date of a series, or the whole meeting), and
        // whether the move took a suspension away (undoing it would not suspend it again).
        if case .dateTime? = v["cuando"] {
            if let d = v["sesion"]?.dateValue, old.isSeries {
                let o = old.occurrence(on: d)
                before["antes.sesion"] = d.iso
                before["antes.inicio"] = o.start.date.iso + "T" + o.start.time.iso
                if o.status == .suspendida { before["antes.suspendida"] = "si" }
            } else {
                before["antes.inicio"] = old.start.date.iso + "T" + old.start.time.iso
                if !old.isSeries, old.occurrences[old.start.date]?.status == .suspendida { before["antes.suspendida"] = "si" }
            }
        }
        return ["id": m.id, "numero": String(n), "resumen": resumen].merging(before) { a, _ in a }
    }

    /// What to say when «reactivar» names a meeting with no suspended date; nil when it has one.
    static func notSuspended(_ m: Meeting, today: LocalDate) -> String? {
        guard !m.occurrences.values.contains(where: { $0.status == .suspendida }) else { return nil }
        return "El encuentro \(m.number ?? 0) («\(m.title)») no está suspendido: se hace \(m.isSeries ? "" : "el ")\(Wording.whenText(m, today: today))."
    }

    /// A suspended date that will happen after all: pending again, without the suspension's
    /// reason (it no longer says what happens that day). Returns whether it was suspended.
    static func revive(_ o: inout Occurrence) -> Bool {
        guard o.status == .suspendida else { return false }
        o.status = .pendiente
        o.notes = nil
        return true
    }

    /// The values `save` takes back: the series every month, a meeting without a place.
    static let allYear = "ninguno (todo el año)"
    static let noPlace = "sin lugar"
    static let noTabla = "(sin tabla)"

    /// «deshacer» right after a change: the same flow puts back what was there (confirmed first).
    /// A series that already skipped other months before is not put back by months.
    func undo(_ record: String, context: EngineContext) -> Undo? {
        guard let before = context.lastSave?.before, let s = context.snapshot,
              let m = s.meetings.first(where: { $0.id == record }), let n = m.number else { return nil }
        let meeting = SlotValue.number(Double(n))
        switch before["antes.cambio"] {
        case "conduce", "reactivar":
            return nil
        case "duracion":
            guard let minutes = before["antes.duracion"].flatMap({ Int($0) }) else { return nil }
            return Undo(flow: id, values: ["encuentro": meeting, "cambio": .choice("duracion"), "duracion": .duration(minutes: minutes)])
        case "participantes":
            guard let old = before["antes.participantes"], !old.isEmpty else { return nil }
            return Undo(flow: id, values: ["encuentro": meeting, "cambio": .choice("participantes"), "participantes": .list(old.components(separatedBy: "\n"))])
        case "nombre":
            guard let title = before["antes.titulo"] else { return nil }
            return Undo(flow: id, values: ["encuentro": meeting, "cambio": .choice("nombre"), "titulo": .text(title)])
        case "tabla", "punto":
            guard let old = before["antes.tabla"] else { return nil }
            let items = old.isEmpty ? [Self.noTabla] : old.components(separatedBy: "\n")
            return Undo(flow: id, values: ["encuentro": meeting, "cambio": .choice("tabla"), "tabla": .list(items)])
        case "hora":
            // The day and hour it had: a suspension the move took away is not put back.
            guard before["antes.suspendida"] == nil, let start = before["antes.inicio"], case let parts = start.split(separator: "T"),
                  parts.count == 2, let d = LocalDate(iso: parts[0]), let t = LocalTime(iso: parts[1]) else { return nil }
            var values: SlotValues = ["encuentro": meeting, "cambio": .choice("hora"), "cuando": .dateTime(LocalDateTime(date: d, time: t))]
            if let session = before["antes.sesion"].flatMap({ LocalDate(iso: $0) }) { values["sesion"] = .date(session) }
            return Undo(flow: id, values: values)
        case "meses":
            guard let rrule = before["antes.rrule"] else { return nil }
            let old = RecurrenceRule(rrule)?.byMonth ?? []
            if old.isEmpty { return Undo(flow: id, values: ["encuentro": meeting, "cambio": .choice("meses"), "meses": .text(Self.allYear)]) }
            // Skipping adds to the months already skipped: from a series that meets all year
            // (what undoing «todo el año» leaves), skipping the old ones again restores it.
            guard RecurrenceRule(m.rrule ?? "")?.byMonth.isEmpty ?? false else { return nil }
            let skipped = (1...12).filter { !old.contains($0) }
            return Undo(flow: id, values: ["encuentro": meeting, "cambio": .choice("meses"), "meses": .text(Self.monthList(skipped))])
        default:
            guard let place = before["antes.lugar"] else { return nil }
            var values: SlotValues = ["encuentro": meeting, "cambio": .choice("lugar"), "lugar": .text(place)]
            if let session = before["antes.sesion"].flatMap({ LocalDate(iso: $0) }) { values["sesion"] = .date(session) }
            return Undo(flow: id, values: values)
        }
    }

    /// A series' date is asked only when the meeting repeats (a one-time meeting has one).
    func asks(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Bool {
        // The series' date that moves alone is taken from the request, never asked.
        if slot.name == "sesion" { return false }
        // The scope is taken when said, never asked: one date is what «que Marta conduzca…» means.
        if slot.name == "alcance" { return false }
        // The whole series needs no date.
        if slot.name == "fecha", run.values["alcance"]?.textValue == "todas" { return false }
        guard slot.name == "fecha" else { return true }
        let m = run.values["encuentro"].flatMap(Read.int).flatMap { n in context.snapshot?.meetings.first { $0.number == n } }
        return m?.isSeries ?? true
    }

    func cannotUndo(_ record: String, context: EngineContext) -> String? {
        if context.lastSave?.before?["antes.cambio"] == "reactivar" {
            return "Una fecha reactivada no la vuelvo a suspender sola; si al final no se hace, escribe «suspender la reunión»."
        }
        if context.lastSave?.before?["antes.cambio"] == "participantes" {
            return "No tenía participantes anotados antes; si quieres cambiarlos, escribe «cambiar los participantes del encuentro»."
        }
        if context.lastSave?.before?["antes.cambio"] == "hora" {
            return "Esa fecha estaba suspendida: si la vuelvo atrás, no la suspendo sola. Si al final no se hace, escribe «suspender la reunión»."
        }
        if context.lastSave?.before?["antes.cambio"] == "conduce" {
            return "Quién conduce no lo deshago solo; si es otra persona, dime por ejemplo «que Luis conduzca esa reunión»."
        }
        return "Ese cambio no lo puedo deshacer solo: la serie ya tenía otros meses sin encuentro y no sé cómo estaba antes. Lo que sí deshago justo después es un cambio de lugar o los primeros meses sin encuentro de una serie."
    }

    // MARK: - Reading

    static func line(_ m: Meeting, today: LocalDate) -> String {
        "Encuentro \(m.number ?? 0): «\(m.title)», \(Wording.whenText(m, today: today))" + (m.place.map(Wording.atPlace) ?? "") + "."
    }

    static func listing(_ s: NetworkSnapshot, today: LocalDate) -> String {
        let lines = s.meetings.prefix(8).map { "- " + line($0, today: today) }
        return lines.isEmpty ? "" : " Los agendados son:\n" + lines.joined(separator: "\n")
    }

    /// The meeting `text` names: by number («el encuentro 1») or by its title's words.
    static func referenced(_ text: String, in s: NetworkSnapshot) -> Meeting? {
        let t = Phrase(text).tokens
        let numbers = Set(s.meetings.compactMap(\.number))
        // «la reunión del 2 de marzo», «a las 15»: a day of a month or an hour names no meeting
        // by its number (the 2nd of March was meeting 2, moved instead).
        let said = t.indices.map { i -> String in
            guard Int(t[i]) != nil else { return ["encuentro", "reunion"].contains(t[i]) ? "n" : t[i] }
            let next = i + 1 < t.count ? t[i + 1] : "", after = i + 2 < t.count ? t[i + 2] : ""
            let month = monthNames.contains(next) || next == "setiembre" || (next == "de" && (monthNames.contains(after) || after == "setiembre"))
            return month || (i > 0 && ["las", "hrs", "horas"].contains(t[i - 1])) || ["hrs", "horas", "hr"].contains(next) ? "x" : t[i]
        }
        if let n = SeguimientoFlow.referenceNumbers(said).first(where: numbers.contains) {
            return s.meetings.first { $0.number == n }
        }
        return named(text, in: s)
    }

    /// The meeting a moving verb is said of («la reunión de marzo hay que moverla al martes 9»,
    /// «quiero mover la reunión del 2 de marzo al 9», «hay que posponer la reunión del miércoles»):
    /// the one whose date the words name, else the only one on the calendar. Nil without a
    /// moving verb and a meeting noun, or when the words ask for another meeting: those schedule one.
    static func movedByVerb(_ message: Utterance, in s: NetworkSnapshot, context: EngineContext) -> Meeting? {
        let t = message.phrase.tokens
        // The date before the verb names the session («la del 2 de marzo … al 9»); the one after
        // is where it goes, so only the words up to the verb are read for it.
        // «cambia la reunión del miércoles 16 al jueves 17»: a verb of changing, with the day it
        // goes to after «al», moves it too (issue 12: it was not read, and at a plazo question
        // its day became the plazo).
        let changed = t.first.map { ["cambia", "cambiar", "cambiemos", "cambien", "cambiamos"].contains($0) } == true
            && t.contains(where: { $0 == "al" || $0 == "pal" })
        let verbAt = t.firstIndex(where: movingVerbs.contains) ?? (changed ? 0 : nil)
        let head = verbAt.map { Array(t[..<$0]) } ?? t
        // «la de marzo hay que moverla al jueves 11»: the noun left out, the meeting is the one
        // that date names (without one, «la de …» names nothing to move).
        let elided = head.indices.dropLast().contains { ["la", "el"].contains(head[$0]) && ["de", "del"].contains(head[$0 + 1]) }
        let noun = t.contains(where: MeetingMention.nouns.contains) || t.contains(where: MeetingMention.titleNouns(in: s).contains)
        guard verbAt != nil, noun || elided,
              !t.contains(where: schedulingVerbs.contains), !t.contains(where: { ["otra", "otro", "nueva", "nuevo"].contains($0) }) else { return nil }
        if let hit = dated(head.joined(separator: " "), in: s, context: context) { return hit.0 }
        // «pasemos la reunión del 16 al 18», verb first: the day said between the noun and «al» names it.
        if let v = verbAt, let n = t[v...].firstIndex(where: MeetingMention.nouns.contains), n + 1 < t.count, ["del", "de"].contains(t[n + 1]),
           let to = t[(n + 1)...].firstIndex(where: { $0 == "al" || $0 == "pal" }), to > n + 2,
           let hit = dated(t[(n + 1)..<to].joined(separator: " "), in: s, context: context) {
            return hit.0
        }
        guard noun else { return nil }
        return s.meetings.count == 1 ? s.meetings[0] : onlyUpcoming(in: s, context: context) ?? byNoun(t, in: s, context: context)
    }

    /// A move said of «la reunión» with no meeting named, when several are still to come and the
    /// word said («reunión», «jornada») is in the title of none or more than one of them.
    static func moveOfOneOfSeveral(_ message: Utterance, in s: NetworkSnapshot, context: EngineContext) -> Bool {
        let t = message.phrase.tokens
        guard t.contains(where: movingVerbs.contains), t.contains(where: MeetingMention.nouns.contains),
              !t.contains(where: schedulingVerbs.contains), !t.contains(where: { ["otra", "otro", "nueva", "nuevo"].contains($0) }),
              upcoming(in: s, context: context).count > 1,
              // «hay que posponer la reunión del miércoles 16 pal jueves»: named by its date after the verb.
              dated(message.clean, in: s, context: context) == nil else { return false }
        return byNoun(t, in: s, context: context) == nil
    }

    /// The one meeting still to come whose title has the meeting word said («la jornada se
    /// posterga» with one jornada and one reunión ahead), or nil.
    static func byNoun(_ t: [String], in s: NetworkSnapshot, context: EngineContext) -> Meeting? {
        let said = Set(t.filter(MeetingMention.nouns.contains))
        let hits = upcoming(in: s, context: context).filter { !said.isDisjoint(with: Phrase($0.title).tokens) }
        return hits.count == 1 ? hits[0] : nil
    }

    static func upcoming(in s: NetworkSnapshot, context: EngineContext) -> [Meeting] {
        let today = context.today
        return s.meetings.filter { $0.deleted == nil && !$0.upcomingDates(from: today, to: today.adding(days: 800), limit: 1).isEmpty }
    }

    /// «posterga la reunión una semana» with past meetings and one still to come: that one (a
    /// meeting already held is not moved by a bare «la reunión»). Nil unless exactly one is ahead.
    static func onlyUpcoming(in s: NetworkSnapshot, context: EngineContext) -> Meeting? {
        let today = context.today
        let ahead = s.meetings.filter { $0.deleted == nil && !$0.upcomingDates(from: today, to: today.adding(days: 800), limit: 1).isEmpty }
        return ahead.count == 1 ? ahead[0] : nil
    }

    /// «cambiar la fecha de la reunión del 2 de marzo, que sea el 9 de marzo», «la reunión del 6
    /// de abril, que quede para el martes 13»: a meeting named by a date it is on, before the words
    /// that say how it should be («que sea», «que quede»). It was the meeting just saved (another
    /// one moved), or a new meeting.
    static func namedByItsDate(_ message: Utterance, in s: NetworkSnapshot, context: EngineContext) -> Meeting? {
        let t = message.phrase.tokens
        guard let k = t.indices.dropLast().first(where: { t[$0] == "que" && ["sea", "quede", "pase"].contains(t[$0 + 1]) }),
              let noun = t[..<k].firstIndex(where: MeetingMention.nouns.contains), noun + 1 < k, ["del", "de"].contains(t[noun + 1]),
              !t.contains(where: schedulingVerbs.contains), !asksAnother(t) else { return nil }
        return dated(t[(noun + 1)..<k].joined(separator: " "), in: s, context: context)?.0
    }

    /// Marks the «encuentro» a claim found no meeting for: what follows is the month or day said.
    static let missingMark = "\u{1}"
    /// Marks the «encuentro» a claim could not tell: what follows is the question to ask.
    static let doubtMark = "\u{2}"

    /// «la del jueves 12», «la reunión del martes 23»: a meeting named by a weekday and a day
    /// number that fall apart (the 12th is a Saturday). What to say: which is which, and the
    /// meetings on either day, to be said again with the right one. Nil when they match, or
    /// when the weekday is not one naming a meeting («pásala al martes 23» is the new day).
    static func mismatchedDay(_ message: Utterance, in s: NetworkSnapshot, context: EngineContext, past: Bool = false) -> String? {
        guard let (numbered, near, at) = mismatch(message, context: context, namingOnly: true, past: past) else { return nil }
        let today = context.today
        var alternatives = [min(numbered, near), max(numbered, near)]
        // Of a meeting already held (`past`): a session lately on a day of that weekday and number
        // («el jueves 12» of November, said in December) is a candidate too, never taken silently.
        if past, let wd = weekdayIndex[message.phrase.tokens[at]] {
            var m = LocalDate(year: numbered.year, month: numbered.month, day: 1)
            for _ in 0..<4 {
                m = m.adding(months: -1)
                if LocalDate.isValid(year: m.year, month: m.month, day: numbered.day), case let d = LocalDate(year: m.year, month: m.month, day: numbered.day), d.weekday == wd {
                    alternatives.insert(d, at: 0)
                    break
                }
            }
        }
        let other = near
        let weekday = SpanishFormat.date(other, today: today).split(separator: " ").first.map(String.init) ?? ""
        let ownDay = SpanishFormat.date(numbered, today: today).split(separator: " ").first.map(String.init) ?? ""
        let held = alternatives.filter { d in s.meetings.contains { $0.deleted == nil && ($0.isScheduled(on: d) || $0.occurrenceDate(heldOn: d) != nil) } }
        var text = "El \(numbered.day) de \(SpanishFormat.monthName(numbered.month)) es \(ownDay), no \(weekday)."
        // Of a meeting held (an acta, asked for by its number next), each day says its number.
        func day(_ d: LocalDate) -> String {
            let n = past ? s.meetings.first { $0.deleted == nil && ($0.isScheduled(on: d) || $0.occurrenceDate(heldOn: d) != nil) }?.number : nil
            return "la del \(SpanishFormat.date(d, today: today))" + (n.map { " (encuentro \($0))" } ?? "")
        }
        switch held.count {
        case 0: text += " Y no hay reunión ni el \(SpanishFormat.date(other, today: today)) ni el \(SpanishFormat.date(numbered, today: today))."
        case 1: text += " ¿Es \(day(held[0]))?"
        default: text += " ¿Es " + held.dropLast().map(day).joined(separator: ", ") + " o \(day(held.last!))?"
        }
        return past ? text : text + " Dímelo de nuevo con el día que es, y lo cambio."
    }

    static let weekdayIndex = ["lunes": 1, "martes": 2, "miercoles": 3, "jueves": 4, "viernes": 5, "sabado": 6, "domingo": 7]

    /// A weekday with a day number whose next day of that number (or in the month said) falls on
    /// another weekday: that numbered day, the said weekday's day within three days of it, and
    /// the weekday's index in the words. `namingOnly`: only after «del/de» (the words naming a
    /// meeting); else any weekday + number. Nil when they match.
    static func mismatch(_ message: Utterance, context: EngineContext, namingOnly: Bool, past: Bool = false) -> (LocalDate, LocalDate, Int)? {
        let t = message.phrase.tokens
        guard let i = t.indices.first(where: { weekdayWords.contains(t[$0]) && (!namingOnly || $0 > 0 && ["del", "de"].contains(t[$0 - 1])) }),
              i + 1 < t.count, let n = Int(t[i + 1]), (1...31).contains(n) else { return nil }
        let today = context.today
        // The day said with its month; without one, the next day of that number (a weekday
        // alone would find the next Thursday 12th, months ahead).
        guard let wd = weekdayIndex[t[i]] else { return nil }
        var first = LocalDate(year: today.year, month: today.month, day: 1)
        if i + 3 < t.count, ["de", "del"].contains(t[i + 2]), let month = months(in: [t[i + 3]]).first {
            let year = past ? (month > today.month ? today.year - 1 : today.year) : (month < today.month ? today.year + 1 : today.year)
            first = LocalDate(year: year, month: month, day: 1)
            guard LocalDate.isValid(year: first.year, month: first.month, day: n) else { return nil }
        } else if past {
            // Of something already held (an acta): the latest day of that number up to today.
            for _ in 0..<3 where !(LocalDate.isValid(year: first.year, month: first.month, day: n) && LocalDate(year: first.year, month: first.month, day: n) <= today) {
                first = first.adding(months: -1)
            }
            guard LocalDate.isValid(year: first.year, month: first.month, day: n) else { return nil }
        } else {
            for _ in 0..<3 where !(LocalDate.isValid(year: first.year, month: first.month, day: n) && LocalDate(year: first.year, month: first.month, day: n) >= today) {
                first = first.adding(months: 1)
            }
            guard LocalDate.isValid(year: first.year, month: first.month, day: n) else { return nil }
        }
        let numbered = LocalDate(year: first.year, month: first.month, day: n)
        guard numbered.weekday != wd else { return nil }
        // The said weekday's day within three days either side of the number.
        return (numbered, numbered.adding(days: (wd - numbered.weekday + 10) % 7 - 3), i)
    }

    /// Clitic hortatives said of a meeting («la reunión de enero hagámosla en…», «pasémosla al
    /// 13», «dejémosla pal viernes»): a change of that meeting, never a new one.
    static let hortatives: WordSet = ["hagamosla", "hagamoslo", "pasemosla", "pasemoslo", "dejemosla", "dejemoslo",
                                      "cambiemosla", "cambiemoslo", "movamosla", "movamoslo", "corramosla", "corramoslo",
                                      "pongamosla", "pongamoslo"]

    /// «la reunión de marzo la hacemos en la biblioteca», «el de marzo lo hacemos en la escuela
    /// Tenaún», «la de abril la tenemos en el liceo»: the clitic before the verb says the meeting
    /// named before it, as a hortative does (a new meeting was scheduled, named after the words).
    static let cliticVerbs: WordSet = ["hacemos", "haremos", "tenemos", "tendremos", "realizamos", "dejamos", "ponemos", "trasladamos"]

    /// The index of a clitic hortative («hagámosla») or of a verb after its clitic («la
    /// hacemos») said after a meeting noun («la reunión …», «la de enero …»), with no word of
    /// scheduling another; nil otherwise. Gated on the bytes «mos».
    static func hortative(_ message: Utterance) -> Int? {
        guard TextFold.containsBytes(message.phrase.folded, "mos") else { return nil }
        let t = message.phrase.tokens
        guard let v = t.indices.first(where: { i in
                  hortatives.contains(t[i]) || (i >= 3 && cliticVerbs.contains(t[i]) && ["la", "lo"].contains(t[i - 1])
                      // «la tenemos que mover»: an obligation, read by the moving verb after it.
                      && (i + 1 == t.count || !["que", "q"].contains(t[i + 1])))
              }), v >= 2,
              case let head = hortatives.contains(t[v]) ? v : v - 1,
              t[..<head].contains(where: MeetingMention.nouns.contains)
                || t[..<(head - 1)].indices.contains(where: { ["la", "el"].contains(t[$0]) && ["de", "del"].contains(t[$0 + 1]) }),
              !t.contains(where: schedulingVerbs.contains), !asksAnother(t) else { return nil }
        return v
    }

    /// «la reunión de enero hay que moverla al 13»: a moving verb with its pronoun («moverla»,
    /// «pásala») after a meeting noun, no agreement's words around it.
    static func movesOneSaid(_ message: Utterance) -> Bool {
        let t = message.phrase.tokens
        guard let v = t.firstIndex(where: { movingVerbs.contains($0) && ($0.hasSuffix("la") || $0.hasSuffix("lo")) }), v >= 2,
              t[..<v].contains(where: MeetingMention.nouns.contains), !t.contains(where: EncuentroFlow.notScheduling.contains),
              !t.contains(where: schedulingVerbs.contains), !asksAnother(t) else { return false }
        return true
    }

    /// The words after the verb at token `v`, as written (their case kept for a place).
    static func tail(_ text: String, after v: Int) -> String {
        let words = text.split(separator: " ")
        var seen = 0
        for (i, w) in words.enumerated() {
            seen += Phrase(String(w)).tokens.count
            if seen > v { return words[(i + 1)...].joined(separator: " ") }
        }
        return ""
    }

    /// «la reunión de enero pásala al 13», «la del 3 de enero hagámosla en…» when no meeting is on
    /// that month or day: the month or day said (the only meeting was moved instead, or a new
    /// one scheduled). Nil when the words before the verb name no month, or a meeting is there.
    static func notOnCalendar(_ message: Utterance, in s: NetworkSnapshot, context: EngineContext) -> String? {
        let t = message.phrase.tokens
        guard let v = hortative(message) ?? t.firstIndex(where: movingVerbs.contains) else { return nil }
        // The words that name the meeting: before the verb («la reunión de enero pásala…»), else
        // between the noun after it and where it goes («pasemos la reunión de enero al 13»).
        var named = t[..<v]
        let saysMeeting = { (w: ArraySlice<String>) in
            w.contains(where: MeetingMention.nouns.contains)
                || w.indices.dropLast().contains(where: { ["la", "el"].contains(w[$0]) && ["de", "del"].contains(w[$0 + 1]) })
        }
        if !saysMeeting(named), let n = t[(v + 1)...].firstIndex(where: MeetingMention.nouns.contains),
           let to = t[n...].firstIndex(where: { ["al", "pal", "para"].contains($0) }) {
            named = t[n..<to]
        }
        guard named.contains(where: { monthNames.contains($0) || $0 == "setiembre" }), saysMeeting(named),
              // «en la reunión de enero acordamos pasar la lista…» is an agreement.
              !t.contains(where: EncuentroFlow.notScheduling.contains),
              !t.contains(where: schedulingVerbs.contains), !asksAnother(t) else { return nil }
        let head = named.joined(separator: " ")
        // A day a series doesn't have («la reunión del 16 de marzo cámbiala…») is said by the
        // check of «fecha», with the dates near it.
        guard let when = TemporalParser.parse(head, context: context.temporal),
              when.value.kind == "daterange" || when.value.kind == "date" && !s.meetings.contains(where: { $0.deleted == nil && $0.isSeries }),
              dated(head, in: s, context: context) == nil, referenced(head, in: s).map({ m in
                  // A meeting named by number or title is meant only when held in that month.
                  Phrase(m.title).tokens.contains(where: { monthNames.contains($0) })
              }) != true else { return nil }
        var said = Phrase(when.text).tokens
        if let f = said.first, ["de", "del", "el", "la"].contains(f) { said.removeFirst() }
        return said.isEmpty ? nil : when.text.split(separator: " ").suffix(said.count).joined(separator: " ")
    }

    /// The change a clitic hortative says of the meeting before it: its place («hagámosla en
    /// Llanada Grande») or its day or hour («pasémosla al miércoles 13»). The meeting is the one on
    /// the month or day said, else by number or name, else the only one ahead; without one, or a
    /// change read, the flow asks.
    static func hortativeClaim(_ message: Utterance, verb v: Int, in s: NetworkSnapshot, context: EngineContext) -> Claim {
        let t = message.phrase.tokens
        let head = t[..<v].joined(separator: " ")
        let hit = dated(head, in: s, context: context)
        guard let m = hit?.0 ?? referenced(head, in: s) ?? (s.meetings.count == 1 ? s.meetings[0] : onlyUpcoming(in: s, context: context))
                ?? byNoun(t, in: s, context: context), let n = m.number else { return Claim() }
        var values: SlotValues = ["encuentro": .number(Double(n))]
        let tail = Self.tail(message.clean, after: v)
        if let place = place(in: "es " + tail, context: context, leads: ["es"]) {
            values["cambio"] = .choice("lugar")
            values["lugar"] = .text(place)
            // «la de marzo la hacemos en la biblioteca» of a series: that date only, the others stay.
            if m.isSeries, let d = hit?.1 { values["sesion"] = .date(d) }
            return Claim(values: values, echo: ["lugar: \(place)"])
        }
        // «…moverla pal martes 7» when the 7th of its month is a Wednesday: that 7th, asked
        // against the Tuesday next to it by the engine (`doubtfulDayTaken`).
        guard var when = when(in: tail, base: m.start, context: context, needsLead: false) else { return Claim(values: values) }
        values["cambio"] = .choice("hora")
        if m.isSeries, let d = hit?.1 {
            // «la de enero pasémosla al 13»: that date of the series, to a day of its month.
            values["sesion"] = .date(d)
            if let moved = saysDay(Phrase(tail).tokens) ? inSessionMonth(when, session: d, text: head + " " + tail) : LocalDateTime(date: d, time: when.time) {
                when = moved
            }
        }
        values["cuando"] = .dateTime(when)
        if let place = placeClause(tail, context: context) { values["lugar"] = .text(place) }
        return Claim(values: values)
    }

    /// Verbs that move a meeting to another day or hour, never schedule one.
    static let movingVerbs: WordSet = ["mover", "moverla", "moverlo", "movemos", "mueve", "muevela", "muevelo", "movamos",
                                       "correr", "correrla", "correrlo", "corremos", "corre", "correla", "corramos",
                                       "pasarla", "pasala", "pasarlo", "pasalo",
                                       // «la reunión del jueves hay q cambiarla pal viernes 4» (qa19: a new meeting
                                       // was scheduled, named «jueves hay q cambiarla…»).
                                       "cambiarla", "cambiarlo", "cambiala", "cambialo", "cambiemosla", "cambiemoslo",
                                       // «pasemos la reunión del 16 al jueves 18», «…, la pasamos pal jueves 18» (pass 9, 17-8:
                                       // a new meeting was scheduled instead).
                                       "pasemos", "pasamos", "pasar",
                                       "postergar", "postergarla", "postergamos", "posponer", "posponerla", "pospongamos", "pospone",
                                       "aplazar", "aplazarla", "adelantar", "adelantarla", "adelantamos", "atrasar", "atrasarla", "atrasamos",
                                       "reprogramar", "reprogramarla", "reprogramamos", "reprograma", "reprogramemos",
                                       // «la reunión se atrasa una semana», «se retrasa pal lunes», «la adelantamos un día»
                                       "atrasa", "atrasemos", "retrasa", "retrasar", "retrasamos", "retrasemos", "adelanta", "adelantemos",
                                       "aplaza", "aplazamos", "aplacemos", "posterga", "posterguemos",
                                       // «atrásala media hora, a las 16», «adelántala una hora» (qa21 J: not understood)
                                       "atrasala", "atrasalo", "atrasemosla", "retrasala", "retrasalo", "adelantala", "adelantalo",
                                       "adelantemosla", "postergala", "postergalo", "posponla", "posponlo", "aplazala", "aplazalo"]

    /// Of `movingVerbs`, those that make it later: a bare weekday before the meeting's own is the
    /// next week's («se corre pal lunes» of a Wednesday meeting is the Monday after).
    static let laterVerbs: WordSet = ["correr", "correrla", "correrlo", "corremos", "corre", "correla", "corramos", "postergar", "postergarla",
                                      "postergamos", "posponer", "posponerla", "pospongamos", "pospone", "aplazar", "aplazarla", "atrasar",
                                      "atrasarla", "atrasamos", "atrasa", "atrasemos", "retrasa", "retrasar", "retrasamos", "retrasemos",
                                      "aplaza", "aplazamos", "aplacemos", "posterga", "posterguemos",
                                      "atrasala", "atrasalo", "atrasemosla", "retrasala", "retrasalo", "postergala", "postergalo",
                                      "posponla", "posponlo", "aplazala", "aplazalo"]

    /// The meeting whose title words the text says («la jornada de evaluación»), if one only.
    static func named(_ text: String, in s: NetworkSnapshot) -> Meeting? {
        let phrase = Phrase(text)
        let words = Set(phrase.stems.filter { $0.count >= 4 && !genericStems.contains($0) })
        // «la reunión de UTP», «la del pme»: a short word after «de» that a title has as an
        // acronym (in capitals there) names it, however typed; its stem is too short to count as
        // a word (issue 12: «cambiar el lugar de la reunion de UTP» found no meeting).
        let t = phrase.tokens
        let afterDe = Set(t.indices.dropFirst().filter { ["de", "del"].contains(t[$0 - 1]) && t[$0].count < 4 }.map { t[$0] })
        guard !words.isEmpty || !afterDe.isEmpty else { return nil }
        let scored = s.meetings.map { m in
            (m, Set(Phrase(m.title).stems).intersection(words).count + (afterDe.isEmpty ? 0 : AsistenciaFlow.acronyms(m.title).intersection(afterDe).count))
        }.filter { $0.1 > 0 }
        guard let best = scored.map(\.1).max() else { return nil }
        let top = scored.filter { $0.1 == best }
        return top.count == 1 ? top[0].0 : nil
    }

    static let genericStems: Set<String> = Set(["encuentro", "reunion", "cambiar", "lugar", "editar", "modificar", "agregar"].map(Phrase.stem))

    /// «la reunión es en …», «el consejo será en …»: a meeting noun with its article right before
    /// «es en» opens the message, with no when and no word of a new one: the next meeting held.
    static func nextByItsPlace(_ message: Utterance, in s: NetworkSnapshot, context: EngineContext) -> Meeting? {
        let t = message.phrase.tokens
        guard let v = t.prefix(4).firstIndex(where: { ["es", "sera"].contains($0) }), v >= 2, v + 1 < t.count, t[v + 1] == "en",
              MeetingMention.nouns.contains(t[v - 1]), ["la", "el"].contains(t[v - 2]),
              !t.contains(where: newMeetingWords.contains), TemporalParser.parse(message.clean, context: context.temporal) == nil else { return nil }
        return s.nextMeeting(after: context.temporal.localNow)?.0
    }

    /// The place after «es en», «será en», «el lugar es»…, up to the end of its sentence; nil
    /// when there is none or it is a when («es en marzo»).
    static func place(in text: String, context: EngineContext, leads: Set<String> = placeLeads) -> String? {
        let words = text.split(separator: " ").map(String.init)
        let folded = words.map { Phrase($0).tokens.joined(separator: " ") }
        var start: Int?
        for i in folded.indices.dropFirst() {
            if folded[i] == "en", leads.contains(folded[i - 1]) { start = i + 1; break }
            if ["es", "sera", "queda"].contains(folded[i]), folded[i - 1] == "lugar" { start = i + 1; break }
            if folded[i - 1] == "lugar", words[i - 1].hasSuffix(":") { start = i; break }
            // «cambiar el lugar de la reunión: biblioteca», «…del encuentro 1 a la escuela el peumo».
            if folded[..<i].contains("lugar"), words[i - 1].hasSuffix(":") { start = i; break }
            if folded[..<i].contains("lugar"), Int(folded[i - 1]) != nil, ["a", "al", "en", "por", "para"].contains(folded[i]) { start = i + 1; break }
        }
        // «cambia el lugar de la reunión de planificación a la biblioteca»: after the meeting
        // named («lugar de …»), the last «a» says where to.
        if start == nil, let l = folded.firstIndex(of: "lugar"), l + 1 < folded.count, ["de", "del"].contains(folded[l + 1]),
           let a = folded.indices.last(where: { $0 > l + 2 && ($0 + 1) < folded.count && (folded[$0] == "a" || folded[$0] == "al") }) {
            start = a + 1
        }
        guard let start, start < words.count else { return nil }
        var taken: [String] = []
        for (i, w) in words[start...].enumerated() {
            // «…en la escuela Nehuentue y termina a las 13:00»: the end hour is not the place.
            if folded[start + i] == "y", start + i + 1 < words.count, endingWords.contains(folded[start + i + 1]) || folded[start + i + 1].hasPrefix("dur") { break }
            let end = w.last.map { ".,;?!".contains($0) } ?? false
            taken.append(end ? String(w.dropLast()) : w)
            if end { break }
        }
        let consumed = start + taken.count
        while let first = taken.first, ["la", "el", "los", "las"].contains(Phrase(first).core), taken.count > 1 { taken.removeFirst() }
        // «en mi escuela, la escuela Dichato»: the school said by its name after the comma is
        // the place («mi escuela» says whose, not which).
        if let own = taken.first, ["mi", "nuestra", "nuestro", "su"].contains(Phrase(own).tokens.first ?? ""), let named = apposition(words, after: consumed) {
            taken = named
        }
        let place = taken.joined(separator: " ").trimmingCharacters(in: .whitespaces)
        let phrase = Phrase(place)
        guard !phrase.stems.isEmpty, phrase.tokens.count <= 12 else { return nil }
        if let m = TemporalParser.parse(place, context: context.temporal), Phrase(m.text).tokens.count * 2 >= phrase.tokens.count { return nil }
        // «escuela el peumo», all in lowercase, is written as the school's name.
        guard let head = phrase.tokens.first, institutions.contains(head), !place.contains(where: \.isUppercase) else { return place }
        return place.split(separator: " ").enumerated().map { i, w in
            i > 0 && ["de", "del", "y"].contains(w.lowercased()) ? String(w) : w.prefix(1).uppercased() + w.dropFirst()
        }.joined(separator: " ")
    }

    /// «…, la escuela Dichato»: the words from `from` on, when they are an institution and its
    /// name (an article first, at most), up to the end of the sentence.
    static func apposition(_ words: [String], after from: Int) -> [String]? {
        guard from < words.count else { return nil }
        var rest = Array(words[from...])
        if let first = rest.first, ["la", "el"].contains(Phrase(first).tokens.first ?? "") { rest.removeFirst() }
        guard rest.count >= 2, rest.count <= 6, let head = rest.first, institutions.contains(Phrase(head).tokens.first ?? "") else { return nil }
        var out: [String] = []
        for w in rest {
            let end = w.last.map { ".,;?!".contains($0) } ?? false
            out.append(end ? String(w.dropLast()) : w)
            if end { break }
        }
        return out.count >= 2 ? out : nil
    }

    /// «…misma hora, en el liceo Villa Alegre», «…a las 16 y en la biblioteca»: a place said as
    /// its own clause after a move (after a comma or «y», «en» and then an article or a school
    /// word); nil when there is none or the clause is a when («, en marzo»).
    static func placeClause(_ text: String, context: EngineContext) -> String? {
        // Cheap gate: a move with no «en» says no place.
        guard text.range(of: " en ", options: .caseInsensitive) != nil else { return nil }
        let clauses = text.replacingOccurrences(of: " y en ", with: ", en ").split(separator: ",").dropFirst()
        for clause in clauses {
            let t = Phrase(String(clause)).tokens
            guard t.count >= 3, t[0] == "en", ["el", "la", "los", "las"].contains(t[1]) || institutions.contains(t[1]) else { continue }
            if let place = place(in: "es " + clause.trimmingCharacters(in: .whitespaces), context: context, leads: ["es"]) { return place }
        }
        return nil
    }

    /// A new day or hour for a meeting that starts at `base`: «es a las 16 no a las 15:30» keeps
    /// the day, «pasa al jueves 3» keeps the hour. With `needsLead`, only what follows a verb
    /// that sets it («es», «queda», «pasa a») counts, up to a «no» that names the old one.
    /// With `doubtful` (a request, where the engine asks what it took, `doubtfulDayTaken`), a
    /// weekday and a number that disagree with no such day near the meeting give the number in
    /// the meeting's month, asked against the weekday next to it («¿martes 6 o miércoles 7?»);
    /// without it (an answer taken as it is), nothing.
    static func when(in text: String, base: LocalDateTime, context: EngineContext, needsLead: Bool, doubtful: Bool = true) -> LocalDateTime? {
        // «pásala al martes 23» when the 23rd is a Wednesday: no day is taken (it is asked, `whichDay`).
        guard let segment = whenSegment(in: text, needsLead: needsLead) else { return nil }
        // «se atrasa una semana», «la adelantamos dos días»: moved by that much from its own day.
        if segment.moving, let days = shift(segment.text) {
            let t = Phrase(text).tokens
            let sign = t.contains(where: { $0.hasPrefix("adelant") }) ? -1 : 1
            return LocalDateTime(date: base.date.adding(days: sign * days), time: base.time)
        }
        // «atrásala media hora», «adelántala una hora»: the same day, that much later or earlier.
        if segment.moving, TemporalParser.parse(segment.text, context: context.temporal) == nil, let minutes = minuteShift(segment.text) {
            let sign = Phrase(text).tokens.contains(where: { $0.hasPrefix("adelant") }) ? -1 : 1
            let total = base.time.hour * 60 + base.time.minute + sign * minutes
            guard (0..<(24 * 60)).contains(total) else { return nil }
            return LocalDateTime(date: base.date, time: LocalTime(hour: total / 60, minute: total % 60))
        }
        guard var m = TemporalParser.parse(segment.text, context: context.temporal) else { return nil }
        // «la de abril pásala al miércoles 14»: a weekday and a number that don't agree read from
        // today (the 14th next is a Monday) are the day of that weekday and number in the
        // meeting's own month or the one next to it (the reader no longer skips months to make
        // them agree: issue 12).
        if m.isAmbiguous, let d = nearBase(m, base: base.date, today: context.today) {
            switch m.value {
            case .dateTime(let dt): m.value = .dateTime(LocalDateTime(date: d, time: dt.time))
            case .date: m.value = .date(d)
            default: return nil
            }
            m.alternatives = []
        }
        if m.isAmbiguous, doubtful, let days = inBaseMonth(m, base: base.date, today: context.today),
           case let (day, time)? = dayAndTime(m.value, base: base), let d = days.first(where: { $0.day == day }) {
            return LocalDateTime(date: d, time: time)
        }
        guard !m.isAmbiguous else { return nil }
        // «la tenemos que mover, el 5 de enero no hay clases»: a day said to be out is where the
        // meeting cannot be, never where it goes (qa18 A9 offered to move it TO the 5th). A new
        // day said after it («…, pásala al 12») is read from the rest.
        if let out = dayOut(in: text, said: m.text) {
            return out.rest.flatMap { when(in: $0, base: base, context: context, needsLead: true) }
        }
        let digits = m.text.contains { $0.isNumber }
        switch m.value {
        case .time(let t), .timeRange(let t, _): return LocalDateTime(date: base.date, time: t)
        case .dateTime(let dt), .dateTimeRange(let dt, _):
            guard let day = inOwnMonth(dt.date, said: m.text, text: text, segment: segment.text, base: base.date, doubtful: doubtful, context: context) else { return nil }
            return LocalDateTime(date: day, time: dt.time)
        case .date(let d) where digits:
            guard let day = inOwnMonth(d, said: m.text, text: text, segment: segment.text, base: base.date, doubtful: doubtful, context: context) else { return nil }
            return LocalDateTime(date: day, time: base.time)
        // «del miércoles pal jueves»: a bare weekday is that day of the meeting's own week, not
        // the next one from today (which may come before the meeting).
        case .date(let d) where segment.moving:
            var day = base.date.adding(days: d.weekday - base.date.weekday)
            // «se corre pal lunes» of a Wednesday meeting: postponed, the Monday after.
            if day < base.date, Phrase(text).tokens.contains(where: laterVerbs.contains) { day = day.adding(days: 7) }
            return LocalDateTime(date: day, time: base.time)
        default: return nil
        }
    }

    /// The day a weekday and a number that disagree (`m`'s two alternatives: the number's own
    /// day and the weekday's next to it) name near `base`: that number on that weekday from the
    /// month before `base`'s to six after, not yet gone by; the nearest to `base` (a session
    /// named by its month is then moved into it, `inSessionMonth`).
    static func nearBase(_ m: TemporalMatch, base: LocalDate, today: LocalDate) -> LocalDate? {
        // «el martes 23 de diciembre»: a month said is that month's day, asked about as it is.
        guard let (numbered, other) = disagreeingDays(m) else { return nil }
        let first = LocalDate(year: base.year, month: base.month, day: 1)
        // Only in the meeting's own month or the ones next to it: «pal martes 7» of an April
        // meeting when April 7 is a Wednesday is no Tuesday 7 of September (issue 12: moved
        // months away without a word); which day is asked (`doubtfulDay`).
        let found = [-1, 0, 1].compactMap { off -> LocalDate? in
            let month = first.adding(months: off)
            guard LocalDate.isValid(year: month.year, month: month.month, day: numbered.day) else { return nil }
            let d = LocalDate(year: month.year, month: month.month, day: numbered.day)
            return d.weekday == other.weekday && d >= today ? d : nil
        }
        return found.min { abs($0.days(until: base)) < abs($1.days(until: base)) }
    }

    /// A day said to be out («el 5 de enero no hay clases», «no podemos el 5», «el 5 hay paro»,
    /// «el 5 es feriado»): the clause that says it names a day the meeting cannot be on. Nil when
    /// `said` (a day's words found in `text`) is not said so; else what follows that clause.
    static func dayOut(in text: String, said: String) -> (clause: String, rest: String?)? {
        guard !said.isEmpty else { return nil }
        var start = text.startIndex
        while start < text.endIndex {
            let end = text[start...].firstIndex(where: { ",;.".contains($0) }) ?? text.endIndex
            let clause = text[start..<end]
            if let r = clause.range(of: said) {
                let before = Phrase(String(clause[..<r.lowerBound])).tokens
                let after = Phrase(String(clause[r.upperBound...])).tokens
                var out = false
                if let f = after.first {
                    // «… no hay clases», «… no podemos»: negated right after the day (not «no a las 15:30», «no el 12»).
                    if f == "no", after.count > 1, outVerbs.contains(after[1]) { out = true }
                    // «el 5 hay paro», «el 5 tenemos consejo», «el 5 nadie puede».
                    if ["hay", "habra", "tenemos", "tienen", "nadie", "ninguno"].contains(f) { out = true }
                    // «el 5 es feriado», «el 5 cae feriado».
                    if ["es", "cae", "sera"].contains(f), after.dropFirst().prefix(2).contains(where: offDayWords.contains) { out = true }
                }
                // «no hay clases el 5 de enero», «no podemos el 5»: negated before it, with no «al», «pal» between.
                if let no = before.lastIndex(of: "no"), no + 1 < before.count, outVerbs.contains(before[no + 1]),
                   !before[no...].contains(where: { ["al", "pal", "para", "pa", "hasta"].contains($0) }) {
                    out = true
                }
                guard out else { return nil }
                let rest = end < text.endIndex ? String(text[text.index(after: end)...]) : nil
                return (String(clause), rest.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 })
            }
            start = end < text.endIndex ? text.index(after: end) : end
        }
        return nil
    }

    /// A move of `m` said with no new day («la de enero la tenemos que mover», «hay que mover la
    /// reunión, el 5 de enero no hay clases»): nil when the message says no such thing; else the
    /// date of the series that moves: the day said to be out when the series meets then, the one
    /// named before the verb («la de enero»), its next date with «la próxima»; none (asked, or a
    /// one-time meeting) otherwise.
    static func movedWithoutDay(_ message: Utterance, meeting m: Meeting, in s: NetworkSnapshot, context: EngineContext) -> LocalDate?? {
        let t = message.phrase.tokens
        guard let verb = t.firstIndex(where: movingVerbs.contains), !t.contains(where: schedulingVerbs.contains),
              !t.contains(where: { ["otra", "otro", "nueva", "nuevo"].contains($0) }) else { return nil }
        let out = outDay(in: message.clean, context: context)
        // Without a day said to be out, only a meeting named with the verb («la reunión de enero»).
        guard out != nil || movedByVerb(message, in: s, context: context)?.id == m.id else { return nil }
        guard m.isSeries else { return .some(nil) }
        if let d = out?.date, m.scheduledDates(from: d, to: d).contains(d) { return .some(d) }
        let only = NetworkSnapshot(network: s.network, meetings: [m])
        if verb > 0, let hit = dated(t[..<verb].joined(separator: " "), in: only, context: context) { return .some(hit.1) }
        if t.contains(where: { ["proxima", "prox", "siguiente"].contains($0) }),
           let next = m.scheduledDates(from: context.today, to: context.today.adding(days: 800), limit: .max).first {
            return .some(next)
        }
        return .some(nil)
    }

    /// The first clause of `text` that says a day is out (`dayOut`), and that day.
    static func outDay(in text: String, context: EngineContext) -> (date: LocalDate?, clause: String)? {
        for clause in text.split(whereSeparator: { ",;.".contains($0) }) {
            guard let said = TemporalParser.parse(String(clause), context: context.temporal),
                  let out = dayOut(in: String(clause), said: said.text) else { continue }
            if case .date(let d) = said.value { return (d, out.clause) }
            return (nil, out.clause)
        }
        return nil
    }

    /// Verbs after «no» that say a day is out («no hay», «no podemos», «no se puede»).
    static let outVerbs: WordSet = ["hay", "habra", "habria", "hubo", "podemos", "puedo", "pueden", "puede", "podria", "podriamos", "podre",
                                    "se", "tenemos", "tengo", "tienen", "vamos", "voy", "van", "va", "estamos", "estoy", "estan", "esta",
                                    "alcanzamos", "alcanzo", "alcanza", "hacemos", "funciona", "sirve", "nos", "me", "les", "da", "dan",
                                    "trabajamos", "trabajan", "vienen", "viene", "atienden", "abre", "abren", "corresponde"]
    /// Words that make a day one without school («es feriado», «cae interferiado»).
    static let offDayWords: WordSet = ["feriado", "interferiado", "inhabil", "paro", "vacaciones", "licenciatura", "receso", "libre"]

    /// «una semana», «dos semanas», «un día», «3 días»: how many days, or nil.
    /// Words of a shift in minutes said after a moving verb («media hora mejor»).
    static let minuteShiftWords: Set<String> = ["media", "hora", "horas", "una", "un", "dos", "mejor", "mas", "como", "y", "minutos", "cuarto", "de", "la", "po"]

    /// «media hora», «una hora», «hora y media», «dos horas», «45 minutos»: how many minutes a
    /// meeting moves within its day; nil for anything else.
    static func minuteShift(_ segment: String) -> Int? {
        let t = Phrase(segment).tokens.filter { !["mejor", "mas", "como", "po", "la", "el"].contains($0) && !MeetingMention.nouns.contains($0) }
        switch t.joined(separator: " ") {
        case "media hora": return 30
        case "un cuarto de hora", "cuarto de hora": return 15
        case "una hora", "1 hora", "hora": return 60
        case "hora y media", "una hora y media": return 90
        case "dos horas", "2 horas": return 120
        default:
            if t.count == 2, let n = Int(t[0]), ["minutos", "min"].contains(t[1]), n > 0, n <= 180 { return n }
            return nil
        }
    }

    static func shift(_ segment: String) -> Int? {
        // «posterga la reunión una semana»: the meeting named after the verb is not part of it.
        let t = Phrase(segment).tokens.filter { !["en", "por", "mas", "como", "la", "el", "lo"].contains($0) && !MeetingMention.nouns.contains($0) }
        guard t.count == 2 else { return nil }
        let n = Int(t[0]) ?? ["un": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4][t[0]]
        guard let n, n > 0, n <= 8 else { return nil }
        switch t[1] {
        case "semana", "semanas": return 7 * n
        case "dia", "dias": return n
        default: return nil
        }
    }

    /// «la reunión del 2 de marzo, que sea el martes 9»: a day said without its month is in the
    /// month of the date named before it (it was read from today: the 9th of February), or the
    /// month after when that day has passed there; the weekday said, if any, must agree.
    /// `d` in the month named before it (`inNamedMonth`), or else in the meeting's own month
    /// (`inRecordMonth`). Nil when that day's weekday is not the one said and `doubtful` is off
    /// (which of the two is asked, `doubtfulDay`); with it on, the numbered day (the engine asks).
    static func inOwnMonth(_ d: LocalDate, said: String, text: String, segment: String, base: LocalDate, doubtful: Bool,
                           context: EngineContext) -> LocalDate? {
        let named = inNamedMonth(d, said: said, text: text, segment: segment, context: context)
        guard named == d, let own = inRecordMonth(d, said: said, base: base, today: context.today) else { return named }
        return own.other == nil || doubtful ? own.day : nil
    }

    /// «la de abril pásala al martes 8», «cámbiala al 15» in December: a day said without its
    /// month, read from today, falls months before the meeting; it is the meeting's month's
    /// (qa36: the April meeting moved to December without a word). That day, and, when it is not
    /// on the weekday said, the day of that weekday next to it (which one is asked). Nil when a
    /// month is said, or the day read is not before the meeting's month.
    static func inRecordMonth(_ d: LocalDate, said: String, base: LocalDate, today: LocalDate) -> (day: LocalDate, other: LocalDate?)? {
        let t = Phrase(said).tokens
        guard d < LocalDate(year: base.year, month: base.month, day: 1), !said.contains("/"),
              !t.contains(where: { monthNames.contains($0) || $0 == "setiembre" }),
              LocalDate.isValid(year: base.year, month: base.month, day: d.day) else { return nil }
        let there = LocalDate(year: base.year, month: base.month, day: d.day)
        guard there >= today else { return nil }
        guard t.contains(where: weekdayWords.contains), there.weekday != d.weekday,
              let k = [-1, 1, -2, 2, -3, 3].first(where: { there.adding(days: $0).weekday == d.weekday }) else { return (there, nil) }
        return (there, there.adding(days: k))
    }

    static func inNamedMonth(_ d: LocalDate, said: String, text: String, segment: String, context: EngineContext) -> LocalDate {
        let t = Phrase(said).tokens
        guard !t.contains(where: { monthNames.contains($0) || $0 == "setiembre" }), let r = text.range(of: segment),
              let before = TemporalParser.parse(String(text[..<r.lowerBound]), context: context.temporal),
              case .date(let named) = before.value, named > d else { return d }
        for k in 0...1 {
            let month = (named.month - 1 + k) % 12 + 1, year = named.year + (named.month + k > 12 ? 1 : 0)
            guard d.day <= LocalDate.daysIn(month: month, year: year) else { continue }
            let there = LocalDate(year: year, month: month, day: d.day)
            if there > named, there.weekday == d.weekday || !t.contains(where: weekdayWords.contains) { return there }
        }
        return d
    }

    /// The two days a new day names when its weekday and number disagree, or nil.
    /// With `base` (the meeting's day), the two are near it: the number in the meeting's month
    /// and the weekday next to it («martes 7» of an April meeting: Tuesday 6 or Wednesday 7 April).
    static func doubtfulDay(in text: String, context: EngineContext, needsLead: Bool, base: LocalDate? = nil) -> [LocalDate]? {
        guard let segment = whenSegment(in: text, needsLead: needsLead),
              let m = TemporalParser.parse(segment.text, context: context.temporal) else { return nil }
        // «martes 8» in December of an April meeting: April 8 or the Tuesday next to it (`inRecordMonth`).
        if !m.isAmbiguous, let base, let d = DialogEngine.dayOf(m.value),
           let own = inRecordMonth(d, said: m.text, base: base, today: context.today), let other = own.other {
            return [own.day, other].sorted()
        }
        guard m.isAmbiguous else { return nil }
        if let base, let near = inBaseMonth(m, base: base, today: context.today) { return near }
        return m.alternatives
    }

    /// Of `days` (the two a weekday and a number that disagree name near the meeting), the one
    /// with the number, at the hour said (or the meeting's).
    static func doubtfulTaken(_ text: String, days: [LocalDate], base: LocalDateTime, context: EngineContext, needsLead: Bool) -> LocalDateTime? {
        guard let segment = whenSegment(in: text, needsLead: needsLead),
              let said = TemporalParser.parse(segment.text, context: context.temporal),
              case let (day, time)? = dayAndTime(said.value, base: base), let d = days.first(where: { $0.day == day }) else { return nil }
        return LocalDateTime(date: d, time: time)
    }

    /// The day number and the hour a date said gives (the meeting's own hour when none is said).
    static func dayAndTime(_ t: Temporal, base: LocalDateTime) -> (Int, LocalTime)? {
        switch t {
        case .date(let d): (d.day, base.time)
        case .dateTime(let dt): (dt.date.day, dt.time)
        default: nil
        }
    }

    /// The number's own day and the other day of `m`'s two alternatives (the weekday's, next to
    /// it), when `m` says a weekday and a number that disagree and names no month.
    static func disagreeingDays(_ m: TemporalMatch) -> (numbered: LocalDate, other: LocalDate)? {
        guard m.alternatives.count == 2, months(in: Phrase(m.text).tokens).isEmpty, !m.text.contains("/") else { return nil }
        let numbered: LocalDate
        switch m.value {
        case .date(let d): numbered = d
        case .dateTime(let dt): numbered = dt.date
        default: return nil
        }
        guard let other = m.alternatives.first(where: { $0 != numbered }), other.weekday != numbered.weekday else { return nil }
        return (numbered, other)
    }

    /// `m`'s number in `base`'s month and the day of its weekday closest to it, when both are
    /// still to come; nil when a month is said or they don't make two days.
    static func inBaseMonth(_ m: TemporalMatch, base: LocalDate, today: LocalDate) -> [LocalDate]? {
        guard let (numbered, other) = disagreeingDays(m),
              LocalDate.isValid(year: base.year, month: base.month, day: numbered.day) else { return nil }
        let d = LocalDate(year: base.year, month: base.month, day: numbered.day)
        guard let k = [-1, 1, -2, 2, -3, 3].first(where: { d.adding(days: $0).weekday == other.weekday }) else { return nil }
        let days = [d, d.adding(days: k)].sorted()
        return days[0] >= today ? days : nil
    }

    /// The words that say the new day or hour (see `when`).
    static func whenSegment(in text: String, needsLead: Bool) -> (text: String, moving: Bool)? {
        let words = text.split(separator: " ").map(String.init)
        let folded = words.map { Phrase($0).tokens.joined(separator: " ") }
        var start = 0
        // «…del 6 de abril, que quede para el martes 13»: «que sea», «que quede» lead to it as well.
        let shouldBe = folded.indices.dropLast().first { folded[$0] == "que" && ["sea", "quede", "pase"].contains(folded[$0 + 1]) }
        // «viernes 18 a la misma hora»: «misma hora» keeps the hour; it leads to nothing.
        // «cambiar la reunión de marzo para el jueves 11»: «cambiar» leads to a day only through
        // the meeting it names and then «al», «pal» or «para» («cambiar encuentro 1: que termine
        // a las 12» is its length).
        let changeTo = folded.indices.first { i in
            ["cambiar", "cambiarla", "cambiarlo", "cambiemos"].contains(folded[i]) && i + 2 < folded.count
                && folded[(i + 1)...].firstIndex(where: { ["al", "pal", "para"].contains($0) }).map { to in
                    to > i + 1 && folded[(i + 1)..<to].contains(where: { MeetingMention.nouns.contains($0) || ["del", "de"].contains($0) })
                } ?? false
        }
        if let i = folded.indices.first(where: { whenLeads.contains(folded[$0]) && !($0 > 0 && ["misma", "mismo"].contains(folded[$0 - 1])) }) { start = i + 1 } else if let i = changeTo { start = i + 1 } else if shouldBe == nil, needsLead { return nil }
        // «hay que posponer la reunión del miércoles pal jueves»: after a moving verb a bare
        // weekday is where the meeting goes.
        let moving = start > 0 && movingVerbs.contains(folded[start - 1])
        // «mover la reunión del 4 de mayo al 11 de mayo»: the meeting is named after the verb, so
        // its day is where it comes from; where it goes follows «al», «pal» or «para».
        if start > 0, let to = folded[start...].firstIndex(where: { ["al", "pal", "para"].contains($0) }), to + 1 < folded.count,
           folded[start..<to].contains(where: { MeetingMention.nouns.contains($0) || ["del", "de"].contains($0) }) {
            start = to + 1
        }
        // «cambiar la fecha de la reunión del 2 de marzo, que sea el 9 de marzo»: the meeting named
        // after the lead, where it goes after «que sea», «que quede» (pass 8, 01-22: it stayed on the 2nd).
        if let k = shouldBe, k >= start, folded[start..<k].contains(where: { MeetingMention.nouns.contains($0) || ["del", "de"].contains($0) }) {
            start = k + 2
        } else if start == 0, needsLead {
            return nil
        }
        guard start < words.count else { return nil }
        var segment: [String] = []
        for (i, (w, f)) in zip(words[start...], folded[start...]).enumerated() {
            if f == "no" || f == "y" { break }
            // «del encuentro 1 a las 9»: the meeting's number is not a day.
            if Int(f) != nil, i + start > 0, ["encuentro", "reunion", "numero", "n"].contains(folded[i + start - 1]) { continue }
            let end = w.last.map { ".,;?!".contains($0) } ?? false
            segment.append(end ? String(w.dropLast()) : w)
            // «atrásala media hora mejor, a las 16»: after a moving verb, a clause that says only
            // how much later (no figure) goes on to the hour said after its comma (qa21 J).
            if end, moving, w.last == ",", !segment.joined().contains(where: \.isNumber),
               segment.allSatisfy({ minuteShiftWords.contains(Phrase($0).core) }) { continue }
            // «al jueves 8, a las 10»: the hour said after the day's comma is that day's (qa38 c10:
            // the series' 09:30 was kept).
            if end, w.last == ",", hourAfterComma(Array(folded[(start + i + 1)...])) { continue }
            if end { break }
        }
        return segment.isEmpty ? nil : (segment.joined(separator: " "), moving)
    }

    /// «a las 10», «tipo 10», «desde las 9»: the words after a comma open with an hour.
    static func hourAfterComma(_ next: [String]) -> Bool {
        guard let first = next.first else { return false }
        let second = next.count > 1 ? next[1] : ""
        if ["a", "desde", "tipo", "como"].contains(first) { return ["las", "la"].contains(second) || second.first?.isNumber == true }
        return first == "las" && second.first?.isNumber == true
    }

    /// The date of series `m` that a new day `when` replaces on its own («y la de mayo pásala al
    /// viernes 7 de mayo»): the series' date named before the moving verb («la de mayo»), else
    /// its date in the new day's month, else one within ten days of it. Nil (the whole series
    /// changes) when only the hour changes, when the words say where the series starts
    /// («empieza», «desde»), or when its first date, not named, goes to another of the series'
    /// days or earlier: that moves where the series starts.
    /// «la de abril se pasa al 20»: a bare day said for a date of a series named by its month
    /// is a day of that month (it went to the next 20th, in December). Nil when the words name
    /// another month, or the new day is already in the session's month.
    static func inSessionMonth(_ when: LocalDateTime, session d: LocalDate, text: String) -> LocalDateTime? {
        guard months(in: Phrase(text).tokens) == [d.month], when.date.month != d.month,
              when.date.day <= LocalDate.daysIn(month: d.month, year: d.year) else { return nil }
        return LocalDateTime(date: LocalDate(year: d.year, month: d.month, day: when.date.day), time: when.time)
    }

    static func session(moving m: Meeting, to when: LocalDateTime, text: String, context: EngineContext) -> LocalDate? {
        guard m.isSeries else { return nil }
        // «… xq el 4 empiezan las clases»: the reason says nothing of where the series starts.
        let all = Phrase(text).tokens
        let t = Array(all[..<(all.firstIndex(where: reasonWords.contains) ?? all.endIndex)])
        // (Not the «desde» of an hour: «al jueves 8, desde las 10».)
        guard !t.contains(where: { seriesStartWords.contains($0) && $0 != "desde" }), !(t.contains("desde") && saysOnward(t.filter { $0 != "adelante" })) else { return nil }
        // «la reunión del 16 de marzo cámbiala a las 16»: the day named before the change is the
        // session, held or not (a day the series does not have is said by the check, with the
        // dates near it); it was the nearest date that changed, or the whole series (pass 8).
        if let said = sessionNamed(in: t, context: context) { return said }
        // «cambiar la hora de la reunión de abril a las 16»: the date of the month said with the
        // meeting, whatever changes (only the hour: the whole series changed).
        if let said = sessionOfMonth(in: t, meeting: m, today: context.today) { return said }
        guard when.date != m.start.date else { return nil }
        var named: LocalDate?
        if let lead = t.firstIndex(where: whenLeads.contains), lead > 0,
           let hit = dated(t[..<lead].joined(separator: " "), in: NetworkSnapshot(network: context.snapshot!.network, meetings: [m]), context: context) {
            named = hit.1
        }
        // «hay que mover la reunión de marzo al jueves 11»: the date named after the verb, before
        // where it goes (it was read as the whole series moving to the 11th of February).
        if named == nil, let to = t.firstIndex(where: { ["al", "pal", "para"].contains($0) }), to > 0 {
            let from = t[..<to].firstIndex(where: whenLeads.contains).map { $0 + 1 } ?? 0
            if from < to, t[from..<to].contains(where: { MeetingMention.nouns.contains($0) || ["de", "del"].contains($0) }),
               let hit = dated(t[from..<to].joined(separator: " "), in: NetworkSnapshot(network: context.snapshot!.network, meetings: [m]), context: context) {
                named = hit.1
            }
        }
        let month = LocalDate(year: when.date.year, month: when.date.month, day: 1)
        let inMonth = m.scheduledDates(from: month, to: LocalDate(year: month.year, month: month.month,
                                                                  day: LocalDate.daysIn(month: month.month, year: month.year)))
        let near = m.scheduledDates(from: when.date.adding(days: -10), to: when.date.adding(days: 10))
        let closest = { (dates: [LocalDate]) in dates.min { abs($0.days(until: when.date)) < abs($1.days(until: when.date)) } }
        guard let d = named ?? closest(inMonth) ?? closest(near), d != when.date || m.occurrence(on: d).start != when else { return nil }
        // The first date moves where the series starts only when the new day is one of the
        // series' own days; «la de marzo la cambiamos al miércoles 10» (a Tuesday series) moves
        // that one date: restarting the series there would drop March altogether.
        if d == m.firstDate, named == nil, m.scheduledDates(from: when.date, to: when.date).contains(when.date) { return nil }
        if d == m.firstDate, named == nil, when.date < d { return nil }
        return d
    }

    /// Whether the words say a day: a weekday, «mañana», or a number that is no hour («a las 16»,
    /// «16:30») and no meeting's number.
    static func saysDay(_ t: [String]) -> Bool {
        t.indices.contains { i in
            if weekdayWords.contains(t[i]) || t[i] == "manana" || t[i] == "hoy" { return true }
            guard Int(t[i]) != nil else { return false }
            let before = i > 0 ? t[i - 1] : ""
            let after = i + 1 < t.count ? t[i + 1] : ""
            return !["las", "la", "encuentro", "reunion", "numero", "n"].contains(before) && Int(before) == nil
                && !["hrs", "horas", "hr", "am", "pm"].contains(after)
        }
    }

    /// «la reunión de abril», «la de abril»: the one meeting with a date in the month named so
    /// (it was the meeting just saved, in December), or nil.
    static func namedByMonth(_ t: [String], in s: NetworkSnapshot, today: LocalDate) -> Meeting? {
        guard t.contains(where: { monthNames.contains($0) || $0 == "setiembre" }) else { return nil }
        let hits = s.meetings.filter { $0.deleted == nil && sessionOfMonth(in: t, meeting: $0, today: today) != nil }
        return hits.count == 1 ? hits[0] : nil
    }

    /// The date of series `m` in the one month named as a meeting («la reunión de abril», «la de
    /// abril»): its first there from today on, or nil.
    static func sessionOfMonth(in t: [String], meeting m: Meeting, today: LocalDate) -> LocalDate? {
        let named = t.indices.filter { i in
            i >= 2 && (monthNames.contains(t[i]) || t[i] == "setiembre") && ["de", "del"].contains(t[i - 1])
                && (MeetingMention.nouns.contains(t[i - 2]) || ["la", "el"].contains(t[i - 2]))
        }
        guard named.count == 1, let month = months(in: [t[named[0]]]).first else { return nil }
        return m.scheduledDates(from: today, to: today.adding(days: 400)).first { $0.month == month }
    }

    /// The day with its number said before the words that change a meeting («la del 16 de marzo
    /// cámbiala…», «la reunión del 6 de abril, que sea a las 16»), or nil.
    static func sessionNamed(in t: [String], context: EngineContext) -> LocalDate? {
        guard let noun = t.indices.dropLast().first(where: { i in
                  ["del", "de"].contains(t[i + 1]) && (MeetingMention.nouns.contains(t[i]) || ["la", "el"].contains(t[i]))
              }),
              // The change follows the day: a lead («cámbiala», «pasa») or «que sea», «que quede».
              let lead = t.indices.dropFirst(noun + 2).first(where: { i in
                  whenLeads.contains(t[i]) || (t[i] == "que" && i + 1 < t.count && ["sea", "quede", "pase"].contains(t[i + 1]))
              }),
              t[(noun + 1)..<lead].contains(where: { Int($0) != nil }),
              let said = TemporalParser.parse(t[(noun + 1)..<lead].joined(separator: " "), context: context.temporal),
              case .date(let d) = said.value, !said.isAmbiguous else { return nil }
        return d
    }

    /// The dates of series `m` on either side of `d`, as the check offers them.
    static func datesNear(_ d: LocalDate, in m: Meeting, today: LocalDate) -> [String] {
        let before = m.scheduledDates(from: d.adding(days: -70), to: d.adding(days: -1)).last
        let after = m.scheduledDates(from: d.adding(days: 1), to: d.adding(days: 70)).first
        return [before, after].compactMap { $0 }.filter { $0 >= today }.map { SpanishFormat.date($0, today: today) }
    }

    /// Words that open the reason for a change («porque», «xq»): what follows is not the change.
    static let reasonWords: WordSet = ["porque", "xq", "pq", "porq", "pues"]

    /// Words that say where a series starts: its first date, not one date moved.
    static let seriesStartWords: WordSet = ["empieza", "empiezan", "empezamos", "empezando", "parte", "parten", "partimos", "partiendo",
                                            "comienza", "comienzan", "comenzamos", "desde", "partir"]

    static let whenLeads: WordSet = WordSet(["es", "sera", "seria", "queda", "quedo", "pasa", "pasamos", "cambia", "cambiamos", "cambio", "hora", "horario", "fecha",
                                         // «hay que correrla pal jueves 17», «la movemos al lunes»
                                         "correr", "correrla", "correrlo", "corremos", "corre", "correla", "mover", "moverla", "moverlo",
                                         "movemos", "mueve", "muevela", "pasarla", "pasala", "postergar", "postergarla", "posponer",
                                         "aplazar", "adelantar", "adelantarla", "adelantamos", "reprogramar", "reprogramarla",
                                         // «mejor no la suspendamos, cámbiala al jueves 17»
                                         "cambiala", "cambialo", "muevela", "muevelo", "pasalo",
                                         // «la reunión quincenal parte el 9 de marzo»: a series' first date.
                                         "empieza", "empiezan", "empezamos", "parte", "parten", "partimos", "comienza", "comienzan", "comenzamos"])
        // «pasemos la reunión del 16 al jueves 17», «se atrasa una semana»: every moving verb leads to it
        // (without, the move was read as a new meeting on that day).
        .union(movingVerbs)
    /// Words of a request for another meeting, or of a date that belongs to another record.
    /// Verbs that ask for a meeting to be scheduled, never a change to one.
    static let schedulingVerbs: WordSet = ["agendar", "agenda", "agendemos", "agende", "programar", "programemos", "programa",
                                               "fijar", "fijemos", "citar", "citemos"]

    /// «agrega otra reunión el jueves 14…, la conduce la Fernanda»: «otra reunión» without an
    /// article before it is one more meeting, never a change to one on the calendar («la otra
    /// reunión» is one of them).
    static func asksAnother(_ t: [String]) -> Bool {
        guard t.contains(where: { ["otra", "otro", "nueva", "nuevo"].contains($0) }) else { return false }
        return t.indices.dropLast().contains { i in
            ["otra", "otro", "nueva", "nuevo"].contains(t[i]) && (MeetingMention.nouns.contains(t[i + 1]) || MeetingRequest.gatherings[t[i + 1]] != nil)
                && (i == 0 || !["la", "el", "de", "del", "a", "al", "esa", "ese"].contains(t[i - 1]))
        }
    }

    static let newMeetingWords: WordSet = ["agendar", "agenda", "agendemos", "otra", "otro", "nueva", "nuevo", "programar",
                                               "acuerdo", "plazo", "sondeo", "encuesta"]

    // «cambia el lugar de la reunión, que sea en la escuela El Trapiche»: «sea en» says the place
    // (pass 8: «sea en la escuela El Trapiche» became the meeting's new name).
    static let placeLeads: Set<String> = ["es", "sera", "seria", "sea", "queda", "hacemos", "hace", "juntamos", "nos", "reunimos", "va", "ser"]
    static let weekdayWords: Set<String> = ["lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo"]
    /// «norma: las reuniones parten puntual y duran máximo 2 horas», «acuerdo: …»: a message that
    /// opens by naming another kind of record before a colon is that record, whatever it says of
    /// meetings.
    static func labelledAsOther(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        // «norma:», «y también una norma:»: the record's noun closes the words before the colon.
        let head = Phrase(String(text[..<colon])).tokens
        guard (1...5).contains(head.count), let last = head.last else { return false }
        return otherLabels.contains(last)
    }

    static let otherLabels: Set<String> = ["norma", "normas", "decision", "decisiones", "acuerdo", "acuerdos", "reflexion", "objetivo",
                                           "objetivos", "meta", "metas", "resultado", "organizacion", "proposito", "compromiso"]

    static let institutions: WordSet = ["escuela", "liceo", "colegio", "jardin", "internado", "daem", "slep", "municipalidad", "universidad",
                                        "deprov", "fundacion"]

    static let monthNames = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"]

    /// Month numbers named in `tokens` («enero y febrero», «setiembre»), in calendar order.
    static func months(in tokens: [String]) -> [Int] {
        Set(tokens.compactMap { t in
            t == "setiembre" ? 9 : monthNames.firstIndex(of: t).map { $0 + 1 }
        }).sorted()
    }

    /// The months a message says the series skips («en enero y febrero no nos juntamos», «menos
    /// en vacaciones»); empty when it says none. «vacaciones» or «verano» alone is the summer:
    /// `summer`, the whole months of the region's summer break (the school year ends in
    /// December and starts in March).
    static func pausedMonths(in t: [String], summer: [Int]) -> [Int] {
        // A month said as part of a date or of the day it starts («desde el 9 de diciembre»,
        // «a partir de marzo») is no month it skips.
        let months = months(in: t.indices.filter { i in
            !(i >= 2 && t[i - 1] == "de" && t[i - 2].first?.isNumber == true)
                && !(i >= 1 && startCues.contains(t[i - 1]))
                // «la reunión de enero la tenemos que mover, …no hay clases»: the date of that month, named.
                && !(i >= 2 && ["de", "del"].contains(t[i - 1]) && (MeetingMention.nouns.contains(t[i - 2]) || ["la", "el"].contains(t[i - 2])))
                && !(i >= 2 && ["en", "de", "el"].contains(t[i - 1]) && startCues.contains(t[i - 2]))
        }.map { t[$0] })
        let pause = t.contains { ["no", "sin", "salvo", "excepto", "menos"].contains($0) }
        if !months.isEmpty, pause || t.contains("vacaciones") { return months }
        if pause, t.contains("vacaciones") || t.contains("verano") { return summer }
        return []
    }

    static let startCues: Set<String> = ["desde", "partir", "parte", "partimos", "parten", "empieza", "empezamos", "empiezan", "empezando",
                                         "comienza", "comenzamos", "comienzan", "inicia", "iniciamos", "hasta"]

    static func monthList(_ months: [Int]) -> String {
        SlotValue.joinSpanish(months.map { monthNames[$0 - 1] })
    }
}

extension EditarEncuentroFlow {
    /// «Reactivarlo» is offered only for a meeting with a suspended date (it was offered for one
    /// never suspended); with the meeting not yet known, every change is offered.
    func hiddenChoices(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Set<String> {
        guard slot.name == "cambio", let s = context.snapshot, let n = run.values["encuentro"].flatMap(Read.int),
              let m = s.meetings.first(where: { $0.number == n }) else { return [] }
        var hidden: Set<String> = []
        if Self.notSuspended(m, today: context.today) != nil { hidden.insert("reactivar") }
        // «Meses sin encuentro» is for a series: a one-time meeting has no months to skip.
        if !m.isSeries { hidden.insert("meses") }
        return hidden
    }
}
