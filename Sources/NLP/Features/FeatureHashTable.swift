import CacheHints

/// A map from feature keys (``FeatureKey``, never 0) to `Int32` values, with open
/// addressing and linear probing over a power-of-two table kept at most half full.
///
/// It is the hot structure of vectorizing: one lookup per n-gram. Its two arrays are
/// also what a model file stores, so a loaded model answers lookups straight from the
/// mapped file without rebuilding anything.
public struct FeatureHashTable: Sendable {
    /// Slot keys; 0 marks an empty slot.
    public private(set) var keys: ContiguousArray<UInt64>
    /// Slot values, meaningful where the key is not 0.
    public private(set) var values: ContiguousArray<Int32>
    /// Number of keys stored.
    public private(set) var count: Int

    /// An empty table with room for `minimumCapacity` keys before it grows.
    public init(minimumCapacity: Int = 16) {
        var slots = 16
        while slots < minimumCapacity * 2 { slots <<= 1 }
        keys = ContiguousArray(repeating: 0, count: slots)
        values = ContiguousArray(repeating: 0, count: slots)
        count = 0
    }

    /// A table mapping each of `keys` to its index, laid out as inserting them in order
    /// into `FeatureHashTable(minimumCapacity: keys.count)` would, in one pass over
    /// plain buffers: a vocabulary's table, built once per fit. O(n) expected.
    /// A repeated key maps to its last index, as with ``set(_:to:)``.
    /// - Precondition: no key is 0.
    public init(indexing keys: ContiguousArray<UInt64>) {
        self.init(minimumCapacity: keys.count)
        let mask = self.keys.count - 1
        var stored = 0
        self.keys.withUnsafeMutableBufferPointer { slotKeys in
            values.withUnsafeMutableBufferPointer { slotValues in
                for (index, key) in keys.enumerated() {
                    precondition(key != 0, "0 marks an empty slot")
                    var slot = Int(truncatingIfNeeded: key) & mask
                    while slotKeys[slot] != 0 && slotKeys[slot] != key { slot = (slot + 1) & mask }
                    if slotKeys[slot] == 0 { stored += 1 }
                    slotKeys[slot] = key
                    slotValues[slot] = Int32(index)
                }
            }
        }
        count = stored
    }

    /// A table over given slot arrays (as read from a model file).
    /// - Precondition: `keys.count` is a power of two and `values.count == keys.count`.
    public init(slotKeys: ContiguousArray<UInt64>, slotValues: ContiguousArray<Int32>) {
        precondition(slotKeys.count.nonzeroBitCount == 1 && slotKeys.count == slotValues.count)
        keys = slotKeys
        values = slotValues
        count = slotKeys.reduce(0) { $0 + ($1 == 0 ? 0 : 1) }
    }

