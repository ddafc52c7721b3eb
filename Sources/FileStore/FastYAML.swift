import Yams

/// A reader for the YAML Minga itself writes (block mappings and sequences, plain and
/// double-quoted scalars, `[]`, `{}`), about ten times faster than the full parser: a network of
/// 10,000 agreements is read whole when a process first needs it, and libyaml's parse and tag
/// resolution were most of that time. Anything outside that subset — comments, single quotes,
/// flow collections, anchors, block or multi-line scalars, tabs — returns nil and the caller
/// falls back to Yams, so hand-edited files read exactly as before. Its nodes carry no line
/// marks: a record that fails to decode is parsed again by Yams for a located message.
enum FastYAML {
    /// One tag for every node: `Tag.implicit` allocates a new object per call (a tenth of reading
    /// a large network). Safe to share: nothing Minga does with these nodes changes a tag.
    /// With the basic resolver: `Tag.implicit` brings Yams' default one, whose first use compiles
    /// its regular expressions with ICU (~9 M instructions, on every start-up, for the network's
    /// `red.md`). Nothing read from these nodes resolves a tag: text, `bool` and `int` read the
    /// scalar itself.
    nonisolated(unsafe) static let implicit = Tag(.implicit, .basic)

    /// The mapping in `lines` (the text between the «---» lines), or nil to let Yams read it.
    static func parse(_ lines: ArraySlice<Substring>) -> Node? {
        var reader = Reader(lines: lines.filter { !$0.allSatisfy { $0 == " " } }.map { Line($0) })
        guard !reader.lines.isEmpty else { return nil }
        guard let node = reader.block(indent: 0), reader.i == reader.lines.count, node.mapping != nil else { return nil }
        return node
    }

    struct Line {
        var indent: Int
        var text: Substring
        var tab: Bool

        init(_ raw: Substring) {
            let spaces = raw.prefix { $0 == " " }
            indent = spaces.count
            text = raw.dropFirst(indent)
            tab = text.first == "\t"
        }

        init(indent: Int, text: Substring) {
            self.indent = indent
            self.text = text
            tab = false
        }
    }

    struct Reader {
        var lines: [Line]
        var i = 0

        /// A mapping or a sequence starting at line `i`, whose lines sit at `indent`.
        mutating func block(indent: Int) -> Node? {
            guard i < lines.count, !lines[i].tab, lines[i].indent == indent else { return nil }
            return lines[i].text.hasPrefix("- ") || lines[i].text == "-" ? sequence(indent: indent) : mapping(indent: indent)
        }

        mutating func mapping(indent: Int) -> Node? {
            var pairs: [(Node, Node)] = []
            while i < lines.count, lines[i].indent == indent, !lines[i].text.hasPrefix("- ") {
                let text = lines[i].text
                guard let colon = text.firstIndex(of: ":") else { return nil }
                let key = text[..<colon]
                guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else { return nil }
                let rest = text[text.index(after: colon)...]
                guard rest.isEmpty || rest.first == " " else { return nil }
                let value = rest.drop { $0 == " " }
                i += 1
                let node: Node
                if value.isEmpty {
                    // A nested block: deeper, or a sequence at the same indentation (libyaml's style).
                    if i < lines.count, lines[i].indent > indent {
                        guard let nested = block(indent: lines[i].indent) else { return nil }
                        node = nested
                    } else if i < lines.count, lines[i].indent == indent, lines[i].text.hasPrefix("- ") {
                        guard let nested = sequence(indent: indent) else { return nil }
                        node = nested
                    } else {
                        node = .scalar(.init("", FastYAML.implicit, .plain))
                    }
                } else {
                    guard let scalar = Self.scalar(value) else { return nil }
                    node = scalar
                    // A deeper line after a scalar would continue it (a multi-line scalar).
                    if i < lines.count, lines[i].indent > indent { return nil }
                }
                pairs.append((.scalar(.init(String(key), FastYAML.implicit, .plain)), node))
            }
            if i < lines.count, lines[i].indent > indent { return nil }
            return .mapping(.init(pairs, FastYAML.implicit, .block))
        }

