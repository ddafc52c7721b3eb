import CivilTime

extension Grammar {
    /// "lunes, martes y jueves", "lunes a viernes", "lunes y los miércoles": ISO weekdays.
    func weekdayList(_ i: Int) -> ([Int], Int)? {
        guard let first = weekday(i) else { return nil }
        var days = [first]
        var j = i + 1
        if isW(j, .a), let last = weekday(j + 1), last > first {
            return (Array(first...last), j + 2)
        }
        while j < n {
            var k = j
            if isSym(k, 0x2C) { k += 1 }
            if isW(k, .y) { k += 1 }
            if k == j { break }
            if isW(k, .los) || isW(k, .el) { k += 1 }
            guard let d = weekday(k) else { break }
            if !days.contains(d) { days.append(d) }
            j = k + 1
        }
        return (days, j)
    }

    /// "primer", "primer y tercer", "segundo y cuarto": ordinals for BYDAY.
    func ordinalList(_ i: Int) -> ([Int], Int)? {
        var out: [Int] = []
        var j = i
        while j < n {
            var o: Int? = nil
            if let x = num(j), x.ordinal, x.value != 0, x.value >= -2, x.value <= 5 { o = x.value }
            else if isW(j, .cuarto) { o = 4 }
            guard let v = o else { break }
            out.append(v)
            j += 1
            if isSym(j, 0x2C) || isW(j, .y), (num(j + 1)?.ordinal ?? false) || isW(j + 1, .cuarto) { j += 1 } else { break }
        }
        return out.isEmpty ? nil : (out, j)
    }

    /// "de cada mes", "de todos los meses", "cada mes", "del mes", "mensual": returns the end.
    func everyMonth(_ i: Int, allowPlainDelMes: Bool) -> Int? {
        var j = i
        if isW(j, .de) || isW(j, .del) { j += 1 }
        if isW(j, .cada), isW(j + 1, .mes) { return j + 2 }
        if isW(j, .todos), isW(j + 1, .los), isW(j + 2, .mes) { return j + 3 }
        if isW(i, .del), isW(i + 1, .mes), allowPlainDelMes { return i + 2 }
        if isW(i, .al), isW(i + 1, .mes) { return i + 2 }
        if isW(i, .mensual) { return i + 1 }
        return nil
    }

