import DialogEngine
import Understanding
import YAMLSupport
import Yams

/// Parses one dialog file's YAML into a `FlowDefinition`, collecting located errors.
struct FlowFileParser {
    let file: String
    var errors: [FlowFileError] = []
    var idMark: Node?
    var triggerMarks: [Node] = []

    /// Record kinds the Assistant knows how to save.
    static let saveKinds = ["network", "agreement", "agreement_status", "meeting", "attendance", "purpose", "appropriation",
                            "reflection", "member", "poll", "poll_answer", "poll_close", "poll_option", "diagnosis", "diagnosis_round", "agreement_delete", "meeting_update", "meeting_suspend", "record_delete",
                            "organization", "norm", "norm_status", "decision", "practice", "practice_status", "network_name", "network_region", "agreement_update", "agreement_text", "member_update", "members", "purpose_objective", "purpose_objective_add", "purpose_objective_delete", "organization_update",
                            "result", "objective_goal", "objective_check", "indicator_target", "agreement_deadline", "result_update", "norm_date", "norm_text", "decision_text", "agreement_restore", "norm_restore", "record_restore", "reflection_update"]
    static let flowKeys = ["id", "title", "triggers", "intro", "resume", "slots", "confirm", "save", "done", "hidden", "menu"]
    static let slotKeys = ["name", "type", "ask", "help", "example", "label", "aliases", "optional", "default",
                           "when", "equals", "list", "more", "from_request", "rules", "choices"]
    static let choiceKeys = ["value", "label", "synonyms"]

    init(file: String) { self.file = file }

    func error(at node: Node?, _ message: String) -> FlowFileError {
        FlowFileError(file: file, line: node?.line ?? 1, column: node?.column ?? 1, message: message)
    }

    mutating func fail(_ node: Node?, _ message: String) { errors.append(error(at: node, message)) }

    /// " ¿Quisiste decir «x»?" when `word` is close to one of `options`.
    static func suggestion(_ word: String, _ options: [String]) -> String {
        let best = options.map { ($0, TextFold.editDistance($0, word)) }.min { $0.1 < $1.1 }
        guard let best, best.1 <= max(2, word.count / 3) else { return "" }
        return " ¿Quisiste decir «\(best.0)»?"
    }

