import ArgumentParser
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
        ("<subcommands>", "<subcomando>"), ("Show subcommand help information.", "Muestra la ayuda de un subcomando."),
        ("<options>", "<opciones>"),
        ("\nUsage: ", "\nUso: "), ("\nHelp: ", "\nAyuda: "),
    ]

    private static let patterns: [(NSRegularExpression, String)] = [
        // The messages are whole Spanish sentences already: no English «Error:» in front.
        (#"(?m)^Error: "#, ""),
        (#"\(values:(\s)"#, "(valores:$1"),
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
        var arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "ayuda" { arguments[0] = "help" }
        // A plain chat needs no preflight (that builds the whole command tree's configuration).
        let plainChat = PlainChatArguments.chat(arguments)
        if plainChat == nil, let problem = Preflight.problem(arguments) {
            FileHandle.standardError.write(Data((problem + "\n").utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        do {
            if var chat = plainChat {
                try chat.run()
                return
            }
            var command = try parseAsRoot(arguments)
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

/// What the library would get wrong before parsing: with `chat` as the default subcommand, a
/// mistyped subcommand (`minga exprot`) would reach the chat as an unexpected argument, and
/// `minga help nope` would print the general help and exit 0.
enum Preflight {
    /// A usage error (exit 64) for `arguments`, or nil to let the parser go on.
    static func problem(_ arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        let names = Minga.subcommandNames
        if first == "help" {
            guard arguments.count > 1, !arguments[1].hasPrefix("-"), !names.contains(arguments[1]) else { return nil }
            return "No hay ayuda para «\(arguments[1])»: no es un subcomando de minga." + suggestion(for: arguments[1])
        }
        guard !names.contains(first) else { return nil }
        return "No conozco el subcomando «\(first)»." + suggestion(for: first)
    }

    private static func suggestion(for word: String) -> String {
        let visible = Minga.visibleSubcommandNames
        if let close = closest(to: word, among: visible + Minga.visibleAliases) {
            return " ¿Quisiste decir «minga \(close)»?\nEscribe «minga --help» para ver todos los subcomandos."
        }
        return " Los subcomandos son: \(visible.joined(separator: ", ")).\n"
            + "Para conversar, escribe «minga» solo y luego tu mensaje. Escribe «minga --help» para ver más."
    }
}

/// The candidate nearest to `word` (case and accents ignored), if it is close enough to be a typo.
func closest(to word: String, among candidates: [String]) -> String? {
    func fold(_ s: String) -> [Character] {
        Array(s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil))
    }
    let w = fold(word)
    let scored = candidates.map { c -> (String, Int) in
        let t = fold(c)
        // Levenshtein distance with adjacent transpositions (a swapped pair is one typo).
        var d = Array(repeating: Array(repeating: 0, count: t.count + 1), count: w.count + 1)
        for i in 0...w.count { d[i][0] = i }
        for j in 0...t.count { d[0][j] = j }
        for i in stride(from: 1, through: w.count, by: 1) {
            for j in stride(from: 1, through: t.count, by: 1) {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (w[i - 1] == t[j - 1] ? 0 : 1))
                if i > 1, j > 1, w[i - 1] == t[j - 2], w[i - 2] == t[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return (c, d[w.count][t.count])
    }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    let limit = max(1, min(3, w.count / 3))
    return best.1 <= limit ? best.0 : nil
}
