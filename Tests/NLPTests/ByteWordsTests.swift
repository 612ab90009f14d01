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
}
