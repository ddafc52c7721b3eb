import Understanding

/// Questions about how one thing is going, named by its topic or by who has it: «¿qué pasó con el
/// taller de la Marisol?», «¿cómo va lo de los buses?», «¿y la Rosa hizo el acta?». They are
/// answered from the records that mention it (agreements, actas, reflections, a meeting's tabla),
/// never started as a flow (issue 12: «no hay actas», or a flow the words met).
extension QueryMatcher {
    /// «pasó», «onda», «quedó»: what follows «qué … con/de» asks how a thing went.
    /// «¿en qué quedamos con la pauta?», «¿en qué quedaron con lo del bus?» too (qa27: not answered).
    static let whatHappenedWords: WordSet = ["paso", "onda", "hubo", "sucedio", "ocurrio", "quedo", "fue", "quedamos", "quedaron"]

    /// Meetings named with a day or as «la última» are asked about as meetings held (their acta).
    static let heldMeetingWords: WordSet = ["reunion", "reuniones", "encuentro", "encuentros", "sesion", "junta", "consejo", "hoy", "ayer",
                                            "ultima", "ultimo", "pasada", "pasado", "anterior", "lunes", "martes", "miercoles", "jueves",
                                            "viernes", "sabado", "domingo"]

    /// A task said as done, in the past, asked of someone («¿la Rosa hizo el acta?», «¿ya mandaron
    /// la lista?»). The third persons only: «hice», «mandé» tell, they do not ask.
    static let doneAskedVerbs: WordSet = [
        "hizo", "hicieron", "mando", "mandaron", "envio", "enviaron", "entrego", "entregaron", "subio", "subieron", "consiguio",
        "consiguieron", "trajo", "trajeron", "termino", "terminaron", "compartio", "compartieron", "preparo", "prepararon", "armo",
        "armaron", "llamo", "llamaron", "reviso", "revisaron", "cumplio", "cumplieron", "organizo", "organizaron", "escribio",
        "escribieron", "coordino", "coordinaron", "compro", "compraron", "presento", "presentaron", "publico", "publicaron",
    ]

    /// The query for a question about how one thing goes; nil when `t` asks no such thing.
    /// `question`: the message reads as a question; `marked`: it has «?» or «¿».
    static func aboutThing(_ t: [String], question: Bool, marked: Bool) -> Query? {
        guard question, t.count >= 3, t.count <= 14 else { return nil }
        let lead = t.firstIndex { !questionFillers.contains($0) } ?? 0
        // «¿qué pasó con el taller de la Marisol?», «¿qué onda con lo de los buses?», «¿en qué quedó lo
        // de la lista?»: a question word, the verb of what happened, and the thing after «con»/«de»
        // (or right after the verb).
        if let q = t[lead...].prefix(3).firstIndex(where: { $0 == "que" || $0 == "q" }), q + 1 < t.count,
           let v = t[(q + 1)...].prefix(2).firstIndex(where: whatHappenedWords.contains), v + 1 < t.count {
            let rest = t[(v + 1)...]
            guard ["con", "de", "del", "lo", "el", "la", "los", "las"].contains(rest.first ?? ""),
                  !rest.contains(where: { heldMeetingWords.contains($0) || Int($0) != nil || monthNames.contains($0) }) else { return nil }
            // «¿qué pasó con las prácticas?»: the practices, each with its state.
            if rest.contains(where: { $0 == "practicas" || $0 == "practica" }) { return .institutionalization }
            return rest.count >= 2 ? .search : nil
        }
        // «¿cómo va lo de los buses?», «¿y cómo van las prácticas?»: how one thing goes («¿cómo vamos?»
        // is the network's objectives, read elsewhere).
        if t[lead] == "como", lead + 2 < t.count, ["va", "van", "anda", "andan"].contains(t[lead + 1]) {
            let rest = t[(lead + 2)...]
            if rest.contains(where: { $0 == "practicas" || $0 == "practica" }) { return .institutionalization }
            if rest.first == "lo", rest.count >= 3, ["de", "del"].contains(rest[rest.startIndex + 1]),
               !rest.contains(where: heldMeetingWords.contains) { return .search }
            return nil
        }
        // «¿y la Rosa hizo el acta?», «¿el Juan consiguió los buses?», «¿ya están los buses?»: a
        // yes-or-no question of whether a task was done. Only marked as a question, with no question
        // word first (those ask other things), the verb followed by what was done.
        if marked, !questionWords.contains(t[lead]), t.count <= 10,
           let v = t.indices.first(where: { doneAskedVerbs.contains(t[$0]) || ($0 >= 1 && t[$0 - 1] == "ya" && ["esta", "estan"].contains(t[$0])) }),
           v + 1 < t.count, v >= 1,
           !t[(v + 1)...].contains(where: heldMeetingWords.contains) {
            return .search
        }
        return nil
    }
}
