import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Crash-safe file writes: write a temporary file beside the target, rename it over the target.
/// A kill -9 at any point leaves either the old file or the new one. Durability (fsync of the
/// file and its folder) is a separate step: `GroupCommit`, shared by the writes made meanwhile.
enum AtomicFile {
    /// Prefix of temporary files; `FileStore` removes leftovers under its lock.
    static let temporaryPrefix = ".tmp-"

    /// Tells this process's temporary files apart, so two threads writing one target never share one.
    private static let serial = Atomic<UInt64>(0)
    private static let pid = getpid()

    /// `mode` is the new file's permission: 0644 for records a person reads, 0600 for files that
    /// hold who a user is (sessions). Returns the new file's stamp, as a later `stat` reads it.
    /// Paths are strings: this runs on every turn, and Foundation's URL building showed in profiles.
    /// `prepared`: the temporary file, created beforehand in the same folder (`prepare`).
    @discardableResult
    static func write(_ data: Data, toPath path: String, mode: mode_t = 0o644, counters: StoreCounters? = nil,
                      prepared: Prepared? = nil) throws -> FileStamp {
        // By bytes: by characters, finding the slash cost more than the rest of this function.
        let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) ?? path.startIndex
        let temporary = try prepared ?? create(in: String(path[..<slash]), name: path[path.utf8.index(after: slash)...], mode: mode)
        let fd = temporary.fd
        guard let tmp = temporary.path else {
            return try writeUnnamed(data, fd: fd, toPath: path, mode: mode, counters: counters)
        }
        var ok = writeAll(data, to: fd)
        var info = stat()
        if ok { ok = fstat(fd, &info) == 0 }
        let err = errno
        close(fd)
        guard ok else {
            unlink(tmp)
            throw StoreError.io(path: path, message: String(cString: strerror(err)))
        }
        guard rename(tmp, path) == 0 else {
            let e = errno
            unlink(tmp)
            throw StoreError.io(path: path, message: String(cString: strerror(e)))
        }
        counters?.writes.add(1, ordering: .relaxed)
        return FileStamp(info)
    }

    /// A temporary file made before its content is known, open for writing: what `write` fills
    /// and names. Creating a file is the slow part of a write on ext4 (the inode allocator
    /// skips recently deleted inodes, ~0.5–2 ms of kernel time per file on a busy disk), so a
    /// save creates it before it takes the store's lock and holds the lock only to fill it.
    /// `path` is nil for an unnamed file (`O_TMPFILE`), which `write` links into place.
    struct Prepared: Sendable {
        let fd: Int32
        let path: String?
    }

    /// A new temporary file in `dir` for a file not yet named, or nil when it can't be made
    /// (the folder does not exist yet): `write` then makes its own.
    ///
    /// Unnamed (`O_TMPFILE`) where the filesystem allows it: a named create holds the folder's
    /// lock for the whole inode allocation, and the save that renames into that folder under
    /// the store's lock waited for it, spinning in the kernel (`rwsem_spin_on_owner` was a fifth
    /// of the socket server's CPU while the allocations were slow). An unnamed file takes no
    /// folder lock to be made and leaves nothing behind if the process dies before it is named.
    static func prepare(in dir: String, mode: mode_t = 0o644) -> Prepared? {
        let fd = open(dir, O_WRONLY | O_CLOEXEC | Self.unnamedFlag, mode)
        if fd >= 0 {
            if mode != 0o644 { fchmod(fd, mode) }
            return Prepared(fd: fd, path: nil)
        }
        return try? create(in: dir, name: "nuevo", mode: mode)
    }

    /// `O_TMPFILE` (with `O_DIRECTORY`, as the kernel wants it): Glibc does not export it to Swift.
    private static let unnamedFlag: Int32 = 0o20_200_000

    /// Removes a prepared temporary file that was not used (an unnamed one goes with its descriptor).
    static func discard(_ prepared: Prepared) {
        close(prepared.fd)
        if let path = prepared.path { unlink(path) }
    }

    /// Writes all of `data` to `fd`, retrying interrupted and short writes; false on an error.
    private static func writeAll(_ data: Data, to fd: Int32) -> Bool {
        data.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
    }

    /// Fills an unnamed temporary file and gives it its name: a hard link made through
    /// `/proc/self/fd`, which appears whole (like a rename) and, for a name not taken yet,
    /// touches only the target folder. A name already taken (or no `/proc`) goes through a
    /// named temporary file and a rename, so the target is replaced atomically as always.
    private static func writeUnnamed(_ data: Data, fd: Int32, toPath path: String, mode: mode_t,
                                     counters: StoreCounters?) throws -> FileStamp {
        defer { close(fd) }
        var ok = writeAll(data, to: fd)
        var info = stat()
        if ok { ok = fstat(fd, &info) == 0 }
        guard ok else { throw StoreError.io(path: path, message: String(cString: strerror(errno))) }
        if linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, path, Self.followLink) == 0 {
            // The link count is the one thing the stamp read above does not have yet; a later
            // `stat` sees the same inode, time and size.
            counters?.writes.add(1, ordering: .relaxed)
            return FileStamp(info)
        }
        return try write(data, toPath: path, mode: mode, counters: counters)
    }

    /// `AT_SYMLINK_FOLLOW`: `/proc/self/fd/N` is a link to the open file.
    private static let followLink: Int32 = 0x400

    /// Creates `<dir>/.tmp-<pid>-<serial>-<name>`, open for writing.
    private static func create(in dir: String, name: Substring, mode: mode_t) throws -> Prepared {
        // pid + serial is unique among live writers of any process; O_EXCL makes sure of it.
        let n = serial.wrappingAdd(1, ordering: .relaxed).oldValue
        let tmp = "\(dir)/\(temporaryPrefix)\(pid)-\(n)-\(name)"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw StoreError.io(path: tmp, message: String(cString: strerror(errno))) }
        // The umask may have widened or narrowed `mode`; a session file must stay private.
        if mode != 0o644 { fchmod(fd, mode) }
        return Prepared(fd: fd, path: tmp)
    }

    @discardableResult
    static func write(_ data: Data, to url: URL, mode: mode_t = 0o644, counters: StoreCounters? = nil) throws -> FileStamp {
        try write(data, toPath: url.path, mode: mode, counters: counters)
    }

    /// The largest write that a kill can't tear: the kernel copies one page of a `write` before it
    /// looks at a pending SIGKILL, so a write within the first page lands whole or not at all.
    static let untornBytes = 4096

    /// Rewrites a small file in place: one `pwrite` at offset 0, padded with spaces to the old
    /// length so a shorter content leaves no stale tail (JSON allows trailing whitespace). A
    /// kill leaves the old content or the new one. Replacing a file by `rename` costs ~10× more
    /// on ext4 (it starts the new file's writeback): this is the per-turn session write. Larger
    /// contents go through `write(_:toPath:)`.
    /// `kept`: descriptors kept open between calls (session files, see `OpenSessionFiles`).
    @discardableResult
    static func overwrite(_ data: Data, atPath path: String, mode: mode_t, counters: StoreCounters?,
                          kept: OpenSessionFiles? = nil) throws -> FileStamp {
        guard data.count <= untornBytes else { return try write(data, toPath: path, mode: mode, counters: counters) }
        let reused = kept?.take(path)
        var fd: Int32
        if let reused {
            fd = reused.fd
        } else {
            // Opened without O_CREAT when it exists (every turn but a session's first): an open
            // with O_CREAT takes the folder's lock exclusively, and a file being created there holds
            // it through ext4's inode allocation (slow after many deletions), so every session
            // write of the server queued behind each new session, spinning in the kernel.
            fd = open(path, O_WRONLY | O_CLOEXEC)
            if fd < 0 && errno == ENOENT { fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, mode) }
            guard fd >= 0 else { throw StoreError.io(path: path, message: String(cString: strerror(errno))) }
        }
        // Kept for the next call only when this one wrote the file in place, else closed.
        var keep = false
        var inode: UInt64 = 0
        defer {
            if keep, let kept {
                flock(fd, LOCK_UN)
                kept.put(path, .init(fd: fd, inode: inode))
            } else {
                close(fd)
            }
        }
        // Two writers of one file (two processes on one conversation) must not interleave their
        // size check and their write; readers take the shared lock (`readLocked`).
        while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw StoreError.io(path: path, message: String(cString: strerror(errno))) }
        if reused != nil && (info.st_nlink == 0 || UInt64(info.st_ino) != reused!.inode) {
            // The kept file lost its name since (replaced by a rename, removed): open the path anew.
            return try overwrite(data, atPath: path, mode: mode, counters: counters, kept: kept)
        }
        // An old file longer than a page (written by the other path) is replaced whole instead.
        if Int(info.st_size) > untornBytes { return try write(data, toPath: path, mode: mode, counters: counters) }
        if info.st_mode & 0o777 != mode { fchmod(fd, mode) }
        // Padded on the stack (at most a page), not copied into arrays: this runs on every turn.
        let length = max(data.count, Int(info.st_size))
        let written = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { buf -> Int in
            let copied = data.copyBytes(to: buf)
            if copied < length { (buf.baseAddress! + copied).initialize(repeating: 0x20, count: length - copied) }
            return pwrite(fd, buf.baseAddress, length, 0)
        }
        guard written == length else { throw StoreError.io(path: path, message: String(cString: strerror(errno))) }
        fstat(fd, &info)
        counters?.writes.add(1, ordering: .relaxed)
        inode = UInt64(info.st_ino)
        keep = true
        return FileStamp(info)
    }

    /// A small file's content, read under a shared lock so an `overwrite` in progress is never
    /// seen half done. Nil when there is no such file.
    static func readLocked(_ path: String) throws -> Data? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw StoreError.io(path: path, message: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        while flock(fd, LOCK_SH) != 0 && errno == EINTR {}
        var out = Data()
        var chunk = [UInt8](repeating: 0, count: 8192)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }

    /// fsync of a file or folder by path; the error, if any, in words.
    static func sync(_ path: String, directory: Bool) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0))
        // Gone since (replaced again, or removed): whatever replaced it is in the batch too.
        guard fd >= 0 else { return errno == ENOENT ? nil : String(cString: strerror(errno)) }
        defer { close(fd) }
        return fsync(fd) == 0 ? nil : String(cString: strerror(errno))
    }
}

