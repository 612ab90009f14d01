import Foundation
import Testing
@testable import Train

@Suite struct PlattScalingTests {
    @Test func recoversKnownSigmoid() {
        var generator = SeededGenerator(seed: 42)
        let truth = PlattSigmoid(a: 2.5, b: -0.75)
        let margins = (0..<20_000).map { _ in Double.random(in: -3...3, using: &generator) }
        let positives = margins.map { Double.random(in: 0..<1, using: &generator) < truth.probability(margin: $0) }
        let fitted = fitPlattSigmoid(margins: margins, positives: positives)
        #expect(abs(fitted.a - truth.a) < 0.1)
        #expect(abs(fitted.b - truth.b) < 0.06)
    }

    @Test func fitIsTheMaximumLikelihoodWithSmoothedTargets() {
        // Optimality: the gradient Σ(p − t)·(m, 1) vanishes at the fitted (a, b).
        let margins: [Double] = [-2, -1.5, -0.3, 0.1, 0.4, 1.2, 2.2, -0.8, 0.9, 1.7]
        let positives = [false, false, true, false, true, true, true, false, false, true]
        let fitted = fitPlattSigmoid(margins: margins, positives: positives)
        let high = 6.0 / 7, low = 1.0 / 7
        var ga = 0.0, gb = 0.0
        for (m, positive) in zip(margins, positives) {
            let residual = fitted.probability(margin: m) - (positive ? high : low)
            ga += residual * m; gb += residual
        }
        #expect(abs(ga) < 1e-7 && abs(gb) < 1e-7)
        #expect(fitted.a > 0)
    }

    @Test func separableMarginsStayFinite() {
        let margins: [Double] = [-3, -2, -1, 1, 2, 3]
        let positives = [false, false, false, true, true, true]
        let fitted = fitPlattSigmoid(margins: margins, positives: positives)
        #expect(fitted.a.isFinite && fitted.b.isFinite && fitted.a > 0)
        // Smoothed targets: the most confident probability stays below 1.
        #expect(fitted.probability(margin: 3) < 0.99)
        #expect(abs(fitted.b) < 1e-6)
    }

    @Test func probabilityIsStable() {
        let sigmoid = PlattSigmoid(a: 1, b: 0)
        #expect(sigmoid.probability(margin: 1000) == 1)
        #expect(sigmoid.probability(margin: -1000) == 0)
        #expect(sigmoid.probability(margin: 0) == 0.5)
    }
}
