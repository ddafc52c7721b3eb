import CivilTime

/// A date as written, before the year (or month) is inferred.
struct DateSpec {
    var day: Int?
    var month: Int?
    var year: Int?
    var weekday: Int?
    /// Already a concrete day ("hoy", "mañana", "el próximo lunes").
    var resolved: LocalDate?
    var end: Int
}

extension Grammar {
    // MARK: inference (years and months are inferred forward)

    /// How far back a day-and-month is still read as this year's (a recent, past date).
    static let recentPastDays = 31

    /// Day and month without a year: this year, or next year when already past. A date of the
    /// last month stays in this year: "20/11" said on 25 November is a date just gone (the dialog
    /// questions it), not November of next year.
    func resolve(day: Int, month: Int, year: Int?) -> LocalDate? {
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        if let y = year {
            return LocalDate.isValid(year: y, month: month, day: day) ? LocalDate(year: y, month: month, day: day) : nil
        }
        if past {
            for y in stride(from: today.year, through: today.year - 8, by: -1) where LocalDate.isValid(year: y, month: month, day: day) {
                let d = LocalDate(year: y, month: month, day: day)
                if d <= today { return d }
            }
            return nil
        }
        if LocalDate.isValid(year: today.year, month: month, day: day) {
            let recent = LocalDate(year: today.year, month: month, day: day)
            if recent < today, recent.days(until: today) <= Self.recentPastDays { return recent }
        }
        for y in today.year...(today.year + 8) where LocalDate.isValid(year: y, month: month, day: day) {
            let d = LocalDate(year: y, month: month, day: day)
            if d >= today { return d }
        }
        return nil
    }

    /// A day of the month alone ("el 15"): this month, or the next month that has it.
    func resolve(day: Int) -> LocalDate? {
        guard (1...31).contains(day) else { return nil }
        var m = today.firstOfMonth
        if past {
            for _ in 0..<13 {
                if LocalDate.isValid(year: m.year, month: m.month, day: day) {
                    let d = LocalDate(year: m.year, month: m.month, day: day)
                    if d <= today { return d }
                }
                m = m.adding(months: -1)
            }
            return nil
        }
        for _ in 0..<13 {
            if LocalDate.isValid(year: m.year, month: m.month, day: day) {
                let d = LocalDate(year: m.year, month: m.month, day: day)
                if d >= today { return d }
            }
            m = m.adding(months: 1)
        }
        return nil
    }

    /// A day of the month said with a weekday ("el lunes 30"): the number's own day in the
    /// sentence's direction (the nearest one ahead, or in a sentence about the past the latest one
    /// up to today: "volvimos el miércoles 25"). Months are never skipped to make the two agree
    /// ("el jueves 12" when this month's 12th is a Saturday was next August's): `written` offers
    /// both days when they don't. Read forward, a day of this month just gone that does fall on
    /// that weekday is that day ("la del jueves 10" said on Monday 14), as "20/11" said on 25
    /// November is (the dialog questions a date gone by).
    func resolve(day: Int, weekday: Int) -> LocalDate? {
        guard let d = resolve(day: day) else { return nil }
        if past || d.weekday == weekday { return d }
        if LocalDate.isValid(year: today.year, month: today.month, day: day) {
            let gone = LocalDate(year: today.year, month: today.month, day: day)
            if gone < today, gone.weekday == weekday { return gone }
        }
        return d
    }

    func resolveYear(month: Int) -> Int {
        if past { return month <= today.month ? today.year : today.year - 1 }
        return month >= today.month ? today.year : today.year + 1
    }

    /// The next `weekday` after today (today itself only when `includeToday`).
    func next(weekday wd: Int, includeToday: Bool = false) -> LocalDate {
        var delta = (wd - today.weekday + 7) % 7
        if delta == 0 && !includeToday { delta = 7 }
        return today.adding(days: delta)
    }

    func previous(weekday wd: Int) -> LocalDate {
        var delta = (today.weekday - wd + 7) % 7
        if delta == 0 { delta = 7 }
        return today.adding(days: -delta)
    }

    var nextMonday: LocalDate { today.monday.adding(days: 7) }

    // MARK: small pieces

    /// A year: 1900…2200 in digits or words, or two digits after "/" handled by numericDate.
    func year(_ i: Int) -> Int? {
        guard let x = num(i), !x.ordinal, x.value >= 1900, x.value <= 2200, x.digits == 0 || x.digits == 4 else { return nil }
        return x.value
    }

    /// "[de|del|,] 2027" after a month.
    func yearSuffix(_ i: Int) -> (Int, Int)? {
        var j = i
        if isW(j, .de) || isW(j, .del) || isSym(j, 0x2C) { j += 1 }
        if let y = year(j) { return (y, j + 1) }
        // "del 81", "de 27": two digits after a month, not the start of a range or an hour.
        if isW(i, .de) || isW(i, .del), let x = num(j), x.digits == 2, !x.ordinal, !isSym(j + 1, 0x3A), !isW(j + 1, .hora), !isSym(j + 1, 0x2E), !isW(j + 1, .a),
           !isW(j + 1, .al), !isW(j + 1, .hasta), !isW(j + 1, .y), !isW(j + 1, .hrs), !isW(j + 1, .h), !isW(j + 1, .am),
           !isW(j + 1, .pm), !isW(j + 1, .de), !isPlainWord(j + 1), month(j + 1) == nil {
            return (fullYear(x.value), j + 1)
        }
        // "del próximo año", "del año que viene", "de este año"
        guard j > i, isW(i, .de) || isW(i, .del) else { return nil }
        if isW(j, .el) { j += 1 }
        if isW(j, .proximo) || isW(j, .siguiente), isW(j + 1, .ano) { return (today.year + 1, j + 2) }
        if isW(j, .este), isW(j + 1, .ano) { return (today.year, j + 2) }
        if isW(j, .ano), let e = nextSuffix(j + 1) { return (today.year + 1, e) }
        return nil
    }

