/// Recognizes questions about the network's data ("¿cuándo es la próxima reunión?").
enum QueryMatcher {
    static let interrogatives: Set<String> = [
        "que", "cual", "cuales", "cuando", "donde", "quien", "quienes", "cuantos", "cuantas", "como", "hay", "tengo",
        "tenemos", "muestrame", "mostrar", "dime", "ver", "lista", "listar", "recuerdame",
    ]

    /// Every word the patterns below look for, typo-tolerant (built once).
    static let vocabulary = FuzzyLexicon([
        "reunion", "reuniones", "encuentro", "encuentros", "junta", "juntamos", "sesion", "acuerdo",
        "acuerdos", "compromiso", "compromisos", "pendiente", "pendientes", "tareas", "tabla", "temario",
        "temas", "agenda", "puntos", "aprendimos", "aprendido", "aprendizajes", "aprendizaje", "aprendemos",
        "reflexiones", "sistematizado", "apropiacion", "apropiaciones", "faltan", "falta", "proposito",
        "sondeo", "sondeos", "encuesta", "votacion", "nivel", "diagnostico", "diagnosticos", "madurez",
        "proxima", "proximo", "siguiente", "cuando", "viene", "vencido", "vencidos", "vencidas", "atrasado",
        "atrasados", "atrasadas", "tengo", "mis", "mios", "abiertos", "significa", "significado", "escuela",
        "comprometo",
    ])

    /// Words that follow a question's first word ("que hay", "cuando es", "como va").
    static let questionFollowers: Set<String> = [
        "es", "son", "era", "fue", "hay", "habia", "tengo", "tiene", "tienen", "tenemos", "va", "van", "vamos", "dice",
        "dijimos", "quedamos", "quedo", "toca", "me", "nos", "le", "les",
    ]

    /// `strict` (inside a free-text question): only an explicit question counts, so an agreement's
    /// text that mentions "acuerdos vencidos" is not mistaken for a query.
    static func match(_ phrase: Phrase, raw: String, strict: Bool) -> Query? {
        let t = phrase.tokens
        guard !t.isEmpty, t.count <= 14 else { return nil }
        let marked = raw.utf8.contains(UInt8(ascii: "?")) || raw.unicodeScalars.contains("¿")
        let question = marked || interrogatives.contains(t[0])
        if strict && !question { return nil }
        // An answer often starts with "que" or "como" ("que leer con propósito motiva más"): inside a
        // free-text question, without a question mark, it asks only when the next word does.
        if strict && !marked && t.count > 1 && ["que", "como", "cuando"].contains(t[0]) && !questionFollowers.contains(t[1])
            && vocabulary.lookup(t[1]).isEmpty {
            return nil
        }
        // The vocabulary words present in the message, looked up once per token.
        let present = Set(t.flatMap { vocabulary.lookup($0) }.map { vocabulary.words[$0] })
        // Every pattern needs at least one vocabulary word: most answers ("Ana", "el 15") stop here.
        guard !present.isEmpty else { return nil }
        let has = { (words: [String]) in words.contains { present.contains($0) || t.contains($0) } }
        let meeting = has(["reunion", "reuniones", "encuentro", "encuentros", "junta", "juntamos", "sesion"])
        let agreements = has(["acuerdo", "acuerdos", "compromiso", "compromisos", "pendiente", "pendientes", "tareas"])
        if has(["tabla", "temario"]) || (meeting && has(["temas", "agenda", "puntos"]) && question) { return .agenda }
        if has(["aprendimos", "aprendido", "aprendizajes", "aprendizaje", "aprendemos", "reflexiones", "sistematizado"]) && question {
            return .learnings
        }
        if has(["apropiacion", "apropiaciones"]) || (has(["faltan", "falta"]) && has(["proposito"])) { return .appropriation }
        if has(["sondeo", "sondeos", "encuesta", "votacion"]) && question { return .poll }
        if has(["nivel", "diagnostico", "diagnosticos", "madurez"]) && question
            && !t.contains(where: { ["hagamos", "hacer", "hacemos", "empezar", "iniciar", "nuevo", "otro"].contains($0) }) {
            return .diagnosis
        }
        if meeting && has(["proxima", "proximo", "siguiente", "cuando", "viene"]) { return .nextMeeting }
        if meeting && question && t.contains(where: { ["reuniones", "encuentros", "calendario", "agendado", "agendadas", "agendados"].contains($0) }) {
            return .meetings
        }
        if agreements && has(["vencido", "vencidos", "vencidas", "atrasado", "atrasados", "atrasadas"]) { return .overdueAgreements }
        if agreements && (has(["tengo", "mis", "mios"])) { return .myAgreements }
        if agreements && question && t.contains(where: { ["tiene", "debe", "tienen", "deben", "toca"].contains($0) }) { return .personAgreements }
        if agreements && (question || has(["pendientes", "abiertos"])) { return .openAgreements }
        if has(["proposito"]) && question && !has(["significa", "significado", "escuela", "comprometo", "compromiso", "apropiacion"]) {
            return .purpose
        }
        return nil
    }
}
