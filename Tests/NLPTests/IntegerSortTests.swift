import Testing
@testable import NLP

@Suite struct IntegerSortTests {
    @Test(arguments: [2, 47, 48, 1_000, 20_000])
    func radixSortOrdersColumnsLikeTheStandardLibrary(_ count: Int) {
        var generator = SystemRandomNumberGenerator()
        for keyBits in [1, 10, 20, 21, 33] {
            var values: [UInt64] = (0..<count).map { _ in UInt64.random(in: 0..<(1 << UInt64(keyBits)), using: &generator) }
            let expected = values.sorted()
            values.withUnsafeMutableBufferPointer { radixSort($0, keyBits: keyBits) }
            #expect(values == expected, "keyBits \(keyBits)")
        }
    }

    @Test func radixSortIsStableAndIgnoresBitsOutsideTheKey() {
        // Key = bits 32..<53 (a column); low bits are a payload in input order, and a
        // bit above the key must not take part in the order.
        let columns: [UInt64] = (0..<3_000).map { UInt64(($0 * 7_919) % 1_500) }
        var values = columns.enumerated().map { offset, column in
            (offset % 2 == 0 ? UInt64(1) << 60 : 0) | column << 32 | UInt64(offset)
        }
        values.withUnsafeMutableBufferPointer { radixSort($0, keyShift: 32, keyBits: 21) }
        let keys = values.map { ($0 >> 32) & 0x1F_FFFF }
        #expect(keys == keys.sorted())
        for index in 1..<values.count where keys[index] == keys[index - 1] {
            #expect(values[index] & 0xFFFF_FFFF > values[index - 1] & 0xFFFF_FFFF, "payloads keep input order")
        }
    }

    /// Documents' rows of every size (so every digit width): columns spread over a
    /// 21-bit key, repeated columns in their input order.
    @Test(arguments: [48, 100, 700, 3_000, 65_536])
    func rowsOfEverySizeSortStably(_ count: Int) {
        var values: [UInt64] = (0..<count).map { offset in
            let column = scrambled(offset) % UInt64(count / 3 + 1) * 4_099 % (1 << 21)
            return column << 32 | UInt64(offset)
        }
        let expected = values.enumerated().sorted { ($0.element >> 32, $0.offset) < ($1.element >> 32, $1.offset) }
            .map(\.element)
        values.withUnsafeMutableBufferPointer { radixSort($0, keyShift: 32, keyBits: 21) }
        #expect(values == expected)
    }

    /// Values whose upper digits are all the same (passes that are skipped) and inputs
    /// already sorted either way.
    @Test func crowdedAndPresortedInputsAreSorted() {
        let crowded: [UInt64] = (0..<5_000).map { scrambled($0) % 64 }
        let ascending: [UInt64] = (0..<5_000).map { UInt64($0) * 397 }
        for input in [crowded, ascending, Array(ascending.reversed())] {
            var values = input
            values.withUnsafeMutableBufferPointer { radixSort($0, keyBits: 21) }
            #expect(values == input.sorted())
        }
    }

    /// A fixed pseudo-random value for `index` (Fibonacci hashing), so failures replay.
    private func scrambled(_ index: Int) -> UInt64 { (UInt64(index) &* 0x9E37_79B9_7F4A_7C15) >> 20 }
}
