import Foundation

/// A record file as text: its front matter cut into one block per top-level key (the key's line
/// and the lines that continue it), and the body. Merges and descriptions compare blocks as
/// text: Minga writes a value always the same way, so equal values are equal text.
struct RecordText: Equatable {
    struct Block: Equatable {
        var key: String
        /// Every line of the block, the `key:` line first, without their new lines.
        var lines: [String]
    }

    var blocks: [Block]
    var body: String

    /// Nil when the text has no front matter (a file broken by hand, or not a record).
    init?(_ text: String) {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        var lines = normalized.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---" else { return nil }
        lines.removeFirst()
        guard let close = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" }) else { return nil }
        var blocks: [Block] = []
        for line in lines[..<close] {
            if let key = Self.key(of: line) {
                blocks.append(Block(key: key, lines: [line]))
            } else if !blocks.isEmpty {
                blocks[blocks.count - 1].lines.append(line)
            } else if !line.trimmingCharacters(in: .whitespaces).isEmpty {
                return nil
            }
        }
        self.blocks = blocks
        body = lines[(close + 1)...].joined(separator: "\n")
    }

    init(blocks: [Block], body: String) {
        self.blocks = blocks
        self.body = body
    }

    /// `plazo` in `plazo: 2026-12-15`: a line at column 0 that starts a key.
    static func key(of line: String) -> String? {
        guard let first = line.unicodeScalars.first, CharacterSet.letters.contains(first) || first == "_" else { return nil }
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let key = line[..<colon]
        guard key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        let rest = line[line.index(after: colon)...]
        return rest.isEmpty || rest.first == " " ? String(key) : nil
    }

    var text: String {
        "---\n" + blocks.flatMap(\.lines).joined(separator: "\n") + "\n---\n" + body
    }

    func block(_ key: String) -> Block? { blocks.first { $0.key == key } }

    /// The value of a one-line key, unquoted (`"Marcela"` → `Marcela`); nil for null or a list.
    func scalar(_ key: String) -> String? {
        guard let b = block(key), b.lines.count == 1 else { return nil }
        return Self.unquote(String(b.lines[0].dropFirst(key.count + 1)).trimmingCharacters(in: .whitespaces))
    }

    /// The items of a list key (`- "Ana"` lines), unquoted.
    func list(_ key: String) -> [String] {
        guard let b = block(key) else { return [] }
        if b.lines.count == 1 { return scalar(key).map { [$0] } ?? [] }
        return b.lines.dropFirst().compactMap { line in
            let t = line.trimmingCharacters(in: .whitespaces)
            return t.hasPrefix("- ") && !line.hasPrefix("  ") ? Self.unquote(String(t.dropFirst(2))) : nil
        }
    }

    static func unquote(_ s: String) -> String? {
        if s.isEmpty || s == "null" || s == "~" || s == "[]" { return nil }
        if s.hasPrefix("\""), s.hasSuffix("\""), s.count >= 2,
           let data = s.data(using: .utf8), let v = try? JSONDecoder().decode(String.self, from: data) {
            return v
        }
        if s.hasPrefix("\""), s.hasSuffix("\""), s.count >= 2 { return String(s.dropFirst().dropLast()) }
        return s
    }
}
