import Dispatch
import Foundation
import NLP

/// Everything `classify train` can be told, as one plain struct.
public struct TrainingOptions: Sendable {
    /// The classifier: logistic regression (softmax for single-label data, one-vs-rest
    /// for multi-label data) or a linear SVM (squared hinge, one-vs-rest, Platt-scaled).
    public enum ModelChoice: String, CaseIterable, Sendable { case logistic, svm }

    /// How the held-out report is measured.
    public enum Evaluation: Sendable, Equatable, CustomStringConvertible {
        /// No held-out report; multi-label thresholds stay at 0.5.
        case none
        /// Hold out this fraction (stratified), fit on the rest, report on it.
        case validation(Double)
        /// K-fold stratified cross-validation: every document is held out once.
        case folds(Int)
        /// 5 folds below 5,000 documents, else 10% validation.
        case automatic

        public var description: String {
            switch self {
            case .none: return "none"
            case .validation(let fraction): return "validation \(fraction)"
            case .folds(let folds): return "\(folds)-fold cross-validation"
            case .automatic: return "automatic"
            }
        }
    }

    public var vectorizer: TfidfVectorizer.Configuration
    public var model: ModelChoice
    /// `nil`: decided by the data.
    public var multiLabel: Bool?
    public var c: Double
    public var classWeight: ClassWeighting
    public var evaluation: Evaluation
    /// Seeds the held-out split and the folds.
    public var seed: UInt64
    public var maxIterations: Int
    public var tolerance: Double
    public var threads: Int
    /// Multi-label thresholds maximize F-beta on held-out data; below 1 favours precision.
    public var thresholdBeta: Double

    public init(vectorizer: TfidfVectorizer.Configuration = TfidfVectorizer.Configuration(minDF: .count(2)),
                model: ModelChoice = .logistic, multiLabel: Bool? = nil, c: Double = 10,
                classWeight: ClassWeighting = .none, evaluation: Evaluation = .automatic, seed: UInt64 = 1,
                maxIterations: Int = 300, tolerance: Double = 1e-4, threads: Int = defaultThreadCount,
                thresholdBeta: Double = 1) {
        self.vectorizer = vectorizer
        self.model = model
        self.multiLabel = multiLabel
        self.c = c
        self.classWeight = classWeight
        self.evaluation = evaluation
        self.seed = seed
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.threads = threads
        self.thresholdBeta = thresholdBeta
    }

    /// The model kind these options fit on data that is (or is not) multi-label.
    public func kind(multiLabel: Bool) -> LinearModel.Kind {
        switch model {
        case .logistic: return multiLabel ? .oneVsRestLogistic : .softmax
        case .svm: return .oneVsRestSquaredHinge
        }
    }

    /// The options as `name: value` strings, for model metadata.
    public var record: [String: String] {
        var result = [
            "model": model.rawValue, "c": "\(c)", "class-weight": classWeight.rawValue, "seed": "\(seed)",
            "ngrams": vectorizer.ngrams.description, "min-df": vectorizer.minDF.description,
            "max-df": vectorizer.maxDF.description, "tone-style": vectorizer.tokenizer.toneStyle.rawValue,
            "numbers": vectorizer.tokenizer.numbersAsClass ? "class" : "keep",
            "stop-words": "\(vectorizer.tokenizer.removeStopWords)", "sublinear-tf": "\(vectorizer.sublinearTF)",
            "max-iterations": "\(maxIterations)", "tolerance": "\(tolerance)", "threshold-beta": "\(thresholdBeta)",
        ]
        if let maxFeatures = vectorizer.maxFeatures { result["max-features"] = "\(maxFeatures)" }
        return result
    }
}

/// A step of training, for a progress display.
public struct TrainingProgress: Sendable {
    /// What is happening: "vectorizing", "fold 2/5", "final model"…
    public var stage: String
    /// The optimizer's latest iteration, while fitting.
    public var fit: FitProgress?
}

/// What training produced.
public struct TrainingResult: Sendable {
    public var classifier: ThemeClassifier
    /// The held-out report, unless evaluation was `.none`.
    public var report: ClassificationReport?
    /// How `report` was measured.
    public var evaluation: String
    /// The final fit on all documents.
    public var fit: FitResult
}

