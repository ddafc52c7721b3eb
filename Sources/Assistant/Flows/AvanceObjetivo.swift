import CivilTime
import DialogEngine
import Domain
import FileStore
import Foundation
import Understanding

/// `dialogs/avance-objetivo.yaml`: one look at an objective. When the objective has a meta, its
/// indicator is kept (never asked) and the figure is asked, then compared with the last look.
/// «revisemos los objetivos» (or «sí» to «¿Los revisamos uno por uno?») goes through every
/// objective not looked at today, one after another, as a round; «revisar el objetivo 2» looks
/// at that one only.
struct AvanceObjetivoFlow: MingaFlow {
    let id = "avance-objetivo"
    let saveKind: String? = "objective_check"
    let slotNames = ["objetivo", "hecho", "evidencia", "avance", "indicador", "valor"]

    func blocker(_ context: EngineContext) -> String? {
        guard context.snapshot?.purpose?.objectives.isEmpty ?? true else { return nil }
        return "Todavía no hay objetivos escritos. Escribe «definir el propósito» para dejarlos por escrito."
    }

    func defaults(_ run: FlowRun, context: EngineContext) -> SlotValues { ObjectiveReading.onlyObjective(context) }

    /// `claim` needs one of these (`ClaimCues`): A figure said in percent, or a score (digits).
    func claimCues(_ flow: FlowDefinition) -> ClaimCues { ClaimCues(words: ["ciento"], bytes: [UInt8(ascii: "%")] + ClaimCues.digits) }

