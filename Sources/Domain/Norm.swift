import CivilTime

/// A norm of how the network works together (normas de funcionamiento): proposed, agreed by
/// some members on a date, or later repealed.
public struct Norm: Hashable, Sendable, Codable {
    public enum State: String, Hashable, Sendable, Codable, CaseIterable {
        case propuesta, acordada, derogada

        public var label: String { rawValue }
    }

    /// "N-1".
    public var id: String
    public var text: String
    /// When it reached its current state (proposed, agreed or repealed).
    public var date: LocalDate?
    /// The day it was agreed, kept once it changes state again (repealed, or agreed again after a
    /// repeal: `date` is then the day of that last change). nil while `date` says it (a norm agreed
    /// once and still agreed) or it was never agreed. Key `acordada_el`.
    public var agreedOn: LocalDate? = nil
    /// Who agreed it (member names).
    public var agreedBy: [String]
    public var state: State
    /// Why it was repealed («nadie la cumplía»), when it was said.
    public var reason: String?
    /// Who registered it (the session's user name at save time); nil in files from before.
    public var registeredBy: String? = nil
    /// Each change of state made to it after it was written (key `historial`), oldest first; nil
    /// in files from before (optional so an index written before still loads).
    public var storedChanges: [Change]? = nil

    /// One change of state: what the norm was before it, so nothing a change replaced is lost
    /// (and «deshacer» can put it back as it was).
    public struct Change: Hashable, Sendable, Codable {
        /// The day of the change (the day said, else the day it was saved).
        public var date: LocalDate?
        /// The state it went to.
        public var state: State
        /// What the norm was before the change (key `antes`: its own keys `estado`, `fecha`,
        /// `acordada_el`, `acordada_por`, `motivo`).
        public var before: State
        public var beforeDate: LocalDate?
        public var beforeAgreedOn: LocalDate?
        public var beforeAgreedBy: [String]
        public var beforeReason: String?
        /// Why, when said (a repeal's reason).
        public var reason: String?
        /// Who made the change (the session's user name), when known.
        public var by: String?

        /// It undid the change before it («deshacer»; key `deshace: true`).
        public var isUndo = false

        public init(date: LocalDate?, state: State, before: State, beforeDate: LocalDate?, beforeAgreedOn: LocalDate? = nil,
                    beforeAgreedBy: [String] = [], beforeReason: String? = nil, reason: String? = nil, by: String? = nil) {
            self.date = date
            self.state = state
            self.before = before
            self.beforeDate = beforeDate
            self.beforeAgreedOn = beforeAgreedOn
            self.beforeAgreedBy = beforeAgreedBy
            self.beforeReason = beforeReason
            self.reason = reason
            self.by = by
        }
    }

    public var changes: [Change] {
        get { storedChanges ?? [] }
        set { storedChanges = newValue.isEmpty ? nil : newValue }
    }

    /// Puts back what the norm was before its last change («deshacer»): the record as it was,
    /// the change kept in its history with the undo after it. False without a change to undo.
    public mutating func undoLastChange(on day: LocalDate, by: String?) -> Bool {
        guard let last = changes.last, !last.isUndo else { return false }
        let was = self
        state = last.before
        date = last.beforeDate
        agreedOn = last.beforeAgreedOn
        agreedBy = last.beforeAgreedBy
        reason = last.beforeReason
        var undo = Change(date: day, state: state, before: was.state, beforeDate: was.date, beforeAgreedOn: was.agreedOn,
                          beforeAgreedBy: was.agreedBy, beforeReason: was.reason, by: by)
        undo.isUndo = true
        changes.append(undo)
        return true
    }

    /// The day it was agreed, for a norm agreed at some point: the day kept (`agreedOn`), else
    /// its `date` while it is agreed.
    public var agreedDay: LocalDate? { agreedOn ?? (state == .acordada ? date : nil) }

    /// Goes to `state` on `day`, keeping what it was in its history. `said`: the day was said
    /// («la acordamos el 5 de noviembre»), so for an agreement it is the day it was agreed.
    /// The day it was agreed is never lost: a repeal, or an agreement again after one, keeps it
    /// in `agreedOn`; back to a proposal (saved as agreed by mistake) it is no day it was agreed,
    /// and only the history keeps it.
    public mutating func change(to state: State, on day: LocalDate, said: Bool, agreedBy: [String]?, reason: String?, by: String?) {
        let was = self
        let agreed = agreedDay
        // Told again the state it has («quedó acordada», to add who agreed it): no change of
        // state, so its day stays.
        let day = state == was.state && !said ? was.date ?? day : day
        switch state {
        case .acordada:
            // A day said is the day it was agreed; none said: the day kept, if it was agreed before.
            agreedOn = said ? nil : (was.state == .acordada ? agreedOn : agreed)
            self.agreedBy = agreedBy ?? self.agreedBy
            self.reason = nil
        case .derogada:
            agreedOn = agreed
            self.reason = reason ?? (was.state == .derogada ? self.reason : nil)
        case .propuesta:
            agreedOn = nil
            self.agreedBy = []
            self.reason = nil
        }
        self.state = state
        self.date = day
        if state == .acordada, agreedOn == date { agreedOn = nil }
        guard self != was else { return }
        changes.append(Change(date: day, state: state, before: was.state, beforeDate: was.date, beforeAgreedOn: was.agreedOn, beforeAgreedBy: was.agreedBy,
                              beforeReason: was.reason, reason: state == .derogada ? reason : nil, by: by))
    }

    public init(id: String, text: String, date: LocalDate?, agreedBy: [String] = [], state: State = .propuesta, reason: String? = nil) {
        self.id = id
        self.text = text
        self.date = date
        self.agreedBy = agreedBy
        self.state = state
        self.reason = reason
    }

    public var number: Int? { RecordNumber.of(id) }
}
