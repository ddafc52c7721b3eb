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
    let slotNames = ["encuentro", "cambio", "lugar", "meses"]

    func blocker(_ context: EngineContext) -> String? {
        guard let s = context.snapshot, s.meetings.isEmpty else { return nil }
        return "Todavía no hay encuentros agendados. Si quieres, escribe «agendar un encuentro»."
    }

    /// The meeting just saved, and what the message adds to it.
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        guard let s = context.snapshot, !s.meetings.isEmpty else { return nil }
        // The meeting just saved, or one the message names («el consejo ampliado es en…»).
        // A meeting the message names outright wins over the one just saved.
        let justSaved = context.lastSave.flatMap { last in s.meetings.first { $0.id == last.record } }
        let named = Self.referenced(message.clean, in: s)
        guard let m = named ?? justSaved, let n = m.number else { return nil }
        var values = change(in: message.clean, meeting: m, context: context)
        // Named rather than just saved, only a place said outright («es en», «será en») counts:
        // «el microcentro se junta en…» may well be a new meeting.
        if named != nil || justSaved == nil, values["lugar"] == nil || Self.place(in: message.clean, context: context, leads: ["es", "sera", "seria", "queda"]) == nil {
            values = [:]
        }
        guard !values.isEmpty else { return nil }
        return Claim(values: values.merging(["encuentro": .number(Double(n))]) { a, _ in a })
    }

    /// «cambiar el lugar del encuentro 1 a la escuela El Peumo»: the meeting by its number, and
    /// the change the request already says.
    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        guard let s = context.snapshot else { return Prefill() }
        var out = Prefill()
        // The engine may have read the request's tail as the place: only an explicit one counts.
        if run.values["lugar"] != nil { out.values["lugar"] = .some(nil); out.replacesEcho = true }
        let t = Phrase(request).tokens
        if let n = Self.referenced(request, in: s)?.number { out.values["encuentro"] = .number(Double(n)) }
        var change = change(in: request, meeting: nil, context: context)
        if change["cambio"] == nil, t.contains("lugar") || t.contains("donde") { change["cambio"] = .choice("lugar") }
        for (k, v) in change { out.values[k] = v }
        out.echo = echo(change)
        return out
    }

    /// The only meeting there is, when the request names none.
    func defaults(_ run: FlowRun, context: EngineContext) -> [String: SlotValue] {
        guard let s = context.snapshot, s.meetings.count == 1, let n = s.meetings[0].number else { return [:] }
        return ["encuentro": .number(Double(n))]
    }

    func echo(_ values: [String: SlotValue]) -> [String] {
        if let place = values["lugar"]?.textValue { return ["lugar: \(place)"] }
        if let months = values["meses"]?.textValue { return ["meses sin encuentro: \(months)"] }
        return []
    }

    /// A place («es en la escuela El Peumo») or months without a meeting («en enero y febrero no
    /// nos juntamos») said in `text`; empty when it says neither.
    func change(in text: String, meeting: Meeting?, context: EngineContext) -> [String: SlotValue] {
        if let place = Self.place(in: text, context: context) { return ["cambio": .choice("lugar"), "lugar": .text(place)] }
        let t = Phrase(text).tokens
        let months = Self.months(in: t)
        let pause = t.contains("no") || t.contains("sin") || t.contains("vacaciones") || t.contains("salvo") || t.contains("excepto")
        if !months.isEmpty, pause, meeting?.isSeries ?? true {
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
        case "meses":
            let months = Self.months(in: message.phrase.tokens)
            guard !months.isEmpty else { return .reask("Dime los meses, por ejemplo «enero y febrero».") }
            return .fill(["meses": .text(Self.monthList(months))], remark: nil)
        default:
            return nil
        }
    }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard let s = context.snapshot else { return .accept }
        let meeting = run.values["encuentro"].flatMap(Read.int).flatMap { n in s.meetings.first { $0.number == n } }
        switch slot.name {
        case "encuentro":
            guard let n = Read.int(value), let m = s.meetings.first(where: { $0.number == n }) else {
                return .reject("No encuentro el encuentro \(Read.int(value).map(String.init) ?? "")." + Self.listing(s, today: context.today))
            }
            if run.values["cambio"]?.textValue == "meses", !m.isSeries {
                return .reject("El encuentro \(n) («\(m.title)») es de una sola vez: no tiene meses que saltar.")
            }
            guard case .number = value else { return .accept }
            return .replace(.text("\(n) («\(m.title)»)"), remarks: [Self.line(m, today: context.today)])
        case "lugar":
            if YesNo.parse(value.textValue ?? "") != nil { return .reject("Aquí va el lugar o el enlace de la videollamada.") }
            // «por zoom», «en la sala de profesores»: the place, without the word that led to it.
            let words = (value.textValue ?? "").split(separator: " ")
            guard words.count >= 2, ["por", "en", "a", "al"].contains(Phrase(String(words[0])).core) else { return .accept }
            return .replace(.text(words.dropFirst().joined(separator: " ")))
        case "cambio":
            if value.textValue == "meses", let m = meeting, !m.isSeries {
                return .reject("El encuentro \(m.number ?? 0) («\(m.title)») es de una sola vez: no tiene meses que saltar.")
            }
            return .accept
        default:
            return .accept
        }
    }

    func save(_ v: [String: SlotValue], with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        let today = w.clock.today()
        guard let n = v["encuentro"].flatMap(Read.int), var m = snapshot.meetings.first(where: { $0.number == n }) else {
            throw StoreError.notFound("ese encuentro")
        }
        let old = m
        let resumen: String
        switch v["cambio"]?.textValue {
        case "meses":
            let months = Self.months(in: Phrase(v["meses"]?.textValue ?? "").tokens)
            guard let rrule = m.rrule, !months.isEmpty else { throw StoreError.notFound("los meses sin encuentro") }
            m.rrule = RecurrenceRule.skipping(Set(months), in: rrule)
            // The series' first date must be one it meets on (an .ics DTSTART always counts).
            if !m.isScheduled(on: m.start.date) { m.start = LocalDateTime(date: m.firstDate, time: m.start.time) }
            resumen = "el encuentro \(n) («\(m.title)») no se hace en \(Self.monthList(months)); quedó \(Wording.whenText(m, today: today))."
        default:
            guard let place = v["lugar"]?.textValue else { throw StoreError.notFound("el lugar") }
            m.place = place
            resumen = "el lugar del encuentro \(n) («\(m.title)») ahora es «\(place)»."
        }
        m.markChanged(since: old, at: w.stamp)
        try w.store.updateMeeting(m, network: snapshot.network.id)
        return ["id": m.id, "numero": String(n), "resumen": resumen]
    }

    // MARK: - Reading

    static func line(_ m: Meeting, today: LocalDate) -> String {
        "Encuentro \(m.number ?? 0): «\(m.title)», \(Wording.whenText(m, today: today))" + (m.place.map { ", en \($0)" } ?? "") + "."
    }

    static func listing(_ s: NetworkSnapshot, today: LocalDate) -> String {
        let lines = s.meetings.prefix(8).map { "- " + line($0, today: today) }
        return lines.isEmpty ? "" : " Los agendados son:\n" + lines.joined(separator: "\n")
    }

    /// The meeting `text` names: by number («el encuentro 1») or by its title's words.
    static func referenced(_ text: String, in s: NetworkSnapshot) -> Meeting? {
        let t = Phrase(text).tokens
        let numbers = Set(s.meetings.compactMap(\.number))
        if let n = SeguimientoFlow.referenceNumbers(t.map { ["encuentro", "reunion"].contains($0) ? "n" : $0 }).first(where: numbers.contains) {
            return s.meetings.first { $0.number == n }
        }
        return named(text, in: s)
    }

    /// The meeting whose title words the text says («la jornada de evaluación»), if one only.
    static func named(_ text: String, in s: NetworkSnapshot) -> Meeting? {
        let words = Set(Phrase(text).stems.filter { $0.count >= 4 && !genericStems.contains($0) })
        guard !words.isEmpty else { return nil }
        let scored = s.meetings.map { m in (m, Set(Phrase(m.title).stems).intersection(words).count) }.filter { $0.1 > 0 }
        guard let best = scored.map(\.1).max() else { return nil }
        let top = scored.filter { $0.1 == best }
        return top.count == 1 ? top[0].0 : nil
    }

    static let genericStems: Set<String> = Set(["encuentro", "reunion", "cambiar", "lugar", "editar", "modificar", "agregar"].map(Phrase.stem))

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
        guard let start, start < words.count else { return nil }
        var taken: [String] = []
        for w in words[start...] {
            let end = w.last.map { ".,;?!".contains($0) } ?? false
            taken.append(end ? String(w.dropLast()) : w)
            if end { break }
        }
        while let first = taken.first, ["la", "el", "los", "las"].contains(Phrase(first).core), taken.count > 1 { taken.removeFirst() }
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

    static let placeLeads: Set<String> = ["es", "sera", "seria", "queda", "hacemos", "hace", "juntamos", "nos", "reunimos", "va"]
    static let institutions: Set<String> = ["escuela", "liceo", "colegio", "jardin", "internado", "daem", "slep", "municipalidad"]

    static let monthNames = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"]

    /// Month numbers named in `tokens` («enero y febrero», «setiembre»), in calendar order.
    static func months(in tokens: [String]) -> [Int] {
        Set(tokens.compactMap { t in
            t == "setiembre" ? 9 : monthNames.firstIndex(of: t).map { $0 + 1 }
        }).sorted()
    }

    static func monthList(_ months: [Int]) -> String {
        SlotValue.joinSpanish(months.map { monthNames[$0 - 1] })
    }
}
