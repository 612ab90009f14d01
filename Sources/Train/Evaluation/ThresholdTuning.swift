/// Chooses the probability from which a label is predicted, per label, on held-out
/// predictions.
public enum ThresholdTuning {
    /// The threshold that maximizes F-beta of `label` over `probabilities` (held-out
    /// probabilities of that label) against `truth`. Candidates are midpoints between
    /// consecutive distinct probabilities; ties go to the higher threshold (fewer false
    /// alarms on the many real articles that have no theme). With no positive example
    /// the threshold is 1 (never predict).
    /// - Parameter beta: < 1 favours precision, > 1 recall.
    /// - Complexity: O(n log n).
    public static func bestThreshold(probabilities: [Float], truth: [Bool], beta: Double = 1,
                                     floor: Float = 0.05) -> Float {
        let positives = truth.filter { $0 }.count
        guard positives > 0 else { return 1 }
        let order = probabilities.indices.sorted { probabilities[$0] > probabilities[$1] }
        var best: (score: Double, threshold: Float) = (-1, 1)
        var tp = 0, fp = 0
        let b2 = beta * beta
        for (rank, index) in order.enumerated() {
            if truth[index] { tp += 1 } else { fp += 1 }
            let next = rank + 1 < order.count ? probabilities[order[rank + 1]] : 0
            if next == probabilities[index] { continue }   // not a boundary between distinct values
            let precision = Double(tp) / Double(tp + fp)
            let recall = Double(tp) / Double(positives)
            let score = precision + recall == 0 ? 0 : (1 + b2) * precision * recall / (b2 * precision + recall)
            let threshold = max(floor, (probabilities[index] + next) / 2)
            if score > best.score { best = (score, threshold) }
        }
        return best.threshold
    }

    /// Thresholds for each label, tuned on all held-out rows.
    /// - Parameter probabilities: rows × labels, row-major.
    public static func thresholds(probabilities: [Float], truth: [Bool], labelCount: Int, beta: Double = 1) -> [Float] {
        let rows = labelCount == 0 ? 0 : probabilities.count / labelCount
        return (0..<labelCount).map { label in
            bestThreshold(probabilities: (0..<rows).map { probabilities[$0 * labelCount + label] },
                          truth: (0..<rows).map { truth[$0 * labelCount + label] }, beta: beta)
        }
    }

    /// Cross-fitted thresholds: for the rows of each group, thresholds tuned on the
    /// rows of the other groups, so that a report on these rows is not tuned on them.
    /// Returns rows × labels thresholds, row-major.
    public static func crossFitted(probabilities: [Float], truth: [Bool], labelCount: Int, groups: [Int],
                                   beta: Double = 1) -> [Float] {
        var result = [Float](repeating: 1, count: probabilities.count)
        for group in Set(groups) {
            let others = groups.indices.filter { groups[$0] != group }
            let tuned = thresholds(probabilities: others.flatMap { row in (0..<labelCount).map { probabilities[row * labelCount + $0] } },
                                   truth: others.flatMap { row in (0..<labelCount).map { truth[row * labelCount + $0] } },
                                   labelCount: labelCount, beta: beta)
            for row in groups.indices where groups[row] == group {
                for label in 0..<labelCount { result[row * labelCount + label] = tuned[label] }
            }
        }
        return result
    }
}
