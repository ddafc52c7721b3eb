import CivilTime

/// A clock reading as written ("3", "15:30", "3 y media"), before am/pm is decided.
struct ClockSpec {
    var hour: Int
    var minute: Int
    /// Written with minutes after ":"/"."/"h", or as "y media", "menos cuarto"…
    var hasMinutes: Bool
    /// "08:00": a leading zero means the 24-hour clock.
    var leadingZero: Bool
    /// "mediodía"/"medianoche": never shifted.
    var fixed: Bool
    var end: Int
    /// Minutes given as "y 20" (weak evidence of a time without "a las").
    var numericY = false
}

/// How the hour of a clock reading is qualified.
enum Meridiem: Equatable {
    case none, am, pm, morning, afternoon, night, earlyMorning, hrs
    /// "a las 3 del mediodía": early hours are the afternoon, 12 is noon.
    case noon

    var isLate: Bool { self == .pm || self == .afternoon || self == .night }
}

extension Grammar {
    /// An hour 0…24 written with one or two digits or in words.
    func hourNumber(_ i: Int) -> Token? {
        guard let x = num(i), !x.ordinal, x.value >= 0, x.value <= 24, x.digits <= 2 else { return nil }
        return x
    }

    /// A clock reading at i. `compact` accepts "a las 1015" (three or four digits, HHMM) even
    /// without "hrs"/"am"/"pm" after it (the caller saw "a las").
    func clock(_ i: Int, allowY: Bool = true, compact: Bool = false) -> ClockSpec? {
        var j = i
        // "(un) cuarto para las 5", "diez para las 5", "20 para la una"
        if isNum(j), num(j)!.value == 1, num(j)!.digits == 0, isW(j + 1, .cuarto) { j += 1 }
        if isW(j, .cuarto) || (num(j).map { !$0.ordinal && $0.value >= 1 && $0.value <= 30 } ?? false),
           isW(j + 1, .para), isW(j + 2, .las) || isW(j + 2, .la), let h = hourNumber(j + 3), h.value >= 1 {
            let m = isW(j, .cuarto) ? 15 : num(j)!.value
            let hour = h.value == 1 ? 12 : h.value - 1
            return ClockSpec(hour: hour == 0 ? 12 : hour, minute: 60 - m, hasMinutes: true, leadingZero: false, fixed: false, end: j + 4)
        }
        // "veinte pasadas las seis", "un cuarto pasado las 3", "media pasada la una"
        if isW(j, .cuarto) || isW(j, .medio) || (num(j).map { !$0.ordinal && $0.value >= 1 && $0.value <= 59 && $0.digits <= 2 } ?? false),
           isW(j + 1, .pasado), isW(j + 2, .las) || isW(j + 2, .la), let h = hourNumber(j + 3), h.value <= 23 {
            let m = isW(j, .cuarto) ? 15 : (isW(j, .medio) ? 30 : num(j)!.value)
            return ClockSpec(hour: h.value, minute: m, hasMinutes: true, leadingZero: false, fixed: false, end: j + 4)
        }
        j = i
        if isW(j, .mediodia) { return ClockSpec(hour: 12, minute: 0, hasMinutes: true, leadingZero: false, fixed: true, end: j + 1) }
        if isW(j, .medio), isW(j + 1, .dia) { return ClockSpec(hour: 12, minute: 0, hasMinutes: true, leadingZero: false, fixed: true, end: j + 2) }
        if isW(j, .medianoche) { return ClockSpec(hour: 0, minute: 0, hasMinutes: true, leadingZero: false, fixed: true, end: j + 1) }
        // "1015 hrs", "930am", "a las 2130": hours and minutes written together.
        if let x = num(j), !x.ordinal, x.digits == 3 || x.digits == 4, x.value % 100 <= 59, x.value / 100 <= 23,
           compact || isW(j + 1, .hrs) || isW(j + 1, .h) || ((isW(j + 1, .am) || isW(j + 1, .pm)) && x.value / 100 <= 12 && x.value / 100 >= 1) {
            var c = ClockSpec(hour: x.value / 100, minute: x.value % 100, hasMinutes: true,
                              leadingZero: x.digits == 4 && x.value < 1000, fixed: false, end: j + 1)
            c.numericY = true   // weak alone: "las 1500 lucas" is money
            return c
        }
        guard let h = hourNumber(j) else { return nil }
        var spec = ClockSpec(hour: h.value, minute: 0, hasMinutes: false,
                             leadingZero: h.digits == 2 && h.value < 10, fixed: false, end: j + 1)
        j += 1
        if isSym(j, 0x3A), let m = num(j + 1), m.digits > 0, m.value > 59 || m.digits != 2 { return nil }   // "7:75"
        if (isSym(j, 0x3A) || isSym(j, 0x2E)), let m = num(j + 1), m.digits == 2, m.value <= 59 {
            spec.minute = m.value; spec.hasMinutes = true; spec.end = j + 2
            if isSym(j, 0x3A), isSym(j + 2, 0x3A), let s = num(j + 3), s.digits == 2 { spec.end = j + 4 }  // seconds
        } else if isW(j, .h) || isW(j, .hrs), let m = num(j + 1), m.digits == 2, m.value <= 59,
                  isW(j, .h) ? t[j].glued == t[j + 1].glued : isW(j + 2, .minuto) {
            // "15h30", "a las 9 h 15", "9 hrs 15 min"
            spec.minute = m.value; spec.hasMinutes = true; spec.end = j + 2
            if isW(spec.end, .minuto) { spec.end += 1 }
        } else if h.digits == 0, let m = num(j), !m.ordinal, m.digits == 0, m.value >= 10, m.value <= 59,
                  !isW(j + 1, .hora), !isW(j + 1, .dia), !isW(j + 1, .semana), !isW(j + 1, .mes), !isW(j + 1, .ano) {
            // "a las ocho cuarenta", "las nueve quince", "siete treinta y cinco"
            spec.minute = m.value; spec.hasMinutes = true; spec.end = j + 1
            if isW(spec.end, .minuto) { spec.end += 1 }
        } else if isW(j, .y), allowY {
            if isW(j + 1, .medio) { spec.minute = 30; spec.hasMinutes = true; spec.end = j + 2 }
            else if isW(j + 1, .cuarto) { spec.minute = 15; spec.hasMinutes = true; spec.end = j + 2 }
            else if let m = num(j + 1), !m.ordinal, m.value >= 1, m.value <= 59, m.digits <= 2, !isW(j + 2, .la), !isW(j + 2, .las) {
                spec.minute = m.value; spec.hasMinutes = true; spec.end = j + 2; spec.numericY = true
                if isW(spec.end, .minuto) { spec.end += 1 }
            }
        } else if isW(j, .menos) {
            var m = 0
            if isW(j + 1, .cuarto) { m = 15 } else if let x = num(j + 1), !x.ordinal, x.value >= 1, x.value <= 30 { m = x.value }
            if m > 0, spec.hour >= 1 {
                spec.hour -= 1
                if spec.hour == 0 { spec.hour = 12 }
                spec.minute = 60 - m; spec.hasMinutes = true; spec.end = j + 2
            }
        }
        return spec
    }

