/// What one message asks of the engine, read before anything changes: the understanding's
/// output (in the spirit of Rasa CALM's command generators). `DialogEngine.understand` reads a
/// message into a command without touching the state; `DialogEngine.execute` carries it out.
/// A turn is one command, executed once.
public indirect enum Command: Hashable, Sendable {
    /// Start a flow: its request (read for the values it already says), values known beforehand
    /// and how they were understood.
    /// `used` are the request's words that matched the flow's trigger, when known.
    /// `then` are more requests said in the same message (several agreements, the attendance
    /// of the meeting they were taken in): each starts once the one before it is saved.
    case startFlow(String, request: String?, values: SlotValues, echo: [String], used: Set<Int>? = nil, then: [FollowingRequest] = [])
    /// Several flows fit the request equally: ask which one (the request is kept for the pick).
    /// `lead`, said before the question, tells the options apart.
    case clarify([String], request: String, lead: String? = nil)
    /// The message answers what is being asked (a slot, another list item, the review).
    case fill(String)
    /// Values the flow's extension read in the message (several slots at once, or a reason to ask again).
    case setSlots(Reading)
    /// An earlier answer changes.
    case correct(Correction)
    /// A question about the network; the flow, if any, resumes after the answer.
    case answerQuery(Query)
    /// «¿cuándo es la próxima reunión? ¿y qué acuerdos están atrasados?»: several questions in
    /// one message, each answered in turn.
    case answerQueries([Query])
    /// «¿cuándo es la próxima reunión? y anota que Luis manda el informe»: the questions are
    /// answered, then the request (`then`, read from its own words, `request`) is carried out.
    case answerThen([Query], then: Command, request: String)
    /// help, cancel, back, repeat, summary, skip, pause, resume.
    case repair(RepairVerb)
    /// «bórralo, eso no lo acordamos todavía» right after a save: undone as «deshacer» would,
    /// with the reason said given to the undoing flow (its `FlowExtension.reasonSlot`).
    case undoLast(reason: String)
    /// «me equivoqué, era el 1…» right after a save: undone as «deshacer» would, then `then`
    /// (`FlowExtension.insteadOfLast`) once the undoing is saved.
    case undoLastThen(FollowingRequest)
    /// The answer to a value waiting for the user's say-so (a past date, which date, new people).
    case resolveCheck(String)
    /// The answer to a question Minga asked outside any slot.
    case reply(PendingReply)
    /// Another flow asked for in the middle of this one: offer to put this one aside.
    case offerSwitch(String)
    /// «no, no quiero agendar otra, quiero cambiar la hora»: the flow running is refused, and
    /// another one starts from the request said instead (nothing of the refused one is saved).
    case replaceFlow(String, request: String)
    /// The request of the flow already running, again.
    case alreadyHere
    case greet
    case thank
    /// Goodbye or «mañana sigo»: said back in one line; a flow in progress waits in pause.
    case goodbye
    /// «ok», «👍», «listo».
    case acknowledge
    /// «ponlo de nuevo», «vuelve a ponerlo» right after a save that took nothing out.
    case nothingToPutBack
    /// «no sé», «después lo veo» to the question asked: an optional one is left blank with a
    /// note; a required one offers to pause.
    case unsure
    /// «no, nada más» to a question the flow needs answered: said so, with «pausar» and «cancelar».
    case nothingMore
    /// «ninguna nota» to «¿Quiénes asistieron?»: «none» for a later optional question of the
    /// flow, which is left blank ahead of time; the question asked stands.
    case noneAhead(slot: String)
    /// «¿cómo registro un acuerdo?», «¿qué es un acuerdo?»: how a flow goes, without starting it.
    case explain(String)
    /// «que pongo en el propósito? no cacho bien» at the menu: what the thing is (`meaning`, else
    /// how the flow goes), and the flow offered (a «sí» starts it).
    case explainOffer(String, meaning: String?)
    /// «ayuda encuentros»: every request of that group of the help (`DialogEngine.helpGroups`).
    case helpTopic(Int)
    /// «queremos hacer el autodiagnóstico, ¿cómo lo hacemos?»: how a flow goes, and an offer to
    /// start it with what the message said (`request`) on a «sí».
    case offerFlow(String, request: String)
    /// «Rosa Pérez, Juan Soto y Marta Díaz, de la escuela X» with nothing in progress: the flow
    /// whose content it is, offered; on a «sí» it starts with `request` (what was said, as its request).
    case offerContent(String, request: String)
    /// A bare «no» with nothing in progress; in a flow that changes a record, «no» to its new
    /// value (the record stays as it was).
    case decline
    /// The menu of what Minga does, after `lead`.
    case menu(String)
    /// «ya, y agrega a la Rosa…» at a review: the yes (`yes`) answers it, and the request said
    /// after it starts once the record is saved.
    case confirmThen(String, [FollowingRequest])
    /// «siguiente», «ya, hasta ahí no más» in a round: the record being looked at is left
    /// without saving, and the round goes on with the next one or ends.
    case roundMove(RoundMove)
    /// «yo» in a people answer from a writer whose name is not known: asks it, `answer` kept.
    case askName(answer: String)
}

