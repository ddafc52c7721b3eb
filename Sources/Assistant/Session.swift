import CivilTime
import DialogEngine
import Domain
import FileStore
import Foundation
import StoreHistory
import Understanding

/// One user's conversation: restores its dialog state, runs turns through the engine, applies
/// the effects (store writes, answers) and saves the state after every turn.
///
/// Not thread-safe by design: a channel must run one user's turns one at a time.
///
/// So its stored properties are not checked for exclusive access at run time: each read or
/// write of one paid `swift_beginAccess` (~1.3k instructions a turn, 1.5% of it), and a turn
/// never overlaps another turn of the same session.
public final class Session {
    public let assistant: Assistant
    @exclusivity(unchecked) public private(set) var user: UserRef
    /// The name learned by asking (`Effect.learnedName`), persisted with the session.
    @exclusivity(unchecked) private var learnedName: String?
    @exclusivity(unchecked) public private(set) var state: DialogState
    @exclusivity(unchecked) private var opened = false
    /// The last reply was the opening's greeting (`EngineContext.justGreeted`).
    @exclusivity(unchecked) private var greeted = false
    /// A question about something else was answered since the record in focus was saved or
    /// listed (`DialogEngine.focus`): «¿a qué hora es?» after «¿cuándo es la próxima reunión?»
    /// is about that meeting again, not the record saved before.
    @exclusivity(unchecked) private var focusLost = false
    /// The message being answered, for queries that name a person or a topic.
    @exclusivity(unchecked) private var lastText = ""
    /// Names this conversation in save keys: random, kept in the session file, so a turn replayed
    /// after a crash names its save as the first attempt did, and any other conversation doesn't.
    @exclusivity(unchecked) private var seed = Session.newSeed()
    /// Turns handled so far; a flow is stamped with the turn it began in (`FlowRun.started`).
    @exclusivity(unchecked) private var turns = 0
    /// The last request the client numbered, and its reply: the same request again gets it again.
    @exclusivity(unchecked) private var answered: SavedSession.Answered?
    /// Networks offered when the store holds several and the user named none.
    @exclusivity(unchecked) private var choosing: [String]?
    /// The message that made Minga ask for the network, handled once the network is known.
    @exclusivity(unchecked) private var held: String?
    /// While `choosing` offers the network a message named (`otherNetworkTurn`): the network we
    /// were in, where «no» leaves the message («sí» takes the one offered, `choosing[0]`).
    @exclusivity(unchecked) private var offered: String?
    /// The held message is being handled in the network the person picked: not offered again.
    @exclusivity(unchecked) private var mentionSettled = false
    /// The session file as this session last wrote or read it.
    @exclusivity(unchecked) private var version: SessionVersion?
    private let storeKey: String
    /// `SessionKey.userDigest(user.id)`, computed once: the file never holds the id in clear.
    private let userDigest: String
    /// The session file, when a person broke it: reported, left as it is (state kept in memory).
    @exclusivity(unchecked) private var brokenSessionFile: StoreError?
    /// What this session last worked out from a snapshot that depends on nothing else (the
    /// people it knows): most turns read the same revision of the network as the turn before,
    /// and find it here instead of asking `KnownPeople` again. Holds no copy of the snapshot (the
    /// store would copy its records on the next save).
    @exclusivity(unchecked) private var fromSnapshot: SnapshotFacts?

    init(assistant: Assistant, user: UserRef) {
        self.assistant = assistant
        self.user = user
        // The network the channel gave (or none) is part of the key, as in `SessionHub`.
        storeKey = SessionKey.make(network: user.network, user: user.id)
        userDigest = SessionKey.userDigest(user.id)
        state = DialogState()
        load()
    }

    /// What is persisted per user: the dialog state and the network it belongs to.
    struct SavedSession: Codable, Sendable, Equatable {
        /// `SessionKey.userDigest` of the user id (files written before it hold the id itself).
        var user: String
        var network: String?
        var state: DialogState
        var seed: String?
        var turns: Int?
        var answered: Answered?
        var choosing: [String]?
        var held: String?
        var offered: String?
        /// The name a writer who came without one gave when asked («¿Cómo te llamas?»): kept
        /// across restarts (it lived only in memory, and she was asked again).
        var name: String?

        struct Answered: Codable, Sendable, Equatable {
            var id: String
            /// Digest of the request's text: the same id with other words is a new request.
            var text: String
            var messages: [String]
            var expects: Expectation?
        }
    }

    /// Whether a session file holds a conversation with nothing in progress (nothing to resume,
    /// no question pending): such a file may go after the retention period. Unreadable ones stay.
    static func isFinished(_ data: Data) -> Bool {
        guard let saved = SavedSession(sessionJSON: data) ?? (try? JSONDecoder().decode(SavedSession.self, from: data)) else { return false }
        return saved.state.isIdle && saved.state.paused.isEmpty && saved.choosing == nil
    }

    private static func newSeed() -> String { String(UInt64.random(in: .min ... .max), radix: 16) }

    /// Restores the conversation from the store, when its file is this user's.
    private func load() {
        do {
            version = assistant.store.sessionVersion(storeKey)
            guard let saved = try loadSaved(), saved.user == userDigest || saved.user == user.id else { return }
            state = saved.state
            seed = saved.seed ?? seed
            turns = saved.turns ?? turns
            answered = saved.answered
            choosing = saved.choosing
            held = saved.held
            offered = saved.offered
            if let network = saved.network { user.network = network }
            // A name sent with the message wins over the one learned.
            if user.name == nil, let name = saved.name { user.name = name; learnedName = name }
            brokenSessionFile = nil
        } catch let e as StoreError {
            // Broken by hand: said once at the opening, and never overwritten.
            if case .brokenFile = e { brokenSessionFile = e }
        } catch {}
    }

    /// The saved conversation: read by hand (`SessionJSONReader`), else by `JSONDecoder`, which
    /// also says where a file broken by hand is wrong.
    private func loadSaved() throws -> SavedSession? {
        if let data = try assistant.store.loadSession(storeKey), let saved = SavedSession(sessionJSON: data) { return saved }
        return try assistant.store.loadSessionState(storeKey, as: SavedSession.self)
    }

    /// Another process (a second `minga serve` on the store, a restarted chat) may have moved this
    /// conversation on since this session last wrote it: then its file is the truth.
    private func reloadIfChanged() {
        guard let now = assistant.store.sessionVersion(storeKey), now != version else { return }
        load()
    }

    /// True once `open()` ran (channels without a "start" event open on the first message).
    public var isOpen: Bool { opened }

    // MARK: Opening

    /// The first words of a session: set-up on an empty store, the question a restarted flow
    /// was waiting on, or a greeting with what is pending.
    public func open() -> Reply {
        reloadIfChanged()
        var (reply, keys) = openReply()
        // «¡Hola, Ana! Soy Minga…», «Hola, Ana. Estamos en…»: the opening said hello (a flow
        // taken up again after a restart says none).
        greeted = reply.messages.first.map { $0.hasPrefix("¡Hola") || $0.hasPrefix("Hola") } ?? false
        if let brokenSessionFile { reply.messages.insert("Ojo: \(brokenSessionFile)", at: 0) }
        persist(forgetting: keys)
        return reply
    }

