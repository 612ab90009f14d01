import Dispatch
import Foundation

/// Number of worker threads to use by default: the machine's active cores.
public var defaultThreadCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

/// Runs `body(i)` for `i` in `0..<count` on up to all cores and returns the results
/// in index order. `body` must be safe to call concurrently.
public func parallelMap<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
    guard count > 1 else { return (0..<count).map(body) }
    let results = UnsafeMutablePointer<T>.allocate(capacity: count)
    defer { results.deinitialize(count: count); results.deallocate() }
    withoutActuallyEscaping(body) { body in
        let shared = UncheckedBox((results, body))
        DispatchQueue.concurrentPerform(iterations: count) { index in
            (shared.value.0 + index).initialize(to: shared.value.1(index))
        }
    }
    return Array(UnsafeBufferPointer(start: results, count: count))
}

/// Carries a non-`Sendable` value into concurrent work whose safety the caller
/// guarantees (disjoint writes, read-only sharing).
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Splits `0..<count` into at most `parts` contiguous ranges of near-equal size.
public func contiguousChunks(_ count: Int, parts: Int) -> [Range<Int>] {
    let parts = max(1, min(parts, count))
    return (0..<parts).map { part in (count * part / parts)..<(count * (part + 1) / parts) }
}
