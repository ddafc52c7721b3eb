import Understanding

/// Several records of one flow said in one message («acordamos tres cosas: 1) Ana manda la lista
/// el viernes 2) Pedro trae las fotos el lunes 3) …»), as a facilitator takes them: all shown at
/// once, only what any of them lacks asked (naming which one), one shared review where a change
/// names its record («el 2 es pal martes», «saca el 3», «el responsable del 1 es Rosa»), and one
/// confirmation that saves each as its own record. A flow opts in with `batchNames`.
///
/// The batch travels inside the run being talked about (`FlowRun.batch`): every question, check,
/// repair and pause of that record works as for a run on its own, and pausing or cancelling it
/// takes the whole batch along.
extension DialogEngine {
    /// Starts a batch: each request read as the flow's request would be, then shown together.
    /// False, with nothing changed, when one of them would not start (the flow refuses it, or
    /// ends at once): the caller takes them one after another, as without a batch.
    func beginBatch(_ flow: FlowDefinition, requests: [String], values: SlotValues, names: BatchNames,
                    state: inout DialogState, context: EngineContext, out: inout [Effect]) -> Bool {
        var items: [FlowRun] = []
        var remarks: [[String]] = []
        var context = context
        context.inBatch = true
        // Records the message counted but did not tell (`Claim.more`'s empty requests): said
        // before the others are asked, and left for after they are saved (never a record with
        // nothing, whose text the next answer would fill whatever it said).
        let untold = requests.filter(\.isEmpty).count
        // «quedamos en dos acuerdos: luis revisa la rúbrica pal jueves»: one told of more counted
        // is no batch of one. The count is said first, and the one told starts as if said alone
        // (issue 12: nothing was said of the missing one).
        if untold > 0, case let told = requests.filter({ !$0.isEmpty }), told.count == 1 {
            let some = names.masculine ? "alguno" : "alguna", this = names.masculine ? "este" : "esta"
            out.append(.say("Me contaste \(1 + untold) y encontré 1 en tu mensaje. Si falta \(some), dímelo apenas guardemos \(this)."))
            var alone = context
            alone.inBatch = false
            begin(flow, remainder: told[0], request: told[0], given: values, state: &state, context: alone, out: &out)
            return true
        }
        for request in requests where !request.isEmpty {
            var scratch = state
            var said: [Effect] = []
            begin(flow, remainder: request, request: request, given: values, state: &scratch, context: context, out: &said, prepareOnly: true)
            guard flow.save != nil, scratch.stack.count == state.stack.count + 1, let run = scratch.stack.last else { return false }
            items.append(run)
            remarks.append(said.compactMap { if case .say(let text) = $0 { text } else { nil } })
        }
        context.inBatch = false
        state.lastSave = nil
        let missing = items.contains { $0.check != nil || nextPhase($0, flow: flow) != .confirming }
        // Nothing missing: the review itself shows them.
        if missing {
            out.append(.say("Anoté \(items.count) \(names.many):\n" + batchLines(items, flow: flow, context: context)))
        }
        if untold > 0 {
            let some = names.masculine ? "alguno" : "alguna", these = names.masculine ? "estos" : "estas"
            out.append(.say("Me contaste \(items.count + untold) y encontré \(items.count) en tu mensaje. Si falta \(some), dímelo apenas guardemos \(these)."))
        }
        for (k, said) in remarks.enumerated() {
            out += said.map { .say("\(names.masculine ? "En el" : "En la") \(names.one) \(k + 1): \($0)") }
        }
        var first = items[0]
        first.batch = items
        first.batchAt = 0
        // Not asking yet: `advanceBatch` finds the first record that lacks something.
        first.phase = .confirming
        state.stack.append(first)
        advanceBatch(state: &state, flow: flow, context: context, out: &out)
        return true
    }

    /// The records of `run`'s batch, its own live values in its place.
    func batchItems(_ run: FlowRun) -> [FlowRun] {
        guard var items = run.batch, let at = run.batchAt, at < items.count else { return [run] }
        var me = run
        me.batch = nil
        me.batchAt = nil
        items[at] = me
        return items
    }

    /// The current record has what it needs: the next one that lacks something is asked (named
    /// first), or else the shared review is shown.
    func advanceBatch(state: inout DialogState, flow: FlowDefinition, context: EngineContext, out: inout [Effect]) {
        guard var run = state.current, run.batch != nil else { return }
        let items = batchItems(run)
        if let k = items.indices.first(where: { items[$0].check != nil || nextPhase(items[$0], flow: flow) != .confirming }) {
            var next = items[k]
            next.batch = items
            next.batchAt = k
            state.current = next
            out.append(.say(batchNaming(k, items: items, flow: flow, context: context) + ":"))
            if next.check != nil {
                reprompt(next, flow: flow, context: context, out: &out)
            } else {
                advance(state: &state, flow: flow, context: context, out: &out)
            }
            return
        }
        run.batch = items
        run.phase = .confirming
        state.current = run
        ask(run, flow: flow, context: context, out: &out)
    }

