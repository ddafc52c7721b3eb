import CivilTime

/// Named days of Chile's civil and school calendar: "el día de la madre", "semana santa",
/// "San Pedro y San Pablo", "el día del profesor", "nochebuena", "las vacaciones de verano"…
/// Each is read for this year, or next year's once it is over (last year's in a sentence about
/// the past), unless a year follows ("navidad de 2027").
extension Grammar {
    /// How a named day falls in a given year.
    enum HolidayRule {
        /// The same day every year.
        case fixed(month: Int, day: Int)
        /// Moved to a Monday by Ley 19.668 (San Pedro y San Pablo, Encuentro de Dos Mundos).
        case monday(month: Int, day: Int)
        /// The n-th Sunday of a month (Día de la Madre, del Padre, del Niño).
        case sunday(month: Int, nth: Int)
        /// Days from Easter Sunday.
        case easter(Int)
        /// Monday to Easter Sunday.
        case holyWeek
        /// From the end of one school year to the start of the next.
        case summerBreak
        /// The day students return in March (the school year's first day of classes).
        case classesStart
        /// Consecutive days from a fixed one (Fiestas Patrias, 18 and 19 September).
        case span(month: Int, day: Int, days: Int)
    }

    /// Content words of each name (articles and "de/del/y" may come between them), longest first.
    static let holidays: [([Word], HolidayRule)] = [
        ([.name(.san), .name(.pedro), .name(.san), .name(.pablo)], .monday(month: 6, day: 29)),
        ([.dia, .name(.pueblos), .name(.indigenas)], .fixed(month: 6, day: 21)),
        ([.name(.encuentro), .name(.dos), .name(.mundos)], .monday(month: 10, day: 12)),
        ([.dia, .name(.iglesias), .name(.evangelicas)], .fixed(month: 10, day: 31)),
        ([.name(.pascua), .name(.resurreccion)], .easter(0)),
        ([.weekday(7), .name(.pascua)], .easter(0)),
        ([.weekday(7), .name(.resurreccion)], .easter(0)),
        ([.weekday(7), .name(.ramos)], .easter(-7)),
        ([.weekday(4), .name(.santo)], .easter(-3)),
        ([.weekday(5), .name(.santo)], .easter(-2)),
        ([.weekday(6), .name(.santo)], .easter(-1)),
        ([.semana, .name(.santa)], .holyWeek),
        ([.fiestas, .patrias], .span(month: 9, day: 18, days: 2)),
        // «el primer día de clases», «el inicio de clases» («clases» reads as sessions).
        ([.dia, .sesion], .classesStart),
        ([.principios, .sesion], .classesStart),
        ([.vacaciones, .name(.verano)], .summerBreak),
        // «pal verano», «en el verano»: for a school network, the summer break.
        ([.name(.verano)], .summerBreak),
        ([.name(.virgen), .name(.carmen)], .fixed(month: 7, day: 16)),
        ([.name(.inmaculada), .name(.concepcion)], .fixed(month: 12, day: 8)),
        ([.todos, .name(.santos)], .fixed(month: 11, day: 1)),
        ([.name(.glorias), .name(.navales)], .fixed(month: 5, day: 21)),
        ([.name(.glorias), .name(.ejercito)], .fixed(month: 9, day: 19)),
        ([.dia, .name(.independencia)], .fixed(month: 9, day: 18)),
        ([.name(.pueblos), .name(.indigenas)], .fixed(month: 6, day: 21)),
        ([.name(.iglesias), .name(.evangelicas)], .fixed(month: 10, day: 31)),
        ([.dia, .name(.raza)], .monday(month: 10, day: 12)),
        ([.dia, .name(.madre)], .sunday(month: 5, nth: 2)),
        ([.dia, .name(.padre)], .sunday(month: 6, nth: 3)),
        ([.dia, .name(.nino)], .sunday(month: 8, nth: 2)),
        ([.dia, .name(.profesor)], .fixed(month: 10, day: 16)),
        ([.dia, .name(.trabajo)], .fixed(month: 5, day: 1)),
        ([.dia, .name(.estudiante)], .fixed(month: 5, day: 11)),
        ([.dia, .name(.enamorados)], .fixed(month: 2, day: 14)),
        ([.name(.san), .name(.valentin)], .fixed(month: 2, day: 14)),
        ([.noche, .name(.buena)], .fixed(month: 12, day: 24)),
        ([.noche, .name(.vieja)], .fixed(month: 12, day: 31)),
        ([.ano, .nuevo], .fixed(month: 1, day: 1)),
        ([.name(.nochebuena)], .fixed(month: 12, day: 24)),
        ([.name(.nochevieja)], .fixed(month: 12, day: 31)),
        ([.navidad], .fixed(month: 12, day: 25)),
        // In Chile "la Pascua" alone is Christmas ("¡feliz Pascua!", el Viejito Pascuero).
        ([.name(.pascua)], .fixed(month: 12, day: 25)),
        ([.name(.asuncion)], .fixed(month: 8, day: 15)),
        ([.name(.halloween)], .fixed(month: 10, day: 31)),
    ]