    /// «como vamos con la meta de lectura? hicimos la medición de diciembre y ahora el 62%»: a
    /// figure said about one objective (named by its words or its meta's) starts its check with
    /// the figure and what was done.
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        let t = message.phrase.tokens
        // «vamos en 248», «subimos a 250 en la última prueba»: a score of a meta counted in points.
        if !message.clean.utf8.contains(UInt8(ascii: "%")), !t.contains("ciento") {
            guard let p = context.snapshot?.purpose, let (o, figure) = Self.scoreProgress(message, p) else { return nil }
            return Claim(values: ["objetivo": .text(o), "valor": .text(figure)], echo: ["cifra: \(figure)"])
        }
        guard message.clean.utf8.contains(UInt8(ascii: "%")) || t.contains("ciento"),
              t.contains(where: { ["meta", "metas", "objetivo", "objetivos"].contains($0) }) || Self.namesTracked(message.clean, context.snapshot?.purpose),
              // A meta being set («la meta es…», «pasar de 55% a 80%») is not a check.
              !t.contains(where: { ["ponerle", "pongamosle", "definir", "agregar", "nueva", "queremos", "es", "pasar", "llegar", "base"].contains($0) }),
              let p = context.snapshot?.purpose else { return nil }
        let question = message.clean.split(separator: "?", maxSplits: 1).first.map(String.init) ?? message.clean
        // Named by its words or its meta's; «¿cómo van las metas?» with one objective with a meta
        // (or one objective) is that one; otherwise which one is asked, the figure kept.
        let withGoal = p.objectives.filter { !p.detail(for: $0).goals.isEmpty }
        let o = ObjectiveReading.objective(in: question, p, withGoals: true) ?? ObjectiveReading.objective(in: message.clean, p, withGoals: true)
            ?? (withGoal.count == 1 ? withGoal[0] : p.objectives.count == 1 ? p.objectives[0] : nil)
        // What follows the question («…? hicimos la medición y ahora el 62%») is the report.
        let report = message.clean.split(separator: "?", maxSplits: 1).dropFirst().first.map(String.init) ?? message.clean
        let naming = Set((p.objectives + p.details.flatMap { $0.goals.map(\.indicator) }).flatMap { Phrase($0).tokens })
        let said = ObjectiveReading.progress(in: report, naming: naming)
        guard let figure = said.figure else { return nil }
        var values: SlotValues = ["valor": .text(figure)]
        if let o { values["objetivo"] = .text(o) }
        var echo = ["cifra: \(figure)"]
        // «avance del objetivo 2, vamos en 60%»: the words naming the objective are not what was
        // done, nor those asking to write the figure down («pon el avance de la meta…»).
        if let done = said.done, !(Phrase(done).stems.count <= 4 && Self.numbered(done, p) != nil), !Self.onlyRequest(done, naming: naming) {
            values["hecho"] = .text(done)
            echo.insert("qué hicieron: \(done)", at: 0)
        }
        return Claim(values: values, echo: echo)
    }

    /// Words that ask to write a check down, or name it, rather than tell what was done.
    static let requestWords: Set<String> = ["pon", "pone", "ponle", "poner", "anota", "anotar", "anotame", "registra", "registrar", "actualiza",
                                            "actualizar", "actualizame", "guarda", "guardar", "avance", "avances", "meta", "metas", "objetivo",
                                            "objetivos", "porfa", "favor", "oye", "ya", "y", "el", "la", "los", "las", "de", "del", "al", "en",
                                            "que", "po", "cifra", "dato", "seguimiento", "nuevo", "nueva"]

    /// «y pon el avance de la meta del simce»: only the request and the words naming the meta.
    static func onlyRequest(_ done: String, naming: Set<String>) -> Bool {
        Phrase(done).tokens.allSatisfy { requestWords.contains($0) || naming.contains($0) }
    }

    /// The objectives whose last meta is counted in points (a baseline or target in points, or
    /// a bare figure of 100 or more): a score said alone can only be theirs.
    static func scored(_ p: Purpose) -> [(objective: String, goal: ObjectiveDetail.Goal)] {
        p.objectives.compactMap { o in
            guard let g = p.detail(for: o).goals.last else { return nil }
            let said = [g.baseline, g.target].compactMap { $0 }
            guard !said.isEmpty, !said.contains(where: { $0.contains("%") }),
                  said.contains(where: { $0.lowercased().contains("punto") || (LearningResult.figure(in: $0) ?? 0) >= 100 }) else { return nil }
            return (o, g)
        }
    }

    /// Verbs that say where a figure stands now.
    static let standVerbs: Set<String> = ["vamos", "van", "va", "estamos", "estan", "subimos", "subio", "subieron", "bajamos", "bajo", "bajaron",
                                          "llegamos", "llego", "llegaron", "quedamos", "quedo", "quedaron", "sacamos", "saco", "sacaron",
                                          "tenemos", "andamos", "anda", "pasamos", "paso", "estariamos", "obtuvimos", "obtuvo"]

    /// «vamos en 248», «subimos a 250 en la última prueba», «y pon el avance de la meta del simce,
    /// vamos en 248»: a score near a points meta's baseline or target, said with a verb of where
    /// it stands, gives that objective and the figure in points. A meta being set, or a learning
    /// result with its subject and course, is not this.
    static func scoreProgress(_ message: Utterance, _ p: Purpose) -> (String, String)? {
        let t = message.phrase.tokens
        guard t.contains(where: standVerbs.contains), !QuestionForm.asks(message),
              !t.contains(where: { ["ponerle", "pongamosle", "definir", "agregar", "nueva", "queremos", "pasar", "llegar", "base", "partimos"].contains($0) })
        else { return nil }
        let goals = scored(p)
        guard !goals.isEmpty else { return nil }
        let text = message.clean
        if ResultReading.subject(in: text) != nil, ResultReading.level(in: text) != nil { return nil }
        // The one score: two or three digits, no percentage, no year, no date's day.
        let numbers = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" || $0 == ":" }).filter { $0.contains(where: \.isNumber) }
            .map { $0.trimmingCharacters(in: .init(charactersIn: ".")) }
        guard numbers.count == 1, (2...3).contains(numbers[0].count), numbers[0].allSatisfy(\.isNumber), let n = Double(numbers[0]) else { return nil }
        let which: (objective: String, goal: ObjectiveDetail.Goal)?
        if goals.count == 1 {
            which = goals[0]
        } else {
            let o = ObjectiveReading.objective(in: text, p, withGoals: true)
            which = goals.first { $0.objective == o }
        }
        guard let (o, g) = which else { return nil }
        let marks = [g.baseline, g.target].compactMap { $0.flatMap(LearningResult.figure(in:)) }
        guard let low = marks.min(), let high = marks.max(), n >= low * 0.7, n <= high * 1.3 else { return nil }
        return (o, "\(numbers[0]) puntos")
    }

    /// «la asistencia promedio ya va en 91%»: a figure said by what an objective or its meta
    /// measures (two of its words at least), not a learning result of a test or a grade.
    static func namesTracked(_ text: String, _ p: Purpose?) -> Bool {
        guard let p, ResultReading.measure(in: text) == nil, ResultReading.level(in: text) == nil,
              let o = ObjectiveReading.objective(in: text, p, withGoals: true) else { return false }
        let own = ([o] + p.detail(for: o).goals.map(\.indicator)).joined(separator: " ")
        return ObjectiveReading.stems(own).intersection(ObjectiveReading.stems(text)).count >= 2
    }

    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        var out = ObjectiveReading.prefill(request, context: context)
        // «registrar avance de la meta 1: 249»: the objective by its number, the figure after it.
        // «revisemos el objetivo 1, en el DIA de cierre llegamos a 61%»: the objective named by
        // its words too, and a percentage after it is its figure (qa28: asked again later).
        if let p = context.snapshot?.purpose, let (o, figure) = Self.numbered(request, p),
           out.values["objetivo"] == nil || (out.values["objetivo"] == .text(o) && run.values["valor"] == nil && figure.map(Self.isPercent) == true) {
            out.values["objetivo"] = .text(o)
            out.echo = ["objetivo: \(o)"]
            if let figure, run.values["valor"] == nil {
                out.values["valor"] = .text(figure)
                out.echo.append("cifra: \(figure)")
            }
            out.replacesEcho = true
            return out
        }
        // A request that already says something of one check (its figure) is that one check.
        guard run.values.isEmpty, out.values["objetivo"] == nil, let p = context.snapshot?.purpose, !p.objectives.isEmpty else { return out }
        // «avance de un objetivo» asks which one; any other request without one is for all of them.
        let t = Phrase(request).tokens
        if zip(t, t.dropFirst()).contains(where: { $0 == "un" && $1 == "objetivo" }) { return out }
        let today = context.today
        let first = p.objectives.first { !ObjectiveReading.checked(p.detail(for: $0), on: today) } ?? p.objectives[0]
        out.values["objetivo"] = .text(first)
        out.round = true
        return out
    }

    /// In a round, which objective this is (and how it went last time), and how to skip or stop.
    func startRemarks(_ run: FlowRun, context: EngineContext) -> [String] {
        guard let place = run.round, let o = run.values["objetivo"]?.textValue, let p = context.snapshot?.purpose,
              let i = p.objectives.firstIndex(of: o) else { return [] }
        var lines: [String] = []
        let several = p.objectives.count > 1
        if place == 1, several {
            lines.append("Vamos uno por uno. Si quieres saltarte uno, escribe «siguiente»; para terminar antes, «hasta aquí».")
        }
        var line = several ? "Objetivo \(i + 1) de \(p.objectives.count): «\(o)»." : ""
        if let last = p.detail(for: o).checks.last {
            line += (several ? " La última" : "La última") + " revisión" + (last.date.map { " (\(SpanishFormat.date($0, today: context.today)))" } ?? "")
                + " quedó \(last.progress.label)" + (last.value.map { ", \($0)" } ?? "") + "."
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    func beforeAsking(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> [String] {
        guard let p = context.snapshot?.purpose else { return [] }
        switch slot.name {
        case "objetivo":
            return ["Los objetivos son:\n" + ObjectiveReading.list(p)]
        case "valor":
            guard let o = run.values["objetivo"]?.textValue else { return [] }
            let d = p.detail(for: o)
            var lines: [String] = []
            if let g = d.goals.last { lines.append("La meta: " + ObjectiveReading.goalText(g, today: context.today) + ".") }
            if let last = d.checks.last(where: { $0.value != nil }), let v = last.value {
                lines.append("La vez pasada" + (last.date.map { " (\(SpanishFormat.date($0, today: context.today)))" } ?? "") + " iban en \(v).")
            }
            return lines
        default:
            return []
        }
    }

    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        if ["valor"].contains(slot.name), let figure = ObjectiveReading.figure(message.clean) {
            // «61» for a meta in percent («de 52% a 75%»): 61% (qa28: «Cifra: 61»).
            if Self.isBare(figure), let o = run.values["objetivo"]?.textValue, let p = context.snapshot?.purpose,
               Self.inPercent(p.detail(for: o)) {
                return .fill([slot.name: .text(figure + "%")], remark: nil)
            }
            if figure != message.clean { return .fill([slot.name: .text(figure)], remark: nil) }
        }
        // «ahora estamos en 62%» to another question of a check: the figure (asked only with a
        // meta, kept with or without one); «hicimos la medición de diciembre y ahora el 62%» to
        // «¿qué hicieron?»: both.
        if slot.name != "objetivo", slot.name != "valor" {
            // «vamos en 248» for a meta in points: the figure, not what was done.
            if let p = context.snapshot?.purpose, let o = run.values["objetivo"]?.textValue, let (scoredFor, figure) = Self.scoreProgress(message, p),
               scoredFor == o, Phrase(message.clean).tokens.allSatisfy({ ObjectiveReading.figureLeads.contains($0) || Int($0) != nil || ["puntos", "pts", "ultima", "prueba", "medicion", "ensayo"].contains($0) }) {
                return .fill(["valor": .text(figure)], remark: "Anoté la cifra: \(figure).")
            }
            let said = ObjectiveReading.progress(in: message.clean)
            if let figure = said.figure {
                if slot.name == "hecho", let done = said.done {
                    return .fill(["hecho": .text(done), "valor": .text(figure)], remark: "Anoté la cifra: \(figure).")
                }
                if said.done == nil { return .fill(["valor": .text(figure)], remark: "Anoté la cifra: \(figure).") }
            }
        }
        return ObjectiveReading.objective(message, slot: slot, run: run, context: context)
    }

    /// An objective with a meta brings its indicator, so its figure is asked. A check is always
    /// of an objective of the purpose: words that name none are asked again (saved, they would
    /// become a new objective nobody wrote).
    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        // «64% en la escuela El Maitén»: where the figure was taken is no part of it; it is kept
        // in the note of what they did (issue 12: the figure held the whole phrase).
        if slot.name == "valor", let text = value.textValue, let tail = text.range(of: ResultReading.placeTail, options: .regularExpression),
           tail.lowerBound > text.startIndex {
            let figure = text[..<tail.lowerBound].trimmingCharacters(in: .whitespaces)
            let place = "cifra " + text[tail.lowerBound...].trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: ".")))
            let note = run.values["hecho"]?.textValue.map { "\($0) (\(place))" } ?? place
            return .replace(.text(figure), remarks: ["Anoté la cifra, \(figure), y en la nota: \(place)."], others: ["hecho": .text(note)])
        }
        guard slot.name == "objetivo", let said = value.textValue, let p = context.snapshot?.purpose, !p.objectives.isEmpty else { return .accept }
        guard let o = p.objectives.contains(said) ? said : ObjectiveReading.objective(in: said, p) else {
            return .reject("No encuentro ese objetivo. Dime su número:\n" + ObjectiveReading.list(p))
        }
        let indicator = p.detail(for: o).goals.last.map { SlotValue.text($0.indicator) }
        return .replace(.text(o), others: ["indicador": indicator])
    }

    /// «61%», «61,5 %»: a percentage and nothing else.
    static func isPercent(_ figure: String) -> Bool {
        figure.hasSuffix("%") && isBare(String(figure.dropLast()).trimmingCharacters(in: .whitespaces))
    }

    /// «61», «61,5»: a figure with no unit.
    static func isBare(_ figure: String) -> Bool {
        !figure.isEmpty && figure.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ".") }
            && figure.utf8.first.map { $0 >= 0x30 && $0 <= 0x39 } == true && figure.utf8.last.map { $0 >= 0x30 && $0 <= 0x39 } == true
    }

    /// Whether the objective's meta counts in percent: its baseline or target says «%».
    static func inPercent(_ d: ObjectiveDetail) -> Bool {
        guard let g = d.goals.last else { return false }
        return [g.baseline, g.target].contains { $0?.contains("%") == true }
    }

    /// «avance de la meta 1: 249», «objetivo 2, vamos en 60%»: the objective whose number follows
    /// «meta» or «objetivo», and the figure said after it (nil when none).
    static func numbered(_ request: String, _ p: Purpose) -> (String, String?)? {
        let words = request.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0).filter { $0.isLetter || $0.isNumber } }
        guard let k = folded.indices.first(where: { $0 > 0 && ["meta", "objetivo"].contains(folded[$0 - 1]) && Int(folded[$0]) != nil }),
              let n = Int(folded[k]), (1...p.objectives.count).contains(n) else { return nil }
        let rest = words[(k + 1)...].joined(separator: " ")
        return (p.objectives[n - 1], ObjectiveReading.figure(rest))
    }

    /// The next objective of the purpose not looked at today.
    func nextInRound(after run: FlowRun, context: EngineContext) -> SlotValues? {
        guard let p = context.snapshot?.purpose, let o = run.values["objetivo"]?.textValue, let i = p.objectives.firstIndex(of: o) else { return nil }
        let next = p.objectives[(i + 1)...].first { !ObjectiveReading.checked(p.detail(for: $0), on: context.today) }
        return next.map { ["objetivo": .text($0)] }
    }

    /// After «¿cómo vamos con los objetivos?», or one objective looked at on its own: the others
    /// not looked at today, one by one.
    func roundOffer(after query: Query?, run: FlowRun?, context: EngineContext) -> RoundOffer? {
        guard query == .objectives || (query == nil && run != nil), let p = context.snapshot?.purpose else { return nil }
        let done = run?.values["objetivo"]?.textValue
        let pending = p.objectives.filter { $0 != done && !ObjectiveReading.checked(p.detail(for: $0), on: context.today) }
        guard !pending.isEmpty else { return nil }
        if run != nil {
            return RoundOffer(question: pending.count == 1 ? "¿Seguimos con el objetivo que falta?" : "¿Seguimos con los otros objetivos, uno por uno?",
                              request: "revisemos los objetivos")
        }
        if p.objectives.count == 1 {
            return RoundOffer(question: "¿Lo revisamos ahora? Te pregunto qué hicieron, la evidencia y cómo va.", request: "revisemos los objetivos")
        }
        return RoundOffer(question: "¿Los revisamos uno por uno? Te pregunto qué hicieron, la evidencia y cómo va cada uno.",
                          request: "revisemos los objetivos")
    }

    /// The round's closing: each objective as it was left today.
    func roundClosing(_ snapshot: NetworkSnapshot, today: LocalDate) -> [String] {
        guard let p = snapshot.purpose else { return [] }
        var lines: [String] = []
        var looked = 0
        for (i, o) in p.objectives.enumerated() {
            let d = p.detail(for: o)
            guard let c = d.checks.last, c.date == today else {
                lines.append("\(i + 1). \(o): sin revisar esta vez.")
                continue
            }
            looked += 1
            var line = "\(i + 1). \(o): \(c.progress.label)" + (c.value.map { " (\($0))" } ?? "") + "."
            if let cmp = ObjectiveReading.comparison(d, today: today) { line += " " + cmp }
            lines.append(line)
        }
        guard looked > 0 else { return ["Esta vez no anotamos ninguna revisión. Cuando quieras, escribe «revisemos los objetivos»."] }
        let end = looked == p.objectives.count ? "¡Buen trabajo!" : "Los que faltan los pueden revisar cuando quieran con «revisemos los objetivos»."
        return ["Así quedó la revisión de hoy:\n" + lines.joined(separator: "\n"), end]
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        guard var p = snapshot.purpose, let objective = v["objetivo"]?.textValue else { throw StoreError.notFound("el propósito") }
        let today = w.clock.today()
        var d = p.detail(for: objective)
        let progress = v["avance"]?.textValue.flatMap(ObjectiveDetail.Progress.init(rawValue:)) ?? .enCamino
        let value = v["valor"]?.textValue
        d.checks.append(ObjectiveDetail.Check(date: today, progress: progress, value: value, evidence: v["evidencia"]?.textValue,
                                              note: v["hecho"]?.textValue))
        p.setDetail(d)
        try w.store.savePurpose(p, network: snapshot.network.id)
        let how = progress == .logrado ? "está logrado" : "va \(progress.label)"
        var resumen = "Anoté que el objetivo «\(objective)» \(how)" + (value.map { " (\($0))" } ?? "") + "."
        if let c = ObjectiveReading.comparison(d, today: today) {
            resumen += " " + c
        } else if value != nil, let g = d.goals.last, let b = g.baseline, let t = g.target {
            // The first figure: against where they started and where they want to get.
            resumen += " Partieron en \(b) y la meta es \(t)."
        }
        return ["resumen": resumen]
    }
}
