import Domain
@testable import FileStore
import Foundation
import Testing

/// A new record's file is made before the store's lock, unnamed, and linked into place under it.
@Suite struct AtomicFileTests {
    func folder() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("minga-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.path
    }

    /// A prepared file has no name until it is written: the folder holds nothing else meanwhile,
    /// and the file appears whole under its own name.
    @Test func preparedFileAppearsOnlyWhole() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let prepared = try #require(AtomicFile.prepare(in: dir))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
        let stamp = try AtomicFile.write(Data("uno\n".utf8), toPath: dir + "/A-1.md", prepared: prepared)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["A-1.md"])
        #expect(FileManager.default.contents(atPath: dir + "/A-1.md") == Data("uno\n".utf8))
        // The stamp the write returns is the one a later look at the file sees (the decode cache
        // compares them).
        var info = stat()
        #expect(stat(dir + "/A-1.md", &info) == 0 && FileStamp(info) == stamp)
    }

    /// A name already taken is replaced atomically, as a rename did, not refused.
    @Test func preparedFileReplacesATakenName() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try AtomicFile.write(Data("viejo\n".utf8), toPath: dir + "/A-1.md")
        let prepared = try #require(AtomicFile.prepare(in: dir))
        try AtomicFile.write(Data("nuevo\n".utf8), toPath: dir + "/A-1.md", prepared: prepared)
        #expect(FileManager.default.contents(atPath: dir + "/A-1.md") == Data("nuevo\n".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["A-1.md"])
    }

    /// A prepared file that is not used leaves nothing behind.
    @Test func discardedFileLeavesNothing() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let prepared = try #require(AtomicFile.prepare(in: dir))
        AtomicFile.discard(prepared)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    /// Saves through the store leave only their records in the folder.
    @Test func savesLeaveOnlyRecords() throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = try store.createNetwork(Network(id: "", name: "Red", kind: .rme))
        for i in 0..<3 {
            _ = try store.addAgreement(Agreement(id: "", text: "tarea \(i)", responsables: ["Ana"], deadline: nil, evidence: nil),
                                       network: n.id)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path + "/redes/\(n.id)/acuerdos").sorted()
        #expect(names == ["A-1.md", "A-2.md", "A-3.md"])
        #expect(try FileStore(root: dir).snapshot(network: n.id).value.agreements.map(\.text) == ["tarea 0", "tarea 1", "tarea 2"])
    }
}
