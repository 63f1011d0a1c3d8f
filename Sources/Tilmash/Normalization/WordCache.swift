import Foundation

/// A bounded, thread-safe memo of word → transformed word for the ICU transforms that run
/// word by word. Word frequencies in text are Zipfian, so most words are seen again and the
/// ICU call is made once per distinct word. Cleared when it reaches its bound.
final class WordCache: @unchecked Sendable {
    private var entries: [String: String] = [:]
    private let lock = NSLock()
    private let limit: Int

    init(limit: Int = 50_000) { self.limit = limit }

    func value(for word: String, tag: String, _ make: () throws -> String) rethrows -> String {
        let key = tag + "\u{0}" + word
        lock.lock()
        if let found = entries[key] {
            lock.unlock()
            return found
        }
        lock.unlock()
        let made = try make()
        lock.lock()
        if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
        entries[key] = made
        lock.unlock()
        return made
    }
}
