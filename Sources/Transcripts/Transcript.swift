import YAMLSupport

/// A golden conversation, one per file in `transcripts/`, readable by a facilitator:
///
///     # acuerdo con corrección de plazo
///     @now 2026-11-25T10:00 America/Santiago
///     @user Ana Pérez
///     @network Red Valdivia Norte | rme | Valdivia | Los Ríos
///     < (Minga's opening lines)
///     > quiero registrar un acuerdo
///     < Vamos a registrar un acuerdo.
///     @restart
///     @expect acuerdos A-1 plazo=2026-12-15 responsables=[Ana Pérez]
///
/// `>` is what the user types, `<` each line Minga prints (plain mode), `@restart` simulates a
/// killed process (a new session from the store), `@as NAME` switches user, `@advance ISO`
/// moves the clock, `@expect` checks the export of the store (a key may be a dotted path into
/// lists: `ocurrencias.2026-12-02.asistentes=[…]`), `@edit FILE OLD => NEW` edits a
/// dialog file in a private copy of the dialogs folder (the running chat reloads it).
public struct Transcript: Hashable, Sendable {
    public enum Step: Hashable, Sendable {
        case input(String)
        case output(String)
        case restart
        case switchUser(String)
        case advance(String)
        case expect(Expectation)
        /// `@edit acuerdo.yaml OLD => NEW`: edit a dialog file mid-conversation (hot reload).
        case edit(file: String, old: String, new: String, source: String, line: Int)
    }

    /// `@expect <collection> [<id>] key=value…` against the JSON export of the first network.
    public struct Expectation: Hashable, Sendable {
        public var collection: String
        public var id: String?
        public var fields: [(String, String)]
        public var line: Int
        public var source: String

        public static func == (a: Expectation, b: Expectation) -> Bool { a.source == b.source && a.line == b.line }
        public func hash(into h: inout Hasher) { h.combine(source); h.combine(line) }
    }

    public var title: String
    public var now: String
    public var timeZone: String
    public var user: String
    /// `name | tipo | territorio | región`, created before the conversation starts.
    public var network: [String]?
    /// `name | rol | establecimiento`, created before the conversation starts.
    public var members: [[String]]
    public var steps: [Step]
    /// The original lines, for diffs.
    public var lines: [String]

    public init(title: String = "", now: String, timeZone: String = "America/Santiago", user: String,
                network: [String]? = nil, members: [[String]] = [], steps: [Step] = [], lines: [String] = []) {
        self.title = title
        self.now = now
        self.timeZone = timeZone
        self.user = user
        self.network = network
        self.members = members
        self.steps = steps
        self.lines = lines
    }
}

public struct TranscriptError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int
    public var message: String
    public var description: String { "\(file):\(line): \(message)" }
}

