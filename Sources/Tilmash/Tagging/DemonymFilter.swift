/// Filter: in Turkish and Azerbaijani text a name with the derivational ending -li/-lı/-lu/-lü
/// after its apostrophe is a demonym or an adjective, not the name (GUIDELINES rule 6, as
/// `Kazakistanlı`): `ABD'li aktör`, `Burkina Faso'lu futbolcu`, `ABD'liler` — no entity.
/// Case endings after an apostrophe (`ABD'de`, `Astana’dan`, `Afganistan'la`) are no
/// derivation: those names stay.
struct DemonymFilter {
    /// `candidates` without the names whose last unit carries a derivational ending.
    func filter(_ candidates: [Candidate], units: [MatchUnit], language: Language) -> [Candidate] {
        guard language == .turkish || language == .azerbaijani else { return candidates }
        return candidates.filter { !Self.isDerived(units[$0.units.upperBound]) }
    }

    /// The unit's suffix after the apostrophe starts with -li/-lu (folded keys: `lı` is `li`,
    /// `lü` is `lu`), perhaps followed by a plural or case ending (`liler`, `lulara`).
    static func isDerived(_ unit: MatchUnit) -> Bool {
        let ending = unit.apostropheEnding
        return ending.hasPrefix("li") || ending.hasPrefix("lu")
    }
}
