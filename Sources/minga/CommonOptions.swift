import ArgumentParser
import Assistant
import CivilTime
import FileStore
import Foundation

/// `--store`, `--now`, `--tz`: shared by every command that reads the store or the time.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "Carpeta del almacén (por defecto $MINGA_STORE o ~/.local/share/minga).")
    var store: String?

    @Option(name: .long, help: "Congela el reloj en esta fecha y hora (AAAA-MM-DDTHH:MM, hora local).")
    var now: String?

    @Option(name: .long, help: "Zona horaria.")
    var tz: String = "America/Santiago"

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

    func openStore() throws -> FileStore {
        do {
            return try FileStore(root: storeURL)
        } catch {
            throw CLIError("No pude abrir el almacén en \(storeURL.path): \(error)")
        }
    }
}

/// An error whose text is for the user (Spanish), printed without a stack of detail.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ text: String) { description = text }
}

/// Loads the dialog flows, or explains which file is wrong (chat and serve refuse to start).
func loadFlows() throws -> FlowSource {
    let dir = FlowSource.defaultDirectory()
    do {
        return try FlowSource(directory: dir)
    } catch {
        throw CLIError("Hay errores en los diálogos (\(dir.path)); corrígelos antes de empezar:\n\(error)")
    }
}
