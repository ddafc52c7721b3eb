import DialogEngine
import Domain
import FileStore
import Understanding

/// `dialogs/editar-resultado.yaml`: a learning result's figure written down wrong is put right
/// («el resultado de 4to lenguaje era 251, no 215», «me equivoqué, el de la Bernardo OHiggins era
/// 64% no 62%»). The result is named by number, id or what it is of; the figure it had, when
/// said, tells two alike apart. The file keeps the old figure in its history.
struct EditarResultadoFlow: MingaFlow {
    let id = "editar_resultado"
    let saveKind: String? = "result_update"
    let slotNames = ["resultado", "valor", "medicion", "asignatura", "nivel", "establecimiento"]
    /// The fields besides the figure a correction may change, with how the summary names them.
    static let fields: [(key: String, label: String)] = [("medicion", "la medición"), ("asignatura", "la asignatura"), ("nivel", "el nivel"),
                                                         ("establecimiento", "el establecimiento")]

    func declineKeeps(_ run: FlowRun, context: EngineContext) -> Bool { true }

    /// «deshacer» right after a correction: this same flow puts back what the result said before
    /// (`save` keeps it as «antes.<campo>»), confirmed first (qa36: «no lo puedo deshacer desde aquí»).
    func undo(_ record: String, context: EngineContext) -> Undo? {
        guard let before = context.lastSave?.before, let s = context.snapshot,
              let l = s.results.first(where: { $0.id == record && $0.deleted == nil }) else { return nil }
        var values: SlotValues = ["resultado": .text(ResultMention.reference(l))]
        for key in ["valor"] + Self.fields.map(\.key) {
            guard let old = before["antes." + key], !old.isEmpty else { continue }
            let now: String? = switch key {
            case "valor": l.value
            case "medicion": l.measure
            case "asignatura": l.subject
            case "nivel": l.level
            default: l.school
            }
            if old != now { values[key] = .text(old) }
        }
        return values.count > 1 ? Undo(flow: id, values: values) : nil
    }

    func blocker(_ context: EngineContext) -> String? {
        guard let s = context.snapshot, s.results.isEmpty else { return nil }
        return "Todavía no hay resultados de aprendizaje anotados. Si quieres, escribe «registrar un resultado»."
    }

    /// `claim` needs one of these (`ClaimCues`): a figure, or a result named.
    func claimCues(_ flow: FlowDefinition) -> ClaimCues {
        ClaimCues(words: Array(ResultMention.nouns) + Array(Self.figureWords), bytes: ClaimCues.digits)
    }

    /// What the figure of a result is called when its change is asked without the new one.
    static let figureWords: Set<String> = ["valor", "puntaje", "porcentaje", "cifra", "numero", "resultado", "dato"]

    /// Words that say a figure is being put right.
    static let fixWords: Set<String> = ["corregir", "corrige", "corrijamos", "corrijan", "cambiar", "cambia", "cambiemos", "cambien", "modificar",
                                        "modifica", "editar", "edita", "equivoque", "equivocamos", "equivocado", "equivocada", "error", "mal",
                                        "malo", "mala", "era", "eran", "correcto", "real"]

    /// A fix word, or a form of one with what it takes («corrígelo», «cámbialo», «me equivoqué»).
    static func fixes(_ w: String) -> Bool {
        // («equivoqué», «equivoquemos» are spelt with «qu»: «equivoc» alone misses them.)
        fixWords.contains(w) || ["corrig", "corrij", "cambi", "modific", "edit", "equivoc", "equivoqu"].contains { w.hasPrefix($0) }
    }

