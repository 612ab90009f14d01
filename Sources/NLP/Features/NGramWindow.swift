/// The keys of the last few tokens of a phrase, from which each new token's n-grams
/// are folded (``FeatureKey/combine(_:_:)``, left to right). n-grams never span a
/// phrase break.
///
/// A value with the four keys in a tuple, so that it lives in registers: the analyzer
/// pushes every token through it, and an array or a callback per n-gram cost more
/// than the folding itself.
struct NGramWindow {
    /// The shortest and longest n-gram, 1 ≤ lower ≤ upper ≤ ``Analyzer/maximumNGram``.
    let lower: Int
    let upper: Int
    /// The last four keys, oldest first.
    private var recent: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    /// How many of them belong to the current phrase (at most `upper`).
    private var filled = 0

    init(_ range: NGramRange) {
        lower = range.lower
        upper = range.upper
    }

    /// Takes the next token's key and calls `feature(key, n)` for each n-gram that ends
    /// at it, shorter ones first. O(upper²) folds at worst; one or two for the default
    /// range of 1–2.
    @inline(__always)
    mutating func push(_ key: UInt64, startsPhrase: Bool, _ feature: (UInt64, Int) -> Void) {
        if startsPhrase { filled = 0 }
        recent = (recent.1, recent.2, recent.3, key)
        if filled < upper { filled += 1 }
        if lower == 1 { feature(key, 1) }
        guard filled >= 2 else { return }
        if lower <= 2 { feature(FeatureKey.combine(recent.2, key), 2) }
        guard filled >= 3 else { return }
        if lower <= 3 { feature(FeatureKey.combine(FeatureKey.combine(recent.1, recent.2), key), 3) }
        guard filled >= 4 else { return }
        feature(FeatureKey.combine(FeatureKey.combine(FeatureKey.combine(recent.0, recent.1), recent.2), key), 4)
    }
}
