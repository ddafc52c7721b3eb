import ArgumentParser
import Assistant
import FileStore
import Foundation
import Terminal
import Transcripts

/// `minga chat`: the conversation in a terminal (readline), from a pipe (plain lines), or as
/// socket protocol v1 over stdin/stdout (`--json`).
struct Chat: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat", abstract: "Conversa con Minga en la terminal.")

    @OptionGroup var options: StoreOptions

    @OptionGroup var dialogOptions: DialogOptions

    @Option(name: .long, help: ArgumentHelp("La red con que trabajar (su id), si el almacén tiene varias.", valueName: "red"))
    var network: String?

    @Option(name: .long, help: ArgumentHelp("Tu nombre, para saludarte y reconocer tus acuerdos.", valueName: "nombre"))
    var user: String?

    @Option(name: .long, help: ArgumentHelp("Guarda la conversación como transcripción en este archivo.", valueName: "archivo"))
    var record: String?

    @Flag(name: .long, help: "Habla el protocolo v1 (JSON por línea) por la entrada y salida estándar.")
    var json = false

    func run() throws {
        Self.growHeapsInLargerSteps()
        let store = try options.openStore()
        defer { store.finishBackgroundWrites() }
        // The network is read (from its index, usually) on the other core while the dialogs load.
        store.prefetch(network: network)
        let flows = try dialogOptions.load()
        let clock = options.clock
        // With --json the channel commits the saves of a batch of requests at once (group commit).
        let history = try options.openHistory()
        defer { history?.close() }
        let assistant = Assistant(store: store, flows: flows, clock: clock, commitsEachTurn: !json, changes: history)
        if json {
            // Replies wait for the batch's commit anyway: session states are written by it too,
            // once per user per batch.
            store.holdSessionWrites()
            JSONChat(assistant: assistant, network: network).run()
            return
        }
        let tty = standardInputIsTerminal()
        var readline = tty ? ReadlineReader(historyFile: ReadlineReader.defaultHistoryFile()) : nil
        // Who is typing: --user, else the name this store remembers, else (at a terminal) asked once.
        var name = user ?? TerminalIdentity.remembered(in: options.storeURL)
        if name == nil, readline != nil {
            guard let answer = TerminalIdentity.ask(reader: &readline!, proposal: TerminalIdentity.accountName()) else { return }
            TerminalIdentity.remember(answer, in: options.storeURL)
            name = answer
        }
        if name == nil { name = ProcessInfo.processInfo.environment["USER"].flatMap { $0 == "root" ? nil : $0 } }
        let session = assistant.session(for: UserRef(id: name ?? "terminal", name: name, network: network))
        var loop = ChatLoop(session: session, decorated: tty)
        var recorder = record.map { _ in
            TranscriptRecorder(title: "conversación grabada", now: options.now ?? clock.localNow().iso,
                               timeZone: options.tz, user: name ?? "terminal", network: nil)
        }
        let onTurn: ((String?, Reply) -> Void)? = recorder == nil ? nil : { input, reply in
            recorder?.record(input: input, reply: reply)
        }
        if var reader = readline {
            loop.run(reader: &reader, recorder: onTurn)
        } else {
            var reader = PlainLineReader()
            loop.run(reader: &reader, recorder: onTurn)
        }
        if let record, let recorder {
            do {
                try recorder.text.write(toFile: record, atomically: true, encoding: .utf8)
            } catch {
                throw CLIError("No pude guardar la transcripción en \(record): \(error)")
            }
        }
    }

    /// glibc grows a thread's heap a page or two at a time, one `mprotect` each (~400 while the
    /// network's index is decoded on the second thread before the first reply, on 10,000
    /// agreements), and each takes the address space's lock that the other thread's page faults
    /// wait for. Growing by 4 MB at a time took ~0.5 ms (3–4%) off that first reply; the pages
    /// are only touched when used, so resident memory does not grow.
    static func growHeapsInLargerSteps() {
        #if os(Linux)
        _ = glibcMallopt(-2 /* M_TOP_PAD */, 4 << 20)
        #endif
    }
}

#if os(Linux)
/// glibc's `mallopt` (`<malloc.h>`, which the Glibc module does not bring in).
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
