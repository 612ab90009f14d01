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
}