    /// "todos los martes", "cada dos semanas los jueves", "el primer miércoles de cada mes",
    /// "los martes y jueves", "mensualmente", "todos los días hábiles", "martes por medio".
    func recurrence(_ i: Int) -> Found? {
        guard var (r, j) = recurrenceCore(i) else { return nil }
        // Modifiers in any order: weekdays, interval, "por medio".
        var changed = true
        var rounds = 0
        while changed && rounds < 4 {
            changed = false
            rounds += 1
            var k = skipComma(j)
            // "todos los días excepto los domingos", "todos los días menos el miércoles"
            if isW(k, .excepto) || isW(k, .menos) {
                let m = isW(k + 1, .los) || isW(k + 1, .el) ? k + 2 : k + 1
                guard r.freq == .DAILY || r.freq == .WEEKLY, r.interval == 1, let (days, e) = weekdayList(m) else { break }
                if r.byDay.isEmpty { r.addDays(Array(1...7)) }
                r.byDay.removeAll { days.contains($0.1) }
                r.freq = .WEEKLY
                j = e; changed = true; continue
            }
            if isW(k, .los) || isW(k, .el) || isW(k, .en) || isW(k, .cada) || isW(k, .las) { k += 1 }
            if r.byDay.isEmpty, r.byMonthDay.isEmpty, r.freq == .WEEKLY || r.freq == .DAILY, let (days, e) = weekdayList(k) {
                r.freq = .WEEKLY
                r.addDays(days)
                j = e; changed = true; continue
            }
            if r.once, r.freq == .MONTHLY, r.byDay.isEmpty, r.byMonthDay.isEmpty, let (days, e) = weekdayList(k), days.count == 1 {
                r.addDays(days, ordinal: 1)
                j = e; changed = true; continue
            }
            if r.freq == .YEARLY, r.byMonthDay.isEmpty, let (m, d, e) = dayOfMonthName(k) {
                r.byMonth = m; r.byMonthDay = [d]; j = e; changed = true; continue
            }
            if let (o, e) = ordinalList(k), let wd = weekday(e), r.freq == .MONTHLY, r.byDay.isEmpty {
                for x in o { r.addDays([wd], ordinal: x) }
                // «mensual, el primer jueves de cada mes»: the month said twice is one series.
                j = everyMonth(e + 1, allowPlainDelMes: true) ?? e + 1; changed = true; continue
            }
            if r.freq == .MONTHLY, r.byDay.isEmpty, r.byMonthDay.isEmpty, isW(k - 1, .el) || isW(k - 1, .los),
               let d = dayNumber(isW(k, .dia) ? k + 1 : k), !isW(k + 1, .de) || !isW(k + 2, .la) {
                r.byMonthDay = [d]; j = isW(k, .dia) ? k + 2 : k + 1; changed = true; continue
            }

            // "los jueves cada dos semanas", "cada 15 días"
            let c = skipComma(j)
            if isW(c, .cada), let (freq, interval, e) = every(c + 1), interval > 1, r.interval == 1 {
                if freq == r.freq || (freq == .WEEKLY && r.freq == .WEEKLY) { r.interval = interval; j = e; changed = true; continue }
            }
            if isW(c, .por), isW(c + 1, .medio), r.interval == 1 { r.interval = 2; j = c + 2; changed = true; continue }
            if isW(c, .de), let (days, e) = weekdayList(c + 1), days.count > 1, r.freq == .WEEKLY, r.byDay.isEmpty {
                r.addDays(days); j = e; changed = true; continue
            }
        }
        // A time of day ("a las 16", "de 15 a 17", "en la tarde") and a limit ("por 10 semanas",
        // "hasta diciembre", "5 veces"), in either order.
        // A start ("desde el 9 de marzo", "a partir de marzo") and a span of months ("de marzo",
        // "de marzo a junio") too.
        for _ in 0..<3 {
            var k = skipComma(j)
            if isW(k, .y), isW(k + 1, .a) { k += 1 }
            if r.time == nil, let tm = timeExpr(k) {
                switch tm.piece {
                case .time(let x): r.time = x; j = tm.end
                case .timeRange(let a, let b): r.time = a; r.endTime = b; j = tm.end
                default: break
                }
            }
            if r.start == nil, let e = seriesStart(skipComma(j), &r) { j = e }
            if r.count == nil, let e = limit(skipComma(j), &r) { j = e }
        }
        return Found(piece: .recurrence(r), end: j)
    }

    /// "el 1 de marzo", "18 de septiembre": a day of a named month, for yearly series.
    func dayOfMonthName(_ k: Int) -> (Int, Int, Int)? {
        let j = isW(k, .el) ? k + 1 : k
        guard let d = dayNumber(j) else { return nil }
        let m = isW(j + 1, .de) ? j + 2 : j + 1
        guard let mo = month(m), LocalDate.isValid(year: 2028, month: mo, day: d) else { return nil }
        return (mo, d, m + 1)
    }