    /// The year of "fin de año" said again right after it: "2027", ", 2027", and with
    /// `december` also ", diciembre 2027", "(diciembre de 2027)", ", en dic. del 2027",
    /// "pero diciembre 2027", "o sea en diciembre del 2027".
    func restatedYear(_ i: Int, december: Bool) -> (Int, Int)? {
        let y0 = isSym(i, 0x2C) || isW(i, .de) || isW(i, .del) ? i + 1 : i
        if let y = year(y0) { return (y, y0 + 1) }
        guard december else { return nil }
        var j = i
        if isSym(j, 0x2C) || isSym(j, 0x28) || isSym(j, 0x2D) { j += 1 }
        if isW(j, .pero) || isW(j, .osea) { j += 1 } else if isW(j, .o), isW(j + 1, .osea) { j += 2 }
        if isW(j, .en) || isW(j, .para) { j += 1 }
        if isW(j, .el) { j += 1 }
        guard month(j) == 12 else { return nil }
        var k = j + 1
        if isSym(k, 0x2E) { k += 1 }
        guard let (y, e) = yearSuffix(k) else { return nil }
        return (y, isSym(e, 0x29) ? e + 1 : e)
    }

    /// Words for "next": "que viene", "próximo", "siguiente", "entrante".
    func nextSuffix(_ i: Int) -> Int? {
        if isW(i, .que), isW(i + 1, .viene) { return i + 2 }
        if isW(i, .proximo) || isW(i, .siguiente) || isW(i, .entrante) { return i + 1 }
        return nil
    }

    /// "este mes", "el próximo mes", "el mes que viene", "el otro mes", "el mes pasado":
    /// month offset from the current month.
    func monthRef(_ i: Int) -> (Int, Int)? {
        var j = skip(i, .el)
        if isW(j, .este), isW(j + 1, .mes) { return (0, j + 2) }
        if isW(j, .proximo) || isW(j, .otro) || isW(j, .siguiente), isW(j + 1, .mes) { return (1, j + 2) }
        if isW(j, .mes) {
            j += 1
            if let e = nextSuffix(j) { return (1, e) }
            if isW(j, .pasado) { return (-1, j + 1) }
            return (0, j)
        }
        return nil
    }

    /// A two-digit year in the direction the sentence implies: the latest such year not after
    /// this one in a sentence about the past ("nací el 4/7/81"), else 20yy unless that is more
    /// than 30 years ahead ("vence el 4/7/27" is 2027, "4/7/81" is 1981).
    func fullYear(_ yy: Int) -> Int {
        if past { return 2000 + yy <= today.year ? 2000 + yy : 1900 + yy }
        return 2000 + yy <= today.year + 30 ? 2000 + yy : 1900 + yy
    }

    /// A month name or abbreviation inside a numeric date ("3-mar", "15/sept/2027"), where
    /// "mar" is March.
    func monthInDate(_ i: Int) -> Int? {
        if isW(i, .mar) { return 3 }
        return month(i)
    }

    /// "15/12", "15-12-2026", "15.12.26", "2026-12-15", "3-mar", "15-sept-2027", "2027/oct/02".
    func numericDate(_ i: Int) -> DateSpec? {
        guard let a = num(i), a.digits > 0, !a.ordinal, i + 2 < n else { return nil }
        let sep = t[i + 1]
        guard sep.kind == .symbol, sep.symbol == 0x2F || sep.symbol == 0x2D || sep.symbol == 0x2E else { return nil }
        let b = num(i + 2)
        var monthValue = b?.value
        if b == nil {
            // A month written with letters between the separators.
            guard let m = monthInDate(i + 2), t[i + 2].glued else { return nil }
            monthValue = m
        } else if let x = b, x.digits == 0 || x.digits > 2 || x.ordinal {
            return nil
        }
        let named = b == nil
        guard let mv = monthValue else { return nil }
        if a.digits == 4 {   // ISO, "2027/oct/02"
            guard isSym(i + 3, sep.symbol), let c = num(i + 4), c.digits <= 2, c.digits > 0 else { return nil }
            return DateSpec(day: c.value, month: mv, year: a.value, end: i + 5)
        }
        guard a.digits <= 2 else { return nil }
        var spec = DateSpec(day: a.value, month: mv, end: i + 3)
        if isSym(i + 3, sep.symbol), let c = num(i + 4), c.digits == 2 || c.digits == 4, !c.ordinal, t[i + 4].glued {
            spec.year = c.digits == 2 ? fullYear(c.value) : c.value
            spec.end = i + 5
        } else if sep.symbol == 0x2E, !named {
            return nil   // "15.30" is a time
        }
        // "15-17 hrs" or "3-5 de marzo" are ranges, not dates.
        if sep.symbol == 0x2D, !named, spec.year == nil, isW(spec.end, .hrs) || isW(spec.end, .h) || isW(spec.end, .de) || isW(spec.end, .pm) || isW(spec.end, .am) { return nil }
        guard (1...12).contains(mv), (1...31).contains(a.value) else { return nil }
        return spec
    }