    /// `short`: the first message already asks for something, so the hello is one line and the
    /// reply to it comes right after (the reminders wait for a bare «hola»).
    private func openReply(short: Bool = false) -> (Reply, [SaveKey]) {
        opened = true
        if user.network == nil, let ask = askNetwork(held: nil, greet: true) { return (ask, []) }
        let engine = assistant.flows.engine
        let context = engineContext(snapshot: nil)
        guard let snapshot = resolveNetwork() else {
            if let blocked = unreadableNetwork() { return (blocked, []) }
            // A set-up paused with «después sigo» comes back with what was already said.
            if state.current?.flowID != "red", let i = state.paused.firstIndex(where: { $0.flowID == "red" }) {
                state.stack = [state.paused.remove(at: i)]
            }
            if state.current?.flowID == "red" {
                let turn = engine.resume(state: &state, context: context)
                return finish(turn, snapshot: nil, engine: engine, previous: state, requestID: nil)
            }
            var messages = [
                "¡Hola\(user.firstName.map { ", \($0)" } ?? "")! Soy Minga, el asistente que ayuda a tu red a llevar sus acuerdos, encuentros y aprendizajes.",
                "Todavía no conozco tu red, así que partamos por ahí.",
            ]
            state = DialogState()
            let turn = engine.start("red", state: &state, context: context)
            let (reply, keys) = finish(turn, snapshot: nil, engine: engine, previous: DialogState(), requestID: nil)
            messages += reply.messages
            return (Reply(messages: messages, expects: reply.expects), keys)
        }
        var messages = problemMessages(snapshot.problems)
        let ctx = engineContext(snapshot: snapshot.value)
        if state.current != nil {
            let turn = engine.resume(state: &state, context: ctx)
            let (reply, keys) = finish(turn, snapshot: snapshot.value, engine: engine, previous: state, requestID: nil)
            return (Reply(messages: messages + reply.messages, expects: reply.expects), keys)
        }
        // The general menu left waiting from the last conversation is not asked again: the first
        // message is a new request, never a pick from a list nobody sees. A question about the
        // user's own request («¿Borrar un acuerdo o Sacar una organización?») is asked again
        // after the greeting, so «1» answers it (a short opening has no room to ask: dropped).
        switch state.pending {
        case .pickFlow?: state.pending = nil
        case .pickFlowFor?, .pickPaused?: if short { state.pending = nil }
        default: break
        }
        messages += short ? [greetingLine(snapshot.value)] : greeting(snapshot.value)
        if let question = engine.pendingOffer(state) { messages.append(question) }
        return (Reply(messages: messages, expects: engine.expectation(state, context: context)), [])
    }

    /// What the reply expects, with the choices that do not apply to the run left out (a flow's
    /// `hiddenChoices`): the context is read only when a choice is asked.
    private func expecting(_ engine: DialogEngine, _ snapshot: borrowing NetworkSnapshot?) -> Expectation? {
        guard let e = engine.expectation(state) else { return nil }
        guard e.type == .choice, state.current != nil, state.pending == nil else { return e }
        return engine.expectation(state, context: engineContext(snapshot: copy snapshot))
    }

    func greeting(_ snapshot: NetworkSnapshot) -> [String] {
        let today = assistant.clock.today()
        var lines = [greetingLine(snapshot)]
        let pending = assistant.pendingSummary(snapshot, today: today)
        lines += pending.lines
        // The agreements it lists are what the conversation is on, as a list asked for
        // («uy se me pasó, la mando el lunes» right after it is that one).
        // (A longer list left open before keeps its place: «más» still goes on with it.)
        if let listed = pending.listed, state.current == nil {
            if state.listing?.kind != .agreements { state.listing = ListCursor(kind: .agreements, status: "abiertos") }
            state.listing?.records = listed
        }
        lines += Answers.upcoming(snapshot, today: today, now: assistant.clock.localNow(), user: me(in: snapshot))
        // Coming back after «después sigo»: what waits is said first, so «seguir» is the obvious next word.
        let paused = state.paused.compactMap { assistant.flows.engine.catalog.flow($0.flowID)?.title }.map { "«\($0)»" }
        if !paused.isEmpty {
            lines.append("Quedó en pausa \(SlotValue.joinSpanish(paused)): escribe «seguir» para retomar, o dime en qué te ayudo.")
        } else {
            lines.append("¿En qué te ayudo? Por ejemplo: «registrar un acuerdo» o «¿qué acuerdos están vencidos?».")
        }
        return lines
    }

    func greetingLine(_ snapshot: NetworkSnapshot) -> String {
        "Hola\(user.firstName.map { ", \($0)" } ?? ""). Estamos en «\(snapshot.network.name)»."
    }

    // MARK: Turns

    /// One message from the user. `requestID` is the client's id for the message (protocol v1
    /// `id`), when it gives one: the same request sent again gets the same reply and saves nothing
    /// twice.
    public func handle(_ text: String, requestID: String? = nil) -> Reply {
        reloadIfChanged()
        if let requestID, let last = answered, last.id == requestID, last.text == SessionKey.userDigest(text) {
            return Reply(messages: last.messages, expects: last.expects)
        }
        let focusBefore = (state.lastSave, state.listing?.records)
        let (reply, keys) = respond(text, requestID: requestID)
        if focusBefore.0 != state.lastSave || focusBefore.1 != state.listing?.records { focusLost = false }
        greeted = false
        turns += 1
        if let requestID {
            answered = .init(id: requestID, text: SessionKey.userDigest(text), messages: reply.messages, expects: reply.expects)
        }
        persist(forgetting: keys)
        return reply
    }

