import Foundation

/// A value built once per process, on first use, and then shared by every thread —
/// the bundled language model, gazetteer, tagger and profiles, whose construction loads
/// resources and compiles ICU rules. A failed construction is not kept: the next call
/// tries again and reports the error again.
final class ProcessWide<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value?
    private let make: @Sendable () throws -> Value

    init(_ make: @escaping @Sendable () throws -> Value) { self.make = make }

    func get() throws -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let value { return value }
        let made = try make()
        value = made
        return made
    }
}

/// Values built once per key and process (a case map per locale, a transliterator per
/// scheme, word lists per language), shared by every thread. Failures are not kept.
final class ProcessWideTable<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Key: Value] = [:]

    func get(_ key: Key, _ make: (Key) throws -> Value) throws -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let value = values[key] { return value }
        let made = try make(key)
        values[key] = made
        return made
    }
}