    /// What follows a clock reading: "pm", "de la tarde", "hrs", "en punto"…
    func meridiem(_ i: Int) -> (Meridiem, Int) {
        var j = i
        var m = Meridiem.none
        if isW(j, .am) { m = .am; j += 1 }
        else if isW(j, .pm) { m = .pm; j += 1 }
        else if isW(j, .hrs) || isW(j, .h) || isW(j, .hora) { m = .hrs; j += 1; if isSym(j, 0x2E) { j += 1 } }
        else if isW(j, .de) || isW(j, .en) || isW(j, .por), isW(j + 1, .la), let p = partWord(j + 2) { m = p; j += 3 }
        else if isW(j, .del), isW(j + 1, .dia) { m = .morning; j += 2 }
        else if isW(j, .del), isW(j + 1, .mediodia) { m = .noon; j += 2 }
        if isW(j, .en), isW(j + 1, .punto) { j += 2 }
        if m == .none, isW(j, .de) || isW(j, .en) || isW(j, .por), isW(j + 1, .la), let p = partWord(j + 2) { m = p; j += 3 }
        if isW(j, .aprox) || isW(j, .mas), isW(j + 1, .o), isW(j + 2, .menos) { j += isW(j, .aprox) ? 1 : 3 }
        else if isW(j, .aprox) { j += 1 }
        return (m, j)
    }

    func partWord(_ i: Int) -> Meridiem? {
        switch w(i) {
        case .manana?: .morning
        case .tarde?: .afternoon
        case .noche?: .night
        case .madrugada?: .earlyMorning
        default: nil
        }
    }

