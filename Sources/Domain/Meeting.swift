import CivilTime

/// An encuentro: a single meeting or a recurring series (RRULE), with its tabla (agenda) and
/// participants. What happened on each date (asistentes, notes, agreements: the acta) lives in
/// that date's `Occurrence`, so recording January's acta of a series never touches December's.
public struct Meeting: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case regular, proyecto, microcentro, jornada, otro

        public var label: String {
            switch self {
            case .regular: "reunión regular"
            case .proyecto: "instancia de proyecto"
            case .microcentro: "reunión de microcentro"
            case .jornada: "jornada"
            case .otro: "encuentro"
            }
        }
    }

    /// "E-3".
    public var id: String
    public var title: String
    public var kind: Kind
    /// Local start (America/Santiago unless the store says otherwise); the first one of a series.
    public var start: LocalDateTime
    public var durationMinutes: Int
    public var place: String?
    /// RFC 5545 RRULE without the "RRULE:" prefix, nil for a single meeting.
    public var rrule: String?
    public var agenda: [String]
    public var participants: [String]
    /// Who leads every date, when it was said while scheduling («las dirige la Rosa»); a date's
    /// own `Occurrence.ledBy` («que Marta conduzca la de marzo») wins over it.
    public var leader: String?
    /// The occurrences that have a record (acta, suspension, a moved start), by date.
    public var occurrences: [LocalDate: Occurrence]
    /// Times the record was rewritten with a change (iCalendar SEQUENCE); 0 when created.
    public var sequence: Int
    /// The clock's stamp (RFC 3339, `2026-12-02T18:00:00-03:00`) of the last change; nil in
    /// files written before it was kept.
    public var modified: String?
    /// Set when the record was deleted by mistake: when, by whom and why. The file keeps it
    /// (and its history); lists, answers and exports leave it out (`NetworkSnapshot.live`).
    public var deleted: String?
    /// Who registered it (the session's user name at save time); nil in files from before.
    public var registeredBy: String? = nil

    public init(id: String, title: String, kind: Kind, start: LocalDateTime, durationMinutes: Int = 90,
                place: String? = nil, rrule: String? = nil, agenda: [String] = [], participants: [String] = [], leader: String? = nil,
                occurrences: [Occurrence] = [], sequence: Int = 0, modified: String? = nil) {
        self.id = id
        self.title = title
        self.kind = kind
        self.start = start
        self.durationMinutes = durationMinutes
        self.place = place
        self.rrule = rrule
        self.agenda = agenda
        self.participants = participants
        self.leader = leader
        self.occurrences = Dictionary(occurrences.map { ($0.date, $0) }, uniquingKeysWith: { _, last in last })
        self.sequence = sequence
        self.modified = modified
    }

    public var number: Int? { RecordNumber.of(id) }

    /// Who leads the date `d`: its own record's, or the one the meeting was scheduled with.
    public func leader(on d: LocalDate) -> String? { occurrences[d]?.ledBy ?? leader }

    /// Where the date starting at `at` (as `occurrences(from:to:)` gives it) is held: its own
    /// place when that date alone moved elsewhere, else the meeting's.
    public func placeHeld(at: LocalDateTime) -> String? {
        guard !occurrences.isEmpty else { return place }
        if let o = occurrences[at.date], o.start == at { return o.place ?? place }
        return occurrences.values.first { $0.start == at && $0.place != nil }?.place ?? place
    }

    /// Everyone who led one of its dates up to `today` (the leadership indicator).
    public func leaders(through today: LocalDate) -> Set<String> {
        var out = Set(occurrences.values.filter { $0.date <= today }.compactMap(\.ledBy))
        if let leader, start.date <= today,
           occurrences(from: start.date, to: today, limit: 1000).contains(where: { occurrences[$0.date]?.ledBy == nil }) {
            out.insert(leader)
        }
        return out
    }
    public var end: LocalDateTime { start.adding(minutes: durationMinutes) }

    /// Start times of the occurrences that begin within `from...to` (dates, both included).
    public func occurrences(from: LocalDate, to: LocalDate, limit: Int = 500) -> [LocalDateTime] {
        guard let rrule, let rule = RecurrenceRule(rrule) else {
            return (start.date >= from && start.date <= to) ? [start] : []
        }
        // A date moved on its own («la de mayo pásala al viernes 7») starts when its record says.
        return rule.dates(startingAt: start.date, from: from, to: to, limit: limit)
            .map { occurrences[$0]?.start ?? LocalDateTime(date: $0, time: start.time) }.sorted()
    }

    /// Whether the date starting at `at` (as `occurrences(from:to:)` gives it) was called off.
    public func isSuspended(at: LocalDateTime) -> Bool {
        // Most meetings have no date recorded at all.
        guard !occurrences.isEmpty else { return false }
        if let o = occurrences[at.date], o.start == at { return o.status == .suspendida }
        return occurrences.values.contains { $0.status == .suspendida && $0.start == at }
    }

    /// The first occurrence starting at or after `now`.
    public func next(after now: LocalDateTime) -> LocalDateTime? {
        guard rrule != nil else { return start >= now ? start : nil }
        var from = max(now.date, start.date)
        for _ in 0..<6 {
            let to = from.adding(days: 400)
            if let hit = occurrences(from: from, to: to).first(where: { $0 >= now }) { return hit }
            from = to.adding(days: 1)
        }
        return nil
    }

    /// The first occurrence starting at or after `now` that was not called off: «the next
    /// meeting» everywhere it is said (a suspended date, or a suspended one-time meeting, is no
    /// next meeting).
    public func nextHeld(after now: LocalDateTime) -> LocalDateTime? {
        guard occurrences.values.contains(where: { $0.status == .suspendida }) else { return next(after: now) }
        guard let rrule, let rule = RecurrenceRule(rrule) else {
            return start >= now && occurrences[start.date]?.status != .suspendida ? start : nil
        }
        // Keyed by the series' own date: a moved date is found under its key, not its new day.
        var from = max(now.date.adding(days: -400), start.date)
        for _ in 0..<7 {
            let to = from.adding(days: 400)
            let held = rule.dates(startingAt: start.date, from: from, to: to, limit: .max)
                .filter { occurrences[$0]?.status != .suspendida }
                .map { occurrences[$0]?.start ?? LocalDateTime(date: $0, time: start.time) }
                .filter { $0 >= now }
            if let hit = held.min() { return hit }
            from = to.adding(days: 1)
        }
        return nil
    }
}

