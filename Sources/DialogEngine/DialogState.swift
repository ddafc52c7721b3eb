import CivilTime

/// A session's dialog state: a stack of active flows and the paused ones. Serialisable, so a
/// chat killed mid-flow resumes at the same question.
///
/// Its fields live in one copy-on-write box (as `FlowRun`'s do): a turn copies the state several
/// times (the state before the turn, kept to put back on a failed save; the session saved after
/// it; probes of the engine on a scratch copy), and each copy of its two arrays and six optional
/// records cost a retain and a release apiece; now a copy is one reference, and only a mutation
/// of a shared state copies the fields (once).
public struct DialogState: Hashable, Sendable, Codable {
    /// The stored fields, encoded and compared exactly as the state's own (the box is invisible
    /// in a saved session).
    struct Fields: Hashable, Sendable, Codable {
        var stack: [FlowRun] = []
        var paused: [FlowRun] = []
        var pending: Pending?
        var listing: ListCursor?
        var lastSave: LastSave?
        var queued: QueuedRequest?
        var following: [FollowingRequest]?
        var lastDay: LocalDate?
    }

    /// Mutated only while uniquely referenced (`fields`' `_modify` copies a shared box first),
    /// so sharing it across threads is safe; exclusivity is unchecked because every access goes
    /// through that discipline.
    final class Box: @unchecked Sendable {
        @exclusivity(unchecked) var fields: Fields

        init(_ fields: Fields) { self.fields = fields }
    }

    /// One empty state shared by every new one (a session that never ran a flow allocates none).
    private static let empty = Box(Fields())

    private var box: Box

