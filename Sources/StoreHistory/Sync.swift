import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a sync did, for its Spanish summary.
public struct SyncReport: Sendable {
    public var remote: String
    /// Files the remote's changes brought here.
    public var received = 0
    public var pushed = false
    public var renumbered: [(network: String, from: String, to: String)] = []
    public var conflicts: [ConflictFile] = []

    public var summary: [String] {
        var lines: [String] = []
        lines.append(received == 0 ? "No llegó nada nuevo de \(remote)." : "Llegaron cambios de \(remote) (\(received) \(received == 1 ? "archivo" : "archivos")).")
        if pushed { lines.append("Tus cambios quedaron en \(remote).") }
        for r in renumbered {
            lines.append("El \(r.from) de \(r.network) que se creó aquí pasó a ser el \(r.to): el otro lugar ya usaba ese número. Sus referencias lo siguen.")
        }
        if !conflicts.isEmpty {
            lines.append(conflicts.count == 1 ? "Hay 1 conflicto por resolver:" : "Hay \(conflicts.count) conflictos por resolver:")
            lines += conflicts.map { "  · " + $0.summary }
            lines.append("Míralos con «minga conflictos».")
        }
        return lines
    }
}

/// Where a test stops a sync as a kill -9 would (none in production).
public struct SyncFaults: Sendable {
    /// After applying this many files to the store: throw, leaving everything as it is.
    public var stopAfterApplying: Int?
    /// The same, dying with SIGKILL (for a child process): `MINGA_SYNC_KILL_AFTER=<n>`.
    public var killAfterApplying: Int?

    public init(stopAfterApplying: Int? = nil, killAfterApplying: Int? = nil) {
        self.stopAfterApplying = stopAfterApplying
        self.killAfterApplying = killAfterApplying
    }

    public static var fromEnvironment: SyncFaults {
        SyncFaults(killAfterApplying: ProcessInfo.processInfo.environment["MINGA_SYNC_KILL_AFTER"].flatMap(Int.init))
    }
}

struct SyncInterrupted: Error, CustomStringConvertible {
    var description: String { "sincronización interrumpida (prueba)" }
}

extension GitHistory {
    /// The remote this store syncs with (git's `origin`).
    public var remote: String? {
        (try? git.text(["remote", "get-url", "origin"])).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Sets the remote once; later syncs use it.
    public func setRemote(_ url: String) throws {
        if let current = remote {
            if current != url { try git.run(["remote", "set-url", "origin", url]) }
        } else {
            try git.run(["remote", "add", "origin", url])
        }
    }

    /// Exchanges changes with the remote (a path to a bare repository, or an ssh URL): brings
    /// theirs, merges (renumbering ids created on both sides, field by field, conflicts kept
    /// apart), applies the result to the store's files under the store's lock, and sends ours.
    /// Killed at any point, the store stays readable and a rerun (or the next start) finishes.
    public func sync(remote url: String? = nil, faults: SyncFaults = .fromEnvironment) throws -> SyncReport {
        if let url { try setRemote(url) }
        guard let remote else {
            throw HistoryError("Este almacén todavía no tiene con quién sincronizar. La primera vez indica el remoto: «minga sync /ruta/al/remoto.git» o «minga sync usuario@servidor:redes.git».")
        }
        var report = SyncReport(remote: remote)
        try flush()
        try Flock.with(lockPath) { try SyncRecovery.finish(history: self) }
        for _ in 0..<5 {
            let fetched = try git.launch(["fetch", "-q", "origin", "+refs/heads/\(branch):refs/minga/remoto"], input: nil)
            var theirs: String?
            if fetched.status == 0 {
                theirs = try git.text(["rev-parse", "refs/minga/remoto"])
            } else {
                let said = String(decoding: fetched.error, as: UTF8.self)
                guard said.contains("couldn't find remote ref") else {
                    throw HistoryError("No pude traer los cambios de \(remote): \(GitError(arguments: ["fetch"], status: fetched.status, message: said).description). Revisa la dirección y la conexión, y vuelve a intentarlo.")
                }
            }
            try commitWorkingTree(message: "Cambios hechos fuera de Minga")
            let ours = try git.text(["rev-parse", "refs/heads/\(branch)"])
            var result = ours
            if let theirs, theirs != ours, !git.succeeds(["merge-base", "--is-ancestor", theirs, ours]) {
                let base = try? git.text(["merge-base", ours, theirs])
                if base == ours {
                    result = theirs
                } else {
                    let merged = try Merger(git: git, now: now()).merge(base: base, ours: ours, theirs: theirs, remoteName: remote)
                    result = merged.commit
                    report.renumbered += merged.renumbered.map { ($0.network, $0.from, $0.to) }
                    report.conflicts += merged.conflicts
                }
                let applied = try Flock.with(lockPath) { () -> Int? in
                    try Flock.with(root.appendingPathComponent(".lock").path) { () -> Int? in
                        // A write that landed meanwhile (another process's queue, a hand edit) first
                        // goes into ours, and the merge is computed again with it.
                        try commitWorkingTreeLocked(message: "Cambios hechos fuera de Minga")
                        guard try git.text(["rev-parse", "refs/heads/\(branch)"]) == ours else { return nil }
                        return try SyncRecovery.apply(history: self, from: ours, to: result, faults: faults)
                    }
                }
                guard let applied else { continue }
                report.received += applied
            }
            guard result != theirs else { return report }
            let push = try git.launch(["push", "-q", "origin", "\(result):refs/heads/\(branch)"], input: nil)
            if push.status == 0 {
                report.pushed = true
                return report
            }
            let said = String(decoding: push.error, as: UTF8.self)
            guard said.contains("rejected") || said.contains("fetch first") || said.contains("non-fast-forward") else {
                throw HistoryError("Traje los cambios, pero no pude enviar los tuyos a \(remote): \(GitError(arguments: ["push"], status: push.status, message: said).description)")
            }
            // Someone synced in between: bring theirs again and merge once more.
        }
        throw HistoryError("El remoto \(remote) cambió cinco veces mientras sincronizaba; vuelve a intentarlo en un momento.")
    }

    /// `commitWorkingTree` for a caller that already holds the history lock.
    func commitWorkingTreeLocked(message: String) throws {
        let g = Git(directory: root, environment: Self.identity(.minga, at: now()))
        try g.run(["add", "-A"])
        guard !g.succeeds(["diff", "--cached", "--quiet"]) else { return }
        try g.run(["commit", "-q", "-m", message])
    }
}

/// Moving the store's files from one commit to another, so that a kill at any point is finished
/// by the next run: a marker in `.git/minga/` names both commits until the branch points at the
/// new one. Each file is replaced atomically: the store is readable at every instant.
enum SyncRecovery {
    static func marker(_ h: GitHistory) -> URL { h.stateDir.appendingPathComponent("sincronizacion-en-curso") }

