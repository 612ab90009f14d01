import Testing
@testable import NLP

@Suite struct ByteWordsTests {
    /// Against a byte-by-byte check, for every byte value at every position of words
    /// that also hold neighbours of the byte (the borrow in the subtraction is where
    /// such tricks go wrong).
    @Test func matchesExactlyTheWordsThatHoldTheByte() {
        let fillers: [UInt8] = [0x00, 0x01, 0x2D, 0x2F, 0x7F, 0x80, 0xC3, 0xE1, 0xFF]
        for target in [UInt8(0x2E), 0x21, 0x3F, 0xE2, 0x22, 0xC2, 0x00, 0xFF] {
            for filler in fillers {
                for position in -1..<8 {
                    var bytes = [UInt8](repeating: filler, count: 8)
                    if position >= 0 { bytes[position] = target }
                    bytes[(position + 3 + 8) % 8] = target &+ 1
                    let word = bytes.withUnsafeBufferPointer { ByteWords.load($0, at: 0) }
                    #expect((ByteWords.matches(word, target) != 0) == bytes.contains(target),
                            "target \(target) filler \(filler) position \(position)")
                }
            }
        }
    }

    /// The zero-byte flags and the below test, byte by byte, for every byte value at
    /// every position between neighbours that provoke borrows and carries.
    @Test func zeroFlagsAndTheBelowTestAreExact() {
        let fillers: [UInt8] = [0x00, 0x01, 0x1F, 0x20, 0x7F, 0x80, 0x81, 0xFF]
        for value in 0...255 {
            for filler in fillers {
                for position in 0..<8 {
                    var bytes = [UInt8](repeating: filler, count: 8)
                    bytes[position] = UInt8(value)
                    let word = UInt64(littleEndian: bytes.withUnsafeBufferPointer { ByteWords.load($0, at: 0) })
                    let flags = (0..<8).map { UInt8(truncatingIfNeeded: ByteWords.zeroBytes(word) >> (8 * $0)) }
                    #expect(flags == bytes.map { $0 == 0 ? 0x80 : 0 }, "value \(value) filler \(filler) position \(position)")
                    #expect((ByteWords.hasByte(word, below: 0x20) != 0) == bytes.contains { $0 < 0x20 },
                            "value \(value) filler \(filler) position \(position)")
                }
            }
        }
    }

    @Test func byteSumAddsEveryByte() {
        let words: [UInt64] = [0, 1, 0xFF, 0xFFFF_FFFF_FFFF_FFFF, 0x0102_0304_0506_0708, 0x8000_0000_0000_0080, 0x7F80_FF01_00FE_8081]
        for word in words {
            let expected = (0..<8).reduce(0) { $0 + Int((word >> (8 * UInt64($1))) & 0xFF) }
            #expect(ByteWords.byteSum(word) == expected, "\(String(word, radix: 16))")
        }
    }
}