    /// The end of the content words of `words` matched at i (fillers allowed between them), or nil.
    func matchName(_ i: Int, _ words: [Word]) -> Int? {
        var j = i
        for (index, x) in words.enumerated() {
            if index > 0 {
                while isW(j, .de) || isW(j, .del) || isW(j, .la) || isW(j, .las) || isW(j, .los) || isW(j, .el) || isW(j, .y) { j += 1 }
            }
            if x == .name(.dos) {
                guard let v = num(j), v.value == 2, !v.ordinal else { return nil }
            } else if x == .noche {
                // "noche buena": any spelling of "noche", as the grammar reads it.
                guard isW(j, .noche) else { return nil }
            } else {
                guard j < n, t[j].kind == .word, t[j].word == x else { return nil }
            }
            j += 1
        }
        return j
    }

    /// The days a rule gives in a year (one day, or a span).
    func days(_ rule: HolidayRule, year y: Int) -> (LocalDate, LocalDate)? {
        switch rule {
        case .fixed(let m, let d):
            let x = LocalDate(year: y, month: m, day: d); return (x, x)
        case .monday(let m, let d):
            let x = ChileanCalendar.movedToMonday(LocalDate(year: y, month: m, day: d)); return (x, x)
        case .sunday(let m, let k):
            guard let x = LocalDate(year: y, month: m, day: 1).nthWeekday(k, 7) else { return nil }
            return (x, x)
        case .easter(let offset):
            let x = ChileanCalendar.easter(year: y).adding(days: offset); return (x, x)
        case .holyWeek:
            let e = ChileanCalendar.easter(year: y); return (e.adding(days: -6), e)
        case .span(let m, let d, let k):
            let x = LocalDate(year: y, month: m, day: d); return (x, x.adding(days: k - 1))
        case .classesStart:
            // Published, or the fallback rule for the year (said as a date, so it can be checked).
            let x = ChileanCalendar.studentsReturn(year: y, region: ctx.region).date; return (x, x)
        case .summerBreak:
            // The network's region: the far south ends a week later.
            let r = ChileanCalendar.summerBreak(startingIn: y, region: ctx.region).range
            return (r.lowerBound, r.upperBound)
        }
    }

    /// A named day at k ("el día de la madre", "semana santa de 2027").
    func holiday(_ k: Int) -> Found? {
        var j = k
        if isW(j, .la) || isW(j, .las) || isW(j, .los) || isW(j, .el) { j += 1 }
        // «el primer día de clases»: the ordinal is read as a number; only it makes «día de clases» one day.
        let first = num(j).map { $0.ordinal && $0.value == 1 } == true && isW(j + 1, .dia)
        if first { j += 1 }
        guard j < n, t[j].kind == .word else { return nil }
        for (words, rule) in Self.holidays where words[0] == t[j].word || (words[0] == .noche && isW(j, .noche)) {
            if words == [.dia, .sesion], !first { continue }
            guard let e = matchName(j, words) else { continue }
            // "Isla de Pascua" is a place.
            if words == [.name(.pascua)], isW(j - 1, .de), isPlainWord(j - 2) { return nil }
            // «la escuela de verano», «el taller de verano»: a kind of thing, not a time.
            if words == [.name(.verano)], isW(j - 1, .de) || isW(j - 1, .del), isPlainWord(j - 2) { return nil }
            var end = e
            var range: (LocalDate, LocalDate)?
            if let (y, ye) = yearSuffix(e) {
                range = days(rule, year: y); end = ye
            } else if case .summerBreak = rule, !past {
                // In January the break under way is last December's, not next December's.
                let r = ChileanCalendar.currentOrNextSummerBreak(today: today, region: ctx.region).range
                range = (r.lowerBound, r.upperBound)
            } else if let this = days(rule, year: today.year) {
                if past { range = this.0 > today ? days(rule, year: today.year - 1) : this }
                else if this.1 < today {
                    // A single day just gone stays this year's, as "el 20/11" does (`recentPastDays`).
                    range = this.0 == this.1 && this.1.days(until: today) <= Self.recentPastDays ? this : days(rule, year: today.year + 1)
                } else { range = this }
            }
            guard let (a, b) = range else { return nil }
            return Found(piece: a == b ? .date(a) : .dateRange(a, b), end: end)
        }
        return nil
    }
}
