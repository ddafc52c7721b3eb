import Understanding

/// «sigamos, pero el plazo era el 12», «sigamos pero cambia el responsable a Luis»: coming back to
/// the one paused flow with a change said in the same breath. The flow is resumed and the rest of
/// the message is read in it as any answer or correction there (before, the whole message was
/// «seguir» and the change was lost: qa21).
extension DialogEngine {
    /// The turn, when `message` resumes the only paused flow and says more; nil otherwise.
    /// Cheap: only with something paused, nothing open, and a resuming verb among the words.
    func resumeWithChange(_ message: Utterance, state: inout DialogState, context: EngineContext) -> [Effect]? {
        guard state.current == nil, state.pending == nil, state.paused.count == 1, message.phrase.some(.resumeVerb),
              let rest = Self.changeAfterResume(message.clean) else { return nil }
        let run = state.paused.removeFirst()
        guard let flow = catalog.flow(run.flowID) else {
            state.paused.insert(run, at: 0)
            return nil
        }
        state.stack.append(run)
        var out: [Effect] = [.say("Retomemos «\(flow.title)».")]
        let command = understand(Utterance(rest), state: state, context: context)
        execute(command, message: Utterance(rest), state: &state, context: context, out: &out)
        return out
    }

    /// «sigamos, pero el plazo era el 12» → «el plazo era el 12»: the words after a resuming verb
    /// (led only by greetings or «ya», «bueno», «oye») and «pero» or a comma; nil when nothing
    /// but the resuming is said.
    static func changeAfterResume(_ clean: String) -> String? {
        let words = clean.split(separator: " ")
        var i = 0
        func folded(_ k: Int) -> String { Phrase(String(words[k])).tokens.joined(separator: " ") }
        while i < words.count, resumeLead.contains(folded(i)) || resumeGreetingWords.contains(folded(i)) { i += 1 }
        guard i + 2 < words.count, resumeVerbs.contains(folded(i)) else { return nil }
        var j = i + 1
        let but = folded(j) == "pero"
        if but {
            j += 1
        } else if words[i].hasSuffix(","), folded(j) == "y" || folded(j) == "ah" || folded(j) == "ojo" {
            j += 1
        } else if !words[i].hasSuffix(",") {
            return nil
        }
        var rest = words[j...].joined(separator: " ")
        while let c = rest.first, ",;: ".contains(c) { rest.removeFirst() }
        // «sigamos, ya po», «seguir, sí»: a yes or no after the comma answers nothing yet (the
        // question comes back first); only a change is read in the resumed flow.
        guard YesNo.parse(rest) == nil else { return nil }
        return Phrase(rest).tokens.count >= (but ? 2 : 3) ? rest : nil
    }

    static let resumeGreetingWords: Set<String> = ["hola", "buenas", "buenos", "dias", "tardes", "wena", "minga"]
}

/// «ahora otro: Cristian Zepeda, jefe técnico del colegio X», «y otra más: revisar la pauta…»
/// right after a save that created a record: the same kind of record again, read from what
/// follows (qa21 J: it got «No te entendí del todo»).
extension DialogEngine {
    /// The words after «ahora otro:», «otro más,», «y otra:» (with a colon or comma after them,
    /// and something said); nil for any other message. Cheap: the first words only.
    static func anotherOfTheSame(_ clean: String) -> String? {
        guard let cut = clean.firstIndex(where: { $0 == ":" || $0 == "," }) else { return nil }
        let head = Phrase(String(clean[..<cut])).tokens
        guard (1...4).contains(head.count), head.contains(where: { $0 == "otro" || $0 == "otra" }),
              head.allSatisfy(anotherSameWords.contains) else { return nil }
        var rest = String(clean[clean.index(after: cut)...])
        while let c = rest.first, ",;: ".contains(c) { rest.removeFirst() }
        return Phrase(rest).tokens.count >= 2 ? rest : nil
    }

    static let anotherSameWords: Set<String> = ["ahora", "y", "otro", "otra", "mas", "uno", "una", "ya", "bueno", "ok", "listo", "ahi", "va", "el", "la", "aqui"]
}

/// «los dos están cumplidos», «ambos se cumplieron» right after two records were saved in one
/// confirmation (two agreements told at once): the request said of each of them, the first now
/// and the second once the first is done (before, «los dos» was read only inside one record).
extension DialogEngine {
    static let bothWords: Set<String> = ["dos", "ambos", "ambas"]

    func bothRequests(_ clean: String, last: LastSave, state: DialogState, context: EngineContext) -> Command? {
        guard let ext = context.extensions[last.flow] else { return nil }
        let mentions = last.records.compactMap(ext.recordMention)
        guard mentions.count == 2, let first = Self.saidOfOne(clean, mention: mentions[0]),
              let second = Self.saidOfOne(clean, mention: mentions[1]) else { return nil }
        guard case .startFlow(let id, let request, let values, let echo, let used, let then) = understand(Utterance(first), state: state, context: context),
              case .startFlow(let id2, let request2, let values2, _, _, _) = understand(Utterance(second), state: state, context: context) else { return nil }
        return .startFlow(id, request: request, values: values, echo: echo, used: used,
                          then: then + [FollowingRequest(flow: id2, request: request2 ?? second, values: values2)])
    }

    /// «los dos están cumplidos» → «el acuerdo 1 está cumplido»: «los/las dos», «ambos/ambas»
    /// (with «a» or «de» before: «al acuerdo 1», «del acuerdo 1») in place of the mention, and the plural verbs made
    /// singular. Nil when the words say no «los dos».
    static func saidOfOne(_ clean: String, mention: String) -> String? {
        var words = clean.split(separator: " ").map(String.init)
        let folded = words.map { Phrase($0).tokens.joined(separator: " ") }
        guard let k = folded.indices.first(where: { i in
            ["ambos", "ambas"].contains(folded[i]) || (folded[i] == "dos" && i > 0 && ["los", "las"].contains(folded[i - 1]))
        }) else { return nil }
        var from = folded[k] == "dos" ? k - 1 : k
        var said = mention
        // «a los dos» → «al acuerdo 1», «de los dos» → «del acuerdo 1».
        if from > 0, folded[from - 1] == "a" || folded[from - 1] == "de", mention.hasPrefix("el ") {
            from -= 1
            said = (folded[from] == "a" ? "al " : "del ") + mention.dropFirst(3)
        }
        let tail = words[k].last.map { ",;.".contains($0) ? String($0) : "" } ?? ""
        words.replaceSubrange(from...k, with: [said + tail])
        let out = words.map { w -> String in
            let f = Phrase(w).tokens.joined(separator: " ")
            guard let one = singularVerbs[f] else { return w }
            return one + (w.last.map { ",;.".contains($0) ? String($0) : "" } ?? "")
        }
        return out.joined(separator: " ")
    }

    static let singularVerbs: [String: String] = [
        "estan": "está", "son": "es", "quedaron": "quedó", "cumplieron": "cumplió", "vencen": "vence", "pasan": "pasa",
        "van": "va", "quedan": "queda", "se": "se", "cumplidos": "cumplido", "cumplidas": "cumplida", "listos": "listo", "listas": "lista",
        "atrasados": "atrasado", "atrasadas": "atrasada", "hechos": "hecho", "hechas": "hecha", "terminados": "terminado",
        "entregados": "entregado", "estuvieron": "estuvo", "fueron": "fue", "tienen": "tiene",
    ]
}
