import CivilTime
import Foundation

/// The moment and place an expression is read against. Everything relative ("mañana",
/// "el viernes", "en dos horas") is resolved from `localNow`, never from the machine's clock.
public struct TemporalContext: Sendable {
    public let now: Date
    public let timeZone: TimeZone
    /// The wall-clock reading of `now` in `timeZone`, computed once (parsing is hot).
    public let localNow: LocalDateTime
    /// The network's region (any spelling `ChileanCalendar.region(named:)` accepts), used for
    /// "las vacaciones de invierno". Nil means the Atacama–Los Ríos calendar (most of the country).
    public var region: String?

    /// `localNow` may be given when the caller already read it (a `Clock` remembers the offset).
    public init(now: Date, timeZone: TimeZone, localNow: LocalDateTime? = nil, region: String? = nil) {
        self.now = now
        self.timeZone = timeZone
        self.localNow = localNow ?? LocalDateTime(now, in: timeZone)
        self.region = region
    }

    /// A context at the wall-clock reading `localNow` in `timeZone` (tests, `--now`).
    public init(localNow: LocalDateTime, timeZone: TimeZone = .santiago, region: String? = nil) {
        self.init(now: localNow.instant(in: timeZone), timeZone: timeZone, region: region)
    }

    public var today: LocalDate { localNow.date }
}

extension TemporalMatch {
    /// "el jueves en la tarde", "mañana temprano": a day and a part of it, which is not yet an
    /// hour to meet at (an explicit "de 15 a 17" is). The day, or nil.
    public var partOfDay: LocalDate? {
        guard case .dateTimeRange(let a, let b) = value, a.date == b.date else { return nil }
        let f = " " + TextFold.fold(text) + " "
        guard !f.contains(" a las ") && !f.contains(" a la ") && !f.contains(":"),
              [" tarde ", " manana ", " noche ", " anoche ", " madrugada ", " temprano ", " mediodia "].contains(where: { f.contains($0) }) else { return nil }
        return a.date
    }

    /// "en la tarde", "por la mañana", "en la noche" said alone: a part of the day, with no day
    /// and no hour, which is not an hour to meet at. The part's first hour, or nil.
    public var bareDayPart: LocalTime? {
        guard case .timeRange(let a, _) = value else { return nil }
        let f = " " + TextFold.fold(text) + " "
        guard !f.contains(" a las ") && !f.contains(" a la ") && !f.contains(":") && !f.contains(where: \.isNumber),
              [" tarde ", " manana ", " noche ", " madrugada ", " temprano ", " tardecita ", " nochecita ", " mananita "].contains(where: { f.contains($0) }) else { return nil }
        return a
    }

    /// The words that put an hour in the part of the day starting at `start` («de la tarde»).
    public static func dayPartWords(startingAt start: LocalTime) -> String {
        switch start.hour {
        case 0..<6: "de la madrugada"
        case 6..<13: "de la mañana"
        case 13..<19: "de la tarde"
        default: "de la noche"
        }
    }

    /// A day said without an hour: "el 10 de diciembre", "el jueves en la tarde".
    public var dayWithoutHour: LocalDate? {
        if case .date(let d) = value { return d }
        return partOfDay
    }
}

/// A repeating event: an RFC 5545 RRULE plus the wall-clock time (or time range) it happens at.
public struct Recurrence: Hashable, Sendable, Codable {
    public var rrule: String
    public var time: LocalTime?
    public var endTime: LocalTime?
    /// The first day it may meet on, when said («desde el 9 de marzo», «empezamos en marzo»);
    /// nil: from today. Not part of the RRULE: it is the series' DTSTART.
    public var start: LocalDate?
    public init(rrule: String, time: LocalTime? = nil, endTime: LocalTime? = nil, start: LocalDate? = nil) {
        self.rrule = rrule; self.time = time; self.endTime = endTime; self.start = start
    }
}

/// What a temporal expression means. Ranges are inclusive of their end day.
public enum Temporal: Hashable, Sendable {
    case date(LocalDate)
    case time(LocalTime)
    case dateTime(LocalDateTime)
    case dateRange(LocalDate, LocalDate)
    case timeRange(LocalTime, LocalTime)
    case dateTimeRange(LocalDateTime, LocalDateTime)
    case recurrence(Recurrence)

    /// The contract's name for the kind: date, time, datetime, daterange, timerange,
    /// datetimerange or recurrence.
    public var kind: String {
        switch self {
        case .date: "date"
        case .time: "time"
        case .dateTime: "datetime"
        case .dateRange: "daterange"
        case .timeRange: "timerange"
        case .dateTimeRange: "datetimerange"
        case .recurrence: "recurrence"
        }
    }
}

/// One expression found in a text.
public struct TemporalMatch: Hashable, Sendable {
    public var value: Temporal
    /// The words of the input that the expression was read from.
    public var text: String
    /// Non-empty when the words name more than one day ("el otro lunes"): the dialog asks.
    public var alternatives: [LocalDate]
    public init(value: Temporal, text: String, alternatives: [LocalDate] = []) {
        self.value = value; self.text = text; self.alternatives = alternatives
    }

    /// True when the words are ambiguous and the dialog should confirm the concrete day.
    public var isAmbiguous: Bool { alternatives.count > 1 }
}
