import CivilTime

/// What a piece of the grammar found, before it becomes a public `Temporal`.
enum Piece {
    case date(LocalDate)
    case dateRange(LocalDate, LocalDate)
    case time(LocalTime)
    case timeRange(LocalTime, LocalTime)
    case dateTime(LocalDateTime)
    case dateTimeRange(LocalDateTime, LocalDateTime)
    case recurrence(Recur)

    var temporal: Temporal {
        switch self {
        case .date(let d): .date(d)
        case .dateRange(let a, let b): .dateRange(a, b)
        case .time(let t): .time(t)
        case .timeRange(let a, let b): .timeRange(a, b)
        case .dateTime(let d): .dateTime(d)
        case .dateTimeRange(let a, let b): .dateTimeRange(a, b)
        case .recurrence(let r): .recurrence(r.recurrence)
        }
    }
}

/// A recurrence under construction.
struct Recur {
    var freq: Freq
    var interval = 1
    /// (ordinal or 0, ISO weekday)
    var byDay: [(Int, Int)] = []
    var byMonthDay: [Int] = []
    var bySetPos: Int? = nil
    var byMonth: Int? = nil
    var count: Int? = nil
    var until: LocalDate? = nil
    /// The first day the series may meet on ("desde el 9 de marzo", "todos los lunes de marzo").
    var start: LocalDate? = nil
    /// Said as "una vez al mes": a weekday after it is one day a month ("los miércoles" → 1WE).
    var once = false
    var time: LocalTime? = nil
    var endTime: LocalTime? = nil

    enum Freq: String { case DAILY, WEEKLY, MONTHLY, YEARLY }

    static let dayCodes = ["", "MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    var rrule: String {
        var s = "FREQ=" + freq.rawValue
        if interval > 1 { s += ";INTERVAL=\(interval)" }
        if let m = byMonth { s += ";BYMONTH=\(m)" }
        if !byDay.isEmpty {
            let sorted = byDay.sorted { ($0.0 == 0 ? 0 : ($0.0 < 0 ? 10 - $0.0 : $0.0), $0.1) < ($1.0 == 0 ? 0 : ($1.0 < 0 ? 10 - $1.0 : $1.0), $1.1) }
            s += ";BYDAY=" + sorted.map { ($0.0 != 0 ? String($0.0) : "") + Recur.dayCodes[$0.1] }.joined(separator: ",")
        }
        if !byMonthDay.isEmpty { s += ";BYMONTHDAY=" + byMonthDay.map(String.init).joined(separator: ",") }
        if let p = bySetPos { s += ";BYSETPOS=\(p)" }
        if let c = count { s += ";COUNT=\(c)" }
        if let u = until { s += ";UNTIL=" + u.iso.replacingOccurrences(of: "-", with: "") }
        return s
    }

    var recurrence: Recurrence { Recurrence(rrule: rrule, time: time, endTime: endTime, start: start) }

    mutating func addDays(_ days: [Int], ordinal: Int = 0) {
        for d in days where !byDay.contains(where: { $0.0 == ordinal && $0.1 == d }) { byDay.append((ordinal, d)) }
    }
}

/// A match of one rule: what it means and where it ends (exclusive token index).
struct Found {
    var piece: Piece
    var end: Int
    var alternatives: [LocalDate] = []
    /// A time whose hour was guessed ("a las 8"): a part of the day said next may fix it.
    var clock: ClockSpec? = nil
    /// A day that names its part of the day too ("anoche").
    var part: DayPart? = nil
}

/// Parts of the day, as a Chilean school reads them (documented on `TemporalParser`).
enum DayPart {
    case morning, afternoon, evening, night, earlyMorning, early, lunch

    var range: (LocalTime, LocalTime) {
        switch self {
        case .morning: (LocalTime(hour: 8), LocalTime(hour: 12))
        case .afternoon: (LocalTime(hour: 14), LocalTime(hour: 18))
        case .evening, .night: (LocalTime(hour: 19), LocalTime(hour: 22))
        case .earlyMorning: (LocalTime(hour: 0), LocalTime(hour: 6))
        case .early: (LocalTime(hour: 8), LocalTime(hour: 10))
        case .lunch: (LocalTime(hour: 13), LocalTime(hour: 14))
        }
    }
}

