import NLP
import Testing
@testable import Train

@Suite struct FeatureOrderTests {
    /// Column 2 in three rows, column 0 in two, columns 1 and 3 in one each.
    var matrix: SparseMatrix {
        var matrix = SparseMatrix(columnCount: 4)
        matrix.appendRow([(0, 1), (2, 2)])
        matrix.appendRow([(1, 3), (2, 4)])
        matrix.appendRow([(0, 5), (2, 6), (3, 7)])
        return matrix
    }

    @Test func ordersByDecreasingFrequencyThenColumn() {
        let order = FeatureOrder(byFrequencyIn: matrix)
        #expect(order.original == [2, 0, 1, 3])
        #expect(order.renumbered == [1, 2, 0, 3])
    }

    @Test func renumberedMatrixKeepsRowsSortedByNewColumn() {
        let order = FeatureOrder(byFrequencyIn: matrix)
        let renumbered = order.apply(to: matrix, threads: 2)
        #expect(renumbered.rowStarts == matrix.rowStarts)
        #expect(Array(renumbered.columns) == [0, 1, 0, 2, 0, 1, 3])
        #expect(Array(renumbered.values) == [2, 1, 4, 3, 6, 5, 7])
    }

    @Test func restorePutsWeightsBackInColumnOrder() {
        let order = FeatureOrder(byFrequencyIn: matrix)
        // Two labels; weight (new index i, label l) = 10·(original column) + l.
        var weights = [Float]()
        for index in 0..<4 { for label in 0..<2 { weights.append(Float(10 * Int(order.original[index]) + label)) } }
        #expect(Array(order.restore(weights[...], labelCount: 2)) == [0, 1, 10, 11, 20, 21, 30, 31])
    }
}