    mutating func parse(_ text: String) -> FlowDefinition? {
        let root: Node
        // No implicit typing (libyaml's regex-based resolver is most of start-up): every scalar
        // is text, and the few booleans and numbers are read explicitly.
        switch YAMLProblem.compose(text, resolver: .basic) {
        case .failure(let p):
            errors.append(FlowFileError(file: file, line: p.line, column: p.column, message: "YAML inválido: \(p.spanish)"))
            return nil
        case .success(nil):
            fail(nil, "el archivo está vacío")
            return nil
        case .success(let node?):
            root = node
        }
        guard root.mapping != nil else {
            fail(root, "se esperaba un flujo con claves id, title, slots…")
            return nil
        }
        checkKeys(root, allowed: Self.flowKeys, what: "clave de flujo")
        idMark = root.entry("id")?.value
        let id = requiredString(root, "id")
        let title = requiredString(root, "title")
        let done = requiredString(root, "done")
        triggerMarks = root.entry("triggers")?.value.sequence.map { Array($0) } ?? []
        let triggers = stringList(root, "triggers")
        let slots = parseSlots(root)
        // Nodes of the slots that parsed, in step with `slots`, for error positions.
        let slotNodes = (root.entry("slots")?.value.sequence.map { Array($0) } ?? []).filter { node in
            slots.contains { $0.name == node.entry("name")?.value.string }
        }
        let confirm = optionalString(root, "confirm")
        let save = optionalString(root, "save")
        if let save, !Self.saveKinds.contains(save) {
            fail(root.entry("save")?.value, "no sé guardar «\(save)»; opciones: \(Self.saveKinds.joined(separator: ", ")).\(Self.suggestion(save, Self.saveKinds))")
        }
        let hidden = flag(root, "hidden") ?? false
        if !hidden && triggers.isEmpty {
            fail(root, "el flujo necesita al menos un disparador en «triggers»")
        }
        // Every declared name counts, even of a slot with other errors, so one mistake is reported once.
        let names = (root.entry("slots")?.value.sequence.map { Array($0) } ?? []).compactMap { $0.entry("name")?.value.string }
        for (key, extra) in [("confirm", [String]()), ("done", ["id", "numero", "resumen", "sugerencia"]), ("intro", []), ("resume", [])] {
            guard let node = root.entry(key)?.value, let t = node.string else { continue }
            for p in Template.placeholders(in: t) where !names.contains(p) && !extra.contains(p) {
                fail(node, "la plantilla nombra «{\(p)}», que no es un slot de este flujo.\(Self.suggestion(p, names + extra))")
            }
        }
        for (slot, node) in zip(slots, slotNodes) {
            if let c = slot.condition, !names.contains(c) {
                fail(node.entry("when")?.value, "la condición nombra «\(c)», que no es un slot de este flujo.\(Self.suggestion(c, names))")
            }
            for rule in slot.rules {
                if case .after(let other) = rule, !names.contains(other) {
                    fail(node.entry("rules")?.value, "la regla after nombra «\(other)», que no es un slot.\(Self.suggestion(other, names))")
                }
            }
        }
        var seen = Set<String>()
        for (slot, node) in zip(slots, slotNodes) where !seen.insert(slot.name).inserted {
            fail(node, "el slot «\(slot.name)» está repetido")
        }
        guard let id, let title, let done else { return nil }
        return FlowDefinition(id: id, title: title, triggers: triggers, intro: optionalString(root, "intro"),
                              resume: optionalString(root, "resume"), slots: slots, confirm: confirm, save: save,
                              done: done, hidden: hidden, inMenu: flag(root, "menu") ?? !hidden)
    }

    mutating func parseSlots(_ root: Node) -> [SlotDefinition] {
        guard let node = root.entry("slots")?.value else {
            fail(root, "falta la lista «slots»")
            return []
        }
        guard let seq = node.sequence else {
            fail(node, "«slots» debe ser una lista")
            return []
        }
        return seq.compactMap { parseSlot($0) }
    }

    mutating func parseSlot(_ node: Node) -> SlotDefinition? {
        guard node.mapping != nil else {
            fail(node, "cada slot debe tener name, type y ask")
            return nil
        }
        checkKeys(node, allowed: Self.slotKeys, what: "clave de slot")
        guard let name = requiredString(node, "name"), let typeName = requiredString(node, "type"),
              let ask = requiredString(node, "ask") else { return nil }
        guard let type = SlotType(rawValue: typeName) else {
            fail(node.entry("type")?.value, "tipo de slot desconocido «\(typeName)».\(Self.suggestion(typeName, SlotType.allCases.map(\.rawValue)))")
            return nil
        }
        let choices = parseChoices(node)
        if type == .choice && choices.isEmpty {
            fail(node, "el slot «\(name)» es de tipo choice pero no tiene «choices»")
        }
        return SlotDefinition(
            name: name, type: type, ask: ask, help: optionalString(node, "help"), example: optionalString(node, "example"),
            label: optionalString(node, "label"), aliases: stringList(node, "aliases"),
            optional: flag(node, "optional") ?? false, defaultValue: optionalString(node, "default"),
            condition: optionalString(node, "when"), conditionValue: optionalString(node, "equals"),
            isList: flag(node, "list") ?? false, more: optionalString(node, "more"),
            fromRequest: flag(node, "from_request") ?? true, rules: parseRules(node), choices: choices)
    }

