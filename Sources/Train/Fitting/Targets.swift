/// What a linear model learns to predict for each training row.
public enum Targets: Sendable, Equatable {
    /// Exactly one class per row: `classes[row]` in `0..<classCount`.
    case singleLabel(classes: [Int], classCount: Int)
    /// Any set of labels per row: `indicators[row * labelCount + label]` is `true` when
    /// the row has the label (rows × labelCount, row-major).
    case multiLabel(indicators: [Bool], labelCount: Int)

    /// Number of classes or labels: the model's outputs.
    public var labelCount: Int {
        switch self {
        case .singleLabel(_, let classCount): return classCount
        case .multiLabel(_, let labelCount): return labelCount
        }
    }

    /// Number of rows described.
    public var rowCount: Int {
        switch self {
        case .singleLabel(let classes, _): return classes.count
        case .multiLabel(let indicators, let labelCount): return labelCount == 0 ? 0 : indicators.count / labelCount
        }
    }

    /// The targets as a rows × labels indicator matrix, row-major (one-hot rows for
    /// single-label targets). O(rows × labels).
    public var indicators: [Bool] {
        switch self {
        case .singleLabel(let classes, let classCount):
            var indicators = [Bool](repeating: false, count: classes.count * classCount)
            for (row, label) in classes.enumerated() { indicators[row * classCount + label] = true }
            return indicators
        case .multiLabel(let indicators, _):
            return indicators
        }
    }
}
