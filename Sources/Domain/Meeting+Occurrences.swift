import CivilTime

/// The occurrences of a meeting: which dates it has, each one's acta, and which one an acta
/// recorded today belongs to.
extension Meeting {
    public var isSeries: Bool { rrule.flatMap(RecurrenceRule.init) != nil }

    /// The occurrences with a record, oldest first.
    public var recorded: [Occurrence] { occurrences.values.sorted { $0.date < $1.date } }

    /// The occurrence on `date`: its record, or a pending one at the series' time.
    public func occurrence(on date: LocalDate) -> Occurrence {
        occurrences[date] ?? Occurrence(date: date, start: LocalDateTime(date: date, time: start.time))
    }

    /// Stores `occurrence` under its date, replacing only that date's record.
    public mutating func record(_ occurrence: Occurrence) {
        occurrences[occurrence.date] = occurrence
    }

    /// Moves the meeting to `when`. A one-time meeting's occurrence record (who leads it, its
    /// acta) goes with it to the new date: it is the same meeting, not a new one.
    public mutating func move(to when: LocalDateTime) {
        if !isSeries, when.date != start.date, var o = occurrences.removeValue(forKey: start.date), occurrences[when.date] == nil {
            o.date = when.date
            o.start = when
            occurrences[when.date] = o
        }
        start = when
    }

    /// `who` leads the series from `from` on («desde la de diciembre en adelante, todas»): the
    /// series' leader becomes `who`. Dates before `from` keep whoever led them (the former
    /// series' leader is written on them), and dates from `from` on that were not held lose a
    /// leader of their own, so every one of them is `who`'s.
    public mutating func lead(_ who: String, from: LocalDate) {
        if let old = leader, old != who, from > start.date {
            for d in scheduledDates(from: start.date, to: from.adding(days: -1)) where occurrences[d]?.ledBy == nil {
                var o = occurrence(on: d)
                o.ledBy = old
                record(o)
            }
        }
        for (d, o) in occurrences where d >= from && o.status != .realizada && o.ledBy != nil {
            var cleared = o
            cleared.ledBy = nil
            // A record that only said who led it is no record any more.
            occurrences[d] = cleared == Occurrence(date: d, start: LocalDateTime(date: d, time: start.time)) ? nil : cleared
        }
        leader = who
    }

    /// The first day on or after `day` that could start this series: one of its own days
    /// («empieza el miércoles 17» for a Tuesday series is Tuesday the 23rd, not a date counted
    /// from the 17th's fortnight).
    public func seriesDay(onOrAfter day: LocalDate) -> LocalDate {
        guard let rrule, let rule = RecurrenceRule(rrule) else { return day }
        return (0..<400).lazy.map { day.adding(days: $0) }
            .first { rule.dates(startingAt: $0, from: $0, to: $0, limit: 1) == [$0] } ?? day
    }

    /// Whether the meeting (or its series) has an occurrence on `date`.
    public func isScheduled(on date: LocalDate) -> Bool {
        guard let rrule, let rule = RecurrenceRule(rrule) else { return date == start.date }
        return rule.dates(startingAt: start.date, from: date, to: date, limit: 1) == [date]
    }

    /// The occurrence (by its own date) held on `date`: a date moved there («la del 31 pasa al
    /// 17») is found by the day it now meets; a date moved away is no longer held on its day.
    public func occurrenceDate(heldOn date: LocalDate) -> LocalDate? {
        if let moved = occurrences.values.filter({ $0.start.date == date }).map(\.date).min() { return moved }
        if let o = occurrences[date] { return o.start.date == date ? date : nil }
        return isScheduled(on: date) ? date : nil
    }

    /// The day the occurrence of `date` meets: its own, or the one it was moved to.
    public func heldDate(of date: LocalDate) -> LocalDate { occurrences[date]?.start.date ?? date }

    /// The first `limit` scheduled dates within `from...to`, earliest first (unlike
    /// `scheduledDates`, which keeps the latest ones).
    public func upcomingDates(from: LocalDate, to: LocalDate, limit: Int) -> [LocalDate] {
        guard let rrule, let rule = RecurrenceRule(rrule) else {
            return (start.date >= from && start.date <= to) ? [start.date] : []
        }
        return rule.dates(startingAt: start.date, from: from, to: to, limit: limit)
    }

    /// The series' first date (the meeting's own date when it does not repeat).
    public var firstDate: LocalDate {
        guard let rrule, let rule = RecurrenceRule(rrule) else { return start.date }
        return rule.dates(startingAt: start.date, from: start.date, to: start.date.adding(days: 800), limit: 1).first ?? start.date
    }

    /// Scheduled dates within `from...to` (both included), at most `limit`, the latest ones kept.
    public func scheduledDates(from: LocalDate, to: LocalDate, limit: Int = 500) -> [LocalDate] {
        guard let rrule, let rule = RecurrenceRule(rrule) else {
            return (start.date >= from && start.date <= to) ? [start.date] : []
        }
        return Array(rule.dates(startingAt: start.date, from: from, to: to, limit: .max).suffix(limit))
    }

    /// The occurrence an acta recorded on `today` belongs to when no date is named: a one-time
    /// meeting's date; for a series, the one held today or most recently, else (the series has
    /// not started yet) its first one.
    public func actaDate(asOf today: LocalDate) -> LocalDate {
        guard isSeries else { return start.date }
        // By the day each session meets: one moved to today (or earlier) is the one held.
        let held = Set(scheduledDates(from: start.date, to: today, limit: 6)).union(occurrences.keys)
            .filter { heldDate(of: $0) <= today }
        return held.max { (heldDate(of: $0), $0) < (heldDate(of: $1), $1) } ?? firstDate
    }

    /// What an export lists: a one-time meeting's single occurrence; for a series every date
    /// from its first one through `today` plus the next coming one (the latest `limit`), with
    /// the recorded ones (also moved or suspended ones outside that span) in their place.
    public func schedule(through today: LocalDate, limit: Int = 500) -> [Occurrence] {
        guard isSeries else { return [occurrence(on: start.date)] }
        var dates = scheduledDates(from: start.date, to: today, limit: limit)
        if let next = scheduledDates(from: today.adding(days: 1), to: today.adding(days: 800), limit: .max).first {
            dates.append(next)
        }
        let all = Set(dates).union(occurrences.keys).sorted()
        return all.suffix(limit).map(occurrence(on:))
    }

    /// The most recent occurrence whose acta was recorded.
    public var latestActa: Occurrence? { recorded.last(where: \.hasActa) }

    /// Who attended the most recent occurrence with an acta.
    public var latestAttendees: [String] { latestActa?.attendees ?? [] }

    /// Agreement ids taken across every occurrence, in date order, each once.
    public var allAgreements: [String] {
        var out: [String] = []
        for o in recorded { for id in o.agreements where !out.contains(id) { out.append(id) } }
        return out
    }

    /// Marks this version as a change of `old` made at `stamp` (SEQUENCE + 1, LAST-MODIFIED),
    /// unless nothing but the bookkeeping differs. Returns whether it changed.
    @discardableResult
    public mutating func markChanged(since old: Meeting, at stamp: String) -> Bool {
        var same = self
        same.sequence = old.sequence
        same.modified = old.modified
        guard same != old else { return false }
        sequence = old.sequence + 1
        modified = stamp
        return true
    }
}
