/// The loss of one training row as a function of a linear model's margins
/// `m = x·W + b` (one per label), with the row's sample weights already applied.
/// ``LinearObjective`` sums it over the rows and adds the L2 penalty.
///
/// Conforming types: ``SoftmaxLoss``, ``LogisticLoss``, ``SquaredHingeLoss``.
public protocol MarginLoss: Sendable {
    /// Number of rows the loss is defined for.
    var rowCount: Int { get }
    /// Number of margins per row (classes or labels).
    var labelCount: Int { get }

    /// The weighted loss of `row` at `margins` (``labelCount`` values); writes its
    /// derivative ∂loss/∂mₖ into `derivative` (``labelCount`` values).
    /// O(``labelCount``); called concurrently for different rows.
    func loss(row: Int, margins: UnsafePointer<Double>, derivative: UnsafeMutablePointer<Double>) -> Double

    /// The diagonal of the Hessian of `row`'s weighted loss with respect to its margins,
    /// ∂²loss/∂mₖ², written into `curvature` (``labelCount`` values, ≥ 0); used only to
    /// precondition the optimizer. O(``labelCount``).
    func curvature(row: Int, margins: UnsafePointer<Double>, into curvature: UnsafeMutablePointer<Double>)
}
