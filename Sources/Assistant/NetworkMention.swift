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
        return named(in: Phrase(text), among: all)
    }

    /// `named(in: text)` of the text's phrase, already made (the turn's own: not read again).
    static func named(in phrase: Phrase, among all: [Network]) -> [Network]? {
        guard all.count > 1 else { return nil }
        let tokens = phrase.tokens
        guard !tokens.isEmpty else { return nil }
        if saysEvery(tokens) { return all }
        let index = indexes.of(all)
        var hits = Set<Int>()
        for k in tokens.indices where !(k > 0 && schoolWords.contains(tokens[k - 1])) {
            if let i = index.owner[tokens[k]] { hits.insert(i) }
        }
        return hits.isEmpty ? nil : hits.sorted().map { all[$0] }
    }

    /// Each word that names exactly one network of a list, to that network's position. Built once
    /// per list and kept: a store serving a thousand networks asked this on every turn with
    /// nothing in progress (the words of every name, ~0.5 ms a turn).
    struct Index: Sendable {
        let owner: [String: Int]

        init(_ all: [Network]) {
            let own = all.map(NetworkMention.words)
            var counts: [String: Int] = [:]
            for set in own { for w in set { counts[w, default: 0] += 1 } }
            var owner: [String: Int] = [:]
            for (i, set) in own.enumerated() { for w in set where counts[w] == 1 { owner[w] = i } }
            self.owner = owner
        }
    }

    static let indexes = NetworkListCache(Index.init)

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

    /// «la reunión del microcentro», «lo de la RME» said in a network of another kind: the only
    /// other network of that kind in the store (qa23 H: «se suspende la reunión del microcentro
    /// del jueves» from the directors' network was read in it). Nil unless exactly one matches.
    static func byKind(_ phrase: Phrase, among all: [Network], current: Network) -> [Network]? {
        let t = phrase.tokens
        guard all.count > 1, let k = t.indices.first(where: { kindWords[t[$0]] != nil && $0 > 0 && ["del", "el", "al", "la", "en"].contains(t[$0 - 1]) }),
              let kind = kindWords[t[k]], current.kind != kind else { return nil }
        // Where each kind's only network sits (built once per list, not a scan per message).
        return onlyOfKind.of(all)[kind].map { [all[$0]] }
    }

    static let onlyOfKind = NetworkListCache { all -> [Network.Kind: Int] in
        var seen: [Network.Kind: Int] = [:], many = Set<Network.Kind>()
        for (i, n) in all.enumerated() { if seen[n.kind] != nil { many.insert(n.kind) } else { seen[n.kind] = i } }
        return seen.filter { !many.contains($0.key) }
    }

    static let kindWords: [String: Network.Kind] = ["microcentro": .microcentro, "rme": .rme]

    static let schoolWords: Set<String> = ["escuela", "esc", "liceo", "colegio", "jardin", "sala", "cesfam", "calle", "avenida", "sede"]
}
