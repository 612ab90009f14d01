import Foundation

/// One-vs-rest binary logistic loss: for each label k with target yₖ = ±1,
/// `sₖ · log(1 + exp(−yₖ·mₖ))`, summed over the labels; derivative
/// `−sₖ · yₖ · σ(−yₖ·mₖ)`.
///
/// The weight sₖ of a (row, label) pair is the row's sample weight times the weight of
/// the pair's side (positive or negative) of label k. Computed in `Double`, stable for
/// any margins.
public struct LogisticLoss: MarginLoss {
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
            let z = y * margins[label]
            // log(1 + e^(−z)) and σ(−z) = 1 / (1 + e^z), without overflow.
            let e = Foundation.exp(-abs(z))
            let loss = z >= 0 ? Foundation.log1p(e) : -z + Foundation.log1p(e)
            let sigmoidOfMinusZ = z >= 0 ? e / (1 + e) : 1 / (1 + e)
            total += weight * loss
            derivative[label] = -weight * y * sigmoidOfMinusZ
        }
        return total
    }

    /// sₖ·σ(mₖ)·(1 − σ(mₖ)).
    public func curvature(row: Int, margins: UnsafePointer<Double>, into curvature: UnsafeMutablePointer<Double>) {
        let rowWeight = targets.rowWeight(row)
        for label in 0..<labelCount {
            let weight = targets.target(row: row, label: label, rowWeight: rowWeight).weight
            let e = Foundation.exp(-abs(margins[label]))
            curvature[label] = weight * e / ((1 + e) * (1 + e))
        }
    }
}
