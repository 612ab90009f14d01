/// Tests on sixteen bytes of text at once, by lane arithmetic on `SIMD16<UInt8>`, for
/// scans that look for a few rare bytes. Compilers turn the arithmetic into vector
/// instructions; the SIMD comparison operators (`.==`) measured about a hundred times
/// slower, and ``ByteWords``' eight-byte tests about three times slower per byte.
///
/// A test leaves its answer for each byte in that byte's high bit, and every answer is
/// exact: lanes do not borrow from one another, unlike the eight bytes of a
/// `ByteWords` word.
enum ByteLanes {
    typealias Lanes = SIMD16<UInt8>

    /// Bytes per test.
    static let width = 16

    /// The sixteen bytes at `offset` of `base`, which must hold `offset + 16` bytes.
    @inline(__always)
    static func load(_ base: UnsafePointer<UInt8>, at offset: Int) -> Lanes {
        UnsafeRawPointer(base).loadUnaligned(fromByteOffset: offset, as: Lanes.self)
    }

    /// 0x80 in exactly the lanes of `lanes` that equal `byte`. For x = lane XOR byte,
    /// `x &- 1` has its high bit set when x is 0 or above 0x80, and `~x` rules out the
    /// second case.
    @inline(__always)
    static func equal(_ lanes: Lanes, _ byte: UInt8) -> Lanes {
        let x = lanes ^ Lanes(repeating: byte)
        return (x &- 1) & ~x
    }

    /// How many bytes of `bytes` are `byte`. O(n), sixteen bytes a step: each lane
    /// counts its matches, and the lanes are summed every 255 steps, before one can
    /// overflow.
    static func count(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var total = 0, offset = 0
        while offset + width <= bytes.count {
            let stepsEnd = min(bytes.count - width, offset + width * 254)
            var tally = Lanes(repeating: 0)
            while offset <= stepsEnd {
                tally &+= equal(load(base, at: offset), byte) &>> 7
                offset &+= width
            }
            total += Int(SIMD16<UInt16>(truncatingIfNeeded: tally).wrappedSum())
        }
        while offset < bytes.count {
            if base[offset] == byte { total += 1 }
            offset += 1
        }
        return total
    }

    /// Whether any lane of `flags` has its high bit set.
    @inline(__always)
    static func anyFlagged(_ flags: Lanes) -> Bool {
        let halves = unsafeBitCast(flags & 0x80, to: (UInt64, UInt64).self)
        return halves.0 | halves.1 != 0
    }

    /// The offset of the first lane of `flags` whose high bit is set, if any.
    @inline(__always)
    static func firstFlagged(_ flags: Lanes) -> Int? {
        let halves = unsafeBitCast(flags & 0x80, to: (UInt64, UInt64).self)
        // Little-endian order puts the first lane of a half in its lowest bits.
        let first = UInt64(littleEndian: halves.0), second = UInt64(littleEndian: halves.1)
        if first != 0 { return first.trailingZeroBitCount >> 3 }
        if second != 0 { return 8 + second.trailingZeroBitCount >> 3 }
        return nil
    }
}
