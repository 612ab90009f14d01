import Foundation
import NLP
@testable import Train

/// Test data comes from the library's own seedable generator.
typealias SeededGenerator = SplitMix64

/// Which loss a reference problem uses.
enum LossKind { case softmax, logistic, squaredHinge }

/// A small training problem kept both as a `SparseMatrix` and densely in `Double`,
/// with a straightforward reference implementation of the objective.
struct ReferenceProblem {
    var matrix: SparseMatrix
    var dense: [[Double]]
    var labelCount: Int
    var classes: [Int]
    var indicators: [Bool]
    var rowWeights: [Double]
    var c: Double

    var featureCount: Int { matrix.columnCount }
    var dimension: Int { (featureCount + 1) * labelCount }

    /// `rows` random rows with about `density` of `features` columns set; class of a row
    /// drawn from a noisy linear rule so that the problem is learnable but not separable
    /// (unless `separable`).
    static func random(rows: Int, features: Int, labels: Int, density: Double = 0.4, c: Double = 1,
                       separable: Bool = false, seed: UInt64) -> ReferenceProblem {
        var generator = SeededGenerator(seed: seed)
        var matrix = SparseMatrix(columnCount: features)
        var dense: [[Double]] = []
        var classes: [Int] = []
        let truth = (0..<(features * labels)).map { _ in Double.random(in: -2...2, using: &generator) }
        for _ in 0..<rows {
            var entries: [(Int32, Float)] = []
            var row = [Double](repeating: 0, count: features)
            for column in 0..<features where Double.random(in: 0..<1, using: &generator) < density {
                // Values on a 1/64 grid, exact in Float.
                let value = Float(Int.random(in: -64...64, using: &generator)) / 64
                if value != 0 { entries.append((Int32(column), value)); row[column] = Double(value) }
            }
            matrix.appendRow(entries)
            dense.append(row)
            var scores = (0..<labels).map { label in (0..<features).reduce(0.0) { $0 + row[$1] * truth[$1 * labels + label] } }
            if !separable { for label in 0..<labels { scores[label] += Double.random(in: -1.5...1.5, using: &generator) } }
            classes.append(scores.indices.max { scores[$0] < scores[$1] }!)
        }
        var indicators = [Bool](repeating: false, count: rows * labels)
        for (row, label) in classes.enumerated() { indicators[row * labels + label] = true }
        let weights = (0..<rows).map { _ in Double(Int.random(in: 1...4, using: &generator)) / 2 }
        return ReferenceProblem(matrix: matrix, dense: dense, labelCount: labels, classes: classes,
                                indicators: indicators, rowWeights: weights, c: c)
    }

    /// Margins of every row at θ = (W feature-major, b), in `Double`.
    func margins(_ theta: [Double]) -> [[Double]] {
        let k = labelCount, bias = featureCount * k
        return dense.map { row in
            (0..<k).map { label in
                var sum = theta[bias + label]
                for feature in 0..<featureCount where row[feature] != 0 { sum += row[feature] * theta[feature * k + label] }
                return sum
            }
        }
    }

