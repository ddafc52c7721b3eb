import Domain
import Foundation
import Synchronization
import Testing
@testable import FileStore

/// `trackingWrites`: a turn is "pending" only while a write it made itself (or a keyed save it
/// found already made) is not yet covered by a finished commit, not while another thread's is.
@Suite struct TurnWritesTests {
    private func draft(_ text: String) -> Agreement {
        Agreement(id: "", text: text, responsables: ["Ana"], deadline: nil, evidence: nil)
    }

    /// A file store holding one committed network, so the tests start with nothing pending.
    private func storeWithNetwork() throws -> (store: FileStore, dir: URL, network: String) {
        let (store, dir) = try temporaryStore()
        let n = try store.createNetwork(Network(id: "", name: "Red", kind: .rme))
        try store.commit()
        return (store, dir, n.id)
    }

    /// Runs `body` on another thread and waits for it (`DispatchQueue.sync` may run on the caller's).
    private func onAnotherThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) throws -> T {
        let result = Mutex<Result<T, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            result.withLock { $0 = Result { try body() } }
            done.signal()
        }
        thread.start()
        done.wait()
        return try result.withLock { $0! }.get()
    }

    @Test func onlyTheThreadThatWroteIsPending() throws {
        let (store, dir, network) = try storeWithNetwork()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Another connection's turn saves; its write waits for a commit.
        let theirs = try onAnotherThread { try store.trackingWrites { try store.addAgreement(self.draft("leer"), network: network) } }
        #expect(theirs.pending)
        #expect(store.hasUncommittedWrites)
        // This turn only reads (and even sees the other one's record): nothing of its own waits.
        let mine = try store.trackingWrites { try store.snapshot(network: network).value.agreements.count }
        #expect(mine.value == 1)
        #expect(!mine.pending)
        // This turn saves too: pending until a commit covers it, and not after.
        let saved = try store.trackingWrites { try store.addAgreement(draft("escribir"), network: network) }
        #expect(saved.pending)
        try store.commit()
        #expect(!store.hasUncommittedWrites)
        let after = try store.trackingWrites { try store.snapshot(network: network).value.agreements.count }
        #expect(after.value == 2)
        #expect(!after.pending)
    }

    /// A save repeated with its key finds its record and writes nothing; its reply confirms the
    /// record all the same, so it waits for the first attempt's commit.
    @Test func aRetriedSaveWaitsForTheFirstAttemptsCommit() throws {
        let (store, dir, network) = try storeWithNetwork()
        defer { try? FileManager.default.removeItem(at: dir) }
        let key = SaveKey(["red|ana|7"])
        let first = try onAnotherThread { try store.trackingWrites { try store.addAgreement(self.draft("leer"), network: network, key: key) } }
        #expect(first.pending)
        let retry = try store.trackingWrites { try store.addAgreement(draft("leer"), network: network, key: key) }
        #expect(retry.value.id == first.value.id)
        #expect(retry.pending)
        try store.commit()
        let late = try store.trackingWrites { try store.addAgreement(draft("leer"), network: network, key: key) }
        #expect(late.value.id == first.value.id)
        #expect(!late.pending)
    }

    /// A tracked call inside another keeps the outer call's mark.
    @Test func nestedTrackingKeepsTheOuterMark() throws {
        let (store, dir, network) = try storeWithNetwork()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outer = try store.trackingWrites { () throws -> Bool in
            _ = try store.addAgreement(draft("leer"), network: network)
            let inner = store.trackingWrites { 0 }
            return inner.pending
        }
        #expect(outer.value == false)
        #expect(outer.pending)
    }
}
