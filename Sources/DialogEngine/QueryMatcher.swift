/// Recognizes questions about the network's data ("¿cuándo es la próxima reunión?").
enum QueryMatcher {
    static let interrogatives: Set<String> = [
        "que", "cual", "cuales", "cuando", "donde", "quien", "quienes", "cuantos", "cuantas", "hay", "tengo",
        "tenemos", "muestrame", "mostrar", "dime", "ver", "lista", "listar", "recuerdame",
    ]

    /// `strict` (inside a free-text question): only an explicit question counts, so an agreement's
    /// text that mentions "acuerdos vencidos" is not mistaken for a query.
    static func match(_ phrase: Phrase, raw: String, strict: Bool) -> Query? {
        let t = phrase.tokens
        guard !t.isEmpty, t.count <= 14 else { return nil }
        let question = raw.contains("?") || raw.contains("¿") || interrogatives.contains(t[0])
        if strict && !question { return nil }
        let has = { (words: [String]) in words.contains { w in t.contains { Phrase.similar($0, w) || $0 == w } } }
        let meeting = has(["reunion", "reuniones", "encuentro", "encuentros", "junta", "juntamos", "sesion"])
        let agreements = has(["acuerdo", "acuerdos", "compromiso", "compromisos", "pendiente", "pendientes", "tareas"])
        if meeting && has(["proxima", "proximo", "siguiente", "cuando", "viene"]) { return .nextMeeting }
        if agreements && has(["vencido", "vencidos", "vencidas", "atrasado", "atrasados", "atrasadas"]) { return .overdueAgreements }
        if agreements && (has(["tengo", "mis", "mios"])) { return .myAgreements }
        if agreements && (question || has(["pendientes", "abiertos"])) { return .openAgreements }
        if has(["proposito"]) && question { return .purpose }
        return nil
    }
}
