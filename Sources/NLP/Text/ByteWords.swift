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

    /// 0x80 in exactly the bytes of `word` that are zero. Unlike `matches`, no byte is
    /// flagged by a borrow from its neighbour, so the flags can be counted and shifted.
    @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        let lows = ~highs
        // Before the complement, a byte's high bit is set when its low seven bits are not
        // all zero (the addition cannot carry into the next byte) or its own high bit is.
        return ~(((word & lows) &+ lows) | word | lows)
    }

    /// Not zero exactly when one of the eight bytes of `word` is below `limit`, which
    /// must be at most 0x80 (the has-less-than test; exact for the word as a whole).
    @inline(__always)
    static func hasByte(_ word: UInt64, below limit: UInt8) -> UInt64 {
        (word &- ones &* UInt64(limit)) & ~word & highs
    }

    /// The sum of the eight bytes of `word`, read as counts.
    @inline(__always)
    static func byteSum(_ word: UInt64) -> Int {
        let pairs = (word & 0x00FF_00FF_00FF_00FF) &+ (word >> 8 & 0x00FF_00FF_00FF_00FF)
        // The multiplication adds the four 16-bit sums into the top one (at most 2,040).
        return Int(truncatingIfNeeded: (pairs &* 0x0001_0001_0001_0001) >> 48)
    }
}
