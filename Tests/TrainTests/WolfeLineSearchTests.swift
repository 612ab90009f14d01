import Foundation
import Testing
@testable import Train

@Suite struct WolfeLineSearchTests {
    /// Asserts both strong Wolfe conditions for `result` on `phi`.
    func satisfiesWolfe(_ result: LineSearchStep?, _ phi: (Double) -> (value: Double, slope: Double),
                        c1: Double = 1e-4, c2: Double = 0.9) -> Bool {
        guard let result, result.satisfiesWolfe else { return false }
        let (value0, slope0) = phi(0)
        let (value, slope) = phi(result.step)
        return value == result.value && slope == result.slope
            && value <= value0 + c1 * result.step * slope0 && abs(slope) <= c2 * abs(slope0)
    }

    @Test(arguments: [1e-3, 1.0, 50.0])
    func quadraticFromAnyInitialStep(_ initialStep: Double) {
        let phi = { (a: Double) in ((a - 2) * (a - 2), 2 * (a - 2)) }
        let result = strongWolfeLineSearch(value: 4, slope: -4, initialStep: initialStep, phi)
        #expect(satisfiesWolfe(result, phi))
    }

    @Test func tightCurvatureConditionFindsTheMinimizerOfACubic() {
        // φ(α) = α³ − 3α on α ≥ 0 has its minimum at α = 1; cubic interpolation is exact.
        let phi = { (a: Double) in (a * a * a - 3 * a, 3 * a * a - 3) }
        let conditions = WolfeConditions(sufficientDecrease: 1e-7, curvature: 1e-6)
        let result = strongWolfeLineSearch(value: 0, slope: -3, initialStep: 3, conditions: conditions, phi)
        #expect(satisfiesWolfe(result, phi, c1: 1e-7, c2: 1e-6))
        #expect(abs((result?.step ?? 0) - 1) < 1e-6)
        #expect((result?.evaluations ?? 99) <= 4)
    }

    @Test func nonConvexFunction() {
        // Moré & Thuente's first test function, φ(α) = −α / (α² + β) with β = 2.
        let phi = { (a: Double) in (-a / (a * a + 2), (a * a - 2) / ((a * a + 2) * (a * a + 2))) }
        for initialStep in [1e-3, 1e-1, 10, 1000] {
            let result = strongWolfeLineSearch(value: 0, slope: -0.5, initialStep: initialStep,
                                               conditions: WolfeConditions(curvature: 0.1), phi)
            #expect(satisfiesWolfe(result, phi, c2: 0.1))
        }
    }

    @Test func nonFiniteTrialsCountAsTooFar() {
        let phi = { (a: Double) in a > 1 ? (Double.infinity, Double.nan) : ((a - 0.5) * (a - 0.5), 2 * (a - 0.5)) }
        let result = strongWolfeLineSearch(value: 0.25, slope: -1, initialStep: 100, phi)
        #expect(satisfiesWolfe(result, phi))
    }

    @Test func noDecreaseGivesNil() {
        // The claimed slope is negative but φ only grows: nothing to accept.
        let phi = { (a: Double) in (1 + a, 1.0) }
        #expect(strongWolfeLineSearch(value: 1, slope: -1, initialStep: 1, phi) == nil)
    }

    @Test func cubicInterpolationIsExactOnCubics() {
        // p(α) = (α − 1)³ − 3(α − 1) + α² has a local minimizer where 3(α−1)² − 3 + 2α = 0.
        let p = { (a: Double) in (a - 1) * (a - 1) * (a - 1) - 3 * (a - 1) + a * a }
        let dp = { (a: Double) in 3 * (a - 1) * (a - 1) - 3 + 2 * a }
        let minimizer = cubicMinimizer(0, p(0), dp(0), 2, p(2), dp(2))
        #expect(abs(dp(minimizer)) < 1e-12)
        #expect(6 * (minimizer - 1) + 2 > 0)
    }
}
