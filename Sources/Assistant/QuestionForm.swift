import DialogEngine
import Understanding

/// Whether a message asks about the network's records rather than asking to do something:
/// «¿quién vino a la reunión de hoy?», «y hay alguna práctica para llevar al pme?». A flow's
/// claim leaves a question to the answers, unless the message also says what the person wants
/// («¿puedo hacer el acta?», «quiero llevar la lectura al PME, ¿se puede?»).
enum QuestionForm {
    static func asks(_ message: Utterance) -> Bool {
        let t = message.phrase.tokens
        guard !t.contains(where: wants.contains) else { return false }
        if message.questionMarked { return true }
        guard let lead = t.first(where: { !fillers.contains($0) }) else { return false }
        return interrogatives.contains(lead)
    }

    static let fillers: Set<String> = ["oye", "oiga", "y", "ya", "bueno", "entonces", "pero", "hola", "ah", "consulta", "una"]
    static let interrogatives: Set<String> = ["que", "quien", "quienes", "cuando", "como", "cual", "cuales", "donde", "cuanto", "cuantos",
                                              "cuantas"]
    /// Words saying the person wants something done.
    static let wants: Set<String> = ["quiero", "queremos", "quisiera", "quisieramos", "necesito", "necesitamos", "hagamos", "podemos",
                                     "puedo", "puedes", "podrias", "ayudame", "anota", "anotar", "registra", "registrar"]
}
