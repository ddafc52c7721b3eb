import CivilTime
import DialogEngine
import Domain
import FileStore
import Foundation
import Logging

/// Minga's one entry point for every channel (terminal, `chat --json`, socket, transcripts):
/// flows + store + clock. Sessions come from here, so every channel gives the same replies.
public final class Assistant: Sendable {
    public let store: any MingaStore
    public let flows: FlowSource
    public let clock: CivilTime.Clock
    let logger: Logger
    /// Each network's known people, shared by its sessions.
    let people = KnownPeople()

    /// Longest message Minga reads; longer ones get a Spanish explanation and change nothing.
    public static let maxMessageLength = 8_000

    public init(store: any MingaStore, flows: FlowSource, clock: CivilTime.Clock,
                logger: Logger = Logger(label: "minga")) {
        self.store = store
        self.flows = flows
        self.clock = clock
        self.logger = logger
    }

    /// The session of `user`, restored from the store when it exists.
    public func session(for user: UserRef) -> Session {
        Session(assistant: self, user: user)
    }
}
