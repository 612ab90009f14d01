import NLP

/// What ``fitLinearModel(_:targets:options:progress:)`` fits and how long it tries.
public struct FitOptions: Codable, Sendable, Equatable {
    /// The model: softmax (single-label only), one-vs-rest logistic regression, or
    /// one-vs-rest linear SVM with squared hinge loss (then Platt-scaled; its intercept
    /// is not penalized, unlike scikit-learn's `LinearSVC`).
    public var kind: LinearModel.Kind
    /// Inverse regularization strength C > 0: the objective is
    /// C·Σᵢ sᵢ·lossᵢ + ½‖W‖² (scikit-learn's and LIBLINEAR's scaling; biases unpenalized).
    public var c: Double
    /// Row weights by class.
    public var classWeight: ClassWeighting
    /// Limit on L-BFGS iterations (each costs about two passes over the non-zeros and
    /// 4m + 12 passes over the weights).
    public var maxIterations: Int
    /// Stop when the gradient norm has fallen to `tolerance` times its value at the
    /// start, or when the objective decreased by less than `tolerance` (relative) per
    /// iteration over the last 5 iterations. The default 10⁻⁴ brings the training
    /// log-loss of a softmax model within about 0.5% of the exact optimum's.
    public var tolerance: Double
    /// L-BFGS history length m; the optimizer keeps 2m + 5 vectors of
    /// features × labels `Float`s (at m = 5 and 600,000 features × 8 labels: 290 MB).
    public var lbfgsMemory: Int
    /// Cores to use; the result is bit-identical for the same value.
    public var threads: Int

    /// Options with the given values; the defaults fit a softmax model with C = 1.
    public init(kind: LinearModel.Kind = .softmax, c: Double = 1, classWeight: ClassWeighting = .none,
                maxIterations: Int = 300, tolerance: Double = 1e-4, lbfgsMemory: Int = 5,
                threads: Int = defaultThreadCount) {
        self.kind = kind
        self.c = c
        self.classWeight = classWeight
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.lbfgsMemory = lbfgsMemory
        self.threads = threads
    }
}
