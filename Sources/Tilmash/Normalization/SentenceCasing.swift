/// Case mapping with the rules of each sentence's language (`tilmash case --lang auto`).
///
/// ```swift
/// let id = try LanguageIdentifier.bundled()
/// let line = "İZMİR VE IĞDIR. THIS IS IT."
/// try SentenceCasing.map(line, .lower, context: id.context(for: line))
/// // "izmir ve ığdır. this is it."
/// ```
public enum SentenceCasing {
    /// Applies `operation` to each stretch of `text` with the language `context` gives it
    /// (undetermined stretches use root rules).
    public static func map(_ text: String, _ operation: CaseMapper.Operation, context: FilterContext) throws -> String {
        let mapped = MappedText(original: text)
        var result = ""
        for segment in context.languageSegments(mapped) {
            result += try CaseMapper(language: segment.language).map(mapped.string(segment.range), operation)
        }
        return result
    }
}
