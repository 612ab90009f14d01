import NLP

/// The L2-regularized training objective of a linear model over a sparse matrix,
/// scaled as in scikit-learn and LIBLINEAR:
///
///     f(W, b) = C · Σᵢ lossᵢ(xᵢ·W + b) + ½‖W‖²
///
/// where `lossᵢ` is the row's weighted ``MarginLoss`` and the biases b are not
/// penalized. The variables are laid out as ``LinearModel`` stores them: the weights
/// feature-major (`point[feature * labelCount + label]`), then the `labelCount` biases.
///
/// Work runs over row blocks of about equal non-zero counts, one per thread; each block
/// accumulates its part of the gradient in its own buffer and the buffers are added in
/// block order, so the results are bit-identical for the same `threads`.
///
/// The objective caches the margins of the current point, so a line search costs one
/// sparse product `X·d` for the direction d (in ``beginLineSearch(at:direction:)``) and
/// O(rows × labels) per trial step; a gradient costs one sparse product `Xᵀ·r`. It
/// also supplies L-BFGS with a diagonal preconditioner, the inverse of the Hessian's
/// diagonal at the current point (one more sparse pass when asked).
///
/// - Complexity: one evaluation is O(nnz × labels) time; memory is
///   (threads − 1) × features × labels `Float`s of gradient buffers plus
///   2 × rows × labels `Double`s of margins.
public final class LinearObjective<Loss: MarginLoss>: Objective {
    /// The training rows.
    public let matrix: SparseMatrix
    /// The per-row loss.
    public let loss: Loss
    /// The weight C of the loss against the penalty ½‖W‖².
    public let c: Double
    /// Columns of ``matrix``.
    public let featureCount: Int
    /// Margins per row, from the loss.
    public let labelCount: Int
    /// Number of weights, `featureCount × labelCount` (the biases follow them).
    public var weightCount: Int { featureCount * labelCount }
    /// Number of variables: the weights, then one bias per label.
    public var dimension: Int { weightCount + labelCount }

    /// Row ranges of about equal non-zero counts, one per thread.
    let rowBlocks: [Range<Int>]
    let math: VectorMath
    /// `x·W + b` at the current point, rows × labels.
    private var margins: ContiguousArray<Double>
    /// `x·d_W + d_b` along the line-search direction.
    private var lineMargins: ContiguousArray<Double>
    private var weightNormSquared = 0.0
    private var weightDotDirection = 0.0
    private var directionNormSquared = 0.0
    /// Gradient buffers of blocks 1, 2, … (block 0 writes into the caller's gradient).
    private var blockGradients: [UnsafeMutableBufferPointer<Float>] = []

    /// - Parameters:
    ///   - matrix: the training rows (`matrix.rowCount == loss.rowCount`).
    ///   - loss: the per-row loss, which fixes the number of labels.
    ///   - c: the inverse regularization strength C > 0.
    ///   - threads: number of row blocks and cores.
    public init(matrix: SparseMatrix, loss: Loss, c: Double, threads: Int = defaultThreadCount) {
        precondition(matrix.rowCount == loss.rowCount, "the loss must cover every row")
        precondition(c > 0 && c.isFinite, "C must be positive")
        self.matrix = matrix
        self.loss = loss
        self.c = c
        self.featureCount = matrix.columnCount
        self.labelCount = loss.labelCount
        let threads = max(1, min(threads, max(1, matrix.rowCount)))
        self.rowBlocks = LinearObjective.balancedBlocks(matrix, parts: threads)
        self.math = VectorMath(threads: threads)
        self.margins = ContiguousArray(repeating: 0, count: matrix.rowCount * loss.labelCount)
        self.lineMargins = ContiguousArray(repeating: 0, count: matrix.rowCount * loss.labelCount)
    }

    deinit {
        for buffer in blockGradients { buffer.deallocate() }
    }

    /// Splits the rows into `parts` contiguous ranges with about equal non-zeros.
    static func balancedBlocks(_ matrix: SparseMatrix, parts: Int) -> [Range<Int>] {
        let rows = matrix.rowCount, total = matrix.nonzeroCount
        var bounds = [0]
        for part in 1..<max(1, parts) {
            // First row whose start reaches the part's share of the non-zeros.
            let target = total * part / parts
            var low = bounds.last!, high = rows
            while low < high {
                let mid = (low + high) / 2
                if matrix.rowStarts[mid] < target { low = mid + 1 } else { high = mid }
            }
            bounds.append(low)
        }
        bounds.append(rows)
        return (0..<(bounds.count - 1)).map { bounds[$0]..<bounds[$0 + 1] }
    }

