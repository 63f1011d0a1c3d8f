/// A self-contained HTML page that shows a tagger's entities in their text, in the manner
/// of spaCy's displaCy: the original text with each entity highlighted by its type, its
/// canonical name, id, source and offsets on hover, and a legend. No script and no
/// external asset — the page opens from a file anywhere, also offline.
///
/// The page is written in parts so that a long document streams through in pieces:
///
/// ```swift
/// var page = EntityPage(title: "tilmash tag")
/// var html = page.header
/// html += page.beginDocument("news.txt")
/// let text = "Tokajew besuchte Astana."
/// html += page.piece(text, entities: try Tagger.bundled().tag(text, language: .german))
/// html += page.endDocument() + page.footer
/// ```
///
/// Each entity is a `<mark>` element with the classes `entity` and its type (`PERSON`,
/// `PLACE`, `ORG`) and the attributes `data-type`, `data-id`, `data-canonical`,
/// `data-source`, `data-start` and `data-end` (offsets into the original document, in the
/// unit the caller converts to), so that a test or a script can read the marks back.
/// `EntityPage` is a value type and `Sendable`.
public struct EntityPage: Sendable {
    /// The page's title (also its first heading).
    public let title: String
    /// Entities per type in the document being written.
    private var counts: [EntityType: Int] = [:]

    /// A page titled `title`.
    public init(title: String) {
        self.title = title
    }

    /// The colour that marks each type (the same in the legend and in the text).
    public static let colours: [EntityType: String] = [.person: "#aa9cfc", .place: "#ff9561", .organization: "#7aecec"]

    /// What the legend says of each type.
    static let meanings: [EntityType: String] = [
        .person: "a person", .place: "a place: country, city, region, river, sea",
        .organization: "an organisation, organ, party, company, medium",
    ]

    /// The start of the page: document type, inline style, title and legend.
    public var header: String {
        let typeStyles = EntityType.allCases.map { type in
            "mark.\(type.rawValue){background:\(Self.colours[type]!)}"
        }.joined(separator: "\n")
        let legend = EntityType.allCases.map { type in
            "<li><mark class=\"entity \(type.rawValue)\">\(type.rawValue)</mark> \(Self.escape(Self.meanings[type]!))</li>"
        }.joined()
        return """
        <!DOCTYPE html>
        <html lang="mul">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="tilmash">
        <title>\(Self.escape(title))</title>
        <style>
        body{font-family:system-ui,"DejaVu Sans",sans-serif;margin:2em auto;max-width:60em;padding:0 1em;color:#222;line-height:2.4}
        h1{font-size:1.4em;line-height:1.2}h2{font-size:1.1em;line-height:1.2;margin-top:2em;border-bottom:1px solid #ddd}
        ul.legend{list-style:none;padding:0;line-height:2}ul.legend li{display:inline-block;margin-right:1.5em}
        .text{white-space:pre-wrap}
        mark.entity{position:relative;padding:0.25em 0.4em;border-radius:0.35em;margin:0 0.1em;color:#222;background:#e4e4e4}
        mark.entity .label{font-size:0.65em;font-weight:bold;margin-left:0.4em;text-transform:uppercase;vertical-align:middle}
        mark.rule{outline:2px dashed #555;outline-offset:-2px}
        mark.entity:hover::after{content:attr(data-tip);position:absolute;left:0;top:2.2em;z-index:1;white-space:pre;
        background:#222;color:#fff;font-size:0.8em;line-height:1.4;padding:0.4em 0.6em;border-radius:0.3em}
        \(typeStyles)
        p.summary{color:#666;font-size:0.9em;line-height:1.4}
        </style>
        </head>
        <body>
        <h1>\(Self.escape(title))</h1>
        <ul class="legend">\(legend)<li><mark class="entity rule">dashed</mark> found by a rule (no gazetteer entry)</li></ul>

        """
    }

    /// The end of the page.
    public var footer: String { "</body>\n</html>\n" }

    /// Opens the section of the document `name`.
    public mutating func beginDocument(_ name: String) -> String {
        counts = [:]
        return "<section class=\"document\" data-file=\"\(Self.escape(name))\">\n<h2>\(Self.escape(name))</h2>\n<div class=\"text\">"
    }

