import CivilTime

/// Echoes what Minga understood, in Spanish: "martes 15 de diciembre a las 16:00".
public enum SpanishFormat {
    static let weekdays = ["", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]
    static let weekdaysPlural = ["", "lunes", "martes", "miércoles", "jueves", "viernes", "sábados", "domingos"]
    static let months = ["", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                         "septiembre", "octubre", "noviembre", "diciembre"]

    /// A proper name typed all in lowercase on a phone, written as names are: "red los copihues" →
    /// "Red Los Copihues", "escuela el maiten" → "Escuela El Maiten", but "liceo de la costa" →
    /// "Liceo de la Costa" (prepositions, and an article after one, stay lowercase inside). A name
    /// with any capital is kept as its author wrote it.
    public static func properName(_ s: String) -> String {
        guard !s.contains(where: \.isUppercase) else { return s }
        let prepositions: Set<Substring> = ["de", "del", "y", "e", "en", "a", "al", "con", "para", "por"]
        let articles: Set<Substring> = ["el", "la", "los", "las"]
        let words = s.split(separator: " ", omittingEmptySubsequences: false)
        return words.enumerated().map { i, word in
            let lower = i > 0 && (prepositions.contains(word) || (articles.contains(word) && prepositions.contains(words[i - 1])))
            return lower ? String(word) : word.prefix(1).uppercased() + word.dropFirst()
        }.joined(separator: " ")
    }

