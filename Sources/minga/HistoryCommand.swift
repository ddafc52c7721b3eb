import ArgumentParser
import Foundation
import StoreHistory

/// `minga historial [REGISTRO]`: who changed what, for the network or one record.
struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "historial", abstract: "Muestra quién cambió qué en la red, o en un registro (A-3, E-2…).")

    @OptionGroup var options: StoreOptions

    @Argument(help: ArgumentHelp("Un registro: A-3, «acuerdo 3», E-2, o el id de un miembro. Sin él, toda la red.", valueName: "registro"))
    var record: [String] = []

    @Option(name: .customLong("red"), help: ArgumentHelp("La red (su id), si el almacén tiene varias.", valueName: "red"))
    var network: String?

    @Option(name: .customLong("limite"), help: ArgumentHelp("Cuántos cambios mostrar, los más recientes.", valueName: "n"))
    var limit = 30

    func run() throws {
        let history = try options.requireHistory()
        let network = try options.network(network)
        var path: RecordPath?
        if !record.isEmpty {
            guard let p = Self.recordPath(record.joined(separator: " "), network: network) else {
                throw CLIError("No entendí «\(record.joined(separator: " "))». Escribe un registro como A-3, «acuerdo 3» o E-2.")
            }
            guard FileManager.default.fileExists(atPath: options.storeURL.appendingPathComponent(p.path).path) else {
                throw CLIError("No encuentro \(p.path) en el almacén.")
            }
            path = p
        }
        let entries = try history.history(network: network, record: path, limit: limit)
        if entries.isEmpty {
            print("Todavía no hay cambios anotados\(path.map { " de \($0.id)" } ?? " en \(network)").")
            return
        }
        for e in entries { print(history.line(e)) }
    }

    /// `A-3`, `a3`, `acuerdo 3`, `encuentro 2`, or a member's id.
    static func recordPath(_ text: String, network: String) -> RecordPath? {
        let t = text.lowercased().folding(options: .diacriticInsensitive, locale: nil).trimmingCharacters(in: .whitespaces)
        let words = ["acuerdo": "A", "encuentro": "E", "sondeo": "S", "reflexion": "R", "diagnostico": "D",
                     "organizacion": "O", "norma": "N", "decision": "DC", "practica": "P"]
        let parts = t.split(whereSeparator: { $0 == " " || $0 == "-" }).map(String.init)
        if parts.count == 2, let n = Int(parts[1]) {
            let prefix = words[parts[0]] ?? (parts[0].count == 1 || parts[0] == "dc" ? parts[0].uppercased() : "")
            if let folder = ["A": "acuerdos", "E": "encuentros", "S": "sondeos", "R": "reflexiones", "D": "diagnosticos",
                             "O": "organizaciones", "N": "normas", "DC": "decisiones", "P": "institucionalizacion"][prefix] {
                return RecordPath(network: network, folder: folder, id: "\(prefix)-\(n)")
            }
        }
        if t == "red" || t == "proposito" { return RecordPath(network: network, folder: "", id: network) }
        if parts.count >= 1, !t.contains("/") { return RecordPath(network: network, folder: "miembros", id: parts.joined(separator: "-")) }
        return nil
    }
}
