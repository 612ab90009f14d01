import Foundation
import NLP
import Testing
@testable import Train

@Suite struct LinearObjectiveTests {
    let problem = ReferenceProblem.random(rows: 40, features: 9, labels: 3, density: 0.5, c: 2, seed: 21)

    func objective(threads: Int) -> LinearObjective<SoftmaxLoss> {
        LinearObjective(matrix: problem.matrix,
                        loss: SoftmaxLoss(classes: problem.classes, classCount: 3, sampleWeights: problem.rowWeights),
                        c: problem.c, threads: threads)
    }

    @Test func lineSearchRestrictionAgreesWithFullEvaluations() {
        let objective = objective(threads: 2)
        let point = randomPoint(dimension: problem.dimension, seed: 1)
        let direction = randomPoint(dimension: problem.dimension, seed: 2)
        _ = evaluateObjective(objective, at: point)
        let x = ContiguousArray(point.map { Float($0) }), d = ContiguousArray(direction.map { Float($0) })
        let prepared = x.withUnsafeBufferPointer { x in d.withUnsafeBufferPointer { objective.beginLineSearch(at: x, direction: $0) } }
        #expect(prepared)
        for step in [0.0, 0.25, 1.0, 3.0] {
            let (value, slope) = objective.lineValue(step: step)
            let moved = zip(point, direction).map { $0 + step * $1 }
            let (expected, gradient) = problem.valueAndGradient(moved, kind: .softmax)
            let expectedSlope = zip(gradient, direction).map { $0 * $1 }.reduce(0, +)
            #expect(abs(value - expected) < 1e-6 * abs(expected))
            #expect(abs(slope - expectedSlope) < 1e-5 * max(1, abs(expectedSlope)))
        }
    }

    @Test func completeStepGivesTheGradientAtTheNewPoint() {
        let objective = objective(threads: 2)
        let point = randomPoint(dimension: problem.dimension, seed: 3)
        let direction = randomPoint(dimension: problem.dimension, seed: 4)
        _ = evaluateObjective(objective, at: point)
        var x = ContiguousArray(point.map { Float($0) })
        let d = ContiguousArray(direction.map { Float($0) })
        var gradient = ContiguousArray<Float>(repeating: 0, count: objective.dimension)
        let step = 0.5
        let value = x.withUnsafeMutableBufferPointer { x in
            d.withUnsafeBufferPointer { d in
                _ = objective.beginLineSearch(at: UnsafeBufferPointer(x), direction: d)
                for index in x.indices { x[index] += Float(step) * d[index] }
                return gradient.withUnsafeMutableBufferPointer { objective.completeStep(step, at: UnsafeBufferPointer(x), gradient: $0) }
            }
        }
        let (expected, expectedGradient) = problem.valueAndGradient(x.map { Double($0) }, kind: .softmax)
        #expect(abs(value - expected) < 1e-6 * abs(expected))
        #expect(relativeError(gradient.map { Double($0) }, expectedGradient) < 1e-5)
    }

    @Test func evaluationIsDeterministicAndThreadCountOnlyChangesRounding() {
        let point = randomPoint(dimension: problem.dimension, seed: 5)
        let first = evaluateObjective(objective(threads: 3), at: point)
        let second = evaluateObjective(objective(threads: 3), at: point)
        #expect(first.0 == second.0 && first.1 == second.1)
        let serial = evaluateObjective(objective(threads: 1), at: point)
        #expect(abs(serial.0 - first.0) < 1e-9 * abs(first.0))
        #expect(relativeError(serial.1, first.1) < 1e-6)
    }

    @Test func preconditionerIsTheInverseHessianDiagonal() {
        let objective = objective(threads: 2)
        let point = randomPoint(dimension: problem.dimension, seed: 6)
        _ = evaluateObjective(objective, at: point)
        var diagonal = [Float](repeating: 0, count: objective.dimension)
        #expect(diagonal.withUnsafeMutableBufferPointer { objective.diagonalPreconditioner(into: $0) })
        // Reference: Σᵢ sᵢ·xᵢⱼ²·pᵢₖ(1 − pᵢₖ) from the dense margins.
        let k = problem.labelCount, bias = problem.featureCount * k
        var hessian = [Double](repeating: 0, count: objective.dimension)
        for (row, m) in problem.margins(point).enumerated() {
            let top = m.max()!
            let total = m.reduce(0) { $0 + exp($1 - top) }
            for label in 0..<k {
                let p = exp(m[label] - top) / total
                let h = problem.c * problem.rowWeights[row] * p * (1 - p)
                hessian[bias + label] += h
                for feature in 0..<problem.featureCount {
                    hessian[feature * k + label] += h * problem.dense[row][feature] * problem.dense[row][feature]
                }
            }
        }
        let expected = hessian.indices.map { $0 < bias ? 1 / (1 + hessian[$0]) : 1 / hessian[$0] }
        #expect(relativeError(diagonal.map { Double($0) }, expected) < 1e-5)
    }

    @Test func rowBlocksCoverEveryRowWithBalancedNonzeros() {
        var matrix = SparseMatrix(columnCount: 10)
        for row in 0..<100 { matrix.appendRow((0..<(row % 7 == 0 ? 10 : 1)).map { (Int32($0), Float(1)) }) }
        let blocks = LinearObjective<SoftmaxLoss>.balancedBlocks(matrix, parts: 3)
        #expect(blocks.count == 3 && blocks.first?.lowerBound == 0 && blocks.last?.upperBound == 100)
        #expect(zip(blocks, blocks.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        let counts = blocks.map { matrix.rowStarts[$0.upperBound] - matrix.rowStarts[$0.lowerBound] }
        #expect(counts.max()! - counts.min()! <= 10)
    }
}
