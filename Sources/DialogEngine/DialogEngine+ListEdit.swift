import CivilTime
import Understanding

/// A list field picked from the review («2» for the tabla, the poll's options, an agreement's
/// responsables): its items are
/// shown and kept, and the answer changes them as a facilitator would take it: «agrega X»,
/// «saca la 2», «cambia la 1 por Y», «así está bien», or a whole new list that replaces them.
extension DialogEngine {
    enum ListEditOp: Equatable {
        case add
        case remove
        case replace
    }

    static let addWords: WordSet = ["agrega", "agregale", "agregar", "agregue", "agregues", "suma", "sumale", "sumar", "anade", "anadele",
                                    "anadir", "pon", "ponle", "falta", "faltan", "faltaria", "tambien", "mete", "metele", "incluye"]
    static let removeWords: WordSet = ["saca", "sacale", "sacar", "saquemos", "quita", "quitale", "quitar", "borra", "borrale", "borrar",
                                       "elimina", "eliminar"]
    static let replaceWords: WordSet = ["cambia", "cambiale", "cambiar", "cambiemos", "reemplaza", "reemplazar", "corrige", "corregir"]
    /// The words around several numbers taken out at once («saca la 2 y la 3», «quita los puntos 1 y 4»).
    static let severalFiller: WordSet = ["la", "el", "las", "los", "y", "e", "punto", "puntos", "numero", "numeros", "n", "nro", "tambien", "a"]

    /// Words between the verb and the item: «agrega a la tabla: …», «saca el punto 2».
    static let editFiller: WordSet = ["a", "al", "la", "el", "lo", "los", "las", "de", "del", "en", "uno", "una", "otro", "otra", "mas",
                                      "punto", "puntos", "opcion", "opciones", "tema", "temas", "item", "numero", "n", "que", "porfa", "y",
                                      "tambien", "le", "me"]

    /// What a message does to a list being edited, from its first word (after «y», «ya», «oye»).
    /// What may come before a list edit's verb («y», «ya», «oye»…).
    static let listEditLeads: WordSet = ["y", "ya", "oye", "ah", "no", "mejor", "porfa", "bueno"]

    static func listEditOp(_ phrase: Phrase) -> ListEditOp? {
        guard let first = phrase.tokens.first(where: { !listEditLeads.contains($0) }) else { return nil }
        if addWords.contains(first) { return .add }
        if removeWords.contains(first) { return .remove }
        if replaceWords.contains(first) { return .replace }
        return nil
    }

    /// What a message says of one item of a list being edited.
    enum WrongItem: Equatable {
        /// «el 2 está malo, es X»: X goes in its place.
        case replace(Int, String)
        /// «la 1 está mal, no va»: it goes away.
        case remove(Int)
        /// «el 2 está malo»: what goes in its place is asked.
        case ask(Int)
    }

    /// «el 2 está malo, es X», «la 1 quedó mal», «la última está mala, no va»: the item (by its
    /// number among `count`) said to be wrong, and what to do with it.
    static func wrongItem(_ clean: String, count: Int) -> WrongItem? {
        let words = clean.split(separator: " ").map(String.init)
        let folded = words.map { Phrase($0).tokens.joined(separator: " ") }
        var k = 0
        while k < folded.count, ["y", "ya", "oye", "ojo", "no", "el", "la", "lo", "objetivo", "punto", "item", "opcion", "numero"].contains(folded[k]) { k += 1 }
        guard k < folded.count else { return nil }
        let index: Int
        if let n = Int(folded[k]), n >= 1, n <= count { index = n - 1 } else if ["ultimo", "ultima"].contains(folded[k]) { index = count - 1 } else { return nil }
        k += 1
        while k < folded.count, ["esta", "quedo", "salio", "es", "lo"].contains(folded[k]) { k += 1 }
        guard k < folded.count, wrongWords.contains(folded[k]) || folded[k] == "raro" || folded[k] == "rara" else { return nil }
        k += 1
        while k < folded.count, reviewCopulas.contains(folded[k]) || folded[k].isEmpty || ["va", "era", "seria", "en", "realidad"].contains(folded[k]) { k += 1 }
        let rest = Array(folded[k...])
        // «no va», «no hay …», «sobra», «sácalo»: it goes away.
        if rest.first == "sobra" || rest.first.map(removeWords.contains) == true || rest.first.map({ $0.hasPrefix("sacal") || $0.hasPrefix("borral") }) == true
            || (rest.first == "no" && (rest.count == 1 || ["va", "hay", "corresponde", "aplica", "sirve"].contains(rest[1]))) {
            return .remove(index)
        }
        var value = words[k...].joined(separator: " ")
        while let c = value.first, ",;.: ".contains(c) { value.removeFirst() }
        return value.isEmpty ? .ask(index) : .replace(index, value)
    }