    private func respond(_ text: String, requestID: String?) -> (Reply, [SaveKey]) {
        var prefix: [String] = []
        if !opened {
            // Channels without a start event (socket, `chat --json`) open on the first message.
            let resuming = state.current != nil || choosing != nil
            let greets = DialogEngine.isGreeting(text)
            // «hola soy Luis Barrientos, profe de la escuela de Ayacara» from someone the network
            // does not list: the hello joins, and is read as a request after a short opening.
            let joins = greets && state.current == nil && joiningHello(text)
            let (opening, keys) = openReply(short: !greets || joins)
            if let brokenSessionFile, !resuming { prefix.append("Ojo: \(brokenSessionFile)") }
            if !resuming {
                // Asked which network: the message waits for the answer.
                if choosing != nil {
                    held = DialogEngine.isGreeting(text) ? nil : text
                    return (Reply(messages: prefix + opening.messages, expects: opening.expects), keys)
                }
                // On an empty store set-up begins with the opening; a first message that says more
                // than hello («hola, somos el microcentro El Avellano») is its first answer.
                if resolveNetworkID() == nil, DialogEngine.isGreeting(text) || NetworkIntro.read(text) == nil || state.current?.flowID == nil {
                    return (Reply(messages: prefix + opening.messages, expects: opening.expects), keys)
                }
                // A first "hola" is answered by the greeting itself, not by a second hello and the menu.
                if greets, !joins {
                    return (Reply(messages: prefix + opening.messages, expects: opening.expects), keys)
                }
                prefix += opening.messages
            }
        }
        if choosing != nil, user.network == nil { return pickNetwork(text, requestID: requestID) }
        // Characters are never more than bytes: count them only when the bytes are too many.
        if text.utf8.count > Assistant.maxMessageLength, text.count > Assistant.maxMessageLength {
            let reply = Reply(messages: ["Tu mensaje es muy largo (\(text.count) caracteres). ¿Me lo resumes en menos de \(Assistant.maxMessageLength)?"],
                              expects: assistant.flows.engine.expectation(state))
            return (Reply(messages: prefix + reply.messages, expects: reply.expects), [])
        }
        if user.network == nil, let ask = askNetwork(held: text, greet: false) {
            return (Reply(messages: prefix + ask.messages, expects: ask.expects), [])
        }
        let engine = assistant.flows.engine
        let read = resolveNetwork()
        if read == nil, let blocked = unreadableNetwork() { return (Reply(messages: prefix + blocked.messages, expects: nil), []) }
        let previous = state
        // «¿quién cambió el acuerdo 3?»: answered from the store's history, the flow state untouched.
        if let changes = assistant.changes, let network = read?.value.networkID,
           let lines = changes.answer(question: text, network: network) {
            return (Reply(messages: prefix + lines, expects: expecting(engine, read?.value)), [])
        }
        // The snapshot moves on to `finish` as the turn's only copy (the context that held one is
        // gone with `run`), so a save appends to the store's records in place.
        var snapshot = read?.value
        _ = consume read
        // The message read once for the turn (cleaned, folded, split into words): the readers at
        // the menu and the engine share it instead of each making its own phrase of the text.
        let message = Utterance(text)
        // `networkRequest` and `otherNetworkTurn` read only a message said with no flow asking
        // (their own first guard): the network is not copied out of the snapshot for the others.
        let atMenu = Self.atMenu(state)
        if atMenu, let current = snapshot?.network, let reply = networkRequest(text, message: message, current: current, engine: engine, previous: previous, requestID: requestID) {
            lastText = text
            return (Reply(messages: prefix + reply.0.messages, expects: reply.0.expects), reply.1)
        }
        // «crear otra red», «cambiar de red» while a flow asks something: never its answer (a
        // member «Crear Otra Red»); the flow is finished or cancelled first, and asked again.
        // A flow that has nothing in it yet (onboarding started by a greeting that only said who
        // she is: qa20 A7) loses nothing: it is left and the network asked for is set up.
        // Read once: the two branches below ask it of the same text, in the same flow (the first
        // puts the state back when it answers nothing).
        let midFlow = state.current != nil && snapshot != nil && NetworkIntro.asksNetworkMidFlow(text)
        if midFlow, let current = snapshot?.network, let asked = state.current,
           asked.values.isEmpty, asked.answered.isEmpty, state.stack.count == 1, state.paused.isEmpty, state.pending == nil {
            let title = assistant.flows.engine.catalog.flow(asked.flowID)?.title ?? ""
            state.stack.removeAll()
            if let reply = networkRequest(text, message: message, current: current, engine: engine, previous: previous, requestID: requestID) {
                lastText = text
                let say = "Dejo «\(title)»: no tenía nada anotado."
                return (Reply(messages: prefix + [say] + reply.0.messages, expects: reply.0.expects), reply.1)
            }
            state = previous
        }
        // «oye no, esto es de la red Los Copihues» while a record is being told: the draft moves there.
        if state.current != nil, Self.saysBelongs(message.phrase), let current = snapshot?.network, NetworkIntro.mayNameNetwork(text),
           let reply = moveDraft(text, message: message, current: current, engine: engine, previous: previous, requestID: requestID) {
            lastText = text
            return (Reply(messages: prefix + reply.0.messages, expects: reply.0.expects), reply.1)
        }
        // «ahora en la otra red, <answer>» while a flow asks something (qa25: read as this
        // question's answer, in this network): the draft goes there and the rest is read there.
        // (Cheap first: «otra»/«otro» among the first words, then the bytes of «red».)
        if state.current != nil, !midFlow, message.phrase.tokens.prefix(6).contains(where: { $0 == "otra" || $0 == "otro" }),
           NetworkIntro.mayNameNetwork(text), let current = snapshot?.network,
           let rest = NetworkIntro.inOtherNetwork(text, minWords: 1),
           let reply = otherNetworkMidFlow(rest, current: current, engine: engine, previous: previous, requestID: requestID) {
            return (Reply(messages: prefix + reply.0.messages, expects: reply.0.expects), reply.1)
        }
        if midFlow, let current = snapshot?.network, let asked = state.current {
            let title = engine.catalog.flow(asked.flowID)?.title ?? ""
            let turn = run(Utterance("repetir"), snapshot: snapshot, engine: engine)
            let (reply, keys) = finish(turn, snapshot: snapshot.take(), engine: engine, previous: previous, requestID: requestID,
                                       expectsAsTurn: true)
            let what = NetworkIntro.asksAnotherNetwork(text) && !NetworkIntro.asksSwitchNetwork(text) ? "Para armar otra red" : "Para cambiar de red"
            let say = "\(what), primero terminemos «\(title)» en «\(current.name)», o escribe «cancelar» si ya no va."
            return (Reply(messages: prefix + [say] + reply.messages, expects: reply.expects), keys)
        }
        if atMenu, !mentionSettled, let current = snapshot?.network,
           let reply = otherNetworkTurn(text, message: message, current: current, engine: engine, previous: previous, requestID: requestID) {
            return (Reply(messages: prefix + reply.0.messages, expects: reply.0.expects), reply.1)
        }
        let turn = run(message, snapshot: snapshot, engine: engine)
        lastText = text
        let (reply, keys) = finish(turn, snapshot: snapshot.take(), engine: engine, previous: previous, requestID: requestID,
                                   expectsAsTurn: true)
        // Nearly always nothing comes before: no new array for the reply.
        return (Reply(messages: prefix.isEmpty ? reply.messages : prefix + reply.messages, expects: reply.expects), keys)
    }

    /// The titles of the flows waiting in pause («Registrar un acuerdo»), said as a list; nil when none.
    private func pausedTitles(_ engine: DialogEngine) -> String? {
        let titles = state.paused.compactMap { engine.catalog.flow($0.flowID)?.title }.map { "«\($0)»" }
        return titles.isEmpty ? nil : SlotValue.joinSpanish(titles)
    }

    /// Nothing asked but the menu: where `networkRequest` and `otherNetworkTurn` read a message.
    private static func atMenu(_ state: DialogState) -> Bool {
        state.current == nil && (state.pending == nil || state.pending?.isMenu == true)
    }

    /// «crear otra red», «necesito agregar mi segunda red, la Red X»: another network in the same
    /// store, set up from its first question (once created, the session works in it: its save
    /// names it). «cambiar de red», «pasemos a la red Lanco Norte»: another network of the store,
    /// named or asked for. Only with nothing in progress or paused, so no flow mixes two networks.
    /// Nil for any other message.
    private func networkRequest(_ text: String, message: Utterance, current: Network, engine: DialogEngine, previous: DialogState,
                                requestID: String?) -> (Reply, [SaveKey])? {
        guard Self.atMenu(state) else { return nil }
        // «Hola, soy supervisora del deprov. Necesito crear otra red»: the request after the
        // greeting and the self-introduction (pass 11, qa15: the menu came).
        let text = NetworkIntro.withoutOpening(text)
        // The turn's phrase when it is of this very text (nearly always: no opening cut, nothing
        // cleaned), else this text's own.
        let phrase = message.clean == text ? message.phrase : Phrase(text)
        assert(phrase.folded == Phrase(text).folded)
        // «volvamos a San Pablo»: a move to a network named without «red» (pass 10, qa16).
        var moved: Network?
        // «Red Directores Quilicura» alone (after «cambiar de red» moved to the other one): that network.
        if phrase.tokens.count <= 10, let n = NetworkIntro.namesOnly(text, phrase: phrase, among: (try? assistant.store.networks()) ?? []) {
            moved = n
        } else if !NetworkIntro.mayNameNetwork(text) {
            // Most messages name no network: they are not read word by word here.
            guard NetworkIntro.mayMove(text), let n = NetworkIntro.movesToNamed(text, among: (try? assistant.store.networks()) ?? []) else { return nil }
            moved = n
        }
        // «ahora en la otra red, el conversatorio del jueves se suspende»: the move, then the
        // request in that network (qa25: it started creating a network named after the request).
        let request = moved == nil ? NetworkIntro.inOtherNetwork(text) : nil
        let another = moved == nil && request == nil && NetworkIntro.asksAnotherNetwork(text)
        guard another || moved != nil || request != nil || NetworkIntro.asksSwitchNetwork(text) else { return nil }
        // «crear otra red» with a flow paused here: the new network is set up, and the session stays
        // here until what is paused is done (issue 12: it was refused as a change of network). The
        // paused draft never moves to the new network: its answers (people, records) are this one's.
        guard state.paused.isEmpty || another else {
            return (Reply(messages: ["Antes de cambiar de red, terminemos lo que quedó en pausa en «\(current.name)»: escribe «seguir» para retomarlo (y ahí «cancelar», si ya no va)."],
                          expects: engine.expectation(state)), [])
        }
        state.pending = nil
        if another {
            // What follows the request is read whole by the name's check, which says what it took
            // (name, kind, commune, region); «misma región» is this network's region.
            let said = NetworkIntro.anotherNetworkSaid(text), name = NetworkIntro.anotherNetworkName(text)
            var values: SlotValues = said.map { ["nombre": .text($0)] } ?? [:]
            if text.split(separator: ",").contains(where: { NetworkIntro.saysSameRegion(String($0)) }), let region = current.region {
                values["region"] = .text(region)
            }
            let echo = said != nil && name != nil && said == name && values["region"] == nil ? ["nombre: «\(name!)»"] : []
            let turn = engine.start("red", values: values, echo: echo, state: &state, context: engineContext(snapshot: nil))
            let (reply, keys) = finish(turn, snapshot: nil, engine: engine, previous: previous, requestID: requestID)
            let intro = pausedTitles(engine).map { "Armemos la otra red; \($0) sigue en pausa en «\(current.name)», y ahí volvemos cuando esté creada." }
                ?? "Armemos la otra red; cuando esté creada, seguimos trabajando en ella."
            return (Reply(messages: [intro] + reply.messages, expects: reply.expects), keys)
        }
        let all = (try? assistant.store.networks()) ?? []
        // «ahora en la otra red, <request>» with no other network: there is only this one, and the
        // request is handled here (qa25: it was dropped).
        if all.count <= 1, let request {
            let (reply, keys) = respond(request, requestID: requestID)
            return (Reply(messages: ["Por ahora trabajas solo en «\(current.name)», así que sigo aquí."] + reply.messages, expects: reply.expects), keys)
        }
        guard all.count > 1 else {
            return (Reply(messages: ["Por ahora trabajas solo en «\(current.name)». Si quieres armar otra, dime «crear otra red»."], expects: nil), [])
        }
        if let request {
            let others = all.filter { $0.id != current.id }
            held = request
            user.network = nil
            guard others.count == 1 else {
                choosing = others.map(\.id)
                offered = nil
                return (Reply(messages: ["¿En cuál red lo anoto?"], expects: networkExpectation(others)), [])
            }
            user.network = others[0].id
            held = nil
            let (reply, keys) = respond(request, requestID: nil)
            return (Reply(messages: ["Listo, ahora trabajamos en «\(others[0].name)»."] + reply.messages, expects: reply.expects), keys)
        }
        let target = NetworkIntro.switchTarget(text)
        let said = moved ?? (target.isEmpty ? nil : Self.network(named: target, among: all))
        if let said, said.id == current.id { return (Reply(messages: ["Ya estamos en «\(said.name)»."], expects: nil), []) }
        let others = all.filter { $0.id != current.id }
        guard let named = said ?? (others.count == 1 ? others[0] : nil) else {
            choosing = others.map(\.id)
            user.network = nil
            return (Reply(messages: ["¿A cuál red nos cambiamos?"], expects: networkExpectation(others)), [])
        }
        user.network = named.id
        return (Reply(messages: ["Listo, ahora trabajamos en «\(named.name)»."], expects: nil), [])
    }