/// Group commit: record writes register here after their rename, and `commit()` makes every
/// registered write durable (fsync of each file, then of each folder once). Concurrent callers
/// share the work: one leads the fsyncs for everything registered so far while the others wait,
/// and a write registered during a round is covered by the next one. A reply that confirms a
/// record is sent only after a `commit()` that covers it.
///
/// Each thread's last registered write is kept too (`tracking`): a channel that commits on
/// its own thread holds back only the replies of turns whose own writes are not durable yet,
/// not every reply while anyone's save waits for its round.
final class GroupCommit: @unchecked Sendable {
    // @unchecked: every field below is touched only while `condition` is locked.
    private let condition = NSCondition()
    private var files: Set<String> = []
    private var folders: Set<String> = []
    private var registered: UInt64 = 0
    private var synced: UInt64 = 0
    private var syncing = false
    private var failure: StoreError?
    /// Per thread (`pthread_self`), the number of the last write it registered or depends on
    /// (a save found already made by an earlier attempt); entries a round covered are dropped.
    private var marks: [UInt: UInt64] = [:]
    /// A test's stand-in for the disk: called before each round's fsyncs (it may block).
    private let beforeSync: (@Sendable () -> Void)?

    init(beforeSync: (@Sendable () -> Void)? = nil) {
        self.beforeSync = beforeSync
    }

