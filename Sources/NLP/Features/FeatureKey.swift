/// The 64-bit keys that identify features in vocabularies and model files.
///
/// A unigram's key is FNV-1a over its normalized UTF-8 bytes followed by the
/// SplitMix64 finalizer; an n-gram's key folds its parts' keys left to right with
/// ``combine(_:_:)``. Keys are stored in model files, so this function is part of
/// the file format (`"featureHash": "fnv1a64-splitmix/1"`): changing it is a format change.
/// With a few million features the chance of any collision is below 10⁻⁶.
public enum FeatureKey {
    /// Names this hashing scheme in model headers.
    public static let scheme = "fnv1a64-splitmix/1"

    /// Key of a token's normalized UTF-8 bytes. Never 0 (0 marks empty slots).
    @inline(__always)
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h = offsetBasis
        for byte in bytes { h = add(byte, to: h) }
        return finalize(h)
    }

    /// FNV-1a's starting value.
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    /// FNV-1a's step: `h` extended by one byte.
    @inline(__always)
    static func add(_ byte: UInt8, to h: UInt64) -> UInt64 { (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }

    /// `h` extended by the `count` (1–4) bytes at `base[offset...]`.
    @inline(__always)
    static func add(_ base: UnsafePointer<UInt8>, _ offset: Int, _ count: Int, to h: UInt64) -> UInt64 {
        var h = add(base[offset], to: h)
        for next in 1..<count { h = add(base[offset + next], to: h) }
        return h
    }

    /// Key of `bytes` (allocating convenience for tests and tables).
    public static func hash(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBufferPointer { hash($0) }
    }

    /// Key of the n-gram whose first parts have key `prefix`, extended by `next`.
    @inline(__always)
    public static func combine(_ prefix: UInt64, _ next: UInt64) -> UInt64 {
        finalize((prefix &* 0x9E37_79B9_7F4A_7C15) ^ (next &+ 0x632B_E59B_D9B4_E019))
    }

    @inline(__always)
    static func finalize(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return z == 0 ? 1 : z
    }
}