    /// How long a series lasts: "por 10 semanas", "durante 3 meses", "5 veces", "hasta diciembre",
    /// "hasta el 15 de diciembre". Sets COUNT or UNTIL and returns the end.
    func limit(_ k: Int, _ r: inout Recur) -> Int? {
        var j = k
        if isW(j, .por) || isW(j, .durante) || isW(j, .en) { j += 1 }
        // "son 4 sesiones", "4 reuniones en total": so many dates, whatever else bounds it.
        let said = isW(j, .son) ? j + 1 : j
        if let x = num(said), !x.ordinal, x.value >= 1, x.value <= 500, isW(said + 1, .sesion) {
            r.count = x.value; r.until = nil; return said + 2
        }
        guard r.until == nil || isW(k, .hasta) else { return nil }
        if let x = num(j), !x.ordinal, x.value >= 1, x.value <= 500 {
            let c = x.value
            if isW(j + 1, .vez) { r.count = c; return j + 2 }
            guard isW(k, .por) || isW(k, .durante), let unit = w(j + 1) else { return nil }
            let perPeriod = max(1, r.freq == .MONTHLY ? max(r.byDay.count, r.byMonthDay.count) : r.byDay.count)
            switch (unit, r.freq) {
            case (.semana, .WEEKLY), (.mes, .MONTHLY), (.ano, .YEARLY), (.dia, .DAILY):
                r.count = max(1, c / r.interval) * perPeriod
            case (.semana, .DAILY):
                r.count = max(1, 7 * c / r.interval)
            case (.dia, _), (.semana, _), (.mes, _), (.ano, _):
                let base = today
                let last: LocalDate
                switch unit {
                case .dia: last = base.adding(days: c - 1)
                case .semana: last = base.adding(days: 7 * c - 1)
                case .mes: last = base.adding(months: c).adding(days: -1)
                default: last = base.adding(months: 12 * c).adding(days: -1)
                }
                r.until = last
            default: return nil
            }
            return j + 2
        }
        guard isW(k, .hasta) else { return nil }
        guard let f = dateExpr(k) else { return nil }
        switch f.piece {
        case .date(let d): r.until = endAfter(r.start, d, words: k..<f.end)
        case .dateRange(_, let b): r.until = endAfter(r.start, b, words: k..<f.end)
        default: return nil
        }
        return f.end
    }

    /// A series' last day said without a year («hasta diciembre», «hasta el 15 de diciembre») is
    /// read as the next one after today; after a later start it is the first one on or after the
    /// start: «desde marzo hasta diciembre», said in November, ends the December after March, not
    /// the one before it (a series that ends before it starts has no date at all). A year said in
    /// the words is kept as said.
    func endAfter(_ start: LocalDate?, _ end: LocalDate, words: Range<Int>) -> LocalDate {
        guard let start, end < start else { return end }
        var namesMonth = false
        for i in words where i < n {
            if let x = num(i), !x.ordinal, x.value >= 2000, x.value <= 2100 { return end }
            if month(i) != nil { namesMonth = true }
        }
        // «hasta el 10» names no month: the next 10th after the start.
        let step = namesMonth ? 12 : 1
        let monthEnd = end == end.lastOfMonth
        var e = end
        while e < start {
            e = e.adding(months: step)
            if monthEnd { e = e.lastOfMonth }
        }
        return e
    }

    /// When a series starts, said after it: "desde el 9 de marzo", "a partir del 9 de marzo de
    /// 2027", "desde marzo", "desde el 1 hasta el 22 de marzo" (start and end); and the months a
    /// weekly series is held in, "todos los lunes de marzo", "los martes de marzo a junio".
    /// Sets `start` (and `until` when the words end it) and returns the end.
    func seriesStart(_ k: Int, _ r: inout Recur) -> Int? {
        if isW(k, .desde) || (isW(k, .a) && isW(k + 1, .partir)) {
            var j = isW(k, .desde) ? k + 1 : k + 2
            if isW(j, .de) || isW(j, .del) { j += 1 }
            guard let f = dateExpr(j) ?? (isW(j, .el) ? dateExpr(j + 1) : nil) else { return nil }
            var end = f.end
            switch f.piece {
            case .date(let d): r.start = d
            case .dateTime(let dt):
                r.start = dt.date
                if r.time == nil { r.time = dt.time }
            case .dateRange(let a, _): r.start = a
            default: return nil
            }
            // "desde el 1 hasta el 22 de marzo": the end, read with the start's month.
            let h = skipComma(end)
            if isW(h, .hasta) || isW(h, .al) || isW(h, .a), let g = dateExpr(h + 1) ?? (isW(h + 1, .el) ? dateExpr(h + 2) : nil) {
                switch g.piece {
                case .date(let d) where endAfter(r.start, d, words: h..<g.end) >= (r.start ?? d):
                    r.until = endAfter(r.start, d, words: h..<g.end); r.count = nil; end = g.end
                case .dateRange(_, let b) where endAfter(r.start, b, words: h..<g.end) >= (r.start ?? b):
                    r.until = endAfter(r.start, b, words: h..<g.end); r.count = nil; end = g.end
                default: break
                }
            }
            return end
        }
        guard isW(k, .de) || isW(k, .en) || isW(k, .durante), let first = month(k + 1) else { return nil }
        // «el último miércoles de cada mes, de marzo a noviembre»: a monthly series takes a span
        // of months only as a range (one month alone would be a single date of it).
        guard r.freq == .WEEKLY || r.freq == .DAILY
                || (r.freq == .MONTHLY && isW(k, .de) && (isW(k + 2, .a) || isW(k + 2, .hasta)) && month(isW(k + 3, .de) ? k + 4 : k + 3) != nil)
        else { return nil }
        var j = k + 2
        var year: Int? = nil
        func readYear(_ i: Int) -> (Int, Int)? {
            let y = isW(i, .de) || isW(i, .del) ? i + 1 : i
            if let x = num(y), !x.ordinal, x.value >= 2000, x.value <= 2100 { return (x.value, y + 1) }
            return nil
        }
        if let (y, e) = readYear(j) { year = y; j = e }
        var last = first
        if isW(j, .a) || isW(j, .hasta), let m = month(isW(j + 1, .de) ? j + 2 : j + 1) {
            last = m
            j = isW(j + 1, .de) ? j + 3 : j + 2
        }
        let y = year ?? (first >= today.month ? today.year : today.year + 1)
        let from = LocalDate(year: y, month: first, day: 1)
        let to = LocalDate(year: last >= first ? y : y + 1, month: last, day: 1).lastOfMonth
        r.start = max(from, today)
        r.until = to
        r.count = nil
        return j
    }

