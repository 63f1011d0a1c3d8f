/// Rule: a web site named by its bare domain is an ORG — a media outlet or a company
/// (`KAZAKİSTAN.KZ`, `rusvideos.com`, `Kun.uz`). A full address with a scheme, `www.` or a
/// path (`https://www.commvisory.de/`) is a URL, and an e-mail address is not a name
/// (GUIDELINES rule 6).
struct SiteNameRule {
    func candidates(_ units: [MatchUnit], tokens: [Token]) -> [Candidate] {
        var result: [Candidate] = []
        for (index, unit) in units.enumerated() where tokens[unit.token].kind == .url {
            let text = unit.text.lowercased()
            guard !text.contains("/"), !text.hasPrefix("www."), text.contains(".") else { continue }
            result.append(Candidate(range: unit.range, units: index...index, type: .organization,
                                    canonical: unit.text, rule: "site-name", id: "rule:org"))
        }
        return result
    }
}
