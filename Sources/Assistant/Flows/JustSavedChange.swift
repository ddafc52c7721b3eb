import Understanding

/// «cámbiale la fecha», «hay que corregirle el valor», «cámbiala de hora»: a change asked with a
/// pronoun and only the field's name, no new value. It is about the record saved just before,
/// and each change flow decides whether that record is its own and the field one it changes
/// (issue 12: after a meeting or an agreement it started an availability poll; after a result,
/// «No te entendí»).
enum JustSavedChange {
    /// Change verbs carrying the record as a pronoun (folded).
    static let verbs: Set<String> = [
        "cambiale", "cambiala", "cambialo", "cambiarle", "cambiarla", "cambiarlo",
        "corrigele", "corrigela", "corrigelo", "corregirle", "corregirla", "corregirlo",
        "modificale", "modificala", "modificalo", "modificarle", "modificarla", "modificarlo",
        "arreglale", "arreglala", "arreglalo", "arreglarle", "arreglarla", "arreglarlo",
    ]
    /// Words that may go around the verb and the field without saying anything more.
    static let around: Set<String> = ["oye", "ya", "y", "uy", "ah", "eh", "pucha", "mejor", "hay", "que", "q", "porfa", "po", "pls",
                                      "por", "favor", "altiro", "al", "tiro", "tenemos", "tengo", "quiero", "necesito", "de", "el", "la",
                                      "los", "las", "su", "sus", "ahora", "igual", "nomas", "no"]
    /// Articles before the field's name.
    static let articles: Set<String> = ["el", "la", "los", "las", "su", "sus", "de"]

    /// The field's name (folded: «fecha», «valor») when `t` says only that: a change verb with a
    /// pronoun, the field, and words that add nothing. Nil for anything else, or a message with
    /// no such verb (one set lookup per word).
    static func field(_ t: [String]) -> String? {
        guard t.count <= 9, let v = t.firstIndex(where: verbs.contains), t[..<v].allSatisfy(around.contains) else { return nil }
        let rest = t[(v + 1)...].drop(while: articles.contains)
        guard let field = rest.first, !around.contains(field), rest.dropFirst().allSatisfy(around.contains) else { return nil }
        return field
    }
}