    /// One piece of the open document: `text` with `entities` marked. The entities' ranges
    /// are scalar offsets into `text` (as ``Tagger/tag(_:language:)`` gives them);
    /// `offsets` converts a range to what the marks' `data-start`/`data-end` report
    /// (default: the same offsets). An entity that overlaps the one before it is left out.
    public mutating func piece(_ text: String, entities: [Entity], offsets: (Range<Int>) -> Range<Int> = { $0 }) -> String {
        var html = ""
        let scalars = Array(text.unicodeScalars)
        var position = 0
        for entity in entities.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            let range = entity.range.clamped(to: position..<scalars.count)
            guard range == entity.range, !range.isEmpty else { continue }
            html += Self.escape(scalars[position..<range.lowerBound])
            html += mark(entity, text: scalars[range], reported: offsets(range))
            position = range.upperBound
        }
        html += Self.escape(scalars[position...])
        return html
    }

    /// Closes the open document with a line counting its entities by type.
    public mutating func endDocument() -> String {
        let total = counts.values.reduce(0, +)
        let parts = EntityType.allCases.compactMap { type in counts[type].map { "\($0) \(type.rawValue)" } }
        let summary = total == 0 ? "no entities" : "\(total) entit\(total == 1 ? "y" : "ies"): " + parts.joined(separator: ", ")
        return "</div>\n<p class=\"summary\">\(summary)</p>\n</section>\n"
    }

    /// The whole page for `documents` (name, text, entities with ranges into the text).
    public static func render(title: String, documents: [(name: String, text: String, entities: [Entity])]) -> String {
        var page = EntityPage(title: title)
        var html = page.header
        for document in documents {
            html += page.beginDocument(document.name)
            html += page.piece(document.text, entities: document.entities)
            html += page.endDocument()
        }
        return html + page.footer
    }

    private mutating func mark(_ entity: Entity, text: ArraySlice<Unicode.Scalar>, reported: Range<Int>) -> String {
        counts[entity.type, default: 0] += 1
        let tip = "\(entity.canonical)\n\(entity.id)\n\(entity.type.rawValue) · \(entity.source.rawValue) · \(reported.lowerBound)–\(reported.upperBound)"
        let classes = "entity \(entity.type.rawValue)" + (entity.source == .rule ? " rule" : "")
        return "<mark class=\"\(classes)\" data-type=\"\(entity.type.rawValue)\" data-id=\"\(Self.escape(entity.id))\""
            + " data-canonical=\"\(Self.escape(entity.canonical))\" data-source=\"\(entity.source.rawValue)\""
            + " data-start=\"\(reported.lowerBound)\" data-end=\"\(reported.upperBound)\""
            + " title=\"\(Self.escape(tip))\" data-tip=\"\(Self.escape(tip))\">"
            + Self.escape(text) + "<span class=\"label\">\(entity.type.rawValue)</span></mark>"
    }

    /// `text` with `& < > " '` as character references, and the characters HTML does not
    /// allow in text (NUL, other C0 controls but tab, line feed and carriage return, and
    /// noncharacters such as U+FFFE) as U+FFFD.
    static func escape<S: Sequence>(_ text: S) -> String where S.Element == Unicode.Scalar {
        var result = String.UnicodeScalarView()
        for scalar in text {
            switch scalar {
            case "&": result.append(contentsOf: "&amp;".unicodeScalars)
            case "<": result.append(contentsOf: "&lt;".unicodeScalars)
            case ">": result.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": result.append(contentsOf: "&quot;".unicodeScalars)
            case "'": result.append(contentsOf: "&#39;".unicodeScalars)
            case "\t", "\n", "\r": result.append(scalar)
            default:
                let value = scalar.value
                let forbidden = value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value)
                    || scalar.properties.isNoncharacterCodePoint
                result.append(forbidden ? "\u{FFFD}" : scalar)
            }
        }
        return String(result)
    }

    static func escape(_ text: String) -> String { escape(text.unicodeScalars) }
}
