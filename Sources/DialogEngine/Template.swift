import CivilTime
import Understanding

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
    public static func render(_ text: String, flow: FlowDefinition?, values: SlotValues,
                              extra: [String: String] = [:], today: LocalDate) -> String {
        // Below U+0300 every scalar is a character of its own (but CR+LF, copied alike): the
        // braces are found on bytes and the text between them copied in runs.
        guard TextFold.containsByte(text, where: { $0 >= 0xCC }) else { return renderBytes(text, flow: flow, values: values, extra: extra, today: today) }
        var out = ""
        var current: String?
        for ch in text {
            if ch == "{" { current = "" } else if ch == "}", let name = current {
                out += filling(name, flow: flow, values: values, extra: extra, today: today)
                current = nil
            } else if current != nil { current!.append(ch) } else { out.append(ch) }
        }
        if let c = current { out += "{" + c }
        return out
    }

    /// What one `{name}` becomes: an extra first, then the slot's value, else "sin dato".
    private static func filling(_ name: String, flow: FlowDefinition?, values: SlotValues,
                                extra: [String: String], today: LocalDate) -> String {
        if let e = extra[name] { return e }
        if let v = values[name] { return v.display(today: today, choices: flow?.slot(named: name)?.choices ?? []) }
        return "sin dato"
    }

    /// `render` for text whose braces are bytes: the same output, without walking characters.
    private static func renderBytes(_ text: String, flow: FlowDefinition?, values: SlotValues,
                                    extra: [String: String], today: LocalDate) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 32)
        let u = text.utf8
        // The braces found on the bytes in place (stepping a `UTF8View` index byte by byte was
        // most of this function): only the text between them is cut as substrings.
        if let done = u.withContiguousStorageIfAvailable({ bytes -> String in
            func at(_ k: Int) -> String.Index { u.index(u.startIndex, offsetBy: k) }
            var literal = 0
            var name: Int?
            for k in 0..<bytes.count {
                let b = bytes[k]
                if b == UInt8(ascii: "{") {
                    if name == nil { out.append(contentsOf: text[at(literal)..<at(k)]) }
                    name = k + 1
                } else if b == UInt8(ascii: "}"), let start = name {
                    out += filling(String(text[at(start)..<at(k)]), flow: flow, values: values, extra: extra, today: today)
                    name = nil
                    literal = k + 1
                }
            }
            if let start = name { out += "{"; out.append(contentsOf: text[at(start)...]) } else { out.append(contentsOf: text[at(literal)...]) }
            return out
        }) {
            return done
        }
        var literal = u.startIndex
        var name: String.Index?
        var i = u.startIndex
        while i != u.endIndex {
            let b = u[i]
            if b == UInt8(ascii: "{") {
                // A second brace drops the unfinished name, as `render` does.
                if name == nil { out.append(contentsOf: text[literal..<i]) }
                name = u.index(after: i)
            } else if b == UInt8(ascii: "}"), let start = name {
                let key = String(text[start..<i])
                if let e = extra[key] {
                    out += e
                } else if let v = values[key] {
                    out += v.display(today: today, choices: flow?.slot(named: key)?.choices ?? [])
                } else {
                    out += "sin dato"
                }
                name = nil
                literal = u.index(after: i)
            }
            i = u.index(after: i)
        }
        if let start = name { out += "{"; out.append(contentsOf: text[start...]) } else { out.append(contentsOf: text[literal...]) }
        return out
    }
}
