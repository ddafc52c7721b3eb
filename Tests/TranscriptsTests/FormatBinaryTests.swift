import Foundation
import Testing

/// Runs the built `minga` binary with raw bytes on stdin (they may be invalid UTF-8).
func runMingaBytes(_ arguments: [String], input: [UInt8]) throws -> (out: Data, err: String, status: Int32) {
    let p = Process()
    p.executableURL = repositoryRoot.appendingPathComponent(".build/debug/minga")
    p.arguments = arguments
    let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
    p.standardInput = stdin
    p.standardOutput = stdout
    p.standardError = stderr
    try p.run()
    stdin.fileHandleForWriting.write(Data(input))
    try stdin.fileHandleForWriting.close()
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    let err = stderr.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (out, String(decoding: err, as: UTF8.self), p.terminationStatus)
}

/// The `minga` binary on files and formats that used to lose or corrupt data.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: repositoryRoot.appendingPathComponent(".build/debug/minga").path)))
struct FormatBinaryTests {
    func tempDir() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("minga-fmt-\(UUID().uuidString)").path
    }

    /// A store with networks «Red Norte» and «Red Sur», each with one agreement.
    func twoNetworks() throws -> String {
        let store = tempDir()
        for name in ["Red Norte", "Red Sur"] {
            let input = [name, "rme", "Valdivia", "saltar", "sí", "registrar un acuerdo", "=1+1 leer juntos", "Ana", "15/12", "acta", "sí", ""]
            let r = try runMinga(["chat", "--store", store, "--now", "2026-11-25T10:00:00", "--user", "Ana", "--network", Slug(name)],
                                 input: input.joined(separator: "\n"))
            #expect(r.status == 0, "\(r.err)")
        }
        return store
    }

    func Slug(_ name: String) -> String { name.lowercased().replacingOccurrences(of: " ", with: "-") }

    /// A red.md saved with CR LF and a BOM still exports its network, with exit status 0.
    @Test func crlfNetworkIsExported() throws {
        let store = try twoNetworks()
        defer { try? FileManager.default.removeItem(atPath: store) }
        let path = store + "/redes/red-sur/red.md"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try Data(("\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n")).utf8).write(to: URL(fileURLWithPath: path))
        let r = try runMinga(["export", "--store", store, "--now", "2026-11-25T10:00:00", "--format", "json"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.err.isEmpty, "\(r.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        #expect((json["redes"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["red-norte", "red-sur"])
    }

    /// An unreadable red.md is never dropped silently: the rest is exported, the file is named, and the exit status is 1.
    @Test func unreadableNetworkFailsTheExport() throws {
        let store = try twoNetworks()
        defer { try? FileManager.default.removeItem(atPath: store) }
        try "---\nid: red-sur\nnombre: [roto\n---\n".write(toFile: store + "/redes/red-sur/red.md", atomically: true, encoding: .utf8)
        for format in ["json", "csv", "ics", "md"] {
            let r = try runMinga(["export", "--store", store, "--now", "2026-11-25T10:00:00", "--format", format])
            #expect(r.status == 1, "\(format)")
            #expect(r.err.contains("Ojo: El archivo redes/red-sur/red.md tiene un problema en la línea"), "\(r.err)")
            #expect(r.err.contains("La exportación quedó incompleta: le falta una red que no pude leer."))
            #expect((r.out.contains("red-norte") || r.out.contains("Red Norte")) && !r.out.contains("red-sur") && !r.out.contains("Red Sur"),
                    "\(format)")
        }
    }

    /// `--delimiter` picks the csv separator (`;` by default), formula cells are neutralised, and it is refused with other formats.
    @Test func csvDelimiterOption() throws {
        let store = try twoNetworks()
        defer { try? FileManager.default.removeItem(atPath: store) }
        let base = ["export", "--store", store, "--now", "2026-11-25T10:00:00", "--format", "csv"]
        let semicolon = try runMinga(base)
        #expect(semicolon.status == 0)
        #expect(semicolon.out.hasPrefix("\u{FEFF}red;id;texto;"))
        #expect(semicolon.out.contains(";\"'=1+1 leer juntos\";"))
        #expect(try runMinga(base + ["--delimiter", ";"]).out == semicolon.out)
        let comma = try runMinga(base + ["--delimiter", ","])
        #expect(comma.out.hasPrefix("\u{FEFF}red,id,texto,") && comma.out.contains(",\"'=1+1 leer juntos\","))
        let wrong = try runMinga(base + ["--delimiter", "|"])
        #expect(wrong.status == 64 && wrong.err.contains("«|»"), "\(wrong.err)")
        let json = try runMinga(["export", "--store", store, "--format", "json", "--delimiter", ","])
        #expect(json.status == 64 && json.err.contains("«--delimiter» solo sirve con «--format csv»."), "\(json.err)")
    }

    /// `minga when` answers hostile JSON lines, invalid UTF-8 and CR LF input with one valid JSON line each.
    @Test func whenLinesAreAlwaysValidJSON() throws {
        var input: [UInt8] = []
        let lines: [[UInt8]] = [
            Array(#"{"id":01,"text":"mañana"}"#.utf8),
            Array(#"{"id":"a"#.utf8) + [0xFF, 0xFE, 0xC3] + Array(#"","text":"mañana"}"#.utf8),
            Array(#"{"id":1,"text":"hoy "#.utf8) + [0xED, 0xA0, 0x80] + Array(#""}"#.utf8),
            Array(#"{"id":[1,2],"text":"mañana"}"#.utf8) + [0x0D],
            Array(#"{"id":1e999,"text":"mañana"}"#.utf8),
            Array(#"{"id":2.50,"text":"15/12"}"#.utf8),
            [0x00, 0x01, 0x7B],
        ]
        for line in lines { input += line + [0x0A] }
        let r = try runMingaBytes(["when", "--now", "2026-11-25T10:00:00"], input: input)
        #expect(r.status == 0, "\(r.err)")
        let out = try #require(String(validating: Array(r.out), as: UTF8.self))
        let replies = out.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(replies.count == lines.count, "\(out)")
        for reply in replies {
            let object = try JSONSerialization.jsonObject(with: Data(reply.utf8)) as? [String: Any]
            #expect(object?.keys.contains("id") == true, "\(reply)")
        }
        #expect(replies[5].hasPrefix(#"{"id":2.50,"kind":"date""#))
        #expect(replies[3].hasPrefix(#"{"id":[1,2],"#))
    }

    /// `minga check` on a dialog saved with CR LF and a BOM reports the same line:column as on Unix.
    @Test func checkLocatesErrorsInCRLFFiles() throws {
        let dir = tempDir()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let yaml = "id: x\r\ntitle: X\r\ntriggers: [hola]\r\nslots:\r\n  - name: a\r\n    type: dat\r\n    ask: ¿?\r\ndone: ok\r\n"
        try Data([0xEF, 0xBB, 0xBF] + Array(yaml.utf8)).write(to: URL(fileURLWithPath: dir + "/x.yaml"))
        let r = try runMinga(["check", dir])
        #expect(r.status == 1)
        #expect(r.err.contains("x.yaml:6:11: tipo de slot desconocido «dat». ¿Quisiste decir «date»?"), "\(r.err)")
    }
}
