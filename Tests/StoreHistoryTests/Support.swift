import CivilTime
import Domain
import FileStore
import Foundation
@testable import StoreHistory

/// A temporary folder for one test, removed at the end.
final class TempDir {
    let url: URL
    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("minga-historial-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func sub(_ name: String) -> URL { url.appendingPathComponent(name) }
}

/// A store under git with its history (flushed by hand) and a clock the test moves.
struct GitStore {
    let root: URL
    let store: FileStore
    let history: GitHistory
    let clock: TestClock

    init(_ root: URL, clock: TestClock = TestClock()) throws {
        self.root = root
        self.clock = clock
        store = try FileStore(root: root)
        try GitHistory.enable(at: root)
        let c = clock
        history = try GitHistory(root: root, interval: nil, now: { c.now })
    }

    /// The store as one member writes to it.
    func by(_ name: String, network: String = "red-norte") -> AuthoredStore {
        AuthoredStore(base: store, recorder: history, note: ChangeNote(author: .member(name: name, id: name, network: network)))
    }

    func agreement(_ id: String, network: String = "red-norte") throws -> Agreement? {
        try store.snapshot(network: network).value.agreements.first { $0.id == id }
    }

    func git(_ args: String...) throws -> String { try Git(directory: root).text(args) }
}

/// A clock a test sets.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value = Date(timeIntervalSince1970: 1_794_000_000)  // nov 2026
    /// A second later on every reading, as real commits are.
    var now: Date { lock.withLock { value = value.addingTimeInterval(1); return value } }
    func advance(days: Double) { lock.withLock { value = value.addingTimeInterval(days * 86_400) } }
}

func draft(_ text: String, deadline: LocalDate? = LocalDate(year: 2026, month: 12, day: 15)) -> Agreement {
    Agreement(id: "", text: text, responsables: ["Ana"], deadline: deadline, evidence: "acta", status: .pendiente,
              meeting: nil, registered: "2026-11-25T10:00:00-03:00")
}

/// An empty bare repository: the shared remote.
func bareRemote(_ dir: TempDir) throws -> URL {
    let url = dir.sub("remoto.git")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    try Git(directory: url).run(["init", "-q", "--bare", "-b", "main"])
    return url
}