    /// f(θ) = C·Σ sᵢ·lossᵢ + ½‖W‖² and its gradient, computed naively in `Double`.
    func valueAndGradient(_ theta: [Double], kind: LossKind) -> (Double, [Double]) {
        let k = labelCount, bias = featureCount * k
        var value = 0.0
        var gradient = [Double](repeating: 0, count: dimension)
        for index in 0..<bias { value += 0.5 * theta[index] * theta[index]; gradient[index] = theta[index] }
        for (row, m) in margins(theta).enumerated() {
            let s = rowWeights[row]
            var derivative = [Double](repeating: 0, count: k)
            switch kind {
            case .softmax:
                let top = m.max()!
                let total = m.reduce(0) { $0 + exp($1 - top) }
                value += c * s * (log(total) + top - m[classes[row]])
                for label in 0..<k { derivative[label] = s * (exp(m[label] - top) / total - (label == classes[row] ? 1 : 0)) }
            case .logistic:
                for label in 0..<k {
                    let y = indicators[row * k + label] ? 1.0 : -1.0
                    value += c * s * log(1 + exp(-y * m[label]))
                    derivative[label] = -s * y / (1 + exp(y * m[label]))
                }
            case .squaredHinge:
                for label in 0..<k {
                    let y = indicators[row * k + label] ? 1.0 : -1.0
                    let violation = max(0, 1 - y * m[label])
                    value += c * s * violation * violation
                    derivative[label] = -2 * s * y * violation
                }
            }
            for label in 0..<k {
                gradient[bias + label] += c * derivative[label]
                for feature in 0..<featureCount where dense[row][feature] != 0 {
                    gradient[feature * k + label] += c * derivative[label] * dense[row][feature]
                }
            }
        }
        return (value, gradient)
    }

    /// The optimum by Newton's method in `Double`, with the Hessian from central
    /// differences of the analytic gradient. For softmax the biases are fixed up to a
    /// common constant; the term ½(Σb)² (zero at the solutions L-BFGS finds from b = 0)
    /// picks the one with Σb = 0.
    func newtonOptimum(kind: LossKind, iterations: Int = 50) -> [Double] {
        let n = dimension, bias = featureCount * labelCount
        func full(_ theta: [Double]) -> (Double, [Double]) {
            var (value, gradient) = valueAndGradient(theta, kind: kind)
            if kind == .softmax {
                let total = theta[bias...].reduce(0, +)
                value += 0.5 * total * total
                for label in 0..<labelCount { gradient[bias + label] += total }
            }
            return (value, gradient)
        }
        var theta = [Double](repeating: 0, count: n)
        for _ in 0..<iterations {
            let (value, gradient) = full(theta)
            if gradient.map(abs).max()! < 1e-11 { break }
            var hessian = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
            let h = 1e-5
            for j in 0..<n {
                var plus = theta, minus = theta
                plus[j] += h; minus[j] -= h
                let (gp, gm) = (full(plus).1, full(minus).1)
                for i in 0..<n { hessian[i][j] = (gp[i] - gm[i]) / (2 * h) }
            }
            let step = solveLinearSystem(hessian, gradient.map { -$0 })
            // Backtrack on the (convex) objective.
            var t = 1.0
            while t > 1e-8 {
                let candidate = zip(theta, step).map { $0 + t * $1 }
                if full(candidate).0 <= value { theta = candidate; break }
                t /= 2
            }
        }
        return theta
    }
}

/// Solves A·x = b by Gaussian elimination with partial pivoting.
func solveLinearSystem(_ a: [[Double]], _ b: [Double]) -> [Double] {
    var a = a, b = b
    let n = b.count
    for column in 0..<n {
        let pivot = (column..<n).max { abs(a[$0][column]) < abs(a[$1][column]) }!
        a.swapAt(column, pivot); b.swapAt(column, pivot)
        for row in (column + 1)..<n where a[row][column] != 0 {
            let factor = a[row][column] / a[column][column]
            for k in column..<n { a[row][k] -= factor * a[column][k] }
            b[row] -= factor * b[column]
        }
    }
    var x = [Double](repeating: 0, count: n)
    for row in stride(from: n - 1, through: 0, by: -1) {
        var sum = b[row]
        for k in (row + 1)..<n { sum -= a[row][k] * x[k] }
        x[row] = sum / a[row][row]
    }
    return x
}

/// Value and gradient of an `Objective` at a `Double` point (rounded to `Float`).
func evaluateObjective(_ objective: some Objective, at point: [Double]) -> (Double, [Double]) {
    let x = ContiguousArray(point.map { Float($0) })
    var gradient = ContiguousArray<Float>(repeating: 0, count: objective.dimension)
    let value = x.withUnsafeBufferPointer { x in
        gradient.withUnsafeMutableBufferPointer { objective.evaluate(at: x, gradient: $0) }
    }
    return (value, gradient.map { Double($0) })
}

