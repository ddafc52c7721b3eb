import CReadline
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Words Tab completes: Minga's commands plus the current question's choices. Read by
/// readline's C callback, so it lives in a global guarded by a mutex.
private let completionWords = Mutex<[String]>([])
/// Set by the SIGINT handler; readline's signal hook clears the line when it sees it.
private let interrupted = Atomic<Bool>(false)

/// GNU readline: line editing, history kept between runs, Tab completion, and bash-like Ctrl-C
/// (abandons the line, keeps the program).
public struct ReadlineReader: LineReader {
    private let historyFile: String?
    static let commands = ["ayuda", "cancelar", "atrás", "repetir", "resumen", "saltar", "pausar", "seguir", "salir",
                           "registrar un acuerdo", "¿qué acuerdos hay?", "¿qué acuerdos están vencidos?"]

    /// `historyFile`: where lines are kept between runs (nil: not kept).
    public init(historyFile: String?) {
        self.historyFile = historyFile
        setlocale(LC_ALL, "")
        minga_rl_set_name("minga")
        minga_rl_set_catch_signals(0)
        minga_rl_set_completion(mingaCompletion)
        minga_rl_set_event_hook(mingaSignalHook)
        installInterruptHandler()
        using_history()
        if let historyFile {
            try? FileManager.default.createDirectory(
                atPath: (historyFile as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            // append_history only appends to an existing file: create it on the first run.
            if !FileManager.default.fileExists(atPath: historyFile) { write_history(historyFile) }
            read_history(historyFile)
        }
        completionWords.withLock { $0 = Self.commands }
    }

    public mutating func readLine(prompt: String) -> String? {
        while true {
            interrupted.store(false, ordering: .relaxed)
            guard let raw = readline(prompt) else { return nil }
            defer { free(raw) }
            if interrupted.load(ordering: .relaxed) { continue }
            let line = String(cString: raw)
            if !line.trimmingCharacters(in: .whitespaces).isEmpty {
                add_history(raw)
                if let historyFile { append_history(1, historyFile); history_truncate_file(historyFile, 1000) }
            }
            return line
        }
    }

    public mutating func setCompletions(_ words: [String]) {
        completionWords.withLock { $0 = words + Self.commands }
    }

    /// The default history file: `$XDG_STATE_HOME/minga/historial`, else `~/.local/state/minga/historial`.
    public static func defaultHistoryFile(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let s = environment["XDG_STATE_HOME"], !s.isEmpty { return s + "/minga/historial" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state/minga/historial"
    }
}

/// SIGINT without SA_RESTART: readline returns to its loop, the hook clears the line.
private func installInterruptHandler() {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { _ in interrupted.store(true, ordering: .relaxed) }
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    sigaction(SIGINT, &action, nil)
}

private func mingaSignalHook() -> Int32 {
    if interrupted.load(ordering: .relaxed) {
        minga_rl_clear_line()
        interrupted.store(false, ordering: .relaxed)
    }
    return 0
}

/// Completes the whole line typed so far against commands and choices (they contain spaces).
private func mingaCompletion(_ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    minga_rl_set_attempted_over(1)
    let typed = String(cString: minga_rl_line_buffer()).lowercased()
    let word = text.map { String(cString: $0) } ?? ""
    let candidates = completionWords.withLock { $0 }.filter { $0.lowercased().hasPrefix(typed) }
    guard !candidates.isEmpty else { return nil }
    // readline replaces only the current word: hand it the candidate's tail from that word on.
    let prefixLength = typed.count - word.count
    let tails = candidates.map { String($0.dropFirst(max(0, prefixLength))) }
    let common = tails.dropFirst().reduce(tails[0]) { acc, s in String(zip(acc, s).prefix { $0 == $1 }.map(\.0)) }
    let list = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: tails.count + 2)
    list[0] = strdup(common)
    for (i, t) in tails.enumerated() { list[i + 1] = strdup(t) }
    list[tails.count + 1] = nil
    return list
}