    /// A written date without article: "[lunes] 15 [de] diciembre [de 2026]", "diciembre 15",
    /// "lunes 15", "15/12", "15 de este mes", "lunes".
    func dateSpec(_ i: Int, allowBareDay: Bool) -> DateSpec? {
        var j = i
        var wd: Int? = nil
        if isW(j, .dia), weekday(j + 1) != nil { j += 1 }
        if let d = weekday(j) {
            wd = d; j += 1
            j = skipComma(j)
            j = skip(j, .el)
        }
        if let spec = numericDate(j) {
            var s = spec; s.weekday = wd
            return s
        }
        if isW(j, .dia), dayNumber(j + 1) != nil { j += 1 }
        if let day = dayNumber(j) {
            var k = j + 1
            let de = isW(k, .de) || isW(k, .del)
            if de { k += 1 }
            if let m = month(k) {
                var s = DateSpec(day: day, month: m, weekday: wd, end: k + 1)
                if let (y, e) = yearSuffix(k + 1) { s.year = y; s.end = e }
                return s
            }
            if de, let (off, e) = monthRef(k) {
                let base = today.firstOfMonth.adding(months: off)
                return DateSpec(day: day, month: base.month, year: base.year, weekday: wd, end: e)
            }
            // "el 21 del 3": the month as a number.
            if de, let mm = num(k), !mm.ordinal, mm.digits <= 2, (1...12).contains(mm.value), !isSym(k + 1, 0x3A),
               !isSym(k + 1, 0x2E), !isPlainWord(k + 1), !isW(k + 1, .a), !isW(k + 1, .al), !isW(k + 1, .hasta),
               !isW(k + 1, .hrs), !isW(k + 1, .h), !isW(k + 1, .am), !isW(k + 1, .pm), !isW(k + 1, .y), !isW(k + 1, .o),
               !isW(k + 1, .dia), !isW(k + 1, .semana), !isW(k + 1, .mes), !isW(k + 1, .ano), !isW(k + 1, .hora),
               !isW(k + 1, .minuto), !isW(k + 1, .vez), !isW(k + 1, .de) || year(k + 2) != nil {
                var s = DateSpec(day: day, month: mm.value, weekday: wd, end: k + 1)
                if let (y, e) = yearSuffix(k + 1) { s.year = y; s.end = e }
                return s
            }
            // A bare day number needs an article or a weekday ("el 15", "lunes 15").
            guard allowBareDay || wd != nil else { return nil }
            // «pal 7mo y 8vo», «el 2do»: school grades, not days («el 1ro» still is the first).
            if wd == nil, let x = num(j), x.ordinal, x.digits > 0, x.value != 1 { return nil }
            // …and must not be a time, a quantity or the start of a time range.
            if isSym(j + 1, 0x3A) || isW(j + 1, .hrs) || isW(j + 1, .h) || isW(j + 1, .am) || isW(j + 1, .pm)
                || isW(j + 1, .dia) || isW(j + 1, .semana) || isW(j + 1, .mes) || isW(j + 1, .ano)
                || isW(j + 1, .hora) || isW(j + 1, .minuto) || isW(j + 1, .vez)
                || (isSym(j + 1, 0x2E) && isNum(j + 2)) { return nil }
            if isW(j + 1, .de), isW(j + 2, .la), isW(j + 3, .tarde) || isW(j + 3, .manana) || isW(j + 3, .noche) { return nil }
            // «el 3 de las 5 escuelas», «3 de los 8 profes»: a count out of a whole, not a day.
            // («el 3 de las 15 a las 17» is still the 3rd, from 15:00.)
            if wd == nil, isW(j + 1, .de), isW(j + 2, .las) || isW(j + 2, .los), isNum(j + 3), isPlainWord(j + 4),
               !isW(j + 4, .a), !isW(j + 4, .hasta), !isW(j + 4, .hrs), !isW(j + 4, .h), !isW(j + 4, .am), !isW(j + 4, .pm),
               !isW(j + 4, .y), !isW(j + 4, .hora) { return nil }
            return DateSpec(day: day, weekday: wd, end: j + 1)
        }
        if wd == nil, let m = month(j) {
            if let day = dayNumber(j + 1), !isSym(j + 2, 0x3A) {
                var s = DateSpec(day: day, month: m, end: j + 2)
                if let (y, e) = yearSuffix(j + 2) { s.year = y; s.end = e }
                return s
            }
        }
        if let d = wd { return DateSpec(weekday: d, end: i + 1) }
        return nil
    }

    /// A day that does not exist in the month it is written with ("31 de febrero", "32 de mayo",
    /// "31/04", "el 31 de este mes" in November): the day and month, so the text is not read as
    /// the month alone and the dialog can say which day is missing.
    func impossibleDay(_ i: Int) -> (day: Int, month: Int)? {
        if let s = numericDate(i), let d = s.day, let m = s.month {
            return resolve(s) == nil ? (d, m) : nil
        }
        guard let x = num(i), x.value >= 1, x.value <= 99, x.digits <= 2, !(x.ordinal && x.digits == 0) else { return nil }
        var k = i + 1
        let de = isW(k, .de) || isW(k, .del)
        if de { k += 1 }
        var spec: DateSpec
        if let m = month(k) {
            spec = DateSpec(day: x.value, month: m, end: k + 1)
            if let (y, _) = yearSuffix(k + 1) { spec.year = y }
        } else if de, let (off, e) = monthRef(k) {
            let base = today.firstOfMonth.adding(months: off)
            spec = DateSpec(day: x.value, month: base.month, year: base.year, end: e)
        } else {
            return nil
        }
        return x.value > 31 || resolve(spec) == nil ? (x.value, spec.month!) : nil
    }

    /// A day written with its number: «pal viernes 30 de octubre del 2027» when the 30th is a
    /// Saturday names two days, so both are the alternatives the dialog asks between (the day of
    /// that weekday nearest the number, and the number's own), in calendar order. The value stays
    /// the number's day for readers that take one day.
    func written(_ s: DateSpec) -> Found? {
        guard let d = resolve(s) else { return nil }
        guard let wd = s.weekday, s.day != nil, d.weekday != wd else { return Found(piece: .date(d), end: s.end) }
        // The weekday's day within three days either side of the number.
        let other = d.adding(days: (wd - d.weekday + 10) % 7 - 3)
        return Found(piece: .date(d), end: s.end, alternatives: [min(d, other), max(d, other)])
    }

    /// Turns a spec into a day, inferring what is missing forward from today.
    func resolve(_ s: DateSpec) -> LocalDate? {
        if let r = s.resolved { return r }
        if let day = s.day {
            if let m = s.month { return resolve(day: day, month: m, year: s.year) }
            if let wd = s.weekday { return resolve(day: day, weekday: wd) }
            return resolve(day: day)
        }
        if let wd = s.weekday { return next(weekday: wd) }
        return nil
    }

    // MARK: single dates and date ranges

    /// Leading words that do not change the day: "para", "hasta", "desde", "a partir de", "pal".
    func lead(_ i: Int) -> (Int, Bool) {
        var j = i
        var article = false
        if isW(j, .a), isW(j + 1, .partir), isW(j + 2, .de) || isW(j + 2, .del) {
            article = isW(j + 2, .del); j += 3
        } else if isW(j, .pal) {
            return (j + 1, true)
        } else if isW(j, .para) || isW(j, .hasta) || isW(j, .desde) || (isW(j, .antes) && !isW(j + 1, .de)) || isW(j, .por) {
            j += 1
        }
        if isW(j, .el) || isW(j, .del) || isW(j, .al) { article = true; j += 1 }
        return (j, article)
    }

    /// A date, a date range, or a day with a part of the day ("esta tarde").
    func dateExpr(_ i: Int) -> Found? {
        if let r = dateRange(i) { return r }
        if let f = namedDay(i) { return f }
        let (k, article) = lead(i)
        return dateCore(k, article: article || k > i)
    }

