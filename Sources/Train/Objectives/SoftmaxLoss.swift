import Foundation

/// The multinomial logistic (softmax cross-entropy) loss of single-label rows:
/// `sᵢ · (log Σₖ exp(mₖ) − m_yᵢ)`, with derivative `sᵢ · (pₖ − [k = yᵢ])` where
/// `p = softmax(m)`.
///
/// The row weight `sᵢ` is the product of the row's sample weight and its class's
/// weight. Computed in `Double`, stable for any margins (the largest margin is
/// subtracted before exponentiating).
public struct SoftmaxLoss: MarginLoss {
    /// The class of each row, in `0..<classCount`.
    public let classes: [Int32]
    /// Number of classes: margins per row.
    public let classCount: Int
    /// sᵢ per row.
    public let rowWeights: [Double]

    /// - Parameters:
    ///   - classes: the class of each row, each in `0..<classCount`.
    ///   - classCount: number of classes (margins per row), at least 2.
    ///   - classWeights: a weight per class (`nil`: all 1).
    ///   - sampleWeights: a weight per row (`nil`: all 1).
    /// - Complexity: O(rows).
    public init(classes: [Int], classCount: Int, classWeights: [Double]? = nil, sampleWeights: [Double]? = nil) {
        precondition(classCount >= 2, "softmax needs at least two classes")
        precondition(classes.allSatisfy { (0..<classCount).contains($0) }, "class index out of range")
        precondition(classWeights.map { $0.count == classCount } ?? true)
        precondition(sampleWeights.map { $0.count == classes.count } ?? true)
        self.classes = classes.map { Int32($0) }
        self.classCount = classCount
        self.rowWeights = classes.indices.map { row in
            (classWeights?[classes[row]] ?? 1) * (sampleWeights?[row] ?? 1)
        }
    }

    /// Number of rows.
    public var rowCount: Int { classes.count }
    /// Same as ``classCount``.
    public var labelCount: Int { classCount }

    @inline(__always)
    public func loss(row: Int, margins: UnsafePointer<Double>, derivative: UnsafeMutablePointer<Double>) -> Double {
        let k = classCount
        var top = margins[0]
        for label in 1..<k { top = Swift.max(top, margins[label]) }
        var total = 0.0
        for label in 0..<k {
            let e = Foundation.exp(margins[label] - top)
            derivative[label] = e
            total += e
        }
        let weight = rowWeights[row], target = Int(classes[row])
        let scale = weight / total
        for label in 0..<k { derivative[label] *= scale }
        derivative[target] -= weight
        return weight * (Foundation.log(total) + top - margins[target])
    }

    /// sᵢ·pₖ·(1 − pₖ).
    public func curvature(row: Int, margins: UnsafePointer<Double>, into curvature: UnsafeMutablePointer<Double>) {
        let k = classCount
        var top = margins[0]
        for label in 1..<k { top = Swift.max(top, margins[label]) }
        var total = 0.0
        for label in 0..<k {
            curvature[label] = Foundation.exp(margins[label] - top)
            total += curvature[label]
        }
        let weight = rowWeights[row]
        for label in 0..<k {
            let p = curvature[label] / total
            curvature[label] = weight * p * (1 - p)
        }
    }
}