    /// A school's or an organisation's name as stored: «escuela rio blanco» and «escuela Lolen»
    /// are «Escuela Rio Blanco» and «Escuela Lolen», «liceo a-1» is «Liceo A-1», «deprov malleco»
    /// is «DEPROV Malleco». Each word typed in lowercase is capitalised (never a «de», nor the
    /// «la» of «de la»); a word typed with a capital is kept as typed.
    public static func institutionName(_ s: String) -> String {
        let prepositions: Set<String> = ["de", "del", "y", "e", "en", "a", "al", "con", "para", "por"]
        let articles: Set<String> = ["el", "la", "los", "las"]
        var words = s.split(separator: " ", omittingEmptySubsequences: false)
        // «el liceo de curarrehue», «del CESFAM Los Lagos»: the words said before the name are
        // not part of it.
        if words.count > 1, ["de", "del", "en"].contains(String(words[0])) { words.removeFirst() }
        // «la escuela los alamos», «el Ambrosio O'Higgins»: the article before a kind of
        // institution, or before a name written with its capital, is no part of the name; the
        // one that opens a place's name typed all in lowercase is («los alamos» is Los Álamos,
        // «el roble» El Roble: qa32, it was stored «Alamos»).
        if words.count > 1, articles.contains(String(words[0])),
           institutionKinds.contains(TextFold.fold(String(words[1]))) || words[1].first?.isUppercase == true { words.removeFirst() }
        return words.enumerated().map { i, word -> String in
            guard !word.contains(where: \.isUppercase), let first = word.first, first.isLetter || first.isNumber else { return String(word) }
            let w = String(word)
            if i > 0, prepositions.contains(w) || (articles.contains(w) && prepositions.contains(String(words[i - 1]).lowercased())) { return w }
            if acronyms.contains(TextFold.fold(w)) { return w.uppercased() }
            // «a-1»: each part of a hyphenated code.
            return w.split(separator: "-", omittingEmptySubsequences: false).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: "-")
        }.joined(separator: " ")
    }

    /// The nouns that say what kind of institution a name is («la escuela…», «el cesfam…»): an
    /// article before one of them is dropped, any other opens the name itself.
    static let institutionKinds: Set<String> = [
        "escuela", "escuelita", "esc", "liceo", "colegio", "jardin", "sala", "internado", "complejo", "instituto", "universidad", "u",
        "centro", "cesfam", "cecosf", "posta", "hospital", "consultorio", "daem", "dem", "slep", "deprov", "municipalidad", "muni",
        "junji", "fundacion", "corporacion", "oficina", "opd", "programa", "departamento", "junta", "biblioteca", "seremi", "mineduc",
        "agencia", "red", "microcentro", "sede", "cra", "pie", "utp", "comunidad", "agrupacion", "club", "parroquia", "iglesia",
    ]

    /// Institutions written in capitals (Chilean public services and programmes).
    static let acronyms: Set<String> = ["daem", "deprov", "slep", "cesfam", "opd", "cra", "junji", "mineduc", "seremi", "pie", "utp", "dem", "sep"]

    /// "marzo" for 3; "" outside 1…12.
    public static func monthName(_ month: Int) -> String { (1...12).contains(month) ? months[month] : "" }

    /// "martes 15 de diciembre" (the year is added when it differs from `today`'s).
    public static func date(_ d: LocalDate, today: LocalDate) -> String {
        var s = "\(weekdays[d.weekday]) \(d.day) de \(months[d.month])"
        if d.year != today.year { s += " de \(d.year)" }
        return s
    }

    /// "16:00".
    public static func time(_ t: LocalTime) -> String { t.iso }

    /// "Febrero no tiene día 31." for a day its month does not have.
    public static func missingDay(day: Int, month: Int) -> String {
        let name = (1...12).contains(month) ? months[month] : "Ese mes"
        return name.prefix(1).uppercased() + name.dropFirst() + " no tiene día \(day)."
    }

    /// "martes 15 de diciembre a las 16:00" ("a la 01:00" for one o'clock).
    public static func dateTime(_ dt: LocalDateTime, today: LocalDate) -> String {
        "\(date(dt.date, today: today)) \(at(dt.time))"
    }

    static func at(_ t: LocalTime) -> String { (t.hour == 1 ? "a la " : "a las ") + t.iso }

    /// "1 hora y 30 minutos", "45 minutos", "2 horas".
    public static func duration(minutes: Int) -> String {
        let h = minutes / 60, m = minutes % 60
        let hs = h == 1 ? "1 hora" : "\(h) horas"
        let ms = m == 1 ? "1 minuto" : "\(m) minutos"
        if h == 0 { return ms }
        if m == 0 { return hs }
        return "\(hs) y \(ms)"
    }

    /// "del lunes 3 al viernes 7 de marzo", "de 15:00 a 17:00".
    public static func dateRange(_ a: LocalDate, _ b: LocalDate, today: LocalDate) -> String {
        "del \(date(a, today: today)) al \(date(b, today: today))"
    }

    /// Any understood value, in words.
    public static func describe(_ value: Temporal, today: LocalDate) -> String {
        switch value {
        case .date(let d): return date(d, today: today)
        case .time(let t): return at(t)
        case .dateTime(let dt): return dateTime(dt, today: today)
        case .dateRange(let a, let b): return dateRange(a, b, today: today)
        case .timeRange(let a, let b): return "de \(a.iso) a \(b.iso)"
        case .dateTimeRange(let a, let b):
            if a.date == b.date { return "\(date(a.date, today: today)) de \(a.time.iso) a \(b.time.iso)" }
            return "del \(dateTime(a, today: today)) al \(dateTime(b, today: today))"
        case .recurrence(let r): return recurrence(r)
        }
    }

    /// "todos los martes a las 16:00", "cada dos semanas los jueves", "el primer miércoles de cada mes",
    /// "todos los días hábiles de 15:00 a 17:00".
    public static func recurrence(_ r: Recurrence) -> String {
        var freq = "", interval = 1
        var byDay: [String] = []
        var byMonthDay: [String] = []
        var setPos: Int? = nil
        var byMonth: Int? = nil, count: Int? = nil
        // A series that pauses some months (BYMONTH with several months): said by the months left out.
        var inMonths: [Int] = []
        var until: LocalDate? = nil
        for part in r.rrule.split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1)
            guard kv.count == 2 else { continue }
            switch kv[0] {
            case "FREQ": freq = String(kv[1])
            case "INTERVAL": interval = Int(kv[1]) ?? 1
            case "BYDAY": byDay = kv[1].split(separator: ",").map(String.init)
            case "BYMONTHDAY": byMonthDay = kv[1].split(separator: ",").map(String.init)
            case "BYSETPOS": setPos = Int(kv[1])
            case "BYMONTH":
                let all = kv[1].split(separator: ",").compactMap { Int($0) }
                if all.count == 1 { byMonth = all[0] } else { inMonths = all }
            case "COUNT": count = Int(kv[1])
            case "UNTIL":
                let u = Array(kv[1].utf8.prefix(8)).compactMap { $0 >= 0x30 && $0 <= 0x39 ? Int($0 - 0x30) : nil }
                if u.count == 8 {
                    let y = u[0] * 1000 + u[1] * 100 + u[2] * 10 + u[3], m = u[4] * 10 + u[5], d = u[6] * 10 + u[7]
                    if LocalDate.isValid(year: y, month: m, day: d) { until = LocalDate(year: y, month: m, day: d) }
                }
            default: break
            }
        }
        let codes = ["MO": 1, "TU": 2, "WE": 3, "TH": 4, "FR": 5, "SA": 6, "SU": 7]
        func list(_ xs: [String]) -> String {
            xs.count <= 1 ? (xs.first ?? "") : xs.dropLast().joined(separator: ", ") + " y " + xs.last!
        }
        let every = ["", "", "dos", "tres", "cuatro", "cinco", "seis"]
        func n(_ k: Int) -> String { k < every.count ? every[k] : String(k) }
        let ordinals = [1: "primer", 2: "segundo", 3: "tercer", 4: "cuarto", 5: "quinto", -1: "último", -2: "penúltimo"]
        var s: String
        let plain = byDay.compactMap { codes[$0] }
        let ordinalDays: [(Int, Int)] = byDay.compactMap { code in
            let day = String(code.suffix(2)), o = Int(code.dropLast(2)) ?? 0
            guard let d = codes[day], o != 0 else { return nil }
            return (o, d)
        }
        switch freq {
        case "DAILY":
            s = interval == 1 ? "todos los días" : (interval == 2 ? "día por medio" : "cada \(n(interval)) días")
        case "WEEKLY":
            if plain == [1, 2, 3, 4, 5] && byDay.count == 5 {
                s = interval == 1 ? "todos los días hábiles" : "cada \(n(interval)) semanas, de lunes a viernes"
            } else if !plain.isEmpty && plain.count == byDay.count {
                let names = list(plain.map { weekdaysPlural[$0] })
                s = interval == 1 ? "todos los \(names)" : "cada \(n(interval)) semanas los \(names)"
            } else {
                s = interval == 1 ? "todas las semanas" : "cada \(n(interval)) semanas"
            }
        case "MONTHLY":
            let tail = interval == 1 ? "de cada mes" : "cada \(n(interval)) meses"
            if let p = setPos, plain == [1, 2, 3, 4, 5] {
                s = "el \(ordinals[p] ?? String(p)) día hábil \(tail)"
            } else if !ordinalDays.isEmpty {
                let wd = ordinalDays[0].1
                let os = list(ordinalDays.map { ordinals[$0.0] ?? String($0.0) })
                s = "el \(os) \(weekdays[wd]) \(tail)"
            } else if !byMonthDay.isEmpty {
                let days = list(byMonthDay.map { $0 == "-1" ? "último día" : $0 })
                s = "el \(days) \(tail)"
            } else {
                s = interval == 1 ? "todos los meses" : "cada \(n(interval)) meses"
            }
        case "YEARLY":
            if let m = byMonth, let d = byMonthDay.first, (1...12).contains(m) {
                s = "cada \(d) de \(months[m])" + (interval == 1 ? "" : ", cada \(n(interval)) años")
            } else {
                s = interval == 1 ? "todos los años" : "cada \(n(interval)) años"
            }
        default:
            s = r.rrule
        }
        if let a = r.time {
            if let b = r.endTime { s += " de \(a.iso) a \(b.iso)" } else { s += " " + at(a) }
        }
        if !inMonths.isEmpty {
            let skipped = (1...12).filter { !inMonths.contains($0) }.map { months[$0] }
            if !skipped.isEmpty { s += ", salvo en \(list(skipped))" }
        }
        if let c = count { s += c == 1 ? ", una vez" : ", \(c) veces" }
        if let a = r.start {
            // «desde el 1 hasta el 22 de marzo de 2027»: the year once when both share it.
            let sameYear = until.map { $0.year == a.year } ?? false
            s += (count == nil ? ", desde el " : " desde el ") + "\(a.day) de \(months[a.month])" + (sameYear ? "" : " de \(a.year)")
            if let u = until { s += " hasta el \(u.day) de \(months[u.month]) de \(u.year)" }
        } else if let u = until { s += ", hasta el \(u.day) de \(months[u.month]) de \(u.year)" }
        return s
    }
}