        mutating func sequence(indent: Int) -> Node? {
            var items: [Node] = []
            while i < lines.count, lines[i].indent == indent, lines[i].text.hasPrefix("- ") || lines[i].text == "-" {
                let rest = lines[i].text.dropFirst(1).drop { $0 == " " }
                let inner = indent + (lines[i].text.count - rest.count)
                if rest.isEmpty {
                    i += 1
                    guard i < lines.count, lines[i].indent > indent, let nested = block(indent: lines[i].indent) else { return nil }
                    items.append(nested)
                } else if Self.startsMapping(rest) {
                    // "- key: value": a mapping whose first line shares the dash's line.
                    lines[i] = Line(indent: inner, text: rest)
                    guard let nested = mapping(indent: inner) else { return nil }
                    items.append(nested)
                } else {
                    guard let scalar = Self.scalar(rest) else { return nil }
                    items.append(scalar)
                    i += 1
                    if i < lines.count, lines[i].indent > indent { return nil }
                }
            }
            if i < lines.count, lines[i].indent > indent { return nil }
            return .sequence(.init(items, FastYAML.implicit, .block))
        }

        static func startsMapping(_ text: Substring) -> Bool {
            guard let first = text.first, first != "\"", let colon = text.firstIndex(of: ":") else { return false }
            let after = text.index(after: colon)
            return (after == text.endIndex || text[after] == " ")
                && text[..<colon].allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        }

        /// A scalar on one line: plain, double-quoted, `[]`, `{}`; nil for anything else.
        static func scalar(_ raw: Substring) -> Node? {
            var text = raw
            while text.last == " " { text.removeLast() }
            guard let first = text.first else { return nil }
            if text == "[]" { return .sequence(.init([], FastYAML.implicit, .flow)) }
            if text == "{}" { return .mapping(.init([], FastYAML.implicit, .flow)) }
            if first == "\"" { return doubleQuoted(text).map { .scalar(.init($0, FastYAML.implicit, .doubleQuoted)) } }
            // Indicators that start something this reader doesn't follow.
            if "'[]{}&*!|>%@`#,?".contains(first) { return nil }
            if first == "-" && text.count > 1 && text[text.index(after: text.startIndex)] == " " { return nil }
            if text.contains(": ") || text.contains(" #") || text.hasSuffix(":") { return nil }
            return .scalar(.init(String(text), FastYAML.implicit, .plain))
        }

        /// The content of a double-quoted scalar that ends the line, escapes decoded.
        static func doubleQuoted(_ text: Substring) -> String? {
            var out = ""
            var it = text.unicodeScalars.dropFirst().makeIterator()
            while let c = it.next() {
                switch c {
                case "\"":
                    return it.next() == nil ? out : nil
                case "\\":
                    guard let e = it.next() else { return nil }
                    switch e {
                    case "\"": out.unicodeScalars.append("\"")
                    case "\\": out.unicodeScalars.append("\\")
                    case "/": out.unicodeScalars.append("/")
                    case "n": out.unicodeScalars.append("\n")
                    case "t", "\t": out.unicodeScalars.append("\t")
                    case "r": out.unicodeScalars.append("\r")
                    case "0": out.unicodeScalars.append("\u{0}")
                    case "a": out.unicodeScalars.append("\u{7}")
                    case "b": out.unicodeScalars.append("\u{8}")
                    case "e": out.unicodeScalars.append("\u{1B}")
                    case "f": out.unicodeScalars.append("\u{C}")
                    case "v": out.unicodeScalars.append("\u{B}")
                    case " ": out.unicodeScalars.append(" ")
                    case "N": out.unicodeScalars.append("\u{85}")
                    case "_": out.unicodeScalars.append("\u{A0}")
                    case "L": out.unicodeScalars.append("\u{2028}")
                    case "P": out.unicodeScalars.append("\u{2029}")
                    case "x", "u", "U":
                        let count = e == "x" ? 2 : e == "u" ? 4 : 8
                        var hex = ""
                        for _ in 0..<count {
                            guard let h = it.next() else { return nil }
                            hex.unicodeScalars.append(h)
                        }
                        guard let v = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(v) else { return nil }
                        out.unicodeScalars.append(scalar)
                    default:
                        return nil
                    }
                default:
                    out.unicodeScalars.append(c)
                }
            }
            return nil  // no closing quote on this line: a multi-line scalar
        }
    }
}
