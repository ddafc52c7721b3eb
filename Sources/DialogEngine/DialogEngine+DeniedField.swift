import Understanding

extension DialogEngine {
    /// «oye pero la decisión no es esa, es que el foco del 2027 va a ser la lectura» at «¿Hubo
    /// alguna diferencia?»: an answered field of this flow named first (after fillers), denied
    /// («no es esa», «no era eso») and said again («es que …», «era …», «sino …»). That field
    /// takes the new value and the question being asked is asked again (pass 13, qa22 S3: it was
    /// kept as the disagreement). Nil for anything else. Gated by the «no» + copula +
    /// demonstrative tokens, looked for in place before any word is folded.
    func deniedFieldRestated(_ clean: String, phrase: Phrase, run: FlowRun, flow: FlowDefinition, context: EngineContext) -> Correction? {
        guard !run.hasCheck, case .asking(let current) = run.phase, !run.values.isEmpty else { return nil }
        let t = phrase.tokens
        guard t.count >= 6, t.indices.dropLast(2).contains(where: {
            t[$0] == "no" && Self.earlierCopulas.contains(t[$0 + 1]) && Self.deniedDemonstratives.contains(t[$0 + 2])
        }) else { return nil }
        let words = clean.split(separator: " ", omittingEmptySubsequences: true)
        let folded = words.map { TextFold.fold(String($0)) }
        var i = 0
        while i < folded.count, Self.earlierLeads.contains(folded[i]) || folded[i].isEmpty { i += 1 }
        // The field, then «no es esa» right after it.
        guard let (rest, slot, n) = Self.answeredFieldNamed(folded, from: i, minimumLeft: 5, run: run, flow: flow, current: current),
              n + 3 < rest.count, rest[n] == "no", Self.earlierCopulas.contains(rest[n + 1]),
              Self.deniedDemonstratives.contains(rest[n + 2]) else { return nil }
        // Then what it is: after «es», «era», «sino» and a «que» that only joins.
        var k = folded.count - rest.count + n + 3
        while k < folded.count, folded[k].isEmpty || Self.earlierCopulas.contains(folded[k]) || folded[k] == "sino" || folded[k] == "que" { k += 1 }
        guard k < words.count else { return nil }
        var valueText = words[k...].joined(separator: " ")
        while let last = valueText.last, ",;.".contains(last) { valueText.removeLast() }
        guard !valueText.isEmpty, case .value(let v) = SlotParser.parse(valueText, slot: slot, context: context) else { return nil }
        return .value(slot: slot.name, v)
    }

    static let deniedDemonstratives: WordSet = ["esa", "ese", "eso", "esta", "este", "asi"]
}

extension DialogEngine {
    /// «anota la decisión: …», «registra una norma: …»: the words before a colon (three at most,
    /// `opensWithLabel`) open with a verb and ask for another flow than `id`. Its id, or nil.
    func labelledRequest(_ clean: String, excluding id: String) -> String? {
        guard Self.opensWithLabel(clean), let colon = clean.firstIndex(of: ":") else { return nil }
        let head = Phrase(String(clean[..<colon]))
        guard head.tokens.count >= 2, head.classes.first?.contains(.action) == true,
              let best = catalog.match(head).first, best.flow != id, best.score >= 0.8, best.uses(token: 0) else { return nil }
        return best.flow
    }
}

