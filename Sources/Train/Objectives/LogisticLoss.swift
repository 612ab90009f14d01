import Foundation

/// One-vs-rest binary logistic loss: for each label k with target yₖ = ±1,
/// `sₖ · log(1 + exp(−yₖ·mₖ))`, summed over the labels; derivative
/// `−sₖ · yₖ · σ(−yₖ·mₖ)`.
///
/// The weight sₖ of a (row, label) pair is the row's sample weight times the weight of
/// the pair's side (positive or negative) of label k. Computed in `Double`, stable for
/// any margins.
public struct LogisticLoss: MarginLoss {
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
            let weight = rowWeight * (positive ? positiveWeights[label] : negativeWeights[label])
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
        let rowWeight = sampleWeights.isEmpty ? 1 : sampleWeights[row]
        for label in 0..<labelCount {
            let positive = indicators[row * labelCount + label]
            let weight = rowWeight * (positive ? positiveWeights[label] : negativeWeights[label])
            let e = Foundation.exp(-abs(margins[label]))
            curvature[label] = weight * e / ((1 + e) * (1 + e))
        }
    }
}