    /// One day, never a range: a named day or a date after its leading words.
    func singleDay(_ i: Int) -> Found? {
        let (k, article) = lead(i)
        if let f = dateCore(k, article: article || k > i), case .date = f.piece { return f }
        if let f = namedDay(i), case .date = f.piece { return f }
        return nil
    }

    func dateCore(_ k: Int, article: Bool) -> Found? {
        guard k < n else { return nil }
        let tok = t[k]
        if tok.kind == .word {
            switch tok.word {
            case .hoy:
                var e = k + 1
                if isW(e, .dia) { e += 1 }
                return Found(piece: .date(today), end: e)
            case .manana:
                if isW(k - 1, .la) || isW(k - 1, .este) { return nil }
                return Found(piece: .date(today.adding(days: 1)), end: k + 1)
            case .pasado:
                if isW(k + 1, .manana) { return Found(piece: .date(today.adding(days: 2)), end: k + 2) }
            case .ayer:
                return Found(piece: .date(today.adding(days: -1)), end: k + 1)
            case .anteayer:
                return Found(piece: .date(today.adding(days: -2)), end: k + 1)
            case .antes:
                if isW(k + 1, .de), isW(k + 2, .ayer) { return Found(piece: .date(today.adding(days: -2)), end: k + 3) }
            case .vispera:
                // "la víspera de navidad": the day before.
                if isW(k + 1, .de) || isW(k + 1, .del), let f = dateCore(k + 2, article: isW(k + 1, .del)) ?? namedDay(k + 2) {
                    switch f.piece {
                    case .date(let d): return Found(piece: .date(d.adding(days: -1)), end: f.end)
                    case .dateRange(let a, _): return Found(piece: .date(a.adding(days: -1)), end: f.end)
                    default: break
                    }
                }
            case .anoche:
                return Found(piece: .date(today.adding(days: -1)), end: k + 1, part: .night)
            case .proximo:
                // "el próximo 12/05", "el próximo 15": the next such day, never today or a past one.
                if let s = dateSpec(k + 1, allowBareDay: true), s.day != nil, s.weekday == nil, let d = nextStrictly(s) {
                    return Found(piece: .date(d), end: s.end)
                }
            case .dia:
                if isW(k + 1, .de), isW(k + 2, .hoy) { return Found(piece: .date(today), end: k + 3) }
                if isW(k + 1, .de), isW(k + 2, .manana) { return Found(piece: .date(today.adding(days: 1)), end: k + 3) }
                if let f = dayAfter(k + 1) { return f }
            default: break
            }
        }
        if let f = holiday(k) { return f }
        if let f = weekdayDate(k) { return f }
        if let f = ordinalWeekdayDate(k) { return f }
        if let f = periodPart(k) { return f }
        if let f = periodDate(k) { return f }
        if let f = relativeOffset(k) { return f }
        if let f = namedDay(k) { return f }
        if let s = dateSpec(k, allowBareDay: article) {
            // "el lunes" alone is handled by weekdayDate; here a day number is present.
            return written(s)
        }
        if let f = monthRange(k) { return f }
        return nil
    }

    /// "el lunes", "este lunes", "el próximo lunes", "el lunes que viene", "el otro lunes",
    /// "el lunes pasado", "el lunes de la otra semana".
    func weekdayDate(_ k: Int) -> Found? {
        var j = k
        var mode = 0   // 0 plain, 1 este, 2 próximo, 3 otro, 4 pasado
        if isW(j, .este) { mode = 1; j += 1 }
        else if isW(j, .proximo) || isW(j, .siguiente) { mode = 2; j += 1 }
        else if isW(j, .otro) { mode = 3; j += 1 }
        // "el día lunes", as Chileans often write it
        if isW(j, .dia), weekday(j + 1) != nil { j += 1 }
        guard let wd = weekday(j) else { return nil }
        j += 1
        // A day number after the weekday makes it a full date ("lunes 3 de marzo").
        if dayNumber(j) != nil || (isW(j, .el) && dayNumber(j + 1) != nil) || (isSym(j, 0x2C) && dayNumber(j + 1) != nil) {
            if mode == 0, let s = dateSpec(k, allowBareDay: true), s.day != nil, let f = written(s) { return f }
        }
        // "el lunes subsiguiente": the one after the coming one.
        if mode == 0 || mode == 2, isW(j, .subsiguiente) { return Found(piece: .date(next(weekday: wd).adding(days: 7)), end: j + 1) }
        if mode == 0 || mode == 2 {
            if let e = nextSuffix(j) { return Found(piece: .date(next(weekday: wd)), end: e) }
        }
        // "el lunes pasado", "este martes pasado", "el miércoles recién pasado", "el jueves anterior"
        if mode != 3 {
            if isW(j, .pasado) || isW(j, .anterior) { return Found(piece: .date(previous(weekday: wd)), end: j + 1) }
            if isW(j, .recien), isW(j + 1, .pasado) { return Found(piece: .date(previous(weekday: wd)), end: j + 2) }
            if isW(j, .antepasado) { return Found(piece: .date(previous(weekday: wd).adding(days: -7)), end: j + 1) }
        }
        // "de la otra semana", "de la próxima semana", "de la semana que viene", "de esta semana"
        if isW(j, .de) {
            var m = j + 1
            if isW(m, .la) { m += 1 }
            if isW(m, .otro) || isW(m, .proximo) || isW(m, .siguiente), isW(m + 1, .semana) {
                return Found(piece: .date(nextMonday.adding(days: wd - 1)), end: m + 2)
            }
            if isW(m, .semana) {
                if let e = nextSuffix(m + 1) { return Found(piece: .date(nextMonday.adding(days: wd - 1)), end: e) }
                if isW(m + 1, .pasado) || isW(m + 1, .anterior) { return Found(piece: .date(today.monday.adding(days: wd - 8)), end: m + 2) }
                if isW(m + 1, .subsiguiente) { return Found(piece: .date(nextMonday.adding(days: wd + 6)), end: m + 2) }
            }
            if isW(m, .este), isW(m + 1, .semana) { return Found(piece: .date(today.monday.adding(days: wd - 1)), end: m + 2) }
        }
        // In a sentence about the past, "el martes" and "este martes" are the latest one.
        if past, mode <= 1 {
            return Found(piece: .date(mode == 1 && wd == today.weekday ? today : previous(weekday: wd)), end: j)
        }
        switch mode {
        case 1: return Found(piece: .date(next(weekday: wd, includeToday: true)), end: j)
        case 3:
            let c1 = next(weekday: wd)
            let c2 = c1.adding(days: 7)
            let value = nextMonday.adding(days: wd - 1)
            return Found(piece: .date(value), end: j, alternatives: [c1, c2])
        default: return Found(piece: .date(next(weekday: wd)), end: j)
        }
    }

