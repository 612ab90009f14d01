/// The lengths of the syllable n-grams a vectorizer uses as features, `lower...upper`.
/// The default 1–2 makes words such as *đảng viên*, *chi bộ*, *kết nạp* features.
public struct NGramRange: Codable, Sendable, Equatable, CustomStringConvertible {
    public var lower: Int
    public var upper: Int

    public init(_ lower: Int = 1, _ upper: Int = 2) {
        precondition(lower >= 1 && upper >= lower && upper <= Analyzer.maximumNGram, "n-gram range must be 1 ≤ lower ≤ upper ≤ \(Analyzer.maximumNGram)")
        self.lower = lower
        self.upper = upper
    }

    /// Parses `"1-2"` or `"2"`; `nil` when the text is not a valid range.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard let first = parts.first, let lower = first, parts.count <= 2 else { return nil }
        let upper = parts.count == 2 ? parts[1] : lower
        guard let upper, lower >= 1, upper >= lower, upper <= Analyzer.maximumNGram else { return nil }
        self.init(lower, upper)
    }

    public var description: String { lower == upper ? "\(lower)" : "\(lower)-\(upper)" }
}
