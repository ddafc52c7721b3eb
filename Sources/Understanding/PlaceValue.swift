/// A meeting's place as stored and as said back. Stored: what a calendar shows, without the
/// words that led to it in the sentence («por meet» is «Meet», «en la escuela El Manzano» is
/// «escuela El Manzano», «en el DAEM» is «DAEM»); a link or a name is kept as typed. Said back:
/// with the words a sentence needs («en la escuela El Manzano», «por Meet»). Every way of saying
/// a place (the request, the answer to «¿Dónde será?», a change of place) goes through `clean`.
public enum PlaceValue {
    /// Words that lead to a place and are not part of it.
    static let leads: Set<String> = ["en", "por", "via", "desde", "a", "al", "mediante"]
    static let articles: Set<String> = ["la", "el"]
    /// Kinds of place whose article is known, so it can be dropped when stored and said again.
    static let feminine: Set<String> = ["escuela", "escuelita", "sede", "biblioteca", "sala", "municipalidad", "oficina", "casa", "comuna",
                                        "opd", "seremi", "junji", "posta", "universidad", "parroquia", "capilla", "junta", "corporacion",
                                        "ruka", "cancha", "multicancha", "plaza", "iglesia", "parcela"]
    static let masculine: Set<String> = ["liceo", "colegio", "jardin", "daem", "gimnasio", "salon", "auditorio", "cra", "internado", "cesfam",
                                         "slep", "dem", "deprov", "mineduc", "cecosf", "consultorio", "hospital", "museo", "municipio",
                                         "teatro", "estadio", "centro", "quincho", "galpon", "fogon", "comedor", "hotel", "hostal", "restaurant",
                                         "restaurante", "club", "laboratorio", "fundo"]
    /// Video-call services, written as their own names.
    static let services: [String: String] = ["meet": "Meet", "zoom": "Zoom", "teams": "Teams", "jitsi": "Jitsi", "webex": "Webex"]

    static func folded(_ w: Substring) -> String { TextFold.fold(String(w)).filter { $0.isLetter || $0.isNumber } }

    public static func clean(_ raw: String) -> String {
        var words = raw.split(separator: " ")
        if words.count > 1, leads.contains(folded(words[0])) { words.removeFirst() }
        // «la escuela El Manzano», «el DAEM»: the article goes when the place says its kind (said
        // again when read back) or its own name; «el patio» keeps it.
        if words.count > 1, articles.contains(folded(words[0])),
           feminine.contains(folded(words[1])) || masculine.contains(folded(words[1])) || words[1].first?.isUppercase == true {
            words.removeFirst()
        }
        // «meet», «google meet», «zoom»: the service, by its own name (never inside a link).
        let named = words.map { w -> String in
            guard !w.contains("/"), w == w.lowercased(), let name = services[folded(w)] else { return String(w) }
            return name
        }
        var out = named
        if out.count == 2, out[0] == "google", out[1] == "Meet" { out[0] = "Google" }
        return out.joined(separator: " ")
    }

    /// Whether the place is a video call.
    public static func isOnline(_ place: String) -> Bool {
        place.contains("http") || place.split(separator: " ").contains {
            let w = folded($0)
            return services[w] != nil || ["videollamada", "online", "virtual", "videoconferencia"].contains(w)
        }
    }

    /// The place as a sentence says it: «en la escuela El Manzano», «en el DAEM», «por Meet»,
    /// «en Los Aromos»; a place that already starts with its own word («en …», «por …») as is.
    public static func said(_ place: String) -> String {
        guard let first = place.split(separator: " ").first.map(folded) else { return place }
        if leads.contains(first) || first == "online" { return place }
        if isOnline(place) { return "por \(place)" }
        if feminine.contains(first) { return "en la \(place)" }
        if masculine.contains(first) { return "en el \(place)" }
        return "en \(place)"
    }
}
