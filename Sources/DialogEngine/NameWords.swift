import Understanding

/// Words of a flow's vocabulary that are also people's first names («Norma», «Meta»): written
/// as a person's name they never ask for that flow («registrar un acuerdo: Norma Condori revisa
/// las planillas» started the norms flow with a member named Norma).
public enum NameWords {
    /// True when `clean` says one of `words` (folded) and every time it does, the word is a
    /// person's name: capitalised and followed by a capitalised surname («Norma Condori»), or
    /// capitalised, a member's first name and not the message's opening word («la Norma
    /// revisa…»). Callers ask only after their own word gate found one of `words`.
    public static func onlyAsName(_ words: WordSet, in clean: String, members: [String]) -> Bool {
        let raw = clean.split(separator: " ")
        let folded = raw.map { TextFold.fold(String($0)).filter(\.isLetter) }
        var seen = false
        for (i, f) in folded.enumerated() where words.contains(f) {
            seen = true
            let w = raw[i].drop { !$0.isLetter }
            guard w.first?.isUppercase == true else { return false }
            // A comma or colon right after it ends the name: «Norma, …» may be a label.
            let closed = w.last.map { ",;:.".contains($0) } ?? false
            let surname = !closed && i + 1 < raw.count && raw[i + 1].first?.isUppercase == true
                && !Phrase.stopWords.contains(folded[i + 1]) && !words.contains(folded[i + 1])
            let member = i > 0 && !raw[i - 1].hasSuffix(":") && !raw[i - 1].hasSuffix(".")
                && members.contains { m in m.split(separator: " ").first.map { TextFold.fold(String($0)) == f } ?? false }
            guard surname || member else { return false }
        }
        return seen
    }

    /// `clean` without the words that are people's names: a capitalised member's first name
    /// (not the opening word) or a capitalised word followed by a capitalised surname, and the
    /// surnames after them. Nil when it names nobody so (most messages: no capital past the
    /// first word). For rare paths only (a tie between flows).
    public static func withoutNames(_ clean: String, members: [String]) -> String? {
        // Exact gate, on the bytes in place: a word past the first opens right after a space, and
        // it opens with a capital only when the byte there is an ASCII capital or outside ASCII
        // («Ángela»; a lowercase ASCII letter, a digit or a sign, even with marks after it, is no
        // capital). Most messages have neither and are not split (the split cost ~10k
        // instructions a menu message).
        guard mayOpenCapitalPastFirst(clean) else {
            assert(!clean.split(separator: " ").dropFirst().contains { $0.first?.isUppercase == true }, "withoutNames gate for «\(clean)»")
            return nil
        }
        let raw = clean.split(separator: " ")
        guard raw.count > 1, raw.dropFirst().contains(where: { $0.first?.isUppercase == true }) else { return nil }
        // A member's first name, looked up only for a capitalised word (most messages have one or two).
        func isFirstName(_ f: String) -> Bool {
            members.contains { m in TextFold.firstSpaceSeparated(m).map { TextFold.fold(String($0)) == f } ?? false }
        }
        var keep: [Substring] = []
        var inName = false
        for (i, w) in raw.enumerated() {
            // Only a capitalised word can be a name: the others are kept without folding them.
            guard w.first?.isUppercase == true else { inName = false; keep.append(w); continue }
            let f = TextFold.fold(String(w)).filter(\.isLetter)
            let nextCapital = i + 1 < raw.count && raw[i + 1].first?.isUppercase == true && !(w.last.map { ",;:.".contains($0) } ?? false)
            if inName || (nextCapital && !Phrase.stopWords.contains(f)) || (i > 0 && isFirstName(f)) {
                inName = !(w.last.map { ",;:.".contains($0) } ?? false)
                continue
            }
            inName = false
            keep.append(w)
        }
        return keep.count < raw.count && !keep.isEmpty ? keep.joined(separator: " ") : nil
    }

    /// False when no byte right after a space is an ASCII capital or a byte outside ASCII: then
    /// no space-separated word but the first opens with a capital (`withoutNames`'s gate).
    static func mayOpenCapitalPastFirst(_ s: String) -> Bool {
        func scan(_ bytes: some Sequence<UInt8>) -> Bool {
            var afterSpace = false
            for b in bytes {
                if afterSpace && ((b >= 0x41 && b <= 0x5A) || b >= 0x80) { return true }
                afterSpace = b == 0x20
            }
            return false
        }
        return s.utf8.withContiguousStorageIfAvailable(scan) ?? scan(s.utf8)
    }
}
