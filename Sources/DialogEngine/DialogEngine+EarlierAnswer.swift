import CivilTime
import Understanding

extension DialogEngine {
    /// «ah no, la confianza era 2 no 3» at the sixth item of the diagnosis, «perdón, el plazo era
    /// el 16» at «¿Qué evidencia…?», «uy, la hora fue a las 11» at «¿Dónde será?»: an answered field
    /// of this flow named first (after fillers and correction words), then «era/fue» (or «es» after
    /// a correction word), then a value that reads as that field's. That field takes the value and
    /// the question being asked is asked again (qa18 A5: it was taken as the current answer).
    ///
    /// A free-text field is only corrected so when a correction word is said, or when the new
    /// value restates what it holds: «el tema fue difícil» to «¿Qué no funcionó?» stays that answer.
    /// Nil for anything else. Runs on every answer: the copula is looked for first.
    func earlierAnswerCorrected(_ clean: String, phrase: Phrase, run: FlowRun, flow: FlowDefinition, context: EngineContext) -> Correction? {
        guard !run.hasCheck, case .asking(let current) = run.phase, run.values.count >= 1 else { return nil }
        let t = phrase.tokens
        guard t.count >= 3, t.count <= 18, t.contains(where: Self.earlierCopulas.contains) else { return nil }
        // A past copula, or a correction word among the first ones; most answers with «es» stop
        // here, before their words are split and folded.
        // «el responsable es Luis nomás» at «¿Para cuándo…?»: the people field named first says
        // who, even with «es» and no correction word (what else «el responsable es» could answer).
        let ownersNamed = t.prefix(4).contains(where: Self.ownerFieldWords.contains)
        guard t.contains(where: Self.pastCopulas.contains) || t.prefix(4).contains(where: Self.earlierCorrectionWords.contains) || ownersNamed else { return nil }
        let words = clean.split(separator: " ", omittingEmptySubsequences: true)
        let folded = words.map { TextFold.fold(String($0)) }
        var i = 0
        var corrects = false
        while i < folded.count, Self.earlierLeads.contains(folded[i]) || folded[i].isEmpty {
            if Self.earlierCorrectionWords.contains(folded[i]) { corrects = true }
            i += 1
        }
        guard let (rest, slot, n) = Self.answeredFieldNamed(folded, from: i, minimumLeft: 3, run: run, flow: flow, current: current),
              n + 1 < rest.count else { return nil }
        let copula = rest[n]
        guard Self.earlierCopulas.contains(copula) else { return nil }
        let past = Self.pastCopulas.contains(copula)
        let people = slot.type == .people || slot.type == .person
        guard past || corrects || ownersNamed && people else { return nil }
        // The value: up to «no <what it was>» («2 no 3», «el 16, no el 15»).
        var valueWords: [Substring] = []
        for k in (folded.count - rest.count + n + 1)..<words.count {
            if !valueWords.isEmpty, folded[k] == "no" || folded[k] == "y" && k + 1 < words.count && folded[k + 1] == "no" { break }
            valueWords.append(words[k])
        }
        // «Luis nomás», «solo la Rosa», «Luis no más» (cut at «no» above): only them, the words
        // that say so are no name.
        if people {
            while let f = valueWords.first.map({ TextFold.fold(String($0)).filter(\.isLetter) }), Self.onlyThemWords.contains(f) { valueWords.removeFirst() }
            while let f = valueWords.last.map({ TextFold.fold(String($0)).filter(\.isLetter) }), Self.onlyThemWords.contains(f) { valueWords.removeLast() }
        }
        var valueText = valueWords.joined(separator: " ")
        while let last = valueText.last, ",;.".contains(last) { valueText.removeLast() }
        guard !valueText.isEmpty else { return nil }
        let freeText = slot.type == .text || slot.type == .longtext
        if freeText {
            guard corrects || Self.restates(rest, after: n, slot: slot, run: run, context: context)
            else { return nil }
        }
        let old = run.values[slot.name]
        // Said whole, or up to its first comma («2, me equivoqué»).
        var candidates = [valueText]
        if let comma = valueText.firstIndex(of: ",") { candidates.append(String(valueText[..<comma])) }
        for text in candidates {
            if slot.type == .datetime, let v = Self.dayKeepingHour(text, correcting: old, context: context) { return .value(slot: slot.name, v) }
            if slot.type == .datetime, case .dateTime(let dt)? = old, let m = TemporalParser.parse(text, context: context.temporal),
               case .time(let time) = m.value, Phrase(m.text).tokens.count == Phrase(text).tokens.count {
                return .value(slot: slot.name, .dateTime(LocalDateTime(date: dt.date, time: time)))
            }
            if case .value(let v) = SlotParser.parse(text, slot: slot, context: context) {
                return .value(slot: slot.name, Self.sameMonth(text, v, correcting: old))
            }
        }
        return nil
    }