    mutating func parseRules(_ node: Node) -> [SlotRule] {
        guard let list = node.entry("rules")?.value else { return [] }
        guard let seq = list.sequence else {
            fail(list, "«rules» debe ser una lista, por ejemplo [not_past]")
            return []
        }
        var rules: [SlotRule] = []
        for item in seq {
            if let s = item.string, item.mapping == nil {
                if s == "not_past" { rules.append(.notPast) } else if s == "future" { rules.append(.future) } else {
                    fail(item, "regla desconocida «\(s)».\(Self.suggestion(s, SlotRule.names))")
                }
            } else if let m = item.mapping, m.count == 1, let (k, v) = m.first, let key = k.string {
                switch key {
                case "after":
                    if let s = v.string { rules.append(.after(s)) } else { fail(v, "after necesita el nombre de un slot") }
                case "min", "max":
                    if let d = v.string.flatMap(Double.init) {
                        rules.append(key == "min" ? .min(d) : .max(d))
                    } else { fail(v, "\(key) necesita un número") }
                case "holds":
                    if let k = v.string.flatMap(TextKind.init(rawValue:)) { rules.append(.holds(k)) } else {
                        fail(v, "holds necesita una clase de texto: \(TextKind.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                case "max_items", "min_items":
                    if let n = v.string.flatMap({ Int($0) }), n > 0 {
                        rules.append(key == "max_items" ? .maxItems(n) : .minItems(n))
                    } else { fail(v, "\(key) necesita un número entero positivo") }
                default:
                    fail(k, "regla desconocida «\(key)».\(Self.suggestion(key, SlotRule.names))")
                }
            } else {
                fail(item, "regla inválida")
            }
        }
        return rules
    }

    mutating func parseChoices(_ node: Node) -> [Choice] {
        guard let list = node.entry("choices")?.value else { return [] }
        guard let seq = list.sequence else {
            fail(list, "«choices» debe ser una lista")
            return []
        }
        return seq.compactMap { item in
            if let s = item.string, item.mapping == nil { return Choice(value: s, label: s) }
            checkKeys(item, allowed: Self.choiceKeys, what: "clave de opción")
            guard let value = requiredString(item, "value") else { return nil }
            return Choice(value: value, label: optionalString(item, "label") ?? value, synonyms: stringList(item, "synonyms"))
        }
    }

    // MARK: - Helpers

    /// A yes/no key (`true`, `false`, `yes`, `no`); the YAML is read without implicit typing.
    mutating func flag(_ node: Node, _ key: String) -> Bool? {
        guard let value = node.entry(key)?.value, !value.isNull else { return nil }
        switch value.string?.lowercased() {
        case "true", "yes", "si", "sí", "on": return true
        case "false", "no", "off": return false
        default:
            fail(value, "«\(key)» debe ser true o false")
            return nil
        }
    }

    mutating func checkKeys(_ node: Node, allowed: [String], what: String) {
        for (k, _) in node.mapping ?? [:] {
            guard let key = k.string else { continue }
            if !allowed.contains(key) {
                fail(k, "\(what) desconocida «\(key)».\(Self.suggestion(key, allowed))")
            }
        }
    }

    mutating func requiredString(_ node: Node, _ key: String) -> String? {
        guard let entry = node.entry(key) else {
            fail(node, "falta «\(key)»")
            return nil
        }
        guard let s = entry.value.scalar?.string, !entry.value.isNull, !s.isEmpty else {
            fail(entry.value, "«\(key)» debe ser un texto")
            return nil
        }
        return s
    }

    mutating func optionalString(_ node: Node, _ key: String) -> String? {
        guard let entry = node.entry(key), !entry.value.isNull else { return nil }
        guard let s = entry.value.scalar?.string else {
            fail(entry.value, "«\(key)» debe ser un texto")
            return nil
        }
        return s
    }

    mutating func stringList(_ node: Node, _ key: String) -> [String] {
        guard let entry = node.entry(key), !entry.value.isNull else { return [] }
        guard let seq = entry.value.sequence else {
            fail(entry.value, "«\(key)» debe ser una lista, por ejemplo [uno, dos]")
            return []
        }
        return seq.compactMap { item in
            guard let s = item.scalar?.string else {
                fail(item, "cada elemento de «\(key)» debe ser un texto")
                return nil
            }
            return s
        }
    }
}