    /// The shared review: every record on one line, and one question.
    func askBatch(_ run: FlowRun, flow: FlowDefinition, context: EngineContext, out: inout [Effect]) {
        let items = batchItems(run)
        let names = batchNames(flow, context: context)
        let the = names.masculine ? "los" : "las"
        out.append(.say("Revisemos \(the) \(items.count) \(names.many):\n" + batchLines(items, flow: flow, context: context)))
        out.append(.say("¿Guardo \(the) \(items.count)? Responde «sí», o dime qué cambio y en cuál (por ejemplo «\(names.example)», o «saca \(names.masculine ? "el" : "la") \(items.count)»)."))
    }

    func batchNames(_ flow: FlowDefinition, context: EngineContext) -> BatchNames {
        context.extensions[flow.id]?.batchNames(context)
            ?? BatchNames(one: "registro", many: "registros", masculine: true, example: "el 2 …")
    }

    /// «1. Ana manda la lista (responsables: Ana Pérez; plazo: viernes 11 de diciembre)»: the
    /// first value, then the others with their labels.
    func batchLines(_ items: [FlowRun], flow: FlowDefinition, context: EngineContext) -> String {
        items.enumerated().map { i, item in
            let shown = editable(item, flow: flow).map { slot in
                (slot, item.values[slot.name]?.display(today: context.today, choices: slot.choices) ?? "")
            }
            guard let head = shown.first else { return "\(i + 1)." }
            let rest = shown.dropFirst().map { "\($0.0.label): \($0.1)" }
            return "\(i + 1). \(head.1)" + (rest.isEmpty ? "" : " (" + rest.joined(separator: "; ") + ")")
        }.joined(separator: "\n")
    }

    /// «Del acuerdo 2 («Pedro trae las fotos»)»: a record named by its place and first value,
    /// after «del» (`of`) or «el».
    func batchNaming(_ k: Int, items: [FlowRun], flow: FlowDefinition, context: EngineContext, of: Bool = true) -> String {
        let names = batchNames(flow, context: context)
        let head = editable(items[k], flow: flow).first.flatMap { slot in
            items[k].values[slot.name]?.display(today: context.today, choices: slot.choices)
        }
        let lead = names.masculine ? (of ? "Del" : "el") : (of ? "De la" : "la")
        return "\(lead) \(names.one) \(k + 1)" + (head.map { " («\($0)»)" } ?? "")
    }

    /// A message the batch reads itself: an answer at its shared review, or one answer for all
    /// its records. False: the engine reads it as for a run on its own.
    func batchTurn(_ message: Utterance, run: FlowRun, state: inout DialogState, context: EngineContext, out: inout [Effect]) -> Bool {
        switch run.phase {
        case .confirming: reviewBatch(message, run: run, state: &state, context: context, out: &out)
        case .asking(let name):
            changeOtherInBatch(message, run: run, state: &state, context: context, out: &out)
                || answerNoneForAll(message, run: run, slotName: name, state: &state, context: context, out: &out)
                || answerForAll(message, run: run, slotName: name, state: &state, context: context, out: &out)
                || answerSplitAcross(message, run: run, slotName: name, state: &state, context: context, out: &out)
        default: false
        }
    }

    /// «el responsable del 2 es Elena también, con Mario» asked something of record 3: a change
    /// that names another record of the batch goes to that one (read as at the shared review),
    /// and the question being asked is asked again. False: no other record is named, or nothing
    /// of it changed.
    func changeOtherInBatch(_ message: Utterance, run: FlowRun, state: inout DialogState, context: EngineContext,
                            out: inout [Effect]) -> Bool {
        // Cheap gate: a record is named by a number or an ordinal word.
        let t = message.phrase.tokens
        guard let at = run.batchAt, t.contains(where: { $0.first?.isNumber == true || Self.batchOrdinals[$0] != nil }),
              let flow = catalog.flow(run.flowID) else { return false }
        var items = batchItems(run)
        let names = batchNames(flow, context: context)
        guard let (k, said0) = Self.batchReference(message.clean, count: items.count, noun: names.one),
              !said0.isEmpty, !t.contains(where: Self.batchRemoveWords.contains) || t.contains("a") else { return false }
        var rest = said0
        // «el 2 está malo, la pasantía es a la escuela de El Salado y el plazo es el 20 de
        // noviembre» asked record 2's evidence: a complaint about a record (this one too) is a
        // change of it, never this question's answer (qa24: it became the evidence). A part that
        // restates some words of its text («la pasantía es a …») rewrites the text from there.
        let original = items
        if let (after, fixedText) = Self.complaintRestatement(rest, item: items[k], flow: flow) {
            if let (slot, text) = fixedText { items[k].values[slot] = .text(text) }
            rest = after
        } else if k == at {
            return false
        }
        var trial = state
        var said: [Effect] = []
        if !rest.isEmpty {
            changeInBatch(k, rest: rest, items: items, flow: flow, names: names, state: &trial, context: context, out: &said)
        } else {
            var item = items[k]
            item.batch = items
            item.batchAt = k
            trial.current = item
        }
        guard let changed = trial.current.map(batchItems), changed.count == items.count, changed[k].values != original[k].values,
              !said.contains(where: { if case .save = $0 { true } else { false } }) else { return false }
        var back = changed[at]
        back.batch = changed
        back.batchAt = at
        back.phase = run.phase
        back.check = nil
        state.current = back
        let fields = flow.slots.filter { changed[k].values[$0.name] != original[k].values[$0.name] && changed[k].values[$0.name] != nil }
        let shown = fields.map { "\($0.label), \(changed[k].values[$0.name]!.display(today: context.today, choices: $0.choices))" }
        out.append(.say("Corregido en \(batchNaming(k, items: changed, flow: flow, context: context, of: false))" + (shown.isEmpty ? "." : ": " + shown.joined(separator: "; ") + ".")))
        out.append(.say(batchNaming(at, items: changed, flow: flow, context: context) + ":"))
        reprompt(back, flow: flow, context: context, out: &out)
        return true
    }