extension Transcript {
    /// Parses a transcript file's text. `defaultNow` and `defaultTimeZone` (`minga replay --now
    /// --tz`) stand in for a missing `@now` and for a `@now` without a zone.
    public static func parse(_ text: String, file: String = "transcript", defaultNow: String? = nil,
                             defaultTimeZone: String = "America/Santiago") throws -> Transcript {
        var t = Transcript(now: "", timeZone: defaultTimeZone, user: "")
        // A transcript saved on Windows (CR LF, BOM) reads line by line like any other.
        t.lines = HandEditedText.normalized(text).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if t.lines.last == "" { t.lines.removeLast() }
        for (index, line) in t.lines.enumerated() {
            let n = index + 1
            if line.hasPrefix("> ") || line == ">" {
                t.steps.append(.input(String(line.dropFirst(2))))
            } else if line.hasPrefix("< ") || line == "<" {
                t.steps.append(.output(String(line.dropFirst(2))))
            } else if line.hasPrefix("#") {
                if t.title.isEmpty { t.title = line.drop { $0 == "#" || $0 == " " }.description }
            } else if line.hasPrefix("@") {
                let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
                let arg = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
                switch parts[0] {
                case "@now":
                    // The clock is set once, before the conversation; later it moves with @advance.
                    guard t.steps.isEmpty, t.now.isEmpty else {
                        throw TranscriptError(file: file, line: n, message: "«@now» va una sola vez, al principio; para mover el reloj usa «@advance AAAA-MM-DDTHH:MM»")
                    }
                    let a = arg.split(separator: " ").map(String.init)
                    t.now = a.first ?? ""
                    if a.count > 1 { t.timeZone = a[1] }
                case "@user": t.user = arg
                case "@network": t.network = arg.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                case "@member": t.members.append(arg.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) })
                case "@restart": t.steps.append(.restart)
                case "@as": t.steps.append(.switchUser(arg))
                case "@advance": t.steps.append(.advance(arg))
                case "@expect": t.steps.append(.expect(try parseExpectation(arg, line: n, file: file)))
                case "@edit":
                    let parts = arg.split(separator: " ", maxSplits: 1).map(String.init)
                    let change = parts.count == 2 ? parts[1].components(separatedBy: " => ") : []
                    guard change.count == 2 else {
                        throw TranscriptError(file: file, line: n, message: "@edit necesita «ARCHIVO TEXTO => NUEVO TEXTO»")
                    }
                    if let problem = editTargetProblem(parts[0]) {
                        throw TranscriptError(file: file, line: n, message: problem)
                    }
                    t.steps.append(.edit(file: parts[0], old: change[0], new: change[1], source: arg, line: n))
                default: throw TranscriptError(file: file, line: n, message: "directiva desconocida «\(parts[0])»")
                }
            } else if !line.trimmingCharacters(in: .whitespaces).isEmpty {
                throw TranscriptError(file: file, line: n, message: "línea sin prefijo (usa «> », «< », «@» o «#»)")
            }
        }
        if t.now.isEmpty, let defaultNow { t.now = defaultNow }
        guard !t.now.isEmpty else { throw TranscriptError(file: file, line: 1, message: "falta «@now AAAA-MM-DDTHH:MM»") }
        if t.user.isEmpty { t.user = "Ana Pérez" }
        return t
    }

    /// Why `@edit` may not touch `name`, if it may not: it names a dialog file inside the
    /// transcript's private copy of `dialogs/`, never an absolute path or one climbing out with
    /// `..` (the runner also resolves symbolic links before writing).
    static func editTargetProblem(_ name: String) -> String? {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        if name.hasPrefix("/") || name.hasPrefix("~") || parts.contains("..") || name.utf8.contains(0) || name.isEmpty {
            return "@edit solo puede cambiar un archivo de la copia de la carpeta de diálogos (por ejemplo «acuerdo.yaml»), no «\(name)»"
        }
        return nil
    }

    /// `acuerdos A-1 plazo=2026-12-15 responsables=[Ana Pérez] texto="dos palabras"`
    static func parseExpectation(_ arg: String, line: Int, file: String) throws -> Expectation {
        var words: [String] = []
        var current = ""
        var quote = false
        var bracket = 0
        for ch in arg {
            if ch == "\"" { quote.toggle(); continue }
            if ch == "[" { bracket += 1 } else if ch == "]" { bracket -= 1 }
            if ch == " " && !quote && bracket == 0 {
                if !current.isEmpty { words.append(current); current = "" }
            } else {
                current.append(ch)
            }
        }
        if !current.isEmpty { words.append(current) }
        guard let collection = words.first else {
            throw TranscriptError(file: file, line: line, message: "@expect necesita una colección (acuerdos, red…)")
        }
        var id: String?
        var fields: [(String, String)] = []
        for w in words.dropFirst() {
            if let eq = w.firstIndex(of: "=") {
                fields.append((String(w[..<eq]), String(w[w.index(after: eq)...])))
            } else if id == nil {
                id = w
            } else {
                throw TranscriptError(file: file, line: line, message: "no entiendo «\(w)» en @expect")
            }
        }
        return Expectation(collection: collection, id: id, fields: fields, line: line, source: arg)
    }
}