/// Trains theme classifiers: vectorize, fit, measure on held-out data, choose
/// thresholds, and fit the final model on everything.
public enum Trainer {
    /// Trains on `dataset`.
    /// - Throws: ``DatasetError/tooFewExamplesForFolds(_:label:count:folds:)`` when a
    ///   label is too rare for the requested folds.
    public static func train(_ dataset: Dataset, options: TrainingOptions,
                             progress: ((TrainingProgress) -> Void)? = nil) throws(DatasetError) -> TrainingResult {
        let start = DispatchTime.now().uptimeNanoseconds
        let problem = Problem(dataset, options: options)
        let evaluation = resolved(options.evaluation, documents: dataset.documents.count)

        var report: ClassificationReport?
        var thresholds = [Float](repeating: 0.5, count: problem.labelCount)
        var paragraphThresholds = thresholds
        var evaluationText = "none"
        switch evaluation {
        case .none, .automatic:
            break
        case .folds(let k):
            try problem.checkFolds(k)
            let folds = Folds.stratified(strata: problem.strata, count: k, seed: options.seed)
            let heldOut = problem.heldOutProbabilities(groups: folds, options: options) { fold in
                progress?(TrainingProgress(stage: "fold \(fold + 1)/\(k)", fit: nil))
            }
            (report, thresholds, paragraphThresholds) = problem.evaluate(heldOut, rows: Array(0..<problem.rowCount),
                                                                         groups: folds, beta: options.thresholdBeta)
            evaluationText = "\(k)-fold cross-validation (seed \(options.seed))"
        case .validation(let fraction):
            let held = Folds.holdOut(strata: problem.strata, fraction: fraction, seed: options.seed)
            let rows = held.indices.filter { held[$0] }
            if !rows.isEmpty {
                progress?(TrainingProgress(stage: "validation", fit: nil))
                let heldOut = problem.heldOut(trainingRows: held.indices.filter { !held[$0] }, heldOutRows: rows,
                                              options: options)
                // Thresholds for each half of the held-out rows are tuned on the other half.
                let halves = rows.indices.map { $0 % 2 }
                (report, thresholds, paragraphThresholds) = problem.evaluate(heldOut, rows: rows, groups: halves,
                                                                             beta: options.thresholdBeta)
                evaluationText = "\(rows.count) held-out documents (\(Int((fraction * 100).rounded()))%, seed \(options.seed))"
            }
        }

        progress?(TrainingProgress(stage: "final model", fit: nil))
        let (vectorizer, fit) = problem.fit(rows: Array(0..<problem.rowCount), options: options) { step in
            progress?(TrainingProgress(stage: "final model", fit: step))
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let record = ClassifierMetadata.TrainingRecord(
            data: dataset.source, dataFingerprint: dataset.fingerprint, documents: dataset.documents.count,
            options: options.record, seconds: seconds, iterations: fit.iterations, converged: fit.converged,
            metrics: report?.metrics ?? [:], perLabel: report?.perLabel ?? [:], evaluation: evaluationText)
        let metadata = ClassifierMetadata(
            labels: dataset.labels, multiLabel: problem.multiLabel, thresholds: thresholds, paragraphThresholds: paragraphThresholds,
            model: fit.model.kind, featureCount: vectorizer.featureCount, vectorizer: options.vectorizer,
            vectorizerDocuments: vectorizer.state.documentCount, training: record,
            createdAt: ModelTimestamp.now())
        return TrainingResult(classifier: ThemeClassifier(metadata: metadata, vectorizer: vectorizer, model: fit.model),
                              report: report, evaluation: evaluationText, fit: fit)
    }

    /// K-fold cross-validation of a training configuration: one report per fold, each
    /// on documents the fold's model never saw (thresholds tuned inside the training
    /// folds' held-out predictions).
    public static func crossValidate(_ dataset: Dataset, folds k: Int, options: TrainingOptions,
                                     progress: ((TrainingProgress) -> Void)? = nil) throws(DatasetError) -> [ClassificationReport] {
        let problem = Problem(dataset, options: options)
        try problem.checkFolds(k)
        let folds = Folds.stratified(strata: problem.strata, count: k, seed: options.seed)
        let heldOut = problem.heldOutProbabilities(groups: folds, options: options) { fold in
            progress?(TrainingProgress(stage: "fold \(fold + 1)/\(k)", fit: nil))
        }
        let thresholds = ThresholdTuning.crossFitted(probabilities: heldOut.documents, truth: problem.indicators,
                                                     labelCount: problem.labelCount, groups: folds, beta: options.thresholdBeta)
        return (0..<k).map { fold in
            let rows = folds.indices.filter { folds[$0] == fold }
            return problem.report(rows: rows, heldOut: heldOut.subset(rows, labelCount: problem.labelCount),
                                  thresholds: rows.flatMap { row in (0..<problem.labelCount).map { thresholds[row * problem.labelCount + $0] } })
        }
    }

    static func resolved(_ evaluation: TrainingOptions.Evaluation, documents: Int) -> TrainingOptions.Evaluation {
        guard evaluation == .automatic else { return evaluation }
        return documents < 5_000 ? .folds(5) : .validation(0.1)
    }
}

/// Held-out predictions: document probabilities (rows × labels, row-major) and, for
/// multi-label problems, each document's paragraph probabilities and lengths.
struct HeldOut {
    var documents: [Float]
    var paragraphs: [[[Float]]]
    var paragraphLengths: [[Int]]

