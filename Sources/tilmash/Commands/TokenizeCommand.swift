import Tilmash

/// `tilmash tokenize [--lang LANG] [--format text|jsonl] [FILE...]`
enum TokenizeCommand: Command {
    static let name = "tokenize"
    static let summary = "split text into tokens and sentences (UAX #29 + language rules)"
    static let valueOptions = Set(["--lang", "--format", "--offsets", "--output-field"]).union(InputMode.valueOptions)
    static let help = """
    Usage: tilmash tokenize [--lang auto|LANG] [--format text|jsonl] [--offsets scalar|utf8|utf16]
                            [--input text|jsonl [--field NAME] [--output-field NAME] [--lang-field NAME]
                            [--on-error P]] [--encoding NAME] [--output-dir DIR] [--jobs N] [FILE...]

    Splits each document into sentences and tokens: Unicode word boundaries (UAX #29, by
    ICU) plus rules for web and e-mail addresses, numbers (2,5  10.09.2015  13-25  %20
    12.), abbreviations (Dr.  bzw.  т.е.), hyphens (Kassym-Schomart  Wasser-  a word
    hyphenated across a line break) and Turkish/Azerbaijani apostrophe suffixes
    (Astana’da = Astana + da). Whitespace is never a token. Each FILE (or standard input)
    is one document, read in pieces cut at paragraph breaks (blank lines) after 64 KB —
    at a line break after 128 KB — so memory stays flat; offsets count from the file's
    start.

    Output:
      text   one token per line, a blank line after each sentence; a token that spans a
             line break (bölge-<newline>sel) is printed without the break
      jsonl  one object per token:
             {"file","start","end","text","norm","kind","lang"} (+ "stem","suffix" when a
             Turkish/Azerbaijani suffix is split off). start/end are Unicode scalar offsets
             into the original document, end exclusive (Python's text[start:end]).
             norm is the token in the `search` normalization profile; kind is word, number,
             punctuation, url, email, hashtag, mention or symbol.
      With --input jsonl: one object per input line, its fields copied, plus
             "tokens": [{"start","end","text","norm","kind","lang"}, ...] (the default
             for that input; --format text prints tokens instead).

    Options:
      --lang LANG      auto (default: identified per document) or \(Language.named.map(\.code).joined(separator: ", "))
      --format F       text (default) or jsonl
      --offsets U      scalar (default), utf8 (the input's bytes, also where ill-formed
                       bytes became U+FFFD) or utf16
      --output-field NAME  with --input jsonl: the field for the tokens (default "tokens")
    \(InputMode.help)

    Examples:
      $ echo 'Dr. Aliyev 12. Dezember’de Astana’da. Bkz. https://www.commvisory.de/.' | tilmash tokenize --lang tr
      Dr.
      Aliyev
      12.
      Dezember’de
      Astana’da
      .

      Bkz.
      https://www.commvisory.de/
      .

      $ printf 'Kazak-Rus bölge-\\nsel %%20' | tilmash tokenize --lang tr --format jsonl
      {"file":"-","start":0,"end":9,"text":"Kazak-Rus","norm":"kazak-rus","kind":"word","lang":"tr"}
      {"file":"-","start":10,"end":20,"text":"bölge-\\nsel","norm":"bölgesel","kind":"word","lang":"tr"}
      {"file":"-","start":21,"end":24,"text":"%20","norm":"%20","kind":"number","lang":"tr"}
      $ tilmash tokenize --format jsonl Corpora/seeds/000_cdb847884835670f.txt | grep -m2 'Azerbaycan\\|Bakü'
      {"file":"Corpora/seeds/000_cdb847884835670f.txt","start":91,"end":98,"text":"Bakü’de","norm":"bakü'de","kind":"word","lang":"tr","stem":"Bakü","suffix":"de"}
      {"file":"Corpora/seeds/000_cdb847884835670f.txt","start":99,"end":109,"text":"Azerbaycan","norm":"azerbaycan","kind":"word","lang":"tr"}
      $ echo '{"id":7,"text":"Astana’da"}' | tilmash tokenize --lang tr --input jsonl
      {"id":7,"text":"Astana’da","tokens":[{"start":0,"end":9,"text":"Astana’da","norm":"astana'da","kind":"word","lang":"tr","stem":"Astana","suffix":"da"}]}
    """

    static func run(_ arguments: Arguments) throws -> Int32 {
        let mode = try InputMode(arguments, outputField: "tokens")
        let format = try arguments.choice("--format", from: ["text", "jsonl"], default: mode.isJSONLines ? "jsonl" : "text")
        let offsets = try OffsetUnit.parse(arguments)
        let language = try LanguageOption.parse(arguments, allowAuto: true, default: "auto")
        var tokenizers: [Language?: Tokenizer] = [:]
        let runner = try InputRunner(mode: mode, arguments: arguments, language: language)
        return runner.forEachDocument { name, text, piece, record in
            let recordLanguage = runner.language(of: record)
            if tokenizers[recordLanguage] == nil { tokenizers[recordLanguage] = try Tokenizer(language: recordLanguage) }
            let sentences = try tokenizers[recordLanguage]!.sentences(text)
            let position = piece.offsets(for: text, in: offsets)
            var output = ""
            if format == "text" {
                for sentence in sentences {
                    for token in sentence.tokens {
                        output += mayHoldLineBreak(token.text) ? withoutLineBreaks(token.text) : token.text
                        output += "\n"
                    }
                    output += "\n"
                }
            } else if let record {
                let tokens = sentences.flatMap(\.tokens).map { tokenJSON($0, file: nil, at: position) }
                runner.writeRecord(record.setting(mode.records!.outputField!, toJSON: JSONText.array(tokens)).text)
                return
            } else {
                for sentence in sentences {
                    for token in sentence.tokens {
                        output += tokenJSON(token, file: name, at: position)
                        output += "\n"
                    }
                }
            }
            runner.write(output)
        }
    }

    /// One token as a JSON object, fields in the contract's order. `position` converts the
    /// token's scalar range in its piece into the document's offsets.
    static func tokenJSON(_ token: Token, file: String?, at position: PieceOffsets) -> String {
        let range = position(token.range)
        var json = "{"
        if let file { json += "\"file\":" + JSONText.quoted(file) + "," }
        json += "\"start\":\(range.lowerBound),\"end\":\(range.upperBound),\"text\":" + JSONText.quoted(token.text)
        json += ",\"norm\":" + JSONText.quoted(token.norm) + ",\"kind\":\"" + token.kind.rawValue + "\",\"lang\":\"" + token.language.code + "\""
        if let stem = token.stem, let suffix = token.suffix {
            json += ",\"stem\":" + JSONText.quoted(stem) + ",\"suffix\":" + JSONText.quoted(suffix)
        }
        return json + "}"
    }

    /// False when `text` certainly has no whitespace: no control or space byte, and no lead
    /// byte of U+0085 (C2) or of U+2000–U+206F and U+3000 (E2, E3). Only a word hyphenated
    /// across a line break holds whitespace.
    static func mayHoldLineBreak(_ text: String) -> Bool {
        text.utf8.contains { $0 <= 0x20 || $0 == 0xC2 || $0 == 0xE2 || $0 == 0xE3 }
    }

    /// A token's text without the line break (and spaces) of a word hyphenated across lines:
    /// whitespace occurs inside no other token.
    static func withoutLineBreaks(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { !$0.properties.isWhitespace }))
    }
}
