import PlainJSON

/// Protocol v1 error codes, each with its Spanish message.
public enum ProtocolErrorCode: String, Sendable {
    case invalidJSON = "invalid_json"
    case tooLong = "too_long"
    case unauthorized
    case badRequest = "bad_request"
    case busy

    public var defaultMessage: String {
        switch self {
        case .invalidJSON: "No pude leer esa línea: debe ser un objeto JSON válido en UTF-8."
        case .tooLong: "La línea es demasiado larga: el máximo es 64 KiB por mensaje."
        case .unauthorized: "Falta autenticación: la primera línea debe ser {\"type\":\"hello\",\"token\":\"...\"} con el token correcto."
        case .badRequest: "La solicitud no es válida."
        case .busy: "Hay demasiadas conexiones abiertas; intenta de nuevo en un momento."
        }
    }

    /// The error line (without newline).
    public func line(id: JSONValue? = nil, message: String? = nil) -> String {
        JSONValue.object([
            ("type", .string("error")),
            ("id", id ?? .null),
            ("code", .string(rawValue)),
            ("message", .string(message ?? defaultMessage)),
        ]).rendered()
    }
}
