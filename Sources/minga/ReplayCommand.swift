import ArgumentParser
import Assistant
import CivilTime
import Foundation
import Transcripts

/// `minga replay FILE_OR_DIR...`: replays transcripts; exit 1 with a diff on a mismatch.
struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay", abstract: "Reproduce transcripciones y muestra las diferencias.")

    @Argument(help: ArgumentHelp("Archivos .txt de transcripción o carpetas que los contienen.", valueName: "archivo-o-carpeta"))
    var paths: [String]

    @Option(name: .long, help: ArgumentHelp("Reloj para las transcripciones sin «@now» (AAAA-MM-DDTHH:MM, hora local).",
                                            valueName: "fecha-hora"))
    var now: String?

    @Option(name: .long, help: ArgumentHelp("Zona horaria de un «@now» sin zona.", valueName: "zona"))
    var tz: String = "America/Santiago"

    @OptionGroup var dialogOptions: DialogOptions

    @Flag(name: .long, help: "Reescribe cada transcripción con las respuestas actuales (revísalas con git diff).")
    var update = false

    func validate() throws {
        guard let zone = TimeZone(identifier: tz) else {
            throw ValidationError("No conozco la zona horaria «\(tz)». Prueba con America/Santiago.")
        }
        if let now, CivilTime.Clock.parseNow(now, timeZone: zone) == nil {
            throw ValidationError("No entendí --now «\(now)». Usa el formato 2026-11-25T10:00.")
        }
    }

    func run() throws {
        let flows = try dialogOptions.load()
        let runner = TranscriptRunner(flows: flows)
        var failed = 0
        var total = 0
        for file in try TranscriptFiles.expand(paths) {
            total += 1
            let result: TranscriptRunner.Result
            do {
                let text = try String(contentsOfFile: file, encoding: .utf8)
                result = runner.run(try Transcript.parse(text, file: file, defaultNow: now, defaultTimeZone: tz), file: file)
            } catch {
                result = .init(file: file, failures: ["\(error)"])
            }
            if update, !result.passed, let text = result.actualText {
                try text.write(toFile: file, atomically: true, encoding: .utf8)
                print("actualizada \(file)")
                result.failures.filter { $0.contains("@expect") }.forEach { print($0) }
                continue
            }
            if result.passed {
                print("ok    \(file)")
            } else {
                failed += 1
                print("FALLA \(file)")
                result.failures.forEach { print($0) }
            }
        }
        print("\(total - failed) passed, \(failed) failed")
        if failed > 0 { throw ExitCode(1) }
    }
}