    /// «así está bien», «no», «déjala así»: the list stays as it was.
    static func keepsList(_ phrase: Phrase) -> Bool {
        phrase.isOne(of: ["no", "nada", "esta bien", "asi esta bien", "asi", "dejala asi", "dejalo asi", "dejala", "dejalo", "asi no mas",
                          "asi nomas", "ninguno", "ninguna", "no nada", "no gracias", "todo bien", "esta bien asi"])
    }

    /// Whether a field holds items that can be changed one by one: a list, or several people.
    static func editsAsList(_ slot: SlotDefinition) -> Bool { slot.isList || slot.type == .people }

    /// «agrega cierre de año a la tabla», «saca a Luis de los responsables» at the review: the
    /// list field a change verb names (nil when the message opens with no such verb).
    func reviewListEdit(_ phrase: Phrase, run: FlowRun, flow: FlowDefinition) -> SlotDefinition? {
        guard let op = Self.listEditOp(phrase) else { return nil }
        let stems = phrase.stems
        let lists = editable(run, flow: flow).filter(Self.editsAsList)
        if let named = lists.first(where: { slot in slot.headStems.contains { h in stems.contains { Phrase.similar(h, $0) } } }) { return named }
        // «cambia a Luis por Marta», «saca a la Daniela» with no field named: the one list field
        // holding the item whose first word is said (it answered «¿Lo guardo?»). Adding names none.
        guard op != .add else { return nil }
        let said = Set(phrase.tokens)
        let holding = lists.filter { slot in
            (run.values[slot.name]?.listValue ?? []).contains { item in
                guard let first = Phrase(item).tokens.first, first.count >= 3, !Self.listEditLeads.contains(first) else { return false }
                return said.contains(first)
            }
        }
        return holding.count == 1 ? holding[0] : nil
    }

    /// «la segunda mejor que sea avisar con dos días», «la tercera norma es: …», «ojo, el primero
    /// cámbialo por …» at a review: an item of the record's one list (or the list named), named by
    /// its position in words, and what goes in its place. Returns the list and the change in the
    /// list editor's own words («cambia la 2 por …»). Digits are the review's lines, never items.
    /// Nil unless the message opens with an ordinal word (after «no», «ojo», an article).
    func ordinalItemAtReview(_ clean: String, phrase: Phrase, run: FlowRun, flow: FlowDefinition) -> (SlotDefinition, String)? {
        let t = phrase.tokens
        // Cheap gate: an ordinal word among the first four.
        guard t.count >= 3, t.prefix(4).contains(where: Self.itemOrdinals.keys.contains) else { return nil }
        let words = clean.split(separator: " ").map(String.init)
        let folded = words.map { Phrase($0).tokens.joined(separator: " ") }
        var k = 0
        while k < folded.count, ["no", "ojo", "uy", "y", "ya", "oye", "perdon", "el", "la", "lo", "pero", ""].contains(folded[k]) { k += 1 }
        guard k < folded.count, let n = Self.itemOrdinals[folded[k]] else { return nil }
        k += 1
        let lists = editable(run, flow: flow).filter { $0.isList }
        // «la segunda norma»: the list named right after the ordinal, or the only one.
        var slot: SlotDefinition?
        if k < folded.count, let named = lists.first(where: { l in l.headStems.contains { Phrase.similar($0, Phrase.stem(folded[k])) } }) {
            slot = named
            k += 1
        } else if lists.count == 1 {
            slot = lists[0]
        }
        guard let slot, let items = run.values[slot.name]?.listValue, items.count >= 2 else { return nil }
        let index = n == -1 ? items.count : n
        guard index >= 1, index <= items.count else { return nil }
        // What is said before the new item: «mejor que sea», «es», «cámbiala por», «ponla como».
        while k < folded.count, Self.itemValueLeads.contains(folded[k]) || folded[k].isEmpty { k += 1 }
        guard k < words.count, words.count - k >= 2, !Self.sameWords.contains(folded[k]), !Self.wrongWords.contains(folded[k]) else { return nil }
        var value = words[k...].joined(separator: " ")
        while let c = value.first, ",;:. ".contains(c) { value.removeFirst() }
        return value.isEmpty ? nil : (slot, "cambia la \(index) por \(value)")
    }

