import ArgumentParser
import Foundation
import StoreHistory

/// `minga conflictos`: the fields two places changed at once, and how to settle each.
struct Conflicts: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflictos", abstract: "Muestra los datos que dos lugares cambiaron a la vez, y los resuelve.",
        discussion: "«minga conflictos resolver 1 --usar-otro» pone el otro valor; «--dejar» deja el que quedó.")

    @OptionGroup var options: StoreOptions

    @Argument(help: ArgumentHelp("«resolver» y el número del conflicto.", valueName: "acción"))
    var action: [String] = []

    @Flag(name: .customLong("usar-otro"), help: "Al resolver: usa el otro valor.")
    var useOther = false

    @Flag(name: .customLong("dejar"), help: "Al resolver: deja el valor que quedó en el registro.")
    var keep = false

    @Option(name: .customLong("autor"), help: ArgumentHelp("Tu nombre, para el historial.", valueName: "nombre"))
    var author: String?

    func run() throws {
        let history = try options.requireHistory()
        let conflicts = history.conflicts()
        if action.isEmpty {
            if conflicts.isEmpty {
                print("No hay conflictos por resolver.")
                return
            }
            print(conflicts.count == 1 ? "Hay 1 conflicto por resolver:" : "Hay \(conflicts.count) conflictos por resolver:")
            for (i, c) in conflicts.enumerated() {
                print("\(i + 1). \(c.summary).")
                print("   Para usar el otro valor: minga conflictos resolver \(i + 1) --usar-otro   (o --dejar para dejar el que quedó)")
            }
            return
        }
        guard action.count == 2, action[0] == "resolver", let n = Int(action[1]), (1...max(1, conflicts.count)).contains(n), !conflicts.isEmpty else {
            throw CLIError("Escribe «minga conflictos resolver N --usar-otro» (o --dejar), con N de la lista de «minga conflictos».")
        }
        guard useOther != keep else { throw CLIError("Elige uno: --usar-otro o --dejar.") }
        let name = author ?? ProcessInfo.processInfo.environment["USER"] ?? "Minga"
        let c = conflicts[n - 1]
        try history.resolve(c, useOther: useOther, author: .member(name: name, id: name, network: c.network))
        print(useOther ? "Listo: \(c.record) quedó con el otro valor." : "Listo: \(c.record) se queda como estaba.")
    }
}
