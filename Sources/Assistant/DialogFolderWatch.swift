#if canImport(Glibc)
import Glibc
#endif

/// Says whether anything in the dialogs folder may have changed since it last asked: Linux
/// inotify on the folder, so the usual answer («nothing») costs one `read` instead of listing
/// the folder and a `stat` per file. Edits in place and by rename (editors, `git checkout`)
/// both show up. Nil when inotify can't be had; `FlowSource` then compares stamps each time.
///
/// Not thread-safe: `FlowSource` calls it under its lock.
final class DialogFolderWatch {
    private var fd: Int32

    // inotify(7) masks, spelled out: Glibc imports some of them as enum cases, not integers.
    private static let modify: UInt32 = 0x2, attrib: UInt32 = 0x4, closeWrite: UInt32 = 0x8
    private static let movedFrom: UInt32 = 0x40, movedTo: UInt32 = 0x80, create: UInt32 = 0x100, delete: UInt32 = 0x200
    private static let deleteSelf: UInt32 = 0x400, moveSelf: UInt32 = 0x800
    private static let overflow: UInt32 = 0x4000, ignored: UInt32 = 0x8000
    private static let mask = modify | attrib | closeWrite | movedFrom | movedTo | create | delete | deleteSelf | moveSelf

    init?(folder: String) {
        #if os(Linux)
        let fd = inotify_init1(Int32(O_NONBLOCK | O_CLOEXEC))
        guard fd >= 0 else { return nil }
        guard inotify_add_watch(fd, folder, Self.mask) >= 0 else { close(fd); return nil }
        self.fd = fd
        #else
        return nil
        #endif
    }

    deinit { if fd >= 0 { close(fd) } }

    /// False while the folder is being watched and nothing happened in it since the last call.
    /// True once the watch is lost (the folder itself deleted or moved, events dropped): from
    /// then on every check says «maybe», and the caller compares stamps.
    func mayHaveChanged() -> Bool {
        guard fd >= 0 else { return true }
        var changed = false
        var lost = false
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4096) { buffer in
            while true {
                let n = read(fd, buffer.baseAddress, buffer.count)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { break }
                changed = true
                let raw = UnsafeRawBufferPointer(buffer)
                let header = MemoryLayout<inotify_event>.size
                var offset = 0
                while offset + header <= n {
                    let e = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    if e.mask & (Self.overflow | Self.ignored | Self.deleteSelf | Self.moveSelf) != 0 { lost = true }
                    offset += header + Int(e.len)
                }
            }
        }
        if lost { close(fd); fd = -1 }
        return changed
    }
}
