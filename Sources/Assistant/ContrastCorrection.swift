import Understanding

/// A correction said as a contrast with the record's own words, not as its whole new text:
/// «el día es el primer miércoles, no jueves», «es en la biblioteca, no en el gimnasio», «no es el
/// jueves sino el miércoles», «no jueves, miércoles». The words denied must be in the old text;
/// the result is the old text with them swapped, so a short correction never replaces a record's
/// words with the correction itself. Pure and cheap: read only on the new text of an edit.
enum ContrastCorrection {
    /// `old` with the denied words replaced by the affirmed ones; nil when `said` is no contrast,
    /// or the denied words are not in `old`.
    static func applied(_ said: String, to old: String) -> String? {
        let words = said.split(separator: " ").map(String.init)
        let folded = words.map { TextFold.fold($0).filter { $0.isLetter || $0.isNumber } }
        guard words.count >= 2, let no = folded.lastIndex(of: "no") else { return nil }
        // «no es Y sino X», «no es Y, es X», «no Y, X» (at the start, after «que» or «el día»…).
        if let swapped = leadingDenial(words, folded, at: no, in: old) { return swapped }
        // «…X, no Y»: the denial closes the message; X is as many words as Y, right before it.
        var deniedStart = no + 1
        while deniedStart < words.count, ["es", "era", "son", "el", "la", "los", "las"].contains(folded[deniedStart]),
              deniedStart + 1 < words.count, !inOld(folded[deniedStart...], old) { deniedStart += 1 }
        let denied = Array(words[deniedStart...]), deniedFolded = Array(folded[deniedStart...])
        guard (1...4).contains(denied.count), no >= 1, !deniedFolded.contains(where: \.isEmpty), inOld(deniedFolded[...], old) else {
            return nil
        }
        // The affirmed words end right before «no» (and its comma). They start after the word the
        // text has right before the denied ones («…al primer jueves…»: «el día es el primer
        // miércoles» → «miércoles»); without it, as many words as the denied ones.
        var affirmedStart = max(0, no - denied.count)
        if let before = wordBefore(deniedFolded, in: old),
           let anchor = folded[..<no].lastIndex(where: { $0 == before }), anchor + 1 < no { affirmedStart = anchor + 1 }
        guard no - affirmedStart <= 6 else { return nil }
        let affirmed = words[affirmedStart..<no].map(trimmed)
        // Without a comma before «no» only one word against one («…miércoles no jueves»): «las
        // reuniones no se graban» is a text of its own. The affirmed words are new to the text.
        guard words[no - 1].hasSuffix(",") || denied.count == 1, !inOld(affirmed.map { TextFold.fold($0) }[...], old) else { return nil }
        return EditarTextoAcuerdoFlow.swapping(denied, for: affirmed, in: old).flatMap { $0 == old ? nil : $0 }
    }

    /// «no es Y sino X», «no es Y, es X», «no Y, X», «no Y: X»: the denial first.
    private static func leadingDenial(_ words: [String], _ folded: [String], at no: Int, in old: String) -> String? {
        var from = no + 1
        while from < words.count, ["es", "era", "son"].contains(folded[from]) { from += 1 }
        guard from < words.count else { return nil }
        // The denied words end at «sino», at a comma or colon («no jueves, miércoles»).
        var end: Int?, resume = 0
        for i in from..<words.count {
            if folded[i] == "sino", i > from { end = i; resume = i + 1; break }
            if words[i].hasSuffix(",") || words[i].hasSuffix(":") { end = i + 1; resume = i + 1; break }
        }
        guard let end, end - from <= 4, resume < words.count else { return nil }
        var start = resume
        while start < words.count, ["es", "era", "son", "sino"].contains(folded[start]) { start += 1 }
        guard start < words.count, words.count - start <= 6 else { return nil }
        var denied = words[from..<end].map(trimmed), affirmed = words[start...].map(trimmed)
        // «no es el jueves sino el miércoles» on «…al primer jueves…»: the articles are no part of it.
        while denied.count > 1, articles.contains(TextFold.fold(denied[0])), !inOld(denied.map { TextFold.fold($0) }[...], old) {
            denied.removeFirst()
            if affirmed.count > 1, articles.contains(TextFold.fold(affirmed[0])) { affirmed.removeFirst() }
        }
        guard inOld(denied.map { TextFold.fold($0) }[...], old), !inOld(affirmed.map { TextFold.fold($0) }[...], old) else { return nil }
        return EditarTextoAcuerdoFlow.swapping(denied, for: affirmed, in: old).flatMap { $0 == old ? nil : $0 }
    }

    private static let articles: Set<String> = ["el", "la", "los", "las", "un", "una"]

    private static func trimmed(_ w: String) -> String {
        var w = Substring(w)
        while let l = w.last, ",:;.!".contains(l) { w.removeLast() }
        return String(w)
    }

    /// The word of `old` right before the words `denied` (folded), if they are there and not first.
    private static func wordBefore(_ denied: [String], in old: String) -> String? {
        let oldWords = TextFold.fold(old).split { !$0.isLetter && !$0.isNumber }.map(String.init)
        let target = denied.map { $0.filter { $0.isLetter || $0.isNumber } }
        guard !target.isEmpty, oldWords.count > target.count else { return nil }
        for i in 1...(oldWords.count - target.count) where Array(oldWords[i..<(i + target.count)]) == target { return oldWords[i - 1] }
        return nil
    }

    /// Whether the words (folded) appear together in `old`, as whole words.
    private static func inOld(_ words: ArraySlice<String>, _ old: String) -> Bool {
        let target = words.map { $0.filter { $0.isLetter || $0.isNumber } }.joined(separator: " ")
        guard !target.isEmpty else { return false }
        let oldWords = TextFold.fold(old).split { !$0.isLetter && !$0.isNumber }.joined(separator: " ")
        return (" " + oldWords + " ").contains(" " + target + " ")
    }
}