    /// After the leads at `start` (and an article): the answered field of this flow (not the one
    /// asked, nor a yes/no, confirmation or list) whose name opens the rest longest, with that
    /// rest and how many of its words the name took. Nil when fewer than `minimumLeft` words
    /// remain after the article or no answered field is named there.
    static func answeredFieldNamed(_ folded: [String], from start: Int, minimumLeft: Int, run: FlowRun, flow: FlowDefinition,
                                   current: String) -> (rest: [String], slot: SlotDefinition, n: Int)? {
        var i = start
        // «lo anterior fue 3»: the article of «la anterior» said as «lo».
        let neuter = i + 1 < folded.count && folded[i] == "lo" && folded[i + 1] == "anterior"
        if i < folded.count, FieldNamePrefix.articles.contains(folded[i]) || neuter {
            i += 1
            // «la de confianza era 2», «el del plazo era el 16»: the question about that field
            // (qa24: «espera, la de confianza era 2 no 3» at the fourth item was taken as its answer).
            if i + 1 < folded.count, folded[i] == "de" || folded[i] == "del" {
                i += 1
                if FieldNamePrefix.articles.contains(folded[i]) { i += 1 }
            }
        }
        guard i < folded.count - (minimumLeft - 1) else { return nil }
        let rest = Array(folded[i...])
        if i > start, let n = previousQuestionWords(rest), let slot = previousAnswered(run: run, flow: flow, current: current) {
            return (rest, slot, n)
        }
        var best: (slot: SlotDefinition, n: Int)?
        for slot in flow.slots where slot.name != current && run.values[slot.name] != nil
            && slot.type != .yesno && slot.type != .confirm && !slot.isList {
            if let n = formOpening(rest, of: slot), n > (best?.n ?? 0) { best = (slot, n) }
        }
        return best.map { (rest, $0.slot, $0.n) }
    }

    /// «anterior», «pregunta anterior», «de antes» (after the article): the question before this
    /// one, named by its place and not its field (qa24: «la anterior era 3» at the fourth item of
    /// the diagnosis was taken as the fourth answer). How many words they take, or nil.
    static func previousQuestionWords(_ rest: [String]) -> Int? {
        guard let first = rest.first else { return nil }
        if first == "anterior" || first == "antes" { return 1 }
        if rest.count > 1, rest[1] == "anterior", ["pregunta", "respuesta", "item", "dimension"].contains(first) { return 2 }
        return nil
    }

    /// The answered field asked right before `current` in the flow's order (a yes/no,
    /// confirmation or list is no «anterior»), or the last one answered when `current` is not in
    /// the flow's order.
    static func previousAnswered(run: FlowRun, flow: FlowDefinition, current: String) -> SlotDefinition? {
        func fits(_ s: SlotDefinition) -> Bool {
            s.name != current && run.values[s.name] != nil && s.type != .yesno && s.type != .confirm && !s.isList
        }
        if let at = flow.slots.firstIndex(where: { $0.name == current }) {
            return flow.slots[..<at].last(where: fits)
        }
        return run.answered.reversed().lazy.compactMap { name in flow.slots.first { $0.name == name } }.first(where: fits)
    }

    /// The names of a people field said at another question («el responsable es…»).
    static let ownerFieldWords: WordSet = ["responsable", "responsables", "encargado", "encargada", "encargados", "encargadas"]
    /// Words around people that say «only them»: «Luis nomás», «solo la Rosa».
    static let onlyThemWords: WordSet = ["nomas", "solo", "sola", "solamente", "unicamente", "nadamas", "po", "pues"]

