import Foundation
import Testing
@testable import Train

@Suite struct SoftmaxLossTests {
    let problem = ReferenceProblem.random(rows: 30, features: 6, labels: 4, c: 0.7, seed: 11)
    var loss: SoftmaxLoss {
        SoftmaxLoss(classes: problem.classes, classCount: problem.labelCount, sampleWeights: problem.rowWeights)
    }

    @Test func derivativeMatchesFiniteDifferences() {
        #expect(derivativeError(of: loss, seed: 1) < 1e-7)
    }

    @Test func lossIsStableForHugeMargins() {
        let loss = SoftmaxLoss(classes: [0], classCount: 3)
        var derivative = [Double](repeating: 0, count: 3)
        let value = loss.loss(row: 0, margins: [1000, 0, -1000], derivative: &derivative)
        #expect(value.isFinite && value < 1e-300)
        let wrong = loss.loss(row: 0, margins: [-1000, 1000, 0], derivative: &derivative)
        #expect(abs(wrong - 2000) < 1e-9)
        #expect(abs(derivative[0] + 1) < 1e-12 && abs(derivative[1] - 1) < 1e-12 && derivative[2] == 0)
    }

    @Test func classAndSampleWeightsMultiply() {
        let loss = SoftmaxLoss(classes: [1, 0], classCount: 2, classWeights: [3, 5], sampleWeights: [2, 7])
        #expect(loss.rowWeights == [10, 21])
    }

    @Test func curvatureMatchesFiniteDifferencesOfTheDerivative() {
        #expect(curvatureError(of: loss, seed: 31) < 1e-6)
    }

    @Test func objectiveMatchesReference() {
        let objective = LinearObjective(matrix: problem.matrix, loss: loss, c: problem.c, threads: 2)
        let point = randomPoint(dimension: problem.dimension, seed: 5)
        let (value, gradient) = evaluateObjective(objective, at: point)
        let (expectedValue, expectedGradient) = problem.valueAndGradient(point, kind: .softmax)
        #expect(abs(value - expectedValue) < 1e-5 * abs(expectedValue))
        #expect(relativeError(gradient, expectedGradient) < 1e-5)
    }

    @Test func objectiveGradientMatchesFiniteDifferences() {
        let objective = LinearObjective(matrix: problem.matrix, loss: loss, c: problem.c, threads: 2)
        #expect(finiteDifferenceError(of: objective, at: randomPoint(dimension: problem.dimension, seed: 6)) < 2e-3)
    }
}
