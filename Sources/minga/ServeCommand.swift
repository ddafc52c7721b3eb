import ArgumentParser
import Assistant
import Dispatch
import Foundation
import Logging
import MingaProtocol
import SocketServer

/// `minga serve`: socket protocol v1 for messaging bridges, over TCP and/or a Unix socket.
///
/// The root command is synchronous (the readline chat needs the main thread), so the server
/// runs in a detached task while the main thread parks in `dispatchMain()`; the task ends the
/// process with the exit code (0 after a graceful SIGTERM/SIGINT shutdown).
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Atiende a bots y puentes de mensajería por un socket (protocolo v1, JSON por línea).")

    @OptionGroup var options: StoreOptions

    @OptionGroup var dialogOptions: DialogOptions

    @Option(name: .long, help: ArgumentHelp("Escucha TCP en HOST:PUERTO (por defecto 127.0.0.1:7421 si no hay --unix).",
                                            valueName: "host:puerto"))
    var tcp: String?

    @Option(name: .long, help: ArgumentHelp("Escucha en este socket Unix (modo 0600; se borra al salir).", valueName: "ruta"))
    var unix: String?

    @Option(name: .long, help: ArgumentHelp("Archivo con el token que la primera línea debe traer ({\"type\":\"hello\",\"token\":…}).",
                                            valueName: "archivo"))
    var tokenFile: String?

    @Option(name: .long, help: ArgumentHelp("Nivel de registro: trace, debug, info, notice, warning, error, critical. Solo trace registra textos de usuarios.",
                                            valueName: "nivel"))
    var logLevel: String = "info"

    @Option(name: .long, help: ArgumentHelp("Formato de los registros: auto (journald si systemd lo indica con $JOURNAL_STREAM, si no texto), journal o texto.",
                                            valueName: "formato"))
    var logFormat: LogFormat = .auto

    @Option(name: .long, help: ArgumentHelp("Segundos sin una línea completa del cliente tras los cuales se cierra una conexión.",
                                            valueName: "segundos"))
    var idleTimeout: Int = 300

    @Option(name: .long, help: ArgumentHelp("Con token: segundos que tiene una conexión nueva para enviar un hello correcto antes de ser cerrada.",
                                            valueName: "segundos"))
    var helloTimeout: Int = 10

    @Option(name: .long, help: ArgumentHelp("Máximo de conexiones abiertas; las demás reciben «busy».", valueName: "cantidad"))
    var maxConnections: Int = 1024

    @Option(name: .long, help: ArgumentHelp("Días tras los cuales se borra el estado de una conversación terminada y sin uso.",
                                            valueName: "días"))
    var sessionRetention: Int = 30

    @Option(name: .long, help: ArgumentHelp("Máximo de conversaciones en memoria; las inactivas más antiguas se descargan (siguen en el almacén).",
                                            valueName: "cantidad"))
    var maxSessions: Int = 10_000

    func validate() throws {
        if let tcp, ServerConfiguration.Endpoint.parseTCP(tcp) == nil {
            throw ValidationError("No entendí --tcp «\(tcp)». Usa HOST:PUERTO, por ejemplo 127.0.0.1:7421.")
        }
        if Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError("Nivel de registro desconocido «\(logLevel)». Usa trace, debug, info, notice, warning, error o critical.")
        }
        if idleTimeout < 1 { throw ValidationError("--idle-timeout debe ser al menos 1 segundo.") }
        if helloTimeout < 1 { throw ValidationError("--hello-timeout debe ser al menos 1 segundo.") }
        if maxConnections < 1 { throw ValidationError("--max-connections debe ser al menos 1.") }
        if sessionRetention < 1 { throw ValidationError("--session-retention debe ser al menos 1 día.") }
        if maxSessions < 1 { throw ValidationError("--max-sessions debe ser al menos 1.") }
    }

    func run() throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        let journal = logFormat == .journal || (logFormat == .auto && JournalLogHandler.stderrIsJournal())
        LoggingSystem.bootstrap { label in
            if journal { return JournalLogHandler(label: label, logLevel: level) }
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "minga.serve")

        var endpoints: [ServerConfiguration.Endpoint] = []
        if let tcp, let endpoint = ServerConfiguration.Endpoint.parseTCP(tcp) { endpoints.append(endpoint) }
        if let unix { endpoints.append(.unix(path: unix)) }
        if endpoints.isEmpty { endpoints = [.defaultTCP] }
        let config = ServerConfiguration(endpoints: endpoints, token: try readToken(logger: logger),
                                         idleTimeout: .seconds(idleTimeout), helloTimeout: .seconds(helloTimeout),
                                         maxConnections: maxConnections)
        let problems = config.problems()
        guard problems.isEmpty else { throw CLIError(problems.joined(separator: "\n")) }

        let flows = try dialogOptions.load()
        let store = try options.openStore()
        let history = try options.openHistory()
        // The server's committer makes saves durable for all connections at once (group commit)
        // and holds each reply until then; a turn waiting on its own fsync would hold a thread.
        let assistant = Assistant(store: store, flows: flows, clock: options.clock, logger: Logger(label: "minga"),
                                  commitsEachTurn: false, changes: history)
        let server = MingaServer(configuration: config, hub: SessionHub(assistant: assistant, capacity: maxSessions), logger: logger)
        let retention = TimeInterval(sessionRetention) * 86_400
        // Finished conversations' files go after the retention period: at start, then daily.
        Task.detached {
            while true {
                let removed = assistant.sweepFinishedSessions(retention: retention)
                if removed > 0 { logger.info("conversaciones terminadas borradas", metadata: ["cantidad": "\(removed)"]) }
                try? await Task.sleep(for: .seconds(86_400))
            }
        }

        Task.detached {
            // The service group binds the sockets itself, after it listens for SIGTERM/SIGINT:
            // a signal sent as soon as the socket appears is a graceful stop, not a kill.
            do {
                try await server.runUntilSignalled()
                history?.close()
                Foundation.exit(0)
            } catch {
                FileHandle.standardError.write(Data("minga serve: \(error)\n".utf8))
                Foundation.exit(1)
            }
        }
        dispatchMain()
    }

    /// The token, trimmed; never logged.
    private func readToken(logger: Logger) throws -> String? {
        guard let tokenFile else { return nil }
        guard let data = FileManager.default.contents(atPath: tokenFile),
              let text = String(data: data, encoding: .utf8) else {
            throw CLIError("No pude leer el archivo de token \(tokenFile).")
        }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw CLIError("El archivo de token \(tokenFile) está vacío.") }
        if let mode = (try? FileManager.default.attributesOfItem(atPath: tokenFile))?[.posixPermissions] as? Int, mode & 0o077 != 0 {
            logger.warning("otros usuarios pueden leer el archivo del token; protégelo con chmod 600", metadata: ["file": "\(tokenFile)"])
        }
        return token
    }
}