    func subset(_ rows: [Int], labelCount: Int) -> HeldOut {
        HeldOut(documents: rows.flatMap { row in (0..<labelCount).map { documents[row * labelCount + $0] } },
                paragraphs: paragraphs.isEmpty ? [] : rows.map { paragraphs[$0] },
                paragraphLengths: paragraphLengths.isEmpty ? [] : rows.map { paragraphLengths[$0] })
    }
}

/// A dataset prepared for fitting: cleaned articles, label indices, targets.
struct Problem {
    let dataset: Dataset
    let articles: [Article]
    let texts: [String]
    let multiLabel: Bool
    let labelCount: Int
    /// rows × labels indicators, row-major.
    let indicators: [Bool]
    /// Single-label class of each row (multi-label: unused).
    let classes: [Int]
    /// What folds are stratified by: the primary label, or `none`.
    let strata: [String]
    let options: TrainingOptions
    var rowCount: Int { texts.count }

    init(_ dataset: Dataset, options: TrainingOptions) {
        self.dataset = dataset
        self.options = options
        multiLabel = dataset.isMultiLabel
        labelCount = dataset.labels.count
        let index = Dictionary(uniqueKeysWithValues: dataset.labels.enumerated().map { ($1, $0) })
        let cleaner = ArticleCleaner()
        let documents = dataset.documents
        articles = parallelMap(documents.count) { cleaner.clean(documents[$0].text) }
        texts = articles.map(\.text)
        var indicators = [Bool](repeating: false, count: documents.count * dataset.labels.count)
        for (row, document) in documents.enumerated() {
            for label in document.labels { indicators[row * dataset.labels.count + index[label]!] = true }
        }
        self.indicators = indicators
        classes = documents.map { $0.labels.first.flatMap { index[$0] } ?? 0 }
        strata = documents.map { $0.primary ?? $0.labels.first ?? "none" }
    }

    func checkFolds(_ k: Int) throws(DatasetError) {
        for (label, count) in zip(dataset.labels, dataset.labelCounts) where count < 2 {
            throw .tooFewExamplesForFolds(dataset.source, label: label, count: count, folds: k)
        }
    }

    func targets(_ rows: [Int]) -> Targets {
        if multiLabel {
            return .multiLabel(indicators: rows.flatMap { row in (0..<labelCount).map { indicators[row * labelCount + $0] } },
                               labelCount: labelCount)
        }
        return .singleLabel(classes: rows.map { classes[$0] }, classCount: labelCount)
    }

    func fitOptions() -> FitOptions {
        FitOptions(kind: options.kind(multiLabel: multiLabel), c: options.c, classWeight: options.classWeight,
                   maxIterations: options.maxIterations, tolerance: options.tolerance, threads: options.threads)
    }

    /// Fits a vectorizer and a model on `rows`.
    func fit(rows: [Int], options: TrainingOptions, progress: ((FitProgress) -> Void)? = nil) -> (TfidfVectorizer, FitResult) {
        let (vectorizer, matrix) = TfidfVectorizer.fitTransform(rows.map { texts[$0] }, configuration: options.vectorizer,
                                                                threads: options.threads)
        return (vectorizer, fitLinearModel(matrix, targets: targets(rows), options: fitOptions(), progress: progress))
    }

    /// Predictions for `heldOutRows` of a model fitted on `trainingRows`.
    func heldOut(trainingRows: [Int], heldOutRows: [Int], options: TrainingOptions) -> HeldOut {
        let (vectorizer, fit) = self.fit(rows: trainingRows, options: options)
        let matrix = vectorizer.transform(heldOutRows.map { texts[$0] }, threads: options.threads)
        let margins = fit.model.margins(matrix)
        let labelCount = self.labelCount
        let documents = (0..<heldOutRows.count).flatMap { row in
            fit.model.probabilities(fromMargins: Array(margins[(row * labelCount)..<((row + 1) * labelCount)]))
        }
        guard multiLabel else { return HeldOut(documents: documents, paragraphs: [], paragraphLengths: []) }
        let paragraphs = parallelMap(heldOutRows.count) { position in
            articles[heldOutRows[position]].paragraphs.map { fit.model.probabilities(fromMargins: fit.model.margins(vectorizer.transform($0))) }
        }
        return HeldOut(documents: documents, paragraphs: paragraphs,
                       paragraphLengths: heldOutRows.map { articles[$0].paragraphs.map(\.count) })
    }

