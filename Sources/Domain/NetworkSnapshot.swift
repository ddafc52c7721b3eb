import CivilTime

/// Everything the store knows about one network at one moment: what queries, greetings and
/// the dialog engine read. A value, so the core can reason about it without I/O.
public struct NetworkSnapshot: Hashable, Sendable {
    /// The records live in one shared box, copied only when a copy is changed: a snapshot is
    /// handed to every turn (the engine's context, the session, the answers), and copying its
    /// thirteen arrays and strings field by field retained each of them on every copy.
    ///
    /// Mutated only while uniquely referenced (`unique` copies a shared box first), as
    /// `FlowRun.Box`: exclusivity is unchecked because every access goes through that discipline,
    /// and the dynamic check cost each field read (`live`, `networkID`, several a turn) more than
    /// the read.
    private final class Storage: @unchecked Sendable {
        @exclusivity(unchecked) var network: Network
        @exclusivity(unchecked) var members: RecordList<Member>
        @exclusivity(unchecked) var agreements: RecordList<Agreement>
        @exclusivity(unchecked) var purpose: Purpose?
        @exclusivity(unchecked) var meetings: RecordList<Meeting>
        @exclusivity(unchecked) var polls: RecordList<Poll>
        @exclusivity(unchecked) var reflections: RecordList<Reflection>
        @exclusivity(unchecked) var diagnoses: RecordList<Diagnosis>
        @exclusivity(unchecked) var organizations: RecordList<Organization>
        @exclusivity(unchecked) var removedOrganizations: [Organization] = []
        @exclusivity(unchecked) var removedRecords: RemovedRecords?
        @exclusivity(unchecked) var norms: RecordList<Norm>
        @exclusivity(unchecked) var decisions: RecordList<Decision>
        @exclusivity(unchecked) var practices: RecordList<Practice>
        @exclusivity(unchecked) var results: RecordList<LearningResult>
        @exclusivity(unchecked) var revision: Int
        @exclusivity(unchecked) var rewritten: Int

        init(network: Network, members: [Member], agreements: [Agreement], purpose: Purpose?, meetings: [Meeting], polls: [Poll],
             reflections: [Reflection], diagnoses: [Diagnosis]) {
            self.network = network
            self.members = RecordList(members)
            self.agreements = RecordList(agreements)
            self.purpose = purpose
            self.meetings = RecordList(meetings)
            self.polls = RecordList(polls)
            self.reflections = RecordList(reflections)
            self.diagnoses = RecordList(diagnoses)
            organizations = []
            norms = []
            decisions = []
            practices = []
            results = []
            revision = 0
            rewritten = 0
        }

        init(copying o: Storage) {
            network = o.network
            members = o.members
            agreements = o.agreements
            purpose = o.purpose
            meetings = o.meetings
            polls = o.polls
            reflections = o.reflections
            diagnoses = o.diagnoses
            organizations = o.organizations
            removedOrganizations = o.removedOrganizations
            removedRecords = o.removedRecords
            norms = o.norms
            decisions = o.decisions
            practices = o.practices
            results = o.results
            revision = o.revision
            rewritten = o.rewritten
        }
    }

    private var storage: Storage

    /// The box, copied first when another snapshot shares it (the one about to be changed).
    private var unique: Storage {
        mutating get {
            if !isKnownUniquelyReferenced(&storage) { storage = Storage(copying: storage) }
            return storage
        }
    }

    public var network: Network {
        get { storage.network }
        set { unique.network = newValue }
        _modify { yield &unique.network }
    }
    /// `network.id` without copying the whole `Network` out of the box (read on every turn).
    public var networkID: String { storage.network.id }
    /// `network.region`, likewise.
    public var networkRegion: String? { storage.network.region }

