import CivilTime
import DialogEngine
import Domain
import FileStore
import Foundation
import Understanding

/// `dialogs/resultado.yaml`: a learning result the network follows. What the request says is
/// kept («comprensión lectora 4° básico: 58% en nivel adecuado, SIMCE 2026»); a sentence with a
/// percentage and a measurement at the menu («en la escuela el maitén el 70% lee fluido en la
/// prueba de velocidad lectora de marzo»), or in points («y matemática 4° básico simce 2025 fue 248
/// puntos»), starts it too.
struct ResultadoFlow: MingaFlow {
    let id = "resultado"
    let saveKind: String? = "result"
    let slotNames = ["medicion", "asignatura", "nivel", "establecimiento", "valor", "fuente"]
    /// What «toda la red» is kept as until the save, where it is no school.
    static let wholeNetwork = "toda la red"

    /// «deshacer», «bórralo» right after saving a result: it is deleted (confirmed first, soft,
    /// with its history), as a reflection or a meeting is (qa31: «no lo puedo deshacer desde
    /// aquí»). A save that wrote several results names only the first: those after it, saved
    /// with it, are not undone as one (`cannotUndo` says which there are).
    func undo(_ record: String, context: EngineContext) -> Undo? {
        guard Self.savedWith(record, context: context).isEmpty else { return nil }
        return Undo(flow: "borrar_registro", values: ["registro": .text(record)])
    }

    func cannotUndo(_ record: String, context: EngineContext) -> String? {
        let others = Self.savedWith(record, context: context)
        guard !others.isEmpty, let s = context.snapshot, let first = s.results.first(where: { $0.id == record }) else { return nil }
        let numbers = ([first] + others).map { $0.number.map(String.init) ?? $0.id }
        return "Ese guardado dejó \(numbers.count) resultados (\(SlotValue.joinSpanish(numbers))). Dime cuál borro, por ejemplo «borra el resultado \(numbers[numbers.count - 1])»."
    }

    /// The live results saved in the same confirmation as `record` (the first of them): the same
    /// day and measurement, numbered right after it. Right after that save no other result can
    /// have come in between.
    static func savedWith(_ record: String, context: EngineContext) -> [LearningResult] {
        guard let s = context.snapshot, let first = s.results.first(where: { $0.id == record }), let n = first.number else { return [] }
        return s.results.filter { $0.deleted == nil && $0.id != record && ($0.number ?? 0) > n && $0.date == first.date && $0.measure == first.measure }
    }

    /// «cada escuela aplica la prueba antes del 3 de septiembre y manda los resultados», «la prueba
    /// ya está lista»: the test or its results are the object of a task, or said done, with no
    /// figure; an agreement or its follow-up, never a result to note (issue 12: they opened this
    /// flow and the next answer was taken as the subject). A trigger met this way gives way.
    func declines(_ phrase: Phrase, context: EngineContext) -> Bool {
        Self.taskAbout(phrase.tokens)
    }

    /// Whether a test or its results are handled in `t` (sent, applied, made, said ready) rather
    /// than reported: a task verb right before «los resultados» / «la prueba» (an article between
    /// them at most), or a ready word with no figure said. «anotar los resultados de la prueba»
    /// still asks for this flow (a request verb is no task verb).
    static func taskAbout(_ t: [String]) -> Bool {
        guard t.contains(where: { taskObjects.contains($0) || $0 == "resultados" || $0 == "resultado" }) else { return false }
        for i in t.indices where i > 0 && (t[i] == "resultados" || t[i] == "resultado" || taskObjects.contains(t[i])) {
            var j = i - 1
            if j >= 0, ["los", "las", "la", "el", "sus", "su", "nuestros", "nuestra"].contains(t[j]) { j -= 1 }
            if j >= 0, taskVerbs.contains(t[j]) { return true }
        }
        // «la prueba ya está lista», «ya terminamos la prueba»: ready, and no figure at all.
        let figure = t.contains { $0.contains(where: \.isNumber) || ["por", "ciento", "puntos", "porciento"].contains($0) }
        return !figure && t.contains(where: taskObjects.contains) && t.contains(where: readyWords.contains)
    }

    static let taskObjects: WordSet = ["prueba", "pruebas", "evaluacion", "evaluaciones", "ensayo"]
    static let taskVerbs: WordSet = ["manda", "mandan", "mandar", "mande", "manden", "mandamos", "envia", "envian", "enviar", "envie", "envien",
                                     "enviamos", "entrega", "entregan", "entregar", "entregue", "entreguen", "aplica", "aplican", "aplicar",
                                     "aplique", "apliquen", "aplicamos", "prepara", "preparan", "preparar", "preparamos", "prepare", "preparen",
                                     "arma", "arman", "armar", "armamos", "sube", "suben", "subir", "subimos", "suba", "suban", "comparte",
                                     "comparten", "compartir", "compartimos", "elabora", "elaboran", "elaborar", "hace", "hacen", "hacer",
                                     "hacemos", "toma", "toman", "tomar", "tomamos", "revisa", "revisan", "revisar", "revisamos", "corrige",
                                     "corrigen", "corregir", "imprime", "imprimen", "imprimir", "lleva", "llevan", "llevar", "trae", "traen", "traer"]
    static let readyWords: WordSet = ["lista", "listas", "listo", "terminada", "terminadas", "aplicada", "aplicadas", "impresa", "impresas",
                                      "subi", "subio", "subida", "mande", "mando", "mandada"]

