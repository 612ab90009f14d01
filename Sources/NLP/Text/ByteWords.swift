/// Tests on eight bytes of text at once (SWAR: SIMD within a register), for scans that
/// look for a few rare bytes: most of a text can then be skipped a word at a time
/// instead of comparing every byte.
enum ByteWords {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes at `offset` of `bytes`, which must hold `offset + 8` bytes.
    @inline(__always)
    static func load(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt64 {
        UnsafeRawPointer(bytes.baseAddress!).loadUnaligned(fromByteOffset: offset, as: UInt64.self)
    }

    /// Not zero exactly when one of the eight bytes of `word` is `byte`: the classic
    /// "has a zero byte" test on `word` XOR `byte` repeated. Masks for several bytes
    /// are OR-ed together and tested once.
    @inline(__always)
    static func matches(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let v = word ^ (ones &* UInt64(byte))
        return (v &- ones) & ~v & highs
    }
}
