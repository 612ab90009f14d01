import Dispatch

/// A sparse matrix in compressed sparse row (CSR) form: `Float` values, `Int32`
/// column indices, column indices sorted within each row.
///
/// Row `r` holds `values[rowStarts[r]..<rowStarts[r + 1]]` at columns
/// `columns[rowStarts[r]..<rowStarts[r + 1]]`.
public struct SparseMatrix: Sendable, Equatable {
    public private(set) var rowStarts: ContiguousArray<Int>
    public private(set) var columns: ContiguousArray<Int32>
    public private(set) var values: ContiguousArray<Float>
    public let columnCount: Int

    /// An empty matrix with `columnCount` columns and no rows.
    public init(columnCount: Int) {
        self.rowStarts = [0]
        self.columns = []
        self.values = []
        self.columnCount = columnCount
    }

    /// A matrix from CSR arrays.
    /// - Precondition: the arrays are consistent and columns sorted within rows.
    public init(rowStarts: ContiguousArray<Int>, columns: ContiguousArray<Int32>,
                values: ContiguousArray<Float>, columnCount: Int) {
        precondition(rowStarts.first == 0 && rowStarts.last == columns.count && columns.count == values.count)
        self.rowStarts = rowStarts
        self.columns = columns
        self.values = values
        self.columnCount = columnCount
    }

    public var rowCount: Int { rowStarts.count - 1 }
    /// Number of stored entries.
    public var nonzeroCount: Int { columns.count }

    /// Appends a row given as (column, value) pairs sorted by column.
    public mutating func appendRow<C: Collection>(_ entries: C) where C.Element == (Int32, Float) {
        for (column, value) in entries {
            columns.append(column)
            values.append(value)
        }
        rowStarts.append(columns.count)
    }

    /// Appends a row given as parallel arrays of columns (ascending) and values.
    public mutating func appendRow(columns rowColumns: UnsafeBufferPointer<Int32>, values rowValues: UnsafeBufferPointer<Float>) {
        precondition(rowColumns.count == rowValues.count)
        columns.append(contentsOf: rowColumns)
        values.append(contentsOf: rowValues)
        rowStarts.append(columns.count)
    }

    /// The rows of `parts`, one after the other; each part has `columnCount` columns.
    /// Sized once, so each value is copied once, the parts side by side on all cores:
    /// the copy is as large as the matrix, and on one core it (with its page faults)
    /// took a tenth of fitting a corpus. O(total non-zeros).
    public init(stacking parts: [SparseMatrix], columnCount: Int) {
        if parts.count == 1, parts[0].columnCount == columnCount { self = parts[0]; return }
        precondition(parts.allSatisfy { $0.columnCount == columnCount })
        var starts = [0]
        for part in parts { starts.append(starts.last! + part.nonzeroCount) }
        var rowStarts: ContiguousArray<Int> = [0]
        rowStarts.reserveCapacity(parts.reduce(1) { $0 + $1.rowCount })
        for (index, part) in parts.enumerated() {
            rowStarts.append(contentsOf: part.rowStarts.dropFirst().map { $0 + starts[index] })
        }
        self.init(rowStarts: rowStarts,
                  columns: SparseMatrix.concatenate(parts.map(\.columns), starts: starts),
                  values: SparseMatrix.concatenate(parts.map(\.values), starts: starts),
                  columnCount: columnCount)
    }

