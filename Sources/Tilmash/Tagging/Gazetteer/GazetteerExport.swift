/// A gazetteer written out in the files other tools read, so that a search engine expands
/// the same names Tilmash tags, or another tagger starts from its lists.
///
/// - **synonyms** — Solr's synonym format, which Elasticsearch's and OpenSearch's
///   `synonym`/`synonym_graph` filters also read: one line per entry,
///   `alias, alias, … => id`. The aliases are in the ``Profile/search`` form of their own
///   language (case-folded by the language's rules, quotes unified: `astana'da` matches),
///   the form of the `search` field `tilmash index` writes; commas, `=`, `>` and
///   backslashes inside an alias are escaped with a backslash. The right-hand side is the
///   entity's id (`person:kassym-jomart-tokayev`): run the filter after a whitespace
///   tokenizer so that the id stays one term.
/// - **flashtext** — the keyword file of the Python `flashtext` package
///   (`KeywordProcessor.add_keyword_from_file`): one line per alias, `alias=>id`, in the
///   alias's written form (flashtext folds case itself).
///
/// Aliases that are also common words (`^` in the sources: `Van`, `Batman`) match only
/// capitalised in Tilmash; neither format can say that, so they are left out and counted
/// in ``Summary/leftOut``.
public enum GazetteerExport {
    /// The formats ``write(_:format:to:)`` writes.
    public enum Format: String, Sendable, CaseIterable {
        case synonyms, flashtext
    }

    /// What an export wrote.
    public struct Summary: Sendable, Equatable {
        /// Lines written (entries for synonyms, aliases for flashtext).
        public var lines = 0
        /// Aliases left out: common words that need a capital, and aliases whose form is
        /// already written for the same entry (`Astana` and `astana` fold alike).
        public var leftOut = 0
    }

    /// Writes `gazetteer` in `format`, handing each line (with its line feed) to `write`.
    @discardableResult
    public static func write(_ gazetteer: Gazetteer, format: Format, to write: (String) -> Void) throws -> Summary {
        var summary = Summary()
        let search = try Profile.search
        switch format {
        case .synonyms:
            write("# Solr/Elasticsearch synonyms from the Tilmash gazetteer: search-profile aliases => entity id\n")
        case .flashtext:
            break
        }
        for entry in gazetteer.entries {
            var seen: Set<String> = []
            var written: [String] = []
            for alias in entry.aliases {
                if alias.requiresCapital { summary.leftOut += 1; continue }
                var forms = [alias.text]
                if format == .synonyms {
                    // A language-neutral alias is folded by the root rules and, where they
                    // differ (İ, I), by Turkish ones too: the index holds either.
                    let languages: [Language] = alias.language.map { [$0] } ?? [.undetermined, .turkish]
                    forms = try languages.map { try search.normalize(alias.text, language: $0).text }
                }
                var added = false
                for form in forms {
                    let trimmed = form.trimmingCharacters(in: .whitespaces)
                    guard !trimmed.isEmpty, !trimmed.contains("\n"), seen.insert(trimmed).inserted else { continue }
                    written.append(trimmed)
                    added = true
                }
                if !added { summary.leftOut += 1 }
            }
            guard !written.isEmpty else { continue }
            switch format {
            case .synonyms:
                write(written.map(escapeSynonym).joined(separator: ", ") + " => " + escapeSynonym(entry.id) + "\n")
                summary.lines += 1
            case .flashtext:
                for alias in written where !alias.contains("=>") {
                    write(alias + "=>" + entry.id + "\n")
                    summary.lines += 1
                }
            }
        }
        return summary
    }

    /// Solr's synonym parser splits at `,` and `=>` and unescapes `\`: escape those.
    static func escapeSynonym(_ text: String) -> String {
        var result = ""
        for character in text {
            if character == "," || character == "\\" || character == "=" || character == ">" { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