/// The subset of RFC 5545 RRULE Minga writes and reads: FREQ=DAILY|WEEKLY|MONTHLY|YEARLY,
/// INTERVAL, BYDAY (with ordinals for MONTHLY: 1WE, -1FR), BYMONTHDAY, COUNT, UNTIL.
public struct RecurrenceRule: Hashable, Sendable {
    public enum Frequency: String, Sendable { case daily = "DAILY", weekly = "WEEKLY", monthly = "MONTHLY", yearly = "YEARLY" }
    public var frequency: Frequency
    public var interval: Int
    /// (ordinal or nil, weekday 1=Monday…7=Sunday)
    public var byDay: [(Int?, Int)]
    public var byMonthDay: [Int]
    public var count: Int?
    public var until: LocalDate?
    /// BYMONTH: the months a series meets in (empty: every month). «en enero y febrero no nos
    /// juntamos» keeps the other ten, which calendars read from the RRULE itself.
    public var byMonth: [Int] = []

    public static func == (a: Self, b: Self) -> Bool { a.description == b.description }
    public func hash(into h: inout Hasher) { h.combine(description) }
    public var description: String {
        "\(frequency.rawValue);\(interval);\(byDay.map { "\($0.0 ?? 0)\($0.1)" });\(byMonthDay);\(count ?? 0);\(until?.iso ?? "");\(byMonth)"
    }

    static let days = ["MO": 1, "TU": 2, "WE": 3, "TH": 4, "FR": 5, "SA": 6, "SU": 7]