    /// "el primer lunes de marzo", "el último viernes del mes" (one day, not a series).
    func ordinalWeekdayDate(_ k: Int) -> Found? {
        guard let o = num(k), o.ordinal, o.digits == 0 || o.value <= 5, o.value != 0, o.value >= -2, o.value <= 5,
              let wd = weekday(k + 1), isW(k + 2, .de) || isW(k + 2, .del) else { return nil }
        let j = k + 3
        if isW(j, .cada) || isW(j, .todos) { return nil }
        var base: LocalDate
        var end: Int
        var forward = false
        if let m = month(j) {
            end = j + 1
            var y = resolveYear(month: m)
            if let (yy, e) = yearSuffix(j + 1) { y = yy; end = e } else { forward = true }
            base = LocalDate(year: y, month: m, day: 1)
        } else if let (off, e) = monthRef(j) {
            base = today.firstOfMonth.adding(months: off); end = e
            forward = off == 0 && !isW(j, .este)
        } else { return nil }
        guard var d = base.nthWeekday(o.value, wd) else { return nil }
        if forward && d < today, let d2 = base.adding(months: forward && month(j) != nil ? 12 : 1).nthWeekday(o.value, wd) { d = d2 }
        return Found(piece: .date(d), end: end)
    }

    /// Weeks, months, years, weekends, ends and beginnings of months.
    func periodDate(_ k: Int) -> Found? {
        var j = k
        // "a fin de mes", "a fines de marzo", "a principios de año", "a mediados del próximo mes"
        if isW(j, .a) { j += 1 }
        if isW(j, .fin) || isW(j, .fines) || isW(j, .principios) || isW(j, .mediados) {
            let kind = t[j].word
            if kind == .fin, isW(j + 1, .de), isW(j + 2, .semana) {
                // weekend, below
            } else if isW(j + 1, .de) || isW(j + 1, .del) {
                let m = j + 2
                var first: LocalDate? = nil
                var end = m
                if isW(j + 1, .de), isW(m, .ano) {
                    first = LocalDate(year: today.year, month: 1, day: 1); end = m + 1
                    if isW(end, .que), isW(end + 1, .viene) { first = LocalDate(year: today.year + 1, month: 1, day: 1); end += 2 }
                    else if isW(end, .proximo) || isW(end, .siguiente) { first = LocalDate(year: today.year + 1, month: 1, day: 1); end += 1 }
                } else if let y = year(m) {
                    // "a fines de 2027", "fines del 2027"
                    first = LocalDate(year: y, month: 1, day: 1); end = m + 1
                } else if isW(m, .este) || isW(m, .el), isW(m + 1, .ano) {
                    first = LocalDate(year: today.year, month: 1, day: 1); end = m + 2
                } else if isW(m, .proximo) || isW(m, .otro), isW(m + 1, .ano) {
                    first = LocalDate(year: today.year + 1, month: 1, day: 1); end = m + 2
                } else if let mo = month(m) {
                    var y = resolveYear(month: mo)
                    end = m + 1
                    if let (yy, e) = yearSuffix(m + 1) { y = yy; end = e }
                    first = LocalDate(year: y, month: mo, day: 1)
                    if kind == .fin || kind == .fines {
                        let last = first!.lastOfMonth
                        return Found(piece: .date(last), end: end)
                    }
                } else if let (off, e) = monthRef(m) {
                    let base = today.firstOfMonth.adding(months: off)
                    end = e
                    switch kind {
                    case .fin, .fines: return Found(piece: .date(base.lastOfMonth), end: end)
                    case .principios: return Found(piece: .dateRange(base, base.adding(days: 9)), end: end)
                    default: return Found(piece: .dateRange(base.adding(days: 10), base.adding(days: 19)), end: end)
                    }
                }
                if var f = first {
                    if f.month == 1, f.day == 1, month(m) == nil {   // a year
                        var explicit = !isW(m, .ano)
                        // "fin de año 2027", "a fin de año, diciembre 2027": the year said again.
                        if isW(m, .ano), end == m + 1, let (y, e) = restatedYear(end, december: kind == .fin || kind == .fines) {
                            f = LocalDate(year: y, month: 1, day: 1); end = e; explicit = true
                        }
                        switch kind {
                        // The calendar's last day, not the region's last day of classes: the school
                        // year itself runs to 31 December (the regional resolutions say so), classes
                        // end on different days by school (4 to 18 December in 2026), and «fin de
                        // mes» is likewise the month's last day.
                        case .fin, .fines: return Found(piece: .date(LocalDate(year: f.year, month: 12, day: 31)), end: end)
                        case .principios:
                            let y = !explicit && today.month > 3 ? f.year + 1 : f.year
                            return Found(piece: .dateRange(LocalDate(year: y, month: 1, day: 1), LocalDate(year: y, month: 3, day: 31)), end: end)
                        default:
                            let y = !explicit && today.month > 7 ? f.year + 1 : f.year
                            return Found(piece: .dateRange(LocalDate(year: y, month: 6, day: 1), LocalDate(year: y, month: 7, day: 31)), end: end)
                        }
                    }
                    switch kind {
                    case .principios: return Found(piece: .dateRange(f, f.adding(days: 9)), end: end)
                    default: return Found(piece: .dateRange(f.adding(days: 10), f.adding(days: 19)), end: end)
                    }
                }
            }
        }
        j = k
        // Weekends.
        var mode = 0   // 0 this/coming, 1 next, -1 past
        if isW(j, .este) { j += 1 }
        else if isW(j, .proximo) || isW(j, .otro) || isW(j, .siguiente) { mode = 1; j += 1 }
        var weekendEnd: Int? = nil
        if isW(j, .fin), isW(j + 1, .de), isW(j + 2, .semana) { weekendEnd = j + 3 }
        else if isW(j, .finde) { weekendEnd = j + 1 }
        if var e = weekendEnd {
            if let s = nextSuffix(e) { mode = 1; e = s } else if isW(e, .pasado) { mode = -1; e += 1 }
            var sat = today.monday.adding(days: 5)
            if mode == 1 && today.weekday >= 6 { sat = sat.adding(days: 7) }
            if mode == -1 { sat = sat.adding(days: -7) }
            return Found(piece: .dateRange(sat, sat.adding(days: 1)), end: e)
        }
        // "la primera semana de diciembre", "la última semana del mes": seven days of that month.
        j = k
        if isW(j, .la) { j += 1 }
        if let o = num(j), o.ordinal, o.digits == 0, (1...4).contains(o.value) || o.value == -1,
           isW(j + 1, .semana), isW(j + 2, .de) || isW(j + 2, .del) {
            let m = j + 3
            var first: LocalDate? = nil
            var end = m
            if let mo = month(m), !isW(m, .mar) {
                var y = resolveYear(month: mo)
                end = m + 1
                if let (yy, e) = yearSuffix(m + 1) { y = yy; end = e }
                first = LocalDate(year: y, month: mo, day: 1)
            } else if let (off, e) = monthRef(m) {
                first = today.firstOfMonth.adding(months: off); end = e
            }
            if let f = first {
                let last = f.lastOfMonth
                let a = o.value == -1 ? last.adding(days: -6) : f.adding(days: 7 * (o.value - 1))
                return Found(piece: .dateRange(a, min(a.adding(days: 6), last)), end: end)
            }
        }
        // Weeks: "la otra semana", "la próxima semana", "la semana que viene", "esta semana".
        j = k
        if isW(j, .la) { j += 1 }
        var wmode = 0   // 0 this, 1 next, -1 last
        var sawModifier = false
        if isW(j, .este) { sawModifier = true; j += 1 }
        else if isW(j, .otro) || isW(j, .proximo) || isW(j, .siguiente) { wmode = 1; sawModifier = true; j += 1 }
        if isW(j, .semana) {
            var e = j + 1
            if let s = nextSuffix(e) { wmode = 1; e = s; sawModifier = true }
            else if isW(e, .pasado) || isW(e, .anterior) { wmode = -1; e += 1; sawModifier = true }
            else if isW(e, .subsiguiente) { wmode = 2; e += 1; sawModifier = true }
            else if isW(e, .antepasado) { wmode = -2; e += 1; sawModifier = true }
            if sawModifier {
                let mon = today.monday.adding(days: 7 * wmode)
                // «la otra semana, el jueves», «la próxima semana el martes a las 10»: that
                // weekday of that week (it was the week alone, or the coming Thursday when a
                // time followed). Not with a day number («…, el jueves 17»: a date of its own)
                // nor a list of days («…, el jueves y el viernes»).
                var w = e
                if isSym(w, 0x2C) { w += 1 }
                if isW(w, .el) { w += 1 }
                if isW(w, .dia), weekday(w + 1) != nil { w += 1 }
                if let wd = weekday(w), dayNumber(w + 1) == nil, !(isW(w + 1, .y) || isW(w + 1, .o)) {
                    return Found(piece: .date(mon.adding(days: wd - 1)), end: w + 1)
                }
                return Found(piece: .dateRange(mon, mon.adding(days: 6)), end: e)
            }
        }
        // Months and years: "este mes", "el próximo mes", "el mes que viene", "el año que viene".
        j = k
        var mmode = 0
        sawModifier = false
        if isW(j, .este) { sawModifier = true; j += 1 }
        else if isW(j, .otro) || isW(j, .proximo) || isW(j, .siguiente) { mmode = 1; sawModifier = true; j += 1 }
        if isW(j, .mes) || isW(j, .ano) {
            let isMonth = isW(j, .mes)
            var e = j + 1
            if let s = nextSuffix(e) { mmode = 1; e = s; sawModifier = true }
            else if isW(e, .pasado) || isW(e, .anterior) { mmode = -1; e += 1; sawModifier = true }
            else if isW(e, .subsiguiente) { mmode = 2; e += 1; sawModifier = true }
            // "el mes después del próximo"
            if mmode == 1, isW(e, .despues), isW(e + 1, .del), isW(e + 2, .proximo) { mmode = 2; e += 3 }
            else if !sawModifier, isW(e, .despues), isW(e + 1, .del), isW(e + 2, .proximo) { mmode = 2; e += 3; sawModifier = true }
            guard sawModifier else { return nil }
            if isMonth {
                let first = today.firstOfMonth.adding(months: mmode)
                return Found(piece: .dateRange(first, first.lastOfMonth), end: e)
            }
            let y = today.year + mmode
            return Found(piece: .dateRange(LocalDate(year: y, month: 1, day: 1), LocalDate(year: y, month: 12, day: 31)), end: e)
        }
        return nil
    }