    /// «está malo, la pasantía es a la escuela de El Salado y el plazo es el 20»: the words after a
    /// complaint that opens `rest` (nil when none does), without the parts that restate words of
    /// the record's first text field, and that field rewritten by them («… organiza la pasantía a
    /// la escuela de Chañaral» → «… organiza la pasantía a la escuela de El Salado»): the words
    /// named are found in the text, and what followed them there gives way to what follows «es».
    static func complaintRestatement(_ rest: String, item: FlowRun, flow: FlowDefinition) -> (String, (String, String)?)? {
        var words = rest.split(separator: " ").map(String.init)
        var lead = 0
        while lead < words.count, ["esta", "estan", "quedo", "salio", "mal", "malo", "mala", "equivocado", "equivocada", "incorrecto",
                                   "incorrecta", "errado", "errada", "ese", "eso", "ojo"].contains(TextFold.fold(words[lead]).filter(\.isLetter)) {
            lead += 1
        }
        guard lead > 0, words[..<lead].contains(where: { reviewComplaints.contains(TextFold.fold($0).filter(\.isLetter)) }) else { return nil }
        words.removeFirst(lead)
        var after = words.joined(separator: " ")
        while let c = after.first, " ,;:.".contains(c) { after.removeFirst() }
        while let c = after.last, " ,;:.".contains(c) { after.removeLast() }
        guard let textSlot = flow.slots.first(where: { $0.type == .text || $0.type == .longtext }),
              let held = item.values[textSlot.name]?.textValue else { return (after, nil) }
        // Parts: at commas and at « y » before an article.
        var parts: [String] = []
        var current: [String] = []
        let ws = after.split(separator: " ").map(String.init)
        for (i, w) in ws.enumerated() {
            let f = TextFold.fold(w)
            if f == "y", i + 1 < ws.count, ["el", "la", "los", "las"].contains(TextFold.fold(ws[i + 1])), !current.isEmpty {
                parts.append(current.joined(separator: " ")); current = []; continue
            }
            current.append(w)
            if w.hasSuffix(","), !current.isEmpty { parts.append(String(current.joined(separator: " ").dropLast())); current = [] }
        }
        if !current.isEmpty { parts.append(current.joined(separator: " ")) }
        let heldWords = held.split(separator: " ").map(String.init)
        let heldFolded = heldWords.map { TextFold.fold($0).filter { $0.isLetter || $0.isNumber } }
        var kept: [String] = []
        var rewritten: String?
        for part in parts {
            let pw = part.split(separator: " ").map(String.init)
            let pf = pw.map { TextFold.fold($0).filter { $0.isLetter || $0.isNumber } }
            // «la pasantía es a …»: words of the text (one of them longer than three letters), then «es».
            guard rewritten == nil, let c = pf.firstIndex(where: { ["es", "son", "era", "seria"].contains($0) }), c >= 1, c + 1 < pf.count,
                  pf[..<c].contains(where: { $0.count > 3 }),
                  case let named = Array(pf[(FieldNamePrefix.articles.contains(pf[0]) ? 1 : 0)..<c]),
                  flow.slots.allSatisfy({ formOpening(named + ["es"], of: $0) == nil }),
                  let at = (0...(max(0, heldFolded.count - c))).first(where: { Array(heldFolded[$0..<min(heldFolded.count, $0 + c)]) == Array(pf[..<c]) }),
                  at + c < heldWords.count else {
                kept.append(part)
                continue
            }
            let span = restatedSpan(heldWords, heldFolded: heldFolded, from: at + c, said: Array(pw[(c + 1)...]))
            let newWords = Array(heldWords[..<span.lowerBound]) + span.with + Array(heldWords[span.upperBound...])
            rewritten = newWords.joined(separator: " ").replacingOccurrences(of: " ,", with: ",")
        }
        return (kept.joined(separator: ", "), rewritten.map { (textSlot.name, $0) })
    }

    /// The words of a record's text that a restated part replaces, and what replaces them: after
    /// the words it names (from `start`), the words both share stay («a la escuela de»), and
    /// only the part said differently gives way, up to the next complement («en noviembre», «con
    /// los apoderados», a comma), which stays: «… organiza la pasantía a la escuela de Chañaral
    /// con los apoderados» + «a la escuela de El Salado» → «… de El Salado con los apoderados».
    static func restatedSpan(_ held: [String], heldFolded: [String], from start: Int, said: [String])
        -> (lowerBound: Int, upperBound: Int, with: [String]) {
        let saidFolded = said.map { TextFold.fold($0).filter { $0.isLetter || $0.isNumber } }
        var shared = 0
        while start + shared < held.count, shared < said.count, heldFolded[start + shared] == saidFolded[shared],
              !held[start + shared].hasSuffix(",") { shared += 1 }
        let from = start + shared
        let rest = Array(said[shared...])
        guard !rest.isEmpty else { return (from, from, []) }
        // A different complement said where another one stands («es en diciembre» where the text
        // says «a la escuela…»): added before it, the other one kept.
        if shared == 0, from < held.count, restatedBoundary.contains(saidFolded[0]), restatedBoundary.contains(heldFolded[from]),
           saidFolded[0] != heldFolded[from] {
            return (from, from, rest)
        }
        var end = from, comma = false
        while end < held.count {
            if end > from, restatedBoundary.contains(heldFolded[end]) { break }
            end += 1
            // The comma closing the replaced words stays.
            if held[end - 1].hasSuffix(",") { comma = true; break }
        }
        return (from, end, rest + (comma ? [","] : []))
    }

