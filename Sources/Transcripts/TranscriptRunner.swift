import Assistant
import CivilTime
import Domain
import Export
import FileStore
import Foundation
import Logging
import PlainJSON

/// Replays a transcript against a fresh store and reports every difference.
public struct TranscriptRunner {
    public let flows: FlowSource

    public init(flows: FlowSource) {
        self.flows = flows
    }

    public struct Result: Sendable {
        public var file: String
        public var failures: [String]
        /// The transcript as it actually ran (for `minga replay --update`).
        public var actualText: String?
        public var passed: Bool { failures.isEmpty }

        public init(file: String, failures: [String], actualText: String? = nil) {
            self.file = file
            self.failures = failures
            self.actualText = actualText
        }
    }

    /// Runs `transcript` in a new temporary store (removed afterwards).
    public func run(_ transcript: Transcript, file: String) -> Result {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("minga-replay-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            let store = try FileStore(root: dir)
            return try run(transcript, file: file, store: store)
        } catch {
            return Result(file: file, failures: ["\(file): \(error)"])
        }
    }

    public func run(_ transcript: Transcript, file: String, store: any MingaStore) throws -> Result {
        guard let zone = TimeZone(identifier: transcript.timeZone) else {
            return Result(file: file, failures: ["\(file): zona horaria desconocida «\(transcript.timeZone)»"])
        }
        guard var now = CivilTime.Clock.parseNow(transcript.now, timeZone: zone) else {
            return Result(file: file, failures: ["\(file): @now inválido «\(transcript.now)»"])
        }
        try seed(transcript, store: store, today: LocalDate(now, in: zone))
        // A transcript that edits dialog files gets its own copy of the folder, reloaded at once.
        var flows = self.flows
        var dialogsCopy: URL?
        if transcript.steps.contains(where: { if case .edit = $0 { true } else { false } }), let dir = self.flows.directory {
            let copy = FileManager.default.temporaryDirectory.appendingPathComponent("minga-dialogs-\(UUID().uuidString)")
            try FileManager.default.copyItem(at: dir, to: copy)
            // Quiet: a rejected edit is part of the conversation being tested, not news for the log.
            flows = try FlowSource(directory: copy, logger: Logger(label: "minga.flows") { _ in SwiftLogNoOpLogHandler() },
                                   interval: .zero)
            dialogsCopy = copy
        }
        defer { if let dialogsCopy { try? FileManager.default.removeItem(at: dialogsCopy) } }
        var assistant = Assistant(store: store, flows: flows, clock: .fixed(now, timeZone: zone))
        var user = transcript.user
        var session = assistant.session(for: UserRef(id: user, name: user))
        var actual: [String] = []
        var failures: [String] = []
        var expectedOutputs: [String] = []
        var opened = false
        // The header (comments and set-up directives) is kept as written.
        var rendered = transcript.lines.prefix { line in
            !(line.hasPrefix("<") || line.hasPrefix(">") || ["@restart", "@as", "@advance", "@expect", "@edit"].contains { line.hasPrefix($0) })
        }.map { $0 }

        func emit(_ lines: [String]) {
            actual += lines
            rendered += lines.map { $0.isEmpty ? "<" : "< " + $0 }
        }

        func openIfNeeded() {
            if !opened {
                emit(session.open().plainLines)
                opened = true
            }
        }

        for step in transcript.steps {
            switch step {
            case .output(let line):
                openIfNeeded()
                expectedOutputs.append(line)
            case .input(let text):
                openIfNeeded()
                expectedOutputs.append("> " + text)
                actual.append("> " + text)
                rendered.append("> " + text)
                emit(session.handle(text).plainLines)
            case .restart:
                assistant = Assistant(store: store, flows: flows, clock: .fixed(now, timeZone: zone))
                session = assistant.session(for: UserRef(id: user, name: user))
                opened = false
                rendered.append("@restart")
            case .switchUser(let name):
                user = name
                session = assistant.session(for: UserRef(id: user, name: user))
                opened = false
                rendered.append("@as " + name)
            case .advance(let iso):
                guard let t = CivilTime.Clock.parseNow(iso, timeZone: zone) else {
                    failures.append("\(file): @advance inválido «\(iso)»")
                    continue
                }
                now = t
                rendered.append("@advance " + iso)
                assistant = Assistant(store: store, flows: flows, clock: .fixed(now, timeZone: zone))
                session = assistant.session(for: UserRef(id: user, name: user))
                opened = false
            case .edit(let name, let old, let new, let source, let line):
                rendered.append("@edit " + source)
                guard let dir = dialogsCopy else {
                    failures.append("\(file):\(line): @edit necesita una carpeta de diálogos")
                    continue
                }
                guard let url = Self.confined(name, in: dir) else {
                    failures.append("\(file):\(line): @edit solo puede cambiar un archivo de la copia de la carpeta de diálogos, no «\(name)»")
                    continue
                }
                guard let text = try? String(contentsOf: url, encoding: .utf8), text.contains(old) else {
                    failures.append("\(file):\(line): @edit no encontró «\(old)» en \(name)")
                    continue
                }
                try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
                flows.reloadIfChanged(force: true)
            case .expect(let e):
                rendered.append("@expect " + e.source)
                if let problem = check(e, store: store, today: LocalDate(now, in: zone)) {
                    failures.append("\(file):\(e.line): @expect \(e.source): \(problem)")
                }
            }
        }
        openIfNeeded()
        // Compare the conversation; the inputs are anchors in both.
        if expectedOutputs != actual {
            failures.insert(Self.diff(expected: expectedOutputs, actual: actual, file: file), at: 0)
        }
        return Result(file: file, failures: failures, actualText: rendered.joined(separator: "\n") + "\n")
    }

