#if canImport(Glibc)
import Glibc
#endif

/// Memory for large, randomly accessed tables (n-gram counts, lookup tables), backed
/// by 2 MiB pages where the kernel allows it.
///
/// A hash table of hundreds of megabytes touched at random misses the TLB on almost
/// every access with 4 KiB pages; the page walk then costs as much as the cache miss
/// itself. Linux gives transparent huge pages to a mapping that asks for them
/// (`madvise(MADV_HUGEPAGE)`), also when the system default is `madvise`. Elsewhere,
/// or for small sizes, this is plain allocation.
enum LargeTableMemory {
    /// Below this size the TLB is not the problem and the OS page size is fine.
    static let threshold = 4 << 20
    static let hugePage = 2 << 20

    /// Uninitialized memory for `count` values of `T`, aligned for `T`.
    static func allocate<T>(_ type: T.Type, count: Int) -> UnsafeMutablePointer<T> {
        let bytes = count * MemoryLayout<T>.stride
        #if os(Linux)
        if bytes >= threshold {
            var raw: UnsafeMutableRawPointer?
            if posix_memalign(&raw, hugePage, bytes) == 0, let raw {
                _ = madvise(raw, bytes, 14 /* MADV_HUGEPAGE */)
                return raw.bindMemory(to: T.self, capacity: count)
            }
        }
        #endif
        return .allocate(capacity: count)
    }

    /// Asks for huge pages on the whole 2 MiB pages inside `buffer`, which must not have
    /// been written yet (pages already touched keep their size). Call it on a fresh
    /// large array before filling it; a no-op for small buffers and off Linux.
    static func adviseHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
        guard buffer.count >= threshold, let base = buffer.baseAddress else { return }
        let start = (Int(bitPattern: base) + hugePage - 1) & ~(hugePage - 1)
        let end = (Int(bitPattern: base) + buffer.count) & ~(hugePage - 1)
        guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(aligned, end - start, 14 /* MADV_HUGEPAGE */)
        #endif
    }

    /// Frees memory from ``allocate(_:count:)`` with the same `count`.
    static func deallocate<T>(_ pointer: UnsafeMutablePointer<T>, count: Int) {
        #if os(Linux)
        // posix_memalign's memory, or Swift's allocation if that failed: both are malloc's.
        if count * MemoryLayout<T>.stride >= threshold { free(pointer); return }
        #endif
        pointer.deallocate()
    }
}
