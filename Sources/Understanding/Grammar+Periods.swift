import CivilTime

/// Parts of a month or year and what is left of one: "la primera quincena de marzo", "el segundo
/// semestre de 2027", "el primer trimestre", "la primera mitad del año", "el resto de la semana",
/// "la semana del 16", "la semana después de fiestas patrias", "el mes subsiguiente".
extension Grammar {
    /// An ordinal for a part: "primer(a)" 1 … "cuarto" 4, "último" -1.
    func partOrdinal(_ i: Int) -> Int? {
        if isW(i, .cuarto) { return 4 }
        guard let o = num(i), o.ordinal, o.value == -1 || (1...4).contains(o.value) else { return nil }
        if o.digits > 0, o.value > 4 { return nil }
        return o.value
    }

    /// A year after a part: "de 2027", "del 2027", "del año", "de este año", "del próximo año",
    /// "del año que viene", "del año pasado". Returns the year, whether it was given, and the end.
    func yearOfPart(_ i: Int) -> (year: Int?, end: Int) {
        guard isW(i, .de) || isW(i, .del) else { return (nil, i) }
        var j = i + 1
        if let y = year(j) { return (y, j + 1) }
        if isW(j, .el) { j += 1 }
        if isW(j, .este), isW(j + 1, .ano) { return (today.year, j + 2) }
        if isW(j, .proximo) || isW(j, .siguiente), isW(j + 1, .ano) { return (today.year + 1, j + 2) }
        if isW(j, .ano) {
            if let e = nextSuffix(j + 1) { return (today.year + 1, e) }
            if isW(j + 1, .pasado) || isW(j + 1, .anterior) { return (today.year - 1, j + 2) }
            if let y = year(j + 1) { return (y, j + 2) }
            return (nil, j + 1)
        }
        return (nil, i)
    }

    /// A month after a part: "de marzo [de 2027]", "del mes", "de este mes", "del próximo mes".
    /// The first day of the month, whether it was fixed (a year or a relative month), and the end.
    func monthOfPart(_ i: Int) -> (first: LocalDate, fixed: Bool, end: Int)? {
        guard isW(i, .de) || isW(i, .del) else { return nil }
        let j = i + 1
        if let m = month(j), !isW(j, .mar) {
            if let (y, e) = yearSuffix(j + 1) { return (LocalDate(year: y, month: m, day: 1), true, e) }
            return (LocalDate(year: resolveYear(month: m), month: m, day: 1), false, j + 1)
        }
        if isW(i, .del), isW(j, .mes), nextSuffix(j + 1) == nil, !isW(j + 1, .pasado) {
            return (today.firstOfMonth, false, j + 1)
        }
        if let (off, e) = monthRef(isW(i, .del) ? i + 1 : j) {
            return (today.firstOfMonth.adding(months: off), true, e)
        }
        return nil
    }

    /// Picks the period's year when none was said: this year's unless it is already over
    /// (then next year's; in a sentence about the past, last year's if it has not begun).
    func inferYear(_ make: (Int) -> (LocalDate, LocalDate)) -> (LocalDate, LocalDate) {
        let this = make(today.year)
        if past { return this.0 > today ? make(today.year - 1) : this }
        return this.1 < today ? make(today.year + 1) : this
    }

    func periodPart(_ k: Int) -> Found? {
        var j = k
        if isW(j, .la) || isW(j, .el) || isW(j, .lo) { j += 1 }
        if let r = remainder(j) { return r }
        if let o = partOrdinal(j) {
            let unit = j + 1
            // "la primera quincena de marzo", "la segunda quincena"
            if isW(unit, .quincena) || (isW(unit, .mitad) && monthOfPart(unit + 1) != nil) {
                guard o == 1 || o == 2 || o == -1 else { return nil }
                let second = o != 1
                func half(_ first: LocalDate) -> (LocalDate, LocalDate) {
                    second ? (first.adding(days: 15), first.lastOfMonth) : (first, first.adding(days: 14))
                }
                if let (first, fixed, e) = monthOfPart(unit + 1) {
                    var r = half(first)
                    if !fixed, !past, r.1 < today { r = half(first.adding(months: 12)) }
                    return Found(piece: .dateRange(r.0, r.1), end: e)
                }
                var r = half(today.firstOfMonth)
                if past, r.0 > today { r = half(today.firstOfMonth.adding(months: -1)) }
                else if !past, r.1 < today { r = half(today.firstOfMonth.adding(months: 1)) }
                return Found(piece: .dateRange(r.0, r.1), end: unit + 1)
            }
            // "el primer semestre (de 2027)", "el tercer trimestre", "la primera mitad del año"
            var months = 0
            if isW(unit, .semestre) { months = 6 } else if isW(unit, .trimestre) { months = 3 }
            else if isW(unit, .bimestre) { months = 2 } else if isW(unit, .mitad) { months = 6 }
            guard months > 0 else { return nil }
            let count = 12 / months
            let index = o == -1 ? count : o
            guard index >= 1, index <= count else { return nil }
            if isW(unit, .mitad), !(isW(unit + 1, .de) || isW(unit + 1, .del)) { return nil }
            let (y, e) = yearOfPart(unit + 1)
            if isW(unit, .mitad), e == unit + 1 { return nil }   // "la primera mitad" of what?
            func make(_ year: Int) -> (LocalDate, LocalDate) {
                let a = LocalDate(year: year, month: 1 + (index - 1) * months, day: 1)
                return (a, a.adding(months: months).adding(days: -1))
            }
            let r = y.map(make) ?? inferYear(make)
            return Found(piece: .dateRange(r.0, r.1), end: e)
        }
        return weekOf(k)
    }

