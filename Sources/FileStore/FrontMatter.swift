import CivilTime
typealias LocalDateValue = LocalDate
import Foundation
import YAMLSupport
import Yams

/// A Markdown file with YAML front matter: the fields are the record (Spanish keys, as in the
/// export), the body is a readable rendering for people. Only the front matter is read back.
struct FrontMatter {
    var fields: [(String, Node)]
    var body: String

    // MARK: Writing

    /// User text is always double-quoted, so quotes, colons, line breaks, "---" and emoji stay
    /// valid YAML and read back exactly.
    static func text(_ s: String?) -> Node {
        guard let s else { return null }
        return .scalar(.init(s, implicit, .doubleQuoted))
    }

    /// Generated values (ids, dates, states) written bare; quoted if YAML would read them as
    /// something else (a network named "null" or "sí").
    static func plain(_ s: String?) -> Node {
        guard let s else { return null }
        return .scalar(.init(s, implicit, isSpecial(s) ? .doubleQuoted : .plain))
    }

    private static let specialWords: Set<String> = ["null", "~", "true", "false", "yes", "no", "on", "off", "y", "n"]

    /// A value YAML would read as something else than its text: empty, a null or boolean word,
    /// a number. Cheap checks first (this runs for every generated field of every save): no
    /// such word is longer than five bytes, and a number starts with a digit, a sign, a point,
    /// or the «i»/«n» of «inf»/«nan», never with another letter (ids, states, names).
    static func isSpecial(_ s: String) -> Bool {
        guard let first = s.utf8.first else { return true }
        if s.utf8.count <= 5 && specialWords.contains(s.lowercased()) { return true }
        let lower = first | 0x20
        if lower >= 0x61 && lower <= 0x7A && lower != 0x69 && lower != 0x6E { return false }
        return Double(s) != nil
    }

    static var null: Node { .scalar(.init("null", implicit, .plain)) }

    static func list(_ items: [Node]) -> Node {
        .sequence(.init(items, implicit, items.isEmpty ? .flow : .block))
    }

    static func map(_ pairs: [(String, Node)]) -> Node {
        .mapping(.init(pairs.map { (Node.scalar(.init($0.0, implicit, .plain)), $0.1) }, implicit, .block))
    }

    /// The tag of every node a record is written with: what `Tag.implicit` makes (Yams' default
    /// resolver and constructor), without building the constructor's three dictionaries of
    /// closures for each node: `Constructor.default` is a computed property, and that was most
    /// of encoding a record. A new `Tag` each time all the same: Yams writes a
    /// record it is given by resolving its nodes' tags in place, so nodes must not share one.
    /// The constructor is immutable (three `let` maps), so one can serve every thread.
    static var implicit: Tag { Tag(.implicit, .default, sharedConstructor) }
    nonisolated(unsafe) private static let sharedConstructor = Constructor.default

    func render() throws -> String {
        String(decoding: try renderBytes(), as: UTF8.self)
    }

    /// The whole file as bytes: what a save writes (made into a `String` only for callers that
    /// want one; validating the UTF-8 again cost a save as much as emitting its fields).
    func renderBytes() throws -> [UInt8] {
        // The whole file in one byte array (no concatenated copies).
        var out: [UInt8] = []
        out.reserveCapacity(640 + body.utf8.count)
        out.append(contentsOf: "---\n".utf8)
        if FrontMatterEmitter.write(fields, into: &out) {
            #if DEBUG
            // Every record the tests write checks the fast writer against Yams.
            let yaml = String(decoding: out[4...], as: UTF8.self)
            let slow = try Yams.serialize(node: FrontMatter.map(fields), width: -1, allowUnicode: true)
            assert(yaml == slow, "FrontMatterEmitter differs from Yams:\n\(yaml)\n---\n\(slow)")
            #endif
            out.append(contentsOf: "---\n".utf8)
            out.append(contentsOf: body.utf8)
            return out
        }
        let yaml = try Yams.serialize(node: FrontMatter.map(fields), width: -1, allowUnicode: true)
        return Array(("---\n" + yaml + "---\n" + body).utf8)
    }

