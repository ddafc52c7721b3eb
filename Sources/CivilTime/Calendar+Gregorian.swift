import Foundation

extension Calendar {
    /// A Gregorian calendar in `timeZone` with Monday first, as in Chile. Never use
    /// `Calendar.current`: the machine's zone and locale are not the user's.
    public static func gregorian(_ timeZone: TimeZone) -> Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = timeZone
        c.locale = Locale(identifier: "es_CL")
        c.firstWeekday = 2
        return c
    }
}

extension TimeZone {
    /// Minga's default zone.
    public static let santiago = TimeZone(identifier: "America/Santiago")!
}
