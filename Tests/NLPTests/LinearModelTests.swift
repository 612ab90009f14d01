import Testing
@testable import NLP

@Suite struct LinearModelTests {
    /// A model whose weights and a row whose values are varied enough that a changed
    /// order of additions would show in the last bits.
    func model(labels: Int, features: Int) -> LinearModel {
        let weights = ContiguousArray((0..<(features * labels)).map { Float(($0 * 7919) % 1009) / 97 - 5 })
        let biases = ContiguousArray((0..<labels).map { Float($0) / 3 - 1 })
        return LinearModel(kind: .softmax, featureCount: features, labelCount: labels, weights: weights, biases: biases)
    }

    /// Labels go through SIMD lanes of eight, then four, then one at a time: every label
    /// count must give exactly the margins of the plain loop (same products, same order).
    @Test(arguments: [1, 3, 4, 5, 8, 9, 12, 13, 20])
    func marginsMatchThePlainLoopBitForBit(_ labels: Int) {
        let features = 50
        let model = model(labels: labels, features: features)
        let row: [(Int32, Float)] = (0..<23).map { (Int32(($0 * 13) % features), Float($0 + 1) / 7) }.sorted { $0.0 < $1.0 }
        var expected = Array(model.biases)
        for (column, value) in row {
            for label in 0..<labels { expected[label] += value * model.weight(feature: Int(column), label: label) }
        }
        let margins = model.margins(row)
        #expect(margins.map(\.bitPattern) == expected.map(\.bitPattern))
    }

    @Test func theLastFeaturesRowIsReadWithinBounds() {
        // The last row's weights end the array: a vector load past them would read
        // memory that is not the model's (address sanitizer would catch it; here the
        // values must simply be right).
        let model = model(labels: 6, features: 3)
        let margins = model.margins([(2, 1)])
        #expect(margins == (0..<6).map { model.biases[$0] + model.weight(feature: 2, label: $0) })
    }

    @Test func matrixMarginsAreEachRowsMargins() {
        let model = model(labels: 5, features: 10)
        var matrix = SparseMatrix(columnCount: 10)
        let rows: [[(Int32, Float)]] = [[(1, 0.5), (4, 2)], [], [(0, 1), (9, -1)]]
        for row in rows { matrix.appendRow(row) }
        let all = model.margins(matrix)
        for (index, row) in rows.enumerated() {
            #expect(Array(all[(index * 5)..<(index * 5 + 5)]) == model.margins(row))
        }
    }

    @Test func softmaxProbabilitiesSumToOneAndFollowTheMargins() {
        let model = model(labels: 4, features: 2)
        let probabilities = model.probabilities(fromMargins: [1, 3, 2, -1])
        #expect(abs(probabilities.reduce(0, +) - 1) < 1e-6)
        #expect(probabilities.indices.sorted { probabilities[$0] > probabilities[$1] } == [1, 2, 0, 3])
    }
}
