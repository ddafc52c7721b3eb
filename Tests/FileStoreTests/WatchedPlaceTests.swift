@testable import FileStore
import Foundation
import Testing

/// What the watcher's folders mean to the snapshot cache, cut by bytes (`FileStore.networkPlace`),
/// and the in-place session write padding a shorter state with spaces.
@Suite struct WatchedPlaceTests {
    let prefix = "/tmp/almacén ñ/redes/"

    @Test func placesUnderRedes() {
        #expect(FileStore.networkPlace("/tmp/almacén ñ/redes", prefix: prefix)! == (nil, false))
        #expect(FileStore.networkPlace("/tmp/almacén ñ/redes/red-uno", prefix: prefix)! == ("red-uno", false))
        #expect(FileStore.networkPlace("/tmp/almacén ñ/redes/red-uno/acuerdos", prefix: prefix)! == ("red-uno", true))
        #expect(FileStore.networkPlace("/tmp/almacén ñ/redes/peñalolén/miembros", prefix: prefix)! == ("peñalolén", true))
    }

    @Test func placesOutsideRedes() {
        #expect(FileStore.networkPlace("/tmp/almacén ñ/sesiones", prefix: prefix) == nil)
        #expect(FileStore.networkPlace("/tmp/almacén ñ/redesX/a", prefix: prefix) == nil)
        #expect(FileStore.networkPlace("/tmp/almacén ñ/rede", prefix: prefix) == nil)
        #expect(FileStore.networkPlace("/tmp/almacén ñ/redes/", prefix: prefix) == nil)
        #expect(FileStore.networkPlace("/otra/redes/red", prefix: prefix) == nil)
    }

    @Test func overwritePadsAShorterState() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("minga-place-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.json").path
        let kept = OpenSessionFiles(limit: 4)
        try AtomicFile.overwrite(Data(#"{"a":"una conversación larga"}"#.utf8), atPath: path, mode: 0o600, counters: nil, kept: kept)
        let stamp = try AtomicFile.overwrite(Data(#"{"a":1}"#.utf8), atPath: path, mode: 0o600, counters: nil, kept: kept)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == #"{"a":1}"# + String(repeating: " ", count: text.utf8.count - 7))
        #expect(text.utf8.count == #"{"a":"una conversación larga"}"#.utf8.count)
        #expect(stamp.size == text.utf8.count)
        // Longer again: nothing of the padding is left.
        try AtomicFile.overwrite(Data(#"{"a":"una conversación aún más larga"}"#.utf8), atPath: path, mode: 0o600, counters: nil, kept: kept)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == #"{"a":"una conversación aún más larga"}"#)
    }
}
