import DialogEngine
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The dialogs as this executable last compiled them, kept in a cache file so a process starting
/// on unchanged dialogs decodes one file instead of parsing 31 YAML documents (the YAML parse
/// and its validation were a third of `minga chat`'s start-up).
///
/// A cache and nothing more: an entry is used only when it was written by this very executable
/// (its size, modification time and inode) from the very same texts (a hash of every file's name
/// and bytes); anything else (a missing, truncated, foreign or stale file) is read past, the
/// YAML is parsed as always and the entry rewritten. Only dialogs that load without errors are
/// kept, so a broken edit is reported every time. Each executable has its own entry for a set of
/// files (two builds run on the same `dialogs/`, a debug and a release one, kept replacing each
/// other's, so each start of the other one parsed the YAML again); the oldest of a set's entries
/// beyond `entriesKept` are removed when one is written.
public enum CompiledFlows {
    private static let magic = Array("minga-dialogos\n".utf8)
    /// Bumped when the layout below changes.
    static let layout = 3
    /// Entries kept per set of files (one per executable that loaded them lately).
    static let entriesKept = 4

    /// `$XDG_CACHE_HOME/minga`, else `~/.cache/minga`; nil without either.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let x = environment["XDG_CACHE_HOME"], x.hasPrefix("/") { return URL(fileURLWithPath: x).appendingPathComponent("minga") }
        if let h = environment["HOME"], h.hasPrefix("/") { return URL(fileURLWithPath: h).appendingPathComponent(".cache/minga") }
        return nil
    }

    /// The flows of `sources`: from the cache in `directory` when it holds them, else loaded
    /// (and validated) by `FlowLoader` and written there for the next process.
    public static func load(sources: [(file: String, text: String)], cache directory: URL?) throws(FlowFileErrors) -> [FlowDefinition] {
        guard let directory, let executable = executableStamp() else { return try FlowLoader.load(sources: sources) }
        let key = key(sources, executable: executable)
        // One entry per set of files (the built-in dialogs, or a folder) and executable: an edit
        // replaces it, another build has its own.
        var place = ""
        if let first = sources.first?.file, let slash = first.lastIndex(of: "/") { place = String(first[..<slash]) }
        let prefix = "dialogos-\(String(hash(Array(place.utf8)), radix: 16))-"
        let name = prefix + String(hash(executable), radix: 16) + ".bin"
        let path = directory.appendingPathComponent(name).path
        if let bytes = readFile(path), let flows = decode(bytes, key: key) { return flows }
        let flows = try FlowLoader.load(sources: sources)
        write(encode(flows, key: key), to: path, directory: directory)
        prune(directory.path, prefix: prefix, keeping: name)
        return flows
    }

    // MARK: Key

    /// The executable's size, modification time and inode: a rebuilt binary may compile the
    /// same texts differently.
    static func executableStamp() -> [UInt8]? {
        var st = stat()
        guard stat("/proc/self/exe", &st) == 0 else { return nil }
        var w = Writer()
        w.int(Int(st.st_size))
        w.int(Int(st.st_mtim.tv_sec))
        w.int(Int(st.st_mtim.tv_nsec))
        w.int(Int(st.st_ino))
        return w.bytes
    }

    static func key(_ sources: [(file: String, text: String)], executable: [UInt8]) -> UInt64 {
        var h = hash(executable, seed: hash([UInt8(layout)]))
        for (file, text) in sources {
            var name = file
            var body = text
            h = name.withUTF8 { hash($0, seed: h) } &* 31 &+ 1
            h = body.withUTF8 { hash($0, seed: h) } &* 31 &+ 2
        }
        return h
    }

    /// FNV-1a, 64 bits.
    static func hash<C: Collection>(_ bytes: C, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 where C.Element == UInt8 {
        var h = seed
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    // MARK: Encoding

    static func encode(_ flows: [FlowDefinition], key: UInt64) -> [UInt8] {
        var w = Writer()
        w.bytes += magic
        w.int(Int(bitPattern: UInt(key)))
        w.int(flows.count)
        for f in flows {
            w.string(f.id)
            w.string(f.title)
            w.strings(f.triggers)
            w.optional(f.intro)
            w.optional(f.resume)
            w.int(f.slots.count)
            for s in f.slots { slot(s, &w) }
            w.optional(f.confirm)
            w.optional(f.save)
            w.string(f.done)
            w.bool(f.hidden)
            w.bool(f.inMenu)
        }
        w.int(Int(bitPattern: UInt(hash(w.bytes))))
        return w.bytes
    }

    private static func slot(_ s: SlotDefinition, _ w: inout Writer) {
        w.string(s.name)
        w.string(s.type.rawValue)
        w.string(s.ask)
        w.optional(s.help)
        w.optional(s.example)
        w.string(s.label)
        w.strings(s.aliases)
        w.bool(s.optional)
        w.optional(s.defaultValue)
        w.optional(s.condition)
        w.optional(s.conditionValue)
        w.bool(s.isList)
        w.optional(s.more)
        w.bool(s.fromRequest)
        w.int(s.rules.count)
        for r in s.rules {
            switch r {
            case .notPast: w.int(0)
            case .future: w.int(1)
            case .after(let other): w.int(2); w.string(other)
            case .min(let d): w.int(3); w.int(Int(bitPattern: UInt(d.bitPattern)))
            case .max(let d): w.int(4); w.int(Int(bitPattern: UInt(d.bitPattern)))
            case .maxItems(let n): w.int(5); w.int(n)
            case .minItems(let n): w.int(6); w.int(n)
            case .holds(let kind): w.int(7); w.string(kind.rawValue)
            }
        }
        w.int(s.choices.count)
        for c in s.choices {
            w.string(c.value)
            w.string(c.label)
            w.strings(c.synonyms)
        }
        // What the slot's initialiser works out from the fields above: kept, not worked out again.
        let d = s.derived
        w.lists(d.nameForms)
        w.strings(d.headStems)
        w.int(Int(bitPattern: UInt(d.headStemLengths)))
        for forms in d.choiceForms { w.lists(forms) }
    }

    /// Nil unless `bytes` is a whole entry for `key`.
    static func decode(_ bytes: [UInt8], key: UInt64) -> [FlowDefinition]? {
        guard bytes.count > magic.count + 16, bytes.starts(with: magic) else { return nil }
        let body = bytes.count - 8
        return bytes.withUnsafeBufferPointer { all -> [FlowDefinition]? in
            var tail = Reader(all, at: body)
            guard let sum = tail.int(), UInt64(UInt(bitPattern: sum)) == hash(all[0..<body]) else { return nil }
            var r = Reader(UnsafeBufferPointer(rebasing: all[0..<body]), at: magic.count)
            guard let k = r.int(), UInt64(UInt(bitPattern: k)) == key, let n = r.int() else { return nil }
            var flows: [FlowDefinition] = []
            flows.reserveCapacity(n)
            for _ in 0..<n {
                guard let id = r.string(), let title = r.string(), let triggers = r.strings(), let intro = r.optional(),
                      let resume = r.optional(), let count = r.int() else { return nil }
                var slots: [SlotDefinition] = []
                for _ in 0..<count {
                    guard let s = slot(&r) else { return nil }
                    slots.append(s)
                }
                guard let confirm = r.optional(), let save = r.optional(), let done = r.string(),
                      let hidden = r.bool(), let inMenu = r.bool() else { return nil }
                flows.append(FlowDefinition(id: id, title: title, triggers: triggers, intro: intro, resume: resume, slots: slots,
                                            confirm: confirm, save: save, done: done, hidden: hidden, inMenu: inMenu))
            }
            return r.atEnd ? flows : nil
        }
    }

    private static func slot(_ r: inout Reader) -> SlotDefinition? {
        guard let name = r.string(), let type = r.string().flatMap(SlotType.init(rawValue:)), let ask = r.string(),
              let help = r.optional(), let example = r.optional(), let label = r.string(), let aliases = r.strings(),
              let optional = r.bool(), let defaultValue = r.optional(), let condition = r.optional(),
              let conditionValue = r.optional(), let isList = r.bool(), let more = r.optional(), let fromRequest = r.bool(),
              let ruleCount = r.int() else { return nil }
        var rules: [SlotRule] = []
        for _ in 0..<ruleCount {
            switch r.int() {
            case 0: rules.append(.notPast)
            case 1: rules.append(.future)
            case 2: guard let s = r.string() else { return nil }; rules.append(.after(s))
            case 3: guard let d = r.int() else { return nil }; rules.append(.min(Double(bitPattern: UInt64(UInt(bitPattern: d)))))
            case 4: guard let d = r.int() else { return nil }; rules.append(.max(Double(bitPattern: UInt64(UInt(bitPattern: d)))))
            case 5: guard let n = r.int() else { return nil }; rules.append(.maxItems(n))
            case 6: guard let n = r.int() else { return nil }; rules.append(.minItems(n))
            case 7: guard let k = r.string().flatMap(TextKind.init(rawValue:)) else { return nil }; rules.append(.holds(k))
            default: return nil
            }
        }
        guard let choiceCount = r.int() else { return nil }
        var choices: [Choice] = []
        for _ in 0..<choiceCount {
            guard let value = r.string(), let label = r.string(), let synonyms = r.strings() else { return nil }
            choices.append(Choice(value: value, label: label, synonyms: synonyms))
        }
        guard let nameForms = r.lists(), let headStems = r.strings(), let lengths = r.int() else { return nil }
        var choiceForms: [[[String]]] = []
        choiceForms.reserveCapacity(choices.count)
        for _ in choices {
            guard let forms = r.lists() else { return nil }
            choiceForms.append(forms)
        }
        let derived = SlotDefinition.Derived(nameForms: nameForms, headStems: headStems,
                                             headStemLengths: UInt64(UInt(bitPattern: lengths)), choiceForms: choiceForms)
        // Optional values come back as `String??`: `.some(nil)` is a value that was absent.
        return SlotDefinition(name: name, type: type, ask: ask, help: help, example: example, label: label,
                              aliases: aliases, optional: optional, defaultValue: defaultValue, condition: condition,
                              conditionValue: conditionValue, isList: isList, more: more, fromRequest: fromRequest,
                              rules: rules, choices: choices, derived: derived)
    }

    // MARK: Files

    private static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_size > 0, st.st_size < 16 << 20 else { return nil }
        let size = Int(st.st_size)
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + done, size - done) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return nil }
            done += n
        }
        return bytes
    }

    /// Removes the oldest entries named `prefix…` (one set of files, other executables) beyond
    /// `entriesKept`, never `keeping` (just written): every rebuild of Minga leaves an entry.
    private static func prune(_ directory: String, prefix: String, keeping: String) {
        guard let dir = opendir(directory) else { return }
        var entries: [(name: String, modified: Int)] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name.hasPrefix(prefix), name.hasSuffix(".bin"), name != keeping else { continue }
            var st = stat()
            if stat(directory + "/" + name, &st) == 0 { entries.append((name, Int(st.st_mtim.tv_sec))) }
        }
        closedir(dir)
        guard entries.count >= entriesKept else { return }
        for old in entries.sorted(by: { $0.modified > $1.modified }).dropFirst(entriesKept - 1) {
            unlink(directory + "/" + old.name)
        }
    }

    /// Temporary file and rename, never fsync'd: a lost or torn entry is only read past.
    private static func write(_ bytes: [UInt8], to path: String, directory: URL) {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = path + ".\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        let ok = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) } == bytes.count
        close(fd)
        if !ok || rename(temporary, path) != 0 { unlink(temporary) }
    }

    // MARK: Bytes

    struct Writer {
        var bytes: [UInt8] = []

        mutating func int(_ v: Int) {
            var u = UInt64(UInt(bitPattern: v))
            for _ in 0..<8 {
                bytes.append(UInt8(truncatingIfNeeded: u))
                u >>= 8
            }
        }

        mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }

        mutating func string(_ s: String) {
            int(s.utf8.count)
            bytes += s.utf8
        }

        mutating func optional(_ s: String?) {
            bool(s != nil)
            if let s { string(s) }
        }

        mutating func strings(_ list: [String]) {
            int(list.count)
            for s in list { string(s) }
        }

        mutating func lists(_ lists: [[String]]) {
            int(lists.count)
            for list in lists { strings(list) }
        }
    }

    struct Reader {
        let buffer: UnsafeBufferPointer<UInt8>
        var at: Int

        init(_ buffer: UnsafeBufferPointer<UInt8>, at: Int) {
            self.buffer = buffer
            self.at = at
        }

        var atEnd: Bool { at == buffer.count }

        mutating func int() -> Int? {
            guard buffer.count - at >= 8 else { return nil }
            var u: UInt64 = 0
            for i in (0..<8).reversed() { u = u << 8 | UInt64(buffer[at + i]) }
            at += 8
            return Int(bitPattern: UInt(u))
        }

        mutating func bool() -> Bool? {
            guard at < buffer.count, buffer[at] <= 1 else { return nil }
            at += 1
            return buffer[at - 1] == 1
        }

        mutating func string() -> String? {
            guard let n = int(), n >= 0, buffer.count - at >= n else { return nil }
            let s = String(decoding: UnsafeBufferPointer(rebasing: buffer[at..<at + n]), as: UTF8.self)
            at += n
            return s
        }

        /// `.some(nil)` for an absent value, nil when the bytes are broken.
        mutating func optional() -> String?? {
            guard let present = bool() else { return nil }
            guard present else { return .some(nil) }
            guard let s = string() else { return nil }
            return .some(s)
        }

        mutating func strings() -> [String]? {
            guard let n = int(), n >= 0, n <= buffer.count else { return nil }
            var out: [String] = []
            out.reserveCapacity(n)
            for _ in 0..<n {
                guard let s = string() else { return nil }
                out.append(s)
            }
            return out
        }

        mutating func lists() -> [[String]]? {
            guard let n = int(), n >= 0, n <= buffer.count else { return nil }
            var out: [[String]] = []
            out.reserveCapacity(n)
            for _ in 0..<n {
                guard let list = strings() else { return nil }
                out.append(list)
            }
            return out
        }
    }
}
