/// What a word can be a part of, from the gazetteer's name-part lists
/// (`<gazetteer folder>/parts/*.tsv`, built by `Corpora/gazetteer/build_parts.py`): given
/// names, surnames, patronymics, organisation head nouns and legal forms, place
/// designators. The rules (``PersonNameRule``, ``OrganizationPhraseRule``,
/// ``PlaceDesignatorRule``) read them; a gazetteer without such lists leaves those rules
/// silent.
///
/// Stored per word id in the compiled gazetteer (section `wordClasses`).
struct NamePart: OptionSet, Sendable, Hashable {
    let rawValue: UInt32

    /// A given name (`Ahmet`, `Сергей`, `Сергея`).
    static let given = NamePart(rawValue: 1 << 0)
    static let surname = NamePart(rawValue: 1 << 2)
    static let patronymic = NamePart(rawValue: 1 << 3)
    /// An organisation head noun that ends a name (`Bank`, `Partisi`, `Ministerium`).
    static let organizationHead = NamePart(rawValue: 1 << 4)
    /// An organisation head noun that starts a name (`Ministry`, `Министерство`).
    static let organizationHeadFirst = NamePart(rawValue: 1 << 5)
    /// A legal form (`GmbH`, `ООО`, `A.Ş.`).
    static let legalForm = NamePart(rawValue: 1 << 6)
    /// A place designator after the name (`oblysy`, `ili`, `district`).
    static let placeAfter = NamePart(rawValue: 1 << 7)
    /// A place designator before the name (`Kreis`, `улица`).
    static let placeBefore = NamePart(rawValue: 1 << 8)
    /// The given name is also a common lower-case word in English (`Will`, `Mark`), German
    /// (`Kurt`), Turkish (`Deniz`, `Genel`) or Russian (`Роман`, `Вера`).
    static let commonEnglish = NamePart(rawValue: 1 << 9)
    static let commonGerman = NamePart(rawValue: 1 << 10)
    static let commonTurkish = NamePart(rawValue: 1 << 11)
    static let commonRussian = NamePart(rawValue: 1 << 12)
    /// A surname from a frequency list of a country where surnames are often ordinary words
    /// too (the US Census list: `Smith`, `Young`, `Park`, `Butler`): it makes a given name
    /// before it a person name (`Pam Butler`), but names no person alone.
    static let listedSurname = NamePart(rawValue: 1 << 13)
    /// A lower-case word of the Turkish dictionary (hunspell-tr, 3–10 letters: `ekim`,
    /// `konsey`): capitalised before an apostrophe suffix it is still no name (`Ekim’de`).
    static let turkishWord = NamePart(rawValue: 1 << 14)
    /// A given name or surname that is no word of English, German, Turkish, Russian or
    /// Kazakh (their hunspell dictionaries with affix rules) and no German common noun
    /// (`Michael`, `Tobias`, `Sullivan`, `Kolb`; not `Young`, `Olive`, `Ernst`): alone,
    /// capitalised and unknown to the gazetteer it names a person (``LoneNameRule``).
    static let alone = NamePart(rawValue: 1 << 15)
    /// A Russian geographical name in one of its case forms, from OpenCorpora's dictionary
    /// (`Приморья`, `Балтии`, `Курилы`): capitalised and unknown to the gazetteer it names a
    /// place (``LexiconNameRule``).
    static let lexiconPlace = NamePart(rawValue: 1 << 16)
    /// A Russian organisation name in one of its case forms, from OpenCorpora's dictionary
    /// (`Билайн`, `Росбалта`, `Мосгордумы`).
    static let lexiconOrganization = NamePart(rawValue: 1 << 17)
    /// The lexicon name is also a form of an ordinary Russian word (`Орле`: орёл, `Восток`):
    /// only a capital inside a sentence makes it a name.
    static let lexiconCommon = NamePart(rawValue: 1 << 18)

    /// The common-word flags that matter in text of `language`.
    static func common(in language: Language) -> NamePart {
        switch language {
        case .english: return .commonEnglish
        case .german: return .commonGerman
        case .turkish, .azerbaijani: return .commonTurkish
        case .russian, .kazakh, .kyrgyz: return .commonRussian
        default: return [.commonEnglish, .commonGerman, .commonTurkish, .commonRussian]
        }
    }
    /// The class names of the list files, in bit order.
    static let names: [(String, NamePart)] = [
        ("given", .given), ("surname", .surname), ("patronymic", .patronymic),
        ("org-head", .organizationHead), ("org-head-first", .organizationHeadFirst), ("org-legal", .legalForm),
        ("place-after", .placeAfter), ("place-before", .placeBefore),
        ("common-en", .commonEnglish), ("common-de", .commonGerman), ("common-tr", .commonTurkish), ("common-ru", .commonRussian),
        ("surname-listed", .listedSurname), ("word-tr", .turkishWord), ("alone", .alone),
        ("lexicon-place", .lexiconPlace), ("lexicon-org", .lexiconOrganization), ("lexicon-common", .lexiconCommon),
    ]
}