    static let itemOrdinals: [String: Int] = ["primera": 1, "primero": 1, "primer": 1, "segunda": 2, "segundo": 2, "tercera": 3, "tercero": 3,
                                              "tercer": 3, "cuarta": 4, "cuarto": 4, "quinta": 5, "quinto": 5, "ultima": -1, "ultimo": -1]
    static let itemValueLeads: WordSet = ["mejor", "que", "sea", "es", "era", "seria", "sera", "deberia", "debe", "ser", "dice", "diga",
                                          "decir", "cambiala", "cambialo", "por", "ponla", "ponlo", "pon", "ponle", "como", "queda", "quede",
                                          "dejala", "dejalo", "en", "realidad", "va", "corrigela", "corrigelo", "a", "punto", "opcion", "item", "tema"]

    /// «faltó yo en los asistentes», «uy, faltaba la Marisol en los asistentes» at a review: the
    /// list field named after «en» (or «de la lista de») and who or what is missing from it, said
    /// between the verb and the field (qa21 J: only the list was shown, and the change asked
    /// again). A «faltó X» that names no field is left alone: it may say X was absent.
    func missingFromList(_ clean: String, phrase: Phrase, run: FlowRun, flow: FlowDefinition) -> (SlotDefinition, String)? {
        guard phrase.tokens.contains(where: Self.missingWords.contains) else { return nil }
        let words = clean.split(separator: " ").map(String.init)
        let folded = words.map { Phrase($0).tokens.joined(separator: " ") }
        var k = 0
        while k < folded.count, Self.listEditLeads.contains(folded[k]) || ["uy", "oye", "ojo", "perdon", "verdad"].contains(folded[k]) { k += 1 }
        guard k < folded.count, Self.missingWords.contains(folded[k]) else { return nil }
        let lists = editable(run, flow: flow).filter(Self.editsAsList)
        for j in (k + 2)..<max(k + 2, folded.count) {
            guard let slot = lists.first(where: { slot in slot.headStems.contains { Phrase.similar($0, Phrase.stem(folded[j])) } }) else { continue }
            // «en los asistentes», «en la lista de asistentes»: back to the «en».
            var from = j
            while from > k + 1, ["los", "las", "la", "el", "lista", "de", "del"].contains(folded[from - 1]) { from -= 1 }
            guard from > k + 1, ["en", "a"].contains(folded[from - 1]) else { return nil }
            let said = words[(k + 1)..<(from - 1)].joined(separator: " ")
            return said.isEmpty ? nil : (slot, said)
        }
        return nil
    }

    public static let missingWords: Set<String> = ["falto", "falte", "faltaba", "faltamos", "faltaron", "faltabamos", "falta", "faltan"]

