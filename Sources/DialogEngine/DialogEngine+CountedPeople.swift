import Understanding

extension DialogEngine {
    /// «los dos», «las tres», «ambos», «los 2 no más» to a question for people: the people just
    /// named in this record (its other answers: the agreement's text, who came), or every member
    /// when the network has that many. Read as a number it was «necesito nombres, no números»
    /// (qa20 B6). `nil` when the answer is no such count; `.some([])` when it is one but nobody
    /// fits it (the question is then asked with the count quoted).
    static func countedPeople(_ phrase: Phrase, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> [String]? {
        let t = phrase.tokens
        // Cheap gate: a short answer opening with an article or «ambos».
        guard slot.type == .people, (1...5).contains(t.count), let first = t.first,
              first == "los" || first == "las" || first == "ambos" || first == "ambas" || first == "entre" else { return nil }
        let rest = t.filter { !countFillers.contains($0) }
        let n: Int
        switch rest {
        case ["ambos"], ["ambas"]: n = 2
        case let r where r.count == 2 && (r[0] == "los" || r[0] == "las"):
            guard let k = countWords[r[1]] ?? Int(r[1]), (2...6).contains(k) else { return nil }
            n = k
        default: return nil
        }
        // The people the record's other answers name, in the order they come.
        var named: [String] = []
        let members = context.members
        for (name, value) in run.values.sorted(by: { $0.key < $1.key }) where name != slot.name {
            switch value {
            case .list(let xs):
                for x in xs where !named.contains(x) && !x.isEmpty && x.first?.isUppercase == true { named.append(x) }
            case .text(let text):
                let tokens = Phrase(text).tokens
                let words = Set(tokens)
                guard !words.isEmpty else { continue }
                var found: [(at: Int, name: String)] = []
                for m in members where !named.contains(m) {
                    let own = Phrase(m).tokens
                    guard let head = own.first, head.count >= 3, let at = tokens.firstIndex(of: head) else { continue }
                    // «la Rosa» with two Rosas: only the one whose surname is said too.
                    let same = members.filter { Phrase($0).tokens.first == head }
                    if same.count > 1, !own.dropFirst().contains(where: words.contains) { continue }
                    found.append((at, m))
                }
                // «la Carmen y yo armamos…»: the speaker is one of them.
                if let me = context.userName, let at = tokens.firstIndex(of: "yo"), !named.contains(me), !found.contains(where: { $0.name == me }) {
                    found.append((at, me))
                }
                named += found.sorted { $0.at < $1.at }.map(\.name)
            default: continue
            }
        }
        if named.count == n { return named }
        if named.isEmpty, members.count == n { return members }
        return []
    }

    static let countFillers: Set<String> = ["po", "nomas", "no", "mas", "juntos", "juntas", "entre", "ellos", "ellas", "solo", "solamente", "igual", "de", "nosotros", "nosotras"]
    static let countWords: [String: Int] = ["dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6]
}
