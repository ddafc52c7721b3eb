import ArgumentParser
import Foundation
import StoreHistory

/// `minga sync [REMOTO]`: exchanges changes with a git remote.
struct Sync: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "Intercambia los cambios con el almacén compartido (un remoto git).",
        discussion: """
        La primera vez indica el remoto (una carpeta con un repositorio git «bare», o una URL ssh); queda guardado \
        y después basta «minga sync». Los registros creados en dos lugares con el mismo número se renumeran de este \
        lado sin perder ninguno; si dos lugares cambiaron el mismo dato, quedan los dos y «minga conflictos» los muestra.
        """)

    @OptionGroup var options: StoreOptions

    @Argument(help: ArgumentHelp("El remoto: una ruta o una URL ssh (solo la primera vez).", valueName: "remoto"))
    var remote: String?

    func run() throws {
        let history = try options.requireHistory()
        do {
            let report = try history.sync(remote: remote)
            for line in report.summary { print(line) }
        } catch {
            throw CLIError("\(error)")
        }
    }
}