    /// The 24-hour time for a reading. Without am/pm, hours 1–7 are afternoon (a school
    /// meets "a las 3" at 15:00, not at dawn); 8–12 are morning/noon; 0 and 13–23 are literal.
    func resolve(_ c: ClockSpec, _ m: Meridiem) -> LocalTime? {
        var h = c.hour
        guard c.minute >= 0, c.minute <= 59 else { return nil }
        if c.fixed { return LocalTime(hour: h, minute: c.minute) }
        if h == 24 { guard c.minute == 0 else { return nil }; return LocalTime(hour: 0, minute: 0) }
        switch m {
        case .am: guard h <= 12 else { return nil }; if h == 12 { h = 0 }
        case .pm: if h < 12 { h += 12 }
        case .afternoon: if h >= 1 && h < 12 { h += 12 }
        case .night: if h >= 6 && h < 12 { h += 12 } else if h == 12 { h = 0 }
        case .morning: guard h <= 12 else { return nil }
        case .earlyMorning: if h == 12 { h = 0 }
        case .noon: if h >= 1 && h <= 6 { h += 12 }
        case .hrs: break
        case .none: if !c.leadingZero && h >= 1 && h <= 7 { h += 12 }
        }
        guard h <= 23 else { return nil }
        return LocalTime(hour: h, minute: c.minute)
    }

    /// Words before a clock: returns the index after them and whether they make a time certain.
    func timeLead(_ i: Int) -> (Int, strong: Bool)? {
        var j = i
        var strong = false
        if isW(j, .como) || isW(j, .tipo) || isW(j, .aprox) { j += 1; strong = true }
        if isW(j, .a), isW(j + 1, .eso), isW(j + 2, .de) { j += 3; strong = true }
        else if isW(j, .cerca) || isW(j, .alrededor), isW(j + 1, .de) { j += 2; strong = true }
        else if isW(j, .desde) || isW(j, .hasta) || isW(j, .para) { j += 1; strong = true }
        else if isW(j, .antes) || isW(j, .despues), isW(j + 1, .de) { j += 2; strong = true }
        if isW(j, .a) { j += 1; strong = true }
        else if isW(j, .al), isW(j + 1, .mediodia) { return (j + 1, true) }
        if isW(j, .las) || isW(j, .la) { return (j + 1, strong) }
        if isW(i, .tipo) { return (j, true) }
        return strong && (isW(j, .mediodia) || isW(j, .medianoche)) ? (j, true) : (j == i ? (i, false) : nil)
    }

    /// One time: "a las 3", "15:30", "3 y media", "cuarto para las 5", "3pm", "mediodía".
    func singleTime(_ i: Int) -> Found? {
        guard let (j, strong) = timeLead(i) else { return nil }
        let hadArticle = j > i
        guard let c = clock(j, compact: hadArticle && (isW(j - 1, .las) || isW(j - 1, .la))) else { return nil }
        let (m, e) = meridiem(c.end)
        let explicit = c.fixed || (c.hasMinutes && !c.numericY) || m != .none
        if !hadArticle {
            guard explicit else { return nil }
            // "15.30" alone is a time, but "3.5" or a bare "15:30" inside numbers is not.
            if m == .hrs, !c.hasMinutes, c.hour > 24 { return nil }
        } else if !strong && !explicit {
            // "las 3 personas": a plain word right after a bare "las N" is not a time.
            if e < n, t[e].kind == .word, isPlainWord(e) { return nil }
        }
        if !hadArticle, m == .hrs, !c.hasMinutes, isW(c.end, .hora) { return nil }   // "2 horas" is a duration
        guard let time = resolve(c, m) else { return nil }
        var f = Found(piece: .time(time), end: e)
        // The hour is only a guess ("a las 8"): a part of the day said later may fix it.
        if m == .none, !c.fixed, !c.leadingZero, c.hour <= 12 { f.clock = c }
        return f
    }

    /// A word the grammar does not use for time ("personas", "profesores").
    func isPlainWord(_ i: Int) -> Bool {
        guard i < n, t[i].kind == .word else { return false }
        if case .name = t[i].word { return true }
        return t[i].word == .other || t[i].word == .pastVerb
    }

    /// The meridiem a part of the day gives an hour said without one.
    static func meridiem(for part: DayPart) -> Meridiem {
        switch part {
        case .morning, .early: .morning
        case .afternoon, .lunch: .afternoon
        case .night, .evening: .night
        case .earlyMorning: .earlyMorning
        }
    }

