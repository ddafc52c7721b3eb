/// What the engine asks the edges to do. The engine never touches a store or a channel.
public enum Effect: Hashable, Sendable {
    /// A message for the user.
    case say(String)
    /// Write a record; the Assistant then says `done` with `{id}` filled in.
    case save(SaveRequest)
    /// Answer a question about the network's data (needs the store's snapshot).
    case answer(Query)
    /// Add these people to the network's members (the user said yes to adding them).
    /// `about`: what the message said of each (`FlowRun.Check.newPeople`), "" for nothing.
    case addMembers([String], about: [String] = [])
    /// Fill what the records of these members lack (their role, their school) with what the
    /// message said of each («la Rosa Huenchuman, profesora de la escuela Lolocura»): `about` as
    /// in `addMembers`. Nothing a record already says is replaced (a different one is asked).
    case completeMembers([String], about: [String])
    /// The round of this flow is over: its closing words, written from the store as it is now
    /// (after the round's last save).
    case closeRound(String)
    /// The next request said with the record just saved (`DialogState.following`): begun by
    /// `DialogEngine.startFollowing` once the save is in the store, so it reads that record.
    case startFollowing
    /// The writer said their name when asked (a message that came without one): the session
    /// keeps it for the turns after this one.
    case learnedName(String)
}

/// A completed flow's values, to be written as a record of kind `kind`.
public struct SaveRequest: Hashable, Sendable {
    public var kind: String
    public var flowID: String
    public var values: SlotValues
    public var done: String
    /// When the flow began (`FlowRun.started`): part of the save's identity.
    public var started: Int?
    /// Saved with the save before it under one confirmation (a batch): «deshacer» undoes both.
    public var joinsPrevious: Bool

    public init(kind: String, flowID: String, values: SlotValues, done: String, started: Int? = nil, joinsPrevious: Bool = false) {
        self.kind = kind
        self.flowID = flowID
        self.values = values
        self.done = done
        self.started = started
        self.joinsPrevious = joinsPrevious
    }
}

/// What the engine waits for next, as socket protocol v1's `expects` and `choices`.
public struct Expectation: Hashable, Sendable, Codable {
    public var flow: String
    public var slot: String
    public var type: SlotType
    public var choices: [String]

    public init(flow: String, slot: String, type: SlotType, choices: [String] = []) {
        self.flow = flow
        self.slot = slot
        self.type = type
        self.choices = choices
    }
}

/// Questions about the network that any turn may ask, inside a flow or not.
public enum Query: String, Hashable, Sendable, CaseIterable {
    case nextMeeting
    /// «¿cuándo fue la última reunión y quiénes vinieron?», «¿qué dice el acta de la reunión del
    /// 7?»: a meeting already held, with its acta.
    case pastMeeting
    case openAgreements
    case overdueAgreements
    case myAgreements
    case purpose
    /// "¿qué tiene pendiente Luis?": the person is read from the message by the Assistant.
    case personAgreements
    /// "¿qué aprendimos sobre lectura?": the words are read from the message by the Assistant.
    case learnings
    /// "¿qué hay en la tabla?"
    case agenda
    /// "¿quiénes faltan por expresar su apropiación?"
    case appropriation
    /// "¿cómo va el sondeo?"
    case poll
    /// "¿en qué nivel estamos?"
    case diagnosis
    /// "¿qué reuniones hay?"
    case meetings
    /// «¿y a qué hora era? ¿es presencial?»: the hour and place of the next meeting.
    case meetingDetails
    /// «busca planificación»: agreements, reflections, actas and members' strengths that mention
    /// the words (read from the message by the Assistant).
    case search
    /// «¿cuándo son las vacaciones?», «¿cuándo salimos de vacaciones de verano?»: the school breaks.
    case schoolBreaks
    /// «¿quiénes son los miembros?», «¿quiénes están en la red?»: the members, short.
    case members
    /// «¿qué escuelas hay en la red?»: the schools of the members, each with who comes from it.
    case schools
    /// «¿en qué región está la red?», «¿cómo se llama la red?»: its name, kind, territory and region.
    case networkFacts
    /// «¿quién sabe de rúbricas?», «¿quién ha trabajado evaluación formativa?»: the members whose
    /// strengths or reflections mention it (the words are read from the message by the Assistant).
    case expertise
    /// «¿quién no ha conducido ninguna reunión?», «¿quiénes han dirigido?»: the members who have
    /// led a meeting held so far, and those who have not yet.
    case leaders
    /// «más», «¿y los otros?», «siguientes»: the next part of the last list.
    case moreOfList
    /// «los de Ana», «los de diciembre», «los cumplidos»: the last list (or the agreements), narrowed.
    case refineList
    /// «¿con qué organizaciones trabajamos?», «¿quién es el contacto del CESFAM?»: the organisation
    /// (or its contact) is read from the message by the Assistant.
    case organizations
    /// «¿cuáles son nuestras normas?»
    case norms
    /// «¿qué decidimos sobre el taller?»: the words are read from the message by the Assistant.
    case decisions
    /// «¿qué prácticas vamos a institucionalizar?»
    case institutionalization
    /// «¿cómo vamos con los objetivos?»: each objective with its meta and last checks.
    case objectives
    /// «¿cómo van los resultados de lectura?»: the results those words name, oldest first per school.
    case results
    /// «¿cómo vamos con los indicadores?»: each indicator against the network's target.
    case indicators
    /// «dame un resumen de la red», «¿cómo está la red?»: a few lines on meetings held,
    /// agreements and the last diagnosis.
    case networkSummary
    /// «¿qué es un microcentro?», «¿qué significa PME?»: a word of the networks' world (`Glossary`).
    case definition
    /// «avísale a todos», «mándales un recordatorio»: a notice Minga cannot send itself (it only
    /// talks here), answered with what there is to forward.
    case notice
    /// «exporta un informe pa mandarle al jefe del deprov», «¿cómo saco un informe de la red?»: a
    /// file Minga cannot hand over in the chat, answered with how to get it (and the summary here).
    case report
    /// «mañana no voy a poder ir a la reunión, tengo consejo escolar»: an absence announced,
    /// acknowledged with the meeting it concerns and how to tell the network (no record keeps it).
    case absence
    /// «¿qué anotó la Paola?», «¿quién anotó el acuerdo 3?»: what a member registered, or who
    /// registered a record (the person and the record are read from the message by the Assistant).
    case registeredBy
}

/// The engine's answer to one turn.
public struct Turn: Hashable, Sendable {
    public var effects: [Effect]
    public var expects: Expectation?

    public init(effects: [Effect], expects: Expectation?) {
        self.effects = effects
        self.expects = expects
    }
}