    /// The fields for writing: a box shared with another copy of the state is copied first.
    private var fields: Fields {
        get { box.fields }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            yield &box.fields
        }
    }

    /// Active flows; the last one is the one being talked about.
    public var stack: [FlowRun] {
        get { box.fields.stack }
        set { fields.stack = newValue }
        _modify { yield &fields.stack }
    }
    public var paused: [FlowRun] {
        get { box.fields.paused }
        set { fields.paused = newValue }
        _modify { yield &fields.paused }
    }
    /// A question Minga asked outside any slot (e.g. "¿dejamos el acuerdo en pausa?").
    public var pending: Pending? {
        get { box.fields.pending }
        set { fields.pending = newValue }
        _modify { yield &fields.pending }
    }
    /// The last list answered in parts («…y 9.996 más»): what «más» continues and «los de Ana» narrows.
    public var listing: ListCursor? {
        get { box.fields.listing }
        set { fields.listing = newValue }
        _modify { yield &fields.listing }
    }
    /// The record this conversation saved last, until another flow starts: what «deshacer» undoes.
    public var lastSave: LastSave? {
        get { box.fields.lastSave }
        set { fields.lastSave = newValue }
        _modify { yield &fields.lastSave }
    }
    /// A request made while a set-up flow (`hidden`) ran, which needs it done first: offered
    /// again when it completes.
    public var queued: QueuedRequest? {
        get { box.fields.queued }
        set { fields.queued = newValue }
        _modify { yield &fields.queued }
    }
    /// More requests said in the same message as the flow running (who came to the meeting the
    /// agreements were taken in): the next one starts when the current one is saved (several of
    /// one flow with `batchNames` start together, as one batch).
    public var following: [FollowingRequest]? {
        get { box.fields.following }
        set { fields.following = newValue }
        _modify { yield &fields.following }
    }
    /// The day of the last message handled: a conversation that comes back another day to a
    /// flow left open reads its first message more carefully (`readAfterPause`).
    public var lastDay: LocalDate? {
        get { box.fields.lastDay }
        set { fields.lastDay = newValue }
    }

    public init() { box = Self.empty }

    public static func == (lhs: DialogState, rhs: DialogState) -> Bool {
        lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
    }

    public func hash(into hasher: inout Hasher) { box.fields.hash(into: &hasher) }

    public init(from decoder: any Decoder) throws {
        box = Box(try Fields(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws { try box.fields.encode(to: encoder) }

    public var current: FlowRun? {
        get { box.fields.stack.last }
        set {
            if let newValue { let last = box.fields.stack.count - 1; fields.stack[last] = newValue } else if !box.fields.stack.isEmpty { fields.stack.removeLast() }
        }
    }

    /// `stack.isEmpty && pending == nil`, read in place (no copy of the stack or the pending question).
    public var isIdle: Bool { box.fields.stack.isEmpty && box.fields.pending == nil }
}

/// A flow asked for while another had to finish first, with the words that asked for it.
public struct QueuedRequest: Hashable, Sendable, Codable {
    public var flow: String
    public var request: String

    public init(flow: String, request: String) {
        self.flow = flow
        self.request = request
    }
}

/// A request said along with another of the same flow, with the values they share (the meeting
/// the agreements were taken in).
public struct FollowingRequest: Hashable, Sendable, Codable {
    public var flow: String
    public var request: String
    public var values: SlotValues
    /// The words are that flow's whole request, read as one (people, dates, its text), not only
    /// by the flow's own prefill (an agreement told in an acta). Nil in sessions saved before.
    public var reads: Bool?

    public init(flow: String, request: String, values: SlotValues, reads: Bool? = nil) {
        self.flow = flow
        self.request = request
        self.values = values
        self.reads = reads
    }
}

/// A record a flow saved: the flow and the record's id ("acuerdo", "A-3").
public struct LastSave: Hashable, Sendable, Codable {
    public var flow: String
    public var record: String
    /// What the record was before the save, as the flow wrote it («deshacer» puts it back);
    /// nil for a record the save created. Optional so states saved before it still load.
    public var before: [String: String]?
    /// The records saved with it in one confirmation (a batch of agreements), before it:
    /// «deshacer» undoes them all.
    public var others: [String]?

    public init(flow: String, record: String, before: [String: String]? = nil, others: [String]? = nil) {
        self.flow = flow
        self.record = record
        self.before = before
        self.others = others
    }

    /// Every record of the save, in the order they were saved.
    public var records: [String] { (others ?? []) + [record] }
}

/// Where a long list answer stopped, and what it listed: a few bytes, persisted with the state.
public struct ListCursor: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case agreements, meetings, reflections
    }

    public var kind: Kind
    /// Items already shown.
    public var shown: Int
    /// Agreements: whose («los de Ana»), the member's full name.
    public var person: String?
    /// Agreements' plazo or meetings' date: year * 100 + month.
    public var month: Int?
    /// Agreements: `Agreement.Status` raw value, "abiertos" or "todos".
    public var status: String?
    /// Reflections: the topic words asked about.
    public var words: String?
    /// Meetings: the day or days a day or week list showed whole, «2026-12-07/2026-12-13».
    public var span: String?
    /// The records a short list showed whole, in order («A-1», «A-3»): «los dos» after it says
    /// the next request of each. Nil for a long list, and once something is saved.
    public var records: [String]?

    public init(kind: Kind, shown: Int = 0, person: String? = nil, month: Int? = nil, status: String? = nil, words: String? = nil,
                span: String? = nil, records: [String]? = nil) {
        self.kind = kind
        self.shown = shown
        self.person = person
        self.month = month
        self.status = status
        self.words = words
        self.span = span
        self.records = records
    }
}

/// Questions the engine asks on its own behalf, not a slot's.
public enum Pending: Hashable, Sendable, Codable {
    /// Start `flow` (with the user's original text) after pausing the current one?
    case switchFlow(flow: String, text: String)
    /// Read from sessions saved before it was retired: now the same as `switchFlow` (a «no»
    /// keeps nothing; it took `text` as the answer to the question underneath).
    case switchOrAnswer(flow: String, text: String)
    /// Really cancel the current flow?
    case cancel
    /// Several flows matched: which one?
    case pickFlow([String])
    /// Which paused flow to resume?
    case pickPaused
    /// Several flows fit `request` equally: which one? The one picked starts with what it says.
    case pickFlowFor([String], request: String)
    /// «¿Cómo te llamas?», asked because `answer` (a people answer) said «yo» and the message came
    /// without the writer's name: `answer` is read again once the name is known.
    case speakerName(answer: String)

