import DialogEngine
import Understanding

/// The region a network's territory lies in, offered where the region is asked (creating the
/// network, `region-red`, `renombrar-red`): «¿En qué región? Curarrehue queda en La Araucanía:
/// responde «sí», o dime otra.» A yes takes it; a region named works as always. Nothing is
/// offered for a territory that names no commune, a province, an ambiguous name or communes
/// of several regions (`ChileanCommunes.region(ofTerritory:)`).
enum RegionSuggestion {
    /// The region `territory` lies in, unless it is `current` (nothing to offer then), and the
    /// words that say so («Curarrehue queda en La Araucanía»).
    static func of(_ territory: String?, current: String? = nil) -> (region: String, said: String)? {
        guard let territory, let found = ChileanCommunes.region(ofTerritory: territory),
              current.flatMap({ ChileanCalendar.region(named: $0) }) != found.region else { return nil }
        let verb = found.communes.count == 1 ? "queda" : "quedan"
        return (found.region, "\(SlotValue.joinSpanish(found.communes)) \(verb) en \(found.region)")
    }

    /// `ask` («¿En qué región?») with the offer after it, then `then` (what the region is for), if any.
    /// Asked again right after a «no» to the offer (`declined`), the plain question.
    static func question(_ ask: String, context: EngineContext, territory: String?, current: String? = nil, then: String? = nil) -> String? {
        guard !(context.message.map(saysNo) ?? false), let offer = of(territory, current: current) else { return nil }
        return ask + " " + offer.said + ": responde «sí», o dime otra." + (then.map { " " + $0 } ?? "")
    }

    /// «sí», «ya», «correcto», «esa misma» to the offer: its region. «no» alone: the region is
    /// asked again, without the offer's yes. Nil for anything else (a region named is read as always).
    static func answer(_ message: Utterance, territory: String?, current: String? = nil) -> Reading? {
        guard let offer = of(territory, current: current) else { return nil }
        let t = message.phrase.tokens
        if t.count <= 4, t.allSatisfy(agreeing.contains) || YesNo.parse(message.clean) == true,
           ChileanCalendar.region(named: message.clean) == nil {
            return .fill(["region": .text(offer.region)], remark: nil)
        }
        return nil
    }

    /// «no», «no po» to the offer (checked as the answer's value): what is said instead, asking
    /// which region then. Nil for anything else.
    static func declined(_ text: String, territory: String?, current: String? = nil) -> String? {
        guard saysNo(text), let offer = of(territory, current: current) else { return nil }
        return "Bien, no es \(offer.region)."
    }

    /// «no», «no po», «nop»: a short no.
    static func saysNo(_ text: String) -> Bool { Phrase(text).tokens.count <= 3 && YesNo.parse(text) == false }

    /// Words that agree with the region offered, beyond a plain yes.
    static let agreeing: Set<String> = ["si", "ya", "correcto", "correcta", "exacto", "exacta", "esa", "misma", "eso", "es", "ahi",
                                        "claro", "po", "poh", "sip", "obvio", "ok", "dale", "bien", "asi", "esta", "efectivamente"]
}