    public var members: RecordList<Member> {
        get { storage.members }
        set { unique.members = newValue }
        _modify { yield &unique.members }
    }
    public var agreements: RecordList<Agreement> {
        get { storage.agreements }
        set { unique.agreements = newValue }
        _modify { yield &unique.agreements }
    }
    public var purpose: Purpose? {
        get { storage.purpose }
        set { unique.purpose = newValue }
        _modify { yield &unique.purpose }
    }
    public var meetings: RecordList<Meeting> {
        get { storage.meetings }
        set { unique.meetings = newValue }
        _modify { yield &unique.meetings }
    }
    public var polls: RecordList<Poll> {
        get { storage.polls }
        set { unique.polls = newValue }
        _modify { yield &unique.polls }
    }
    public var reflections: RecordList<Reflection> {
        get { storage.reflections }
        set { unique.reflections = newValue }
        _modify { yield &unique.reflections }
    }
    public var diagnoses: RecordList<Diagnosis> {
        get { storage.diagnoses }
        set { unique.diagnoses = newValue }
        _modify { yield &unique.diagnoses }
    }
    /// Vinculación con el territorio, normas, decisions and practices to institutionalise.
    public var organizations: RecordList<Organization> {
        get { storage.organizations }
        set { unique.organizations = newValue }
        _modify { yield &unique.organizations }
    }
    /// In a `live` snapshot, the organisations taken out of it (their files keep them): what
    /// «recupera la organización…» may name. Empty in a whole one.
    public var removedOrganizations: [Organization] {
        get { storage.removedOrganizations }
        set { unique.removedOrganizations = newValue }
    }
    /// In a `live` snapshot, the members, results, reflections and polls deleted from it (their
    /// files keep them): what «deshacer» or «recupera a …» may bring back. Nil in a whole one, or
    /// when nothing of the kind was deleted.
    public var removedRecords: RemovedRecords? {
        get { storage.removedRecords }
        set { unique.removedRecords = newValue }
    }
    public struct RemovedRecords: Sendable {
        public var members: [Member] = []
        public var results: [LearningResult] = []
        public var reflections: [Reflection] = []
        public var polls: [Poll] = []
        public var meetings: [Meeting] = []
        public var diagnoses: [Diagnosis] = []
    }
    public var norms: RecordList<Norm> {
        get { storage.norms }
        set { unique.norms = newValue }
        _modify { yield &unique.norms }
    }
    public var decisions: RecordList<Decision> {
        get { storage.decisions }
        set { unique.decisions = newValue }
        _modify { yield &unique.decisions }
    }
    public var practices: RecordList<Practice> {
        get { storage.practices }
        set { unique.practices = newValue }
        _modify { yield &unique.practices }
    }
    /// Learning results the network follows (SIMCE, a school's own assessments).
    public var results: RecordList<LearningResult> {
        get { storage.results }
        set { unique.results = newValue }
        _modify { yield &unique.results }
    }
    /// Changes whenever the store hands out a changed snapshot of this network: a cheap way to
    /// tell that something derived from it (the people it knows) must be built again. Not part
    /// of equality: two reads of the same records are equal whatever their revisions.
    public var revision: Int {
        get { storage.revision }
        set { unique.revision = newValue }
        _modify { yield &unique.revision }
    }
    /// The revision of the last change that was not a record added at the end (an edit, a
    /// removal, a member): what was derived before it must be rebuilt, not just extended.
    public var rewritten: Int {
        get { storage.rewritten }
        set { unique.rewritten = newValue }
        _modify { yield &unique.rewritten }
    }

    public static func == (a: NetworkSnapshot, b: NetworkSnapshot) -> Bool {
        a.network == b.network && a.members == b.members && a.agreements == b.agreements && a.purpose == b.purpose
            && a.meetings == b.meetings && a.polls == b.polls && a.reflections == b.reflections && a.diagnoses == b.diagnoses
            && a.organizations == b.organizations && a.norms == b.norms && a.decisions == b.decisions && a.practices == b.practices
            && a.results == b.results
    }

    public func hash(into h: inout Hasher) {
        h.combine(network)
        h.combine(agreements.count)
        h.combine(members.count)
    }

    public init(network: Network, members: [Member] = [], agreements: [Agreement] = [], purpose: Purpose? = nil,
                meetings: [Meeting] = [], polls: [Poll] = [], reflections: [Reflection] = [], diagnoses: [Diagnosis] = []) {
        storage = Storage(network: network, members: members, agreements: agreements, purpose: purpose, meetings: meetings,
                          polls: polls, reflections: reflections, diagnoses: diagnoses)
    }

