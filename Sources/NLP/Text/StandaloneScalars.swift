/// Scalars that never join a neighbour into one `Character` (extended grapheme
/// cluster): every precomposed Vietnamese letter, ASCII and the rest of Latin-1 and
/// Latin Extended, general punctuation and currency signs.
///
/// Byte-level code uses it to know when a byte offset between two such scalars is also
/// a Character boundary, so that it can split, compare or count on the bytes and leave
/// the rare other text (combining marks, joiners, emoji modifiers, prepended signs) to
/// the `String` definitions.
enum StandaloneScalars {
    /// Whether `scalar` is one of them. O(1).
    @inline(__always)
    static func contains(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x300 { return value != 0x0D && value != 0x0A }   // CR LF is one Character
        return (0x1E00...0x1EFF).contains(value) || (0x2010...0x205E).contains(value) || (0x20A0...0x20CF).contains(value)
    }
}