    /// Words that open another complement of a text: what a restated part replaces stops there.
    static let restatedBoundary: Set<String> = ["con", "para", "pa", "pal", "y", "e", "que", "antes", "hasta", "por", "sin", "junto",
                                                "a", "al", "en", "desde", "cuando", "durante", "mientras", "porque"]

    /// «en ninguna», «no, en ninguna de las dos» to an optional question of a batch's record
    /// («¿Hubo alguna diferencia de opinión?» of decision 1 of 2): no record still lacking it has
    /// one. Each is left blank and never asked it; the batch goes on. False: not such an answer.
    func answerNoneForAll(_ message: Utterance, run: FlowRun, slotName: String, state: inout DialogState, context: EngineContext,
                          out: inout [Effect]) -> Bool {
        let t = message.phrase.tokens
        // Most answers have no «ninguna»: the words settle it before anything is read.
        guard t.count <= 10, t.contains(where: { ["ninguna", "ninguno", "ningun"].contains($0) }),
              let flow = catalog.flow(run.flowID), let slot = flow.slot(named: slotName), slot.optional, slot.defaultValue == nil,
              let at = run.batchAt else { return false }
        let names = batchNames(flow, context: context)
        let own = Set(Phrase(names.many + " " + names.one).tokens)
        guard t.allSatisfy({ Self.noneForAllWords.contains($0) || own.contains($0) || Int($0) != nil }) else { return false }
        var items = batchItems(run)
        let others = items.indices.filter { $0 != at && items[$0].values[slotName] == nil && !items[$0].skipped.contains(slotName) }
        guard !others.isEmpty else { return false }
        for k in others { items[k].skipped.append(slotName) }
        var live = run
        live.batch = items
        live.skipped.append(slotName)
        state.current = live
        let note = context.extensions[flow.id]?.skipNote(slot, context: context) ?? "Lo dejamos en blanco."
        out.append(.say(note + " Lo anoto así en \(others.count + 1 == items.count ? (names.masculine ? "todos" : "todas") : "las \(others.count + 1) que faltaban")."))
        advance(state: &state, flow: flow, context: context, out: &out)
        return true
    }

    /// The words of «no, en ninguna de las dos», «ninguna tampoco», «en ninguno hubo».
    static let noneForAllWords: Set<String> = ["no", "en", "ninguna", "ninguno", "ningun", "de", "las", "los", "dos", "tres", "cuatro", "cinco",
                                               "hubo", "tampoco", "ahi", "po", "nop", "nada", "ellas", "ellos", "ambas", "ambos", "la", "el"]

    /// «fotos, para todos», «el viernes para los tres», «lo mismo» to a record's question in a
    /// batch: the answer goes to every record still lacking it («lo mismo»: the one before's
    /// value), then the batch goes on. False: an answer for this record alone.
    func answerForAll(_ message: Utterance, run: FlowRun, slotName: String, state: inout DialogState, context: EngineContext,
                      out: inout [Effect]) -> Bool {
        let t = message.phrase.tokens
        // Most answers say neither: the words settle it before anything is read.
        guard t.contains(where: { ["todos", "todas", "dos", "tres", "cuatro", "cinco", "ambos", "ambas", "mismo", "misma", "igual"].contains($0) }),
              let flow = catalog.flow(run.flowID), let slot = flow.slot(named: slotName), !slot.isList,
              let at = run.batchAt else { return false }
        var items = batchItems(run)
        var said = message.clean
        if Self.sameAsBefore.contains(t.joined(separator: " ")) {
            guard at > 0, let before = items[at - 1].values[slotName] else { return false }
            said = before.display(today: context.today, choices: slot.choices)
        } else {
            let words = said.split(separator: " ").map(String.init)
            let folded = words.map { TextFold.fold($0).filter { $0.isLetter || $0.isNumber } }
            // «…, para todos», «… en todos», «… para los 3», «…, la misma para todos».
            var cut = folded.count
            while cut > 0, Self.forAllTail.contains(folded[cut - 1]) || Int(folded[cut - 1]) != nil { cut -= 1 }
            guard cut < folded.count, folded[cut...].contains(where: { ["todos", "todas", "dos", "tres", "cuatro", "cinco", "ambos", "ambas"].contains($0) || Int($0) != nil }),
                  folded[cut...].contains(where: { ["para", "en", "pa", "a"].contains($0) }) || ["ambos", "ambas"].contains(folded.last ?? "") else { return false }
            while cut > 0, ["la", "el", "lo", "misma", "mismo", "igual", "y"].contains(folded[cut - 1]) { cut -= 1 }
            said = words[..<cut].joined(separator: " ")
            while let c = said.last, ",.;:".contains(c) { said.removeLast() }
            guard said.contains(where: { $0.isLetter || $0.isNumber }) else { return false }
        }
        guard case .value(let value) = SlotParser.parse(said, slot: slot, context: context) else { return false }
        // Every record that lacks it, when the value suits each of them.
        let others = items.indices.filter { $0 != at && items[$0].values[slotName] == nil && nextPhase(items[$0], flow: flow) == .asking(slotName) }
        guard others.allSatisfy({ violation(value, slot: slot, run: items[$0], context: context) == nil }) else { return false }
        for k in others { set(value, for: slotName, in: &items[k]) }
        var live = run
        live.batch = items
        state.current = live
        if !others.isEmpty {
            let names = batchNames(flow, context: context)
            let which = others.count + 1 == items.count ? "todos" : "\(others.count + 1) \(names.many)"
            // A date is said back by the answer itself («Anotado: viernes 11 de diciembre.»).
            let shown = echo(value, slot: slot, context: context) == nil ? ": " + value.display(today: context.today, choices: slot.choices) : ""
            out.append(.say("Lo anoto en \(which) (\(slot.label))\(shown)."))
        }
        answer(said, slot: slot, run: live, flow: flow, state: &state, context: context, out: &out)
        return true
    }