    /// "dos semanas", "15 días", "mes", "semana": after "cada".
    func every(_ i: Int) -> (Recur.Freq, Int, Int)? {
        var j = i
        var count = 1
        if let x = num(j), !x.ordinal, x.value >= 1, x.value <= 366 { count = x.value; j += 1 }
        switch w(j) {
        case .dia?:
            if count == 15 || count == 14 { return (.WEEKLY, 2, j + 1) }
            if count % 7 == 0 { return (.WEEKLY, count / 7, j + 1) }
            return (.DAILY, count, j + 1)
        case .semana?: return (.WEEKLY, count, j + 1)
        case .quincena?: return (.WEEKLY, 2 * count, j + 1)
        case .mes?: return (.MONTHLY, count, j + 1)
        case .bimestre?: return (.MONTHLY, 2 * count, j + 1)
        case .trimestre?: return (.MONTHLY, 3 * count, j + 1)
        case .semestre?: return (.MONTHLY, 6 * count, j + 1)
        case .ano?: return (.YEARLY, count, j + 1)
        default: return nil
        }
    }

    private func recurrenceCore(_ i: Int) -> (Recur, Int)? {
        var j = i
        let weekdays = [1, 2, 3, 4, 5]
        // "de lunes a viernes a las 8": a span of weekdays with an hour is a weekly series.
        if isW(j, .de), let a = weekday(j + 1), isW(j + 2, .a), let b = weekday(j + 3), a < b {
            let k = skipComma(j + 4)
            if let tm = timeExpr(k), case .time = tm.piece { var r = Recur(freq: .WEEKLY); r.addDays(Array(a...b)); return (r, j + 4) }
        }
        // "todos los …", "todas las …"
        if isW(j, .todos), isW(j + 1, .los) || isW(j + 1, .las) {
            j += 2
            if isW(j, .dia) {
                j += 1
                if isW(j, .habil) || isW(j, .laboral) { var r = Recur(freq: .WEEKLY); r.addDays(weekdays); return (r, j + 1) }
                if isW(j, .de), isW(j + 1, .semana) { var r = Recur(freq: .WEEKLY); r.addDays(weekdays); return (r, j + 2) }
                if isW(j, .de) || isW(j, .del), let (days, e) = weekdayList(j + 1), days.count > 1 {
                    var r = Recur(freq: .WEEKLY); r.addDays(days); return (r, e)
                }
                return (Recur(freq: .DAILY), j)
            }
            if isW(j, .semana) { return (Recur(freq: .WEEKLY), j + 1) }
            if isW(j, .mes) { return (Recur(freq: .MONTHLY), j + 1) }
            if isW(j, .ano) { return (Recur(freq: .YEARLY), j + 1) }
            if isW(j, .fines) || isW(j, .fin), isW(j + 1, .de), isW(j + 2, .semana) {
                var r = Recur(freq: .WEEKLY); r.addDays([6, 7]); return (r, j + 3)
            }
            if isW(j, .finde) { var r = Recur(freq: .WEEKLY); r.addDays([6, 7]); return (r, j + 1) }
            if let (days, e) = weekdayList(j) { var r = Recur(freq: .WEEKLY); r.addDays(days); return (r, e) }
            if let (o, e) = ordinalList(j), let wd = weekday(e) {
                var r = Recur(freq: .MONTHLY); for x in o { r.addDays([wd], ordinal: x) }
                var end = e + 1
                if let m = everyMonth(end, allowPlainDelMes: true) { end = m }
                return (r, end)
            }
            if let (m, d, e) = dayOfMonthName(j) {
                var r = Recur(freq: .YEARLY); r.byMonth = m; r.byMonthDay = [d]; return (r, e)
            }
            if let d = dayNumber(j), !isSym(j + 1, 0x3A) {
                var r = Recur(freq: .MONTHLY); r.byMonthDay = [d]
                var end = j + 1
                if let m = everyMonth(end, allowPlainDelMes: true) { end = m }
                return (r, end)
            }
            return nil
        }
        // "cada …"
        if isW(j, .cada) {
            j += 1
            if let (days, e) = weekdayList(j) { var r = Recur(freq: .WEEKLY); r.addDays(days); return (r, e) }
            // "cada dos jueves": every other Thursday.
            if let x = num(j), !x.ordinal, x.value >= 2, x.value <= 12, let (days, e) = weekdayList(j + 1) {
                var r = Recur(freq: .WEEKLY); r.interval = x.value; r.addDays(days); return (r, e)
            }
            // "cada 1 de marzo": once a year.
            if let (m, d, e) = dayOfMonthName(j) {
                var r = Recur(freq: .YEARLY); r.byMonth = m; r.byMonthDay = [d]; return (r, e)
            }
            if let (o, e) = ordinalList(j), let wd = weekday(e) {
                var r = Recur(freq: .MONTHLY); for x in o { r.addDays([wd], ordinal: x) }
                var end = e + 1
                if isW(end, .de) || isW(end, .del), isW(end + 1, .mes) { end += 2 }
                return (r, end)
            }
            if isW(j, .fin), isW(j + 1, .de), isW(j + 2, .semana) { var r = Recur(freq: .WEEKLY); r.addDays([6, 7]); return (r, j + 3) }
            if isW(j, .dia), isW(j + 1, .habil) { var r = Recur(freq: .WEEKLY); r.addDays(weekdays); return (r, j + 2) }
            if let (freq, interval, e) = every(j) {
                var r = Recur(freq: freq); r.interval = interval
                return (r, e)
            }
            return nil
        }
        // "una vez a la semana", "una vez al mes", "una vez por semana"
        if let x = num(j), x.value == 1, !x.ordinal, isW(j + 1, .vez) {
            var k = j + 2
            if isW(k, .a) || isW(k, .por) || isW(k, .al) || isW(k, .cada) { k += 1 }
            if isW(k, .la) || isW(k, .el) { k += 1 }
            if isW(k, .semana) { return (Recur(freq: .WEEKLY), k + 1) }
            if isW(k, .mes) { var r = Recur(freq: .MONTHLY); r.once = true; return (r, k + 1) }
            if isW(k, .ano) { return (Recur(freq: .YEARLY), k + 1) }
            if isW(k, .dia) { return (Recur(freq: .DAILY), k + 1) }
            return nil
        }
        // "martes por medio", "los jueves por medio"
        if let (days, e) = weekdayList(isW(j, .los) ? j + 1 : j), isW(e, .por), isW(e + 1, .medio) {
            var r = Recur(freq: .WEEKLY); r.interval = 2; r.addDays(days); return (r, e + 2)
        }
        // "día por medio", "semana por medio"
        if isW(j, .dia) || isW(j, .semana), isW(j + 1, .por), isW(j + 2, .medio) {
            var r = Recur(freq: isW(j, .dia) ? .DAILY : .WEEKLY); r.interval = 2; return (r, j + 3)
        }
        // Adverbs.
        // «el diario mural», «en el diario», «un diario»: a thing (a newspaper, the school's board),
        // never «daily»: after an article.
        if isW(j, .diario), isW(j - 1, .el) || isW(j - 1, .del) || isW(j - 1, .al)
            || (j >= 1 && t[j - 1].kind == .number && t[j - 1].value == 1 && t[j - 1].digits == 0) { return nil }
        if j < n, t[j].kind == .word {
            switch t[j].word {
            case .semanal: return (Recur(freq: .WEEKLY), j + 1)
            case .mensual: var r = Recur(freq: .MONTHLY); r.once = true; return (r, j + 1)
            case .quincenal: var r = Recur(freq: .WEEKLY); r.interval = 2; return (r, j + 1)
            case .diario: return (Recur(freq: .DAILY), j + 1)
            case .anual: return (Recur(freq: .YEARLY), j + 1)
            case .bimensual: var r = Recur(freq: .MONTHLY); r.interval = 2; return (r, j + 1)
            case .trimestral: var r = Recur(freq: .MONTHLY); r.interval = 3; return (r, j + 1)
            case .semestral: var r = Recur(freq: .MONTHLY); r.interval = 6; return (r, j + 1)
            default: break
            }
        }
        // "los martes (y jueves)", "los fines de semana", "los primeros lunes de cada mes"
        if isW(j, .los) || isW(j, .las) {
            let k = j + 1
            if let (days, e) = weekdayList(k) {
                // "los lunes 3 y 10" are dates, not a series.
                if dayNumber(e) != nil { return nil }
                var r = Recur(freq: .WEEKLY); r.addDays(days); return (r, e)
            }
            if isW(k, .fines), isW(k + 1, .de), isW(k + 2, .semana) { var r = Recur(freq: .WEEKLY); r.addDays([6, 7]); return (r, k + 3) }
            if isW(k, .finde) { var r = Recur(freq: .WEEKLY); r.addDays([6, 7]); return (r, k + 1) }
            if let (o, e) = ordinalList(k), let wd = weekday(e), let end = everyMonth(e + 1, allowPlainDelMes: true) {
                var r = Recur(freq: .MONTHLY); for x in o { r.addDays([wd], ordinal: x) }; return (r, end)
            }
            if let d = dayNumber(k), let end = everyMonth(k + 1, allowPlainDelMes: true) {
                var r = Recur(freq: .MONTHLY); r.byMonthDay = [d]; return (r, end)
            }
            if isW(k, .dia), isW(k + 1, .habil) || isW(k + 1, .laboral) { var r = Recur(freq: .WEEKLY); r.addDays(weekdays); return (r, k + 2) }
            return nil
        }
        // "el primer miércoles de cada mes", "el 15 de cada mes", "el último día de cada mes",
        // "el primer día hábil de cada mes"
        var k = j
        if isW(k, .el) { k += 1 }
        if let (o, e) = ordinalList(k) {
            if let wd = weekday(e), let end = everyMonth(e + 1, allowPlainDelMes: false) {
                var r = Recur(freq: .MONTHLY); for x in o { r.addDays([wd], ordinal: x) }; return (r, end)
            }
            if isW(e, .dia), o.count == 1 {
                if isW(e + 1, .habil) || isW(e + 1, .laboral), let end = everyMonth(e + 2, allowPlainDelMes: false) {
                    var r = Recur(freq: .MONTHLY); r.addDays(weekdays); r.bySetPos = o[0]; return (r, end)
                }
                if let end = everyMonth(e + 1, allowPlainDelMes: false) {
                    var r = Recur(freq: .MONTHLY); r.byMonthDay = [o[0] == 1 ? 1 : o[0]]; return (r, end)
                }
            }
        }
        if isW(k, .dia) { k += 1 }
        if let d = dayNumber(k), let end = everyMonth(k + 1, allowPlainDelMes: false) {
            var r = Recur(freq: .MONTHLY); r.byMonthDay = [d]; return (r, end)
        }
        // "de lunes a viernes" as a weekly series when followed by a time is handled by the caller.
        return nil
    }
}
