import CivilTime
import DialogEngine
import Domain
import FileStore
import Foundation
import Understanding

/// One user's conversation: restores its dialog state, runs turns through the engine, applies
/// the effects (store writes, answers) and saves the state after every turn.
///
/// Not thread-safe by design: a channel must run one user's turns one at a time.
public final class Session {
    public let assistant: Assistant
    public private(set) var user: UserRef
    public private(set) var state: DialogState
    private var saves = 0
    private var opened = false
    /// The message being answered, for queries that name a person or a topic.
    private var lastText = ""

    init(assistant: Assistant, user: UserRef) {
        self.assistant = assistant
        self.user = user
        storeKey = SessionKey.make(network: nil, user: user.id)
        state = DialogState()
        do {
            if let saved = try assistant.store.loadSessionState(storeKey, as: SavedSession.self), saved.user == user.id {
                state = saved.state
                saves = saved.saves ?? 0
                if self.user.network == nil { self.user.network = saved.network }
            }
        } catch let e as StoreError {
            // Broken by hand: said once at the opening, and never overwritten.
            if case .brokenFile = e { brokenSessionFile = e }
        } catch {}
    }

    private let storeKey: String
    /// The session file, when a person broke it: reported, left as it is (state kept in memory).
    private var brokenSessionFile: StoreError?

    /// What is persisted per user: the dialog state and the network it belongs to.
    struct SavedSession: Codable, Sendable {
        var user: String
        var network: String?
        var state: DialogState
        /// Records saved so far by this session: the idempotency key of the next save.
        var saves: Int?
    }

    /// True once `open()` ran (channels without a "start" event open on the first message).
    public var isOpen: Bool { opened }

    // MARK: Opening

    /// The first words of a session: set-up on an empty store, the question a restarted flow
    /// was waiting on, or a greeting with what is pending.
    public func open() -> Reply {
        var reply = openReply()
        if let brokenSessionFile { reply.messages.insert("Ojo: \(brokenSessionFile)", at: 0) }
        return reply
    }

    private func openReply() -> Reply {
        opened = true
        let engine = assistant.flows.engine
        let context = engineContext(snapshot: nil)
        guard let snapshot = resolveNetwork() else {
            if let blocked = unreadableNetwork() { return blocked }
            if state.current?.flowID == "red" {
                let turn = engine.resume(state: &state, context: context)
                return finish(turn, snapshot: nil, engine: engine, previous: state)
            }
            var messages = [
                "¡Hola\(user.firstName.map { ", \($0)" } ?? "")! Soy Minga, el asistente que ayuda a tu red a llevar sus acuerdos, encuentros y aprendizajes.",
                "Todavía no conozco tu red, así que partamos por ahí.",
            ]
            state = DialogState()
            let turn = engine.start("red", state: &state, context: context)
            let reply = finish(turn, snapshot: nil, engine: engine, previous: DialogState())
            messages += reply.messages
            return Reply(messages: messages, expects: reply.expects)
        }
        var messages = problemMessages(snapshot.problems)
        let ctx = engineContext(snapshot: snapshot.value)
        if state.current != nil {
            let turn = engine.resume(state: &state, context: ctx)
            let reply = finish(turn, snapshot: snapshot.value, engine: engine, previous: state)
            return Reply(messages: messages + reply.messages, expects: reply.expects)
        }
        messages += greeting(snapshot.value)
        return Reply(messages: messages, expects: engine.expectation(state))
    }

    func greeting(_ snapshot: NetworkSnapshot) -> [String] {
        let today = assistant.clock.today()
        var lines = ["Hola\(user.firstName.map { ", \($0)" } ?? ""). Estamos en «\(snapshot.network.name)»."]
        lines += Answers.pending(snapshot, today: today, user: user.name)
        lines += Answers.upcoming(snapshot, today: today, now: assistant.clock.localNow(), user: user.name)
        lines.append("¿En qué te ayudo? Por ejemplo: «registrar un acuerdo» o «¿qué acuerdos están vencidos?».")
        return lines
    }

    // MARK: Turns

    /// One message from the user.
    public func handle(_ text: String) -> Reply {
        var prefix: [String] = []
        if !opened {
            // Channels without a start event (socket, `chat --json`) open on the first message.
            let resuming = state.current != nil
            let opening = open()
            if !resuming {
                // On an empty store the first message is a hello: set-up begins with the opening.
                if resolveNetworkID() == nil { return opening }
                // A first "hola" is answered by the greeting itself, not by a second hello and the menu.
                if DialogEngine.isGreeting(text) { return opening }
                prefix = opening.messages
            }
        }
        // Characters are never more than bytes: count them only when the bytes are too many.
        if text.utf8.count > Assistant.maxMessageLength, text.count > Assistant.maxMessageLength {
            let reply = Reply(messages: ["Tu mensaje es muy largo (\(text.count) caracteres). ¿Me lo resumes en menos de \(Assistant.maxMessageLength)?"],
                              expects: assistant.flows.engine.expectation(state))
            return Reply(messages: prefix + reply.messages, expects: reply.expects)
        }
        let engine = assistant.flows.engine
        let read = resolveNetwork()
        if read == nil, let blocked = unreadableNetwork() { return Reply(messages: prefix + blocked.messages, expects: nil) }
        let previous = state
        let context = engineContext(snapshot: read?.value)
        let hooks = FlowHooks(engine: engine, snapshot: read?.value, context: context, userName: user.name)
        let message = Utterance(text)
        var turn = hooks.before(message, state: &state) ?? engine.handle(message, state: &state, context: context)
        turn = hooks.after(turn, text: text, previous: previous, state: &state)
        lastText = text
        let reply = finish(turn, snapshot: read?.value, engine: engine, previous: previous)
        return Reply(messages: prefix + reply.messages, expects: reply.expects)
    }