    /// `claim` needs one of these (`ClaimCues`): A figure.
    func claimCues(_ flow: FlowDefinition) -> ClaimCues { ClaimCues(bytes: ClaimCues.digits) }

    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        let text = message.clean
        if let next = Self.nextAfterSave(message, context: context) ?? Self.otherOfSaved(message, context: context) { return next }
        guard Self.saysResult(text, context: context) else { return nil }
        // «la meta es llegar a 70%…»: a target is never a measured result.
        if MetasObjetivoFlow.namesMeta(message.phrase.tokens) { return nil }
        // «y al 2 tb: que el 70% de los de 2do lea fluido…» (after a meta was saved): one more
        // objective's meta, not a result (qa19).
        if MetasObjetivoFlow.nextObjective(message.phrase.tokens, context: context) != nil { return nil }
        return Claim(values: Self.read(text, context.snapshot, context: context))
    }

    /// «matemática 6° básico 251 puntos SIMCE 2025»: a subject, a course or a measurement, and a
    /// score. The claim's gate, and what tells a result said at another record's question.
    static func saysResult(_ text: String, context: EngineContext) -> Bool {
        // Cheap gate first: this runs on every message at the menu.
        guard text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }), ResultReading.subject(in: text) != nil,
              ResultReading.measure(in: text) != nil || ResultReading.level(in: text) != nil else { return false }
        // A score said in points («fue 248 puntos») is a result as much as a percentage is, and so
        // is a list of schools with their scores («escuela Huequen 248, Villa Huequen 231…»).
        return ResultReading.value(in: text) != nil || ResultReading.points(in: text) != nil
            || ResultReading.schoolScores(in: text, context.snapshot).count >= 2 || ResultReading.scores(in: text).count >= 2
    }

    /// «y la escuela Mañil 35%» right after a result was saved: another school's result of the
    /// same measurement (medición, asignatura, nivel and fuente of the one just saved), the
    /// school and its score read from the message (issue 12: not understood at the menu). Only
    /// when the message names a school by its kind, says a score and names no measurement or
    /// subject of its own (that is a new result, read as one). Nil otherwise.
    static func nextAfterSave(_ message: Utterance, context: EngineContext) -> Claim? {
        guard let last = context.lastSave, last.flow == "resultado", let s = context.snapshot,
              let saved = s.results.last(where: { $0.id == last.record }) else { return nil }
        let text = message.clean
        let t = message.phrase.tokens
        guard t.count <= 10, t.contains(where: ["escuela", "colegio", "liceo", "escuelita"].contains),
              ResultReading.subject(in: text) == nil, ResultReading.measure(in: text) == nil,
              let value = ResultReading.value(in: text) ?? ResultReading.points(in: text),
              let named = ResultReading.namedSchool(in: text) else { return nil }
        let school = ResultReading.bareSchoolName(named)
        guard ResultReading.schoolKey(school) != ResultReading.schoolKey(saved.school ?? "") else { return nil }
        var values: SlotValues = ["medicion": .text(saved.measure), "establecimiento": .text(school), "valor": .text(value)]
        if let v = saved.subject { values["asignatura"] = .text(v) }
        if let v = saved.level { values["nivel"] = .text(v) }
        if let v = saved.source { values["fuente"] = .text(v) }
        // (The request's own reading says the school and score back; the review follows at once.)
        return Claim(values: values)
    }

    /// «y el de cierre salió 61% en nivel satisfactorio, en noviembre», «y la de junio fue 55%»,
    /// «el de matemática dio 240 puntos» right after a result was saved: the same result said
    /// again for what «el/la de …» names instead (issue 12: not understood at the menu). A month,
    /// a year or a phase word («cierre», «salida») is another measurement of the same test; a
    /// subject or a course changes that field. What it does not name is the saved one's (the
    /// school, the source). Only when «el/la de(l)» opens the message (after «y», «ahora») and a
    /// score is said; a message naming a measurement of its own is a new result, read as one.
    static func otherOfSaved(_ message: Utterance, context: EngineContext) -> Claim? {
        guard let last = context.lastSave, last.flow == "resultado", let s = context.snapshot,
              let saved = s.results.last(where: { $0.id == last.record }) else { return nil }
        let raw = message.clean.split(separator: " ").map(String.init)
        let f = raw.map { Phrase($0).core }
        guard f.count <= 16, var i = f.firstIndex(where: { !["y", "e", "ahora", "tambien", "bueno", "ya", "en"].contains($0) }), i <= 3,
              i + 2 < f.count, ["el", "la"].contains(f[i]) else { return nil }
        // «y el DIA de cierre…», «y la medición de cierre…»: the test's name (the saved one's, or
        // a generic one) said before «de».
        var headed = false
        if ["de", "del"].contains(f[i + 1]) {
            i += 2
        } else if i + 3 < f.count, ["de", "del"].contains(f[i + 2]),
                  ["medicion", "prueba", "evaluacion"].contains(f[i + 1]) || f[i + 1] == Phrase(String(saved.measure.split(separator: " ").first ?? "")).core {
            i += 3
            headed = true
        } else {
            return nil
        }
        // The words naming which: up to the verb giving the score, the figure, or a comma.
        var named: [String] = []
        while i < f.count, named.count < 5 {
            let w = f[i]
            // «el de 4° básico», «el de 2do medio»: a course, figure and all.
            if w.contains(where: \.isNumber), i + 1 < f.count, ResultReading.levelKinds[f[i + 1]] != nil {
                named += [raw[i], raw[i + 1].trimmingCharacters(in: CharacterSet(charactersIn: ",.;:"))]
                if raw[i + 1].hasSuffix(",") { break }
                i += 2
                continue
            }
            if w.isEmpty || ResultReading.measureEnds.contains(w) || ["salio", "dio", "subio", "bajo", "en", "con", "el", "un", "llego"].contains(w)
                || (w.contains(where: \.isNumber) && !(w.count == 4 && Int(w) != nil)) { break }
            named.append(raw[i].trimmingCharacters(in: CharacterSet(charactersIn: ",.;:")))
            if raw[i].hasSuffix(",") { break }
            i += 1
        }
        let text = message.clean
        guard !named.isEmpty, named.count < 5, headed || ResultReading.measure(in: text) == nil,
              let value = ResultReading.value(in: text) ?? ResultReading.points(in: text) else { return nil }
        let w = named.map { Phrase($0).core }
        var values: SlotValues = ["medicion": .text(saved.measure), "valor": .text(value),
                                  "establecimiento": .text(saved.school ?? wholeNetwork)]
        if let v = saved.subject { values["asignatura"] = .text(v) }
        if let v = saved.level { values["nivel"] = .text(v) }
        if let v = saved.source { values["fuente"] = .text(v) }
        // «la de la escuela …»: another school's (`nextAfterSave`), never a measurement.
        if w.contains(where: { TerritoryReading.schoolWords.contains($0) || $0 == "red" }) { return nil }
        // «cierre», «junio», «segundo semestre», «2024» (up to a «de» that adds a subject or a
        // course: «cierre de lectura»): another application of the test.
        let when: (String) -> Bool = { phaseWords.contains($0) || months.contains($0) || $0 == "ensayo" || ($0.count == 4 && Int($0) != nil) }
        if let first = w.firstIndex(where: when) {
            var end = first + 1
            while end < w.count, when(w[end]) || (["de", "del"].contains(w[end]) && end + 1 < w.count && when(w[end + 1])) { end += 1 }
            let which = named[..<end].joined(separator: " ")
            values["medicion"] = .text(measure(saved.measure, as: which, month: monthApart(text, measure: which)))
            let rest = named[end...].joined(separator: " ")
            if let subject = ResultReading.subject(in: rest) { values["asignatura"] = .text(subject) }
            if let level = ResultReading.level(in: rest) { values["nivel"] = .text(level) }
        } else {
            let which = named.joined(separator: " ")
            let subject = ResultReading.subject(in: which), level = ResultReading.level(in: which)
            guard subject != nil || level != nil || !headed else { return nil }
            if let subject { values["asignatura"] = .text(subject) }
            if let level { values["nivel"] = .text(level) }
            if subject == nil, level == nil {
                values["medicion"] = .text(measure(saved.measure, as: which, month: monthApart(text, measure: which)))
            }
        }
        // What changed is said back at once (the source may still be asked before the review).
        var echo = ["medición: \(values["medicion"]?.textValue ?? saved.measure)"]
        if values["asignatura"]?.textValue != saved.subject, let v = values["asignatura"]?.textValue { echo.append("asignatura: \(v)") }
        if values["nivel"]?.textValue != saved.level, let v = values["nivel"]?.textValue { echo.append("nivel: \(v)") }
        echo.append("resultado: \(value)")
        // The message is read here whole: the flow's own reading of it («DIA de cierre salió» as
        // the measurement) would undo the saved one's.
        return Claim(values: values, echo: echo, reads: "")
    }

    /// Words that tell one application of a test from another («diagnóstico de marzo», «de cierre»).
    static let phaseWords: Set<String> = ["diagnostico", "inicio", "cierre", "salida", "entrada", "final", "intermedia", "intermedio",
                                          "proceso", "semestre", "primer", "segundo", "monitoreo"]

    /// `measure` for another application named `which`: «DIA de lectura 2 básico, diagnóstico de
    /// marzo 2026» as «de cierre» in «noviembre» is «DIA de lectura de cierre de noviembre 2026».
    /// Its month, phase words and year go; the year comes back when `which` names none.
    static func measure(_ measure: String, as which: String, month: String?) -> String {
        var kept: [Substring] = []
        var year: Substring?
        for word in measure.split(separator: " ") {
            let w = TextFold.fold(String(word)).trimmingCharacters(in: CharacterSet(charactersIn: ",.;:"))
            if w.count == 4, Int(w) != nil { year = word; continue }
            if months.contains(w) || phaseWords.contains(w) { continue }
            kept.append(word)
        }
        while let l = kept.last, ["de", "del", "en", "y", "la", "el", ",", "-"].contains(TextFold.fold(String(l)).trimmingCharacters(in: CharacterSet(charactersIn: ","))) {
            kept.removeLast()
        }
        if let l = kept.last, l.hasSuffix(",") { kept[kept.count - 1] = l.dropLast() }
        var out = kept.joined(separator: " ")
        let said = Phrase(which).tokens
        out += (out.isEmpty ? "" : " de ") + which
        if let month, !said.contains(month) { out += " de " + month }
        if let year, !said.contains(where: { $0.count == 4 && Int($0) != nil }) { out += " " + year }
        return out
    }

    /// `measure` as taken in `month`: «prueba DIA» in «marzo» is «prueba DIA de marzo»; a month
    /// it names already gives way.
    static func measure(_ measure: String, inMonth month: String) -> String {
        let named = Phrase(measure).tokens
        if named.contains(where: months.contains) { return Self.measure(measure, as: month, month: nil) }
        return measure.isEmpty ? month : withMonth(measure, month)
    }

    static let months: Set<String> = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre",
                                      "octubre", "noviembre", "diciembre"]

    /// The month a result's message says after «en»/«de» («en marzo», «aplicado en marzo») when
    /// the measurement's name has none (a year it may have); not a day's month («el 20 de
    /// marzo»). With the phase word before it, when there is one and the name lacks it
    /// («diagnóstico de marzo 2026»). Nil otherwise.
    static func monthApart(_ text: String, measure: String) -> String? {
        let t = Phrase(text).tokens
        let named = Phrase(measure).tokens
        guard let k = t.indices.first(where: { months.contains(t[$0]) }), k > 0, ["en", "de", "del"].contains(t[k - 1]),
              k < 2 || Int(t[k - 2]) == nil, t.filter(months.contains).count == 1,
              !named.contains(where: { months.contains($0) || (Int($0) != nil && $0.count != 4) }) else { return nil }
        if k >= 2, t[k - 1] == "de", phaseWords.contains(t[k - 2]) || t[k - 2] == "ensayo", !named.contains(t[k - 2]) {
            return (t[k - 2] == "diagnostico" ? "diagnóstico" : t[k - 2]) + " de " + t[k]
        }
        return t[k]
    }

    /// `measure` with the month said apart: before its year («DIA de lectura 2026» in «marzo» is
    /// «DIA de lectura de marzo 2026»; with a phase, «DIA de lectura, diagnóstico de marzo 2026»).
    static func withMonth(_ measure: String, _ month: String) -> String {
        var words = measure.split(separator: " ").map(String.init)
        let year = words.last.flatMap { $0.count == 4 && Int($0) != nil ? $0 : nil }
        if year != nil { words.removeLast() }
        let joint = month.contains(" ") ? ", " : " de "
        return words.joined(separator: " ") + joint + month + (year.map { " " + $0 } ?? "")
    }

    /// What the request already says is said back, so a misread is seen before the review.
    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        let values = Self.read(request, context.snapshot, context: context)
        guard values.count >= 2 else { return Prefill(values: values) }
        return Prefill(values: values, echo: Self.said(values))
    }

    static let order = ["medicion", "asignatura", "nivel", "establecimiento", "valor"]
    static let labels = ["medicion": "medición", "asignatura": "asignatura", "nivel": "nivel", "establecimiento": "establecimiento", "valor": "resultado",
                         "fuente": "fuente"]
    /// Words a person writes before a colon to name a field («fuente: …», «curso: …»).
    static let labelled = ["fuente": "fuente", "medicion": "medicion", "prueba": "medicion", "asignatura": "asignatura", "nivel": "nivel",
                           "curso": "nivel", "escuela": "establecimiento", "establecimiento": "establecimiento", "resultado": "valor",
                           "puntaje": "valor", "valor": "valor"]

    /// «medición: SIMCE 2025», «resultado: 262 puntos»… in the review's order.
    static func said(_ values: SlotValues) -> [String] {
        order.compactMap { k in values[k]?.textValue.map { "\(labels[k] ?? k): \($0)" } }
    }

    static func read(_ said: String, _ s: NetworkSnapshot?, context: EngineContext? = nil) -> SlotValues {
        // «…, el año pasado era 45%», «(2026: 45%)»: the figure compared with is read apart, and
        // kept after the value (`ResultReading.previous`).
        let compared = ResultReading.previous(in: said)
        let text = compared?.kept ?? said
        var v = readPlain(text, s, context: context)
        if let compared, case .text(let value)? = v["valor"] { v["valor"] = .text(ResultReading.withPrevious(value, compared.shown)) }
        return v
    }

    static func readPlain(_ text: String, _ s: NetworkSnapshot?, context: EngineContext? = nil) -> SlotValues {
        var v = ResultReading.values(in: text, s)
        // «en marzo el diagnóstico de lectura…», «el DIA de lectura, aplicado en marzo, dio…»: the
        // month it was taken, said apart, is part of the measurement's name (the result's fecha is
        // the day it is noted; issue 12: the month was lost).
        if case .text(let m)? = v["medicion"], let month = monthApart(text, measure: m) { v["medicion"] = .text(withMonth(m, month)) }
        if v["valor"] == nil, let p = ResultReading.points(in: text) { v["valor"] = .text(p) }
        let t = Phrase(text).tokens
        // «…, misma prueba»: the measurement of the last result noted (of the same course, when said).
        let level = v["nivel"]?.textValue
        if v["medicion"] == nil, let last = s?.results.last(where: { level == nil || $0.level == level }) ?? s?.results.last, zip(t, t.dropFirst()).contains(where: { ["misma", "mismo"].contains($0) && ["prueba", "medicion", "evaluacion", "simce", "ensayo"].contains($1) }) {
            v["medicion"] = .text(last.measure)
        }
        if v["establecimiento"] == nil, t.contains("red") && (t.contains("toda") || t.contains("la")) { v["establecimiento"] = .text(wholeNetwork) }
        // «en las 4 escuelas», «en todas las escuelas»: every school of the network.
        if v["establecimiento"] == nil, ResultReading.allSchools(t, s) { v["establecimiento"] = .text(wholeNetwork) }
        // «en mi escuela el simce…»: the speaker's school.
        if let context, let own = ResultReading.ownSchool(in: text, context: context) { v["establecimiento"] = .text(own) }
        // «registrar resultado SIMCE 2025 4to basico lenguaje: colegio San José 260 puntos»: a school
        // named with its kind, member of the network or not, is the result's (it was asked again).
        if v["establecimiento"] == nil, !ResultReading.isNetwork(text), t.contains(where: ["escuela", "colegio", "liceo", "escuelita"].contains),
           let named = ResultReading.namedSchool(in: text) {
            v["establecimiento"] = .text(ResultReading.bareSchoolName(named))
        }
        return v
    }

    /// Answers kept as the report writes them: «matemática» is Matemática, «2° basico» is 2° básico,
    /// «el 64% lee fluido» is «64% lee fluido», «lo sacamos de la planilla» is «planilla»;
    /// «toda la red» is no school, «el maitén» the member school it names. A question is left alone.
    /// Words a level answer says without a numbered course («todo el primer ciclo», «los cursos multigrado»).
    static let levelWords: Set<String> = ["ciclo", "curso", "cursos", "basico", "basica", "medio", "media", "kinder", "prekinder",
                                          "nivel", "niveles", "todos", "multigrado", "parvularia", "transicion"]

    /// «y el SIMCE 2024 fue 47%, mismo nivel y asignatura» to «¿De dónde sale el dato?»: a
    /// measurement other than this one's, with its own value, is another result (qa18 A5: it was
    /// stored as this one's source). It is registered right after this one, with what «mismo…»
    /// says is shared; the question asked stands. Nil for anything else.
    /// «y en 4° basico 52% en satisfactorio, misma medicion» to «¿Es de una escuela…?»: the same
    /// measurement, another course (or subject) with its own value, is another result too (qa20
    /// A3: it was stored as this one's school); what it does not say of its own (the subject, the
    /// measurement) is this one's.
    static func anotherResult(_ text: String, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        guard slot.name != "medicion", slot.name != "valor", case .text(let mine)? = run.values["medicion"], run.values["valor"] != nil,
              let figure = ResultReading.value(in: text) ?? ResultReading.points(in: text) else { return nil }
        let t = Phrase(text).tokens
        var values = ResultReading.values(in: text, context.snapshot)
        if values["valor"] == nil { values["valor"] = .text(figure) }
        // «y en la escuela Alemania fue 55%» to «¿De dónde sale el dato?»: another school's figure
        // (qa22 S3: it was stored as this one's source).
        if values["establecimiento"] == nil, let named = ResultReading.namedSchool(in: text) {
            values["establecimiento"] = .text(ResultReading.bareSchoolName(named))
        }
        if let measure = ResultReading.measure(in: text) {
            guard TextFold.fold(measure) != TextFold.fold(mine) else { return nil }
            if let y = ResultReading.year(in: text), ResultReading.year(in: measure) == nil { values["medicion"] = .text(measure + " " + y) }
        } else {
            // No measurement named: another course or subject than this one's, with its value.
            func differs(_ key: String) -> Bool {
                guard let said = values[key]?.textValue, let had = run.values[key]?.textValue else { return false }
                return TextFold.fold(said) != TextFold.fold(had)
            }
            func otherSchool() -> Bool {
                guard let said = values["establecimiento"]?.textValue, let had = run.values["establecimiento"]?.textValue else { return false }
                return ResultReading.schoolKey(said) != ResultReading.schoolKey(had)
            }
            let school = otherSchool()
            guard differs("nivel") || differs("asignatura") || school else { return nil }
            values["medicion"] = .text(mine)
            // What it does not say (the course, the subject) is this one's: the same measurement.
            for key in ["asignatura", "nivel"] where values[key] == nil { values[key] = run.values[key] }
        }
        let measure = values["medicion"]?.textValue ?? mine
        // «mismo nivel y asignatura», «igual que el otro»: what the words say is shared.
        let same = t.contains { ["mismo", "misma", "mismos", "mismas", "igual"].contains($0) }
        if same {
            for (key, words) in [("asignatura", ["asignatura", "ramo"]), ("nivel", ["nivel", "curso"]), ("establecimiento", ["escuela", "establecimiento", "red", "colegio", "liceo"])]
            where values[key] == nil && (t.contains(where: words.contains) || t.contains("igual") || t.contains("todo")) {
                values[key] = run.values[key]
            }
        }
        let later = FollowingRequest(flow: "resultado", request: text, values: values, reads: false)
        var which = values["medicion"]?.textValue ?? measure
        if let school = values["establecimiento"]?.textValue, school != ResultadoFlow.wholeNetwork,
           run.values["establecimiento"]?.textValue.map({ ResultReading.schoolKey($0) != ResultReading.schoolKey(school) }) ?? true {
            which += ", " + school
        }
        return .fillThen([:], remark: "Eso es otro resultado (\(which)): lo anoto apenas guardemos este.", then: [later])
    }

    /// The score `old` with its figure replaced by the one a correction says («…estaba mal, era
    /// 64%», «me equivoqué, es 64»): the last figure, right after «era»/«es»…, in a message that
    /// says something was wrong. Nil for anything else (word checks first).
    static func scoreCorrection(_ message: Utterance, old: String) -> String? {
        let t = message.phrase.tokens
        guard t.count <= 14, t.contains(where: { DialogEngine.wrongWords.contains($0) || correctionWords.contains($0) }),
              let last = t.lastIndex(where: { $0.first?.isNumber == true }), last > 0,
              ["era", "es", "son", "eran", "fue", "seria"].contains(t[last - 1]),
              let r = message.clean.range(of: #"\d+(?:[.,]\d+)?\s*%?(?=[^\d]*$)"#, options: .regularExpression) else { return nil }
        var figure = message.clean[r].replacingOccurrences(of: " ", with: "")
        let oldFigure = old.range(of: #"^\d+(?:[.,]\d+)?\s*%?"#, options: .regularExpression)
        if !figure.hasSuffix("%"), let o = oldFigure, old[o].hasSuffix("%") { figure += "%" }
        guard let o = oldFigure else { return figure }
        let fixed = figure + (old[o].hasSuffix(" ") ? " " : "") + old[o.upperBound...]
        return fixed == old ? nil : fixed
    }

    static let correctionWords: Set<String> = ["equivoque", "equivocamos", "equivocada", "equivocado", "error", "corrijo", "corregir"]

    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        let text = message.clean
        guard !text.contains("?"), !text.contains("¿") else { return nil }
        if let other = Self.anotherResult(text, slot: slot, run: run, context: context) { return other }
        let short = message.phrase.tokens.count <= 4
        // «fuente: simce 2025» asked the school: the field it names gets it, and the question stays.
        if let colon = text.firstIndex(of: ":"), let other = Self.labelled[Phrase(String(text[..<colon])).core], other != slot.name {
            let rest = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if !rest.isEmpty { return .fill([other: .text(rest)], remark: "Anoté: \(Self.labels[other] ?? other): \(rest).") }
        }
        // «en 4to lectura 260 y en matematica 248» to the score (or subject) question: a score per
        // subject is one result each, whatever single subject was said before.
        if slot.name == "valor" || slot.name == "asignatura", ResultReading.scores(in: text).count >= 2 {
            let said = ResultReading.values(in: text, context.snapshot)
            if let subjects = said["asignatura"], let value = said["valor"] {
                return .fill(["asignatura": subjects, "valor": value], remark: "Anoté: " + Self.said(["asignatura": subjects, "valor": value]).joined(separator: "; ") + ".")
            }
        }
        // «el resultado estaba mal, era 64%», «me equivoqué, era 64» at a later question: the
        // score said before, corrected; the question stands (qa34: stored as the source).
        if slot.name != "valor", let old = run.values["valor"]?.textValue, let fixed = Self.scoreCorrection(message, old: old) {
            return .fill(["valor": .text(fixed)], remark: "Corregido: el resultado queda en \(fixed).")
        }
        if let compared = Self.comparedOnly(text, run: run) { return compared }
        if let whole = wholeResult(text, slot: slot, run: run, context: context) { return whole }
        // «58% lee con fluidez adecuada (2026: 45%)» to «¿Cuál fue el resultado?»: the figure,
        // with the one compared with after it.
        if slot.name == "valor", let compared = ResultReading.previous(in: text), !compared.kept.isEmpty {
            let value = ResultReading.value(in: compared.kept) ?? ResultReading.points(in: compared.kept) ?? Self.lead(compared.kept, Self.articleLeads)
            return .fill(["valor": .text(ResultReading.withPrevious(value, compared.shown))], remark: nil)
        }
        switch slot.name {
        case "establecimiento":
            if ResultReading.isNetwork(text) || ResultReading.allSchools(message.phrase.tokens, context.snapshot) {
                return .fill(["establecimiento": .text(Self.wholeNetwork)], remark: nil)
            }
            if let s = context.snapshot, let school = ResultReading.school(in: text, s) {
                return .fill(["establecimiento": .text(school)], remark: nil)
            }
            // «de mi escuela»: the speaker's school, never those words.
            if let school = ResultReading.ownSchool(in: text, context: context) {
                return .fill(["establecimiento": .text(school)], remark: "Anoté: \(school).")
            }
            if ResultReading.saysOwnSchool(text) {
                if let named = ResultReading.schoolBesideOwn(text, context.snapshot) {
                    return .fill(["establecimiento": .text(named)], remark: "Anoté: \(named).")
                }
                return .reask("No tengo anotada tu escuela. ¿Cómo se llama? (o «toda la red»)")
            }
        case "asignatura":
            if short, let subject = ResultReading.subject(in: text) { return .fill(["asignatura": .text(subject)], remark: nil) }
            // «en lectura sacamos 268, el año pasado fue 251»: a sentence about the score that names
            // the subject gives the subject (the score is asked next), never a subject that long.
            if !short, text.contains(where: \.isNumber), let subject = ResultReading.subject(in: text) {
                return .fill(["asignatura": .text(subject)], remark: "Anoté la asignatura: \(subject).")
            }
        case "nivel":
            if short, let level = ResultReading.level(in: text) { return .fill(["nivel": .text(level)], remark: nil) }
            // «y eso es avance de la meta del simce po, vamos en 249»: a sentence with no course in
            // it is something else said here, never the level.
            let t = message.phrase.tokens
            if t.count >= 6, ResultReading.level(in: text) == nil, !t.contains(where: Self.levelWords.contains) {
                return .reask("No encontré un curso ahí.")
            }
        case "medicion", "valor", "fuente":
            let trimmed = Self.lead(text, slot.name == "fuente" ? Self.sourceLeads : Self.articleLeads)
            if trimmed != text, !trimmed.isEmpty { return .fill([slot.name: .text(trimmed)], remark: nil) }
        default:
            break
        }
        return nil
    }

    /// «agrega que el año pasado era 45%», «antes estaba en 45%» once the result has its figure
    /// (at the review or at a later question): the figure compared with, kept after the value
    /// (qa38 c20: it was ignored). Nil when the message says more than that.
    static func comparedOnly(_ text: String, run: FlowRun) -> Reading? {
        guard case .text(let value)? = run.values["valor"], let compared = ResultReading.previous(in: text) else { return nil }
        // What is left says nothing else: «agrega que», «ojo», «y».
        let left = Phrase(compared.kept).tokens.filter { !comparedLeads.contains($0) }
        guard left.isEmpty, !value.contains(compared.shown) else { return nil }
        return .fill(["valor": .text(ResultReading.withPrevious(value, compared.shown))],
                     remark: "Anotado junto al resultado: \(compared.shown).")
    }

    static let comparedLeads: Set<String> = ["agrega", "agregale", "agregar", "anota", "anotale", "pon", "ponle", "suma", "sumale", "que", "q",
                                             "y", "ojo", "ah", "tambien", "ademas", "oye", "compara", "comparado", "con", "para", "comparar", "po"]

    func reviewChange(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        Self.comparedOnly(message.clean, run: run)
    }

    /// «sacamos 262 puntos en la escuela Los Maitenes el 2025» to any question: every value the
    /// sentence gives (the score, the school, the measurement's year), said back; nil when it
    /// gives no more than the answer to the question asked.
    func wholeResult(_ whole: String, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        var said = Self.read(whole, context.snapshot, context: context)
        // (The year of a figure compared with is never the measurement's: «(2026: 45%)».)
        let text = ResultReading.previous(in: whole)?.kept ?? whole
        // «prueba de velocidad lectora»: a subject word inside the measurement's name is not the subject said.
        if let m = said["medicion"]?.textValue, let r = text.range(of: m), ResultReading.subject(in: text.replacingCharacters(in: r, with: " ")) == nil {
            said["asignatura"] = nil
        }
        if said["valor"] == nil, let p = ResultReading.points(in: text) { said["valor"] = .text(p) }
        if said["establecimiento"] == nil, !ResultReading.isNetwork(text),
           let school = ResultReading.ownSchool(in: text, context: context) ?? ResultReading.namedSchool(in: text) {
            said["establecimiento"] = .text(school)
        }
        // «el 2025» completes a measurement said without its year («registrar el simce»).
        if let year = ResultReading.year(in: text) {
            let measure = said["medicion"]?.textValue ?? run.values["medicion"]?.textValue
            // «simce» answered alone is the SIMCE, as the report writes it.
            if let m = measure, ResultReading.year(in: m) == nil { said["medicion"] = .text((Phrase(m).core == "simce" ? "SIMCE" : m) + " " + year) }
        }
        // A measurement already answered changes only by getting its year.
        let dated = run.values["medicion"]?.textValue.map { old in said["medicion"]?.textValue.map { $0.lowercased().hasPrefix(old.lowercased()) && $0.count > old.count } ?? false } ?? false
        let fresh = said.filter { $0.key == slot.name || run.values[$0.key] == nil || ($0.key == "medicion" && dated) }
        guard fresh.keys.contains(where: { $0 != slot.name }), fresh.count >= 2 || slot.name != "valor" && fresh["valor"] != nil else { return nil }
        return .fill(fresh, remark: "Anoté: " + Self.said(fresh).joined(separator: "; ") + ".")
    }

    /// A request with two subjects («lectura 262 puntos, matemática 248») is one result per
    /// subject. Changing one of the two fields alone narrows it to one subject, and the other
    /// field follows: «Lenguaje» as the subject keeps only its score; a single score («262
    /// puntos», re-asked from the review) is the score of the subject it had, or, when that is
    /// no longer known, asks which subject it is.
    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        if slot.name == "establecimiento" || slot.name == "valor", let text = value.textValue, let verdict = narrowSchools(text, slot: slot, run: run) {
            return verdict
        }
        // «la escuela Alemania po»: the school's name alone.
        if slot.name == "establecimiento", let text = value.textValue, text != Self.wholeNetwork {
            let bare = ResultReading.bareSchoolName(text)
            if bare != text { return .replace(.text(bare)) }
        }
        // «55% en la escuela El Maitén» as the result: the place is the result's school (or the
        // whole network), never part of the figure (issue 12: it was stored whole).
        if slot.name == "valor", let text = value.textValue, let figure = ResultReading.value(in: text), figure != text,
           let tail = text.range(of: ResultReading.placeTail, options: .regularExpression) {
            let place = String(text[tail.lowerBound...])
            var others: [String: SlotValue?] = [:]
            var remarks: [String] = []
            let school = ResultReading.isNetwork(place) ? Self.wholeNetwork : ResultReading.ownSchool(in: place, context: context)
                ?? ResultReading.namedSchool(in: place).map(ResultReading.bareSchoolName)
            if let school, run.values["establecimiento"]?.textValue.map({ ResultReading.schoolKey($0) != ResultReading.schoolKey(school) }) ?? true {
                others["establecimiento"] = .text(school)
                remarks.append("Anoté: establecimiento: \(school).")
            }
            return .replace(.text(figure), remarks: remarks, others: others)
        }
        // «48% quedó en nivel satisfactorio» as the result: the figure and its level, no verb.
        if slot.name == "valor", let text = value.textValue, text.contains("%") {
            let bare = ResultReading.withoutLevelVerb(text)
            if bare != text { return .replace(.text(bare)) }
        }
        // «SIMCE 2025» as the result: the measurement and its year, no result (it was saved so).
        if slot.name == "valor", let text = value.textValue, Self.onlyYear(text) {
            return .reject("«\(text)» parece la medición y su año, no el resultado. Dime el resultado con su número, por ejemplo «58% en nivel adecuado» o «251 puntos».")
        }
        guard slot.name == "valor" || slot.name == "asignatura", let text = value.textValue,
              ResultReading.split(text).isEmpty else { return .accept }
        // From the review the score is asked afresh: the one it had is `replacing`.
        let parts = (run.values["valor"] ?? run.replacing?["valor"])?.textValue.map(ResultReading.split) ?? []
        if slot.name == "valor" {
            let said = Self.digits(text)
            if parts.count >= 2, !said.isEmpty, let part = parts.first(where: { Self.digits($0.value) == said }) {
                return .replace(value, remarks: ["Entonces este resultado es de \(part.subject)."], others: ["asignatura": .text(part.subject)])
            }
            let subjects = run.values["asignatura"]?.textValue.map(Self.subjectsNamed) ?? []
            return subjects.count >= 2 || parts.count >= 2 ? .replace(value, others: ["asignatura": nil]) : .accept
        }
        let named = Self.subjectsNamed(text)
        guard parts.count >= 2, named.count == 1, let part = parts.first(where: { $0.subject == named[0] }) else { return .accept }
        return .replace(.text(part.subject), remarks: ["Entonces el resultado es \(part.value)."], others: ["valor": .text(part.value)])
    }

    /// Scores of several schools («Escuela Huequen: 248 puntos; Villa Huequen: 231 puntos»), as
    /// with two subjects: one school alone as the answer keeps only its score, and a single score
    /// keeps only its school; one that was not on the list asks the other field again. Nil when
    /// the result is not one per school, or the answer is a list itself.
    func narrowSchools(_ text: String, slot: SlotDefinition, run: FlowRun) -> Verdict? {
        // From the review the field is asked afresh: the one it had is `replacing`.
        let parts = (run.values["valor"] ?? run.replacing?["valor"])?.textValue.map(ResultReading.splitBySchool) ?? []
        guard parts.count >= 2, ResultReading.splitBySchool(text).isEmpty, !text.contains(","), !text.contains(" y ") else { return nil }
        if slot.name == "establecimiento" {
            if let part = parts.first(where: { TextFold.fold($0.school) == TextFold.fold(text) }) {
                return .replace(.text(part.school), remarks: ["Entonces el resultado es \(part.value)."], others: ["valor": .text(part.value)])
            }
            return .replace(.text(text), others: ["valor": nil])
        }
        let said = Self.digits(text)
        if !said.isEmpty, let part = parts.first(where: { Self.digits($0.value) == said }) {
            return .replace(.text(part.value), remarks: ["Entonces este resultado es de \(part.school)."], others: ["establecimiento": .text(part.school)])
        }
        return .replace(.text(text), others: ["establecimiento": nil])
    }

    /// Whether the only figures of `text` are years («SIMCE 2025», «el del 2024»): no percentage,
    /// no score, no other number.
    static func onlyYear(_ text: String) -> Bool {
        guard !text.contains("%") else { return false }
        let numbers = text.split { !$0.isNumber }.compactMap { Int($0) }
        guard !numbers.isEmpty, numbers.allSatisfy({ (1990...2100).contains($0) }) else { return false }
        return !Phrase(text).tokens.contains { ["puntos", "punto", "pts", "puntaje", "palabras", "ciento", "porciento"].contains($0) }
    }

    /// The subjects a text names («Lenguaje y Matemática»: two).
    static func subjectsNamed(_ text: String) -> [String] {
        let t = Set(Phrase(text).tokens)
        return ResultReading.subjects.filter { !$0.words.isDisjoint(with: t) }.map(\.name)
    }

    /// The figures of a score, to tell which subject it was («262 puntos» is «262»).
    static func digits(_ text: String) -> String { String(text.filter(\.isNumber)) }

    static let articleLeads = ["el ", "la ", "un ", "una "]
    static let sourceLeads = ["lo sacamos de ", "lo sacamos del ", "sale de ", "sale del ", "salio de ", "salió de ", "viene de ", "viene del ",
                              "de la ", "del "]

    /// `text` without the first of `leads` it starts with (case aside).
    static func lead(_ text: String, _ leads: [String]) -> String {
        for l in leads where text.lowercased().hasPrefix(l) {
            let rest = text.dropFirst(l.count)
            return l.hasSuffix("del ") && !l.hasPrefix("del") ? "el " + rest : String(rest)
        }
        return text
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network)
        let school = v["establecimiento"]?.textValue.flatMap { $0 == Self.wholeNetwork ? nil : $0 }
        let measure = v["medicion"]?.textValue ?? ""
        // «Lenguaje: 262 puntos; Matemática: 248 puntos»: one result per subject, so each can be
        // followed against its own next measurement.
        let whole = v["valor"]?.textValue ?? ""
        let each = ResultReading.split(whole)
        // «Escuela Huequen: 248 puntos; Villa Huequen: 231 puntos»: one result per school, likewise.
        let bySchool = each.isEmpty ? ResultReading.splitBySchool(whole) : []
        // «marzo: 45%; noviembre: 68%»: one result per month, each its measurement of that month.
        let byPeriod = each.isEmpty && bySchool.isEmpty ? ResultReading.splitByPeriod(whole) : []
        let parts: [(subject: String?, school: String?, value: String, measure: String)] = !each.isEmpty ? each.map { ($0.subject, school, $0.value, measure) }
            : !bySchool.isEmpty ? bySchool.map { (v["asignatura"]?.textValue, $0.school, $0.value, measure) }
            : !byPeriod.isEmpty ? byPeriod.map { (v["asignatura"]?.textValue, school, $0.value, Self.measure(measure, inMonth: $0.period)) }
            : [(v["asignatura"]?.textValue, school, whole, measure)]
        var saved: [(LearningResult, String?)] = []
        for (i, part) in parts.enumerated() {
            let objective = ResultReading.objective(for: [part.measure, part.value].joined(separator: " "), subject: part.subject,
                                                       level: v["nivel"]?.textValue, snapshot)
            let l = try w.store.addResult(LearningResult(
                id: "", date: w.clock.today(), measure: part.measure, subject: part.subject, level: v["nivel"]?.textValue, school: part.school,
                value: part.value, objective: objective, source: v["fuente"]?.textValue).registered(by: user.name), network: snapshot.network.id,
                key: parts.count == 1 ? w.key : w.key?.part(i))
            saved.append((l, objective))
        }
        let l = saved[0].0, objective = saved[0].1
        let subject = parts.count == 1 || !bySchool.isEmpty || !byPeriod.isEmpty ? parts[0].subject : nil
        var resumen = parts.count == 1 ? "Quedó anotado como el resultado \(l.number.map(String.init) ?? l.id) (\(l.id))."
            : "Quedaron anotados \(parts.count) resultados:" + saved.map { r, _ in
                "\n- Resultado \(r.number.map(String.init) ?? r.id): \((!byPeriod.isEmpty ? r.measure : bySchool.isEmpty ? r.subject : r.school) ?? ""), \(r.value)" }.joined()
        if parts.count == 1, let o = objective { resumen += " Lo dejé junto al objetivo «\(o)»." }
        let topic = subject.map { $0.lowercased() } ?? (parts.count == 1 ? "esta medición" : (parts[0].subject ?? "").lowercased())
        resumen += (parts.count == 1 ? " " : "\n") + "Pregúntame «¿cómo van los resultados de \(topic)?» para ver cómo evoluciona."
        return ["id": l.id, "numero": l.number.map(String.init) ?? l.id, "resumen": resumen]
    }
}
