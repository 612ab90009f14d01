import Testing
@testable import NLP

@Suite struct SparseMatrixTests {
    func sample() -> SparseMatrix {
        var matrix = SparseMatrix(columnCount: 5)
        matrix.appendRow([(0, 1), (3, 2)])
        matrix.appendRow([(Int32, Float)]())
        matrix.appendRow([(1, 3), (2, 4), (4, 5)])
        return matrix
    }

    @Test func storesRowsInCSR() {
        let matrix = sample()
        #expect(matrix.rowCount == 3)
        #expect(matrix.nonzeroCount == 5)
        #expect(Array(matrix.rowStarts) == [0, 2, 2, 5])
        #expect(matrix[0, 3] == 2 && matrix[0, 1] == 0 && matrix[2, 4] == 5 && matrix[1, 0] == 0)
    }

    @Test func stackingPutsThePartsRowsOneAfterTheOther() {
        let part = sample()
        let stacked = SparseMatrix(stacking: [part, SparseMatrix(columnCount: 5), part], columnCount: 5)
        #expect(stacked.rowCount == 6)
        #expect(Array(stacked.rowStarts) == [0, 2, 2, 5, 7, 7, 10])
        #expect((0..<6).map { stacked.row($0).map(\.column) } == (0..<6).map { part.row($0 % 3).map(\.column) })
        #expect(SparseMatrix(stacking: [part], columnCount: 5) == part)
        #expect(SparseMatrix(stacking: [], columnCount: 5) == SparseMatrix(columnCount: 5))
    }

    @Test func partsWrittenInPlaceMatchThePartsStacked() {
        let part = sample(), empty = SparseMatrix(columnCount: 5)
        let parts = [part, empty, part, part]
        let written = SparseMatrix(parts: parts.map { (rows: $0.rowCount, nonzeros: $0.nonzeroCount) }, columnCount: 5) { index, rowEnds, columns, values in
            let source = parts[index]
            for row in 0..<source.rowCount { rowEnds[row] = source.rowStarts[row + 1] }
            for entry in 0..<source.nonzeroCount {
                columns[entry] = source.columns[entry]
                values[entry] = source.values[entry]
            }
        }
        #expect(written == SparseMatrix(stacking: parts, columnCount: 5))
        #expect(Array(written.rowStarts) == [0, 2, 2, 5, 7, 7, 10, 12, 12, 15])
        #expect(SparseMatrix(parts: [], columnCount: 5) { _, _, _, _ in } == empty)
    }

    @Test func selectsAndAppendsRows() {
        let matrix = sample()
        let picked = matrix.rows([2, 0])
        #expect(picked.row(0).map(\.column) == [1, 2, 4])
        #expect(picked.row(1).map(\.value) == [1, 2])
        var joined = matrix
        joined.appendRows(of: picked)
        #expect(joined.rowCount == 5 && joined[4, 3] == 2)
    }
}
