import Foundation

/// A sigmoid that turns a classifier's margin m into a probability,
/// `p = σ(a·m + b) = 1 / (1 + exp(−(a·m + b)))` (Platt scaling).
///
/// Platt's paper writes `1 / (1 + exp(A·m + B))`; here a = −A and b = −B, so a > 0 for
/// a useful classifier and the values go straight into ``LinearModel``'s `plattA`/`plattB`.
public struct PlattSigmoid: Sendable, Equatable {
    /// Slope on the margin.
    public var a: Double
    /// Offset.
    public var b: Double

    /// The sigmoid σ(a·m + b).
    public init(a: Double, b: Double) {
        self.a = a
        self.b = b
    }

    /// σ(a·m + b).
    public func probability(margin: Double) -> Double {
        let z = a * margin + b
        return z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
    }
}

/// Fits a ``PlattSigmoid`` to margins and binary outcomes by maximum likelihood with
/// Platt's smoothed targets, `(N₊ + 1) / (N₊ + 2)` for positives and `1 / (N₋ + 2)`
/// for negatives, which keep the fit finite on separable data.
///
/// The solver is Newton's method with a backtracking line search and a tiny ridge on
/// the Hessian (Lin, Lin & Weng, "A note on Platt's probabilistic outputs for support
/// vector machines", 2007), in `Double`. It stops when both gradient components are
/// below 10⁻⁸ × rows (the mean gradient below 10⁻⁸) or after `maxIterations`.
///
/// - Parameters:
///   - margins: the classifier's margin of each row.
///   - positives: whether each row belongs to the class.
/// - Complexity: O(rows) per Newton iteration; usually under 10 iterations.
public func fitPlattSigmoid(margins: [Double], positives: [Bool], maxIterations: Int = 100) -> PlattSigmoid {
    precondition(margins.count == positives.count)
    let positiveCount = positives.filter { $0 }.count
    let negativeCount = positives.count - positiveCount
    let high = Double(positiveCount + 1) / Double(positiveCount + 2)
    let low = 1 / Double(negativeCount + 2)
    let targets = positives.map { $0 ? high : low }

    /// −log-likelihood at (a, b): Σ log(1 + e^z) − t·z with z = a·m + b.
    func negativeLogLikelihood(_ a: Double, _ b: Double) -> Double {
        var total = 0.0
        for index in margins.indices {
            let z = a * margins[index] + b
            total += (z >= 0 ? z + log1p(exp(-z)) : log1p(exp(z))) - targets[index] * z
        }
        return total
    }

    var a = 0.0
    var b = log(Double(positiveCount + 1) / Double(negativeCount + 1))
    var value = negativeLogLikelihood(a, b)
    let tolerance = 1e-8 * Double(max(1, margins.count))
    for _ in 0..<maxIterations {
        // Gradient and Hessian of the negative log-likelihood.
        var ga = 0.0, gb = 0.0, haa = 1e-12, hab = 0.0, hbb = 1e-12
        for index in margins.indices {
            let m = margins[index]
            let z = a * m + b
            let p = z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
            let residual = p - targets[index], curvature = p * (1 - p)
            ga += residual * m; gb += residual
            haa += curvature * m * m; hab += curvature * m; hbb += curvature
        }
        if abs(ga) < tolerance && abs(gb) < tolerance { break }
        let determinant = haa * hbb - hab * hab
        let da = -(hbb * ga - hab * gb) / determinant
        let db = -(haa * gb - hab * ga) / determinant
        let slope = ga * da + gb * db
        var step = 1.0
        var moved = false
        while step >= 1e-10 {
            let candidate = negativeLogLikelihood(a + step * da, b + step * db)
            // Near the optimum the decrease drowns in rounding: take full Newton steps
            // that do not increase the objective beyond it.
            if candidate < value + 1e-4 * step * slope || (step == 1 && candidate <= value + 1e-13 * abs(value)) {
                a += step * da; b += step * db; value = candidate
                moved = true
                break
            }
            step /= 2
        }
        if !moved { break }
    }
    return PlattSigmoid(a: a, b: b)
}