/// Hand-written grammar over tokens. Each rule takes a start index and returns what it
/// found and where it ended, or nil; rules are tried most specific first.
struct Grammar {
    let t: [Token]
    let n: Int
    let ctx: TemporalContext
    let today: LocalDate
    /// The sentence speaks of the past ("volví el lunes", "nací el 4/7/81"): days, months and
    /// two-digit years are inferred backwards instead of forwards.
    var past = false

    init(tokens: [Token], context: TemporalContext) {
        t = tokens; n = tokens.count; ctx = context; today = context.today
    }

    // MARK: token predicates

    @inline(__always) func w(_ i: Int) -> Word? { i >= 0 && i < n && t[i].kind == .word ? t[i].word : nil }
    @inline(__always) func isW(_ i: Int, _ x: Word) -> Bool { i >= 0 && i < n && t[i].kind == .word && t[i].word == x }
    @inline(__always) func isSym(_ i: Int, _ c: UInt8) -> Bool { i >= 0 && i < n && t[i].kind == .symbol && t[i].symbol == c }
    @inline(__always) func num(_ i: Int) -> Token? { i >= 0 && i < n && t[i].kind == .number ? t[i] : nil }
    @inline(__always) func isNum(_ i: Int) -> Bool { i >= 0 && i < n && t[i].kind == .number }

    func weekday(_ i: Int) -> Int? {
        if case .weekday(let d)? = w(i) { return d }
        return nil
    }

    func month(_ i: Int) -> Int? {
        if case .month(let m)? = w(i) { return m }
        // "mar" is only March after a day number ("3 mar", "3 de mar").
        if isW(i, .mar), isNum(i - 1) || (isW(i - 1, .de) && isNum(i - 2)) { return 3 }
        return nil
    }

    /// A day-of-month number: 1…31 written with one or two digits, in words, or as an ordinal.
    func dayNumber(_ i: Int) -> Int? {
        guard let x = num(i), x.value >= 1, x.value <= 31, x.digits <= 2 else { return nil }
        if x.ordinal && x.digits == 0 && x.value != 1 { return nil }   // "segundo" is not a day; "primero" is
        if x.ordinal {
            // "7mo", "8vo", "2do" name a grade or a place in a list, not a day, unless a month
            // follows ("el 2° de marzo"); "1ro" and "1°" alone are the first of the month.
            if x.value != 1, month(i + 1) == nil, !(isW(i + 1, .de) && month(i + 2) != nil) { return nil }
            if isGrade(i) { return nil }
        }
        return x.value
    }

    /// "7mo básico", "1ro medio", "7mo y 8vo básico", "1ro y 2do medio", "el nivel de 1ro",
    /// "8vo año básico": an ordinal that names a school grade, never a day.
    func isGrade(_ i: Int) -> Bool {
        guard let x = num(i), x.ordinal else { return false }
        if isW(i - 1, .nivel) || (isW(i - 1, .de) && isW(i - 2, .nivel)) { return true }
        // Across a list of grades to the word that says what they are.
        var j = i + 1
        while isSym(j, 0x2C) || isW(j, .y) || isW(j, .o) || (num(j)?.ordinal ?? false) { j += 1 }
        if isW(j, .ano) { j += 1 }
        return isW(j, .basico) || isW(j, .medio) || isW(j, .nivel)
    }

    /// Skips any of `words` at i, returning the next index.
    @inline(__always) func skip(_ i: Int, _ x: Word) -> Int { isW(i, x) ? i + 1 : i }

    @inline(__always) func skipComma(_ i: Int) -> Int { isSym(i, 0x2C) ? i + 1 : i }
}

// MARK: calendar arithmetic

extension LocalDate {
    /// The Monday of this date's week (Chilean weeks start on Monday).
    var monday: LocalDate { adding(days: 1 - weekday) }
    var lastOfMonth: LocalDate { LocalDate(year: year, month: month, day: LocalDate.daysIn(month: month, year: year)) }
    var firstOfMonth: LocalDate { LocalDate(year: year, month: month, day: 1) }

    /// The `ordinal`-th `weekday` of this date's month (negative: from the end), if it exists.
    func nthWeekday(_ ordinal: Int, _ weekday: Int) -> LocalDate? {
        if ordinal > 0 {
            let first = firstOfMonth
            let delta = (weekday - first.weekday + 7) % 7
            let d = first.adding(days: delta + 7 * (ordinal - 1))
            return d.month == month ? d : nil
        } else {
            let last = lastOfMonth
            let delta = (last.weekday - weekday + 7) % 7
            let d = last.adding(days: -delta - 7 * (-ordinal - 1))
            return d.month == month ? d : nil
        }
    }
}
