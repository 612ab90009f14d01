
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
    /// Targets and weights.
    public let targets: OneVsRestTargets
    public var labelCount: Int { targets.labelCount }
    public var rowCount: Int { targets.rowCount }

    /// See ``OneVsRestTargets/init(indicators:labelCount:positiveWeights:negativeWeights:sampleWeights:)``.
    public init(indicators: [Bool], labelCount: Int, positiveWeights: [Double]? = nil,
                negativeWeights: [Double]? = nil, sampleWeights: [Double]? = nil) {
        targets = OneVsRestTargets(indicators: indicators, labelCount: labelCount, positiveWeights: positiveWeights,
                                   negativeWeights: negativeWeights, sampleWeights: sampleWeights)
    }

    @inline(__always)
    public func loss(row: Int, margins: UnsafePointer<Double>, derivative: UnsafeMutablePointer<Double>) -> Double {
        let rowWeight = targets.rowWeight(row)
        var total = 0.0
        for label in 0..<labelCount {
            let (y, weight) = targets.target(row: row, label: label, rowWeight: rowWeight)
            let violation = 1 - y * margins[label]
            if violation > 0 {
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
        let rowWeight = targets.rowWeight(row)
        for label in 0..<labelCount {
            let (y, weight) = targets.target(row: row, label: label, rowWeight: rowWeight)
            curvature[label] = 1 - y * margins[label] > 0 ? 2 * weight : 0
        }
    }
}
