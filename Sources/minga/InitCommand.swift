import ArgumentParser
import FileStore
import Foundation
import StoreHistory

/// `minga init [--git] [--desde REMOTO]`: creates a store, optionally under git, or converts an
/// existing one; `--desde` starts it as a copy of a shared remote.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Crea un almacén, o le activa el historial (git).",
        discussion: """
        «minga init --git» crea el almacén con historial, o se lo activa a uno que ya existe (sus registros quedan \
        como están). «minga init --desde RUTA-O-URL» parte como copia de un almacén compartido, para trabajar sin \
        conexión y sincronizar después con «minga sync».
        """)

    @OptionGroup var options: StoreOptions

    @Flag(name: .long, help: "Lleva el historial del almacén con git: cada cambio queda anotado con quién lo hizo.")
    var git = false

    @Option(name: .customLong("desde"), help: ArgumentHelp("Copia un almacén compartido (ruta o URL ssh de git).", valueName: "remoto"))
    var from: String?

    func run() throws {
        let root = options.storeURL
        if let from {
            let existing = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
            guard existing.isEmpty else {
                throw CLIError("\(root.path) ya tiene archivos; para copiar un almacén compartido indica una carpeta nueva con --store.")
            }
            try? FileManager.default.removeItem(at: root)
            do {
                try GitHistory.clone(from: from, to: root)
                _ = try FileStore(root: root)
            } catch {
                throw CLIError("No pude copiar el almacén desde \(from): \(error)")
            }
            print("Listo: \(root.path) es una copia de \(from), con historial. Sincroniza cuando tengas conexión con «minga sync».")
            return
        }
        let store = try options.openStore()
        guard git else {
            print("El almacén está en \(store.root.path). Para llevar su historial: minga init --git")
            return
        }
        do {
            let created = try GitHistory.enable(at: root)
            print(created ? "Listo: el almacén \(root.path) lleva historial. Desde ahora cada cambio queda anotado con quién lo hizo."
                : "El almacén \(root.path) ya llevaba historial.")
        } catch {
            throw CLIError("No pude activar el historial: \(error)")
        }
    }
}
