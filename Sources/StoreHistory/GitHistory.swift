import FileStore
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A store under git: every confirmed change becomes a commit by the member who made it.
///
/// Writes are already durable when a reply confirms them (the store's own fsync); the history
/// follows behind: `recorded` queues the change (and appends it to a journal inside `.git`), and
/// a flush every few hundred milliseconds (and at `close()`) turns the queue into commits with
/// one `git fast-import`, whatever its length. A crash loses no record, only the queue in memory:
/// the next start commits what the journal names, with its authors, and then anything else left
/// uncommitted (hand edits) as Minga's.
public final class GitHistory: ChangeRecorder, @unchecked Sendable {
    // @unchecked: mutable state lives in `queue` (a Mutex); the rest is immutable.
    public let root: URL
    let git: Git
    public let branch: String
    let now: @Sendable () -> Date
    let timeZone: TimeZone

    struct Entry {
        var path: String
        var contents: Data?
        var before: Data?
        var note: ChangeNote
        var group: UInt64
        var time: Date
    }

    private struct Queue {
        var entries: [Entry] = []
        /// A hash of what was last committed per path: a save repeated after a retry writes
        /// the same bytes again, and makes no empty commit.
        var committed: [String: UInt64] = [:]
        var stopped = false
    }
    private let queue = Mutex(Queue())
    private let wake = NSCondition()
    private var flusher: Thread?

    /// `<store>/.git/minga/`: the journal, the history lock, the marker of a sync in progress.
    var stateDir: URL { root.appendingPathComponent(".git/minga") }
    var journal: URL { stateDir.appendingPathComponent("pendientes.jsonl") }
    var journalInFlight: URL { stateDir.appendingPathComponent("pendientes-en-curso.jsonl") }
    var lockPath: String { stateDir.appendingPathComponent("historial.lock").path }

    /// What git must never keep: conversations, save markers, the lock, temporary files.
    public static let ignored = """
    # Minga: esto no es parte de la memoria de la red (conversaciones, marcas de guardado,
    # el candado, los archivos temporales y los índices, que se rehacen solos).
    /sesiones/
    .claves/
    /.lock
    /quien-escribe
    .tmp-*
    .indice

    """