/// The largest |aᵢ − bᵢ| relative to max(1, max |bᵢ|).
func relativeError(_ a: [Double], _ b: [Double]) -> Double {
    let scale = max(1, b.map(abs).max() ?? 0)
    return zip(a, b).map { abs($0 - $1) }.max()! / scale
}

/// Checks `loss(row:margins:derivative:)` against central differences in `Double` at
/// random margins (some large, to exercise the stable branches); returns the largest
/// relative error.
func derivativeError(of loss: some MarginLoss, seed: UInt64) -> Double {
    var generator = SeededGenerator(seed: seed)
    let k = loss.labelCount
    var worst = 0.0
    for row in 0..<loss.rowCount {
        let scale = row % 3 == 0 ? 30.0 : 3.0
        var margins = (0..<k).map { _ in Double.random(in: -scale...scale, using: &generator) }
        var derivative = [Double](repeating: 0, count: k), scratch = [Double](repeating: 0, count: k)
        _ = loss.loss(row: row, margins: margins, derivative: &derivative)
        let h = 1e-6
        for label in 0..<k {
            let saved = margins[label]
            margins[label] = saved + h
            let plus = loss.loss(row: row, margins: margins, derivative: &scratch)
            margins[label] = saved - h
            let minus = loss.loss(row: row, margins: margins, derivative: &scratch)
            margins[label] = saved
            let numeric = (plus - minus) / (2 * h)
            worst = max(worst, abs(numeric - derivative[label]) / max(1, abs(derivative[label])))
        }
    }
    return worst
}

/// Central differences of an objective's value in `Float` coordinates (steps of 1/64,
/// exact) against its gradient at `point`, over every coordinate; returns the largest
/// error relative to max(1, ‖∇f‖∞).
func finiteDifferenceError(of objective: some Objective, at point: [Double]) -> Double {
    let (_, gradient) = evaluateObjective(objective, at: point)
    let h = 1.0 / 64
    var numeric = [Double]()
    for index in point.indices {
        var plus = point, minus = point
        plus[index] += h; minus[index] -= h
        numeric.append((evaluateObjective(objective, at: plus).0 - evaluateObjective(objective, at: minus).0) / (2 * h))
    }
    return relativeError(numeric, gradient)
}

/// A random point on a 1/64 grid (exact in `Float`).
func randomPoint(dimension: Int, seed: UInt64) -> [Double] {
    var generator = SeededGenerator(seed: seed)
    return (0..<dimension).map { _ in Double(Int.random(in: -64...64, using: &generator)) / 64 }
}

/// Checks `curvature(row:margins:into:)` against central differences of the derivative
/// in `Double` at random margins; returns the largest relative error.
func curvatureError(of loss: some MarginLoss, seed: UInt64) -> Double {
    var generator = SeededGenerator(seed: seed)
    let k = loss.labelCount
    var worst = 0.0
    for row in 0..<loss.rowCount {
        var margins = (0..<k).map { _ in Double.random(in: -4...4, using: &generator) }
        var curvature = [Double](repeating: 0, count: k)
        loss.curvature(row: row, margins: margins, into: &curvature)
        var plus = [Double](repeating: 0, count: k), minus = [Double](repeating: 0, count: k)
        let h = 1e-6
        for label in 0..<k {
            let saved = margins[label]
            margins[label] = saved + h
            _ = loss.loss(row: row, margins: margins, derivative: &plus)
            margins[label] = saved - h
            _ = loss.loss(row: row, margins: margins, derivative: &minus)
            margins[label] = saved
            let numeric = (plus[label] - minus[label]) / (2 * h)
            worst = max(worst, abs(numeric - curvature[label]) / max(1, abs(curvature[label])))
        }
    }
    return worst
}
