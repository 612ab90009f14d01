import Dispatch
import Foundation
import NLP

/// Progress of a fit, reported after each optimizer iteration.
public typealias FitProgress = OptimizerProgress

/// A fitted model and how the fit went.
public struct FitResult: Sendable {
    /// The fitted classifier, weights in `x`'s column order.
    public var model: LinearModel
    /// L-BFGS iterations done.
    public var iterations: Int
    /// The objective C·Σᵢ sᵢ·lossᵢ + ½‖W‖² at the returned weights.
    public var objective: Double
    /// Mean log-loss on the training rows (unweighted), in nats: −log p(yᵢ) for
    /// softmax; the binary log-loss averaged over rows × labels for one-vs-rest
    /// logistic regression; `nil` for the SVM.
    public var trainingLogLoss: Double?
    /// Whether a tolerance test stopped the optimizer (rather than the iteration limit
    /// or a failed line search).
    public var converged: Bool
    /// What stopped the optimizer.
    public var stopReason: StopReason
    /// Wall-clock seconds of the whole fit, Platt scaling included.
    public var seconds: Double
}

/// Fits a linear classifier to the rows of `x` by minimizing
/// C·Σᵢ sᵢ·lossᵢ(xᵢ·W + b) + ½‖W‖² with L-BFGS (``minimizeLBFGS(_:from:options:progress:)``)
/// from W = 0, b = 0, where sᵢ comes from `options.classWeight`:
///
/// - ``LinearModel/Kind/softmax``: multinomial logistic regression (``SoftmaxLoss``);
///   needs ``Targets/singleLabel(classes:classCount:)``. This is scikit-learn's
///   `LogisticRegression(C=c)` objective (lbfgs, multinomial, intercept unpenalized).
/// - ``LinearModel/Kind/oneVsRestLogistic``: one binary logistic regression per label
///   (``LogisticLoss``).
/// - ``LinearModel/Kind/oneVsRestSquaredHinge``: one L2-loss linear SVM per label
///   (``SquaredHingeLoss``; unlike scikit-learn's `LinearSVC`, the intercept is not
///   penalized), then a ``PlattSigmoid`` per label fitted on the training margins
///   (``fitPlattSigmoid(margins:positives:maxIterations:)``).
///
/// One-vs-rest labels are optimized jointly, as one problem whose objective is the sum
/// of the independent per-label objectives: the optimum is the same as fitting them
/// one by one, and one pass over `x` serves all labels.
///
/// How: the columns are renumbered by decreasing frequency for cache locality
/// (``FeatureOrder``) and the weights mapped back at the end; L-BFGS uses the
/// objective's diagonal preconditioner, refreshed every 5 iterations, and line
/// searches with the strong Wolfe curvature constant 0.1 (trials are cheap: see
/// ``LinearObjective``). Deterministic for a given `options.threads`.
///
/// - Parameters:
///   - x: training rows (e.g. TF-IDF); the model gets `x.columnCount` features.
///   - progress: called on the calling thread after every iteration.
/// - Complexity: per iteration about two passes over the non-zeros × labels plus
///   O(m) dense passes over features × labels, on `options.threads` cores. Memory:
///   a copy of `x`'s non-zeros (8 bytes each) and about (2m + 5 + threads) vectors of
///   features × labels `Float`s, for L-BFGS memory m.
public func fitLinearModel(_ x: SparseMatrix, targets: Targets, options: FitOptions = FitOptions(),
                           progress: ((FitProgress) -> Void)? = nil) -> FitResult {
    precondition(targets.rowCount == x.rowCount, "one target per row")
    precondition(x.rowCount > 0, "no training rows")
    precondition(options.c > 0 && options.maxIterations >= 0 && options.lbfgsMemory >= 1)
    let start = DispatchTime.now().uptimeNanoseconds
    let labelCount = targets.labelCount
    let order = FeatureOrder(byFrequencyIn: x)
    let renumbered = order.apply(to: x, threads: options.threads)
    var result: FitResult

    switch options.kind {
    case .softmax:
        guard case .singleLabel(let classes, let classCount) = targets else {
            preconditionFailure("softmax models need single-label targets")
        }
        let weights = options.classWeight == .balanced ? balancedClassWeights(classes: classes, classCount: classCount) : nil
        let loss = SoftmaxLoss(classes: classes, classCount: classCount, classWeights: weights)
        let fit = optimize(LinearObjective(matrix: renumbered, loss: loss, c: options.c, threads: options.threads),
                           order: order, options: options, progress: progress)
        result = fit.result
        result.trainingLogLoss = meanSoftmaxLogLoss(margins: fit.margins, classes: classes, classCount: classCount)

    case .oneVsRestLogistic:
        let indicators = targets.indicators
        let (positive, negative) = sideWeights(indicators, labelCount: labelCount, options.classWeight)
        let loss = LogisticLoss(indicators: indicators, labelCount: labelCount,
                                positiveWeights: positive, negativeWeights: negative)
        let fit = optimize(LinearObjective(matrix: renumbered, loss: loss, c: options.c, threads: options.threads),
                           order: order, options: options, progress: progress)
        result = fit.result
        var total = 0.0
        for index in fit.margins.indices {
            let z = (indicators[index] ? 1.0 : -1.0) * fit.margins[index]
            total += z >= 0 ? log1p(exp(-z)) : -z + log1p(exp(z))
        }
        result.trainingLogLoss = total / Double(fit.margins.count)

    case .oneVsRestSquaredHinge:
        let indicators = targets.indicators
        let (positive, negative) = sideWeights(indicators, labelCount: labelCount, options.classWeight)
        let loss = SquaredHingeLoss(indicators: indicators, labelCount: labelCount,
                                    positiveWeights: positive, negativeWeights: negative)
        let fit = optimize(LinearObjective(matrix: renumbered, loss: loss, c: options.c, threads: options.threads),
                           order: order, options: options, progress: progress)
        result = fit.result
        let sigmoids = parallelMap(labelCount) { label in
            fitPlattSigmoid(margins: stride(from: label, to: fit.margins.count, by: labelCount).map { fit.margins[$0] },
                            positives: stride(from: label, to: indicators.count, by: labelCount).map { indicators[$0] })
        }
        result.model.plattA = ContiguousArray(sigmoids.map { Float($0.a) })
        result.model.plattB = ContiguousArray(sigmoids.map { Float($0.b) })
    }
    result.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return result
}

