/// A sentence of a document: its tokens and the range from its first token to its last.
///
/// ```swift
/// let s = try Tokenizer(language: .german).sentences("Dr. Aliyev kam. Er sprach.")
/// s.map { $0.tokens.map(\.text) }   // [["Dr.", "Aliyev", "kam", "."], ["Er", "sprach", "."]]
/// ```
public struct Sentence: Sendable, Equatable {
    /// The Unicode scalar range in the original document, first token to last (no
    /// surrounding whitespace).
    public let range: Range<Int>
    /// The UTF-8 byte range in the original document.
    public let utf8Range: Range<Int>
    /// The UTF-16 code unit range in the original document.
    public let utf16Range: Range<Int>
    /// The tokens, in order (never empty).
    public let tokens: [Token]

    /// A sentence made of `tokens` (which must be non-empty and in document order).
    public init(tokens: [Token]) {
        precondition(!tokens.isEmpty, "a sentence has at least one token")
        let first = tokens[0], last = tokens[tokens.count - 1]
        self.tokens = tokens
        range = first.range.lowerBound..<last.range.upperBound
        utf8Range = first.utf8Range.lowerBound..<last.utf8Range.upperBound
        utf16Range = first.utf16Range.lowerBound..<last.utf16Range.upperBound
    }
}
