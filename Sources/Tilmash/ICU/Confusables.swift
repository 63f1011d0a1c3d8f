import Foundation
import ICUBridge

/// Look-alike letters across Latin, Cyrillic and Greek, from Unicode's confusables data
/// (UTS #39 skeletons, computed by ICU's spoof checker).
///
/// Two letters are twins when their skeletons are equal: Cyrillic `а` and Latin `a`,
/// Cyrillic `Н` and Latin `H`, Greek `Ο` and Latin `O`.
///
/// ```swift
/// Confusables.shared.twin(of: "а", in: .latin)   // "a" (Cyrillic а → Latin a)
/// Confusables.shared.twin(of: "ж", in: .latin)   // nil
/// ```
///
/// `Sendable`: the tables are built once, on first use, and never change.
public final class Confusables: Sendable {
    /// The shared tables.
    public static let shared: Confusables = {
        do { return try Confusables() } catch { return Confusables(empty: ()) }
    }()

    /// `[skeleton: [script: letters with that skeleton]]`, letters in code point order.
    private let twins: [String: [Script: [Unicode.Scalar]]]
    private let skeletons: [Unicode.Scalar: String]

    private init(empty: ()) {
        twins = [:]
        skeletons = [:]
    }

    private init() throws {
        var status: Int32 = 0
        guard let checker = tm_spoof_open(&status), status <= 0 else {
            throw ICUError(code: max(status, 1), operation: "open spoof checker")
        }
        defer { tm_spoof_close(checker) }
        var twins: [String: [Script: [Unicode.Scalar]]] = [:]
        var skeletons: [Unicode.Scalar: String] = [:]
        let ranges: [(ClosedRange<UInt32>, Script)] = [
            (0x41...0x24F, .latin), (0x370...0x3FF, .greek), (0x400...0x52F, .cyrillic),
        ]
        for (range, script) in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic,
                      Script.of(scalar) == script else { continue }
                let units = Array(String(scalar).utf16)
                let skeleton = try units.withUnsafeBufferPointer { source in
                    try ICUBuffers.utf16(source, estimate: 8, operation: "confusable skeleton") { src, length, dest, capacity, status in
                        tm_spoof_skeleton(checker, src, length, dest, capacity, &status)
                    }
                }
                let key = String(utf16Units: skeleton)
                skeletons[scalar] = key
                twins[key, default: [:]][script, default: []].append(scalar)
            }
        }
        self.twins = twins
        self.skeletons = skeletons
    }

    /// The letter of `script` that looks like `scalar`, or nil when there is none. Among
    /// several, the one with the same case is preferred.
    public func twin(of scalar: Unicode.Scalar, in script: Script) -> Unicode.Scalar? {
        guard let key = skeletons[scalar], let candidates = twins[key]?[script], !candidates.isEmpty else { return nil }
        let upper = scalar.properties.isUppercase
        return candidates.first { $0.properties.isUppercase == upper } ?? candidates.first
    }
}
