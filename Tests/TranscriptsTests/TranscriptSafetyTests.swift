import Assistant
import Foundation
import Testing
import Transcripts

/// Transcripts saved on Windows read the same, and `@edit` never writes outside its copy of dialogs/.
@Suite struct TranscriptSafetyTests {
    let text = """
    # prueba
    @now 2026-11-25T10:00 America/Santiago
    @user Ana Pérez
    @network Red Norte | rme | Valdivia
    > hola
    < Hola.
    @expect red nombre="Red Norte"

    """

    /// CR LF endings and a BOM give the same title, set-up, steps and lines as the Unix file.
    @Test func crlfAndBOMParseTheSame() throws {
        let unix = try Transcript.parse(text)
        let windows = try Transcript.parse("\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(windows == unix)
        #expect(windows.title == "prueba" && windows.now == "2026-11-25T10:00" && windows.network == ["Red Norte", "rme", "Valdivia"])
        #expect(windows.steps.count == 3)
    }

    /// `@edit` naming a path outside the dialogs copy (`..`, absolute, `~`) is rejected with its line.
    @Test(arguments: ["../../x.yaml", "/tmp/x.yaml", "sub/../../x.yaml", "..", "~/x.yaml"]) func editOutsideIsRejected(target: String) {
        let t = "@now 2026-11-25T10:00\n> hola\n@edit \(target) a => b\n"
        do {
            _ = try Transcript.parse(t, file: "t.txt")
            Issue.record("se esperaba un error")
        } catch let e as TranscriptError {
            #expect(e.line == 3)
            #expect(e.description.hasPrefix("t.txt:3: @edit solo puede cambiar un archivo de la copia de la carpeta de diálogos"))
        } catch {
            Issue.record("error inesperado \(error)")
        }
    }

    /// A symbolic link inside dialogs/ pointing elsewhere cannot carry an edit out: the run fails
    /// naming the line, and the file outside is untouched.
    @Test func editThroughSymlinkIsConfined() throws {
        let fm = FileManager.default
        let base = fm.temporaryDirectory.appendingPathComponent("minga-edit-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: base) }
        let dialogs = base.appendingPathComponent("dialogs"), outside = base.appendingPathComponent("fuera")
        try fm.createDirectory(at: outside, withIntermediateDirectories: true)
        try fm.copyItem(at: repositoryRoot.appendingPathComponent("dialogs"), to: dialogs)
        let victim = outside.appendingPathComponent("x.yaml")
        try "secreto: a\n".write(to: victim, atomically: true, encoding: .utf8)
        try fm.createSymbolicLink(at: dialogs.appendingPathComponent("enlace"), withDestinationURL: outside)
        let flows = try FlowSource(directory: dialogs)
        let t = try Transcript.parse("@now 2026-11-25T10:00\n@network Red Norte | rme\n@edit enlace/x.yaml secreto: a => secreto: b\n", file: "t.txt")
        let result = TranscriptRunner(flows: flows).run(t, file: "t.txt")
        #expect(result.failures.contains { $0.hasPrefix("t.txt:3: @edit solo puede cambiar un archivo de la copia") }, "\(result.failures)")
        #expect(try String(contentsOf: victim, encoding: .utf8) == "secreto: a\n")
    }

    /// An edit inside the copy still works (the running chat reloads it), the original folder untouched.
    @Test func editInsideStillWorks() throws {
        let flows = try FlowSource(directory: repositoryRoot.appendingPathComponent("dialogs"))
        let t = try Transcript.parse("@now 2026-11-25T10:00\n@network Red Norte | rme\n@edit ./acuerdo.yaml id: acuerdo => id: acuerdo\n", file: "t.txt")
        let result = TranscriptRunner(flows: flows).run(t, file: "t.txt")
        #expect(!result.failures.contains { $0.contains("@edit") }, "\(result.failures)")
    }
}
