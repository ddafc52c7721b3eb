import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Session files kept open between turns: a session's state is rewritten in place on every turn
/// (`AtomicFile.overwrite`), and opening and closing its file were a third of that write's
/// system time (a path walk through a folder of thousands of sessions, a `struct file` made and
/// freed). A kept descriptor is only used for a file that still has its name: `overwrite` checks
/// the link count under the file's lock (a rename over it, a removal, by this process or another,
/// leave the old inode with none), and `sessionVersion` drops the descriptor when the path now
/// names another inode or none (a file moved away by hand keeps its link).
///
/// A descriptor is taken out while a write uses it and put back after, so no other thread can
/// close it meanwhile; at most `limit` are kept (one is closed for each one over).
final class OpenSessionFiles: Sendable {
    struct Entry: Sendable {
        let fd: Int32
        let inode: UInt64
    }

    private let entries = Mutex<[String: Entry]>([:])
    let limit: Int

    /// `limit`: at most a quarter of the process's descriptor limit, and 4,096 (the sockets of a
    /// server need the rest).
    init(limit: Int? = nil) {
        if let limit {
            self.limit = limit
        } else {
            var r = rlimit()
            let soft = getrlimit(Int32(RLIMIT_NOFILE.rawValue), &r) == 0 ? Int(clamping: r.rlim_cur) : 1024
            self.limit = max(0, min(4096, soft / 4))
        }
    }

    deinit {
        entries.withLock { all in
            for entry in all.values { close(entry.fd) }
            all.removeAll()
        }
    }

    /// The kept descriptor of `path`, taken out (the caller puts it back or closes it).
    func take(_ path: String) -> Entry? {
        entries.withLock { $0.removeValue(forKey: path) }
    }

    /// Keeps `entry` for the next write of `path` (its lock already released).
    func put(_ path: String, _ entry: Entry) {
        guard limit > 0 else {
            close(entry.fd)
            return
        }
        let closing = entries.withLock { all -> [Int32] in
            var out: [Int32] = []
            if let old = all.updateValue(entry, forKey: path) { out.append(old.fd) }
            // Over the limit: one kept file goes (whichever the table lists first).
            if all.count > limit, let victim = all.first(where: { $0.key != path }) {
                all.removeValue(forKey: victim.key)
                out.append(victim.value.fd)
            }
            return out
        }
        for fd in closing { close(fd) }
    }

    /// The path names `inode` now (nil: nothing): a kept descriptor of another file is closed.
    func check(_ path: String, inode: UInt64?) {
        let stale = entries.withLock { all -> Int32? in
            guard let entry = all[path], entry.inode != inode else { return nil }
            all.removeValue(forKey: path)
            return entry.fd
        }
        if let stale { close(stale) }
    }

    var count: Int { entries.withLock { $0.count } }
}