    /// A matrix whose rows several parts write in place at the same time, part after
    /// part: part `p` has `parts[p].rows` rows and `parts[p].nonzeros` entries, and
    /// `fill(p, rowEnds, columns, values)` writes them, `rowEnds[i]` being where its row
    /// `i` ends, counted from its first entry. Building the rows of each part apart and
    /// stacking them copied every entry a second time, into memory the system had to
    /// back afresh. `fill` runs concurrently, once per part.
    /// - Precondition: each part's rows end at its `nonzeros`.
    public init(parts: [(rows: Int, nonzeros: Int)], columnCount: Int,
                fill: (_ part: Int, _ rowEnds: UnsafeMutableBufferPointer<Int>,
                       _ columns: UnsafeMutableBufferPointer<Int32>, _ values: UnsafeMutableBufferPointer<Float>) -> Void) {
        // Where each part's rows and entries start.
        let rowBases = parts.reduce(into: [0]) { $0.append($0.last! + $1.rows) }
        let entryBases = parts.reduce(into: [0]) { $0.append($0.last! + $1.nonzeros) }
        let rowCount = rowBases.last!, total = entryBases.last!
        var rowStarts = ContiguousArray<Int>(repeating: 0, count: rowCount + 1)
        var values: ContiguousArray<Float> = []
        let columns = ContiguousArray<Int32>(unsafeUninitializedCapacity: total) { columnBuffer, columnsWritten in
            values = ContiguousArray(unsafeUninitializedCapacity: total) { valueBuffer, valuesWritten in
                rowStarts.withUnsafeMutableBufferPointer { starts in
                    withoutActuallyEscaping(fill) { fill in
                        let shared = UncheckedBox((starts, columnBuffer, valueBuffer, fill))
                        DispatchQueue.concurrentPerform(iterations: parts.count) { part in
                            let (starts, columns, values, fill) = shared.value
                            let rows = rowBases[part]..<rowBases[part + 1], entries = entryBases[part]..<entryBases[part + 1]
                            let rowEnds = UnsafeMutableBufferPointer(rebasing: starts[(rows.lowerBound + 1)..<(rows.upperBound + 1)])
                            fill(part, rowEnds, UnsafeMutableBufferPointer(rebasing: columns[entries]),
                                 UnsafeMutableBufferPointer(rebasing: values[entries]))
                            precondition(rows.isEmpty ? entries.isEmpty : rowEnds.last == entries.count,
                                          "a part's rows must end at its non-zero count")
                            for index in rowEnds.indices { rowEnds[index] += entries.lowerBound }
                        }
                    }
                }
                valuesWritten = total
            }
            columnsWritten = total
        }
        self.init(rowStarts: rowStarts, columns: columns, values: values, columnCount: columnCount)
    }

    /// `arrays` end to end, copied concurrently; `starts` are their offsets in the result.
    private static func concatenate<T: Sendable>(_ arrays: [ContiguousArray<T>], starts: [Int]) -> ContiguousArray<T> {
        let total = starts.last!
        return ContiguousArray(unsafeUninitializedCapacity: total) { buffer, initialized in
            let destination = UncheckedBox(buffer)
            DispatchQueue.concurrentPerform(iterations: arrays.count) { index in
                arrays[index].withUnsafeBufferPointer { source in
                    guard let from = source.baseAddress, source.count > 0 else { return }
                    (destination.value.baseAddress! + starts[index]).initialize(from: from, count: source.count)
                }
            }
            initialized = total
        }
    }

    /// Makes room for `rows` more rows holding `nonzeros` more values in all.
    public mutating func reserveCapacity(rows: Int, nonzeros: Int) {
        rowStarts.reserveCapacity(rowStarts.count + rows)
        columns.reserveCapacity(columns.count + nonzeros)
        values.reserveCapacity(values.count + nonzeros)
    }

    /// Appends all rows of `other`, which must have the same column count.
    public mutating func appendRows(of other: SparseMatrix) {
        precondition(other.columnCount == columnCount)
        let offset = columns.count
        columns.append(contentsOf: other.columns)
        values.append(contentsOf: other.values)
        rowStarts.append(contentsOf: other.rowStarts.dropFirst().map { $0 + offset })
    }

    /// Row `r` as (column, value) pairs.
    public func row(_ r: Int) -> [(column: Int32, value: Float)] {
        (rowStarts[r]..<rowStarts[r + 1]).map { (columns[$0], values[$0]) }
    }

    /// The rows at `indices`, in that order. O(nnz of the chosen rows).
    public func rows<S: Sequence>(_ indices: S) -> SparseMatrix where S.Element == Int {
        var result = SparseMatrix(columnCount: columnCount)
        for r in indices {
            let range = rowStarts[r]..<rowStarts[r + 1]
            result.columns.append(contentsOf: columns[range])
            result.values.append(contentsOf: values[range])
            result.rowStarts.append(result.columns.count)
        }
        return result
    }

    /// The value at (`r`, `c`), 0 when not stored. O(log k) for k entries in the row.
    public subscript(r: Int, c: Int) -> Float {
        var low = rowStarts[r], high = rowStarts[r + 1]
        while low < high {
            let mid = (low + high) / 2
            if Int(columns[mid]) < c { low = mid + 1 } else { high = mid }
        }
        return low < rowStarts[r + 1] && Int(columns[low]) == c ? values[low] : 0
    }
}
