import ArgumentParser
import Foundation

/// `minga`: the root command. Synchronous on purpose: the readline chat must run on the main
/// thread so Ctrl-C is seen at once (platform-notes.md); `serve` starts its own async world.
@main
struct Minga: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "minga",
        abstract: "Minga: el asistente que acompaña a las redes escolares en sus acuerdos, encuentros y aprendizajes.",
        subcommands: [Chat.self, Replay.self, Check.self, Export.self, When.self, Serve.self, Status.self],
        defaultSubcommand: Chat.self,
        helpNames: [.short, .long, .customLong("ayuda")]
    )
}
