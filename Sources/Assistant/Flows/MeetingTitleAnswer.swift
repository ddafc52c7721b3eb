import CivilTime
import DialogEngine
import Understanding

/// A line to a meeting's «¿Cómo le ponemos?» that clearly answers another of its questions:
/// «en la escuela de Quilaco» is the place, «con los directores» who takes part, «el jueves a las
/// 3» the when (each filed there, and the name asked again); «fotos y lista de firmas» is
/// evidence, no name. Only text that can be a name is a name. Read only at the name question,
/// and each reading only past a cheap look at the first word or the words' kind.
enum MeetingTitleAnswer {
    static func reading(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? {
        let t = message.phrase.tokens
        guard let first = t.first, t.count <= 12 else { return nil }
        // «en la escuela de Quilaco», «con los directores», «con la Rosa en la biblioteca».
        if first == "en" || first == "por" || first == "con",
           let (place, people) = placeAndPeople(message.clean, context: context) ?? (first == "con" ? nil : place(message.clean).map { ($0, nil) }) {
            var values: SlotValues = [:]
            var said: [String] = []
            if let place, run.values["lugar"] != .text(place) {
                values["lugar"] = .text(place)
                said.append("Anoté el lugar: \(place).")
            }
            if let people, run.values["participantes"] != .list(people) {
                values["participantes"] = .list(people)
                said.append("Anotado: participan \(SlotValue.joinSpanish(people)).")
            }
            if values.isEmpty { return .reask("Eso ya lo tengo anotado; me falta el nombre del encuentro.") }
            return .fill(values, remark: (said + ["Me falta el nombre del encuentro."]).joined(separator: " "))
        }
        if t.count >= 2, t.allSatisfy({ evidenceWords.contains($0) || connectors.contains($0) }), t.filter(evidenceWords.contains).count >= 2 {
            return .reask("«\(message.clean)» suena a evidencias (lo que mostrará que se hizo), no a un nombre. Me falta el nombre del encuentro, algo corto como «Reunión de diciembre».")
        }
        // A when alone («el jueves a las 3», «15 de diciembre»): a meeting held once, on that day
        // (half of it kept until the other half comes).
        if run.values["fecha"] == nil, run.values["recurrencia"] == nil, let when = when(message, context: context) {
            let once: SlotValues = ["repite": .choice("una")]
            switch when {
            case .dateTime(let dt) where dt.date >= context.today:
                return .fill(once.merging(["fecha": .dateTime(dt)]) { $1 }, remark: "Anotado: \(SlotValue.dateTime(dt).display(today: context.today)). Me falta el nombre del encuentro.")
            case .date(let d) where d >= context.today:
                return .fill(once, remark: "Anotado: \(SpanishFormat.date(d, today: context.today)). Me falta el nombre del encuentro.", partials: ["fecha": .date(d)])
            default:
                return nil
            }
        }
        return nil
    }

    /// Whether a line to the name question is a whole meeting request: a when that names a day
    /// (or a series) plus words of a name, with no when kept yet, and no question nor talk of a
    /// meeting already held. Only past a cheap look for a figure or a weekday.
    static func isWholeRequest(_ message: Utterance, run: FlowRun, context: EngineContext) -> Bool {
        let t = message.phrase.tokens
        guard run.values["fecha"] == nil, run.values["recurrencia"] == nil, t.count >= 3, t.count <= 30,
              message.clean.contains(where: \.isNumber) || t.contains(where: weekdays.contains),
              !QuestionForm.asks(message), !t.contains(where: EncuentroFlow.past.contains),
              let m = TemporalParser.parse(message.clean, context: context.temporal) else { return false }
        switch m.value {
        case .recurrence, .dateTime, .date, .dateTimeRange: break
        default: return false
        }
        let used = Set(Phrase(m.text).tokens)
        let rest = t.filter { !used.contains($0) && !connectors.contains($0) && $0 != "a" }
        guard rest.contains(where: { $0.contains(where: \.isLetter) }) else { return false }
        // It says it is a meeting («reunión de directores…», «jornada…») or where it is held;
        // «el plazo del acuerdo es el 11» is no meeting's request.
        // («Reunión del 10» alone may well be the name: a gathering needs a word of its own.)
        let named = rest.filter { $0.contains(where: \.isLetter) }.count >= 2 && rest.contains { MeetingRequest.gatherings[$0] != nil }
        return named || EncuentroFlow.placeAndLength(message.clean).0 != nil
    }

    /// The place and who takes part, when the line says those and nothing else: each part starts
    /// with «con» (people) or «en»/«por» (the place); nil when any part is neither.
    static func placeAndPeople(_ clean: String, context: EngineContext) -> (String?, [String]?)? {
        let words = clean.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0).filter(\.isLetter) }
        guard let f = folded.first, ["en", "por", "con"].contains(f) else { return nil }
        // Cut before each «con», and before an «en»/«por» that follows people («con la Rosa en la
        // biblioteca»); a place's own «con» is cut too, and then is no person.
        var cuts = [0]
        var people = f == "con"
        for i in words.indices.dropFirst() {
            if folded[i] == "con" {
                cuts.append(i)
                people = true
            } else if people, folded[i] == "en" || folded[i] == "por" {
                cuts.append(i)
                people = false
            }
        }
        var place: String?, who: [String]?
        for (k, start) in cuts.enumerated() {
            let end = k + 1 < cuts.count ? cuts[k + 1] : words.count
            var part = words[start..<end].joined(separator: " ")
            while let c = part.last, ",.;".contains(c) { part.removeLast() }
            if folded[start] == "con" {
                guard who == nil, let p = participants(part, context: context) else { return nil }
                who = p
            } else {
                guard place == nil, let p = Self.place(part) else { return nil }
                place = p
            }
        }
        return (place, who)
    }

    /// «en la escuela de Quilaco», «por zoom»: the place, when the place is all the line says.
    static func place(_ clean: String) -> String? {
        let (place, minutes, words) = EncuentroFlow.placeAndLength(clean)
        guard let place, minutes == nil else { return nil }
        let rest = words.reduce(clean) { $0.replacingOccurrences(of: $1, with: " ") }
        guard !rest.contains(where: \.isLetter) else { return nil }
        return place
    }

    /// «con los directores», «con la Rosa y el Pedro», «con todos»: who takes part, when every
    /// piece after «con» is a member, a group or a name.
    static func participants(_ clean: String, context: EngineContext) -> [String]? {
        let rest = clean.split(separator: " ").dropFirst().joined(separator: " ")
        let words = Phrase(rest).tokens
        if ["todos", "todas", "toda la red", "todo el equipo"].contains(words.joined(separator: " ")) {
            var names = context.snapshot?.members.filter { !$0.isOut }.map(\.name) ?? []
            if let me = context.userName, !names.contains(me) { names.append(me) }
            return names.isEmpty ? nil : names
        }
        let slot = SlotDefinition(name: "participantes", type: .people, ask: "")
        guard let people = DialogEngine.people(in: rest, slot: slot, context: context), !people.isEmpty,
              people.allSatisfy({ context.members.contains($0) || $0 == context.userName || PeopleParser.isGroup($0) || knownFirstName($0) })
        else { return nil }
        return people
    }

    /// Someone not in the network counts as a person only with a first name known as one
    /// («con Javiera Soto»), not any words read as a name («con mas espacio»).
    static func knownFirstName(_ name: String) -> Bool {
        guard PeopleParser.looksLikeName(name), let first = name.split(separator: " ").first else { return false }
        return FirstNames.canonical(TextFold.fold(String(first))) != nil
    }

    /// The when the line says, when it is a day or a time and nothing else.
    static func when(_ message: Utterance, context: EngineContext) -> Temporal? {
        guard message.clean.contains(where: \.isNumber) || message.phrase.tokens.contains(where: weekdays.contains),
              let m = TemporalParser.parse(message.clean, context: context.temporal), m.alternatives.count <= 1 else { return nil }
        let used = Set(Phrase(m.text).tokens)
        guard message.phrase.tokens.allSatisfy({ used.contains($0) || connectors.contains($0) || $0 == "a" || $0 == "las" || $0 == "hrs" }) else { return nil }
        return m.value
    }

    static let evidenceWords: Set<String> = ["foto", "fotos", "fotografia", "fotografias", "fotografico", "fotograficos", "registro",
                                             "registros", "lista", "listas", "firma", "firmas", "asistencia", "acta", "actas", "planilla",
                                             "planillas", "evidencia", "evidencias", "informe", "informes", "comprobante", "video", "videos",
                                             "pantallazo", "pantallazos", "captura", "capturas", "audio", "audios", "firmada", "firmadas"]
    static let connectors: Set<String> = ["y", "e", "o", "de", "del", "la", "las", "el", "los", "con", "un", "una", "unas", "unos"]
    static let weekdays: Set<String> = ["lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo", "manana", "pasado"]
}
