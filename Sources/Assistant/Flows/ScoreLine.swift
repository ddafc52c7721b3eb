import DialogEngine
import Understanding
import Domain

/// Several of the diagnosis' six scores said in one message: «confianza 4, proposito 3,
/// colaboracion 2…», «4 3 2 1 2 4», «confianza y propósito 3, el resto 2», «4 en confianza y 3
/// en liderazgo». A phone user answers the whole scale at once rather than six questions.
enum ScoreLine {
    /// What was read: the scores by dimension key, or a number outside the 1–4 scale.
    enum Outcome: Equatable {
        case scores([String: Int])
        case outOfRange(Int)
    }

    /// Words (folded) that name a dimension, by dimension key. Any one of a label's distinctive
    /// words is enough: people say «propósito», «liderazgo», «territorio».
    static let names: [String: String] = [
        "confianza": "confianza",
        "proposito": "proposito_compartido",
        "colaboracion": "colaboracion",
        "conocimiento": "gestion_conocimiento", "gestion": "gestion_conocimiento",
        "liderazgo": "liderazgo_distribuido",
        "territorio": "vinculo_territorio", "vinculo": "vinculo_territorio", "vinculacion": "vinculo_territorio",
    ]

    /// «el resto», «los demás», «las otras»: every dimension the message does not name.
    static let rest: Set<String> = ["resto", "demas", "otros", "otras", "todo", "todos", "todas"]

    /// Words a bare list of numbers may carry («4, 3, 2, 1, 2 y 4»). Not «o»: «3 o 4» is a doubt
    /// about one score.
    static let listFillers: WordSet = ["y", "e", "luego", "despues"]

    /// One score said as a word: «harto», «poco»; or a number word.
    static func score(_ token: String) -> Int? {
        if token.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), token.utf8.count <= 2 { return Int(token) }
        switch token {
        case "uno": return 1
        case "dos": return 2
        case "tres": return 3
        case "cuatro": return 4
        default: return DiagnosticoFlow.likert[token]
        }
    }

    /// The scores `tokens` give. `order` is the dimensions' order and `asked` the one being
    /// asked (a bare list of numbers starts there). Nil when the message is not a line of scores:
    /// it then goes to the one-answer reading (a number with its reason, a word of the scale).
    static func read(_ tokens: [String], order: [String], asked: String?) -> Outcome? {
        enum Item { case name(String), rest, number(Int) }
        var items: [Item] = []
        for t in tokens {
            if let key = names[t] { items.append(.name(key)) }
            else if rest.contains(t) { items.append(.rest) }
            else if let n = score(t) { items.append(.number(n)) }
        }
        let named = items.contains { if case .name = $0 { return true }; return false }
        guard named else { return bareList(tokens, order: order, asked: asked) }
        // «4 en confianza y 3 en liderazgo»: the numbers come first; read backwards, each name
        // is followed by its number like in «confianza 4».
        let firstNumber = items.firstIndex { if case .number = $0 { return true }; return false }
        let firstName = items.firstIndex { if case .name = $0 { return true }; return false }
        if let n = firstNumber, let m = firstName, n < m { items.reverse() }
        var scores: [String: Int] = [:]
        var pending: [String] = []
        var pendingRest = false
        var restScore: Int?
        for item in items {
            switch item {
            case .name(let key): if !pending.contains(key) { pending.append(key) }
            case .rest: pendingRest = true
            case .number(let n):
                guard !pending.isEmpty || pendingRest else { continue }
                if !(1...4).contains(n) { return .outOfRange(n) }
                for key in pending { scores[key] = n }
                if pendingRest { restScore = n }
                pending = []
                pendingRest = false
            }
        }
        if let restScore {
            for key in order where scores[key] == nil { scores[key] = restScore }
        }
        // One score alone is the one-answer reading's (it keeps the reason said with it); in
        // «2, falta confianza» asked about collaboration, the name is part of the reason.
        guard scores.count >= 2 else { return nil }
        return .scores(scores)
    }

    /// «4 3 2 1 2 4», «3, 2 y 4»: two or more numbers and nothing else, given in order from the
    /// dimension being asked.
    static func bareList(_ tokens: [String], order: [String], asked: String?) -> Outcome? {
        var numbers: [Int] = []
        for t in tokens {
            if listFillers.contains(t) { continue }
            guard t.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) || ["uno", "dos", "tres", "cuatro"].contains(t), let n = score(t) ?? Int(t) else { return nil }
            numbers.append(n)
        }
        guard numbers.count >= 2, let asked, let start = order.firstIndex(of: asked), numbers.count <= order.count - start else { return nil }
        if let wrong = numbers.first(where: { !(1...4).contains($0) }) { return .outOfRange(wrong) }
        var scores: [String: Int] = [:]
        for (i, n) in numbers.enumerated() { scores[order[start + i]] = n }
        return .scores(scores)
    }
}
