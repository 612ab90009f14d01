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
