#if canImport(Glibc)
import Glibc
#endif

/// Zero-filled memory for large, randomly accessed tables (n-gram counts, lookup
/// tables), backed by 2 MiB pages where the kernel allows it.
///
/// A hash table of hundreds of megabytes touched at random misses the TLB on almost
/// every access with 4 KiB pages; the page walk then costs as much as the cache miss
/// itself. Linux gives transparent huge pages to a mapping that asks for them
/// (`madvise(MADV_HUGEPAGE)`), also when the system default is `madvise`. Large tables
/// are mapped straight from the kernel, whose pages arrive zeroed, so they are not
/// cleared a second time. Elsewhere, or for small sizes, this is plain allocation.
enum LargeTableMemory {
    /// Below this size the TLB is not the problem and the OS page size is fine.
    static let threshold = 4 << 20
    static let hugePage = 2 << 20

    /// Memory for `count` values of `T`, every byte zero, aligned for `T`. `T` must be a
    /// type for which all-zero bytes are a valid value (integers, floats, plain structs
    /// of them). Free it with ``deallocate(_:count:)`` and the same `count`.
    static func allocateZeroed<T>(_ type: T.Type, count: Int) -> UnsafeMutablePointer<T> {
        let bytes = count * MemoryLayout<T>.stride
        #if os(Linux)
        if bytes >= threshold {
            // As Swift's own allocation does, stop when the system has no memory left.
            guard let base = mapHugePageAligned(bytes) else { fatalError("out of memory: \(bytes) bytes for a table") }
            return base.bindMemory(to: T.self, capacity: count)
        }
        #endif
        let memory = UnsafeMutableRawPointer.allocate(byteCount: max(1, bytes), alignment: MemoryLayout<T>.alignment)
        memory.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
        return memory.bindMemory(to: T.self, capacity: count)
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

    /// Frees memory from ``allocateZeroed(_:count:)`` with the same `count`.
    static func deallocate<T>(_ pointer: UnsafeMutablePointer<T>, count: Int) {
        let bytes = count * MemoryLayout<T>.stride
        #if os(Linux)
        if bytes >= threshold {
            munmap(UnsafeMutableRawPointer(pointer), mappedLength(bytes))
            return
        }
        #endif
        UnsafeMutableRawPointer(pointer).deallocate()
    }

    #if os(Linux)
    /// `bytes` rounded up to whole huge pages.
    private static func mappedLength(_ bytes: Int) -> Int { (bytes + hugePage - 1) & ~(hugePage - 1) }

    /// An anonymous mapping of `bytes` (rounded up to whole huge pages) that starts on a
    /// huge-page boundary, advised to use huge pages; `nil` if the kernel refuses.
    /// Over-maps by one huge page and unmaps what lies outside the aligned part.
    private static func mapHugePageAligned(_ bytes: Int) -> UnsafeMutableRawPointer? {
        let length = mappedLength(bytes)
        guard let raw = mmap(nil, length + hugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              raw != MAP_FAILED else { return nil }
        let start = (Int(bitPattern: raw) + hugePage - 1) & ~(hugePage - 1)
        let head = start - Int(bitPattern: raw)
        if head > 0 { munmap(raw, head) }
        let tail = hugePage - head
        let aligned = UnsafeMutableRawPointer(bitPattern: start)!
        if tail > 0 { munmap(aligned + length, tail) }
        _ = madvise(aligned, length, 14 /* MADV_HUGEPAGE */)
        return aligned
    }
    #endif
}