    /// "en la mañana", "por la tarde", "en la noche", "a la hora de almuerzo", "temprano".
    func dayPart(_ i: Int) -> (DayPart, Int)? {
        var j = i
        if isW(j, .en) || isW(j, .por) || isW(j, .de) || isW(j, .a) || isW(j, .durante) || isW(j, .al) { j += 1 }
        let hadLa = isW(j, .la)
        if hadLa { j += 1 }
        if isW(j, .hora), isW(j + 1, .de) || isW(j + 1, .del), isW(j + 2, .almuerzo) { return (.lunch, j + 3) }
        if isW(j, .almuerzo), j > i { return (.lunch, j + 1) }
        if j == i || hadLa || isW(i, .en) || isW(i, .por) {
            switch w(j) {
            case .manana?: if hadLa { return (.morning, j + 1) }
            case .tarde?: return (.afternoon, j + 1)
            case .noche?: return (.night, j + 1)
            case .madrugada?: return (.earlyMorning, j + 1)
            default: break
            }
        }
        if isW(i, .temprano) { return (.early, i + 1) }
        // "a primera hora": first thing in the morning
        if isW(j, .a) || j > i, let x = num(isW(j, .a) ? j + 1 : j), x.ordinal, x.value == 1, x.digits == 0,
           isW((isW(j, .a) ? j + 1 : j) + 1, .hora) { return (.early, (isW(j, .a) ? j + 1 : j) + 2) }
        return nil
    }

    /// A time, a time range or a part of the day.
    func timeExpr(_ i: Int) -> Found? {
        if let r = timeRange(i) { return r }
        if let (part, e) = dayPart(i) {
            // "en la tarde a las 4", "en la tarde, tipo 4"
            let k = skipComma(e)
            if let (j, strong) = timeLead(k), strong || j > k, let c = clock(j) {
                var (m, e2) = meridiem(c.end)
                if m == .none { m = Grammar.meridiem(for: part) }
                if let time = resolve(c, m) { return Found(piece: .time(time), end: e2) }
            }
            let (a, b) = part.range
            return Found(piece: .timeRange(a, b), end: e)
        }
        return singleTime(i)
    }

    /// "de 15 a 17 hrs", "entre las 3 y las 5", "de 5 a 6 pm", "15:00-17:00", "desde las 3 hasta las 5".
    func timeRange(_ i: Int) -> Found? {
        var j = i
        var intro = false
        let entre = isW(j, .entre)
        // «a las 9:30 hasta las 13»: the start said as an hour, the end with «hasta».
        let atHour = isW(j, .a) && (isW(j + 1, .las) || isW(j + 1, .la))
        if isW(j, .de) || isW(j, .desde) || entre || atHour { j += 1; intro = true }
        if isW(j, .las) || isW(j, .la) { j += 1; intro = true }
        guard let a = clock(j, allowY: !entre) else { return nil }
        var (ma, k) = meridiem(a.end)
        guard k < n else { return nil }
        if entre { guard isW(k, .y) else { return nil } }
        else if atHour { guard isW(k, .hasta) else { return nil } }
        else if !(isW(k, .a) || isW(k, .hasta) || isSym(k, 0x2D) || isW(k, .al)) { return nil }
        k += 1
        if isW(k, .las) || isW(k, .la) { k += 1 }
        guard let b = clock(k) else { return nil }
        var (mb, e) = meridiem(b.end)
        if !intro {
            guard a.hasMinutes || b.hasMinutes || ma != .none || mb != .none else { return nil }
        }
        // "del 15 al 17 de marzo", "de 2 a 3 días" are not times.
        if mb == .none, !b.hasMinutes {
            if isW(e, .de) || isW(e, .del), month(e + 1) != nil || isW(e + 1, .este) || isW(e + 1, .mes) { return nil }
            if month(e) != nil { return nil }
            if e < n, t[e].kind == .word, t[e].word != .y, t[e].word != .el, t[e].word != .en,
               t[e].word != .para, t[e].word != .hoy, t[e].word != .manana, t[e].word != .del, t[e].word != .los,
               t[e].word != .todos, t[e].word != .cada, weekday(e) == nil,
               // «todos los martes de 9 a 13 desde el 9 de marzo», «… hasta diciembre», «… a partir de abril»
               t[e].word != .desde, t[e].word != .hasta, !(t[e].word == .a && isW(e + 1, .partir)) { return nil }
            if isSym(e, 0x2F) { return nil }
        }
        if ma == .hrs, mb == .hrs, a.hour > 24 || b.hour > 24 { return nil }
        if ma == .none && mb != .none {
            if mb.isLate { ma = (a.hour <= b.hour || b.hour == 12) && a.hour < 12 ? mb : (a.hour >= 12 ? .hrs : .am) }
            else { ma = mb }
        }
        if mb == .none && ma != .none && ma != .am && ma != .morning { mb = ma == .hrs ? .hrs : ma }
        guard var s = resolve(a, ma), var f = resolve(b, mb) else { return nil }
        if f <= s {
            if f.hour < 12, f.hour + 12 > s.hour, !b.leadingZero, b.hour <= 12, mb == .none || mb == .hrs { f.hour += 12 }
            else if s.hour >= 12, a.hour < 12, s.hour - 12 < f.hour, ma == .none { s.hour -= 12 }
        }
        // "de 22:00 a 2:00": an end hour read as afternoon by default may be after midnight.
        if f <= s, mb == .none, b.hour < 12, f.hour >= 12, !b.fixed { f.hour -= 12 }
        guard s != f else { return nil }
        // Ranges cross midnight only from the evening into the small hours.
        if f < s, s.hour < 18 || f.hour > 8 { return nil }
        return Found(piece: .timeRange(s, f), end: e)
    }

