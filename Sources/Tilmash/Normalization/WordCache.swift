import Foundation

/// A bounded, thread-safe memo of word → what a transform makes of it (a transliteration,
/// an ASCII folding, a match key, a transliteration's letter alignment) for the transforms
/// that run word by word. Word frequencies in text are Zipfian, so most words are seen again and the
/// ICU call is made once per distinct word. Split into shards, each with its own lock, so
/// threads working on different words rarely wait for each other; a shard is cleared when
/// it reaches its bound.
final class WordCache<Value: Sendable>: @unchecked Sendable {
    private final class Shard: @unchecked Sendable {
        let lock = NSLock()
        var entries: [ExactWord: Value] = [:]
    }

    private let shards: [Shard]
    private let limitPerShard: Int

    init(limit: Int = 50_000, shards: Int = 16) {
        self.shards = (0..<shards).map { _ in Shard() }
        limitPerShard = max(1, limit / shards)
    }

    func value(for word: String, tag: String, _ make: () throws -> Value) rethrows -> Value {
        let key = ExactWord(tag.isEmpty ? word : tag + "\u{0}" + word)
        var utf8Sum = 0
        for byte in key.text.utf8.prefix(8) { utf8Sum = utf8Sum &* 31 &+ Int(byte) }
        let shard = shards[(utf8Sum & Int.max) % shards.count]
        shard.lock.lock()
        if let found = shard.entries[key] {
            shard.lock.unlock()
            return found
        }
        shard.lock.unlock()
        let made = try make()
        shard.lock.lock()
        if shard.entries.count >= limitPerShard { shard.entries.removeAll(keepingCapacity: true) }
        shard.entries[key] = made
        shard.lock.unlock()
        return made
    }
}

/// A word as a dictionary key compared by its exact UTF-8 bytes. A String key would be
/// hashed and compared by canonical equivalence — slower (it normalizes non-ASCII text on
/// the fly), and wrong for a memo of transforms, which may treat `й` and `и` + ◌̆ apart.
struct ExactWord: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    static func == (a: ExactWord, b: ExactWord) -> Bool {
        var x = a.text, y = b.text
        return x.withUTF8 { p in
            y.withUTF8 { q in p.count == q.count && (p.isEmpty || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0) }
        }
    }
}
