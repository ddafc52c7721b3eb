import Understanding

/// Which of the engine's fixed word lists a folded word belongs to, one bit per list.
///
/// About twenty small readers look at every message a turn (is it a greeting? a closing? a
/// repair verb? a question?), each asking of its words whether they are in its list. Asked word
/// by word, set by set, that was a hash of each word per list per reader. `Phrase` looks each of
/// its words up once, in `WordClassTable`, and keeps the answer as these bits (`Phrase.classes`,
/// with their union and intersection over the message): a reader tests bits instead.
///
/// The lists stay where they are read (`DialogEngine.closingWords`, `QueryMatcher.interrogatives`…);
/// `WordClassTable.lists` says which bit each one is. A list word with a space («no mas») is never
/// one token, so it never sets a bit, as the token-by-token `contains` never matched it either.
public struct WordClass: OptionSet, Sendable, Hashable {
    public let rawValue: UInt64
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// `Phrase.stopWords`: what `stems` leaves out.
    public static let stop = WordClass(rawValue: 1 << 0)
    /// `Phrase.leadingFillers` / `trailingFillers`: what `core` cuts at the ends.
    public static let leadingFiller = WordClass(rawValue: 1 << 1)
    public static let trailingFiller = WordClass(rawValue: 1 << 2)
    /// `DialogEngine.closingWords` and `byeCues`.
    public static let closing = WordClass(rawValue: 1 << 3)
    public static let byeCue = WordClass(rawValue: 1 << 4)
    /// `DialogEngine.isGreetingWord` (its fixed words and «hola», «holaa»…), `greetingFiller`, `isLaugh`.
    public static let greeting = WordClass(rawValue: 1 << 5)
    public static let greetingFiller = WordClass(rawValue: 1 << 6)
    public static let laugh = WordClass(rawValue: 1 << 7)
    /// `DialogEngine.resumeLead`, `resumeVerbs`, `resumeFollowers`, `resumeCues`.
    public static let resumeLead = WordClass(rawValue: 1 << 8)
    public static let resumeVerb = WordClass(rawValue: 1 << 9)
    public static let resumeFollower = WordClass(rawValue: 1 << 10)
    public static let resumeCue = WordClass(rawValue: 1 << 11)
    /// `DialogEngine.leavingCues`.
    public static let leavingCue = WordClass(rawValue: 1 << 12)
    /// `RepairVerb.fieldCues`, `fieldAsks`, `fieldFiller`, `pointers`.
    public static let fieldCue = WordClass(rawValue: 1 << 13)
    public static let fieldAsk = WordClass(rawValue: 1 << 14)
    public static let fieldFiller = WordClass(rawValue: 1 << 15)
    public static let repairPointer = WordClass(rawValue: 1 << 16)
    /// `DialogEngine.unsureLeads`.
    public static let unsureLead = WordClass(rawValue: 1 << 17)
    /// `QueryMatcher.questionFillers`, `questionWords`, `questionPrepositions`,
    /// `prepositionQuestionWords`, `interrogatives`, `searchVerbs`, `meetingDetailWords`, `inChargeWords`.
    public static let questionFiller = WordClass(rawValue: 1 << 18)
    public static let questionWord = WordClass(rawValue: 1 << 19)
    public static let questionPreposition = WordClass(rawValue: 1 << 20)
    public static let prepositionQuestionWord = WordClass(rawValue: 1 << 21)
    public static let interrogative = WordClass(rawValue: 1 << 22)
    public static let searchVerb = WordClass(rawValue: 1 << 23)
    public static let meetingDetail = WordClass(rawValue: 1 << 24)
    public static let inCharge = WordClass(rawValue: 1 << 25)
    /// `DialogEngine.wantWords` (a refusal's «no, quiero …»).
    public static let want = WordClass(rawValue: 1 << 26)
    /// `DialogEngine.actionWords` and `changeVerbs`.
    public static let action = WordClass(rawValue: 1 << 27)
    public static let changeVerb = WordClass(rawValue: 1 << 28)
    /// `QueryMatcher.missingWords`, and `networkWords` («red», «microcentro»): a summary's words.
    public static let missingWord = WordClass(rawValue: 1 << 29)
    public static let networkWord = WordClass(rawValue: 1 << 30)
    /// `DialogEngine.requestLeads`: what may come before a flow's request phrase.
    public static let requestLead = WordClass(rawValue: 1 << 31)
    /// `DialogEngine.onlyWords` («solo», «solamente»): «solo cambia el objetivo 3».
    public static let only = WordClass(rawValue: 1 << 32)
    /// `SlotParser.acknowledgements` («si», «ya», «ok», «gracias»): a bare acknowledgement is
    /// told from an answer on the message's bits, without folding it again.
    public static let acknowledgement = WordClass(rawValue: 1 << 33)
    /// `RepairVerb.openings`: the first word of a repair verb's phrase. A message that opens
    /// with none is no such phrase said whole (bar one typo in a single word).
    public static let repairOpening = WordClass(rawValue: 1 << 34)
    /// `DialogEngine.correctionOpenings`: what a correction's first word may be.
    public static let correctionOpening = WordClass(rawValue: 1 << 35)
    /// `DialogEngine.wrongWords` («mal», «malo», «equivocado»…).
    public static let wrong = WordClass(rawValue: 1 << 36)
    /// `DialogEngine.pointerWords` and `sayingVerbs`: a «ya te conté» message's words.
    public static let pointerWord = WordClass(rawValue: 1 << 37)
    public static let sayingVerb = WordClass(rawValue: 1 << 38)
    /// `DialogEngine.listEnders` and `listClosers`: «listo», «eso sería todo».
    public static let listEnder = WordClass(rawValue: 1 << 39)
    public static let listCloser = WordClass(rawValue: 1 << 40)
    /// `QueryMatcher.noticeVerbs` («avísale», «mándales»…).
    public static let noticeVerb = WordClass(rawValue: 1 << 41)
    /// `DialogEngine.wordingCueHeads` and `wordingCueSeconds`: the first two words of a question
    /// about the wording («¿qué significa…?», «¿se entiende por…?»).
    public static let wordingCueHead = WordClass(rawValue: 1 << 42)
    public static let wordingCueSecond = WordClass(rawValue: 1 << 43)
    /// `DialogEngine.unsureInterjections` («uf», «pucha», «la verdad»…): what may open a «no sé».
    public static let unsureInterjection = WordClass(rawValue: 1 << 44)
    /// `RepairVerb.helpPlaces` («acá», «po», «ahora»): what may end a loosely said «¿qué hago?».
    public static let helpPlace = WordClass(rawValue: 1 << 45)
    /// The bits below gate readers `readInFlow` calls on every answer (`DialogEngine+Gates.swift`):
    /// a reader needing one of these words is skipped when the message has none.
    /// `DialogEngine.progressCues` («falta», «quedan», «última»): what `asksProgress` needs.
    public static let progressCue = WordClass(rawValue: 1 << 46)
    /// `DialogEngine.questionAboutQuestionCues` («pregunta», «significa»): what `asksWhatQuestionIs` needs.
    public static let questionAboutCue = WordClass(rawValue: 1 << 47)
    /// `DialogEngine.askedWords` («pedí»): what `deniesAsking` needs.
    public static let askedWord = WordClass(rawValue: 1 << 48)
    /// `DialogEngine.fieldMoveLeads` (a verb of changing, a word adding one more thing, an article):
    /// how a message `otherFieldAtText` reads without a date opens.
    public static let fieldMoveLead = WordClass(rawValue: 1 << 49)
    /// `DialogEngine.recordMarkers` («acordamos», «compromisos»): what `recordsAtShortAnswer` needs.
    public static let recordMarker = WordClass(rawValue: 1 << 50)
    /// `DialogEngine.changeVerbs` and `firstPersonChangeVerbs` («cambia», «corrijo»): what
    /// `fieldCorrectedByVerb` needs among the first three words.
    public static let changeVerbSaid = WordClass(rawValue: 1 << 51)
    /// `DialogEngine.earlierCopulas` («era», «es», «quedó»): what `earlierAnswerCorrected` needs.
    public static let earlierCopula = WordClass(rawValue: 1 << 52)
    /// `DialogEngine.sideLeads` («espera», «primero»): what opens a side request at a question.
    public static let sideLead = WordClass(rawValue: 1 << 53)
    /// `DialogEngine.addVerbs` («agrega», «suma»): what opens a request to add someone.
    public static let addVerb = WordClass(rawValue: 1 << 54)
    /// `DialogEngine.anotherWords` («otro», «nueva»): what asks for one more record of a kind.
    public static let anotherWord = WordClass(rawValue: 1 << 55)
    /// `DialogEngine.noneLeads` («ninguno», «sin»): what opens «none» said of a later question.
    public static let noneLead = WordClass(rawValue: 1 << 56)
    /// `DialogEngine.plainStopWords` and `plainFirstWords`: words a reader of the cascade needs
    /// that no other bit marks, anywhere or as the first word (`readPlainAnswer`'s verdict).
    public static let plainStop = WordClass(rawValue: 1 << 57)
    public static let plainFirst = WordClass(rawValue: 1 << 58)
}

