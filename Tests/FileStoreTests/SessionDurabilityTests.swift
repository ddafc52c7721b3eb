import Domain
import Synchronization
import Foundation
import Testing
@testable import FileStore

/// The durability policy: a record a reply confirms is fsync'd (file and folder) by the commit
/// before the reply; session state and markers are written atomically (rename) without an
/// fsync, since they only have to survive the process dying.
@Test func recordsAreDurableSessionsAreNot() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("minga-durable-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let store = try FileStore(root: dir)
    let n = try store.createNetwork(Network(id: "", name: "Red", kind: .rme))
    try store.commit()
    var before = store.counters.fsyncs.load(ordering: .relaxed)
    try store.saveSession("ana", data: Data("{}".utf8))
    #expect(store.counters.fsyncs.load(ordering: .relaxed) == before)
    #expect(FileManager.default.contents(atPath: dir.path + "/sesiones/" + SessionKey.fileName("ana")) == Data("{}".utf8))
    before = store.counters.fsyncs.load(ordering: .relaxed)
    _ = try store.addAgreement(Agreement(id: "", text: "leer", responsables: [], deadline: nil, evidence: nil), network: n.id,
                               key: SaveKey(["k"]))
    try store.saveSession("ana", data: Data("{\"n\":1}".utf8))
    try store.commit()
    // The agreement and its folder, not the session nor the save's markers.
    #expect(store.counters.fsyncs.load(ordering: .relaxed) == before + 2)
    try store.commit()
    #expect(store.counters.fsyncs.load(ordering: .relaxed) == before + 2)
}

/// A cached network costs no parse and no per-record look on an ordinary read; a changed file
/// costs one parse, whoever changed it.
@Test func cachedSnapshotsReadNothingUnchanged() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("minga-cache-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let store = try FileStore(root: dir)
    let n = try store.createNetwork(Network(id: "", name: "Red", kind: .rme))
    for i in 0..<50 { _ = try store.addAgreement(Agreement(id: "", text: "tarea \(i)", responsables: ["Ana"], deadline: nil, evidence: nil), network: n.id) }
    _ = try store.snapshot(network: n.id)
    let parses = store.counters.parses.load(ordering: .relaxed)
    let looks = store.counters.looks.load(ordering: .relaxed)
    for _ in 0..<20 { _ = try store.snapshot(network: n.id) }
    #expect(store.counters.parses.load(ordering: .relaxed) == parses)
    #expect(store.counters.looks.load(ordering: .relaxed) == looks)
    // Another process (a second store) writes; a person edits a file in place.
    let other = try FileStore(root: dir)
    _ = try other.addAgreement(Agreement(id: "", text: "de otro proceso", responsables: [], deadline: nil, evidence: nil), network: n.id)
    let path = dir.path + "/redes/red/acuerdos/A-3.md"
    let handle = try #require(FileHandle(forUpdatingAtPath: path))
    let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "tarea 2", with: "tarea 2 editada")
    handle.truncateFile(atOffset: 0)
    handle.write(Data(text.utf8))
    try handle.close()
    let read = try store.snapshot(network: n.id).value
    #expect(read.agreements.count == 51)
    #expect(read.agreements.last?.text == "de otro proceso")
    #expect(read.agreements[2].text == "tarea 2 editada")
    #expect(store.counters.parses.load(ordering: .relaxed) == parses + 2)
}

/// Saves waiting for their fsync share it: commits from many threads cover every record
/// written before them with one fsync per file and one per folder, not one round each.
@Test func groupCommitSharesFsyncs() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("minga-group-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let store = try FileStore(root: dir)
    let n = try store.createNetwork(Network(id: "", name: "Red", kind: .rme))
    try store.commit()
    let before = store.counters.fsyncs.load(ordering: .relaxed)
    for i in 0..<40 {
        _ = try store.addAgreement(Agreement(id: "", text: "tarea \(i)", responsables: [], deadline: nil, evidence: nil), network: n.id)
    }
    let failures = Mutex(0)
    DispatchQueue.concurrentPerform(iterations: 8) { _ in
        do { try store.commit() } catch { failures.withLock { $0 += 1 } }
    }
    #expect(failures.withLock { $0 } == 0)
    #expect(store.counters.fsyncs.load(ordering: .relaxed) - before == 41)
}