    /// A message that names another of the person's networks, said with nothing in progress
    /// («en la reunión de hoy en Vilcún acordamos…» while working in «Red Lautaro Rural»,
    /// `NetworkMention`). A question is answered from each network it names, each under its name
    /// («¿qué acuerdos hay en la red Vilcún Centro?», «… en las dos redes?»); a request that would
    /// save something is never saved silently in the network we are in: Minga offers the one it
    /// names («sí» works there, «no» stays) and handles the message once that is settled.
    /// Nil when the message names no other network, or is neither (the normal turn handles it).
    private func otherNetworkTurn(_ text: String, message: Utterance, current: Network, engine: DialogEngine, previous: DialogState,
                                  requestID: String?) -> (Reply, [SaveKey])? {
        guard Self.atMenu(state) else { return nil }
        let all = (try? assistant.store.networks()) ?? []
        let spoken = message.clean == text ? message.phrase : Phrase(text)
        guard all.count > 1, let named = NetworkMention.named(in: spoken, among: all) ?? NetworkMention.byKind(spoken, among: all, current: current),
              !(named.count == 1 && named[0].id == current.id) else { return nil }
        func snapshot(_ network: Network) -> NetworkSnapshot? {
            network.id == current.id ? resolveNetwork()?.value : (try? assistant.store.snapshot(network: network.id))?.value.live
        }
        // What the message is, read in the first network it names (the state untouched).
        var probe = state
        let first = named.first { $0.id != current.id } ?? named[0]
        let asked = engine.handle(message, state: &probe, context: engineContext(snapshot: snapshot(first)))
        let answers = asked.effects.contains { if case .answer = $0 { true } else { false } }
        let saves = asked.effects.contains { if case .save = $0 { true } else { false } }
        if answers, !saves, probe.current == nil {
            // The answers read the question's own words.
            lastText = text
            var messages: [String] = []
            var keys: [SaveKey] = []
            var last = state
            for network in named {
                guard let read = snapshot(network) else { continue }
                var scratch = state
                let turn = engine.handle(message, state: &scratch, context: engineContext(snapshot: read))
                let before = state
                state = scratch
                let (reply, more) = finish(turn, snapshot: read, engine: engine, previous: before, requestID: requestID)
                last = state
                state = before
                messages.append("En «\(network.name)»:")
                messages += reply.messages
                keys += more
            }
            state = last
            return (Reply(messages: messages, expects: engine.expectation(state)), keys)
        }
        // Neither a question nor a request (not understood): the normal turn says so.
        guard probe.current != nil || saves else { return nil }
        let others = named.filter { $0.id != current.id }
        let said = others.count == 1 ? "Eso parece de «\(others[0].name)»" : "Eso nombra otra red"
        guard state.paused.isEmpty else {
            return (Reply(messages: ["\(said). Antes de cambiar de red, terminemos lo que quedó en pausa en «\(current.name)»: escribe «seguir» para retomarlo (y ahí «cancelar», si ya no va)."],
                          expects: engine.expectation(state)), [])
        }
        state.pending = nil
        held = text
        user.network = nil
        if others.count == 1 {
            choosing = [others[0].id, current.id]
            offered = current.id
            return (Reply(messages: ["\(said), y estamos trabajando en «\(current.name)». ¿Lo anoto en «\(others[0].name)»? Responde «sí», o «no» para dejarlo en «\(current.name)»."],
                          expects: Expectation(flow: "red", slot: "elegir", type: .choice, choices: [others[0].name, current.name])), [])
        }
        choosing = named.map(\.id)
        offered = nil
        return (Reply(messages: ["\(said). ¿En cuál red lo anoto?"], expects: networkExpectation(named)), [])
    }

    /// «oye no, esto es de la red Los Copihues», «esto va en la red X», «es para el microcentro X»
    /// while a flow is being answered: the record being told belongs to another network of the
    /// store. The run moves there as it is (nothing said is lost), in one line, and its question
    /// comes again; a run that already points at a record of this network (a meeting's number)
    /// can't move, and says how to go on. Nil for any other message.
    private func moveDraft(_ text: String, message: Utterance, current: Network, engine: DialogEngine, previous: DialogState,
                           requestID: String?) -> (Reply, [SaveKey])? {
        guard let run = state.current, state.stack.count == 1, state.paused.isEmpty, state.pending == nil, run.check == nil,
              Self.saysBelongs(message.phrase) else { return nil }
        let all = (try? assistant.store.networks()) ?? []
        guard all.count > 1, let named = NetworkMention.named(in: message.phrase, among: all), named.count == 1,
              named[0].id != current.id else { return nil }
        let target = named[0]
        let flow = engine.catalog.flow(run.flowID)
        let title = flow?.title ?? ""
        if let flow, flow.slots.contains(where: { $0.type == .number && run.values[$0.name] != nil }) {
            let here = resolveNetwork()?.value
            let turn = self.run(Utterance("repetir"), snapshot: here, engine: engine)
            let (reply, keys) = finish(turn, snapshot: here, engine: engine, previous: previous, requestID: requestID,
                                       expectsAsTurn: true)
            let say = "«\(title)» ya apunta a un registro de «\(current.name)», así que no puedo llevarlo a «\(target.name)». Termínalo o escribe «cancelar», y después dime «cambiar a la red \(target.name)»."
            return (Reply(messages: [say] + reply.messages, expects: reply.expects), keys)
        }
        let before = resolveNetwork()?.value
        user.network = target.id
        let moved = resolveNetwork()?.value
        var said = ["Listo, lo llevo a «\(target.name)»; ahí seguimos trabajando."]
        if let flow, let before, let moved, let regrouped = Self.everyoneAgain(in: flow, values: state.current?.values ?? [:], said: state.current?.everyoneSaid, from: before, to: moved, me: user.name.map { EditarMiembroFlow.speaker($0, in: moved)?.name ?? $0 }) {
            state.current?.values = regrouped.values
            said += regrouped.lines
        }
        let turn = self.run(Utterance("repetir"), snapshot: moved, engine: engine)
        let (reply, keys) = finish(turn, snapshot: moved, engine: engine, previous: previous, requestID: requestID, expectsAsTurn: true)
        return (Reply(messages: said + reply.messages, expects: reply.expects), keys)
    }