/// Every word of the lists `WordClass` names, with its bits, in one open-addressing table keyed
/// by the folded bytes packed into two integers (as `LexiconTable` does for the date words): one
/// multiply and a compare or two per word, no `String` hashed. Built once, at first use.
struct WordClassTable: Sendable {
    /// The lists and their bits. A list read here must be the one its reader read word by word.
    static var lists: [(WordClass, WordSet)] {
        [
            (.stop, Phrase.stopWords), (.leadingFiller, Phrase.leadingFillers), (.trailingFiller, Phrase.trailingFillers),
            (.closing, DialogEngine.closingWords), (.byeCue, DialogEngine.byeCues),
            (.greeting, DialogEngine.greetingWords), (.greetingFiller, DialogEngine.greetingFiller),
            (.resumeLead, DialogEngine.resumeLead), (.resumeVerb, DialogEngine.resumeVerbs),
            (.resumeFollower, DialogEngine.resumeFollowers), (.resumeCue, DialogEngine.resumeCues),
            (.leavingCue, DialogEngine.leavingCues),
            (.fieldCue, RepairVerb.fieldCues), (.fieldAsk, RepairVerb.fieldAsks), (.fieldFiller, RepairVerb.fieldFiller),
            (.repairPointer, RepairVerb.pointers), (.unsureLead, DialogEngine.unsureLeads),
            (.questionFiller, QueryMatcher.questionFillers), (.questionWord, QueryMatcher.questionWords),
            (.questionPreposition, QueryMatcher.questionPrepositions),
            (.prepositionQuestionWord, QueryMatcher.prepositionQuestionWords),
            (.interrogative, QueryMatcher.interrogatives), (.searchVerb, QueryMatcher.searchVerbs),
            (.meetingDetail, QueryMatcher.meetingDetailWords), (.inCharge, QueryMatcher.inChargeWords),
            (.want, DialogEngine.wantWords), (.action, DialogEngine.actionWords), (.changeVerb, DialogEngine.changeVerbs),
            (.missingWord, QueryMatcher.missingWords), (.networkWord, QueryMatcher.networkWords),
            (.requestLead, DialogEngine.requestLeads), (.only, DialogEngine.onlyWords),
            (.acknowledgement, SlotParser.acknowledgements), (.repairOpening, RepairVerb.openings),
            (.correctionOpening, DialogEngine.correctionOpenings), (.wrong, DialogEngine.wrongWords),
            (.pointerWord, DialogEngine.pointerWords), (.sayingVerb, DialogEngine.sayingVerbs),
            (.listEnder, DialogEngine.listEnders), (.listCloser, DialogEngine.listClosers),
            (.noticeVerb, QueryMatcher.noticeVerbs),
            (.wordingCueHead, DialogEngine.wordingCueHeads), (.wordingCueSecond, DialogEngine.wordingCueSeconds),
            (.unsureInterjection, WordSet(DialogEngine.unsureInterjections)), (.helpPlace, WordSet(RepairVerb.helpPlaces)),
            (.progressCue, DialogEngine.progressCues), (.questionAboutCue, DialogEngine.questionAboutQuestionCues),
            (.askedWord, DialogEngine.askedWords), (.fieldMoveLead, DialogEngine.fieldMoveLeads),
            (.recordMarker, DialogEngine.recordMarkers),
            (.changeVerbSaid, DialogEngine.changeVerbsSaid), (.earlierCopula, DialogEngine.earlierCopulas),
            (.sideLead, DialogEngine.sideLeads), (.addVerb, DialogEngine.addVerbs), (.anotherWord, DialogEngine.anotherWords),
            (.noneLead, DialogEngine.noneLeads),
            (.plainStop, DialogEngine.plainStopWords), (.plainFirst, DialogEngine.plainFirstWords),
        ]
    }

