import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The git command-line tool, run through Foundation's `Process` (no libgit2 binding exists for
/// Swift on Linux here, and `Process` needs no new dependency). One process per call; callers
/// batch their work (`fast-import`, `cat-file --batch`) so a flush or a sync costs a few of them.
struct Git: Sendable {
    /// The work tree (the store's root).
    let directory: URL
    /// Extra environment (a separate index, an author).
    var environment: [String: String] = [:]

    /// The output of `git <arguments>`; throws `GitError` with git's own message on failure.
    @discardableResult
    func run(_ arguments: [String], input: Data? = nil, allowFailure: Bool = false) throws -> Data {
        let r = try launch(arguments, input: input)
        if r.status != 0 && !allowFailure {
            throw GitError(arguments: arguments, status: r.status, message: String(decoding: r.error, as: UTF8.self))
        }
        return r.output
    }

    /// The output as text, without its trailing new line.
    func text(_ arguments: [String], input: Data? = nil) throws -> String {
        var s = String(decoding: try run(arguments, input: input), as: UTF8.self)
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }

    /// Whether `git <arguments>` exits with 0 (for queries such as `rev-parse --verify`).
    func succeeds(_ arguments: [String]) -> Bool {
        ((try? launch(arguments, input: nil))?.status ?? 1) == 0
    }

    struct Outcome {
        var status: Int32
        var output: Data
        var error: Data
    }

    func launch(_ arguments: [String], input: Data?) throws -> Outcome {
        let p = Process()
        p.executableURL = Self.executable
        p.arguments = ["-C", directory.path] + arguments
        var env = ProcessInfo.processInfo.environment
        // Never ask anything on a terminal, never page, always the same language for parsing.
        env["GIT_TERMINAL_PROMPT"] = "0"
        env["GIT_PAGER"] = "cat"
        env["LC_ALL"] = "C"
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let inPipe = input.map { _ in Pipe() }
        p.standardInput = inPipe ?? FileHandle.nullDevice
        do {
            try p.run()
        } catch {
            throw GitError(arguments: arguments, status: -1, message: "no encontré el programa git (\(error))")
        }
        // Both pipes are drained while writing the input, so a large output never blocks git.
        let group = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        nonisolated(unsafe) var outputData = Data()
        DispatchQueue.global().async(group: group) { errorData = err.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { outputData = out.fileHandleForReading.readDataToEndOfFile() }
        if let input, let inPipe {
            inPipe.fileHandleForWriting.write(input)
            try? inPipe.fileHandleForWriting.close()
        }
        group.wait()
        p.waitUntilExit()
        return Outcome(status: p.terminationStatus, output: outputData, error: errorData)
    }

    /// `git` on the PATH.
    static let executable: URL = {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent("git")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return URL(fileURLWithPath: "/usr/bin/git")
    }()

    static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: executable.path) }
}

/// A git command that failed, with what git said.
public struct GitError: Error, CustomStringConvertible {
    var arguments: [String]
    var status: Int32
    var message: String

    public var description: String {
        let said = message.split(separator: "\n").filter { !$0.isEmpty }.prefix(3).joined(separator: " ")
        return "git \(arguments.first ?? "") falló: \(said.isEmpty ? "código \(status)" : said)"
    }
}

/// An exclusive flock on a file, held while `body` runs (the same protocol as the store's `.lock`).
enum Flock {
    static func with<T>(_ path: String, _ body: () throws -> T) throws -> T {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw HistoryError("No pude abrir \(path): \(String(cString: strerror(errno))).") }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { throw HistoryError("No pude tomar el candado \(path): \(String(cString: strerror(errno))).") }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}

/// A failure of the history or the sync, in words for the user.
public struct HistoryError: Error, CustomStringConvertible {
    public var description: String
    public init(_ text: String) { description = text }
}