    /// The menu shown (a pick among every flow), which any other request may pass by.
    public var isMenu: Bool {
        if case .pickFlow = self { true } else { false }
    }
}

/// One flow in progress.
///
/// Its fields live in one copy-on-write box: a turn passes the running flow around by value
/// many times (read from the stack, handed to readers and hooks, kept while it is replaced), and
/// each copy of a dozen separately counted fields cost a retain and a release apiece; now a copy
/// is one reference, and only a mutation of a shared run copies the fields (once).
public struct FlowRun: Hashable, Sendable, Codable {
    public enum Phase: Hashable, Sendable, Codable {
        /// Waiting for this slot's answer.
        case asking(String)
        /// Waiting for "¿otro?" on a list slot.
        case more(String)
        /// Showing the summary, waiting for sí / no / a field to change.
        case confirming
        /// Asked "¿qué quieres cambiar?".
        case choosingEdit
    }

    /// A value waiting for the user's say-so before it is taken.
    ///
    /// Indirect: its payloads (a slot value, names) made it 128 bytes inline in every run's
    /// fields, and `hasCheck`, asked ~17 times a turn, copied all of it out to read the case.
    /// Boxed, an absent check is a null word; a check is rare, so its one allocation is too.
    public indirect enum Check: Hashable, Sendable, Codable {
        /// The date already passed: keep it?
        case pastDate(slot: String, value: SlotValue)
        /// Ambiguous words: which of these dates?
        case whichDate(slot: String, options: [LocalDate])
        /// Names that are not members yet: add them to the network?
        /// `about` says who each is as the message said it (`names`' order; "" for none):
        /// «directora, Escuela Tranaquepe», kept for the member saved on a yes.
        case newPeople(slot: String, value: SlotValue, names: [String], about: [String] = [])

        /// A question about the day itself (kept though past, or which of two).
        public var isDateCheck: Bool {
            switch self {
            case .pastDate, .whichDate: true
            case .newPeople: false
            }
        }
    }

    /// The stored fields, encoded and compared exactly as the run's own (the box is invisible
    /// in a saved session).
    struct Fields: Hashable, Sendable, Codable {
        var flowID: String
        var values: SlotValues = [:]
        var answered: [String] = []
        var phase: Phase
        var misses: Int = 0
        var check: Check?
        var returnToConfirm: Bool = false
        var skipped: [String] = []
        var started: Int?
        var partials: SlotValues?
        var round: Int?
        var editingList: [String]?
        var replacing: SlotValues?
        var batch: [FlowRun]?
        var batchAt: Int?
        var everyoneSaid: [String]?
        var keeping: SlotValues?

        init(flowID: String, phase: Phase) {
            self.flowID = flowID
            self.phase = phase
        }
    }

    /// Mutated only while uniquely referenced (`fields`' `_modify` copies a shared box first),
    /// so sharing it across threads is safe; exclusivity is unchecked because every access goes
    /// through that discipline (a checked access cost more than the copy it saves).
    final class Box: @unchecked Sendable {
        @exclusivity(unchecked) var fields: Fields

        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    /// The fields for writing: a box shared with another copy of the run is copied first.
    private var fields: Fields {
        get { box.fields }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            yield &box.fields
        }
    }

