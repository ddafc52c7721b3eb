/// What kind of answer a slot takes. The raw values are the names used in dialog files
/// and in socket protocol v1's `expects.type`.
public enum SlotType: String, Hashable, Sendable, Codable, CaseIterable {
    case text, longtext, date, time, datetime, daterange, recurrence, duration
    case person, people, choice, yesno, confirm, number, email, phone

    /// The word used when telling the user what Minga expected ("No entendí la fecha…").
    var noun: String {
        switch self {
        case .text, .longtext: "respuesta"
        case .date: "fecha"
        case .time: "hora"
        case .datetime: "fecha y hora"
        case .daterange: "rango de fechas"
        case .recurrence: "repetición"
        case .duration: "duración"
        case .person: "persona"
        case .people: "lista de personas"
        case .choice: "opción"
        case .yesno, .confirm: "respuesta"
        case .number: "número"
        case .email: "correo"
        case .phone: "teléfono"
        }
    }

    /// A concrete example for the second step of the re-ask ladder.
    var example: String {
        switch self {
        case .text, .longtext: "una frase corta"
        case .date: "«15 de diciembre», «el viernes» o «en dos semanas»"
        case .time: "«a las 15:30» o «a las 4 de la tarde»"
        case .datetime: "«el martes 3 de diciembre a las 16:00»"
        case .daterange: "«del 3 al 5 de marzo»"
        case .recurrence: "«todos los martes a las 16:00» o «el primer miércoles de cada mes»"
        case .duration: "«dos horas» o «90 minutos»"
        case .person: "«Ana Pérez»"
        case .people: "«Ana, Luis y Marta»"
        case .choice: "el número de una opción"
        case .yesno, .confirm: "«sí» o «no»"
        case .number: "«3» o «tres»"
        case .email: "«nombre@escuela.cl»"
        case .phone: "«+56 9 1234 5678»"
        }
    }

    /// The simplest format, for the third step of the ladder.
    var simpleFormat: String? {
        switch self {
        case .date: "Si prefieres, escribe la fecha como día/mes, por ejemplo 15/12."
        case .time: "Si prefieres, escribe la hora como HH:MM, por ejemplo 16:00."
        case .datetime: "Si prefieres, escribe día/mes y hora, por ejemplo 15/12 16:00."
        case .daterange: "Si prefieres, escribe dos fechas, por ejemplo «3/3 al 5/3»."
        case .duration: "Si prefieres, escribe solo los minutos, por ejemplo 90."
        case .number: "Escribe solo el número, por ejemplo 3."
        case .people: "Escribe los nombres separados por comas."
        default: nil
        }
    }
}
