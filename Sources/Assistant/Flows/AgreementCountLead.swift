import DialogEngine
import Understanding

/// «acordamos 2 cosas. Felipe Toro y yo preparamos la prueba…», «acordamos dos cosas: teresa
/// manda…»: the count that announces the agreements is no part of the first one's text (qa29 c7:
/// it was saved as «2 cosas. Felipe Toro y yo preparamos…»).
extension AcuerdoFlow {
    /// `text` without a count of things that opens it and ends at its own «.» or «:» («2 cosas.»,
    /// «dos acuerdos más:»); nil when it opens with none (or nothing would be left).
    static func withoutCountLead(_ text: String) -> String? {
        // Cheap gate: a «.» or «:» byte among the first words.
        guard text.utf8.prefix(40).contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ":") }) else { return nil }
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        guard words.count >= 4, case let n = Phrase(String(words[0])).core,
              countWords.contains(n) || Int(n).map({ (2...9).contains($0) }) == true else { return nil }
        var end = 1
        while end < min(words.count, 4) {
            let w = words[end]
            let core = Phrase(String(w)).core
            guard countedNouns.contains(core) || ["mas", "nuevos", "nuevas", "importantes"].contains(core) else { return nil }
            if w.hasSuffix(".") || w.hasSuffix(":") {
                guard countedNouns.contains(Phrase(String(words[1])).core) else { return nil }
                let rest = words[(end + 1)...].joined(separator: " ")
                return Phrase(rest).contentCount >= 2 ? rest : nil
            }
            end += 1
        }
        return nil
    }

    static let countedNouns: Set<String> = ["cosas", "acuerdos", "compromisos", "puntos", "tareas"]
}