    /// "el resto de la semana", "lo que queda del mes", "el resto del día".
    func remainder(_ j: Int) -> Found? {
        var k: Int
        if isW(j, .resto) { k = j + 1 }
        else if isW(j, .que), isW(j + 1, .queda) { k = j + 2 }
        else { return nil }
        guard isW(k, .de) || isW(k, .del) else { return nil }
        k += 1
        if isW(k, .la) || isW(k, .el) { k += 1 }
        if let m = month(k), !isW(k, .mar) {
            // "el resto de noviembre": from today when it is this month, else the whole month.
            let first = LocalDate(year: resolveYear(month: m), month: m, day: 1)
            return Found(piece: .dateRange(max(first, today), first.lastOfMonth), end: k + 1)
        }
        switch w(k) {
        case .semana?: return Found(piece: .dateRange(today, today.monday.adding(days: 6)), end: k + 1)
        case .mes?: return Found(piece: .dateRange(today, today.lastOfMonth), end: k + 1)
        case .ano?: return Found(piece: .dateRange(today, LocalDate(year: today.year, month: 12, day: 31)), end: k + 1)
        case .dia?, .hoy?:
            let now = LocalDateTime(date: today, time: LocalTime(hour: ctx.localNow.time.hour, minute: ctx.localNow.time.minute))
            let end = LocalDateTime(date: today, time: LocalTime(hour: 23, minute: 59))
            guard now < end else { return nil }
            return Found(piece: .dateTimeRange(now, end), end: k + 1)
        default: return nil
        }
    }

    /// "la semana del 16", "la semana del lunes 14", "la semana de navidad", "la semana después
    /// de fiestas patrias", "la semana antes de las vacaciones", "la semana después de la próxima":
    /// Monday to Sunday.
    func weekOf(_ k: Int) -> Found? {
        var j = k
        if isW(j, .la) { j += 1 }
        guard isW(j, .semana) else { return nil }
        // «3 veces por semana a fin de año»: «por semana» is a rate, not a week; the date is
        // what follows it.
        if k > 0, isW(k - 1, .por) { return nil }
        var shift = 0
        var a = j + 1
        if isW(a, .despues) || isW(a, .siguiente) { shift = 1; a += 1 }
        else if isW(a, .antes) || isW(a, .anterior) { shift = -1; a += 1 }
        guard isW(a, .de) || isW(a, .del) || isW(a, .a) || isW(a, .al) else { return nil }
        // "la semana después de la próxima": two weeks ahead.
        if shift != 0 {
            var m = a + 1
            if isW(m, .la) { m += 1 }
            if isW(m, .proximo) || isW(m, .otro) || isW(m, .siguiente) {
                let mon = nextMonday.adding(days: 7 * shift)
                return Found(piece: .dateRange(mon, mon.adding(days: 6)), end: m + 1)
            }
            if isW(m, .pasado) {
                let mon = today.monday.adding(days: -7 + 7 * shift)
                return Found(piece: .dateRange(mon, mon.adding(days: 6)), end: m + 1)
            }
        }
        let anchor: Found?
        if isW(a, .del) || isW(a, .al) { anchor = dateCore(a + 1, article: true) ?? namedDay(a + 1) }
        else { anchor = dateCore(a + 1, article: false) ?? namedDay(a + 1) }
        guard let f = anchor else { return nil }
        let first: LocalDate, last: LocalDate
        switch f.piece {
        case .date(let d): first = d; last = d
        case .dateRange(let x, let y): first = x; last = y
        default: return nil
        }
        // "la semana del 16" names one day's week; a longer span is not a week.
        if shift == 0, first.days(until: last) > 6 { return nil }
        let mon = shift > 0 ? last.monday.adding(days: 7) : (shift < 0 ? first.monday.adding(days: -7) : first.monday)
        return Found(piece: .dateRange(mon, mon.adding(days: 6)), end: f.end)
    }
}
