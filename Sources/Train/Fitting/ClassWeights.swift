/// How training rows are weighted by their class.
public enum ClassWeighting: String, Codable, Sendable, CaseIterable {
    /// Every row weighs 1.
    case none
    /// Rows weigh inversely to their class's frequency (scikit-learn's
    /// `class_weight="balanced"`): see ``balancedClassWeights(classes:classCount:)``.
    case balanced
}

/// scikit-learn's balanced class weights, `n / (k × count(class))` for n rows and the
/// k classes that occur; 0 for a class that does not occur (it has no rows to weigh).
/// The weights of the rows then sum to n.
///
/// - Parameters:
///   - classes: the class of each row, in `0..<classCount`.
///   - classCount: number of classes.
/// - Complexity: O(rows + classes).
public func balancedClassWeights(classes: [Int], classCount: Int) -> [Double] {
    var counts = [Int](repeating: 0, count: classCount)
    for label in classes { counts[label] += 1 }
    return balancedWeights(counts: counts)
}

/// `n / (k × count)` per class from the class counts (n their sum, k the number of
/// non-zero counts); 0 for a zero count.
func balancedWeights(counts: [Int]) -> [Double] {
    let total = counts.reduce(0, +), present = counts.filter { $0 > 0 }.count
    return counts.map { $0 == 0 ? 0 : Double(total) / Double(present * $0) }
}

/// Balanced weights of the binary problems of a one-vs-rest model: for each label, the
/// ``balancedClassWeights(classes:classCount:)`` of its two classes (rows that have the
/// label, rows that do not), so `n / (2 × positives)` and `n / (2 × negatives)` when both
/// occur and 1 for the only side that occurs.
///
/// - Parameter indicators: rows × `labelCount` targets, row-major.
/// - Complexity: O(rows × labels).
public func balancedBinaryWeights(indicators: [Bool], labelCount: Int) -> (positive: [Double], negative: [Double]) {
    precondition(labelCount > 0 && indicators.count % labelCount == 0)
    let rows = indicators.count / labelCount
    var positives = [Int](repeating: 0, count: labelCount)
    for row in 0..<rows {
        for label in 0..<labelCount where indicators[row * labelCount + label] { positives[label] += 1 }
    }
    var positive = [Double](), negative = [Double]()
    for label in 0..<labelCount {
        let weights = balancedWeights(counts: [rows - positives[label], positives[label]])
        negative.append(weights[0])
        positive.append(weights[1])
    }
    return (positive, negative)
}
