import Dispatch

/// Settings of ``minimizeLBFGS(_:from:options:progress:)``.
public struct LBFGSOptions: Sendable, Equatable {
    /// Number m of correction pairs (s, y) kept. The history takes 2m vectors of the
    /// problem's dimension, the optimizer 2m + 3 besides the point (see
    /// ``minimizeLBFGS(_:from:options:progress:)``).
    public var memory: Int
    /// Stop after this many iterations (accepted steps).
    public var maxIterations: Int
    /// Stop when ‖∇f(xₖ)‖ ≤ `gradientTolerance`·‖∇f(x₀)‖.
    public var gradientTolerance: Double
    /// Stop when f decreased by at most `decreaseTolerance`·|fₖ| per iteration over the
    /// last `decreaseWindow` iterations: (fₖ₋ᵥ − fₖ) ≤ v·`decreaseTolerance`·|fₖ|.
    /// 0 disables this test.
    public var decreaseTolerance: Double
    /// The window v of the decrease test, in iterations.
    public var decreaseWindow: Int
    /// Line search constants.
    public var wolfe: WolfeConditions
    /// Cores for the dense vector work (see ``VectorMath``).
    public var threads: Int
    /// Recompute the objective's diagonal preconditioner every this many iterations
    /// (0: only at the start).
    public var preconditionerRefreshInterval: Int

    /// Options with the given values; the defaults suit a generic smooth objective.
    public init(memory: Int = 5, maxIterations: Int = 200, gradientTolerance: Double = 1e-4,
                decreaseTolerance: Double = 0, decreaseWindow: Int = 5,
                wolfe: WolfeConditions = WolfeConditions(), threads: Int = 1,
                preconditionerRefreshInterval: Int = 0) {
        precondition(memory >= 1 && maxIterations >= 0 && decreaseWindow >= 1)
        self.memory = memory
        self.maxIterations = maxIterations
        self.gradientTolerance = gradientTolerance
        self.decreaseTolerance = decreaseTolerance
        self.decreaseWindow = decreaseWindow
        self.wolfe = wolfe
        self.threads = threads
        self.preconditionerRefreshInterval = preconditionerRefreshInterval
    }
}

/// The state of an optimization after an iteration, for progress displays.
public struct OptimizerProgress: Sendable, Equatable {
    /// Accepted steps so far (0 = the starting point).
    public var iteration: Int
    /// The objective f(xₖ).
    public var value: Double
    /// ‖∇f(xₖ)‖₂.
    public var gradientNorm: Double
    /// Seconds since the optimizer started.
    public var elapsedSeconds: Double
}

/// Why an optimization stopped.
public enum StopReason: String, Sendable, Equatable {
    /// The relative gradient norm reached the tolerance.
    case gradientTolerance = "gradient-tolerance"
    /// The relative decrease of f fell below the tolerance.
    case decreaseTolerance = "decrease-tolerance"
    /// The iteration limit was reached first.
    case maxIterations = "max-iterations"
    /// No step along the search direction lowered f: the optimum has been reached to
    /// the precision at which f can be evaluated, or f is not smooth enough.
    case lineSearchFailed = "line-search-failed"
}

/// The outcome of ``minimizeLBFGS(_:from:options:progress:)``.
public struct LBFGSReport: Sendable, Equatable {
    /// Accepted steps.
    public var iterations: Int
    /// Evaluations of f (full evaluations plus line-search trials).
    public var evaluations: Int
    /// f at the returned point.
    public var value: Double
    /// ‖∇f‖₂ at the returned point.
    public var gradientNorm: Double
    /// What stopped the optimizer.
    public var stopReason: StopReason
    /// `true` when a tolerance test stopped the optimization.
    public var converged: Bool { stopReason == .gradientTolerance || stopReason == .decreaseTolerance }
}

