/// The targets and weights of a one-vs-rest problem, shared by the binary losses
/// (``LogisticLoss``, ``SquaredHingeLoss``): for each (row, label) pair, whether the
/// row has the label (target +1) or not (−1), and the pair's weight sₖ — the row's
/// sample weight times the weight of the pair's side (positive or negative) of label k.
public struct OneVsRestTargets: Sendable {
    /// Targets, rows × labels, row-major: `true` = the row has the label.
    public let indicators: [Bool]
    /// Number of labels: margins per row.
    public let labelCount: Int
    /// Number of rows.
    public let rowCount: Int
    /// Per label: the weight of rows that have it.
    public let positiveWeights: [Double]
    /// Per label: the weight of rows that do not have it.
    public let negativeWeights: [Double]
    /// Per row (empty: all 1).
    public let sampleWeights: [Double]

    /// - Parameters:
    ///   - indicators: rows × `labelCount` targets, row-major.
    ///   - labelCount: number of labels, at least 1.
    ///   - positiveWeights, negativeWeights: per label (`nil`: all 1).
    ///   - sampleWeights: per row (`nil`: all 1).
    public init(indicators: [Bool], labelCount: Int, positiveWeights: [Double]? = nil,
                negativeWeights: [Double]? = nil, sampleWeights: [Double]? = nil) {
        precondition(labelCount >= 1 && indicators.count % labelCount == 0)
        self.indicators = indicators
        self.labelCount = labelCount
        self.rowCount = indicators.count / labelCount
        self.positiveWeights = positiveWeights ?? Array(repeating: 1, count: labelCount)
        self.negativeWeights = negativeWeights ?? Array(repeating: 1, count: labelCount)
        self.sampleWeights = sampleWeights ?? []
        precondition(self.positiveWeights.count == labelCount && self.negativeWeights.count == labelCount)
        precondition(self.sampleWeights.isEmpty || self.sampleWeights.count == rowCount)
    }

    /// The weight of `row` as a whole (1 without sample weights).
    @inline(__always)
    public func rowWeight(_ row: Int) -> Double { sampleWeights.isEmpty ? 1 : sampleWeights[row] }

    /// The target yₖ (±1) of `row` for `label`, and its weight sₖ given the row's weight.
    @inline(__always)
    public func target(row: Int, label: Int, rowWeight: Double) -> (y: Double, weight: Double) {
        let positive = indicators[row * labelCount + label]
        return (positive ? 1 : -1, rowWeight * (positive ? positiveWeights[label] : negativeWeights[label]))
    }
}
