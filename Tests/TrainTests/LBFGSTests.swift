import Foundation
import Testing
@testable import Train

/// f(x) = ½ xᵀAx − bᵀx for A = diag(1…n) + 0.5·(ones on the first off-diagonals);
/// optionally with an exact line restriction.
final class Quadratic: Objective {
    let n: Int
    let restricted: Bool
    let preconditioned: Bool
    var dimension: Int { n }
    private var current: [Double] = []
    private var line: [Double] = []

    init(n: Int, restricted: Bool = false, preconditioned: Bool = false) {
        self.n = n
        self.restricted = restricted
        self.preconditioned = preconditioned
    }

    /// The inverse of A's diagonal.
    func diagonalPreconditioner(into diagonal: UnsafeMutableBufferPointer<Float>) -> Bool {
        for i in 0..<n { diagonal[i] = 1 / Float(i + 1) }
        return preconditioned
    }

    func b(_ i: Int) -> Double { Double(i % 5) - 2 }
    func times(_ x: [Double]) -> [Double] {
        (0..<n).map { i in
            Double(i + 1) * x[i] + (i > 0 ? 0.5 * x[i - 1] : 0) + (i + 1 < n ? 0.5 * x[i + 1] : 0)
        }
    }
    func value(_ x: [Double]) -> Double {
        let ax = times(x)
        return (0..<n).reduce(0.0) { $0 + 0.5 * x[$1] * ax[$1] - b($1) * x[$1] }
    }
    var optimum: [Double] {
        var matrix = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n { var e = [Double](repeating: 0, count: n); e[i] = 1; let column = times(e); for j in 0..<n { matrix[j][i] = column[j] } }
        return solveLinearSystem(matrix, (0..<n).map(b))
    }

    func evaluate(at point: UnsafeBufferPointer<Float>, gradient: UnsafeMutableBufferPointer<Float>) -> Double {
        current = point.map { Double($0) }
        let ax = times(current)
        for i in 0..<n { gradient[i] = Float(ax[i] - b(i)) }
        return value(current)
    }

    func beginLineSearch(at point: UnsafeBufferPointer<Float>, direction: UnsafeBufferPointer<Float>) -> Bool {
        line = direction.map { Double($0) }
        return restricted
    }

    func lineValue(step: Double) -> (value: Double, slope: Double) {
        let moved = zip(current, line).map { $0 + step * $1 }
        let ax = times(moved)
        return (value(moved), (0..<n).reduce(0.0) { $0 + (ax[$1] - b($1)) * line[$1] })
    }

    func completeStep(_ step: Double, at point: UnsafeBufferPointer<Float>, gradient: UnsafeMutableBufferPointer<Float>) -> Double {
        evaluate(at: point, gradient: gradient)
    }
}

/// The extended Rosenbrock function Σ 100(x₂ᵢ₊₁ − x₂ᵢ²)² + (1 − x₂ᵢ)², minimum 0 at (1, …, 1).
/// Plus `offset`.
final class Rosenbrock: Objective {
    let dimension: Int
    let offset: Double
    init(dimension: Int, offset: Double = 0) {
        self.dimension = dimension
        self.offset = offset
    }

    func evaluate(at point: UnsafeBufferPointer<Float>, gradient: UnsafeMutableBufferPointer<Float>) -> Double {
        var value = offset
        for i in stride(from: 0, to: dimension, by: 2) {
            let x = Double(point[i]), y = Double(point[i + 1])
            value += 100 * (y - x * x) * (y - x * x) + (1 - x) * (1 - x)
            gradient[i] = Float(-400 * x * (y - x * x) - 2 * (1 - x))
            gradient[i + 1] = Float(200 * (y - x * x))
        }
        return value
    }
}

/// A separable quadratic of large dimension, to exercise the chunked vector code.
final class WideQuadratic: Objective {
    let dimension = 70_000
    func evaluate(at point: UnsafeBufferPointer<Float>, gradient: UnsafeMutableBufferPointer<Float>) -> Double {
        var value = 0.0
        for i in 0..<dimension {
            let scale = Double(1 + i % 13), target = Double(i % 7) - 3
            let difference = Double(point[i]) - target
            value += 0.5 * scale * difference * difference + 0.1 * difference * difference * difference * difference
            gradient[i] = Float(scale * difference + 0.4 * difference * difference * difference)
        }
        return value
    }
}

@Suite struct LBFGSTests {
    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func quadraticReachesItsMinimizer(restricted: Bool, preconditioned: Bool) {
        let objective = Quadratic(n: 40, restricted: restricted, preconditioned: preconditioned)
        var x = ContiguousArray<Float>(repeating: 0, count: 40)
        let report = minimizeLBFGS(objective, from: &x,
                                   options: LBFGSOptions(memory: 7, gradientTolerance: 1e-6, preconditionerRefreshInterval: 3))
        #expect(report.stopReason == .gradientTolerance)
        #expect(relativeError(x.map { Double($0) }, objective.optimum) < 1e-5)
        // The Jacobi preconditioner makes this (diagonally dominant) problem easy.
        #expect(report.iterations < (preconditioned ? 15 : 60))
    }

    @Test(arguments: [2, 10])
    func rosenbrockReachesItsMinimizer(dimension: Int) {
        let objective = Rosenbrock(dimension: dimension)
        var x = ContiguousArray<Float>((0..<dimension).map { $0 % 2 == 0 ? -1.2 : 1 })
        let report = minimizeLBFGS(objective, from: &x, options: LBFGSOptions(maxIterations: 500, gradientTolerance: 1e-7))
        #expect(report.converged || report.stopReason == .lineSearchFailed)
        #expect(x.allSatisfy { abs($0 - 1) < 1e-3 })
        #expect(report.value < 1e-6)
    }

    @Test func progressIsReportedEveryIterationAndLimitsStop() {
        var reports: [OptimizerProgress] = []
        var x = ContiguousArray<Float>([-1.2, 1])
        let report = minimizeLBFGS(Rosenbrock(dimension: 2), from: &x, options: LBFGSOptions(maxIterations: 4)) {
            reports.append($0)
        }
        #expect(report.stopReason == .maxIterations && report.iterations == 4 && !report.converged)
        #expect(reports.map(\.iteration) == [0, 1, 2, 3, 4])
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $1.value < $0.value })
        #expect(reports.last?.value == report.value)
    }

    @Test func decreaseToleranceStops() {
        var x = ContiguousArray<Float>([-1.2, 1])
        let options = LBFGSOptions(maxIterations: 500, gradientTolerance: 0, decreaseTolerance: 1e-4, decreaseWindow: 3)
        let report = minimizeLBFGS(Rosenbrock(dimension: 2, offset: 1), from: &x, options: options)
        #expect(report.stopReason == .decreaseTolerance)
        #expect(report.value < 1.01)
    }

    @Test func runsAreBitIdentical() {
        func run() -> (ContiguousArray<Float>, LBFGSReport) {
            var x = ContiguousArray<Float>(repeating: 0, count: 70_000)
            let report = minimizeLBFGS(WideQuadratic(), from: &x,
                                       options: LBFGSOptions(maxIterations: 10, gradientTolerance: 0, threads: 2))
            return (x, report)
        }
        let (first, firstReport) = run(), (second, secondReport) = run()
        #expect(first == second)
        #expect(firstReport == secondReport)
        #expect(firstReport.value < 1e-2 * 70_000)
    }
}
