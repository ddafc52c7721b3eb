import DialogEngine
import Understanding

extension AcuerdoFlow {
    /// «ojo, la planilla quedó en la carpeta de la red», «las fotos están en el drive»: where
    /// something was left or is, said at the menu, is no agreement (no task to do, nobody to do
    /// it), even when its words meet the triggers («quedó en» met «quedamos en que»; fixAL found
    /// it started «Registrar un acuerdo» with «la carpeta de la red» as its text). Declined when
    /// a being-or-left verb in the third person is followed by «en» (not «en que», which tells an
    /// agreement) and no word of an agreement or of a request to note one is said.
    func declines(_ phrase: Phrase, context: EngineContext) -> Bool { Self.statesWhereabouts(phrase.tokens) }

    /// «quedó en el drive», «están en la carpeta de la red»: where a thing is, said with no word
    /// of an agreement («quedamos en que…», «anota…»). Other flows met by its words decline it too
    /// («…de la red» met the diagnosis, `DiagnosticoFlow.declines`).
    static func statesWhereabouts(_ t: [String]) -> Bool {
        guard let k = t.firstIndex(where: Self.whereaboutsVerbs.contains), k + 2 < t.count, t[k + 1] == "en", t[k + 2] != "que", t[k + 2] != "q",
              !t.contains(where: Self.agreementWords.contains) else { return false }
        return true
    }

    /// «quedó», «están»: where a thing is, in the third person («quedamos» is the network's own).
    static let whereaboutsVerbs: WordSet = ["quedo", "quedaron", "queda", "quedan", "esta", "estan", "estaba", "estaban", "sigue", "siguen"]
    /// Words that make the message about an agreement all the same.
    static let agreementWords: WordSet = ["acuerdo", "acuerdos", "compromiso", "compromisos", "acordamos", "acordaron", "acordo", "quedamos",
                                          "tomamos", "decidimos", "comprometimos", "anota", "anotar", "anote", "anotemos", "registra",
                                          "registrar", "agrega", "agregar", "nuevo", "nueva"]
}
