import ArgumentParser
import Domain
import Export
import FileStore
import Foundation

/// `minga status` (alias `minga estado`): what a facilitator checks before a meeting. Reads the
/// store and never creates one: a store that is not there is an error naming the path.
struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Muestra lo que conviene revisar antes de un encuentro: próximos encuentros, acuerdos vencidos y por vencer, sondeos y apropiación del propósito.",
        aliases: ["estado"])

    @OptionGroup var options: StoreOptions

    @Option(name: .long, help: ArgumentHelp("La red (su id); sin ella, todas las del almacén.", valueName: "red"))
    var network: String?

    func run() throws {
        let root = options.storeURL
        let store = try options.openStoreForReading()
        let ids = (try? store.networks().map(\.id)) ?? []
        if let network, !ids.contains(network) {
            // A network whose red.md a person broke is named with its file and line, not as missing.
            if let broken = store.unreadableNetworks().first(where: { "\($0)".contains("redes/\(network)/") }) {
                throw CLIError("\(broken)")
            }
            let known = ids.isEmpty ? "El almacén no tiene redes." : "Redes del almacén: " + ids.joined(separator: ", ") + "."
            throw CLIError("No encontré la red «\(network)» en \(root.path). \(known)")
        }
        let read: StoreRead<[NetworkSnapshot]>
        do {
            read = try StoreExport.snapshots(store, network: network)
        } catch {
            throw CLIError("\(error)")
        }
        for p in read.problems { FileHandle.standardError.write(Data("Ojo: \(p)\n".utf8)) }
        guard !read.value.isEmpty else {
            print("El almacén \(root.path) todavía no tiene redes. Crea la tuya conversando con «minga chat».")
            return
        }
        let now = options.clock.localNow()
        print(read.value.map { StatusReport.text($0, now: now) }.joined(separator: "\n"), terminator: "")
    }
}
