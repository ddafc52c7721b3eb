import Foundation
import CivilTime
import Domain
import DialogEngine
import Understanding

/// Which objective of the purpose a message names («el 2», «el primero», «el de lectura») and
/// how its last checks compare. Shared by the metas and check flows and the objectives answer.
enum ObjectiveReading {
    /// A purpose with one objective: that one, without asking which.
    static func onlyObjective(_ context: EngineContext) -> SlotValues {
        guard let p = context.snapshot?.purpose, p.objectives.count == 1 else { return [:] }
        return ["objetivo": .text(p.objectives[0])]
    }

    /// «revisar el objetivo 2», «metas para el de las familias»: the objective the request names.
    static func prefill(_ request: String, context: EngineContext) -> Prefill {
        let t = Phrase(request).tokens
        // «el avance de un objetivo» names none: «un» is no number there.
        guard let p = context.snapshot?.purpose, t.contains("objetivo"), !zip(t, t.dropFirst()).contains(where: { $0 == "un" && $1 == "objetivo" }),
              let o = objective(in: request, p) else { return Prefill() }
        return Prefill(values: ["objetivo": .text(o)])
    }

    /// «como el 55% más o menos», «la meta es 80%»: the figure said, without the talk around it
    /// (from its first digit, hedges at the end dropped). Nil when there is no figure.
    static func figure(_ text: String) -> String? {
        guard let start = text.firstIndex(where: \.isNumber) else { return nil }
        // «0, todavía nadie la aplica»: a clause after the figure is a remark, not part of it
        // («2,5» keeps its decimal comma: only a comma or period before a space ends it).
        var said = text[start...]
        if let stop = said.indices.first(where: { i in ",.;".contains(said[i]) && said.index(after: i) < said.endIndex && said[said.index(after: i)] == " " }) {
            said = said[..<stop]
        }
        var words = said.split(separator: " ").map(String.init)
        let hedges: Set<String> = ["mas", "menos", "o", "aprox", "aproximadamente", "masomenos", "po", "algo", "asi", "cerca", "mas o menos"]
        while let last = words.last, words.count > 1, hedges.contains(TextFold.fold(last).filter(\.isLetter)) { words.removeLast() }
        let figure = words.joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: " ,.;"))
        return figure.isEmpty ? nil : figure
    }

    /// The objective named by number (1-based) or, failing that, by its words when one fits.
    /// `withGoals`: also by the words of its metas («la meta de lectura» is the objective whose
    /// meta measures «comprensión lectora»), and never by a number (a figure is no reference).
    static func objective(in text: String, _ p: Purpose, withGoals: Bool = false) -> String? {
        guard !p.objectives.isEmpty else { return nil }
        if !withGoals, let n = NumberParser.parse(text), (1...p.objectives.count).contains(n) { return p.objectives[n - 1] }
        func words(_ o: String) -> String { withGoals ? ([o] + p.detail(for: o).goals.map(\.indicator)).joined(separator: " ") : o }
        // «el de las prácticas»: the objective sharing most word stems with what was said; with
        // none, shorter stems («lectura» and «lectora» share «lect»).
        for length in [5, 4] {
            let said = stems(text, length: length)
            guard !said.isEmpty else { return nil }
            let scored = p.objectives.map { o in (o, stems(words(o), length: length).intersection(said).count) }
            let top = scored.map(\.1).max() ?? 0
            let best = scored.filter { $0.1 == top }
            if top > 0 { return best.count == 1 ? best[0].0 : nil }
        }
        return nil
    }

    /// The answer to «¿a qué objetivo?»: the one it names; a question that names none
    /// («¿cómo vamos con los objetivos?») is left to the engine to answer.
    /// The objective a flow about one objective is on: picked at «¿Qué objetivo?», or corrected
    /// from any other question («no, era el de las familias»).
    static func objective(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        guard let p = context.snapshot?.purpose else { return nil }
        if slot.name != "objetivo" {
            guard let o = correction(message, p), run.values["objetivo"]?.textValue != o else { return nil }
            let n = (p.objectives.firstIndex(of: o) ?? 0) + 1
            return .fill(["objetivo": .text(o)], remark: "Corregido: el objetivo \(n), «\(o)».")
        }
        return pick(message, p)
    }

    static func pick(_ message: Utterance, _ p: Purpose) -> Reading? {
        if let o = objective(in: message.clean, p) { return .fill(["objetivo": .text(o)], remark: nil) }
        if message.clean.contains("?") || message.clean.contains("¿") { return nil }
        return .reask("No supe cuál. Dime su número:\n" + list(p))
    }

    /// Whether the objective was looked at on `day`.
    static func checked(_ d: ObjectiveDetail, on day: LocalDate) -> Bool { d.checks.contains { $0.date == day } }

    /// What a progress report says: the figure («62%», «1 de 3») and what was done before it
    /// («hicimos la medición de diciembre y ahora el 62%»). `done` is nil when the words before
    /// the figure only lead to it («ahora estamos en 62%»).
    /// `naming`: words that name what is measured («el ausentismo crónico ahora está en 26%»): they
    /// lead to the figure as much as «ahora estamos en».
    static func progress(in text: String, naming: Set<String> = []) -> (done: String?, figure: String?) {
        guard let r = text.range(of: #"\d+([.,]\d+)?\s*(%|por ?ciento)|\d+\s+de\s+\d+"#, options: .regularExpression) else { return (text, nil) }
        let figure = String(text[r]).replacingOccurrences(of: " %", with: "%").replacingOccurrences(of: "por ciento", with: "%")
            .replacingOccurrences(of: "porciento", with: "%").replacingOccurrences(of: " %", with: "%")
        var before = String(text[..<r.lowerBound])
        // The clause that leads to the figure starts at the last «, » or « y » before it.
        let cuts = [", ", " y ", "; ", ". "].compactMap { before.range(of: $0, options: .backwards) }
        var lead = before
        if let cut = cuts.max(by: { $0.lowerBound < $1.lowerBound }) {
            lead = String(before[cut.upperBound...])
            before = String(before[..<cut.lowerBound])
        } else {
            before = ""
        }
        let leadWords = Phrase(lead).tokens
        let leads = { (w: String) in figureLeads.contains(w) || naming.contains(w) || placeLeads.contains(w) }
        guard leadWords.allSatisfy(leads) else { return (text, nil) }
        let done = before.trimmingCharacters(in: CharacterSet(charactersIn: " ,.;"))
        let onlyFigure = Phrase(done).tokens.allSatisfy(leads)
        // «el 50% de los cursos hizo lectura en parejas» says what was done, with a figure in it;
        // «…26%, anótalo» only asks to write it down.
        if onlyFigure, !Phrase(String(text[r.upperBound...])).tokens.allSatisfy({ figureLeads.contains($0) || writeDown.contains($0) }) { return (text, nil) }
        return (onlyFigure ? nil : done, figure)
    }

    /// Words that only lead to a figure: «y ahora estamos en», «ya vamos como en el».
    static let figureLeads: Set<String> = ["ahora", "estamos", "vamos", "van", "va", "estan", "llegamos", "quedamos", "en", "el", "la", "a", "al",
                                           "como", "ya", "y", "de", "un", "con", "subimos", "bajamos", "tenemos", "hay", "dio", "salio",
                                           "salimos", "logramos", "mas", "menos", "o", "casi", "cerca", "po", "oye", "mira", "bueno", "pasamos", "paso",
                                           "pasaron", "andamos", "anda", "llego", "llegaron", "quedo", "quedaron", "estariamos", "subio", "bajo"]

    /// «en nuestra escuela y en la red…»: where the figure was taken, not what was done.
    static let placeLeads: Set<String> = ["nuestra", "nuestro", "nuestras", "nuestros", "escuela", "escuelas", "red", "colegio", "liceo", "esta", "toda", "todas"]
    /// «anótalo», «regístralo porfa»: after the figure, only asking to write it down.
    static let writeDown: Set<String> = ["anotalo", "anota", "anotar", "registralo", "registra", "guardalo", "porfa", "por", "favor", "gracias"]

    /// Words that say which objective without naming it.
    static let filler: Set<String> = ["el", "la", "los", "las", "de", "del", "al", "en", "y", "que", "un", "una", "por", "para", "con",
                                      "objetivo", "objetivos", "meta", "metas", "ese", "esa", "este", "esta", "sobre", "cada"]

    /// The first five letters of each meaningful word: «prácticas» and «práctica» meet.
    static func stems(_ text: String, length: Int = 5) -> Set<String> {
        Set(Phrase(text).tokens.filter { !filler.contains($0) && $0.count > 2 && Int($0) == nil }.map { String($0.prefix(length)) })
    }

    /// «no, era el 2», «perdón, el objetivo 2», «me equivoqué, es el segundo» while another question
    /// is asked: the objective picked before was the wrong one.
    static func correction(_ message: Utterance, _ p: Purpose) -> String? {
        let t = message.phrase.tokens
        guard let first = t.first, ["no", "perdon", "me", "ups", "uy"].contains(first), t.count <= 7 else { return nil }
        let pointsBack = t.contains { ["era", "objetivo", "equivoque"].contains($0) }
        guard pointsBack, let n = NumberParser.parse(message.clean), (1...p.objectives.count).contains(n) else { return nil }
        return p.objectives[n - 1]
    }

    /// «1. Mejorar la fluidez lectora…» lines, with how each goes when it was checked.
    static func list(_ p: Purpose) -> String {
        p.objectives.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n")
    }

    /// «40% a 60% al 1 de diciembre de 2027» for a meta.
    static func goalText(_ g: ObjectiveDetail.Goal, today: LocalDate) -> String {
        var out = g.indicator
        if let b = g.baseline, let t = g.target { out += ": de \(b) a \(t)" } else if let t = g.target { out += ": llegar a \(t)" }
        if let d = g.date { out += " para el \(SpanishFormat.date(d, today: today))" }
        return out
    }

    /// «La vez pasada íbamos en 45%, ahora 52%.» from the last two checks with a figure.
    static func comparison(_ d: ObjectiveDetail, today: LocalDate) -> String? {
        let figured = d.checks.filter { $0.value != nil }
        guard figured.count >= 2, let now = figured.last?.value, let before = figured.dropLast().last else {
            // Without figures, how it was judged last time against now.
            guard d.checks.count >= 2, let now = d.checks.last, now.value == nil, let before = d.checks.dropLast().last else { return nil }
            let when = before.date.map { " (\(SpanishFormat.date($0, today: today)))" } ?? ""
            return "La vez pasada\(when) iba \(before.progress.label); ahora \(now.progress.label)."
        }
        let when = before.date.map { " (\(SpanishFormat.date($0, today: today)))" } ?? ""
        var line = "La vez pasada\(when) íbamos en \(before.value!), ahora \(now)."
        if let a = LearningResult.figure(in: before.value!), let b = LearningResult.figure(in: now) {
            line += b > a ? " ¡Van subiendo!" : b < a ? " Bajó un poco: vale la pena conversarlo." : ""
        }
        return line
    }
}
