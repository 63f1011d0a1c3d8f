/// The kind of a named entity.
public enum EntityType: String, Sendable, CaseIterable, Codable, Comparable, CustomStringConvertible {
    /// A named person: `Kassym-Jomart Tokayev`, `Lavrov`.
    case person = "PERSON"
    /// A country, city, region, sea or other place: `Kazakhstan`, `Hazar Denizi`.
    case place = "PLACE"
    /// An organisation, organ, ministry, institute or media outlet: `BM Güvenlik Konseyi`.
    case organization = "ORG"

    public static func < (lhs: EntityType, rhs: EntityType) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `PERSON`, `PLACE` or `ORG`, as in the JSON output.
    public var description: String { rawValue }
}

/// A name found in a text.
///
/// `range` is in Unicode scalar offsets of the ORIGINAL text, end exclusive — slice the
/// original with it to get ``text``.
///
/// ```swift
/// let entities = try Tagger.bundled().tag("Tokajew besuchte Astana.", language: .german)
/// entities[0].canonical   // "Kassym-Jomart Tokayev"
/// ```
public struct Entity: Sendable, Equatable, Hashable {
    /// Where the name comes from.
    public enum Source: String, Sendable, Codable {
        /// An alias of a gazetteer entry.
        case gazetteer
        /// A rule (a name after a person title, an organisation phrase).
        case rule
    }

    /// Scalar offsets in the original text (end exclusive).
    public let range: Range<Int>
    /// The original text of the span.
    public let text: String
    /// PERSON, PLACE or ORG.
    public let type: EntityType
    /// The gazetteer id (`person:kassym-jomart-tokayev`), or a `rule:` id for rule matches.
    public let id: String
    /// The canonical English name.
    public let canonical: String
    /// The alias that matched (its written form), or the rule's name.
    public let matchedAlias: String
    /// Gazetteer or rule.
    public let source: Source

    public init(range: Range<Int>, text: String, type: EntityType, id: String, canonical: String,
                matchedAlias: String, source: Source) {
        self.range = range
        self.text = text
        self.type = type
        self.id = id
        self.canonical = canonical
        self.matchedAlias = matchedAlias
        self.source = source
    }
}