    /// Drops the unfinished flows (protocol `reset`), keeping what was saved.
    public func reset() -> Reply {
        opened = true
        state = DialogState()
        persist()
        return Reply(messages: ["Listo, dejé de lado lo que estábamos haciendo. ¿En qué te ayudo?"], expects: nil)
    }

    /// Applies a turn's effects in order, then persists the state.
    private func finish(_ turn: Turn, snapshot: NetworkSnapshot?, engine: DialogEngine, previous: DialogState) -> Reply {
        var messages: [String] = []
        var snapshot = snapshot
        let today = assistant.clock.today()
        for effect in turn.effects {
            switch effect {
            case .say(let text):
                messages.append(text)
            case .answer(let query):
                messages += Answers.answer(query, snapshot: snapshot, today: today, user: user.name, text: lastText,
                                           now: assistant.clock.localNow())
            case .addMembers(let names):
                guard let network = snapshot?.network.id else { continue }
                do {
                    for name in names {
                        try assistant.store.saveMember(Member(id: "", name: name, since: today), network: network)
                    }
                    messages.append(names.count == 1 ? "Agregué a \(names[0]) a la red." : "Agregué a \(SlotValue.joinSpanish(names)) a la red.")
                } catch {
                    messages.append("No pude agregar a \(SlotValue.joinSpanish(names)): \(error)")
                }
            case .save(let request):
                do {
                    // The key changes only once the state after this save is persisted: a retry
                    // after a crash in between reuses it and gets the record already written.
                    let key = "\(user.network ?? "")|\(user.id)|\(saves)"
                    let extra = try SaveKey.$current.withValue(key) {
                        try RecordWriter(store: assistant.store, clock: assistant.clock)
                            .save(request, network: snapshot?.network.id, user: user)
                    }
                    saves += 1
                    if let networkID = extra["red"] {
                        user.network = networkID
                        snapshot = (try? assistant.store.snapshot(network: networkID))?.value
                    }
                    messages.append(Template.render(request.done, flow: engine.catalog.flow(request.flowID),
                                                    values: request.values, extra: extra, today: today))
                    if extra["red"] != nil {
                        messages.append("¿Qué hacemos ahora? Puedes registrar un acuerdo, o preguntarme «¿qué acuerdos hay?».")
                    }
                } catch {
                    // Nothing is lost: back to the confirmation, values intact.
                    state = previous
                    assistant.logger.error("no se pudo guardar", metadata: ["error": "\(error)"])
                    messages.append("No pude guardar: \(error) Escribe «sí» para intentarlo otra vez.")
                    persist()
                    return Reply(messages: messages, expects: engine.expectation(state))
                }
            }
        }
        persist()
        return Reply(messages: messages, expects: engine.expectation(state))
    }

    private func persist() {
        guard brokenSessionFile == nil else { return }
        let saved = SavedSession(user: user.id, network: user.network, state: state, saves: saves)
        do {
            try assistant.store.saveSessionState(storeKey, saved)
        } catch {
            assistant.logger.error("no se guardó la sesión", metadata: ["error": "\(error)"])
        }
    }

    // MARK: Context

    private func engineContext(snapshot: NetworkSnapshot?) -> EngineContext {
        let names = snapshot.map { assistant.people.names(in: $0, speaker: user.name) } ?? user.name.map { [$0] } ?? []
        let clock = assistant.clock
        let now = clock.now()
        return EngineContext(now: now, timeZone: clock.timeZone, localNow: clock.reading(now), members: names,
                             userName: user.name, roster: snapshot == nil ? nil : names)
    }

    /// The network this session works in: the one given, else the only one in the store.
    private func resolveNetworkID() -> String? {
        if let n = user.network { return n }
        let all = (try? assistant.store.networks()) ?? []
        if let first = all.first {
            user.network = first.id
            return first.id
        }
        return nil
    }

    private func resolveNetwork() -> StoreRead<NetworkSnapshot>? {
        guard let id = resolveNetworkID() else { return nil }
        do {
            return try assistant.store.snapshot(network: id)
        } catch {
            assistant.logger.error("no se puede leer la red", metadata: ["network": "\(id)", "error": "\(error)"])
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
