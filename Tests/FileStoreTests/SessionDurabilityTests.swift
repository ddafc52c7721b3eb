import Foundation
import Testing
@testable import FileStore

/// design.md, store rules: every write is atomic *and* durable (temporary file, fsync, rename,
/// fsync the folder) — session files under sesiones/ included.
@Test func sessionWritesSyncTheFolder() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("minga-durable-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let store = try FileStore(root: dir)
    let before = AtomicFile.durableWrites.load(ordering: .relaxed)
    try store.saveSession("ana", data: Data("{}".utf8))
    #expect(AtomicFile.durableWrites.load(ordering: .relaxed) > before)
}
