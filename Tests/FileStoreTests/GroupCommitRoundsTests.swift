@testable import FileStore
import Foundation
import Synchronization
import Testing

/// Group commit rounds overlap: a write registered while a round runs starts its own round at
/// once, but no commit returns before every earlier round is done.
@Suite struct GroupCommitRoundsTests {
    /// Holds the first round at the disk until `release()`; later rounds pass.
    final class FirstRoundGate: @unchecked Sendable {
        // @unchecked: fields touched only while `condition` is locked.
        private let condition = NSCondition()
        private var released = false
        private var entered = 0

        func pass() {
            condition.lock()
            defer { condition.unlock() }
            entered += 1
            if entered == 1 { while !released { condition.wait() } }
        }

        func release() {
            condition.lock()
            defer { condition.unlock() }
            released = true
            condition.broadcast()
        }

        var rounds: Int {
            condition.lock()
            defer { condition.unlock() }
            return entered
        }
    }

    func files(_ count: Int) throws -> (dir: String, paths: [String]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("minga-rounds-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let paths = (0..<count).map { "\(dir)/f\($0)" }
        for path in paths { #expect(FileManager.default.createFile(atPath: path, contents: Data("x".utf8))) }
        return (dir, paths)
    }

    @Test func aLaterRoundStartsAtOnceButReturnsInOrder() async throws {
        let (dir, paths) = try files(4)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let gate = FirstRoundGate()
        let commit = GroupCommit(beforeSync: { gate.pass() })
        let done = Mutex<[Int]>([])
        commit.register(paths[0])
        commit.register(paths[1])
        let first = Thread { try? commit.commit(counters: nil); done.withLock { $0.append(1) } }
        first.start()
        while gate.rounds < 1 { try await Task.sleep(for: .milliseconds(1)) }
        commit.register(paths[2])
        commit.register(paths[3])
        let second = Thread { try? commit.commit(counters: nil); done.withLock { $0.append(2) } }
        second.start()
        // The second round reaches the disk while the first is held there…
        while gate.rounds < 2 { try await Task.sleep(for: .milliseconds(1)) }
        try await Task.sleep(for: .milliseconds(50))
        // …but its commit does not return before the first round's writes are durable.
        #expect(done.withLock { $0 }.isEmpty)
        #expect(commit.hasUncommitted)
        gate.release()
        let deadline = ContinuousClock.now + .seconds(30)
        while done.withLock({ $0.count }) < 2 && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(1)) }
        #expect(done.withLock { $0 }.sorted() == [1, 2])
        #expect(!commit.hasUncommitted)
        // A third commit with nothing new starts no round.
        try commit.commit(counters: nil)
        #expect(gate.rounds == 2)
    }

    /// A failed round is reported to every commit that waited for it, not only to the first.
    @Test func aFailedRoundFailsEveryCommitThatWaitedForIt() async throws {
        let (dir, paths) = try files(1)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let gate = FirstRoundGate()
        let commit = GroupCommit(beforeSync: { gate.pass() })
        commit.register(paths[0])
        // A path that can't be synced: a file is not a folder.
        commit.register(paths[0] + "/x")
        let entered = Atomic<Int>(0)
        let results = Mutex<[Bool]>([])
        for _ in 0..<4 {
            Thread {
                entered.add(1, ordering: .relaxed)
                do { try commit.commit(counters: nil); results.withLock { $0.append(true) } } catch { results.withLock { $0.append(false) } }
            }.start()
        }
        while gate.rounds < 1 || entered.load(ordering: .relaxed) < 4 { try await Task.sleep(for: .milliseconds(1)) }
        try await Task.sleep(for: .milliseconds(50))
        gate.release()
        let deadline = ContinuousClock.now + .seconds(30)
        while results.withLock({ $0.count }) < 4 && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(1)) }
        #expect(results.withLock { $0 } == [false, false, false, false])
        // Later commits are not blamed for it.
        commit.register(paths[0])
        try commit.commit(counters: nil)
    }
}
