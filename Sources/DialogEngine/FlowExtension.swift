import Locks
import CivilTime
import Domain

/// Everything a flow needs beyond its YAML, as the engine sees it: guards, defaults, reading
/// and checking its slots' values. One implementation per flow lives in the Assistant
/// (`Sources/Assistant/Flows/<Flow>.swift`); the engine calls it at fixed points of a turn and
/// never looks at a flow's id nor at the words it said itself.
///
/// Every method gets the turn's context (time, people, the network's snapshot) and has a
/// default that does nothing, so a flow implements only what it needs.
public protocol FlowExtension: Sendable {
    /// Why the flow cannot start now, said instead of starting it.
    func blocker(_ context: EngineContext) -> String?
    /// The flow that removes the blocker, offered right after it (a «sí» starts it); nil: none.
    func blockerOffer(_ context: EngineContext) -> String?
    /// What `text` says of each of `names`, people about to be offered to the network («Marisol
    /// Catrileo de la escuela Tranaquepe» → «Escuela Tranaquepe»), "" for nothing; asked of the
    /// shared extension only, when there are newcomers.
    func newcomerDetails(_ names: [String], in text: String) -> [String]
    /// What `text` says of members already in the network (`names`, read as people in it) that
    /// their records lack or say otherwise; asked of the shared extension only. Nil: nothing.
    func knownDetails(_ names: [String], in text: String, context: EngineContext) -> KnownDetails?
    /// A message at the menu this flow takes as its own request, with the values it already says
    /// ("el acuerdo 3 está cumplido"); nil when it is not one. Called on every message at the
    /// menu: cheap checks first (`catalog` matches the message against all triggers, if needed).
    func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim?
    /// Values the request that started the flow says in this flow's terms ("cada 15 días los
    /// jueves" for a meeting), beyond the engine's own reading of it.
    func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill
    /// Lines said when the flow starts, after what was understood from the request.
    func startRemarks(_ run: FlowRun, context: EngineContext) -> [String]
    /// Values the flow takes for granted when it starts (the only open poll).
    func defaults(_ run: FlowRun, context: EngineContext) -> SlotValues
    /// The choices of `slot` (their values) that do not apply to this run and are not offered
    /// («Reactivarlo» for a meeting with nothing suspended). Numbers said count the choices shown.
    func hiddenChoices(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Set<String>
    /// An answer to `slot` read in this flow's terms, before the generic parser reads it.
    func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading?
    /// A change said in the flow's own words at its review («no, pedro sí vino», «menos en
    /// vacaciones»), read before the generic review answers (yes, no, a field's number).
    func reviewChange(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading?
    /// News about the record under review that only this flow can tell from a refusal, a
    /// goodbye or another value of its choices («no, avanzamos poco esta semana», «mañana lo
    /// terminamos» at the review of an agreement's progress): read before every generic reading
    /// of the review. Nil (the default): the review reads the message as before.
    func reviewNews(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading?
    /// Another record of the kind this run is about, named by its content as the subject of an
    /// answer at a free-text question («la pauta todavía no la mandan» at agreement 2's evidence,
    /// agreement 1 being «enviar la pauta…»): the values that pick it in this flow («acuerdo»:
    /// 1), so the message is kept for that record's own run, never this record's answer, and
    /// what to say of it. Nil (the default): none named, or the words fit this record too.
    func otherRecordNamed(_ message: Utterance, run: FlowRun, context: EngineContext) -> (values: SlotValues, remark: String)?
    /// A change said at the review of several records read apart (a batch) that is about all of
    /// them («es un solo acuerdo»): `run` is the first, with the batch. Nil: the engine's reading.
    func batchReviewChange(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading?
    /// Whether a bare «no» to the review keeps things as they were (the flow ends, nothing
    /// saved): a change to an existing record («¿Lo cambio?» — «no»), rather than «what to fix?».
    func declineKeeps(_ run: FlowRun, context: EngineContext) -> Bool
    /// Whether `phrase` says yes to this flow's review with the review's own verb («lánzalo» to
    /// «¿Lanzo el sondeo?»), which no generic yes knows. Asked only at the review, when the
    /// message is no yes or no of its own. False (the default): not such a yes.
    func confirmsInOwnWords(_ phrase: Phrase, run: FlowRun, context: EngineContext) -> Bool
    /// Checks a value about to be stored in `slot`: accepted, replaced (with a remark) or rejected.
    func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict
    /// What is said when an optional slot is skipped, instead of the generic note.
    func skipNote(_ slot: SlotDefinition, context: EngineContext) -> String?
    /// «saltar» at a required question the flow can do without: the value it stands for and what
    /// is said. Nil (the default): the question cannot be skipped.
    func skipRequired(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> (value: SlotValue, note: String)?
    /// Lines said right before `slot` is asked for the first time.
    func beforeAsking(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> [String]
    /// The question for `slot` in this run's words, instead of the dialog file's `ask` (nil: that one).
    func question(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> String?
    /// What `slot` is for, in this run's words, instead of the dialog file's `help` (a colleague
    /// being onboarded: «Su cargo…», not «Tu cargo…»); nil: that one.
    func help(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> String?
    /// The review's closing question in this run's words, instead of the dialog file's `confirm`
    /// (several records at once: «¿Los borro?»); nil: that one.
    func confirmation(_ run: FlowRun, context: EngineContext) -> String?
    /// «deshacer» right after this flow saved `record`: the flow that undoes it, with its values.
    /// A batch saved with one confirmation comes as its ids separated by spaces («A-1 A-2 A-3»).
    func undo(_ record: String, context: EngineContext) -> Undo?
    /// The slot where this flow keeps why a record is taken back («motivo»): a reason said with
    /// «bórralo» right after a save fills it when this flow undoes that save. nil: none.
    var reasonSlot: String? { get }
    /// Whether this flow's save takes a record out (deletes it, softly): right after it, «vuelve a
    /// ponerlo», «recupéralo» undo it, as «deshacer» does.
    var removesRecord: Bool { get }
    /// When `undo` has nothing: what «deshacer» says instead (what can be done about it).
    func cannotUndo(_ record: String, context: EngineContext) -> String?
    /// «me equivoqué, era el 1 el que había que borrar, no el 2» right after this flow saved
    /// `record`: that save was the wrong one; the request to carry out once it is undone (`undo`).
    /// nil: the message says no such thing.
    func insteadOfLast(_ message: Utterance, record: String, context: EngineContext) -> FollowingRequest?
    /// «ahora otro: Cristian Zepeda, jefe técnico…» right after this flow created a record: the
    /// request that starts another one from what follows «ahora otro:» (`said`). Default: `said`.
    func anotherRequest(_ said: String) -> String
    /// How a request names `record` of this flow («el acuerdo 2» for "A-2"), so «los dos» right
    /// after two were saved together can be said of each. Nil: not named that way.
    func recordMention(_ record: String) -> String?
    /// «y la de marzo el Mario» right after this flow changed who leads one date (at its review,
    /// with the run's `values`, or once saved, with nil): the elliptic follow-up written out as
    /// this flow's own request for the new target («la de marzo la conduce el Mario»). Nil: it is
    /// no such thing. Only messages opening with «y» are asked.
    func ellipticRequest(_ text: String, values: SlotValues?, context: EngineContext) -> String?
    /// Whether `slot`, about to be asked for the first time, is worth asking given the values so
    /// far (an agreement's «¿alguien más se suma?» only when one person has it); false skips it.
    func asks(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Bool
    /// In a round (`Prefill.round`), the values of the run that comes after `run` (saved or
    /// skipped); nil when the round is over.
    func nextInRound(after run: FlowRun, context: EngineContext) -> SlotValues?
    /// With nothing else in progress, after `query` was answered (or, with `query` nil, after
    /// `run` on its own was saved): a question offering a round of this flow, and the request
    /// that starts it when the answer is yes. Nil: nothing to offer.
    func roundOffer(after query: Query?, run: FlowRun?, context: EngineContext) -> RoundOffer?
    /// True when a message at the menu that meets this flow's triggers best is not its request
    /// after all («en la reunión de ayer acordamos…» talks about a meeting held, it asks for no
    /// new one). Asked of each flow the message meets.
    func declines(_ phrase: Phrase, context: EngineContext) -> Bool
    /// A message at the menu that nothing else understood, read as this flow's content said
    /// without its request («Rosa Pérez, Juan Soto y Marta Díaz, de la escuela X»; a meeting's
    /// day, hour and place): the request to offer, which the flow reads whole when the offer is
    /// taken. Nil (the default): nothing to offer. Asked only before «No te entendí».
    func unclearOffer(_ message: Utterance, context: EngineContext) -> String?
    /// A short question that means something only inside this flow («¿quiénes faltan?» while
    /// answering a poll: who has not answered it): the query that answers it, then the question
    /// being asked again. Nil (the default): read as any question. Asked only for a message with
    /// a «?» while this flow asks.
    func ownQuestion(_ phrase: Phrase, context: EngineContext) -> Query?
    /// Several records of this flow said in one message («acordamos tres cosas: 1) … 2) …»): how
    /// a shared review names them, shown at once and saved with one confirmation. Nil (the
    /// default): each is registered after the one before is saved.
    func batchNames(_ context: EngineContext) -> BatchNames?
    /// `text` cut into the requests of the several records of this flow it says («el calendario lo
    /// armo yo pal 18, y las fotos las suben todos antes del 15»), read as when a count announced
    /// them; one element when it says one. Asked only of flows with `batchNames`, when the user
    /// says a record is really several («son dos acuerdos distintos»).
    func splitRecords(_ text: String, context: EngineContext) -> [String]
    /// What a message must hold for `claim` to be anything but nil (`ClaimCues`): read once per
    /// catalog into an index, so that a message is offered only to the flows it has cues of.
    /// (`flow` is the flow's definition as loaded: cues may come from its slots' choices.)
    func claimCues(_ flow: FlowDefinition) -> ClaimCues
    /// True when `run`, a paused run of this flow, is about a record that the save of `kind` with
    /// `values` about to happen removes (a poll being closed, deleted meanwhile): it is dropped
    /// rather than offered again. Asked only while something is paused.
    func outdated(_ run: FlowRun, bySaving kind: String, values: SlotValues, context: EngineContext) -> Bool
    /// Said when `run`, found `outdated`, is dropped with answers given in it (nil: nothing said).
    func outdatedNote(_ run: FlowRun, context: EngineContext) -> String?
    /// Whether a request said during the run (`Reading.fillThen`) still follows the save of
    /// `values`: a correction at the review may have taken back what queued it.
    func keepsFollowing(_ item: FollowingRequest, saved values: SlotValues, context: EngineContext) -> Bool
    /// The requests that follow the save of `values`, from those said during the run: a
    /// correction at the review may have taken one back, or rewritten it (each rewritten one
    /// follows in its new words). The default keeps those `keepsFollowing` keeps.
    func following(_ items: [FollowingRequest], saved values: SlotValues, context: EngineContext) -> [FollowingRequest]
    /// True when what `claim` takes states the network's own standing data («la región es la
    /// Araucanía», «la red se llama …»): such a message typed at any other flow's question is
    /// that request, offered, never that question's value.
    var claimsAtAnyQuestion: Bool { get }
    /// True when an answer read as the whole request (`Reading.whole`) is also read by the
    /// flow's own `prefill`, as the request that starts it is (a meeting's place and length).
    var prefillsWholeAnswer: Bool { get }
    /// Folded words that make a message typed at another flow's free-text question worth asking
    /// this flow's `claim` about a record that already exists («terminé», «mandé», «vinimos»):
    /// news said without «el del…» or a number (`statementOnExistingRecord`). Each must also be
    /// a claim cue; most flows have none.
    var statementWords: [String] { get }
}

/// The words a batch of one flow's records is named with («3 acuerdos», «del acuerdo 2»).
public struct BatchNames: Sendable {
    public var one: String
    public var many: String
    /// «el»/«los» (true) or «la»/«las».
    public var masculine: Bool
    /// A change said at the shared review, shown as an example («el responsable del 2 es Rosa»).
    public var example: String

    public init(one: String, many: String, masculine: Bool, example: String) {
        self.one = one
        self.many = many
        self.masculine = masculine
        self.example = example
    }
}

/// «¿Los revisamos uno por uno?»: a round of a flow offered after an answer.
public struct RoundOffer: Sendable {
    public var question: String
    public var request: String

    public init(question: String, request: String) {
        self.question = question
        self.request = request
    }
}

/// How a saved record is undone: another flow, started with these values (it confirms first).
public struct Undo: Sendable {
    public var flow: String
    public var values: SlotValues

    public init(flow: String, values: SlotValues) {
        self.flow = flow
        self.values = values
    }
}

extension FlowExtension {
    public func blocker(_ context: EngineContext) -> String? { nil }
    public func blockerOffer(_ context: EngineContext) -> String? { nil }
    public func newcomerDetails(_ names: [String], in text: String) -> [String] { [] }
    public func knownDetails(_ names: [String], in text: String, context: EngineContext) -> KnownDetails? { nil }
    public func claim(_ message: Utterance, flow: FlowDefinition, catalog: FlowCatalog, context: EngineContext) -> Claim? { nil }
    public func prefill(_ request: String, flow: FlowDefinition, run: FlowRun, context: EngineContext) -> Prefill { Prefill() }
    public func startRemarks(_ run: FlowRun, context: EngineContext) -> [String] { [] }
    public func defaults(_ run: FlowRun, context: EngineContext) -> SlotValues { [:] }
    public func hiddenChoices(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Set<String> { [] }
    public func interpret(_ message: Utterance, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Reading? { nil }
    public func reviewChange(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? { nil }
    public func reviewNews(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? { nil }
    public func otherRecordNamed(_ message: Utterance, run: FlowRun, context: EngineContext) -> (values: SlotValues, remark: String)? { nil }
    public func batchReviewChange(_ message: Utterance, run: FlowRun, context: EngineContext) -> Reading? { nil }
    public func declineKeeps(_ run: FlowRun, context: EngineContext) -> Bool { false }
    public func confirmsInOwnWords(_ phrase: Phrase, run: FlowRun, context: EngineContext) -> Bool { false }
    public func validate(_ value: SlotValue, slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Verdict { .accept }
    public func skipNote(_ slot: SlotDefinition, context: EngineContext) -> String? { nil }
    public func skipRequired(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> (value: SlotValue, note: String)? { nil }
    public func beforeAsking(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> [String] { [] }
    public func undo(_ record: String, context: EngineContext) -> Undo? { nil }
    public func question(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> String? { nil }
    public func help(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> String? { nil }
    public func confirmation(_ run: FlowRun, context: EngineContext) -> String? { nil }
    public func cannotUndo(_ record: String, context: EngineContext) -> String? { nil }
    public func insteadOfLast(_ message: Utterance, record: String, context: EngineContext) -> FollowingRequest? { nil }
    public func anotherRequest(_ said: String) -> String { said }
    public func recordMention(_ record: String) -> String? { nil }
    public func ellipticRequest(_ text: String, values: SlotValues?, context: EngineContext) -> String? { nil }
    public var reasonSlot: String? { nil }
    public var removesRecord: Bool { false }
    public func asks(_ slot: SlotDefinition, run: FlowRun, context: EngineContext) -> Bool { true }
    public func nextInRound(after run: FlowRun, context: EngineContext) -> SlotValues? { nil }
    public func roundOffer(after query: Query?, run: FlowRun?, context: EngineContext) -> RoundOffer? { nil }
    public func declines(_ phrase: Phrase, context: EngineContext) -> Bool { false }
    public func unclearOffer(_ message: Utterance, context: EngineContext) -> String? { nil }
    public func ownQuestion(_ phrase: Phrase, context: EngineContext) -> Query? { nil }
    public func batchNames(_ context: EngineContext) -> BatchNames? { nil }
    public func splitRecords(_ text: String, context: EngineContext) -> [String] { [text] }
    public func claimCues(_ flow: FlowDefinition) -> ClaimCues { .always }
    public func outdated(_ run: FlowRun, bySaving kind: String, values: SlotValues, context: EngineContext) -> Bool { false }
    public func outdatedNote(_ run: FlowRun, context: EngineContext) -> String? { nil }
    public func keepsFollowing(_ item: FollowingRequest, saved values: SlotValues, context: EngineContext) -> Bool { true }
    public func following(_ items: [FollowingRequest], saved values: SlotValues, context: EngineContext) -> [FollowingRequest] {
        items.filter { keepsFollowing($0, saved: values, context: context) }
    }
    public var claimsAtAnyQuestion: Bool { false }
    public var prefillsWholeAnswer: Bool { false }
    public var statementWords: [String] { [] }
}

/// A request at the menu that a flow recognises as its own, with what it already says.
public struct Claim: Sendable {
    public var values: SlotValues
    /// What was understood, said in the «Anoté: …» line.
    public var echo: [String]
    /// Words read as the request proper, as if they followed a trigger (the agreement after «en la
    /// reunión de hoy quedamos en que…»): their values (people, dates, text) are read as usual.
    public var reads: String?
    /// More requests of the same flow in the same message («quedamos en varias cosas: que Berta
    /// manda…, y que yo consigo…»): read like `reads`; a flow with `batchNames` shows them all with
    /// the first and saves them with one confirmation, any other starts each once the one before
    /// is saved. An empty one is a record the message counted but did not tell («acordamos 3
    /// cosas: …» with two said): the batch says how many it found, and asks for no such record.
    public var more: [String]
    /// Requests of other flows said in the same message («asistimos Ximena y yo» before «acordamos
    /// que…»): each starts, after `more`, once the one before is saved.
    public var then: [FollowingRequest]
    /// The words are as much a request of other flows («llegar al 80% de asistencia»: the
    /// students' attendance, or the meetings'?): at the menu, which of these flows (this one
    /// among them, in the order asked) is asked, with `chooseLead` telling them apart; the one
    /// picked reads the message as its request. Empty: this flow starts.
    public var choose: [String] = []
    public var chooseLead: String?

    public init(values: SlotValues = [:], echo: [String] = [], reads: String? = nil, more: [String] = [], then: [FollowingRequest] = []) {
        self.values = values
        self.echo = echo
        self.reads = reads
        self.more = more
        self.then = then
    }
}

/// What a flow reads in the request that started it.
public struct Prefill: Sendable {
    /// Values to set; nil clears a value the engine took (the meeting's «name» that was its when).
    /// A value that differs from the engine's replaces it, echo included: `echo` says it.
    public var values: [String: SlotValue?]
    /// Said in the «Anoté: …» line, before the engine's own echoes.
    public var echo: [String]
    /// Drop the engine's own echoes (they read the request another way).
    public var replacesEcho: Bool
    /// The request asks for all the records one after another («revisemos los objetivos»): the
    /// run is the first of a round, and `nextInRound` gives the ones after it.
    public var round: Bool
    /// Half of an answer the request already gave («quincenal»: how often, not which day), kept
    /// for when its question is answered (`Reading.fill`'s `partials`).
    public var partials: [String: SlotValue]

    public init(values: [String: SlotValue?] = [:], echo: [String] = [], replacesEcho: Bool = false, round: Bool = false,
                partials: [String: SlotValue] = [:]) {
        self.values = values
        self.echo = echo
        self.replacesEcho = replacesEcho
        self.round = round
        self.partials = partials
    }

    /// Values that only set slots.
    public init(values: SlotValues, echo: [String] = [], replacesEcho: Bool = false, round: Bool = false) {
        self.init(values: values.mapValues { Optional($0) }, echo: echo, replacesEcho: replacesEcho, round: round)
    }
}

/// An answer read by a flow: values for one or more slots, or a reason to ask again.
public enum Reading: Hashable, Sendable {
    /// Sets these values (each checked by `validate`), says `remark` first, and moves on.
    /// `partials` keeps half of a day-and-time answer for later.
    case fill(SlotValues, remark: String?, partials: SlotValues = [:])
    /// Not an answer Minga can use: `message`, then the same question again.
    case reask(String)
    /// An answer that says there is nothing to write («nada, estuvimos todos de acuerdo» to an
    /// optional question): the same as «saltar».
    case skip
    /// An answer that says the whole request, more than the question asked («yo y la Nora
    /// hacemos el huerto, pa fines de marzo, evidencia fotos» to «¿Cuál es el acuerdo?»): read as
    /// the request that starts the flow is, every empty slot it speaks of filled at once.
    case whole(String)
    /// `fill`, and requests of other flows the answer also says («acordamos hacer una feria…» to
    /// an acta's «¿qué acuerdos se tomaron?»): each starts in turn once this flow is saved.
    case fillThen(SlotValues, remark: String?, then: [FollowingRequest])
    /// Not an answer of this kind at all («acuerdo: Javiera arma el calendario…» to «¿un correo o
    /// teléfono?»): if another flow takes it as its request, that flow is offered and this one
    /// waits; otherwise it is read as any other answer.
    case request
    /// Not to be done after all («no lo cierres todavía» while closing a poll): the flow ends
    /// with nothing saved, `message` is said, and the conversation goes back to what was underneath.
    case end(String)
    /// Another change to the same record was meant («el plazo es el 10 de marzo» asked the
    /// agreement's new text): this flow ends unsaved and `flow` starts with `values` (the record
    /// already known among them), `echo` said in its «Anoté: …» line. `left`, when given, says
    /// what becomes of this flow instead of the plain «Bien, dejo … sin cambios».
    case instead(flow: String, values: SlotValues, echo: [String], left: String? = nil)
}

/// The outcome of checking a value.
public struct Verdict: Sendable {
    /// The value kept (nil: rejected, the question is asked again).
    public var value: SlotValue?
    /// Said after the value is taken (or instead, when rejected).
    public var remarks: [String]
    /// Other slots set (or cleared, with nil) along with this one.
    public var others: [String: SlotValue?]
    /// The remarks say what was taken: the engine's own «Anotado: …» echo is left out.
    public var quiet: Bool

    public init(value: SlotValue?, remarks: [String] = [], others: [String: SlotValue?] = [:], quiet: Bool = false) {
        self.value = value
        self.remarks = remarks
        self.others = others
        self.quiet = quiet
    }

    /// The value as it is.
    public static var accept: Verdict { Verdict(value: nil, remarks: [], others: [:], quiet: false, keep: true) }

    /// The value as it is, with remarks.
    public static func accept(_ remarks: [String]) -> Verdict { Verdict(value: nil, remarks: remarks, others: [:], quiet: false, keep: true) }

    /// Refused with a specific message; the question is asked again.
    public static func reject(_ message: String) -> Verdict { Verdict(value: nil, remarks: [message]) }

    /// The record already has this value and the run changes nothing else: asking again would
    /// take the next unrelated line as the «new» value, so the flow ends unsaved, `message` said.
    public static func unchanged(_ message: String) -> Verdict {
        var v = Verdict(value: nil, remarks: [message])
        v.endsFlow = true
        return v
    }

    /// Set by `unchanged`: the flow ends here, nothing saved.
    public private(set) var endsFlow = false

    /// Kept as `value` (how the review shows it), with optional remarks.
    public static func replace(_ value: SlotValue, remarks: [String] = [], others: [String: SlotValue?] = [:]) -> Verdict {
        Verdict(value: value, remarks: remarks, others: others)
    }

    /// Kept as `value`, with other slots set along with it.
    public static func replace(_ value: SlotValue, remarks: [String] = [], others: SlotValues) -> Verdict {
        Verdict(value: value, remarks: remarks, others: others.mapValues { Optional($0) })
    }

    /// True when the value given is kept unchanged.
    public var keepsGiven: Bool { keep }
    private var keep = false

    init(value: SlotValue?, remarks: [String], others: [String: SlotValue?], quiet: Bool, keep: Bool) {
        self.value = value
        self.remarks = remarks
        self.others = others
        self.quiet = quiet
        self.keep = keep
    }

    /// The value to store given `given`, or nil when rejected.
    public func kept(_ given: SlotValue) -> SlotValue? { keep ? given : value }
}

/// Flow extensions by flow id, plus the readings every flow gets that need the store.
///
/// Kept in one immutable box: every context a turn builds or copies holds these, and a copy of
/// the dictionary, the table's arrays, the shared extension (an existential) and the cache cost
/// a retain apiece and a witness call; now it is one retain. A change makes a new box.
public struct FlowExtensions: Sendable {
    private final class Storage: Sendable {
        let byFlow: [String: any FlowExtension]
        /// `byFlow` for the lookups of a turn (several per turn, each a SipHash of the id otherwise).
        let table: IDTable<any FlowExtension>
        /// Consulted for every flow after the flow's own extension (the next meeting's day for a
        /// deadline, «todos» as the whole network).
        let shared: (any FlowExtension)?
        /// The extensions in a catalog's flow order with their claim cues indexed, worked out once
        /// per catalog: every message at the menu is offered to the flows whose cues it holds.
        /// Shared by the copies a turn makes of the context.
        let claims: ClaimIndexCache

        init(byFlow: [String: any FlowExtension], table: IDTable<any FlowExtension>? = nil, shared: (any FlowExtension)?,
             claims: ClaimIndexCache = ClaimIndexCache()) {
            self.byFlow = byFlow
            self.table = table ?? IDTable(byFlow.map { ($0.key, $0.value) })
            self.shared = shared
            self.claims = claims
        }
    }

    private var storage: Storage

    /// A new set of extensions gets a new table and a new claim index (its cues are others).
    public var byFlow: [String: any FlowExtension] {
        get { storage.byFlow }
        set { storage = Storage(byFlow: newValue, shared: storage.shared) }
    }

    public var shared: (any FlowExtension)? {
        get { storage.shared }
        set { storage = Storage(byFlow: storage.byFlow, table: storage.table, shared: newValue, claims: storage.claims) }
    }

    public init(byFlow: [String: any FlowExtension] = [:], shared: (any FlowExtension)? = nil) {
        storage = Storage(byFlow: byFlow, shared: shared)
    }

    /// No extensions: the default of every context, one value shared rather than a new index
    /// cache allocated (and freed) for each context a turn builds.
    public static let empty = FlowExtensions()

    public subscript(_ flowID: String) -> (any FlowExtension)? { storage.table[flowID] }

    /// The flows of `catalog` that have an extension, in the catalog's order, with their cues indexed.
    func claimIndex(of catalog: FlowCatalog) -> ClaimIndex {
        storage.claims.index(for: catalog, byFlow: storage.byFlow)
    }
}

/// What a message said of members the network already has (`FlowExtension.knownDetails`): the
/// details their records lack, to be filled (`Effect.completeMembers`), and the changes to ask
/// about once the flow at hand is done (a school said where the record has another).
public struct KnownDetails: Sendable {
    public var names: [String]
    public var about: [String]
    public var then: [FollowingRequest]

    public init(names: [String], about: [String], then: [FollowingRequest]) {
        self.names = names
        self.about = about
        self.then = then
    }
}
