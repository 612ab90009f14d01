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

    @Test func keysAreNeverZero() {
        #expect(FeatureKey.finalize(0) != 0)
        #expect(FeatureKey.hash([]) != 0)
    }
}
