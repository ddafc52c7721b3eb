import ArgumentParser
import Assistant
import EmbeddedDialogs
import FlowFiles
import Foundation

/// `minga check [DIR]`: validates dialog files; errors as `file:line:column: message`.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Revisa los archivos de diálogo.",
        discussion: """
        Sin CARPETA revisa los diálogos que usaría «minga chat»: los de $MINGA_DIALOGS, los de ./dialogs \
        si existe, o los incluidos en minga.
        """)

    @Argument(help: ArgumentHelp("Carpeta de diálogos (por defecto, los que usaría el chat).", valueName: "carpeta"))
    var directory: String?

    /// Each dialog's `save:` and slot names against its flow's Swift extension.
    func checkExtensions(_ sources: [(file: String, text: String)]) throws {
        let errors = FlowLoader.extensionErrors(sources: sources, expected: FlowRegistry.expectations)
        guard errors.isEmpty else { throw FlowFileErrors(errors: errors) }
    }

    func run() throws {
        let location = FlowSource.locate(option: directory)
        do {
            switch location {
            case .builtIn:
                let sources = EmbeddedDialogs.files.map { (file: $0.name, text: $0.text) }
                let flows = try FlowLoader.load(sources: sources)
                try checkExtensions(sources)
                print("\(flows.count) flujos sin errores en los diálogos incluidos en minga.")
            case .folder(let dir, _):
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                    throw CLIError("No encuentro la carpeta de diálogos \(dir.path).")
                }
                let flows = try FlowLoader.load(directory: dir)
                let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
                try checkExtensions(names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().compactMap { name in
                    let url = dir.appendingPathComponent(name)
                    return (try? String(contentsOf: url, encoding: .utf8)).map { (file: url.path, text: $0) }
                })
                print("\(flows.count) flujos sin errores en \(directory ?? dir.path).")
            }
        } catch let error as FlowFileErrors {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(1)
        }
    }
}
