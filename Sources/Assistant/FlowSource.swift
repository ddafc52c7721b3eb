import DialogEngine
import FlowFiles
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Logging
import Locks

/// The dialog flows in use, reloaded when a file in the folder changes. An invalid edit keeps
/// the last good version and logs why; conversations in progress migrate by slot name.
public final class FlowSource: Sendable {
    private struct State {
        var engine: DialogEngine
        var stamp: [String: [Int]]
        var lastCheck: ContinuousClock.Instant
        /// Nil: no inotify, the stamps are compared at every check.
        var watch: DialogFolderWatch?
    }

    public let directory: URL?
    private let state: PlainLock<State>
    private let logger: Logger
    /// How often the folder is looked at, at most.
    private let interval: Duration

    /// Compiled dialogs are kept here between processes (`CompiledFlows`); nil: always parsed.
    private let cache: URL?

    /// Loads `directory`; throws the located errors when a file is invalid.
    public init(directory: URL, logger: Logger = Logger(label: "minga.flows"), interval: Duration = .seconds(1),
                cache: URL? = nil) throws(FlowFileErrors) {
        let flows = try FlowLoader.load(directory: directory, cache: cache)
        self.cache = cache
        self.directory = directory
        self.logger = logger
        self.interval = interval
        // Watched before the stamp is taken, so an edit in between is not missed.
        let watch = DialogFolderWatch(folder: directory.path)
        state = PlainLock(State(engine: DialogEngine(catalog: FlowCatalog(flows)), stamp: FlowSource.stamp(directory),
                            lastCheck: .now, watch: watch))
    }

    /// Dialogs given as (file name, text) pairs, such as those built into the binary: never
    /// reloaded. Errors name the files as given.
    public init(files: [(name: String, text: String)], logger: Logger = Logger(label: "minga.flows"),
                cache: URL? = nil) throws(FlowFileErrors) {
        let flows = try CompiledFlows.load(sources: files.map { (file: $0.name, text: $0.text) }, cache: cache)
        self.cache = cache
        directory = nil
        self.logger = logger
        interval = .seconds(1)
        state = PlainLock(State(engine: DialogEngine(catalog: FlowCatalog(flows)), stamp: [:], lastCheck: .now))
    }

    /// Fixed flows (tests, benchmark): never reloaded.
    public init(flows: [FlowDefinition]) {
        cache = nil
        directory = nil
        logger = Logger(label: "minga.flows")
        interval = .seconds(1)
        state = PlainLock(State(engine: DialogEngine(catalog: FlowCatalog(flows)), stamp: [:], lastCheck: .now))
    }

    /// The current engine, after picking up valid edits.
    public var engine: DialogEngine {
        reloadIfChanged()
        return state.withLock { $0.engine }
    }

    /// Looks at the folder (at most once per `interval`) and swaps in edited flows that validate.
    /// With inotify a look is one `read` unless something changed, so its cost does not grow
    /// with the number of dialog files (listing and stamping them all showed in long runs).
    public func reloadIfChanged(force: Bool = false) {
        guard let directory else { return }
        let now = ContinuousClock.now
        let due = state.withLock { st -> Bool in
            guard force || now - st.lastCheck >= interval else { return false }
            st.lastCheck = now
            // Read even when forced: the events are then spent, not reported again next time.
            let changed = st.watch?.mayHaveChanged() ?? true
            return force || changed
        }
        guard due else { return }
        let stamp = FlowSource.stamp(directory)
        guard stamp != state.withLock({ $0.stamp }) else { return }
        do {
            let flows = try FlowLoader.load(directory: directory, cache: cache)
            state.withLock {
                $0.engine = DialogEngine(catalog: FlowCatalog(flows))
                $0.stamp = stamp
            }
            logger.info("diálogos recargados", metadata: ["flows": "\(flows.count)"])
        } catch {
            state.withLock { $0.stamp = stamp }
            logger.error("cambio de diálogos rechazado; sigo con la última versión válida", metadata: ["errors": "\(error)"])
        }
    }

    /// Each file's size and modification time (ns): what changes when someone edits a flow.
    /// Read with stat(2): FileManager's attributes also look up owner names, which showed in start-up.
    static func stamp(_ dir: URL) -> [String: [Int]] {
        var out: [String: [Int]] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            var st = stat()
            guard stat(dir.appendingPathComponent(name).path, &st) == 0 else { out[name] = []; continue }
            out[name] = [Int(st.st_size), Int(st.st_mtim.tv_sec), Int(st.st_mtim.tv_nsec)]
        }
        return out
    }

    /// Where the dialogs come from, first match wins: a folder named on the command line
    /// (`--dialogs`), `$MINGA_DIALOGS`, `./dialogs` when it holds Minga's dialogs (someone working in
    /// a checkout sees their edits at once), the `dialogs` folder of the checkout a `.build/...`
    /// executable was built in, and otherwise the dialogs built into the binary. Folders are
    /// reloaded when edited; the built-in dialogs never change.
    public enum Location: Equatable, Sendable {
        public enum Reason: Sendable { case option, environment, workingDirectory, checkout }
        case folder(URL, Reason)
        case builtIn
    }

    public static func locate(option: String?,
                              environment: [String: String] = ProcessInfo.processInfo.environment,
                              currentDirectory: String = FileManager.default.currentDirectoryPath,
                              executable: String = CommandLine.arguments.first ?? "") -> Location {
        if let option, !option.isEmpty { return .folder(URL(fileURLWithPath: option), .option) }
        if let d = environment["MINGA_DIALOGS"], !d.isEmpty { return .folder(URL(fileURLWithPath: d), .environment) }
        let fm = FileManager.default
        let cwd = URL(fileURLWithPath: currentDirectory).appendingPathComponent("dialogs")
        if fm.fileExists(atPath: cwd.appendingPathComponent("acuerdo.yaml").path) { return .folder(cwd, .workingDirectory) }
        // Only a binary still inside a build folder looks for its checkout: an installed one
        // (~/.local/bin/minga) must not pick up some unrelated `dialogs` folder above it.
        let exe = URL(fileURLWithPath: executable, relativeTo: URL(fileURLWithPath: currentDirectory, isDirectory: true))
            .standardizedFileURL.resolvingSymlinksInPath()
        if let range = exe.path.range(of: "/.build/") {
            let checkout = URL(fileURLWithPath: String(exe.path[..<range.lowerBound])).appendingPathComponent("dialogs")
            if fm.fileExists(atPath: checkout.appendingPathComponent("acuerdo.yaml").path) { return .folder(checkout, .checkout) }
        }
        return .builtIn
    }

    /// The dialogs folder: `$MINGA_DIALOGS`, `./dialogs`, or the `dialogs` folder of the checkout
    /// the executable was built in (benchmarks; the command line uses `locate`).
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let d = environment["MINGA_DIALOGS"], !d.isEmpty { return URL(fileURLWithPath: d) }
        let fm = FileManager.default
        let cwd = URL(fileURLWithPath: fm.currentDirectoryPath).appendingPathComponent("dialogs")
        if fm.fileExists(atPath: cwd.appendingPathComponent("acuerdo.yaml").path) { return cwd }
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = dir.appendingPathComponent("dialogs")
            if fm.fileExists(atPath: candidate.appendingPathComponent("acuerdo.yaml").path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return cwd
    }
}