    /// `name` inside `dir` once `..` and symbolic links are resolved (a link in the copy may point
    /// anywhere), or nil when it would land outside: `@edit` only ever writes to its own copy.
    static func confined(_ name: String, in dir: URL) -> URL? {
        guard Transcript.editTargetProblem(name) == nil else { return nil }
        let base = dir.resolvingSymlinksInPath().standardizedFileURL.path
        let target = dir.appendingPathComponent(name).resolvingSymlinksInPath().standardizedFileURL
        guard target.path.hasPrefix(base + "/") else { return nil }
        return target
    }

    /// Creates the `@network` and `@member` records.
    func seed(_ t: Transcript, store: any MingaStore, today: LocalDate) throws {
        guard let n = t.network else { return }
        let kind = n.count > 1 ? Network.Kind(rawValue: n[1]) ?? .otra : .rme
        let network = try store.createNetwork(Network(id: "", name: n[0], kind: kind, territory: n.count > 2 ? n[2] : nil,
                                                      region: n.count > 3 ? n[3] : nil, created: today))
        for m in t.members {
            try store.saveMember(Member(id: "", name: m[0], role: m.count > 1 ? m[1] : nil,
                                        school: m.count > 2 ? m[2] : nil, since: today,
                                        strengths: m.count > 3 && !m[3].isEmpty ? m[3] : nil), network: network.id)
        }
    }

    /// Checks one `@expect` against the JSON export of the first network.
    func check(_ e: Transcript.Expectation, store: any MingaStore, today: LocalDate) -> String? {
        guard let doc = try? StoreExport.json(store, network: nil, today: today).value,
              let red = doc["redes"]?.arrayValue?.first else { return "no hay ninguna red en el almacén" }
        let records: [JSONValue]
        if e.collection == "red" {
            records = [red]
        } else {
            guard let list = red[e.collection]?.arrayValue else { return "la exportación no tiene «\(e.collection)»" }
            records = list
        }
        var fields = e.fields
        if let i = fields.firstIndex(where: { $0.0 == "count" }) {
            let want = fields.remove(at: i).1
            if String(records.count) != want { return "hay \(records.count) registros, se esperaban \(want)" }
        }
        if fields.isEmpty && e.id == nil { return nil }
        let record: JSONValue
        if let id = e.id {
            guard let r = records.first(where: { $0["id"]?.stringValue == id }) else { return "no existe «\(id)»" }
            record = r
        } else {
            guard let r = records.first else { return "no hay registros" }
            record = r
        }
        for (key, want) in fields {
            guard let value = Self.lookup(key, in: record) else { return "el registro no tiene «\(key)»" }
            let have = Self.describe(value)
            if have != want { return "\(key) es \(have), se esperaba \(want)" }
        }
        return nil
    }

    /// A key, or a dotted path into nested values: `ocurrencias.2026-12-02.asistentes` picks,
    /// in a list, the item at that position (0, 1…) or whose `fecha` or `id` is that segment.
    static func lookup(_ path: String, in record: JSONValue) -> JSONValue? {
        if let direct = record[path] { return direct }
        var value = record
        for segment in path.split(separator: ".").map(String.init) {
            if let items = value.arrayValue {
                if let i = Int(segment), items.indices.contains(i) {
                    value = items[i]
                } else if let hit = items.first(where: { $0["fecha"]?.stringValue == segment || $0["id"]?.stringValue == segment }) {
                    value = hit
                } else {
                    return nil
                }
            } else if let next = value[segment] {
                value = next
            } else {
                return nil
            }
        }
        return value
    }

    /// How a JSON value is written in an `@expect`: strings bare, lists as `[a, b]`.
    static func describe(_ v: JSONValue) -> String {
        switch v {
        case .null: "null"
        case .string(let s): s
        case .array(let items): "[" + items.map(describe).joined(separator: ", ") + "]"
        default: v.rendered()
        }
    }

    /// A readable diff: the first differing line with context.
    static func diff(expected: [String], actual: [String], file: String) -> String {
        let first = zip(expected, actual).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(expected.count, actual.count)
        var out = "\(file): la conversación no coincide (línea de diálogo \(first + 1)):\n"
        let from = max(0, first - 3)
        for i in from..<first where i < expected.count { out += "    \(expected[i])\n" }
        for i in first..<min(expected.count, first + 4) { out += "  - \(expected[i])\n" }
        for i in first..<min(actual.count, first + 4) { out += "  + \(actual[i])\n" }
        return out
    }
}
