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

    /// The same entries with each key and value side by side (16 bytes a slot), so a
    /// lookup touches one cache line instead of two: for large vocabularies queried
    /// many times (prediction). O(slots) to build.
    public func interleaved() -> InterleavedFeatureTable {
        InterleavedFeatureTable(self)
    }

    /// A read-only view of the table for hot loops: raw pointers, no reference
    /// counting per lookup. Valid only inside `body`.
    public func withLookup<Result>(_ body: (Lookup) throws -> Result) rethrows -> Result {
        try keys.withUnsafeBufferPointer { k in
            try values.withUnsafeBufferPointer { v in
                try body(Lookup(keys: k.baseAddress!, values: v.baseAddress!, mask: k.count - 1))
            }
        }
    }

    /// See ``withLookup(_:)``.
    public struct Lookup {
        let keys: UnsafePointer<UInt64>
        let values: UnsafePointer<Int32>
        let mask: Int

        /// The value stored for `key`, or `nil`. O(1) expected.
        @inline(__always)
        public func value(for key: UInt64) -> Int32? {
            var slot = Int(truncatingIfNeeded: key) & mask
            while true {
                let found = keys[slot]
                if found == key { return values[slot] }
                if found == 0 { return nil }
                slot = (slot + 1) & mask
            }
        }
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

/// A read-only copy of a ``FeatureHashTable`` laid out as (key, value) pairs, so that
/// a lookup costs one cache line. Built once per loaded model.
public final class InterleavedFeatureTable: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<UInt64>   // key, value, key, value…
    private let mask: Int

    init(_ table: FeatureHashTable) {
        let count = table.keys.count
        mask = count - 1
        slots = .allocate(capacity: count * 2)
        for slot in 0..<count {
            slots[2 * slot] = table.keys[slot]
            slots[2 * slot + 1] = UInt64(UInt32(bitPattern: table.values[slot]))
        }
    }

    deinit { slots.deallocate() }

    /// The value stored for `key`, or -1. O(1) expected.
    @inline(__always)
    public func value(for key: UInt64) -> Int32 {
        var slot = Int(truncatingIfNeeded: key) & mask
        while true {
            let found = slots[2 * slot]
            if found == key { return Int32(truncatingIfNeeded: slots[2 * slot + 1]) }
            if found == 0 { return -1 }
            slot = (slot + 1) & mask
        }
    }

    /// Looks up every key of `keys` in one tight loop (independent lookups overlap their
    /// cache misses) and appends the found values to `values`.
    public func appendValues(of keys: UnsafeBufferPointer<UInt64>, to values: inout [UInt64]) {
        for key in keys {
            let value = self.value(for: key)
            if value >= 0 { values.append(UInt64(UInt32(value))) }
        }
    }
}
