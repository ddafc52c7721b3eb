import CivilTime
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/asistencia.yaml`: a meeting's acta (who came, which agreements were taken). A series
/// has one acta per session: the date said, or the session held most recently.
struct AsistenciaFlow: MingaFlow {
    let id = "asistencia"
    let saveKind: String? = "attendance"
    let slotNames = ["encuentro", "fecha", "asistentes", "ausentes", "ausencia", "acuerdos", "por_registrar", "notas"]

    func blocker(_ context: EngineContext) -> String? {
        guard let s = context.snapshot, s.meetings.isEmpty else { return nil }
        return "Todavía no hay encuentros agendados. Escribe «agendar un encuentro» para crear uno."
    }

    /// `claim` needs one of these (`ClaimCues`): An acta names itself.
    func claimCues(_ flow: FlowDefinition) -> ClaimCues { ClaimCues(words: Array(Self.actaWords) + Array(Self.todayVerbs)) }

    /// «hoy vinieron carmen y pedro», «ayer vinimos todos menos luis»: who came to the meeting
    /// held that day, told without naming the acta (it was not understood, qa15). Only when one
    /// meeting was held that day.
    func cameToday(_ message: Utterance, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        // «ayer en la jornada llegaron…», «a la jornada de ayer vinieron…», «en la jornada de ayer
        // estuvimos todos»: any meeting noun, and the verbs of arriving or being there (qa20 C2).
        let leads = Set<String>(["hoy", "ayer", "oye", "y", "ya", "bueno", "en", "la", "el", "a", "al", "de", "del"]).union(Self.meetingNouns)
        guard let v = t.firstIndex(where: Self.todayVerbs.contains), v <= 8,
              !QuestionForm.asks(message), let s = context.snapshot else { return nil }
        // «hoy fue el consejo, vinimos la fabiola, yo y…»: a clause of its own before a comma says
        // the day (and the meeting); who came is read from the verb on (qa18: it got the menu).
        var who: String?
        if !t[..<v].allSatisfy(leads.contains) {
            let words = message.clean.split(separator: " ")
            guard t[..<v].contains(where: { $0 == "hoy" || $0 == "ayer" }),
                  let at = words.firstIndex(where: { Self.todayVerbs.contains(TextFold.fold(String($0))) }),
                  at > 0, words[at - 1].hasSuffix(",") else { return nil }
            who = words[at...].joined(separator: " ")
        } else if t[..<v].contains(where: Self.meetingNouns.contains) {
            // «a la jornada de ayer vinieron…»: the meeting's words are not who came.
            guard v <= 6 else { return nil }
            let words = message.clean.split(separator: " ")
            if let at = words.firstIndex(where: { Self.todayVerbs.contains(TextFold.fold(String($0))) }) { who = words[at...].joined(separator: " ") }
        } else if v > 4 { return nil }
        // «…y la Camila, además de mí»: the speaker came too (it was a person «Ademas De Mi»).
        if let said = who ?? Optional(message.clean), let me = Self.withSpeaker(said) { who = me }
        let day: LocalDate
        // «vinimos todos menos la profe ana…» with no day, right after a meeting that started
        // today (qa29 c6: «No te entendí»): that meeting, when it has no acta yet.
        var started = false
        if t[..<v].contains("hoy") { day = context.today } else if t[..<v].contains("ayer") { day = context.today.adding(days: -1) }
        else if v <= 1, ["vinimos", "vinieron", "asistimos", "asistieron"].contains(t[v]) { day = context.today; started = true } else { return nil }
        var held: [(Meeting, LocalDate)] = []
        for m in s.meetings {
            for k in Set(m.scheduledDates(from: day.adding(days: -70), to: day)).union(m.occurrences.keys) where m.heldDate(of: k) == day {
                if started, m.occurrences[k]?.hasActa == true || (m.occurrences[k]?.start ?? LocalDateTime(date: k, time: m.start.time)) > context.temporal.localNow { continue }
                held.append((m, k))
            }
        }
        guard held.count == 1, let n = held[0].0.number else { return nil }
        var values: SlotValues = ["encuentro": .number(Double(n))]
        if held[0].0.isSeries { values["fecha"] = .date(held[0].1) }
        return Claim(values: values, reads: who)
    }

    /// «tomar asistencia de la reunión de hoy», «quiero hacer el acta de la reunión de
    /// planificación»: the acta of a meeting already on the calendar, not a new meeting (the
    /// noun «reunión» would otherwise send it to scheduling one).
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        if context.lastSave?.flow == flow.id, let missing = missingAfterSave(message, flow: flow, context: context) { return missing }
        if let came = cameToday(message, context: context) { return came }
        let t = message.phrase.tokens
        // «anota que Luis manda la lista de asistencia de la reunión del viernes» is an agreement
        // about the acta, not the acta itself.
        guard t.contains(where: Self.actaWords.contains), !t.contains(where: Self.agreementWords.contains),
              !zip(t, t.dropFirst()).contains(where: { ["anota", "anotar", "anote", "anotemos"].contains($0) && $1 == "que" }),
              !QuestionForm.asks(message), let s = context.snapshot else { return nil }
        // «paso la asistencia de la reunión del jueves 12» when the 12th just gone was a Saturday:
        // an acta is of a day already past, so the days asked between are the latest 12th and
        // the Thursday next to it, none picked silently (a Thursday 12th next August was taken
        // for a new meeting to schedule).
        if let said = EditarEncuentroFlow.mismatchedDay(message, in: s, context: context, past: true) {
            return Claim(values: ["encuentro": .text(EditarEncuentroFlow.doubtMark + said)])
        }
        guard let (m, date) = MeetingMention.find(message.clean, in: s, context: context), let n = m.number else { return nil }
        var values: SlotValues = ["encuentro": .number(Double(n))]
        if m.isSeries, let date { values["fecha"] = .date(date) }
        return Claim(values: values)
    }

    /// «falto yo en los asistentes», «faltó la Marisol en la lista de asistentes» right after an
    /// acta was saved: that acta again, at its review, with the person added to who came (and out
    /// of who missed it); what else it had stays. Nil for anything else.
    func missingAfterSave(_ message: Utterance, flow: FlowDefinition, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        guard let k = t.firstIndex(where: DialogEngine.missingWords.contains), k <= 3,
              let slot = flow.slot(named: "asistentes"), let record = context.lastSave?.record, let s = context.snapshot,
              let m = s.meetings.first(where: { $0.id == record }), let n = m.number else { return nil }
        let words = message.clean.split(separator: " ").map(String.init)
        let folded = words.map { Phrase($0).tokens.joined(separator: " ") }
        guard let v = folded.firstIndex(where: DialogEngine.missingWords.contains),
              let f = folded.indices.first(where: { $0 > v + 1 && ["en", "a"].contains(folded[$0]) && folded[($0 + 1)...].contains { $0.hasPrefix("asistente") } }),
              let added = DialogEngine.people(in: words[(v + 1)..<f].joined(separator: " "), slot: slot, context: context), !added.isEmpty else { return nil }
        // The acta just saved: the latest session held with one, up to today.
        guard let (date, o) = m.occurrences.filter({ $0.value.status == .realizada && $0.key <= context.today }).max(by: { $0.key < $1.key }) else { return nil }
        var values: SlotValues = ["encuentro": .number(Double(n)), "asistentes": .list(o.attendees + added.filter { !o.attendees.contains($0) })]
        if m.isSeries || m.occurrences.count > 1 { values["fecha"] = .date(date) }
        let absent = o.absentees.filter { !added.contains($0) }
        values["ausentes"] = absent.isEmpty ? nil : .list(absent)
        values["acuerdos"] = .text(o.agreements.isEmpty ? "ninguno" : o.agreements.map { String($0.dropFirst(2)) }.joined(separator: " y "))
        // Its notes were asked when it was saved: none is an empty note, not asked again.
        values["notas"] = .text(o.notes ?? "")
        return Claim(values: values, echo: ["asistentes: " + SlotValue.joinSpanish(values["asistentes"]?.listValue ?? [])])
    }

    /// Who missed the meeting and why, as the acta keeps it: «Luz Araya (estaba con licencia)».
    static func absence(_ missed: [String], _ why: String) -> String {
        SlotValue.joinSpanish(missed) + " (" + why + ")"
    }

    static let actaWords: WordSet = ["acta", "asistencia", "asistentes", "lista"]

    /// «…, además de mí», «…, incluyéndome», «… conmigo»: a list of who came that counts the
    /// speaker at its end, said as «… y yo»; nil when it ends otherwise.
    static func withSpeaker(_ text: String) -> String? {
        var words = text.split(separator: " ").map(String.init)
        let f = words.map { TextFold.fold($0).filter(\.isLetter) }
        let cut: Int
        if f.suffix(3) == ["ademas", "de", "mi"] || f.suffix(3) == ["aparte", "de", "mi"] { cut = 3 }
        else if f.last == "incluyendome" || f.last == "conmigo" { cut = 1 }
        else { return nil }
        guard words.count > cut + 1 else { return nil }
        words.removeLast(cut)
        if let last = words.last, last.hasSuffix(",") { words[words.count - 1] = String(last.dropLast()) }
        if let y = f.dropLast(cut).last, y == "y" || y == "e" { words.removeLast() }
        return words.joined(separator: " ") + " y yo"
    }
    /// Verbs that tell who came (`cameToday`); the claim cues hold them.
    static let todayVerbs: Set<String> = ["vinieron", "vinimos", "asistieron", "asistimos", "llegaron", "llegamos", "estuvimos", "estuvieron",
                                         "participaron", "participamos"]
    /// Nouns a meeting goes by, besides «reunión», before who came.
    static let meetingNouns: Set<String> = ["jornada", "encuentro", "sesion", "consejo", "taller", "reunion"]
    static let agreementWords: WordSet = ["acuerdo", "acuerdos", "compromiso", "acordamos", "quedamos", "acordo", "comprometimos"]

    func startRemarks(_ run: FlowRun, context: EngineContext) -> [String] {
        guard let s = context.snapshot, s.meetings.count > 1, run.values["encuentro"] == nil else { return [] }
        // The ones already held first (most recent first), then the coming ones.
        let now = context.temporal.localNow
        let held = s.meetings.filter { $0.start <= now }.sorted { $0.start > $1.start }
        let coming = s.meetings.filter { $0.start > now }.sorted { $0.start < $1.start }
        return ["Los encuentros registrados:\n" + (held + coming).prefix(5).map {
            "- Encuentro \($0.number.map(String.init) ?? $0.id): \($0.title), \(Wording.whenText($0, today: context.today))"
        }.joined(separator: "\n")]
    }

    func defaults(_ run: FlowRun, context: EngineContext) -> SlotValues {
        guard let s = context.snapshot, s.meetings.count == 1, let n = s.meetings[0].number else { return [:] }
        return ["encuentro": .number(Double(n))]
    }

    /// «todos» among those who came: the meeting's participants, when it has them; and a
    /// meeting named by its name, its day or its position («el consejo de diciembre», «la de ayer»,
    /// «la última»).
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        // «2», «el 2», «encuentro 2»: its number, read as such.
        let numbered = !Read.numbers(in: message.clean).isEmpty && message.phrase.tokens.count <= 3
        if slot.name == "encuentro", !numbered, let s = context.snapshot {
            let named = Self.meetings(named: message.clean, in: s, context: context)
            if named.count == 1, let n = named[0].number { return .fill(["encuentro": .number(Double(n))], remark: nil) }
            if named.count > 1 {
                return .reask("Hay varios que calzan:\n" + named.prefix(5).map {
                    "- Encuentro \($0.number.map(String.init) ?? $0.id): \($0.title), \(Wording.whenText($0, today: context.today))"
                }.joined(separator: "\n") + "\nDime su número.")
            }
            return nil
        }
        if slot.name == "fecha", let reading = Self.pastSession(message.clean, run: run, context: context) { return reading }
        // «espera, corrijo los asistentes: Rosa…, Mario… y Carmen…», «los que vinieron eran …» at
        // «¿Qué acuerdos se tomaron?»: a fix to who came (or missed it), never an agreement (qa21 D:
        // it was stored as one). Read as that question's answer, and this one asked again.
        if slot.name == "acuerdos" || slot.name == "por_registrar", let reading = Self.attendanceFix(message, run: run, context: context) { return reading }
        // «saca ese, no es acuerdo» to «¿Qué acuerdos nuevos se tomaron?» (its number chosen at the
        // review): what the review reads so (qa21 D: it was stored as the agreement's text).
        if slot.name == "por_registrar", message.phrase.tokens.contains(where: { $0.hasPrefix("acuerdo") }) {
            // The queue as it was before its number was picked (the question holds it aside).
            var was = run
            if was.values["por_registrar"] == nil, let old = run.replacing?["por_registrar"] { was.values["por_registrar"] = old }
            if let reading = Self.agreementsCorrected(message, run: was, context: context) { return reading }
        }
        if slot.name != "asistentes", let reading = Self.cameLate(message, run: run, context: context) { return reading }
        if slot.name == "acuerdos", let reading = Self.agreedInWords(message.clean, run: run, context: context) { return reading }
        if slot.name == "acuerdos", let reading = Self.noneThenNotes(message.clean, run: run) { return reading }
        // «revisamos el plan anual, faltan los temas de marzo y abril», «Se validó la pauta; Jorge
        // justificó su ausencia»: what happened at the meeting, told in the past, is a note of the
        // acta; the question about its agreements stands (qa14: each clause became an agreement).
        if slot.name == "acuerdos", !Read.isNone(message.clean), !Self.saysNone(message.clean), Self.tellsWhatHappened(message.clean),
           !message.phrase.tokens.contains(where: { Self.agreementWords.contains($0) || Self.agreedWords.contains($0) }) {
            return .fill(["notas": .text(Self.noteAdded(message.clean, to: run.values["notas"]?.textValue))],
                         remark: "Eso lo dejo en las notas del acta.")
        }
        // «anota q hector trae las semillas antes del 10 de dic», «el acuerdo 2 quedó cumplido…»
        // at «¿Alguna nota para el acta?»: an agreement or an agreement's news, not a note.
        if slot.name == "notas", let reading = Self.agreementAtNotes(message, run: run, context: context) { return reading }
        if slot.name == "acuerdos", let reading = Self.agreementsWithoutTheirWord(message, run: run, context: context) { return reading }
        // «anota los acuerdos: Julio envía el protocolo…; Ana y Nicolás organizan…» to «¿Quiénes
        // asistieron?»: the agreements wait for the acta to be saved, as they do when said to
        // «¿Qué acuerdos se tomaron?» (pass 8: one name in them became the attendance and the
        // three agreements were lost). Who came is read from the words before them, if any.
        if slot.name == "asistentes", let (head, values, remark, then) = Self.agreedBesideAttendance(message.clean, run: run, context: context) {
            var values = values
            var said = [remark]
            if let head, let reading = interpret(Utterance(head), slot: slot, run: run, context: context),
               case .fill(let came, let cameRemark, _) = reading {
                values.merge(came) { $1 }
                if let cameRemark { said.insert(cameRemark, at: 0) }
            }
            return .fillThen(values, remark: said.joined(separator: "\n"), then: then)
        }
        // «todas menos la ana que estaba con licencia»: everyone expected but those named, who missed it.
        // («vinieron todos menos la Daniela» for a meeting set from a poll she did not answer: she
        // is no participant of it, but a member who missed it; qa21 H: she was not stored as absent.)
        if slot.name == "asistentes", let (came, missed, why) = SharedReadings.allBut(message.clean, from: Self.expected(run, context: context),
                                                                                      slot: slot, context: context)
            ?? SharedReadings.allBut(message.clean, from: Self.expectedOrMembers(run, context: context), slot: slot, context: context) {
            let label = missed.count == 1 ? "Faltó" : "Faltaron"
            // «…, y llegó la Daniela igual aunque no estaba invitada»: someone not expected came too
            // (she was dropped: pass 8, 10-8).
            var came = came
            if let comma = message.clean.firstIndex(of: ","), case let rest = String(message.clean[message.clean.index(after: comma)...]),
               Phrase(rest).tokens.contains(where: Self.arrivalWords.contains),
               let extra = DialogEngine.people(in: Self.arrivalClause(rest), slot: slot, context: context) {
                came += extra.filter { !came.contains($0) && !missed.contains($0) }
            }
            var values: SlotValues = ["asistentes": .list(came), "ausentes": .list(missed)]
            // «…que estaba con licencia»: the reason is kept with the acta (qa20 A6: said back, not stored).
            if let why { values["ausencia"] = .text(Self.absence(missed, why)) }
            return .fill(values, remark: "Asistentes: \(SlotValue.joinSpanish(came)). \(label): \(SlotValue.joinSpanish(missed))\(why.map { " (\($0))" } ?? "").")
        }
        if slot.name == "asistentes", let reading = Self.restCame(message, run: run, slot: slot, context: context) { return reading }
        if slot.name == "asistentes", let whole = Self.wholeGroup(message.clean, expected: Self.expected(run, context: context), slot: slot, context: context) {
            return whole
        }
        if slot.name == "asistentes", let reading = Self.cameAndMissed(message.clean, slot: slot, context: context) { return reading }
        guard slot.name == "asistentes", SharedReadings.everyone.contains(message.phrase.core),
              let n = run.values["encuentro"].flatMap(Read.int), let m = context.snapshot?.meeting(number: n), !m.participants.isEmpty else { return nil }
        var names = m.participants
        if let me = context.userName, !names.contains(me) { names.append(me) }
        return .fill([slot.name: .list(names)], remark: "\(slot.label.prefix(1).uppercased() + slot.label.dropFirst()): \(SlotValue.joinSpanish(names)).")
    }

    /// «ninguno, solo conversamos el plan anual», «no, nada. fue pura conversación»: none, and
    /// what follows is about the meeting (its notes), not an agreement to register. Nil unless
    /// the answer opens with a «none» clause and goes on.
    static func noneThenNotes(_ text: String, run: FlowRun) -> Reading? {
        var clauses = text.split(whereSeparator: { ",;.".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var dropped = 0
        while let first = clauses.first, Read.isNone(first) || saysNone(first) { clauses.removeFirst(); dropped += 1 }
        guard dropped > 0, !clauses.isEmpty else { return nil }
        let rest = clauses.joined(separator: ", ")
        var values: SlotValues = ["acuerdos": .text("ninguno")]
        if run.values["notas"] == nil, Phrase(rest).stems.count >= 2 { values["notas"] = .text(rest) }
        return .fill(values, remark: nil)
    }

    /// «acta: revisamos…, acordamos hacer una feria de lectura en marzo. Daniela y Patricia
    /// organizan la feria, plazo 15 de marzo» to «¿Qué acuerdos se tomaron?»: agreements told in
    /// words, not by number (the numbers of their dates name no agreement). The words before are
    /// the acta's notes; each agreement is registered, linked to this meeting, once the acta is saved.
    static func agreedInWords(_ text: String, run: FlowRun, context: EngineContext) -> Reading? {
        let words = text.split(separator: " ").map(String.init)
        let folded = words.map { Phrase($0).tokens.joined(separator: " ") }
        guard let i = folded.firstIndex(where: agreedWords.contains) else { return nil }
        var from = i + 1
        // «no hay acuerdos anotados aún, pero acordamos que yo envío…»: the noun in a lead-in
        // clause, then the verb after a break (a comma, «;», «pero»); the agreements follow the
        // verb, never the lead-in's words (qa19 p8: «anotados aun, pero acordamos que…» stored).
        if ["acuerdo", "acuerdos"].contains(folded[i]),
           let j = folded[(i + 1)...].firstIndex(where: { agreedWords.contains($0) && $0 != "acuerdo" && $0 != "acuerdos" }),
           words[i..<j].contains(where: { $0.hasSuffix(",") || $0.hasSuffix(";") || $0.hasSuffix(".") }) || folded[i..<j].contains("pero") {
            from = j + 1
        }
        let verb = from - 1
        while from < words.count, ["que", "q", "en", "lo", "siguiente", "a", "es", "fue", ""].contains(folded[from])
                // «quedamos de adaptarlas»: «quedar de» is agreeing to, its «de» no part of what.
                || (folded[from] == "de" && from == verb + 1 && ["quedamos", "quedaron"].contains(folded[verb])) { from += 1 }
        guard from < words.count else { return nil }
        var clause = words[from...].joined(separator: " ")
        while let last = clause.last, ".,;:!".contains(last) { clause.removeLast() }
        // «acuerdos: 1 y 3» says numbers: the usual reading.
        guard Phrase(clause).stems.filter({ $0.first?.isLetter ?? false }).count >= 2 else { return nil }
        // «revisamos las planificaciones de hernan y quedamos de adaptarlas a multigrado»: the verb
        // goes on a sentence begun before its «y», and what follows names no one of its own nor a
        // day: it is part of that sentence, a note of the acta kept whole (qa20 A4: the notes were
        // cut at «…de hernan y» and «de adaptarlas a multigrado» queued with no one to do it).
        if verb >= 2, ["y", "e"].contains(folded[verb - 1]), !namesSomeone(Phrase(clause).tokens, context: context),
           TemporalParser.parse(clause, context: context.temporal) == nil {
            return .fill(["notas": .text(noteAdded(text, to: run.values["notas"]?.textValue))], remark: "Eso lo dejo en las notas del acta.")
        }
        let items = AcuerdoFlow.items(clause, user: context.userName, people: context.members)
        var values: SlotValues = ["acuerdos": .text(toRegister), "por_registrar": .text(items.joined(separator: "; "))]
        var notes = words[..<i].joined(separator: " ")
        if let colon = notes.firstIndex(of: ":"), Phrase(String(notes[..<colon])).tokens.count <= 2 { notes = String(notes[notes.index(after: colon)...]) }
        notes = notes.trimmingCharacters(in: .whitespaces)
        while let last = notes.last, ".,;:".contains(last) { notes.removeLast() }
        // «revisamos el plan y acordamos que Hernan…»: the joining word before the verb ends no note.
        while let cut = notes.lastIndex(of: " "), ["y", "e", "pero"].contains(TextFold.fold(String(notes[notes.index(after: cut)...]))) {
            notes = String(notes[..<cut])
            while let last = notes.last, ".,;: ".contains(last) { notes.removeLast() }
        }
        if run.values["notas"] == nil, Phrase(notes).stems.count >= 2, !Self.saysNone(notes) { values["notas"] = .text(notes) }
        let n = run.values["encuentro"].flatMap(Read.int)
        let linked = n.flatMap { n in context.snapshot?.meeting(number: n).map { "\(n) («\($0.title)»)" } }
        let then = items.map { FollowingRequest(flow: "acuerdo", request: $0, values: linked.map { ["encuentro": .text($0)] } ?? [:], reads: true) }
        let what = items.count == 1 ? "el acuerdo nuevo" : "los \(items.count) acuerdos nuevos"
        return .fillThen(values, remark: "Anoto \(what) para registrarlo\(items.count == 1 ? "" : "s") apenas guardemos el acta, ligado\(items.count == 1 ? "" : "s") a este encuentro.", then: then)
    }

    /// «el pedro manda la pauta el viernes, la marisol arma el banco de textos pal 31 de marzo»
    /// (or «acuerdos: …», whose label the field's name took) to «¿Qué acuerdos se tomaron?»:
    /// «el 18» for the acta's date, said on the 28th: the 18th just gone when the series met
    /// then (read forward it was next month's 18th, and a year back from there no session at
    /// all: qa18 A1); «el miércoles 25» the 25th just gone, not August's. A day still to come
    /// that the series meets on and is nearer than the past one stays («el 2 de diciembre» said
    /// on 28 November is questioned as a date that has not come yet).
    static func pastSession(_ text: String, run: FlowRun, context: EngineContext) -> Reading? {
        guard let n = run.values["encuentro"].flatMap(Read.int), let m = context.snapshot?.meeting(number: n), m.isSeries,
              let ahead = TemporalParser.parse(text, context: context.temporal), case .date(let said) = ahead.value, said > context.today,
              let back = TemporalParser.parsePast(text, context: context.temporal), case .date(let held) = back.value else { return nil }
        func met(_ d: LocalDate) -> Bool { m.occurrenceDate(heldOn: d) != nil || m.isScheduled(on: d) || m.occurrences[d] != nil }
        guard met(held), !met(said) || held.days(until: context.today) < context.today.days(until: said) else { return nil }
        return .fill(["fecha": .date(held)], remark: nil)
    }

    /// new agreements told without «acordamos», read as `agreedInWords` reads them. Only a
    /// sentence that names someone of the network (or «yo», «todos») or a day: numbers of
    /// agreements, «ninguno» or a question keep the usual reading (pass 9, 01-17: the three were
    /// offered as another flow and the acta saved without them).
    /// The words that name the attendance questions, as a fix to them says it («corrijo los
    /// asistentes: …», «en los que faltaron pon a …»).
    static let attendanceFields: [String: String] = ["asistentes": "asistentes", "asistencia": "asistentes", "asistieron": "asistentes",
                                                     "vinieron": "asistentes", "ausentes": "ausentes", "faltaron": "ausentes",
                                                     "falto": "ausentes"]
    static let fixWords: WordSet = ["corrijo", "corrige", "corregir", "corregi", "cambia", "cambio", "cambiar", "espera", "perdon", "error",
                                    "equivoque", "mal", "eran", "son", "fueron", "corrijamos"]

    /// A fix to who came or who missed it, said where the agreements are asked: a field of
    /// `attendanceFields`, a word of `fixWords` and no word of an agreement; the people after the
    /// field (past its colon, if any) read as that question reads them.
    static func attendanceFix(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        let t = message.phrase.tokens
        // Cheap gate: a field word and a fix word, and no agreement said.
        guard let k = t.firstIndex(where: { attendanceFields[$0] != nil }), let field = attendanceFields[t[k]],
              t.contains(where: fixWords.contains), !t.contains(where: { agreedWords.contains($0) || agreementWords.contains($0) }) else { return nil }
        let text = message.clean
        let body: String
        if let colon = text.firstIndex(of: ":") {
            body = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        } else {
            // The words after the field word.
            let words = text.split(separator: " ").map(String.init)
            guard let at = words.firstIndex(where: { attendanceFields[Phrase($0).tokens.joined()] != nil }) else { return nil }
            body = words[(at + 1)...].drop { ["son", "eran", "fueron", "a", "es"].contains(Phrase($0).tokens.joined()) }.joined(separator: " ")
        }
        let names = PeopleParser.split(body)
        guard !names.isEmpty, names.allSatisfy(PeopleParser.looksLikeName) else { return nil }
        let resolved = names.map { PersonMatcher.match($0, among: context.members) ?? $0 }
        let label = field == "asistentes" ? "Asistentes" : "Faltaron"
        return .fill([field: .list(resolved)], remark: "Corregido. \(label): " + SlotValue.joinSpanish(resolved) + ".")
    }

    static func agreementsWithoutTheirWord(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        let t = message.phrase.tokens
        // «el 1 no mas», «los acuerdos 2 y 3 nomás»: numbers and the words around them.
        guard !message.clean.contains("?"), t.filter({ ($0.first?.isLetter ?? false) && !numberWords.contains($0) }).count >= 3,
              !saysNone(message.clean) else { return nil }
        let firstNames = Set(context.members.compactMap { Phrase($0).tokens.first })
        let namesSomeone = t.contains { firstNames.contains($0) || ["yo", "todos", "todas", "nosotros"].contains($0) }
        // A day said in words («el viernes», «pal 31 de marzo»), not a bare number.
        let saysDay = TemporalParser.parse(message.clean, context: context.temporal).map {
            Phrase($0.text).tokens.contains { ($0.first?.isLetter ?? false) && !numberWords.contains($0) }
        } ?? false
        guard namesSomeone || saysDay else { return nil }
        // «conversamos del cierre del año y de la feria de ciencias. la marisol va a mandar el
        // informe del pie pal 18»: a sentence that tells what was talked about is the acta's note;
        // the agreement is only the rest (it was all the agreement's text).
        if let (notes, agreed) = notesApart(message.clean, context: context),
           case .fillThen(var values, let remark, let then)? = agreedInWords("acordamos " + agreed, run: run, context: context) {
            values["notas"] = .text(noteAdded(notes, to: run.values["notas"]?.textValue))
            return .fillThen(values, remark: "«\(notes)» queda en las notas del acta. " + (remark ?? ""), then: then)
        }
        return agreedInWords("acordamos " + message.clean, run: run, context: context)
    }

    /// The sentences (split at «. » and «;») that tell what happened at the meeting, and the
    /// others, each kept in its order; nil unless there are both (a message of one sentence is
    /// read whole). Only a message with a «.» or «;» byte is split.
    static func notesApart(_ text: String, context: EngineContext) -> (notes: String, agreed: String)? {
        guard TextFold.contains(text, byte: UInt8(ascii: ".")) || TextFold.contains(text, byte: UInt8(ascii: ";")) else { return nil }
        let sentences = text.replacingOccurrences(of: ". ", with: "; ").split(separator: ";")
            .map { piece -> String in
                var s = piece.trimmingCharacters(in: .whitespaces)
                while let last = s.last, last == "." { s.removeLast() }
                return s
            }.filter { !$0.isEmpty }
        guard sentences.count >= 2 else { return nil }
        var notes: [String] = [], agreed: [String] = []
        for s in sentences {
            if tellsWhatHappened(s), !(namesSomeone(Phrase(s).tokens, context: context) && saysDay(s, context: context)) { notes.append(s) } else { agreed.append(s) }
        }
        guard !notes.isEmpty, !agreed.isEmpty else { return nil }
        return (notes.joined(separator: ". "), agreed.joined(separator: "; "))
    }

    static let numberWords: WordSet = ["el", "la", "los", "las", "del", "de", "y", "e", "no", "mas", "nomas", "solo", "solamente", "puro",
                                       "acuerdo", "acuerdos", "numero", "n", "ese", "esa", "esos", "esas", "tambien", "ademas"]

    /// Agreements told where who came was asked: `agreedInWords`' reading without its notes (the
    /// words before the agreements say who came, not what was discussed), and those words.
    static func agreedBesideAttendance(_ text: String, run: FlowRun, context: EngineContext)
        -> (String?, SlotValues, String, [FollowingRequest])? {
        guard case .fillThen(var values, let remark, let then)? = agreedInWords(text, run: run, context: context), !then.isEmpty else { return nil }
        values["notas"] = nil
        let words = text.split(separator: " ").map(String.init)
        let folded = words.map { Phrase($0).tokens.joined(separator: " ") }
        var head = folded.firstIndex(where: agreedWords.contains).map { Array(words[..<$0]) } ?? []
        while let last = head.last, ["y", "e", "pero", "anota", "anotar", "registra", "registrar", "los", "las", "estos", "y,"].contains(Phrase(last).tokens.joined(separator: " ")) || Phrase(last).tokens.isEmpty {
            head.removeLast()
        }
        var said = head.joined(separator: " ")
        while let last = said.last, ".,;:".contains(last) { said.removeLast() }
        return (Phrase(said).tokens.isEmpty ? nil : said, values, remark ?? "", then)
    }

    /// «ninguno todavía, pero» before «acordamos: …»: the answer «none (by number)» and its
    /// connectors say nothing of the meeting, so they are no notes.
    static func saysNone(_ notes: String) -> Bool {
        let t = Phrase(notes).tokens.filter { !noneFillers.contains($0) }
        return t.isEmpty || Read.isNone(t.joined(separator: " ")) || t.allSatisfy(Read.isNone)
    }

    static let noneFillers: Set<String> = ["pero", "y", "aunque", "igual", "todavia", "aun", "por", "ahora", "nomas", "po", "si", "ya",
                                           "mira", "eso", "nuevo", "nuevos", "nueva", "nuevas", "mas", "otro", "otros"]

    /// Whether `text` tells what happened at the meeting rather than what someone will do: a
    /// verb in the past («se validó», «justificó», «revisaron», «revisamos», «trajo») and no
    /// deadline («para el viernes», «antes del 10») nor agreement word anywhere in it.
    static func tellsWhatHappened(_ text: String) -> Bool {
        let raw = text.lowercased().split(whereSeparator: { " ,;.:!?()".contains($0) }).map(String.init)
        let folded = raw.map(TextFold.fold)
        guard !folded.contains(where: { deadlineWords.contains($0) || agreedWords.contains($0) || agreementWords.contains($0) || $0 == "quedaron" }),
              Read.numbers(in: text).count <= 1 || !folded.contains(where: { $0.hasPrefix("acuerdo") }) else { return false }
        return raw.contains { $0.count >= 4 && $0.hasSuffix("ó") }
            // «se reviso el cierre del pme», «se hablo de la feria»: the impersonal past typed
            // without its accent (qa32: «Necesito los números»).
            || zip(folded, folded.dropFirst()).contains { $0 == "se" && $1.count >= 5 && $1.hasSuffix("o") && !$1.hasSuffix("ndo") }
            || folded.contains { $0.count >= 7 && ($0.hasSuffix("aron") || $0.hasSuffix("ieron")) }
            || folded.contains(where: narrativeVerbs.contains)
    }

    static let deadlineWords: WordSet = ["para", "pa", "pal", "antes", "hasta", "plazo", "lunes", "martes", "miercoles", "jueves", "viernes",
                                         "sabado", "domingo", "manana", "proxima", "proximo", "siguiente"]
    /// First-person plural and irregular verbs that, in an acta, say what was done at the meeting.
    static let narrativeVerbs: WordSet = ["revisamos", "conversamos", "vimos", "hablamos", "analizamos", "compartimos", "discutimos",
                                          "comentamos", "leimos", "evaluamos", "presentamos", "validamos", "aprobamos", "trabajamos",
                                          "estuvimos", "tuvimos", "hicimos", "repasamos", "reflexionamos", "expusimos", "hizo", "dijo",
                                          "trajo", "estuvo", "tuvo", "pudo", "hubo", "fue", "fueron", "vino"]

    /// `text` as a note after `old`, if there was one (each ending in its own period).
    static func noteAdded(_ text: String, to old: String?) -> String {
        var new = text.trimmingCharacters(in: .whitespaces)
        while let last = new.last, ".,;:".contains(last) { new.removeLast() }
        guard var old = old?.trimmingCharacters(in: .whitespaces), !old.isEmpty else { return new }
        while let last = old.last, ".,;:".contains(last) { old.removeLast() }
        return old + ". " + new
    }

    /// At «¿Alguna nota para el acta?»: «el acuerdo 2 quedó cumplido, la pauta se aprobó» is the
    /// follow-up of that agreement, done after the acta is saved; «anota q hector trae las
    /// semillas antes del 10 de dic» (someone of the network and a day, not told in the past) or
    /// «acordamos que…» is a new agreement to register, as at «¿Qué acuerdos se tomaron?». Nil
    /// for a note.
    static func agreementAtNotes(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        let t = message.phrase.tokens
        if let k = t.firstIndex(where: { $0 == "acuerdo" }), k + 1 < t.count, let n = Int(t[k + 1]),
           context.snapshot?.agreement(number: n) != nil, t.contains(where: { w in statusStems.contains { w.hasPrefix($0) } }) {
            let then = [FollowingRequest(flow: "seguimiento", request: message.clean, values: [:])]
            return .fillThen([:], remark: "Lo del acuerdo \(n) lo actualizo apenas guardemos el acta.", then: then)
        }
        // «anota q …», «anota que …»: what follows is what to write down.
        var words = message.clean.split(separator: " ").map(String.init)
        if words.count > 2, ["anota", "anotar", "anote", "agrega", "pon", "ponle"].contains(Phrase(words[0]).core),
           ["q", "que"].contains(Phrase(words[1]).core) { words.removeFirst(2) }
        let rest = words.joined(separator: " ")
        guard !tellsWhatHappened(rest) else { return nil }
        let reading: Reading?
        // (A note that says something was agreed with no one to do it, «se acordó compartir la
        // pauta», stays a note.)
        if Phrase(rest).tokens.contains(where: agreedWords.contains), namesSomeone(Phrase(rest).tokens, context: context) {
            reading = agreedInWords(rest, run: run, context: context)
        } else if let agreed = agreementClausesAtNotes(rest, context: context),
                  case .fillThen(var values, let remark, let then)? = agreementsWithoutTheirWord(Utterance(agreed.agreements), run: run, context: context) {
            // The clauses that are no agreement stay the acta's notes.
            if !agreed.notes.isEmpty { values["notas"] = .text(noteAdded(agreed.notes, to: run.values["notas"]?.textValue)) }
            reading = .fillThen(values, remark: remark, then: then)
        } else {
            reading = nil
        }
        guard case .fillThen(var values, let remark, let then)? = reading, !then.isEmpty else { return nil }
        // Added to those already queued; the agreements said by number stay.
        if let old = run.values["por_registrar"]?.textValue, let new = values["por_registrar"]?.textValue { values["por_registrar"] = .text(old + "; " + new) }
        if let taken = run.values["acuerdos"]?.textValue, !Read.numbers(in: taken).isEmpty, !Read.isNone(taken) { values["acuerdos"] = nil }
        return .fillThen(values, remark: remark, then: then)
    }

    /// At the review, what is an agreement and what a note, corrected:
    /// «lo del plan anual es una nota nomas, el acuerdo es q hector trae las semillas» (the item
    /// its words name goes to the notes; the agreement said stays, or is queued), «ese no es
    /// acuerdo, quitalo» (the only or last queued one to the notes), «solo el 2 es acuerdo»
    /// (agreement 2, already registered, is the one taken; the queued ones are notes). Nothing
    /// said is lost: what is no agreement is kept as a note.
    static func agreementsCorrected(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        let t = message.phrase.tokens
        let queued = Self.queued(run.values)
        let saysNote = t.contains { $0 == "nota" || $0 == "notas" }
        let notAgreement = zip(t, t.dropFirst()).contains { $0 == "no" && ["es", "son", "era", "eran"].contains($1) }
            && t.contains { $0.hasPrefix("acuerdo") }
        // «solo el 2 es acuerdo», «solo el acuerdo 2»: a registered agreement is the only one taken.
        if t.contains(where: { ["solo", "solamente", "unicamente"].contains($0) }), t.contains(where: { $0.hasPrefix("acuerdo") }),
           !saysNote, !notAgreement, case let nums = Read.numbers(in: message.clean), nums.count == 1, context.snapshot?.agreement(number: nums[0]) != nil {
            var values: SlotValues = ["acuerdos": .text("\(nums[0])")]
            var remark = "Corregido: el acuerdo tomado es el \(nums[0])."
            if !queued.isEmpty {
                values["por_registrar"] = .text("")
                values["notas"] = .text(queued.reduce(run.values["notas"]?.textValue) { noteAdded($1, to: $0) } ?? "")
                remark += " Lo demás queda en las notas."
            }
            return .fill(values, remark: remark)
        }
        // «eso era la nota, no es un acuerdo todavía» with nothing queued: the notes already hold
        // it; nothing changes (the note was replaced by «un acuerdo todavía»).
        let demonstrative = t.count > 2 && ["eso", "esto", "ese", "esa", "esos", "esas"].contains(t[0]) && ["era", "es", "son", "eran"].contains(t[1])
        if queued.isEmpty, notAgreement || (demonstrative && saysNote), let notes = run.values["notas"]?.textValue, !notes.isEmpty {
            return .fill([:], remark: "Eso ya está en las notas del acta, no como acuerdo.")
        }
        guard !queued.isEmpty, saysNote || notAgreement else { return nil }
        // The part that says what is a note, and the one that says what the agreement is.
        let clauses = message.clean.split(whereSeparator: { ",;.".contains($0) }).map(String.init)
        let noteClause = clauses.first { c in let f = Phrase(c).tokens; return f.contains { $0 == "nota" || $0 == "notas" } || (f.contains("no") && f.contains { $0.hasPrefix("acuerdo") }) } ?? message.clean
        let agreedClause = clauses.first { c in
            let f = Phrase(c).tokens
            return c != noteClause && f.contains { $0 == "acuerdo" } && !f.contains("no") && f.count >= 4
        }
        func stems(_ s: String) -> Set<String> { Set(Phrase(s).stems.filter { $0.count >= 4 && !["acuerd", "nota", "notas"].contains($0) }) }
        let said = stems(noteClause)
        var moved = queued.filter { !stems($0).isDisjoint(with: said) }
        // «lo del plan anual es una nota» when it already is one: nothing to move.
        let alreadyNote = moved.isEmpty && !said.isEmpty && !stems(run.values["notas"]?.textValue ?? "").isDisjoint(with: said)
        if moved.isEmpty, !alreadyNote, said.isEmpty || queued.count == 1 {
            // «ese no es acuerdo», «esos no son acuerdos»: the last one, or all.
            if t.contains(where: { ["esos", "esas", "ninguno", "ninguna"].contains($0) }) { moved = queued }
            else if t.contains(where: { ["ese", "esa", "eso", "este", "esta", "esto"].contains($0) }) || queued.count == 1 { moved = [queued.last!] }
        }
        guard !moved.isEmpty || alreadyNote else { return nil }
        var kept = queued.filter { !moved.contains($0) }
        var then: [FollowingRequest] = []
        // «el acuerdo es q hector trae las semillas»: one already queued stays; another is queued.
        if let agreedClause, case .fillThen(let v, _, let more)? = agreedInWords(agreedClause, run: run, context: context),
           let items = v["por_registrar"]?.textValue?.components(separatedBy: "; ") {
            for (item, request) in zip(items, more) where !kept.contains(where: { !stems($0).isDisjoint(with: stems(item)) }) {
                kept.append(item)
                then.append(request)
            }
        }
        if moved.isEmpty, then.isEmpty {
            return .fill([:], remark: "Eso ya está en las notas, y " + (kept.count == 1 ? "el acuerdo por registrar es «\(kept[0])»." : "los acuerdos por registrar son: " + kept.joined(separator: "; ") + "."))
        }
        var values: SlotValues = ["por_registrar": .text(kept.joined(separator: "; "))]
        if !moved.isEmpty { values["notas"] = .text(moved.reduce(run.values["notas"]?.textValue) { noteAdded($1, to: $0) } ?? "") }
        if kept.isEmpty, run.values["acuerdos"]?.textValue == toRegister { values["acuerdos"] = .text("ninguno") }
        if !kept.isEmpty { values["acuerdos"] = .text(toRegister) }
        var remark = moved.isEmpty ? "Eso ya está en las notas." : "Corregido: " + moved.map { "«\($0)»" }.joined(separator: ", ")
            + (moved.count == 1 ? " queda como nota" : " quedan como notas") + " del acta, no como acuerdo."
        if !then.isEmpty { remark += " Agrego el acuerdo «\(kept.last!)», para registrarlo apenas guardemos el acta." }
        return .fillThen(values, remark: remark, then: then)
    }

    /// At «¿Alguna nota para el acta?», with no word saying it was agreed: the clauses (split at
    /// «;» and «. ») that say someone of the network does something by a day, none of them a
    /// proposal nor told in the past, and the rest as notes. Nil when no clause is so: «se revisó
    /// la planificación, Eliseo propone usar el huerto…» and «revisamos X; idea de Y; Gloria con
    /// licencia» are notes (qa18 A7: they became agreements to register). Only what the person
    /// states as agreed, or a task with its day, is an agreement.
    static func agreementClausesAtNotes(_ text: String, context: EngineContext) -> (agreements: String, notes: String)? {
        let clauses = text.replacingOccurrences(of: ". ", with: "; ").split(separator: ";")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var agreements: [String] = [], notes: [String] = []
        for clause in clauses {
            let t = Phrase(clause).tokens
            let task = namesSomeone(t, context: context) && !t.contains(where: proposalWords.contains) && !tellsWhatHappened(clause)
                && saysDay(clause, context: context)
            if task { agreements.append(clause) } else { notes.append(clause) }
        }
        guard !agreements.isEmpty else { return nil }
        return (agreements.joined(separator: "; "), notes.joined(separator: "; "))
    }

    /// A day said in words («el viernes», «pal 31 de marzo», «antes del 10 de dic»), not a bare number.
    static func saysDay(_ text: String, context: EngineContext) -> Bool {
        TemporalParser.parse(text, context: context.temporal).map {
            Phrase($0.text).tokens.contains { ($0.first?.isLetter ?? false) && !numberWords.contains($0) }
        } ?? false || saysNextMeeting(text)
    }

    /// «en la próxima reunión», «pal próximo encuentro»: a day too, the next meeting's (the
    /// agreement reads it as its plazo; qa: «la rosa va a compartir su planificación en la
    /// próxima reunión y yo llevo los cuadernillos» at the acta's review scheduled a meeting).
    static func saysNextMeeting(_ text: String) -> Bool {
        guard TextFold.mayContainFolded(text, ["proxim", "siguiente"]) else { return false }
        let f = Phrase(text).tokens
        return zip(f, f.dropFirst()).contains { SharedReadings.nextWords.contains($0) && (SharedReadings.meetingWords.contains($1) || $1 == "reu") }
    }

    /// Words of an idea put forward, not agreed: «Eliseo propone…», «la idea de…».
    static let proposalWords: WordSet = ["propone", "proponen", "propuso", "propusieron", "propongo", "propuesta", "propuestas", "idea",
                                         "ideas", "sugiere", "sugieren", "sugirio", "sugerencia", "plantea", "planteo", "podriamos",
                                         "podria", "ojala", "quizas"]

    static let statusStems = ["cumpl", "listo", "lista", "termin", "reprogram", "proceso", "atrasad", "avanz"]

    static func namesSomeone(_ t: [String], context: EngineContext) -> Bool {
        let firstNames = Set(context.members.compactMap { Phrase($0).tokens.first })
        return t.contains { firstNames.contains($0) || ["yo", "todos", "todas", "nosotros"].contains($0) }
    }

    /// The agreements to register, one per item, as the review shows them.
    static func queued(_ values: SlotValues) -> [String] {
        (values["por_registrar"]?.textValue ?? "").components(separatedBy: "; ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Only the agreements still queued at the save are registered after it: one taken back at the
    /// review («lo del plan anual es una nota nomas») is no longer there.
    func keepsFollowing(_ item: FollowingRequest, saved values: SlotValues, context: EngineContext) -> Bool {
        guard Self.isQueuedAgreement(item) else { return true }
        return Self.queued(values).contains(item.request)
    }

    /// The agreements queued at the save follow it as the review last showed them: one rewritten
    /// there («4» → «Ana envía el informe el 11 de diciembre») is registered in its new words,
    /// linked to this meeting (qa16 A1: it was dropped, though the acta said it would follow).
    func following(_ items: [FollowingRequest], saved values: SlotValues, context: EngineContext) -> [FollowingRequest] {
        guard let first = items.firstIndex(where: Self.isQueuedAgreement) else { return items }
        let linked = items[first].values
        let queuedNow = Self.queued(values).map { text in
            items.first { Self.isQueuedAgreement($0) && $0.request == text }
                ?? FollowingRequest(flow: "acuerdo", request: text, values: linked, reads: true)
        }
        var out: [FollowingRequest] = []
        for (i, item) in items.enumerated() {
            if i == first { out += queuedNow }
            if !Self.isQueuedAgreement(item) { out.append(item) }
        }
        return out
    }

    /// An agreement told in the acta's words, waiting for the acta to be saved.
    static func isQueuedAgreement(_ item: FollowingRequest) -> Bool {
        item.flow == "acuerdo" && item.reads == true && item.values["encuentro"] != nil
    }

    /// What the acta says of its agreements while the new ones wait to be registered.
    static let toRegister = "se registran después del acta"
    static let agreedWords: WordSet = ["acordamos", "acordaron", "acordo", "quedamos", "decidimos", "acuerdo", "acuerdos", "comprometimos"]

    static let arrivalWords: WordSet = ["llego", "llegaron", "vino", "vinieron", "aparecio", "sumo", "sumaron"]

    /// «y llegó la Daniela igual aunque no estaba invitada» → «la Daniela»: the people after the
    /// verb of arriving, up to what is said about them.
    static func arrivalClause(_ text: String) -> String {
        let words = text.split(separator: " ").map(String.init)
        guard let v = words.firstIndex(where: { arrivalWords.contains(Phrase($0).core) }) else { return text }
        // «y llegó también la tía Marta»: «también» right after the verb opens who came.
        var from = v + 1
        while from < words.count, ["tambien", "igual", "despues", "tarde", "luego"].contains(Phrase(words[from]).core) { from += 1 }
        let after = words[from...].prefix { !["igual", "aunque", "pero", "que", "porque", "sin", "tambien", "también"].contains(Phrase($0).core) }
        return after.joined(separator: " ")
    }

    /// «ya terminamos la reunión, vinieron todos menos Jorge que tenía licencia»: who came, said
    /// with the request, read as the answer to «¿Quiénes asistieron?» would be (the engine's
    /// generic reading took the one who missed it as the only attendee, and the rest as agreements).
    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        var out = Prefill()
        // «registrar el acta del encuentro 2», «ya terminamos la reunión de cierre»: the engine
        // reads what is left of the request as the acta's only text field, but the agreements
        // taken are said only with their own word («acuerdos 1 y 3», «acordamos…»).
        let tokens = Phrase(request).tokens
        // (An acta reopened by «faltó yo en los asistentes» keeps its own: `missingAfterSave`.)
        if run.values["acuerdos"] != nil, !tokens.contains(where: { Self.agreementWords.contains($0) || Self.agreedWords.contains($0) }),
           !(tokens.contains(where: DialogEngine.missingWords.contains) && tokens.contains(where: { $0.hasPrefix("asistente") })) {
            out.values["acuerdos"] = .some(nil)
        }
        // «ya terminamos la reunión de cierre»: the meeting named by its words (the trigger has no
        // «acta» for `claim` to see).
        var run = run
        if run.values["encuentro"] == nil, let s = context.snapshot, let (m, date) = MeetingMention.find(request, in: s, context: context), let n = m.number {
            out.values["encuentro"] = .number(Double(n))
            run.values["encuentro"] = .number(Double(n))
            if m.isSeries, let date { out.values["fecha"] = .date(date) }
        }
        let said = attendance(request, flow: flow, run: run, context: context)
        for (k, v) in said.values { out.values[k] = v }
        out.echo = said.echo
        out.replacesEcho = said.replacesEcho
        return out
    }

    /// Who came, said with the request («…, vinimos todos menos Jorge»).
    func attendance(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        let words = request.split(separator: " ").map(String.init)
        let folded = words.map { Phrase($0).tokens.joined(separator: " ") }
        guard let i = folded.firstIndex(where: Self.cameVerbs.contains), let slot = flow.slot(named: "asistentes") else { return Prefill() }
        // «vinimos 3: Ramón, Sonia y Luis», «vinieron los cuatro: …»: the count before the colon
        // is nobody (it took the first name with it: fixBF found the speaker Ramón dropped).
        var from = i + 1
        if let c = words[from...].prefix(2).firstIndex(where: { $0.hasSuffix(":") }), c + 1 < words.count,
           words[from...c].allSatisfy({ w in
               let bare = w.hasSuffix(":") ? String(w.dropLast()) : w
               return (!bare.isEmpty && bare.allSatisfy(\.isNumber)) || Self.countWords.contains(TextFold.fold(bare))
           }) {
            from = c + 1
        }
        let said = ([words[i]] + words[from...]).joined(separator: " ")
        let answer = words[from...].joined(separator: " ")
        var values: [String: SlotValue?] = [:]
        var echo: [String] = []
        if let (came, missed, why) = SharedReadings.allBut(said, from: Self.expected(run, context: context), slot: slot, context: context)
            ?? SharedReadings.allBut(answer, from: Self.expected(run, context: context), slot: slot, context: context) {
            values = ["asistentes": .list(came), "ausentes": .list(missed)]
            if let why { values["ausencia"] = .text(Self.absence(missed, why)) }
            echo = ["asistentes: \(SlotValue.joinSpanish(came))", "\(missed.count == 1 ? "faltó" : "faltaron"): \(SlotValue.joinSpanish(missed))\(why.map { " (\($0))" } ?? "")"]
        } else if case .fill(let v, _, _)? = Self.cameAndMissed(answer, slot: slot, context: context) {
            values = v.mapValues { Optional($0) }
            echo = v.keys.sorted().filter { $0 != "ausencia" }.compactMap { k in v[k].map { "\(k): \($0.display(today: context.today))" } }
            if let why = v["ausencia"]?.textValue { echo.append("ausencia: \(why)") }
        } else if case .fill(let v, _, _)? = Self.wholeGroup(said, expected: Self.expected(run, context: context), slot: slot, context: context) {
            // «estuvimos los 3», «faltó la Nelly no más»: everyone expected, or all but who missed it.
            values = v.mapValues { Optional($0) }
            echo = ["asistentes: \(SlotValue.joinSpanish(v["asistentes"]?.listValue ?? []))"]
            if let missed = v["ausentes"]?.listValue { echo.append("\(missed.count == 1 ? "faltó" : "faltaron"): \(SlotValue.joinSpanish(missed))") }
            if let why = v["ausencia"]?.textValue { echo.append("ausencia: \(why)") }
        } else if SharedReadings.everyone.contains(Phrase(answer).core) {
            // «vinimos todos»: everyone expected at the meeting.
            let came = Self.expected(run, context: context)
            values = ["asistentes": .list(came)]
            echo = ["asistentes: \(SlotValue.joinSpanish(came))"]
        } else if let came = DialogEngine.people(in: Self.withoutOnly(answer), slot: slot, context: context) {
            // «asistimos Ximena Rojas y yo nomás»: just who came.
            values = ["asistentes": .list(came)]
            echo = ["asistentes: \(SlotValue.joinSpanish(came))"]
        } else {
            return Prefill()
        }
        // What the generic reading made of the same words is not an agreement list.
        if let taken = run.values["acuerdos"]?.textValue, Phrase(taken).tokens.contains(folded[i]) { values["acuerdos"] = .some(nil) }
        return Prefill(values: values, echo: echo, replacesEcho: true)
    }

    /// A count said before the names of who came («vinimos los tres: …»).
    static let countWords: Set<String> = ["los", "las", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez"]

    /// «Ximena y yo nomás», «solo yo»: the names without the words saying there were no more.
    static func withoutOnly(_ text: String) -> String {
        var words = text.split(separator: " ").map(String.init)
        while let last = words.last, ["nomas", "no", "mas", "solamente", "solo", "po"].contains(Phrase(last).tokens.joined(separator: " ")) { words.removeLast() }
        while let first = words.first, ["solo", "solamente"].contains(Phrase(first).tokens.joined(separator: " ")) { words.removeFirst() }
        return words.joined(separator: " ")
    }

    static let cameVerbs: WordSet = ["vinieron", "vinimos", "asistieron", "asistimos", "estuvieron", "estuvimos", "llegaron", "llegamos",
                                         "participaron", "participamos", "fuimos", "fueron"]

    /// At the review, «no, pedro sí vino» adds Pedro to those who came (and so takes him out of
    /// those who missed it); «la ana tampoco vino» moves Ana the other way. Whatever follows the
    /// sentence («. el 2») is not a field number.
    func reviewChange(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        if let reading = Self.agreementsCorrected(message, run: run, context: context) { return reading }
        if let reading = Self.absenceReasonAtReview(message, run: run) { return reading }
        // «anota q hector trae las semillas…» at the review: one more agreement queued.
        if let reading = Self.agreementAtNotes(message, run: run, context: context), case .fillThen(_, _, let then) = reading,
           then.allSatisfy({ $0.flow == "acuerdo" }) { return reading }
        // Names are read as an answer about who came would be (members matched, «yo» the speaker).
        let slot = SlotDefinition(name: "asistentes", type: .people, ask: "")
        let words = message.clean.split(separator: " ").map(String.init)
        let folded = words.map { Phrase($0).tokens.joined(separator: " ") }
        func find(_ markers: [[String]]) -> (Int, Int)? {
            folded.indices.lazy.compactMap { i in markers.first { folded[i...].starts(with: $0) }.map { (i, $0.count) } }.first
        }
        let came = find(Self.cameMarkers), missed = find(Self.absenceMarkers + [["tampoco", "vino"], ["tampoco", "vinieron"], ["tampoco", "estuvo"]])
        guard let (k, _) = [came, missed].compactMap({ $0 }).min(by: { $0.0 < $1.0 }) else { return nil }
        // Who: the clause before the words, after «no,» or a sentence of its own.
        var who = Array(words[..<k])
        if let stop = who.dropLast().lastIndex(where: { [".", "!", ";", ","].contains(where: $0.hasSuffix) }) { who = Array(who[(stop + 1)...]) }
        while let w = who.first, ["no", "pero", "si", "y", "ah", "ya"].contains(Phrase(w).core), who.count > 1 { who.removeFirst() }
        guard let names = DialogEngine.people(in: who.joined(separator: " "), slot: slot, context: context), !names.isEmpty,
              names.allSatisfy({ context.members.contains($0) || $0 == context.userName }) else { return nil }
        var present = run.values["asistentes"]?.listValue ?? [], absent = run.values["ausentes"]?.listValue ?? []
        let before = (present, absent)
        if came?.0 == k {
            present += names.filter { !present.contains($0) }
            absent.removeAll(where: names.contains)
        } else {
            present.removeAll(where: names.contains)
            absent += names.filter { !absent.contains($0) }
            guard !present.isEmpty else { return nil }
        }
        // «la karina sí vino, el que faltó fue el pablo»: a second clause says the other way
        // for someone else (it was left out, and Pablo kept among those who came).
        var also: (names: [String], came: Bool)?
        if let end = words.indices.first(where: { $0 >= k && [",", ";", "."].contains(where: words[$0].hasSuffix) }), end + 1 < words.count {
            let tail = Array(words[(end + 1)...]), tailFolded = Array(folded[(end + 1)...])
            let came2 = tailFolded.indices.first { i in Self.cameMarkers.contains { tailFolded[i...].starts(with: $0) } }
            let missed2 = tailFolded.indices.lazy.compactMap { i in Self.absenceMarkers.first { tailFolded[i...].starts(with: $0) }.map { (i, $0.count) } }.first
            if let (m, len) = came2.map({ i in (i, Self.cameMarkers.first { tailFolded[i...].starts(with: $0) }!.count) }) ?? missed2 {
                var before2 = Array(tail[..<m])
                while let w = before2.first, Self.clauseLeads.contains(Phrase(w).core) { before2.removeFirst() }
                var after2 = Array(tail[(m + len)...])
                while let w = after2.first, Self.clauseLeads.contains(Phrase(w).core) { after2.removeFirst() }
                let said2 = before2.isEmpty ? after2 : before2
                if let names2 = DialogEngine.people(in: said2.joined(separator: " "), slot: slot, context: context), !names2.isEmpty,
                   names2.allSatisfy({ context.members.contains($0) || $0 == context.userName }), Set(names2).isDisjoint(with: names) {
                    if came2 != nil {
                        present += names2.filter { !present.contains($0) }
                        absent.removeAll(where: names2.contains)
                    } else {
                        present.removeAll(where: names2.contains)
                        absent += names2.filter { !absent.contains($0) }
                    }
                    also = (names2, came2 != nil)
                }
            }
        }
        if present.isEmpty { return nil }
        // Already so: said back, and the review stays as it was.
        if before == (present, absent) {
            let already = came?.0 == k ? "entre los asistentes" : "entre los ausentes"
            return .fill(["asistentes": .list(present)], remark: "\(SlotValue.joinSpanish(names)) ya \(names.count == 1 ? "estaba" : "estaban") \(already).")
        }
        var values: SlotValues = ["asistentes": .list(present)]
        if !absent.isEmpty { values["ausentes"] = .list(absent) }
        let said = came?.0 == k ? (names.count == 1 ? "sí vino" : "sí vinieron") : (names.count == 1 ? "no vino" : "no vinieron")
        var remark = "Corregido: \(SlotValue.joinSpanish(names)) \(said)"
        if let also {
            remark += " y \(SlotValue.joinSpanish(also.names)) " + (also.came ? (also.names.count == 1 ? "sí vino" : "sí vinieron") : (also.names.count == 1 ? "no vino" : "no vinieron"))
        }
        return .fill(values, remark: remark + ".")
    }

    /// «pon que ana avisó, fue ausencia justificada», «la sonia estaba con licencia» at the
    /// review: the reason of the absence of someone already among the absent (the only one, or
    /// the one named), kept in «Ausencia» with the others' (qa36 A: «¿Lo guardo?», the reason
    /// lost). Nil without a word of reason, or when the one named came.
    static func absenceReasonAtReview(_ message: Utterance, run: FlowRun) -> Reading? {
        let t = message.phrase.tokens
        // Cheap gate: a word that gives a reason.
        guard t.count >= 2, t.contains(where: reasonCues.contains), let absent = run.values["ausentes"]?.listValue, !absent.isEmpty else { return nil }
        // Who: the absent person whose first name (or whole name) is said; or the only one absent.
        let firstNames = absent.map { Phrase($0).tokens.first ?? "" }
        let named = absent.indices.filter { t.contains(firstNames[$0]) }
        let present = (run.values["asistentes"]?.listValue ?? []).filter { p in t.contains(Phrase(p).tokens.first ?? "") && !firstNames.contains(Phrase(p).tokens.first ?? "") }
        guard present.isEmpty else { return nil }
        let who: Int
        if named.count == 1 { who = named[0] } else if named.isEmpty, absent.count == 1 { who = 0 } else { return nil }
        // The reason: the words without the order to note it («pon que», «anota que»), the name
        // and its article.
        let nameWords = Set(Phrase(absent[who]).tokens)
        var words = message.clean.split(separator: " ").map(String.init)
        while let w = words.first, noteLeads.contains(Phrase(w).core) || nameWords.contains(Phrase(w).core) || Phrase(w).tokens.isEmpty { words.removeFirst() }
        words.removeAll { nameWords.contains(Phrase($0).core) }
        var why = words.joined(separator: " ")
        while let c = why.last, ",;.!".contains(c) { why.removeLast() }
        while let c = why.first, ",;.: ".contains(c) { why.removeFirst() }
        guard Phrase(why).tokens.count >= 1 else { return nil }
        // Each absent person's reason is «Nombre (motivo)», joined by «; »: this one's replaced.
        var parts = (run.values["ausencia"]?.textValue ?? "").components(separatedBy: "; ").filter { !$0.isEmpty }
        parts.removeAll { $0.hasPrefix(absent[who] + " (") }
        parts.append(absence([absent[who]], why))
        return .fill(["ausencia": .text(parts.joined(separator: "; "))], remark: "Anotado: \(absence([absent[who]], why)).")
    }

    static let reasonCues: WordSet = ["aviso", "avisaron", "justificada", "justificado", "justifico", "justificadas", "excuso", "excusa",
                                      "enferma", "enfermo", "licencia", "porque", "motivo", "permiso", "medico", "capacitacion"]
    static let noteLeads: WordSet = ["pon", "ponle", "pone", "anota", "anotale", "agrega", "que", "q", "la", "el", "y", "ah", "ojo", "oye",
                                     "tambien", "ademas", "no", "si"]

    /// Words that open a clause about who came or not, before or after its names («el que
    /// faltó fue el pablo», «y la rosa tampoco»).
    static let clauseLeads: WordSet = ["y", "e", "pero", "el", "la", "los", "las", "que", "quien", "quienes", "fue", "fueron", "era", "eran", "no", "si", "ah", "ya"]

    static let cameMarkers: [[String]] = [
        ["si", "vino"], ["si", "vinieron"], ["tambien", "vino"], ["tambien", "vinieron"], ["si", "estuvo"], ["si", "estuvieron"],
        ["tambien", "estuvo"], ["si", "asistio"], ["si", "llego"], ["si", "fue"],
    ]

    /// Who was expected at the meeting: its participants when it has them, else the network, the
    /// speaker included.
    /// `expected` and every other member of the network.
    static func expectedOrMembers(_ run: FlowRun, context: EngineContext) -> [String] {
        let names = expected(run, context: context)
        return names + (context.snapshot?.members.filter { !$0.isOut && !names.contains($0.name) }.map(\.name) ?? [])
    }

    static func expected(_ run: FlowRun, context: EngineContext) -> [String] {
        var names = run.values["encuentro"].flatMap(Read.int).flatMap { context.snapshot?.meeting(number: $0) }?.participants ?? []
        if names.isEmpty { names = context.snapshot?.members.filter { !$0.isOut }.map(\.name) ?? [] }
        if let me = context.userName, !names.contains(me) { names.append(me) }
        return names
    }

    /// «yo, la sra gladys, el profe juan carlos y faltó el director de la escuela el maitén»: who
    /// came and, after «faltó», «no vino»…, who did not (never an attendee). A person said with
    /// their school is that school's member. Nil when the answer names no one missing.
    static func cameAndMissed(_ text: String, slot: SlotDefinition, context: EngineContext) -> Reading? {
        var words = text.split(separator: " ").map(String.init)
        let folded = words.map { Phrase($0).tokens.joined(separator: " ") }
        guard let (k, length) = folded.indices.lazy.compactMap({ i -> (Int, Int)? in
            absenceMarkers.first { m in folded[i...].starts(with: m) }.map { (i, $0.count) }
        }).first else { return nil }
        var came = Array(words[..<k]), missed = Array(words[(k + length)...])
        // «quiero pasar la asistencia: vinieron carolina, yo…», «les paso la asistencia: …»: what
        // opens the answer up to its colon names nobody (qa29 c2: Carolina was lost, or the lead-in
        // became one person «Les Paso La Asistencia: Vinieron Carolina»).
        if let colon = came.prefix(8).firstIndex(where: { $0.hasSuffix(":") }), colon + 1 < came.count,
           !Self.namesSomeone(came[...colon].map { Phrase($0).core }, context: context),
           !came[...colon].contains(where: { FirstNames.canonical(Phrase($0).core) != nil }) {
            came.removeFirst(colon + 1)
        }
        // «…, faltó la Luz, estaba con licencia», «no vino el Pedro (enfermo)», «la Rosa no vino
        // por licencia»: why is said after who, or alone after the words (qa22: the reason
        // became a person, «Estaba Con Licencia», «Por Licencia», «Pedro (enfermo)»).
        var why: String?
        // «…porque tenía que llevar a su hijo al médico y la Ximena se excusó, anda en…»: a second
        // clause says someone else missed it too (a pass: she was left inside the first reason).
        let second = Self.secondAbsence(words, folded, from: k + length)
        if let second { missed = Array(missed[..<second.cut]) }
        if subjectFirstMarkers.contains(Array(folded[k..<(k + length)])) {
            // «la Luz estaba con licencia»: the words are the reason; «el Pedro no pudo, tenía
            // consejo»: what follows them.
            why = folded[k..<(k + length)].contains("licencia") ? Self.reasonText(Array(words[k...])) : Self.namesAndWhy(missed).why
            missed = []
        } else {
            (missed, why) = Self.namesAndWhy(missed)
        }
        while let w = came.last, ["y", "e", "pero", ","].contains(Phrase(w).core) || Phrase(w).core.isEmpty { came.removeLast() }
        while let w = missed.first, ["venir", "a", "ni", "el", "la"].contains(Phrase(w).core), missed.count > 1 { missed.removeFirst() }
        // «Rosa, Marta y Pedro. la Ana no vino»: a sentence of its own says who missed it.
        if missed.isEmpty, let stop = came.dropLast().lastIndex(where: { w in
            [".", "!", ";"].contains(where: w.hasSuffix) && !PeopleParser.isRoleOnly(String(w.dropLast()))
        }) {
            missed = Array(came[(stop + 1)...])
            came = Array(came[...stop])
            came[stop] = String(came[stop].dropLast())
            while let w = missed.first, ["el", "la", "y", "pero"].contains(Phrase(w).core), missed.count > 1 { missed.removeFirst() }
        }
        // «ana y luis, pedro no vino»: the one named right before the words is who missed it.
        if missed.isEmpty {
            let pieces = PeopleParser.split(came.joined(separator: " "))
            guard pieces.count >= 2, let last = pieces.last else { return nil }
            came = pieces.dropLast().joined(separator: ", ").split(separator: " ").map(String.init)
            missed = [last]
        }
        words = came
        var cameText = came.joined(separator: " "), missedText = missed.joined(separator: " ")
        if let s = context.snapshot {
            cameText = SharedReadings.bySchool(cameText, in: s) ?? cameText
            missedText = SharedReadings.bySchool(missedText, in: s) ?? missedText
        }
        guard let present = DialogEngine.people(in: cameText, slot: slot, context: context),
              var absent = DialogEngine.people(in: missedText, slot: slot, context: context)?.filter({ !present.contains($0) }),
              !absent.isEmpty else { return nil }
        // «…, el director de la escuela los boldos marcelo riquelme y …» read as one name: refused
        // as the same list without «faltó» is, never kept as a person (qa29 c2: it became a member).
        if let roster = context.roster {
            let strays = present.filter { !roster.contains($0) && $0 != context.userName && !PeopleParser.isGroup($0) && !PeopleParser.looksLikeName($0) }
            if !strays.isEmpty {
                return .reask("No entendí «\(SlotValue.joinSpanish(strays))» como nombre de una persona. Dime quiénes asistieron con sus nombres (por ejemplo «Ana, Luis Soto y yo; faltó Marta»).")
            }
        }
        // «el director de la escuela X» with no such member: the role and its school, as said.
        // (Only a role right before its school: «la tía Ximena Antilef de la escuela Pucura» names
        // her, qa21 H: the title and the school were kept in her name.)
        let said = Phrase(missedText).tokens
        if absent.count == 1, said.count > 2, PeopleParser.isRoleAtPlace(said.joined(separator: " ")) {
            absent = [PeopleParser.roleAtPlaceLabel(missedText)]
        } else {
            absent = absent.map(Self.bareName)
        }
        var reasons = why.map { [Self.absence(absent, $0)] } ?? []
        var shown = SlotValue.joinSpanish(absent) + (why.map { " (\($0))" } ?? "")
        if let second, let more = DialogEngine.people(in: second.names.joined(separator: " "), slot: slot, context: context)?
            .map(Self.bareName).filter({ !present.contains($0) && !absent.contains($0) }), !more.isEmpty {
            absent += more
            if let w = second.why { reasons.append(Self.absence(more, w)) }
            shown += " y " + SlotValue.joinSpanish(more) + (second.why.map { " (\($0))" } ?? "")
        }
        let label = absent.count == 1 ? "Faltó" : "Faltaron"
        var values: SlotValues = ["asistentes": .list(present), "ausentes": .list(absent)]
        if !reasons.isEmpty { values["ausencia"] = .text(reasons.joined(separator: "; ")) }
        return .fill(values, remark: "Asistentes: \(SlotValue.joinSpanish(present)). \(label): \(shown).")
    }

    /// After the words of one absence (from `start`), «y la Ximena se excusó, anda en…» or «y
    /// faltó el Juan (enfermo)»: someone else who missed it, and why. `cut` is where, in the words
    /// after the first absence, the second one begins (its «y»). Nil unless a «y» opens, within
    /// three words, another absence whose person is written with a capital or is a first name.
    static func secondAbsence(_ words: [String], _ folded: [String], from start: Int) -> (cut: Int, names: [String], why: String?)? {
        guard start < folded.count else { return nil }
        let tail = Array(folded[start...])
        for m in tail.indices where m > 0 {
            guard let len = absenceMarkers.first(where: { tail[m...].starts(with: $0) })?.count,
                  let y = tail[..<m].lastIndex(where: { $0 == "y" || $0 == "e" }), m - y <= 4 else { continue }
            let who = Array(words[(start + y + 1)..<(start + m)]).filter { !["el", "la"].contains(Phrase($0).core) }
            let after = Array(words[(start + m + len)...])
            if who.isEmpty {
                // «y faltó el Juan, …»: who after the words.
                let (names, why) = namesAndWhy(after)
                guard names.contains(where: { $0.first?.isUppercase == true || FirstNames.canonical(Phrase($0).core) != nil }) else { continue }
                return (y, names, why)
            }
            guard who.allSatisfy({ $0.first?.isUppercase == true || FirstNames.canonical(Phrase($0).core) != nil }) else { continue }
            return (y, who, namesAndWhy(after).why ?? (after.isEmpty ? nil : reasonText(after)))
        }
        return nil
    }

    /// «la Luz, estaba con licencia» → («la Luz», «estaba con licencia»); «el Pedro (enfermo)» →
    /// («el Pedro», «enfermo»); «por licencia» → (nothing, «por licencia»): who missed it and why,
    /// said after the words of missing it. The reason is what a parenthesis holds, or opens at
    /// the first word that says why («porque», «que», «por», «con», «estaba», «tenía», «se»…);
    /// nil when none is said.
    static func namesAndWhy(_ words: [String]) -> (names: [String], why: String?) {
        if let open = words.firstIndex(where: { $0.contains("(") }) {
            let joined = words[open...].joined(separator: " ")
            guard let l = joined.firstIndex(of: "(") else { return (words, nil) }
            let inside = joined[joined.index(after: l)...].prefix { $0 != ")" }
            var names = Array(words[..<open])
            let head = joined[..<l].trimmingCharacters(in: .whitespaces)
            if !head.isEmpty { names.append(head) }
            return (names, reasonText(inside.split(separator: " ").map(String.init)))
        }
        guard let r = words.firstIndex(where: { reasonLeads.contains(Phrase($0).core) }) else { return (words, nil) }
        var names = Array(words[..<r])
        if let last = names.last, last.hasSuffix(",") { names[names.count - 1] = String(last.dropLast()) }
        return (names, reasonText(Array(words[r...])))
    }

    /// The reason as kept: without the «porque», «que», «ya que» that open it, the punctuation at
    /// its ends, and «…, el resto sí» (who came, not why); nil when nothing is left.
    static func reasonText(_ words: [String]) -> String? {
        var w = words
        if let end = w.indices.first(where: { i in i + 1 < w.count && w[i].hasSuffix(",")
            && ["el", "los", "las", "todos", "todas", "pero"].contains(Phrase(w[i + 1]).core) }) {
            w = Array(w[...end])
        }
        while let f = w.first, ["que", "q", "porque", "pq", "xq", "porq", "ya"].contains(Phrase(f).core) { w.removeFirst() }
        var text = Substring(w.joined(separator: " "))
        while let c = text.first, " .,;:!()".contains(c) { text = text.dropFirst() }
        while let c = text.last, " .,;:!()".contains(c) { text = text.dropLast() }
        return text.isEmpty ? nil : String(text)
    }

    /// Words that open why someone missed it.
    static let reasonLeads: WordSet = ["que", "q", "porque", "pq", "xq", "porq", "ya", "por", "con", "estaba", "estaban", "esta", "estan",
                                       "tenia", "tenian", "tiene", "tienen", "tuvo", "tuvieron", "anda", "andaba", "andan", "andaban",
                                       "enfermo", "enferma", "enfermos", "enfermas", "licencia", "se", "le", "les", "debido"]

    /// «Tia Ximena Antilef de la escuela Pucura» → «Ximena Antilef»: a newcomer's name said with a
    /// title before it and a school after it, when what is left is a name written with capitals
    /// (two to four words). Anything else is kept as read.
    static func bareName(_ name: String) -> String {
        var words = name.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0).lowercased() }
        var start = 0
        while start < words.count, AcuerdoFlow.titles.contains(folded[start]) { start += 1 }
        var end = words.count
        if let k = folded.indices.first(where: { $0 > start && ["de", "del"].contains(folded[$0]) }),
           folded[k...].contains(where: { ["escuela", "liceo", "colegio", "jardin", "establecimiento", "sala", "cuna"].contains($0) }) {
            end = k
        }
        guard start > 0 || end < words.count, end - start >= 2, end - start <= 4,
              words[start..<end].allSatisfy({ $0.first?.isUppercase == true }) else { return name }
        words = Array(words[start..<end])
        return words.joined(separator: " ")
    }

    /// «estuvimos todos», «vinimos los 3», «estuvimos los cuatro»: everyone expected at the
    /// meeting (a count that is not theirs is asked about, never guessed); «faltó la Nelly no
    /// más», «no vino el Victor nomás»: everyone expected but who missed it. Nil otherwise.
    static func wholeGroup(_ text: String, expected: [String], slot: SlotDefinition, context: EngineContext) -> Reading? {
        guard !expected.isEmpty else { return nil }
        var t = Phrase(text).tokens
        while let f = t.first, cameVerbs.contains(f) || ["si", "ya", "bueno", "hola", "po", "ahi"].contains(f) { t.removeFirst() }
        while let l = t.last, ["po", "nomas"].contains(l), t.count > 1 { t.removeLast() }
        guard !t.isEmpty else { return nil }
        let label = slot.label.prefix(1).uppercased() + slot.label.dropFirst()
        if SharedReadings.everyone.contains(t.joined(separator: " ")) {
            return .fill([slot.name: .list(expected)], remark: "\(label): \(SlotValue.joinSpanish(expected)).")
        }
        // «los 3», «las cuatro», «los 3 de siempre»: how many came.
        let counted = t.first.map { ["los", "las"].contains($0) } == true ? Array(t.dropFirst()) : t
        if let first = counted.first, counted.count <= 3, counted.dropFirst().allSatisfy({ ["de", "siempre", "que", "somos"].contains($0) }),
           let n = Int(first) ?? NumberParser.parse(first), n > 0 {
            guard n == expected.count else {
                return .reask("En este encuentro esperaba a \(expected.count) (\(SlotValue.joinSpanish(expected))), y me dices \(n). Dime quiénes estuvieron.")
            }
            return .fill([slot.name: .list(expected)], remark: "\(label): \(SlotValue.joinSpanish(expected)).")
        }
        // «faltó la Nelly no más»: only who missed it is said.
        let words = withoutOnly(text).split(separator: " ").map(String.init)
        let folded = words.map { Phrase($0).tokens.joined(separator: " ") }
        guard let length = absenceMarkers.first(where: { folded.starts(with: $0) })?.count else { return nil }
        // «faltó la Luz, estaba con licencia»: why is no one (it was not understood).
        let (names, why) = namesAndWhy(Array(words[length...]))
        let missedText = names.joined(separator: " ")
        guard let missed = DialogEngine.people(in: missedText, slot: slot, context: context), !missed.isEmpty,
              missed.allSatisfy(expected.contains) else { return nil }
        let came = expected.filter { !missed.contains($0) }
        guard !came.isEmpty else { return nil }
        var values: SlotValues = ["asistentes": .list(came), "ausentes": .list(missed)]
        if let why { values["ausencia"] = .text(absence(missed, why)) }
        return .fill(values, remark: "Asistentes: \(SlotValue.joinSpanish(came)). \(missed.count == 1 ? "Faltó" : "Faltaron"): \(SlotValue.joinSpanish(missed))\(why.map { " (\($0))" } ?? "").")
    }

    static let absenceMarkers: [[String]] = [
        ["falto"], ["faltaron"], ["faltaba"], ["no", "vino"], ["no", "vinieron"], ["no", "pudo", "venir"], ["no", "pudieron", "venir"],
        ["no", "llego"], ["no", "llegaron"], ["no", "asistio"], ["no", "asistieron"], ["no", "fue"], ["no", "fueron"],
        ["se", "excuso"], ["se", "excusaron"], ["estuvo", "ausente"], ["estuvieron", "ausentes"], ["ausente"], ["ausentes"],
    ] + subjectFirstMarkers

    /// «la Gloria avisó que no podía xq tenía licencia», «el Pedro no pudo, tenía consejo»: who
    /// missed it is named before these words, and what follows them is why (qa18 A6: «Gloria
    /// Avisó» was read as a newcomer who came).
    static let subjectFirstMarkers: [[String]] = [
        ["aviso", "que", "no"], ["avisaron", "que", "no"], ["no", "podia"], ["no", "podian"], ["no", "pudo"], ["no", "pudieron"],
        ["no", "alcanzo"], ["no", "alcanzaron"], ["esta", "con", "licencia"], ["estaba", "con", "licencia"], ["con", "licencia"],
    ]

    /// The meetings `text` names: held on the day it says («la de ayer»), the last one held
    /// («la última»), or by words of their name.
    /// The words of `text` written in capitals (two to six letters or digits, one letter at least), folded.
    static func acronyms(_ text: String) -> Set<String> {
        guard text.contains(where: \.isUppercase) else { return [] }
        return Set(text.split(separator: " ").map { $0.trimmingCharacters(in: .punctuationCharacters) }
            .filter { (2...6).contains($0.count) && $0.allSatisfy({ $0.isUppercase || $0.isNumber }) && $0.contains(where: \.isLetter) }
            .map { TextFold.fold($0) })
    }

    static func meetings(named text: String, in s: NetworkSnapshot, context: EngineContext) -> [Meeting] {
        let phrase = Phrase(text), t = phrase.tokens
        let today = context.today
        if let m = TemporalParser.parse(text, context: context.temporal), case .date(let d) = m.value {
            let on = s.meetings.filter { $0.isScheduled(on: d) || $0.occurrences[d] != nil || $0.occurrenceDate(heldOn: d) != nil }
            if !on.isEmpty { return on }
            // «la del jueves 17» the day after: the one held then.
            if let back = MeetingMention.recentlyHeld(d, text: text, in: Array(s.meetings), today: today).first { return [back.0] }
        }
        if t.contains(where: { ["ultima", "ultimo", "pasada", "pasado", "anterior"].contains($0) }), t.count <= 6 {
            let held = s.meetings.compactMap { m in m.scheduledDates(from: m.start.date, to: today, limit: 500).last.map { (m, $0) } }
            if let last = held.max(by: { $0.1 < $1.1 }) { return [last.0] }
        }
        let generic = Set(["reunion", "encuentro", "sesion", "acta", "asistencia", "registrar", "pasar", "del", "de", "la", "el"].map { Phrase.stem($0) })
        let words = Set(phrase.stems.filter { $0.count >= 4 && !generic.contains($0) })
        // «la reunión del DIA», «la del PME»: a short acronym in capitals names the meeting whose
        // title has it in capitals too (its stem is too short to count as a word).
        let caps = Self.acronyms(text)
        guard !words.isEmpty || !caps.isEmpty else { return [] }
        let scored = s.meetings.map { m in (m, Set(Phrase(m.title).stems).intersection(words).count + Self.acronyms(m.title).intersection(caps).count) }
            .filter { $0.1 > 0 }
        guard let best = scored.map(\.1).max() else { return [] }
        return scored.filter { $0.1 == best }.map(\.0)
    }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard let s = context.snapshot else { return .accept }
        let today = context.today
        switch slot.name {
        case "encuentro":
            // A meeting named by a weekday and a day that don't match (`claim`): which one is asked.
            if case .text(let said) = value, said.hasPrefix(EditarEncuentroFlow.doubtMark) { return .reject(String(said.dropFirst())) }
            guard let n = Read.int(value), let m = s.meeting(number: n) else { return .reject("No encuentro ese encuentro.") }
            guard case .number = value else { return .accept }
            var line = "Encuentro \(n): \(m.title), \(Wording.whenText(m, today: today))."
            if m.rrule == nil, m.start > context.temporal.localNow {
                line += " Ojo: todavía no se realiza; si es otro, dime su número."
            }
            var others: [String: SlotValue?] = [:]
            if m.isSeries {
                let (at, remarks) = occurrence(m, said: run.values["fecha"]?.dateValue, today: today)
                // No remark, no space: the line ended in one (qa31).
                if !remarks.isEmpty { line += " " + remarks.joined(separator: " ") }
                others["fecha"] = .dateTime(at)
            } else if run.values["fecha"] != nil {
                others["fecha"] = SlotValue?.none
            }
            return .replace(.text("\(n) («\(m.title)»)"), remarks: [line], others: others)
        case "fecha":
            // A date the user said (the session chosen is kept as a date-time).
            guard case .date(let said) = value else { return .accept }
            guard let n = run.values["encuentro"].flatMap(Read.int), let m = s.meeting(number: n) else {
                // The meeting is not known yet: its check places the date once it is.
                return said > today ? Verdict(value: value, quiet: true) : .accept
            }
            // A single meeting has one acta: its own day, whatever was said.
            guard m.isSeries else { return .accept }
            let (at, remarks) = occurrence(m, said: said, today: today)
            return Verdict(value: .dateTime(at), remarks: remarks, quiet: true)
        case "por_registrar":
            // Every one taken back at the review: nothing left to register.
            guard value.textValue?.isEmpty == true else { return .accept }
            return Verdict(value: nil)
        case "asistentes":
            // Someone now said to have come is no longer among those who missed it.
            guard let came = value.listValue, let missed = run.values["ausentes"]?.listValue, missed.contains(where: came.contains) else { return .accept }
            let still = missed.filter { !came.contains($0) }
            var others: [String: SlotValue?] = ["ausentes": still.isEmpty ? nil : .list(still)]
            if still.isEmpty { others["ausencia"] = .some(nil) }
            return Verdict(value: value, others: others)
        case "acuerdos":
            guard let t = value.textValue else { return .accept }
            // "no", "nada", "no hubo": the summary reads «ninguno», not the literal answer.
            // «ninguno todavía», «ninguno nuevo»: none too.
            if Read.isNone(t) || Self.saysNone(t) { return .replace(.text("ninguno")) }
            if t == Self.toRegister { return .accept }
            let nums = Read.numbers(in: t)
            if nums.isEmpty { return .reject("Necesito los números de los acuerdos (por ejemplo «1 y 3»), o «ninguno».") }
            let missing = nums.filter { s.agreement(number: $0) == nil }
            if !missing.isEmpty {
                let open = s.openAgreements(on: today)
                let list = open.isEmpty ? "" : " Los abiertos son:\n" + Answers.list(Array(open.prefix(8)), today: today)
                return .reject("No encuentro " + (missing.count == 1 ? "el acuerdo " : "los acuerdos ") + SlotValue.joinSpanish(missing.map(String.init)) + "." + list)
            }
            return .replace(.text((nums.count == 1 ? "acuerdo " : "acuerdos ") + SlotValue.joinSpanish(nums.map(String.init))))
        default:
            return .accept
        }
    }

    /// The occurrence of a series an acta goes to: the date the user said if the series met
    /// that day (or that day a year back: «el 2 de diciembre» said in January), else the one held
    /// on or before it; with no date, the one held today or most recently. The remarks say which
    /// one when it was not the user's own, and whether it is still to come or already has an acta.
    func occurrence(_ m: Meeting, said: LocalDate?, today: LocalDate) -> (LocalDateTime, [String]) {
        var remarks: [String] = []
        let d: LocalDate
        if let said, let held = m.occurrenceDate(heldOn: said) {
            // A session moved to that day is the one held then.
            d = held
        } else if let said, m.isScheduled(on: said) || m.occurrences[said] != nil {
            d = said
        } else if let said, said.adding(months: -12) <= today, m.isScheduled(on: said.adding(months: -12)) {
            d = said.adding(months: -12)
            remarks.append("Es la sesión del \(SpanishFormat.date(d, today: today)).")
        } else {
            // An acta is of a past session: a day still to come read a year back, as above.
            let said = said.map { $0 > today && $0.adding(months: -12) <= today ? $0.adding(months: -12) : $0 }
            d = said.map { m.scheduledDates(from: m.start.date, to: $0, limit: 1).last ?? m.firstDate } ?? m.actaDate(asOf: today)
            // A moved session told by the day it is held (it said the series' day, «martes 6»).
            let day = SpanishFormat.date(m.heldDate(of: d), today: today)
            if let said {
                remarks.append("El encuentro \(m.number.map(String.init) ?? m.id) no tuvo sesión el \(SpanishFormat.date(said, today: today)); tomo la del \(day). Si es otra, dime la fecha.")
            } else {
                remarks.append("El acta es la del \(day); si es de otra fecha, dímela.")
            }
        }
        if m.heldDate(of: d) > today { remarks.append("Ojo: esa fecha todavía no llega.") }
        if let o = m.occurrences[d], o.hasActa {
            remarks.append("Esa sesión ya tiene acta (\(Answers.count(o.attendees.count, "asistente", "asistentes"))); la nueva la reemplaza.")
        }
        // Shown on the day it meets (a session moved to the 17th is the 17th's); the save reads
        // it back to the series' date.
        return (m.occurrence(on: d).start, remarks)
    }

    /// How many people `attendees` are: a group kept with its count («Docentes de las escuelas
    /// (18)») is that many (qa16 A2: «3 asistentes» for 20 people).
    static func headcount(_ attendees: [String]) -> Int {
        attendees.reduce(0) { total, a in
            guard PeopleParser.isPlural(a), a.hasSuffix(")"), let open = a.lastIndex(of: "("),
                  let n = Int(a[a.index(after: open)..<a.index(before: a.endIndex)]), n > 0 else { return total + 1 }
            return total + n
        }
    }

    /// «saltar» at «¿Qué acuerdos se tomaron?»: none linked now (the store keeps the same as for
    /// «ninguno»), and how to add one later (qa32: «no se puede saltar»).
    func skipRequired(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> (value: SlotValue, note: String)? {
        guard slot.name == "acuerdos" else { return nil }
        return (.text("ninguno"), "Lo dejo sin acuerdos. Si se tomó alguno, regístralo después con «nuevo acuerdo».")
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        guard let n = v["encuentro"].flatMap(Read.int), let old = snapshot.meeting(number: n) else {
            throw StoreError.notFound("ese encuentro")
        }
        let today = w.clock.today()
        let date = v["fecha"]?.dateValue.flatMap { old.occurrenceDate(heldOn: $0) ?? (old.isScheduled(on: $0) || old.occurrences[$0] != nil ? $0 : nil) }
            ?? old.actaDate(asOf: today)
        let text = v["acuerdos"]?.textValue ?? ""
        let ids = Read.isNone(text) || text == Self.toRegister ? [] : Read.numbers(in: text).map { "A-\($0)" }
        var occurrence = old.occurrence(on: date)
        // On the meeting as stored now: an acta of another session, or a change to the series,
        // saved by someone else at the same moment is kept.
        let m = try w.store.modifyMeeting(id: old.id, network: snapshot.network.id) { fresh in
            let before = fresh
            occurrence = fresh.occurrence(on: date)
            occurrence.attendees = v["asistentes"]?.listValue ?? []
            occurrence.absentees = (v["ausentes"]?.listValue ?? []).filter { !occurrence.attendees.contains($0) }
            for id in ids where !occurrence.agreements.contains(id) { occurrence.agreements.append(id) }
            if let notes = v["notas"]?.textValue, !notes.isEmpty { occurrence.notes = notes }
            // The store has no key for why someone missed it: it is kept in the acta's notes.
            if let why = v["ausencia"]?.textValue, !why.isEmpty, !(occurrence.notes ?? "").contains(why) {
                occurrence.notes = Self.noteAdded("Ausencia: " + why, to: occurrence.notes)
            }
            occurrence.status = .realizada
            occurrence = occurrence.registered(by: user.name)
            fresh.record(occurrence)
            fresh.markChanged(since: before, at: w.stamp)
        }
        // The agreements point back to the meeting they were taken in (on each one as stored now:
        // a follow-up saved meanwhile keeps its history).
        for id in ids {
            guard let a = snapshot.agreements.first(where: { $0.id == id }), a.meeting != m.id else { continue }
            _ = try w.store.modifyAgreement(id: id, network: snapshot.network.id) { $0.meeting = m.id }
        }
        var resumen = "quedó el acta del encuentro \(n) del \(SpanishFormat.date(m.heldDate(of: date), today: today)), con "
            + Answers.count(Self.headcount(occurrence.attendees), "asistente", "asistentes")
        resumen += ids.isEmpty ? "." : " y " + (ids.count == 1 ? "el acuerdo " : "los acuerdos ")
            + SlotValue.joinSpanish(ids.map { String($0.dropFirst(2)) }) + "."
        return ["id": m.id, "numero": String(n), "fecha": date.iso, "resumen": resumen]
    }
}


extension AsistenciaFlow {
    /// «la Rosa no vino porque estaba enferma, el resto sí», «faltó el Pedro, los demás vinieron»:
    /// those named missed it (with the reason said), everyone else expected came. Nil unless the
    /// last clause says only that the rest came.
    static func restCame(_ message: Utterance, run: FlowRun, slot: SlotDefinition, context: EngineContext) -> Reading? {
        let t = message.phrase.tokens
        guard t.contains(where: { $0 == "resto" || $0 == "demas" }), let comma = message.clean.lastIndex(of: ","),
              case let tail = Phrase(String(message.clean[message.clean.index(after: comma)...])).tokens,
              tail.contains(where: { $0 == "resto" || $0 == "demas" }), tail.allSatisfy(restWords.contains) else { return nil }
        let words = message.clean[..<comma].split(separator: " ").map(String.init)
        let folded = words.map { Phrase($0).tokens.joined(separator: " ") }
        guard let (k, length) = folded.indices.lazy.compactMap({ i -> (Int, Int)? in
            absenceMarkers.first { m in folded[i...].starts(with: m) }.map { (i, $0.count) }
        }).first else { return nil }
        var who = Array(words[..<k]), why: String?
        let after = Array(words[(k + length)...])
        if who.isEmpty {
            (who, why) = namesAndWhy(after)
        } else {
            why = folded[k..<(k + length)].contains("licencia") ? reasonText(Array(words[k...])) : reasonText(after)
        }
        while let w = who.first, ["y", "pero", "oye", "ya", "bueno"].contains(Phrase(w).core), who.count > 1 { who.removeFirst() }
        guard let missed = DialogEngine.people(in: who.joined(separator: " "), slot: slot, context: context)?.map(bareName), !missed.isEmpty else { return nil }
        let came = expected(run, context: context).filter { !missed.contains($0) }
        guard !came.isEmpty else { return nil }
        var values: SlotValues = ["asistentes": .list(came), "ausentes": .list(missed)]
        if let why { values["ausencia"] = .text(absence(missed, why)) }
        let label = missed.count == 1 ? "Faltó" : "Faltaron"
        return .fill(values, remark: "Asistentes: \(SlotValue.joinSpanish(came)). \(label): \(SlotValue.joinSpanish(missed))\(why.map { " (\($0))" } ?? "").")
    }

    static let restWords: WordSet = ["el", "los", "las", "la", "resto", "demas", "si", "y", "pero", "todos", "todas", "otros", "otras",
                                     "vino", "vinieron", "llegaron", "estuvieron", "asistieron", "estuvo", "llego", "fueron", "fue"]

    /// «ah, y llegó también la tía Carmen», «después llegó el Pedro» once who came was answered:
    /// one more attendee (out of who missed it), and the question asked stays. Nil otherwise.
    static func cameLate(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        let t = message.phrase.tokens
        guard let came = run.values["asistentes"]?.listValue, t.count <= 14,
              let v = t.firstIndex(where: arrivalWords.contains), v <= 4, t[..<v].allSatisfy(lateLeads.contains),
              t.contains(where: { ["tambien", "despues", "tarde", "atrasado", "atrasada", "luego"].contains($0) }),
              let extra = DialogEngine.people(in: arrivalClause(message.clean), slot: attendeesSlot, context: context)?.filter({ !came.contains($0) }),
              !extra.isEmpty else { return nil }
        var values: SlotValues = ["asistentes": .list(came + extra)]
        if let missed = run.values["ausentes"]?.listValue {
            let left = missed.filter { !extra.contains($0) }
            values["ausentes"] = left.isEmpty ? nil : .list(left)
        }
        return .fill(values, remark: "Sumé a \(SlotValue.joinSpanish(extra)) a los asistentes.")
    }

    /// Who came, to read names with (the question being answered is another).
    static let attendeesSlot = SlotDefinition(name: "asistentes", type: .people, ask: "¿Quiénes asistieron?", isList: true)

    static let lateLeads: WordSet = ["ah", "y", "oye", "ojo", "igual", "tambien", "despues", "luego", "mas", "tarde", "se", "nos", "me", "olvidaba", "ya", "pero"]
}

