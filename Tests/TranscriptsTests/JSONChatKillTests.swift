import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `minga chat --json` answers every line already readable as one batch (one holding of the
/// store's lock, one commit). A kill -9 in the middle of such a batch, while its records and
/// session states are being written, loses nothing confirmed and saves nothing twice when the
/// bridge sends the unanswered requests again; nor does any conversation come back at a state
/// older than what it confirmed.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: repositoryRoot.appendingPathComponent(".build/debug/minga").path)))
struct JSONChatKillTests {
    static let users = 150
    let store = FileManager.default.temporaryDirectory.appendingPathComponent("minga-kill-\(UUID().uuidString)").path

    func request(_ user: Int, _ turn: Int, network: String) -> String {
        let text = ["quiero registrar un acuerdo", "tarea número \(user)", "Luis", "el viernes", "acta", "sí", "sí"][turn]
        return #"{"id":"u\#(user)-\#(turn)","user":"bench:\#(user)","name":"Ana Pérez","network":"\#(network)","text":"\#(text)"}"#
    }

    func lines(turn: Int, network: String) -> String {
        (0..<Self.users).map { request($0, turn, network: network) }.joined(separator: "\n") + "\n"
    }

    var arguments: [String] { ["chat", "--json", "--store", store, "--now", "2026-11-25T10:00"] }

    func agreementFiles(_ network: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: store + "/redes/\(network)/acuerdos")) ?? []).filter { $0.hasSuffix(".md") }
    }

    /// The ids and texts of the confirmations in `out`, by request id.
    func confirmations(_ out: String) -> [String: String] {
        var found: [String: String] = [:]
        for line in out.split(separator: "\n") where line.contains("Quedó registrado") {
            guard let idRange = line.range(of: #""id":"u\d+-\d+""#, options: .regularExpression),
                  let record = line.range(of: #"\(A-\d+\)"#, options: .regularExpression) else { continue }
            found[String(line[idRange].dropFirst(6).dropLast())] = String(line[record].dropFirst().dropLast())
        }
        return found
    }

    @Test func killInTheMiddleOfABatch() throws {
        defer { try? FileManager.default.removeItem(atPath: store) }
        // A network, then every user up to the confirmation, answered (one batch per turn).
        _ = try runMinga(["chat", "--store", store, "--now", "2026-11-25T10:00", "--user", "Ana"],
                         input: "Red Norte\nrme\nValdivia\nLos Ríos\nsí\n")
        let network = "red-norte"
        #expect(FileManager.default.fileExists(atPath: store + "/redes/\(network)/red.md"))
        // The responsable everyone names is a member (no offer to invite him).
        try "---\nid: luis-soto\nnombre: Luis Soto\n---\n".write(toFile: store + "/redes/\(network)/miembros/luis-soto.md",
                                                                 atomically: true, encoding: .utf8)
        for turn in 0..<5 {
            let r = try runMinga(arguments, input: lines(turn: turn, network: network))
            #expect(r.out.split(separator: "\n").count == Self.users)
        }
        // Every «sí» in one batch, killed once a third of its records are written (or after it
        // ended, if it was quicker than the look at the folder).
        var env = ProcessInfo.processInfo.environment
        env["MINGA_DIALOGS"] = repositoryRoot.appendingPathComponent("dialogs").path
        let p = Process()
        p.executableURL = repositoryRoot.appendingPathComponent(".build/debug/minga")
        p.arguments = arguments
        p.environment = env
        let stdin = Pipe(), stdout = Pipe()
        p.standardInput = stdin
        p.standardOutput = stdout
        p.standardError = FileHandle.nullDevice
        try p.run()
        stdin.fileHandleForWriting.write(Data(lines(turn: 5, network: network).utf8))
        while p.isRunning && agreementFiles(network).count < Self.users / 3 { sched_yield() }
        kill(p.processIdentifier, SIGKILL)
        try? stdin.fileHandleForWriting.close()
        let killedOut = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        let before = confirmations(killedOut)
        // The bridge sends again what got no answer.
        let unanswered = (0..<Self.users).filter { before["u\($0)-5"] == nil }
        let retry = try runMinga(arguments, input: unanswered.map { request($0, 5, network: network) }.joined(separator: "\n") + "\n")
        let after = confirmations(retry.out)
        let all = before.merging(after) { a, _ in a }
        #expect(all.count == Self.users)
        #expect(Set(all.values).count == Self.users)
        #expect(agreementFiles(network).count == Self.users)
        for (request, id) in all {
            let user = request.dropFirst().prefix { $0 != "-" }
            let text = try String(contentsOfFile: store + "/redes/\(network)/acuerdos/\(id).md", encoding: .utf8)
            #expect(text.lowercased().contains("tarea número \(user)\n"), "\(request) → \(id)")
        }
        // No conversation is back at its confirmation: another «sí» saves nothing.
        let again = try runMinga(arguments, input: lines(turn: 6, network: network))
        #expect(confirmations(again.out).isEmpty)
        #expect(agreementFiles(network).count == Self.users)
    }
}
