import DialogEngine
import Understanding

/// «los profes mandan la planificación a la Carmen», «le enviamos el acta a Pedro Soto»: a person
/// said after «a»/«al» receives what the agreement makes (or is its object), never the one who does
/// it. The engine's reading of the request takes every named person as a responsable; the ones
/// said only in that place go (qa29 c7: «…y manda los resultados a la andrea» made Andrea the
/// responsable). «le toca a la Marta», «se lo encargamos a Pedro»: after a verb that hands the task
/// over, the person does do it and stays.
extension AcuerdoFlow {
    /// The responsables the request named, without those said only as whom something goes to;
    /// nil when none of them is (nearly every request: it needs a « a » or « al » before a name).
    static func withoutRecipients(_ request: String, run: FlowRun) -> [String]? {
        guard let who = run.values["responsables"]?.listValue, !who.isEmpty,
              request.utf8.count > 4, request.contains(" a ") || request.contains(" al ") || request.contains(" A ") else { return nil }
        let said = Phrase(request).tokens
        let kept = who.filter { !onlyAsRecipient($0, in: said) }
        return kept.count < who.count ? kept : nil
    }

    /// True when every place `name`'s first word is said in `said` follows «a»/«al» (past an
    /// article, a title or a role), and that «a» does not follow a verb that hands the task over.
    static func onlyAsRecipient(_ name: String, in said: [String]) -> Bool {
        guard let first = Phrase(name).tokens.first else { return false }
        let places = said.indices.filter { said[$0] == first }
        guard !places.isEmpty else { return false }
        return places.allSatisfy { i in
            var j = i - 1
            while j >= 0, recipientSkips.contains(said[j]) { j -= 1 }
            guard j >= 0, said[j] == "a" || said[j] == "al" else { return false }
            guard j >= 1 else { return true }
            let before = said[j - 1]
            return !handOver.contains(where: { before.hasPrefix($0) })
        }
    }

    /// Words between «a» and a person's name: articles, titles, roles.
    static let recipientSkips: WordSet = ["la", "el", "los", "las", "profe", "profesor", "profesora", "tia", "tio", "don", "dona", "sra", "sr",
                                          "senora", "senor", "director", "directora", "jefa", "jefe", "utp", "educadora", "coordinadora",
                                          "coordinador", "encargada", "encargado", "colega", "companera", "companero"]

    /// Verbs after which «a X» names who does it: «le toca a», «le corresponde a», «se lo
    /// encargamos a», «le pedimos a», «invitamos a … a que», «dejamos a cargo a», «asignamos a».
    static let handOver = ["toca", "toco", "tocaria", "correspond", "encarg", "pedi", "pide", "pido", "pidio", "pidie", "invit", "deleg",
                           "design", "asign", "nombr", "dej"]
}
