extension WordSet {
    /// True when some folded word of `text` is in the set: `TextFold.spaceSeparated(TextFold.fold(text))`
    /// asked word by word, on the folded bytes in place (no array of words, and a string only
    /// for the words whose first byte and length the set has).
    public func containsFoldedWord(of text: String) -> Bool {
        TextFold.withFolded(text) { f -> Bool in
            var start = 0
            for i in 0...f.count where i == f.count || f[i] == 0x20 {
                defer { start = i + 1 }
                guard i > start, shapes[Int(f[start])] & (1 << UInt32(Swift.min(i - start, 31))) != 0 else { continue }
                if words.contains(String(decoding: UnsafeBufferPointer(rebasing: f[start..<i]), as: UTF8.self)) { return true }
            }
            return false
        }
    }
}