    /// «ahora en la otra red, <rest>» while a flow asks something: with one other network the
    /// draft moves there as `moveDraft` moves it and `rest` is read there as this turn; with no
    /// other network Minga says so and reads `rest` here. A `rest` that starts another flow does
    /// not move this one (it belongs here): the flow is finished or cancelled first. Nil when
    /// the run can't move (a check pending, a paused flow) or there are several other networks.
    private func otherNetworkMidFlow(_ rest: String, current: Network, engine: DialogEngine, previous: DialogState,
                                     requestID: String?) -> (Reply, [SaveKey])? {
        guard let run = state.current, state.stack.count == 1, state.paused.isEmpty, state.pending == nil, run.check == nil else { return nil }
        let all = (try? assistant.store.networks()) ?? []
        let others = all.filter { $0.id != current.id }
        guard others.count <= 1 else { return nil }
        let flow = engine.catalog.flow(run.flowID)
        let title = flow?.title ?? ""
        var said: [String]
        if let target = others.first {
            let here = resolveNetwork()?.value
            // What the rest is, read in this flow (the state untouched): another flow's request
            // is no part of this draft.
            var probe = state
            _ = engine.handle(Utterance(rest), state: &probe, context: engineContext(snapshot: here))
            let startsOther = probe.current.map { $0.flowID != run.flowID } ?? false || !probe.paused.isEmpty || probe.pending != nil
            let pinned = flow?.slots.contains(where: { $0.type == .number && run.values[$0.name] != nil }) ?? false
            if startsOther || pinned {
                let turn = self.run(Utterance("repetir"), snapshot: here, engine: engine)
                let (reply, keys) = finish(turn, snapshot: here, engine: engine, previous: previous, requestID: requestID, expectsAsTurn: true)
                let say = pinned && !startsOther
                    ? "«\(title)» ya apunta a un registro de «\(current.name)», así que no puedo llevarlo a «\(target.name)». Termínalo o escribe «cancelar», y después dime «cambiar a la red \(target.name)»."
                    : "Para pasar a «\(target.name)», primero terminemos «\(title)» en «\(current.name)», o escribe «cancelar» si ya no va. Después me lo repites."
                return (Reply(messages: [say] + reply.messages, expects: reply.expects), keys)
            }
            user.network = target.id
            let moved = resolveNetwork()?.value
            said = ["Listo, lo llevo a «\(target.name)»; ahí seguimos trabajando."]
            if let flow, let here, let moved,
               let regrouped = Self.everyoneAgain(in: flow, values: state.current?.values ?? [:], said: state.current?.everyoneSaid, from: here, to: moved, me: user.name.map { EditarMiembroFlow.speaker($0, in: moved)?.name ?? $0 }) {
                state.current?.values = regrouped.values
                said += regrouped.lines
            }
        } else {
            said = ["Por ahora trabajas solo en «\(current.name)», así que sigo aquí."]
        }
        let snapshot = resolveNetwork()?.value
        let turn = self.run(Utterance(rest), snapshot: snapshot, engine: engine)
        lastText = rest
        let (reply, keys) = finish(turn, snapshot: snapshot, engine: engine, previous: previous, requestID: requestID, expectsAsTurn: true)
        return (Reply(messages: said + reply.messages, expects: reply.expects), keys)
    }

    /// A moved draft's lists of people that were the whole old network («todos»): the whole new
    /// network now (they kept the old network's members). Nil when no list was. `said`: the
    /// fields said as everyone (`FlowRun.everyoneSaid`): «yo» in a network of one, or every
    /// member by name, is what was said, not «todos» (nil, from a session saved before: any
    /// list that was the whole network).
    static func everyoneAgain(in flow: FlowDefinition, values: SlotValues, said: [String]? = nil, from old: NetworkSnapshot, to new: NetworkSnapshot,
                              me: String?) -> (values: SlotValues, lines: [String])? {
        func everyone(_ s: NetworkSnapshot) -> [String] {
            var names = s.members.map(\.name)
            if let me, !names.contains(me) { names.append(me) }
            return names
        }
        let was = everyone(old), now = everyone(new)
        var values = values, lines: [String] = []
        for slot in flow.slots where slot.type == .people {
            guard let list = values[slot.name]?.listValue, !list.isEmpty, Set(list) == Set(was), Set(list) != Set(now),
                  said?.contains(slot.name) ?? true else { continue }
            values[slot.name] = .list(now)
            let label = slot.label.prefix(1).uppercased() + slot.label.dropFirst()
            lines.append("\(label): ahora todos los de «\(new.network.name)»: \(SlotValue.joinSpanish(now)).")
        }
        return lines.isEmpty ? nil : (values, lines)
    }

    /// «esto es de la red X», «oye no, eso va en el microcentro X», «es para la red X»: a record
    /// said to belong somewhere, in a short message (the network's name is checked by the caller).
    static func saysBelongs(_ phrase: Phrase) -> Bool {
        // Read in place: this runs on every answer inside a flow (an array and three literals
        // built per call cost ~900 instructions a turn).
        let t = phrase.tokens
        guard t.count >= 3, let first = t.firstIndex(where: { !belongsLeads.contains($0) }) else { return false }
        guard (3...12).contains(t.count - first) else { return false }
        let i = belongsSubjects.contains(t[first]) ? first + 1 : first
        return i + 1 < t.count && belongsVerbs.contains(t[i]) && belongsLinks.contains(t[i + 1])
    }

    static let belongsLeads: WordSet = ["oye", "no", "ah", "uy", "perdon", "espera", "ojo", "pero", "ya", "mejor", "chuta", "y", "minga"]
    static let belongsSubjects: WordSet = ["esto", "eso", "este", "esta", "esa", "ese", "lo", "todo"]
    static let belongsVerbs: WordSet = ["es", "era", "va", "iba", "corresponde", "pertenece", "queda"]
    static let belongsLinks: WordSet = ["de", "del", "para", "pa", "en", "a", "al"]

    /// One pass through the engine per message: the flows' extensions come with the context,
    /// which ends here (with its copy of the snapshot).
    private func run(_ message: Utterance, snapshot: NetworkSnapshot?, engine: DialogEngine) -> Turn {
        engine.handle(message, state: &state, context: engineContext(snapshot: snapshot))
    }

    /// Drops the unfinished flows (protocol `reset`), keeping what was saved.
    public func reset() -> Reply {
        reloadIfChanged()
        opened = true
        state = DialogState()
        turns += 1
        persist(forgetting: [])
        return Reply(messages: ["Listo, dejé de lado lo que estábamos haciendo. ¿En qué te ayudo?"], expects: nil)
    }