    static let shared = WordClassTable(lists)

    /// Words of at most this many bytes are in the open table; longer ones in `long`.
    static let maxLength = 16

    private var keys: [ByteKey]
    private var bits: [UInt64]
    private let mask: Int
    /// List words longer than `maxLength` (none today; kept so a long one added later still counts).
    private let long: [String: UInt64]

    init(_ lists: [(WordClass, WordSet)]) {
        var all: [String: UInt64] = [:]
        for (c, set) in lists {
            for w in set where !w.isEmpty && !w.utf8.contains(0x20) { all[w, default: 0] |= c.rawValue }
        }
        var size = 64
        while size < all.count * 4 { size *= 2 }
        mask = size - 1
        keys = Array(repeating: ByteKey.empty, count: size)
        bits = Array(repeating: 0, count: size)
        var long: [String: UInt64] = [:]
        for (w, b) in all {
            let bytes = Array(w.utf8)
            guard bytes.count <= Self.maxLength else { long[w] = b; continue }
            let key = bytes.withUnsafeBufferPointer(ByteKey.init)
            var i = key.slot & mask
            while bits[i] != 0 { i = (i + 1) & mask }
            keys[i] = key
            bits[i] = b
        }
        self.long = long
    }

    /// The classes of the folded word `bytes` (ASCII), with the ones a rule decides rather than
    /// a list («holaa» greets, «jajaja» laughs).
    @inline(__always)
    func classes(_ bytes: UnsafeBufferPointer<UInt8>) -> WordClass {
        var found: UInt64 = 0
        let n = bytes.count
        if n == 0 { return [] }
        if n <= Self.maxLength {
            let key = ByteKey(bytes)
            var i = key.slot & mask
            while bits[i] != 0 {
                if keys[i] == key { found = bits[i]; break }
                i = (i + 1) & mask
            }
        } else if !long.isEmpty {
            found = long[String(decoding: bytes, as: UTF8.self)] ?? 0
        }
        var c = WordClass(rawValue: found)
        let f = bytes[0]
        // `isGreetingWord`: «hola», «holaa», «holaaa».
        if f == UInt8(ascii: "h"), n >= 4, bytes[1] == UInt8(ascii: "o"), bytes[2] == UInt8(ascii: "l"), bytes[3] == UInt8(ascii: "a"),
           bytes[4...].allSatisfy({ $0 == UInt8(ascii: "a") }) {
            c.insert(.greeting)
        }
        // `isLaugh`: «jaja», «jeje», «jiji»…, «xd» (folded words are ASCII: bytes are characters).
        if (n >= 4 && f == UInt8(ascii: "j") && bytes[2] == UInt8(ascii: "j")
            && (bytes[1] == UInt8(ascii: "a") || bytes[1] == UInt8(ascii: "e") || bytes[1] == UInt8(ascii: "i")))
            || (n == 2 && f == UInt8(ascii: "x") && bytes[1] == UInt8(ascii: "d")) {
            c.insert(.laugh)
        }
        return c
    }
}