    /// "en enero", "marzo", "marzo de 2027": the whole month, year inferred forward.
    func monthRange(_ k: Int) -> Found? {
        var j = k
        if isW(j, .en) || isW(j, .de) || isW(j, .a) { j += 1 }
        if isW(j, .el), isW(j + 1, .mes), isW(j + 2, .de) { j += 3 }
        guard let m = month(j), !isW(j, .mar) else { return nil }
        // «el Julio manda…», «la Abril entrega…»: a month word right after an article is a
        // person; a month alone is said «en julio», «julio», never «el julio».
        if j == k, isW(k - 1, .el) || isW(k - 1, .la) { return nil }
        var y = resolveYear(month: m)
        var end = j + 1
        if let (yy, e) = yearSuffix(j + 1) { y = yy; end = e }
        let first = LocalDate(year: y, month: m, day: 1)
        return Found(piece: .dateRange(first, first.lastOfMonth), end: end)
    }

    /// "en dos semanas", "dentro de 3 días", "en un mes", "3 días más", "hace 2 días".
    func relativeOffset(_ k: Int) -> Found? {
        var j = k
        var sign = 1
        var intro = false
        if isW(j, .en) { j += 1; intro = true }
        else if isW(j, .dentro), isW(j + 1, .de) { j += 2; intro = true }
        else if isW(j, .de), isW(j + 1, .aqui), isW(j + 2, .a) || isW(j + 2, .en) { j += 3; intro = true }
        else if isW(j, .hace) { j += 1; intro = true; sign = -1 }
        var count = 1
        if let x = num(j), !x.ordinal, x.value >= 1, x.value <= 400, x.digits <= 3 { count = x.value; j += 1 } else { return nil }
        guard j < n, t[j].kind == .word else { return nil }
        let unit = t[j].word
        guard unit == .dia || unit == .semana || unit == .mes || unit == .ano else { return nil }
        j += 1
        var more = false
        if isW(j, .mas) { more = true; j += 1 }
        var base = today
        if sign > 0, let (anchor, e) = offsetAnchor(j) { base = anchor; j = e; more = true }
        guard intro || more else { return nil }
        let d: LocalDate
        switch unit {
        case .dia: d = base.adding(days: sign * count)
        case .semana: d = base.adding(days: sign * 7 * count)
        case .mes: d = base.adding(months: sign * count)
        default: d = base.adding(months: sign * 12 * count)
        }
        return Found(piece: .date(d), end: j)
    }

