import CivilTime

/// Everything the store knows about one network at one moment: what queries, greetings and
/// the dialog engine read. A value, so the core can reason about it without I/O.
public struct NetworkSnapshot: Hashable, Sendable {
    public var network: Network
    public var members: [Member]
    public var agreements: [Agreement]

    public init(network: Network, members: [Member] = [], agreements: [Agreement] = []) {
        self.network = network
        self.members = members
        self.agreements = agreements
    }

    /// Open agreements, earliest plazo first.
    public func openAgreements(on today: LocalDate) -> [Agreement] {
        agreements.filter { $0.status(on: today).isOpen }
            .sorted { ($0.deadline ?? LocalDate(year: 9999, month: 12, day: 31), $0.number ?? 0)
                < ($1.deadline ?? LocalDate(year: 9999, month: 12, day: 31), $1.number ?? 0) }
    }

    public func overdueAgreements(on today: LocalDate) -> [Agreement] {
        openAgreements(on: today).filter { $0.status(on: today) == .vencido }
    }

    /// Open agreements whose plazo falls within the next `days` days (today included).
    public func agreementsDue(within days: Int, on today: LocalDate) -> [Agreement] {
        openAgreements(on: today).filter {
            guard let d = $0.deadline else { return false }
            return d >= today && today.days(until: d) < days
        }
    }
}