    /// The change said at the review, carried out on `slot`'s items (its name taken out of the
    /// words: «… a la tabla»); the review comes back after it.
    func editListAtReview(_ clean: String, slot: SlotDefinition, run: FlowRun, flow: FlowDefinition,
                          state: inout DialogState, context: EngineContext, out: inout [Effect]) {
        let items = run.values[slot.name]?.listValue ?? []
        var r = run
        r.values[slot.name] = nil
        r.phase = .asking(slot.name)
        r.returnToConfirm = true
        r.misses = 0
        r.editingList = items
        state.current = r
        var words = clean.split(separator: " ").map(String.init)
        if let k = words.indices.dropFirst().first(where: { i in slot.headStems.contains { Phrase.similar($0, Phrase.stem(Phrase(words[i]).tokens.joined())) } }) {
            var from = k
            while from > 1, ["a", "al", "de", "del", "en", "la", "las", "el", "los", "para", "pa"].contains(Phrase(words[from - 1]).tokens.joined()) { from -= 1 }
            if words[k].hasSuffix(":") || words[k].hasSuffix(","), from > 0 { words[from - 1] += ":" }
            words.removeSubrange(from...k)
        }
        if editList(words.joined(separator: " "), slot: slot, run: r, flow: flow, state: &state, context: context, out: &out) { return }
        out.append(.say(listEditPrompt(items, slot: slot)))
    }

    /// The list's items, numbered, and how to change them.
    func listEditPrompt(_ items: [String], slot: SlotDefinition) -> String {
        let lines = items.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n")
        return "\(slot.capitalizedLabel), por ahora:\n\(lines)\nDime qué cambio («agrega …», «saca la 2», «cambia la 1 por …») o escríbeme la lista completa de nuevo."
    }

    /// Carries out «agrega», «saca», «cambia … por …» or «así está bien» on the list being
    /// edited; false when the message is none of these (a whole new list).
    /// Item `i` taken out of the list and asked for again.
    private func askAgain(_ i: Int, of items: inout [String], slot: SlotDefinition, run r: inout FlowRun,
                          state: inout DialogState, out: inout [Effect]) {
        items.remove(at: i)
        r.values[slot.name] = items.isEmpty ? nil : .list(items)
        r.phase = items.isEmpty ? .asking(slot.name) : .more(slot.name)
        state.current = r
        out.append(.say("Dime cuál va en su lugar."))
    }

    /// `said` in place of item `i`; false, after saying so and keeping the list for editing, when
    /// it is no value of the slot.
    private func replaceItem(_ i: Int, with said: String, in items: inout [String], slot: SlotDefinition, run r: inout FlowRun,
                             state: inout DialogState, context: EngineContext, out: inout [Effect]) -> Bool {
        guard case .value(let v) = SlotParser.parse(said, slot: slot, context: context),
              violation(v, slot: slot, run: r, context: context) == nil else {
            r.editingList = items
            state.current = r
            out.append(.say("No entendí «\(said)» como \(slot.type.noun)."))
            return false
        }
        items.replaceSubrange(i...i, with: v.listValue ?? [v.display(today: context.today)])
        return true
    }