    /// The network as lists, answers and exports show it: without the meetings, polls,
    /// reflections and members deleted by mistake (their files keep them).
    public var live: NetworkSnapshot {
        guard meetings.contains(where: { $0.deleted != nil }) || polls.contains(where: { $0.deleted != nil })
                || reflections.contains(where: { $0.deleted != nil }) || members.contains(where: \.isOut)
                || organizations.contains(where: { $0.deleted != nil }) || results.contains(where: { $0.deleted != nil })
                || diagnoses.contains(where: { $0.deleted != nil }) else { return self }
        var s = self
        // An agreement taken in a meeting deleted since stays, as a record of its own: it no
        // longer points at a meeting no list or export shows.
        let goneMeetings = Set(meetings.lazy.filter { $0.deleted != nil }.map(\.id))
        if !goneMeetings.isEmpty {
            for i in s.agreements.indices where s.agreements[i].meeting.map(goneMeetings.contains) == true { s.agreements[i].meeting = nil }
        }
        s.meetings.removeAll { $0.deleted != nil }
        s.polls.removeAll { $0.deleted != nil }
        s.diagnoses.removeAll { $0.deleted != nil }
        // A practice followed up from a reflection deleted since keeps its own text: it no longer
        // points at a reflection no list or export shows.
        let gone = Set(reflections.lazy.filter { $0.deleted != nil }.map(\.id))
        if !gone.isEmpty {
            // One only its reflection proposed (never taken up on its own) goes with it.
            s.practices.removeAll { p in p.awaitsProposal && p.reflection.map(gone.contains) == true }
            for i in s.practices.indices where s.practices[i].reflection.map(gone.contains) == true { s.practices[i].reflection = nil }
        }
        var removed = RemovedRecords()
        removed.members = members.filter(\.isOut)
        removed.results = results.filter { $0.deleted != nil }
        removed.reflections = reflections.filter { $0.deleted != nil }
        removed.polls = polls.filter { $0.deleted != nil }
        removed.meetings = meetings.filter { $0.deleted != nil }
        removed.diagnoses = diagnoses.filter { $0.deleted != nil }
        if !(removed.members.isEmpty && removed.results.isEmpty && removed.reflections.isEmpty && removed.polls.isEmpty && removed.meetings.isEmpty
             && removed.diagnoses.isEmpty) {
            s.removedRecords = removed
        }
        s.reflections.removeAll { $0.deleted != nil }
        s.members.removeAll(where: \.isOut)
        s.removedOrganizations = organizations.filter { $0.deleted != nil }
        s.organizations.removeAll { $0.deleted != nil }
        s.results.removeAll { $0.deleted != nil }
        return s
    }

    public func agreement(number: Int) -> Agreement? { agreements.first { $0.number == number } }
    public func meeting(number: Int) -> Meeting? { meetings.first { $0.number == number } }

    /// The next occurrence of any meeting, at or after `now`, that was not suspended: (meeting,
    /// start). Every «next meeting» (greeting, question, welcome, «pa la próxima reunión») is this one.
    public func nextMeeting(after now: LocalDateTime) -> (Meeting, LocalDateTime)? {
        meetings.compactMap { m in m.nextHeld(after: now).map { (m, $0) } }.min { $0.1 < $1.1 }
    }

    /// Occurrences of every meeting within `from...to`, in time order.
    public func occurrences(from: LocalDate, to: LocalDate) -> [(Meeting, LocalDateTime)] {
        meetings.flatMap { m in m.occurrences(from: from, to: to).map { (m, $0) } }.sorted { $0.1 < $1.1 }
    }

    /// Open agreements, earliest plazo first.
    public func openAgreements(on today: LocalDate) -> [Agreement] {
        let never = LocalDate(year: 9999, month: 12, day: 31)
        return agreements.filter { $0.status(on: today).isOpen }
            .sorted { ($0.deadline ?? never, $0.number ?? 0) < ($1.deadline ?? never, $1.number ?? 0) }
    }

    public func overdueAgreements(on today: LocalDate) -> [Agreement] {
        openAgreements(on: today).filter { $0.status(on: today) == .vencido }
    }

    /// Open agreements whose plazo falls within the next `days` days (today included).
    public func agreementsDue(within days: Int, on today: LocalDate) -> [Agreement] {
        openAgreements(on: today).filter { $0.isDue(within: days, on: today) }
    }
}