    // MARK: Reading

    /// Splits `text` into its front matter node; errors carry the file's own line numbers.
    /// A file saved with CR LF line endings or a BOM reads the same as a Unix one.
    /// `fast` reads the YAML Minga writes with `FastYAML` first (Yams for anything else).
    static func parse(_ text: String, path: String, fast: Bool = false) throws -> Node {
        let lines = HandEditedText.normalized(text).split(separator: "\n", omittingEmptySubsequences: false)
        // "---" with spaces or tabs around it; checked on bytes (this runs for every record read).
        func isMarker(_ line: Substring) -> Bool {
            guard line.utf8.count < 64, line.utf8.contains(0x2D) else { return false }
            var core = line.drop { $0 == " " || $0 == "\t" }
            while let last = core.last, last == " " || last == "\t" { core = core.dropLast() }
            return core == "---"
        }
        guard lines.first.map(isMarker) == true else {
            throw StoreError.brokenFile(path: path, line: 1, message: "falta la línea «---» que abre los datos")
        }
        guard let close = lines.indices.dropFirst().first(where: { isMarker(lines[$0]) }) else {
            throw StoreError.brokenFile(path: path, line: lines.count, message: "falta la línea «---» que cierra los datos")
        }
        if fast, let node = FastYAML.parse(lines[1..<close]) { return node }
        let yaml = lines[1..<close].joined(separator: "\n")
        switch YAMLProblem.compose(yaml, lineOffset: 1) {
        case .failure(let p):
            throw StoreError.brokenFile(path: path, line: p.line,
                                        message: "el YAML no es válido cerca de la columna \(p.column) (revisa comillas, corchetes, dos puntos y sangría)")
        case .success(let node?) where node.mapping != nil:
            return node
        case .success:
            throw StoreError.brokenFile(path: path, line: 2, message: "los datos deben ser pares «clave: valor»")
        }
    }
}

/// Typed, located reads of a front matter mapping.
struct FieldReader {
    let node: Node
    let path: String

    /// The front matter starts on the file's second line.
    static let lineOffset = 1

    func fail(_ at: Node?, _ message: String) -> StoreError {
        .brokenFile(path: path, line: (at ?? node).line + FieldReader.lineOffset, message: message)
    }

    func string(_ key: String) throws -> String {
        guard let v = try optionalString(key) else { throw fail(node.entry(key)?.value, "falta «\(key)»") }
        return v
    }

    func optionalString(_ key: String) throws -> String? {
        guard let entry = node.entry(key), !entry.value.isNull else { return nil }
        guard let s = entry.value.scalar?.string else { throw fail(entry.value, "«\(key)» debe ser un texto") }
        return s
    }

    /// A list of texts; a single text is read as a one-item list (people edit by hand).
    func list(_ key: String) throws -> [String] {
        guard let entry = node.entry(key), !entry.value.isNull else { return [] }
        if let s = entry.value.scalar?.string { return s.isEmpty ? [] : [s] }
        guard let seq = entry.value.sequence else { throw fail(entry.value, "«\(key)» debe ser una lista") }
        return try seq.map { item in
            guard let s = item.scalar?.string else { throw fail(item, "cada elemento de «\(key)» debe ser un texto") }
            return s
        }
    }

    func date(_ key: String) throws -> LocalDateValue? {
        guard let s = try optionalString(key) else { return nil }
        guard let d = LocalDateValue(iso: s.trimmingCharacters(in: .whitespaces)) else {
            throw fail(node.entry(key)?.value, "«\(key)» debe ser una fecha AAAA-MM-DD (por ejemplo 2026-12-15), no «\(s)»")
        }
        return d
    }

    func bool(_ key: String) -> Bool {
        node.entry(key)?.value.bool ?? false
    }
}
