import CivilTime
import Domain
import Foundation
import Understanding

/// What a turn may know besides the user's words: the time and the network's people.
///
/// The fields live in one shared storage, copied only when a copy of the context is changed
/// (copy on write): a turn copies the context several times, and each copy retained and
/// released every field (its time zone through the existential's value witnesses), ~2.5k
/// instructions a turn. Read in place (`_read`): `context.members` copies nothing.
public struct EngineContext: Sendable {
    private final class Storage: @unchecked Sendable {
        // Changed only through `unique` (never while shared): no exclusivity checks needed.
        @exclusivity(unchecked) var temporal: TemporalContext
        @exclusivity(unchecked) var members: [String]
        @exclusivity(unchecked) var userName: String?
        @exclusivity(unchecked) var roster: [String]?
        @exclusivity(unchecked) var turn: Int = 0
        @exclusivity(unchecked) var snapshot: NetworkSnapshot?
        @exclusivity(unchecked) var lastSave: LastSave?
        @exclusivity(unchecked) var inBatch = false
        @exclusivity(unchecked) var extensions = FlowExtensions.empty

        init(temporal: TemporalContext, members: [String], userName: String?, roster: [String]?) {
            self.temporal = temporal
            self.members = members
            self.userName = userName
            self.roster = roster
        }

        init(copying o: Storage) {
            temporal = o.temporal
            members = o.members
            userName = o.userName
            roster = o.roster
            turn = o.turn
            snapshot = o.snapshot
            lastSave = o.lastSave
            inBatch = o.inBatch
            extensions = o.extensions
        }
    }

    private var storage: Storage

    private var unique: Storage {
        mutating get {
            if !isKnownUniquelyReferenced(&storage) { storage = Storage(copying: storage) }
            return storage
        }
    }

    public var temporal: TemporalContext {
        _read { yield storage.temporal }
        _modify { yield &unique.temporal }
    }
    /// Members' names, for matching "la Marce" to "Marcela Soto".
    public var members: [String] {
        _read { yield storage.members }
        _modify { yield &unique.members }
    }
    /// The person talking, for "yo".
    public var userName: String? {
        _read { yield storage.userName }
        _modify { yield &unique.userName }
    }
    /// The network's members as registered; nil when unknown (no new-member question then).
    public var roster: [String]? {
        _read { yield storage.roster }
        _modify { yield &unique.roster }
    }
    /// The session's turn counter, stamped on flows as they begin (`FlowRun.started`).
    public var turn: Int {
        get { storage.turn }
        set { unique.turn = newValue }
    }
    /// The network as stored when the turn began (nil before there is one): what flow
    /// extensions check values against.
    public var snapshot: NetworkSnapshot? {
        _read { yield storage.snapshot }
        _modify { yield &unique.snapshot }
    }
    /// The record this conversation saved last (what «deshacer» or «ah, es en la escuela El
    /// Peumo» right after a save are about); set by the engine from its state.
    public var lastSave: LastSave? {
        _read { yield storage.lastSave }
        _modify { yield &unique.lastSave }
    }
    /// The values checked are one record of several said at once, shown together before anything
    /// is asked (`DialogEngine.beginBatch`): a flow may keep remarks meant for one record alone.
    public var inBatch: Bool {
        get { storage.inBatch }
        set { unique.inBatch = newValue }
    }
    /// What each flow needs beyond its YAML (`FlowExtension`), by flow id.
    public var extensions: FlowExtensions {
        _read { yield storage.extensions }
        _modify { yield &unique.extensions }
    }
    /// The message being handled (`Utterance.clean`), for what a reading needs of it beyond the
    /// value read (who a newcomer is: `FlowRun.Check.newPeople`'s `about`); nil outside a message.
    public var message: String? { said?.clean }
    /// The message as read, with its words: a reading that needs them does not tokenize
    /// `message` again (`noteHowSaid` and `knownDetails` each made its phrase anew, ~600
    /// instructions of a people answer's turn).
    /// (Outside the shared storage: it is set on every turn, and setting it there would copy the
    /// storage whenever the context is shared.)
    public var said: Utterance?
    /// Minga's own hello was the last thing said (the session's opening greeted, and no message
    /// came since): a «hola» then only asks the question again, with no second hello.
    /// (Outside the shared storage, as `said`: set by the session on every turn.)
    public var justGreeted = false
    /// The records a short list just showed, in order (`ListCursor.records`): «el segundo», «ese»
    /// right after it name one of them. Set by the engine from its state, outside the shared
    /// storage like `said`.
    public var listed: [String]?

    public init(now: Date, timeZone: TimeZone, localNow: LocalDateTime? = nil, members: [String] = [],
                userName: String? = nil, roster: [String]? = nil) {
        storage = Storage(temporal: TemporalContext(now: now, timeZone: timeZone, localNow: localNow), members: members,
                          userName: userName, roster: roster)
    }

    public var today: LocalDate { temporal.today }
}
