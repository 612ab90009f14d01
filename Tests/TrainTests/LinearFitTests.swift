import Foundation
import NLP
import Testing
@testable import Train

@Suite struct LinearFitTests {
    /// The fitted model's variables in the objective's layout (weights, then biases).
    func variables(_ model: LinearModel) -> [Double] {
        model.weights.map { Double($0) } + model.biases.map { Double($0) }
    }

    func tight(_ kind: LinearModel.Kind, c: Double, threads: Int = 2) -> FitOptions {
        FitOptions(kind: kind, c: c, maxIterations: 2000, tolerance: 1e-9, lbfgsMemory: 7, threads: threads)
    }

    @Test(arguments: [false, true])
    func softmaxReachesTheNewtonOptimum(separable: Bool) {
        var problem = ReferenceProblem.random(rows: 60, features: 5, labels: 3, density: 0.7, c: 2,
                                              separable: separable, seed: separable ? 31 : 32)
        problem.rowWeights = Array(repeating: 1, count: 60)
        let result = fitLinearModel(problem.matrix, targets: .singleLabel(classes: problem.classes, classCount: 3),
                                    options: tight(.softmax, c: 2))
        let fitted = variables(result.model)
        let optimum = problem.newtonOptimum(kind: .softmax)
        #expect(relativeError(fitted, optimum) < 1e-4)
        let (value, gradient) = problem.valueAndGradient(fitted, kind: .softmax)
        let initialGradient = problem.valueAndGradient([Double](repeating: 0, count: problem.dimension), kind: .softmax).1
        #expect(gradient.map(abs).max()! < 1e-4 * initialGradient.map(abs).max()!)
        #expect(abs(result.objective - value) < 1e-6 * value)
        #expect(result.converged || result.stopReason == .lineSearchFailed)
    }

    @Test func trainingLogLossIsTheMeanNegativeLogLikelihood() {
        let problem = ReferenceProblem.random(rows: 50, features: 6, labels: 4, seed: 33)
        let result = fitLinearModel(problem.matrix, targets: .singleLabel(classes: problem.classes, classCount: 4),
                                    options: FitOptions(kind: .softmax, c: 1, maxIterations: 30, threads: 1))
        var total = 0.0
        for row in 0..<50 {
            let probabilities = result.model.probabilities(fromMargins: result.model.margins(problem.matrix.row(row).map { ($0.column, $0.value) }))
            total -= log(Double(probabilities[problem.classes[row]]))
        }
        #expect(abs(result.trainingLogLoss! - total / 50) < 1e-5)
    }

    @Test func oneVsRestLogisticReachesTheNewtonOptimum() {
        // Multi-label: each row also gets label 0 when feature 0 is positive.
        var problem = ReferenceProblem.random(rows: 50, features: 4, labels: 3, density: 0.8, c: 0.8, seed: 34)
        problem.rowWeights = Array(repeating: 1, count: 50)
        for row in 0..<50 where problem.dense[row][0] > 0 { problem.indicators[row * 3] = true }
        let result = fitLinearModel(problem.matrix, targets: .multiLabel(indicators: problem.indicators, labelCount: 3),
                                    options: tight(.oneVsRestLogistic, c: 0.8))
        #expect(result.model.kind == .oneVsRestLogistic && result.model.plattA.isEmpty)
        #expect(relativeError(variables(result.model), problem.newtonOptimum(kind: .logistic)) < 1e-4)
        let margins = problem.margins(variables(result.model))
        var total = 0.0
        for row in 0..<50 {
            for label in 0..<3 {
                let y = problem.indicators[row * 3 + label] ? 1.0 : -1.0
                total += log(1 + exp(-y * margins[row][label]))
            }
        }
        #expect(abs(result.trainingLogLoss! - total / 150) < 1e-5)
    }

    @Test func squaredHingeSVMReachesTheNewtonOptimumAndIsCalibrated() {
        var problem = ReferenceProblem.random(rows: 60, features: 4, labels: 3, density: 0.8, c: 0.5, seed: 35)
        problem.rowWeights = Array(repeating: 1, count: 60)
        let result = fitLinearModel(problem.matrix, targets: .singleLabel(classes: problem.classes, classCount: 3),
                                    options: tight(.oneVsRestSquaredHinge, c: 0.5))
        #expect(result.trainingLogLoss == nil)
        let fitted = variables(result.model)
        #expect(relativeError(fitted, problem.newtonOptimum(kind: .squaredHinge)) < 1e-4)
        // Platt scaling: one increasing sigmoid per label, fitted on the training margins.
        #expect(result.model.plattA.count == 3 && result.model.plattA.allSatisfy { $0 > 0 })
        let margins = problem.margins(fitted)
        let expected = fitPlattSigmoid(margins: margins.map { $0[1] }, positives: problem.classes.map { $0 == 1 })
        #expect(abs(Double(result.model.plattA[1]) - expected.a) < 1e-3 * expected.a)
        #expect(abs(Double(result.model.plattB[1]) - expected.b) < 1e-3 * max(1, abs(expected.b)))
    }

    @Test func balancedClassWeightsEnterTheObjective() {
        var problem = ReferenceProblem.random(rows: 40, features: 5, labels: 3, seed: 36)
        let weights = balancedClassWeights(classes: problem.classes, classCount: 3)
        problem.rowWeights = problem.classes.map { weights[$0] }
        var options = tight(.softmax, c: 1)
        options.classWeight = .balanced
        let result = fitLinearModel(problem.matrix, targets: .singleLabel(classes: problem.classes, classCount: 3), options: options)
        let fitted = variables(result.model)
        #expect(abs(problem.valueAndGradient(fitted, kind: .softmax).0 - result.objective) < 1e-6 * result.objective)
        #expect(relativeError(fitted, problem.newtonOptimum(kind: .softmax)) < 1e-4)
    }

    @Test func fitsAreBitIdentical() {
        // 9,000 features × 8 labels: long enough for chunked vector operations.
        var generator = SeededGenerator(seed: 37)
        var matrix = SparseMatrix(columnCount: 9000)
        var classes: [Int] = []
        for _ in 0..<300 {
            let columns = Set((0..<25).map { _ in Int32.random(in: 0..<9000, using: &generator) }).sorted()
            matrix.appendRow(columns.map { ($0, Float.random(in: 0.1...1, using: &generator)) })
            classes.append(Int(columns[0]) % 8)
        }
        func fit() -> FitResult {
            fitLinearModel(matrix, targets: .singleLabel(classes: classes, classCount: 8),
                           options: FitOptions(kind: .softmax, c: 10, maxIterations: 25, threads: 2))
        }
        let first = fit(), second = fit()
        #expect(first.model.weights == second.model.weights && first.model.biases == second.model.biases)
        #expect(first.objective == second.objective && first.iterations == second.iterations)
    }
}
