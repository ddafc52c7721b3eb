import CivilTime
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/cerrar-sondeo.yaml`: closing a poll. Minga shows the tally and proposes the option
/// most can attend; «dale» takes it. The chosen option becomes a meeting.
struct CerrarSondeoFlow: MingaFlow {
    let id = "cerrar_sondeo"

    /// «ciérralo», «dale, ciérralo así» to «¿Cierro el sondeo así?»: yes, in its own verb.
    func confirmsInOwnWords(_ phrase: Phrase, run: FlowRun, context: EngineContext) -> Bool {
        SondeoFlow.saysOwnVerb(phrase.tokens, verbs: ["cierra", "cierralo", "cierrala", "cerrar", "cerremos", "cerrarlo", "cerrarla"])
    }
    let saveKind: String? = "poll_close"
    let slotNames = ["sondeo", "elegida", "agendar", "motivo", "participantes"]

    func blocker(_ context: EngineContext) -> String? { OpenPoll.blocker(context) }
    /// The chosen option becomes a meeting unless the person says not yet («no lo agendes todavía»).
    func defaults(_ run: FlowRun, context: EngineContext) -> SlotValues {
        OpenPoll.defaults(context).merging(["agendar": .bool(true)]) { a, _ in a }
    }

    /// `claim` needs one of these (`ClaimCues`): A verb of closing, or a word of the result.
    func claimCues(_ flow: FlowDefinition) -> ClaimCues { ClaimCues(words: Array(Self.resultWords), prefixes: ["cerr", "cierr"]) }

    /// With one poll open: «ya respondieron todos la consulta? que día ganó?» from whoever
    /// launched it asks for its result, which is how closing starts (the tally, and the option
    /// most can attend); «cerremosla con el jueves 7» closes it on that day.
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        let closes = t.contains(where: Self.closingStems.opens)
        // «¿ya respondieron todos?», «¿cómo va el sondeo?» ask how far the poll got (the status
        // query, who is missing), not for its result: a result word starts closing.
        let asksResult = t.contains(where: Self.outcomeWords.contains) && t.contains(where: Self.pollNouns.contains)
        guard closes || asksResult else { return nil }
        let open = context.snapshot?.polls.filter(\.isOpen) ?? []
        guard open.count == 1, let p = open.first, let n = p.number else { return nil }
        // «cierra el sondeo, no hubo acuerdo», «cerremos la votación sin fecha»: closed on no option.
        if closes, !Self.keepsOpen(t), Self.withoutDate(t) {
            return Claim(values: Self.closedWithoutDate(n, message.clean))
        }
        if closes, let days = OpenPoll.dayPicks(OpenPoll.clauses(message.clean), options: p.options), days.count == 1 {
            return Claim(values: ["sondeo": .number(Double(n)), "elegida": .number(Double(days[0]))])
        }
        // «cierralo nomas, agendemos el que mas puedan»: closed on the option most can attend
        // (not «no lo cierres todavía»).
        if closes, !asksResult, !t.contains("no"), t.contains("mas"), t.contains(where: { $0.hasPrefix("pued") }),
           p.createdBy == nil || p.createdBy == context.userName {
            var values: SlotValues = ["sondeo": .number(Double(n))]
            // Only a clear winner is taken; a tie is the person's to choose (the flow proposes one).
            if let best = p.best, let i = p.options.firstIndex(of: best), p.tally[i].1 > 0,
               p.tally.filter({ $0.1 == p.tally[i].1 }).count == 1 {
                values["elegida"] = .number(Double(i + 1))
            }
            return Claim(values: values)
        }
        // «ya ciérrala», «ciérralo nomás» right after the poll's tally: the closing verb with
        // fillers only is about the one poll open (it got the menu: pass 8, 03-12).
        let bareClose = closes && t.allSatisfy { Self.closingStems.opens($0) || Self.closeFillers.contains($0) }
        guard asksResult || bareClose, p.createdBy == nil || p.createdBy == context.userName else { return nil }
        return Claim(values: ["sondeo": .number(Double(n))])
    }

    /// Words around a bare «ciérrala» that say nothing more.
    static let closeFillers: Set<String> = ["ya", "po", "pues", "nomas", "entonces", "mejor", "altiro", "bueno", "ahora", "porfa", "ok", "dale",
                                            "listo", "oye", "y", "lo", "la", "hay", "que", "minga"]

    /// «cerrar», «cierra», «cierren»: folded words, compared on bytes.
    static let closingStems = WordPrefixes(["cerr", "cierr"])
    static let resultWords: Set<String> = ["gano", "gana", "ganadora", "ganador", "respondieron", "contestaron", "resultado", "resultados"]
    static let pollNouns: Set<String> = ["sondeo", "encuesta", "consulta", "votacion", "dia", "fecha"]
    static let outcomeWords: Set<String> = ["gano", "gana", "ganadora", "ganador", "resultado", "resultados"]

    /// «cierra la encuesta y dejemos el martes 22»: the option on that day, with one poll open.
    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        let open = context.snapshot?.polls.filter(\.isOpen) ?? []
        if open.count == 1, let n = open[0].number, Self.withoutDate(Phrase(request).tokens) {
            return Prefill(values: Self.closedWithoutDate(n, request).mapValues { Optional($0) }, replacesEcho: true)
        }
        guard open.count == 1, let n = open[0].number,
              let days = OpenPoll.dayPicks(OpenPoll.clauses(request), options: open[0].options), days.count == 1 else { return Prefill() }
        // «el martes 15»: the 15 is the day, not the poll's number.
        return Prefill(values: ["sondeo": .number(Double(n)), "elegida": .number(Double(days[0]))], replacesEcho: true)
    }

    /// "dale", "la que más pueden": the option Minga proposed.
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        // «ninguna sirve, ciérralo sin agendar», «no hubo acuerdo»: closed on no option, with
        // why (it only said «lo dejo abierto»: pass 8, 11-11).
        if slot.name == "elegida", !Self.keepsOpen(message.phrase.tokens), Self.withoutDate(message.phrase.tokens),
           let n = run.values["sondeo"].flatMap(Read.int) {
            var values = Self.closedWithoutDate(n, message.clean)
            values["sondeo"] = nil
            return .fill(values, remark: nil)
        }
        // «mejor esperemos que respondan, no lo cierres todavía»: the poll stays open.
        if Self.keepsOpen(message.phrase.tokens) {
            return .end("Ya, lo dejo abierto. Cuando quieras cerrarlo, escribe «cerrar sondeo».")
        }
        // «el martes», «dejemos el jueves 10»: the one option on that day.
        if slot.name == "elegida", let p = OpenPoll.poll(run.values, in: context.snapshot),
           let days = OpenPoll.dayPicks(OpenPoll.clauses(message.clean), options: p.options), days.count == 1 {
            var values: SlotValues = ["elegida": .number(Double(days[0]))]
            for (k, v) in Self.meetingDetails(message.clean, context: context) { values[k] = v }
            return .fill(values, remark: nil)
        }
        // «la 1, en la biblioteca municipal», «la 2 pero de 9 a 17»: the option by its number, and
        // what the meeting it becomes has besides (the poll itself keeps no place).
        if slot.name == "elegida", let n = Self.leadingOption(message.phrase.tokens), let p = OpenPoll.poll(run.values, in: context.snapshot),
           (1...max(1, p.options.count)).contains(n), case let details = Self.meetingDetails(message.clean, context: context), !details.isEmpty {
            var values: SlotValues = ["elegida": .number(Double(n))]
            for (k, v) in details { values[k] = v }
            return .fill(values, remark: nil)
        }
        guard slot.name == "elegida", Self.takeProposal.contains(message.phrase.core) || Self.takeProposal.contains(message.phrase.folded),
              let p = OpenPoll.poll(run.values, in: context.snapshot), let best = p.best,
              let i = p.options.firstIndex(of: best), p.tally[i].1 > 0 else { return nil }
        return .fill(["elegida": .number(Double(i + 1))], remark: nil)
    }

    /// The option number a message opens with («la 1, …», «dejemos la opción 2 en…»), with more
    /// words after it; nil otherwise.
    static func leadingOption(_ t: [String]) -> Int? {
        let lead = t.prefix { Int($0) != nil || ["la", "el", "opcion", "numero", "dejemos", "deja", "mejor", "ya", "si"].contains($0) }
        guard lead.count < t.count, case let numbers = lead.compactMap({ Int($0) }), numbers.count == 1 else { return nil }
        return numbers[0]
    }

    /// «no lo cierres todavía», «esperemos que respondan», «déjalo abierto»: not closing now.
    static func keepsOpen(_ t: [String]) -> Bool {
        let notClosing = t.indices.contains { i in
            closingStems.opens(t[i]) && t[..<i].suffix(2).contains("no")
        }
        let waiting = t.contains { ["esperemos", "esperar", "esperamos", "espera"].contains($0) } && !t.contains(where: closingStems.opens)
        let leftOpen = t.contains("abierto") && t.contains { $0.hasPrefix("dej") }
        return notClosing || waiting || leftOpen
    }

    /// What the «opción elegida» of a poll closed on no option says.
    static let noOption = "ninguna: se cierra sin fecha"

    /// «ninguna sirve», «no hubo acuerdo», «sin fecha», «sin elegir»: the poll closes on none of
    /// its options. «sin agendar» alone is an option closed without a meeting, not this.
    static func withoutDate(_ t: [String]) -> Bool {
        if t.contains(where: { ["ninguna", "ninguno", "ningun"].contains($0) }) { return true }
        for i in t.indices.dropLast() {
            let next = t[i + 1]
            if t[i] == "sin", ["fecha", "fechas", "elegir", "decidir", "acuerdo", "opcion", "definir", "dia"].contains(next) { return true }
            if ["hubo", "hay", "llegamos", "pusimos"].contains(next), t[i] == "no",
               t[(i + 2)...].prefix(3).contains(where: { $0 == "acuerdo" || $0 == "consenso" || $0 == "fecha" }) { return true }
        }
        return false
    }

    /// A poll closed on no option: not scheduled, and why when the message says it (the clauses
    /// besides the one that closes it: «no hubo acuerdo», «el Manuel no puede, la vemos en marzo»).
    static func closedWithoutDate(_ n: Int, _ text: String) -> SlotValues {
        var values: SlotValues = ["sondeo": .number(Double(n)), "elegida": .text(noOption), "agendar": .bool(false)]
        let clauses = text.split(whereSeparator: { ",;.".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }
        let why = clauses.filter { c in
            let t = Phrase(c).tokens
            guard !t.isEmpty, !t.contains(where: closingStems.opens) else { return false }
            // «sin fecha», «ninguna» alone say no more than closing on no option.
            return t.contains { !["ninguna", "ninguno", "ningun", "sin", "fecha", "fechas", "opcion", "nomas", "no", "mas", "ya", "y", "po", "entonces", "mejor"].contains($0) }
        }
        if !why.isEmpty {
            let said = why.joined(separator: ", ")
            values["motivo"] = .text(said.prefix(1).uppercased() + said.dropFirst())
        }
        return values
    }

    /// The reason is asked only of a poll closed on no option; scheduling only of one closed on
    /// an option. The meeting's place and length are never asked: only taken when said.
    func asks(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Bool {
        if ["lugar", "duracion", "hora", "participantes"].contains(slot.name) { return false }
        return slot.name != "motivo" || run.values["elegida"]?.textValue == Self.noOption
    }

    /// «sí, en el liceo Angelmo, dura 2 horas» at the review of a poll that becomes a meeting:
    /// where it is and how long it lasts go to that meeting (they were dropped; pass 9, 03-13).
    /// Shown in the review again, so the yes is to what will be saved.
    func reviewChange(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        guard run.values["agendar"] == .bool(true), message.clean.contains(",") || message.phrase.tokens.contains("dura")
                || message.phrase.tokens.contains("en") else { return nil }
        let rest = YesNo.lead(message.clean)?.rest ?? message.clean
        var values: SlotValues = [:]
        let clauses = rest.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        // «en el liceo Angelmo», «es en la escuela El Manzano»: a clause saying where.
        for c in clauses {
            let t = Phrase(c).tokens
            guard let at = t.firstIndex(of: "en"), at <= 2, at + 2 < t.count, t[..<at].allSatisfy({ ["es", "sera", "pero", "ya", "y", "lo", "la", "hacemos"].contains($0) }),
                  ["el", "la", "los", "las"].contains(t[at + 1]) || EditarEncuentroFlow.institutions.contains(t[at + 1]),
                  let r = c.range(of: "en ", options: .caseInsensitive),
                  let place = EditarEncuentroFlow.place(in: "es " + c[r.lowerBound...], context: context, leads: ["es"]) else { continue }
            values["lugar"] = .text(place)
            break
        }
        if let clause = clauses.first(where: { c in Phrase(c).tokens.contains { $0.hasPrefix("dur") } }),
           let minutes = DurationParser.parse(clause) {
            values["duracion"] = .duration(minutes: minutes)
        }
        // «es jornada completa, de 9 a 17», «pero en la biblioteca, a las 10»: the hours and the
        // place said in any clause (qa25: dropped, and the meeting kept the option's 15:00).
        for (k, v) in Self.meetingDetails(rest, context: context) where values[k] == nil { values[k] = v }
        return values.isEmpty ? nil : .fill(values, remark: nil)
    }

    /// What a message says of the meeting a closed poll becomes, besides the option: its hours
    /// («de 9 a 17»: from 9, eight hours; «a las 10»: from 10) and its place («en la biblioteca
    /// municipal»), each in a clause of its own or after other words.
    static func meetingDetails(_ text: String, context: EngineContext) -> SlotValues {
        var values: SlotValues = [:]
        let clauses = text.split(whereSeparator: { ",;".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }
        for c in clauses {
            var said = c
            // «pero de 9 a 17 en la biblioteca municipal»: the place after the hours.
            let words = c.split(separator: " ").map(String.init)
            if values["lugar"] == nil, let at = words.indices.dropLast().first(where: { i in
                   TextFold.fold(words[i]).lowercased() == "en"
                       && (["el", "la", "los", "las"].contains(TextFold.fold(words[i + 1]).lowercased()) || EditarEncuentroFlow.institutions.contains(Phrase(words[i + 1]).core))
               }), at + 2 <= words.count {
                // «en el liceo huequen a las 14:30 mejor»: the hour said after the place ends it
                // (qa37: the place, read with the hour in it, was no place and was dropped); the
                // hour is read on its own below, the fillers after it are neither.
                var where_ = words[at...].joined(separator: " ")
                var hour = ""
                if let m = TemporalParser.parse(where_, context: context.temporal), let r = where_.range(of: m.text), r.lowerBound > where_.startIndex {
                    hour = m.text
                    where_ = String(where_[..<r.lowerBound])
                }
                var kept = where_.split(separator: " ").map(String.init)
                while let last = kept.last, kept.count > 2, Self.closeFillers.contains(Phrase(last).folded) { kept.removeLast() }
                if let place = EditarEncuentroFlow.place(in: "es " + kept.joined(separator: " "), context: context, leads: ["es"]) {
                    values["lugar"] = .text(place)
                    // («la 2 en la escuela el manzano a las 10»: the hour after the place is read
                    // alone; with the option's number before it, «2 a las 10» was a range.)
                    said = hour.isEmpty ? words[..<at].joined(separator: " ") : hour
                }
            }
            let t = Phrase(said).tokens
            guard values["hora"] == nil, t.contains(where: { ["las", "a", "hrs", "hr", "horas"].contains($0) }) || said.contains(":"),
                  let m = TemporalParser.parse(said, context: context.temporal) else { continue }
            switch m.value {
            case .timeRange(let a, let b) where b.minutesSinceMidnight > a.minutesSinceMidnight:
                values["hora"] = .time(a)
                values["duracion"] = .duration(minutes: b.minutesSinceMidnight - a.minutesSinceMidnight)
            case .dateTimeRange(let a, let b) where a.date == b.date && b.time.minutesSinceMidnight > a.time.minutesSinceMidnight:
                values["hora"] = .time(a.time)
                values["duracion"] = .duration(minutes: b.time.minutesSinceMidnight - a.time.minutesSinceMidnight)
            case .time(let a) where t.contains("las") || said.contains(":"):
                values["hora"] = .time(a)
            default:
                break
            }
        }
        return values
    }

    static let takeProposal: WordSet = ["si", "sí", "ya", "dale", "ok", "oki", "bueno", "sipo", "si po", "ya po", "yapo", "esa", "esa misma",
                                            "la que mas pueden", "la que mas puedan", "la propuesta", "la que propones", "la que dices",
                                            "de acuerdo", "perfecto", "la mejor", "la que tenga mas votos", "la mas votada", "obvio"]

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        switch slot.name {
        case "sondeo":
            // Chosen in the request already («…y dejemos el martes»): the tally, without a proposal.
            var verdict = OpenPoll.check(value, context: context) { tally($0, context: context, proposing: run.values["elegida"] == nil) }
            // Who the meeting will invite, shown at the review (it was not: new-user pass).
            if run.values["agendar"] != .bool(false), run.values["participantes"] == nil, let s = context.snapshot,
               let n = Read.int(value), let p = s.polls.first(where: { $0.number == n }), p.isOpen {
                verdict.others["participantes"] = .list(Self.invitees(p, s))
            }
            return verdict
        case "elegida":
            // Closed on no option nothing is scheduled: nobody to invite.
            if value.textValue == Self.noOption {
                var verdict = Verdict.accept
                verdict.others["participantes"] = .some(nil)
                return verdict
            }
            guard let n = Self.optionNumber(value), let p = OpenPoll.poll(run.values, in: context.snapshot) else { return .accept }
            if !(1...max(1, p.options.count)).contains(n) { return .reject("Esa opción no existe; son del 1 al \(p.options.count).") }
            guard case .number = value else { return .accept }
            // The review shows the option itself, as the poll lists it, not just its number.
            let shown = SpanishFormat.dateTime(p.options[n - 1], today: context.today)
            // A day in the summer break is said before it becomes a meeting.
            let summer = SondeoFlow.summerNote(p.options[n - 1].date, context: context).map { [$0] } ?? []
            // Read from the request, before the tally is shown: the review says it.
            if case .number? = run.values["sondeo"] { return .replace(.text("\(shown) (opción \(n))"), remarks: summer) }
            return .replace(.text("\(shown) (opción \(n))"), remarks: ["Opción \(n): \(shown)."] + summer)
        default:
            return .accept
        }
    }

    /// «deshacer» right after closing: the meeting it created is deleted (confirmed first) and,
    /// with it, the poll opens again (`BorrarRegistroFlow` reopens the poll that chose it).
    func undo(_ record: String, context: EngineContext) -> Undo? {
        Undo(flow: "borrar_registro", values: ["registro": .text(record)])
    }

    /// Who the meeting a poll becomes invites: whoever launched it first, then every member,
    /// then anyone who answered without being one.
    static func invitees(_ p: Poll, _ snapshot: NetworkSnapshot) -> [String] {
        var who: [String] = p.createdBy.map { [$0] } ?? []
        for name in snapshot.members.map(\.name) + p.answers.map(\.member) where !who.contains(name) { who.append(name) }
        return who
    }

    func tally(_ p: Poll, context: EngineContext, proposing: Bool = true) -> String {
        let today = context.today
        var text = "Sondeo \(p.number ?? 0): «\(p.title)», con \(Answers.count(p.answers.count, "respuesta", "respuestas")).\n"
        text += p.tally.enumerated().map { i, t in
            let who = p.answers.filter { $0.canAttend.contains(t.0) }.map(\.member)
            return "\(i + 1). \(SpanishFormat.dateTime(t.0, today: today)): \(t.1)" + (who.isEmpty ? "" : " (\(SlotValue.joinSpanish(who)))")
        }.joined(separator: "\n")
        let missing = p.waiting(among: context.snapshot?.members.map(\.name) ?? [])
        if !missing.isEmpty { text += "\nTodavía no responde: \(SlotValue.joinSpanish(missing))." }
        if proposing, let best = p.best, let i = p.options.firstIndex(of: best), p.tally[i].1 > 0 {
            text += "\nTe propongo la opción \(i + 1): es la que más pueden."
        }
        return text
    }

    /// The option number of a poll's chosen option: a number, or "jueves 3 de diciembre a las
    /// 15:00 (opción 2)" as the review shows it (its other numbers are the date's).
    static func optionNumber(_ v: SlotValue) -> Int? {
        if case .text(let t) = v, let r = t.range(of: "(opción ", options: .backwards) {
            return Int(t[r.upperBound...].prefix(while: \.isNumber))
        }
        return Read.int(v)
    }

    /// Closing (or answering) a poll deleted meanwhile: nothing left to resume.
    func outdated(_ run: FlowRun, bySaving kind: String, values: SlotValues, context: EngineContext) -> Bool {
        guard let n = run.values["sondeo"].flatMap(Read.int), let p = context.snapshot?.polls.first(where: { $0.number == n }) else { return false }
        return BorrarRegistroFlow.removes(p.id, bySaving: kind, values: values)
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        if let n = v["sondeo"].flatMap(Read.int), let p = snapshot.polls.first(where: { $0.number == n }), v["elegida"]?.textValue == Self.noOption {
            let note = w.stamp + (user.name.map { " por \($0)" } ?? "") + (v["motivo"]?.textValue.map { ": \($0)" } ?? "")
            _ = try w.store.modifyPoll(id: p.id, network: snapshot.network.id) { $0.closedWithoutDate = note }
            return ["id": p.id, "numero": String(n),
                    "resumen": "cerré el sondeo \(n) («\(p.title)») sin fecha: no agendé nada. Cuando tengan fechas nuevas, escribe «consultar disponibilidad» y armamos otro."]
        }
        guard let n = v["sondeo"].flatMap(Read.int), let p = snapshot.polls.first(where: { $0.number == n }),
              let k = v["elegida"].flatMap(Self.optionNumber), (1...p.options.count).contains(k) else {
            throw StoreError.notFound("esa opción del sondeo")
        }
        let chosen = p.options[k - 1]
        // «de 9 a 17» said while closing: the meeting starts then, on the option's day.
        let start: LocalDateTime = if case .time(let t)? = v["hora"] { LocalDateTime(date: chosen.date, time: t) } else { chosen }
        let today = w.clock.today()
        if v["agendar"] == .bool(false) {
            // On the poll as stored now: an answer saved while closing it stays.
            _ = try w.store.modifyPoll(id: p.id, network: snapshot.network.id) { $0.chosen = chosen }
            return ["id": p.id, "numero": String(n),
                    "resumen": "cerré el sondeo \(n) con el \(SpanishFormat.dateTime(chosen, today: today)), sin agendarlo. Cuando quieras, escribe «agendar un encuentro»."]
        }
        // The poll asked the whole network, so the whole network is invited: whoever launched it
        // first (they called the meeting), then every member (qa37: only those who answered were
        // stored, and those who had not answered yet were left out), then anyone who answered
        // without being a member.
        // (As the review showed them, or as changed there.)
        let who = v["participantes"]?.listValue ?? Self.invitees(p, snapshot)
        let minutes: Int? = if case .duration(minutes: let d)? = v["duracion"] { d } else { nil }
        let m = try w.store.addMeeting(Meeting(id: "", title: p.title, kind: .regular, start: start, durationMinutes: minutes ?? p.durationMinutes,
                                               place: v["lugar"]?.textValue, participants: who, modified: w.stamp).registered(by: user.name), network: snapshot.network.id, key: w.key)
        _ = try w.store.modifyPoll(id: p.id, network: snapshot.network.id) {
            $0.chosen = chosen
            $0.meeting = m.id
        }
        return ["id": m.id, "numero": m.number.map(String.init) ?? m.id,
                "resumen": "cerré el sondeo \(n) y agendé «\(p.title)» el \(SpanishFormat.dateTime(start, today: w.clock.today())) como el encuentro \(m.number ?? 0) (\(m.id))."]
    }
}
