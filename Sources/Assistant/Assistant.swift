import CivilTime
import DialogEngine
import Domain
import FileStore
import Foundation
import Logging
import StoreHistory
import Locks

/// Minga's one entry point for every channel (terminal, `chat --json`, socket, transcripts):
/// flows + store + clock. Sessions come from here, so every channel gives the same replies.
public final class Assistant: Sendable {
    public let store: any MingaStore
    public let flows: FlowSource
    public let clock: CivilTime.Clock
    let logger: Logger
    /// Each network's known people, shared by its sessions.
    let people = KnownPeople()
    /// Each network's pending-agreements summary for the greeting, by revision and day: every
    /// new conversation opens with it, and it reads every agreement.
    private let pendingSummaries = PlainLock<[String: (revision: Int, today: LocalDate, lines: [String], listed: [String]?)]>([:])

    /// The greeting's pending agreements, and those it lists whole (`Answers.pending`).
    func pendingSummary(_ snapshot: NetworkSnapshot, today: LocalDate) -> (lines: [String], listed: [String]?) {
        let id = snapshot.network.id
        if let hit = pendingSummaries.withLock({ $0[id] }), hit.revision == snapshot.revision, hit.today == today {
            return (hit.lines, hit.listed)
        }
        var listed: [String]?
        let lines = Answers.pending(snapshot, today: today, user: nil, listed: &listed)
        pendingSummaries.withLock { $0[id] = (snapshot.revision, today, lines, listed) }
        return (lines, listed)
    }

    /// Longest message Minga reads; longer ones get a Spanish explanation and change nothing.
    public static let maxMessageLength = 8_000

    /// Whether a session makes its saves durable (`store.commit()`) before returning the reply
    /// that confirms them. A channel that holds replies back and commits many turns' saves at
    /// once (`minga chat --json` reading a pipe) turns it off and commits before writing them.
    public let commitsEachTurn: Bool

    /// The store's history (a store under git), or nil: each save's writes go to it with the
    /// member who made them, and it answers «¿quién cambió el acuerdo 3?».
    public let changes: (any StoreChanges)?

    public init(store: any MingaStore, flows: FlowSource, clock: CivilTime.Clock,
                logger: Logger = Logger(label: "minga"), commitsEachTurn: Bool = true, changes: (any StoreChanges)? = nil) {
        self.store = store
        self.changes = changes
        self.commitsEachTurn = commitsEachTurn
        self.flows = flows
        self.clock = clock
        self.logger = logger
    }

    /// Removes the files of conversations with nothing in progress that nobody touched for
    /// `retention` seconds (their user starts afresh next time); returns how many.
    @discardableResult
    public func sweepFinishedSessions(retention: TimeInterval, now: Date = Date()) -> Int {
        store.removeSessions(untouchedSince: now.addingTimeInterval(-retention)) { Session.isFinished($0) }
    }

    /// The session of `user`, restored from the store when it exists.
    public func session(for user: UserRef) -> Session {
        Session(assistant: self, user: user)
    }
}
