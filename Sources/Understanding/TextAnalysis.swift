/// One text as Understanding's readers see it: folded, typo-corrected tokens, read once.
///
/// A turn reads the same text with several readers (the people check, the flow's reading, the
/// slot's parser: dates, numbers, durations), each from its own place. They all start from
/// `TextAnalysis.of(text)`: the first pays for the tokens, the others share them. Immutable,
/// so it is shared across threads as it is.
public final class TextAnalysis: Sendable {
    public let text: String
    let tokens: [Token]

    init(_ text: String) {
        self.text = text
        tokens = Tokenizer.tokenize(text)
    }

    /// The analysis of `text`: the one made for it lately, or a new one.
    public static func of(_ text: String) -> TextAnalysis {
        recent.value(for: text, TextAnalysis.init)
    }

    /// A turn reads a handful of texts (the message, the part after «sí,», a clause or two).
    private static let recent = RecentResults<TextAnalysis>(capacity: 8)
}