    /// Fiestas Patrias, Navidad, Año Nuevo and the winter break.
    func namedDay(_ k: Int) -> Found? {
        // "después del 18", "antes del 18", "pasado el 18"
        if isW(k, .despues) || isW(k, .antes) || isW(k, .pasado) {
            var j = k + 1
            if isW(j, .de) { j += 1 }
            if isW(j, .del) || isW(j, .el) { j += 1 }
            if let x = num(j), x.value == 18, !isW(j + 1, .de), !isSym(j + 1, 0x2F), !isSym(j + 1, 0x3A) {
                let after = !isW(k, .antes)
                var y = today.year
                let sep18 = LocalDate(year: y, month: 9, day: 18)
                // "El 18" is Fiestas Patrias only while they are coming (July to 19 September);
                // in November "después del 18" means after the next 18th of a month.
                if !(7...9).contains(today.month) || today > sep18.adding(days: 1) {
                    // «antes del 18» is then a plazo like «antes del 15» or «antes del 18 de
                    // diciembre»: the day it names, read as a date (it was the 17th, and «antes
                    // del 18 de diciembre» the 18th: qa20 D3).
                    guard after else { return nil }
                    var next18 = LocalDate(year: today.year, month: today.month, day: 18)
                    if next18 < today { next18 = next18.adding(months: 1) }
                    return Found(piece: .date(next18.adding(days: after ? 1 : -1)), end: j + 1)
                }
                if today > sep18.adding(days: 1) { y += 1 }
                if after {
                    var d = LocalDate(year: y, month: 9, day: 20)
                    while d.weekday >= 6 || ChileanCalendar.holiday(on: d) != nil { d = d.adding(days: 1) }
                    return Found(piece: .date(d), end: j + 1)
                }
                return Found(piece: .date(LocalDate(year: y, month: 9, day: 17)), end: j + 1)
            }
            // "antes/después de las vacaciones de invierno", "antes del verano"
            var m = k + 1
            if isW(m, .de) || isW(m, .del) { m += 1 }
            if isW(m, .las) { m += 1 }
            if let (range, e) = winterBreak(m) ?? holidaySpan(m) ?? nextBreak(m) {
                if isW(k, .antes) {
                    var d = range.lowerBound.adding(days: -1)
                    while d.weekday >= 6 || ChileanCalendar.holiday(on: d) != nil { d = d.adding(days: -1) }
                    return Found(piece: .date(d), end: e)
                }
                var d = range.upperBound.adding(days: 1)
                while d.weekday >= 6 || ChileanCalendar.holiday(on: d) != nil { d = d.adding(days: 1) }
                return Found(piece: .date(d), end: e)
            }
            return nil
        }
        var j = k
        if isW(j, .en) || isW(j, .para) || isW(j, .durante) { j += 1 }
        if isW(j, .las) { j += 1 }
        if let (range, e) = winterBreak(j) { return Found(piece: .dateRange(range.lowerBound, range.upperBound), end: e) }
        return holiday(j)
    }

    /// A named day as a span, for "antes de"/"después de".
    func holidaySpan(_ j: Int) -> (ClosedRange<LocalDate>, Int)? {
        guard let f = holiday(j) else { return nil }
        switch f.piece {
        case .date(let d): return (d...d, f.end)
        case .dateRange(let a, let b): return (a...b, f.end)
        default: return nil
        }
    }

    /// «antes de vacaciones», «después de las vacaciones»: the next school break, winter or summer,
    /// whichever comes first and is known (qa35 E: «antes de vacaciones» was not understood).
    func nextBreak(_ j: Int) -> (ClosedRange<LocalDate>, Int)? {
        // «las vacaciones de invierno» not known for the year is not the summer break.
        guard isW(j, .vacaciones), !past, !isW(j + 1, .invierno), !(isW(j + 1, .de) && isW(j + 2, .invierno)) else { return nil }
        let summer = ChileanCalendar.currentOrNextSummerBreak(today: today, region: ctx.region).range
        if let winter = ChileanCalendar.winterBreak(region: ctx.region ?? "Metropolitana", year: today.year),
           winter.upperBound >= today, winter.lowerBound < summer.lowerBound { return (winter, j + 1) }
        return (summer, j + 1)
    }

    /// "vacaciones de invierno" → the region's winter break this year (or next, if past).
    func winterBreak(_ j: Int) -> (ClosedRange<LocalDate>, Int)? {
        guard isW(j, .vacaciones) else { return nil }
        var e = j + 1
        if isW(e, .de), isW(e + 1, .invierno) { e += 2 } else if isW(e, .invierno) { e += 1 } else { return nil }
        let region = ctx.region ?? "Metropolitana"
        if let (y, ye) = yearSuffix(e) {
            return ChileanCalendar.winterBreak(region: region, year: y).map { ($0, ye) }
        }
        if past, let r = ChileanCalendar.winterBreak(region: region, year: today.year), r.lowerBound <= today { return (r, e) }
        for y in [today.year, today.year + 1] {
            if let r = ChileanCalendar.winterBreak(region: region, year: y), r.upperBound >= today { return (r, e) }
        }
        return nil
    }

