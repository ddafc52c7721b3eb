import Assistant
import Foundation
import Synchronization

/// Sessions keyed by user and network, shared by every connection: a bridge multiplexes many
/// users on one connection, and a user who reconnects continues where they were. One user's
/// turns run strictly one at a time; different users run concurrently.
public final class SessionHub: Sendable {
    public let assistant: Assistant
    private let boxes = Mutex<[String: SessionBox]>([:])

    public init(assistant: Assistant) {
        self.assistant = assistant
    }

    /// Runs one turn for `user`, serialised with that user's other turns.
    public func handle(_ text: String, user: UserRef) -> Reply {
        box(for: user).run { $0.handle(text) }
    }

    /// Drops the user's unfinished flows.
    public func reset(user: UserRef) -> Reply {
        box(for: user).run { $0.reset() }
    }

    public var sessionCount: Int { boxes.withLock { $0.count } }

    private func box(for user: UserRef) -> SessionBox {
        let key = (user.network ?? "") + "\u{1F}" + user.id
        return boxes.withLock { map in
            if let b = map[key] { return b }
            let b = SessionBox(assistant.session(for: user))
            map[key] = b
            return b
        }
    }
}

/// One user's session behind a lock.
/// `@unchecked Sendable`: `session` is only touched inside `run`, under `lock`.
final class SessionBox: @unchecked Sendable {
    private let lock = NSLock()
    private let session: Session

    init(_ session: Session) { self.session = session }

    func run<T>(_ body: (Session) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(session)
    }
}
