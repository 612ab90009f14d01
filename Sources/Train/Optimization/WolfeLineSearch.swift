/// The constants of the strong Wolfe conditions on a step α along a descent direction:
///
/// - sufficient decrease (Armijo): φ(α) ≤ φ(0) + `sufficientDecrease`·α·φ′(0);
/// - curvature: |φ′(α)| ≤ `curvature`·|φ′(0)|,
///
/// with 0 < `sufficientDecrease` < `curvature` < 1. The defaults are the usual ones
/// for quasi-Newton methods (Nocedal & Wright, *Numerical Optimization*, §3.1).
public struct WolfeConditions: Sendable, Equatable {
    /// c₁ of the sufficient-decrease condition.
    public var sufficientDecrease: Double
    /// c₂ of the curvature condition.
    public var curvature: Double
    /// Give up after this many evaluations of φ.
    public var maxEvaluations: Int

    /// Conditions with c₁ = `sufficientDecrease`, c₂ = `curvature`, and a budget of
    /// `maxEvaluations` trials.
    public init(sufficientDecrease: Double = 1e-4, curvature: Double = 0.9, maxEvaluations: Int = 30) {
        precondition(0 < sufficientDecrease && sufficientDecrease < curvature && curvature < 1)
        precondition(maxEvaluations >= 1)
        self.sufficientDecrease = sufficientDecrease
        self.curvature = curvature
        self.maxEvaluations = maxEvaluations
    }
}

/// What a line search found.
public struct LineSearchStep: Sendable, Equatable {
    /// The step α.
    public var step: Double
    /// φ(α).
    public var value: Double
    /// φ′(α).
    public var slope: Double
    /// Number of evaluations of φ.
    public var evaluations: Int
    /// `true` when α satisfies both strong Wolfe conditions; `false` when the search
    /// ran out of evaluations and returns the best step found, which satisfies only
    /// sufficient decrease.
    public var satisfiesWolfe: Bool
}

/// Finds a step α > 0 satisfying the strong Wolfe conditions for φ(α) = f(x + α·d),
/// by bracketing and then zooming with safeguarded cubic interpolation (Nocedal &
/// Wright, Algorithms 3.5 and 3.6).
///
/// - Parameters:
///   - value: φ(0).
///   - slope: φ′(0), which must be negative (d is a descent direction).
///   - initialStep: the first trial α (1 for quasi-Newton directions).
///   - phi: returns φ(α) and φ′(α); a non-finite value counts as "too far".
/// - Returns: the step, or `nil` when no trial decreased φ (the direction is not a
///   usable descent direction at the precision of φ).
/// - Complexity: at most `conditions.maxEvaluations` calls of `phi`.
public func strongWolfeLineSearch(value phi0: Double, slope slope0: Double, initialStep: Double,
                                  conditions: WolfeConditions = WolfeConditions(),
                                  _ phi: (Double) -> (value: Double, slope: Double)) -> LineSearchStep? {
    precondition(slope0 < 0, "the line search needs a descent direction")
    let c1 = conditions.sufficientDecrease, c2 = conditions.curvature
    var evaluations = 0
    /// Trials that satisfy sufficient decrease and lower φ, the best kept as a fallback.
    var best: LineSearchStep?

    func trial(_ step: Double) -> (value: Double, slope: Double, armijo: Bool) {
        let (value, slope) = phi(step)
        evaluations += 1
        let armijo = value <= phi0 + c1 * step * slope0 && value.isFinite && slope.isFinite
        if armijo && value < phi0 && value < (best?.value ?? .infinity) {
            best = LineSearchStep(step: step, value: value, slope: slope, evaluations: 0, satisfiesWolfe: false)
        }
        return (value, slope, armijo)
    }
    func accepted(_ step: Double, _ value: Double, _ slope: Double) -> LineSearchStep {
        LineSearchStep(step: step, value: value, slope: slope, evaluations: evaluations, satisfiesWolfe: true)
    }
    func fallback() -> LineSearchStep? {
        guard var result = best else { return nil }
        result.evaluations = evaluations
        return result
    }

    // Bracketing: grow α until the interval (previous, α) must contain acceptable steps.
    var previous = (step: 0.0, value: phi0, slope: slope0)
    var step = initialStep
    var lo = previous, hi = previous
    var bracketed = false
    while evaluations < conditions.maxEvaluations {
        let (value, slope, armijo) = trial(step)
        if !armijo || (evaluations > 1 && value >= previous.value) {
            lo = previous; hi = (step, value, slope)
            bracketed = true
            break
        }
        if abs(slope) <= -c2 * slope0 { return accepted(step, value, slope) }
        if slope >= 0 {
            lo = (step, value, slope); hi = previous
            bracketed = true
            break
        }
        // Still descending: extrapolate, at least doubling and at most ×10.
        let guess = cubicMinimizer(previous.step, previous.value, previous.slope, step, value, slope)
        let next = guess.isFinite && guess > step ? min(max(guess, 2 * step), 10 * step) : 4 * step
        previous = (step, value, slope)
        step = next
    }
    guard bracketed else { return fallback() }

    // Zoom: lo satisfies sufficient decrease with the lowest φ so far, and
    // φ′(lo)·(hi − lo) < 0, so an acceptable step lies between them.
    while evaluations < conditions.maxEvaluations {
        let width = hi.step - lo.step
        if abs(width) <= 1e-14 * max(abs(lo.step), abs(hi.step)) { break }
        var candidate = hi.value.isFinite && hi.slope.isFinite
            ? cubicMinimizer(lo.step, lo.value, lo.slope, hi.step, hi.value, hi.slope)
            : .nan
        // Keep the trial inside the middle 80% of the interval; bisect otherwise.
        let inner = (min(lo.step, hi.step) + 0.1 * abs(width), max(lo.step, hi.step) - 0.1 * abs(width))
        if !candidate.isFinite || candidate < inner.0 || candidate > inner.1 { candidate = lo.step + 0.5 * width }
        let (value, slope, armijo) = trial(candidate)
        if !armijo || value >= lo.value {
            hi = (candidate, value, slope)
        } else {
            if abs(slope) <= -c2 * slope0 { return accepted(candidate, value, slope) }
            if slope * (hi.step - lo.step) >= 0 { hi = lo }
            lo = (candidate, value, slope)
        }
    }
    return fallback()
}

/// The minimizer of the cubic interpolating φ and φ′ at `a` and `b` (NaN when the
/// cubic has no minimizer).
func cubicMinimizer(_ a: Double, _ fa: Double, _ da: Double, _ b: Double, _ fb: Double, _ db: Double) -> Double {
    let d1 = da + db - 3 * (fa - fb) / (a - b)
    let discriminant = d1 * d1 - da * db
    guard discriminant >= 0 else { return .nan }
    let d2 = (b > a ? 1.0 : -1.0) * discriminant.squareRoot()
    let denominator = db - da + 2 * d2
    guard denominator != 0 else { return .nan }
    return b - (b - a) * (db + d2 - d1) / denominator
}
