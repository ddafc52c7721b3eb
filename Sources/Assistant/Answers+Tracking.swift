import CivilTime
import Domain
import DialogEngine
import Understanding

/// Answers about what the network tracks: how each objective goes, the evolution of a learning
/// result, the indicators against their targets.
extension Answers {
    static func objectives(_ s: NetworkSnapshot, today: LocalDate) -> [String] {
        guard let p = s.purpose, !p.objectives.isEmpty else {
            return ["Todavía no hay objetivos escritos. Escribe «definir el propósito» para dejarlos por escrito."]
        }
        var lines: [String] = []
        for (i, o) in p.objectives.enumerated() {
            let d = p.detail(for: o)
            var line = "\(i + 1). \(o)"
            if let g = d.goals.last { line += "\n   Meta: " + ObjectiveReading.goalText(g, today: today) + "." }
            if let c = d.checks.last {
                line += "\n   Última revisión" + (c.date.map { " (\(SpanishFormat.date($0, today: today)))" } ?? "") + ": \(c.progress.label)"
                    + (c.value.map { ", \($0)" } ?? "") + "."
                if let n = c.note { line += " Hicieron: \(n)" + (".!?…".contains(n.last ?? ".") ? "" : ".") }
                if let e = c.evidence { line += " Evidencia: \(e)" + (".!?…".contains(e.last ?? ".") ? "" : ".") }
                if let cmp = ObjectiveReading.comparison(d, today: today) { line += "\n   " + cmp }
            } else {
                line += "\n   Todavía no lo revisamos."
            }
            lines.append(line)
        }
        let results = s.results.filter { $0.objective != nil && p.objectives.contains($0.objective!) }
        var out = "Así vamos con los objetivos:\n" + lines.joined(separator: "\n")
        if !results.isEmpty {
            out += "\nResultados ligados a los objetivos: " + results.suffix(3).map { "\($0.measure): \($0.value)" }.joined(separator: "; ") + "."
        }
        let withoutGoal = p.objectives.contains { p.detail(for: $0).goals.isEmpty }
        // Going through the ones not looked at today is offered right after (with nothing else in
        // progress): here only what that offer does not say.
        var next: [String] = []
        if p.objectives.allSatisfy({ ObjectiveReading.checked(p.detail(for: $0), on: today) }) { next.append("Hoy ya revisaron todos los objetivos.") }
        if withoutGoal { next.append("Si quieren metas medibles, escribe «pongámosle metas a los objetivos».") }
        return next.isEmpty ? [out] : [out, next.joined(separator: " ")]
    }

    /// Words of a question about results that name no measure.
    static let resultWords: Set<String> = ["resultados", "resultado", "van", "vamos", "estan", "estamos", "han", "ido", "evolucion",
                                           "aprendizaje", "aprendizajes", "estudiantes", "alumnos", "nuestros", "los", "las", "de", "en"]

    /// Words of a question about one school's results that name nothing («¿cómo le fue…?»).
    static let schoolQuestionWords: Set<String> = ["fue", "fueron", "les", "tiene", "tienen", "hay", "sus", "sacaron", "saco"]