    /// Applies a turn's effects in order. Returns the reply and the keys of the records saved,
    /// which the store may forget once the state after them is persisted.
    /// `expectsAsTurn`: `turn.expects` is `engine.expectation` of the state the engine left (as
    /// `DialogEngine.handle` gives it). The effects never change what it reads (the pending
    /// question, the flows), so it is the reply's too, unless a failed save puts the state back.
    private func finish(_ turn: Turn, snapshot: consuming NetworkSnapshot?, engine: DialogEngine, previous: DialogState,
                        requestID: String?, expectsAsTurn: Bool = false) -> (Reply, [SaveKey]) {
        var messages: [String] = []
        // Most effects say one line: room for them at once, not grown line by line.
        messages.reserveCapacity(turn.effects.count)
        var network = snapshot?.networkID
        var keys: [SaveKey] = []
        var wrote = false
        // A request said with a record saved, begun after the save (`.startFollowing`): the
        // reply expects what it asks.
        var startedFollowing = false
        // Most turns only say things: the day is read only for an effect that needs it.
        lazy var today = assistant.clock.today()
        // Several questions in one message: each answer reads the words of its own.
        let answers = turn.effects.count < 2 ? 0 : turn.effects.filter { if case .answer = $0 { true } else { false } }.count
        // «¿cuándo es la próxima reunión? y anota que…»: the question is only its own part.
        let severalParts = answers == 1 && lastText.contains("?")
            && lastText.split(whereSeparator: { "?.!;".contains($0) }).filter { $0.contains(where: \.isLetter) }.count > 1
        for (index, effect) in turn.effects.enumerated() {
            switch effect {
            case .say(let text):
                messages.append(text)
            case .answer(let query):
                let text = answers > 1 || severalParts ? DialogEngine.words(asking: query, in: lastText) ?? lastText : lastText
                // «¿a qué día quedó?», «¿y a qué hora era?» right after a record was moved, closed or
                // listed alone: about that record, not the next meeting.
                if query == .nextMeeting || query == .meetingDetails, !focusLost, let snapshot, let id = DialogEngine.focus(state),
                   DialogEngine.asksWhenOfFocus(Phrase(text)),
                   let about = Answers.focusWhen(id, snapshot: snapshot, today: today, now: assistant.clock.localNow()) {
                    messages += about
                    continue
                }
                focusLost = true
                messages += Answers.answer(query, snapshot: snapshot, today: today, user: me(in: snapshot), text: text,
                                           now: assistant.clock.localNow(), listing: &state.listing)
            case .startFollowing:
                // Begun on the store as this turn's saves left it.
                if wrote, let fresh = resolveNetwork()?.value { snapshot = fresh }
                let next = engine.startFollowing(state: &state, context: engineContext(snapshot: snapshot))
                let (more, moreKeys) = finish(next, snapshot: copy snapshot, engine: engine, previous: state, requestID: requestID)
                messages += more.messages
                keys += moreKeys
                startedFollowing = true
            case .closeRound(let flowID):
                // Written from the store as the round left it: the turn's own save included.
                if wrote, let fresh = resolveNetwork()?.value { snapshot = fresh }
                guard let snapshot, let flow = FlowRegistry.byID[flowID] else { continue }
                messages += flow.roundClosing(snapshot, today: today)
            case .learnedName(let name):
                // Only a writer who came without a name is asked it: a name sent wins.
                if user.name == nil { user.name = name; learnedName = name }
            case .addMembers(let names, let about):
                guard let network else { continue }
                wrote = true
                do {
                    for member in NewcomerDetails.members(names, about: about, since: today) {
                        try writer(network: network).saveMember(member, network: network)
                    }
                    messages.append(names.count == 1 ? "Agregué a \(names[0]) a la red." : "Agregué a \(SlotValue.joinSpanish(names)) a la red.")
                } catch {
                    messages.append("No pude agregar a \(SlotValue.joinSpanish(names)): \(error)")
                }
            case .completeMembers(let names, let about):
                // Only what a record lacks is written: a role or school it has stays (a different
                // one said is asked by the flow after this one).
                guard let network, let snapshot = resolveNetwork()?.value else { continue }
                for (name, said) in zip(names, about) {
                    guard var m = snapshot.live.members.first(where: { $0.name == name }),
                          let read = IncorporarVariosFlow.kept(name + " (" + said + ")").first else { continue }
                    var filled: [String] = []
                    if m.role == nil, let role = read.role { m.role = role; filled.append(role) }
                    if m.school == nil, let school = read.school { m.school = SpanishFormat.institutionName(school); filled.append(m.school ?? school) }
                    guard !filled.isEmpty else { continue }
                    wrote = true
                    do {
                        try writer(network: network).saveMember(m, network: network)
                        messages.append("Completé los datos de \(name): \(filled.joined(separator: ", ")).")
                    } catch {
                        messages.append("No pude completar los datos de \(name): \(error)")
                    }
                }
            case .save(let request):
                wrote = true
                var key = saveKey(request, requestID: requestID)
                // Two records of one turn that say the same (the same agreement twice in a batch)
                // are two saves: each its own key, as stable on a retry as the first.
                let own = key
                var copy = 0
                while keys.contains(key) {
                    copy += 1
                    key = own.part(copy)
                }
                // Held while the store writes, the snapshot would make it copy the network's
                // records to append one: let go unless an effect after this one reads it.
                if !turn.effects[(index + 1)...].contains(where: Self.readsSnapshot) { snapshot = nil }
                do {
                    // A retry must find this conversation's seed and turn on disk: a session that was
                    // never written writes its state from before this turn first.
                    if version == nil, brokenSessionFile == nil { persist(previous, forgetting: [], mayWait: false) }
                    let extra = try RecordWriter(store: writer(network: network), clock: assistant.clock, key: key)
                        .save(request, network: network, user: user)
                    keys.append(key)
                    // A flow that changes a record says what it was (keys «antes.…») so «deshacer» can put it back.
                    // (Most flows return none: the dictionary is not filtered into a new one then.)
                    let before = extra.keys.contains(where: { $0.hasPrefix("antes.") }) ? extra.filter { $0.key.hasPrefix("antes.") } : [:]
                    // A batch saved under one confirmation is undone as one.
                    let others = request.joinsPrevious ? state.lastSave.flatMap { $0.flow == request.flowID ? $0.records : nil } : nil
                    state.lastSave = extra["id"].map { LastSave(flow: request.flowID, record: $0, before: before.isEmpty ? nil : before, others: others) }
                    // «los dos» now says the records just saved, no longer those of a list shown before.
                    state.listing?.records = nil
                    // A network created while a flow of this one waits in pause («crear otra red»
                    // then): the session stays here, so the paused draft is finished where it began.
                    let stays = extra["red"] != nil && network != nil && pausedTitles(engine) != nil
                    if let networkID = extra["red"], !stays {
                        user.network = networkID
                        snapshot = (try? assistant.store.snapshot(network: networkID))?.value.live
                        network = snapshot?.networkID
                    }
                    messages.append(Template.render(request.done, flow: engine.catalog.flow(request.flowID),
                                                    values: request.values, extra: extra, today: today))
                    if stays, let here = snapshot?.network.name ?? (try? network.flatMap { try assistant.store.snapshot(network: $0).value.network.name }) {
                        // (The line on what is paused comes after, as after any save.)
                        let made = request.values["nombre"]?.textValue.map { "«\($0)»" } ?? "la red nueva"
                        messages.append("Seguimos en «\(here)» para terminar lo que quedó en pausa; después, «cambiar de red» te lleva a \(made).")
                    } else if extra["red"] != nil, state.pending == nil, state.stack.isEmpty, state.following?.isEmpty ?? true {
                        messages.append("¿Qué hacemos ahora? Puedes registrar un acuerdo, o preguntarme «¿qué acuerdos hay?».")
                    }
                } catch {
                    // Nothing is lost: back to the confirmation, values intact.
                    state = previous
                    assistant.logger.error("no se pudo guardar", metadata: ["error": "\(LogSafe.describe(error))"])
                    messages.append("No pude guardar: \(error) Escribe «sí» para intentarlo otra vez.")
                    return (Reply(messages: messages, expects: expecting(engine, snapshot)), keys)
                }
            }
        }
        if wrote, assistant.commitsEachTurn {
            do {
                try assistant.store.commit()
            } catch {
                // Written but maybe not on disk: say so rather than confirm.
                assistant.logger.error("no se pudo asegurar el guardado", metadata: ["error": "\(LogSafe.describe(error))"])
                messages = ["No pude asegurar en el disco lo que guardé: \(error) Revisa el espacio y los permisos del almacén."]
            }
        }
        // (Debug builds check the claim on every turn the tests and transcripts run.)
        assert(!expectsAsTurn || startedFollowing || turn.expects == expecting(engine, snapshot), "the effects changed what the reply expects")
        return (Reply(messages: messages, expects: expectsAsTurn && !startedFollowing ? turn.expects : expecting(engine, snapshot)), keys)
    }

    /// Effects that read the turn's snapshot (not only its network's id).
    private static func readsSnapshot(_ effect: Effect) -> Bool {
        switch effect {
        case .answer, .closeRound: true
        default: false
        }
    }

    /// The store one save writes through: with a history, its writes carry this member as their
    /// author (a new `AuthoredStore` per save, so one save's files become one commit).
    private func writer(network: String?) -> any MingaStore {
        guard let changes = assistant.changes else { return assistant.store }
        return AuthoredStore(base: assistant.store, recorder: changes,
                             note: ChangeNote(author: .member(name: user.name, id: user.id, network: network ?? user.network)))
    }