/// The balanced weights of each label's positive and negative rows, or `nil`s.
private func sideWeights(_ indicators: [Bool], labelCount: Int,
                         _ weighting: ClassWeighting) -> (positive: [Double]?, negative: [Double]?) {
    guard weighting == .balanced else { return (nil, nil) }
    let weights = balancedBinaryWeights(indicators: indicators, labelCount: labelCount)
    return (weights.positive, weights.negative)
}

/// Mean −log softmax(m)[yᵢ] over the rows of `margins` (rows × classCount).
private func meanSoftmaxLogLoss(margins: [Double], classes: [Int], classCount: Int) -> Double {
    var total = 0.0
    for (row, label) in classes.enumerated() {
        let base = row * classCount
        var top = -Double.infinity
        for index in base..<(base + classCount) { top = max(top, margins[index]) }
        var sum = 0.0
        for index in base..<(base + classCount) { sum += exp(margins[index] - top) }
        total += log(sum) + top - margins[base + label]
    }
    return total / Double(classes.count)
}

/// Minimizes `objective` (over the renumbered features of `order`) from zero and packs
/// the result with the weights in the original feature order; also returns the training
/// margins at the solution (rows × labels), recomputed from the final weights.
private func optimize<Loss: MarginLoss>(_ objective: LinearObjective<Loss>, order: FeatureOrder, options: FitOptions,
                                        progress: ((FitProgress) -> Void)?) -> (result: FitResult, margins: [Double]) {
    var point = ContiguousArray<Float>(repeating: 0, count: objective.dimension)
    // Line-search trials cost O(rows × labels) here, so searching more exactly
    // (c₂ = 0.1) is cheap and saves iterations; so does following the curvature with a
    // preconditioner refreshed every 5 iterations.
    let lbfgs = LBFGSOptions(memory: options.lbfgsMemory, maxIterations: options.maxIterations,
                             gradientTolerance: options.tolerance, decreaseTolerance: options.tolerance,
                             decreaseWindow: 5, wolfe: WolfeConditions(curvature: 0.1), threads: options.threads,
                             preconditionerRefreshInterval: 5)
    let report = minimizeLBFGS(objective, from: &point, options: lbfgs, progress: progress)
    var margins = [Double](repeating: 0, count: objective.matrix.rowCount * objective.labelCount)
    point.withUnsafeBufferPointer { point in
        margins.withUnsafeMutableBufferPointer { objective.computeMargins(of: point, into: $0) }
    }
    let labels = objective.labelCount, weightCount = objective.weightCount
    let svm = options.kind == .oneVsRestSquaredHinge
    let model = LinearModel(
        kind: options.kind, featureCount: objective.featureCount, labelCount: labels,
        weights: order.restore(point[0..<weightCount], labelCount: labels),
        biases: ContiguousArray(point[weightCount...]),
        plattA: svm ? ContiguousArray(repeating: 1, count: labels) : [],
        plattB: svm ? ContiguousArray(repeating: 0, count: labels) : [])
    let result = FitResult(model: model, iterations: report.iterations, objective: report.value, trainingLogLoss: nil,
                           converged: report.converged, stopReason: report.stopReason, seconds: 0)
    return (result, margins)
}
