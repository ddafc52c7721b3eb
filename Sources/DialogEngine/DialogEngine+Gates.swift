import Understanding

/// Cheap necessary conditions for readers `readInFlow` asks of every answer (issue 12's speed
/// target). Each gate is a test on what the turn already has (the phrase's word bits, its
/// token count, a byte of the text) that is true whenever the reader can find something: when
/// it is false the reader is skipped, and the order of the readers and what each returns stay
/// as they were. Debug builds run a skipped reader all the same and check it found nothing
/// (`skipped`), so every test and transcript checks each gate.
extension DialogEngine {
    /// A reader whose gate ruled it out: nil, after debug builds checked it is nil indeed.
    @inline(__always)
    static func skipped<T>(_ reader: @autoclosure () -> T?, _ what: StaticString) -> T? {
        assert(reader() == nil, "the gate of \(what) hides what it reads")
        return nil
    }

    /// `skipped` for a reader that answers yes or no.
    @inline(__always)
    static func skippedTest(_ reader: @autoclosure () -> Bool, _ what: StaticString) -> Bool {
        assert(!reader(), "the gate of \(what) hides what it reads")
        return false
    }

    /// The words `asksProgress` needs one of: its verbs, or «última».
    static let progressCues = WordSet(Array(progressVerbs) + ["ultima"])

    /// The words that open a message `otherFieldAtText` reads without a date in it: a verb of
    /// changing, words adding one more thing (`alsoLeads`), an article opening a field's name.
    static let fieldMoveLeads = WordSet(Array(changeVerbs) + Array(alsoLeads) + Array(articleWords))

    /// `readAfterRefusal`'s gate: it reads «solo …», a «pedí», or a word opening with «n» (a «no»
    /// first or later, «nada»); a message with none of them is no refusal (`isNo` needs an «n»).
    static func mayReadAfterRefusal(_ phrase: Phrase) -> Bool {
        if phrase.some([.only, .askedWord]) { return true }
        for token in phrase.tokens where token.utf8.first == UInt8(ascii: "n") { return true }
        return false
    }

    /// `sentenceSplit`'s gate: a sentence ends at a «.» or a «;».
    static func maySplitSentence(_ clean: String) -> Bool {
        let (dot, semicolon) = TextFold.contains(clean, byte: UInt8(ascii: "."), orByte: UInt8(ascii: ";"))
        return dot || semicolon
    }

    /// `otherFieldAtText`'s gate: a short message opening with a verb of changing, a word adding
    /// one more thing or an article, or holding a colon; or else (its only other way: the whole
    /// message a day or an hour) a day or an hour answered in another field of `run`, and words
    /// the date reader may read.
    static func mayMoveOtherField(_ phrase: Phrase, clean: String, slot: SlotDefinition, run: FlowRun, flow: FlowDefinition) -> Bool {
        let t = phrase.tokens
        guard !t.isEmpty, t.count <= 10 else { return false }
        if phrase.classes[0].contains(.fieldMoveLead) || TextFold.contains(clean, byte: UInt8(ascii: ":")) { return true }
        let timed = flow.slots.contains { s in
            (s.type == .datetime || s.type == .time || s.type == .date) && s.name != slot.name && run.values[s.name] != nil
        }
        return timed && WhenCues.maySayWhen(folded: phrase.folded)
    }

    /// `reviewEdits`' gate for two fields in one message: a later field is joined to the first
    /// by a «y» right before it (or before its article), or after a word ending a clause
    /// («,», «.», «;», «:», «!», «?»). A message with neither names one field at most.
    static func mayEditTwoFields(_ phrase: Phrase, clean: String) -> Bool {
        for w in phrase.tokens where w == "y" { return true }
        return clean.utf8.contains { b in
            b == UInt8(ascii: ",") || b == UInt8(ascii: ".") || b == UInt8(ascii: ";") || b == UInt8(ascii: ":")
                || b == UInt8(ascii: "!") || b == UInt8(ascii: "?")
        }
    }

    /// `requestFreeKinds.contains(type)` as a switch (the set hashes the type's raw string).
    static func requestFreeKind(_ type: SlotType?) -> Bool {
        let kind = switch type {
        case .date?, .time?, .datetime?, .daterange?, .choice?, .number?: true
        default: false
        }
        assert(kind == (type.map(requestFreeKinds.contains) ?? false), "requestFreeKind differs from requestFreeKinds")
        return kind
    }

    /// The verbs of changing `fieldCorrectedByVerb` reads: among the first three words, or after
    /// the value at a review (`valueThenNamedField`).
    static let changeVerbsSaid = changeFieldVerbs

    /// `fieldCorrectedByVerb`'s gate: a verb of changing among the first three words, or, with no
    /// slot asked (a review), anywhere («es un club deportivo, cámbiale el tipo»: `valueThenNamedField`).
    static func mayCorrectByVerb(_ phrase: Phrase, slot: SlotDefinition?) -> Bool {
        slot == nil ? phrase.anyClass.contains(.changeVerbSaid) : phrase.classes.prefix(3).contains { $0.contains(.changeVerbSaid) }
    }

    /// `statementOnExistingRecord`'s own first guard, on bytes and bits: four words or more,
    /// and a record pointed at with its noun left out («el del…», «la de…»), a word opening
    /// with a number, or a word a flow tells news with.
    func mayStateOnExistingRecord(_ message: Utterance, context: EngineContext) -> Bool {
        let t = message.phrase.tokens
        guard t.count >= 4 else { return false }
        for i in 1..<t.count where t[i] == "de" || t[i] == "del" {
            let a = t[i - 1]
            if a == "el" || a == "la" || a == "lo" || a == "los" || a == "las" { return true }
        }
        for token in t {
            guard let b = token.utf8.first else { continue }
            // An ASCII first byte is a number only as a digit; any other is asked of the Character.
            if b >= 0x30 && b <= 0x39 { return true }
            if b >= 0x80, token.first?.isNumber == true { return true }
        }
        return context.extensions.claimIndex(of: catalog).holdsStatementWord(message)
    }
}
