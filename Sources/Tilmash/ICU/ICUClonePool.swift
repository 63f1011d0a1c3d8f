import Foundation

/// An opened ICU object that is not thread-safe (a transliterator, a break iterator), kept
/// as a prototype that is never used itself, and the idle clones of it.
///
/// Each use borrows a private clone (made on demand — cloning a compiled ICU object is
/// cheap) and returns it afterwards, so one pool serves any number of threads without
/// sharing an ICU object between them.
final class ICUClonePool: @unchecked Sendable {
    /// What the pool holds, for error messages ("transliterator Any-Latin").
    let name: String
    private let prototype: UnsafeMutableRawPointer
    private let cloneObject: (UnsafeMutableRawPointer, inout Int32) -> UnsafeMutableRawPointer?
    private let closeObject: (UnsafeMutableRawPointer) -> Void
    private var idle: [UnsafeMutableRawPointer] = []
    private let lock = NSLock()

    init(name: String, prototype: UnsafeMutableRawPointer,
         clone: @escaping (UnsafeMutableRawPointer, inout Int32) -> UnsafeMutableRawPointer?,
         close: @escaping (UnsafeMutableRawPointer) -> Void) {
        self.name = name
        self.prototype = prototype
        cloneObject = clone
        closeObject = close
    }

    deinit {
        for object in idle { closeObject(object) }
        closeObject(prototype)
    }

    /// Runs `body` with a private clone.
    func withObject<Result>(_ body: (UnsafeMutableRawPointer) throws -> Result) throws -> Result {
        let object = try borrow()
        defer { giveBack(object) }
        return try body(object)
    }

    private func borrow() throws -> UnsafeMutableRawPointer {
        lock.lock()
        if let object = idle.popLast() {
            lock.unlock()
            return object
        }
        // Cloning only reads the prototype; the lock keeps it simple and is held briefly.
        var status: Int32 = 0
        let clone = cloneObject(prototype, &status)
        lock.unlock()
        try ICUError.check(status, "clone \(name)")
        guard let clone else { throw ICUError(code: 1, operation: "clone \(name)") }
        return clone
    }

    private func giveBack(_ object: UnsafeMutableRawPointer) {
        lock.lock()
        idle.append(object)
        lock.unlock()
    }
}