    static func results(_ s: NetworkSnapshot, text: String, today: LocalDate) -> [String] {
        guard !s.results.isEmpty else {
            return ["Todavía no hay resultados de aprendizaje anotados. Escribe, por ejemplo, «comprensión lectora 4° básico: 58% en nivel adecuado, SIMCE 2026»."]
        }
        // The measure asked about: its subject («lectura» is Lenguaje) or its words.
        let subject = ResultReading.subject(in: text)
        var said = TerritoryReading.words(text).subtracting(resultWords).subtracting(askingFiller)
        var pool = Array(s.results)
        // «¿qué resultados tiene la escuela Villa Huequen?», «¿cómo le fue a la escuela Alemania en
        // matemática?»: only the school named (qa22: every school was listed).
        if Phrase(text).tokens.contains(where: TerritoryReading.schoolWords.contains) {
            let generic = TerritoryReading.schoolWords.union(["rural", "basica", "particular", "municipal"])
            let named = Set(s.results.compactMap(\.school)).filter { name in
                let own = TerritoryReading.words(ResultReading.bareSchoolName(name)).subtracting(generic)
                return !own.isEmpty && own.isSubset(of: said)
            }
            if !named.isEmpty {
                pool = pool.filter { $0.school.map(named.contains) ?? false }
                said = said.subtracting(generic).subtracting(named.flatMap(TerritoryReading.words)).subtracting(schoolQuestionWords)
            } else if let school = ResultReading.namedSchool(in: text).map({ ResultReading.bareSchoolName($0).trimmingCharacters(in: .punctuationCharacters) }) {
                let known = Array(Set(s.results.compactMap { $0.school.map(ResultReading.bareSchoolName) })).sorted()
                return ["No tengo resultados anotados de \(school)."
                    + (known.isEmpty ? " Los que hay son de toda la red." : " Tengo de: " + known.joined(separator: ", ") + ".")]
            }
        }
        var hits = pool
        if let subject {
            hits = pool.filter { $0.subject == subject }
        } else if !said.isEmpty {
            hits = pool.filter { r in
                !TerritoryReading.words([r.measure, r.subject ?? "", r.level ?? "", r.school ?? "", r.value].joined(separator: " ")).isDisjoint(with: said)
            }
        }
        guard !hits.isEmpty else {
            return ["No encontré resultados de eso. Los que tenemos son de: "
                + Array(Set(s.results.compactMap { $0.subject ?? $0.measure })).sorted().joined(separator: ", ") + "."]
        }
        // Per school (the network first), level and subject, oldest to newest: only those compare.
        // Lenguaje and Matemática are two series, never one (pass 9, qa13: «Bajó 21 puntos» from
        // lectura 62% to matemática 41%).
        // The school compared folded and bare: «la escuela Alemania» is «Escuela Alemania» (qa22).
        func group(_ r: LearningResult) -> String { (r.school.map(ResultReading.schoolKey) ?? "") + "|" + (r.level ?? "") + "|" + (r.subject ?? "") }
        let groups = hits.map(group).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }.sorted()
        let severalSubjects = Set(hits.map { $0.subject ?? "" }).count > 1
        var blocks: [String] = []
        for key in groups {
            // Oldest by what was measured, not by when it was told: a SIMCE 2024 written down after the
            // SIMCE 2025 is still the older one (pass 9, qa13: «Bajó 7 puntos» from 55% to 62%).
            let rows = hits.filter { group($0) == key }.sorted { a, b in
                let pa = measuredPeriod(a, today: today), pb = measuredPeriod(b, today: today)
                return (pa.year, pa.month, a.date ?? today, a.number ?? 0) < (pb.year, pb.month, b.date ?? today, b.number ?? 0)
            }
            let place = rows[0].school.map(ResultReading.bareSchoolName) ?? "Toda la red"
            let what = severalSubjects ? rows[0].subject.map { ", \($0)" } ?? "" : ""
            var block = place + what + (rows[0].level.map { ", \($0)" } ?? "") + ":\n"
            block += rows.map { r in
                "- " + (r.date.map { SpanishFormat.date($0, today: today) + ", " } ?? "") + r.measure + ": \(r.value)"
            }.joined(separator: "\n")
            // Only like with like: a SIMCE score is not compared with a school's own test given as
            // a percentage (pass 9, 06-14: «Bajó 187 puntos» from 248 points to 61%).
            if let last = rows.last, let b = last.figure,
               let first = rows.dropLast().first(where: { sameScale($0, last) }), let a = first.figure {
                let diff = Int((b - a).rounded())
                let unit = last.value.contains("%") ? (abs(diff) == 1 ? "punto porcentual" : "puntos porcentuales") : (abs(diff) == 1 ? "punto" : "puntos")
                block += "\n  " + (diff > 0 ? "Subió \(diff) \(unit)." : diff < 0 ? "Bajó \(-diff) \(unit)." : "Se mantiene.")
            }
            blocks.append(block)
        }
        let topic = subject.map { "de \($0.lowercased())" } ?? "que pediste"
        return ["Así van los resultados \(topic), del más antiguo al más reciente:\n" + blocks.joined(separator: "\n")]
    }

    /// When a result was measured, as its measure says it («SIMCE 2024», «prueba de la red marzo
    /// 2026», «prueba de velocidad lectora de marzo»), else when it was written down. A month
    /// without a year is the last one of that name up to the day it was written down; a year
    /// without a month sorts before that year's months.
    static func measuredPeriod(_ r: LearningResult, today: LocalDate) -> (year: Int, month: Int) {
        let told = r.date ?? today
        let words = Phrase(r.measure).tokens
        let year = words.compactMap { Int($0) }.last { $0 >= 1990 && $0 <= 2100 }
        let month = words.compactMap { monthNumbers[$0] }.last
        switch (year, month) {
        case let (y?, m?): return (y, m)
        case let (y?, nil): return (y, 0)
        case let (nil, m?): return (m > told.month ? told.year - 1 : told.year, m)
        case (nil, nil): return (told.year, told.month)
        }
    }

    static let monthNumbers: [String: Int] = ["enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
                                              "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12]

    /// Two results that can be compared: both percentages or both scores, and both SIMCE or
    /// both the schools' own tests.
    static func sameScale(_ a: LearningResult, _ b: LearningResult) -> Bool {
        func simce(_ r: LearningResult) -> Bool { r.measure.lowercased().contains("simce") }
        return a.value.contains("%") == b.value.contains("%") && simce(a) == simce(b)
    }

    static func indicators(_ s: NetworkSnapshot, today: LocalDate) -> [String] {
        let now = DiagnosisCalculator.indicators(s, today: today, isGroup: PeopleParser.isGroup)
        let targets = s.network.indicatorTargets
        var lines: [String] = []
        for (key, label, _) in IndicatorTarget.catalog {
            let v = now[key], t = targets[key]
            guard v != nil || t != nil else { continue }
            var line = "- \(label.prefix(1).uppercased() + label.dropFirst()): " + (v.map { IndicatorTarget.format(key, $0) } ?? "sin datos todavía")
            if let t {
                line += " (meta: \(IndicatorTarget.format(key, t))" + (v.map { IndicatorTarget.reached($0, t) ? ", cumplida)" : ", por alcanzar)" } ?? ")")
            }
            lines.append(line)
        }
        var out = ["Así están los indicadores de la red:\n" + lines.joined(separator: "\n")]
        if targets.isEmpty { out.append("Si quieren ponerles metas, dime por ejemplo «queremos que el 80% de los acuerdos se cumplan a tiempo».") }
        return out
    }
}
