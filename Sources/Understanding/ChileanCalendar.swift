import CivilTime

/// Chile's national holidays (feriados) for 2026 and 2027 and the 2026 regional winter breaks,
/// from domain.md §5, and each region's summer break (`summerBreak(startingIn:region:)`). 2027
/// holidays are computed from the rules (Ley 19.668, the solstice, Easter 28 March) and must be
/// re-checked against the official list; the 2027 school calendar was not published, so
/// `winterBreak(region:year: 2027)` is nil and the 2027 summer dates are estimates.
public enum ChileanCalendar {
    /// A public holiday.
    public struct Holiday: Hashable, Sendable {
        public let date: LocalDate
        public let name: String
        /// Feriado irrenunciable: never schedule on it.
        public let irrenunciable: Bool
        /// Nil for a national holiday; the region otherwise.
        public let region: String?
    }

    /// The sixteen regions, official short names.
    public static let regions: [String] = [
        "Arica y Parinacota", "Tarapacá", "Antofagasta", "Atacama", "Coquimbo", "Valparaíso",
        "Metropolitana", "O'Higgins", "Maule", "Ñuble", "Biobío", "La Araucanía", "Los Ríos",
        "Los Lagos", "Aysén", "Magallanes",
    ]

    private static func d(_ y: Int, _ m: Int, _ day: Int) -> LocalDate { LocalDate(year: y, month: m, day: day) }

    /// All holidays of a year (national and regional), in date order; empty for years not covered.
    public static func holidays(year: Int) -> [Holiday] {
        all.filter { $0.date.year == year }
    }

    private static let all: [Holiday] = {
        func h(_ y: Int, _ m: Int, _ day: Int, _ name: String, _ irr: Bool = false, _ region: String? = nil) -> Holiday {
            Holiday(date: d(y, m, day), name: name, irrenunciable: irr, region: region)
        }
        return [
            h(2026, 1, 1, "Año Nuevo", true),
            h(2026, 4, 3, "Viernes Santo"),
            h(2026, 4, 4, "Sábado Santo"),
            h(2026, 5, 1, "Día Nacional del Trabajo", true),
            h(2026, 5, 21, "Día de las Glorias Navales"),
            h(2026, 6, 7, "Asalto y Toma del Morro de Arica", false, "Arica y Parinacota"),
            h(2026, 6, 21, "Día Nacional de los Pueblos Indígenas"),
            h(2026, 6, 29, "San Pedro y San Pablo"),
            h(2026, 7, 16, "Día de la Virgen del Carmen"),
            h(2026, 8, 15, "Asunción de la Virgen"),
            h(2026, 8, 20, "Nacimiento del Prócer de la Independencia (Chillán y Chillán Viejo)", false, "Ñuble"),
            h(2026, 9, 18, "Independencia Nacional", true),
            h(2026, 9, 19, "Día de las Glorias del Ejército", true),
            h(2026, 10, 12, "Encuentro de Dos Mundos"),
            h(2026, 10, 31, "Día de las Iglesias Evangélicas y Protestantes"),
            h(2026, 11, 1, "Día de Todos los Santos"),
            h(2026, 12, 8, "Inmaculada Concepción"),
            h(2026, 12, 25, "Navidad", true),
            h(2027, 1, 1, "Año Nuevo", true),
            h(2027, 3, 26, "Viernes Santo"),
            h(2027, 3, 27, "Sábado Santo"),
            h(2027, 5, 1, "Día Nacional del Trabajo", true),
            h(2027, 5, 21, "Día de las Glorias Navales"),
            h(2027, 6, 21, "Día Nacional de los Pueblos Indígenas"),
            h(2027, 6, 28, "San Pedro y San Pablo"),
            h(2027, 7, 16, "Día de la Virgen del Carmen"),
            h(2027, 8, 15, "Asunción de la Virgen"),
            h(2027, 9, 18, "Independencia Nacional", true),
            h(2027, 9, 19, "Día de las Glorias del Ejército", true),
            h(2027, 10, 11, "Encuentro de Dos Mundos"),
            h(2027, 10, 31, "Día de las Iglesias Evangélicas y Protestantes"),
            h(2027, 11, 1, "Día de Todos los Santos"),
            h(2027, 12, 8, "Inmaculada Concepción"),
            h(2027, 12, 25, "Navidad", true),
        ]
    }()

    private static let national: [LocalDate: String] = {
        var m: [LocalDate: String] = [:]
        for x in all where x.region == nil { m[x.date] = x.name }
        return m
    }()

    /// The name of the national holiday on `d`, or nil.
    public static func holiday(on d: LocalDate) -> String? { national[d] }

