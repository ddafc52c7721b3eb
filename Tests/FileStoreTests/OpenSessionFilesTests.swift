import Foundation
import Testing
@testable import FileStore

/// Session files stay open between turns (`OpenSessionFiles`), and a kept descriptor is never
/// written through once its file is no longer the one the path names.
@Suite struct OpenSessionFilesTests {
    func store() throws -> (FileStore, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("minga-open-\(UUID().uuidString)")
        return (try FileStore(root: dir), dir)
    }

    func path(_ dir: URL, _ key: String) -> String { dir.path + "/sesiones/" + SessionKey.fileName(key) }

    func content(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func aSessionsFileIsOpenedOnceAndWrittenInPlace() throws {
        let (store, dir) = try store()
        defer { try? FileManager.default.removeItem(at: dir) }
        try store.saveSession("ana", data: Data(#"{"n":"uno largo"}"#.utf8))
        #expect(store.openSessions.count == 1)
        try store.saveSession("ana", data: Data(#"{"n":2}"#.utf8))
        #expect(store.openSessions.count == 1)
        // Padded to the old length, as before.
        #expect(content(path(dir, "ana")) == #"{"n":2}"# + String(repeating: " ", count: #"{"n":"uno largo"}"#.count - #"{"n":2}"#.count))
        #expect(try store.loadSession("ana").map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespaces) } == #"{"n":2}"#)
        // Each write is seen as a new version.
        let v = try #require(store.sessionVersion("ana"))
        try store.saveSession("ana", data: Data(#"{"n":"tres, más largo que antes"}"#.utf8))
        #expect(store.sessionVersion("ana") != v)
    }

    @Test func aFileReplacedOrRemovedMeanwhileIsOpenedAgain() throws {
        let (store, dir) = try store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = path(dir, "ana")
        try store.saveSession("ana", data: Data(#"{"n":1}"#.utf8))
        // Another process replaces the file whole (its write of a state over a page is a rename).
        try Data(#"{"otro":true}"#.utf8).write(to: URL(fileURLWithPath: p + ".nuevo"))
        #expect(rename(p + ".nuevo", p) == 0)
        try store.saveSession("ana", data: Data(#"{"n":2}"#.utf8))
        #expect(content(p)?.trimmingCharacters(in: .whitespaces) == #"{"n":2}"#)
        // Removed (a sweep, a person): the write makes the file again.
        #expect(unlink(p) == 0)
        try store.saveSession("ana", data: Data(#"{"n":3}"#.utf8))
        #expect(content(p) == #"{"n":3}"#)
    }

    @Test func aFileMovedAwayByHandIsLeftAsItWas() throws {
        let (store, dir) = try store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = path(dir, "ana")
        try store.saveSession("ana", data: Data(#"{"n":1}"#.utf8))
        #expect(rename(p, p + ".guardado") == 0)
        // The turn looks at its session file first: there is none now.
        #expect(store.sessionVersion("ana") == nil)
        try store.saveSession("ana", data: Data(#"{"n":2}"#.utf8))
        #expect(content(p) == #"{"n":2}"#)
        #expect(content(p + ".guardado") == #"{"n":1}"#)
    }

    @Test func atMostTheLimitStaysOpen() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("minga-open-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let kept = OpenSessionFiles(limit: 2)
        for i in 0..<5 {
            try AtomicFile.overwrite(Data("{\"i\":\(i)}".utf8), atPath: dir.path + "/\(i).json", mode: 0o600, counters: nil, kept: kept)
        }
        #expect(kept.count == 2)
        for i in 0..<5 {
            try AtomicFile.overwrite(Data("{\"j\":\(i)}".utf8), atPath: dir.path + "/\(i).json", mode: 0o600, counters: nil, kept: kept)
            #expect(FileManager.default.contents(atPath: dir.path + "/\(i).json") == Data("{\"j\":\(i)}".utf8))
        }
        #expect(kept.count == 2)
        // None kept at all: every write opens and closes, as before.
        let none = OpenSessionFiles(limit: 0)
        try AtomicFile.overwrite(Data("{}".utf8), atPath: dir.path + "/x.json", mode: 0o600, counters: nil, kept: none)
        #expect(none.count == 0)
    }
}