    // MARK: Objective

    /// f and ∇f at `point`: one sparse product for the margins, one for the gradient.
    public func evaluate(at point: UnsafeBufferPointer<Float>, gradient: UnsafeMutableBufferPointer<Float>) -> Double {
        precondition(point.count == dimension && gradient.count == dimension)
        margins.withUnsafeMutableBufferPointer { computeMargins(of: point, into: $0) }
        return valueAndGradient(at: point, gradient: gradient)
    }

    /// Caches the direction's margins `x·d_W + d_b` (one sparse product) and the dot
    /// products W·d_W and ‖d_W‖²; always returns `true`.
    public func beginLineSearch(at point: UnsafeBufferPointer<Float>, direction: UnsafeBufferPointer<Float>) -> Bool {
        lineMargins.withUnsafeMutableBufferPointer { computeMargins(of: direction, into: $0) }
        let weights = UnsafeBufferPointer(rebasing: point[0..<weightCount])
        let directionWeights = UnsafeBufferPointer(rebasing: direction[0..<weightCount])
        weightDotDirection = math.dot(weights, directionWeights)
        directionNormSquared = math.squaredNorm(directionWeights)
        return true
    }

    /// φ(α) and φ′(α) from the cached margins: O(rows × labels), no sparse product.
    public func lineValue(step: Double) -> (value: Double, slope: Double) {
        let k = labelCount
        let parts: [(loss: Double, slope: Double)] = margins.withUnsafeBufferPointer { margins in
            lineMargins.withUnsafeBufferPointer { line in
                parallelMap(rowBlocks.count) { block in
                    withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * k) { scratch in
                        let trial = scratch.baseAddress!, derivative = trial + k
                        var lossSum = 0.0, slopeSum = 0.0
                        for row in rowBlocks[block] {
                            let base = row * k
                            for label in 0..<k { trial[label] = margins[base + label] + step * line[base + label] }
                            lossSum += loss.loss(row: row, margins: trial, derivative: derivative)
                            for label in 0..<k { slopeSum += derivative[label] * line[base + label] }
                        }
                        return (lossSum, slopeSum)
                    }
                }
            }
        }
        var lossSum = 0.0, slopeSum = 0.0
        for part in parts { lossSum += part.loss; slopeSum += part.slope }
        let value = c * lossSum + 0.5 * weightNormSquared + step * weightDotDirection
            + 0.5 * step * step * directionNormSquared
        let slope = c * slopeSum + weightDotDirection + step * directionNormSquared
        return (value, slope)
    }

    /// Moves the cached margins along the line and computes ∇f there: one sparse
    /// product.
    public func completeStep(_ step: Double, at point: UnsafeBufferPointer<Float>,
                             gradient: UnsafeMutableBufferPointer<Float>) -> Double {
        margins.withUnsafeMutableBufferPointer { margins in
            lineMargins.withUnsafeBufferPointer { line in
                for index in 0..<margins.count { margins[index] += step * line[index] }
            }
        }
        return valueAndGradient(at: point, gradient: gradient)
    }

    /// 1 / (1 + C·Σᵢ xᵢⱼ²·hᵢₖ) for weight (j, k) and 1 / (C·Σᵢ hᵢₖ) for bias k, where
    /// hᵢₖ is the loss's curvature at the current margins: the inverse of the
    /// Hessian's diagonal. One pass over the non-zeros.
    public func diagonalPreconditioner(into diagonal: UnsafeMutableBufferPointer<Float>) -> Bool {
        precondition(diagonal.count == dimension)
        let k = labelCount, weightCount = weightCount, c = c
        allocateBlockGradients()
        let blockGradients = blockGradients
        let parts: [[Double]] = matrix.rowStarts.withUnsafeBufferPointer { rowStarts in
            matrix.columns.withUnsafeBufferPointer { columns in
                matrix.values.withUnsafeBufferPointer { values in
                    margins.withUnsafeBufferPointer { margins in
                        parallelMap(rowBlocks.count) { block in
                            let target = block == 0 ? diagonal.baseAddress! : blockGradients[block - 1].baseAddress!
                            UnsafeMutableBufferPointer(start: target, count: weightCount).update(repeating: 0)
                            var biases = [Double](repeating: 0, count: k)
                            withUnsafeTemporaryAllocation(of: Double.self, capacity: k) { curvature in
                                withUnsafeTemporaryAllocation(of: Float.self, capacity: k) { scaled in
                                    for row in rowBlocks[block] {
                                        loss.curvature(row: row, margins: margins.baseAddress! + row * k,
                                                       into: curvature.baseAddress!)
                                        for label in 0..<k {
                                            biases[label] += curvature[label]
                                            scaled[label] = Float(c * curvature[label])
                                        }
                                        rowScatter(columns: columns.baseAddress!, values: values.baseAddress!,
                                                   entries: rowStarts[row]..<rowStarts[row + 1],
                                                   residual: scaled.baseAddress!, labelCount: k, squared: true,
                                                   into: target)
                                    }
                                }
                            }
                            return biases
                        }
                    }
                }
            }
        }
        let weightPart = UnsafeMutableBufferPointer(rebasing: diagonal[0..<weightCount])
        for buffer in blockGradients { math.addScaled(1, UnsafeBufferPointer(buffer), to: weightPart) }
        for index in 0..<weightCount { weightPart[index] = 1 / (1 + weightPart[index]) }
        for label in 0..<k {
            var total = 0.0
            for part in parts { total += part[label] }
            diagonal[weightCount + label] = total > 0 ? Float(1 / (c * total)) : 1
        }
        return true
    }

    // MARK: Sparse products

    /// Writes `x·W + b` of every row into `out` (rows × labels), for `point` = (W, b).
    /// O(nnz × labels) on all row blocks.
    func computeMargins(of point: UnsafeBufferPointer<Float>, into out: UnsafeMutableBufferPointer<Double>) {
        precondition(point.count == dimension && out.count == matrix.rowCount * labelCount)
        let k = labelCount, weightCount = weightCount
        matrix.rowStarts.withUnsafeBufferPointer { rowStarts in
            matrix.columns.withUnsafeBufferPointer { columns in
                matrix.values.withUnsafeBufferPointer { values in
                    _ = parallelMap(rowBlocks.count) { block in
                        withUnsafeTemporaryAllocation(of: Float.self, capacity: k) { sums in
                            for row in rowBlocks[block] {
                                rowProduct(columns: columns.baseAddress!, values: values.baseAddress!,
                                           entries: rowStarts[row]..<rowStarts[row + 1],
                                           weights: point.baseAddress!, labelCount: k, into: sums.baseAddress!)
                                for label in 0..<k {
                                    out[row * k + label] = Double(sums[label]) + Double(point[weightCount + label])
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private func allocateBlockGradients() {
        while blockGradients.count < rowBlocks.count - 1 {
            let buffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: weightCount)
            buffer.initialize(repeating: 0)
            blockGradients.append(buffer)
        }
    }

    /// f and ∇f at `point` from the cached margins of `point`.
    private func valueAndGradient(at point: UnsafeBufferPointer<Float>,
                                  gradient: UnsafeMutableBufferPointer<Float>) -> Double {
        let k = labelCount, weightCount = weightCount, c = c
        allocateBlockGradients()
        let blockGradients = blockGradients
        let parts: [(loss: Double, biases: [Double])] = matrix.rowStarts.withUnsafeBufferPointer { rowStarts in
            matrix.columns.withUnsafeBufferPointer { columns in
                matrix.values.withUnsafeBufferPointer { values in
                    margins.withUnsafeBufferPointer { margins in
                        parallelMap(rowBlocks.count) { block in
                            // Block 0 starts from the penalty's gradient W, the others from 0.
                            let target = block == 0 ? gradient.baseAddress! : blockGradients[block - 1].baseAddress!
                            if block == 0 {
                                target.update(from: point.baseAddress!, count: weightCount)
                            } else {
                                UnsafeMutableBufferPointer(start: target, count: weightCount).update(repeating: 0)
                            }
                            var biases = [Double](repeating: 0, count: k)
                            var lossSum = 0.0
                            withUnsafeTemporaryAllocation(of: Double.self, capacity: k) { derivative in
                                withUnsafeTemporaryAllocation(of: Float.self, capacity: k) { residual in
                                    for row in rowBlocks[block] {
                                        lossSum += loss.loss(row: row, margins: margins.baseAddress! + row * k,
                                                             derivative: derivative.baseAddress!)
                                        var active = false
                                        for label in 0..<k {
                                            biases[label] += derivative[label]
                                            residual[label] = Float(c * derivative[label])
                                            active = active || derivative[label] != 0
                                        }
                                        if active {
                                            rowScatter(columns: columns.baseAddress!, values: values.baseAddress!,
                                                       entries: rowStarts[row]..<rowStarts[row + 1],
                                                       residual: residual.baseAddress!, labelCount: k, into: target)
                                        }
                                    }
                                }
                            }
                            return (lossSum, biases)
                        }
                    }
                }
            }
        }
        let weightGradient = UnsafeMutableBufferPointer(rebasing: gradient[0..<weightCount])
        for buffer in blockGradients { math.addScaled(1, UnsafeBufferPointer(buffer), to: weightGradient) }
        var lossSum = 0.0
        var biases = [Double](repeating: 0, count: k)
        for part in parts {
            lossSum += part.loss
            for label in 0..<k { biases[label] += part.biases[label] }
        }
        for label in 0..<k { gradient[weightCount + label] = Float(c * biases[label]) }
        weightNormSquared = math.squaredNorm(UnsafeBufferPointer(rebasing: point[0..<weightCount]))
        return c * lossSum + 0.5 * weightNormSquared
    }
}

/// `sums[label] = Σⱼ values[j] · weights[columns[j] * labelCount + label]` over `entries`:
/// one sparse row times a feature-major weight matrix, in `Float`. Labels go in SIMD
/// groups of 8, then 4, then one by one.
@inline(__always)
func rowProduct(columns: UnsafePointer<Int32>, values: UnsafePointer<Float>, entries: Range<Int>,
                weights: UnsafePointer<Float>, labelCount k: Int, into sums: UnsafeMutablePointer<Float>) {
    let raw = UnsafeRawPointer(weights)
    var label = 0
    while label + 8 <= k {
        var sum = SIMD8<Float>()
        for entry in entries {
            let offset = (Int(columns[entry]) &* k &+ label) &* 4
            sum += values[entry] * raw.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
        }
        UnsafeMutableRawPointer(sums + label).storeBytes(of: sum, as: SIMD8<Float>.self)
        label += 8
    }
    if label + 4 <= k {
        var sum = SIMD4<Float>()
        for entry in entries {
            let offset = (Int(columns[entry]) &* k &+ label) &* 4
            sum += values[entry] * raw.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self)
        }
        UnsafeMutableRawPointer(sums + label).storeBytes(of: sum, as: SIMD4<Float>.self)
        label += 4
    }
    while label < k {
        var sum: Float = 0
        for entry in entries { sum += values[entry] * weights[Int(columns[entry]) &* k &+ label] }
        sums[label] = sum
        label += 1
    }
}

/// `target[columns[j] * labelCount + label] += values[j] · residual[label]` over
/// `entries` (`values[j]²` when `squared`): adds one sparse row's outer product with
/// `residual` to a feature-major gradient. Labels go in SIMD groups of 8, then 4, then
/// one by one.
@inline(__always)
func rowScatter(columns: UnsafePointer<Int32>, values: UnsafePointer<Float>, entries: Range<Int>,
                residual: UnsafePointer<Float>, labelCount k: Int, squared: Bool = false,
                into target: UnsafeMutablePointer<Float>) {
    @inline(__always) func value(_ entry: Int) -> Float { squared ? values[entry] * values[entry] : values[entry] }
    let raw = UnsafeMutableRawPointer(target)
    var label = 0
    while label + 8 <= k {
        let r = UnsafeRawPointer(residual + label).loadUnaligned(as: SIMD8<Float>.self)
        for entry in entries {
            let offset = (Int(columns[entry]) &* k &+ label) &* 4
            let current = UnsafeRawPointer(raw).loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            raw.storeBytes(of: current + value(entry) * r, toByteOffset: offset, as: SIMD8<Float>.self)
        }
        label += 8
    }
    if label + 4 <= k {
        let r = UnsafeRawPointer(residual + label).loadUnaligned(as: SIMD4<Float>.self)
        for entry in entries {
            let offset = (Int(columns[entry]) &* k &+ label) &* 4
            let current = UnsafeRawPointer(raw).loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self)
            raw.storeBytes(of: current + value(entry) * r, toByteOffset: offset, as: SIMD4<Float>.self)
        }
        label += 4
    }
    while label < k {
        let r = residual[label]
        for entry in entries { target[Int(columns[entry]) &* k &+ label] += value(entry) * r }
        label += 1
    }
}
