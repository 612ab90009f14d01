import Testing
@testable import NLP

@Suite struct ByteLanesTests {
    /// Every lane value against every target byte: exact, with no answer leaking
    /// between lanes.
    @Test func equalFlagsExactlyTheEqualLanes() {
        for target in 0...255 {
            for start in stride(from: 0, to: 256, by: 16) {
                let lanes = ByteLanes.Lanes((0..<16).map { UInt8(start + $0) })
                let flags = ByteLanes.equal(lanes, UInt8(target))
                for lane in 0..<16 {
                    #expect((flags[lane] & 0x80 != 0) == (start + lane == target))
                }
            }
        }
    }

    @Test func firstFlaggedFindsEveryPosition() {
        #expect(ByteLanes.firstFlagged(ByteLanes.Lanes(repeating: 0x7F)) == nil)
        #expect(!ByteLanes.anyFlagged(ByteLanes.Lanes(repeating: 0x7F)))
        for position in 0..<16 {
            var flags = ByteLanes.Lanes(repeating: 0x7F)
            flags[position] = 0x80
            if position < 15 { flags[15] = 0xFF }   // later flags do not matter
            #expect(ByteLanes.firstFlagged(flags) == position)
            #expect(ByteLanes.anyFlagged(flags))
        }
    }

    /// Lengths around the step and the 255-step tally flush, at every alignment.
    @Test func countMatchesAPlainCount() {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> UInt8 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        }
        for length in [0, 1, 15, 16, 17, 31, 33, 255 * 16 - 1, 255 * 16, 255 * 16 + 1, 255 * 16 * 3 + 5, 9_000] {
            // Mostly spaces, so that a lane tally reaches its limit.
            let bytes = (0..<length + 3).map { _ in next() % 4 == 0 ? next() : 0x20 }
            for start in 0..<3 {
                let slice = bytes[start..<start + length]
                let expected = slice.filter { $0 == 0x20 }.count
                let counted = Array(slice).withUnsafeBufferPointer { ByteLanes.count(of: 0x20, in: $0) }
                #expect(counted == expected, "length \(length) start \(start)")
            }
        }
    }

    @Test func loadReadsUnalignedBytes() {
        let bytes: [UInt8] = Array(0..<40)
        bytes.withUnsafeBufferPointer { buffer in
            for offset in 0...24 {
                let lanes = ByteLanes.load(buffer.baseAddress!, at: offset)
                #expect((0..<16).allSatisfy { lanes[$0] == UInt8(offset + $0) })
            }
        }
    }
}