    private static var thread: UInt { UInt(pthread_self()) }

    func register(_ path: String) {
        condition.lock()
        defer { condition.unlock() }
        files.insert(path)
        folders.insert(String(path[..<(path.utf8.lastIndex(of: UInt8(ascii: "/")) ?? path.startIndex)]))
        registered += 1
        marks[Self.thread] = registered
    }

    /// The calling thread depends on every write registered so far (a save repeated with its key
    /// that finds its record: the reply confirms a write that may still wait for its round).
    func dependOnPending() {
        condition.lock()
        defer { condition.unlock() }
        if synced < registered { marks[Self.thread] = registered }
    }

    /// Whether a registered write is not yet covered by a finished round.
    var hasUncommitted: Bool {
        condition.lock()
        defer { condition.unlock() }
        return synced < registered
    }

    /// Runs `body` and says whether a write it registered on this thread (or depends on) is not
    /// yet covered by a finished round. A mark from before `body` is kept for an outer call.
    func tracking<T>(_ body: () throws -> T) rethrows -> (value: T, pending: Bool) {
        let thread = Self.thread
        let outer: UInt64? = { condition.lock(); defer { condition.unlock() }; return marks.removeValue(forKey: thread) }()
        let value: T
        do { value = try body() } catch {
            restore(outer, thread: thread)
            throw error
        }
        condition.lock()
        defer { condition.unlock() }
        let mine = marks[thread]
        let pending = mine.map { $0 > synced } ?? false
        if let outer, outer > (mine ?? 0) { marks[thread] = outer }
        return (value, pending)
    }

    private func restore(_ outer: UInt64?, thread: UInt) {
        guard let outer else { return }
        condition.lock()
        defer { condition.unlock() }
        if outer > (marks[thread] ?? 0) { marks[thread] = outer }
    }

    /// Returns once every write registered before the call is on disk.
    func commit(counters: StoreCounters?) throws {
        condition.lock()
        defer { condition.unlock() }
        let target = registered
        while synced < target {
            if syncing {
                condition.wait()
                continue
            }
            syncing = true
            let batchFiles = files, batchFolders = folders, upTo = registered
            files = []
            folders = []
            condition.unlock()
            beforeSync?()
            // All of a round's files at once, then its folders (a new name is durable once its
            // folder is synced after the file it names).
            var problem = ParallelSync.shared.sync(batchFiles.sorted(), directory: false)
            if let e = ParallelSync.shared.sync(batchFolders.sorted(), directory: true) { problem = e }
            counters?.fsyncs.add(batchFiles.count + batchFolders.count, ordering: .relaxed)
            condition.lock()
            syncing = false
            synced = upTo
            if !marks.isEmpty { marks = marks.filter { $0.value > upTo } }
            if let problem { failure = problem }
            condition.broadcast()
        }
        if let failure {
            self.failure = nil
            throw failure
        }
    }
}
