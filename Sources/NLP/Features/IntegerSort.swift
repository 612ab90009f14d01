/// Sorts `values` ascending in place: introsort (quicksort with median-of-three
/// pivots, insertion sort below 24 elements, heapsort past a depth limit).
///
/// The standard library's `sort` is a stable merge sort; rows of packed
/// (column, value) integers have unique keys and need no stability, and this is
/// several times faster on them.
/// - Complexity: O(n log n) worst case, O(1) extra memory.
@inlinable
public func sortAscending(_ values: UnsafeMutableBufferPointer<UInt64>) {
    guard let base = values.baseAddress, values.count > 1 else { return }
    introsort(base, 0, values.count - 1, 2 * (Int.bitWidth - values.count.leadingZeroBitCount))
}

@usableFromInline
func introsort(_ a: UnsafeMutablePointer<UInt64>, _ low: Int, _ high: Int, _ depthLimit: Int) {
    // The depth limit is per path from the root, so only a genuinely bad run of
    // pivots falls back to heapsort.
    var low = low, high = high, depth = depthLimit
    while high - low >= 24 {
        if depth == 0 {
            heapsort(a + low, high - low + 1)
            return
        }
        depth -= 1
        let mid = low + (high - low) / 2
        if a[mid] < a[low] { a.swapAt(mid, low) }
        if a[high] < a[low] { a.swapAt(high, low) }
        if a[high] < a[mid] { a.swapAt(high, mid) }
        let pivot = a[mid]
        var i = low, j = high
        while i <= j {
            while a[i] < pivot { i += 1 }
            while a[j] > pivot { j -= 1 }
            if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
        }
        // Recurse into the smaller side, loop on the larger: O(log n) stack.
        if j - low < high - i {
            if low < j { introsort(a, low, j, depth) }
            low = i
        } else {
            if i < high { introsort(a, i, high, depth) }
            high = j
        }
    }
    if low < high {
        for i in (low + 1)...high {
            let value = a[i]
            var j = i - 1
            while j >= low && a[j] > value { a[j + 1] = a[j]; j -= 1 }
            a[j + 1] = value
        }
    }
}

@usableFromInline
func heapsort(_ a: UnsafeMutablePointer<UInt64>, _ count: Int) {
    func siftDown(_ start: Int, _ end: Int) {
        var root = start
        while 2 * root + 1 < end {
            var child = 2 * root + 1
            if child + 1 < end && a[child] < a[child + 1] { child += 1 }
            if a[root] >= a[child] { return }
            a.swapAt(root, child)
            root = child
        }
    }
    for start in stride(from: count / 2 - 1, through: 0, by: -1) { siftDown(start, count) }
    for end in stride(from: count - 1, to: 0, by: -1) {
        a.swapAt(0, end)
        siftDown(0, end)
    }
}

extension UnsafeMutablePointer where Pointee == UInt64 {
    @inlinable @inline(__always)
    func swapAt(_ i: Int, _ j: Int) {
        let t = self[i]; self[i] = self[j]; self[j] = t
    }
}

/// Sorts `values` stably by their key, the `keyBits` bits starting at bit `keyShift`
/// (`(value >> keyShift) & (2^keyBits - 1)`): LSD radix sort, at most 11 bits a pass.
///
/// Rows of column indices have small keys (a 600,000-feature vocabulary needs 20
/// bits, two passes), and this is several times faster on them than comparison
/// sorting, whose branches mispredict on random columns.
/// - Complexity: O(n · ⌈keyBits / 11⌉) time, O(n + 2^11) extra memory.
public func radixSort(_ values: UnsafeMutableBufferPointer<UInt64>, keyShift: Int = 0, keyBits: Int) {
    guard let base = values.baseAddress, values.count > 1, keyBits > 0 else { return }
    let count = values.count
    let mask: UInt64 = keyBits >= 64 ? ~0 : (1 << UInt64(keyBits)) - 1
    if count < 48 {
        // Insertion sort: stable, and cheaper than clearing bucket counts.
        for i in 1..<count {
            let value = base[i], key = (value >> UInt64(keyShift)) & mask
            var j = i - 1
            while j >= 0 && (base[j] >> UInt64(keyShift)) & mask > key { base[j + 1] = base[j]; j -= 1 }
            base[j + 1] = value
        }
        return
    }
    let passes = (keyBits + 10) / 11
    let digitBits = (keyBits + passes - 1) / passes
    let buckets = 1 << digitBits
    let scratch = UnsafeMutablePointer<UInt64>.allocate(capacity: count)
    let counts = UnsafeMutablePointer<Int>.allocate(capacity: buckets)
    defer { scratch.deallocate(); counts.deallocate() }
    var source = base, target = scratch
    for pass in 0..<passes {
        let shift = UInt64(keyShift + pass * digitBits)
        // The last digit may be narrower: bits above the key must not order anything.
        let digitMask: UInt64 = (1 << UInt64(min(digitBits, keyBits - pass * digitBits))) - 1
        counts.initialize(repeating: 0, count: buckets)
        for i in 0..<count { counts[Int((source[i] >> shift) & digitMask)] += 1 }
        var offset = 0
        for bucket in 0..<buckets { let n = counts[bucket]; counts[bucket] = offset; offset += n }
        for i in 0..<count {
            let value = source[i]
            let bucket = Int((value >> shift) & digitMask)
            target[counts[bucket]] = value
            counts[bucket] += 1
        }
        swap(&source, &target)
    }
    if source != base { base.update(from: source, count: count) }
}
