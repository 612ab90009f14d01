import Foundation
import Testing
@testable import Train

@Suite struct LogisticLossTests {
    let problem = ReferenceProblem.random(rows: 30, features: 6, labels: 3, c: 1.3, seed: 12)
    var loss: LogisticLoss {
        LogisticLoss(indicators: problem.indicators, labelCount: problem.labelCount, sampleWeights: problem.rowWeights)
    }

    @Test func derivativeMatchesFiniteDifferences() {
        #expect(derivativeError(of: loss, seed: 2) < 1e-7)
        let weighted = LogisticLoss(indicators: problem.indicators, labelCount: 3,
                                    positiveWeights: [2, 0.5, 1], negativeWeights: [0.25, 3, 1])
        #expect(derivativeError(of: weighted, seed: 3) < 1e-7)
    }

    @Test func lossIsStableForHugeMargins() {
        let loss = LogisticLoss(indicators: [true, false], labelCount: 2)
        var derivative = [0.0, 0.0]
        let value = loss.loss(row: 0, margins: [-800, -800], derivative: &derivative)
        #expect(abs(value - 800) < 1e-9)
        #expect(abs(derivative[0] + 1) < 1e-12 && abs(derivative[1]) < 1e-300)
    }

    @Test func sidesAreWeightedSeparately() {
        let loss = LogisticLoss(indicators: [true, false], labelCount: 2, positiveWeights: [3, 5], negativeWeights: [7, 11])
        var derivative = [0.0, 0.0]
        let value = loss.loss(row: 0, margins: [0, 0], derivative: &derivative)
        #expect(abs(value - (3 + 11) * log(2)) < 1e-12)
        #expect(abs(derivative[0] + 1.5) < 1e-12 && abs(derivative[1] - 5.5) < 1e-12)
    }

    @Test func curvatureMatchesFiniteDifferencesOfTheDerivative() {
        #expect(curvatureError(of: loss, seed: 32) < 1e-6)
    }

    @Test func objectiveMatchesReference() {
        let objective = LinearObjective(matrix: problem.matrix, loss: loss, c: problem.c, threads: 2)
        let point = randomPoint(dimension: problem.dimension, seed: 7)
        let (value, gradient) = evaluateObjective(objective, at: point)
        let (expectedValue, expectedGradient) = problem.valueAndGradient(point, kind: .logistic)
        #expect(abs(value - expectedValue) < 1e-5 * abs(expectedValue))
        #expect(relativeError(gradient, expectedGradient) < 1e-5)
    }

    @Test func objectiveGradientMatchesFiniteDifferences() {
        let objective = LinearObjective(matrix: problem.matrix, loss: loss, c: problem.c, threads: 2)
        #expect(finiteDifferenceError(of: objective, at: randomPoint(dimension: problem.dimension, seed: 8)) < 2e-3)
    }
}
