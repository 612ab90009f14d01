import Testing
@testable import NLP

@Suite struct IntegerSortTests {
    @Test(arguments: [0, 1, 2, 23, 24, 25, 100, 1_000, 10_000])
    func sortsLikeTheStandardLibrary(_ count: Int) {
        var generator = SystemRandomNumberGenerator()
        for pattern in 0..<4 {
            var values: [UInt64] = (0..<count).map { index in
                switch pattern {
                case 0: return UInt64.random(in: 0...1_000_000, using: &generator)
                case 1: return UInt64(index)                       // sorted
                case 2: return UInt64(count - index)               // reversed
                default: return UInt64(index % 7)                  // many duplicates
                }
            }
            let expected = values.sorted()
            values.withUnsafeMutableBufferPointer { sortAscending($0) }
            #expect(values == expected)
        }
    }

    @Test func heapsortFallbackSorts() {
        var values: [UInt64] = (0..<1000).map { UInt64(($0 * 7919) % 1000) }
        values.withUnsafeMutableBufferPointer { heapsort($0.baseAddress!, $0.count) }
        #expect(values == (0..<1000).map(UInt64.init))
    }

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
}