    public var flowID: String {
        get { box.fields.flowID }
        set { fields.flowID = newValue }
    }
    public var values: SlotValues {
        get { box.fields.values }
        set { fields.values = newValue }
        _modify { yield &fields.values }
    }
    /// Slot names in the order they were answered, for "atrás".
    public var answered: [String] {
        get { box.fields.answered }
        set { fields.answered = newValue }
        _modify { yield &fields.answered }
    }
    public var phase: Phase {
        get { box.fields.phase }
        set { fields.phase = newValue }
    }
    /// Consecutive answers Minga could not use for the current question: the re-ask ladder's step.
    public var misses: Int {
        get { box.fields.misses }
        set { fields.misses = newValue }
    }
    public var check: Check? {
        get { box.fields.check }
        set { fields.check = newValue }
    }
    /// `check != nil`, read in place: the getter copies the check out of the box (through the
    /// optional's generic copy), and a turn asks this about ten times.
    public var hasCheck: Bool {
        switch box.fields.check {
        case .none: false
        case .some: true
        }
    }
    /// When the user is editing one field from the confirmation, go back to it afterwards.
    public var returnToConfirm: Bool {
        get { box.fields.returnToConfirm }
        set { fields.returnToConfirm = newValue }
    }
    /// Slots the user chose to skip.
    public var skipped: [String] {
        get { box.fields.skipped }
        set { fields.skipped = newValue }
        _modify { yield &fields.skipped }
    }
    /// The session's turn number when this flow began (`EngineContext.turn`): with the session's
    /// seed it names this run of the flow, so its save is recognised if a crash makes it repeat.
    public var started: Int? {
        get { box.fields.started }
        set { fields.started = newValue }
    }
    /// Half of a day-and-time answer, by slot ("el 10" now, "a las 9" next): kept until the other half comes.
    public var partials: SlotValues? {
        get { box.fields.partials }
        set { fields.partials = newValue }
        _modify { yield &fields.partials }
    }
    /// This run's place in a round (1 = the first) when the flow goes through several records
    /// one after another (each objective in a review); nil for a run on its own.
    public var round: Int? {
        get { box.fields.round }
        set { fields.round = newValue }
    }
    /// A list field picked from the review: the items it had, shown so that «agrega …», «saca
    /// la 2» or «cambia la 1 por …» change them (a whole new list replaces them).
    public var editingList: [String]? {
        get { box.fields.editingList }
        set { fields.editingList = newValue }
        _modify { yield &fields.editingList }
    }
    /// How the people fields were said: the names of those said as the whole network («todos»,
    /// «nosotros»); the others were said as «yo» or by names. Nil in sessions saved before (and
    /// before any people field is said). A draft moved to another network takes only the first
    /// as that network's members (in a network of one, «yo» was its whole list too).
    public var everyoneSaid: [String]? {
        get { box.fields.everyoneSaid }
        set { fields.everyoneSaid = newValue }
        _modify { yield &fields.everyoneSaid }
    }
    /// The value a field had before it was asked again from the review («5» → «¿Cuál fue el
    /// resultado?»), until the new one is taken: what the flow's check compares the new one with.
    public var replacing: SlotValues? {
        get { box.fields.replacing }
        set { fields.replacing = newValue }
        _modify { yield &fields.replacing }
    }
    /// The values a review had when «está todo malo» asked every field again
    /// (`walkFieldsAgain`): each question shows its field's and «igual» keeps it. A field's
    /// entry goes once it is answered. Nil otherwise (optional, so saved sessions still load).
    public var keeping: SlotValues? {
        get { box.fields.keeping }
        set { fields.keeping = newValue }
        _modify { yield &fields.keeping }
    }
    /// Several records of this flow said in one message («acordamos tres cosas: 1) … 2) …»): all
    /// of them, in order, reviewed and saved together; the entry at `batchAt` is this run itself
    /// (its live values are the run's own). Nil for a run on its own.
    public var batch: [FlowRun]? {
        get { box.fields.batch }
        set { fields.batch = newValue }
        _modify { yield &fields.batch }
    }
    /// This run's place in `batch` (0 = the first).
    public var batchAt: Int? {
        get { box.fields.batchAt }
        set { fields.batchAt = newValue }
    }

    public init(flowID: String, phase: Phase) {
        box = Box(Fields(flowID: flowID, phase: phase))
    }

    public static func == (lhs: FlowRun, rhs: FlowRun) -> Bool {
        lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
    }

    public func hash(into hasher: inout Hasher) { box.fields.hash(into: &hasher) }

    public init(from decoder: any Decoder) throws {
        box = Box(try Fields(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws { try box.fields.encode(to: encoder) }

    public var currentSlot: String? {
        switch box.fields.phase {
        case .asking(let s), .more(let s): s
        default: nil
        }
    }
}