    /// Applies the files that differ between `from` and `to`, then moves the branch. Returns how
    /// many files changed. Called with the history lock and the store's lock held.
    static func apply(history h: GitHistory, from: String, to: String, faults: SyncFaults) throws -> Int {
        if from == to { return 0 }
        try Data("\(from) \(to)\n".utf8).write(to: marker(h), options: .atomic)
        let count = try applyFiles(history: h, from: from, to: to, faults: faults, onlyUntouched: false)
        try h.git.run(["update-ref", "refs/heads/\(h.branch)", to, from])
        try h.git.run(["read-tree", to])
        unlink(marker(h).path)
        return count
    }

    /// A sync that was cut off: finish it (called with the history lock held, before any write).
    static func finish(history h: GitHistory) throws {
        guard let text = try? String(contentsOf: marker(h), encoding: .utf8) else { return }
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        guard parts.count == 2 else { unlink(marker(h).path); return }
        let (from, to) = (parts[0], parts[1])
        try Flock.with(h.root.appendingPathComponent(".lock").path) {
            _ = try applyFiles(history: h, from: from, to: to, faults: SyncFaults(), onlyUntouched: true)
            let head = try h.git.text(["rev-parse", "refs/heads/\(h.branch)"])
            if head == from {
                try h.git.run(["update-ref", "refs/heads/\(h.branch)", to, from])
                try h.git.run(["read-tree", to])
            }
            // Else the branch moved on since: what was applied is committed as it stands, and the
            // next sync merges again.
        }
        unlink(marker(h).path)
    }

    /// Writes `to`'s version of every file that differs from `from`. `onlyUntouched`: a file that
    /// is neither version any more was written since, and stays.
    static func applyFiles(history h: GitHistory, from: String, to: String, faults: SyncFaults, onlyUntouched: Bool) throws -> Int {
        let a = try Merger.tree(h.git, from), b = try Merger.tree(h.git, to)
        let paths = Set(a.keys).union(b.keys).filter { a[$0] != b[$0] && isSafe($0) }.sorted { lhs, rhs in
            // New files first, so a renumbered record is in place before the one taking its number.
            (a[lhs] == nil ? 0 : 1, lhs) < (a[rhs] == nil ? 0 : 1, rhs)
        }
        let blobs = Merger.Blobs(git: h.git)
        try blobs.load(paths.compactMap { b[$0] } + (onlyUntouched ? paths.compactMap { a[$0] } : []))
        var done = 0
        for p in paths {
            let url = h.root.appendingPathComponent(p)
            if onlyUntouched {
                let now = FileManager.default.contents(atPath: url.path)
                let old = try a[p].map { try blobs.data(.blob($0)) }, new = try b[p].map { try blobs.data(.blob($0)) }
                guard now == old || now == new else { continue }
            }
            if let sha = b[p] {
                try StoreFiles.write(try blobs.data(.blob(sha)), to: url)
            } else {
                StoreFiles.remove(url)
            }
            done += 1
            if let n = faults.stopAfterApplying, done >= n { throw SyncInterrupted() }
            if let n = faults.killAfterApplying, done >= n { kill(getpid(), SIGKILL) }
        }
        return done
    }

    /// Only paths inside the store, and never the files git must not bring (sessions, markers).
    static func isSafe(_ p: String) -> Bool {
        !p.hasPrefix("/") && !p.split(separator: "/").contains("..") && !p.hasPrefix("sesiones/")
            && !p.split(separator: "/").contains(".claves") && p != ".lock" && !p.hasPrefix(".git/")
            && !p.hasSuffix("/.indice")
    }
}
