import Yams

/// Writes a record's front matter byte for byte as `Yams.serialize` (libyaml, block style, no
/// line width, Unicode allowed) writes it, without libyaml: Yams resolves every scalar's tag with
/// regular expressions, which made writing a record a fifth of a save. Only the shapes and
/// characters Minga's records use are written here; for anything else (a control character, a
/// plain value libyaml would quote, an empty mapping…) it returns nil and Yams writes the record.
/// Debug builds compare every result with Yams (`FrontMatter.render`).
///
/// It writes UTF-8 bytes, not a String: built with `String +=` (~340 instructions an append,
/// several appends a field) the text was ~53k of an agreement save's ~216k instructions.
enum FrontMatterEmitter {
    static func render(_ fields: [(String, Node)]) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        guard write(fields, into: &out) else { return nil }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the front matter of `fields` to `out`; false (with `out` partly written) when
    /// Yams must write it.
    static func write(_ fields: [(String, Node)], into out: inout [UInt8]) -> Bool {
        mapping(fields.lazy.map { ($0.0, $0.1) }, indent: 0, inline: false, into: &out)
    }

    /// A block mapping at `indent`; `inline`: its first key follows a sequence's «- ».
    private static func mapping<C: Collection>(_ pairs: C, indent: Int, inline: Bool, into out: inout [UInt8]) -> Bool
    where C.Element == (String, Node) {
        guard !pairs.isEmpty else { return false }
        for (i, (key, value)) in pairs.enumerated() {
            guard isPlainSafe(key), key.utf8.count < 100 else { return false }
            if i > 0 || !inline { spaces(indent, &out) }
            out.append(contentsOf: key.utf8)
            out.append(0x3A)
            switch value {
            case .scalar(let s):
                out.append(0x20)
                guard scalar(s, into: &out) else { return false }
                out.append(0x0A)
            case .sequence(let items):
                guard untagged(items.tag, Tag.Name.seq) else { return false }
                if items.isEmpty {
                    put(" []\n", &out)
                } else {
                    out.append(0x0A)
                    // libyaml writes a sequence inside a mapping at the mapping's own indent.
                    guard sequence(items, indent: indent, into: &out) else { return false }
                }
            case .mapping(let inner):
                guard untagged(inner.tag, Tag.Name.map) else { return false }
                out.append(0x0A)
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

    private static func sequence(_ items: Node.Sequence, indent: Int, into out: inout [UInt8]) -> Bool {
        for item in items {
            spaces(indent, &out)
            put("- ", &out)
            switch item {
            case .scalar(let s):
                guard scalar(s, into: &out) else { return false }
                out.append(0x0A)
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

    private static func scalar(_ s: Node.Scalar, into out: inout [UInt8]) -> Bool {
        guard untagged(s.tag, Tag.Name.implicit), s.anchor == nil else { return false }
        switch s.style {
        case .plain:
            guard isPlainSafe(s.string) else { return false }
            out.append(contentsOf: s.string.utf8)
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
    /// Works on the UTF-8 bytes (a native String's are valid UTF-8) and copies plain runs whole:
    /// appended one scalar at a time they cost ~18k instructions per value.
    private static func doubleQuoted(_ text: String, into out: inout [UInt8]) -> Bool {
        out.append(0x22)
        var text = text
        let ok = text.withUTF8 { bytes -> Bool in
            let n = bytes.count
            var start = 0
            var i = 0
            while i < n {
                let b = bytes[i]
                if b < 0x80 {
                    let escape: UInt8
                    switch b {
                    case 0x22: escape = 0x22
                    case 0x5C: escape = 0x5C
                    case 0x0A: escape = 0x6E
                    case 0x09: escape = 0x74
                    case 0x0D: escape = 0x72
                    case 0x20...0x7E:
                        i += 1
                        continue
                    default: return false
                    }
                    if start < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i])) }
                    out.append(0x5C)
                    out.append(escape)
                    i += 1
                    start = i
                    continue
                }
                // A multi-byte scalar: its value decides (valid UTF-8, so the lead byte gives the length).
                let v: UInt32
                let length: Int
                if b < 0xE0 {
                    v = UInt32(b & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                    length = 2
                } else if b < 0xF0 {
                    v = UInt32(b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                    length = 3
                } else {
                    return false
                }
                switch v {
                case 0xA0...0x2027, 0x202A...0xD7FF, 0xE000...0xFEFE, 0xFF00...0xFFFD: i += length
                default: return false
                }
            }
            if start < n { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<n])) }
            return true
        }
        guard ok else { return false }
        out.append(0x22)
        return true
    }

    /// No tag of its own: implicit, or its kind's default tag.
    private static func untagged(_ tag: Tag, _ kind: Tag.Name) -> Bool {
        tag.rawValue.isEmpty || tag.rawValue == kind.rawValue
    }

    private static func spaces(_ n: Int, _ out: inout [UInt8]) {
        for _ in 0..<n { out.append(0x20) }
    }

    private static func put(_ text: StaticString, _ out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }
}
