import CivilTime

/// Fills `{slot}` placeholders in a dialog file's text.
public enum Template {
    /// Placeholders in `text`, in order ("{texto}" → "texto").
    public static func placeholders(in text: String) -> [String] {
        var names: [String] = []
        var current: String?
        for ch in text {
            if ch == "{" { current = "" } else if ch == "}" {
                if let c = current, !c.isEmpty { names.append(c) }
                current = nil
            } else if current != nil { current!.append(ch) }
        }
        return names
    }

    /// Renders `text` with `values`; extra values (like the saved record's `id`) come in `extra`.
    /// An absent optional value reads "sin dato".
    public static func render(_ text: String, flow: FlowDefinition?, values: [String: SlotValue],
                              extra: [String: String] = [:], today: LocalDate) -> String {
        var out = ""
        var current: String?
        for ch in text {
            if ch == "{" { current = "" } else if ch == "}", let name = current {
                if let e = extra[name] {
                    out += e
                } else if let v = values[name] {
                    out += v.display(today: today, choices: flow?.slot(named: name)?.choices ?? [])
                } else {
                    out += "sin dato"
                }
                current = nil
            } else if current != nil { current!.append(ch) } else { out.append(ch) }
        }
        if let c = current { out += "{" + c }
        return out
    }
}
