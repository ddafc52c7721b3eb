import Yams

/// Writes a record's front matter byte for byte as `Yams.serialize` (libyaml, block style, no
/// line width, Unicode allowed) writes it, without libyaml: Yams resolves every scalar's tag with
/// regular expressions, which made writing a record a fifth of a save. Only the shapes and
/// characters Minga's records use are written here; for anything else (a control character, a
/// plain value libyaml would quote, an empty mapping…) it returns nil and Yams writes the record.
/// Debug builds compare every result with Yams (`FrontMatter.render`).
enum FrontMatterEmitter {
    static func render(_ fields: [(String, Node)]) -> String? {
        var out = ""
        out.reserveCapacity(512)
        guard mapping(fields.lazy.map { ($0.0, $0.1) }, indent: 0, inline: false, into: &out) else { return nil }
        return out
    }

    /// A block mapping at `indent`; `inline`: its first key follows a sequence's «- ».
    private static func mapping<C: Collection>(_ pairs: C, indent: Int, inline: Bool, into out: inout String) -> Bool
    where C.Element == (String, Node) {
        guard !pairs.isEmpty else { return false }
        for (i, (key, value)) in pairs.enumerated() {
            guard isPlainSafe(key), key.utf8.count < 100 else { return false }
            if i > 0 || !inline { spaces(indent, &out) }
            out += key
            out += ":"
            switch value {
            case .scalar(let s):
                out += " "
                guard scalar(s, into: &out) else { return false }
                out += "\n"
            case .sequence(let items):
                guard untagged(items.tag, Tag.Name.seq) else { return false }
                if items.isEmpty {
                    out += " []\n"
                } else {
                    out += "\n"
                    // libyaml writes a sequence inside a mapping at the mapping's own indent.
                    guard sequence(items, indent: indent, into: &out) else { return false }
                }
            case .mapping(let inner):
                guard untagged(inner.tag, Tag.Name.map) else { return false }
                out += "\n"
                var pairs: [(String, Node)] = []
                for (k, v) in inner {
                    guard case .scalar(let ks) = k, ks.style == .plain || ks.style == .any else { return false }
                    pairs.append((ks.string, v))
                }
                guard mapping(pairs, indent: indent + 2, inline: false, into: &out) else { return false }
            case .alias:
                return false
            }
        }
        return true
    }

    private static func sequence(_ items: Node.Sequence, indent: Int, into out: inout String) -> Bool {
        for item in items {
            spaces(indent, &out)
            out += "- "
            switch item {
            case .scalar(let s):
                guard scalar(s, into: &out) else { return false }
                out += "\n"
            case .mapping(let inner):
                guard untagged(inner.tag, Tag.Name.map) else { return false }
                var pairs: [(String, Node)] = []
                for (k, v) in inner {
                    guard case .scalar(let ks) = k, ks.style == .plain || ks.style == .any else { return false }
                    pairs.append((ks.string, v))
                }
                guard mapping(pairs, indent: indent + 2, inline: true, into: &out) else { return false }
            case .sequence, .alias:
                return false
            }
        }
        return true
    }

    private static func scalar(_ s: Node.Scalar, into out: inout String) -> Bool {
        guard untagged(s.tag, Tag.Name.implicit), s.anchor == nil else { return false }
        switch s.style {
        case .plain:
            guard isPlainSafe(s.string) else { return false }
            out += s.string
            return true
        case .doubleQuoted:
            return doubleQuoted(s.string, into: &out)
        default:
            return false
        }
    }

    /// Values libyaml keeps plain for sure: a letter or digit first, then letters, digits and
    /// `-._:+/` (no space, so never «: » nor « #»), not ending in «:».
    static func isPlainSafe(_ s: String) -> Bool {
        let utf8 = s.utf8
        guard let first = utf8.first, isAlnum(first), utf8.last != 0x3A else { return false }
        for b in utf8 where !(isAlnum(b) || b == 0x2D || b == 0x2E || b == 0x5F || b == 0x3A || b == 0x2B || b == 0x2F) {
            return false
        }
        return true
    }

    private static func isAlnum(_ b: UInt8) -> Bool {
        (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b)
    }

    /// libyaml's double-quoted style: `"` and `\` and the usual controls escaped; characters it
    /// would write as `\x…`/`\u…`/`\U…` (controls, and everything beyond U+FFFF, emoji included) or treat
    /// as line breaks (U+0085, U+2028, U+2029) are left to it.
    /// Plain runs go in whole (`String` of a scalar slice, one copy): appended to
    /// `out.unicodeScalars` one scalar at a time they cost ~18k instructions per value, a tenth
    /// of an agreement's save.
    private static func doubleQuoted(_ s: String, into out: inout String) -> Bool {
        out += "\""
        let scalars = s.unicodeScalars
        var start = scalars.startIndex
        var i = start
        while i < scalars.endIndex {
            let v = scalars[i].value
            let escape: String?
            switch v {
            case 0x22: escape = "\\\""
            case 0x5C: escape = "\\\\"
            case 0x0A: escape = "\\n"
            case 0x09: escape = "\\t"
            case 0x0D: escape = "\\r"
            case 0x20...0x7E, 0xA0...0x2027, 0x202A...0xD7FF, 0xE000...0xFEFE, 0xFF00...0xFFFD: escape = nil
            default: return false
            }
            if let escape {
                if start < i { out += String(scalars[start..<i]) }
                out += escape
                start = scalars.index(after: i)
            }
            i = scalars.index(after: i)
        }
        if start < scalars.endIndex { out += String(scalars[start..<scalars.endIndex]) }
        out += "\""
        return true
    }

    /// No tag of its own: implicit, or its kind's default tag.
    private static func untagged(_ tag: Tag, _ kind: Tag.Name) -> Bool {
        tag.rawValue.isEmpty || tag.rawValue == kind.rawValue
    }

    private static func spaces(_ n: Int, _ out: inout String) {
        for _ in 0..<n { out += " " }
    }
}