/// How a round moves besides finishing a record.
public enum RoundMove: Hashable, Sendable {
    /// «este lo saltamos», «siguiente»: on to the next record.
    case skip
    /// «ya, hasta ahí no más»: the round ends; what was saved stays.
    case stop
}

/// How an earlier answer changes.
public indirect enum Correction: Hashable, Sendable {
    /// «el plazo es el 16»: that slot takes this value.
    case value(slot: String, SlotValue)
    /// «cambia la fecha», or a value Minga could not read (`unread`): that slot is asked again.
    case reask(slot: String, unread: String?)
    /// «no, el 16», «que lo haga Pedro»: a value for an answered slot, said with `say`.
    case replace(slot: String, SlotValue, say: String)
    /// «no, nada más esta vez»: an answer to the question being asked, after its «no,».
    case answerCurrent(String, corrected: Bool)
    /// «el plazo del acuerdo es el 20» while another flow runs on top of it: a slot of the flow
    /// at `stackIndex` takes this value; the current question is asked again.
    case inFlowBelow(stackIndex: Int, slot: String, SlotValue)
    /// «está malo, el nombre es X y la comuna es Y»: several answered fields, each named with its
    /// value, in one message (read again when carried out).
    case fields(String)
    /// «uy es feriado, mejor el martes 13. la evidencia es el acta firmada»: a correction of an
    /// earlier field in the first sentence, then the rest (`then`) read as a message of its own
    /// (the current question's answer, or a labelled field) once the correction is made.
    case thenRest(Correction, then: String)
    /// «no, lo movemos pal 11» at a review: another of a choice's options, said with more (a
    /// date, a reason). `text` answers the choice's question again, read as a message there so
    /// the flow's readings take what comes with the option; when it gives nothing beyond the
    /// option, `otherwise` is made instead.
    case answerAgain(slot: String, text: String, otherwise: Correction)
}

/// Answers to Minga's own questions (`Pending`).
public enum PendingReply: Hashable, Sendable {
    case cancelConfirmed
    case cancelDeclined
    /// «no, mejor registra un acuerdo»: no to cancelling, and another flow's request (`request`,
    /// for `flow`) kept for when this one is done (it was lost).
    case cancelDeclinedThen(flow: String, request: String)
    /// Neither yes nor no: the flow stays, and how to cancel is said.
    case cancelUnclear
    /// A question instead of yes or no: answered, and whether to cancel asked again.
    case questionThenCancel(Query)
    /// A new request instead of yes or no («el nombre de la red está malo, …» after «¿Seguro que
    /// quieres cancelar?»): the flow is cancelled, as asked, and the request is read as if
    /// nothing were in progress.
    case cancelAndAsk(String)
    /// The running flow's own request said again in full at «¿Seguro que quieres cancelar…?»: it
    /// starts over from these words, keeping what the old draft had and the new words do not say.
    case restateRequest(String)
    /// Yes to starting another flow: it goes on top, with the request that asked for it.
    case switchAccepted(flow: String, request: String)
    /// No to it; `answer` is the request declined (never taken as the answer underneath).
    case switchDeclined(answer: String?)
    /// «no, después. ah y mi rol es jefa UTP de la escuela San Martín»: no to the offer, at the
    /// menu, and a later sentence that is a request of its own, read right after.
    case switchDeclinedThen(request: String)
    /// Neither yes nor no to «¿Dejamos … para después?» (nor a question or a request): the same
    /// offer, asked again with how to answer it.
    case switchUnclear(Pending)
    /// «no, guárdalo primero y después las metas» to «¿Dejamos … para después?»: the open flow
    /// first (saved, when only its «sí» was missing), and the offered one right after it.
    case firstThen(flow: String, request: String)
    case pickedFlow(String, request: String)
    /// An answer to «¿Quieres A o B?» that names neither: asked again, nothing else starts.
    case pickUnclear([String], request: String)
    /// «3» to «¿Quieres A o B?»: no such option; the valid numbers are said and it is asked again.
    case pickOutOfRange(Int, [String], request: String)
    case pickedPaused(Int)
    /// The writer's name, said when asked: kept, and `answer` read again with it.
    case speakerNamed(String, answer: String)
    /// No name in the reply to «¿Cómo te llamas?»: asked again.
    case speakerNameUnclear(answer: String)
}
