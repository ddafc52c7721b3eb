import CivilTime
import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/metas-objetivo.yaml`: a measurable meta for an objective of the purpose. The
/// objectives are listed before asking which; with one objective it is that one.
struct MetasObjetivoFlow: MingaFlow {
    let id = "metas-objetivo"
    let saveKind: String? = "objective_goal"
    let slotNames = ["objetivo", "indicador", "linea_base", "meta", "fecha"]

    func blocker(_ context: EngineContext) -> String? {
        guard context.snapshot?.purpose?.objectives.isEmpty ?? true else { return nil }
        return "Las metas se ponen a los objetivos del propósito, y la red todavía no tiene objetivos escritos. "
            + "¿Escribimos primero el propósito con sus objetivos? Responde «sí» y partimos."
    }

    /// With no objectives, the purpose (and its objectives) is what is offered.
    func blockerOffer(_ context: EngineContext) -> String? { blocker(context) == nil ? nil : "proposito" }

    func defaults(_ run: FlowRun, context: EngineContext) -> SlotValues { ObjectiveReading.onlyObjective(context) }

    /// «meta para el objetivo 1: pasar de 55% a 80% en comprensión lectora a diciembre»: the
    /// objective and every part of the meta the request says.
    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        var out = ObjectiveReading.prefill(request, context: context)
        let g = GoalSentence.read(request, temporal: context.temporal)
        guard g.target != nil || g.baseline != nil else { return out }
        for (k, v) in g.values { out.values[k] = v }
        out.echo = g.echo(today: context.today)
        // The engine's own reading of the request (its date, its text) is this one's.
        out.replacesEcho = true
        return out
    }

    /// `claim` needs one of these (`ClaimCues`): A word of wishing or of a meta.
    /// (And a «%»: «y al 2 tb: que el 70%…» right after a meta is saved, `nextObjective`.)
    func claimCues(_ flow: FlowDefinition) -> ClaimCues {
        ClaimCues(words: ["meta", "metas", "queremos", "quisieramos", "esperamos", "lograr"] + Self.goalVerbs.sorted(), bytes: [UInt8(ascii: "%")])
    }

    /// «la meta es pasar de 55% a 80% en comprensión lectora a diciembre» at the menu: a meta
    /// with figures said about the objectives (not about an indicator of the diagnosis).
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        // «y al 2 tb: que el 70% de los de 2do lea fluido a fin del 2027, hoy estamos en 55» (after
        // a meta was saved): one more objective's meta (qa19: it became a learning result).
        let next = Self.nextObjective(t, context: context)
        // «queremos que el 80% de los niños…»: a wish with a figure says a meta too (one about an
        // indicator of the diagnosis was claimed by that flow first).
        let bare = GoalSentence.bareWish(t)
        // «la meta es llegar a 70% de logro en lectura…», «quiero ponerle una meta a la red: 70%…»
        // with no objectives written: a target said in so many words is this flow's (its blocker
        // offers the purpose first), never a measured result (qa39 C: it became one).
        if context.snapshot?.purpose?.objectives.isEmpty ?? true, Self.namesMeta(t), message.clean.utf8.contains(UInt8(ascii: "%")),
           !message.clean.contains("?") {
            return Claim(values: [:])
        }
        guard next != nil || t.contains(where: { ["meta", "metas", "queremos", "quisieramos", "esperamos", "lograr"].contains($0) }) || Self.goalLed(t) || bare,
              message.clean.utf8.contains(UInt8(ascii: "%")),
              !message.clean.contains("?"),
              // With no objectives, only the students' attendance is taken (the blocker then says to
              // write the purpose first; the meetings' indicator declined it, issue 12).
              context.snapshot?.purpose?.objectives.isEmpty == false
                || t.contains("asistencia") && MetaIndicadorFlow.whoseAttendance(t) == .students else { return nil }
        let g = GoalSentence.read(message.clean, temporal: context.temporal)
        guard g.target != nil, g.indicator != nil || g.baseline != nil else { return nil }
        // «llegar al 80% de asistencia a diciembre 2027» (no «meta» said): a goal only with a day
        // still to come; «subió al 60%» or a figure of a past month is a result.
        if Self.goalLed(t), !bare, !t.contains(where: { ["meta", "metas", "queremos", "quisieramos", "esperamos", "lograr"].contains($0) }) {
            guard let d = g.date, d >= context.today else { return nil }
        }
        var values = g.values
        if let next { values["objetivo"] = .text(next) }
        else if let o = ObjectiveReading.prefill(message.clean, context: context).values["objetivo"] ?? nil { values["objetivo"] = o }
        // Said by the prefill of the same words, in the «Anoté:» line.
        return Claim(values: values)
    }

    /// «meta», «metas» said as what the message is about (not «la meta del indicador» of the
    /// diagnosis, which is another flow's).
    static func namesMeta(_ t: [String]) -> Bool {
        t.contains(where: { $0 == "meta" || $0 == "metas" }) && !t.contains(where: { $0 == "indicador" || $0 == "indicadores" })
    }

    /// Infinitives that open a goal said without «meta» («llegar al 80% de asistencia a diciembre
    /// 2027», «subir a 60% en lectura para el 2027»; issue 12: it started a learning result).
    static let goalVerbs: Set<String> = ["llegar", "alcanzar", "subir", "aumentar", "pasar", "bajar", "reducir", "disminuir"]

    /// True when a goal verb opens the message (after «y», «la idea es», «tenemos que»…).
    static func goalLed(_ t: [String]) -> Bool {
        guard let k = t.prefix(5).firstIndex(where: goalVerbs.contains) else { return false }
        return t[..<k].allSatisfy { ["y", "la", "idea", "es", "tenemos", "que", "hay", "objetivo", "nuestra", "nuestro", "ahora", "otra", "otro"].contains($0) }
    }

    /// «y al 2 tb: …», «y el 3 también, que…», «también al objetivo 3: …»: a message that opens by
    /// pointing at another objective by its number, said as one more (a «y» or «también» in its
    /// first words, and nothing after the number but «también» or «que»: «y el 4 básico…» is a
    /// course). The objective's text; nil otherwise.
    static func nextObjective(_ t: [String], context: EngineContext) -> String? {
        let head = Array(t.prefix(5))
        guard head.contains(where: { ["y", "tb", "tambien"].contains($0) }),
              let k = head.indices.first(where: { i in i > 0 && ["al", "el", "objetivo", "para"].contains(head[i - 1]) && Int(head[i]) != nil }),
              k + 1 < t.count, ["tb", "tambien", "que"].contains(t[k + 1]),
              let n = Int(head[k]), let p = context.snapshot?.purpose, (1...p.objectives.count).contains(n) else { return nil }
        return p.objectives[n - 1]
    }

    func beforeAsking(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> [String] {
        guard slot.name == "objetivo", let p = context.snapshot?.purpose else { return [] }
        return ["Los objetivos son:\n" + ObjectiveReading.list(p)]
    }

    /// «objetivo 1: …», «2) …», «a.- …»: the item's marker is no part of it (`ItemMarker`).
    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        slot.name == "meta" ? ItemMarker.verdict(value, labels: ["meta"]) : .accept
    }

    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        if slot.name == "linea_base", let wish = Self.wishAtBaseline(message, run: run, context: context) { return wish }
        // «con la prueba de dominio lector de diciembre» asked where they are today: how it is
        // measured, with no figure, is no baseline (qa34: stored as one, «de con la prueba… a 80%»).
        if slot.name == "linea_base", Self.saysInstrument(message) {
            return .fill([:], remark: "Eso es con qué lo van a medir, no dónde están hoy, así que no lo anoto como línea base.")
        }
        // «a fin de año» for a meta measured next year (its date was in 2027, or what it measures
        // names months already past this year): the end of that year, not this December.
        if slot.name == "fecha", let end = Self.goalYearEnd(message, run: run, context: context) {
            return .fill(["fecha": .date(end)], remark: "Anotado: \(SpanishFormat.date(end, today: context.today)), el fin del año en que se mide la meta.")
        }
        // «diciembre 2027» to «¿Para cuándo?»: a month (or any span) is by its end, as in a whole
        // meta («80% a diciembre»), said so rather than asked for an exact day.
        if slot.name == "fecha", let m = TemporalParser.parse(message.clean, context: context.temporal),
           case .dateRange(_, let end) = m.value, end >= context.today,
           Phrase(m.text).tokens.count * 2 >= message.phrase.tokens.count {
            return .fill(["fecha": .date(end)], remark: "Tomo el último día: \(SpanishFormat.date(end, today: context.today)).")
        }
        // «2027», «el 2027», «pal simce del 2027 po» to «¿Para cuándo?»: a year alone is by its end,
        // as in a whole meta («…pal 2027», `GoalSentence`); the dates grammar reads no bare year
        // (qa32: «No entendí … como fecha», three times).
        if slot.name == "fecha", let end = Self.bareYearEnd(message.phrase.tokens, today: context.today) {
            return .fill(["fecha": .date(end)], remark: "Tomo el último día del año: \(SpanishFormat.date(end, today: context.today)).")
        }
        // «pal simce del próximo año, como en octubre 2027»: each clause said a when; the
        // narrowest span is the one meant (pass 8, 06-8: nothing was read).
        if slot.name == "fecha", message.clean.contains(",") {
            let spans = message.clean.split(separator: ",").compactMap { clause -> (LocalDate, LocalDate)? in
                guard let m = TemporalParser.parse(String(clause), context: context.temporal), case .dateRange(let a, let b) = m.value, b >= context.today,
                      Phrase(m.text).tokens.count * 2 >= Phrase(String(clause)).tokens.count - 1 else { return nil }
                return (a, b)
            }
            if spans.count >= 2, let narrow = spans.min(by: { $0.0.days(until: $0.1) < $1.0.days(until: $1.1) }) {
                return .fill(["fecha": .date(narrow.1)], remark: "Tomo el último día: \(SpanishFormat.date(narrow.1, today: context.today)).")
            }
        }
        // «a fin de año» to «¿A cuánto quieren llegar?»: no figure, only a when. It is the date
        // (asked later anyway), never the meta; the figure is asked again.
        if ["meta", "linea_base"].contains(slot.name), GoalSentence.figures(in: message.clean).isEmpty,
           let m = TemporalParser.parse(message.clean, context: context.temporal),
           Phrase(m.text).tokens.count * 2 >= message.phrase.tokens.count {
            let day: LocalDate? = switch m.value {
            case .date(let d): d
            case .dateRange(_, let end): end
            default: nil
            }
            if let day, day >= context.today {
                return .fill(["fecha": .date(day)], remark: "Anoté para cuándo: \(SpanishFormat.date(day, today: context.today)).")
            }
        }
        if let reask = Self.otherUnit(message, slot: slot, run: run) { return reask }
        // The whole meta in one answer: every part it says, each clean; what it does not say is asked.
        if slot.name != "objetivo" {
            let g = GoalSentence.read(message.clean, temporal: context.temporal)
            var said = g.values.filter { $0.key == slot.name || run.values[$0.key] == nil }
            // «80% a diciembre» to «¿a cuánto quieren llegar?»: a figure nothing else claims is the one asked.
            let figures = GoalSentence.figures(in: message.clean)
            if ["meta", "linea_base"].contains(slot.name), said[slot.name] == nil, figures.count == 1,
               ![g.baseline, g.target].contains(figures[0].value) {
                said[slot.name] = .text(figures[0].value)
            }
            if said.count >= 2 || (said.count == 1 && said.keys.first != slot.name) {
                return .fill(said, remark: "Anoté: " + GoalSentence(indicator: said["indicador"]?.textValue, baseline: said["linea_base"]?.textValue,
                                                                   target: said["meta"]?.textValue, date: said["fecha"]?.dateValue)
                    .echo(today: context.today).joined(separator: "; ") + ".")
            }
        }
        if ["linea_base", "meta"].contains(slot.name), let figure = ObjectiveReading.figure(message.clean) {
            // «80, te lo dije» when the other figure is «55%» (or what is measured is a
            // percentage): 80%, as the other (qa25: «80» was saved beside «55%»).
            if figure.allSatisfy({ $0.isNumber || $0 == "," || $0 == "." }), Self.inPercent(run) {
                return .fill([slot.name: .text(figure + "%")], remark: nil)
            }
            if figure != message.clean { return .fill([slot.name: .text(figure)], remark: nil) }
        }
        let reading = ObjectiveReading.objective(message, slot: slot, run: run, context: context)
        // «1 pasar de 30% a 20% de ausentismo crónico» to «¿a qué objetivo?»: the objective and
        // the meta said after it, all kept (only a figure makes it worth reading again).
        if slot.name == "objetivo", case .fill(var values, let remark, let partials)? = reading, !GoalSentence.figures(in: message.clean).isEmpty {
            let g = GoalSentence.read(message.clean, temporal: context.temporal)
            let said = g.values.filter { values[$0.key] == nil && run.values[$0.key] == nil }
            guard !said.isEmpty else { return reading }
            values.merge(said) { a, _ in a }
            let echo = "Anoté: " + GoalSentence(indicator: said["indicador"]?.textValue, baseline: said["linea_base"]?.textValue,
                                                target: said["meta"]?.textValue, date: said["fecha"]?.dateValue).echo(today: context.today).joined(separator: "; ") + "."
            return .fill(values, remark: remark.map { $0 + "\n" + echo } ?? echo, partials: partials)
        }
        return reading
    }

    /// «queremos 85% de asistencia a las reuniones» to «¿Dónde están hoy?» once this meta's target
    /// is known: where they want to get is no baseline (issue 12: it was stored as one). «la
    /// meta es 85%» changes the target; any other wish is said back, nothing stored, and the
    /// baseline asked again (a fill of nothing: a re-ask would offer a flow its words meet,
    /// «reuniones» scheduling a meeting). (With no target yet, the whole-meta reading below takes it as one.)
    static func wishAtBaseline(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        let t = message.phrase.tokens
        // Cheap first: a meta already said, and a word of wanting or of a target.
        guard let meta = run.values["meta"]?.textValue,
              t.contains(where: { GoalSentence.targetCues.contains($0) || wishWords.contains($0) }) else { return nil }
        let g = GoalSentence.read(message.clean, temporal: context.temporal)
        guard g.baseline == nil, let target = g.target else { return nil }
        if target == meta {
            return .fill([:], remark: "Esa es la meta (\(meta)) y ya la tengo; ahora necesito dónde están hoy.")
        }
        if t.contains("meta") {
            return .fill(["meta": .text(target)], remark: "Cambio la meta: \(target) (antes \(meta)).")
        }
        return .fill([:], remark: "Eso suena a una meta (llegar a \(target)), no a dónde están hoy, así que no lo anoto como línea base. "
            + "Para esta ya tengo la meta \(meta): si quieres cambiarla, dime «la meta es \(target)»; si es otra meta, la anotamos después con «nueva meta».")
    }

    /// «con la prueba de dominio lector», «lo medimos con el DIA en marzo», «mediante la pauta»:
    /// how something is measured, with no figure said (no digit; a word check first).
    static func saysInstrument(_ message: Utterance) -> Bool {
        let t = message.phrase.tokens
        guard let first = t.first, instrumentLeads.contains(first) || t.prefix(4).contains(where: { $0.hasPrefix("medi") }),
              !message.clean.contains(where: \.isNumber), GoalSentence.figures(in: message.clean).isEmpty else { return false }
        return t.count >= 3
    }

    static let instrumentLeads: Set<String> = ["con", "mediante", "usando", "segun"]

    static let wishWords: Set<String> = ["quisieramos", "esperamos", "queriamos", "ojala", "apuntamos", "aspiramos"]

    /// «4 encuentros de huerto en el año» asked where a meta measured in % starts (or should
    /// get): a count of something else is no percentage, and was stored as the figure (qa15).
    /// Asked again; a bare number («40») or one with its % is taken as before.
    static func otherUnit(_ message: Utterance, slot: SlotDefinition, run: FlowRun) -> Reading? {
        guard ["linea_base", "meta"].contains(slot.name), let indicator = run.values["indicador"]?.textValue,
              !message.clean.contains("?"), GoalSentence.figures(in: message.clean).isEmpty else { return nil }
        let folded = TextFold.fold(indicator)
        guard indicator.contains("%") || folded.contains("porcentaje") || folded.contains("por ciento") else { return nil }
        // The word right after each number: a noun there («encuentros», «talleres») says what is
        // counted. A comma after the number ends the figure: «0, todavía nadie la aplica» is 0%
        // and a remark (it was refused as «otra cuenta»).
        let raw = message.clean.split(separator: " ")
        let counted = zip(raw, raw.dropFirst()).contains { n, next in
            let w = TextFold.fold(String(next)).filter(\.isLetter)
            return n.allSatisfy(\.isNumber) && w.count >= 3 && next.allSatisfy({ $0.isLetter }) && !Self.afterFigure.contains(w)
        }
        guard counted else { return nil }
        // The question follows, with its example.
        return .reask("Esta meta se mide en porcentaje («\(indicator)»): necesito un porcentaje, no otra cuenta.")
    }

    /// Whether the meta said so far is in percent: its other figure has a «%», or what is measured
    /// is a percentage.
    static func inPercent(_ run: FlowRun) -> Bool {
        if ["linea_base", "meta"].contains(where: { run.values[$0]?.textValue?.hasSuffix("%") == true }) { return true }
        guard let indicator = run.values["indicador"]?.textValue else { return false }
        let folded = TextFold.fold(indicator)
        return indicator.hasPrefix("%") || folded.contains("porcentaje") || folded.contains("por ciento")
    }

    /// Words that may follow a figure without saying what it counts («40 más o menos», «80 pa fin de año»).
    static let afterFigure: Set<String> = ["mas", "menos", "aprox", "aproximadamente", "masomenos", "algo", "asi", "cerca", "para", "pal",
                                           "hasta", "por", "ciento", "porciento", "los", "las", "del", "que", "como", "diciembre",
                                           "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre",
                                           // «0 todavía», «cero nomás, nadie la aplica»: a remark about the figure.
                                           "todavia", "aun", "nadie", "ninguno", "ninguna", "hoy", "ahora", "actualmente", "nomas", "creo"]

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        guard var p = snapshot.purpose, let objective = v["objetivo"]?.textValue else { throw StoreError.notFound("el propósito") }
        var d = p.detail(for: objective)
        let goal = ObjectiveDetail.Goal(indicator: v["indicador"]?.textValue ?? "", baseline: v["linea_base"]?.textValue,
                                        target: v["meta"]?.textValue, date: v["fecha"]?.dateValue)
        d.goals.append(goal)
        p.setDetail(d)
        try w.store.savePurpose(p, network: snapshot.network.id)
        let today = w.clock.today()
        var resumen = "Listo, el objetivo «\(objective)» tiene meta: \(ObjectiveReading.goalText(goal, today: today))."
        let without = p.objectives.filter { o in p.detail(for: o).goals.isEmpty }
        if let next = without.first, let n = p.objectives.firstIndex(of: next) {
            resumen += " ¿Le ponemos meta también al objetivo \(n + 1)? Escribe «meta para el objetivo \(n + 1)»."
        } else {
            resumen += " Cuando quieran ver cómo van, pregúntame «¿cómo vamos con los objetivos?»."
        }
        return ["resumen": resumen]
    }

    /// «a fin de año», «para fines de año» (no year said, no «este año») when the meta is measured
    /// in a later year than today's: the last day of that year. Nil for anything else.
    static func goalYearEnd(_ message: Utterance, run: FlowRun, context: EngineContext) -> LocalDate? {
        let t = message.phrase.tokens
        guard let f = t.firstIndex(where: { ["fin", "fines", "final", "finales"].contains($0) }),
              t[(f + 1)...].prefix(2).contains(where: { $0 == "ano" || $0 == "año" }), t.count <= 8,
              !t.contains(where: { ["este", "esta", "proximo", "siguiente", "otro", "pasado"].contains($0) || ($0.count == 4 && Int($0) != nil) }),
              let year = goalYear(run, context: context), year > context.today.year else { return nil }
        return LocalDate(year: year, month: 12, day: 31)
    }

    /// The year a meta is measured in, as said so far: its date (the one being replaced too), or
    /// the months its words name when every one is already behind this year. Nil when unsaid.
    static func goalYear(_ run: FlowRun, context: EngineContext) -> Int? {
        let today = context.today
        for v in [run.values["fecha"], run.replacing?["fecha"]] {
            if let d = v?.dateValue, d.year > today.year { return d.year }
        }
        var months: [Int] = []
        for name in ["indicador", "meta", "linea_base"] {
            guard let text = run.values[name]?.textValue else { continue }
            for w in Phrase(text).tokens {
                if w.count == 4, let y = Int(w), y > today.year, y < today.year + 5 { return y }
                if let i = monthWords.firstIndex(of: w) { months.append(i + 1) }
            }
        }
        return !months.isEmpty && months.allSatisfy({ $0 < today.month }) ? today.year + 1 : nil
    }

    /// The last day of the one year a date answer says with nothing else but the words around a
    /// year («el», «pal», «para el año», «del simce», «po»): 31 December of it. Nil for any other
    /// word (a month, a day: the dates grammar reads those), or a year past or over ten ahead.
    static func bareYearEnd(_ t: [String], today: LocalDate) -> LocalDate? {
        // Cheap gate: a short answer with a four-digit number in it.
        guard t.count <= 8, let i = t.firstIndex(where: { $0.utf8.count == 4 && Int($0) != nil }), let y = Int(t[i]),
              (today.year...today.year + 10).contains(y) else { return nil }
        guard t.indices.allSatisfy({ $0 == i || yearLeads.contains(t[$0]) }) else { return nil }
        return LocalDate(year: y, month: 12, day: 31)
    }

    static let yearLeads: Set<String> = ["el", "la", "al", "a", "pal", "pa", "para", "hasta", "hacia", "en", "del", "de", "ano", "año",
                                         "simce", "prueba", "medicion", "evaluacion", "como", "ya", "po", "pues", "unos", "ese", "eso", "o", "sea"]

    static let monthWords = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"]
}