    /// A value as the save key spells it, fed to the key's hash piece by piece (string
    /// interpolation of an enum goes through reflection, which cost a seventh of an in-memory
    /// turn; joining the pieces into strings first cost most of what was left).
    /// The bytes are those of "t:" + text, "l:" + items joined by U+001F, "d:" + ISO date…
    private static func feed(_ value: SlotValue, into h: inout SaveKey.Hashing) {
        func ascii(_ s: StaticString) { s.withUTF8Buffer { h.add($0) } }
        switch value {
        case .text(let s): ascii("t:"); h.add(s)
        case .list(let items):
            ascii("l:")
            for (i, item) in items.enumerated() {
                if i > 0 { h.add(byte: 0x1F) }
                h.add(item)
            }
        case .date(let d): ascii("d:"); feed(d, into: &h)
        case .time(let t): ascii("h:"); feed(t, into: &h)
        case .dateTime(let dt): ascii("dt:"); feed(dt.date, into: &h); h.add(byte: UInt8(ascii: "T")); feed(dt.time, into: &h)
        case .dateRange(let a, let b): ascii("r:"); feed(a, into: &h); h.add(byte: UInt8(ascii: "/")); feed(b, into: &h)
        case .recurrence(let r):
            ascii("rr:"); h.add(r.rrule); h.add(byte: UInt8(ascii: "@")); h.add(r.time?.iso ?? "")
            h.add(byte: UInt8(ascii: "-")); h.add(r.endTime?.iso ?? "")
        case .duration(let m): ascii("m:"); h.add(String(m))
        case .number(let n): ascii("n:"); h.add(String(n))
        case .bool(let b): ascii(b ? "b:1" : "b:0")
        case .choice(let c): ascii("c:"); h.add(c)
        }
    }

    /// `date.iso`'s bytes ("2026-12-15"), fed without building the string (a date's `iso` was a
    /// sixth of a save key's cost).
    private static func feed(_ date: LocalDate, into h: inout SaveKey.Hashing) {
        guard (0..<10_000).contains(date.year), (0..<100).contains(date.month), (0..<100).contains(date.day) else {
            h.add(date.iso)
            return
        }
        feedDigits(date.year, 4, into: &h)
        h.add(byte: UInt8(ascii: "-"))
        feedDigits(date.month, 2, into: &h)
        h.add(byte: UInt8(ascii: "-"))
        feedDigits(date.day, 2, into: &h)
    }

    /// `time.iso`'s bytes ("09:30").
    private static func feed(_ time: LocalTime, into h: inout SaveKey.Hashing) {
        guard (0..<100).contains(time.hour), (0..<100).contains(time.minute) else {
            h.add(time.iso)
            return
        }
        feedDigits(time.hour, 2, into: &h)
        h.add(byte: UInt8(ascii: ":"))
        feedDigits(time.minute, 2, into: &h)
    }

    /// `n` (0 ≤ n < 10⁴) in decimal, zero-padded to `width` (≤ 4) digits, as `LocalDate.iso` pads.
    private static func feedDigits(_ n: Int, _ width: Int, into h: inout SaveKey.Hashing) {
        let digits = n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : 4
        var divisor = 1
        for _ in 1..<Swift.max(digits, width) { divisor *= 10 }
        while divisor > 0 {
            h.add(byte: UInt8(ascii: "0") + UInt8((n / divisor) % 10))
            divisor /= 10
        }
    }

    /// The identity of a save: who, where, what, and which run of the flow (this conversation's
    /// seed and the turn the flow began in), or else the client's id for the request.
    /// The digest is `SaveKey([storeKey, kind, content, "flujo", seed, started])`, where content
    /// joins "key=value" pairs (sorted by key) with U+001E; hashed as it is spelled, never built.
    private func saveKey(_ request: SaveRequest, requestID: String?) -> SaveKey {
        // The session's own key (the network the channel named, and the user), not the network
        // resolved since: a retry may resolve one that the first attempt had just created.
        var base = SaveKey.Hashing()
        base.add(storeKey)
        base.endPart()
        base.add(request.kind)
        base.endPart()
        // In name order, sorted as positions (the pairs themselves are not copied into a new array).
        let values = request.values
        var order = Array(values.indices)
        order.sort { values.name(at: $0) < values.name(at: $1) }
        for (i, at) in order.enumerated() {
            if i > 0 { base.add(byte: 0x1E) }
            base.add(values.name(at: at))
            base.add(byte: UInt8(ascii: "="))
            Self.feed(values.value(at: at), into: &base)
        }
        base.endPart()
        var own = base
        own.add("flujo")
        own.endPart()
        own.add(seed)
        own.endPart()
        own.add(String(request.started ?? -1))
        own.endPart()
        guard let requestID else { return own.key }
        var asked = base
        asked.add("pedido")
        asked.endPart()
        asked.add(requestID)
        asked.endPart()
        return own.key.or(asked)
    }

    private func persist(forgetting keys: [SaveKey]) {
        persist(state, forgetting: keys, mayWait: true)
    }

    /// Writes the conversation; once that state is on disk no retry can repeat the saves of
    /// `keys`, so the store forgets them. `mayWait`: the write may wait for the channel's next
    /// commit (a state that must be on disk before the record that follows it may not).
    private func persist(_ state: DialogState, forgetting keys: [SaveKey], mayWait: Bool) {
        guard brokenSessionFile == nil else { return }
        let saved = SavedSession(user: userDigest, network: user.network, state: state, seed: seed,
                                 turns: turns, answered: answered, choosing: choosing, held: held, offered: offered, name: learnedName)
        do {
            // The version comes from the write itself: no `stat` of the file after it.
            version = try assistant.store.saveSessionState(storeKey, saved, forgetting: keys, mayWait: mayWait)
        } catch {
            assistant.logger.error("no se guardó la sesión", metadata: ["error": "\(LogSafe.describe(error))"])
        }
    }

    // MARK: Context

    private func engineContext(snapshot: NetworkSnapshot?) -> EngineContext {
        let me = snapshot.map(speakerName) ?? user.name
        let names = snapshot.map { knownPeople($0, speaker: me) } ?? user.name.map { [$0] } ?? []
        let clock = assistant.clock
        let now = clock.now()
        var context = EngineContext(now: now, timeZone: clock.timeZone, localNow: clock.reading(now), members: names,
                                    userName: me, roster: snapshot == nil ? nil : names)
        context.turn = turns
        context.justGreeted = greeted
        context.snapshot = snapshot
        // «las vacaciones de invierno», «pal verano»: the network's own school calendar.
        context.temporal.region = snapshot?.networkRegion
        context.extensions = FlowRegistry.extensions
        return context
    }

    /// `assistant.people.names(in:speaker:)`, the same array as last turn while the snapshot is.
    private func knownPeople(_ snapshot: NetworkSnapshot, speaker: String?) -> [String] {
        keepFacts(of: snapshot)
        if fromSnapshot?.speaker == speaker, let names = fromSnapshot?.people { return names }
        let names = assistant.people.names(in: snapshot, speaker: speaker)
        fromSnapshot?.people = names
        fromSnapshot?.speaker = speaker
        return names
    }

    /// The session's user as the network's member they are: «Soledad Parra» is the member
    /// «Soledad Parra Muñoz» when she is the only one that name fits, so a «yo» is stored as a
    /// member's name (it was stored as «Soledad Parra», nobody in the network). The session's
    /// own name when none or several fit. Read once per revision of the snapshot.
    /// `speakerName` of `snapshot`, the session's name when there is none.
    private func me(in snapshot: NetworkSnapshot?) -> String? {
        guard let snapshot else { return user.name }
        return speakerName(snapshot)
    }

    private func speakerName(_ snapshot: NetworkSnapshot) -> String? {
        keepFacts(of: snapshot)
        if let known = fromSnapshot?.member, known.of == user.name { return known.name }
        let name = user.name.flatMap { me in
            snapshot.members.contains(where: { $0.name == me }) ? me : EditarMiembroFlow.speaker(me, in: snapshot)?.name
        } ?? user.name
        fromSnapshot?.member = (user.name, name)
        return name
    }

    /// Makes `fromSnapshot` this session's facts of `snapshot`: the ones kept when they are of
    /// its revision, else new ones (empty). Read in place, never copied out.
    private func keepFacts(of snapshot: NetworkSnapshot) {
        if fromSnapshot?.describes(snapshot) != true { fromSnapshot = SnapshotFacts(snapshot) }
    }

