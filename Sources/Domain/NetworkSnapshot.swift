import CivilTime

/// Everything the store knows about one network at one moment: what queries, greetings and
/// the dialog engine read. A value, so the core can reason about it without I/O.
public struct NetworkSnapshot: Hashable, Sendable {
    public var network: Network
    public var members: [Member]
    public var agreements: [Agreement]
    public var purpose: Purpose?
    public var meetings: [Meeting]
    public var polls: [Poll]
    public var reflections: [Reflection]
    public var diagnoses: [Diagnosis]
    /// Vinculación con el territorio, normas, decisiones and practices to institutionalise.
    public var organizations: [Organization] = []
    public var norms: [Norm] = []
    public var decisions: [Decision] = []
    public var practices: [Practice] = []
    /// Changes whenever the store hands out a changed snapshot of this network: a cheap way to
    /// tell that something derived from it (the people it knows) must be built again. Not part
    /// of equality: two reads of the same records are equal whatever their revisions.
    public var revision: Int = 0
    /// The revision of the last change that was not a record added at the end (an edit, a
    /// removal, a member): what was derived before it must be rebuilt, not just extended.
    public var rewritten: Int = 0

    public static func == (a: NetworkSnapshot, b: NetworkSnapshot) -> Bool {
        a.network == b.network && a.members == b.members && a.agreements == b.agreements && a.purpose == b.purpose
            && a.meetings == b.meetings && a.polls == b.polls && a.reflections == b.reflections && a.diagnoses == b.diagnoses
            && a.organizations == b.organizations && a.norms == b.norms && a.decisions == b.decisions && a.practices == b.practices
    }

    public func hash(into h: inout Hasher) {
        h.combine(network)
        h.combine(agreements.count)
        h.combine(members.count)
    }

    public init(network: Network, members: [Member] = [], agreements: [Agreement] = [], purpose: Purpose? = nil,
                meetings: [Meeting] = [], polls: [Poll] = [], reflections: [Reflection] = [], diagnoses: [Diagnosis] = []) {
        self.network = network
        self.members = members
        self.agreements = agreements
        self.purpose = purpose
        self.meetings = meetings
        self.polls = polls
        self.reflections = reflections
        self.diagnoses = diagnoses
    }

    /// The network as lists, answers and exports show it: without the meetings, polls,
    /// reflections and members deleted by mistake (their files keep them).
    public var live: NetworkSnapshot {
        guard meetings.contains(where: { $0.deleted != nil }) || polls.contains(where: { $0.deleted != nil })
                || reflections.contains(where: { $0.deleted != nil }) || members.contains(where: { $0.deleted != nil }) else { return self }
        var s = self
        s.meetings.removeAll { $0.deleted != nil }
        s.polls.removeAll { $0.deleted != nil }
        s.reflections.removeAll { $0.deleted != nil }
        s.members.removeAll { $0.deleted != nil }
        return s
    }

    public func agreement(number: Int) -> Agreement? { agreements.first { $0.number == number } }
    public func meeting(number: Int) -> Meeting? { meetings.first { $0.number == number } }

    /// The next occurrence of any meeting, at or after `now`: (meeting, start).
    public func nextMeeting(after now: LocalDateTime) -> (Meeting, LocalDateTime)? {
        meetings.compactMap { m in m.next(after: now).map { (m, $0) } }.min { $0.1 < $1.1 }
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
