
/// One-vs-rest squared hinge loss (the L2-loss linear SVM): for each label k with
/// target yₖ = ±1, `sₖ · max(0, 1 − yₖ·mₖ)²`, summed over the labels; derivative
/// `−2·sₖ·yₖ·max(0, 1 − yₖ·mₖ)`. The loss is differentiable with a Lipschitz
/// gradient, so L-BFGS applies.
///
/// With ``LinearObjective`` this is LIBLINEAR's L2-regularized L2-loss SVC except that
/// the bias is not penalized; scikit-learn's `LinearSVC` penalizes its intercept (it
/// appends a constant feature `intercept_scaling` to every row), so its solution
/// differs slightly.
///
/// Weights are as in ``LogisticLoss``.
public struct SquaredHingeLoss: MarginLoss {
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

    @inline(__always)
    public func loss(row: Int, margins: UnsafePointer<Double>, derivative: UnsafeMutablePointer<Double>) -> Double {
        let rowWeight = sampleWeights.isEmpty ? 1 : sampleWeights[row]
        var total = 0.0
        for label in 0..<labelCount {
            let positive = indicators[row * labelCount + label]
            let y: Double = positive ? 1 : -1
            let violation = 1 - y * margins[label]
            if violation > 0 {
                let weight = rowWeight * (positive ? positiveWeights[label] : negativeWeights[label])
                total += weight * violation * violation
                derivative[label] = -2 * weight * y * violation
            } else {
                derivative[label] = 0
            }
        }
        return total
    }

    /// 2·sₖ where the margin is violated (1 − yₖ·mₖ > 0), else 0.
    public func curvature(row: Int, margins: UnsafePointer<Double>, into curvature: UnsafeMutablePointer<Double>) {
        let rowWeight = sampleWeights.isEmpty ? 1 : sampleWeights[row]
        for label in 0..<labelCount {
            let positive = indicators[row * labelCount + label]
            let y: Double = positive ? 1 : -1
            let weight = rowWeight * (positive ? positiveWeights[label] : negativeWeights[label])
            curvature[label] = 1 - y * margins[label] > 0 ? 2 * weight : 0
        }
    }
}