    /// The value stored for `key`, or `nil`. O(1) expected.
    @inline(__always)
    public func value(for key: UInt64) -> Int32? {
        keys.withUnsafeBufferPointer { k in
            let mask = k.count - 1
            var slot = Int(truncatingIfNeeded: key) & mask
            while true {
                let found = k[slot]
                if found == key { return values[slot] }
                if found == 0 { return nil }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Returns the value for `key`, inserting `makeValue()` first if it is absent.
    /// O(1) amortized.
    @inline(__always)
    public mutating func valueInserting(_ key: UInt64, _ makeValue: () -> Int32) -> (value: Int32, inserted: Bool) {
        if (count + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: key) & mask
        while true {
            let found = keys[slot]
            if found == key { return (values[slot], false) }
            if found == 0 {
                let value = makeValue()
                keys[slot] = key
                values[slot] = value
                count += 1
                return (value, true)
            }
            slot = (slot + 1) & mask
        }
    }

    /// Sets the value for `key`, inserting it if needed.
    public mutating func set(_ key: UInt64, to value: Int32) {
        if (count + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: key) & mask
        while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
        if keys[slot] == 0 { count += 1 }
        keys[slot] = key
        values[slot] = value
    }

    /// Calls `body(key, value)` for every entry, in slot order.
    public func forEach(_ body: (UInt64, Int32) -> Void) {
        for slot in 0..<keys.count where keys[slot] != 0 { body(keys[slot], values[slot]) }
    }

    private mutating func grow() {
        var bigger = FeatureHashTable(minimumCapacity: keys.count)
        for slot in 0..<keys.count where keys[slot] != 0 { bigger.set(keys[slot], to: values[slot]) }
        self = bigger
    }
}

/// A read-only map from feature keys to their index, laid out as (key, payload +
/// index) pairs, so that a lookup costs one cache line and returns the index's `Float`
/// payload (a vectorizer's idf) without a second random access. Built once per fitted
/// or loaded vectorizer, in huge pages where the system allows (see
/// ``LargeTableMemory``).
public final class InterleavedFeatureTable: @unchecked Sendable {
    /// key, payload bits << 32 | value, key, …
    private let slots: UnsafeMutablePointer<UInt64>
    private let mask: Int

    /// A table mapping `keys[i]` to `i`, with `payload[i]` beside it (a vectorizer's
    /// idf): the lookup of a vocabulary. A repeated key maps to its last index, as in
    /// ``FeatureHashTable/init(indexing:)``. O(n) expected, one pass over each array.
    /// - Precondition: `payload.count == keys.count`, no key is 0, fewer than 2³¹ keys.
    public init(indexing keys: ContiguousArray<UInt64>, payload: ContiguousArray<Float>) {
        precondition(payload.count == keys.count && keys.count < Int(Int32.max))
        // Up to three quarters full rather than half: four slots share a cache line, so
        // the longer probes rarely cost another miss, and a table half the size keeps
        // more of itself in cache.
        var capacity = 16
        while capacity * 3 < keys.count * 4 { capacity <<= 1 }
        mask = capacity - 1
        slots = LargeTableMemory.allocateZeroed(UInt64.self, count: capacity * 2)
        let ahead = Self.prefetchDistance
        for (index, key) in keys.enumerated() {
            precondition(key != 0, "0 marks an empty slot")
            if index &+ ahead < keys.count {
                cache_prefetch(slots + 2 &* (Int(truncatingIfNeeded: keys[index &+ ahead]) & mask))
            }
            var slot = Int(truncatingIfNeeded: key) & mask
            while slots[2 * slot] != 0 && slots[2 * slot] != key { slot = (slot + 1) & mask }
            slots[2 * slot] = key
            slots[2 * slot + 1] = UInt64(payload[index].bitPattern) << 32 | UInt64(UInt32(index))
        }
    }

    deinit { LargeTableMemory.deallocate(slots, count: (mask + 1) * 2) }

    /// How many keys ahead ``appendValues(of:to:)`` prefetches: enough to cover a memory
    /// latency, few enough that the lines are still in cache when their turn comes.
    static let prefetchDistance = 16

    /// The value stored for `key`, or -1. O(1) expected.
    @inline(__always)
    public func value(for key: UInt64) -> Int32 {
        let entry = packedValue(for: key)
        return entry == ~0 ? -1 : Int32(truncatingIfNeeded: entry)
    }

    /// The value stored for `key` and its payload, or `nil`. O(1) expected.
    @inline(__always)
    public func valueAndPayload(for key: UInt64) -> (value: Int32, payload: Float)? {
        let entry = packedValue(for: key)
        return entry == ~0 ? nil : InterleavedFeatureTable.unpack(entry)
    }

    /// Splits an entry of ``appendValues(of:to:)`` into value and payload.
    @inline(__always)
    public static func unpack(_ entry: UInt64) -> (value: Int32, payload: Float) {
        (Int32(truncatingIfNeeded: entry), Float(bitPattern: UInt32(truncatingIfNeeded: entry >> 32)))
    }

    /// `payload bits << 32 | value`, or all ones when `key` is absent.
    @inline(__always)
    private func packedValue(for key: UInt64) -> UInt64 { probe.packedValue(for: key) }

    /// The table as a plain pointer and mask, for per-token loops: a closure that
    /// captures it retains nothing, where one that captures the table retains and
    /// releases it around every call it makes. Valid while the table lives.
    var probe: Probe { Probe(slots: UnsafePointer(slots), mask: mask) }

    /// See ``probe``.
    struct Probe {
        let slots: UnsafePointer<UInt64>
        let mask: Int

        /// `payload bits << 32 | value`, or all ones when `key` is absent.
        @inline(__always)
        func packedValue(for key: UInt64) -> UInt64 {
            var slot = Int(truncatingIfNeeded: key) & mask
            while true {
                let found = slots[2 * slot]
                if found == key { return slots[2 * slot + 1] }
                if found == 0 { return ~0 }
                slot = (slot + 1) & mask
            }
        }

        /// The payload stored with `key` (a vectorizer's idf), or `absent`.
        @inline(__always)
        func payload(for key: UInt64, absent: Float) -> Float {
            let entry = packedValue(for: key)
            return entry == ~0 ? absent : InterleavedFeatureTable.unpack(entry).payload
        }
    }

    /// Looks up every key of `keys` in one tight loop (independent lookups overlap their
    /// cache misses) and appends each found entry, `payload bits << 32 | value`, to
    /// `entries`: sorting them by their low 32 bits orders them by value.
    ///
    /// Each key's home slot is prefetched ``prefetchDistance`` keys ahead: the table is
    /// larger than the cache, and without the hint only the few misses the reorder buffer
    /// holds are in flight at once (13 → 10 ns a key on a 600k-feature topics model, `vietthemes-bench lookup-stats`).
    public func appendValues(of keys: UnsafeBufferPointer<UInt64>, to entries: inout [UInt64]) {
        let found = [UInt64](unsafeUninitializedCapacity: keys.count) { buffer, count in
            var written = 0
            for (index, key) in keys.enumerated() {
                if index &+ Self.prefetchDistance < keys.count {
                    cache_prefetch(slots + 2 &* (Int(truncatingIfNeeded: keys[index &+ Self.prefetchDistance]) & mask))
                }
                let entry = packedValue(for: key)
                buffer[written] = entry
                written &+= entry == ~0 ? 0 : 1
            }
            count = written
        }
        if entries.isEmpty { entries = found } else { entries.append(contentsOf: found) }
    }
}