    /// "del 3 al 5 de marzo", "entre el lunes y el miércoles", "desde el 4 hasta el 22 de este mes",
    /// "de lunes a viernes", "del 28/2 al 3/3", "desde hoy hasta el viernes".
    func dateRange(_ i: Int) -> Found? {
        var j = i
        var intro = true
        let isEntre = isW(i, .entre)
        if isW(j, .del) { j += 1 }
        else if isW(j, .desde) || isW(j, .entre) || isW(j, .de) { j += 1; j = skip(j, .el) }
        else { intro = false }
        guard let s = rangeStart(j) else { return nil }
        var k = s.end
        if isW(k, .al) || isW(k, .a) || isSym(k, 0x2D) || (isEntre && isW(k, .y)) { k += 1 }
        else if isW(k, .hasta) { k += 1 }
        else { return nil }
        if isW(k, .el) { k += 1 }
        else if isW(k, .la) {
            if isNum(k + 1) { return nil }   // "hasta la 1": an hour
            k += 1
        }
        guard !(isW(k, .las) || isW(k, .la)), let e = rangeEnd(k) else { return nil }
        // Without "del/desde/entre", only "3 al 5 de marzo" reads as a range.
        if !intro && (s.spec.day == nil || e.spec.month == nil) { return nil }
        // "de 3 a 5" is a time range; "de" needs a month or weekdays to be read as days.
        if isW(i, .de) || (isEntre && !isW(i + 1, .el)), s.spec.month == nil, e.spec.month == nil, s.spec.weekday == nil || e.spec.weekday == nil,
           s.spec.resolved == nil { return nil }
        guard let (a, b) = combine(s.spec, e.spec) else { return nil }
        return Found(piece: .dateRange(a, b), end: e.spec.end)
    }

    private func rangeStart(_ j: Int) -> (spec: DateSpec, end: Int)? {
        if isW(j, .hoy) || isW(j, .ahora) { return (DateSpec(resolved: today, end: j + 1), j + 1) }
        if isW(j, .manana), !isW(j - 1, .la) { return (DateSpec(resolved: today.adding(days: 1), end: j + 1), j + 1) }
        if isW(j, .pasado), isW(j + 1, .manana) { return (DateSpec(resolved: today.adding(days: 2), end: j + 2), j + 2) }
        if let s = dateSpec(j, allowBareDay: true) {
            if s.month == nil, s.day != nil, isW(s.end, .de), isW(s.end + 1, .la) { return nil }
            return (s, s.end)
        }
        if weekday(j) == nil, let f = weekdayDate(j), case .date(let d) = f.piece {
            return (DateSpec(resolved: d, end: f.end), f.end)
        }
        return nil
    }

    private func rangeEnd(_ k: Int) -> (spec: DateSpec, end: Int)? {
        if let s = dateSpec(k, allowBareDay: true) {
            // "el viernes de la otra semana": let the weekday rule read the modifier.
            if s.day == nil, let f = weekdayDate(k), f.end > s.end, case .date(let d) = f.piece {
                return (DateSpec(resolved: d, end: f.end), f.end)
            }
            return (s, s.end)
        }
        if isW(k, .hoy) { return (DateSpec(resolved: today, end: k + 1), k + 1) }
        if isW(k, .manana) { return (DateSpec(resolved: today.adding(days: 1), end: k + 1), k + 1) }
        if let f = weekdayDate(k), case .date(let d) = f.piece { return (DateSpec(resolved: d, end: f.end), f.end) }
        if let f = periodDate(k), case .date(let d) = f.piece { return (DateSpec(resolved: d, end: f.end), f.end) }
        return nil
    }

    /// Fills the start from the end ("del 3 al 5 de marzo") and orders the two days.
    private func combine(_ s0: DateSpec, _ e0: DateSpec) -> (LocalDate, LocalDate)? {
        var s = s0, e = e0
        if s.resolved == nil, e.resolved == nil, s.weekday != nil, s.day == nil, e.weekday != nil, e.day == nil {
            let a = next(weekday: s.weekday!, includeToday: true)
            let delta = (e.weekday! - a.weekday + 7) % 7
            return (a, a.adding(days: delta))
        }
        if s.day != nil, s.month != nil, s.year == nil, s.resolved == nil, e.month != nil, e.day != nil, e.resolved == nil {
            // "del 28 de diciembre al 5 de enero": the end decides the year, the start precedes it.
            guard let end = resolve(e), LocalDate.isValid(year: end.year, month: s.month!, day: s.day!) else { return nil }
            var start = LocalDate(year: end.year, month: s.month!, day: s.day!)
            if start > end { start = start.adding(months: -12) }
            guard LocalDate.isValid(year: start.year, month: start.month, day: s.day!) else { return nil }
            return (LocalDate(year: start.year, month: start.month, day: s.day!), end)
        }
        if s.day != nil, s.month == nil, e.month != nil {
            s.month = e.month; s.year = e.year
            guard let end = resolve(e) else { return nil }
            guard LocalDate.isValid(year: end.year, month: end.month, day: s.day!) else { return nil }
            var start = LocalDate(year: end.year, month: end.month, day: s.day!)
            if start > end { start = start.adding(months: -1) }
            return (start, end)
        }
        guard let start = resolve(s) else { return nil }
        var end: LocalDate
        if e.resolved == nil, e.day != nil, e.month == nil {
            // "del 3 al 5": the end is the first such day on or after the start.
            var m = start.firstOfMonth
            var found: LocalDate? = nil
            for _ in 0..<3 {
                if LocalDate.isValid(year: m.year, month: m.month, day: e.day!) {
                    let d = LocalDate(year: m.year, month: m.month, day: e.day!)
                    if d >= start { found = d; break }
                }
                m = m.adding(months: 1)
            }
            guard let f = found else { return nil }
            end = f
        } else if e.resolved == nil, e.weekday != nil, e.day == nil {
            end = start.adding(days: (e.weekday! - start.weekday + 7) % 7)
        } else if e.resolved == nil, let m = e.month, let d = e.day, e.year == nil {
            guard let r = resolve(day: d, month: m, year: start.year) else { return nil }
            end = r < start ? (resolve(day: d, month: m, year: start.year + 1) ?? r) : r
        } else {
            guard let r = resolve(e) else { return nil }
            end = r
        }
        guard start <= end else { return nil }
        return (start, end)
    }
}
