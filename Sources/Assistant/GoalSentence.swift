import Foundation
import CivilTime
import DialogEngine
import Understanding

/// A meta said in one sentence: «que el 80% de los niños de 2do lea 50 palabras por minuto a fin
/// de año», «la meta es pasar de 55% a 80% en comprensión lectora a diciembre», «línea base como el
/// 55% más o menos, la meta es 80%». Each part comes out clean (the figure, not the talk around
/// it); what the sentence does not say stays nil, to be asked.
struct GoalSentence: Equatable {
    var indicator: String?
    var baseline: String?
    var target: String?
    var date: LocalDate?

    /// The parts as the metas flow's slots.
    var values: SlotValues {
        var v: SlotValues = [:]
        if let indicator { v["indicador"] = .text(indicator) }
        if let baseline { v["linea_base"] = .text(baseline) }
        if let target { v["meta"] = .text(target) }
        if let date { v["fecha"] = .date(date) }
        return v
    }

    /// «qué vamos a medir: …; línea base: 55%; meta: 80%; fecha: …», as the «Anoté:» line says them.
    func echo(today: LocalDate) -> [String] {
        var out: [String] = []
        if let indicator { out.append("qué vamos a medir: \(indicator)") }
        if let baseline { out.append("línea base: \(baseline)") }
        if let target { out.append("meta: \(target)") }
        if let date { out.append("fecha: \(SpanishFormat.date(date, today: today))") }
        return out
    }

