import ArgumentParser
import FlowFiles
import Foundation

/// `minga check [DIR]`: validates dialog files; errors as `file:line:column: message`.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Revisa los archivos de diálogo.")

    @Argument(help: "Carpeta de diálogos (por defecto ./dialogs).")
    var directory: String = "dialogs"

    func run() throws {
        do {
            let flows = try FlowLoader.load(directory: URL(fileURLWithPath: directory))
            print("\(flows.count) flujos sin errores en \(directory).")
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(1)
        }
    }
}
