import Assistant
import FileStore
import Foundation
import Synchronization

/// Sessions keyed by user and network, shared by every connection: a bridge multiplexes many
/// users on one connection, and a user who reconnects continues where they were. One user's
/// turns run strictly one at a time; different users run concurrently.
public final class SessionHub: @unchecked Sendable {
    public let assistant: Assistant
    /// Sessions kept in memory at most; past it the least recently used idle ones are dropped
    /// (their state is on disk: the next message reloads it).
    public let capacity: Int
    /// A pthread mutex, not `Synchronization.Mutex`: on Linux that one is a priority-inheritance
    /// futex whose contended unlock hands the lock to a waiter still asleep (swiftlang/swift
    /// #88440), and every turn of every connection passes through this table.
    /// @unchecked: `tableState` is only touched while `tableLock` is held.
    private let tableLock = NSLock()
    private var tableState = Table()

    private struct Table {
        var boxes: [String: SessionBox] = [:]
        var clock: UInt64 = 0
    }

    public init(assistant: Assistant, capacity: Int = 10_000) {
        self.assistant = assistant
        self.capacity = max(1, capacity)
    }

    /// Runs one turn for `user`, serialised with that user's other turns. `requestID` is the
    /// client's id for the message: the same request again gets the same reply (see `Session`).
    public func handle(_ text: String, user: UserRef, requestID: String? = nil) -> Reply {
        withBox(for: user) { $0.run(opening: user, in: assistant) { $0.handle(text, requestID: requestID) } }
    }

    /// Drops the user's unfinished flows.
    public func reset(user: UserRef) -> Reply {
        withBox(for: user) { $0.run(opening: user, in: assistant) { $0.reset() } }
    }

    public var sessionCount: Int { withTable { $0.boxes.count } }

    private func withTable<T>(_ body: (inout Table) -> T) -> T {
        tableLock.lock()
        defer { tableLock.unlock() }
        return body(&tableState)
    }

    /// The box of `user` (network and user: the key `Session` files its state under), marked in
    /// use for the length of `body` so eviction never drops a session mid-turn. The table lock
    /// covers only the lookup: the session is opened (a store read) under the box's own lock,
    /// and the mark is lifted without the table lock, so users don't queue behind each other
    /// (a profile of the socket server showed a fifth of its CPU spinning on this lock).
    private func withBox<T>(for user: UserRef, _ body: (SessionBox) -> T) -> T {
        let key = SessionKey.make(network: user.network, user: user.id)
        let box = withTable { t -> SessionBox in
            t.clock += 1
            let b: SessionBox
            if let existing = t.boxes[key] {
                b = existing
            } else {
                if t.boxes.count >= capacity { Self.evict(&t, keeping: capacity * 9 / 10) }
                b = SessionBox()
                t.boxes[key] = b
            }
            b.lastUsed = t.clock
            // Raised only under the table lock, where eviction looks: a box in use is never dropped.
            b.users.add(1, ordering: .acquiringAndReleasing)
            return b
        }
        defer { box.users.subtract(1, ordering: .acquiringAndReleasing) }
        return body(box)
    }

    /// Drops the least recently used idle sessions down to `keeping` (a tenth at a time, so the
    /// scan is paid once per many new sessions).
    private static func evict(_ t: inout Table, keeping: Int) {
        let idle = t.boxes.filter { $0.value.users.load(ordering: .acquiring) == 0 }.sorted { $0.value.lastUsed < $1.value.lastUsed }
        for (key, _) in idle.prefix(max(0, t.boxes.count - keeping)) { t.boxes[key] = nil }
    }
}

/// One user's session behind a lock, opened on its first turn.
/// `@unchecked Sendable`: `session` is only touched inside `run`, under `lock`; `lastUsed` only
/// under the hub's table lock; `users` is atomic.
final class SessionBox: @unchecked Sendable {
    private let lock = NSLock()
    private var session: Session?
    var lastUsed: UInt64 = 0
    let users = Atomic<Int>(0)

    func run<T>(opening user: UserRef, in assistant: Assistant, _ body: (Session) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        if let session { return body(session) }
        let opened = assistant.session(for: user)
        session = opened
        return body(opened)
    }
}
