/// The surname-only aliases of a person entry that a user adds (`--gazetteer-add`), so that
/// `Nurgaliyeva` alone finds the `Aliya Nurgaliyeva` of a user's list as `Tokayev` finds
/// the bundled `Kassym-Jomart Tokayev`. The bundled persons carry these forms already:
/// `Corpora/gazetteer/build.py` writes them into `data/persons.tsv` by the same rule.
///
/// The rule: for every alias of two or more space-separated words, its last word, in the
/// alias's language — when it has at least three letters, begins with a capital, is not
/// already an alias of the entry, and is not a name of a place or organisation of the
/// gazetteer the entry is added to (a surname that is also a town stays the town).
/// Inflected forms need nothing here: the tagger strips case endings when it matches
/// (`Nurgaliyeva’nın`, `Нұрғалиеваның`).
enum PersonSurnames {
    /// `entry` with its surname-only aliases added (other types come back unchanged).
    /// `otherNames` holds the lower-cased aliases of the gazetteer's places and organisations.
    static func adding(to entry: GazetteerEntry, otherNames: Set<String>) -> GazetteerEntry {
        guard entry.type == .person else { return entry }
        var aliases = entry.aliases
        var known = Set(aliases.map { $0.text.lowercased() })
        for alias in entry.aliases {
            let words = alias.text.split(separator: " ")
            guard words.count >= 2, let surname = words.last.map(String.init),
                  surname.unicodeScalars.filter(\.properties.isAlphabetic).count >= 3,
                  surname.first?.isUppercase == true else { continue }
            let key = surname.lowercased()
            guard !otherNames.contains(key), known.insert(key).inserted else { continue }
            aliases.append(GazetteerEntry.Alias(text: surname, language: alias.language))
        }
        return GazetteerEntry(id: entry.id, type: entry.type, canonical: entry.canonical, aliases: aliases, source: entry.source)
    }

    /// The lower-cased aliases of the places and organisations among `entries`.
    static func otherNames(_ entries: [GazetteerEntry]) -> Set<String> {
        var names: Set<String> = []
        for entry in entries where entry.type != .person {
            for alias in entry.aliases { names.insert(alias.text.lowercased()) }
        }
        return names
    }
}
