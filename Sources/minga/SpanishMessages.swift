import Foundation

/// swift-argument-parser writes its help headings and usage errors in English; Minga speaks
/// Spanish to everyone. Its fixed phrases are translated here, on the finished text, so the
/// parsing itself (and its exit codes) stays the library's.
enum SpanishMessages {
    static func translate(_ text: String) -> String {
        var out = text
        for (english, spanish) in literals { out = out.replacingOccurrences(of: english, with: spanish) }
        for (pattern, template) in patterns {
            out = pattern.stringByReplacingMatches(in: out, range: NSRange(out.startIndex..., in: out), withTemplate: template)
        }
        return out
    }

    private static let literals: [(String, String)] = [
        ("OVERVIEW:", "DESCRIPCIÓN:"), ("USAGE:", "USO:"), ("ARGUMENTS:", "ARGUMENTOS:"), ("OPTIONS:", "OPCIONES:"),
        ("SUBCOMMANDS:", "SUBCOMANDOS:"), ("Show help information.", "Muestra esta ayuda."),
        ("Show the version.", "Muestra la versión."), (" (default)    ", " (por omisión)"), ("<subcommand>", "<subcomando>"),
        ("\nUsage: ", "\nUso: "), ("\nHelp: ", "\nAyuda: "),
    ]

    private static let patterns: [(NSRegularExpression, String)] = [
        (#"See '([^']+) help <sub[a-z]+>' for detailed help\."#, "Escribe «$1 help <subcomando>» para ver la ayuda de cada uno."),
        (#"See '([^']+)' for more information\."#, "Escribe «$1» para ver más."),
        (#"\(default:(\s+)([^)]*)\)"#, "(por omisión:$1$2)"),
        (#"Unknown option '([^']+)'"#, "No conozco la opción «$1»."),
        (#"Unexpected argument '([^']+)'"#, "No esperaba «$1»."),
        (#"Missing expected argument '([^']+)'"#, "Falta «$1»."),
        (#"Missing value for '([^']+)'"#, "Falta el valor de «$1»."),
        (#"The value '([^']*)' is invalid for '([^']+)'\. Please provide one of (.*)\."#, "«$1» no sirve para «$2». Usa uno de estos: $3."),
        (#"('[^']*') or ('[^']*')"#, "$1 o $2"),
        (#"The value '([^']*)' is invalid for '([^']+)'"#, "«$1» no sirve para «$2»"),
        (#"Unknown subcommand '([^']+)'"#, "No conozco el subcomando «$1»."),
    ].map { (try! NSRegularExpression(pattern: $0.0), $0.1) }
}

extension Minga {
    /// The library's `main`, with its messages in Spanish: help on stdout, errors on stderr,
    /// the library's exit codes (64 for a usage error).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let text = SpanishMessages.translate(fullMessage(for: error))
            if !text.isEmpty {
                if code == .success {
                    print(text)
                } else {
                    FileHandle.standardError.write(Data((text + "\n").utf8))
                }
            }
            Foundation.exit(code.rawValue)
        }
    }
}
