/// «yo mando el resumen»: an agreement said in the first person is stored as the action
/// («mandar el resumen»), since who does it goes to its own field. Only verbs a school network
/// commits to are listed; any other stays as said rather than be conjugated wrong.
public enum FirstPerson {
    /// The infinitive of a first-person present verb («mando» → «mandar»), or nil.
    public static func infinitive(_ word: String) -> String? {
        let w = TextFold.fold(word)
        if let irregular = irregulars[w] { return irregular }
        guard w.hasSuffix("o"), arVerbs.contains(String(w.dropLast())) else { return nil }
        return String(w.dropLast()) + "ar"
    }

    /// Every first-person present form `infinitive` reads, singular and plural of the -ar verbs
    /// («mando», «mandamos», «hago»): cue words for a reader of promises.
    public static let presentForms: [String] = arVerbs.words.flatMap { [$0 + "o", $0 + "amos"] }
        + irregulars.flatMap { first, infinitive in
            let stem = String(infinitive.dropLast(2))
            let plural = infinitive.hasSuffix("ar") ? "amos" : infinitive.hasSuffix("er") ? "emos" : "imos"
            return [first, stem + plural]
        }

    /// Whether `folded` is one of `presentForms` («mando», «subimos»).
    public static func isPresent(_ folded: String) -> Bool { presentSet.contains(folded) }
    static let presentSet = Set(presentForms)

    static let irregulars: [String: String] = [
        "hago": "hacer", "traigo": "traer", "pongo": "poner", "comparto": "compartir", "subo": "subir", "escribo": "escribir",
        "envio": "enviar", "leo": "leer", "veo": "ver", "reviso": "revisar", "expongo": "exponer", "hablo": "hablar",
        "recibo": "recibir", "consigo": "conseguir", "pido": "pedir", "digo": "decir", "averiguo": "averiguar",
        "distribuyo": "distribuir", "construyo": "construir", "imprimo": "imprimir", "asisto": "asistir",
    ]

    /// Stems of -ar verbs (first person «-o»).
    static let arVerbs: WordSet = [
        "mand", "prepar", "llev", "organiz", "coordin", "convoc", "invit", "llam", "avis", "agend", "arm", "elabor", "diseñ",
        "disen", "redact", "complet", "termin", "actualiz", "sistematiz", "present", "entreg", "comunic", "gestion", "busc",
        "confirm", "contact", "visit", "observ", "document", "registr", "anot", "orden", "planific", "analiz", "aplic", "ajust",
        "tabul", "carg", "prest", "compr", "consult", "recopil", "junt", "modific", "cre", "dej", "report", "inform", "coment",
        "reun", "traslad", "acompañ", "acompan", "evalu", "apoy", "cheque", "valid", "program", "calendariz", "socializ",
    ]
}
