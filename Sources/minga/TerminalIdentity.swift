import Foundation
import Terminal
#if canImport(Glibc)
import Glibc
#endif

/// Who is typing at the terminal: asked once per store (proposing the account's full name) and
/// remembered in `<store>/quien-escribe`, so Minga greets them by name, knows who «yo» is and
/// credits them with what they register. `--user` always wins.
enum TerminalIdentity {
    static func file(_ store: URL) -> URL { store.appendingPathComponent("quien-escribe", isDirectory: false) }

    static func remembered(in store: URL) -> String? {
        guard let data = FileManager.default.contents(atPath: file(store).path) else { return nil }
        let name = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return name.isEmpty || name.count > 120 ? nil : name
    }

    static func remember(_ name: String, in store: URL) {
        let path = file(store).path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let bytes = Array((name + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    /// The account's full name (the GECOS field), when the system has one.
    static func accountName() -> String? {
        guard getuid() != 0, let entry = getpwuid(getuid()), let gecos = entry.pointee.pw_gecos else { return nil }
        let name = String(cString: gecos).split(separator: ",").first.map(String.init)?
            .trimmingCharacters(in: .whitespaces) ?? ""
        return name.isEmpty ? nil : name
    }

    /// Asks the name at the keyboard; an empty answer takes the proposal. Nil at end of input.
    static func ask(reader: inout some LineReader, proposal: String?) -> String? {
        var question = "¡Hola! Antes de empezar: ¿cómo te llamas?"
        if let proposal { question += " Si eres «\(proposal)», solo presiona Enter." }
        ChatLoop.standardOutput(question + "\n")
        while true {
            guard let line = reader.readLine(prompt: "> ") else { return nil }
            let name = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if name.isEmpty, let proposal { return proposal }
            if !name.isEmpty && name.count <= 120 { return name }
            ChatLoop.standardOutput("Escríbeme tu nombre, por ejemplo «Ana Pérez».\n")
        }
    }
}