    /// The holiday on `d` for someone in `region` (national, or that region's own), or nil.
    public static func holiday(on d: LocalDate, region: String?) -> Holiday? {
        let canonical = region.flatMap { self.region(named: $0) }
        return all.first { $0.date == d && ($0.region == nil || $0.region == canonical) }
    }

    /// True when `d` is an irrenunciable holiday.
    public static func isIrrenunciable(_ d: LocalDate) -> Bool {
        all.contains { $0.date == d && $0.irrenunciable }
    }

    /// The canonical region name for any usual spelling: with or without accents or "Región de",
    /// abbreviations ("RM", "Santiago"), roman numerals ("XIV") or the region number.
    /// `exact`: the words are the region's name or alias whole, never a name holding one
    /// («Alto Biobío» is a commune of Biobío).
    /// `asked`: the words answer «¿en qué región?», so a number said alone is one («la novena»,
    /// «la 9», «la IX»), without the word «región».
    public static func region(named raw: String, exact: Bool = false, asked: Bool = false) -> String? {
        var words = TextFold.fold(raw).split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "/" || $0 == ":" }).map(String.init)
        let said = words
        if words.first == "region" { words.removeFirst() }
        if let f = words.first, ["de", "del"].contains(f) { words.removeFirst() }
        // «sexta region», «la 8va región», «region octava»: a region by its ordinal number, the
        // whole of what was said (never inside a longer name: «Quinta Normal» is a commune).
        if (1...3).contains(words.count), asked || said.contains(where: { $0 == "region" || $0 == "reg" }), let n = ordinal(words) { return aliases[String(n)] }
        // «la 9», «la IX region»: a number or roman numeral after the article, answering the question.
        if asked, (2...3).contains(words.count), words[0] == "la" {
            var rest = words.dropFirst()
            if let l = rest.last, l == "region" || l == "reg", rest.count > 1 { rest = rest.dropLast() }
            if rest.count == 1, let r = aliases[rest[rest.startIndex]], rest[rest.startIndex].count <= 4 { return r }
        }
        let key = words.joined(separator: " ")
        if key.isEmpty { return nil }
        if let r = aliases[key] { return r }
        for r in regions where TextFold.fold(r) == key { return r }
        // Full official names: "Libertador General Bernardo O'Higgins", "Aysén del General…"
        if exact { return nil }
        for (alias, r) in aliases where alias.count >= 5 && key.contains(alias) { return r }
        return nil
    }

    /// The number of «sexta región», «la 8va region», «region decima»: one ordinal, with at most
    /// an article before it and «región» after it (or before it; the caller checks it was said).
    private static func ordinal(_ words: [String]) -> Int? {
        var w = words[...]
        if w.first == "la" { w = w.dropFirst() }
        if let l = w.last, l == "region" || l == "reg", w.count > 1 { w = w.dropLast() }
        guard w.count == 1, let word = w.first else { return nil }
        if let n = ordinals[word] { return n }
        // «8va», «6ta», «1ra», «10ma», «8a», «8°»: digits and an ordinal ending. A bare number is
        // already an alias; only an ending makes it ordinal here.
        let digits = word.prefix(while: \.isNumber)
        guard !digits.isEmpty, digits.count <= 2, let n = Int(digits), (1...16).contains(n) else { return nil }
        let ending = word.dropFirst(digits.count)
        return ["ra", "da", "ta", "to", "ma", "mo", "va", "vo", "na", "no", "a", "o", "°", "º", "era", "er"].contains(String(ending)) ? n : nil
    }

    private static let ordinals: [String: Int] = [
        "primera": 1, "segunda": 2, "tercera": 3, "cuarta": 4, "quinta": 5, "sexta": 6, "septima": 7, "setima": 7, "octava": 8,
        "novena": 9, "decima": 10, "undecima": 11, "decimoprimera": 11, "duodecima": 12, "decimosegunda": 12,
        "decimotercera": 13, "decimocuarta": 14, "decimoquinta": 15, "decimosexta": 16,
    ]

    private static let aliases: [String: String] = {
        var a: [String: String] = [:]
        let numbered: [(String, String, Int)] = [
            ("arica y parinacota", "xv", 15), ("tarapaca", "i", 1), ("antofagasta", "ii", 2), ("atacama", "iii", 3),
            ("coquimbo", "iv", 4), ("valparaiso", "v", 5), ("metropolitana", "rm", 13), ("o higgins", "vi", 6),
            ("maule", "vii", 7), ("nuble", "xvi", 16), ("biobio", "viii", 8), ("la araucania", "ix", 9),
            ("los rios", "xiv", 14), ("los lagos", "x", 10), ("aysen", "xi", 11), ("magallanes", "xii", 12),
        ]
        let names = ["arica y parinacota": "Arica y Parinacota", "tarapaca": "Tarapacá", "antofagasta": "Antofagasta",
                     "atacama": "Atacama", "coquimbo": "Coquimbo", "valparaiso": "Valparaíso",
                     "metropolitana": "Metropolitana", "o higgins": "O'Higgins", "maule": "Maule", "nuble": "Ñuble",
                     "biobio": "Biobío", "la araucania": "La Araucanía", "los rios": "Los Ríos", "los lagos": "Los Lagos",
                     "aysen": "Aysén", "magallanes": "Magallanes"]
        for (key, roman, number) in numbered {
            let r = names[key]!
            a[key] = r; a[roman] = r; a[String(number)] = r
        }
        a["rm"] = "Metropolitana"; a["santiago"] = "Metropolitana"; a["metropolitana de santiago"] = "Metropolitana"
        a["region metropolitana"] = "Metropolitana"; a["xiii"] = "Metropolitana"
        a["ohiggins"] = "O'Higgins"; a["o higgins"] = "O'Higgins"; a["libertador general bernardo o higgins"] = "O'Higgins"
        a["libertador bernardo o higgins"] = "O'Higgins"; a["bernardo o higgins"] = "O'Higgins"
        a["bio bio"] = "Biobío"; a["bio-bio"] = "Biobío"; a["araucania"] = "La Araucanía"
        a["rios"] = "Los Ríos"; a["lagos"] = "Los Lagos"; a["aisen"] = "Aysén"
        a["aysen del general carlos ibanez del campo"] = "Aysén"; a["magallanes y de la antartica chilena"] = "Magallanes"
        a["magallanes y antartica chilena"] = "Magallanes"; a["arica"] = "Arica y Parinacota"
        a["valpo"] = "Valparaíso"
        return a
    }()

    /// Easter Sunday of a Gregorian year (anonymous Gregorian algorithm).
    public static func easter(year y: Int) -> LocalDate {
        let a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDate(year: y, month: month, day: day)
    }

    /// A holiday moved by Ley 19.668: from Tuesday–Thursday to that week's Monday, from Friday
    /// to the next Monday; any other day stays.
    public static func movedToMonday(_ d: LocalDate) -> LocalDate {
        switch d.weekday {
        case 2, 3, 4: d.adding(days: 1 - d.weekday)
        case 5: d.adding(days: 3)
        default: d
        }
    }

    /// The summer break between two school years in one region: from the day after the latest
    /// last day of classes in December to the day before students return in March.
    public struct SummerBreak: Hashable, Sendable {
        /// The days without classes in any of the region's schools.
        public let range: ClosedRange<LocalDate>
        /// The last day of classes: the earliest (schools with Jornada Escolar Completa) to the
        /// latest (schools without it).
        public let classesEnd: ClosedRange<LocalDate>
        /// The day students come back.
        public let studentsReturn: LocalDate
        /// The December end came from the fallback rule, not from a published calendar.
        public let endEstimated: Bool
        /// The March return came from the fallback rule, not from a published calendar.
        public let returnEstimated: Bool
        /// Some bound is an estimate, so whoever reads it must be told.
        public var estimated: Bool { endEstimated || returnEstimated }
    }

    /// Regions whose calendar runs a week later in December (Mineduc 2025: the far south ends
    /// on 12 and 26 December instead of 5 and 19, for climate and distances).
    static let lateDecemberRegions: Set<String> = ["Aysén", "Magallanes"]

    /// Published last days of classes (JEC…sin JEC) by year; a region not listed in a year's
    /// overrides takes that year's `default`.
    /// - 2025: Arica y Parinacota to Los Lagos 5 and 19 December, Aysén and Magallanes 12 and 26
    ///   December (regional resolutions as reported by
    ///   https://www.elmostrador.cl/datos-utiles/2025/11/21/calendario-oficial-estas-son-las-fechas-de-fin-de-clases-y-vacaciones-de-verano-2025-en-chile/
    ///   and https://www.cnnchile.com/pais/mineduc-define-calendario-cuando-comienzan-las-vacaciones-para-los-escolares-en-chile_20251118/;
    ///   neither names Los Lagos, which followed the central dates in 2025's other milestones).
    /// - 2026: 4 and 18 December in every region listed by
    ///   https://www.latercera.com/servicios/noticia/calendario-escolar-2026-revisa-cuando-es-la-vuelta-a-clases-para-los-estudiantes/
    ///   ("entre el 4 y 18 de diciembre", https://www.chilevision.cl/noticias/te-ayuda/calendario-escolar-2026-conoce-las-fechas-de-inicio-de-clases-en-todas);
    ///   Aysén and Magallanes get "ajustes especiales" with no dates found
    ///   (https://www.corazon.cl/2026/02/ojo-apoderados-el-ministerio-de-educacion-confirmo-cuando-vuelven-los-estudiantes-en-2026/),
    ///   so theirs is left to the fallback rule and said as an estimate.
    private static let publishedEnds: [Int: (default: ClosedRange<LocalDate>, overrides: [String: ClosedRange<LocalDate>])] = [
        2025: (d(2025, 12, 5)...d(2025, 12, 19), ["Aysén": d(2025, 12, 12)...d(2025, 12, 26), "Magallanes": d(2025, 12, 12)...d(2025, 12, 26)]),
        2026: (d(2026, 12, 4)...d(2026, 12, 18), [:]),
    ]
    /// Regions whose end of a published year is still unknown (estimated instead).
    private static let unpublishedEnds: [Int: Set<String>] = [2026: lateDecemberRegions]

    /// Published first day of students by year: 2026, Wednesday 4 March in every region
    /// (teachers on Monday 2 March), per
    /// https://www.latercera.com/nacional/noticia/clases-desde-el-4-de-marzo-y-vacaciones-de-invierno-diferenciadas-por-region-mineduc-da-a-conocer-el-calendario-escolar-2026/.
    /// 2027 was not published when this was written.
    private static let publishedReturns: [Int: LocalDate] = [2026: d(2026, 3, 4)]

    /// The school year's last days of classes in a region, and whether they are an estimate.
    /// Fallback rule, from the 2025 and 2026 calendars: schools with JEC end on the first Friday
    /// of December and the rest two weeks later; Aysén and Magallanes one week after that, but
    /// never on or after Christmas.
    public static func classesEnd(year: Int, region: String?) -> (range: ClosedRange<LocalDate>, estimated: Bool) {
        let r = region.flatMap { self.region(named: $0) }
        if let published = publishedEnds[year], !(r.map { unpublishedEnds[year]?.contains($0) ?? false } ?? false) {
            return (r.flatMap { published.overrides[$0] } ?? published.default, false)
        }
        var firstFriday = d(year, 12, 1)
        while firstFriday.weekday != 5 { firstFriday = firstFriday.adding(days: 1) }
        var first = firstFriday, last = firstFriday.adding(days: 14)
        if let r, lateDecemberRegions.contains(r) {
            first = first.adding(days: 7); last = last.adding(days: 7)
            let christmas = d(year, 12, 25)
            if last >= christmas { last = christmas.adding(days: -1) }
        }
        return (first...last, true)
    }

    /// The day students return in March, and whether it is an estimate. Fallback rule (2025:
    /// Wednesday 5 March, 2026: Wednesday 4 March): the first Wednesday from 3 March on.
    public static func studentsReturn(year: Int, region: String?) -> (date: LocalDate, estimated: Bool) {
        if let published = publishedReturns[year] { return (published, false) }
        var x = d(year, 3, 3)
        while x.weekday != 3 { x = x.adding(days: 1) }
        return (x, true)
    }

    /// The summer break that starts in December of `year` in `region` (any spelling
    /// `region(named:)` accepts). Without a region, or an unknown one, the dates most of the
    /// country shares (Arica y Parinacota to Los Lagos). Unpublished years come from the
    /// fallback rules and say so (`estimated`).
    public static func summerBreak(startingIn year: Int, region: String?) -> SummerBreak {
        let end = classesEnd(year: year, region: region)
        let back = studentsReturn(year: year + 1, region: region)
        return SummerBreak(range: end.range.upperBound.adding(days: 1)...back.date.adding(days: -1), classesEnd: end.range,
                           studentsReturn: back.date, endEstimated: end.estimated, returnEstimated: back.estimated)
    }

    /// The summer break under way on `today` or the next one.
    public static func currentOrNextSummerBreak(today: LocalDate, region: String?) -> SummerBreak {
        let last = summerBreak(startingIn: today.year - 1, region: region)
        return last.range.upperBound >= today ? last : summerBreak(startingIn: today.year, region: region)
    }

    /// The 2026 winter break of a region (any spelling `region(named:)` accepts), or nil for an
    /// unknown region or year. Antofagasta: sources disagree (22 Jun–3 Jul or 6–17 Jul); this
    /// returns 22 Jun–3 Jul, the central-zone dates — ask the network to confirm.
    public static func winterBreak(region: String, year: Int) -> ClosedRange<LocalDate>? {
        guard year == 2026, let r = self.region(named: region) else { return nil }
        switch r {
        case "Arica y Parinacota", "Tarapacá": return d(2026, 7, 13)...d(2026, 7, 24)
        case "Los Lagos": return d(2026, 7, 6)...d(2026, 7, 17)
        case "Aysén", "Magallanes": return d(2026, 6, 29)...d(2026, 7, 17)
        default: return d(2026, 6, 22)...d(2026, 7, 3)
        }
    }
}