    /// Every row's predictions from the model of the fold that held it out.
    func heldOutProbabilities(groups: [Int], options: TrainingOptions, announce: (Int) -> Void) -> HeldOut {
        var result = HeldOut(documents: [Float](repeating: 0, count: rowCount * labelCount),
                             paragraphs: multiLabel ? [[[Float]]](repeating: [], count: rowCount) : [],
                             paragraphLengths: multiLabel ? [[Int]](repeating: [], count: rowCount) : [])
        for group in Set(groups).sorted() {
            announce(group)
            let held = groups.indices.filter { groups[$0] == group }
            let part = heldOut(trainingRows: groups.indices.filter { groups[$0] != group }, heldOutRows: held, options: options)
            for (position, row) in held.enumerated() {
                for label in 0..<labelCount { result.documents[row * labelCount + label] = part.documents[position * labelCount + label] }
                if multiLabel {
                    result.paragraphs[row] = part.paragraphs[position]
                    result.paragraphLengths[row] = part.paragraphLengths[position]
                }
            }
        }
        return result
    }

    /// The report on `rows` (cross-fitted thresholds by `groups`), the thresholds tuned
    /// on all of them for the final model, and paragraph thresholds tuned on the
    /// paragraphs of held-out articles with one theme or none (which take their
    /// article's label: the only paragraph labels the training data implies).
    func evaluate(_ heldOut: HeldOut, rows: [Int], groups: [Int], beta: Double) -> (ClassificationReport, [Float], [Float]) {
        let truth = rows.flatMap { row in (0..<labelCount).map { indicators[row * labelCount + $0] } }
        if !multiLabel {
            let half = [Float](repeating: 0.5, count: labelCount)
            return (report(rows: rows, heldOut: heldOut, thresholds: []), half, half)
        }
        let crossFitted = ThresholdTuning.crossFitted(probabilities: heldOut.documents, truth: truth, labelCount: labelCount,
                                                      groups: groups, beta: beta)
        let final = ThresholdTuning.thresholds(probabilities: heldOut.documents, truth: truth, labelCount: labelCount, beta: beta)
        var paragraphProbabilities: [Float] = [], paragraphTruth: [Bool] = []
        for (position, row) in rows.enumerated() {
            let labels = (0..<labelCount).map { indicators[row * labelCount + $0] }
            guard labels.filter({ $0 }).count <= 1 else { continue }
            for probabilities in heldOut.paragraphs[position] {
                paragraphProbabilities += probabilities
                paragraphTruth += labels
            }
        }
        let paragraphThresholds = paragraphProbabilities.isEmpty ? final
            : ThresholdTuning.thresholds(probabilities: paragraphProbabilities, truth: paragraphTruth, labelCount: labelCount, beta: beta)
        return (report(rows: rows, heldOut: heldOut, thresholds: crossFitted), final, paragraphThresholds)
    }

    /// Scores predictions for `rows` (held-out predictions and thresholds in row order).
    func report(rows: [Int], heldOut: HeldOut, thresholds: [Float]) -> ClassificationReport {
        var predicted: [[String]] = []
        var predictedPrimary: [String?] = []
        for position in rows.indices {
            let scores = Array(heldOut.documents[(position * labelCount)..<((position + 1) * labelCount)])
            let order = scores.indices.sorted { scores[$0] > scores[$1] }
            let chosen = multiLabel ? order.filter { scores[$0] >= thresholds[position * labelCount + $0] } : [order[0]]
            var primary = chosen.first
            if multiLabel && chosen.count > 1 && !heldOut.paragraphs[position].isEmpty {
                primary = ThemeClassifier.primaryByText(chosen: chosen, paragraphProbabilities: heldOut.paragraphs[position],
                                                        paragraphLengths: heldOut.paragraphLengths[position],
                                                        documentProbabilities: scores)
            }
            predicted.append(chosen.map { dataset.labels[$0] })
            predictedPrimary.append(primary.map { dataset.labels[$0] })
        }
        let documents = rows.map { dataset.documents[$0] }
        return ClassificationReport(labelNames: dataset.labels, truth: documents.map(\.labels), predicted: predicted,
                                    multiLabel: multiLabel, truePrimary: documents.map { $0.primary ?? $0.labels.first },
                                    predictedPrimary: predictedPrimary)
    }
}
