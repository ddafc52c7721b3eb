import DialogEngine
import Domain
import Understanding

/// Which of the person's networks a message names, when the store holds several: «en la reunión
/// de hoy en Vilcún acordamos…» said while working in «Red Lautaro Rural» is about «Red Vilcún
/// Centro»; «¿qué reuniones tengo el 10 en las dos redes?» is about all of them.
///
/// A network is named by a word of its own name or territory that no other network of the store
/// shares and that is not a common word of network names («red», «rural», «centro»…). A word
/// right after «escuela», «liceo»… names a school, not a network.
enum NetworkMention {
    /// The networks `text` names (store order), or nil when it names none. «las dos redes»,
    /// «ambas redes», «mis redes», «todas las redes»: every one.
    static func named(in text: String, among all: [Network]) -> [Network]? {
        guard all.count > 1 else { return nil }
        let tokens = Phrase(text).tokens
        guard !tokens.isEmpty else { return nil }
        if saysEvery(tokens) { return all }
        let own = all.map(words)
        var counts: [String: Int] = [:]
        for set in own { for w in set { counts[w, default: 0] += 1 } }
        var named: [Network] = []
        for (i, network) in all.enumerated() {
            let distinct = own[i].filter { counts[$0] == 1 }
            let hit = tokens.indices.contains { k in
                distinct.contains(tokens[k]) && !(k > 0 && schoolWords.contains(tokens[k - 1]))
            }
            if hit { named.append(network) }
        }
        return named.isEmpty ? nil : named
    }

    /// «las dos redes», «ambas redes», «mis redes», «todas las redes», «cada red», «en las 2 redes».
    static func saysEvery(_ t: [String]) -> Bool {
        guard let k = t.firstIndex(where: { $0 == "redes" || $0 == "red" }), k > 0 else { return false }
        let before = t[max(0, k - 2)..<k]
        if t[k] == "red" { return before.last == "cada" }
        return before.contains { ["dos", "2", "ambas", "mis", "todas", "nuestras", "tres", "3"].contains($0) }
    }

    /// The words that can name `network`: of its name and territory, folded, without the common
    /// words of network names.
    static func words(_ network: Network) -> Set<String> {
        let text = network.name + " " + (network.territory ?? "")
        return Set(Phrase(text).tokens.filter { $0.count > 3 && !commonWords.contains($0) })
    }

    static let commonWords: Set<String> = [
        "red", "redes", "rme", "microcentro", "rural", "rurales", "centro", "norte", "sur", "oriente", "poniente", "este", "oeste",
        "escolar", "escolares", "escuela", "escuelas", "liceo", "liceos", "comuna", "comunal", "territorial", "mejoramiento",
        "convivencia", "directores", "directoras", "profesores", "profes", "educacion", "lectura", "matematica", "los", "las",
        "del", "para", "alto", "bajo", "costa", "valle", "sector", "zona", "provincia", "region", "nueva", "nuevo", "san", "santa",
    ]

    static let schoolWords: Set<String> = ["escuela", "esc", "liceo", "colegio", "jardin", "sala", "cesfam", "calle", "avenida", "sede"]
}
