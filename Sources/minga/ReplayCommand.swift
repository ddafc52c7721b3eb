import ArgumentParser
import Assistant
import Foundation
import Transcripts

/// `minga replay FILE_OR_DIR...`: replays transcripts; exit 1 with a diff on a mismatch.
struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay", abstract: "Reproduce transcripciones y muestra las diferencias.")

    @Argument(help: "Archivos .txt de transcripción o carpetas que los contienen.")
    var paths: [String]

    @Flag(name: .long, help: "Reescribe cada transcripción con las respuestas actuales (revísalas con git diff).")
    var update = false

    func run() throws {
        let flows = try loadFlows()
        let runner = TranscriptRunner(flows: flows)
        var failed = 0
        var total = 0
        for file in try TranscriptFiles.expand(paths) {
            total += 1
            let result: TranscriptRunner.Result
            do {
                let text = try String(contentsOfFile: file, encoding: .utf8)
                result = runner.run(try Transcript.parse(text, file: file), file: file)
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
