import Testing
@testable import NLP

@Suite struct FeatureHashTableTests {
    @Test func storesAndFindsManyKeys() {
        var table = FeatureHashTable()
        for index in 0..<10_000 { table.set(FeatureKey.hash(Array("k\(index)".utf8)), to: Int32(index)) }
        #expect(table.count == 10_000)
        for index in stride(from: 0, to: 10_000, by: 7) {
            #expect(table.value(for: FeatureKey.hash(Array("k\(index)".utf8))) == Int32(index))
        }
        #expect(table.value(for: FeatureKey.hash(Array("absent".utf8))) == nil)
    }

    @Test func insertingReportsWhetherTheKeyWasNew() {
        var table = FeatureHashTable()
        let first = table.valueInserting(42) { 7 }
        let second = table.valueInserting(42) { 9 }
        #expect(first.inserted && first.value == 7)
        #expect(!second.inserted && second.value == 7)
    }

    @Test func slotsRoundTrip() {
        var table = FeatureHashTable()
        for key in 1...100 as ClosedRange<UInt64> { table.set(key &* 0x9E37_79B9, to: Int32(key)) }
        let copy = FeatureHashTable(slotKeys: table.keys, slotValues: table.values)
        #expect(copy.count == 100)
        #expect(copy.value(for: 55 &* 0x9E37_79B9) == 55)
    }

    @Test func indexingKeysLaysOutTheSlotsAsSettingThemInOrder() {
        // Colliding home slots (multiples of the table size) make the probing order matter.
        var keys: ContiguousArray<UInt64> = []
        for n in 1...3_000 as ClosedRange<UInt64> {
            keys.append(n % 7 == 0 ? n << 20 : (n &* 0x9E37_79B9_7F4A_7C15) | 1)
        }
        keys += [42, 42]
        var set = FeatureHashTable(minimumCapacity: keys.count)
        for (index, key) in keys.enumerated() { set.set(key, to: Int32(index)) }
        let indexed = FeatureHashTable(indexing: keys)
        #expect(indexed.keys == set.keys)
        #expect(indexed.values == set.values)
        #expect(indexed.count == set.count)
        #expect(indexed.count == 3_001)
        #expect(indexed.value(for: 42) == Int32(keys.count - 1))
    }

    @Test func keysAreNeverZero() {
        #expect(FeatureKey.finalize(0) != 0)
        #expect(FeatureKey.hash([]) != 0)
    }

    /// Big enough (16 MiB of slots) to live in huge pages where the system has them.
    @Test func interleavedTableAnswersWithIndexAndPayload() {
        let count = 400_000
        let keys = ContiguousArray((0..<count).map { FeatureKey.hash(Array("k\($0)".utf8)) })
        let payload = ContiguousArray((0..<count).map { Float($0) * 0.5 })
        let lookup = InterleavedFeatureTable(indexing: keys, payload: payload)
        for index in stride(from: 0, to: count, by: 997) {
            let key = FeatureKey.hash(Array("k\(index)".utf8))
            #expect(lookup.value(for: key) == Int32(index))
            let found = lookup.valueAndPayload(for: key)
            #expect(found?.value == Int32(index) && found?.payload == Float(index) * 0.5)
        }
        let absent = FeatureKey.hash(Array("absent".utf8))
        #expect(lookup.value(for: absent) == -1 && lookup.valueAndPayload(for: absent) == nil)

        var entries: [UInt64] = []
        let few = [FeatureKey.hash(Array("k7".utf8)), absent, FeatureKey.hash(Array("k3".utf8))]
        few.withUnsafeBufferPointer { lookup.appendValues(of: $0, to: &entries) }
        #expect(entries.map { InterleavedFeatureTable.unpack($0).value } == [7, 3])
        #expect(entries.map { InterleavedFeatureTable.unpack($0).payload } == [3.5, 1.5])

        // A batch longer than the prefetch distance, absent keys among present ones.
        let batch = (0..<5_000).map { FeatureKey.hash(Array(($0 % 5 == 0 ? "absent\($0)" : "k\($0 * 79)").utf8)) }
        var batchEntries: [UInt64] = []
        batch.withUnsafeBufferPointer { lookup.appendValues(of: $0, to: &batchEntries) }
        let expected = (0..<5_000).filter { $0 % 5 != 0 }.map { Int32($0 * 79) }
        #expect(batchEntries.map { InterleavedFeatureTable.unpack($0).value } == expected)
    }

    @Test func interleavedTableMapsARepeatedKeyToItsLastIndexAsTheHashTableDoes() {
        let keys: ContiguousArray<UInt64> = [11, 27, 11, 5]
        let lookup = InterleavedFeatureTable(indexing: keys, payload: [0.5, 1.5, 2.5, 3.5])
        #expect(lookup.value(for: 11) == FeatureHashTable(indexing: keys).value(for: 11))
        #expect(lookup.valueAndPayload(for: 11)?.value == 2 && lookup.valueAndPayload(for: 11)?.payload == 2.5)
        #expect(lookup.value(for: 5) == 3 && lookup.value(for: 6) == -1)
    }
}