    /// A figure corrected: a result named (by «resultado» or the figure it had) with a fix word and
    /// the right figure. A new result («lenguaje 262 puntos») has no fix word nor an old figure.
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? {
        let text = message.clean
        guard let s = context.snapshot, !s.results.isEmpty else { return nil }
        let t = message.phrase.tokens
        // «cámbiale el valor» right after saving a result: that one, the right figure asked
        // («No te entendí»).
        if let field = JustSavedChange.field(t), Self.figureWords.contains(field), let last = context.lastSave, last.flow == "resultado",
           let saved = s.results.first(where: { $0.id == last.record }), ResultadoFlow.savedWith(last.record, context: context).isEmpty {
            return Claim(values: ["resultado": .text(ResultMention.reference(saved))], echo: ["resultado: \(ResultMention.describe(saved))"])
        }
        let named = t.contains(where: ResultMention.nouns.contains)
        guard named || text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }), !t.contains(where: BorrarFlow.deleteWord),
              !QuestionForm.asks(message) else { return nil }
        // A figure corrected: with a fix word, or with the figure it had («…, no 248»).
        guard let fix = ResultMention.correction(text), t.contains(where: Self.fixes) || fix.old != nil else {
            if let field = fieldClaim(message, s) { return field }
            // «oye el resultado 3 quedó mal»: a result named as wrong, with nothing to put instead
            // yet: this flow asks what is right (qa24: it started an agreement whose responsable
            // was «Notros»).
            guard named, t.contains(where: Self.fixes), t.contains(where: { Int($0) != nil }) else { return nil }
            let found = ResultMention.candidates(text, in: s, old: nil)
            guard found.count == 1 else { return nil }
            return Claim(values: ["resultado": .text(ResultMention.reference(found[0]))], echo: ["resultado: \(ResultMention.describe(found[0]))"])
        }
        // Without «resultado», the figure it had must be one of them: «el de la Bernardo era 64% no 62%».
        let hadIt = fix.old.flatMap(LearningResult.figure).map { f in s.results.contains { $0.figure == f } } ?? false
        guard named || hadIt else { return nil }
        let found = ResultMention.candidates(text, in: s, old: fix.old)
        guard !found.isEmpty else { return nil }
        var values: SlotValues = [:]
        var echo: [String] = []
        if found.count == 1 {
            values["resultado"] = .text(ResultMention.reference(found[0]))
            values["valor"] = .text(ResultMention.corrected(found[0].value, new: fix.new, said: text))
            echo.append("resultado: \(ResultMention.describe(found[0]))")
        } else {
            values["valor"] = .text(fix.new)
        }
        echo.append("resultado correcto: \(values["valor"]?.textValue ?? fix.new)")
        return Claim(values: values, echo: echo)
    }

    /// «el resultado 2 era de 6to, no de 4to», «el de matemática es del SIMCE 2024, no del 2025»:
    /// what else a result is of, corrected; the result is named by the words before and the
    /// value it had.
    func fieldClaim(_ message: Utterance, _ s: NetworkSnapshot) -> Claim? {
        guard let said = Self.fieldCorrection(message.clean, s) else { return nil }
        let t = message.phrase.tokens
        let found = ResultMention.candidates(said.reference, in: s)
        guard !found.isEmpty, t.contains(where: ResultMention.nouns.contains) || found.count < s.results.count else { return nil }
        var values = said.fields
        if found.count == 1 {
            values = Self.completed(values, for: found[0])
            guard !values.isEmpty else { return nil }
            values["resultado"] = .text(ResultMention.reference(found[0]))
        } else {
            values["medicion"] = values["medicion"].flatMap { ResultReading.measure(in: $0.textValue ?? "") == nil ? nil : $0 }
        }
        return Claim(values: values)
    }

    /// The new side and the old of «era de 6to, no de 4to» («no era de 4to, sino de 6to»), read as
    /// the fields the new side names; `reference` is the rest, which says which result.
    static func fieldCorrection(_ text: String, _ s: NetworkSnapshot) -> (fields: SlotValues, reference: String)? {
        let lead = #"(?:de\s+la\s+|de\s+el\s+|del\s+|de\s+|en\s+la\s+|en\s+el\s+|en\s+)?"#
        let newFirst = #"(?i)\b(?:era|es|eran|son|fue|fueron)\s+"# + lead + #"(.+?)\s*,?\s+(?:y\s+)?no\s+(?:era\s+|es\s+)?"# + lead + #"(.+)$"#
        let oldFirst = #"(?i)\bno\s+(?:era|es|fue)\s+"# + lead + #"(.+?)\s*,?\s+(?:sino|era|es|fue)\s+"# + lead + #"(.+)$"#
        var new = "", old = "", before = ""
        if let m = text.firstMatch(of: try! Regex(newFirst)), m.output.count == 3, let a = m.output[1].substring, let b = m.output[2].substring {
            (new, old, before) = (String(a), String(b), String(text[..<m.range.lowerBound]))
        } else if let m = text.firstMatch(of: try! Regex(oldFirst)), m.output.count == 3, let a = m.output[1].substring, let b = m.output[2].substring {
            (new, old, before) = (String(b), String(a), String(text[..<m.range.lowerBound]))
        } else if let m = text.firstMatch(of: try! Regex(#"(?i)\b(?:la|el)\s+(escuela|colegio|liceo|establecimiento)\s+(?:se\s+llama|es|era)\s+(.+)$"#)),
                  m.output.count == 3, let a = m.output[2].substring {
            // «el resultado 3 quedó mal, la escuela se llama Los Notros nomás»: the school said
            // with its right name alone (qa24).
            let school = ResultReading.bareSchoolName(String(a))
            guard !school.isEmpty else { return nil }
            let kind = m.output[1].substring.map { String($0).lowercased() } ?? "escuela"
            let named = ResultReading.school(in: school, s) ?? ResultReading.namedSchool(in: school)
                ?? (TerritoryReading.schoolWords.contains(Phrase(school).tokens.first ?? "") ? school : kind.prefix(1).uppercased() + kind.dropFirst() + " " + school)
            return (["establecimiento": .text(named)], String(text[..<m.range.lowerBound]))
        } else {
            return nil
        }
        var fields: SlotValues = [:]
        if let l = ResultReading.level(in: new), l != ResultReading.level(in: old) { fields["nivel"] = .text(l) }
        if let x = ResultReading.subject(in: new), x != ResultReading.subject(in: old) { fields["asignatura"] = .text(x) }
        if let m = ResultReading.measure(in: new) {
            fields["medicion"] = .text(m)
        } else if let y = ResultReading.year(in: new), ResultReading.year(in: old) != nil {
            // «del 2024, no del 2025»: the year of the measurement (its name is the record's).
            fields["medicion"] = .text(y)
        } else if let m = Self.month(new), Self.month(old) != nil {
            // «la medición fue en octubre, no en noviembre»: the month of the measurement (qa22:
            // «No encuentro cuál es»).
            fields["medicion"] = .text(m)
        }
        if let school = ResultReading.school(in: new, s) ?? ResultReading.namedSchool(in: new) { fields["establecimiento"] = .text(school) }
        guard !fields.isEmpty else { return nil }
        return (fields, before + " " + old)
    }

    /// «octubre», «en el mes de octubre»: a month alone, folded; nil otherwise.
    static func month(_ text: String) -> String? {
        let t = Phrase(text).tokens.filter { !["el", "la", "mes", "de", "del", "en", "a"].contains($0) }
        return t.count == 1 && Answers.monthNumbers[t[0]] != nil ? t[0] : nil
    }

    /// The fields as the result will have them: a year alone replaces the measurement's year, a
    /// month alone its month (or is added to it: «SIMCE de octubre»); a
    /// field that already says that is left out.
    static func completed(_ fields: SlotValues, for l: LearningResult) -> SlotValues {
        var out: SlotValues = [:]
        for (k, v) in fields {
            guard var text = v.textValue else { continue }
            if k == "medicion", text.count == 4, let y = ResultReading.year(in: l.measure) { text = l.measure.replacingOccurrences(of: y, with: text) }
            if k == "medicion", let m = month(text) {
                var words = l.measure.split(separator: " ").map(String.init)
                if let i = words.firstIndex(where: { Answers.monthNumbers[TextFold.fold($0)] != nil }) {
                    words[i] = m
                    text = words.joined(separator: " ")
                } else {
                    text = l.measure + " de " + m
                }
            }
            let had: String? = switch k {
            case "medicion": l.measure
            case "asignatura": l.subject
            case "nivel": l.level
            default: l.school
            }
            if had != text { out[k] = .text(text) }
        }
        return out
    }

    /// The figure is asked only when nothing else is being corrected.
    func asks(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Bool {
        slot.name != "valor" || !Self.fields.contains { run.values[$0.key] != nil }
    }

    /// «cambiar el resultado 2», started by its trigger: the result and the figure it names.
    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill {
        // Claimed: the claim read the request already.
        guard run.values["resultado"] == nil, let s = context.snapshot else { return Prefill() }
        var out = Prefill(values: ["valor": SlotValue?.none], replacesEcho: true)
        for (k, _) in Self.fields where run.values[k] == nil { out.values[k] = SlotValue?.none }
        let fix = ResultMention.correction(request)
        let fields = fix == nil ? Self.fieldCorrection(request, s) : nil
        // The result named by the words that are not the new value.
        let found = ResultMention.candidates(fields?.reference ?? request, in: s, old: fix?.old)
        let t = Phrase(request).tokens
        let saysWhich = found.count == 1 && (found.count < s.results.count || s.results.count == 1 && t.contains(where: { Int($0) != nil || $0.contains("-") }))
        if saysWhich {
            out.values["resultado"] = .text(ResultMention.reference(found[0]))
            out.echo.append("resultado: \(ResultMention.describe(found[0]))")
        }
        if let fix {
            let value = saysWhich ? ResultMention.rewrite(found[0].value, with: fix.new) : fix.new
            out.values["valor"] = .text(value)
            out.echo.append("resultado correcto: \(value)")
        } else if let fields {
            let values = saysWhich ? Self.completed(fields.fields, for: found[0]) : fields.fields
            for (k, v) in values { out.values[k] = v }
        }
        return out
    }

    /// The results to choose from, so «el 2» or «el de matemática» can name one.
    func beforeAsking(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> [String] {
        guard slot.name == "resultado", let s = context.snapshot, !s.results.isEmpty, s.results.count <= 8 else { return [] }
        return ["Los que hay:\n" + s.results.map { "- Resultado \($0.number ?? 0): " + ResultMention.describe($0) }.joined(separator: "\n")]
    }

    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? {
        guard let s = context.snapshot else { return nil }
        switch slot.name {
        case "resultado":
            var text = message.clean
            // «el 2», «2»: the number said alone is the result's.
            if let n = Int(message.phrase.tokens.filter { !["el", "la", "resultado"].contains($0) }.joined()), s.results.contains(where: { $0.number == n }) {
                text = "resultado \(n)"
            }
            let found = ResultMention.candidates(text, in: s, old: ResultMention.correction(text)?.old)
            if found.count == 1, found.count < s.results.count || s.results.count == 1 {
                var values: SlotValues = ["resultado": .text(ResultMention.reference(found[0]))]
                // «el de matemática, era 251»: the figure said with it.
                if let fix = ResultMention.correction(message.clean) { values["valor"] = .text(ResultMention.corrected(found[0].value, new: fix.new, said: message.clean)) }
                return .fill(values, remark: nil)
            }
            if found.count > 1, found.count < s.results.count {
                return .reask("Hay varios que calzan:\n" + found.prefix(5).map { "- Resultado \($0.number ?? 0): " + ResultMention.describe($0) }.joined(separator: "\n")
                              + "\nDime cuál, con su número.")
            }
            return nil
        case "valor":
            // «era 251, no 215», «251»: the right figure, written as the old one was.
            let text = message.clean
            guard text.contains(where: \.isNumber) else { return nil }
            let new = ResultMention.correction(text)?.new ?? (ResultMention.figures(in: text).count == 1 && message.phrase.tokens.count <= 3 ? ResultMention.figures(in: text)[0] : nil)
            guard let new else { return nil }
            let old = run.values["resultado"]?.textValue.flatMap { Self.result($0, in: s) }?.value
            return .fill(["valor": .text(old.map { ResultMention.corrected($0, new: new, said: text) } ?? new)], remark: nil)
        default:
            return nil
        }
    }

    /// «no, son 19 de 44 niños, no 18» at the review: the right figure, in the value being
    /// corrected (qa37: it asked what to change, though only the new value can change).
    func reviewChange(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        let text = message.clean
        guard let was = run.values["valor"]?.textValue, text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }),
              let fix = ResultMention.correction(text) else { return nil }
        let value = ResultMention.corrected(was, new: fix.new, said: text)
        return .fill(["valor": .text(value)], remark: value == was ? "Eso ya estaba así: \(value)." : "Corregido.")
    }

    /// The result a reference names («el resultado 1 (…, L-1)»).
    static func result(_ reference: String, in s: NetworkSnapshot) -> LearningResult? {
        let found = ResultMention.candidates(reference, in: s)
        return found.count == 1 ? found[0] : nil
    }

    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict {
        guard let s = context.snapshot, let text = value.textValue else { return .accept }
        switch slot.name {
        case "resultado":
            let found = ResultMention.candidates(text, in: s)
            guard found.count == 1, found.count < s.results.count || s.results.count == 1 else {
                return .reject("No encuentro cuál es. Dime su número, por ejemplo «el 1», o de qué es, por ejemplo «el de matemática».")
            }
            let l = found[0]
            let shown = ResultMention.reference(l)
            // A figure asked before the result was known is written as this one's.
            let others: SlotValues = run.values["valor"]?.textValue.map { ["valor": .text(ResultMention.rewrite(l.value, with: $0))] } ?? [:]
            // What it says now, unless the «Anoté» line already showed it with the right figure.
            let remarks = run.values["valor"] == nil && !Self.fields.contains(where: { run.values[$0.key] != nil }) ? ["Hoy dice: \(l.value)."] : []
            return shown == text && others.isEmpty ? .accept(remarks) : .replace(.text(shown), remarks: remarks, others: others)
        case "valor":
            guard LearningResult.figure(in: text) != nil, !ResultadoFlow.onlyYear(text) else {
                return .reject("Dime el resultado con su número, por ejemplo «251 puntos» o «64%».")
            }
            if let l = run.values["resultado"]?.textValue.flatMap({ Self.result($0, in: s) }), l.value == text {
                return .reject("Ese es el resultado que ya tiene anotado. ¿Cuál es el correcto?")
            }
            return .accept
        default:
            return .accept
        }
    }

    func save(_ v: SlotValues, with w: RecordWriter, network: String?, user: UserRef) throws -> [String: String] {
        let snapshot = try w.snapshot(network).live
        guard let reference = v["resultado"]?.textValue, var l = Self.result(reference, in: snapshot) else { throw StoreError.notFound("ese resultado") }
        let note = user.name.map { "corregido por \($0)" }
        var said: [String] = []
        // What «deshacer» puts back (`undo`): each field as it was before this save.
        var was: [String: String] = [:]
        for (key, label) in Self.fields {
            guard let text = v[key]?.textValue else { continue }
            let new = Self.completed([key: .text(text)], for: l)[key]?.textValue ?? text
            let before: String?
            switch key {
            case "medicion": before = l.measure; l.measure = new
            case "asignatura": before = l.subject; l.subject = new
            case "nivel": before = l.level; l.level = new
            default: before = l.school; l.school = new
            }
            guard before != new else { continue }
            was["antes." + key] = before ?? ""
            l.history.append(LearningResult.Change(at: w.stamp, field: key, before: before, note: note))
            said.append("\(label) quedó en \(new)" + (before.map { " (antes decía \($0))" } ?? ""))
        }
        if let value = v["valor"]?.textValue, value != l.value {
            l.history.append(LearningResult.Change(at: w.stamp, field: "valor", before: l.value, note: note))
            // The figure alone is the result's own: «el resultado 5 quedó en 251 puntos».
            was["antes.valor"] = l.value
            if said.isEmpty {
                let before = l.value
                l.value = value
                try w.store.updateResult(l, network: snapshot.network.id)
                return was.merging(["id": l.id, "numero": l.number.map(String.init) ?? l.id,
                                    "resumen": "el resultado \(l.number ?? 0) quedó en \(value) (antes decía \(before))."]) { $1 }
            }
            said.append("el valor quedó en \(value) (antes decía \(l.value))")
            l.value = value
        }
        guard !said.isEmpty else {
            return ["id": l.id, "numero": l.number.map(String.init) ?? l.id, "resumen": "el resultado \(l.number ?? 0) ya decía eso: no cambié nada."]
        }
        try w.store.updateResult(l, network: snapshot.network.id)
        return was.merging(["id": l.id, "numero": l.number.map(String.init) ?? l.id,
                            "resumen": "en el resultado \(l.number ?? 0), " + SlotValue.joinSpanish(said) + "."]) { $1 }
    }
}
