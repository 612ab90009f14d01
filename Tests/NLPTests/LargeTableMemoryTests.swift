import Testing
@testable import NLP

@Suite struct LargeTableMemoryTests {
    /// Both sides of the size threshold: plain allocation below it, huge-page-aligned
    /// memory above it; each must start zeroed, hold what is written and free without
    /// complaint. The table sizes that are not a whole number of huge pages are the ones
    /// whose mapping is trimmed.
    @Test(arguments: [1_000, 3 << 20, (5 << 20) + 3])
    func allocatedMemoryIsZeroAndHoldsItsValues(count: Int) {
        let memory = LargeTableMemory.allocateZeroed(UInt64.self, count: count)
        #expect((0..<count).allSatisfy { memory[$0] == 0 })
        for index in 0..<count { memory[index] = UInt64(index) &* 0x9E37_79B9_7F4A_7C15 }
        var sum: UInt64 = 0
        for index in 0..<count { sum &+= memory[index] }
        var expected: UInt64 = 0
        for index in 0..<count { expected &+= UInt64(index) &* 0x9E37_79B9_7F4A_7C15 }
        #expect(sum == expected)
        LargeTableMemory.deallocate(memory, count: count)
    }

    @Test func adviceLeavesAnArraysContentsAlone() {
        let count = 3 << 20
        let floats = ContiguousArray<Float>(unsafeUninitializedCapacity: count) { buffer, initialized in
            LargeTableMemory.adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
            for index in 0..<count { buffer[index] = Float(index % 1000) }
            initialized = count
        }
        #expect(floats[0] == 0 && floats[999] == 999 && floats[count - 1] == Float((count - 1) % 1000))
    }
}
