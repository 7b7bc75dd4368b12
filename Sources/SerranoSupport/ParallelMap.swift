import Dispatch
import Foundation

/// `body(0) … body(count − 1)` run on as many cores as there are, results in index order (so
/// output built from them is the same as a serial loop's). The first error, by index, is
/// rethrown after every job has finished.
public func parallelMap<T>(count: Int, _ body: (Int) throws -> T) throws -> [T] {
    guard count > 1 else { return try (0..<max(count, 0)).map(body) }
    let slots = ParallelSlots<T>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { index in
        slots.store(Result { try body(index) }, at: index)
    }
    return try slots.results()
}

/// The results of `parallelMap`'s jobs, one slot each, behind a lock.
private final class ParallelSlots<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<T, Error>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ result: Result<T, Error>, at index: Int) {
        lock.lock()
        defer { lock.unlock() }
        slots[index] = result
    }

    func results() throws -> [T] {
        lock.lock()
        defer { lock.unlock() }
        return try slots.map { slot in
            guard let slot else { throw ParallelMapError.jobDidNotRun }
            return try slot.get()
        }
    }
}

/// A job slot left empty: `concurrentPerform` returned without running it (cannot happen; not
/// a trap if it does).
public enum ParallelMapError: Error, CustomStringConvertible {
    case jobDidNotRun
    public var description: String { "a parallel job did not run" }
}
