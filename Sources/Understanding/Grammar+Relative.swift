import CivilTime
import Foundation

/// Days and instants counted from another one: "el día siguiente a mañana", "el día
/// subsiguiente", "tres días a partir de hoy", "ahora mismo", "hace veinte minutos".
extension Grammar {
    /// After "día": "siguiente (a X)", "después de X", "subsiguiente", "anterior (a X)", "antes de X".
    func dayAfter(_ j: Int) -> Found? {
        var sign = 0
        if isW(j, .siguiente) || isW(j, .despues) { sign = 1 }
        else if isW(j, .anterior) || isW(j, .antes) { sign = -1 }
        else if isW(j, .subsiguiente) { return Found(piece: .date(today.adding(days: 2)), end: j + 1) }
        else { return nil }
        let connector = isW(j + 1, .a) || isW(j + 1, .al) || isW(j + 1, .de) || isW(j + 1, .del)
        if connector, let anchor = dateCore(j + 2, article: isW(j + 1, .al) || isW(j + 1, .del)) ?? namedDay(j + 2) {
            switch anchor.piece {
            case .date(let d): return Found(piece: .date(d.adding(days: sign)), end: anchor.end)
            case .dateRange(let a, let b): return Found(piece: .date(sign > 0 ? b.adding(days: 1) : a.adding(days: -1)), end: anchor.end)
            default: break
            }
        }
        // "antes"/"después" alone need an anchor ("el día antes" of what?); "siguiente"/"anterior" are relative to today.
        guard isW(j, .siguiente) || isW(j, .anterior) else { return nil }
        return Found(piece: .date(today.adding(days: sign)), end: j + 1)
    }

    /// A day and month (or a day alone) strictly after today: "el próximo 12/05", "el próximo 15".
    func nextStrictly(_ s: DateSpec) -> LocalDate? {
        guard let day = s.day else { return nil }
        if s.year != nil { return resolve(s) }
        if let m = s.month {
            for y in today.year...(today.year + 8) where LocalDate.isValid(year: y, month: m, day: day) {
                let d = LocalDate(year: y, month: m, day: day)
                if d > today { return d }
            }
            return nil
        }
        var m = today.firstOfMonth
        for _ in 0..<13 {
            if LocalDate.isValid(year: m.year, month: m.month, day: day) {
                let d = LocalDate(year: m.year, month: m.month, day: day)
                if d > today { return d }
            }
            m = m.adding(months: 1)
        }
        return nil
    }

    /// "tres días a partir de hoy", "dos semanas a partir del lunes", "una semana desde mañana":
    /// the anchor after a count of days, weeks, months or years; nil when none follows.
    func offsetAnchor(_ j: Int) -> (LocalDate, Int)? {
        var k = j
        if isW(k, .a), isW(k + 1, .partir), isW(k + 2, .de) || isW(k + 2, .del) { k += 2 }
        else if isW(k, .desde) || isW(k, .despues) && (isW(k + 1, .de) || isW(k + 1, .del)) { if isW(k, .despues) { k += 1 } }
        else { return nil }
        let article = isW(k, .del)
        if isW(k, .de) || isW(k, .del) || isW(k, .desde) { k += 1 }
        if isW(k, .ahora) { return (today, k + 1) }
        guard let f = dateCore(k, article: article), case .date(let d) = f.piece else { return nil }
        return (d, f.end)
    }

    /// "ahora", "ahora mismo", "en este momento", "hace veinte minutos": an instant, to the minute.
    func nowInstant(_ i: Int) -> Found? {
        if isW(i, .ahora) {
            var e = i + 1
            if isW(e, .mismo) { e += 1 }
            return Found(piece: .dateTime(minute(ctx.now)), end: e)
        }
        if isW(i, .en), isW(i + 1, .este) || isW(i + 1, .ese), isW(i + 2, .momento) {
            return Found(piece: .dateTime(minute(ctx.now)), end: i + 3)
        }
        if isW(i, .hace), let (minutes, e) = duration(i + 1), minutes > 0, minutes < 24 * 60 {
            return Found(piece: .dateTime(minute(ctx.now.addingTimeInterval(-Double(minutes) * 60))), end: e)
        }
        return nil
    }

    /// The wall-clock reading of an instant, seconds dropped.
    func minute(_ instant: Date) -> LocalDateTime {
        let x = LocalDateTime(instant, in: ctx.timeZone)
        return LocalDateTime(date: x.date, time: LocalTime(hour: x.time.hour, minute: x.time.minute))
    }
}
