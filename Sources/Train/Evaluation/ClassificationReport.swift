import Foundation

/// How well predictions match the truth: per label precision, recall, F1 and
/// support; accuracy; macro-F1; and a confusion matrix.
///
/// For single-label data the confusion matrix is over the labels. For multi-label
/// data each label is scored as its own yes/no question; accuracy is the share of
/// documents whose whole label set is right, and the confusion matrix is over the
/// primary label, with `none` for documents without labels.
public struct ClassificationReport: Sendable, Equatable {
    public struct LabelScores: Sendable, Equatable {
        public var label: String
        public var precision: Double
        public var recall: Double
        public var f1: Double
        /// Documents that truly have the label.
        public var support: Int
    }

    public var labels: [LabelScores]
    public var accuracy: Double
    public var macroF1: Double
    /// Multi-label only: F1 over all (document, label) decisions.
    public var microF1: Double?
    /// Multi-label only: how often the primary label (or `none`) is right.
    public var primaryAccuracy: Double?
    /// Row = truth, column = prediction, over `confusionLabels`.
    public var confusion: [[Int]]
    public var confusionLabels: [String]
    public var documents: Int

    /// Scores predicted label sets against true ones.
    /// - Parameters:
    ///   - labelNames: every label, in report order.
    ///   - truePrimary/predictedPrimary: the primary labels (`nil` for none); used for
    ///     the multi-label confusion matrix and primary accuracy.
    public init(labelNames: [String], truth: [[String]], predicted: [[String]], multiLabel: Bool,
                truePrimary: [String?]? = nil, predictedPrimary: [String?]? = nil) {
        precondition(truth.count == predicted.count)
        documents = truth.count
        labels = labelNames.map { label in
            var tp = 0, fp = 0, fn = 0
            for (t, p) in zip(truth, predicted) {
                let inTruth = t.contains(label), inPrediction = p.contains(label)
                if inTruth && inPrediction { tp += 1 } else if inPrediction { fp += 1 } else if inTruth { fn += 1 }
            }
            let precision = tp + fp == 0 ? 0 : Double(tp) / Double(tp + fp)
            let recall = tp + fn == 0 ? 0 : Double(tp) / Double(tp + fn)
            let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
            return LabelScores(label: label, precision: precision, recall: recall, f1: f1, support: tp + fn)
        }
        let present = labels.filter { $0.support > 0 }
        macroF1 = present.isEmpty ? 0 : present.map(\.f1).reduce(0, +) / Double(present.count)
        accuracy = documents == 0 ? 0 : Double(zip(truth, predicted).filter { Set($0) == Set($1) }.count) / Double(documents)

        if multiLabel {
            var tp = 0, fp = 0, fn = 0
            for (t, p) in zip(truth, predicted) {
                tp += Set(t).intersection(p).count
                fp += Set(p).subtracting(t).count
                fn += Set(t).subtracting(p).count
            }
            microF1 = tp == 0 ? 0 : 2 * Double(tp) / Double(2 * tp + fp + fn)
            let truthPrimary = truePrimary ?? truth.map(\.first)
            let predictionPrimary = predictedPrimary ?? predicted.map(\.first)
            confusionLabels = labelNames + ["none"]
            primaryAccuracy = documents == 0 ? 0
                : Double(zip(truthPrimary, predictionPrimary).filter { $0 == $1 }.count) / Double(documents)
            confusion = ClassificationReport.confusion(truthPrimary.map { $0 ?? "none" }, predictionPrimary.map { $0 ?? "none" },
                                                       labels: confusionLabels)
        } else {
            microF1 = nil
            primaryAccuracy = nil
            confusionLabels = labelNames
            confusion = ClassificationReport.confusion(truth.map { $0.first ?? "" }, predicted.map { $0.first ?? "" },
                                                       labels: labelNames)
        }
    }

    private static func confusion(_ truth: [String], _ predicted: [String], labels: [String]) -> [[Int]] {
        let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        var matrix = [[Int]](repeating: [Int](repeating: 0, count: labels.count), count: labels.count)
        for (t, p) in zip(truth, predicted) {
            if let row = index[t], let column = index[p] { matrix[row][column] += 1 }
        }
        return matrix
    }

    /// The headline metrics by name, as stored in model files.
    public var metrics: [String: Double] {
        var result = ["accuracy": accuracy, "macro-f1": macroF1]
        if let microF1 { result["micro-f1"] = microF1 }
        if let primaryAccuracy { result["primary-accuracy"] = primaryAccuracy }
        return result
    }

    /// Per-label metrics by name, as stored in model files.
    public var perLabel: [String: [String: Double]] {
        Dictionary(uniqueKeysWithValues: labels.map {
            ($0.label, ["precision": $0.precision, "recall": $0.recall, "f1": $0.f1, "support": Double($0.support)])
        })
    }

    /// The report as a text table; `unit` names what was classified ("documents", "paragraphs").
    public func formatted(title: String, unit: String = "documents") -> String {
        let width = max(12, (labels.map(\.label.count) + confusionLabels.map(\.count)).max() ?? 12)
        func pad(_ text: String, _ n: Int) -> String { text.count >= n ? text : text + String(repeating: " ", count: n - text.count) }
        func left(_ text: String, _ n: Int) -> String { text.count >= n ? text : String(repeating: " ", count: n - text.count) + text }
        var lines = ["\(title) (\(documents) \(unit))", ""]
        lines.append(pad("label", width) + left("precision", 11) + left("recall", 9) + left("f1", 9) + left("support", 9))
        for scores in labels {
            lines.append(pad(scores.label, width) + left(String(format: "%.3f", scores.precision), 11)
                         + left(String(format: "%.3f", scores.recall), 9) + left(String(format: "%.3f", scores.f1), 9)
                         + left("\(scores.support)", 9))
        }
        lines.append("")
        lines.append(pad(microF1 == nil ? "accuracy" : "exact-set accuracy", width + 2) + String(format: "%.4f", accuracy))
        lines.append(pad("macro-F1", width + 2) + String(format: "%.4f", macroF1))
        if let microF1 { lines.append(pad("micro-F1", width + 2) + String(format: "%.4f", microF1)) }
        if let primaryAccuracy { lines.append(pad("primary accuracy", width + 2) + String(format: "%.4f", primaryAccuracy)) }
        lines.append("")
        lines.append(microF1 == nil ? "confusion matrix (rows: truth, columns: prediction)"
                                    : "confusion matrix of the primary label (rows: truth, columns: prediction)")
        let cell = max(6, (confusion.flatMap { $0 }.map { "\($0)".count }.max() ?? 1) + 2)
        lines.append(pad("", width) + confusionLabels.indices.map { left("[\($0)]", cell) }.joined())
        for (row, label) in confusionLabels.enumerated() {
            lines.append(pad("[\(row)] " + label, width + 4).prefix(width + 4) + confusion[row].map { left("\($0)", cell) }.joined())
        }
        return lines.joined(separator: "\n")
    }
}
