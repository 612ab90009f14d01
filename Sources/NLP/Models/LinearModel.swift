import CacheHints
import CBLAS
import Foundation

/// A linear classifier at inference: weights, biases, and how margins become
/// probabilities.
///
/// Weights are stored feature-major (`weights[feature * labelCount + label]`), so
/// scoring a sparse row touches one contiguous run of `labelCount` floats per non-zero.
public struct LinearModel: Sendable {
    /// How the margins were trained, which decides how they become probabilities.
    public enum Kind: String, Codable, Sendable {
        /// Multinomial logistic regression: probabilities are the softmax of the margins.
        case softmax
        /// One logistic regression per label: each probability is the sigmoid of its margin.
        case oneVsRestLogistic = "one-vs-rest-logistic"
        /// One linear SVM (squared hinge) per label: each probability is a sigmoid of
        /// `plattA × margin + plattB`, fitted after training (Platt scaling).
        case oneVsRestSquaredHinge = "one-vs-rest-squared-hinge"
    }

    public var kind: Kind
    public let featureCount: Int
    public let labelCount: Int
    /// `featureCount × labelCount`, feature-major.
    public var weights: ContiguousArray<Float>
    /// One intercept per label.
    public var biases: ContiguousArray<Float>
    /// Platt scaling per label (SVM only; empty otherwise).
    public var plattA: ContiguousArray<Float>
    public var plattB: ContiguousArray<Float>

    public init(kind: Kind, featureCount: Int, labelCount: Int,
                weights: ContiguousArray<Float>, biases: ContiguousArray<Float>,
                plattA: ContiguousArray<Float> = [], plattB: ContiguousArray<Float> = []) {
        precondition(weights.count == featureCount * labelCount && biases.count == labelCount)
        precondition(kind != .oneVsRestSquaredHinge || (plattA.count == labelCount && plattB.count == labelCount))
        self.kind = kind
        self.featureCount = featureCount
        self.labelCount = labelCount
        self.weights = weights
        self.biases = biases
        self.plattA = plattA
        self.plattB = plattB
    }

    /// Margins `x·W + b` of one sparse row. O(nnz × labels).
    public func margins(columns: UnsafeBufferPointer<Int32>, values: UnsafeBufferPointer<Float>) -> [Float] {
        var result = Array(biases)
        let k = labelCount
        weights.withUnsafeBufferPointer { w in
            result.withUnsafeMutableBufferPointer { out in
                // Labels in SIMD lanes, eight or four at a time: one vector multiply and one
                // vector add per non-zero instead of one of each per label. Each lane does the
                // scalar loop's operations in its order (no fused multiply-add), so margins
                // do not change.
                var label = 0
                while label + 8 <= k {
                    LinearModel.accumulate(SIMD8<Float>.self, label: label, columns: columns, values: values, weights: w, labelCount: k, into: out)
                    label += 8
                }
                while label + 4 <= k {
                    LinearModel.accumulate(SIMD4<Float>.self, label: label, columns: columns, values: values, weights: w, labelCount: k, into: out)
                    label += 4
                }
                guard label < k else { return }
                for index in 0..<columns.count {
                    let base = Int(columns[index]) * k
                    let value = values[index]
                    for remaining in label..<k { out[remaining] += value * w[base + remaining] }
                }
            }
        }
        return result
    }

    /// How many non-zeros ahead ``margins(columns:values:)`` prefetches weight rows.
    static let prefetchDistance = 16

    /// Adds the row's products for labels `label..<label + V.scalarCount` into `out`.
    @inline(__always)
    private static func accumulate<V: SIMD>(_: V.Type, label: Int, columns: UnsafeBufferPointer<Int32>,
                                            values: UnsafeBufferPointer<Float>, weights: UnsafeBufferPointer<Float>,
                                            labelCount k: Int, into out: UnsafeMutableBufferPointer<Float>)
    where V.Scalar == Float {
        let lanes = V.scalarCount
        var sum = V(out[label..<label + lanes])
        let base = UnsafeRawPointer(weights.baseAddress! + label)
        let ahead = LinearModel.prefetchDistance
        for index in 0..<columns.count {
            // The rows of a large model are read in column order but far apart: fetch
            // ahead, as the lookups do (see InterleavedFeatureTable.appendValues).
            if index &+ ahead < columns.count {
                cache_prefetch(base + Int(columns[index &+ ahead]) &* k &* 4)
            }
            let row = base.loadUnaligned(fromByteOffset: Int(columns[index]) * k * 4, as: V.self)
            sum = sum + values[index] * row
        }
        for lane in 0..<lanes { out[label + lane] = sum[lane] }
    }

    /// Margins of a row given as (column, value) pairs.
    public func margins(_ row: [(Int32, Float)]) -> [Float] {
        // Plain loops: `row.map(\.0)` applies a key path per entry, which cost more than
        // the margins themselves.
        let columns = [Int32](unsafeUninitializedCapacity: row.count) { buffer, count in
            for index in row.indices { buffer[index] = row[index].0 }
            count = row.count
        }
        let values = [Float](unsafeUninitializedCapacity: row.count) { buffer, count in
            for index in row.indices { buffer[index] = row[index].1 }
            count = row.count
        }
        return columns.withUnsafeBufferPointer { c in values.withUnsafeBufferPointer { v in margins(columns: c, values: v) } }
    }

    /// Margins of every row of `matrix`: an `rows × labelCount` row-major array.
    public func margins(_ matrix: SparseMatrix) -> [Float] {
        var result = [Float](repeating: 0, count: matrix.rowCount * labelCount)
        matrix.columns.withUnsafeBufferPointer { columns in
            matrix.values.withUnsafeBufferPointer { values in
                for row in 0..<matrix.rowCount {
                    let range = matrix.rowStarts[row]..<matrix.rowStarts[row + 1]
                    let m = margins(columns: UnsafeBufferPointer(rebasing: columns[range]),
                                    values: UnsafeBufferPointer(rebasing: values[range]))
                    for label in 0..<labelCount { result[row * labelCount + label] = m[label] }
                }
            }
        }
        return result
    }

    /// Probabilities from margins: softmax (summing to 1) for ``Kind/softmax``, an
    /// independent sigmoid per label otherwise.
    public func probabilities(fromMargins margins: [Float]) -> [Float] {
        switch kind {
        case .softmax:
            let top = margins.max() ?? 0
            let exps = margins.map { Foundation.exp(Double($0 - top)) }
            let total = exps.reduce(0, +)
            return exps.map { Float($0 / total) }
        case .oneVsRestLogistic:
            return margins.map { LinearModel.sigmoid($0) }
        case .oneVsRestSquaredHinge:
            return margins.enumerated().map { LinearModel.sigmoid(plattA[$0.offset] * $0.element + plattB[$0.offset]) }
        }
    }

    /// The logistic function, computed stably for large |x|.
    @inline(__always)
    public static func sigmoid(_ x: Float) -> Float {
        x >= 0 ? 1 / (1 + Foundation.exp(-x)) : Foundation.exp(x) / (1 + Foundation.exp(x))
    }

    /// The weight of `feature` for `label`.
    public func weight(feature: Int, label: Int) -> Float { weights[feature * labelCount + label] }
}