    static func read(_ text: String, temporal: TemporalContext) -> GoalSentence {
        var g = GoalSentence()
        let figures = Self.figures(in: text)
        guard !figures.isEmpty else { return g }
        // The date (a month or a span is read as its last day: «a diciembre» is by its end), and
        // where it starts, so it stays out of the indicator.
        var end = text.endIndex
        if let m = TemporalParser.parse(text, context: temporal), let r = text.range(of: m.text, options: .backwards),
           r.lowerBound > figures[0].range.upperBound {
            switch m.value {
            case .date(let d): g.date = d
            case .dateRange(_, let b): g.date = b
            default: break
            }
            if g.date != nil { end = r.lowerBound }
        }
        // «de 2 a las 5 escuelas, para julio»: the figures read as hours took the date's place;
        // what follows the last figure says it.
        if g.date == nil, let last = figures.last,
           let m = TemporalParser.parse(String(text[last.range.upperBound...]), context: temporal),
           let r = text.range(of: m.text, options: .backwards), r.lowerBound >= last.range.upperBound {
            switch m.value {
            case .date(let d): g.date = d
            case .dateRange(_, let b): g.date = b
            default: break
            }
            if g.date != nil { end = r.lowerBound }
        }
        // «…, al 2027», «para el 2027»: a year alone is by its end (the dates grammar reads no bare year).
        // «pal 2027», «para 2027», «en el año 2027» too: they stayed in what is measured and the
        // date was asked again (qa31).
        if g.date == nil, let r = text.range(of: #"(?i)\b(al|a|pal|pa'l|pa|para|hasta|en|hacia|el)(\s+el)?(\s+a[ñn]o)?\s+20\d{2}\b"#, options: .regularExpression),
           r.lowerBound > figures[0].range.upperBound, let y = Int(text[r].suffix(4)), y >= temporal.today.year {
            g.date = LocalDate(year: y, month: 12, day: 31)
            end = r.lowerBound
        }
        // «… en nivel adecuado en el simce 2027», «en la prueba de fluidez 2027»: the year of the
        // test it is measured in is the date too; the test stays in what is measured, only the
        // year leaves it (qa32: the indicator kept «2027» and the date was asked). «para el simce
        // 2027» says by when, and its day is asked («como en octubre»).
        if g.date == nil, let r = text.range(of: #"(?i)\ben\s+(el|la)\s+(simce|prueba|medici[oó]n|evaluaci[oó]n)(\s+(de\s+)?\p{L}{4,})?(\s+(del?|el))?(\s+a[ñn]o)?\s+20\d{2}\b"#, options: .regularExpression),
           r.lowerBound > figures[0].range.upperBound, let y = Int(text[r].suffix(4)), y >= temporal.today.year,
           let year = text.range(of: #"20\d{2}\b"#, options: .regularExpression, range: r) {
            g.date = LocalDate(year: y, month: 12, day: 31)
            end = year.lowerBound
        }
        // «al 2, que en noviembre el 70% de segundo lea con fluidez», «para diciembre, que el 80%
        // …»: the when said before the figure, in the wish's own lead (only lead words and the
        // when itself before the figure), is the date too (qa38 c21: the date and the 70% were
        // dropped and asked again). Its words stay out of the figure's lead.
        var dateBefore: Range<String.Index>?
        // (The clause of the figure: after the objective's pick, «al 2,», which reads as a day.)
        let clause = text[..<figures[0].range.lowerBound].lastIndex(where: { ",:;".contains($0) }).map { text.index(after: $0) } ?? text.startIndex
        if g.date == nil, clause < figures[0].range.lowerBound,
           let m = TemporalParser.parse(String(text[clause..<figures[0].range.lowerBound]), context: temporal),
           let r = text.range(of: m.text, range: clause..<figures[0].range.lowerBound) {
            let day: LocalDate? = switch m.value {
            case .date(let d): d
            case .dateRange(_, let b): b
            default: nil
            }
            let around = Phrase(String(text[clause..<r.lowerBound]) + " " + String(text[r.upperBound..<figures[0].range.lowerBound])).tokens
            if let day, day >= temporal.today, around.allSatisfy({ Self.leadBeforeWhen.contains($0) || Int($0) != nil }) {
                g.date = day
                dateBefore = r
            }
        }
        // «de 55% a 80%»: from where to where.
        if figures.count >= 2 {
            let between = Phrase(String(text[figures[0].range.upperBound..<figures[1].range.lowerBound])).tokens
            let before = Phrase(String(text[..<figures[0].range.lowerBound])).tokens
            if between.allSatisfy({ ["a", "al", "hasta", "y", "el", "las", "los", "puntos"].contains($0) }), !between.isEmpty, before.last == "de" || before.last == "del" {
                g.baseline = figures[0].value
                g.target = figures[1].value
            }
        }
        // Otherwise each figure by the words just before it.
        if g.target == nil {
            var from = text.startIndex
            for f in figures {
                var leadText = String(text[from..<f.range.lowerBound])
                if let d = dateBefore, d.lowerBound >= from, d.upperBound <= f.range.lowerBound {
                    leadText = String(text[from..<d.lowerBound]) + " " + String(text[d.upperBound..<f.range.lowerBound])
                }
                let lead = Phrase(leadText).tokens.suffix(5)
                from = f.range.upperBound
                // «que el 80% de…»: a wish is where they want to get.
                let wish = lead.count >= 2 && lead[lead.endIndex - 2] == "que" && ["el", "un"].contains(lead.last!)
                    // «que la asistencia a clases suba a 92%»: where it is to move to.
                    || lead.count >= 2 && ["a", "al", "hasta"].contains(lead.last!) && Self.movingVerbs.contains(lead[lead.endIndex - 2])
                if lead.contains(where: Self.baselineCues.contains), g.baseline == nil {
                    g.baseline = f.value
                } else if lead.contains(where: Self.targetCues.contains) || wish, g.target == nil {
                    g.target = f.value
                }
            }
        }
        // «80% lectura fluida en 2° básico …, hoy estamos en 55%»: the figure that opens the
        // sentence, when another one is where they are, is where they want to get (qa25: asked again).
        if g.target == nil, let base = g.baseline, figures.count >= 2, figures[0].value != base,
           Phrase(String(text[..<figures[0].range.lowerBound])).tokens.allSatisfy({ ["el", "un", "que", "la", "meta", "es", "llegar", "al", "a"].contains($0) }) {
            g.target = figures[0].value
        }
        // What is measured follows a figure: the last one that has words after it, up to the next
        // figure or the date («80% en comprensión lectora a diciembre, partimos en 55%»).
        for (i, f) in figures.enumerated().reversed() {
            let stop = i + 1 < figures.count ? min(figures[i + 1].range.lowerBound, end) : end
            if let found = indicator(text, after: f, end: stop) {
                g.indicator = found
                break
            }
        }
        // «% de niños de 1ro que leen fluido, hoy 40%, queremos 70%», «subir 10 puntos el simce de
        // lectura de 4to, de 245 a 255»: what is measured said before the figures, in a clause of
        // its own (after the request's colon).
        if g.indicator == nil, let found = wished(before: figures[0], in: text) ?? indicator(before: figures[0], in: text) { g.indicator = found }
        // «80% de los niños leyendo fluido para diciembre»: one figure opening what is measured,
        // with no word saying it is where they are, is where they want to get.
        if figures.count == 1, g.target == nil, g.baseline == nil, g.indicator?.hasPrefix("% ") == true,
           Phrase(String(text[..<figures[0].range.lowerBound])).tokens.allSatisfy({ ["el", "un", "que", "la", "meta", "es"].contains($0) }) {
            g.target = figures[0].value
        }
        return g
    }

    /// Words around a when said before a meta's figure («al 2, que en noviembre el 70%…»): the
    /// objective's pick, the wish's «que», the when's own prepositions.
    static let leadBeforeWhen: Set<String> = ["al", "el", "la", "objetivo", "que", "q", "en", "para", "pal", "pa", "a", "hacia", "de", "del",
                                              "un", "y", "meta", "es", "queremos", "la", "idea", "ojala", "esperamos", "lograr", "hasta", "ya"]

    /// A figure said in the sentence: «55%», «80 por ciento».
    struct Figure {
        var range: Range<String.Index>
        var value: String
    }

    static func figures(in text: String) -> [Figure] {
        var out: [Figure] = []
        var from = text.startIndex
        while let r = text.range(of: #"\d+([.,]\d+)?\s*(%|por ?ciento)"#, options: .regularExpression, range: from..<text.endIndex) {
            let digits = text[r].prefix { $0.isNumber || $0 == "," || $0 == "." }
            out.append(Figure(range: r, value: digits + "%"))
            from = r.upperBound
        }
        guard out.isEmpty, text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return out }
        // «de 245 a 255», «de 245 puntos a 255»: a score from one figure to another (an hour range
        // «de 10 a 12 hrs» is none). Points when the sentence speaks of them or of the SIMCE.
        guard let pair = text.range(of: #"(?i)\bde\s+\d{2,3}([.,]\d+)?(\s+puntos)?\s+(a|al|hasta)\s+\d{2,3}([.,]\d+)?\b(?!\s*(:|hrs|horas|h\b))"#,
                                    options: .regularExpression) else { return counted(in: text) }
        let folded = TextFold.fold(text)
        let unit = ["punto", "simce", "puntaje"].contains(where: folded.contains) ? " puntos" : ""
        var at = pair.lowerBound
        while out.count < 2, let r = text.range(of: #"\d+([.,]\d+)?(\s+puntos)?"#, options: .regularExpression, range: at..<text.endIndex) {
            // «250 puntos»: the unit is the figure's, never what is measured.
            out.append(Figure(range: r, value: (text[r].prefix { $0.isNumber || $0 == "," || $0 == "." }) + unit))
            at = r.upperBound
        }
        return out.count == 2 ? out : []
    }

    /// «de 2 a las 5 escuelas», «de 3 a 8 cursos»: a count from one figure to another, both of
    /// the thing named after the second (an hour range, «de 2 a las 5 de la tarde», names none).
    static func counted(in text: String) -> [Figure] {
        guard let m = text.firstMatch(of: /(?i)\bde\s+(\d{1,3})\s+(?:a|al|hasta)\s+(?:las\s+|los\s+)?(\d{1,3})\s+(\p{L}{4,})/),
              let a = text.range(of: String(m.output.1), range: m.range), let b = text.range(of: String(m.output.2), range: a.upperBound..<m.range.upperBound) else { return [] }
        let noun = String(m.output.3)
        guard !countNounsNot.contains(TextFold.fold(noun)) else { return [] }
        return [Figure(range: a, value: "\(m.output.1) \(noun)"), Figure(range: b.lowerBound..<m.range.upperBound, value: "\(m.output.2) \(noun)")]
    }

    /// Words after «de 2 a las 5» that say an hour or a span of time, not what is counted.
    static let countNounsNot: Set<String> = ["horas", "hora", "hrs", "minutos", "tarde", "manana", "noche", "semanas", "dias", "meses", "anos"]

    /// «que el promedio de la red pase de 245 a 260»: what is to move from one figure to the
    /// other, said between «que» and the verb of moving.
    static func wished(before figure: Figure, in text: String) -> String? {
        let head = String(text[..<figure.range.lowerBound])
        // «bajar el ausentismo crónico de 28% a 20%»: the same said with the verb first.
        if let m = head.firstMatch(of: /(?i)\b(?:bajar|subir|aumentar|mejorar|disminuir|reducir|llevar|pasar)\s+(?:el|la|los|las)\s+([^,:;.]+?)\s+(?:de|del|a|al|hasta)\s*$/) {
            let said = String(m.output.1).trimmingCharacters(in: .whitespaces)
            return Phrase(said).tokens.count >= 1 ? said : nil
        }
        guard let m = head.firstMatch(of: /(?i)\bque\s+(?:el|la|los|las)\s+(.+?)\s+(?:pase|suba|llegue|aumente|mejore|baje|disminuya|crezca)\s+(?:de|del|a|al|hasta)\s*$/) else {
            return nil
        }
        let said = String(m.output.1).trimmingCharacters(in: .whitespaces)
        return Phrase(said).tokens.isEmpty ? nil : said
    }

    /// What is measured, said before the first figure in a clause of its own: from the request's
    /// colon (or the start) to the comma before the figure, without the words of wanting and the
    /// change hoped for («subir 10 puntos el …»). Nil when that says too little, or names the objective.
    static func indicator(before figure: Figure, in text: String) -> String? {
        var head = text[..<figure.range.lowerBound]
        if let colon = head.lastIndex(of: ":") { head = head[head.index(after: colon)...]
        } else if Phrase(String(head)).tokens.contains(where: { ["objetivo", "meta"].contains($0) }) { return nil }
        guard let comma = head.lastIndex(of: ",") else { return nil }
        var words = head[..<comma].split(separator: " ").map(String.init)
        let lead = targetCues.union(["el", "la", "los", "las", "un", "una", "en", "puntos", "punto", "que"])
        while let f = words.first, lead.contains(TextFold.fold(f)) || Int(f) != nil { words.removeFirst() }
        let out = words.joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: " ,.;"))
        let content = Phrase(out).tokens
        guard content.count >= 2, !content.contains("objetivo") else { return nil }
        return out
    }

    /// What is measured: the words after the last figure and before the date. «80% de los niños
    /// de 2do lea…» is «% de los niños de 2do que lea…»; «80% en comprensión lectora» is
    /// «comprensión lectora».
    static func indicator(_ text: String, after figure: Figure, end: String.Index) -> String? {
        guard figure.range.upperBound < end else { return nil }
        var words = text[figure.range.upperBound..<end].split(separator: " ").map(String.init)
        while let f = words.first, f.allSatisfy({ ",;.".contains($0) }) { words.removeFirst() }
        while let last = words.last, ["a", "al", "para", "en", "hacia", "hasta", "de", "del", ",", "y"].contains(TextFold.fold(last)) { words.removeLast() }
        guard let first = words.first.map({ TextFold.fold($0) }) else { return nil }
        // «… a 260 puntos para el simce 2027»: what it is for or by when, not what is measured.
        if ["para", "pal", "pa", "por"].contains(first) { return nil }
        if first == "de" || first == "del" {
            // «de los niños de 2do lea 50 palabras»: «que» before the verb that follows the group.
            let folded = words.map { Phrase($0).tokens.first ?? "" }
            if !folded.contains("que"), let verb = verbIndex(folded) { words.insert("que", at: verb) }
            let out = "% " + words.joined(separator: " ")
            // «de asistencia», «de ausentismo»: a rate named by its noun alone is enough.
            let t = Phrase(out).tokens
            return t.count >= 3 || t.count == 2 && Self.rateNouns.contains(t[1]) ? out.trimmingCharacters(in: CharacterSet(charactersIn: " ,.;")) : nil
        }
        if ["en", "con"].contains(first) { words.removeFirst() }
        let out = words.joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: " ,.;"))
        let content = Phrase(out).tokens
        // «, partimos en»: words about the figures, not what they measure.
        let talk = fillerWords.union(baselineCues).union(targetCues).union(ObjectiveReading.figureLeads)
        // «… a 20% al cierre del primer semestre»: the words that lead into the date, not what is measured.
        if content.allSatisfy(dateLeads.contains) { return nil }
        // «de 2 a las 5 escuelas»: «a las» only joins the two figures.
        return content.isEmpty || content.allSatisfy(talk.contains) || content.allSatisfy(["a", "al", "las", "los", "hasta", "el", "la"].contains) ? nil : out
    }

    /// Verbs of a figure moving («que la asistencia suba a 92%»).
    static let movingVerbs: Set<String> = ["suba", "llegue", "pase", "aumente", "alcance", "baje", "disminuya", "mejore", "crezca", "quede",
                                           // «que los niños de 2° lleguen al 60%»: said of several.
                                           "suban", "lleguen", "pasen", "aumenten", "alcancen", "bajen", "disminuyan", "mejoren", "crezcan", "queden"]

    /// «que la asistencia llegue al 75% en marzo», «que los de 4° suban a 60% a fin de año»: a wish
    /// said bare, «queremos que…» without its verb (issue 12: not understood). «que» opens it and
    /// a verb of moving toward a figure follows within a few words; the caller wants a «%» too.
    static func bareWish(_ t: [String]) -> Bool {
        let head = t.drop { ["y", "ya", "ojala", "oye", "bueno"].contains($0) }
        guard head.first == "que" else { return false }
        return head.dropFirst().prefix(7).contains(where: movingVerbs.contains)
    }
    /// Rates named by one noun («80% de asistencia»).
    static let rateNouns: Set<String> = ["asistencia", "ausentismo", "aprobacion", "retencion", "desercion", "repitencia", "logro", "cobertura"]

    static let dateLeads: Set<String> = ["a", "al", "el", "la", "de", "del", "cierre", "fin", "fines", "final", "termino", "mediados",
                                         "inicio", "inicios", "principios", "comienzo", "comienzos", "terminar", "cerrar", "partir"]

    /// In «de los niños de 2do lea…» the first word that neither follows «de» nor is part of a
    /// level («2° básico»): where the group ends and what they do begins.
    static func verbIndex(_ w: [String]) -> Int? {
        guard w.count >= 3 else { return nil }
        var i = 1
        // «de ausentismo crónico», «de asistencia promedio»: a rate, not a group doing something;
        // only a group («los niños», «estudiantes») is followed by what they do.
        let article = ["el", "la", "los", "las", "nuestros", "nuestras", "sus"].contains(w[i])
        // «de 4to quede…», «de 6to basico lea…»: a course said alone is the group (qa32: it was
        // «% de 4to quede…», with no «que»).
        let course = w[i].first?.isNumber == true || courseWords.contains(w[i])
        guard article || course || groupNouns.contains(w[i]) else { return nil }
        if article { i += 1 }
        i += 1  // the group's noun
        while i < w.count {
            if ["de", "del", "y", "e"].contains(w[i]) {
                i += 1
                if i < w.count, ["el", "la", "los", "las"].contains(w[i]) { i += 1 }
                i += 1
                continue
            }
            if levelWords.contains(w[i]) || w[i].first?.isNumber == true { i += 1; continue }
            // «de estudiantes en nivel adecuado»: where the group is, not what it does (it was
            // «% de estudiantes que en nivel adecuado»: qa31).
            if ["en", "con", "sin", "a", "al", "por", "sobre", "bajo", "entre"].contains(w[i]) { return nil }
            // «leyendo fluido»: a gerund needs no «que».
            return w[i].hasSuffix("ndo") ? nil : i
        }
        return nil
    }

    /// Who a rate may count without an article («80% de niños lean…»).
    static let groupNouns: Set<String> = ["ninos", "ninas", "estudiantes", "alumnos", "alumnas", "apoderados", "familias", "docentes",
                                          "profesores", "profesoras", "profes", "escuelas", "cursos", "jovenes", "lectores", "acuerdos", "miembros"]
    static let courseWords: Set<String> = ["primero", "segundo", "tercero", "cuarto", "quinto", "sexto", "septimo", "octavo", "kinder", "prekinder"]
    static let levelWords: Set<String> = ["basico", "basica", "medio", "media", "ciclo", "ano", "grado", "nivel", "curso", "cursos", "primer", "segundo"]
    static let baselineCues: Set<String> = ["base", "partimos", "partida", "estamos", "hoy", "actual", "actualmente", "tenemos", "partiendo", "ahora"]
    static let targetCues: Set<String> = ["meta", "llegar", "lleguemos", "lograr", "logremos", "subir", "alcanzar", "queremos", "objetivo", "hasta"]
    static let fillerWords: Set<String> = ["mas", "menos", "o", "aprox", "aproximadamente", "po", "algo", "asi", "cerca", "como", "la", "meta", "es"]
}