/// Minimizes `objective` from `x` with limited-memory BFGS, overwriting `x` with the
/// minimizer found.
///
/// Each iteration computes the quasi-Newton direction d = −Hₖ∇f by the two-loop
/// recursion over the last m pairs sₖ = xₖ₊₁ − xₖ, yₖ = ∇fₖ₊₁ − ∇fₖ, with initial
/// inverse Hessian H₀ = γ·D, γ = sᵀy / yᵀDy for the newest pair, where D is the
/// objective's diagonal preconditioner (``Objective/diagonalPreconditioner(into:)``,
/// recomputed every `options.preconditionerRefreshInterval` iterations) or the identity.
/// It then takes a step satisfying the strong Wolfe conditions
/// (``strongWolfeLineSearch(value:slope:initialStep:conditions:_:)``; first trial
/// α = 1, except 1/‖∇f‖ on unpreconditioned steepest-descent steps). Pairs with
/// sᵀy ≤ 10⁻¹⁰·yᵀDy are skipped. When a line search finds no decrease along an L-BFGS
/// direction, the history is dropped and a (preconditioned) steepest-descent step is
/// tried before giving up.
///
/// Deterministic: the arithmetic depends only on the inputs and `options.threads`.
///
/// - Parameter progress: called after the starting point and after each iteration.
/// - Complexity: per iteration, O(m·n) dense work (about 4m + 12 BLAS passes over n
///   `Float`s) plus the objective's work; memory (2m + 3)·n `Float`s besides `x`, two
///   more with a preconditioner and one more when the objective has no line restriction.
@discardableResult
public func minimizeLBFGS(_ objective: some Objective, from x: inout ContiguousArray<Float>,
                          options: LBFGSOptions = LBFGSOptions(),
                          progress: ((OptimizerProgress) -> Void)? = nil) -> LBFGSReport {
    let n = objective.dimension
    precondition(x.count == n, "the starting point must have the objective's dimension")
    let start = DispatchTime.now().uptimeNanoseconds
    func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
    let math = VectorMath(threads: options.threads)

    var allocated: [UnsafeMutableBufferPointer<Float>] = []
    var unused: [UnsafeMutableBufferPointer<Float>] = []
    func newVector() -> UnsafeMutableBufferPointer<Float> {
        if let vector = unused.popLast() { return vector }
        let vector = UnsafeMutableBufferPointer<Float>.allocate(capacity: n)
        vector.initialize(repeating: 0)
        allocated.append(vector)
        return vector
    }
    defer { for vector in allocated { vector.deallocate() } }

    return x.withUnsafeMutableBufferPointer { x in
        var gradient = newVector()
        var spareGradient = newVector()
        var direction = newVector()
        var trialPoint: UnsafeMutableBufferPointer<Float>?
        // The history, oldest first: s, y, ρ = 1/sᵀy.
        var steps: [UnsafeMutableBufferPointer<Float>] = []
        var gradientChanges: [UnsafeMutableBufferPointer<Float>] = []
        var rho: [Double] = []
        func dropHistory() {
            unused += steps + gradientChanges
            steps.removeAll(); gradientChanges.removeAll(); rho.removeAll()
        }
        var alpha = [Double](repeating: 0, count: options.memory)
        var initialScale = 1.0

        var value = objective.evaluate(at: UnsafeBufferPointer(x), gradient: gradient)
        var evaluations = 1
        // H₀ = γ·D with the objective's diagonal preconditioner D, if it has one.
        var preconditioner: UnsafeMutableBufferPointer<Float>? = newVector()
        var scratch: UnsafeMutableBufferPointer<Float>?
        if objective.diagonalPreconditioner(into: preconditioner!) {
            scratch = newVector()
        } else {
            unused.append(preconditioner!)
            preconditioner = nil
        }
        let initialGradientNorm = math.norm(UnsafeBufferPointer(gradient))
        var gradientNorm = initialGradientNorm
        var recentValues = [value]
        var iteration = 0
        progress?(OptimizerProgress(iteration: 0, value: value, gradientNorm: gradientNorm, elapsedSeconds: elapsed()))

        func report(_ reason: StopReason) -> LBFGSReport {
            LBFGSReport(iterations: iteration, evaluations: evaluations, value: value,
                        gradientNorm: gradientNorm, stopReason: reason)
        }
        if gradientNorm == 0 || gradientNorm <= options.gradientTolerance * initialGradientNorm {
            return report(.gradientTolerance)
        }

        while true {
            if iteration >= options.maxIterations { return report(.maxIterations) }
            if let preconditioner, options.preconditionerRefreshInterval > 0, iteration > 0,
               iteration % options.preconditionerRefreshInterval == 0 {
                _ = objective.diagonalPreconditioner(into: preconditioner)
            }

            // Direction by the two-loop recursion, negated on the way: d = −H∇f.
            math.copy(UnsafeBufferPointer(gradient), to: direction)
            for index in stride(from: steps.count - 1, through: 0, by: -1) {
                alpha[index] = rho[index] * math.dot(UnsafeBufferPointer(steps[index]), UnsafeBufferPointer(direction))
                math.addScaled(Float(-alpha[index]), UnsafeBufferPointer(gradientChanges[index]), to: direction)
            }
            if let preconditioner { math.multiply(direction, byDiagonal: UnsafeBufferPointer(preconditioner)) }
            math.scale(direction, by: Float(-initialScale))
            for index in 0..<steps.count {
                let beta = rho[index] * math.dot(UnsafeBufferPointer(gradientChanges[index]), UnsafeBufferPointer(direction))
                math.addScaled(Float(-alpha[index] - beta), UnsafeBufferPointer(steps[index]), to: direction)
            }
            var slope = math.dot(UnsafeBufferPointer(gradient), UnsafeBufferPointer(direction))
            if !(slope < 0) || steps.isEmpty {
                // Not a descent direction (lost to rounding) or no history: steepest descent.
                dropHistory()
                math.copy(UnsafeBufferPointer(gradient), to: direction)
                if let preconditioner {
                    math.multiply(direction, byDiagonal: UnsafeBufferPointer(preconditioner))
                    math.scale(direction, by: -1)
                    slope = math.dot(UnsafeBufferPointer(gradient), UnsafeBufferPointer(direction))
                } else {
                    math.scale(direction, by: -1)
                    slope = -gradientNorm * gradientNorm
                }
            }

            // Line search along the direction.
            let steepest = steps.isEmpty
            let initialStep = steepest && preconditioner == nil ? 1 / gradientNorm : 1
            var searched: LineSearchStep?
            var lastTrialStep = Double.nan
            let restricted = objective.beginLineSearch(at: UnsafeBufferPointer(x), direction: UnsafeBufferPointer(direction))
            if restricted {
                searched = strongWolfeLineSearch(value: value, slope: slope, initialStep: initialStep,
                                                 conditions: options.wolfe) { step in
                    evaluations += 1
                    return objective.lineValue(step: step)
                }
            } else {
                let trial = trialPoint ?? newVector()
                trialPoint = trial
                searched = strongWolfeLineSearch(value: value, slope: slope, initialStep: initialStep,
                                                 conditions: options.wolfe) { step in
                    math.copy(UnsafeBufferPointer(x), to: trial)
                    math.addScaled(Float(step), UnsafeBufferPointer(direction), to: trial)
                    let trialValue = objective.evaluate(at: UnsafeBufferPointer(trial), gradient: spareGradient)
                    evaluations += 1
                    lastTrialStep = step
                    return (trialValue, math.dot(UnsafeBufferPointer(spareGradient), UnsafeBufferPointer(direction)))
                }
            }
            guard let found = searched else {
                if steepest { return report(.lineSearchFailed) }
                // Retry from steepest descent on the next pass.
                dropHistory()
                continue
            }

            // Move: x ← x + α·d, and the gradient there into the spare buffer.
            if restricted {
                math.addScaled(Float(found.step), UnsafeBufferPointer(direction), to: x)
                value = objective.completeStep(found.step, at: UnsafeBufferPointer(x), gradient: spareGradient)
            } else if let trial = trialPoint, found.step == lastTrialStep {
                math.copy(UnsafeBufferPointer(trial), to: x)
                value = found.value
            } else {
                math.addScaled(Float(found.step), UnsafeBufferPointer(direction), to: x)
                value = objective.evaluate(at: UnsafeBufferPointer(x), gradient: spareGradient)
                evaluations += 1
            }
            iteration += 1

            // New pair: s = α·d (in the direction buffer), y = ∇fₖ₊₁ − ∇fₖ (in the old gradient's buffer).
            math.scale(direction, by: Float(found.step))
            math.scale(gradient, by: -1)
            math.addScaled(1, UnsafeBufferPointer(spareGradient), to: gradient)
            let sy = math.dot(UnsafeBufferPointer(direction), UnsafeBufferPointer(gradient))
            let yy: Double   // yᵀ·D·y
            if let preconditioner, let scratch {
                math.copy(UnsafeBufferPointer(gradient), to: scratch)
                math.multiply(scratch, byDiagonal: UnsafeBufferPointer(preconditioner))
                yy = math.dot(UnsafeBufferPointer(gradient), UnsafeBufferPointer(scratch))
            } else {
                yy = math.squaredNorm(UnsafeBufferPointer(gradient))
            }
            let newGradient = spareGradient
            if sy > 1e-10 * yy && yy > 0 {
                steps.append(direction); gradientChanges.append(gradient); rho.append(1 / sy)
                initialScale = sy / yy
                if steps.count > options.memory {
                    direction = steps.removeFirst()
                    spareGradient = gradientChanges.removeFirst()
                    rho.removeFirst()
                } else {
                    direction = newVector()
                    spareGradient = newVector()
                }
            } else {
                spareGradient = gradient
            }
            gradient = newGradient
            gradientNorm = math.norm(UnsafeBufferPointer(gradient))

            progress?(OptimizerProgress(iteration: iteration, value: value, gradientNorm: gradientNorm, elapsedSeconds: elapsed()))
            if gradientNorm <= options.gradientTolerance * initialGradientNorm { return report(.gradientTolerance) }
            recentValues.append(value)
            if recentValues.count > options.decreaseWindow + 1 { recentValues.removeFirst() }
            if options.decreaseTolerance > 0, recentValues.count == options.decreaseWindow + 1,
               recentValues[0] - value <= Double(options.decreaseWindow) * options.decreaseTolerance * abs(value) {
                return report(.decreaseTolerance)
            }
        }
    }
}
