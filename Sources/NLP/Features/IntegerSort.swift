/// Sorts `values` stably by their key, the `keyBits` bits starting at bit `keyShift`
/// (`(value >> keyShift) & (2^keyBits - 1)`): LSD radix sort, at most 11 bits a pass.
///
/// Rows of column indices have small keys (a 600,000-feature vocabulary needs 20
/// bits), and this is several times faster on them than comparison sorting, whose
/// branches mispredict on random columns.
/// - Complexity: O(n · ⌈keyBits / d⌉) time for digits of d ≤ 11 bits, O(n + 2^d)
///   extra memory.
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
    // Digits of about log2(n) − 1 bits: wider ones would spend more on clearing and
    // summing bucket counts than on moving values (a document's row of ~1,000 columns
    // out of 2^21 takes three 7-bit passes rather than two 11-bit ones).
    let widest = max(6, min(11, Int.bitWidth - count.leadingZeroBitCount - 1))
    let passes = (keyBits + widest - 1) / widest
    let digitBits = (keyBits + passes - 1) / passes
    let buckets = 1 << digitBits
    let scratch = UnsafeMutablePointer<UInt64>.allocate(capacity: count)
    let counts = UnsafeMutablePointer<Int32>.allocate(capacity: buckets)
    defer { scratch.deallocate(); counts.deallocate() }
    let digitMask = UInt64(buckets - 1)
    var source = base, target = scratch
    for pass in 0..<passes {
        let shift = UInt64(keyShift + pass * digitBits)
        // The last digit may be narrower: bits above the key must not order anything.
        let passMask = pass == passes - 1 ? (mask >> UInt64(pass * digitBits)) & digitMask : digitMask
        counts.initialize(repeating: 0, count: buckets)
        for i in 0..<count { counts[Int((source[i] >> shift) & passMask)] &+= 1 }
        // A digit that is the same in every value (the top one of small columns) orders nothing.
        if counts[Int((source[0] >> shift) & passMask)] == Int32(truncatingIfNeeded: count) { continue }
        var offset: Int32 = 0
        for bucket in 0..<buckets { let n = counts[bucket]; counts[bucket] = offset; offset &+= n }
        for i in 0..<count {
            let value = source[i]
            let bucket = Int((value >> shift) & passMask)
            target[Int(counts[bucket])] = value
            counts[bucket] &+= 1
        }
        swap(&source, &target)
    }
    if source != base { base.update(from: source, count: count) }
}
