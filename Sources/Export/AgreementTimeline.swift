import CivilTime
import Domain

/// What an agreement's file says about its past: which state it was in on a given day, read
/// from when it was registered and its history of changes. The report's "acuerdos en el tiempo"
/// chart is made of these.
public enum AgreementTimeline {
    /// The state of `a` at the end of `day`, or nil when it was not registered yet.
    ///
    /// The state is the last change made on or before `day` (pendiente before any); an open one
    /// whose plazo had passed is `vencido`, as on the day itself. A reprogramming overwrites the
    /// plazo in the file, so before it the earlier plazo is unknown: those days are never counted
    /// as vencido (the chart would rather miss a past delay than invent one).
    public static func status(of a: Agreement, on day: LocalDate) -> Agreement.Status? {
        if let registered = registeredDate(a), registered > day { return nil }
        let past = a.history.filter { change in (date(change.at) ?? day) <= day }
        let stored = past.last?.status ?? .pendiente
        let laterReprogramming = a.history.contains { change in
            change.deadline != nil && (date(change.at).map { $0 > day } ?? false)
        }
        let deadline = laterReprogramming ? nil : (past.last { $0.deadline != nil }?.deadline ?? a.deadline)
        if let deadline, deadline < day, stored == .pendiente || stored == .enProceso || stored == .reprogramado {
            return .vencido
        }
        return stored
    }

    /// The day the agreement was registered (the date part of its `registrado` stamp).
    public static func registeredDate(_ a: Agreement) -> LocalDate? { a.registered.flatMap(date) }

    /// "2026-12-10T09:00:00-03:00" → 2026-12-10 (the stamp is local time with its offset).
    static func date(_ stamp: String) -> LocalDate? { LocalDate(iso: String(stamp.prefix(10))) }

    /// The days a chart samples, oldest first, ending on `today`: month ends when the agreements
    /// span three months or more, else week ends; at most `limit` of them.
    public static func sampleDays(_ agreements: some Collection<Agreement>, today: LocalDate, limit: Int = 12) -> [LocalDate] {
        let first = agreements.compactMap(registeredDate).min() ?? today
        guard first < today else { return [today] }
        var days: [LocalDate] = []
        let monthsApart = (today.year - first.year) * 12 + today.month - first.month
        if monthsApart >= 2 {
            var month = LocalDate(year: first.year, month: first.month, day: 1)
            while month <= today {
                let end = month.adding(months: 1).adding(days: -1)
                days.append(min(end, today))
                month = month.adding(months: 1)
            }
        } else {
            var day = today
            while day >= first {
                days.insert(day, at: 0)
                day = day.adding(days: -7)
            }
            if let oldest = days.first, oldest > first { days.insert(first, at: 0) }
        }
        return Array(days.suffix(limit))
    }
}
