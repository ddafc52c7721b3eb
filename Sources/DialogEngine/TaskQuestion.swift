import Understanding

/// Questions and news about one task, said the way people say them at the menu: who had to do it
/// («¿quién tenía que mandar el informe?», «a quién le tocaba traer la lista»), and a task said not
/// done yet («oye el Jaime no ha mandado la planificación, ¿qué hacemos?»). Both are answered from
/// the agreements (a search); they are read on folded tokens, behind one word check each.
public enum TaskQuestion {
    /// What follows «quién» when the question is who had the task.
    static let dutyLeads: [[String]] = [
        ["tenia", "que"], ["tiene", "que"], ["tenian", "que"], ["tienen", "que"], ["tenia", "q"], ["tiene", "q"], ["quedo", "de"],
        ["quedo", "en"], ["quedaron", "de"], ["quedaron", "en"], ["iba", "a"], ["iban", "a"], ["va", "a"], ["debia"], ["debe"],
        ["debian"], ["le", "tocaba"], ["le", "toca"], ["les", "tocaba"], ["les", "toca"], ["se", "comprometio", "a"],
        ["se", "comprometieron", "a"], ["se", "encargo", "de"], ["se", "encargaba", "de"], ["se", "iba", "a", "encargar", "de"],
    ]

    /// «¿quién tenía que mandar el informe?», «a quién le tocaba traer la lista», «quien quedó de
    /// enviar el acta»: the index of the first word after the duty words (the task), or nil.
    /// «quién» opens the question (after a filler or «a»), and something follows the duty words.
    public static func whoHadTo(_ t: [String]) -> Int? {
        guard t.count >= 4, t.count <= 14,
              let q = t.prefix(3).firstIndex(where: { $0 == "quien" || $0 == "quienes" }),
              t[..<q].allSatisfy({ ["y", "oye", "ya", "a", "pero", "entonces", "bueno"].contains($0) }) else { return nil }
        let rest = t[(q + 1)...]
        guard let lead = dutyLeads.first(where: { rest.starts(with: $0) }), q + 1 + lead.count < t.count else { return nil }
        return q + 1 + lead.count
    }

    /// Stems of the verbs a task is done with («mandado», «entrega», «trajo»).
    static let taskVerbStems = ["mand", "entreg", "envi", "sub", "termin", "traj", "traid", "trae", "present", "compart", "prepar", "arm",
                                "llam", "revis", "cumpl", "organiz", "escrib", "escrit", "coordin", "compr", "public", "hech", "hizo",
                                "hic", "hace", "complet", "confirm", "avis", "plante", "redact", "envio", "cargad", "carg"]

    /// Words before «no» that are no one who has a task: a question word, a record, the speaker.
    static let notSubjects: Set<String> = ["quien", "quienes", "que", "q", "cual", "cuales", "cuantos", "cuantas", "como", "donde", "cuando",
                                           "acuerdo", "acuerdos", "yo", "nosotros", "nadie", "alguien", "todavia", "aun"]

    /// Words between «no» and the verb: «no ha mandado», «no me lo ha mandado», «no la entrega».
    static let notDoneBetween: Set<String> = ["ha", "han", "me", "nos", "lo", "la", "los", "las", "le", "les"]

    /// «el Jaime no ha mandado la planificación», «la Luisa todavía no entrega el informe»: someone
    /// (a word or two before «no») who has not done a task (a task verb, with what was not done
    /// after it). The index of the verb, or nil. «el acuerdo 1 no se cumplió» is no such news
    /// (it has its own reading).
    public static func notDone(_ t: [String]) -> Int? {
        guard t.count >= 4, t.count <= 16, let no = t.firstIndex(of: "no"), no >= 1, no <= 5 else { return nil }
        let before = t[..<no].filter { !["oye", "ya", "y", "el", "la", "los", "las", "todavia", "aun", "pero", "bueno", "hola", "pucha", "chuta"].contains($0) }
        // «¿quién no ha cumplido sus acuerdos?» asks who: the list of overdue agreements answers it.
        guard !before.isEmpty, before.count <= 3,
              !before.contains(where: { Int($0) != nil || notSubjects.contains($0) }) else { return nil }
        var v = no + 1
        while v < t.count, notDoneBetween.contains(t[v]) { v += 1 }
        guard v + 1 < t.count, taskVerbStems.contains(where: { t[v].hasPrefix($0) }) else { return nil }
        return v
    }

    /// Words that ask what to do about it («¿qué hacemos?», «q hago»), after the news.
    public static let whatNowWords: Set<String> = ["que", "q", "hacemos", "hago", "hacer", "podemos", "puedo", "debemos", "deberiamos",
                                                   "hariamos", "hacemo", "todavia", "aun", "no", "ha", "han", "me", "nos", "lo", "le",
                                                   "les", "ahora", "con", "eso", "ella", "el", "pucha", "chuta", "oye"]
}