    /// The network this session works in: the one given or chosen, else the only one in the store,
    /// else the only one that lists the user among its members (a teacher of one network of a
    /// supervisor's store is not asked which). Otherwise there is none yet: `askNetwork` asks which.
    private func resolveNetworkID() -> String? {
        if let n = user.network { return n }
        let all = (try? assistant.store.networks()) ?? []
        guard let only = all.count == 1 ? all[0] : memberNetwork(among: all) else { return nil }
        user.network = only.id
        return only.id
    }

    /// A first hello that says who writes and where they work, from someone the network does not
    /// list as a member (read only for such a hello: the snapshot is looked at then).
    private func joiningHello(_ text: String) -> Bool {
        guard DialogEngine.introducesWithPlace(text), let id = resolveNetworkID(),
              let snapshot = try? assistant.store.snapshot(network: id).value.live else { return false }
        let name = user.name.map(TextFold.fold) ?? ""
        return !name.isEmpty && !snapshot.members.contains { TextFold.fold($0.name) == name }
    }

    /// The one network among `all` whose members include the user, by name; nil when none or
    /// several do (a member of two networks chooses).
    private func memberNetwork(among all: [Network]) -> Network? {
        guard all.count > 1, let name = user.name.map(TextFold.fold), !name.isEmpty else { return nil }
        var found: Network?
        for network in all {
            guard let snapshot = try? assistant.store.snapshot(network: network.id).value.live,
                  snapshot.members.contains(where: { TextFold.fold($0.name) == name }) else { continue }
            if found != nil { return nil }
            found = network
        }
        return found
    }

    /// With several networks in the store and none named by the channel, Minga asks which one
    /// instead of picking for the user; `held` is the message to handle once it is known.
    private func askNetwork(held text: String?, greet: Bool) -> Reply? {
        let all = (try? assistant.store.networks()) ?? []
        guard all.count > 1, resolveNetworkID() == nil else { return nil }
        choosing = all.map(\.id)
        offered = nil
        if let text, !DialogEngine.isGreeting(text) { held = text }
        var messages: [String] = []
        if greet { messages.append("¡Hola\(user.firstName.map { ", \($0)" } ?? "")! Soy Minga.") }
        messages.append("En este almacén hay \(all.count) redes. ¿En cuál trabajas? Te lo pregunto una sola vez.")
        return Reply(messages: messages, expects: networkExpectation(all))
    }

    private static let newNetworkChoice = "Crear una red nueva"

    private func networkExpectation(_ all: [Network]) -> Expectation {
        Expectation(flow: "red", slot: "elegir", type: .choice, choices: all.map(\.name) + [Self.newNetworkChoice])
    }

    /// The answer to «¿en cuál trabajas?»: a number, the network's name or part of it, or a new one.
    private func pickNetwork(_ text: String, requestID: String?) -> (Reply, [SaveKey]) {
        let stored = (try? assistant.store.networks()) ?? []
        // In the order offered (the store's, unless one network was offered first).
        let all = choosing.map { ids in ids.compactMap { id in stored.first { $0.id == id } } } ?? stored
        let folded = TextFold.fold(text).trimmingCharacters(in: .whitespacesAndNewlines)
        let number = NumberParser.parse(text)
        var picked: Network?
        var byWords = false
        if offered != nil, all.count == 2, let yes = YesNo.parse(text) {
            // «¿Lo anoto en «Red Vilcún Centro»?»: «sí» there, «no» in the one we were in.
            picked = yes ? all[0] : all[1]
        } else if let number, (1...max(1, all.count)).contains(number), folded.count <= 12, !all.isEmpty {
            picked = all[number - 1]
        } else if !folded.isEmpty {
            picked = Self.network(named: folded, among: all)
            byWords = true
        }
        let wantsNew = number == all.count + 1 || ["nueva", "crear", "otra red", "ninguna"].contains { folded.contains($0) }
        if picked == nil && wantsNew {
            choosing = nil
            held = nil
            let engine = assistant.flows.engine
            let turn = engine.start("red", state: &state, context: engineContext(snapshot: nil))
            return finish(turn, snapshot: nil, engine: engine, previous: state, requestID: requestID)
        }
        guard let picked else {
            return (Reply(messages: ["No reconocí esa red. Escribe su número o su nombre."], expects: networkExpectation(all)), [])
        }
        user.network = picked.id
        choosing = nil
        var waiting = held
        // «hola soy jefe utp del liceo de maria elena, quiero reflexionar sobre una practica»: the
        // network named inside a request; the request goes on in it (qa28: it was dropped). Read
        // once, at the pick, only when the network was chosen by its words.
        if waiting == nil, byWords, Phrase(text).tokens.count >= 5, let read = resolveNetwork() {
            if case .startFlow = assistant.flows.engine.understand(Utterance(text), state: state, context: engineContext(snapshot: read.value)) {
                waiting = text
            }
        }
        held = nil
        let wasOffered = offered != nil
        offered = nil
        let chosen = wasOffered ? "Listo, lo anoto en «\(picked.name)»." : "Listo, trabajamos en «\(picked.name)». Lo recordaré la próxima vez."
        if let waiting {
            // Settled: the message is not offered another network again.
            mentionSettled = wasOffered
            defer { mentionSettled = false }
            let (reply, keys) = respond(waiting, requestID: nil)
            return (Reply(messages: [chosen] + reply.messages, expects: reply.expects), keys)
        }
        guard let read = resolveNetwork() else { return (Reply(messages: [chosen], expects: nil), []) }
        let lines = greeting(read.value).dropFirst()
        return (Reply(messages: [chosen] + problemMessages(read.problems) + lines, expects: assistant.flows.engine.expectation(state)), [])
    }

    /// The network an answer names: its whole name, or more of its own words (those not in every
    /// network's name, like «red») than any other's: «el de los copihues», «norte».
    static func network(named folded: String, among all: [Network]) -> Network? {
        // Function words («los otros dos», «para la de mañana») name no network, even when one's
        // name has them («Microcentro Los Aromos»).
        func words(_ s: String) -> Set<Substring> {
            Set(s.split { !$0.isLetter && !$0.isNumber }
                .filter { ($0.count > 2 || $0.allSatisfy(\.isNumber)) && !Self.namelessWords.contains(String($0)) })
        }
        if let exact = all.first(where: { TextFold.fold($0.name) == folded || $0.id == folded }) { return exact }
        let said = words(folded)
        let names = all.map { words(TextFold.fold($0.name)) }
        let common = names.dropFirst().reduce(names.first ?? []) { $0.intersection($1) }
        let scores = names.map { $0.subtracting(common).intersection(said).count }
        guard let best = scores.max(), best > 0, scores.filter({ $0 == best }).count == 1 else { return nil }
        return all[scores.firstIndex(of: best)!]
    }

    /// Folded words too common to tell one network's name from another's.
    private static let namelessWords: Set<String> = [
        "los", "las", "del", "con", "que", "por", "para", "pal", "una", "uno", "unos", "unas", "sin", "mas", "otra", "otro",
        "otras", "otros", "esa", "ese", "esta", "este", "sus", "nos", "les",
    ]

    private func resolveNetwork() -> StoreRead<NetworkSnapshot>? {
        guard let id = resolveNetworkID() else { return nil }
        do {
            // Records deleted by mistake stay in their files, out of every answer.
            let read = try assistant.store.snapshot(network: id)
            return StoreRead(value: read.value.live, problems: read.problems)
        } catch StoreError.notFound {
            // A network the client named that doesn't exist (yet): the conversation sets one up.
            assistant.logger.debug("red desconocida", metadata: ["network": "\(LogSafe.fingerprint(id))"])
            return nil
        } catch {
            assistant.logger.error("no se puede leer la red", metadata: ["network": "\(LogSafe.fingerprint(id))", "error": "\(LogSafe.describe(error))"])
            return nil
        }
    }

    /// When the network's own file was broken by hand, Minga says so and waits: it must not
    /// start creating a new network, nor write anything, until a person fixes the file.
    private func unreadableNetwork() -> Reply? {
        let problems = assistant.store.unreadableNetworks()
        guard !problems.isEmpty else { return nil }
        return Reply(messages: problems.map { "No puedo abrir la red. \($0)" }
            + ["Cuando lo corrijas, escríbeme de nuevo y seguimos donde quedamos."], expects: nil)
    }

    private func problemMessages(_ problems: [StoreError]) -> [String] {
        problems.map { "Ojo: \($0)" }
    }
}