    public init?(_ text: String) {
        var freq: Frequency?
        interval = 1
        byDay = []
        byMonthDay = []
        for part in text.replacingOccurrences(of: "RRULE:", with: "").split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2 else { continue }
            switch kv[0].uppercased() {
            case "FREQ": freq = Frequency(rawValue: kv[1].uppercased())
            case "INTERVAL": interval = max(1, Int(kv[1]) ?? 1)
            case "COUNT": count = Int(kv[1])
            case "UNTIL": until = LocalDate(iso: Self.isoDate(kv[1]))
            case "BYMONTHDAY": byMonthDay = kv[1].split(separator: ",").compactMap { Int($0) }
            case "BYMONTH": byMonth = kv[1].split(separator: ",").compactMap { Int($0) }.filter { (1...12).contains($0) }
            case "BYDAY":
                for item in kv[1].split(separator: ",") {
                    let code = String(item.suffix(2)).uppercased()
                    guard let wd = Self.days[code] else { continue }
                    let ord = item.dropLast(2)
                    byDay.append((ord.isEmpty ? nil : Int(ord), wd))
                }
            default: break
            }
        }
        guard let freq else { return nil }
        frequency = freq
    }

    public static func isoDate(_ s: String) -> String {
        let digits = s.prefix(8)
        guard digits.count == 8, !s.contains("-") else { return String(s.prefix(10)) }
        return "\(digits.prefix(4))-\(digits.dropFirst(4).prefix(2))-\(digits.suffix(2))"
    }

    /// Occurrence dates of a series whose first date is `dtstart`, within `from...to`.
    public func dates(startingAt dtstart: LocalDate, from: LocalDate, to: LocalDate, limit: Int = 500) -> [LocalDate] {
        var out: [LocalDate] = []
        var produced = 0
        let last = min(to, until ?? to)
        func emit(_ d: LocalDate) -> Bool {
            guard d >= dtstart else { return true }
            if !byMonth.isEmpty, !byMonth.contains(d.month) { return true }
            if let count, produced >= count { return false }
            produced += 1
            if d > last { return false }
            if d >= from { out.append(d) }
            return out.count < limit
        }
        switch frequency {
        case .daily:
            var d = dtstart
            while d <= last { if !emit(d) { break }; d = d.adding(days: interval) }
        case .weekly:
            let weekdays = byDay.isEmpty ? [dtstart.weekday] : byDay.map(\.1).sorted()
            var weekStart = dtstart.adding(days: -(dtstart.weekday - 1))
            outer: while weekStart <= last {
                for wd in weekdays {
                    if !emit(weekStart.adding(days: wd - 1)) { break outer }
                }
                weekStart = weekStart.adding(days: 7 * interval)
            }
        case .monthly, .yearly:
            var month = LocalDate(year: dtstart.year, month: dtstart.month, day: 1)
            let step = frequency == .monthly ? interval : 12 * interval
            outer: while month <= last {
                for d in monthDates(month, dtstart: dtstart) {
                    if !emit(d) { break outer }
                }
                month = month.adding(months: step)
            }
        }
        return out
    }

    /// `rrule` meeting only in the months not in `skipped` (its BYMONTH replaced).
    public static func skipping(_ skipped: Set<Int>, in rrule: String) -> String {
        let current = RecurrenceRule(rrule)?.byMonth ?? []
        let kept = (current.isEmpty ? Array(1...12) : current).filter { !skipped.contains($0) }
        var parts = rrule.split(separator: ";").map(String.init).filter { !$0.uppercased().hasPrefix("BYMONTH=") }
        if kept.count < 12 { parts.append("BYMONTH=" + kept.map(String.init).joined(separator: ",")) }
        return parts.joined(separator: ";")
    }

    private func monthDates(_ first: LocalDate, dtstart: LocalDate) -> [LocalDate] {
        let n = LocalDate.daysIn(month: first.month, year: first.year)
        var out: [LocalDate] = []
        if !byMonthDay.isEmpty {
            out = byMonthDay.compactMap { md in
                let day = md > 0 ? md : n + md + 1
                return (1...n).contains(day) ? LocalDate(year: first.year, month: first.month, day: day) : nil
            }
        } else if !byDay.isEmpty {
            for (ord, wd) in byDay {
                let all = (1...n).map { LocalDate(year: first.year, month: first.month, day: $0) }.filter { $0.weekday == wd }
                if let ord {
                    let i = ord > 0 ? ord - 1 : all.count + ord
                    if all.indices.contains(i) { out.append(all[i]) }
                } else {
                    out += all
                }
            }
        } else if dtstart.day <= n {
            out = [LocalDate(year: first.year, month: first.month, day: dtstart.day)]
        }
        return out.sorted()
    }
}
