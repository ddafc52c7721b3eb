import Understanding

extension Phrase {
    /// Whether `text` (the text this phrase was made of) is only letters in words one space apart,
    /// with no space at either end: then its space-separated words, each folded, are `tokens`
    /// exactly, and each folded word is letters only. A reader that splits the message on spaces
    /// and folds the words (or keeps their letters) may read `tokens` instead.
    ///
    /// A letter is an ASCII one or a Latin-1 one (U+00C0…U+00FF but × and ÷), each of which
    /// folds to one ASCII letter (`TextFold.foldedByte`). One pass over the bytes, no allocation.
    public func isPlainWords(of text: String) -> Bool {
        func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            guard !bytes.isEmpty else { return false }
            var i = 0
            var afterSpace = true  // no space first
            while i < bytes.count {
                let b = bytes[i]
                if b == 0x20 {
                    if afterSpace { return false }
                    afterSpace = true
                    i += 1
                    continue
                }
                afterSpace = false
                if (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) {
                    i += 1
                } else if b == 0xC3, i + 1 < bytes.count, bytes[i + 1] >= 0x80, bytes[i + 1] <= 0xBF,
                          bytes[i + 1] != 0x97, bytes[i + 1] != 0xB7 {
                    i += 2
                } else {
                    return false
                }
            }
            return !afterSpace
        }
        let plain = text.utf8.withContiguousStorageIfAvailable(scan) ?? {
            var copy = text
            return copy.withUTF8(scan)
        }()
        assert(!plain || tokens == text.split(separator: " ").map { TextFold.fold(String($0)).filter(\.isLetter) },
               "isPlainWords: «\(text)» is not the phrase «\(folded)»")
        return plain
    }
}
