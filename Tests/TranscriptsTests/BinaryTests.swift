import Foundation
import Testing

/// Runs the built `minga` binary, feeding `input` on stdin.
func runMinga(_ arguments: [String], input: String = "", environment: [String: String] = [:]) throws -> (out: String, err: String, status: Int32) {
    var env = ProcessInfo.processInfo.environment
    env["MINGA_DIALOGS"] = repositoryRoot.appendingPathComponent("dialogs").path
    for (k, v) in environment { env[k] = v }
    return try runProcess(repositoryRoot.appendingPathComponent(".build/debug/minga"), arguments, environment: env, input: input)
}

/// Runs `binary` with exactly `environment`, in `directory` when given, feeding `input` on stdin.
func runProcess(_ binary: URL, _ arguments: [String], environment: [String: String], in directory: URL? = nil,
                input: String) throws -> (out: String, err: String, status: Int32) {
    let p = Process()
    p.executableURL = binary
    p.arguments = arguments
    p.environment = environment
    if let directory { p.currentDirectoryURL = directory }
    let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
    p.standardInput = stdin
    p.standardOutput = stdout
    p.standardError = stderr
    try p.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    let err = stderr.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self), p.terminationStatus)
}

@Suite(.enabled(if: FileManager.default.fileExists(atPath: repositoryRoot.appendingPathComponent(".build/debug/minga").path)))
struct BinaryTests {
    func tempStore() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("minga-bin-\(UUID().uuidString)").path
    }

    /// The acceptance path: piped answers create exactly one agreement, exported as intended.
    @Test func pipedChatCreatesOneAgreement() throws {
        let store = tempStore()
        defer { try? FileManager.default.removeItem(atPath: store) }
        let input = ["Red Valdivia Norte", "rme", "Valdivia", "Los Ríos", "sí", "registrar un acuerdo",
                     "compartir la planificación de lectura", "Ana Pérez, Luis Soto", "15 de diciembre",
                     "acta de la reunión", "sí", ""].joined(separator: "\n")
        let chat = try runMinga(["chat", "--store", store, "--now", "2026-11-25T10:00:00", "--user", "Ana Pérez"], input: input)
        #expect(chat.status == 0)
        #expect(chat.out.contains("Quedó registrado como el acuerdo 1 (A-1)."))
        #expect(!chat.out.contains("\u{1B}["), "plain output has no escape codes")
        let files = try FileManager.default.contentsOfDirectory(atPath: store + "/redes/red-valdivia-norte/acuerdos")
        #expect(files == ["A-1.md"])
        let export = try runMinga(["export", "--store", store, "--now", "2026-11-25T10:00:00", "--format", "json"])
        #expect(export.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(export.out.utf8)) as? [String: Any])
        let red = try #require((json["redes"] as? [[String: Any]])?.first)
        let a = try #require((red["acuerdos"] as? [[String: Any]])?.first)
        #expect(a["texto"] as? String == "compartir la planificación de lectura")
        #expect(a["responsables"] as? [String] == ["Ana Pérez", "Luis Soto"])
        #expect(a["plazo"] as? String == "2026-12-15")
        #expect(a["evidencia"] as? String == "acta de la reunión")
        #expect(a["encuentro"] is NSNull)
    }

    /// Help and usage errors speak Spanish too, with the usual exit codes.
    @Test func commandLineSpeaksSpanish() throws {
        let help = try runMinga(["--help"])
        #expect(help.status == 0)
        #expect(help.out.contains("USO: minga <subcomando>") && help.out.contains("Muestra esta ayuda."))
        #expect(help.out.contains("chat (por omisión)"))
        for english in ["USAGE", "OPTIONS", "OVERVIEW", "Show help", "See '", "(default"] {
            #expect(!help.out.contains(english), "«\(english)» en la ayuda")
        }
        let bogus = try runMinga(["chat", "--bogus"])
        #expect(bogus.status == 64)
        #expect(bogus.err.contains("No conozco la opción «--bogus»."))
        #expect(bogus.err.contains("Escribe «minga chat --help» para ver más."))
        let format = try runMinga(["export", "--store", tempStore(), "--format", "xml"])
        #expect(format.status == 64)
        #expect(format.err.contains("«xml» no sirve para «--format <formato>». Usa uno de estos: 'json', 'ics', 'csv', 'md' o 'html'."))
        let missing = try runMinga(["export", "--store", tempStore()])
        #expect(missing.status == 64 && missing.err.contains("Falta «--format <formato>»."))
    }

    /// `chat --json` answers each protocol line with one reply line, in order.
    @Test func jsonChatSpeaksProtocol() throws {
        let store = tempStore()
        defer { try? FileManager.default.removeItem(atPath: store) }
        let input = """
        {"type":"ping","id":1}
        {"id":"m1","user":"u1","text":"hola"}

        no es json
        {"id":"m2","user":"u1"}
        """
        let r = try runMinga(["chat", "--json", "--store", store, "--now", "2026-11-25T10:00:00"], input: input)
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0] == #"{"type":"pong","id":1}"#)
        #expect(lines[1].hasPrefix(#"{"type":"reply","id":"m1","user":"u1","messages":["#))
        #expect(lines[1].contains(#""expects":{"flow":"red","slot":"nombre","type":"text"}"#))
        #expect(lines[2].contains(#""code":"invalid_json""#))
        #expect(lines[3].contains(#""code":"bad_request""#))
    }

    /// An invalid dialog file stops `check` with file:line:column and a suggestion.
    @Test func checkReportsLocatedErrors() throws {
        let dir = tempStore()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "id: x\ntitle: X\ntriggers: [hola]\nslots:\n  - name: a\n    type: dat\n    ask: ¿?\ndone: ok\n"
            .write(toFile: dir + "/x.yaml", atomically: true, encoding: .utf8)
        let r = try runMinga(["check", dir])
        #expect(r.status == 1)
        #expect(r.err.contains("x.yaml:6:11: tipo de slot desconocido «dat». ¿Quisiste decir «date»?"))
    }

    /// `chat` refuses to start on an invalid dialog file and says which line is wrong.
    @Test func chatRefusesInvalidDialogs() throws {
        let dir = tempStore()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let good = try String(contentsOf: repositoryRoot.appendingPathComponent("dialogs/acuerdo.yaml"), encoding: .utf8)
        try good.replacingOccurrences(of: "type: people", with: "type: gente")
            .write(toFile: dir + "/acuerdo.yaml", atomically: true, encoding: .utf8)
        let r = try runMinga(["chat", "--store", dir + "/store", "--now", "2026-11-25T10:00"], input: "hola\n",
                             environment: ["MINGA_DIALOGS": dir])
        #expect(r.status != 0)
        #expect(r.err.contains("acuerdo.yaml:"))
        #expect(r.err.contains("tipo de slot desconocido «gente»"))
    }

    /// `check` passes on the project's own dialogs.
    @Test func projectDialogsAreValid() throws {
        let r = try runMinga(["check", repositoryRoot.appendingPathComponent("dialogs").path])
        #expect(r.status == 0, "\(r.err)")
    }

    /// A store file broken by hand is reported by name and line and left untouched.
    @Test func brokenStoreFileIsReportedNotOverwritten() throws {
        let store = tempStore()
        defer { try? FileManager.default.removeItem(atPath: store) }
        let setup = ["Red Norte", "rme", "Valdivia", "saltar", "sí", "registrar un acuerdo", "leer juntos", "Ana", "15/12", "acta", "sí", ""]
        _ = try runMinga(["chat", "--store", store, "--now", "2026-11-25T10:00:00", "--user", "Ana"], input: setup.joined(separator: "\n"))
        let path = store + "/redes/red-norte/acuerdos/A-1.md"
        let broken = "---\nid: A-1\ntexto: \"sin cerrar\nplazo: 2026-12-15\n---\n"
        try broken.write(toFile: path, atomically: true, encoding: .utf8)
        let again = ["registrar un acuerdo", "otro acuerdo", "Ana", "16/12", "acta", "sí", ""].joined(separator: "\n")
        let r = try runMinga(["chat", "--store", store, "--now", "2026-11-25T10:00:00", "--user", "Ana"], input: again)
        #expect(r.out.contains("redes/red-norte/acuerdos/A-1.md"))
        #expect(r.out.contains("línea"))
        #expect(r.out.contains("acuerdo 2 (A-2)"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == broken)
    }
}
