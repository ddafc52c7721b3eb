@testable import FileStore
import Foundation
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The store lock keeps its flock as a lease while this process's threads queue for it; these
/// check that it still excludes other processes (another open of `.lock` is what another
/// process has) and that the lease goes back as soon as nobody here waits.
@Suite struct StoreLockTests {
    private func lockPath() -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("minga-storelock-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(".lock").path
    }

    /// True when another open file description can take the flock right now.
    private func othersCanLock(_ path: String) -> Bool {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        defer { close(fd) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { return false }
        flock(fd, LOCK_UN)
        return true
    }

    /// Inside the lock no other process can lock the file; after it, with nobody waiting, it can.
    @Test func leaseIsGivenBackWhenNobodyWaits() throws {
        let path = lockPath()
        let counters = StoreCounters()
        let lock = StoreLock(path: path, counters: counters)
        try lock.withLock { #expect(!othersCanLock(path)) }
        #expect(othersCanLock(path))
        try lock.withLock { #expect(!othersCanLock(path)) }
        #expect(othersCanLock(path))
        #expect(counters.lockHolds.load(ordering: .relaxed) == 2)
        #expect(counters.flocks.load(ordering: .relaxed) == 2)
    }

    /// Two stores on one folder (two processes) never run their bodies at the same time, however
    /// many threads of each ask.
    @Test func twoStoresOnOneFolderExcludeEachOther() throws {
        let path = lockPath()
        let a = StoreLock(path: path), b = StoreLock(path: path)
        let inside = Atomic<Int>(0)
        let overlaps = Atomic<Int>(0)
        let group = DispatchGroup()
        for t in 0..<8 {
            group.enter()
            Thread {
                for _ in 0..<200 {
                    try? (t % 2 == 0 ? a : b).withLock {
                        if inside.add(1, ordering: .acquiringAndReleasing).newValue > 1 { overlaps.add(1, ordering: .relaxed) }
                        inside.subtract(1, ordering: .acquiringAndReleasing)
                    }
                }
                group.leave()
            }.start()
        }
        group.wait()
        #expect(overlaps.load(ordering: .relaxed) == 0)
        #expect(othersCanLock(path))
    }

    /// A `.lock` removed (or replaced) while the store runs: the next hold locks the file that is
    /// there now, the one other processes open.
    @Test func replacedLockFileIsReopened() throws {
        let path = lockPath()
        let lock = StoreLock(path: path)
        try lock.withLock {}
        unlink(path)
        try lock.withLock {
            #expect(FileManager.default.fileExists(atPath: path))
            #expect(!othersCanLock(path))
        }
    }
}
