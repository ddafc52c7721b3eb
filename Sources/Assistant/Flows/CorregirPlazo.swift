import CivilTime
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/corregir-plazo.yaml`: an agreement's deadline that was written down wrong is put
/// right. Its state stays (a typo is no rescheduling) and the history keeps what it said before.
struct CorregirPlazoFlow: MingaFlow {
    let id = "corregir_plazo"
    let saveKind: String? = "agreement_deadline"
    let slotNames = ["acuerdo", "plazo"]

    func blocker(_ context: EngineContext) -> String? { AgreementMention.noneYet(context) }

    func declineKeeps(_ run: FlowRun, context: EngineContext) -> Bool { true }

    /// `claim` needs one of these (`ClaimCues`): a field of `AgreementFieldEdit`, or a word each
    /// way of `SeguimientoFlow.fixesDeadline` needs («no» before the other day; «es», «queda»…
    /// before the new one; «plazo»/«fecha», which `onlyDeadline` needs too). «registrar un
    /// acuerdo» holds none.
    func claimCues(_ flow: FlowDefinition) -> ClaimCues {
        ClaimCues(words: AgreementFieldEdit.cues + ["no"] + SeguimientoFlow.deadlineCopulas)
    }

    /// «el acuerdo de los libros es pal 15 de marzo, no pal 31», «no, el plazo de la jornada quedó
    /// mal, es el 10 de marzo», «el plazo del acuerdo 2 está malo, es el 20 de enero»: the
    /// agreement (by number, by what it says, or the one just saved) and its right deadline.
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        // «editar acuerdo 1: plazo 1 de marzo, responsables …»: each field named, the deadline first.
        if let edit = AgreementFieldEdit.read(message, context: context) { return edit.claim(for: id) }
        // «cámbiale la fecha» right after saving an agreement: its deadline, the new one asked.
        if let field = JustSavedChange.field(t), ["fecha", "plazo", "dia"].contains(field), let last = context.lastSave,
           ["acuerdo", "seguimiento", id].contains(last.flow), last.others == nil,
           let n = context.snapshot?.agreements.first(where: { $0.id == last.record })?.number {
            return Claim(values: ["acuerdo": .number(Double(n))])
        }
        guard SeguimientoFlow.fixesDeadline(t) || Self.onlyDeadline(t), !t.contains(where: BorrarFlow.erases),
              let s = context.snapshot, !s.agreements.isEmpty else { return nil }
        var text = message.clean
        // «el plazo del acuerdo 3 …»: the number after «acuerdo» is the agreement, never a day.
        var number: Int?
        // «el plazo del 1 queda…» too, unless the number starts a date («del 15 de marzo»).
        if let r = text.range(of: #"(?i)acuerdo\s+(n[°º.]?\s*)?(\d+)\b"#, options: .regularExpression)
            ?? text.range(of: #"(?i)\b(plazo|fecha)\s+del\s+(\d+)\b(?!\s*(de|\/|-)\s*\w)"#, options: .regularExpression),
           let n = Int(text[r].filter(\.isNumber)), s.agreement(number: n) != nil {
            number = n
            text.replaceSubrange(r, with: "acuerdo")
        }
        // The right day is the first one said: in «es pal 15 de marzo, no pal 31» the second is the wrong one.
        guard let day = Self.deadline(in: text, context: context) else { return nil }
        if number == nil {
            // (One already due on the new day is not the one whose day is wrong: «…es el 30, no
            // el 23» named the agreement due on the 30th.)
            let named = AgreementReference.named(text, in: s, context: context).filter { $0.deadline != day }
            if named.count == 1 { number = named[0].number }
        }
        // «el plazo del banco de textos es el viernes 23 de abril, no el 16»: the one whose
        // deadline is the day said against the new one (qa36: «acuerdo 16», or the one saved last).
        if number == nil { number = Self.dueOnRefusedDay(t, day: day, in: s, context: context)?.number }
        // «el plazo de la veronica es el 14 no el 11»: the one person named holds it (qa20 A10:
        // the one just saved, someone else's, was changed).
        if number == nil { number = Self.heldBy(t, day: day, in: s, context: context)?.number }
        // «no, el plazo quedó mal» right after saving agreements: the one just saved.
        if number == nil, let last = context.lastSave, ["acuerdo", "seguimiento", id].contains(last.flow) {
            number = s.agreements.first(where: { $0.id == last.record })?.number
        }
        var values: SlotValues = ["plazo": .date(day)]
        if let n = number { values["acuerdo"] = .number(Double(n)) }
        return Claim(values: values, echo: ["plazo correcto: \(SpanishFormat.date(day, today: context.today))"])
    }

    /// The open agreement held by the person `t` names by first name, when only one is theirs; with
    /// several, the one whose deadline is the other day said («no el 11»). Nil when no member, or
    /// no single agreement, is named that way.
    static func heldBy(_ t: [String], day: LocalDate, in s: NetworkSnapshot, context: EngineContext) -> Agreement? {
        let words = Set(t)
        let people = Set(s.members.filter { !$0.isOut }.map(\.name).filter { name in
            name.split(separator: " ").first.map { words.contains(TextFold.fold(String($0))) } ?? false
        })
        guard !people.isEmpty else { return nil }
        let open = s.openAgreements(on: context.today)
        var held = (open.isEmpty ? Array(s.agreements) : open).filter { a in a.responsables.contains(where: people.contains) }
        if held.count > 1 {
            let others = Set(t.compactMap { Int($0) }.filter { $0 != day.day })
            let was = held.filter { a in a.deadline.map { others.contains($0.day) } ?? false }
            if was.count == 1 { held = was }
        }
        return held.count == 1 ? held[0] : nil
    }

    /// The one open agreement (any, when none is open) due on the day `t` says against the new
    /// `day` («…, no el 16», «no pal 16 de abril»); nil when no day is said so, or it fits none
    /// or several.
    static func dueOnRefusedDay(_ t: [String], day: LocalDate, in s: NetworkSnapshot, context: EngineContext) -> Agreement? {
        let refused = t.indices.compactMap { i -> (day: Int, month: Int?)? in
            guard let n = Int(t[i]), (1...31).contains(n), DialogEngine.saidAgainst(t, at: i) else { return nil }
            let month = i + 2 < t.count && t[i + 1] == "de" ? (1...12).first { TextFold.fold(SpanishFormat.monthName($0)) == t[i + 2] } : nil
            return (n, month)
        }
        guard !refused.isEmpty else { return nil }
        let open = s.openAgreements(on: context.today)
        let due = (open.isEmpty ? Array(s.agreements) : open).filter { a in
            guard let d = a.deadline, d != day else { return false }
            return refused.contains { $0.day == d.day && ($0.month ?? d.month) == d.month }
        }
        return due.count == 1 ? due[0] : nil
    }

    /// The first day said in `text` as a deadline. «era el 20 de enero»: the past tense is the
    /// old note's, not the date's; a day said without its year that already passed is the coming one.
    static func deadline(in text: String, context: EngineContext) -> LocalDate? {
        daySaid(in: text, context: context).map { coming($0.day, said: $0.words, today: context.today) }
    }

    /// The first day said in `text` (of a date or a date and time) and the words that said it.
    private static func daySaid(in text: String, context: EngineContext) -> (day: LocalDate, words: [String])? {
        guard let when = TemporalParser.parse(text, context: context.temporal) else { return nil }
        switch when.value {
        case .date(let d): return (d, Phrase(when.text).tokens)
        case .dateTime(let dt): return (dt.date, Phrase(when.text).tokens)
        default: return nil
        }
    }

    /// `day`, or when it already passed and `said` gave no year, the same day of the coming year.
    private static func coming(_ day: LocalDate, said: [String], today: LocalDate) -> LocalDate {
        guard day < today, !said.contains(where: { $0.count == 4 && Int($0) != nil }) else { return day }
        // «era el 18» said on the 27th: a day alone, without its month, is the coming 18th,
        // next month's (qa33: it became the 18th of this month a year later).
        if said.compactMap({ Int($0) }).count == 1, !said.contains(where: SuspenderEncuentroFlow.months.contains) {
            var (year, month) = (day.year, day.month)
            for _ in 0..<12 {
                month += 1
                if month > 12 { (year, month) = (year + 1, 1) }
                if day.day <= LocalDate.daysIn(month: month, year: year) { return LocalDate(year: year, month: month, day: day.day) }
            }
        }
        var day = day
        while day < today { day = day.adding(months: 12) }
        return day
    }

    /// «el texto está bien, lo que cambia es el plazo»: the words keep the text and change the
    /// deadline (said while an agreement is being edited).
    static func onlyDeadline(_ t: [String]) -> Bool {
        guard let p = t.firstIndex(of: "plazo"), t.contains("texto") else { return false }
        return t[..<p].contains { $0.hasPrefix("cambi") } && t.contains(where: { $0 == "bien" || $0 == "igual" })
    }

    /// «el plazo es el 10 de marzo», «no, cámbiale la fecha pal 10» said while the text or the
    /// owners of an agreement are being changed: what changes is its deadline, so this flow takes
    /// over with the agreement already known (never asked again, never stored as its new text).
    /// A day alone («pal 10») is that day of the month the deadline was in.
    static func instead(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        let t = message.phrase.tokens
        guard t.count <= 14, t.contains(where: deadlineWords.contains), !QuestionForm.asks(message),
              let n = run.values["acuerdo"].flatMap(Read.int), let a = context.snapshot?.agreement(number: n) else { return nil }
        var text = message.clean
        if let r = text.range(of: #"(?i)acuerdo\s+(n[°º.]?\s*)?\d+\b"#, options: .regularExpression) { text.replaceSubrange(r, with: "acuerdo") }
        guard let (first, said) = daySaid(in: text, context: context) else { return nil }
        var day = first
        if let old = a.deadline, let dayNumber = said.compactMap({ Int($0) }).first,
           said.allSatisfy({ Int($0) != nil || ["el", "al", "a", "pal", "para", "hasta", "dia"].contains($0) }),
           dayNumber <= LocalDate.daysIn(month: old.month, year: old.year) {
            let same = LocalDate(year: old.year, month: old.month, day: dayNumber)
            if !(same < context.today) { day = same }
        }
        day = coming(day, said: said, today: context.today)
        return .instead(flow: "corregir_plazo", values: ["acuerdo": .number(Double(n)), "plazo": .date(day)],
                        echo: ["plazo correcto: \(SpanishFormat.date(day, today: context.today))"])
    }

    /// «y el plazo del acuerdo 1 ahora es el 1 de marzo», started by its words rather than
    /// claimed: the number after «acuerdo» names the agreement (the engine's reading of the
    /// request leaves it out, the day having a number too).
    /// «corrige el plazo del acuerdo 1 al 2 de diciembre»: the day said after it is the right
    /// deadline (read with the number left out: «del 1 al 2 de diciembre» is no range of days;
    /// the day was asked again).
    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        guard run.values["acuerdo"] == nil, let s = context.snapshot,
              let r = request.range(of: #"(?i)acuerdo\s+(n[°º.]?\s*)?(\d+)\b"#, options: .regularExpression),
              let n = Int(request[r].filter(\.isNumber)), s.agreement(number: n) != nil else { return Prefill() }
        var values: SlotValues = ["acuerdo": .number(Double(n))]
        var echo: [String] = []
        var rest = request
        rest.replaceSubrange(r, with: "acuerdo")
        if run.values["plazo"] == nil, let day = Self.deadline(in: rest, context: context) {
            values["plazo"] = .date(day)
            echo = ["plazo correcto: \(SpanishFormat.date(day, today: context.today))"]
        }
        return Prefill(values: values, echo: echo)
    }

    /// «el banco de textos no es pal 16, es pal viernes 23», «no el 30, el 23», «el 23, no el 16»
    /// at the review: a day said against the agreement's deadline as stored, or against the one
    /// this review shows, and the right one affirmed (fixLA: «No te entendí»). The affirmed day,
    /// alone, is of the month of the day it corrects. Nil for any other shape, or when the day
    /// denied is neither.
    func reviewChange(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        let t = message.phrase.tokens
        guard t.contains("no"), t.count <= 16, let n = run.values["acuerdo"].flatMap(Read.int),
              let a = context.snapshot?.agreement(number: n) else { return nil }
        let words = TextFold.spaceSeparated(message.clean).map(String.init)
        guard let said = DialogEngine.deniedAndAffirmed(words, words.map(TextFold.fold)) else { return nil }
        // The day denied: its number is the stored deadline's or the shown one's.
        let known = [a.deadline, run.values["plazo"]?.dateValue].compactMap { $0 }
        let deniedNumbers = Phrase(said.denied.joined(separator: " ")).tokens.compactMap { Int($0) }
        guard deniedNumbers.count == 1, let old = known.first(where: { $0.day == deniedNumbers[0] }),
              let (first, affirmed) = Self.daySaid(in: said.affirmed.joined(separator: " "), context: context) else { return nil }
        var day = first
        // «es el 23» alone: that day of the month of the one it corrects.
        if affirmed.compactMap({ Int($0) }).count == 1, !affirmed.contains(where: SuspenderEncuentroFlow.months.contains),
           let k = affirmed.compactMap({ Int($0) }).first, k <= LocalDate.daysIn(month: old.month, year: old.year) {
            let same = LocalDate(year: old.year, month: old.month, day: k)
            if !(same < context.today) { day = same }
        }
        day = Self.coming(day, said: affirmed, today: context.today)
        return .fill(["plazo": .date(day)], remark: "Corregido.")
    }

    /// Words that name an agreement's deadline.
    static let deadlineWords: WordSet = ["plazo", "fecha", "vence", "vencimiento"]

    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        guard slot.name == "acuerdo", let s = context.snapshot, !message.clean.contains(where: \.isNumber) else { return nil }
        let named = AgreementReference.named(message.clean, in: s, context: context)
        guard named.count == 1, let n = named[0].number else { return nil }
        return .fill(["acuerdo": .number(Double(n))], remark: nil)
    }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard let s = context.snapshot else { return .accept }
        let today = context.today
        switch slot.name {
        case "acuerdo":
            guard let n = Read.int(value), let a = s.agreement(number: n) else {
                return .reject("No encuentro el acuerdo \(Read.int(value).map(String.init) ?? "").")
            }
            guard case .number = value else { return .accept }
            return .replace(.text("\(n) («\(a.text)»)"), remarks: [Wording.agreementLine(a, today: today)])
        case "plazo":
            guard case .date(let d) = value else { return .accept }
            return .accept(Wording.deadlineRemark(d, region: s.network.region, today: today).map { [$0] } ?? [])
        default:
            return .accept
        }
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        let today = w.clock.today()
        guard let n = v["acuerdo"].flatMap(Read.int), let seen = snapshot.agreement(number: n) else { throw StoreError.notFound("ese acuerdo") }
        guard let d = v["plazo"]?.dateValue else { throw StoreError.notFound("el plazo correcto") }
        let before = seen.deadline.map { "estaba anotado el \(SpanishFormat.date($0, today: today))" } ?? "no tenía plazo"
        // On the agreement as stored now; the state it has stays.
        let a = try w.store.modifyAgreement(id: seen.id, network: snapshot.network.id) { fresh in
            fresh.deadline = d
            fresh.history.append(Agreement.Change(at: w.stamp, status: fresh.status, note: "plazo corregido (\(before))", deadline: d))
        }
        return ["id": a.id, "numero": String(n),
                "resumen": "el plazo del acuerdo \(n) quedó corregido: es el \(SpanishFormat.date(d, today: today)); sigue \(a.status(on: today).label)."]
    }
}