    /// The verbs that join a field's name to its new value.
    static let earlierCopulas: WordSet = ["era", "eran", "fue", "fueron", "es", "son", "seria", "sera", "quedo"]
    /// Those that point back at what was answered before.
    static let pastCopulas: WordSet = ["era", "eran", "fue", "fueron", "quedo"]
    /// Words before the field's name: fillers and the words that say a correction is coming.
    public static let earlierLeads: WordSet = ["ah", "oh", "ay", "uy", "ups", "y", "e", "no", "noo", "nop", "perdon", "perdona", "ojo", "pucha",
                                        "chuta", "espera", "oye", "mira", "ya", "bueno", "me", "equivoque", "confundi", "en", "realidad",
                                        "error", "corrijo", "cierto", "verdad", "sorry", "disculpa", "pero", "mmm", "eh", "ahh", "aah"]
    /// Of those, the ones that say the earlier answer was wrong.
    static let earlierCorrectionWords: WordSet = ["no", "noo", "nop", "perdon", "perdona", "equivoque", "confundi", "realidad", "error",
                                                  "corrijo", "ups", "sorry", "disculpa"]
}

extension DialogEngine {
    /// «no era el 12, era el 14» at «¿Qué evidencia…?», «no es 3 sino 2» at the next item: an
    /// earlier answer denied by its value (the field is not named) and said again. The answered
    /// field (not asked now, no free text, list or yes/no) whose value the denied words read as
    /// takes the new value; the question being asked is asked again. Nil for anything else (it
    /// was stored as the evidence). Gated by «no» + a copula among the first words.
    func deniedValueRestated(_ clean: String, phrase: Phrase, run: FlowRun, flow: FlowDefinition, context: EngineContext) -> Correction? {
        guard !run.hasCheck, case .asking(let current) = run.phase, !run.values.isEmpty else { return nil }
        let t = phrase.tokens
        guard t.count >= 4, t.count <= 14, let n = t.prefix(4).firstIndex(of: "no"), n + 1 < t.count,
              Self.deniedCopulas.contains(t[n + 1]) else { return nil }
        let words = clean.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let folded = words.map { TextFold.fold($0).filter { $0.isLetter || $0.isNumber } }
        var i = 0
        while i < folded.count, folded[i] != "no", Self.earlierLeads.contains(folded[i]) || folded[i].isEmpty { i += 1 }
        guard i + 3 < folded.count, folded[i] == "no", Self.deniedCopulas.contains(folded[i + 1]),
              let j = folded.indices.dropFirst(i + 3).first(where: { Self.deniedCopulas.contains(folded[$0]) || folded[$0] == "sino" }),
              j + 1 < folded.count else { return nil }
        func text(_ r: Range<Int>) -> String {
            var s = words[r].joined(separator: " ")
            while let c = s.last, ",;.".contains(c) { s.removeLast() }
            return s
        }
        let oldText = text((i + 2)..<j), newText = text((j + 1)..<words.count)
        guard !oldText.isEmpty, !newText.isEmpty else { return nil }
        // The last answered first: «no era 3, era 2» after two items answered 3 is the last one.
        var order: [SlotDefinition] = []
        for name in run.answered.reversed() where !order.contains(where: { $0.name == name }) {
            if let s = flow.slot(named: name) { order.append(s) }
        }
        order += flow.slots.filter { s in !order.contains { $0.name == s.name } }
        for slot in order where slot.name != current && slot.type != .text && slot.type != .longtext && slot.type != .yesno
            && slot.type != .confirm && !slot.isList {
            guard let held = run.values[slot.name], case .value(let o) = SlotParser.parse(oldText, slot: slot, context: context),
                  Self.sameValue(Self.sameMonth(oldText, o, correcting: held), held) else { continue }
            if slot.type == .datetime, let v = Self.dayKeepingHour(newText, correcting: held, context: context) { return .value(slot: slot.name, v) }
            if case .value(let v) = SlotParser.parse(newText, slot: slot, context: context) {
                return .value(slot: slot.name, Self.sameMonth(newText, v, correcting: held))
            }
        }
        return nil
    }

    /// Two values that say the same (a day said without its hour is the day of a date-time).
    static func sameValue(_ a: SlotValue, _ b: SlotValue) -> Bool {
        switch (a, b) {
        case (.date(let x), .dateTime(let y)), (.dateTime(let y), .date(let x)): x == y.date
        default: a == b
        }
    }

    static let deniedCopulas: WordSet = ["era", "es", "fue", "eran", "son"]
}