    /// "en 2 horas", "dentro de media hora", "en 45 minutos más": an instant from now.
    func relativeInstant(_ i: Int) -> Found? {
        if let f = nowInstant(i) { return f }
        var j = i
        if isW(j, .en) { j += 1 } else if isW(j, .dentro), isW(j + 1, .de) { j += 2 } else { return nil }
        guard let (minutes, e0) = duration(j), minutes > 0, minutes <= 60 * 24 * 7 else { return nil }
        var e = e0
        if isW(e, .mas) { e += 1 }
        return Found(piece: .dateTime(minute(ctx.now.addingTimeInterval(Double(minutes) * 60))), end: e)
    }

    /// A duration in minutes: "dos horas", "90 minutos", "hora y media", "1h30", "1,5 horas".
    func duration(_ i: Int) -> (Int, Int)? {
        var j = i
        var total = 0
        var matched = false
        while j < n {
            // "hora y media", "una hora y media", "2 horas y 15 minutos"
            var count: Double? = nil
            var k = j
            if isW(k, .y), matched { k += 1 }
            if isW(k, .medio), isW(k + 1, .hora) { total += 30; j = k + 2; matched = true; continue }
            if let x = num(k), !x.ordinal, x.value <= 100_000 {
                count = Double(x.value); k += 1
                if (isSym(k, 0x2E) || isSym(k, 0x2C)), let f = num(k + 1), f.digits == 1, isW(k + 2, .hora) {
                    count! += Double(f.value) / 10; k += 2
                } else if isSym(k, 0x3A), let m = num(k + 1), m.digits == 2, m.value < 60, !matched {
                    // "1:30 hrs"
                    if isW(k + 2, .hora) || isW(k + 2, .hrs) || isW(k + 2, .h) {
                        total += x.value * 60 + m.value; j = k + 3; matched = true; continue
                    }
                    return nil
                }
            }
            if count == 1 || count == nil, isW(k, .cuarto), isW(k + 1, .de), isW(k + 2, .hora) { total += 15; j = k + 3; matched = true; continue }
            if let c = count, c == 3, isW(k, .cuarto), isW(k + 1, .de), isW(k + 2, .hora) { total += 45; j = k + 3; matched = true; continue }
            if isW(k, .hora) || isW(k, .hrs) || (isW(k, .h) && count != nil) {
                let c = count ?? 1
                if count == nil && matched { break }
                total += Int(c * 60); k += 1; matched = true
                if isW(k, .y), isW(k + 1, .medio) { total += 30; k += 2 }
                else if isW(k, .y), isW(k + 1, .cuarto) { total += 15; k += 2 }
                else if let m = num(k), !m.ordinal, m.value < 60, !isW(k + 1, .hora), !isW(k + 1, .hrs),
                        isW(k + 1, .minuto) || k + 1 >= n || t[k].glued || !isNum(k + 1) {
                    total += m.value; k += 1
                    if isW(k, .minuto) { k += 1 }
                }
                j = k; continue
            }
            if isW(k, .minuto), let c = count { total += Int(c); j = k + 1; matched = true; continue }
            if isW(k, .dia), let c = count, !matched { total += Int(c) * 1440; j = k + 1; matched = true; continue }
            break
        }
        return matched ? (total, j) : nil
    }
}
