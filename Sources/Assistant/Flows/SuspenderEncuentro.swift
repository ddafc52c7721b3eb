import CivilTime
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/suspender-encuentro.yaml`: a date of a meeting is called off («se suspende la
/// reunión del jueves 17, hay paro»). The occurrence is kept with status suspendida and the
/// reason in its notes, so the calendar, the .ics and the reports show it as suspended; a series
/// keeps its other dates. A whole series said as such («suspendamos las reuniones mensuales», «ya
/// no nos vamos a juntar los jueves») ends on its last date before today (UNTIL); the dates from
/// today on are gone from the calendar and the .ics, the past ones and their actas stay.
struct SuspenderEncuentroFlow: MingaFlow {
    let id = "suspender_encuentro"
    let saveKind: String? = "meeting_suspend"
    let slotNames = ["encuentro", "fecha", "serie", "motivo"]

    func blocker(_ context: EngineContext) -> String? {
        guard let s = context.snapshot, s.meetings.isEmpty else { return nil }
        return "Todavía no hay encuentros agendados, así que no hay nada que suspender."
    }

    /// `claim` needs one of these (`ClaimCues`): A verb of calling off.
    func claimCues(_ flow: FlowDefinition) -> ClaimCues { ClaimCues(words: Array(Self.cueWords) + ["hay", "habra"], prefixes: Self.cuePrefixes) }

    /// «se suspende…», «cancelar…», and said plainly: «la reunión de marzo no se hace», «la del 17 se cae».
    static func callsOff(_ t: [String]) -> Bool {
        if t.contains(where: { $0.hasPrefix("suspend") || $0.hasPrefix("cancel") }) { return true }
        return t.indices.contains { i in
            (i + 2 < t.count && t[i] == "no" && t[i + 1] == "se" && ["hace", "hara", "realiza", "realizara"].contains(t[i + 2]))
                || (i + 1 < t.count && t[i] == "se" && ["cae", "cayo"].contains(t[i + 1]))
                // «el conversatorio del jueves no va, hay paro» (not «Luis no va a la reunión»).
                || (i + 1 < t.count && t[i] == "no" && ["va", "van"].contains(t[i + 1])
                    && (i + 2 == t.count || ["hay", "por", "porque", "pq", "xq", "porq", "nomas", "po", "mas"].contains(t[i + 2])))
        }
    }

    /// «se suspende la reunión del jueves 17, hay paro», «cancelar la reunión del jueves 17»:
    /// a meeting on the calendar called off, with the reason when the message gives one.
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        // «hay» wakes this claim for «el jueves no hay conversatorio…» only: «hay que…» is common,
        // and a message woken by it alone goes no further.
        let noneOnDay = Self.noMeetingOnDay(t, message.clean)
        if noneOnDay == nil, t.contains("hay") || t.contains("habra"), !t.contains(where: Self.wakesWithoutHay),
           !(context.snapshot.map { Self.saysNoMeeting(t, in: $0) } ?? false) { return nil }
        if let s = context.snapshot, !QuestionForm.asks(message), let m = Self.wholeSeries(message, in: s, context: context), let n = m.number {
            var values: SlotValues = ["encuentro": .number(Double(n)), "serie": .text(Self.allComing)]
            var echo: [String] = []
            if let why = Self.reason(in: message.clean) {
                values["motivo"] = .text(why)
                echo.append("motivo: \(why)")
            }
            return Claim(values: values, echo: echo)
        }
        // «el jueves no hay conversatorio por el paro»: read as «el conversatorio del jueves por
        // el paro» (qa25: the meeting had no pointer before its noun, so it went to the menu).
        let said: String
        // «anula la reunión del 23» of a series: only that date (checked below, once found).
        var annuls = false
        if Self.callsOff(t) || Self.notGoingClause(message.clean) {
            said = message.clean
        } else if t.contains(where: { $0.hasPrefix("anul") }) {
            said = message.clean
            annuls = true
        } else if let put = noneOnDay {
            said = put
        } else if let s = context.snapshot, Self.saysNoMeeting(t, in: s) {
            said = message.clean
        } else {
            return nil
        }
        guard !QuestionForm.asks(message), let s = context.snapshot,
              let (m, date) = MeetingMention.find(said, in: s, context: context) ?? Self.elidedMeeting(Utterance(said), in: s, context: context)
                ?? Self.sessionOnDay(message.clean, in: s, context: context) ?? Self.missedSession(said, in: s, context: context),
              let n = m.number else { return nil }
        // «anula» a meeting said once is deleting it (the triggers'); of a series with one of its
        // dates named, it calls off that date (issue 12: the whole series was to be deleted).
        if annuls, !(m.isSeries && date != nil) { return nil }
        var values: SlotValues = ["encuentro": .number(Double(n))]
        if m.isSeries, let date { values["fecha"] = .date(date) }
        var echo: [String] = []
        if let why = Self.reason(in: said, titled: MeetingMention.titleNouns(in: s))
            ?? Self.elidedNoun(said).flatMap({ Self.reason(in: $0) }) {
            values["motivo"] = .text(why)
            echo.append("motivo: \(why)")
        }
        return Claim(values: values, echo: echo)
    }

    /// «la reunión de enero no va, estamos de vacaciones»: «no va» closing a clause (before a comma
    /// or a period), the reason after it in words of its own (issue 12: a meeting «Reunión de enero
    /// no» was scheduled). Only after «va»/«van» among the tokens, checked first by the caller's cues.
    static func notGoingClause(_ text: String) -> Bool {
        let words = text.split(separator: " ").map(String.init)
        return words.indices.dropFirst().contains { i in
            TextFold.fold(words[i - 1]) == "no" && [",", ".", ";"].contains(where: { words[i].hasSuffix($0) })
                && ["va", "van"].contains(TextFold.fold(words[i]).filter(\.isLetter))
        }
    }

    /// The claim's cues other than «hay» (`claimCues`).
    static func wakesWithoutHay(_ w: String) -> Bool {
        cueWords.contains(w) || cuePrefixes.contains(where: w.hasPrefix)
    }

    static let cueWords: Set<String> = ["cae", "cayo", "hace", "hara", "realiza", "realizara", "va", "van"]
    static let cuePrefixes = ["suspend", "cancel", "junt", "reun", "acab", "termin", "anul"]

    /// «el jueves no hay conversatorio por el paro», «mañana no hay reunión de directores, hay
    /// paro»: the day, «no hay», a meeting's words, then a reason (after «por/porque» or a comma)
    /// or nothing. The same said the way `MeetingMention.find` reads it («el conversatorio del
    /// jueves por el paro»); nil for any other message («no hay acuerdos vencidos?» names no day).
    static func noMeetingOnDay(_ t: [String], _ text: String) -> String? {
        // Cheap first: the tokens «no hay» with a few words before them.
        guard let i = t.indices.dropLast(2).first(where: { t[$0] == "no" && t[$0 + 1] == "hay" }), i >= 1, i <= 4 else { return nil }
        let words = text.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0).filter(\.isLetter) }
        guard let k = folded.indices.dropLast().first(where: { folded[$0] == "no" && folded[$0 + 1] == "hay" }) else { return nil }
        let day = words[..<k].drop { ["el", "la", "y", "oye", "ojo", "este", "ah", "bueno", "pero"].contains(TextFold.fold($0).filter(\.isLetter)) }
        guard !day.isEmpty, day.count <= 4, !day.contains(where: { $0.hasSuffix(",") }) else { return nil }
        var end = k + 2
        while end < words.count, !["por", "porque", "pq", "xq", "porq", "hay", "ya", "que"].contains(folded[end]) {
            end += 1
            if words[end - 1].hasSuffix(",") { break }
        }
        // (A comma after the meeting's words goes after the day: the reason is read after it.)
        let comma = words[end - 1].hasSuffix(",")
        let noun = words[(k + 2)..<end].map { $0.hasSuffix(",") ? String($0.dropLast()) : $0 }
        guard !noun.isEmpty, noun.count <= 5 else { return nil }
        let link = ["hoy", "manana", "pasado"].contains(TextFold.fold(day.first ?? "")) ? "de" : "del"
        var said = ["el"] + noun + [link] + day
        if comma { said[said.count - 1] += "," }
        return (said + words[end...]).joined(separator: " ")
    }

    /// «el lunes 21 no hay reunión», «no habrá taller el 21»: a meeting (or a word a title opens
    /// with) said not to take place is called off (qa27: it scheduled a new meeting on Christmas).
    static func saysNoMeeting(_ t: [String], in s: NetworkSnapshot) -> Bool {
        // The cheap word check first: the titles are read only after «no hay», «no habrá».
        guard let i = t.indices.first(where: { $0 + 2 < t.count && t[$0] == "no" && ["hay", "habra", "tenemos", "tendremos"].contains(t[$0 + 1]) })
        else { return false }
        let next = t[(i + 2)...].prefix(2)
        if next.contains(where: MeetingMention.nouns.contains) { return true }
        let titled = MeetingMention.titleNouns(in: s)
        return next.contains(where: titled.contains)
    }

    /// «el lunes 21 no hay reunión, suspéndela», «el 21 no hay taller porque es casi navidad»: no
    /// meeting named with «la reunión del…», the one session on the calendar on the day said (in
    /// the words before the reason, so «navidad» in «porque es casi navidad» is no day of it).
    static func sessionOnDay(_ text: String, in s: NetworkSnapshot, context: EngineContext) -> (meeting: Meeting, date: LocalDate?)? {
        let lead = StatusSentence.clauses(text).first { !$0.because }?.text ?? text
        guard let m = TemporalParser.parse(lead, context: context.temporal), case .date(let d) = m.value, d >= context.today else { return nil }
        let held = s.meetings.filter { $0.deleted == nil && !$0.scheduledDates(from: d, to: d, limit: 1).isEmpty }
        guard held.count == 1 else { return nil }
        return (held[0], d)
    }

    /// «la de diciembre suspendela xq es navidad», «la del 25 hay q suspenderla», «la del 25 de
    /// diciembre cancelala»: the meeting's noun left out («la de…», «la del…»), the meeting is the
    /// one the date after it names, read as if «reunión» had been said (qa19: not understood).
    static func elidedMeeting(_ message: Utterance, in s: NetworkSnapshot, context: EngineContext) -> (meeting: Meeting, date: LocalDate?)? {
        elidedNoun(message.clean).flatMap { MeetingMention.find($0, in: s, context: context) }
    }

    /// The text with «reunión» put back after its first «la de»/«la del» (nil without one).
    static func elidedNoun(_ text: String) -> String? {
        var words = text.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0) }
        guard let i = folded.indices.dropLast().first(where: { ["la", "el"].contains(folded[$0]) && ["de", "del"].contains(folded[$0 + 1]) }) else { return nil }
        words.insert("reunión", at: i + 1)
        return words.joined(separator: " ")
    }

    /// «anula la del 30» when no meeting meets on the 30th: the one series on the calendar and the
    /// day said (issue 12: «¿Qué quieres borrar?» came, with no word of why). Its check says the
    /// series has no session that day and which one follows, to confirm or change.
    static func missedSession(_ text: String, in s: NetworkSnapshot, context: EngineContext) -> (meeting: Meeting, date: LocalDate?)? {
        guard let said = elidedNoun(text), let when = TemporalParser.parse(said, context: context.temporal), !when.isAmbiguous,
              case .date(let d) = when.value, d >= context.today else { return nil }
        let live = s.meetings.filter { $0.deleted == nil }
        guard !live.contains(where: { !$0.scheduledDates(from: d, to: d, limit: 1).isEmpty || $0.occurrenceDate(heldOn: d) != nil }) else { return nil }
        let series = live.filter(\.isSeries)
        // A series with no date left after that day has no session to propose.
        guard series.count == 1, !series[0].upcomingDates(from: d, to: d.adding(days: 400), limit: 1).isEmpty else { return nil }
        return (series[0], d)
    }

    /// «anula la reunión del 23», «anula la del 23»: «anular» said of one date of a series
    /// (this flow claims it; deleting takes «anular» of anything else).
    static func annulsSeriesDate(_ message: Utterance, context: EngineContext) -> Bool {
        guard message.phrase.tokens.contains(where: { $0.hasPrefix("anul") }), let s = context.snapshot,
              let (m, date) = MeetingMention.find(message.clean, in: s, context: context) ?? elidedMeeting(message, in: s, context: context)
                ?? missedSession(message.clean, in: s, context: context)
        else { return false }
        return m.isSeries && date != nil
    }

    /// Whether the message calls off one dated session of a meeting («se suspende la reunión del
    /// miércoles 3 de febrero»): other flows reading months or days in it leave it to this one.
    static func callsOffOneDate(_ message: Utterance, context: EngineContext) -> Bool {
        guard Self.callsOff(message.phrase.tokens), let s = context.snapshot,
              let found = MeetingMention.find(message.clean, in: s, context: context) else { return false }
        return found.date != nil
    }

    /// The reason given after the meeting: «…del jueves 17, hay paro. no la vamos…» → «hay paro»;
    /// «…del jueves por el paro» → «por el paro». Only its first sentence.
    static func reason(in text: String, titled: Set<String> = []) -> String? {
        let words = text.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0).filter(\.isLetter) }
        // («la de reflexión se suspende, hay paro»: the title's word after «la de», the noun left out.)
        guard let noun = folded.firstIndex(where: { MeetingMention.nouns.contains($0) || titled.contains($0) })
                ?? folded.indices.first(where: { $0 >= 2 && ["de", "del"].contains(folded[$0 - 1]) && ["la", "el"].contains(folded[$0 - 2]) && folded[$0].count >= 4 })
        else { return nil }
        var start: Int?
        for i in noun..<words.count {
            if ["por", "porque", "pq", "xq", "porq"].contains(folded[i]), i > noun { start = i; break }
            if words[i].hasSuffix(","), i + 1 < words.count { start = i + 1; break }
        }
        guard var start else { return nil }
        // «…, suspendela porfa, hay paro»: a clause that asks to call it off (or only says
        // please) is the request, not why; the reason is the clause after it.
        while start < words.count {
            let end = words[start...].firstIndex { $0.hasSuffix(",") } ?? (words.count - 1)
            let clause = folded[start...end]
            guard clause.contains(where: { $0.hasPrefix("suspend") || $0.hasPrefix("cancel") || Self.please.contains($0) }) else { break }
            start = end + 1
        }
        // «…xq hay paro comunal»: the reason is what follows «porque» (a «por el paro» stays whole).
        if start + 1 < words.count, ["porque", "pq", "xq", "porq"].contains(folded[start]) { start += 1 }
        guard start < words.count, let said = AgreementMention.sentence(of: words, from: start) else { return nil }
        // «…porque es navidad casi, suspéndela»: a last clause that only asks to call it off is no part of why.
        var clauses = said.components(separatedBy: ",")
        while clauses.count > 1, let last = clauses.last, case let t = Phrase(last).tokens, t.count <= 3,
              t.contains(where: { $0.hasPrefix("suspend") || $0.hasPrefix("cancel") }) || t.allSatisfy(Self.please.contains) {
            clauses.removeLast()
        }
        return clauses.joined(separator: ",").trimmingCharacters(in: .whitespaces)
    }

    /// What the review shows for a whole series called off.
    static let allComing = "todas las que vienen, desde hoy"

    static let pluralNouns: Set<String> = ["reuniones", "encuentros", "sesiones", "jornadas", "consejos", "reus", "microcentros"]
    static let months: Set<String> = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                                      "setiembre", "octubre", "noviembre", "diciembre"]

    /// The series a message calls off as a whole, from today on: the meetings in the plural
    /// («suspendamos las reuniones mensuales», «se acabaron las reuniones de ciclo») or a weekday
    /// in the plural («ya no nos vamos a juntar los jueves»), with a verb of calling off or of
    /// ending («suspend…», «cancel…», «se acab…», «termin…», «ya no nos junt…/reun…»). No day,
    /// number or month may be named (that is one date, or several); nor a new day («sino los
    /// martes», «ahora…»: a change). Among the series with dates ahead, the one its words (title,
    /// «mensuales», the weekday) leave; nil when none or several.
    static func wholeSeries(_ message: Utterance, in s: NetworkSnapshot, context: EngineContext) -> Meeting? {
        let t = message.phrase.tokens
        let plural = t.indices.filter { pluralNouns.contains(t[$0]) }
        let days = t.indices.filter { $0 > 0 && t[$0 - 1] == "los" && MeetingMention.weekdays.contains(t[$0]) }
        guard !plural.isEmpty || !days.isEmpty else { return nil }
        let ends = t.contains { $0.hasPrefix("acab") || $0.hasPrefix("termin") }
        let noMore = t.indices.contains { i in
            // «ya no nos vamos a juntar», «no nos reunimos más»: not «los jueves no podemos juntarnos».
            t[i] == "no" && ((i > 0 && t[i - 1] == "ya") || t[(i + 1)...].contains("mas"))
                && t[(i + 1)...].prefix(4).contains { $0.hasPrefix("junt") || $0.hasPrefix("reun") }
        }
        guard callsOff(t) || ends || noMore else { return nil }
        guard Read.numbers(in: message.clean).isEmpty, !t.contains(where: months.contains),
              !t.contains(where: { ["sino", "ahora", "mejor", "cambi", "pasa", "pasan", "pasamos"].contains($0) }) else { return nil }
        let today = context.today
        var series = s.meetings.filter { m in
            m.isSeries && !m.upcomingDates(from: today, to: today.adding(days: 400), limit: 1).isEmpty
        }
        // «los jueves»: the series that meet on that weekday.
        let named = Set(days.compactMap { i in ["lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo"].firstIndex(of: t[i]).map { $0 + 1 } })
        if !named.isEmpty { series = series.filter { named.contains($0.start.date.weekday) } }
        // «mensuales», «semanales», «quincenales».
        let rule = { (m: Meeting) in m.rrule.flatMap(RecurrenceRule.init) }
        if t.contains(where: { $0.hasPrefix("mensual") }) { series = series.filter { rule($0)?.frequency == .monthly } }
        if t.contains(where: { $0.hasPrefix("semanal") }) { series = series.filter { rule($0)?.frequency == .weekly && rule($0)?.interval == 1 } }
        if t.contains(where: { $0.hasPrefix("quincenal") }) { series = series.filter { rule($0)?.frequency == .weekly && rule($0)?.interval == 2 } }
        // «las reuniones de ciclo»: the words after the noun that a title has.
        if let i = plural.first {
            let generic = Set(["reunion", "encuentro", "sesion", "jornada", "mensual", "semanal", "quincenal", "todas", "nuestras"].map { Phrase.stem($0) })
            let words = Set(Phrase(t[(i + 1)...].prefix(4).joined(separator: " ")).stems.filter { $0.count >= 4 && !generic.contains($0) })
            let titled = series.filter { !Set(Phrase($0.title).stems).intersection(words).isEmpty }
            if !titled.isEmpty { series = titled }
        }
        return series.count == 1 ? series[0] : nil
    }

    /// Ends a series on its last date held before `today` (UNTIL): every date from today on is
    /// gone, a recorded one (moved, with a leader) is kept as suspendida with the reason; a series
    /// with no date held yet keeps its first date, suspended. Returns the last date held.
    @discardableResult
    static func endSeries(_ m: inout Meeting, today: LocalDate, why: String?) -> LocalDate? {
        let past = m.scheduledDates(from: m.start.date, to: today.adding(days: -1), limit: 5000).filter { m.heldDate(of: $0) < today }
        let last = past.max()
        let end = last ?? m.start.date
        var parts = (m.rrule ?? "").split(separator: ";").map(String.init).filter { !$0.hasPrefix("COUNT=") && !$0.hasPrefix("UNTIL=") }
        parts.append("UNTIL=" + end.iso.replacingOccurrences(of: "-", with: ""))
        m.rrule = parts.joined(separator: ";")
        var ahead = m.occurrences.keys.filter { m.heldDate(of: $0) >= today }
        if last == nil { ahead.append(m.start.date) }
        for d in Set(ahead) {
            var o = m.occurrence(on: d)
            o.status = .suspendida
            if let why { o.notes = why }
            m.record(o)
        }
        return last
    }

    static let please: Set<String> = ["porfa", "porfis", "plis", "pls", "favor"]

    /// «el 2», «la del jueves 17», «la reunión de planificación»: a meeting by its number, day or name.
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        guard slot.name == "encuentro", let s = context.snapshot,
              Read.numbers(in: message.clean).isEmpty || message.phrase.tokens.count > 3 else { return nil }
        let named = AsistenciaFlow.meetings(named: message.clean, in: s, context: context)
        guard named.count == 1, let n = named[0].number else { return nil }
        var values: SlotValues = ["encuentro": .number(Double(n))]
        if named[0].isSeries, let m = TemporalParser.parse(message.clean, context: context.temporal), case .date(let d) = m.value {
            values["fecha"] = .date(d)
        }
        return .fill(values, remark: nil)
    }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard slot.name == "encuentro", let s = context.snapshot else { return .accept }
        guard let n = Read.int(value), let m = s.meeting(number: n) else {
            return .reject("No encuentro ese encuentro. Pregúntame «¿qué encuentros hay?» para ver sus números.")
        }
        guard case .number = value else { return .accept }
        let today = context.today
        var line = "Encuentro \(n): \(m.title), \(Wording.whenText(m, today: today))."
        var others: [String: SlotValue?] = [:]
        let date = Self.date(of: m, said: run.values["fecha"]?.dateValue, today: today)
        if m.isSeries, run.values["serie"] != nil {
            let next = Self.date(of: m, said: nil, today: today)
            line += " Se suspenden todas las fechas que vienen (la próxima era el \(SpanishFormat.date(m.heldDate(of: next), today: today))); las fechas pasadas y sus actas se quedan."
            others["fecha"] = SlotValue?.none
            return .replace(.text("\(n) («\(m.title)»)"), remarks: [line], others: others)
        } else if run.values["serie"] != nil {
            others["serie"] = SlotValue?.none
        }
        if m.isSeries {
            // The day it meets (a date moved to the 17th is «la del 17», also in the summary).
            let held = m.heldDate(of: date)
            // «anula la del 30» when it meets on Thursdays: the day said has no session, so the one
            // taken instead is said to be another day, not slipped in as if it were the one asked.
            // (A date of the series moved elsewhere is its own session: «la de abril» moved to the 20th.)
            if let said = run.values["fecha"]?.dateValue, said != held, m.occurrenceDate(heldOn: said) == nil,
               m.scheduledDates(from: said, to: said, limit: 1).isEmpty {
                line += " El \(SpanishFormat.date(said, today: today)) no tiene sesión; la siguiente es el \(SpanishFormat.date(held, today: today))."
            }
            line += " Se suspende solo la sesión del \(SpanishFormat.date(held, today: today)); las demás siguen."
            others["fecha"] = .date(held)
        } else if run.values["fecha"] != nil {
            others["fecha"] = SlotValue?.none
        }
        if m.occurrences[date]?.status == .suspendida { line += " Esa fecha ya estaba suspendida." }
        return .replace(.text("\(n) («\(m.title)»)"), remarks: [line], others: others)
    }

    /// The date called off (the occurrence's own date): a single meeting's own day; for a series
    /// the session held on the day said (one moved there included), else the next session from
    /// that day (or today) on that is not called off yet, by the day it meets.
    static func date(of m: Meeting, said: LocalDate?, today: LocalDate) -> LocalDate {
        guard m.isSeries else { return m.start.date }
        if let said, let held = m.occurrenceDate(heldOn: said) { return held }
        let from = said ?? today
        // The dates of the coming year, and the recorded ones moved into it from later on.
        let dates = Set(m.upcomingDates(from: from.adding(days: -70), to: from.adding(days: 400), limit: 80))
            .union(m.occurrences.keys)
        let coming = dates.filter { m.heldDate(of: $0) >= from }.sorted { m.heldDate(of: $0) < m.heldDate(of: $1) }
        return coming.first { m.occurrences[$0]?.status != .suspendida } ?? coming.first ?? m.start.date
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        guard let n = v["encuentro"].flatMap(Read.int), let old = snapshot.meeting(number: n) else {
            throw StoreError.notFound("ese encuentro")
        }
        let today = w.clock.today()
        let why = v["motivo"]?.textValue
        if old.isSeries, v["serie"] != nil {
            var last: LocalDate?
            let m = try w.store.modifyMeeting(id: old.id, network: snapshot.network.id) { fresh in
                let before = fresh
                last = Self.endSeries(&fresh, today: today, why: why)
                fresh.markChanged(since: before, at: w.stamp)
            }
            let resumen = last.map { "el encuentro \(n) («\(m.title)») ya no tiene fechas desde hoy; la última fue el \(SpanishFormat.date(m.heldDate(of: $0), today: today)). Las fechas pasadas y sus actas se quedan." }
                ?? "el encuentro \(n) («\(m.title)») quedó suspendido entero; todavía no había tenido ninguna fecha."
            return ["id": m.id, "numero": String(n), "fecha": (last ?? m.start.date).iso, "resumen": resumen]
        }
        let date = Self.date(of: old, said: v["fecha"]?.dateValue, today: today)
        // On the meeting as stored now: an acta or a change saved meanwhile by someone else stays.
        let m = try w.store.modifyMeeting(id: old.id, network: snapshot.network.id) { fresh in
            let before = fresh
            var o = fresh.occurrence(on: date)
            o.status = .suspendida
            if let why { o.notes = why }
            fresh.record(o)
            fresh.markChanged(since: before, at: w.stamp)
        }
        let resumen = "el encuentro \(n) («\(m.title)») del \(SpanishFormat.date(m.heldDate(of: date), today: today)) quedó suspendido."
        return ["id": m.id, "numero": String(n), "fecha": date.iso, "resumen": resumen]
    }
}
