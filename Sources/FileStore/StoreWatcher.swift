import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells the store which of its files changed since it last asked, without a `stat` per record:
/// Linux inotify on the folders of the networks in use. Minga's own writes, another process's
/// and a person's edits (in place or by rename) all show up. `nil` when inotify can't be had;
/// the store then polls (see `FileStore.snapshot`).
///
/// Not thread-safe: the store calls it under its cache lock.
final class StoreWatcher {
    /// A changed entry: the watched folder and the name inside it (nil: the folder itself).
    struct Change {
        var folder: String
        var name: String?
        var isDirectory: Bool
    }

    enum Drained {
        case changes([Change])
        /// Events were dropped (queue overflow): anything may have changed.
        case overflow
    }

    private let fd: Int32
    private var folders: [Int32: String] = [:]
    private var watched: [String: Int32] = [:]
    /// Kept between calls: `drain` runs on every turn, and nearly always reads nothing.
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    // inotify(7) masks, spelled out: Glibc imports some of them as enum cases, not integers.
    private static let modify: UInt32 = 0x2, attrib: UInt32 = 0x4, closeWrite: UInt32 = 0x8
    private static let movedFrom: UInt32 = 0x40, movedTo: UInt32 = 0x80, create: UInt32 = 0x100, delete: UInt32 = 0x200
    private static let deleteSelf: UInt32 = 0x400, moveSelf: UInt32 = 0x800
    private static let overflow: UInt32 = 0x4000, ignored: UInt32 = 0x8000, isDir: UInt32 = 0x4000_0000
    private static let mask = modify | attrib | closeWrite | movedFrom | movedTo | create | delete | deleteSelf | moveSelf

    init?() {
        let fd = inotify_init1(Int32(O_NONBLOCK | O_CLOEXEC))
        guard fd >= 0 else { return nil }
        self.fd = fd
    }

    deinit { close(fd) }

    /// Starts watching `folder` (idempotent). False when the kernel refuses (no such folder, or
    /// the per-user watch limit is reached): the caller polls that folder instead.
    @discardableResult
    func watch(_ folder: String) -> Bool {
        if watched[folder] != nil { return true }
        let wd = inotify_add_watch(fd, folder, Self.mask)
        guard wd >= 0 else { return false }
        folders[wd] = folder
        watched[folder] = wd
        return true
    }

    func isWatching(_ folder: String) -> Bool { watched[folder] != nil }

    /// Every event queued since the last call; one `read` when nothing changed.
    func drain() -> Drained {
        var changes: [Change] = []
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            var offset = 0
            let headerSize = MemoryLayout<inotify_event>.size
            while offset + headerSize <= n {
                let (wd, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                    let e = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (e.wd, e.mask, Int(e.len))
                }
                if mask & Self.overflow != 0 { return .overflow }
                let nameStart = offset + headerSize
                var name: String?
                if length > 0 {
                    let bytes = buffer[nameStart..<min(n, nameStart + length)].prefix { $0 != 0 }
                    name = String(decoding: bytes, as: UTF8.self)
                }
                offset = nameStart + length
                guard let folder = folders[wd] else { continue }
                if mask & Self.ignored != 0 {
                    // The folder itself went away (deleted, moved): forget the watch.
                    folders[wd] = nil
                    watched[folder] = nil
                    changes.append(Change(folder: folder, name: nil, isDirectory: true))
                    continue
                }
                if mask & (Self.deleteSelf | Self.moveSelf) != 0 {
                    changes.append(Change(folder: folder, name: nil, isDirectory: true))
                    continue
                }
                changes.append(Change(folder: folder, name: name, isDirectory: mask & Self.isDir != 0))
            }
            if n < buffer.count { break }
        }
        return .changes(changes)
    }
}
