@testable import FileStore
import Foundation
import Testing

/// A batch of fsyncs runs on helper threads; a batch wakes only the helpers it has work for.
@Suite struct ParallelSyncTests {
    func files(_ count: Int) throws -> (dir: String, paths: [String]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("minga-psync-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let paths = (0..<count).map { "\(dir)/f\($0)" }
        for path in paths { #expect(FileManager.default.createFile(atPath: path, contents: Data("x".utf8))) }
        return (dir, paths)
    }

    /// Every path of a batch is synced, and one that can't be opened is reported, not skipped
    /// (a file gone since is no error: what replaced it is in the batch too).
    @Test func syncsEveryPathAndReportsAMissingOne() throws {
        let (dir, paths) = try files(40)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sync = ParallelSync(width: 8)
        #expect(sync.sync(paths, directory: false) == nil)
        #expect(sync.sync([dir, dir], directory: true) == nil)
        #expect(sync.sync(paths + ["\(dir)/gone"], directory: false) == nil)
        let error = sync.sync(paths + ["\(paths[0])/x"], directory: false)
        guard case .io(let path, _)? = error else { Issue.record("no error for a path that can't be opened"); return }
        #expect(path == "\(paths[0])/x")
    }

    /// After a wide batch has started 31 helpers, 50 batches of two paths wake at most one helper
    /// each. With one condition shared by helpers and callers, each batch woke all 31 (three
    /// times), and about 4,500 of those wakeups found nothing to do.
    @Test func aSmallBatchWakesOnlyTheHelpersItNeeds() throws {
        let (dir, paths) = try files(32)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sync = ParallelSync(width: 32)
        #expect(sync.sync(paths, directory: false) == nil)
        let before = sync.idleWakeupCount
        for i in 0..<50 { #expect(sync.sync([paths[i % 32], paths[(i + 1) % 32]], directory: false) == nil) }
        #expect(sync.idleWakeupCount - before <= 50)
    }

    /// Batches from several threads at once take turns and each gets its own result.
    @Test func concurrentBatchesEachFinish() async throws {
        let (dir, paths) = try files(12)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sync = ParallelSync(width: 4)
        let results = await withTaskGroup(of: Bool.self) { group in
            for i in 0..<8 {
                group.addTask { sync.sync(i % 2 == 0 ? paths : paths + ["\(paths[i])/nope"], directory: false) == nil }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.filter { $0 }.count == 4)
    }
}
