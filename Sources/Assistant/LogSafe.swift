import FileStore

/// What may go into a log below `trace`: never text a user or a client sent (user ids, names,
/// network ids, messages, request ids), which could forge log lines or fill the disk. Instead, a
/// length and a short stable hash, enough to tell two values apart or match them across lines.
public enum LogSafe {
    /// `"17B#9f3a0c21"`: the UTF-8 length and an FNV-1a hash (32 bits, stable across runs).
    public static func fingerprint(_ text: String) -> String {
        var hash: UInt32 = 0x811C_9DC5
        var count = 0
        for byte in text.utf8 {
            hash = (hash ^ UInt32(byte)) &* 0x0100_0193
            count += 1
        }
        let hex = String(hash, radix: 16)
        return "\(count)B#" + String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// An error for the log: the store's own facts (a file and line in the store, a system
    /// message), never what a request named; any other error by its type alone.
    public static func describe(_ error: any Error) -> String {
        switch error {
        case StoreError.brokenFile(let path, let line, _):
            // The parser's message may quote the file, which holds users' text.
            "archivo dañado \(path):\(line)"
        case StoreError.io(let path, let message):
            "E/S en \(path): \(message)"
        case StoreError.notFound:
            // What was not found is what the request asked for.
            "no encontrado"
        default:
            String(reflecting: type(of: error))
        }
    }
}
