import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Crash-safe file writes: write a temporary file beside the target, fsync it, rename it over
/// the target, fsync the folder. A kill -9 at any point leaves either the old file or the new one.
enum AtomicFile {
    /// Prefix of temporary files; `FileStore` removes leftovers under its lock.
    static let temporaryPrefix = ".tmp-"

    /// Tells this process's temporary files apart, so two threads writing one target never share one.
    private static let serial = Atomic<UInt64>(0)

    /// `mode` is the new file's permission: 0644 for records a person reads, 0600 for files that
    /// hold who a user is (sessions).
    /// Returns the new file's stamp, as a later `stat` of it will read it.
    @discardableResult
    static func write(_ data: Data, to url: URL, durable: Bool = true, mode: mode_t = 0o644,
                      counters: StoreCounters? = nil) throws -> FileStamp {
        let dir = url.deletingLastPathComponent()
        // pid + serial is unique among live writers of any process; O_EXCL makes sure of it.
        let n = serial.wrappingAdd(1, ordering: .relaxed).oldValue
        let tmp = dir.appendingPathComponent("\(temporaryPrefix)\(getpid())-\(n)-\(url.lastPathComponent)")
        let fd = open(tmp.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw StoreError.io(path: tmp.path, message: String(cString: strerror(errno))) }
        // The umask may have widened or narrowed `mode`; a session file must stay private.
        if mode != 0o644 { fchmod(fd, mode) }
        var ok = data.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
        if ok && durable { ok = fsync(fd) == 0 }
        var info = stat()
        if ok { ok = fstat(fd, &info) == 0 }
        let err = errno
        close(fd)
        guard ok else {
            unlink(tmp.path)
            throw StoreError.io(path: url.path, message: String(cString: strerror(err)))
        }
        guard rename(tmp.path, url.path) == 0 else {
            let e = errno
            unlink(tmp.path)
            throw StoreError.io(path: url.path, message: String(cString: strerror(e)))
        }
        counters?.writes.add(1, ordering: .relaxed)
        if durable {
            syncDirectory(dir)
            counters?.fsyncs.add(2, ordering: .relaxed)
        }
        return FileStamp(info)
    }

    static func syncDirectory(_ dir: URL) {
        let dfd = open(dir.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dfd >= 0 else { return }
        fsync(dfd)
        close(dfd)
    }
}

/// An exclusive advisory lock on a file (flock), so two Minga processes on one store never lose
/// each other's writes. Held for the duration of `body`.
struct FileLock {
    let path: String

    func withLock<T>(_ body: () throws -> T) throws -> T {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoreError.io(path: path, message: String(cString: strerror(errno))) }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { throw StoreError.io(path: path, message: String(cString: strerror(errno))) }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