    /// «el borrador en pdf, la sala confirmada por correo y la encuesta la planilla» asked the
    /// evidence of record 1 of 3: one part for each record still lacking it, each part naming
    /// its own record by a word of that record's text (and no other's). Each record gets its
    /// part, then the batch goes on. False: the parts do not match the records one to one (a
    /// list for this record alone, «acta, fotos y lista de asistencia», stays whole).
    func answerSplitAcross(_ message: Utterance, run: FlowRun, slotName: String, state: inout DialogState, context: EngineContext,
                           out: inout [Effect]) -> Bool {
        let said = message.clean
        // Cheap gate: a list needs a comma, a semicolon or a «y».
        guard said.contains(",") || said.contains(";") || message.phrase.tokens.contains("y"),
              let flow = catalog.flow(run.flowID), let slot = flow.slot(named: slotName), !slot.isList, slot.type == .text || slot.type == .longtext,
              let at = run.batchAt else { return false }
        var items = batchItems(run)
        let open = items.indices.filter { $0 >= at && items[$0].values[slotName] == nil }
        let parts = Self.listParts(said)
        guard open.count >= 2, parts.count == open.count else { return false }
        // «acordamos que Paola arma la encuesta… y Hernan revisa…» at the evidence of agreement 1
        // of 2: what the flow itself reads as no answer (another record of its kind) is not split
        // across the records (it was stored as both evidences).
        if case .reask? = reading(message, run: run, flow: flow, context: context) { return false }
        // The content words of each record's first value («Carla manda el borrador…»).
        let heads: [Set<String>] = open.map { k in
            let head = editable(items[k], flow: flow).first.flatMap { items[k].values[$0.name]?.textValue } ?? ""
            return Set(Phrase(head).stems.filter { $0.count >= 4 })
        }
        var owner: [Int: String] = [:]
        for part in parts {
            let words = Set(Phrase(part).stems)
            let hits = heads.indices.filter { i in !heads[i].isDisjoint(with: words) }
            guard hits.count == 1, owner[open[hits[0]]] == nil else { return false }
            owner[open[hits[0]]] = part
        }
        var values: [Int: SlotValue] = [:]
        for (k, part) in owner {
            guard case .value(let v) = SlotParser.parse(part, slot: slot, context: context),
                  violation(v, slot: slot, run: items[k], context: context) == nil else { return false }
            values[k] = v
        }
        for (k, v) in values where k != at { set(v, for: slotName, in: &items[k]) }
        var live = run
        live.batch = items
        state.current = live
        let lines = open.map { k in "\(k + 1). \(values[k]!.display(today: context.today, choices: slot.choices))" }
        out.append(.say("Lo anoto en cada uno (\(slot.label)):\n" + lines.joined(separator: "\n")))
        answer(owner[at]!, slot: slot, run: live, flow: flow, state: &state, context: context, out: &out)
        return true
    }

    /// «a, b y c», «a; b; c», «1) a 2) b»: the parts of a list said on one line.
    static func listParts(_ text: String) -> [String] {
        if let marked = ListSplitter.split(text) { return marked }
        var parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let last = parts.last else { return [] }
        // The last «y» joins the last two parts («…, b y c»).
        if let r = last.range(of: " y ", options: .backwards) {
            parts.removeLast()
            parts += [String(last[..<r.lowerBound]), String(last[r.upperBound...])].map { $0.trimmingCharacters(in: .whitespaces) }
        }
        return parts.map { p in
            var p = p
            if p.hasPrefix("y ") { p.removeFirst(2) }
            while let c = p.last, ".;".contains(c) { p.removeLast() }
            return p
        }.filter { !$0.isEmpty }
    }

    static let sameAsBefore: Set<String> = ["lo mismo", "la misma", "el mismo", "igual", "igual que el anterior", "lo mismo que el anterior",
                                            "la misma que el anterior", "igual que antes", "lo mismo que antes", "la misma del anterior"]
    static let forAllTail: Set<String> = ["para", "pa", "en", "a", "todos", "todas", "los", "las", "dos", "tres", "cuatro", "cinco", "ambos",
                                          "ambas", "ellos"]

