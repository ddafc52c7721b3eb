/// Session file names: a hash of the user key, so no user id (a phone number, a chat id) ever
/// becomes part of a path.
public enum SessionKey {
    /// `network` + `user` → a stable key.
    public static func make(network: String?, user: String) -> String {
        (network ?? "") + "\u{1F}" + user
    }

    /// What a session file says of its user: a digest, so no phone number or chat id is kept in
    /// clear, that still tells one user's file from another's.
    public static func userDigest(_ user: String) -> String { SaveKey.hash(["usuario", user]) }

    /// FNV-1a 64-bit, hex: stable across runs and platforms (Swift's `hashValue` is not).
    static func fileName(_ key: String) -> String { fileName(key, after: "") }

    /// `folder` followed by the file name: the whole path made as one string (the path is
    /// built twice a turn, and joining three strings cost as much as the hash).
    static func fileName(_ key: String, after folder: String) -> String {
        var h: UInt64 = 0xcbf29ce484222325
        for b in key.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100000001b3
        }
        // 16 hex digits and «.json», written as bytes: `String(radix:)` and the padding were
        // most of this, and it runs three times a turn.
        var folder = folder
        return folder.withUTF8 { start in
            let n = start.count
            return String(unsafeUninitializedCapacity: n + 21) { out in
                if n > 0 { _ = UnsafeMutableBufferPointer(rebasing: out[0..<n]).initialize(from: start) }
                let digits: StaticString = "0123456789abcdef"
                for i in 0..<16 {
                    out[n + i] = digits.utf8Start[Int((h >> UInt64(60 - 4 * i)) & 0xF)]
                }
                for (i, b) in ".json".utf8.enumerated() { out[n + 16 + i] = b }
                return n + 21
            }
        }
    }
}
