import CivilTime
import Domain
import Export
import FileStore
import Foundation
import Testing

@Suite struct StoreExportTests {
    /// A network whose red.md a person broke by hand is reported by name and line, not silently
    /// left out of an export of every network (design.md, store rules).
    @Test func brokenNetworkFileIsReported() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("minga-export-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try FileStore(root: root)
        let good = try store.createNetwork(Network(id: "", name: "Red Norte", kind: .rme))
        let broken = try store.createNetwork(Network(id: "", name: "Red Sur", kind: .rme))
        let file = root.appendingPathComponent("redes/\(broken.id)/red.md")
        try Data("---\nid: \(broken.id)\nnombre: [roto\n".utf8).write(to: file)

        let read = try StoreExport.json(store, network: nil, today: LocalDate(year: 2026, month: 11, day: 25))
        #expect(read.value["redes"]?.arrayValue?.map { $0["id"]?.stringValue } == [good.id])
        let problems = read.problems.map { "\($0)" }
        #expect(problems.contains { $0.contains("redes/\(broken.id)/red.md") && $0.contains("línea") }, "\(problems)")

        let text = try StoreExport.text("csv", store: FileStore(root: root), network: nil, clock: .fixed(Date(), timeZone: .santiago))
        #expect(text.problems.contains { "\($0)".contains("redes/\(broken.id)/red.md") })
    }
}
