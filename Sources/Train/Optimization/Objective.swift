/// A smooth function f: ℝⁿ → ℝ over `Float` vectors, to be minimized by
/// ``minimizeLBFGS(_:from:options:progress:)``. It supplies its value and gradient,
/// and optionally a fast restriction to a line for the line search, in the style of
/// LIBLINEAR's `function` class (`fun`, `grad`, `linesearch_and_update`).
///
/// The optimizer calls the methods in this order: ``evaluate(at:gradient:)`` once at
/// the starting point; then per iteration, when ``beginLineSearch(at:direction:)``
/// returns `true`, any number of ``lineValue(step:)`` calls followed by one
/// ``completeStep(_:at:gradient:)`` (or another ``beginLineSearch(at:direction:)`` when
/// the search failed). A conforming type may therefore cache what it
/// computed at the current point (for linear models: the margins `x·W + b`) and reuse it.
/// An objective is used by one optimizer at a time.
public protocol Objective: AnyObject {
    /// Number of variables n.
    var dimension: Int { get }

    /// Returns f(`point`) and writes ∇f(`point`) into `gradient` (both of length
    /// ``dimension``). The point becomes the current point.
    func evaluate(at point: UnsafeBufferPointer<Float>, gradient: UnsafeMutableBufferPointer<Float>) -> Double

    /// Prepares φ(α) = f(`point` + α·`direction`) for ``lineValue(step:)``, where
    /// `point` is the current point. Returns `false` when the objective has no cheaper
    /// way to evaluate φ than a full ``evaluate(at:gradient:)`` per trial (the
    /// default); the optimizer then does that.
    func beginLineSearch(at point: UnsafeBufferPointer<Float>, direction: UnsafeBufferPointer<Float>) -> Bool

    /// φ(`step`) and φ′(`step`) on the line prepared by ``beginLineSearch(at:direction:)``.
    func lineValue(step: Double) -> (value: Double, slope: Double)

    /// Writes a positive approximation of the inverse of the Hessian's diagonal at the
    /// current point into `diagonal`, for the optimizer to use as its initial inverse
    /// Hessian (preconditioner); returns `false` when there is none (the default).
    func diagonalPreconditioner(into diagonal: UnsafeMutableBufferPointer<Float>) -> Bool

    /// Called after the optimizer moved `point` from the current point by `step` along
    /// the prepared direction: returns f(`point`), writes ∇f(`point`) into `gradient`,
    /// and makes `point` the current point. The default calls ``evaluate(at:gradient:)``.
    func completeStep(_ step: Double, at point: UnsafeBufferPointer<Float>,
                      gradient: UnsafeMutableBufferPointer<Float>) -> Double
}

/// Defaults for objectives without a line restriction or a preconditioner.
extension Objective {
    /// `false`: no line restriction.
    public func beginLineSearch(at point: UnsafeBufferPointer<Float>, direction: UnsafeBufferPointer<Float>) -> Bool {
        false
    }

    /// Never called when ``beginLineSearch(at:direction:)`` returns `false`.
    public func lineValue(step: Double) -> (value: Double, slope: Double) {
        fatalError("lineValue(step:) needs beginLineSearch(at:direction:) to return true")
    }

    /// `false`: no preconditioner.
    public func diagonalPreconditioner(into diagonal: UnsafeMutableBufferPointer<Float>) -> Bool { false }

    /// A full ``evaluate(at:gradient:)``.
    public func completeStep(_ step: Double, at point: UnsafeBufferPointer<Float>,
                             gradient: UnsafeMutableBufferPointer<Float>) -> Double {
        evaluate(at: point, gradient: gradient)
    }
}
