import Foundation

/// Text files people edit by hand (store records, dialog files, transcripts) arrive from any
/// editor: with Windows line endings (CR LF), old Mac ones (a lone CR), or a UTF-8 byte order
/// mark. They are read as the same text as a Unix file with no BOM.
///
/// This matters beyond looks: Swift treats "\r\n" as one Character, so splitting a CRLF file on
/// "\n" finds a single line, and a store file's «---» would never be seen.
public enum HandEditedText {
    /// `data` as UTF-8 text with its BOM dropped and every CR LF or lone CR turned into LF;
    /// nil when it is not valid UTF-8. Line numbers are kept: each line break stays one break.
    public static func decode(_ data: Data) -> String? {
        guard let text = String(data: data, encoding: .utf8) else { return nil }
        return normalized(text)
    }

    /// `text` with a leading BOM dropped and CR LF / lone CR line breaks turned into LF.
    public static func normalized(_ text: String) -> String {
        let utf8 = text.utf8
        let hasBOM = utf8.starts(with: [0xEF, 0xBB, 0xBF])
        guard hasBOM || utf8.contains(0x0D) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var previousCR = false
        for byte in utf8.dropFirst(hasBOM ? 3 : 0) {
            if byte == 0x0D {
                out.append(0x0A)
                previousCR = true
                continue
            }
            if !(byte == 0x0A && previousCR) { out.append(byte) }
            previousCR = false
        }
        // Only ASCII bytes were replaced or removed, so the result is still valid UTF-8.
        return String(decoding: out, as: UTF8.self)
    }
}
