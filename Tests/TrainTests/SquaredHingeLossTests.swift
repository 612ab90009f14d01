import Foundation
import Testing
@testable import Train

@Suite struct SquaredHingeLossTests {
    let problem = ReferenceProblem.random(rows: 30, features: 6, labels: 3, c: 0.4, seed: 13)
    var loss: SquaredHingeLoss {
        SquaredHingeLoss(indicators: problem.indicators, labelCount: problem.labelCount, sampleWeights: problem.rowWeights)
    }

    @Test func derivativeMatchesFiniteDifferences() {
        #expect(derivativeError(of: loss, seed: 4) < 1e-7)
    }

    @Test func lossIsZeroBeyondTheMargin() {
        let loss = SquaredHingeLoss(indicators: [true, false, true], labelCount: 3, positiveWeights: [2, 2, 2])
        var derivative = [9.0, 9.0, 9.0]
        let value = loss.loss(row: 0, margins: [1.5, -1, 0.5], derivative: &derivative)
        #expect(value == 2 * 0.25)
        #expect(derivative == [0, 0, -2 * 2 * 0.5])
    }

    @Test func curvatureMatchesFiniteDifferencesOfTheDerivative() {
        #expect(curvatureError(of: loss, seed: 33) < 1e-6)
    }

    @Test func objectiveMatchesReference() {
        let objective = LinearObjective(matrix: problem.matrix, loss: loss, c: problem.c, threads: 2)
        let point = randomPoint(dimension: problem.dimension, seed: 9)
        let (value, gradient) = evaluateObjective(objective, at: point)
        let (expectedValue, expectedGradient) = problem.valueAndGradient(point, kind: .squaredHinge)
        #expect(abs(value - expectedValue) < 1e-5 * abs(expectedValue))
        #expect(relativeError(gradient, expectedGradient) < 1e-5)
    }

    @Test func objectiveGradientMatchesFiniteDifferences() {
        let objective = LinearObjective(matrix: problem.matrix, loss: loss, c: problem.c, threads: 2)
        #expect(finiteDifferenceError(of: objective, at: randomPoint(dimension: problem.dimension, seed: 10)) < 2e-3)
    }
}
