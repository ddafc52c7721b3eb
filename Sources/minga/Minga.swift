import ArgumentParser
import Foundation

/// `minga`: the root command. Synchronous on purpose: the readline chat must run on the main
/// thread so Ctrl-C is seen at once (platform-notes.md); `serve` starts its own async world.
@main
struct Minga: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "minga",
        abstract: "Minga: el asistente que acompaña a las redes escolares en sus acuerdos, encuentros y aprendizajes.",
        discussion: """
        Sin subcomando, «minga» abre el chat. Cada subcomando tiene su ayuda: «minga help export» \
        o «minga export --help».

        CÓDIGOS DE SALIDA:
        \(exitCodes.map { hanging("\($0.code)", $0.meaning) }.joined(separator: "\n"))
        """,
        version: "minga \(mingaVersion)",
        subcommands: [Chat.self, Replay.self, Check.self, Export.self, When.self, Serve.self, Status.self,
                      Init.self, History.self, Sync.self, Conflicts.self, Completions.self, VersionCommand.self, Manual.self],
        defaultSubcommand: Chat.self,
        helpNames: [.short, .long, .customLong("ayuda")]
    )

    /// What each exit status means (help and man page).
    static let exitCodes: [(code: Int32, meaning: String)] = [
        (0, "Todo salió bien."),
        (1, "Algo falló: una transcripción no coincide, un diálogo tiene errores, el almacén no existe o no se "
            + "puede leer o escribir, o la exportación quedó incompleta."),
        (64, "La orden está mal escrita: un subcomando u opción que no existe, o un valor que falta o no sirve."),
    ]

    /// `  64  text…` wrapped to 78 columns with its continuation lines under the text (the
    /// help wraps long lines without indenting them).
    static func hanging(_ label: String, _ text: String) -> String {
        let indent = String(repeating: " ", count: 6)
        var lines: [String] = []
        var line = "  " + label + String(repeating: " ", count: max(1, 4 - label.count))
        var empty = true
        for word in text.split(separator: " ") {
            if !empty && line.count + 1 + word.count > 78 {
                lines.append(line)
                line = indent
                empty = true
            }
            line += (empty ? "" : " ") + word
            empty = false
        }
        return (lines + [line]).joined(separator: "\n")
    }

    /// The names a first argument may have (subcommands and `help`).
    static var subcommandNames: [String] {
        configuration.subcommands.flatMap { [$0._commandName] + $0.configuration.aliases } + ["help"]
    }

    /// Other names of the visible subcommands (`estado` for `status`).
    static var visibleAliases: [String] {
        configuration.subcommands.filter { $0.configuration.shouldDisplay }.flatMap { $0.configuration.aliases }
    }

    /// The subcommands a person may be pointed to (hidden ones left out).
    static var visibleSubcommandNames: [String] {
        configuration.subcommands.filter { $0.configuration.shouldDisplay }.map { $0._commandName }
    }
}

/// Minga's version, printed by `minga --version` and `minga version`.
let mingaVersion = "0.1.0"

/// `minga version`: the same as `minga --version`.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version", abstract: "Muestra la versión de minga.")

    func run() { print("minga \(mingaVersion)") }
}

/// `minga completions bash|zsh|fish`: prints the shell's completion script.
struct Completions: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completions", abstract: "Imprime el guion de autocompletado para bash, zsh o fish.",
        discussion: """
        Por ejemplo, para bash: minga completions bash > ~/.local/share/bash-completion/completions/minga \
        (zsh: _minga en una carpeta de $fpath; fish: ~/.config/fish/completions/minga.fish). \
        «make install» ya los instala.
        """)

    enum Shell: String, ExpressibleByArgument, CaseIterable {
        case bash, zsh, fish
    }

    @Argument(help: ArgumentHelp("La shell: bash, zsh o fish.", valueName: "shell"))
    var shell: Shell

    func run() {
        let kind: CompletionShell = switch shell {
        case .bash: .bash
        case .zsh: .zsh
        case .fish: .fish
        }
        // The library's own flags are described in English inside the script.
        let script = Minga.completionScript(for: kind)
            .replacingOccurrences(of: "Show help information.", with: "Muestra esta ayuda.")
            .replacingOccurrences(of: "Show the version.", with: "Muestra la versión.")
        print(script, terminator: "")
    }
}