extension DialogEngine {
    /// «espera, corrijo los asistentes: Rosa Catrilaf, Mario Quilodrán y Carmen Huenchul» at
    /// «¿Qué acuerdos nuevos se tomaron?»: a change verb (after fillers such as «espera», «perdón»)
    /// naming an answered field of this flow, then its value, however long. That field takes it
    /// and this question is asked again (pass 13, qa21 D: it became an agreement's text). Gated
    /// by a change verb among the first three words. At a review (`slot` nil) any answered field.
    func fieldCorrectedByVerb(_ clean: String, phrase: Phrase, slot: SlotDefinition?, run: FlowRun, flow: FlowDefinition,
                              context: EngineContext) -> Correction? {
        // «es un club deportivo, cámbiale el tipo»: the value first, the field named after.
        if slot == nil, let c = valueThenNamedField(clean, phrase: phrase, run: run, flow: flow, context: context) { return c }
        let t = phrase.tokens
        let lead = t.prefix { Self.earlierLeads.contains($0) && !Self.firstPersonChangeVerbs.contains($0) }.count
        guard lead <= 2, lead + 3 <= t.count, Self.changeVerbs.contains(t[lead]) || Self.firstPersonChangeVerbs.contains(t[lead]),
              ["el", "la", "los", "las"].contains(t[lead + 1]) else { return nil }
        // At a review a plain «cambia el responsable a Rosa» is read by the review's own edits.
        if slot == nil, lead == 0, !Self.firstPersonChangeVerbs.contains(t[lead]) { return nil }
        let rest = originalTail(of: clean, words: t.count - lead - 1)
        let c = readCorrection("cambia " + rest, phrase: Phrase("cambia " + rest), run: run, flow: flow, context: context)
        switch c {
        case .value(let name, _)?, .replace(let name, _, _)?:
            guard name != slot?.name, run.values[name] != nil, let named = flow.slot(named: name),
                  Self.formOpening(t[(lead + 2)...], of: named) != nil else { return nil }
            return c
        default: return nil
        }
    }

    static let firstPersonChangeVerbs: WordSet = ["corrijo", "cambio", "corregimos", "cambiamos", "modifico"]
}

extension DialogEngine {
    /// «en que quedamos con lo de la lectura?», «¿cuál era la otra norma?» at a review: ends with
    /// «?» and opens (after fillers, or «en», «con»…) with a question word. «¿qué tal si …?» and
    /// «¿cómo que …?» propose or object, and stay changes. Gated by the «?» byte.
    static func questionAtReview(_ clean: String, phrase: Phrase) -> Bool {
        guard TextFold.contains(clean, byte: UInt8(ascii: "?")),
              clean.trimmingCharacters(in: .whitespaces).hasSuffix("?") else { return false }
        var t = phrase.tokens.drop { QueryMatcher.questionFillers.contains($0) }
        if let p = t.first, QueryMatcher.questionPrepositions.contains(p) { t = t.dropFirst() }
        guard let first = t.first, t.count >= 3, t.count <= 12, QueryMatcher.questionWords.contains(first) else { return false }
        let second = t.dropFirst().first
        return !(first == "que" && second == "tal") && !(first == "como" && second == "que")
    }
}

extension DialogEngine {
    /// This flow's own request, said again with more words: a request verb opens the message
    /// (after «quiero», «oye»…, or being one of them), and a word of the flow's request phrase
    /// that is no verb («resultado», «reflexión») comes within the next three words. The match,
    /// or nil. Only a message whose first word is a request verb gets to the catalog.
    func ownRequestAgain(_ phrase: Phrase, flow: FlowDefinition) -> FlowCatalog.Match? {
        let t = phrase.tokens, classes = phrase.classes
        guard t.count >= 4, classes[0].contains(.action) else { return nil }
        var verb = classes.prefix { $0.contains(.requestLead) }.count
        if verb == t.count || !classes[verb].contains(.action) { verb = 0 }
        guard t.count - verb >= 4, let best = catalog.match(phrase).first, best.flow == flow.id, best.score >= 0.4 else { return nil }
        let window = (verb + 1)..<min(t.count, verb + 4)
        guard let noun = window.first(where: { best.uses(token: $0) && !classes[$0].contains(.action) }) else { return nil }
        // «registrar el acuerdo en el libro de actas» to «¿Qué evidencia…?»: «el», «este» point at
        // the record being made, which is the answer; a new one is «un», «otro», «nuevo» or bare.
        if noun > verb + 1, Self.pointingArticles.contains(t[noun - 1]) { return nil }
        return best
    }

    static let pointingArticles: WordSet = ["el", "la", "los", "las", "este", "esta", "ese", "esa", "lo", "del", "al"]
}