    /// An answer to the shared review: yes saves them all; a record named by its number is taken
    /// out or changed; a bare «no» asks what to change. False: the engine reads it as anywhere
    /// (a repair verb, a question, another request).
    func reviewBatch(_ message: Utterance, run: FlowRun, state: inout DialogState, context: EngineContext, out: inout [Effect]) -> Bool {
        guard let flow = catalog.flow(run.flowID) else { return false }
        let phrase = message.phrase
        let items = batchItems(run)
        let names = batchNames(flow, context: context)
        // «resumen» and «repetir» show the whole batch; «atrás» names no record to go back in, so
        // it is asked which; the other repairs (cancelar, pausar, ayuda…) are the engine's.
        switch RepairVerb.recognize(phrase) {
        case .summary?, .repeatQuestion?:
            askBatch(run, flow: flow, context: context, out: &out)
            return true
        case .back?:
            out.append(.say(batchHint(items.count, names: names)))
            return true
        case .some:
            return false
        case nil:
            break
        }
        // «júntalos, es uno solo»: about the whole batch, read by its flow.
        if items.count >= 2, var first = items.first {
            first.batch = items
            first.batchAt = 0
            if let reading = context.extensions[flow.id]?.batchReviewChange(message, run: first, context: context) {
                apply(reading, run: run, flow: flow, state: &state, context: context, out: &out)
                return true
            }
        }
        // «el plazo del 1 es el miércoles 9 y la evidencia del 2 es la presentación»: each part
        // changes its own record, all or none (issue 12: the rest was read as the first's date).
        if let groups = Self.batchReferenceGroups(message.clean, count: items.count, noun: names.one),
           changesInBatch(groups, flow: flow, names: names, state: &state, context: context, out: &out) {
            return true
        }
        if let (k, rest) = Self.batchReference(message.clean, count: items.count, noun: names.one) {
            let restPhrase = Phrase(rest)
            // «saca el 3» takes the record out; «el 3 es solo mío, saca a Mario» takes a person out
            // of it (the personal «a» after the verb names someone, not the record).
            let t = restPhrase.tokens
            let namesPerson = t.indices.contains { i in Self.batchRemoveWords.contains(t[i]) && i + 2 < t.count && t[i + 1] == "a" }
            let removes = phrase.tokens.contains(where: Self.batchRemoveWords.contains) && !namesPerson
            if removes || restPhrase.tokens.allSatisfy(Self.batchDropWords.contains) && restPhrase.tokens.contains("no") {
                removeFromBatch(k, items: items, flow: flow, state: &state, context: context, out: &out)
            } else if restPhrase.tokens.allSatisfy(Self.batchFillers.contains) {
                var item = items[k]
                item.batch = items
                item.batchAt = k
                item.phase = .choosingEdit
                state.current = item
                out.append(.say(batchNaming(k, items: items, flow: flow, context: context) + ":\n" + summary(item, flow: flow, context: context, numbered: true)))
                out.append(.say("¿Qué quieres cambiar? Dime el número o el nombre del dato."))
            } else {
                changeInBatch(k, rest: rest, items: items, flow: flow, names: names, state: &state, context: context, out: &out)
            }
            return true
        }
        // «no tengo más», «nada, guárdalos así»: nothing to change (`ReviewVerdict`).
        if ReviewVerdict.of(phrase) == .approves {
            saveBatch(items, flow: flow, state: &state, context: context, out: &out)
            return true
        }
        switch YesNo.parse(message.clean) {
        case true?:
            saveBatch(items, flow: flow, state: &state, context: context, out: &out)
            return true
        case false?:
            out.append(.say(batchHint(items.count, names: names)))
            return true
        case nil:
            // A change that does not say which record («el plazo es el jueves»): asked which,
            // never applied to whichever was asked last.
            let command = understand(message, state: state, context: context)
            switch command {
            case .correct, .setSlots(.fill), .setSlots(.whole), .setSlots(.fillThen):
                out.append(.say("¿En cuál de \(names.masculine ? "los" : "las") \(items.count)? " + batchHint(items.count, names: names)))
                return true
            case .fill:
                // A change that the review reads («el plazo es el martes»), tried on a copy: which
                // record it is for is asked, never guessed.
                var trial = state
                var ignored: [Effect] = []
                execute(command, message: message, state: &trial, context: context, out: &ignored)
                if trial.current?.values != run.values || trial.current?.check != nil {
                    out.append(.say("¿En cuál de \(names.masculine ? "los" : "las") \(items.count)? " + batchHint(items.count, names: names)))
                    return true
                }
                // Neither a yes nor a change: the question again, with how to answer it.
                out.append(.say("¿Guardo \(names.masculine ? "los" : "las") \(items.count)? Responde «sí», o " + batchHint(items.count, names: names).prefix(1).lowercased()
                    + batchHint(items.count, names: names).dropFirst()))
                return true
            default:
                return false
            }
        }
    }

    func batchHint(_ count: Int, names: BatchNames) -> String {
        "Dime el número y lo que cambia, por ejemplo «\(names.example)», o «saca \(names.masculine ? "el" : "la") \(count)» para dejarlo fuera."
    }

