/// E-mail addresses and Chilean phone numbers in free text.
public enum ContactParser {
    /// The first plausible e-mail address in `text`, lowercased.
    public static func email(_ text: String) -> String? {
        // No «@», no address: most messages stop at one look at the bytes.
        guard text.utf8.contains(UInt8(ascii: "@")) else { return nil }
        for raw in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "," || $0 == ";" || $0 == "<" || $0 == ">" || $0 == "(" || $0 == ")" }) {
            var s = Substring(raw)
            while let l = s.last, l == "." || l == ":" || l == "!" || l == "?" { s = s.dropLast() }
            let parts = s.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].count >= 3 else { continue }
            let local = parts[0], domain = parts[1]
            guard local.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._%+-".contains($0)) }),
                  domain.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }),
                  domain.contains("."), !domain.hasPrefix("."), !domain.hasSuffix("."), !domain.contains(".."),
                  let tld = domain.split(separator: ".").last, tld.count >= 2, tld.allSatisfy(\.isLetter) else { continue }
            return String(s).lowercased()
        }
        return nil
    }

    /// A Chilean phone number in E.164 ("+56912345678"): mobiles "9 1234 5678", "+56 9 …",
    /// landlines with area code ("22 123 4567"). Nil when the digits do not make one.
    public static func phone(_ text: String) -> String? {
        var digits: [UInt8] = []
        var plus = false
        var started = false
        for b in text.utf8 {
            if b >= 0x30 && b <= 0x39 { digits.append(b - 0x30); started = true; if digits.count > 15 { return nil } }
            else if b == 0x2B && !started { plus = true }
            else if b == 0x20 || b == 0x2D || b == 0x2E || b == 0x28 || b == 0x29 { continue }
            else if started { break }
        }
        _ = plus
        if digits.count == 11, digits[0] == 5, digits[1] == 6 { digits.removeFirst(2) }
        if digits.count == 10, digits[0] == 0 { digits.removeFirst() }
        guard digits.count == 9, digits[0] != 0, digits[0] != 1 else { return nil }
        return "+56" + digits.map(String.init).joined()
    }
}
