import ArgumentParser
import Assistant
import CivilTime
import EmbeddedDialogs
import FileStore
import FlowFiles
import Foundation

/// `--store`, `--now`, `--tz`: shared by every command that reads the store or the time.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Carpeta del almacén (por defecto $MINGA_STORE o ~/.local/share/minga).",
                                            valueName: "carpeta"))
    var store: String?

    @Option(name: .long, help: ArgumentHelp("Congela el reloj en esta fecha y hora (AAAA-MM-DDTHH:MM, hora local).",
                                            valueName: "fecha-hora"))
    var now: String?

    @Option(name: .long, help: ArgumentHelp("Zona horaria.", valueName: "zona"))
    var tz: String = StoreOptions.defaultTimeZone

    static let defaultTimeZone = "America/Santiago"

    func validate() throws {
        guard TimeZone(identifier: tz) != nil else {
            throw ValidationError("No conozco la zona horaria «\(tz)». Prueba con America/Santiago.")
        }
        if let now, CivilTime.Clock.parseNow(now, timeZone: timeZone) == nil {
            throw ValidationError("No entendí --now «\(now)». Usa el formato 2026-11-25T10:00.")
        }
    }

    var timeZone: TimeZone { TimeZone(identifier: tz) ?? .santiago }

    var clock: CivilTime.Clock {
        if let now, let instant = CivilTime.Clock.parseNow(now, timeZone: timeZone) {
            return .fixed(instant, timeZone: timeZone)
        }
        return .system(timeZone: timeZone)
    }

    var storeURL: URL { store.map { URL(fileURLWithPath: $0) } ?? FileStore.defaultRoot() }

    /// Where the store's path came from, for messages that tell how to change it.
    var storeOrigin: StorePath.Origin {
        if store != nil { return .option }
        if let s = ProcessInfo.processInfo.environment["MINGA_STORE"], !s.isEmpty { return .environment }
        return .default
    }

    /// Opens the store to converse in it (`chat`, `serve`): a store that does not exist yet is
    /// created, after checking that it can be, so a failure says why.
    func openStore() throws -> FileStore {
        let path = StorePath(url: storeURL, origin: storeOrigin)
        if let problem = path.problemForWriting() { throw CLIError(problem) }
        do {
            return try FileStore(root: storeURL)
        } catch {
            throw CLIError("No pude abrir el almacén en \(storeURL.path): \(error)")
        }
    }

    /// Opens an existing store only to read it (`export`): never creates one, takes no lock,
    /// so a mistyped path is an error and a read-only store can still be exported.
    func openStoreForReading() throws -> FileStore {
        let path = StorePath(url: storeURL, origin: storeOrigin)
        if let problem = path.problemForReading() { throw CLIError(problem) }
        return FileStore(readingAt: storeURL)
    }
}

/// An error whose text is for the user (Spanish), printed without a stack of detail.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ text: String) { description = text }
}

/// `--dialogs`: the folder of dialog files, for the commands that converse.
struct DialogOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Carpeta de diálogos (*.yaml) en vez de los incluidos; se recargan al editarlos. También $MINGA_DIALOGS.",
        valueName: "carpeta"))
    var dialogs: String?

    /// Loads the dialog flows, or explains which file is wrong (chat and serve refuse to start).
    func load() throws -> FlowSource {
        let environment = dialogEnvironment()
        return try loadFlows(FlowSource.locate(option: dialogs, environment: environment), environment: environment)
    }
}

/// The variables that say where the dialogs and their compiled cache are, read one by one:
/// `ProcessInfo.environment` copies the whole environment into a new dictionary on every use
/// (twice per start-up, ~0.7M instructions before the first reply).
func dialogEnvironment() -> [String: String] {
    var environment: [String: String] = [:]
    for name in ["MINGA_DIALOGS", "XDG_CACHE_HOME", "HOME"] {
        if let value = getenv(name) { environment[name] = String(cString: value) }
    }
    return environment
}

/// The flows at `location`; a folder is reloaded when edited, the built-in dialogs never change.
func loadFlows(_ location: FlowSource.Location, environment: [String: String] = dialogEnvironment()) throws -> FlowSource {
    let cache = CompiledFlows.defaultDirectory(environment: environment)
    switch location {
    case .builtIn:
        do {
            return try FlowSource(files: EmbeddedDialogs.files, cache: cache)
        } catch {
            throw CLIError("Los diálogos incluidos en minga tienen errores (esto no debería pasar):\n\(error)")
        }
    case .folder(let dir, let reason):
        let from = switch reason {
        case .option: "indicados con --dialogs"
        case .environment: "indicados en $MINGA_DIALOGS"
        case .workingDirectory: "de la carpeta ./dialogs"
        case .checkout: "del repositorio donde se compiló minga"
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CLIError("No encuentro la carpeta de diálogos \(dir.path) (\(from)). Revisa la ruta, o quita "
                + "--dialogs y $MINGA_DIALOGS para usar los diálogos incluidos en minga.")
        }
        do {
            return try FlowSource(directory: dir, cache: cache)
        } catch {
            let alternative = reason == .option || reason == .environment
                ? ", o quita --dialogs y $MINGA_DIALOGS para usar los incluidos en minga" : ""
            throw CLIError("Hay errores en los diálogos \(from) (\(dir.path)); corrígelos antes de empezar\(alternative):\n\(error)")
        }
    }
}