    /// «saca el 3»: that record leaves the batch; with one left, it is reviewed on its own.
    func removeFromBatch(_ k: Int, items: [FlowRun], flow: FlowDefinition, state: inout DialogState, context: EngineContext, out: inout [Effect]) {
        var rest = items
        rest.remove(at: k)
        out.append(.say("Listo, saqué \(batchNaming(k, items: items, flow: flow, context: context, of: false)): no \(batchNames(flow, context: context).masculine ? "lo" : "la") guardo."))
        var live = rest[rest.count - 1]
        if rest.count > 1 {
            live.batch = rest
            live.batchAt = rest.count - 1
        }
        live.phase = .confirming
        state.current = live
        ask(live, flow: flow, context: context, out: &out)
    }

    /// «el 2 es pal martes»: the rest of the words («es pal martes») read at that record's own
    /// review, as a change said there would be; back to the shared review once it is taken.
    func changeInBatch(_ k: Int, rest: String, items: [FlowRun], flow: FlowDefinition, names: BatchNames,
                       state: inout DialogState, context: EngineContext, out: inout [Effect]) {
        var item = items[k]
        item.batch = items
        item.batchAt = k
        item.phase = .confirming
        item.check = nil
        // «sí, el 2 es pal jueves», «no, el 2…»: the change is what follows (a «sí» at that
        // record's own review would save it alone). When the whole of it changes nothing, each
        // comma part is tried on its own: «es solo mío, saca a Mario» is that last part.
        let whole = YesNo.lead(rest)?.rest ?? rest
        let parts = whole.contains(",") ? whole.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } : []
        var trial = state
        var said: [Effect] = []
        var changed = false, saves = false
        // «saca a Mario» names no list: the people list of this record it is read against.
        let peopleLists = flow.slots.filter { $0.type == .people && item.values[$0.name] != nil }
        let removals = (parts.isEmpty ? [whole] : parts).filter { t in
            let w = Phrase(t).tokens
            return w.indices.contains { Self.batchRemoveWords.contains(w[$0]) && $0 + 2 < w.count && w[$0 + 1] == "a" }
        }.flatMap { t in peopleLists.map { t + " de los " + $0.label } }
        for text in removals + [whole] + parts.reversed() {
            trial = state
            trial.current = item
            said = []
            let message = Utterance(text)
            execute(understand(message, state: trial, context: context), message: message, state: &trial, context: context, out: &said)
            changed = trial.current.map { $0.values != item.values || $0.phase != .confirming || $0.check != nil } ?? false
            saves = said.contains { if case .save = $0 { true } else { false } }
            if changed, !saves, trial.pending == nil, trial.current?.batch != nil { break }
        }
        guard changed, !saves, trial.pending == nil, trial.current?.batch != nil else {
            out.append(.say("No entendí qué cambio \(names.masculine ? "en el" : "en la") \(names.one) \(k + 1). " + batchHint(items.count, names: names)))
            return
        }
        state = trial
        out += said
    }

    /// The parts of a message that each name a record of the batch by its number («el plazo del
    /// 1 es X y la evidencia del 2 es Y»), cut at «y», commas and semicolons; a part naming none
    /// («y Marta» in «los responsables del 1 son Luis y Marta») stays with the one before. Nil
    /// unless two or more parts name a record, each with a change said.
    static func batchReferenceGroups(_ clean: String, count: Int, noun: String) -> [String]? {
        let words = clean.split(separator: " ").map(String.init)
        // Cheap gate: a «y» or a comma, and a digit or an ordinal, somewhere.
        guard words.count >= 6, words.count <= 40, words.contains(where: { $0 == "y" || $0.hasSuffix(",") || $0.hasSuffix(";") }) else { return nil }
        var parts: [[String]] = [[]]
        for w in words {
            if TextFold.fold(w) == "y" {
                if !parts[parts.count - 1].isEmpty { parts.append([]) }
                continue
            }
            let trimmed = w.hasSuffix(",") || w.hasSuffix(";") ? String(w.dropLast()) : w
            if !trimmed.isEmpty { parts[parts.count - 1].append(trimmed) }
            if trimmed != w, !parts[parts.count - 1].isEmpty { parts.append([]) }
        }
        var groups: [String] = []
        var joiner: [String] = []
        for part in parts where !part.isEmpty {
            let text = part.joined(separator: " ")
            if let (_, rest) = batchReference(text, count: count, noun: noun), Phrase(rest).tokens.count >= 2 {
                groups.append(text)
            } else if groups.isEmpty {
                joiner.append(text)
            } else {
                groups[groups.count - 1] += " y " + text
            }
        }
        guard groups.count >= 2 else { return nil }
        if !joiner.isEmpty { groups[0] = joiner.joined(separator: " ") + " " + groups[0] }
        return groups
    }

    /// Each of `groups` changes the record it names, one after the other; the review is shown
    /// once, at the end. False (nothing changed, nothing said) when any part is not read as a
    /// change of its record, or leaves a question open before the next part: the message is then
    /// read as before.
    func changesInBatch(_ groups: [String], flow: FlowDefinition, names: BatchNames, state: inout DialogState,
                        context: EngineContext, out: inout [Effect]) -> Bool {
        var trial = state
        var said: [Effect] = []
        for (i, group) in groups.enumerated() {
            guard let live = trial.current, live.batch != nil, live.phase == .confirming, live.check == nil, trial.pending == nil else { return false }
            let items = batchItems(live)
            guard let (k, rest) = Self.batchReference(group, count: items.count, noun: names.one) else { return false }
            let before = trial
            var part: [Effect] = []
            changeInBatch(k, rest: rest, items: items, flow: flow, names: names, state: &trial, context: context, out: &part)
            guard trial != before else { return false }
            if i < groups.count - 1 {
                // The shared review asked after this part is asked once, after the last.
                guard let now = trial.current, now.batch != nil, now.phase == .confirming else { return false }
                var review: [Effect] = []
                askBatch(now, flow: flow, context: context, out: &review)
                if part.count >= review.count, Array(part.suffix(review.count)) == review { part.removeLast(review.count) }
            }
            for effect in part {
                if case .say("Corregido.") = effect, said.contains(effect) { continue }
                said.append(effect)
            }
        }
        state = trial
        out += said
        return true
    }

    /// Saves every record, each its own, with one confirmation; what follows is as after any save.
    func saveBatch(_ items: [FlowRun], flow: FlowDefinition, state: inout DialogState, context: EngineContext, out: inout [Effect]) {
        guard let kind = flow.save else { return }
        state.stack.removeLast()
        for (i, item) in items.enumerated().dropLast() {
            out.append(.save(SaveRequest(kind: kind, flowID: flow.id, values: item.values, done: flow.done, started: item.started, joinsPrevious: i > 0)))
        }
        var last = items[items.count - 1]
        last.batch = nil
        last.batchAt = nil
        state.stack.append(last)
        let mark = out.count
        complete(state: &state, flow: flow, context: context, out: &out)
        if items.count > 1, let j = out[mark...].firstIndex(where: { if case .save = $0 { true } else { false } }), case .save(var r) = out[j] {
            r.joinsPrevious = true
            out[j] = .save(r)
        }
    }

    /// «el 2 …», «del 1», «saca el tercero»: the record named (0-based) and the words without
    /// the naming; nil when the message names none of 1…`count`.
    static func batchReference(_ clean: String, count: Int, noun: String) -> (Int, String)? {
        let words = clean.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0).filter { $0.isLetter || $0.isNumber } }
        let noun = TextFold.fold(noun)
        for (i, w) in folded.enumerated() {
            let digits = !w.isEmpty && w.allSatisfy(\.isNumber)
            guard let n = digits ? Int(w) : batchOrdinals[w], n >= 1, n <= count else { continue }
            let before = i > 0 ? folded[i - 1] : ""
            guard (i == 0 && digits) || before == noun || batchArticles.contains(before) else { continue }
            // A number that is a day («el 2 de enero») names no record.
            if i + 1 < folded.count, folded[i + 1] == "de", !digits || i + 2 < folded.count && ChileanMonths.contains(folded[i + 2]) { continue }
            var from = i
            if from > 0, folded[from - 1] == noun { from -= 1 }
            if from > 0, batchArticles.contains(folded[from - 1]) { from -= 1 }
            if from > 0, ["en", "y", "pero"].contains(folded[from - 1]) { from -= 1 }
            // «la evidencia del 1: fotos»: the colon after the number labels what follows.
            var head = Array(words[..<from])
            if words[i].hasSuffix(":"), let last = head.last, !last.hasSuffix(":") { head[head.count - 1] = last + ":" }
            var rest = (head + words[(i + 1)...]).joined(separator: " ").trimmingCharacters(in: .whitespaces)
            while let c = rest.first, ",.:;".contains(c) { rest.removeFirst(); rest = rest.trimmingCharacters(in: .whitespaces) }
            while let c = rest.last, ",.:;".contains(c) { rest.removeLast() }
            return (n - 1, rest)
        }
        return nil
    }

    static let ChileanMonths: Set<String> = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                                             "setiembre", "octubre", "noviembre", "diciembre"]
    static let batchArticles: Set<String> = ["el", "del", "al", "la", "a", "de", "numero", "nro", "n"]
    static let batchOrdinals: [String: Int] = ["uno": 1, "primero": 1, "primer": 1, "primera": 1, "1ro": 1, "dos": 2, "segundo": 2, "segunda": 2,
                                               "2do": 2, "tres": 3, "tercero": 3, "tercer": 3, "tercera": 3, "3ro": 3, "cuatro": 4,
                                               "cuarto": 4, "cuarta": 4, "cinco": 5, "quinto": 5, "quinta": 5, "seis": 6, "sexto": 6]
    static let batchRemoveWords: Set<String> = ["saca", "sacar", "sacalo", "sacala", "quita", "quitar", "quitalo", "quitala", "borra",
                                                "borrar", "borralo", "borrala", "elimina", "eliminar", "eliminalo", "eliminala", "fuera"]
    static let batchDropWords: Set<String> = ["no", "va", "ya", "mejor", "ese", "esa", "eso", "al", "final", "po"]
    static let batchFillers: Set<String> = ["cambiar", "cambia", "cambio", "corregir", "corrige", "quiero", "ver", "revisar", "no", "si", "ese",
                                            "esa", "el", "la", "a", "po"]
}
