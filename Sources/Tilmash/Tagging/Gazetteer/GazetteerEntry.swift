/// One entity of the gazetteer, with every name it is written under.
///
/// ```swift
/// // person:kassym-jomart-tokayev  PERSON  Kassym-Jomart Tokayev  en:Tokayev | ru:Токаев | de:Tokajew
/// ```
public struct GazetteerEntry: Sendable, Equatable {
    /// A written form of the entity's name.
    public struct Alias: Sendable, Equatable, Hashable {
        /// The name as written (`Тоқаев`, `Kasım Cömert Tokayev`).
        public let text: String
        /// The language it is written in (`xx` in the files: language-neutral).
        public let language: Language?
        /// True for aliases that are also common words (`Van`, `Batman`): they match only
        /// when the text capitalises them as written (`^` in the files).
        public let requiresCapital: Bool

        public init(text: String, language: Language?, requiresCapital: Bool = false) {
            self.text = text
            self.language = language
            self.requiresCapital = requiresCapital
        }
    }

    /// A stable id, prefixed by source: `country:KZ`, `city:1526384`, `person:…`, `org:…`.
    public let id: String
    public let type: EntityType
    /// The English name, as English Wikipedia spells it.
    public let canonical: String
    public let aliases: [Alias]
    /// The file it was loaded from (its base name without extension: `countries`).
    public let source: String

    public init(id: String, type: EntityType, canonical: String, aliases: [Alias], source: String) {
        self.id = id
        self.type = type
        self.canonical = canonical
        self.aliases = aliases
        self.source = source
    }
}
