import Locks
import Foundation
import Synchronization

/// Session writes held back until the next `commit()`, for a channel that holds its replies until
/// then anyway (`minga chat --json`): a user with several turns in one batch costs one write, not
/// one per turn, and a turn costs no session syscall at all.
///
/// Nothing a reply says depends on these writes having happened before the commit: the replies
/// of the batch leave after it. Until a held state is written, this process reads it from here
/// (a session dropped from memory and opened again gets the newest state, never the older file),
/// and the save keys it moved past are kept, so a kill before the write lets a retry find its
/// records instead of saving them again.
final class HeldSessions: Sendable {
    struct Held {
        var data: Data
        /// Save keys to forget once `data` is on disk.
        var forgetting: [SaveKey]
        /// What `sessionVersion` says while this state is held, and after, while the file is
        /// the one this process wrote.
        var version: SessionVersion
    }

    private struct State {
        var enabled = false
        var held: [String: Held] = [:]
        /// Per path, the version handed out for the state this process last wrote, and the stamp
        /// of the file that write left: while the file still has that stamp, it is that state.
        var written: [String: (version: SessionVersion, stamp: FileStamp)] = [:]
        var serial: UInt64 = 0
    }

    private let state = PlainLock(State())
    /// One flush at a time: two overlapping flushes could land an older state after a newer one.
    private let flushing = Mutex(())
    /// Past this many remembered writes the memory starts afresh (a session then reads its own
    /// file once more, which holds the same state).
    static let writtenLimit = 100_000

    var enabled: Bool {
        get { state.withLock { $0.enabled } }
        set { state.withLock { $0.enabled = newValue } }
    }

    /// Holds `data` as the newest state of the session at `path`, replacing an older held one
    /// (whose keys are still to be forgotten once this state is written). Nil when not holding.
    func hold(_ path: String, _ data: Data, forgetting keys: [SaveKey]) -> SessionVersion? {
        state.withLock { s in
            guard s.enabled else { return nil }
            s.serial += 1
            // Never a stamp a file can have (no inode 0, no negative time): only equal to itself.
            let version = SessionVersion(inode: 0, seconds: -1, nanoseconds: Int(truncatingIfNeeded: s.serial), size: data.count)
            s.held[path, default: Held(data: data, forgetting: [], version: version)].forgetting += keys
            s.held[path]!.data = data
            s.held[path]!.version = version
            return version
        }
    }

    /// The held state of the session at `path`, if one waits to be written.
    func data(_ path: String) -> Data? {
        state.withLock { $0.held[path]?.data }
    }

    /// The version of the session at `path` as `Session` compares them: the held one while held,
    /// the one handed out for this process's last write while the file is still that write, else
    /// the file's own stamp (another process wrote it since).
    /// Without held writes (the socket server), the path is not hashed at all: both tables are empty.
    func version(_ path: String, stat: () -> FileStamp?) -> SessionVersion? {
        if let held = state.withLock({ $0.held.isEmpty ? nil : $0.held[path]?.version }) { return held }
        guard let stamp = stat() else { return nil }
        if let mine = state.withLock({ $0.written.isEmpty ? nil : $0.written[path] }), mine.stamp == stamp { return mine.version }
        return SessionVersion(stamp)
    }

    /// Remembers that this process wrote `path` itself, with the version it handed out.
    func wrote(_ path: String, version: SessionVersion, stamp: FileStamp) {
        state.withLock { s in
            if s.written.count >= Self.writtenLimit { s.written.removeAll() }
            s.written[path] = (version, stamp)
        }
    }

    /// Writes every held state (all of them, or only `path`'s), then forgets the keys each one
    /// moved past. A state that can't be written stays held (and its keys kept) for the next
    /// flush; the first such error is returned after the others are written.
    /// `stop`: a test's kill between two writes (the writes before it happen, none after).
    @discardableResult
    func flush(only path: String? = nil, stopAfter stop: Int? = nil,
               write: (String, Data) throws -> FileStamp, forget: (SaveKey) -> Void) -> (any Error)? {
        flushing.withLock { _ in
            let batch: [(String, Held)] = state.withLock { s in
                if let path { return s.held[path].map { [(path, $0)] } ?? [] }
                return s.held.map { ($0.key, $0.value) }
            }
            var failure: (any Error)?
            for (i, (path, held)) in batch.enumerated() {
                if let stop, i >= stop { break }
                let stamp: FileStamp
                do {
                    stamp = try write(path, held.data)
                } catch {
                    failure = failure ?? error
                    continue
                }
                // Written: no longer held, unless a newer state arrived meanwhile (it keeps the
                // keys too, and the next flush writes it).
                let current = state.withLock { s -> Bool in
                    if s.written.count >= Self.writtenLimit { s.written.removeAll() }
                    s.written[path] = (held.version, stamp)
                    guard s.held[path]?.version == held.version else { return false }
                    s.held[path] = nil
                    return true
                }
                if current { for key in held.forgetting { forget(key) } }
            }
            return failure
        }
    }
}

extension SessionVersion {
    init(_ stamp: FileStamp) {
        self.init(inode: stamp.inode, seconds: stamp.seconds, nanoseconds: stamp.nanoseconds, size: stamp.size)
    }
}
