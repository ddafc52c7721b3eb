import ArgumentParser
import Foundation
import Logging
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// How `minga serve` writes its logs.
enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    case auto, journal, texto
}

/// Logs for journald (sd-daemon(3)): one line per event on stderr, prefixed with the syslog
/// priority (`<6>` for info), without a timestamp (the journal adds its own). A newline inside
/// a message or value is written as `\n`, so an event never spans two journal entries.
struct JournalLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    private static let output = Mutex(())

    init(label: String, logLevel: Logger.Level) {
        self.label = label
        self.logLevel = logLevel
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { _, new in new } }
        if let extra = event.metadata { all.merge(extra) { _, new in new } }
        Self.write(Self.line(level: event.level, label: label, message: "\(event.message)", metadata: all))
    }

    /// `<6>minga.serve: escuchando endpoint=tcp:127.0.0.1:7421`
    static func line(level: Logger.Level, label: String, message: String, metadata: Logger.Metadata) -> String {
        var line = "<\(priority(level))>\(label): \(oneLine(message))"
        for key in metadata.keys.sorted() {
            line += " \(key)=\(oneLine("\(metadata[key]!)"))"
        }
        return line + "\n"
    }

    /// The syslog priority of each level (RFC 5424): trace and debug are 7 (debug), critical 2.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    private static func oneLine(_ s: String) -> String {
        s.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
    }

    private static func write(_ line: String) {
        output.withLock { _ in
            let bytes = Array(line.utf8)
            var offset = 0
            while offset < bytes.count {
                let n = bytes[offset...].withUnsafeBytes { Glibc.write(2, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                offset += n
            }
        }
    }

    /// Whether stderr is connected to the journal: systemd sets `JOURNAL_STREAM=<device>:<inode>`
    /// to stderr's; a redirected stderr (a file, a pipe to something else) keeps plain text.
    static func stderrIsJournal(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard let stream = environment["JOURNAL_STREAM"] else { return false }
        let parts = stream.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var st = stat()
        guard fstat(2, &st) == 0 else { return false }
        return UInt64(st.st_dev) == device && UInt64(st.st_ino) == inode
    }
}