    func editList(_ clean: String, slot: SlotDefinition, run: FlowRun, flow: FlowDefinition,
                  state: inout DialogState, context: EngineContext, out: inout [Effect]) -> Bool {
        guard var items = run.editingList else { return false }
        let phrase = Phrase(clean)
        var r = run
        r.editingList = nil
        if Self.keepsList(phrase) {
            r.values[slot.name] = .list(items)
            state.current = r
            out.append(.say("Bien, lo dejo como estaba."))
            advance(state: &state, flow: flow, context: context, out: &out)
            return true
        }
        // «el 2 está malo, es armar un plan común», «la 1 está mal, no va»: that item, replaced
        // by what follows or taken out.
        if let wrong = Self.wrongItem(clean, count: items.count) {
            switch wrong {
            case .ask(let i):
                // That item, asked for again (as «cambia la 2»).
                askAgain(i, of: &items, slot: slot, run: &r, state: &state, out: &out)
                return true
            case .replace(let i, let said):
                guard replaceItem(i, with: said, in: &items, slot: slot, run: &r, state: &state, context: context, out: &out) else { return true }
            case .remove(let i):
                items.remove(at: i)
                if items.isEmpty, slot.optional, !r.skipped.contains(slot.name) { r.skipped.append(slot.name) }
            }
            r.values[slot.name] = items.isEmpty ? nil : .list(items)
            state.current = r
            out.append(.say("Corregido."))
            advance(state: &state, flow: flow, context: context, out: &out)
            return true
        }
        guard let op = Self.listEditOp(phrase) else { return false }
        let words = clean.split(separator: " ").map(String.init)
        let folded = words.map { Phrase($0).tokens.joined(separator: " ") }
        guard let verb = folded.firstIndex(where: { Self.addWords.contains($0) || Self.removeWords.contains($0) || Self.replaceWords.contains($0) }) else { return false }
        var rest = Array(words[(verb + 1)...]), restFolded = Array(folded[(verb + 1)...])
        switch op {
        case .add:
            // «agrega a la tabla: cierre de año»: the words after the list's name or the colon.
            if let colon = rest.firstIndex(where: { $0.hasSuffix(":") }) {
                rest = Array(rest[(colon + 1)...])
            } else {
                while let w = restFolded.first, Self.editFiller.contains(w) || slot.headStems.contains(Phrase.stem(w)) {
                    rest.removeFirst(); restFolded.removeFirst()
                }
            }
            let said = rest.joined(separator: " ")
            guard !said.isEmpty else { return false }
            // People are one answer: the ones said join the ones there were, checked together.
            if !slot.isList {
                guard case .value(let v) = SlotParser.parse(said, slot: slot, context: context) else { return false }
                let added = (v.listValue ?? [v.display(today: context.today)]).filter { !items.contains($0) }
                state.current = r
                accept(.list(items + added), slot: slot, flow: flow, state: &state, context: context, out: &out)
                return true
            }
            r.values[slot.name] = .list(items)
            r.phase = .asking(slot.name)
            state.current = r
            // Read and checked as any next item is (the flow's reading first: «lectura, PME»).
            var step: [Effect] = []
            answerAsked(said, run: r, flow: flow, state: &state, context: context, out: &step)
            // Taken: back to the review rather than «¿otro?», which would read the next change
            // («saca la 2») as one more item.
            if let now = state.current, now.flowID == run.flowID, now.check == nil, now.phase == .more(slot.name), case .say? = step.last {
                step.removeLast()
                out += step
                out.append(.say("Corregido."))
                advance(state: &state, flow: flow, context: context, out: &out)
                return true
            }
            out += step
            return true
        case .remove, .replace:
            // «saca la 2 y la 3», «quita el 1, el 3 y el 4»: several items by their numbers, all
            // taken out (only the first was).
            if op == .remove {
                let numbers = restFolded.compactMap { w in Int(w) ?? (Self.numberWords.contains(w) ? NumberParser.parse(w) : nil) }
                let others = restFolded.filter { w in (Int(w) ?? (Self.numberWords.contains(w) ? NumberParser.parse(w) : nil)) == nil }
                if numbers.count >= 2, Set(numbers).count == numbers.count, numbers.allSatisfy({ items.indices.contains($0 - 1) }),
                   others.allSatisfy({ $0.isEmpty || Self.severalFiller.contains($0) }) {
                    for n in numbers.sorted(by: >) { items.remove(at: n - 1) }
                    r.values[slot.name] = items.isEmpty ? nil : .list(items)
                    if items.isEmpty, slot.optional, !r.skipped.contains(slot.name) { r.skipped.append(slot.name) }
                    state.current = r
                    out.append(.say("Corregido."))
                    advance(state: &state, flow: flow, context: context, out: &out)
                    return true
                }
            }
            // «cambia el responsable a Rosa» (the field's name is taken out: «cambia a Rosa»), «cambia
            // los responsables por Rosa y Pedro»: no item named, what follows «a»/«por» is the new
            // value, in place of the only item or, for people, of all of them.
            // («cambia a Luis por Marta» names which: the usual way, below.)
            if op == .replace, rest.count >= 2, ["a", "por"].contains(restFolded[0]), !restFolded.dropFirst().contains("por") {
                let said = rest.dropFirst().joined(separator: " ")
                // («cambia a Luis» with Luis the one there is: that one, asked for again, below.)
                let same: Bool = {
                    guard case .value(let v) = SlotParser.parse(said, slot: slot, context: context) else { return false }
                    return (v.listValue ?? [v.display(today: context.today)]) == items
                }()
                if items.count == 1, !same {
                    guard replaceItem(0, with: said, in: &items, slot: slot, run: &r, state: &state, context: context, out: &out) else { return true }
                    r.values[slot.name] = .list(items)
                    state.current = r
                    out.append(.say("Corregido."))
                    advance(state: &state, flow: flow, context: context, out: &out)
                    return true
                }
                if !slot.isList, !same, case .value(let v) = SlotParser.parse(said, slot: slot, context: context), let names = v.listValue {
                    state.current = r
                    accept(.list(names), slot: slot, flow: flow, state: &state, context: context, out: &out)
                    return true
                }
            }
            // «saca a Luis y agrega a Marta», «quita el punto 2 y pon cierre de año»: the item taken
            // out gives way to the one added, in its place (qa36 A: only the removal was done).
            var added: String?
            if op == .remove, let y = restFolded.indices.first(where: { $0 > 0 && restFolded[$0] == "y" && $0 + 1 < restFolded.count
                && (Self.addWords.contains(restFolded[$0 + 1]) || ["pon", "ponle", "mete", "anota"].contains(restFolded[$0 + 1])) }) {
                var k = y + 2
                while k < restFolded.count, Self.editFiller.contains(restFolded[k]) && !["el", "la", "los", "las"].contains(restFolded[k]) || slot.headStems.contains(Phrase.stem(restFolded[k])) { k += 1 }
                let said = rest[k...].joined(separator: " ")
                if !said.isEmpty {
                    added = said
                    rest = Array(rest[..<y]); restFolded = Array(restFolded[..<y])
                }
            }
            // The item by its number («la 2», «el segundo») or by its words.
            let target: Int? = {
                for w in restFolded.prefix(4) {
                    if let n = Int(w) ?? (Self.numberWords.contains(w) ? NumberParser.parse(w) : nil), items.indices.contains(n - 1) { return n - 1 }
                    if w == "ultimo" || w == "ultima" { return items.count - 1 }
                }
                let said = Set(Phrase(restFolded.prefix { $0 != "por" }.joined(separator: " ")).stems).subtracting(Phrase("punto opcion tema").stems)
                let hits = items.indices.filter { !Set(Phrase(items[$0]).stems).isDisjoint(with: said) }
                return hits.count == 1 ? hits[0] : nil
            }()
            guard let i = target else {
                r.values[slot.name] = nil
                r.editingList = items
                state.current = r
                out.append(.say("No supe cuál. " + listEditPrompt(items, slot: slot)))
                return true
            }
            if op == .remove, var added {
                // «saca el 16 y agrega el viernes 18» among options with their hour: the new day
                // keeps the hour of the one it replaces when it says none.
                if slot.type == .datetime, let at = items[i].range(of: " a las "),
                   !{ if case .value = SlotParser.parse(added, slot: slot, context: context) { true } else { false } }() {
                    added += String(items[i][at.lowerBound...])
                }
                guard replaceItem(i, with: added, in: &items, slot: slot, run: &r, state: &state, context: context, out: &out) else { return true }
                r.values[slot.name] = .list(items)
            } else if op == .remove {
                items.remove(at: i)
                r.values[slot.name] = items.isEmpty ? nil : .list(items)
                // The last item of an optional list taken out: the list stays empty, not asked again.
                if items.isEmpty, slot.optional, !r.skipped.contains(slot.name) { r.skipped.append(slot.name) }
            } else {
                guard let por = restFolded.firstIndex(of: "por"), por + 1 < rest.count else {
                    // «cambia la 2»: that item, asked for again.
                    askAgain(i, of: &items, slot: slot, run: &r, state: &state, out: &out)
                    return true
                }
                let said = rest[(por + 1)...].joined(separator: " ")
                guard replaceItem(i, with: said, in: &items, slot: slot, run: &r, state: &state, context: context, out: &out) else { return true }
                r.values[slot.name] = .list(items)
            }
            state.current = r
            out.append(.say("Corregido."))
            advance(state: &state, flow: flow, context: context, out: &out)
            return true
        }
    }
}
