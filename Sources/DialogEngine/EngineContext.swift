import CivilTime
import Domain
import Foundation
import Understanding

/// What a turn may know besides the user's words: the time and the network's people.
public struct EngineContext: Sendable {
    public var temporal: TemporalContext
    /// Members' names, for matching "la Marce" to "Marcela Soto".
    public var members: [String]
    /// The person talking, for "yo".
    public var userName: String?
    /// The network's members as registered; nil when unknown (no new-member question then).
    public var roster: [String]?
    /// The session's turn counter, stamped on flows as they begin (`FlowRun.started`).
    public var turn: Int = 0
    /// The network as stored when the turn began (nil before there is one): what flow
    /// extensions check values against.
    public var snapshot: NetworkSnapshot?
    /// The record this conversation saved last (what «deshacer» or «ah, es en la escuela El
    /// Peumo» right after a save are about); set by the engine from its state.
    public var lastSave: LastSave?
    /// The values checked are one record of several said at once, shown together before anything
    /// is asked (`DialogEngine.beginBatch`): a flow may keep remarks meant for one record alone.
    public var inBatch = false
    /// What each flow needs beyond its YAML (`FlowExtension`), by flow id.
    public var extensions = FlowExtensions.empty
    /// The message being handled (`Utterance.clean`), for what a reading needs of it beyond the
    /// value read (who a newcomer is: `FlowRun.Check.newPeople`'s `about`); nil outside a message.
    public var message: String?

    public init(now: Date, timeZone: TimeZone, localNow: LocalDateTime? = nil, members: [String] = [],
                userName: String? = nil, roster: [String]? = nil) {
        temporal = TemporalContext(now: now, timeZone: timeZone, localNow: localNow)
        self.members = members
        self.userName = userName
        self.roster = roster
    }

    public var today: LocalDate { temporal.today }
}
