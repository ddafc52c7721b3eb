import DialogEngine
import FlowFiles
import Foundation
import Testing

/// Dialog files saved on Windows load, and their errors keep the line and column people see.
@Suite struct FlowFileLineEndingTests {
    let valid = "id: x\ntitle: X\ntriggers: [hacer algo]\nslots:\n  - name: fecha\n    type: date\n    ask: ¿Cuándo?\ndone: Listo {fecha}.\n"

    func windows(_ text: String, bom: Bool = true) -> String {
        (bom ? "\u{FEFF}" : "") + text.replacingOccurrences(of: "\n", with: "\r\n")
    }

    func errors(_ yaml: String) -> [String] {
        do {
            _ = try FlowLoader.load(sources: [("f.yaml", yaml)])
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    /// CR LF endings, a BOM, or both: the flow loads with the same slots and texts as the Unix file.
    @Test(arguments: [(true, true), (true, false), (false, true)]) func loads(crlf: Bool, bom: Bool) throws {
        let text = crlf ? windows(valid, bom: bom) : "\u{FEFF}" + valid
        let flow = try #require(try FlowLoader.load(sources: [("x.yaml", text)]).first)
        let unix = try #require(try FlowLoader.load(sources: [("x.yaml", valid)]).first)
        #expect(flow.id == "x" && flow.title == "X")
        #expect(flow.slots.first?.ask == "¿Cuándo?")
        #expect(flow.done == unix.done && flow.triggers == unix.triggers)
    }

    /// An error in a CR LF file with a BOM is located at the same line:column as in the Unix file.
    @Test func errorsKeepLineAndColumn() {
        let wrong = valid.replacingOccurrences(of: "type: date", with: "type: dat")
        #expect(errors(windows(wrong)) == ["f.yaml:6:11: tipo de slot desconocido «dat». ¿Quisiste decir «date»?"])
        let badFirstLine = "idd: x\n" + valid.dropFirst("id: x\n".count)
        #expect(errors(windows(badFirstLine)) == errors(badFirstLine))
        #expect(errors(badFirstLine).first?.hasPrefix("f.yaml:1:1:") == true, "\(errors(badFirstLine))")
        let syntax = valid.replacingOccurrences(of: "title: X", with: "title: \"X")
        #expect(!errors(syntax).isEmpty && errors(windows(syntax)) == errors(syntax))
    }

    /// Files read from a folder (what `minga check` and the chat use) accept a BOM and CR LF bytes.
    @Test func folderWithWindowsFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("minga-flows-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data([0xEF, 0xBB, 0xBF] + Array(valid.replacingOccurrences(of: "\n", with: "\r\n").utf8)).write(to: dir.appendingPathComponent("x.yaml"))
        #expect(try FlowLoader.load(directory: dir).map(\.id) == ["x"])
        let wrong = valid.replacingOccurrences(of: "type: date", with: "type: dat").replacingOccurrences(of: "\n", with: "\r\n")
        try Data([0xEF, 0xBB, 0xBF] + Array(wrong.utf8)).write(to: dir.appendingPathComponent("x.yaml"))
        #expect(throws: FlowFileErrors.self) { try FlowLoader.load(directory: dir) }
        do {
            _ = try FlowLoader.load(directory: dir)
        } catch {
            #expect(error.errors.map { "\($0.line):\($0.column)" } == ["6:11"])
        }
    }
}
