/// Tokens and their entity tags in the CoNLL layout that NER tools read (CoNLL-2003,
/// seqeval, spaCy's `convert`, Flair's column corpora): one token per line, the token and
/// its IOB2 tag separated by a tab, a blank line after each sentence.
///
/// IOB2: the first token of an entity is tagged `B-TYPE`, the tokens after it in the same
/// entity `I-TYPE`, every other token `O`; TYPE is Tilmash's `PERSON`, `PLACE` or `ORG`. A
/// token belongs to the entity that overlaps it — an inflected `Astana’da` or
/// `Kazakistanda`, whose entity stops before the ending, is tagged as the place. Whitespace
/// inside a token (a word hyphenated across a line break, `bölge-\nsel`) is removed so
/// that each token stays on one line.
///
/// ```swift
/// let text = "Tokajew besuchte Astana."
/// let lines = CoNLLLines.lines(sentences: try Tokenizer(language: .german).sentences(text),
///                              entities: try Tagger.bundled().tag(text, language: .german))
/// // "Tokajew\tB-PERSON\nbesuchte\tO\nAstana\tB-PLACE\n.\tO\n\n"
/// ```
public enum CoNLLLines {
    /// The lines for `sentences` and `entities`, whose ranges are scalar offsets into the
    /// same text. Entities overlapping an earlier one are left out.
    public static func lines(sentences: [Sentence], entities: [Entity]) -> String {
        var output = ""
        var kept: [Entity] = []
        for entity in entities.sorted(by: { $0.range.lowerBound < $1.range.lowerBound })
        where !entity.range.isEmpty && entity.range.lowerBound >= (kept.last?.range.upperBound ?? 0) {
            kept.append(entity)
        }
        var next = 0          // the first entity not wholly before the current token
        var open: Int?        // the entity the previous token belonged to
        for sentence in sentences {
            open = nil        // IOB2: a sentence's first token is never I-
            for token in sentence.tokens {
                while next < kept.count, kept[next].range.upperBound <= token.range.lowerBound { next += 1 }
                var tag = "O"
                if next < kept.count, kept[next].range.overlaps(token.range) {
                    tag = (open == next ? "I-" : "B-") + kept[next].type.rawValue
                    open = next
                } else {
                    open = nil
                }
                output += String(String.UnicodeScalarView(token.text.unicodeScalars.filter { !$0.properties.isWhitespace }))
                output += "\t" + tag + "\n"
            }
            output += "\n"
        }
        return output
    }
}