    public static func isRepository(_ root: URL) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(".git").path)
    }

    /// Puts a store (new or existing) under git: `.gitignore`, and a first commit of what is there.
    /// Returns false when it already was.
    @discardableResult
    public static func enable(at root: URL, now: Date = Date()) throws -> Bool {
        guard Git.isInstalled else { throw HistoryError("Para llevar el historial necesito git. Instálalo con: sudo apt-get install -y git") }
        let existed = isRepository(root)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let git = Git(directory: root, environment: identity(.minga, at: now))
        if !existed { try git.run(["init", "-q", "-b", "main"]) }
        try writeIgnore(root)
        try git.run(["add", "-A"])
        if !git.succeeds(["diff", "--cached", "--quiet"]) || !git.succeeds(["rev-parse", "-q", "--verify", "HEAD"]) {
            try git.run(["commit", "-q", "--allow-empty", "-m", existed ? "Archivos del almacén agregados al historial" : "Historial del almacén iniciado"])
        }
        return !existed
    }

    /// A new store that starts as a copy of `remote` (another school's store, or the shared one).
    public static func clone(from remote: String, to root: URL) throws {
        guard Git.isInstalled else { throw HistoryError("Para sincronizar necesito git. Instálalo con: sudo apt-get install -y git") }
        let parent = root.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        try Git(directory: parent).run(["-c", "init.defaultBranch=main", "clone", "-q", remote, root.path])
        try enable(at: root)
    }

    static func writeIgnore(_ root: URL) throws {
        let url = root.appendingPathComponent(".gitignore")
        let current = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        if current.contains("/sesiones/") {
            // A store put under git before the index existed: only that line is missing.
            guard !current.split(separator: "\n").contains(".indice") else { return }
            try Data((current + (current.hasSuffix("\n") ? "" : "\n") + ".indice\n").utf8).write(to: url, options: .atomic)
            return
        }
        try Data(((current.isEmpty ? "" : current + "\n") + ignored).utf8).write(to: url, options: .atomic)
    }

    /// Author and committer for git commands that commit by themselves.
    static func identity(_ a: ChangeAuthor, at date: Date) -> [String: String] {
        let stamp = "@\(Int(date.timeIntervalSince1970)) +0000"
        return ["GIT_AUTHOR_NAME": a.name, "GIT_AUTHOR_EMAIL": a.email, "GIT_AUTHOR_DATE": stamp,
                "GIT_COMMITTER_NAME": "Minga", "GIT_COMMITTER_EMAIL": "minga@minga", "GIT_COMMITTER_DATE": stamp]
    }

    /// Opens the history of a store already under git: finishes a sync that was cut off, commits
    /// what the last run left queued, and starts flushing every `interval` (nil: only on `flush()`).
    public init(root: URL, interval: Duration? = .milliseconds(300), timeZone: TimeZone = TimeZone(identifier: "America/Santiago")!,
                now: @escaping @Sendable () -> Date = { Date() }) throws {
        guard Self.isRepository(root) else { throw HistoryError("El almacén \(root.path) no lleva historial (usa «minga init --git»).") }
        self.root = root
        self.now = now
        self.timeZone = timeZone
        git = Git(directory: root, environment: Self.identity(.minga, at: now()))
        branch = (try? git.text(["symbolic-ref", "--short", "HEAD"])) ?? "main"
        try FileManager.default.createDirectory(at: stateDir, withIntermediateDirectories: true)
        try Self.writeIgnore(root)
        try Flock.with(lockPath) {
            try SyncRecovery.finish(history: self)
            try replayJournal()
        }
        try commitWorkingTree(message: "Cambios hechos fuera de Minga")
        if let interval {
            let seconds = Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
            let t = Thread { [weak self] in
                while let me = self {
                    me.wake.lock()
                    _ = me.wake.wait(until: Date().addingTimeInterval(seconds))
                    me.wake.unlock()
                    if me.queue.withLock({ $0.stopped }) { return }
                    try? me.flush()
                }
            }
            t.name = "minga-historial"
            flusher = t
            t.start()
        }
    }

    deinit { queue.withLock { $0.stopped = true } }

    // MARK: The queue

    public func recorded(path: String, before: Data?, note: ChangeNote, group: UInt64) {
        let contents = FileManager.default.contents(atPath: root.appendingPathComponent(path).path)
        let entry = Entry(path: path, contents: contents, before: before, note: note, group: group, time: now())
        let line = JournalLine(path: path, name: note.author.name, email: note.author.email, message: note.message,
                               group: group, time: entry.time.timeIntervalSince1970)
        queue.withLock { q in
            q.entries.append(entry)
            // Not fsync'd: it only has to survive the process (the record itself is durable).
            if var data = try? JSONEncoder().encode(line) {
                data.append(0x0A)
                Self.append(data, to: journal.path)
            }
        }
    }

    /// How many changes wait for their commit.
    public var pending: Int { queue.withLock { $0.entries.count } }

    /// Commits everything queued so far (one `git fast-import` for the whole batch).
    public func flush() throws {
        try Flock.with(lockPath) {
            let taken: [Entry] = queue.withLock { q in
                let e = q.entries
                q.entries = []
                if !e.isEmpty { rename(journal.path, journalInFlight.path) }
                return e
            }
            guard !taken.isEmpty else { return }
            let fresh = queue.withLock { q in
                taken.filter { e in
                    let h = e.contents.map(Self.digest) ?? 0
                    if q.committed[e.path] == h { return false }
                    q.committed[e.path] = h
                    return true
                }
            }
            do {
                try importCommits(fresh)
            } catch {
                // Nothing lost: the journal names them, and the next start commits them.
                queue.withLock { q in
                    for e in fresh { q.committed[e.path] = nil }
                }
                throw error
            }
            unlink(journalInFlight.path)
        }
    }

    /// Stops the periodic flush and commits what is left.
    public func close() {
        queue.withLock { $0.stopped = true }
        wake.lock()
        wake.broadcast()
        wake.unlock()
        try? flush()
    }

    // MARK: Committing

    /// One commit per save (its writes share a group), in order, on top of the branch.
    func importCommits(_ entries: [Entry]) throws {
        guard !entries.isEmpty else { return }
        var groups: [[Entry]] = []
        for e in entries {
            if let last = groups.last?.last, last.group == e.group, last.note.author == e.note.author {
                groups[groups.count - 1].append(e)
            } else {
                groups.append([e])
            }
        }
        let head = try? git.text(["rev-parse", "-q", "--verify", "refs/heads/\(branch)"])
        var stream = Data()
        for (i, group) in groups.enumerated() {
            let messages = group.map { e -> String in
                if let m = e.note.message { return m }
                let text = { (d: Data?) in d.map { String(decoding: $0, as: UTF8.self) } }
                return ChangeDescription.describe(path: e.path, before: text(e.before), after: text(e.contents)).message
            }
            var seen = Set<String>()
            let message = messages.filter { seen.insert($0).inserted }.joined(separator: "; ")
            stream.append(Self.commitHeader(ref: "refs/heads/\(branch)", author: group[0].note.author, time: group[0].time,
                                            message: message, from: i == 0 ? head : nil))
            for e in group {
                if let contents = e.contents {
                    stream.append(Data("M 100644 inline \(e.path)\ndata \(contents.count)\n".utf8))
                    stream.append(contents)
                    stream.append(0x0A)
                } else {
                    stream.append(Data("D \(e.path)\n".utf8))
                }
            }
            stream.append(0x0A)
        }
        try git.run(["fast-import", "--quiet", "--date-format=raw"], input: stream)
    }

    /// The header of one commit in a `git fast-import` stream.
    static func commitHeader(ref: String, author: ChangeAuthor, time: Date, message: String, from: String?,
                             merge: String? = nil) -> Data {
        let who = "\(clean(author.name)) <\(clean(author.email))> \(Int(time.timeIntervalSince1970)) +0000"
        let msg = Data((message + "\n").utf8)
        var s = "commit \(ref)\nauthor \(who)\ncommitter Minga <minga@minga> \(Int(time.timeIntervalSince1970)) +0000\ndata \(msg.count)\n"
        var d = Data(s.utf8)
        d.append(msg)
        s = ""
        if let from { s += "from \(from)\n" }
        if let merge { s += "merge \(merge)\n" }
        d.append(Data(s.utf8))
        return d
    }

    static func clean(_ s: String) -> String {
        String(s.filter { $0 != "<" && $0 != ">" && $0 != "\n" && $0 != "\r" })
    }

    /// Commits whatever differs from the last commit and git does not ignore (files edited by
    /// hand, or left by a run that died before its flush), as Minga's.
    @discardableResult
    public func commitWorkingTree(message: String) throws -> Bool {
        try Flock.with(lockPath) {
            let g = Git(directory: root, environment: Self.identity(.minga, at: now()))
            try g.run(["add", "-A"])
            let hasHead = g.succeeds(["rev-parse", "-q", "--verify", "HEAD"])
            guard !hasHead || !g.succeeds(["diff", "--cached", "--quiet"]) else { return false }
            let names = try g.text(["diff", "--cached", "--name-only"] + (hasHead ? [] : ["--root"]))
                .split(separator: "\n").compactMap { RecordPath(String($0))?.id }
            let detail = names.isEmpty ? "" : ": " + names.prefix(6).joined(separator: ", ") + (names.count > 6 ? "…" : "")
            try g.run(["commit", "-q", "-m", message + detail])
            return true
        }
    }

    // MARK: Journal

    struct JournalLine: Codable {
        var path: String
        var name: String
        var email: String
        var message: String?
        var group: UInt64
        var time: Double
    }

    /// Commits, with their authors, the changes a run queued and never committed (killed).
    private func replayJournal() throws {
        var entries: [Entry] = []
        for url in [journalInFlight, journal] {
            guard let data = FileManager.default.contents(atPath: url.path) else { continue }
            for line in data.split(separator: 0x0A) {
                guard let j = try? JSONDecoder().decode(JournalLine.self, from: Data(line)) else { continue }
                entries.append(Entry(path: j.path, contents: nil, before: nil, note: ChangeNote(author: ChangeAuthor(name: j.name, email: j.email), message: j.message),
                                     group: j.group, time: Date(timeIntervalSince1970: j.time)))
            }
        }
        guard !entries.isEmpty else { return }
        // The files hold their latest version: it goes with the last change to each of them.
        var last: [String: Int] = [:]
        for (i, e) in entries.enumerated() { last[e.path] = i }
        let kept = entries.enumerated().filter { last[$0.element.path] == $0.offset }.map { pair -> Entry in
            var e = pair.element
            e.contents = FileManager.default.contents(atPath: root.appendingPathComponent(e.path).path)
            e.before = try? git.run(["cat-file", "blob", "HEAD:\(e.path)"])
            return e
        }
        try importCommits(kept)
        unlink(journalInFlight.path)
        unlink(journal.path)
    }

    /// FNV-1a over every byte (Data's own hash looks at a prefix only, which records share).
    static func digest(_ data: Data) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for b in data { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return h
    }

    static func append(_ data: Data, to path: String) {
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        data.withUnsafeBytes { raw in _ = Glibc.write(fd, raw.baseAddress!, raw.count) }
        Glibc.close(fd)
    }
}
