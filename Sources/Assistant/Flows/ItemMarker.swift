import DialogEngine
import Foundation

/// «objetivo 1: acompañamiento entre pares», «2) que cada escuela comparta…», «a.- visitas»,
/// «meta 2: 80% de lectura fluida»: the number, letter or label a person writes before an item
/// of a list is no part of it (qa25 c5: an objective was stored as «objetivo 1: …»).
enum ItemMarker {
    /// `text` without the marker it opens with; nil when it opens with none. `labels`: the
    /// words that may name the item («objetivo», «meta»).
    static func stripped(_ text: String, labels: [String]) -> String? {
        // Most answers open with a letter that starts no marker: nothing more is read.
        guard let c = text.first(where: { $0 != " " }) else { return nil }
        let lower = text.lowercased().drop(while: { $0 == " " })
        guard c.isNumber || "-•*".contains(c) || lower.hasPrefix("n°") || labels.contains(where: { lower.hasPrefix($0) })
            || ("abcdeABCDE".contains(c) && lower.dropFirst().first.map { ".)-".contains($0) } == true) else { return nil }
        let label = labels.map(NSRegularExpression.escapedPattern(for:)).joined(separator: "|")
        let pattern = #"^\s*(?:(?:"# + label + #")s?\s*(?:n[°º]\s*)?(?:\d{1,2}|uno|dos|tres|cuatro|cinco)?\s*(?:\.-|[:.)\-])|(?:n[°º]\s*)?\d{1,2}\s*(?:\.-|[.):\-])|[a-eA-E]\s*(?:\.-|[.)\-])|[-•*])\s*"#
        guard let re = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]),
              let m = re.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)), m.range.length > 0,
              let r = Range(m.range, in: text) else { return nil }
        let rest = String(text[r.upperBound...]).trimmingCharacters(in: .whitespaces)
        // «1 y 2 básico», «2.5 horas»: a number that is the content, not its place in a list
        // (after a label, «meta 2: 80% …», the number is the content).
        guard !rest.isEmpty, labels.contains(where: { lower.hasPrefix($0) }) || (rest.count >= 3 && !(rest.first?.isNumber ?? false)) else { return nil }
        return rest
    }

    /// The verdict for a list's or an item's text value: the marker out of each item.
    static func verdict(_ value: SlotValue, labels: [String]) -> Verdict {
        switch value {
        case .text(let t):
            return stripped(t, labels: labels).map { .replace(.text($0)) } ?? .accept
        case .list(let items):
            let new = items.map { stripped($0, labels: labels) ?? $0 }
            return new == items ? .accept : .replace(.list(new))
        default:
            return .accept
        }
    }
}
