import ArgumentParser
import Export
import FileStore
import Foundation
import PlainJSON

/// `minga export --format json|ics|csv|md`: the store in a contract format (design.md).
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Exporta los datos de la red.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, ics, csv, md, html
    }

    @OptionGroup var options: StoreOptions

    @Option(name: .long, help: ArgumentHelp("Exporta solo esta red (su id).", valueName: "red"))
    var network: String?

    @Option(name: .long, help: ArgumentHelp("Formato: json, ics, csv, md o html.", valueName: "formato"))
    var format: Format

    /// Column separator of the csv table.
    enum Delimiter: String, ExpressibleByArgument, CaseIterable {
        case semicolon = ";", comma = ","
    }

    @Option(name: .long, help: ArgumentHelp("Separador de columnas del csv: «;» (por omisión, el que esperan las planillas en Chile) o «,».",
                                            valueName: "separador"))
    var delimiter: Delimiter?

    func validate() throws {
        if delimiter != nil && format != .csv {
            throw ValidationError("«--delimiter» solo sirve con «--format csv».")
        }
    }

    func run() throws {
        let store = try options.openStoreForReading()
        if let network { try requireNetwork(network, in: store, at: options.storeURL) }
        let today = options.clock.today()
        switch format {
        case .json:
            let read: FileStore.StoreReadJSON
            do {
                read = try StoreExport.json(store, network: network, today: today, timeZone: options.clock.timeZone)
            } catch {
                throw CLIError("\(error)")
            }
            for p in read.problems { FileHandle.standardError.write(Data("Ojo: \(p)\n".utf8)) }
            print(read.value.rendered(pretty: true))
        case .ics, .csv, .md, .html:
            let read: StoreRead<String>
            do {
                read = try StoreExport.text(format.rawValue, store: store, network: network, clock: options.clock,
                                            csvDelimiter: Character((delimiter ?? .semicolon).rawValue))
            } catch {
                throw CLIError("\(error)")
            }
            for p in read.problems { FileHandle.standardError.write(Data("Ojo: \(p)\n".utf8)) }
            FileHandle.standardOutput.write(Data(read.value.utf8))
        }
        try failIfNetworksLeftOut(store)
    }

    /// A network whose red.md cannot be read is left out of an export of every network; the
    /// export of the rest is still printed, but the exit status says it is incomplete, so a
    /// script or backup never takes it for the whole store.
    private func failIfNetworksLeftOut(_ store: FileStore) throws {
        guard network == nil else { return }
        let missing = store.unreadableNetworks().count
        guard missing > 0 else { return }
        let message = missing == 1
            ? "La exportación quedó incompleta: le falta una red que no pude leer. Arregla el archivo indicado arriba y vuelve a exportar."
            : "La exportación quedó incompleta: le faltan \(missing) redes que no pude leer. Arregla los archivos indicados arriba y vuelve a exportar."
        FileHandle.standardError.write(Data((message + "\n").utf8))
        throw ExitCode.failure
    }
}

/// Stops with the list of networks that exist when `id` is not one of them.
func requireNetwork(_ id: String, in store: FileStore, at root: URL) throws {
    let ids = ((try? store.networks()) ?? []).map(\.id)
    guard !ids.contains(id) else { return }
    // A network whose red.md is broken exists: its export reports the broken file instead.
    if store.unreadableNetworks().contains(where: { "\($0)".contains("redes/\(id)/") }) { return }
    guard !ids.isEmpty else {
        throw CLIError("No hay una red «\(id)»: el almacén \(root.path) todavía no tiene redes. Crea una conversando con «minga chat».")
    }
    var message = "No hay una red «\(id)» en el almacén \(root.path)."
    if let close = closest(to: id, among: ids) { message += " ¿Quisiste decir «\(close)»?" }
    message += ids.count == 1 ? " La única red es: \(ids[0])." : " Las redes que hay son: \(ids.joined(separator: ", "))."
    throw CLIError(message)
}

extension FileStore {
    typealias StoreReadJSON = StoreRead<PlainJSON.JSONValue>
}
