import Understanding

/// «no, ese son dos acuerdos distintos. el calendario 2027 lo armo yo pal 18 de dic, y las fotos
/// las suben todos antes del 15», said while an agreement (alone or one of a batch) is asked or
/// reviewed: that record was really several. It gives way to the records the rest of the message
/// says, each read as its own request, and they are
/// reviewed together with the others (qa39: an agreement «distintos» was made, the sentence its
/// evidence).
extension DialogEngine {
    func splitRecordAgain(_ message: Utterance, run: FlowRun, state: inout DialogState, context: EngineContext,
                          out: inout [Effect]) -> Bool {
        let t = message.phrase.tokens
        // Cheap gate: a count and a word that says apart or names the kind. The count's bytes
        // first (one scan each), before any word is looked up.
        guard t.count >= 3, Self.countBytes.contains(where: { TextFold.containsBytes(message.phrase.folded, $0) }),
              t.contains(where: { Self.splitCounts.contains($0) }),
              let flow = catalog.flow(run.flowID), let ext = context.extensions[flow.id], let names = ext.batchNames(context),
              case let many = TextFold.fold(names.many), t.contains(where: { Self.splitApartWords.contains($0) || $0 == many }) else { return false }
        switch run.phase {
        case .asking, .confirming: break
        default: return false
        }
        let words = message.clean.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0).filter { $0.isLetter || $0.isNumber } }
        let one = TextFold.fold(names.one)
        // «son dos acuerdos», «eran 2 distintos», «son dos cosas aparte»: a count after a «son»,
        // then (within two words) the kind's plural or a word that says apart.
        var leadEnd: Int?
        for c in folded.indices where Self.splitCounts.contains(folded[c]) {
            guard c > 0, Self.splitVerbs.contains(folded[c - 1]) || (c > 1 && Self.splitVerbs.contains(folded[c - 2])) else { continue }
            var last: Int?
            for j in (c + 1)..<min(c + 4, folded.count) {
                if folded[j] == many || folded[j] == "cosas" || Self.splitApartWords.contains(folded[j]) { last = j } else { break }
            }
            if let last, folded[(c + 1)...last].contains(where: { $0 == many || Self.splitApartWords.contains($0) }) { leadEnd = last; break }
        }
        guard var end = leadEnd else { return false }
        // The rest: after the sentence that says so («….», «…:»), or right after its words.
        if !words[end].hasSuffix(".") && !words[end].hasSuffix(":") && !words[end].hasSuffix(","),
           let stop = (end..<min(end + 3, words.count)).first(where: { words[$0].hasSuffix(".") || words[$0].hasSuffix(":") }) {
            end = stop
        }
        let lead = words[...end].joined(separator: " ")
        var rest = words[(end + 1)...].joined(separator: " ").trimmingCharacters(in: .whitespaces)
        while let c = rest.first, " ,.:;".contains(c) { rest.removeFirst() }
        var items = batchItems(run)
        let k: Int
        if run.batch != nil, let (n, _) = Self.batchReference(lead, count: items.count, noun: one) {
            k = n
        } else if run.batch == nil || run.phase != .confirming, let at = run.batchAt ?? (run.batch == nil ? 0 : nil) {
            k = at
        } else {
            return false
        }
        // «son 3 acuerdos distintos» with nothing after: the flow's own reading splits the
        // record's words (`AcuerdoFlow.split`), or says how to tell them apart.
        guard Phrase(rest).tokens.count >= 4 else { return false }
        let requests = ext.splitRecords(rest, context: context).filter { !$0.isEmpty }
        // Words after it that make no records of their own («…, cada uno con su responsable»): the
        // flow reads the message as it would.
        guard requests.count >= 2 else { return false }
        // What every record of the batch shares (the meeting they were agreed at) goes with the new ones.
        var given = SlotValues()
        if items.count >= 2, let head = editable(items[k], flow: flow).first {
            for (name, value) in items[k].values where name != head.name && items.allSatisfy({ $0.values[name] == value }) {
                given[name] = value
            }
        }
        var inBatch = context
        inBatch.inBatch = true
        var fresh: [FlowRun] = []
        for request in requests {
            var scratch = state
            scratch.stack.removeLast()
            let depth = scratch.stack.count
            var said: [Effect] = []
            begin(flow, remainder: request, request: request, given: given, state: &scratch, context: inBatch, out: &said, prepareOnly: true)
            guard scratch.stack.count == depth + 1, var made = scratch.stack.last else { return false }
            made.batch = nil
            made.batchAt = nil
            fresh.append(made)
        }
        // «…: pedro trae los libros el lunes 7 y ana revisa la rúbrica el 11» with «ana revisa la
        // rúbrica» already another record of the batch: that one is said again, not a new one.
        let head = editable(items[k], flow: flow).first?.name
        func key(_ r: FlowRun) -> String? { head.flatMap { r.values[$0]?.textValue }.map { Phrase($0).tokens.joined(separator: " ") } }
        var kept: [FlowRun] = []
        for made in fresh {
            if let said = key(made), let j = items.indices.first(where: { $0 != k && key(items[$0]) == said }) {
                items[j] = made
            } else {
                kept.append(made)
            }
        }
        if kept.isEmpty { items.remove(at: k) } else { items.replaceSubrange(k...k, with: kept) }
        var first = items[0]
        first.batch = items
        first.batchAt = 0
        first.phase = .confirming
        first.check = nil
        state.current = first
        let the = names.masculine ? "los" : "las"
        out.append(.say("Bien, \(the) separo. Quedan \(items.count) \(names.many):\n" + batchLines(items, flow: flow, context: context)))
        advanceBatch(state: &state, flow: flow, context: context, out: &out)
        return true
    }

    static let splitCounts: Set<String> = ["dos", "tres", "cuatro", "2", "3", "4"]
    /// Every word of `splitCounts` holds one of these runs of bytes.
    static let countBytes: [StaticString] = ["dos", "tres", "cuatro", "2", "3", "4"]
    static let splitVerbs: Set<String> = ["son", "eran", "serian", "fueron", "hay", "habian", "eso", "ese", "esos", "esto"]
    static let splitApartWords: Set<String> = ["distintos", "distintas", "separados", "separadas", "aparte", "diferentes", "distinto", "distinta"]
}
