/// Language-correct case folding for search keys.
///
/// Turkish and Azerbaijani text folds with the Turkic rules (`I` → `ı`, `İ` → `i`:
/// `DIŞİŞLERİ` → `dışişleri`); every other language with Unicode's default folding
/// (`Straße` → `strasse`, `İ` → `i̇`). With `--lang auto` each sentence uses its own
/// language's rules.
///
/// Case folding maps each character on its own (CaseFolding.txt has no context rules), so
/// the filter reads ICU's folding of every character of the Basic Multilingual Plane into
/// a table once, and asks ICU only for characters beyond it that change when folded. Each
/// output character maps to exactly the character it came from.
public struct CaseFoldFilter: CharacterMappingFilter {
    private let root: FoldTable
    private let turkic: FoldTable

    /// Builds the folding tables from ICU (root and Turkic).
    public init() throws {
        root = try FoldTable(mapper: CaseMapper(language: .english))
        turkic = try FoldTable(mapper: CaseMapper(language: .turkish))
    }

    public let name = "case-fold"
    public let summary = "case folding by language: Turkic I->ı, İ->i for tr/az; Unicode default folding otherwise (ß->ss)"

    public func apply(_ text: MappedText, context: FilterContext) throws -> MappedText {
        var builder = MappedText.Builder(text)
        for segment in context.languageSegments(text) {
            let table = segment.language.usesTurkicCasing ? turkic : root
            for index in segment.range {
                let scalar = text.scalars[index]
                let value = scalar.value
                if value < FoldTable.limit {
                    let folded = table.single[Int(value)]
                    if folded != FoldTable.several {
                        builder.emit(Unicode.Scalar(folded)!, from: index..<index + 1)
                    } else {
                        builder.emit(table.several[value]!, from: index..<index + 1)
                    }
                } else if let folded = try table.foldBeyondTable(scalar) {
                    builder.emit(folded, from: index..<index + 1)
                } else {
                    builder.copy(index)
                }
            }
        }
        return builder.output
    }

    /// Only characters the Turkic folding treats otherwise than the default (`I`, `İ`).
    public func readsLanguage(_ scalar: Unicode.Scalar) -> Bool {
        mapping(of: scalar, language: .turkish) != mapping(of: scalar, language: .english)
    }

    /// The folding of one character (case folding has no context rules). A character
    /// ICU fails on is left to ``apply(_:context:)``, which reports the error.
    public func mapping(of scalar: Unicode.Scalar, language: Language) -> CharacterMapping {
        let table = language.usesTurkicCasing ? turkic : root
        let value = scalar.value
        if value < FoldTable.limit {
            let folded = table.single[Int(value)]
            if folded == FoldTable.several { return .replaced(table.several[value]!) }
            return folded == value ? .same : .replaced([Unicode.Scalar(folded)!])
        }
        do {
            return try table.foldBeyondTable(scalar).map { .replaced($0) } ?? .same
        } catch {
            return .needsContext
        }
    }
}

/// ICU's case folding of every character below ``limit``, for one locale.
struct FoldTable: Sendable {
    static let limit: UInt32 = 0x10000
    /// Marks a character that folds to several (`ß` → `ss`): see ``several``.
    static let several: UInt32 = .max

    let mapper: CaseMapper
    /// `single[c]`: what character `c` folds to, or ``several``.
    let single: [UInt32]
    let several: [UInt32: [Unicode.Scalar]]

    init(mapper: CaseMapper) throws {
        self.mapper = mapper
        var single = [UInt32](repeating: 0, count: Int(Self.limit))
        var several: [UInt32: [Unicode.Scalar]] = [:]
        // ICU is asked about every letter, not only those Swift says change when folded:
        // that property is defined on the decomposed form, so `ǰ` (which folds to j + ◌̌)
        // would be missed.
        for value in 0..<Self.limit {
            guard let scalar = Unicode.Scalar(value), Self.mayFold(scalar) else {
                single[Int(value)] = value
                continue
            }
            let folded = Array(try mapper.fold(String(scalar)).unicodeScalars)
            if folded.count == 1 {
                single[Int(value)] = folded[0].value
            } else {
                single[Int(value)] = Self.several
                several[value] = folded
            }
        }
        self.single = single
        self.several = several
    }

    /// ICU's folding of a character beyond the table, or nil when folding leaves it.
    func foldBeyondTable(_ scalar: Unicode.Scalar) throws -> [Unicode.Scalar]? {
        guard scalar.properties.changesWhenCaseFolded else { return nil }
        return Array(try mapper.fold(String(scalar)).unicodeScalars)
    }

    /// False for characters no case folding touches: ASCII other than capitals, and the
    /// caseless categories (letters of CJK and other caseless scripts, digits, unassigned).
    private static func mayFold(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar.properties.isUppercase }
        switch scalar.properties.generalCategory {
        case .otherLetter, .decimalNumber, .privateUse, .unassigned, .surrogate: return false
        default: return true
        }
    }
}
